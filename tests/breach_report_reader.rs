//! The breach report's reader (its wire shape, read by the codec's shape
//! reader) against serde's derived reader of the same struct
//! (`tests/support/derived_breach_report.rs`): for every input below, the same
//! report, or the same error with the same code, message, pointer and list of
//! further problems.
//!
//! The inputs are the corpus's breach reports and a report with every field,
//! each changed in every way a caller gets one wrong: every field left out,
//! every value (at any depth) replaced by a value of every JSON type and by
//! near-miss names, dates and numbers, unknown and repeated fields, other
//! letter cases, other layouts, and the text cut short at every character.

// Test code: helpers outside #[test] functions may unwrap and index.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "support/derived_breach_report.rs"]
mod derived_breach_report;

use std::path::Path;

use serde_json::{Value, json};

use derived_breach_report::both_readings;

/// Reads `text` both ways and fails, showing the input, if they differ.
fn same_reading(text: &str) {
    let (own, derived) = both_readings(text);
    assert_eq!(own, derived, "the readers differ on {text}");
}

/// The corpus's breach reports and one with every field given.
fn base_reports() -> Vec<Value> {
    let mut reports = vec![json!({
        "schemaVersion": 1,
        "reference": "HR-2026-0042",
        "kind": "clearDeskFailure",
        "marking": {"classification": "official", "caveats": ["sensitive"]},
        "care": "avoidableCarelessness",
        "damage": "potential",
        "previousWarnings": 1,
        "earlierBreaches": [{"date": "2026-03-02", "kind": "clearDeskFailure"}],
        "occurred": "2026-09-14",
        "person": {"status": "employee", "organisation": "moj", "securityCleared": true},
        "personalData": true,
        "informationAsset": {"name": "HR case files", "owner": "Director of People"},
        "impact": "medium"
    })];
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    for folder in ["assessBreach", "assessBreaches"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(folder))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.to_string_lossy().ends_with(".request.json"))
            .collect();
        files.sort();
        for file in files {
            let request: Value =
                serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
            match request {
                Value::Array(items) => reports.extend(items),
                report => reports.push(report),
            }
        }
    }
    reports
}

/// Values of every JSON type, and near misses of the report's own values.
fn replacements() -> Vec<Value> {
    let mut values: Vec<Value> = [
        "null",
        "true",
        "false",
        "0",
        "1",
        "-1",
        "-0",
        "7",
        "4294967295",
        "4294967296",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775809",
        "1.5",
        "-2.5",
        "1e3",
        "1E-7",
        "0.1",
        "100000000000000000000000",
        r#""""#,
        r#"" ""#,
        r#""x""#,
        r#""2026-02-30""#,
        r#""2026-13-01""#,
        r#""2024-02-29""#,
        r#""26-1-1""#,
        r#""LOSSOFPASS""#,
        r#""lossofpass""#,
        r#""loss_of_pass""#,
        r#""lossOfPas""#,
        r#""Loss Of Pass""#,
        r#""passwordSharing""#,
        r#""EMPLOYEE""#,
        r#""Moj""#,
        r#""OFFICIAL""#,
        r#""topsecret""#,
        r#""STRAP""#,
        r#""High""#,
        r#""none""#,
        r#""deliberat""#,
        r#""é\u0000`""#,
        "[]",
        "[1]",
        r#"["lossOfPass"]"#,
        "[{}]",
        r#"[{"date":"2026-01-01","kind":"other"}]"#,
        r#"[{"date":"2026-01-01"}]"#,
        r#"[{"kind":"other","date":"2026-01-01","extra":1}]"#,
        "[[]]",
        "{}",
        r#"{"a":1}"#,
        r#"{"lossOfPass":null}"#,
        r#"{"lossOfPass":1}"#,
        r#"{"LOSSOFPASS":1}"#,
        r#"{"lossOfPass":null,"x":1}"#,
        r#"{"other":[]}"#,
        r#"{"classification":"secret"}"#,
        r#"{"classification":"official","caveats":["strap","strap"]}"#,
        r#"{"status":"employee","organisation":"moj"}"#,
        r#"{"status":"employee"}"#,
        r#"{"name":"n","owner":"o"}"#,
        r#"{"name":"n"}"#,
        r#"{"name":1,"owner":[]}"#,
    ]
    .iter()
    .map(|text| serde_json::from_str(text).unwrap())
    .collect();
    // Deeper than the parser's nesting limit.
    let mut deep = json!(1);
    for _ in 0..200 {
        deep = json!([deep]);
    }
    values.push(deep);
    values
}

/// Every JSON pointer in `value` (objects' fields and arrays' items).
fn pointers(value: &Value, at: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                let here = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
                out.push(here.clone());
                pointers(item, &here, out);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let here = format!("{at}/{index}");
                out.push(here.clone());
                pointers(item, &here, out);
            }
        }
        _ => {}
    }
}

/// The object that the pointer `at` ends in, and its last key.
fn parent<'v>(document: &'v mut Value, at: &str) -> Option<(&'v mut Value, String)> {
    let (parent, key) = at.rsplit_once('/')?;
    Some((document.pointer_mut(parent)?, key.to_owned()))
}

/// The report written compactly, pretty and with spaces of its own.
fn layouts(report: &Value) -> Vec<String> {
    let compact = report.to_string();
    vec![
        compact.clone(),
        serde_json::to_string_pretty(report).unwrap(),
        compact.replace(':', " : ").replace(',', " ,\n\t"),
    ]
}

#[test]
fn whole_documents_of_every_kind_read_alike() {
    for text in [
        "",
        " ",
        "null",
        "true",
        "1",
        "-1.5",
        "\"x\"",
        "[]",
        "[1]",
        "{}",
        "{",
        "}",
        "[",
        "{,}",
        "{\"kind\"}",
        "{\"kind\":}",
        "{\"kind\":\"other\",}",
        "{\"kind\":\"other\" \"care\":1}",
        "{1:2}",
        "{\"kind\":\"other\"} x",
        "{\"kind\":\"other\"}}",
        "{\"kind\":nul}",
        "{\"kind\":\"\\ud800\"}",
        "{\"reference\":\"\\ud800\"}",
        "{\"reference\":\"\\ud83d\\ude00\"}",
        "{\"reference\":\"\\x\"}",
        "{\"reference\":\"a\u{1}b\"}",
        "{\"previousWarnings\":01}",
        "{\"previousWarnings\":1.}",
        "{\"previousWarnings\":-}",
        "{\"previousWarnings\":1e}",
        "{\"previousWarnings\":1e999}",
        "{\"previousWarnings\":-1e999}",
        "\u{feff}{}",
        "{\"kind\":\"other\",\"kind\":\"other\"}",
        "{\"person\":{\"status\":\"employee\",\"status\":\"other\"}}",
        "{\"KIND\":\"other\"}",
        "{\"kinds\":\"other\"}",
        "{\"\":1}",
        "{\"é\u{0}\":1}",
    ] {
        same_reading(text);
    }
}

#[test]
fn every_change_to_every_report_reads_alike() {
    let replacements = replacements();
    for report in base_reports() {
        for text in layouts(&report) {
            same_reading(&text);
        }
        let mut at = Vec::new();
        pointers(&report, "", &mut at);
        for pointer in &at {
            // Left out.
            let mut without = report.clone();
            if let Some((parent, key)) = parent(&mut without, pointer) {
                match parent {
                    Value::Object(map) => {
                        map.remove(&key);
                    }
                    Value::Array(items) => {
                        items.remove(key.parse::<usize>().unwrap());
                    }
                    _ => {}
                }
            }
            same_reading(&without.to_string());
            // Replaced.
            for replacement in &replacements {
                let mut changed = report.clone();
                *changed.pointer_mut(pointer).unwrap() = replacement.clone();
                same_reading(&changed.to_string());
            }
        }
        // Unknown fields, in the report and in each object inside it.
        let mut objects = vec![String::new()];
        objects.extend(
            at.iter()
                .filter(|pointer| report.pointer(pointer).is_some_and(Value::is_object))
                .cloned(),
        );
        for object in &objects {
            for name in [
                "extra",
                "Kind",
                "KIND",
                "kinds",
                "previous_warnings",
                "",
                "classificaton",
            ] {
                let mut changed = report.clone();
                if let Some(Value::Object(map)) = changed.pointer_mut(object) {
                    map.insert(name.to_owned(), json!(1));
                }
                same_reading(&changed.to_string());
            }
        }
    }
}

#[test]
fn repeated_fields_read_alike() {
    for report in base_reports() {
        let Value::Object(map) = &report else {
            panic!("a report is an object")
        };
        let compact = report.to_string();
        for (key, value) in map {
            // The field again at the start, with its own value and another.
            for again in [value.clone(), json!("other"), json!(null)] {
                let text = format!("{{\"{key}\":{again},{}", &compact[1..]);
                same_reading(&text);
            }
        }
    }
}

#[test]
fn reports_cut_short_at_every_character_read_alike() {
    for report in base_reports().iter().take(3) {
        for text in layouts(report) {
            for (end, _) in text.char_indices() {
                same_reading(&text[..end]);
            }
        }
    }
}
