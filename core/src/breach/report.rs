//! What a manager or HR system reports about a breach.

use serde::{Deserialize, Serialize};

use crate::breach::{BreachKind, Care, Damage, Impact, Organisation, PersonStatus};
use crate::date::Date;
use crate::marking::ReportedMarking;

/// The person who committed the breach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a person object with `status` and `organisation`")]
pub struct Person {
    /// Employment status.
    pub status: PersonStatus,
    /// Employing organisation.
    pub organisation: Organisation,
    /// Whether the person holds a security clearance. The change-of-circumstances
    /// kinds apply only to security-cleared personnel. Absent means not cleared.
    #[serde(default)]
    pub security_cleared: bool,
}

impl Person {
    /// An MoJ employee who is not security-cleared.
    #[must_use]
    pub const fn moj_employee() -> Self {
        Self {
            status: PersonStatus::Employee,
            organisation: Organisation::Moj,
            security_cleared: false,
        }
    }
}

/// A breach the same person committed before this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "an earlier breach object with `date` and `kind`")]
pub struct EarlierBreach {
    /// When it happened; must not be after the breach being assessed.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub date: Date,
    /// What kind of breach it was.
    pub kind: BreachKind,
}

/// An information asset the breach involved, and its Information Asset Owner
/// (the corporate policy: information risks are owned "by Information Asset
/// Owners within the business").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "an information asset object with `name` and `owner`")]
pub struct InformationAsset {
    /// The asset's name in the business area's information asset register.
    pub name: String,
    /// Its Information Asset Owner: a name or a post.
    pub owner: String,
}

/// A breach report: everything the assessment needs.
///
/// Wire form (camelCase, unknown fields rejected):
///
/// ```json
/// {
///   "reference": "HR-2026-0042",
///   "kind": "clearDeskFailure",
///   "marking": {"classification": "official"},
///   "care": "avoidableCarelessness",
///   "damage": "none",
///   "previousWarnings": 1,
///   "earlierBreaches": [{"date": "2026-03-02", "kind": "clearDeskFailure"}],
///   "occurred": "2026-09-14",
///   "person": {"status": "employee", "organisation": "moj"},
///   "personalData": true,
///   "informationAsset": {"name": "HR case files", "owner": "Director of People"},
///   "impact": "medium"
/// }
/// ```
///
/// It is read from its wire shape (`report_shape.rs`), not by a derived
/// reader; the `serde` attributes below are that shape's, which the
/// TypeScript declarations and the writer read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a breach report object")]
pub struct BreachReport {
    /// Optional wire schema version; when present it must be 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_version: Option<u32>,
    /// The caller's own reference, echoed in the answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// What happened.
    pub kind: BreachKind,
    /// The marking of the material involved; absent when no marked material was
    /// involved (the policy document says how that is scored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marking: Option<ReportedMarking>,
    /// The degree of care shown.
    pub care: Care,
    /// Damage done.
    #[serde(default)]
    pub damage: Damage,
    /// How many warnings the person had been given before.
    #[serde(default)]
    pub previous_warnings: u32,
    /// The person's earlier breaches.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier_breaches: Vec<EarlierBreach>,
    /// When the breach happened.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub occurred: Date,
    /// Who committed it.
    pub person: Person,
    /// Whether personal data was involved (the Information Asset Owner and the
    /// data protection team are then told). Absent means no.
    #[serde(default, skip_serializing_if = "is_false")]
    pub personal_data: bool,
    /// The information asset involved, when the breach involved one with an
    /// Information Asset Owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub information_asset: Option<InformationAsset>,
    /// The incident's impact, when it has been assessed (a high impact
    /// escalates to the SIRO). Absent means not assessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<Impact>,
}

// serde's `skip_serializing_if` passes a reference.
#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde passes a reference"
)]
fn is_false(value: &bool) -> bool {
    !*value
}

impl BreachReport {
    /// A report with no marking, no damage and no history, by an MoJ employee.
    #[must_use]
    pub fn new(kind: BreachKind, care: Care, occurred: Date) -> Self {
        Self {
            schema_version: None,
            reference: None,
            kind,
            marking: None,
            care,
            damage: Damage::None,
            previous_warnings: 0,
            earlier_breaches: Vec::new(),
            occurred,
            person: Person::moj_employee(),
            personal_data: false,
            information_asset: None,
            impact: None,
        }
    }
}
