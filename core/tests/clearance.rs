//! Clearance need: each vetting level's criteria, their combinations, the
//! holder's clearance against the need, and each level's review date at its
//! boundaries (29 February, month ends), checked against tables written from
//! domain-facts §7 and the policy document's review periods.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use serde_json::{Value, json};
use spf_core::clearance::{
    ClearanceCriterion, ClearanceFindingCode, ClearanceNeed, ClearanceNeedRequest, HeldClearance,
    Holder, RoleAccess, SecretAccess, TopSecretAccess, VettingLevel,
};
use spf_core::site::{ScheduleStatus, Severity};
use spf_core::{Basis, Date, Engine, ErrorCode, Policy, json as ops};

fn day(text: &str) -> Date {
    text.parse().unwrap()
}

fn need(request: &Value) -> ClearanceNeed {
    let answer = ops::clearance_need(&Engine::moj_default(), &request.to_string())
        .unwrap_or_else(|e| panic!("{request}: {e}"));
    serde_json::from_str(&answer).unwrap()
}

fn error(request: &Value) -> (ErrorCode, String) {
    let e = ops::clearance_need(&Engine::moj_default(), &request.to_string()).unwrap_err();
    (e.code, e.path)
}

fn codes(answer: &ClearanceNeed) -> Vec<&'static str> {
    answer.findings.iter().map(|f| f.code.as_str()).collect()
}

/// Each criterion alone, as its access field, and the level the MoJ default
/// gives it: domain-facts §7's, and where §7 is silent (occasional, supervised
/// SECRET access) the library's reading.
const CRITERIA: [(&str, &str, VettingLevel); 7] = [
    ("informationOfValueToTerrorists", "true", VettingLevel::Ctc),
    ("highProfilePublicFigures", "true", VettingLevel::Ctc),
    ("unescortedAccessToSitesAtRisk", "true", VettingLevel::Ctc),
    ("secret", "occasionalSupervised", VettingLevel::Bpss),
    ("secret", "regularUncontrolled", VettingLevel::Sc),
    ("topSecret", "occasionalSupervised", VettingLevel::Sc),
    ("topSecret", "frequentUncontrolled", VettingLevel::Dv),
];

fn access_value(field: &str, value: &str) -> Value {
    let value = if value == "true" {
        json!(true)
    } else {
        json!(value)
    };
    json!({ field: value })
}

#[test]
fn no_access_needs_bpss_only() {
    let answer = need(&json!({"asOf": "2026-12-01", "access": {}}));
    assert_eq!(answer.recommended, VettingLevel::Bpss);
    assert!(answer.criteria_met.is_empty());
    assert!(answer.holder.is_none() && answer.findings.is_empty());
    let rules: Vec<&str> = answer.reasons.iter().map(|r| r.rule_id()).collect();
    assert_eq!(rules, ["clearance.baseline", "clearance.recommended"]);
    assert_eq!(answer.reasons[1].basis, Basis::ConfigurableDefault);
}

#[test]
fn each_criterion_alone_gives_its_level() {
    for (field, value, level) in CRITERIA {
        let answer = need(&json!({"asOf": "2026-12-01", "access": access_value(field, value)}));
        assert_eq!(answer.recommended, level, "{field}: {value}");
        assert_eq!(answer.criteria_met.len(), 1, "{field}: {value}");
        assert_eq!(answer.criteria_met[0].level, level);
    }
}

#[test]
fn the_ct_policy_criteria_are_statements_and_the_cabinet_office_ones_defaults() {
    for (field, value, _) in CRITERIA {
        let answer = need(&json!({"asOf": "2026-12-01", "access": access_value(field, value)}));
        let criterion = &answer.reasons[1];
        assert_eq!(criterion.rule_id(), "clearance.criterion");
        let statement = matches!(
            field,
            "informationOfValueToTerrorists" | "highProfilePublicFigures"
        );
        let expected = if statement {
            Basis::PolicyStatement
        } else {
            Basis::ConfigurableDefault
        };
        assert_eq!(criterion.basis, expected, "{field}");
        if statement {
            assert!(
                criterion
                    .citation
                    .as_str()
                    .starts_with("Counter-Terrorist Protection Policy, personnel security")
            );
        } else {
            assert!(
                criterion
                    .citation
                    .as_str()
                    .starts_with("HMG Personnel Security Controls")
            );
        }
        // The recommendation rests on what decided it.
        let recommended = answer
            .reasons
            .iter()
            .find(|r| r.rule_id() == "clearance.recommended")
            .unwrap();
        assert_eq!(recommended.basis, expected, "{field}");
    }
}

#[test]
fn every_combination_gives_the_highest_level() {
    // Every subset of the three flags with every SECRET and TOP SECRET access.
    let secrets = [
        ("none", VettingLevel::Bpss),
        ("occasionalSupervised", VettingLevel::Bpss),
        ("regularUncontrolled", VettingLevel::Sc),
    ];
    let top_secrets = [
        ("none", VettingLevel::Bpss),
        ("occasionalSupervised", VettingLevel::Sc),
        ("frequentUncontrolled", VettingLevel::Dv),
    ];
    let mut seen = 0;
    for flags in 0u8..8 {
        for (secret, secret_level) in secrets {
            for (top, top_level) in top_secrets {
                let access = json!({
                    "informationOfValueToTerrorists": flags & 1 != 0,
                    "highProfilePublicFigures": flags & 2 != 0,
                    "unescortedAccessToSitesAtRisk": flags & 4 != 0,
                    "secret": secret, "topSecret": top,
                });
                let flag_level = if flags == 0 {
                    VettingLevel::Bpss
                } else {
                    VettingLevel::Ctc
                };
                let expected = flag_level.max(secret_level).max(top_level);
                let answer = need(&json!({"asOf": "2026-12-01", "access": access}));
                assert_eq!(answer.recommended, expected, "{access}");
                let met = flags.count_ones() as usize
                    + usize::from(secret != "none")
                    + usize::from(top != "none");
                assert_eq!(answer.criteria_met.len(), met, "{access}");
                seen += 1;
            }
        }
    }
    assert_eq!(seen, 72);
}

#[test]
fn a_statement_decides_the_basis_when_a_default_agrees_with_it() {
    let answer = need(&json!({"asOf": "2026-12-01", "access": {
        "informationOfValueToTerrorists": true, "unescortedAccessToSitesAtRisk": true},
        "holder": {"clearance": "bpss"}}));
    assert_eq!(answer.recommended, VettingLevel::Ctc);
    let below = &answer.findings[0];
    assert_eq!(below.code, ClearanceFindingCode::ClearanceBelowNeed);
    assert_eq!(below.severity, Severity::High);
    assert_eq!(below.basis, Basis::PolicyStatement);
    assert!(!below.citation.as_str().contains("unescorted"));
    assert!(below.message.contains("unescorted access"));
    // SC from SECRET access is a default: the finding says so.
    let answer = need(&json!({"asOf": "2026-12-01", "access": {
        "informationOfValueToTerrorists": true, "secret": "regularUncontrolled"},
        "holder": {"clearance": "ctc", "granted": "2020-01-01"}}));
    assert_eq!(answer.recommended, VettingLevel::Sc);
    assert_eq!(answer.findings[0].basis, Basis::ConfigurableDefault);
    assert_eq!(
        answer.findings[0].message,
        "the role should be assessed for SC (regular and uncontrolled access to SECRET assets); the holder has CTC"
    );
}

#[test]
fn the_holder_meets_the_need_at_or_above_it() {
    let held = [
        ("none", false, false, false),
        ("bpss", true, false, false),
        ("ctc", true, true, false),
        ("sc", true, true, true),
        ("dv", true, true, true),
    ];
    for (clearance, meets_bpss, meets_ctc, meets_sc) in held {
        for (access, meets) in [
            (json!({}), meets_bpss),
            (json!({"highProfilePublicFigures": true}), meets_ctc),
            (json!({"topSecret": "occasionalSupervised"}), meets_sc),
        ] {
            let answer = need(&json!({"asOf": "2026-12-01", "access": access,
                "holder": {"clearance": clearance, "granted": "2024-06-01"}}));
            let standing = answer.holder.unwrap();
            assert_eq!(standing.meets_need, meets, "{clearance} for {access}");
            assert_eq!(
                answer
                    .findings
                    .iter()
                    .any(|f| f.code == ClearanceFindingCode::ClearanceBelowNeed),
                !meets,
                "{clearance} for {access}"
            );
        }
    }
    let none = need(&json!({"asOf": "2026-12-01", "access": {}, "holder": {"clearance": "none"}}));
    assert_eq!(
        none.findings[0].message,
        "everyone with access to government assets needs BPSS; the holder has no clearance"
    );
    assert_eq!(none.findings[0].basis, Basis::ConfigurableDefault);
    // Occasional SECRET access reaches no higher than BPSS: still everyone's.
    let occasional = need(
        &json!({"asOf": "2026-12-01", "access": {"secret": "occasionalSupervised"},
        "holder": {"clearance": "none"}}),
    );
    assert_eq!(occasional.findings[0].message, none.findings[0].message);
}

/// (level, granted, last reviewed, as of, status, due on). Review periods of
/// the MoJ default: CTC and SC 120 months, DV 84; warning window 90 days.
type ReviewRow = (
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    ScheduleStatus,
    &'static str,
);

const REVIEWS: &[ReviewRow] = &[
    // SC granted on 29 February: due on 28 February ten years on.
    (
        "sc",
        "2016-02-29",
        None,
        "2025-11-29",
        ScheduleStatus::Ok,
        "2026-02-28",
    ),
    (
        "sc",
        "2016-02-29",
        None,
        "2025-11-30",
        ScheduleStatus::DueSoon,
        "2026-02-28",
    ),
    (
        "sc",
        "2016-02-29",
        None,
        "2026-02-27",
        ScheduleStatus::DueSoon,
        "2026-02-28",
    ),
    (
        "sc",
        "2016-02-29",
        None,
        "2026-02-28",
        ScheduleStatus::Due,
        "2026-02-28",
    ),
    (
        "sc",
        "2016-02-29",
        None,
        "2026-03-01",
        ScheduleStatus::Overdue,
        "2026-02-28",
    ),
    // Reviewed on 29 February 2020: 2030 has no 29 February, so the 28th.
    (
        "sc",
        "2010-05-01",
        Some("2020-02-29"),
        "2030-02-28",
        ScheduleStatus::Due,
        "2030-02-28",
    ),
    // CTC at a month end.
    (
        "ctc",
        "2016-01-31",
        None,
        "2026-01-30",
        ScheduleStatus::DueSoon,
        "2026-01-31",
    ),
    (
        "ctc",
        "2016-01-31",
        None,
        "2026-01-31",
        ScheduleStatus::Due,
        "2026-01-31",
    ),
    (
        "ctc",
        "2016-01-31",
        None,
        "2026-02-01",
        ScheduleStatus::Overdue,
        "2026-01-31",
    ),
    (
        "ctc",
        "2016-01-31",
        None,
        "2025-11-01",
        ScheduleStatus::Ok,
        "2026-01-31",
    ),
    (
        "ctc",
        "2016-01-31",
        None,
        "2025-11-02",
        ScheduleStatus::DueSoon,
        "2026-01-31",
    ),
    // DV: 84 months, from the later of grant and last review.
    (
        "dv",
        "2019-08-31",
        None,
        "2026-08-30",
        ScheduleStatus::DueSoon,
        "2026-08-31",
    ),
    (
        "dv",
        "2019-08-31",
        None,
        "2026-08-31",
        ScheduleStatus::Due,
        "2026-08-31",
    ),
    (
        "dv",
        "2019-08-31",
        None,
        "2026-09-01",
        ScheduleStatus::Overdue,
        "2026-08-31",
    ),
    (
        "dv",
        "2013-01-01",
        Some("2020-02-29"),
        "2027-02-28",
        ScheduleStatus::Due,
        "2027-02-28",
    ),
    (
        "dv",
        "2013-01-01",
        Some("2020-02-29"),
        "2027-03-01",
        ScheduleStatus::Overdue,
        "2027-02-28",
    ),
    (
        "dv",
        "2017-12-31",
        None,
        "2024-10-02",
        ScheduleStatus::DueSoon,
        "2024-12-31",
    ),
    (
        "dv",
        "2017-12-31",
        None,
        "2024-10-01",
        ScheduleStatus::Ok,
        "2024-12-31",
    ),
    // From 28 February into a leap year: still the 28th, the 29th is late.
    (
        "dv",
        "2017-02-28",
        None,
        "2024-02-28",
        ScheduleStatus::Due,
        "2024-02-28",
    ),
    (
        "sc",
        "2014-02-28",
        None,
        "2024-02-29",
        ScheduleStatus::Overdue,
        "2024-02-28",
    ),
    // A month end ten years on.
    (
        "sc",
        "2016-11-30",
        None,
        "2026-11-30",
        ScheduleStatus::Due,
        "2026-11-30",
    ),
];

#[test]
fn each_levels_review_is_due_at_its_boundaries() {
    for &(level, granted, reviewed, as_of, status, due_on) in REVIEWS {
        let mut holder = json!({"clearance": level, "granted": granted});
        if let Some(reviewed) = reviewed {
            holder["lastReviewed"] = json!(reviewed);
        }
        let request = json!({"asOf": as_of, "access": {}, "holder": holder});
        let answer = need(&request);
        let review = answer.holder.unwrap().review.unwrap();
        assert_eq!(review.status, status, "{request}");
        assert_eq!(review.due_on, Some(day(due_on)), "{request}");
        let expected = match status {
            ScheduleStatus::Overdue => Some(ClearanceFindingCode::ClearanceReviewOverdue),
            ScheduleStatus::Due => Some(ClearanceFindingCode::ClearanceReviewDue),
            ScheduleStatus::DueSoon => Some(ClearanceFindingCode::ClearanceReviewDueSoon),
            _ => None,
        };
        let found: Vec<_> = answer.findings.iter().map(|f| f.code).collect();
        assert_eq!(found, expected.into_iter().collect::<Vec<_>>(), "{request}");
        for finding in &answer.findings {
            assert_eq!(finding.basis, Basis::ConfigurableDefault);
        }
    }
}

#[test]
fn a_leap_day_review_of_a_leap_year_grant() {
    // DV granted on 29 February 2016 falls due 84 months on: 2023 has no
    // 29 February, so the 28th. A 29 February that does not exist is refused.
    let answer = need(&json!({"asOf": "2023-02-28", "access": {},
        "holder": {"clearance": "dv", "granted": "2016-02-29"}}));
    let review = answer.holder.unwrap().review.unwrap();
    assert_eq!(review.due_on, Some(day("2023-02-28")));
    assert_eq!(review.status, ScheduleStatus::Due);
    assert_eq!(codes(&answer), ["clearanceReviewDue"]);
    assert_eq!(answer.findings[0].severity, Severity::Medium);
    let impossible = json!({"asOf": "2026-12-01", "access": {},
        "holder": {"clearance": "sc", "granted": "2015-02-29"}});
    assert_eq!(
        error(&impossible),
        (ErrorCode::InvalidDate, "/holder/granted".to_owned())
    );
}

#[test]
fn bpss_and_no_clearance_have_no_review() {
    for clearance in ["none", "bpss"] {
        let answer = need(&json!({"asOf": "2026-12-01", "access": {},
            "holder": {"clearance": clearance}}));
        assert!(answer.holder.unwrap().review.is_none(), "{clearance}");
        assert!(
            answer
                .reasons
                .iter()
                .all(|r| r.rule_id() != "clearance.review")
        );
    }
}

#[test]
fn review_findings_come_after_below_need_and_say_their_dates() {
    let answer = need(
        &json!({"asOf": "2026-12-01", "access": {"topSecret": "frequentUncontrolled"},
        "holder": {"clearance": "sc", "granted": "2016-11-30"}}),
    );
    assert_eq!(
        codes(&answer),
        ["clearanceBelowNeed", "clearanceReviewOverdue"]
    );
    assert_eq!(
        answer.findings[1].message,
        "the holder's SC clearance was due for review on 2026-11-30"
    );
    let soon = need(&json!({"asOf": "2026-12-01", "access": {},
        "holder": {"clearance": "sc", "granted": "2017-01-31"}}));
    assert_eq!(codes(&soon), ["clearanceReviewDueSoon"]);
    assert_eq!(soon.findings[0].severity, Severity::Low);
    // The warning window is cited with the period.
    assert!(soon.findings[0].citation.as_str().contains("90 days ahead"));
}

#[test]
fn bad_holders_are_refused_with_their_paths() {
    let cases = [
        (
            json!({"clearance": "sc"}),
            ErrorCode::MissingField,
            "/holder/granted",
        ),
        (
            json!({"clearance": "ctc", "granted": "2027-01-01"}),
            ErrorCode::DateOutOfOrder,
            "/holder/granted",
        ),
        (
            json!({"clearance": "dv", "granted": "2020-01-01", "lastReviewed": "2019-01-01"}),
            ErrorCode::DateOutOfOrder,
            "/holder/lastReviewed",
        ),
        (
            json!({"clearance": "dv", "granted": "2020-01-01", "lastReviewed": "2027-01-01"}),
            ErrorCode::DateOutOfOrder,
            "/holder/lastReviewed",
        ),
        (
            json!({"clearance": "secret", "granted": "2020-01-01"}),
            ErrorCode::UnknownValue,
            "/holder/clearance",
        ),
        (
            json!({"clearance": "sc", "granted": "2020-01-01", "expires": "2030-01-01"}),
            ErrorCode::UnknownField,
            "/holder/expires",
        ),
    ];
    for (holder, code, path) in cases {
        let request = json!({"asOf": "2026-12-01", "access": {}, "holder": holder});
        assert_eq!(error(&request), (code, path.to_owned()), "{request}");
    }
    let far = json!({"asOf": "9999-01-01", "access": {},
        "holder": {"clearance": "sc", "granted": "9995-01-01"}});
    assert_eq!(
        error(&far),
        (ErrorCode::InvalidDate, "/holder/granted".to_owned())
    );
    let typo = json!({"asOf": "2026-12-01", "access": {"secrett": "none"}});
    assert_eq!(error(&typo).0, ErrorCode::UnknownField);
}

#[test]
fn the_typed_request_gives_the_json_answer() {
    let engine = Engine::moj_default();
    let request = ClearanceNeedRequest {
        schema_version: Some(1),
        as_of: day("2026-12-01"),
        role: Some(" Private secretary ".into()),
        access: RoleAccess {
            high_profile_public_figures: true,
            secret: SecretAccess::RegularUncontrolled,
            ..RoleAccess::default()
        },
        holder: Some(Holder {
            clearance: HeldClearance::Sc,
            granted: Some(day("2022-03-31")),
            last_reviewed: None,
        }),
    };
    let typed = engine.clearance_need(&request).unwrap();
    let wire = serde_json::to_string(&request).unwrap();
    let answer = ops::clearance_need(&engine, &wire).unwrap();
    assert_eq!(serde_json::to_string(&typed).unwrap(), answer);
    assert_eq!(typed.role.as_deref(), Some("Private secretary"));
    assert!(typed.findings.is_empty());
    let version = ClearanceNeedRequest {
        schema_version: Some(2),
        ..request
    };
    assert_eq!(
        engine.clearance_need(&version).unwrap_err().code,
        ErrorCode::UnsupportedSchemaVersion
    );
}

// --- The policy section. ---

fn with(edit: impl FnOnce(&mut Policy)) -> Result<Engine, Vec<(ErrorCode, String)>> {
    let mut policy = Policy::moj_default();
    edit(&mut policy);
    Engine::new(policy).map_err(|errors| errors.iter().map(|e| (e.code, e.path.clone())).collect())
}

fn criterion_index(policy: &Policy, criterion: ClearanceCriterion) -> usize {
    policy
        .personnel_security
        .criteria
        .iter()
        .position(|rule| rule.criterion == criterion)
        .unwrap()
}

#[test]
fn an_agency_may_not_lower_a_statement_criterion_but_may_raise_it() {
    let lowered = with(|p| {
        let i = criterion_index(p, ClearanceCriterion::InformationOfValueToTerrorists);
        p.personnel_security.criteria[i].level = VettingLevel::Bpss;
    })
    .unwrap_err();
    assert_eq!(
        lowered,
        [(
            ErrorCode::PolicyWeakensStatement,
            "/personnelSecurity/criteria/0/level".to_owned()
        )]
    );
    let raised = with(|p| {
        let i = criterion_index(p, ClearanceCriterion::HighProfilePublicFigures);
        p.personnel_security.criteria[i].level = VettingLevel::Sc;
    })
    .unwrap();
    let answer = raised
        .clearance_need(&ClearanceNeedRequest {
            schema_version: None,
            as_of: day("2026-12-01"),
            role: None,
            access: RoleAccess {
                high_profile_public_figures: true,
                ..RoleAccess::default()
            },
            holder: None,
        })
        .unwrap();
    assert_eq!(answer.recommended, VettingLevel::Sc);
    // A default moves freely: SC for unescorted access to sites at risk.
    assert!(
        with(|p| {
            let i = criterion_index(p, ClearanceCriterion::UnescortedAccessToSitesAtRisk);
            p.personnel_security.criteria[i].level = VettingLevel::Bpss;
        })
        .is_ok()
    );
    // Relabelling a statement as a default is a loosening too.
    let relabelled = with(|p| {
        p.personnel_security.criteria[0].source.basis = Basis::ConfigurableDefault;
    })
    .unwrap_err();
    assert_eq!(relabelled[0].0, ErrorCode::PolicyWeakensStatement);
}

#[test]
fn more_access_must_not_call_for_a_lower_level() {
    let errors = with(|p| {
        let i = criterion_index(p, ClearanceCriterion::TopSecretFrequentUncontrolled);
        p.personnel_security.criteria[i].level = VettingLevel::Ctc;
    })
    .unwrap_err();
    assert_eq!(
        errors,
        [(
            ErrorCode::PolicyNotMonotone,
            "/personnelSecurity/criteria/6/level".to_owned()
        )]
    );
}

#[test]
fn review_periods_are_checked() {
    let errors = with(|p| p.personnel_security.reviews[2].months = 121).unwrap_err();
    assert!(errors.contains(&(
        ErrorCode::PolicyInvalidValue,
        "/personnelSecurity/reviews/2/months".to_owned()
    )));
    // DV reviewed less often than SC.
    let errors = with(|p| {
        p.personnel_security.reviews[2].months = 120;
        p.personnel_security.reviews[1].months = 60;
    })
    .unwrap_err();
    assert!(errors.contains(&(
        ErrorCode::PolicyNotMonotone,
        "/personnelSecurity/reviews/2/months".to_owned()
    )));
    let errors = with(|p| {
        p.personnel_security.reviews.remove(0);
    })
    .unwrap_err();
    assert_eq!(
        errors,
        [(
            ErrorCode::PolicyIncomplete,
            "/personnelSecurity/reviews".to_owned()
        )]
    );
    let errors = with(|p| {
        let copy = p.personnel_security.criteria[1].clone();
        p.personnel_security.criteria.push(copy);
    })
    .unwrap_err();
    assert_eq!(
        errors,
        [(
            ErrorCode::PolicyDuplicateEntry,
            "/personnelSecurity/criteria/7/criterion".to_owned()
        )]
    );
    // Shorter periods are a default's to choose.
    let engine = with(|p| {
        for rule in &mut p.personnel_security.reviews {
            rule.months = 60;
        }
    })
    .unwrap();
    let answer = serde_json::from_str::<ClearanceNeed>(
        &ops::clearance_need(
            &engine,
            r#"{"asOf":"2026-12-01","access":{},"holder":{"clearance":"sc","granted":"2021-12-01"}}"#,
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(
        answer.holder.unwrap().review.unwrap().status,
        ScheduleStatus::Due
    );
}

// --- Properties. ---

fn access() -> impl Strategy<Value = RoleAccess> {
    (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        0usize..3,
        0usize..3,
    )
        .prop_map(|(info, figures, sites, secret, top)| RoleAccess {
            information_of_value_to_terrorists: info,
            high_profile_public_figures: figures,
            unescorted_access_to_sites_at_risk: sites,
            secret: [
                SecretAccess::None,
                SecretAccess::OccasionalSupervised,
                SecretAccess::RegularUncontrolled,
            ][secret],
            top_secret: [
                TopSecretAccess::None,
                TopSecretAccess::OccasionalSupervised,
                TopSecretAccess::FrequentUncontrolled,
            ][top],
        })
}

/// `more` gives at least the access `less` gives.
fn at_least(more: &RoleAccess, less: &RoleAccess) -> bool {
    (more.information_of_value_to_terrorists || !less.information_of_value_to_terrorists)
        && (more.high_profile_public_figures || !less.high_profile_public_figures)
        && (more.unescorted_access_to_sites_at_risk || !less.unescorted_access_to_sites_at_risk)
        && more.secret >= less.secret
        && more.top_secret >= less.top_secret
}

fn recommended(engine: &Engine, access: RoleAccess) -> VettingLevel {
    engine
        .clearance_need(&ClearanceNeedRequest {
            schema_version: None,
            as_of: day("2026-12-01"),
            role: None,
            access,
            holder: None,
        })
        .unwrap()
        .recommended
}

/// The reference: the highest of BPSS and the level of each criterion met,
/// read from the table above.
fn reference(access: &RoleAccess) -> VettingLevel {
    let mut level = VettingLevel::Bpss;
    if access.information_of_value_to_terrorists
        || access.high_profile_public_figures
        || access.unescorted_access_to_sites_at_risk
    {
        level = VettingLevel::Ctc;
    }
    if access.secret == SecretAccess::RegularUncontrolled
        || access.top_secret == TopSecretAccess::OccasionalSupervised
    {
        level = VettingLevel::Sc;
    }
    if access.top_secret == TopSecretAccess::FrequentUncontrolled {
        level = VettingLevel::Dv;
    }
    level
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Adding access never lowers the level recommended.
    #[test]
    fn more_access_never_lowers_the_level(a in access(), b in access()) {
        let engine = Engine::moj_default();
        // The union of the two is at least each.
        let union = RoleAccess {
            information_of_value_to_terrorists: a.information_of_value_to_terrorists || b.information_of_value_to_terrorists,
            high_profile_public_figures: a.high_profile_public_figures || b.high_profile_public_figures,
            unescorted_access_to_sites_at_risk: a.unescorted_access_to_sites_at_risk || b.unescorted_access_to_sites_at_risk,
            secret: a.secret.max(b.secret),
            top_secret: a.top_secret.max(b.top_secret),
        };
        let level = recommended(&engine, union);
        prop_assert!(level >= recommended(&engine, a));
        prop_assert!(level >= recommended(&engine, b));
        if at_least(&a, &b) {
            prop_assert!(recommended(&engine, a) >= recommended(&engine, b));
        }
    }

    /// The engine agrees with the table of domain-facts §7.
    #[test]
    fn the_level_is_the_tables(a in access()) {
        prop_assert_eq!(recommended(&Engine::moj_default(), a), reference(&a));
    }

    /// A higher clearance never raises a below-need finding a lower one does
    /// not, and a later day never gives a better review status.
    #[test]
    fn a_higher_clearance_or_an_earlier_day_is_never_worse(
        a in access(),
        held in 0usize..5,
        granted in 0u32..4000,
        later in 0u32..4000,
    ) {
        let clearances = [HeldClearance::None, HeldClearance::Bpss, HeldClearance::Ctc, HeldClearance::Sc, HeldClearance::Dv];
        let engine = Engine::moj_default();
        let granted = day("2010-01-01").days_after(granted).unwrap();
        let as_of = granted.days_after(later).unwrap();
        let ask = |clearance: HeldClearance, as_of: Date| engine.clearance_need(&ClearanceNeedRequest {
            schema_version: None, as_of, role: None, access: a,
            holder: Some(Holder { clearance, granted: Some(granted), last_reviewed: None }),
        }).unwrap();
        let low = ask(clearances[held], as_of);
        let below = |answer: &ClearanceNeed| answer.findings.iter().any(|f| f.code == ClearanceFindingCode::ClearanceBelowNeed);
        for higher in clearances.iter().skip(held) {
            let answer = ask(*higher, as_of);
            prop_assert!(!below(&answer) || below(&low));
        }
        if let Some(review) = low.holder.and_then(|h| h.review) {
            let next = ask(clearances[held], as_of.days_after(1).unwrap());
            let next = next.holder.and_then(|h| h.review).unwrap();
            prop_assert!(next.status >= review.status);
        }
    }
}
