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
use crate::vocabulary::{BreachKind, Organisation, PersonStatus};

/// How a statement's value may move in an agency's document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    /// Higher ranks are tighter (a level, a score, a classification).
    AtLeast(u32),
    /// Lower ranks are tighter (an interval, a band an obligation starts
    /// from).
    AtMost(u32),
    /// Only this value keeps the statement (a route).
    Exactly(u32),
    /// The statement has no value to move: only its label and citation can
    /// loosen it (record centrally, the manager decides). Configurable defaults
    /// are listed this way too, so that every source is seen.
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

/// A value as people read it; formatted only when an error names it.
#[derive(Debug, Clone, Copy)]
enum Shown {
    /// A wire name (`serious`, `probationPolicy`, `moderate`) or `true`/`false`.
    Name(&'static str),
    /// A number and its unit (`24 months`, or no unit for a score).
    Number(u32, &'static str),
}

impl std::fmt::Display for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Shown::Name(name) => f.write_str(name),
            Shown::Number(n, "") => write!(f, "{n}"),
            Shown::Number(n, unit) => write!(f, "{n} {unit}"),
        }
    }
}

/// One source of a document and the value it labels.
#[derive(Debug, Clone)]
struct Statement<'a> {
    /// What the value is, stable across documents (array order may differ):
    /// a rule and up to two names of the entry it is for (a kind; a status
    /// and an organisation), or "".
    key: Key<'a>,
    /// What the statement requires, for people: `what` and its subject (the
    /// key's names).
    what: &'static str,
    /// Only accounts for a source (a route row no one reaches first); the
    /// statements it labels are listed on their own.
    inventory_only: bool,
    /// Where the value is in this document.
    value_path: Pointer,
    /// The value, as this document gives it.
    bound: Bound,
    shown: Shown,
    /// The source that labels it.
    source: &'a Source,
    /// Where that source is in this document.
    source_path: Pointer,
}

/// Collects the sources of one document and the values they label.
struct Statements<'a>(Vec<Statement<'a>>);

/// A statement's identity: a rule and the names of its entry.
type Key<'a> = (&'static str, &'a str, &'a str);

/// What a statement is called and says: its key, and its description.
type Named<'a> = (Key<'a>, &'static str);

impl<'a> Statements<'a> {
    /// A value labelled by `source`; the value is at `field` beside the source
    /// of the rule at `rule`.
    fn value(
        &mut self,
        (key, what): Named<'a>,
        (value_path, bound, shown): (Pointer, Bound, Shown),
        (source, source_path): (&'a Source, Pointer),
    ) {
        self.0.push(Statement {
            key,
            what,
            inventory_only: false,
            value_path,
            bound,
            shown,
            source,
            source_path,
        });
    }

    /// A source that labels statements listed on their own.
    #[allow(
        dead_code,
        reason = "not called yet: no source is shadowed by other statements"
    )]
    fn inventory(&mut self, source: &'a Source, source_path: Pointer) {
        self.0.push(Statement {
            key: ("", "", ""),
            what: "",
            inventory_only: true,
            value_path: source_path.clone(),
            bound: Bound::Always,
            shown: Shown::Name(""),
            source,
            source_path,
        });
    }

    /// A source with no value of its own: the source is the statement (or the
    /// default).
    fn always(&mut self, (key, what): Named<'a>, source: &'a Source, source_path: Pointer) {
        self.value(
            (key, what),
            (source_path.clone(), Bound::Always, Shown::Name("")),
            (source, source_path),
        );
    }
}

fn rank<T: Into<u32>>(value: T) -> u32 {
    value.into()
}

/// Every source in `policy` and the value it labels, keyed.
fn statements(policy: &Policy) -> Statements<'_> {
    let mut found = Statements(Vec::with_capacity(128));
    let root = Pointer::root();
    breach_statements(policy, &root.key("breach"), &mut found);
    counter_terrorism_statements(policy, &root.key("counterTerrorism"), &mut found);
    let incidents = root.key("incidents");
    let rules = &policy.incidents;
    found.always(
        (
            ("incidents.recording", "", ""),
            "breaches are recorded centrally as security incidents",
        ),
        &rules.recording,
        incidents.key("recording"),
    );
    for (key, field, source) in [
        ("incidents.quarters", "quarters", &rules.quarters.source),
        (
            "incidents.repeatIndividuals",
            "repeatIndividuals",
            &rules.repeat_individuals.source,
        ),
        ("incidents.hotspots", "hotspots", &rules.hotspots.source),
    ] {
        found.always(
            ((key, "", ""), ""),
            source,
            incidents.key(field).key("source"),
        );
    }
    found.always(
        (
            ("incidents.decisions", "", ""),
            "managers' decisions are set against the recommendations",
        ),
        &rules.decisions,
        incidents.key("decisions"),
    );
    let compliance = root.key("compliance");
    let rules = &policy.compliance;
    found.always(
        (
            ("compliance.arrangements", "", ""),
            "each business area has arrangements for every element of the SPF",
        ),
        &rules.arrangements,
        compliance.key("arrangements"),
    );
    found.always(
        (
            ("compliance.variations", "", ""),
            "variations are agreed by the Accounting Officer and reported in annual governance",
        ),
        &rules.variations,
        compliance.key("variations"),
    );
    found.always(
        (("compliance.variationReview", "", ""), ""),
        &rules.variation_review.source,
        compliance.key("variationReview").key("source"),
    );
    for (i, entry) in rules.centrally_managed.iter().enumerate() {
        found.always(
            (
                ("compliance.centrallyManaged", entry.element.as_str(), ""),
                "the controls managed centrally include those of element",
            ),
            &entry.source,
            compliance.key("centrallyManaged").index(i).key("source"),
        );
    }
    personnel_security_statements(policy, &root.key("personnelSecurity"), &mut found);
    let third = root.key("thirdParties");
    let rules = &policy.third_parties;
    found.always(
        (
            ("thirdParties.controlRequirements", "", ""),
            "business areas ensure that control requirements are understood and complied with by any contractor or third party entrusted with protectively marked or business critical information and with unsupervised access",
        ),
        &rules.control_requirements,
        third.key("controlRequirements"),
    );
    found.always(
        (("thirdParties.confirmationPeriod", "", ""), ""),
        &rules.confirmation_period.source,
        third.key("confirmationPeriod").key("source"),
    );
    found.always(
        (("thirdParties.dueSoon", "", ""), ""),
        &rules.due_soon.source,
        third.key("dueSoon").key("source"),
    );
    found
}

fn personnel_security_statements<'a>(policy: &'a Policy, at: &Pointer, found: &mut Statements<'a>) {
    let rules = &policy.personnel_security;
    found.always(
        (
            ("personnelSecurity.baseline", "", ""),
            "everyone meets the baseline standard",
        ),
        &rules.baseline,
        at.key("baseline"),
    );
    for (i, rule) in rules.criteria.iter().enumerate() {
        let path = at.key("criteria").index(i);
        found.value(
            (
                ("personnelSecurity.criteria", rule.criterion.as_str(), ""),
                "the vetting level for criterion",
            ),
            (
                path.key("level"),
                Bound::AtLeast(rank(rule.level)),
                Shown::Name(rule.level.as_str()),
            ),
            (&rule.source, path.key("source")),
        );
    }
    for (i, rule) in rules.reviews.iter().enumerate() {
        let path = at.key("reviews").index(i);
        found.value(
            (
                ("personnelSecurity.reviews", rule.level.as_str(), ""),
                "the months between reviews of level",
            ),
            (
                path.key("months"),
                Bound::AtMost(rule.months),
                Shown::Number(rule.months, "months"),
            ),
            (&rule.source, path.key("source")),
        );
    }
    found.always(
        (("personnelSecurity.reviewDueSoon", "", ""), ""),
        &rules.review_due_soon.source,
        at.key("reviewDueSoon").key("source"),
    );
}

fn breach_statements<'a>(policy: &'a Policy, at: &Pointer, found: &mut Statements<'a>) {
    let rules = &policy.breach;
    for (i, rule) in rules.kinds.iter().enumerate() {
        let path = at.key("kinds").index(i);
        let kind = rule.kind.as_str();
        found.value(
            (("breach.kinds.floor", kind, ""), "the floor of kind"),
            (
                path.key("floor"),
                Bound::AtLeast(rule.floor as u32),
                Shown::Name(rule.floor.as_str()),
            ),
            (&rule.source, path.key("source")),
        );
        // Only the criminal-act kind is one; clearing its flag would stop the
        // police flag the gross list's "any criminal act" raises.
        found.value(
            (
                ("breach.kinds.criminalAct", kind, ""),
                "the criminal-act flag of kind",
            ),
            (
                path.key("criminalAct"),
                Bound::AtLeast(rank(rule.criminal_act)),
                Shown::Name(if rule.criminal_act { "true" } else { "false" }),
            ),
            (&rule.source, path.key("source")),
        );
    }
    let matrix = &rules.matrix;
    let matrix_at = at.key("matrix");
    for (row, cells) in [
        ("official", &matrix.official),
        ("secret", &matrix.secret),
        ("topSecretAndStrap", &matrix.top_secret_and_strap),
    ] {
        for (column, (score, key)) in cells.iter().zip(COLUMNS).enumerate() {
            found.value(
                ((key, row, ""), "the score in that care column of the row"),
                (
                    matrix_at.key(row).index(column),
                    Bound::AtLeast(rank(*score)),
                    Shown::Number(rank(*score), ""),
                ),
                (&matrix.source, matrix_at.key("source")),
            );
        }
    }
    for (i, band) in rules.bands.iter().enumerate() {
        let path = at.key("bands").index(i);
        found.value(
            (
                ("breach.bands.level", band.band.as_str(), ""),
                "the level indicated by band",
            ),
            (
                path.key("level"),
                Bound::AtLeast(band.level as u32),
                Shown::Name(band.level.as_str()),
            ),
            (&band.source, path.key("source")),
        );
    }
    let markings = at.key("markings");
    for (i, legacy) in rules.markings.legacy.iter().enumerate() {
        let path = markings.key("legacy").index(i);
        found.value(
            (
                ("breach.markings.legacy", legacy.marking.as_str(), ""),
                "the tier scored for legacy marking",
            ),
            (
                path.key("scoredAs"),
                Bound::AtLeast(legacy.scored_as as u32),
                Shown::Name(legacy.scored_as.as_str()),
            ),
            (&legacy.source, path.key("source")),
        );
    }
    let unmarked = &rules.markings.unmarked;
    found.value(
        (
            ("breach.markings.unmarked", "", ""),
            "the tier scored for unmarked material",
        ),
        (
            markings.key("unmarked").key("scoredAs"),
            Bound::AtLeast(unmarked.scored_as as u32),
            Shown::Name(unmarked.scored_as.as_str()),
        ),
        (&unmarked.source, markings.key("unmarked").key("source")),
    );
    found.always(
        (("breach.markings.sensitiveUplift", "", ""), ""),
        &rules.markings.sensitive_uplift.source,
        markings.key("sensitiveUplift").key("source"),
    );
    let history = at.key("history");
    found.always(
        (("breach.history.escalation", "", ""), ""),
        &rules.history.escalation_source,
        history.key("escalationSource"),
    );
    found.always(
        (("breach.history.score", "", ""), ""),
        &rules.history.score_source,
        history.key("scoreSource"),
    );
    found.always(
        (("breach.damage", "", ""), ""),
        &rules.damage.source,
        at.key("damage").key("source"),
    );
    for (key, what, minimum, source, field) in [
        (
            "breach.deliberateIntent",
            "the minimum level for care column 4 (deliberately reckless behaviour)",
            rules.deliberate_intent.minimum,
            &rules.deliberate_intent.source,
            "deliberateIntent",
        ),
        (
            "breach.classifiedMaterial",
            "the minimum level for SECRET, TOP SECRET and STRAP material",
            rules.classified_material.minimum,
            &rules.classified_material.source,
            "classifiedMaterial",
        ),
    ] {
        found.value(
            ((key, "", ""), what),
            (
                at.key(field).key("minimum"),
                Bound::AtLeast(minimum as u32),
                Shown::Name(minimum.as_str()),
            ),
            (source, at.key(field).key("source")),
        );
    }
    classified_material_statements(policy, &at.key("classifiedMaterial"), found);
    for (i, example) in rules.history.matrix_examples.iter().enumerate() {
        found.inventory(
            &example.source,
            history.key("matrixExamples").index(i).key("source"),
        );
    }
    for (i, example) in rules.listed_examples.iter().enumerate() {
        found.always(
            (
                (
                    "breach.listedExamples",
                    example.kind.as_str(),
                    example.listed.as_str(),
                ),
                "the listed example named for",
            ),
            &example.source,
            at.key("listedExamples").index(i).key("source"),
        );
    }
    route_statements(policy, &at.key("routes"), found);
    flag_statements(policy, &at.key("flags"), found);
    case_statements(policy, &at.key("cases"), found);
}

/// A breach case's rules: three statements (investigation, the manager's
/// decision, the level the guidance defines) and the defaults beside them.
fn case_statements<'a>(policy: &'a Policy, at: &Pointer, found: &mut Statements<'a>) {
    let cases = &policy.breach.cases;
    for (key, field, what, source) in [
        (
            "breach.cases.investigation",
            "investigation",
            "a breach is investigated",
            &cases.investigation,
        ),
        (
            "breach.cases.decision",
            "decision",
            "a case is closed on the manager's recorded decision",
            &cases.decision,
        ),
        (
            "breach.cases.recommendation",
            "recommendation",
            "a case's recorded recommendation is the level the policy gives",
            &cases.recommendation,
        ),
        (
            "breach.cases.sequence",
            "sequence",
            "a case's events follow the breach and its report and precede its closure",
            &cases.sequence,
        ),
        (
            "breach.cases.departureReason",
            "departureReason",
            "a decision departing from the recommendation records the manager's reason",
            &cases.departure_reason,
        ),
    ] {
        found.always(((key, "", ""), what), source, at.key(field));
    }
    found.value(
        (
            ("breach.cases.investigationTarget", "", ""),
            "the days after a report by which its investigation starts",
        ),
        (
            at.key("investigationStartDays"),
            Bound::AtMost(cases.investigation_start_days),
            Shown::Number(cases.investigation_start_days, "days"),
        ),
        (&cases.investigation_target, at.key("investigationTarget")),
    );
    found.value(
        (
            ("breach.cases.decisionTarget", "", ""),
            "the days after a report by which the manager's decision is recorded",
        ),
        (
            at.key("decisionDays"),
            Bound::AtMost(cases.decision_days),
            Shown::Number(cases.decision_days, "days"),
        ),
        (&cases.decision_target, at.key("decisionTarget")),
    );
}

/// Where the gross minimum for SECRET and above applies: every kind that
/// involves material (a kind exempted is the minimum loosened for it), and a
/// legacy marking scored as SECRET.
fn classified_material_statements<'a>(
    policy: &'a Policy,
    at: &Pointer,
    found: &mut Statements<'a>,
) {
    let rules = &policy.breach.classified_material;
    let exempt = &rules.kinds_without_material;
    for kind in BreachKind::ALL {
        let applies = !exempt.kinds.contains(&kind);
        found.value(
            (
                ("breach.classifiedMaterial.applies", kind.as_str(), ""),
                "the minimum applies to kind",
            ),
            (
                at.key("kindsWithoutMaterial").key("kinds"),
                Bound::AtLeast(rank(applies)),
                Shown::Name(if applies { "applies" } else { "exempt" }),
            ),
            (&exempt.source, at.key("kindsWithoutMaterial").key("source")),
        );
    }
    found.always(
        (("breach.classifiedMaterial.againstMatrix", "", ""), ""),
        &rules.against_matrix,
        at.key("againstMatrix"),
    );
    let legacy = &rules.legacy_markings;
    found.value(
        (
            ("breach.classifiedMaterial.legacyMarkings", "", ""),
            "the minimum follows a legacy marking scored as SECRET",
        ),
        (
            at.key("legacyMarkings").key("minimumApplies"),
            Bound::AtLeast(rank(legacy.minimum_applies)),
            Shown::Name(if legacy.minimum_applies {
                "true"
            } else {
                "false"
            }),
        ),
        (&legacy.source, at.key("legacyMarkings").key("source")),
    );
}

/// The matrix's care columns, as keys.
const COLUMNS: [&str; 4] = [
    "breach.matrix.column1",
    "breach.matrix.column2",
    "breach.matrix.column3",
    "breach.matrix.column4",
];

fn route_statements<'a>(policy: &'a Policy, at: &Pointer, found: &mut Statements<'a>) {
    let routes = &policy.breach.routes;
    // The route a person gets is the first row that covers them, so the
    // statement is per status and organisation, wherever the row is.
    for status in PersonStatus::ALL {
        for organisation in Organisation::ALL {
            let Some((i, row)) = routes
                .iter()
                .enumerate()
                .find(|(_, row)| row.covers(status, organisation))
            else {
                continue;
            };
            let path = at.index(i);
            found.value(
                (
                    ("breach.routes", status.as_str(), organisation.as_str()),
                    "the route for",
                ),
                (
                    path.key("route"),
                    Bound::Exactly(row.route as u32),
                    Shown::Name(row.route.as_str()),
                ),
                (&row.source, path.key("source")),
            );
        }
    }
    // Rows no one reaches first are still sources to account for.
    for (i, row) in routes.iter().enumerate() {
        found.inventory(&row.source, at.index(i).key("source"));
    }
}

fn flag_statements<'a>(policy: &'a Policy, at: &Pointer, found: &mut Statements<'a>) {
    let flags = &policy.breach.flags;
    for (key, field, what, source) in [
        (
            "breach.flags.recordCentrally",
            "recordCentrally",
            "every breach is recorded centrally",
            &flags.record_centrally,
        ),
        (
            "breach.flags.breachNotice",
            "breachNotice",
            "a breach can lead to a breach notice",
            &flags.breach_notice,
        ),
        (
            "breach.flags.reportToStrapso",
            "reportToStrapso",
            "STRAP breaches are reported to STRAPSO",
            &flags.report_to_strapso,
        ),
        (
            "breach.flags.managerDecision",
            "managerDecision",
            "the manager decides whether to take disciplinary action",
            &flags.manager_decision,
        ),
    ] {
        found.always(((key, "", ""), what), source, at.key(field));
    }
    let consult = &flags.consult_security;
    for (key, field, what, threshold, at_field) in [
        (
            "breach.flags.consultSecurity.aboutCircumstances",
            "aboutCircumstances",
            "the band from which MoJ Security is consulted about the circumstances",
            &consult.about_circumstances,
            at.key("consultSecurity"),
        ),
        (
            "breach.flags.consultSecurity.beforeActing",
            "beforeActing",
            "the band from which MoJ Security is consulted before acting",
            &consult.before_acting,
            at.key("consultSecurity"),
        ),
        (
            "breach.flags.policeMayBeInvolved",
            "policeMayBeInvolved",
            "the band from which the police may be involved",
            &flags.police_may_be_involved,
            at.clone(),
        ),
    ] {
        let path = at_field.key(field);
        found.value(
            ((key, "", ""), what),
            (
                path.key("fromBand"),
                Bound::AtMost(threshold.from_band as u32),
                Shown::Name(threshold.from_band.as_str()),
            ),
            (&threshold.source, path.key("source")),
        );
    }
    // The information-risk flags: defaults in the MoJ baseline, listed so that
    // every source is seen (and, should an agency's baseline ever state them,
    // checked like the others).
    for (key, field, what, source) in [
        (
            "breach.flags.informAssetOwner",
            "informAssetOwner",
            "the Information Asset Owner is told of personal data or an owned asset",
            &flags.inform_asset_owner.source,
        ),
        (
            "breach.flags.informDataProtection",
            "informDataProtection",
            "the data protection team is told of personal data",
            &flags.inform_data_protection.source,
        ),
    ] {
        found.always(((key, "", ""), what), source, at.key(field).key("source"));
    }
    let siro = &flags.escalate_to_siro;
    let path = at.key("escalateToSiro");
    found.value(
        (
            ("breach.flags.escalateToSiro", "", ""),
            "the impact from which the SIRO is told",
        ),
        (
            path.key("fromImpact"),
            Bound::AtMost(siro.from_impact as u32),
            Shown::Name(siro.from_impact.as_str()),
        ),
        (&siro.source, path.key("source")),
    );
}

fn counter_terrorism_statements<'a>(policy: &'a Policy, at: &Pointer, found: &mut Statements<'a>) {
    let rules = &policy.counter_terrorism;
    for (i, rule) in rules.threat_levels.iter().enumerate() {
        let path = at.key("threatLevels").index(i);
        found.value(
            (
                (
                    "counterTerrorism.threatLevels",
                    rule.threat_level.as_str(),
                    "",
                ),
                "the response level for threat level",
            ),
            (
                path.key("responseLevel"),
                Bound::AtLeast(rule.response_level as u32),
                Shown::Name(rule.response_level.as_str()),
            ),
            (&rule.source, path.key("source")),
        );
    }
    let overrides = at.key("overrides");
    found.always(
        (("counterTerrorism.overrides.upward", "", ""), ""),
        &rules.overrides.upward,
        overrides.key("upward"),
    );
    found.always(
        (("counterTerrorism.overrides.downward", "", ""), ""),
        &rules.overrides.downward,
        overrides.key("downward"),
    );
    for (key, field, what, months, source) in [
        (
            "counterTerrorism.riskAssessment",
            "riskAssessment",
            "the months between physical-security risk assessments",
            rules.risk_assessment.months,
            &rules.risk_assessment.source,
        ),
        (
            "counterTerrorism.tierReassessment",
            "tierReassessment",
            "the months between tier reassessments",
            rules.tier_reassessment.months,
            &rules.tier_reassessment.source,
        ),
    ] {
        found.value(
            ((key, "", ""), what),
            (
                at.key(field).key("months"),
                Bound::AtMost(months),
                Shown::Number(months, "months"),
            ),
            (source, at.key(field).key("source")),
        );
    }
    for (key, field, what, days, source) in [
        (
            "counterTerrorism.exceptionalReview",
            "exceptionalReview",
            "the days between reviews of EXCEPTIONAL",
            rules.exceptional_review.days,
            &rules.exceptional_review.source,
        ),
        (
            "counterTerrorism.dueSoon",
            "dueSoon",
            "the warning window",
            rules.due_soon.days,
            &rules.due_soon.source,
        ),
    ] {
        found.value(
            ((key, "", ""), what),
            (
                at.key(field).key("days"),
                Bound::AtMost(days),
                Shown::Number(days, "days"),
            ),
            (source, at.key(field).key("source")),
        );
    }
    for (i, test) in rules.ct_plan_tests.iter().enumerate() {
        let path = at.key("ctPlanTests").index(i);
        let tier = test.tier.as_str();
        for (key, field, what, months) in [
            (
                "counterTerrorism.ctPlanTests.due",
                "dueAfterMonths",
                "the months after which a CT-plan test is due, for tier",
                test.due_after_months,
            ),
            (
                "counterTerrorism.ctPlanTests.overdue",
                "overdueAfterMonths",
                "the months after which a CT-plan test is overdue, for tier",
                test.overdue_after_months,
            ),
        ] {
            found.value(
                ((key, tier, ""), what),
                (
                    path.key(field),
                    Bound::AtMost(months),
                    Shown::Number(months, "months"),
                ),
                (&test.source, path.key("source")),
            );
        }
    }
    let obligations = &rules.obligations;
    let ob = at.key("obligations");
    found.always(
        (
            ("counterTerrorism.obligations.ctPlan", "", ""),
            "every site has a local CT plan",
        ),
        &obligations.ct_plan,
        ob.key("ctPlan"),
    );
    found.always(
        (
            (
                "counterTerrorism.obligations.planVariesByResponseLevel",
                "",
                "",
            ),
            "the CT plan varies operational controls by response level",
        ),
        &obligations.plan_varies_by_response_level,
        ob.key("planVariesByResponseLevel"),
    );
    for (i, rule) in obligations.threat_assessment.iter().enumerate() {
        let path = ob.key("threatAssessment").index(i);
        found.value(
            (
                (
                    "counterTerrorism.obligations.threatAssessment",
                    rule.tier.as_str(),
                    "",
                ),
                "whether sites document their threat assessment and mitigation, for tier",
            ),
            (
                path.key("required"),
                Bound::AtLeast(rank(rule.required)),
                Shown::Name(if rule.required {
                    "required"
                } else {
                    "not required"
                }),
            ),
            (&rule.source, path.key("source")),
        );
    }
    for (i, control) in rules.controls.iter().enumerate() {
        found.always(
            (
                ("counterTerrorism.controls", control.id.as_str(), ""),
                "the control catalogue includes",
            ),
            &control.source,
            at.key("controls").index(i).key("source"),
        );
    }
    found.always(
        (("counterTerrorism.controlMatrix", "", ""), ""),
        &rules.control_matrix.source,
        at.key("controlMatrix").key("source"),
    );
    let baseline = &rules.baseline;
    found.always(
        (
            ("counterTerrorism.baseline.checking", "", ""),
            "security officers check the controls in place against the baseline",
        ),
        &baseline.checking,
        at.key("baseline").key("checking"),
    );
    found.value(
        (
            ("counterTerrorism.baseline.verification", "", ""),
            "the months a control in place counts as verified",
        ),
        (
            at.key("baseline").key("verifiedWithinMonths"),
            Bound::AtMost(baseline.verified_within_months),
            Shown::Number(baseline.verified_within_months, "months"),
        ),
        (
            &baseline.verification,
            at.key("baseline").key("verification"),
        ),
    );
    let emergency = &rules.emergency_arrangements;
    let ea = at.key("emergencyArrangements");
    for (key, field, what, source) in [
        (
            "counterTerrorism.emergencyArrangements.required",
            "required",
            "every site has clear emergency response arrangements",
            &emergency.required,
        ),
        (
            "counterTerrorism.emergencyArrangements.incorporated",
            "incorporated",
            "the arrangements are within Fire & Incident Control and business continuity",
            &emergency.incorporated,
        ),
        (
            "counterTerrorism.emergencyArrangements.contents",
            "contents",
            "the arrangements cover emergency-services liaison and staff communications",
            &emergency.contents,
        ),
    ] {
        found.always(((key, "", ""), what), source, ea.key(field));
    }
    found.value(
        (
            ("counterTerrorism.emergencyArrangements.rehearsal", "", ""),
            "the months between rehearsals of the emergency arrangements",
        ),
        (
            ea.key("rehearsalMonths"),
            Bound::AtMost(emergency.rehearsal_months),
            Shown::Number(emergency.rehearsal_months, "months"),
        ),
        (&emergency.rehearsal, ea.key("rehearsal")),
    );
    let assurance = &rules.assurance;
    let pack = at.key("assurance");
    for (key, field, what, source) in [
        (
            "counterTerrorism.assurance.board",
            "board",
            "compliance checking gives assurance to the Executive Management Board and Permanent Secretary",
            &assurance.board,
        ),
        (
            "counterTerrorism.assurance.governanceStatement",
            "governanceStatement",
            "assurance is covered by the annual Governance Statement and compliance returns",
            &assurance.governance_statement,
        ),
    ] {
        found.always(((key, "", ""), what), source, pack.key(field));
    }
    let content = &rules.risk_assessment_content;
    let rac = at.key("riskAssessmentContent");
    for (key, field, what, source) in [
        (
            "counterTerrorism.riskAssessmentContent.regard",
            "regard",
            "a local risk assessment has regard to impact, threat, likelihood and vulnerability",
            &content.regard,
        ),
        (
            "counterTerrorism.riskAssessmentContent.threats",
            "threats",
            "a local risk assessment considers terrorist and other threats",
            &content.threats,
        ),
        (
            "counterTerrorism.riskAssessmentContent.responsibility",
            "responsibility",
            "responsibility for baseline measures, crisis management and business continuity is allocated",
            &content.responsibility,
        ),
    ] {
        found.always(((key, "", ""), what), source, rac.key(field));
    }
    let threat_change = &rules.threat_change;
    found.always(
        (
            ("counterTerrorism.threatChange.communication", "", ""),
            "the DSO tells business areas of a change via their security officers",
        ),
        &threat_change.communication,
        at.key("threatChange").key("communication"),
    );
    found.always(
        (
            ("counterTerrorism.threatChange.advice", "", ""),
            "the DSO advises the Permanent Secretary of a change in response level",
        ),
        &threat_change.advice,
        at.key("threatChange").key("advice"),
    );
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
        found.always(((key, "", ""), what), source, co.key(field));
    }
}

/// The MoJ baseline's statements, by key.
fn baseline_statements(baseline: &Policy) -> BTreeMap<Key<'_>, Statement<'_>> {
    statements(baseline)
        .0
        .into_iter()
        .filter(|s| s.source.basis == Basis::PolicyStatement && !s.inventory_only)
        .map(|s| (s.key, s))
        .collect()
}

/// Checks `policy` against the MoJ baseline and reports every statement it
/// loosens without a variation, and every variation label that does not hold.
pub(super) fn check(policy: &Policy, errors: &mut Vec<SpfError>) {
    let baseline_policy = Policy::moj_default();
    let baseline = baseline_statements(&baseline_policy);
    let found = statements(policy);
    // Sources that only account for rows (route rows others shadow, the
    // matrix's examples) may be varied where the baseline states them.
    let baseline_inventory: BTreeSet<String> = statements(&baseline_policy)
        .0
        .iter()
        .filter(|s| s.inventory_only && s.source.basis == Basis::PolicyStatement)
        .map(|s| s.source_path.as_str().to_owned())
        .collect();
    let mut by_key: BTreeMap<Key<'_>, Vec<&Statement<'_>>> = BTreeMap::new();
    for statement in &found.0 {
        by_key.entry(statement.key).or_default().push(statement);
    }
    let mut statement_sources: BTreeSet<String> = found
        .0
        .iter()
        .filter(|s| s.inventory_only && baseline_inventory.contains(s.source_path.as_str()))
        .map(|s| s.source_path.as_str().to_owned())
        .collect();
    let mut loosened: Vec<SpfError> = Vec::new();
    for (key, expected) in &baseline {
        let Some(candidates) = by_key.get(key) else {
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
    check_variation_labels(&found, &statement_sources, errors);
}

/// How a statement of the MoJ texts moved from one document to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StatementMove {
    /// Where the value is in the document moved to.
    pub(crate) path: String,
    /// The statement, for people (its citation and what it requires).
    pub(crate) statement: String,
    /// `Some(true)` when the value is tighter, `Some(false)` when looser,
    /// `None` for a value with no order (a route).
    pub(crate) tighter: Option<bool>,
    /// Both documents label the value a configurable default: an
    /// organisation's own choice, not a statement.
    pub(crate) default: bool,
}

/// Every statement whose value differs between `from` and `to`, matched by
/// what it is (not by its place in an array), in `to`'s order.
pub(crate) fn statement_moves(from: &Policy, to: &Policy) -> Vec<StatementMove> {
    let before: BTreeMap<Key<'_>, Statement<'_>> = statements(from)
        .0
        .into_iter()
        .filter(|s| !s.inventory_only)
        .map(|s| (s.key, s))
        .collect();
    statements(to)
        .0
        .iter()
        .filter(|s| !s.inventory_only)
        .filter_map(|after| {
            let was = before.get(&after.key)?;
            if was.bound == after.bound {
                return None;
            }
            let tighter = match (was.bound, after.bound) {
                (Bound::Exactly(_), Bound::Exactly(_)) => None,
                _ => Some(!after.bound.loosens(was.bound)),
            };
            Some(StatementMove {
                path: after.value_path.as_str().to_owned(),
                statement: statement_name(after),
                tighter,
                default: was.source.basis == Basis::ConfigurableDefault
                    && after.source.basis == Basis::ConfigurableDefault,
            })
        })
        .collect()
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
    let citation = &statement.source.citation;
    match (statement.what, statement.key) {
        ("", _) => citation.as_str().to_owned(),
        (what, (_, "", _)) => format!("{citation}: {what}"),
        (what, (_, subject, "")) => format!("{citation}: {what} `{subject}`"),
        (what, (_, subject, at)) => format!("{citation}: {what} `{subject}` at `{at}`"),
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
    found: &Statements<'_>,
    statement_sources: &BTreeSet<String>,
    errors: &mut Vec<SpfError>,
) {
    let mut seen = BTreeSet::new();
    for statement in &found.0 {
        let path = &statement.source_path;
        if !seen.insert(path.as_str()) {
            continue;
        }
        let source = statement.source;
        match (source.basis, &source.variation) {
            (Basis::AgencyVariation, None) => errors.push(invalid(
                &path.key("variation"),
                "a source labelled `agencyVariation` must carry the Accounting Officer's `variation` (`by`, `role`, `agreedOn`, `reason`)".into(),
            )),
            (Basis::AgencyVariation, Some(variation)) => {
                if !statement_sources.contains(path.as_str()) {
                    errors.push(invalid(
                        &path.key("basis"),
                        "only a statement of the MoJ texts can be varied; this rule is a configurable default, which an agency may change freely: label it `configurableDefault`".into(),
                    ));
                }
                for (field, text) in [("by", &variation.by), ("reason", &variation.reason)] {
                    if text.trim().is_empty() {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every source of the baseline, whatever its basis, is in the inventory:
    /// a new statement cannot go unguarded, and a variation cannot hide on a
    /// source the check never sees.
    #[test]
    fn every_source_of_the_baseline_is_in_the_inventory() {
        let baseline = Policy::moj_default();
        let document: serde_json::Value = serde_json::from_str(&baseline.to_json_pretty()).unwrap();
        let mut sources = BTreeSet::new();
        collect_sources(&document, Pointer::root(), &mut sources);
        let inventory: BTreeSet<String> = statements(&baseline)
            .0
            .iter()
            .map(|s| s.source_path.as_str().to_owned())
            .collect();
        let missing: Vec<&String> = sources.difference(&inventory).collect();
        assert!(
            missing.is_empty(),
            "sources the check never sees: {missing:?}"
        );
        let guarded = baseline_statements(&baseline).len();
        assert!(guarded > 40, "{guarded} statements");
    }

    fn collect_sources(value: &serde_json::Value, at: Pointer, out: &mut BTreeSet<String>) {
        match value {
            serde_json::Value::Object(map) if map.contains_key("basis") => {
                out.insert(at.as_str().to_owned());
            }
            serde_json::Value::Object(map) => {
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

    #[test]
    fn the_baseline_loosens_nothing() {
        let mut errors = Vec::new();
        check(&Policy::moj_default(), &mut errors);
        assert_eq!(errors, Vec::new());
    }
}
