//! `spf breaches FILE`: assess every line of a JSON Lines file of breach
//! reports.
//!
//! Lines are read, assessed and printed a chunk at a time, so a file of any
//! size runs in little memory. With `--json` the library's batch does the work
//! (`spf_core::batch`), on `--threads` threads with the answers in input order.
//! A bad line is reported on standard error with its number and error code,
//! and the others are still assessed.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::{self, BufRead};
use std::num::NonZeroUsize;

use clap::{Args, ValueHint};
use spf_core::batch::{self, BatchError, BatchOptions, BatchOutput};
use spf_core::{BreachAssessment, ConsultSecurity, Engine, Level, SpfError};

use crate::args::{PolicyArg, TableFormat, TableFormatArg};
use crate::input::Input;
use crate::output::{Output, outln};
use crate::progress::Progress;
use crate::render::render_record_lines;
use crate::{CommandResult, Failure, Outcome};

/// Arguments of `spf breaches`.
#[derive(Debug, Args)]
pub struct BreachesArgs {
    /// A JSON Lines file of breach reports, one report per line (`-` for
    /// standard input)
    #[arg(value_name = "FILE", value_parser = Input::parse, value_hint = ValueHint::FilePath)]
    file: Input,
    #[command(flatten)]
    format: TableFormatArg,
    #[command(flatten)]
    policy: PolicyArg,
    /// Threads that assess reports with `--json` (default: one per core);
    /// answers stay in input order
    #[arg(long, value_name = "N")]
    threads: Option<NonZeroUsize>,
}

/// Runs `spf breaches`.
pub fn run(args: &BreachesArgs, output: &mut Output) -> CommandResult {
    let engine = args.policy.engine()?;
    match args.format.format() {
        TableFormat::Json => {
            let threads = args.threads.map_or_else(
                || std::thread::available_parallelism().map_or(1, NonZeroUsize::get),
                NonZeroUsize::get,
            );
            stream_json(
                &engine,
                &args.file,
                BatchOptions::with_threads(threads),
                output,
            )
        }
        format => assess_input(&engine, &args.file, format, output),
    }
}

/// `--json`: the library's batch, answers to standard output and rejected
/// lines to standard error as `{"line":N,"error":{…}}`.
fn stream_json(
    engine: &Engine,
    input: &Input,
    options: BatchOptions,
    output: &mut Output,
) -> CommandResult {
    let progress = RefCell::new(Progress::new(input.known_size(), "reports"));
    let reader = ProgressReader {
        inner: input.open()?,
        progress: &progress,
    };
    let mut sink = ErrorsApart {
        output,
        progress: &progress,
    };
    let summary = batch::assess_breach_lines_to(engine, reader, &mut sink, options);
    progress.borrow().finish();
    let summary = summary.map_err(|error| match error {
        BatchError::Read(e) => Failure(input.unreadable(&e)),
        BatchError::Write(e) => Failure(format!("cannot write to standard output: {e}")),
        BatchError::Internal(why) => Failure(format!("the batch stopped: {why}")),
    })?;
    sink.output.flush()?;
    Ok(Outcome::accepted_if(summary.rejected == 0))
}

/// Answers to standard output, rejected lines to standard error.
struct ErrorsApart<'a, 'o> {
    output: &'o mut Output,
    progress: &'a RefCell<Progress>,
}

impl BatchOutput for ErrorsApart<'_, '_> {
    fn answers(&mut self, answers: &[u8]) -> io::Result<()> {
        io::Write::write_all(self.output, answers)
    }

    fn rejected(&mut self, line: u64, error: &SpfError) -> io::Result<()> {
        let message = batch::rejected_line(line, error);
        let message = message.trim_end();
        let output = &mut *self.output;
        self.progress
            .borrow()
            .suspend(|| output.error_line(message));
        Ok(())
    }
}

/// The input, moving the progress bar on as the batch reads it.
struct ProgressReader<'a, R> {
    inner: R,
    progress: &'a RefCell<Progress>,
}

impl<R: BufRead> io::Read for ProgressReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let read = self.inner.read(buf)?;
        let lines = buf.get(..read).map_or(0, count_lines);
        self.progress.borrow_mut().advance(read as u64, lines);
        Ok(read)
    }
}

impl<R: BufRead> BufRead for ProgressReader<'_, R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        // The batch reads a line at a time, so what is consumed ends in a
        // line end or is part of a long line: its last byte, still in the
        // buffer, says which (counting every byte would cost a twentieth of
        // the batch).
        let ends_a_line = amount > 0
            && self
                .inner
                .fill_buf()
                .ok()
                .and_then(|buffer| buffer.get(amount - 1))
                == Some(&b'\n');
        self.progress
            .borrow_mut()
            .advance(amount as u64, u64::from(ends_a_line));
        self.inner.consume(amount);
    }
}

fn count_lines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&byte| byte == b'\n').count() as u64
}

/// Assesses every line of `input` and prints the answers in `format`; rejected
/// lines go to standard error.
pub fn assess_input(
    engine: &Engine,
    input: &Input,
    format: TableFormat,
    output: &mut Output,
) -> CommandResult {
    let mut lines = JsonLines::new(input.open()?);
    let mut progress = Progress::new(input.known_size(), "reports");
    let policy = engine.policy_ref();
    if format == TableFormat::Text {
        outln!(
            output,
            "Assessing {} against policy {} version {}\n",
            input.name(),
            policy.id,
            policy.version
        );
    }
    let mut sink = Sink::new(format, output)?;
    let mut tally = Tally::default();
    while let Some(line) = lines.next_line().map_err(|e| input.unreadable(&e))? {
        progress.advance(line.bytes, line.lines);
        match assess_line(engine, line.text) {
            Ok(answer) => {
                tally.assessed(answer.level);
                sink.answer(line.number, &answer)?;
            }
            Err(error) => {
                tally.failed += 1;
                sink.rejected(line.number, &error, &progress)?;
            }
        }
    }
    progress.finish();
    let output = sink.finish()?;
    if format == TableFormat::Text {
        tally.print_summary(output)?;
    }
    Ok(Outcome::accepted_if(tally.failed == 0))
}

/// One breach report (a line of JSON) assessed.
fn assess_line(engine: &Engine, line: &str) -> Result<BreachAssessment, SpfError> {
    spf_core::json::parse(line).and_then(|report| engine.assess_breach(&report))
}

/// The counts for the summary line.
#[derive(Default)]
struct Tally {
    by_level: BTreeMap<Level, usize>,
    assessed: usize,
    failed: usize,
}

impl Tally {
    fn assessed(&mut self, level: Level) {
        self.assessed += 1;
        *self.by_level.entry(level).or_default() += 1;
    }

    fn print_summary(&self, output: &mut Output) -> Result<(), Failure> {
        let counts: Vec<String> = self
            .by_level
            .iter()
            .map(|(level, count)| format!("{level} {count}"))
            .collect();
        outln!(
            output,
            "{} report(s): {} assessed ({}), {} failed",
            self.assessed + self.failed,
            self.assessed,
            counts.join(", "),
            self.failed
        );
        outln!(
            output,
            "These are recommendations: the manager decides whether to take action (POLSBP003)."
        );
        Ok(())
    }
}

/// Where answers go, in the format asked for.
enum Sink<'o> {
    Text(&'o mut Output),
    Json(&'o mut Output),
    // Boxed: the writer and its buffer are far bigger than a reference.
    Csv(Box<csv::Writer<&'o mut Output>>),
}

/// The CSV header: one row per assessed report.
const CSV_HEADER: [&str; 19] = [
    "line",
    "reference",
    "kind",
    "level",
    "score",
    "band",
    "classification",
    "caveats",
    "route",
    "recordCentrally",
    "breachNoticeMayBeIssued",
    "consultSecurity",
    "reportToStrapso",
    "policeMayBeInvolved",
    "contractMayBeCancelled",
    "managerDecisionRequired",
    "informInformationAssetOwner",
    "informDataProtectionTeam",
    "escalateToSiro",
];

impl<'o> Sink<'o> {
    fn new(format: TableFormat, output: &'o mut Output) -> Result<Self, Failure> {
        Ok(match format {
            TableFormat::Text => Sink::Text(output),
            TableFormat::Json => Sink::Json(output),
            TableFormat::Csv => {
                let mut writer = csv::Writer::from_writer(output);
                writer.write_record(CSV_HEADER).map_err(csv_failure)?;
                Sink::Csv(Box::new(writer))
            }
        })
    }

    fn answer(&mut self, line: usize, answer: &BreachAssessment) -> Result<(), Failure> {
        match self {
            Sink::Text(output) => {
                outln!(
                    output,
                    "line {line} {} {}",
                    answer.reference.as_deref().unwrap_or("(no reference)"),
                    answer.kind
                );
                outln!(output, "{}", render_assessment(answer));
            }
            Sink::Json(output) => outln!(output, "{}", answer.to_json()),
            Sink::Csv(writer) => writer
                .write_record(csv_row(line, answer))
                .map_err(csv_failure)?,
        }
        Ok(())
    }

    fn rejected(
        &mut self,
        line: usize,
        error: &SpfError,
        progress: &Progress,
    ) -> Result<(), Failure> {
        match self {
            Sink::Text(output) => {
                let message = render_record_lines(&format!("line {line}: "), error);
                progress.suspend(|| output.error_line(&message));
            }
            Sink::Json(output) => {
                // Positions count within the line, not the file: the pointer is exact.
                let error = error.clone().without_position();
                let message = format!("{{\"line\":{line},\"error\":{}}}", error.to_json());
                progress.suspend(|| output.error_line(&message));
            }
            Sink::Csv(writer) => {
                writer.flush().map_err(|e| csv_failure(e.into()))?;
                let message = render_record_lines(&format!("line {line}: "), error);
                progress.suspend(|| eprintln!("{message}"));
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<&'o mut Output, Failure> {
        match self {
            Sink::Text(output) | Sink::Json(output) => Ok(output),
            Sink::Csv(writer) => writer
                .into_inner()
                .map_err(|e| csv_failure(e.into_error().into())),
        }
    }
}

fn csv_row(line: usize, answer: &BreachAssessment) -> [String; 19] {
    let flags = &answer.flags;
    // Caveats by their wire names, as the JSON answer writes them.
    let caveats: Vec<String> = answer
        .marking
        .caveats()
        .iter()
        .filter_map(|caveat| match serde_json::to_value(caveat) {
            Ok(serde_json::Value::String(name)) => Some(name),
            _ => None,
        })
        .collect();
    [
        line.to_string(),
        answer.reference.clone().unwrap_or_default(),
        answer.kind.as_str().to_owned(),
        answer.level.as_str().to_owned(),
        answer.score.to_string(),
        answer.band.as_str().to_owned(),
        answer.marking.tier().as_str().to_owned(),
        caveats.join(" "),
        answer.route.as_str().to_owned(),
        flags.record_centrally.to_string(),
        flags.breach_notice_may_be_issued.to_string(),
        flags.consult_security.as_str().to_owned(),
        flags.report_to_strapso.to_string(),
        flags.police_may_be_involved.to_string(),
        flags.contract_may_be_cancelled.to_string(),
        flags.manager_decision_required.to_string(),
        flags.inform_information_asset_owner.to_string(),
        flags.inform_data_protection_team.to_string(),
        flags.escalate_to_siro.to_string(),
    ]
}

fn csv_failure(error: csv::Error) -> Failure {
    Failure(format!("cannot write the CSV table: {error}"))
}

/// A readable rendering of an assessment: the headline, the flags raised and the
/// numbered reasons with their citations.
pub fn render_assessment(answer: &BreachAssessment) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let flags = &answer.flags;
    let raised: Vec<&str> = [
        (flags.record_centrally, "record centrally"),
        (
            flags.breach_notice_may_be_issued,
            "breach notice may be issued",
        ),
        (
            true,
            match flags.consult_security {
                ConsultSecurity::AboutCircumstances => {
                    "consult MoJ Security about the circumstances"
                }
                ConsultSecurity::BeforeActing => "consult MoJ Security before acting",
            },
        ),
        (flags.report_to_strapso, "report to STRAPSO"),
        (flags.police_may_be_involved, "police may be involved"),
        (flags.contract_may_be_cancelled, "contract may be cancelled"),
        (
            flags.inform_information_asset_owner,
            "tell the Information Asset Owner",
        ),
        (
            flags.inform_data_protection_team,
            "tell the data protection team",
        ),
        (flags.escalate_to_siro, "escalate to the SIRO"),
        (flags.manager_decision_required, "manager decides"),
    ]
    .into_iter()
    .filter_map(|(on, label)| on.then_some(label))
    .collect();
    let _ = writeln!(
        out,
        "  recommended level: {}   matrix score: {} ({})   marking scored: {}",
        answer.level.as_str().to_uppercase(),
        answer.score,
        answer.band,
        answer.marking
    );
    let _ = writeln!(out, "  route: {}", answer.route.label());
    let _ = writeln!(out, "  flags: {}", raised.join(", "));
    let _ = writeln!(out, "  reasons:");
    for (number, reason) in answer.reasons.iter().enumerate() {
        let _ = writeln!(
            out,
            "    {:>2}. {}\n        [{}] {}",
            number + 1,
            reason.step,
            crate::render::basis_label(reason.basis),
            reason.citation
        );
    }
    out
}

/// The non-blank lines of a JSON Lines input, numbered from 1, read one at a
/// time.
pub struct JsonLines<R> {
    reader: R,
    buffer: String,
    number: usize,
}

/// A non-blank line, with what was read to reach it (blank lines included),
/// for the progress bar.
pub struct Line<'a> {
    /// 1-based line number in the input.
    pub number: usize,
    /// The line, without its line end.
    pub text: &'a str,
    /// Bytes read since the previous non-blank line.
    pub bytes: u64,
    /// Lines read since the previous non-blank line.
    pub lines: u64,
}

impl<R: BufRead> JsonLines<R> {
    /// Lines of `reader`.
    pub fn new(reader: R) -> Self {
        Self {
            reader,
            buffer: String::new(),
            number: 0,
        }
    }

    /// The next non-blank line, or `None` at the end.
    ///
    /// Errors: the input cannot be read, or is not UTF-8.
    pub fn next_line(&mut self) -> io::Result<Option<Line<'_>>> {
        let mut bytes = 0;
        let mut lines = 0;
        loop {
            self.buffer.clear();
            let read = self.reader.read_line(&mut self.buffer)?;
            if read == 0 {
                return Ok(None);
            }
            self.number += 1;
            bytes += read as u64;
            lines += 1;
            if !self.buffer.trim().is_empty() {
                break;
            }
        }
        let text = self.buffer.trim_end_matches('\n');
        Ok(Some(Line {
            number: self.number,
            text: text.strip_suffix('\r').unwrap_or(text),
            bytes,
            lines,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_are_skipped_but_counted() {
        let engine = Engine::moj_default();
        let text = concat!(
            r#"{"kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-01-05","person":{"status":"employee","organisation":"moj"}}"#,
            "\n\n{not json}\n",
        );
        let mut lines = JsonLines::new(text.as_bytes());
        let mut outcomes = Vec::new();
        while let Some(line) = lines.next_line().unwrap() {
            outcomes.push((line.number, assess_line(&engine, line.text)));
        }
        assert_eq!(outcomes.len(), 2);
        assert!(outcomes[0].1.is_ok());
        assert_eq!(outcomes[1].0, 3);
        assert!(outcomes[1].1.is_err());
    }

    #[test]
    fn line_ends_are_cut_and_the_last_line_needs_none() {
        let mut lines = JsonLines::new("a\r\n\nb".as_bytes());
        let first = lines.next_line().unwrap().unwrap();
        assert_eq!((first.number, first.text, first.bytes), (1, "a", 3));
        let last = lines.next_line().unwrap().unwrap();
        assert_eq!((last.number, last.text, last.lines), (3, "b", 2));
        assert!(lines.next_line().unwrap().is_none());
    }
}
