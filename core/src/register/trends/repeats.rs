//! Repeat individuals: people with several breaches inside the rolling window.

use std::borrow::Cow;

use crate::date::Date;
use crate::policy::Policy;
use crate::register::trends::{
    Entry, NO_PERSON, People, RecordRef, RepeatIndividual, count_of, exact,
};

/// The people whose counted breaches inside one rolling window, ending on a
/// breach in the period, reach the policy's minimum; by person.
pub(super) fn repeat_individuals<'r>(
    policy: &Policy,
    entries: &[Entry<'r>],
    people: &People,
    period_start: Date,
    period_end: Date,
) -> Vec<RepeatIndividual<'r>> {
    let rules = &policy.incidents.repeat_individuals;
    let look_back = period_start
        .months_before(rules.window_months)
        .unwrap_or(Date::EARLIEST);
    let minimum = usize::try_from(rules.minimum_breaches).unwrap_or(usize::MAX);
    let id = |position: usize| entries.get(position).map_or("", |e| e.record.id.as_str());
    let mut found = Vec::new();
    // For each breach reported, its entry's position, its person's place in
    // `found` and its place in their records.
    let mut pending: Vec<(usize, usize, usize)> = Vec::new();
    // One person's counted breaches from one window before the period to its
    // end, by date, then id.
    let mut breaches: Vec<(Date, usize)> = Vec::new();
    for group in people.groups() {
        if group.len() < minimum {
            continue;
        }
        breaches.clear();
        breaches.extend(group.iter().filter_map(|m| {
            let counted = m.breach || rules.count_near_misses;
            (counted && look_back <= m.date && m.date <= period_end).then_some((m.date, m.position))
        }));
        if breaches.len() < minimum {
            continue;
        }
        breaches.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| id(a.1).cmp(id(b.1))));
        let mut first_reached = None;
        let mut most = 0usize;
        let mut in_period = 0u32;
        // The window is [low, high): both ends only move forward, so one
        // person's breaches are scanned once however many share a day.
        let mut low = 0usize;
        let mut high = 0usize;
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
            high = high.max(i + 1);
            while breaches.get(high).is_some_and(|(d, _)| d == date) {
                high += 1;
            }
            let in_window = high.saturating_sub(low);
            most = most.max(in_window);
            if in_window >= minimum && first_reached.is_none() {
                first_reached = Some(*date);
            }
        }
        let Some(first_reached) = first_reached else {
            continue;
        };
        let individual = found.len();
        pending.extend(
            breaches
                .iter()
                .enumerate()
                .map(|(slot, (_, position))| (*position, individual, slot)),
        );
        found.push((
            NO_PERSON,
            RepeatIndividual {
                person: Cow::Borrowed(""),
                first_reached,
                most_in_window: count_of(most),
                breaches_in_period: in_period,
                records: breaches
                    .iter()
                    .map(|(date, _)| RecordRef {
                        date: *date,
                        id: Cow::Borrowed(""),
                    })
                    .collect(),
            },
        ));
    }
    // The ids and the people's names are borrowed last, in the entries'
    // order: that is the request's, in which its records mostly lie in
    // memory, where reading them person by person would jump about the whole
    // register.
    pending.sort_unstable();
    for (position, individual, slot) in pending {
        let (Some(entry), Some((key, found))) = (entries.get(position), found.get_mut(individual))
        else {
            continue;
        };
        // Every breach of a person names the same person.
        if slot == 0 {
            found.person = Cow::Borrowed(entry.person());
            *key = entry.person_key;
        }
        if let Some(record) = found.records.get_mut(slot) {
            record.id = Cow::Borrowed(&entry.record.id);
        }
    }
    // By person id: two ids that are their own keys compare as their keys do,
    // without reading the texts.
    found.sort_unstable_by(|(a_key, a), (b_key, b)| {
        if exact(*a_key) && exact(*b_key) {
            a_key.cmp(b_key)
        } else {
            a.person.cmp(&b.person)
        }
    });
    found.into_iter().map(|(_, found)| found).collect()
}
