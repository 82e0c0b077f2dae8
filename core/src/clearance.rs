//! Clearance need: the national security vetting level a role should be
//! assessed for, from what it gives access to, against the clearance its
//! holder has and when that clearance is next reviewed.
//!
//! The Counter-Terrorist Protection Policy says "those with access to
//! information or other assets that may be of value to terrorists, including
//! close proximity or access to high profile public figures, should be assessed
//! for the need for national security clearance in accordance with vetting
//! procedures". The vetting procedures are the Cabinet Office's HMG Personnel
//! Security Controls (domain-facts §7), which give the levels: BPSS for
//! everyone; CTC for posts close to public figures at particular risk from
//! terrorist attack, with access to information or material of value to
//! terrorists, or with unescorted access to establishments at particular risk;
//! SC for regular and uncontrolled access to SECRET or occasional, supervised
//! access to TOP SECRET; DV for frequent and uncontrolled access to TOP SECRET.
//!
//! The sources differ in two places, and the policy document follows the MoJ
//! text where it speaks: the MoJ policy names "high profile public figures",
//! where the Cabinet Office names figures "assessed to be at particular risk";
//! and the MoJ policy does not name unescorted access to sites at risk, which
//! is therefore a configurable default, as are the SECRET and TOP SECRET
//! criteria and the review periods (policyStatement only where the MoJ text
//! states the rule).
//!
//! The answer is worked out in steps:
//! 1. the criteria the role's access meets, each with the level the policy
//!    document gives it;
//! 2. the level recommended: the highest of BPSS (everyone) and those levels;
//! 3. the holder's clearance against it, and the review of that clearance
//!    (granted or last reviewed, plus the level's review period);
//! 4. the findings: `clearanceBelowNeed`, and `clearanceReviewOverdue`,
//!    `clearanceReviewDue` (on the day itself) or `clearanceReviewDueSoon`;
//!
//! then the reasons, each cited. The vetting itself is done centrally (the
//! Corporate Security Policy: national security vetting is managed centrally):
//! the answer says what to assess the role for, not whether to grant.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::codec::{Pointer, SCHEMA_VERSION};
use crate::date::Date;
use crate::error::{ErrorCode, SpfError};
use crate::policy::{Policy, PolicyRef, ReviewRule};
use crate::reason::{Basis, Citation, Reason, Source, Step};
use crate::site::{Interval, Schedule, ScheduleStatus, Severity};

pub use crate::vocabulary::{ClearanceCriterion, VettingLevel};

/// How a role gives access to SECRET assets.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum SecretAccess {
    /// None.
    #[default]
    None,
    /// Occasional, supervised access.
    OccasionalSupervised,
    /// Regular and uncontrolled access.
    RegularUncontrolled,
}

/// How a role gives access to TOP SECRET assets.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum TopSecretAccess {
    /// None.
    #[default]
    None,
    /// Occasional, supervised access.
    OccasionalSupervised,
    /// Frequent and uncontrolled access.
    FrequentUncontrolled,
}

/// What a role gives access to. Every field may be left out: a flag left out
/// is false, an access left out is `none`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a role access object")]
pub struct RoleAccess {
    /// Access to information or other assets that may be of value to
    /// terrorists.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub information_of_value_to_terrorists: bool,
    /// Close proximity or access to high profile public figures.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub high_profile_public_figures: bool,
    /// Unescorted access to sites (establishments) at particular risk from
    /// terrorist attack.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub unescorted_access_to_sites_at_risk: bool,
    /// Access to SECRET assets.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub secret: SecretAccess,
    /// Access to TOP SECRET assets.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub top_secret: TopSecretAccess,
}

impl RoleAccess {
    /// The criteria this access meets, in [`ClearanceCriterion::ALL`] order.
    ///
    /// ```
    /// use spf_core::clearance::{ClearanceCriterion, RoleAccess, SecretAccess};
    /// let access = RoleAccess { secret: SecretAccess::RegularUncontrolled, ..RoleAccess::default() };
    /// assert_eq!(access.criteria(), [ClearanceCriterion::SecretRegularUncontrolled]);
    /// ```
    #[must_use]
    pub fn criteria(&self) -> Vec<ClearanceCriterion> {
        use ClearanceCriterion as C;
        let mut met = Vec::with_capacity(4);
        for (criterion, yes) in [
            (
                C::InformationOfValueToTerrorists,
                self.information_of_value_to_terrorists,
            ),
            (
                C::HighProfilePublicFigures,
                self.high_profile_public_figures,
            ),
            (
                C::UnescortedAccessToSitesAtRisk,
                self.unescorted_access_to_sites_at_risk,
            ),
            (
                C::SecretOccasionalSupervised,
                self.secret == SecretAccess::OccasionalSupervised,
            ),
            (
                C::SecretRegularUncontrolled,
                self.secret == SecretAccess::RegularUncontrolled,
            ),
            (
                C::TopSecretOccasionalSupervised,
                self.top_secret == TopSecretAccess::OccasionalSupervised,
            ),
            (
                C::TopSecretFrequentUncontrolled,
                self.top_secret == TopSecretAccess::FrequentUncontrolled,
            ),
        ] {
            if yes {
                met.push(criterion);
            }
        }
        met
    }
}

/// The clearance a person holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum HeldClearance {
    /// None recorded, not even BPSS.
    None,
    /// The Baseline Personnel Security Standard.
    Bpss,
    /// Counter-Terrorist Check.
    Ctc,
    /// Security Check.
    Sc,
    /// Developed Vetting.
    Dv,
}

impl HeldClearance {
    /// The level held, if any.
    #[must_use]
    pub const fn level(self) -> Option<VettingLevel> {
        match self {
            HeldClearance::None => None,
            HeldClearance::Bpss => Some(VettingLevel::Bpss),
            HeldClearance::Ctc => Some(VettingLevel::Ctc),
            HeldClearance::Sc => Some(VettingLevel::Sc),
            HeldClearance::Dv => Some(VettingLevel::Dv),
        }
    }

    /// The clearance as people write it (`SC`, or `no clearance`).
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self.level() {
            Some(level) => level.label(),
            None => "no clearance",
        }
    }
}

/// The person in the role and their clearance. Its dates are checked whatever
/// the level (neither after `asOf`, the last review not before the grant) and
/// used only for a level with a review period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a holder object with `clearance`")]
pub struct Holder {
    /// The clearance held.
    pub clearance: HeldClearance,
    /// When it was granted. Needed for a level with a review period (CTC,
    /// SC and DV by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional, type = "IsoDate"))]
    pub granted: Option<Date>,
    /// When it was last reviewed, if it has been since the grant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional, type = "IsoDate"))]
    pub last_reviewed: Option<Date>,
}

/// A clearance need request: a role's access, and optionally the holder's
/// clearance.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a clearance need request object")]
pub struct ClearanceNeedRequest {
    /// Optional wire schema version; when present it must be 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub schema_version: Option<u32>,
    /// The day to assess the holder's review on.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub as_of: Date,
    /// A name for the role, repeated in the answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub role: Option<String>,
    /// What the role gives access to.
    pub access: RoleAccess,
    /// The person in the role, if there is one to compare.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub holder: Option<Holder>,
}

/// A criterion the role meets and the level it calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CriterionMet {
    /// The criterion.
    pub criterion: ClearanceCriterion,
    /// The level the policy document gives it.
    pub level: VettingLevel,
}

/// The holder's clearance against the role's need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HolderStanding {
    /// The clearance held.
    pub clearance: HeldClearance,
    /// Whether it is at least the level recommended.
    pub meets_need: bool,
    /// Its review, for a level with a review period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub review: Option<Schedule>,
}

/// A stable clearance finding code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum ClearanceFindingCode {
    /// The holder's clearance is below the level the role should be assessed
    /// for.
    ClearanceBelowNeed,
    /// The clearance's review date has passed.
    ClearanceReviewOverdue,
    /// The clearance's review falls due today.
    ClearanceReviewDue,
    /// The clearance's review falls due within the warning window.
    ClearanceReviewDueSoon,
}

impl ClearanceFindingCode {
    /// Every code.
    pub const ALL: [ClearanceFindingCode; 4] = [
        ClearanceFindingCode::ClearanceBelowNeed,
        ClearanceFindingCode::ClearanceReviewOverdue,
        ClearanceFindingCode::ClearanceReviewDue,
        ClearanceFindingCode::ClearanceReviewDueSoon,
    ];

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            ClearanceFindingCode::ClearanceBelowNeed => "clearanceBelowNeed",
            ClearanceFindingCode::ClearanceReviewOverdue => "clearanceReviewOverdue",
            ClearanceFindingCode::ClearanceReviewDue => "clearanceReviewDue",
            ClearanceFindingCode::ClearanceReviewDueSoon => "clearanceReviewDueSoon",
        }
    }

    /// How serious the finding is.
    #[must_use]
    pub const fn severity(self) -> Severity {
        match self {
            ClearanceFindingCode::ClearanceBelowNeed
            | ClearanceFindingCode::ClearanceReviewOverdue => Severity::High,
            ClearanceFindingCode::ClearanceReviewDue => Severity::Medium,
            ClearanceFindingCode::ClearanceReviewDueSoon => Severity::Low,
        }
    }
}

/// Something wrong or due about the holder's clearance, with the basis and
/// citation of the rule that raised it.
///
/// Wire form: `{"code": "clearanceBelowNeed", "severity": "high", "message":
/// "…", "basis": "policyStatement", "citation": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClearanceFinding {
    /// The stable code.
    pub code: ClearanceFindingCode,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, for people.
    pub message: String,
    /// Whether the rule that raised it is the policy's statement, a
    /// configurable default or an agency's variation of a statement.
    pub basis: Basis,
    /// The policy text it comes from.
    pub citation: Citation,
}

/// One step of a clearance need answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(tag = "rule", content = "facts", deny_unknown_fields)]
#[allow(missing_docs)] // the facts' names say what they are; each variant is documented
pub enum ClearanceStep {
    /// Everyone meets the Baseline Personnel Security Standard.
    #[serde(rename = "clearance.baseline")]
    Baseline,
    /// A criterion the role's access meets, and the level it calls for.
    #[serde(rename = "clearance.criterion", rename_all = "camelCase")]
    Criterion {
        criterion: ClearanceCriterion,
        level: VettingLevel,
    },
    /// The level recommended: the highest the role's access calls for.
    #[serde(rename = "clearance.recommended", rename_all = "camelCase")]
    Recommended { level: VettingLevel, criteria: u32 },
    /// The holder's clearance against the level recommended.
    #[serde(rename = "clearance.held", rename_all = "camelCase")]
    Held {
        clearance: HeldClearance,
        recommended: VettingLevel,
        meets_need: bool,
    },
    /// The review of the holder's clearance.
    #[serde(rename = "clearance.review", rename_all = "camelCase")]
    Review {
        level: VettingLevel,
        months: u32,
        status: ScheduleStatus,
    },
}

impl Step for ClearanceStep {
    fn rule_id(&self) -> &'static str {
        match self {
            ClearanceStep::Baseline => "clearance.baseline",
            ClearanceStep::Criterion { .. } => "clearance.criterion",
            ClearanceStep::Recommended { .. } => "clearance.recommended",
            ClearanceStep::Held { .. } => "clearance.held",
            ClearanceStep::Review { .. } => "clearance.review",
        }
    }

    fn explain<W: fmt::Write>(&self, w: &mut W) -> fmt::Result {
        match *self {
            ClearanceStep::Baseline => w.write_str(
                "the Baseline Personnel Security Standard (BPSS) applies to everyone with access to government assets",
            ),
            ClearanceStep::Criterion {
                criterion,
                level: VettingLevel::Bpss,
            } => write!(w, "{}: no more than BPSS", criterion.label()),
            ClearanceStep::Criterion { criterion, level } => write!(
                w,
                "{}: assess the role for {}",
                criterion.label(),
                level.label()
            ),
            ClearanceStep::Recommended {
                level: VettingLevel::Bpss,
                ..
            } => w.write_str(
                "nothing the role gives access to calls for national security vetting: BPSS",
            ),
            ClearanceStep::Recommended { level, .. } => write!(
                w,
                "the role should be assessed for {}, the highest level its access calls for; the vetting itself is done centrally",
                level.label()
            ),
            ClearanceStep::Held {
                clearance,
                recommended,
                meets_need: true,
            } => write!(
                w,
                "the holder has {}, which meets the {} the role calls for",
                clearance.label(),
                recommended.label()
            ),
            ClearanceStep::Held {
                clearance,
                recommended,
                meets_need: false,
            } => write!(
                w,
                "the holder has {}, below the {} the role calls for",
                clearance.label(),
                recommended.label()
            ),
            ClearanceStep::Review {
                level,
                months,
                status,
            } => write!(
                w,
                "{} is reviewed every {months} months from its grant or last review: the review is {}",
                level.label(),
                status.label()
            ),
        }
    }
}

/// A reason in a clearance need answer.
pub type ClearanceReason = Reason<ClearanceStep>;

#[cfg(feature = "typescript")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_CLEARANCE_TYPES: &str = r#"
/** One cited step of a clearance need answer. */
export type ClearanceReason = Reason<ClearanceStep>;
"#;

/// The answer: the level a role should be assessed for, the holder's
/// clearance against it, the findings and the reasons.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClearanceNeed {
    /// Wire schema version of the answer (1).
    pub schema_version: u32,
    /// The policy document that produced it.
    pub policy: PolicyRef,
    /// The day the review is assessed on.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub as_of: Date,
    /// The role's name, as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub role: Option<String>,
    /// The level the role should be assessed for.
    pub recommended: VettingLevel,
    /// The criteria the role's access meets, in the order of the criteria.
    pub criteria_met: Vec<CriterionMet>,
    /// The holder's clearance against the need, when a holder is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub holder: Option<HolderStanding>,
    /// What is wrong or due, most serious first.
    pub findings: Vec<ClearanceFinding>,
    /// The steps, with citations.
    pub reasons: Vec<ClearanceReason>,
}

pub(crate) fn clearance_need(
    policy: &Policy,
    reference: &PolicyRef,
    request: &ClearanceNeedRequest,
) -> Result<ClearanceNeed, SpfError> {
    let met = criteria_met(policy, &request.access)?;
    let recommended = recommended(&met);
    let holder = request
        .holder
        .as_ref()
        .map(|holder| holder_standing(policy, holder, recommended, request.as_of))
        .transpose()?;
    let deciding = deciding_sources(policy, &met, recommended);
    let findings = findings(policy, holder.as_ref(), recommended, &met, &deciding);
    let reasons = reasons(policy, &met, recommended, holder.as_ref(), &deciding);
    Ok(ClearanceNeed {
        schema_version: SCHEMA_VERSION,
        policy: reference.clone(),
        as_of: request.as_of,
        role: request.role.as_ref().map(|role| role.trim().to_owned()),
        recommended,
        criteria_met: met.iter().map(|(met, _)| *met).collect(),
        holder: holder.map(|(standing, _)| standing),
        findings,
        reasons,
    })
}

/// Step 1: the criteria met, each with its level and source.
fn criteria_met<'p>(
    policy: &'p Policy,
    access: &RoleAccess,
) -> Result<Vec<(CriterionMet, &'p Source)>, SpfError> {
    access
        .criteria()
        .into_iter()
        .map(|criterion| {
            // INVARIANT: a validated policy lists every criterion.
            let rule = policy
                .personnel_security
                .criteria
                .iter()
                .find(|rule| rule.criterion == criterion)
                .ok_or_else(|| {
                    SpfError::new(
                        ErrorCode::Internal,
                        format!("the policy gives criterion `{criterion}` no level"),
                        "",
                    )
                })?;
            Ok((
                CriterionMet {
                    criterion,
                    level: rule.level,
                },
                &rule.source,
            ))
        })
        .collect()
}

/// Step 2: the highest of BPSS and the criteria's levels.
fn recommended(met: &[(CriterionMet, &Source)]) -> VettingLevel {
    met.iter()
        .map(|(met, _)| met.level)
        .max()
        .unwrap_or(VettingLevel::Bpss)
        .max(VettingLevel::Bpss)
}

/// The sources the recommendation rests on: the criteria that reach it, those
/// with the strongest basis only (a statement that calls for the level is
/// enough, whatever defaults agree with it); the baseline when no criterion
/// calls for more than BPSS.
fn deciding_sources<'p>(
    policy: &'p Policy,
    met: &[(CriterionMet, &'p Source)],
    recommended: VettingLevel,
) -> Vec<&'p Source> {
    let strength = |basis: Basis| match basis {
        Basis::PolicyStatement => 0,
        Basis::AgencyVariation => 1,
        Basis::ConfigurableDefault => 2,
    };
    let reaching: Vec<&Source> = met
        .iter()
        .filter(|(met, _)| met.level == recommended && recommended > VettingLevel::Bpss)
        .map(|(_, source)| *source)
        .collect();
    let Some(best) = reaching.iter().map(|s| strength(s.basis)).min() else {
        return vec![&policy.personnel_security.baseline];
    };
    reaching
        .into_iter()
        .filter(|s| strength(s.basis) == best)
        .collect()
}

/// Step 3: the holder's clearance against the need, and its review (with the
/// review rule it follows).
fn holder_standing<'p>(
    policy: &'p Policy,
    holder: &Holder,
    recommended: VettingLevel,
    as_of: Date,
) -> Result<(HolderStanding, Option<&'p ReviewRule>), SpfError> {
    let at = Pointer::root().key("holder");
    for (date, field, what) in [
        (holder.granted, "granted", "the grant date"),
        (holder.last_reviewed, "lastReviewed", "the last review date"),
    ] {
        if let Some(date) = date.filter(|date| *date > as_of) {
            return Err(SpfError::new(
                ErrorCode::DateOutOfOrder,
                format!("{what} `{date}` is after the assessment date `{as_of}`"),
                at.key(field).into_string(),
            ));
        }
    }
    if let (Some(granted), Some(reviewed)) = (holder.granted, holder.last_reviewed) {
        if reviewed < granted {
            return Err(SpfError::new(
                ErrorCode::DateOutOfOrder,
                format!("the last review date `{reviewed}` is before the grant date `{granted}`"),
                at.key("lastReviewed").into_string(),
            ));
        }
    }
    let level = holder.clearance.level();
    let rule = level.and_then(|level| {
        policy
            .personnel_security
            .reviews
            .iter()
            .find(|rule| rule.level == level)
    });
    let review = match rule {
        None => None,
        Some(rule) => {
            let Some(granted) = holder.granted else {
                return Err(SpfError::new(
                    ErrorCode::MissingField,
                    format!(
                        "a {} clearance is reviewed, so its `granted` date is needed",
                        holder.clearance.label()
                    ),
                    at.key("granted").into_string(),
                ));
            };
            let last = holder.last_reviewed.unwrap_or(granted).max(granted);
            if last.months_after(rule.months).is_none() {
                return Err(SpfError::new(
                    ErrorCode::InvalidDate,
                    format!(
                        "a review from `{last}` would fall due after {}, the latest date the library handles",
                        Date::LATEST
                    ),
                    at.key(if holder.last_reviewed.is_some() {
                        "lastReviewed"
                    } else {
                        "granted"
                    })
                    .into_string(),
                ));
            }
            Some(Schedule::evaluate(
                Some(last),
                Interval {
                    due_after_months: rule.months,
                    overdue_after_months: rule.months,
                },
                policy.personnel_security.review_due_soon.days,
                as_of,
            ))
        }
    };
    Ok((
        HolderStanding {
            clearance: holder.clearance,
            meets_need: level.is_some_and(|level| level >= recommended),
            review,
        },
        rule,
    ))
}

/// The sources of a review's reason and finding: the review period, and the
/// warning window when that is what the status comes from.
fn review_sources<'p>(
    policy: &'p Policy,
    rule: &'p ReviewRule,
    status: ScheduleStatus,
) -> Vec<&'p Source> {
    if status == ScheduleStatus::DueSoon {
        vec![
            &rule.source,
            &policy.personnel_security.review_due_soon.source,
        ]
    } else {
        vec![&rule.source]
    }
}

/// Step 4: the findings, most serious first.
fn findings(
    policy: &Policy,
    holder: Option<&(HolderStanding, Option<&ReviewRule>)>,
    recommended: VettingLevel,
    met: &[(CriterionMet, &Source)],
    deciding: &[&Source],
) -> Vec<ClearanceFinding> {
    let Some((standing, rule)) = holder else {
        return Vec::new();
    };
    let mut findings = Vec::with_capacity(2);
    if !standing.meets_need {
        let why: Vec<&str> = met
            .iter()
            .filter(|(met, _)| met.level == recommended)
            .map(|(met, _)| met.criterion.label())
            .collect();
        // BPSS is everyone's, whatever criterion reached no higher.
        let message = if recommended == VettingLevel::Bpss || why.is_empty() {
            format!(
                "everyone with access to government assets needs {}; the holder has {}",
                recommended.label(),
                standing.clearance.label()
            )
        } else {
            format!(
                "the role should be assessed for {} ({}); the holder has {}",
                recommended.label(),
                why.join("; "),
                standing.clearance.label()
            )
        };
        findings.push(finding(
            ClearanceFindingCode::ClearanceBelowNeed,
            message,
            deciding,
        ));
    }
    if let (Some(review), Some(rule), Some(level)) =
        (standing.review, rule, standing.clearance.level())
    {
        let due = review.due_on.map_or_else(String::new, |d| d.to_string());
        let raised = match review.status {
            ScheduleStatus::Overdue => Some((
                ClearanceFindingCode::ClearanceReviewOverdue,
                format!(
                    "the holder's {} clearance was due for review on {due}",
                    level.label()
                ),
            )),
            ScheduleStatus::Due => Some((
                ClearanceFindingCode::ClearanceReviewDue,
                format!(
                    "the holder's {} clearance is due for review today, {due}",
                    level.label()
                ),
            )),
            ScheduleStatus::DueSoon => Some((
                ClearanceFindingCode::ClearanceReviewDueSoon,
                format!(
                    "the holder's {} clearance is due for review on {due}",
                    level.label()
                ),
            )),
            ScheduleStatus::Ok | ScheduleStatus::NeverDone => None,
        };
        if let Some((code, message)) = raised {
            findings.push(finding(
                code,
                message,
                &review_sources(policy, rule, review.status),
            ));
        }
    }
    findings.sort_by_key(|f| (f.severity, f.code));
    findings
}

fn finding(code: ClearanceFindingCode, message: String, sources: &[&Source]) -> ClearanceFinding {
    // The finding rests on what the reason for it rests on.
    let Reason {
        basis, citation, ..
    } = Reason::resting_on(ClearanceStep::Baseline, sources);
    ClearanceFinding {
        code,
        severity: code.severity(),
        message,
        basis,
        citation,
    }
}

/// The reasons, in the order of the steps.
fn reasons(
    policy: &Policy,
    met: &[(CriterionMet, &Source)],
    recommended: VettingLevel,
    holder: Option<&(HolderStanding, Option<&ReviewRule>)>,
    deciding: &[&Source],
) -> Vec<ClearanceReason> {
    let rules = &policy.personnel_security;
    let mut reasons = Vec::with_capacity(met.len() + 4);
    reasons.push(Reason::new(ClearanceStep::Baseline, &rules.baseline));
    for (met, source) in met {
        reasons.push(Reason::new(
            ClearanceStep::Criterion {
                criterion: met.criterion,
                level: met.level,
            },
            source,
        ));
    }
    reasons.push(Reason::resting_on(
        ClearanceStep::Recommended {
            level: recommended,
            criteria: u32::try_from(met.len()).unwrap_or(u32::MAX),
        },
        deciding,
    ));
    if let Some((standing, rule)) = holder {
        reasons.push(Reason::resting_on(
            ClearanceStep::Held {
                clearance: standing.clearance,
                recommended,
                meets_need: standing.meets_need,
            },
            deciding,
        ));
        if let (Some(review), Some(rule)) = (standing.review, rule) {
            reasons.push(Reason::resting_on(
                ClearanceStep::Review {
                    level: rule.level,
                    months: rule.months,
                    status: review.status,
                },
                &review_sources(policy, rule, review.status),
            ));
        }
    }
    reasons
}
