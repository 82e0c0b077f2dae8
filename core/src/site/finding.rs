//! Findings: what a site status says is wrong or due, each with its stable
//! code, its severity, the policy text it comes from and whether that text is a
//! policy statement or a configurable default.

use serde::{Deserialize, Serialize};

use crate::reason::{Basis, Citation};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// Act now: a policy obligation is not met.
    High,
    /// Act soon.
    Medium,
    /// For information.
    Low,
}

impl Severity {
    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }
}

/// A stable finding code.
///
/// A site that raises its response level above the mapped one raises no
/// finding: upward overrides are free (domain-facts gap 6), and the reason
/// `site.upwardOverride` says whether an approval is recorded all the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum FindingCode {
    /// The site has no local CT plan (all sites must).
    NoCtPlan,
    /// The CT plan does not vary operational controls by response level.
    CtPlanNotVaryingByResponseLevel,
    /// A MODERATE or HIGH site has no documented threat assessment and mitigation.
    ThreatAssessmentMissing,
    /// The annual physical-security risk assessment is overdue or was never done.
    RiskAssessmentOverdue,
    /// The annual physical-security risk assessment falls due soon or today.
    RiskAssessmentDueSoon,
    /// The CT plan has never been tested.
    CtPlanNeverTested,
    /// The CT-plan test falls due within the warning window.
    CtPlanTestDueSoon,
    /// The CT-plan test is due.
    CtPlanTestDue,
    /// The CT-plan test is past its maximum interval.
    CtPlanTestOverdue,
    /// The site's tier is due for re-assessment.
    TierReassessmentDue,
    /// The site operates below the mapped response level under an approval.
    DownwardOverrideInForce,
    /// EXCEPTIONAL is in force and its review is overdue or was never done.
    ExceptionalReviewOverdue,
    /// A control the matrix requires at the site's tier and response level is
    /// not in place.
    RequiredControlMissing,
    /// A required control is in place but was last verified longer ago than
    /// the policy's period.
    RequiredControlUnverified,
    /// The site records no controls in place, so its baseline cannot be
    /// checked (not the same as a control missing).
    ControlsNotRecorded,
    /// A control the matrix recommends is not in place.
    RecommendedControlMissing,
    /// A recommended control is in place but unverified.
    RecommendedControlUnverified,
    /// The site records no emergency response arrangements.
    EmergencyArrangementsNotRecorded,
    /// The emergency response arrangements are not part of the Fire & Incident
    /// Control plan.
    EmergencyArrangementsOutsideFireAndIncidentControl,
    /// They are not part of the business continuity plan.
    EmergencyArrangementsOutsideBusinessContinuity,
    /// They do not cover liaising with the emergency services.
    EmergencyServicesLiaisonMissing,
    /// They do not cover communicating with staff.
    StaffCommunicationsMissing,
    /// They were never rehearsed, or not within the policy's interval.
    EmergencyArrangementsNotRehearsed,
    /// The site has a risk assessment but records nothing of what it
    /// considered or who owns the measures.
    RiskAssessmentContentNotRecorded,
    /// The risk assessment did not have regard to one of impact, threat,
    /// likelihood and vulnerability (one finding each).
    RiskAssessmentFactorNotConsidered,
    /// It did not consider terrorist threats, or other threats (one each).
    RiskAssessmentThreatNotConsidered,
    /// Nobody is named as responsible for the baseline measures, crisis
    /// management or business continuity (one finding each).
    ResponsibilityNotAllocated,
}

impl FindingCode {
    /// Every code.
    pub const ALL: [FindingCode; 27] = [
        FindingCode::NoCtPlan,
        FindingCode::CtPlanNotVaryingByResponseLevel,
        FindingCode::ThreatAssessmentMissing,
        FindingCode::RiskAssessmentOverdue,
        FindingCode::RiskAssessmentDueSoon,
        FindingCode::CtPlanNeverTested,
        FindingCode::CtPlanTestDueSoon,
        FindingCode::CtPlanTestDue,
        FindingCode::CtPlanTestOverdue,
        FindingCode::TierReassessmentDue,
        FindingCode::DownwardOverrideInForce,
        FindingCode::ExceptionalReviewOverdue,
        FindingCode::RequiredControlMissing,
        FindingCode::RequiredControlUnverified,
        FindingCode::ControlsNotRecorded,
        FindingCode::RecommendedControlMissing,
        FindingCode::RecommendedControlUnverified,
        FindingCode::EmergencyArrangementsNotRecorded,
        FindingCode::EmergencyArrangementsOutsideFireAndIncidentControl,
        FindingCode::EmergencyArrangementsOutsideBusinessContinuity,
        FindingCode::EmergencyServicesLiaisonMissing,
        FindingCode::StaffCommunicationsMissing,
        FindingCode::EmergencyArrangementsNotRehearsed,
        FindingCode::RiskAssessmentContentNotRecorded,
        FindingCode::RiskAssessmentFactorNotConsidered,
        FindingCode::RiskAssessmentThreatNotConsidered,
        FindingCode::ResponsibilityNotAllocated,
    ];

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            FindingCode::NoCtPlan => "noCtPlan",
            FindingCode::CtPlanNotVaryingByResponseLevel => "ctPlanNotVaryingByResponseLevel",
            FindingCode::ThreatAssessmentMissing => "threatAssessmentMissing",
            FindingCode::RiskAssessmentOverdue => "riskAssessmentOverdue",
            FindingCode::RiskAssessmentDueSoon => "riskAssessmentDueSoon",
            FindingCode::CtPlanNeverTested => "ctPlanNeverTested",
            FindingCode::CtPlanTestDueSoon => "ctPlanTestDueSoon",
            FindingCode::CtPlanTestDue => "ctPlanTestDue",
            FindingCode::CtPlanTestOverdue => "ctPlanTestOverdue",
            FindingCode::TierReassessmentDue => "tierReassessmentDue",
            FindingCode::DownwardOverrideInForce => "downwardOverrideInForce",
            FindingCode::ExceptionalReviewOverdue => "exceptionalReviewOverdue",
            FindingCode::RequiredControlMissing => "requiredControlMissing",
            FindingCode::RequiredControlUnverified => "requiredControlUnverified",
            FindingCode::ControlsNotRecorded => "controlsNotRecorded",
            FindingCode::RecommendedControlMissing => "recommendedControlMissing",
            FindingCode::RecommendedControlUnverified => "recommendedControlUnverified",
            FindingCode::EmergencyArrangementsNotRecorded => "emergencyArrangementsNotRecorded",
            FindingCode::EmergencyArrangementsOutsideFireAndIncidentControl => {
                "emergencyArrangementsOutsideFireAndIncidentControl"
            }
            FindingCode::EmergencyArrangementsOutsideBusinessContinuity => {
                "emergencyArrangementsOutsideBusinessContinuity"
            }
            FindingCode::EmergencyServicesLiaisonMissing => "emergencyServicesLiaisonMissing",
            FindingCode::StaffCommunicationsMissing => "staffCommunicationsMissing",
            FindingCode::EmergencyArrangementsNotRehearsed => "emergencyArrangementsNotRehearsed",
            FindingCode::RiskAssessmentContentNotRecorded => "riskAssessmentContentNotRecorded",
            FindingCode::RiskAssessmentFactorNotConsidered => "riskAssessmentFactorNotConsidered",
            FindingCode::RiskAssessmentThreatNotConsidered => "riskAssessmentThreatNotConsidered",
            FindingCode::ResponsibilityNotAllocated => "responsibilityNotAllocated",
        }
    }

    /// How serious the finding is.
    #[must_use]
    pub const fn severity(self) -> Severity {
        match self {
            FindingCode::NoCtPlan
            | FindingCode::ThreatAssessmentMissing
            | FindingCode::RiskAssessmentOverdue
            | FindingCode::CtPlanNeverTested
            | FindingCode::CtPlanTestOverdue
            | FindingCode::ExceptionalReviewOverdue
            | FindingCode::RequiredControlMissing
            | FindingCode::EmergencyArrangementsNotRecorded
            | FindingCode::RiskAssessmentFactorNotConsidered => Severity::High,
            FindingCode::CtPlanNotVaryingByResponseLevel
            | FindingCode::CtPlanTestDue
            | FindingCode::TierReassessmentDue
            | FindingCode::DownwardOverrideInForce
            | FindingCode::RequiredControlUnverified
            | FindingCode::ControlsNotRecorded
            | FindingCode::EmergencyServicesLiaisonMissing
            | FindingCode::StaffCommunicationsMissing
            | FindingCode::EmergencyArrangementsNotRehearsed
            | FindingCode::RiskAssessmentContentNotRecorded
            | FindingCode::ResponsibilityNotAllocated => Severity::Medium,
            FindingCode::RiskAssessmentDueSoon
            | FindingCode::CtPlanTestDueSoon
            | FindingCode::RecommendedControlMissing
            | FindingCode::RecommendedControlUnverified
            | FindingCode::EmergencyArrangementsOutsideFireAndIncidentControl
            | FindingCode::EmergencyArrangementsOutsideBusinessContinuity
            | FindingCode::RiskAssessmentThreatNotConsidered => Severity::Low,
        }
    }
}

/// Something missing or due at a site.
///
/// Its `basis` and `citation` are those of the rule in the policy document that
/// raised it, as a reason's are: a finding resting on a configurable default
/// (HIGH sites' yearly CT-plan test, say) says so, and one resting on a
/// statement an agency varied says `agencyVariation`.
///
/// Wire form: `{"code": "noCtPlan", "severity": "high", "message": "…",
/// "basis": "policyStatement", "citation": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Finding {
    /// The stable code.
    pub code: FindingCode,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, for people.
    pub message: String,
    /// Whether the rule that raised it is the policy's statement, a
    /// configurable default or an agency's variation of a statement.
    pub basis: Basis,
    /// The policy text the obligation comes from.
    pub citation: Citation,
}
