//! `spf compliance FILE`: evaluate an SPF compliance return — gaps, variations
//! to report in the annual governance report, and invalid variations.
//!
//! Gaps and invalid variations are findings, not failures: the exit status is
//! 1 only when the return itself is rejected as input.

use std::fmt::Write as _;

use clap::{Args, ValueHint};
use spf_core::compliance::{
    AgreementRole, ComplianceEvaluation, ComplianceReturn, GapStatus, VariationProblem,
};

use crate::args::{Format, FormatArg, PolicyArg};
use crate::input::Input;
use crate::output::{Output, out, outln};
use crate::render::{
    HEADER_INDENT, LINE_WIDTH, render_error, render_reasons, truncate, wrap_hanging,
};
use crate::{CommandResult, Outcome};

/// Arguments of `spf compliance`.
#[derive(Debug, Args)]
pub struct ComplianceArgs {
    /// An SPF compliance return (JSON; `-` for standard input)
    #[arg(value_name = "FILE", value_parser = Input::parse, value_hint = ValueHint::FilePath)]
    file: Input,
    #[command(flatten)]
    format: FormatArg,
    #[command(flatten)]
    policy: PolicyArg,
}

/// Runs `spf compliance`.
pub fn run(args: &ComplianceArgs, output: &mut Output) -> CommandResult {
    let engine = args.policy.engine()?;
    let text = args.file.read_to_string()?;
    if args.format.format() == Format::Json {
        return match spf_core::json::evaluate_compliance(&engine, &text) {
            Ok(answer) => {
                outln!(output, "{answer}");
                Ok(Outcome::Accepted)
            }
            Err(error) => {
                output.error_line(&error.to_json());
                Ok(Outcome::Rejected)
            }
        };
    }
    let evaluated = spf_core::json::parse::<ComplianceReturn>(&text)
        .and_then(|request| engine.evaluate_compliance(&request));
    match evaluated {
        Ok(answer) => {
            out!(output, "{}", render_compliance(&answer));
            Ok(Outcome::Accepted)
        }
        Err(error) => {
            output.error_line(&format!(
                "spf: {}: {}",
                args.file.name(),
                render_error(&error)
            ));
            Ok(Outcome::Rejected)
        }
    }
}

/// A readable name for a variation problem.
pub const fn variation_problem_label(problem: VariationProblem) -> &'static str {
    match problem {
        VariationProblem::CentrallyManaged => "managed centrally: not varied locally",
        VariationProblem::MissingAgreement => "no Accounting Officer agreement",
        VariationProblem::NotAccountingOfficer => {
            "agreed in another role than the Accounting Officer's"
        }
        VariationProblem::MissingAccountingOfficer => "the agreement names no Accounting Officer",
        VariationProblem::MissingRole => "the agreement gives no role",
        VariationProblem::MissingAgreedOn => "the agreement has no date",
        VariationProblem::AgreedAfterReturn => "agreed after the return",
        VariationProblem::AgreementExpired => "the agreement has lapsed",
    }
}

/// A readable name for the role an agreement was given in.
pub const fn role_label(role: AgreementRole) -> &'static str {
    match role {
        AgreementRole::AccountingOfficer => "Accounting Officer",
        AgreementRole::DepartmentalSecurityOfficer => "Departmental Security Officer",
        AgreementRole::SeniorInformationRiskOwner => "Senior Information Risk Owner",
        AgreementRole::SecurityOfficer => "security officer",
        AgreementRole::HeadOfBusinessArea => "head of the business area",
        AgreementRole::Other => "another role",
    }
}

/// A readable name for a gap.
pub const fn gap_label(status: GapStatus) -> &'static str {
    match status {
        GapStatus::Partial => "partly in place",
        GapStatus::NotInPlace => "not in place",
        GapStatus::NotReported => "not reported",
    }
}

const AREA_WIDTH: usize = 44;
const ELEMENT_WIDTH: usize = 44;

/// A readable rendering of a compliance evaluation: the headline, a table of
/// status counts per SPF area, the gaps, the variations to report in the
/// annual governance report, the invalid variations with their problem, and
/// the numbered reasons with their citations.
pub fn render_compliance(answer: &ComplianceEvaluation) -> String {
    let mut out = String::new();
    render_headline(&mut out, answer);
    render_area_table(&mut out, answer);
    render_gaps(&mut out, answer);
    render_variations_to_report(&mut out, answer);
    render_invalid_variations(&mut out, answer);
    render_reasons(&mut out, &answer.reasons);
    out
}

fn render_headline(out: &mut String, answer: &ComplianceEvaluation) {
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    let _ = writeln!(
        out,
        "SPF compliance return under policy {} version {}",
        answer.policy.id, answer.policy.version
    );
    let _ = writeln!(out, "  Business area:          {}", answer.business_area);
    let _ = writeln!(out, "  Return date:            {}", answer.return_date);
    let completeness = &answer.completeness;
    let missing: Vec<&str> = completeness.missing.iter().map(|e| e.as_str()).collect();
    out.push_str(&wrap_hanging(
        "  Complete:               ",
        &format!(
            "{} ({} of {} elements reported{})",
            yes_no(answer.complete),
            completeness.reported,
            completeness.elements,
            if missing.is_empty() {
                String::new()
            } else {
                format!("; missing: {}", missing.join(", "))
            }
        ),
        HEADER_INDENT,
        LINE_WIDTH,
    ));
    let _ = writeln!(
        out,
        "  Compliant:              {} ({} gap(s), {} variation(s) to report, {} invalid variation(s))\n",
        yes_no(answer.compliant),
        answer.gaps.len(),
        answer.variations_to_report.len(),
        answer.invalid_variations.len()
    );
}

fn render_area_table(out: &mut String, answer: &ComplianceEvaluation) {
    let header = format!(
        "{:<AREA_WIDTH$}  {:>8}  {:>8}  {:>7}  {:>12}  {:>9}  {:>12}",
        "SPF AREA", "ELEMENTS", "IN PLACE", "PARTIAL", "NOT IN PLACE", "VARIATION", "NOT REPORTED"
    );
    let _ = writeln!(out, "{header}");
    let _ = writeln!(out, "{}", "-".repeat(header.chars().count()));
    for area in &answer.areas {
        let _ = writeln!(
            out,
            "{:<AREA_WIDTH$}  {:>8}  {:>8}  {:>7}  {:>12}  {:>9}  {:>12}",
            truncate(
                &format!("{}. {}", area.area.number(), area.title),
                AREA_WIDTH
            ),
            area.elements,
            area.in_place,
            area.partial,
            area.not_in_place,
            area.variations,
            area.not_reported
        );
    }
}

fn render_gaps(out: &mut String, answer: &ComplianceEvaluation) {
    if answer.gaps.is_empty() {
        let _ = writeln!(out, "\nGaps: none");
    } else {
        let _ = writeln!(
            out,
            "\nGaps ({}): arrangements must be established for every element",
            answer.gaps.len()
        );
        for gap in &answer.gaps {
            let _ = writeln!(
                out,
                "  {:<ELEMENT_WIDTH$}  {:<15}  area {}: {}",
                gap.element.as_str(),
                gap_label(gap.status),
                gap.area.number(),
                truncate(&gap.title, LINE_WIDTH.saturating_sub(ELEMENT_WIDTH + 28))
            );
        }
    }
}

fn render_variations_to_report(out: &mut String, answer: &ComplianceEvaluation) {
    if answer.variations_to_report.is_empty() {
        let _ = writeln!(
            out,
            "\nVariations to report in the annual governance report: none"
        );
    } else {
        let _ = writeln!(
            out,
            "\nVariations to report in the annual governance report ({}):",
            answer.variations_to_report.len()
        );
        for variation in &answer.variations_to_report {
            let _ = writeln!(
                out,
                "  {} (area {})",
                variation.element.as_str(),
                variation.area.number()
            );
            out.push_str(&wrap_hanging(
                "      agreed by: ",
                &format!(
                    "{} (Accounting Officer) on {}; review due {}",
                    variation.accounting_officer, variation.agreed_on, variation.review_due
                ),
                "                 ",
                LINE_WIDTH,
            ));
            out.push_str(&wrap_hanging(
                "      variation: ",
                &variation.description,
                "                 ",
                LINE_WIDTH,
            ));
        }
    }
}

fn render_invalid_variations(out: &mut String, answer: &ComplianceEvaluation) {
    if answer.invalid_variations.is_empty() {
        let _ = writeln!(out, "\nInvalid variations: none");
    } else {
        let _ = writeln!(
            out,
            "\nInvalid variations ({}): on an element managed centrally, or not validly agreed by the relevant Accounting Officer",
            answer.invalid_variations.len()
        );
        for variation in &answer.invalid_variations {
            let _ = writeln!(
                out,
                "  {} (area {}): {} [{}]",
                variation.element.as_str(),
                variation.area.number(),
                variation_problem_label(variation.problem),
                variation.problem.as_str()
            );
            let who = variation
                .accounting_officer
                .as_ref()
                .map(|officer| match variation.role {
                    Some(role) => format!("{officer} ({})", role_label(role)),
                    None => format!("{officer} (no role given)"),
                });
            let agreement = match (who, variation.agreed_on) {
                (Some(who), Some(on)) => Some(format!("{who} on {on}")),
                (Some(who), None) => Some(format!("{who}, undated")),
                (None, Some(on)) => Some(format!("nobody named, on {on}")),
                (None, None) => None,
            };
            if let Some(agreement) = agreement {
                let review = variation
                    .review_due
                    .map_or(String::new(), |due| format!("; review due {due}"));
                out.push_str(&wrap_hanging(
                    "      agreed by: ",
                    &format!("{agreement}{review}"),
                    "                 ",
                    LINE_WIDTH,
                ));
            }
            out.push_str(&wrap_hanging(
                "      variation: ",
                &variation.description,
                "                 ",
                LINE_WIDTH,
            ));
        }
    }
}

// The README's Rust examples run as doctests, so the front page cannot drift from
