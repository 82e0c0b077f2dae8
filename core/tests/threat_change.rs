//! The impact of a change of threat level: golden cases for each behaviour,
//! the errors, and the JSON entry point.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use serde_json::{Value, json};
use spf_core::site::{LevelChange, ResponseLevel, ThreatChangeImpact};
use spf_core::{Basis, Engine, ErrorCode, json};

fn engine() -> Engine {
    Engine::moj_default()
}

/// A site record with every obligation in date on 2026-11-23, and the controls
/// a moderate site needs at HEIGHTENED in place (not those of EXCEPTIONAL).
fn site(id: &str, area: Option<&str>) -> Value {
    let mut site = json!({
        "id": id,
        "name": format!("Site {id}"),
        "tier": "moderate",
        "tierAssessed": "2026-02-10",
        "ctPlan": {"variesByResponseLevel": true, "lastTested": "2025-03-18"},
        "threatAssessment": {"threatDocumented": true, "mitigationDocumented": true},
        "riskAssessed": "2026-01-20",
        "controlsInPlace": heightened_controls("moderate")
            .into_iter()
            .map(|control| json!({"control": control, "verifiedOn": "2026-10-01"}))
            .collect::<Vec<_>>(),
    });
    if let Some(area) = area {
        site["businessArea"] = area.into();
    }
    site
}

/// The controls the default matrix requires of a tier at HEIGHTENED.
fn heightened_controls(tier: &str) -> Vec<String> {
    let status = json::site_status(
        &engine(),
        &json!({"asOf": "2026-11-23", "threatLevel": "substantial",
                "site": {"id": "X", "name": "X", "tier": tier, "tierAssessed": "2026-02-10"}})
        .to_string(),
    )
    .unwrap();
    let status: Value = serde_json::from_str(&status).unwrap();
    status["requiredControls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect()
}

fn change(request: &Value) -> ThreatChangeImpact {
    let answer = json::threat_change(&engine(), &request.to_string()).unwrap();
    serde_json::from_str(&answer).unwrap()
}

fn error(request: &Value) -> spf_core::SpfError {
    json::threat_change(&engine(), &request.to_string()).unwrap_err()
}

fn areas() -> Value {
    json!([
        {"name": "HMCTS", "securityOfficer": "HMCTS Security Lead"},
        {"name": "HMPPS", "securityOfficer": "HMPPS Head of Security"}
    ])
}

#[test]
fn a_rise_to_critical_raises_every_site_and_opens_the_gaps_of_exceptional() {
    let impact = change(&json!({
        "asOf": "2026-11-23", "from": "substantial", "to": "critical",
        "businessAreas": areas(),
        "sites": [site("A", Some("HMCTS")), site("B", Some("HMPPS"))]
    }));
    let summary = impact.summary;
    assert_eq!(
        (
            summary.sites,
            summary.sites_changing_level,
            summary.sites_raised
        ),
        (2, 2, 2)
    );
    assert!(summary.permanent_secretary_advised);
    let a = &impact.areas[0].sites[0];
    assert_eq!(a.site_id, "A");
    assert_eq!(
        (a.response_level_before, a.response_level_after, a.change),
        (
            ResponseLevel::Heightened,
            ResponseLevel::Exceptional,
            LevelChange::Raised
        )
    );
    assert!(!a.newly_required.is_empty());
    assert!(a.no_longer_required.is_empty());
    // Only the controls of HEIGHTENED are in place: every new one is a gap.
    let gaps: Vec<&str> = a.gaps_opened.iter().map(|g| &*g.control).collect();
    let newly: Vec<&str> = a.newly_required.iter().map(|c| &**c).collect();
    assert_eq!(gaps, newly);
    assert_eq!(summary.gaps_opened, 2 * newly.len());
    assert_eq!(summary.sites_with_gaps, 2);
    assert_eq!(summary.controls_to_stand_up, 2 * newly.len());
    // Entering EXCEPTIONAL: it is reviewed from the day of the change, as its
    // site status on that day says (no review yet: overdue).
    assert_eq!(
        a.exceptional_review_due_on.unwrap().to_string(),
        "2026-11-23"
    );
    assert_eq!(summary.exceptional_reviews_due, 2);
    // Each area names its officer.
    let officers: Vec<(Option<&str>, &[String])> = impact
        .areas
        .iter()
        .map(|area| (area.business_area.as_deref(), &area.security_officers[..]))
        .collect();
    assert_eq!(
        officers,
        [
            (Some("HMCTS"), &["HMCTS Security Lead".to_owned()][..]),
            (Some("HMPPS"), &["HMPPS Head of Security".to_owned()][..])
        ]
    );
}

#[test]
fn the_reasons_rest_on_the_policys_statements_and_say_what_is_a_default() {
    let impact = change(&json!({
        "asOf": "2026-11-23", "from": "substantial", "to": "critical",
        "sites": [site("A", Some("HMCTS"))]
    }));
    let rules: Vec<(&str, Basis)> = impact
        .reasons
        .iter()
        .map(|r| (r.rule_id(), r.basis))
        .collect();
    assert_eq!(
        rules,
        [
            ("threatChange.mapping", Basis::ConfigurableDefault),
            ("threatChange.controls", Basis::ConfigurableDefault),
            // The duty to check is a statement; the matrix and the period a
            // check lasts are defaults, so the gaps are no stronger.
            ("threatChange.gaps", Basis::ConfigurableDefault),
            ("threatChange.exceptionalReview", Basis::ConfigurableDefault),
            ("threatChange.communication", Basis::PolicyStatement),
            ("threatChange.permanentSecretary", Basis::PolicyStatement),
        ]
    );
    let cites = |rule: &str| {
        impact
            .reasons
            .iter()
            .find(|r| r.rule_id() == rule)
            .unwrap()
            .citation
            .to_string()
    };
    assert!(cites("threatChange.communication").contains("via their security officers"));
    let gaps = cites("threatChange.gaps");
    assert!(
        gaps.contains("checking compliance with baseline standards"),
        "{gaps}"
    );
    assert!(gaps.contains("illustrative"), "{gaps}");
    assert!(gaps.contains("verified for 12 months"), "{gaps}");
    assert!(cites("threatChange.permanentSecretary").contains("advise the Permanent Secretary"));
}

#[test]
fn a_change_that_keeps_the_response_level_asks_nothing_and_needs_no_advice() {
    let impact = change(&json!({
        "asOf": "2026-11-23", "from": "substantial", "to": "severe",
        "businessAreas": areas(),
        "sites": [site("A", Some("HMCTS"))]
    }));
    let summary = impact.summary;
    assert_eq!(summary.sites_changing_level, 0);
    assert_eq!(summary.controls_to_stand_up, 0);
    assert!(!summary.permanent_secretary_advised);
    let site = &impact.areas[0].sites[0];
    assert_eq!(site.change, LevelChange::Unchanged);
    assert!(!site.is_affected());
    // The threat level changes all the same: the DSO tells the area.
    assert!(site.told);
    assert_eq!(impact.areas[0].security_officers, ["HMCTS Security Lead"]);
    let advice = impact.reasons.last().unwrap().to_string();
    assert!(
        advice.starts_with("no site changes response level"),
        "{advice}"
    );
}

#[test]
fn a_fall_releases_the_controls_of_the_higher_level() {
    let impact = change(&json!({
        "asOf": "2026-11-23", "from": "critical", "to": "moderate",
        "sites": [site("A", Some("HMCTS"))]
    }));
    let site = &impact.areas[0].sites[0];
    assert_eq!(
        (site.response_level_before, site.response_level_after),
        (ResponseLevel::Exceptional, ResponseLevel::Normal)
    );
    assert_eq!(site.change, LevelChange::Lowered);
    assert!(site.newly_required.is_empty());
    assert!(!site.no_longer_required.is_empty());
    assert!(site.gaps_opened.is_empty());
    assert_eq!(impact.summary.sites_lowered, 1);
    assert!(impact.summary.permanent_secretary_advised);
    assert_eq!(
        impact.summary.controls_to_stand_down,
        site.no_longer_required.len()
    );
}

#[test]
fn a_site_that_sets_its_own_level_keeps_it() {
    let mut own = site("A", Some("HMPPS"));
    own["responseOverride"] = json!({"level": "exceptional"});
    own["exceptionalReviewed"] = "2026-11-20".into();
    let impact = change(&json!({
        "asOf": "2026-11-23", "from": "substantial", "to": "critical", "sites": [own]
    }));
    let site = &impact.areas[0].sites[0];
    assert_eq!(site.change, LevelChange::Unchanged);
    assert!(site.newly_required.is_empty());
    // Already at EXCEPTIONAL: the review counts from the last one, and is not due yet.
    assert_eq!(
        site.exceptional_review_due_on.unwrap().to_string(),
        "2026-11-27"
    );
    assert_eq!(impact.summary.exceptional_reviews_due, 0);
}

#[test]
fn a_change_for_named_sites_leaves_the_others_at_the_old_level() {
    let impact = change(&json!({
        "asOf": "2026-11-23", "from": "severe", "to": "critical",
        "siteIds": ["B"],
        "sites": [site("A", Some("HMCTS")), site("B", Some("HMCTS"))]
    }));
    let sites = &impact.areas[0].sites;
    // The affected site comes first.
    assert_eq!(sites[0].site_id, "B");
    assert_eq!(sites[0].change, LevelChange::Raised);
    assert_eq!(sites[1].site_id, "A");
    assert_eq!(sites[1].change, LevelChange::Unchanged);
    assert_eq!(impact.summary.sites_changing_level, 1);
    let mapping = impact.reasons[0].to_string();
    assert!(mapping.contains("(1 named site(s) only)"), "{mapping}");
}

#[test]
fn site_ids_must_name_sites_of_the_estate_once() {
    let sites = json!([site("A", None)]);
    let e = error(
        &json!({"asOf": "2026-11-23", "from": "severe", "to": "critical",
                          "siteIds": ["Z"], "sites": sites}),
    );
    assert_eq!(
        (e.code, e.path.as_str()),
        (ErrorCode::UnknownValue, "/siteIds/0")
    );
    assert!(
        e.message.contains("no site of the estate has id `Z`"),
        "{}",
        e.message
    );
    let e = error(
        &json!({"asOf": "2026-11-23", "from": "severe", "to": "critical",
                          "siteIds": ["A", "A"], "sites": sites}),
    );
    assert_eq!(
        (e.code, e.path.as_str()),
        (ErrorCode::DuplicateEntry, "/siteIds/1")
    );
    // A rejected record can still be named: its own error says what is wrong.
    let mut bad = site("B", None);
    bad["colour"] = "red".into();
    let impact = change(
        &json!({"asOf": "2026-11-23", "from": "severe", "to": "critical",
                                "siteIds": ["B"], "sites": [site("A", None), bad]}),
    );
    assert_eq!(impact.rejected.len(), 1);
    assert_eq!(impact.rejected[0].index, 1);
    assert_eq!(impact.rejected[0].error.path, "/sites/1/colour");
}

#[test]
fn a_sites_own_security_officer_comes_before_its_areas() {
    let mut own = site("A", Some("HMCTS"));
    own["securityOfficer"] = "Court Security Manager".into();
    let impact = change(&json!({
        "asOf": "2026-11-23", "from": "substantial", "to": "critical",
        "businessAreas": areas(),
        "sites": [own, site("B", Some("HMCTS")), site("C", Some("LAA")), site("D", None)]
    }));
    let officer = |id: &str| {
        impact
            .areas
            .iter()
            .flat_map(|a| &a.sites)
            .find(|s| s.site_id == id)
            .unwrap()
            .security_officer
            .clone()
    };
    assert_eq!(officer("A").as_deref(), Some("Court Security Manager"));
    assert_eq!(officer("B").as_deref(), Some("HMCTS Security Lead"));
    assert_eq!(officer("C"), None);
    assert_eq!(impact.areas[0].security_officers.len(), 2);
    // Named areas by name, then the sites with no area.
    let names: Vec<Option<&str>> = impact
        .areas
        .iter()
        .map(|a| a.business_area.as_deref())
        .collect();
    assert_eq!(names, [Some("HMCTS"), Some("LAA"), None]);
    assert_eq!(impact.areas[1].sites_without_security_officer, ["C"]);
    assert_eq!(impact.areas[2].sites_without_security_officer, ["D"]);
    assert_eq!(impact.summary.sites_without_security_officer, 2);
    let communication = impact.reasons[impact.reasons.len() - 2].to_string();
    assert!(
        communication.starts_with(
            "the DSO tells 2 business area(s) via 2 security officer(s); 2 site(s) to tell have none recorded"
        ),
        "{communication}"
    );
}

#[test]
fn a_business_area_listed_twice_is_rejected() {
    let e = error(&json!({
        "asOf": "2026-11-23", "from": "substantial", "to": "critical",
        "businessAreas": [{"name": "HMCTS", "securityOfficer": "X"},
                          {"name": "HMCTS", "securityOfficer": "Y"}],
        "sites": [site("A", Some("HMCTS"))]
    }));
    assert_eq!(
        (e.code, e.path.as_str()),
        (ErrorCode::DuplicateEntry, "/businessAreas/1/name")
    );
}

#[test]
fn sites_that_record_no_controls_are_counted_apart_from_gaps() {
    let mut unrecorded = site("A", None);
    unrecorded
        .as_object_mut()
        .unwrap()
        .remove("controlsInPlace");
    let impact = change(&json!({
        "asOf": "2026-11-23", "from": "substantial", "to": "critical", "sites": [unrecorded]
    }));
    let site = &impact.areas[0].sites[0];
    assert!(!site.controls_recorded);
    assert!(site.gaps_opened.is_empty());
    assert!(!site.newly_required.is_empty());
    assert_eq!(impact.summary.sites_not_recorded, 1);
    assert_eq!(impact.summary.sites_with_gaps, 0);
}

#[test]
fn an_override_the_change_leaves_below_the_mapped_level_needs_approval() {
    let mut downward = site("B", None);
    // HEIGHTENED without approval is free at SUBSTANTIAL, but below CRITICAL's
    // EXCEPTIONAL it is a lowering and needs one: until then the site is at
    // the mapped level.
    downward["responseOverride"] = json!({"level": "heightened"});
    let impact = change(&json!({
        "asOf": "2026-11-23", "from": "substantial", "to": "critical", "sites": [downward]
    }));
    assert!(impact.rejected.is_empty(), "{:?}", impact.rejected);
    let site = &impact.areas[0].sites[0];
    assert!(site.override_needs_approval);
    assert_eq!(site.response_level_after, ResponseLevel::Exceptional);
    assert_eq!(site.change, LevelChange::Raised);
    assert_eq!(impact.summary.overrides_needing_approval, 1);
}

#[test]
fn bad_and_repeated_sites_are_rejected_and_the_rest_assessed() {
    let mut downward = site("B", None);
    // Below the mapped level before the change, without approval: the record
    // is wrong as it stands.
    downward["responseOverride"] = json!({"level": "normal"});
    let impact = change(&json!({
        "asOf": "2026-11-23", "from": "substantial", "to": "critical",
        "sites": [site("A", None), downward, site("A", None), 7]
    }));
    let rejected: Vec<(usize, ErrorCode, &str)> = impact
        .rejected
        .iter()
        .map(|r| (r.index, r.error.code, r.error.path.as_str()))
        .collect();
    assert_eq!(
        rejected,
        [
            (
                1,
                ErrorCode::OverrideNotApproved,
                "/sites/1/responseOverride/approval"
            ),
            (2, ErrorCode::DuplicateEntry, "/sites/2/id"),
            (3, ErrorCode::InvalidType, "/sites/3"),
        ]
    );
    assert_eq!(impact.summary.sites, 1);
}

#[test]
fn a_request_that_is_not_one_is_an_error_with_its_pointer() {
    let e = error(&json!({"asOf": "2026-11-23", "from": "grave", "to": "critical", "sites": []}));
    assert_eq!(
        (e.code, e.path.as_str()),
        (ErrorCode::UnknownValue, "/from")
    );
    let e = error(&json!({"asOf": "2026-11-23", "from": "low", "sites": []}));
    assert_eq!(e.code, ErrorCode::MissingField);
    let e = error(
        &json!({"schemaVersion": 2, "asOf": "2026-11-23", "from": "low", "to": "low", "sites": []}),
    );
    assert_eq!(e.code, ErrorCode::UnsupportedSchemaVersion);
}

#[test]
fn an_empty_estate_has_nothing_to_tell() {
    // When the mapped response level changes, the DSO advises the Permanent
    // Secretary even of an estate without sites.
    let impact =
        change(&json!({"asOf": "2026-11-23", "from": "low", "to": "critical", "sites": []}));
    assert!(impact.summary.permanent_secretary_advised);
    let impact =
        change(&json!({"asOf": "2026-11-23", "from": "low", "to": "moderate", "sites": []}));
    assert!(impact.areas.is_empty());
    assert_eq!(impact.summary.sites, 0);
    assert!(!impact.summary.permanent_secretary_advised);
}

#[test]
fn a_blank_security_officer_names_nobody() {
    let mut blank = site("A", Some("HMCTS"));
    blank["securityOfficer"] = "   ".into();
    let impact = change(&json!({
        "asOf": "2026-11-23", "from": "substantial", "to": "critical",
        "businessAreas": [{"name": "HMPPS", "securityOfficer": " "}],
        "sites": [blank, site("B", Some("HMPPS"))]
    }));
    for area in &impact.areas {
        assert!(area.security_officers.is_empty(), "{area:?}");
    }
    assert_eq!(impact.summary.sites_without_security_officer, 2);
}
