//! Golden cases for counter-terrorism site rules (Counter-Terrorist Protection
//! Policy; domain-facts §2–§4 and the gaps it leaves open), each pinned to exact
//! values:
//!
//! - the threat-level → response-level mapping, through every surface;
//! - response-level overrides: upward free, downward only with an approval;
//! - the EXCEPTIONAL review;
//! - every finding code, with its severity, basis and citation, and a clean site;
//! - the `medium` tier alias;
//! - CT-plan, risk-assessment and tier schedules, with leap days and month ends;
//! - the illustrative control matrix, in catalogue order;
//! - portfolio counts, list order and rejected sites;
//! - incident co-ordination;
//! - policy documents the validator must reject, and bad site requests.

// Test code: helpers outside #[test] functions may unwrap, index and panic.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;

use serde_json::{Value, json};
use spf_core::coordination::{CoordinationRequest, CoordinationStep, Coordinator};
use spf_core::site::{
    Approval, ControlInPlace, CtPlan, EmergencyArrangements, FindingCode, Interval, Obligation,
    ObligationCounts, PortfolioEntry, ResponseLevel, ResponseLevelCounts, ResponseOverride,
    ResponsibilityOwners, RiskAssessmentRecord, Schedule, ScheduleStatus, Severity, Site,
    SiteStatus, SiteStep, SiteTier, ThreatAssessment, ThreatLevel, TierCounts,
};
use spf_core::{
    Basis, Date, Engine, ErrorCode, Policy, PolicyErrors, Source, StatementVariation, Step,
    VariationRole, json,
};

fn day(text: &str) -> Date {
    text.parse().unwrap()
}

/// The assessment day most cases use.
const AS_OF: &str = "2026-06-15";

/// A MODERATE site with nothing missing or due on [`AS_OF`].
fn compliant(id: &str) -> Site {
    Site {
        id: id.into(),
        name: format!("Site {id}"),
        business_area: Some("HMCTS".into()),
        security_officer: None,
        emergency_arrangements: Some(EmergencyArrangements {
            in_fire_and_incident_control_plan: true,
            in_business_continuity_plan: true,
            emergency_services_liaison: true,
            staff_communications: true,
            last_rehearsed: Some(day("2026-02-10")),
        }),
        tier: SiteTier::Moderate,
        tier_assessed: day("2026-02-10"),
        ct_plan: Some(CtPlan {
            varies_by_response_level: true,
            last_tested: Some(day("2025-03-18")),
        }),
        threat_assessment: Some(ThreatAssessment {
            threat_documented: true,
            mitigation_documented: true,
        }),
        risk_assessed: Some(day("2026-01-20")),
        risk_assessment: Some(RiskAssessmentRecord {
            impact: true,
            threat: true,
            likelihood: true,
            vulnerability: true,
            terrorist_threats: true,
            other_threats: true,
            owners: ResponsibilityOwners {
                baseline_measures: Some("Estates manager".into()),
                crisis_management: Some("Head of security".into()),
                business_continuity: Some("Business continuity lead".into()),
            },
        }),
        response_override: None,
        exceptional_reviewed: None,
        controls_in_place: Some(
            CATALOGUE
                .iter()
                .map(|control| ControlInPlace {
                    control: (*control).into(),
                    verified_on: day("2026-02-10"),
                })
                .collect(),
        ),
    }
}

/// The default policy's control catalogue, in its order.
const CATALOGUE: [&str; 11] = [
    "patrols",
    "cctvMonitoring",
    "physicalStrengthening",
    "vettingChecks",
    "accessAndPassChecks",
    "bagAndVehicleSearch",
    "staffBriefing",
    "evacuationReadiness",
    "visitorRestrictions",
    "reactiveMeasures",
    "emergencyResponsePlan",
];

fn tested(site: &mut Site, on: Option<&str>) {
    site.ct_plan.as_mut().unwrap().last_tested = on.map(day);
}

fn status(engine: &Engine, site: &Site, threat: ThreatLevel, as_of: &str) -> SiteStatus {
    engine
        .site_status(site, threat, day(as_of))
        .unwrap_or_else(|e| panic!("{} rejected: {e}", site.id))
}

fn codes(status: &SiteStatus) -> Vec<FindingCode> {
    status.findings.iter().map(|f| f.code).collect()
}

fn rule_ids(status: &SiteStatus) -> Vec<&'static str> {
    status.reasons.iter().map(|r| r.rule_id()).collect()
}

fn request(threat: &str, as_of: &str, site: &Site) -> String {
    serde_json::to_string(&json!({
        "asOf": as_of,
        "threatLevel": threat,
        "site": site,
    }))
    .unwrap()
}

fn approval(by: &str, on: &str, reason: &str) -> Option<Approval> {
    Some(Approval {
        by: by.into(),
        on: day(on),
        reason: reason.into(),
    })
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

fn strings(list: &[std::sync::Arc<str>]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

// ---------------------------------------------------------------------------
// Threat level → response level.
// ---------------------------------------------------------------------------

const MAPPING: [(ThreatLevel, &str, &str, ResponseLevel, &str); 5] = [
    (
        ThreatLevel::Low,
        "low",
        "An attack is highly unlikely",
        ResponseLevel::Normal,
        "normal",
    ),
    (
        ThreatLevel::Moderate,
        "moderate",
        "An attack is possible but not likely",
        ResponseLevel::Normal,
        "normal",
    ),
    (
        ThreatLevel::Substantial,
        "substantial",
        "An attack is likely",
        ResponseLevel::Heightened,
        "heightened",
    ),
    (
        ThreatLevel::Severe,
        "severe",
        "An attack is highly likely",
        ResponseLevel::Heightened,
        "heightened",
    ),
    (
        ThreatLevel::Critical,
        "critical",
        "An attack is highly likely in the near future",
        ResponseLevel::Exceptional,
        "exceptional",
    ),
];

const MAPPING_CITATION: &str =
    "HMG response level system (threat levels broadly equate); domain-facts gap 6";

#[test]
fn every_threat_level_maps_to_its_response_level() {
    let engine = Engine::moj_default();
    for (threat, wire, definition, response, response_wire) in MAPPING {
        assert_eq!(engine.response_level_for(threat), response, "{wire}");

        let answer = engine.response_level(threat);
        assert_eq!(answer.schema_version, 1);
        assert_eq!(&*answer.policy.id, "moj-default");
        assert_eq!(&*answer.policy.version, "2026.1");
        assert_eq!(answer.threat_level, threat);
        assert_eq!(answer.definition, definition);
        assert_eq!(answer.response_level, response);
        assert_eq!(answer.citation.as_str(), MAPPING_CITATION);
        assert_eq!(answer.basis, Basis::ConfigurableDefault);

        let out = json::response_level(&engine, &format!(r#"{{"threatLevel":"{wire}"}}"#)).unwrap();
        let value: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            value,
            json!({
                "schemaVersion": 1,
                "policy": {"id": "moj-default", "version": "2026.1"},
                "threatLevel": wire,
                "definition": definition,
                "responseLevel": response_wire,
                "citation": MAPPING_CITATION,
                "basis": "configurableDefault",
            }),
            "{wire}"
        );

        // A site with no override operates at the mapped level, and says why.
        let site = status(&engine, &compliant("S"), threat, AS_OF);
        assert_eq!(site.response_level, response, "{wire}");
        assert_eq!(
            site.reasons[0].step,
            SiteStep::ThreatMapping {
                threat_level: threat,
                response_level: response
            }
        );
        assert_eq!(site.reasons[0].citation.as_str(), MAPPING_CITATION);
        assert_eq!(
            site.reasons[0].to_string(),
            format!(
                "national threat level {wire} ({definition}) maps to response level {response_wire} [{MAPPING_CITATION}; configurableDefault]"
            )
        );
    }
}

#[test]
fn response_level_json_is_byte_exact() {
    let engine = Engine::moj_default();
    assert_eq!(
        json::response_level(&engine, r#"{"threatLevel":"severe"}"#).unwrap(),
        concat!(
            r#"{"schemaVersion":1,"policy":{"id":"moj-default","version":"2026.1"},"#,
            r#""threatLevel":"severe","definition":"An attack is highly likely","#,
            r#""responseLevel":"heightened","#,
            r#""citation":"HMG response level system (threat levels broadly equate); domain-facts gap 6","#,
            r#""basis":"configurableDefault"}"#
        )
    );
    let err = json::response_level(&engine, r#"{"threatLevel":"elevated"}"#).unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        (ErrorCode::UnknownValue, "/threatLevel")
    );
    // A threat level in another case is the same level, written in camelCase.
    assert_eq!(
        json::response_level(&engine, r#"{"threatLevel":"LOW"}"#).unwrap(),
        json::response_level(&engine, r#"{"threatLevel":"low"}"#).unwrap()
    );
    let err =
        json::response_level(&engine, r#"{"schemaVersion":2,"threatLevel":"low"}"#).unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        (ErrorCode::UnsupportedSchemaVersion, "/schemaVersion")
    );
}

// ---------------------------------------------------------------------------
// Overrides.
// ---------------------------------------------------------------------------

const UPWARD: &str = "domain-facts gap 6 (upward overrides are free)";
const DOWNWARD: &str = "domain-facts gap 6 (downward overrides need a recorded approval)";

/// Upward overrides are free (domain-facts gap 6): no approval is needed, so
/// a missing one raises no finding; the reason says so and whether one is
/// recorded.
#[test]
fn upward_override_without_approval_applies_without_a_finding() {
    let engine = Engine::moj_default();
    let mut site = compliant("UP");
    site.response_override = Some(ResponseOverride {
        level: ResponseLevel::Heightened,
        approval: None,
    });
    let s = status(&engine, &site, ThreatLevel::Moderate, AS_OF);
    assert_eq!(s.response_level, ResponseLevel::Heightened);
    assert!(s.findings.is_empty(), "{:?}", s.findings);
    let reason = s
        .reasons
        .iter()
        .find(|r| r.rule_id() == "site.upwardOverride")
        .unwrap();
    assert_eq!(
        reason.step,
        SiteStep::UpwardOverride {
            from: ResponseLevel::Normal,
            to: ResponseLevel::Heightened,
            approved: false
        }
    );
    assert_eq!(reason.citation.as_str(), UPWARD);
    assert_eq!(reason.basis, Basis::ConfigurableDefault);
    assert_eq!(
        reason.to_string(),
        format!(
            "the site operates at heightened instead of normal; an upward override needs no approval [{UPWARD}; configurableDefault]"
        )
    );
    // The controls are the heightened ones.
    assert!(
        s.required_controls
            .iter()
            .any(|c| &**c == "reactiveMeasures")
    );
}

#[test]
fn upward_override_with_approval_applies_without_a_finding() {
    let engine = Engine::moj_default();
    let mut site = compliant("UP");
    site.response_override = Some(ResponseOverride {
        level: ResponseLevel::Exceptional,
        approval: approval("Local Security Officer", "2026-06-10", "local intelligence"),
    });
    site.exceptional_reviewed = Some(day("2026-06-10"));
    let s = status(&engine, &site, ThreatLevel::Substantial, AS_OF);
    assert_eq!(s.response_level, ResponseLevel::Exceptional);
    assert!(s.findings.is_empty(), "{:?}", s.findings);
    assert_eq!(
        rule_ids(&s),
        [
            "site.threatMapping",
            "site.upwardOverride",
            "site.exceptionalReview",
            "site.controls",
            "site.baseline",
            "site.threatAssessment",
            "site.riskAssessmentContent",
            "site.responsibilities",
            "site.emergencyArrangements",
            "site.emergencyRehearsal",
            "site.ctPlanTest",
            "site.riskAssessment",
            "site.tierReassessment",
        ]
    );
    assert_eq!(
        s.reasons[1].step,
        SiteStep::UpwardOverride {
            from: ResponseLevel::Heightened,
            to: ResponseLevel::Exceptional,
            approved: true
        }
    );
}

#[test]
fn downward_override_with_approval_applies_and_says_so() {
    let engine = Engine::moj_default();
    let mut site = compliant("DOWN");
    site.response_override = Some(ResponseOverride {
        level: ResponseLevel::Normal,
        approval: approval("DSO", "2026-06-01", "site closed to the public"),
    });
    let s = status(&engine, &site, ThreatLevel::Severe, AS_OF);
    assert_eq!(s.response_level, ResponseLevel::Normal);
    // The override stays visible: an approval does not expire.
    assert_eq!(codes(&s), [FindingCode::DownwardOverrideInForce]);
    assert_eq!(s.findings[0].severity, Severity::Medium);
    assert_eq!(s.findings[0].citation.as_str(), DOWNWARD);
    assert_eq!(
        s.findings[0].message,
        "the site operates at `normal` below the mapped `heightened` under an approval of 2026-06-01; confirm it still stands at threat level `severe`"
    );
    let reason = s
        .reasons
        .iter()
        .find(|r| r.rule_id() == "site.approvedDownwardOverride")
        .unwrap();
    assert_eq!(
        reason.step,
        SiteStep::ApprovedDownwardOverride {
            from: ResponseLevel::Heightened,
            to: ResponseLevel::Normal,
            approved_on: day("2026-06-01")
        }
    );
    assert_eq!(reason.citation.as_str(), DOWNWARD);
    assert_eq!(
        reason.to_string(),
        format!(
            "the site operates at normal instead of heightened; the downward override was approved on 2026-06-01 [{DOWNWARD}; configurableDefault]"
        )
    );
    // The controls are those of a MODERATE site at NORMAL.
    assert_eq!(
        strings(&s.required_controls),
        ids(&[
            "cctvMonitoring",
            "vettingChecks",
            "accessAndPassChecks",
            "staffBriefing",
            "evacuationReadiness",
            "emergencyResponsePlan",
        ])
    );
    // Same answer through JSON.
    let out = json::site_status(&engine, &request("severe", AS_OF, &site)).unwrap();
    let value: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["responseLevel"], "normal");
    assert_eq!(value["reasons"][1]["rule"], "site.approvedDownwardOverride");
    assert_eq!(
        value["reasons"][1]["facts"],
        json!({"from": "heightened", "to": "normal", "approvedOn": "2026-06-01"})
    );
}

#[test]
fn downward_override_without_a_usable_approval_is_rejected() {
    let engine = Engine::moj_default();
    for (what, given) in [
        ("no approval", None),
        ("blank approver", approval("", "2026-06-01", "closed")),
        (
            "whitespace approver",
            approval("  \t", "2026-06-01", "closed"),
        ),
        ("blank reason", approval("DSO", "2026-06-01", "")),
        ("whitespace reason", approval("DSO", "2026-06-01", " \n ")),
    ] {
        let mut site = compliant("DOWN");
        site.response_override = Some(ResponseOverride {
            level: ResponseLevel::Heightened,
            approval: given,
        });
        let err = json::site_status(&engine, &request("critical", AS_OF, &site)).unwrap_err();
        assert_eq!(err.code, ErrorCode::OverrideNotApproved, "{what}");
        assert_eq!(err.path, "/site/responseOverride/approval", "{what}");
        assert_eq!(
            err.message,
            "the site lowers its response level from `exceptional` to `heightened` without a recorded approval (who, when and why)",
            "{what}"
        );
        // The typed API points into the site record itself.
        let direct = engine
            .site_status(&site, ThreatLevel::Critical, day(AS_OF))
            .unwrap_err();
        assert_eq!(direct.code, err.code, "{what}");
        assert_eq!(direct.message, err.message, "{what}");
        assert_eq!(direct.path, "/responseOverride/approval", "{what}");
    }
}

#[test]
fn override_approval_dated_after_as_of_is_out_of_order() {
    let engine = Engine::moj_default();
    let mut site = compliant("DOWN");
    site.response_override = Some(ResponseOverride {
        level: ResponseLevel::Normal,
        approval: approval("DSO", "2026-06-16", "closed"),
    });
    let err = json::site_status(&engine, &request("severe", AS_OF, &site)).unwrap_err();
    assert_eq!(err.code, ErrorCode::DateOutOfOrder);
    assert_eq!(err.path, "/site/responseOverride/approval/on");
    assert_eq!(
        err.message,
        "the override approval date `2026-06-16` is after the assessment date `2026-06-15`"
    );
    // Approved on the assessment day itself is fine.
    site.response_override.as_mut().unwrap().approval = approval("DSO", "2026-06-15", "closed");
    assert!(json::site_status(&engine, &request("severe", AS_OF, &site)).is_ok());
}

#[test]
fn upward_override_approval_dated_after_as_of_is_out_of_order() {
    let engine = Engine::moj_default();
    let mut site = compliant("UP");
    site.response_override = Some(ResponseOverride {
        level: ResponseLevel::Heightened,
        approval: approval("DSO", "2027-01-01", "raised"),
    });
    let err = json::site_status(&engine, &request("low", AS_OF, &site)).unwrap_err();
    assert_eq!(err.code, ErrorCode::DateOutOfOrder);
    assert_eq!(err.path, "/site/responseOverride/approval/on");
}

#[test]
fn an_override_at_the_mapped_level_changes_nothing() {
    let engine = Engine::moj_default();
    let mut site = compliant("SAME");
    site.response_override = Some(ResponseOverride {
        level: ResponseLevel::Heightened,
        approval: None,
    });
    let plain = status(&engine, &compliant("SAME"), ThreatLevel::Severe, AS_OF);
    for approval in [None, approval("DSO", "2026-06-01", "kept as is")] {
        site.response_override.as_mut().unwrap().approval = approval;
        let s = status(&engine, &site, ThreatLevel::Severe, AS_OF);
        assert_eq!(s.response_level, ResponseLevel::Heightened);
        assert!(s.findings.is_empty(), "{:?}", s.findings);
        assert!(!rule_ids(&s).contains(&"site.upwardOverride"));
        assert!(!rule_ids(&s).contains(&"site.approvedDownwardOverride"));
        assert_eq!(s.reasons, plain.reasons);
    }
}

// ---------------------------------------------------------------------------
// EXCEPTIONAL review.
// ---------------------------------------------------------------------------

const EXCEPTIONAL: &str = "EXCEPTIONAL is not sustainable for long; domain-facts gap 8";

fn exceptional_site(reviewed: Option<&str>) -> Site {
    let mut site = compliant("EX");
    site.exceptional_reviewed = reviewed.map(day);
    site
}

#[test]
fn exceptional_reviewed_seven_days_ago_is_due_today() {
    let engine = Engine::moj_default();
    let s = status(
        &engine,
        &exceptional_site(Some("2026-06-08")),
        ThreatLevel::Critical,
        AS_OF,
    );
    assert_eq!(s.response_level, ResponseLevel::Exceptional);
    assert_eq!(
        s.schedules.exceptional_review,
        Some(Schedule {
            status: ScheduleStatus::Due,
            last_done: Some(day("2026-06-08")),
            due_soon_from: Some(day("2026-06-15")),
            due_on: Some(day("2026-06-15")),
            overdue_after: Some(day("2026-06-15")),
        })
    );
    assert!(s.findings.is_empty(), "{:?}", s.findings);
    let reason = s
        .reasons
        .iter()
        .find(|r| r.rule_id() == "site.exceptionalReview")
        .unwrap();
    assert_eq!(
        reason.step,
        SiteStep::ExceptionalReview {
            days: 7,
            status: ScheduleStatus::Due
        }
    );
    assert_eq!(reason.citation.as_str(), EXCEPTIONAL);
    // Six days ago: not yet due.
    let s = status(
        &engine,
        &exceptional_site(Some("2026-06-09")),
        ThreatLevel::Critical,
        AS_OF,
    );
    assert_eq!(
        s.schedules.exceptional_review.unwrap().status,
        ScheduleStatus::Ok
    );
}

#[test]
fn exceptional_reviewed_eight_days_ago_is_overdue() {
    let engine = Engine::moj_default();
    let s = status(
        &engine,
        &exceptional_site(Some("2026-06-07")),
        ThreatLevel::Critical,
        AS_OF,
    );
    let review = s.schedules.exceptional_review.unwrap();
    assert_eq!(review.status, ScheduleStatus::Overdue);
    assert_eq!(review.overdue_after, Some(day("2026-06-14")));
    assert_eq!(codes(&s), [FindingCode::ExceptionalReviewOverdue]);
    let f = &s.findings[0];
    assert_eq!(f.severity, Severity::High);
    assert_eq!(f.citation.as_str(), EXCEPTIONAL);
    assert_eq!(
        f.message,
        "EXCEPTIONAL has not been reviewed since 2026-06-07; the review was due on 2026-06-14"
    );
}

#[test]
fn exceptional_never_reviewed_is_overdue() {
    let engine = Engine::moj_default();
    let s = status(
        &engine,
        &exceptional_site(None),
        ThreatLevel::Critical,
        AS_OF,
    );
    assert_eq!(
        s.schedules.exceptional_review,
        Some(Schedule {
            status: ScheduleStatus::NeverDone,
            last_done: None,
            due_soon_from: None,
            due_on: None,
            overdue_after: None,
        })
    );
    assert_eq!(codes(&s), [FindingCode::ExceptionalReviewOverdue]);
    assert_eq!(
        s.findings[0].message,
        "EXCEPTIONAL is in force and no review is recorded"
    );
}

#[test]
fn below_exceptional_there_is_no_exceptional_review() {
    let engine = Engine::moj_default();
    for threat in [
        ThreatLevel::Low,
        ThreatLevel::Moderate,
        ThreatLevel::Substantial,
        ThreatLevel::Severe,
    ] {
        for reviewed in [None, Some("2020-01-01")] {
            let s = status(&engine, &exceptional_site(reviewed), threat, AS_OF);
            assert_eq!(s.schedules.exceptional_review, None, "{threat}");
            assert!(!rule_ids(&s).contains(&"site.exceptionalReview"));
            assert!(s.findings.is_empty(), "{threat}: {:?}", s.findings);
            let out = json::site_status(
                &engine,
                &request(threat.as_str(), AS_OF, &exceptional_site(reviewed)),
            )
            .unwrap();
            let value: Value = serde_json::from_str(&out).unwrap();
            assert_eq!(value["schedules"].get("exceptionalReview"), None);
        }
    }
    // An approved downward override out of EXCEPTIONAL needs no review either.
    let mut site = exceptional_site(None);
    site.response_override = Some(ResponseOverride {
        level: ResponseLevel::Heightened,
        approval: approval("DSO", "2026-06-14", "no specific threat to the site"),
    });
    let s = status(&engine, &site, ThreatLevel::Critical, AS_OF);
    assert_eq!(s.response_level, ResponseLevel::Heightened);
    assert_eq!(s.schedules.exceptional_review, None);
    assert_eq!(codes(&s), [FindingCode::DownwardOverrideInForce]);
}

// ---------------------------------------------------------------------------
// Findings.
// ---------------------------------------------------------------------------

struct FindingCase {
    name: &'static str,
    site: Site,
    threat: ThreatLevel,
    /// Every finding the site gets, most severe first.
    expected: Vec<FindingCode>,
    /// The finding under test.
    code: FindingCode,
    severity: Severity,
    /// Whether the rule that raised it is stated or a default.
    basis: Basis,
    citation: &'static str,
    message: &'static str,
}

#[allow(clippy::too_many_lines)]
fn finding_cases() -> Vec<FindingCase> {
    let with = |change: &dyn Fn(&mut Site)| {
        let mut site = compliant("F");
        change(&mut site);
        site
    };
    let one =
        |name, site, threat, code: FindingCode, severity, basis, citation, message| FindingCase {
            name,
            site,
            threat,
            expected: vec![code],
            code,
            severity,
            basis,
            citation,
            message,
        };
    let without = |control: &'static str| {
        with(&move |s: &mut Site| {
            s.controls_in_place
                .as_mut()
                .unwrap()
                .retain(|c| c.control != control)
        })
    };
    let verified = |control: &'static str, on: &'static str| {
        with(&move |s: &mut Site| {
            for c in s.controls_in_place.as_mut().unwrap() {
                if c.control == control {
                    c.verified_on = day(on);
                }
            }
        })
    };
    vec![
        one(
            "a required control missing",
            without("cctvMonitoring"),
            ThreatLevel::Moderate,
            FindingCode::RequiredControlMissing,
            Severity::High,
            Basis::ConfigurableDefault,
            "cell moderate tier at normal; Counter-Terrorist Protection Policy, roles and responsibilities (security officers must undertake local risk assessment, checking compliance with baseline standards)",
            "required control `cctvMonitoring` (CCTV monitoring) is not in place at this moderate tier site at normal",
        ),
        one(
            "a required control verified 13 months ago",
            verified("vettingChecks", "2025-05-01"),
            ThreatLevel::Moderate,
            FindingCode::RequiredControlUnverified,
            Severity::Medium,
            Basis::ConfigurableDefault,
            "a control in place counts as verified for 12 months",
            "required control `vettingChecks` (Vetting checks) was last verified on 2025-05-01, more than 12 months ago",
        ),
        one(
            "no controls recorded",
            with(&|s| s.controls_in_place = None),
            ThreatLevel::Moderate,
            FindingCode::ControlsNotRecorded,
            Severity::Medium,
            Basis::PolicyStatement,
            "checking compliance with baseline standards",
            "the site records no controls in place; record each with when it was last verified, so that the 6 required at a moderate tier site at normal can be checked",
        ),
        one(
            "a recommended control missing",
            without("patrols"),
            ThreatLevel::Moderate,
            FindingCode::RecommendedControlMissing,
            Severity::Low,
            Basis::ConfigurableDefault,
            "illustrative: the MoJ Response Level Security Measures Policy is not public",
            "recommended control `patrols` (Patrols to deter hostile reconnaissance) is not in place at this moderate tier site at normal",
        ),
        one(
            "a recommended control verified two years ago",
            verified("physicalStrengthening", "2024-06-01"),
            ThreatLevel::Moderate,
            FindingCode::RecommendedControlUnverified,
            Severity::Low,
            Basis::ConfigurableDefault,
            "a control in place counts as verified for 12 months",
            "recommended control `physicalStrengthening` (Physical strengthening and stand-off measures) was last verified on 2024-06-01, more than 12 months ago",
        ),
        one(
            "no emergency arrangements recorded",
            with(&|s| s.emergency_arrangements = None),
            ThreatLevel::Moderate,
            FindingCode::EmergencyArrangementsNotRecorded,
            Severity::High,
            Basis::PolicyStatement,
            "all business areas/sites must have clear emergency response arrangements",
            "the site records no emergency response arrangements; every site must have clear ones",
        ),
        one(
            "emergency arrangements outside Fire & Incident Control",
            with(&|s| {
                if let Some(e) = &mut s.emergency_arrangements {
                    e.in_fire_and_incident_control_plan = false;
                }
            }),
            ThreatLevel::Moderate,
            FindingCode::EmergencyArrangementsOutsideFireAndIncidentControl,
            Severity::Low,
            Basis::PolicyStatement,
            "will normally be incorporated within Fire & Incident Control",
            "the emergency response arrangements are not part of the Fire & Incident Control plan, where they normally are",
        ),
        one(
            "emergency arrangements outside business continuity",
            with(&|s| {
                if let Some(e) = &mut s.emergency_arrangements {
                    e.in_business_continuity_plan = false;
                }
            }),
            ThreatLevel::Moderate,
            FindingCode::EmergencyArrangementsOutsideBusinessContinuity,
            Severity::Low,
            Basis::PolicyStatement,
            "business continuity arrangements",
            "the emergency response arrangements are not part of the business continuity plan, where they normally are",
        ),
        one(
            "no liaison with the emergency services",
            with(&|s| {
                if let Some(e) = &mut s.emergency_arrangements {
                    e.emergency_services_liaison = false;
                }
            }),
            ThreatLevel::Moderate,
            FindingCode::EmergencyServicesLiaisonMissing,
            Severity::Medium,
            Basis::PolicyStatement,
            "should include liaising with emergency services and communicating with staff",
            "the emergency response arrangements do not cover liaising with the emergency services",
        ),
        one(
            "no staff communications",
            with(&|s| {
                if let Some(e) = &mut s.emergency_arrangements {
                    e.staff_communications = false;
                }
            }),
            ThreatLevel::Moderate,
            FindingCode::StaffCommunicationsMissing,
            Severity::Medium,
            Basis::PolicyStatement,
            "should include liaising with emergency services and communicating with staff",
            "the emergency response arrangements do not cover communicating with staff",
        ),
        one(
            "emergency arrangements last rehearsed 16 months ago",
            with(&|s| {
                if let Some(e) = &mut s.emergency_arrangements {
                    e.last_rehearsed = Some(day("2025-02-10"));
                }
            }),
            ThreatLevel::Moderate,
            FindingCode::EmergencyArrangementsNotRehearsed,
            Severity::Medium,
            Basis::ConfigurableDefault,
            "rehearsed every 12 months",
            "a rehearsal of the emergency response arrangements is overdue: last done 2025-02-10, it was needed by 2026-02-10",
        ),
        one(
            "emergency arrangements never rehearsed",
            with(&|s| {
                if let Some(e) = &mut s.emergency_arrangements {
                    e.last_rehearsed = None;
                }
            }),
            ThreatLevel::Moderate,
            FindingCode::EmergencyArrangementsNotRehearsed,
            Severity::Medium,
            Basis::ConfigurableDefault,
            "domain-facts gap 16",
            "the emergency response arrangements have never been rehearsed",
        ),
        one(
            "a risk assessment with nothing recorded of its content",
            with(&|s| s.risk_assessment = None),
            ThreatLevel::Moderate,
            FindingCode::RiskAssessmentContentNotRecorded,
            Severity::Medium,
            Basis::PolicyStatement,
            "must have regard to the impact on the business/site",
            "the site records nothing of what its risk assessment considered or who owns the measures",
        ),
        one(
            "a risk assessment without regard to impact",
            with(&|s| s.risk_assessment.as_mut().unwrap().impact = false),
            ThreatLevel::Moderate,
            FindingCode::RiskAssessmentFactorNotConsidered,
            Severity::High,
            Basis::PolicyStatement,
            "informed by assessment of threat, likelihood and vulnerability",
            "the risk assessment did not have regard to the impact on the business or site",
        ),
        one(
            "a risk assessment not informed by threat",
            with(&|s| s.risk_assessment.as_mut().unwrap().threat = false),
            ThreatLevel::Moderate,
            FindingCode::RiskAssessmentFactorNotConsidered,
            Severity::High,
            Basis::PolicyStatement,
            "informed by assessment of threat, likelihood and vulnerability",
            "the risk assessment was not informed by an assessment of threat",
        ),
        one(
            "a risk assessment not informed by likelihood",
            with(&|s| s.risk_assessment.as_mut().unwrap().likelihood = false),
            ThreatLevel::Moderate,
            FindingCode::RiskAssessmentFactorNotConsidered,
            Severity::High,
            Basis::PolicyStatement,
            "informed by assessment of threat, likelihood and vulnerability",
            "the risk assessment was not informed by an assessment of likelihood",
        ),
        one(
            "a risk assessment not informed by vulnerability",
            with(&|s| s.risk_assessment.as_mut().unwrap().vulnerability = false),
            ThreatLevel::Moderate,
            FindingCode::RiskAssessmentFactorNotConsidered,
            Severity::High,
            Basis::PolicyStatement,
            "informed by assessment of threat, likelihood and vulnerability",
            "the risk assessment was not informed by an assessment of vulnerability",
        ),
        one(
            "a risk assessment that left out terrorist threats",
            with(&|s| s.risk_assessment.as_mut().unwrap().terrorist_threats = false),
            ThreatLevel::Moderate,
            FindingCode::RiskAssessmentThreatNotConsidered,
            Severity::Low,
            Basis::PolicyStatement,
            "normally include consideration of both terrorist and other threats",
            "the risk assessment did not consider terrorist threats, as it normally would",
        ),
        one(
            "a risk assessment that left out other threats",
            with(&|s| s.risk_assessment.as_mut().unwrap().other_threats = false),
            ThreatLevel::Moderate,
            FindingCode::RiskAssessmentThreatNotConsidered,
            Severity::Low,
            Basis::PolicyStatement,
            "normally include consideration of both terrorist and other threats",
            "the risk assessment did not consider threats other than terrorism, as it normally would",
        ),
        one(
            "nobody owns the baseline measures",
            with(&|s| s.risk_assessment.as_mut().unwrap().owners.baseline_measures = None),
            ThreatLevel::Moderate,
            FindingCode::ResponsibilityNotAllocated,
            Severity::Medium,
            Basis::ConfigurableDefault,
            "clear allocation of responsibility for implementation of baseline measures",
            "nobody is named as responsible for implementing the baseline measures",
        ),
        one(
            "a blank owner of crisis management",
            with(&|s| {
                s.risk_assessment.as_mut().unwrap().owners.crisis_management = Some("  ".into())
            }),
            ThreatLevel::Moderate,
            FindingCode::ResponsibilityNotAllocated,
            Severity::Medium,
            Basis::ConfigurableDefault,
            "crisis management and business continuity",
            "nobody is named as responsible for crisis management",
        ),
        one(
            "nobody owns business continuity",
            with(&|s| {
                s.risk_assessment
                    .as_mut()
                    .unwrap()
                    .owners
                    .business_continuity = None
            }),
            ThreatLevel::Moderate,
            FindingCode::ResponsibilityNotAllocated,
            Severity::Medium,
            Basis::ConfigurableDefault,
            "crisis management and business continuity",
            "nobody is named as responsible for business continuity",
        ),
        one(
            "no CT plan",
            with(&|s| s.ct_plan = None),
            ThreatLevel::Moderate,
            FindingCode::NoCtPlan,
            Severity::High,
            Basis::PolicyStatement,
            "risk assessment (all locations must have a local CT plan)",
            "the site has no local counter-terrorist plan; every site must have one",
        ),
        one(
            "plan does not vary by response level",
            with(&|s| s.ct_plan.as_mut().unwrap().varies_by_response_level = false),
            ThreatLevel::Moderate,
            FindingCode::CtPlanNotVaryingByResponseLevel,
            Severity::Medium,
            Basis::PolicyStatement,
            "risk assessment (the plan varies operational controls by response level)",
            "the CT plan does not say how operational controls vary with the response level",
        ),
        one(
            "moderate site without a threat assessment",
            with(&|s| s.threat_assessment = None),
            ThreatLevel::Moderate,
            FindingCode::ThreatAssessmentMissing,
            Severity::High,
            Basis::PolicyStatement,
            "risk assessment (moderate risk sites document the threat and its mitigation)",
            "a moderate tier site must document its threat assessment and how it is mitigated",
        ),
        one(
            "high site whose mitigation is not documented",
            with(&|s| {
                s.tier = SiteTier::High;
                s.ct_plan.as_mut().unwrap().last_tested = Some(day("2025-12-01"));
                s.threat_assessment = Some(ThreatAssessment {
                    threat_documented: true,
                    mitigation_documented: false,
                });
            }),
            ThreatLevel::Moderate,
            FindingCode::ThreatAssessmentMissing,
            Severity::High,
            Basis::ConfigurableDefault,
            "asked of high risk sites too: a default",
            "a high tier site must document its threat assessment and how it is mitigated",
        ),
        one(
            "risk assessment past its year",
            with(&|s| s.risk_assessed = Some(day("2025-06-14"))),
            ThreatLevel::Moderate,
            FindingCode::RiskAssessmentOverdue,
            Severity::High,
            Basis::ConfigurableDefault,
            "domain-facts gap 17 (annual physical-security risk assessment",
            "the physical-security risk assessment is overdue: last done 2025-06-14, it was needed by 2026-06-14",
        ),
        one(
            "risk assessment never done",
            with(&|s| s.risk_assessed = None),
            ThreatLevel::Moderate,
            FindingCode::RiskAssessmentOverdue,
            Severity::High,
            Basis::ConfigurableDefault,
            "domain-facts gap 17 (annual physical-security risk assessment",
            "the physical-security risk assessment has never been done",
        ),
        one(
            "risk assessment due today",
            with(&|s| s.risk_assessed = Some(day("2025-06-15"))),
            ThreatLevel::Moderate,
            FindingCode::RiskAssessmentDueSoon,
            Severity::Low,
            Basis::ConfigurableDefault,
            "domain-facts gap 17 (annual physical-security risk assessment",
            "the physical-security risk assessment is due: last done 2025-06-15, due on 2026-06-15",
        ),
        one(
            "risk assessment due within 90 days",
            with(&|s| s.risk_assessed = Some(day("2025-09-01"))),
            ThreatLevel::Moderate,
            FindingCode::RiskAssessmentDueSoon,
            Severity::Low,
            Basis::ConfigurableDefault,
            "domain-facts gap 2 (warning window)",
            "the physical-security risk assessment falls due on 2026-09-01 (last done 2025-09-01)",
        ),
        one(
            "CT plan never tested",
            with(&|s| tested(s, None)),
            ThreatLevel::Moderate,
            FindingCode::CtPlanNeverTested,
            Severity::High,
            Basis::PolicyStatement,
            "testing and exercising (medium risk: at least every two years)",
            "the CT-plan test has never been done",
        ),
        one(
            "CT-plan test due within 90 days",
            with(&|s| tested(s, Some("2024-08-01"))),
            ThreatLevel::Moderate,
            FindingCode::CtPlanTestDueSoon,
            Severity::Low,
            Basis::ConfigurableDefault,
            "domain-facts gap 2 (warning window)",
            "the CT-plan test falls due on 2026-08-01 (last done 2024-08-01)",
        ),
        one(
            "low site's CT-plan test due after three years",
            with(&|s| {
                s.tier = SiteTier::Low;
                tested(s, Some("2022-06-01"));
            }),
            ThreatLevel::Moderate,
            FindingCode::CtPlanTestDue,
            Severity::Medium,
            Basis::ConfigurableDefault,
            "testing and exercising (low risk: every 3-5 years)",
            "the CT-plan test is due: last done 2022-06-01, due on 2025-06-01",
        ),
        one(
            "moderate site's CT-plan test past two years",
            with(&|s| tested(s, Some("2024-06-14"))),
            ThreatLevel::Moderate,
            FindingCode::CtPlanTestOverdue,
            Severity::High,
            Basis::PolicyStatement,
            "testing and exercising (medium risk: at least every two years)",
            "the CT-plan test is overdue: last done 2024-06-14, it was needed by 2026-06-14",
        ),
        one(
            "high site's CT-plan test past a year",
            with(&|s| {
                s.tier = SiteTier::High;
                tested(s, Some("2025-06-14"));
            }),
            ThreatLevel::Moderate,
            FindingCode::CtPlanTestOverdue,
            Severity::High,
            Basis::ConfigurableDefault,
            "testing and exercising (silent on high risk); domain-facts gap 1",
            "the CT-plan test is overdue: last done 2025-06-14, it was needed by 2026-06-14",
        ),
        one(
            "tier assessed a year ago",
            with(&|s| s.tier_assessed = day("2025-06-15")),
            ThreatLevel::Moderate,
            FindingCode::TierReassessmentDue,
            Severity::Medium,
            Basis::ConfigurableDefault,
            "Physical Security Policy (annual risk assessment); domain-facts gap 4",
            "the tier re-assessment is due: last done 2025-06-15, due on 2026-06-15",
        ),
        one(
            "approved downward override",
            with(&|s| {
                s.response_override = Some(ResponseOverride {
                    level: ResponseLevel::Heightened,
                    approval: approval("DSO", "2026-05-01", "no public access"),
                });
            }),
            ThreatLevel::Critical,
            FindingCode::DownwardOverrideInForce,
            Severity::Medium,
            Basis::ConfigurableDefault,
            DOWNWARD,
            "the site operates at `heightened` below the mapped `exceptional` under an approval of 2026-05-01; confirm it still stands at threat level `critical`",
        ),
        one(
            "EXCEPTIONAL never reviewed",
            with(&|_| {}),
            ThreatLevel::Critical,
            FindingCode::ExceptionalReviewOverdue,
            Severity::High,
            Basis::ConfigurableDefault,
            EXCEPTIONAL,
            "EXCEPTIONAL is in force and no review is recorded",
        ),
        FindingCase {
            name: "everything wrong at once, most severe first",
            site: with(&|s| {
                s.ct_plan = None;
                s.threat_assessment = None;
                s.risk_assessed = None;
                s.tier_assessed = day("2024-01-01");
                s.response_override = Some(ResponseOverride {
                    level: ResponseLevel::Exceptional,
                    approval: None,
                });
            }),
            threat: ThreatLevel::Moderate,
            expected: vec![
                FindingCode::NoCtPlan,
                FindingCode::ThreatAssessmentMissing,
                FindingCode::RiskAssessmentOverdue,
                FindingCode::ExceptionalReviewOverdue,
                FindingCode::TierReassessmentDue,
            ],
            code: FindingCode::TierReassessmentDue,
            severity: Severity::Medium,
            basis: Basis::ConfigurableDefault,
            citation: "domain-facts gap 4",
            message: "the tier re-assessment is overdue: last done 2024-01-01, it was needed by 2025-01-01",
        },
    ]
}

#[test]
fn every_finding_code_is_produced_with_its_severity_basis_and_citation() {
    let engine = Engine::moj_default();
    let mut seen = BTreeSet::new();
    for case in finding_cases() {
        let s = status(&engine, &case.site, case.threat, AS_OF);
        assert_eq!(codes(&s), case.expected, "{}", case.name);
        let f = s.findings.iter().find(|f| f.code == case.code).unwrap();
        assert_eq!(f.severity, case.severity, "{}", case.name);
        assert_eq!(f.severity, case.code.severity(), "{}", case.name);
        assert_eq!(f.basis, case.basis, "{}", case.name);
        assert!(
            f.citation.as_str().contains(case.citation),
            "{}: {}",
            case.name,
            f.citation
        );
        assert_eq!(f.message, case.message, "{}", case.name);
        seen.extend(codes(&s));
    }
    assert_eq!(seen, FindingCode::ALL.into_iter().collect::<BTreeSet<_>>());
}

#[test]
fn finding_wire_names_and_severities() {
    let expected = [
        (FindingCode::NoCtPlan, "noCtPlan", Severity::High),
        (
            FindingCode::CtPlanNotVaryingByResponseLevel,
            "ctPlanNotVaryingByResponseLevel",
            Severity::Medium,
        ),
        (
            FindingCode::ThreatAssessmentMissing,
            "threatAssessmentMissing",
            Severity::High,
        ),
        (
            FindingCode::RiskAssessmentOverdue,
            "riskAssessmentOverdue",
            Severity::High,
        ),
        (
            FindingCode::RiskAssessmentDueSoon,
            "riskAssessmentDueSoon",
            Severity::Low,
        ),
        (
            FindingCode::CtPlanNeverTested,
            "ctPlanNeverTested",
            Severity::High,
        ),
        (
            FindingCode::CtPlanTestDueSoon,
            "ctPlanTestDueSoon",
            Severity::Low,
        ),
        (
            FindingCode::CtPlanTestDue,
            "ctPlanTestDue",
            Severity::Medium,
        ),
        (
            FindingCode::CtPlanTestOverdue,
            "ctPlanTestOverdue",
            Severity::High,
        ),
        (
            FindingCode::TierReassessmentDue,
            "tierReassessmentDue",
            Severity::Medium,
        ),
        (
            FindingCode::DownwardOverrideInForce,
            "downwardOverrideInForce",
            Severity::Medium,
        ),
        (
            FindingCode::ExceptionalReviewOverdue,
            "exceptionalReviewOverdue",
            Severity::High,
        ),
        (
            FindingCode::RequiredControlMissing,
            "requiredControlMissing",
            Severity::High,
        ),
        (
            FindingCode::RequiredControlUnverified,
            "requiredControlUnverified",
            Severity::Medium,
        ),
        (
            FindingCode::ControlsNotRecorded,
            "controlsNotRecorded",
            Severity::Medium,
        ),
        (
            FindingCode::RecommendedControlMissing,
            "recommendedControlMissing",
            Severity::Low,
        ),
        (
            FindingCode::RecommendedControlUnverified,
            "recommendedControlUnverified",
            Severity::Low,
        ),
        (
            FindingCode::EmergencyArrangementsNotRecorded,
            "emergencyArrangementsNotRecorded",
            Severity::High,
        ),
        (
            FindingCode::EmergencyArrangementsOutsideFireAndIncidentControl,
            "emergencyArrangementsOutsideFireAndIncidentControl",
            Severity::Low,
        ),
        (
            FindingCode::EmergencyArrangementsOutsideBusinessContinuity,
            "emergencyArrangementsOutsideBusinessContinuity",
            Severity::Low,
        ),
        (
            FindingCode::EmergencyServicesLiaisonMissing,
            "emergencyServicesLiaisonMissing",
            Severity::Medium,
        ),
        (
            FindingCode::StaffCommunicationsMissing,
            "staffCommunicationsMissing",
            Severity::Medium,
        ),
        (
            FindingCode::EmergencyArrangementsNotRehearsed,
            "emergencyArrangementsNotRehearsed",
            Severity::Medium,
        ),
        (
            FindingCode::RiskAssessmentContentNotRecorded,
            "riskAssessmentContentNotRecorded",
            Severity::Medium,
        ),
        (
            FindingCode::RiskAssessmentFactorNotConsidered,
            "riskAssessmentFactorNotConsidered",
            Severity::High,
        ),
        (
            FindingCode::RiskAssessmentThreatNotConsidered,
            "riskAssessmentThreatNotConsidered",
            Severity::Low,
        ),
        (
            FindingCode::ResponsibilityNotAllocated,
            "responsibilityNotAllocated",
            Severity::Medium,
        ),
    ];
    assert_eq!(
        expected.map(|(code, _, _)| code),
        FindingCode::ALL,
        "ALL is in declaration order"
    );
    for (code, wire, severity) in expected {
        assert_eq!(code.as_str(), wire);
        assert_eq!(serde_json::to_string(&code).unwrap(), format!("\"{wire}\""));
        assert_eq!(code.severity(), severity, "{wire}");
    }
}

#[test]
fn a_fully_compliant_site_has_no_findings() {
    let engine = Engine::moj_default();
    for threat in [ThreatLevel::Low, ThreatLevel::Severe] {
        let s = status(&engine, &compliant("OK"), threat, AS_OF);
        assert!(s.findings.is_empty(), "{threat}: {:?}", s.findings);
        assert_eq!(s.site_id, "OK");
        assert_eq!(s.as_of, day(AS_OF));
        assert_eq!(s.tier, SiteTier::Moderate);
        assert_eq!(s.schedules.ct_plan_test.status, ScheduleStatus::Ok);
        assert_eq!(s.schedules.risk_assessment.status, ScheduleStatus::Ok);
        assert_eq!(s.schedules.tier_reassessment.status, ScheduleStatus::Ok);
        assert_eq!(s.schedules.exceptional_review, None);
        assert_eq!(
            rule_ids(&s),
            [
                "site.threatMapping",
                "site.controls",
                "site.baseline",
                "site.threatAssessment",
                "site.riskAssessmentContent",
                "site.responsibilities",
                "site.emergencyArrangements",
                "site.emergencyRehearsal",
                "site.ctPlanTest",
                "site.riskAssessment",
                "site.tierReassessment",
            ]
        );
    }
    // A LOW site needs no threat assessment.
    let mut low = compliant("LOW");
    low.tier = SiteTier::Low;
    low.threat_assessment = None;
    let s = status(&engine, &low, ThreatLevel::Moderate, AS_OF);
    assert!(s.findings.is_empty(), "{:?}", s.findings);
    // An EXCEPTIONAL site reviewed yesterday.
    let s = status(
        &engine,
        &exceptional_site(Some("2026-06-14")),
        ThreatLevel::Critical,
        AS_OF,
    );
    assert!(s.findings.is_empty(), "{:?}", s.findings);
}

/// Each tier's threat-assessment obligation is explained with its own source:
/// the text asks it of moderate risk sites; LOW not asked and HIGH asked are
/// the document's defaults.
#[test]
fn the_threat_assessment_reason_cites_each_tiers_own_source() {
    let engine = Engine::moj_default();
    let cases = [
        (
            SiteTier::Low,
            false,
            Basis::ConfigurableDefault,
            "a low tier site need not document a threat assessment",
        ),
        (
            SiteTier::Moderate,
            true,
            Basis::PolicyStatement,
            "a moderate tier site must document its threat assessment and how it is mitigated; they are not both documented",
        ),
        (
            SiteTier::High,
            true,
            Basis::ConfigurableDefault,
            "a high tier site must document its threat assessment and how it is mitigated; they are not both documented",
        ),
    ];
    for (tier, required, basis, explanation) in cases {
        let mut site = compliant("TA");
        site.tier = tier;
        site.threat_assessment = Some(ThreatAssessment {
            threat_documented: true,
            mitigation_documented: false,
        });
        tested(&mut site, Some("2026-01-10"));
        let s = status(&engine, &site, ThreatLevel::Moderate, AS_OF);
        let reason = s
            .reasons
            .iter()
            .find(|r| r.rule_id() == "site.threatAssessment")
            .unwrap();
        assert_eq!(
            reason.step,
            SiteStep::ThreatAssessment {
                tier,
                required,
                documented: false
            }
        );
        assert_eq!(reason.basis, basis, "{tier}");
        let mut text = String::new();
        reason.step.explain(&mut text).unwrap();
        assert_eq!(text, explanation);
        let finding = s
            .findings
            .iter()
            .find(|f| f.code == FindingCode::ThreatAssessmentMissing);
        assert_eq!(finding.is_some(), required, "{tier}");
        if let Some(finding) = finding {
            // The finding rests on the same rule as the reason.
            assert_eq!(
                (finding.basis, &finding.citation),
                (reason.basis, &reason.citation)
            );
        }
    }
    let mut site = compliant("TA");
    site.tier = SiteTier::High;
    tested(&mut site, Some("2026-01-10"));
    let s = status(&engine, &site, ThreatLevel::Moderate, AS_OF);
    let reason = s
        .reasons
        .iter()
        .find(|r| r.rule_id() == "site.threatAssessment")
        .unwrap();
    assert!(reason.to_string().starts_with(
        "a high tier site must document its threat assessment and how it is mitigated; both are documented ["
    ));
}

/// A finding takes its basis and citation from the loaded policy's rule, not
/// from the MoJ default: an agency's variation and an agency's own statement
/// reach the answer as labelled, through the typed API and the JSON one.
#[test]
fn findings_repeat_the_basis_of_a_loaded_policys_rules() {
    let mut policy = Policy::moj_default();
    policy.id = "hmpps".into();
    let ct_plan_citation = policy
        .counter_terrorism
        .obligations
        .ct_plan
        .citation
        .clone();
    policy.counter_terrorism.obligations.ct_plan = Source {
        citation: ct_plan_citation,
        basis: Basis::AgencyVariation,
        variation: Some(StatementVariation {
            by: "Chief Executive, HMPPS".into(),
            role: VariationRole::AccountingOfficer,
            agreed_on: day("2026-04-01"),
            reason: "open prisons hold one regional plan".into(),
        }),
    };
    policy.counter_terrorism.exceptional_review.source =
        Source::statement("HMPPS CT instruction 5 (EXCEPTIONAL reviewed weekly)");
    let engine = load(&policy).unwrap();

    let mut site = compliant("AGENCY");
    site.ct_plan = None;
    let s = status(&engine, &site, ThreatLevel::Critical, AS_OF);
    let basis_of = |code| {
        let f = s.findings.iter().find(|f| f.code == code).unwrap();
        (f.basis, f.citation.as_str())
    };
    // A varied statement cites the variation and the statement it varies.
    const VARIED: &str = concat!(
        "agency variation agreed by Chief Executive, HMPPS (Accounting Officer) on 2026-04-01: ",
        "open prisons hold one regional plan; ",
        "varies Counter-Terrorist Protection Policy, risk assessment (all locations must have a local CT plan)"
    );
    assert_eq!(
        basis_of(FindingCode::NoCtPlan),
        (Basis::AgencyVariation, VARIED)
    );
    assert_eq!(
        basis_of(FindingCode::ExceptionalReviewOverdue),
        (
            Basis::PolicyStatement,
            "HMPPS CT instruction 5 (EXCEPTIONAL reviewed weekly)"
        )
    );
    // The MoJ default's labels for the same findings.
    let moj = status(&Engine::moj_default(), &site, ThreatLevel::Critical, AS_OF);
    let moj_basis = |code| moj.findings.iter().find(|f| f.code == code).unwrap().basis;
    assert_eq!(moj_basis(FindingCode::NoCtPlan), Basis::PolicyStatement);
    assert_eq!(
        moj_basis(FindingCode::ExceptionalReviewOverdue),
        Basis::ConfigurableDefault
    );

    // On the wire: `basis` sits between the message and the citation.
    let text = json::site_status(&engine, &request("critical", AS_OF, &site)).unwrap();
    assert!(
        text.contains(&format!(
            r#"{{"code":"noCtPlan","severity":"high","message":"the site has no local counter-terrorist plan; every site must have one","basis":"agencyVariation","citation":"{VARIED}"}}"#
        )),
        "{text}"
    );
    let answer: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(answer["policy"]["id"], "hmpps");
}

// ---------------------------------------------------------------------------
// The `medium` alias.
// ---------------------------------------------------------------------------

#[test]
fn medium_is_accepted_as_a_tier_and_written_as_moderate() {
    let engine = Engine::moj_default();
    let text = r#"{
        "asOf": "2026-06-15",
        "threatLevel": "moderate",
        "site": {
            "id": "MOJ-LDN-0001",
            "name": "102 Petty France",
            "businessArea": "MoJ HQ",
            "tier": "medium",
            "tierAssessed": "2026-02-10",
            "ctPlan": {"variesByResponseLevel": true, "lastTested": "2025-03-18"},
            "threatAssessment": {"threatDocumented": true, "mitigationDocumented": true},
            "riskAssessed": "2026-01-20"
        }
    }"#;
    let out = json::site_status(&engine, text).unwrap();
    assert!(out.contains(r#""tier":"moderate""#), "{out}");
    assert!(!out.contains(r#""tier":"medium""#), "{out}");
    let answer: SiteStatus = serde_json::from_str(&out).unwrap();
    assert_eq!(answer.tier, SiteTier::Moderate);
    // The record lists no controls in place, no emergency arrangements and
    // nothing of its risk assessment's content: that alone is found.
    assert_eq!(
        codes(&answer),
        [
            FindingCode::EmergencyArrangementsNotRecorded,
            FindingCode::ControlsNotRecorded,
            FindingCode::RiskAssessmentContentNotRecorded,
        ]
    );
    // The CT-plan rule is the MODERATE one, which the policy calls "medium".
    assert_eq!(
        answer.reasons[7].step,
        SiteStep::CtPlanTest {
            tier: SiteTier::Moderate,
            due_after_months: 24,
            overdue_after_months: 24,
            status: ScheduleStatus::Ok
        }
    );
    let site: Site =
        json::parse(r#"{"id":"a","name":"b","tier":"medium","tierAssessed":"2026-01-01"}"#)
            .unwrap();
    assert_eq!(site.tier, SiteTier::Moderate);
    assert_eq!(
        serde_json::to_string(&site).unwrap(),
        r#"{"id":"a","name":"b","tier":"moderate","tierAssessed":"2026-01-01"}"#
    );
}

// ---------------------------------------------------------------------------
// Schedules.
// ---------------------------------------------------------------------------

/// A site of `tier` whose CT plan was last tested on `last`, and whose other
/// dates are no later than `last`.
fn tested_site(tier: SiteTier, last: &str) -> Site {
    let mut site = compliant("SCH");
    site.tier = tier;
    site.tier_assessed = day(last);
    site.risk_assessed = Some(day(last));
    tested(&mut site, Some(last));
    if let Some(e) = &mut site.emergency_arrangements {
        e.last_rehearsed = Some(day(last));
    }
    for control in site.controls_in_place.iter_mut().flatten() {
        control.verified_on = day(last);
    }
    site
}

fn ct_schedule(engine: &Engine, tier: SiteTier, last: &str, as_of: &str) -> Schedule {
    status(
        engine,
        &tested_site(tier, last),
        ThreatLevel::Moderate,
        as_of,
    )
    .schedules
    .ct_plan_test
}

fn expect_schedule(
    engine: &Engine,
    tier: SiteTier,
    last: &str,
    dates: [&str; 3],
    statuses: &[(&str, ScheduleStatus)],
) {
    for (as_of, expected) in statuses {
        let s = ct_schedule(engine, tier, last, as_of);
        assert_eq!(
            s,
            Schedule {
                status: *expected,
                last_done: Some(day(last)),
                due_soon_from: Some(day(dates[0])),
                due_on: Some(day(dates[1])),
                overdue_after: Some(day(dates[2])),
            },
            "{tier} tested {last}, on {as_of}"
        );
    }
}

#[test]
fn moderate_ct_plan_test_is_due_on_the_day_and_overdue_the_day_after() {
    use ScheduleStatus::{Due, DueSoon, Ok, Overdue};
    let engine = Engine::moj_default();
    expect_schedule(
        &engine,
        SiteTier::Moderate,
        "2024-06-30",
        ["2026-04-01", "2026-06-30", "2026-06-30"],
        &[
            ("2024-06-30", Ok),
            ("2026-03-31", Ok),
            ("2026-04-01", DueSoon),
            ("2026-06-29", DueSoon),
            ("2026-06-30", Due),
            ("2026-07-01", Overdue),
            ("2030-01-01", Overdue),
        ],
    );
}

#[test]
fn low_ct_plan_test_is_due_at_three_years_and_overdue_after_five() {
    use ScheduleStatus::{Due, DueSoon, Ok, Overdue};
    let engine = Engine::moj_default();
    expect_schedule(
        &engine,
        SiteTier::Low,
        "2020-01-15",
        ["2022-10-17", "2023-01-15", "2025-01-15"],
        &[
            ("2022-10-16", Ok),
            ("2022-10-17", DueSoon),
            ("2023-01-14", DueSoon),
            ("2023-01-15", Due),
            ("2025-01-15", Due),
            ("2025-01-16", Overdue),
        ],
    );
}

#[test]
fn high_ct_plan_test_is_yearly() {
    use ScheduleStatus::{Due, DueSoon, Ok, Overdue};
    let engine = Engine::moj_default();
    expect_schedule(
        &engine,
        SiteTier::High,
        "2025-03-10",
        ["2025-12-10", "2026-03-10", "2026-03-10"],
        &[
            ("2025-12-09", Ok),
            ("2025-12-10", DueSoon),
            ("2026-03-10", Due),
            ("2026-03-11", Overdue),
        ],
    );
}

#[test]
fn a_test_on_29_february_falls_due_on_28_february() {
    use ScheduleStatus::{Due, DueSoon, Ok, Overdue};
    let engine = Engine::moj_default();
    expect_schedule(
        &engine,
        SiteTier::High,
        "2024-02-29",
        ["2024-11-30", "2025-02-28", "2025-02-28"],
        &[
            ("2024-11-29", Ok),
            ("2024-11-30", DueSoon),
            ("2025-02-27", DueSoon),
            ("2025-02-28", Due),
            ("2025-03-01", Overdue),
        ],
    );
    expect_schedule(
        &engine,
        SiteTier::Moderate,
        "2024-02-29",
        ["2025-11-30", "2026-02-28", "2026-02-28"],
        &[
            ("2025-11-30", DueSoon),
            ("2026-02-28", Due),
            ("2026-03-01", Overdue),
        ],
    );
    expect_schedule(
        &engine,
        SiteTier::Low,
        "2024-02-29",
        ["2026-11-30", "2027-02-28", "2029-02-28"],
        &[
            ("2026-11-29", Ok),
            ("2026-11-30", DueSoon),
            ("2027-02-28", Due),
            ("2029-02-28", Due),
            ("2029-03-01", Overdue),
        ],
    );
    // 48 months after a leap day is a leap day again.
    let s = Schedule::evaluate(
        Some(day("2024-02-29")),
        Interval {
            due_after_months: 48,
            overdue_after_months: 48,
        },
        90,
        day("2028-02-29"),
    );
    assert_eq!(s.due_on, Some(day("2028-02-29")));
    assert_eq!(s.due_soon_from, Some(day("2027-12-01")));
    assert_eq!(s.status, ScheduleStatus::Due);
    // The annual risk assessment and the tier re-assessment clamp the same way.
    let s = status(
        &engine,
        &tested_site(SiteTier::High, "2024-02-29"),
        ThreatLevel::Moderate,
        "2025-02-28",
    );
    for schedule in [s.schedules.risk_assessment, s.schedules.tier_reassessment] {
        assert_eq!(schedule.due_on, Some(day("2025-02-28")));
        assert_eq!(schedule.overdue_after, Some(day("2025-02-28")));
        assert_eq!(schedule.status, ScheduleStatus::Due);
    }
    assert_eq!(
        codes(&s),
        [
            FindingCode::CtPlanTestDue,
            FindingCode::TierReassessmentDue,
            // The rehearsal on 29 February falls due on 28 February too.
            FindingCode::EmergencyArrangementsNotRehearsed,
            FindingCode::RiskAssessmentDueSoon
        ]
    );
}

#[test]
fn a_test_on_a_31st_falls_due_on_the_target_months_last_day() {
    use ScheduleStatus::{Due, DueSoon, Ok};
    let engine = Engine::moj_default();
    // Whole years keep the day.
    expect_schedule(
        &engine,
        SiteTier::High,
        "2024-08-31",
        ["2025-06-02", "2025-08-31", "2025-08-31"],
        &[
            ("2025-06-01", Ok),
            ("2025-06-02", DueSoon),
            ("2025-08-31", Due),
        ],
    );
    expect_schedule(
        &engine,
        SiteTier::Moderate,
        "2024-12-31",
        ["2026-10-02", "2026-12-31", "2026-12-31"],
        &[("2026-10-01", Ok), ("2026-10-02", DueSoon)],
    );
    // A policy testing HIGH sites every 6 months clamps to shorter months.
    let mut policy = Policy::moj_default();
    let high = &mut policy.counter_terrorism.ct_plan_tests[2];
    assert_eq!(high.tier, SiteTier::High);
    high.due_after_months = 6;
    high.overdue_after_months = 6;
    let six = Engine::from_policy_json(&policy.to_json_pretty()).unwrap();
    for (last, due, soon) in [
        ("2024-08-31", "2025-02-28", "2024-11-30"),
        ("2023-08-31", "2024-02-29", "2023-12-01"),
        ("2024-03-31", "2024-09-30", "2024-07-02"),
        ("2024-12-31", "2025-06-30", "2025-04-01"),
        ("2025-05-31", "2025-11-30", "2025-09-01"),
    ] {
        expect_schedule(
            &six,
            SiteTier::High,
            last,
            [soon, due, due],
            &[(due, ScheduleStatus::Due)],
        );
        let next = day(due).days_after(1).unwrap().to_string();
        assert_eq!(
            ct_schedule(&six, SiteTier::High, last, &next).status,
            ScheduleStatus::Overdue,
            "{last}"
        );
    }
}

#[test]
fn schedule_dates_are_written_with_their_wire_names() {
    let engine = Engine::moj_default();
    let site = tested_site(SiteTier::Moderate, "2024-06-30");
    let out = json::site_status(&engine, &request("moderate", "2026-04-01", &site)).unwrap();
    let value: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        value["schedules"]["ctPlanTest"],
        json!({
            "status": "dueSoon",
            "lastDone": "2024-06-30",
            "dueSoonFrom": "2026-04-01",
            "dueOn": "2026-06-30",
            "overdueAfter": "2026-06-30",
        })
    );
    let mut never = site.clone();
    tested(&mut never, None);
    let out = json::site_status(&engine, &request("moderate", "2026-04-01", &never)).unwrap();
    let value: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        value["schedules"]["ctPlanTest"],
        json!({"status": "neverDone"})
    );
}

#[test]
fn due_soon_window_starts_exactly_ninety_days_before() {
    let engine = Engine::moj_default();
    // 2026-01-20 + 12 months = 2027-01-20; 90 days earlier is 2026-10-22.
    let mut site = compliant("W");
    site.risk_assessed = Some(day("2026-01-20"));
    let at = |as_of: &str| {
        status(&engine, &site, ThreatLevel::Moderate, as_of)
            .schedules
            .risk_assessment
    };
    assert_eq!(at("2026-10-21").status, ScheduleStatus::Ok);
    let first = at("2026-10-22");
    assert_eq!(first.status, ScheduleStatus::DueSoon);
    assert_eq!(first.due_soon_from, Some(day("2026-10-22")));
    assert_eq!(first.due_on, Some(day("2027-01-20")));
    assert_eq!(
        day("2026-10-22").days_after(90),
        Some(day("2027-01-20")),
        "the window is 90 days"
    );
}

// ---------------------------------------------------------------------------
// Controls.
// ---------------------------------------------------------------------------

#[test]
fn control_matrix_cells_in_catalogue_order() {
    let engine = Engine::moj_default();
    let cases: [(SiteTier, ThreatLevel, &[&str], &[&str]); 5] = [
        (
            SiteTier::Low,
            ThreatLevel::Low,
            &[
                "accessAndPassChecks",
                "staffBriefing",
                "evacuationReadiness",
                "emergencyResponsePlan",
            ],
            &["cctvMonitoring", "vettingChecks"],
        ),
        (
            SiteTier::Low,
            ThreatLevel::Critical,
            &[
                "cctvMonitoring",
                "vettingChecks",
                "accessAndPassChecks",
                "staffBriefing",
                "evacuationReadiness",
                "visitorRestrictions",
                "reactiveMeasures",
                "emergencyResponsePlan",
            ],
            &["patrols", "physicalStrengthening", "bagAndVehicleSearch"],
        ),
        (
            SiteTier::Moderate,
            ThreatLevel::Severe,
            &[
                "patrols",
                "cctvMonitoring",
                "vettingChecks",
                "accessAndPassChecks",
                "staffBriefing",
                "evacuationReadiness",
                "reactiveMeasures",
                "emergencyResponsePlan",
            ],
            &[
                "physicalStrengthening",
                "bagAndVehicleSearch",
                "visitorRestrictions",
            ],
        ),
        (
            SiteTier::High,
            ThreatLevel::Moderate,
            &[
                "patrols",
                "cctvMonitoring",
                "physicalStrengthening",
                "vettingChecks",
                "accessAndPassChecks",
                "staffBriefing",
                "evacuationReadiness",
                "emergencyResponsePlan",
            ],
            &["bagAndVehicleSearch", "visitorRestrictions"],
        ),
        (
            SiteTier::High,
            ThreatLevel::Critical,
            &[
                "patrols",
                "cctvMonitoring",
                "physicalStrengthening",
                "vettingChecks",
                "accessAndPassChecks",
                "bagAndVehicleSearch",
                "staffBriefing",
                "evacuationReadiness",
                "visitorRestrictions",
                "reactiveMeasures",
                "emergencyResponsePlan",
            ],
            &[],
        ),
    ];
    for (tier, threat, required, recommended) in cases {
        let mut site = compliant("C");
        site.tier = tier;
        site.exceptional_reviewed = Some(day(AS_OF));
        let s = status(&engine, &site, threat, AS_OF);
        assert_eq!(
            strings(&s.required_controls),
            ids(required),
            "{tier} {threat}"
        );
        assert_eq!(
            strings(&s.recommended_controls),
            ids(recommended),
            "{tier} {threat}"
        );
        let reason = s
            .reasons
            .iter()
            .find(|r| r.rule_id() == "site.controls")
            .unwrap();
        assert_eq!(
            reason.step,
            SiteStep::Controls {
                tier,
                response_level: s.response_level,
                required: u32::try_from(required.len()).unwrap(),
                recommended: u32::try_from(recommended.len()).unwrap(),
                illustrative: true,
            }
        );
        assert_eq!(
            reason.citation.as_str(),
            "illustrative: the MoJ Response Level Security Measures Policy is not public (domain-facts gap 9)"
        );
        assert_eq!(reason.basis, Basis::ConfigurableDefault);
        let text = reason.to_string();
        assert!(
            text.starts_with(&format!(
                "a {tier} tier site at {}: {} control(s) required, {} recommended (illustrative control matrix)",
                s.response_level,
                required.len(),
                recommended.len()
            )),
            "{text}"
        );
    }
}

#[test]
fn a_matrix_that_is_not_illustrative_says_nothing_about_it() {
    let mut policy = Policy::moj_default();
    policy.counter_terrorism.control_matrix.illustrative = false;
    let engine = Engine::from_policy_json(&policy.to_json_pretty()).unwrap();
    let s = status(&engine, &compliant("C"), ThreatLevel::Moderate, AS_OF);
    let reason = s
        .reasons
        .iter()
        .find(|r| r.rule_id() == "site.controls")
        .unwrap();
    assert!(matches!(
        reason.step,
        SiteStep::Controls {
            illustrative: false,
            ..
        }
    ));
    assert!(!reason.to_string().contains("(illustrative control matrix)"));
}

// ---------------------------------------------------------------------------
// Portfolio.
// ---------------------------------------------------------------------------

/// An estate with every list populated and ties on dates, in no useful order.
fn estate() -> Vec<Site> {
    let mut e5 = compliant("E-5");
    e5.response_override = Some(ResponseOverride {
        level: ResponseLevel::Exceptional,
        approval: None,
    });

    let mut a1 = compliant("A-1");
    tested(&mut a1, Some("2024-06-14"));
    a1.risk_assessed = None;
    a1.tier_assessed = day("2026-01-01");

    let mut c3 = compliant("C-3");
    c3.tier = SiteTier::Low;
    tested(&mut c3, Some("2022-06-01"));
    c3.risk_assessed = Some(day("2025-09-01"));
    c3.tier_assessed = day("2025-06-15");

    let mut a0 = compliant("A-0");
    a0.tier = SiteTier::High;
    a0.ct_plan = None;
    a0.risk_assessed = Some(day("2025-06-01"));
    a0.tier_assessed = day("2026-01-01");

    let mut d4 = compliant("D-4");
    d4.response_override = Some(ResponseOverride {
        level: ResponseLevel::Exceptional,
        approval: None,
    });
    d4.exceptional_reviewed = Some(day("2026-06-08"));
    tested(&mut d4, Some("2024-08-01"));

    // LOW: overdue five years after the test, two years after it fell due.
    let mut f6 = compliant("F-6");
    f6.tier = SiteTier::Low;
    tested(&mut f6, Some("2021-01-10"));

    vec![e5, a1, c3, compliant("B-2"), f6, a0, d4]
}

fn entry(date: Option<&str>, site: &str, obligation: Obligation) -> PortfolioEntry {
    PortfolioEntry {
        date: date.map(day),
        site_id: site.into(),
        obligation,
    }
}

#[test]
fn portfolio_counts_and_lists() {
    use Obligation::{CtPlanTest, ExceptionalReview, RiskAssessment, TierReassessment};
    let engine = Engine::moj_default();
    let report = engine.portfolio(&estate(), ThreatLevel::Moderate, day(AS_OF));
    assert_eq!(report.schema_version, 1);
    assert_eq!(&*report.policy.id, "moj-default");
    assert_eq!(report.as_of, day(AS_OF));
    assert_eq!(report.threat_level, ThreatLevel::Moderate);
    assert_eq!(report.sites, 7);
    let counts = report.counts;
    assert_eq!(
        counts.by_tier,
        TierCounts {
            low: 2,
            moderate: 4,
            high: 1
        }
    );
    assert_eq!(
        counts.by_response_level,
        ResponseLevelCounts {
            normal: 5,
            heightened: 0,
            exceptional: 2
        }
    );
    let tally = |ok, due_soon, due, overdue, never_done| ObligationCounts {
        ok,
        due_soon,
        due,
        overdue,
        never_done,
    };
    assert_eq!(counts.ct_plan_test, tally(2, 1, 1, 2, 1));
    assert_eq!(counts.risk_assessment, tally(4, 1, 0, 1, 1));
    assert_eq!(counts.tier_reassessment, tally(6, 0, 1, 0, 0));
    assert_eq!(counts.exceptional_review, tally(0, 0, 1, 0, 1));
    assert_eq!(counts.ct_plan_test.total(), 7);

    // Overdue entries carry the day the hard maximum passed (LOW: five years,
    // not the three after which the test fell due).
    assert_eq!(
        report.overdue,
        [
            entry(Some("2026-01-10"), "F-6", CtPlanTest),
            entry(Some("2026-06-01"), "A-0", RiskAssessment),
            entry(Some("2026-06-14"), "A-1", CtPlanTest),
        ]
    );
    assert_eq!(
        report.due,
        [
            entry(Some("2025-06-01"), "C-3", CtPlanTest),
            entry(Some("2026-06-15"), "C-3", TierReassessment),
            entry(Some("2026-06-15"), "D-4", ExceptionalReview),
        ]
    );
    assert_eq!(
        report.due_soon,
        [
            entry(Some("2026-08-01"), "D-4", CtPlanTest),
            entry(Some("2026-09-01"), "C-3", RiskAssessment),
        ]
    );
    assert_eq!(
        report.never_done,
        [
            entry(None, "A-0", CtPlanTest),
            entry(None, "A-1", RiskAssessment),
            entry(None, "E-5", ExceptionalReview),
        ]
    );
    assert!(report.rejected.is_empty());

    // Wire form of one entry: a date, the site and the obligation.
    let value = serde_json::to_value(&report).unwrap();
    assert_eq!(
        value["overdue"][1],
        json!({"date": "2026-06-01", "siteId": "A-0", "obligation": "riskAssessment"})
    );
    assert_eq!(
        value["neverDone"][2],
        json!({"siteId": "E-5", "obligation": "exceptionalReview"})
    );
    assert_eq!(value["sites"], 7);

    // The same day on the same id orders by obligation.
    let mut twins = compliant("T");
    twins.risk_assessed = Some(day("2025-06-15"));
    twins.tier_assessed = day("2025-06-15");
    let report = engine.portfolio(&[twins], ThreatLevel::Moderate, day(AS_OF));
    assert_eq!(
        report.due,
        [
            entry(Some("2026-06-15"), "T", RiskAssessment),
            entry(Some("2026-06-15"), "T", TierReassessment),
        ]
    );
}

#[test]
fn a_warning_window_reaching_before_year_one_still_warns() {
    // Through a policy with a 366-day window (the most it allows): the site
    // status says dueSoon, the portfolio counts the same site as ok.
    let mut policy = Policy::moj_default();
    policy.counter_terrorism.due_soon.days = 366;
    let engine = Engine::new(policy).unwrap();
    let site: Site =
        json::parse(r#"{"id":"A","name":"a","tier":"low","tierAssessed":"0001-01-02"}"#).unwrap();
    let alone = engine
        .site_status(&site, ThreatLevel::Low, day("0001-12-31"))
        .unwrap();
    assert_eq!(
        alone.schedules.tier_reassessment.status,
        ScheduleStatus::DueSoon
    );
    let report = engine.portfolio(&[site], ThreatLevel::Low, day("0001-12-31"));
    assert_eq!(report.counts.tier_reassessment.due_soon, 1);

    // The schedule itself: 366 days before 0002-01-01 is 0000-12-31, which the
    // library cannot represent, so the window is dropped.
    let window = Interval {
        due_after_months: 12,
        overdue_after_months: 12,
    };
    let early = Schedule::evaluate(Some(day("0001-01-01")), window, 366, day("0001-12-31"));
    let later = Schedule::evaluate(Some(day("0001-01-02")), window, 366, day("0001-12-31"));
    assert_eq!(later.status, ScheduleStatus::DueSoon);
    assert_eq!(early.status, ScheduleStatus::DueSoon, "{early:?}");
}

#[test]
fn an_empty_portfolio_counts_nothing() {
    let engine = Engine::moj_default();
    let report = engine.portfolio(&[], ThreatLevel::Critical, day(AS_OF));
    assert_eq!(report.sites, 0);
    assert_eq!(report.counts, spf_core::site::PortfolioCounts::default());
    assert!(report.overdue.is_empty() && report.never_done.is_empty());
}

/// A second site with an id already used is rejected at its `id`, whatever
/// else is wrong with it, and the first is assessed; without it the report is
/// the same as without the copy.
#[test]
fn portfolio_rejects_a_repeated_site_id_at_the_second_site() {
    let engine = Engine::moj_default();
    let good = estate();
    let mut sites = good.clone();
    let mut copy = good[0].clone();
    copy.name = "a different building under the same id".into();
    sites.insert(2, copy.clone());
    let mut late_copy = copy.clone();
    late_copy.tier_assessed = day("2026-07-01");
    sites.push(late_copy);
    let report = engine.portfolio(&sites, ThreatLevel::Severe, day(AS_OF));
    let rejected: Vec<(usize, ErrorCode, &str, &str)> = report
        .rejected
        .iter()
        .map(|r| {
            (
                r.index,
                r.error.code,
                r.error.path.as_str(),
                r.error.message.as_str(),
            )
        })
        .collect();
    let message = format!(
        "site id `{}` is used by an earlier site in the list",
        good[0].id
    );
    let last = sites.len() - 1;
    let last_path = format!("/sites/{last}/id");
    assert_eq!(
        rejected,
        [
            (
                2,
                ErrorCode::DuplicateEntry,
                "/sites/2/id",
                message.as_str()
            ),
            (
                last,
                ErrorCode::DuplicateEntry,
                last_path.as_str(),
                message.as_str()
            ),
        ]
    );
    let mut alone = engine.portfolio(&good, ThreatLevel::Severe, day(AS_OF));
    alone.rejected = report.rejected.clone();
    assert_eq!(report, alone);
    // The same through JSON.
    let text =
        serde_json::to_string(&json!({"asOf": AS_OF, "threatLevel": "severe", "sites": sites}))
            .unwrap();
    let out: spf_core::site::PortfolioReport =
        serde_json::from_str(&json::portfolio(&engine, &text).unwrap()).unwrap();
    assert_eq!(out, report);
}

#[test]
fn portfolio_json_rejects_bad_sites_and_assesses_the_rest() {
    let engine = Engine::moj_default();
    let good = estate();
    let mut late = compliant("LATE");
    late.tier_assessed = day("2026-07-01");
    let mut down = compliant("DOWN");
    down.response_override = Some(ResponseOverride {
        level: ResponseLevel::Normal,
        approval: None,
    });
    let mut unknown = serde_json::to_value(compliant("U")).unwrap();
    unknown["colour"] = json!("red");
    let mut sites: Vec<Value> = good
        .iter()
        .map(|s| serde_json::to_value(s).unwrap())
        .collect();
    sites.insert(
        1,
        json!({"id": 7, "name": "x", "tier": "low", "tierAssessed": "2026-01-01"}),
    );
    sites.insert(3, unknown);
    sites.insert(4, serde_json::to_value(&late).unwrap());
    sites.push(json!(42));
    sites.push(serde_json::to_value(&down).unwrap());
    sites.push(json!({"id": "N", "name": "n", "tier": "severe", "tierAssessed": "2026-01-01"}));
    sites.push(json!({"id": "D", "name": "d", "tier": "low", "tierAssessed": "2026-02-30"}));
    let text = serde_json::to_string(&json!({
        "asOf": AS_OF,
        "threatLevel": "severe",
        "sites": sites,
    }))
    .unwrap();
    let out = json::portfolio(&engine, &text).unwrap();
    let report: spf_core::site::PortfolioReport = serde_json::from_str(&out).unwrap();
    let rejected: Vec<(usize, ErrorCode, &str)> = report
        .rejected
        .iter()
        .map(|r| (r.index, r.error.code, r.error.path.as_str()))
        .collect();
    assert_eq!(
        rejected,
        [
            (1, ErrorCode::InvalidType, "/sites/1/id"),
            (3, ErrorCode::UnknownField, "/sites/3/colour"),
            (4, ErrorCode::DateOutOfOrder, "/sites/4/tierAssessed"),
            (10, ErrorCode::InvalidType, "/sites/10"),
            (
                11,
                ErrorCode::OverrideNotApproved,
                "/sites/11/responseOverride/approval"
            ),
            (12, ErrorCode::UnknownValue, "/sites/12/tier"),
            (13, ErrorCode::InvalidDate, "/sites/13/tierAssessed"),
        ]
    );
    assert_eq!(
        report.rejected[2].error.message,
        "the tier assessment date `2026-07-01` is after the assessment date `2026-06-15`"
    );
    assert_eq!(report.sites, 7);
    // The good sites are assessed exactly as on their own.
    let mut alone = engine.portfolio(&good, ThreatLevel::Severe, day(AS_OF));
    assert!(alone.rejected.is_empty());
    alone.rejected = report.rejected.clone();
    assert_eq!(report, alone);
    // Engine::portfolio rejects the assessable-but-invalid sites the same way.
    let direct = engine.portfolio(
        &[late, compliant("OK"), down],
        ThreatLevel::Severe,
        day(AS_OF),
    );
    assert_eq!(direct.sites, 1);
    let rejected: Vec<(usize, ErrorCode, &str)> = direct
        .rejected
        .iter()
        .map(|r| (r.index, r.error.code, r.error.path.as_str()))
        .collect();
    assert_eq!(
        rejected,
        [
            (0, ErrorCode::DateOutOfOrder, "/sites/0/tierAssessed"),
            (
                2,
                ErrorCode::OverrideNotApproved,
                "/sites/2/responseOverride/approval"
            ),
        ]
    );
}

#[test]
fn a_request_that_is_not_a_portfolio_is_an_error() {
    let engine = Engine::moj_default();
    for (text, code, path) in [
        ("", ErrorCode::EmptyInput, ""),
        ("[]", ErrorCode::InvalidType, ""),
        (
            r#"{"asOf":"2026-06-15","threatLevel":"low"}"#,
            ErrorCode::MissingField,
            "",
        ),
        (
            r#"{"asOf":"2026-06-15","threatLevel":"low","sites":{}}"#,
            ErrorCode::InvalidType,
            "/sites",
        ),
        (
            r#"{"sites":[],"threatLevel":"low","asOf":"2026-02-30"}"#,
            ErrorCode::InvalidDate,
            "/asOf",
        ),
        (
            r#"{"asOf":"2026-06-15","threatLevel":"low","sites":[],"site":[]}"#,
            ErrorCode::UnknownField,
            "/site",
        ),
        (
            r#"{"schemaVersion":3,"asOf":"2026-06-15","threatLevel":"low","sites":[]}"#,
            ErrorCode::UnsupportedSchemaVersion,
            "/schemaVersion",
        ),
        (
            r#"{"asOf":"2026-06-15","threatLevel":"low","sites":[{"id":"a",]}"#,
            ErrorCode::MalformedJson,
            "/sites/0",
        ),
    ] {
        let err = json::portfolio(&engine, text).unwrap_err();
        assert_eq!((err.code, err.path.as_str()), (code, path), "{text}: {err}");
    }
}

// ---------------------------------------------------------------------------
// Co-ordination.
// ---------------------------------------------------------------------------

fn coordinate(
    engine: &Engine,
    areas: &[&str],
    front_line: bool,
) -> Result<spf_core::coordination::CoordinationAnswer, spf_core::SpfError> {
    engine.coordinate(&CoordinationRequest {
        schema_version: None,
        business_areas_affected: ids(areas),
        front_line_services_significantly_affected: front_line,
    })
}

#[test]
fn one_business_area_coordinates_locally() {
    let engine = Engine::moj_default();
    let answer = coordinate(&engine, &["HMCTS"], false).unwrap();
    assert_eq!(answer.coordinator, Coordinator::Local);
    assert_eq!(answer.standing_arrangements, Coordinator::Local);
    assert_eq!(answer.business_areas, ["HMCTS"]);
    assert_eq!(answer.reasons.len(), 1);
    assert_eq!(
        answer.reasons[0].step,
        CoordinationStep::Local { business_areas: 1 }
    );
    assert_eq!(
        answer.reasons[0].citation.as_str(),
        "Counter-Terrorist Protection Policy, incident response"
    );
    assert_eq!(answer.reasons[0].basis, Basis::PolicyStatement);
    // The same name twice, in any case and spacing, is one area.
    let answer = coordinate(&engine, &["HMPPS", " hmpps ", "Hmpps"], false).unwrap();
    assert_eq!(answer.coordinator, Coordinator::Local);
    assert_eq!(answer.business_areas, ["HMPPS"]);
}

#[test]
fn two_business_areas_use_corporate_business_continuity() {
    let engine = Engine::moj_default();
    let answer = coordinate(&engine, &["HMPPS", "hmcts", " HMPPS"], false).unwrap();
    assert_eq!(answer.coordinator, Coordinator::CorporateBusinessContinuity);
    assert_eq!(
        answer.standing_arrangements,
        Coordinator::CorporateBusinessContinuity
    );
    assert_eq!(answer.business_areas, ["HMPPS", "hmcts"]);
    assert_eq!(
        answer.reasons[0].step,
        CoordinationStep::Corporate { business_areas: 2 }
    );
    assert_eq!(
        answer.reasons[0].citation.as_str(),
        "Counter-Terrorist Protection Policy, co-ordination (events affecting more than one business area)"
    );
    let out = json::coordinate(
        &engine,
        r#"{"businessAreasAffected":["LAA","OPG","LAA"],"frontLineServicesSignificantlyAffected":false}"#,
    )
    .unwrap();
    let value: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["coordinator"], "corporateBusinessContinuity");
    assert_eq!(value["businessAreas"], json!(["LAA", "OPG"]));
    assert_eq!(value["reasons"][0]["rule"], "coordination.corporate");
    assert_eq!(value["reasons"][0]["facts"], json!({"businessAreas": 2}));
}

#[test]
fn front_line_services_significantly_affected_bring_in_gold() {
    let engine = Engine::moj_default();
    for (areas, standing) in [
        (&["HMCTS"][..], Coordinator::Local),
        (
            &["HMCTS", "HMPPS"][..],
            Coordinator::CorporateBusinessContinuity,
        ),
    ] {
        let answer = coordinate(&engine, areas, true).unwrap();
        assert_eq!(answer.coordinator, Coordinator::StrategicCoordinationGroup);
        assert_eq!(answer.standing_arrangements, standing);
        assert_eq!(answer.reasons.len(), 2);
        assert_eq!(answer.reasons[1].step, CoordinationStep::Strategic);
        assert_eq!(
            answer.reasons[1].citation.as_str(),
            "Counter-Terrorist Protection Policy, co-ordination (significant effect on courts, tribunals, prisons)"
        );
        assert!(
            answer.reasons[1]
                .to_string()
                .contains("NOMS Gold Commander")
        );
    }
    let out = json::coordinate(
        &engine,
        r#"{"businessAreasAffected":["HMCTS"],"frontLineServicesSignificantlyAffected":true}"#,
    )
    .unwrap();
    let value: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["coordinator"], "strategicCoordinationGroup");
    assert_eq!(value["standingArrangements"], "local");
    assert_eq!(
        value["reasons"][1],
        json!({
            "rule": "coordination.strategic",
            "basis": "policyStatement",
            "citation": "Counter-Terrorist Protection Policy, co-ordination (significant effect on courts, tribunals, prisons)",
            "explanation": "front-line services (courts, tribunals, prisons) are significantly affected: the Strategic Co-ordination Group (Gold), chaired by the NOMS Gold Commander, may take the co-ordination role",
        })
    );
}

#[test]
fn coordination_needs_at_least_one_named_area() {
    let engine = Engine::moj_default();
    let err = coordinate(&engine, &[], true).unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        (ErrorCode::InvalidType, "/businessAreasAffected")
    );
    let err = coordinate(&engine, &["HMCTS", "  "], false).unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        (ErrorCode::InvalidType, "/businessAreasAffected/1")
    );
    for (text, code, path) in [
        (
            r#"{"businessAreasAffected":[],"frontLineServicesSignificantlyAffected":false}"#,
            ErrorCode::InvalidType,
            "/businessAreasAffected",
        ),
        (
            r#"{"businessAreasAffected":["A"]}"#,
            ErrorCode::MissingField,
            "",
        ),
        (
            r#"{"businessAreasAffected":"A","frontLineServicesSignificantlyAffected":false}"#,
            ErrorCode::InvalidType,
            "/businessAreasAffected",
        ),
        (
            r#"{"businessAreasAffected":["A"],"frontLineServicesSignificantlyAffected":false,"gold":true}"#,
            ErrorCode::UnknownField,
            "/gold",
        ),
        (
            r#"{"schemaVersion":0,"businessAreasAffected":["A"],"frontLineServicesSignificantlyAffected":false}"#,
            ErrorCode::UnsupportedSchemaVersion,
            "/schemaVersion",
        ),
    ] {
        let err = json::coordinate(&engine, text).unwrap_err();
        assert_eq!((err.code, err.path.as_str()), (code, path), "{text}: {err}");
    }
}

// ---------------------------------------------------------------------------
// Policy documents the validator rejects.
// ---------------------------------------------------------------------------

fn load(policy: &Policy) -> Result<Engine, PolicyErrors> {
    Engine::from_policy_json(&policy.to_json_pretty())
}

fn rejected(policy: &Policy) -> Vec<(ErrorCode, String)> {
    load(policy)
        .unwrap_err()
        .iter()
        .map(|e| (e.code, e.path.clone()))
        .collect()
}

fn cell_index(policy: &Policy, tier: SiteTier, level: ResponseLevel) -> usize {
    policy
        .counter_terrorism
        .control_matrix
        .cells
        .iter()
        .position(|c| c.tier == tier && c.response_level == level)
        .unwrap()
}

#[test]
fn the_default_policy_loads_back() {
    let policy = Policy::moj_default();
    let engine = load(&policy).unwrap();
    assert_eq!(engine.policy(), &policy);
    assert_eq!(policy.counter_terrorism.control_matrix.cells.len(), 9);
}

#[test]
fn a_control_dropped_at_a_higher_tier_is_not_monotone() {
    let mut policy = Policy::moj_default();
    let i = cell_index(&policy, SiteTier::High, ResponseLevel::Normal);
    assert_eq!(i, 6);
    let cell = &mut policy.counter_terrorism.control_matrix.cells[i];
    cell.required.retain(|c| c != "cctvMonitoring");
    assert_eq!(
        rejected(&policy),
        [(
            ErrorCode::PolicyNotMonotone,
            "/counterTerrorism/controlMatrix/cells/6".to_owned()
        )]
    );
    let errors = load(&policy).unwrap_err();
    assert_eq!(
        errors.first().message,
        "control `cctvMonitoring` is not required for tier `high` at `normal` but required for tier `moderate` at `normal`; requirements must not shrink as the tier or response level rises"
    );
    // Demoting it to recommended is still a shrink.
    policy.counter_terrorism.control_matrix.cells[i]
        .recommended
        .push("cctvMonitoring".into());
    assert_eq!(
        rejected(&policy),
        [(
            ErrorCode::PolicyNotMonotone,
            "/counterTerrorism/controlMatrix/cells/6".to_owned()
        )]
    );
}

#[test]
fn a_control_dropped_at_a_higher_response_level_is_not_monotone() {
    let mut policy = Policy::moj_default();
    let i = cell_index(&policy, SiteTier::Low, ResponseLevel::Exceptional);
    assert_eq!(i, 2);
    policy.counter_terrorism.control_matrix.cells[i]
        .required
        .retain(|c| c != "reactiveMeasures");
    // LOW at HEIGHTENED requires it; so does MODERATE at EXCEPTIONAL, which
    // stays above LOW at EXCEPTIONAL whatever LOW requires.
    assert_eq!(
        rejected(&policy),
        [(
            ErrorCode::PolicyNotMonotone,
            "/counterTerrorism/controlMatrix/cells/2".to_owned()
        )]
    );
    // Reordering the cells moves the path with the cell.
    policy.counter_terrorism.control_matrix.cells.swap(2, 7);
    assert_eq!(
        rejected(&policy),
        [(
            ErrorCode::PolicyNotMonotone,
            "/counterTerrorism/controlMatrix/cells/7".to_owned()
        )]
    );
}

#[test]
fn an_unknown_control_in_a_cell_is_rejected() {
    let mut policy = Policy::moj_default();
    let cell = &mut policy.counter_terrorism.control_matrix.cells[0];
    assert_eq!(cell.required.len(), 4);
    cell.required.push("laserGrid".into());
    assert_eq!(
        rejected(&policy),
        [(
            ErrorCode::PolicyUnknownControl,
            "/counterTerrorism/controlMatrix/cells/0/required/4".to_owned()
        )]
    );
    let mut policy = Policy::moj_default();
    policy.counter_terrorism.control_matrix.cells[5]
        .recommended
        .insert(0, "moat".into());
    assert_eq!(
        rejected(&policy),
        [(
            ErrorCode::PolicyUnknownControl,
            "/counterTerrorism/controlMatrix/cells/5/recommended/0".to_owned()
        )]
    );
}

#[test]
fn a_missing_cell_is_incomplete() {
    let mut policy = Policy::moj_default();
    policy.counter_terrorism.control_matrix.cells.remove(8);
    assert_eq!(
        rejected(&policy),
        [(
            ErrorCode::PolicyIncomplete,
            "/counterTerrorism/controlMatrix/cells".to_owned()
        )]
    );
    assert_eq!(
        load(&policy).unwrap_err().first().message,
        "the matrix has no cell for tier `high` at `exceptional`"
    );
}

#[test]
fn a_duplicate_cell_is_rejected() {
    let mut policy = Policy::moj_default();
    let copy = policy.counter_terrorism.control_matrix.cells[4].clone();
    policy.counter_terrorism.control_matrix.cells.push(copy);
    assert_eq!(
        rejected(&policy),
        [(
            ErrorCode::PolicyDuplicateEntry,
            "/counterTerrorism/controlMatrix/cells/9".to_owned()
        )]
    );
}

#[test]
fn a_threat_mapping_that_goes_down_is_not_monotone() {
    let mut policy = Policy::moj_default();
    let critical = &mut policy.counter_terrorism.threat_levels[4];
    assert_eq!(critical.threat_level, ThreatLevel::Critical);
    critical.response_level = ResponseLevel::Normal;
    assert_eq!(
        rejected(&policy),
        [(
            ErrorCode::PolicyNotMonotone,
            "/counterTerrorism/threatLevels/4/responseLevel".to_owned()
        )]
    );
    let mut policy = Policy::moj_default();
    policy.counter_terrorism.threat_levels[2].response_level = ResponseLevel::Normal;
    policy.counter_terrorism.threat_levels[1].response_level = ResponseLevel::Heightened;
    assert_eq!(
        rejected(&policy),
        [(
            ErrorCode::PolicyNotMonotone,
            "/counterTerrorism/threatLevels/2/responseLevel".to_owned()
        )]
    );
    // Raising a level (still monotone) is accepted and used.
    let mut policy = Policy::moj_default();
    policy.counter_terrorism.threat_levels[1].response_level = ResponseLevel::Heightened;
    let engine = load(&policy).unwrap();
    assert_eq!(
        engine.response_level_for(ThreatLevel::Moderate),
        ResponseLevel::Heightened
    );
    assert_eq!(
        engine.response_level_for(ThreatLevel::Low),
        ResponseLevel::Normal
    );
}

#[test]
fn a_missing_or_repeated_threat_level_is_rejected() {
    let mut policy = Policy::moj_default();
    policy.counter_terrorism.threat_levels.remove(3);
    assert_eq!(
        rejected(&policy),
        [(
            ErrorCode::PolicyIncomplete,
            "/counterTerrorism/threatLevels".to_owned()
        )]
    );
    let mut policy = Policy::moj_default();
    let copy = policy.counter_terrorism.threat_levels[0].clone();
    policy.counter_terrorism.threat_levels.push(copy);
    assert_eq!(
        rejected(&policy),
        [(
            ErrorCode::PolicyDuplicateEntry,
            "/counterTerrorism/threatLevels/5/threatLevel".to_owned()
        )]
    );
}

#[test]
fn high_tested_less_often_than_moderate_is_not_monotone() {
    let mut policy = Policy::moj_default();
    let high = &mut policy.counter_terrorism.ct_plan_tests[2];
    assert_eq!(high.tier, SiteTier::High);
    high.due_after_months = 36;
    high.overdue_after_months = 36;
    // Each interval that is longer than MODERATE's is pointed at.
    assert_eq!(
        rejected(&policy),
        [
            (
                ErrorCode::PolicyNotMonotone,
                "/counterTerrorism/ctPlanTests/2/dueAfterMonths".to_owned()
            ),
            (
                ErrorCode::PolicyNotMonotone,
                "/counterTerrorism/ctPlanTests/2/overdueAfterMonths".to_owned()
            )
        ]
    );
    // Only the hard maximum longer than MODERATE's: still less often.
    let mut policy = Policy::moj_default();
    policy.counter_terrorism.ct_plan_tests[2].overdue_after_months = 25;
    assert_eq!(
        rejected(&policy),
        [(
            ErrorCode::PolicyNotMonotone,
            "/counterTerrorism/ctPlanTests/2/overdueAfterMonths".to_owned()
        )]
    );
    // Overdue before due.
    let mut policy = Policy::moj_default();
    policy.counter_terrorism.ct_plan_tests[0].overdue_after_months = 30;
    assert_eq!(
        rejected(&policy),
        [(
            ErrorCode::PolicyNotMonotone,
            "/counterTerrorism/ctPlanTests/0/overdueAfterMonths".to_owned()
        )]
    );
    // An interval out of range is pointed at where it is written.
    let mut policy = Policy::moj_default();
    policy.counter_terrorism.ct_plan_tests[0].overdue_after_months = 241;
    let errors = load(&policy).unwrap_err();
    assert_eq!(
        errors
            .iter()
            .map(|e| (e.code, e.path.clone()))
            .collect::<Vec<_>>(),
        [(
            ErrorCode::PolicyInvalidValue,
            "/counterTerrorism/ctPlanTests/0/overdueAfterMonths".to_owned()
        )]
    );
    assert_eq!(
        errors.first().message,
        "a CT-plan test overdue after 241 months is outside 1 to 240"
    );
    let mut policy = Policy::moj_default();
    policy.counter_terrorism.ct_plan_tests[0].due_after_months = 241;
    policy.counter_terrorism.ct_plan_tests[0].overdue_after_months = 241;
    assert_eq!(
        rejected(&policy),
        [
            (
                ErrorCode::PolicyInvalidValue,
                "/counterTerrorism/ctPlanTests/0/dueAfterMonths".to_owned()
            ),
            (
                ErrorCode::PolicyInvalidValue,
                "/counterTerrorism/ctPlanTests/0/overdueAfterMonths".to_owned()
            )
        ]
    );
    // As often as MODERATE is fine.
    let mut policy = Policy::moj_default();
    policy.counter_terrorism.ct_plan_tests[2].due_after_months = 24;
    policy.counter_terrorism.ct_plan_tests[2].overdue_after_months = 24;
    assert!(load(&policy).is_ok());
}

#[test]
fn a_duplicate_control_id_is_rejected() {
    let mut policy = Policy::moj_default();
    let copy = policy.counter_terrorism.controls[3].clone();
    policy.counter_terrorism.controls.push(copy);
    assert_eq!(
        rejected(&policy),
        [(
            ErrorCode::PolicyDuplicateEntry,
            "/counterTerrorism/controls/11/id".to_owned()
        )]
    );
    // A control listed twice in one cell.
    let mut policy = Policy::moj_default();
    policy.counter_terrorism.control_matrix.cells[0]
        .required
        .push("staffBriefing".into());
    assert_eq!(
        rejected(&policy),
        [(
            ErrorCode::PolicyDuplicateEntry,
            "/counterTerrorism/controlMatrix/cells/0/required/4".to_owned()
        )]
    );
    // Both required and recommended.
    let mut policy = Policy::moj_default();
    policy.counter_terrorism.control_matrix.cells[0]
        .recommended
        .push("staffBriefing".into());
    assert_eq!(
        rejected(&policy),
        [(
            ErrorCode::PolicyInvalidValue,
            "/counterTerrorism/controlMatrix/cells/0/recommended/2".to_owned()
        )]
    );
}

/// A policy field's pointer and how to put it out of range.
type OutOfRange = (&'static str, fn(&mut Policy));

#[test]
fn out_of_range_counter_terrorism_values_are_rejected() {
    let cases: [OutOfRange; 5] = [
        ("/counterTerrorism/exceptionalReview/days", |p| {
            p.counter_terrorism.exceptional_review.days = 0;
        }),
        ("/counterTerrorism/dueSoon/days", |p| {
            p.counter_terrorism.due_soon.days = 367;
        }),
        ("/counterTerrorism/riskAssessment/months", |p| {
            p.counter_terrorism.risk_assessment.months = 0;
        }),
        ("/counterTerrorism/tierReassessment/months", |p| {
            p.counter_terrorism.tier_reassessment.months = 121;
        }),
        ("/counterTerrorism/controlMatrix/source/citation", |p| {
            p.counter_terrorism.control_matrix.source.citation = spf_core::Citation::new(" ");
        }),
    ];
    for (path, change) in cases {
        let mut policy = Policy::moj_default();
        change(&mut policy);
        assert_eq!(
            rejected(&policy),
            [(ErrorCode::PolicyInvalidValue, path.to_owned())],
            "{path}"
        );
    }
}

#[test]
fn threat_assessment_entries_cover_each_tier_once_and_never_shrink() {
    let index = |policy: &Policy, tier: SiteTier| {
        policy
            .counter_terrorism
            .obligations
            .threat_assessment
            .iter()
            .position(|r| r.tier == tier)
            .unwrap()
    };
    let mut policy = Policy::moj_default();
    let low = index(&policy, SiteTier::Low);
    policy
        .counter_terrorism
        .obligations
        .threat_assessment
        .remove(low);
    assert_eq!(
        rejected(&policy),
        [(
            ErrorCode::PolicyIncomplete,
            "/counterTerrorism/obligations/threatAssessment".into()
        )]
    );

    let mut policy = Policy::moj_default();
    let again = policy.counter_terrorism.obligations.threat_assessment[low].clone();
    policy
        .counter_terrorism
        .obligations
        .threat_assessment
        .push(again);
    assert_eq!(
        rejected(&policy),
        [(
            ErrorCode::PolicyDuplicateEntry,
            "/counterTerrorism/obligations/threatAssessment/3/tier".into()
        )]
    );

    // HIGH asked less than MODERATE: requirements would shrink as the tier rises.
    let mut policy = Policy::moj_default();
    let high = index(&policy, SiteTier::High);
    policy.counter_terrorism.obligations.threat_assessment[high].required = false;
    assert_eq!(
        rejected(&policy),
        [(
            ErrorCode::PolicyNotMonotone,
            format!("/counterTerrorism/obligations/threatAssessment/{high}/required")
        )]
    );

    // Asking it of LOW sites too tightens the document and loads.
    let mut policy = Policy::moj_default();
    policy.counter_terrorism.obligations.threat_assessment[low].required = true;
    let engine = load(&policy).unwrap();
    let mut site = compliant("LOW");
    site.tier = SiteTier::Low;
    site.threat_assessment = None;
    let s = status(&engine, &site, ThreatLevel::Moderate, AS_OF);
    assert_eq!(codes(&s), [FindingCode::ThreatAssessmentMissing]);
}

/// The annual risk assessment is not in the corporate security policy, so the
/// document's twelve months is a default an agency may change without a
/// variation, and its findings say so.
#[test]
fn the_annual_risk_assessment_is_a_default() {
    let policy = Policy::moj_default();
    let rule = &policy.counter_terrorism.risk_assessment;
    assert_eq!(rule.months, 12);
    assert_eq!(rule.source.basis, Basis::ConfigurableDefault);
    assert!(
        rule.source
            .citation
            .as_str()
            .starts_with("domain-facts gap 17"),
        "{}",
        rule.source.citation
    );
    let mut longer = policy.clone();
    longer.counter_terrorism.risk_assessment.months = 24;
    let engine = load(&longer).unwrap();
    let mut site = compliant("RISK");
    site.risk_assessed = Some(day("2025-01-10"));
    assert!(
        status(&engine, &site, ThreatLevel::Moderate, AS_OF)
            .findings
            .is_empty()
    );
    let s = status(&Engine::moj_default(), &site, ThreatLevel::Moderate, AS_OF);
    assert_eq!(codes(&s), [FindingCode::RiskAssessmentOverdue]);
    assert_eq!(s.findings[0].basis, Basis::ConfigurableDefault);
}

// ---------------------------------------------------------------------------
// Bad site requests.
// ---------------------------------------------------------------------------

#[test]
fn bad_site_requests_get_their_code_and_path() {
    let engine = Engine::moj_default();
    let site = |fields: &str| {
        format!(
            r#"{{"asOf":"2026-06-15","threatLevel":"low","site":{{"id":"S","name":"n","tier":"low","tierAssessed":"2026-01-01"{fields}}}}}"#
        )
    };
    let cases: Vec<(&str, String, ErrorCode, &str)> = vec![
        (
            "unknown field in the site",
            site(r#","colour":"red""#),
            ErrorCode::UnknownField,
            "/site/colour",
        ),
        (
            "unknown field in the CT plan",
            site(r#","ctPlan":{"variesByResponseLevel":true,"tested":"2025-01-01"}"#),
            ErrorCode::UnknownField,
            "/site/ctPlan/tested",
        ),
        (
            "unknown field in the request",
            r#"{"asOf":"2026-06-15","threatLevel":"low","region":"ni","site":{}}"#.to_owned(),
            ErrorCode::UnknownField,
            "/region",
        ),
        (
            "unknown tier",
            site("").replace(r#""tier":"low""#, r#""tier":"severe""#),
            ErrorCode::UnknownValue,
            "/site/tier",
        ),
        (
            "unknown threat level",
            site("").replace(r#""threatLevel":"low""#, r#""threatLevel":"elevated""#),
            ErrorCode::UnknownValue,
            "/threatLevel",
        ),
        (
            "unknown override level",
            site(r#","responseOverride":{"level":"maximum"}"#),
            ErrorCode::UnknownValue,
            "/site/responseOverride/level",
        ),
        (
            "impossible tier date",
            site("").replace("2026-01-01", "2025-02-29"),
            ErrorCode::InvalidDate,
            "/site/tierAssessed",
        ),
        (
            "impossible test date",
            site(r#","ctPlan":{"variesByResponseLevel":true,"lastTested":"2025-04-31"}"#),
            ErrorCode::InvalidDate,
            "/site/ctPlan/lastTested",
        ),
        (
            "impossible as-of date",
            site("").replace("2026-06-15", "2026-13-01"),
            ErrorCode::InvalidDate,
            "/asOf",
        ),
        (
            "date in another format",
            site(r#","riskAssessed":"15/06/2026""#),
            ErrorCode::InvalidDate,
            "/site/riskAssessed",
        ),
        (
            "missing tier date",
            site("").replace(r#","tierAssessed":"2026-01-01""#, ""),
            ErrorCode::MissingField,
            "/site",
        ),
        (
            "boolean as a string",
            site(r#","ctPlan":{"variesByResponseLevel":"yes"}"#),
            ErrorCode::InvalidType,
            "/site/ctPlan/variesByResponseLevel",
        ),
        (
            "duplicate field",
            site(r#","name":"again""#),
            ErrorCode::DuplicateField,
            "/site/name",
        ),
        (
            "tier assessed after as-of",
            site("").replace("2026-01-01", "2026-06-16"),
            ErrorCode::DateOutOfOrder,
            "/site/tierAssessed",
        ),
        (
            "risk assessed after as-of",
            site(r#","riskAssessed":"2026-07-01""#),
            ErrorCode::DateOutOfOrder,
            "/site/riskAssessed",
        ),
        (
            "CT plan tested after as-of",
            site(r#","ctPlan":{"variesByResponseLevel":true,"lastTested":"2027-01-01"}"#),
            ErrorCode::DateOutOfOrder,
            "/site/ctPlan/lastTested",
        ),
        (
            "EXCEPTIONAL reviewed after as-of",
            site(r#","exceptionalReviewed":"2026-06-16""#),
            ErrorCode::DateOutOfOrder,
            "/site/exceptionalReviewed",
        ),
        (
            "unsupported schema version",
            site("").replacen('{', r#"{"schemaVersion":2,"#, 1),
            ErrorCode::UnsupportedSchemaVersion,
            "/schemaVersion",
        ),
        ("empty", String::new(), ErrorCode::EmptyInput, ""),
        (
            "truncated",
            site("")[..40].to_owned(),
            ErrorCode::MalformedJson,
            "",
        ),
    ];
    for (name, text, code, path) in cases {
        let err = json::site_status(&engine, &text).unwrap_err();
        assert_eq!((err.code, err.path.as_str()), (code, path), "{name}: {err}");
        assert!(!err.message.is_empty());
    }
    // The base request itself is fine.
    assert!(json::site_status(&engine, &site("")).is_ok());
    // A tier in capitals is the same tier (the wire format reads enum values
    // in any case and writes them in camelCase).
    assert_eq!(
        json::site_status(
            &engine,
            &site("").replace(r#""tier":"low""#, r#""tier":"LOW""#)
        )
        .unwrap(),
        json::site_status(&engine, &site("")).unwrap()
    );
}

/// The baseline step joins the duty to check (a statement) to the matrix and
/// the period a check lasts (defaults): compared, it is a default and cites
/// all three; with no controls recorded it rests on the duty alone; and an
/// agency's variation of the duty shows through.
#[test]
fn the_baseline_reason_is_no_stronger_than_what_it_rests_on() {
    let engine = Engine::moj_default();
    let baseline_of = |s: &SiteStatus| {
        s.reasons
            .iter()
            .find(|r| r.rule_id() == "site.baseline")
            .cloned()
            .unwrap()
    };
    let compared = baseline_of(&status(
        &engine,
        &compliant("B"),
        ThreatLevel::Moderate,
        AS_OF,
    ));
    assert_eq!(compared.basis, Basis::ConfigurableDefault);
    let citation = compared.citation.to_string();
    for part in [
        "checking compliance with baseline standards",
        "illustrative",
        "verified for 12 months",
    ] {
        assert!(citation.contains(part), "{citation}");
    }
    let mut unrecorded = compliant("N");
    unrecorded.controls_in_place = None;
    let alone = baseline_of(&status(&engine, &unrecorded, ThreatLevel::Moderate, AS_OF));
    assert_eq!(alone.basis, Basis::PolicyStatement);
    assert!(!alone.citation.to_string().contains("illustrative"));

    let mut policy = Policy::moj_default();
    policy.id = "hmpps".into();
    policy.counter_terrorism.baseline.checking.basis = Basis::AgencyVariation;
    policy.counter_terrorism.baseline.checking.variation = Some(StatementVariation {
        by: "Chief Executive, HMPPS".into(),
        role: VariationRole::AccountingOfficer,
        agreed_on: day("2026-04-01"),
        reason: "estates check controls every two years".into(),
    });
    let varied = load(&policy).unwrap();
    let shown = baseline_of(&status(
        &varied,
        &compliant("V"),
        ThreatLevel::Moderate,
        AS_OF,
    ));
    assert_eq!(shown.basis, Basis::AgencyVariation);
    assert!(
        shown
            .citation
            .to_string()
            .contains("agency variation agreed by Chief Executive, HMPPS")
    );
}

/// A record of what a risk assessment considered, on a site that records no
/// risk assessment at all, describes nothing yet: the schedule reports the
/// assessment never done, and only the owners it names are checked.
#[test]
fn a_risk_assessment_record_without_an_assessment_checks_only_the_owners() {
    let engine = Engine::moj_default();
    let mut site = compliant("RA");
    site.risk_assessed = None;
    if let Some(record) = &mut site.risk_assessment {
        record.impact = false;
        record.terrorist_threats = false;
        record.owners.crisis_management = None;
    }
    let s = status(&engine, &site, ThreatLevel::Moderate, AS_OF);
    assert_eq!(
        codes(&s),
        [
            FindingCode::RiskAssessmentOverdue,
            FindingCode::ResponsibilityNotAllocated
        ]
    );
}
