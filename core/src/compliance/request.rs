//! The compliance return a business area sends: one status per SPF element,
//! and for a variation its description and the Accounting Officer's agreement.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::compliance::SpfElement;
use crate::date::Date;

/// A business area's SPF compliance return.
///
/// Wire form (camelCase, unknown fields rejected):
///
/// ```json
/// {
///   "businessArea": "HMPPS",
///   "returnDate": "2026-03-31",
///   "elements": [
///     {"element": "riskManagement", "status": "inPlace"},
///     {"element": "appeals", "status": "variation",
///      "variation": {"description": "appeals heard by the agency panel",
///                    "agreement": {"accountingOfficer": "A. Officer",
///                                  "role": "accountingOfficer",
///                                  "agreedOn": "2025-09-01"}}}
///   ]
/// }
/// ```
///
/// Elements may come in any order; each may be listed once. An element left out
/// is reported as missing, not rejected.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a compliance return object")]
pub struct ComplianceReturn {
    /// Optional wire schema version; when present it must be 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_version: Option<u32>,
    /// The business area (group, agency or arm's-length body) making the return;
    /// must not be blank. Answers echo it trimmed.
    pub business_area: String,
    /// The date of the return: agreements are checked as at this day.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub return_date: Date,
    /// The arrangements for each element reported.
    pub elements: Vec<ElementReturn>,
}

impl ComplianceReturn {
    /// A return with no elements reported yet.
    #[must_use]
    pub fn new(business_area: impl Into<String>, return_date: Date) -> Self {
        Self {
            schema_version: None,
            business_area: business_area.into(),
            return_date,
            elements: Vec::new(),
        }
    }
}

/// The arrangements for one element.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "an element return object")]
pub struct ElementReturn {
    /// The SPF element.
    pub element: SpfElement,
    /// How far the business area's arrangements meet it.
    pub status: ElementStatus,
    /// Free text for the return's readers; the evaluation does not use it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// The variation; present exactly when `status` is `variation`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variation: Option<Variation>,
}

impl ElementReturn {
    /// An element with a status and nothing else. For
    /// [`ElementStatus::Variation`] use [`ElementReturn::with_variation`]: a
    /// variation status needs its variation.
    #[must_use]
    pub fn new(element: SpfElement, status: ElementStatus) -> Self {
        Self {
            element,
            status,
            notes: None,
            variation: None,
        }
    }

    /// An element whose local arrangements vary from the SPF.
    #[must_use]
    pub fn with_variation(element: SpfElement, variation: Variation) -> Self {
        Self {
            element,
            status: ElementStatus::Variation,
            notes: None,
            variation: Some(variation),
        }
    }
}

/// How far a business area's arrangements meet an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum ElementStatus {
    /// Arrangements are established.
    InPlace,
    /// Arrangements are established in part.
    Partial,
    /// No arrangements are established.
    NotInPlace,
    /// The requirement does not apply, or local arrangements differ from the
    /// SPF or MoJ arrangements, by a variation the Accounting Officer agrees.
    Variation,
}

impl ElementStatus {
    /// Every status.
    pub const ALL: [ElementStatus; 4] = [
        ElementStatus::InPlace,
        ElementStatus::Partial,
        ElementStatus::NotInPlace,
        ElementStatus::Variation,
    ];

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            ElementStatus::InPlace => "inPlace",
            ElementStatus::Partial => "partial",
            ElementStatus::NotInPlace => "notInPlace",
            ElementStatus::Variation => "variation",
        }
    }
}

impl fmt::Display for ElementStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A variation from the SPF: where, on an exception basis, a requirement should
/// not apply or local arrangements do not comply with the SPF or MoJ
/// arrangements.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a variation object")]
pub struct Variation {
    /// What varies and why; must not be blank.
    pub description: String,
    /// The relevant Accounting Officer's agreement. Missing parts are reported
    /// as an invalid variation, not rejected, so that the return can still be
    /// evaluated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement: Option<Agreement>,
}

impl Variation {
    /// A variation agreed by `accounting_officer`, in the Accounting Officer
    /// role, on `agreed_on`.
    #[must_use]
    pub fn agreed(
        description: impl Into<String>,
        accounting_officer: impl Into<String>,
        agreed_on: Date,
    ) -> Self {
        Self {
            description: description.into(),
            agreement: Some(Agreement {
                accounting_officer: Some(accounting_officer.into()),
                role: Some(AgreementRole::AccountingOfficer),
                agreed_on: Some(agreed_on),
            }),
        }
    }

    /// A variation not (yet) agreed.
    #[must_use]
    pub fn unagreed(description: impl Into<String>) -> Self {
        Self {
            description: description.into(),
            agreement: None,
        }
    }
}

/// The Accounting Officer's agreement to a variation: who agreed, in what role,
/// and when. Missing parts are reported as an invalid variation, so that the
/// rest of the return is still evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "an agreement object")]
pub struct Agreement {
    /// The person who agreed it, named as the Accounting Officer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accounting_officer: Option<String>,
    /// The role they agreed it in: only `accountingOfficer` makes a variation
    /// valid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<AgreementRole>,
    /// When it was agreed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate | undefined"))]
    pub agreed_on: Option<Date>,
}

/// The role in which someone agreed a variation. The corporate security policy
/// names one: "the variation should be agreed by the relevant Accounting
/// Officer". The other roles are named so that a return can say truthfully who
/// agreed, and be told that it is not enough.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum AgreementRole {
    /// The relevant Accounting Officer: the only role that makes a variation
    /// valid.
    AccountingOfficer,
    /// The Departmental Security Officer.
    DepartmentalSecurityOfficer,
    /// The Senior Information Risk Owner.
    SeniorInformationRiskOwner,
    /// A security officer of the business area.
    SecurityOfficer,
    /// The head of the business area.
    HeadOfBusinessArea,
    /// Any other role.
    Other,
}

impl AgreementRole {
    /// Every role.
    pub const ALL: [AgreementRole; 6] = [
        AgreementRole::AccountingOfficer,
        AgreementRole::DepartmentalSecurityOfficer,
        AgreementRole::SeniorInformationRiskOwner,
        AgreementRole::SecurityOfficer,
        AgreementRole::HeadOfBusinessArea,
        AgreementRole::Other,
    ];

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            AgreementRole::AccountingOfficer => "accountingOfficer",
            AgreementRole::DepartmentalSecurityOfficer => "departmentalSecurityOfficer",
            AgreementRole::SeniorInformationRiskOwner => "seniorInformationRiskOwner",
            AgreementRole::SecurityOfficer => "securityOfficer",
            AgreementRole::HeadOfBusinessArea => "headOfBusinessArea",
            AgreementRole::Other => "other",
        }
    }

    /// The role for people, as it reads after "agreed by".
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            AgreementRole::AccountingOfficer => "the Accounting Officer",
            AgreementRole::DepartmentalSecurityOfficer => "the Departmental Security Officer",
            AgreementRole::SeniorInformationRiskOwner => "the Senior Information Risk Owner",
            AgreementRole::SecurityOfficer => "a security officer",
            AgreementRole::HeadOfBusinessArea => "the head of the business area",
            AgreementRole::Other => "someone in another role",
        }
    }
}

impl fmt::Display for AgreementRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
