//! The README's lists are complete: the functions of each surface against the
//! operation table, the site findings against `FindingCode::ALL`, and the
//! compliance return's variation problems against `VariationProblem::ALL`. A
//! new operation, finding or problem that the README does not name fails here.

// Test code: helpers outside #[test] functions may unwrap and index.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;

use spf_core::compliance::VariationProblem;
use spf_core::operations::OPERATIONS;
use spf_core::site::FindingCode;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// The text of the README between `start` and the first `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let (_, after) = text
        .split_once(start)
        .unwrap_or_else(|| panic!("the README no longer says {start:?}"));
    after
        .split_once(end)
        .unwrap_or_else(|| panic!("nothing ends the README's list after {start:?} with {end:?}"))
        .0
}

/// Every `backticked` word in the text.
fn backticked(text: &str) -> BTreeSet<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn set<I: IntoIterator<Item = String>>(items: I) -> BTreeSet<String> {
    items.into_iter().collect()
}

#[test]
fn the_webassembly_functions_are_every_operation_and_the_policy_export() {
    let readme = readme();
    let listed = backticked(between(
        &readme,
        "The functions, one per operation of the library's table:",
        "each with a `…Json` twin",
    ));
    let expected = set(OPERATIONS
        .iter()
        .map(|operation| operation.name.to_owned())
        .chain(["exportPolicy".to_owned()]));
    assert_eq!(listed, expected);
}

#[test]
fn the_c_json_entry_points_are_every_operation() {
    let readme = readme();
    let listed = backticked(between(
        &readme,
        "JSON entry points, one per operation of the table (`spf_core::operations::OPERATIONS`):",
        "; any of them by name",
    ));
    let expected = set(OPERATIONS
        .iter()
        .map(|operation| format!("spf_{}_json", snake_case(operation.name))));
    assert_eq!(listed, expected);
    let header =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/include/spf.h")).unwrap();
    for function in &expected {
        assert!(
            header.contains(&format!("{function}(")),
            "{function} is not in include/spf.h"
        );
    }
}

#[test]
fn the_site_findings_are_every_finding_code() {
    let readme = readme();
    let list = between(&readme, "- **Findings** (", "\n- **");
    let listed: BTreeSet<String> = backticked(list)
        .into_iter()
        .filter(|word| {
            !["policyStatement", "configurableDefault", "agencyVariation"].contains(&word.as_str())
        })
        .collect();
    let expected = set(FindingCode::ALL.iter().map(|code| code.as_str().to_owned()));
    assert_eq!(listed, expected);
}

#[test]
fn the_invalid_variation_problems_are_every_problem() {
    let readme = readme();
    let listed = backticked(between(
        &readme,
        "`invalidVariations` (",
        "; the first that applies)",
    ));
    let expected = set(VariationProblem::ALL.iter().map(|p| p.as_str().to_owned()));
    assert_eq!(listed, expected);
}
