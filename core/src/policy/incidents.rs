//! The incident-register part of the policy document: how breaches recorded
//! centrally (POLSBP002) are grouped into quarters and which patterns are
//! flagged as trends. The policy requires trends to be identified but names no
//! algorithm or threshold, so every value here is a configurable default
//! (domain-facts gap 15).

use serde::{Deserialize, Serialize};

use crate::codec::Pointer;
use crate::error::{ErrorCode, SpfError};
use crate::reason::Source;

/// Incident register and trend rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "an incident rules object")]
pub struct IncidentRules {
    /// Every breach is recorded centrally so that trends are identified.
    pub recording: Source,
    /// How the register is divided into quarters.
    pub quarters: QuarterRules,
    /// When one person's breaches make them a repeat individual.
    pub repeat_individuals: RepeatIndividualRules,
    /// When one business area or site is a hotspot.
    pub hotspots: HotspotRules,
    /// Managers' decisions set against the recommendations: where they keep
    /// departing from the guidance, the guidance may need a second look.
    pub decisions: Source,
}

/// Which date of a record places it in a quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum IncidentDate {
    /// When the breach happened.
    Occurred,
    /// When it was identified (the occurred date when not given).
    Identified,
    /// When it was recorded centrally.
    Recorded,
}

impl IncidentDate {
    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            IncidentDate::Occurred => "occurred",
            IncidentDate::Identified => "identified",
            IncidentDate::Recorded => "recorded",
        }
    }
}

/// How the register is divided into quarters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuarterRules {
    /// The month (1 to 12) the reporting year starts in: 4 for the HMG financial
    /// year (quarters April–June, July–September, October–December,
    /// January–March), 1 for calendar quarters.
    pub year_starts_in_month: u32,
    /// Which of a record's dates places it in a quarter and a rolling window.
    pub date_basis: IncidentDate,
    /// Where the rule comes from.
    pub source: Source,
}

/// When one person's breaches make them a repeat individual.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RepeatIndividualRules {
    /// The number of breaches (at least 2) within the window that makes a repeat.
    pub minimum_breaches: u32,
    /// The rolling window in calendar months: a breach on day D counts with the
    /// person's breaches on or after D minus this many months.
    pub window_months: u32,
    /// Whether near misses count as breaches here.
    pub count_near_misses: bool,
    /// Where the rule comes from.
    pub source: Source,
}

/// When one business area or site is a hotspot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HotspotRules {
    /// The number of distinct people (at least 2) with breaches in one business
    /// area or one site in one quarter that makes it a hotspot.
    pub minimum_distinct_people: u32,
    /// Whether near misses count here.
    pub count_near_misses: bool,
    /// Where the rule comes from.
    pub source: Source,
}

/// The longest rolling window a policy may set, in months (ten years).
const MAX_WINDOW_MONTHS: u32 = 120;

pub(super) fn moj_default() -> IncidentRules {
    IncidentRules {
        recording: Source::stated("POLSBP002"),
        quarters: QuarterRules {
            year_starts_in_month: 4,
            date_basis: IncidentDate::Occurred,
            source: Source::defaulted(
                "domain-facts gap 15 (quarterly summary aligned to the Cabinet Office quarterly return; HMG financial year)",
            ),
        },
        repeat_individuals: RepeatIndividualRules {
            minimum_breaches: 2,
            window_months: 12,
            count_near_misses: false,
            source: Source::defaulted(
                "domain-facts gap 15 (repeat individual: 2 or more breaches within 12 months)",
            ),
        },
        hotspots: HotspotRules {
            minimum_distinct_people: 3,
            count_near_misses: false,
            source: Source::defaulted(
                "domain-facts gap 15 (hotspot: breaches by 3 or more people in one area in a quarter); Security Breach Matrix (breaches by more than one person in one area)",
            ),
        },
        decisions: Source::defaulted(
            "POLSBP002 (trends identified and, if necessary, analysed to ensure adequacy of controls), read as: managers' decisions set against the recommendations, with the days to a decision; a default",
        ),
    }
}

/// Checks the incident rules; problems are pushed to `errors`.
pub(super) fn validate(rules: &IncidentRules, at: &Pointer, errors: &mut Vec<SpfError>) {
    let mut fail = |path: Pointer, message: String| {
        errors.push(SpfError::new(
            ErrorCode::PolicyInvalidValue,
            message,
            path.into_string(),
        ));
    };
    for (source, path) in [
        (&rules.recording, at.key("recording")),
        (&rules.quarters.source, at.key("quarters").key("source")),
        (
            &rules.repeat_individuals.source,
            at.key("repeatIndividuals").key("source"),
        ),
        (&rules.hotspots.source, at.key("hotspots").key("source")),
        (&rules.decisions, at.key("decisions")),
    ] {
        if source.citation.as_str().trim().is_empty() {
            fail(path.key("citation"), "a citation must not be empty".into());
        }
    }
    let month = rules.quarters.year_starts_in_month;
    if !(1..=12).contains(&month) {
        fail(
            at.key("quarters").key("yearStartsInMonth"),
            format!("the reporting year starts in month {month}; it must be from 1 to 12"),
        );
    }
    let repeat = &rules.repeat_individuals;
    if repeat.minimum_breaches < 2 {
        fail(
            at.key("repeatIndividuals").key("minimumBreaches"),
            format!(
                "a repeat needs at least 2 breaches; the policy sets {}",
                repeat.minimum_breaches
            ),
        );
    }
    if !(1..=MAX_WINDOW_MONTHS).contains(&repeat.window_months) {
        fail(
            at.key("repeatIndividuals").key("windowMonths"),
            format!(
                "the repeat window is {} months; it must be from 1 to {MAX_WINDOW_MONTHS}",
                repeat.window_months
            ),
        );
    }
    if rules.hotspots.minimum_distinct_people < 2 {
        fail(
            at.key("hotspots").key("minimumDistinctPeople"),
            format!(
                "a hotspot needs at least 2 distinct people; the policy sets {}",
                rules.hotspots.minimum_distinct_people
            ),
        );
    }
}
