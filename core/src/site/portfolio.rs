//! A whole estate at once: counts by tier, response level and schedule status,
//! and the overdue and due-soon lists, sorted and deterministic.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::codec::Pointer;
use crate::date::Date;
use crate::error::{ErrorCode, Quoted, SpfError};
use crate::policy::{Policy, PolicyRef, SCHEMA_VERSION};
use crate::site::baseline::{
    BaselineCounts, BaselineGap, ControlGap, ControlState, Requirement, check_controls_in_place,
};
use crate::site::schedule::Cutoffs;
use crate::site::status::{CompiledSiteRules, exceptional_review, site_response_level};
use crate::site::{Interval, ResponseLevel, Schedule, ScheduleStatus, Site, SiteTier, ThreatLevel};

/// A request for a portfolio report.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a portfolio request object")]
pub struct PortfolioRequest {
    /// Optional wire schema version; when present it must be 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_version: Option<u32>,
    /// The day to assess on.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub as_of: Date,
    /// The national threat level.
    pub threat_level: ThreatLevel,
    /// The estate.
    pub sites: Vec<Site>,
}

/// A recurring obligation a site has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Obligation {
    /// Testing the CT plan.
    CtPlanTest,
    /// The annual physical-security risk assessment.
    RiskAssessment,
    /// Re-assessing the tier.
    TierReassessment,
    /// Reviewing EXCEPTIONAL.
    ExceptionalReview,
}

impl Obligation {
    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Obligation::CtPlanTest => "ctPlanTest",
            Obligation::RiskAssessment => "riskAssessment",
            Obligation::TierReassessment => "tierReassessment",
            Obligation::ExceptionalReview => "exceptionalReview",
        }
    }
}

/// A site's obligation in a list.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PortfolioEntry {
    /// The date that orders the list: when it fell or falls due (absent for
    /// obligations never done).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub date: Option<Date>,
    /// The site.
    pub site_id: String,
    /// Which obligation.
    pub obligation: Obligation,
}

/// A site that could not be assessed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RejectedSite {
    /// Its position in the request, from 0.
    pub index: usize,
    /// Why (the path is inside the request).
    pub error: SpfError,
}

impl RejectedSite {
    /// A site whose id an earlier site of the list already uses: its
    /// obligations would be counted twice under one name.
    pub(crate) fn repeated_id(index: usize, id: &str) -> Self {
        Self {
            index,
            error: SpfError::new(
                ErrorCode::DuplicateEntry,
                format!(
                    "site id `{}` is used by an earlier site in the list",
                    Quoted(id)
                ),
                Pointer::root()
                    .key("sites")
                    .index(index)
                    .key("id")
                    .into_string(),
            ),
        }
    }
}

/// Sites per tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[allow(missing_docs)]
pub struct TierCounts {
    pub low: usize,
    pub moderate: usize,
    pub high: usize,
}

/// Sites per response level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[allow(missing_docs)]
pub struct ResponseLevelCounts {
    pub normal: usize,
    pub heightened: usize,
    pub exceptional: usize,
}

/// Sites per schedule status, for one obligation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[allow(missing_docs)]
pub struct ObligationCounts {
    pub ok: usize,
    pub due_soon: usize,
    pub due: usize,
    pub overdue: usize,
    pub never_done: usize,
}

impl ObligationCounts {
    fn add(&mut self, status: ScheduleStatus) {
        let slot = match status {
            ScheduleStatus::Ok => &mut self.ok,
            ScheduleStatus::DueSoon => &mut self.due_soon,
            ScheduleStatus::Due => &mut self.due,
            ScheduleStatus::Overdue => &mut self.overdue,
            ScheduleStatus::NeverDone => &mut self.never_done,
        };
        *slot = slot.saturating_add(1);
    }

    /// Sites counted.
    #[must_use]
    pub fn total(&self) -> usize {
        self.ok + self.due_soon + self.due + self.overdue + self.never_done
    }
}

/// The counts of a portfolio report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PortfolioCounts {
    /// Sites per tier.
    pub by_tier: TierCounts,
    /// Sites per response level in force.
    pub by_response_level: ResponseLevelCounts,
    /// CT-plan test status.
    pub ct_plan_test: ObligationCounts,
    /// Risk assessment status.
    pub risk_assessment: ObligationCounts,
    /// Tier re-assessment status.
    pub tier_reassessment: ObligationCounts,
    /// EXCEPTIONAL review status (only sites at EXCEPTIONAL).
    pub exceptional_review: ObligationCounts,
    /// Sites by the state of their controls in place.
    pub baseline: BaselineCounts,
}

/// A whole estate's standing on a day.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PortfolioReport {
    /// Wire schema version of the answer (1).
    pub schema_version: u32,
    /// The policy document that produced it.
    pub policy: PolicyRef,
    /// The day assessed.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub as_of: Date,
    /// The national threat level.
    pub threat_level: ThreatLevel,
    /// Sites assessed (rejected ones are not counted).
    pub sites: usize,
    /// The counts.
    pub counts: PortfolioCounts,
    /// Obligations past their maximum, oldest first, then by site id.
    pub overdue: Vec<PortfolioEntry>,
    /// Obligations due now, earliest first, then by site id.
    pub due: Vec<PortfolioEntry>,
    /// Obligations due within the warning window, earliest first, then by site id.
    pub due_soon: Vec<PortfolioEntry>,
    /// Obligations never done, by site id.
    pub never_done: Vec<PortfolioEntry>,
    /// Controls missing or unverified: required before recommended, missing
    /// before unverified, then by site id and catalogue order.
    pub baseline_gaps: Vec<BaselineGap>,
    /// Sites that could not be assessed, in request order.
    pub rejected: Vec<RejectedSite>,
}

/// Builds the report. Each site is checked on its own; a bad site is listed in
/// `rejected` with its index and the rest are still assessed.
///
/// Statuses come from [`Cutoffs`] worked out once for the day (two or three date
/// comparisons per obligation); exact dates are computed only for the entries
/// listed.
pub(crate) fn portfolio<'s>(
    policy: &Policy,
    reference: &PolicyRef,
    compiled: &CompiledSiteRules,
    sites: impl Iterator<Item = (usize, &'s Site)>,
    threat: ThreatLevel,
    as_of: Date,
    mut rejected: Vec<RejectedSite>,
) -> PortfolioReport {
    let rules = &policy.counter_terrorism;
    let due_soon_days = rules.due_soon.days;
    let every = |months: u32| Interval {
        due_after_months: months,
        overdue_after_months: months,
    };
    let ct_intervals: Vec<Interval> = SiteTier::ALL
        .iter()
        .map(|tier| compiled.ct_interval(*tier).unwrap_or(every(0)))
        .collect();
    let ct_cutoffs: Vec<Cutoffs> = ct_intervals
        .iter()
        .map(|interval| Cutoffs::new(*interval, due_soon_days, as_of))
        .collect();
    let risk_interval = every(rules.risk_assessment.months);
    let risk_cutoffs = Cutoffs::new(risk_interval, due_soon_days, as_of);
    let tier_interval = every(rules.tier_reassessment.months);
    let tier_cutoffs = Cutoffs::new(tier_interval, due_soon_days, as_of);
    let review_days = rules.exceptional_review.days;

    let mut counts = PortfolioCounts::default();
    let mut lists = Lists::default();
    let mut assessed = 0usize;
    // Site ids seen so far: a second site with an id is rejected, since its
    // obligations would be counted twice under one name. A B-tree, not a
    // hash set: the ids are the caller's, and no input makes it slow. Each id
    // keeps where its site's baseline gaps are in `gaps` (in the site's own,
    // catalogue, order), so that they are listed by id without a sort (see
    // `list_baseline_gaps`).
    let mut ids: BTreeMap<&str, Range<usize>> = BTreeMap::new();
    let mut gaps: Vec<ControlGap> = Vec::new();
    for (index, site) in sites {
        let at = || Pointer::root().key("sites").index(index);
        let Entry::Vacant(slot) = ids.entry(site.id.as_str()) else {
            rejected.push(RejectedSite::repeated_id(index, &site.id));
            continue;
        };
        // The id is taken even when the site is rejected below, as a copy of it
        // would be.
        let site_gaps = slot.insert(0..0);
        let checked = site_response_level(compiled, site, threat, as_of, &at).and_then(|level| {
            check_controls_in_place(site, compiled.catalogue(), as_of, &at)?;
            compiled
                .controls(site.tier, level)
                .map(|cell| (level, cell))
        });
        let (level, cell) = match checked {
            Ok(checked) => checked,
            Err(error) => {
                rejected.push(RejectedSite { index, error });
                continue;
            }
        };
        let start = gaps.len();
        let tally = compiled.baseline_into(site, cell, as_of, &mut gaps);
        *site_gaps = start..gaps.len();
        let required_gaps = gaps
            .get(site_gaps.clone())
            .unwrap_or_default()
            .iter()
            .filter(|gap| gap.requirement == Requirement::Required)
            .count();
        counts.baseline.add(&tally, required_gaps);
        assessed += 1;
        let tiers = &mut counts.by_tier;
        *match site.tier {
            SiteTier::Low => &mut tiers.low,
            SiteTier::Moderate => &mut tiers.moderate,
            SiteTier::High => &mut tiers.high,
        } += 1;
        let levels = &mut counts.by_response_level;
        *match level {
            ResponseLevel::Normal => &mut levels.normal,
            ResponseLevel::Heightened => &mut levels.heightened,
            ResponseLevel::Exceptional => &mut levels.exceptional,
        } += 1;

        let ct_last = site.ct_plan.as_ref().and_then(|p| p.last_tested);
        if let (Some(cutoffs), Some(interval)) = (
            ct_cutoffs.get(site.tier.index()),
            ct_intervals.get(site.tier.index()),
        ) {
            let status = cutoffs.status(ct_last);
            counts.ct_plan_test.add(status);
            lists.file(status, site, Obligation::CtPlanTest, || {
                Schedule::evaluate(ct_last, *interval, due_soon_days, as_of)
            });
        }
        let status = risk_cutoffs.status(site.risk_assessed);
        counts.risk_assessment.add(status);
        lists.file(status, site, Obligation::RiskAssessment, || {
            Schedule::evaluate(site.risk_assessed, risk_interval, due_soon_days, as_of)
        });
        let status = tier_cutoffs.status(Some(site.tier_assessed));
        counts.tier_reassessment.add(status);
        lists.file(status, site, Obligation::TierReassessment, || {
            Schedule::evaluate(
                Some(site.tier_assessed),
                tier_interval,
                due_soon_days,
                as_of,
            )
        });
        if level == ResponseLevel::Exceptional {
            let review = exceptional_review(site.exceptional_reviewed, review_days, as_of);
            counts.exceptional_review.add(review.status);
            lists.file(review.status, site, Obligation::ExceptionalReview, || {
                review
            });
        }
    }
    // Entries order by date, then site id, then obligation: input order never
    // shows through.
    let Lists {
        mut overdue,
        mut due,
        mut due_soon,
        mut never_done,
    } = lists;
    for list in [&mut overdue, &mut due, &mut due_soon, &mut never_done] {
        list.sort_unstable();
    }
    let baseline_gaps = list_baseline_gaps(&ids, &gaps);
    rejected.sort_by_key(|r| r.index);
    PortfolioReport {
        schema_version: SCHEMA_VERSION,
        policy: reference.clone(),
        as_of,
        threat_level: threat,
        sites: assessed,
        counts,
        overdue,
        due,
        due_soon,
        never_done,
        baseline_gaps,
        rejected,
    }
}

/// Every gap of the estate, ordered by requirement (required first), state
/// (missing first), site id, then the site's own catalogue order.
///
/// The sites come in id order already (with their gaps), so walking them once
/// per requirement and state gives that order without comparing a site id per
/// gap: an estate has a few gaps per site, and the ids are most of what a
/// comparison would read.
fn list_baseline_gaps(
    sites: &BTreeMap<&str, Range<usize>>,
    gaps: &[ControlGap],
) -> Vec<BaselineGap> {
    let with_gaps: Vec<(Arc<str>, &[ControlGap])> = sites
        .iter()
        .filter_map(|(id, range)| gaps.get(range.clone()).map(|gaps| (id, gaps)))
        .filter(|(_, gaps)| !gaps.is_empty())
        .map(|(id, gaps)| (Arc::from(*id), gaps))
        .collect();
    let mut listed = Vec::with_capacity(gaps.len());
    for requirement in [Requirement::Required, Requirement::Recommended] {
        for state in [ControlState::Missing, ControlState::Unverified] {
            for (site_id, gaps) in &with_gaps {
                listed.extend(
                    gaps.iter()
                        .filter(|gap| gap.requirement == requirement && gap.state == state)
                        .map(|gap| BaselineGap {
                            requirement,
                            state,
                            site_id: Arc::clone(site_id),
                            control: Arc::clone(&gap.control),
                            verified_on: gap.verified_on,
                        }),
                );
            }
        }
    }
    listed
}

/// The four lists a report keeps.
#[derive(Default)]
struct Lists {
    overdue: Vec<PortfolioEntry>,
    due: Vec<PortfolioEntry>,
    due_soon: Vec<PortfolioEntry>,
    never_done: Vec<PortfolioEntry>,
}

impl Lists {
    /// Lists an obligation that is not ok; `schedule` gives its dates and is only
    /// called then.
    fn file(
        &mut self,
        status: ScheduleStatus,
        site: &Site,
        obligation: Obligation,
        schedule: impl FnOnce() -> Schedule,
    ) {
        let (list, date) = match status {
            ScheduleStatus::Ok => return,
            ScheduleStatus::DueSoon => (&mut self.due_soon, schedule().due_on),
            ScheduleStatus::Due => (&mut self.due, schedule().due_on),
            ScheduleStatus::Overdue => (&mut self.overdue, schedule().overdue_after),
            ScheduleStatus::NeverDone => (&mut self.never_done, None),
        };
        list.push(PortfolioEntry {
            date,
            site_id: site.id.clone(),
            obligation,
        });
    }
}
