//! Typed entry points for the hot paths: C enums and structs in, a result struct
//! out, no JSON.
//!
//! Enum-valued inputs are plain `uint32_t` fields holding an enum's value: a C
//! caller can put any integer there, and an out-of-range value must be an error,
//! never undefined behaviour. Outputs use the enum types.

use std::cell::RefCell;
use std::ffi::c_char;

use spf_core::breach::{
    BreachKind, BreachReport, Care, ConsultSecurity, EarlierBreach, InformationAsset, Person,
};
use spf_core::{Caveat, Date, ErrorCode, ReportedMarking};

use crate::boundary::{Failure, SpfStatus, boundary, write_out};
use crate::convert::{engine_ref, input_str, null_argument};
use crate::enums::CEnum;
use crate::{
    SPF_CAVEAT_SENSITIVE, SPF_CAVEAT_STRAP, SPF_FLAG_BREACH_NOTICE_MAY_BE_ISSUED,
    SPF_FLAG_CONSULT_SECURITY, SPF_FLAG_CONSULT_SECURITY_BEFORE_ACTING,
    SPF_FLAG_CONTRACT_MAY_BE_CANCELLED, SPF_FLAG_ESCALATE_TO_SIRO,
    SPF_FLAG_INFORM_DATA_PROTECTION_TEAM, SPF_FLAG_INFORM_INFORMATION_ASSET_OWNER,
    SPF_FLAG_MANAGER_DECISION_REQUIRED, SPF_FLAG_POLICE_MAY_BE_INVOLVED, SPF_FLAG_RECORD_CENTRALLY,
    SPF_FLAG_REPORT_TO_STRAPSO, SpfEngine,
};

/// A calendar date. In results, `{0, 0, 0}` stands for "no date"; an optional
/// date argument is a pointer, NULL for none.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SpfDate {
    /// Year, 1 to 9999.
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u32,
    /// Day of the month, 1 to 31.
    pub day: u32,
}

/// Breach kinds, in the order of the policy's lists (values for
/// `SpfBreachInput.kind`).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum SpfBreachKind {
    LossOfPass = 0,
    PassNotWorn = 1,
    WorkstationLeftUnlocked = 2,
    ChangeOfCircumstancesNotReported = 3,
    PassMisuse = 4,
    SensitiveAccessPassMisuse = 5,
    PasswordOrAccountSharing = 6,
    OfficialDocumentsNotSecured = 7,
    OfficialMaterialLostThroughNegligence = 8,
    PersonalDataLossOrRelease = 9,
    SecurityCabinetNotLocked = 10,
    PortableAssetLostThroughNegligence = 11,
    EquipmentTakenAbroadWithoutAuthority = 12,
    MisuseOfAssetsOrInformation = 13,
    SignificantChangeOfCircumstancesNotReported = 14,
    ClassifiedMaterialDisclosed = 15,
    SecretMaterialCompromisedThroughNegligence = 16,
    CriminalAct = 17,
    SeriousItPolicyBreach = 18,
    ClearDeskFailure = 19,
    SensitiveInformationNotProtected = 20,
    SensitiveDataPassedWithoutAuthority = 21,
    Other = 22,
}

/// The incident's impact (values for `SpfBreachInput.impact`), a dimension
/// separate from the misconduct level.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpfImpact {
    /// The impact has not been assessed.
    NotAssessed = 0,
    /// Low impact.
    Low = 1,
    /// Medium impact.
    Medium = 2,
    /// High impact.
    High = 3,
}

/// The marking of the material involved (values for `SpfBreachInput.marking`).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpfMarking {
    /// No marked material was involved.
    None = 0,
    /// OFFICIAL.
    Official = 1,
    /// SECRET.
    Secret = 2,
    /// TOP SECRET.
    TopSecret = 3,
    /// Legacy UNCLASSIFIED.
    Unclassified = 4,
    /// Legacy PROTECT.
    Protect = 5,
    /// Legacy RESTRICTED.
    Restricted = 6,
    /// Legacy CONFIDENTIAL.
    Confidential = 7,
}

/// Degree of care: the breach matrix's four columns (values for
/// `SpfBreachInput.care`).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum SpfCare {
    AvoidableCarelessness = 0,
    HighCarelessness = 1,
    Recklessness = 2,
    Deliberate = 3,
}

/// Damage (values for `SpfBreachInput.damage`).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum SpfDamage {
    None = 0,
    Potential = 1,
    Actual = 2,
}

/// The person's status (values for `SpfBreachInput.person_status`).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum SpfPersonStatus {
    Employee = 0,
    Probationer = 1,
    Contractor = 2,
    AgencyStaff = 3,
    Minister = 4,
    SpecialAdviser = 5,
    PermanentSecretary = 6,
    JudicialOfficer = 7,
    Other = 8,
}

/// The person's organisation (values for `SpfBreachInput.organisation`).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum SpfOrganisation {
    Moj = 0,
    Hmpps = 1,
    OtherAgency = 2,
}

/// A recommended misconduct level.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum SpfLevel {
    Minor = 0,
    Serious = 1,
    Gross = 2,
}

/// A Security Breach Matrix band.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum SpfBand {
    Green = 0,
    Amber = 1,
    Red = 2,
    Black = 3,
}

/// A handling route. What to do is the `breach.route` reason's `label` in the
/// JSON answer.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpfRoute {
    /// The MoJ Disciplinary Policy.
    MojDisciplinaryPolicy = 0,
    /// HMPPS's own disciplinary policy.
    HmppsDisciplinaryPolicy = 1,
    /// The probation policy (staff on probation).
    ProbationPolicy = 2,
    /// Contract management; the contract may be cancelled.
    ContractManagement = 3,
    /// A minister: referred to the Prime Minister under the Ministerial Code.
    MinisterialCode = 4,
    /// A special adviser: the Code of Conduct for Special Advisers.
    SpecialAdviserCode = 5,
    /// A judicial office holder: the judicial conduct arrangements.
    JudicialConduct = 6,
    /// Another agency or arm's-length body: its own arrangements.
    ArmsLengthBodyArrangements = 7,
    /// Referred to the body responsible for the person's conduct.
    ResponsibleBodyReferral = 8,
}

/// A UK national threat level (values for `threat_level` arguments).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum SpfThreatLevel {
    Low = 0,
    Moderate = 1,
    Substantial = 2,
    Severe = 3,
    Critical = 4,
}

/// A response level.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum SpfResponseLevel {
    Normal = 0,
    Heightened = 1,
    Exceptional = 2,
}

/// A site's risk tier (values for `tier` arguments).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum SpfSiteTier {
    Low = 0,
    Moderate = 1,
    High = 2,
}

/// A schedule's standing on a day.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum SpfScheduleStatus {
    Ok = 0,
    DueSoon = 1,
    Due = 2,
    Overdue = 3,
    NeverDone = 4,
}

/// An earlier breach by the same person.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpfEarlierBreach {
    /// When it happened (not after the breach assessed).
    pub date: SpfDate,
    /// Its kind: an `SpfBreachKind` value.
    pub kind: u32,
}

/// A breach report for `spf_assess_breach`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct SpfBreachInput {
    /// An `SpfBreachKind` value.
    pub kind: u32,
    /// An `SpfMarking` value.
    pub marking: u32,
    /// `SPF_CAVEAT_*` bits.
    pub caveats: u32,
    /// An `SpfCare` value.
    pub care: u32,
    /// An `SpfDamage` value.
    pub damage: u32,
    /// Warnings given before.
    pub previous_warnings: u32,
    /// Earlier breaches; may be NULL when `earlier_breaches_len` is 0.
    pub earlier_breaches: *const SpfEarlierBreach,
    /// How many earlier breaches.
    pub earlier_breaches_len: usize,
    /// When the breach happened.
    pub occurred: SpfDate,
    /// An `SpfPersonStatus` value.
    pub person_status: u32,
    /// An `SpfOrganisation` value.
    pub organisation: u32,
    /// Whether the person holds a security clearance: 0 (no) or 1 (yes); any
    /// other value is rejected.
    pub security_cleared: u32,
    /// Whether personal data was involved: 0 (no) or 1 (yes); any other value
    /// is rejected.
    pub personal_data: u32,
    /// The incident's impact: an `SpfImpact` value (`SPF_IMPACT_NOT_ASSESSED`
    /// when it has not been assessed).
    pub impact: u32,
    /// The information asset involved: `information_asset_name_len` bytes of
    /// UTF-8, not NUL-terminated. NULL with length 0, and the owner likewise,
    /// when no asset is named; given with its owner or not at all, and a name
    /// of length 0 is blank, an input error. The bytes are read during the
    /// call only.
    pub information_asset_name: *const c_char,
    /// How many bytes `information_asset_name` holds.
    pub information_asset_name_len: usize,
    /// The asset's Information Asset Owner (a name or a post), as
    /// `information_asset_name` is given.
    pub information_asset_owner: *const c_char,
    /// How many bytes `information_asset_owner` holds.
    pub information_asset_owner_len: usize,
}

/// The answer of `spf_assess_breach`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpfBreachResult {
    /// Recommended level; the manager decides.
    pub level: SpfLevel,
    /// Matrix score, 1 to 12.
    pub score: u8,
    /// The score's band.
    pub band: SpfBand,
    /// Handling route.
    pub route: SpfRoute,
    /// `SPF_FLAG_*` bits.
    pub flags: u32,
    /// How many reasons the full answer carries (see
    /// `spf_assess_breach_json` for their text).
    pub reasons: u32,
}

/// The answer of `spf_ct_plan_test_status`. Dates not applicable are
/// `{0, 0, 0}`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpfScheduleResult {
    /// The standing on the day.
    pub status: SpfScheduleStatus,
    /// First day of the warning window.
    pub due_soon_from: SpfDate,
    /// The day it falls due.
    pub due_on: SpfDate,
    /// The last day before it is overdue.
    pub overdue_after: SpfDate,
}

/// A yes-or-no field (`security_cleared`, `personal_data`): 0 or 1.
fn flag(value: u32, field: &str) -> Result<bool, Failure> {
    match value {
        0 => Ok(false),
        1 => Ok(true),
        _ => Err(Failure::new(
            SpfStatus::InvalidInput,
            ErrorCode::UnknownValue,
            format!("{value} is not a valid value for `{field}` (0 to 1)"),
            "",
        )),
    }
}

fn date(value: SpfDate, field: &str) -> Result<Date, Failure> {
    Date::from_ymd(value.year, value.month, value.day).ok_or_else(|| {
        Failure::new(
            SpfStatus::InvalidInput,
            ErrorCode::InvalidDate,
            format!(
                "`{field}` {:04}-{:02}-{:02} is not a real calendar date",
                value.year, value.month, value.day
            ),
            "",
        )
    })
}

fn c_date(value: Option<Date>) -> SpfDate {
    value.map_or_else(SpfDate::default, |d| SpfDate {
        year: d.year(),
        month: d.month(),
        day: d.day(),
    })
}

thread_local! {
    /// A report to fill for each typed call: its vectors keep their capacity, so a
    /// call allocates nothing to describe the breach.
    static SCRATCH: RefCell<BreachReport> = RefCell::new(BreachReport::new(
        BreachKind::Other,
        Care::AvoidableCarelessness,
        Date::EARLIEST,
    ));
}

/// Fills `report` from the C struct, checking every enum value and date.
fn fill(report: &mut BreachReport, input: &SpfBreachInput) -> Result<(), Failure> {
    report.kind = SpfBreachKind::core_from_value(input.kind, "kind")?;
    let classification = SpfMarking::core_from_value(input.marking, "marking")?;
    if input.caveats & !(SPF_CAVEAT_SENSITIVE | SPF_CAVEAT_STRAP) != 0 {
        return Err(Failure::new(
            SpfStatus::InvalidInput,
            ErrorCode::InvalidMarking,
            format!("caveat bits {:#x} are not SPF_CAVEAT_* bits", input.caveats),
            "",
        ));
    }
    let mut caveats = report.marking.take().map(|m| m.caveats).unwrap_or_default();
    caveats.clear();
    if input.caveats & SPF_CAVEAT_SENSITIVE != 0 {
        caveats.push(Caveat::Sensitive);
    }
    if input.caveats & SPF_CAVEAT_STRAP != 0 {
        caveats.push(Caveat::Strap);
    }
    report.marking = match classification {
        Some(classification) => Some(ReportedMarking {
            classification,
            caveats,
        }),
        None if caveats.is_empty() => None,
        None => {
            return Err(Failure::new(
                SpfStatus::InvalidInput,
                ErrorCode::InvalidMarking,
                "caveats need a marking; the marking is SPF_MARKING_NONE",
                "",
            ));
        }
    };
    report.earlier_breaches.clear();
    if input.earlier_breaches_len > 0 {
        if input.earlier_breaches.is_null() {
            return Err(null_argument("earlier_breaches"));
        }
        // SAFETY: non-NULL and, as the caller promises, `earlier_breaches_len`
        // readable elements.
        let items = unsafe {
            std::slice::from_raw_parts(input.earlier_breaches, input.earlier_breaches_len)
        };
        for item in items {
            report.earlier_breaches.push(EarlierBreach {
                date: date(item.date, "earlier_breaches[].date")?,
                kind: SpfBreachKind::core_from_value(item.kind, "earlier_breaches[].kind")?,
            });
        }
    }
    report.schema_version = None;
    report.reference = None;
    report.care = SpfCare::core_from_value(input.care, "care")?;
    report.damage = SpfDamage::core_from_value(input.damage, "damage")?;
    report.previous_warnings = input.previous_warnings;
    report.occurred = date(input.occurred, "occurred")?;
    report.person = Person {
        status: SpfPersonStatus::core_from_value(input.person_status, "person_status")?,
        organisation: SpfOrganisation::core_from_value(input.organisation, "organisation")?,
        security_cleared: flag(input.security_cleared, "security_cleared")?,
    };
    report.personal_data = flag(input.personal_data, "personal_data")?;
    report.impact = SpfImpact::core_from_value(input.impact, "impact")?;
    fill_information_asset(report, input)
}

/// The asset and its owner are given together or not at all; the scratch
/// report's strings are reused, so naming an asset allocates only when a name
/// is longer than any before.
fn fill_information_asset(
    report: &mut BreachReport,
    input: &SpfBreachInput,
) -> Result<(), Failure> {
    let named = |text: *const c_char, len: usize| !text.is_null() || len > 0;
    let (name_given, owner_given) = (
        named(
            input.information_asset_name,
            input.information_asset_name_len,
        ),
        named(
            input.information_asset_owner,
            input.information_asset_owner_len,
        ),
    );
    if !name_given && !owner_given {
        report.information_asset = None;
        return Ok(());
    }
    // SAFETY: NULL or `…_len` readable bytes, as the caller promises; the text
    // is copied before the call returns.
    let name = unsafe {
        input_str(
            input.information_asset_name,
            input.information_asset_name_len,
            "information_asset_name",
        )
    }?;
    // SAFETY: as above.
    let owner = unsafe {
        input_str(
            input.information_asset_owner,
            input.information_asset_owner_len,
            "information_asset_owner",
        )
    }?;
    let asset = report
        .information_asset
        .get_or_insert_with(|| InformationAsset {
            name: String::new(),
            owner: String::new(),
        });
    asset.name.clear();
    asset.name.push_str(name);
    asset.owner.clear();
    asset.owner.push_str(owner);
    Ok(())
}

/// Assesses a breach report given as a struct. On success `*result_out`
/// receives the level, score, band, route and flags.
///
/// # Safety
/// `engine` must be NULL or a live engine; `input` must be NULL or point to a
/// readable `SpfBreachInput` whose `earlier_breaches` points to
/// `earlier_breaches_len` readable elements and whose `information_asset_name`
/// and `information_asset_owner` are each NULL or point to their `…_len`
/// readable bytes; `result_out` must be NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_assess_breach(
    engine: *const SpfEngine,
    input: *const SpfBreachInput,
    result_out: *mut SpfBreachResult,
) -> SpfStatus {
    boundary(|| {
        // SAFETY: NULL or a live engine, as the caller promises.
        let engine = unsafe { engine_ref(engine) }?;
        // SAFETY: NULL or a readable input, as the caller promises.
        let input = unsafe { input.as_ref() }.ok_or_else(|| null_argument("input"))?;
        if result_out.is_null() {
            return Err(null_argument("result_out"));
        }
        let answer = SCRATCH.with(|scratch| {
            let mut report = scratch.borrow_mut();
            fill(&mut report, input)?;
            let answer = engine.engine.assess_breach(&report).map_err(Failure::from);
            // The asset's owner may name a person: the scratch report keeps its
            // capacity, not the caller's text.
            if let Some(asset) = report.information_asset.as_mut() {
                asset.name.clear();
                asset.owner.clear();
            }
            answer
        })?;
        let f = answer.flags;
        let flags = [
            (f.record_centrally, SPF_FLAG_RECORD_CENTRALLY),
            (
                f.breach_notice_may_be_issued,
                SPF_FLAG_BREACH_NOTICE_MAY_BE_ISSUED,
            ),
            // Every band consults Security; the second bit says how.
            (true, SPF_FLAG_CONSULT_SECURITY),
            (
                f.consult_security == ConsultSecurity::BeforeActing,
                SPF_FLAG_CONSULT_SECURITY_BEFORE_ACTING,
            ),
            (f.report_to_strapso, SPF_FLAG_REPORT_TO_STRAPSO),
            (f.police_may_be_involved, SPF_FLAG_POLICE_MAY_BE_INVOLVED),
            (
                f.contract_may_be_cancelled,
                SPF_FLAG_CONTRACT_MAY_BE_CANCELLED,
            ),
            (
                f.manager_decision_required,
                SPF_FLAG_MANAGER_DECISION_REQUIRED,
            ),
            (
                f.inform_information_asset_owner,
                SPF_FLAG_INFORM_INFORMATION_ASSET_OWNER,
            ),
            (
                f.inform_data_protection_team,
                SPF_FLAG_INFORM_DATA_PROTECTION_TEAM,
            ),
            (f.escalate_to_siro, SPF_FLAG_ESCALATE_TO_SIRO),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .fold(0, |bits, (_, bit)| bits | bit);
        let result = SpfBreachResult {
            level: SpfLevel::from_core(answer.level)?,
            score: answer.score,
            band: SpfBand::from_core(answer.band)?,
            route: SpfRoute::from_core(answer.route)?,
            flags,
            reasons: u32::try_from(answer.reasons.len()).unwrap_or(u32::MAX),
        };
        // SAFETY: checked non-NULL above; writable as the caller promises.
        unsafe { write_out(result_out, result) }
    })
}

/// The response level an `SpfThreatLevel` value maps to, before any site
/// override.
///
/// # Safety
/// `engine` must be NULL or a live engine; `response_out` must be NULL or
/// writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_response_level(
    engine: *const SpfEngine,
    threat_level: u32,
    response_out: *mut SpfResponseLevel,
) -> SpfStatus {
    boundary(|| {
        // SAFETY: NULL or a live engine, as the caller promises.
        let engine = unsafe { engine_ref(engine) }?;
        if response_out.is_null() {
            return Err(null_argument("response_out"));
        }
        let threat = SpfThreatLevel::core_from_value(threat_level, "threat_level")?;
        let level = SpfResponseLevel::from_core(engine.engine.response_level_for(threat))?;
        // SAFETY: checked non-NULL above; writable as the caller promises.
        unsafe { write_out(response_out, level) }
    })
}

/// Where a site's CT-plan test stands on `as_of`, for its `SpfSiteTier` value.
/// `last_tested` may be NULL for a plan never tested.
///
/// A test dated after `as_of` fails with `dateOutOfOrder`, and one that would
/// fall due or overdue after 9999-12-31 (the latest date the library handles)
/// with `invalidDate`: a date in the result is `{0, 0, 0}` only when it does
/// not apply (never tested).
///
/// # Safety
/// `engine` must be NULL or a live engine; `last_tested` must be NULL or
/// readable; `result_out` must be NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_ct_plan_test_status(
    engine: *const SpfEngine,
    tier: u32,
    last_tested: *const SpfDate,
    as_of: SpfDate,
    result_out: *mut SpfScheduleResult,
) -> SpfStatus {
    boundary(|| {
        // SAFETY: NULL or a live engine, as the caller promises.
        let engine = unsafe { engine_ref(engine) }?;
        if result_out.is_null() {
            return Err(null_argument("result_out"));
        }
        let tier = SpfSiteTier::core_from_value(tier, "tier")?;
        let as_of = date(as_of, "as_of")?;
        // SAFETY: NULL or readable, as the caller promises.
        let last = match unsafe { last_tested.as_ref() } {
            Some(d) => Some(date(*d, "last_tested")?),
            None => None,
        };
        let schedule = engine.engine.ct_plan_test_schedule(tier, last, as_of)?;
        let result = SpfScheduleResult {
            status: SpfScheduleStatus::from_core(schedule.status)?,
            due_soon_from: c_date(schedule.due_soon_from),
            due_on: c_date(schedule.due_on),
            overdue_after: c_date(schedule.overdue_after),
        };
        // SAFETY: checked non-NULL above; writable as the caller promises.
        unsafe { write_out(result_out, result) }
    })
}
