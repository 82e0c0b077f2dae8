//! `spf compliance`.

use crate::{arg, root, scratch, spf, text};

const COMPLIANCE_RETURN: &str = "examples/data/compliance-return.json";

#[test]
fn compliance_on_the_sample_return() {
    let sample: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(COMPLIANCE_RETURN)).unwrap())
            .unwrap();
    let elements = sample["elements"].as_array().unwrap();
    let status = |wanted: &str| elements.iter().filter(|e| e["status"] == wanted).count();
    let not_reported = spf_core::compliance::SpfElement::ALL.len() - elements.len();
    let gaps = status("partial") + status("notInPlace") + not_reported;
    let variations: Vec<&serde_json::Value> = elements
        .iter()
        .filter(|e| e["status"] == "variation")
        .collect();
    let agreed = variations
        .iter()
        .filter(|v| v["variation"].get("agreement").is_some())
        .count();
    // The sample's own numbers, so that a change to it is noticed here: two
    // variations carry an agreement, but one is on IT accreditation, which is
    // managed centrally.
    assert_eq!((gaps, agreed, variations.len() - agreed), (4, 2, 1));
    let reportable = agreed - 1;

    let out = spf(&["compliance", COMPLIANCE_RETURN]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("Business area:          HMPPS"), "{stdout}");
    assert!(stdout.contains("Return date:            2026-03-31"));
    assert!(stdout.contains(
        "Complete:               no (18 of 19 elements reported; missing: internalControls)"
    ));
    assert!(stdout.contains(&format!("Gaps ({gaps}):")), "{stdout}");
    assert!(stdout.contains(&format!(
        "Variations to report in the annual governance report ({reportable}):"
    )));
    assert!(stdout.contains("agreed by: Chief Executive, HMPPS (Accounting Officer) on 2025-11-03; review due 2026-11-03"));
    assert!(stdout.contains("Invalid variations (2)"));
    assert!(stdout.contains(
        "riskAssessmentAndAccreditationOfItSystems (area 2): managed centrally: not varied locally [centrallyManaged]"
    ));
    assert!(
        stdout.contains("appeals (area 3): no Accounting Officer agreement [missingAgreement]")
    );
    assert!(stdout.contains(
        "[configurable default] Corporate Security Policy, who does it apply to (controls for IT"
    ));
    assert!(stdout.contains("[policy statement] Corporate Security Policy"));
    let widest = stdout.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest <= 120, "a line of {widest} characters");

    let out = spf(&["compliance", COMPLIANCE_RETURN, "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let answer: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(answer["gaps"].as_array().unwrap().len(), gaps);
    assert_eq!(
        answer["variationsToReport"].as_array().unwrap().len(),
        reportable
    );
    assert_eq!(
        answer["invalidVariations"][0]["problem"],
        "centrallyManaged"
    );
    assert_eq!(answer["invalidVariations"][1]["element"], "appeals");
    assert_eq!(
        answer["invalidVariations"][1]["problem"],
        "missingAgreement"
    );
    assert_eq!(answer["complete"], false);
    assert_eq!(answer["compliant"], false);
    assert_eq!(
        answer["completeness"]["missing"],
        serde_json::json!(["internalControls"])
    );
}

#[test]
fn a_broken_compliance_return_is_rejected() {
    let mut sample: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(COMPLIANCE_RETURN)).unwrap())
            .unwrap();
    sample["elements"][3]["status"] = "mostlyThere".into();
    let file = scratch("broken-return.json", &sample.to_string());
    let out = spf(&["compliance", arg(&file)]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("unknownValue: "), "{stderr}");
    assert!(stderr.contains("(at /elements/3/status)"), "{stderr}");
    assert!(out.stdout.is_empty());

    let out = spf(&["compliance", arg(&file), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let error: serde_json::Value = serde_json::from_str(&text(&out.stderr)).unwrap();
    assert_eq!(error["code"], "unknownValue");
    assert_eq!(error["path"], "/elements/3/status");

    let not_json = scratch("not-a-return.json", "{\"businessArea\": ");
    assert_eq!(spf(&["compliance", arg(&not_json)]).status.code(), Some(1));
    assert_eq!(
        spf(&["compliance", "no-such-return.json"]).status.code(),
        Some(2)
    );
    assert_eq!(
        spf(&["compliance", COMPLIANCE_RETURN, "--from", "2025-04-01"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn compliance_names_the_role_an_agreement_was_given_in() {
    let file = "tests/corpus/evaluateCompliance/compliance-agreement-roles.request.json";
    let out = spf(&["compliance", file]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("Invalid variations (3)"), "{stdout}");
    assert!(stdout.contains(
        "informationPolicy (area 2): agreed in another role than the Accounting Officer's [notAccountingOfficer]"
    ), "{stdout}");
    assert!(stdout.contains("agreed by: J. Smith (Departmental Security Officer) on 2025-12-01"));
    assert!(
        stdout.contains("technicalControls (area 2): the agreement gives no role [missingRole]")
    );
    assert!(stdout.contains("agreed by: Chief Executive, OPG (no role given) on 2025-12-01"));
    assert!(stdout.contains("agreed by: SIRO, OPG (Senior Information Risk Owner), undated"));
    let widest = stdout.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest <= 120, "a line of {widest} characters");
}
