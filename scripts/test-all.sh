#!/usr/bin/env bash
# Installs what the test suites need (when missing) and runs every suite.
# Fails loudly: any failing step stops the run with a non-zero exit status.
#
#   ./scripts/test-all.sh
#
# Needs only a Rust toolchain installed with rustup. Safe to re-run: installs
# that are already satisfied are skipped.
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

step "benchmarks compile"
cargo bench --no-run --locked --quiet

printf '\nAll suites passed in %ss.\n' "$(( $(date +%s) - started ))"
