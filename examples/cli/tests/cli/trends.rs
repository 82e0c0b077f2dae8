//! The sample incident register and `spf trends`.

use std::collections::BTreeSet;

use spf_core::{BreachKind, Date, Engine};

use crate::{
    INCIDENTS, arg, occurred_in, root, sample_incidents, sample_sites, scratch, spf, str_of, text,
};

#[test]
fn sample_incidents_are_varied_and_valid() {
    let records = sample_incidents();
    assert!(records.len() >= 1000, "{} records", records.len());
    let ids: BTreeSet<&str> = records.iter().map(|r| str_of(r, "id")).collect();
    assert_eq!(ids.len(), records.len(), "ids are unique");
    for kind in BreachKind::ALL {
        assert!(
            records.iter().any(|r| str_of(r, "kind") == kind.as_str()),
            "no record of kind {kind}"
        );
    }
    let areas: BTreeSet<&str> = records.iter().map(|r| str_of(r, "businessArea")).collect();
    assert_eq!(areas.len(), 8, "{areas:?}");
    let estate: BTreeSet<String> = sample_sites().into_iter().map(|s| s.id).collect();
    let without_site = records.iter().filter(|r| r.get("site").is_none()).count();
    assert!(without_site > 0);
    for record in records.iter().filter(|r| r.get("site").is_some()) {
        assert!(estate.contains(str_of(record, "site")), "{record}");
    }
    let near_misses = records.iter().filter(|r| r["nearMiss"] == true).count();
    let share = near_misses * 100 / records.len();
    assert!((3..=8).contains(&share), "{near_misses} near misses");
    let with_report = records.iter().filter(|r| r.get("report").is_some()).count();
    assert!(with_report > 0 && with_report < records.len() / 10);
    let (first, last) = records.iter().fold(("9999", "0000"), |(lo, hi), r| {
        let day = str_of(r, "occurred");
        (lo.min(day), hi.max(day))
    });
    assert!(
        first >= "2024-04-01" && last <= "2026-11-20",
        "{first}..{last}"
    );
    let people: BTreeSet<&str> = records.iter().map(|r| str_of(r, "person")).collect();
    assert!(people.len() > 500 && people.len() < records.len());

    // Every record reads, and the whole register assesses with nothing rejected.
    let out = spf(&[
        "trends",
        INCIDENTS,
        "--from",
        "2024-04-01",
        "--to",
        "2026-11-20",
        "--json",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: spf_core::register::TrendReport =
        spf_core::json::parse(&text(&out.stdout)).unwrap();
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!(report.totals.total as usize, records.len());
    assert!(!report.repeat_individuals.is_empty());
    assert!(
        report
            .hotspots
            .iter()
            .any(|h| h.scope == spf_core::register::HotspotScope::Site)
    );
}

#[test]
fn trends_on_the_sample_register() {
    let out = spf(&[
        "trends",
        INCIDENTS,
        "--from",
        "2025-04-01",
        "--to",
        "2026-03-31",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).is_empty(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let records = sample_incidents();

    let quarters = [
        ("2025-26 Q1", "2025-04-01", "2025-06-30"),
        ("2025-26 Q2", "2025-07-01", "2025-09-30"),
        ("2025-26 Q3", "2025-10-01", "2025-12-31"),
        ("2025-26 Q4", "2026-01-01", "2026-03-31"),
    ];
    let mut previous = occurred_in(&records, "2025-01-01", "2025-03-31").len() as i64;
    for (label, from, to) in quarters {
        let in_quarter = occurred_in(&records, from, to);
        let near = in_quarter.iter().filter(|r| r["nearMiss"] == true).count();
        let row: Vec<&str> = stdout
            .lines()
            .find(|line| line.starts_with(label))
            .unwrap_or_else(|| panic!("no row for {label}:\n{stdout}"))
            .split_whitespace()
            .collect();
        // QUARTER is two words, then FROM, TO, TOTAL, BREACHES, MINOR, SERIOUS,
        // GROSS, NEAR MISSES and the three changes.
        assert_eq!(row[2..4], [from, to]);
        assert_eq!(row[4], in_quarter.len().to_string(), "{label} total");
        assert_eq!(row[5], (in_quarter.len() - near).to_string(), "{label}");
        assert_eq!(row[9], near.to_string(), "{label} near misses");
        let change = in_quarter.len() as i64 - previous;
        let signed = if change > 0 {
            format!("+{change}")
        } else {
            change.to_string()
        };
        assert_eq!(row[10], signed, "{label} change");
        previous = in_quarter.len() as i64;
    }

    let in_year = occurred_in(&records, "2025-04-01", "2026-03-31");
    let hmcts = in_year
        .iter()
        .filter(|r| str_of(r, "businessArea") == "HMCTS")
        .count();
    let area_line = stdout
        .lines()
        .skip_while(|l| !l.starts_with("Busiest business areas"))
        .find(|l| l.trim_start().starts_with("HMCTS "))
        .unwrap();
    assert_eq!(
        area_line.split_whitespace().nth(1),
        Some(&*hmcts.to_string())
    );
    let no_site = in_year.iter().filter(|r| r.get("site").is_none()).count();
    assert!(
        stdout.contains(&format!("{no_site} record(s) with no site")),
        "{stdout}"
    );
    assert!(stdout.contains(&format!(
        "Records:                {n} read: {n} used ({} in the period",
        in_year.len(),
        n = records.len()
    )));
    assert!(stdout.contains(&format!(
        "Trends summary: {n} record(s) read, {n} used, 0 rejected; 4 quarter(s)",
        n = records.len()
    )));
    assert!(stdout.contains("Repeat individuals: 2 or more breaches within 12 months"));
    assert!(stdout.contains("Hotspots: breaches by 3 or more different people"));
    assert!(stdout.contains("[policy statement] POLSBP002"));
    let widest = stdout.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest <= 120, "a line of {widest} characters");
}

#[test]
fn trends_json_is_the_trend_report() {
    let out = spf(&[
        "trends",
        INCIDENTS,
        "--from",
        "2024-04-01",
        "--to",
        "2026-11-20",
        "--json",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "one document");
    let report: spf_core::register::TrendReport = spf_core::json::parse(&stdout).unwrap();
    let records = sample_incidents();
    assert_eq!(report.records.received as usize, records.len());
    assert_eq!(report.from.to_string(), "2024-04-01");
    assert_eq!(report.to.to_string(), "2026-12-31", "whole quarters");
    assert_eq!(report.quarters.len(), 11);
    let sum: u32 = report.quarters.iter().map(|q| q.counts.total).sum();
    assert_eq!(sum, report.totals.total);
    assert_eq!(report.totals.total as usize, records.len());
    let breaches = records.iter().filter(|r| r["nearMiss"] == false).count();
    assert_eq!(report.totals.breaches as usize, breaches);
    assert_eq!(report.totals.by_level.total(), report.totals.breaches);
    assert!(report.rejected.is_empty());

    // The same answer as the library's JSON entry point given the records.
    let request = format!(
        r#"{{"from":"2024-04-01","to":"2026-11-20","records":[{}]}}"#,
        std::fs::read_to_string(root().join(INCIDENTS))
            .unwrap()
            .lines()
            .collect::<Vec<_>>()
            .join(",")
    );
    let expected = spf_core::json::trend_report(&Engine::moj_default(), &request).unwrap();
    assert_eq!(stdout.trim_end(), expected);
}

#[test]
fn bad_incident_lines_are_reported_and_the_rest_still_used() {
    let sample = std::fs::read_to_string(root().join(INCIDENTS)).unwrap();
    let good: Vec<&str> = sample.lines().take(4).collect();
    let mut unknown_kind: serde_json::Value = serde_json::from_str(good[1]).unwrap();
    unknown_kind["kind"] = "lostBadge".into();
    unknown_kind.as_object_mut().unwrap().remove("report");
    unknown_kind["level"] = "minor".into();
    let mut out_of_order: serde_json::Value = serde_json::from_str(good[2]).unwrap();
    out_of_order.as_object_mut().unwrap().remove("identified");
    let occurred: Date = out_of_order["occurred"].as_str().unwrap().parse().unwrap();
    out_of_order["recorded"] = occurred.days_before(1).unwrap().to_string().into();
    let file = scratch(
        "mixed-incidents.jsonl",
        &format!(
            "{}\n{unknown_kind}\n\n{}\n{out_of_order}\n{}\n",
            good[0], good[2], good[3]
        ),
    );
    let first = serde_json::from_str::<serde_json::Value>(good[0]).unwrap();
    let from = str_of(&first, "occurred").to_owned();

    let out = spf(&["trends", arg(&file), "--from", &from, "--to", "2026-11-20"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("line 2: unknownValue: "), "{stderr}");
    assert!(stderr.contains("(at /kind)"), "{stderr}");
    assert!(stderr.contains("line 5: dateOutOfOrder: "), "{stderr}");
    assert!(stderr.contains("(at /recorded)"), "{stderr}");
    assert!(!stderr.contains("at line 1 column"), "{stderr}");
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("Trends summary: 5 record(s) read, 3 used, 2 rejected"),
        "{stdout}"
    );
    let period: u32 = stdout
        .lines()
        .find(|l| l.starts_with("PERIOD"))
        .and_then(|l| l.split_whitespace().nth(3))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(period, 3, "the good records are still counted");

    let out = spf(&[
        "trends",
        arg(&file),
        "--from",
        &from,
        "--to",
        "2026-11-20",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let report: spf_core::register::TrendReport =
        spf_core::json::parse(&text(&out.stdout)).unwrap();
    assert_eq!(report.totals.total, 3);
    let rejected: Vec<(usize, &str, &str)> = report
        .rejected
        .iter()
        .map(|r| (r.index, r.error.code.as_str(), r.error.path.as_str()))
        .collect();
    assert_eq!(
        rejected,
        [
            (1, "unknownValue", "/records/1/kind"),
            (4, "dateOutOfOrder", "/records/4/recorded")
        ]
    );
    let errors: Vec<serde_json::Value> = text(&out.stderr)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0]["line"], 2);
    assert_eq!(errors[1]["line"], 5);
    assert_eq!(errors[1]["error"]["code"], "dateOutOfOrder");
}

#[test]
fn bad_trend_arguments_exit_with_two() {
    let run = |args: &[&str]| spf(args).status.code();
    let trends = |from: &str, to: &str| run(&["trends", INCIDENTS, "--from", from, "--to", to]);
    assert_eq!(
        trends("2026-03-31", "2025-04-01"),
        Some(2),
        "--to before --from"
    );
    assert_eq!(trends("2025-02-30", "2026-03-31"), Some(2));
    assert_eq!(trends("01/04/2025", "2026-03-31"), Some(2));
    assert_eq!(
        trends("1000-01-01", "2026-03-31"),
        Some(2),
        "too many quarters"
    );
    assert_eq!(run(&["trends", INCIDENTS, "--from", "2025-04-01"]), Some(2));
    assert_eq!(run(&["trends", INCIDENTS, "--to", "2025-04-01"]), Some(2));
    assert_eq!(
        run(&[
            "trends",
            "no-such-file.jsonl",
            "--from",
            "2025-04-01",
            "--to",
            "2026-03-31"
        ]),
        Some(2)
    );
    assert_eq!(
        run(&[
            "trends",
            INCIDENTS,
            "--from",
            "2025-04-01",
            "--to",
            "2026-03-31",
            "--threat",
            "low"
        ]),
        Some(2)
    );
    let out = spf(&[
        "trends",
        INCIDENTS,
        "--from",
        "2026-03-31",
        "--to",
        "2025-04-01",
    ]);
    assert!(
        text(&out.stderr).contains("--to 2025-04-01 is before --from 2026-03-31"),
        "{}",
        text(&out.stderr)
    );
    assert!(out.stdout.is_empty());
}
