//! Golden cases and properties for SPF compliance returns (corporate security
//! policy, "Who does it apply to?"), each pinned to exact values:
//!
//! - a fully compliant return, and each element status;
//! - valid variations (to report in annual governance) and every invalid
//!   variation problem, the role an agreement is given in, with the review
//!   period's boundaries (inclusive, month ends, 29 February);
//! - missing elements, area counts, the reasons and their citations;
//! - the wire format and every input error, through `json::evaluate_compliance`;
//! - a policy with another review period, and review periods the policy
//!   validator rejects;
//! - variations on the elements managed centrally, and the policy's list of
//!   them;
//! - the sample return in `examples/data/compliance-return.json`;
//! - properties: element order never matters, and every element is accounted
//!   for exactly once.

// Test code: helpers outside #[test] functions may unwrap, index and panic.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::sync::LazyLock;

use proptest::prelude::*;
use serde_json::{Value, json};
use spf_core::compliance::{
    Agreement, AgreementRole, AreaSummary, Completeness, ComplianceEvaluation, ComplianceReturn,
    ComplianceStep, ElementReturn, ElementStatus, Gap, GapStatus, InvalidVariation,
    ReportableVariation, SpfArea, SpfElement, Variation, VariationProblem,
};
use spf_core::{Basis, Date, Engine, ErrorCode, Policy, SpfError, json};

static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::moj_default);

const ARRANGEMENTS: &str =
    "Corporate Security Policy, who does it apply to (arrangements for each element of the SPF)";
const VARIATIONS: &str = "Corporate Security Policy, who does it apply to (variations agreed by the Accounting Officer and reported in annual governance)";
const REVIEW: &str = "Corporate Security Policy (variations reported in annual governance processes); domain-facts §6.1";

fn day(text: &str) -> Date {
    text.parse().unwrap()
}

/// The return date most cases use.
const RETURN_DATE: &str = "2026-03-31";

/// Every element in place, except those `changes` replace.
fn return_with(changes: Vec<ElementReturn>) -> ComplianceReturn {
    let elements = SpfElement::ALL
        .into_iter()
        .map(|element| {
            changes
                .iter()
                .find(|c| c.element == element)
                .cloned()
                .unwrap_or_else(|| ElementReturn::new(element, ElementStatus::InPlace))
        })
        .collect();
    ComplianceReturn {
        elements,
        ..ComplianceReturn::new("HMCTS", day(RETURN_DATE))
    }
}

fn evaluate(request: &ComplianceReturn) -> ComplianceEvaluation {
    ENGINE.evaluate_compliance(request).unwrap()
}

fn rules(answer: &ComplianceEvaluation) -> Vec<&'static str> {
    answer.reasons.iter().map(|r| r.rule_id()).collect()
}

fn agreed(element: SpfElement, officer: &str, on: &str) -> ElementReturn {
    ElementReturn::with_variation(
        element,
        Variation::agreed(
            format!("local arrangements for {element}"),
            officer,
            day(on),
        ),
    )
}

fn with_agreement(element: SpfElement, agreement: Option<Agreement>) -> ElementReturn {
    ElementReturn::with_variation(
        element,
        Variation {
            description: format!("local arrangements for {element}"),
            agreement,
        },
    )
}

/// Checks that each area's five counts add up to its number of elements.
fn assert_area_counts_add_up(answer: &ComplianceEvaluation) {
    assert_eq!(answer.areas.len(), 4);
    let mut total = 0;
    for (summary, area) in answer.areas.iter().zip(SpfArea::ALL) {
        assert_eq!(summary.area, area);
        assert_eq!(summary.title, area.title());
        assert_eq!(summary.elements as usize, area.elements().len());
        assert_eq!(
            summary.in_place
                + summary.partial
                + summary.not_in_place
                + summary.variations
                + summary.not_reported,
            summary.elements,
            "{area}"
        );
        total += summary.elements;
    }
    assert_eq!(total, 19);
}

// ---------------------------------------------------------------------------
// Statuses, gaps and completeness.
// ---------------------------------------------------------------------------

#[test]
fn a_return_with_every_element_in_place_is_complete_and_compliant() {
    let answer = evaluate(&return_with(vec![]));
    assert_eq!(answer.schema_version, 1);
    assert_eq!(&*answer.policy.id, "moj-default");
    assert_eq!(answer.business_area, "HMCTS");
    assert_eq!(answer.return_date, day(RETURN_DATE));
    assert!(answer.complete);
    assert!(answer.compliant);
    assert_eq!(
        answer.completeness,
        Completeness {
            elements: 19,
            reported: 19,
            missing: vec![]
        }
    );
    assert!(answer.gaps.is_empty());
    assert!(answer.variations_to_report.is_empty());
    assert!(answer.invalid_variations.is_empty());
    let in_place: Vec<(SpfArea, u32, u32)> = answer
        .areas
        .iter()
        .map(|a| (a.area, a.elements, a.in_place))
        .collect();
    assert_eq!(
        in_place,
        [
            (SpfArea::GovernanceAndSecurityApproaches, 4, 4),
            (SpfArea::SecurityOfInformation, 7, 7),
            (SpfArea::PersonnelSecurity, 3, 3),
            (SpfArea::PhysicalSecurityAndCounterTerrorism, 5, 5),
        ]
    );
    assert_area_counts_add_up(&answer);
    assert_eq!(
        rules(&answer),
        ["compliance.complete", "compliance.compliant"]
    );
    assert_eq!(
        answer.reasons[0].step,
        ComplianceStep::Complete { elements: 19 }
    );
    assert_eq!(
        answer.reasons[1].step,
        ComplianceStep::Compliant {
            variations_to_report: 0
        }
    );
    for reason in &answer.reasons {
        assert_eq!(reason.citation.as_str(), ARRANGEMENTS);
        assert_eq!(reason.basis, Basis::PolicyStatement);
    }
}

#[test]
fn partial_and_not_in_place_elements_are_gaps_in_policy_order() {
    // Listed out of order: the answer follows the policy's order.
    let mut request = return_with(vec![
        ElementReturn::new(SpfElement::Appeals, ElementStatus::NotInPlace),
        ElementReturn::new(SpfElement::RiskManagement, ElementStatus::Partial),
        ElementReturn::new(
            SpfElement::DeliveryPartnersAndThirdPartySuppliers,
            ElementStatus::Partial,
        ),
    ]);
    request.elements.reverse();
    let answer = evaluate(&request);
    assert!(answer.complete);
    assert!(!answer.compliant);
    assert_eq!(
        answer.gaps,
        [
            Gap {
                area: SpfArea::GovernanceAndSecurityApproaches,
                element: SpfElement::RiskManagement,
                title: "Risk management".into(),
                status: GapStatus::Partial,
            },
            Gap {
                area: SpfArea::SecurityOfInformation,
                element: SpfElement::DeliveryPartnersAndThirdPartySuppliers,
                title: "Delivery partners and 3rd Party Suppliers".into(),
                status: GapStatus::Partial,
            },
            Gap {
                area: SpfArea::PersonnelSecurity,
                element: SpfElement::Appeals,
                title: "appeals".into(),
                status: GapStatus::NotInPlace,
            },
        ]
    );
    assert_eq!(
        answer.areas[2],
        AreaSummary {
            area: SpfArea::PersonnelSecurity,
            title: "Personnel Security".into(),
            elements: 3,
            in_place: 2,
            partial: 0,
            not_in_place: 1,
            variations: 0,
            not_reported: 0,
        }
    );
    assert_area_counts_add_up(&answer);
    assert_eq!(
        rules(&answer),
        [
            "compliance.complete",
            "compliance.gap",
            "compliance.gap",
            "compliance.gap",
            "compliance.notCompliant",
        ]
    );
    assert_eq!(
        answer.reasons[3].step,
        ComplianceStep::Gap {
            area: SpfArea::PersonnelSecurity,
            element: SpfElement::Appeals,
            status: GapStatus::NotInPlace,
        }
    );
    assert_eq!(
        answer.reasons[3].to_string(),
        format!(
            "`appeals` (appeals, area 3: Personnel Security) is not in place: arrangements must be established for every element of the SPF [{ARRANGEMENTS}; policyStatement]"
        )
    );
    assert_eq!(
        answer.reasons[4].step,
        ComplianceStep::NotCompliant {
            gaps: 3,
            not_reported: 0,
            invalid_variations: 0,
        }
    );
}

#[test]
fn missing_elements_are_listed_and_reported_as_gaps() {
    let mut request = return_with(vec![ElementReturn::new(
        SpfElement::TechnicalControls,
        ElementStatus::Partial,
    )]);
    request.elements.retain(|e| {
        !matches!(
            e.element,
            SpfElement::RespondingToCriticalIncidents | SpfElement::CultureEducationAndAwareness
        )
    });
    let answer = evaluate(&request);
    assert!(!answer.complete);
    assert!(!answer.compliant);
    assert_eq!(
        answer.completeness,
        Completeness {
            elements: 19,
            reported: 17,
            missing: vec![
                SpfElement::CultureEducationAndAwareness,
                SpfElement::RespondingToCriticalIncidents,
            ],
        }
    );
    let gaps: Vec<(SpfElement, GapStatus)> =
        answer.gaps.iter().map(|g| (g.element, g.status)).collect();
    assert_eq!(
        gaps,
        [
            (
                SpfElement::CultureEducationAndAwareness,
                GapStatus::NotReported
            ),
            (SpfElement::TechnicalControls, GapStatus::Partial),
            (
                SpfElement::RespondingToCriticalIncidents,
                GapStatus::NotReported
            ),
        ]
    );
    let not_reported: Vec<u32> = answer.areas.iter().map(|a| a.not_reported).collect();
    assert_eq!(not_reported, [1, 0, 0, 1]);
    assert_area_counts_add_up(&answer);
    assert_eq!(
        answer.reasons[0].step,
        ComplianceStep::Incomplete {
            elements: 19,
            reported: 17
        }
    );
    assert_eq!(
        answer.reasons[0].to_string(),
        format!(
            "17 of 19 elements are reported, so the return is incomplete: each business area must establish arrangements for every element of the SPF [{ARRANGEMENTS}; policyStatement]"
        )
    );
    assert_eq!(
        answer.reasons.last().unwrap().step,
        ComplianceStep::NotCompliant {
            gaps: 3,
            not_reported: 2,
            invalid_variations: 0,
        }
    );
}

#[test]
fn an_empty_return_reports_every_element_missing() {
    let answer = evaluate(&ComplianceReturn::new("  OPG  ", day(RETURN_DATE)));
    assert_eq!(answer.business_area, "OPG");
    assert_eq!(answer.completeness.reported, 0);
    assert_eq!(answer.completeness.missing, SpfElement::ALL);
    assert_eq!(answer.gaps.len(), 19);
    assert!(
        answer
            .gaps
            .iter()
            .all(|g| g.status == GapStatus::NotReported)
    );
    let not_reported: Vec<u32> = answer.areas.iter().map(|a| a.not_reported).collect();
    assert_eq!(not_reported, [4, 7, 3, 5]);
    assert_area_counts_add_up(&answer);
}

#[test]
fn each_status_counts_in_its_area() {
    let answer = evaluate(&return_with(vec![
        ElementReturn::new(SpfElement::InformationPolicy, ElementStatus::Partial),
        ElementReturn::new(SpfElement::TechnicalControls, ElementStatus::NotInPlace),
        agreed(SpfElement::ProceduralMeasures, "A. Officer", "2026-01-10"),
        with_agreement(SpfElement::ValuingAndClassifyingAssets, None),
    ]));
    assert_eq!(
        answer.areas[1],
        AreaSummary {
            area: SpfArea::SecurityOfInformation,
            title: "Security of Information".into(),
            elements: 7,
            in_place: 3,
            partial: 1,
            not_in_place: 1,
            variations: 2,
            not_reported: 0,
        }
    );
    assert_area_counts_add_up(&answer);
}

// ---------------------------------------------------------------------------
// Variations.
// ---------------------------------------------------------------------------

#[test]
fn an_agreed_variation_is_listed_for_annual_governance() {
    let request = return_with(vec![ElementReturn::with_variation(
        SpfElement::OngoingPersonnelSecurityManagement,
        Variation::agreed(
            "  agency aftercare procedure  ",
            "  Chief Executive  ",
            day("2025-09-01"),
        ),
    )]);
    let answer = evaluate(&request);
    assert!(answer.complete);
    assert!(answer.compliant, "an agreed variation is not a gap");
    assert!(answer.gaps.is_empty());
    assert_eq!(
        answer.variations_to_report,
        [ReportableVariation {
            area: SpfArea::PersonnelSecurity,
            element: SpfElement::OngoingPersonnelSecurityManagement,
            title: "Ongoing personnel security management".into(),
            description: "agency aftercare procedure".into(),
            accounting_officer: "Chief Executive".into(),
            agreed_on: day("2025-09-01"),
            review_due: day("2026-09-01"),
        }]
    );
    assert!(answer.invalid_variations.is_empty());
    assert_eq!(answer.areas[2].variations, 1);
    assert_eq!(
        rules(&answer),
        [
            "compliance.complete",
            "compliance.variationReview",
            "compliance.variationAgreed",
            "compliance.compliant",
        ]
    );
    let review = &answer.reasons[1];
    assert_eq!(review.step, ComplianceStep::VariationReview { months: 12 });
    assert_eq!(review.basis, Basis::ConfigurableDefault);
    assert_eq!(review.citation.as_str(), REVIEW);
    let agreed = &answer.reasons[2];
    assert_eq!(agreed.basis, Basis::PolicyStatement);
    assert_eq!(agreed.citation.as_str(), VARIATIONS);
    assert_eq!(
        agreed.to_string(),
        format!(
            "the variation for `ongoingPersonnelSecurityManagement` was agreed by the Accounting Officer on 2025-09-01 and stands until 2026-09-01: report it in annual governance [{VARIATIONS}; policyStatement]"
        )
    );
    assert_eq!(
        answer.reasons[3].step,
        ComplianceStep::Compliant {
            variations_to_report: 1
        }
    );
}

/// One invalid variation on `appeals` in an otherwise complete return.
fn invalid_one(agreement: Option<Agreement>) -> InvalidVariation {
    let answer = evaluate(&return_with(vec![with_agreement(
        SpfElement::Appeals,
        agreement,
    )]));
    assert!(answer.complete);
    assert!(!answer.compliant, "an invalid variation is not compliant");
    assert!(answer.gaps.is_empty());
    assert!(answer.variations_to_report.is_empty());
    assert_eq!(answer.invalid_variations.len(), 1);
    let invalid = answer.invalid_variations[0].clone();
    let step = answer
        .reasons
        .iter()
        .find(|r| r.rule_id() == "compliance.variationInvalid")
        .unwrap();
    assert_eq!(
        step.step,
        ComplianceStep::VariationInvalid {
            area: SpfArea::PersonnelSecurity,
            element: SpfElement::Appeals,
            problem: invalid.problem,
            role: invalid.role,
            agreed_on: invalid.agreed_on,
            review_due: invalid.review_due,
        }
    );
    // A lapsed agreement rests on the configurable review period; the others on
    // the policy's own words.
    if invalid.problem == VariationProblem::AgreementExpired {
        assert_eq!(step.citation.as_str(), REVIEW);
        assert_eq!(step.basis, Basis::ConfigurableDefault);
    } else {
        assert_eq!(step.citation.as_str(), VARIATIONS);
        assert_eq!(step.basis, Basis::PolicyStatement);
    }
    assert_eq!(
        answer.reasons.last().unwrap().step,
        ComplianceStep::NotCompliant {
            gaps: 0,
            not_reported: 0,
            invalid_variations: 1,
        }
    );
    invalid
}

fn agreement(officer: Option<&str>, on: Option<&str>) -> Option<Agreement> {
    Some(Agreement {
        accounting_officer: officer.map(str::to_owned),
        role: Some(AgreementRole::AccountingOfficer),
        agreed_on: on.map(day),
    })
}

fn expected_invalid(
    problem: VariationProblem,
    officer: Option<&str>,
    agreed_on: Option<&str>,
    review_due: Option<&str>,
) -> InvalidVariation {
    InvalidVariation {
        area: SpfArea::PersonnelSecurity,
        element: SpfElement::Appeals,
        title: "appeals".into(),
        description: "local arrangements for appeals".into(),
        problem,
        accounting_officer: officer.map(str::to_owned),
        // What the agreement says is kept: `agreement` gives the role.
        role: Some(AgreementRole::AccountingOfficer),
        agreed_on: agreed_on.map(day),
        review_due: review_due.map(day),
    }
}

#[test]
fn a_variation_without_an_agreement_is_invalid() {
    use VariationProblem::MissingAgreement;
    let expected = expected_invalid(MissingAgreement, None, None, None);
    assert_eq!(
        invalid_one(None),
        InvalidVariation {
            role: None,
            ..expected.clone()
        }
    );
    // A role alone, or with a blank name, is no agreement.
    assert_eq!(invalid_one(agreement(None, None)), expected);
    assert_eq!(invalid_one(agreement(Some(" \t "), None)), expected);
}

#[test]
fn only_the_accounting_officer_role_agrees_a_variation() {
    let in_role = |role, on: Option<&str>| {
        let mut agreement = agreement(Some(" J. Smith "), on).unwrap();
        agreement.role = role;
        invalid_one(Some(agreement))
    };
    for role in AgreementRole::ALL
        .into_iter()
        .filter(|r| *r != AgreementRole::AccountingOfficer)
    {
        let invalid = in_role(Some(role), Some("2025-10-01"));
        assert_eq!(
            invalid,
            InvalidVariation {
                role: Some(role),
                ..expected_invalid(
                    VariationProblem::NotAccountingOfficer,
                    Some("J. Smith"),
                    Some("2025-10-01"),
                    Some("2026-10-01"),
                )
            },
            "{role}"
        );
        // Another role comes first, before a missing date.
        assert_eq!(
            in_role(Some(role), None).problem,
            VariationProblem::NotAccountingOfficer
        );
    }
    // No role given: its own problem, like any missing part of the agreement.
    assert_eq!(
        in_role(None, Some("2025-10-01")),
        InvalidVariation {
            role: None,
            ..expected_invalid(
                VariationProblem::MissingRole,
                Some("J. Smith"),
                Some("2025-10-01"),
                Some("2026-10-01"),
            )
        }
    );
    // The explanations name the role, and rest on the policy's statement.
    let answer = evaluate(&return_with(vec![with_agreement(
        SpfElement::Appeals,
        Some(Agreement {
            accounting_officer: Some("J. Smith".into()),
            role: Some(AgreementRole::DepartmentalSecurityOfficer),
            agreed_on: Some(day("2025-10-01")),
        }),
    )]));
    let step = answer
        .reasons
        .iter()
        .find(|r| r.rule_id() == "compliance.variationInvalid")
        .unwrap();
    assert_eq!(
        step.to_string(),
        format!(
            "the variation for `appeals` was agreed by the Departmental Security Officer, not by the Accounting Officer: a variation must be agreed by the relevant Accounting Officer before it is reported in annual governance [{VARIATIONS}; policyStatement]"
        )
    );
    let answer = evaluate(&return_with(vec![with_agreement(
        SpfElement::Appeals,
        Some(Agreement {
            accounting_officer: Some("J. Smith".into()),
            role: None,
            agreed_on: Some(day("2025-10-01")),
        }),
    )]));
    assert_eq!(
        answer.reasons[2].to_string(),
        format!(
            "the variation for `appeals` does not say in what role it was agreed: a variation must be agreed by the relevant Accounting Officer before it is reported in annual governance [{VARIATIONS}; policyStatement]"
        )
    );
}

#[test]
fn a_variation_must_name_its_accounting_officer() {
    use VariationProblem::MissingAccountingOfficer;
    let expected = expected_invalid(
        MissingAccountingOfficer,
        None,
        Some("2025-10-01"),
        Some("2026-10-01"),
    );
    assert_eq!(invalid_one(agreement(None, Some("2025-10-01"))), expected);
    assert_eq!(
        invalid_one(agreement(Some("   "), Some("2025-10-01"))),
        expected
    );
}

#[test]
fn a_variation_must_say_when_it_was_agreed() {
    assert_eq!(
        invalid_one(agreement(Some(" A. Officer "), None)),
        expected_invalid(
            VariationProblem::MissingAgreedOn,
            Some("A. Officer"),
            None,
            None
        )
    );
}

#[test]
fn a_variation_agreed_after_the_return_is_invalid() {
    assert_eq!(
        invalid_one(agreement(Some("A. Officer"), Some("2026-04-01"))),
        expected_invalid(
            VariationProblem::AgreedAfterReturn,
            Some("A. Officer"),
            Some("2026-04-01"),
            Some("2027-04-01")
        )
    );
    // Agreed on the return date itself: valid.
    let answer = evaluate(&return_with(vec![agreed(
        SpfElement::Appeals,
        "A. Officer",
        RETURN_DATE,
    )]));
    assert_eq!(answer.variations_to_report.len(), 1);
    assert_eq!(answer.variations_to_report[0].review_due, day("2027-03-31"));
}

#[test]
fn an_agreement_older_than_the_review_period_has_expired() {
    let invalid = invalid_one(agreement(Some("A. Officer"), Some("2024-12-01")));
    assert_eq!(
        invalid,
        expected_invalid(
            VariationProblem::AgreementExpired,
            Some("A. Officer"),
            Some("2024-12-01"),
            Some("2025-12-01")
        )
    );
    let answer = evaluate(&return_with(vec![with_agreement(
        SpfElement::Appeals,
        agreement(Some("A. Officer"), Some("2024-12-01")),
    )]));
    let step = answer
        .reasons
        .iter()
        .find(|r| r.rule_id() == "compliance.variationInvalid")
        .unwrap();
    assert_eq!(
        step.to_string(),
        format!(
            "the variation for `appeals` was agreed on 2024-12-01; the agreement lapsed after 2025-12-01, before the return: a variation must be agreed by the relevant Accounting Officer before it is reported in annual governance [{REVIEW}; configurableDefault]"
        )
    );
}

#[test]
fn the_review_period_boundary_is_inclusive() {
    // Agreed exactly 12 months before the return date: still valid.
    let answer = evaluate(&return_with(vec![agreed(
        SpfElement::Appeals,
        "A. Officer",
        "2025-03-31",
    )]));
    assert_eq!(answer.variations_to_report.len(), 1);
    assert_eq!(answer.variations_to_report[0].review_due, day(RETURN_DATE));
    assert!(answer.compliant);
    // One day earlier: expired.
    assert_eq!(
        invalid_one(agreement(Some("A. Officer"), Some("2025-03-30"))),
        expected_invalid(
            VariationProblem::AgreementExpired,
            Some("A. Officer"),
            Some("2025-03-30"),
            Some("2026-03-30")
        )
    );
}

#[test]
fn an_agreement_made_on_29_february() {
    let on_leap_day = |return_date: &str| {
        let request = ComplianceReturn {
            return_date: day(return_date),
            ..return_with(vec![agreed(
                SpfElement::Appeals,
                "A. Officer",
                "2024-02-29",
            )])
        };
        evaluate(&request)
    };
    // Twelve months after 29 February 2024 is 28 February 2025.
    let answer = on_leap_day("2025-02-28");
    assert_eq!(answer.variations_to_report.len(), 1);
    assert_eq!(answer.variations_to_report[0].review_due, day("2025-02-28"));
    let answer = on_leap_day("2025-03-01");
    assert_eq!(answer.invalid_variations.len(), 1);
    assert_eq!(
        answer.invalid_variations[0].problem,
        VariationProblem::AgreementExpired
    );
    assert_eq!(
        answer.invalid_variations[0].review_due,
        Some(day("2025-02-28"))
    );
    // An agreement of 28 February 2023 stands until 28 February 2024: a return
    // on the leap day itself is a day late.
    let request = ComplianceReturn {
        return_date: day("2024-02-29"),
        ..return_with(vec![agreed(
            SpfElement::Appeals,
            "A. Officer",
            "2023-02-28",
        )])
    };
    let answer = evaluate(&request);
    assert_eq!(
        answer.invalid_variations[0].problem,
        VariationProblem::AgreementExpired
    );
    assert_eq!(
        answer.invalid_variations[0].review_due,
        Some(day("2024-02-28"))
    );
}

#[test]
fn valid_and_invalid_variations_together() {
    let answer = evaluate(&return_with(vec![
        agreed(SpfElement::InternalControls, "B. Officer", "2025-12-01"),
        with_agreement(SpfElement::RiskManagement, None),
        agreed(SpfElement::InformationPolicy, "A. Officer", "2025-06-30"),
        with_agreement(
            SpfElement::TechnicalControls,
            agreement(Some("C. Officer"), Some("2020-01-01")),
        ),
    ]));
    let valid: Vec<SpfElement> = answer
        .variations_to_report
        .iter()
        .map(|v| v.element)
        .collect();
    assert_eq!(
        valid,
        [SpfElement::InformationPolicy, SpfElement::InternalControls]
    );
    let invalid: Vec<(SpfElement, VariationProblem)> = answer
        .invalid_variations
        .iter()
        .map(|v| (v.element, v.problem))
        .collect();
    assert_eq!(
        invalid,
        [
            (
                SpfElement::RiskManagement,
                VariationProblem::MissingAgreement
            ),
            (
                SpfElement::TechnicalControls,
                VariationProblem::AgreementExpired
            ),
        ]
    );
    assert_eq!(
        rules(&answer),
        [
            "compliance.complete",
            "compliance.variationReview",
            "compliance.variationInvalid",
            "compliance.variationAgreed",
            "compliance.variationInvalid",
            "compliance.variationAgreed",
            "compliance.notCompliant",
        ]
    );
    let variations: Vec<u32> = answer.areas.iter().map(|a| a.variations).collect();
    assert_eq!(variations, [1, 2, 0, 1]);
    assert_area_counts_add_up(&answer);
}

#[test]
fn no_review_step_without_a_dated_agreement() {
    let answer = evaluate(&return_with(vec![with_agreement(
        SpfElement::Appeals,
        agreement(Some("A. Officer"), None),
    )]));
    assert!(!rules(&answer).contains(&"compliance.variationReview"));
}

// ---------------------------------------------------------------------------
// Centrally managed elements.
// ---------------------------------------------------------------------------

const CENTRAL_IT: &str = "Corporate Security Policy, who does it apply to (controls for IT security systems are managed centrally); the element they fall under is a default";
const CENTRAL_VETTING: &str = "Corporate Security Policy, who does it apply to (national security vetting is managed centrally); the element it falls under is a default";

#[test]
fn the_default_policy_manages_it_systems_and_vetting_centrally() {
    let policy = Policy::moj_default();
    let central: Vec<(SpfElement, Basis, &str)> = policy
        .compliance
        .centrally_managed
        .iter()
        .map(|c| (c.element, c.source.basis, c.source.citation.as_str()))
        .collect();
    // The text names the controls; which elements they are is a default.
    assert_eq!(
        central,
        [
            (
                SpfElement::RiskAssessmentAndAccreditationOfItSystems,
                Basis::ConfigurableDefault,
                CENTRAL_IT
            ),
            (
                SpfElement::RecruitmentChecksAndNationalSecurityVetting,
                Basis::ConfigurableDefault,
                CENTRAL_VETTING
            ),
        ]
    );
}

#[test]
fn a_variation_on_a_centrally_managed_element_is_invalid_whoever_agreed_it() {
    let answer = evaluate(&return_with(vec![
        agreed(
            SpfElement::RiskAssessmentAndAccreditationOfItSystems,
            "Chief Executive",
            "2025-09-01",
        ),
        // No agreement at all: still reported as centrally managed, the first
        // problem in order.
        with_agreement(
            SpfElement::RecruitmentChecksAndNationalSecurityVetting,
            None,
        ),
    ]));
    assert!(!answer.compliant);
    assert!(answer.variations_to_report.is_empty());
    assert_eq!(
        answer.invalid_variations,
        [
            InvalidVariation {
                area: SpfArea::SecurityOfInformation,
                element: SpfElement::RiskAssessmentAndAccreditationOfItSystems,
                title: "Risk assessment and accreditation of IT systems".into(),
                description: "local arrangements for riskAssessmentAndAccreditationOfItSystems"
                    .into(),
                problem: VariationProblem::CentrallyManaged,
                accounting_officer: Some("Chief Executive".into()),
                role: Some(AgreementRole::AccountingOfficer),
                agreed_on: Some(day("2025-09-01")),
                review_due: Some(day("2026-09-01")),
            },
            InvalidVariation {
                area: SpfArea::PersonnelSecurity,
                element: SpfElement::RecruitmentChecksAndNationalSecurityVetting,
                title: "Recruitment checks and national security vetting".into(),
                description: "local arrangements for recruitmentChecksAndNationalSecurityVetting"
                    .into(),
                problem: VariationProblem::CentrallyManaged,
                accounting_officer: None,
                role: None,
                agreed_on: None,
                review_due: None,
            },
        ]
    );
    // Each rests on the document's entry for its element, a default.
    let steps: Vec<(String, Basis, &str)> = answer
        .reasons
        .iter()
        .filter(|r| r.rule_id() == "compliance.variationInvalid")
        .map(|r| (r.to_string(), r.basis, r.citation.as_str()))
        .collect();
    assert_eq!(
        steps,
        [
            (
                format!(
                    "the variation for `riskAssessmentAndAccreditationOfItSystems` is not valid, whoever agreed it: `riskAssessmentAndAccreditationOfItSystems` (Risk assessment and accreditation of IT systems) is managed centrally, so no business area varies it locally [{CENTRAL_IT}; configurableDefault]"
                ),
                Basis::ConfigurableDefault,
                CENTRAL_IT
            ),
            (
                format!(
                    "the variation for `recruitmentChecksAndNationalSecurityVetting` is not valid, whoever agreed it: `recruitmentChecksAndNationalSecurityVetting` (Recruitment checks and national security vetting) is managed centrally, so no business area varies it locally [{CENTRAL_VETTING}; configurableDefault]"
                ),
                Basis::ConfigurableDefault,
                CENTRAL_VETTING
            ),
        ]
    );
    assert_eq!(
        answer.reasons.last().unwrap().to_string(),
        format!(
            "the return is not compliant: 0 gaps (0 not reported) and 2 invalid variations [{ARRANGEMENTS}; policyStatement]"
        )
    );
    // Partial or not in place, a centrally managed element is a gap as any is.
    let answer = evaluate(&return_with(vec![ElementReturn::new(
        SpfElement::RiskAssessmentAndAccreditationOfItSystems,
        ElementStatus::Partial,
    )]));
    assert_eq!(answer.gaps.len(), 1);
    assert!(answer.invalid_variations.is_empty());
}

#[test]
fn the_centrally_managed_list_is_the_policy_documents() {
    // An agency that manages its own vetting drops the element: its agreed
    // variation is valid again, and the default mapping is not a statement, so
    // no variation is needed to drop it.
    let mut policy = Policy::moj_default();
    policy
        .compliance
        .centrally_managed
        .retain(|c| c.element != SpfElement::RecruitmentChecksAndNationalSecurityVetting);
    // And it adds one of its own.
    policy
        .compliance
        .centrally_managed
        .push(spf_core::policy::CentralElement {
            element: SpfElement::TechnicalControls,
            source: spf_core::Source::statement(
                "HMPPS security framework 2.1 (technical controls set by MoJ Digital)",
            ),
        });
    let engine = Engine::from_policy_json(&policy.to_json_pretty()).unwrap();
    let request = return_with(vec![
        agreed(
            SpfElement::RecruitmentChecksAndNationalSecurityVetting,
            "Chief Executive",
            "2025-09-01",
        ),
        agreed(
            SpfElement::TechnicalControls,
            "Chief Executive",
            "2025-09-01",
        ),
    ]);
    let answer = engine.evaluate_compliance(&request).unwrap();
    assert_eq!(
        answer
            .variations_to_report
            .iter()
            .map(|v| v.element)
            .collect::<Vec<_>>(),
        [SpfElement::RecruitmentChecksAndNationalSecurityVetting]
    );
    assert_eq!(
        answer
            .invalid_variations
            .iter()
            .map(|v| (v.element, v.problem))
            .collect::<Vec<_>>(),
        [(
            SpfElement::TechnicalControls,
            VariationProblem::CentrallyManaged
        )]
    );
    let step = answer
        .reasons
        .iter()
        .find(|r| r.rule_id() == "compliance.variationInvalid")
        .unwrap();
    assert_eq!(step.basis, Basis::PolicyStatement);
    assert_eq!(
        step.citation.as_str(),
        "HMPPS security framework 2.1 (technical controls set by MoJ Digital)"
    );
}

#[test]
fn a_centrally_managed_element_listed_twice_or_uncited_is_rejected() {
    let rejected = |policy: &Policy| -> Vec<(ErrorCode, String)> {
        Engine::from_policy_json(&policy.to_json_pretty())
            .map(|_| ())
            .unwrap_err()
            .iter()
            .map(|e| (e.code, e.path.clone()))
            .collect()
    };
    let mut policy = Policy::moj_default();
    let again = policy.compliance.centrally_managed[0].clone();
    policy.compliance.centrally_managed.push(again);
    policy.compliance.centrally_managed[1].source.citation = spf_core::Citation::new(" ");
    assert_eq!(
        rejected(&policy),
        [
            (
                ErrorCode::PolicyInvalidValue,
                "/compliance/centrallyManaged/1/source/citation".into()
            ),
            (
                ErrorCode::PolicyDuplicateEntry,
                "/compliance/centrallyManaged/2/element".into()
            ),
        ]
    );
    // The list is a required part of the section.
    let mut document: Value =
        serde_json::from_str(&Policy::moj_default().to_json_pretty()).unwrap();
    document["compliance"]
        .as_object_mut()
        .unwrap()
        .remove("centrallyManaged");
    let error = Engine::from_policy_json(&document.to_string())
        .map(|_| ())
        .unwrap_err();
    assert_eq!(error.first().code, ErrorCode::MissingField);
}

// ---------------------------------------------------------------------------
// The wire format.
// ---------------------------------------------------------------------------

#[test]
fn the_answer_on_the_wire() {
    let request = json!({
        "schemaVersion": 1,
        "businessArea": "LAA",
        "returnDate": "2026-03-31",
        "elements": [
            {"element": "appeals", "status": "variation", "notes": "see annex",
             "variation": {"description": "regional panel",
                           "agreement": {"accountingOfficer": "A. Officer", "role": "accountingOfficer",
                                         "agreedOn": "2025-09-01"}}},
            {"element": "riskManagement", "status": "variation",
             "variation": {"description": "shared risk register",
                           "agreement": {"agreedOn": "2024-01-15"}}},
            {"element": "internalControls", "status": "partial"}
        ]
    });
    let text = json::evaluate_compliance(&ENGINE, &request.to_string()).unwrap();
    assert!(text.starts_with(
        r#"{"schemaVersion":1,"policy":{"id":"moj-default","version":"2026.1"},"businessArea":"LAA","returnDate":"2026-03-31","complete":false,"compliant":false,"completeness":{"elements":19,"reported":3,"missing":["rolesAccountabilityAndResponsibilities","#
    ));
    let answer: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        answer["areas"][2],
        json!({"area": "personnelSecurity", "title": "Personnel Security", "elements": 3,
               "inPlace": 0, "partial": 0, "notInPlace": 0, "variations": 1, "notReported": 2})
    );
    assert_eq!(
        answer["gaps"][0],
        json!({"area": "governanceAndSecurityApproaches",
               "element": "rolesAccountabilityAndResponsibilities",
               "title": "Roles, accountability and responsibilities", "status": "notReported"})
    );
    assert_eq!(
        answer["variationsToReport"],
        json!([{"area": "personnelSecurity", "element": "appeals", "title": "appeals",
                "description": "regional panel", "accountingOfficer": "A. Officer",
                "agreedOn": "2025-09-01", "reviewDue": "2026-09-01"}])
    );
    assert_eq!(
        answer["invalidVariations"],
        json!([{"area": "governanceAndSecurityApproaches", "element": "riskManagement",
                "title": "Risk management", "description": "shared risk register",
                "problem": "missingAccountingOfficer",
                "agreedOn": "2024-01-15", "reviewDue": "2025-01-15"}])
    );
    let reasons = answer["reasons"].as_array().unwrap();
    assert_eq!(
        reasons[0],
        json!({"rule": "compliance.incomplete", "facts": {"elements": 19, "reported": 3},
               "basis": "policyStatement", "citation": ARRANGEMENTS,
               "explanation": "3 of 19 elements are reported, so the return is incomplete: each business area must establish arrangements for every element of the SPF"})
    );
    assert_eq!(
        reasons[1],
        json!({"rule": "compliance.variationReview", "facts": {"months": 12},
               "basis": "configurableDefault", "citation": REVIEW,
               "explanation": "an Accounting Officer's agreement to a variation stands for 12 months from the day it was agreed; variations are reported in annual governance, so an older agreement must be renewed"})
    );
    let invalid = reasons
        .iter()
        .find(|r| r["rule"] == "compliance.variationInvalid")
        .unwrap();
    assert_eq!(
        invalid["facts"],
        json!({"area": "governanceAndSecurityApproaches", "element": "riskManagement",
               "problem": "missingAccountingOfficer", "agreedOn": "2024-01-15", "reviewDue": "2025-01-15"})
    );
    // The answer reads back as the same value.
    let back: ComplianceEvaluation = serde_json::from_str(&text).unwrap();
    assert_eq!(serde_json::to_string(&back).unwrap(), text);
}

#[test]
fn requests_round_trip() {
    let request = return_with(vec![
        agreed(SpfElement::Appeals, "A. Officer", "2025-09-01"),
        with_agreement(SpfElement::RiskManagement, None),
        ElementReturn {
            notes: Some("rolling out".into()),
            ..ElementReturn::new(SpfElement::TechnicalControls, ElementStatus::Partial)
        },
    ]);
    let text = serde_json::to_string(&request).unwrap();
    let back: ComplianceReturn = json::parse(&text).unwrap();
    assert_eq!(back, request);
    assert_eq!(
        json::evaluate_compliance(&ENGINE, &text).unwrap(),
        serde_json::to_string(&evaluate(&request)).unwrap()
    );
}

fn error(request: Value) -> SpfError {
    json::evaluate_compliance(&ENGINE, &request.to_string()).unwrap_err()
}

fn base(elements: Value) -> Value {
    json!({"businessArea": "HMCTS", "returnDate": "2026-03-31", "elements": elements})
}

#[test]
fn the_same_element_twice_is_rejected() {
    let e = error(base(json!([
        {"element": "appeals", "status": "inPlace"},
        {"element": "riskManagement", "status": "inPlace"},
        {"element": "appeals", "status": "partial"}
    ])));
    assert_eq!(e.code, ErrorCode::DuplicateEntry);
    assert_eq!(e.path, "/elements/2/element");
    assert_eq!(
        e.message,
        "element `appeals` is listed more than once; report each element once"
    );
}

#[test]
fn a_variation_on_an_element_not_under_variation_is_rejected() {
    for status in ["inPlace", "partial", "notInPlace"] {
        let e = error(base(json!([
            {"element": "riskManagement", "status": "inPlace"},
            {"element": "appeals", "status": status,
             "variation": {"description": "x", "agreement": {"accountingOfficer": "A", "role": "accountingOfficer", "agreedOn": "2026-01-01"}}}
        ])));
        assert_eq!(e.code, ErrorCode::InvalidType);
        assert_eq!(e.path, "/elements/1/variation");
        assert_eq!(
            e.message,
            format!(
                "element `appeals` has status `{status}`; only status `variation` may carry a `variation`"
            )
        );
    }
}

#[test]
fn a_variation_status_needs_its_variation() {
    let e = error(base(json!([{"element": "appeals", "status": "variation"}])));
    assert_eq!(e.code, ErrorCode::MissingField);
    assert_eq!(e.path, "/elements/0/variation");
    assert_eq!(
        e.message,
        "element `appeals` has status `variation` but no `variation` with its description and Accounting Officer agreement"
    );
    let e = error(base(json!([
        {"element": "appeals", "status": "variation", "variation": {"description": "  "}}
    ])));
    assert_eq!(e.code, ErrorCode::InvalidType);
    assert_eq!(e.path, "/elements/0/variation/description");
    let e = error(base(json!([
        {"element": "appeals", "status": "variation", "variation": {}}
    ])));
    assert_eq!(e.code, ErrorCode::MissingField);
    assert_eq!(e.path, "/elements/0/variation");
}

#[test]
fn unknown_names_and_fields_are_rejected() {
    let e = error(base(json!([
        {"element": "appeals", "status": "inPlace"},
        {"element": "apeals", "status": "inPlace"}
    ])));
    assert_eq!(e.code, ErrorCode::UnknownValue);
    assert_eq!(e.path, "/elements/1/element");
    assert!(
        e.message
            .starts_with("unknown value `apeals` for `element`; did you mean `appeals`?"),
        "{}",
        e.message
    );

    let e = error(base(json!([{"element": "appeals", "status": "done"}])));
    assert_eq!(
        (e.code, e.path.as_str()),
        (ErrorCode::UnknownValue, "/elements/0/status")
    );

    let mut request = base(json!([]));
    request["returnDat"] = json!("2026-03-31");
    let e = error(request);
    assert_eq!(
        (e.code, e.path.as_str()),
        (ErrorCode::UnknownField, "/returnDat")
    );

    let e = error(base(json!([
        {"element": "appeals", "status": "variation",
         "variation": {"description": "x", "agreement": {"accountingOficer": "A"}}}
    ])));
    assert_eq!(
        (e.code, e.path.as_str()),
        (
            ErrorCode::UnknownField,
            "/elements/0/variation/agreement/accountingOficer"
        )
    );

    // A role the library does not know is an input error; `other` exists for
    // any role it does not name.
    let e = error(base(json!([
        {"element": "appeals", "status": "variation",
         "variation": {"description": "x", "agreement": {"accountingOfficer": "A", "role": "chiefExecutive"}}}
    ])));
    assert_eq!(
        (e.code, e.path.as_str()),
        (
            ErrorCode::UnknownValue,
            "/elements/0/variation/agreement/role"
        )
    );
}

#[test]
fn other_bad_requests() {
    let e = error(json!({"businessArea": " ", "returnDate": "2026-03-31", "elements": []}));
    assert_eq!(
        (e.code, e.path.as_str(), e.message.as_str()),
        (
            ErrorCode::InvalidType,
            "/businessArea",
            "the business area must not be empty"
        )
    );
    let e = error(json!({"businessArea": "X", "returnDate": "2026-02-30", "elements": []}));
    assert_eq!(
        (e.code, e.path.as_str()),
        (ErrorCode::InvalidDate, "/returnDate")
    );
    let e = error(base(json!([
        {"element": "appeals", "status": "variation",
         "variation": {"description": "x", "agreement": {"agreedOn": "2025-13-01"}}}
    ])));
    assert_eq!(
        (e.code, e.path.as_str()),
        (
            ErrorCode::InvalidDate,
            "/elements/0/variation/agreement/agreedOn"
        )
    );
    let e = error(json!({"businessArea": "X", "elements": []}));
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::MissingField, ""));
    let mut request = base(json!([]));
    request["schemaVersion"] = json!(2);
    let e = error(request);
    assert_eq!(
        (e.code, e.path.as_str()),
        (ErrorCode::UnsupportedSchemaVersion, "/schemaVersion")
    );
    let e = error(base(json!({"appeals": "inPlace"})));
    assert_eq!(
        (e.code, e.path.as_str()),
        (ErrorCode::InvalidType, "/elements")
    );
    for e in [
        error(base(json!([{"element": "appeals", "status": "variation"}]))),
        error(json!({"businessArea": "", "returnDate": "2026-03-31", "elements": []})),
    ] {
        assert!(!e.message.ends_with('.'));
        assert!(!e.message.contains("ElementReturn") && !e.message.contains("Option"));
    }
}

// ---------------------------------------------------------------------------
// The policy document.
// ---------------------------------------------------------------------------

#[test]
fn a_policy_with_another_review_period_changes_the_outcome() {
    let request = return_with(vec![agreed(
        SpfElement::Appeals,
        "A. Officer",
        "2024-06-01",
    )]);
    let answer = evaluate(&request);
    assert_eq!(
        answer.invalid_variations[0].problem,
        VariationProblem::AgreementExpired
    );

    let mut policy = Policy::moj_default();
    policy.compliance.variation_review.months = 24;
    policy.compliance.variation_review.source.citation =
        spf_core::Citation::new("HMPPS assurance framework 3.2");
    let engine = Engine::new(policy).unwrap();
    let answer = engine.evaluate_compliance(&request).unwrap();
    assert!(answer.compliant);
    assert_eq!(answer.variations_to_report[0].review_due, day("2026-06-01"));
    let review = &answer.reasons[1];
    assert_eq!(review.step, ComplianceStep::VariationReview { months: 24 });
    assert_eq!(review.citation.as_str(), "HMPPS assurance framework 3.2");
    assert!(review.to_string().contains("stands for 24 months"));

    // A one-month period, across a month end: agreed 31 January stands until
    // 28 February.
    let mut policy = Policy::moj_default();
    policy.compliance.variation_review.months = 1;
    let engine = Engine::new(policy).unwrap();
    let at = |return_date: &str| {
        let request = ComplianceReturn {
            return_date: day(return_date),
            ..return_with(vec![agreed(
                SpfElement::Appeals,
                "A. Officer",
                "2026-01-31",
            )])
        };
        engine.evaluate_compliance(&request).unwrap()
    };
    let answer = at("2026-02-28");
    assert_eq!(answer.variations_to_report[0].review_due, day("2026-02-28"));
    assert!(
        answer.reasons[1]
            .to_string()
            .contains("stands for 1 month from")
    );
    let answer = at("2026-03-01");
    assert_eq!(
        answer.invalid_variations[0].problem,
        VariationProblem::AgreementExpired
    );
}

#[test]
fn review_periods_outside_1_to_60_months_are_rejected() {
    for months in [0, 61, u32::MAX] {
        let mut policy = Policy::moj_default();
        policy.compliance.variation_review.months = months;
        let errors = Engine::new(policy.clone()).unwrap_err();
        let found: Vec<(ErrorCode, &str)> =
            errors.iter().map(|e| (e.code, e.path.as_str())).collect();
        assert_eq!(
            found,
            [(
                ErrorCode::PolicyInvalidValue,
                "/compliance/variationReview/months"
            )],
            "{months}"
        );
        // The same through a policy document.
        let errors = Engine::from_policy_json(&policy.to_json_pretty()).unwrap_err();
        assert_eq!(errors.first().code, ErrorCode::PolicyInvalidValue);
        assert_eq!(errors.first().path, "/compliance/variationReview/months");
    }
    for months in [1, 60] {
        let mut policy = Policy::moj_default();
        policy.compliance.variation_review.months = months;
        assert!(Engine::new(policy).is_ok(), "{months}");
    }
}

// ---------------------------------------------------------------------------
// The sample return.
// ---------------------------------------------------------------------------

const SAMPLE: &str = include_str!("../../examples/data/compliance-return.json");

#[test]
fn the_sample_return() {
    let text = json::evaluate_compliance(&ENGINE, SAMPLE).unwrap();
    let answer: ComplianceEvaluation = serde_json::from_str(&text).unwrap();
    assert_eq!(answer.business_area, "HMPPS");
    assert_eq!(answer.return_date, day("2026-03-31"));
    assert!(!answer.complete);
    assert!(!answer.compliant);
    assert_eq!(
        answer.completeness,
        Completeness {
            elements: 19,
            reported: 18,
            missing: vec![SpfElement::InternalControls],
        }
    );
    let gaps: Vec<(SpfElement, GapStatus)> =
        answer.gaps.iter().map(|g| (g.element, g.status)).collect();
    assert_eq!(
        gaps,
        [
            (SpfElement::TechnicalControls, GapStatus::Partial),
            (
                SpfElement::DeliveryPartnersAndThirdPartySuppliers,
                GapStatus::NotInPlace
            ),
            (
                SpfElement::OngoingPersonnelSecurityManagement,
                GapStatus::Partial
            ),
            (SpfElement::InternalControls, GapStatus::NotReported),
        ]
    );
    let valid: Vec<(SpfElement, &str, Date, Date)> = answer
        .variations_to_report
        .iter()
        .map(|v| {
            (
                v.element,
                v.accounting_officer.as_str(),
                v.agreed_on,
                v.review_due,
            )
        })
        .collect();
    assert_eq!(
        valid,
        [(
            SpfElement::BuildingAndPerimeterSecurity,
            "Chief Executive, HMPPS",
            day("2025-11-03"),
            day("2026-11-03")
        )]
    );
    let invalid: Vec<(SpfElement, VariationProblem)> = answer
        .invalid_variations
        .iter()
        .map(|v| (v.element, v.problem))
        .collect();
    // IT accreditation is managed centrally: the agency's agreed variation on
    // it is not valid.
    assert_eq!(
        invalid,
        [
            (
                SpfElement::RiskAssessmentAndAccreditationOfItSystems,
                VariationProblem::CentrallyManaged
            ),
            (SpfElement::Appeals, VariationProblem::MissingAgreement)
        ]
    );
    let counts: Vec<[u32; 5]> = answer
        .areas
        .iter()
        .map(|a| {
            [
                a.in_place,
                a.partial,
                a.not_in_place,
                a.variations,
                a.not_reported,
            ]
        })
        .collect();
    assert_eq!(
        counts,
        [
            [4, 0, 0, 0, 0],
            [4, 1, 1, 1, 0],
            [1, 1, 0, 1, 0],
            [3, 0, 0, 1, 1],
        ]
    );
    assert_area_counts_add_up(&answer);
    assert_eq!(
        answer.reasons.last().unwrap().step,
        ComplianceStep::NotCompliant {
            gaps: 4,
            not_reported: 1,
            invalid_variations: 2,
        }
    );
    // A single pretty-printed document in the wire's own field order.
    let document: ComplianceReturn = json::parse(SAMPLE).unwrap();
    assert_eq!(
        format!("{}\n", serde_json::to_string_pretty(&document).unwrap()),
        SAMPLE
    );
}

// ---------------------------------------------------------------------------
// Properties.
// ---------------------------------------------------------------------------

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        // Keep the source tree clean: no proptest-regressions files.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// What one element of a generated return says (`None`: left out).
fn element_entry(element: SpfElement) -> impl Strategy<Value = Option<ElementReturn>> {
    let officer = prop_oneof![
        Just(None),
        Just(Some(String::new())),
        Just(Some(" ".to_owned())),
        Just(Some("A. Officer".to_owned())),
    ];
    let role = prop_oneof![
        1 => Just(None),
        4 => Just(Some(AgreementRole::AccountingOfficer)),
        1 => Just(Some(AgreementRole::SecurityOfficer)),
    ];
    // Days before (positive) or after (negative) 2026-03-31.
    let agreed = prop_oneof![Just(None), (-40i64..800).prop_map(Some)];
    let agreement = prop_oneof![
        1 => Just(None),
        4 => (officer, role, agreed).prop_map(|(accounting_officer, role, offset)| Some(Agreement {
            accounting_officer,
            role,
            agreed_on: offset.map(|days| {
                let return_date = day(RETURN_DATE);
                let days_u = u32::try_from(days.unsigned_abs()).unwrap();
                if days >= 0 {
                    return_date.days_before(days_u).unwrap()
                } else {
                    return_date.days_after(days_u).unwrap()
                }
            }),
        })),
    ];
    prop_oneof![
        1 => Just(None),
        3 => Just(Some(ElementReturn::new(element, ElementStatus::InPlace))),
        1 => Just(Some(ElementReturn::new(element, ElementStatus::Partial))),
        1 => Just(Some(ElementReturn::new(element, ElementStatus::NotInPlace))),
        3 => agreement.prop_map(move |agreement| Some(ElementReturn::with_variation(
            element,
            Variation {
                description: format!("variation for {element}"),
                agreement,
            },
        ))),
    ]
}

/// A return in policy order, and the same return shuffled.
fn return_and_shuffled() -> impl Strategy<Value = (ComplianceReturn, ComplianceReturn)> {
    Vec::from(SpfElement::ALL.map(element_entry))
        .prop_flat_map(|entries| {
            let elements: Vec<ElementReturn> = entries.into_iter().flatten().collect();
            (Just(elements.clone()), Just(elements).prop_shuffle())
        })
        .prop_map(|(ordered, shuffled)| {
            let make = |elements| ComplianceReturn {
                elements,
                ..ComplianceReturn::new("HMPPS", day(RETURN_DATE))
            };
            (make(ordered), make(shuffled))
        })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn element_order_never_changes_the_answer((ordered, shuffled) in return_and_shuffled()) {
        let a = json::evaluate_compliance(&ENGINE, &serde_json::to_string(&ordered).unwrap()).unwrap();
        let b = json::evaluate_compliance(&ENGINE, &serde_json::to_string(&shuffled).unwrap()).unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn every_element_is_accounted_for_exactly_once((request, _) in return_and_shuffled()) {
        let answer = evaluate(&request);
        let in_place: Vec<SpfElement> = request
            .elements
            .iter()
            .filter(|e| e.status == ElementStatus::InPlace)
            .map(|e| e.element)
            .collect();
        let mut seen: Vec<SpfElement> = in_place.clone();
        seen.extend(answer.gaps.iter().map(|g| g.element));
        seen.extend(answer.variations_to_report.iter().map(|v| v.element));
        seen.extend(answer.invalid_variations.iter().map(|v| v.element));
        seen.sort();
        prop_assert_eq!(&seen, &SpfElement::ALL.to_vec());

        // The counts agree with the lists.
        let sum = |f: fn(&AreaSummary) -> u32| answer.areas.iter().map(f).sum::<u32>();
        prop_assert_eq!(sum(|a| a.in_place) as usize, in_place.len());
        prop_assert_eq!(
            sum(|a| a.variations) as usize,
            answer.variations_to_report.len() + answer.invalid_variations.len()
        );
        prop_assert_eq!(
            (sum(|a| a.partial) + sum(|a| a.not_in_place) + sum(|a| a.not_reported)) as usize,
            answer.gaps.len()
        );
        prop_assert_eq!(sum(|a| a.not_reported) as usize, answer.completeness.missing.len());
        prop_assert_eq!(answer.completeness.reported as usize, request.elements.len());
        prop_assert_eq!(answer.complete, answer.completeness.missing.is_empty());
        prop_assert_eq!(
            answer.compliant,
            answer.gaps.is_empty() && answer.invalid_variations.is_empty()
        );
        prop_assert!(!answer.compliant || answer.complete);
        // A centrally managed element's variation is never reported as agreed.
        let central: Vec<SpfElement> = ENGINE
            .policy()
            .compliance
            .centrally_managed
            .iter()
            .map(|c| c.element)
            .collect();
        for variation in &answer.variations_to_report {
            prop_assert!(!central.contains(&variation.element), "{}", variation.element);
        }
        for variation in &answer.invalid_variations {
            prop_assert_eq!(
                variation.problem == VariationProblem::CentrallyManaged,
                central.contains(&variation.element)
            );
        }
        for summary in &answer.areas {
            prop_assert_eq!(
                summary.in_place + summary.partial + summary.not_in_place
                    + summary.variations + summary.not_reported,
                summary.elements
            );
        }
        // Lists follow the policy's order; every reported variation is in date.
        for list in [
            answer.gaps.iter().map(|g| g.element).collect::<Vec<_>>(),
            answer.variations_to_report.iter().map(|v| v.element).collect(),
            answer.invalid_variations.iter().map(|v| v.element).collect(),
        ] {
            prop_assert!(list.windows(2).all(|w| w[0] < w[1]));
        }
        for v in &answer.variations_to_report {
            prop_assert!(v.agreed_on <= answer.return_date && answer.return_date <= v.review_due);
        }
        let distinct: BTreeSet<&str> = answer.reasons.iter().map(|r| r.rule_id()).collect();
        prop_assert!(distinct.len() <= 8);
    }
}
