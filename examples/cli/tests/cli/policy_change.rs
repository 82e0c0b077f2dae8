//! `spf policy diff` and `spf policy impact` on the shipped HMPPS variant.

use crate::{scratch, spf, text};

const HMPPS: &str = "examples/data/policy-hmpps-local.json";
const INCIDENTS: &str = "examples/data/incidents.jsonl";

fn default_file() -> String {
    let out = spf(&["policy", "export"]);
    assert!(out.status.success());
    let file = scratch("moj-default-for-diff.json", &text(&out.stdout));
    crate::arg(&file).to_owned()
}

#[test]
fn a_policy_compared_with_itself_changes_nothing() {
    let default = default_file();
    let out = spf(&["policy", "diff", &default, &default]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("No decision changes and the documents are the same"),
        "{stdout}"
    );
    assert!(stdout.contains("3353400 breach"), "{stdout}");

    let out = spf(&["policy", "diff", &default, &default, "--json"]);
    let answer: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(answer["unchanged"], true);
    assert_eq!(answer["document"], serde_json::json!([]));
}

#[test]
fn the_hmpps_variant_lists_its_decisions_and_its_authority_changes() {
    let default = default_file();
    let out = spf(&["policy", "diff", &default, HMPPS]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("Policy diff: moj-default 2026.1 → hmpps-local 2027.1"),
        "{stdout}"
    );
    // The raised floor, with both answers and their reasons.
    assert!(stdout.contains("`lossOfPass` with"), "{stdout}");
    assert!(stdout.contains("level minor → serious"), "{stdout}");
    assert!(stdout.contains("     - "), "reasons are listed: {stdout}");
    // The variation: probationers at HMPPS take another route.
    assert!(
        stdout.contains("route probationPolicy → hmppsDisciplinaryPolicy"),
        "{stdout}"
    );
    assert!(stdout.contains("/breach/routes/0: (absent) → "), "{stdout}");
    assert!(stdout.contains("[variationAdded: POLSBP005"), "{stdout}");
    assert!(
        stdout.contains("/breach/kinds/0/floor: \"minor\" → \"serious\" [statementTightened"),
        "{stdout}"
    );
    // The shorter CT-plan test interval.
    assert!(stdout.contains("ctPlanTest ok → due"), "{stdout}");

    let out = spf(&["policy", "diff", &default, HMPPS, "--json"]);
    let answer: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(answer["unchanged"], false);
    assert_eq!(answer["breach"]["classes"], 3_353_400);
    let changed = answer["breach"]["changedClasses"].as_u64().unwrap();
    let sum: u64 = answer["breach"]["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["classes"].as_u64().unwrap())
        .sum();
    assert_eq!(sum, changed);
    let group = &answer["breach"]["groups"][0];
    assert!(
        group["from"]["assessment"]["reasons"]
            .as_array()
            .is_some_and(|r| !r.is_empty())
    );
    assert!(
        group["to"]["assessment"]["reasons"]
            .as_array()
            .is_some_and(|r| !r.is_empty())
    );
}

#[test]
fn an_invalid_policy_is_refused_with_its_pointers() {
    let broken = std::fs::read_to_string(crate::root().join(HMPPS))
        .unwrap()
        .replacen("\"floor\": \"serious\"", "\"floor\": \"grave\"", 1);
    let file = scratch("broken-hmpps.json", &broken);
    let out = spf(&["policy", "diff", HMPPS, crate::arg(&file)]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("broken-hmpps.json` is invalid"), "{stderr}");
    assert!(stderr.contains("/breach/kinds/0/floor"), "{stderr}");
}

#[test]
fn the_sample_register_is_re_assessed_under_both() {
    let default = default_file();
    let out = spf(&["policy", "impact", INCIDENTS, &default, HMPPS]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("1200 records read"), "{stdout}");
    assert!(stdout.contains("minor → serious"), "{stdout}");
    assert!(stdout.contains("lossOfPass: "), "{stdout}");

    let out = spf(&["policy", "impact", INCIDENTS, &default, HMPPS, "--json"]);
    let answer: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    let records: Vec<serde_json::Value> = std::fs::read_to_string(crate::root().join(INCIDENTS))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Independently: every record that carries a report of a lost pass
    // assessed minor under the default is serious under HMPPS's floor.
    let with_report = records.iter().filter(|r| r.get("report").is_some()).count() as u64;
    assert_eq!(answer["records"], 1200);
    assert_eq!(
        answer["reassessed"].as_u64().unwrap() + answer["notReassessed"].as_u64().unwrap(),
        1200
    );
    assert_eq!(answer["reassessed"].as_u64().unwrap(), with_report);
    let changed = answer["changedRecords"].as_array().unwrap();
    assert_eq!(answer["changed"].as_u64().unwrap(), changed.len() as u64);
    assert!(!changed.is_empty());
    for record in changed {
        assert_eq!(record["kind"], "lossOfPass", "{record}");
        assert_eq!(record["from"]["level"], "minor");
        assert_eq!(record["to"]["level"], "serious");
    }
    let areas: u64 = answer["byBusinessArea"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["changed"].as_u64().unwrap())
        .sum();
    assert_eq!(areas, changed.len() as u64);
}

#[test]
fn a_bad_register_line_is_reported_and_the_others_used() {
    let default = default_file();
    let mut lines: Vec<String> = std::fs::read_to_string(crate::root().join(INCIDENTS))
        .unwrap()
        .lines()
        .take(10)
        .map(str::to_owned)
        .collect();
    lines.insert(3, "{\"id\": \"broken\"".to_owned());
    let file = scratch("register-with-a-bad-line.jsonl", &(lines.join("\n") + "\n"));
    let out = spf(&["policy", "impact", crate::arg(&file), &default, HMPPS]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("11 records read"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stderr).contains("line 4"),
        "{}",
        text(&out.stderr)
    );
}
