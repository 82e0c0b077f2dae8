#!/usr/bin/env bash
# Installs what the test suites need (when missing) and runs every suite.
# Fails loudly: any failing step stops the run with a non-zero exit status.
#
#   ./scripts/test-all.sh
#
# Needs only a Rust toolchain installed with rustup, a C compiler and apt (for
# valgrind and pkg-config when missing). Safe to re-run: installs that are
# already satisfied are skipped.
set -euo pipefail

cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }
started=$(date +%s)

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
missing=()
command -v valgrind >/dev/null || missing+=(valgrind)
command -v pkg-config >/dev/null || missing+=(pkg-config)
command -v g++ >/dev/null || missing+=(g++)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${missing[@]}"
fi

step "format (cargo fmt --check)"
cargo fmt --all --check

step "lint (cargo clippy, warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Rust tests (unit, property, golden, bad input, command line, doctests)"
cargo test --workspace --locked

step "docs (rustdoc, warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked

step "examples (release build) and the main job on the sample data"
cargo build --release --examples --locked
cargo run --release --quiet --locked --example spf -- \
  breaches examples/data/breach-reports.jsonl >/dev/null

step "C library: header, C99 and C++ builds, tests under valgrind and AddressSanitizer"
bash tests/c/run.sh
./scripts/pkg-config.sh
# The generated spf.pc links a program against the static library.
cc -std=c99 -Wall -Wextra -Werror examples/c/hr_integration.c \
  $(PKG_CONFIG_PATH=target/release/pkgconfig pkg-config --cflags spf) \
  target/release/libspf.a \
  $(PKG_CONFIG_PATH=target/release/pkgconfig pkg-config --libs --static spf | sed 's/-L[^ ]* -lspf//') \
  -o target/release/hr_integration_pkgconfig
target/release/hr_integration_pkgconfig examples/data/breach-reports.jsonl >/dev/null

step "benchmarks compile"
cargo bench --no-run --locked --quiet

printf '\nAll suites passed in %ss.\n' "$(( $(date +%s) - started ))"
