//! The diff and the impact checked against direct assessments: every class
//! the tests expect is built here, not by the diff's own enumeration.

use std::collections::BTreeMap;

use super::*;
use crate::breach::{
    BreachAssessment, BreachKind, BreachReport, Care, Damage, EarlierBreach, Level, Organisation,
    PersonStatus,
};
use crate::date::Date;
use crate::error::{ErrorCode, SpfError};
use crate::marking::{Caveat, ReportedClassification, ReportedMarking};
use crate::policy::Policy;

const HMPPS_LOCAL: &str = include_str!("../../../examples/data/policy-hmpps-local.json");

fn hmpps_local() -> Engine {
    Engine::from_policy_json(HMPPS_LOCAL).unwrap()
}

fn with_floor(kind: BreachKind, floor: Level) -> Engine {
    let mut policy = Policy::moj_default();
    for rule in &mut policy.breach.kinds {
        if rule.kind == kind {
            rule.floor = floor;
        }
    }
    Engine::new(policy).unwrap()
}

/// Every marking a report may carry that the default accepts: none, each
/// classification with no caveat, and each with one caveat where valid.
fn markings() -> Vec<Option<ReportedMarking>> {
    let engine = Engine::moj_default();
    let mut out = vec![None];
    for classification in ReportedClassification::ALL {
        for caveats in [vec![], vec![Caveat::Sensitive], vec![Caveat::Strap]] {
            let marking = ReportedMarking {
                classification,
                caveats,
            };
            let mut report = BreachReport::new(BreachKind::Other, Care::Recklessness, day());
            report.marking = Some(marking.clone());
            let invalid = engine
                .assess_breach(&report)
                .is_err_and(|e| e.code == ErrorCode::InvalidMarking);
            if !invalid {
                out.push(Some(marking));
            }
        }
    }
    out
}

fn day() -> Date {
    Date::from_ymd(2026, 6, 15).unwrap()
}

/// Every class of one kind: each marking, care, damage, 0 to 2 previous
/// warnings, 0 to 4 earlier breaches of the same kind a month ago, each
/// person, cleared or not.
fn classes_of(kind: BreachKind) -> Vec<BreachReport> {
    let mut out = Vec::new();
    for marking in markings() {
        for care in Care::ALL {
            for damage in [Damage::None, Damage::Potential, Damage::Actual] {
                for warnings in 0..=2 {
                    for repeats in 0..=4 {
                        for status in PersonStatus::ALL {
                            for organisation in Organisation::ALL {
                                for cleared in [false, true] {
                                    let mut report = BreachReport::new(kind, care, day());
                                    report.marking.clone_from(&marking);
                                    report.damage = damage;
                                    report.previous_warnings = warnings;
                                    report.earlier_breaches = (0..repeats)
                                        .map(|_| EarlierBreach {
                                            date: Date::from_ymd(2026, 5, 15).unwrap(),
                                            kind,
                                        })
                                        .collect();
                                    report.person.status = status;
                                    report.person.organisation = organisation;
                                    report.person.security_cleared = cleared;
                                    out.push(report);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

/// The fields that differ between two answers, by the diff's names.
fn changed_fields(
    a: &Result<BreachAssessment, SpfError>,
    b: &Result<BreachAssessment, SpfError>,
) -> Vec<String> {
    let (a, b) = match (a, b) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(x), Err(y)) if x.code == y.code => return Vec::new(),
        (Err(_), Err(_)) | (Ok(_), Err(_)) | (Err(_), Ok(_)) => return vec!["assessed".into()],
    };
    let mut out = Vec::new();
    let mut differs = |field: &str, differ: bool| {
        if differ {
            out.push(field.to_owned());
        }
    };
    differs("level", a.level != b.level);
    differs("score", a.score != b.score);
    differs("band", a.band != b.band);
    differs("markingScored", a.marking != b.marking);
    differs("route", a.route != b.route);
    let (fa, fb) = (
        serde_json::to_value(a.flags).unwrap(),
        serde_json::to_value(b.flags).unwrap(),
    );
    for (name, value) in fa.as_object().unwrap() {
        differs(name, fb.get(name) != Some(value));
    }
    out.sort();
    out
}

/// The diff's breach groups as (kind, changed fields) → classes.
fn grouped(diff: &BreachSpaceDiff) -> BTreeMap<(BreachKind, Vec<String>), u64> {
    let mut out = BTreeMap::new();
    for group in &diff.groups {
        let mut fields: Vec<String> = group.changes.iter().map(|c| c.field.clone()).collect();
        fields.sort();
        *out.entry((group.kind, fields)).or_default() += group.classes;
    }
    out
}

/// The same, found by assessing every class of `kinds` under both engines.
fn assessed(
    from: &Engine,
    to: &Engine,
    kinds: &[BreachKind],
) -> BTreeMap<(BreachKind, Vec<String>), u64> {
    let mut out = BTreeMap::new();
    for &kind in kinds {
        for report in classes_of(kind) {
            let fields = changed_fields(&from.assess_breach(&report), &to.assess_breach(&report));
            if !fields.is_empty() {
                *out.entry((kind, fields)).or_default() += 1;
            }
        }
    }
    out
}

#[test]
fn a_policy_compared_with_itself_changes_nothing() {
    for engine in [Engine::moj_default(), hmpps_local()] {
        let diff = diff(&engine, &engine);
        assert!(diff.unchanged);
        assert_eq!(diff.breach.changed_classes, 0);
        assert!(diff.breach.groups.is_empty());
        assert!(diff.information_risk.groups.is_empty());
        assert!(diff.sites.groups.is_empty());
        assert_eq!(diff.sites.changed_classes, 0);
        assert!(diff.document.is_empty());
        assert!(diff.breach.classes > 3_000_000);
    }
}

#[test]
fn class_counts_are_the_products_of_the_domain_sizes() {
    let from = Engine::moj_default();
    let to = hmpps_local();
    let diff = diff(&from, &to);
    let sizes = |domains: &[Domain]| -> Vec<(String, usize)> {
        domains.iter().map(|d| (d.name.clone(), d.size())).collect()
    };
    // The breach space: every kind, 15 markings (none; OFFICIAL, SECRET and
    // TOP SECRET plain and with their caveat; the four legacy markings plain
    // and with the caveat their tier allows), four care columns, three
    // damages, 0 to 2 previous warnings (some or none is what counts, plus
    // one), 0 to 4 earlier breaches (the column shift saturates at 3, plus
    // one), every status and organisation, cleared or not.
    assert_eq!(markings().len(), 15);
    let expected: Vec<(String, usize)> = [
        ("kind", BreachKind::ALL.len()),
        ("marking", 15),
        ("care", 4),
        ("damage", 3),
        ("previousWarnings", 3),
        ("earlierBreaches", 5),
        ("status", PersonStatus::ALL.len()),
        ("organisation", Organisation::ALL.len()),
        ("securityCleared", 2),
    ]
    .iter()
    .map(|(n, s)| ((*n).to_owned(), *s))
    .collect();
    assert_eq!(sizes(&diff.breach.domains), expected);
    let product: u64 = expected.iter().map(|(_, s)| *s as u64).product();
    assert_eq!(product, 3_353_400);
    assert_eq!(diff.breach.classes, product);
    assert_eq!(breach_domains(&from, &to), diff.breach.domains);
    // Who is told of the information risk.
    let info: u64 = diff
        .information_risk
        .domains
        .iter()
        .map(|d| d.size() as u64)
        .product();
    assert_eq!(info, 23 * 2 * 2 * 4);
    assert_eq!(diff.information_risk.classes, info);
    assert_eq!(
        information_risk_domains(&from, &to),
        diff.information_risk.domains
    );
    // Sites: each tier's own CT-plan domain times every other domain.
    let others: u64 = diff
        .sites
        .domains
        .iter()
        .filter(|d| d.name != "tier" && d.name != "ctPlanTest")
        .map(|d| d.size() as u64)
        .product();
    let ct: u64 = diff
        .sites
        .domains
        .iter()
        .filter(|d| d.name == "ctPlanTest")
        .map(|d| d.size() as u64)
        .sum();
    assert_eq!(
        diff.sites
            .domains
            .iter()
            .filter(|d| d.tier.is_some())
            .count(),
        3
    );
    assert_eq!(diff.sites.classes, ct * others);
    // The changed classes are those of the groups, each once.
    let sum: u64 = diff.breach.groups.iter().map(|g| g.classes).sum();
    assert_eq!(sum, diff.breach.changed_classes);
    let sum: u64 = diff.sites.groups.iter().map(|g| g.classes).sum();
    assert_eq!(sum, diff.sites.changed_classes);
}

#[test]
fn one_edited_floor_changes_exactly_the_classes_it_affects() {
    let from = Engine::moj_default();
    let to = with_floor(BreachKind::PassNotWorn, Level::Serious);
    let diff = diff(&from, &to);
    // Found independently: each class of the kind assessed under both, kept
    // where the level differs; the floor can only have decided the level
    // where the old answer was below the new floor.
    let mut expected: BTreeMap<(Level, Level), u64> = BTreeMap::new();
    for report in classes_of(BreachKind::PassNotWorn) {
        let (a, b) = (from.assess_breach(&report), to.assess_breach(&report));
        let (a, b) = (a.unwrap(), b.unwrap());
        assert!(
            changed_fields(&Ok(a.clone()), &Ok(b.clone()))
                .iter()
                .all(|f| f == "level"),
            "a floor changes only the level"
        );
        if a.level != b.level {
            // A raised floor raises, and the escalations above it follow.
            assert!(a.level < b.level, "{:?} → {:?}", a.level, b.level);
            *expected.entry((a.level, b.level)).or_default() += 1;
        }
    }
    assert!(!expected.is_empty());
    let mut found: BTreeMap<(Level, Level), u64> = BTreeMap::new();
    for group in &diff.breach.groups {
        assert_eq!(group.kind, BreachKind::PassNotWorn, "{}", group.summary);
        assert_eq!(group.changes.len(), 1, "{}", group.summary);
        let change = &group.changes[0];
        assert_eq!(change.field, "level");
        let level = |s: &str| *Level::ALL.iter().find(|l| l.as_str() == s).unwrap();
        *found
            .entry((level(&change.from), level(&change.to)))
            .or_default() += group.classes;
        // The example is a class of the group, and both answers say so.
        let (a, b) = (
            group.from.assessment.as_ref().unwrap(),
            group.to.assessment.as_ref().unwrap(),
        );
        assert_eq!(
            (a.level.as_str(), b.level.as_str()),
            (change.from.as_str(), change.to.as_str())
        );
        assert!(!a.reasons.is_empty() && !b.reasons.is_empty());
    }
    assert_eq!(found, expected);
    assert!(diff.information_risk.groups.is_empty());
    assert!(diff.sites.groups.is_empty());
    assert_eq!(diff.document.len(), 1);
    assert_eq!(diff.document[0].pointer, "/breach/kinds/1/floor");
    assert_eq!(
        diff.document[0].authority,
        Some(AuthorityChange::StatementTightened)
    );
}

#[test]
fn the_breach_space_walked_in_parts_agrees_with_whole_classes() {
    // The sample tightens `lossOfPass` and routes probationers at HMPPS
    // under a variation: changes of the report's part, of the person's, and
    // of both, and a kind that needs a security clearance.
    let from = Engine::moj_default();
    let to = hmpps_local();
    let diff = diff(&from, &to);
    let kinds = [
        BreachKind::LossOfPass,
        BreachKind::ChangeOfCircumstancesNotReported,
        BreachKind::SecretMaterialCompromisedThroughNegligence,
    ];
    let mut found = grouped(&diff.breach);
    found.retain(|(kind, _), _| kinds.contains(kind));
    assert_eq!(found, assessed(&from, &to, &kinds));
    assert!(
        found
            .keys()
            .any(|(_, fields)| fields == &["level".to_owned(), "route".to_owned()])
    );
}

#[test]
fn a_kind_made_to_need_clearance_is_a_refusal_change() {
    let from = Engine::moj_default();
    let mut policy = Policy::moj_default();
    for rule in &mut policy.breach.kinds {
        if rule.kind == BreachKind::PassMisuse {
            rule.requires_security_clearance = true;
        }
    }
    let to = Engine::new(policy).unwrap();
    let diff = diff(&from, &to);
    let mut found = grouped(&diff.breach);
    found.retain(|(kind, _), _| *kind == BreachKind::PassMisuse);
    assert_eq!(found, assessed(&from, &to, &[BreachKind::PassMisuse]));
    let refused = &diff.breach.groups[0];
    assert_eq!(refused.changes[0].field, "assessed");
    assert_eq!(refused.changes[0].to, "refused (kindNotApplicable)");
    assert!(refused.to.error.is_some() && refused.from.assessment.is_some());
}

#[test]
fn the_site_space_walked_in_parts_agrees_with_whole_classes() {
    let from = Engine::moj_default();
    let mut policy: Policy = Policy::from_json(HMPPS_LOCAL).unwrap();
    policy.counter_terrorism.exceptional_review.days = 3;
    policy.counter_terrorism.risk_assessment.months = 6;
    policy
        .counter_terrorism
        .emergency_arrangements
        .rehearsal_months = 6;
    let to = Engine::new(policy).unwrap();
    let parts = site::site_diff(&from, &to);
    let whole = site::site_diff_whole(&from, &to);
    assert!(parts.changed_classes > 0);
    assert_eq!(parts, whole);
}

#[test]
fn the_documents_differences_name_their_authority() {
    let diff = diff(&Engine::moj_default(), &hmpps_local());
    let find = |pointer: &str| diff.document.iter().find(|c| c.pointer == pointer).unwrap();
    let floor = find("/breach/kinds/0/floor");
    assert_eq!(floor.authority, Some(AuthorityChange::StatementTightened));
    assert_eq!(floor.to, Some(serde_json::json!("serious")));
    let row = find("/breach/routes/0");
    assert_eq!(row.change, DocumentChangeKind::Added);
    assert_eq!(row.authority, Some(AuthorityChange::VariationAdded));
    assert!(row.statement.as_deref().unwrap().contains("probationer"));
    let moderate = find("/counterTerrorism/ctPlanTests/1/dueAfterMonths");
    assert_eq!(
        moderate.authority,
        Some(AuthorityChange::StatementTightened)
    );
    let high = find("/counterTerrorism/ctPlanTests/2/dueAfterMonths");
    assert_eq!(high.authority, Some(AuthorityChange::DefaultChanged));
    // The inserted route row shifts no other row.
    assert!(
        diff.document
            .iter()
            .all(|c| !c.pointer.starts_with("/breach/routes/1"))
    );
    let pointers: Vec<&str> = diff.document.iter().map(|c| c.pointer.as_str()).collect();
    let mut sorted = pointers.clone();
    sorted.sort_unstable();
    assert_eq!(pointers, sorted, "document order");
}

#[test]
fn a_register_is_re_assessed_under_both_policies() {
    let record = |id: &str, area: &str, report: Option<&str>, level: Option<&str>| {
        let mut text = format!(
            r#"{{"id":"{id}","occurred":"2026-06-01","recorded":"2026-06-02","businessArea":"{area}","kind":"lossOfPass""#
        );
        if let Some(level) = level {
            text.push_str(&format!(r#","level":"{level}""#));
        }
        if let Some(status) = report {
            text.push_str(&format!(
                r#","report":{{"kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-06-01","person":{{"status":"{status}","organisation":"hmpps"}}}}"#
            ));
        }
        text.push('}');
        crate::codec::parse::<IncidentRecord>(&text).unwrap()
    };
    let mut late = record("D", "HMPPS", Some("employee"), None);
    late.recorded = Date::from_ymd(2026, 5, 1).unwrap();
    let records = [
        record("A", "HMPPS", Some("employee"), None),
        record("B", "HMCTS", Some("employee"), None),
        record("C", "HMPPS", None, Some("minor")),
        late,
    ];
    let impact = impact(
        &Engine::moj_default(),
        &hmpps_local(),
        records.iter().enumerate(),
        Vec::new(),
    );
    assert_eq!(
        (impact.records, impact.reassessed, impact.not_reassessed),
        (4, 2, 1)
    );
    assert_eq!(impact.changed, 2);
    assert_eq!(impact.by_level.len(), 1);
    assert_eq!(impact.by_level[0].from.level, Some(Level::Minor));
    assert_eq!(impact.by_level[0].to.level, Some(Level::Serious));
    assert_eq!(impact.by_level[0].records, 2);
    let areas: Vec<(&str, u64, u64)> = impact
        .by_business_area
        .iter()
        .map(|c| (c.name.as_str(), c.reassessed, c.changed))
        .collect();
    assert_eq!(areas, [("HMCTS", 1, 1), ("HMPPS", 1, 1)]);
    assert_eq!(impact.by_kind[0].name, "lossOfPass");
    let ids: Vec<&str> = impact
        .changed_records
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(ids, ["A", "B"]);
    assert_eq!(impact.rejected.len(), 1);
    assert_eq!(impact.rejected[0].index, 3);
    assert_eq!(impact.rejected[0].error.path, "/records/3/recorded");
}

#[test]
fn the_operations_point_an_invalid_policy_into_the_request() {
    let engine = Engine::moj_default();
    let broken = engine
        .policy_json()
        .replacen("\"minScore\": 1", "\"minScore\": 2", 1);
    let operations: [(crate::json::EntryPoint, String); 2] = [
        (
            crate::json::policy_diff,
            format!(r#"{{"policy":{broken}}}"#),
        ),
        (
            crate::json::policy_impact,
            format!(r#"{{"policy":{broken},"records":[]}}"#),
        ),
    ];
    for (operation, request) in operations {
        let error = operation(&engine, &request).unwrap_err();
        assert_eq!(error.code, ErrorCode::PolicyBandsInvalid);
        assert!(
            error.path.starts_with("/policy/breach/bands"),
            "{}",
            error.path
        );
    }
    let same = format!(r#"{{"policy":{}}}"#, engine.policy_json());
    let answer = crate::json::policy_diff(&engine, &same).unwrap();
    assert!(answer.contains(r#""unchanged":true"#));
}
