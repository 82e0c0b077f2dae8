//! One site's status: the response level in force, its controls, its schedules
//! and its findings, each explained.
//!
//! Order of the steps (each adds reasons, some add findings):
//! 1. the response level the threat level maps to, then any override of it;
//! 2. EXCEPTIONAL's review, when EXCEPTIONAL is in force;
//! 3. the controls the matrix gives for the tier and response level, then
//!    the controls in place against them (the baseline);
//! 4. the obligations: the CT plan every site has (findings only), whether
//!    the site's tier must document its threat assessment, what the local
//!    risk assessment considered and the owners it names, and the emergency
//!    response arrangements every site has, with their rehearsal;
//! 5. the schedules: the CT-plan test, the physical-security risk assessment
//!    and the tier re-assessment.
//!
//! The findings are then sorted, most serious first.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::codec::Pointer;
use crate::date::Date;
use crate::error::{ErrorCode, SpfError};
use crate::policy::{CounterTerrorismRules, Policy, PolicyRef, SCHEMA_VERSION};
use crate::reason::{Citation, Reason, Source, Step};
use crate::site::baseline::{self, Baseline, ControlState, Requirement};
use crate::site::{
    ControlId, Finding, FindingCode, Interval, ResponseLevel, ResponseOverride, Schedule,
    ScheduleStatus, Schedules, Site, SiteStatus, SiteTier, ThreatLevel,
};

/// One step of a site status, with its facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(tag = "rule", content = "facts", deny_unknown_fields)]
#[allow(missing_docs)] // the facts' names say what they are; each variant is documented
pub enum SiteStep {
    /// The national threat level maps to a response level.
    #[serde(rename = "site.threatMapping", rename_all = "camelCase")]
    ThreatMapping {
        threat_level: ThreatLevel,
        response_level: ResponseLevel,
    },
    /// The site raises its response level above the mapped one.
    #[serde(rename = "site.upwardOverride", rename_all = "camelCase")]
    UpwardOverride {
        from: ResponseLevel,
        to: ResponseLevel,
        approved: bool,
    },
    /// The site lowers its response level with a recorded approval.
    #[serde(rename = "site.approvedDownwardOverride", rename_all = "camelCase")]
    ApprovedDownwardOverride {
        from: ResponseLevel,
        to: ResponseLevel,
        #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
        approved_on: Date,
    },
    /// EXCEPTIONAL needs a periodic review.
    #[serde(rename = "site.exceptionalReview", rename_all = "camelCase")]
    ExceptionalReview { days: u32, status: ScheduleStatus },
    /// The controls for the tier and response level.
    #[serde(rename = "site.controls", rename_all = "camelCase")]
    Controls {
        tier: SiteTier,
        response_level: ResponseLevel,
        required: u32,
        recommended: u32,
        illustrative: bool,
    },
    /// The controls in place against those required and recommended.
    #[serde(rename = "site.baseline", rename_all = "camelCase")]
    Baseline {
        recorded: bool,
        required: u32,
        required_in_place: u32,
        recommended: u32,
        recommended_in_place: u32,
        verified_within_months: u32,
    },
    /// Whether the tier must document its threat assessment, and whether the
    /// site has.
    #[serde(rename = "site.threatAssessment", rename_all = "camelCase")]
    ThreatAssessment {
        tier: SiteTier,
        required: bool,
        documented: bool,
    },
    /// What the site's local risk assessment had regard to and considered.
    #[serde(rename = "site.riskAssessmentContent", rename_all = "camelCase")]
    RiskAssessmentContent {
        recorded: bool,
        impact: bool,
        threat: bool,
        likelihood: bool,
        vulnerability: bool,
        terrorist_threats: bool,
        other_threats: bool,
    },
    /// Who is named responsible for the baseline measures, crisis management
    /// and business continuity.
    #[serde(rename = "site.responsibilities", rename_all = "camelCase")]
    Responsibilities {
        recorded: bool,
        baseline_measures: bool,
        crisis_management: bool,
        business_continuity: bool,
    },
    /// The site's emergency response arrangements and what they cover.
    #[serde(rename = "site.emergencyArrangements", rename_all = "camelCase")]
    EmergencyArrangements {
        recorded: bool,
        in_fire_and_incident_control_plan: bool,
        in_business_continuity_plan: bool,
        emergency_services_liaison: bool,
        staff_communications: bool,
    },
    /// Rehearsing the emergency response arrangements.
    #[serde(rename = "site.emergencyRehearsal", rename_all = "camelCase")]
    EmergencyRehearsal { months: u32, status: ScheduleStatus },
    /// The CT-plan test schedule for the tier.
    #[serde(rename = "site.ctPlanTest", rename_all = "camelCase")]
    CtPlanTest {
        tier: SiteTier,
        due_after_months: u32,
        overdue_after_months: u32,
        status: ScheduleStatus,
    },
    /// The annual risk assessment.
    #[serde(rename = "site.riskAssessment", rename_all = "camelCase")]
    RiskAssessment { months: u32, status: ScheduleStatus },
    /// Re-assessment of the tier.
    #[serde(rename = "site.tierReassessment", rename_all = "camelCase")]
    TierReassessment { months: u32, status: ScheduleStatus },
}

const fn yes_no(answer: bool) -> &'static str {
    if answer { "yes" } else { "no" }
}

fn pieces<W: fmt::Write>(w: &mut W, parts: &[&str]) -> fmt::Result {
    parts.iter().try_for_each(|part| w.write_str(part))
}

impl Step for SiteStep {
    fn rule_id(&self) -> &'static str {
        match self {
            SiteStep::ThreatMapping { .. } => "site.threatMapping",
            SiteStep::UpwardOverride { .. } => "site.upwardOverride",
            SiteStep::ApprovedDownwardOverride { .. } => "site.approvedDownwardOverride",
            SiteStep::ExceptionalReview { .. } => "site.exceptionalReview",
            SiteStep::Controls { .. } => "site.controls",
            SiteStep::Baseline { .. } => "site.baseline",
            SiteStep::ThreatAssessment { .. } => "site.threatAssessment",
            SiteStep::RiskAssessmentContent { .. } => "site.riskAssessmentContent",
            SiteStep::Responsibilities { .. } => "site.responsibilities",
            SiteStep::EmergencyArrangements { .. } => "site.emergencyArrangements",
            SiteStep::EmergencyRehearsal { .. } => "site.emergencyRehearsal",
            SiteStep::CtPlanTest { .. } => "site.ctPlanTest",
            SiteStep::RiskAssessment { .. } => "site.riskAssessment",
            SiteStep::TierReassessment { .. } => "site.tierReassessment",
        }
    }

    fn explain<W: fmt::Write>(&self, w: &mut W) -> fmt::Result {
        match *self {
            SiteStep::ThreatMapping {
                threat_level,
                response_level,
            } => pieces(
                w,
                &[
                    "national threat level ",
                    threat_level.as_str(),
                    " (",
                    threat_level.definition(),
                    ") maps to response level ",
                    response_level.as_str(),
                ],
            ),
            SiteStep::UpwardOverride { from, to, approved } => pieces(
                w,
                &[
                    "the site operates at ",
                    to.as_str(),
                    " instead of ",
                    from.as_str(),
                    if approved {
                        "; an upward override needs no approval and one is recorded"
                    } else {
                        "; an upward override needs no approval"
                    },
                ],
            ),
            SiteStep::ApprovedDownwardOverride {
                from,
                to,
                approved_on,
            } => {
                pieces(
                    w,
                    &[
                        "the site operates at ",
                        to.as_str(),
                        " instead of ",
                        from.as_str(),
                    ],
                )?;
                write!(w, "; the downward override was approved on {approved_on}")
            }
            SiteStep::ExceptionalReview { days, status } => {
                write!(
                    w,
                    "EXCEPTIONAL is not sustainable: it must be reviewed every {days} days; review {}",
                    status.label()
                )
            }
            SiteStep::Controls {
                tier,
                response_level,
                required,
                recommended,
                illustrative,
            } => {
                write!(
                    w,
                    "a {} tier site at {}: {required} control(s) required, {recommended} recommended",
                    tier.as_str(),
                    response_level.as_str()
                )?;
                if illustrative {
                    w.write_str(" (illustrative control matrix)")?;
                }
                Ok(())
            }
            SiteStep::Baseline {
                recorded: false,
                required,
                ..
            } => write!(
                w,
                "the site records no controls in place, so they cannot be checked against the {required} required"
            ),
            SiteStep::Baseline {
                recorded: true,
                required,
                required_in_place,
                recommended,
                recommended_in_place,
                verified_within_months,
            } => write!(
                w,
                "controls in place and verified within {verified_within_months} months: {required_in_place} of {required} required, {recommended_in_place} of {recommended} recommended"
            ),
            SiteStep::ThreatAssessment {
                tier,
                required,
                documented,
            } => pieces(
                w,
                &[
                    "a ",
                    tier.as_str(),
                    " tier site ",
                    match (required, documented) {
                        (true, true) => {
                            "must document its threat assessment and how it is mitigated; both are documented"
                        }
                        (true, false) => {
                            "must document its threat assessment and how it is mitigated; they are not both documented"
                        }
                        (false, _) => "need not document a threat assessment",
                    },
                ],
            ),
            SiteStep::RiskAssessmentContent {
                recorded: false,
                ..
            } => w.write_str(
                "a local risk assessment must have regard to impact, threat, likelihood and vulnerability; this site records nothing of what its assessment considered",
            ),
            SiteStep::RiskAssessmentContent {
                impact,
                threat,
                likelihood,
                vulnerability,
                terrorist_threats,
                other_threats,
                ..
            } => pieces(
                w,
                &[
                    "the local risk assessment had regard to impact ",
                    yes_no(impact),
                    ", threat ",
                    yes_no(threat),
                    ", likelihood ",
                    yes_no(likelihood),
                    ", vulnerability ",
                    yes_no(vulnerability),
                    "; it considered terrorist threats ",
                    yes_no(terrorist_threats),
                    ", other threats ",
                    yes_no(other_threats),
                ],
            ),
            SiteStep::Responsibilities {
                recorded: false,
                ..
            } => w.write_str(
                "responsibility for baseline measures, crisis management and business continuity should be clearly allocated; this site records no owners",
            ),
            SiteStep::Responsibilities {
                baseline_measures,
                crisis_management,
                business_continuity,
                ..
            } => pieces(
                w,
                &[
                    "owners named: baseline measures ",
                    yes_no(baseline_measures),
                    ", crisis management ",
                    yes_no(crisis_management),
                    ", business continuity ",
                    yes_no(business_continuity),
                ],
            ),
            SiteStep::EmergencyArrangements {
                recorded: false,
                ..
            } => w.write_str(
                "every site must have clear emergency response arrangements; this site records none",
            ),
            SiteStep::EmergencyArrangements {
                in_fire_and_incident_control_plan,
                in_business_continuity_plan,
                emergency_services_liaison,
                staff_communications,
                ..
            } => pieces(
                w,
                &[
                    "emergency response arrangements recorded: in the Fire & Incident Control plan ",
                    yes_no(in_fire_and_incident_control_plan),
                    ", in the business continuity plan ",
                    yes_no(in_business_continuity_plan),
                    ", emergency-services liaison ",
                    yes_no(emergency_services_liaison),
                    ", staff communications ",
                    yes_no(staff_communications),
                ],
            ),
            SiteStep::EmergencyRehearsal { months, status } => write!(
                w,
                "the emergency response arrangements are rehearsed every {months} months; status {}",
                status.label()
            ),
            SiteStep::CtPlanTest {
                tier,
                due_after_months,
                overdue_after_months,
                status,
            } => write!(
                w,
                "a {} tier site's CT plan is due for testing {due_after_months} months after the last test and overdue after {overdue_after_months}; status {}",
                tier.as_str(),
                status.label()
            ),
            SiteStep::RiskAssessment { months, status } => write!(
                w,
                "the physical-security risk assessment is needed every {months} months; status {}",
                status.label()
            ),
            SiteStep::TierReassessment { months, status } => write!(
                w,
                "the site's tier is re-assessed every {months} months; status {}",
                status.label()
            ),
        }
    }
}

/// The controls required and recommended in one matrix cell, in catalogue order.
pub(crate) type CellControls = (Arc<[ControlId]>, Arc<[ControlId]>);

/// Lookup tables built once from a validated policy.
#[derive(Debug, Clone)]
pub(crate) struct CompiledSiteRules {
    /// Response level for each threat level, in [`ThreatLevel::ALL`] order.
    response_for_threat: Vec<ResponseLevel>,
    /// CT-plan test interval per tier, in [`SiteTier::ALL`] order.
    ct_tests: Vec<(Interval, Source)>,
    /// Required and recommended controls per tier × response level, at index
    /// `tier * 3 + level`.
    controls: Vec<CellControls>,
    /// The catalogue's control ids, in its order.
    catalogue: Vec<ControlId>,
    /// Months a control in place counts as verified.
    verified_within_months: u32,
    /// Months after a risk assessment that the next falls due.
    risk_assessment_months: u32,
    /// Months after a tier assessment that the tier is re-assessed.
    tier_reassessment_months: u32,
    /// Days after an EXCEPTIONAL review that the next falls due.
    exceptional_review_days: u32,
    /// Months after a rehearsal of the emergency arrangements that the next is due.
    emergency_rehearsal_months: u32,
}

impl CompiledSiteRules {
    pub(crate) fn compile(policy: &Policy) -> Self {
        let rules = &policy.counter_terrorism;
        let response_for_threat = ThreatLevel::ALL
            .iter()
            .map(|level| {
                rules
                    .threat_levels
                    .iter()
                    .find(|r| r.threat_level == *level)
                    .map_or(ResponseLevel::Exceptional, |r| r.response_level)
            })
            .collect();
        let ct_tests = SiteTier::ALL
            .iter()
            .filter_map(|tier| {
                rules
                    .ct_plan_tests
                    .iter()
                    .find(|r| r.tier == *tier)
                    .map(|r| {
                        (
                            Interval {
                                due_after_months: r.due_after_months,
                                overdue_after_months: r.overdue_after_months,
                            },
                            r.source.clone(),
                        )
                    })
            })
            .collect();
        let ids: Vec<ControlId> = rules
            .controls
            .iter()
            .map(|c| Arc::from(c.id.as_str()))
            .collect();
        let pick = |list: &[String]| -> Arc<[ControlId]> {
            // Catalogue order, whatever order the cell lists them in.
            ids.iter()
                .filter(|id| list.iter().any(|l| l.as_str() == &***id))
                .cloned()
                .collect()
        };
        let mut controls = Vec::with_capacity(9);
        for tier in SiteTier::ALL {
            for level in ResponseLevel::ALL {
                let cell = rules
                    .control_matrix
                    .cells
                    .iter()
                    .find(|c| c.tier == tier && c.response_level == level);
                controls.push(match cell {
                    Some(cell) => (pick(&cell.required), pick(&cell.recommended)),
                    None => (Arc::from(Vec::new()), Arc::from(Vec::new())),
                });
            }
        }
        Self {
            response_for_threat,
            ct_tests,
            controls,
            catalogue: ids,
            verified_within_months: rules.baseline.verified_within_months,
            risk_assessment_months: rules.risk_assessment.months,
            tier_reassessment_months: rules.tier_reassessment.months,
            exceptional_review_days: rules.exceptional_review.days,
            emergency_rehearsal_months: rules.emergency_arrangements.rehearsal_months,
        }
    }

    pub(crate) fn mapped_response(&self, threat: ThreatLevel) -> ResponseLevel {
        self.response_for_threat
            .get(threat as usize)
            .copied()
            .unwrap_or(ResponseLevel::Exceptional)
    }

    pub(crate) fn ct_interval(&self, tier: SiteTier) -> Option<Interval> {
        self.ct_tests
            .get(tier.index())
            .map(|(interval, _)| *interval)
    }

    fn ct_test(&self, tier: SiteTier) -> Result<&(Interval, Source), SpfError> {
        self.ct_tests.get(tier.index()).ok_or_else(|| {
            SpfError::new(
                ErrorCode::Internal,
                format!("the policy has no CT-plan test entry for tier `{tier}`"),
                "",
            )
        })
    }

    /// Days after an EXCEPTIONAL review that the next falls due.
    pub(crate) fn exceptional_review_days(&self) -> u32 {
        self.exceptional_review_days
    }

    /// The catalogue's control ids, in its order.
    pub(crate) fn catalogue(&self) -> &[ControlId] {
        &self.catalogue
    }

    /// The controls in place at a site against those of its matrix cell.
    pub(crate) fn baseline(&self, site: &Site, cell: &CellControls, as_of: Date) -> Baseline {
        let (required, recommended) = cell;
        let verified_since = as_of.months_before(self.verified_within_months);
        baseline::compare(site, required, recommended, verified_since)
    }

    /// Which of `required` (in catalogue order) are missing or unverified at a
    /// site, appended to `gaps`; the tally says whether the site records its
    /// controls at all.
    pub(crate) fn required_gaps_among(
        &self,
        site: &Site,
        required: &[ControlId],
        as_of: Date,
        gaps: &mut Vec<baseline::ControlGap>,
    ) -> baseline::BaselineTally {
        let verified_since = as_of.months_before(self.verified_within_months);
        baseline::compare_into(site, required, &[], verified_since, gaps)
    }

    /// [`CompiledSiteRules::baseline`], appending the gaps to `gaps`.
    pub(crate) fn baseline_into(
        &self,
        site: &Site,
        cell: &CellControls,
        as_of: Date,
        gaps: &mut Vec<baseline::ControlGap>,
    ) -> baseline::BaselineTally {
        let (required, recommended) = cell;
        let verified_since = as_of.months_before(self.verified_within_months);
        baseline::compare_into(site, required, recommended, verified_since, gaps)
    }

    pub(crate) fn controls(
        &self,
        tier: SiteTier,
        level: ResponseLevel,
    ) -> Result<&CellControls, SpfError> {
        self.controls
            .get(tier.index() * 3 + level.index())
            .ok_or_else(|| {
                SpfError::new(
                    ErrorCode::Internal,
                    format!("the policy has no control cell for tier `{tier}` at `{level}`"),
                    "",
                )
            })
    }
}

/// What evaluating a site yields before it is dressed as an answer.
pub(crate) struct SiteFacts {
    pub(crate) response_level: ResponseLevel,
    pub(crate) schedules: Schedules,
}

/// Fails when `date` is after `as_of`; the pointer is built only then.
fn not_after(
    date: Date,
    as_of: Date,
    path: impl FnOnce() -> Pointer,
    what: &str,
) -> Result<(), SpfError> {
    if date > as_of {
        Err(SpfError::new(
            ErrorCode::DateOutOfOrder,
            format!("{what} `{date}` is after the assessment date `{as_of}`"),
            path().into_string(),
        ))
    } else {
        Ok(())
    }
}

/// How far after it was last done an obligation falls overdue.
#[derive(Clone, Copy)]
enum Span {
    Months(u32),
    Days(u32),
}

/// Fails when an obligation done on `date` would fall due or overdue after
/// 9999-12-31: no answer could give that date, and leaving it out would read as
/// "not applicable". The pointer is built only then.
fn due_within_calendar(
    date: Date,
    span: Span,
    path: impl FnOnce() -> Pointer,
    what: &str,
) -> Result<(), SpfError> {
    let limit = match span {
        Span::Months(months) => date.months_after(months),
        Span::Days(days) => date.days_after(days),
    };
    if limit.is_some() {
        return Ok(());
    }
    Err(SpfError::new(
        ErrorCode::InvalidDate,
        format!(
            "{what} `{date}` would fall due after {}, the latest date the library handles",
            Date::LATEST
        ),
        path().into_string(),
    ))
}

/// Fails when a CT-plan test done on `last` would fall due or overdue after
/// 9999-12-31 for a site of `tier` (see [`due_within_calendar`]).
pub(crate) fn ct_test_due_within_calendar(
    compiled: &CompiledSiteRules,
    tier: SiteTier,
    last: Date,
    path: impl FnOnce() -> Pointer,
) -> Result<(), SpfError> {
    let interval = compiled.ct_test(tier)?.0;
    let months = interval.overdue_after_months.max(interval.due_after_months);
    due_within_calendar(last, Span::Months(months), path, "the CT-plan test date")
}

/// Checks a site's dates and override and works out the response level in force.
/// `at` builds the pointer of the site in the request, only for an error.
pub(crate) fn site_response_level(
    compiled: &CompiledSiteRules,
    site: &Site,
    threat: ThreatLevel,
    as_of: Date,
    at: &dyn Fn() -> Pointer,
) -> Result<ResponseLevel, SpfError> {
    not_after(
        site.tier_assessed,
        as_of,
        || at().key("tierAssessed"),
        "the tier assessment date",
    )?;
    due_within_calendar(
        site.tier_assessed,
        Span::Months(compiled.tier_reassessment_months),
        || at().key("tierAssessed"),
        "the tier assessment date",
    )?;
    if let Some(date) = site.risk_assessed {
        not_after(
            date,
            as_of,
            || at().key("riskAssessed"),
            "the risk assessment date",
        )?;
        due_within_calendar(
            date,
            Span::Months(compiled.risk_assessment_months),
            || at().key("riskAssessed"),
            "the risk assessment date",
        )?;
    }
    if let Some(date) = site.ct_plan.as_ref().and_then(|p| p.last_tested) {
        not_after(
            date,
            as_of,
            || at().key("ctPlan").key("lastTested"),
            "the CT-plan test date",
        )?;
        ct_test_due_within_calendar(compiled, site.tier, date, || {
            at().key("ctPlan").key("lastTested")
        })?;
    }
    if let Some(date) = site.exceptional_reviewed {
        not_after(
            date,
            as_of,
            || at().key("exceptionalReviewed"),
            "the EXCEPTIONAL review date",
        )?;
        due_within_calendar(
            date,
            Span::Days(compiled.exceptional_review_days),
            || at().key("exceptionalReviewed"),
            "the EXCEPTIONAL review date",
        )?;
    }
    if let Some(date) = site.emergency_arrangements.and_then(|e| e.last_rehearsed) {
        not_after(
            date,
            as_of,
            || at().key("emergencyArrangements").key("lastRehearsed"),
            "the emergency rehearsal date",
        )?;
        due_within_calendar(
            date,
            Span::Months(compiled.emergency_rehearsal_months),
            || at().key("emergencyArrangements").key("lastRehearsed"),
            "the emergency rehearsal date",
        )?;
    }
    overridden_level(
        compiled.mapped_response(threat),
        site.response_override.as_ref(),
        Some(as_of),
        &|| at().key("responseOverride"),
    )
}

/// The response level in force where `response_override` may replace the
/// `mapped` one: upward freely, downward only with a recorded approval (who and
/// why), and any approval dated no later than `as_of` when given. `at` builds
/// the pointer of the override, only for an error.
pub(crate) fn overridden_level(
    mapped: ResponseLevel,
    response_override: Option<&ResponseOverride>,
    as_of: Option<Date>,
    at: &dyn Fn() -> Pointer,
) -> Result<ResponseLevel, SpfError> {
    let level = match response_override {
        None => mapped,
        Some(o) if o.level >= mapped => o.level,
        Some(o) => {
            let approval = o
                .approval
                .as_ref()
                .filter(|a| !a.by.trim().is_empty() && !a.reason.trim().is_empty());
            if approval.is_none() {
                return Err(SpfError::new(
                    ErrorCode::OverrideNotApproved,
                    format!(
                        "the site lowers its response level from `{mapped}` to `{}` without a recorded approval (who, when and why)",
                        o.level
                    ),
                    at().key("approval").into_string(),
                ));
            }
            o.level
        }
    };
    // Any recorded approval, upward or downward, must predate the assessment.
    if let (Some(approval), Some(as_of)) =
        (response_override.and_then(|o| o.approval.as_ref()), as_of)
    {
        not_after(
            approval.on,
            as_of,
            || at().key("approval").key("on"),
            "the override approval date",
        )?;
    }
    Ok(level)
}

/// Checks a site and works out its response level and schedules.
pub(crate) fn site_facts(
    policy: &Policy,
    compiled: &CompiledSiteRules,
    site: &Site,
    threat: ThreatLevel,
    as_of: Date,
    at: &dyn Fn() -> Pointer,
) -> Result<SiteFacts, SpfError> {
    let rules = &policy.counter_terrorism;
    let response_level = site_response_level(compiled, site, threat, as_of, at)?;
    baseline::check_controls_in_place(site, compiled.catalogue(), as_of, at)?;
    let (ct_interval, _) = compiled.ct_test(site.tier)?;
    let due_soon = rules.due_soon.days;
    let months = |m: u32| Interval {
        due_after_months: m,
        overdue_after_months: m,
    };
    let schedules = Schedules {
        ct_plan_test: Schedule::evaluate(
            site.ct_plan.as_ref().and_then(|p| p.last_tested),
            *ct_interval,
            due_soon,
            as_of,
        ),
        risk_assessment: Schedule::evaluate(
            site.risk_assessed,
            months(rules.risk_assessment.months),
            due_soon,
            as_of,
        ),
        tier_reassessment: Schedule::evaluate(
            Some(site.tier_assessed),
            months(rules.tier_reassessment.months),
            due_soon,
            as_of,
        ),
        exceptional_review: (response_level == ResponseLevel::Exceptional).then(|| {
            exceptional_review(
                site.exceptional_reviewed,
                rules.exceptional_review.days,
                as_of,
            )
        }),
    };
    Ok(SiteFacts {
        response_level,
        schedules,
    })
}

/// EXCEPTIONAL's review: due `days` days after the last review, overdue the day
/// after; no warning window (the period is short).
pub(crate) fn exceptional_review(last: Option<Date>, days: u32, as_of: Date) -> Schedule {
    let Some(last) = last else {
        return Schedule::evaluate(
            None,
            Interval {
                due_after_months: 0,
                overdue_after_months: 0,
            },
            0,
            as_of,
        );
    };
    let due_on = last.days_after(days);
    let status = match due_on {
        Some(due) if as_of > due => ScheduleStatus::Overdue,
        Some(due) if as_of == due => ScheduleStatus::Due,
        _ => ScheduleStatus::Ok,
    };
    Schedule {
        status,
        last_done: Some(last),
        due_soon_from: due_on,
        due_on,
        overdue_after: due_on,
    }
}

/// One site's status. `at` builds the pointer of the site in the caller's
/// document (the root for a bare site, `/site` inside a request), only for errors.
pub(crate) fn site_status(
    policy: &Policy,
    reference: &PolicyRef,
    compiled: &CompiledSiteRules,
    site: &Site,
    threat: ThreatLevel,
    as_of: Date,
    at: &dyn Fn() -> Pointer,
) -> Result<SiteStatus, SpfError> {
    let facts = site_facts(policy, compiled, site, threat, as_of, at)?;
    let level = facts.response_level;
    let mut explaining = Explaining {
        rules: &policy.counter_terrorism,
        site,
        reasons: Vec::with_capacity(12),
        findings: Vec::new(),
    };
    // 1.
    explaining.response_level(compiled.mapped_response(threat), threat, as_of);
    // 2.
    explaining.exceptional_review(&facts.schedules);
    // 3.
    let cell = explaining.controls(compiled, level)?;
    let baseline = explaining.baseline(compiled, cell, level, as_of);
    let (required, recommended) = cell;
    // 4.
    explaining.obligations();
    explaining.risk_assessment_content();
    explaining.emergency_arrangements(as_of);
    // 5.
    explaining.ct_plan_test(compiled, &facts.schedules)?;
    explaining.risk_assessment(&facts.schedules);
    explaining.tier_reassessment(&facts.schedules);
    let Explaining {
        reasons,
        mut findings,
        ..
    } = explaining;
    findings.sort_by_key(|f| (f.severity, f.code));

    Ok(SiteStatus {
        schema_version: SCHEMA_VERSION,
        policy: reference.clone(),
        site_id: site.id.clone(),
        as_of,
        tier: site.tier,
        threat_level: threat,
        response_level: level,
        required_controls: Arc::clone(required),
        recommended_controls: Arc::clone(recommended),
        baseline,
        schedules: facts.schedules,
        findings,
        reasons,
    })
}

/// One site's status in progress: the reasons and findings so far. Each
/// numbered step of the module doc is one method.
struct Explaining<'a> {
    rules: &'a CounterTerrorismRules,
    site: &'a Site,
    reasons: Vec<Reason<SiteStep>>,
    findings: Vec<Finding>,
}

impl<'a> Explaining<'a> {
    /// Step 1: the threat mapping, then any override of it.
    fn response_level(&mut self, mapped: ResponseLevel, threat: ThreatLevel, as_of: Date) {
        let rules = self.rules;
        let threat_source = rules
            .threat_levels
            .iter()
            .find(|r| r.threat_level == threat)
            .map(|r| &r.source)
            .unwrap_or(&rules.overrides.upward);
        self.reasons.push(Reason::new(
            SiteStep::ThreatMapping {
                threat_level: threat,
                response_level: mapped,
            },
            threat_source,
        ));
        let Some(o) = &self.site.response_override else {
            return;
        };
        // An override equal to the mapped level changes nothing and says nothing.
        // An upward one needs no approval, so it raises no finding either: the
        // reason says it is free and whether an approval is recorded anyway.
        if o.level > mapped {
            self.reasons.push(Reason::new(
                SiteStep::UpwardOverride {
                    from: mapped,
                    to: o.level,
                    approved: o.approval.is_some(),
                },
                &rules.overrides.upward,
            ));
        } else if o.level < mapped {
            let approved_on = o.approval.as_ref().map_or(as_of, |a| a.on);
            self.reasons.push(Reason::new(
                SiteStep::ApprovedDownwardOverride {
                    from: mapped,
                    to: o.level,
                    approved_on,
                },
                &rules.overrides.downward,
            ));
            // An approval does not expire and does not say which threat level it
            // was given under, so a site below the mapped level is always shown.
            self.findings.push(finding(
                FindingCode::DownwardOverrideInForce,
                format!(
                    "the site operates at `{}` below the mapped `{mapped}` under an approval of {approved_on}; confirm it still stands at threat level `{threat}`",
                    o.level
                ),
                &rules.overrides.downward,
            ));
        }
    }

    /// Step 2: EXCEPTIONAL's review, when EXCEPTIONAL is in force.
    fn exceptional_review(&mut self, schedules: &Schedules) {
        let rules = self.rules;
        let Some(review) = &schedules.exceptional_review else {
            return;
        };
        self.reasons.push(Reason::new(
            SiteStep::ExceptionalReview {
                days: rules.exceptional_review.days,
                status: review.status,
            },
            &rules.exceptional_review.source,
        ));
        if matches!(
            review.status,
            ScheduleStatus::Overdue | ScheduleStatus::NeverDone
        ) {
            self.findings.push(finding(
                FindingCode::ExceptionalReviewOverdue,
                match review.due_on {
                    Some(due) => format!(
                        "EXCEPTIONAL has not been reviewed since {}; the review was due on {due}",
                        review.last_done.map_or_else(String::new, |d| d.to_string())
                    ),
                    None => "EXCEPTIONAL is in force and no review is recorded".to_owned(),
                },
                &rules.exceptional_review.source,
            ));
        }
    }

    /// Step 3: the controls of the matrix cell for the tier and response level.
    fn controls<'c>(
        &mut self,
        compiled: &'c CompiledSiteRules,
        level: ResponseLevel,
    ) -> Result<&'c CellControls, SpfError> {
        let rules = self.rules;
        let tier = self.site.tier;
        let cell = compiled.controls(tier, level)?;
        let (required, recommended) = cell;
        self.reasons.push(Reason::new(
            SiteStep::Controls {
                tier,
                response_level: level,
                required: u32::try_from(required.len()).unwrap_or(u32::MAX),
                recommended: u32::try_from(recommended.len()).unwrap_or(u32::MAX),
                illustrative: rules.control_matrix.illustrative,
            },
            &rules.control_matrix.source,
        ));
        Ok(cell)
    }

    /// Step 3, continued: the controls in place against the cell's, with a
    /// finding for each gap (or one for controls not recorded).
    fn baseline(
        &mut self,
        compiled: &CompiledSiteRules,
        cell: &CellControls,
        level: ResponseLevel,
        as_of: Date,
    ) -> Baseline {
        let rules = self.rules;
        let site = self.site;
        let checked = compiled.baseline(site, cell, as_of);
        let (required, recommended) = cell;
        let months = rules.baseline.verified_within_months;
        let step = SiteStep::Baseline {
            recorded: checked.recorded,
            required: count(required),
            required_in_place: checked.required_in_place,
            recommended: count(recommended),
            recommended_in_place: checked.recommended_in_place,
            verified_within_months: months,
        };
        // Controls not recorded rest on the duty to check alone; a comparison
        // rests also on the matrix that says what the cell asks for and on the
        // period a check lasts, and claims no more authority than they have.
        self.reasons.push(if checked.recorded {
            Reason::resting_on(
                step,
                &[
                    &rules.baseline.checking,
                    &rules.control_matrix.source,
                    &rules.baseline.verification,
                ],
            )
        } else {
            Reason::new(step, &rules.baseline.checking)
        });
        if !checked.recorded {
            self.findings.push(finding(
                FindingCode::ControlsNotRecorded,
                format!(
                    "the site records no controls in place; record each with when it was last verified, so that the {} required at a {} tier site at {level} can be checked",
                    required.len(),
                    site.tier
                ),
                &rules.baseline.checking,
            ));
            return checked;
        }
        // A gap rests on the matrix cell that asks for the control (missing) or
        // on the verification period (unverified), and on the duty to check.
        let cell_citation = format!(
            "{}, cell {} tier at {level}",
            rules.control_matrix.source.cited(),
            site.tier
        );
        for gap in &checked.gaps {
            let name = rules
                .controls
                .iter()
                .find(|c| *c.id == *gap.control)
                .map_or("", |c| c.name.as_str());
            let (what, code) = match (gap.requirement, gap.state) {
                (Requirement::Required, ControlState::Missing) => {
                    ("required", FindingCode::RequiredControlMissing)
                }
                (Requirement::Required, ControlState::Unverified) => {
                    ("required", FindingCode::RequiredControlUnverified)
                }
                (Requirement::Recommended, ControlState::Missing) => {
                    ("recommended", FindingCode::RecommendedControlMissing)
                }
                (Requirement::Recommended, ControlState::Unverified) => {
                    ("recommended", FindingCode::RecommendedControlUnverified)
                }
            };
            let (message, source, citation) = match gap.verified_on {
                None => (
                    format!(
                        "{what} control `{}` ({name}) is not in place at this {} tier site at {level}",
                        gap.control, site.tier
                    ),
                    &rules.control_matrix.source,
                    cell_citation.clone(),
                ),
                Some(verified_on) => (
                    format!(
                        "{what} control `{}` ({name}) was last verified on {verified_on}, more than {months} months ago",
                        gap.control
                    ),
                    &rules.baseline.verification,
                    format!("{cell_citation}; {}", rules.baseline.verification.cited()),
                ),
            };
            self.findings.push(Finding {
                code,
                severity: code.severity(),
                message,
                basis: source.basis,
                citation: Citation::new(&format!(
                    "{citation}; {}",
                    rules.baseline.checking.cited()
                )),
            });
        }
        checked
    }

    /// Step 4: the CT plan every site has (findings only), then the threat
    /// assessment its tier may need (a reason, and a finding when missing).
    fn obligations(&mut self) {
        let obligations = &self.rules.obligations;
        let site = self.site;
        match &site.ct_plan {
            None => self.findings.push(finding(
                FindingCode::NoCtPlan,
                "the site has no local counter-terrorist plan; every site must have one".to_owned(),
                &obligations.ct_plan,
            )),
            Some(plan) => {
                if !plan.varies_by_response_level {
                    self.findings.push(finding(
                        FindingCode::CtPlanNotVaryingByResponseLevel,
                        "the CT plan does not say how operational controls vary with the response level".to_owned(),
                        &obligations.plan_varies_by_response_level,
                    ));
                }
            }
        }
        // Each tier's entry has its own source: the text states the obligation
        // for MODERATE sites; what the document asks of other tiers is its own.
        // INVARIANT: a validated policy has an entry for every tier.
        let Some(rule) = obligations
            .threat_assessment
            .iter()
            .find(|rule| rule.tier == site.tier)
        else {
            return;
        };
        let documented = site
            .threat_assessment
            .as_ref()
            .is_some_and(|t| t.threat_documented && t.mitigation_documented);
        self.reasons.push(Reason::new(
            SiteStep::ThreatAssessment {
                tier: site.tier,
                required: rule.required,
                documented,
            },
            &rule.source,
        ));
        if rule.required && !documented {
            self.findings.push(finding(
                FindingCode::ThreatAssessmentMissing,
                format!(
                    "a {} tier site must document its threat assessment and how it is mitigated",
                    site.tier
                ),
                &rule.source,
            ));
        }
    }

    /// Step 4, next: what the local risk assessment had regard to and
    /// considered, and the owners it names. A site that records neither, and
    /// has no risk assessment at all, is left to the risk-assessment schedule
    /// (which reports it never done) rather than told twice.
    fn risk_assessment_content(&mut self) {
        let rules = &self.rules.risk_assessment_content;
        let Some(record) = &self.site.risk_assessment else {
            self.reasons.push(Reason::new(
                SiteStep::RiskAssessmentContent {
                    recorded: false,
                    impact: false,
                    threat: false,
                    likelihood: false,
                    vulnerability: false,
                    terrorist_threats: false,
                    other_threats: false,
                },
                &rules.regard,
            ));
            self.reasons.push(Reason::new(
                SiteStep::Responsibilities {
                    recorded: false,
                    baseline_measures: false,
                    crisis_management: false,
                    business_continuity: false,
                },
                &rules.responsibility,
            ));
            if self.site.risk_assessed.is_some() {
                self.findings.push(finding(
                    FindingCode::RiskAssessmentContentNotRecorded,
                    "the site records nothing of what its risk assessment considered or who owns the measures".to_owned(),
                    &rules.regard,
                ));
            }
            return;
        };
        self.reasons.push(Reason::new(
            SiteStep::RiskAssessmentContent {
                recorded: true,
                impact: record.impact,
                threat: record.threat,
                likelihood: record.likelihood,
                vulnerability: record.vulnerability,
                terrorist_threats: record.terrorist_threats,
                other_threats: record.other_threats,
            },
            &rules.regard,
        ));
        let owners = &record.owners;
        let named = |owner: &Option<String>| owner.as_deref().is_some_and(|o| !o.trim().is_empty());
        let (baseline_measures, crisis_management, business_continuity) = (
            named(&owners.baseline_measures),
            named(&owners.crisis_management),
            named(&owners.business_continuity),
        );
        self.reasons.push(Reason::new(
            SiteStep::Responsibilities {
                recorded: true,
                baseline_measures,
                crisis_management,
                business_continuity,
            },
            &rules.responsibility,
        ));
        // A record of what an assessment considered, on a site with no
        // assessment, describes nothing yet: the schedule reports the
        // assessment never done, and only the owners are checked.
        let assessed = self.site.risk_assessed.is_some();
        for (considered, code, message, source) in [
            (
                record.impact,
                FindingCode::RiskAssessmentFactorNotConsidered,
                "the risk assessment did not have regard to the impact on the business or site",
                &rules.regard,
            ),
            (
                record.threat,
                FindingCode::RiskAssessmentFactorNotConsidered,
                "the risk assessment was not informed by an assessment of threat",
                &rules.regard,
            ),
            (
                record.likelihood,
                FindingCode::RiskAssessmentFactorNotConsidered,
                "the risk assessment was not informed by an assessment of likelihood",
                &rules.regard,
            ),
            (
                record.vulnerability,
                FindingCode::RiskAssessmentFactorNotConsidered,
                "the risk assessment was not informed by an assessment of vulnerability",
                &rules.regard,
            ),
            (
                record.terrorist_threats,
                FindingCode::RiskAssessmentThreatNotConsidered,
                "the risk assessment did not consider terrorist threats, as it normally would",
                &rules.threats,
            ),
            (
                record.other_threats,
                FindingCode::RiskAssessmentThreatNotConsidered,
                "the risk assessment did not consider threats other than terrorism, as it normally would",
                &rules.threats,
            ),
            (
                baseline_measures,
                FindingCode::ResponsibilityNotAllocated,
                "nobody is named as responsible for implementing the baseline measures",
                &rules.responsibility,
            ),
            (
                crisis_management,
                FindingCode::ResponsibilityNotAllocated,
                "nobody is named as responsible for crisis management",
                &rules.responsibility,
            ),
            (
                business_continuity,
                FindingCode::ResponsibilityNotAllocated,
                "nobody is named as responsible for business continuity",
                &rules.responsibility,
            ),
        ] {
            let about_the_assessment = code != FindingCode::ResponsibilityNotAllocated;
            if !considered && (assessed || !about_the_assessment) {
                self.findings
                    .push(finding(code, message.to_owned(), source));
            }
        }
    }

    /// Step 4, last: the emergency response arrangements every site must have,
    /// what they normally sit within and should include, and their rehearsal.
    fn emergency_arrangements(&mut self, as_of: Date) {
        let rules = &self.rules.emergency_arrangements;
        let Some(arrangements) = self.site.emergency_arrangements else {
            self.reasons.push(Reason::new(
                SiteStep::EmergencyArrangements {
                    recorded: false,
                    in_fire_and_incident_control_plan: false,
                    in_business_continuity_plan: false,
                    emergency_services_liaison: false,
                    staff_communications: false,
                },
                &rules.required,
            ));
            self.findings.push(finding(
                FindingCode::EmergencyArrangementsNotRecorded,
                "the site records no emergency response arrangements; every site must have clear ones".to_owned(),
                &rules.required,
            ));
            return;
        };
        self.reasons.push(Reason::new(
            SiteStep::EmergencyArrangements {
                recorded: true,
                in_fire_and_incident_control_plan: arrangements.in_fire_and_incident_control_plan,
                in_business_continuity_plan: arrangements.in_business_continuity_plan,
                emergency_services_liaison: arrangements.emergency_services_liaison,
                staff_communications: arrangements.staff_communications,
            },
            &rules.required,
        ));
        for (missing, code, message, source) in [
            (
                !arrangements.in_fire_and_incident_control_plan,
                FindingCode::EmergencyArrangementsOutsideFireAndIncidentControl,
                "the emergency response arrangements are not part of the Fire & Incident Control plan, where they normally are",
                &rules.incorporated,
            ),
            (
                !arrangements.in_business_continuity_plan,
                FindingCode::EmergencyArrangementsOutsideBusinessContinuity,
                "the emergency response arrangements are not part of the business continuity plan, where they normally are",
                &rules.incorporated,
            ),
            (
                !arrangements.emergency_services_liaison,
                FindingCode::EmergencyServicesLiaisonMissing,
                "the emergency response arrangements do not cover liaising with the emergency services",
                &rules.contents,
            ),
            (
                !arrangements.staff_communications,
                FindingCode::StaffCommunicationsMissing,
                "the emergency response arrangements do not cover communicating with staff",
                &rules.contents,
            ),
        ] {
            if missing {
                self.findings
                    .push(finding(code, message.to_owned(), source));
            }
        }
        let every = Interval {
            due_after_months: rules.rehearsal_months,
            overdue_after_months: rules.rehearsal_months,
        };
        let rehearsal = Schedule::evaluate(arrangements.last_rehearsed, every, 0, as_of);
        self.reasons.push(Reason::new(
            SiteStep::EmergencyRehearsal {
                months: rules.rehearsal_months,
                status: rehearsal.status,
            },
            &rules.rehearsal,
        ));
        match rehearsal.status {
            ScheduleStatus::NeverDone => self.findings.push(finding(
                FindingCode::EmergencyArrangementsNotRehearsed,
                "the emergency response arrangements have never been rehearsed".to_owned(),
                &rules.rehearsal,
            )),
            ScheduleStatus::Due | ScheduleStatus::Overdue => self.findings.push(finding(
                FindingCode::EmergencyArrangementsNotRehearsed,
                schedule_message(
                    "a rehearsal of the emergency response arrangements",
                    &rehearsal,
                ),
                &rules.rehearsal,
            )),
            ScheduleStatus::Ok | ScheduleStatus::DueSoon => {}
        }
    }

    /// Step 5, first schedule: the CT-plan test, a finding only if there is a
    /// plan to test.
    fn ct_plan_test(
        &mut self,
        compiled: &CompiledSiteRules,
        schedules: &Schedules,
    ) -> Result<(), SpfError> {
        let site = self.site;
        let (ct_interval, ct_source) = compiled.ct_test(site.tier)?;
        let ct = schedules.ct_plan_test;
        self.reasons.push(Reason::new(
            SiteStep::CtPlanTest {
                tier: site.tier,
                due_after_months: ct_interval.due_after_months,
                overdue_after_months: ct_interval.overdue_after_months,
                status: ct.status,
            },
            ct_source,
        ));
        if site.ct_plan.is_some() {
            let code = match ct.status {
                ScheduleStatus::Ok => None,
                ScheduleStatus::DueSoon => Some(FindingCode::CtPlanTestDueSoon),
                ScheduleStatus::Due => Some(FindingCode::CtPlanTestDue),
                ScheduleStatus::Overdue => Some(FindingCode::CtPlanTestOverdue),
                ScheduleStatus::NeverDone => Some(FindingCode::CtPlanNeverTested),
            };
            if let Some(code) = code {
                self.findings.push(finding(
                    code,
                    schedule_message("the CT-plan test", &ct),
                    self.raised_by(ct.status, ct_source),
                ));
            }
        }
        Ok(())
    }

    /// Step 5, second schedule: the physical-security risk assessment.
    fn risk_assessment(&mut self, schedules: &Schedules) {
        let rules = self.rules;
        let risk = schedules.risk_assessment;
        self.reasons.push(Reason::new(
            SiteStep::RiskAssessment {
                months: rules.risk_assessment.months,
                status: risk.status,
            },
            &rules.risk_assessment.source,
        ));
        let risk_code = match risk.status {
            ScheduleStatus::Ok => None,
            ScheduleStatus::DueSoon | ScheduleStatus::Due => {
                Some(FindingCode::RiskAssessmentDueSoon)
            }
            ScheduleStatus::Overdue | ScheduleStatus::NeverDone => {
                Some(FindingCode::RiskAssessmentOverdue)
            }
        };
        if let Some(code) = risk_code {
            self.findings.push(finding(
                code,
                schedule_message("the physical-security risk assessment", &risk),
                self.raised_by(risk.status, &rules.risk_assessment.source),
            ));
        }
    }

    /// The source of a schedule's finding. Before the due date nothing is
    /// missed yet: a due-soon finding exists only because of the warning
    /// window, so it rests on the window's source, not on the interval's (a
    /// MODERATE site whose test falls due in two months is not in breach of
    /// the policy's two years).
    fn raised_by<'s>(&self, status: ScheduleStatus, schedule_source: &'s Source) -> &'s Source
    where
        'a: 's,
    {
        if status == ScheduleStatus::DueSoon {
            &self.rules.due_soon.source
        } else {
            schedule_source
        }
    }

    /// Step 5, third schedule: the tier re-assessment.
    fn tier_reassessment(&mut self, schedules: &Schedules) {
        let rules = self.rules;
        let tier = schedules.tier_reassessment;
        self.reasons.push(Reason::new(
            SiteStep::TierReassessment {
                months: rules.tier_reassessment.months,
                status: tier.status,
            },
            &rules.tier_reassessment.source,
        ));
        if matches!(tier.status, ScheduleStatus::Due | ScheduleStatus::Overdue) {
            self.findings.push(finding(
                FindingCode::TierReassessmentDue,
                schedule_message("the tier re-assessment", &tier),
                &rules.tier_reassessment.source,
            ));
        }
    }
}

/// A finding carries the basis and citation of the rule that raised it, so a
/// loaded policy's labels reach the answer as they do for reasons: a varied
/// statement cites the variation that varies it.
fn finding(code: FindingCode, message: String, source: &Source) -> Finding {
    Finding {
        code,
        severity: code.severity(),
        message,
        basis: source.basis,
        citation: source.cited(),
    }
}

fn schedule_message(what: &str, schedule: &Schedule) -> String {
    match (
        schedule.status,
        schedule.last_done,
        schedule.due_on,
        schedule.overdue_after,
    ) {
        (ScheduleStatus::NeverDone, _, _, _) => format!("{what} has never been done"),
        (ScheduleStatus::Overdue, Some(last), _, Some(limit)) => {
            format!("{what} is overdue: last done {last}, it was needed by {limit}")
        }
        (ScheduleStatus::Due, Some(last), Some(due), _) => {
            format!("{what} is due: last done {last}, due on {due}")
        }
        (ScheduleStatus::DueSoon, Some(last), Some(due), _) => {
            format!("{what} falls due on {due} (last done {last})")
        }
        (status, _, _, _) => format!("{what}: {}", status.label()),
    }
}

/// A list's length as a reason's count.
fn count<T>(list: &[T]) -> u32 {
    u32::try_from(list.len()).unwrap_or(u32::MAX)
}
