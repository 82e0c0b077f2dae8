//! The assurance pack: what goes to the Executive Management Board and the
//! Permanent Secretary once a year, and into the annual Governance Statement.
//!
//! The Counter-Terrorist Protection Policy commits to "compliance checking with
//! provision of assurance to the Executive Management Board and Permanent
//! Secretary", and its assurance paragraph says the adequacy of arrangements is
//! "covered by the annual Governance Statement, supplemented by SRMO compliance
//! returns". The pack puts together, for one year:
//! 1. the estate's counter-terrorism standing on the pack's day (the
//!    [`portfolio`](crate::site::PortfolioReport): obligations overdue, the
//!    baseline and its gaps);
//! 2. each business area's SPF compliance return, evaluated (the latest of
//!    each business area, matched without regard to case or spacing), and the
//!    business areas that run sites but made no return;
//! 3. the variations to report in the Governance Statement and the invalid
//!    ones, with the business area of each, from the returns dated in the year;
//! 4. the breach trends of the year (the [`trend report`](crate::register::TrendReport),
//!    with its repeat individuals and hotspots);
//!
//! then the summary of headline figures and the reasons, each cited.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::codec::{Pointer, SCHEMA_VERSION};
use crate::compliance::{
    ComplianceEvaluation, ComplianceReturn, Gap, InvalidVariation, ReportableVariation,
};
use crate::date::Date;
use crate::error::{ErrorCode, Quoted, SpfError};
use crate::policy::{Policy, PolicyRef};
use crate::reason::{Reason, Step};
use crate::register::{IncidentRecord, RejectedRecord, TrendReport};
use crate::site::{PortfolioReport, RejectedSite, Requirement, Site, ThreatLevel};

/// An assurance pack request, typed: the year, the estate, the business areas'
/// compliance returns and the incident register. The JSON operation reads each
/// item on its own instead, so that one bad item does not stop the pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "an assurance pack request object")]
pub struct AssurancePackRequest {
    /// Optional wire schema version; when present it must be 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_version: Option<u32>,
    /// The day to assess the estate on.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub as_of: Date,
    /// The national threat level on that day.
    pub threat_level: ThreatLevel,
    /// The first day of the year reported.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub from: Date,
    /// The last day of the year reported.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub to: Date,
    /// The estate.
    pub sites: Vec<Site>,
    /// The business areas' compliance returns, one per business area.
    pub returns: Vec<ComplianceReturn>,
    /// The incident register's records.
    pub records: Vec<IncidentRecord>,
}

impl AssurancePackRequest {
    /// The inputs, each item numbered by its place in its list.
    #[must_use]
    pub fn inputs(&self) -> AssuranceInputs<'_> {
        AssuranceInputs {
            as_of: self.as_of,
            threat_level: self.threat_level,
            from: self.from,
            to: self.to,
            sites: self.sites.iter().enumerate().collect(),
            rejected_sites: Vec::new(),
            returns: self.returns.iter().enumerate().collect(),
            rejected_returns: Vec::new(),
            records: self.records.iter().enumerate().collect(),
            rejected_records: Vec::new(),
        }
    }
}

/// What an assurance pack is made from: the estate, the business areas'
/// compliance returns and the incident register, each numbered by its place in
/// a request or file, with what could not be read already set aside.
#[derive(Debug, Clone)]
pub struct AssuranceInputs<'a> {
    /// The day to assess the estate on.
    pub as_of: Date,
    /// The national threat level on that day.
    pub threat_level: ThreatLevel,
    /// The first day of the year reported (widened to the start of its quarter).
    pub from: Date,
    /// The last day of the year reported (widened to the end of its quarter).
    pub to: Date,
    /// The estate's sites.
    pub sites: Vec<(usize, &'a Site)>,
    /// Site records that could not be read.
    pub rejected_sites: Vec<RejectedSite>,
    /// The business areas' compliance returns, one per business area.
    pub returns: Vec<(usize, &'a ComplianceReturn)>,
    /// Returns that could not be read.
    pub rejected_returns: Vec<RejectedReturn>,
    /// The incident register's records.
    pub records: Vec<(usize, &'a IncidentRecord)>,
    /// Records that could not be read.
    pub rejected_records: Vec<RejectedRecord>,
}

/// A compliance return that could not be evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RejectedReturn {
    /// Its position in the request, from 0.
    pub index: usize,
    /// Why (the path is inside the request).
    pub error: SpfError,
}

/// One business area's compliance return, as the pack reports it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReturnStanding {
    /// The business area, trimmed.
    pub business_area: String,
    /// The date of the return.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub return_date: Date,
    /// The return is dated inside the pack's year.
    pub in_year: bool,
    /// Every element is reported.
    pub complete: bool,
    /// Complete, with no gaps and no invalid variations.
    pub compliant: bool,
    /// Elements not reported.
    pub missing_elements: u32,
    /// Elements partial, not in place or not reported, in the policy's order.
    pub gaps: Vec<Gap>,
    /// Variations agreed by the Accounting Officer.
    pub variations_to_report: u32,
    /// Variations that are not valid.
    pub invalid_variations: u32,
}

/// A variation to list in the annual Governance Statement, with the business
/// area that made it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AreaVariation {
    /// The business area.
    pub business_area: String,
    /// The variation.
    pub variation: ReportableVariation,
}

/// A variation that is not valid, with the business area that made it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AreaInvalidVariation {
    /// The business area.
    pub business_area: String,
    /// The variation and what makes it invalid.
    pub variation: InvalidVariation,
}

/// The headline figures of the pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssuranceSummary {
    /// Sites assessed.
    pub sites: usize,
    /// Site records that could not be assessed.
    pub sites_rejected: usize,
    /// Sites with an obligation overdue or never done.
    pub sites_with_overdue_obligations: usize,
    /// Sites with every required control in place and verified.
    pub sites_with_baseline_in_place: usize,
    /// Sites with a required control missing or unverified.
    pub sites_with_required_gaps: usize,
    /// Sites that record no controls in place.
    pub sites_controls_not_recorded: usize,
    /// Required controls missing or unverified, over the estate.
    pub required_control_gaps: usize,
    /// Compliance returns evaluated.
    pub returns: usize,
    /// Returns that could not be evaluated.
    pub returns_rejected: usize,
    /// Returns complete with no gaps and no invalid variations.
    pub returns_compliant: usize,
    /// Returns dated outside the year.
    pub returns_outside_year: usize,
    /// Business areas that run sites and made no return.
    pub business_areas_without_return: usize,
    /// Elements partial, not in place or not reported, over every return.
    pub compliance_gaps: usize,
    /// Variations to report in the Governance Statement.
    pub variations_to_report: usize,
    /// Variations that are not valid.
    pub invalid_variations: usize,
    /// Breaches in the year (not near misses).
    pub breaches: u32,
    /// Near misses in the year.
    pub near_misses: u32,
    /// People who reached the repeat threshold.
    pub repeat_individuals: usize,
    /// Hotspots, over the quarters.
    pub hotspots: usize,
}

/// One step of an assurance pack, with its facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(tag = "rule", content = "facts", deny_unknown_fields)]
#[allow(missing_docs)] // the facts' names say what they are; each variant is documented
pub enum AssuranceStep {
    /// Compliance checking across the estate, for the Board and the Permanent
    /// Secretary.
    #[serde(rename = "assurance.estate", rename_all = "camelCase")]
    Estate {
        sites: u32,
        sites_with_overdue_obligations: u32,
        sites_with_required_gaps: u32,
        sites_controls_not_recorded: u32,
    },
    /// The business areas' compliance returns behind the Governance Statement.
    #[serde(rename = "assurance.returns", rename_all = "camelCase")]
    Returns {
        returns: u32,
        returns_compliant: u32,
        returns_outside_year: u32,
        business_areas_without_return: u32,
    },
    /// The variations the Governance Statement reports.
    #[serde(rename = "assurance.variations", rename_all = "camelCase")]
    Variations {
        variations_to_report: u32,
        invalid_variations: u32,
    },
    /// The breach trends of the year, from the central register.
    #[serde(rename = "assurance.breaches", rename_all = "camelCase")]
    Breaches {
        breaches: u32,
        repeat_individuals: u32,
        hotspots: u32,
    },
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl Step for AssuranceStep {
    fn rule_id(&self) -> &'static str {
        match self {
            AssuranceStep::Estate { .. } => "assurance.estate",
            AssuranceStep::Returns { .. } => "assurance.returns",
            AssuranceStep::Variations { .. } => "assurance.variations",
            AssuranceStep::Breaches { .. } => "assurance.breaches",
        }
    }

    fn explain<W: fmt::Write>(&self, w: &mut W) -> fmt::Result {
        match *self {
            AssuranceStep::Estate {
                sites,
                sites_with_overdue_obligations,
                sites_with_required_gaps,
                sites_controls_not_recorded,
            } => write!(
                w,
                "compliance checking for the Executive Management Board and the Permanent Secretary: {} assessed, {} with an obligation overdue or never done, {} with required controls missing or unverified, {} recording no controls",
                plural(sites, "site", "sites"),
                sites_with_overdue_obligations,
                sites_with_required_gaps,
                sites_controls_not_recorded
            ),
            AssuranceStep::Returns {
                returns,
                returns_compliant,
                returns_outside_year,
                business_areas_without_return,
            } => write!(
                w,
                "the annual Governance Statement is supplemented by compliance returns: {} evaluated, {returns_compliant} compliant, {returns_outside_year} dated outside the year; {} running sites made no return",
                plural(returns, "return", "returns"),
                plural(
                    business_areas_without_return,
                    "business area",
                    "business areas"
                ),
            ),
            AssuranceStep::Variations {
                variations_to_report,
                invalid_variations,
            } => write!(
                w,
                "variations agreed by the Accounting Officer are reported in annual governance: {} to report, {} not valid",
                plural(variations_to_report, "variation", "variations"),
                invalid_variations
            ),
            AssuranceStep::Breaches {
                breaches,
                repeat_individuals,
                hotspots,
            } => write!(
                w,
                "breaches are recorded centrally so that trends are identified: {} in the year, {} repeat {}, {}",
                plural(breaches, "breach", "breaches"),
                repeat_individuals,
                if repeat_individuals == 1 {
                    "individual"
                } else {
                    "individuals"
                },
                plural(hotspots, "hotspot", "hotspots"),
            ),
        }
    }
}

/// A reason in an assurance pack.
pub type AssuranceReason = Reason<AssuranceStep>;

#[cfg(feature = "typescript")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_ASSURANCE_TYPES: &str = r#"
/** One cited step of an assurance pack. */
export type AssuranceReason = Reason<AssuranceStep>;
"#;

/// The assurance pack.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssurancePack<'r> {
    /// Wire schema version of the answer (1).
    pub schema_version: u32,
    /// The policy document that produced it.
    pub policy: PolicyRef,
    /// The day the estate is assessed on.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub as_of: Date,
    /// The first day of the year, as asked: returns dated from it to `to` are
    /// in the year (the breach trends cover whole quarters: `breaches.from`).
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub from: Date,
    /// The last day of the year, as asked (the trends: `breaches.to`).
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub to: Date,
    /// The headline figures.
    pub summary: AssuranceSummary,
    /// The estate's counter-terrorism standing on `asOf`.
    pub estate: PortfolioReport,
    /// Each business area's return, by business area.
    pub returns: Vec<ReturnStanding>,
    /// Business areas that run sites in the estate and made no return, by name.
    pub business_areas_without_return: Vec<String>,
    /// Variations to report in the Governance Statement, by business area,
    /// from the returns dated in the year.
    pub variations_to_report: Vec<AreaVariation>,
    /// Variations that are not valid, by business area, from the returns
    /// dated in the year.
    pub invalid_variations: Vec<AreaInvalidVariation>,
    /// Returns that could not be evaluated, in request order.
    pub rejected_returns: Vec<RejectedReturn>,
    /// The breach trends of the year.
    pub breaches: TrendReport<'r>,
    /// How the pack was made, with citations.
    pub reasons: Vec<AssuranceReason>,
}

impl AssurancePack<'_> {
    /// The same pack owning every text, free of the register's records it
    /// was made from: to keep it after they are gone. Its breach trends
    /// borrow the texts they name from those records, `'r`, as any
    /// [`TrendReport`] does ([`TrendReport::into_owned`]); a pack read back
    /// from JSON owns its texts (`AssurancePack<'static>`).
    #[must_use]
    pub fn into_owned(self) -> AssurancePack<'static> {
        AssurancePack {
            schema_version: self.schema_version,
            policy: self.policy,
            as_of: self.as_of,
            from: self.from,
            to: self.to,
            summary: self.summary,
            estate: self.estate,
            returns: self.returns,
            business_areas_without_return: self.business_areas_without_return,
            variations_to_report: self.variations_to_report,
            invalid_variations: self.invalid_variations,
            rejected_returns: self.rejected_returns,
            breaches: self.breaches.into_owned(),
            reasons: self.reasons,
        }
    }
}

impl RejectedReturn {
    /// A return from a business area another return of the list already
    /// speaks for (`kept`, the one the pack uses): one return per business area.
    pub(crate) fn repeated_area(
        index: usize,
        area: &str,
        kept: (usize, &ComplianceEvaluation),
    ) -> Self {
        let (kept_index, kept) = kept;
        Self {
            index,
            error: SpfError::new(
                ErrorCode::DuplicateEntry,
                format!(
                    "business area `{}` has another return in the list (at /returns/{kept_index}, `{}`, dated {}), which the pack uses as the latest; give one return per business area",
                    Quoted(area),
                    Quoted(&kept.business_area),
                    kept.return_date
                ),
                Pointer::root()
                    .key("returns")
                    .index(index)
                    .key("businessArea")
                    .into_string(),
            ),
        }
    }

    /// A return the engine could not evaluate; its error's path is made to
    /// point inside the request.
    pub(crate) fn unevaluated(index: usize, error: SpfError) -> Self {
        Self {
            index,
            error: crate::codec::read::within(error, &Pointer::root().key("returns").index(index)),
        }
    }
}

/// The key a business area is matched by: its name trimmed, its runs of
/// white space one space, in lower case, so that `HMCTS`, ` hmcts ` and
/// `Hmcts` are one business area.
pub(crate) fn area_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The business areas sites name, by key, each with the spelling first seen;
/// blank names name none.
pub(crate) fn areas_of<'a>(names: impl Iterator<Item = &'a str>) -> BTreeMap<String, &'a str> {
    let mut areas = BTreeMap::new();
    for name in names {
        let key = area_key(name);
        if !key.is_empty() {
            areas.entry(key).or_insert_with(|| name.trim());
        }
    }
    areas
}

/// One return per business area: of the returns whose business areas match,
/// the latest dated (the earliest in the list among those of that date); the
/// others are rejected, each naming the one kept. The choice does not depend
/// on the order of the list except between returns of the same day.
pub(crate) fn one_per_area(
    evaluated: Vec<(usize, ComplianceEvaluation)>,
    rejected: &mut Vec<RejectedReturn>,
) -> Vec<(usize, ComplianceEvaluation)> {
    let mut by_area: BTreeMap<String, Vec<(usize, ComplianceEvaluation)>> = BTreeMap::new();
    for (index, evaluation) in evaluated {
        by_area
            .entry(area_key(&evaluation.business_area))
            .or_default()
            .push((index, evaluation));
    }
    let mut kept = Vec::with_capacity(by_area.len());
    for (_, mut returns) in by_area {
        // Latest first; of one day, the earliest in the list first.
        returns.sort_by(|(ia, a), (ib, b)| b.return_date.cmp(&a.return_date).then(ia.cmp(ib)));
        let mut returns = returns.into_iter();
        let Some(first) = returns.next() else {
            continue;
        };
        for (index, other) in returns {
            rejected.push(RejectedReturn::repeated_area(
                index,
                &other.business_area,
                (first.0, &first.1),
            ));
        }
        kept.push(first);
    }
    kept
}

/// What the pack is made of, each part already worked out by the engine.
pub(crate) struct Parts<'a> {
    pub as_of: Date,
    pub from: Date,
    pub to: Date,
    pub estate: PortfolioReport,
    /// The business areas the estate's assessed sites name, by their
    /// [`area_key`], each with the spelling first seen.
    pub estate_areas: BTreeMap<String, &'a str>,
    /// The evaluated returns, one per business area, each with its index in
    /// the request, in any order.
    pub returns: Vec<(usize, ComplianceEvaluation)>,
    pub rejected_returns: Vec<RejectedReturn>,
    pub breaches: TrendReport<'a>,
}

/// Puts the pack together: steps 2 to 4 of the module's list, then the summary
/// and the reasons.
pub(crate) fn assemble<'a>(
    policy: &Policy,
    reference: &PolicyRef,
    parts: Parts<'a>,
) -> AssurancePack<'a> {
    let Parts {
        as_of,
        from,
        to,
        estate,
        estate_areas,
        mut returns,
        mut rejected_returns,
        breaches,
    } = parts;
    // By business area, then date: the order the Board reads them in.
    returns.sort_by(|(_, a), (_, b)| {
        (&a.business_area, a.return_date).cmp(&(&b.business_area, b.return_date))
    });
    rejected_returns.sort_by_key(|r| r.index);
    let without_return = areas_without_return(&estate_areas, &returns);
    let in_year = |date: Date| from <= date && date <= to;
    let (variations_to_report, invalid_variations) = variations(&returns, in_year);
    let standings: Vec<ReturnStanding> = returns
        .into_iter()
        .map(|(_, evaluation)| standing(evaluation, from, to))
        .collect();
    let summary = summarise(
        &estate,
        (&standings, rejected_returns.len(), without_return.len()),
        (variations_to_report.len(), invalid_variations.len()),
        &breaches,
    );
    let reasons = explain(policy, &summary);
    AssurancePack {
        schema_version: SCHEMA_VERSION,
        policy: reference.clone(),
        as_of,
        from,
        to,
        summary,
        estate,
        returns: standings,
        business_areas_without_return: without_return,
        variations_to_report,
        invalid_variations,
        rejected_returns,
        breaches,
        reasons,
    }
}

/// Step 2, second half: business areas that run a site and made no return,
/// matched by [`area_key`], in the spelling the estate uses.
fn areas_without_return(
    estate_areas: &BTreeMap<String, &str>,
    returns: &[(usize, ComplianceEvaluation)],
) -> Vec<String> {
    let returned: BTreeSet<String> = returns
        .iter()
        .map(|(_, e)| area_key(&e.business_area))
        .collect();
    estate_areas
        .iter()
        .filter(|(key, _)| !returned.contains(*key))
        .map(|(_, name)| (*name).to_owned())
        .collect()
}

/// Step 3: the variations of every return dated in the year, with its
/// business area, in the returns' order. A return from outside the year is
/// shown with its counts but does not speak for this year's Governance
/// Statement: its agreements were judged on its own date.
fn variations(
    returns: &[(usize, ComplianceEvaluation)],
    in_year: impl Fn(Date) -> bool,
) -> (Vec<AreaVariation>, Vec<AreaInvalidVariation>) {
    let mut to_report = Vec::new();
    let mut invalid = Vec::new();
    for (_, evaluation) in returns.iter().filter(|(_, e)| in_year(e.return_date)) {
        to_report.extend(
            evaluation
                .variations_to_report
                .iter()
                .map(|variation| AreaVariation {
                    business_area: evaluation.business_area.clone(),
                    variation: variation.clone(),
                }),
        );
        invalid.extend(evaluation.invalid_variations.iter().map(|variation| {
            AreaInvalidVariation {
                business_area: evaluation.business_area.clone(),
                variation: variation.clone(),
            }
        }));
    }
    (to_report, invalid)
}

/// Step 2: one return as the pack reports it.
fn standing(evaluation: ComplianceEvaluation, from: Date, to: Date) -> ReturnStanding {
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    ReturnStanding {
        in_year: from <= evaluation.return_date && evaluation.return_date <= to,
        return_date: evaluation.return_date,
        complete: evaluation.complete,
        compliant: evaluation.compliant,
        missing_elements: count(evaluation.completeness.missing.len()),
        variations_to_report: count(evaluation.variations_to_report.len()),
        invalid_variations: count(evaluation.invalid_variations.len()),
        gaps: evaluation.gaps,
        business_area: evaluation.business_area,
    }
}

/// The headline figures.
fn summarise(
    estate: &PortfolioReport,
    (returns, returns_rejected, without_return): (&[ReturnStanding], usize, usize),
    (variations_to_report, invalid_variations): (usize, usize),
    breaches: &TrendReport,
) -> AssuranceSummary {
    let overdue: BTreeSet<&str> = estate
        .overdue
        .iter()
        .chain(&estate.never_done)
        .map(|entry| entry.site_id.as_str())
        .collect();
    AssuranceSummary {
        sites: estate.sites,
        sites_rejected: estate.rejected.len(),
        sites_with_overdue_obligations: overdue.len(),
        sites_with_baseline_in_place: estate.counts.baseline.all_required_in_place,
        sites_with_required_gaps: estate.counts.baseline.required_gaps,
        sites_controls_not_recorded: estate.counts.baseline.not_recorded,
        required_control_gaps: estate
            .baseline_gaps
            .iter()
            .filter(|gap| gap.requirement == Requirement::Required)
            .count(),
        returns: returns.len(),
        returns_rejected,
        returns_compliant: returns.iter().filter(|r| r.compliant).count(),
        returns_outside_year: returns.iter().filter(|r| !r.in_year).count(),
        business_areas_without_return: without_return,
        compliance_gaps: returns.iter().map(|r| r.gaps.len()).sum(),
        variations_to_report,
        invalid_variations,
        breaches: breaches.totals.breaches,
        near_misses: breaches.totals.near_misses,
        repeat_individuals: breaches.repeat_individuals.len(),
        hotspots: breaches.hotspots.len(),
    }
}

/// The reasons, one per part, each resting on the text that asks for it and
/// on every rule behind its figures: the estate's on the schedules, the warning
/// window, the matrix and the verification period; the variations' on the
/// review period and the centrally managed elements; the breaches' on the
/// quarters, the repeat and the hotspot rules. Under the MoJ default most of
/// those are configurable defaults, and the reasons say so.
fn explain(policy: &Policy, summary: &AssuranceSummary) -> Vec<AssuranceReason> {
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let ct = &policy.counter_terrorism;
    let mut estate = vec![&ct.assurance.board];
    estate.extend(ct.ct_plan_tests.iter().map(|rule| &rule.source));
    estate.extend([
        &ct.risk_assessment.source,
        &ct.tier_reassessment.source,
        &ct.exceptional_review.source,
        &ct.due_soon.source,
        &ct.control_matrix.source,
        &ct.baseline.checking,
        &ct.baseline.verification,
    ]);
    let compliance = &policy.compliance;
    let mut variations = vec![&compliance.variations, &compliance.variation_review.source];
    variations.extend(compliance.centrally_managed.iter().map(|c| &c.source));
    let incidents = &policy.incidents;
    vec![
        Reason::resting_on(
            AssuranceStep::Estate {
                sites: count(summary.sites),
                sites_with_overdue_obligations: count(summary.sites_with_overdue_obligations),
                sites_with_required_gaps: count(summary.sites_with_required_gaps),
                sites_controls_not_recorded: count(summary.sites_controls_not_recorded),
            },
            &estate,
        ),
        Reason::new(
            AssuranceStep::Returns {
                returns: count(summary.returns),
                returns_compliant: count(summary.returns_compliant),
                returns_outside_year: count(summary.returns_outside_year),
                business_areas_without_return: count(summary.business_areas_without_return),
            },
            &ct.assurance.governance_statement,
        ),
        Reason::resting_on(
            AssuranceStep::Variations {
                variations_to_report: count(summary.variations_to_report),
                invalid_variations: count(summary.invalid_variations),
            },
            &variations,
        ),
        Reason::resting_on(
            AssuranceStep::Breaches {
                breaches: summary.breaches,
                repeat_individuals: count(summary.repeat_individuals),
                hotspots: count(summary.hotspots),
            },
            &[
                &incidents.recording,
                &incidents.quarters.source,
                &incidents.repeat_individuals.source,
                &incidents.hotspots.source,
            ],
        ),
    ]
}
