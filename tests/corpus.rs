//! The golden corpus in `tests/corpus/`: every case's request, run through the
//! JSON entry points of `spf-core` on the MoJ default policy, must give exactly the
//! stored answer bytes. The C test (`tests/c/test_spf.c`) and the Node tests
//! (`wasm/tests/corpus.test.mjs`) check the same bytes through `libspf` and the
//! WebAssembly module, so the three surfaces are pinned to one another.
//!
//! The corpus follows the table of operations ([`spf_core::operations::OPERATIONS`]):
//! each operation has a folder `tests/corpus/<operation>/` holding its cases,
//! `NAME.request.json` (the request exactly as sent, one line) and
//! `NAME.answer.json` (the exact answer, with no trailing newline). An operation
//! without a folder or cases, or a folder no operation owns, fails here.
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

use spf_core::Engine;
use spf_core::operations::{OPERATIONS, Operation};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// One golden case: its operation, its name and its folder.
struct Case {
    operation: &'static Operation,
    name: String,
    dir: PathBuf,
}

/// Every case of every operation, operations in table order, cases by name.
fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for operation in OPERATIONS {
        let dir = corpus_dir().join(operation.name);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut names: Vec<String> = entries
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .filter_map(|file| file.strip_suffix(".request.json").map(str::to_owned))
            .collect();
        names.sort();
        for name in names {
            cases.push(Case {
                operation,
                name,
                dir: dir.clone(),
            });
        }
    }
    cases
}

fn bless() -> bool {
    std::env::var("SPF_BLESS_CORPUS").is_ok_and(|v| v == "1")
}

#[test]
fn every_case_gives_exactly_its_stored_answer() {
    let engine = Engine::moj_default();
    let cases = cases();
    let mut failures = Vec::new();
    for Case {
        operation,
        name,
        dir,
    } in &cases
    {
        let run = |engine: &Engine, request: &str| operation.answer(engine, request);
        let operation = operation.name;
        let request_path = dir.join(format!("{name}.request.json"));
        let answer_path = dir.join(format!("{name}.answer.json"));
        let request = std::fs::read_to_string(&request_path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", request_path.display()));
        assert!(
            !request.contains('\n'),
            "{name}: the request must be one compact line with no newline"
        );
        let answer =
            run(&engine, &request).unwrap_or_else(|e| panic!("{name}: {operation} failed: {e}"));
        // Same input, same policy, same bytes: the answer is deterministic.
        assert_eq!(
            run(&engine, &request).unwrap(),
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
    for operation in OPERATIONS {
        assert!(
            cases
                .iter()
                .any(|case| case.operation.name == operation.name),
            "no corpus case for `{}`: add tests/corpus/{}/NAME.request.json",
            operation.name,
            operation.name
        );
    }
    let mut names = BTreeSet::new();
    for case in &cases {
        assert!(
            names.insert(case.name.as_str()),
            "case `{}` is in two folders",
            case.name
        );
    }
    // Every folder belongs to an operation and every file to a case, so a
    // renamed operation or a misspelt file cannot leave cases unrun unnoticed.
    for entry in std::fs::read_dir(corpus_dir()).unwrap() {
        let entry = entry.unwrap();
        let folder = entry.file_name().into_string().unwrap();
        assert!(
            entry.path().is_dir() && OPERATIONS.iter().any(|op| op.name == folder),
            "tests/corpus/{folder} is not the folder of an operation in the table"
        );
        for file in std::fs::read_dir(entry.path()).unwrap() {
            let file = file.unwrap().file_name().into_string().unwrap();
            let name = file
                .strip_suffix(".request.json")
                .or_else(|| file.strip_suffix(".answer.json"));
            assert!(
                name.is_some_and(|name| names.contains(name)),
                "tests/corpus/{folder}/{file} belongs to no case (NAME.request.json and NAME.answer.json)"
            );
        }
    }
}
