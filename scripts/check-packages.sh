#!/usr/bin/env bash
# Checks that the packages publish cleanly, without publishing anything:
#
#   - `cargo publish --dry-run -p spf-core -p spf-ffi`: both crates are packaged
#     and each is built from its package alone (spf-ffi against the packaged
#     spf-core, which cargo puts in a temporary local registry, so the pair
#     verifies before spf-core is on crates.io). Any warning but the dry run's
#     own "aborting upload" fails the check;
#   - each crate holds LICENSE-MIT, LICENSE-APACHE and README.md, the licences
#     identical to the repository's;
#   - `npm pack --dry-run` of the WebAssembly package (wasm/pkg, built by
#     scripts/build-wasm.sh) succeeds and lists the licences.
#
#   ./scripts/check-packages.sh
#
# Needs the crates.io index (cargo resolves the crates' dependencies there) and
# npm. On a tree with uncommitted changes it passes --allow-dirty and says so.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }
die() { printf 'check-packages.sh: error: %s\n' "$*" >&2; exit 1; }

dirty=()
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  echo "note: uncommitted changes: passing --allow-dirty (a release is made from a clean tree)"
  dirty=(--allow-dirty)
fi

step "cargo publish --dry-run -p spf-core -p spf-ffi"
# cargo verifies spf-ffi against the packaged spf-core through a temporary
# local registry, but unpacks that package under $CARGO_HOME/registry/src and
# reuses the unpacked copy on a later run of the same version: spf-ffi would be
# built against an earlier spf-core. Only the local registries' copies of this
# workspace's own crates are removed (crates.io's folder is left alone).
cargo_home=${CARGO_HOME:-$HOME/.cargo}
for unpacked in "$cargo_home"/registry/src/*/spf-core-* "$cargo_home"/registry/src/*/spf-ffi-*; do
  case "$unpacked" in
    "$cargo_home"/registry/src/index.crates.io-*) ;;
    *) if [ -d "$unpacked" ]; then rm -rf "$unpacked"; fi ;;
  esac
done
log=target/check-packages-cargo.log
mkdir -p target
if ! cargo publish --dry-run --locked "${dirty[@]}" -p spf-core -p spf-ffi >"$log" 2>&1; then
  cat "$log" >&2
  die "cargo publish --dry-run failed"
fi
grep -E '^ *(Packag|Verif|Upload)|warning' "$log" | sed 's/^ */  /'
unexpected=$(grep -i 'warning' "$log" | grep -v 'aborting upload due to dry run' || true)
[ -z "$unexpected" ] || die "cargo publish --dry-run warned: $unexpected"
[ "$(grep -c 'aborting upload due to dry run' "$log")" = 2 ] || die "expected both crates to reach the (aborted) upload"

step "crate contents"
for crate in spf-core:core spf-ffi:ffi; do
  name=${crate%%:*} dir=${crate#*:}
  list=$(cargo package --list --locked "${dirty[@]}" -p "$name" 2>/dev/null)
  version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$dir/Cargo.toml" | head -n 1)
  for file in LICENSE-MIT LICENSE-APACHE README.md Cargo.toml; do
    grep -qx "$file" <<<"$list" || die "$name's package lacks $file"
  done
  for file in LICENSE-MIT LICENSE-APACHE; do
    cmp -s "$file" "target/package/$name-$version/$file" || die "$name's $file differs from the repository's"
  done
  echo "  $name $version: $(wc -l <<<"$list") files, with LICENSE-MIT, LICENSE-APACHE, README.md"
done

step "npm pack --dry-run wasm/pkg"
[ -f wasm/pkg/package.json ] || die "wasm/pkg is not built (run ./scripts/build-wasm.sh)"
if ! npm pack --dry-run --json ./wasm/pkg >target/check-packages-npm.json 2>target/check-packages-npm.err; then
  cat target/check-packages-npm.err >&2
  die "npm pack --dry-run failed"
fi
files=$(node -e 'const [p] = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${p.name}@${p.version} ${p.entryCount} files, ${p.size} bytes packed`);
  for (const f of p.files) console.log(`  ${f.path} (${f.size} bytes)`);' target/check-packages-npm.json)
echo "$files"
for file in LICENSE-MIT LICENSE-APACHE README.md package.json; do
  grep -q "^  $file " <<<"$files" || die "the npm package lacks $file"
done
[ "$(grep -c 'spf_bg.wasm (' <<<"$files")" = 1 ] || die "the npm package should hold one spf_bg.wasm"
if grep -qi 'warn' target/check-packages-npm.err; then
  cat target/check-packages-npm.err >&2
  die "npm pack --dry-run warned"
fi
echo
echo "packages: spf-core, spf-ffi and spf-wasm publish cleanly (dry runs)"
