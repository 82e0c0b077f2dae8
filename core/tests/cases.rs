//! Breach cases (POLSBP002 identification and investigation, POLSBP003 the
//! manager decides, POLSBP006 breach notices): every lifecycle rule and every
//! finding pinned to exact values, the input errors of a case record, the
//! policy's defaults changed, and two properties that can fail: the order the
//! events are given in never changes the answer, and adding a missing event
//! in its place never adds a finding.

// Test code: helpers outside #[test] functions may unwrap, index and panic.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde_json::{Value, json};
use spf_core::case::{
    BreachCase, CaseCheck, CaseEvent, CaseEventKind, CaseFindingCode, CaseRequest, CaseState,
    DecisionAction, Direction, RecordedRecommendation,
};
use spf_core::site::Severity;
use spf_core::{
    Basis, BreachKind, BreachReport, Care, Date, Engine, ErrorCode, Level, Policy, PolicyRef, json,
};

fn day(text: &str) -> Date {
    text.parse().unwrap()
}

/// A minor breach (a lost pass by an MoJ employee) that occurred on 1 October
/// 2026.
fn report() -> BreachReport {
    BreachReport::new(
        BreachKind::LossOfPass,
        Care::AvoidableCarelessness,
        day("2026-10-01"),
    )
}

fn event(kind: CaseEventKind, on: &str) -> CaseEvent {
    CaseEvent::new(kind, day(on))
}

fn decision(on: &str, level: Level, reason: Option<&str>) -> CaseEvent {
    CaseEvent::decision(day(on), level, DecisionAction::Informal, reason)
}

fn request(as_of: &str, events: Vec<CaseEvent>) -> CaseRequest {
    CaseRequest {
        schema_version: None,
        as_of: day(as_of),
        case: BreachCase {
            reference: Some("HR-1".into()),
            report: report(),
            recommendation: None,
            events,
        },
    }
}

fn check(request: &CaseRequest) -> CaseCheck {
    Engine::moj_default().check_case(request).unwrap()
}

fn codes(check: &CaseCheck) -> Vec<CaseFindingCode> {
    check.findings.iter().map(|f| f.code).collect()
}

/// The whole lifecycle of the minor breach, decided as recommended.
fn complete() -> Vec<CaseEvent> {
    vec![
        event(CaseEventKind::Reported, "2026-10-02"),
        event(CaseEventKind::InvestigationStarted, "2026-10-05"),
        event(CaseEventKind::BreachNoticeIssued, "2026-10-09"),
        decision("2026-10-20", Level::Minor, None),
        event(CaseEventKind::Closed, "2026-10-21"),
    ]
}

#[test]
fn a_complete_case_decided_as_recommended_has_no_findings() {
    let answer = check(&request("2026-12-01", complete()));
    assert_eq!(answer.state, CaseState::Closed);
    assert!(answer.findings.is_empty(), "{:?}", answer.findings);
    assert!(answer.missing.is_empty());
    assert!(answer.targets.is_empty());
    assert_eq!(answer.breach_notice_issued, Some(day("2026-10-09")));
    let decided = answer.decision.unwrap();
    assert_eq!(
        (decided.level, decided.recommended, decided.departure),
        (Level::Minor, Level::Minor, Direction::None)
    );
    assert_eq!(decided.days_from_report, 18);
    assert_eq!(answer.recommendation.level, Level::Minor);
    assert!(!answer.recommendation.recorded);
    let rules: Vec<&str> = answer.reasons.iter().map(|r| r.rule_id()).collect();
    assert_eq!(
        rules,
        [
            "case.recommendation",
            "case.sequence",
            "case.investigation",
            "case.decision",
            "case.departure"
        ]
    );
}

#[test]
fn the_state_is_the_furthest_event_and_missing_lists_what_a_case_still_needs() {
    use CaseEventKind::{Closed, Decision, InvestigationStarted, Reported};
    let all = complete();
    for (kept, state, missing) in [
        (
            1,
            CaseState::Reported,
            vec![InvestigationStarted, Decision, Closed],
        ),
        (2, CaseState::UnderInvestigation, vec![Decision, Closed]),
        // The breach notice is never missing: a breach "CAN" lead to one.
        (4, CaseState::Decided, vec![Closed]),
        (5, CaseState::Closed, vec![]),
    ] {
        let answer = check(&request("2026-10-21", all[..kept].to_vec()));
        assert_eq!(answer.state, state, "{kept} events");
        assert_eq!(answer.missing, missing, "{kept} events");
    }
    let answer = check(&request("2026-10-03", vec![]));
    assert_eq!(answer.state, CaseState::Reported);
    assert_eq!(
        answer.missing,
        [Reported, InvestigationStarted, Decision, Closed]
    );
}

/// One golden case per finding: the events, the date, and exactly the
/// findings expected with their severity and basis.
#[test]
fn every_finding_has_its_golden_case() {
    use CaseEventKind::{Closed, InvestigationStarted, Reported};
    use CaseFindingCode as F;
    let statement = Basis::PolicyStatement;
    let default = Basis::ConfigurableDefault;
    type Expected = Vec<(F, Severity, Basis)>;
    let cases: Vec<(&str, &str, Vec<CaseEvent>, Expected)> = vec![
        (
            "closed with no decision",
            "2026-12-01",
            vec![
                event(Reported, "2026-10-02"),
                event(InvestigationStarted, "2026-10-03"),
                event(Closed, "2026-10-10"),
            ],
            vec![(F::ClosedWithoutDecision, Severity::High, statement)],
        ),
        (
            "decided with no investigation",
            "2026-10-20",
            vec![
                event(Reported, "2026-10-02"),
                decision("2026-10-10", Level::Minor, None),
            ],
            vec![(F::DecisionWithoutInvestigation, Severity::High, statement)],
        ),
        (
            "decided before the investigation started",
            "2026-10-20",
            vec![
                event(Reported, "2026-10-02"),
                event(InvestigationStarted, "2026-10-11"),
                decision("2026-10-10", Level::Minor, None),
            ],
            vec![(F::DecisionBeforeInvestigation, Severity::Medium, default)],
        ),
        (
            "an investigation before the breach",
            "2026-10-20",
            vec![
                event(Reported, "2026-10-02"),
                event(InvestigationStarted, "2026-09-30"),
            ],
            vec![(F::EventOutOfOrder, Severity::Medium, default)],
        ),
        (
            "a breach notice before the report",
            "2026-10-20",
            vec![
                event(Reported, "2026-10-05"),
                event(CaseEventKind::BreachNoticeIssued, "2026-10-04"),
                event(InvestigationStarted, "2026-10-05"),
            ],
            vec![(F::EventOutOfOrder, Severity::Medium, default)],
        ),
        (
            "a decision after the closure",
            "2026-12-01",
            vec![
                event(Reported, "2026-10-02"),
                event(InvestigationStarted, "2026-10-03"),
                decision("2026-10-12", Level::Minor, None),
                event(Closed, "2026-10-11"),
            ],
            vec![(F::EventOutOfOrder, Severity::Medium, default)],
        ),
        (
            "a lower decision with no reason",
            "2026-10-20",
            vec![
                event(Reported, "2026-10-02"),
                event(InvestigationStarted, "2026-10-03"),
                decision("2026-10-12", Level::Minor, Some("  ")),
            ],
            vec![(F::DepartureReasonMissing, Severity::Medium, default)],
        ),
        (
            "no investigation 10 days after the report",
            "2026-10-13",
            vec![event(Reported, "2026-10-02")],
            vec![(F::InvestigationOverdue, Severity::Medium, default)],
        ),
        (
            "no decision 60 days after the report",
            "2026-12-02",
            vec![
                event(Reported, "2026-10-02"),
                event(InvestigationStarted, "2026-10-03"),
            ],
            vec![(F::DecisionOverdue, Severity::Medium, default)],
        ),
        (
            "no report date",
            "2026-10-05",
            vec![event(InvestigationStarted, "2026-10-03")],
            vec![(F::ReportNotRecorded, Severity::Low, default)],
        ),
    ];
    let mut seen = std::collections::BTreeSet::new();
    for (name, as_of, events, expected) in cases {
        let mut asked = request(as_of, events);
        if name == "a lower decision with no reason" {
            // A serious breach: documents not secured through high carelessness.
            asked.case.report = BreachReport::new(
                BreachKind::OfficialDocumentsNotSecured,
                Care::HighCarelessness,
                day("2026-10-01"),
            );
        }
        let answer = check(&asked);
        let found: Vec<(F, Severity, Basis)> = answer
            .findings
            .iter()
            .map(|f| (f.code, f.severity, f.basis))
            .collect();
        assert_eq!(found, expected, "{name}: {:?}", answer.findings);
        for finding in &answer.findings {
            assert!(!finding.message.is_empty() && !finding.citation.as_str().is_empty());
            seen.insert(finding.code);
        }
    }
    // The recommendation not reproduced has its own test below.
    seen.insert(F::RecommendationNotReproduced);
    assert_eq!(seen.len(), F::ALL.len(), "a finding has no golden case");
}

#[test]
fn targets_fall_due_on_their_day_and_are_overdue_the_day_after() {
    // Reported on 19 February 2028: the investigation is due by 29 February (a
    // leap day), the decision 60 days on, by 19 April.
    let events = vec![event(CaseEventKind::Reported, "2028-02-19")];
    let mut report = report();
    report.occurred = day("2028-02-18");
    let mut asked = request("2028-02-29", events.clone());
    asked.case.report = report.clone();
    let on_the_day = check(&asked);
    assert_eq!(
        on_the_day
            .targets
            .iter()
            .map(|t| (t.event, t.due_on, t.overdue))
            .collect::<Vec<_>>(),
        [
            (
                CaseEventKind::InvestigationStarted,
                day("2028-02-29"),
                false
            ),
            (CaseEventKind::Decision, day("2028-04-19"), false),
        ]
    );
    assert!(on_the_day.findings.is_empty(), "{:?}", on_the_day.findings);
    let mut asked = request("2028-03-01", events);
    asked.case.report = report;
    let day_after = check(&asked);
    assert_eq!(codes(&day_after), [CaseFindingCode::InvestigationOverdue]);
    assert!(day_after.targets[0].overdue && !day_after.targets[1].overdue);
    // Once decided, no target is left; once closed, none either.
    let decided = check(&request(
        "2027-06-01",
        vec![
            event(CaseEventKind::Reported, "2026-10-02"),
            event(CaseEventKind::InvestigationStarted, "2026-10-03"),
            decision("2026-10-04", Level::Minor, None),
        ],
    ));
    assert!(decided.targets.is_empty() && decided.findings.is_empty());
}

#[test]
fn a_decision_below_the_recommendation_needs_the_managers_reason() {
    let serious = |events| {
        let mut asked = request("2026-10-20", events);
        asked.case.report = BreachReport::new(
            BreachKind::OfficialDocumentsNotSecured,
            Care::HighCarelessness,
            day("2026-10-01"),
        );
        check(&asked)
    };
    let start = || {
        vec![
            event(CaseEventKind::Reported, "2026-10-02"),
            event(CaseEventKind::InvestigationStarted, "2026-10-03"),
        ]
    };
    for (level, reason, direction, finding) in [
        (Level::Minor, None, Direction::Lower, true),
        (
            Level::Minor,
            Some("first breach, nothing lost"),
            Direction::Lower,
            false,
        ),
        (Level::Serious, None, Direction::None, false),
        (Level::Gross, None, Direction::Higher, false),
    ] {
        let mut events = start();
        events.push(decision("2026-10-12", level, reason));
        let answer = serious(events);
        assert_eq!(answer.recommendation.level, Level::Serious);
        let decided = answer.decision.as_ref().unwrap();
        assert_eq!(decided.departure, direction, "{level:?}");
        assert_eq!(decided.reason.as_deref(), reason);
        assert_eq!(
            codes(&answer),
            if finding {
                vec![CaseFindingCode::DepartureReasonMissing]
            } else {
                vec![]
            },
            "{level:?} {reason:?}"
        );
    }
}

#[test]
fn the_recorded_recommendation_is_measured_and_checked_against_this_policy() {
    let engine = Engine::moj_default();
    let this = engine.policy_ref().clone();
    let other = PolicyRef {
        id: "moj-default".into(),
        version: "2025.2".into(),
    };
    let events = vec![
        event(CaseEventKind::Reported, "2026-10-02"),
        event(CaseEventKind::InvestigationStarted, "2026-10-03"),
        decision(
            "2026-10-12",
            Level::Minor,
            Some("as the guidance said then"),
        ),
    ];
    for (policy, level, not_reproduced, direction) in [
        (this.clone(), Level::Minor, false, Direction::None),
        (this.clone(), Level::Serious, true, Direction::Lower),
        // Another version's recommendation is not this policy's to reproduce.
        (other.clone(), Level::Serious, false, Direction::Lower),
    ] {
        let mut asked = request("2026-10-20", events.clone());
        asked.case.recommendation = Some(RecordedRecommendation {
            policy: policy.clone(),
            level,
        });
        let answer = engine.check_case(&asked).unwrap();
        assert!(answer.recommendation.recorded);
        assert_eq!(answer.recommendation.policy, policy);
        assert_eq!(
            (
                answer.recommendation.level,
                answer.recommendation.assessed_level
            ),
            (level, Level::Minor)
        );
        assert_eq!(
            codes(&answer).contains(&CaseFindingCode::RecommendationNotReproduced),
            not_reproduced,
            "{policy:?} {level:?}"
        );
        assert_eq!(answer.decision.unwrap().departure, direction);
    }
}

#[test]
fn a_case_record_with_impossible_events_is_an_input_error_pointed_at_its_place() {
    let engine = Engine::moj_default();
    let answer = |case: Value| {
        json::check_case(
            &engine,
            &json!({"asOf": "2026-11-30", "case": case}).to_string(),
        )
    };
    let report = json!({"kind": "lossOfPass", "care": "avoidableCarelessness",
        "occurred": "2026-10-01", "person": {"status": "employee", "organisation": "moj"}});
    for (events, code, path) in [
        (
            json!([{"event": "reported", "on": "2026-10-02"}, {"event": "reported", "on": "2026-10-03"}]),
            ErrorCode::DuplicateEntry,
            "/case/events/1/event",
        ),
        (
            json!([{"event": "decision", "on": "2026-10-02", "action": "informal"}]),
            ErrorCode::MissingField,
            "/case/events/0",
        ),
        (
            json!([{"event": "closed", "on": "2026-10-02", "level": "minor"}]),
            ErrorCode::UnknownField,
            "/case/events/0/level",
        ),
        (
            json!([{"event": "appealed", "on": "2026-10-02"}]),
            ErrorCode::UnknownValue,
            "/case/events/0/event",
        ),
        (
            json!([{"event": "closed", "on": "2026-02-30"}]),
            ErrorCode::InvalidDate,
            "/case/events/0/on",
        ),
        // Checked as of 30 November: a closure on 1 December has not happened.
        (
            json!([{"event": "reported", "on": "2026-10-02"}, {"event": "closed", "on": "2026-12-01"}]),
            ErrorCode::DateOutOfOrder,
            "/case/events/1/on",
        ),
    ] {
        let error = answer(json!({"report": report, "events": events})).unwrap_err();
        assert_eq!(
            (error.code, error.path.as_str()),
            (code, path),
            "{}",
            error.message
        );
    }
    // The report's own problems point into the case.
    let mut bad = report.clone();
    bad["earlierBreaches"] = json!([{"date": "2026-10-05", "kind": "lossOfPass"}]);
    let error = answer(json!({"report": bad, "events": []})).unwrap_err();
    assert!(
        error.path.starts_with("/case/report/"),
        "{}: {}",
        error.path,
        error.message
    );
    let error = answer(json!({"report": {"kind": "lossOfPas"}, "events": []})).unwrap_err();
    assert_eq!(error.path, "/case/report/kind");
}

#[test]
fn an_agency_may_change_the_targets_and_ask_a_reason_for_any_departure() {
    let mut policy = Policy::moj_default();
    policy.breach.cases.investigation_start_days = 3;
    policy.breach.cases.decision_days = 20;
    policy.breach.cases.reason_required = spf_core::policy::ReasonRequired::AnyDeparture;
    let engine = Engine::new(policy).unwrap();
    let answer = engine
        .check_case(&request(
            "2026-10-06",
            vec![event(CaseEventKind::Reported, "2026-10-02")],
        ))
        .unwrap();
    assert_eq!(codes(&answer), [CaseFindingCode::InvestigationOverdue]);
    assert_eq!(answer.targets[1].due_on, day("2026-10-22"));
    let higher = engine
        .check_case(&request(
            "2026-10-06",
            vec![
                event(CaseEventKind::Reported, "2026-10-02"),
                event(CaseEventKind::InvestigationStarted, "2026-10-03"),
                decision("2026-10-04", Level::Serious, None),
            ],
        ))
        .unwrap();
    assert_eq!(codes(&higher), [CaseFindingCode::DepartureReasonMissing]);
    // A decision due before the investigation is not a target a case can meet.
    let mut policy = Policy::moj_default();
    policy.breach.cases.decision_days = 5;
    let errors = Engine::new(policy).map(|_| ()).unwrap_err();
    assert_eq!(errors.first().path, "/breach/cases/decisionDays");
}

#[test]
fn the_wire_names_of_events_actions_and_findings() {
    let names = |values: Vec<String>| {
        values
            .iter()
            .map(|v| serde_json::to_value(v).unwrap())
            .collect::<Vec<_>>()
    };
    for kind in CaseEventKind::ALL {
        assert_eq!(serde_json::to_value(kind).unwrap(), json!(kind.as_str()));
    }
    for action in DecisionAction::ALL {
        assert_eq!(
            serde_json::to_value(action).unwrap(),
            json!(action.as_str())
        );
    }
    for code in CaseFindingCode::ALL {
        assert_eq!(serde_json::to_value(code).unwrap(), json!(code.as_str()));
    }
    let all: Vec<String> = CaseFindingCode::ALL
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect();
    assert_eq!(
        names(all),
        names(
            [
                "closedWithoutDecision",
                "decisionWithoutInvestigation",
                "decisionBeforeInvestigation",
                "eventOutOfOrder",
                "departureReasonMissing",
                "recommendationNotReproduced",
                "investigationOverdue",
                "decisionOverdue",
                "reportNotRecorded",
            ]
            .map(str::to_owned)
            .to_vec()
        )
    );
}

/// A consistent case: each event some days after the one before it.
fn consistent(offsets: [u32; 5], level: Level) -> Vec<CaseEvent> {
    let breach = day("2026-03-01");
    let mut on = breach;
    let mut dates = Vec::new();
    for offset in offsets {
        on = on.days_after(offset).unwrap();
        dates.push(on);
    }
    vec![
        CaseEvent::new(CaseEventKind::Reported, dates[0]),
        CaseEvent::new(CaseEventKind::InvestigationStarted, dates[1]),
        CaseEvent::new(CaseEventKind::BreachNoticeIssued, dates[2]),
        CaseEvent::decision(
            dates[3],
            level,
            DecisionAction::Disciplinary,
            Some("heard the member of staff"),
        ),
        CaseEvent::new(CaseEventKind::Closed, dates[4]),
    ]
}

/// `as_of_offset` days after the latest of `events` (a case is checked as it
/// stands: no event is after the day checked on).
fn after_latest(events: &[CaseEvent], as_of_offset: u32) -> Date {
    events
        .iter()
        .map(|event| event.on)
        .max()
        .unwrap_or(day("2026-03-01"))
        .days_after(as_of_offset)
        .unwrap()
}

fn case_of(events: Vec<CaseEvent>, as_of: Date, recorded: Option<Level>) -> CaseRequest {
    let mut asked = request("2026-03-01", events);
    asked.case.report.occurred = day("2026-03-01");
    asked.as_of = as_of;
    asked.case.recommendation = recorded.map(|level| RecordedRecommendation {
        policy: Engine::moj_default().policy_ref().clone(),
        level,
    });
    asked
}

/// How many findings of each code.
fn tally(check: &CaseCheck) -> BTreeMap<CaseFindingCode, usize> {
    let mut counts = BTreeMap::new();
    for finding in &check.findings {
        *counts.entry(finding.code).or_insert(0) += 1;
    }
    counts
}

/// What an event needs before it: the report before everything, the
/// investigation before the decision, the decision before the closure.
fn prerequisites(kind: CaseEventKind) -> &'static [CaseEventKind] {
    use CaseEventKind::{Decision, InvestigationStarted, Reported};
    match kind {
        CaseEventKind::Reported => &[],
        CaseEventKind::InvestigationStarted | CaseEventKind::BreachNoticeIssued => &[Reported],
        CaseEventKind::Decision => &[Reported, InvestigationStarted],
        CaseEventKind::Closed => &[Reported, InvestigationStarted, Decision],
    }
}

fn level_strategy() -> impl Strategy<Value = Level> {
    prop_oneof![Just(Level::Minor), Just(Level::Serious), Just(Level::Gross)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The events may come in any order, well-formed or not: the answer is
    /// the same, findings and all.
    #[test]
    fn the_order_of_the_events_never_changes_the_answer(
        offsets in proptest::array::uniform5(0u32..40),
        // Some events moved out of sequence, to exercise the findings.
        jitter in proptest::array::uniform5(0u32..3),
        kept in proptest::collection::vec(any::<bool>(), 5),
        level in level_strategy(),
        as_of in 0u32..300,
        recorded in proptest::option::of(level_strategy()),
        order in Just(()).prop_perturb(|(), mut rng| {
            let mut order: Vec<usize> = (0..5).collect();
            for i in (1..order.len()).rev() {
                order.swap(i, rng.random_range(0..=i));
            }
            order
        }),
    ) {
        let mut events = consistent(offsets, level);
        for (event, shift) in events.iter_mut().zip(jitter) {
            if shift == 2 {
                event.on = event.on.days_before(30).unwrap();
            }
        }
        let chosen: Vec<CaseEvent> = events
            .into_iter()
            .zip(&kept)
            .filter(|(_, keep)| **keep)
            .map(|(event, _)| event)
            .collect();
        let mut shuffled: Vec<CaseEvent> = order
            .iter()
            .filter_map(|&i| chosen.get(i).cloned())
            .collect();
        // `order` numbers five events; only the chosen are shuffled in.
        for event in &chosen {
            if !shuffled.contains(event) {
                shuffled.push(event.clone());
            }
        }
        let engine = Engine::moj_default();
        let as_of = after_latest(&chosen, as_of);
        let straight = engine.check_case(&case_of(chosen, as_of, recorded)).unwrap();
        let reordered = engine.check_case(&case_of(shuffled, as_of, recorded)).unwrap();
        prop_assert_eq!(straight, reordered);
    }

    /// A case missing some events gains no finding when one of them is added
    /// in its place (dated in sequence, after what it needs): the finding it
    /// answers goes, and nothing comes.
    #[test]
    fn adding_a_missing_event_never_adds_a_finding(
        offsets in proptest::array::uniform5(0u32..40),
        present in proptest::collection::vec(any::<bool>(), 5),
        added in 0usize..5,
        level in level_strategy(),
        as_of in 0u32..300,
        recorded in proptest::option::of(level_strategy()),
    ) {
        let all = consistent(offsets, level);
        // Keep only what has its prerequisites, as a real case would.
        let mut kept: Vec<CaseEvent> = Vec::new();
        for (event, keep) in all.iter().zip(&present) {
            let needs = prerequisites(event.event);
            if *keep && needs.iter().all(|need| kept.iter().any(|e| e.event == *need)) {
                kept.push(event.clone());
            }
        }
        let candidate = &all[added];
        let ready = prerequisites(candidate.event)
            .iter()
            .all(|need| kept.iter().any(|e| e.event == *need));
        let missing = !kept.iter().any(|e| e.event == candidate.event);
        // The closure comes last: nothing recorded after it is missing yet.
        let in_place = kept.iter().all(|e| e.on <= candidate.on || candidate.event != CaseEventKind::Closed)
            && !kept.iter().any(|e| e.event == CaseEventKind::Closed);
        prop_assume!(ready && missing && in_place);
        let engine = Engine::moj_default();
        // One day checked on for both, after every event the case will have.
        let as_of = after_latest(&all, as_of);
        let before = engine.check_case(&case_of(kept.clone(), as_of, recorded)).unwrap();
        let mut more = kept;
        more.push(candidate.clone());
        let after = engine.check_case(&case_of(more, as_of, recorded)).unwrap();
        let (before, after) = (tally(&before), tally(&after));
        for (code, count) in &after {
            prop_assert!(
                before.get(code).copied().unwrap_or(0) >= *count,
                "adding {} added {:?}: before {:?}, after {:?}",
                candidate.event, code, before, after
            );
        }
    }
}
