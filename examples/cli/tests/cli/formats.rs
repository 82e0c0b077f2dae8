//! `--format csv` for the breaches and sites tables, read back with the csv
//! crate and compared with the JSON answers; `--format json` is `--json`.

use std::collections::BTreeMap;

use spf_core::Engine;

use crate::{AS_OF, SITES, root, spf, text};

const BREACH_REPORTS: &str = "examples/data/breach-reports.jsonl";

/// The rows of a CSV table, each by column name.
fn csv_rows(table: &str) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_reader(table.as_bytes());
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            headers
                .iter()
                .zip(record.iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

fn json_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[test]
fn breaches_csv_is_one_row_per_report_matching_the_json_answers() {
    let out = spf(&["breaches", BREACH_REPORTS, "--format", "csv"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(
        table.starts_with("line,reference,kind,level,score,band,"),
        "{table}"
    );
    let rows = csv_rows(&table);

    let json = spf(&["breaches", BREACH_REPORTS, "--json"]);
    let answers: Vec<serde_json::Value> = text(&json.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), answers.len());
    for (number, (row, answer)) in rows.iter().zip(&answers).enumerate() {
        assert_eq!(row["line"], (number + 1).to_string());
        for field in ["reference", "kind", "level", "score", "band", "route"] {
            assert_eq!(
                row[field],
                json_text(&answer[field]),
                "line {}: {field}",
                number + 1
            );
        }
        assert_eq!(
            row["classification"],
            json_text(&answer["marking"]["classification"])
        );
        let caveats: Vec<String> = answer["marking"]["caveats"]
            .as_array()
            .map(|c| c.iter().map(json_text).collect())
            .unwrap_or_default();
        assert_eq!(row["caveats"], caveats.join(" "));
        for (flag, value) in answer["flags"].as_object().unwrap() {
            assert_eq!(row[flag], json_text(value), "line {}: {flag}", number + 1);
        }
    }
    assert_eq!(
        text(&spf(&["breaches", BREACH_REPORTS, "--format", "json"]).stdout),
        text(&json.stdout)
    );
}

#[test]
fn sites_csv_is_one_row_per_site_matching_the_json_answers() {
    let when = ["--threat", "substantial", "--as-of", AS_OF];
    let out = spf(&[&["sites", SITES, "--format", "csv"][..], &when].concat());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let rows = csv_rows(&text(&out.stdout));

    let records: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(root().join(SITES)).unwrap()).unwrap();
    assert_eq!(rows.len(), records.len(), "one row per site, in file order");
    let engine = Engine::moj_default();
    for (index, (row, record)) in rows.iter().zip(&records).enumerate() {
        let request =
            serde_json::json!({"asOf": AS_OF, "threatLevel": "substantial", "site": record});
        let answer: serde_json::Value = serde_json::from_str(
            &spf_core::json::site_status(&engine, &request.to_string()).unwrap(),
        )
        .unwrap();
        assert_eq!(row["index"], index.to_string());
        assert_eq!(row["id"], json_text(&answer["siteId"]));
        assert_eq!(row["name"], json_text(&record["name"]));
        assert_eq!(row["businessArea"], json_text(&record["businessArea"]));
        assert_eq!(row["tier"], json_text(&answer["tier"]));
        assert_eq!(row["responseLevel"], json_text(&answer["responseLevel"]));
        let required: Vec<String> = answer["requiredControls"]
            .as_array()
            .unwrap()
            .iter()
            .map(json_text)
            .collect();
        assert_eq!(row["requiredControls"], required.join(" "));
        for (schedule, prefix) in [
            ("ctPlanTest", "ctPlanTest"),
            ("riskAssessment", "riskAssessment"),
            ("tierReassessment", "tierReassessment"),
            ("exceptionalReview", "exceptionalReview"),
        ] {
            let schedule = &answer["schedules"][schedule];
            assert_eq!(
                row[&format!("{prefix}Status")],
                json_text(&schedule["status"])
            );
            assert_eq!(
                row[&format!("{prefix}DueOn")],
                json_text(&schedule["dueOn"])
            );
        }
        for prefix in ["ctPlanTest", "riskAssessment"] {
            let schedule = &answer["schedules"][prefix];
            assert_eq!(
                row[&format!("{prefix}OverdueAfter")],
                json_text(&schedule["overdueAfter"])
            );
        }
        let findings = answer["findings"].as_array().unwrap();
        for severity in ["high", "medium", "low"] {
            let count = findings
                .iter()
                .filter(|f| f["severity"] == severity)
                .count();
            assert_eq!(row[&format!("{severity}Findings")], count.to_string());
        }
        let codes: Vec<String> = findings.iter().map(|f| json_text(&f["code"])).collect();
        assert_eq!(row["findings"], codes.join(" "));
    }

    // The rows add up to the portfolio report's counts.
    let json = spf(&[&["sites", SITES, "--json"][..], &when].concat());
    let document: serde_json::Value = serde_json::from_str(&text(&json.stdout)).unwrap();
    let counts = &document["portfolio"]["counts"]["ctPlanTest"];
    for status in ["ok", "dueSoon", "due", "overdue", "neverDone"] {
        let rows_with = rows
            .iter()
            .filter(|r| r["ctPlanTestStatus"] == status)
            .count();
        assert_eq!(counts[status], rows_with, "{status}");
    }
}

#[test]
fn a_rejected_site_record_is_reported_and_left_out_of_the_table() {
    let file = crate::scratch(
        "csv-mixed-sites.json",
        r#"[{"id": "A", "name": "A", "tier": "low", "tierAssessed": "2026-01-05"},
            {"id": "B", "name": "B", "tier": "low", "tierAssessed": "2026-01-05", "colour": "red"}]"#,
    );
    let out = spf(&[
        "sites",
        crate::arg(&file),
        "--threat",
        "low",
        "--as-of",
        AS_OF,
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let rows = csv_rows(&text(&out.stdout));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["id"], "A");
    // Numbered from 1, as a person counts, with the record's id.
    assert!(text(&out.stderr).contains("site 2 (`B`): unknownField"));
}
