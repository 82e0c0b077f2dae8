//! `spf threat-change` on the sample estate: the library's answer as JSON, the
//! text report agreeing with it, a change for named sites, and bad arguments.

use spf_core::Engine;
use spf_core::site::{
    BusinessAreaContact, LevelChange, ThreatChangeImpact, ThreatChangeRequest, ThreatLevel,
};

use crate::{AS_OF, SITES, as_of, root, sample_sites, scratch, spf, text};

const AREAS: &str = "examples/data/business-areas.json";

fn sample_areas() -> Vec<BusinessAreaContact> {
    spf_core::json::parse(&std::fs::read_to_string(root().join(AREAS)).unwrap()).unwrap()
}

fn run(extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "threat-change",
        SITES,
        "--from",
        "substantial",
        "--to",
        "critical",
        "--as-of",
        AS_OF,
        "--business-areas",
        AREAS,
    ];
    args.extend_from_slice(extra);
    spf(&args)
}

#[test]
fn threat_change_json_is_the_librarys_answer_on_the_estate() {
    let out = run(&["--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let impact: ThreatChangeImpact = spf_core::json::parse(&text(&out.stdout)).unwrap();
    let expected = Engine::moj_default()
        .threat_change_request(&ThreatChangeRequest {
            schema_version: None,
            as_of: as_of(),
            from: ThreatLevel::Substantial,
            to: ThreatLevel::Critical,
            site_ids: None,
            business_areas: sample_areas(),
            sites: sample_sites(),
        })
        .unwrap();
    assert_eq!(impact, expected);
    let summary = impact.summary;
    assert!(
        summary.sites_raised > 0 && summary.gaps_opened > 0,
        "{summary:?}"
    );
    assert!(summary.permanent_secretary_advised);
    // One sample site sets HEIGHTENED without an approval: free at SUBSTANTIAL,
    // below CRITICAL's EXCEPTIONAL it needs one.
    assert_eq!(summary.overrides_needing_approval, 1);
    assert!(impact.rejected.is_empty());
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
}

#[test]
fn the_text_report_gives_the_summary_and_every_area_with_whom_to_tell() {
    let out = run(&[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let json: ThreatChangeImpact = spf_core::json::parse(&text(&run(&["--json"]).stdout)).unwrap();
    let summary = json.summary;
    assert!(stdout.contains("For the Permanent Secretary: a response level changes"));
    assert!(stdout.contains(&format!(
        "Sites changing response level   {} ({} raised, {} lowered)",
        summary.sites_changing_level, summary.sites_raised, summary.sites_lowered
    )));
    assert!(stdout.contains(&format!(
        "Sites with gaps opened          {} ({} gap(s))",
        summary.sites_with_gaps, summary.gaps_opened
    )));
    for area in &json.areas {
        if let Some(name) = &area.business_area {
            assert!(stdout.contains(&format!("\n{name}: tell ")), "{name}");
        }
        for officer in &area.security_officers {
            assert!(stdout.contains(officer.as_str()), "{officer}");
        }
        for site in &area.sites {
            assert!(stdout.contains(&site.site_id), "{}", site.site_id);
        }
    }
    assert!(stdout.contains("newly required: "));
    assert!(stdout.contains("\nReasons:\n"));
    assert!(
        stdout.contains("Overrides needing approval      1 site(s)"),
        "{stdout}"
    );
    // The site whose override the change leaves unapproved says so, under its row.
    let lines: Vec<&str> = stdout.lines().collect();
    let note = lines
        .iter()
        .position(|l| l.contains("its override is now below the mapped level"))
        .unwrap();
    let row = lines[..note]
        .iter()
        .rev()
        .find(|l| l.starts_with("  MOJ-"))
        .unwrap();
    assert!(row.contains("MOJ-LDN-0005"), "{row}");
    let widest = stdout.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest <= 120, "a line of {widest} characters");
}

#[test]
fn a_change_for_named_sites_changes_only_those() {
    let out = spf(&[
        "threat-change",
        SITES,
        "--from",
        "severe",
        "--to",
        "critical",
        "--as-of",
        AS_OF,
        "--site",
        "MOJ-LDN-0002",
        "--site",
        "MOJ-LDN-0001",
        "--json",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let impact: ThreatChangeImpact = spf_core::json::parse(&text(&out.stdout)).unwrap();
    let changed: Vec<&str> = impact
        .areas
        .iter()
        .flat_map(|a| &a.sites)
        .filter(|s| s.change != LevelChange::Unchanged)
        .map(|s| s.site_id.as_str())
        .collect();
    assert_eq!(changed.len(), 2, "{changed:?}");
    assert!(changed.contains(&"MOJ-LDN-0001") && changed.contains(&"MOJ-LDN-0002"));
}

#[test]
fn bad_threat_change_arguments_are_reported() {
    let base = [
        "threat-change",
        SITES,
        "--from",
        "severe",
        "--to",
        "critical",
        "--as-of",
        AS_OF,
    ];
    let with = |extra: &[&str]| spf(&[&base[..], extra].concat());
    // An id the estate does not have: the request is rejected, named by the option.
    let out = with(&["--site", "NOPE"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("--site: unknownValue: no site of the estate has id `NOPE`"),
        "{}",
        text(&out.stderr)
    );
    // A business areas file that is not one.
    let not_areas = scratch("not-areas.json", r#"{"HMCTS": "someone"}"#);
    let out = with(&["--business-areas", crate::arg(&not_areas)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("is not a JSON array of business areas"));
    // A business area listed twice: named in the file, not in a request.
    let twice = scratch(
        "areas-twice.json",
        r#"[{"name":"HMCTS","securityOfficer":"A"},{"name":"HMCTS","securityOfficer":"B"}]"#,
    );
    let out = with(&["--business-areas", crate::arg(&twice)]);
    assert_eq!(out.status.code(), Some(1));
    let errors = text(&out.stderr);
    assert!(
        errors.contains("areas-twice.json (at /1/name): duplicateEntry"),
        "{errors}"
    );
    assert!(!errors.contains("the request"), "{errors}");
    // Usage errors.
    assert_eq!(with(&["--from", "grave"]).status.code(), Some(2));
    assert_eq!(
        spf(&["threat-change", SITES, "--from", "low", "--as-of", AS_OF])
            .status
            .code(),
        Some(2)
    );
}
