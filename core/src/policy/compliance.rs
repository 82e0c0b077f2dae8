//! The compliance-return part of the policy document (corporate security
//! policy, "Who does it apply to?"): every business area must have arrangements
//! for each element of the Security Policy Framework, a variation must be
//! agreed by the relevant Accounting Officer and reported in annual governance,
//! and some controls are managed centrally, so no business area varies them.

use serde::{Deserialize, Serialize};

use crate::codec::Pointer;
use crate::error::{ErrorCode, SpfError};
use crate::policy::MonthsRule;
use crate::reason::Source;
use crate::vocabulary::SpfElement;

/// Compliance-return rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a compliance rules object")]
pub struct ComplianceRules {
    /// Each business area must establish arrangements for every element.
    pub arrangements: Source,
    /// A variation must be agreed by the relevant Accounting Officer and
    /// reported in annual governance processes.
    pub variations: Source,
    /// How long an Accounting Officer's agreement stands before it must be
    /// renewed (variations are reported in annual governance, so a year).
    pub variation_review: MonthsRule,
    /// The elements whose controls are managed centrally: a business area's
    /// local variation on one of them is invalid, whoever agreed it. Each
    /// element at most once.
    pub centrally_managed: Vec<CentralElement>,
}

/// An SPF element whose controls are managed centrally.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CentralElement {
    /// The element.
    pub element: SpfElement,
    /// Where it comes from.
    pub source: Source,
}

/// The longest review period a policy may set, in months (five years).
const MAX_REVIEW_MONTHS: u32 = 60;

pub(super) fn moj_default() -> ComplianceRules {
    ComplianceRules {
        arrangements: Source::stated(
            "Corporate Security Policy, who does it apply to (arrangements for each element of the SPF)",
        ),
        variations: Source::stated(
            "Corporate Security Policy, who does it apply to (variations agreed by the Accounting Officer and reported in annual governance)",
        ),
        variation_review: MonthsRule {
            months: 12,
            source: Source::defaulted(
                "Corporate Security Policy (variations reported in annual governance processes); domain-facts §6.1",
            ),
        },
        centrally_managed: default_centrally_managed(),
    }
}

/// "Some controls such as those for IT security systems and national security
/// vetting will be managed centrally." The text names the controls, not the
/// SPF elements they fall under, and its "such as" leaves the list open: which
/// elements they are is the document's reading, so each is a default.
fn default_centrally_managed() -> Vec<CentralElement> {
    [
        (
            SpfElement::RiskAssessmentAndAccreditationOfItSystems,
            "Corporate Security Policy, who does it apply to (controls for IT security systems are managed centrally); the element they fall under is a default",
        ),
        (
            SpfElement::RecruitmentChecksAndNationalSecurityVetting,
            "Corporate Security Policy, who does it apply to (national security vetting is managed centrally); the element it falls under is a default",
        ),
    ]
    .into_iter()
    .map(|(element, citation)| CentralElement {
        element,
        source: Source::defaulted(citation),
    })
    .collect()
}

/// Checks the compliance rules; problems are pushed to `errors`.
pub(super) fn validate(rules: &ComplianceRules, at: &Pointer, errors: &mut Vec<SpfError>) {
    for (source, path) in [
        (&rules.arrangements, at.key("arrangements")),
        (&rules.variations, at.key("variations")),
        (
            &rules.variation_review.source,
            at.key("variationReview").key("source"),
        ),
    ] {
        if source.citation.as_str().trim().is_empty() {
            errors.push(SpfError::new(
                ErrorCode::PolicyInvalidValue,
                "a citation must not be empty",
                path.key("citation").into_string(),
            ));
        }
    }
    let months = rules.variation_review.months;
    if !(1..=MAX_REVIEW_MONTHS).contains(&months) {
        errors.push(SpfError::new(
            ErrorCode::PolicyInvalidValue,
            format!(
                "the variation review period is {months} months; it must be from 1 to {MAX_REVIEW_MONTHS}"
            ),
            at.key("variationReview").key("months").into_string(),
        ));
    }
    let central = at.key("centrallyManaged");
    for (i, entry) in rules.centrally_managed.iter().enumerate() {
        if rules
            .centrally_managed
            .iter()
            .take(i)
            .any(|earlier| earlier.element == entry.element)
        {
            errors.push(SpfError::new(
                ErrorCode::PolicyDuplicateEntry,
                format!(
                    "element `{}` is listed as managed centrally more than once",
                    entry.element
                ),
                central.index(i).key("element").into_string(),
            ));
        }
        if entry.source.citation.as_str().trim().is_empty() {
            errors.push(SpfError::new(
                ErrorCode::PolicyInvalidValue,
                "a citation must not be empty",
                central.index(i).key("source").key("citation").into_string(),
            ));
        }
    }
}
