//! The progress bar is for people at a terminal: with standard error a pipe it
//! never appears, however large the input.

use crate::{INCIDENTS, root, scratch, spf_command, text};

/// More lines than the progress bar's threshold (10,000).
const LINES: usize = 12_000;

fn assert_quiet(args: &[&str]) {
    let out = spf_command()
        .args(args)
        .stdout(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "{args:?}: {:?}", text(&out.stderr));
}

#[test]
fn no_progress_bar_when_standard_error_is_a_pipe() {
    let reports =
        std::fs::read_to_string(root().join("examples/data/breach-reports.jsonl")).unwrap();
    let mut big = String::new();
    while big.lines().count() < LINES {
        big.push_str(&reports);
    }
    let file = scratch("many-reports.jsonl", &big);
    assert_quiet(&["breaches", crate::arg(&file), "--json"]);

    // Records with ids made unique, so that none is rejected.
    let sample = std::fs::read_to_string(root().join(INCIDENTS)).unwrap();
    let mut register = String::new();
    let mut copy = 0;
    while register.lines().count() < LINES {
        for line in sample.lines() {
            let mut record: serde_json::Value = serde_json::from_str(line).unwrap();
            record["id"] = format!("{}-{copy}", record["id"].as_str().unwrap()).into();
            register.push_str(&record.to_string());
            register.push('\n');
        }
        copy += 1;
    }
    let file = scratch("big-register-for-progress.jsonl", &register);
    assert_quiet(&[
        "trends",
        crate::arg(&file),
        "--from",
        "2025-04-01",
        "--to",
        "2026-03-31",
        "--json",
    ]);
}
