//! SPF compliance returns (corporate security policy, "Who does it apply to?"):
//! each business area's arrangements for every element of the Security Policy
//! Framework.
//!
//! The policy lists four areas and their elements ([`SpfArea`],
//! [`SpfElement`]): every business area (group, agency or arm's-length body)
//! must establish arrangements for each. A [`ComplianceReturn`] gives one
//! [`ElementStatus`] per element: in place, partial, not in place, or a
//! variation. Where a requirement should not apply, or local arrangements do
//! not comply, "the variation should be agreed by the relevant Accounting
//! Officer and reported in annual governance processes": a variation carries
//! who agreed it, in what role ([`AgreementRole`]; only the Accounting
//! Officer's makes it valid) and when, and an agreement stands for the
//! policy's review period (`compliance.variationReview`, a configurable default
//! of 12 months).
//!
//! The [`ComplianceEvaluation`] lists, in the policy's order:
//! - `gaps`: elements partial, not in place or not reported;
//! - `variationsToReport`: variations validly agreed, for the annual
//!   governance report;
//! - `invalidVariations`: variations on an element whose controls are managed
//!   centrally ("Some controls such as those for IT security systems and
//!   national security vetting will be managed centrally"; the policy
//!   document's `compliance.centrallyManaged`), whoever agreed them, and
//!   variations without a valid agreement (none, agreed in another role than
//!   the Accounting Officer's, no Accounting Officer named, no role, no date,
//!   dated after the return, or lapsed);
//! - `completeness` and per-area counts; and the cited `reasons`.
//!
//! ```
//! use spf_core::compliance::{
//!     ComplianceReturn, ElementReturn, ElementStatus, GapStatus, SpfElement, Variation,
//!     VariationProblem,
//! };
//! use spf_core::{Date, Engine};
//!
//! let engine = Engine::moj_default();
//! let date = |y, m, d| Date::from_ymd(y, m, d).unwrap();
//! let request = ComplianceReturn {
//!     elements: SpfElement::ALL
//!         .into_iter()
//!         .filter(|e| *e != SpfElement::InternalControls) // left out
//!         .map(|element| match element {
//!             SpfElement::TechnicalControls => ElementReturn::new(element, ElementStatus::Partial),
//!             SpfElement::Appeals => ElementReturn::with_variation(
//!                 element,
//!                 Variation::agreed("appeals heard by the agency's own panel", "A. Officer", date(2025, 9, 1)),
//!             ),
//!             SpfElement::InformationPolicy => ElementReturn::with_variation(
//!                 element,
//!                 Variation::unagreed("local information policy pending"),
//!             ),
//!             _ => ElementReturn::new(element, ElementStatus::InPlace),
//!         })
//!         .collect(),
//!     ..ComplianceReturn::new("HMPPS", date(2026, 3, 31))
//! };
//!
//! let answer = engine.evaluate_compliance(&request)?;
//! assert!(!answer.complete && !answer.compliant);
//! assert_eq!(answer.completeness.missing, [SpfElement::InternalControls]);
//! let gaps: Vec<_> = answer.gaps.iter().map(|g| (g.element, g.status)).collect();
//! assert_eq!(gaps, [
//!     (SpfElement::TechnicalControls, GapStatus::Partial),
//!     (SpfElement::InternalControls, GapStatus::NotReported),
//! ]);
//! let agreed = &answer.variations_to_report[0];
//! assert_eq!((agreed.element, agreed.review_due), (SpfElement::Appeals, date(2026, 9, 1)));
//! let invalid = &answer.invalid_variations[0];
//! assert_eq!(invalid.problem, VariationProblem::MissingAgreement);
//! for reason in &answer.reasons {
//!     println!("{reason}"); // each step cites the corporate security policy
//! }
//!
//! // The same through JSON, as the C library and the WebAssembly module call it.
//! let json = spf_core::json::evaluate_compliance(&engine, r#"{
//!     "businessArea": "HMPPS", "returnDate": "2026-03-31",
//!     "elements": [{"element": "appeals", "status": "notInPlace"}]
//! }"#)?;
//! assert!(json.contains(r#""completeness":{"elements":19,"reported":1,"#));
//! # Ok::<(), spf_core::SpfError>(())
//! ```

mod evaluation;
mod request;

pub use crate::vocabulary::{SpfArea, SpfElement};
pub use evaluation::{
    AreaSummary, Completeness, ComplianceEvaluation, ComplianceReason, ComplianceStep, Gap,
    GapStatus, InvalidVariation, ReportableVariation, VariationProblem,
};
pub use request::{
    Agreement, AgreementRole, ComplianceReturn, ElementReturn, ElementStatus, Variation,
};

use crate::codec::Pointer;
use crate::date::Date;
use crate::error::{ErrorCode, SpfError};
use crate::policy::{ComplianceRules, Policy, PolicyRef, SCHEMA_VERSION};
use crate::reason::Reason;

/// The number of SPF elements, as the wire's counts carry it.
const ELEMENT_COUNT: u32 = SpfElement::ALL.len() as u32;

/// Evaluates a return. The caller has checked `schemaVersion`.
///
/// The entries are checked first; then each element is judged in the policy's
/// order; then the summary steps are put around the elements' steps.
pub(crate) fn evaluate(
    policy: &Policy,
    reference: &PolicyRef,
    request: &ComplianceReturn,
) -> Result<ComplianceEvaluation, SpfError> {
    let reported = check(request, policy.compliance.variation_review.months)?;
    let mut tally = Tally::new(&policy.compliance, request.return_date);
    for (element, entry) in SpfElement::ALL.into_iter().zip(reported) {
        tally.element(element, entry);
    }
    Ok(tally.into_evaluation(reference, request))
}

/// A return being judged, element by element in the policy's order.
struct Tally<'a> {
    rules: &'a ComplianceRules,
    return_date: Date,
    areas: Vec<AreaSummary>,
    missing: Vec<SpfElement>,
    gaps: Vec<Gap>,
    variations_to_report: Vec<ReportableVariation>,
    invalid_variations: Vec<InvalidVariation>,
    /// Per-element steps, in the policy's order; the summary steps go around them.
    element_reasons: Vec<ComplianceReason>,
    any_dated_agreement: bool,
}

impl<'a> Tally<'a> {
    fn new(rules: &'a ComplianceRules, return_date: Date) -> Self {
        let areas = SpfArea::ALL
            .iter()
            .map(|area| AreaSummary {
                area: *area,
                title: area.title().to_owned(),
                elements: count(area.elements().len()),
                in_place: 0,
                partial: 0,
                not_in_place: 0,
                variations: 0,
                not_reported: 0,
            })
            .collect();
        Self {
            rules,
            return_date,
            areas,
            missing: Vec::new(),
            gaps: Vec::new(),
            variations_to_report: Vec::new(),
            invalid_variations: Vec::new(),
            element_reasons: Vec::new(),
            any_dated_agreement: false,
        }
    }

    /// Counts one element's entry in its area, judges its variation if it has
    /// one, and records it as a gap if it is one.
    fn element(&mut self, element: SpfElement, entry: Option<&ElementReturn>) {
        let area = element.area();
        // INVARIANT: `areas` follows `SpfArea::ALL`, one entry per area.
        let Some(summary) = self.areas.iter_mut().find(|s| s.area == area) else {
            return;
        };
        let gap_status = match entry.map(|e| (e.status, e.variation.as_ref())) {
            None => {
                summary.not_reported += 1;
                self.missing.push(element);
                Some(GapStatus::NotReported)
            }
            Some((ElementStatus::InPlace, _)) => {
                summary.in_place += 1;
                None
            }
            Some((ElementStatus::Partial, _)) => {
                summary.partial += 1;
                Some(GapStatus::Partial)
            }
            Some((ElementStatus::NotInPlace, _)) => {
                summary.not_in_place += 1;
                Some(GapStatus::NotInPlace)
            }
            Some((ElementStatus::Variation, variation)) => {
                summary.variations += 1;
                // `check` guarantees a variation status carries its variation.
                if let Some(variation) = variation {
                    self.variation(area, element, variation);
                }
                None
            }
        };
        if let Some(status) = gap_status {
            self.gap(area, element, status);
        }
    }

    /// A variation: invalid on a centrally managed element, else to report if
    /// validly agreed, invalid otherwise.
    fn variation(&mut self, area: SpfArea, element: SpfElement, variation: &Variation) {
        let rules = self.rules;
        let review_months = rules.variation_review.months;
        let description = variation.description.trim().to_owned();
        let judged = judge(
            variation.agreement.as_ref(),
            self.return_date,
            review_months,
        );
        let central = rules
            .centrally_managed
            .iter()
            .find(|entry| entry.element == element);
        match judged.or_centrally_managed(central.is_some()) {
            Judgement::Valid {
                accounting_officer,
                agreed_on,
                review_due,
            } => {
                self.any_dated_agreement = true;
                self.element_reasons.push(Reason::new(
                    ComplianceStep::VariationAgreed {
                        area,
                        element,
                        agreed_on,
                        review_due,
                    },
                    &rules.variations,
                ));
                self.variations_to_report.push(ReportableVariation {
                    area,
                    element,
                    title: element.title().to_owned(),
                    description,
                    accounting_officer,
                    agreed_on,
                    review_due,
                });
            }
            Judgement::Invalid {
                problem,
                accounting_officer,
                role,
                agreed_on,
                review_due,
            } => {
                self.any_dated_agreement |= agreed_on.is_some();
                // A lapsed agreement rests on the review period, which is the
                // policy document's default, not its text; a centrally managed
                // element rests on the document's entry for it.
                let source = match (problem, central) {
                    (VariationProblem::CentrallyManaged, Some(entry)) => &entry.source,
                    (VariationProblem::AgreementExpired, _) => &rules.variation_review.source,
                    _ => &rules.variations,
                };
                self.element_reasons.push(Reason::new(
                    ComplianceStep::VariationInvalid {
                        area,
                        element,
                        problem,
                        role,
                        agreed_on,
                        review_due,
                    },
                    source,
                ));
                self.invalid_variations.push(InvalidVariation {
                    area,
                    element,
                    title: element.title().to_owned(),
                    description,
                    problem,
                    accounting_officer,
                    role,
                    agreed_on,
                    review_due,
                });
            }
        }
    }

    fn gap(&mut self, area: SpfArea, element: SpfElement, status: GapStatus) {
        self.element_reasons.push(Reason::new(
            ComplianceStep::Gap {
                area,
                element,
                status,
            },
            &self.rules.arrangements,
        ));
        self.gaps.push(Gap {
            area,
            element,
            title: element.title().to_owned(),
            status,
        });
    }

    /// The answer: completeness and the review period first, the elements'
    /// steps, then whether the return is compliant.
    fn into_evaluation(
        mut self,
        reference: &PolicyRef,
        request: &ComplianceReturn,
    ) -> ComplianceEvaluation {
        let rules = self.rules;
        let reported_count = ELEMENT_COUNT.saturating_sub(count(self.missing.len()));
        let complete = self.missing.is_empty();
        let compliant = self.gaps.is_empty() && self.invalid_variations.is_empty();
        let mut reasons = Vec::with_capacity(self.element_reasons.len() + 3);
        reasons.push(Reason::new(
            if complete {
                ComplianceStep::Complete {
                    elements: ELEMENT_COUNT,
                }
            } else {
                ComplianceStep::Incomplete {
                    elements: ELEMENT_COUNT,
                    reported: reported_count,
                }
            },
            &rules.arrangements,
        ));
        if self.any_dated_agreement {
            reasons.push(Reason::new(
                ComplianceStep::VariationReview {
                    months: rules.variation_review.months,
                },
                &rules.variation_review.source,
            ));
        }
        reasons.append(&mut self.element_reasons);
        reasons.push(if compliant {
            Reason::new(
                ComplianceStep::Compliant {
                    variations_to_report: count(self.variations_to_report.len()),
                },
                &rules.arrangements,
            )
        } else {
            Reason::new(
                ComplianceStep::NotCompliant {
                    gaps: count(self.gaps.len()),
                    not_reported: count(self.missing.len()),
                    invalid_variations: count(self.invalid_variations.len()),
                },
                &rules.arrangements,
            )
        });

        ComplianceEvaluation {
            schema_version: SCHEMA_VERSION,
            policy: reference.clone(),
            business_area: request.business_area.trim().to_owned(),
            return_date: self.return_date,
            // INVARIANT: a compliant return is complete, since a missing element
            // is a `notReported` gap.
            complete,
            compliant,
            completeness: Completeness {
                elements: ELEMENT_COUNT,
                reported: reported_count,
                missing: self.missing,
            },
            areas: self.areas,
            gaps: self.gaps,
            variations_to_report: self.variations_to_report,
            invalid_variations: self.invalid_variations,
            reasons,
        }
    }
}

/// Checks what serde cannot, and indexes the entries by element: slot `i`
/// holds the entry for `SpfElement::ALL[i]`, if reported. An agreement whose
/// review would fall after 9999-12-31 (`review_months` after it) is an
/// `invalidDate`: no answer could give its review date.
fn check(
    request: &ComplianceReturn,
    review_months: u32,
) -> Result<[Option<&ElementReturn>; SpfElement::ALL.len()], SpfError> {
    let root = Pointer::root();
    if request.business_area.trim().is_empty() {
        return Err(SpfError::new(
            ErrorCode::InvalidType,
            "the business area must not be empty",
            root.key("businessArea").into_string(),
        ));
    }
    let mut slots: [Option<&ElementReturn>; SpfElement::ALL.len()] = [None; SpfElement::ALL.len()];
    let elements_at = root.key("elements");
    for (i, entry) in request.elements.iter().enumerate() {
        let at = elements_at.index(i);
        let element = entry.element;
        match slots.get_mut(element.index()) {
            Some(slot @ None) => *slot = Some(entry),
            _ => {
                return Err(SpfError::new(
                    ErrorCode::DuplicateEntry,
                    format!(
                        "element `{element}` is listed more than once; report each element once"
                    ),
                    at.key("element").into_string(),
                ));
            }
        }
        match (entry.status, &entry.variation) {
            (ElementStatus::Variation, None) => {
                return Err(SpfError::new(
                    ErrorCode::MissingField,
                    format!(
                        "element `{element}` has status `variation` but no `variation` with its description and Accounting Officer agreement"
                    ),
                    at.key("variation").into_string(),
                ));
            }
            (ElementStatus::Variation, Some(variation)) => {
                if variation.description.trim().is_empty() {
                    return Err(SpfError::new(
                        ErrorCode::InvalidType,
                        format!("the variation for element `{element}` needs a description"),
                        at.key("variation").key("description").into_string(),
                    ));
                }
                let agreed_on = variation.agreement.as_ref().and_then(|a| a.agreed_on);
                if let Some(agreed_on) =
                    agreed_on.filter(|d| d.months_after(review_months).is_none())
                {
                    return Err(SpfError::new(
                        ErrorCode::InvalidDate,
                        format!(
                            "an agreement made on `{agreed_on}` would come up for review after {}, the latest date the library handles",
                            Date::LATEST
                        ),
                        at.key("variation")
                            .key("agreement")
                            .key("agreedOn")
                            .into_string(),
                    ));
                }
            }
            (status, Some(_)) => {
                return Err(SpfError::new(
                    ErrorCode::InvalidType,
                    format!(
                        "element `{element}` has status `{status}`; only status `variation` may carry a `variation`"
                    ),
                    at.key("variation").into_string(),
                ));
            }
            (_, None) => {}
        }
    }
    Ok(slots)
}

/// A variation's agreement, judged as at the return date.
enum Judgement {
    /// Agreed by a named Accounting Officer on a date within the review period.
    Valid {
        accounting_officer: String,
        agreed_on: Date,
        review_due: Date,
    },
    /// Not validly agreed; what the agreement does say is kept for the answer.
    Invalid {
        problem: VariationProblem,
        accounting_officer: Option<String>,
        role: Option<AgreementRole>,
        agreed_on: Option<Date>,
        review_due: Option<Date>,
    },
}

impl Judgement {
    /// The judgement of a variation whose element is managed centrally when
    /// `central`: invalid whatever the agreement says, which is kept for the
    /// answer.
    fn or_centrally_managed(self, central: bool) -> Self {
        if !central {
            return self;
        }
        match self {
            Judgement::Valid {
                accounting_officer,
                agreed_on,
                review_due,
            } => Judgement::Invalid {
                problem: VariationProblem::CentrallyManaged,
                accounting_officer: Some(accounting_officer),
                role: Some(AgreementRole::AccountingOfficer),
                agreed_on: Some(agreed_on),
                review_due: Some(review_due),
            },
            Judgement::Invalid {
                accounting_officer,
                role,
                agreed_on,
                review_due,
                ..
            } => Judgement::Invalid {
                problem: VariationProblem::CentrallyManaged,
                accounting_officer,
                role,
                agreed_on,
                review_due,
            },
        }
    }
}

fn judge(agreement: Option<&Agreement>, return_date: Date, review_months: u32) -> Judgement {
    let accounting_officer = agreement
        .and_then(|a| a.accounting_officer.as_deref())
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_owned);
    let role = agreement.and_then(|a| a.role);
    let agreed_on = agreement.and_then(|a| a.agreed_on);
    let review_due = agreed_on.map(|agreed| review_due_of(agreed, review_months));
    // The agreement must come from the Accounting Officer's role; a name alone
    // does not say so. A role given without a name or a date is no agreement.
    let problem = match (&accounting_officer, role, agreed_on) {
        (None, _, None) => VariationProblem::MissingAgreement,
        (_, Some(other), _) if other != AgreementRole::AccountingOfficer => {
            VariationProblem::NotAccountingOfficer
        }
        (None, _, Some(_)) => VariationProblem::MissingAccountingOfficer,
        (Some(_), None, _) => VariationProblem::MissingRole,
        (Some(_), Some(_), None) => VariationProblem::MissingAgreedOn,
        (Some(name), Some(_), Some(agreed)) => {
            let due = review_due_of(agreed, review_months);
            // Like every schedule in the library, the agreement still stands on
            // its review date (agreed 2025-03-31 for 12 months: valid for a
            // 2026-03-31 return, lapsed for a 2026-04-01 one).
            if agreed > return_date {
                VariationProblem::AgreedAfterReturn
            } else if return_date > due {
                VariationProblem::AgreementExpired
            } else {
                return Judgement::Valid {
                    accounting_officer: name.clone(),
                    agreed_on: agreed,
                    review_due: due,
                };
            }
        }
    };
    Judgement::Invalid {
        problem,
        accounting_officer,
        role,
        agreed_on,
        review_due,
    }
}

/// The last day an agreement made on `agreed_on` stands. [`check`] has rejected
/// an agreement whose review would fall past 9999-12-31; the clamp only keeps
/// this total.
fn review_due_of(agreed_on: Date, review_months: u32) -> Date {
    agreed_on
        .months_after(review_months)
        .unwrap_or(Date::LATEST)
}

/// A count for the wire; there are at most 19 of anything here.
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reason::Step;

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn agreement(officer: Option<&str>, on: Option<&str>) -> Agreement {
        Agreement {
            accounting_officer: officer.map(str::to_owned),
            role: Some(AgreementRole::AccountingOfficer),
            agreed_on: on.map(day),
        }
    }

    fn in_role(role: Option<AgreementRole>, agreement: Agreement) -> Agreement {
        Agreement { role, ..agreement }
    }

    #[test]
    fn judging_agreements() {
        let ret = day("2026-03-31");
        let problem = |a: Option<Agreement>| match judge(a.as_ref(), ret, 12) {
            Judgement::Valid { .. } => None,
            Judgement::Invalid { problem, .. } => Some(problem),
        };
        assert_eq!(problem(None), Some(VariationProblem::MissingAgreement));
        assert_eq!(
            problem(Some(agreement(None, None))),
            Some(VariationProblem::MissingAgreement)
        );
        assert_eq!(
            problem(Some(agreement(Some("  "), None))),
            Some(VariationProblem::MissingAgreement)
        );
        assert_eq!(
            problem(Some(agreement(Some(" "), Some("2026-01-01")))),
            Some(VariationProblem::MissingAccountingOfficer)
        );
        assert_eq!(
            problem(Some(agreement(Some("A"), None))),
            Some(VariationProblem::MissingAgreedOn)
        );
        assert_eq!(
            problem(Some(agreement(Some("A"), Some("2026-04-01")))),
            Some(VariationProblem::AgreedAfterReturn)
        );
        assert_eq!(
            problem(Some(agreement(Some("A"), Some("2026-03-31")))),
            None
        );
        assert_eq!(
            problem(Some(agreement(Some("A"), Some("2025-03-31")))),
            None
        );
        assert_eq!(
            problem(Some(agreement(Some("A"), Some("2025-03-30")))),
            Some(VariationProblem::AgreementExpired)
        );
        // The role: only the Accounting Officer's, and it must be given.
        let dso = Some(AgreementRole::DepartmentalSecurityOfficer);
        assert_eq!(
            problem(Some(in_role(dso, agreement(Some("A"), Some("2026-01-01"))))),
            Some(VariationProblem::NotAccountingOfficer)
        );
        assert_eq!(
            problem(Some(in_role(
                None,
                agreement(Some("A"), Some("2026-01-01"))
            ))),
            Some(VariationProblem::MissingRole)
        );
        // Another role comes before a missing name or date, which come before a
        // missing role; a role alone is no agreement.
        assert_eq!(
            problem(Some(in_role(dso, agreement(None, Some("2026-01-01"))))),
            Some(VariationProblem::NotAccountingOfficer)
        );
        assert_eq!(
            problem(Some(in_role(dso, agreement(Some("A"), None)))),
            Some(VariationProblem::NotAccountingOfficer)
        );
        assert_eq!(
            problem(Some(in_role(None, agreement(None, Some("2026-01-01"))))),
            Some(VariationProblem::MissingAccountingOfficer)
        );
        assert_eq!(
            problem(Some(in_role(None, agreement(Some("A"), None)))),
            Some(VariationProblem::MissingRole)
        );
        assert_eq!(
            problem(Some(in_role(dso, agreement(None, None)))),
            Some(VariationProblem::MissingAgreement)
        );
    }

    #[test]
    fn review_past_the_last_date_never_lapses() {
        let judged = judge(
            Some(&agreement(Some("A"), Some("9999-06-30"))),
            day("9999-12-31"),
            12,
        );
        let Judgement::Valid { review_due, .. } = judged else {
            panic!("a review past 9999-12-31 never lapses");
        };
        assert_eq!(review_due, Date::LATEST);
    }

    #[test]
    fn explanations_need_no_json_escaping() {
        let d = day("2024-02-29");
        let mut steps = vec![
            ComplianceStep::Complete { elements: 19 },
            ComplianceStep::Incomplete {
                elements: 19,
                reported: 3,
            },
            ComplianceStep::VariationReview { months: 1 },
            ComplianceStep::Compliant {
                variations_to_report: 2,
            },
            ComplianceStep::NotCompliant {
                gaps: 1,
                not_reported: 0,
                invalid_variations: 1,
            },
        ];
        for element in SpfElement::ALL {
            let area = element.area();
            for status in [
                GapStatus::Partial,
                GapStatus::NotInPlace,
                GapStatus::NotReported,
            ] {
                steps.push(ComplianceStep::Gap {
                    area,
                    element,
                    status,
                });
            }
            steps.push(ComplianceStep::VariationAgreed {
                area,
                element,
                agreed_on: d,
                review_due: d,
            });
            for problem in VariationProblem::ALL {
                for dates in [None, Some(d)] {
                    for role in AgreementRole::ALL.map(Some).into_iter().chain([None]) {
                        steps.push(ComplianceStep::VariationInvalid {
                            area,
                            element,
                            problem,
                            role,
                            agreed_on: dates,
                            review_due: dates,
                        });
                    }
                }
            }
        }
        for step in steps {
            let text = step.to_string();
            assert!(!text.is_empty());
            assert!(
                text.chars().all(|c| c.is_ascii_graphic() || c == ' ')
                    && !text.contains(['"', '\\']),
                "{text}"
            );
            assert!(!text.chars().next().unwrap().is_uppercase(), "{text}");
            assert!(!text.ends_with('.'), "{text}");
            // The serde tag is the rule id, and the step reads back.
            let json = serde_json::to_value(step).unwrap();
            assert_eq!(json["rule"], step.rule_id());
            let back: ComplianceStep = serde_json::from_value(json).unwrap();
            assert_eq!(back, step);
        }
    }
}
