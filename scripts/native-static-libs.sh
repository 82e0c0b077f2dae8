#!/usr/bin/env bash
# Prints the system libraries a program linking the static libspf.a also needs,
# as rustc reports them (e.g. "-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc"):
#
#   ./scripts/native-static-libs.sh [TARGET]
#
# It asks rustc about an empty static library in a temporary folder, so it never
# builds or touches target/. That is the whole list because spf-core and spf-ffi
# link no native library of their own (no build script links one, no -sys
# dependency): the standard library's needs are libspf.a's needs. The install
# test links a program against libspf.a with this list, so a dependency that
# added a native library would fail there, loudly.
set -euo pipefail

target=()
[ $# -ge 1 ] && target=(--target "$1")
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
: >"$probe/empty.rs"
libs=$(${RUSTC:-rustc} "${target[@]}" --crate-type staticlib --crate-name spf_probe \
    --print native-static-libs -o "$probe/libspf_probe.a" "$probe/empty.rs" 2>&1 |
  sed -n 's/.*native-static-libs: //p' | head -n 1)
if [ -z "$libs" ]; then
  echo "error: rustc did not report the native static libraries" >&2
  exit 1
fi
echo "$libs"
