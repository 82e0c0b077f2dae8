//! The C ABI's numbers are pinned: every enum constant the header declares
//! keeps the number it was published with, whatever happens to core's enums.
//!
//! `PINNED` is the published list. A constant may be added (append it here with
//! its new number); a constant may never change its number or disappear (mark
//! it reserved instead). The Rust values are checked too, so the header and the
//! library cannot disagree.

// Test code; reading the static names needs an unsafe block.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
#![allow(unsafe_code)]

use std::collections::BTreeMap;

use spf::{
    SpfBand, SpfBreachKind, SpfCare, SpfDamage, SpfImpact, SpfLevel, SpfMarking, SpfOrganisation,
    SpfPersonStatus, SpfResponseLevel, SpfRoute, SpfScheduleStatus, SpfSiteTier, SpfStatus,
    SpfThreatLevel,
};

/// Every published enum constant and its number.
const PINNED: &[(&str, u32)] = &[
    ("SPF_STATUS_OK", 0),
    ("SPF_STATUS_NULL_ARGUMENT", 1),
    ("SPF_STATUS_INVALID_UTF8", 2),
    ("SPF_STATUS_INVALID_JSON", 3),
    ("SPF_STATUS_INVALID_INPUT", 4),
    ("SPF_STATUS_POLICY_INVALID", 5),
    ("SPF_STATUS_BUFFER_TOO_SMALL", 6),
    ("SPF_STATUS_PANIC", 7),
    ("SPF_STATUS_INTERNAL", 8),
    ("SPF_STATUS_NO_ERROR", 9),
    ("SPF_STATUS_STREAM_FAILED", 10),
    ("SPF_LEVEL_MINOR", 0),
    ("SPF_LEVEL_SERIOUS", 1),
    ("SPF_LEVEL_GROSS", 2),
    ("SPF_BAND_GREEN", 0),
    ("SPF_BAND_AMBER", 1),
    ("SPF_BAND_RED", 2),
    ("SPF_BAND_BLACK", 3),
    ("SPF_ROUTE_MOJ_DISCIPLINARY_POLICY", 0),
    ("SPF_ROUTE_HMPPS_DISCIPLINARY_POLICY", 1),
    ("SPF_ROUTE_PROBATION_POLICY", 2),
    ("SPF_ROUTE_CONTRACT_MANAGEMENT", 3),
    ("SPF_ROUTE_MINISTERIAL_CODE", 4),
    ("SPF_ROUTE_SPECIAL_ADVISER_CODE", 5),
    ("SPF_ROUTE_JUDICIAL_CONDUCT", 6),
    ("SPF_ROUTE_ARMS_LENGTH_BODY_ARRANGEMENTS", 7),
    ("SPF_ROUTE_RESPONSIBLE_BODY_REFERRAL", 8),
    ("SPF_RESPONSE_LEVEL_NORMAL", 0),
    ("SPF_RESPONSE_LEVEL_HEIGHTENED", 1),
    ("SPF_RESPONSE_LEVEL_EXCEPTIONAL", 2),
    ("SPF_SCHEDULE_STATUS_OK", 0),
    ("SPF_SCHEDULE_STATUS_DUE_SOON", 1),
    ("SPF_SCHEDULE_STATUS_DUE", 2),
    ("SPF_SCHEDULE_STATUS_OVERDUE", 3),
    ("SPF_SCHEDULE_STATUS_NEVER_DONE", 4),
    ("SPF_BREACH_KIND_LOSS_OF_PASS", 0),
    ("SPF_BREACH_KIND_PASS_NOT_WORN", 1),
    ("SPF_BREACH_KIND_WORKSTATION_LEFT_UNLOCKED", 2),
    ("SPF_BREACH_KIND_CHANGE_OF_CIRCUMSTANCES_NOT_REPORTED", 3),
    ("SPF_BREACH_KIND_PASS_MISUSE", 4),
    ("SPF_BREACH_KIND_SENSITIVE_ACCESS_PASS_MISUSE", 5),
    ("SPF_BREACH_KIND_PASSWORD_OR_ACCOUNT_SHARING", 6),
    ("SPF_BREACH_KIND_OFFICIAL_DOCUMENTS_NOT_SECURED", 7),
    (
        "SPF_BREACH_KIND_OFFICIAL_MATERIAL_LOST_THROUGH_NEGLIGENCE",
        8,
    ),
    ("SPF_BREACH_KIND_PERSONAL_DATA_LOSS_OR_RELEASE", 9),
    ("SPF_BREACH_KIND_SECURITY_CABINET_NOT_LOCKED", 10),
    ("SPF_BREACH_KIND_PORTABLE_ASSET_LOST_THROUGH_NEGLIGENCE", 11),
    (
        "SPF_BREACH_KIND_EQUIPMENT_TAKEN_ABROAD_WITHOUT_AUTHORITY",
        12,
    ),
    ("SPF_BREACH_KIND_MISUSE_OF_ASSETS_OR_INFORMATION", 13),
    (
        "SPF_BREACH_KIND_SIGNIFICANT_CHANGE_OF_CIRCUMSTANCES_NOT_REPORTED",
        14,
    ),
    ("SPF_BREACH_KIND_CLASSIFIED_MATERIAL_DISCLOSED", 15),
    (
        "SPF_BREACH_KIND_SECRET_MATERIAL_COMPROMISED_THROUGH_NEGLIGENCE",
        16,
    ),
    ("SPF_BREACH_KIND_CRIMINAL_ACT", 17),
    ("SPF_BREACH_KIND_SERIOUS_IT_POLICY_BREACH", 18),
    ("SPF_BREACH_KIND_CLEAR_DESK_FAILURE", 19),
    ("SPF_BREACH_KIND_SENSITIVE_INFORMATION_NOT_PROTECTED", 20),
    (
        "SPF_BREACH_KIND_SENSITIVE_DATA_PASSED_WITHOUT_AUTHORITY",
        21,
    ),
    ("SPF_BREACH_KIND_OTHER", 22),
    ("SPF_MARKING_NONE", 0),
    ("SPF_MARKING_OFFICIAL", 1),
    ("SPF_MARKING_SECRET", 2),
    ("SPF_MARKING_TOP_SECRET", 3),
    ("SPF_MARKING_UNCLASSIFIED", 4),
    ("SPF_MARKING_PROTECT", 5),
    ("SPF_MARKING_RESTRICTED", 6),
    ("SPF_MARKING_CONFIDENTIAL", 7),
    ("SPF_CARE_AVOIDABLE_CARELESSNESS", 0),
    ("SPF_CARE_HIGH_CARELESSNESS", 1),
    ("SPF_CARE_RECKLESSNESS", 2),
    ("SPF_CARE_DELIBERATE", 3),
    ("SPF_DAMAGE_NONE", 0),
    ("SPF_DAMAGE_POTENTIAL", 1),
    ("SPF_DAMAGE_ACTUAL", 2),
    ("SPF_IMPACT_NOT_ASSESSED", 0),
    ("SPF_IMPACT_LOW", 1),
    ("SPF_IMPACT_MEDIUM", 2),
    ("SPF_IMPACT_HIGH", 3),
    ("SPF_PERSON_STATUS_EMPLOYEE", 0),
    ("SPF_PERSON_STATUS_PROBATIONER", 1),
    ("SPF_PERSON_STATUS_CONTRACTOR", 2),
    ("SPF_PERSON_STATUS_AGENCY_STAFF", 3),
    ("SPF_PERSON_STATUS_MINISTER", 4),
    ("SPF_PERSON_STATUS_SPECIAL_ADVISER", 5),
    ("SPF_PERSON_STATUS_PERMANENT_SECRETARY", 6),
    ("SPF_PERSON_STATUS_JUDICIAL_OFFICER", 7),
    ("SPF_PERSON_STATUS_OTHER", 8),
    ("SPF_ORGANISATION_MOJ", 0),
    ("SPF_ORGANISATION_HMPPS", 1),
    ("SPF_ORGANISATION_OTHER_AGENCY", 2),
    ("SPF_THREAT_LEVEL_LOW", 0),
    ("SPF_THREAT_LEVEL_MODERATE", 1),
    ("SPF_THREAT_LEVEL_SUBSTANTIAL", 2),
    ("SPF_THREAT_LEVEL_SEVERE", 3),
    ("SPF_THREAT_LEVEL_CRITICAL", 4),
    ("SPF_SITE_TIER_LOW", 0),
    ("SPF_SITE_TIER_MODERATE", 1),
    ("SPF_SITE_TIER_HIGH", 2),
];

/// The enum constants the committed header declares.
fn header_constants() -> BTreeMap<String, u32> {
    let header =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../include/spf.h")).unwrap();
    let mut constants = BTreeMap::new();
    for line in header.lines() {
        let line = line.trim();
        let Some((name, value)) = line.strip_suffix(',').and_then(|l| l.split_once(" = ")) else {
            continue;
        };
        if name.starts_with("SPF_") {
            if let Ok(value) = value.parse::<u32>() {
                assert!(
                    constants.insert(name.to_owned(), value).is_none(),
                    "{name} declared twice"
                );
            }
        }
    }
    constants
}

#[test]
fn every_published_constant_keeps_its_number() {
    let header = header_constants();
    for (name, value) in PINNED {
        match header.get(*name) {
            Some(now) => assert_eq!(
                now, value,
                "{name} was published as {value} and is now {now}: C callers would silently get another value"
            ),
            None => panic!("{name} was published and is gone from the header: keep it (reserved)"),
        }
    }
    for (name, value) in &header {
        assert!(
            PINNED.iter().any(|(pinned, _)| pinned == name),
            "{name} = {value} is new: add it to PINNED in ffi/tests/abi.rs"
        );
    }
    assert!(header.len() >= 80, "only {} constants read", header.len());
}

/// The Rust enums give the same numbers as the published list.
#[test]
fn the_rust_enums_have_the_published_numbers() {
    let pinned: BTreeMap<&str, u32> = PINNED.iter().copied().collect();
    let checks: &[(&str, u32)] = &[
        (
            "SPF_BREACH_KIND_LOSS_OF_PASS",
            SpfBreachKind::LossOfPass as u32,
        ),
        (
            "SPF_BREACH_KIND_CLEAR_DESK_FAILURE",
            SpfBreachKind::ClearDeskFailure as u32,
        ),
        ("SPF_BREACH_KIND_OTHER", SpfBreachKind::Other as u32),
        ("SPF_MARKING_NONE", SpfMarking::None as u32),
        ("SPF_MARKING_CONFIDENTIAL", SpfMarking::Confidential as u32),
        ("SPF_CARE_DELIBERATE", SpfCare::Deliberate as u32),
        ("SPF_DAMAGE_ACTUAL", SpfDamage::Actual as u32),
        ("SPF_IMPACT_NOT_ASSESSED", SpfImpact::NotAssessed as u32),
        ("SPF_IMPACT_HIGH", SpfImpact::High as u32),
        (
            "SPF_PERSON_STATUS_JUDICIAL_OFFICER",
            SpfPersonStatus::JudicialOfficer as u32,
        ),
        ("SPF_PERSON_STATUS_OTHER", SpfPersonStatus::Other as u32),
        (
            "SPF_ORGANISATION_OTHER_AGENCY",
            SpfOrganisation::OtherAgency as u32,
        ),
        ("SPF_LEVEL_GROSS", SpfLevel::Gross as u32),
        ("SPF_BAND_BLACK", SpfBand::Black as u32),
        (
            "SPF_ROUTE_CONTRACT_MANAGEMENT",
            SpfRoute::ContractManagement as u32,
        ),
        (
            "SPF_ROUTE_RESPONSIBLE_BODY_REFERRAL",
            SpfRoute::ResponsibleBodyReferral as u32,
        ),
        ("SPF_THREAT_LEVEL_CRITICAL", SpfThreatLevel::Critical as u32),
        (
            "SPF_RESPONSE_LEVEL_EXCEPTIONAL",
            SpfResponseLevel::Exceptional as u32,
        ),
        ("SPF_SITE_TIER_HIGH", SpfSiteTier::High as u32),
        (
            "SPF_SCHEDULE_STATUS_NEVER_DONE",
            SpfScheduleStatus::NeverDone as u32,
        ),
        ("SPF_STATUS_OK", SpfStatus::Ok as u32),
        ("SPF_STATUS_PANIC", SpfStatus::Panic as u32),
    ];
    for (name, value) in checks {
        assert_eq!(pinned.get(name), Some(value), "{name}");
    }
}

/// Values go to core by name, not by position: every C breach kind's wire name
/// is the name of the core kind it stands for, whatever order core lists them.
#[test]
fn c_values_reach_core_by_name() {
    for (name, value) in PINNED
        .iter()
        .filter(|(n, _)| n.starts_with("SPF_BREACH_KIND_"))
    {
        let wire = spf::spf_breach_kind_name(*value);
        assert!(!wire.is_null(), "{name} has no wire name");
        // SAFETY: a non-NULL name is a static NUL-terminated string.
        let wire = unsafe { std::ffi::CStr::from_ptr(wire) }.to_str().unwrap();
        let constant: String = wire
            .chars()
            .flat_map(|c| {
                let upper = c.is_ascii_uppercase().then_some('_');
                upper
                    .into_iter()
                    .chain(std::iter::once(c.to_ascii_uppercase()))
            })
            .collect();
        assert_eq!(format!("SPF_BREACH_KIND_{constant}"), *name);
        let kind: spf_core::BreachKind = serde_json::from_str(&format!("\"{wire}\"")).unwrap();
        assert_eq!(kind.as_str(), wire);
    }
}
