//! Who co-ordinates the response to an incident (Counter-Terrorist Protection
//! Policy, Co-ordination): the business area locally; MoJ Corporate Business
//! Continuity when more than one business area is affected; and the Strategic
//! Co-ordination Group (Gold), chaired by the NOMS Gold Commander, may take over
//! when front-line services (courts, tribunals, prisons) are significantly
//! affected.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::codec::Pointer;
use crate::error::{ErrorCode, SpfError};
use crate::policy::{Policy, PolicyRef, SCHEMA_VERSION};
use crate::reason::{Reason, Step};

/// An incident to co-ordinate.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a co-ordination request object")]
pub struct CoordinationRequest {
    /// Optional wire schema version; when present it must be 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_version: Option<u32>,
    /// The business areas affected (groups, agencies, arm's-length bodies);
    /// at least one. Names are compared after trimming, ignoring case.
    pub business_areas_affected: Vec<String>,
    /// Whether delivery of front-line services (courts, tribunals, prisons) is
    /// significantly affected.
    pub front_line_services_significantly_affected: bool,
}

/// Who co-ordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Coordinator {
    /// The affected business area's own emergency response arrangements.
    Local,
    /// MoJ Corporate Business Continuity arrangements, supported by the Corporate
    /// Security and Business Continuity team (liaising with the Civil
    /// Contingencies Secretariat).
    CorporateBusinessContinuity,
    /// The Strategic Co-ordination Group (Gold), chaired by the NOMS Gold
    /// Commander, which may take the co-ordination role.
    StrategicCoordinationGroup,
}

impl Coordinator {
    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Coordinator::Local => "local",
            Coordinator::CorporateBusinessContinuity => "corporateBusinessContinuity",
            Coordinator::StrategicCoordinationGroup => "strategicCoordinationGroup",
        }
    }
}

/// One step of the co-ordination decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(tag = "rule", content = "facts", deny_unknown_fields)]
#[allow(missing_docs)]
pub enum CoordinationStep {
    /// One business area: local arrangements.
    #[serde(rename = "coordination.local", rename_all = "camelCase")]
    Local { business_areas: u32 },
    /// More than one business area: corporate business continuity.
    #[serde(rename = "coordination.corporate", rename_all = "camelCase")]
    Corporate { business_areas: u32 },
    /// Front-line services significantly affected: Gold may take over.
    #[serde(rename = "coordination.strategic")]
    Strategic,
}

impl Step for CoordinationStep {
    fn rule_id(&self) -> &'static str {
        match self {
            CoordinationStep::Local { .. } => "coordination.local",
            CoordinationStep::Corporate { .. } => "coordination.corporate",
            CoordinationStep::Strategic => "coordination.strategic",
        }
    }

    fn explain<W: fmt::Write>(&self, w: &mut W) -> fmt::Result {
        match *self {
            CoordinationStep::Local { .. } => w.write_str(
                "one business area is affected: its own emergency response arrangements co-ordinate",
            ),
            CoordinationStep::Corporate { business_areas } => write!(
                w,
                "{business_areas} business areas are affected: MoJ Corporate Business Continuity arrangements co-ordinate, supported by the Corporate Security and Business Continuity team liaising with the Civil Contingencies Secretariat"
            ),
            CoordinationStep::Strategic => w.write_str(
                "front-line services (courts, tribunals, prisons) are significantly affected: the Strategic Co-ordination Group (Gold), chaired by the NOMS Gold Commander, may take the co-ordination role",
            ),
        }
    }
}

/// The answer: who co-ordinates, and why.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CoordinationAnswer {
    /// Wire schema version of the answer (1).
    pub schema_version: u32,
    /// The policy document that produced it.
    pub policy: PolicyRef,
    /// The highest level that may co-ordinate.
    pub coordinator: Coordinator,
    /// The arrangements in place beneath it: local or corporate business
    /// continuity (Gold "may" take over; these still run).
    pub standing_arrangements: Coordinator,
    /// Distinct business areas affected, sorted.
    pub business_areas: Vec<String>,
    /// The steps, with citations.
    pub reasons: Vec<Reason<CoordinationStep>>,
}

pub(crate) fn coordinate(
    policy: &Policy,
    reference: &PolicyRef,
    request: &CoordinationRequest,
) -> Result<CoordinationAnswer, SpfError> {
    let areas_at = Pointer::root().key("businessAreasAffected");
    let mut seen = BTreeSet::new();
    let mut areas = Vec::new();
    for (i, area) in request.business_areas_affected.iter().enumerate() {
        let name = area.trim();
        if name.is_empty() {
            return Err(SpfError::new(
                ErrorCode::InvalidType,
                "a business area name must not be empty",
                areas_at.index(i).into_string(),
            ));
        }
        if seen.insert(name.to_lowercase()) {
            areas.push(name.to_owned());
        }
    }
    if areas.is_empty() {
        return Err(SpfError::new(
            ErrorCode::InvalidType,
            "at least one affected business area is needed",
            areas_at.into_string(),
        ));
    }
    areas.sort();
    let rules = &policy.counter_terrorism.coordination;
    let count = u32::try_from(areas.len()).unwrap_or(u32::MAX);
    let mut reasons = Vec::with_capacity(2);
    let standing = if areas.len() > 1 {
        reasons.push(Reason::new(
            CoordinationStep::Corporate {
                business_areas: count,
            },
            &rules.corporate_business_continuity,
        ));
        Coordinator::CorporateBusinessContinuity
    } else {
        reasons.push(Reason::new(
            CoordinationStep::Local {
                business_areas: count,
            },
            &rules.local,
        ));
        Coordinator::Local
    };
    let coordinator = if request.front_line_services_significantly_affected {
        reasons.push(Reason::new(
            CoordinationStep::Strategic,
            &rules.strategic_coordination_group,
        ));
        Coordinator::StrategicCoordinationGroup
    } else {
        standing
    };
    Ok(CoordinationAnswer {
        schema_version: SCHEMA_VERSION,
        policy: reference.clone(),
        coordinator,
        standing_arrangements: standing,
        business_areas: areas,
        reasons,
    })
}
