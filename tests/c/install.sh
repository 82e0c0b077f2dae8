#!/usr/bin/env bash
# Installs libspf with scripts/install-c.sh into a temporary prefix and builds
# programs against the install the ways the README's C section documents:
#
#   - pkg-config, shared, with the rpath example (runs without LD_LIBRARY_PATH);
#   - pkg-config --static (libspf.a; the program needs no libspf.so);
#   - CMake, find_package(spf 0.1) with spf::spf and spf::spf_static;
#
# and checks the installed files (SONAME, symlinks, spf.pc, the CMake version
# check), that every program runs and passes under valgrind, that a staged
# install (DESTDIR) names the real prefix, and that installing never rebuilt or
# touched the library in target/release.
#
# The program is the README's own example (the first ```c block of its C
# section), so the documented code is what is tested; examples/c/hr_integration.c
# runs too, on the sample reports.
#
# Run from the repository root after the release build (tests/c/run.sh makes it):
#   bash tests/c/install.sh
# Needs gcc, pkg-config, cmake, readelf and valgrind (scripts/test-all.sh installs
# them when missing). Exits non-zero on any failure; the last line counts checks.
set -euo pipefail

cd "$(dirname "$0")/../.."
root=$(pwd)
started=$(date +%s)
built=$root/target/release
work=$(mktemp -d "${TMPDIR:-/tmp}/spf-install-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix

passed=0
failed=0
step() { printf '\n==> %s\n' "$*"; }
ok() { passed=$((passed + 1)); echo "ok: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
check() { # DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@"; then ok "$what"; else fail "$what"; fi
}

for tool in gcc pkg-config cmake readelf valgrind; do
  command -v "$tool" >/dev/null || { echo "error: $tool not found" >&2; exit 1; }
done
[[ -f "$built/libspf.a" && -f "$built/libspf.so" ]] ||
  { echo "error: build the library first (cargo build -p spf-ffi --release)" >&2; exit 1; }

version=$(sed -n 's/^version = "\(.*\)"/\1/p' ffi/Cargo.toml | head -n 1)
IFS=. read -r major minor _ <<<"$version"
if [[ $major != 0 ]]; then series=$major; else series=0.$minor; fi

# The README's example program.
awk '/^## Using the C library/ { c = 1 } c && /^```c$/ { p = 1; next } p && /^```$/ { exit } p' \
  README.md >"$work/app.c"
grep -q 'spf_engine_new_default' "$work/app.c" || { echo "error: no C example in the README's C section" >&2; exit 1; }

fingerprint() { stat -c '%n %s %Y' "$built/libspf.a" "$built/libspf.so"; sha256sum "$built/libspf.a" "$built/libspf.so"; }
before=$(fingerprint)

# ---------------------------------------------------------------------------
step "install into a temporary prefix"
if ./scripts/install-c.sh "$prefix" >"$work/install.log" 2>&1; then
  sed 's/^/  /' "$work/install.log"
  ok "scripts/install-c.sh $prefix"
else
  cat "$work/install.log" >&2
  fail "scripts/install-c.sh $prefix"
  exit 1
fi
check "the install ran no build" bash -c "! grep -qE 'Compiling|building' '$work/install.log'"

lib=$prefix/lib
check "lib/libspf.so.$version is a file" test -f "$lib/libspf.so.$version" -a ! -L "$lib/libspf.so.$version"
check "lib/libspf.so.$series -> libspf.so.$version" test "$(readlink "$lib/libspf.so.$series")" = "libspf.so.$version"
check "lib/libspf.so -> libspf.so.$series" test "$(readlink "$lib/libspf.so")" = "libspf.so.$series"
for file in lib/libspf.a include/spf.h lib/pkgconfig/spf.pc lib/cmake/spf/spfConfig.cmake lib/cmake/spf/spfConfigVersion.cmake; do
  check "$file" test -f "$prefix/$file"
done
soname_line=$(readelf -d "$lib/libspf.so.$version" | grep SONAME || true)
echo "  readelf -d lib/libspf.so.$version: ${soname_line# }"
check "SONAME is libspf.so.$series" grep -q "Library soname: \[libspf.so.$series\]" <<<"$soname_line"
check "include/spf.h is the repository's header" cmp -s include/spf.h "$prefix/include/spf.h"

export PKG_CONFIG_PATH=$lib/pkgconfig
check "pkg-config --modversion spf is $version" test "$(pkg-config --modversion spf)" = "$version"
native=$(./scripts/native-static-libs.sh)
# (pkg-config ends its output with a space)
shared_libs=$(pkg-config --libs spf) shared_libs=${shared_libs% }
static_libs=$(pkg-config --libs --static spf) static_libs=${static_libs% }
echo "  pkg-config --libs spf: $shared_libs"
echo "  pkg-config --libs --static spf: $static_libs"
check "pkg-config --libs spf is -L$lib -lspf" test "$shared_libs" = "-L$lib -lspf"
check "pkg-config --static adds Libs.private ($native)" test "$static_libs" = "-L$lib -lspf $native"

# ---------------------------------------------------------------------------
step "build with pkg-config (the README's commands)"
needed() { readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\].*/\1/p' | paste -sd ' ' -; }
cflags=(-std=c99 -Wall -Wextra -Werror)
# shared, with an rpath (the prefix is not one the dynamic linker searches)
# shellcheck disable=SC2046
if gcc "${cflags[@]}" "$work/app.c" $(pkg-config --cflags --libs spf) \
    -Wl,-rpath,"$(pkg-config --variable=libdir spf)" -o "$work/app_pc_shared"; then
  ok "app (pkg-config, shared, rpath) builds"
  echo "  NEEDED: $(needed "$work/app_pc_shared")"
  check "app_pc_shared needs libspf.so.$series" grep -qw "libspf.so.$series" <<<"$(needed "$work/app_pc_shared")"
  check "app_pc_shared loads $lib/libspf.so.$series" \
    bash -c "env -u LD_LIBRARY_PATH ldd '$work/app_pc_shared' | grep -q 'libspf.so.$series => $lib/libspf.so.$series'"
else
  fail "app (pkg-config, shared, rpath) builds"
fi
# static: -Bstatic picks libspf.a; --static adds the libraries it needs; --as-needed
# keeps the shared -lspf that pkg-config also lists from being recorded.
# shellcheck disable=SC2046
if gcc "${cflags[@]}" "$work/app.c" $(pkg-config --cflags spf) -Wl,-Bstatic -lspf -Wl,-Bdynamic \
    -Wl,--as-needed $(pkg-config --libs --static spf) -o "$work/app_pc_static"; then
  ok "app (pkg-config --static) builds"
  echo "  NEEDED: $(needed "$work/app_pc_static")"
  check "app_pc_static needs no libspf.so" bash -c "! grep -q libspf <<<'$(needed "$work/app_pc_static")'"
else
  fail "app (pkg-config --static) builds"
fi
# shellcheck disable=SC2046
if gcc "${cflags[@]}" -pedantic examples/c/hr_integration.c $(pkg-config --cflags --libs spf) \
    -Wl,-rpath,"$(pkg-config --variable=libdir spf)" -o "$work/hr_integration"; then
  ok "examples/c/hr_integration.c (pkg-config, shared, rpath) builds"
else
  fail "examples/c/hr_integration.c (pkg-config, shared, rpath) builds"
fi

# ---------------------------------------------------------------------------
step "build with CMake (find_package(spf $major.$minor))"
if cmake -S tests/c/cmake -B "$work/cmake" -DCMAKE_PREFIX_PATH="$prefix" -DSPF_APP_SOURCE="$work/app.c" \
    -DCMAKE_BUILD_TYPE=Release >"$work/cmake.log" 2>&1 &&
   cmake --build "$work/cmake" >>"$work/cmake.log" 2>&1; then
  ok "app_shared and app_static (CMake) build"
  echo "  app_shared NEEDED: $(needed "$work/cmake/app_shared")"
  echo "  app_static NEEDED: $(needed "$work/cmake/app_static")"
  check "app_shared (CMake) needs libspf.so.$series" grep -qw "libspf.so.$series" <<<"$(needed "$work/cmake/app_shared")"
  check "app_static (CMake) needs no libspf.so" bash -c "! grep -q libspf <<<'$(needed "$work/cmake/app_static")'"
else
  cat "$work/cmake.log" >&2
  fail "app_shared and app_static (CMake) build"
fi
next_minor="0.$((minor + 1))"
[[ $major == 0 ]] || next_minor="$((major + 1)).0"
if cmake -S tests/c/cmake -B "$work/cmake-newer" -DCMAKE_PREFIX_PATH="$prefix" -DSPF_APP_SOURCE="$work/app.c" \
    -DSPF_REQUEST="$next_minor" >"$work/cmake-newer.log" 2>&1; then
  fail "find_package(spf $next_minor) refuses spf $version"
else
  check "find_package(spf $next_minor) refuses spf $version" grep -q 'version: 0.1.0\|spfConfigVersion.cmake' "$work/cmake-newer.log"
fi

# ---------------------------------------------------------------------------
step "run the programs without LD_LIBRARY_PATH, under valgrind"
vg() { # NAME PROGRAM [ARGS...]
  local name=$1 log=$work/valgrind-$1.log rc=0
  shift
  env -u LD_LIBRARY_PATH valgrind --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
    --error-exitcode=99 --log-file="$log" "$@" >"$work/$name.out" 2>&1 || rc=$?
  echo "  [$name] exit $rc; $(grep -oE 'ERROR SUMMARY: [0-9,]+ errors from [0-9,]+ contexts' "$log");" \
    "$(grep -oE 'All heap blocks were freed -- no leaks are possible|definitely lost: [0-9,]+ bytes in [0-9,]+ blocks' "$log" | head -n 1)"
  [[ $rc -eq 0 ]] && grep -q 'ERROR SUMMARY: 0 errors from 0 contexts' "$log" &&
    ! grep -qE '(definitely|indirectly|possibly) lost: [1-9]' "$log"
}
for program in app_pc_shared app_pc_static cmake/app_shared cmake/app_static; do
  name=${program//\//_}
  if [[ -x "$work/$program" ]]; then
    if env -u LD_LIBRARY_PATH "$work/$program" >"$work/$name.direct" 2>&1 &&
       grep -q '"level":"minor"' "$work/$name.direct"; then
      ok "$program runs and answers level minor"
    else
      fail "$program runs and answers level minor ($(head -c 200 "$work/$name.direct"))"
    fi
    check "$program passes under valgrind" vg "$name" "$work/$program"
  else
    fail "$program was not built"
  fi
done
if [[ -x "$work/hr_integration" ]]; then
  reports=$(grep -c '[^[:space:]]' examples/data/breach-reports.jsonl)
  check "hr_integration (installed libspf) assesses the $reports sample reports" \
    bash -c "env -u LD_LIBRARY_PATH '$work/hr_integration' examples/data/breach-reports.jsonl | tail -n 1 | grep -q '^$reports report(s): $reports assessed'"
fi

# ---------------------------------------------------------------------------
step "staged install (DESTDIR) and options"
if DESTDIR=$work/stage ./scripts/install-c.sh --libdir lib64 /opt/spf >"$work/stage.log" 2>&1; then
  ok "DESTDIR=$work/stage scripts/install-c.sh --libdir lib64 /opt/spf"
  check "staged files are under DESTDIR" test -f "$work/stage/opt/spf/lib64/libspf.so.$version" -a -f "$work/stage/opt/spf/include/spf.h"
  check "the staged spf.pc names the real prefix" grep -qx 'prefix=/opt/spf' "$work/stage/opt/spf/lib64/pkgconfig/spf.pc"
  check "the staged CMake config finds its prefix from its own folder (../../..)" \
    grep -q 'CMAKE_CURRENT_LIST_DIR}/../../.."' "$work/stage/opt/spf/lib64/cmake/spf/spfConfig.cmake"
else
  cat "$work/stage.log" >&2
  fail "staged install"
fi
check "a PREFIX is required" bash -c "! ./scripts/install-c.sh >/dev/null 2>&1"
check "an absolute --libdir is refused" bash -c "! ./scripts/install-c.sh --libdir /usr/lib '$work/x' >/dev/null 2>&1"
check "--from a folder without the library is refused" bash -c "! ./scripts/install-c.sh --from '$work' '$work/x' >/dev/null 2>&1"

# ---------------------------------------------------------------------------
after=$(fingerprint)
check "target/release/libspf.a and libspf.so are untouched (size, time, checksum)" test "$before" = "$after"

echo
echo "install test: ${passed} passed, ${failed} failed in $(( $(date +%s) - started ))s"
echo "${passed} passed, ${failed} failed"
[[ $failed -eq 0 ]]
