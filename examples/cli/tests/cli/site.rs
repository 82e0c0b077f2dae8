//! `spf site FILE --id ID`: one site's full status.

use spf_core::Engine;

use crate::{AS_OF, SITES, root, spf, text};

fn sample_records() -> Vec<serde_json::Value> {
    serde_json::from_str(&std::fs::read_to_string(root().join(SITES)).unwrap()).unwrap()
}

/// A sample site with findings and a site override, the most to show.
fn busy_site() -> serde_json::Value {
    sample_records()
        .into_iter()
        .find(|r| r.get("responseOverride").is_some() && r.get("threatAssessment").is_none())
        .or_else(|| sample_records().into_iter().next())
        .unwrap()
}

#[test]
fn one_site_has_every_schedule_finding_and_reason() {
    let record = busy_site();
    let id = record["id"].as_str().unwrap();
    let when = ["--threat", "substantial", "--as-of", AS_OF];
    let out = spf(&[&["site", SITES, "--id", id][..], &when, &["--json"]].concat());
    assert!(out.status.success(), "{}", text(&out.stderr));
    // The library's status of that record, byte for byte.
    let request = serde_json::json!({"asOf": AS_OF, "threatLevel": "substantial", "site": record});
    let expected =
        spf_core::json::site_status(&Engine::moj_default(), &request.to_string()).unwrap();
    assert_eq!(text(&out.stdout).trim_end(), expected);
    let status: serde_json::Value = serde_json::from_str(&expected).unwrap();

    let out = spf(&[&["site", SITES, "--id", id][..], &when].concat());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with(&format!("Site {id}  {}", record["name"].as_str().unwrap())),
        "{stdout}"
    );
    for label in ["CT-plan test", "risk assessment", "tier re-assessment"] {
        assert!(
            stdout.lines().any(|l| l.trim_start().starts_with(label)),
            "no {label} row:\n{stdout}"
        );
    }
    let findings = status["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for finding in findings {
        let code = finding["code"].as_str().unwrap();
        assert!(
            stdout.contains(&format!("{code}: ")),
            "no {code}:\n{stdout}"
        );
        // Each finding's source line says whether it is a statement or a default.
        let label = match finding["basis"].as_str().unwrap() {
            "policyStatement" => "policy statement",
            "configurableDefault" => "configurable default",
            other => panic!("unexpected basis {other}"),
        };
        assert!(
            stdout.contains(&format!("source: [{label}] ")),
            "no {label} source:\n{stdout}"
        );
    }
    assert_eq!(
        stdout.matches("source: [").count(),
        findings.len(),
        "{stdout}"
    );
    let reasons = status["reasons"].as_array().unwrap().len();
    assert!(stdout.contains(&format!("\n  {reasons:>2}. ")), "{stdout}");
    for control in status["requiredControls"].as_array().unwrap() {
        assert!(stdout.contains(control.as_str().unwrap()), "{stdout}");
    }
    let widest = stdout.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest <= 120, "a line of {widest} characters");
}

#[test]
fn an_unknown_site_id_is_a_clear_error() {
    let args = [
        "site",
        SITES,
        "--id",
        "MOJ-NOWHERE-0000",
        "--threat",
        "low",
        "--as-of",
        AS_OF,
    ];
    let out = spf(&args);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("unknownValue: "), "{stderr}");
    assert!(stderr.contains("MOJ-NOWHERE-0000"), "{stderr}");
    assert!(stderr.contains("(at /siteId)"), "{stderr}");

    let out = spf(&[&args[..], &["--json"]].concat());
    assert_eq!(out.status.code(), Some(1));
    let error: serde_json::Value = serde_json::from_str(&text(&out.stderr)).unwrap();
    assert_eq!(error["code"], "unknownValue");
    assert_eq!(error["path"], "/siteId");

    assert_eq!(
        spf(&["site", SITES, "--threat", "low", "--as-of", AS_OF])
            .status
            .code(),
        Some(2),
        "--id is required"
    );
}
