//! `spf trends FILE --from DATE --to DATE`: trends in a JSON Lines register of
//! incident records (POLSBP002) over whole quarters.
//!
//! The input is read once and its lines are parsed on every core; each line is
//! read on its own, so a bad line is reported (with its number, error code and
//! the path inside the line) and the others are still used. The period is whole
//! quarters of the policy's reporting year, so `--to 2026-11-20` reports up to
//! 2026-12-31.

mod reader;
mod render;

use clap::{Args, ValueHint};
use spf_core::{Date, Engine};

use crate::args::{self, Format, FormatArg, PolicyArg};
use crate::input::Input;
use crate::output::{Output, out, outln};
use crate::progress::Progress;
use crate::{CommandResult, Failure, Outcome};

pub use reader::IncidentLines;
pub use render::{TrendDetail, render_rejected_line, render_trends};

/// Reads a JSON Lines register of incident records, each line on its own (a
/// bad line is kept in `rejected`, its error's path starting `/records/N`).
///
/// Errors: the input cannot be read, or is not UTF-8.
pub fn read_register(input: &Input, progress: &mut Progress) -> Result<IncidentLines, Failure> {
    reader::read_incident_input(input, progress).map_err(Failure)
}

/// Arguments of `spf trends`.
#[derive(Debug, Args)]
pub struct TrendsArgs {
    /// A JSON Lines file of incident records, one record per line (`-` for
    /// standard input)
    #[arg(value_name = "FILE", value_parser = Input::parse, value_hint = ValueHint::FilePath)]
    file: Input,
    /// The first day of the period (widened to the start of its quarter)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = args::date)]
    from: Date,
    /// The last day of the period (widened to the end of its quarter)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = args::date)]
    to: Date,
    #[command(flatten)]
    format: FormatArg,
    #[command(flatten)]
    policy: PolicyArg,
}

/// Runs `spf trends`.
pub fn run(args: &TrendsArgs, output: &mut Output) -> CommandResult {
    if args.to < args.from {
        return Err(Failure(format!(
            "--to {} is before --from {}",
            args.to, args.from
        )));
    }
    let engine = args.policy.engine()?;
    report(
        &engine,
        &args.file,
        (args.from, args.to),
        args.format.format(),
        TrendDetail::FULL,
        output,
    )
}

/// The trend report over a register; the report is printed even when lines
/// were rejected.
pub fn report(
    engine: &Engine,
    input: &Input,
    (from, to): (Date, Date),
    format: Format,
    detail: TrendDetail,
    output: &mut Output,
) -> CommandResult {
    let mut progress = Progress::new(input.known_size(), "records");
    let mut lines = reader::read_incident_input(input, &mut progress)?;
    progress.set_stage("making the report");
    let rejected = std::mem::take(&mut lines.rejected);
    // What the engine refuses for the period (too many quarters) is a usage
    // error too.
    let mut report = engine
        .trend_report_numbered(lines.records(), from, to, rejected)
        .map_err(|e| Failure(e.to_string()))?;
    progress.finish();
    let answer = match format {
        Format::Json => serde_json::to_string(&report)
            .map_err(|e| Failure(format!("cannot write the report: {e}")))?,
        Format::Text => render::render_trends(&report, &input.name(), detail),
    };
    // The report borrows the records' texts, so it goes before them.
    let rejected = std::mem::take(&mut report.rejected);
    drop(report);
    // A big register is millions of small allocations: free them on another
    // thread while the answer is written (the process may end first, which
    // frees them all at once).
    let _ = std::thread::Builder::new().spawn(move || drop(lines));
    match format {
        Format::Json => {
            outln!(output, "{answer}");
            for rejected in &rejected {
                output.error_line(&format!(
                    "{{\"line\":{},\"error\":{}}}",
                    rejected.index + 1,
                    rejected.error.to_json()
                ));
            }
        }
        Format::Text => {
            out!(output, "{answer}");
            for rejected in &rejected {
                output.error_line(&render::render_rejected_line(rejected));
            }
        }
    }
    Ok(Outcome::accepted_if(rejected.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_the_engine_refuses_are_rejected_by_line() {
        let engine = Engine::moj_default();
        let text = concat!(
            r#"{"id":"A","occurred":"2026-04-02","recorded":"2026-04-03","businessArea":"HMCTS","kind":"lossOfPass","level":"minor"}"#,
            "\n",
            r#"{"id":"B","occurred":"2026-04-02","recorded":"2026-04-01","businessArea":"HMCTS","kind":"lossOfPass","level":"minor"}"#,
        );
        let from = Date::from_ymd(2026, 4, 1).unwrap();
        let mut read = reader::read_incident_lines(text);
        let rejected = std::mem::take(&mut read.rejected);
        let report = engine
            .trend_report_numbered(read.records(), from, from, rejected)
            .unwrap();
        assert_eq!(report.totals.total, 1);
        assert_eq!(report.rejected[0].index, 1);
        assert_eq!(report.rejected[0].error.path, "/records/1/recorded");
    }
}
