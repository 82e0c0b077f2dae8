//! Baseline controls in place: the controls a site records as in place against
//! those the control matrix requires and recommends at its tier and response
//! level (Counter-Terrorist Protection Policy, roles and responsibilities:
//! security officers check "compliance with baseline standards").
//!
//! A control the matrix asks for is in place, missing, or in place but
//! unverified (last verified longer ago than the policy's period). A site that
//! records no controls at all is "not recorded": nothing can be said of its
//! baseline, which is a finding of its own, not one missing control per entry.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::codec::{Pointer, nearest};
use crate::date::Date;
use crate::error::{ErrorCode, Quoted, SpfError};
use crate::site::{ControlId, Site};

/// Whether the matrix requires or recommends a control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Requirement {
    /// Required at the site's tier and response level.
    Required,
    /// Recommended there.
    Recommended,
}

/// Where a control the matrix asks for stands at a site, when it is not simply
/// in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum ControlState {
    /// Not among the controls in place.
    Missing,
    /// In place, but last verified longer ago than the policy's period.
    Unverified,
}

/// One control the matrix asks of a site that is missing or unverified there.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlGap {
    /// Required or recommended.
    pub requirement: Requirement,
    /// Missing or unverified.
    pub state: ControlState,
    /// The control's id.
    pub control: ControlId,
    /// When an unverified control was last verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub verified_on: Option<Date>,
}

/// A site's controls in place against those required and recommended.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Baseline {
    /// Whether the site records its controls in place; when it does not, the
    /// counts are 0, `gaps` is empty and the finding `controlsNotRecorded`
    /// says so.
    pub recorded: bool,
    /// Required controls in place and verified.
    pub required_in_place: u32,
    /// Recommended controls in place and verified.
    pub recommended_in_place: u32,
    /// The required controls that are missing or unverified, then the
    /// recommended ones, each in catalogue order.
    pub gaps: Vec<ControlGap>,
}

impl Baseline {
    /// Whether every required control is in place and verified (false when the
    /// controls are not recorded).
    #[must_use]
    pub fn all_required_in_place(&self) -> bool {
        self.recorded
            && !self
                .gaps
                .iter()
                .any(|gap| gap.requirement == Requirement::Required)
    }
}

/// Sites of a portfolio by the state of their baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BaselineCounts {
    /// Sites with every required control in place and verified.
    pub all_required_in_place: usize,
    /// Sites with at least one required control missing or unverified.
    pub required_gaps: usize,
    /// Sites that record no controls in place.
    pub not_recorded: usize,
}

impl BaselineCounts {
    /// Counts a site whose comparison found `required_gaps` required controls
    /// missing or unverified.
    pub(crate) fn add(&mut self, tally: &BaselineTally, required_gaps: usize) {
        let slot = if !tally.recorded {
            &mut self.not_recorded
        } else if tally.all_required_in_place(required_gaps) {
            &mut self.all_required_in_place
        } else {
            &mut self.required_gaps
        };
        *slot = slot.saturating_add(1);
    }
}

/// A gap at one site of a portfolio.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BaselineGap {
    /// Required or recommended.
    pub requirement: Requirement,
    /// Missing or unverified.
    pub state: ControlState,
    /// The site (shared by the site's gaps).
    pub site_id: Arc<str>,
    /// The control's id.
    pub control: ControlId,
    /// When an unverified control was last verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub verified_on: Option<Date>,
}

/// Checks a site's controls in place: each names a control of the catalogue,
/// once, verified no later than `as_of`. `at` is the site's pointer, built only
/// for an error.
///
/// Cost: linear in the number of controls in place times the catalogue's size
/// (at most 64).
pub(crate) fn check_controls_in_place(
    site: &Site,
    catalogue: &[ControlId],
    as_of: Date,
    at: &dyn Fn() -> Pointer,
) -> Result<(), SpfError> {
    let Some(in_place) = &site.controls_in_place else {
        return Ok(());
    };
    let entry = |i: usize, field: &str| at().key("controlsInPlace").index(i).key(field);
    // Catalogue positions already listed (a catalogue has at most 64 controls).
    let mut seen = 0u64;
    for (i, control) in in_place.iter().enumerate() {
        let Some(position) = catalogue.iter().position(|id| **id == *control.control) else {
            let names: Vec<&str> = catalogue.iter().map(|id| &**id).collect();
            let hint = match nearest(&control.control, &names) {
                Some(near) => format!("; did you mean `{near}`?"),
                None => format!("; expected one of `{}`", names.join("`, `")),
            };
            return Err(SpfError::new(
                ErrorCode::UnknownValue,
                format!(
                    "unknown value `{}` for `control`: the policy's catalogue has no such control{hint}",
                    Quoted(&control.control)
                ),
                entry(i, "control").into_string(),
            ));
        };
        let bit = 1u64
            .checked_shl(u32::try_from(position).unwrap_or(u32::MAX))
            .unwrap_or(0);
        if seen & bit != 0 {
            return Err(SpfError::new(
                ErrorCode::DuplicateEntry,
                format!(
                    "control `{}` is listed twice; list each control in place once",
                    Quoted(&control.control)
                ),
                entry(i, "control").into_string(),
            ));
        }
        seen |= bit;
        if control.verified_on > as_of {
            return Err(SpfError::new(
                ErrorCode::DateOutOfOrder,
                format!(
                    "control `{}` is verified on `{}`, after the assessment date `{as_of}`",
                    Quoted(&control.control),
                    control.verified_on
                ),
                entry(i, "verifiedOn").into_string(),
            ));
        }
    }
    Ok(())
}

/// Compares a checked site's controls in place with those `required` and
/// `recommended` (each in catalogue order). A control last verified before
/// `verified_since` is unverified; `None` (a period reaching before the
/// calendar's start) leaves every control verified.
///
/// Cost: linear in the controls asked for times the controls in place.
pub(crate) fn compare(
    site: &Site,
    required: &[ControlId],
    recommended: &[ControlId],
    verified_since: Option<Date>,
) -> Baseline {
    let mut gaps = Vec::new();
    let counts = compare_into(site, required, recommended, verified_since, &mut gaps);
    Baseline {
        recorded: counts.recorded,
        required_in_place: counts.required_in_place,
        recommended_in_place: counts.recommended_in_place,
        gaps,
    }
}

/// A baseline without its gaps, which [`compare_into`] appends elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BaselineTally {
    pub(crate) recorded: bool,
    pub(crate) required_in_place: u32,
    pub(crate) recommended_in_place: u32,
}

impl BaselineTally {
    /// Whether every required control is in place and verified, given how many
    /// required gaps the comparison appended.
    pub(crate) fn all_required_in_place(&self, required_gaps: usize) -> bool {
        self.recorded && required_gaps == 0
    }
}

/// [`compare`], appending the gaps to `gaps` (required ones first, each part in
/// catalogue order): a whole estate's gaps go to one list, not one per site.
pub(crate) fn compare_into(
    site: &Site,
    required: &[ControlId],
    recommended: &[ControlId],
    verified_since: Option<Date>,
    gaps: &mut Vec<ControlGap>,
) -> BaselineTally {
    let Some(in_place) = &site.controls_in_place else {
        return BaselineTally {
            recorded: false,
            required_in_place: 0,
            recommended_in_place: 0,
        };
    };
    let mut count = |asked: &[ControlId], requirement: Requirement| -> u32 {
        let mut in_place_and_verified = 0u32;
        for control in asked {
            let found = in_place.iter().find(|c| *c.control == **control);
            let state = match found {
                None => Some((ControlState::Missing, None)),
                Some(c) if verified_since.is_some_and(|since| c.verified_on < since) => {
                    Some((ControlState::Unverified, Some(c.verified_on)))
                }
                Some(_) => None,
            };
            match state {
                Some((state, verified_on)) => gaps.push(ControlGap {
                    requirement,
                    state,
                    control: control.clone(),
                    verified_on,
                }),
                None => in_place_and_verified = in_place_and_verified.saturating_add(1),
            }
        }
        in_place_and_verified
    };
    let required_in_place = count(required, Requirement::Required);
    let recommended_in_place = count(recommended, Requirement::Recommended);
    BaselineTally {
        recorded: true,
        required_in_place,
        recommended_in_place,
    }
}
