//! Policy authority: an agency's document may tighten a statement of the MoJ
//! texts but not loosen it, unless its Accounting Officer agreed the loosening
//! as a variation; then every answer resting on it says so.
//!
//! One table drives three checks: each loosening edit is rejected with
//! `policyWeakensStatement` at the edited value; the same edit declared as a
//! variation loads, and an answer resting on it carries `agencyVariation` and
//! cites the variation; tightening edits load without a word.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use serde_json::{Value, json};
use spf_core::{Engine, ErrorCode, Policy};

use common::variations::agreement;

/// The MoJ default as an agency would edit it: JSON.
fn baseline() -> Value {
    serde_json::from_str(&Policy::moj_default().to_json_pretty()).unwrap()
}

/// The index of the entry of the array at `array` whose `field` is `value`.
fn index_of(document: &Value, array: &str, field: &str, value: &str) -> usize {
    document
        .pointer(array)
        .and_then(Value::as_array)
        .and_then(|items| items.iter().position(|item| item[field] == value))
        .unwrap_or_else(|| panic!("no entry with {field} = {value} in {array}"))
}

/// Sets the value at `pointer`, adding the last field if it is missing.
fn set(document: &mut Value, pointer: &str, value: Value) {
    let (parent, field) = pointer.rsplit_once('/').unwrap();
    let parent = document
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("no value at {parent}"));
    match parent {
        Value::Array(items) => items[field.parse::<usize>().unwrap()] = value,
        Value::Object(map) => {
            map.insert(field.to_owned(), value);
        }
        _ => panic!("{pointer} is inside a scalar"),
    }
}

/// One edit of the MoJ default.
struct Edit {
    /// What the edit does, for failure messages.
    name: &'static str,
    /// The value edited and its new value.
    changes: Vec<(String, Value)>,
    /// Where the loosening is reported (the values, or the source's label).
    reported_at: Vec<String>,
    /// The source that must declare the variation.
    source: String,
    /// An operation and request whose answer rests on the edited rule.
    probe: (&'static str, Value),
}

fn breach(kind: &str, extra: Value) -> Value {
    let mut report = json!({
        "kind": kind,
        "care": "avoidableCarelessness",
        "occurred": "2026-07-01",
        "person": {"status": "employee", "organisation": "moj"}
    });
    if let (Some(report), Some(extra)) = (report.as_object_mut(), extra.as_object()) {
        for (key, value) in extra {
            report.insert(key.clone(), value.clone());
        }
    }
    report
}

fn site(tier: &str, ct_plan: Value) -> Value {
    json!({
        "asOf": "2026-11-23",
        "threatLevel": "moderate",
        "site": {
            "id": "S-1", "name": "Site", "businessArea": "HMCTS", "tier": tier,
            "tierAssessed": "2026-02-10", "ctPlan": ct_plan, "riskAssessed": "2026-01-20"
        }
    })
}

fn compliance_return() -> Value {
    json!({
        "schemaVersion": 1,
        "businessArea": "HMCTS",
        "returnDate": "2026-03-31",
        "elements": [{"element": "riskManagement", "status": "inPlace"}]
    })
}

/// Loosening edits, each with the source it must vary and a probe.
fn loosenings() -> Vec<Edit> {
    let doc = baseline();
    let kind = |name: &str| {
        format!(
            "/breach/kinds/{}",
            index_of(&doc, "/breach/kinds", "kind", name)
        )
    };
    let legacy = |name: &str| {
        format!(
            "/breach/markings/legacy/{}",
            index_of(&doc, "/breach/markings/legacy", "marking", name)
        )
    };
    let tests = |tier: &str| {
        format!(
            "/counterTerrorism/ctPlanTests/{}",
            index_of(&doc, "/counterTerrorism/ctPlanTests", "tier", tier)
        )
    };
    let threat_assessment = |tier: &str| {
        format!(
            "/counterTerrorism/obligations/threatAssessment/{}",
            index_of(
                &doc,
                "/counterTerrorism/obligations/threatAssessment",
                "tier",
                tier
            )
        )
    };
    let status_route = |status: &str| {
        format!(
            "/breach/routes/{}",
            index_of(&doc, "/breach/routes", "status", status)
        )
    };
    let value_edit = |name, at: String, value: Value, source: String, probe| Edit {
        name,
        changes: vec![(at.clone(), value)],
        reported_at: vec![at],
        source,
        probe,
    };
    let relabel = |name, source: String, probe| Edit {
        name,
        changes: vec![(format!("{source}/basis"), json!("configurableDefault"))],
        reported_at: vec![format!("{source}/basis")],
        source,
        probe,
    };
    let recite = |name, source: String, probe| Edit {
        name,
        changes: vec![(format!("{source}/citation"), json!("Agency instruction 7"))],
        reported_at: vec![format!("{source}/citation")],
        source,
        probe,
    };
    let sharing = breach("passwordOrAccountSharing", json!({}));
    let secret = breach(
        "securityCabinetNotLocked",
        json!({"marking": {"classification": "secret"}}),
    );
    vec![
        value_edit(
            "a serious-list kind lowered to minor",
            format!("{}/floor", kind("passwordOrAccountSharing")),
            json!("minor"),
            format!("{}/source", kind("passwordOrAccountSharing")),
            ("assessBreach", sharing.clone()),
        ),
        value_edit(
            "a gross-list kind lowered to serious",
            format!("{}/floor", kind("classifiedMaterialDisclosed")),
            json!("serious"),
            format!("{}/source", kind("classifiedMaterialDisclosed")),
            (
                "assessBreach",
                breach("classifiedMaterialDisclosed", json!({})),
            ),
        ),
        value_edit(
            "a criminal act no longer a criminal act",
            format!("{}/criminalAct", kind("criminalAct")),
            json!(false),
            format!("{}/source", kind("criminalAct")),
            ("assessBreach", breach("criminalAct", json!({}))),
        ),
        value_edit(
            "SECRET and above no longer gross",
            "/breach/classifiedMaterial/minimum".into(),
            json!("serious"),
            "/breach/classifiedMaterial/source".into(),
            ("assessBreach", secret.clone()),
        ),
        value_edit(
            "a lower matrix score",
            "/breach/matrix/official/3".into(),
            json!(4),
            "/breach/matrix/source".into(),
            ("assessBreach", sharing.clone()),
        ),
        value_edit(
            "a lower SECRET score",
            "/breach/matrix/secret/0".into(),
            json!(3),
            "/breach/matrix/source".into(),
            ("assessBreach", secret.clone()),
        ),
        value_edit(
            "CONFIDENTIAL scored as OFFICIAL",
            format!("{}/scoredAs", legacy("confidential")),
            json!("official"),
            format!("{}/source", legacy("confidential")),
            (
                "assessBreach",
                breach(
                    "securityCabinetNotLocked",
                    json!({"marking": {"classification": "confidential"}}),
                ),
            ),
        ),
        value_edit(
            "probationers under the disciplinary policy",
            format!("{}/route", status_route("probationer")),
            json!("mojDisciplinaryPolicy"),
            format!("{}/source", status_route("probationer")),
            (
                "assessBreach",
                breach(
                    "lossOfPass",
                    json!({"person": {"status": "probationer", "organisation": "moj"}}),
                ),
            ),
        ),
        value_edit(
            "contractors under the disciplinary policy",
            format!("{}/route", status_route("contractor")),
            json!("mojDisciplinaryPolicy"),
            format!("{}/source", status_route("contractor")),
            (
                "assessBreach",
                breach(
                    "lossOfPass",
                    json!({"person": {"status": "contractor", "organisation": "moj"}}),
                ),
            ),
        ),
        value_edit(
            "Security consulted before acting only from red",
            "/breach/flags/consultSecurity/beforeActing/fromBand".into(),
            json!("red"),
            "/breach/flags/consultSecurity/beforeActing/source".into(),
            (
                "assessBreach",
                breach("lossOfPass", json!({"care": "deliberate"})),
            ),
        ),
        Edit {
            name: "MODERATE sites tested every three years",
            changes: vec![
                (format!("{}/dueAfterMonths", tests("moderate")), json!(36)),
                (
                    format!("{}/overdueAfterMonths", tests("moderate")),
                    json!(36),
                ),
            ],
            reported_at: vec![
                format!("{}/dueAfterMonths", tests("moderate")),
                format!("{}/overdueAfterMonths", tests("moderate")),
            ],
            source: format!("{}/source", tests("moderate")),
            probe: (
                "siteStatus",
                site(
                    "moderate",
                    json!({"variesByResponseLevel": true, "lastTested": "2024-01-10"}),
                ),
            ),
        },
        value_edit(
            "MODERATE sites overdue after three years",
            format!("{}/overdueAfterMonths", tests("moderate")),
            json!(36),
            format!("{}/source", tests("moderate")),
            (
                "siteStatus",
                site(
                    "moderate",
                    json!({"variesByResponseLevel": true, "lastTested": "2024-01-10"}),
                ),
            ),
        ),
        value_edit(
            "no threat assessment for MODERATE sites",
            format!("{}/required", threat_assessment("moderate")),
            json!(false),
            format!("{}/source", threat_assessment("moderate")),
            (
                "siteStatus",
                site(
                    "moderate",
                    json!({"variesByResponseLevel": true, "lastTested": "2026-01-10"}),
                ),
            ),
        ),
        relabel(
            "record centrally relabelled a default",
            "/breach/flags/recordCentrally".into(),
            ("assessBreach", sharing.clone()),
        ),
        recite(
            "record centrally cites something else",
            "/breach/flags/recordCentrally".into(),
            ("assessBreach", sharing.clone()),
        ),
        relabel(
            "the manager's decision relabelled a default",
            "/breach/flags/managerDecision".into(),
            ("assessBreach", sharing.clone()),
        ),
        recite(
            "the breach notice cites something else",
            "/breach/flags/breachNotice".into(),
            ("assessBreach", sharing.clone()),
        ),
        relabel(
            "STRAP reporting relabelled a default",
            "/breach/flags/reportToStrapso".into(),
            (
                "assessBreach",
                breach(
                    "securityCabinetNotLocked",
                    json!({"marking": {"classification": "topSecret", "caveats": ["strap"]}}),
                ),
            ),
        ),
        relabel(
            "a gross-list kind's floor relabelled a default",
            format!("{}/source", kind("seriousItPolicyBreach")),
            ("assessBreach", breach("seriousItPolicyBreach", json!({}))),
        ),
        relabel(
            "every site needs a CT plan, relabelled a default",
            "/counterTerrorism/obligations/ctPlan".into(),
            ("siteStatus", site("low", Value::Null)),
        ),
        relabel(
            "the plan varies by response level, relabelled a default",
            "/counterTerrorism/obligations/planVariesByResponseLevel".into(),
            (
                "siteStatus",
                site("low", json!({"variesByResponseLevel": false})),
            ),
        ),
        relabel(
            "corporate business continuity relabelled a default",
            "/counterTerrorism/coordination/corporateBusinessContinuity".into(),
            (
                "coordinate",
                json!({"businessAreasAffected": ["HMCTS", "HMPPS"], "frontLineServicesSignificantlyAffected": false}),
            ),
        ),
        relabel(
            "SPF arrangements relabelled a default",
            "/compliance/arrangements".into(),
            ("evaluateCompliance", compliance_return()),
        ),
        relabel(
            "a case's investigation before the decision relabelled a default",
            "/breach/cases/investigation".into(),
            ("checkCase", breach_case()),
        ),
        recite(
            "a case's closure on a decision given another citation",
            "/breach/cases/decision".into(),
            ("checkCase", breach_case()),
        ),
    ]
}

fn breach_case() -> Value {
    json!({
        "asOf": "2026-11-30",
        "case": {
            "report": breach("lossOfPass", json!({})),
            "events": [{"event": "reported", "on": "2026-07-02"}]
        }
    })
}

/// Applies an edit; with `agreed`, declares it a variation on its source.
fn edited(edit: &Edit, agreed: bool) -> String {
    let mut document = baseline();
    for (at, value) in &edit.changes {
        set(&mut document, at, value.clone());
    }
    if agreed {
        set(
            &mut document,
            &format!("{}/basis", edit.source),
            json!("agencyVariation"),
        );
        set(
            &mut document,
            &format!("{}/variation", edit.source),
            agreement(),
        );
    }
    serde_json::to_string_pretty(&document).unwrap()
}

#[test]
fn every_loosening_is_rejected_at_its_value() {
    let edits = loosenings();
    assert!(edits.len() >= 20, "{} edits", edits.len());
    for edit in &edits {
        let errors = Engine::from_policy_json(&edited(edit, false))
            .map(|_| ())
            .expect_err(edit.name);
        let found: Vec<(ErrorCode, &str)> =
            errors.iter().map(|e| (e.code, e.path.as_str())).collect();
        let expected: Vec<(ErrorCode, &str)> = edit
            .reported_at
            .iter()
            .map(|at| (ErrorCode::PolicyWeakensStatement, at.as_str()))
            .collect();
        assert_eq!(found, expected, "{}", edit.name);
        let message = &errors.first().message;
        assert!(
            message.contains("MoJ texts") && message.contains("Accounting Officer"),
            "{}: {message}",
            edit.name
        );
    }
}

#[test]
fn the_message_names_the_statement() {
    let edits = loosenings();
    let message = |name: &str| {
        let edit = edits.iter().find(|e| e.name == name).unwrap();
        Engine::from_policy_json(&edited(edit, false))
            .map(|_| ())
            .unwrap_err()
            .first()
            .message
            .clone()
    };
    let gross = message("a gross-list kind lowered to serious");
    assert!(
        gross.contains("POLSBP006, gross misconduct list"),
        "{gross}"
    );
    assert!(
        gross.contains("the MoJ baseline has gross, this document serious"),
        "{gross}"
    );
    let testing = message("MODERATE sites tested every three years");
    assert!(
        testing.contains("medium risk: at least every two years"),
        "{testing}"
    );
    assert!(
        testing.contains("24 months, this document 36 months"),
        "{testing}"
    );
}

/// Every reason or finding in an answer labelled `agencyVariation`.
fn varied_citations(answer: &Value, out: &mut Vec<String>) {
    match answer {
        Value::Object(map) => {
            if map.get("basis") == Some(&json!("agencyVariation")) {
                out.push(map["citation"].as_str().unwrap_or_default().to_owned());
            }
            map.values().for_each(|v| varied_citations(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| varied_citations(v, out)),
        _ => {}
    }
}

#[test]
fn the_same_edits_load_as_variations_and_answers_say_so() {
    let mut unlabelled = Vec::new();
    for edit in &loosenings() {
        let engine = Engine::from_policy_json(&edited(edit, true))
            .unwrap_or_else(|e| panic!("{}: {e}", edit.name));
        let (operation, request) = &edit.probe;
        let answer = spf_core::json::operation(operation)
            .unwrap()
            .answer(&engine, &request.to_string())
            .unwrap_or_else(|e| panic!("{}: {e}", edit.name));
        let answer: Value = serde_json::from_str(&answer).unwrap();
        let mut cited = Vec::new();
        varied_citations(&answer, &mut cited);
        if cited.is_empty() {
            unlabelled.push(edit.name);
        }
        for citation in cited {
            assert!(
                citation.starts_with(
                    "agency variation agreed by A. Officer (Accounting Officer) on 2026-04-01: explored by a test; varies "
                ),
                "{}: {citation}",
                edit.name
            );
        }
    }
    assert_eq!(
        unlabelled,
        Vec::<&str>::new(),
        "answers with no agencyVariation"
    );
}

#[test]
fn the_baseline_answers_never_claim_a_variation() {
    let engine = Engine::moj_default();
    for edit in &loosenings() {
        let (operation, request) = &edit.probe;
        let answer = spf_core::json::operation(operation)
            .unwrap()
            .answer(&engine, &request.to_string())
            .unwrap();
        let mut cited = Vec::new();
        varied_citations(&serde_json::from_str(&answer).unwrap(), &mut cited);
        assert_eq!(cited, Vec::<String>::new(), "{}", edit.name);
    }
}

#[test]
fn tightening_loads_silently() {
    let doc = baseline();
    let kind = |name: &str| {
        format!(
            "/breach/kinds/{}",
            index_of(&doc, "/breach/kinds", "kind", name)
        )
    };
    let moderate = format!(
        "/counterTerrorism/ctPlanTests/{}",
        index_of(&doc, "/counterTerrorism/ctPlanTests", "tier", "moderate")
    );
    let tightenings: Vec<(&str, Vec<(String, Value)>)> = vec![
        (
            "a minor-list kind raised to serious",
            vec![(format!("{}/floor", kind("lossOfPass")), json!("serious"))],
        ),
        (
            "a higher matrix score",
            vec![("/breach/matrix/official/0".into(), json!(2))],
        ),
        (
            "MODERATE tested every 18 months",
            vec![
                (format!("{moderate}/dueAfterMonths"), json!(18)),
                (format!("{moderate}/overdueAfterMonths"), json!(18)),
            ],
        ),
        (
            "threat assessments at LOW sites too",
            vec![(
                format!(
                    "/counterTerrorism/obligations/threatAssessment/{}/required",
                    index_of(
                        &doc,
                        "/counterTerrorism/obligations/threatAssessment",
                        "tier",
                        "low"
                    )
                ),
                json!(true),
            )],
        ),
        (
            "Security consulted before acting from green",
            vec![(
                "/breach/flags/consultSecurity/beforeActing/fromBand".into(),
                json!("green"),
            )],
        ),
        (
            "a citation that adds a local reference",
            vec![(
                "/breach/flags/recordCentrally/citation".into(),
                json!("POLSBP002; HMPPS PSI 04/2026"),
            )],
        ),
        (
            "a configurable default loosened",
            vec![("/counterTerrorism/dueSoon/days".into(), json!(30))],
        ),
    ];
    for (name, changes) in tightenings {
        let mut document = baseline();
        for (at, value) in changes {
            set(&mut document, &at, value);
        }
        let engine = Engine::from_policy_json(&document.to_string());
        assert!(
            engine.is_ok(),
            "{name}: {:?}",
            engine.err().map(|e| e.to_string())
        );
    }
}

#[test]
fn variation_labels_must_hold() {
    // A variation needs the Accounting Officer's agreement in full.
    let mut document = baseline();
    set(
        &mut document,
        "/breach/flags/recordCentrally/basis",
        json!("agencyVariation"),
    );
    let errors = Engine::from_policy_json(&document.to_string())
        .map(|_| ())
        .unwrap_err();
    assert_eq!(errors.first().code, ErrorCode::PolicyInvalidValue);
    assert_eq!(
        errors.first().path,
        "/breach/flags/recordCentrally/variation"
    );

    // Its `by` and `reason` must say something.
    let mut document = baseline();
    set(
        &mut document,
        "/breach/flags/recordCentrally/basis",
        json!("agencyVariation"),
    );
    let mut blank = agreement();
    blank["by"] = json!(" ");
    blank["reason"] = json!("");
    set(
        &mut document,
        "/breach/flags/recordCentrally/variation",
        blank.clone(),
    );
    let paths: Vec<String> = Engine::from_policy_json(&document.to_string())
        .map(|_| ())
        .unwrap_err()
        .iter()
        .map(|e| e.path.clone())
        .collect();
    assert_eq!(
        paths,
        [
            "/breach/flags/recordCentrally/variation/by",
            "/breach/flags/recordCentrally/variation/reason"
        ]
    );

    // Only the Accounting Officer agrees variations.
    let mut document = baseline();
    set(
        &mut document,
        "/breach/flags/recordCentrally/basis",
        json!("agencyVariation"),
    );
    let mut other = agreement();
    other["role"] = json!("securityOfficer");
    set(
        &mut document,
        "/breach/flags/recordCentrally/variation",
        other,
    );
    let error = Engine::from_policy_json(&document.to_string())
        .map(|_| ())
        .unwrap_err();
    assert_eq!(error.first().code, ErrorCode::UnknownValue);
    assert_eq!(
        error.first().path,
        "/breach/flags/recordCentrally/variation/role"
    );

    // A default needs no variation, and a variation needs its label.
    let mut document = baseline();
    set(
        &mut document,
        "/counterTerrorism/dueSoon/source/basis",
        json!("agencyVariation"),
    );
    set(
        &mut document,
        "/counterTerrorism/dueSoon/source/variation",
        agreement(),
    );
    let errors = Engine::from_policy_json(&document.to_string())
        .map(|_| ())
        .unwrap_err();
    assert_eq!(
        errors.first().path,
        "/counterTerrorism/dueSoon/source/basis"
    );
    let mut document = baseline();
    set(
        &mut document,
        "/breach/flags/recordCentrally/variation",
        agreement(),
    );
    let errors = Engine::from_policy_json(&document.to_string())
        .map(|_| ())
        .unwrap_err();
    assert_eq!(
        errors.first().path,
        "/breach/flags/recordCentrally/variation"
    );
}

#[test]
fn a_route_row_put_in_front_of_a_statement_is_a_loosening() {
    // The first matching row decides: a catch-all row for probationers at the
    // top sends them to the disciplinary policy, whatever row 1 says.
    let mut document = baseline();
    document["breach"]["routes"].as_array_mut().unwrap().insert(
        0,
        json!({
            "status": "probationer",
            "organisation": "moj",
            "route": "mojDisciplinaryPolicy",
            "label": "use the disciplinary policy",
            "source": {"citation": "Agency instruction 7", "basis": "configurableDefault"}
        }),
    );
    let errors = Engine::from_policy_json(&document.to_string())
        .map(|_| ())
        .unwrap_err();
    assert_eq!(errors.first().code, ErrorCode::PolicyWeakensStatement);
    assert_eq!(errors.first().path, "/breach/routes/0/route");
    assert!(
        errors.first().message.contains("POLSBP005"),
        "{}",
        errors.first().message
    );
    assert!(
        errors.first().message.contains("`probationer` at `moj`"),
        "{}",
        errors.first().message
    );
}
