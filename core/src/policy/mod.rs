//! The policy document: all rule content in one serde document.
//!
//! The MoJ default ([`Policy::moj_default`]) is embedded. An organisation can
//! export it as JSON, change it, and load its copy back; loading validates the
//! whole document and reports every problem with a JSON pointer to the offending
//! field. Every rule carries a [`Source`](crate::Source): the citation it comes from and whether
//! it is the policy's statement or a configurable default.

mod authority;
mod breach;
mod compliance;
mod counter_terrorism;
mod incidents;
pub(crate) mod moj_default;
mod personnel_security;
mod third_parties;
mod validate;

pub use breach::{
    BandRule, BandThreshold, BreachRules, CaseRules, ClassifiedMaterialRules, ConsultSecurityRules,
    DamageRules, FlagRules, HistoryRules, ImpactThreshold, InformRule, InformationRiskFact,
    KindList, KindRule, LegacyMinimumRule, LegacyRule, ListedExampleRule, MarkingRules,
    MatrixExample, MatrixRules, MinimumLevelRule, ReasonRequired, RepeatScope, RouteRule,
    ScoredAsRule, UpliftRule,
};

pub use compliance::{CentralElement, ComplianceRules};
pub use incidents::{
    HotspotRules, IncidentDate, IncidentRules, QuarterRules, RepeatIndividualRules,
};
pub use personnel_security::{
    CriterionRule, MAX_CLEARANCE_REVIEW_MONTHS, PersonnelSecurityRules, ReviewRule,
};
pub use third_parties::ThirdPartyRules;

pub use counter_terrorism::{
    AssuranceRules, BaselineRules, ControlCell, ControlMatrix, ControlRule, CoordinationRules,
    CounterTerrorismRules, CtPlanTestRule, DaysRule, EmergencyArrangementRules, MAX_CONTROLS,
    MonthsRule, ObligationRules, OverrideRules, RiskAssessmentContentRules, ThreatAssessmentRule,
    ThreatChangeRules, ThreatLevelRule,
};

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::error::SpfError;

pub use validate::PolicyErrors;

pub(crate) use authority::{StatementMove, statement_moves};

pub use crate::codec::SCHEMA_VERSION;

/// Identifies the policy document an answer came from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PolicyRef {
    /// The policy document's id.
    pub id: Arc<str>,
    /// The policy document's version.
    pub version: Arc<str>,
}

/// A complete policy document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a policy document object")]
pub struct Policy {
    /// Wire schema version; must be [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// A stable identifier, e.g. `moj-default`.
    pub id: String,
    /// The document's version, e.g. `2026.1`.
    pub version: String,
    /// The date from which the document applies.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub effective_date: Date,
    /// A readable title.
    pub title: String,
    /// Breach assessment rules (Security Breach Policy, Security Breach Matrix).
    pub breach: BreachRules,
    /// Counter-terrorism protective security rules (Counter-Terrorist Protection
    /// Policy).
    pub counter_terrorism: CounterTerrorismRules,
    /// Incident register and trend rules (POLSBP002).
    pub incidents: IncidentRules,
    /// SPF compliance-return rules (corporate security policy).
    pub compliance: ComplianceRules,
    /// Personnel-security rules: the vetting level a role's access calls for
    /// and how often each level is reviewed (Counter-Terrorist Protection
    /// Policy, personnel security; HMG Personnel Security Controls).
    pub personnel_security: PersonnelSecurityRules,
    /// Contractors and third parties entrusted with protectively marked or
    /// business-critical information and with unsupervised access to MoJ
    /// property (corporate security policy).
    pub third_parties: ThirdPartyRules,
}

impl Policy {
    /// The Ministry of Justice default policy document, embedded in the library.
    #[must_use]
    pub fn moj_default() -> Self {
        moj_default::build()
    }

    /// The id and version answers carry.
    #[must_use]
    pub fn reference(&self) -> PolicyRef {
        PolicyRef {
            id: Arc::from(self.id.as_str()),
            version: Arc::from(self.version.as_str()),
        }
    }

    /// Checks the whole document's rules and reports every problem found. (The
    /// `schemaVersion` is checked where every version check is made, when an
    /// [`Engine`](crate::Engine) is built.)
    ///
    /// ```
    /// use spf_core::{ErrorCode, Policy};
    /// let mut policy = Policy::moj_default();
    /// policy.breach.matrix.secret[0] = 12;
    /// let errors = policy.validate().unwrap_err();
    /// assert_eq!(errors.first().code, ErrorCode::PolicyNotMonotone);
    /// assert_eq!(errors.first().path, "/breach/matrix/secret/1");
    /// ```
    pub fn validate(&self) -> Result<(), PolicyErrors> {
        validate::validate(self)
    }

    /// Parses a policy document from JSON (without validating its rules; see
    /// [`crate::Engine::from_policy_json`]).
    pub fn from_json(json: &str) -> Result<Self, SpfError> {
        crate::codec::parse_once(json)
    }

    /// The document as pretty-printed JSON.
    #[must_use]
    pub fn to_json_pretty(&self) -> String {
        crate::codec::to_pretty(self)
    }
}
