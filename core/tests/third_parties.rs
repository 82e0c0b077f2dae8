//! Third parties: a register of contractors and suppliers checked against the
//! corporate security policy's sentence on control requirements, each finding
//! with its severity and basis, the confirmation period's calendar arithmetic,
//! the policy section's authority, and properties of the register.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use serde_json::{Value, json};
use spf_core::site::Severity;
use spf_core::third_party::{
    ConfirmationStatus, OutOfScopeCode, Standing, Supplier, SupplierStanding, ThirdPartiesRequest,
    ThirdPartyFindingCode, ThirdPartyReport,
};
use spf_core::{Basis, Date, Engine, ErrorCode, Policy, json as ops};

fn supplier(id: &str, communicated: Option<&str>, confirmed: Option<&str>) -> Value {
    json!({
        "id": id, "name": format!("Supplier {id}"), "businessArea": "HMCTS",
        "contractReference": format!("C/{id}"),
        "entrustedWithMarkedInformation": true,
        "entrustedWithBusinessCriticalInformation": false,
        "unsupervisedAccessToProperty": true,
        "requirementsCommunicated": communicated,
        "complianceLastConfirmed": confirmed,
    })
}

fn report(as_of: &str, suppliers: &[Value]) -> ThirdPartyReport {
    report_under(&Engine::moj_default(), as_of, suppliers)
}

fn report_under(engine: &Engine, as_of: &str, suppliers: &[Value]) -> ThirdPartyReport {
    let request = json!({"asOf": as_of, "suppliers": suppliers});
    let answer = ops::third_parties(engine, &request.to_string()).unwrap();
    serde_json::from_str(&answer).unwrap()
}

fn one(as_of: &str, supplier: Value) -> SupplierStanding {
    let mut report = report(as_of, &[supplier]);
    assert_eq!(report.rejected, Vec::new());
    report.suppliers.remove(0)
}

fn codes(standing: &SupplierStanding) -> Vec<ThirdPartyFindingCode> {
    standing.findings.iter().map(|f| f.code).collect()
}

fn day(text: &str) -> Date {
    text.parse().unwrap()
}

// ---------------------------------------------------------------------------
// Scope: "marked or business critical information and with unsupervised access".

#[test]
fn marked_or_business_critical_information_with_unsupervised_access_is_in_scope() {
    for (marked, critical) in [(true, false), (false, true), (true, true)] {
        let mut s = supplier("S", None, None);
        s["entrustedWithMarkedInformation"] = json!(marked);
        s["entrustedWithBusinessCriticalInformation"] = json!(critical);
        let standing = one("2026-11-23", s);
        assert_eq!(
            standing.standing,
            Standing::NotCompliant,
            "{marked} {critical}"
        );
        assert!(standing.out_of_scope.is_empty());
        assert_eq!(standing.reasons[0].rule_id(), "thirdParty.inScope");
    }
}

#[test]
fn a_supplier_missing_either_condition_is_out_of_scope_with_the_reason_and_no_finding() {
    for (marked, critical, unsupervised, expected) in [
        (
            true,
            true,
            false,
            vec![OutOfScopeCode::NoUnsupervisedAccess],
        ),
        (
            false,
            false,
            true,
            vec![OutOfScopeCode::NoMarkedOrBusinessCriticalInformation],
        ),
        (
            false,
            false,
            false,
            vec![
                OutOfScopeCode::NoMarkedOrBusinessCriticalInformation,
                OutOfScopeCode::NoUnsupervisedAccess,
            ],
        ),
    ] {
        let mut s = supplier("S", None, None);
        s["entrustedWithMarkedInformation"] = json!(marked);
        s["entrustedWithBusinessCriticalInformation"] = json!(critical);
        s["unsupervisedAccessToProperty"] = json!(unsupervised);
        let standing = one("2026-11-23", s);
        assert_eq!(standing.standing, Standing::OutOfScope);
        assert!(standing.findings.is_empty());
        assert_eq!(standing.confirmation, None);
        let got: Vec<OutOfScopeCode> = standing.out_of_scope.iter().map(|r| r.code).collect();
        assert_eq!(got, expected);
        for reason in &standing.out_of_scope {
            assert_eq!(reason.severity, Severity::Low);
            assert_eq!(reason.basis, Basis::PolicyStatement);
            assert!(reason.citation.as_str().contains("unsupervised access"));
        }
        assert_eq!(standing.reasons.len(), 1);
        assert_eq!(standing.reasons[0].rule_id(), "thirdParty.outOfScope");
    }
}

// ---------------------------------------------------------------------------
// Each finding, its severity and its basis.

#[test]
fn requirements_never_communicated_is_high_on_the_statement() {
    let standing = one("2026-11-23", supplier("S", None, Some("2026-06-01")));
    assert_eq!(
        codes(&standing),
        [ThirdPartyFindingCode::RequirementsNotCommunicated]
    );
    let finding = &standing.findings[0];
    assert_eq!(finding.severity, Severity::High);
    assert_eq!(finding.basis, Basis::PolicyStatement);
    assert!(
        finding
            .citation
            .as_str()
            .starts_with("Corporate Security Policy")
    );
}

#[test]
fn compliance_never_confirmed_is_high_on_the_statement() {
    let standing = one("2026-11-23", supplier("S", Some("2026-01-05"), None));
    assert_eq!(
        codes(&standing),
        [ThirdPartyFindingCode::ComplianceNeverConfirmed]
    );
    assert_eq!(standing.findings[0].severity, Severity::High);
    assert_eq!(standing.findings[0].basis, Basis::PolicyStatement);
    let confirmation = standing.confirmation.unwrap();
    assert_eq!(confirmation.status, ConfirmationStatus::NeverConfirmed);
    // The reason rests on the sentence alone.
    assert_eq!(standing.reasons[2].basis, Basis::PolicyStatement);
}

#[test]
fn a_lapsed_confirmation_is_medium_on_the_configurable_period() {
    let standing = one(
        "2026-11-23",
        supplier("S", Some("2025-01-05"), Some("2025-11-22")),
    );
    assert_eq!(
        codes(&standing),
        [ThirdPartyFindingCode::ComplianceConfirmationLapsed]
    );
    let finding = &standing.findings[0];
    assert_eq!(finding.severity, Severity::Medium);
    assert_eq!(finding.basis, Basis::ConfigurableDefault);
    assert!(finding.citation.as_str().contains("every 12 months"));
    assert!(finding.citation.as_str().contains("; a default"));
    assert_eq!(standing.standing, Standing::NotCompliant);
}

#[test]
fn a_confirmation_due_soon_is_low_and_still_compliant() {
    let standing = one(
        "2026-11-23",
        supplier("S", Some("2025-01-05"), Some("2026-02-21")),
    );
    assert_eq!(
        codes(&standing),
        [ThirdPartyFindingCode::ComplianceConfirmationDueSoon]
    );
    assert_eq!(standing.findings[0].severity, Severity::Low);
    assert_eq!(standing.findings[0].basis, Basis::ConfigurableDefault);
    assert_eq!(standing.standing, Standing::Compliant);
    // A day later the window has not opened yet.
    let standing = one(
        "2026-11-23",
        supplier("S", Some("2025-01-05"), Some("2026-02-22")),
    );
    assert_eq!(codes(&standing), []);
    assert_eq!(
        standing.confirmation.unwrap().due_soon_from,
        Some(day("2026-11-24"))
    );
}

#[test]
fn neither_communicated_nor_confirmed_gives_both_high_findings() {
    let standing = one("2026-11-23", supplier("S", None, None));
    assert_eq!(
        codes(&standing),
        [
            ThirdPartyFindingCode::RequirementsNotCommunicated,
            ThirdPartyFindingCode::ComplianceNeverConfirmed
        ]
    );
}

#[test]
fn every_code_has_the_documented_severity() {
    let severities: Vec<(&str, Severity)> = ThirdPartyFindingCode::ALL
        .iter()
        .map(|code| (code.as_str(), code.severity()))
        .collect();
    assert_eq!(
        severities,
        [
            ("requirementsNotCommunicated", Severity::High),
            ("complianceNeverConfirmed", Severity::High),
            ("complianceConfirmationLapsed", Severity::Medium),
            ("complianceConfirmationDueSoon", Severity::Low),
        ]
    );
}

// ---------------------------------------------------------------------------
// The confirmation period's calendar arithmetic.

fn status_on(as_of: &str, confirmed: &str) -> (ConfirmationStatus, Option<Date>) {
    let standing = one(as_of, supplier("S", Some("2020-01-01"), Some(confirmed)));
    let confirmation = standing.confirmation.unwrap();
    (confirmation.status, confirmation.stands_until)
}

#[test]
fn a_confirmation_on_29_february_stands_until_28_february() {
    assert_eq!(
        status_on("2025-02-28", "2024-02-29"),
        (ConfirmationStatus::DueSoon, Some(day("2025-02-28")))
    );
    assert_eq!(
        status_on("2025-03-01", "2024-02-29").0,
        ConfirmationStatus::Lapsed
    );
    // Into a leap year: 28 February 2023 stands until 28 February 2024, not 29.
    assert_eq!(
        status_on("2024-02-29", "2023-02-28"),
        (ConfirmationStatus::Lapsed, Some(day("2024-02-28")))
    );
}

#[test]
fn month_ends_clamp_to_the_shorter_month() {
    let mut policy = Policy::moj_default();
    policy.third_parties.confirmation_period.months = 6;
    policy.third_parties.due_soon.days = 0;
    let engine = Engine::new(policy).unwrap();
    let on = |as_of: &str, confirmed: &str| {
        let report = report_under(
            &engine,
            as_of,
            &[supplier("S", Some("2020-01-01"), Some(confirmed))],
        );
        report.suppliers[0].confirmation.unwrap()
    };
    // 31 August + 6 months is 28 February (2026 is not a leap year).
    let c = on("2026-02-28", "2025-08-31");
    assert_eq!(c.stands_until, Some(day("2026-02-28")));
    assert_eq!(c.status, ConfirmationStatus::DueSoon);
    assert_eq!(
        on("2026-03-01", "2025-08-31").status,
        ConfirmationStatus::Lapsed
    );
    // 31 August 2023 + 6 months is 29 February 2024.
    assert_eq!(
        on("2024-02-29", "2023-08-31").stands_until,
        Some(day("2024-02-29"))
    );
    // 30 September + 6 months is 30 March, not the month's end.
    assert_eq!(
        on("2026-03-30", "2025-09-30").stands_until,
        Some(day("2026-03-30"))
    );
    assert_eq!(
        on("2026-03-31", "2025-09-30").status,
        ConfirmationStatus::Lapsed
    );
}

#[test]
fn the_period_and_window_are_the_policy_documents() {
    let mut policy = Policy::moj_default();
    policy.third_parties.confirmation_period.months = 24;
    policy.third_parties.due_soon.days = 30;
    let engine = Engine::new(policy).unwrap();
    let s = supplier("S", Some("2024-01-01"), Some("2025-01-10"));
    let report = report_under(&engine, "2026-11-23", std::slice::from_ref(&s));
    assert_eq!(codes(&report.suppliers[0]), []);
    assert_eq!(
        report.suppliers[0].confirmation.unwrap().stands_until,
        Some(day("2027-01-10"))
    );
    let report = report_under(&Engine::moj_default(), "2026-11-23", &[s]);
    assert_eq!(
        codes(&report.suppliers[0]),
        [ThirdPartyFindingCode::ComplianceConfirmationLapsed]
    );
}

// ---------------------------------------------------------------------------
// The register: rejected records, business areas, counts.

#[test]
fn a_later_supplier_with_an_earlier_ones_id_is_rejected_and_the_rest_checked() {
    let report = report(
        "2026-11-23",
        &[
            supplier("DUP", Some("2026-01-05"), Some("2026-06-01")),
            supplier("DUP", None, None),
            json!({"id": "BAD", "oops": true}),
            supplier("OK", Some("2026-01-05"), Some("2026-06-01")),
        ],
    );
    assert_eq!(report.suppliers.len(), 2);
    assert_eq!(report.suppliers[0].id, "DUP");
    assert_eq!(report.suppliers[0].standing, Standing::Compliant);
    let rejected: Vec<(usize, ErrorCode, &str)> = report
        .rejected
        .iter()
        .map(|r| (r.index, r.error.code, r.error.path.as_str()))
        .collect();
    assert_eq!(
        rejected[0],
        (1, ErrorCode::DuplicateEntry, "/suppliers/1/id")
    );
    assert_eq!(rejected[1].0, 2);
    assert!(rejected[1].2.starts_with("/suppliers/2"));
}

#[test]
fn blank_fields_and_dates_after_as_of_are_rejected_with_their_pointers() {
    let mut blank_area = supplier("A", None, None);
    blank_area["businessArea"] = json!("  ");
    let mut blank_id = supplier("B", None, None);
    blank_id["id"] = json!("");
    let future_communication = supplier("C", Some("2026-11-24"), None);
    let future_confirmation = supplier("D", Some("2026-01-01"), Some("2027-01-01"));
    let on_the_day = supplier("E", Some("2026-11-23"), Some("2026-11-23"));
    let report = report(
        "2026-11-23",
        &[
            blank_area,
            blank_id,
            future_communication,
            future_confirmation,
            on_the_day,
        ],
    );
    let rejected: Vec<(ErrorCode, &str)> = report
        .rejected
        .iter()
        .map(|r| (r.error.code, r.error.path.as_str()))
        .collect();
    assert_eq!(
        rejected,
        [
            (ErrorCode::InvalidType, "/suppliers/0/businessArea"),
            (ErrorCode::InvalidType, "/suppliers/1/id"),
            (
                ErrorCode::DateOutOfOrder,
                "/suppliers/2/requirementsCommunicated"
            ),
            (
                ErrorCode::DateOutOfOrder,
                "/suppliers/3/complianceLastConfirmed"
            ),
        ]
    );
    assert_eq!(report.suppliers.len(), 1);
    assert_eq!(report.suppliers[0].standing, Standing::Compliant);
}

#[test]
fn business_areas_match_without_regard_to_case_or_spacing() {
    let mut a = supplier("A", None, None);
    a["businessArea"] = json!("hmcts ");
    let mut b = supplier("B", Some("2026-01-05"), Some("2026-06-01"));
    b["businessArea"] = json!(" HMCTS");
    let mut c = supplier("C", Some("2026-01-05"), Some("2026-06-01"));
    c["businessArea"] = json!("Legal  Aid Agency");
    let mut d = supplier("D", Some("2026-01-05"), Some("2026-06-01"));
    d["businessArea"] = json!("legal aid agency");
    let report = report("2026-11-23", &[a, b, c, d]);
    let areas: Vec<(&str, usize, usize)> = report
        .business_areas
        .iter()
        .map(|a| {
            (
                a.business_area.as_str(),
                a.counts.suppliers,
                a.counts.compliant,
            )
        })
        .collect();
    assert_eq!(areas, [("HMCTS", 2, 1), ("Legal  Aid Agency", 2, 2)]);
    assert_eq!(report.summary.suppliers, 4);
    assert_eq!(report.summary.compliant, 3);
    assert_eq!(report.summary.findings.requirements_not_communicated, 1);
}

#[test]
fn the_register_reason_rests_on_every_rule_behind_its_counts() {
    let report = report("2026-11-23", &[supplier("S", None, None)]);
    let reason = &report.reasons[0];
    assert_eq!(reason.rule_id(), "thirdParties.register");
    assert_eq!(reason.basis, Basis::ConfigurableDefault);
    assert!(
        reason
            .citation
            .as_str()
            .contains("with unsupervised access)")
    );
    assert!(reason.citation.as_str().contains("every 12 months"));
    assert!(reason.citation.as_str().contains("90 days"));
}

#[test]
fn the_typed_request_gives_the_json_operations_answer() {
    let suppliers = [
        supplier("A", None, None),
        supplier("B", Some("2026-01-05"), Some("2025-06-01")),
    ];
    let request = json!({"asOf": "2026-11-23", "suppliers": suppliers});
    let typed: ThirdPartiesRequest = serde_json::from_value(request.clone()).unwrap();
    let engine = Engine::moj_default();
    assert_eq!(
        engine.third_parties_request(&typed).unwrap(),
        serde_json::from_str::<ThirdPartyReport>(
            &ops::third_parties(&engine, &request.to_string()).unwrap()
        )
        .unwrap()
    );
}

#[test]
fn a_request_that_is_not_a_register_is_an_error() {
    let engine = Engine::moj_default();
    let error = ops::third_parties(&engine, r#"{"asOf":"2026-11-23"}"#).unwrap_err();
    assert_eq!(error.code, ErrorCode::MissingField);
    let error =
        ops::third_parties(&engine, r#"{"asOf":"2026-11-23","suppliers":[],"x":1}"#).unwrap_err();
    assert_eq!(error.code, ErrorCode::UnknownField);
    let error = ops::third_parties(
        &engine,
        r#"{"schemaVersion":2,"asOf":"2026-11-23","suppliers":[]}"#,
    )
    .unwrap_err();
    assert_eq!(error.code, ErrorCode::UnsupportedSchemaVersion);
}

// ---------------------------------------------------------------------------
// The policy section: validation and authority.

#[test]
fn the_policy_section_is_validated() {
    let mut policy = Policy::moj_default();
    policy.third_parties.confirmation_period.months = 0;
    policy.third_parties.due_soon.days = 400;
    let errors = Engine::new(policy).unwrap_err();
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/thirdParties/confirmationPeriod/months",
            "/thirdParties/dueSoon/days"
        ]
    );
}

#[test]
fn an_agency_cannot_quietly_weaken_the_statement_but_may_change_the_defaults() {
    let mut policy = Policy::moj_default();
    policy.third_parties.control_requirements =
        spf_core::Source::default_value("agency: suppliers are trusted");
    let errors = Engine::new(policy).unwrap_err();
    assert_eq!(errors.first().code, ErrorCode::PolicyWeakensStatement);
    assert_eq!(
        errors.first().path,
        "/thirdParties/controlRequirements/basis"
    );

    let mut policy = Policy::moj_default();
    policy.third_parties.confirmation_period.months = 36;
    policy.third_parties.due_soon.days = 0;
    assert!(Engine::new(policy).is_ok());
}

#[test]
fn a_policy_document_without_the_section_does_not_load() {
    let mut document: Value =
        serde_json::from_str(&Policy::moj_default().to_json_pretty()).unwrap();
    document.as_object_mut().unwrap().remove("thirdParties");
    let errors = Engine::from_policy_json(&document.to_string()).unwrap_err();
    assert_eq!(errors.first().code, ErrorCode::MissingField);
}

// ---------------------------------------------------------------------------
// Properties.

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        // Keep the source tree clean: no proptest-regressions files.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

const AREAS: [&str; 5] = ["HMCTS", "hmcts", "HMPPS", "LAA", "MoJ HQ"];

fn date_between(from: Date, days: u32) -> impl Strategy<Value = Date> {
    (0..=days).prop_map(move |n| from.days_after(n).unwrap())
}

fn a_supplier(id: usize) -> impl Strategy<Value = Supplier> {
    let start = day("2023-01-01");
    (
        0..AREAS.len(),
        any::<(bool, bool, bool)>(),
        prop::option::of(date_between(start, 1422)),
        prop::option::of(date_between(start, 1422)),
    )
        .prop_map(
            move |(area, (marked, critical, unsupervised), communicated, confirmed)| Supplier {
                id: format!("SUP-{id}"),
                name: format!("Supplier {id}"),
                business_area: AREAS[area].to_owned(),
                contract_reference: format!("C/{id}"),
                entrusted_with_marked_information: marked,
                entrusted_with_business_critical_information: critical,
                unsupervised_access_to_property: unsupervised,
                requirements_communicated: communicated,
                compliance_last_confirmed: confirmed,
            },
        )
}

fn a_register() -> impl Strategy<Value = Vec<Supplier>> {
    (0usize..12).prop_flat_map(|n| (0..n).map(a_supplier).collect::<Vec<_>>())
}

/// The day checked on: 2026-11-23, after every generated date.
fn as_of() -> Date {
    day("2026-11-23")
}

proptest! {
    #![proptest_config(config())]

    /// Confirming a supplier's compliance later (up to the day checked on)
    /// never adds a finding nor makes one more serious (a confirmation long
    /// ago may turn "never confirmed" into "lapsed", never the other way), and
    /// never makes a compliant supplier not compliant.
    #[test]
    fn confirming_compliance_later_never_adds_a_finding(
        supplier in a_supplier(0),
        later in 0u32..800,
    ) {
        let engine = Engine::moj_default();
        let before = engine.third_parties(std::slice::from_ref(&supplier), as_of());
        let mut moved = supplier.clone();
        moved.compliance_last_confirmed = Some(match supplier.compliance_last_confirmed {
            Some(date) => date.days_after(later).unwrap().min(as_of()),
            None => as_of().days_before(later).unwrap(),
        });
        let after = engine.third_parties(&[moved], as_of());
        let (before, after) = (&before.suppliers[0], &after.suppliers[0]);
        // How serious the confirmation's finding is: none, due soon, lapsed,
        // never confirmed.
        let weight = |standing: &SupplierStanding| {
            standing.findings.iter().map(|f| match f.code {
                ThirdPartyFindingCode::RequirementsNotCommunicated => 0,
                ThirdPartyFindingCode::ComplianceConfirmationDueSoon => 1,
                ThirdPartyFindingCode::ComplianceConfirmationLapsed => 2,
                ThirdPartyFindingCode::ComplianceNeverConfirmed => 3,
            }).max().unwrap_or(0)
        };
        prop_assert!(weight(after) <= weight(before), "{:?} -> {:?}", before.findings, after.findings);
        let communicated = |standing: &SupplierStanding| standing.findings.iter()
            .any(|f| f.code == ThirdPartyFindingCode::RequirementsNotCommunicated);
        prop_assert_eq!(communicated(after), communicated(before));
        prop_assert!(after.findings.len() <= before.findings.len());
        if before.standing == Standing::Compliant {
            prop_assert_eq!(after.standing, Standing::Compliant);
        }
    }

    /// The order of the register changes nothing in the answer (with unique
    /// ids: of two records with one id the earlier is kept).
    #[test]
    fn supplier_order_never_changes_the_report(
        (register, order) in a_register().prop_flat_map(|register| {
            let n = register.len();
            (Just(register), Just((0..n).collect::<Vec<_>>()).prop_shuffle())
        }),
    ) {
        let engine = Engine::moj_default();
        let shuffled: Vec<Supplier> = order.iter().map(|&i| register[i].clone()).collect();
        let a = engine.third_parties(&register, as_of());
        let b = engine.third_parties(&shuffled, as_of());
        prop_assert_eq!(&a.summary, &b.summary);
        prop_assert_eq!(&a.business_areas, &b.business_areas);
        prop_assert_eq!(&a.suppliers, &b.suppliers);
    }

    /// The summary is the sum of the business areas, and each supplier in
    /// scope is compliant exactly when it has no finding but one due soon.
    #[test]
    fn the_counts_add_up(register in a_register()) {
        let report = Engine::moj_default().third_parties(&register, as_of());
        let sum = |f: fn(&spf_core::third_party::SupplierCounts) -> usize| {
            report.business_areas.iter().map(|a| f(&a.counts)).sum::<usize>()
        };
        prop_assert_eq!(sum(|c| c.suppliers), report.summary.suppliers);
        prop_assert_eq!(sum(|c| c.compliant), report.summary.compliant);
        prop_assert_eq!(sum(|c| c.findings.compliance_confirmation_lapsed),
            report.summary.findings.compliance_confirmation_lapsed);
        prop_assert_eq!(report.summary.in_scope + report.summary.out_of_scope, report.summary.suppliers);
        prop_assert_eq!(report.summary.compliant + report.summary.not_compliant, report.summary.in_scope);
        prop_assert_eq!(report.suppliers.len(), register.len());
        for standing in &report.suppliers {
            let supplier = register.iter().find(|s| s.id == standing.id).unwrap();
            prop_assert_eq!(standing.standing == Standing::OutOfScope, !supplier.in_scope());
            prop_assert_eq!(
                standing.standing == Standing::Compliant,
                supplier.in_scope() && standing.findings.iter()
                    .all(|f| f.code == ThirdPartyFindingCode::ComplianceConfirmationDueSoon)
            );
        }
    }
}

#[test]
fn a_confirmation_before_the_requirements_were_communicated_confirms_nothing() {
    // Requirements (re-)communicated on 1 January 2026; the last confirmation
    // is from June 2025, against the requirements the supplier had then.
    let standing = one(
        "2026-03-01",
        supplier("SUP-1", Some("2026-01-01"), Some("2025-06-01")),
    );
    assert_eq!(
        codes(&standing),
        [ThirdPartyFindingCode::ComplianceNeverConfirmed]
    );
    assert_eq!(
        standing.findings[0].message,
        "the supplier's compliance was last confirmed on 2025-06-01, before the control requirements were communicated on 2026-01-01: compliance with them was never confirmed"
    );
    // Confirmed on the day they were communicated, or after: it stands.
    let standing = one(
        "2026-03-01",
        supplier("SUP-1", Some("2026-01-01"), Some("2026-01-01")),
    );
    assert!(standing.findings.is_empty(), "{:?}", standing.findings);
}
