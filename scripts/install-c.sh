#!/usr/bin/env bash
# Installs the C library, libspf, under a prefix:
#
#   ./scripts/install-c.sh [--libdir DIR] [--from DIR] PREFIX
#
#   PREFIX/lib/libspf.so.X.Y.Z            the shared library (SONAME libspf.so.0.Y before
#   PREFIX/lib/libspf.so.0.Y -> ...       1.0, libspf.so.X from it) and its symlinks
#   PREFIX/lib/libspf.so     -> ...
#   PREFIX/lib/libspf.a                   the static library
#   PREFIX/include/spf.h                  the header
#   PREFIX/lib/pkgconfig/spf.pc           pkg-config (shared; --static adds Libs.private)
#   PREFIX/lib/cmake/spf/spfConfig.cmake  find_package(spf): spf::spf, spf::spf_static
#   PREFIX/lib/cmake/spf/spfConfigVersion.cmake
#
# It installs the library already built in target/release (CARGO_TARGET_DIR is
# honoured) and never rebuilds it; only when no library has been built at all does
# it run `cargo build -p spf-ffi --release --locked` first.
#
#   --libdir DIR   library folder, relative to PREFIX (default lib; e.g. lib64 or
#                  lib/x86_64-linux-gnu)
#   --from DIR     install the libspf.a and libspf.so found in DIR instead (never built)
#   DESTDIR=/stage ./scripts/install-c.sh /usr   stages the files under /stage/usr, for
#                  packaging; the installed files still name /usr
#
# Installing as root into a folder the dynamic linker searches (such as
# /usr/local/lib) refreshes its cache with ldconfig, so programs find the library
# without LD_LIBRARY_PATH. Needs a shell, coreutils, sed and binutils' readelf.
set -euo pipefail

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
die() { printf 'install-c.sh: error: %s\n' "$*" >&2; exit 1; }

libdir=lib
from=""
prefix=""
while [ $# -gt 0 ]; do
  case "$1" in
    --libdir) [ $# -ge 2 ] || usage; libdir=$2; shift 2 ;;
    --libdir=*) libdir=${1#--libdir=}; shift ;;
    --from) [ $# -ge 2 ] || usage; from=$2; shift 2 ;;
    --from=*) from=${1#--from=}; shift ;;
    -h|--help) usage ;;
    -*) echo "install-c.sh: unknown option $1" >&2; usage ;;
    *) [ -z "$prefix" ] || usage; prefix=$1; shift ;;
  esac
done
[ -n "$prefix" ] || usage
case "$libdir" in
  /*|*..*|"") die "--libdir must be a folder inside PREFIX, such as lib or lib64 (got \`$libdir\`)" ;;
esac
libdir=${libdir%/}
# Absolute paths, resolved against the caller's folder before moving to the repository.
prefix=$(realpath -m -- "$prefix")
[ -z "$from" ] || from=$(realpath -m -- "$from")
destdir=${DESTDIR:-}

cd "$(dirname "$0")/.."
root=$(pwd)

# --- the version, the SONAME series and the header ------------------------------
version=$(sed -n 's/^version = "\(.*\)"/\1/p' ffi/Cargo.toml | head -n 1)
[[ "$version" =~ ^([0-9]+)\.([0-9]+)\.([0-9]+)$ ]] || die "cannot read the version of spf-ffi from ffi/Cargo.toml"
major=${BASH_REMATCH[1]} minor=${BASH_REMATCH[2]} patch=${BASH_REMATCH[3]}
if [ "$major" != 0 ]; then series=$major
elif [ "$minor" != 0 ]; then series=0.$minor
else series=0.0.$patch
fi
for part in "MAJOR $major" "MINOR $minor" "PATCH $patch"; do
  set -- $part
  grep -qx "#define SPF_VERSION_$1 $2" include/spf.h ||
    die "include/spf.h does not say SPF_VERSION_$1 $2 (regenerate it: SPF_BLESS_HEADER=1 cargo test -p spf-ffi --test header)"
done

# --- the built library: found, never rebuilt ------------------------------------
if [ -n "$from" ]; then
  built=$from
  [ -f "$built/libspf.a" ] && [ -f "$built/libspf.so" ] ||
    die "no libspf.a and libspf.so in $built"
else
  built=${CARGO_TARGET_DIR:-$root/target}/release
  case "$built" in /*) ;; *) built=$root/$built ;; esac
  if [ ! -f "$built/libspf.a" ] || [ ! -f "$built/libspf.so" ]; then
    echo "no library in ${built#"$root"/}: building it (cargo build -p spf-ffi --release --locked)"
    cargo build -p spf-ffi --release --locked
    [ -f "$built/libspf.a" ] && [ -f "$built/libspf.so" ] || die "cargo built no libspf.a and libspf.so in $built"
  else
    newer=$(find core/src ffi/src ffi/build.rs core/Cargo.toml ffi/Cargo.toml Cargo.lock include/spf.h \
      -type f \( -newer "$built/libspf.a" -o -newer "$built/libspf.so" \) -print -quit 2>/dev/null || true)
    if [ -n "$newer" ]; then
      echo "install-c.sh: warning: $newer is newer than the library in $built;" \
        "installing the library as built (run cargo build -p spf-ffi --release first to include the change)" >&2
    fi
  fi
fi
command -v readelf >/dev/null || die "readelf not found (install binutils)"
soname=$(readelf -d "$built/libspf.so" | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
[ "$soname" = "libspf.so.$series" ] ||
  die "$built/libspf.so has SONAME \`${soname:-none}\`, expected libspf.so.$series (it was built before the SONAME was set: rebuild with cargo build -p spf-ffi --release)"

native=$("$root/scripts/native-static-libs.sh")
# CMake takes the same libraries as a list of names: -lgcc_s -lm -> gcc_s;m.
native_cmake=$(printf '%s\n' $native | sed -n 's/^-l//p' | paste -sd ';' -)
ups=$(( $(tr -cd '/' <<<"$libdir" | wc -c) + 3 ))
up=$(printf '../%.0s' $(seq "$ups")); up=${up%/}
url=$(sed -n 's/^repository = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
pointer_bytes=$(( $(getconf LONG_BIT) / 8 ))

# --- install --------------------------------------------------------------------
lib=$destdir$prefix/$libdir
inc=$destdir$prefix/include
install -d "$lib" "$lib/pkgconfig" "$lib/cmake/spf" "$inc"
install -m 0755 "$built/libspf.so" "$lib/libspf.so.$version"
ln -sfn "libspf.so.$version" "$lib/libspf.so.$series"
ln -sfn "libspf.so.$series" "$lib/libspf.so"
install -m 0644 "$built/libspf.a" "$lib/libspf.a"
install -m 0644 include/spf.h "$inc/spf.h"

substitute() { # TEMPLATE OUTPUT
  sed -e "s|@PREFIX@|$prefix|g" -e "s|@LIBDIR@|$libdir|g" -e "s|@VERSION@|$version|g" \
      -e "s|@MAJOR@|$major|g" -e "s|@MINOR@|$minor|g" -e "s|@SOVERSION@|$series|g" \
      -e "s|@COMPAT@|$major.$minor|g" -e "s|@UP@|$up|g" -e "s|@URL@|$url|g" \
      -e "s|@SIZEOF_VOID_P@|$pointer_bytes|g" \
      -e "s|@NATIVE_LIBS@|$2|g" "$1" >"$3.tmp"
  if grep -n '@[A-Z_]*@' "$3.tmp" >&2; then rm -f "$3.tmp"; die "unreplaced placeholder in $3"; fi
  chmod 0644 "$3.tmp"
  mv "$3.tmp" "$3"
}
substitute ffi/spf.pc.in "$native" "$lib/pkgconfig/spf.pc"
substitute ffi/cmake/spfConfig.cmake.in "$native_cmake" "$lib/cmake/spf/spfConfig.cmake"
substitute ffi/cmake/spfConfigVersion.cmake.in "" "$lib/cmake/spf/spfConfigVersion.cmake"

echo "installed spf $version (SONAME libspf.so.$series) from ${built#"$root"/} into $destdir$prefix:"
for file in "$libdir/libspf.so.$version" "$libdir/libspf.so.$series" "$libdir/libspf.so" \
    "$libdir/libspf.a" include/spf.h "$libdir/pkgconfig/spf.pc" \
    "$libdir/cmake/spf/spfConfig.cmake" "$libdir/cmake/spf/spfConfigVersion.cmake"; do
  if [ -L "$destdir$prefix/$file" ]; then
    echo "  $file -> $(readlink "$destdir$prefix/$file")"
  else
    echo "  $file"
  fi
done
echo "  Libs.private: $native"

# --- the dynamic linker's cache -------------------------------------------------
searched() { # is $prefix/$libdir one of the folders the dynamic linker searches?
  command -v ldconfig >/dev/null || return 1
  local want dir
  want=$(realpath -m -- "$prefix/$libdir")
  while read -r dir; do
    [ "$(realpath -m -- "$dir")" = "$want" ] && return 0
  done < <(ldconfig -v -N 2>/dev/null | sed -n 's/^\(\/[^:]*\):.*/\1/p')
  return 1
}
if [ -z "$destdir" ] && searched; then
  if [ "$(id -u)" -eq 0 ]; then
    ldconfig
    echo "refreshed the dynamic linker's cache (ldconfig)"
  else
    echo "note: run \`sudo ldconfig\` so programs find libspf.so.$series in $prefix/$libdir"
  fi
elif [ -z "$destdir" ]; then
  echo "note: $prefix/$libdir is not a folder the dynamic linker searches: link programs with"
  echo "  -Wl,-rpath,$prefix/$libdir (or set LD_LIBRARY_PATH) so they find libspf.so.$series"
fi
