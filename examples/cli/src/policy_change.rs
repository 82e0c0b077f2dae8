//! `spf policy diff A.json B.json` and `spf policy impact REGISTER A.json
//! B.json`: what a change of policy document changes, for its owners.
//!
//! Both commands only format what `spf_core::policy_change` answers: the
//! diff enumerates every class of breach report and of site under both
//! documents; the impact re-assesses every record of a JSON Lines register
//! that carries its report (read as `spf trends` reads it: a bad line is
//! reported and the others are still used).

use std::fmt::Write as _;

use clap::{Args, ValueHint};
use spf_core::Engine;
use spf_core::policy_change::{
    BreachAnswer, BreachSpaceDiff, DocumentChange, Domain, PolicyDiff, RegisterImpact, SiteAnswer,
    SiteSpaceDiff,
};

use crate::args::{Format, FormatArg};
use crate::input::Input;
use crate::output::{Output, out, outln};
use crate::progress::Progress;
use crate::render::render_error;
use crate::trends::{read_register, render_rejected_line};
use crate::{CommandResult, Failure, Outcome};

/// Arguments of `spf policy diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The policy document compared from (the current one; `-` for standard
    /// input)
    #[arg(value_name = "FROM.json", value_parser = Input::parse, value_hint = ValueHint::FilePath)]
    from: Input,
    /// The policy document compared to (the proposed one)
    #[arg(value_name = "TO.json", value_parser = Input::parse, value_hint = ValueHint::FilePath)]
    to: Input,
    #[command(flatten)]
    format: FormatArg,
}

/// Arguments of `spf policy impact`.
#[derive(Debug, Args)]
pub struct ImpactArgs {
    /// A JSON Lines file of incident records, one record per line (`-` for
    /// standard input)
    #[arg(value_name = "REGISTER", value_parser = Input::parse, value_hint = ValueHint::FilePath)]
    register: Input,
    /// The policy document compared from (the current one)
    #[arg(value_name = "FROM.json", value_parser = Input::parse, value_hint = ValueHint::FilePath)]
    from: Input,
    /// The policy document compared to (the proposed one)
    #[arg(value_name = "TO.json", value_parser = Input::parse, value_hint = ValueHint::FilePath)]
    to: Input,
    /// How many changed records the text lists (all of them with --json)
    #[arg(long, value_name = "N", default_value_t = 50)]
    list: usize,
    #[command(flatten)]
    format: FormatArg,
}

/// A policy document from a file, validated and compiled.
///
/// Errors: it cannot be read, or it is invalid (every problem is listed with
/// its pointer).
pub fn load(input: &Input) -> Result<Engine, Failure> {
    let text = input.read_to_string()?;
    Engine::from_policy_json(&text).map_err(|errors| {
        let mut message = format!("policy `{}` is invalid:", input.name());
        for error in errors.iter() {
            message.push_str("\n  ");
            message.push_str(&render_error(error));
        }
        Failure(message)
    })
}

/// Runs `spf policy diff`.
pub fn diff(args: &DiffArgs, output: &mut Output) -> CommandResult {
    let (from, to) = (load(&args.from)?, load(&args.to)?);
    let diff = spf_core::policy_change::diff(&from, &to);
    match args.format.format() {
        Format::Json => {
            let json = serde_json::to_string(&diff)
                .map_err(|e| Failure(format!("cannot write the answer: {e}")))?;
            outln!(output, "{json}");
        }
        Format::Text => out!(output, "{}", render_diff(&diff)),
    }
    Ok(Outcome::Accepted)
}

/// Runs `spf policy impact`.
pub fn impact(args: &ImpactArgs, output: &mut Output) -> CommandResult {
    let (from, to) = (load(&args.from)?, load(&args.to)?);
    let mut progress = Progress::new(args.register.known_size(), "records");
    let mut lines = read_register(&args.register, &mut progress)?;
    progress.set_stage("re-assessing");
    let rejected = std::mem::take(&mut lines.rejected);
    let impact = spf_core::policy_change::impact(&from, &to, lines.records(), rejected);
    progress.finish();
    // A big register is millions of small allocations: free them on another
    // thread while the answer is written.
    let _ = std::thread::Builder::new().spawn(move || drop(lines));
    match args.format.format() {
        Format::Json => {
            let json = serde_json::to_string(&impact)
                .map_err(|e| Failure(format!("cannot write the answer: {e}")))?;
            outln!(output, "{json}");
        }
        Format::Text => out!(
            output,
            "{}",
            render_impact(&impact, &args.register.name(), args.list)
        ),
    }
    for rejected in &impact.rejected {
        output.error_line(&render_rejected_line(rejected));
    }
    Ok(Outcome::accepted_if(impact.rejected.is_empty()))
}

fn sizes(domains: &[Domain]) -> String {
    domains
        .iter()
        .map(|d| match d.tier {
            Some(tier) => format!("{} ({}) {}", d.name, tier.as_str(), d.size()),
            None => format!("{} {}", d.name, d.size()),
        })
        .collect::<Vec<_>>()
        .join(" × ")
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The diff in plain words, for a policy owner.
pub fn render_diff(diff: &PolicyDiff) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Policy diff: {} {} → {} {}",
        diff.from.id, diff.from.version, diff.to.id, diff.to.version
    );
    if diff.unchanged {
        let _ = writeln!(
            out,
            "\nNo decision changes and the documents are the same ({} breach, {} information-risk and {} site input classes compared).",
            diff.breach.classes, diff.information_risk.classes, diff.sites.classes
        );
        return out;
    }
    breach_section(&mut out, "Breach assessment", &diff.breach);
    breach_section(
        &mut out,
        "Who is told of the information risk",
        &diff.information_risk,
    );
    site_section(&mut out, &diff.sites);
    document_section(&mut out, &diff.document);
    let _ = writeln!(
        out,
        "\nThe engine recommends; the manager decides (POLSBP003). Every class of input was assessed under both documents."
    );
    out
}

fn space_heading(
    out: &mut String,
    title: &str,
    classes: u64,
    changed: u64,
    groups: usize,
    domains: &[Domain],
) {
    let _ = writeln!(out, "\n{title}");
    let _ = writeln!(out, "{}", "=".repeat(title.chars().count()));
    let _ = writeln!(
        out,
        "{} enumerated ({}); {} decided differently, in {}.",
        plural(classes, "input class", "input classes"),
        sizes(domains),
        plural(changed, "class", "classes"),
        plural(groups as u64, "group", "groups"),
    );
}

fn breach_section(out: &mut String, title: &str, space: &BreachSpaceDiff) {
    space_heading(
        out,
        title,
        space.classes,
        space.changed_classes,
        space.groups.len(),
        &space.domains,
    );
    for (n, group) in space.groups.iter().enumerate() {
        let _ = writeln!(out, "\n{}. {}", n + 1, group.summary);
        let report = &group.example;
        let marking = report.marking.as_ref().map_or_else(
            || "unmarked".to_owned(),
            |m| {
                let mut label = m.classification.label().to_owned();
                for caveat in &m.caveats {
                    label.push(' ');
                    label.push_str(&format!("{caveat:?}").to_uppercase());
                }
                label
            },
        );
        let _ = writeln!(
            out,
            "   For example: `{}`, {marking}, care {}, damage {}, {} previous warning(s), {} earlier breach(es), {} at {}{}{}{}",
            report.kind.as_str(),
            report.care.as_str(),
            report.damage.as_str(),
            report.previous_warnings,
            report.earlier_breaches.len(),
            report.person.status.as_str(),
            report.person.organisation.as_str(),
            if report.person.security_cleared {
                ", security-cleared"
            } else {
                ""
            },
            if report.personal_data {
                ", personal data"
            } else {
                ""
            },
            report
                .impact
                .map(|i| format!(", {} impact", i.as_str()))
                .unwrap_or_default(),
        );
        breach_answer(out, "from", &group.from);
        breach_answer(out, "to", &group.to);
    }
}

fn breach_answer(out: &mut String, side: &str, answer: &BreachAnswer) {
    match (&answer.assessment, &answer.error) {
        (Some(a), _) => {
            let _ = writeln!(
                out,
                "   {side} {} {}: {} (score {}, {} band), route {}",
                a.policy.id,
                a.policy.version,
                a.level.as_str(),
                a.score,
                a.band.as_str(),
                a.route.as_str()
            );
            for reason in &a.reasons {
                let _ = writeln!(out, "     - {reason}");
            }
        }
        (None, Some(error)) => {
            let _ = writeln!(out, "   {side}: refused: {}", render_error(error));
        }
        (None, None) => {}
    }
}

fn site_section(out: &mut String, space: &SiteSpaceDiff) {
    let title = format!("Sites (assessed on {})", space.as_of);
    space_heading(
        out,
        &title,
        space.classes,
        space.changed_classes,
        space.groups.len(),
        &space.domains,
    );
    for (n, group) in space.groups.iter().enumerate() {
        let _ = writeln!(out, "\n{}. {}", n + 1, group.summary);
        let site = &group.example.site;
        let _ = writeln!(
            out,
            "   For example: a {} site at threat level {}{}",
            site.tier.as_str(),
            group.example.threat_level.as_str(),
            site.response_override
                .as_ref()
                .map(|o| format!(", operating at {}", o.level.as_str()))
                .unwrap_or_default()
        );
        site_answer(out, "from", &group.from);
        site_answer(out, "to", &group.to);
    }
}

fn site_answer(out: &mut String, side: &str, answer: &SiteAnswer) {
    match (&answer.status, &answer.error) {
        (Some(status), _) => {
            let _ = writeln!(
                out,
                "   {side} {} {}: response level {}, {} required control(s), {} finding(s)",
                status.policy.id,
                status.policy.version,
                status.response_level.as_str(),
                status.required_controls.len(),
                status.findings.len()
            );
            for reason in &status.reasons {
                let _ = writeln!(out, "     - {reason}");
            }
        }
        (None, Some(error)) => {
            let _ = writeln!(out, "   {side}: refused: {}", render_error(error));
        }
        (None, None) => {}
    }
}

fn shown(value: Option<&serde_json::Value>) -> String {
    let Some(value) = value else {
        return "(absent)".to_owned();
    };
    let text = serde_json::to_string(value).unwrap_or_default();
    if text.chars().count() > 90 {
        let cut: String = text.chars().take(87).collect();
        format!("{cut}…")
    } else {
        text
    }
}

fn document_section(out: &mut String, changes: &[DocumentChange]) {
    let title = "The documents";
    let _ = writeln!(out, "\n{title}\n{}", "=".repeat(title.len()));
    if changes.is_empty() {
        let _ = writeln!(out, "The documents are the same.");
        return;
    }
    let _ = writeln!(
        out,
        "{} differ:",
        plural(changes.len() as u64, "value", "values")
    );
    for change in changes {
        let _ = write!(
            out,
            "  {}: {} → {}",
            change.pointer,
            shown(change.from.as_ref()),
            shown(change.to.as_ref())
        );
        if let Some(authority) = change.authority {
            let _ = write!(out, " [{}", authority.as_str());
            if let Some(statement) = &change.statement {
                let _ = write!(out, ": {statement}");
            }
            let _ = write!(out, "]");
        }
        out.push('\n');
    }
}

/// The register impact in plain words.
pub fn render_impact(impact: &RegisterImpact, register: &str, list: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Register impact: `{register}` under {} {} → {} {}",
        impact.from.id, impact.from.version, impact.to.id, impact.to.version
    );
    let _ = writeln!(
        out,
        "{} read: {} re-assessed under both policies (they carry their report), {} not re-assessed (a recorded level only, or a near miss), {} rejected.",
        plural(impact.records, "record", "records"),
        impact.reassessed,
        impact.not_reassessed,
        impact.rejected.len()
    );
    let _ = writeln!(
        out,
        "{} of the re-assessed records would be recommended differently.",
        impact.changed
    );
    if impact.changed == 0 {
        return out;
    }
    let _ = writeln!(out, "\nBy recommendation:");
    for moved in &impact.by_level {
        let _ = writeln!(
            out,
            "  {} → {}: {}",
            moved.from.label(),
            moved.to.label(),
            plural(moved.records, "record", "records")
        );
    }
    let _ = writeln!(out, "\nBy kind (changed of re-assessed):");
    for count in &impact.by_kind {
        let _ = writeln!(
            out,
            "  {}: {} of {}",
            count.name, count.changed, count.reassessed
        );
    }
    let _ = writeln!(out, "\nBy business area (changed of re-assessed):");
    for count in &impact.by_business_area {
        let _ = writeln!(
            out,
            "  {}: {} of {}",
            count.name, count.changed, count.reassessed
        );
    }
    let shown = impact.changed_records.len().min(list);
    let _ = writeln!(
        out,
        "\nChanged records ({}{}):",
        if shown < impact.changed_records.len() {
            format!("the first {shown} of {}", impact.changed_records.len())
        } else {
            "all".to_owned()
        },
        if shown < impact.changed_records.len() {
            "; --json lists every one"
        } else {
            ""
        }
    );
    for record in impact.changed_records.iter().take(list) {
        let _ = writeln!(
            out,
            "  {} (line {}, {}, `{}`): {} → {}",
            record.id,
            record.index + 1,
            record.business_area,
            record.kind.as_str(),
            record.from.label(),
            record.to.label()
        );
    }
    out
}
