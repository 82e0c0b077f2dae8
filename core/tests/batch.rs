//! The JSON Lines batch: one output per non-blank line, in input order, the
//! same bytes on any number of threads, errors in their line's place, and a
//! failing reader or writer stops the batch with every earlier line answered.

// Test code: helpers outside #[test] functions may unwrap and index.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::{self, BufRead, Read, Write};

use spf_core::batch::{self, BatchError, BatchOptions, BatchOutput};
use spf_core::{Engine, ErrorCode, Level, SpfError, json};

const GOOD: &str = r#"{"kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-01-05","person":{"status":"employee","organisation":"moj"}}"#;

/// `count` reports, varied by kind and care, every `bad_every`th one broken.
fn reports(count: usize, bad_every: usize) -> String {
    let kinds = [
        "lossOfPass",
        "passNotWorn",
        "clearDeskFailure",
        "workstationLeftUnlocked",
    ];
    let cares = ["avoidableCarelessness", "highCarelessness", "recklessness"];
    let mut text = String::new();
    for n in 0..count {
        if bad_every > 0 && n % bad_every == bad_every - 1 {
            text.push_str(r#"{"kind":"lossOfPas","care":"avoidableCarelessness"}"#);
        } else {
            text.push_str(&format!(
                r#"{{"reference":"R-{n}","kind":"{}","care":"{}","occurred":"2026-01-05","person":{{"status":"employee","organisation":"moj"}}}}"#,
                kinds[n % kinds.len()],
                cares[n % cares.len()]
            ));
        }
        text.push('\n');
    }
    text
}

fn run(input: &str, threads: usize) -> (String, batch::BatchSummary) {
    let engine = Engine::moj_default();
    let mut out = Vec::new();
    let summary = batch::assess_breach_lines(
        &engine,
        input.as_bytes(),
        &mut out,
        BatchOptions::with_threads(threads),
    )
    .unwrap();
    (String::from_utf8(out).unwrap(), summary)
}

#[test]
fn each_line_gets_the_single_call_answer_or_its_error_in_order() {
    let engine = Engine::moj_default();
    let input = reports(500, 7);
    let (out, summary) = run(&input, 1);
    let outputs: Vec<&str> = out.lines().collect();
    assert_eq!(outputs.len(), 500);
    for (number, (line, output)) in input.lines().zip(&outputs).enumerate() {
        match json::assess_breach(&engine, line) {
            Ok(answer) => assert_eq!(*output, answer),
            Err(error) => {
                let value: serde_json::Value = serde_json::from_str(output).unwrap();
                assert_eq!(value["line"], number + 1);
                assert_eq!(value["error"]["code"], error.code.as_str());
                assert_eq!(value["error"]["path"], "/kind");
            }
        }
    }
    assert_eq!((summary.lines, summary.rejected), (500, 500 / 7));
    assert_eq!(summary.assessed, 500 - 500 / 7);
    let by_level: u64 = Level::ALL.iter().map(|l| summary.at_level(*l)).sum();
    assert_eq!(by_level, summary.assessed);
}

#[test]
fn any_number_of_threads_writes_the_same_bytes() {
    // Enough lines for many chunks, so that threads finish out of order.
    let input = reports(3_000, 11);
    let (one, one_summary) = run(&input, 1);
    for threads in [2, 3, 8] {
        let (many, summary) = run(&input, threads);
        assert!(many == one, "{threads} threads wrote different bytes");
        assert_eq!(summary, one_summary);
    }
}

#[test]
fn blank_lines_are_skipped_but_counted_and_line_ends_may_be_crlf() {
    let input = format!("\n{GOOD}\r\n  \t\n{{not json}}\r\n{GOOD}");
    let (out, summary) = run(&input, 1);
    let outputs: Vec<&str> = out.lines().collect();
    assert_eq!(outputs.len(), 3);
    assert!(outputs[0].starts_with(r#"{"schemaVersion":1"#));
    assert!(
        outputs[1].starts_with(r#"{"line":4,"error":{"code":"malformedJson""#),
        "{}",
        outputs[1]
    );
    assert!(outputs[2].starts_with(r#"{"schemaVersion":1"#));
    assert_eq!(
        (summary.lines, summary.assessed, summary.rejected),
        (3, 2, 1)
    );
    assert_eq!(run("", 2).0, "");
}

#[test]
fn errors_have_no_parser_position_and_list_every_problem() {
    let (out, _) = run(r#"{"kind":"lossOfPas","care":"avoidable","extra":1}"#, 1);
    let value: serde_json::Value = serde_json::from_str(out.trim_end()).unwrap();
    let message = value["error"]["message"].as_str().unwrap();
    assert!(!message.contains("column"), "{message}");
    let problems = value["error"]["errors"].as_array().unwrap();
    assert!(problems.len() >= 3, "{problems:?}");
}

#[test]
fn a_line_that_is_not_utf8_is_its_own_error() {
    let engine = Engine::moj_default();
    let mut input = GOOD.as_bytes().to_vec();
    input.extend_from_slice(b"\n{\"kind\":\"\xff\"}\n");
    input.extend_from_slice(GOOD.as_bytes());
    let mut out = Vec::new();
    let summary =
        batch::assess_breach_lines(&engine, &input[..], &mut out, BatchOptions::with_threads(2))
            .unwrap();
    let out = String::from_utf8(out).unwrap();
    let outputs: Vec<&str> = out.lines().collect();
    assert_eq!(outputs.len(), 3);
    let error: serde_json::Value = serde_json::from_str(outputs[1]).unwrap();
    assert_eq!(error["line"], 2);
    assert_eq!(error["error"]["code"], ErrorCode::InvalidUtf8.as_str());
    assert_eq!(summary.rejected, 1);
}

/// Gives `good` bytes of its input, then fails.
struct FailingReader<'a> {
    input: &'a [u8],
    good: usize,
}

impl Read for FailingReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.fill_buf()?.len().min(buf.len());
        buf[..n].copy_from_slice(&self.input[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for FailingReader<'_> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.good == 0 {
            return Err(io::Error::other("disk on fire"));
        }
        Ok(&self.input[..self.good.min(self.input.len()).min(4096)])
    }
    fn consume(&mut self, amount: usize) {
        self.input = &self.input[amount..];
        self.good -= amount;
    }
}

#[test]
fn a_read_error_stops_the_batch_after_the_lines_before_it() {
    let engine = Engine::moj_default();
    let input = reports(2_000, 0);
    for threads in [1, 2, 3] {
        let good = input.len() / 2;
        let reader = FailingReader {
            input: input.as_bytes(),
            good,
        };
        let mut out = Vec::new();
        let error = batch::assess_breach_lines(
            &engine,
            reader,
            &mut out,
            BatchOptions::with_threads(threads),
        )
        .unwrap_err();
        assert!(matches!(error, BatchError::Read(_)), "{error}");
        assert!(error.to_string().contains("disk on fire"));
        // Every line read whole before the failure is answered, in order, and
        // nothing after it (the line the failure cut short included).
        let whole_lines = input[..good].matches('\n').count();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(out.lines().count(), whole_lines, "on {threads} thread(s)");
        for (line, output) in input.lines().zip(out.lines()) {
            assert_eq!(output, json::assess_breach(&engine, line).unwrap());
        }
    }
}

/// Accepts `room` bytes of answers, then fails.
struct FullOutput {
    room: usize,
    errors: Vec<u64>,
}

impl BatchOutput for FullOutput {
    fn answers(&mut self, answers: &[u8]) -> io::Result<()> {
        if answers.len() > self.room {
            return Err(io::Error::other("no space left"));
        }
        self.room -= answers.len();
        Ok(())
    }
    fn rejected(&mut self, line: u64, _error: &SpfError) -> io::Result<()> {
        self.errors.push(line);
        Ok(())
    }
}

#[test]
fn a_write_error_stops_the_batch_on_any_number_of_threads() {
    let engine = Engine::moj_default();
    let input = reports(5_000, 3);
    for threads in [1, 2, 4] {
        let mut output = FullOutput {
            room: 200_000,
            errors: Vec::new(),
        };
        let error = batch::assess_breach_lines_to(
            &engine,
            input.as_bytes(),
            &mut output,
            BatchOptions::with_threads(threads),
        )
        .unwrap_err();
        assert!(matches!(error, BatchError::Write(_)), "{error}");
        // Errors handed over so far are in order and far from the end.
        assert!(output.errors.windows(2).all(|w| w[0] < w[1]));
        assert!(output.errors.len() < 5_000 / 3);
    }
}

#[test]
fn errors_can_go_elsewhere_in_their_order() {
    let engine = Engine::moj_default();
    let input = reports(1_000, 9);
    let mut output = FullOutput {
        room: usize::MAX,
        errors: Vec::new(),
    };
    let summary = batch::assess_breach_lines_to(
        &engine,
        input.as_bytes(),
        &mut output,
        BatchOptions::with_threads(2),
    )
    .unwrap();
    let expected: Vec<u64> = (1..=1_000).filter(|n| n % 9 == 0).collect();
    assert_eq!(output.errors, expected);
    assert_eq!(summary.rejected, expected.len() as u64);
}

#[test]
fn options_count_threads_from_one() {
    assert_eq!(BatchOptions::with_threads(0).threads(), 1);
    assert_eq!(BatchOptions::default().threads(), 1);
    assert_eq!(BatchOptions::with_threads(6).threads(), 6);
    let mut sink = Vec::new();
    writeln!(
        sink,
        "{}",
        batch::rejected_line(3, &SpfError::new(ErrorCode::MissingField, "x", "/kind")).trim_end()
    )
    .unwrap();
    assert!(
        String::from_utf8(sink)
            .unwrap()
            .starts_with(r#"{"line":3,"error":{"code":"missingField""#)
    );
}

#[test]
fn a_thread_count_past_the_cap_is_the_cap() {
    assert_eq!(
        BatchOptions::with_threads(usize::MAX).threads(),
        batch::MAX_THREADS
    );
    assert_eq!(BatchOptions::with_threads(0).threads(), 1);
    assert_eq!(BatchOptions::with_threads(3).threads(), 3);
}
