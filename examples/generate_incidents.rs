//! Writes deterministic sample incident-register records as JSON Lines to
//! standard output (see `tests/support/incidents.rs`). The shipped sample is made
//! with
//!
//! ```text
//! cargo run --release --example generate-incidents -- --seed 20261201 --count 1200 > examples/data/incidents.jsonl
//! ```
//!
//! and a big file for timing the `trends` command with
//!
//! ```text
//! cargo run --release --example generate-incidents -- --seed 1 --count 1000000 > target/incidents-1m.jsonl
//! ```
//!
//! and, with `--breach-reports`, the breach report behind each record instead
//! (one report per line, the input of `spf breaches`):
//!
//! ```text
//! cargo run --release --example generate-incidents -- --seed 1 --count 1000000 --breach-reports > target/breach-reports-1m.jsonl
//! ```
//!
//! and, with `--cases`, the breach case behind each record (report, recommendation
//! and events up to 30 November 2026, the input of `spf case`):
//!
//! ```text
//! cargo run --release --example generate-incidents -- --seed 20261201 --count 240 --cases > examples/data/cases.jsonl
//! ```
//!
//! The same seed and count always give the same bytes. Exit status 2 for a
//! usage error.

use std::io::{BufWriter, ErrorKind};
use std::process::ExitCode;

#[path = "../tests/support/incidents.rs"]
mod incidents;

use incidents::{
    SAMPLE_CASE_COUNT, SAMPLE_COUNT, SAMPLE_SEED, generate, generate_breach_reports,
    generate_cases, write_breach_reports, write_cases, write_json_lines,
};

const USAGE: &str = "\
usage: generate-incidents [--seed N] [--count N] [--breach-reports | --cases]
    writes N incident records (default 1200, seed 20261201) as JSON Lines to
    standard output, or with --breach-reports the breach report behind each
    record, or with --cases the breach case behind each record that is not a
    near miss, as of 2026-11-30 (default N 240); the same seed and count
    always give the same output";

fn number<T: std::str::FromStr>(name: &str, value: Option<String>) -> Result<T, String> {
    let value = value.ok_or_else(|| format!("{name} needs a value\n{USAGE}"))?;
    value
        .parse()
        .map_err(|_| format!("{name}: `{value}` is not a whole number\n{USAGE}"))
}

fn run() -> Result<(), String> {
    let mut seed = SAMPLE_SEED;
    let mut count = SAMPLE_COUNT;
    let mut breach_reports = false;
    let mut cases = false;
    let mut count_given = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seed" => seed = number("--seed", args.next())?,
            "--count" => {
                count = number("--count", args.next())?;
                count_given = true;
            }
            "--breach-reports" => breach_reports = true,
            "--cases" => cases = true,
            "help" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    if breach_reports && cases {
        return Err(format!(
            "--breach-reports and --cases cannot be used together\n{USAGE}"
        ));
    }
    if cases && !count_given {
        count = SAMPLE_CASE_COUNT;
    }
    let written = if cases {
        write_cases(&generate_cases(seed, count), out)
    } else if breach_reports {
        write_breach_reports(&generate_breach_reports(seed, count), out)
    } else {
        write_json_lines(&generate(seed, count), out)
    };
    match written {
        Ok(()) => Ok(()),
        // `generate-incidents | head` is not an error.
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write to standard output: {e}")),
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("generate-incidents: {message}");
            ExitCode::from(2)
        }
    }
}
