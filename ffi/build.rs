//! Gives the shared library (`libspf.so`) its SONAME, so that programs linked
//! against it record the compatible version they need rather than a bare file name.
//!
//! The SONAME names the semver-compatible part of the version: `libspf.so.MAJOR`
//! from 1.0, `libspf.so.0.MINOR` before it (where Cargo treats every minor
//! release as breaking; `0.0.PATCH` for 0.0 releases). `scripts/install-c.sh` installs the library under that
//! name's symlinks. Only the cdylib is affected; the static archive and the rlib
//! have no SONAME.

use std::env;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let family = env::var("CARGO_CFG_TARGET_FAMILY").unwrap_or_default();
    // ELF platforms only: macOS uses install names, Windows import libraries.
    let elf = family.split(',').any(|f| f == "unix") && !matches!(os.as_str(), "macos" | "ios");
    if !elf {
        return;
    }
    let major = env::var("CARGO_PKG_VERSION_MAJOR").unwrap_or_default();
    let minor = env::var("CARGO_PKG_VERSION_MINOR").unwrap_or_default();
    let patch = env::var("CARGO_PKG_VERSION_PATCH").unwrap_or_default();
    let compatible = match (major.as_str(), minor.as_str()) {
        ("0", "0") => format!("0.0.{patch}"),
        ("0", _) => format!("0.{minor}"),
        _ => major,
    };
    println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libspf.so.{compatible}");
}
