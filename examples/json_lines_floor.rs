//! The floor for `spf breaches --json`: a plain serde_json parse and compact
//! write of every line of a JSON Lines file, with nothing assessed. Timed beside
//! the command line on the same file (see `docs/benchmarks.md`):
//!
//! ```text
//! cargo run --release --example json-lines-floor -- target/breach-reports-1m.jsonl > /dev/null
//! ```
//!
//! Lines are read with a 64 KiB buffer and written through one, as the command
//! line does; a line that is not JSON is counted and skipped. Exit status 2 for
//! a usage error, 1 when the file cannot be read.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::process::ExitCode;

fn run(path: &str) -> Result<(u64, u64), String> {
    let file = File::open(path).map_err(|e| format!("cannot open `{path}`: {e}"))?;
    let mut input = BufReader::with_capacity(1 << 16, file);
    let mut output = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut line = String::new();
    let (mut written, mut rejected) = (0_u64, 0_u64);
    loop {
        line.clear();
        let read = input
            .read_line(&mut line)
            .map_err(|e| format!("cannot read `{path}`: {e}"))?;
        if read == 0 {
            break;
        }
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<serde_json::Value>(&line) {
            Ok(value) => {
                serde_json::to_writer(&mut output, &value).map_err(|e| e.to_string())?;
                output.write_all(b"\n").map_err(|e| e.to_string())?;
                written += 1;
            }
            Err(_) => rejected += 1,
        }
    }
    output.flush().map_err(|e| e.to_string())?;
    Ok((written, rejected))
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(path), None) = (args.next(), args.next()) else {
        eprintln!(
            "usage: json-lines-floor FILE\n    parses and writes back every line of a JSON Lines file"
        );
        return ExitCode::from(2);
    };
    match run(&path) {
        Ok((written, rejected)) => {
            eprintln!("{written} line(s) parsed and written, {rejected} not JSON");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("json-lines-floor: {message}");
            ExitCode::FAILURE
        }
    }
}
