//! Policy authority: which values of a policy document restate the MoJ texts,
//! and the check that a loaded document never loosens one of them silently.
//!
//! Which values are statements is not the loaded document's to decide: the
//! embedded MoJ baseline ([`Policy::moj_default`]) says so. Every value the
//! baseline labels [`Basis::PolicyStatement`] is a statement, and an agency's
//! document may tighten it (a higher floor, a shorter interval, a flag from a
//! lower band) but not loosen it. Loosening covers the value itself, and also
//! relabelling the statement as a configurable default or replacing its
//! citation. A loosening loads only when its source declares a variation agreed
//! by the Accounting Officer (`"basis": "agencyVariation"` with a `variation`),
//! as the Corporate Security Policy requires; answers resting on it then say
//! `agencyVariation` and cite the variation.

use std::collections::{BTreeMap, BTreeSet};

use crate::codec::Pointer;
use crate::error::{ErrorCode, SpfError};
use crate::policy::Policy;
use crate::reason::{Basis, Source};

/// How a statement's value may move in an agency's document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    /// Higher ranks are tighter (a level, a score, a classification).
    AtLeast(u32),
    /// Lower ranks are tighter (an interval, a band or tier an obligation
    /// starts from).
    AtMost(u32),
    /// Only this value keeps the statement (a route).
    Exactly(u32),
    /// The statement has no value to move: only its label and citation can
    /// loosen it (record centrally, the manager decides).
    Always,
}

impl Bound {
    /// Whether `self`, the document's value, is looser than `baseline`.
    fn loosens(self, baseline: Bound) -> bool {
        match (baseline, self) {
            (Bound::AtLeast(floor), Bound::AtLeast(value)) => value < floor,
            (Bound::AtMost(ceiling), Bound::AtMost(value)) => value > ceiling,
            (Bound::Exactly(expected), Bound::Exactly(value)) => value != expected,
            (Bound::Always, Bound::Always) => false,
            // The same key always yields the same kind of bound; a mismatch
            // would be a defect here, and treating it as a loosening is the
            // safe reading.
            _ => true,
        }
    }
}

/// One value that encodes a policy statement, as found in one document.
#[derive(Debug, Clone)]
struct Statement<'a> {
    /// What the value is, stable across documents (array order may differ).
    key: String,
    /// What the statement requires, for people.
    what: String,
    /// Where the value is in this document.
    value_path: Pointer,
    /// The value, as this document gives it.
    bound: Bound,
    /// The value, for people.
    shown: String,
    /// The source that labels it.
    source: &'a Source,
    /// Where that source is in this document.
    source_path: Pointer,
}

/// Collects the statements of one document.
struct Statements<'a>(Vec<Statement<'a>>);

impl<'a> Statements<'a> {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        key: String,
        what: String,
        value_path: Pointer,
        bound: Bound,
        shown: String,
        source: &'a Source,
        source_path: Pointer,
    ) {
        self.0.push(Statement {
            key,
            what,
            value_path,
            bound,
            shown,
            source,
            source_path,
        });
    }

    /// A statement with no value of its own: the source is the statement.
    fn always(&mut self, key: &str, what: &str, source: &'a Source, source_path: Pointer) {
        self.push(
            key.into(),
            what.into(),
            source_path.clone(),
            Bound::Always,
            String::new(),
            source,
            source_path,
        );
    }
}

/// Every value in `policy` that the MoJ baseline could label a statement, keyed.
fn statements(policy: &Policy) -> Statements<'_> {
    let mut found = Statements(Vec::new());
    let root = Pointer::root();
    breach_statements(policy, &root.key("breach"), &mut found);
    counter_terrorism_statements(policy, &root.key("counterTerrorism"), &mut found);
    let incidents = root.key("incidents");
    found.always(
        "incidents.recording",
        "breaches are recorded centrally as security incidents",
        &policy.incidents.recording,
        incidents.key("recording"),
    );
    let compliance = root.key("compliance");
    found.always(
        "compliance.arrangements",
        "each business area has arrangements for every element of the SPF",
        &policy.compliance.arrangements,
        compliance.key("arrangements"),
    );
    found.always(
        "compliance.variations",
        "variations are agreed by the Accounting Officer and reported in annual governance",
        &policy.compliance.variations,
        compliance.key("variations"),
    );
    found
}

fn breach_statements<'a>(policy: &'a Policy, at: &Pointer, found: &mut Statements<'a>) {
    let rules = &policy.breach;
    for (i, rule) in rules.kinds.iter().enumerate() {
        let path = at.key("kinds").index(i);
        found.push(
            format!("breach.kinds.{}.floor", rule.kind.as_str()),
            format!("`{}` is at least {}", rule.kind, rule.floor.as_str()),
            path.key("floor"),
            Bound::AtLeast(rule.floor as u32),
            rule.floor.as_str().into(),
            &rule.source,
            path.key("source"),
        );
        // Only the criminal-act kind is one; clearing its flag would stop the
        // police flag the gross list's "any criminal act" raises.
        found.push(
            format!("breach.kinds.{}.criminalAct", rule.kind.as_str()),
            format!(
                "`{}` is a criminal act (the police may be involved)",
                rule.kind
            ),
            path.key("criminalAct"),
            Bound::AtLeast(u32::from(rule.criminal_act)),
            rule.criminal_act.to_string(),
            &rule.source,
            path.key("source"),
        );
    }
    let matrix = &rules.matrix;
    let matrix_at = at.key("matrix");
    for (row, name, cells) in [
        ("official", "OFFICIAL", &matrix.official),
        ("secret", "SECRET", &matrix.secret),
        (
            "topSecretAndStrap",
            "TOP SECRET and STRAP",
            &matrix.top_secret_and_strap,
        ),
    ] {
        for (column, score) in cells.iter().enumerate() {
            found.push(
                format!("breach.matrix.{row}.{column}"),
                format!(
                    "the {name} row scores at least {score} in care column {}",
                    column + 1
                ),
                matrix_at.key(row).index(column),
                Bound::AtLeast(u32::from(*score)),
                score.to_string(),
                &matrix.source,
                matrix_at.key("source"),
            );
        }
    }
    for (i, band) in rules.bands.iter().enumerate() {
        let path = at.key("bands").index(i);
        found.push(
            format!("breach.bands.{}.level", band.band.as_str()),
            format!(
                "the {} band indicates at least {}",
                band.band.as_str(),
                band.level.as_str()
            ),
            path.key("level"),
            Bound::AtLeast(band.level as u32),
            band.level.as_str().into(),
            &band.source,
            path.key("source"),
        );
    }
    for (i, legacy) in rules.markings.legacy.iter().enumerate() {
        let path = at.key("markings").key("legacy").index(i);
        found.push(
            format!("breach.markings.legacy.{}", legacy.marking.as_str()),
            format!(
                "{} is scored as {} or above",
                legacy.marking.label(),
                legacy.scored_as.label()
            ),
            path.key("scoredAs"),
            Bound::AtLeast(legacy.scored_as as u32),
            legacy.scored_as.label().into(),
            &legacy.source,
            path.key("source"),
        );
    }
    let unmarked = &rules.markings.unmarked;
    found.push(
        "breach.markings.unmarked".into(),
        format!(
            "unmarked material is scored as {} or above",
            unmarked.scored_as.label()
        ),
        at.key("markings").key("unmarked").key("scoredAs"),
        Bound::AtLeast(unmarked.scored_as as u32),
        unmarked.scored_as.label().into(),
        &unmarked.source,
        at.key("markings").key("unmarked").key("source"),
    );
    for (key, what, rule, field) in [
        (
            "breach.deliberateIntent",
            "deliberate intent is at least",
            &rules.deliberate_intent,
            "deliberateIntent",
        ),
        (
            "breach.classifiedMaterial",
            "a breach involving SECRET, TOP SECRET or STRAP material is at least",
            &rules.classified_material,
            "classifiedMaterial",
        ),
    ] {
        found.push(
            key.into(),
            format!("{what} {}", rule.minimum.as_str()),
            at.key(field).key("minimum"),
            Bound::AtLeast(rule.minimum as u32),
            rule.minimum.as_str().into(),
            &rule.source,
            at.key(field).key("source"),
        );
    }
    route_statements(policy, &at.key("routes"), found);
    flag_statements(policy, &at.key("flags"), found);
}

fn route_statements<'a>(policy: &'a Policy, at: &Pointer, found: &mut Statements<'a>) {
    let routes = &policy.breach.routes;
    for (i, rule) in routes.by_status.iter().enumerate() {
        let path = at.key("byStatus").index(i);
        found.push(
            format!("breach.routes.status.{}", rule.status.as_str()),
            format!(
                "a {} is handled under {}",
                rule.status.as_str(),
                rule.route.as_str()
            ),
            path.key("route"),
            Bound::Exactly(rule.route as u32),
            rule.route.as_str().into(),
            &rule.source,
            path.key("source"),
        );
    }
    for (i, rule) in routes.by_organisation.iter().enumerate() {
        let path = at.key("byOrganisation").index(i);
        found.push(
            format!("breach.routes.organisation.{}", rule.organisation.as_str()),
            format!(
                "staff of {} are handled under {}",
                rule.organisation.as_str(),
                rule.route.as_str()
            ),
            path.key("route"),
            Bound::Exactly(rule.route as u32),
            rule.route.as_str().into(),
            &rule.source,
            path.key("source"),
        );
    }
    found.push(
        "breach.routes.otherwise".into(),
        format!(
            "everyone else is handled under {}",
            routes.otherwise.route.as_str()
        ),
        at.key("otherwise").key("route"),
        Bound::Exactly(routes.otherwise.route as u32),
        routes.otherwise.route.as_str().into(),
        &routes.otherwise.source,
        at.key("otherwise").key("source"),
    );
}

fn flag_statements<'a>(policy: &'a Policy, at: &Pointer, found: &mut Statements<'a>) {
    let flags = &policy.breach.flags;
    found.always(
        "breach.flags.recordCentrally",
        "every breach is recorded centrally",
        &flags.record_centrally,
        at.key("recordCentrally"),
    );
    found.always(
        "breach.flags.breachNotice",
        "a breach can lead to a breach notice",
        &flags.breach_notice,
        at.key("breachNotice"),
    );
    found.always(
        "breach.flags.reportToStrapso",
        "STRAP breaches are reported to STRAPSO",
        &flags.report_to_strapso,
        at.key("reportToStrapso"),
    );
    found.always(
        "breach.flags.managerDecision",
        "the manager decides whether to take disciplinary action",
        &flags.manager_decision,
        at.key("managerDecision"),
    );
    for (key, field, what, threshold) in [
        (
            "breach.flags.consultSecurity",
            "consultSecurity",
            "MoJ Security is consulted from the",
            &flags.consult_security,
        ),
        (
            "breach.flags.policeMayBeInvolved",
            "policeMayBeInvolved",
            "the police may be involved from the",
            &flags.police_may_be_involved,
        ),
    ] {
        found.push(
            key.into(),
            format!("{what} {} band", threshold.from_band.as_str()),
            at.key(field).key("fromBand"),
            Bound::AtMost(threshold.from_band as u32),
            threshold.from_band.as_str().into(),
            &threshold.source,
            at.key(field).key("source"),
        );
    }
}

fn counter_terrorism_statements<'a>(policy: &'a Policy, at: &Pointer, found: &mut Statements<'a>) {
    let rules = &policy.counter_terrorism;
    for (key, field, what, rule) in [
        (
            "counterTerrorism.riskAssessment",
            "riskAssessment",
            "the physical-security risk assessment is repeated at least every",
            &rules.risk_assessment,
        ),
        (
            "counterTerrorism.tierReassessment",
            "tierReassessment",
            "the site tier is reassessed at least every",
            &rules.tier_reassessment,
        ),
    ] {
        found.push(
            key.into(),
            format!("{what} {} months", rule.months),
            at.key(field).key("months"),
            Bound::AtMost(rule.months),
            format!("{} months", rule.months),
            &rule.source,
            at.key(field).key("source"),
        );
    }
    found.push(
        "counterTerrorism.exceptionalReview".into(),
        format!(
            "EXCEPTIONAL is reviewed at least every {} days",
            rules.exceptional_review.days
        ),
        at.key("exceptionalReview").key("days"),
        Bound::AtMost(rules.exceptional_review.days),
        format!("{} days", rules.exceptional_review.days),
        &rules.exceptional_review.source,
        at.key("exceptionalReview").key("source"),
    );
    for (i, test) in rules.ct_plan_tests.iter().enumerate() {
        let path = at.key("ctPlanTests").index(i);
        for (field, months, when) in [
            ("dueAfterMonths", test.due_after_months, "due"),
            ("overdueAfterMonths", test.overdue_after_months, "overdue"),
        ] {
            found.push(
                format!(
                    "counterTerrorism.ctPlanTests.{}.{field}",
                    test.tier.as_str()
                ),
                format!(
                    "a {} site's CT plan test is {when} at most {months} months after the last",
                    test.tier.as_str()
                ),
                path.key(field),
                Bound::AtMost(months),
                format!("{months} months"),
                &test.source,
                path.key("source"),
            );
        }
    }
    let obligations = &rules.obligations;
    let ob = at.key("obligations");
    found.always(
        "counterTerrorism.obligations.ctPlan",
        "every site has a local CT plan",
        &obligations.ct_plan,
        ob.key("ctPlan"),
    );
    found.always(
        "counterTerrorism.obligations.planVariesByResponseLevel",
        "the CT plan varies operational controls by response level",
        &obligations.plan_varies_by_response_level,
        ob.key("planVariesByResponseLevel"),
    );
    found.push(
        "counterTerrorism.obligations.threatAssessment".into(),
        format!(
            "sites from {} risk up document their threat assessment and its mitigation",
            obligations.threat_assessment_from_tier.as_str()
        ),
        ob.key("threatAssessmentFromTier"),
        Bound::AtMost(obligations.threat_assessment_from_tier as u32),
        obligations.threat_assessment_from_tier.as_str().into(),
        &obligations.threat_assessment,
        ob.key("threatAssessment"),
    );
    for (i, control) in rules.controls.iter().enumerate() {
        let path = at.key("controls").index(i);
        found.always_keyed(
            format!("counterTerrorism.controls.{}", control.id),
            format!("the control catalogue includes `{}`", control.id),
            &control.source,
            path.key("source"),
        );
    }
    let co = at.key("coordination");
    let coordination = &rules.coordination;
    for (key, field, what, source) in [
        (
            "counterTerrorism.coordination.local",
            "local",
            "a single business area's incident is handled locally",
            &coordination.local,
        ),
        (
            "counterTerrorism.coordination.corporateBusinessContinuity",
            "corporateBusinessContinuity",
            "events affecting more than one business area are co-ordinated by Corporate Business Continuity",
            &coordination.corporate_business_continuity,
        ),
        (
            "counterTerrorism.coordination.strategicCoordinationGroup",
            "strategicCoordinationGroup",
            "the Strategic Co-ordination Group may take over when front-line services are significantly affected",
            &coordination.strategic_coordination_group,
        ),
    ] {
        found.always(key, what, source, co.key(field));
    }
}

impl<'a> Statements<'a> {
    fn always_keyed(&mut self, key: String, what: String, source: &'a Source, path: Pointer) {
        self.push(
            key,
            what,
            path.clone(),
            Bound::Always,
            String::new(),
            source,
            path,
        );
    }
}

/// The MoJ baseline's statements, by key.
fn baseline_statements(baseline: &Policy) -> BTreeMap<String, Statement<'_>> {
    statements(baseline)
        .0
        .into_iter()
        .filter(|s| s.source.basis == Basis::PolicyStatement)
        .map(|s| (s.key.clone(), s))
        .collect()
}

/// Checks `policy` against the MoJ baseline and reports every statement it
/// loosens without a variation, and every variation label that does not hold.
pub(super) fn check(policy: &Policy, errors: &mut Vec<SpfError>) {
    let baseline_policy = Policy::moj_default();
    let baseline = baseline_statements(&baseline_policy);
    let found = statements(policy);
    let mut by_key: BTreeMap<&str, Vec<&Statement<'_>>> = BTreeMap::new();
    for statement in &found.0 {
        by_key
            .entry(statement.key.as_str())
            .or_default()
            .push(statement);
    }
    let mut statement_sources = BTreeSet::new();
    let mut loosened: Vec<SpfError> = Vec::new();
    for (key, expected) in &baseline {
        let Some(candidates) = by_key.get(key.as_str()) else {
            loosened.push(dropped(expected));
            continue;
        };
        for actual in candidates {
            statement_sources.insert(actual.source_path.as_str().to_owned());
            if let Some(error) = loosening(expected, actual) {
                loosened.push(error);
            }
        }
    }
    // One source can label several statements (a kind's floor and its
    // criminal-act flag, the twelve matrix cells): a relabelled source is one
    // problem, reported once.
    let mut reported = BTreeSet::new();
    loosened.retain(|error| reported.insert(error.path.clone()));
    errors.extend(loosened);
    check_variation_labels(policy, &statement_sources, errors);
}

/// The statement `expected` of the baseline, as `actual` gives it: an error if
/// it is loosened without a variation.
fn loosening(expected: &Statement<'_>, actual: &Statement<'_>) -> Option<SpfError> {
    let source = actual.source;
    if source.basis == Basis::AgencyVariation {
        // Agreed by the Accounting Officer: any value loads, labelled as such.
        // Whether the variation itself is complete is checked with the labels.
        return None;
    }
    let named = statement_name(expected);
    if actual.bound.loosens(expected.bound) {
        return Some(weakens(
            &actual.value_path,
            format!(
                "this value loosens a statement of the MoJ texts ({named}): the MoJ baseline has {}, this document {}; {REMEDY}",
                expected.shown, actual.shown
            ),
        ));
    }
    if source.basis != Basis::PolicyStatement {
        return Some(weakens(
            &actual.source_path.key("basis"),
            format!(
                "this rule restates the MoJ texts ({named}), so its basis is `policyStatement`, not `{}`; {REMEDY}",
                source.basis.as_str()
            ),
        ));
    }
    let citation = source.citation.as_str();
    // An empty citation is reported as an invalid value on its own.
    if !citation.trim().is_empty() && !citation.contains(expected.source.citation.as_str()) {
        return Some(weakens(
            &actual.source_path.key("citation"),
            format!(
                "this rule restates the MoJ texts ({named}); its citation must keep `{}` (it may add to it); {REMEDY}",
                expected.source.citation
            ),
        ));
    }
    None
}

const REMEDY: &str = "tighten it, or declare the loosening as a variation agreed by the Accounting Officer (`\"basis\": \"agencyVariation\"` and a `variation` with `by`, `role`, `agreedOn` and `reason` on its source)";

fn statement_name(statement: &Statement<'_>) -> String {
    if statement.what.is_empty() {
        statement.source.citation.as_str().to_owned()
    } else {
        format!("{}: {}", statement.source.citation, statement.what)
    }
}

fn dropped(expected: &Statement<'_>) -> SpfError {
    // Only entries of keyed arrays (kinds, routes, tiers, controls) can be
    // missing; point at the array, as the baseline's index need not exist here.
    let path = expected.value_path.as_str();
    let home = path
        .split('/')
        .take_while(|segment| !segment.chars().all(|c| c.is_ascii_digit()) || segment.is_empty())
        .collect::<Vec<_>>()
        .join("/");
    SpfError::new(
        ErrorCode::PolicyWeakensStatement,
        format!(
            "the document drops a statement of the MoJ texts ({}); {REMEDY}",
            statement_name(expected)
        ),
        home,
    )
}

fn weakens(path: &Pointer, message: String) -> SpfError {
    SpfError::new(ErrorCode::PolicyWeakensStatement, message, path.as_str())
}

/// Every source labelled `agencyVariation` carries a complete variation and
/// varies a statement; every variation sits on a source so labelled.
fn check_variation_labels(
    policy: &Policy,
    statement_sources: &BTreeSet<String>,
    errors: &mut Vec<SpfError>,
) {
    let Ok(document) = serde_json::to_value(policy) else {
        errors.push(SpfError::new(
            ErrorCode::Internal,
            "the policy document could not be re-read to check its variations",
            "",
        ));
        return;
    };
    let mut sources = Vec::new();
    collect_sources(&document, Pointer::root(), &mut sources);
    for (path, source) in sources {
        let basis = source.get("basis").and_then(serde_json::Value::as_str);
        let variation = source.get("variation");
        match (basis, variation) {
            (Some("agencyVariation"), None) => errors.push(invalid(
                &path.key("variation"),
                "a source labelled `agencyVariation` must carry the Accounting Officer's `variation` (`by`, `role`, `agreedOn`, `reason`)".into(),
            )),
            (Some("agencyVariation"), Some(variation)) => {
                if !statement_sources.contains(path.as_str()) {
                    errors.push(invalid(
                        &path.key("basis"),
                        "only a statement of the MoJ texts can be varied; this rule is a configurable default, which an agency may change freely: label it `configurableDefault`".into(),
                    ));
                }
                for field in ["by", "reason"] {
                    let blank = variation
                        .get(field)
                        .and_then(serde_json::Value::as_str)
                        .is_none_or(|text| text.trim().is_empty());
                    if blank {
                        errors.push(invalid(
                            &path.key("variation").key(field),
                            format!("a variation's `{field}` must not be empty"),
                        ));
                    }
                }
            }
            (_, Some(_)) => errors.push(invalid(
                &path.key("variation"),
                "only a source labelled `agencyVariation` carries a variation".into(),
            )),
            (_, None) => {}
        }
    }
}

fn invalid(path: &Pointer, message: String) -> SpfError {
    SpfError::new(ErrorCode::PolicyInvalidValue, message, path.as_str())
}

/// Every object with a `basis` field (a source), with its pointer.
fn collect_sources<'v>(
    value: &'v serde_json::Value,
    at: Pointer,
    out: &mut Vec<(Pointer, &'v serde_json::Map<String, serde_json::Value>)>,
) {
    match value {
        serde_json::Value::Object(map) => {
            if map.contains_key("basis") && map.contains_key("citation") {
                out.push((at, map));
                return;
            }
            for (key, child) in map {
                collect_sources(child, at.key(key), out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                collect_sources(child, at.index(i), out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every statement-basis source of the baseline is covered by a statement
    /// here: a new statement in the default policy cannot go unguarded.
    #[test]
    fn every_statement_source_of_the_baseline_is_guarded() {
        let baseline = Policy::moj_default();
        let document = serde_json::to_value(&baseline).unwrap();
        let mut sources = Vec::new();
        collect_sources(&document, Pointer::root(), &mut sources);
        let statement_paths: BTreeSet<String> = sources
            .iter()
            .filter(|(_, s)| s.get("basis").and_then(|b| b.as_str()) == Some("policyStatement"))
            .map(|(path, _)| path.as_str().to_owned())
            .collect();
        let guarded: BTreeSet<String> = baseline_statements(&baseline)
            .values()
            .map(|s| s.source_path.as_str().to_owned())
            .collect();
        let unguarded: Vec<&String> = statement_paths.difference(&guarded).collect();
        assert!(unguarded.is_empty(), "unguarded statements: {unguarded:?}");
        assert!(guarded.len() > 20);
    }

    #[test]
    fn the_baseline_loosens_nothing() {
        let mut errors = Vec::new();
        check(&Policy::moj_default(), &mut errors);
        assert_eq!(errors, Vec::new());
    }
}
