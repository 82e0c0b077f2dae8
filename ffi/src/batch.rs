//! JSON Lines batches from C: a buffer of breach reports, one per line, in; a
//! buffer of answers, one per line, out.

use std::ffi::c_char;

use spf_core::batch::{self, BatchError, BatchOptions};
use spf_core::{ErrorCode, SpfError};

use crate::SpfEngine;
use crate::boundary::{Failure, SpfStatus, boundary, write_out};
use crate::convert::{engine_ref, null_argument, output_string};

/// What `spf_assess_breach_lines` did.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SpfBatchSummary {
    /// Non-blank input lines: each has one output line.
    pub lines: u64,
    /// Lines answered with an assessment.
    pub assessed: u64,
    /// Lines answered with an error object `{"line":N,"error":{...}}`.
    pub rejected: u64,
}

/// Assesses a batch of breach reports given as JSON Lines (one report per
/// line; blank lines are skipped) on `threads` threads (0 or 1: the calling
/// thread alone).
///
/// On success `*answers_out` receives JSON Lines (NUL-terminated): for each
/// non-blank input line, in input order, its answer as `spf_assess_breach_json`
/// gives it, or `{"line":N,"error":{...}}` with the line's number counting
/// from 1 and the error object of the wire format. A bad line, including one
/// that is not UTF-8, is reported in its place and the others are still
/// assessed: the status is `SPF_OK` all the same, and `*summary_out` (when not
/// NULL) counts them. Free the answers with `spf_string_free`.
///
/// The answers are about fourteen times the size of the reports; for inputs
/// that do not fit in memory twice over, call it on pieces of whole lines.
///
/// # Safety
/// `engine` must be NULL or a live engine; `input` must be NULL or point to
/// `input_len` readable bytes; `answers_out` must be NULL or point to writable
/// storage for a pointer; `summary_out` must be NULL or point to a writable
/// `SpfBatchSummary`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_assess_breach_lines(
    engine: *const crate::SpfEngine,
    input: *const c_char,
    input_len: usize,
    threads: usize,
    answers_out: *mut *mut c_char,
    summary_out: *mut SpfBatchSummary,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe {
        assess_lines(engine, input, input_len, threads, answers_out, summary_out)
    })
}

/// # Safety
/// As `spf_assess_breach_lines`.
unsafe fn assess_lines(
    engine: *const SpfEngine,
    input: *const c_char,
    input_len: usize,
    threads: usize,
    answers_out: *mut *mut c_char,
    summary_out: *mut SpfBatchSummary,
) -> Result<(), Failure> {
    // SAFETY: the caller passes NULL or a live engine.
    let engine = unsafe { engine_ref(engine) }?;
    if answers_out.is_null() {
        return Err(null_argument("answers_out"));
    }
    if input.is_null() {
        return Err(null_argument("input"));
    }
    // SAFETY: non-NULL and, as the caller promises, `input_len` readable
    // bytes. Lines are checked for UTF-8 one by one, so that one bad line
    // does not cost the others their answers.
    let bytes = unsafe { std::slice::from_raw_parts(input.cast::<u8>(), input_len) };
    let mut answers = Vec::with_capacity(input_len.saturating_mul(8));
    let summary = batch::assess_breach_lines(
        &engine.engine,
        bytes,
        &mut answers,
        BatchOptions::with_threads(threads),
    )
    .map_err(|error| {
        // Reading a slice and writing a vector cannot fail.
        let message = match error {
            BatchError::Read(e) | BatchError::Write(e) => e.to_string(),
        };
        Failure::from(SpfError::new(ErrorCode::Internal, message, ""))
    })?;
    let answers = String::from_utf8(answers).map_err(|_| {
        Failure::from(SpfError::new(
            ErrorCode::Internal,
            "the batch's answers are not UTF-8",
            "",
        ))
    })?;
    let answers = output_string(answers)?;
    if !summary_out.is_null() {
        // SAFETY: non-NULL; the caller promises a writable summary.
        unsafe {
            summary_out.write(SpfBatchSummary {
                lines: summary.lines,
                assessed: summary.assessed,
                rejected: summary.rejected,
            });
        }
    }
    // SAFETY: checked non-NULL above; the caller passes writable storage.
    unsafe { write_out(answers_out, answers) }
}
