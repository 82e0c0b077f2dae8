//! The request and the report, as they go over the wire, and the report's
//! cited steps.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::breach::{BreachKind, Level};
use crate::case::Direction;
use crate::date::Date;
use crate::policy::{IncidentDate, PolicyRef};
use crate::reason::{Reason, Step};
use crate::register::quarter::QuarterSpan;
use crate::register::record::{IncidentRecord, RejectedRecord};

/// The most quarters one report covers (a hundred years).
pub const MAX_QUARTERS: u32 = 400;

/// A request for a trend report over the quarters from the one containing
/// `from` to the one containing `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a trend report request object")]
pub struct TrendRequest {
    /// Optional wire schema version; when present it must be 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_version: Option<u32>,
    /// A day in the first quarter to report.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub from: Date,
    /// A day in the last quarter to report; not before `from`.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub to: Date,
    /// The register: records in the period, and earlier ones, which count for
    /// the previous quarter and for repeats.
    pub records: Vec<IncidentRecord>,
}

/// Counts of breaches by misconduct level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[allow(missing_docs)]
pub struct LevelCounts {
    pub minor: u32,
    pub serious: u32,
    pub gross: u32,
}

impl LevelCounts {
    pub(super) fn add(&mut self, level: Level) {
        let slot = match level {
            Level::Minor => &mut self.minor,
            Level::Serious => &mut self.serious,
            Level::Gross => &mut self.gross,
        };
        *slot = slot.saturating_add(1);
    }

    /// The sum over every level.
    #[must_use]
    pub fn total(&self) -> u32 {
        self.minor
            .saturating_add(self.serious)
            .saturating_add(self.gross)
    }
}

/// Counts of records in a quarter or a period.
///
/// `breaches` adds up `byLevel`; `total` is `breaches` plus `nearMisses` and adds
/// up `byKind` and `byBusinessArea`; `bySite` plus `withoutSite` is `total`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Counts {
    /// Every record.
    pub total: u32,
    /// Breaches (records that are not near misses).
    pub breaches: u32,
    /// Near misses.
    pub near_misses: u32,
    /// Breaches by recommended misconduct level.
    pub by_level: LevelCounts,
    /// Records by breach kind; kinds with none are left out.
    #[cfg_attr(
        feature = "typescript",
        tsify(type = "Partial<Record<BreachKind, number>>")
    )]
    pub by_kind: BTreeMap<BreachKind, u32>,
    /// Records by business area.
    #[cfg_attr(feature = "typescript", tsify(type = "Record<string, number>"))]
    pub by_business_area: BTreeMap<String, u32>,
    /// Records by site; records with no site are counted in `withoutSite`.
    #[cfg_attr(feature = "typescript", tsify(type = "Record<string, number>"))]
    pub by_site: BTreeMap<String, u32>,
    /// Records with no site.
    pub without_site: u32,
    /// The managers' decisions on these breaches against the recommendations.
    pub decisions: Decisions,
}

/// How many decisions were below, at and above the recommended level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Departures {
    /// Decided below the recommended level.
    pub lower: u32,
    /// Decided at it.
    pub same: u32,
    /// Decided above it.
    pub higher: u32,
}

impl Departures {
    pub(super) fn add(&mut self, recommended: Level, decided: Level) {
        // The same comparison a case check makes of its decision.
        let slot = match Direction::between(recommended, decided) {
            Direction::Lower => &mut self.lower,
            Direction::None => &mut self.same,
            Direction::Higher => &mut self.higher,
        };
        *slot = slot.saturating_add(1);
    }

    pub(super) fn merge(&mut self, other: &Departures) {
        self.lower = self.lower.saturating_add(other.lower);
        self.same = self.same.saturating_add(other.same);
        self.higher = self.higher.saturating_add(other.higher);
    }

    /// Every decision counted.
    #[must_use]
    pub fn total(&self) -> u32 {
        self.lower
            .saturating_add(self.same)
            .saturating_add(self.higher)
    }
}

/// The managers' decisions on breaches whose record carries an `outcome`,
/// counted in the breach's own quarter (whenever the decision was made) and
/// set against the level the engine recommended (POLSBP002: trends "analysed
/// to ensure adequacy of controls"; where managers keep departing from the
/// guidance, the guidance may be wrong).
///
/// `decided` is `lower + same + higher` and adds up `byKind` and
/// `byBusinessArea`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Decisions {
    /// Breaches with a recorded decision.
    pub decided: u32,
    /// The decisions against the recommendations.
    pub departures: Departures,
    /// The median of the days from identification (or the breach, when no
    /// identification date is recorded) to the decision: the middle value, or
    /// of an even count the lower of the two middle ones. Absent when nothing
    /// was decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub median_days_to_decision: Option<u32>,
    /// By breach kind; kinds with no decision are left out.
    #[cfg_attr(
        feature = "typescript",
        tsify(type = "Partial<Record<BreachKind, Departures>>")
    )]
    pub by_kind: BTreeMap<BreachKind, Departures>,
    /// By business area; areas with no decision are left out.
    #[cfg_attr(feature = "typescript", tsify(type = "Record<string, Departures>"))]
    pub by_business_area: BTreeMap<String, Departures>,
}

/// The change in a quarter's counts from the quarter before it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Change {
    /// The quarter compared with.
    pub previous_quarter: String,
    /// Its total.
    pub previous_total: u32,
    /// Change in the total.
    pub total: i64,
    /// Change in breaches.
    pub breaches: i64,
    /// Change in near misses.
    pub near_misses: i64,
    /// Change in minor-level breaches.
    pub minor: i64,
    /// Change in serious-level breaches.
    pub serious: i64,
    /// Change in gross-level breaches.
    pub gross: i64,
}

/// One quarter of the report.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuarterSummary {
    /// The quarter.
    pub quarter: QuarterSpan,
    /// Its counts.
    pub counts: Counts,
    /// Against the quarter before.
    pub change: Change,
}

/// A record named in a finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordRef<'r> {
    /// The record's date on the policy's basis.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub date: Date,
    /// The record's id.
    pub id: Cow<'r, str>,
}

impl RecordRef<'_> {
    /// The same reference owning its id, free of the records it came from
    /// (a report's findings borrow their texts: see [`TrendReport::into_owned`]).
    #[must_use]
    pub fn into_owned(self) -> RecordRef<'static> {
        RecordRef {
            date: self.date,
            id: Cow::Owned(self.id.into_owned()),
        }
    }
}

/// A person with repeated breaches inside the rolling window.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RepeatIndividual<'r> {
    /// The person's pseudonymous id.
    pub person: Cow<'r, str>,
    /// The first day in the period on which the person reached the threshold.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub first_reached: Date,
    /// The most breaches inside one window ending in the period.
    pub most_in_window: u32,
    /// The person's breaches in the period.
    pub breaches_in_period: u32,
    /// The person's breaches from one window before the period to its end,
    /// by date, then id.
    pub records: Vec<RecordRef<'r>>,
}

impl RepeatIndividual<'_> {
    /// The same finding owning its texts, free of the records it came from
    /// (see [`TrendReport::into_owned`]).
    #[must_use]
    pub fn into_owned(self) -> RepeatIndividual<'static> {
        RepeatIndividual {
            person: Cow::Owned(self.person.into_owned()),
            first_reached: self.first_reached,
            most_in_window: self.most_in_window,
            breaches_in_period: self.breaches_in_period,
            records: self
                .records
                .into_iter()
                .map(RecordRef::into_owned)
                .collect(),
        }
    }
}

/// Where a hotspot is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum HotspotScope {
    /// A business area.
    BusinessArea,
    /// A site.
    Site,
}

impl HotspotScope {
    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            HotspotScope::BusinessArea => "businessArea",
            HotspotScope::Site => "site",
        }
    }
}

/// A business area or site with breaches by several people in one quarter.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Hotspot<'r> {
    /// The quarter's name.
    pub quarter: String,
    /// Business area or site.
    pub scope: HotspotScope,
    /// The business area's or site's name.
    pub name: Cow<'r, str>,
    /// Distinct people with breaches there in the quarter.
    pub distinct_people: u32,
    /// Breaches there in the quarter, including those with no person named.
    pub breaches: u32,
}

impl Hotspot<'_> {
    /// The same finding owning its name, free of the records it came from
    /// (see [`TrendReport::into_owned`]).
    #[must_use]
    pub fn into_owned(self) -> Hotspot<'static> {
        Hotspot {
            quarter: self.quarter,
            scope: self.scope,
            name: Cow::Owned(self.name.into_owned()),
            distinct_people: self.distinct_people,
            breaches: self.breaches,
        }
    }
}

/// What happened to the records in a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordTally {
    /// Records in the request.
    pub received: u32,
    /// Records that could not be used (listed under `rejected`).
    pub rejected: u32,
    /// Records dated inside the period.
    pub in_period: u32,
    /// Records dated before the period (the previous quarter and repeats look
    /// back at them).
    pub before_period: u32,
    /// Records dated after the period (not used).
    pub after_period: u32,
}

/// A reason in a trend report.
pub type TrendReason = Reason<TrendStep>;

#[cfg(feature = "typescript")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_TREND_TYPES: &str = r#"
/** One cited step of a trend report. */
export type TrendReason = Reason<TrendStep>;
"#;

/// The trend report.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrendReport<'r> {
    /// Wire schema version of the answer (1).
    pub schema_version: u32,
    /// The policy document that produced it.
    pub policy: PolicyRef,
    /// Which of a record's dates places it.
    pub date_basis: IncidentDate,
    /// The first day of the first quarter reported.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub from: Date,
    /// The last day of the last quarter reported.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub to: Date,
    /// What happened to the records.
    pub records: RecordTally,
    /// Counts over the whole period.
    pub totals: Counts,
    /// Each quarter, oldest first.
    pub quarters: Vec<QuarterSummary>,
    /// People who reached the repeat threshold in the period, by person id.
    pub repeat_individuals: Vec<RepeatIndividual<'r>>,
    /// Hotspots, by quarter, then business areas before sites, then name.
    pub hotspots: Vec<Hotspot<'r>>,
    /// Records that could not be used, by index.
    pub rejected: Vec<RejectedRecord>,
    /// How the report was made, with citations.
    pub reasons: Vec<TrendReason>,
}

impl TrendReport<'_> {
    /// The same report owning every text, free of the records it was made
    /// from: to keep it after they are gone.
    ///
    /// A report's findings borrow the texts they name (people's and records'
    /// ids, the hotspots' business area and site names) from those records,
    /// `'r`: a register of a million records has a hundred thousand repeat
    /// individuals naming a quarter of a million records, and copying (then
    /// freeing) each of those texts took about a quarter of the report's
    /// time. A report read back from JSON owns its texts
    /// (`TrendReport<'static>`).
    #[must_use]
    pub fn into_owned(self) -> TrendReport<'static> {
        TrendReport {
            schema_version: self.schema_version,
            policy: self.policy,
            date_basis: self.date_basis,
            from: self.from,
            to: self.to,
            records: self.records,
            totals: self.totals,
            quarters: self.quarters,
            repeat_individuals: self
                .repeat_individuals
                .into_iter()
                .map(RepeatIndividual::into_owned)
                .collect(),
            hotspots: self.hotspots.into_iter().map(Hotspot::into_owned).collect(),
            rejected: self.rejected,
            reasons: self.reasons,
        }
    }
}

/// One step of a trend report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(tag = "rule", content = "facts", deny_unknown_fields)]
#[allow(missing_docs)]
pub enum TrendStep {
    /// The records come from the central register: `records` received, of
    /// which `rejected` could not be used.
    #[serde(rename = "trends.recordedCentrally", rename_all = "camelCase")]
    RecordedCentrally { records: u32, rejected: u32 },
    /// How records were placed in quarters.
    #[serde(rename = "trends.quarters", rename_all = "camelCase")]
    Quarters {
        quarters: u32,
        year_starts_in_month: u32,
        date_basis: IncidentDate,
    },
    /// The managers' decisions on the period's breaches (by the breach's
    /// quarter, wherever the decision fell) set against the recommendations.
    #[serde(rename = "trends.decisions", rename_all = "camelCase")]
    Decisions {
        decided: u32,
        lower: u32,
        same: u32,
        higher: u32,
        #[cfg_attr(feature = "typescript", tsify(type = "number | null"))]
        median_days_to_decision: Option<u32>,
    },
    /// The repeat-individual rule.
    #[serde(rename = "trends.repeatIndividuals", rename_all = "camelCase")]
    RepeatIndividuals {
        minimum_breaches: u32,
        window_months: u32,
        count_near_misses: bool,
        found: u32,
    },
    /// The hotspot rule.
    #[serde(rename = "trends.hotspots", rename_all = "camelCase")]
    Hotspots {
        minimum_distinct_people: u32,
        count_near_misses: bool,
        found: u32,
    },
}

impl Step for TrendStep {
    fn rule_id(&self) -> &'static str {
        match self {
            TrendStep::RecordedCentrally { .. } => "trends.recordedCentrally",
            TrendStep::Quarters { .. } => "trends.quarters",
            TrendStep::RepeatIndividuals { .. } => "trends.repeatIndividuals",
            TrendStep::Hotspots { .. } => "trends.hotspots",
            TrendStep::Decisions { .. } => "trends.decisions",
        }
    }

    fn explain<W: fmt::Write>(&self, w: &mut W) -> fmt::Result {
        match *self {
            TrendStep::RecordedCentrally { records, rejected } => {
                write!(
                    w,
                    "{records} {} read from the central register, which exists so that trends are identified; ",
                    if records == 1 {
                        "record was"
                    } else {
                        "records were"
                    },
                )?;
                match rejected {
                    0 => w.write_str("every one could be used"),
                    1 => w.write_str("1 could not be used and is listed with its error"),
                    _ => write!(
                        w,
                        "{rejected} could not be used and are listed with their errors"
                    ),
                }
            }
            TrendStep::Quarters {
                quarters,
                year_starts_in_month,
                date_basis,
            } => write!(
                w,
                "records are placed by their {} date in {quarters} {} of a reporting year starting in month {year_starts_in_month}, each compared with the quarter before",
                date_basis.as_str(),
                if quarters == 1 { "quarter" } else { "quarters" }
            ),
            TrendStep::RepeatIndividuals {
                minimum_breaches,
                window_months,
                count_near_misses,
                found,
            } => write!(
                w,
                "a person with {minimum_breaches} or more breaches within {window_months} months is a repeat individual ({}); {found} found",
                if count_near_misses {
                    "near misses count"
                } else {
                    "near misses do not count"
                }
            ),
            TrendStep::Hotspots {
                minimum_distinct_people,
                count_near_misses,
                found,
            } => write!(
                w,
                "a business area or site with breaches by {minimum_distinct_people} or more different people in one quarter is a hotspot and prompts a review of local practices ({}); {found} found",
                if count_near_misses {
                    "near misses count"
                } else {
                    "near misses do not count"
                }
            ),
            TrendStep::Decisions {
                decided: 0, ..
            } => w.write_str(
                "no breach in the period carries the manager's decision, so none is set against its recommendation",
            ),
            TrendStep::Decisions {
                decided,
                lower,
                same,
                higher,
                median_days_to_decision,
            } => {
                write!(
                    w,
                    "of {decided} {} in the period with the manager's decision recorded, {same} {} decided as recommended, {lower} lower and {higher} higher; where managers keep departing from the recommendation, the guidance may need review",
                    if decided == 1 { "breach" } else { "breaches" },
                    if same == 1 { "was" } else { "were" },
                )?;
                match median_days_to_decision {
                    Some(days) => write!(
                        w,
                        "; the median time from identification to decision was {days} {}",
                        if days == 1 { "day" } else { "days" }
                    ),
                    None => Ok(()),
                }
            }
        }
    }
}
