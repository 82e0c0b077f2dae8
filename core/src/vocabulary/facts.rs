//! The facts of a breach that rules are written in terms of: the degree of care
//! (the matrix columns), the damage, and who the person is.

use serde::{Deserialize, Serialize};

/// The degree of care shown: the four columns of the MoJ Security Breach Matrix,
/// least culpable first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Care {
    /// Column 1: "Carelessness which could have been avoided had guidance been
    /// followed".
    AvoidableCarelessness,
    /// Column 2: "High degree of carelessness shown, bordering on recklessness".
    HighCarelessness,
    /// Column 3: "Almost total lack of care; high degree of negligence or
    /// recklessness".
    Recklessness,
    /// Column 4: "Total lack of care; gross negligence; deliberately reckless
    /// behaviour" (the wire name `deliberate` is short for the last of these;
    /// the column is not limited to deliberate intent).
    Deliberate,
}

impl Care {
    /// Every column, least culpable first.
    pub const ALL: [Care; 4] = [
        Care::AvoidableCarelessness,
        Care::HighCarelessness,
        Care::Recklessness,
        Care::Deliberate,
    ];

    /// Column number in the matrix, 1 to 4.
    #[must_use]
    pub const fn column(self) -> u8 {
        match self {
            Care::AvoidableCarelessness => 1,
            Care::HighCarelessness => 2,
            Care::Recklessness => 3,
            Care::Deliberate => 4,
        }
    }

    /// The column `steps` further right, stopping at column 4.
    #[must_use]
    pub const fn shifted(self, steps: u32) -> Care {
        match (self.column() as u32).saturating_add(steps) {
            1 => Care::AvoidableCarelessness,
            2 => Care::HighCarelessness,
            3 => Care::Recklessness,
            _ => Care::Deliberate,
        }
    }

    /// The column's words in the matrix.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Care::AvoidableCarelessness => {
                "carelessness which could have been avoided had guidance been followed"
            }
            Care::HighCarelessness => {
                "high degree of carelessness shown, bordering on recklessness"
            }
            Care::Recklessness => {
                "almost total lack of care; high degree of negligence or recklessness"
            }
            Care::Deliberate => {
                "total lack of care; gross negligence; deliberately reckless behaviour"
            }
        }
    }

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Care::AvoidableCarelessness => "avoidableCarelessness",
            Care::HighCarelessness => "highCarelessness",
            Care::Recklessness => "recklessness",
            Care::Deliberate => "deliberate",
        }
    }
}

/// Damage done by the breach (POLSBP003's first factor).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Damage {
    /// No damage and none could have followed.
    #[default]
    None,
    /// Damage could have followed but is not known to have.
    Potential,
    /// Damage is known to have followed.
    Actual,
}

impl Damage {
    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Damage::None => "none",
            Damage::Potential => "potential",
            Damage::Actual => "actual",
        }
    }
}

/// An incident's impact, a dimension separate from the misconduct level: the
/// legacy MoJ IT Security Incident Management Policy grades incidents "Low
/// impact", "Medium impact" or "High impact" (POL.IMP.004; domain-facts §1.4).
/// The reporter or the incident manager assesses it; the library does not
/// derive it from the misconduct assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Impact {
    /// Low impact.
    Low,
    /// Medium impact.
    Medium,
    /// High impact: immediate escalation (POL.IMP.004).
    High,
}

impl Impact {
    /// Every impact, lowest first.
    pub const ALL: [Impact; 3] = [Impact::Low, Impact::Medium, Impact::High];

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Impact::Low => "low",
            Impact::Medium => "medium",
            Impact::High => "high",
        }
    }
}

/// The person's relationship to the department (POLSBP004: security procedures
/// apply equally to all of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum PersonStatus {
    /// An employee who has completed probation.
    Employee,
    /// An employee on probation (POLSBP005).
    Probationer,
    /// A contractor.
    Contractor,
    /// Agency staff.
    AgencyStaff,
    /// A minister.
    Minister,
    /// A special adviser.
    SpecialAdviser,
    /// A permanent secretary.
    PermanentSecretary,
    /// A judicial officer.
    JudicialOfficer,
    /// Anyone else who works in the department.
    Other,
}

impl PersonStatus {
    /// Every status.
    pub const ALL: [PersonStatus; 9] = [
        PersonStatus::Employee,
        PersonStatus::Probationer,
        PersonStatus::Contractor,
        PersonStatus::AgencyStaff,
        PersonStatus::Minister,
        PersonStatus::SpecialAdviser,
        PersonStatus::PermanentSecretary,
        PersonStatus::JudicialOfficer,
        PersonStatus::Other,
    ];

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            PersonStatus::Employee => "employee",
            PersonStatus::Probationer => "probationer",
            PersonStatus::Contractor => "contractor",
            PersonStatus::AgencyStaff => "agencyStaff",
            PersonStatus::Minister => "minister",
            PersonStatus::SpecialAdviser => "specialAdviser",
            PersonStatus::PermanentSecretary => "permanentSecretary",
            PersonStatus::JudicialOfficer => "judicialOfficer",
            PersonStatus::Other => "other",
        }
    }
}

/// The organisation the person works for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Organisation {
    /// The Ministry of Justice itself.
    Moj,
    /// HM Prison and Probation Service, which has its own policies (POLSBP003).
    Hmpps,
    /// Another MoJ agency or arm's-length body.
    OtherAgency,
}

impl Organisation {
    /// Every organisation.
    pub const ALL: [Organisation; 3] = [
        Organisation::Moj,
        Organisation::Hmpps,
        Organisation::OtherAgency,
    ];

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Organisation::Moj => "moj",
            Organisation::Hmpps => "hmpps",
            Organisation::OtherAgency => "otherAgency",
        }
    }
}
