//! One entry of the central incident register.

use serde::{Deserialize, Serialize};

use crate::breach::{BreachKind, BreachReport, Level};
use crate::case::DecisionAction;
use crate::codec::Pointer;
use crate::date::Date;
use crate::error::{ErrorCode, SpfError};
use crate::marking::ReportedMarking;
use crate::policy::IncidentDate;

/// A breach (or near miss) as recorded centrally (POLSBP002).
///
/// A record carries either the `level` the engine recommended when the breach
/// was assessed, or the breach `report` itself, which is assessed when the
/// register is read. A near miss may carry neither.
///
/// ```
/// use spf_core::register::IncidentRecord;
/// let record: IncidentRecord = spf_core::json::parse(r#"{
///     "id": "INC-0001", "occurred": "2026-03-31", "recorded": "2026-04-02",
///     "businessArea": "HMCTS", "site": "MOJ-LDN-0001", "person": "P-0042",
///     "kind": "lossOfPass", "level": "minor"
/// }"#).unwrap();
/// assert!(!record.near_miss);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "an incident record object")]
pub struct IncidentRecord {
    /// The register's identifier for the record; unique within a request.
    pub id: String,
    /// When the breach happened.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub occurred: Date,
    /// When it was identified, if known; never before `occurred`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate | undefined"))]
    pub identified: Option<Date>,
    /// When it was recorded centrally; never before `occurred` or `identified`.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub recorded: Date,
    /// The business area (group, agency or arm's-length body) it belongs to.
    pub business_area: String,
    /// The site it happened at, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// A pseudonymous identifier of the person responsible, when one is
    /// identified (otherwise the Head of Unit takes responsibility).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    /// What happened.
    pub kind: BreachKind,
    /// The protective marking of the material involved, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marking: Option<ReportedMarking>,
    /// The misconduct level the engine recommended when the breach was assessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// The breach report, assessed when the register is read (instead of
    /// `level`). Boxed: few records carry one, and a register of a million
    /// records is scanned faster when each record is small.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<Box<BreachReport>>,
    /// A near miss: an incident that could have been a breach but was not.
    #[serde(default)]
    pub near_miss: bool,
    /// The case's outcome, once the manager has decided: the trend report
    /// sets it against the recommended `level`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub outcome: Option<RecordedOutcome>,
}

/// What the manager decided on a recorded breach (POLSBP003), as the case
/// system recorded it.
///
/// Wire form: `{"decided": "2026-05-02", "level": "minor", "action":
/// "informal"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "an outcome object with `decided`, `level` and `action`")]
pub struct RecordedOutcome {
    /// When the manager decided; never before the breach was identified.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub decided: Date,
    /// The level the manager decided.
    pub level: Level,
    /// What the manager decided to do.
    pub action: DecisionAction,
}

impl IncidentRecord {
    /// The record's date on the policy's basis.
    #[must_use]
    pub fn date(&self, basis: IncidentDate) -> Date {
        match basis {
            IncidentDate::Occurred => self.occurred,
            IncidentDate::Identified => self.identified.unwrap_or(self.occurred),
            IncidentDate::Recorded => self.recorded,
        }
    }

    /// Checks what serde cannot: the dates' order, a non-empty id and business
    /// area, and that the assessment is given once. Paths are relative to the
    /// record.
    pub(crate) fn check(&self) -> Result<(), SpfError> {
        let root = Pointer::root();
        for (text, field) in [(&self.id, "id"), (&self.business_area, "businessArea")] {
            if text.trim().is_empty() {
                return Err(SpfError::new(
                    ErrorCode::InvalidType,
                    format!("`{field}` must not be empty"),
                    root.key(field).into_string(),
                ));
            }
        }
        for (text, field) in [(&self.site, "site"), (&self.person, "person")] {
            if text.as_deref().is_some_and(|t| t.trim().is_empty()) {
                return Err(SpfError::new(
                    ErrorCode::InvalidType,
                    format!("`{field}` must not be empty; leave it out when unknown"),
                    root.key(field).into_string(),
                ));
            }
        }
        if let Some(identified) = self.identified.filter(|d| *d < self.occurred) {
            return Err(SpfError::new(
                ErrorCode::DateOutOfOrder,
                format!(
                    "the breach is identified on `{identified}`, before it occurred on `{}`",
                    self.occurred
                ),
                root.key("identified").into_string(),
            ));
        }
        let earliest = self.identified.unwrap_or(self.occurred);
        if self.recorded < earliest {
            return Err(SpfError::new(
                ErrorCode::DateOutOfOrder,
                format!(
                    "the breach is recorded on `{}`, before it {} on `{earliest}`",
                    self.recorded,
                    if self.identified.is_some() {
                        "was identified"
                    } else {
                        "occurred"
                    }
                ),
                root.key("recorded").into_string(),
            ));
        }
        self.check_outcome(earliest)?;
        match (&self.level, &self.report) {
            (Some(_), Some(_)) => Err(SpfError::new(
                ErrorCode::InvalidType,
                "give either `level` (the recorded assessment) or `report` (assessed now), not both",
                root.key("report").into_string(),
            )),
            (None, None) if !self.near_miss => Err(SpfError::new(
                ErrorCode::MissingField,
                "missing field `level`: a breach record needs `level` (the recorded assessment) or `report` (assessed now)",
                root.key("level").into_string(),
            )),
            (_, Some(report)) if report.kind != self.kind => Err(SpfError::new(
                ErrorCode::KindNotApplicable,
                format!(
                    "the report's kind `{}` is not the record's kind `{}`",
                    report.kind.as_str(),
                    self.kind.as_str()
                ),
                root.key("report").key("kind").into_string(),
            )),
            (_, Some(report)) if report.occurred != self.occurred => Err(SpfError::new(
                ErrorCode::DateOutOfOrder,
                format!(
                    "the report's date `{}` is not the record's `occurred` date `{}`",
                    report.occurred, self.occurred
                ),
                root.key("report").key("occurred").into_string(),
            )),
            _ => Ok(()),
        }
    }

    /// An outcome belongs to a breach, decided no earlier than it was
    /// identified (`earliest`).
    fn check_outcome(&self, earliest: Date) -> Result<(), SpfError> {
        let Some(outcome) = &self.outcome else {
            return Ok(());
        };
        // Built only for an error: most records carry an outcome, and a
        // pointer is an allocation.
        let at = || Pointer::root().key("outcome");
        if self.near_miss {
            return Err(SpfError::new(
                ErrorCode::InvalidType,
                "a near miss has no case outcome: no breach was committed to decide on",
                at().into_string(),
            ));
        }
        if outcome.decided < earliest {
            return Err(SpfError::new(
                ErrorCode::DateOutOfOrder,
                format!(
                    "the decision is dated `{}`, before the breach {} on `{earliest}`",
                    outcome.decided,
                    if self.identified.is_some() {
                        "was identified"
                    } else {
                        "occurred"
                    }
                ),
                at().key("decided").into_string(),
            ));
        }
        Ok(())
    }

    /// Days from the breach's identification (or occurrence) to the
    /// manager's decision, when one is recorded.
    #[must_use]
    pub fn days_to_decision(&self) -> Option<u32> {
        let outcome = self.outcome.as_ref()?;
        let days = outcome
            .decided
            .days_since(self.identified.unwrap_or(self.occurred));
        u32::try_from(days).ok()
    }
}

/// A record the register could not use.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RejectedRecord {
    /// Its position in the request (or its line in a file), from 0.
    pub index: usize,
    /// Why (the path is inside the request).
    pub error: SpfError,
}
