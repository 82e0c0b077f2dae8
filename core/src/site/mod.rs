//! Counter-terrorism protective security for sites (Counter-Terrorist Protection
//! Policy): the response level in force, the controls it requires, whether the CT
//! plan and risk assessment are in date, and what is missing.
//!
//! A [`Site`] is a record an estates system holds. Given the national
//! [`ThreatLevel`] and an `asOf` date, the engine answers with a [`SiteStatus`];
//! for a whole estate, a [`PortfolioReport`].

mod baseline;
mod finding;
mod portfolio;
mod schedule;
mod status;
mod threat_change;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::codec::Pointer;
use crate::date::Date;
use crate::error::{ErrorCode, Quoted, SpfError};
use crate::policy::PolicyRef;
use crate::reason::Reason;

pub use crate::vocabulary::{ResponseLevel, SiteTier, ThreatLevel};
pub use baseline::{Baseline, BaselineCounts, BaselineGap, ControlGap, ControlState, Requirement};
pub use finding::{Finding, FindingCode, Severity};
pub use portfolio::{
    Obligation, ObligationCounts, PortfolioCounts, PortfolioEntry, PortfolioReport,
    PortfolioRequest, RejectedSite, ResponseLevelCounts, TierCounts,
};
pub use schedule::{Interval, Schedule, ScheduleStatus};
pub use status::SiteStep;
pub use threat_change::{
    AreaImpact, BusinessAreaContact, LevelChange, SiteImpact, ThreatChangeImpact,
    ThreatChangeReason, ThreatChangeRequest, ThreatChangeStep, ThreatChangeSummary,
};

pub(crate) use portfolio::portfolio;
pub(crate) use schedule::status_boundaries;
pub(crate) use status::{
    CompiledSiteRules, ct_test_due_within_calendar, exceptional_review, overridden_level,
    site_status,
};
pub(crate) use threat_change::{Change, threat_change};

/// A site's local counter-terrorist plan.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a CT plan object")]
pub struct CtPlan {
    /// Whether the plan says how operational controls vary with the response
    /// level.
    pub varies_by_response_level: bool,
    /// When the plan was last tested or exercised; absent if never.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub last_tested: Option<Date>,
}

/// A documented threat assessment and its mitigation (MODERATE and HIGH sites).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ThreatAssessment {
    /// The threat is assessed and documented.
    pub threat_documented: bool,
    /// How site security and operational controls mitigate it is documented.
    pub mitigation_documented: bool,
}

/// Who approved a response-level override, when and why.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "an approval object with `by`, `on` and `reason`")]
pub struct Approval {
    /// Who approved it.
    pub by: String,
    /// When.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub on: Date,
    /// Why.
    pub reason: String,
}

/// A site's own response level, set instead of the one the national threat maps
/// to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a response override object with `level` and optional `approval`")]
pub struct ResponseOverride {
    /// The level the site operates at.
    pub level: ResponseLevel,
    /// The recorded approval; required when the level is below the mapped one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval: Option<Approval>,
}

/// A protective control in place at a site, and when it was last verified.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a control in place object with `control` and `verifiedOn`")]
pub struct ControlInPlace {
    /// The control's id in the policy's catalogue, e.g. `cctvMonitoring`.
    pub control: String,
    /// When someone last checked that it is in place and working.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub verified_on: Date,
}

/// A site's emergency response arrangements (Counter-Terrorist Protection
/// Policy, incident response): where they are written down, what they cover,
/// and when they were last rehearsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "an emergency arrangements object")]
pub struct EmergencyArrangements {
    /// They are part of the site's Fire & Incident Control plan.
    pub in_fire_and_incident_control_plan: bool,
    /// They are part of its business continuity plan.
    pub in_business_continuity_plan: bool,
    /// They include liaising with the emergency services.
    pub emergency_services_liaison: bool,
    /// They include communicating with staff.
    pub staff_communications: bool,
    /// When they were last rehearsed; absent if never.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub last_rehearsed: Option<Date>,
}

/// What a site's local risk assessment had regard to, and who owns the
/// measures it leads to (Counter-Terrorist Protection Policy, roles and
/// responsibilities and its opening commitments).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a risk assessment record object")]
pub struct RiskAssessmentRecord {
    /// It had regard to the impact on the business or site.
    pub impact: bool,
    /// It was informed by an assessment of threat.
    pub threat: bool,
    /// It was informed by an assessment of likelihood.
    pub likelihood: bool,
    /// It was informed by an assessment of vulnerability.
    pub vulnerability: bool,
    /// It considered terrorist threats.
    pub terrorist_threats: bool,
    /// It considered threats other than terrorism.
    pub other_threats: bool,
    /// Who is responsible for what; absent names nobody.
    #[serde(default)]
    pub owners: ResponsibilityOwners,
}

/// The people or roles responsible for a site's baseline measures, crisis
/// management and business continuity; a blank name counts as none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "an owners object")]
pub struct ResponsibilityOwners {
    /// Implementing the baseline measures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline_measures: Option<String>,
    /// Crisis management.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crisis_management: Option<String>,
    /// Business continuity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_continuity: Option<String>,
}

/// A site record, as an estates system holds it.
///
/// ```json
/// {
///   "id": "MOJ-LDN-0001",
///   "name": "102 Petty France",
///   "businessArea": "MoJ HQ",
///   "tier": "moderate",
///   "tierAssessed": "2026-02-10",
///   "ctPlan": {"variesByResponseLevel": true, "lastTested": "2025-03-18"},
///   "threatAssessment": {"threatDocumented": true, "mitigationDocumented": true},
///   "riskAssessed": "2026-01-20",
///   "riskAssessment": {"impact": true, "threat": true, "likelihood": true,
///     "vulnerability": true, "terroristThreats": true, "otherThreats": true,
///     "owners": {"baselineMeasures": "Estates manager"}},
///   "controlsInPlace": [{"control": "accessAndPassChecks", "verifiedOn": "2026-03-02"}]
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a site object")]
pub struct Site {
    /// The site's stable id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The business area that runs it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_area: Option<String>,
    /// The site's security officer, whom the DSO tells of a change of threat
    /// or response level; absent, the business area's (see
    /// [`ThreatChangeRequest::business_areas`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_officer: Option<String>,
    /// The assessed risk tier (`medium` is read as `moderate`).
    pub tier: SiteTier,
    /// When the tier was assessed.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub tier_assessed: Date,
    /// The local CT plan; absent if the site has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ct_plan: Option<CtPlan>,
    /// The documented threat assessment; absent if none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threat_assessment: Option<ThreatAssessment>,
    /// When the annual physical-security risk assessment was last done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub risk_assessed: Option<Date>,
    /// What the local risk assessment considered and the owners it names;
    /// absent when the site has not recorded them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk_assessment: Option<RiskAssessmentRecord>,
    /// The site's own response level, if it overrides the mapped one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_override: Option<ResponseOverride>,
    /// When the site last reviewed an EXCEPTIONAL response level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub exceptional_reviewed: Option<Date>,
    /// The protective controls in place, each once; absent when the site has
    /// not recorded them, which is reported as "not recorded" (an empty list
    /// records that none is in place).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controls_in_place: Option<Vec<ControlInPlace>>,
    /// The emergency response arrangements; absent when the site has not
    /// recorded them, which is a finding of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emergency_arrangements: Option<EmergencyArrangements>,
}

/// A request for one site's status.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a site status request object")]
pub struct SiteStatusRequest {
    /// Optional wire schema version; when present it must be 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_version: Option<u32>,
    /// The day to assess on.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub as_of: Date,
    /// The national threat level.
    pub threat_level: ThreatLevel,
    /// The site.
    pub site: Site,
}

/// A control id, shared with the engine's catalogue.
pub type ControlId = Arc<str>;

/// The schedules a site status reports.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Schedules {
    /// Testing and exercising the CT plan.
    pub ct_plan_test: Schedule,
    /// The annual physical-security risk assessment.
    pub risk_assessment: Schedule,
    /// Re-assessing the site's tier.
    pub tier_reassessment: Schedule,
    /// Reviewing an EXCEPTIONAL response level; only while EXCEPTIONAL is in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exceptional_review: Option<Schedule>,
}

/// A reason in a site status.
pub type SiteReason = Reason<SiteStep>;

#[cfg(feature = "typescript")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_SITE_TYPES: &str = r#"
/** One cited step of a site status. */
export type SiteReason = Reason<SiteStep>;

/** A control's id in the policy's control catalogue, for example `"patrols"`. */
export type ControlId = string;
"#;

/// One site's status on a day.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SiteStatus {
    /// Wire schema version of the answer (1).
    pub schema_version: u32,
    /// The policy document that produced it.
    pub policy: PolicyRef,
    /// The site's id.
    pub site_id: String,
    /// The day assessed.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub as_of: Date,
    /// The site's tier.
    pub tier: SiteTier,
    /// The national threat level.
    pub threat_level: ThreatLevel,
    /// The response level in force at the site.
    pub response_level: ResponseLevel,
    /// Controls required at this tier and response level, in catalogue order.
    pub required_controls: Arc<[ControlId]>,
    /// Controls recommended, in catalogue order.
    pub recommended_controls: Arc<[ControlId]>,
    /// The controls in place against those required and recommended.
    pub baseline: Baseline,
    /// Each schedule's standing, with its dates.
    pub schedules: Schedules,
    /// What is missing or due, most severe first.
    pub findings: Vec<Finding>,
    /// How the response level, controls and schedules were decided.
    pub reasons: Vec<SiteReason>,
}

/// A request for the response level a national threat level maps to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a response level request object")]
pub struct ResponseLevelRequest {
    /// Optional wire schema version; when present it must be 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_version: Option<u32>,
    /// The national threat level.
    pub threat_level: ThreatLevel,
    /// The day the answer is for; an override's approval must not be dated
    /// after it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub as_of: Option<Date>,
    /// A site's own response level, as a site record gives it: the answer then
    /// also says which level is in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_override: Option<ResponseOverride>,
}

/// The response level a national threat level maps to, and the level in force
/// where a site overrides it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResponseLevelAnswer {
    /// Wire schema version of the answer (1).
    pub schema_version: u32,
    /// The policy document that produced it.
    pub policy: PolicyRef,
    /// The threat level.
    pub threat_level: ThreatLevel,
    /// Its definition.
    pub definition: String,
    /// The response level it maps to.
    pub response_level: ResponseLevel,
    /// Where the mapping comes from.
    pub citation: crate::reason::Citation,
    /// Policy statement or configurable default.
    pub basis: crate::reason::Basis,
    /// With a `responseOverride` in the request: the level in force and the
    /// rule that lets the site set it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<EffectiveResponseLevel>,
}

/// The response level in force at a site that overrides the mapped one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EffectiveResponseLevel {
    /// The level the site operates at.
    pub response_level: ResponseLevel,
    /// Whether the override raises, keeps or lowers the mapped level.
    pub direction: OverrideDirection,
    /// Where the override rule comes from (upward overrides are free; downward
    /// ones need a recorded approval).
    pub citation: crate::reason::Citation,
    /// Policy statement or configurable default.
    pub basis: crate::reason::Basis,
}

/// How a site's own response level relates to the one the threat maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum OverrideDirection {
    /// Above the mapped level.
    Upward,
    /// The same as the mapped level.
    Same,
    /// Below the mapped level (approved).
    Downward,
}

/// A request for one site's status, picked by its id from an estate.
///
/// Only the site asked for must be a valid record: the others are searched
/// for the id and otherwise left unread, so one bad record elsewhere in an
/// estate file does not stop the answer.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a site status by id request object")]
pub struct SiteStatusByIdRequest {
    /// Optional wire schema version; when present it must be 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_version: Option<u32>,
    /// The day to assess on.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub as_of: Date,
    /// The national threat level.
    pub threat_level: ThreatLevel,
    /// The id of the site to report on.
    pub site_id: String,
    /// The estate.
    pub sites: Vec<Site>,
}

/// The index of the one site whose id is `wanted`, among ids in estate order
/// (`None` for an entry with no readable id, which never matches).
///
/// Errors: `unknownValue` at `/siteId` when no site has the id;
/// `duplicateEntry` at the second one's `/sites/N/id` when two do, since the
/// answer would otherwise depend on which came first.
pub(crate) fn find_site<'a>(
    ids: impl Iterator<Item = impl Into<Option<&'a str>>>,
    wanted: &str,
) -> Result<usize, SpfError> {
    let mut found = None;
    let mut count = 0usize;
    for (index, id) in ids.enumerate() {
        count += 1;
        if id.into() != Some(wanted) {
            continue;
        }
        if found.is_some() {
            return Err(SpfError::new(
                ErrorCode::DuplicateEntry,
                format!(
                    "two sites have id `{}`; ids must be unique to pick one",
                    Quoted(wanted)
                ),
                Pointer::root()
                    .key("sites")
                    .index(index)
                    .key("id")
                    .into_string(),
            ));
        }
        found = Some(index);
    }
    found.ok_or_else(|| {
        SpfError::new(
            ErrorCode::UnknownValue,
            format!(
                "no site has id `{}` (the estate lists {count} sites)",
                Quoted(wanted)
            ),
            "/siteId",
        )
    })
}
