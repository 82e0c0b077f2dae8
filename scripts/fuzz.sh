#!/usr/bin/env bash
# Runs every fuzz target (fuzz/, cargo-fuzz and libFuzzer on the nightly
# toolchain) for SECONDS each, as many at once as the machine has cores
# (SPF_FUZZ_JOBS sets how many; 1 runs them one after another).
#
#   ./scripts/fuzz.sh SECONDS [TARGET...]
#
# Installs cargo-fuzz when it is missing (cargo install --locked cargo-fuzz).
# Each target starts from its seeds (the golden corpus requests of its operation
# in tests/corpus/<operation>/, and fuzz/seeds/<target>/) and keeps what it
# finds in fuzz/corpus/<target>/ (not committed). A crash, an internal error, a
# failed check or a unit slower than 10 s stops that target, leaves the input in
# fuzz/artifacts/<target>/, and fails the run once every target has run.
set -euo pipefail

cd "$(dirname "$0")/.."

seconds=${1:-}
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || { echo "usage: scripts/fuzz.sh SECONDS [TARGET...]" >&2; exit 2; }
shift

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "the nightly toolchain is needed: rustup toolchain install nightly --profile minimal" >&2
  exit 1
fi
command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz

# Every operation of spf_core::operations::OPERATIONS has its target.
cargo test --quiet --locked --test fuzz_targets

if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo +nightly fuzz list --fuzz-dir fuzz)
fi
[ ${#targets[@]} -gt 0 ] || { echo "no fuzz targets found in fuzz/" >&2; exit 1; }

# cargo-fuzz compiles each crate as one codegen unit by default. Sixteen build
# the targets in less than half the time (2 min 20 s against 5 min 15 s from
# clean on two cores) at about a quarter fewer runs per second, the better
# trade for the short runs of the test command; a long campaign can set
# SPF_FUZZ_CODEGEN_UNITS=1.
codegen_units=${SPF_FUZZ_CODEGEN_UNITS:-16}
nice -n 10 cargo +nightly fuzz build --fuzz-dir fuzz --codegen-units "$codegen_units"

# Each target runs for a fixed time on one core, so running one per core
# fuzzes every target as long in a fraction of the wall time. Each log is
# printed whole when its target ends, not interleaved with the others.
jobs=${SPF_FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || { echo "SPF_FUZZ_JOBS must be a positive number, not \`$jobs\`" >&2; exit 2; }

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

fuzz_one() {
  local target=$1 operation
  local seeds=()
  mkdir -p "fuzz/corpus/$target"
  operation=$(sed -E 's/_([a-z])/\U\1/g' <<<"$target")
  [ -d "tests/corpus/$operation" ] && seeds+=("tests/corpus/$operation")
  [ -d "fuzz/seeds/$target" ] && seeds+=("fuzz/seeds/$target")
  local status=0
  nice -n 10 cargo +nightly fuzz run --fuzz-dir fuzz --codegen-units "$codegen_units" "$target" "fuzz/corpus/$target" "${seeds[@]}" -- \
    -max_total_time="$seconds" -timeout=10 -print_final_stats=1 >"$logs/$target.log" 2>&1 ||
    status=$?
  echo "$status" >"$logs/$target.status"
  printf '\n==> fuzz %s for %ss (exit %s)\n' "$target" "$seconds" "$status"
  cat "$logs/$target.log"
}

running=0
for target in "${targets[@]}"; do
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true
    running=$((running - 1))
  fi
  fuzz_one "$target" &
  running=$((running + 1))
done
wait

failed=()
summary=()
for target in "${targets[@]}"; do
  status=$(cat "$logs/$target.status" 2>/dev/null || echo "?")
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$logs/$target.log" 2>/dev/null | tail -n 1)
  if [ "$status" != 0 ]; then
    failed+=("$target")
    summary+=("$(printf '%-22s FAILED (exit %s) after %s runs' "$target" "$status" "${runs:-?}")")
  else
    summary+=("$(printf '%-22s %12s runs in %ss' "$target" "${runs:-?}" "$seconds")")
  fi
done

printf '\n==> fuzz summary\n'
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  printf '\nFUZZING FOUND A FAILURE in: %s\n' "${failed[*]}" >&2
  echo "The inputs are in fuzz/artifacts/<target>/; replay one with" >&2
  echo "  cargo +nightly fuzz run --fuzz-dir fuzz --codegen-units $codegen_units TARGET fuzz/artifacts/TARGET/FILE" >&2
  exit 1
fi
