//! The C enums and the core enums they stand for, value by value.
//!
//! A C value is fixed by the C enum's own explicit discriminant and mapped to
//! core by variant name, never by position in a core list: reordering or
//! extending core's enums cannot renumber the ABI (`tests/abi.rs` pins every
//! documented number). Each C enum also has its wire name in both directions
//! (`spf_breach_kind_name`, `spf_breach_kind_from_name`, …), so C callers need
//! no name tables of their own.

use std::ffi::{CStr, c_char};

use spf_core::breach::{
    Band, BreachKind, Care, Damage, Impact, Level, Organisation, PersonStatus, Route,
};
use spf_core::site::{ResponseLevel, ScheduleStatus, SiteTier, ThreatLevel};
use spf_core::{ErrorCode, ReportedClassification};

use crate::boundary::{Failure, SpfStatus};
use crate::typed::{
    SpfBand, SpfBreachKind, SpfCare, SpfDamage, SpfImpact, SpfLevel, SpfMarking, SpfOrganisation,
    SpfPersonStatus, SpfResponseLevel, SpfRoute, SpfScheduleStatus, SpfSiteTier, SpfThreatLevel,
};

/// A C enum of the typed API and the core value each of its values means.
pub(crate) trait CEnum: Copy + Sized + 'static {
    /// The core type.
    type Core: Copy + PartialEq;
    /// Every value, in C value order.
    const ALL: &'static [Self];
    /// The C value.
    fn value(self) -> u32;
    /// The core value it stands for.
    fn core(self) -> Self::Core;
    /// The wire name of a core value.
    fn wire_name(core: Self::Core) -> &'static str;
    /// The wire name as a static C string.
    fn c_name(self) -> &'static CStr;

    /// The C enum value for a `uint32_t` a caller passed for `field`.
    fn from_value(value: u32, field: &str) -> Result<Self, Failure> {
        Self::ALL
            .iter()
            .copied()
            .find(|c| c.value() == value)
            .ok_or_else(|| {
                let last = Self::ALL.iter().map(|c| c.value()).max().unwrap_or(0);
                Failure::new(
                    SpfStatus::InvalidInput,
                    ErrorCode::UnknownValue,
                    format!("{value} is not a valid value for `{field}` (0 to {last})"),
                    "",
                )
            })
    }

    /// The core value for a `uint32_t` a caller passed for `field`.
    fn core_from_value(value: u32, field: &str) -> Result<Self::Core, Failure> {
        Self::from_value(value, field).map(Self::core)
    }

    /// The C value for a core value (every core value has one; the ABI tests
    /// check it).
    fn from_core(core: Self::Core) -> Result<Self, Failure> {
        Self::ALL
            .iter()
            .copied()
            .find(|c| c.core() == core)
            .ok_or_else(|| {
                Failure::new(
                    SpfStatus::Internal,
                    ErrorCode::Internal,
                    format!("`{}` has no C value", Self::wire_name(core)),
                    "",
                )
            })
    }

    /// The wire name of a C value as a static C string, NULL when the value is
    /// not one of the enum's.
    fn name_of(value: u32) -> *const c_char {
        Self::ALL
            .iter()
            .find(|c| c.value() == value)
            .map_or(std::ptr::null(), |c| c.c_name().as_ptr())
    }

    /// The C value of a wire name.
    fn value_of(name: &str, field: &str) -> Result<u32, Failure> {
        Self::ALL
            .iter()
            .find(|c| Self::wire_name(c.core()) == name)
            .map(|c| c.value())
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL
                    .iter()
                    .map(|c| Self::wire_name(c.core()))
                    .collect();
                Failure::new(
                    SpfStatus::InvalidInput,
                    ErrorCode::UnknownValue,
                    format!(
                        "unknown {field} `{name}`, expected one of `{}`",
                        names.join("`, `")
                    ),
                    "",
                )
            })
    }
}

/// Implements [`CEnum`] for a C enum: each C variant, the core value it
/// stands for, and its wire name as a static C string (no allocation, so
/// nothing outlives a caller's last free; a unit test checks every name
/// against core's own spelling).
macro_rules! c_enum {
    ($c:ident => $core:ty, $name:expr, { $($variant:ident => $core_value:expr, $wire:literal),+ $(,)? }) => {
        impl CEnum for $c {
            type Core = $core;
            const ALL: &'static [Self] = &[$($c::$variant),+];
            fn value(self) -> u32 {
                self as u32
            }
            fn core(self) -> $core {
                match self {
                    $($c::$variant => $core_value),+
                }
            }
            fn wire_name(core: $core) -> &'static str {
                let name: fn($core) -> &'static str = $name;
                name(core)
            }
            fn c_name(self) -> &'static CStr {
                match self {
                    $($c::$variant => $wire),+
                }
            }
        }
    };
}

c_enum!(SpfBreachKind => BreachKind, BreachKind::as_str, {
    LossOfPass => BreachKind::LossOfPass, c"lossOfPass",
    PassNotWorn => BreachKind::PassNotWorn, c"passNotWorn",
    WorkstationLeftUnlocked => BreachKind::WorkstationLeftUnlocked, c"workstationLeftUnlocked",
    ChangeOfCircumstancesNotReported => BreachKind::ChangeOfCircumstancesNotReported, c"changeOfCircumstancesNotReported",
    PassMisuse => BreachKind::PassMisuse, c"passMisuse",
    SensitiveAccessPassMisuse => BreachKind::SensitiveAccessPassMisuse, c"sensitiveAccessPassMisuse",
    PasswordOrAccountSharing => BreachKind::PasswordOrAccountSharing, c"passwordOrAccountSharing",
    OfficialDocumentsNotSecured => BreachKind::OfficialDocumentsNotSecured, c"officialDocumentsNotSecured",
    OfficialMaterialLostThroughNegligence => BreachKind::OfficialMaterialLostThroughNegligence, c"officialMaterialLostThroughNegligence",
    PersonalDataLossOrRelease => BreachKind::PersonalDataLossOrRelease, c"personalDataLossOrRelease",
    SecurityCabinetNotLocked => BreachKind::SecurityCabinetNotLocked, c"securityCabinetNotLocked",
    PortableAssetLostThroughNegligence => BreachKind::PortableAssetLostThroughNegligence, c"portableAssetLostThroughNegligence",
    EquipmentTakenAbroadWithoutAuthority => BreachKind::EquipmentTakenAbroadWithoutAuthority, c"equipmentTakenAbroadWithoutAuthority",
    MisuseOfAssetsOrInformation => BreachKind::MisuseOfAssetsOrInformation, c"misuseOfAssetsOrInformation",
    SignificantChangeOfCircumstancesNotReported => BreachKind::SignificantChangeOfCircumstancesNotReported, c"significantChangeOfCircumstancesNotReported",
    ClassifiedMaterialDisclosed => BreachKind::ClassifiedMaterialDisclosed, c"classifiedMaterialDisclosed",
    SecretMaterialCompromisedThroughNegligence => BreachKind::SecretMaterialCompromisedThroughNegligence, c"secretMaterialCompromisedThroughNegligence",
    CriminalAct => BreachKind::CriminalAct, c"criminalAct",
    SeriousItPolicyBreach => BreachKind::SeriousItPolicyBreach, c"seriousItPolicyBreach",
    ClearDeskFailure => BreachKind::ClearDeskFailure, c"clearDeskFailure",
    SensitiveInformationNotProtected => BreachKind::SensitiveInformationNotProtected, c"sensitiveInformationNotProtected",
    SensitiveDataPassedWithoutAuthority => BreachKind::SensitiveDataPassedWithoutAuthority, c"sensitiveDataPassedWithoutAuthority",
    Other => BreachKind::Other, c"other",
});

/// The marking's wire name: a classification's, or `none`.
fn marking_name(marking: Option<ReportedClassification>) -> &'static str {
    marking.map_or("none", ReportedClassification::as_str)
}

c_enum!(SpfMarking => Option<ReportedClassification>, marking_name, {
    None => None, c"none",
    Official => Some(ReportedClassification::Official), c"official",
    Secret => Some(ReportedClassification::Secret), c"secret",
    TopSecret => Some(ReportedClassification::TopSecret), c"topSecret",
    Unclassified => Some(ReportedClassification::Unclassified), c"unclassified",
    Protect => Some(ReportedClassification::Protect), c"protect",
    Restricted => Some(ReportedClassification::Restricted), c"restricted",
    Confidential => Some(ReportedClassification::Confidential), c"confidential",
});

fn impact_name(impact: Option<Impact>) -> &'static str {
    impact.map_or("notAssessed", Impact::as_str)
}

c_enum!(SpfImpact => Option<Impact>, impact_name, {
    NotAssessed => None, c"notAssessed",
    Low => Some(Impact::Low), c"low",
    Medium => Some(Impact::Medium), c"medium",
    High => Some(Impact::High), c"high",
});

c_enum!(SpfCare => Care, Care::as_str, {
    AvoidableCarelessness => Care::AvoidableCarelessness, c"avoidableCarelessness",
    HighCarelessness => Care::HighCarelessness, c"highCarelessness",
    Recklessness => Care::Recklessness, c"recklessness",
    Deliberate => Care::Deliberate, c"deliberate",
});

c_enum!(SpfDamage => Damage, Damage::as_str, {
    None => Damage::None, c"none",
    Potential => Damage::Potential, c"potential",
    Actual => Damage::Actual, c"actual",
});

c_enum!(SpfPersonStatus => PersonStatus, PersonStatus::as_str, {
    Employee => PersonStatus::Employee, c"employee",
    Probationer => PersonStatus::Probationer, c"probationer",
    Contractor => PersonStatus::Contractor, c"contractor",
    AgencyStaff => PersonStatus::AgencyStaff, c"agencyStaff",
    Minister => PersonStatus::Minister, c"minister",
    SpecialAdviser => PersonStatus::SpecialAdviser, c"specialAdviser",
    PermanentSecretary => PersonStatus::PermanentSecretary, c"permanentSecretary",
    JudicialOfficer => PersonStatus::JudicialOfficer, c"judicialOfficer",
    Other => PersonStatus::Other, c"other",
});

c_enum!(SpfOrganisation => Organisation, Organisation::as_str, {
    Moj => Organisation::Moj, c"moj",
    Hmpps => Organisation::Hmpps, c"hmpps",
    OtherAgency => Organisation::OtherAgency, c"otherAgency",
});

c_enum!(SpfLevel => Level, Level::as_str, {
    Minor => Level::Minor, c"minor",
    Serious => Level::Serious, c"serious",
    Gross => Level::Gross, c"gross",
});

c_enum!(SpfBand => Band, Band::as_str, {
    Green => Band::Green, c"green",
    Amber => Band::Amber, c"amber",
    Red => Band::Red, c"red",
    Black => Band::Black, c"black",
});

c_enum!(SpfRoute => Route, Route::as_str, {
    MojDisciplinaryPolicy => Route::MojDisciplinaryPolicy, c"mojDisciplinaryPolicy",
    HmppsDisciplinaryPolicy => Route::HmppsDisciplinaryPolicy, c"hmppsDisciplinaryPolicy",
    ProbationPolicy => Route::ProbationPolicy, c"probationPolicy",
    ContractManagement => Route::ContractManagement, c"contractManagement",
    MinisterialCode => Route::MinisterialCode, c"ministerialCode",
    SpecialAdviserCode => Route::SpecialAdviserCode, c"specialAdviserCode",
    JudicialConduct => Route::JudicialConduct, c"judicialConduct",
    ArmsLengthBodyArrangements => Route::ArmsLengthBodyArrangements, c"armsLengthBodyArrangements",
    ResponsibleBodyReferral => Route::ResponsibleBodyReferral, c"responsibleBodyReferral",
});

c_enum!(SpfThreatLevel => ThreatLevel, ThreatLevel::as_str, {
    Low => ThreatLevel::Low, c"low",
    Moderate => ThreatLevel::Moderate, c"moderate",
    Substantial => ThreatLevel::Substantial, c"substantial",
    Severe => ThreatLevel::Severe, c"severe",
    Critical => ThreatLevel::Critical, c"critical",
});

c_enum!(SpfResponseLevel => ResponseLevel, ResponseLevel::as_str, {
    Normal => ResponseLevel::Normal, c"normal",
    Heightened => ResponseLevel::Heightened, c"heightened",
    Exceptional => ResponseLevel::Exceptional, c"exceptional",
});

c_enum!(SpfSiteTier => SiteTier, SiteTier::as_str, {
    Low => SiteTier::Low, c"low",
    Moderate => SiteTier::Moderate, c"moderate",
    High => SiteTier::High, c"high",
});

c_enum!(SpfScheduleStatus => ScheduleStatus, ScheduleStatus::as_str, {
    Ok => ScheduleStatus::Ok, c"ok",
    DueSoon => ScheduleStatus::DueSoon, c"dueSoon",
    Due => ScheduleStatus::Due, c"due",
    Overdue => ScheduleStatus::Overdue, c"overdue",
    NeverDone => ScheduleStatus::NeverDone, c"neverDone",
});

/// A wire name given as a pointer and a length, for `…_from_name`.
///
/// # Safety
/// `name` must be NULL or point to `name_len` readable bytes.
pub(crate) unsafe fn value_for_name<E: CEnum>(
    name: *const c_char,
    name_len: usize,
    value_out: *mut u32,
    field: &str,
) -> Result<(), Failure> {
    if value_out.is_null() {
        return Err(crate::convert::null_argument("value_out"));
    }
    // SAFETY: the caller guarantees `name_len` readable bytes at `name`.
    let text = unsafe { crate::convert::input_str(name, name_len, "name") }?;
    let value = E::value_of(text, field)?;
    // SAFETY: checked non-NULL above; the caller passes writable storage.
    unsafe { crate::boundary::write_out(value_out, value) }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    /// The text of a name the enum functions returned, if any.
    fn as_str(name: *const c_char) -> Option<&'static str> {
        if name.is_null() {
            return None;
        }
        // SAFETY: non-NULL names come from the static caches above.
        unsafe { CStr::from_ptr(name) }.to_str().ok()
    }

    fn round_trips<E: CEnum>(every_core: &[E::Core]) {
        for core in every_core {
            let c = E::from_core(*core).unwrap();
            assert!(c.core() == *core);
            let name = E::wire_name(*core);
            assert_eq!(as_str(E::name_of(c.value())), Some(name));
            assert_eq!(c.c_name().to_str().unwrap(), name);
            assert_eq!(E::value_of(name, "field").unwrap(), c.value());
        }
        assert_eq!(E::ALL.len(), every_core.len(), "C and core differ in size");
        assert!(E::name_of(u32::MAX).is_null());
        assert!(E::value_of("notAName", "field").is_err());
    }

    #[test]
    fn every_core_value_has_one_c_value_and_its_name() {
        round_trips::<SpfBreachKind>(&BreachKind::ALL);
        round_trips::<SpfCare>(&Care::ALL);
        round_trips::<SpfDamage>(&[Damage::None, Damage::Potential, Damage::Actual]);
        round_trips::<SpfPersonStatus>(&PersonStatus::ALL);
        round_trips::<SpfOrganisation>(&Organisation::ALL);
        round_trips::<SpfLevel>(&Level::ALL);
        round_trips::<SpfBand>(&Band::ALL);
        round_trips::<SpfRoute>(&Route::ALL);
        round_trips::<SpfThreatLevel>(&ThreatLevel::ALL);
        round_trips::<SpfResponseLevel>(&ResponseLevel::ALL);
        round_trips::<SpfSiteTier>(&SiteTier::ALL);
        round_trips::<SpfScheduleStatus>(&ScheduleStatus::ALL);
        let markings: Vec<Option<ReportedClassification>> = std::iter::once(None)
            .chain(ReportedClassification::ALL.iter().copied().map(Some))
            .collect();
        round_trips::<SpfMarking>(&markings);
        let impacts: Vec<Option<Impact>> = std::iter::once(None)
            .chain(Impact::ALL.iter().copied().map(Some))
            .collect();
        round_trips::<SpfImpact>(&impacts);
    }
}
