//! Helpers shared by the command-line example (`examples/spf.rs`), the benchmarks
//! and the cross-surface tests: reading JSON Lines batches and rendering answers
//! for people. No policy logic lives here; every decision comes from `spf-core`.

use std::fmt::Write as _;

use spf_core::{BreachAssessment, Engine, SpfError};

/// The outcome of one line of a JSON Lines batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineOutcome {
    /// 1-based line number in the input.
    pub line: usize,
    /// The assessment, or why the line was rejected.
    pub result: Result<BreachAssessment, SpfError>,
}

/// Assesses every non-blank line of a JSON Lines text as a breach report. A bad
/// line is reported with its number and does not stop the others.
///
/// ```
/// let engine = spf_core::Engine::moj_default();
/// let text = concat!(
///     r#"{"kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-01-05","person":{"status":"employee","organisation":"moj"}}"#,
///     "\n\n{not json}\n",
/// );
/// let outcomes = spf_examples::assess_json_lines(&engine, text);
/// assert_eq!(outcomes.len(), 2);
/// assert!(outcomes[0].result.is_ok());
/// assert_eq!(outcomes[1].line, 3);
/// ```
#[must_use]
pub fn assess_json_lines(engine: &Engine, text: &str) -> Vec<LineOutcome> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| LineOutcome {
            line: index + 1,
            result: spf_core::json::parse(line).and_then(|report| engine.assess_breach(&report)),
        })
        .collect()
}

/// A readable rendering of an assessment: the headline, the flags raised and the
/// numbered reasons with their citations.
#[must_use]
pub fn render_assessment(answer: &BreachAssessment) -> String {
    let mut out = String::new();
    let flags = &answer.flags;
    let raised: Vec<&str> = [
        (flags.record_centrally, "record centrally"),
        (
            flags.breach_notice_may_be_issued,
            "breach notice may be issued",
        ),
        (flags.consult_security, "consult MoJ Security"),
        (flags.report_to_strapso, "report to STRAPSO"),
        (flags.police_may_be_involved, "police may be involved"),
        (flags.contract_may_be_cancelled, "contract may be cancelled"),
        (flags.manager_decision_required, "manager decides"),
    ]
    .into_iter()
    .filter_map(|(on, label)| on.then_some(label))
    .collect();
    let _ = writeln!(
        out,
        "  recommended level: {}   matrix score: {} ({})   marking scored: {}",
        answer.level.as_str().to_uppercase(),
        answer.score,
        answer.band,
        answer.marking
    );
    let _ = writeln!(out, "  route: {}", answer.route.label());
    let _ = writeln!(out, "  flags: {}", raised.join(", "));
    let _ = writeln!(out, "  reasons:");
    for (number, reason) in answer.reasons.iter().enumerate() {
        let basis = match reason.basis {
            spf_core::Basis::PolicyStatement => "policy statement",
            spf_core::Basis::ConfigurableDefault => "configurable default",
        };
        let _ = writeln!(
            out,
            "    {:>2}. {}\n        [{}] {}",
            number + 1,
            reason.step,
            basis,
            reason.citation
        );
    }
    out
}

/// Formats an error for a person: `code: message (at /path)`.
#[must_use]
pub fn render_error(error: &SpfError) -> String {
    error.to_string()
}

// The README's Rust examples run as doctests, so the front page cannot drift from
// the library.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
