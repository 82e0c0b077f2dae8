//! The seeded incident generator (`tests/support/incidents.rs`) and the sample
//! register it made (`examples/data/incidents.jsonl`): the same seed always gives
//! the same records, every generated record is accepted, and the shipped file is
//! exactly what the `generate-incidents` example writes.

// Test code: helpers outside #[test] functions may unwrap and index.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod support;

use std::path::PathBuf;
use std::process::Command;

use spf_core::case::{CaseRequest, Direction};
use spf_core::{Date, Engine};
use support::incidents::{
    SAMPLE_CASE_COUNT, SAMPLE_CASES_AS_OF, SAMPLE_COUNT, SAMPLE_SEED, SplitMix64, generate,
    generate_cases, write_cases, write_json_lines,
};

const INCIDENTS: &str = "examples/data/incidents.jsonl";
const CASES: &str = "examples/data/cases.jsonl";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_same_seed_gives_the_same_records() {
    let records = generate(7, 50);
    assert_eq!(records.len(), 50);
    assert_eq!(records[0].id, "INC-000001");
    assert_eq!(records, generate(7, 50));
    assert_ne!(records, generate(8, 50));
}

#[test]
fn records_are_written_one_compact_record_per_line() {
    let records = generate(1, 2);
    let mut out = Vec::new();
    write_json_lines(&records, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 2);
    assert!(text.starts_with(r#"{"id":"INC-000001","#));
}

#[test]
fn every_generated_report_is_accepted_and_levels_respect_the_floor() {
    let engine = Engine::moj_default();
    let records = generate(SAMPLE_SEED, 3000);
    let report = engine
        .trend_report_numbered(
            records.iter().enumerate(),
            Date::from_ymd(2024, 4, 1).unwrap(),
            Date::from_ymd(2026, 11, 20).unwrap(),
            Vec::new(),
        )
        .unwrap();
    assert!(report.rejected.is_empty(), "{:?}", report.rejected.first());
    for record in &records {
        let floor = engine
            .policy()
            .breach
            .kinds
            .iter()
            .find(|r| r.kind == record.kind)
            .unwrap()
            .floor;
        if let Some(level) = record.level {
            assert!(level >= floor, "{} below its floor", record.id);
        }
        if let Some(report) = &record.report {
            assert!(engine.assess_breach(report).is_ok(), "{}", record.id);
        }
    }
}

#[test]
fn the_sequence_is_fixed() {
    let mut rng = SplitMix64::new(0);
    // The first outputs of SplitMix64 seeded with 0, as published.
    assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
    assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
}

/// Runs the `generate-incidents` example with `args`, checks its output is
/// the shipped file `shipped` byte for byte, and returns the file.
fn regenerated_as_shipped(args: &[&str], shipped: &str) -> Vec<u8> {
    let out = Command::new(env!("CARGO"))
        .current_dir(root())
        .args(["run", "--quiet", "--example", "generate-incidents", "--"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = std::fs::read(root().join(shipped)).unwrap();
    assert!(
        out.stdout == file,
        "{shipped} differs from the generator's output; regenerate it with \
         `cargo run --release --example generate-incidents -- {} > {shipped}`",
        args.join(" ")
    );
    file
}

#[test]
fn sample_incidents_are_regenerated_byte_for_byte() {
    let shipped = regenerated_as_shipped(&["--seed", "20261201", "--count", "1200"], INCIDENTS);
    // The library call the example makes gives the same bytes.
    let mut again = Vec::new();
    let records = generate(20_261_201, 1200);
    write_json_lines(&records, &mut again).unwrap();
    assert!(again == shipped);
    assert_eq!((SAMPLE_SEED, SAMPLE_COUNT), (20_261_201, 1200));
}

#[test]
fn sample_cases_are_regenerated_byte_for_byte_and_every_one_is_accepted() {
    let shipped =
        regenerated_as_shipped(&["--seed", "20261201", "--count", "240", "--cases"], CASES);
    let (year, month, day) = SAMPLE_CASES_AS_OF;
    let as_of = Date::from_ymd(year, month, day).unwrap();
    let cases = generate_cases(SAMPLE_SEED, SAMPLE_CASE_COUNT);
    let mut again = Vec::new();
    write_cases(&cases, &mut again).unwrap();
    assert!(again == shipped);
    assert!(cases.len() >= 200, "{} cases", cases.len());
    // Every case is accepted, and the sample shows outcomes of every kind.
    let engine = Engine::moj_default();
    let mut departures = std::collections::BTreeSet::new();
    let mut open = 0;
    for case in cases {
        let reference = case.reference.clone();
        let check = engine
            .check_case(&CaseRequest {
                schema_version: None,
                as_of,
                case,
            })
            .unwrap_or_else(|e| panic!("{reference:?}: {e}"));
        if let Some(decision) = check.decision {
            departures.insert(decision.departure);
        }
        if check.state != spf_core::case::CaseState::Closed {
            open += 1;
        }
    }
    assert_eq!(departures.len(), Direction::ALL.len());
    assert!(open > 0);
}

/// `examples/data/roles.json`: every sample role is a clearance need request
/// the MoJ default answers, and together they show every level and finding.
#[test]
fn every_sample_role_is_answered() {
    let text = std::fs::read_to_string(root().join("examples/data/roles.json")).unwrap();
    let roles: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    assert!(roles.len() >= 8);
    let engine = Engine::moj_default();
    let mut levels = std::collections::BTreeSet::new();
    let mut codes = std::collections::BTreeSet::new();
    for role in &roles {
        let answer = spf_core::json::clearance_need(&engine, &role.to_string())
            .unwrap_or_else(|e| panic!("{}: {e}", role["role"]));
        let answer: spf_core::clearance::ClearanceNeed = serde_json::from_str(&answer).unwrap();
        levels.insert(answer.recommended);
        codes.extend(answer.findings.iter().map(|f| f.code));
    }
    assert_eq!(levels.len(), 4, "{levels:?}");
    assert_eq!(codes.len(), 3, "{codes:?}");
}
