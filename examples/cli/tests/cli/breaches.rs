//! `spf breaches`, policy documents and usage errors.

use spf_core::{BreachKind, Engine, Policy};

use crate::{arg, root, scratch, spf, text};

#[test]
fn sample_reports_cover_every_kind_and_all_assess() {
    let sample = root().join("examples/data/breach-reports.jsonl");
    let lines: Vec<String> = std::fs::read_to_string(&sample)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    assert!(lines.len() >= 40, "{} reports", lines.len());
    let kinds: Vec<String> = lines
        .iter()
        .map(|l| {
            let report: serde_json::Value = serde_json::from_str(l).unwrap();
            report["kind"].as_str().unwrap().to_owned()
        })
        .collect();
    for kind in BreachKind::ALL {
        assert!(
            kinds.iter().any(|k| k == kind.as_str()),
            "no sample report of kind {kind}"
        );
    }

    let out = spf(&["breaches", "examples/data/breach-reports.jsonl"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(stdout.matches("recommended level:").count(), lines.len());
    assert!(stdout.contains(&format!(
        "{} report(s): {} assessed",
        lines.len(),
        lines.len()
    )));
    assert!(stdout.contains("[policy statement] POLSBP002"));
    assert!(stdout.contains("[configurable default]"));
}

#[test]
fn json_lines_output_is_one_answer_per_report() {
    let out = spf(&["breaches", "examples/data/breach-reports.jsonl", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let engine = Engine::moj_default();
    let inputs =
        std::fs::read_to_string(root().join("examples/data/breach-reports.jsonl")).unwrap();
    let stdout = text(&out.stdout);
    let answers: Vec<&str> = stdout.lines().collect();
    let expected: Vec<String> = inputs
        .lines()
        .map(|line| spf_core::json::assess_breach(&engine, line).unwrap())
        .collect();
    assert_eq!(answers, expected);
}

#[test]
fn threads_write_the_same_answers_and_errors_in_input_order() {
    // Enough reports for many of the batch's chunks, every 50th one broken.
    let sample =
        std::fs::read_to_string(root().join("examples/data/breach-reports.jsonl")).unwrap();
    let sample: Vec<&str> = sample.lines().collect();
    let mut input = String::new();
    for n in 0..6_000 {
        if n % 50 == 49 {
            input.push_str("{\"kind\":\"lossOfPas\"}\n");
        } else {
            input.push_str(sample[n % sample.len()]);
            input.push('\n');
        }
    }
    let file = scratch("many.jsonl", &input);
    let one = spf(&["breaches", arg(&file), "--json", "--threads", "1"]);
    assert_eq!(one.status.code(), Some(1), "{}", text(&one.stderr));
    let engine = Engine::moj_default();
    let expected: Vec<String> = input
        .lines()
        .filter_map(|line| spf_core::json::assess_breach(&engine, line).ok())
        .collect();
    let stdout = text(&one.stdout);
    assert_eq!(stdout.lines().collect::<Vec<_>>(), expected);
    let error_lines: Vec<u64> = text(&one.stderr)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["line"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(
        error_lines,
        (1..=6_000).filter(|n| n % 50 == 0).collect::<Vec<u64>>()
    );
    for threads in ["2", "3"] {
        let many = spf(&["breaches", arg(&file), "--json", "--threads", threads]);
        assert_eq!(many.stdout, one.stdout, "--threads {threads}");
        assert_eq!(many.stderr, one.stderr, "--threads {threads}");
        assert_eq!(many.status.code(), Some(1));
    }
    let zero = spf(&["breaches", arg(&file), "--json", "--threads", "0"]);
    assert_eq!(zero.status.code(), Some(2), "{}", text(&zero.stderr));
}

#[test]
fn bad_lines_are_reported_and_the_rest_still_processed() {
    let good = r#"{"kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-01-05","person":{"status":"employee","organisation":"moj"}}"#;
    let file = scratch(
        "mixed.jsonl",
        &format!(
            "{good}\n{{\"kind\":\n\n{}\n{good}\n",
            good.replace("2026-01-05", "2026-02-30")
        ),
    );
    let out = spf(&["breaches", arg(&file)]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("line 2: malformedJson"), "{stderr}");
    assert!(stderr.contains("line 4: invalidDate"), "{stderr}");
    assert!(text(&out.stdout).contains("4 report(s): 2 assessed (minor 2), 2 failed"));

    let out = spf(&["breaches", arg(&file), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout).lines().count(), 2);
    let errors: Vec<serde_json::Value> = text(&out.stderr)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(errors[0]["line"], 2);
    assert_eq!(errors[1]["error"]["code"], "invalidDate");
    assert_eq!(errors[1]["error"]["path"], "/occurred");
}

#[test]
fn policy_export_round_trips_and_a_custom_policy_is_used() {
    let out = spf(&["policy", "export"]);
    assert!(out.status.success());
    let exported = text(&out.stdout);
    assert_eq!(Policy::from_json(&exported).unwrap(), Policy::moj_default());

    let custom = scratch(
        "custom-policy.json",
        &exported.replacen("\"id\": \"moj-default\"", "\"id\": \"agency-x\"", 1),
    );
    let out = spf(&[
        "breaches",
        "examples/data/breach-reports.jsonl",
        "--json",
        "--policy",
        arg(&custom),
    ]);
    assert!(out.status.success());
    assert!(
        text(&out.stdout)
            .lines()
            .all(|l| l.contains(r#""policy":{"id":"agency-x""#))
    );

    let broken = scratch(
        "broken-policy.json",
        &exported.replacen("\"maxScore\": 12", "\"maxScore\": 10", 1),
    );
    let out = spf(&[
        "breaches",
        "examples/data/breach-reports.jsonl",
        "--policy",
        arg(&broken),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("policyBandsInvalid"), "{stderr}");
    assert!(stderr.contains("(at /breach/bands)"), "{stderr}");
}

#[test]
fn usage_errors_exit_with_two() {
    assert_eq!(spf(&[]).status.code(), Some(2));
    assert_eq!(spf(&["breaches"]).status.code(), Some(2));
    assert_eq!(
        spf(&["breaches", "no-such-file.jsonl"]).status.code(),
        Some(2)
    );
    assert_eq!(
        spf(&["breaches", "x", "--frobnicate"]).status.code(),
        Some(2)
    );
    assert!(spf(&["help"]).status.success());
}

#[test]
fn a_line_with_several_mistakes_reports_them_all_in_one_round() {
    let line = r#"{"kind":"passwordSharing","care":"carelessish","person":{"status":"employee","organisation":"moj"}}"#;
    let file = scratch("three-mistakes.jsonl", &format!("{line}\n"));
    let out = spf(&["breaches", arg(&file)]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("line 1: "))
        .collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert_eq!(
        lines[0],
        "line 1: unknownValue: unknown value `passwordSharing` for `kind`; did you mean `passwordOrAccountSharing`? (at /kind)"
    );
    assert!(
        lines[1].starts_with(
            "line 1: unknownValue: unknown value `carelessish` for `care`; expected one of "
        ),
        "{stderr}"
    );
    assert_eq!(lines[2], "line 1: missingField: missing field `occurred`");
    // The parser's line and column count within the line, not the file.
    assert!(!stderr.contains(" at line "), "{stderr}");

    let out = spf(&["breaches", arg(&file), "--json"]);
    let error: serde_json::Value =
        serde_json::from_str(text(&out.stderr).lines().next().unwrap()).unwrap();
    assert_eq!(error["line"], 1);
    assert_eq!(error["error"]["errors"].as_array().unwrap().len(), 3);
    assert!(!text(&out.stderr).contains(" at line "));
}
