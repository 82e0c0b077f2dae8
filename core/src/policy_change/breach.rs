//! The breach-assessment input space, enumerated completely, and the classes
//! whose decision differs between two policies.
//!
//! An equivalence class fixes every input the breach rules branch on: the
//! kind, the marking (caveats and legacy markings included), the care shown,
//! the damage, the previous warnings (0 to k), the earlier breaches within
//! each window either policy counts (0 to k of each), the person's status,
//! organisation and security clearance. Dates enter only through the repeat
//! window, so one date of occurrence and one earlier-breach date per window
//! stand for all.
//!
//! The information-risk inputs (personal data, an information asset, the
//! impact) decide only who is told of the information risk (step 9's third
//! part), and nothing else reads them; they form their own space, over the
//! kind (whose catalogue entry may be about personal data), compared on those
//! three flags.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::breach::{
    BreachAssessment, BreachDecision, BreachKind, BreachReport, Care, Damage, EarlierBreach, Flags,
    Impact, InformationAsset, Level, Organisation, Person, PersonStatus,
};
use crate::date::Date;
use crate::engine::Engine;
use crate::error::{ErrorCode, SpfError};
use crate::marking::{Caveat, Classification, Marking, ReportedClassification, ReportedMarking};
use crate::policy::{HistoryRules, RepeatScope};
use crate::policy_change::space::{
    Domain, InputCondition, OutcomeChange, Seen, changes_text, conditions_text, for_each_class,
    product,
};

/// The day every class's breach occurred on. Nothing but the repeat window
/// reads the date, and each earlier breach is placed relative to it.
const OCCURRED: Date = match Date::from_ymd_const(2026, 6, 15) {
    Some(day) => day,
    None => Date::EARLIEST,
};

const DAMAGES: [Damage; 3] = [Damage::None, Damage::Potential, Damage::Actual];

/// A policy's answer for one class: its assessment with every reason, or
/// the error it gives the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct BreachAnswer {
    /// The assessment, when the policy assesses the report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub assessment: Option<BreachAssessment>,
    /// The error, when it refuses it (a kind that does not apply).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub error: Option<SpfError>,
}

impl BreachAnswer {
    fn of(answer: Result<BreachAssessment, SpfError>) -> Self {
        match answer {
            Ok(assessment) => Self {
                assessment: Some(assessment),
                error: None,
            },
            Err(error) => Self {
                assessment: None,
                error: Some(error),
            },
        }
    }
}

/// Classes of one kind whose decision changes in the same way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct BreachChangeGroup {
    /// In plain words: `22 input classes: lossOfPass with previousWarnings 1
    /// or 2: level serious → minor`.
    pub summary: String,
    /// The kind reported.
    pub kind: BreachKind,
    /// How many classes of the space change so.
    pub classes: u64,
    /// What changes, the same for every class of the group.
    pub changes: Vec<OutcomeChange>,
    /// The group's inputs where they are narrower than the space (any value
    /// of an input not named).
    pub inputs: Vec<InputCondition>,
    /// One class of the group (the first in the space's order), as a report.
    pub example: BreachReport,
    /// The policy compared from: its answer to the example, with its reasons.
    pub from: BreachAnswer,
    /// The policy compared to: its answer to the example, with its reasons.
    pub to: BreachAnswer,
}

/// One input space of breach assessment, walked completely under both
/// policies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct BreachSpaceDiff {
    /// Every input of the space and its values.
    pub domains: Vec<Domain>,
    /// How many classes were enumerated and assessed under both policies: the
    /// product of the domains' sizes.
    pub classes: u64,
    /// How many of them the two policies decide differently.
    pub changed_classes: u64,
    /// The changed classes, grouped by kind and by what changes, in the
    /// kinds' catalogue order.
    pub groups: Vec<BreachChangeGroup>,
}

/// Dimensions of the breach space, in enumeration order.
const KIND: usize = 0;
const MARKING: usize = 1;
const CARE: usize = 2;
const DAMAGE: usize = 3;
const WARNINGS: usize = 4;
const REPEATS: usize = 5;
const STATUS: usize = 6;
const ORGANISATION: usize = 7;
const CLEARED: usize = 8;

/// Where an earlier breach sits: within a window (and within every longer
/// one), of the same kind as the report or another.
#[derive(Debug, Clone, Copy)]
struct RepeatCell {
    months: u32,
    same_kind: bool,
}

/// The breach space of two policies.
pub(crate) struct BreachSpace {
    domains: Vec<Domain>,
    markings: Vec<Option<ReportedMarking>>,
    cells: Vec<RepeatCell>,
    /// For each value of the repeats domain, the count in each cell.
    repeat_counts: Vec<Vec<u32>>,
}

/// The largest number of earlier breaches a policy's history rules treat
/// differently from one fewer: the column shift saturates at column 4 (three
/// columns right of the first), a matrix example names its count, and any
/// repeat at all can add a level.
fn distinguished_repeats(history: &HistoryRules) -> u32 {
    let per_repeat = u32::from(history.care_columns_per_repeat);
    let saturation = if per_repeat == 0 {
        1
    } else {
        3u32.div_ceil(per_repeat)
    };
    let examples = history
        .matrix_examples
        .iter()
        .map(|e| e.repeats)
        .max()
        .unwrap_or(0);
    saturation.max(examples).max(1)
}

/// Previous warnings count only as none or some (a warning shifts the column
/// and may add a level once, whatever their number).
const DISTINGUISHED_WARNINGS: u32 = 1;

fn marking_label(marking: Option<&ReportedMarking>) -> String {
    let Some(marking) = marking else {
        return "unmarked".to_owned();
    };
    let mut label = marking.classification.label().to_owned();
    for caveat in &marking.caveats {
        label.push_str(match caveat {
            Caveat::Sensitive => "-SENSITIVE",
            Caveat::Strap => " STRAP",
        });
    }
    label
}

fn names<T: Copy>(values: &[T], name: impl Fn(T) -> &'static str) -> Vec<String> {
    values.iter().map(|v| name(*v).to_owned()).collect()
}

impl BreachSpace {
    pub(crate) fn new(from: &Engine, to: &Engine) -> Self {
        let policies = [from.policy(), to.policy()];
        // Markings: no marking, every valid current marking, and every legacy
        // marking with each caveat that is valid on the tier either policy
        // scores it as.
        let mut markings: Vec<Option<ReportedMarking>> = vec![None];
        for tier in Classification::ALL {
            markings.push(Some(ReportedMarking::plain(tier)));
            let caveat = if tier == Classification::Official {
                Caveat::Sensitive
            } else {
                Caveat::Strap
            };
            markings.push(Some(ReportedMarking::plain(tier).with_caveat(caveat)));
        }
        for classification in ReportedClassification::ALL {
            let Err(legacy) = classification.split() else {
                continue;
            };
            markings.push(Some(ReportedMarking::plain(classification)));
            for caveat in [Caveat::Sensitive, Caveat::Strap] {
                let valid_somewhere = policies.iter().any(|policy| {
                    policy
                        .breach
                        .markings
                        .legacy
                        .iter()
                        .find(|rule| rule.marking == legacy)
                        .is_some_and(|rule| Marking::new(rule.scored_as, &[caveat]).is_ok())
                });
                if valid_somewhere {
                    markings.push(Some(
                        ReportedMarking::plain(classification).with_caveat(caveat),
                    ));
                }
            }
        }
        // Earlier breaches: one cell per window either policy counts in, and
        // breaches of other kinds where either counts any kind.
        let mut windows: Vec<u32> = policies
            .iter()
            .map(|p| p.breach.history.window_months)
            .collect();
        windows.sort_unstable();
        windows.dedup();
        let any_kind = policies
            .iter()
            .any(|p| p.breach.history.repeat_scope == RepeatScope::AnyKind);
        let mut cells = Vec::new();
        for &months in &windows {
            cells.push(RepeatCell {
                months,
                same_kind: true,
            });
            if any_kind {
                cells.push(RepeatCell {
                    months,
                    same_kind: false,
                });
            }
        }
        let most_repeats = 1 + policies
            .iter()
            .map(|p| distinguished_repeats(&p.breach.history))
            .max()
            .unwrap_or(1);
        let mut repeat_counts: Vec<Vec<u32>> = vec![Vec::new()];
        for _ in &cells {
            repeat_counts = repeat_counts
                .into_iter()
                .flat_map(|counts| {
                    (0..=most_repeats).map(move |n| {
                        let mut next = counts.clone();
                        next.push(n);
                        next
                    })
                })
                .collect();
        }
        let single_cell = cells.len() == 1;
        let repeat_labels = repeat_counts
            .iter()
            .map(|counts| {
                if single_cell {
                    return counts.first().copied().unwrap_or(0).to_string();
                }
                counts
                    .iter()
                    .zip(&cells)
                    .map(|(n, cell)| {
                        format!(
                            "{n} {} {} months ago",
                            if cell.same_kind {
                                "of the same kind"
                            } else {
                                "of another kind"
                            },
                            cell.months
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .collect();
        let warnings = (0..=DISTINGUISHED_WARNINGS + 1)
            .map(|n| n.to_string())
            .collect();
        let domains = vec![
            Domain::new("kind", names(&BreachKind::ALL, BreachKind::as_str)),
            Domain::new(
                "marking",
                markings.iter().map(|m| marking_label(m.as_ref())).collect(),
            ),
            Domain::new("care", names(&Care::ALL, Care::as_str)),
            Domain::new("damage", names(&DAMAGES, Damage::as_str)),
            Domain::new("previousWarnings", warnings),
            Domain::new("earlierBreaches", repeat_labels),
            Domain::new("status", names(&PersonStatus::ALL, PersonStatus::as_str)),
            Domain::new(
                "organisation",
                names(&Organisation::ALL, Organisation::as_str),
            ),
            Domain::new(
                "securityCleared",
                vec!["not cleared".to_owned(), "cleared".to_owned()],
            ),
        ];
        Self {
            domains,
            markings,
            cells,
            repeat_counts,
        }
    }

    /// The domains, in enumeration order.
    pub(crate) fn domains(&self) -> &[Domain] {
        &self.domains
    }

    fn sizes(&self) -> Vec<usize> {
        self.domains.iter().map(Domain::size).collect()
    }

    /// Sets one input of `report` to its value in the class.
    fn apply(&self, report: &mut BreachReport, dimension: usize, value: usize) {
        match dimension {
            KIND => {
                if let Some(kind) = BreachKind::ALL.get(value) {
                    report.kind = *kind;
                }
            }
            MARKING => report.marking = self.markings.get(value).cloned().flatten(),
            CARE => {
                if let Some(care) = Care::ALL.get(value) {
                    report.care = *care;
                }
            }
            DAMAGE => {
                if let Some(damage) = DAMAGES.get(value) {
                    report.damage = *damage;
                }
            }
            WARNINGS => report.previous_warnings = u32::try_from(value).unwrap_or(0),
            REPEATS => self.earlier_breaches(report, value),
            STATUS => {
                if let Some(status) = PersonStatus::ALL.get(value) {
                    report.person.status = *status;
                }
            }
            ORGANISATION => {
                if let Some(organisation) = Organisation::ALL.get(value) {
                    report.person.organisation = *organisation;
                }
            }
            CLEARED => report.person.security_cleared = value == 1,
            _ => {}
        }
    }

    /// The earlier breaches of a repeats value: in each cell, that many
    /// breaches on the first day of its window (inside it and every longer
    /// one, outside every shorter one).
    fn earlier_breaches(&self, report: &mut BreachReport, value: usize) {
        report.earlier_breaches.clear();
        let other = BreachKind::ALL
            .iter()
            .copied()
            .find(|k| *k != report.kind)
            .unwrap_or(report.kind);
        let Some(counts) = self.repeat_counts.get(value) else {
            return;
        };
        for (cell, &count) in self.cells.iter().zip(counts) {
            let date = report
                .occurred
                .months_before(cell.months)
                .unwrap_or(Date::EARLIEST);
            let kind = if cell.same_kind { report.kind } else { other };
            for _ in 0..count {
                report.earlier_breaches.push(EarlierBreach { date, kind });
            }
        }
    }

    /// The report of one class.
    fn report(&self, indices: &[usize]) -> BreachReport {
        let mut report = BreachReport::new(
            BreachKind::LossOfPass,
            Care::AvoidableCarelessness,
            OCCURRED,
        );
        for (dimension, &value) in indices.iter().enumerate() {
            self.apply(&mut report, dimension, value);
        }
        // The kind changes which earlier breach is "another kind".
        if let Some(&value) = indices.get(REPEATS) {
            self.earlier_breaches(&mut report, value);
        }
        report
    }
}

/// What differs between two decisions, compared field by field: only the
/// fields that differ are set, so classes that change alike share a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct DecisionChange {
    /// When either policy refuses the report: each side's error code (`None`
    /// for an assessment).
    refused: Option<(Option<ErrorCode>, Option<ErrorCode>)>,
    level: Option<(Level, Level)>,
    score: Option<(u8, u8)>,
    band: Option<(crate::breach::Band, crate::breach::Band)>,
    marking: Option<(u8, u8)>,
    route: Option<(crate::breach::Route, crate::breach::Route)>,
    /// The flags that differ (a mask) and their values under `from`.
    flags: Option<(u16, u16)>,
}

/// The flags in a fixed order, with their wire names.
const FLAG_NAMES: [&str; 10] = [
    "recordCentrally",
    "breachNoticeMayBeIssued",
    "consultSecurity",
    "reportToStrapso",
    "policeMayBeInvolved",
    "contractMayBeCancelled",
    "managerDecisionRequired",
    "informInformationAssetOwner",
    "informDataProtectionTeam",
    "escalateToSiro",
];

/// The three flags the information-risk inputs decide.
const INFORMATION_RISK_FLAGS: u16 = 0b11_1000_0000;

fn flag_bits(flags: &Flags) -> u16 {
    let bits = [
        flags.record_centrally,
        flags.breach_notice_may_be_issued,
        flags.consult_security == crate::breach::ConsultSecurity::BeforeActing,
        flags.report_to_strapso,
        flags.police_may_be_involved,
        flags.contract_may_be_cancelled,
        flags.manager_decision_required,
        flags.inform_information_asset_owner,
        flags.inform_data_protection_team,
        flags.escalate_to_siro,
    ];
    bits.iter()
        .enumerate()
        .fold(0, |acc, (i, &on)| if on { acc | (1 << i) } else { acc })
}

fn marking_code(marking: Marking) -> u8 {
    let tier = match marking.tier() {
        Classification::Official => 0,
        Classification::Secret => 4,
        Classification::TopSecret => 8,
    };
    tier + u8::from(marking.is_sensitive()) * 2 + u8::from(marking.is_strap())
}

fn marking_of_code(code: u8) -> String {
    let tier = match code / 4 {
        0 => Classification::Official,
        1 => Classification::Secret,
        _ => Classification::TopSecret,
    };
    let mut caveats = Vec::new();
    if code & 2 != 0 {
        caveats.push(Caveat::Sensitive);
    }
    if code & 1 != 0 {
        caveats.push(Caveat::Strap);
    }
    Marking::new(tier, &caveats).map_or_else(|_| tier.label().to_owned(), |m| m.to_string())
}

fn differ<T: PartialEq + Copy>(a: T, b: T) -> Option<(T, T)> {
    (a != b).then_some((a, b))
}

type Decided = Result<BreachDecision, ErrorCode>;

/// What a comparison reads: the flags of `flags` (a mask), the route when
/// `route`, everything else when `decision`.
#[derive(Clone, Copy)]
struct Compared {
    flags: u16,
    route: bool,
    decision: bool,
}

const NO_FIELDS: DecisionChange = DecisionChange {
    refused: None,
    level: None,
    score: None,
    band: None,
    marking: None,
    route: None,
    flags: None,
};

/// How two decisions differ in the fields `compared` reads; `None` when they
/// agree there. A refusal on one side only is a change when `compared`
/// reads the decision.
fn compare(a: &Decided, b: &Decided, compared: Compared) -> Option<DecisionChange> {
    let (a, b) = match (a, b) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(x), Err(y)) if x == y => return None,
        (a, b) => {
            return compared.decision.then_some(DecisionChange {
                refused: Some((a.as_ref().err().copied(), b.as_ref().err().copied())),
                ..NO_FIELDS
            });
        }
    };
    let (fa, fb) = (
        flag_bits(&a.flags) & compared.flags,
        flag_bits(&b.flags) & compared.flags,
    );
    let mut change = DecisionChange {
        flags: (fa != fb).then_some((fa ^ fb, fa & (fa ^ fb))),
        route: if compared.route {
            differ(a.route, b.route)
        } else {
            None
        },
        ..NO_FIELDS
    };
    if compared.decision {
        change.level = differ(a.level, b.level);
        change.score = differ(a.score, b.score);
        change.band = differ(a.band, b.band);
        change.marking = differ(marking_code(a.marking), marking_code(b.marking));
    }
    (change != NO_FIELDS).then_some(change)
}

/// The changes of two parts of a class, as one: the report's and the
/// person's (which only the route and the contract flag read).
fn merged(report: DecisionChange, person: Option<DecisionChange>) -> DecisionChange {
    let Some(person) = person else {
        return report;
    };
    let flags = match (report.flags, person.flags) {
        (Some((m1, f1)), Some((m2, f2))) => Some((m1 | m2, f1 | f2)),
        (one, other) => one.or(other),
    };
    DecisionChange {
        route: person.route,
        flags,
        ..report
    }
}

fn yes_no(on: bool) -> &'static str {
    if on { "yes" } else { "no" }
}

fn refusal(code: Option<ErrorCode>) -> String {
    code.map_or_else(
        || "assessed".to_owned(),
        |c| format!("refused ({})", c.as_str()),
    )
}

impl DecisionChange {
    fn changes(&self) -> Vec<OutcomeChange> {
        let mut out = Vec::new();
        if let Some((a, b)) = self.refused {
            out.push(OutcomeChange::new("assessed", refusal(a), refusal(b)));
        }
        if let Some((a, b)) = self.level {
            out.push(OutcomeChange::new("level", a.as_str(), b.as_str()));
        }
        if let Some((a, b)) = self.score {
            out.push(OutcomeChange::new("score", a.to_string(), b.to_string()));
        }
        if let Some((a, b)) = self.band {
            out.push(OutcomeChange::new("band", a.as_str(), b.as_str()));
        }
        if let Some((a, b)) = self.marking {
            out.push(OutcomeChange::new(
                "markingScored",
                marking_of_code(a),
                marking_of_code(b),
            ));
        }
        if let Some((a, b)) = self.route {
            out.push(OutcomeChange::new("route", a.as_str(), b.as_str()));
        }
        if let Some((mask, from)) = self.flags {
            for (bit, name) in FLAG_NAMES.iter().enumerate() {
                if mask & (1 << bit) == 0 {
                    continue;
                }
                let was = from & (1 << bit) != 0;
                if *name == "consultSecurity" {
                    let strength = |before: bool| {
                        if before {
                            "beforeActing"
                        } else {
                            "aboutCircumstances"
                        }
                    };
                    out.push(OutcomeChange::new(name, strength(was), strength(!was)));
                } else {
                    out.push(OutcomeChange::new(name, yes_no(was), yes_no(!was)));
                }
            }
        }
        out
    }
}

/// A group while the space is walked.
struct Gathering {
    classes: u64,
    seen: Seen,
    first: Vec<usize>,
}

impl Gathering {
    /// The classes of two groups of independent parts of the space taken
    /// together: every class of one with every class of the other.
    fn joined(&self, other: &Gathering) -> Gathering {
        let mut seen = self.seen.clone();
        seen.union(&other.seen);
        Gathering {
            classes: self.classes.saturating_mul(other.classes),
            seen,
            first: self
                .first
                .iter()
                .zip(&other.first)
                .map(|(a, b)| *a.max(b))
                .collect(),
        }
    }

    fn absorb(&mut self, other: Gathering) {
        self.classes = self.classes.saturating_add(other.classes);
        self.seen.union(&other.seen);
        if other.first < self.first {
            self.first = other.first;
        }
    }
}

/// How one class compares: a change, or the same assessment under both (a
/// class both refuse alike is not kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Compares {
    Changed(DecisionChange),
    SameAssessment,
}

/// Walks a space under both policies and groups its classes by kind and by
/// how they compare (the unchanged ones only when `keep_same`). `base` is
/// the report every class starts from; `apply` sets one input.
fn walk(
    (from, to): (&Engine, &Engine),
    sizes: &[usize],
    (mut report, apply): (BreachReport, impl Fn(&mut BreachReport, usize, usize)),
    compared: Compared,
    keep_same: bool,
) -> BTreeMap<(BreachKind, Compares), Gathering> {
    let mut groups: BTreeMap<(BreachKind, Compares), Gathering> = BTreeMap::new();
    let (a, b) = (from.breach_engine(), to.breach_engine());
    for_each_class(sizes, |indices, outermost| {
        for (dimension, &value) in indices.iter().enumerate().skip(outermost) {
            apply(&mut report, dimension, value);
        }
        let da = a.decide(&report).map_err(|e| e.code);
        let db = b.decide(&report).map_err(|e| e.code);
        let compares = match compare(&da, &db, compared) {
            Some(change) => Compares::Changed(change),
            None if keep_same && da.is_ok() && db.is_ok() => Compares::SameAssessment,
            None => return,
        };
        let group = groups
            .entry((report.kind, compares))
            .or_insert_with(|| Gathering {
                classes: 0,
                seen: Seen::new(sizes),
                first: indices.to_vec(),
            });
        group.classes += 1;
        group.seen.mark(indices);
    });
    groups
}

/// The person's part of the breach space: status and organisation, which
/// only the route (and the contract flag, which follows the route) read.
fn person_groups(
    engines: (&Engine, &Engine),
    sizes: &[usize],
) -> BTreeMap<Option<DecisionChange>, Gathering> {
    let mut person_sizes = vec![1; sizes.len()];
    for dimension in [STATUS, ORGANISATION] {
        if let (Some(size), Some(full)) = (person_sizes.get_mut(dimension), sizes.get(dimension)) {
            *size = *full;
        }
    }
    // A report every policy assesses: avoidable carelessness over a lost
    // pass by a cleared person.
    let mut base = BreachReport::new(
        BreachKind::LossOfPass,
        Care::AvoidableCarelessness,
        OCCURRED,
    );
    base.person.security_cleared = true;
    let compared = Compared {
        flags: CONTRACT_FLAG,
        route: true,
        decision: false,
    };
    let apply = |report: &mut BreachReport, dimension: usize, value: usize| match dimension {
        STATUS => {
            if let Some(status) = PersonStatus::ALL.get(value) {
                report.person.status = *status;
            }
        }
        ORGANISATION => {
            if let Some(organisation) = Organisation::ALL.get(value) {
                report.person.organisation = *organisation;
            }
        }
        _ => {}
    };
    let mut out = BTreeMap::new();
    for ((_, compares), mut gathering) in
        walk(engines, &person_sizes, (base, apply), compared, true)
    {
        // Only the person's inputs are this part's.
        gathering.seen.keep_only(&[STATUS, ORGANISATION]);
        let key = match compares {
            Compares::Changed(change) => Some(change),
            Compares::SameAssessment => None,
        };
        out.insert(key, gathering);
    }
    out
}

/// The contract flag's bit: it follows the route.
const CONTRACT_FLAG: u16 = 1 << 5;

/// The groups' answers: both policies' full assessments of each group's
/// first class.
fn dress(
    from: &Engine,
    to: &Engine,
    domains: &[Domain],
    groups: BTreeMap<(BreachKind, DecisionChange), Gathering>,
    report_of: impl Fn(&[usize]) -> BreachReport,
) -> Vec<BreachChangeGroup> {
    let domain_refs: Vec<&Domain> = domains.iter().collect();
    groups
        .into_iter()
        .map(|((kind, change), gathering)| {
            let changes = change.changes();
            let inputs = gathering.seen.conditions(&domain_refs, &[KIND]);
            let example = report_of(&gathering.first);
            let mut summary = format!("{} input classes: `{}`", gathering.classes, kind.as_str());
            if !inputs.is_empty() {
                summary.push_str(" with ");
                summary.push_str(&conditions_text(&inputs));
            }
            summary.push_str(": ");
            summary.push_str(&changes_text(&changes));
            BreachChangeGroup {
                summary,
                kind,
                classes: gathering.classes,
                changes,
                inputs,
                from: BreachAnswer::of(from.assess_breach(&example)),
                to: BreachAnswer::of(to.assess_breach(&example)),
                example,
            }
        })
        .collect()
}

/// The breach space's classes that two policies decide differently.
///
/// The person's status and organisation are read by the route alone (step
/// 9), and the route by nothing else but the contract flag, so the space is
/// walked as two independent parts: the report (everything but status and
/// organisation, compared on everything but the route and the contract
/// flag) and the person (compared on those two). A class of the whole space
/// is one of each, and it changes as its two parts do together; the groups'
/// counts are those products, and every class of the space is counted once.
/// A test checks the parts against whole classes assessed directly.
pub(crate) fn breach_diff(from: &Engine, to: &Engine) -> BreachSpaceDiff {
    let space = BreachSpace::new(from, to);
    let sizes = space.sizes();
    let mut report_sizes = sizes.clone();
    for dimension in [STATUS, ORGANISATION] {
        if let Some(size) = report_sizes.get_mut(dimension) {
            *size = 1;
        }
    }
    let base = BreachReport::new(
        BreachKind::LossOfPass,
        Care::AvoidableCarelessness,
        OCCURRED,
    );
    let compared = Compared {
        flags: !CONTRACT_FLAG,
        route: false,
        decision: true,
    };
    let reports = walk(
        (from, to),
        &report_sizes,
        (base, |report: &mut BreachReport, dimension, value| {
            space.apply(report, dimension, value);
        }),
        compared,
        true,
    );
    let persons = person_groups((from, to), &sizes);
    // Every person, for a report one policy refuses: the route is then moot.
    let mut everyone = Seen::new(&sizes);
    everyone.mark_all(&[STATUS, ORGANISATION]);
    let everyone = Gathering {
        classes: product([STATUS, ORGANISATION].map(|d| sizes.get(d).copied().unwrap_or(1))),
        seen: everyone,
        first: vec![0; sizes.len()],
    };
    let mut groups: BTreeMap<(BreachKind, DecisionChange), Gathering> = BTreeMap::new();
    let mut add =
        |key: (BreachKind, DecisionChange), gathering: Gathering| match groups.get_mut(&key) {
            Some(group) => group.absorb(gathering),
            None => {
                groups.insert(key, gathering);
            }
        };
    for ((kind, compares), mut report_part) in reports {
        report_part
            .seen
            .keep_only(&[KIND, MARKING, CARE, DAMAGE, WARNINGS, REPEATS, CLEARED]);
        match compares {
            Compares::Changed(change) if change.refused.is_some() => {
                add((kind, change), report_part.joined(&everyone));
            }
            Compares::Changed(change) => {
                for (person, person_part) in &persons {
                    add(
                        (kind, merged(change, *person)),
                        report_part.joined(person_part),
                    );
                }
            }
            Compares::SameAssessment => {
                for (person, person_part) in &persons {
                    if let Some(person) = person {
                        add(
                            (kind, merged(NO_FIELDS, Some(*person))),
                            report_part.joined(person_part),
                        );
                    }
                }
            }
        }
    }
    let changed_classes = groups.values().map(|g| g.classes).sum();
    let groups = dress(from, to, &space.domains, groups, |indices| {
        space.report(indices)
    });
    BreachSpaceDiff {
        classes: product(sizes),
        changed_classes,
        domains: space.domains,
        groups,
    }
}

/// The information-risk space: the kind, personal data, an information asset
/// and the impact, on an otherwise fixed report that every kind accepts.
pub(crate) struct InformationRiskSpace {
    domains: Vec<Domain>,
    /// For each kind, the marking it needs at least under either policy.
    kind_markings: Vec<Option<ReportedMarking>>,
}

const IMPACTS: [Option<Impact>; 4] = [
    None,
    Some(Impact::Low),
    Some(Impact::Medium),
    Some(Impact::High),
];

impl InformationRiskSpace {
    pub(crate) fn new(from: &Engine, to: &Engine) -> Self {
        let kind_markings = BreachKind::ALL
            .iter()
            .map(|kind| {
                [from, to]
                    .iter()
                    .filter_map(|engine| {
                        engine
                            .policy()
                            .breach
                            .kinds
                            .iter()
                            .find(|r| r.kind == *kind)
                            .and_then(|r| r.minimum_classification)
                    })
                    .max()
                    .map(ReportedMarking::plain)
            })
            .collect();
        let domains = vec![
            Domain::new("kind", names(&BreachKind::ALL, BreachKind::as_str)),
            Domain::new("personalData", vec!["no".into(), "yes".into()]),
            Domain::new("informationAsset", vec!["none".into(), "named".into()]),
            Domain::new(
                "impact",
                IMPACTS
                    .iter()
                    .map(|i| i.map_or("not assessed", Impact::as_str).to_owned())
                    .collect(),
            ),
        ];
        Self {
            domains,
            kind_markings,
        }
    }

    /// The domains, in enumeration order.
    pub(crate) fn domains(&self) -> &[Domain] {
        &self.domains
    }

    fn apply(&self, report: &mut BreachReport, dimension: usize, value: usize) {
        match dimension {
            0 => {
                if let Some(kind) = BreachKind::ALL.get(value) {
                    report.kind = *kind;
                }
                report.marking = self.kind_markings.get(value).cloned().flatten();
            }
            1 => report.personal_data = value == 1,
            2 => {
                report.information_asset = (value == 1).then(|| InformationAsset {
                    name: "Case management records".to_owned(),
                    owner: "Director of Operations".to_owned(),
                });
            }
            3 => report.impact = IMPACTS.get(value).copied().flatten(),
            _ => {}
        }
    }

    fn report(&self, indices: &[usize]) -> BreachReport {
        let mut report = base_information_risk_report();
        for (dimension, &value) in indices.iter().enumerate() {
            self.apply(&mut report, dimension, value);
        }
        report
    }
}

/// The fixed part of an information-risk class: a cleared MoJ employee's
/// avoidable carelessness, so that every kind applies.
fn base_information_risk_report() -> BreachReport {
    let mut report = BreachReport::new(
        BreachKind::LossOfPass,
        Care::AvoidableCarelessness,
        OCCURRED,
    );
    report.person = Person {
        security_cleared: true,
        ..Person::moj_employee()
    };
    report
}

/// The information-risk space's classes whose Information Asset Owner, data
/// protection team or SIRO flag differs between two policies.
pub(crate) fn information_risk_diff(from: &Engine, to: &Engine) -> BreachSpaceDiff {
    let space = InformationRiskSpace::new(from, to);
    let sizes: Vec<usize> = space.domains.iter().map(Domain::size).collect();
    let compared = Compared {
        flags: INFORMATION_RISK_FLAGS,
        route: false,
        decision: false,
    };
    let groups: BTreeMap<(BreachKind, DecisionChange), Gathering> = walk(
        (from, to),
        &sizes,
        (
            base_information_risk_report(),
            |report: &mut BreachReport, dimension, value| space.apply(report, dimension, value),
        ),
        compared,
        false,
    )
    .into_iter()
    .filter_map(|((kind, compares), gathering)| match compares {
        Compares::Changed(change) => Some(((kind, change), gathering)),
        Compares::SameAssessment => None,
    })
    .collect();
    let changed_classes = groups.values().map(|g| g.classes).sum();
    let groups = dress(from, to, &space.domains, groups, |indices| {
        space.report(indices)
    });
    BreachSpaceDiff {
        classes: product(sizes),
        changed_classes,
        domains: space.domains,
        groups,
    }
}
