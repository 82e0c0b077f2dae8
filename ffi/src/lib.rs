//! # spf-ffi: the C ABI of spf
//!
//! `libspf` (static and shared) and its header `include/spf.h`, generated from this
//! crate by cbindgen. This crate converts between C and `spf-core` and holds the
//! panic boundary; it holds no policy logic.
//!
//! Conventions (after rustls-ffi):
//! - every fallible function returns an [`SpfStatus`]; outputs go through trailing
//!   out-parameters, written only on success;
//! - strings in are a pointer and a length (UTF-8, no terminator needed); strings
//!   out are NUL-terminated, allocated by the library and freed only with
//!   [`spf_string_free`];
//! - after a failure, [`spf_last_error_message`] copies the error text into a
//!   caller buffer and [`spf_last_error_json`] gives the `{code, message, path}`
//!   document; both are per thread;
//! - an [`SpfEngine`] is immutable once created: share one across threads freely;
//! - no function unwinds into C: a panic inside the library returns
//!   `SPF_STATUS_PANIC`.

// The C ABI needs raw pointers; every unsafe block says why it is sound.
#![allow(unsafe_code)]
#![deny(clippy::undocumented_unsafe_blocks)]

mod batch;
mod boundary;
mod convert;
mod enums;
mod error;
mod names;
mod operations;
mod typed;

use std::ffi::c_char;

use spf_core::{Engine, SpfError};

pub use batch::{
    SpfBatchSummary, SpfReadFn, SpfWriteFn, spf_assess_breach_lines, spf_assess_breach_stream,
};
pub use boundary::SpfStatus;
pub use error::{spf_last_error_json, spf_last_error_message, spf_status_name};
pub use names::*;
pub use typed::{
    SpfBand, SpfBreachInput, SpfBreachKind, SpfBreachResult, SpfCare, SpfDamage, SpfDate,
    SpfEarlierBreach, SpfImpact, SpfLevel, SpfMarking, SpfOrganisation, SpfPersonStatus,
    SpfResponseLevel, SpfRoute, SpfScheduleResult, SpfScheduleStatus, SpfSiteTier, SpfThreatLevel,
    spf_assess_breach, spf_ct_plan_test_status, spf_response_level,
};

use boundary::{boundary, write_out};
use convert::{input_str, output_string};

/// Major version of the library, as in Cargo.toml.
pub const SPF_VERSION_MAJOR: u32 = 0;
/// Minor version of the library, as in Cargo.toml.
pub const SPF_VERSION_MINOR: u32 = 1;
/// Patch version of the library, as in Cargo.toml.
pub const SPF_VERSION_PATCH: u32 = 0;

/// The caveat bit for SENSITIVE (OFFICIAL only), for `SpfBreachInput::caveats`.
pub const SPF_CAVEAT_SENSITIVE: u32 = 1;
/// The caveat bit for STRAP (SECRET or TOP SECRET only).
pub const SPF_CAVEAT_STRAP: u32 = 2;

/// Flag bit: record centrally as a security incident (always; POLSBP002).
pub const SPF_FLAG_RECORD_CENTRALLY: u32 = 1;
/// Flag bit: a breach notice may be issued (POLSBP006).
pub const SPF_FLAG_BREACH_NOTICE_MAY_BE_ISSUED: u32 = 1 << 1;
/// Flag bit: consult MoJ Security. Set on every answer: the Security Breach
/// Matrix asks every band to consult Security (on green, about the individual
/// circumstances). `SPF_FLAG_CONSULT_SECURITY_BEFORE_ACTING` says how.
pub const SPF_FLAG_CONSULT_SECURITY: u32 = 1 << 2;
/// Flag bit: report to the STRAPSO team (any STRAP material).
pub const SPF_FLAG_REPORT_TO_STRAPSO: u32 = 1 << 3;
/// Flag bit: the police may be involved (criminal acts, black band).
pub const SPF_FLAG_POLICE_MAY_BE_INVOLVED: u32 = 1 << 4;
/// Flag bit: the contract may be cancelled (contractors, agency staff).
pub const SPF_FLAG_CONTRACT_MAY_BE_CANCELLED: u32 = 1 << 5;
/// Flag bit: the manager decides (always; POLSBP003).
pub const SPF_FLAG_MANAGER_DECISION_REQUIRED: u32 = 1 << 6;
/// Flag bit: consult MoJ Security before taking any action (amber band and
/// above); when clear, consult Security about the individual circumstances
/// (green band). The JSON answer's `flags.consultSecurity` is `beforeActing` or
/// `aboutCircumstances`.
pub const SPF_FLAG_CONSULT_SECURITY_BEFORE_ACTING: u32 = 1 << 7;
/// Flag bit: tell the Information Asset Owner (personal data, or an
/// information asset with an owner, was involved; a configurable default).
pub const SPF_FLAG_INFORM_INFORMATION_ASSET_OWNER: u32 = 1 << 8;
/// Flag bit: tell the data protection team (personal data was involved; a
/// configurable default).
pub const SPF_FLAG_INFORM_DATA_PROTECTION_TEAM: u32 = 1 << 9;
/// Flag bit: escalate to the Senior Information Risk Owner (the incident's
/// impact reaches the policy's threshold, high by default; a configurable
/// default).
pub const SPF_FLAG_ESCALATE_TO_SIRO: u32 = 1 << 10;

/// A compiled policy. Immutable once created: one engine may be shared by any
/// number of threads at once. Create with `spf_engine_new_default` or
/// `spf_engine_new_from_json`; free with `spf_engine_free`.
pub struct SpfEngine {
    pub(crate) engine: Engine,
}

static VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");

/// The library version, e.g. `"0.1.0"`: a static NUL-terminated string; do not
/// free it.
#[unsafe(no_mangle)]
pub extern "C" fn spf_version() -> *const c_char {
    boundary::boundary_value(std::ptr::null(), || VERSION.as_ptr().cast::<c_char>())
}

/// Creates an engine for the embedded MoJ default policy.
///
/// On success `*engine_out` receives the engine; free it with
/// `spf_engine_free`.
///
/// # Safety
/// `engine_out` must be NULL or point to writable storage for a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_engine_new_default(engine_out: *mut *mut SpfEngine) -> SpfStatus {
    boundary(|| {
        if engine_out.is_null() {
            return Err(convert::null_argument("engine_out"));
        }
        let engine = Box::new(SpfEngine {
            engine: Engine::moj_default(),
        });
        // SAFETY: checked non-NULL above; the caller passes writable storage.
        unsafe { write_out(engine_out, Box::into_raw(engine)) }
    })
}

/// Creates an engine from a policy document in JSON (UTF-8, `policy_len` bytes).
/// The document is validated and the error names the offending field:
/// `SPF_STATUS_POLICY_INVALID` for rules that fail validation (bands, matrix,
/// missing entries, …), `SPF_STATUS_INVALID_INPUT` for a document of the wrong
/// shape (unknown field, wrong type, impossible date), `SPF_STATUS_INVALID_JSON`
/// for text that is not JSON.
///
/// # Safety
/// `policy` must be NULL or point to `policy_len` readable bytes; `engine_out`
/// must be NULL or point to writable storage for a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_engine_new_from_json(
    policy: *const c_char,
    policy_len: usize,
    engine_out: *mut *mut SpfEngine,
) -> SpfStatus {
    boundary(|| {
        if engine_out.is_null() {
            return Err(convert::null_argument("engine_out"));
        }
        // SAFETY: the caller guarantees `policy_len` readable bytes at `policy`.
        let text = unsafe { input_str(policy, policy_len, "policy") }?;
        let engine = Engine::from_policy_json(text).map_err(SpfError::from)?;
        let engine = Box::new(SpfEngine { engine });
        // SAFETY: checked non-NULL above; the caller passes writable storage.
        unsafe { write_out(engine_out, Box::into_raw(engine)) }
    })
}

/// Frees an engine. NULL is allowed and does nothing. The engine must not be in
/// use by another thread.
///
/// # Safety
/// `engine` must be NULL or a pointer returned by an `spf_engine_new_*`
/// function and not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_engine_free(engine: *mut SpfEngine) {
    boundary::boundary_value((), || {
        if !engine.is_null() {
            // SAFETY: the pointer came from Box::into_raw in spf_engine_new_*
            // and is freed once, as the caller promises.
            drop(unsafe { Box::from_raw(engine) });
        }
    });
}

/// Frees a string the library returned. NULL is allowed and does nothing.
///
/// # Safety
/// `string` must be NULL or a string returned by this library and not yet
/// freed; never pass it to libc `free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_string_free(string: *mut c_char) {
    boundary::boundary_value((), || {
        // SAFETY: the caller passes NULL or a string from `output_string`.
        unsafe { convert::free_string(string) }
    });
}

/// Runs a JSON operation for an entry point: request text in, answer text out.
///
/// # Safety
/// As the entry points: `engine` NULL or live, `request` NULL or `request_len`
/// readable bytes, `answer_out` NULL or writable.
unsafe fn json_call(
    engine: *const SpfEngine,
    request: *const c_char,
    request_len: usize,
    answer_out: *mut *mut c_char,
    operation: spf_core::operations::EntryPoint,
) -> Result<(), boundary::Failure> {
    // SAFETY: the caller passes NULL or a live engine.
    let engine = unsafe { convert::engine_ref(engine) }?;
    if answer_out.is_null() {
        return Err(convert::null_argument("answer_out"));
    }
    // SAFETY: the caller guarantees `request_len` readable bytes.
    let text = unsafe { input_str(request, request_len, "request") }?;
    let answer = output_string(operation(&engine.engine, text)?)?;
    // SAFETY: checked non-NULL above; the caller passes writable storage.
    unsafe { write_out(answer_out, answer) }
}

/// Assesses a breach report given as JSON (see the README's wire format).
///
/// On success `*answer_out` receives the JSON answer (NUL-terminated); free it
/// with `spf_string_free`.
///
/// # Safety
/// `engine` must be NULL or a live engine; `request` must be NULL or point to
/// `request_len` readable bytes; `answer_out` must be NULL or point to writable
/// storage for a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_assess_breach_json(
    engine: *const SpfEngine,
    request: *const c_char,
    request_len: usize,
    answer_out: *mut *mut c_char,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe {
        json_call(
            engine,
            request,
            request_len,
            answer_out,
            spf_core::json::assess_breach,
        )
    })
}

/// Assesses an array of breach reports given as JSON: the answer is an array of
/// the same length, each report's answer (as `spf_assess_breach_json` gives
/// it) or `{"index":N,"error":{...}}` in its place. A bad report does not stop
/// the others; the status is `SPF_OK` unless the request is not an array. For
/// JSON Lines see `spf_assess_breach_lines`.
///
/// On success `*answer_out` receives the JSON answer (NUL-terminated); free it
/// with `spf_string_free`.
///
/// # Safety
/// `engine` must be NULL or a live engine; `request` must be NULL or point to
/// `request_len` readable bytes; `answer_out` must be NULL or point to writable
/// storage for a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_assess_breaches_json(
    engine: *const SpfEngine,
    request: *const c_char,
    request_len: usize,
    answer_out: *mut *mut c_char,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe {
        json_call(
            engine,
            request,
            request_len,
            answer_out,
            spf_core::json::assess_breaches,
        )
    })
}

/// One site's status: request `{"asOf", "threatLevel", "site"}`.
///
/// On success `*answer_out` receives the JSON answer (NUL-terminated); free it
/// with `spf_string_free`.
///
/// # Safety
/// `engine` must be NULL or a live engine; `request` must be NULL or point to
/// `request_len` readable bytes; `answer_out` must be NULL or point to writable
/// storage for a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_site_status_json(
    engine: *const SpfEngine,
    request: *const c_char,
    request_len: usize,
    answer_out: *mut *mut c_char,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe {
        json_call(
            engine,
            request,
            request_len,
            answer_out,
            spf_core::json::site_status,
        )
    })
}

/// One site of an estate, picked by its id: request `{"asOf", "threatLevel",
/// "siteId", "sites": [...]}`. Only that site is read in full. No site with the
/// id is `SPF_STATUS_INVALID_INPUT` with code `unknownValue` at `/siteId`.
///
/// On success `*answer_out` receives the JSON answer (NUL-terminated); free it
/// with `spf_string_free`.
///
/// # Safety
/// `engine` must be NULL or a live engine; `request` must be NULL or point to
/// `request_len` readable bytes; `answer_out` must be NULL or point to writable
/// storage for a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_site_status_by_id_json(
    engine: *const SpfEngine,
    request: *const c_char,
    request_len: usize,
    answer_out: *mut *mut c_char,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe {
        json_call(
            engine,
            request,
            request_len,
            answer_out,
            spf_core::json::site_status_by_id,
        )
    })
}

/// A portfolio report: request `{"asOf", "threatLevel", "sites": [...]}`. Bad
/// sites are listed under `rejected`; only a request that is not a portfolio
/// request at all fails.
///
/// On success `*answer_out` receives the JSON answer (NUL-terminated); free it
/// with `spf_string_free`.
///
/// # Safety
/// `engine` must be NULL or a live engine; `request` must be NULL or point to
/// `request_len` readable bytes; `answer_out` must be NULL or point to writable
/// storage for a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_portfolio_json(
    engine: *const SpfEngine,
    request: *const c_char,
    request_len: usize,
    answer_out: *mut *mut c_char,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe {
        json_call(
            engine,
            request,
            request_len,
            answer_out,
            spf_core::json::portfolio,
        )
    })
}

/// The impact of a change of threat level on an estate: request `{"asOf",
/// "from", "to", "sites": [...]}` with optional `siteIds` (the change applies to
/// those sites only) and `businessAreas` (`[{"name", "securityOfficer"}]`). The
/// answer gives every site's response level before and after, the controls
/// newly required and no longer required, the gaps opened, grouped by business
/// area with the security officer to tell, and the summary for the DSO's advice
/// to the Permanent Secretary. Bad sites are listed under `rejected`.
///
/// On success `*answer_out` receives the JSON answer (NUL-terminated); free it
/// with `spf_string_free`.
///
/// # Safety
/// `engine` must be NULL or a live engine; `request` must be NULL or point to
/// `request_len` readable bytes; `answer_out` must be NULL or point to writable
/// storage for a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_threat_change_json(
    engine: *const SpfEngine,
    request: *const c_char,
    request_len: usize,
    answer_out: *mut *mut c_char,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe {
        json_call(
            engine,
            request,
            request_len,
            answer_out,
            spf_core::json::threat_change,
        )
    })
}

/// The assurance pack for the Executive Management Board and the Permanent
/// Secretary: request `{"asOf", "threatLevel", "from", "to", "sites": [...],
/// "returns": [...], "records": [...]}` (the estate, the business areas'
/// compliance returns and the incident register). The answer gives the
/// estate's standing, each return evaluated with the business areas that made
/// none, the variations to report in the Governance Statement and the invalid
/// ones, the year's breach trends, and a summary. Bad sites, returns and
/// records are listed with their errors, the rest still used.
///
/// On success `*answer_out` receives the JSON answer (NUL-terminated); free it
/// with `spf_string_free`.
///
/// # Safety
/// `engine` must be NULL or a live engine; `request` must be NULL or point to
/// `request_len` readable bytes; `answer_out` must be NULL or point to writable
/// storage for a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_assurance_pack_json(
    engine: *const SpfEngine,
    request: *const c_char,
    request_len: usize,
    answer_out: *mut *mut c_char,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe {
        json_call(
            engine,
            request,
            request_len,
            answer_out,
            spf_core::json::assurance_pack,
        )
    })
}

/// A breach case checked on a date: request `{"asOf", "case": {"report",
/// "recommendation", "events": [...]}}`. The answer gives the case's state,
/// the recommendation and the manager's decision against it (none, lower or
/// higher, with both levels), the events still missing, the targets still to
/// meet, findings and reasons. The events may come in any order.
///
/// On success `*answer_out` receives the JSON answer (NUL-terminated); free it
/// with `spf_string_free`.
///
/// # Safety
/// `engine` must be NULL or a live engine; `request` must be NULL or point to
/// `request_len` readable bytes; `answer_out` must be NULL or point to writable
/// storage for a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_check_case_json(
    engine: *const SpfEngine,
    request: *const c_char,
    request_len: usize,
    answer_out: *mut *mut c_char,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe {
        json_call(
            engine,
            request,
            request_len,
            answer_out,
            spf_core::json::check_case,
        )
    })
}

/// The national security vetting level a role should be assessed for (BPSS,
/// CTC, SC or DV): request `{"asOf", "access": {...}}` with an optional
/// `role` name and `holder` (`{"clearance", "granted", "lastReviewed"}`). The
/// answer gives the level recommended, the criteria the access meets, the
/// holder's clearance against it and its review, the findings
/// (`clearanceBelowNeed`, `clearanceReviewOverdue`, `clearanceReviewDue`,
/// `clearanceReviewDueSoon`) and the reasons.
///
/// On success `*answer_out` receives the JSON answer (NUL-terminated); free it
/// with `spf_string_free`.
///
/// # Safety
/// `engine` must be NULL or a live engine; `request` must be NULL or point to
/// `request_len` readable bytes; `answer_out` must be NULL or point to writable
/// storage for a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_clearance_need_json(
    engine: *const SpfEngine,
    request: *const c_char,
    request_len: usize,
    answer_out: *mut *mut c_char,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe {
        json_call(
            engine,
            request,
            request_len,
            answer_out,
            spf_core::json::clearance_need,
        )
    })
}

/// The third-party register: request `{"asOf", "suppliers": [...]}`. The
/// answer says of each supplier whether the corporate security policy's duty
/// covers it (entrusted with protectively marked or business-critical
/// information, and with unsupervised access to MoJ property) and, if so,
/// whether the control requirements were communicated and its compliance
/// confirmed within the policy's period, with counts per business area and
/// overall. Bad supplier records are listed with their errors, the rest
/// still checked.
///
/// On success `*answer_out` receives the JSON answer (NUL-terminated); free it
/// with `spf_string_free`.
///
/// # Safety
/// `engine` must be NULL or a live engine; `request` must be NULL or point to
/// `request_len` readable bytes; `answer_out` must be NULL or point to writable
/// storage for a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_third_parties_json(
    engine: *const SpfEngine,
    request: *const c_char,
    request_len: usize,
    answer_out: *mut *mut c_char,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe {
        json_call(
            engine,
            request,
            request_len,
            answer_out,
            spf_core::json::third_parties,
        )
    })
}

/// Every decision the engine's policy (compared from) and another policy
/// document (compared to) make differently: request `{"policy": {...}}`. The
/// answer enumerates every class of breach report and of site, says how many
/// there are, groups those whose answer differs by what changes (with both
/// answers, reasons included, for one class of each group), and lists the
/// documents' differences by JSON pointer. An invalid policy in the request
/// gives its validation errors, pointed into it (`/policy/...`). Takes about
/// a second.
///
/// On success `*answer_out` receives the JSON answer (NUL-terminated); free it
/// with `spf_string_free`.
///
/// # Safety
/// `engine` must be NULL or a live engine; `request` must be NULL or point to
/// `request_len` readable bytes; `answer_out` must be NULL or point to writable
/// storage for a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_policy_diff_json(
    engine: *const SpfEngine,
    request: *const c_char,
    request_len: usize,
    answer_out: *mut *mut c_char,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe {
        json_call(
            engine,
            request,
            request_len,
            answer_out,
            spf_core::json::policy_diff,
        )
    })
}

/// An incident register re-assessed under the engine's policy (compared
/// from) and another policy document (compared to): request `{"policy":
/// {...}, "records": [...]}`. The answer counts the records whose
/// recommendation changes by level, kind and business area and lists them;
/// bad records are listed with their errors, the rest still used.
///
/// On success `*answer_out` receives the JSON answer (NUL-terminated); free it
/// with `spf_string_free`.
///
/// # Safety
/// `engine` must be NULL or a live engine; `request` must be NULL or point to
/// `request_len` readable bytes; `answer_out` must be NULL or point to writable
/// storage for a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_policy_impact_json(
    engine: *const SpfEngine,
    request: *const c_char,
    request_len: usize,
    answer_out: *mut *mut c_char,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe {
        json_call(
            engine,
            request,
            request_len,
            answer_out,
            spf_core::json::policy_impact,
        )
    })
}

/// The manager's guidance POLSBP003 asks each organisation to publish,
/// generated from the engine's policy document: request `{"format":
/// "markdown"}` or `{"format": "html"}`. The answer carries the policy's id
/// and version, the format and the guidance text (Markdown, or one
/// self-contained accessible HTML page).
///
/// On success `*answer_out` receives the JSON answer (NUL-terminated); free it
/// with `spf_string_free`.
///
/// # Safety
/// `engine` must be NULL or a live engine; `request` must be NULL or point to
/// `request_len` readable bytes; `answer_out` must be NULL or point to writable
/// storage for a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_policy_guidance_json(
    engine: *const SpfEngine,
    request: *const c_char,
    request_len: usize,
    answer_out: *mut *mut c_char,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe {
        json_call(
            engine,
            request,
            request_len,
            answer_out,
            spf_core::json::policy_guidance,
        )
    })
}

/// Who co-ordinates an incident: request `{"businessAreasAffected": [...],
/// "frontLineServicesSignificantlyAffected": bool}`.
///
/// On success `*answer_out` receives the JSON answer (NUL-terminated); free it
/// with `spf_string_free`.
///
/// # Safety
/// `engine` must be NULL or a live engine; `request` must be NULL or point to
/// `request_len` readable bytes; `answer_out` must be NULL or point to writable
/// storage for a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_coordinate_json(
    engine: *const SpfEngine,
    request: *const c_char,
    request_len: usize,
    answer_out: *mut *mut c_char,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe {
        json_call(
            engine,
            request,
            request_len,
            answer_out,
            spf_core::json::coordinate,
        )
    })
}

/// A trend report over the central incident register: request `{"from": "YYYY-MM-DD",
/// "to": "YYYY-MM-DD", "records": [...]}` (optional `"schemaVersion": 1`), covering
/// the reporting quarters from the one containing `from` to the one containing
/// `to`. Bad records are listed under `rejected` with their index and error;
/// only a request that is not a trend request at all fails (`to` before `from`
/// is `SPF_STATUS_INVALID_INPUT` with code `dateOutOfOrder` at `/to`).
///
/// On success `*answer_out` receives the JSON answer (NUL-terminated); free it
/// with `spf_string_free`.
///
/// # Safety
/// `engine` must be NULL or a live engine; `request` must be NULL or point to
/// `request_len` readable bytes; `answer_out` must be NULL or point to writable
/// storage for a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_trend_report_json(
    engine: *const SpfEngine,
    request: *const c_char,
    request_len: usize,
    answer_out: *mut *mut c_char,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe {
        json_call(
            engine,
            request,
            request_len,
            answer_out,
            spf_core::json::trend_report,
        )
    })
}

/// Evaluates a business area's SPF compliance return: request
/// `{"businessArea", "returnDate": "YYYY-MM-DD", "elements": [{"element",
/// "status", "variation"?}, ...]}` (optional `"schemaVersion": 1`). The answer
/// lists gaps, variations to report in annual governance and invalid
/// variations. An element listed twice is `SPF_STATUS_INVALID_INPUT` with code
/// `duplicateEntry`.
///
/// On success `*answer_out` receives the JSON answer (NUL-terminated); free it
/// with `spf_string_free`.
///
/// # Safety
/// `engine` must be NULL or a live engine; `request` must be NULL or point to
/// `request_len` readable bytes; `answer_out` must be NULL or point to writable
/// storage for a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_evaluate_compliance_json(
    engine: *const SpfEngine,
    request: *const c_char,
    request_len: usize,
    answer_out: *mut *mut c_char,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe {
        json_call(
            engine,
            request,
            request_len,
            answer_out,
            spf_core::json::evaluate_compliance,
        )
    })
}

/// The response level a threat level maps to: request `{"threatLevel"}`.
///
/// On success `*answer_out` receives the JSON answer (NUL-terminated); free it
/// with `spf_string_free`.
///
/// # Safety
/// `engine` must be NULL or a live engine; `request` must be NULL or point to
/// `request_len` readable bytes; `answer_out` must be NULL or point to writable
/// storage for a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_response_level_json(
    engine: *const SpfEngine,
    request: *const c_char,
    request_len: usize,
    answer_out: *mut *mut c_char,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe {
        json_call(
            engine,
            request,
            request_len,
            answer_out,
            spf_core::json::response_level,
        )
    })
}

/// The engine's policy document as pretty-printed JSON, ready to edit and load
/// back with `spf_engine_new_from_json`.
///
/// # Safety
/// `engine` must be NULL or a live engine; `document_out` must be NULL or point
/// to writable storage for a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_policy_export_json(
    engine: *const SpfEngine,
    document_out: *mut *mut c_char,
) -> SpfStatus {
    boundary(|| {
        if document_out.is_null() {
            return Err(convert::null_argument("document_out"));
        }
        // SAFETY: the caller passes NULL or a live engine.
        let engine = unsafe { convert::engine_ref(engine) }?;
        let document = output_string(engine.engine.policy_json())?;
        // SAFETY: checked non-NULL above; the caller passes writable storage.
        unsafe { write_out(document_out, document) }
    })
}

/// The operations' names, in the order of `spf_core::operations::OPERATIONS`,
/// as static C strings (a unit test checks they match the table).
const OPERATION_NAMES: [&std::ffi::CStr; 17] = [
    c"assessBreach",
    c"assessBreaches",
    c"siteStatus",
    c"siteStatusById",
    c"portfolio",
    c"responseLevel",
    c"coordinate",
    c"trendReport",
    c"evaluateCompliance",
    c"threatChange",
    c"assurancePack",
    c"checkCase",
    c"clearanceNeed",
    c"thirdParties",
    c"policyDiff",
    c"policyImpact",
    c"policyGuidance",
];

/// The number of JSON operations (`spf_operation_name` numbers them from 0).
#[unsafe(no_mangle)]
pub extern "C" fn spf_operation_count() -> usize {
    boundary::boundary_value(0, || spf_core::operations::OPERATIONS.len())
}

/// The name of JSON operation `index` (for example `"assessBreach"`), as
/// `spf_operation_json` takes it; NULL when `index` is not below
/// `spf_operation_count()`. The string is static: do not free it.
#[unsafe(no_mangle)]
pub extern "C" fn spf_operation_name(index: usize) -> *const c_char {
    boundary::boundary_value(std::ptr::null(), || operations::name(index))
}

/// Runs the JSON operation named `operation` (`operation_len` bytes, for
/// example `"siteStatus"`): the same answer as its own entry point
/// (`spf_site_status_json`). An unknown name is `SPF_STATUS_INVALID_INPUT` with
/// code `unknownValue`, and the message lists the names.
///
/// On success `*answer_out` receives the JSON answer (NUL-terminated); free it
/// with `spf_string_free`.
///
/// # Safety
/// `engine` must be NULL or a live engine; `operation` must be NULL or point to
/// `operation_len` readable bytes; `request` must be NULL or point to
/// `request_len` readable bytes; `answer_out` must be NULL or point to writable
/// storage for a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_operation_json(
    engine: *const SpfEngine,
    operation: *const c_char,
    operation_len: usize,
    request: *const c_char,
    request_len: usize,
    answer_out: *mut *mut c_char,
) -> SpfStatus {
    boundary(|| {
        // SAFETY: the caller guarantees `operation_len` readable bytes.
        let name = unsafe { input_str(operation, operation_len, "operation") }?;
        let entry = operations::find(name)?;
        // SAFETY: forwarded from the caller's promises.
        unsafe { json_call(engine, request, request_len, answer_out, entry) }
    })
}

#[cfg(test)]
mod tests {
    //! Handles, strings and the per-thread error as C uses them: every engine
    //! and string made here is freed here (Miri reports a leak or a double
    //! free as an error; `cargo +nightly miri test -p spf-ffi --lib`).
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use std::ffi::{CStr, c_char};
    use std::ptr::{null, null_mut};

    use super::*;

    const REPORT: &str = r#"{"kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-11-02","person":{"status":"employee","organisation":"moj"}}"#;

    pub(crate) fn new_default() -> *mut SpfEngine {
        let mut engine = null_mut();
        // SAFETY: a real out-parameter.
        let status = unsafe { spf_engine_new_default(&mut engine) };
        assert_eq!(status, SpfStatus::Ok);
        assert!(!engine.is_null());
        engine
    }

    /// Copies a string the library returned and frees it.
    fn take_string(string: *mut c_char) -> String {
        assert!(!string.is_null());
        // SAFETY: the library returned a NUL-terminated string, not yet freed.
        let text = unsafe { CStr::from_ptr(string) }
            .to_str()
            .unwrap()
            .to_owned();
        // SAFETY: returned by the library, freed once.
        unsafe { spf_string_free(string) };
        text
    }

    fn assess(engine: *const SpfEngine, request: &str) -> (SpfStatus, *mut c_char) {
        let mut answer = null_mut();
        // SAFETY: `request` is `request.len()` readable bytes; a real out-parameter.
        let status = unsafe {
            spf_assess_breach_json(engine, request.as_ptr().cast(), request.len(), &mut answer)
        };
        (status, answer)
    }

    /// This thread's last error document, or the status saying why there is none.
    pub(crate) fn last_error_json() -> Result<String, SpfStatus> {
        let mut document = null_mut();
        // SAFETY: a real out-parameter.
        match unsafe { spf_last_error_json(&mut document) } {
            SpfStatus::Ok => Ok(take_string(document)),
            status => Err(status),
        }
    }

    fn last_error_code() -> Option<String> {
        let document: serde_json::Value = serde_json::from_str(&last_error_json().ok()?).unwrap();
        Some(document["code"].as_str().unwrap().to_owned())
    }

    #[test]
    fn an_engine_answers_between_new_and_free_and_the_answer_is_the_callers() {
        let engine = new_default();
        let (status, answer) = assess(engine, REPORT);
        assert_eq!(status, SpfStatus::Ok);
        let answer = take_string(answer);
        // SAFETY: the engine is live until freed below.
        let expected = spf_core::json::assess_breach(unsafe { &(*engine).engine }, REPORT);
        assert_eq!(answer, expected.unwrap());
        assert!(answer.contains(r#""level":"minor""#));
        // SAFETY: made by spf_engine_new_default, freed once.
        unsafe { spf_engine_free(engine) };
        // NULL is allowed and does nothing.
        // SAFETY: NULL.
        unsafe { spf_engine_free(null_mut()) };
        // SAFETY: NULL.
        unsafe { spf_string_free(null_mut()) };
    }

    #[test]
    fn an_exported_policy_loads_back_into_a_second_engine() {
        let first = new_default();
        let mut document = null_mut();
        // SAFETY: a live engine and a real out-parameter.
        let status = unsafe { spf_policy_export_json(first, &mut document) };
        assert_eq!(status, SpfStatus::Ok);
        let exported = take_string(document);
        // SAFETY: freed once; the second engine does not borrow from the first.
        unsafe { spf_engine_free(first) };

        let mut second = null_mut();
        // SAFETY: `exported` is `exported.len()` readable bytes.
        let status = unsafe {
            spf_engine_new_from_json(exported.as_ptr().cast(), exported.len(), &mut second)
        };
        assert_eq!(status, SpfStatus::Ok);
        // The engine keeps no pointer into the caller's text.
        drop(exported.clone());
        let mut again = null_mut();
        // SAFETY: a live engine and a real out-parameter.
        let status = unsafe { spf_policy_export_json(second, &mut again) };
        assert_eq!(status, SpfStatus::Ok);
        assert_eq!(take_string(again), exported);
        // SAFETY: made by spf_engine_new_from_json, freed once.
        unsafe { spf_engine_free(second) };
    }

    #[test]
    fn an_invalid_policy_gives_no_engine_and_the_error_names_the_field() {
        let mut engine = null_mut();
        let document = r#"{"schemaVersion":1,"surprise":true}"#;
        // SAFETY: `document` is `document.len()` readable bytes.
        let status = unsafe {
            spf_engine_new_from_json(document.as_ptr().cast(), document.len(), &mut engine)
        };
        assert_eq!(status, SpfStatus::InvalidInput);
        assert!(engine.is_null(), "no engine is written on failure");
        let error = last_error_json().unwrap();
        assert!(error.contains("surprise"), "{error}");
    }

    #[test]
    fn a_failed_call_leaves_the_out_parameter_and_records_the_error_until_a_success() {
        let engine = new_default();
        let sentinel = c"untouched".as_ptr().cast_mut();
        let mut answer = sentinel;
        let request = "{";
        // SAFETY: `request` is one readable byte; a real out-parameter.
        let status =
            unsafe { spf_assess_breach_json(engine, request.as_ptr().cast(), 1, &mut answer) };
        assert_eq!(status, SpfStatus::InvalidJson);
        assert_eq!(
            answer, sentinel,
            "the out-parameter is written only on success"
        );
        assert_eq!(last_error_code().as_deref(), Some("malformedJson"));
        // Reading does not clear it.
        assert_eq!(last_error_code().as_deref(), Some("malformedJson"));

        let (status, answer) = assess(engine, REPORT);
        assert_eq!(status, SpfStatus::Ok);
        take_string(answer);
        assert_eq!(last_error_json(), Err(SpfStatus::NoError));
        // SAFETY: made by spf_engine_new_default, freed once.
        unsafe { spf_engine_free(engine) };
    }

    #[test]
    fn the_last_error_belongs_to_the_thread_that_failed() {
        let (status, answer) = assess(null(), REPORT);
        assert_eq!(status, SpfStatus::NullArgument);
        assert!(answer.is_null());
        assert_eq!(last_error_code().as_deref(), Some("nullArgument"));

        let other = std::thread::spawn(|| {
            let none = last_error_json();
            let request = [0xff_u8];
            let mut engine = null_mut();
            // SAFETY: one readable byte; a real out-parameter.
            let status =
                unsafe { spf_engine_new_from_json(request.as_ptr().cast(), 1, &mut engine) };
            (none, status, last_error_code())
        })
        .join()
        .unwrap();
        assert_eq!(
            other.0,
            Err(SpfStatus::NoError),
            "a new thread has no error"
        );
        assert_eq!(other.1, SpfStatus::InvalidUtf8);
        assert_eq!(other.2.as_deref(), Some("invalidUtf8"));
        // The other thread's failure did not replace this thread's error.
        assert_eq!(last_error_code().as_deref(), Some("nullArgument"));
    }

    #[test]
    fn the_error_text_is_copied_only_into_a_buffer_big_enough() {
        // SAFETY: NULL out-parameter: the call fails before doing any work.
        let status = unsafe { spf_engine_new_default(null_mut()) };
        assert_eq!(status, SpfStatus::NullArgument);
        let mut needed = 0usize;
        // SAFETY: NULL buffer of length 0 and a real size_t.
        let status = unsafe { spf_last_error_message(null_mut(), 0, &mut needed) };
        assert_eq!(status, SpfStatus::BufferTooSmall);
        let expected = "nullArgument: argument `engine_out` is NULL";
        assert_eq!(needed, expected.len() + 1);

        let mut small = vec![b'#' as c_char; needed - 1];
        let mut written = 0usize;
        // SAFETY: a buffer of the stated length and a real size_t.
        let status =
            unsafe { spf_last_error_message(small.as_mut_ptr(), small.len(), &mut written) };
        assert_eq!(status, SpfStatus::BufferTooSmall);
        assert_eq!(written, needed);
        assert!(
            small.iter().all(|byte| *byte == b'#' as c_char),
            "nothing copied"
        );

        let mut exact = vec![b'#' as c_char; needed];
        // SAFETY: a buffer of the stated length and a real size_t.
        let status =
            unsafe { spf_last_error_message(exact.as_mut_ptr(), exact.len(), &mut written) };
        assert_eq!(status, SpfStatus::Ok);
        assert_eq!(written, expected.len());
        // SAFETY: the library wrote a NUL-terminated string into the buffer.
        let text = unsafe { CStr::from_ptr(exact.as_ptr()) };
        assert_eq!(text.to_str().unwrap(), expected);

        // A NULL document_out is reported without replacing the pending error.
        // SAFETY: NULL.
        let status = unsafe { spf_last_error_json(null_mut()) };
        assert_eq!(status, SpfStatus::NullArgument);
        assert_eq!(last_error_code().as_deref(), Some("nullArgument"));
        assert!(last_error_json().unwrap().contains("engine_out"));
    }

    #[test]
    fn an_operation_by_name_answers_as_its_own_entry_point() {
        let engine = new_default();
        let name = "assessBreach";
        let mut answer = null_mut();
        // SAFETY: both texts are readable for their lengths; a real out-parameter.
        let status = unsafe {
            spf_operation_json(
                engine,
                name.as_ptr().cast(),
                name.len(),
                REPORT.as_ptr().cast(),
                REPORT.len(),
                &mut answer,
            )
        };
        assert_eq!(status, SpfStatus::Ok);
        let by_name = take_string(answer);
        let (status, direct) = assess(engine, REPORT);
        assert_eq!(status, SpfStatus::Ok);
        assert_eq!(by_name, take_string(direct));

        let name = "assessBreachez";
        let mut answer = null_mut();
        // SAFETY: as above.
        let status = unsafe {
            spf_operation_json(
                engine,
                name.as_ptr().cast(),
                name.len(),
                REPORT.as_ptr().cast(),
                REPORT.len(),
                &mut answer,
            )
        };
        assert_eq!(status, SpfStatus::InvalidInput);
        assert!(answer.is_null());
        assert_eq!(last_error_code().as_deref(), Some("unknownValue"));
        // SAFETY: made by spf_engine_new_default, freed once.
        unsafe { spf_engine_free(engine) };
    }

    #[test]
    fn static_strings_are_the_librarys_and_stay_valid() {
        // SAFETY: spf_version returns a static NUL-terminated string.
        let version = unsafe { CStr::from_ptr(spf_version()) };
        assert_eq!(version.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
        assert_eq!(
            spf_operation_count(),
            spf_core::operations::OPERATIONS.len()
        );
        // SAFETY: index 0 exists; a static NUL-terminated string.
        let first = unsafe { CStr::from_ptr(spf_operation_name(0)) };
        assert_eq!(first.to_str().unwrap(), "assessBreach");
        // SAFETY: a static NUL-terminated string.
        let name = unsafe { CStr::from_ptr(spf_status_name(SpfStatus::InvalidJson as i32)) };
        assert_eq!(name.to_str().unwrap(), "SPF_STATUS_INVALID_JSON");
    }
}
