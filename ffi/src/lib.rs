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

pub use batch::{SpfBatchSummary, spf_assess_breach_lines};
pub use boundary::SpfStatus;
pub use error::{spf_last_error_json, spf_last_error_message, spf_status_name};
pub use names::*;
pub use typed::{
    SpfBand, SpfBreachInput, SpfBreachKind, SpfBreachResult, SpfCare, SpfDamage, SpfDate,
    SpfEarlierBreach, SpfLevel, SpfMarking, SpfOrganisation, SpfPersonStatus, SpfResponseLevel,
    SpfRoute, SpfScheduleResult, SpfScheduleStatus, SpfSiteTier, SpfThreatLevel, spf_assess_breach,
    spf_ct_plan_test_status, spf_response_level,
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
const OPERATION_NAMES: [&std::ffi::CStr; 9] = [
    c"assessBreach",
    c"assessBreaches",
    c"siteStatus",
    c"siteStatusById",
    c"portfolio",
    c"responseLevel",
    c"coordinate",
    c"trendReport",
    c"evaluateCompliance",
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
