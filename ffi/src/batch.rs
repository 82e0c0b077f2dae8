//! JSON Lines batches from C: a buffer of breach reports, one per line, in; a
//! buffer of answers, one per line, out.

use std::ffi::{c_char, c_int, c_void};
use std::io::{self, BufReader, Read, Write};

use spf_core::batch::{self, BatchError, BatchOptions, BatchSummary};
use spf_core::{ErrorCode, SpfError};

use crate::SpfEngine;
use crate::boundary::{Failure, SpfStatus, boundary, write_out};
use crate::convert::{engine_ref, null_argument, output_string};

/// What `spf_assess_breach_lines` or `spf_assess_breach_stream` did.
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
/// that do not fit in memory twice over, use `spf_assess_breach_stream`.
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
    // Reading a slice and writing a vector cannot fail.
    .map_err(|error| Failure::from(SpfError::new(ErrorCode::Internal, error.to_string(), "")))?;
    let answers = String::from_utf8(answers).map_err(|_| {
        Failure::from(SpfError::new(
            ErrorCode::Internal,
            "the batch's answers are not UTF-8",
            "",
        ))
    })?;
    let answers = output_string(answers)?;
    // SAFETY: the caller passes NULL or a writable summary.
    unsafe { write_summary(summary_out, &summary) };
    // SAFETY: checked non-NULL above; the caller passes writable storage.
    unsafe { write_out(answers_out, answers) }
}

/// Writes a batch's counts where the caller asked for them, if it did.
///
/// # Safety
/// `summary_out` must be NULL or point to a writable `SpfBatchSummary`.
unsafe fn write_summary(summary_out: *mut SpfBatchSummary, summary: &BatchSummary) {
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
}

/// Reads the next bytes of a streamed batch's input into `buffer`, which has
/// room for `capacity` bytes: returns how many it wrote there (from 1 to
/// `capacity`), 0 at the end of the input (it may be asked again, and answers 0
/// again), or a negative number when the input cannot be read (the batch then
/// stops with `SPF_STATUS_STREAM_FAILED`). Lines may be split across calls
/// anywhere.
pub type SpfReadFn = Option<
    unsafe extern "C" fn(context: *mut c_void, buffer: *mut c_char, capacity: usize) -> isize,
>;

/// Writes `len` bytes of a streamed batch's answers, always whole lines (one
/// or many): returns 0 when they were all written, or any other number to stop
/// the batch with `SPF_STATUS_STREAM_FAILED`.
pub type SpfWriteFn =
    Option<unsafe extern "C" fn(context: *mut c_void, bytes: *const c_char, len: usize) -> c_int>;

/// Assesses a batch of breach reports as JSON Lines that the library reads
/// through `read` and answers through `write`, for inputs of any size: memory
/// stays at a fixed window of lines (a few megabytes per thread, plus the
/// longest line) however long the input is.
///
/// Both callbacks are called on the calling thread only, never at the same
/// time, and not after the function returns; `read_context` and
/// `write_context` are passed to them unchanged. Each callback must return
/// normally: no C++ exception, `longjmp` or thread exit may leave it (the
/// threads assessing the batch would be abandoned mid-work), and it must not
/// free the engine. The answers are those of
/// `spf_assess_breach_lines`, in input order: for each non-blank line its
/// answer, or `{"line":N,"error":{...}}` with the line's number counting from
/// 1 across the whole stream. `threads` threads assess the lines (0 or 1: the
/// calling thread alone).
///
/// A bad line is answered in its place and the batch goes on. A callback that
/// fails stops it with `SPF_STATUS_STREAM_FAILED` (error code `streamFailed`):
/// after a failed read, every line read whole before it has its answer
/// written; after a refused write, every answer before that write was
/// written, and no more. A panic inside the library (`SPF_STATUS_PANIC`)
/// leaves the answers already written where they are. `*summary_out` (when
/// not NULL) is written on success only.
///
/// # Safety
/// `engine` must be NULL or a live engine; `read` and `write` must be NULL or
/// functions that behave as `SpfReadFn` and `SpfWriteFn` describe, given
/// their contexts; `summary_out` must be NULL or point to a writable
/// `SpfBatchSummary`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spf_assess_breach_stream(
    engine: *const crate::SpfEngine,
    read: SpfReadFn,
    read_context: *mut c_void,
    write: SpfWriteFn,
    write_context: *mut c_void,
    threads: usize,
    summary_out: *mut SpfBatchSummary,
) -> SpfStatus {
    // SAFETY: forwarded from the caller's promises.
    boundary(|| unsafe {
        assess_stream(
            engine,
            read.map(|read| CallbackReader {
                read,
                context: read_context,
            }),
            write.map(|write| CallbackWriter {
                write,
                context: write_context,
                refused: false,
            }),
            threads,
            summary_out,
        )
    })
}

/// # Safety
/// As `spf_assess_breach_stream`.
unsafe fn assess_stream(
    engine: *const SpfEngine,
    reader: Option<CallbackReader>,
    writer: Option<CallbackWriter>,
    threads: usize,
    summary_out: *mut SpfBatchSummary,
) -> Result<(), Failure> {
    // SAFETY: the caller passes NULL or a live engine.
    let engine = unsafe { engine_ref(engine) }?;
    let reader = reader.ok_or_else(|| null_argument("read"))?;
    let writer = writer.ok_or_else(|| null_argument("write"))?;
    let summary = batch::assess_breach_lines(
        &engine.engine,
        BufReader::with_capacity(STREAM_READ_BYTES, reader),
        writer,
        BatchOptions::with_threads(threads),
    )
    .map_err(stream_failed)?;
    // SAFETY: the caller passes NULL or a writable summary.
    unsafe { write_summary(summary_out, &summary) };
    Ok(())
}

/// How much input one read callback is asked for.
const STREAM_READ_BYTES: usize = 64 * 1024;

fn stream_failed(error: BatchError) -> Failure {
    let message = match &error {
        BatchError::Read(e) => format!(
            "the batch's input could not be read: {e}; every line read whole before it was answered"
        ),
        BatchError::Write(e) => format!(
            "the batch's answers could not be written: {e}; the answers before them were written"
        ),
        BatchError::Internal(why) => {
            return Failure::from(SpfError::new(ErrorCode::Internal, why.clone(), ""));
        }
    };
    Failure::from(SpfError::new(ErrorCode::StreamFailed, message, ""))
}

/// The caller's read callback as a reader.
struct CallbackReader {
    read: unsafe extern "C" fn(*mut c_void, *mut c_char, usize) -> isize,
    context: *mut c_void,
}

impl Read for CallbackReader {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        if buffer.is_empty() {
            return Ok(0);
        }
        // SAFETY: the buffer is writable for its length; the caller of
        // `spf_assess_breach_stream` promised a callback that writes at most
        // that many bytes, given its own context.
        let count = unsafe {
            (self.read)(
                self.context,
                buffer.as_mut_ptr().cast::<c_char>(),
                buffer.len(),
            )
        };
        match usize::try_from(count) {
            Ok(count) if count <= buffer.len() => Ok(count),
            Ok(count) => Err(io::Error::other(format!(
                "the read callback returned {count}, more than the {} bytes asked for",
                buffer.len()
            ))),
            Err(_) => Err(io::Error::other(format!(
                "the read callback returned {count}"
            ))),
        }
    }
}

/// The caller's write callback as a writer.
struct CallbackWriter {
    write: unsafe extern "C" fn(*mut c_void, *const c_char, usize) -> c_int,
    context: *mut c_void,
    /// The callback refused once: it is not called again (the batch's buffer
    /// would otherwise offer it the same bytes once more as it is dropped).
    refused: bool,
}

impl Write for CallbackWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.refused {
            return Err(io::Error::other(
                "the write callback refused earlier answers",
            ));
        }
        if bytes.is_empty() {
            return Ok(0);
        }
        // SAFETY: the bytes are readable for their length; the caller of
        // `spf_assess_breach_stream` promised a callback that reads no more,
        // given its own context.
        let status =
            unsafe { (self.write)(self.context, bytes.as_ptr().cast::<c_char>(), bytes.len()) };
        if status == 0 {
            Ok(bytes.len())
        } else {
            self.refused = true;
            Err(io::Error::other(format!(
                "the write callback returned {status}"
            )))
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    //! The streamed batch's callbacks as C gives them (run under Miri too).
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use std::ptr;

    use super::*;
    use crate::spf_engine_free;
    use crate::tests::{last_error_json, new_default};

    const REPORT: &str = r#"{"kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-01-05","person":{"status":"employee","organisation":"moj"}}"#;

    /// Input given three bytes at a time; fails (-1) once `fail_at` bytes are given.
    struct Input {
        bytes: Vec<u8>,
        at: usize,
        fail_at: usize,
    }

    unsafe extern "C" fn read_three(
        context: *mut c_void,
        buffer: *mut c_char,
        capacity: usize,
    ) -> isize {
        // SAFETY: the test passes an `Input` as the context.
        let input = unsafe { &mut *context.cast::<Input>() };
        if input.at >= input.fail_at {
            return -1;
        }
        let n = (input.bytes.len() - input.at)
            .min(capacity)
            .min(3)
            .min(input.fail_at - input.at);
        // SAFETY: the library gives a buffer of `capacity` writable bytes.
        unsafe {
            ptr::copy_nonoverlapping(input.bytes[input.at..].as_ptr(), buffer.cast::<u8>(), n)
        };
        input.at += n;
        isize::try_from(n).unwrap_or(-1)
    }

    unsafe extern "C" fn write_all(
        context: *mut c_void,
        bytes: *const c_char,
        len: usize,
    ) -> c_int {
        // SAFETY: the test passes a `Vec<u8>` as the context; the library gives
        // `len` readable bytes.
        let (output, bytes) = unsafe {
            (
                &mut *context.cast::<Vec<u8>>(),
                std::slice::from_raw_parts(bytes.cast::<u8>(), len),
            )
        };
        output.extend_from_slice(bytes);
        0
    }

    unsafe extern "C" fn refuse(_: *mut c_void, _: *const c_char, _: usize) -> c_int {
        5
    }

    fn stream(
        engine: *const SpfEngine,
        input: &mut Input,
        write: SpfWriteFn,
        output: &mut Vec<u8>,
    ) -> (SpfStatus, SpfBatchSummary) {
        let mut summary = SpfBatchSummary::default();
        // SAFETY: a live engine, callbacks that keep their contracts, and
        // contexts of the types they expect.
        let status = unsafe {
            spf_assess_breach_stream(
                engine,
                Some(read_three),
                ptr::from_mut(input).cast(),
                write,
                ptr::from_mut(output).cast(),
                1,
                &mut summary,
            )
        };
        (status, summary)
    }

    #[test]
    fn a_stream_is_read_and_answered_through_the_callbacks() {
        let engine = new_default();
        let text = format!("{REPORT}\n\n{{\"kind\":\"lossOfPas\"}}\n{REPORT}");
        let mut input = Input {
            bytes: text.clone().into_bytes(),
            at: 0,
            fail_at: usize::MAX,
        };
        let mut output = Vec::new();
        let (status, summary) = stream(engine, &mut input, Some(write_all), &mut output);
        assert_eq!(status, SpfStatus::Ok);
        assert_eq!(
            (summary.lines, summary.assessed, summary.rejected),
            (3, 2, 1)
        );
        let output = String::from_utf8(output).unwrap();
        let lines: Vec<&str> = output.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(
            lines[1].starts_with(r#"{"line":3,"error":{"code":"unknownValue""#),
            "{}",
            lines[1]
        );
        assert_eq!(lines[0], lines[2]);
        // SAFETY: made by spf_engine_new_default, freed once.
        unsafe { spf_engine_free(engine) };
    }

    #[test]
    fn a_failing_callback_stops_the_stream_with_its_status() {
        let engine = new_default();
        let text = format!("{REPORT}\n{REPORT}\n");
        let mut input = Input {
            bytes: text.clone().into_bytes(),
            at: 0,
            fail_at: REPORT.len() + 4,
        };
        let mut output = Vec::new();
        let (status, summary) = stream(engine, &mut input, Some(write_all), &mut output);
        assert_eq!(status, SpfStatus::StreamFailed);
        assert_eq!(
            summary,
            SpfBatchSummary::default(),
            "written on success only"
        );
        assert_eq!(String::from_utf8(output).unwrap().lines().count(), 1);
        let error = last_error_json().unwrap();
        assert!(error.contains(r#""code":"streamFailed""#), "{error}");
        assert!(error.contains("the read callback returned -1"), "{error}");

        let mut input = Input {
            bytes: text.into_bytes(),
            at: 0,
            fail_at: usize::MAX,
        };
        let (status, _) = stream(engine, &mut input, Some(refuse), &mut Vec::new());
        assert_eq!(status, SpfStatus::StreamFailed);
        let error = last_error_json().unwrap();
        assert!(error.contains("the write callback returned 5"), "{error}");

        // A failed read, then a refused write of the answers before it: the
        // answers were not written, and that is what the error says.
        let mut input = Input {
            bytes: format!("{REPORT}\n{REPORT}\n").into_bytes(),
            at: 0,
            fail_at: REPORT.len() + 4,
        };
        let (status, _) = stream(engine, &mut input, Some(refuse), &mut Vec::new());
        assert_eq!(status, SpfStatus::StreamFailed);
        let error = last_error_json().unwrap();
        assert!(error.contains("the batch's answers could not be written: the write callback returned 5 (after the input failed: the read callback returned -1)"), "{error}");

        let (status, _) = stream(engine, &mut input, None, &mut Vec::new());
        assert_eq!(status, SpfStatus::NullArgument);
        // SAFETY: made by spf_engine_new_default, freed once.
        unsafe { spf_engine_free(engine) };
    }
}
