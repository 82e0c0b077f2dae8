//! The fuzz targets (`fuzz/`, run by `scripts/fuzz.sh`) follow the operation
//! table: every operation of [`spf_core::operations::OPERATIONS`] has a target
//! named after it in snake case, which runs that operation, and every target
//! file is declared in `fuzz/Cargo.toml`. An operation without a target fails
//! here.

// Test code: helpers outside #[test] functions may unwrap and index.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::path::Path;

use spf_core::operations::OPERATIONS;

/// The targets that are not one operation each.
const OTHER_TARGETS: [&str; 5] = [
    "policy",
    "breach_report",
    "policy_edits",
    "breach_lines",
    "breach_report_reader",
];

fn fuzz_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz"))
}

/// The `name`s of the `[[bin]]` tables of fuzz/Cargo.toml, with their paths.
fn declared_targets() -> Vec<(String, String)> {
    let manifest = std::fs::read_to_string(fuzz_dir().join("Cargo.toml")).unwrap();
    let mut targets = Vec::new();
    for table in manifest.split("[[bin]]").skip(1) {
        let value = |key: &str| {
            table
                .lines()
                .find_map(|line| line.strip_prefix(key)?.trim().strip_prefix('='))
                .map(|value| value.trim().trim_matches('"').to_owned())
                .unwrap_or_else(|| panic!("a [[bin]] in fuzz/Cargo.toml has no {key}"))
        };
        targets.push((value("name"), value("path")));
    }
    targets
}

/// The files in fuzz/fuzz_targets/, without `.rs`.
fn target_files() -> BTreeSet<String> {
    std::fs::read_dir(fuzz_dir().join("fuzz_targets"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .map(|name| {
            name.strip_suffix(".rs")
                .unwrap_or_else(|| panic!("fuzz/fuzz_targets/{name} is not a Rust file"))
                .to_owned()
        })
        .collect()
}

#[test]
fn every_operation_has_a_fuzz_target_that_runs_it() {
    let files = target_files();
    for operation in OPERATIONS {
        let target = operation.snake_case_name();
        assert!(
            files.contains(&target),
            "operation `{}` has no fuzz target: add fuzz/fuzz_targets/{target}.rs \
             (spf_fuzz::operation(\"{}\", data)) and its [[bin]] in fuzz/Cargo.toml",
            operation.name,
            operation.name
        );
        let source =
            std::fs::read_to_string(fuzz_dir().join(format!("fuzz_targets/{target}.rs"))).unwrap();
        assert!(
            source.contains(&format!(
                "spf_fuzz::operation(\"{}\", data)",
                operation.name
            )),
            "fuzz/fuzz_targets/{target}.rs does not run the operation `{}`",
            operation.name
        );
    }
}

#[test]
fn every_target_file_is_declared_and_every_target_is_known() {
    let declared = declared_targets();
    let mut names = BTreeSet::new();
    for (name, path) in &declared {
        assert!(names.insert(name.clone()), "fuzz target `{name}` twice");
        assert_eq!(path, &format!("fuzz_targets/{name}.rs"), "target `{name}`");
    }
    assert_eq!(
        names,
        target_files(),
        "fuzz/Cargo.toml's [[bin]] tables and fuzz/fuzz_targets/ differ"
    );
    let mut expected: BTreeSet<String> = OPERATIONS
        .iter()
        .map(spf_core::operations::Operation::snake_case_name)
        .collect();
    expected.extend(OTHER_TARGETS.iter().map(|name| (*name).to_owned()));
    assert_eq!(
        names, expected,
        "the fuzz targets are one per operation plus {OTHER_TARGETS:?}"
    );
}

#[test]
fn the_fuzz_project_is_its_own_workspace_outside_the_root_one() {
    let manifest = std::fs::read_to_string(fuzz_dir().join("Cargo.toml")).unwrap();
    assert!(manifest.lines().any(|line| line.trim() == "[workspace]"));
    let root = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap();
    assert!(root.contains("exclude = [\"fuzz\"]"));
}
