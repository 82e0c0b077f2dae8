//! `spf policy validate` and `spf policy guidance`.

use crate::{scratch, spf, spf_with_stdin, text};

fn exported() -> String {
    let out = spf(&["policy", "export"]);
    assert!(out.status.success());
    text(&out.stdout)
}

#[test]
fn the_default_policy_is_valid() {
    let file = scratch("valid-policy.json", &exported());
    let out = spf(&["policy", "validate", crate::arg(&file)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.starts_with("valid: "), "{stdout}");
    assert!(
        stdout.contains("policy moj-default version 2026.1"),
        "{stdout}"
    );
    assert!(out.stderr.is_empty());

    let out = spf(&["policy", "validate", crate::arg(&file), "--json"]);
    assert!(out.status.success());
    let answer: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(answer["valid"], true);
    assert_eq!(answer["policy"]["id"], "moj-default");
}

#[test]
fn every_problem_is_listed_with_its_pointer() {
    // Two problems in different sections: the bands no longer cover 12, and
    // CRITICAL maps below SEVERE.
    let bands_short = exported().replacen("\"maxScore\": 12", "\"maxScore\": 11", 1);
    let mut document: serde_json::Value = serde_json::from_str(&bands_short).unwrap();
    document["counterTerrorism"]["threatLevels"][4]["responseLevel"] = "normal".into();
    let file = scratch("two-problems.json", &document.to_string());

    let out = spf(&["policy", "validate", crate::arg(&file)]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(lines[0].starts_with("policyBandsInvalid: "), "{stdout}");
    assert!(lines[0].ends_with("(at /breach/bands)"), "{stdout}");
    assert!(lines[1].starts_with("policyNotMonotone: "), "{stdout}");
    assert!(
        lines[1].ends_with("(at /counterTerrorism/threatLevels/4/responseLevel)"),
        "{stdout}"
    );
    assert!(text(&out.stderr).contains("2 problem(s)"));

    let out = spf(&["policy", "validate", crate::arg(&file), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let answer: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(answer["valid"], false);
    let paths: Vec<&str> = answer["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "/breach/bands",
            "/counterTerrorism/threatLevels/4/responseLevel"
        ]
    );
}

#[test]
fn a_document_that_is_not_json_is_invalid_and_a_missing_one_unreadable() {
    let out = spf_with_stdin(&["policy", "validate", "-"], "{\"id\": ");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).starts_with("malformedJson: "));
    assert_eq!(
        spf(&["policy", "validate", "no-such-policy.json"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn a_loosened_statement_is_named_with_its_pointer() {
    // The MODERATE CT-test interval stretched to three years, without a variation.
    let mut document: serde_json::Value = serde_json::from_str(&exported()).unwrap();
    let moderate = &mut document["counterTerrorism"]["ctPlanTests"][1];
    assert_eq!(moderate["tier"], "moderate");
    moderate["overdueAfterMonths"] = 36.into();
    let file = scratch("loosened.json", &document.to_string());
    let out = spf(&["policy", "validate", crate::arg(&file)]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("policyWeakensStatement: "), "{stdout}");
    assert!(
        stdout.contains("medium risk: at least every two years"),
        "{stdout}"
    );
    assert!(
        stdout
            .trim_end()
            .ends_with("(at /counterTerrorism/ctPlanTests/1/overdueAfterMonths)"),
        "{stdout}"
    );

    // Agreed by the Accounting Officer, it is valid.
    moderate_source(&mut document)["basis"] = "agencyVariation".into();
    moderate_source(&mut document)["variation"] = serde_json::json!({
        "by": "J. Smith", "role": "accountingOfficer", "agreedOn": "2026-04-01",
        "reason": "estate review in 2027"
    });
    let file = scratch("varied.json", &document.to_string());
    let out = spf(&["policy", "validate", crate::arg(&file)]);
    assert!(out.status.success(), "{}", text(&out.stdout));
}

fn moderate_source(document: &mut serde_json::Value) -> &mut serde_json::Value {
    &mut document["counterTerrorism"]["ctPlanTests"][1]["source"]
}

#[test]
fn guidance_prints_the_committed_pages_of_the_default() {
    for (format, page) in [
        ("html", "examples/guidance/moj-default.html"),
        ("md", "examples/guidance/moj-default.md"),
        ("markdown", "examples/guidance/moj-default.md"),
    ] {
        let out = spf(&["policy", "guidance", "--format", format]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
        let committed = std::fs::read_to_string(crate::root().join(page)).unwrap();
        assert!(
            text(&out.stdout) == committed,
            "`spf policy guidance --format {format}` is not {page}"
        );
    }
}

#[test]
fn guidance_follows_the_policy_document_given() {
    let mut document: serde_json::Value = serde_json::from_str(&exported()).unwrap();
    document["id"] = "agency-x".into();
    document["version"] = "2027.1".into();
    document["title"] = "Agency X security breach rules".into();
    // The agency tightens the loss of a pass to serious misconduct.
    document["breach"]["kinds"][0]["floor"] = "serious".into();
    let file = scratch("guidance-policy.json", &document.to_string());
    let out = spf(&[
        "policy",
        "guidance",
        "--policy",
        crate::arg(&file),
        "--format",
        "md",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("Policy `agency-x`, version 2027.1"),
        "{stdout}"
    );
    assert!(stdout.contains(
        "- Loss of a building pass, ID card or other security card. Level: serious misconduct."
    ));
    // From standard input too.
    let out = spf_with_stdin(
        &["policy", "guidance", "--policy", "-", "--format", "html"],
        &document.to_string(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let page = text(&out.stdout);
    assert!(page.contains("Policy agency-x, version 2027.1, effective"));
    assert!(page.contains("“Agency X security breach rules”"));
}

#[test]
fn guidance_since_an_earlier_document_says_what_changed_and_checks_it() {
    let current = scratch("guidance-current.json", &exported());
    let out = spf(&[
        "policy",
        "guidance",
        "--since",
        crate::arg(&current),
        "--format",
        "md",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // The same document: the section says nothing changed.
    let same = text(&out.stdout);
    assert!(same.contains("## Changes since version 2026.1"), "{same}");
    assert!(same.contains("Nothing the guidance says has changed."));

    // The HMPPS sample since the default: the raised floor and the agreed
    // variation, each at its pointer.
    let out = spf(&[
        "policy",
        "guidance",
        "--policy",
        "examples/data/policy-hmpps-local.json",
        "--since",
        crate::arg(&current),
        "--format",
        "md",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let changed = text(&out.stdout);
    assert!(changed.contains("### Breach decisions: "), "{changed}");
    assert!(changed.contains("`minor` → `serious` (a policy statement tightened)"));
    assert!(changed.contains("(an Accounting Officer variation added)"));
    assert!(changed.contains("(`/breach/kinds/0/floor`)"));

    let broken = scratch(
        "guidance-broken-since.json",
        &exported().replacen("\"maxScore\": 12", "\"maxScore\": 11", 1),
    );
    let out = spf(&[
        "policy",
        "guidance",
        "--since",
        crate::arg(&broken),
        "--format",
        "md",
    ]);
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("guidance-broken-since.json"), "{stderr}");
    assert!(stderr.contains("policyBandsInvalid"), "{stderr}");
}

#[test]
fn guidance_needs_a_format() {
    let out = spf(&["policy", "guidance"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--format"),
        "{}",
        text(&out.stderr)
    );
    let out = spf(&["policy", "guidance", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2));
}
