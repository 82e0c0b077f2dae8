#!/usr/bin/env bash
# Builds libspf and runs the C suites against it:
#
#   - tests/c/test_spf.c against the static and the shared library;
#   - tests/c/header_cpp.cpp (the header from C++17);
#   - examples/c/hr_integration.c and examples/c/estates.c, checked for their
#     exit status and output (including a batch with bad lines);
#   - test_spf and both examples under valgrind (any error or any lost byte fails);
#   - test_spf built with AddressSanitizer + UndefinedBehaviorSanitizer.
#
# Run from the repository root:   bash tests/c/run.sh
#
# Environment:
#   SPF_C_VALGRIND_QUICK=1       pass SPF_TEST_QUICK=1 to test_spf under valgrind
#                                only (fewer thread/leak-loop iterations); the normal
#                                and sanitizer runs always use the full counts.
#
# Installs valgrind with apt-get when it is missing. Exits non-zero on any failure;
# the last line says how many suites passed.
set -euo pipefail

cd "$(dirname "$0")/../.."
root=$(pwd)
started=$(date +%s)
out="$root/target/c-tests"
mkdir -p "$out"

step() { printf '\n==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------
step "build libspf (release)"
cargo build -p spf-ffi --release --locked
static_lib="$root/target/release/libspf.a"
[[ -f "$static_lib" && -f "$root/target/release/libspf.so" ]] || die "libspf.a / libspf.so not built"

step "native libraries for the static library"
# Asked of rustc on an empty crate: building libspf again with other flags would
# overwrite the library just built (see scripts/native-static-libs.sh).
native_libs=$("$root/scripts/native-static-libs.sh") || die "could not work out the native static libraries"
echo "native-static-libs: $native_libs"

# The shared library's SONAME (libspf.so.0.MINOR before 1.0, libspf.so.MAJOR
# after) is the name programs load it by; target/release holds only libspf.so,
# so the shared test loads it through a symlink of that name.
soname=$(readelf -d "$root/target/release/libspf.so" | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
[[ "$soname" =~ ^libspf\.so\.[0-9.]+$ ]] || die "target/release/libspf.so has no SONAME (got \`$soname\`)"
echo "SONAME: $soname"
shared_dir="$out/lib"
mkdir -p "$shared_dir"
ln -sfn "$root/target/release/libspf.so" "$shared_dir/$soname"
read -r -a native <<<"$native_libs"

# ---------------------------------------------------------------------------
step "compile (C99 and C++17, warnings are errors)"
cflags=(-std=c99 -Wall -Wextra -Werror -pedantic -g -O2 -I include)
compile() { # compile OUTPUT SOURCE [extra flags...]
  local output=$1 source=$2
  shift 2
  echo "  $source -> ${output#"$root"/} $*"
  gcc "${cflags[@]}" "$@" "$source" "$static_lib" "${native[@]}" -o "$output"
}
compile "$out/test_spf" tests/c/test_spf.c
compile "$out/hr_integration" examples/c/hr_integration.c
compile "$out/estates" examples/c/estates.c
echo "  tests/c/header_cpp.cpp -> target/c-tests/header_cpp (g++ -std=c++17)"
g++ -std=c++17 -Wall -Wextra -Werror -g -I include tests/c/header_cpp.cpp "$static_lib" \
  "${native[@]}" -o "$out/header_cpp"
echo "  tests/c/test_spf.c -> target/c-tests/test_spf_shared (-lspf, shared)"
gcc "${cflags[@]}" tests/c/test_spf.c -L "$root/target/release" -lspf -lpthread \
  -o "$out/test_spf_shared"
echo "  tests/c/test_spf.c -> target/c-tests/test_spf_asan (ASan + UBSan)"
gcc -std=c99 -Wall -Wextra -Werror -pedantic -g -O1 -fsanitize=address,undefined \
  -fno-omit-frame-pointer -I include tests/c/test_spf.c "$static_lib" "${native[@]}" \
  -o "$out/test_spf_asan"

# The static binaries must not need libspf.so, and the shared one must use it.
# ldd's output is read whole first: under pipefail, `ldd | grep -q` fails at
# random when grep stops reading before ldd has written everything (SIGPIPE).
static_deps=$(ldd "$out/test_spf")
if grep -q 'libspf\.so' <<<"$static_deps"; then die "test_spf links libspf.so"; fi
shared_deps=$(LD_LIBRARY_PATH="$shared_dir" ldd "$out/test_spf_shared")
grep -q "$soname => $shared_dir/$soname" <<<"$shared_deps" ||
  die "test_spf_shared does not load $soname (target/release/libspf.so)"

# ---------------------------------------------------------------------------
# The suites: each runs in a subshell with errexit, and a failure is recorded
# rather than stopping the others.
passed=()
failed=()
suite() { # suite NAME FUNCTION
  local name=$1 rc
  step "$name"
  set +e
  (set -euo pipefail; "$2")
  rc=$?
  set -e
  if [[ $rc -eq 0 ]]; then
    passed+=("$name")
    echo "--- $name: passed"
  else
    failed+=("$name")
    echo "--- $name: FAILED (status $rc)"
  fi
}

# Prints a test's last line and checks it exited 0 with "N passed, 0 failed" last.
finish_run() { # LOG STATUS
  local last
  last=$(tail -n 1 "$1")
  echo "$last"
  [[ $2 -eq 0 ]] || { echo "${1#"$root"/}: exit status $2" >&2; return 1; }
  [[ "$last" =~ ^[0-9]+\ passed,\ 0\ failed$ ]] || { echo "expected 'N passed, 0 failed' last" >&2; return 1; }
}

# Checks FILE matches the basic regular expression PATTERN.
need() { # FILE PATTERN
  grep -q -- "$2" "$1" || { echo "not found in ${1#"$root"/}: $2" >&2; return 1; }
}

run_test_static() {
  local rc=0
  "$out/test_spf" tests/corpus >"$out/test_spf.log" 2>&1 || rc=$?
  sed '$d' "$out/test_spf.log"
  finish_run "$out/test_spf.log" "$rc"
}

run_test_shared() {
  local rc=0
  LD_LIBRARY_PATH="$shared_dir" "$out/test_spf_shared" tests/corpus \
    >"$out/test_spf_shared.log" 2>&1 || rc=$?
  grep -E '^== |^   [0-9]|^FAIL' "$out/test_spf_shared.log" || true
  finish_run "$out/test_spf_shared.log" "$rc"
}

# Every spf_* function libspf.so exports is declared in the header and used by
# test_spf.c, and every function the header declares is exported.
run_exports() {
  local exported declared missing=0 name
  exported=$(nm -D --defined-only target/release/libspf.so | awk '$2 == "T" && $3 ~ /^spf_/ {print $3}' | sort)
  declared=$(grep -oE '^[A-Za-z_][A-Za-z0-9_ *]*[ *](spf_[a-z_]+)\(' include/spf.h |
    grep -oE 'spf_[a-z_]+\($' | tr -d '(' | sort)
  echo "$(wc -w <<<"$exported") exported, $(wc -w <<<"$declared") declared"
  if [[ "$exported" != "$declared" ]]; then
    echo "exported and declared functions differ:" >&2
    diff <(echo "$exported") <(echo "$declared") >&2 || true
    missing=1
  fi
  for name in $exported; do
    grep -qE "\b$name\b" tests/c/test_spf.c || { echo "test_spf.c never uses $name" >&2; missing=1; }
  done
  return "$missing"
}

run_header_cpp() {
  local rc=0
  "$out/header_cpp" >"$out/header_cpp.log" 2>&1 || rc=$?
  grep FAIL "$out/header_cpp.log" || true
  finish_run "$out/header_cpp.log" "$rc"
}

# A batch with bad lines for hr_integration: line 2 is an unknown kind, line 3 is
# blank (spaces and a CR), line 4 is truncated JSON with no final newline.
bad_batch="$out/bad-reports.jsonl"
make_bad_batch() {
  {
    head -n 1 examples/data/breach-reports.jsonl
    echo '{"kind":"lostPass","care":"avoidableCarelessness","occurred":"2026-03-01","person":{"status":"employee","organisation":"moj"}}'
    printf '  \r\n'
    printf '{"kind":"lossOfPass","care":'
  } >"$bad_batch"
}

run_examples() {
  local reports rc=0 log="$out/hr_integration.log"
  reports=$(grep -c '[^[:space:]]' examples/data/breach-reports.jsonl)
  "$out/hr_integration" >"$log"
  need "$log" '^line 1 HR-2026-0001 lossOfPass$'
  need "$log" '^  recommended level: MINOR '
  need "$log" '^     1\. .*$'
  need "$log" '^        \[POLSBP006, minor misconduct list\]$'
  need "$log" '^typed call (SECRET cabinet'
  need "$log" 'recommended level: GROSS   matrix score: 6 (red)'
  need "$log" '^case HR-2026-0063 (OFFICIAL documents not secured), serious recommended under moj-default 2026\.1:$'
  need "$log" '^  2026-09-15  reported           missing: investigationStarted decision closed; findings: none$'
  need "$log" '^  2026-10-12  closed             missing: none; decided minor against serious recommended (departure: lower); findings: none$'
  need "$log" "^$reports report(s): $reports assessed (minor [0-9]*, serious [0-9]*, gross [0-9]*), 0 failed\$"
  echo "hr_integration: exit 0; $(tail -n 1 "$log")"

  make_bad_batch
  "$out/hr_integration" "$bad_batch" >"$out/hr_bad.log" 2>"$out/hr_bad.err" || rc=$?
  [[ $rc -eq 1 ]] || { echo "hr_integration on bad lines exited with $rc, expected 1" >&2; return 1; }
  need "$out/hr_bad.err" '^line 2: error (SPF_STATUS_INVALID_INPUT): unknownValue: unknown value `lostPass` for `kind`; did you mean `lossOfPass`?'
  need "$out/hr_bad.err" '^line 4: error (SPF_STATUS_INVALID_JSON): malformedJson: '
  need "$out/hr_bad.log" '^3 report(s): 1 assessed (minor 1, serious 0, gross 0), 2 failed$'
  echo "hr_integration (bad lines): exit 1; $(tail -n 1 "$out/hr_bad.log")"
  cut -c1-140 "$out/hr_bad.err" | sed 's/^/  /'

  log="$out/estates.log"
  "$out/estates" >"$log"
  need "$log" '^Counter-terrorism protective security: [0-9]* site(s), threat level substantial, as of 2026-11-23$'
  need "$log" '^OVERDUE '
  need "$log" '^DUE SOON '
  need "$log" '^  ctPlanTest  *ok [0-9]*, dueSoon [0-9]*, due [0-9]*, overdue [0-9]*, neverDone [0-9]*$'
  need "$log" '^Summary: threat level substantial gives response level HEIGHTENED; .* moderate 2028-11-23, high 2027-11-23$'
  echo "estates: exit 0; $(grep -c '^OVERDUE ' "$log") overdue, $(grep -c '^DUE ' "$log") due, $(grep -c '^DUE SOON ' "$log") due-soon rows"
  tail -n 1 "$log" | cut -c1-140
  "$out/estates" critical 2026-06-30 >"$out/estates_critical.log"
  need "$out/estates_critical.log" 'gives response level EXCEPTIONAL'
  rc=0
  "$out/estates" severe 2026-02-30 >/dev/null 2>"$out/estates_bad.err" || rc=$?
  [[ $rc -eq 1 ]] || { echo "estates with an impossible date exited with $rc, expected 1" >&2; return 1; }
  need "$out/estates_bad.err" 'invalidDate'
  echo "estates (2026-02-30): exit 1; $(cut -c1-110 "$out/estates_bad.err")"
}

# ---------------------------------------------------------------------------
vg_summary=()
ensure_valgrind() {
  command -v valgrind >/dev/null && return 0
  echo "valgrind not found: installing it with apt-get"
  local sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y valgrind
}

# Runs a program under valgrind; fails on any error, any lost byte or a non-zero
# exit status of the program itself.
valgrind_run() { # NAME EXPECTED_STATUS PROGRAM [ARGS...]
  local name=$1 expected=$2 rc=0 log="$out/valgrind-$1.log"
  shift 2
  valgrind --suppressions="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/valgrind.supp" --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
    --error-exitcode=99 --log-file="$log" "$@" >"$out/valgrind-$name.out" 2>&1 || rc=$?
  echo "[$name] exit status $rc (expected $expected)"
  grep -E 'ERROR SUMMARY|(definitely|indirectly|possibly) lost:|still reachable:|in use at exit|All heap blocks were freed' \
    "$log" | sed "s/^==[0-9]*==/  [$name]/"
  local errors leaks
  errors=$(grep -oE 'ERROR SUMMARY: [0-9,]+ errors' "$log" || true)
  leaks=$(grep -oE 'All heap blocks were freed -- no leaks are possible|definitely lost: [0-9,]+ bytes in [0-9,]+ blocks' "$log" | head -n 1 || true)
  vg_summary+=("$name: exit $rc, $errors, $leaks")
  [[ $rc -eq $expected ]] || { echo "[$name] valgrind or the program failed (status $rc)" >&2; return 1; }
  grep -q 'ERROR SUMMARY: 0 errors from 0 contexts' "$log" || { echo "[$name] valgrind reported errors" >&2; return 1; }
  if ! grep -q 'All heap blocks were freed -- no leaks are possible' "$log"; then
    local kind
    for kind in 'definitely lost' 'indirectly lost' 'possibly lost'; do
      grep -q "$kind: 0 bytes in 0 blocks" "$log" || { echo "[$name] $kind is not 0 bytes" >&2; return 1; }
    done
  fi
}

run_valgrind() {
  ensure_valgrind
  valgrind --version
  local bad=0
  make_bad_batch
  # Every program runs even if an earlier one fails, so the report is complete.
  if [[ "${SPF_C_VALGRIND_QUICK:-}" == 1 ]]; then export SPF_TEST_QUICK=1; fi
  valgrind_run test_spf 0 "$out/test_spf" tests/corpus || bad=1
  unset SPF_TEST_QUICK
  grep -E '^   [0-9]' "$out/valgrind-test_spf.out" || true
  echo "[test_spf] $(tail -n 1 "$out/valgrind-test_spf.out")"
  valgrind_run hr_integration 0 "$out/hr_integration" || bad=1
  valgrind_run hr_integration_bad_lines 1 "$out/hr_integration" "$bad_batch" || bad=1
  valgrind_run estates 0 "$out/estates" || bad=1
  echo "valgrind summary:"
  printf '  %s\n' "${vg_summary[@]}"
  return "$bad"
}

run_sanitizers() {
  local rc=0 log="$out/test_spf_asan.log"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    "$out/test_spf_asan" tests/corpus >"$log" 2>&1 || rc=$?
  grep -E '^== |^   [0-9]|^[0-9]+ passed, [0-9]+ failed$' "$log" || true
  if grep -nE 'ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: (Address|UndefinedBehavior|Leak)Sanitizer' "$log"; then
    echo "the sanitizers reported a problem (see $log)" >&2
    return 1
  fi
  [[ $rc -eq 0 ]] || { echo "test_spf_asan exited with $rc (see $log)" >&2; return 1; }
  finish_run "$log" "$rc" >/dev/null
  echo "AddressSanitizer + UBSan: no reports"
}

suite "test_spf (static library)" run_test_static
suite "test_spf (shared library)" run_test_shared
suite "exports (header, library and test agree)" run_exports
suite "header_cpp (C++17)" run_header_cpp
suite "examples (hr_integration, estates)" run_examples
suite "valgrind (test_spf, hr_integration, estates)" run_valgrind
suite "AddressSanitizer + UBSan (test_spf)" run_sanitizers

# ---------------------------------------------------------------------------
total=$(( ${#passed[@]} + ${#failed[@]} ))
elapsed=$(( $(date +%s) - started ))
echo
if [[ ${#failed[@]} -gt 0 ]]; then
  printf 'failed: %s\n' "${failed[@]}"
  echo "C suites: ${#passed[@]} of $total passed, ${#failed[@]} FAILED (${elapsed}s)"
  exit 1
fi
echo "C suites: $total of $total passed (${elapsed}s)"
