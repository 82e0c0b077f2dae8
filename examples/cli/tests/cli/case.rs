//! `spf case`.

use crate::{spf, spf_with_stdin, text};

#[test]
fn the_sample_cases_are_checked_with_a_summary() {
    let out = spf(&["case", "examples/data/cases.jsonl", "--as-of", "2026-11-30"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert_eq!(stdout.matches("\nCase CASE-").count() + 1, 225, "{stdout}");
    assert!(
        stdout.starts_with("Case CASE-000001 on 2026-11-30: closed\n"),
        "{stdout}"
    );
    assert!(stdout.contains(
        "  Decision:    minor, no action on 2024-06-16 (as recommended, 44 days after the report)"
    ));
    assert!(stdout.contains("[policy statement] POLSBP003 (managers SHALL then decide"));
    let summary = stdout.lines().rev().take(3).collect::<Vec<_>>();
    assert_eq!(
        summary,
        [
            "Findings: closedWithoutDecision 3, decisionOverdue 5, decisionWithoutInvestigation 2, departureReasonMissing 4, reportNotRecorded 11",
            "Decisions: 180 as recommended, 14 lower, 11 higher",
            "225 cases: 191 closed, 17 decided and open, 17 under investigation, 0 not yet investigated",
        ]
    );
}

#[test]
fn json_gives_the_librarys_answer_for_each_line() {
    let out = spf(&[
        "case",
        "examples/data/cases.jsonl",
        "--as-of",
        "2026-11-30",
        "--json",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let engine = spf_core::Engine::moj_default();
    let cases = std::fs::read_to_string(crate::root().join("examples/data/cases.jsonl")).unwrap();
    let stdout = text(&out.stdout);
    assert_eq!(stdout.lines().count(), cases.lines().count());
    for (line, answer) in cases.lines().zip(stdout.lines()) {
        let request = format!(r#"{{"asOf":"2026-11-30","case":{line}}}"#);
        assert_eq!(
            answer,
            spf_core::json::check_case(&engine, &request).unwrap()
        );
    }
}

#[test]
fn a_bad_line_is_reported_with_its_number_and_the_others_are_checked() {
    let good = r#"{"report":{"kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-11-01","person":{"status":"employee","organisation":"moj"}},"events":[{"event":"reported","on":"2026-11-02"}]}"#;
    let duplicate = r#"{"report":{"kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-11-01","person":{"status":"employee","organisation":"moj"}},"events":[{"event":"reported","on":"2026-11-02"},{"event":"reported","on":"2026-11-03"}]}"#;
    let bad_report = r#"{"report":{"kind":"lossOfPas","care":"avoidableCarelessness","occurred":"2026-11-01","person":{"status":"employee","organisation":"moj"}},"events":[]}"#;
    let input = format!("{good}\n\n{duplicate}\n{bad_report}\n");
    let out = spf_with_stdin(&["case", "-", "--as-of", "2026-11-30"], &input);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("spf: standard input line 3: duplicateEntry: `reported` is recorded twice (events 0 and 1, from 0); a case has one of each event (at /events/1/event)"),
        "{stderr}"
    );
    assert!(stderr.contains("line 4: unknownValue: unknown value `lossOfPas` for `kind`; did you mean `lossOfPass`? (at /report/kind)"), "{stderr}");
    let stdout = text(&out.stdout);
    assert!(stdout.contains("investigationOverdue"), "{stdout}");
    assert!(stdout.contains("1 case: 0 closed"), "{stdout}");

    let out = spf_with_stdin(&["case", "-", "--as-of", "2026-11-30", "--json"], &input);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    let errors: Vec<serde_json::Value> = stderr
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(errors.len(), 2, "{stderr}");
    assert_eq!(
        (
            errors[0]["line"].as_u64(),
            errors[0]["error"]["path"].as_str()
        ),
        (Some(3), Some("/events/1/event"))
    );
    assert_eq!(
        (
            errors[1]["line"].as_u64(),
            errors[1]["error"]["code"].as_str()
        ),
        (Some(4), Some("unknownValue"))
    );
    assert_eq!(text(&out.stdout).lines().count(), 1);

    assert_eq!(
        spf(&["case", "examples/data/cases.jsonl"]).status.code(),
        Some(2)
    );
    assert_eq!(
        spf(&["case", "examples/data/cases.jsonl", "--as-of", "2026-02-30"])
            .status
            .code(),
        Some(2)
    );
}
