//! `spf demo`: the quick start's main job, on the sample data built into the
//! program (so an installed `spf` runs it from any directory).
//!
//! It assesses the sample breach reports, reports on the sample estate under
//! SUBSTANTIAL on 2026-11-23, then summarises the sample incident register
//! (made by the `generate-incidents` example) for the financial year 2025-26.

use clap::Args;
use spf_core::Date;
use spf_core::site::ThreatLevel;

use crate::args::{Format, FormatArg, PolicyArg, TableFormat};
use crate::input::Input;
use crate::output::{Output, outln};
use crate::trends::TrendDetail;
use crate::{CommandResult, Failure, Outcome, breaches, sites, trends};

/// The sample breach reports, one of every kind.
const BREACH_REPORTS_TEXT: &str = include_str!("../../data/breach-reports.jsonl");
const BREACH_REPORTS: Input = Input::Embedded {
    name: "examples/data/breach-reports.jsonl",
    text: BREACH_REPORTS_TEXT,
};
/// The sample estate.
const SITES: Input = Input::Embedded {
    name: "examples/data/sites.json",
    text: include_str!("../../data/sites.json"),
};
/// The sample incident register.
const INCIDENTS_TEXT: &str = include_str!("../../data/incidents.jsonl");
const INCIDENTS: Input = Input::Embedded {
    name: "examples/data/incidents.jsonl",
    text: INCIDENTS_TEXT,
};

/// The demo's national threat level.
const THREAT: ThreatLevel = ThreatLevel::Substantial;
/// The demo's assessment date.
const AS_OF: (i32, u32, u32) = (2026, 11, 23);
/// The demo's trend period: the last full financial year before its date.
const TRENDS_FROM: (i32, u32, u32) = (2025, 4, 1);
const TRENDS_TO: (i32, u32, u32) = (2026, 3, 31);

/// Arguments of `spf demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    #[command(flatten)]
    format: FormatArg,
    #[command(flatten)]
    policy: PolicyArg,
}

fn day((year, month, day): (i32, u32, u32)) -> Result<Date, Failure> {
    Date::from_ymd(year, month, day)
        .ok_or_else(|| Failure(format!("{year}-{month}-{day} is not a date")))
}

/// Runs `spf demo`.
pub fn run(args: &DemoArgs, output: &mut Output) -> CommandResult {
    let engine = args.policy.engine()?;
    if args.format.format() == Format::Json {
        return print_json(&engine, output);
    }
    let as_of = day(AS_OF)?;
    outln!(output, "== 1. Security breach reports ==\n");
    let breaches = breaches::assess_input(&engine, &BREACH_REPORTS, TableFormat::Text, output)?;
    outln!(
        output,
        "\n== 2. Counter-terrorism protective security: the estate under {} on {as_of} ==\n",
        THREAT.as_str().to_uppercase()
    );
    let records = sites::read_records(&SITES)?;
    let sites = sites::print_report(&engine, &SITES, &records, THREAT, as_of, output)?;
    let (from, to) = (day(TRENDS_FROM)?, day(TRENDS_TO)?);
    outln!(
        output,
        "\n== 3. Incident register trends: the financial year {from} to {to} ==\n"
    );
    let trends = trends::report(
        &engine,
        &INCIDENTS,
        (from, to),
        Format::Text,
        TrendDetail::SUMMARY,
        output,
    )?;
    Ok(breaches.and(sites).and(trends))
}

/// The demo's three answers as one JSON document, each the library's own JSON
/// answer: `{"breaches": [...], "sites": {...}, "trends": {...}}`, where `sites` is
/// what `spf sites --json` prints.
fn print_json(engine: &spf_core::Engine, output: &mut Output) -> CommandResult {
    let mut rejected = false;
    let mut answers = Vec::new();
    for line in BREACH_REPORTS_TEXT
        .lines()
        .filter(|line| !line.trim().is_empty())
    {
        match spf_core::json::assess_breach(engine, line) {
            Ok(answer) => answers.push(answer),
            Err(error) => {
                rejected = true;
                output.error_line(&error.to_json());
            }
        }
    }
    let records = sites::read_records(&SITES)?;
    let (sites, rejected_sites) = sites::json_document(engine, &records, THREAT, day(AS_OF)?)
        .map_err(|e| Failure(format!("the sample estate was rejected: {}", e.0)))?;
    rejected |= !rejected_sites.is_empty();
    let lines: Vec<&str> = INCIDENTS_TEXT
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let trends = spf_core::json::trend_report(
        engine,
        &format!(
            r#"{{"from":"{}","to":"{}","records":[{}]}}"#,
            day(TRENDS_FROM)?,
            day(TRENDS_TO)?,
            lines.join(",")
        ),
    )
    .map_err(|e| Failure(format!("the sample register was rejected: {e}")))?;
    outln!(
        output,
        r#"{{"breaches":[{}],"sites":{sites},"trends":{trends}}}"#,
        answers.join(",")
    );
    Ok(Outcome::accepted_if(!rejected))
}
