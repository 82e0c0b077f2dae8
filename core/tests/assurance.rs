//! The assurance pack: the estate, the business areas' compliance returns and
//! the year's breach trends put together for the Board and the Permanent
//! Secretary, each part as its own operation answers it.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use serde_json::{Value, json};
use spf_core::assurance::{AssurancePack, AssurancePackRequest};
use spf_core::compliance::ComplianceReturn;
use spf_core::register::IncidentRecord;
use spf_core::site::Site;
use spf_core::{Basis, Engine, ErrorCode, json as ops};

fn site(id: &str, area: Option<&str>) -> Value {
    let mut site = json!({
        "id": id, "name": format!("Site {id}"), "tier": "low", "tierAssessed": "2026-02-10",
        "ctPlan": {"variesByResponseLevel": true, "lastTested": "2025-06-01"},
        "riskAssessed": "2026-01-10"
    });
    if let Some(area) = area {
        site["businessArea"] = json!(area);
    }
    site
}

fn agreed(description: &str) -> Value {
    json!({"description": description,
           "agreement": {"accountingOfficer": "Chief Executive", "role": "accountingOfficer", "agreedOn": "2026-01-15"}})
}

fn a_return(area: &str, date: &str) -> Value {
    json!({"businessArea": area, "returnDate": date, "elements": [
        {"element": "informationPolicy", "status": "variation", "variation": agreed(&format!("{area} information policy"))},
        // Managed centrally: no business area may vary it.
        {"element": "recruitmentChecksAndNationalSecurityVetting", "status": "variation", "variation": agreed("local vetting")}
    ]})
}

fn record(id: &str, day: &str, person: &str) -> Value {
    json!({"id": id, "occurred": day, "identified": day, "recorded": day, "businessArea": "HMCTS",
           "site": "A", "person": person, "kind": "lossOfPass", "level": "minor", "nearMiss": false})
}

fn request() -> Value {
    json!({
        "asOf": "2026-11-30", "threatLevel": "substantial",
        "from": "2025-12-01", "to": "2026-11-30",
        "sites": [site("A", Some("HMCTS")), site("B", Some("HMPPS")), site("C", Some(" LAA ")), site("D", None)],
        "returns": [a_return("HMPPS", "2026-03-31"), a_return("HMCTS", "2026-03-31"), a_return("MoJ HQ", "2024-03-31")],
        "records": [record("I1", "2026-01-05", "P1"), record("I2", "2026-05-05", "P1"), record("I3", "2026-06-01", "P2")]
    })
}

fn pack_of(request: &Value) -> AssurancePack<'static> {
    pack(request)
}

fn pack(request: &Value) -> AssurancePack<'static> {
    let answer = ops::assurance_pack(&Engine::moj_default(), &request.to_string()).unwrap();
    serde_json::from_str(&answer).unwrap()
}

#[test]
fn each_part_is_what_its_own_operation_answers() {
    let engine = Engine::moj_default();
    let request = request();
    let pack = pack(&request);
    let portfolio: Value = serde_json::from_str(
        &ops::portfolio(
            &engine,
            &json!({"asOf": request["asOf"], "threatLevel": request["threatLevel"], "sites": request["sites"]})
                .to_string(),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(serde_json::to_value(&pack.estate).unwrap(), portfolio);
    let trends: Value = serde_json::from_str(
        &ops::trend_report(
            &engine,
            &json!({"from": request["from"], "to": request["to"], "records": request["records"]})
                .to_string(),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(serde_json::to_value(&pack.breaches).unwrap(), trends);
    // The year is as asked; the trends cover its whole quarters.
    assert_eq!(
        (pack.from.to_string(), pack.to.to_string()),
        ("2025-12-01".into(), "2026-11-30".into())
    );
    assert_eq!(
        (pack.breaches.from.to_string(), pack.breaches.to.to_string()),
        ("2025-10-01".into(), "2026-12-31".into())
    );
    let hmcts =
        ops::evaluate_compliance(&engine, &a_return("HMCTS", "2026-03-31").to_string()).unwrap();
    let hmcts: Value = serde_json::from_str(&hmcts).unwrap();
    let standing = pack
        .returns
        .iter()
        .find(|r| r.business_area == "HMCTS")
        .unwrap();
    assert_eq!(serde_json::to_value(&standing.gaps).unwrap(), hmcts["gaps"]);
    assert_eq!(standing.compliant, hmcts["compliant"].as_bool().unwrap());
}

#[test]
fn the_board_sees_returns_by_business_area_and_who_made_none() {
    let pack = pack(&request());
    let areas: Vec<(&str, bool)> = pack
        .returns
        .iter()
        .map(|r| (r.business_area.as_str(), r.in_year))
        .collect();
    // MoJ HQ's return is two years old: outside the year.
    assert_eq!(areas, [("HMCTS", true), ("HMPPS", true), ("MoJ HQ", false)]);
    // LAA runs a site (its name trimmed) and made no return; a site with no
    // business area names nobody.
    assert_eq!(pack.business_areas_without_return, ["LAA"]);
    assert_eq!(pack.summary.business_areas_without_return, 1);
    assert_eq!(pack.summary.returns_outside_year, 1);
}

#[test]
fn variations_carry_their_business_area_valid_ones_to_report_and_the_rest_invalid() {
    let pack = pack(&request());
    let to_report: Vec<(&str, &str)> = pack
        .variations_to_report
        .iter()
        .map(|v| (v.business_area.as_str(), v.variation.description.as_str()))
        .collect();
    // MoJ HQ's return is from 2024, outside the year: it does not speak for
    // this year's Governance Statement, so its variations are not listed.
    assert_eq!(
        to_report,
        [
            ("HMCTS", "HMCTS information policy"),
            ("HMPPS", "HMPPS information policy")
        ]
    );
    let invalid: Vec<(&str, &str)> = pack
        .invalid_variations
        .iter()
        .map(|v| (v.business_area.as_str(), v.variation.problem.as_str()))
        .collect();
    assert_eq!(
        invalid,
        [("HMCTS", "centrallyManaged"), ("HMPPS", "centrallyManaged")]
    );
    assert_eq!(
        (
            pack.summary.variations_to_report,
            pack.summary.invalid_variations
        ),
        (2, 2)
    );
    let moj = pack
        .returns
        .iter()
        .find(|r| r.business_area == "MoJ HQ")
        .unwrap();
    assert_eq!((moj.in_year, moj.invalid_variations), (false, 2));
    assert_eq!(pack.summary.returns_compliant, 0);
}

#[test]
fn of_several_returns_of_a_business_area_the_latest_is_used_whatever_their_order_or_spelling() {
    let returns = [
        a_return("HMCTS", "2025-03-31"),
        json!({"businessArea": "HMCTS"}),
        a_return(" hmcts ", "2026-03-31"),
        a_return("HMPPS", "2026-03-31"),
    ];
    let mut request = request();
    request["returns"] = json!(returns);
    let pack = pack(&request);
    let rejected: Vec<(usize, ErrorCode, &str)> = pack
        .rejected_returns
        .iter()
        .map(|r| (r.index, r.error.code, r.error.path.as_str()))
        .collect();
    assert_eq!(
        rejected,
        [
            (0, ErrorCode::DuplicateEntry, "/returns/0/businessArea"),
            (1, ErrorCode::MissingField, "/returns/1"),
        ]
    );
    let duplicate = &pack.rejected_returns[0].error.message;
    assert!(
        duplicate.contains("returns/2") && duplicate.contains("2026-03-31"),
        "{duplicate}"
    );
    let kept: Vec<(&str, String)> = pack
        .returns
        .iter()
        .map(|r| (r.business_area.as_str(), r.return_date.to_string()))
        .collect();
    assert_eq!(
        kept,
        [
            ("HMPPS", "2026-03-31".into()),
            ("hmcts", "2026-03-31".into())
        ]
    );
    // The site's HMCTS and the return's "hmcts" are one business area.
    assert_eq!(pack.business_areas_without_return, ["LAA"]);
    assert_eq!(pack.summary.returns_rejected, 2);

    // The same returns the other way round: the same return kept.
    let mut reversed = request.clone();
    let mut list = returns.to_vec();
    list.reverse();
    reversed["returns"] = json!(list);
    let other = pack_of(&reversed);
    assert_eq!(other.returns, pack.returns);
}

#[test]
fn the_summary_counts_what_the_parts_list() {
    let pack = pack(&request());
    let summary = pack.summary;
    assert_eq!(summary.sites, pack.estate.sites);
    assert_eq!(summary.sites, 4);
    assert_eq!(summary.sites_controls_not_recorded, 4);
    assert_eq!(summary.breaches, 3);
    // P1's two breaches within 12 months make a repeat.
    assert_eq!(summary.repeat_individuals, 1);
    assert_eq!(summary.hotspots, pack.breaches.hotspots.len());
    assert_eq!(
        summary.compliance_gaps,
        pack.returns.iter().map(|r| r.gaps.len()).sum::<usize>()
    );
}

#[test]
fn every_part_rests_on_the_text_that_asks_for_it_and_the_defaults_behind_its_figures() {
    let pack = pack(&request());
    let reasons: Vec<(&str, Basis)> = pack
        .reasons
        .iter()
        .map(|r| (r.rule_id(), r.basis))
        .collect();
    // The estate's schedules and matrix, the variations' review period and the
    // breaches' thresholds are defaults under the MoJ default: the reasons
    // that present them say so.
    assert_eq!(
        reasons,
        [
            ("assurance.estate", Basis::ConfigurableDefault),
            ("assurance.returns", Basis::PolicyStatement),
            ("assurance.variations", Basis::ConfigurableDefault),
            ("assurance.breaches", Basis::ConfigurableDefault),
        ]
    );
    let cites = |rule: &str| {
        pack.reasons
            .iter()
            .find(|r| r.rule_id() == rule)
            .unwrap()
            .citation
            .to_string()
    };
    let estate = cites("assurance.estate");
    for part in [
        "Executive Management Board and Permanent Secretary",
        "illustrative",
        "verified for 12 months",
        "domain-facts gap 2",
    ] {
        assert!(estate.contains(part), "{part:?} not in {estate}");
    }
    assert!(cites("assurance.returns").contains("annual Governance Statement"));
    let variations = cites("assurance.variations");
    assert!(
        variations.contains("reported in annual governance"),
        "{variations}"
    );
    assert!(variations.contains("domain-facts §6.1"), "{variations}");
    let breaches = cites("assurance.breaches");
    assert!(breaches.starts_with("POLSBP002; "), "{breaches}");
    assert!(breaches.contains("domain-facts gap 15"), "{breaches}");
    // Each source is cited once.
    assert_eq!(
        breaches.matches("domain-facts gap 15 (quarterly").count(),
        1
    );
}

#[test]
fn the_pack_does_not_depend_on_the_order_of_the_returns() {
    let request = request();
    let mut reversed = request.clone();
    let mut returns = reversed["returns"].as_array().unwrap().clone();
    returns.reverse();
    reversed["returns"] = Value::Array(returns);
    assert_eq!(pack(&request), pack(&reversed));
}

#[test]
fn the_typed_request_gives_the_json_operations_pack() {
    let request = request();
    let typed = AssurancePackRequest {
        schema_version: None,
        as_of: "2026-11-30".parse().unwrap(),
        threat_level: spf_core::site::ThreatLevel::Substantial,
        from: "2025-12-01".parse().unwrap(),
        to: "2026-11-30".parse().unwrap(),
        sites: serde_json::from_value::<Vec<Site>>(request["sites"].clone()).unwrap(),
        returns: serde_json::from_value::<Vec<ComplianceReturn>>(request["returns"].clone())
            .unwrap(),
        records: serde_json::from_value::<Vec<IncidentRecord>>(request["records"].clone()).unwrap(),
    };
    let engine = Engine::moj_default();
    assert_eq!(
        engine.assurance_pack_request(&typed).unwrap(),
        pack(&request)
    );
}

#[test]
fn a_year_that_ends_before_it_starts_is_an_error_of_the_request() {
    let mut request = request();
    request["to"] = json!("2025-01-01");
    let error = ops::assurance_pack(&Engine::moj_default(), &request.to_string()).unwrap_err();
    assert_eq!(error.code, ErrorCode::DateOutOfOrder, "{error}");
}
