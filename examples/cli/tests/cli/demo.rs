//! `spf demo`, the quick start.

use std::path::PathBuf;
use std::process::Command;

use crate::{root, sample_sites, text};

#[test]
fn demo_runs_the_main_job_from_any_directory() {
    // Run from outside the repository: the sample data is built into the
    // program, as it is for an installed `spf`.
    let elsewhere = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_spf"))
        .current_dir(&elsewhere)
        .arg("demo")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let reports = std::fs::read_to_string(root().join("examples/data/breach-reports.jsonl"))
        .unwrap()
        .lines()
        .count();
    assert!(
        stdout.contains(&format!("{reports} report(s): {reports} assessed")),
        "no breach summary line"
    );
    let sites = sample_sites().len();
    assert!(
        stdout.contains(&format!(
            "Sites summary: {sites} record(s), {sites} assessed, 0 rejected"
        )),
        "no sites summary line"
    );
    assert!(stdout.contains("Portfolio summary:"));
    let breach_part = stdout.find("report(s):").unwrap();
    let sites_part = stdout.find("Portfolio summary:").unwrap();
    assert!(breach_part < sites_part, "breaches first, then sites");
    let records = std::fs::read_to_string(root().join("examples/data/incidents.jsonl"))
        .unwrap()
        .lines()
        .count();
    let trends_part = stdout
        .find(&format!(
            "Trends summary: {records} record(s) read, {records} used, 0 rejected; 4 quarter(s)"
        ))
        .expect("no trends summary line");
    assert!(
        sites_part < trends_part,
        "then the incident register's trends"
    );
    assert!(stdout.contains("2025-26 Q4  2026-01-01  2026-03-31"));
}

#[test]
fn demo_json_is_the_three_commands_answers_in_one_document() {
    let json = |args: &[&str]| -> serde_json::Value {
        let out = crate::spf(args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        serde_json::from_str(&text(&out.stdout)).unwrap()
    };
    let demo = json(&["demo", "--json"]);
    let breaches: Vec<serde_json::Value> =
        text(&crate::spf(&["breaches", "examples/data/breach-reports.jsonl", "--json"]).stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
    assert_eq!(demo["breaches"], serde_json::Value::from(breaches));
    assert_eq!(
        demo["sites"],
        json(&[
            "sites",
            crate::SITES,
            "--threat",
            "substantial",
            "--as-of",
            crate::AS_OF,
            "--json"
        ])
    );
    assert_eq!(
        demo["trends"],
        json(&[
            "trends",
            crate::INCIDENTS,
            "--from",
            "2025-04-01",
            "--to",
            "2026-03-31",
            "--json"
        ])
    );
}
