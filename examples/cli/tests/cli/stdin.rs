//! `-` reads standard input for every FILE argument, with the same answers as
//! the file.

use crate::{AS_OF, INCIDENTS, SITES, root, spf, spf_with_stdin, text};

fn sample(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap()
}

#[test]
fn every_file_argument_reads_standard_input() {
    let cases: [&[&str]; 4] = [
        &["breaches", "examples/data/breach-reports.jsonl", "--json"],
        &[
            "sites", SITES, "--threat", "severe", "--as-of", AS_OF, "--json",
        ],
        &[
            "trends",
            INCIDENTS,
            "--from",
            "2025-04-01",
            "--to",
            "2026-03-31",
            "--json",
        ],
        &[
            "compliance",
            "examples/data/compliance-return.json",
            "--json",
        ],
    ];
    for args in cases {
        // The FILE argument is the second word; the same command reading it
        // from standard input gives the same answer.
        let path = args[1];
        let mut piped = args.to_vec();
        piped[1] = "-";
        let out = spf_with_stdin(&piped, &sample(path));
        assert!(out.status.success(), "{piped:?}: {}", text(&out.stderr));
        assert!(!out.stdout.is_empty(), "{piped:?}");
        assert_eq!(out.stdout, spf(args).stdout, "{piped:?}");
    }

    let policy = text(&spf(&["policy", "export"]).stdout);
    let out = spf_with_stdin(&["policy", "validate", "-"], &policy);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("valid: `standard input` is policy moj-default"));
}

#[test]
fn standard_input_is_named_in_text_reports() {
    let out = spf_with_stdin(
        &["breaches", "-"],
        &sample("examples/data/breach-reports.jsonl"),
    );
    assert!(out.status.success());
    assert!(text(&out.stdout).starts_with("Assessing standard input against policy moj-default"));
}

#[test]
fn a_policy_can_come_from_standard_input_but_only_one_argument_can() {
    let policy = text(&spf(&["policy", "export"]).stdout).replacen(
        "\"id\": \"moj-default\"",
        "\"id\": \"agency-x\"",
        1,
    );
    let out = spf_with_stdin(
        &[
            "breaches",
            "examples/data/breach-reports.jsonl",
            "--json",
            "--policy",
            "-",
        ],
        &policy,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout)
            .lines()
            .all(|l| l.contains(r#""policy":{"id":"agency-x""#))
    );

    let out = spf_with_stdin(&["breaches", "-", "--policy", "-"], &policy);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("standard input (`-`) can be given for only one argument"),
        "{}",
        text(&out.stderr)
    );
}
