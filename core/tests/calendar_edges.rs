//! Dates at the edges of the calendar the library reads (0001-01-01 and
//! 9999-12-31): every operation gives a correct answer or a clean error with
//! its pointer, never a date it cannot write ("0000-…", `{0, 0, 0}`) or a
//! missing one that would read as "not applicable".

// Test code: helpers outside #[test] functions may unwrap and index.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{Value, json};
use spf_core::site::SiteTier;
use spf_core::{Date, Engine, ErrorCode, json};

fn answer(
    op: fn(&Engine, &str) -> Result<String, spf_core::SpfError>,
    request: &Value,
) -> Result<Value, (ErrorCode, String, String)> {
    op(&Engine::moj_default(), &request.to_string())
        .map(|text| serde_json::from_str(&text).unwrap())
        .map_err(|e| (e.code, e.path, e.message))
}

/// Every date in an answer, as text: none may name year 0000.
fn assert_no_year_zero(value: &Value) {
    let text = value.to_string();
    assert!(!text.contains("0000-"), "{text}");
}

fn site(last_tested: &str) -> Value {
    json!({"id": "EDGE", "name": "Edge", "tier": "moderate", "tierAssessed": "9999-12-01",
           "ctPlan": {"variesByResponseLevel": true, "lastTested": last_tested},
           "threatAssessment": {"threatDocumented": true, "mitigationDocumented": true},
           "riskAssessed": "9999-01-01"})
}

#[test]
fn a_schedule_that_would_fall_due_after_9999_is_an_invalid_date_at_its_field() {
    // A MODERATE site's test is due 24 months on: past the calendar.
    let request =
        json!({"asOf": "9999-12-31", "threatLevel": "severe", "site": site("9999-06-01")});
    let (code, path, message) = answer(json::site_status, &request).unwrap_err();
    assert_eq!(code, ErrorCode::InvalidDate);
    assert_eq!(
        path, "/site/tierAssessed",
        "the tier re-assessment is due 12 months on: first"
    );
    assert!(
        message.contains("would fall due after 9999-12-31"),
        "{message}"
    );

    let mut request = request;
    request["site"]["tierAssessed"] = json!("9998-06-01");
    request["site"]["riskAssessed"] = json!("9998-06-01");
    let (code, path, _) = answer(json::site_status, &request).unwrap_err();
    assert_eq!(
        (code, path.as_str()),
        (ErrorCode::InvalidDate, "/site/ctPlan/lastTested")
    );

    // The portfolio rejects that site and assesses the rest.
    let mut fine = site("9997-12-31");
    fine["id"] = json!("FINE");
    fine["tierAssessed"] = json!("9998-06-01");
    fine["riskAssessed"] = json!("9998-06-01");
    let portfolio = json!({"asOf": "9999-12-31", "threatLevel": "severe",
                           "sites": [fine, request["site"].clone()]});
    let report = answer(json::portfolio, &portfolio).unwrap();
    assert_eq!(report["sites"], 1);
    assert_eq!(report["rejected"][0]["index"], 1);
    assert_eq!(report["rejected"][0]["error"]["code"], "invalidDate");
    assert_eq!(
        report["rejected"][0]["error"]["path"],
        "/sites/1/ctPlan/lastTested"
    );

    // The typed schedule call says the same.
    let day = |s: &str| s.parse::<Date>().unwrap();
    let engine = Engine::moj_default();
    let error = engine
        .ct_plan_test_schedule(
            SiteTier::Moderate,
            Some(day("9999-06-01")),
            day("9999-12-31"),
        )
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidDate);
    // One that falls due inside the calendar is answered with its dates.
    let schedule = engine
        .ct_plan_test_schedule(
            SiteTier::Moderate,
            Some(day("9997-12-31")),
            day("9999-12-31"),
        )
        .unwrap();
    assert_eq!(schedule.due_on, Some(day("9999-12-31")));
    assert_eq!(schedule.overdue_after, Some(day("9999-12-31")));
}

#[test]
fn sites_on_the_first_day_of_the_calendar_are_answered() {
    let mut first = site("0001-01-01");
    first["tierAssessed"] = json!("0001-01-01");
    first["riskAssessed"] = json!("0001-01-01");
    for as_of in ["0001-01-01", "0001-03-01", "9999-12-31"] {
        let status = answer(
            json::site_status,
            &json!({"asOf": as_of, "threatLevel": "low", "site": first}),
        )
        .unwrap();
        assert_no_year_zero(&status);
    }
    // On its first day the warning window reaches back before the calendar: it
    // starts on the calendar's first day.
    let status = answer(
        json::site_status,
        &json!({"asOf": "0001-01-01", "threatLevel": "low", "site": first}),
    )
    .unwrap();
    assert_eq!(status["schedules"]["ctPlanTest"]["status"], "ok");
}

#[test]
fn breaches_at_both_ends_of_the_calendar_are_answered() {
    for (occurred, earlier) in [("0001-01-01", "0001-01-01"), ("9999-12-31", "9999-01-01")] {
        let report = json!({"kind": "lossOfPass", "care": "avoidableCarelessness", "occurred": occurred,
                            "person": {"status": "employee", "organisation": "moj"},
                            "earlierBreaches": [{"date": earlier, "kind": "lossOfPass"}]});
        let answer = answer(json::assess_breach, &report).unwrap();
        assert_no_year_zero(&answer);
        // The earlier breach is inside the window in both cases: a repeat.
        assert!(
            answer
                .to_string()
                .contains("1 earlier breach(es) within 12 months"),
            "{answer}"
        );
    }
}

#[test]
fn a_trend_period_that_would_compare_with_year_zero_is_an_invalid_date_at_from() {
    let request = |from: &str, to: &str| {
        json!({"from": from, "to": to, "records": [
            {"id": "A", "occurred": "0001-08-01", "identified": "0001-08-01", "recorded": "0001-08-02",
             "businessArea": "HMCTS", "person": "P", "kind": "lossOfPass", "level": "minor", "nearMiss": false}
        ]})
    };
    let (code, path, message) =
        answer(json::trend_report, &request("0001-01-01", "0001-12-31")).unwrap_err();
    assert_eq!((code, path.as_str()), (ErrorCode::InvalidDate, "/from"));
    // The HMG financial year: reporting year 0001-02 starts in April 0001, and
    // its first quarter compares with January to March 0001, which belongs to
    // the year before.
    assert!(
        message.contains("start it on or after `0001-07-01`"),
        "{message}"
    );
    assert!(!message.contains("0000"), "{message}");
    let report = answer(json::trend_report, &request("0001-07-01", "0001-12-31")).unwrap();
    assert_no_year_zero(&report);
    assert_eq!(report["quarters"][0]["quarter"]["label"], "0001-02 Q2");
    // The other end: the last quarter ends on 9999-12-31.
    let report = answer(json::trend_report, &request("9999-10-01", "9999-12-31")).unwrap();
    assert_eq!(report["quarters"][0]["quarter"]["end"], "9999-12-31");
}

#[test]
fn an_agreement_whose_review_would_fall_after_9999_is_an_invalid_date() {
    let request = |agreed_on: &str| {
        json!({"businessArea": "OPG", "returnDate": "9999-12-31", "elements": [
            {"element": "informationPolicy", "status": "variation", "variation": {
                "description": "local policy",
                "agreement": {"accountingOfficer": "J. Smith", "role": "accountingOfficer", "agreedOn": agreed_on}}}]})
    };
    let (code, path, message) =
        answer(json::evaluate_compliance, &request("9999-06-01")).unwrap_err();
    assert_eq!(code, ErrorCode::InvalidDate);
    assert_eq!(path, "/elements/0/variation/agreement/agreedOn");
    assert!(message.contains("after 9999-12-31"), "{message}");
    // Reviewed inside the calendar: answered with its review date.
    let evaluation = answer(json::evaluate_compliance, &request("9998-12-31")).unwrap();
    assert_eq!(
        evaluation["variationsToReport"][0]["reviewDue"],
        "9999-12-31"
    );
}
