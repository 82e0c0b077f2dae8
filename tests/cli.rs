//! The command-line example, run as a user runs it: the shipped sample reports,
//! JSON Lines output, bad lines, another policy document, policy export, the
//! sample estate's site report, co-ordination, the sample incident register and
//! its trends, SPF compliance returns and the quick-start demo.

// Test code: helpers outside #[test] functions may unwrap and index.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use spf_core::site::{
    FindingCode, PortfolioReport, ResponseLevel, Site, SiteStatus, SiteStep, ThreatLevel,
};
use spf_core::{BreachKind, Date, Engine, Policy};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn spf(args: &[&str]) -> Output {
    Command::new(env!("CARGO"))
        .current_dir(root())
        .args(["run", "--quiet", "--example", "spf", "--"])
        .args(args)
        .output()
        .expect("cargo runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn scratch(name: &str, contents: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn sample_reports_cover_every_kind_and_all_assess() {
    let sample = root().join("examples/data/breach-reports.jsonl");
    let lines: Vec<String> = std::fs::read_to_string(&sample)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    assert!(lines.len() >= 40, "{} reports", lines.len());
    let kinds: Vec<String> = lines
        .iter()
        .map(|l| {
            let report: serde_json::Value = serde_json::from_str(l).unwrap();
            report["kind"].as_str().unwrap().to_owned()
        })
        .collect();
    for kind in BreachKind::ALL {
        assert!(
            kinds.iter().any(|k| k == kind.as_str()),
            "no sample report of kind {kind}"
        );
    }

    let out = spf(&["breaches", "examples/data/breach-reports.jsonl"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(stdout.matches("recommended level:").count(), lines.len());
    assert!(stdout.contains(&format!(
        "{} report(s): {} assessed",
        lines.len(),
        lines.len()
    )));
    assert!(stdout.contains("[policy statement] POLSBP002"));
    assert!(stdout.contains("[configurable default]"));
}

#[test]
fn json_lines_output_is_one_answer_per_report() {
    let out = spf(&["breaches", "examples/data/breach-reports.jsonl", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let engine = Engine::moj_default();
    let inputs =
        std::fs::read_to_string(root().join("examples/data/breach-reports.jsonl")).unwrap();
    let stdout = text(&out.stdout);
    let answers: Vec<&str> = stdout.lines().collect();
    let expected: Vec<String> = inputs
        .lines()
        .map(|line| spf_core::json::assess_breach(&engine, line).unwrap())
        .collect();
    assert_eq!(answers, expected);
}

#[test]
fn bad_lines_are_reported_and_the_rest_still_processed() {
    let good = r#"{"kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-01-05","person":{"status":"employee","organisation":"moj"}}"#;
    let file = scratch(
        "mixed.jsonl",
        &format!(
            "{good}\n{{\"kind\":\n\n{}\n{good}\n",
            good.replace("2026-01-05", "2026-02-30")
        ),
    );
    let out = spf(&["breaches", arg(&file)]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("line 2: malformedJson"), "{stderr}");
    assert!(stderr.contains("line 4: invalidDate"), "{stderr}");
    assert!(text(&out.stdout).contains("4 report(s): 2 assessed (minor 2), 2 failed"));

    let out = spf(&["breaches", arg(&file), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout).lines().count(), 2);
    let errors: Vec<serde_json::Value> = text(&out.stderr)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(errors[0]["line"], 2);
    assert_eq!(errors[1]["error"]["code"], "invalidDate");
    assert_eq!(errors[1]["error"]["path"], "/occurred");
}

#[test]
fn policy_export_round_trips_and_a_custom_policy_is_used() {
    let out = spf(&["policy", "export"]);
    assert!(out.status.success());
    let exported = text(&out.stdout);
    assert_eq!(Policy::from_json(&exported).unwrap(), Policy::moj_default());

    let custom = scratch(
        "custom-policy.json",
        &exported.replacen("\"id\": \"moj-default\"", "\"id\": \"agency-x\"", 1),
    );
    let out = spf(&[
        "breaches",
        "examples/data/breach-reports.jsonl",
        "--json",
        "--policy",
        arg(&custom),
    ]);
    assert!(out.status.success());
    assert!(
        text(&out.stdout)
            .lines()
            .all(|l| l.contains(r#""policy":{"id":"agency-x""#))
    );

    let broken = scratch(
        "broken-policy.json",
        &exported.replacen("\"maxScore\": 12", "\"maxScore\": 10", 1),
    );
    let out = spf(&[
        "breaches",
        "examples/data/breach-reports.jsonl",
        "--policy",
        arg(&broken),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("policyBandsInvalid"), "{stderr}");
    assert!(stderr.contains("(at /breach/bands)"), "{stderr}");
}

#[test]
fn usage_errors_exit_with_two() {
    assert_eq!(spf(&[]).status.code(), Some(2));
    assert_eq!(spf(&["breaches"]).status.code(), Some(2));
    assert_eq!(
        spf(&["breaches", "no-such-file.jsonl"]).status.code(),
        Some(2)
    );
    assert_eq!(
        spf(&["breaches", "x", "--frobnicate"]).status.code(),
        Some(2)
    );
    assert!(spf(&["help"]).status.success());
}

// ---------------------------------------------------------------------------
// Sites, co-ordination and the demo
// ---------------------------------------------------------------------------

const SITES: &str = "examples/data/sites.json";
const AS_OF: &str = "2026-11-23";

fn as_of() -> Date {
    AS_OF.parse().unwrap()
}

fn sample_sites() -> Vec<Site> {
    let text = std::fs::read_to_string(root().join(SITES)).unwrap();
    spf_core::json::parse(&text).unwrap()
}

fn sample_statuses(engine: &Engine, sites: &[Site]) -> Vec<SiteStatus> {
    sites
        .iter()
        .map(|site| {
            engine
                .site_status(site, ThreatLevel::Substantial, as_of())
                .unwrap()
        })
        .collect()
}

fn has_finding(status: &SiteStatus, code: FindingCode) -> bool {
    status.findings.iter().any(|f| f.code == code)
}

/// The first word of each line of the site table (the text before the summary)
/// that is a site id, in order.
fn table_rows<'a>(stdout: &'a str, ids: &BTreeSet<&str>) -> Vec<&'a str> {
    let table = stdout.split("Portfolio summary").next().unwrap();
    table
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|word| ids.contains(word))
        .collect()
}

#[test]
fn sample_estate_is_large_varied_and_valid() {
    let sites = sample_sites();
    assert!(sites.len() >= 50, "{} sites", sites.len());
    let ids: BTreeSet<&str> = sites.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids.len(), sites.len(), "site ids are unique");

    let engine = Engine::moj_default();
    let report = engine.portfolio(&sites, ThreatLevel::Substantial, as_of());
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!(report.sites, sites.len());
    let tiers = report.counts.by_tier;
    assert!(
        tiers.low > 0 && tiers.moderate > 0 && tiers.high > 0,
        "{tiers:?}"
    );
    let ct = report.counts.ct_plan_test;
    assert!(ct.overdue > 0 && ct.due > 0 && ct.due_soon > 0, "{ct:?}");
    assert!(
        ct.ok > sites.len() / 2,
        "most CT-plan tests are in date: {ct:?}"
    );
    let risk = report.counts.risk_assessment;
    assert!(risk.overdue > 0 && risk.never_done > 0, "{risk:?}");
    assert!(report.counts.tier_reassessment.overdue > 0);

    let statuses = sample_statuses(&engine, &sites);
    let count = |code| statuses.iter().filter(|s| has_finding(s, code)).count();
    assert!(count(FindingCode::CtPlanNeverTested) > 0);
    assert!(count(FindingCode::CtPlanTestOverdue) > 0);
    assert!((2..=3).contains(&count(FindingCode::NoCtPlan)));
    assert_eq!(count(FindingCode::CtPlanNotVaryingByResponseLevel), 2);
    assert!(count(FindingCode::ThreatAssessmentMissing) > 0);
    assert!(count(FindingCode::OverrideWithoutApproval) > 0);

    let mapped = engine.response_level_for(ThreatLevel::Substantial);
    let downward_approved = statuses.iter().any(|s| {
        s.response_level < mapped
            && s.reasons
                .iter()
                .any(|r| matches!(r.step, SiteStep::ApprovedDownwardOverride { .. }))
    });
    assert!(downward_approved, "a downward override with approval");
    let upward_approved = statuses.iter().any(|s| {
        s.reasons
            .iter()
            .any(|r| matches!(r.step, SiteStep::UpwardOverride { approved: true, .. }))
    });
    assert!(upward_approved, "an upward override with approval");
    let reviewed_exceptional = statuses.iter().zip(&sites).any(|(s, site)| {
        s.response_level == ResponseLevel::Exceptional
            && site.exceptional_reviewed.is_some()
            && s.schedules.exceptional_review.is_some()
    });
    assert!(
        reviewed_exceptional,
        "a site at EXCEPTIONAL with a review date"
    );

    // The policy text's "medium" is shown on a few records (read as moderate).
    let raw: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(root().join(SITES)).unwrap()).unwrap();
    let medium = raw.iter().filter(|r| r["tier"] == "medium").count();
    assert!((2..=3).contains(&medium), "{medium} records use `medium`");
}

#[test]
fn sites_report_lists_every_site_once_worst_first() {
    let out = spf(&["sites", SITES, "--threat", "substantial", "--as-of", AS_OF]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).is_empty(), "{}", text(&out.stderr));

    let sites = sample_sites();
    let ids: BTreeSet<&str> = sites.iter().map(|s| s.id.as_str()).collect();
    let rows = table_rows(&stdout, &ids);
    assert_eq!(rows.len(), sites.len(), "one row per site");
    assert_eq!(rows.iter().collect::<BTreeSet<_>>().len(), sites.len());

    let report = Engine::moj_default().portfolio(&sites, ThreatLevel::Substantial, as_of());
    let first_overdue = report.overdue.first().unwrap();
    assert_eq!(rows[0], first_overdue.site_id, "the worst site comes first");

    // The header names the threat level, its definition and the response level.
    assert!(
        stdout.contains("SUBSTANTIAL (An attack is likely)"),
        "{stdout}"
    );
    assert!(stdout.contains("HEIGHTENED unless a site overrides it"));
    // The overdue list is the report's, in the report's order.
    let listed: Vec<(String, String)> = stdout
        .split("Overdue, oldest deadline first")
        .nth(1)
        .unwrap()
        .lines()
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .map(|line| {
            let mut words = line.split_whitespace();
            (
                words.next().unwrap().to_owned(),
                words.next().unwrap().to_owned(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = report
        .overdue
        .iter()
        .map(|e| (e.date.unwrap().to_string(), e.site_id.clone()))
        .collect();
    assert_eq!(listed, expected);
    assert!(stdout.contains("High-severity findings"));
    assert!(stdout.contains(&format!(
        "Sites summary: {n} record(s), {n} assessed, 0 rejected",
        n = sites.len()
    )));
    // Readable in a 120-column terminal.
    let widest = stdout.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest <= 120, "a line of {widest} characters");
}

#[test]
fn sites_json_is_the_portfolio_report() {
    let out = spf(&[
        "sites",
        SITES,
        "--threat",
        "substantial",
        "--as-of",
        AS_OF,
        "--json",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "one document");
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let sites = sample_sites();
    assert_eq!(value["sites"], sites.len());
    assert_eq!(value["rejected"], serde_json::json!([]));

    let report: PortfolioReport = spf_core::json::parse(&stdout).unwrap();
    let counts = report.counts;
    let tiers = counts.by_tier;
    assert_eq!(tiers.low + tiers.moderate + tiers.high, report.sites);
    let levels = counts.by_response_level;
    assert_eq!(
        levels.normal + levels.heightened + levels.exceptional,
        report.sites
    );
    assert_eq!(counts.ct_plan_test.total(), report.sites);
    assert_eq!(counts.risk_assessment.total(), report.sites);
    assert_eq!(counts.tier_reassessment.total(), report.sites);
    assert_eq!(counts.exceptional_review.total(), levels.exceptional);
    assert_eq!(
        report,
        Engine::moj_default().portfolio(&sites, ThreatLevel::Substantial, as_of())
    );
}

#[test]
fn bad_site_records_are_reported_and_the_rest_still_assessed() {
    let raw: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(root().join(SITES)).unwrap()).unwrap();
    let good: Vec<&serde_json::Value> = raw.iter().take(3).collect();
    let mut unknown_field = good[0].clone();
    unknown_field["id"] = "BAD-0001".into();
    unknown_field["colour"] = "red".into();
    let mut downward = good[1].clone();
    downward["id"] = "BAD-0002".into();
    downward["responseOverride"] = serde_json::json!({"level": "normal"});
    let records = serde_json::json!([good[0], unknown_field, good[1], downward, good[2]]);
    let file = scratch("mixed-sites.json", &records.to_string());

    let out = spf(&["sites", arg(&file), "--threat", "severe", "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("site 1: unknownField"), "{stderr}");
    assert!(stderr.contains("(at /colour)"), "{stderr}");
    assert!(stderr.contains("site 3: overrideNotApproved"), "{stderr}");
    assert!(
        stderr.contains("(at /responseOverride/approval)"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    let stdout = text(&out.stdout);
    for site in &good {
        assert!(stdout.contains(site["id"].as_str().unwrap()), "{stdout}");
    }
    assert!(!stdout.contains("BAD-000"), "{stdout}");
    assert!(stdout.contains("Sites summary: 5 record(s), 3 assessed, 2 rejected"));

    let out = spf(&[
        "sites",
        arg(&file),
        "--threat",
        "severe",
        "--as-of",
        AS_OF,
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let report: PortfolioReport = spf_core::json::parse(&text(&out.stdout)).unwrap();
    assert_eq!(report.sites, 3);
    let rejected: Vec<(usize, &str)> = report
        .rejected
        .iter()
        .map(|r| (r.index, r.error.code.as_str()))
        .collect();
    assert_eq!(rejected, [(1, "unknownField"), (3, "overrideNotApproved")]);
    let errors: Vec<serde_json::Value> = text(&out.stderr)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0]["index"], 1);
    assert_eq!(errors[0]["error"]["code"], "unknownField");
    assert_eq!(errors[1]["index"], 3);
    assert_eq!(errors[1]["error"]["code"], "overrideNotApproved");
    assert_eq!(
        errors[1]["error"]["path"],
        "/sites/3/responseOverride/approval"
    );
}

#[test]
fn bad_site_arguments_exit_with_two() {
    let run = |args: &[&str]| spf(args).status.code();
    assert_eq!(
        run(&["sites", SITES, "--threat", "grave", "--as-of", AS_OF]),
        Some(2)
    );
    assert_eq!(
        run(&[
            "sites",
            SITES,
            "--threat",
            "severe",
            "--as-of",
            "2026-02-30"
        ]),
        Some(2)
    );
    assert_eq!(
        run(&[
            "sites",
            SITES,
            "--threat",
            "severe",
            "--as-of",
            "23/11/2026"
        ]),
        Some(2)
    );
    assert_eq!(run(&["sites", SITES, "--as-of", AS_OF]), Some(2));
    assert_eq!(run(&["sites", SITES, "--threat", "severe"]), Some(2));
    assert_eq!(
        run(&[
            "sites",
            "no-such-file.json",
            "--threat",
            "low",
            "--as-of",
            AS_OF
        ]),
        Some(2)
    );
    let not_an_array = scratch("not-an-array.json", r#"{"id": "MOJ-LDN-0001"}"#);
    assert_eq!(
        run(&[
            "sites",
            arg(&not_an_array),
            "--threat",
            "low",
            "--as-of",
            AS_OF
        ]),
        Some(2)
    );
    // Threat levels are read without regard to case.
    let out = spf(&[
        "sites", SITES, "--threat", "SEVERE", "--as-of", AS_OF, "--json",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains(r#""threatLevel":"severe""#));
}

#[test]
fn coordination_names_who_coordinates() {
    let out = spf(&["coordinate", "--areas", "HMCTS,HMPPS", "--front-line"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("Strategic Co-ordination Group (Gold)"),
        "{stdout}"
    );
    assert!(stdout.contains("[strategicCoordinationGroup]"), "{stdout}");
    assert!(stdout.contains("[corporateBusinessContinuity]"), "{stdout}");
    assert!(stdout.contains("[policy statement] Counter-Terrorist Protection Policy"));

    let out = spf(&[
        "coordinate",
        "--areas",
        "HMCTS,HMPPS",
        "--front-line",
        "--json",
    ]);
    assert!(out.status.success());
    let answer: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(answer["coordinator"], "strategicCoordinationGroup");
    assert_eq!(
        answer["standingArrangements"],
        "corporateBusinessContinuity"
    );
    assert_eq!(
        answer["businessAreas"],
        serde_json::json!(["HMCTS", "HMPPS"])
    );

    let out = spf(&["coordinate", "--areas", "HMCTS"]);
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    assert!(stdout.contains("Who co-ordinates:"), "{stdout}");
    assert!(stdout.contains("[local]"), "{stdout}");
    let out = spf(&["coordinate", "--areas", "HMCTS", "--json"]);
    let answer: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(answer["coordinator"], "local");

    let out = spf(&["coordinate", "--areas", ""]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("invalidType"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(spf(&["coordinate"]).status.code(), Some(2));
}

#[test]
fn demo_runs_the_main_job_from_any_directory() {
    // Run from outside the crate: the demo finds its data next to the example.
    let elsewhere = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let manifest = root().join("Cargo.toml");
    let out = Command::new(env!("CARGO"))
        .current_dir(&elsewhere)
        .args(["run", "--quiet", "--manifest-path", arg(&manifest)])
        .args(["--example", "spf", "--", "demo"])
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

// ---------------------------------------------------------------------------
// The incident register: the sample file, trends
// ---------------------------------------------------------------------------

const INCIDENTS: &str = "examples/data/incidents.jsonl";

fn sample_incidents() -> Vec<serde_json::Value> {
    std::fs::read_to_string(root().join(INCIDENTS))
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn str_of<'a>(record: &'a serde_json::Value, field: &str) -> &'a str {
    record[field].as_str().unwrap_or_default()
}

/// Records whose `occurred` date is in `from..=to` (ISO dates sort as text).
fn occurred_in<'a>(
    records: &'a [serde_json::Value],
    from: &str,
    to: &str,
) -> Vec<&'a serde_json::Value> {
    records
        .iter()
        .filter(|r| (from..=to).contains(&str_of(r, "occurred")))
        .collect()
}

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
    let engine = Engine::moj_default();
    let report = spf_examples::incident_trends(
        &engine,
        &std::fs::read_to_string(root().join(INCIDENTS)).unwrap(),
        "2024-04-01".parse().unwrap(),
        "2026-11-20".parse().unwrap(),
    )
    .unwrap();
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

// ---------------------------------------------------------------------------
// SPF compliance returns
// ---------------------------------------------------------------------------

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
    // The sample's own numbers, so that a change to it is noticed here.
    assert_eq!((gaps, agreed, variations.len() - agreed), (4, 2, 1));

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
        "Variations to report in the annual governance report ({agreed}):"
    )));
    assert!(stdout.contains("agreed by: Chief Executive, HMPPS (Accounting Officer) on 2025-06-12; review due 2026-06-12"));
    assert!(stdout.contains("Invalid variations (1)"));
    assert!(
        stdout.contains("appeals (area 3): no Accounting Officer agreement [missingAgreement]")
    );
    assert!(stdout.contains("[policy statement] Corporate Security Policy"));
    let widest = stdout.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest <= 120, "a line of {widest} characters");

    let out = spf(&["compliance", COMPLIANCE_RETURN, "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let answer: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(answer["gaps"].as_array().unwrap().len(), gaps);
    assert_eq!(
        answer["variationsToReport"].as_array().unwrap().len(),
        agreed
    );
    assert_eq!(answer["invalidVariations"][0]["element"], "appeals");
    assert_eq!(
        answer["invalidVariations"][0]["problem"],
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
fn a_big_register_is_read_in_blocks_with_the_same_result() {
    // More than one 4 MiB block, with blank lines, CRLF line ends and bad
    // lines in places that a block boundary may split.
    let records = support::incidents::generate(5, 40_000);
    let mut bytes = Vec::new();
    support::incidents::write_json_lines(&records, &mut bytes).unwrap();
    let mut text = String::new();
    for (index, line) in String::from_utf8(bytes).unwrap().lines().enumerate() {
        match index % 4_999 {
            7 => text.push_str("{\"id\": \n"),
            11 => text.push('\n'),
            13 => {
                text.push_str(line);
                text.push_str("\r\n");
                continue;
            }
            _ => {}
        }
        text.push_str(line);
        text.push('\n');
    }
    text.push_str(r#"{"id":"LAST","kind":"lossOfPass"}"#); // no line end
    assert!(text.len() > 8 << 20, "{} bytes", text.len());
    let file = scratch("big-register.jsonl", &text);

    let from_file = spf_examples::read_incident_file(&file).unwrap();
    let from_text = spf_examples::read_incident_lines(&text);
    assert_eq!(from_file.lines, text.lines().count());
    // The pieces differ (blocks of the file, parts of the text); the records,
    // their numbers and the rejected lines do not.
    assert!(from_file.records().eq(from_text.records()));
    assert!(from_file.rejected == from_text.rejected);
    assert_eq!(from_file.records().count(), records.len());
    let rejected: Vec<(usize, &str)> = from_file
        .rejected
        .iter()
        .map(|r| (r.index, r.error.code.as_str()))
        .collect();
    let malformed = text.lines().filter(|l| l.starts_with("{\"id\": ")).count();
    assert_eq!(rejected.len(), malformed + 1, "{rejected:?}");
    assert!(rejected.iter().all(|(index, code)| {
        let line = text.lines().nth(*index).unwrap();
        (line.starts_with("{\"id\": ") && *code == "malformedJson")
            || (line.contains("LAST") && *code == "missingField")
    }));
    for (index, record) in from_file.records() {
        let line = text.lines().nth(index).unwrap();
        assert!(line.starts_with(&format!("{{\"id\":\"{}\"", record.id)));
        if index > 5_000 {
            break;
        }
    }
}
