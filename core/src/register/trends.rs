//! The trend report: counts per quarter, change against the previous quarter,
//! repeat individuals and hotspots (POLSBP002: breaches are recorded centrally
//! "to ensure trends are identified").

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::breach::{BreachKind, Level};
use crate::date::Date;
use crate::error::{ErrorCode, Pointer, SpfError};
use crate::policy::{IncidentDate, Policy, PolicyRef, SCHEMA_VERSION};
use crate::reason::{Reason, Step};
use crate::register::interner::{FastMap, Interner};
use crate::register::quarter::{Quarter, QuarterSpan};
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
    fn add(&mut self, level: Level) {
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
pub struct RecordRef {
    /// The record's date on the policy's basis.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub date: Date,
    /// The record's id.
    pub id: String,
}

/// A person with repeated breaches inside the rolling window.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RepeatIndividual {
    /// The person's pseudonymous id.
    pub person: String,
    /// The first day in the period on which the person reached the threshold.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub first_reached: Date,
    /// The most breaches inside one window ending in the period.
    pub most_in_window: u32,
    /// The person's breaches in the period.
    pub breaches_in_period: u32,
    /// The person's breaches from one window before the period to its end,
    /// by date, then id.
    pub records: Vec<RecordRef>,
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
pub struct Hotspot {
    /// The quarter's name.
    pub quarter: String,
    /// Business area or site.
    pub scope: HotspotScope,
    /// The business area's or site's name.
    pub name: String,
    /// Distinct people with breaches there in the quarter.
    pub distinct_people: u32,
    /// Breaches there in the quarter, including those with no person named.
    pub breaches: u32,
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
pub struct TrendReport {
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
    pub repeat_individuals: Vec<RepeatIndividual>,
    /// Hotspots, by quarter, then business areas before sites, then name.
    pub hotspots: Vec<Hotspot>,
    /// Records that could not be used, by index.
    pub rejected: Vec<RejectedRecord>,
    /// How the report was made, with citations.
    pub reasons: Vec<TrendReason>,
}

/// One step of a trend report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(tag = "rule", content = "facts", deny_unknown_fields)]
#[allow(missing_docs)]
pub enum TrendStep {
    /// The records come from the central register.
    #[serde(rename = "trends.recordedCentrally", rename_all = "camelCase")]
    RecordedCentrally { records: u32, rejected: u32 },
    /// How records were placed in quarters.
    #[serde(rename = "trends.quarters", rename_all = "camelCase")]
    Quarters {
        quarters: u32,
        year_starts_in_month: u32,
        date_basis: IncidentDate,
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
        }
    }

    fn explain<W: fmt::Write>(&self, w: &mut W) -> fmt::Result {
        match *self {
            TrendStep::RecordedCentrally { records, rejected } => write!(
                w,
                "{records} records were read from the central register, which exists so that trends are identified; {rejected} could not be used and are listed with their errors"
            ),
            TrendStep::Quarters {
                quarters,
                year_starts_in_month,
                date_basis,
            } => write!(
                w,
                "records are placed by their {} date in {quarters} quarters of a reporting year starting in month {year_starts_in_month}, each compared with the quarter before",
                date_basis.as_str()
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
        }
    }
}

/// A usable record, reduced to numbers.
struct Entry<'r> {
    record: &'r IncidentRecord,
    date: Date,
    /// `None` for a near miss.
    level: Option<Level>,
    area: u32,
    site: Option<u32>,
    person: Option<u32>,
}

/// A business area or site, numbered: the scope in the high half, the name's
/// number in the low half.
type Place = u64;

fn place(scope: HotspotScope, number: u32) -> Place {
    (u64::from(scope as u8) << 32) | u64::from(number)
}

fn scope_of(place: Place) -> HotspotScope {
    if place >> 32 == HotspotScope::Site as u64 {
        HotspotScope::Site
    } else {
        HotspotScope::BusinessArea
    }
}

fn number_of(place: Place) -> u32 {
    (place & u64::from(u32::MAX)) as u32
}

/// The names behind the numbers.
#[derive(Default)]
struct Names<'r> {
    areas: Interner<'r>,
    sites: Interner<'r>,
    people: Interner<'r>,
}

impl Names<'_> {
    fn place(&self, place: Place) -> &str {
        match scope_of(place) {
            HotspotScope::BusinessArea => self.areas.name(number_of(place)),
            HotspotScope::Site => self.sites.name(number_of(place)),
        }
    }
}

/// Counts for one quarter while they are gathered.
#[derive(Default)]
struct Tally {
    total: u32,
    near_misses: u32,
    by_level: LevelCounts,
    by_kind: [u32; BreachKind::ALL.len()],
    by_place: FastMap<Place, u32>,
    without_site: u32,
}

impl Tally {
    fn add(&mut self, entry: &Entry<'_>) {
        self.total = self.total.saturating_add(1);
        match entry.level {
            Some(level) => self.by_level.add(level),
            None => self.near_misses = self.near_misses.saturating_add(1),
        }
        if let Some(slot) = self.by_kind.get_mut(entry.record.kind.index()) {
            *slot = slot.saturating_add(1);
        }
        bump(
            &mut self.by_place,
            place(HotspotScope::BusinessArea, entry.area),
            1,
        );
        match entry.site {
            Some(site) => bump(&mut self.by_place, place(HotspotScope::Site, site), 1),
            None => self.without_site = self.without_site.saturating_add(1),
        }
    }

    fn merge(&mut self, other: &Tally) {
        self.total = self.total.saturating_add(other.total);
        self.near_misses = self.near_misses.saturating_add(other.near_misses);
        self.by_level.minor = self.by_level.minor.saturating_add(other.by_level.minor);
        self.by_level.serious = self.by_level.serious.saturating_add(other.by_level.serious);
        self.by_level.gross = self.by_level.gross.saturating_add(other.by_level.gross);
        for (mine, theirs) in self.by_kind.iter_mut().zip(other.by_kind.iter()) {
            *mine = mine.saturating_add(*theirs);
        }
        for (place, count) in &other.by_place {
            bump(&mut self.by_place, *place, *count);
        }
        self.without_site = self.without_site.saturating_add(other.without_site);
    }

    fn counts(&self, names: &Names<'_>) -> Counts {
        let mut by_business_area = BTreeMap::new();
        let mut by_site = BTreeMap::new();
        for (place, count) in &self.by_place {
            let name = names.place(*place).to_owned();
            match scope_of(*place) {
                HotspotScope::BusinessArea => by_business_area.insert(name, *count),
                HotspotScope::Site => by_site.insert(name, *count),
            };
        }
        Counts {
            total: self.total,
            breaches: self.by_level.total(),
            near_misses: self.near_misses,
            by_level: self.by_level,
            by_kind: BreachKind::ALL
                .iter()
                .zip(self.by_kind.iter())
                .filter(|(_, count)| **count > 0)
                .map(|(kind, count)| (*kind, *count))
                .collect(),
            by_business_area,
            by_site,
            without_site: self.without_site,
        }
    }
}

fn bump(map: &mut FastMap<Place, u32>, place: Place, by: u32) {
    let slot = map.entry(place).or_insert(0);
    *slot = slot.saturating_add(by);
}

fn change(previous: Quarter, before: &Tally, now: &Tally) -> Change {
    let diff = |a: u32, b: u32| i64::from(b) - i64::from(a);
    Change {
        previous_quarter: previous.label(),
        previous_total: before.total,
        total: diff(before.total, now.total),
        breaches: diff(before.by_level.total(), now.by_level.total()),
        near_misses: diff(before.near_misses, now.near_misses),
        minor: diff(before.by_level.minor, now.by_level.minor),
        serious: diff(before.by_level.serious, now.by_level.serious),
        gross: diff(before.by_level.gross, now.by_level.gross),
    }
}

/// Checks the period: `from` not after `to`, at most [`MAX_QUARTERS`] quarters.
/// Returns the first and last quarters.
pub(crate) fn period(
    policy: &Policy,
    from: Date,
    to: Date,
) -> Result<(Quarter, Quarter), SpfError> {
    if to < from {
        return Err(SpfError::new(
            ErrorCode::DateOutOfOrder,
            format!("the period ends on `{to}`, before it starts on `{from}`"),
            "/to",
        ));
    }
    let month = policy.incidents.quarters.year_starts_in_month;
    let first = Quarter::containing(from, month);
    let last = Quarter::containing(to, month);
    let quarters = i64::from(last.ordinal()) - i64::from(first.ordinal()) + 1;
    if quarters > i64::from(MAX_QUARTERS) {
        return Err(SpfError::new(
            ErrorCode::InvalidType,
            format!(
                "the period covers {quarters} quarters; a report covers at most {MAX_QUARTERS}"
            ),
            "/to",
        ));
    }
    Ok((first, last))
}

fn count_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Builds the report. `records` are numbered by their place in the request;
/// `rejected` holds those already refused while reading it. Records that fail
/// their checks, repeat an id or whose report cannot be assessed are added to
/// it; the rest are used.
pub(crate) fn trend_report<'r>(
    engine: &crate::Engine,
    records: impl IntoIterator<Item = (usize, &'r IncidentRecord)>,
    from: Date,
    to: Date,
    mut rejected: Vec<RejectedRecord>,
) -> Result<TrendReport, SpfError> {
    let policy = engine.policy();
    let rules = &policy.incidents;
    let (first, last) = period(policy, from, to)?;
    let basis = rules.quarters.date_basis;
    let month = rules.quarters.year_starts_in_month;
    let period_start = first.start().unwrap_or(Date::EARLIEST);
    let period_end = last.end().unwrap_or(Date::LATEST);

    let records = records.into_iter();
    let mut entries: Vec<Entry<'r>> = Vec::with_capacity(records.size_hint().0);
    let mut names = Names::default();
    let mut ids = Interner::with_capacity(entries.capacity());
    for (index, record) in records {
        let at = || Pointer::root().key("records").index(index);
        let level = match check_and_level(engine, record) {
            Ok(level) => level,
            Err(error) => {
                rejected.push(RejectedRecord {
                    index,
                    error: SpfError::new(
                        error.code,
                        error.message,
                        format!("{}{}", at().as_str(), error.path),
                    ),
                });
                continue;
            }
        };
        let known_ids = ids.len();
        ids.number(&record.id);
        if ids.len() == known_ids {
            rejected.push(RejectedRecord {
                index,
                error: SpfError::new(
                    ErrorCode::DuplicateEntry,
                    format!("record id `{}` is used by an earlier record", record.id),
                    at().key("id").into_string(),
                ),
            });
            continue;
        }
        entries.push(Entry {
            record,
            date: record.date(basis),
            level,
            area: names.areas.number(&record.business_area),
            site: record.site.as_deref().map(|s| names.sites.number(s)),
            person: record.person.as_deref().map(|p| names.people.number(p)),
        });
    }
    rejected.sort_by_key(|r| r.index);
    let rejected_count = count_of(rejected.len());

    // Slot 0 is the quarter before the period, slot k the period's k-th.
    let before = first.previous();
    let slot_of = |date: Date| -> Option<usize> {
        let quarter = Quarter::containing(date, month);
        usize::try_from(i64::from(quarter.ordinal()) - i64::from(before.ordinal())).ok()
    };
    let quarter_count = usize::try_from(last.ordinal() - first.ordinal() + 1).unwrap_or(0);
    let mut tallies: Vec<Tally> = (0..=quarter_count).map(|_| Tally::default()).collect();
    let mut tally = RecordTally {
        received: count_of(entries.len()).saturating_add(rejected_count),
        rejected: rejected_count,
        ..RecordTally::default()
    };
    for entry in &entries {
        if entry.date < period_start {
            tally.before_period = tally.before_period.saturating_add(1);
        } else if entry.date > period_end {
            tally.after_period = tally.after_period.saturating_add(1);
        } else {
            tally.in_period = tally.in_period.saturating_add(1);
        }
        if let Some(t) = slot_of(entry.date).and_then(|slot| tallies.get_mut(slot)) {
            t.add(entry);
        }
    }

    let mut totals = Tally::default();
    let mut quarters = Vec::with_capacity(quarter_count);
    let mut quarter = first;
    for pair in tallies.windows(2) {
        if let [previous, now] = pair {
            totals.merge(now);
            quarters.push(QuarterSummary {
                quarter: QuarterSpan::of(quarter),
                counts: now.counts(&names),
                change: change(quarter.previous(), previous, now),
            });
        }
        quarter = quarter.next();
    }

    let repeat_individuals = repeat_individuals(policy, &entries, &names, period_start, period_end);
    let hotspots = hotspots(policy, &entries, &names, first, quarter_count, &slot_of);

    let reasons = vec![
        Reason::new(
            TrendStep::RecordedCentrally {
                records: count_of(entries.len()),
                rejected: rejected_count,
            },
            &rules.recording,
        ),
        Reason::new(
            TrendStep::Quarters {
                quarters: count_of(quarter_count),
                year_starts_in_month: month,
                date_basis: basis,
            },
            &rules.quarters.source,
        ),
        Reason::new(
            TrendStep::RepeatIndividuals {
                minimum_breaches: rules.repeat_individuals.minimum_breaches,
                window_months: rules.repeat_individuals.window_months,
                count_near_misses: rules.repeat_individuals.count_near_misses,
                found: count_of(repeat_individuals.len()),
            },
            &rules.repeat_individuals.source,
        ),
        Reason::new(
            TrendStep::Hotspots {
                minimum_distinct_people: rules.hotspots.minimum_distinct_people,
                count_near_misses: rules.hotspots.count_near_misses,
                found: count_of(hotspots.len()),
            },
            &rules.hotspots.source,
        ),
    ];

    Ok(TrendReport {
        schema_version: SCHEMA_VERSION,
        policy: engine.policy_ref().clone(),
        date_basis: basis,
        from: period_start,
        to: period_end,
        records: tally,
        totals: totals.counts(&names),
        quarters,
        repeat_individuals,
        hotspots,
        rejected,
        reasons,
    })
}

/// A record's checks, then its level: recorded, or assessed from its report.
fn check_and_level(
    engine: &crate::Engine,
    record: &IncidentRecord,
) -> Result<Option<Level>, SpfError> {
    record.check()?;
    if record.near_miss {
        return Ok(None);
    }
    match (&record.level, &record.report) {
        (Some(level), _) => Ok(Some(*level)),
        (None, Some(report)) => match engine.assess_breach(report) {
            Ok(answer) => Ok(Some(answer.level)),
            Err(error) => Err(SpfError::new(
                error.code,
                error.message,
                format!("/report{}", error.path),
            )),
        },
        // `check` refuses a breach with neither.
        (None, None) => Err(SpfError::new(
            ErrorCode::Internal,
            "a breach record has no level",
            "",
        )),
    }
}

fn repeat_individuals(
    policy: &Policy,
    entries: &[Entry<'_>],
    names: &Names<'_>,
    period_start: Date,
    period_end: Date,
) -> Vec<RepeatIndividual> {
    let rules = &policy.incidents.repeat_individuals;
    let look_back = period_start
        .months_before(rules.window_months)
        .unwrap_or(Date::EARLIEST);
    // Each counted breach with a person, as (person, date, entry), sorted so
    // that each person's breaches are together in date order (then by id).
    let mut dated: Vec<(u32, Date, &Entry<'_>)> = entries
        .iter()
        .filter(|e| e.level.is_some() || rules.count_near_misses)
        .filter(|e| look_back <= e.date && e.date <= period_end)
        .filter_map(|e| e.person.map(|person| (person, e.date, e)))
        .collect();
    dated.sort_unstable_by(|a, b| {
        (a.0, a.1)
            .cmp(&(b.0, b.1))
            .then_with(|| a.2.record.id.cmp(&b.2.record.id))
    });
    let minimum = usize::try_from(rules.minimum_breaches).unwrap_or(usize::MAX);
    let mut found = Vec::new();
    for person in dated.chunk_by(|a, b| a.0 == b.0) {
        if person.len() < minimum {
            continue;
        }
        let mut first_reached = None;
        let mut most = 0usize;
        let mut in_period = 0u32;
        let mut low = 0usize;
        for (i, (_, date, _)) in person.iter().enumerate() {
            if *date < period_start {
                continue;
            }
            in_period = in_period.saturating_add(1);
            let window_start = date
                .months_before(rules.window_months)
                .unwrap_or(Date::EARLIEST);
            while person.get(low).is_some_and(|(_, d, _)| *d < window_start) {
                low += 1;
            }
            // Every breach on the same day is inside the window too.
            let high = i + person
                .iter()
                .skip(i)
                .take_while(|(_, d, _)| d == date)
                .count();
            let in_window = high.saturating_sub(low);
            most = most.max(in_window);
            if in_window >= minimum && first_reached.is_none() {
                first_reached = Some(*date);
            }
        }
        if let (Some(first_reached), Some((number, _, _))) = (first_reached, person.first()) {
            found.push(RepeatIndividual {
                person: names.people.name(*number).to_owned(),
                first_reached,
                most_in_window: count_of(most),
                breaches_in_period: in_period,
                records: person
                    .iter()
                    .map(|(_, date, entry)| RecordRef {
                        date: *date,
                        id: entry.record.id.clone(),
                    })
                    .collect(),
            });
        }
    }
    found.sort_unstable_by(|a, b| a.person.cmp(&b.person));
    found
}

fn hotspots(
    policy: &Policy,
    entries: &[Entry<'_>],
    names: &Names<'_>,
    first: Quarter,
    quarter_count: usize,
    slot_of: &dyn Fn(Date) -> Option<usize>,
) -> Vec<Hotspot> {
    const NOBODY: u32 = u32::MAX;
    let rules = &policy.incidents.hotspots;
    // One row per counted breach and place in the period: (slot, place, person).
    let mut rows: Vec<(usize, Place, u32)> = Vec::new();
    for entry in entries {
        if entry.level.is_none() && !rules.count_near_misses {
            continue;
        }
        let Some(slot) = slot_of(entry.date).filter(|slot| (1..=quarter_count).contains(slot))
        else {
            continue;
        };
        let person = entry.person.unwrap_or(NOBODY);
        rows.push((slot, place(HotspotScope::BusinessArea, entry.area), person));
        if let Some(site) = entry.site {
            rows.push((slot, place(HotspotScope::Site, site), person));
        }
    }
    rows.sort_unstable();
    let minimum = usize::try_from(rules.minimum_distinct_people).unwrap_or(usize::MAX);
    let mut found: Vec<(usize, Hotspot)> = Vec::new();
    for group in rows.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
        let mut people: Vec<u32> = group.iter().map(|row| row.2).collect();
        people.dedup();
        let distinct = people.iter().filter(|p| **p != NOBODY).count();
        if distinct < minimum {
            continue;
        }
        if let Some((slot, place, _)) = group.first() {
            let quarter = (1..*slot).fold(first, |q, _| q.next());
            found.push((
                *slot,
                Hotspot {
                    quarter: quarter.label(),
                    scope: scope_of(*place),
                    name: names.place(*place).to_owned(),
                    distinct_people: count_of(distinct),
                    breaches: count_of(group.len()),
                },
            ));
        }
    }
    found.sort_unstable_by(|(a_slot, a), (b_slot, b)| {
        (a_slot, a.scope, &a.name).cmp(&(b_slot, b.scope, &b.name))
    });
    found.into_iter().map(|(_, hotspot)| hotspot).collect()
}
