//! Property tests for the incident register's trend report, checked against a
//! brute-force reference written here from the documented defaults
//! (domain-facts gap 15): financial-year quarters, 2 or more breaches by one
//! person within 12 months, 3 or more people in one business area or site in a
//! quarter. Also: group counts add up to totals, the report does not depend on
//! the order of the records, adding a record never lowers any count, and no
//! request makes the JSON entry point fail with an internal error.
//!
//! The reference has its own calendar arithmetic (`common::calendar`) and its
//! own reading of the rules; it is quadratic, which is fine at these sizes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use proptest::prelude::*;
use serde_json::Value;
use spf_core::case::DecisionAction;
use spf_core::register::{
    Departures, HotspotScope, IncidentRecord, RecordedOutcome, TrendReport, TrendRequest,
};
use spf_core::{BreachKind, Date, Engine, ErrorCode, Level, json};

use common::calendar::{Ymd, add_days, date, days_in_month, ymd};

static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::moj_default);

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

const AREAS: [&str; 3] = ["HMCTS", "HMPPS", "OPG"];
const SITES: [&str; 3] = ["MOJ-BHM-0003", "MOJ-LDN-0001", "MOJ-MAN-0002"];
const PEOPLE: [&str; 6] = ["P-1", "P-2", "P-3", "P-4", "P-5", "P-6"];
const KINDS: [BreachKind; 3] = [
    BreachKind::LossOfPass,
    BreachKind::WorkstationLeftUnlocked,
    BreachKind::SecurityCabinetNotLocked,
];

/// A record with fields drawn from small sets, so that people repeat and
/// places collect several people; dates between 2024-10-01 and 2027-06-30.
fn arb_record() -> impl Strategy<Value = IncidentRecord> {
    (
        0i64..1003,
        0usize..3,
        0usize..4,
        0usize..8,
        0usize..3,
        0usize..5,
        0i64..5,
    )
        .prop_map(|(offset, area, site, person, kind, level, delay)| {
            let occurred = date(add_days((2024, 10, 1), offset).unwrap());
            let recorded = date(add_days(ymd(occurred), delay).unwrap());
            IncidentRecord {
                id: String::new(),
                occurred,
                identified: None,
                recorded,
                business_area: AREAS[area].into(),
                site: SITES.get(site).map(|s| (*s).to_owned()),
                person: PEOPLE.get(person).map(|p| (*p).to_owned()),
                kind: KINDS[kind],
                marking: None,
                level: [Level::Minor, Level::Serious, Level::Gross]
                    .get(level)
                    .copied(),
                report: None,
                // Levels 3 and 4 stand for near misses.
                near_miss: level >= 3,
                outcome: None,
            }
        })
        .prop_flat_map(|record| {
            // A breach may carry its case's outcome: a level decided some
            // days after the breach.
            let decided = proptest::option::of((0usize..3, 0u32..90, 0usize..5));
            (Just(record), decided)
        })
        .prop_map(|(mut record, decided)| {
            if let (false, Some((level, days, action))) = (record.near_miss, decided) {
                record.outcome = Some(RecordedOutcome {
                    decided: record.occurred.days_after(days).unwrap(),
                    level: [Level::Minor, Level::Serious, Level::Gross][level],
                    action: DecisionAction::ALL[action],
                });
            }
            record
        })
}

fn arb_records(max: usize) -> impl Strategy<Value = Vec<IncidentRecord>> {
    prop::collection::vec(arb_record(), 0..max).prop_map(number)
}

fn number(mut records: Vec<IncidentRecord>) -> Vec<IncidentRecord> {
    for (i, r) in records.iter_mut().enumerate() {
        r.id = format!("INC-{i:04}");
    }
    records
}

/// A period: from a day in 2025-01-01..2026-12-31, one to five quarters long.
fn arb_period() -> impl Strategy<Value = (Date, Date)> {
    (0i64..730, 0i64..460).prop_map(|(start, length)| {
        let from = add_days((2025, 1, 1), start).unwrap();
        (date(from), date(add_days(from, length).unwrap()))
    })
}

/// The report owns its texts: the request it borrows them from is gone.
fn report(records: Vec<IncidentRecord>, (from, to): (Date, Date)) -> TrendReport<'static> {
    ENGINE
        .trend_report_request(&TrendRequest {
            schema_version: None,
            from,
            to,
            records,
        })
        .map(TrendReport::into_owned)
        .unwrap()
}

// ---------------------------------------------------------------------------
// The reference.
// ---------------------------------------------------------------------------

/// The same day `months` earlier, clamped to the month's end.
fn months_before((year, month, day): Ymd, months: u32) -> Ymd {
    let index = year * 12 + month as i32 - 1 - months as i32;
    let (y, m) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
    (y, m, day.min(days_in_month(y, m)))
}

/// Financial-year quarters (April, July, October, January) covering the period:
/// each quarter's first and last day.
fn reference_quarters(from: Ymd, to: Ymd) -> Vec<(Ymd, Ymd)> {
    let start_month = |(y, m, _): Ymd| (y, m - (m - 1) % 3, 1);
    let mut quarters = Vec::new();
    let mut start = start_month(from);
    while start <= to {
        let (y, m, _) = start;
        let next = if m == 10 {
            (y + 1, 1, 1)
        } else {
            (y, m + 3, 1)
        };
        quarters.push((start, add_days(next, -1).unwrap()));
        start = next;
    }
    quarters
}

struct Reference {
    quarters: Vec<(Ymd, Ymd, u32, u32, [u32; 3])>,
    repeats: BTreeMap<String, (Date, u32)>,
    hotspots: BTreeSet<(Ymd, HotspotScope, String, u32, u32)>,
}

fn reference(records: &[IncidentRecord], (from, to): (Date, Date)) -> Reference {
    let quarters = reference_quarters(ymd(from), ymd(to));
    let (period_start, period_end) = (quarters[0].0, quarters.last().unwrap().1);
    let when = |r: &IncidentRecord| ymd(r.occurred);
    let mut summary = Vec::new();
    let mut hotspots = BTreeSet::new();
    for &(start, end) in &quarters {
        let inside: Vec<&IncidentRecord> = records
            .iter()
            .filter(|r| start <= when(r) && when(r) <= end)
            .collect();
        let near = inside.iter().filter(|r| r.near_miss).count() as u32;
        let mut levels = [0u32; 3];
        for r in inside.iter().filter(|r| !r.near_miss) {
            levels[r.level.unwrap() as usize] += 1;
        }
        summary.push((start, end, inside.len() as u32, near, levels));
        let breaches: Vec<&&IncidentRecord> = inside.iter().filter(|r| !r.near_miss).collect();
        let mut places: BTreeMap<(HotspotScope, String), (BTreeSet<String>, u32)> = BTreeMap::new();
        for r in &breaches {
            let mut keys = vec![(HotspotScope::BusinessArea, r.business_area.clone())];
            if let Some(site) = &r.site {
                keys.push((HotspotScope::Site, site.clone()));
            }
            for key in keys {
                let place = places.entry(key).or_default();
                place.1 += 1;
                if let Some(p) = &r.person {
                    place.0.insert(p.clone());
                }
            }
        }
        for ((scope, name), (people, breaches)) in places {
            if people.len() >= 3 {
                hotspots.insert((start, scope, name, people.len() as u32, breaches));
            }
        }
    }
    let mut repeats = BTreeMap::new();
    for person in PEOPLE {
        let mine: Vec<Ymd> = records
            .iter()
            .filter(|r| !r.near_miss && r.person.as_deref() == Some(person))
            .map(when)
            .collect();
        let mut days: Vec<Ymd> = mine
            .iter()
            .copied()
            .filter(|d| period_start <= *d && *d <= period_end)
            .collect();
        days.sort_unstable();
        let mut first = None;
        let mut most = 0;
        for d in days {
            let window = months_before(d, 12);
            let n = mine.iter().filter(|e| window <= **e && **e <= d).count() as u32;
            most = most.max(n);
            if n >= 2 && first.is_none() {
                first = Some(date(d));
            }
        }
        if let Some(first) = first {
            repeats.insert(person.to_owned(), (first, most));
        }
    }
    Reference {
        quarters: summary,
        repeats,
        hotspots,
    }
}

/// Every count in a report, by a stable name, for comparing two reports.
fn all_counts(report: &TrendReport) -> BTreeMap<String, i64> {
    let mut out = BTreeMap::new();
    let mut add_counts = |prefix: &str, value: &Value| {
        flatten(prefix, value, &mut out);
    };
    add_counts("totals", &serde_json::to_value(&report.totals).unwrap());
    for q in &report.quarters {
        add_counts(&q.quarter.label, &serde_json::to_value(&q.counts).unwrap());
    }
    for r in &report.repeat_individuals {
        out.insert(
            format!("repeat {} most", r.person),
            i64::from(r.most_in_window),
        );
        out.insert(
            format!("repeat {} in period", r.person),
            i64::from(r.breaches_in_period),
        );
    }
    for h in &report.hotspots {
        out.insert(
            format!("hotspot {} {:?} {} people", h.quarter, h.scope, h.name),
            i64::from(h.distinct_people),
        );
        out.insert(
            format!("hotspot {} {:?} {} breaches", h.quarter, h.scope, h.name),
            i64::from(h.breaches),
        );
    }
    out
}

fn flatten(prefix: &str, value: &Value, out: &mut BTreeMap<String, i64>) {
    match value {
        Value::Number(n) => {
            out.insert(prefix.to_owned(), n.as_i64().unwrap());
        }
        Value::Object(map) => {
            // A median is not a count: one more decision may move it either way.
            for (k, v) in map
                .iter()
                .filter(|(k, _)| k.as_str() != "medianDaysToDecision")
            {
                flatten(&format!("{prefix}/{k}"), v, out);
            }
        }
        _ => {}
    }
}

fn sum(map: &std::collections::BTreeMap<String, u32>) -> u32 {
    map.values().sum()
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn agrees_with_the_reference(records in arb_records(60), period in arb_period()) {
        let answer = report(records.clone(), period);
        let expected = reference(&records, period);
        let got: Vec<(Ymd, Ymd, u32, u32, [u32; 3])> = answer
            .quarters
            .iter()
            .map(|q| {
                let c = &q.counts;
                (ymd(q.quarter.start), ymd(q.quarter.end), c.total, c.near_misses,
                 [c.by_level.minor, c.by_level.serious, c.by_level.gross])
            })
            .collect();
        prop_assert_eq!(got, expected.quarters);
        let repeats: BTreeMap<String, (Date, u32)> = answer
            .repeat_individuals
            .iter()
            .map(|r| (r.person.to_string(), (r.first_reached, r.most_in_window)))
            .collect();
        prop_assert_eq!(repeats, expected.repeats);
        let starts: BTreeMap<&str, Ymd> = answer
            .quarters
            .iter()
            .map(|q| (q.quarter.label.as_str(), ymd(q.quarter.start)))
            .collect();
        let hotspots: BTreeSet<(Ymd, HotspotScope, String, u32, u32)> = answer
            .hotspots
            .iter()
            .map(|h| (starts[h.quarter.as_str()], h.scope, h.name.to_string(), h.distinct_people, h.breaches))
            .collect();
        prop_assert_eq!(hotspots, expected.hotspots);
    }

    #[test]
    fn group_counts_add_up_to_the_totals(records in arb_records(80), period in arb_period()) {
        let answer = report(records, period);
        let mut quarter_total = 0;
        for counts in answer.quarters.iter().map(|q| &q.counts).chain([&answer.totals]) {
            prop_assert_eq!(counts.by_level.total(), counts.breaches);
            prop_assert_eq!(counts.breaches + counts.near_misses, counts.total);
            prop_assert_eq!(counts.by_kind.values().sum::<u32>(), counts.total);
            prop_assert_eq!(sum(&counts.by_business_area), counts.total);
            prop_assert_eq!(sum(&counts.by_site) + counts.without_site, counts.total);
        }
        for q in &answer.quarters {
            quarter_total += q.counts.total;
        }
        prop_assert_eq!(quarter_total, answer.totals.total);
        prop_assert_eq!(answer.totals.total, answer.records.in_period);
        let r = &answer.records;
        prop_assert_eq!(r.in_period + r.before_period + r.after_period + r.rejected, r.received);
        // Each quarter's change is its total less the previous quarter's.
        for pair in answer.quarters.windows(2) {
            prop_assert_eq!(pair[1].change.previous_total, pair[0].counts.total);
            prop_assert_eq!(
                pair[1].change.total,
                i64::from(pair[1].counts.total) - i64::from(pair[0].counts.total)
            );
        }
    }

    /// Each quarter's and the period's decisions, counted by hand: every
    /// breach of the quarter with an outcome, its level against the recorded
    /// one, by kind and business area, and the lower median of the days.
    #[test]
    fn decisions_agree_with_a_count_by_hand(records in arb_records(80), period in arb_period()) {
        let answer = report(records.clone(), period);
        let by_hand = |start: Date, end: Date| {
            let mut all = Departures::default();
            let mut by_kind: BTreeMap<BreachKind, Departures> = BTreeMap::new();
            let mut by_area: BTreeMap<String, Departures> = BTreeMap::new();
            let mut days = Vec::new();
            for record in &records {
                let (Some(recommended), Some(outcome)) = (record.level, record.outcome) else {
                    continue;
                };
                if record.occurred < start || record.occurred > end {
                    continue;
                }
                let bump = |d: &mut Departures| match outcome.level.cmp(&recommended) {
                    std::cmp::Ordering::Less => d.lower += 1,
                    std::cmp::Ordering::Equal => d.same += 1,
                    std::cmp::Ordering::Greater => d.higher += 1,
                };
                bump(&mut all);
                bump(by_kind.entry(record.kind).or_default());
                bump(by_area.entry(record.business_area.clone()).or_default());
                days.push(u32::try_from(outcome.decided.days_since(record.occurred)).unwrap());
            }
            days.sort_unstable();
            let median = (!days.is_empty()).then(|| days[(days.len() - 1) / 2]);
            (all, by_kind, by_area, median)
        };
        for (start, end, decisions) in answer
            .quarters
            .iter()
            .map(|q| (q.quarter.start, q.quarter.end, &q.counts.decisions))
            .chain([(answer.from, answer.to, &answer.totals.decisions)])
        {
            let (all, by_kind, by_area, median) = by_hand(start, end);
            prop_assert_eq!(decisions.departures, all);
            prop_assert_eq!(decisions.decided, all.total());
            prop_assert_eq!(&decisions.by_kind, &by_kind);
            prop_assert_eq!(&decisions.by_business_area, &by_area);
            prop_assert_eq!(decisions.median_days_to_decision, median);
        }
    }

    #[test]
    fn the_report_does_not_depend_on_record_order(
        (records, shuffled) in arb_records(60).prop_flat_map(|r| {
            let shuffled = Just(r.clone()).prop_shuffle();
            (Just(r), shuffled)
        }),
        period in arb_period(),
    ) {
        let a = serde_json::to_string(&report(records, period)).unwrap();
        let b = serde_json::to_string(&report(shuffled, period)).unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn adding_a_record_never_lowers_any_count(
        records in arb_records(60),
        extra in arb_record(),
        period in arb_period(),
    ) {
        let before = report(records.clone(), period);
        let mut more = records;
        let mut extra = extra;
        extra.id = "INC-EXTRA".into();
        more.push(extra);
        let after = report(more, period);
        let (old, new) = (all_counts(&before), all_counts(&after));
        for (name, value) in &old {
            if name.contains("/change/") {
                continue;
            }
            let now = new.get(name).copied().unwrap_or(0);
            prop_assert!(now >= *value, "{} went from {} to {}", name, value, now);
        }
        for r in &before.repeat_individuals {
            prop_assert!(after.repeat_individuals.iter().any(|a| a.person == r.person));
        }
        prop_assert!(after.hotspots.len() >= before.hotspots.len());
    }

    /// Any text in any field of a record is either used or rejected with a
    /// code; nothing panics and nothing is an internal error.
    #[test]
    fn arbitrary_field_values_never_give_internal_errors(
        field in prop::sample::select(vec![
            "id", "occurred", "identified", "recorded", "businessArea", "site",
            "person", "kind", "marking", "level", "report", "nearMiss",
        ]),
        value in prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            "[ -~]{0,12}".prop_map(Value::String),
            Just(serde_json::json!({"kind": "lossOfPass"})),
            Just(serde_json::json!([1, 2])),
            Just(Value::String("2024-02-29".into())),
        ],
        period in arb_period(),
    ) {
        let mut record = serde_json::json!({
            "id": "A", "occurred": "2026-04-02", "recorded": "2026-04-03",
            "businessArea": "HMCTS", "kind": "lossOfPass", "level": "minor"
        });
        record[field] = value;
        let request = serde_json::json!({
            "from": period.0.to_string(), "to": period.1.to_string(), "records": [record]
        });
        match json::trend_report(&ENGINE, &request.to_string()) {
            Ok(text) => {
                let answer: Value = serde_json::from_str(&text).unwrap();
                prop_assert_eq!(answer["records"]["received"].as_u64(), Some(1));
            }
            Err(error) => prop_assert_ne!(error.code, ErrorCode::Internal),
        }
    }
}
