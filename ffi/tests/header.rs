//! The committed header is exactly what cbindgen generates from this crate, the
//! version macros match Cargo, and every exported function runs inside the panic
//! boundary.
//!
//! Run with `SPF_BLESS_HEADER=1` to rewrite `include/spf.h` after changing the API.

// Test code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
// Calls into the C ABI need unsafe blocks.
#![allow(unsafe_code)]

use std::path::PathBuf;

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn generated_header() -> String {
    let dir = crate_dir();
    let config = cbindgen::Config::from_file(dir.join("cbindgen.toml")).unwrap();
    let bindings = cbindgen::Builder::new()
        .with_crate(&dir)
        .with_config(config)
        .generate()
        .unwrap();
    let mut out = Vec::new();
    bindings.write(&mut out);
    String::from_utf8(out).unwrap()
}

#[test]
fn committed_header_matches_the_generated_one() {
    let path = crate_dir().join("../include/spf.h");
    let generated = generated_header();
    if std::env::var_os("SPF_BLESS_HEADER").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "include/spf.h differs from what cbindgen generates; run \
         `SPF_BLESS_HEADER=1 cargo test -p spf-ffi --test header` and commit it"
    );
}

#[test]
fn version_macros_match_cargo() {
    let header = std::fs::read_to_string(crate_dir().join("../include/spf.h")).unwrap();
    for (name, value) in [
        ("SPF_VERSION_MAJOR", env!("CARGO_PKG_VERSION_MAJOR")),
        ("SPF_VERSION_MINOR", env!("CARGO_PKG_VERSION_MINOR")),
        ("SPF_VERSION_PATCH", env!("CARGO_PKG_VERSION_PATCH")),
    ] {
        assert!(
            header.contains(&format!("#define {name} {value}")),
            "{name} is not {value} in the header"
        );
    }
    assert_eq!(
        spf::SPF_VERSION_MAJOR.to_string(),
        env!("CARGO_PKG_VERSION_MAJOR")
    );
    assert_eq!(
        spf::SPF_VERSION_MINOR.to_string(),
        env!("CARGO_PKG_VERSION_MINOR")
    );
    assert_eq!(
        spf::SPF_VERSION_PATCH.to_string(),
        env!("CARGO_PKG_VERSION_PATCH")
    );
    // SAFETY: spf_version returns a static NUL-terminated string.
    let version = unsafe { std::ffi::CStr::from_ptr(spf::spf_version()) };
    assert_eq!(version.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
}

/// Every `extern "C" fn` in the sources starts its body inside `boundary(` or
/// `boundary_value(`, and every one is declared in the header.
#[test]
fn every_export_runs_inside_the_panic_boundary() {
    let mut exports = 0;
    for entry in std::fs::read_dir(crate_dir().join("src")).unwrap() {
        let path = entry.unwrap().path();
        let source = std::fs::read_to_string(&path).unwrap();
        // A file's unit tests (its `#[cfg(test)] mod tests`, last) may define
        // callbacks of their own to pass to the exports.
        let all: Vec<&str> = source.lines().collect();
        let tests_start = all
            .windows(2)
            .position(|pair| pair[0].trim() == "#[cfg(test)]" && pair[1].starts_with("mod tests"))
            .unwrap_or(all.len());
        let lines = &all[..tests_start];
        for (i, line) in lines.iter().enumerate() {
            if !line.contains("extern \"C\" fn ") || line.trim_start().starts_with("//") {
                continue;
            }
            exports += 1;
            // The body is the first line after the signature's opening brace.
            let open = (i..lines.len())
                .find(|&j| lines[j].trim_end().ends_with('{'))
                .unwrap();
            let first = lines[open + 1..]
                .iter()
                .map(|l| l.trim_start())
                .find(|l| !l.starts_with("//"))
                .unwrap();
            assert!(
                first.starts_with("boundary(")
                    || first.starts_with("boundary::boundary_value(")
                    || first.starts_with("boundary_value("),
                "{}:{}: `{}` does not start inside the panic boundary (found `{first}`)",
                path.display(),
                i + 1,
                line.trim()
            );
        }
    }
    // Every exported name is declared in the header.
    let header = std::fs::read_to_string(crate_dir().join("../include/spf.h")).unwrap();
    let mut names = Vec::new();
    for entry in std::fs::read_dir(crate_dir().join("src")).unwrap() {
        let source = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in source.lines() {
            let line = line.trim();
            if let Some(rest) = line.split("extern \"C\" fn ").nth(1) {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if name.starts_with("spf_") {
                    names.push(name);
                }
            }
        }
    }
    assert!(names.len() >= 19, "{names:?}");
    // Every operation of the table has its C twin, and every JSON export is an
    // operation of the table or one of the few functions that are not.
    let twins: Vec<String> = spf_core::operations::OPERATIONS
        .iter()
        .map(|op| format!("spf_{}_json", op.snake_case_name()))
        .collect();
    for twin in &twins {
        assert!(
            names.iter().any(|n| n == twin),
            "`{twin}` is not exported: every operation in spf_core::operations::OPERATIONS needs its C entry point in ffi/src/lib.rs"
        );
    }
    const NOT_OPERATIONS: [&str; 4] = [
        "spf_engine_new_from_json",
        "spf_policy_export_json",
        "spf_last_error_json",
        "spf_operation_json",
    ];
    for name in names.iter().filter(|n| n.ends_with("_json")) {
        assert!(
            twins.contains(name) || NOT_OPERATIONS.contains(&name.as_str()),
            "`{name}` looks like a JSON operation but is not in spf_core::operations::OPERATIONS"
        );
    }
    for name in &names {
        assert!(
            header.contains(&format!("{name}(")),
            "`{name}` is not declared in the header"
        );
    }
    assert!(exports >= 19, "only {exports} exports found");
}

#[test]
fn header_comments_are_plain_text_without_rustdoc_links() {
    // cbindgen copies doc comments verbatim: an intra-doc link such as
    // [`spf_string_free`] would reach C readers as markup. Names are written as
    // `spf_string_free` instead.
    let header = std::fs::read_to_string(crate_dir().join("../include/spf.h")).unwrap();
    let mut offending = Vec::new();
    for (number, line) in header.lines().enumerate() {
        let Some((_, comment)) = line.split_once("//") else {
            continue;
        };
        let intra_doc = comment.contains("[`") && comment.contains("`]");
        let markdown_link = comment.contains("](");
        if intra_doc || markdown_link {
            offending.push(format!("{}: {}", number + 1, line.trim()));
        }
    }
    assert!(
        offending.is_empty(),
        "rustdoc link syntax in include/spf.h comments (write `name`, not [`name`]):\n{}",
        offending.join("\n")
    );
}
