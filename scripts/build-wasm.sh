#!/usr/bin/env bash
# Builds the WebAssembly package folder wasm/pkg/ (what `npm install` takes):
#   web/   ES module for browsers (`import init, {…} from ".../web/spf.js"`) and
#          the package's one spf_bg.wasm
#   node/  ES module for Node that loads ../web/spf_bg.wasm synchronously; as it has
#          no top-level await, CommonJS code can require() it (Node 20.19+, 22.12+)
#   form/  the breach form's module for browsers (spf-wasm without its `full`
#          feature: breach assessment under the default policy, about a quarter of the download)
# Installs what the build needs when it is missing: the wasm32-unknown-unknown
# target, wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock,
# wasm-snip (pinned, for the form's module) and the npm tools (binaryen's
# wasm-opt). No wasm-pack: it downloads tools at run time.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "installing the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
fi

# wasm-snip, for the breach form's module (below), at the version the build
# was written against.
wasm_snip_version=0.4.0

# The CLI must match the crate exactly: the two agree on a private schema.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if [ -z "$bindgen_version" ]; then
    echo "error: no wasm-bindgen version in Cargo.lock" >&2
    exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen_version" ]; then
    step "installing wasm-bindgen-cli $bindgen_version"
    cargo install --locked wasm-bindgen-cli --version "$bindgen_version"
fi

# npm tools: wasm-opt from npm's binaryen (Debian's v108 cannot read the
# reference-types code that current Rust and wasm-bindgen emit), TypeScript,
# playwright-core, axe-core and govuk-frontend for the tests and example pages.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    step "installing npm packages (npm ci)"
    npm ci --no-audit --no-fund
fi

step "cargo build -p spf-wasm (wasm32-unknown-unknown, profile wasm-release)"
cargo build --locked -p spf-wasm --target wasm32-unknown-unknown --profile wasm-release
input=target/wasm32-unknown-unknown/wasm-release/spf_wasm.wasm

# Built beside the package folder and swapped in at the end, so that a page or
# test using wasm/pkg never sees half a package.
final=wasm/pkg
out=wasm/pkg.partial
rm -rf "$out"
mkdir -p "$out"

step "wasm-bindgen $bindgen_version (web and node)"
wasm-bindgen --target web --out-dir "$out/web" --out-name spf "$input"
wasm-bindgen --target experimental-nodejs-module --out-dir "$out/node" --out-name spf "$input"
# wasm-bindgen writes a package.json of its own into the node folder; the
# package's one at the top says everything (ES modules throughout).
rm -f "$out/node/package.json"

# Both targets get the same module from wasm-bindgen (the glue differs, the .wasm
# does not), so the package ships one copy: the node glue reads the web folder's.
if ! cmp -s "$out/web/spf_bg.wasm" "$out/node/spf_bg.wasm"; then
    echo "error: wasm-bindgen wrote different modules for web and node; the package cannot share one" >&2
    exit 1
fi
rm "$out/node/spf_bg.wasm" "$out/node/spf_bg.wasm.d.ts"
wasm_url="const wasmUrl = new URL('spf_bg.wasm', import.meta.url);"
if [ "$(grep -cxF "$wasm_url" "$out/node/spf.js")" != 1 ]; then
    echo "error: node/spf.js does not load spf_bg.wasm as expected (line: $wasm_url)" >&2
    exit 1
fi
sed -i "s|^const wasmUrl = new URL('spf_bg.wasm', import.meta.url);\$|const wasmUrl = new URL('../web/spf_bg.wasm', import.meta.url);|" "$out/node/spf.js"
grep -qxF "const wasmUrl = new URL('../web/spf_bg.wasm', import.meta.url);" "$out/node/spf.js"

# The same crate again without its `full` feature (so `input` is rebuilt): the
# breach form's module.
step "cargo build -p spf-wasm --no-default-features (the breach form's module)"
cargo build --locked -p spf-wasm --no-default-features --target wasm32-unknown-unknown --profile wasm-release

# The form's module loses Rust's own float formatting (`<f64 as Display>::fmt`
# and the Grisu and Dragon code under it, about 18 KB raw, 7 KB gzipped), which nothing in
# it can call: core and the wasm crate hold no floating-point values, and the
# one place that formats an f64 with it is the `Float` arm of serde's
# `Unexpected` Display, which serde_json's error messages never reach (they
# print a float themselves, before falling back to serde's Display for the
# other kinds of value). The linker keeps the function because its address is
# taken in that arm. wasm-snip gives it an `unreachable` body and removes what
# only it called. wasm/tests/form.test.mjs gives the form a
# float in every place a report can hold one. The snip runs before
# wasm-bindgen: wasm-snip's parser cannot read the reference types that
# wasm-bindgen's output uses.
if [ "$(wasm-snip --version 2>/dev/null)" != "wasm-snip $wasm_snip_version" ]; then
    step "installing wasm-snip $wasm_snip_version"
    cargo install --locked wasm-snip --version "$wasm_snip_version"
fi
step "wasm-snip <f64 as Display>::fmt (the breach form's module)"
f64_display='^_RNvXs[0-9a-z]*_NtNtCs[0-9a-zA-Z]+_4core3fmt5floatdNtB[0-9a-z]*_7Display3fmt$'
snipped=target/wasm32-unknown-unknown/wasm-release/spf_form_snipped.wasm
unsnipped=target/wasm32-unknown-unknown/wasm-release/spf_form_unsnipped.wasm
wasm-snip "$input" -o "$snipped" --pattern "$f64_display"
# wasm-snip says nothing when a pattern matches no function: the same module
# rewritten without the pattern must differ, or the name has changed.
wasm-snip "$input" -o "$unsnipped"
if cmp -s "$snipped" "$unsnipped"; then
    echo "error: wasm-snip found no function named like <f64 as Display>::fmt ($f64_display); has the toolchain's symbol naming changed?" >&2
    exit 1
fi
rm "$unsnipped"
wasm-bindgen --target web --out-dir "$out/form" --out-name spf_form "$snipped"

step "wasm-opt -Oz"
# The features current Rust enables by default for wasm32-unknown-unknown.
features=(--enable-bulk-memory --enable-sign-ext --enable-mutable-globals
    --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue)
for module in "$out/web/spf_bg.wasm" "$out/form/spf_form_bg.wasm"; do
    node_modules/.bin/wasm-opt -Oz "${features[@]}" --strip-debug --strip-producers \
        "$module" -o "${module%.wasm}.opt.wasm"
    mv "${module%.wasm}.opt.wasm" "$module"
done

version=$(awk -F'"' '/^version = / { print $2; exit }' wasm/Cargo.toml)
sed "s/\"version\": \"0.0.0-set-by-build\"/\"version\": \"$version\"/" wasm/package.json >"$out/package.json"
cp wasm/README.md LICENSE-MIT LICENSE-APACHE "$out/"

rm -rf "$final.old"
[ -d "$final" ] && mv "$final" "$final.old"
mv "$out" "$final"
rm -rf "$final.old"

step "package: $final (spf-wasm $version)"
ls -l "$final" "$final/web" "$final/node" "$final/form"
