//! Breach cases: a breach from its report to its outcome.
//!
//! The assessment recommends a level; a breach in an HR system is then a case
//! that lives for weeks. It is identified and investigated (POLSBP002), may
//! lead to a breach notice (POLSBP006), and is decided by the manager
//! (POLSBP003: the guidance defines the level, the manager decides whether to
//! take disciplinary action). A case record holds the report, the
//! recommendation as it was assessed (with the policy's id and version) and
//! dated events; [`check`](crate::Engine::check_case) says where the case
//! stands, what is still to happen and when, what the record lacks, and how
//! the manager's decision compares with the recommendation, each with its
//! citation.
//!
//! The events are read as a set: the check sorts them by date itself, so the
//! order a system lists them in never changes the answer.

mod check;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::breach::{BreachReport, Level};
use crate::date::Date;
use crate::policy::PolicyRef;
use crate::reason::{Basis, Citation, Reason};
use crate::site::Severity;

pub use check::CaseStep;
pub(crate) use check::check_case;

/// A request to check a case: the case, and the date to check it on (for the
/// targets of an investigation and a decision still to come).
///
/// Wire form: `{"asOf": "2026-12-01", "case": {…}}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a case check request object with `asOf` and `case`")]
pub struct CaseRequest {
    /// Optional wire schema version; when present it must be 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_version: Option<u32>,
    /// The date the case is checked on.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub as_of: Date,
    /// The case.
    #[serde(rename = "case")]
    pub case: BreachCase,
}

/// A breach case record.
///
/// Wire form:
///
/// ```json
/// {
///   "reference": "HR-2026-0042",
///   "report": {"kind": "clearDeskFailure", "care": "avoidableCarelessness",
///              "occurred": "2026-09-14",
///              "person": {"status": "employee", "organisation": "moj"}},
///   "recommendation": {"policy": {"id": "moj-default", "version": "2026.1"},
///                      "level": "minor"},
///   "events": [
///     {"event": "reported", "on": "2026-09-15"},
///     {"event": "investigationStarted", "on": "2026-09-16"},
///     {"event": "decision", "on": "2026-10-01", "level": "minor",
///      "action": "informal"},
///     {"event": "closed", "on": "2026-10-02"}
///   ]
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a breach case object with `report` and `events`")]
pub struct BreachCase {
    /// The case system's own reference, echoed in the answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub reference: Option<String>,
    /// The breach report, as it was assessed.
    pub report: BreachReport,
    /// The recommendation the assessment gave, with the policy that gave it;
    /// absent when none was recorded (the check then assesses the report).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub recommendation: Option<RecordedRecommendation>,
    /// What has happened, each once, in any order.
    #[serde(default)]
    pub events: Vec<CaseEvent>,
}

/// The recommendation recorded when the report was assessed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a recommendation object with `policy` and `level`")]
pub struct RecordedRecommendation {
    /// The policy document's id and version, as the assessment answered them.
    pub policy: PolicyRef,
    /// The recommended misconduct level.
    pub level: Level,
}

/// What happened in a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum CaseEventKind {
    /// The breach was reported (identified): targets count from here.
    Reported,
    /// The investigation started.
    InvestigationStarted,
    /// A breach notice was issued (POLSBP006: a breach can lead to one).
    BreachNoticeIssued,
    /// The manager decided (POLSBP003).
    Decision,
    /// The case was closed.
    Closed,
}

impl CaseEventKind {
    /// Every kind, in a case's order.
    pub const ALL: [CaseEventKind; 5] = [
        CaseEventKind::Reported,
        CaseEventKind::InvestigationStarted,
        CaseEventKind::BreachNoticeIssued,
        CaseEventKind::Decision,
        CaseEventKind::Closed,
    ];

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            CaseEventKind::Reported => "reported",
            CaseEventKind::InvestigationStarted => "investigationStarted",
            CaseEventKind::BreachNoticeIssued => "breachNoticeIssued",
            CaseEventKind::Decision => "decision",
            CaseEventKind::Closed => "closed",
        }
    }

    /// The words for people ("the investigation started").
    #[must_use]
    pub const fn words(self) -> &'static str {
        match self {
            CaseEventKind::Reported => "the report",
            CaseEventKind::InvestigationStarted => "the start of the investigation",
            CaseEventKind::BreachNoticeIssued => "the breach notice",
            CaseEventKind::Decision => "the decision",
            CaseEventKind::Closed => "the closure",
        }
    }
}

impl fmt::Display for CaseEventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the manager decided to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum DecisionAction {
    /// No action.
    NoAction,
    /// Informal action (a conversation, advice, a note on file).
    Informal,
    /// Disciplinary action at the decision's level.
    Disciplinary,
    /// Action with the supplier under the contract.
    ContractAction,
    /// Referred to the police.
    ReferredToPolice,
}

impl DecisionAction {
    /// Every action.
    pub const ALL: [DecisionAction; 5] = [
        DecisionAction::NoAction,
        DecisionAction::Informal,
        DecisionAction::Disciplinary,
        DecisionAction::ContractAction,
        DecisionAction::ReferredToPolice,
    ];

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            DecisionAction::NoAction => "noAction",
            DecisionAction::Informal => "informal",
            DecisionAction::Disciplinary => "disciplinary",
            DecisionAction::ContractAction => "contractAction",
            DecisionAction::ReferredToPolice => "referredToPolice",
        }
    }
}

impl fmt::Display for DecisionAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One dated event of a case. A `decision` also carries the manager's level
/// and action, and their reason where one is needed; no other event has them.
///
/// Wire form: `{"event": "decision", "on": "2026-10-01", "level": "minor",
/// "action": "informal", "reason": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a case event object with `event` and `on`")]
pub struct CaseEvent {
    /// What happened.
    pub event: CaseEventKind,
    /// When.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub on: Date,
    /// A decision's misconduct level, as the manager judged it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub level: Option<Level>,
    /// A decision's action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub action: Option<DecisionAction>,
    /// Why the manager decided as they did: needed where the decision departs
    /// from the recommendation as the policy's `reasonRequired` says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub reason: Option<String>,
}

impl CaseEvent {
    /// An event with no decision fields.
    #[must_use]
    pub fn new(event: CaseEventKind, on: Date) -> Self {
        Self {
            event,
            on,
            level: None,
            action: None,
            reason: None,
        }
    }

    /// A decision.
    #[must_use]
    pub fn decision(on: Date, level: Level, action: DecisionAction, reason: Option<&str>) -> Self {
        Self {
            event: CaseEventKind::Decision,
            on,
            level: Some(level),
            action: Some(action),
            reason: reason.map(str::to_owned),
        }
    }
}

/// Where a case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum CaseState {
    /// Reported; no investigation yet.
    Reported,
    /// Under investigation; no decision yet.
    UnderInvestigation,
    /// Decided; not yet closed.
    Decided,
    /// Closed.
    Closed,
}

impl CaseState {
    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            CaseState::Reported => "reported",
            CaseState::UnderInvestigation => "underInvestigation",
            CaseState::Decided => "decided",
            CaseState::Closed => "closed",
        }
    }
}

/// How the manager's decision compares with the recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Direction {
    /// The decision is at a lower level.
    Lower,
    /// The decision is at the recommended level.
    None,
    /// The decision is at a higher level.
    Higher,
}

impl Direction {
    /// Every direction, lowest first.
    pub const ALL: [Direction; 3] = [Direction::Lower, Direction::None, Direction::Higher];

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Direction::Lower => "lower",
            Direction::None => "none",
            Direction::Higher => "higher",
        }
    }

    /// The direction from `recommended` to `decided`.
    #[must_use]
    pub fn between(recommended: Level, decided: Level) -> Direction {
        match decided.cmp(&recommended) {
            std::cmp::Ordering::Less => Direction::Lower,
            std::cmp::Ordering::Equal => Direction::None,
            std::cmp::Ordering::Greater => Direction::Higher,
        }
    }
}

/// The recommendation a case is measured against.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CaseRecommendation {
    /// The recommended level.
    pub level: Level,
    /// The policy that gave it.
    pub policy: PolicyRef,
    /// Whether it is the case's recorded recommendation (false: none was
    /// recorded and this is the checking policy's assessment).
    pub recorded: bool,
    /// The level the checking policy gives the report today, which differs
    /// from a recommendation recorded under another policy or version.
    pub assessed_level: Level,
}

/// The manager's decision.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CaseDecision {
    /// When.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub on: Date,
    /// The level the manager judged.
    pub level: Level,
    /// What they decided to do.
    pub action: DecisionAction,
    /// Their reason, if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub reason: Option<String>,
    /// How it compares with the recommendation.
    pub departure: Direction,
    /// The recommended level it is compared with.
    pub recommended: Level,
    /// Days from the report (or the breach, when no report is recorded) to
    /// the decision.
    pub days_from_report: u32,
}

/// A target still to meet: the event, the date it is due, and whether that
/// date has passed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CaseTarget {
    /// The event due.
    pub event: CaseEventKind,
    /// The date it is due by.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub due_on: Date,
    /// Whether the check's date is after it.
    pub overdue: bool,
}

/// A stable code for what a case record lacks or gets wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum CaseFindingCode {
    /// The case was closed with no decision recorded (a decision dated after
    /// the closure is `eventOutOfOrder`).
    ClosedWithoutDecision,
    /// A decision was recorded and no investigation ever started.
    DecisionWithoutInvestigation,
    /// The investigation started after the decision it should have informed.
    DecisionBeforeInvestigation,
    /// An event is dated before the breach occurred, before it was reported,
    /// or after the case was closed.
    EventOutOfOrder,
    /// A decision departing from the recommendation has no reason recorded.
    DepartureReasonMissing,
    /// The recommendation recorded under the checking policy's own id and
    /// version is not the level that policy gives the report.
    RecommendationNotReproduced,
    /// No investigation has started and its target date has passed.
    InvestigationOverdue,
    /// No decision is recorded and its target date has passed.
    DecisionOverdue,
    /// No `reported` event: targets count from the date of the breach.
    ReportNotRecorded,
}

impl CaseFindingCode {
    /// Every code.
    pub const ALL: [CaseFindingCode; 9] = [
        CaseFindingCode::ClosedWithoutDecision,
        CaseFindingCode::DecisionWithoutInvestigation,
        CaseFindingCode::DecisionBeforeInvestigation,
        CaseFindingCode::EventOutOfOrder,
        CaseFindingCode::DepartureReasonMissing,
        CaseFindingCode::RecommendationNotReproduced,
        CaseFindingCode::InvestigationOverdue,
        CaseFindingCode::DecisionOverdue,
        CaseFindingCode::ReportNotRecorded,
    ];

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            CaseFindingCode::ClosedWithoutDecision => "closedWithoutDecision",
            CaseFindingCode::DecisionWithoutInvestigation => "decisionWithoutInvestigation",
            CaseFindingCode::DecisionBeforeInvestigation => "decisionBeforeInvestigation",
            CaseFindingCode::EventOutOfOrder => "eventOutOfOrder",
            CaseFindingCode::DepartureReasonMissing => "departureReasonMissing",
            CaseFindingCode::RecommendationNotReproduced => "recommendationNotReproduced",
            CaseFindingCode::InvestigationOverdue => "investigationOverdue",
            CaseFindingCode::DecisionOverdue => "decisionOverdue",
            CaseFindingCode::ReportNotRecorded => "reportNotRecorded",
        }
    }

    /// How serious it is: high where a statement of the policy is not met
    /// (a decision with no investigation, a closure with no decision), medium
    /// for a record at odds with itself or with the policy's reading, or a
    /// target missed, low for a report date not recorded.
    #[must_use]
    pub const fn severity(self) -> Severity {
        match self {
            CaseFindingCode::ClosedWithoutDecision
            | CaseFindingCode::DecisionWithoutInvestigation => Severity::High,
            CaseFindingCode::DecisionBeforeInvestigation
            | CaseFindingCode::EventOutOfOrder
            | CaseFindingCode::DepartureReasonMissing
            | CaseFindingCode::RecommendationNotReproduced
            | CaseFindingCode::InvestigationOverdue
            | CaseFindingCode::DecisionOverdue => Severity::Medium,
            CaseFindingCode::ReportNotRecorded => Severity::Low,
        }
    }
}

/// Something a case record lacks or gets wrong, with the rule it rests on.
///
/// Wire form: `{"code": "closedWithoutDecision", "severity": "high",
/// "message": "…", "basis": "policyStatement", "citation": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CaseFinding {
    /// The stable code.
    pub code: CaseFindingCode,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, for people.
    pub message: String,
    /// Whether the rule is the policy's statement, a configurable default or
    /// an agency's variation of a statement.
    pub basis: Basis,
    /// The policy text it rests on.
    pub citation: Citation,
}

/// The answer: where a case stands, what is still to happen, what its record
/// lacks, and how the decision compares with the recommendation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CaseCheck {
    /// Wire schema version of the answer (1).
    pub schema_version: u32,
    /// The policy document that checked it.
    pub policy: PolicyRef,
    /// The case's reference, echoed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub reference: Option<String>,
    /// The date checked on.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub as_of: Date,
    /// Where the case stands.
    pub state: CaseState,
    /// The recommendation the decision is measured against.
    pub recommendation: CaseRecommendation,
    /// The manager's decision, when recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub decision: Option<CaseDecision>,
    /// When a breach notice was issued, if one was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional, type = "IsoDate"))]
    pub breach_notice_issued: Option<Date>,
    /// The events a case needs that this one does not have yet, in a case's
    /// order (a breach notice is never needed).
    pub missing: Vec<CaseEventKind>,
    /// The targets still to meet (none once the case is closed).
    pub targets: Vec<CaseTarget>,
    /// The events, in date order (a case's order on the same day).
    pub events: Vec<CaseEvent>,
    /// What the record lacks or gets wrong, in code order.
    pub findings: Vec<CaseFinding>,
    /// The steps, with their citations.
    pub reasons: Vec<CaseReason>,
}

/// One step of a case check, with its citation.
pub type CaseReason = Reason<CaseStep>;

#[cfg(feature = "typescript")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_CASE_TYPES: &str = r#"
/** One cited step of a case check. */
export type CaseReason = Reason<CaseStep>;
"#;
