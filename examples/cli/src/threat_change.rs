//! `spf threat-change FILE --from LEVEL --to LEVEL --as-of DATE`: what a change
//! of threat level changes at every site of an estate, whom to tell, and the
//! figures for the DSO's advice to the Permanent Secretary.
//!
//! The answer is the library's `threatChange` operation on the sites file's
//! records as they are (each is read on its own: a bad record is reported on
//! standard error with its index, and the others are still assessed). Text
//! gives the summary, then each business area with its security officers and
//! its sites, affected sites first; JSON is the library's answer.

use std::fmt::Write as _;

use clap::{Args, ValueHint};
use serde_json::value::RawValue;
use spf_core::site::{
    AreaImpact, BusinessAreaContact, ControlState, LevelChange, SiteImpact, ThreatChangeImpact,
    ThreatLevel,
};
use spf_core::{Date, Engine};

use crate::args::{self, Format, FormatArg, PolicyArg};
use crate::input::Input;
use crate::output::{Output, out, outln};
use crate::render::{
    HEADER_INDENT, LINE_WIDTH, basis_label, render_reasons, truncate, wrap_hanging,
};
use crate::sites::{read_records, rejected_line};
use crate::{CommandResult, Failure, Outcome};

/// Arguments of `spf threat-change`.
#[derive(Debug, Args)]
pub struct ThreatChangeArgs {
    /// A JSON array of site records (`-` for standard input)
    #[arg(value_name = "FILE", value_parser = Input::parse, value_hint = ValueHint::FilePath)]
    file: Input,
    /// The threat level before the change
    #[arg(long, value_name = "LEVEL", ignore_case = true, value_parser = args::threat_level())]
    from: ThreatLevel,
    /// The threat level after it
    #[arg(long, value_name = "LEVEL", ignore_case = true, value_parser = args::threat_level())]
    to: ThreatLevel,
    /// The day of the change
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = args::date)]
    as_of: Date,
    /// Apply the change to this site only (repeat for several): a regional or
    /// site-specific change; the other sites stay at --from
    #[arg(long = "site", value_name = "ID")]
    sites: Vec<String>,
    /// A JSON array of business areas with their security officers
    /// (`[{"name": …, "securityOfficer": …}]`), for sites that name none
    #[arg(long, value_name = "FILE", value_parser = Input::parse, value_hint = ValueHint::FilePath)]
    business_areas: Option<Input>,
    #[command(flatten)]
    format: FormatArg,
    #[command(flatten)]
    policy: PolicyArg,
}

/// Runs `spf threat-change`.
pub fn run(args: &ThreatChangeArgs, output: &mut Output) -> CommandResult {
    let engine = args.policy.engine()?;
    let records = read_records(&args.file)?;
    let areas = match &args.business_areas {
        Some(input) => read_business_areas(input)?,
        None => Vec::new(),
    };
    let request = request(args, &areas, &records)?;
    let answer = match spf_core::json::threat_change(&engine, &request) {
        Ok(answer) => answer,
        Err(error) => {
            // `siteIds` come from --site: say so rather than point into a request
            // the user never wrote.
            let what = if error.path.starts_with("/siteIds") {
                "--site".to_owned()
            } else if let (Some(input), Some(inside)) = (
                &args.business_areas,
                error.path.strip_prefix("/businessAreas"),
            ) {
                // The business areas come from their file: name it, and the
                // entry's place in it.
                format!(
                    "{} (at {})",
                    input.name(),
                    if inside.is_empty() { "/" } else { inside }
                )
            } else {
                "the request".to_owned()
            };
            output.error_line(&format!("spf: {what}: {}: {}", error.code, error.message));
            return Ok(Outcome::Rejected);
        }
    };
    let impact: ThreatChangeImpact = spf_core::json::parse(&answer)
        .map_err(|e| Failure(format!("cannot read back the threat change answer: {e}")))?;
    for rejected in &impact.rejected {
        let line = if args.format.format() == Format::Json {
            format!(
                "{{\"index\":{},\"error\":{}}}",
                rejected.index,
                rejected.error.to_json()
            )
        } else {
            // The record is named by its number; the pointer goes inside it.
            let mut error = rejected.error.clone();
            let prefix = format!("/sites/{}", rejected.index);
            if let Some(inside) = error.path.strip_prefix(&prefix) {
                error.path = inside.to_owned();
            }
            rejected_line(
                rejected.index,
                records.get(rejected.index).map(|r| &**r),
                &error,
            )
        };
        output.error_line(&line);
    }
    if args.format.format() == Format::Json {
        outln!(output, "{answer}");
    } else {
        out!(
            output,
            "{}",
            render_threat_change(&engine, &args.file, records.len(), &impact)
        );
    }
    Ok(Outcome::accepted_if(impact.rejected.is_empty()))
}

/// Reads the business areas file, so that a mistake in it is reported against
/// the file rather than inside the request built from it.
fn read_business_areas(input: &Input) -> Result<Vec<BusinessAreaContact>, Failure> {
    let text = input.read_to_string()?;
    spf_core::json::parse(&text).map_err(|e| {
        Failure(format!(
            "`{}` is not a JSON array of business areas (`[{{\"name\": …, \"securityOfficer\": …}}]`): {e}",
            input.name()
        ))
    })
}

/// The `threatChange` request: the file's records passed through verbatim.
fn request(
    args: &ThreatChangeArgs,
    areas: &[BusinessAreaContact],
    records: &[Box<RawValue>],
) -> Result<String, Failure> {
    let write = |e: serde_json::Error| Failure(format!("cannot write the request: {e}"));
    let site_ids = if args.sites.is_empty() {
        String::new()
    } else {
        format!(
            r#","siteIds":{}"#,
            serde_json::to_string(&args.sites).map_err(write)?
        )
    };
    let areas = serde_json::to_string(areas).map_err(write)?;
    let sites: Vec<&str> = records.iter().map(|r| r.get()).collect();
    // The date and the threat levels print as their wire names: nothing to escape.
    Ok(format!(
        r#"{{"asOf":"{}","from":"{}","to":"{}"{site_ids},"businessAreas":{},"sites":[{}]}}"#,
        args.as_of,
        args.from.as_str(),
        args.to.as_str(),
        areas,
        sites.join(",")
    ))
}

/// The text report: the header, the summary for the Permanent Secretary, each
/// business area with whom to tell and its sites, then the reasons.
pub fn render_threat_change(
    engine: &Engine,
    input: &Input,
    records: usize,
    impact: &ThreatChangeImpact,
) -> String {
    let mut out = String::new();
    render_header(&mut out, engine, input, records, impact);
    render_summary(&mut out, impact);
    for area in &impact.areas {
        render_area(&mut out, area);
    }
    render_reasons(&mut out, &impact.reasons);
    out
}

fn render_header(
    out: &mut String,
    engine: &Engine,
    input: &Input,
    records: usize,
    impact: &ThreatChangeImpact,
) {
    let policy = engine.policy_ref();
    let _ = writeln!(
        out,
        "Threat level change under policy {} version {}",
        policy.id, policy.version
    );
    let (from, to) = (
        engine.response_level(impact.from),
        engine.response_level(impact.to),
    );
    let _ = writeln!(
        out,
        "  Threat level:           {} to {} on {}",
        impact.from.as_str().to_uppercase(),
        impact.to.as_str().to_uppercase(),
        impact.as_of
    );
    out.push_str(&wrap_hanging(
        "  Response level:         ",
        &format!(
            "{} to {} unless a site sets its own ({}: {})",
            from.response_level.as_str().to_uppercase(),
            to.response_level.as_str().to_uppercase(),
            basis_label(to.basis),
            to.citation
        ),
        HEADER_INDENT,
        LINE_WIDTH,
    ));
    let _ = writeln!(
        out,
        "  Sites file:             {}: {records} record(s), {} assessed, {} rejected",
        input.name(),
        impact.summary.sites,
        impact.rejected.len()
    );
}

fn render_summary(out: &mut String, impact: &ThreatChangeImpact) {
    let s = &impact.summary;
    let advice = if s.permanent_secretary_advised {
        "a response level changes, so the DSO advises the Permanent Secretary of the actions taken"
    } else {
        "no response level changes: this change calls for no advice to the Permanent Secretary"
    };
    let _ = writeln!(out, "\nFor the Permanent Secretary: {advice}");
    let rows = [
        (
            "Sites changing response level",
            format!(
                "{} ({} raised, {} lowered)",
                s.sites_changing_level, s.sites_raised, s.sites_lowered
            ),
        ),
        (
            "Newly required controls",
            format!(
                "{} ({} no longer required), summed over the sites",
                s.controls_to_stand_up, s.controls_to_stand_down
            ),
        ),
        (
            "Sites with gaps opened",
            format!("{} ({} gap(s))", s.sites_with_gaps, s.gaps_opened),
        ),
        (
            "New controls, none recorded",
            format!("{} site(s)", s.sites_not_recorded),
        ),
        (
            "EXCEPTIONAL reviews due",
            format!("{} (sites entering EXCEPTIONAL)", s.exceptional_reviews_due),
        ),
        (
            "Overrides needing approval",
            format!("{} site(s)", s.overrides_needing_approval),
        ),
        (
            "No security officer",
            format!("{} site(s) to tell", s.sites_without_security_officer),
        ),
    ];
    for (label, value) in rows {
        let _ = writeln!(out, "  {label:<32}{value}");
    }
}

/// The width of the site id column.
const ID_WIDTH: usize = 12;

fn render_area(out: &mut String, area: &AreaImpact) {
    let name = area
        .business_area
        .as_deref()
        .unwrap_or("(no business area recorded)");
    let tell = if !area.security_officers.is_empty() {
        area.security_officers.join("; ")
    } else if area.sites.iter().any(|s| s.told) {
        "nobody recorded: no security officer for the area or its sites".to_owned()
    } else {
        "nobody: the change does not apply to the area's sites".to_owned()
    };
    let _ = writeln!(out);
    out.push_str(&wrap_hanging(
        &format!("{name}: tell "),
        &tell,
        "    ",
        LINE_WIDTH,
    ));
    if !area.sites_without_security_officer.is_empty() {
        out.push_str(&wrap_hanging(
            "  No security officer recorded for: ",
            &area.sites_without_security_officer.join(", "),
            "    ",
            LINE_WIDTH,
        ));
    }
    let _ = writeln!(
        out,
        "  {:<ID_WIDTH$}  {:<28}  {:<8}  {:<25}  {:>4}  {:>4}  EXCEPTIONAL REVIEW BY",
        "SITE", "NAME", "TIER", "RESPONSE LEVEL", "NEW", "GAPS"
    );
    for site in &area.sites {
        render_site(out, site);
    }
}

fn render_site(out: &mut String, site: &SiteImpact) {
    let level = match site.change {
        LevelChange::Unchanged => format!("{} (unchanged)", site.response_level_after.as_str()),
        LevelChange::Raised | LevelChange::Lowered => format!(
            "{} to {}",
            site.response_level_before.as_str(),
            site.response_level_after.as_str()
        ),
    };
    let gaps = if site.controls_recorded {
        site.gaps_opened.len().to_string()
    } else {
        "?".to_owned()
    };
    let review = site
        .exceptional_review_due_on
        .map_or_else(String::new, |d| d.to_string());
    let row = format!(
        "  {:<ID_WIDTH$}  {:<28}  {:<8}  {:<25}  {:>4}  {:>4}  {review}",
        truncate(&site.site_id, ID_WIDTH),
        truncate(&site.name, 28),
        site.tier.as_str(),
        level,
        site.newly_required.len(),
        gaps
    );
    let _ = writeln!(out, "{}", row.trim_end());
    let indent = " ".repeat(ID_WIDTH + 4);
    if !site.newly_required.is_empty() {
        let gap_of = |control: &str| {
            site.gaps_opened
                .iter()
                .find(|g| &*g.control == control)
                .map(|g| match g.state {
                    ControlState::Missing => " (missing)".to_owned(),
                    ControlState::Unverified => g.verified_on.map_or_else(
                        || " (unverified)".to_owned(),
                        |d| format!(" (verified {d})"),
                    ),
                })
                .unwrap_or_default()
        };
        let listed: Vec<String> = site
            .newly_required
            .iter()
            .map(|c| format!("{c}{}", gap_of(c)))
            .collect();
        out.push_str(&wrap_hanging(
            &format!("{indent}newly required: "),
            &listed.join(", "),
            &format!("{indent}  "),
            LINE_WIDTH,
        ));
    }
    if !site.no_longer_required.is_empty() {
        let listed: Vec<&str> = site.no_longer_required.iter().map(|c| &**c).collect();
        out.push_str(&wrap_hanging(
            &format!("{indent}no longer required: "),
            &listed.join(", "),
            &format!("{indent}  "),
            LINE_WIDTH,
        ));
    }
    if site.override_needs_approval {
        let _ = writeln!(
            out,
            "{indent}its override is now below the mapped level without an approval: at the mapped level until approved"
        );
    }
    if !site.controls_recorded && !site.newly_required.is_empty() {
        let _ = writeln!(
            out,
            "{indent}controls in place not recorded: which new controls are missing is not known"
        );
    }
}
