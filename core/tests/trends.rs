//! Golden cases for the incident register's trend report (POLSBP002; the
//! thresholds are configurable defaults, domain-facts gap 15): quarter
//! boundaries (31 March / 1 April, leap years), the previous-quarter change,
//! repeat individuals at the edge of the rolling window, hotspots, and records
//! rejected with their index, code and path.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{Value, json};
use spf_core::register::{HotspotScope, IncidentRecord, TrendReport, TrendRequest};
use spf_core::{BreachKind, Date, Engine, ErrorCode, Level, Policy, json as spf_json};

fn day(text: &str) -> Date {
    text.parse().unwrap()
}

/// A minor breach by `person` in `area` on `occurred` (recorded the same day).
fn record(id: &str, occurred: &str, area: &str, person: Option<&str>) -> IncidentRecord {
    IncidentRecord {
        id: id.into(),
        occurred: day(occurred),
        identified: None,
        recorded: day(occurred),
        business_area: area.into(),
        site: None,
        person: person.map(Into::into),
        kind: BreachKind::LossOfPass,
        marking: None,
        level: Some(Level::Minor),
        report: None,
        near_miss: false,
        outcome: None,
    }
}

fn at_site(mut r: IncidentRecord, site: &str) -> IncidentRecord {
    r.site = Some(site.into());
    r
}

fn with_level(mut r: IncidentRecord, level: Level) -> IncidentRecord {
    r.level = Some(level);
    r
}

fn near_miss(mut r: IncidentRecord) -> IncidentRecord {
    r.near_miss = true;
    r.level = None;
    r
}

/// The report owns its texts: the request it borrows them from is gone.
fn report(
    engine: &Engine,
    from: &str,
    to: &str,
    records: Vec<IncidentRecord>,
) -> TrendReport<'static> {
    engine
        .trend_report_request(&TrendRequest {
            schema_version: None,
            from: day(from),
            to: day(to),
            records,
        })
        .map(TrendReport::into_owned)
        .unwrap()
}

fn labels<'a>(report: &'a TrendReport<'_>) -> Vec<&'a str> {
    report
        .quarters
        .iter()
        .map(|q| q.quarter.label.as_str())
        .collect()
}

fn totals(report: &TrendReport) -> Vec<u32> {
    report.quarters.iter().map(|q| q.counts.total).collect()
}

fn engine_with(change: impl FnOnce(&mut Policy)) -> Engine {
    let mut policy = Policy::moj_default();
    change(&mut policy);
    Engine::new(policy).unwrap()
}

fn repeat_people<'a>(report: &'a TrendReport<'_>) -> Vec<&'a str> {
    report
        .repeat_individuals
        .iter()
        .map(|r| r.person.as_ref())
        .collect()
}

#[test]
fn thirty_first_march_and_first_april_are_different_financial_quarters() {
    let engine = Engine::moj_default();
    let answer = report(
        &engine,
        "2026-01-01",
        "2026-06-30",
        vec![
            record("A", "2026-03-31", "HMCTS", None),
            record("B", "2026-04-01", "HMCTS", None),
            record("C", "2026-04-01", "HMCTS", None),
        ],
    );
    assert_eq!(labels(&answer), ["2025-26 Q4", "2026-27 Q1"]);
    assert_eq!(totals(&answer), [1, 2]);
    assert_eq!(answer.quarters[0].quarter.end, day("2026-03-31"));
    assert_eq!(answer.quarters[1].quarter.start, day("2026-04-01"));
    assert_eq!(
        (answer.from, answer.to),
        (day("2026-01-01"), day("2026-06-30"))
    );
}

#[test]
fn calendar_quarters_when_the_year_starts_in_january() {
    let engine = engine_with(|p| p.incidents.quarters.year_starts_in_month = 1);
    let answer = report(
        &engine,
        "2026-03-31",
        "2026-04-01",
        vec![
            record("A", "2026-03-31", "HMCTS", None),
            record("B", "2026-04-01", "HMCTS", None),
        ],
    );
    assert_eq!(labels(&answer), ["2026 Q1", "2026 Q2"]);
    assert_eq!(totals(&answer), [1, 1]);
}

#[test]
fn a_period_is_widened_to_whole_quarters() {
    let engine = Engine::moj_default();
    let answer = report(
        &engine,
        "2026-05-15",
        "2026-05-16",
        vec![
            record("A", "2026-04-01", "HMCTS", None),
            record("B", "2026-06-30", "HMCTS", None),
            record("C", "2026-07-01", "HMCTS", None),
        ],
    );
    assert_eq!(labels(&answer), ["2026-27 Q1"]);
    assert_eq!(
        (answer.from, answer.to),
        (day("2026-04-01"), day("2026-06-30"))
    );
    assert_eq!(answer.records.in_period, 2);
    assert_eq!(answer.records.after_period, 1);
}

#[test]
fn leap_day_falls_in_the_last_quarter_of_the_financial_year() {
    let engine = Engine::moj_default();
    let answer = report(
        &engine,
        "2024-01-01",
        "2024-04-30",
        vec![
            record("A", "2024-02-29", "HMCTS", None),
            record("B", "2024-03-31", "HMCTS", None),
            record("C", "2024-04-01", "HMCTS", None),
        ],
    );
    assert_eq!(labels(&answer), ["2023-24 Q4", "2024-25 Q1"]);
    assert_eq!(totals(&answer), [2, 1]);
}

#[test]
fn the_quarter_date_can_be_the_recorded_date() {
    let engine = engine_with(|p| {
        p.incidents.quarters.date_basis = spf_core::policy::IncidentDate::Recorded;
    });
    let mut late = record("A", "2026-03-30", "HMCTS", None);
    late.recorded = day("2026-04-02");
    let answer = report(&engine, "2026-01-01", "2026-06-30", vec![late]);
    assert_eq!(totals(&answer), [0, 1]);
}

#[test]
fn change_against_the_previous_quarter_counts_records_before_the_period() {
    let engine = Engine::moj_default();
    let answer = report(
        &engine,
        "2026-04-01",
        "2026-09-30",
        vec![
            // 2025-26 Q4, before the period: 2 minor, 1 gross.
            record("A", "2026-01-05", "HMCTS", None),
            record("B", "2026-02-05", "HMCTS", None),
            with_level(record("C", "2026-03-05", "HMCTS", None), Level::Gross),
            // 2026-27 Q1: 1 serious, 1 near miss.
            with_level(record("D", "2026-04-05", "HMCTS", None), Level::Serious),
            near_miss(record("E", "2026-05-05", "HMCTS", None)),
            // 2026-27 Q2: 3 minor.
            record("F", "2026-07-05", "HMCTS", None),
            record("G", "2026-08-05", "HMCTS", None),
            record("H", "2026-09-30", "HMCTS", None),
        ],
    );
    let q1 = &answer.quarters[0];
    assert_eq!(q1.change.previous_quarter, "2025-26 Q4");
    assert_eq!(q1.change.previous_total, 3);
    assert_eq!(
        (q1.change.total, q1.change.breaches, q1.change.near_misses),
        (-1, -2, 1)
    );
    assert_eq!(
        (q1.change.minor, q1.change.serious, q1.change.gross),
        (-2, 1, -1)
    );
    let q2 = &answer.quarters[1];
    assert_eq!(q2.change.previous_quarter, "2026-27 Q1");
    assert_eq!((q2.change.total, q2.change.minor), (1, 3));
    assert_eq!(answer.totals.total, 5);
    assert_eq!(answer.totals.breaches, 4);
    assert_eq!(answer.totals.near_misses, 1);
    assert_eq!(answer.records.before_period, 3);
}

#[test]
fn counts_by_level_kind_business_area_and_site() {
    let engine = Engine::moj_default();
    let mut secret = with_level(record("C", "2026-04-03", "HMPPS", None), Level::Gross);
    secret.kind = BreachKind::SecretMaterialCompromisedThroughNegligence;
    let answer = report(
        &engine,
        "2026-04-01",
        "2026-06-30",
        vec![
            at_site(record("A", "2026-04-01", "HMCTS", None), "MOJ-LDN-0001"),
            at_site(record("B", "2026-04-02", "HMCTS", None), "MOJ-LDN-0001"),
            secret,
            near_miss(at_site(
                record("D", "2026-04-04", "HMPPS", None),
                "MOJ-BHM-0003",
            )),
        ],
    );
    let counts = &answer.quarters[0].counts;
    let as_json = serde_json::to_value(counts).unwrap();
    assert_eq!(
        as_json,
        json!({
            "total": 4, "breaches": 3, "nearMisses": 1,
            "byLevel": {"minor": 2, "serious": 0, "gross": 1},
            "byKind": {"lossOfPass": 3, "secretMaterialCompromisedThroughNegligence": 1},
            "byBusinessArea": {"HMCTS": 2, "HMPPS": 2},
            "bySite": {"MOJ-BHM-0003": 1, "MOJ-LDN-0001": 2},
            "withoutSite": 1,
            "decisions": {"decided": 0, "departures": {"lower": 0, "same": 0, "higher": 0},
                          "byKind": {}, "byBusinessArea": {}}
        })
    );
    assert_eq!(&answer.totals, counts);
}

#[test]
fn decisions_are_set_against_the_recommendations_by_quarter_kind_and_area() {
    use spf_core::case::DecisionAction;
    use spf_core::register::RecordedOutcome;
    let engine = Engine::moj_default();
    let decided = |mut record: IncidentRecord, on: &str, level: Level| {
        record.outcome = Some(RecordedOutcome {
            decided: on.parse().unwrap(),
            level,
            action: DecisionAction::Informal,
        });
        record
    };
    let mut identified_later = record("C", "2026-04-03", "HMPPS", None);
    identified_later.identified = Some("2026-04-13".parse().unwrap());
    identified_later.recorded = "2026-04-13".parse().unwrap();
    let answer = report(
        &engine,
        "2026-04-01",
        "2026-09-30",
        vec![
            // Recommended minor (a lost pass): as recommended after 9 days,
            // higher after 20, as recommended 7 days after its identification.
            decided(
                record("A", "2026-04-01", "HMCTS", None),
                "2026-04-10",
                Level::Minor,
            ),
            decided(
                record("B", "2026-04-02", "HMCTS", None),
                "2026-04-22",
                Level::Serious,
            ),
            decided(identified_later, "2026-04-20", Level::Minor),
            // Not decided yet: not counted.
            record("D", "2026-04-04", "HMPPS", None),
            // The next quarter: a gross breach decided serious after 30 days.
            decided(
                {
                    let mut gross =
                        with_level(record("E", "2026-07-01", "OPG", None), Level::Gross);
                    gross.kind = BreachKind::SecretMaterialCompromisedThroughNegligence;
                    gross
                },
                "2026-07-31",
                Level::Serious,
            ),
        ],
    );
    let first = serde_json::to_value(&answer.quarters[0].counts.decisions).unwrap();
    assert_eq!(
        first,
        json!({"decided": 3, "departures": {"lower": 0, "same": 2, "higher": 1},
               "medianDaysToDecision": 9,
               "byKind": {"lossOfPass": {"lower": 0, "same": 2, "higher": 1}},
               "byBusinessArea": {"HMCTS": {"lower": 0, "same": 1, "higher": 1},
                                  "HMPPS": {"lower": 0, "same": 1, "higher": 0}}})
    );
    let period = &answer.totals.decisions;
    assert_eq!((period.decided, period.departures.lower), (4, 1));
    // Days 9, 20, 7 and 30: the lower of the two middle ones.
    assert_eq!(period.median_days_to_decision, Some(9));
    let reason = answer
        .reasons
        .iter()
        .find(|r| r.rule_id() == "trends.decisions")
        .unwrap();
    let mut explained = String::new();
    spf_core::Step::explain(&reason.step, &mut explained).unwrap();
    assert_eq!(
        explained,
        "of 4 breaches in the period with the manager's decision recorded, 2 were decided as recommended, 1 lower and 1 higher; where managers keep departing from the recommendation, the guidance may need review; the median time from identification to decision was 9 days"
    );
    // An outcome dated before the breach was identified, or on a near miss,
    // is refused with the record's pointer.
    let early = decided(
        record("F", "2026-04-05", "HMCTS", None),
        "2026-04-04",
        Level::Minor,
    );
    let miss = decided(
        near_miss(record("G", "2026-04-05", "HMCTS", None)),
        "2026-04-06",
        Level::Minor,
    );
    let answer = report(&engine, "2026-04-01", "2026-06-30", vec![early, miss]);
    let refused: Vec<(&str, ErrorCode)> = answer
        .rejected
        .iter()
        .map(|r| (r.error.path.as_str(), r.error.code))
        .collect();
    assert_eq!(
        refused,
        [
            ("/records/0/outcome/decided", ErrorCode::DateOutOfOrder),
            ("/records/1/outcome", ErrorCode::InvalidType)
        ]
    );
}

#[test]
fn two_breaches_within_twelve_months_make_a_repeat_individual() {
    let engine = Engine::moj_default();
    let answer = report(
        &engine,
        "2026-04-01",
        "2027-03-31",
        vec![
            // Exactly twelve months apart: inside the window (inclusive).
            record("A1", "2025-04-10", "HMCTS", Some("P-A")),
            record("A2", "2026-04-10", "HMCTS", Some("P-A")),
            // Twelve months and a day: outside.
            record("B1", "2025-04-09", "HMCTS", Some("P-B")),
            record("B2", "2026-04-10", "HMCTS", Some("P-B")),
            // Two on one day.
            record("C2", "2026-06-01", "HMCTS", Some("P-C")),
            record("C1", "2026-06-01", "HMCTS", Some("P-C")),
            // Only one.
            record("D1", "2026-06-01", "HMCTS", Some("P-D")),
            // No person identified: never a repeat individual.
            record("E1", "2026-06-01", "HMCTS", None),
            record("E2", "2026-06-02", "HMCTS", None),
        ],
    );
    assert_eq!(repeat_people(&answer), ["P-A", "P-C"]);
    let a = &answer.repeat_individuals[0];
    assert_eq!(a.first_reached, day("2026-04-10"));
    assert_eq!((a.most_in_window, a.breaches_in_period), (2, 1));
    let ids: Vec<&str> = a.records.iter().map(|r| r.id.as_ref()).collect();
    assert_eq!(ids, ["A1", "A2"]);
    let c = &answer.repeat_individuals[1];
    let ids: Vec<&str> = c.records.iter().map(|r| r.id.as_ref()).collect();
    assert_eq!(ids, ["C1", "C2"], "same day: sorted by id");
    assert_eq!(c.first_reached, day("2026-06-01"));
}

#[test]
fn the_repeat_window_handles_leap_days() {
    let engine = Engine::moj_default();
    let answer = report(
        &engine,
        "2025-01-01",
        "2025-03-31",
        vec![
            // 28 February 2025 minus twelve months is 28 February 2024: the 29th
            // is inside.
            record("A1", "2024-02-29", "HMCTS", Some("P-A")),
            record("A2", "2025-02-28", "HMCTS", Some("P-A")),
            // 1 March 2025 minus twelve months is 1 March 2024: the 29th is out.
            record("B1", "2024-02-29", "HMCTS", Some("P-B")),
            record("B2", "2025-03-01", "HMCTS", Some("P-B")),
        ],
    );
    assert_eq!(repeat_people(&answer), ["P-A"]);
}

#[test]
fn a_repeat_needs_a_breach_inside_the_period() {
    let engine = Engine::moj_default();
    let answer = report(
        &engine,
        "2026-04-01",
        "2026-06-30",
        vec![
            record("A1", "2026-01-10", "HMCTS", Some("P-A")),
            record("A2", "2026-02-10", "HMCTS", Some("P-A")),
        ],
    );
    assert!(answer.repeat_individuals.is_empty());
}

#[test]
fn repeat_threshold_window_and_near_misses_are_configurable() {
    let records = vec![
        record("A1", "2026-04-10", "HMCTS", Some("P-A")),
        record("A2", "2026-05-10", "HMCTS", Some("P-A")),
        near_miss(record("A3", "2026-06-10", "HMCTS", Some("P-A"))),
    ];
    let default = report(
        &Engine::moj_default(),
        "2026-04-01",
        "2026-06-30",
        records.clone(),
    );
    assert_eq!(repeat_people(&default), ["P-A"]);
    assert_eq!(
        default.repeat_individuals[0].most_in_window, 2,
        "near miss not counted"
    );

    let three = engine_with(|p| p.incidents.repeat_individuals.minimum_breaches = 3);
    assert!(
        report(&three, "2026-04-01", "2026-06-30", records.clone())
            .repeat_individuals
            .is_empty()
    );

    let three_with_near_misses = engine_with(|p| {
        p.incidents.repeat_individuals.minimum_breaches = 3;
        p.incidents.repeat_individuals.count_near_misses = true;
    });
    let answer = report(
        &three_with_near_misses,
        "2026-04-01",
        "2026-06-30",
        records.clone(),
    );
    assert_eq!(repeat_people(&answer), ["P-A"]);
    assert_eq!(
        answer.repeat_individuals[0].first_reached,
        day("2026-06-10")
    );

    let short_window = engine_with(|p| p.incidents.repeat_individuals.window_months = 1);
    let answer = report(
        &short_window,
        "2026-04-01",
        "2026-06-30",
        vec![
            record("A1", "2026-04-10", "HMCTS", Some("P-A")),
            record("A2", "2026-05-11", "HMCTS", Some("P-A")),
        ],
    );
    assert!(answer.repeat_individuals.is_empty());
}

#[test]
fn three_people_in_one_area_in_one_quarter_make_a_hotspot() {
    let engine = Engine::moj_default();
    let answer = report(
        &engine,
        "2026-04-01",
        "2026-09-30",
        vec![
            // HMPPS, Q1: three people (one twice), one breach with no person.
            at_site(
                record("A", "2026-04-02", "HMPPS", Some("P-1")),
                "MOJ-BHM-0003",
            ),
            at_site(
                record("B", "2026-05-02", "HMPPS", Some("P-2")),
                "MOJ-BHM-0003",
            ),
            at_site(
                record("C", "2026-06-02", "HMPPS", Some("P-3")),
                "MOJ-BHM-0003",
            ),
            record("D", "2026-06-03", "HMPPS", Some("P-3")),
            record("E", "2026-06-04", "HMPPS", None),
            // HMCTS: two people with many breaches in Q1, a third in Q2.
            record("F", "2026-04-02", "HMCTS", Some("P-4")),
            record("G", "2026-04-03", "HMCTS", Some("P-4")),
            record("H", "2026-04-04", "HMCTS", Some("P-5")),
            record("I", "2026-07-04", "HMCTS", Some("P-6")),
            // A near miss does not count by default.
            near_miss(record("J", "2026-06-05", "HMCTS", Some("P-7"))),
        ],
    );
    let found: Vec<(&str, HotspotScope, &str, u32, u32)> = answer
        .hotspots
        .iter()
        .map(|h| {
            (
                h.quarter.as_str(),
                h.scope,
                h.name.as_ref(),
                h.distinct_people,
                h.breaches,
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("2026-27 Q1", HotspotScope::BusinessArea, "HMPPS", 3, 5),
            ("2026-27 Q1", HotspotScope::Site, "MOJ-BHM-0003", 3, 3),
        ]
    );

    let two = engine_with(|p| p.incidents.hotspots.minimum_distinct_people = 2);
    let answer = report(
        &two,
        "2026-04-01",
        "2026-06-30",
        vec![
            record("F", "2026-04-02", "HMCTS", Some("P-4")),
            record("H", "2026-04-04", "HMCTS", Some("P-5")),
        ],
    );
    assert_eq!(answer.hotspots.len(), 1);
    assert_eq!(answer.hotspots[0].name, "HMCTS");
}

#[test]
fn records_are_rejected_with_index_code_and_path_and_the_rest_are_kept() {
    let engine = Engine::moj_default();
    let good = r#"{"id":"A","occurred":"2026-04-02","recorded":"2026-04-03","businessArea":"HMCTS","kind":"lossOfPass","level":"minor"}"#;
    let cases: &[(&str, ErrorCode, &str)] = &[
        (
            r#"{"id":"B","occurred":"2026-04-02","recorded":"2026-04-01","businessArea":"HMCTS","kind":"lossOfPass","level":"minor"}"#,
            ErrorCode::DateOutOfOrder,
            "/records/1/recorded",
        ),
        (
            r#"{"id":"B","occurred":"2026-04-02","identified":"2026-04-01","recorded":"2026-04-05","businessArea":"HMCTS","kind":"lossOfPass","level":"minor"}"#,
            ErrorCode::DateOutOfOrder,
            "/records/1/identified",
        ),
        (
            r#"{"id":"B","occurred":"2026-04-02","recorded":"2026-04-03","businessArea":"HMCTS","kind":"lostMyPass","level":"minor"}"#,
            ErrorCode::UnknownValue,
            "/records/1/kind",
        ),
        (
            r#"{"id":"A","occurred":"2026-04-02","recorded":"2026-04-03","businessArea":"HMCTS","kind":"lossOfPass","level":"minor"}"#,
            ErrorCode::DuplicateEntry,
            "/records/1/id",
        ),
        (
            r#"{"id":"B","occurred":"2026-04-02","recorded":"2026-04-03","businessArea":"HMCTS","kind":"lossOfPass"}"#,
            ErrorCode::MissingField,
            "/records/1/level",
        ),
        (
            r#"{"id":"B","occurred":"2026-04-02","recorded":"2026-04-03","businessArea":" ","kind":"lossOfPass","level":"minor"}"#,
            ErrorCode::InvalidType,
            "/records/1/businessArea",
        ),
        (
            r#"{"id":"B","occurred":"2026-04-02","recorded":"2026-04-03","businessArea":"HMCTS","kind":"lossOfPass","level":"minor","severity":"low"}"#,
            ErrorCode::UnknownField,
            "/records/1/severity",
        ),
        (
            r#"{"id":"B","occurred":"2026-04-02","recorded":"2026-04-03","businessArea":"HMCTS","kind":"lossOfPass","report":{"kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-04-01","person":{"status":"employee","organisation":"moj"}}}"#,
            ErrorCode::DateOutOfOrder,
            "/records/1/report/occurred",
        ),
        (
            r#"{"id":"B","occurred":"2026-04-02","recorded":"2026-04-03","businessArea":"HMCTS","kind":"lossOfPass","report":{"kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-04-02","person":{"status":"employee","organisation":"moj"},"marking":{"classification":"official","caveats":["strap"]}}}"#,
            ErrorCode::InvalidMarking,
            "/records/1/report/marking/caveats",
        ),
        (
            // Parsed, then refused by the breach assessment itself.
            r#"{"id":"B","occurred":"2026-04-02","recorded":"2026-04-03","businessArea":"HMCTS","kind":"changeOfCircumstancesNotReported","report":{"kind":"changeOfCircumstancesNotReported","care":"avoidableCarelessness","occurred":"2026-04-02","person":{"status":"employee","organisation":"moj","securityCleared":false}}}"#,
            ErrorCode::KindNotApplicable,
            "/records/1/report/person/securityCleared",
        ),
        (
            r#"{"id":"B","occurred":"2026-04-02","recorded":"2026-04-03","businessArea":"HMCTS","kind":"lossOfPass","report":{"kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-04-02","person":{"status":"employee","organisation":"moj"}},"level":"minor"}"#,
            ErrorCode::InvalidType,
            "/records/1/report",
        ),
        (r#"[1,2"#, ErrorCode::MalformedJson, "/records/1"),
    ];
    for (bad, code, path) in cases {
        let request = format!(
            r#"{{"from":"2026-04-01","to":"2026-06-30","records":[{good},{bad},{good_c}]}}"#,
            good_c = good.replace(r#""id":"A""#, r#""id":"C""#)
        );
        let answer = match spf_json::trend_report(&engine, &request) {
            Ok(answer) => answer,
            // A record that is not JSON at all makes the whole request malformed.
            Err(error) => {
                assert_eq!(error.code, ErrorCode::MalformedJson, "{bad}");
                continue;
            }
        };
        let answer: Value = serde_json::from_str(&answer).unwrap();
        assert_eq!(answer["rejected"][0]["index"], 1, "{bad}");
        assert_eq!(
            answer["rejected"][0]["error"]["code"],
            code.as_str(),
            "{bad}"
        );
        assert_eq!(answer["rejected"][0]["error"]["path"], *path, "{bad}");
        assert_eq!(answer["records"]["received"], 3, "{bad}");
        assert_eq!(answer["records"]["rejected"], 1, "{bad}");
        assert_eq!(
            answer["totals"]["total"], 2,
            "{bad}: the good records are kept"
        );
    }
}

#[test]
fn a_report_in_a_record_is_assessed_on_the_fly() {
    let engine = Engine::moj_default();
    let request = r#"{"from":"2026-04-01","to":"2026-06-30","records":[
        {"id":"A","occurred":"2026-04-02","recorded":"2026-04-03","businessArea":"HMPPS","kind":"securityCabinetNotLocked",
         "report":{"kind":"securityCabinetNotLocked","care":"avoidableCarelessness","occurred":"2026-04-02",
                   "person":{"status":"employee","organisation":"moj"},
                   "marking":{"classification":"secret"}}}]}"#;
    let answer: Value =
        serde_json::from_str(&spf_json::trend_report(&engine, request).unwrap()).unwrap();
    // SECRET material: gross (POLSBP006), as assess_breach says.
    assert_eq!(answer["totals"]["byLevel"]["gross"], 1);
}

#[test]
fn period_errors_and_schema_version() {
    let engine = Engine::moj_default();
    let err = spf_json::trend_report(
        &engine,
        r#"{"from":"2026-04-01","to":"2026-03-31","records":[]}"#,
    )
    .unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        (ErrorCode::DateOutOfOrder, "/to")
    );
    let err = spf_json::trend_report(
        &engine,
        r#"{"from":"1900-01-01","to":"2026-03-31","records":[]}"#,
    )
    .unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        (ErrorCode::InvalidType, "/to")
    );
    let err = spf_json::trend_report(
        &engine,
        r#"{"schemaVersion":2,"from":"2026-04-01","to":"2026-06-30","records":[]}"#,
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::UnsupportedSchemaVersion);
    let err = spf_json::trend_report(&engine, r#"{"from":"2026-04-01","records":[]}"#).unwrap_err();
    assert_eq!(err.code, ErrorCode::MissingField);
    // The widest allowed period works, even at the ends of the calendar: the
    // earliest start whose quarter before falls in a reporting year from 0001
    // (tests/calendar_edges.rs has the earlier ones).
    let answer = spf_json::trend_report(
        &engine,
        r#"{"from":"0001-07-01","to":"0050-06-30","records":[]}"#,
    )
    .unwrap();
    assert!(answer.contains(r#""from":"0001-07-01""#));
    spf_json::trend_report(
        &engine,
        r#"{"from":"9950-01-01","to":"9999-12-31","records":[]}"#,
    )
    .unwrap();
}

#[test]
fn reasons_cite_the_policy_and_mark_defaults() {
    let engine = Engine::moj_default();
    let answer = report(&engine, "2026-04-01", "2026-06-30", Vec::new());
    let cited: Vec<(&str, &str, spf_core::Basis)> = answer
        .reasons
        .iter()
        .map(|r| (r.rule_id(), r.citation.as_str(), r.basis))
        .collect();
    assert_eq!(
        cited[0],
        (
            "trends.recordedCentrally",
            "POLSBP002",
            spf_core::Basis::PolicyStatement
        )
    );
    for (rule, citation, basis) in &cited[1..4] {
        assert_eq!(*basis, spf_core::Basis::ConfigurableDefault, "{rule}");
        assert!(citation.contains("domain-facts gap 15"), "{rule}");
    }
    // Setting decisions against recommendations is the library's reading of
    // POLSBP002's analysis: a default.
    assert_eq!(cited[4].2, spf_core::Basis::ConfigurableDefault);
    assert!(
        cited[4]
            .1
            .starts_with("POLSBP002 (trends identified and, if necessary, analysed")
    );
    let rules: Vec<&str> = cited.iter().map(|c| c.0).collect();
    assert_eq!(
        rules,
        [
            "trends.recordedCentrally",
            "trends.quarters",
            "trends.repeatIndividuals",
            "trends.hotspots",
            "trends.decisions"
        ]
    );
}

#[test]
fn invalid_thresholds_are_rejected_when_the_policy_is_loaded() {
    let mut policy = Policy::moj_default();
    policy.incidents.quarters.year_starts_in_month = 13;
    policy.incidents.repeat_individuals.minimum_breaches = 1;
    policy.incidents.repeat_individuals.window_months = 0;
    policy.incidents.hotspots.minimum_distinct_people = 1;
    let errors = Engine::new(policy).unwrap_err();
    let found: Vec<(ErrorCode, &str)> = errors.iter().map(|e| (e.code, e.path.as_str())).collect();
    assert_eq!(
        found,
        [
            (
                ErrorCode::PolicyInvalidValue,
                "/incidents/quarters/yearStartsInMonth"
            ),
            (
                ErrorCode::PolicyInvalidValue,
                "/incidents/repeatIndividuals/minimumBreaches"
            ),
            (
                ErrorCode::PolicyInvalidValue,
                "/incidents/repeatIndividuals/windowMonths"
            ),
            (
                ErrorCode::PolicyInvalidValue,
                "/incidents/hotspots/minimumDistinctPeople"
            ),
        ]
    );
}
