//! The spf command line: assess breach reports and counter-terrorism site records
//! against the embedded MoJ default policy (or another policy document), report
//! trends in the central incident register, evaluate SPF compliance returns, say
//! who co-ordinates an incident, and export the policy.
//!
//! ```text
//! cargo run --release --example spf -- demo
//! cargo run --release --example spf -- breaches examples/data/breach-reports.jsonl
//! cargo run --release --example spf -- breaches FILE --json
//! cargo run --release --example spf -- sites examples/data/sites.json --threat substantial --as-of 2026-11-23
//! cargo run --release --example spf -- sites FILE --threat severe --as-of 2026-11-23 --json
//! cargo run --release --example spf -- trends examples/data/incidents.jsonl --from 2025-04-01 --to 2026-03-31
//! cargo run --release --example spf -- trends FILE --from 2024-04-01 --to 2026-11-20 --json
//! cargo run --release --example spf -- compliance examples/data/compliance-return.json
//! cargo run --release --example spf -- coordinate --areas "HMCTS,HMPPS" --front-line
//! cargo run --release --example spf -- breaches FILE --policy my-policy.json
//! cargo run --release --example spf -- policy export > policy.json
//! ```
//!
//! `demo` is the quick start's main job: it assesses the sample breach reports,
//! reports on the sample estate under SUBSTANTIAL on 2026-11-23, then summarises
//! the sample incident register (`examples/data/incidents.jsonl`, made by the
//! `generate-incidents` example) for the financial year 2025-26.
//!
//! `trends` reads the file once and parses its lines in parallel; each line is
//! read on its own, so a bad line is reported (with its number, error code and
//! the path inside the line) and the others are still used. The period is whole
//! quarters of the policy's reporting year, so `--to 2026-11-20` reports up to
//! 2026-12-31.
//!
//! Every decision comes from `spf-core`; this program only reads arguments and
//! files, calls the engine and formats its answers.
//!
//! Exit status: 0 when every report, site record or incident record was used
//! and a compliance return was evaluated (gaps are findings, not failures); 1
//! when any line or record failed (each is reported on standard error with its
//! line number or index and error code, and the rest are still used; the trend
//! report is still printed), or a co-ordination request or compliance return was
//! rejected; 2 for usage errors, unreadable files, an invalid policy document, a
//! bad `--threat`, `--as-of`, `--from` or `--to` value, or `--to` before
//! `--from`.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;

use spf_core::compliance::ComplianceReturn;
use spf_core::coordination::CoordinationRequest;
use spf_core::site::{PortfolioReport, Site, ThreatLevel};
use spf_core::{Date, Engine, Level};
use spf_examples::{
    AssessedSite, TrendDetail, assess_json_lines, assess_sites, portfolio_request,
    read_incident_file, read_site_records, render_assessment, render_compliance,
    render_coordination, render_error, render_high_findings, render_portfolio_summary,
    render_record_error, render_rejected_line, render_site_table, render_sites_header,
    render_trends,
};

const USAGE: &str = "\
usage:
  spf demo [--policy POLICY.json]
      the quick start: assess the sample breach reports, report on the sample
      estate (examples/data/sites.json) under SUBSTANTIAL on 2026-11-23, then
      summarise the sample incident register for the financial year 2025-26
  spf breaches FILE [--json] [--policy POLICY.json]
      assess every line of a JSON Lines file of breach reports
  spf sites FILE --threat LEVEL --as-of YYYY-MM-DD [--json] [--policy POLICY.json]
      report on a JSON array of site records under a national threat level
      (low, moderate, substantial, severe, critical) on a day: response level,
      controls, CT-plan tests, risk assessments and findings, worst site first;
      --json prints the portfolio report
  spf coordinate --areas AREA[,AREA...] [--front-line] [--json] [--policy POLICY.json]
      who co-ordinates the response to an incident affecting these business areas;
      --front-line when courts, tribunals or prisons are significantly affected
  spf trends FILE --from YYYY-MM-DD --to YYYY-MM-DD [--json] [--policy POLICY.json]
      trends in a JSON Lines file of incident records over the whole quarters from
      --from to --to: counts per quarter with the change on the quarter before,
      busiest business areas and sites, repeat individuals and hotspots;
      --json prints the trend report
  spf compliance FILE [--json] [--policy POLICY.json]
      evaluate an SPF compliance return (JSON): gaps, variations to report in the
      annual governance report and invalid variations; --json prints the evaluation
  spf policy export [--policy POLICY.json]
      print the policy document (the embedded MoJ default unless --policy)
  spf help

exit status: 0 all assessed, 1 a line, record, request or return was rejected,
2 usage error, unreadable file, invalid policy or bad --threat/--as-of/--from/--to";

/// Writes to standard output. A closed pipe (`spf ... | head`) ends the program
/// quietly with the status a shell gives for SIGPIPE, where `println!` would
/// panic.
fn emit(text: &str) -> Result<(), String> {
    use std::io::Write as _;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(141),
        Err(e) => Err(format!("cannot write to standard output: {e}")),
    }
}

/// `print!` through [`emit`], returning early on a write error.
macro_rules! out {
    ($($arg:tt)*) => {
        emit(&format!($($arg)*))?
    };
}

/// `println!` through [`emit`], returning early on a write error.
macro_rules! outln {
    () => {
        emit("\n")?
    };
    ($($arg:tt)*) => {
        emit(&format!("{}\n", format_args!($($arg)*)))?
    };
}

/// The demo's national threat level and assessment date.
const DEMO_THREAT: ThreatLevel = ThreatLevel::Substantial;
const DEMO_AS_OF: &str = "2026-11-23";
/// The demo's trend period: the last full financial year before its date.
const DEMO_TRENDS_FROM: &str = "2025-04-01";
const DEMO_TRENDS_TO: &str = "2026-03-31";

#[derive(Default)]
struct Options {
    positional: Vec<String>,
    /// The options given, by name, for checking they suit the command.
    given: Vec<&'static str>,
    json: bool,
    policy: Option<String>,
    threat: Option<String>,
    as_of: Option<String>,
    areas: Option<String>,
    front_line: bool,
    from: Option<String>,
    to: Option<String>,
}

fn parse_options(args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options::default();
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--json" => {
                options.given.push("--json");
                options.json = true;
            }
            "--front-line" => {
                options.given.push("--front-line");
                options.front_line = true;
            }
            "--policy" => {
                options.given.push("--policy");
                options.policy = Some(value("--policy")?);
            }
            "--threat" => {
                options.given.push("--threat");
                options.threat = Some(value("--threat")?);
            }
            "--as-of" => {
                options.given.push("--as-of");
                options.as_of = Some(value("--as-of")?);
            }
            "--areas" => {
                options.given.push("--areas");
                options.areas = Some(value("--areas")?);
            }
            "--from" => {
                options.given.push("--from");
                options.from = Some(value("--from")?);
            }
            "--to" => {
                options.given.push("--to");
                options.to = Some(value("--to")?);
            }
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`")),
            _ => options.positional.push(arg),
        }
    }
    Ok(options)
}

impl Options {
    /// Rejects options the command does not take.
    fn allow(&self, command: &str, allowed: &[&str]) -> Result<(), String> {
        match self.given.iter().find(|given| !allowed.contains(given)) {
            Some(flag) => Err(format!("`{command}` does not take {flag}\n{USAGE}")),
            None => Ok(()),
        }
    }
}

fn load_engine(policy: Option<&str>) -> Result<Engine, String> {
    let Some(path) = policy else {
        return Ok(Engine::moj_default());
    };
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read `{path}`: {e}"))?;
    Engine::from_policy_json(&text).map_err(|errors| {
        let mut message = format!("policy `{path}` is invalid:");
        for error in errors.iter() {
            message.push_str("\n  ");
            message.push_str(&render_error(error));
        }
        message
    })
}

fn read(path: &Path, shown: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read `{shown}`: {e}"))
}

/// Assesses a JSON Lines file of breach reports; `Ok(true)` when every line was
/// assessed.
fn breaches(engine: &Engine, path: &Path, shown: &str, json: bool) -> Result<bool, String> {
    let text = read(path, shown)?;
    let outcomes = assess_json_lines(engine, &text);
    let mut failed = 0usize;
    let mut by_level: BTreeMap<Level, usize> = BTreeMap::new();
    let policy = engine.policy_ref();
    if !json {
        outln!(
            "Assessing {shown} against policy {} version {}\n",
            policy.id,
            policy.version
        );
    }
    for outcome in &outcomes {
        match &outcome.result {
            Ok(answer) => {
                *by_level.entry(answer.level).or_default() += 1;
                if json {
                    let line = serde_json::to_string(answer)
                        .map_err(|e| format!("cannot write the answer: {e}"))?;
                    outln!("{line}");
                } else {
                    outln!(
                        "line {} {} {}",
                        outcome.line,
                        answer.reference.as_deref().unwrap_or("(no reference)"),
                        answer.kind
                    );
                    outln!("{}", render_assessment(answer));
                }
            }
            Err(error) => {
                failed += 1;
                if json {
                    eprintln!(
                        "{{\"line\":{},\"error\":{}}}",
                        outcome.line,
                        error.to_json()
                    );
                } else {
                    eprintln!("line {}: {}", outcome.line, render_error(error));
                }
            }
        }
    }
    if !json {
        let counts: Vec<String> = by_level
            .iter()
            .map(|(level, count)| format!("{level} {count}"))
            .collect();
        outln!(
            "{} report(s): {} assessed ({}), {} failed",
            outcomes.len(),
            outcomes.len() - failed,
            counts.join(", "),
            failed
        );
        outln!(
            "These are recommendations: the manager decides whether to take action (POLSBP003)."
        );
    }
    Ok(failed == 0)
}

fn threat_and_date(options: &Options) -> Result<(ThreatLevel, Date), String> {
    let threat = options
        .threat
        .as_deref()
        .ok_or_else(|| format!("`sites` needs --threat LEVEL\n{USAGE}"))?;
    let threat = ThreatLevel::from_str(threat).map_err(|e| format!("--threat: {e}"))?;
    let as_of = options
        .as_of
        .as_deref()
        .ok_or_else(|| format!("`sites` needs --as-of YYYY-MM-DD\n{USAGE}"))?;
    let as_of = Date::from_str(as_of).map_err(|e| format!("--as-of: {e}"))?;
    Ok((threat, as_of))
}

/// Reports on a JSON array of site records; `Ok(true)` when every record was
/// assessed.
fn sites(
    engine: &Engine,
    path: &Path,
    shown: &str,
    threat: ThreatLevel,
    as_of: Date,
    json: bool,
) -> Result<bool, String> {
    let text = read(path, shown)?;
    let records = read_site_records(&text)
        .map_err(|e| format!("`{shown}` is not a JSON array of site records: {e}"))?;
    if json {
        return sites_json(engine, threat, as_of, &records);
    }

    let outcomes = assess_sites(engine, &records, threat, as_of);
    let mut assessed: Vec<&AssessedSite> = Vec::with_capacity(outcomes.len());
    let mut failed = 0usize;
    for outcome in &outcomes {
        match &outcome.result {
            Ok(site) => assessed.push(site),
            Err(error) => {
                failed += 1;
                eprintln!("site {}: {}", outcome.index, render_record_error(error));
            }
        }
    }

    out!("{}", render_sites_header(engine, threat, as_of));
    outln!(
        "  Sites file:             {shown}: {} record(s), {} assessed, {} rejected\n",
        outcomes.len(),
        assessed.len(),
        failed
    );
    if assessed.is_empty() {
        outln!("No site could be assessed.");
        return Ok(failed == 0);
    }
    out!(
        "{}",
        render_site_table(&assessed, engine.response_level_for(threat))
    );

    let good: Vec<Site> = assessed.iter().map(|a| a.site.clone()).collect();
    let report = engine.portfolio(&good, threat, as_of);
    // Every site here already passed `site_status`, which checks what the
    // portfolio checks; should the two ever disagree, say so rather than hide it.
    for rejected in &report.rejected {
        failed += 1;
        let index = outcomes
            .iter()
            .filter(|o| o.result.is_ok())
            .nth(rejected.index)
            .map_or(rejected.index, |o| o.index);
        eprintln!("site {index}: {}", render_record_error(&rejected.error));
    }
    let names: HashMap<&str, &str> = assessed
        .iter()
        .map(|a| (a.site.id.as_str(), a.site.name.as_str()))
        .collect();
    let name_of = |id: &str| names.get(id).map(|name| (*name).to_owned());
    outln!();
    out!("{}", render_portfolio_summary(engine, &report, &name_of));
    outln!();
    out!("{}", render_high_findings(&assessed));
    outln!(
        "\nSites summary: {} record(s), {} assessed, {} rejected; {} overdue, {} due, {} due soon, {} never done",
        outcomes.len(),
        report.sites,
        failed,
        report.overdue.len(),
        report.due.len(),
        report.due_soon.len(),
        report.never_done.len()
    );
    Ok(failed == 0)
}

/// `sites --json`: the portfolio report from the JSON entry point, one document
/// on stdout; each rejected record also goes to stderr as a JSON line.
fn sites_json(
    engine: &Engine,
    threat: ThreatLevel,
    as_of: Date,
    records: &[Box<serde_json::value::RawValue>],
) -> Result<bool, String> {
    let request = portfolio_request(threat, as_of, records);
    let answer = spf_core::json::portfolio(engine, &request)
        .map_err(|e| format!("the portfolio request was rejected: {e}"))?;
    outln!("{answer}");
    let report: PortfolioReport = spf_core::json::parse(&answer)
        .map_err(|e| format!("cannot read back the portfolio report: {e}"))?;
    for rejected in &report.rejected {
        eprintln!(
            "{{\"index\":{},\"error\":{}}}",
            rejected.index,
            rejected.error.to_json()
        );
    }
    Ok(report.rejected.is_empty())
}

/// The `trends` period: `--from` and `--to`, both required, `--to` not before
/// `--from`.
fn period(options: &Options) -> Result<(Date, Date), String> {
    let date = |value: Option<&str>, name: &str| -> Result<Date, String> {
        let value = value.ok_or_else(|| format!("`trends` needs {name} YYYY-MM-DD\n{USAGE}"))?;
        Date::from_str(value).map_err(|e| format!("{name}: {e}"))
    };
    let from = date(options.from.as_deref(), "--from")?;
    let to = date(options.to.as_deref(), "--to")?;
    if to < from {
        return Err(format!("--to {to} is before --from {from}"));
    }
    Ok((from, to))
}

/// The trend report over a JSON Lines file of incident records; `Ok(true)` when
/// every line was used. The report is printed even when lines were rejected.
fn trends(
    engine: &Engine,
    path: &Path,
    shown: &str,
    (from, to): (Date, Date),
    json: bool,
    detail: TrendDetail,
) -> Result<bool, String> {
    let mut lines = read_incident_file(path).map_err(|e| format!("cannot read `{shown}`: {e}"))?;
    let rejected = std::mem::take(&mut lines.rejected);
    // The period was checked already; what the engine still refuses (too many
    // quarters) is a usage error too.
    let report = engine
        .trend_report_numbered(lines.records(), from, to, rejected)
        .map_err(|e| render_error(&e))?;
    // A big register is millions of small allocations: free them on another
    // thread while the report is written (the process may end first, which
    // frees them all at once).
    let _ = std::thread::Builder::new().spawn(move || drop(lines));
    if json {
        let line =
            serde_json::to_string(&report).map_err(|e| format!("cannot write the report: {e}"))?;
        outln!("{line}");
        for rejected in &report.rejected {
            eprintln!(
                "{{\"line\":{},\"error\":{}}}",
                rejected.index + 1,
                rejected.error.to_json()
            );
        }
    } else {
        out!("{}", render_trends(&report, shown, detail));
        for rejected in &report.rejected {
            eprintln!("{}", render_rejected_line(rejected));
        }
    }
    Ok(report.rejected.is_empty())
}

/// Evaluates one SPF compliance return; `Ok(false)` when the return is
/// rejected as input. Gaps and invalid variations are findings, not failures.
fn compliance(engine: &Engine, path: &Path, shown: &str, json: bool) -> Result<bool, String> {
    let text = read(path, shown)?;
    if json {
        return match spf_core::json::evaluate_compliance(engine, &text) {
            Ok(answer) => {
                outln!("{answer}");
                Ok(true)
            }
            Err(error) => {
                eprintln!("{}", error.to_json());
                Ok(false)
            }
        };
    }
    let evaluated = spf_core::json::parse::<ComplianceReturn>(&text)
        .and_then(|request| engine.evaluate_compliance(&request));
    match evaluated {
        Ok(answer) => {
            out!("{}", render_compliance(&answer));
            Ok(true)
        }
        Err(error) => {
            eprintln!("spf: {shown}: {}", render_error(&error));
            Ok(false)
        }
    }
}

/// Who co-ordinates; `Ok(false)` when the engine rejects the request.
fn coordinate(engine: &Engine, options: &Options) -> Result<bool, String> {
    let areas = options
        .areas
        .as_deref()
        .ok_or_else(|| format!("`coordinate` needs --areas AREA[,AREA...]\n{USAGE}"))?;
    let business_areas_affected = if areas.trim().is_empty() {
        Vec::new()
    } else {
        areas.split(',').map(str::to_owned).collect()
    };
    let request = CoordinationRequest {
        schema_version: None,
        business_areas_affected,
        front_line_services_significantly_affected: options.front_line,
    };
    match engine.coordinate(&request) {
        Ok(answer) => {
            if options.json {
                let line = serde_json::to_string(&answer)
                    .map_err(|e| format!("cannot write the answer: {e}"))?;
                outln!("{line}");
            } else {
                out!("{}", render_coordination(&answer, options.front_line));
            }
            Ok(true)
        }
        Err(error) => {
            if options.json {
                eprintln!("{}", error.to_json());
            } else {
                eprintln!("spf: {}", render_error(&error));
            }
            Ok(false)
        }
    }
}

/// The quick start's main job, on the shipped sample data.
fn demo(engine: &Engine) -> Result<bool, String> {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/data");
    let as_of = Date::from_str(DEMO_AS_OF).map_err(|e| e.to_string())?;
    outln!("== 1. Security breach reports ==\n");
    let breaches_ok = breaches(
        engine,
        &data.join("breach-reports.jsonl"),
        "examples/data/breach-reports.jsonl",
        false,
    )?;
    outln!(
        "\n== 2. Counter-terrorism protective security: the estate under {} on {as_of} ==\n",
        DEMO_THREAT.as_str().to_uppercase()
    );
    let sites_ok = sites(
        engine,
        &data.join("sites.json"),
        "examples/data/sites.json",
        DEMO_THREAT,
        as_of,
        false,
    )?;
    let (from, to) = (
        Date::from_str(DEMO_TRENDS_FROM).map_err(|e| e.to_string())?,
        Date::from_str(DEMO_TRENDS_TO).map_err(|e| e.to_string())?,
    );
    outln!("\n== 3. Incident register trends: the financial year {from} to {to} ==\n");
    let trends_ok = trends(
        engine,
        &data.join("incidents.jsonl"),
        "examples/data/incidents.jsonl",
        (from, to),
        false,
        TrendDetail::SUMMARY,
    )?;
    Ok(breaches_ok && sites_ok && trends_ok)
}

fn run() -> Result<ExitCode, String> {
    let options = parse_options(std::env::args().skip(1))?;
    let words: Vec<&str> = options.positional.iter().map(String::as_str).collect();
    let ok = match words.as_slice() {
        ["demo"] => {
            options.allow("demo", &["--policy"])?;
            demo(&load_engine(options.policy.as_deref())?)?
        }
        ["breaches", file] => {
            options.allow("breaches", &["--json", "--policy"])?;
            let engine = load_engine(options.policy.as_deref())?;
            breaches(&engine, Path::new(file), file, options.json)?
        }
        ["sites", file] => {
            options.allow("sites", &["--json", "--policy", "--threat", "--as-of"])?;
            let (threat, as_of) = threat_and_date(&options)?;
            let engine = load_engine(options.policy.as_deref())?;
            sites(&engine, Path::new(file), file, threat, as_of, options.json)?
        }
        ["trends", file] => {
            options.allow("trends", &["--json", "--policy", "--from", "--to"])?;
            let period = period(&options)?;
            let engine = load_engine(options.policy.as_deref())?;
            trends(
                &engine,
                Path::new(file),
                file,
                period,
                options.json,
                TrendDetail::FULL,
            )?
        }
        ["compliance", file] => {
            options.allow("compliance", &["--json", "--policy"])?;
            let engine = load_engine(options.policy.as_deref())?;
            compliance(&engine, Path::new(file), file, options.json)?
        }
        ["coordinate"] => {
            options.allow(
                "coordinate",
                &["--json", "--policy", "--areas", "--front-line"],
            )?;
            coordinate(&load_engine(options.policy.as_deref())?, &options)?
        }
        ["policy", "export"] => {
            options.allow("policy export", &["--policy"])?;
            let engine = load_engine(options.policy.as_deref())?;
            outln!("{}", engine.policy_json());
            true
        }
        ["help"] => {
            outln!("{USAGE}");
            true
        }
        [] => {
            outln!("{USAGE}");
            return Ok(ExitCode::from(2));
        }
        _ => return Err(format!("unrecognised command\n{USAGE}")),
    };
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(message) => {
            eprintln!("spf: {message}");
            ExitCode::from(2)
        }
    }
}
