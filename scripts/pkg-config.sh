#!/usr/bin/env bash
# Writes spf.pc for the library built in target/release (or, with a prefix, for
# an install laid out as PREFIX/lib and PREFIX/include).
#
#   ./scripts/pkg-config.sh                 # -> target/release/pkgconfig/spf.pc
#   ./scripts/pkg-config.sh /usr/local      # -> target/release/pkgconfig/spf.pc for /usr/local
#
# Then: PKG_CONFIG_PATH=target/release/pkgconfig pkg-config --cflags --libs spf
#   (add --static when linking libspf.a: it lists the native libraries too).
set -euo pipefail
cd "$(dirname "$0")/.."

root=$(pwd)
prefix=${1:-$root}
if [ $# -ge 1 ]; then
  libdir="$prefix/lib"; includedir="$prefix/include"
else
  libdir="$root/target/release"; includedir="$root/include"
fi
version=$(sed -n 's/^version = "\(.*\)"/\1/p' ffi/Cargo.toml | head -n 1)
# The system libraries a static libspf needs, as rustc reports them.
native=$(cargo rustc -p spf-ffi --release --locked --lib --crate-type staticlib -- \
  --print native-static-libs 2>&1 | sed -n 's/.*native-static-libs: //p' | tail -n 1)

mkdir -p target/release/pkgconfig
sed -e "s|@PREFIX@|$prefix|" -e "s|@LIBDIR@|$libdir|" -e "s|@INCLUDEDIR@|$includedir|" \
    -e "s|@VERSION@|$version|" -e "s|@NATIVE_LIBS@|$native|" \
    ffi/spf.pc.in > target/release/pkgconfig/spf.pc
echo "wrote target/release/pkgconfig/spf.pc (Libs.private: $native)"
