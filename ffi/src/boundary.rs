//! The panic boundary every exported function runs inside, and the status codes.

use std::panic::{AssertUnwindSafe, catch_unwind};

use spf_core::{ErrorCode, SpfError};

use crate::error::{clear_last_error, set_last_error};

/// The result of every fallible call. Values are explicit and never reused.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpfStatus {
    /// Success; out-parameters were written.
    Ok = 0,
    /// A required pointer argument was NULL.
    NullArgument = 1,
    /// Input text was not valid UTF-8.
    InvalidUtf8 = 2,
    /// Input was empty, not well-formed JSON, or nested too deeply.
    InvalidJson = 3,
    /// Input was well-formed but not valid (unknown field or value, impossible
    /// date, invalid marking, an enum integer out of range, …).
    InvalidInput = 4,
    /// A policy document failed validation.
    PolicyInvalid = 5,
    /// A caller buffer was too small; the needed size was reported.
    BufferTooSmall = 6,
    /// The library panicked; no out-parameter was written. Please report it.
    Panic = 7,
    /// A defect inside the library; please report it.
    Internal = 8,
    /// There is no error to report (no call on this thread has failed).
    NoError = 9,
    /// A streamed batch stopped: its read callback reported a failure or its
    /// write callback refused the answers.
    StreamFailed = 10,
}

/// A failure inside an exported function: its status and the error to record.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) status: SpfStatus,
    pub(crate) error: SpfError,
}

impl From<SpfError> for Failure {
    fn from(error: SpfError) -> Self {
        let status = match error.code {
            ErrorCode::EmptyInput | ErrorCode::MalformedJson | ErrorCode::NestingTooDeep => {
                SpfStatus::InvalidJson
            }
            ErrorCode::NullArgument => SpfStatus::NullArgument,
            ErrorCode::InvalidUtf8 => SpfStatus::InvalidUtf8,
            code if code.is_policy_error() => SpfStatus::PolicyInvalid,
            ErrorCode::StreamFailed => SpfStatus::StreamFailed,
            ErrorCode::Internal => SpfStatus::Internal,
            _ => SpfStatus::InvalidInput,
        };
        Failure { status, error }
    }
}

impl Failure {
    pub(crate) fn new(
        status: SpfStatus,
        code: ErrorCode,
        message: impl Into<String>,
        path: &str,
    ) -> Self {
        Failure {
            status,
            error: SpfError::new(code, message, path),
        }
    }
}

/// Runs an exported function's body: a panic becomes `SPF_STATUS_PANIC` instead
/// of unwinding into C, a failure is recorded as the thread's last error, and a
/// success clears it.
pub(crate) fn boundary(body: impl FnOnce() -> Result<(), Failure>) -> SpfStatus {
    // A panic leaves no out-parameter half-written (they are written last) and
    // no engine changed (engines are never mutated); what a streamed batch
    // already handed to its write callback stays written.
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => {
            clear_last_error();
            SpfStatus::Ok
        }
        Ok(Err(failure)) => {
            let status = failure.status;
            set_last_error(failure.error);
            status
        }
        Err(_) => {
            set_last_error(SpfError::new(
                ErrorCode::Internal,
                "the library panicked; no out-parameter was written",
                "",
            ));
            SpfStatus::Panic
        }
    }
}

/// The boundary for functions that return a value rather than a status (and
/// cannot fail): a panic gives `fallback`.
pub(crate) fn boundary_value<T>(fallback: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(fallback)
}

/// Writes an out-parameter. Callers check it for NULL (by name) before doing
/// any work, so that a NULL out-parameter costs nothing and leaks nothing; the
/// check here only keeps the function sound.
///
/// # Safety
/// `out` must be NULL or valid for a write of `T`.
pub(crate) unsafe fn write_out<T>(out: *mut T, value: T) -> Result<(), Failure> {
    if out.is_null() {
        return Err(crate::convert::null_argument("out-parameter"));
    }
    // SAFETY: non-NULL, and the caller promises it is valid for writes.
    unsafe { out.write(value) };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::panic)]
    fn a_panic_becomes_a_status_not_an_abort() {
        let status = boundary(|| panic!("forced"));
        assert_eq!(status, SpfStatus::Panic);
        let mut buffer = [0 as std::ffi::c_char; 128];
        let mut written = 0usize;
        // SAFETY: a real buffer of the stated size and a real size_t.
        let status = unsafe {
            crate::spf_last_error_message(buffer.as_mut_ptr(), buffer.len(), &mut written)
        };
        assert_eq!(status, SpfStatus::Ok);
        // SAFETY: the library wrote a NUL-terminated string into the buffer.
        let text = unsafe { std::ffi::CStr::from_ptr(buffer.as_ptr()) };
        assert!(text.to_str().unwrap().contains("panicked"));
        assert_eq!(boundary_value(7, || -> i32 { panic!("forced") }), 7);
    }

    #[test]
    fn status_values_are_fixed() {
        let expected = [
            (SpfStatus::Ok, 0),
            (SpfStatus::NullArgument, 1),
            (SpfStatus::InvalidUtf8, 2),
            (SpfStatus::InvalidJson, 3),
            (SpfStatus::InvalidInput, 4),
            (SpfStatus::PolicyInvalid, 5),
            (SpfStatus::BufferTooSmall, 6),
            (SpfStatus::Panic, 7),
            (SpfStatus::Internal, 8),
            (SpfStatus::NoError, 9),
            (SpfStatus::StreamFailed, 10),
        ];
        for (status, value) in expected {
            assert_eq!(status as i32, value);
        }
    }
}
