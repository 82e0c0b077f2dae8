//! Conversions between C and Rust: input text, output strings, engine pointers.

use std::ffi::{CString, c_char};

use spf_core::ErrorCode;

use crate::SpfEngine;
use crate::boundary::{Failure, SpfStatus};

pub(crate) fn null_argument(name: &str) -> Failure {
    Failure::new(
        SpfStatus::NullArgument,
        ErrorCode::MissingField,
        format!("argument `{name}` is NULL"),
        "",
    )
}

/// Borrows input text given as a pointer and a length.
///
/// # Safety
/// `text` must be NULL or point to `len` readable bytes that stay valid and
/// unchanged for the lifetime of the returned slice.
pub(crate) unsafe fn input_str<'a>(
    text: *const c_char,
    len: usize,
    name: &str,
) -> Result<&'a str, Failure> {
    if text.is_null() {
        return Err(null_argument(name));
    }
    // SAFETY: non-NULL and, as the caller promises, `len` readable bytes.
    let bytes = unsafe { std::slice::from_raw_parts(text.cast::<u8>(), len) };
    std::str::from_utf8(bytes).map_err(|e| {
        Failure::new(
            SpfStatus::InvalidUtf8,
            ErrorCode::MalformedJson,
            format!(
                "argument `{name}` is not valid UTF-8 (byte {})",
                e.valid_up_to()
            ),
            "",
        )
    })
}

/// Borrows the engine behind a pointer.
///
/// # Safety
/// `engine` must be NULL or a live engine from `spf_engine_new_*`.
pub(crate) unsafe fn engine_ref<'a>(engine: *const SpfEngine) -> Result<&'a SpfEngine, Failure> {
    // SAFETY: NULL or a live engine, as the caller promises.
    unsafe { engine.as_ref() }.ok_or_else(|| null_argument("engine"))
}

/// Hands a string to C. Answers never hold NUL bytes (JSON escapes them), but the
/// function stays total.
pub(crate) fn output_string(text: String) -> Result<*mut c_char, Failure> {
    CString::new(text).map(CString::into_raw).map_err(|_| {
        Failure::new(
            SpfStatus::Internal,
            ErrorCode::Internal,
            "an answer contained a NUL byte",
            "",
        )
    })
}

/// Takes back a string handed to C.
///
/// # Safety
/// `string` must be NULL or come from [`output_string`] and not be freed yet.
pub(crate) unsafe fn free_string(string: *mut c_char) {
    if !string.is_null() {
        // SAFETY: it came from CString::into_raw and is freed once.
        drop(unsafe { CString::from_raw(string) });
    }
}
