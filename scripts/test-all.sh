#!/usr/bin/env bash
# Installs what the test suites need (when missing) and runs every suite.
# Fails loudly: any failing step stops the run with a non-zero exit status.
#
#   ./scripts/test-all.sh
#
# Needs only a Rust toolchain installed with rustup, a C compiler, Node.js (20 or
# later, with npm) and apt. Installs when missing: rustfmt and clippy; valgrind,
# pkg-config, g++, cmake, binutils and Chromium (apt); the wasm32-unknown-unknown
# target, the pinned wasm-bindgen-cli and wasm-snip and the npm packages
# (scripts/build-wasm.sh);
# the nightly toolchain (minimal profile), cargo-fuzz and Miri (with rust-src) for
# the fuzzing and Miri steps, which are skipped, saying so, when nightly cannot be
# installed. SPF_FUZZ_SECONDS sets the time each fuzz target runs (20 by default).
# Safe to re-run: installs that are already satisfied are skipped.
set -euo pipefail

cd "$(dirname "$0")/.."

started=$(date +%s)
# Each step says when it started, in seconds into the run, so a slow run shows
# where its time went.
step() { printf '\n==> %s (at %ss)\n' "$*" "$(($(date +%s) - started))"; }

step "toolchain"
command -v cargo >/dev/null || { echo "cargo not found: install Rust with rustup" >&2; exit 1; }
if command -v rustup >/dev/null; then
  for component in rustfmt clippy; do
    if ! rustup component list --installed | grep -q "^${component}"; then
      rustup component add "$component"
    fi
  done
fi
cargo --version
command -v node >/dev/null && command -v npm >/dev/null ||
  { echo "node and npm not found: install Node.js 20 or later" >&2; exit 1; }
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || { echo "Node.js $(node --version) is too old: 20 or later is needed" >&2; exit 1; }
echo "node $(node --version), npm $(npm --version)"
missing=()
command -v valgrind >/dev/null || missing+=(valgrind)
command -v pkg-config >/dev/null || missing+=(pkg-config)
command -v g++ >/dev/null || missing+=(g++)
command -v cmake >/dev/null || missing+=(cmake)
command -v readelf >/dev/null || missing+=(binutils)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  for tool in valgrind pkg-config g++ cmake readelf; do
    command -v "$tool" >/dev/null || { echo "$tool is still missing after apt-get install" >&2; exit 1; }
  done
fi

step "format (cargo fmt --check, the workspace and the fuzz targets)"
cargo fmt --all --check
cargo fmt --check --manifest-path fuzz/Cargo.toml

step "lint (cargo clippy, warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Rust tests (unit, property, golden, bad input, command line, doctests)"
cargo test --workspace --locked

step "docs (rustdoc, warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked

nightly=false
if command -v rustup >/dev/null; then
  if rustup run nightly rustc --version >/dev/null 2>&1 ||
    rustup toolchain install nightly --profile minimal; then
    nightly=true
  fi
fi

# Miri interprets on one core, in its own target directory (its own cargo
# lock), from here on: it fills the core that the release build's
# single-threaded optimisation and link leave idle, so the fuzz targets'
# build later has both cores to itself.
miri_log=$(mktemp)
miri_pid=""
if $nightly; then
  for component in miri rust-src; do
    if ! rustup +nightly component list --installed | grep -q "^${component}"; then
      rustup +nightly component add "$component"
    fi
  done
  step "Miri: the C library's unit tests, started in the background (its result comes last)"
  timeout 1800 cargo +nightly miri test -p spf-ffi --lib --locked >"$miri_log" 2>&1 &
  miri_pid=$!
fi
# A failing step ends the run: the steps in the background go with it.
c_pid=""
c_log=""
stop_background() {
  for pid in "$miri_pid" "$c_pid"; do
    if [ -n "$pid" ]; then
      pkill -TERM -P "$pid" 2>/dev/null || true
      kill "$pid" 2>/dev/null || true
    fi
  done
  rm -f "$miri_log" "$c_log"
}
trap stop_background EXIT

# The examples themselves were built by the tests above. Only the command line
# is built in release here: built together, the workspace's examples would
# unify spf-core's features with the WebAssembly crate's and compile a release
# spf-core that nothing else uses.
step "the command line (release build), and the main job on the sample data"
cargo build --release --locked -p spf-cli
cargo run --release --quiet --locked -p spf-cli -- \
  breaches examples/data/breach-reports.jsonl >/dev/null

# The C suites spend most of their time under valgrind, on one core: they run
# in the background beside the WebAssembly steps (which build for another
# target, so neither waits for the other's cargo lock), and their log is shown
# whole, and checked, before the browser tests.
step "C library (header, C99 and C++ builds, tests under valgrind and ASan, install), started in the background"
c_log=$(mktemp)
(bash tests/c/run.sh && bash tests/c/install.sh) >"$c_log" 2>&1 &
c_pid=$!

step "WebAssembly package (wasm32 build, wasm-bindgen, wasm-opt)"
./scripts/build-wasm.sh

step "lint the bindings as built for wasm32 (cargo clippy, warnings are errors)"
cargo clippy -p spf-wasm --target wasm32-unknown-unknown --locked -- -D warnings
cargo clippy -p spf-wasm --no-default-features --target wasm32-unknown-unknown --locked -- -D warnings

step "WebAssembly size"
./scripts/wasm-size.sh

step "TypeScript (tsc --noEmit --strict: generated types and a typed usage file)"
node_modules/.bin/tsc -p wasm/tsconfig.json

step "WebAssembly module under Node (API, bad input, golden corpus, totality)"
node --test wasm/tests/*.test.mjs

step "packages publish cleanly (cargo publish --dry-run, npm pack --dry-run, licences)"
./scripts/check-packages.sh

step "C library: header, C99 and C++ builds, tests under valgrind and AddressSanitizer, install (scripts/install-c.sh; pkg-config, CMake, valgrind)"
c_status=0
wait "$c_pid" || c_status=$?
c_pid=""
cat "$c_log"
if [ "$c_status" -ne 0 ]; then
  echo "error: the C library's suites failed (exit $c_status); their log is above" >&2
  exit "$c_status"
fi

step "intranet pages in headless Chromium (behaviour and axe-core WCAG 2.2 A/AA)"
node --test tests/browser/*.test.mjs

step "Node benchmark: assessBreach with a JS object in and out (quick run)"
node wasm/bench/assess-breach.mjs --quick

# Built with the tests' profile, on the libraries the tests built: whether they
# compile is the question here, not how fast they run.
step "benchmarks compile"
cargo test --workspace --benches --no-run --locked --quiet

step "fuzzing: every fuzz target for ${SPF_FUZZ_SECONDS:-20} s (scripts/fuzz.sh, nightly)"
if $nightly; then
  ./scripts/fuzz.sh "${SPF_FUZZ_SECONDS:-20}"
else
  echo "SKIPPED: the nightly toolchain is not installed and could not be installed"
fi

step "Miri: the C library's unit tests (handles, strings, panic boundary, per-thread error)"
if [ -n "$miri_pid" ]; then
  miri_status=0
  wait "$miri_pid" || miri_status=$?
  miri_pid=""
  cat "$miri_log"
  rm -f "$miri_log"
  if [ "$miri_status" -ne 0 ]; then
    echo "error: the C library's unit tests failed under Miri (exit $miri_status)" >&2
    exit "$miri_status"
  fi
else
  echo "SKIPPED: the nightly toolchain is not installed and could not be installed"
fi

printf '\nAll suites passed in %ss.\n' "$(( $(date +%s) - started ))"
