//! `spf sites` on the sample estate and on bad records and arguments.

use std::collections::BTreeSet;

use spf_core::Engine;
use spf_core::site::{
    FindingCode, PortfolioReport, ResponseLevel, SiteStatus, SiteStep, ThreatLevel,
};

use crate::{
    AS_OF, SITES, arg, as_of, has_finding, root, sample_sites, sample_statuses, scratch, spf,
    table_rows, text,
};

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
    // Upward overrides are free: one without an approval applies with no finding.
    let upward_unapproved = statuses.iter().any(|s| {
        s.reasons.iter().any(|r| {
            matches!(
                r.step,
                SiteStep::UpwardOverride {
                    approved: false,
                    ..
                }
            )
        })
    });
    assert!(upward_unapproved, "an upward override without approval");
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
fn sites_json_is_the_portfolio_report_with_each_sites_status() {
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
    assert_eq!(value["portfolio"]["sites"], sites.len());
    assert_eq!(value["portfolio"]["rejected"], serde_json::json!([]));

    let report: PortfolioReport = spf_core::json::parse(&value["portfolio"].to_string()).unwrap();
    let counts = &report.counts;
    let tiers = &counts.by_tier;
    assert_eq!(tiers.low + tiers.moderate + tiers.high, report.sites);
    let levels = &counts.by_response_level;
    assert_eq!(
        levels.normal + levels.heightened + levels.exceptional,
        report.sites
    );
    assert_eq!(counts.ct_plan_test.total(), report.sites);
    assert_eq!(counts.risk_assessment.total(), report.sites);
    assert_eq!(counts.tier_reassessment.total(), report.sites);
    assert_eq!(counts.exceptional_review.total(), levels.exceptional);
    let engine = Engine::moj_default();
    assert_eq!(
        report,
        engine.portfolio(&sites, ThreatLevel::Substantial, as_of())
    );

    // Beside the summary, every site's own status, findings included, in file order.
    let statuses = value["sites"].as_array().unwrap();
    assert_eq!(statuses.len(), sites.len());
    for (index, (entry, site)) in statuses.iter().zip(&sites).enumerate() {
        assert_eq!(entry["index"], index);
        let status: SiteStatus = spf_core::json::parse(&entry["status"].to_string()).unwrap();
        assert_eq!(
            status,
            engine
                .site_status(site, ThreatLevel::Substantial, as_of())
                .unwrap()
        );
    }
    // The sample estate shows the baseline at work: sites with every required
    // control, sites with gaps, and sites that record none.
    let baseline = &counts.baseline;
    assert!(baseline.all_required_in_place > 0, "{baseline:?}");
    assert!(baseline.required_gaps > 0, "{baseline:?}");
    assert!(baseline.not_recorded > 0, "{baseline:?}");
    let codes: Vec<&str> = statuses
        .iter()
        .flat_map(|entry| entry["status"]["findings"].as_array().unwrap())
        .map(|finding| finding["code"].as_str().unwrap())
        .collect();
    for code in [
        "requiredControlMissing",
        "requiredControlUnverified",
        "controlsNotRecorded",
    ] {
        assert!(codes.contains(&code), "no {code} in {codes:?}");
    }
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
    // Sites are numbered from 1, as a person counts, and named by their id.
    assert!(
        stderr.contains("site 2 (`BAD-0001`): unknownField"),
        "{stderr}"
    );
    assert!(stderr.contains("(at /colour)"), "{stderr}");
    assert!(
        stderr.contains("site 4 (`BAD-0002`): overrideNotApproved"),
        "{stderr}"
    );
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
    let document: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    let report: PortfolioReport =
        spf_core::json::parse(&document["portfolio"].to_string()).unwrap();
    assert_eq!(report.sites, 3);
    // Only the assessed records have a status, each with its index in the file.
    let indices: Vec<&serde_json::Value> = document["sites"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| &entry["index"])
        .collect();
    assert_eq!(indices, [0, 2, 4]);
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
fn sites_text_counts_the_baseline_and_lists_every_required_gap() {
    let out = spf(&["sites", SITES, "--threat", "substantial", "--as-of", AS_OF]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let report =
        Engine::moj_default().portfolio(&sample_sites(), ThreatLevel::Substantial, as_of());
    let baseline = &report.counts.baseline;
    assert!(
        stdout.contains(&format!(
            "every required control in place {}, with gaps {}, not recorded {}",
            baseline.all_required_in_place, baseline.required_gaps, baseline.not_recorded
        )),
        "{stdout}"
    );
    let required: Vec<_> = report
        .baseline_gaps
        .iter()
        .filter(|gap| gap.requirement == spf_core::site::Requirement::Required)
        .collect();
    assert!(!required.is_empty());
    assert!(
        stdout.contains(&format!(
            "Required controls missing or unverified ({}):",
            required.len()
        )),
        "{stdout}"
    );
    for gap in required {
        assert!(
            stdout
                .lines()
                .any(|line| line.contains(&*gap.site_id) && line.contains(&*gap.control)),
            "no line for {gap:?}"
        );
    }
}
