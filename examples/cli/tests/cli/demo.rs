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
