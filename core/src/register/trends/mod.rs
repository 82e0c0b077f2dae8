//! The trend report: counts per quarter, change against the previous quarter,
//! repeat individuals and hotspots (POLSBP002: breaches are recorded centrally
//! "to ensure trends are identified").
//!
//! Order of the steps:
//! 1. the period: whole quarters, at most [`MAX_QUARTERS`] of them;
//! 2. the records: each checked and given its level (recorded, or assessed
//!    from its report), repeated ids refused, the people told apart;
//! 3. counts for each quarter, from the one before the period to its last, and
//!    where each record falls against the period;
//! 4. each quarter's counts and change, and the period's totals;
//! 5. repeat individuals;
//! 6. hotspots;
//! 7. the cited reasons.

use crate::breach::{BreachReport, Level};
use crate::codec::Pointer;
use crate::date::Date;
use crate::error::{ErrorCode, Quoted, SpfError};
use crate::policy::{IncidentDate, Policy, PolicyRef, SCHEMA_VERSION};
use crate::reason::Reason;
use crate::register::interner::{Interner, hash_text};
use crate::register::quarter::Quarter;
use crate::register::record::{IncidentRecord, RejectedRecord};

mod counts;
mod hotspots;
mod repeats;
mod report;

pub use report::{
    Change, Counts, Decisions, Departures, Hotspot, HotspotScope, LevelCounts, MAX_QUARTERS,
    QuarterSummary, RecordRef, RecordTally, RepeatIndividual, TrendReason, TrendReport,
    TrendRequest, TrendStep,
};

/// A usable record, reduced to numbers; kept small because a register of a
/// million records is scanned several times.
struct Entry<'r> {
    record: &'r IncidentRecord,
    /// The hash of its id.
    id_hash: u64,
    /// The person's [`person_key`], or [`NO_PERSON`] when none is named.
    /// Both are made here, while the record is being read anyway.
    person_key: u128,
    /// Its place in the request.
    index: usize,
    /// The business area's number.
    area: u32,
    /// The site's number, or [`NO_SITE`].
    site: u32,
    date: Date,
    /// `None` for a near miss.
    level: Option<Level>,
}

impl<'r> Entry<'r> {
    fn person(&self) -> &'r str {
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

impl<'r> Names<'r> {
    fn place(&self, place: Place) -> &'r str {
        match scope_of(place) {
            HotspotScope::BusinessArea => self.areas.name(number_of(place)),
            HotspotScope::Site => self.sites.name(number_of(place)),
        }
    }
}

/// Checks the period: `from` not after `to`, at most [`MAX_QUARTERS`] quarters,
/// and its first quarter and the one before it (the report compares with it) in
/// reporting years from 0001: a quarter of "year 0000" has no name a reader
/// could use. Returns the first and last quarters.
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
    if first.previous().reporting_year() < 1 {
        // The first quarter of reporting year 0001 has its predecessor in year
        // 0000: the earliest period starts one quarter later.
        let earliest = Quarter::containing(Date::EARLIEST, month);
        let earliest = std::iter::successors(Some(earliest), |q| Some(q.next()))
            .find(|q| q.previous().reporting_year() >= 1)
            .and_then(Quarter::start)
            .unwrap_or(Date::EARLIEST);
        return Err(SpfError::new(
            ErrorCode::InvalidDate,
            format!(
                "the period starts on `{from}`, too near the start of the calendar: its first quarter and the quarter before it (which the report compares with) must fall in reporting years from 0001; start it on or after `{earliest}`"
            ),
            "/from",
        ));
    }
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
) -> Result<TrendReport<'r>, SpfError> {
    let rules = &policy.incidents;
    // 1.
    let (first, last) = period(policy, from, to)?;
    let basis = rules.quarters.date_basis;
    let month = rules.quarters.year_starts_in_month;
    let period_start = first.start().unwrap_or(Date::EARLIEST);
    let period_end = last.end().unwrap_or(Date::LATEST);

    // 2.
    let mut names = Names::default();
    let mut entries = usable_entries(assess, records, basis, &mut names, &mut rejected);
    drop_repeated_ids(&mut entries, &mut rejected);
    let people = number_people(&entries);
    rejected.sort_by_key(|r| r.index);

    // 3. Slot 0 is the quarter before the period, slot k the period's k-th.
    let before = first.previous();
    let slot_of = |date: Date| -> Option<usize> {
        let quarter = Quarter::containing(date, month);
        usize::try_from(i64::from(quarter.ordinal()) - i64::from(before.ordinal())).ok()
    };
    let quarter_count = usize::try_from(last.ordinal() - first.ordinal() + 1).unwrap_or(0);
    let (tally, tallies) = counts::tally_quarters(
        &entries,
        count_of(rejected.len()),
        quarter_count,
        &slot_of,
        (period_start, period_end),
    );

    // 4.
    let (totals, quarters) = counts::quarter_summaries(&tallies, first, &names);
    // 5.
    let repeat_individuals =
        repeats::repeat_individuals(policy, &entries, &people, period_start, period_end);
    // 6.
    let hotspots = hotspots::hotspots(
        policy,
        &entries,
        &people,
        &names,
        first,
        quarter_count,
        &slot_of,
    );
    // 7.
    let reasons = reasons(
        policy,
        &tally,
        quarter_count,
        &repeat_individuals,
        &hotspots,
        totals.departures(),
    );

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

/// Step 2, first part: each record checked and given its level; those that
/// fail go to `rejected`, the rest become entries, their names numbered.
fn usable_entries<'r>(
    assess: &dyn Fn(&BreachReport) -> Result<Level, SpfError>,
    records: impl IntoIterator<Item = (usize, &'r IncidentRecord)>,
    basis: IncidentDate,
    names: &mut Names<'r>,
    rejected: &mut Vec<RejectedRecord>,
) -> Vec<Entry<'r>> {
    let records = records.into_iter();
    let mut entries: Vec<Entry<'r>> = Vec::with_capacity(records.size_hint().0);
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
                person_key: record.person.as_deref().map_or(NO_PERSON, person_key),
            }),
            Err(error) => rejected.push(RejectedRecord {
                index,
                error: within_record(index, &error.path, error.code, error.message),
            }),
        }
    }
    entries
}

/// Step 7: the cited reasons, one per rule the report applies.
fn reasons(
    policy: &Policy,
    tally: &RecordTally,
    quarter_count: usize,
    repeat_individuals: &[RepeatIndividual],
    hotspots: &[Hotspot],
    (departures, median_days_to_decision): (Departures, Option<u32>),
) -> Vec<TrendReason> {
    let rules = &policy.incidents;
    vec![
        Reason::new(
            TrendStep::RecordedCentrally {
                records: tally.received,
                rejected: tally.rejected,
            },
            &rules.recording,
        ),
        Reason::new(
            TrendStep::Quarters {
                quarters: count_of(quarter_count),
                year_starts_in_month: rules.quarters.year_starts_in_month,
                date_basis: rules.quarters.date_basis,
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
        Reason::new(
            TrendStep::Decisions {
                decided: departures.total(),
                lower: departures.lower,
                same: departures.same,
                higher: departures.higher,
                median_days_to_decision,
            },
            &rules.decisions,
        ),
    ]
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
    // The hashes alone first: half the bytes of hash and position to sort, and
    // a register seldom repeats an id, so that usually nothing more is done.
    let mut sorted: Vec<u64> = entries.iter().map(|entry| entry.id_hash).collect();
    sorted.sort_unstable();
    let shared: Vec<u64> = sorted
        .chunk_by(|a, b| a == b)
        .filter(|run| run.len() > 1)
        .filter_map(|run| run.first().copied())
        .collect();
    if shared.is_empty() {
        return;
    }
    drop(sorted);
    let mut by_hash: Vec<(u64, usize)> = entries
        .iter()
        .enumerate()
        .map(|(position, entry)| (entry.id_hash, position))
        .filter(|(h, _)| shared.binary_search(h).is_ok())
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
                        Quoted(&entry.record.id)
                    ),
                ),
            });
        }
        !repeat
    });
}

/// The people named in the entries, told apart by a key made from their ids
/// ([`person_key`]), then, where the key is a hash, by the ids themselves, so
/// that a hash collision never merges two people.
struct People {
    /// `numbers[position]` is the person's number for the entry at `position`
    /// ([`NOBODY`] when none is named); equal numbers mean equal ids.
    numbers: Vec<u32>,
    /// The entries, each person's together, in number order; each carries
    /// what the repeat rule reads, so that it never goes back to the entries
    /// (scattered over a million of them) for a person it does not report.
    grouped: Vec<Member>,
    /// Where each person's entries end in `grouped`.
    ends: Vec<usize>,
}

/// One entry of a person's.
#[derive(Clone, Copy)]
struct Member {
    /// The entry's position.
    position: usize,
    date: Date,
    /// A breach, not a near miss.
    breach: bool,
}

impl People {
    /// Each person's entries.
    fn groups(&self) -> impl Iterator<Item = &[Member]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter().copied())
            .filter_map(|(start, end)| self.grouped.get(start..end))
    }
}

/// The low byte of a [`person_key`] that is a hash; an id's own bytes have
/// their length there, at most 15.
const HASHED: u8 = u8::MAX;

/// No person named: no id's [`person_key`] is 0, since the record check
/// refuses an empty one and a hash is marked [`HASHED`].
const NO_PERSON: u128 = 0;

/// A person's id as a number: an id of at most 15 bytes is its bytes, first
/// byte highest, then its length, so that equal keys are equal ids and
/// nothing more need be read, and two such keys are in the ids' own order; a
/// longer id is its hash, marked [`HASHED`], and its run of equal keys is
/// checked by text.
fn person_key(person: &str) -> u128 {
    let bytes = person.as_bytes();
    match u8::try_from(bytes.len()) {
        Ok(length) if length < 16 => {
            let mut key = [0u8; 16];
            for (slot, byte) in key.iter_mut().zip(bytes) {
                *slot = *byte;
            }
            if let Some(last) = key.last_mut() {
                *last = length;
            }
            u128::from_be_bytes(key)
        }
        _ => (u128::from(hash_text(person)) << 64) | u128::from(HASHED),
    }
}

/// Whether a [`person_key`] is the id's own bytes, not a hash.
fn exact(key: u128) -> bool {
    key as u8 != HASHED
}

fn number_people(entries: &[Entry<'_>]) -> People {
    number_people_by(entries, |entry| {
        (entry.person_key != NO_PERSON).then_some(entry.person_key)
    })
}

/// [`number_people`] with the people keyed by `key` (a test makes them
/// collide).
fn number_people_by(entries: &[Entry<'_>], key: impl Fn(&Entry<'_>) -> Option<u128>) -> People {
    struct Row {
        key: u128,
        member: Member,
    }
    let mut rows: Vec<Row> = Vec::with_capacity(entries.len());
    rows.extend(entries.iter().enumerate().filter_map(|(position, entry)| {
        Some(Row {
            key: key(entry)?,
            member: Member {
                position,
                date: entry.date,
                breach: entry.level.is_some(),
            },
        })
    }));
    rows.sort_unstable_by_key(|row| (row.key, row.member.position));
    let mut numbers = vec![NOBODY; entries.len()];
    let mut grouped: Vec<Member> = rows.iter().map(|row| row.member).collect();
    let mut ends = Vec::new();
    let person = |member: &Member| entries.get(member.position).map_or("", Entry::person);
    let mut start = 0;
    for run in rows.chunk_by(|a, b| a.key == b.key) {
        let end = start + run.len();
        let Some(members) = grouped.get_mut(start..end) else {
            break;
        };
        // Only a run of two or more hashed keys can hide a collision; reading
        // the ids is what costs, so no other run is read at all.
        let hashed = run.first().is_some_and(|row| !exact(row.key));
        let collided = hashed && members.len() > 1 && {
            let first = members.first().map(person);
            members.iter().any(|m| Some(person(m)) != first)
        };
        if collided {
            members.sort_by(|a, b| person(a).cmp(person(b)).then(a.position.cmp(&b.position)));
        }
        let same_person = |a: &Member, b: &Member| !collided || person(a) == person(b);
        let mut offset = start;
        for same in members.chunk_by(same_person) {
            let number = u32::try_from(ends.len()).unwrap_or(NOBODY);
            for member in same {
                if let Some(slot) = numbers.get_mut(member.position) {
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
            outcome: None,
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
                person_key: NO_PERSON,
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
        let people = number_people_by(&entries, |_| Some(42 << 64 | u128::from(HASHED)));
        let groups: Vec<Vec<&str>> = people
            .groups()
            .map(|g| {
                g.iter()
                    .map(|m| entries[m.position].record.id.as_str())
                    .collect()
            })
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

    #[test]
    fn a_short_person_id_is_its_own_key_and_a_long_one_is_hashed() {
        assert_ne!(person_key("P-1"), person_key("P-2"));
        assert_ne!(person_key("A"), person_key("A\0"));
        assert_eq!(person_key("P-0123456789abc"), person_key("P-0123456789abc"));
        assert!(exact(person_key("P-0123456789abc")));
        assert!(!exact(person_key("P-0123456789abcd")));
        // Exact keys are in the ids' order, a prefix first.
        let mut ids = [
            "P-2", "P-10", "P-1", "Q", "P-1\0", "P-1\0\0", "P-1\0a", "p", "P",
        ];
        let mut by_key = ids;
        by_key.sort_by_key(|id| person_key(id));
        ids.sort();
        assert_eq!(by_key, ids);
    }
}
