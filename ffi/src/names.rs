//! Wire names for the values of every C enum, both ways: the names the JSON
//! entry points and the answers use, so C callers keep no name tables.
//!
//! `spf_X_name(value)` gives a static NUL-terminated name (do not free it), or
//! NULL for a value the enum does not have. `spf_X_from_name(name, len,
//! &value)` gives the value of a name, or `SPF_STATUS_INVALID_INPUT` with code
//! `unknownValue` and the valid names in the message.

use std::ffi::c_char;

use crate::boundary::{SpfStatus, boundary, boundary_value};
use crate::enums::{CEnum, value_for_name};
use crate::typed::{
    SpfBand, SpfBreachKind, SpfCare, SpfDamage, SpfImpact, SpfLevel, SpfMarking, SpfOrganisation,
    SpfPersonStatus, SpfResponseLevel, SpfRoute, SpfScheduleStatus, SpfSiteTier, SpfThreatLevel,
};

/// The wire name of an `SpfBreachKind` value (for example `lossOfPass`); NULL when `value` is
/// not an `SpfBreachKind`. The string is static: do not free it.
#[unsafe(no_mangle)]
pub extern "C" fn spf_breach_kind_name(value: u32) -> *const c_char {
    boundary_value(std::ptr::null(), || SpfBreachKind::name_of(value))
}

/// The `SpfBreachKind` value of a breach kind's wire name (`name_len` bytes of UTF-8), in
/// `*value_out`.
///
/// # Safety
/// `name` must be NULL or point to `name_len` readable bytes; `value_out` must
/// be NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_breach_kind_from_name(
    name: *const c_char,
    name_len: usize,
    value_out: *mut u32,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe {
        value_for_name::<SpfBreachKind>(name, name_len, value_out, "breach kind")
    })
}

/// The wire name of an `SpfMarking` value (for example `none`, `official`, `confidential`); NULL when `value` is
/// not an `SpfMarking`. The string is static: do not free it.
#[unsafe(no_mangle)]
pub extern "C" fn spf_marking_name(value: u32) -> *const c_char {
    boundary_value(std::ptr::null(), || SpfMarking::name_of(value))
}

/// The `SpfMarking` value of a marking's wire name (`name_len` bytes of UTF-8), in
/// `*value_out`.
///
/// # Safety
/// `name` must be NULL or point to `name_len` readable bytes; `value_out` must
/// be NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_marking_from_name(
    name: *const c_char,
    name_len: usize,
    value_out: *mut u32,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe { value_for_name::<SpfMarking>(name, name_len, value_out, "marking") })
}

/// The wire name of an `SpfImpact` value (for example `notAssessed`, `high`); NULL when
/// `value` is not an `SpfImpact`. The string is static: do not free it.
#[unsafe(no_mangle)]
pub extern "C" fn spf_impact_name(value: u32) -> *const c_char {
    boundary_value(std::ptr::null(), || SpfImpact::name_of(value))
}

/// The `SpfImpact` value of an impact's wire name (`name_len` bytes of UTF-8), in
/// `*value_out`.
///
/// # Safety
/// `name` must be NULL or point to `name_len` readable bytes; `value_out` must
/// be NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_impact_from_name(
    name: *const c_char,
    name_len: usize,
    value_out: *mut u32,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe { value_for_name::<SpfImpact>(name, name_len, value_out, "impact") })
}

/// The wire name of an `SpfCare` value (for example `avoidableCarelessness`); NULL when `value` is
/// not an `SpfCare`. The string is static: do not free it.
#[unsafe(no_mangle)]
pub extern "C" fn spf_care_name(value: u32) -> *const c_char {
    boundary_value(std::ptr::null(), || SpfCare::name_of(value))
}

/// The `SpfCare` value of a degree of care's wire name (`name_len` bytes of UTF-8), in
/// `*value_out`.
///
/// # Safety
/// `name` must be NULL or point to `name_len` readable bytes; `value_out` must
/// be NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_care_from_name(
    name: *const c_char,
    name_len: usize,
    value_out: *mut u32,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe { value_for_name::<SpfCare>(name, name_len, value_out, "degree of care") })
}

/// The wire name of an `SpfDamage` value (for example `potential`); NULL when `value` is
/// not an `SpfDamage`. The string is static: do not free it.
#[unsafe(no_mangle)]
pub extern "C" fn spf_damage_name(value: u32) -> *const c_char {
    boundary_value(std::ptr::null(), || SpfDamage::name_of(value))
}

/// The `SpfDamage` value of a damage's wire name (`name_len` bytes of UTF-8), in
/// `*value_out`.
///
/// # Safety
/// `name` must be NULL or point to `name_len` readable bytes; `value_out` must
/// be NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_damage_from_name(
    name: *const c_char,
    name_len: usize,
    value_out: *mut u32,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe { value_for_name::<SpfDamage>(name, name_len, value_out, "damage") })
}

/// The wire name of an `SpfPersonStatus` value (for example `probationer`); NULL when `value` is
/// not an `SpfPersonStatus`. The string is static: do not free it.
#[unsafe(no_mangle)]
pub extern "C" fn spf_person_status_name(value: u32) -> *const c_char {
    boundary_value(std::ptr::null(), || SpfPersonStatus::name_of(value))
}

/// The `SpfPersonStatus` value of a person status's wire name (`name_len` bytes of UTF-8), in
/// `*value_out`.
///
/// # Safety
/// `name` must be NULL or point to `name_len` readable bytes; `value_out` must
/// be NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_person_status_from_name(
    name: *const c_char,
    name_len: usize,
    value_out: *mut u32,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe {
        value_for_name::<SpfPersonStatus>(name, name_len, value_out, "person status")
    })
}

/// The wire name of an `SpfOrganisation` value (for example `hmpps`); NULL when `value` is
/// not an `SpfOrganisation`. The string is static: do not free it.
#[unsafe(no_mangle)]
pub extern "C" fn spf_organisation_name(value: u32) -> *const c_char {
    boundary_value(std::ptr::null(), || SpfOrganisation::name_of(value))
}

/// The `SpfOrganisation` value of a organisation's wire name (`name_len` bytes of UTF-8), in
/// `*value_out`.
///
/// # Safety
/// `name` must be NULL or point to `name_len` readable bytes; `value_out` must
/// be NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_organisation_from_name(
    name: *const c_char,
    name_len: usize,
    value_out: *mut u32,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe {
        value_for_name::<SpfOrganisation>(name, name_len, value_out, "organisation")
    })
}

/// The wire name of an `SpfLevel` value (for example `serious`); NULL when `value` is
/// not an `SpfLevel`. The string is static: do not free it.
#[unsafe(no_mangle)]
pub extern "C" fn spf_level_name(value: u32) -> *const c_char {
    boundary_value(std::ptr::null(), || SpfLevel::name_of(value))
}

/// The `SpfLevel` value of a misconduct level's wire name (`name_len` bytes of UTF-8), in
/// `*value_out`.
///
/// # Safety
/// `name` must be NULL or point to `name_len` readable bytes; `value_out` must
/// be NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_level_from_name(
    name: *const c_char,
    name_len: usize,
    value_out: *mut u32,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe {
        value_for_name::<SpfLevel>(name, name_len, value_out, "misconduct level")
    })
}

/// The wire name of an `SpfBand` value (for example `amber`); NULL when `value` is
/// not an `SpfBand`. The string is static: do not free it.
#[unsafe(no_mangle)]
pub extern "C" fn spf_band_name(value: u32) -> *const c_char {
    boundary_value(std::ptr::null(), || SpfBand::name_of(value))
}

/// The `SpfBand` value of a matrix band's wire name (`name_len` bytes of UTF-8), in
/// `*value_out`.
///
/// # Safety
/// `name` must be NULL or point to `name_len` readable bytes; `value_out` must
/// be NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_band_from_name(
    name: *const c_char,
    name_len: usize,
    value_out: *mut u32,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe { value_for_name::<SpfBand>(name, name_len, value_out, "matrix band") })
}

/// The wire name of an `SpfRoute` value (for example `probationPolicy`); NULL when `value` is
/// not an `SpfRoute`. The string is static: do not free it.
#[unsafe(no_mangle)]
pub extern "C" fn spf_route_name(value: u32) -> *const c_char {
    boundary_value(std::ptr::null(), || SpfRoute::name_of(value))
}

/// The `SpfRoute` value of a handling route's wire name (`name_len` bytes of UTF-8), in
/// `*value_out`.
///
/// # Safety
/// `name` must be NULL or point to `name_len` readable bytes; `value_out` must
/// be NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_route_from_name(
    name: *const c_char,
    name_len: usize,
    value_out: *mut u32,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe { value_for_name::<SpfRoute>(name, name_len, value_out, "handling route") })
}

/// The wire name of an `SpfThreatLevel` value (for example `severe`); NULL when `value` is
/// not an `SpfThreatLevel`. The string is static: do not free it.
#[unsafe(no_mangle)]
pub extern "C" fn spf_threat_level_name(value: u32) -> *const c_char {
    boundary_value(std::ptr::null(), || SpfThreatLevel::name_of(value))
}

/// The `SpfThreatLevel` value of a threat level's wire name (`name_len` bytes of UTF-8), in
/// `*value_out`.
///
/// # Safety
/// `name` must be NULL or point to `name_len` readable bytes; `value_out` must
/// be NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_threat_level_from_name(
    name: *const c_char,
    name_len: usize,
    value_out: *mut u32,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe {
        value_for_name::<SpfThreatLevel>(name, name_len, value_out, "threat level")
    })
}

/// The wire name of an `SpfResponseLevel` value (for example `heightened`); NULL when `value` is
/// not an `SpfResponseLevel`. The string is static: do not free it.
#[unsafe(no_mangle)]
pub extern "C" fn spf_response_level_name(value: u32) -> *const c_char {
    boundary_value(std::ptr::null(), || SpfResponseLevel::name_of(value))
}

/// The `SpfResponseLevel` value of a response level's wire name (`name_len` bytes of UTF-8), in
/// `*value_out`.
///
/// # Safety
/// `name` must be NULL or point to `name_len` readable bytes; `value_out` must
/// be NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_response_level_from_name(
    name: *const c_char,
    name_len: usize,
    value_out: *mut u32,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe {
        value_for_name::<SpfResponseLevel>(name, name_len, value_out, "response level")
    })
}

/// The wire name of an `SpfSiteTier` value (for example `moderate`); NULL when `value` is
/// not an `SpfSiteTier`. The string is static: do not free it.
#[unsafe(no_mangle)]
pub extern "C" fn spf_site_tier_name(value: u32) -> *const c_char {
    boundary_value(std::ptr::null(), || SpfSiteTier::name_of(value))
}

/// The `SpfSiteTier` value of a site tier's wire name (`name_len` bytes of UTF-8), in
/// `*value_out`.
///
/// # Safety
/// `name` must be NULL or point to `name_len` readable bytes; `value_out` must
/// be NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_site_tier_from_name(
    name: *const c_char,
    name_len: usize,
    value_out: *mut u32,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe { value_for_name::<SpfSiteTier>(name, name_len, value_out, "site tier") })
}

/// The wire name of an `SpfScheduleStatus` value (for example `dueSoon`); NULL when `value` is
/// not an `SpfScheduleStatus`. The string is static: do not free it.
#[unsafe(no_mangle)]
pub extern "C" fn spf_schedule_status_name(value: u32) -> *const c_char {
    boundary_value(std::ptr::null(), || SpfScheduleStatus::name_of(value))
}

/// The `SpfScheduleStatus` value of a schedule status's wire name (`name_len` bytes of UTF-8), in
/// `*value_out`.
///
/// # Safety
/// `name` must be NULL or point to `name_len` readable bytes; `value_out` must
/// be NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_schedule_status_from_name(
    name: *const c_char,
    name_len: usize,
    value_out: *mut u32,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe {
        value_for_name::<SpfScheduleStatus>(name, name_len, value_out, "schedule status")
    })
}
