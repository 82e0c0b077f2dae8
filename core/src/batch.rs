//! Batches of breach reports as JSON Lines: one report per line in, one answer
//! or one error per line out, in input order, at close to the JSON parser's
//! speed and in memory that does not grow with the input.
//!
//! A department re-assessing its register or an HR system exporting a year of
//! cases sends hundreds of thousands of reports at once. The batch reads them
//! from any [`BufRead`] in chunks of whole lines, assesses each chunk into one
//! buffer with the direct writer
//! ([`BreachAssessment::write_json`](crate::breach::BreachAssessment::write_json)), and hands
//! the buffers to a [`BatchOutput`] in input order. Only a fixed window of
//! chunks is ever in flight, so memory is bounded by the window and the longest
//! line, never by the number of lines.
//!
//! With [`BatchOptions::with_threads`] the chunks are assessed on that many
//! threads (scoped threads of the standard library: the work is a plain
//! producer, workers and an in-order writer, which needs no thread pool); the
//! calling thread reads and writes, and the answers still come out in input
//! order, byte for byte what one thread writes.
//!
//! Blank lines (only spaces, tabs or a `\r`) are skipped, as JSON Lines
//! readers do; every other line gets exactly one output: the
//! [`json::assess_breach`](crate::json::assess_breach) answer, or the line's
//! error. Line numbers count every line from 1, blank ones included, so an
//! error's `line` is the line an editor shows.
//!
//! The crate performs no I/O of its own: the caller opens the input and the
//! output and passes them in.
//!
//! ```
//! use spf_core::batch::{self, BatchOptions};
//! use spf_core::Engine;
//!
//! let engine = Engine::moj_default();
//! let input = concat!(
//!     r#"{"kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-01-05","person":{"status":"employee","organisation":"moj"}}"#,
//!     "\n\n",
//!     r#"{"kind":"lossOfPas"}"#,
//!     "\n",
//! );
//! let mut output = Vec::new();
//! let summary = batch::assess_breach_lines(&engine, input.as_bytes(), &mut output, BatchOptions::default())?;
//! assert_eq!((summary.lines, summary.assessed, summary.rejected), (2, 1, 1));
//! let output = String::from_utf8(output).unwrap();
//! let lines: Vec<&str> = output.lines().collect();
//! assert!(lines[0].starts_with(r#"{"schemaVersion":1,"#));
//! assert!(lines[1].starts_with(r#"{"line":3,"error":{"code":"unknownValue","#));
//! # Ok::<(), spf_core::batch::BatchError>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, BufRead, BufWriter, Write};
use std::num::NonZeroUsize;
use std::sync::{Mutex, mpsc};

use crate::breach::{BreachReport, Level};
use crate::engine::Engine;
use crate::error::{ErrorCode, SpfError};

/// A chunk is cut at the first line end after this many bytes of input: large
/// enough that handing it to a thread costs nothing beside assessing it
/// (answers are about fourteen times the size of a report, so its output is
/// about a megabyte), small enough that a window of them stays a few megabytes.
const CHUNK_BYTES: usize = 64 * 1024;

/// Chunks in flight per thread: one being assessed and one waiting, so that a
/// thread never idles while the caller writes.
const CHUNKS_PER_THREAD: usize = 2;

/// How a batch runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchOptions {
    threads: NonZeroUsize,
}

impl Default for BatchOptions {
    /// One thread: the calling one.
    fn default() -> Self {
        Self {
            threads: NonZeroUsize::MIN,
        }
    }
}

/// The most threads a batch assesses on: far more than a batch can use, and
/// few enough that a mistaken count (`SIZE_MAX` from C) starts no runaway.
pub const MAX_THREADS: usize = 256;

impl BatchOptions {
    /// Assess on `threads` threads besides the calling one (which reads and
    /// writes); `0` and `1` both mean the calling thread alone, and more than
    /// [`MAX_THREADS`] mean that many.
    #[must_use]
    pub fn with_threads(threads: usize) -> Self {
        Self {
            threads: NonZeroUsize::new(threads.min(MAX_THREADS)).unwrap_or(NonZeroUsize::MIN),
        }
    }

    /// The number of threads that assess.
    #[must_use]
    pub fn threads(&self) -> usize {
        self.threads.get()
    }
}

/// What a batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchSummary {
    /// Non-blank lines read: each got one output.
    pub lines: u64,
    /// Lines answered with an assessment.
    pub assessed: u64,
    /// Lines answered with an error.
    pub rejected: u64,
    by_level: [u64; Level::ALL.len()],
}

impl BatchSummary {
    /// How many assessments recommended `level`.
    #[must_use]
    pub fn at_level(&self, level: Level) -> u64 {
        self.by_level.get(level as usize).copied().unwrap_or(0)
    }

    fn assessed(&mut self, level: Level) {
        self.lines += 1;
        self.assessed += 1;
        if let Some(count) = self.by_level.get_mut(level as usize) {
            *count += 1;
        }
    }

    fn rejected(&mut self) {
        self.lines += 1;
        self.rejected += 1;
    }

    fn add(&mut self, other: &BatchSummary) {
        self.lines += other.lines;
        self.assessed += other.assessed;
        self.rejected += other.rejected;
        for (total, count) in self.by_level.iter_mut().zip(other.by_level) {
            *total += count;
        }
    }
}

/// Why a batch stopped before the end of its input. The output holds the
/// answers of every line before the failure, in order.
#[derive(Debug)]
pub enum BatchError {
    /// The input could not be read.
    Read(io::Error),
    /// The output could not be written.
    Write(io::Error),
    /// The batch stopped for a reason inside the library (the threads
    /// assessing it ended early); please report it.
    Internal(String),
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BatchError::Read(e) => write!(f, "cannot read the batch: {e}"),
            BatchError::Write(e) => write!(f, "cannot write the answers: {e}"),
            BatchError::Internal(why) => write!(f, "the batch stopped: {why}"),
        }
    }
}

impl std::error::Error for BatchError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BatchError::Read(e) | BatchError::Write(e) => Some(e),
            BatchError::Internal(_) => None,
        }
    }
}

/// Where a batch's answers and errors go, in input order.
pub trait BatchOutput {
    /// Answers to consecutive lines: compact JSON answers, each followed by
    /// `\n`.
    ///
    /// # Errors
    /// The answers cannot be written; the batch stops.
    fn answers(&mut self, answers: &[u8]) -> io::Result<()>;

    /// Line `line` (counting from 1, blank lines included) was rejected:
    /// `error` says why, without the parser's line and column (its pointer
    /// is exact within the line).
    ///
    /// # Errors
    /// The error cannot be written; the batch stops.
    fn rejected(&mut self, line: u64, error: &SpfError) -> io::Result<()>;
}

/// JSON Lines output: every answer on its own line, and an error in its
/// line's place as `{"line":N,"error":{…}}` (the error object of the wire
/// format, with its `errors` list).
#[derive(Debug)]
pub struct JsonLinesOutput<W: Write> {
    out: W,
}

impl<W: Write> JsonLinesOutput<W> {
    /// Output to `out`.
    pub fn new(out: W) -> Self {
        Self { out }
    }

    /// The writer back.
    pub fn into_inner(self) -> W {
        self.out
    }
}

impl<W: Write> BatchOutput for JsonLinesOutput<W> {
    fn answers(&mut self, answers: &[u8]) -> io::Result<()> {
        self.out.write_all(answers)
    }

    fn rejected(&mut self, line: u64, error: &SpfError) -> io::Result<()> {
        self.out.write_all(rejected_line(line, error).as_bytes())
    }
}

/// The output line for a rejected input line: `{"line":N,"error":{…}}` and a
/// line end.
#[must_use]
pub fn rejected_line(line: u64, error: &SpfError) -> String {
    format!("{{\"line\":{line},\"error\":{}}}\n", error.to_json())
}

/// Assesses every line of `input` and writes JSON Lines to `output` (through a
/// buffer): each answer, or `{"line":N,"error":{…}}`, in input order.
///
/// Cost: linear in the input's size; memory is a fixed window of chunks (a few
/// megabytes per thread) plus the longest line.
///
/// # Errors
/// The input cannot be read or the output written: the batch stops there, with
/// every line before it answered.
pub fn assess_breach_lines<R: BufRead, W: Write>(
    engine: &Engine,
    input: R,
    output: W,
    options: BatchOptions,
) -> Result<BatchSummary, BatchError> {
    let mut output = JsonLinesOutput::new(BufWriter::with_capacity(CHUNK_BYTES, output));
    let assessed = assess_breach_lines_to(engine, input, &mut output, options);
    // Flushed after a failed read too: the answers of the lines before it are
    // still owed, and a failure to write them is the one to report.
    let flushed = output.out.flush();
    match (assessed, flushed) {
        (Ok(summary), Ok(())) => Ok(summary),
        (Ok(_), Err(write)) => Err(BatchError::Write(write)),
        (Err(BatchError::Read(read)), Err(write)) => Err(BatchError::Write(io::Error::new(
            write.kind(),
            format!("{write} (after the input failed: {read})"),
        ))),
        (Err(error), _) => Err(error),
    }
}

/// Assesses every line of `input`, handing answers and errors to `output` in
/// input order: the form for callers that put errors elsewhere (the command
/// line writes them to standard error).
///
/// # Errors
/// As [`assess_breach_lines`].
pub fn assess_breach_lines_to<R: BufRead, O: BatchOutput + ?Sized>(
    engine: &Engine,
    mut input: R,
    output: &mut O,
    options: BatchOptions,
) -> Result<BatchSummary, BatchError> {
    if options.threads() > 1 {
        if let Some(summary) = in_parallel(engine, &mut input, output, options.threads()) {
            return summary;
        }
    }
    in_sequence(engine, &mut input, output)
}

/// A chunk of whole lines and the buffers its answers are written into; the
/// buffers go back and forth between the caller and the threads, so a batch
/// allocates a window's worth of them and no more.
#[derive(Default)]
struct Chunk {
    /// The chunk's place in the input, counting from 0.
    sequence: u64,
    /// The number of the chunk's first line.
    first_line: u64,
    /// Whole lines of input, each ending in `\n` but perhaps the last.
    input: Vec<u8>,
    /// The answers, one line each.
    answers: String,
    /// The rejected lines, each with where its error falls in `answers`.
    rejected: Vec<Rejected>,
    summary: BatchSummary,
}

/// A rejected line and the offset in its chunk's answers where its error goes.
struct Rejected {
    at: usize,
    line: u64,
    error: SpfError,
}

/// Reads whole lines into `chunk` until it holds [`CHUNK_BYTES`]: the number of
/// lines read (0 at the end of the input), and the read error that ended the
/// chunk early, if one did. The lines read before an error are kept, so that
/// they are still answered; a line the error cut short is dropped.
fn read_chunk<R: BufRead>(input: &mut R, chunk: &mut Vec<u8>) -> (u64, Option<BatchError>) {
    chunk.clear();
    let mut lines = 0;
    while chunk.len() < CHUNK_BYTES {
        let whole_lines = chunk.len();
        match input.read_until(b'\n', chunk) {
            Ok(0) => break,
            Ok(_) => lines += 1,
            Err(error) => {
                chunk.truncate(whole_lines);
                return (lines, Some(BatchError::Read(error)));
            }
        }
    }
    (lines, None)
}

/// Assesses every line of a chunk into its answers.
fn assess_chunk(engine: &Engine, chunk: &mut Chunk) {
    chunk.answers.clear();
    chunk.rejected.clear();
    chunk.summary = BatchSummary::default();
    let lines = chunk.input.split(|&byte| byte == b'\n');
    for (line, text) in (chunk.first_line..).zip(lines) {
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        if text.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match assess_line(engine, text) {
            Ok(answer) => {
                answer.write_json(&mut chunk.answers);
                chunk.answers.push('\n');
                chunk.summary.assessed(answer.level);
            }
            Err(error) => {
                chunk.rejected.push(Rejected {
                    at: chunk.answers.len(),
                    line,
                    error: error.without_position(),
                });
                chunk.summary.rejected();
            }
        }
    }
}

/// One line: a breach report assessed, or why it cannot be.
fn assess_line(engine: &Engine, text: &[u8]) -> Result<crate::breach::BreachAssessment, SpfError> {
    let text = std::str::from_utf8(text).map_err(|e| {
        SpfError::new(
            ErrorCode::InvalidUtf8,
            format!(
                "the line is not valid UTF-8 (at byte {}); JSON Lines are UTF-8 text",
                e.valid_up_to()
            ),
            "",
        )
    })?;
    let report = BreachReport::from_json(text)?;
    engine.assess_breach(&report)
}

/// Hands a chunk's answers and errors to `output`, in line order.
fn deliver<O: BatchOutput + ?Sized>(chunk: &Chunk, output: &mut O) -> Result<(), BatchError> {
    let answers = chunk.answers.as_bytes();
    let mut from = 0;
    for rejected in &chunk.rejected {
        let before = answers.get(from..rejected.at).unwrap_or_default();
        if !before.is_empty() {
            output.answers(before).map_err(BatchError::Write)?;
        }
        output
            .rejected(rejected.line, &rejected.error)
            .map_err(BatchError::Write)?;
        from = rejected.at;
    }
    let rest = answers.get(from..).unwrap_or_default();
    if !rest.is_empty() {
        output.answers(rest).map_err(BatchError::Write)?;
    }
    Ok(())
}

/// The batch on the calling thread alone.
fn in_sequence<R: BufRead, O: BatchOutput + ?Sized>(
    engine: &Engine,
    input: &mut R,
    output: &mut O,
) -> Result<BatchSummary, BatchError> {
    let mut summary = BatchSummary::default();
    let mut chunk = Chunk {
        first_line: 1,
        ..Chunk::default()
    };
    loop {
        let (lines, failed_read) = read_chunk(input, &mut chunk.input);
        if lines > 0 {
            assess_chunk(engine, &mut chunk);
            deliver(&chunk, output)?;
            summary.add(&chunk.summary);
            chunk.first_line += lines;
        }
        if let Some(error) = failed_read {
            return Err(error);
        }
        if lines == 0 {
            return Ok(summary);
        }
    }
}

/// The batch across `threads` scoped threads; `None` when no thread could be
/// started (the caller then runs it on its own thread).
fn in_parallel<R: BufRead, O: BatchOutput + ?Sized>(
    engine: &Engine,
    input: &mut R,
    output: &mut O,
    threads: usize,
) -> Option<Result<BatchSummary, BatchError>> {
    let (to_threads, chunks) = mpsc::channel::<Chunk>();
    let chunks = Mutex::new(chunks);
    let (to_caller, assessed) = mpsc::channel::<Chunk>();
    std::thread::scope(|scope| {
        let mut workers = Vec::with_capacity(threads);
        for _ in 0..threads {
            let chunks = &chunks;
            let to_caller = to_caller.clone();
            let thread = std::thread::Builder::new()
                .name("spf-batch".to_owned())
                .spawn_scoped(scope, move || assess_chunks(engine, chunks, &to_caller));
            if let Ok(thread) = thread {
                workers.push(thread);
            }
        }
        drop(to_caller);
        if workers.is_empty() {
            return None;
        }
        let result = read_and_write_in_order(
            input,
            output,
            &to_threads,
            &assessed,
            workers.len() * CHUNKS_PER_THREAD,
        );
        // No more chunks: the threads end. Each is joined, not only waited
        // for by the scope: a join returns once the thread has exited, its
        // thread-local storage freed, so the batch returns with nothing of
        // its threads still allocated.
        drop(to_threads);
        for worker in workers {
            // A worker only stops early by panicking, which core never does;
            // the lost chunk already made the result an error.
            let _ = worker.join();
        }
        Some(result)
    })
}

/// A thread's work: assess chunks until there are no more.
fn assess_chunks(
    engine: &Engine,
    chunks: &Mutex<mpsc::Receiver<Chunk>>,
    to_caller: &mpsc::Sender<Chunk>,
) {
    loop {
        // The lock is held only to take a chunk, never while assessing one.
        let next = match chunks.lock() {
            Ok(chunks) => chunks.recv(),
            Err(_) => return,
        };
        let Ok(mut chunk) = next else { return };
        assess_chunk(engine, &mut chunk);
        if to_caller.send(chunk).is_err() {
            return;
        }
    }
}

/// The calling thread's part of a parallel batch: keep `window` chunks in
/// flight, and write assessed chunks in input order as they come back.
fn read_and_write_in_order<R: BufRead, O: BatchOutput + ?Sized>(
    input: &mut R,
    output: &mut O,
    to_threads: &mpsc::Sender<Chunk>,
    assessed: &mpsc::Receiver<Chunk>,
    window: usize,
) -> Result<BatchSummary, BatchError> {
    let mut summary = BatchSummary::default();
    let mut spare: Vec<Chunk> = Vec::with_capacity(window);
    let mut waiting: BTreeMap<u64, Chunk> = BTreeMap::new();
    let (mut next_to_read, mut next_to_write, mut next_line) = (0_u64, 0_u64, 1_u64);
    let mut in_flight = 0;
    let mut at_end = false;
    // A read error ends the input; the chunks read before it are still
    // answered, and then the batch reports it.
    let mut failed_read = None;
    loop {
        while !at_end && in_flight < window {
            let mut chunk = spare.pop().unwrap_or_default();
            let (lines, failure) = read_chunk(input, &mut chunk.input);
            if failure.is_some() {
                failed_read = failure;
                at_end = true;
            }
            if lines == 0 {
                at_end = true;
                break;
            }
            chunk.sequence = next_to_read;
            chunk.first_line = next_line;
            next_to_read += 1;
            next_line += lines;
            if to_threads.send(chunk).is_err() {
                return Err(threads_stopped());
            }
            in_flight += 1;
        }
        if in_flight == 0 {
            return failed_read.map_or(Ok(summary), Err);
        }
        let chunk = assessed.recv().map_err(|_| threads_stopped())?;
        waiting.insert(chunk.sequence, chunk);
        while let Some(chunk) = waiting.remove(&next_to_write) {
            deliver(&chunk, output)?;
            summary.add(&chunk.summary);
            spare.push(chunk);
            next_to_write += 1;
            in_flight -= 1;
        }
    }
}

/// The threads are gone before the batch is done: only a defect does that.
fn threads_stopped() -> BatchError {
    BatchError::Internal(
        "the threads assessing the batch stopped before its end; please report it".to_owned(),
    )
}
