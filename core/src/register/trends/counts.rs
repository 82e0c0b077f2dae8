//! Counting records by quarter: level, kind, business area and site, and the
//! change from one quarter to the next.

use std::collections::BTreeMap;

use crate::breach::BreachKind;
use crate::date::Date;
use crate::register::interner::Interner;
use crate::register::quarter::{Quarter, QuarterSpan};
use crate::register::trends::{
    Change, Counts, Decisions, Departures, Entry, LevelCounts, Names, QuarterSummary, RecordTally,
    count_of,
};

/// Counts for one quarter while they are gathered.
#[derive(Default)]
pub(super) struct Tally {
    total: u32,
    near_misses: u32,
    by_level: LevelCounts,
    by_kind: [u32; BreachKind::ALL.len()],
    /// By business area's and by site's number (the interner numbers them
    /// densely): indexing, where a hash map cost two lookups a record.
    by_area: Vec<u32>,
    by_site: Vec<u32>,
    without_site: u32,
    decisions: DecisionTally,
}

/// The decisions of one quarter while they are gathered.
#[derive(Default)]
struct DecisionTally {
    departures: Departures,
    /// Days from identification to decision, one per decision, for the
    /// median (a histogram was tried and was slower on a million records).
    days: Vec<u32>,
    by_kind: [Departures; BreachKind::ALL.len()],
    /// By business area's number (the interner numbers them densely).
    by_area: Vec<Departures>,
}

impl DecisionTally {
    fn add(&mut self, entry: &Entry<'_>) {
        let (Some(recommended), Some(outcome)) = (entry.level, entry.record.outcome.as_ref())
        else {
            return;
        };
        self.departures.add(recommended, outcome.level);
        if let Some(days) = entry.record.days_to_decision() {
            self.days.push(days);
        }
        if let Some(slot) = self.by_kind.get_mut(entry.record.kind.index()) {
            slot.add(recommended, outcome.level);
        }
        if let Some(slot) = area_slot(&mut self.by_area, entry.area) {
            slot.add(recommended, outcome.level);
        }
    }

    fn merge(&mut self, other: &DecisionTally) {
        self.departures.merge(&other.departures);
        self.days.extend_from_slice(&other.days);
        for (mine, theirs) in self.by_kind.iter_mut().zip(other.by_kind.iter()) {
            mine.merge(theirs);
        }
        for (area, departures) in (0u32..).zip(&other.by_area) {
            if let Some(slot) = area_slot(&mut self.by_area, area) {
                slot.merge(departures);
            }
        }
    }

    fn decisions(&self, names: &Names<'_>) -> Decisions {
        Decisions {
            decided: self.departures.total(),
            departures: self.departures,
            median_days_to_decision: lower_median(&self.days),
            by_kind: BreachKind::ALL
                .iter()
                .zip(self.by_kind.iter())
                .filter(|(_, departures)| departures.total() > 0)
                .map(|(kind, departures)| (*kind, *departures))
                .collect(),
            by_business_area: (0u32..)
                .zip(&self.by_area)
                .filter(|(_, departures)| departures.total() > 0)
                .map(|(area, departures)| (names.areas.name(area).to_owned(), *departures))
                .collect(),
        }
    }
}

/// The slot of business area `area`, the list grown to hold it.
fn area_slot(by_area: &mut Vec<Departures>, area: u32) -> Option<&mut Departures> {
    let index = usize::try_from(area).ok()?;
    if by_area.len() <= index {
        by_area.resize(index.saturating_add(1), Departures::default());
    }
    by_area.get_mut(index)
}

/// The middle value, or of an even count the lower of the two middle ones,
/// found in linear time.
fn lower_median(days: &[u32]) -> Option<u32> {
    let middle = days.len().checked_sub(1)? / 2;
    let mut days = days.to_vec();
    let (_, median, _) = days.select_nth_unstable(middle);
    Some(*median)
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
        bump(&mut self.by_area, entry.area, 1);
        match entry.site() {
            Some(site) => bump(&mut self.by_site, site, 1),
            None => self.without_site = self.without_site.saturating_add(1),
        }
        self.decisions.add(entry);
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
        for (area, count) in (0u32..).zip(&other.by_area) {
            bump(&mut self.by_area, area, *count);
        }
        for (site, count) in (0u32..).zip(&other.by_site) {
            bump(&mut self.by_site, site, *count);
        }
        self.without_site = self.without_site.saturating_add(other.without_site);
        self.decisions.merge(&other.decisions);
    }

    /// The period's decisions, for the report's reason.
    pub(super) fn departures(&self) -> (Departures, Option<u32>) {
        (
            self.decisions.departures,
            lower_median(&self.decisions.days),
        )
    }

    pub(super) fn counts(&self, names: &Names<'_>) -> Counts {
        // A place with no record here has no slot, or a slot of 0.
        let named = |interner: &Interner<'_>, counts: &[u32]| {
            (0u32..)
                .zip(counts)
                .filter(|(_, count)| **count > 0)
                .map(|(number, count)| (interner.name(number).to_owned(), *count))
                .collect::<BTreeMap<String, u32>>()
        };
        let by_business_area = named(&names.areas, &self.by_area);
        let by_site = named(&names.sites, &self.by_site);
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
            decisions: self.decisions.decisions(names),
        }
    }
}

/// Adds `by` to the count numbered `number`, the list grown to hold it.
fn bump(counts: &mut Vec<u32>, number: u32, by: u32) {
    let Ok(index) = usize::try_from(number) else {
        return;
    };
    if counts.len() <= index {
        counts.resize(index.saturating_add(1), 0);
    }
    if let Some(slot) = counts.get_mut(index) {
        *slot = slot.saturating_add(by);
    }
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

/// Step 3: each entry counted in its quarter's slot (`slot_of`, slots
/// `0..=quarter_count`), and where it falls against `period`, the first and
/// last days.
pub(super) fn tally_quarters(
    entries: &[Entry<'_>],
    rejected: u32,
    quarter_count: usize,
    slot_of: &dyn Fn(Date) -> Option<usize>,
    period: (Date, Date),
) -> (RecordTally, Vec<Tally>) {
    let (period_start, period_end) = period;
    let mut tallies: Vec<Tally> = (0..=quarter_count).map(|_| Tally::default()).collect();
    let mut tally = RecordTally {
        received: count_of(entries.len()).saturating_add(rejected),
        rejected,
        ..RecordTally::default()
    };
    for entry in entries {
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
    (tally, tallies)
}

/// Step 4: each quarter of the period from `first`, with its change from the
/// slot before; and the period's totals.
pub(super) fn quarter_summaries(
    tallies: &[Tally],
    first: Quarter,
    names: &Names<'_>,
) -> (Tally, Vec<QuarterSummary>) {
    let mut totals = Tally::default();
    let mut quarters = Vec::with_capacity(tallies.len().saturating_sub(1));
    let mut quarter = first;
    for pair in tallies.windows(2) {
        if let [previous, now] = pair {
            totals.merge(now);
            quarters.push(QuarterSummary {
                quarter: QuarterSpan::of(quarter),
                counts: now.counts(names),
                change: change(quarter.previous(), previous, now),
            });
        }
        quarter = quarter.next();
    }
    (totals, quarters)
}
