//! Property tests for counter-terrorism site rules: control-matrix
//! monotonicity (the default matrix and generated ones), schedule arithmetic,
//! site status against a small reference written here from the documented
//! defaults, portfolio bookkeeping, co-ordination, totality of the JSON entry
//! points, JSON round trips and determinism.
//!
//! The reference is independent of the library: its own calendar arithmetic
//! (month ends clamp, days via `days_from_civil`) and its own reading of the
//! rules in `site/status.rs` and domain-facts §2–§4.

// This is test code: the workspace denies these lints and clippy.toml allows
// them only inside #[test] functions, not in helpers and proptest strategies.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{Value, json};
use spf_core::coordination::{CoordinationAnswer, CoordinationRequest, Coordinator};
use spf_core::policy::ControlCell;
use spf_core::site::{
    Approval, BaselineGap, BusinessAreaContact, ControlId, ControlInPlace, CtPlan, FindingCode,
    Interval, LevelChange, Obligation, ObligationCounts, PortfolioEntry, PortfolioReport,
    Requirement, ResponseLevel, ResponseOverride, Schedule, ScheduleStatus, Site, SiteImpact,
    SiteStatus, SiteStatusRequest, SiteTier, ThreatAssessment, ThreatChangeImpact,
    ThreatChangeRequest, ThreatLevel,
};
use spf_core::site::{EmergencyArrangements, ResponsibilityOwners, RiskAssessmentRecord};
use spf_core::{Basis, Date, Engine, ErrorCode, Policy, json};

use common::calendar::{Ymd, add_days, add_months, date, days_in_month, is_leap, ymd};

static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::moj_default);

/// Cases per property; the whole file runs in a few seconds in debug.
const CASES: u32 = 512;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // Keep the source tree clean: no proptest-regressions files.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------
// Independent calendar arithmetic (proleptic Gregorian).
// ---------------------------------------------------------------------------

// ---------------------------------------------------------------------------
// Date strategies.
// ---------------------------------------------------------------------------

fn clamp_ymd((year, month, day): Ymd) -> Ymd {
    (year, month, day.min(days_in_month(year, month)))
}

/// Any date, years 1 to 9999.
fn any_ymd() -> impl Strategy<Value = Ymd> {
    (1i32..=9999, 1u32..=12, 1u32..=31).prop_map(clamp_ymd)
}

/// A date near today.
fn recent_ymd() -> impl Strategy<Value = Ymd> {
    (2016i32..=2032, 1u32..=12, 1u32..=31).prop_map(clamp_ymd)
}

/// 29 February of a leap year.
fn leap_day(years: std::ops::RangeInclusive<i32>) -> impl Strategy<Value = Ymd> {
    years.prop_map(|y| {
        let mut y = y - y.rem_euclid(4);
        while !is_leap(y) {
            y -= 4;
        }
        (y, 2, 29)
    })
}

/// The last day of a month.
fn month_end(years: std::ops::RangeInclusive<i32>) -> impl Strategy<Value = Ymd> {
    (years, 1u32..=12).prop_map(|(y, m)| (y, m, days_in_month(y, m)))
}

/// A last-done date: near today, on a leap day or month end, or anywhere.
fn last_done_ymd() -> impl Strategy<Value = Ymd> {
    prop_oneof![
        3 => recent_ymd(),
        2 => leap_day(2000..=2036),
        2 => month_end(2015..=2032),
        1 => leap_day(8..=9999),
        1 => month_end(1..=9999),
        1 => any_ymd(),
        1 => (9990i32..=9999, 1u32..=12, 1u32..=31).prop_map(clamp_ymd),
    ]
}

/// A day relative to a last-done date: around each schedule boundary.
fn offset_days() -> impl Strategy<Value = i64> {
    prop_oneof![
        -400i64..=8000,
        prop::sample::select(vec![
            0i64, 89, 90, 91, 273, 274, 275, 276, 364, 365, 366, 367, 640, 730, 731, 1004, 1095,
            1096, 1826, 1827,
        ]),
    ]
}

/// How a site's date is chosen: `months` calendar months and then `back` days
/// before `asOf` (negative: after it), then moved back to a month end or a
/// leap day.
#[derive(Debug, Clone, Copy)]
struct When {
    months: u32,
    back: i32,
    snap: Snap,
}

#[derive(Debug, Clone, Copy)]
enum Snap {
    Exact,
    MonthEnd,
    LeapDay,
}

fn when(valid: bool) -> impl Strategy<Value = When> {
    let months = prop_oneof![
        3 => Just(0u32),
        2 => prop::sample::select(vec![12u32, 24, 36, 60]),
    ];
    let back = prop_oneof![
        3 => Just(0i32),
        3 => 0i32..=10,
        3 => 0i32..=100,
        3 => 0i32..=800,
        2 => 0i32..=2300,
        2 => prop::sample::select(vec![0i32, 1, 6, 7, 8, 89, 90, 91, 364, 365, 366, 729, 730, 731, 1095, 1096, 1826, 1827]),
        if valid { 0 } else { 2 } => -400i32..0,
    ];
    let snap = prop_oneof![
        6 => Just(Snap::Exact),
        2 => Just(Snap::MonthEnd),
        2 => Just(Snap::LeapDay),
    ];
    (months, back, snap).prop_map(|(months, back, snap)| When { months, back, snap })
}

/// An EXCEPTIONAL review: mostly within the last fortnight.
fn review_when(valid: bool) -> impl Strategy<Value = When> {
    prop_oneof![
        2 => (0i32..=14).prop_map(|back| When { months: 0, back, snap: Snap::Exact }),
        1 => when(valid),
    ]
}

/// The same day `months` earlier, clamped to the end of the target month.
fn sub_months((year, month, day): Ymd, months: u32) -> Ymd {
    let total = i64::from(year) * 12 + i64::from(month) - 1 - i64::from(months);
    let y = i32::try_from(total.div_euclid(12)).unwrap();
    let m = u32::try_from(total.rem_euclid(12) + 1).unwrap();
    (y, m, day.min(days_in_month(y, m)))
}

fn resolve(when: When, as_of: Ymd) -> Ymd {
    let d = add_days(sub_months(as_of, when.months), -i64::from(when.back)).unwrap();
    match when.snap {
        Snap::Exact => d,
        Snap::MonthEnd => {
            let end = (d.0, d.1, days_in_month(d.0, d.1));
            if end > as_of && d <= as_of {
                add_days((d.0, d.1, 1), -1).unwrap()
            } else {
                end
            }
        }
        Snap::LeapDay => {
            let mut y = d.0;
            while !(is_leap(y) && (y, 2, 29) <= d) {
                y -= 1;
            }
            (y, 2, 29)
        }
    }
}

fn as_of_ymd() -> impl Strategy<Value = Ymd> {
    prop_oneof![
        6 => (2018i32..=2032, 1u32..=12, 1u32..=31).prop_map(clamp_ymd),
        1 => leap_day(2020..=2032),
        1 => month_end(2018..=2032),
    ]
}

// ---------------------------------------------------------------------------
// The documented defaults and a reference site status.
// ---------------------------------------------------------------------------

/// Threat level → response level (domain-facts gap 6).
fn ref_mapped(threat: ThreatLevel) -> ResponseLevel {
    match threat {
        ThreatLevel::Low | ThreatLevel::Moderate => ResponseLevel::Normal,
        ThreatLevel::Substantial | ThreatLevel::Severe => ResponseLevel::Heightened,
        ThreatLevel::Critical => ResponseLevel::Exceptional,
    }
}

/// CT-plan test interval per tier: (due after, overdue after) in months.
fn ref_ct_interval(tier: SiteTier) -> (u32, u32) {
    match tier {
        SiteTier::Low => (36, 60),
        SiteTier::Moderate => (24, 24),
        SiteTier::High => (12, 12),
    }
}

const RISK_MONTHS: u32 = 12;
const TIER_MONTHS: u32 = 12;
const DUE_SOON_DAYS: u32 = 90;
const EXCEPTIONAL_DAYS: u32 = 7;

#[test]
fn documented_defaults_are_the_default_policy() {
    let rules = &ENGINE.policy().counter_terrorism;
    for threat in ThreatLevel::ALL {
        assert_eq!(ENGINE.response_level_for(threat), ref_mapped(threat));
    }
    for tier in SiteTier::ALL {
        let rule = rules.ct_plan_tests.iter().find(|r| r.tier == tier).unwrap();
        assert_eq!(
            (rule.due_after_months, rule.overdue_after_months),
            ref_ct_interval(tier)
        );
    }
    assert_eq!(rules.risk_assessment.months, RISK_MONTHS);
    assert_eq!(rules.tier_reassessment.months, TIER_MONTHS);
    assert_eq!(rules.due_soon.days, DUE_SOON_DAYS);
    assert_eq!(rules.exceptional_review.days, EXCEPTIONAL_DAYS);
    let required: Vec<(SiteTier, bool)> = rules
        .obligations
        .threat_assessment
        .iter()
        .map(|r| (r.tier, r.required))
        .collect();
    assert_eq!(
        required,
        SiteTier::ALL.map(|tier| (tier, ref_threat_assessment_required(tier)))
    );
}

fn ref_status(
    as_of: Ymd,
    soon: Option<Ymd>,
    due: Option<Ymd>,
    overdue: Option<Ymd>,
) -> ScheduleStatus {
    if overdue.is_some_and(|d| as_of > d) {
        ScheduleStatus::Overdue
    } else if due.is_some_and(|d| as_of >= d) {
        ScheduleStatus::Due
    } else if soon.is_some_and(|d| as_of >= d) {
        ScheduleStatus::DueSoon
    } else {
        ScheduleStatus::Ok
    }
}

fn ref_schedule(
    last: Option<Ymd>,
    due_m: u32,
    over_m: u32,
    soon_days: u32,
    as_of: Ymd,
) -> Schedule {
    let Some(last) = last else {
        return Schedule {
            status: ScheduleStatus::NeverDone,
            last_done: None,
            due_soon_from: None,
            due_on: None,
            overdue_after: None,
        };
    };
    let due = add_months(last, due_m);
    let overdue = add_months(last, over_m.max(due_m));
    // A window reaching back before year 0001 starts on 0001-01-01.
    let soon = due.map(|d| add_days(d, -i64::from(soon_days)).unwrap_or((1, 1, 1)));
    Schedule {
        status: ref_status(as_of, soon, due, overdue),
        last_done: Some(date(last)),
        due_soon_from: soon.map(date),
        due_on: due.map(date),
        overdue_after: overdue.map(date),
    }
}

fn ref_exceptional(last: Option<Ymd>, as_of: Ymd) -> Schedule {
    let Some(last) = last else {
        return ref_schedule(None, 0, 0, 0, as_of);
    };
    let due = add_days(last, i64::from(EXCEPTIONAL_DAYS));
    let status = match due {
        Some(d) if as_of > d => ScheduleStatus::Overdue,
        Some(d) if as_of == d => ScheduleStatus::Due,
        _ => ScheduleStatus::Ok,
    };
    Schedule {
        status,
        last_done: Some(date(last)),
        due_soon_from: due.map(date),
        due_on: due.map(date),
        overdue_after: due.map(date),
    }
}

/// The level a site operates at, if its override is acceptable.
fn ref_level(site: &Site, threat: ThreatLevel) -> ResponseLevel {
    let mapped = ref_mapped(threat);
    site.response_override.as_ref().map_or(mapped, |o| o.level)
}

/// What the reference expects from a site: the first error in check order
/// (its path inside the site record), or the level, schedules, finding codes
/// (most severe first) and rule ids.
#[derive(Debug, Clone, PartialEq)]
struct Expected {
    level: ResponseLevel,
    ct: Schedule,
    risk: Schedule,
    tier: Schedule,
    exceptional: Option<Schedule>,
    findings: Vec<FindingCode>,
    rules: Vec<&'static str>,
}

fn ref_site(site: &Site, threat: ThreatLevel, as_of: Ymd) -> Result<Expected, (ErrorCode, String)> {
    let after = |d: Date| ymd(d) > as_of;
    let out_of_order = |path: &str| Err((ErrorCode::DateOutOfOrder, format!("/{path}")));
    if after(site.tier_assessed) {
        return out_of_order("tierAssessed");
    }
    if site.risk_assessed.is_some_and(after) {
        return out_of_order("riskAssessed");
    }
    if site
        .ct_plan
        .as_ref()
        .and_then(|p| p.last_tested)
        .is_some_and(after)
    {
        return out_of_order("ctPlan/lastTested");
    }
    if site.exceptional_reviewed.is_some_and(after) {
        return out_of_order("exceptionalReviewed");
    }
    if site
        .emergency_arrangements
        .and_then(|e| e.last_rehearsed)
        .is_some_and(after)
    {
        return out_of_order("emergencyArrangements/lastRehearsed");
    }
    let mapped = ref_mapped(threat);
    if let Some(o) = &site.response_override {
        if o.level < mapped {
            match &o.approval {
                Some(a) if !a.by.trim().is_empty() && !a.reason.trim().is_empty() => {
                    if after(a.on) {
                        return out_of_order("responseOverride/approval/on");
                    }
                }
                _ => {
                    return Err((
                        ErrorCode::OverrideNotApproved,
                        "/responseOverride/approval".into(),
                    ));
                }
            }
        } else if o.approval.as_ref().is_some_and(|a| after(a.on)) {
            // Documented as `dateOutOfOrder`, whichever way the override goes.
            return out_of_order("responseOverride/approval/on");
        }
    }
    let catalogue: Vec<&str> = ENGINE
        .policy()
        .counter_terrorism
        .controls
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    for (i, control) in site.controls_in_place.iter().flatten().enumerate() {
        if !catalogue.contains(&control.control.as_str()) {
            return Err((
                ErrorCode::UnknownValue,
                format!("/controlsInPlace/{i}/control"),
            ));
        }
        let earlier = site.controls_in_place.iter().flatten().take(i);
        if earlier.into_iter().any(|c| c.control == control.control) {
            return Err((
                ErrorCode::DuplicateEntry,
                format!("/controlsInPlace/{i}/control"),
            ));
        }
        if after(control.verified_on) {
            return out_of_order(&format!("controlsInPlace/{i}/verifiedOn"));
        }
    }
    let level = ref_level(site, threat);
    let (ct_due, ct_over) = ref_ct_interval(site.tier);
    let ct = ref_schedule(
        site.ct_plan.as_ref().and_then(|p| p.last_tested).map(ymd),
        ct_due,
        ct_over,
        DUE_SOON_DAYS,
        as_of,
    );
    let risk = ref_schedule(
        site.risk_assessed.map(ymd),
        RISK_MONTHS,
        RISK_MONTHS,
        DUE_SOON_DAYS,
        as_of,
    );
    let tier = ref_schedule(
        Some(ymd(site.tier_assessed)),
        TIER_MONTHS,
        TIER_MONTHS,
        DUE_SOON_DAYS,
        as_of,
    );
    let exceptional = (level == ResponseLevel::Exceptional)
        .then(|| ref_exceptional(site.exceptional_reviewed.map(ymd), as_of));

    let mut findings = Vec::new();
    let mut rules = vec!["site.threatMapping"];
    if let Some(o) = &site.response_override {
        // An override at the mapped level changes nothing and says nothing.
        if o.level > mapped {
            // Free: no approval needed, so a missing one raises no finding.
            rules.push("site.upwardOverride");
        } else if o.level < mapped {
            rules.push("site.approvedDownwardOverride");
            // Always shown: an approval does not expire.
            findings.push(FindingCode::DownwardOverrideInForce);
        }
    }
    if let Some(review) = &exceptional {
        rules.push("site.exceptionalReview");
        if matches!(
            review.status,
            ScheduleStatus::Overdue | ScheduleStatus::NeverDone
        ) {
            findings.push(FindingCode::ExceptionalReviewOverdue);
        }
    }
    rules.extend(["site.controls", "site.baseline"]);
    findings.extend(ref_baseline_findings(site, level, as_of));
    rules.push("site.threatAssessment");
    rules.extend(["site.riskAssessmentContent", "site.responsibilities"]);
    findings.extend(ref_risk_assessment_content_findings(site));
    rules.push("site.emergencyArrangements");
    findings.extend(ref_emergency_findings(site, as_of));
    if site.emergency_arrangements.is_some() {
        rules.push("site.emergencyRehearsal");
    }
    rules.extend([
        "site.ctPlanTest",
        "site.riskAssessment",
        "site.tierReassessment",
    ]);
    match &site.ct_plan {
        None => findings.push(FindingCode::NoCtPlan),
        Some(plan) => {
            if !plan.varies_by_response_level {
                findings.push(FindingCode::CtPlanNotVaryingByResponseLevel);
            }
            findings.extend(match ct.status {
                ScheduleStatus::Ok => None,
                ScheduleStatus::DueSoon => Some(FindingCode::CtPlanTestDueSoon),
                ScheduleStatus::Due => Some(FindingCode::CtPlanTestDue),
                ScheduleStatus::Overdue => Some(FindingCode::CtPlanTestOverdue),
                ScheduleStatus::NeverDone => Some(FindingCode::CtPlanNeverTested),
            });
        }
    }
    if ref_threat_assessment_required(site.tier)
        && !site
            .threat_assessment
            .as_ref()
            .is_some_and(|t| t.threat_documented && t.mitigation_documented)
    {
        findings.push(FindingCode::ThreatAssessmentMissing);
    }
    findings.extend(match risk.status {
        ScheduleStatus::Ok => None,
        ScheduleStatus::DueSoon | ScheduleStatus::Due => Some(FindingCode::RiskAssessmentDueSoon),
        ScheduleStatus::Overdue | ScheduleStatus::NeverDone => {
            Some(FindingCode::RiskAssessmentOverdue)
        }
    });
    if matches!(tier.status, ScheduleStatus::Due | ScheduleStatus::Overdue) {
        findings.push(FindingCode::TierReassessmentDue);
    }
    findings.sort_by_key(|c| (c.severity(), *c));
    Ok(Expected {
        level,
        ct,
        risk,
        tier,
        exceptional,
        findings,
        rules,
    })
}

/// What the risk assessment considered and the owners it names, written out
/// from the text: with no record, one finding only if the site has a risk
/// assessment; otherwise one for each of the four factors it must have regard
/// to and was not and each of the two kinds of threat it did not consider (only
/// when the site has a risk assessment), and each responsibility with no
/// (non-blank) owner.
fn ref_risk_assessment_content_findings(site: &Site) -> Vec<FindingCode> {
    let Some(r) = &site.risk_assessment else {
        return site
            .risk_assessed
            .map(|_| FindingCode::RiskAssessmentContentNotRecorded)
            .into_iter()
            .collect();
    };
    let named = |o: &Option<String>| o.as_ref().is_some_and(|n| !n.trim().is_empty());
    [
        (r.impact, FindingCode::RiskAssessmentFactorNotConsidered),
        (r.threat, FindingCode::RiskAssessmentFactorNotConsidered),
        (r.likelihood, FindingCode::RiskAssessmentFactorNotConsidered),
        (
            r.vulnerability,
            FindingCode::RiskAssessmentFactorNotConsidered,
        ),
        (
            r.terrorist_threats,
            FindingCode::RiskAssessmentThreatNotConsidered,
        ),
        (
            r.other_threats,
            FindingCode::RiskAssessmentThreatNotConsidered,
        ),
        (
            named(&r.owners.baseline_measures),
            FindingCode::ResponsibilityNotAllocated,
        ),
        (
            named(&r.owners.crisis_management),
            FindingCode::ResponsibilityNotAllocated,
        ),
        (
            named(&r.owners.business_continuity),
            FindingCode::ResponsibilityNotAllocated,
        ),
    ]
    .into_iter()
    .filter(|(present, _)| !present)
    // With no assessment done, only the owners are checked.
    .filter(|(_, code)| {
        site.risk_assessed.is_some() || *code == FindingCode::ResponsibilityNotAllocated
    })
    .map(|(_, code)| code)
    .collect()
}

/// The emergency response arrangements, written out from the text: none
/// recorded is one finding; otherwise each part missing is one, and a rehearsal
/// never done or 12 months old or more is one.
fn ref_emergency_findings(site: &Site, as_of: Ymd) -> Vec<FindingCode> {
    let Some(e) = site.emergency_arrangements else {
        return vec![FindingCode::EmergencyArrangementsNotRecorded];
    };
    let mut findings = Vec::new();
    for (present, code) in [
        (
            e.in_fire_and_incident_control_plan,
            FindingCode::EmergencyArrangementsOutsideFireAndIncidentControl,
        ),
        (
            e.in_business_continuity_plan,
            FindingCode::EmergencyArrangementsOutsideBusinessContinuity,
        ),
        (
            e.emergency_services_liaison,
            FindingCode::EmergencyServicesLiaisonMissing,
        ),
        (
            e.staff_communications,
            FindingCode::StaffCommunicationsMissing,
        ),
    ] {
        if !present {
            findings.push(code);
        }
    }
    let rehearsed_in_time = e
        .last_rehearsed
        .is_some_and(|last| add_months(ymd(last), 12).is_none_or(|due| due > as_of));
    if !rehearsed_in_time {
        findings.push(FindingCode::EmergencyArrangementsNotRehearsed);
    }
    findings
}

/// What the controls in place give against the cell's, written out: nothing
/// recorded is one finding; otherwise each control the cell asks for that is
/// not listed is missing, and one listed but verified more than 12 months
/// before `as_of` is unverified.
fn ref_baseline_findings(site: &Site, level: ResponseLevel, as_of: Ymd) -> Vec<FindingCode> {
    let Some(in_place) = &site.controls_in_place else {
        return vec![FindingCode::ControlsNotRecorded];
    };
    let (required, recommended) = ref_controls(ENGINE.policy(), site.tier, level);
    let stale_before = sub_months(as_of, 12);
    let mut findings = Vec::new();
    for (asked, missing, unverified) in [
        (
            &required,
            FindingCode::RequiredControlMissing,
            FindingCode::RequiredControlUnverified,
        ),
        (
            &recommended,
            FindingCode::RecommendedControlMissing,
            FindingCode::RecommendedControlUnverified,
        ),
    ] {
        for control in asked {
            match in_place.iter().find(|c| &c.control == control) {
                None => findings.push(missing),
                Some(c) if ymd(c.verified_on) < stale_before => findings.push(unverified),
                Some(_) => {}
            }
        }
    }
    findings
}

/// The citation of a baseline finding: the matrix cell that asks for the
/// control (and, when unverified, the verification period), then the duty to
/// check, read from the policy document.
fn expected_baseline_citation(code: FindingCode, tier: SiteTier, level: ResponseLevel) -> String {
    let rules = &ENGINE.policy().counter_terrorism;
    let checking = &rules.baseline.checking.citation;
    let cell = format!(
        "{}, cell {tier} tier at {level}",
        rules.control_matrix.source.citation
    );
    match code {
        FindingCode::ControlsNotRecorded => checking.to_string(),
        FindingCode::RequiredControlUnverified | FindingCode::RecommendedControlUnverified => {
            format!(
                "{cell}; {}; {checking}",
                rules.baseline.verification.citation
            )
        }
        _ => format!("{cell}; {checking}"),
    }
}

/// Sites of MODERATE tier and above document their threat assessment (the
/// text asks it of moderate risk sites; the default extends it to HIGH).
fn ref_threat_assessment_required(tier: SiteTier) -> bool {
    tier >= SiteTier::Moderate
}

/// The citation each finding must carry, read from the policy document.
fn expected_citation(code: FindingCode, tier: SiteTier, status: Option<ScheduleStatus>) -> String {
    let rules = &ENGINE.policy().counter_terrorism;
    let source = match code {
        FindingCode::NoCtPlan => &rules.obligations.ct_plan,
        FindingCode::CtPlanNotVaryingByResponseLevel => {
            &rules.obligations.plan_varies_by_response_level
        }
        FindingCode::ThreatAssessmentMissing => {
            &rules
                .obligations
                .threat_assessment
                .iter()
                .find(|r| r.tier == tier)
                .unwrap()
                .source
        }
        // A warning before the due date rests on the warning window.
        FindingCode::RiskAssessmentDueSoon | FindingCode::CtPlanTestDueSoon
            if status == Some(ScheduleStatus::DueSoon) =>
        {
            &rules.due_soon.source
        }
        FindingCode::RiskAssessmentOverdue | FindingCode::RiskAssessmentDueSoon => {
            &rules.risk_assessment.source
        }
        FindingCode::CtPlanNeverTested
        | FindingCode::CtPlanTestDueSoon
        | FindingCode::CtPlanTestDue
        | FindingCode::CtPlanTestOverdue => {
            &rules
                .ct_plan_tests
                .iter()
                .find(|r| r.tier == tier)
                .unwrap()
                .source
        }
        FindingCode::TierReassessmentDue => &rules.tier_reassessment.source,
        FindingCode::DownwardOverrideInForce => &rules.overrides.downward,
        FindingCode::ExceptionalReviewOverdue => &rules.exceptional_review.source,
        // Baseline findings cite their cell too: expected_baseline_citation.
        FindingCode::RequiredControlMissing
        | FindingCode::RequiredControlUnverified
        | FindingCode::ControlsNotRecorded
        | FindingCode::RecommendedControlMissing
        | FindingCode::RecommendedControlUnverified => &rules.baseline.checking,
        FindingCode::EmergencyArrangementsNotRecorded => &rules.emergency_arrangements.required,
        FindingCode::EmergencyArrangementsOutsideFireAndIncidentControl
        | FindingCode::EmergencyArrangementsOutsideBusinessContinuity => {
            &rules.emergency_arrangements.incorporated
        }
        FindingCode::EmergencyServicesLiaisonMissing | FindingCode::StaffCommunicationsMissing => {
            &rules.emergency_arrangements.contents
        }
        FindingCode::EmergencyArrangementsNotRehearsed => &rules.emergency_arrangements.rehearsal,
        FindingCode::RiskAssessmentContentNotRecorded
        | FindingCode::RiskAssessmentFactorNotConsidered => &rules.risk_assessment_content.regard,
        FindingCode::RiskAssessmentThreatNotConsidered => &rules.risk_assessment_content.threats,
        FindingCode::ResponsibilityNotAllocated => &rules.risk_assessment_content.responsibility,
    };
    source.citation.to_string()
}

/// The basis each finding must carry, written out from the policy texts rather
/// than read from the document: what the Counter-Terrorist Protection Policy
/// states is a statement, the rest a default.
fn ref_basis(code: FindingCode, tier: SiteTier) -> Basis {
    let moderate_only = if tier == SiteTier::Moderate {
        Basis::PolicyStatement
    } else {
        Basis::ConfigurableDefault
    };
    match code {
        // Every location has a CT plan that varies controls by response level.
        FindingCode::NoCtPlan | FindingCode::CtPlanNotVaryingByResponseLevel => {
            Basis::PolicyStatement
        }
        // Sites at moderate risk document their threat assessment; medium risk
        // sites are tested at least every two years, overdue the day after.
        // The text is silent on high risk sites and its "3-5 years" for low
        // ones is read as a default.
        FindingCode::ThreatAssessmentMissing
        | FindingCode::CtPlanNeverTested
        | FindingCode::CtPlanTestDue
        | FindingCode::CtPlanTestOverdue => moderate_only,
        // The two texts give no interval for the risk assessment; nothing in
        // them warns before a due date; the tier re-assessment, overrides and
        // the EXCEPTIONAL review are gaps the texts leave open.
        FindingCode::RiskAssessmentOverdue
        | FindingCode::RiskAssessmentDueSoon
        | FindingCode::CtPlanTestDueSoon
        | FindingCode::TierReassessmentDue
        | FindingCode::DownwardOverrideInForce
        | FindingCode::ExceptionalReviewOverdue => Basis::ConfigurableDefault,
        // Security officers check compliance with baseline standards; which
        // controls the baseline holds (the matrix is illustrative, the MoJ's
        // own measures are not public) and how long a check lasts are defaults.
        FindingCode::ControlsNotRecorded => Basis::PolicyStatement,
        FindingCode::RequiredControlMissing
        | FindingCode::RequiredControlUnverified
        | FindingCode::RecommendedControlMissing
        | FindingCode::RecommendedControlUnverified => Basis::ConfigurableDefault,
        // Every site must have clear emergency response arrangements, normally
        // within Fire & Incident Control and business continuity, which should
        // include emergency-services liaison and staff communications; the
        // texts give no rehearsal interval.
        FindingCode::EmergencyArrangementsNotRecorded
        | FindingCode::EmergencyArrangementsOutsideFireAndIncidentControl
        | FindingCode::EmergencyArrangementsOutsideBusinessContinuity
        | FindingCode::EmergencyServicesLiaisonMissing
        | FindingCode::StaffCommunicationsMissing => Basis::PolicyStatement,
        FindingCode::EmergencyArrangementsNotRehearsed => Basis::ConfigurableDefault,
        // Local risk assessments must have regard to impact, threat,
        // likelihood and vulnerability and normally consider terrorist and
        // other threats.
        FindingCode::RiskAssessmentContentNotRecorded
        | FindingCode::RiskAssessmentFactorNotConsidered
        | FindingCode::RiskAssessmentThreatNotConsidered => Basis::PolicyStatement,
        // The text commits the department to a clear allocation; each site
        // naming its owners is the library's reading.
        FindingCode::ResponsibilityNotAllocated => Basis::ConfigurableDefault,
    }
}

/// The default matrix cell for a tier and level, in catalogue order.
fn ref_controls(
    policy: &Policy,
    tier: SiteTier,
    level: ResponseLevel,
) -> (Vec<String>, Vec<String>) {
    let rules = &policy.counter_terrorism;
    let cell = rules
        .control_matrix
        .cells
        .iter()
        .find(|c| c.tier == tier && c.response_level == level)
        .unwrap();
    let pick = |list: &[String]| {
        rules
            .controls
            .iter()
            .filter(|c| list.contains(&c.id))
            .map(|c| c.id.clone())
            .collect::<Vec<_>>()
    };
    (pick(&cell.required), pick(&cell.recommended))
}

fn strings(list: &[std::sync::Arc<str>]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

// ---------------------------------------------------------------------------
// Generated sites.
// ---------------------------------------------------------------------------

const AREAS: &[&str] = &["HMCTS", "HMPPS", "LAA", "OPG", "MoJ HQ"];
/// Owners named in a risk assessment record, one of them blank.
const OWNERS: &[&str] = &["Estates manager", "Head of security", " "];
const APPROVERS: &[&str] = &["DSO", "Local Security Officer", "SRO", "", " ", "\t\n"];

#[derive(Debug, Clone)]
struct ApprovalPlan {
    by: &'static str,
    on: When,
    reason: &'static str,
}

#[derive(Debug, Clone)]
struct SitePlan {
    id: usize,
    area: Option<&'static str>,
    tier: SiteTier,
    tier_assessed: When,
    ct_plan: Option<(bool, Option<When>)>,
    threat_assessment: Option<(bool, bool)>,
    risk_assessed: Option<When>,
    response_override: Option<(ResponseLevel, Option<ApprovalPlan>)>,
    exceptional_reviewed: Option<When>,
    /// Controls in place by catalogue position, each with when it was verified.
    controls_in_place: Option<BTreeMap<usize, When>>,
    /// Emergency arrangements: the four parts, and when last rehearsed.
    emergency: Option<([bool; 4], Option<When>)>,
    /// The risk assessment record: the six things considered, and the three
    /// owners (an owner may be blank).
    risk_record: Option<([bool; 6], [Option<&'static str>; 3])>,
}

fn approval_plan(valid: bool) -> impl Strategy<Value = ApprovalPlan> {
    let words = if valid {
        APPROVERS[..3].to_vec()
    } else {
        APPROVERS.to_vec()
    };
    (
        prop::sample::select(words.clone()),
        when(valid),
        prop::sample::select(words),
    )
        .prop_map(|(by, on, reason)| ApprovalPlan { by, on, reason })
}

/// A site. With `valid`, every date is on or before `asOf` and approvers and
/// reasons are not blank (a downward override still needs [`approve`]).
fn site_plan(valid: bool) -> impl Strategy<Value = SitePlan> {
    (
        (
            0usize..6,
            prop::option::of(prop::sample::select(AREAS.to_vec())),
            prop::sample::select(SiteTier::ALL.to_vec()),
            when(valid),
        ),
        prop::option::weighted(
            0.85,
            (
                prop::bool::weighted(0.8),
                prop::option::weighted(0.85, when(valid)),
            ),
        ),
        prop::option::weighted(0.8, (prop::bool::weighted(0.8), prop::bool::weighted(0.8))),
        prop::option::weighted(0.85, when(valid)),
        prop::option::weighted(
            0.35,
            (
                prop::sample::select(ResponseLevel::ALL.to_vec()),
                prop::option::of(approval_plan(valid)),
            ),
        ),
        prop::option::weighted(0.5, review_when(valid)),
        (
            prop::option::weighted(
                0.8,
                prop::collection::btree_map(0usize..CONTROLS, when(valid), 0..=CONTROLS),
            ),
            prop::option::weighted(
                0.8,
                (
                    prop::array::uniform4(prop::bool::weighted(0.85)),
                    prop::option::weighted(0.8, when(valid)),
                ),
            ),
            prop::option::weighted(
                0.75,
                (
                    prop::array::uniform6(prop::bool::weighted(0.85)),
                    prop::array::uniform3(prop::option::weighted(
                        0.85,
                        prop::sample::select(OWNERS.to_vec()),
                    )),
                ),
            ),
        ),
    )
        .prop_map(
            |(
                (id, area, tier, tier_assessed),
                ct_plan,
                threat_assessment,
                risk,
                ovr,
                reviewed,
                (controls_in_place, emergency, risk_record),
            )| {
                SitePlan {
                    id,
                    area,
                    tier,
                    tier_assessed,
                    ct_plan,
                    threat_assessment,
                    risk_assessed: risk,
                    response_override: ovr,
                    exceptional_reviewed: reviewed,
                    controls_in_place,
                    emergency,
                    risk_record,
                }
            },
        )
}

impl SitePlan {
    fn build(&self, as_of: Ymd) -> Site {
        let at = |w: When| date(resolve(w, as_of));
        Site {
            id: format!("S{}", self.id),
            name: format!("Site {}", self.id),
            business_area: self.area.map(str::to_owned),
            security_officer: None,
            risk_assessment: self.risk_record.map(|(considered, owners)| {
                let [impact, threat, likelihood, vulnerability, terrorist, other] = considered;
                let [baseline, crisis, continuity] = owners.map(|o| o.map(str::to_owned));
                RiskAssessmentRecord {
                    impact,
                    threat,
                    likelihood,
                    vulnerability,
                    terrorist_threats: terrorist,
                    other_threats: other,
                    owners: ResponsibilityOwners {
                        baseline_measures: baseline,
                        crisis_management: crisis,
                        business_continuity: continuity,
                    },
                }
            }),
            emergency_arrangements: self.emergency.map(|(parts, rehearsed)| {
                let [fire, continuity, liaison, staff] = parts;
                EmergencyArrangements {
                    in_fire_and_incident_control_plan: fire,
                    in_business_continuity_plan: continuity,
                    emergency_services_liaison: liaison,
                    staff_communications: staff,
                    last_rehearsed: rehearsed.map(at),
                }
            }),
            tier: self.tier,
            tier_assessed: at(self.tier_assessed),
            ct_plan: self.ct_plan.map(|(varies, last)| CtPlan {
                varies_by_response_level: varies,
                last_tested: last.map(at),
            }),
            threat_assessment: self.threat_assessment.map(|(t, m)| ThreatAssessment {
                threat_documented: t,
                mitigation_documented: m,
            }),
            risk_assessed: self.risk_assessed.map(at),
            response_override: self.response_override.as_ref().map(|(level, approval)| {
                ResponseOverride {
                    level: *level,
                    approval: approval.as_ref().map(|a| Approval {
                        by: a.by.to_owned(),
                        on: at(a.on),
                        reason: a.reason.to_owned(),
                    }),
                }
            }),
            exceptional_reviewed: self.exceptional_reviewed.map(at),
            controls_in_place: self.controls_in_place.as_ref().map(|controls| {
                let catalogue = &ENGINE.policy().counter_terrorism.controls;
                controls
                    .iter()
                    .map(|(position, when)| ControlInPlace {
                        control: catalogue[*position].id.clone(),
                        verified_on: at(*when),
                    })
                    .collect()
            }),
        }
    }
}

/// Gives a downward override a recorded approval, so the site is valid.
fn approve(site: &mut Site, threat: ThreatLevel, as_of: Ymd) {
    if let Some(o) = &mut site.response_override {
        if o.level < ref_mapped(threat) && o.approval.is_none() {
            o.approval = Some(Approval {
                by: "DSO".into(),
                on: date(as_of),
                reason: "assessed locally".into(),
            });
        }
    }
}

fn threat() -> impl Strategy<Value = ThreatLevel> {
    prop::sample::select(ThreatLevel::ALL.to_vec())
}

/// Checks an accepted site against the reference, and its JSON.
fn check_status(
    site: &Site,
    threat: ThreatLevel,
    as_of: Ymd,
    status: &SiteStatus,
) -> Result<(), TestCaseError> {
    let expected = ref_site(site, threat, as_of)
        .map_err(|e| TestCaseError::fail(format!("accepted despite {e:?}")))?;
    prop_assert_eq!(status.schema_version, 1);
    prop_assert_eq!(&status.site_id, &site.id);
    prop_assert_eq!(status.as_of, date(as_of));
    prop_assert_eq!(status.tier, site.tier);
    prop_assert_eq!(status.threat_level, threat);
    prop_assert_eq!(status.response_level, expected.level);
    prop_assert_eq!(status.schedules.ct_plan_test, expected.ct);
    prop_assert_eq!(status.schedules.risk_assessment, expected.risk);
    prop_assert_eq!(status.schedules.tier_reassessment, expected.tier);
    prop_assert_eq!(status.schedules.exceptional_review, expected.exceptional);
    let codes: Vec<FindingCode> = status.findings.iter().map(|f| f.code).collect();
    prop_assert_eq!(&codes, &expected.findings);
    for f in &status.findings {
        prop_assert_eq!(f.severity, f.code.severity());
        let schedule = match f.code {
            FindingCode::RiskAssessmentDueSoon => Some(status.schedules.risk_assessment.status),
            FindingCode::CtPlanTestDueSoon => Some(status.schedules.ct_plan_test.status),
            _ => None,
        };
        let citation = match f.code {
            FindingCode::RequiredControlMissing
            | FindingCode::RequiredControlUnverified
            | FindingCode::ControlsNotRecorded
            | FindingCode::RecommendedControlMissing
            | FindingCode::RecommendedControlUnverified => {
                expected_baseline_citation(f.code, site.tier, expected.level)
            }
            _ => expected_citation(f.code, site.tier, schedule),
        };
        prop_assert_eq!(f.citation.to_string(), citation);
        prop_assert_eq!(f.basis, ref_basis(f.code, site.tier), "{:?}", f.code);
        prop_assert!(!f.message.is_empty());
    }
    let rules: Vec<&str> = status.reasons.iter().map(|r| r.rule_id()).collect();
    prop_assert_eq!(rules, expected.rules);
    let (required, recommended) = ref_controls(ENGINE.policy(), site.tier, expected.level);
    prop_assert_eq!(strings(&status.required_controls), required);
    prop_assert_eq!(strings(&status.recommended_controls), recommended);
    Ok(())
}

// ---------------------------------------------------------------------------
// Generated control matrices.
// ---------------------------------------------------------------------------

const CONTROLS: usize = 11;

/// Strength of each control in each cell, cells at `tier * 3 + level`:
/// 0 not required, 1 recommended, 2 required.
type Strengths = [[u8; CONTROLS]; 9];

#[derive(Debug, Clone)]
struct MatrixPlan {
    strengths: Strengths,
    /// Where each cell (by `tier * 3 + level`) sits in the document.
    order: Vec<usize>,
    /// The order controls are listed in within a cell.
    listing: Vec<usize>,
}

fn cell_of(i: usize) -> (usize, usize) {
    (i / 3, i % 3)
}

/// Makes strengths monotone: each cell at least as strong as every cell below
/// it in tier and response level.
fn close(strengths: &mut Strengths) {
    for i in 0..9 {
        let (t, l) = cell_of(i);
        let below: Vec<[u8; CONTROLS]> = [
            (t > 0).then(|| strengths[(t - 1) * 3 + l]),
            (l > 0).then(|| strengths[t * 3 + l - 1]),
        ]
        .into_iter()
        .flatten()
        .collect();
        for (k, value) in strengths[i].iter_mut().enumerate() {
            for row in &below {
                *value = (*value).max(row[k]);
            }
        }
    }
}

fn matrix_plan() -> impl Strategy<Value = MatrixPlan> {
    (
        prop::collection::vec(prop::collection::vec(0u8..3, CONTROLS), 9),
        prop::bool::weighted(0.7),
        prop::collection::vec((0usize..9, 0usize..CONTROLS, 0u8..3), 0..3),
        Just((0..9).collect::<Vec<usize>>()).prop_shuffle(),
        Just((0..CONTROLS).collect::<Vec<usize>>()).prop_shuffle(),
    )
        .prop_map(|(raw, monotone, edits, order, listing)| {
            let mut strengths = [[0u8; CONTROLS]; 9];
            for (cell, row) in strengths.iter_mut().zip(&raw) {
                cell.copy_from_slice(row);
            }
            if monotone {
                close(&mut strengths);
            }
            for (cell, control, strength) in edits {
                strengths[cell][control] = strength;
            }
            MatrixPlan {
                strengths,
                order,
                listing,
            }
        })
}

/// The document positions of cells weaker than a neighbour below them, for
/// some control.
fn ref_violations(plan: &MatrixPlan) -> BTreeSet<usize> {
    let s = &plan.strengths;
    let mut out = BTreeSet::new();
    for i in 0..9 {
        let (t, l) = cell_of(i);
        let below = [
            (t > 0).then(|| (t - 1) * 3 + l),
            (l > 0).then(|| t * 3 + l - 1),
        ];
        for j in below.into_iter().flatten() {
            if (0..CONTROLS).any(|k| s[i][k] < s[j][k]) {
                out.insert(plan.order.iter().position(|&c| c == i).unwrap());
            }
        }
    }
    out
}

fn matrix_policy(plan: &MatrixPlan) -> Policy {
    let mut policy = Policy::moj_default();
    let ids: Vec<String> = policy
        .counter_terrorism
        .controls
        .iter()
        .map(|c| c.id.clone())
        .collect();
    assert_eq!(ids.len(), CONTROLS);
    let list = |cell: usize, strength: u8| {
        plan.listing
            .iter()
            .filter(|&&k| plan.strengths[cell][k] == strength)
            .map(|&k| ids[k].clone())
            .collect::<Vec<_>>()
    };
    policy.counter_terrorism.control_matrix.cells = plan
        .order
        .iter()
        .map(|&cell| {
            let (t, l) = cell_of(cell);
            ControlCell {
                tier: SiteTier::ALL[t],
                response_level: ResponseLevel::ALL[l],
                required: list(cell, 2),
                recommended: list(cell, 1),
            }
        })
        .collect();
    policy
}

/// Required and recommended control ids for each tier and response level.
type CellLists = BTreeMap<(SiteTier, ResponseLevel), (Vec<String>, Vec<String>)>;

/// The threat level that maps to each response level under the default policy.
fn threat_for(level: ResponseLevel) -> ThreatLevel {
    match level {
        ResponseLevel::Normal => ThreatLevel::Low,
        ResponseLevel::Heightened => ThreatLevel::Substantial,
        ResponseLevel::Exceptional => ThreatLevel::Critical,
    }
}

/// Required and recommended controls for every tier and level, as a site gets
/// them.
fn controls_by_cell(engine: &Engine) -> CellLists {
    let as_of = date((2026, 6, 15));
    let mut out = BTreeMap::new();
    for tier in SiteTier::ALL {
        for level in ResponseLevel::ALL {
            let site = Site {
                id: "M".into(),
                name: "m".into(),
                business_area: None,
                security_officer: None,
                emergency_arrangements: None,
                risk_assessment: None,
                tier,
                tier_assessed: as_of,
                ct_plan: None,
                threat_assessment: None,
                risk_assessed: None,
                response_override: None,
                exceptional_reviewed: None,
                controls_in_place: None,
            };
            let status = engine.site_status(&site, threat_for(level), as_of).unwrap();
            assert_eq!(status.response_level, level);
            out.insert(
                (tier, level),
                (
                    strings(&status.required_controls),
                    strings(&status.recommended_controls),
                ),
            );
        }
    }
    out
}

/// No higher tier or response level drops a required control or demotes it to
/// recommended, or drops a recommended one.
fn check_monotone(cells: &CellLists) -> Result<(), String> {
    for (&(lo_tier, lo_level), (lo_req, lo_rec)) in cells {
        for (&(hi_tier, hi_level), (hi_req, hi_rec)) in cells {
            if hi_tier < lo_tier || hi_level < lo_level {
                continue;
            }
            for id in lo_req {
                if !hi_req.contains(id) {
                    return Err(format!(
                        "`{id}` is required for {lo_tier} at {lo_level} but not for {hi_tier} at {hi_level} (recommended there: {})",
                        hi_rec.contains(id)
                    ));
                }
            }
            for id in lo_rec {
                if !hi_req.contains(id) && !hi_rec.contains(id) {
                    return Err(format!(
                        "`{id}` is recommended for {lo_tier} at {lo_level} but dropped for {hi_tier} at {hi_level}"
                    ));
                }
            }
        }
    }
    Ok(())
}

#[test]
fn default_matrix_never_shrinks_as_tier_or_level_rises() {
    let cells = controls_by_cell(&ENGINE);
    assert_eq!(cells.len(), 9);
    check_monotone(&cells).unwrap();
    // Some control is added at every step up (the matrix is not flat).
    for ((tier, level), (required, _)) in &cells {
        if let Some(&next) = ResponseLevel::ALL.get(level.index() + 1) {
            assert!(
                cells[&(*tier, next)].0.len() > required.len(),
                "{tier} {level}"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Generated threat mappings and CT-plan test intervals.
// ---------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct SchedulePlan {
    /// Response level per threat level, lowest threat first.
    mapping: Vec<ResponseLevel>,
    /// (due, overdue) months per tier, LOW first.
    tests: Vec<(u32, u32)>,
}

fn schedule_plan() -> impl Strategy<Value = SchedulePlan> {
    let months = || prop::sample::select(vec![0u32, 1, 6, 12, 18, 24, 36, 60, 120, 240, 241]);
    (
        prop::collection::vec(prop::sample::select(ResponseLevel::ALL.to_vec()), 5),
        prop::bool::weighted(0.6),
        prop::collection::vec((months(), months()), 3),
        prop::bool::weighted(0.6),
    )
        .prop_map(|(mut mapping, sort_mapping, mut tests, sort_tests)| {
            if sort_mapping {
                mapping.sort();
            }
            if sort_tests {
                // Longest interval for the lowest tier; overdue never before due.
                for t in &mut tests {
                    *t = (t.0.min(t.1), t.0.max(t.1));
                }
                tests.sort_by(|a, b| b.cmp(a));
            }
            SchedulePlan { mapping, tests }
        })
}

/// Every problem the validator must report for a plan.
fn ref_schedule_errors(plan: &SchedulePlan) -> BTreeSet<(ErrorCode, String)> {
    let mut out = BTreeSet::new();
    for (i, pair) in plan.mapping.windows(2).enumerate() {
        if pair[1] < pair[0] {
            out.insert((
                ErrorCode::PolicyNotMonotone,
                format!("/counterTerrorism/threatLevels/{}/responseLevel", i + 1),
            ));
        }
    }
    for (i, &(due, overdue)) in plan.tests.iter().enumerate() {
        let at = format!("/counterTerrorism/ctPlanTests/{i}");
        if due == 0 || due > 240 {
            out.insert((
                ErrorCode::PolicyInvalidValue,
                format!("{at}/dueAfterMonths"),
            ));
        }
        if overdue > 240 {
            out.insert((
                ErrorCode::PolicyInvalidValue,
                format!("{at}/overdueAfterMonths"),
            ));
        }
        if overdue < due {
            out.insert((
                ErrorCode::PolicyNotMonotone,
                format!("{at}/overdueAfterMonths"),
            ));
        }
        if i > 0 {
            let (lower_due, lower_overdue) = plan.tests[i - 1];
            if due > lower_due {
                out.insert((ErrorCode::PolicyNotMonotone, format!("{at}/dueAfterMonths")));
            }
            if overdue > lower_overdue {
                out.insert((
                    ErrorCode::PolicyNotMonotone,
                    format!("{at}/overdueAfterMonths"),
                ));
            }
        }
    }
    out
}

/// A valid policy with other intervals and warning windows.
#[derive(Debug, Clone)]
struct IntervalPlan {
    due_soon_days: u32,
    risk_months: u32,
    tier_months: u32,
    review_days: u32,
    /// (due, extra months until overdue) per tier, LOW first; sorted so that a
    /// higher tier is tested at least as often.
    tests: Vec<(u32, u32)>,
}

fn interval_plan() -> impl Strategy<Value = IntervalPlan> {
    (
        prop_oneof![Just(0u32), Just(90), Just(366), 0u32..=366],
        prop_oneof![Just(1u32), Just(12), 1u32..=120],
        prop_oneof![Just(1u32), Just(12), 1u32..=120],
        prop_oneof![Just(1u32), Just(7), 1u32..=366],
        prop::collection::vec((1u32..=72, 0u32..=48), 3),
    )
        .prop_map(
            |(due_soon_days, risk_months, tier_months, review_days, mut tests)| {
                // Both due and overdue must not grow with the tier.
                tests.sort_by_key(|&(due, extra)| std::cmp::Reverse((due, due + extra)));
                let mut tests: Vec<(u32, u32)> =
                    tests.into_iter().map(|(d, e)| (d, d + e)).collect();
                for i in 1..tests.len() {
                    tests[i].1 = tests[i].1.min(tests[i - 1].1);
                }
                IntervalPlan {
                    due_soon_days,
                    risk_months,
                    tier_months,
                    review_days,
                    tests,
                }
            },
        )
}

fn interval_engine(plan: &IntervalPlan) -> Engine {
    // The intervals explored may be longer than the MoJ texts allow.
    let mut policy = common::variations::vary_every_statement(&Policy::moj_default());
    let rules = &mut policy.counter_terrorism;
    rules.due_soon.days = plan.due_soon_days;
    rules.risk_assessment.months = plan.risk_months;
    rules.tier_reassessment.months = plan.tier_months;
    rules.exceptional_review.days = plan.review_days;
    for (rule, &(due, overdue)) in rules.ct_plan_tests.iter_mut().zip(&plan.tests) {
        rule.due_after_months = due;
        rule.overdue_after_months = overdue;
    }
    Engine::new(policy).unwrap()
}

// ---------------------------------------------------------------------------
// JSON-ish inputs.
// ---------------------------------------------------------------------------

const FIELD_NAMES: &[&str] = &[
    "schemaVersion",
    "asOf",
    "threatLevel",
    "site",
    "sites",
    "id",
    "name",
    "businessArea",
    "tier",
    "tierAssessed",
    "ctPlan",
    "variesByResponseLevel",
    "lastTested",
    "threatAssessment",
    "threatDocumented",
    "mitigationDocumented",
    "riskAssessed",
    "responseOverride",
    "level",
    "approval",
    "by",
    "on",
    "reason",
    "exceptionalReviewed",
    "businessAreasAffected",
    "frontLineServicesSignificantlyAffected",
];

const WORDS: &[&str] = &[
    "low",
    "moderate",
    "medium",
    "high",
    "substantial",
    "severe",
    "critical",
    "normal",
    "heightened",
    "exceptional",
    "LOW",
    "2024-02-29",
    "2023-02-29",
    "2026-06-15",
    "2026-06-16",
    "2099-01-01",
    "0001-01-01",
    "9999-12-31",
    "2026-6-15",
    "",
    " ",
    "DSO",
];

fn json_key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(FIELD_NAMES.to_vec()).prop_map(str::to_owned),
        1 => "[a-z/~`]{0,6}",
        1 => any::<String>(),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        prop_oneof![Just(0i64), Just(1), Just(2), Just(-1), any::<i64>()].prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        Just(json!(18_446_744_073_709_551_615u64)),
        prop::sample::select(WORDS.to_vec()).prop_map(|s| json!(s)),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(json_key(), inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Pointers into a site status request (and, under `/sites/N`, a portfolio).
const SITE_POINTERS: &[&str] = &[
    "",
    "/id",
    "/name",
    "/businessArea",
    "/tier",
    "/tierAssessed",
    "/ctPlan",
    "/ctPlan/variesByResponseLevel",
    "/ctPlan/lastTested",
    "/threatAssessment",
    "/threatAssessment/threatDocumented",
    "/threatAssessment/mitigationDocumented",
    "/riskAssessed",
    "/responseOverride",
    "/responseOverride/level",
    "/responseOverride/approval",
    "/responseOverride/approval/by",
    "/responseOverride/approval/on",
    "/responseOverride/approval/reason",
    "/exceptionalReviewed",
];

#[derive(Debug, Clone)]
enum Edit {
    Remove(String),
    Replace(String, Value),
    Insert(String, String, Value),
}

/// An edit somewhere in a request whose sites sit under `prefixes`.
fn edit(prefixes: Vec<String>) -> impl Strategy<Value = Edit> {
    let pointer = (
        prop::sample::select(prefixes),
        prop::sample::select(SITE_POINTERS.to_vec()),
    )
        .prop_map(|(prefix, inside)| format!("{prefix}{inside}"));
    let top = prop::sample::select(vec!["", "/asOf", "/threatLevel", "/schemaVersion"])
        .prop_map(str::to_owned);
    let at = prop_oneof![4 => pointer, 1 => top];
    prop_oneof![
        at.clone().prop_map(Edit::Remove),
        (at.clone(), json_value()).prop_map(|(p, v)| Edit::Replace(p, v)),
        (at, json_key(), json_value()).prop_map(|(p, k, v)| Edit::Insert(p, k, v)),
    ]
}

fn apply_edit(value: &mut Value, edit: &Edit) {
    match edit {
        Edit::Remove(pointer) => {
            let Some((parent, last)) = pointer.rsplit_once('/') else {
                return;
            };
            match value.pointer_mut(parent) {
                Some(Value::Object(map)) => {
                    map.remove(last);
                }
                Some(Value::Array(items)) => {
                    if let Ok(index) = last.parse::<usize>() {
                        if index < items.len() {
                            items.remove(index);
                        }
                    }
                }
                _ => {}
            }
        }
        Edit::Replace(pointer, new) => {
            if let Some(slot) = value.pointer_mut(pointer) {
                *slot = new.clone();
            }
        }
        Edit::Insert(pointer, key, new) => {
            if let Some(Value::Object(map)) = value.pointer_mut(pointer) {
                map.insert(key.clone(), new.clone());
            }
        }
    }
}

#[derive(Debug, Clone)]
struct TextEdit {
    at: u16,
    delete: u8,
    insert: String,
}

fn text_edit() -> impl Strategy<Value = TextEdit> {
    let token = prop_oneof![
        prop::sample::select(vec![
            "",
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"",
            "\\",
            "null",
            "true",
            "-0",
            "1e999",
            "\"medium\"",
            "\"2024-02-29\"",
            "\"2023-02-29\"",
            "\\u0000",
            "\\ud800",
            "\u{feff}",
            " ",
        ])
        .prop_map(str::to_owned),
        any::<char>().prop_map(String::from),
    ];
    (any::<u16>(), 0u8..8, token).prop_map(|(at, delete, insert)| TextEdit { at, delete, insert })
}

fn apply_text_edit(text: &str, edit: &TextEdit) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = chars.len() * usize::from(edit.at) / (usize::from(u16::MAX) + 1);
    let end = (at + usize::from(edit.delete)).min(chars.len());
    let mut out: String = chars[..at].iter().collect();
    out.push_str(&edit.insert);
    out.extend(&chars[end..]);
    out
}

/// An error from a JSON entry point: never internal, never a policy error, a
/// message and a JSON pointer which, for a well-formed `value`, names
/// something in it or the object where a field is missing.
fn check_error(
    e: &spf_core::SpfError,
    value: Option<&Value>,
    text: &str,
) -> Result<(), TestCaseError> {
    prop_assert_ne!(e.code, ErrorCode::Internal, "{:?} for {:?}", e, text);
    prop_assert!(!e.code.is_policy_error(), "{:?}", e);
    prop_assert!(e.path.is_empty() || e.path.starts_with('/'), "{:?}", e);
    prop_assert!(!e.message.is_empty());
    if let Some(value) = value {
        let parent = e.path.rsplit_once('/').map_or("", |(p, _)| p);
        prop_assert!(
            value.pointer(&e.path).is_some() || value.pointer(parent).is_some(),
            "{:?} in {}",
            e,
            text
        );
    }
    Ok(())
}

/// Any text through `json::site_status`: an answer that agrees with the typed
/// API, or a clean error.
fn check_site_json(text: &str, value: Option<&Value>) -> Result<(), TestCaseError> {
    match json::site_status(&ENGINE, text) {
        Ok(out) => {
            let answer: SiteStatus = serde_json::from_str(&out)
                .map_err(|e| TestCaseError::fail(format!("answer does not parse: {e}")))?;
            let request: SiteStatusRequest = json::parse(text)
                .map_err(|e| TestCaseError::fail(format!("accepted text does not parse: {e}")))?;
            let direct = ENGINE
                .site_status_request(&request)
                .map_err(|e| TestCaseError::fail(format!("typed API rejects it: {e}")))?;
            prop_assert_eq!(answer, direct);
            prop_assert_eq!(json::site_status(&ENGINE, text).unwrap(), out);
        }
        Err(e) => check_error(&e, value, text)?,
    }
    Ok(())
}

fn check_portfolio_json(text: &str, value: Option<&Value>) -> Result<(), TestCaseError> {
    match json::portfolio(&ENGINE, text) {
        Ok(out) => {
            let report: PortfolioReport = serde_json::from_str(&out)
                .map_err(|e| TestCaseError::fail(format!("answer does not parse: {e}")))?;
            for r in &report.rejected {
                check_error(&r.error, value, text)?;
                prop_assert!(
                    r.error.path.starts_with(&format!("/sites/{}", r.index)),
                    "{:?}",
                    r
                );
            }
            prop_assert_eq!(json::portfolio(&ENGINE, text).unwrap(), out);
        }
        Err(e) => check_error(&e, value, text)?,
    }
    Ok(())
}

fn check_other_json(text: &str) -> Result<(), TestCaseError> {
    for result in [
        json::response_level(&ENGINE, text),
        json::coordinate(&ENGINE, text),
    ] {
        if let Err(e) = result {
            check_error(&e, None, text)?;
        }
    }
    Ok(())
}

fn site_request(as_of: Ymd, threat: ThreatLevel, site: &Site) -> Value {
    json!({"asOf": date(as_of), "threatLevel": threat, "site": site})
}

// ---------------------------------------------------------------------------
// Portfolio helpers.
// ---------------------------------------------------------------------------

fn tally(counts: &mut ObligationCounts, status: ScheduleStatus) {
    match status {
        ScheduleStatus::Ok => counts.ok += 1,
        ScheduleStatus::DueSoon => counts.due_soon += 1,
        ScheduleStatus::Due => counts.due += 1,
        ScheduleStatus::Overdue => counts.overdue += 1,
        ScheduleStatus::NeverDone => counts.never_done += 1,
    }
}

/// The report rebuilt from each site's own status.
/// Checks a threat change's impact against two site statuses of each site (at
/// the threat level before and after; each is checked against the reference
/// elsewhere): levels, controls newly required and released, gaps opened, the
/// grouping by business area and the summary.
fn check_threat_change(
    sites: &[Site],
    request: &ThreatChangeRequest,
    impact: &ThreatChangeImpact,
) -> Result<(), TestCaseError> {
    let as_of = request.as_of;
    let in_scope = |id: &str| {
        request
            .site_ids
            .as_ref()
            .is_none_or(|ids| ids.iter().any(|i| i == id))
    };
    let by_id: BTreeMap<&str, (&Option<String>, &SiteImpact)> = impact
        .areas
        .iter()
        .flat_map(|area| {
            area.sites
                .iter()
                .map(move |s| (s.site_id.as_str(), (&area.business_area, s)))
        })
        .collect();
    let mut ids = BTreeSet::new();
    let mut expected_rejected = Vec::new();
    let mut changing = 0usize;
    let mut entering = 0usize;
    for (index, site) in sites.iter().enumerate() {
        if !ids.insert(site.id.as_str()) {
            expected_rejected.push(index);
            continue;
        }
        let to = if in_scope(&site.id) {
            request.to
        } else {
            request.from
        };
        let before = ENGINE.site_status(site, request.from, as_of);
        let mut after = ENGINE.site_status(site, to, as_of);
        // An override the change leaves below the mapped level without an
        // approval no longer holds: the site is as it would be without it.
        let needs_approval = before.is_ok()
            && after
                .as_ref()
                .is_err_and(|e| e.code == ErrorCode::OverrideNotApproved);
        if needs_approval {
            let mut without = site.clone();
            without.response_override = None;
            after = ENGINE.site_status(&without, to, as_of);
        }
        let (Ok(before), Ok(after)) = (before, after) else {
            expected_rejected.push(index);
            prop_assert!(
                !by_id.contains_key(site.id.as_str()),
                "{} was assessed",
                site.id
            );
            continue;
        };
        let Some((area, got)) = by_id.get(site.id.as_str()) else {
            return Err(TestCaseError::fail(format!("{} is missing", site.id)));
        };
        prop_assert_eq!(*area, &site.business_area);
        prop_assert_eq!(got.override_needs_approval, needs_approval);
        prop_assert_eq!(got.told, in_scope(&site.id) && request.from != request.to);
        prop_assert_eq!(got.response_level_before, before.response_level);
        prop_assert_eq!(got.response_level_after, after.response_level);
        if before.response_level != after.response_level {
            changing += 1;
        }
        let minus = |a: &[ControlId], b: &[ControlId]| -> Vec<ControlId> {
            a.iter().filter(|c| !b.contains(c)).cloned().collect()
        };
        let newly = minus(&after.required_controls, &before.required_controls);
        prop_assert_eq!(&got.newly_required[..], &newly[..]);
        prop_assert_eq!(
            &got.no_longer_required[..],
            &minus(&before.required_controls, &after.required_controls)[..]
        );
        let gaps: Vec<_> = after
            .baseline
            .gaps
            .iter()
            .filter(|g| g.requirement == Requirement::Required && newly.contains(&g.control))
            .cloned()
            .collect();
        prop_assert_eq!(&got.gaps_opened, &gaps);
        prop_assert_eq!(got.controls_recorded, after.baseline.recorded);
        prop_assert_eq!(
            got.exceptional_review_due_on.is_some(),
            after.response_level == ResponseLevel::Exceptional
        );
        // Entering EXCEPTIONAL, the site is reviewed from the day of the change;
        // already there, its schedule says when, as its site status does.
        if after.response_level == ResponseLevel::Exceptional {
            let expected = if before.response_level == ResponseLevel::Exceptional {
                after
                    .schedules
                    .exceptional_review
                    .as_ref()
                    .and_then(|r| r.due_on)
                    .unwrap_or(as_of)
            } else {
                entering += 1;
                as_of
            };
            prop_assert_eq!(got.exceptional_review_due_on, Some(expected));
        }
    }
    let rejected: Vec<usize> = impact.rejected.iter().map(|r| r.index).collect();
    prop_assert_eq!(rejected, expected_rejected);
    let summary = &impact.summary;
    prop_assert_eq!(summary.sites, by_id.len());
    prop_assert_eq!(summary.sites + impact.rejected.len(), sites.len());
    prop_assert_eq!(summary.sites_changing_level, changing);
    prop_assert_eq!(summary.sites_raised + summary.sites_lowered, changing);
    prop_assert_eq!(summary.exceptional_reviews_due, entering);
    let mapped = |level: ThreatLevel| ENGINE.response_level(level).response_level;
    prop_assert_eq!(
        summary.permanent_secretary_advised,
        changing > 0 || mapped(request.from) != mapped(request.to)
    );
    let all = || impact.areas.iter().flat_map(|a| &a.sites);
    prop_assert_eq!(
        summary.controls_to_stand_up,
        all().map(|s| s.newly_required.len()).sum::<usize>()
    );
    prop_assert_eq!(
        summary.gaps_opened,
        all().map(|s| s.gaps_opened.len()).sum::<usize>()
    );
    // Named areas in order of name, then the sites with none; each area's
    // affected sites first, each part by id.
    let names: Vec<&Option<String>> = impact.areas.iter().map(|a| &a.business_area).collect();
    let mut sorted = names.clone();
    sorted.sort_by_key(|name| (name.is_none(), *name));
    sorted.dedup();
    prop_assert_eq!(names, sorted);
    for area in &impact.areas {
        prop_assert!(!area.sites.is_empty());
        for pair in area.sites.windows(2) {
            let key = |s: &SiteImpact| (!s.is_affected(), s.change, s.site_id.clone());
            prop_assert!(key(&pair[0]) < key(&pair[1]), "{:?}", pair);
        }
    }
    Ok(())
}

fn check_portfolio(
    engine: &Engine,
    sites: &[Site],
    threat: ThreatLevel,
    as_of: Ymd,
    report: &PortfolioReport,
) -> Result<(), TestCaseError> {
    let counts = &report.counts;
    prop_assert_eq!(report.sites + report.rejected.len(), sites.len());
    prop_assert_eq!(
        counts.by_tier.low + counts.by_tier.moderate + counts.by_tier.high,
        report.sites
    );
    let levels = &counts.by_response_level;
    prop_assert_eq!(
        levels.normal + levels.heightened + levels.exceptional,
        report.sites
    );
    for c in [
        counts.ct_plan_test,
        counts.risk_assessment,
        counts.tier_reassessment,
    ] {
        prop_assert_eq!(c.total(), report.sites);
    }
    prop_assert_eq!(counts.exceptional_review.total(), levels.exceptional);
    // Each list holds exactly the entries the counts count.
    let listed = |list: &[PortfolioEntry], obligation: Obligation| {
        list.iter().filter(|e| e.obligation == obligation).count()
    };
    for (obligation, c) in [
        (Obligation::CtPlanTest, counts.ct_plan_test),
        (Obligation::RiskAssessment, counts.risk_assessment),
        (Obligation::TierReassessment, counts.tier_reassessment),
        (Obligation::ExceptionalReview, counts.exceptional_review),
    ] {
        prop_assert_eq!(listed(&report.overdue, obligation), c.overdue);
        prop_assert_eq!(listed(&report.due, obligation), c.due);
        prop_assert_eq!(listed(&report.due_soon, obligation), c.due_soon);
        prop_assert_eq!(listed(&report.never_done, obligation), c.never_done);
    }
    // Lists are ordered by date, then site id.
    for list in [
        &report.overdue,
        &report.due,
        &report.due_soon,
        &report.never_done,
    ] {
        for pair in list.windows(2) {
            prop_assert!(
                (pair[0].date, &pair[0].site_id) <= (pair[1].date, &pair[1].site_id),
                "{:?}",
                pair
            );
        }
    }
    // Every entry agrees with the site's own status.
    let mut expected: [Vec<PortfolioEntry>; 4] = Default::default();
    let mut expected_counts = spf_core::site::PortfolioCounts::default();
    // Each gap keyed as the report orders them: required before recommended,
    // missing before unverified, then site id and the site's own order.
    let mut expected_gaps = Vec::new();
    let mut rejected = Vec::new();
    let mut ids = BTreeSet::new();
    for (index, site) in sites.iter().enumerate() {
        // A site whose id an earlier site uses is rejected at its id.
        if !ids.insert(site.id.as_str()) {
            rejected.push((
                index,
                ErrorCode::DuplicateEntry,
                format!("/sites/{index}/id"),
            ));
            continue;
        }
        let status = match engine.site_status(site, threat, date(as_of)) {
            Ok(status) => status,
            Err(e) => {
                // Errors point into the site record; the report points into the
                // request.
                let path = format!("/sites/{index}{}", e.path);
                rejected.push((index, e.code, path));
                continue;
            }
        };
        match site.tier {
            SiteTier::Low => expected_counts.by_tier.low += 1,
            SiteTier::Moderate => expected_counts.by_tier.moderate += 1,
            SiteTier::High => expected_counts.by_tier.high += 1,
        }
        match status.response_level {
            ResponseLevel::Normal => expected_counts.by_response_level.normal += 1,
            ResponseLevel::Heightened => expected_counts.by_response_level.heightened += 1,
            ResponseLevel::Exceptional => expected_counts.by_response_level.exceptional += 1,
        }
        let baseline = &status.baseline;
        if !baseline.recorded {
            expected_counts.baseline.not_recorded += 1;
        } else if baseline.all_required_in_place() {
            expected_counts.baseline.all_required_in_place += 1;
        } else {
            expected_counts.baseline.required_gaps += 1;
        }
        for (place, gap) in baseline.gaps.iter().enumerate() {
            expected_gaps.push((
                (gap.requirement, gap.state, site.id.clone(), place),
                BaselineGap {
                    requirement: gap.requirement,
                    state: gap.state,
                    site_id: site.id.as_str().into(),
                    control: gap.control.clone(),
                    verified_on: gap.verified_on,
                },
            ));
        }
        let s = &status.schedules;
        let mut each = vec![
            (
                Obligation::CtPlanTest,
                s.ct_plan_test,
                &mut expected_counts.ct_plan_test,
            ),
            (
                Obligation::RiskAssessment,
                s.risk_assessment,
                &mut expected_counts.risk_assessment,
            ),
            (
                Obligation::TierReassessment,
                s.tier_reassessment,
                &mut expected_counts.tier_reassessment,
            ),
        ];
        if let Some(review) = s.exceptional_review {
            each.push((
                Obligation::ExceptionalReview,
                review,
                &mut expected_counts.exceptional_review,
            ));
        }
        for (obligation, schedule, counts) in each {
            tally(counts, schedule.status);
            let (slot, date) = match schedule.status {
                ScheduleStatus::Ok => continue,
                ScheduleStatus::Overdue => (0, schedule.overdue_after),
                ScheduleStatus::Due => (1, schedule.due_on),
                ScheduleStatus::DueSoon => (2, schedule.due_on),
                ScheduleStatus::NeverDone => (3, None),
            };
            expected[slot].push(PortfolioEntry {
                date,
                site_id: site.id.clone(),
                obligation,
            });
        }
    }
    for list in &mut expected {
        list.sort();
    }
    prop_assert_eq!(&report.overdue, &expected[0]);
    prop_assert_eq!(&report.due, &expected[1]);
    prop_assert_eq!(&report.due_soon, &expected[2]);
    prop_assert_eq!(&report.never_done, &expected[3]);
    prop_assert_eq!(&report.counts, &expected_counts);
    expected_gaps.sort_by(|a, b| a.0.cmp(&b.0));
    let expected_gaps: Vec<BaselineGap> = expected_gaps.into_iter().map(|(_, gap)| gap).collect();
    prop_assert_eq!(&report.baseline_gaps, &expected_gaps);
    let got: Vec<(usize, ErrorCode, String)> = report
        .rejected
        .iter()
        .map(|r| (r.index, r.error.code, r.error.path.clone()))
        .collect();
    prop_assert_eq!(got, rejected);
    Ok(())
}

// ---------------------------------------------------------------------------
// Co-ordination helpers.
// ---------------------------------------------------------------------------

const AREA_NAMES: &[&str] = &[
    "HMCTS",
    "hmcts",
    " HMCTS ",
    "HMPPS",
    "Hmpps",
    "\tHMPPS",
    "LAA",
    "OPG",
    "Youth Justice Board",
    "youth justice board",
    "",
    " ",
    "\n",
];

// ---------------------------------------------------------------------------
// Properties.
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(256))]

    /// Near 0001-01-01 the warning window can start before the first date the
    /// library represents; it then starts on 0001-01-01, so an earlier last-done
    /// date never gives a better status there either.
    #[test]
    fn an_earlier_last_done_never_gives_a_better_status_near_year_one(
        as_of in (1i32..=2, 1u32..=12, 1u32..=31).prop_map(clamp_ymd),
        backs in (0i64..=400, 0i64..=400),
        due in 0u32..=24,
        soon in 0u32..=366,
    ) {
        let interval = Interval { due_after_months: due, overdue_after_months: due };
        let first = (1, 1, 1);
        let earlier = add_days(as_of, -backs.0.max(backs.1)).unwrap_or(first).max(first);
        let later = add_days(as_of, -backs.0.min(backs.1)).unwrap_or(first).max(first);
        let a = Schedule::evaluate(Some(date(earlier)), interval, soon, date(as_of));
        let b = Schedule::evaluate(Some(date(later)), interval, soon, date(as_of));
        prop_assert!(a.status >= b.status, "{:?} last {:?} vs {:?} last {:?}", a, earlier, b, later);
    }
}

proptest! {
    #![proptest_config(config(CASES))]

    // --- Control matrices. ---

    #[test]
    fn generated_matrices_are_accepted_exactly_when_monotone(plan in matrix_plan()) {
        let policy = matrix_policy(&plan);
        let violations = ref_violations(&plan);
        match Engine::new(policy.clone()) {
            Ok(engine) => {
                prop_assert!(violations.is_empty(), "accepted despite shrinking cells {:?}", violations);
                let cells = controls_by_cell(&engine);
                if let Err(why) = check_monotone(&cells) {
                    return Err(TestCaseError::fail(why));
                }
                // Each site gets its cell, in catalogue order.
                for ((tier, level), got) in &cells {
                    prop_assert_eq!(got, &ref_controls(&policy, *tier, *level));
                }
            }
            Err(errors) => {
                prop_assert!(!violations.is_empty(), "rejected a monotone matrix: {}", errors);
                let mut paths = BTreeSet::new();
                for e in errors.iter() {
                    prop_assert_eq!(e.code, ErrorCode::PolicyNotMonotone, "{:?}", e);
                    paths.insert(e.path.clone());
                }
                let expected: BTreeSet<String> = violations
                    .iter()
                    .map(|i| format!("/counterTerrorism/controlMatrix/cells/{i}"))
                    .collect();
                prop_assert_eq!(paths, expected);
            }
        }
    }

    #[test]
    fn generated_mappings_and_test_intervals_are_accepted_exactly_when_valid(plan in schedule_plan()) {
        // The intervals explored may be longer than the MoJ texts allow.
        let mut policy = common::variations::vary_every_statement(&Policy::moj_default());
        let rules = &mut policy.counter_terrorism;
        for (rule, level) in rules.threat_levels.iter_mut().zip(&plan.mapping) {
            rule.response_level = *level;
        }
        for (rule, &(due, overdue)) in rules.ct_plan_tests.iter_mut().zip(&plan.tests) {
            rule.due_after_months = due;
            rule.overdue_after_months = overdue;
        }
        let expected = ref_schedule_errors(&plan);
        match Engine::from_policy_json(&policy.to_json_pretty()) {
            Ok(engine) => {
                prop_assert!(expected.is_empty(), "accepted despite {:?}", expected);
                let as_of = date((2026, 6, 15));
                for (threat, level) in ThreatLevel::ALL.into_iter().zip(&plan.mapping) {
                    prop_assert_eq!(engine.response_level_for(threat), *level);
                    prop_assert_eq!(engine.response_level(threat).response_level, *level);
                }
                // Each tier's CT-plan test uses its own interval.
                for (tier, &(due, overdue)) in SiteTier::ALL.into_iter().zip(&plan.tests) {
                    let last = (2020, 2, 29);
                    let site = Site {
                        id: "T".into(),
                        name: "t".into(),
                        business_area: None,
                        security_officer: None,
                        emergency_arrangements: None,
                        risk_assessment: None,
                        tier,
                        tier_assessed: as_of,
                        ct_plan: Some(CtPlan { varies_by_response_level: true, last_tested: Some(date(last)) }),
                        threat_assessment: None,
                        risk_assessed: None,
                        response_override: None,
                        exceptional_reviewed: Some(as_of),
                        controls_in_place: None,
                    };
                    let status = engine.site_status(&site, ThreatLevel::Low, as_of).unwrap();
                    prop_assert_eq!(
                        status.schedules.ct_plan_test,
                        ref_schedule(Some(last), due, overdue, DUE_SOON_DAYS, (2026, 6, 15))
                    );
                }
            }
            Err(errors) => {
                let got: BTreeSet<(ErrorCode, String)> =
                    errors.iter().map(|e| (e.code, e.path.clone())).collect();
                prop_assert_eq!(got, expected);
            }
        }
    }

    // --- Schedules. ---

    #[test]
    fn schedule_dates_are_ordered_and_status_never_improves(
        last in last_done_ymd(),
        due in prop_oneof![
            4 => prop::sample::select(vec![0u32, 6, 12, 24, 36, 60]),
            4 => 0u32..=240,
            1 => any::<u32>(),
        ],
        overdue in prop_oneof![
            4 => prop::sample::select(vec![0u32, 12, 24, 60]),
            4 => 0u32..=240,
            1 => any::<u32>(),
        ],
        soon in prop_oneof![4 => Just(90u32), 4 => 0u32..=400, 1 => any::<u32>()],
        offsets in (offset_days(), offset_days()),
        far in prop::option::weighted(0.1, any_ymd()),
    ) {
        let interval = Interval { due_after_months: due, overdue_after_months: overdue };
        let first = add_days(last, offsets.0).unwrap_or(last);
        let second = far.unwrap_or_else(|| add_days(last, offsets.1).unwrap_or(last));
        let (early, late) = if first <= second { (first, second) } else { (second, first) };
        let a = Schedule::evaluate(Some(date(last)), interval, soon, date(early));
        let b = Schedule::evaluate(Some(date(last)), interval, soon, date(late));
        prop_assert_eq!(a, ref_schedule(Some(last), due, overdue, soon, early));
        prop_assert_eq!(b, ref_schedule(Some(last), due, overdue, soon, late));
        prop_assert!(a.status <= b.status, "{:?} on {:?} then {:?} on {:?}", a.status, early, b.status, late);
        let last = date(last);
        prop_assert_eq!(a.last_done, Some(last));
        if let Some(d) = a.due_on {
            prop_assert!(d >= last);
        }
        if let Some(d) = a.overdue_after {
            prop_assert!(d >= last);
            prop_assert!(a.due_on.is_some_and(|due| due <= d));
        }
        if a.due_on.is_none() {
            prop_assert_eq!(a.overdue_after, None);
            prop_assert_eq!(a.due_soon_from, None);
        }
        if let (Some(from), Some(due)) = (a.due_soon_from, a.due_on) {
            prop_assert!(from <= due);
        }
        prop_assert_ne!(a.status, ScheduleStatus::NeverDone);
        // Never done is never done, whatever the day.
        let never = Schedule::evaluate(None, interval, soon, date(late));
        prop_assert_eq!(never.status, ScheduleStatus::NeverDone);
        prop_assert_eq!((never.due_on, never.due_soon_from, never.overdue_after), (None, None, None));
    }

    #[test]
    fn an_earlier_last_done_never_gives_a_better_status(
        as_of in any_ymd().prop_filter("window stays after year 1", |d| d.0 >= 3),
        backs in (0i64..=8000, 0i64..=8000),
        due in 0u32..=240,
        extra in 0u32..=120,
        soon in 0u32..=366,
    ) {
        let interval = Interval { due_after_months: due, overdue_after_months: due + extra };
        let earlier = add_days(as_of, -backs.0.max(backs.1)).unwrap_or((3, 1, 1)).max((3, 1, 1));
        let later = add_days(as_of, -backs.0.min(backs.1)).unwrap_or((3, 1, 1)).max((3, 1, 1));
        let a = Schedule::evaluate(Some(date(earlier)), interval, soon, date(as_of));
        let b = Schedule::evaluate(Some(date(later)), interval, soon, date(as_of));
        prop_assert!(a.status >= b.status, "{:?} last {:?} vs {:?} last {:?}", a, earlier, b, later);
    }

    #[test]
    fn a_later_as_of_never_gives_a_site_a_better_status(
        plan in site_plan(true),
        threat in threat(),
        as_of in as_of_ymd(),
        later in prop_oneof![0i64..=10, 0i64..=400, 0i64..=2500],
    ) {
        let mut site = plan.build(as_of);
        approve(&mut site, threat, as_of);
        let later = add_days(as_of, later).unwrap();
        let a = ENGINE.site_status(&site, threat, date(as_of)).unwrap();
        let b = ENGINE.site_status(&site, threat, date(later)).unwrap();
        prop_assert_eq!(a.response_level, b.response_level);
        let (x, y) = (&a.schedules, &b.schedules);
        prop_assert!(x.ct_plan_test.status <= y.ct_plan_test.status);
        prop_assert!(x.risk_assessment.status <= y.risk_assessment.status);
        prop_assert!(x.tier_reassessment.status <= y.tier_reassessment.status);
        prop_assert_eq!(x.exceptional_review.is_some(), y.exceptional_review.is_some());
        if let (Some(p), Some(q)) = (x.exceptional_review, y.exceptional_review) {
            prop_assert!(p.status <= q.status);
        }
        // The dates themselves do not depend on the day.
        prop_assert_eq!(x.ct_plan_test.due_on, y.ct_plan_test.due_on);
        prop_assert_eq!(x.risk_assessment.overdue_after, y.risk_assessment.overdue_after);
        // Nor do the controls.
        prop_assert_eq!(&a.required_controls, &b.required_controls);
    }

    // --- Baseline controls in place. ---

    #[test]
    fn a_higher_response_level_never_closes_a_required_gap(
        plan in site_plan(true),
        as_of in as_of_ymd(),
    ) {
        let mut site = plan.build(as_of);
        // The level comes from the threat alone here.
        site.response_override = None;
        let mut previous: Option<BTreeSet<String>> = None;
        for level in ResponseLevel::ALL {
            let status = ENGINE.site_status(&site, threat_for(level), date(as_of)).unwrap();
            prop_assert_eq!(status.response_level, level);
            let gaps: BTreeSet<String> = status
                .baseline
                .gaps
                .iter()
                .filter(|gap| gap.requirement == Requirement::Required)
                .map(|gap| gap.control.to_string())
                .collect();
            if let Some(lower) = &previous {
                prop_assert!(lower.is_subset(&gaps), "{:?} at a lower level, {:?} at {}", lower, gaps, level);
            }
            previous = Some(gaps);
        }
    }

    #[test]
    fn adding_a_control_in_place_never_adds_a_finding(
        plan in site_plan(true),
        threat in threat(),
        as_of in as_of_ymd(),
        added_index in 0usize..CONTROLS,
        months_ago in prop_oneof![Just(0u32), 0u32..=30],
    ) {
        let mut site = plan.build(as_of);
        approve(&mut site, threat, as_of);
        let control = ENGINE.policy().counter_terrorism.controls[added_index].id.clone();
        // A recorded list without the control, and the same list with it.
        let listed = site.controls_in_place.get_or_insert_with(Vec::new);
        listed.retain(|c| c.control != control);
        let before = ENGINE.site_status(&site, threat, date(as_of)).unwrap();
        let verified_on = date(sub_months(as_of, months_ago));
        site.controls_in_place
            .get_or_insert_with(Vec::new)
            .push(ControlInPlace { control, verified_on });
        let after = ENGINE.site_status(&site, threat, date(as_of)).unwrap();
        let findings = |status: &SiteStatus| -> BTreeSet<(FindingCode, String)> {
            status.findings.iter().map(|f| (f.code, f.message.clone())).collect()
        };
        let (was, now) = (findings(&before), findings(&after));
        let added: Vec<_> = now.difference(&was).collect();
        if months_ago <= 12 {
            // Verified within the period: nothing new.
            prop_assert!(added.is_empty(), "added {:?}: {:?}", added, site.controls_in_place);
        } else {
            // Verified too long ago: at most the control's missing finding
            // turns into its (less serious) unverified one.
            for (code, message) in &added {
                prop_assert!(
                    matches!(code, FindingCode::RequiredControlUnverified | FindingCode::RecommendedControlUnverified),
                    "added {:?}", added
                );
                let missing = if *code == FindingCode::RequiredControlUnverified {
                    FindingCode::RequiredControlMissing
                } else {
                    FindingCode::RecommendedControlMissing
                };
                let named = format!("`{}`", ENGINE.policy().counter_terrorism.controls[added_index].id);
                prop_assert!(message.contains(&named));
                prop_assert!(was.iter().any(|(c, m)| *c == missing && m.contains(&named)));
                prop_assert!(missing.severity() <= code.severity());
            }
        }
    }

    // --- Sites. ---

    #[test]
    fn valid_sites_are_always_answered_as_the_reference_says(
        plan in site_plan(true),
        threat in threat(),
        as_of in as_of_ymd(),
        medium in any::<bool>(),
    ) {
        let mut site = plan.build(as_of);
        approve(&mut site, threat, as_of);
        let status = ENGINE.site_status(&site, threat, date(as_of));
        prop_assert!(status.is_ok(), "{:?} rejected: {:?}", site, status);
        let status = status.unwrap();
        check_status(&site, threat, as_of, &status)?;

        // The same through JSON, with `medium` for MODERATE; byte-identical and
        // repeatable.
        let mut request = site_request(as_of, threat, &site);
        if medium && site.tier == SiteTier::Moderate {
            request["site"]["tier"] = json!("medium");
        }
        let text = serde_json::to_string(&request).unwrap();
        let out = json::site_status(&ENGINE, &text).unwrap();
        prop_assert_eq!(&out, &serde_json::to_string(&status).unwrap());
        prop_assert_eq!(&json::site_status(&ENGINE, &text).unwrap(), &out);
        // Round trip.
        let back: SiteStatus = serde_json::from_str(&out).unwrap();
        prop_assert_eq!(&back, &status);
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), out);
    }

    #[test]
    fn any_site_is_answered_or_rejected_with_its_first_error(
        plan in site_plan(false),
        threat in threat(),
        as_of in as_of_ymd(),
    ) {
        let site = plan.build(as_of);
        let expected = ref_site(&site, threat, as_of);
        match ENGINE.site_status(&site, threat, date(as_of)) {
            Ok(status) => {
                prop_assert!(expected.is_ok(), "accepted despite {:?}", expected);
                check_status(&site, threat, as_of, &status)?;
            }
            Err(e) => {
                prop_assert_eq!(Err((e.code, e.path.clone())), expected.clone().map(|_| ()), "{}", e);
                check_error(&e, Some(&serde_json::to_value(&site).unwrap()), "")?;
            }
        }
        // Through JSON the same error points under `/site`.
        let text = serde_json::to_string(&site_request(as_of, threat, &site)).unwrap();
        match (json::site_status(&ENGINE, &text), expected) {
            (Ok(_), Ok(_)) => {}
            (Err(e), Err((code, path))) => {
                prop_assert_eq!((e.code, e.path), (code, format!("/site{path}")));
            }
            (got, want) => {
                return Err(TestCaseError::fail(format!("JSON gave {got:?}, expected {want:?}")));
            }
        }
        check_site_json(&text, None)?;
    }

    #[test]
    fn arbitrary_text_never_panics_or_gives_internal(text in prop_oneof![
        any::<String>(),
        "[\\[\\]{}\":,0-9a-zA-Z .eE+\\-]{0,80}",
        "\\PC{0,40}",
    ]) {
        check_site_json(&text, None)?;
        check_portfolio_json(&text, None)?;
        check_other_json(&text)?;
    }

    #[test]
    fn mutated_site_requests_never_panic_or_give_internal(
        plan in site_plan(false),
        threat in threat(),
        as_of in as_of_ymd(),
        edits in prop::collection::vec(edit(vec!["/site".to_owned()]), 0..4),
        text_edits in prop::collection::vec(text_edit(), 0..3),
    ) {
        let site = plan.build(as_of);
        let mut value = site_request(as_of, threat, &site);
        for e in &edits {
            apply_edit(&mut value, e);
        }
        let text = serde_json::to_string(&value).unwrap();
        check_site_json(&text, Some(&value))?;
        let mut mangled = text.clone();
        for e in &text_edits {
            mangled = apply_text_edit(&mangled, e);
        }
        check_site_json(&mangled, None)?;
    }

    // --- Threat-level change. ---

    #[test]
    fn threat_change_agrees_with_each_sites_status_before_and_after(
        plans in prop::collection::vec(site_plan(false), 0..12),
        from in threat(),
        to in threat(),
        scope in prop::option::of(prop::collection::btree_set(0usize..6, 0..3)),
        as_of in as_of_ymd(),
    ) {
        let sites: Vec<Site> = plans.iter().map(|p| p.build(as_of)).collect();
        let present: BTreeSet<String> = sites.iter().map(|s| s.id.clone()).collect();
        // Only ids of the estate may be named.
        let site_ids = scope.map(|ids| {
            ids.into_iter()
                .map(|i| format!("S{i}"))
                .filter(|id| present.contains(id))
                .collect::<Vec<_>>()
        });
        let request = ThreatChangeRequest {
            schema_version: None,
            as_of: date(as_of),
            from,
            to,
            site_ids,
            business_areas: Vec::new(),
            sites: sites.clone(),
        };
        let impact = ENGINE.threat_change_request(&request).unwrap();
        check_threat_change(&sites, &request, &impact)?;
        // The JSON entry point gives the same bytes, every time.
        let text = serde_json::to_string(&request).unwrap();
        let out = json::threat_change(&ENGINE, &text).unwrap();
        prop_assert_eq!(&out, &serde_json::to_string(&impact).unwrap());
        prop_assert_eq!(&json::threat_change(&ENGINE, &text).unwrap(), &out);
        let back: ThreatChangeImpact = serde_json::from_str(&out).unwrap();
        prop_assert_eq!(&back, &impact);
    }

    #[test]
    fn a_threat_change_does_not_depend_on_the_order_of_the_estate(
        (plans, order) in prop::collection::vec(site_plan(true), 0..12).prop_flat_map(|plans| {
            let n = plans.len();
            (Just(plans), Just((0..n).collect::<Vec<usize>>()).prop_shuffle())
        }),
        from in threat(),
        to in threat(),
        as_of in as_of_ymd(),
    ) {
        let sites: Vec<Site> = plans
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut site = p.build(as_of);
                approve(&mut site, from, as_of);
                approve(&mut site, to, as_of);
                // Unique ids: which of two sites with one id is the copy
                // depends on the order.
                site.id = format!("{}-{i}", site.id);
                if i % 3 == 0 {
                    site.security_officer = Some(format!("Officer {i}"));
                }
                site
            })
            .collect();
        let request = |sites: Vec<Site>| ThreatChangeRequest {
            schema_version: None,
            as_of: date(as_of),
            from,
            to,
            site_ids: None,
            business_areas: AREAS
                .iter()
                .map(|name| BusinessAreaContact {
                    name: (*name).to_owned(),
                    security_officer: format!("{name} officer"),
                })
                .collect(),
            sites,
        };
        let shuffled: Vec<Site> = order.iter().map(|&i| sites[i].clone()).collect();
        let a = ENGINE.threat_change_request(&request(sites.clone())).unwrap();
        let b = ENGINE.threat_change_request(&request(shuffled)).unwrap();
        prop_assert!(a.rejected.is_empty(), "{:?}", a.rejected);
        prop_assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
        check_threat_change(&sites, &request(sites.clone()), &a)?;
    }

    #[test]
    fn a_change_back_releases_exactly_what_the_change_required(
        plans in prop::collection::vec(site_plan(true), 0..10),
        from in threat(),
        to in threat(),
        as_of in as_of_ymd(),
    ) {
        let sites: Vec<Site> = plans
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut site = p.build(as_of);
                approve(&mut site, from, as_of);
                approve(&mut site, to, as_of);
                site.id = format!("{}-{i}", site.id);
                site
            })
            .collect();
        let change = |from, to| {
            ENGINE
                .threat_change_request(&ThreatChangeRequest {
                    schema_version: None,
                    as_of: date(as_of),
                    from,
                    to,
                    site_ids: None,
                    business_areas: Vec::new(),
                    sites: sites.clone(),
                })
                .unwrap()
        };
        let there = change(from, to);
        let back = change(to, from);
        prop_assert!(there.rejected.is_empty(), "{:?}", there.rejected);
        let index = |impact: &ThreatChangeImpact| -> BTreeMap<String, SiteImpact> {
            impact
                .areas
                .iter()
                .flat_map(|a| a.sites.iter().map(|s| (s.site_id.clone(), s.clone())))
                .collect()
        };
        let (there_sites, back_sites) = (index(&there), index(&back));
        for (id, site) in &there_sites {
            let other = &back_sites[id];
            prop_assert_eq!(&site.newly_required, &other.no_longer_required);
            prop_assert_eq!(&site.no_longer_required, &other.newly_required);
            prop_assert_eq!(site.response_level_before, other.response_level_after);
            // A higher threat level never lowers a site's response level.
            if to >= from {
                prop_assert!(site.change != LevelChange::Lowered, "{:?}", site);
            }
        }
        // No change, no impact.
        let same = change(from, from);
        prop_assert_eq!(same.summary.sites_changing_level, 0);
        prop_assert_eq!(same.summary.controls_to_stand_up, 0);
        prop_assert_eq!(same.summary.gaps_opened, 0);
        prop_assert!(!same.summary.permanent_secretary_advised);
    }

    // --- Portfolio. ---

    #[test]
    fn portfolio_counts_and_lists_agree_with_each_site(
        plans in prop::collection::vec(site_plan(false), 0..12),
        threat in threat(),
        as_of in as_of_ymd(),
    ) {
        let sites: Vec<Site> = plans
            .iter()
            .map(|p| {
                p.build(as_of)
            })
            .collect();
        let report = ENGINE.portfolio(&sites, threat, date(as_of));
        check_portfolio(&ENGINE, &sites, threat, as_of, &report)?;
        prop_assert_eq!(report.as_of, date(as_of));
        prop_assert_eq!(report.threat_level, threat);
        // The JSON entry point gives the same bytes, every time.
        let request = json!({"asOf": date(as_of), "threatLevel": threat, "sites": sites});
        let text = serde_json::to_string(&request).unwrap();
        let out = json::portfolio(&ENGINE, &text).unwrap();
        prop_assert_eq!(&out, &serde_json::to_string(&report).unwrap());
        prop_assert_eq!(&json::portfolio(&ENGINE, &text).unwrap(), &out);
        let back: PortfolioReport = serde_json::from_str(&out).unwrap();
        prop_assert_eq!(&back, &report);
    }

    #[test]
    fn portfolio_agrees_with_each_site_under_other_intervals(
        plan in interval_plan(),
        plans in prop::collection::vec(site_plan(false), 1..10),
        threat in threat(),
        as_of in as_of_ymd(),
    ) {
        let engine = interval_engine(&plan);
        let sites: Vec<Site> = plans
            .iter()
            .map(|p| {
                p.build(as_of)
            })
            .collect();
        let report = engine.portfolio(&sites, threat, date(as_of));
        check_portfolio(&engine, &sites, threat, as_of, &report)?;
    }

    #[test]
    fn shuffling_a_valid_estate_gives_an_identical_report(
        (plans, order) in prop::collection::vec(site_plan(true), 0..12).prop_flat_map(|plans| {
            let n = plans.len();
            (Just(plans), Just((0..n).collect::<Vec<usize>>()).prop_shuffle())
        }),
        threat in threat(),
        as_of in as_of_ymd(),
    ) {
        let sites: Vec<Site> = plans
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut site = p.build(as_of);
                approve(&mut site, threat, as_of);
                // Unique ids: which of two sites with one id is the copy
                // depends on the order.
                site.id = format!("{}-{i}", site.id);
                site
            })
            .collect();
        let shuffled: Vec<Site> = order.iter().map(|&i| sites[i].clone()).collect();
        let a = ENGINE.portfolio(&sites, threat, date(as_of));
        let b = ENGINE.portfolio(&shuffled, threat, date(as_of));
        prop_assert!(a.rejected.is_empty(), "{:?}", a.rejected);
        prop_assert_eq!(a.sites, sites.len());
        prop_assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
        check_portfolio(&ENGINE, &sites, threat, as_of, &a)?;
    }

    #[test]
    fn mutated_portfolio_requests_never_panic_and_reject_per_site(
        plans in prop::collection::vec(site_plan(false), 1..5),
        threat in threat(),
        as_of in as_of_ymd(),
        edits in prop::collection::vec(edit((0..5).map(|i| format!("/sites/{i}")).collect()), 0..4),
        text_edits in prop::collection::vec(text_edit(), 0..2),
    ) {
        let sites: Vec<Site> = plans
            .iter()
            .map(|p| {
                p.build(as_of)
            })
            .collect();
        let mut value = json!({"asOf": date(as_of), "threatLevel": threat, "sites": sites});
        for e in &edits {
            apply_edit(&mut value, e);
        }
        let text = serde_json::to_string(&value).unwrap();
        check_portfolio_json(&text, Some(&value))?;
        // Sites that still parse are assessed as on their own.
        if let Ok(out) = json::portfolio(&ENGINE, &text) {
            let report: PortfolioReport = serde_json::from_str(&out).unwrap();
            let items = value["sites"].as_array().unwrap();
            let parsed: Vec<(usize, Site)> = items
                .iter()
                .enumerate()
                // The library's reader, not serde's: serde would also take an
                // array of a site's values for the site.
                .filter_map(|(i, v)| json::parse::<Site>(&v.to_string()).ok().map(|s| (i, s)))
                .collect();
            let rejected_indices: BTreeSet<usize> = report.rejected.iter().map(|r| r.index).collect();
            // Ids of sites that parse, in request order: a later site with one
            // of them is a duplicate.
            let mut ids = BTreeSet::new();
            let mut duplicates = BTreeSet::new();
            for (i, site) in &parsed {
                if !ids.insert(site.id.clone()) {
                    duplicates.insert(*i);
                    continue;
                }
                let assessed = ENGINE.site_status(site, report.threat_level, report.as_of);
                prop_assert_eq!(assessed.is_err(), rejected_indices.contains(i), "site {}", i);
            }
            prop_assert_eq!(report.sites + report.rejected.len(), items.len());
            // Each rejection is the site's own error, pointed into the request.
            let mut expected = Vec::new();
            for (i, item) in items.iter().enumerate() {
                if duplicates.contains(&i) {
                    expected.push((i, ErrorCode::DuplicateEntry, format!("/sites/{i}/id")));
                    continue;
                }
                let own = match json::parse::<Site>(&serde_json::to_string(item).unwrap()) {
                    Err(e) => e,
                    Ok(site) => match ENGINE.site_status(&site, report.threat_level, report.as_of) {
                        Err(e) => e,
                        Ok(_) => continue,
                    },
                };
                expected.push((i, own.code, format!("/sites/{i}{}", own.path)));
            }
            let got: Vec<(usize, ErrorCode, String)> = report
                .rejected
                .iter()
                .map(|r| (r.index, r.error.code, r.error.path.clone()))
                .collect();
            prop_assert_eq!(got, expected);
        }
        let mut mangled = text;
        for e in &text_edits {
            mangled = apply_text_edit(&mangled, e);
        }
        check_portfolio_json(&mangled, None)?;
    }

    // --- Co-ordination. ---

    #[test]
    fn coordination_follows_the_number_of_areas_and_front_line_impact(
        areas in prop::collection::vec(prop::sample::select(AREA_NAMES.to_vec()), 0..6),
        front_line in any::<bool>(),
    ) {
        let request = CoordinationRequest {
            schema_version: None,
            business_areas_affected: areas.iter().map(|s| (*s).to_owned()).collect(),
            front_line_services_significantly_affected: front_line,
        };
        let answer = ENGINE.coordinate(&request);
        // Reference: the first blank name is an error; names compare trimmed,
        // ignoring case; the first spelling is kept.
        let blank = areas.iter().position(|a| a.trim().is_empty());
        let mut seen = BTreeSet::new();
        let mut distinct: Vec<String> = Vec::new();
        for a in &areas {
            if seen.insert(a.trim().to_lowercase()) {
                distinct.push(a.trim().to_owned());
            }
        }
        distinct.sort();
        let text = serde_json::to_string(&request).unwrap();
        match (blank, areas.is_empty()) {
            (Some(i), _) => {
                let e = answer.unwrap_err();
                prop_assert_eq!((e.code, e.path), (ErrorCode::InvalidType, format!("/businessAreasAffected/{i}")));
            }
            (None, true) => {
                let e = answer.unwrap_err();
                prop_assert_eq!((e.code, e.path), (ErrorCode::InvalidType, "/businessAreasAffected".to_owned()));
            }
            (None, false) => {
                let answer = answer.unwrap();
                let standing = if distinct.len() > 1 {
                    Coordinator::CorporateBusinessContinuity
                } else {
                    Coordinator::Local
                };
                prop_assert_eq!(answer.standing_arrangements, standing);
                prop_assert_eq!(
                    answer.coordinator,
                    if front_line { Coordinator::StrategicCoordinationGroup } else { standing }
                );
                prop_assert!(answer.coordinator >= answer.standing_arrangements);
                prop_assert_eq!(&answer.business_areas, &distinct);
                prop_assert_eq!(answer.reasons.len(), 1 + usize::from(front_line));
                // JSON: the same answer, the same bytes every time, and a round trip.
                let out = json::coordinate(&ENGINE, &text).unwrap();
                prop_assert_eq!(&out, &serde_json::to_string(&answer).unwrap());
                prop_assert_eq!(&json::coordinate(&ENGINE, &text).unwrap(), &out);
                let back: CoordinationAnswer = serde_json::from_str(&out).unwrap();
                prop_assert_eq!(back, answer);
            }
        }
    }
}
