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

/// The README's quick-start commands as the words a user types: the lines of the
/// block after "`demo` runs the first three of these commands", without the
/// `cargo run …  --` prefix and the optional `[…]` parts.
fn readme_commands() -> Vec<Vec<String>> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let after = readme
        .split_once("`demo` runs the first three of these commands")
        .expect("the README says which commands demo runs")
        .1;
    let block = after.split("```sh\n").nth(1).unwrap();
    let block = block.split("```").next().unwrap();
    block
        .lines()
        .map(|line| {
            let words = line
                .strip_prefix("cargo run --release -p spf-cli -- ")
                .unwrap_or_else(|| panic!("not a command line: {line}"));
            let mut plain = String::new();
            let mut depth = 0_u32;
            for c in words.chars() {
                match c {
                    '[' => depth += 1,
                    ']' => depth -= 1,
                    _ if depth == 0 => plain.push(c),
                    _ => {}
                }
            }
            plain.split_whitespace().map(str::to_owned).collect()
        })
        .collect()
}

#[test]
fn the_readme_commands_demo_runs_print_what_demo_prints() {
    let demo = crate::spf(&["demo"]);
    assert!(demo.status.success(), "{}", text(&demo.stderr));
    let demo = text(&demo.stdout);
    let commands = readme_commands();
    let firsts: Vec<&str> = commands.iter().map(|c| c[0].as_str()).collect();
    assert_eq!(&firsts[..3], ["breaches", "sites", "trends"]);
    for command in &commands[..3] {
        let args: Vec<&str> = command.iter().map(String::as_str).collect();
        let out = crate::spf(&args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        let printed = text(&out.stdout);
        assert!(!printed.trim().is_empty(), "{args:?} printed nothing");
        // The demo's trends report is the summary: the same report up to its
        // first list, which it shortens.
        let shown = match printed.split_once("\nBusiest business areas") {
            Some((head, _)) if args[0] == "trends" => head,
            _ => printed.trim_end(),
        };
        assert!(
            demo.contains(shown),
            "`spf {}` prints what `spf demo` does not:\n{printed}",
            args.join(" ")
        );
    }
}

#[test]
fn the_readme_sample_output_is_what_breaches_prints() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let (lead, sample) = readme
        .split_once("prints (the\nmanager's one report, then the totals):\n\n```text\n")
        .expect("the README shows a sample of `spf breaches`");
    assert!(lead.ends_with("Part of what `spf breaches examples/data/breach-reports.jsonl` "));
    let sample = sample.split("```").next().unwrap();
    let out = crate::spf(&["breaches", "examples/data/breach-reports.jsonl"]);
    let printed = text(&out.stdout);
    let lines: Vec<&str> = printed.lines().collect();
    // Every shown line is printed, in the README's order; "..." stands for lines
    // left out.
    let mut at = 0;
    for shown in sample.lines().filter(|l| l.trim() != "...") {
        let found = lines[at..]
            .iter()
            .position(|line| *line == shown)
            .unwrap_or_else(|| panic!("the README shows a line `spf breaches` does not print (in this order):\n{shown}"));
        at += found + 1;
    }
}
