//! `spf assurance --sites FILE --returns FILE --register FILE --threat LEVEL
//! --as-of DATE --from DATE --to DATE`: the year's assurance pack for the
//! Executive Management Board and the Permanent Secretary.
//!
//! The answer is the library's assurance pack over the three files: the sites
//! file (a JSON array of site records), the returns file (a JSON array of the
//! business areas' SPF compliance returns) and the register (JSON Lines of
//! incident records). Each record, return and line is read on its own: a bad one
//! is reported on standard error and the pack is made from the rest. Text is a
//! readable report; `--format html` a printable GOV.UK page a security team can
//! hand to the board; JSON is the library's answer.

mod html;
mod text;

use std::collections::HashMap;

use clap::{Args, ValueEnum, ValueHint};
use serde_json::value::RawValue;
use spf_core::assurance::{AssuranceInputs, AssurancePack, RejectedReturn};
use spf_core::compliance::ComplianceReturn;
use spf_core::site::{RejectedSite, Site, ThreatLevel};
use spf_core::{Date, Engine, SpfError};

use crate::args::{self, PolicyArg};
use crate::input::Input;
use crate::output::{Output, out, outln};
use crate::progress::Progress;
use crate::render::render_record_lines;
use crate::sites::{read_records, rejected_line};
use crate::trends::render_rejected_line;
use crate::{CommandResult, Failure, Outcome};

/// How to print the pack.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum PackFormat {
    /// For people, in the terminal
    #[default]
    Text,
    /// The library's JSON answer
    Json,
    /// A printable, accessible GOV.UK page
    Html,
}

/// Arguments of `spf assurance`.
#[derive(Debug, Args)]
pub struct AssuranceArgs {
    /// A JSON array of site records: the estate
    #[arg(long, value_name = "FILE", value_parser = Input::parse, value_hint = ValueHint::FilePath)]
    sites: Input,
    /// A JSON array of the business areas' SPF compliance returns, one per area
    #[arg(long, value_name = "FILE", value_parser = Input::parse, value_hint = ValueHint::FilePath)]
    returns: Input,
    /// A JSON Lines file of incident records: the central register
    #[arg(long, value_name = "FILE", value_parser = Input::parse, value_hint = ValueHint::FilePath)]
    register: Input,
    /// The national threat level on the day the estate is assessed
    #[arg(long, value_name = "LEVEL", ignore_case = true, value_parser = args::threat_level())]
    threat: ThreatLevel,
    /// The day the estate is assessed on
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = args::date)]
    as_of: Date,
    /// The first day of the year (widened to the start of its quarter)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = args::date)]
    from: Date,
    /// The last day of the year (widened to the end of its quarter)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = args::date)]
    to: Date,
    /// How to print the pack
    #[arg(long, value_enum, default_value_t)]
    format: PackFormat,
    #[command(flatten)]
    policy: PolicyArg,
}

/// What the pack's pages need beside the pack: each site's name and each
/// control's, by id.
pub struct Names {
    sites: HashMap<String, String>,
    controls: HashMap<String, String>,
}

impl Names {
    /// The names of the sites the estate assessed (a rejected record, such as
    /// a second one with an id already used, names nothing).
    fn new(engine: &Engine, sites: &[(usize, Site)], pack: &AssurancePack) -> Self {
        let refused: std::collections::BTreeSet<usize> =
            pack.estate.rejected.iter().map(|r| r.index).collect();
        Self {
            sites: sites
                .iter()
                .filter(|(index, _)| !refused.contains(index))
                .map(|(_, site)| (site.id.clone(), site.name.clone()))
                .collect(),
            controls: engine
                .policy()
                .counter_terrorism
                .controls
                .iter()
                .map(|c| (c.id.to_string(), c.name.clone()))
                .collect(),
        }
    }

    /// A site's name, or its id when the estate does not name it.
    pub fn site<'a>(&'a self, id: &'a str) -> &'a str {
        self.sites.get(id).map_or(id, String::as_str)
    }

    /// A control's name, or its id.
    pub fn control<'a>(&'a self, id: &'a str) -> &'a str {
        self.controls.get(id).map_or(id, String::as_str)
    }
}

/// Runs `spf assurance`.
pub fn run(args: &AssuranceArgs, output: &mut Output) -> CommandResult {
    if args.to < args.from {
        return Err(Failure(format!(
            "--to {} is before --from {}",
            args.to, args.from
        )));
    }
    let engine = args.policy.engine()?;
    let site_records = read_records(&args.sites)?;
    let (sites, rejected_sites) = read_sites(&site_records);
    let return_records = read_returns(&args.returns)?;
    let (returns, rejected_returns) = read_each(
        &return_records,
        "returns",
        spf_core::json::parse::<ComplianceReturn>,
    );
    let mut progress = Progress::new(args.register.known_size(), "records");
    let mut register = crate::trends::read_register(&args.register, &mut progress)?;
    progress.finish();
    let rejected_records = std::mem::take(&mut register.rejected);
    let pack = engine
        .assurance_pack(AssuranceInputs {
            as_of: args.as_of,
            threat_level: args.threat,
            from: args.from,
            to: args.to,
            sites: sites.iter().map(|(index, site)| (*index, site)).collect(),
            rejected_sites,
            returns: returns.iter().map(|(index, r)| (*index, r)).collect(),
            rejected_returns: rejected_returns
                .into_iter()
                .map(|(index, error)| RejectedReturn { index, error })
                .collect(),
            records: register.records().collect(),
            rejected_records,
        })
        .map_err(|e| Failure(e.to_string()))?;
    let rejected = report_rejected(&pack, (&site_records, &return_records), output);
    let names = Names::new(&engine, &sites, &pack);
    let shown = Shown {
        sites: args.sites.name(),
        returns: args.returns.name(),
        register: args.register.name(),
        threat: args.threat,
    };
    match args.format {
        PackFormat::Json => {
            let answer = serde_json::to_string(&pack)
                .map_err(|e| Failure(format!("cannot write the pack: {e}")))?;
            outln!(output, "{answer}");
        }
        PackFormat::Text => out!(output, "{}", text::render(&engine, &pack, &names, &shown)),
        PackFormat::Html => out!(output, "{}", html::render(&pack, &names, &shown)),
    }
    Ok(Outcome::accepted_if(rejected == 0))
}

/// The files the pack was made from, as the pages name them, and the threat
/// level asked for.
pub struct Shown {
    /// The sites file.
    pub sites: String,
    /// The returns file.
    pub returns: String,
    /// The register.
    pub register: String,
    /// The national threat level the estate is assessed under.
    pub threat: ThreatLevel,
}

/// Reads the returns file: a JSON array whose returns are kept as raw JSON, so
/// that each can be rejected on its own.
fn read_returns(input: &Input) -> Result<Vec<Box<RawValue>>, Failure> {
    let text = input.read_to_string()?;
    spf_core::json::parse(&text).map_err(|e| {
        Failure(format!(
            "`{}` is not a JSON array of compliance returns: {e}",
            input.name()
        ))
    })
}

/// The records that parsed and those that did not, each with its index.
type ReadEach<T> = (Vec<(usize, T)>, Vec<(usize, SpfError)>);

/// Parses each record on its own; a bad one is kept with its index and its
/// error, whose path is made to start `/<field>/N` as the engine's do.
fn read_each<T>(
    records: &[Box<RawValue>],
    field: &str,
    parse: impl Fn(&str) -> Result<T, SpfError>,
) -> ReadEach<T> {
    let mut parsed = Vec::with_capacity(records.len());
    let mut rejected = Vec::new();
    for (index, record) in records.iter().enumerate() {
        match parse(record.get()) {
            Ok(value) => parsed.push((index, value)),
            Err(error) => {
                // The parser's position counts from the record, not the file:
                // the path locates the value instead.
                let mut error = error.without_position();
                let at = format!("/{field}/{index}");
                error.path = format!("{at}{}", error.path);
                for other in &mut error.also {
                    other.path = format!("{at}{}", other.path);
                }
                rejected.push((index, error));
            }
        }
    }
    (parsed, rejected)
}

fn read_sites(records: &[Box<RawValue>]) -> (Vec<(usize, Site)>, Vec<RejectedSite>) {
    let (sites, rejected) = read_each(records, "sites", spf_core::json::parse::<Site>);
    let rejected = rejected
        .into_iter()
        .map(|(index, error)| RejectedSite { index, error })
        .collect();
    (sites, rejected)
}

/// The error with `prefix` taken off the front of every path, so that it
/// points inside the record named on its line.
fn inside(error: &SpfError, prefix: &str) -> SpfError {
    let strip = |path: &mut String| {
        if let Some(rest) = path.strip_prefix(prefix) {
            *path = rest.to_owned();
        }
    };
    let mut error = error.clone();
    strip(&mut error.path);
    for other in &mut error.also {
        strip(&mut other.path);
    }
    error
}

/// A record's `businessArea`, if it is an object with a string one.
fn business_area_of(record: &RawValue) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(record.get()).ok()?;
    value.get("businessArea")?.as_str().map(str::to_owned)
}

/// Reports every site, return and record the pack could not use on standard
/// error, every problem of each on its own line; returns how many there were.
fn report_rejected(
    pack: &AssurancePack,
    (site_records, return_records): (&[Box<RawValue>], &[Box<RawValue>]),
    output: &mut Output,
) -> usize {
    for rejected in &pack.estate.rejected {
        output.error_line(&rejected_line(
            rejected.index,
            site_records.get(rejected.index).map(|r| &**r),
            &inside(&rejected.error, &format!("/sites/{}", rejected.index)),
        ));
    }
    for rejected in &pack.rejected_returns {
        let area = return_records
            .get(rejected.index)
            .and_then(|r| business_area_of(r));
        let prefix = match area {
            Some(area) => format!(
                "return {} (`{}`): ",
                rejected.index + 1,
                SpfError::quote(&area)
            ),
            None => format!("return {}: ", rejected.index + 1),
        };
        output.error_line(&render_record_lines(
            &prefix,
            &inside(&rejected.error, &format!("/returns/{}", rejected.index)),
        ));
    }
    for rejected in &pack.breaches.rejected {
        output.error_line(&render_rejected_line(rejected));
    }
    pack.estate.rejected.len() + pack.rejected_returns.len() + pack.breaches.rejected.len()
}
