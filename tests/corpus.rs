//! The golden corpus in `tests/corpus/`: every case's request, run through the
//! JSON entry points of `spf-core` on the MoJ default policy, must give exactly the
//! stored answer bytes. The C test (`tests/c/test_spf.c`) checks the same bytes
//! through `libspf`, so the Rust and C surfaces are pinned to one another.
//!
//! `tests/corpus/cases.txt` lists one case per line as `OPERATION NAME` (blank
//! lines and `#` comments are skipped); `NAME.request.json` is the request exactly
//! as sent and `NAME.answer.json` the exact answer, with no trailing newline.
//!
//! To (re)write the answers after an intended change of output:
//!
//! ```sh
//! SPF_BLESS_CORPUS=1 cargo test --test corpus
//! ```
//!
//! and review the diff before committing it.

// Test code: helpers outside #[test] functions may unwrap and index.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use spf_core::{Engine, SpfError, json};

/// The operations a case may name, as spelt in `cases.txt`.
const OPERATIONS: [&str; 7] = [
    "assessBreach",
    "siteStatus",
    "portfolio",
    "coordinate",
    "responseLevel",
    "trendReport",
    "evaluateCompliance",
];

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn run(engine: &Engine, operation: &str, request: &str) -> Result<String, SpfError> {
    match operation {
        "assessBreach" => json::assess_breach(engine, request),
        "siteStatus" => json::site_status(engine, request),
        "portfolio" => json::portfolio(engine, request),
        "coordinate" => json::coordinate(engine, request),
        "responseLevel" => json::response_level(engine, request),
        "trendReport" => json::trend_report(engine, request),
        "evaluateCompliance" => json::evaluate_compliance(engine, request),
        other => panic!("cases.txt: unknown operation `{other}` (one of {OPERATIONS:?})"),
    }
}

/// The cases listed in `cases.txt`, in order, as `(operation, name)`.
fn cases() -> Vec<(String, String)> {
    let path = corpus_dir().join("cases.txt");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut cases = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        assert!(
            fields.len() == 2 && OPERATIONS.contains(&fields[0]),
            "cases.txt line {}: expected `OPERATION NAME`, got `{line}`",
            number + 1
        );
        cases.push((fields[0].to_owned(), fields[1].to_owned()));
    }
    cases
}

fn bless() -> bool {
    std::env::var("SPF_BLESS_CORPUS").is_ok_and(|v| v == "1")
}

#[test]
fn every_case_gives_exactly_its_stored_answer() {
    let engine = Engine::moj_default();
    let dir = corpus_dir();
    let cases = cases();
    let mut failures = Vec::new();
    for (operation, name) in &cases {
        let request_path = dir.join(format!("{name}.request.json"));
        let answer_path = dir.join(format!("{name}.answer.json"));
        let request = std::fs::read_to_string(&request_path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", request_path.display()));
        assert!(
            !request.contains('\n'),
            "{name}: the request must be one compact line with no newline"
        );
        let answer = run(&engine, operation, &request)
            .unwrap_or_else(|e| panic!("{name}: {operation} failed: {e}"));
        // Same input, same policy, same bytes: the answer is deterministic.
        assert_eq!(
            run(&engine, operation, &request).unwrap(),
            answer,
            "{name}: two runs differ"
        );
        if bless() {
            std::fs::write(&answer_path, &answer)
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", answer_path.display()));
            continue;
        }
        let stored = std::fs::read_to_string(&answer_path).unwrap_or_else(|e| {
            panic!(
                "cannot read {} ({e}); run with SPF_BLESS_CORPUS=1 to create it",
                answer_path.display()
            )
        });
        if stored != answer {
            let at = stored
                .bytes()
                .zip(answer.bytes())
                .position(|(a, b)| a != b)
                .unwrap_or(stored.len().min(answer.len()));
            let context = |text: &str| {
                text.get(at.saturating_sub(60)..(at + 60).min(text.len()))
                    .unwrap_or("")
                    .to_owned()
            };
            failures.push(format!(
                "{name} ({operation}): answer differs from {} at byte {at}\n  stored: …{}…\n  now:    …{}…",
                answer_path.display(),
                context(&stored),
                context(&answer)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} corpus case(s) differ (rerun with SPF_BLESS_CORPUS=1 if the change is intended):\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn the_corpus_covers_every_operation_and_has_no_stray_files() {
    let cases = cases();
    assert!(
        cases.len() >= 16,
        "the corpus should hold at least 16 cases, has {}",
        cases.len()
    );
    let operations: BTreeSet<&str> = cases.iter().map(|(op, _)| op.as_str()).collect();
    for operation in OPERATIONS {
        assert!(
            operations.contains(operation),
            "no corpus case for `{operation}`"
        );
    }
    let mut names = BTreeSet::new();
    for (_, name) in &cases {
        assert!(names.insert(name.as_str()), "case `{name}` is listed twice");
    }
    // Every file in the directory belongs to a listed case, so a case removed from
    // cases.txt (or a misspelt name) cannot leave stale files behind unnoticed.
    for entry in std::fs::read_dir(corpus_dir()).unwrap() {
        let file = entry.unwrap().file_name().into_string().unwrap();
        if file == "cases.txt" {
            continue;
        }
        let name = file
            .strip_suffix(".request.json")
            .or_else(|| file.strip_suffix(".answer.json"));
        assert!(
            name.is_some_and(|name| names.contains(name)),
            "tests/corpus/{file} belongs to no case in cases.txt"
        );
    }
}
