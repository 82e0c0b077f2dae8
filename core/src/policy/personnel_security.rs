//! The personnel-security part of the policy document: which national security
//! vetting level a role's access calls for, and how often each level is
//! reviewed.
//!
//! The MoJ texts say only that "those with access to information or other
//! assets that may be of value to terrorists, including close proximity or
//! access to high profile public figures, should be assessed for the need for
//! national security clearance in accordance with vetting procedures"
//! (Counter-Terrorist Protection Policy, personnel security). The vetting
//! levels and what each is for come from the Cabinet Office's HMG Personnel
//! Security Controls (domain-facts §7): BPSS for everyone, CTC for the
//! counter-terrorist criteria, SC for regular and uncontrolled access to
//! SECRET or occasional, supervised access to TOP SECRET, DV for frequent and
//! uncontrolled access to TOP SECRET. So the two criteria the MoJ text names
//! are statements (a role that meets them is assessed for national security
//! vetting, CTC being the level the Cabinet Office gives them); every other
//! criterion, the baseline's name and the review periods are configurable
//! defaults resting on the Cabinet Office source or on inference.

use serde::{Deserialize, Serialize};

use crate::codec::Pointer;
use crate::error::{ErrorCode, SpfError};
use crate::policy::DaysRule;
use crate::reason::{Basis, Citation, Source};
use crate::vocabulary::{ClearanceCriterion, VettingLevel};

/// Personnel-security rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a personnel security rules object")]
pub struct PersonnelSecurityRules {
    /// Everyone with access to government assets meets the Baseline Personnel
    /// Security Standard (BPSS).
    pub baseline: Source,
    /// Each access criterion and the vetting level it calls for; every
    /// criterion exactly once.
    pub criteria: Vec<CriterionRule>,
    /// How often each national security vetting level is reviewed; CTC, SC and
    /// DV each exactly once (BPSS may be listed too; by default it is not
    /// reviewed).
    pub reviews: Vec<ReviewRule>,
    /// The warning window before a review falls due.
    pub review_due_soon: DaysRule,
}

/// An access criterion and the level it calls for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CriterionRule {
    /// The criterion.
    pub criterion: ClearanceCriterion,
    /// The level a role that meets it should be assessed for.
    pub level: VettingLevel,
    /// Where it comes from.
    pub source: Source,
}

/// How often a vetting level is reviewed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReviewRule {
    /// The level.
    pub level: VettingLevel,
    /// Months from the grant (or the last review) to the next review.
    pub months: u32,
    /// Where it comes from.
    pub source: Source,
}

/// The longest review period a policy may set, in months (ten years, the
/// longest period published for any level).
pub const MAX_CLEARANCE_REVIEW_MONTHS: u32 = 120;

/// The MoJ default's criteria: the level each calls for, whether the MoJ text
/// states it, and its citation. A table (not one call per row) keeps the
/// default small in every module that embeds it, the breach form's included.
const DEFAULT_CRITERIA: [(ClearanceCriterion, VettingLevel, Basis, &str); 7] = [
    (
        ClearanceCriterion::InformationOfValueToTerrorists,
        VettingLevel::Ctc,
        Basis::PolicyStatement,
        "Counter-Terrorist Protection Policy, personnel security (access to information or other assets of value to terrorists: assessed for national security clearance); CTC per HMG Personnel Security Controls (domain-facts §7)",
    ),
    (
        ClearanceCriterion::HighProfilePublicFigures,
        VettingLevel::Ctc,
        Basis::PolicyStatement,
        "Counter-Terrorist Protection Policy, personnel security (close proximity or access to high profile public figures: assessed for national security clearance); CTC per HMG Personnel Security Controls (domain-facts §7)",
    ),
    (
        ClearanceCriterion::UnescortedAccessToSitesAtRisk,
        VettingLevel::Ctc,
        Basis::ConfigurableDefault,
        "HMG Personnel Security Controls (CTC: unescorted access to establishments at particular risk from terrorist attack; domain-facts §7); not in the MoJ texts",
    ),
    (
        ClearanceCriterion::SecretOccasionalSupervised,
        VettingLevel::Bpss,
        Basis::ConfigurableDefault,
        "HMG Personnel Security Controls (SC is for regular and uncontrolled access to SECRET; that occasional, supervised access needs only BPSS is an inference; domain-facts §7)",
    ),
    (
        ClearanceCriterion::SecretRegularUncontrolled,
        VettingLevel::Sc,
        Basis::ConfigurableDefault,
        "HMG Personnel Security Controls (SC: regular and uncontrolled access to SECRET or occasional, supervised access to TOP SECRET; DV: frequent and uncontrolled access to TOP SECRET; domain-facts §7)",
    ),
    (
        ClearanceCriterion::TopSecretOccasionalSupervised,
        VettingLevel::Sc,
        Basis::ConfigurableDefault,
        "HMG Personnel Security Controls (SC: regular and uncontrolled access to SECRET or occasional, supervised access to TOP SECRET; DV: frequent and uncontrolled access to TOP SECRET; domain-facts §7)",
    ),
    (
        ClearanceCriterion::TopSecretFrequentUncontrolled,
        VettingLevel::Dv,
        Basis::ConfigurableDefault,
        "HMG Personnel Security Controls (SC: regular and uncontrolled access to SECRET or occasional, supervised access to TOP SECRET; DV: frequent and uncontrolled access to TOP SECRET; domain-facts §7)",
    ),
];

/// The MoJ default's review periods: inference (domain-facts §7), each a
/// default.
const DEFAULT_REVIEWS: [(VettingLevel, u32, &str); 3] = [
    (
        VettingLevel::Ctc,
        120,
        "domain-facts §7 inference (review periods vary by level and employer: about 10 years for CTC and SC, shorter for DV, read here as 7 years); a default",
    ),
    (
        VettingLevel::Sc,
        120,
        "domain-facts §7 inference (review periods vary by level and employer: about 10 years for CTC and SC, shorter for DV, read here as 7 years); a default",
    ),
    (
        VettingLevel::Dv,
        84,
        "domain-facts §7 inference (review periods vary by level and employer: about 10 years for CTC and SC, shorter for DV, read here as 7 years); a default",
    ),
];

pub(super) fn moj_default() -> PersonnelSecurityRules {
    PersonnelSecurityRules {
        baseline: Source::defaulted(
            "HMG Personnel Security Controls (BPSS for everyone with access to government assets; domain-facts §7)",
        ),
        criteria: DEFAULT_CRITERIA
            .iter()
            .map(|&(criterion, level, basis, citation)| CriterionRule {
                criterion,
                level,
                source: Source {
                    citation: Citation::from_static(citation),
                    basis,
                    variation: None,
                },
            })
            .collect(),
        reviews: DEFAULT_REVIEWS
            .iter()
            .map(|&(level, months, citation)| ReviewRule {
                level,
                months,
                source: Source::defaulted(citation),
            })
            .collect(),
        review_due_soon: DaysRule {
            days: 90,
            source: Source::defaulted(
                "domain-facts §7 inference (a review is flagged 90 days ahead, as domain-facts gap 2); a default",
            ),
        },
    }
}

/// Pairs of criteria where the second is more access of the same kind than the
/// first, so its level may not be lower: more access never lowers the level
/// a role is assessed for.
const MORE_ACCESS: [(ClearanceCriterion, ClearanceCriterion); 4] = [
    (
        ClearanceCriterion::SecretOccasionalSupervised,
        ClearanceCriterion::SecretRegularUncontrolled,
    ),
    (
        ClearanceCriterion::TopSecretOccasionalSupervised,
        ClearanceCriterion::TopSecretFrequentUncontrolled,
    ),
    (
        ClearanceCriterion::SecretOccasionalSupervised,
        ClearanceCriterion::TopSecretOccasionalSupervised,
    ),
    (
        ClearanceCriterion::SecretRegularUncontrolled,
        ClearanceCriterion::TopSecretFrequentUncontrolled,
    ),
];

/// Checks the personnel-security rules; problems are pushed to `errors`.
pub(super) fn validate(rules: &PersonnelSecurityRules, at: &Pointer, errors: &mut Vec<SpfError>) {
    let mut sources = vec![
        (&rules.baseline, at.key("baseline")),
        (
            &rules.review_due_soon.source,
            at.key("reviewDueSoon").key("source"),
        ),
    ];
    let criteria = at.key("criteria");
    for (i, rule) in rules.criteria.iter().enumerate() {
        sources.push((&rule.source, criteria.index(i).key("source")));
        if rules
            .criteria
            .iter()
            .take(i)
            .any(|earlier| earlier.criterion == rule.criterion)
        {
            errors.push(SpfError::new(
                ErrorCode::PolicyDuplicateEntry,
                format!("criterion `{}` is listed more than once", rule.criterion),
                criteria.index(i).key("criterion").into_string(),
            ));
        }
    }
    for criterion in ClearanceCriterion::ALL {
        if !rules
            .criteria
            .iter()
            .any(|rule| rule.criterion == criterion)
        {
            errors.push(SpfError::new(
                ErrorCode::PolicyIncomplete,
                format!("criterion `{criterion}` has no level"),
                criteria.as_str(),
            ));
        }
    }
    let level_of = |criterion| {
        rules
            .criteria
            .iter()
            .position(|rule| rule.criterion == criterion)
            .and_then(|i| rules.criteria.get(i).map(|rule| (i, rule.level)))
    };
    let mut reported = Vec::new();
    for (less, more) in MORE_ACCESS {
        if let (Some((_, low)), Some((i, high))) = (level_of(less), level_of(more)) {
            // One problem per value, however many lesser criteria it falls below.
            if high < low && !reported.contains(&i) {
                reported.push(i);
                errors.push(SpfError::new(
                    ErrorCode::PolicyNotMonotone,
                    format!(
                        "criterion `{more}` calls for `{high}`, below the `{low}` of `{less}`: more access must not lower the level"
                    ),
                    criteria.index(i).key("level").into_string(),
                ));
            }
        }
    }
    let reviews = at.key("reviews");
    for (i, rule) in rules.reviews.iter().enumerate() {
        sources.push((&rule.source, reviews.index(i).key("source")));
        if rules
            .reviews
            .iter()
            .take(i)
            .any(|earlier| earlier.level == rule.level)
        {
            errors.push(SpfError::new(
                ErrorCode::PolicyDuplicateEntry,
                format!("level `{}` has more than one review period", rule.level),
                reviews.index(i).key("level").into_string(),
            ));
        }
        if !(1..=MAX_CLEARANCE_REVIEW_MONTHS).contains(&rule.months) {
            errors.push(SpfError::new(
                ErrorCode::PolicyInvalidValue,
                format!(
                    "the review period of `{}` is {} months; it must be from 1 to {MAX_CLEARANCE_REVIEW_MONTHS}",
                    rule.level, rule.months
                ),
                reviews.index(i).key("months").into_string(),
            ));
        }
        // A higher level is reviewed at least as often as a lower one.
        if let Some(lower) = rules
            .reviews
            .iter()
            .find(|other| other.level < rule.level && other.months < rule.months)
        {
            errors.push(SpfError::new(
                ErrorCode::PolicyNotMonotone,
                format!(
                    "`{}` is reviewed every {} months, less often than `{}` ({} months): a higher level must be reviewed at least as often",
                    rule.level, rule.months, lower.level, lower.months
                ),
                reviews.index(i).key("months").into_string(),
            ));
        }
    }
    for level in VettingLevel::NATIONAL_SECURITY {
        if !rules.reviews.iter().any(|rule| rule.level == level) {
            errors.push(SpfError::new(
                ErrorCode::PolicyIncomplete,
                format!("level `{level}` has no review period"),
                reviews.as_str(),
            ));
        }
    }
    let days = rules.review_due_soon.days;
    if days > 366 {
        errors.push(SpfError::new(
            ErrorCode::PolicyInvalidValue,
            format!("the review warning window is {days} days; it must be at most 366"),
            at.key("reviewDueSoon").key("days").into_string(),
        ));
    }
    for (source, path) in sources {
        if source.citation.as_str().trim().is_empty() {
            errors.push(SpfError::new(
                ErrorCode::PolicyInvalidValue,
                "a citation must not be empty",
                path.key("citation").into_string(),
            ));
        }
    }
}
