//! The impact of a change of threat level on an estate: for every site the
//! response level before and after, the controls newly required and no longer
//! required, and the gaps the change opens; grouped by business area with the
//! security officer to tell (the DSO communicates changes "to business areas via
//! their security officers"), and the summary the DSO's advice to the Permanent
//! Secretary needs ("the DSO will advise the Permanent Secretary of actions taken
//! if there is any change in response level"). Counter-Terrorist Protection
//! Policy, roles and responsibilities.
//!
//! Order of the steps:
//! 1. each site's response level before and after the change (the change
//!    applies to every site, or to the sites named in `siteIds` only);
//! 2. each site's controls before and after, and the gaps opened: controls
//!    required after the change and not before that are missing or unverified;
//! 3. EXCEPTIONAL's review at every site at EXCEPTIONAL after the change;
//! 4. the sites grouped by business area with the security officer to tell;
//! 5. the summary and its reasons.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::codec::Pointer;
use crate::date::Date;
use crate::error::{ErrorCode, Quoted, SpfError};
use crate::policy::{Policy, PolicyRef, SCHEMA_VERSION};
use crate::reason::{Reason, Step};
use crate::site::baseline::{ControlGap, check_controls_in_place};
use crate::site::status::{
    CellControls, CompiledSiteRules, exceptional_review, overridden_level, site_response_level,
};
use crate::site::{ControlId, RejectedSite, ResponseLevel, Site, SiteTier, ThreatLevel};

/// A business area's security officer, for the sites that name none of their own.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a business area object with `name` and `securityOfficer`")]
pub struct BusinessAreaContact {
    /// The business area, as the site records spell it.
    pub name: String,
    /// Its security officer: whom the DSO tells of a change.
    pub security_officer: String,
}

/// A request for the impact of a change of threat level.
///
/// ```
/// use spf_core::site::{ThreatChangeRequest, ThreatLevel};
/// let request: ThreatChangeRequest = spf_core::json::parse(r#"{
///   "asOf": "2026-11-23", "from": "severe", "to": "critical",
///   "businessAreas": [{"name": "HMCTS", "securityOfficer": "A. Officer"}],
///   "sites": [{"id": "S1", "name": "Court", "businessArea": "HMCTS", "tier": "high",
///              "tierAssessed": "2026-01-05"}]
/// }"#).unwrap();
/// assert_eq!(request.to, ThreatLevel::Critical);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a threat change request object")]
pub struct ThreatChangeRequest {
    /// Optional wire schema version; when present it must be 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_version: Option<u32>,
    /// The day of the change.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub as_of: Date,
    /// The threat level before the change.
    pub from: ThreatLevel,
    /// The threat level after it.
    pub to: ThreatLevel,
    /// The sites the change applies to, by id, for a change that is not
    /// national (a regional or site-specific threat); absent, it applies to
    /// every site. The others stay at `from`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_ids: Option<Vec<String>>,
    /// The security officer of each business area, for sites that name none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub business_areas: Vec<BusinessAreaContact>,
    /// The estate.
    pub sites: Vec<Site>,
}

/// How a site's response level moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum LevelChange {
    /// The response level rises.
    Raised,
    /// It falls.
    Lowered,
    /// It stays as it was.
    Unchanged,
}

impl LevelChange {
    fn between(before: ResponseLevel, after: ResponseLevel) -> Self {
        match after.cmp(&before) {
            std::cmp::Ordering::Greater => LevelChange::Raised,
            std::cmp::Ordering::Less => LevelChange::Lowered,
            std::cmp::Ordering::Equal => LevelChange::Unchanged,
        }
    }
}

/// One site before and after the change.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SiteImpact {
    /// The site's id.
    pub site_id: String,
    /// Its name.
    pub name: String,
    /// Its tier.
    pub tier: SiteTier,
    /// The security officer to tell: the site's own, else its business area's;
    /// absent when neither is recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_officer: Option<Arc<str>>,
    /// The response level in force before the change.
    pub response_level_before: ResponseLevel,
    /// The response level in force after it.
    pub response_level_after: ResponseLevel,
    /// Raised, lowered or unchanged.
    pub change: LevelChange,
    /// The site's override is below the level the new threat level maps to
    /// and has no recorded approval: it no longer holds, and the site is at the
    /// mapped level until the override is approved or withdrawn.
    pub override_needs_approval: bool,
    /// Whether the site's security officer is told of the change: every site
    /// the change applies to, when the threat level changes.
    pub told: bool,
    /// Controls required after the change and not before, in catalogue order.
    pub newly_required: Arc<[ControlId]>,
    /// Controls required before and not after, in catalogue order: they may be
    /// stood down.
    pub no_longer_required: Arc<[ControlId]>,
    /// Whether the site records its controls in place; when it does not, the
    /// gaps the change opens cannot be known and `gapsOpened` is empty.
    pub controls_recorded: bool,
    /// The newly required controls that are missing or unverified, in
    /// catalogue order.
    pub gaps_opened: Vec<ControlGap>,
    /// At EXCEPTIONAL after the change: the day its review falls due (for a
    /// site entering EXCEPTIONAL, the review period after the change; for one
    /// already there, from its last review, or the day of the change if it was
    /// never reviewed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub exceptional_review_due_on: Option<Date>,
}

impl SiteImpact {
    /// Whether the change asks anything of the site: a new response level or
    /// new controls.
    #[must_use]
    pub fn is_affected(&self) -> bool {
        self.change != LevelChange::Unchanged
            || !self.newly_required.is_empty()
            || !self.no_longer_required.is_empty()
    }
}

/// One business area's sites, with whom to tell.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AreaImpact {
    /// The business area; absent for the sites that record none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_area: Option<String>,
    /// The security officers to tell of the change, sorted, each once: those of
    /// the area's sites the change applies to (empty when the threat level
    /// does not change or the change applies to none of them).
    pub security_officers: Vec<String>,
    /// Sites of the area to tell with no security officer recorded, by id.
    pub sites_without_security_officer: Vec<String>,
    /// Sites of the area whose response level changes.
    pub sites_changing_level: usize,
    /// Controls the area's sites must stand up (newly required, summed over its sites).
    pub controls_to_stand_up: usize,
    /// Gaps the change opens at the area's sites.
    pub gaps_opened: usize,
    /// Every site of the area: affected sites first, raised before lowered, then by id.
    pub sites: Vec<SiteImpact>,
}

/// The figures for the DSO's advice to the Permanent Secretary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ThreatChangeSummary {
    /// Sites assessed.
    pub sites: usize,
    /// Sites whose response level changes.
    pub sites_changing_level: usize,
    /// Of those, raised.
    pub sites_raised: usize,
    /// Of those, lowered.
    pub sites_lowered: usize,
    /// Controls to stand up, summed over the sites.
    pub controls_to_stand_up: usize,
    /// Controls that may be stood down, summed over the sites.
    pub controls_to_stand_down: usize,
    /// Sites where the change opens at least one gap.
    pub sites_with_gaps: usize,
    /// Gaps the change opens, summed over the sites.
    pub gaps_opened: usize,
    /// Sites with newly required controls that record no controls in place, so
    /// whether the change opens gaps there is not known.
    pub sites_not_recorded: usize,
    /// EXCEPTIONAL reviews the change makes fall due: the sites entering
    /// EXCEPTIONAL, each reviewed from the day of the change.
    pub exceptional_reviews_due: usize,
    /// Sites whose override the change leaves below the mapped level without
    /// an approval.
    pub overrides_needing_approval: usize,
    /// Sites to tell with no security officer recorded.
    pub sites_without_security_officer: usize,
    /// Whether the response level changes, as mapped from the threat level or
    /// at any site, so that the DSO advises the Permanent Secretary of the
    /// actions taken.
    pub permanent_secretary_advised: bool,
}

/// One step of a threat change's impact, with its facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(tag = "rule", content = "facts", deny_unknown_fields)]
#[allow(missing_docs)] // the facts' names say what they are; each variant is documented
pub enum ThreatChangeStep {
    /// The threat levels before and after map to response levels.
    #[serde(rename = "threatChange.mapping", rename_all = "camelCase")]
    Mapping {
        from: ThreatLevel,
        to: ThreatLevel,
        response_level_from: ResponseLevel,
        response_level_to: ResponseLevel,
        sites_in_scope: u32,
        national: bool,
    },
    /// The controls the matrix asks for before and after.
    #[serde(rename = "threatChange.controls", rename_all = "camelCase")]
    Controls {
        controls_to_stand_up: u32,
        controls_to_stand_down: u32,
        illustrative: bool,
    },
    /// The newly required controls against those in place.
    #[serde(rename = "threatChange.gaps", rename_all = "camelCase")]
    Gaps {
        sites_with_gaps: u32,
        gaps_opened: u32,
        sites_not_recorded: u32,
        verified_within_months: u32,
    },
    /// EXCEPTIONAL's review at the sites at EXCEPTIONAL after the change.
    #[serde(rename = "threatChange.exceptionalReview", rename_all = "camelCase")]
    ExceptionalReview { days: u32, reviews_due: u32 },
    /// The DSO tells business areas via their security officers.
    #[serde(rename = "threatChange.communication", rename_all = "camelCase")]
    Communication {
        business_areas: u32,
        security_officers: u32,
        sites_without_security_officer: u32,
    },
    /// The DSO advises the Permanent Secretary if any response level changes.
    #[serde(rename = "threatChange.permanentSecretary", rename_all = "camelCase")]
    PermanentSecretary {
        mapped_level_changes: bool,
        sites_changing_level: u32,
        advised: bool,
    },
}

impl Step for ThreatChangeStep {
    fn rule_id(&self) -> &'static str {
        match self {
            ThreatChangeStep::Mapping { .. } => "threatChange.mapping",
            ThreatChangeStep::Controls { .. } => "threatChange.controls",
            ThreatChangeStep::Gaps { .. } => "threatChange.gaps",
            ThreatChangeStep::ExceptionalReview { .. } => "threatChange.exceptionalReview",
            ThreatChangeStep::Communication { .. } => "threatChange.communication",
            ThreatChangeStep::PermanentSecretary { .. } => "threatChange.permanentSecretary",
        }
    }

    fn explain<W: fmt::Write>(&self, w: &mut W) -> fmt::Result {
        match *self {
            ThreatChangeStep::Mapping {
                from,
                to,
                response_level_from,
                response_level_to,
                sites_in_scope,
                national,
            } => {
                let scope = if national {
                    "every site".to_owned()
                } else {
                    format!("{sites_in_scope} named site(s) only")
                };
                if response_level_from == response_level_to {
                    write!(
                        w,
                        "threat level {from} to {to} ({scope}): both map to response level {response_level_from}, so the change alters no site's response level"
                    )
                } else {
                    write!(
                        w,
                        "threat level {from} to {to} ({scope}): the mapped response level goes from {response_level_from} to {response_level_to}, where a site does not set its own"
                    )
                }
            }
            ThreatChangeStep::Controls {
                controls_to_stand_up,
                controls_to_stand_down,
                illustrative,
            } => write!(
                w,
                "{controls_to_stand_up} control(s) to stand up and {controls_to_stand_down} that may be stood down across the estate{}",
                if illustrative {
                    " (illustrative control matrix)"
                } else {
                    ""
                }
            ),
            ThreatChangeStep::Gaps {
                sites_with_gaps,
                gaps_opened,
                sites_not_recorded,
                verified_within_months,
            } => write!(
                w,
                "the change opens {gaps_opened} gap(s) at {sites_with_gaps} site(s): newly required controls missing or not verified within {verified_within_months} months; {sites_not_recorded} site(s) with new controls record none in place"
            ),
            ThreatChangeStep::ExceptionalReview { days, reviews_due } => write!(
                w,
                "{reviews_due} EXCEPTIONAL review(s) fall due: EXCEPTIONAL is reviewed every {days} days"
            ),
            ThreatChangeStep::Communication {
                business_areas,
                security_officers,
                sites_without_security_officer,
            } => write!(
                w,
                "the DSO tells {business_areas} business area(s) via {security_officers} security officer(s); {sites_without_security_officer} site(s) to tell have none recorded"
            ),
            ThreatChangeStep::PermanentSecretary {
                mapped_level_changes,
                sites_changing_level,
                advised,
            } => {
                if advised {
                    write!(
                        w,
                        "{}{sites_changing_level} site(s) change response level: the DSO advises the Permanent Secretary of the actions taken",
                        if mapped_level_changes {
                            "the response level the threat level maps to changes and "
                        } else {
                            ""
                        }
                    )
                } else {
                    w.write_str(
                        "no site changes response level: no advice to the Permanent Secretary is called for by this change",
                    )
                }
            }
        }
    }
}

/// A reason in a threat change's impact.
pub type ThreatChangeReason = Reason<ThreatChangeStep>;

#[cfg(feature = "typescript")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_THREAT_CHANGE_TYPES: &str = r#"
/** One cited step of a threat change's impact. */
export type ThreatChangeReason = Reason<ThreatChangeStep>;
"#;

/// The impact of a change of threat level on an estate.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ThreatChangeImpact {
    /// Wire schema version of the answer (1).
    pub schema_version: u32,
    /// The policy document that produced it.
    pub policy: PolicyRef,
    /// The day of the change.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub as_of: Date,
    /// The threat level before.
    pub from: ThreatLevel,
    /// The threat level after.
    pub to: ThreatLevel,
    /// The figures for the Permanent Secretary.
    pub summary: ThreatChangeSummary,
    /// The sites by business area, named areas in order of name, then the
    /// sites that record no business area.
    pub areas: Vec<AreaImpact>,
    /// Records that could not be assessed, with their index and error.
    pub rejected: Vec<RejectedSite>,
    /// Each step, cited.
    pub reasons: Vec<ThreatChangeReason>,
}

/// What the change is and to whom it applies.
pub(crate) struct Change<'r> {
    pub(crate) from: ThreatLevel,
    pub(crate) to: ThreatLevel,
    pub(crate) as_of: Date,
    pub(crate) site_ids: Option<&'r [String]>,
    pub(crate) business_areas: &'r [BusinessAreaContact],
}

/// The impact of `change` on the numbered sites. `rejected` holds the records
/// already rejected (with `rejected_ids`, the ids those records give, so that
/// `siteIds` may name them); duplicate ids are rejected here as the portfolio
/// rejects them.
///
/// Errors: a `siteIds` entry that names no record of the estate (`unknownValue`
/// at `/siteIds/N`) or is listed twice, or a business area listed twice
/// (`duplicateEntry`).
///
/// Cost: n·log n in the number of sites (the id set and the grouping); each
/// site is a fixed number of matrix lookups over the catalogue.
pub(crate) fn threat_change<'s>(
    policy: &Policy,
    reference: &PolicyRef,
    compiled: &CompiledSiteRules,
    sites: impl Iterator<Item = (usize, &'s Site)>,
    change: &Change<'_>,
    mut rejected: Vec<RejectedSite>,
    rejected_ids: &BTreeSet<&str>,
) -> Result<ThreatChangeImpact, SpfError> {
    let officers = area_officers(change.business_areas)?;
    // The sites the change applies to, looked up once per site.
    let scope: Option<BTreeSet<&str>> = change
        .site_ids
        .map(|ids| ids.iter().map(String::as_str).collect());
    let mut impacts: Vec<(Option<&'s str>, SiteImpact)> = Vec::with_capacity(sites.size_hint().0);
    let mut differences = Differences::default();
    // Every id seen, with its site's place in `impacts` (none for a rejected
    // site): the map's order is the id order the areas list their sites in.
    let mut ids: BTreeMap<&str, Option<usize>> = BTreeMap::new();
    for (index, site) in sites {
        let at = || Pointer::root().key("sites").index(index);
        let Entry::Vacant(slot) = ids.entry(site.id.as_str()) else {
            rejected.push(RejectedSite::repeated_id(index, &site.id));
            continue;
        };
        let slot = slot.insert(None);
        let in_scope = scope
            .as_ref()
            .is_none_or(|scope| scope.contains(site.id.as_str()));
        match site_impact(
            compiled,
            &mut differences,
            site,
            change,
            in_scope,
            &officers,
            &at,
        ) {
            Ok(impact) => {
                *slot = Some(impacts.len());
                impacts.push((site.business_area.as_deref(), impact));
            }
            Err(error) => rejected.push(RejectedSite { index, error }),
        }
    }
    check_site_ids(
        change.site_ids,
        &|id| ids.contains_key(id) || rejected_ids.contains(id),
        ids.len() + rejected_ids.len(),
    )?;
    rejected.sort_by_key(|r| r.index);
    let mapped_level_changes =
        compiled.mapped_response(change.from) != compiled.mapped_response(change.to);
    let summary = summarise(
        impacts.iter().map(|(_, impact)| impact),
        mapped_level_changes,
    );
    let areas = group_by_area(impacts, ids.values().filter_map(|slot| *slot));
    let reasons = explain(policy, compiled, change, &summary, &areas);
    Ok(ThreatChangeImpact {
        schema_version: SCHEMA_VERSION,
        policy: reference.clone(),
        as_of: change.as_of,
        from: change.from,
        to: change.to,
        summary,
        areas,
        rejected,
        reasons,
    })
}

/// Each business area's security officer; an area listed twice is an error,
/// since which officer to tell would depend on the order.
fn area_officers(areas: &[BusinessAreaContact]) -> Result<BTreeMap<&str, Arc<str>>, SpfError> {
    let mut officers = BTreeMap::new();
    for (i, area) in areas.iter().enumerate() {
        if officers
            .insert(area.name.as_str(), Arc::from(area.security_officer.trim()))
            .is_some()
        {
            return Err(SpfError::new(
                ErrorCode::DuplicateEntry,
                format!(
                    "business area `{}` is listed twice; give each area's security officer once",
                    Quoted(&area.name)
                ),
                Pointer::root()
                    .key("businessAreas")
                    .index(i)
                    .key("name")
                    .into_string(),
            ));
        }
    }
    Ok(officers)
}

/// Every id in `siteIds` names a record of the estate (assessed or rejected), once.
fn check_site_ids(
    site_ids: Option<&[String]>,
    known: &dyn Fn(&str) -> bool,
    records: usize,
) -> Result<(), SpfError> {
    let Some(site_ids) = site_ids else {
        return Ok(());
    };
    let mut seen = BTreeSet::new();
    for (i, id) in site_ids.iter().enumerate() {
        let at = Pointer::root().key("siteIds").index(i).into_string();
        if !known(id) {
            return Err(SpfError::new(
                ErrorCode::UnknownValue,
                format!(
                    "no site of the estate has id `{}` (the estate lists {records} sites)",
                    Quoted(id),
                ),
                at,
            ));
        }
        if !seen.insert(id.as_str()) {
            return Err(SpfError::new(
                ErrorCode::DuplicateEntry,
                format!("site id `{}` is listed twice in `siteIds`", Quoted(id)),
                at,
            ));
        }
    }
    Ok(())
}

/// Steps 1 to 3 for one site.
fn site_impact(
    compiled: &CompiledSiteRules,
    differences: &mut Differences,
    site: &Site,
    change: &Change<'_>,
    in_scope: bool,
    officers: &BTreeMap<&str, Arc<str>>,
    at: &dyn Fn() -> Pointer,
) -> Result<SiteImpact, SpfError> {
    let (before, after, override_needs_approval) = levels(compiled, site, change, in_scope, at)?;
    check_controls_in_place(site, compiled.catalogue(), change.as_of, at)?;
    let cell_before = compiled.controls(site.tier, before)?;
    let cell_after = compiled.controls(site.tier, after)?;
    let (newly_required, no_longer_required) =
        differences.between(site.tier, before, after, cell_before, cell_after);
    let mut gaps_opened = Vec::new();
    let tally = compiled.required_gaps_among(site, &newly_required, change.as_of, &mut gaps_opened);
    // An area's officer is shared by all its sites.
    // A blank name names nobody.
    let security_officer = match site.security_officer.as_deref().map(str::trim) {
        Some(own) if !own.is_empty() => Some(Arc::from(own)),
        _ => site
            .business_area
            .as_deref()
            .and_then(|area| officers.get(area))
            .filter(|officer| !officer.is_empty())
            .map(Arc::clone),
    };
    Ok(SiteImpact {
        site_id: site.id.clone(),
        name: site.name.clone(),
        tier: site.tier,
        security_officer,
        response_level_before: before,
        response_level_after: after,
        change: LevelChange::between(before, after),
        override_needs_approval,
        told: in_scope && change.from != change.to,
        newly_required,
        no_longer_required,
        controls_recorded: tally.recorded,
        gaps_opened,
        exceptional_review_due_on: exceptional_review_due_on(
            site,
            before,
            after,
            compiled.exceptional_review_days(),
            change.as_of,
        ),
    })
}

/// Step 1: the response level in force before and after the change, each with
/// the site's override applied (its dates are checked once, before), and
/// whether the change turns the override into a lowering that has no approval.
/// A site out of the change's scope stays where it was.
///
/// Such an override (HEIGHTENED, say, set freely at SUBSTANTIAL, is below
/// CRITICAL's EXCEPTIONAL) no longer holds without an approval: the site is at
/// the mapped level after the change, and the answer says the override needs
/// approving, rather than rejecting a site the change itself has made wrong.
fn levels(
    compiled: &CompiledSiteRules,
    site: &Site,
    change: &Change<'_>,
    in_scope: bool,
    at: &dyn Fn() -> Pointer,
) -> Result<(ResponseLevel, ResponseLevel, bool), SpfError> {
    let before = site_response_level(compiled, site, change.from, change.as_of, at)?;
    if !in_scope {
        return Ok((before, before, false));
    }
    let mapped = compiled.mapped_response(change.to);
    match overridden_level(
        mapped,
        site.response_override.as_ref(),
        Some(change.as_of),
        &|| at().key("responseOverride"),
    ) {
        Ok(after) => Ok((before, after, false)),
        Err(error) if error.code == ErrorCode::OverrideNotApproved => Ok((before, mapped, true)),
        Err(error) => Err(error),
    }
}

/// The controls of `of` not in `without`, keeping `of`'s (catalogue) order.
fn difference(of: &[ControlId], without: &[ControlId]) -> Arc<[ControlId]> {
    of.iter()
        .filter(|control| !without.contains(control))
        .cloned()
        .collect()
}

/// The controls newly required and no longer required between two response
/// levels at a tier, worked out once per tier and pair of levels and shared by
/// every site that makes that move (an estate has thousands of sites and at
/// most 27 moves).
#[derive(Default)]
struct Differences {
    known: BTreeMap<Move, (Controls, Controls)>,
}

/// A tier's move from one response level to another.
type Move = (SiteTier, ResponseLevel, ResponseLevel);

/// Controls in catalogue order, shared.
type Controls = Arc<[ControlId]>;

impl Differences {
    fn between(
        &mut self,
        tier: SiteTier,
        before: ResponseLevel,
        after: ResponseLevel,
        cell_before: &CellControls,
        cell_after: &CellControls,
    ) -> (Arc<[ControlId]>, Arc<[ControlId]>) {
        let (newly, released) = self.known.entry((tier, before, after)).or_insert_with(|| {
            (
                difference(&cell_after.0, &cell_before.0),
                difference(&cell_before.0, &cell_after.0),
            )
        });
        (Arc::clone(newly), Arc::clone(released))
    }
}

/// Step 3: when EXCEPTIONAL's review falls due at a site at EXCEPTIONAL after
/// the change.
fn exceptional_review_due_on(
    site: &Site,
    before: ResponseLevel,
    after: ResponseLevel,
    days: u32,
    as_of: Date,
) -> Option<Date> {
    if after != ResponseLevel::Exceptional {
        return None;
    }
    if before != ResponseLevel::Exceptional {
        // A review of an earlier EXCEPTIONAL period does not count for this
        // one, so the site is reviewed from the day of the change, as a site
        // status on that day says (never reviewed: overdue).
        return Some(as_of);
    }
    Some(
        exceptional_review(site.exceptional_reviewed, days, as_of)
            .due_on
            .unwrap_or(as_of),
    )
}

/// Whether the change makes a site's EXCEPTIONAL review fall due: it enters
/// EXCEPTIONAL with the change.
fn review_falls_due(impact: &SiteImpact) -> bool {
    impact.response_level_before != ResponseLevel::Exceptional
        && impact.response_level_after == ResponseLevel::Exceptional
}

/// Step 5's figures. `mapped_level_changes`: the threat levels map to
/// different response levels.
fn summarise<'i>(
    impacts: impl Iterator<Item = &'i SiteImpact>,
    mapped_level_changes: bool,
) -> ThreatChangeSummary {
    let mut summary = ThreatChangeSummary::default();
    for impact in impacts {
        summary.sites += 1;
        match impact.change {
            LevelChange::Raised => summary.sites_raised += 1,
            LevelChange::Lowered => summary.sites_lowered += 1,
            LevelChange::Unchanged => {}
        }
        summary.controls_to_stand_up += impact.newly_required.len();
        summary.controls_to_stand_down += impact.no_longer_required.len();
        if !impact.gaps_opened.is_empty() {
            summary.sites_with_gaps += 1;
        }
        summary.gaps_opened += impact.gaps_opened.len();
        if !impact.controls_recorded && !impact.newly_required.is_empty() {
            summary.sites_not_recorded += 1;
        }
        if review_falls_due(impact) {
            summary.exceptional_reviews_due += 1;
        }
        if impact.told && impact.security_officer.is_none() {
            summary.sites_without_security_officer += 1;
        }
        if impact.override_needs_approval {
            summary.overrides_needing_approval += 1;
        }
    }
    summary.sites_changing_level = summary.sites_raised + summary.sites_lowered;
    summary.permanent_secretary_advised = mapped_level_changes || summary.sites_changing_level > 0;
    summary
}

/// Step 4: the sites by business area, named areas by name and then the sites
/// with none; in each, affected sites first (raised, then lowered, then other
/// changes), then the rest, each by id. `by_id` gives the places in `impacts`
/// in id order, so each area fills its four parts in id order with no sort.
fn group_by_area<'s>(
    impacts: Vec<(Option<&'s str>, SiteImpact)>,
    by_id: impl Iterator<Item = usize>,
) -> Vec<AreaImpact> {
    let mut slots: Vec<Option<(Option<&'s str>, SiteImpact)>> =
        impacts.into_iter().map(Some).collect();
    let mut named: BTreeMap<&'s str, [Vec<SiteImpact>; 4]> = BTreeMap::new();
    let mut unnamed: [Vec<SiteImpact>; 4] = Default::default();
    for place in by_id {
        let Some((business_area, impact)) = slots.get_mut(place).and_then(Option::take) else {
            continue;
        };
        let parts = match business_area {
            Some(name) => named.entry(name).or_default(),
            None => &mut unnamed,
        };
        let part = match (impact.is_affected(), impact.change) {
            (true, LevelChange::Raised) => 0,
            (true, LevelChange::Lowered) => 1,
            (true, LevelChange::Unchanged) => 2,
            (false, _) => 3,
        };
        if let Some(part) = parts.get_mut(part) {
            part.push(impact);
        }
    }
    let mut areas: Vec<AreaImpact> = named
        .into_iter()
        .map(|(name, parts)| area(Some(name.to_owned()), parts))
        .collect();
    if unnamed.iter().any(|part| !part.is_empty()) {
        areas.push(area(None, unnamed));
    }
    areas
}

/// One area from its four parts, each in id order.
fn area(business_area: Option<String>, parts: [Vec<SiteImpact>; 4]) -> AreaImpact {
    let mut sites = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for part in parts {
        sites.extend(part);
    }
    let told = || sites.iter().filter(|s| s.told);
    let security_officers: BTreeSet<&str> = told()
        .filter_map(|s| s.security_officer.as_deref())
        .collect();
    let security_officers = security_officers.into_iter().map(str::to_owned).collect();
    let sites_without_security_officer = told()
        .filter(|s| s.security_officer.is_none())
        .map(|s| s.site_id.clone())
        .collect();
    AreaImpact {
        business_area,
        security_officers,
        sites_without_security_officer,
        sites_changing_level: sites
            .iter()
            .filter(|s| s.change != LevelChange::Unchanged)
            .count(),
        controls_to_stand_up: sites.iter().map(|s| s.newly_required.len()).sum(),
        gaps_opened: sites.iter().map(|s| s.gaps_opened.len()).sum(),
        sites,
    }
}

/// Step 5's reasons.
fn explain(
    policy: &Policy,
    compiled: &CompiledSiteRules,
    change: &Change<'_>,
    summary: &ThreatChangeSummary,
    areas: &[AreaImpact],
) -> Vec<ThreatChangeReason> {
    let rules = &policy.counter_terrorism;
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let mapping_source = rules
        .threat_levels
        .iter()
        .find(|r| r.threat_level == change.to)
        .map_or(&rules.control_matrix.source, |r| &r.source);
    let mut reasons = vec![
        Reason::new(
            ThreatChangeStep::Mapping {
                from: change.from,
                to: change.to,
                response_level_from: compiled.mapped_response(change.from),
                response_level_to: compiled.mapped_response(change.to),
                sites_in_scope: count(change.site_ids.map_or(summary.sites, <[String]>::len)),
                national: change.site_ids.is_none(),
            },
            mapping_source,
        ),
        Reason::new(
            ThreatChangeStep::Controls {
                controls_to_stand_up: count(summary.controls_to_stand_up),
                controls_to_stand_down: count(summary.controls_to_stand_down),
                illustrative: rules.control_matrix.illustrative,
            },
            &rules.control_matrix.source,
        ),
        Reason::resting_on(
            ThreatChangeStep::Gaps {
                sites_with_gaps: count(summary.sites_with_gaps),
                gaps_opened: count(summary.gaps_opened),
                sites_not_recorded: count(summary.sites_not_recorded),
                verified_within_months: rules.baseline.verified_within_months,
            },
            // A gap is what the matrix asks for and is not in place and
            // verified within the period: the duty to check, the matrix and
            // the period together.
            &[
                &rules.baseline.checking,
                &rules.control_matrix.source,
                &rules.baseline.verification,
            ],
        ),
    ];
    let at_exceptional = areas
        .iter()
        .flat_map(|a| &a.sites)
        .any(|s| s.response_level_after == ResponseLevel::Exceptional);
    if at_exceptional {
        reasons.push(Reason::new(
            ThreatChangeStep::ExceptionalReview {
                days: rules.exceptional_review.days,
                reviews_due: count(summary.exceptional_reviews_due),
            },
            &rules.exceptional_review.source,
        ));
    }
    // Sites that record no business area are not one to tell.
    let told_areas = areas
        .iter()
        .filter(|a| a.business_area.is_some() && a.sites.iter().any(|s| s.told))
        .count();
    let officers: BTreeSet<&str> = areas
        .iter()
        .flat_map(|a| a.security_officers.iter().map(String::as_str))
        .collect();
    reasons.push(Reason::new(
        ThreatChangeStep::Communication {
            business_areas: count(told_areas),
            security_officers: count(officers.len()),
            sites_without_security_officer: count(summary.sites_without_security_officer),
        },
        &rules.threat_change.communication,
    ));
    reasons.push(Reason::new(
        ThreatChangeStep::PermanentSecretary {
            mapped_level_changes: compiled.mapped_response(change.from)
                != compiled.mapped_response(change.to),
            sites_changing_level: count(summary.sites_changing_level),
            advised: summary.permanent_secretary_advised,
        },
        &rules.threat_change.advice,
    ));
    reasons
}
