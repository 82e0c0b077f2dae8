//! Hotspots: business areas and sites with breaches by several people in one
//! quarter.

use std::borrow::Cow;

use crate::date::Date;
use crate::policy::Policy;
use crate::register::quarter::Quarter;
use crate::register::trends::{
    Entry, Hotspot, HotspotScope, NOBODY, Names, People, Place, count_of, place, scope_of,
};

/// The business areas and sites where enough distinct people had counted
/// breaches in one quarter of the period; by quarter, scope, then name.
pub(super) fn hotspots<'r>(
    policy: &Policy,
    entries: &[Entry<'r>],
    people: &People,
    names: &Names<'r>,
    first: Quarter,
    quarter_count: usize,
    slot_of: &dyn Fn(Date) -> Option<usize>,
) -> Vec<Hotspot<'r>> {
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
        // The group is sorted, so each person's rows are together.
        let distinct = group
            .chunk_by(|a, b| *a as u32 == *b as u32)
            .filter(|same| same.first().is_some_and(|row| *row as u32 != NOBODY))
            .count();
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
                    name: Cow::Borrowed(names.place(place)),
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
