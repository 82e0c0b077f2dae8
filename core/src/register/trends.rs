//! The trend report: counts per quarter, change against the previous quarter,
//! repeat individuals and hotspots (POLSBP002: breaches are recorded centrally
//! "to ensure trends are identified").

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::breach::{BreachKind, BreachReport, Level};
use crate::codec::Pointer;
use crate::date::Date;
use crate::error::{ErrorCode, SpfError};
use crate::policy::{IncidentDate, Policy, PolicyRef, SCHEMA_VERSION};
use crate::reason::{Reason, Step};
use crate::register::interner::{FastMap, Interner, hash_text};
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
        }
    }
}

/// A usable record, reduced to numbers; kept small because a register of a
/// million records is scanned several times.
struct Entry<'r> {
    record: &'r IncidentRecord,
    /// The hash of its id.
    id_hash: u64,
    /// The hash of the person's id ([`Entry::has_person`] says whether one is
    /// named).
    person_hash: u64,
    /// Its place in the request.
    index: usize,
    /// The business area's number.
    area: u32,
    /// The site's number, or [`NO_SITE`].
    site: u32,
    date: Date,
    /// `None` for a near miss.
    level: Option<Level>,
    has_person: bool,
}

impl Entry<'_> {
    fn person(&self) -> &str {
        self.record.person.as_deref().unwrap_or_default()
    }

    fn site(&self) -> Option<u32> {
        (self.site != NO_SITE).then_some(self.site)
    }
}

/// No site named.
const NO_SITE: u32 = u32::MAX;

/// No person named (a person's number is never this).
const NOBODY: u32 = u32::MAX;

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
        match entry.site() {
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
    policy: &Policy,
    reference: &PolicyRef,
    assess: &dyn Fn(&BreachReport) -> Result<Level, SpfError>,
    records: impl IntoIterator<Item = (usize, &'r IncidentRecord)>,
    from: Date,
    to: Date,
    mut rejected: Vec<RejectedRecord>,
) -> Result<TrendReport, SpfError> {
    let rules = &policy.incidents;
    let (first, last) = period(policy, from, to)?;
    let basis = rules.quarters.date_basis;
    let month = rules.quarters.year_starts_in_month;
    let period_start = first.start().unwrap_or(Date::EARLIEST);
    let period_end = last.end().unwrap_or(Date::LATEST);

    let records = records.into_iter();
    let mut entries: Vec<Entry<'r>> = Vec::with_capacity(records.size_hint().0);
    let mut names = Names::default();
    for (index, record) in records {
        match check_and_level(assess, record) {
            Ok(level) => entries.push(Entry {
                record,
                index,
                date: record.date(basis),
                level,
                area: names.areas.number(&record.business_area),
                site: record
                    .site
                    .as_deref()
                    .map_or(NO_SITE, |s| names.sites.number(s)),
                id_hash: hash_text(&record.id),
                person_hash: record.person.as_deref().map_or(0, hash_text),
                has_person: record.person.is_some(),
            }),
            Err(error) => rejected.push(RejectedRecord {
                index,
                error: within_record(index, &error.path, error.code, error.message),
            }),
        }
    }
    drop_repeated_ids(&mut entries, &mut rejected);
    let people = number_people(&entries);
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

    let repeat_individuals =
        repeat_individuals(policy, &entries, &people, period_start, period_end);
    let hotspots = hotspots(
        policy,
        &entries,
        &people,
        &names,
        first,
        quarter_count,
        &slot_of,
    );

    let reasons = vec![
        Reason::new(
            TrendStep::RecordedCentrally {
                records: tally.received,
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
        policy: reference.clone(),
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
    assess: &dyn Fn(&BreachReport) -> Result<Level, SpfError>,
    record: &IncidentRecord,
) -> Result<Option<Level>, SpfError> {
    record.check()?;
    if record.near_miss {
        return Ok(None);
    }
    match (&record.level, &record.report) {
        (Some(level), _) => Ok(Some(*level)),
        (None, Some(report)) => match assess(report) {
            Ok(level) => Ok(Some(level)),
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

/// An error found in a record, pointed from the request's root.
fn within_record(index: usize, path: &str, code: ErrorCode, message: String) -> SpfError {
    SpfError::new(
        code,
        message,
        format!(
            "{}{path}",
            Pointer::root().key("records").index(index).as_str()
        ),
    )
}

/// Rejects every record whose id an earlier record (by request index) already
/// uses. Ids are compared by hash first, then by text.
fn drop_repeated_ids(entries: &mut Vec<Entry<'_>>, rejected: &mut Vec<RejectedRecord>) {
    let mut by_hash: Vec<(u64, usize)> = entries
        .iter()
        .enumerate()
        .map(|(position, entry)| (entry.id_hash, position))
        .collect();
    by_hash.sort_unstable();
    let mut repeated = vec![false; entries.len()];
    let id = |position: &usize| {
        entries
            .get(*position)
            .map(|e| (e.record.id.as_str(), e.index))
    };
    for run in by_hash.chunk_by(|a, b| a.0 == b.0) {
        if run.len() < 2 {
            continue;
        }
        let mut same_hash: Vec<usize> = run.iter().map(|(_, position)| *position).collect();
        same_hash.sort_unstable_by_key(|position| id(position));
        for same_id in same_hash.chunk_by(|a, b| id(a).map(|x| x.0) == id(b).map(|x| x.0)) {
            for position in same_id.iter().skip(1) {
                if let Some(flag) = repeated.get_mut(*position) {
                    *flag = true;
                }
            }
        }
    }
    if !repeated.contains(&true) {
        return;
    }
    let mut flags = repeated.into_iter();
    entries.retain(|entry| {
        let repeat = flags.next().unwrap_or(false);
        if repeat {
            rejected.push(RejectedRecord {
                index: entry.index,
                error: within_record(
                    entry.index,
                    "/id",
                    ErrorCode::DuplicateEntry,
                    format!(
                        "record id `{}` is used by an earlier record",
                        entry.record.id
                    ),
                ),
            });
        }
        !repeat
    });
}

/// The people named in the entries, told apart by their ids' hashes, then by
/// the ids themselves, so that a hash collision never merges two people.
struct People {
    /// `numbers[position]` is the person's number for the entry at `position`
    /// ([`NOBODY`] when none is named); equal numbers mean equal ids.
    numbers: Vec<u32>,
    /// Entry positions, each person's together, in number order.
    grouped: Vec<usize>,
    /// Where each person's positions end in `grouped`.
    ends: Vec<usize>,
}

impl People {
    /// Each person's entry positions.
    fn groups(&self) -> impl Iterator<Item = &[usize]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter().copied())
            .filter_map(|(start, end)| self.grouped.get(start..end))
    }
}

fn number_people(entries: &[Entry<'_>]) -> People {
    let mut by_hash: Vec<(u64, usize)> = Vec::with_capacity(entries.len());
    by_hash.extend(
        entries
            .iter()
            .enumerate()
            .filter(|(_, entry)| entry.has_person)
            .map(|(position, entry)| (entry.person_hash, position)),
    );
    by_hash.sort_unstable();
    let mut numbers = vec![NOBODY; entries.len()];
    let mut grouped: Vec<usize> = by_hash.iter().map(|(_, position)| *position).collect();
    let mut ends = Vec::new();
    let person = |position: &usize| entries.get(*position).map_or("", Entry::person);
    let mut start = 0;
    for run in by_hash.chunk_by(|a, b| a.0 == b.0) {
        let end = start + run.len();
        let Some(positions) = grouped.get_mut(start..end) else {
            break;
        };
        // Only a run of two or more can hide a collision; reading the ids is
        // what costs, so a single entry is not read at all.
        let collided = positions.len() > 1 && {
            let first = positions.first().map(person);
            positions.iter().any(|p| Some(person(p)) != first)
        };
        if collided {
            positions.sort_by(|a, b| person(a).cmp(person(b)).then(a.cmp(b)));
        }
        let same_person = |a: &usize, b: &usize| !collided || person(a) == person(b);
        let mut offset = start;
        for same in positions.chunk_by(same_person) {
            let number = u32::try_from(ends.len()).unwrap_or(NOBODY);
            for position in same {
                if let Some(slot) = numbers.get_mut(*position) {
                    *slot = number;
                }
            }
            offset += same.len();
            ends.push(offset);
        }
        start = end;
    }
    People {
        numbers,
        grouped,
        ends,
    }
}

fn repeat_individuals(
    policy: &Policy,
    entries: &[Entry<'_>],
    people: &People,
    period_start: Date,
    period_end: Date,
) -> Vec<RepeatIndividual> {
    let rules = &policy.incidents.repeat_individuals;
    let look_back = period_start
        .months_before(rules.window_months)
        .unwrap_or(Date::EARLIEST);
    let minimum = usize::try_from(rules.minimum_breaches).unwrap_or(usize::MAX);
    let id = |position: usize| entries.get(position).map_or("", |e| e.record.id.as_str());
    let mut found = Vec::new();
    // One person's counted breaches from one window before the period to its
    // end, by date, then id.
    let mut breaches: Vec<(Date, usize)> = Vec::new();
    for group in people.groups() {
        if group.len() < minimum {
            continue;
        }
        breaches.clear();
        breaches.extend(group.iter().filter_map(|position| {
            let e = entries.get(*position)?;
            let counted = e.level.is_some() || rules.count_near_misses;
            (counted && look_back <= e.date && e.date <= period_end).then_some((e.date, *position))
        }));
        if breaches.len() < minimum {
            continue;
        }
        breaches.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| id(a.1).cmp(id(b.1))));
        let mut first_reached = None;
        let mut most = 0usize;
        let mut in_period = 0u32;
        let mut low = 0usize;
        for (i, (date, _)) in breaches.iter().enumerate() {
            if *date < period_start {
                continue;
            }
            in_period = in_period.saturating_add(1);
            let window_start = date
                .months_before(rules.window_months)
                .unwrap_or(Date::EARLIEST);
            while breaches.get(low).is_some_and(|(d, _)| *d < window_start) {
                low += 1;
            }
            // Every breach on the same day is inside the window too.
            let high = i + breaches
                .iter()
                .skip(i)
                .take_while(|(d, _)| d == date)
                .count();
            let in_window = high.saturating_sub(low);
            most = most.max(in_window);
            if in_window >= minimum && first_reached.is_none() {
                first_reached = Some(*date);
            }
        }
        let named = group.first().and_then(|position| entries.get(*position));
        if let (Some(first_reached), Some(named)) = (first_reached, named) {
            found.push(RepeatIndividual {
                person: named.person().to_owned(),
                first_reached,
                most_in_window: count_of(most),
                breaches_in_period: in_period,
                records: breaches
                    .iter()
                    .map(|(date, position)| RecordRef {
                        date: *date,
                        id: id(*position).to_owned(),
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
    people: &People,
    names: &Names<'_>,
    first: Quarter,
    quarter_count: usize,
    slot_of: &dyn Fn(Date) -> Option<usize>,
) -> Vec<Hotspot> {
    let rules = &policy.incidents.hotspots;
    // One key per counted breach and place in the period: the quarter's slot
    // and the place above the person's number, so that sorting gathers each
    // quarter's place with its people in order.
    let key = |slot: usize, place: Place, person: u32| {
        (u128::try_from(slot).unwrap_or(u128::MAX) << 96)
            | (u128::from(place) << 32)
            | u128::from(person)
    };
    let mut rows: Vec<u128> = Vec::with_capacity(entries.len().saturating_mul(2));
    for (entry, person) in entries.iter().zip(people.numbers.iter()) {
        if entry.level.is_none() && !rules.count_near_misses {
            continue;
        }
        let Some(slot) = slot_of(entry.date).filter(|slot| (1..=quarter_count).contains(slot))
        else {
            continue;
        };
        rows.push(key(
            slot,
            place(HotspotScope::BusinessArea, entry.area),
            *person,
        ));
        if let Some(site) = entry.site() {
            rows.push(key(slot, place(HotspotScope::Site, site), *person));
        }
    }
    rows.sort_unstable();
    let minimum = usize::try_from(rules.minimum_distinct_people).unwrap_or(usize::MAX);
    let mut found: Vec<(usize, Hotspot)> = Vec::new();
    for group in rows.chunk_by(|a, b| a >> 32 == b >> 32) {
        let mut people: Vec<u32> = group.iter().map(|row| *row as u32).collect();
        people.dedup();
        let distinct = people.iter().filter(|p| **p != NOBODY).count();
        if distinct < minimum {
            continue;
        }
        if let Some(row) = group.first() {
            let slot = usize::try_from(row >> 96).unwrap_or(0);
            let place = ((row >> 32) & u128::from(u64::MAX)) as u64;
            let quarter = (1..slot).fold(first, |q, _| q.next());
            found.push((
                slot,
                Hotspot {
                    quarter: quarter.label(),
                    scope: scope_of(place),
                    name: names.place(place).to_owned(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::breach::BreachKind;

    fn record(id: &str, person: &str) -> IncidentRecord {
        let day = Date::from_ymd(2026, 4, 1).unwrap();
        IncidentRecord {
            id: id.into(),
            occurred: day,
            identified: None,
            recorded: day,
            business_area: "HMCTS".into(),
            site: None,
            person: Some(person.into()),
            kind: BreachKind::LossOfPass,
            marking: None,
            level: Some(Level::Minor),
            report: None,
            near_miss: false,
        }
    }

    /// Entries whose ids and people all share one hash, as a collision would.
    fn colliding(records: &[IncidentRecord]) -> Vec<Entry<'_>> {
        records
            .iter()
            .enumerate()
            .map(|(index, record)| Entry {
                record,
                index,
                date: record.occurred,
                level: record.level,
                area: 0,
                site: NO_SITE,
                id_hash: 42,
                person_hash: 42,
                has_person: true,
            })
            .collect()
    }

    #[test]
    fn a_hash_collision_never_merges_two_people() {
        let records = [
            record("A", "P-2"),
            record("B", "P-1"),
            record("C", "P-2"),
            record("D", "P-3"),
        ];
        let entries = colliding(&records);
        let people = number_people(&entries);
        let groups: Vec<Vec<&str>> = people
            .groups()
            .map(|g| g.iter().map(|p| entries[*p].record.id.as_str()).collect())
            .collect();
        assert_eq!(groups, [vec!["B"], vec!["A", "C"], vec!["D"]]);
        assert_eq!(people.numbers[0], people.numbers[2]);
        assert_ne!(people.numbers[0], people.numbers[1]);
    }

    #[test]
    fn a_hash_collision_never_makes_a_duplicate_id() {
        let records = [
            record("A", "P-1"),
            record("B", "P-1"),
            record("A", "P-1"),
            record("C", "P-1"),
            record("B", "P-1"),
        ];
        let mut entries = colliding(&records);
        let mut rejected = Vec::new();
        drop_repeated_ids(&mut entries, &mut rejected);
        let kept: Vec<usize> = entries.iter().map(|e| e.index).collect();
        assert_eq!(kept, [0, 1, 3]);
        let refused: Vec<(usize, &str)> = rejected
            .iter()
            .map(|r| (r.index, r.error.path.as_str()))
            .collect();
        assert_eq!(refused, [(2, "/records/2/id"), (4, "/records/4/id")]);
        assert!(
            rejected
                .iter()
                .all(|r| r.error.code == ErrorCode::DuplicateEntry)
        );
    }
}
