//! Checking a breach case: its recommendation, its events as a timeline, the
//! rules of the case's order, the decision against the recommendation, and
//! the targets still to meet.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::breach::{BreachAssessment, Level};
use crate::case::{
    BreachCase, CaseCheck, CaseDecision, CaseEvent, CaseEventKind, CaseFinding, CaseFindingCode,
    CaseRecommendation, CaseRequest, CaseState, CaseTarget, Direction,
};
use crate::codec::Pointer;
use crate::date::Date;
use crate::error::{ErrorCode, SpfError};
use crate::policy::{CaseRules, Policy, PolicyRef, ReasonRequired, SCHEMA_VERSION};
use crate::reason::{Reason, Source, Step};

/// One step of a case check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(tag = "rule", content = "facts", deny_unknown_fields)]
#[allow(missing_docs)]
pub enum CaseStep {
    /// The recommendation the decision is measured against.
    #[serde(rename = "case.recommendation", rename_all = "camelCase")]
    Recommendation {
        level: Level,
        recorded: bool,
        under_this_policy: bool,
        assessed_level: Level,
    },
    /// Whether every event follows the breach and its report and precedes the
    /// closure.
    #[serde(rename = "case.sequence", rename_all = "camelCase")]
    Sequence {
        #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
        counted_from: Date,
        report_recorded: bool,
        out_of_order: u32,
    },
    /// Whether the decision followed an investigation.
    #[serde(rename = "case.investigation", rename_all = "camelCase")]
    Investigation {
        #[cfg_attr(feature = "typescript", tsify(type = "IsoDate | null"))]
        started: Option<Date>,
        #[cfg_attr(feature = "typescript", tsify(type = "IsoDate | null"))]
        decided: Option<Date>,
    },
    /// Whether the case closed on a decision.
    #[serde(rename = "case.decision", rename_all = "camelCase")]
    Decision {
        #[cfg_attr(feature = "typescript", tsify(type = "IsoDate | null"))]
        decided: Option<Date>,
        #[cfg_attr(feature = "typescript", tsify(type = "IsoDate | null"))]
        closed: Option<Date>,
    },
    /// How the decision compares with the recommendation, and whether its
    /// reason is recorded where one is needed.
    #[serde(rename = "case.departure", rename_all = "camelCase")]
    Departure {
        direction: Direction,
        recommended: Level,
        decided: Level,
        reason_needed: bool,
        reason_recorded: bool,
    },
    /// The targets still to meet.
    #[serde(rename = "case.targets", rename_all = "camelCase")]
    Targets {
        #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
        counted_from: Date,
        #[cfg_attr(feature = "typescript", tsify(type = "IsoDate | null"))]
        investigation_due: Option<Date>,
        #[cfg_attr(feature = "typescript", tsify(type = "IsoDate | null"))]
        decision_due: Option<Date>,
    },
}

impl Step for CaseStep {
    fn rule_id(&self) -> &'static str {
        match self {
            CaseStep::Recommendation { .. } => "case.recommendation",
            CaseStep::Sequence { .. } => "case.sequence",
            CaseStep::Investigation { .. } => "case.investigation",
            CaseStep::Decision { .. } => "case.decision",
            CaseStep::Departure { .. } => "case.departure",
            CaseStep::Targets { .. } => "case.targets",
        }
    }

    fn explain<W: fmt::Write>(&self, w: &mut W) -> fmt::Result {
        match *self {
            CaseStep::Recommendation {
                level,
                recorded: false,
                ..
            } => write!(
                w,
                "no recommendation is recorded: this policy's assessment of the report, {level}, is used"
            ),
            CaseStep::Recommendation {
                level,
                under_this_policy: true,
                assessed_level,
                ..
            } if level == assessed_level => write!(
                w,
                "the recommendation recorded when the report was assessed, {level}, is what this policy gives the report"
            ),
            CaseStep::Recommendation {
                level,
                under_this_policy: true,
                assessed_level,
                ..
            } => write!(
                w,
                "the recorded recommendation is {level}, but this policy gives the report {assessed_level}: the decision is measured against the recorded level"
            ),
            CaseStep::Recommendation {
                level,
                assessed_level,
                ..
            } => write!(
                w,
                "the recommendation recorded under another policy document or version is {level} (this policy gives the report {assessed_level} today): the decision is measured against the recorded level"
            ),
            CaseStep::Sequence {
                counted_from,
                report_recorded,
                out_of_order,
            } => {
                if report_recorded {
                    write!(w, "the breach was reported on {counted_from}")?;
                } else {
                    write!(
                        w,
                        "no report date is recorded: the case counts from the breach on {counted_from}"
                    )?;
                }
                match out_of_order {
                    0 => w.write_str(
                        "; every event follows the breach and its report, and none follows the closure",
                    ),
                    1 => w.write_str(
                        "; 1 event is dated before the breach or its report, or after the closure",
                    ),
                    n => write!(
                        w,
                        "; {n} events are dated before the breach or its report, or after the closure"
                    ),
                }
            }
            CaseStep::Investigation { started, decided } => match (started, decided) {
                (Some(started), Some(decided)) if started <= decided => write!(
                    w,
                    "the investigation started on {started}, before the decision on {decided}"
                ),
                (Some(started), Some(decided)) => write!(
                    w,
                    "the investigation started on {started}, after the decision on {decided}: breaches are investigated before the manager decides"
                ),
                (None, Some(decided)) => write!(
                    w,
                    "a decision was recorded on {decided} with no investigation started: breaches are investigated before the manager decides"
                ),
                (Some(started), None) => write!(w, "the investigation started on {started}"),
                (None, None) => w.write_str("no investigation has started"),
            },
            CaseStep::Decision { decided, closed } => match (decided, closed) {
                (Some(decided), Some(closed)) if decided > closed => write!(
                    w,
                    "the manager decided on {decided}, after the case was closed on {closed}"
                ),
                (Some(decided), Some(closed)) => write!(
                    w,
                    "the manager decided on {decided} and the case was closed on {closed}"
                ),
                (None, Some(closed)) => write!(
                    w,
                    "the case was closed on {closed} with no decision: the manager decides whether to take disciplinary action"
                ),
                (Some(decided), None) => {
                    write!(w, "the manager decided on {decided}; the case is still open")
                }
                (None, None) => w.write_str(
                    "no decision is recorded yet: the manager decides whether to take disciplinary action",
                ),
            },
            CaseStep::Departure {
                direction,
                recommended,
                decided,
                reason_needed,
                reason_recorded,
            } => {
                match direction {
                    Direction::Lower => write!(
                        w,
                        "the manager decided {decided}, lower than the recommended {recommended}"
                    )?,
                    Direction::None => {
                        write!(w, "the manager decided {decided}, as recommended")?;
                    }
                    Direction::Higher => write!(
                        w,
                        "the manager decided {decided}, higher than the recommended {recommended}"
                    )?,
                }
                match (reason_needed, reason_recorded) {
                    (_, true) => w.write_str("; their reason is recorded"),
                    (true, false) => w.write_str(
                        "; no reason is recorded, and the record of a departure shows why",
                    ),
                    (false, false) => w.write_str("; no reason is needed"),
                }
            }
            CaseStep::Targets {
                counted_from,
                investigation_due,
                decision_due,
            } => {
                write!(w, "counted from {counted_from}")?;
                match (investigation_due, decision_due) {
                    (Some(start), Some(decide)) => write!(
                        w,
                        ": the investigation is due to start by {start} and the decision by {decide}"
                    ),
                    (Some(start), None) => {
                        write!(w, ": the investigation is due to start by {start}")
                    }
                    (None, Some(decide)) => write!(w, ": the decision is due by {decide}"),
                    (None, None) => w.write_str(": no target is left to meet"),
                }
            }
        }
    }
}

/// A case's events, at most one of each kind, with where each is in the
/// request.
#[derive(Default)]
struct Timeline<'a> {
    /// Where the `reported` event is in the request's list, if it is there.
    reported_at: Option<usize>,
    reported: Option<&'a CaseEvent>,
    investigation: Option<&'a CaseEvent>,
    notice: Option<&'a CaseEvent>,
    decision: Option<&'a CaseEvent>,
    closed: Option<&'a CaseEvent>,
}

impl<'a> Timeline<'a> {
    fn slot(&mut self, kind: CaseEventKind) -> &mut Option<&'a CaseEvent> {
        match kind {
            CaseEventKind::Reported => &mut self.reported,
            CaseEventKind::InvestigationStarted => &mut self.investigation,
            CaseEventKind::BreachNoticeIssued => &mut self.notice,
            CaseEventKind::Decision => &mut self.decision,
            CaseEventKind::Closed => &mut self.closed,
        }
    }

    fn date(&self, kind: CaseEventKind) -> Option<Date> {
        match kind {
            CaseEventKind::Reported => self.reported,
            CaseEventKind::InvestigationStarted => self.investigation,
            CaseEventKind::BreachNoticeIssued => self.notice,
            CaseEventKind::Decision => self.decision,
            CaseEventKind::Closed => self.closed,
        }
        .map(|event| event.on)
    }
}

/// The findings and reasons a check gathers, step by step.
struct Record {
    findings: Vec<CaseFinding>,
    reasons: Vec<Reason<CaseStep>>,
}

impl Record {
    fn finding(&mut self, code: CaseFindingCode, message: String, source: &Source) {
        self.findings.push(CaseFinding {
            code,
            severity: code.severity(),
            message,
            basis: source.basis,
            citation: source.cited(),
        });
    }
}

/// Checks a case whose report the engine has assessed.
pub(crate) fn check_case(
    policy: &Policy,
    reference: &PolicyRef,
    request: &CaseRequest,
    assessment: &BreachAssessment,
) -> Result<CaseCheck, SpfError> {
    let rules = &policy.breach.cases;
    let case = &request.case;
    let mut record = Record {
        findings: Vec::new(),
        reasons: Vec::new(),
    };
    // 1. The recommendation the decision is measured against.
    let recommendation = recommendation(rules, reference, case, assessment, &mut record);
    // 2. The events as a timeline: one of each kind, decision fields on the
    //    decision alone.
    let timeline = timeline(case, request.as_of)?;
    // 3. Nothing before the breach or its report, nothing after the closure.
    let counted_from = sequence(rules, case, &timeline, &mut record);
    // 4. A decision follows an investigation; a closure follows a decision.
    investigation_and_decision(rules, &timeline, &mut record);
    // 5. The decision against the recommendation.
    let decision = decision(rules, &timeline, &recommendation, counted_from, &mut record);
    // 6. The targets still to meet on the check's date.
    let targets = targets(rules, &timeline, counted_from, request.as_of, &mut record)?;

    let mut events: Vec<CaseEvent> = case.events.clone();
    events.sort_by(|a, b| a.on.cmp(&b.on).then(a.event.cmp(&b.event)));
    let mut findings = record.findings;
    findings.sort();
    Ok(CaseCheck {
        schema_version: SCHEMA_VERSION,
        policy: reference.clone(),
        reference: case.reference.clone(),
        as_of: request.as_of,
        state: state(&timeline),
        recommendation,
        decision,
        breach_notice_issued: timeline.date(CaseEventKind::BreachNoticeIssued),
        missing: missing(&timeline),
        targets,
        events,
        findings,
        reasons: record.reasons,
    })
}

/// Step 1: the recorded recommendation if there is one, else this policy's
/// assessment; a recommendation recorded under this very policy that it does
/// not reproduce is a finding.
fn recommendation(
    rules: &CaseRules,
    reference: &PolicyRef,
    case: &BreachCase,
    assessment: &BreachAssessment,
    record: &mut Record,
) -> CaseRecommendation {
    let assessed_level = assessment.level;
    let (level, policy, recorded) = match &case.recommendation {
        Some(recorded) => (recorded.level, recorded.policy.clone(), true),
        None => (assessed_level, reference.clone(), false),
    };
    let under_this_policy = policy == *reference;
    if recorded && under_this_policy && level != assessed_level {
        record.finding(
            CaseFindingCode::RecommendationNotReproduced,
            format!(
                "the recommendation recorded under policy {} {} is {level}, but that policy gives the report {assessed_level}: check the report and the record",
                reference.id, reference.version
            ),
            &rules.recommendation,
        );
    }
    record.reasons.push(Reason::new(
        CaseStep::Recommendation {
            level,
            recorded,
            under_this_policy,
            assessed_level,
        },
        &rules.recommendation,
    ));
    CaseRecommendation {
        level,
        policy,
        recorded,
        assessed_level,
    }
}

/// Step 2: each kind of event at most once, and a decision's level and action
/// on the decision and nowhere else.
fn timeline(case: &BreachCase, as_of: Date) -> Result<Timeline<'_>, SpfError> {
    let events_at = Pointer::root().key("case").key("events");
    let mut timeline = Timeline::default();
    let mut first_at = [None::<usize>; 5];
    for (i, event) in case.events.iter().enumerate() {
        let here = events_at.index(i);
        if let Some(first) = first_at.get(event.event as usize).copied().flatten() {
            return Err(SpfError::new(
                ErrorCode::DuplicateEntry,
                format!(
                    "`{}` is recorded twice (events {first} and {i}, from 0); a case has one of each event",
                    event.event
                ),
                here.key("event").into_string(),
            ));
        }
        if let Some(slot) = first_at.get_mut(event.event as usize) {
            *slot = Some(i);
        }
        decision_fields(event, &here)?;
        // A case is checked as it stood on `asOf`: an event after it has not
        // happened yet on that day.
        if event.on > as_of {
            return Err(SpfError::new(
                ErrorCode::DateOutOfOrder,
                format!(
                    "`{}` is dated `{}`, after `asOf` (`{as_of}`); check the case on or after that day",
                    event.event, event.on
                ),
                here.key("on").into_string(),
            ));
        }
        if event.event == CaseEventKind::Reported {
            timeline.reported_at = Some(i);
        }
        *timeline.slot(event.event) = Some(event);
    }
    Ok(timeline)
}

/// A decision has a level and an action; no other event has either, or a
/// reason.
fn decision_fields(event: &CaseEvent, here: &Pointer) -> Result<(), SpfError> {
    if event.event == CaseEventKind::Decision {
        for (field, present) in [
            ("level", event.level.is_some()),
            ("action", event.action.is_some()),
        ] {
            if !present {
                return Err(SpfError::new(
                    ErrorCode::MissingField,
                    format!("missing field `{field}`: a decision records the manager's {field}"),
                    here.as_str(),
                ));
            }
        }
        return Ok(());
    }
    for (field, present) in [
        ("level", event.level.is_some()),
        ("action", event.action.is_some()),
        ("reason", event.reason.is_some()),
    ] {
        if present {
            return Err(SpfError::new(
                ErrorCode::UnknownField,
                format!(
                    "unknown field `{field}` for a `{}` event: only a decision has a level, an action and a reason",
                    event.event
                ),
                here.key(field).into_string(),
            ));
        }
    }
    Ok(())
}

/// Step 3: every event on or after the breach and its report, and on or
/// before the closure. Answers the date targets count from: the report, or
/// the breach when no report is recorded.
fn sequence(
    rules: &CaseRules,
    case: &BreachCase,
    timeline: &Timeline<'_>,
    record: &mut Record,
) -> Date {
    let occurred = case.report.occurred;
    let reported = timeline.date(CaseEventKind::Reported);
    let closed = timeline.date(CaseEventKind::Closed);
    let counted_from = reported.unwrap_or(occurred);
    let mut out_of_order = 0u32;
    for kind in CaseEventKind::ALL {
        let Some(on) = timeline.date(kind) else {
            continue;
        };
        let problem = if on < occurred {
            Some(format!("the breach occurred on {occurred}"))
        } else if kind != CaseEventKind::Reported && reported.is_some_and(|r| on < r) {
            Some(format!("it was reported on {counted_from}"))
        } else if kind != CaseEventKind::Closed {
            closed
                .filter(|&c| on > c)
                .map(|c| format!("the case was closed on {c}"))
        } else {
            None
        };
        if let Some(problem) = problem {
            out_of_order = out_of_order.saturating_add(1);
            record.finding(
                CaseFindingCode::EventOutOfOrder,
                format!("{} is dated {on}, but {problem}", kind.words()),
                &rules.sequence,
            );
        }
    }
    if reported.is_none() {
        record.finding(
            CaseFindingCode::ReportNotRecorded,
            format!(
                "no `reported` event is recorded: the case's targets count from the breach on {occurred}"
            ),
            &rules.sequence,
        );
    }
    record.reasons.push(Reason::new(
        CaseStep::Sequence {
            counted_from,
            report_recorded: reported.is_some(),
            out_of_order,
        },
        &rules.sequence,
    ));
    counted_from
}

/// Step 4: a decision with an investigation started on or before it, and a
/// closure with a decision.
fn investigation_and_decision(rules: &CaseRules, timeline: &Timeline<'_>, record: &mut Record) {
    let started = timeline.date(CaseEventKind::InvestigationStarted);
    let decided = timeline.date(CaseEventKind::Decision);
    let closed = timeline.date(CaseEventKind::Closed);
    if let Some(decided) = decided {
        match started {
            None => record.finding(
                CaseFindingCode::DecisionWithoutInvestigation,
                format!("a decision was recorded on {decided} and no investigation started"),
                &rules.investigation,
            ),
            // The texts ask for an investigation, not for its place in the
            // case: that it comes first is the case order's reading.
            Some(started) if started > decided => record.finding(
                CaseFindingCode::DecisionBeforeInvestigation,
                format!(
                    "the decision on {decided} came before the investigation started on {started}"
                ),
                &rules.sequence,
            ),
            Some(_) => {}
        }
    }
    // Whether an investigation took place is the statement's; when both
    // dates are known, their order is judged too, which is the case order's
    // reading.
    let judged_by: &[&Source] = if started.is_some() && decided.is_some() {
        &[&rules.investigation, &rules.sequence]
    } else {
        &[&rules.investigation]
    };
    record.reasons.push(Reason::resting_on(
        CaseStep::Investigation { started, decided },
        judged_by,
    ));
    if let (Some(closed), None) = (closed, decided) {
        record.finding(
            CaseFindingCode::ClosedWithoutDecision,
            format!("the case was closed on {closed} with no decision recorded"),
            &rules.decision,
        );
    }
    record.reasons.push(Reason::new(
        CaseStep::Decision { decided, closed },
        &rules.decision,
    ));
}

/// Step 5: the decision's level against the recommendation, and its reason
/// where the policy asks for one.
fn decision(
    rules: &CaseRules,
    timeline: &Timeline<'_>,
    recommendation: &CaseRecommendation,
    counted_from: Date,
    record: &mut Record,
) -> Option<CaseDecision> {
    let event = timeline.decision?;
    // Step 2 made sure a decision has both.
    let (level, action) = (event.level?, event.action?);
    let recommended = recommendation.level;
    let direction = Direction::between(recommended, level);
    let reason = event
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|reason| !reason.is_empty());
    let reason_needed = match rules.reason_required {
        ReasonRequired::Lower => direction == Direction::Lower,
        ReasonRequired::AnyDeparture => direction != Direction::None,
    };
    if reason_needed && reason.is_none() {
        record.finding(
            CaseFindingCode::DepartureReasonMissing,
            format!(
                "the decision on {} is {level}, {} than the recommended {recommended}, and records no reason",
                event.on,
                if direction == Direction::Lower {
                    "lower"
                } else {
                    "higher"
                }
            ),
            &rules.departure_reason,
        );
    }
    record.reasons.push(Reason::new(
        CaseStep::Departure {
            direction,
            recommended,
            decided: level,
            reason_needed,
            reason_recorded: reason.is_some(),
        },
        &rules.departure_reason,
    ));
    let days = event.on.days_since(counted_from).max(0);
    Some(CaseDecision {
        on: event.on,
        level,
        action,
        reason: reason.map(str::to_owned),
        departure: direction,
        recommended,
        days_from_report: u32::try_from(days).unwrap_or(u32::MAX),
    })
}

/// Step 6: while a case is open, the investigation's start and the decision
/// are due a number of days after the report; past that date without them,
/// each is a finding.
fn targets(
    rules: &CaseRules,
    timeline: &Timeline<'_>,
    counted_from: Date,
    as_of: Date,
    record: &mut Record,
) -> Result<Vec<CaseTarget>, SpfError> {
    let mut targets = Vec::new();
    if timeline.closed.is_some() {
        return Ok(targets);
    }
    let decided = timeline.decision.is_some();
    let mut due = |event, days, source: &Source, code| -> Result<Option<Date>, SpfError> {
        let due_on = counted_from.days_after(days).ok_or_else(|| {
            // The date the targets count from: the report's, or the breach's.
            let from_at = timeline.reported_at.map_or_else(
                || Pointer::root().key("case").key("report").key("occurred"),
                |i| Pointer::root().key("case").key("events").index(i).key("on"),
            );
            SpfError::new(
                ErrorCode::InvalidDate,
                format!(
                    "{} would be due {days} days after {counted_from}, past 9999-12-31",
                    CaseEventKind::words(event)
                ),
                from_at.into_string(),
            )
        })?;
        let overdue = as_of > due_on;
        if overdue {
            record.finding(
                code,
                format!(
                    "{} was due by {due_on} ({days} days after {counted_from}) and is not recorded",
                    CaseEventKind::words(event)
                ),
                source,
            );
        }
        targets.push(CaseTarget {
            event,
            due_on,
            overdue,
        });
        Ok(Some(due_on))
    };
    let investigation_due = if timeline.investigation.is_none() && !decided {
        due(
            CaseEventKind::InvestigationStarted,
            rules.investigation_start_days,
            &rules.investigation_target,
            CaseFindingCode::InvestigationOverdue,
        )?
    } else {
        None
    };
    let decision_due = if decided {
        None
    } else {
        due(
            CaseEventKind::Decision,
            rules.decision_days,
            &rules.decision_target,
            CaseFindingCode::DecisionOverdue,
        )?
    };
    record.reasons.push(Reason::resting_on(
        CaseStep::Targets {
            counted_from,
            investigation_due,
            decision_due,
        },
        &[&rules.investigation_target, &rules.decision_target],
    ));
    Ok(targets)
}

/// Where the case stands: its furthest event.
fn state(timeline: &Timeline<'_>) -> CaseState {
    if timeline.closed.is_some() {
        CaseState::Closed
    } else if timeline.decision.is_some() {
        CaseState::Decided
    } else if timeline.investigation.is_some() {
        CaseState::UnderInvestigation
    } else {
        CaseState::Reported
    }
}

/// The events every case needs that this one lacks (a breach notice is
/// optional: a breach "CAN" lead to one).
fn missing(timeline: &Timeline<'_>) -> Vec<CaseEventKind> {
    CaseEventKind::ALL
        .into_iter()
        .filter(|&kind| kind != CaseEventKind::BreachNoticeIssued)
        .filter(|&kind| timeline.date(kind).is_none())
        .collect()
}
