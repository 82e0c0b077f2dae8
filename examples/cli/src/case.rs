//! `spf case FILE --as-of DATE`: check breach cases, one per line of a JSON
//! Lines file: where each stands, the manager's decision against the
//! recommendation, what is still due and by when, and what its record lacks.
//!
//! Findings are the answer, not failures: the exit status is 1 only when a
//! line is rejected as input (reported on standard error with its number).

use std::fmt::Write as _;
use std::io::BufRead as _;

use clap::{Args, ValueHint};
use spf_core::case::{
    BreachCase, CaseCheck, CaseEventKind, CaseRequest, CaseState, DecisionAction, Direction,
};
use spf_core::{Date, Engine, SpfError};

use crate::args::{Format, FormatArg, PolicyArg, date};
use crate::input::Input;
use crate::output::{Output, out, outln};
use crate::render::{LINE_WIDTH, basis_label, render_reasons, render_record_lines, wrap_hanging};
use crate::{CommandResult, Failure, Outcome};

/// Arguments of `spf case`.
#[derive(Debug, Args)]
pub struct CaseArgs {
    /// Breach cases, one JSON object per line (`-` for standard input)
    #[arg(value_name = "FILE", value_parser = Input::parse, value_hint = ValueHint::FilePath)]
    file: Input,
    /// The date to check the cases on, for the targets still to meet
    /// (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = date)]
    as_of: Date,
    #[command(flatten)]
    format: FormatArg,
    #[command(flatten)]
    policy: PolicyArg,
}

/// Runs `spf case`.
pub fn run(args: &CaseArgs, output: &mut Output) -> CommandResult {
    let engine = args.policy.engine()?;
    let reader = args.file.open()?;
    let format = args.format.format();
    let mut all_accepted = true;
    let mut summary = Summary::default();
    for (index, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| Failure(args.file.unreadable(&e)))?;
        if line.trim().is_empty() {
            continue;
        }
        let number = index + 1;
        match check_line(&engine, &line, args.as_of) {
            Ok(check) => match format {
                Format::Json => {
                    let answer = serde_json::to_string(&check).map_err(|e| {
                        Failure(format!("spf: the answer could not be written: {e}"))
                    })?;
                    outln!(output, "{answer}");
                }
                Format::Text => {
                    summary.count(&check);
                    out!(output, "{}", render_case(&check));
                }
            },
            Err(error) => {
                all_accepted = false;
                let message = match format {
                    // Positions count within the line, not the file: the
                    // pointer is exact.
                    Format::Json => format!(
                        "{{\"line\":{number},\"error\":{}}}",
                        error.without_position().to_json()
                    ),
                    Format::Text => render_record_lines(
                        &format!("spf: {} line {number}: ", args.file.name()),
                        &error,
                    ),
                };
                output.error_line(&message);
            }
        }
    }
    if format == Format::Text {
        out!(output, "{}", summary.render());
    }
    Ok(Outcome::accepted_if(all_accepted))
}

/// What the cases of a file add up to, for the policy owner: states, the
/// decisions against the recommendations, and the findings by code.
#[derive(Default)]
struct Summary {
    cases: usize,
    states: [usize; 4],
    departures: [usize; 3],
    findings: std::collections::BTreeMap<&'static str, usize>,
}

impl Summary {
    fn count(&mut self, check: &CaseCheck) {
        self.cases += 1;
        if let Some(count) = self.states.get_mut(check.state as usize) {
            *count += 1;
        }
        if let Some(decision) = &check.decision
            && let Some(count) = self.departures.get_mut(decision.departure as usize)
        {
            *count += 1;
        }
        for finding in &check.findings {
            *self.findings.entry(finding.code.as_str()).or_insert(0) += 1;
        }
    }

    fn render(&self) -> String {
        let [reported, investigating, decided, closed] = self.states;
        let [lower, same, higher] = self.departures;
        let mut out = format!(
            "{} case{}: {closed} closed, {decided} decided and open, {investigating} under investigation, {reported} not yet investigated\n",
            self.cases,
            if self.cases == 1 { "" } else { "s" }
        );
        let _ = writeln!(
            out,
            "Decisions: {same} as recommended, {lower} lower, {higher} higher"
        );
        if self.findings.is_empty() {
            out.push_str("Findings: none\n");
        } else {
            let listed: Vec<String> = self
                .findings
                .iter()
                .map(|(code, count)| format!("{code} {count}"))
                .collect();
            let _ = writeln!(out, "Findings: {}", listed.join(", "));
        }
        out
    }
}

/// One line: a case, checked on `as_of`. Every error's pointer is from the
/// line's own root (`/report/kind`, `/events/2/on`).
fn check_line(engine: &Engine, line: &str, as_of: Date) -> Result<CaseCheck, SpfError> {
    let case: BreachCase = spf_core::json::parse(line)?;
    let request = CaseRequest {
        schema_version: None,
        as_of,
        case,
    };
    engine.check_case(&request).map_err(|mut error| {
        for problem in
            std::iter::once(&mut error.path).chain(error.also.iter_mut().map(|e| &mut e.path))
        {
            if let Some(inside) = problem.strip_prefix("/case") {
                *problem = inside.to_owned();
            }
        }
        error
    })
}

/// Words for a case's state.
const fn state_label(state: CaseState) -> &'static str {
    match state {
        CaseState::Reported => "reported, not yet investigated",
        CaseState::UnderInvestigation => "under investigation",
        CaseState::Decided => "decided, not yet closed",
        CaseState::Closed => "closed",
    }
}

/// Words for a decision's action.
const fn action_label(action: DecisionAction) -> &'static str {
    match action {
        DecisionAction::NoAction => "no action",
        DecisionAction::Informal => "informal action",
        DecisionAction::Disciplinary => "disciplinary action",
        DecisionAction::ContractAction => "action under the contract",
        DecisionAction::ReferredToPolice => "referred to the police",
    }
}

/// A readable rendering of a case check: the headline, the recommendation
/// and the decision against it, what is due and missing, the findings with
/// their sources, and the numbered reasons.
pub fn render_case(check: &CaseCheck) -> String {
    let mut out = String::new();
    let reference = check.reference.as_deref().unwrap_or("(no reference)");
    let _ = writeln!(
        out,
        "Case {reference} on {}: {}",
        check.as_of,
        state_label(check.state)
    );
    render_recommendation(&mut out, check);
    render_due(&mut out, check);
    render_findings(&mut out, check);
    render_reasons(&mut out, &check.reasons);
    out.push('\n');
    out
}

fn render_recommendation(out: &mut String, check: &CaseCheck) {
    let recommendation = &check.recommendation;
    let _ = writeln!(
        out,
        "  Recommended: {} ({} under {} {})",
        recommendation.level,
        if recommendation.recorded {
            "recorded"
        } else {
            "assessed now"
        },
        recommendation.policy.id,
        recommendation.policy.version
    );
    if recommendation.assessed_level != recommendation.level {
        let _ = writeln!(
            out,
            "  This policy gives the report {} today",
            recommendation.assessed_level
        );
    }
    let Some(decision) = &check.decision else {
        let _ = writeln!(out, "  Decision:    none yet");
        return;
    };
    let departure = match decision.departure {
        Direction::Lower => "lower than recommended",
        Direction::None => "as recommended",
        Direction::Higher => "higher than recommended",
    };
    // The days count from the report, or from the breach when no report
    // date is recorded.
    let counted_from = if check.missing.contains(&CaseEventKind::Reported) {
        "the breach"
    } else {
        "the report"
    };
    let _ = writeln!(
        out,
        "  Decision:    {}, {} on {} ({departure}, {} days after {counted_from})",
        decision.level,
        action_label(decision.action),
        decision.on,
        decision.days_from_report
    );
    if let Some(reason) = &decision.reason {
        out.push_str(&wrap_hanging(
            "  Reason:      ",
            reason,
            "               ",
            LINE_WIDTH,
        ));
    }
}

fn render_due(out: &mut String, check: &CaseCheck) {
    for target in &check.targets {
        let _ = writeln!(
            out,
            "  Due:         {} by {}{}",
            target.event.words(),
            target.due_on,
            if target.overdue { " (overdue)" } else { "" }
        );
    }
    if !check.missing.is_empty() {
        let missing: Vec<&str> = check.missing.iter().map(|event| event.as_str()).collect();
        let _ = writeln!(out, "  Missing:     {}", missing.join(", "));
    }
}

fn render_findings(out: &mut String, check: &CaseCheck) {
    if check.findings.is_empty() {
        let _ = writeln!(out, "\nFindings: none");
        return;
    }
    let _ = writeln!(out, "\nFindings:");
    for finding in &check.findings {
        out.push_str(&wrap_hanging(
            &format!("  {:<6} ", finding.severity.as_str()),
            &format!("{}: {}", finding.code.as_str(), finding.message),
            "         ",
            LINE_WIDTH,
        ));
        out.push_str(&wrap_hanging(
            "         ",
            &format!("[{}] {}", basis_label(finding.basis), finding.citation),
            "           ",
            LINE_WIDTH,
        ));
    }
}
