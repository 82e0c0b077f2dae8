//! The last error of each thread, and reading it from C.

use std::cell::RefCell;
use std::ffi::c_char;

use spf_core::SpfError;

use crate::boundary::{SpfStatus, boundary, boundary_value, write_out};
use crate::convert::output_string;

thread_local! {
    static LAST_ERROR: RefCell<Option<SpfError>> = const { RefCell::new(None) };
}

pub(crate) fn set_last_error(error: SpfError) {
    LAST_ERROR.with(|slot| *slot.borrow_mut() = Some(error));
}

pub(crate) fn clear_last_error() {
    // Most calls succeed after successes: look before writing.
    LAST_ERROR.with(|slot| {
        if slot.borrow().is_some() {
            *slot.borrow_mut() = None;
        }
    });
}

fn last_error() -> Option<SpfError> {
    LAST_ERROR.with(|slot| slot.borrow().clone())
}

/// Copies the text of this thread's last error (`code: message (at /path)`,
/// followed by ` (and N more)` when the input had other problems, which
/// `spf_last_error_json` lists), NUL-terminated, into `buffer`; nothing to
/// free.
///
/// The text holds no NUL before its end: messages quote the caller's text with
/// a NUL shown as `\u0000`, and a NUL in the path (a field name holding one) is
/// written the same way here. `spf_last_error_json` gives the path exactly.
///
/// `*written_out` (if not NULL) receives the text's length without the NUL. If
/// the buffer is too small, nothing is copied, `SPF_STATUS_BUFFER_TOO_SMALL` is
/// returned and `*written_out` receives the size needed including the NUL.
/// Returns `SPF_STATUS_NO_ERROR` when no call on this thread has failed since the
/// last success. Reading the error does not clear it.
///
/// # Safety
/// `buffer` must be NULL or valid for `buffer_len` bytes of writes;
/// `written_out` must be NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_last_error_message(
    buffer: *mut c_char,
    buffer_len: usize,
    written_out: *mut usize,
) -> SpfStatus {
    // `boundary_value`, not `boundary`: reading the error must not replace it.
    boundary_value(SpfStatus::Panic, || {
        let Some(error) = last_error() else {
            return SpfStatus::NoError;
        };
        // SAFETY: forwarded from the caller's promise about both pointers.
        unsafe { copy_message(&c_text(&error), buffer, buffer_len, written_out) }
    })
}

/// An error's text as C reads it, up to the first NUL: core quotes caller text
/// in messages with any NUL escaped, but a path is an exact pointer and may hold
/// one, so it is escaped here, the same way.
fn c_text(error: &SpfError) -> String {
    let text = error.to_string();
    if text.contains('\0') {
        text.replace('\0', "\\u0000")
    } else {
        text
    }
}

/// # Safety
/// As `spf_last_error_message`.
unsafe fn copy_message(
    text: &str,
    buffer: *mut c_char,
    buffer_len: usize,
    written_out: *mut usize,
) -> SpfStatus {
    if buffer.is_null() {
        if !written_out.is_null() {
            // SAFETY: non-NULL, valid for a write as the caller promises.
            unsafe { written_out.write(text.len() + 1) };
        }
        return SpfStatus::BufferTooSmall;
    }
    if buffer_len < text.len() + 1 {
        if !written_out.is_null() {
            // SAFETY: non-NULL, valid for a write as the caller promises.
            unsafe { written_out.write(text.len() + 1) };
        }
        return SpfStatus::BufferTooSmall;
    }
    // SAFETY: the buffer holds at least len + 1 bytes (checked above) and does
    // not overlap our String.
    unsafe {
        std::ptr::copy_nonoverlapping(text.as_ptr(), buffer.cast::<u8>(), text.len());
        buffer.add(text.len()).write(0);
    }
    if !written_out.is_null() {
        // SAFETY: non-NULL, valid for a write as the caller promises.
        unsafe { written_out.write(text.len()) };
    }
    SpfStatus::Ok
}

/// This thread's last error as a JSON document `{"code", "message", "path",
/// "errors"}`: the first problem's code, message and JSON pointer, and in
/// `errors` every problem found in the input as `{"code", "message", "path"}`,
/// the first one first (for a request or policy document with several
/// mistakes, all of them: missing fields, unknown values and fields, values of
/// the wrong type). Free it with `spf_string_free`. Returns `SPF_STATUS_NO_ERROR` when there is
/// none, and `SPF_STATUS_NULL_ARGUMENT` for a NULL `document_out` (the pending
/// error is kept). Reading the error does not clear it.
///
/// # Safety
/// `document_out` must be NULL or valid for a write of a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_last_error_json(document_out: *mut *mut c_char) -> SpfStatus {
    boundary_value(SpfStatus::Panic, || {
        let Some(error) = last_error() else {
            return SpfStatus::NoError;
        };
        // Checked first, and reported without replacing the pending error.
        if document_out.is_null() {
            return SpfStatus::NullArgument;
        }
        let status = boundary(|| {
            let document = output_string(error.to_json())?;
            // SAFETY: NULL is checked inside; otherwise valid for a write.
            unsafe { write_out(document_out, document) }
        });
        // `boundary` cleared the error on success; put the reported one back.
        if status == SpfStatus::Ok {
            set_last_error(error);
        }
        status
    })
}

/// A static, NUL-terminated name for a status, e.g. `"SPF_STATUS_INVALID_JSON"`;
/// unknown values give `"SPF_STATUS_UNKNOWN"`. Do not free it.
#[unsafe(no_mangle)]
pub extern "C" fn spf_status_name(status: i32) -> *const c_char {
    boundary_value(std::ptr::null(), || {
        status_name(status).as_ptr().cast::<c_char>()
    })
}

fn status_name(status: i32) -> &'static str {
    match status {
        0 => "SPF_STATUS_OK\0",
        1 => "SPF_STATUS_NULL_ARGUMENT\0",
        2 => "SPF_STATUS_INVALID_UTF8\0",
        3 => "SPF_STATUS_INVALID_JSON\0",
        4 => "SPF_STATUS_INVALID_INPUT\0",
        5 => "SPF_STATUS_POLICY_INVALID\0",
        6 => "SPF_STATUS_BUFFER_TOO_SMALL\0",
        7 => "SPF_STATUS_PANIC\0",
        8 => "SPF_STATUS_INTERNAL\0",
        9 => "SPF_STATUS_NO_ERROR\0",
        10 => "SPF_STATUS_STREAM_FAILED\0",
        _ => "SPF_STATUS_UNKNOWN\0",
    }
}

#[cfg(test)]
mod tests {
    use spf_core::ErrorCode;

    use super::*;

    #[test]
    fn the_c_text_holds_no_nul_before_its_end() {
        let error = SpfError::new(
            ErrorCode::UnknownField,
            format!("unknown field `{}`", SpfError::quote("a\0b")),
            "/a\0b",
        );
        assert_eq!(
            c_text(&error),
            "unknownField: unknown field `a\\u0000b` (at /a\\u0000b)"
        );
        // The JSON document keeps the exact pointer.
        assert!(error.to_json().contains(r#""path":"/a\u0000b""#));
    }
}
