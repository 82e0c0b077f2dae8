//! The third-party part of the policy document (corporate security policy,
//! "Who does it apply to?"): "Business areas should also ensure that control
//! requirements are understood and complied with by any contractor or third
//! party entrusted with protectively marked or business critical information
//! and with unsupervised access to our property."
//!
//! The sentence is the statement: who it covers and what the business area
//! ensures. How often a supplier's compliance is confirmed the text leaves
//! open, so the confirmation period and the warning window before it lapses
//! are configurable defaults.

use serde::{Deserialize, Serialize};

use crate::codec::Pointer;
use crate::error::{ErrorCode, SpfError};
use crate::policy::{DaysRule, MonthsRule};
use crate::reason::Source;

/// Third-party (contractor and supplier) rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a third parties rules object")]
pub struct ThirdPartyRules {
    /// Business areas ensure that control requirements are understood and
    /// complied with by a contractor or third party entrusted with
    /// protectively marked or business-critical information and with
    /// unsupervised access to MoJ property: who is in scope, and the duty.
    pub control_requirements: Source,
    /// How long a confirmation of a supplier's compliance stands before it
    /// must be confirmed again.
    pub confirmation_period: MonthsRule,
    /// The warning window before a confirmation lapses.
    pub due_soon: DaysRule,
}

/// The longest confirmation period a policy may set, in months (five years).
const MAX_CONFIRMATION_MONTHS: u32 = 60;

/// The longest warning window a policy may set, in days (a year).
const MAX_DUE_SOON_DAYS: u32 = 366;

pub(super) fn moj_default() -> ThirdPartyRules {
    ThirdPartyRules {
        control_requirements: Source::stated(
            "Corporate Security Policy, who does it apply to (control requirements understood and complied with by any contractor or third party entrusted with protectively marked or business critical information and with unsupervised access)",
        ),
        confirmation_period: MonthsRule {
            months: 12,
            source: Source::defaulted(
                "a supplier's compliance is confirmed every 12 months, as annual governance (the text gives no interval); a default",
            ),
        },
        due_soon: DaysRule {
            days: 90,
            source: Source::defaulted(
                "a supplier's confirmation is due soon 90 days before it lapses (domain-facts gap 2); a default",
            ),
        },
    }
}

/// Checks the third-party rules; problems are pushed to `errors`.
pub(super) fn validate(rules: &ThirdPartyRules, at: &Pointer, errors: &mut Vec<SpfError>) {
    for (source, path) in [
        (&rules.control_requirements, at.key("controlRequirements")),
        (
            &rules.confirmation_period.source,
            at.key("confirmationPeriod").key("source"),
        ),
        (&rules.due_soon.source, at.key("dueSoon").key("source")),
    ] {
        if source.citation.as_str().trim().is_empty() {
            errors.push(SpfError::new(
                ErrorCode::PolicyInvalidValue,
                "a citation must not be empty",
                path.key("citation").into_string(),
            ));
        }
    }
    let months = rules.confirmation_period.months;
    if !(1..=MAX_CONFIRMATION_MONTHS).contains(&months) {
        errors.push(SpfError::new(
            ErrorCode::PolicyInvalidValue,
            format!(
                "the confirmation period is {months} months; it must be from 1 to {MAX_CONFIRMATION_MONTHS}"
            ),
            at.key("confirmationPeriod").key("months").into_string(),
        ));
    }
    let days = rules.due_soon.days;
    if days > MAX_DUE_SOON_DAYS {
        errors.push(SpfError::new(
            ErrorCode::PolicyInvalidValue,
            format!("the warning window is {days} days; it must be at most {MAX_DUE_SOON_DAYS}"),
            at.key("dueSoon").key("days").into_string(),
        ));
    }
}
