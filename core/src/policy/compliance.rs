//! The compliance-return part of the policy document (corporate security
//! policy, "Who does it apply to?"): every business area must have arrangements
//! for each element of the Security Policy Framework, and a variation must be
//! agreed by the relevant Accounting Officer and reported in annual governance.

use serde::{Deserialize, Serialize};

use crate::codec::Pointer;
use crate::error::{ErrorCode, SpfError};
use crate::policy::MonthsRule;
use crate::reason::Source;

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
}

/// The longest review period a policy may set, in months (five years).
const MAX_REVIEW_MONTHS: u32 = 60;

pub(super) fn moj_default() -> ComplianceRules {
    ComplianceRules {
        arrangements: Source::statement(
            "Corporate Security Policy, who does it apply to (arrangements for each element of the SPF)",
        ),
        variations: Source::statement(
            "Corporate Security Policy, who does it apply to (variations agreed by the Accounting Officer and reported in annual governance)",
        ),
        variation_review: MonthsRule {
            months: 12,
            source: Source::default_value(
                "Corporate Security Policy (variations reported in annual governance processes); domain-facts §6.1",
            ),
        },
    }
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
}
