//! Conversions between C and Rust: input text, output strings, engine pointers.

use std::ffi::{CString, c_char};

use spf_core::ErrorCode;

use crate::SpfEngine;
use crate::boundary::{Failure, SpfStatus};

pub(crate) fn null_argument(name: &str) -> Failure {
    Failure::new(
        SpfStatus::NullArgument,
        ErrorCode::NullArgument,
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
            ErrorCode::InvalidUtf8,
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

/// Hands a string to C.
///
/// Every string the library returns is JSON, which writes a NUL character as
/// `\u0000`, so it holds no NUL byte: the scan `CString::new` would make is
/// skipped in release builds (it runs in debug builds and in the tests).
pub(crate) fn output_string(text: String) -> Result<*mut c_char, Failure> {
    if cfg!(debug_assertions) && text.as_bytes().contains(&0) {
        return Err(Failure::new(
            SpfStatus::Internal,
            ErrorCode::Internal,
            "an answer contained a NUL byte",
            "",
        ));
    }
    // SAFETY: no NUL byte inside, as argued above (and checked in debug builds).
    Ok(unsafe { CString::from_vec_unchecked(text.into_bytes()) }.into_raw())
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_string_handed_to_c_is_nul_terminated_and_taken_back_once() {
        let string = output_string(r#"{"a":"é"}"#.to_owned()).ok().unwrap();
        // SAFETY: output_string made a NUL-terminated string.
        let text = unsafe { std::ffi::CStr::from_ptr(string) };
        assert_eq!(text.to_str().unwrap(), r#"{"a":"é"}"#);
        // SAFETY: made by output_string, freed once.
        unsafe { free_string(string) };
        // SAFETY: NULL.
        unsafe { free_string(std::ptr::null_mut()) };
    }

    #[test]
    fn a_nul_inside_an_answer_is_an_internal_failure_in_checked_builds() {
        let result = output_string("a\0b".to_owned());
        if cfg!(debug_assertions) {
            let failure = result.err().unwrap();
            assert_eq!(failure.status, SpfStatus::Internal);
            assert_eq!(failure.error.code, ErrorCode::Internal);
        } else if let Ok(string) = result {
            // SAFETY: made by output_string, freed once.
            unsafe { free_string(string) };
        }
    }

    #[test]
    fn input_text_is_borrowed_for_its_length_and_checked_for_utf8() {
        let bytes = b"abc\xffdef";
        // SAFETY: `bytes` is readable for 3 bytes.
        let text = unsafe { input_str(bytes.as_ptr().cast(), 3, "request") };
        assert_eq!(text.ok(), Some("abc"));
        // SAFETY: `bytes` is readable for its length.
        let failure = unsafe { input_str(bytes.as_ptr().cast(), bytes.len(), "request") }
            .err()
            .unwrap();
        assert_eq!(failure.status, SpfStatus::InvalidUtf8);
        assert!(
            failure.error.message.contains("byte 3"),
            "{}",
            failure.error.message
        );
        // SAFETY: NULL.
        let failure = unsafe { input_str(std::ptr::null(), 0, "request") }
            .err()
            .unwrap();
        assert_eq!(failure.status, SpfStatus::NullArgument);
        assert!(failure.error.message.contains("`request`"));
    }
}
