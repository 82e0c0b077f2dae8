//! The site input space, enumerated completely, and the classes whose status
//! differs between two policies.
//!
//! A class fixes the tier, the national threat level, the site's own
//! response level (none, or each level, approved), whether the threat
//! assessment is documented, and where each schedule's last date sits among
//! every due-soon, due and overdue boundary either policy gives it on the day
//! assessed (never done included where a site may never have done it). The
//! rest of the record is complete, so that what differs is the policies'.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::date::Date;
use crate::engine::Engine;
use crate::error::{ErrorCode, SpfError};
use crate::policy::Policy;
use crate::policy_change::space::{
    Domain, InputCondition, OutcomeChange, Seen, changes_text, conditions_text, for_each_class,
    product,
};
use crate::reason::Reason;
use crate::site::{
    Approval, ControlId, CtPlan, EmergencyArrangements, FindingCode, Interval, ResponseLevel,
    ResponseOverride, ResponsibilityOwners, RiskAssessmentRecord, Schedule, ScheduleStatus,
    Severity, Site, SiteStatus, SiteStatusRequest, SiteStep, SiteTier, ThreatAssessment,
    ThreatLevel,
};

/// The day every site class is assessed on.
const AS_OF: Date = match Date::from_ymd_const(2026, 6, 15) {
    Some(day) => day,
    None => Date::EARLIEST,
};

/// A policy's answer for one site class: its status with every reason, or
/// the error it gives the site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SiteAnswer {
    /// The site's status, when the policy assesses it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub status: Option<SiteStatus>,
    /// The error, when it refuses it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub error: Option<SpfError>,
}

/// Site classes whose status changes in the same way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SiteChangeGroup {
    /// In plain words.
    pub summary: String,
    /// How many classes change so.
    pub classes: u64,
    /// What changes. For controls and findings, `from` lists what only the
    /// policy compared from gives and `to` what only the other gives.
    pub changes: Vec<OutcomeChange>,
    /// The group's inputs where they are narrower than the space.
    pub inputs: Vec<InputCondition>,
    /// One class of the group (the first in the space's order), as a request.
    pub example: SiteStatusRequest,
    /// The policy compared from: its answer, with its reasons.
    pub from: SiteAnswer,
    /// The policy compared to: its answer, with its reasons.
    pub to: SiteAnswer,
}

/// The site space, walked completely under both policies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SiteSpaceDiff {
    /// The day the classes are assessed on.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub as_of: Date,
    /// Every input and its values; the CT-plan test has one domain per tier.
    pub domains: Vec<Domain>,
    /// How many classes were enumerated: for each tier, the size of its
    /// CT-plan test domain times the sizes of the other domains (but the
    /// tier), summed.
    pub classes: u64,
    /// How many of them the two policies answer differently.
    pub changed_classes: u64,
    /// The changed classes, grouped by what changes.
    pub groups: Vec<SiteChangeGroup>,
}

/// One position of a schedule's last date: a date (or never) and its status
/// under each policy.
#[derive(Debug, Clone)]
struct Position {
    last: Option<Date>,
    label: String,
}

fn status_label(status: ScheduleStatus) -> &'static str {
    status.label()
}

/// The positions of a schedule among both policies' boundaries on [`AS_OF`].
fn positions(
    statuses: [&dyn Fn(Date) -> ScheduleStatus; 2],
    never: bool,
    prefix: &str,
) -> Vec<Position> {
    let mut starts: Vec<Date> = statuses
        .iter()
        .flat_map(crate::site::status_boundaries)
        .filter(|d| *d <= AS_OF && *d > Date::EARLIEST)
        .collect();
    starts.sort_unstable();
    starts.dedup();
    let mut dates = Vec::new();
    // The run before the first boundary, by its last day.
    match starts.first() {
        Some(first) => dates.extend(first.days_before(1)),
        None => dates.push(AS_OF),
    }
    dates.extend(starts);
    let label = |last: Option<Date>| {
        let [a, b] = statuses.map(|status_of| last.map_or(ScheduleStatus::NeverDone, status_of));
        let statuses = if a == b {
            status_label(a).to_owned()
        } else {
            format!("{} → {}", status_label(a), status_label(b))
        };
        match last {
            Some(day) => format!("{prefix}{day} ({statuses})"),
            None => format!("{prefix}never ({statuses})"),
        }
    };
    let mut out: Vec<Position> = dates
        .into_iter()
        .map(|day| Position {
            last: Some(day),
            label: label(Some(day)),
        })
        .collect();
    if never {
        out.push(Position {
            last: None,
            label: label(None),
        });
    }
    out
}

fn months(months: u32) -> Interval {
    Interval {
        due_after_months: months,
        overdue_after_months: months,
    }
}

fn ct_interval(policy: &Policy, tier: SiteTier) -> Interval {
    policy
        .counter_terrorism
        .ct_plan_tests
        .iter()
        .find(|rule| rule.tier == tier)
        .map_or(months(0), |rule| Interval {
            due_after_months: rule.due_after_months,
            overdue_after_months: rule.overdue_after_months,
        })
}

/// Dimensions of the site space, in enumeration order.
const TIER: usize = 0;
const THREAT: usize = 1;
const OVERRIDE: usize = 2;
const THREAT_ASSESSMENT: usize = 3;
const CT_TEST: usize = 4;
const RISK_ASSESSMENT: usize = 5;
const TIER_REASSESSMENT: usize = 6;
const EXCEPTIONAL_REVIEW: usize = 7;
const REHEARSAL: usize = 8;

const OVERRIDES: [Option<ResponseLevel>; 4] = [
    None,
    Some(ResponseLevel::Normal),
    Some(ResponseLevel::Heightened),
    Some(ResponseLevel::Exceptional),
];

struct SiteSpace {
    /// The domains as reported (a CT-plan test domain per tier).
    reported: Vec<Domain>,
    /// The domains as walked: the CT-plan test's is every tier's together.
    walked: Vec<Domain>,
    ct: Vec<Vec<Position>>,
    risk: Vec<Position>,
    tier_review: Vec<Position>,
    exceptional: Vec<Position>,
    rehearsal: Vec<Position>,
}

impl SiteSpace {
    fn new(from: &Engine, to: &Engine) -> Self {
        let [a, b] = [from.policy(), to.policy()];
        let soon = |p: &Policy| p.counter_terrorism.due_soon.days;
        let ct: Vec<Vec<Position>> = SiteTier::ALL
            .iter()
            .map(|&tier| {
                let (ia, ib) = (ct_interval(a, tier), ct_interval(b, tier));
                let prefix = format!("{}: ", tier.as_str());
                positions(
                    [
                        &|d| Schedule::evaluate(Some(d), ia, soon(a), AS_OF).status,
                        &|d| Schedule::evaluate(Some(d), ib, soon(b), AS_OF).status,
                    ],
                    true,
                    &prefix,
                )
            })
            .collect();
        let monthly = |get: fn(&Policy) -> u32, soon_days: fn(&Policy) -> u32, never: bool| {
            positions(
                [
                    &|d| Schedule::evaluate(Some(d), months(get(a)), soon_days(a), AS_OF).status,
                    &|d| Schedule::evaluate(Some(d), months(get(b)), soon_days(b), AS_OF).status,
                ],
                never,
                "",
            )
        };
        let risk = monthly(
            |p| p.counter_terrorism.risk_assessment.months,
            |p| p.counter_terrorism.due_soon.days,
            true,
        );
        let tier_review = monthly(
            |p| p.counter_terrorism.tier_reassessment.months,
            |p| p.counter_terrorism.due_soon.days,
            false,
        );
        let rehearsal = monthly(
            |p| p.counter_terrorism.emergency_arrangements.rehearsal_months,
            |_| 0,
            true,
        );
        let days = |p: &Policy| p.counter_terrorism.exceptional_review.days;
        let exceptional = positions(
            [
                &|d| crate::site::exceptional_review(Some(d), days(a), AS_OF).status,
                &|d| crate::site::exceptional_review(Some(d), days(b), AS_OF).status,
            ],
            true,
            "",
        );
        let labels = |list: &[Position]| list.iter().map(|p| p.label.clone()).collect::<Vec<_>>();
        let head = vec![
            Domain::new(
                "tier",
                SiteTier::ALL
                    .iter()
                    .map(|t| t.as_str().to_owned())
                    .collect(),
            ),
            Domain::new(
                "threatLevel",
                ThreatLevel::ALL
                    .iter()
                    .map(|t| t.as_str().to_owned())
                    .collect(),
            ),
            Domain::new(
                "responseOverride",
                OVERRIDES
                    .iter()
                    .map(|o| o.map_or("none", ResponseLevel::as_str).to_owned())
                    .collect(),
            ),
            Domain::new(
                "threatAssessment",
                vec!["not documented".into(), "documented".into()],
            ),
        ];
        let tail = vec![
            Domain::new("riskAssessment", labels(&risk)),
            Domain::new("tierReassessment", labels(&tier_review)),
            Domain::new("exceptionalReview", labels(&exceptional)),
            Domain::new("emergencyRehearsal", labels(&rehearsal)),
        ];
        let mut reported = head.clone();
        for (tier, list) in SiteTier::ALL.iter().zip(&ct) {
            let mut domain = Domain::new("ctPlanTest", labels(list));
            domain.tier = Some(*tier);
            reported.push(domain);
        }
        reported.extend(tail.iter().cloned());
        let mut walked = head;
        walked.push(Domain::new(
            "ctPlanTest",
            ct.iter().flat_map(|list| labels(list)).collect(),
        ));
        walked.extend(tail);
        Self {
            reported,
            walked,
            ct,
            risk,
            tier_review,
            exceptional,
            rehearsal,
        }
    }

    /// One tier's sizes: the tier fixed, its own CT-plan positions.
    fn tier_sizes(&self, tier_index: usize) -> Vec<usize> {
        let mut sizes: Vec<usize> = self.walked.iter().map(Domain::size).collect();
        if let Some(size) = sizes.get_mut(TIER) {
            *size = 1;
        }
        if let Some(size) = sizes.get_mut(CT_TEST) {
            *size = self.ct.get(tier_index).map_or(0, Vec::len);
        }
        sizes
    }

    /// A tier's class (its own CT-plan positions counted from 0) in the
    /// walked domains.
    fn globalised(&self, local: &[usize], tier_index: usize, offset: usize) -> Vec<usize> {
        let mut indices = local.to_vec();
        if let Some(tier) = indices.get_mut(TIER) {
            *tier = tier_index;
        }
        if let Some(position) = indices.get_mut(CT_TEST) {
            *position += offset;
        }
        indices
    }

    /// The class every part departs from, in a tier's own indices: no
    /// override at the lowest threat level, the threat assessment
    /// documented, and every schedule last done within its latest run (the
    /// one holding the day assessed).
    fn baseline(&self, tier_index: usize) -> Vec<usize> {
        let latest = |list: &[Position]| list.iter().rposition(|p| p.last.is_some()).unwrap_or(0);
        let mut at = vec![0; self.walked.len()];
        let set = |at: &mut Vec<usize>, d: usize, v: usize| {
            if let Some(slot) = at.get_mut(d) {
                *slot = v;
            }
        };
        set(&mut at, THREAT_ASSESSMENT, 1);
        set(
            &mut at,
            CT_TEST,
            self.ct.get(tier_index).map_or(0, |l| latest(l)),
        );
        set(&mut at, RISK_ASSESSMENT, latest(&self.risk));
        set(&mut at, TIER_REASSESSMENT, latest(&self.tier_review));
        set(&mut at, EXCEPTIONAL_REVIEW, latest(&self.exceptional));
        set(&mut at, REHEARSAL, latest(&self.rehearsal));
        at
    }

    /// The site of one class (`indices` in the walked domains).
    fn site(&self, indices: &[usize]) -> (Site, ThreatLevel) {
        let at = |dimension: usize| indices.get(dimension).copied().unwrap_or(0);
        let tier_index = at(TIER);
        let tier = SiteTier::ALL
            .get(tier_index)
            .copied()
            .unwrap_or(SiteTier::Low);
        let threat = ThreatLevel::ALL
            .get(at(THREAT))
            .copied()
            .unwrap_or(ThreatLevel::Low);
        // The CT-plan test's walked index runs over every tier's positions.
        let offset: usize = self.ct.iter().take(tier_index).map(Vec::len).sum();
        let last = |list: &[Position], index: usize| list.get(index).and_then(|p| p.last);
        let ct_last = self
            .ct
            .get(tier_index)
            .and_then(|list| last(list, at(CT_TEST).saturating_sub(offset)));
        let response_override =
            OVERRIDES
                .get(at(OVERRIDE))
                .copied()
                .flatten()
                .map(|level| ResponseOverride {
                    level,
                    approval: Some(Approval {
                        by: "Head of Security".to_owned(),
                        on: AS_OF,
                        reason: "local assessment of the threat".to_owned(),
                    }),
                });
        let site = Site {
            id: "class".to_owned(),
            name: "Site class".to_owned(),
            business_area: None,
            security_officer: None,
            tier,
            tier_assessed: last(&self.tier_review, at(TIER_REASSESSMENT)).unwrap_or(AS_OF),
            ct_plan: Some(CtPlan {
                varies_by_response_level: true,
                last_tested: ct_last,
            }),
            threat_assessment: (at(THREAT_ASSESSMENT) == 1).then_some(ThreatAssessment {
                threat_documented: true,
                mitigation_documented: true,
            }),
            risk_assessed: last(&self.risk, at(RISK_ASSESSMENT)),
            risk_assessment: Some(RiskAssessmentRecord {
                impact: true,
                threat: true,
                likelihood: true,
                vulnerability: true,
                terrorist_threats: true,
                other_threats: true,
                owners: ResponsibilityOwners {
                    baseline_measures: Some("Estates manager".to_owned()),
                    crisis_management: Some("Head of Business Continuity".to_owned()),
                    business_continuity: Some("Head of Business Continuity".to_owned()),
                },
            }),
            response_override,
            exceptional_reviewed: last(&self.exceptional, at(EXCEPTIONAL_REVIEW)),
            controls_in_place: None,
            emergency_arrangements: Some(EmergencyArrangements {
                in_fire_and_incident_control_plan: true,
                in_business_continuity_plan: true,
                emergency_services_liaison: true,
                staff_communications: true,
                last_rehearsed: last(&self.rehearsal, at(REHEARSAL)),
            }),
        };
        (site, threat)
    }
}

/// What a site status decides, without its dates, messages and reasons.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SiteDecision {
    response_level: ResponseLevel,
    required: Arc<[ControlId]>,
    recommended: Arc<[ControlId]>,
    schedules: [Option<ScheduleStatus>; 5],
    findings: Vec<(FindingCode, Severity)>,
}

const SCHEDULE_NAMES: [&str; 5] = [
    "ctPlanTest",
    "riskAssessment",
    "tierReassessment",
    "exceptionalReview",
    "emergencyRehearsal",
];

fn decision(status: &SiteStatus) -> SiteDecision {
    let rehearsal = status
        .reasons
        .iter()
        .find_map(|reason: &Reason<SiteStep>| match reason.step {
            SiteStep::EmergencyRehearsal { status, .. } => Some(status),
            _ => None,
        });
    let mut findings: Vec<(FindingCode, Severity)> = status
        .findings
        .iter()
        .map(|f| (f.code, f.severity))
        .collect();
    findings.sort_unstable();
    SiteDecision {
        response_level: status.response_level,
        required: Arc::clone(&status.required_controls),
        recommended: Arc::clone(&status.recommended_controls),
        schedules: [
            Some(status.schedules.ct_plan_test.status),
            Some(status.schedules.risk_assessment.status),
            Some(status.schedules.tier_reassessment.status),
            status.schedules.exceptional_review.map(|s| s.status),
            rehearsal,
        ],
        findings,
    }
}

type Listed<T> = Option<(Vec<T>, Vec<T>)>;

/// What differs between two site decisions; only differing fields are set.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct SiteChange {
    refused: Option<(Option<ErrorCode>, Option<ErrorCode>)>,
    response_level: Option<(ResponseLevel, ResponseLevel)>,
    required: Listed<ControlId>,
    recommended: Listed<ControlId>,
    schedules: Vec<(usize, Option<ScheduleStatus>, Option<ScheduleStatus>)>,
    findings: Listed<(FindingCode, Severity)>,
}

/// What only one side lists, each way; `None` when they list the same.
fn only_each<T: Clone + PartialEq>(a: &[T], b: &[T]) -> Listed<T> {
    let only_a: Vec<T> = a.iter().filter(|x| !b.contains(x)).cloned().collect();
    let only_b: Vec<T> = b.iter().filter(|x| !a.contains(x)).cloned().collect();
    (!only_a.is_empty() || !only_b.is_empty()).then_some((only_a, only_b))
}

type Decided = Result<SiteDecision, ErrorCode>;

fn compare(a: &Decided, b: &Decided) -> Option<SiteChange> {
    let (a, b) = match (a, b) {
        (Ok(a), Ok(b)) if a == b => return None,
        (Ok(a), Ok(b)) => (a, b),
        (Err(x), Err(y)) if x == y => return None,
        (a, b) => {
            return Some(SiteChange {
                refused: Some((a.as_ref().err().copied(), b.as_ref().err().copied())),
                response_level: None,
                required: None,
                recommended: None,
                schedules: Vec::new(),
                findings: None,
            });
        }
    };
    Some(SiteChange {
        refused: None,
        response_level: (a.response_level != b.response_level)
            .then_some((a.response_level, b.response_level)),
        required: only_each(&a.required, &b.required),
        recommended: only_each(&a.recommended, &b.recommended),
        schedules: a
            .schedules
            .iter()
            .zip(&b.schedules)
            .enumerate()
            .filter(|(_, (x, y))| x != y)
            .map(|(i, (x, y))| (i, *x, *y))
            .collect(),
        findings: only_each(&a.findings, &b.findings),
    })
}

fn listed<T>(items: &[T], name: impl Fn(&T) -> String) -> String {
    if items.is_empty() {
        "(none)".to_owned()
    } else {
        items.iter().map(name).collect::<Vec<_>>().join(", ")
    }
}

fn schedule_status(status: Option<ScheduleStatus>) -> String {
    status.map_or_else(|| "not applicable".to_owned(), |s| s.as_str().to_owned())
}

fn refusal(code: Option<ErrorCode>) -> String {
    code.map_or_else(
        || "assessed".to_owned(),
        |c| format!("refused ({})", c.as_str()),
    )
}

impl SiteChange {
    fn changes(&self) -> Vec<OutcomeChange> {
        let mut out = Vec::new();
        if let Some((a, b)) = self.refused {
            out.push(OutcomeChange::new("assessed", refusal(a), refusal(b)));
        }
        if let Some((a, b)) = self.response_level {
            out.push(OutcomeChange::new("responseLevel", a.as_str(), b.as_str()));
        }
        for (field, list) in [
            ("requiredControls", &self.required),
            ("recommendedControls", &self.recommended),
        ] {
            if let Some((a, b)) = list {
                out.push(OutcomeChange::new(
                    field,
                    listed(a, |c| c.to_string()),
                    listed(b, |c| c.to_string()),
                ));
            }
        }
        for (index, a, b) in &self.schedules {
            let name = SCHEDULE_NAMES.get(*index).copied().unwrap_or("schedule");
            out.push(OutcomeChange::new(
                name,
                schedule_status(*a),
                schedule_status(*b),
            ));
        }
        if let Some((a, b)) = &self.findings {
            let name = |(code, severity): &(FindingCode, Severity)| {
                format!("{} ({})", code.as_str(), severity.as_str())
            };
            out.push(OutcomeChange::new(
                "findings",
                listed(a, name),
                listed(b, name),
            ));
        }
        out
    }
}

struct Gathering {
    classes: u64,
    seen: Seen,
    first: Vec<usize>,
}

impl Gathering {
    fn absorb(&mut self, other: Gathering) {
        self.classes = self.classes.saturating_add(other.classes);
        self.seen.union(&other.seen);
        if other.first < self.first {
            self.first = other.first;
        }
    }
}

/// The parts of a site class that the status reads independently of one
/// another (with the tier, which every part may read): the response level
/// (threat, the site's own level, and EXCEPTIONAL's review, which only that
/// level calls for), with the controls it requires; the threat assessment;
/// and each schedule.
const PARTS: [&[usize]; 6] = [
    &[THREAT, OVERRIDE, EXCEPTIONAL_REVIEW],
    &[THREAT_ASSESSMENT],
    &[CT_TEST],
    &[RISK_ASSESSMENT],
    &[TIER_REASSESSMENT],
    &[REHEARSAL],
];

/// Several parts' changes as the change of the class they make up; `None`
/// when no part changes.
fn merged(parts: &[&Option<SiteChange>]) -> Option<SiteChange> {
    let changes: Vec<&SiteChange> = parts.iter().filter_map(|p| p.as_ref()).collect();
    if changes.is_empty() {
        return None;
    }
    // A refusal makes the rest moot.
    if let Some(refused) = changes.iter().find(|c| c.refused.is_some()) {
        return Some((*refused).clone());
    }
    let mut out = SiteChange {
        refused: None,
        response_level: None,
        required: None,
        recommended: None,
        schedules: Vec::new(),
        findings: None,
    };
    for change in changes {
        out.response_level = out.response_level.or(change.response_level);
        if out.required.is_none() {
            out.required.clone_from(&change.required);
        }
        if out.recommended.is_none() {
            out.recommended.clone_from(&change.recommended);
        }
        out.schedules.extend(change.schedules.iter().copied());
        if let Some((a, b)) = &change.findings {
            let (mine_a, mine_b) = out.findings.get_or_insert_with(|| (Vec::new(), Vec::new()));
            mine_a.extend(a.iter().copied());
            mine_b.extend(b.iter().copied());
        }
    }
    out.schedules.sort_unstable();
    if let Some((a, b)) = &mut out.findings {
        a.sort_unstable();
        b.sort_unstable();
    }
    Some(out)
}

/// The engines' decisions for one class.
fn compare_class(
    space: &SiteSpace,
    engines: (&Engine, &Engine),
    indices: &[usize],
) -> Option<SiteChange> {
    let (site, threat) = space.site(indices);
    let decide = |engine: &Engine| {
        engine
            .site_status(&site, threat, AS_OF)
            .map(|status| decision(&status))
            .map_err(|e| e.code)
    };
    compare(&decide(engines.0), &decide(engines.1))
}

/// Walks one tier's classes in whole (every combination assessed), adding
/// the changed ones to `groups`; the classes it walked.
fn walk_whole(
    space: &SiteSpace,
    engines: (&Engine, &Engine),
    (tier_index, offset): (usize, usize),
    groups: &mut BTreeMap<SiteChange, Gathering>,
) -> u64 {
    let walked_sizes: Vec<usize> = space.walked.iter().map(Domain::size).collect();
    let sizes = space.tier_sizes(tier_index);
    for_each_class(&sizes, |local, _| {
        let indices = space.globalised(local, tier_index, offset);
        let Some(change) = compare_class(space, engines, &indices) else {
            return;
        };
        let group = groups.entry(change).or_insert_with(|| Gathering {
            classes: 0,
            seen: Seen::new(&walked_sizes),
            first: indices.clone(),
        });
        group.classes += 1;
        group.seen.mark(&indices);
    });
    product(sizes)
}

/// Walks one tier's classes by their independent parts: each part's inputs
/// vary while the others stay at a baseline both policies answer alike (each
/// schedule done on the day assessed, the threat assessment documented), and
/// a class changes as its parts do together. Where the baseline itself is
/// answered differently, the tier is walked in whole instead. A test checks
/// the parts against whole classes.
fn walk_by_parts(
    space: &SiteSpace,
    engines: (&Engine, &Engine),
    (tier_index, offset): (usize, usize),
    groups: &mut BTreeMap<SiteChange, Gathering>,
) -> u64 {
    let walked_sizes: Vec<usize> = space.walked.iter().map(Domain::size).collect();
    let sizes = space.tier_sizes(tier_index);
    let baseline = space.baseline(tier_index);
    if compare_class(
        space,
        engines,
        &space.globalised(&baseline, tier_index, offset),
    )
    .is_some()
    {
        return walk_whole(space, engines, (tier_index, offset), groups);
    }
    // Each part's classes, grouped by how they change (`None`: not at all).
    let parts: Vec<Vec<(Option<SiteChange>, Gathering)>> = PARTS
        .iter()
        .map(|dimensions| {
            let part_sizes: Vec<usize> = sizes
                .iter()
                .enumerate()
                .map(|(d, size)| if dimensions.contains(&d) { *size } else { 1 })
                .collect();
            let mut found: BTreeMap<Option<SiteChange>, Gathering> = BTreeMap::new();
            for_each_class(&part_sizes, |local, _| {
                let mut at = baseline.clone();
                for &d in *dimensions {
                    if let (Some(slot), Some(value)) = (at.get_mut(d), local.get(d)) {
                        *slot = *value;
                    }
                }
                let indices = space.globalised(&at, tier_index, offset);
                let change = compare_class(space, engines, &indices);
                let group = found.entry(change).or_insert_with(|| Gathering {
                    classes: 0,
                    seen: Seen::new(&walked_sizes),
                    first: indices
                        .iter()
                        .enumerate()
                        .map(|(d, v)| if dimensions.contains(&d) { *v } else { 0 })
                        .collect(),
                });
                group.classes += 1;
                group.seen.mark(&indices);
            });
            found
                .into_iter()
                .map(|(change, mut gathering)| {
                    gathering.seen.keep_only(dimensions);
                    (change, gathering)
                })
                .collect()
        })
        .collect();
    // Every combination of one group of each part.
    let counts: Vec<usize> = parts.iter().map(Vec::len).collect();
    for_each_class(&counts, |choice, _| {
        let chosen: Vec<&(Option<SiteChange>, Gathering)> = parts
            .iter()
            .zip(choice)
            .filter_map(|(groups, &i)| groups.get(i))
            .collect();
        let changes: Vec<&Option<SiteChange>> = chosen.iter().map(|(c, _)| c).collect();
        let Some(change) = merged(&changes) else {
            return;
        };
        let mut seen = Seen::new(&walked_sizes);
        seen.mark_one(TIER, tier_index);
        let mut first = vec![0; walked_sizes.len()];
        if let Some(tier) = first.get_mut(TIER) {
            *tier = tier_index;
        }
        let mut classes = 1u64;
        for (_, gathering) in &chosen {
            seen.union(&gathering.seen);
            classes = classes.saturating_mul(gathering.classes);
            for (slot, value) in first.iter_mut().zip(&gathering.first) {
                *slot = (*slot).max(*value);
            }
        }
        let gathering = Gathering {
            classes,
            seen,
            first,
        };
        match groups.get_mut(&change) {
            Some(group) => group.absorb(gathering),
            None => {
                groups.insert(change, gathering);
            }
        }
    });
    product(sizes)
}

fn answer(engine: &Engine, site: &Site, threat: ThreatLevel) -> SiteAnswer {
    match engine.site_status(site, threat, AS_OF) {
        Ok(status) => SiteAnswer {
            status: Some(status),
            error: None,
        },
        Err(error) => SiteAnswer {
            status: None,
            error: Some(error),
        },
    }
}

/// The site space's classes that two policies answer differently.
pub(crate) fn site_diff(from: &Engine, to: &Engine) -> SiteSpaceDiff {
    site_diff_with(from, to, walk_by_parts)
}

/// One way of walking a tier's classes (by parts, or in whole).
type TierWalk =
    fn(&SiteSpace, (&Engine, &Engine), (usize, usize), &mut BTreeMap<SiteChange, Gathering>) -> u64;

/// [`site_diff`] with every class assessed in whole, for the tests that
/// check the parts against it.
#[cfg(test)]
pub(crate) fn site_diff_whole(from: &Engine, to: &Engine) -> SiteSpaceDiff {
    site_diff_with(from, to, walk_whole)
}

fn site_diff_with(from: &Engine, to: &Engine, walk: TierWalk) -> SiteSpaceDiff {
    let space = SiteSpace::new(from, to);
    let mut groups: BTreeMap<SiteChange, Gathering> = BTreeMap::new();
    let mut classes = 0u64;
    let mut offset = 0usize;
    for (tier_index, ct) in space.ct.iter().enumerate() {
        classes =
            classes.saturating_add(walk(&space, (from, to), (tier_index, offset), &mut groups));
        offset += ct.len();
    }
    let changed_classes = groups.values().map(|g| g.classes).sum();
    let domains: Vec<&Domain> = space.walked.iter().collect();
    let groups = groups
        .into_iter()
        .map(|(change, gathering)| {
            let changes = change.changes();
            let inputs = gathering.seen.conditions(&domains, &[]);
            let (site, threat) = space.site(&gathering.first);
            let mut summary = format!("{} site classes", gathering.classes);
            if !inputs.is_empty() {
                summary.push_str(" with ");
                summary.push_str(&conditions_text(&inputs));
            }
            summary.push_str(": ");
            summary.push_str(&changes_text(&changes));
            SiteChangeGroup {
                summary,
                classes: gathering.classes,
                changes,
                inputs,
                from: answer(from, &site, threat),
                to: answer(to, &site, threat),
                example: SiteStatusRequest {
                    schema_version: None,
                    as_of: AS_OF,
                    threat_level: threat,
                    site,
                },
            }
        })
        .collect();
    SiteSpaceDiff {
        as_of: AS_OF,
        domains: space.reported,
        classes,
        changed_classes,
        groups,
    }
}
