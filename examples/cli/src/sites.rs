//! `spf sites FILE --threat LEVEL --as-of DATE`: a report on a JSON array of
//! site records under a national threat level on a day.
//!
//! Each record is read and assessed on its own: a bad record is reported on
//! standard error with its index and error code, and the others are still
//! assessed. Text is a table worst site first with the portfolio summary; JSON
//! is the library's portfolio report with every assessed site's status beside
//! it; CSV is one row per site, in file order.

mod csv_table;
mod render;

use std::collections::{HashMap, HashSet};

use clap::{Args, ValueHint};
use serde_json::value::RawValue;
use spf_core::site::{PortfolioReport, RejectedSite, Site, SiteStatus, ThreatLevel};
use spf_core::{Date, Engine, SpfError};

use crate::args::{self, PolicyArg, TableFormat, TableFormatArg};
use crate::input::Input;
use crate::output::{Output, out, outln};
use crate::render::render_record_lines;
use crate::{CommandResult, Failure, Outcome};

pub use render::{
    findings_by_severity, obligation_label, render_portfolio_summary, render_sites_header,
    schedules,
};

/// Arguments of `spf sites`.
#[derive(Debug, Args)]
pub struct SitesArgs {
    /// A JSON array of site records (`-` for standard input)
    #[arg(value_name = "FILE", value_parser = Input::parse, value_hint = ValueHint::FilePath)]
    file: Input,
    #[command(flatten)]
    when: ThreatAndDate,
    #[command(flatten)]
    format: TableFormatArg,
    #[command(flatten)]
    policy: PolicyArg,
}

/// `--threat LEVEL --as-of DATE`, which every site report needs.
#[derive(Debug, Clone, Args)]
pub struct ThreatAndDate {
    /// The national threat level
    #[arg(long, value_name = "LEVEL", ignore_case = true, value_parser = args::threat_level())]
    pub threat: ThreatLevel,
    /// The day to assess on
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = args::date)]
    pub as_of: Date,
}

/// Runs `spf sites`.
pub fn run(args: &SitesArgs, output: &mut Output) -> CommandResult {
    let engine = args.policy.engine()?;
    let records = read_records(&args.file)?;
    let (threat, as_of) = (args.when.threat, args.when.as_of);
    match args.format.format() {
        TableFormat::Text => print_report(&engine, &args.file, &records, threat, as_of, output),
        TableFormat::Json => print_json(&engine, &records, threat, as_of, output),
        TableFormat::Csv => csv_table::print(&engine, &records, threat, as_of, output),
    }
}

/// Reads a sites file: a JSON array whose records are kept as raw JSON, so that
/// each record can be parsed, and rejected, on its own.
///
/// Errors: the input cannot be read, or is not a JSON array at all.
pub fn read_records(input: &Input) -> Result<Vec<Box<RawValue>>, Failure> {
    let text = input.read_to_string()?;
    parse_records(&text).map_err(|e| {
        Failure(format!(
            "`{}` is not a JSON array of site records: {e}",
            input.name()
        ))
    })
}

fn parse_records(text: &str) -> Result<Vec<Box<RawValue>>, SpfError> {
    spf_core::json::parse(text)
}

/// A site record that was read and assessed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessedSite {
    /// The record as read.
    pub site: Site,
    /// The engine's answer for it.
    pub status: SiteStatus,
}

/// The outcome of one record of a sites file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteOutcome {
    /// Position of the record in the file's array, from 0.
    pub index: usize,
    /// The assessed site, or why the record was rejected (the error's path is
    /// inside the record).
    pub result: Result<AssessedSite, SpfError>,
}

/// Parses and assesses every record on its own with [`Engine::site_status`]: a
/// bad record is reported with its index and does not stop the others.
pub fn assess_sites(
    engine: &Engine,
    records: &[Box<RawValue>],
    threat: ThreatLevel,
    as_of: Date,
) -> Vec<SiteOutcome> {
    records
        .iter()
        .enumerate()
        .map(|(index, record)| SiteOutcome {
            index,
            result: assess_site(engine, record.get(), threat, as_of),
        })
        .collect()
}

fn assess_site(
    engine: &Engine,
    record: &str,
    threat: ThreatLevel,
    as_of: Date,
) -> Result<AssessedSite, SpfError> {
    let site: Site = spf_core::json::parse(record)?;
    let status = engine.site_status(&site, threat, as_of)?;
    Ok(AssessedSite { site, status })
}

/// The message for a rejected record: a line `site N (`id`): code: message
/// (at /path)` per problem, with the record numbered from 1 as a person counts
/// and its id when it has a readable one.
pub fn rejected_line(index: usize, record: Option<&RawValue>, error: &SpfError) -> String {
    let id = record.and_then(record_id);
    let prefix = match id {
        Some(id) => format!("site {} (`{}`): ", index + 1, SpfError::quote(&id)),
        None => format!("site {}: ", index + 1),
    };
    render_record_lines(&prefix, error)
}

/// A record's `id`, if it is an object with a string `id`.
fn record_id(record: &RawValue) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(record.get()).ok()?;
    value.get("id")?.as_str().map(str::to_owned)
}

/// The text report: the header, the table worst first, the portfolio summary
/// and the high-severity findings.
pub fn print_report(
    engine: &Engine,
    input: &Input,
    records: &[Box<RawValue>],
    threat: ThreatLevel,
    as_of: Date,
    output: &mut Output,
) -> CommandResult {
    let outcomes = assess_sites(engine, records, threat, as_of);
    // The assessed sites with their index in the file.
    let mut assessed: Vec<(usize, &AssessedSite)> = Vec::with_capacity(outcomes.len());
    let mut failed = 0usize;
    for outcome in &outcomes {
        match &outcome.result {
            Ok(site) => assessed.push((outcome.index, site)),
            Err(error) => {
                failed += 1;
                output.error_line(&rejected_line(
                    outcome.index,
                    records.get(outcome.index).map(|r| &**r),
                    error,
                ));
            }
        }
    }

    out!(output, "{}", render_sites_header(engine, threat, as_of));
    outln!(
        output,
        "  Sites file:             {}: {} record(s), {} assessed, {} rejected\n",
        input.name(),
        outcomes.len(),
        assessed.len(),
        failed
    );
    if assessed.is_empty() {
        outln!(output, "No site could be assessed.");
        return Ok(Outcome::accepted_if(failed == 0));
    }
    let sites: Vec<&AssessedSite> = assessed.iter().map(|(_, site)| *site).collect();
    out!(
        output,
        "{}",
        render::render_site_table(&sites, engine.response_level_for(threat))
    );

    let report = engine.portfolio_numbered(
        assessed.iter().map(|(index, site)| (*index, &site.site)),
        threat,
        as_of,
        Vec::new(),
    );
    // Every site here already passed `site_status`, which checks what the
    // portfolio checks; should the two ever disagree, say so rather than hide it.
    for rejected in &report.rejected {
        failed += 1;
        output.error_line(&rejected_line(
            rejected.index,
            records.get(rejected.index).map(|r| &**r),
            &rejected.error,
        ));
    }
    let names: HashMap<&str, &str> = sites
        .iter()
        .map(|a| (a.site.id.as_str(), a.site.name.as_str()))
        .collect();
    let name_of = |id: &str| names.get(id).map(|name| (*name).to_owned());
    outln!(output);
    out!(
        output,
        "{}",
        render::render_portfolio_summary(engine, &report, &name_of)
    );
    outln!(output);
    out!(output, "{}", render::render_high_findings(&sites));
    outln!(
        output,
        "\nSites summary: {} record(s), {} assessed, {} rejected; {} overdue, {} due, {} due soon, {} never done",
        outcomes.len(),
        report.sites,
        failed,
        report.overdue.len(),
        report.due.len(),
        report.due_soon.len(),
        report.never_done.len()
    );
    Ok(Outcome::accepted_if(failed == 0))
}

/// `spf sites --json`: [`json_document`] on standard output; each rejected
/// record also goes to standard error as a JSON line.
fn print_json(
    engine: &Engine,
    records: &[Box<RawValue>],
    threat: ThreatLevel,
    as_of: Date,
    output: &mut Output,
) -> CommandResult {
    let (document, rejected) = json_document(engine, records, threat, as_of)?;
    outln!(output, "{document}");
    for rejected in &rejected {
        output.error_line(&format!(
            "{{\"index\":{},\"error\":{}}}",
            rejected.index,
            rejected.error.to_json()
        ));
    }
    Ok(Outcome::accepted_if(rejected.is_empty()))
}

/// The JSON answer on a sites file, `{"portfolio": …, "sites": […]}`: the
/// portfolio report from the library's portfolio entry point, and beside it
/// each assessed record's site status (findings and baseline included) from
/// its site status entry point, as `{"index": N, "status": …}` in file order.
/// A rejected record has no status: it is in the portfolio's `rejected`, which
/// is returned too.
///
/// Errors: the library rejected the request as a whole, or a record the
/// portfolio accepted was rejected on its own (the two check the same things,
/// so that would be a fault to report, not to hide).
pub fn json_document(
    engine: &Engine,
    records: &[Box<RawValue>],
    threat: ThreatLevel,
    as_of: Date,
) -> Result<(String, Vec<RejectedSite>), Failure> {
    let request = portfolio_request(threat, as_of, records);
    let portfolio = spf_core::json::portfolio(engine, &request)
        .map_err(|e| Failure(format!("the portfolio request was rejected: {e}")))?;
    let report: PortfolioReport = spf_core::json::parse(&portfolio)
        .map_err(|e| Failure(format!("cannot read back the portfolio report: {e}")))?;
    let rejected: HashSet<usize> = report.rejected.iter().map(|r| r.index).collect();
    let mut statuses = Vec::with_capacity(records.len());
    for (index, record) in records.iter().enumerate() {
        // The portfolio rejected it, and says why; its status would be the same error.
        if rejected.contains(&index) {
            continue;
        }
        let request = site_status_request(threat, as_of, record);
        let status = spf_core::json::site_status(engine, &request).map_err(|e| {
            Failure(format!(
                "site {} was accepted by the portfolio and then rejected on its own: {e}",
                index + 1
            ))
        })?;
        statuses.push(format!(r#"{{"index":{index},"status":{status}}}"#));
    }
    let document = format!(
        r#"{{"portfolio":{portfolio},"sites":[{}]}}"#,
        statuses.join(",")
    );
    Ok((document, report.rejected))
}

/// The site status request `spf_core::json::site_status` reads for one record,
/// passed through verbatim.
pub fn site_status_request(threat: ThreatLevel, as_of: Date, record: &RawValue) -> String {
    // The date and the threat level print as their wire names: nothing to escape.
    format!(
        r#"{{"asOf":"{as_of}","threatLevel":"{}","site":{}}}"#,
        threat.as_str(),
        record.get()
    )
}

/// The portfolio request `spf_core::json::portfolio` reads, built from the
/// file's records as they are (each record is passed through verbatim, so the
/// library sees exactly what the file holds).
pub fn portfolio_request(threat: ThreatLevel, as_of: Date, records: &[Box<RawValue>]) -> String {
    let sites: Vec<&str> = records.iter().map(|r| r.get()).collect();
    // The date and the threat level print as their wire names: nothing to escape.
    format!(
        r#"{{"asOf":"{as_of}","threatLevel":"{}","sites":[{}]}}"#,
        threat.as_str(),
        sites.join(",")
    )
}

#[cfg(test)]
mod tests {
    use spf_core::ErrorCode;

    use super::*;

    #[test]
    fn only_a_file_that_is_not_an_array_is_an_error() {
        let records = parse_records(r#"[{"id": "A"}, 7]"#).unwrap();
        assert_eq!(records.len(), 2);
        assert!(parse_records(r#"{"id": "A"}"#).is_err());
    }

    #[test]
    fn each_record_is_assessed_on_its_own() {
        let engine = Engine::moj_default();
        let records = parse_records(
            r#"[
            {"id": "A", "name": "A", "tier": "low", "tierAssessed": "2026-01-05"},
            {"id": "B", "name": "B", "tier": "low", "tierAssessed": "2026-01-05", "colour": "red"}
        ]"#,
        )
        .unwrap();
        let as_of = Date::from_ymd(2026, 11, 23).unwrap();
        let outcomes = assess_sites(&engine, &records, ThreatLevel::Substantial, as_of);
        assert!(outcomes[0].result.is_ok());
        let error = outcomes[1].result.as_ref().unwrap_err();
        assert_eq!(
            (outcomes[1].index, error.code),
            (1, ErrorCode::UnknownField)
        );
        assert_eq!(error.path, "/colour");
    }

    #[test]
    fn the_portfolio_request_passes_records_through_verbatim() {
        let records = parse_records("[{\"id\": \"A\"}]").unwrap();
        let request = portfolio_request(
            ThreatLevel::Severe,
            Date::from_ymd(2026, 11, 23).unwrap(),
            &records,
        );
        assert_eq!(
            request,
            r#"{"asOf":"2026-11-23","threatLevel":"severe","sites":[{"id": "A"}]}"#
        );
    }
}
