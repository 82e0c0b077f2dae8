//! `spf site FILE --id ID --threat LEVEL --as-of DATE`: one site's full
//! status, from a sites file.
//!
//! The library finds the site (`json::site_status_by_id`): no site with the id
//! is the error `unknownValue` at `/siteId` (exit status 1). Text shows the
//! response level in force, the controls, every schedule with all its dates,
//! the findings with their sources, and the cited reasons; `--json` prints the
//! library's site status.

use std::fmt::Write as _;

use clap::{Args, ValueHint};
use serde_json::value::RawValue;
use spf_core::site::{ResponseLevel, SiteStatus, ThreatLevel};
use spf_core::{Date, Engine};

use crate::args::{Format, FormatArg, PolicyArg};
use crate::input::Input;
use crate::output::{Output, out, outln};
use crate::render::{
    HEADER_INDENT, LINE_WIDTH, basis_label, render_reasons, render_record_error, wrap_hanging,
};
use crate::sites::{self, ThreatAndDate, obligation_label, schedules};
use crate::{CommandResult, Failure, Outcome};

/// Arguments of `spf site`.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// A JSON array of site records (`-` for standard input)
    #[arg(value_name = "FILE", value_parser = Input::parse, value_hint = ValueHint::FilePath)]
    file: Input,
    /// The id of the site to report on
    #[arg(long, value_name = "ID")]
    id: String,
    #[command(flatten)]
    when: ThreatAndDate,
    #[command(flatten)]
    format: FormatArg,
    #[command(flatten)]
    policy: PolicyArg,
}

/// Runs `spf site`.
pub fn run(args: &SiteArgs, output: &mut Output) -> CommandResult {
    let engine = args.policy.engine()?;
    let records = sites::read_records(&args.file)?;
    let (threat, as_of) = (args.when.threat, args.when.as_of);
    let request = request(&args.id, threat, as_of, &records)?;
    let json = args.format.format() == Format::Json;
    let answer = match spf_core::json::site_status_by_id(&engine, &request) {
        Ok(answer) => answer,
        Err(error) => {
            if json {
                output.error_line(&error.to_json());
            } else {
                // The error points inside the request, not the file: the
                // parser's line and column would mislead, as for records.
                output.error_line(&format!("spf: {}", render_record_error(&error)));
            }
            return Ok(Outcome::Rejected);
        }
    };
    if json {
        outln!(output, "{answer}");
        return Ok(Outcome::Accepted);
    }
    let status: SiteStatus = spf_core::json::parse(&answer)
        .map_err(|e| Failure(format!("cannot read back the site status: {e}")))?;
    let label = SiteLabel::find(&records, &status.site_id);
    out!(output, "{}", render_site(&engine, &status, &label));
    Ok(Outcome::Accepted)
}

/// The request `json::site_status_by_id` reads, with the file's records
/// passed through verbatim.
fn request(
    id: &str,
    threat: ThreatLevel,
    as_of: Date,
    records: &[Box<RawValue>],
) -> Result<String, Failure> {
    let id = serde_json::to_string(id).map_err(|e| Failure(format!("--id: {e}")))?;
    let records: Vec<&str> = records.iter().map(|r| r.get()).collect();
    // The date and the threat level print as their wire names: nothing to escape.
    Ok(format!(
        r#"{{"asOf":"{as_of}","threatLevel":"{}","siteId":{id},"sites":[{}]}}"#,
        threat.as_str(),
        records.join(",")
    ))
}

/// The name and business area of the site, from its record, for the heading
/// (the status carries only the id).
#[derive(Debug, Default)]
struct SiteLabel {
    name: Option<String>,
    business_area: Option<String>,
}

impl SiteLabel {
    fn find(records: &[Box<RawValue>], id: &str) -> Self {
        let field = |record: &serde_json::Value, name: &str| {
            record.get(name).and_then(|v| v.as_str()).map(str::to_owned)
        };
        records
            .iter()
            .filter_map(|raw| serde_json::from_str::<serde_json::Value>(raw.get()).ok())
            .find(|record| record.get("id").and_then(|v| v.as_str()) == Some(id))
            .map(|record| SiteLabel {
                name: field(&record, "name"),
                business_area: field(&record, "businessArea"),
            })
            .unwrap_or_default()
    }
}

/// One site's status for people.
fn render_site(engine: &Engine, status: &SiteStatus, label: &SiteLabel) -> String {
    let mut out = String::new();
    render_heading(&mut out, engine, status, label);
    render_schedules(&mut out, status);
    render_findings(&mut out, status);
    render_reasons(&mut out, &status.reasons);
    out
}

fn render_heading(out: &mut String, engine: &Engine, status: &SiteStatus, label: &SiteLabel) {
    let name = label.name.as_deref().unwrap_or("(no name)");
    let area = label
        .business_area
        .as_deref()
        .map_or(String::new(), |area| format!(" ({area})"));
    let _ = writeln!(out, "Site {}  {name}{area}", status.site_id);
    let _ = writeln!(
        out,
        "  Policy:                 {} version {}",
        status.policy.id, status.policy.version
    );
    let _ = writeln!(
        out,
        "  Assessed as of:         {} under national threat level {} ({})",
        status.as_of,
        status.threat_level.as_str().to_uppercase(),
        status.threat_level.definition()
    );
    let _ = writeln!(out, "  Tier:                   {}", status.tier.as_str());
    let _ = writeln!(
        out,
        "  Response level:         {}",
        response_in_force(
            status.response_level,
            engine.response_level_for(status.threat_level)
        )
    );
    for (title, controls) in [
        ("Controls required:", &status.required_controls),
        ("Controls recommended:", &status.recommended_controls),
    ] {
        let listed: Vec<&str> = controls.iter().map(|c| &**c).collect();
        let listed = if listed.is_empty() {
            "none".to_owned()
        } else {
            format!("{}: {}", listed.len(), listed.join(", "))
        };
        out.push_str(&wrap_hanging(
            &format!("  {title:<24}"),
            &listed,
            HEADER_INDENT,
            LINE_WIDTH,
        ));
    }
}

fn response_in_force(in_force: ResponseLevel, mapped: ResponseLevel) -> String {
    let level = in_force.as_str().to_uppercase();
    if in_force == mapped {
        level
    } else {
        format!(
            "{level}, set by the site's override (the threat level maps to {})",
            mapped.as_str().to_uppercase()
        )
    }
}

fn render_schedules(out: &mut String, status: &SiteStatus) {
    let date = |d: Option<Date>| d.map_or_else(|| "-".to_owned(), |d| d.to_string());
    let _ = writeln!(out, "\nSchedules:");
    let _ = writeln!(
        out,
        "  {:<20}  {:<10}  {:<10}  {:<13}  {:<10}  OVERDUE AFTER",
        "OBLIGATION", "STATUS", "LAST DONE", "DUE SOON FROM", "DUE ON"
    );
    for (obligation, schedule) in schedules(status) {
        let _ = writeln!(
            out,
            "  {:<20}  {:<10}  {:<10}  {:<13}  {:<10}  {}",
            obligation_label(obligation),
            schedule.status.label(),
            date(schedule.last_done),
            date(schedule.due_soon_from),
            date(schedule.due_on),
            date(schedule.overdue_after)
        );
    }
}

/// Where a finding's text starts, after `  - SEVERITY  `.
const FINDING_INDENT: &str = "            ";

fn render_findings(out: &mut String, status: &SiteStatus) {
    if status.findings.is_empty() {
        let _ = writeln!(out, "\nFindings: none");
        return;
    }
    let _ = writeln!(
        out,
        "\nFindings ({}, most severe first):",
        status.findings.len()
    );
    for finding in &status.findings {
        out.push_str(&wrap_hanging(
            &format!("  - {:<6}  ", finding.severity.as_str()),
            &format!("{}: {}", finding.code.as_str(), finding.message),
            FINDING_INDENT,
            LINE_WIDTH,
        ));
        out.push_str(&wrap_hanging(
            &format!("{FINDING_INDENT}source: "),
            &format!("[{}] {}", basis_label(finding.basis), finding.citation),
            &format!("{FINDING_INDENT}        "),
            LINE_WIDTH,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_passes_records_through_and_escapes_the_id() {
        let records: Vec<Box<RawValue>> = spf_core::json::parse("[{\"id\": \"A\"}]").unwrap();
        let request = request(
            "A\"B",
            ThreatLevel::Severe,
            Date::from_ymd(2026, 11, 23).unwrap(),
            &records,
        )
        .unwrap();
        assert_eq!(
            request,
            r#"{"asOf":"2026-11-23","threatLevel":"severe","siteId":"A\"B","sites":[{"id": "A"}]}"#
        );
    }
}
