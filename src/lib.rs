//! Helpers shared by the command-line example (`examples/spf.rs`), the benchmarks
//! and the cross-surface tests: reading JSON Lines batches and site files, and
//! rendering answers for people. No policy logic lives here; every decision comes
//! from `spf-core`, and these functions only read, order and format its answers.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, Read as _};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, mpsc};

use serde_json::value::RawValue;
use spf_core::compliance::{ComplianceEvaluation, GapStatus, VariationProblem};
use spf_core::coordination::{CoordinationAnswer, Coordinator};
use spf_core::register::{
    Change, Counts, HotspotScope, IncidentRecord, RecordRef, RejectedRecord, RepeatIndividual,
    TrendReport, TrendStep,
};
use spf_core::site::{
    FindingCode, Obligation, PortfolioEntry, PortfolioReport, ResponseLevel, Schedule,
    ScheduleStatus, Severity, Site, SiteStatus, ThreatLevel,
};
use spf_core::{Basis, BreachAssessment, Date, Engine, SpfError, Step};

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

/// A readable label for a reason's basis.
#[must_use]
pub const fn basis_label(basis: Basis) -> &'static str {
    match basis {
        Basis::PolicyStatement => "policy statement",
        Basis::ConfigurableDefault => "configurable default",
    }
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
        let _ = writeln!(
            out,
            "    {:>2}. {}\n        [{}] {}",
            number + 1,
            reason.step,
            basis_label(reason.basis),
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

// ---------------------------------------------------------------------------
// Site files
// ---------------------------------------------------------------------------

/// Formats a rejected site record for a person: `code: message (at /path)`.
///
/// The parser's ` at line L column C` is dropped from the message: it counts
/// from the start of the record, not of the file, so it would mislead; the
/// record's index and the JSON pointer locate the problem exactly.
///
/// ```
/// use spf_core::{ErrorCode, SpfError};
/// let error = SpfError::new(ErrorCode::UnknownField, "unknown field `x` at line 1 column 9", "/x");
/// assert_eq!(spf_examples::render_record_error(&error), "unknownField: unknown field `x` (at /x)");
/// ```
#[must_use]
pub fn render_record_error(error: &SpfError) -> String {
    let mut error = error.clone();
    if let Some(cut) = error.message.rfind(" at line ") {
        let position = error
            .message
            .get(cut + " at line ".len()..)
            .unwrap_or_default();
        let is_number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let well_formed = position
            .split_once(" column ")
            .is_some_and(|(line, column)| is_number(line) && is_number(column));
        if well_formed {
            error.message.truncate(cut);
        }
    }
    error.to_string()
}

/// The widest line of wrapped text in the site and co-ordination renderings;
/// with the site table (119 columns) they fit a 120-column terminal.
pub const LINE_WIDTH: usize = 118;

/// Reads a sites file: a JSON array whose records are kept as raw JSON, so that
/// each record can be parsed, and rejected, on its own.
///
/// Only a file that is not a JSON array at all (or is not well-formed JSON) is an
/// error here.
///
/// ```
/// let records = spf_examples::read_site_records(r#"[{"id": "A"}, 7]"#).unwrap();
/// assert_eq!(records.len(), 2);
/// assert!(spf_examples::read_site_records(r#"{"id": "A"}"#).is_err());
/// ```
pub fn read_site_records(text: &str) -> Result<Vec<Box<RawValue>>, SpfError> {
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
///
/// ```
/// use spf_core::{Date, Engine, ErrorCode};
/// use spf_core::site::ThreatLevel;
/// let engine = Engine::moj_default();
/// let records = spf_examples::read_site_records(r#"[
///     {"id": "A", "name": "A", "tier": "low", "tierAssessed": "2026-01-05"},
///     {"id": "B", "name": "B", "tier": "low", "tierAssessed": "2026-01-05", "colour": "red"}
/// ]"#).unwrap();
/// let as_of = Date::from_ymd(2026, 11, 23).unwrap();
/// let outcomes = spf_examples::assess_sites(&engine, &records, ThreatLevel::Substantial, as_of);
/// assert!(outcomes[0].result.is_ok());
/// let error = outcomes[1].result.as_ref().unwrap_err();
/// assert_eq!((outcomes[1].index, error.code), (1, ErrorCode::UnknownField));
/// assert_eq!(error.path, "/colour");
/// ```
#[must_use]
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

/// The portfolio request `spf_core::json::portfolio` reads, built from the
/// file's records as they are (each record is passed through verbatim, so the
/// library sees exactly what the file holds).
///
/// ```
/// use spf_core::Date;
/// use spf_core::site::ThreatLevel;
/// let records = spf_examples::read_site_records("[{\"id\": \"A\"}]").unwrap();
/// let request = spf_examples::portfolio_request(
///     ThreatLevel::Severe,
///     Date::from_ymd(2026, 11, 23).unwrap(),
///     &records,
/// );
/// assert_eq!(request, r#"{"asOf":"2026-11-23","threatLevel":"severe","sites":[{"id": "A"}]}"#);
/// ```
#[must_use]
pub fn portfolio_request(threat: ThreatLevel, as_of: Date, records: &[Box<RawValue>]) -> String {
    let sites: Vec<&str> = records.iter().map(|r| r.get()).collect();
    // The date and the threat level print as their wire names: nothing to escape.
    format!(
        r#"{{"asOf":"{as_of}","threatLevel":"{}","sites":[{}]}}"#,
        threat.as_str(),
        sites.join(",")
    )
}

/// How pressing a site's recurring obligations are, worst first: any overdue
/// obligation (the oldest missed deadline first), then any never done, then any
/// due now (earliest first), then any due soon (earliest first), then in date.
///
/// The dates are the ones [`PortfolioReport`] files its lists under, so the first
/// site with an overdue obligation is the site of the report's first `overdue`
/// entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Urgency {
    /// Past its hard maximum; the earliest such deadline.
    Overdue(Option<Date>),
    /// Never done (a CT plan never tested, a risk assessment never done, no CT
    /// plan at all).
    NeverDone,
    /// Due now; the earliest due date.
    Due(Option<Date>),
    /// Due within the warning window; the earliest due date.
    DueSoon(Option<Date>),
    /// Everything in date.
    InDate,
}

/// A site status's schedules with the obligation each one is.
pub fn schedules(status: &SiteStatus) -> impl Iterator<Item = (Obligation, &Schedule)> {
    let s = &status.schedules;
    [
        (Obligation::CtPlanTest, Some(&s.ct_plan_test)),
        (Obligation::RiskAssessment, Some(&s.risk_assessment)),
        (Obligation::TierReassessment, Some(&s.tier_reassessment)),
        (Obligation::ExceptionalReview, s.exceptional_review.as_ref()),
    ]
    .into_iter()
    .filter_map(|(obligation, schedule)| schedule.map(|s| (obligation, s)))
}

/// How pressing a site's obligations are (see [`Urgency`]).
#[must_use]
pub fn urgency(status: &SiteStatus) -> Urgency {
    let earliest = |wanted: ScheduleStatus, date: fn(&Schedule) -> Option<Date>| {
        let mut found = false;
        let mut first: Option<Date> = None;
        for (_, schedule) in schedules(status).filter(|(_, s)| s.status == wanted) {
            found = true;
            if let Some(day) = date(schedule) {
                first = Some(first.map_or(day, |f| f.min(day)));
            }
        }
        found.then_some(first)
    };
    if let Some(date) = earliest(ScheduleStatus::Overdue, |s| s.overdue_after) {
        Urgency::Overdue(date)
    } else if earliest(ScheduleStatus::NeverDone, |s| s.due_on).is_some() {
        Urgency::NeverDone
    } else if let Some(date) = earliest(ScheduleStatus::Due, |s| s.due_on) {
        Urgency::Due(date)
    } else if let Some(date) = earliest(ScheduleStatus::DueSoon, |s| s.due_on) {
        Urgency::DueSoon(date)
    } else {
        Urgency::InDate
    }
}

/// Sorts assessed sites worst first ([`Urgency`]), ties broken by site id.
pub fn sort_worst_first(sites: &mut [&AssessedSite]) {
    sites.sort_by(|a, b| {
        (urgency(&a.status), &a.status.site_id).cmp(&(urgency(&b.status), &b.status.site_id))
    });
}

/// The number of findings of each severity: (high, medium, low).
#[must_use]
pub fn findings_by_severity(status: &SiteStatus) -> (usize, usize, usize) {
    let count = |severity| {
        status
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    };
    (
        count(Severity::High),
        count(Severity::Medium),
        count(Severity::Low),
    )
}

/// A readable name for an obligation.
#[must_use]
pub const fn obligation_label(obligation: Obligation) -> &'static str {
    match obligation {
        Obligation::CtPlanTest => "CT-plan test",
        Obligation::RiskAssessment => "risk assessment",
        Obligation::TierReassessment => "tier re-assessment",
        Obligation::ExceptionalReview => "EXCEPTIONAL review",
    }
}

/// Cuts text to `width` characters, ending with `…` when it was cut.
#[must_use]
pub fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Wraps text at word boundaries to lines of at most `width` characters, each
/// starting with `indent` (a word longer than a line stays whole).
///
/// ```
/// assert_eq!(spf_examples::wrap("one two three", "  ", 9), "  one two\n  three\n");
/// ```
#[must_use]
pub fn wrap(text: &str, indent: &str, width: usize) -> String {
    wrap_hanging(indent, text, indent, width)
}

/// [`wrap`] with a first line that starts with `first` (kept as it is) and
/// continuation lines that start with `indent`.
///
/// ```
/// assert_eq!(
///     spf_examples::wrap_hanging("  - ", "one two three", "    ", 12),
///     "  - one two\n    three\n"
/// );
/// ```
#[must_use]
pub fn wrap_hanging(first: &str, text: &str, indent: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::from(first);
    let mut empty = true;
    for word in text.split_whitespace() {
        let needed = line.chars().count() + usize::from(!empty) + word.chars().count();
        if !empty && needed > width {
            out.push_str(&line);
            out.push('\n');
            line = String::from(indent);
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

/// The header of a sites report: the policy, the national threat level with its
/// definition, the response level it maps to, and the assessment date.
#[must_use]
pub fn render_sites_header(engine: &Engine, threat: ThreatLevel, as_of: Date) -> String {
    let mut out = String::new();
    let policy = engine.policy_ref();
    let mapping = engine.response_level_answer(threat);
    let _ = writeln!(
        out,
        "Counter-terrorism site status under policy {} version {}",
        policy.id, policy.version
    );
    let _ = writeln!(
        out,
        "  National threat level:  {} ({})",
        threat.as_str().to_uppercase(),
        mapping.definition
    );
    out.push_str(&wrap_hanging(
        "  Response level:         ",
        &format!(
            "{} unless a site overrides it ({}: {})",
            mapping.response_level.as_str().to_uppercase(),
            basis_label(mapping.basis),
            mapping.citation
        ),
        HEADER_INDENT,
        LINE_WIDTH,
    ));
    let _ = writeln!(out, "  Assessed as of:         {as_of}");
    out
}

/// The indent of a header value's continuation lines.
const HEADER_INDENT: &str = "                          ";
/// The same for a header at the left margin.
const HEADER_INDENT_TOP: &str = "                        ";
const ID_WIDTH: usize = 12;

/// The table's groups, in order: overdue, never done, due, due soon, in date.
fn urgency_group(urgency: Urgency) -> u8 {
    match urgency {
        Urgency::Overdue(_) => 0,
        Urgency::NeverDone => 1,
        Urgency::Due(_) => 2,
        Urgency::DueSoon(_) => 3,
        Urgency::InDate => 4,
    }
}

fn group_title(group: u8, sites: usize) -> String {
    let (title, what) = match group {
        0 => (
            "OVERDUE",
            "with an obligation past its deadline, oldest deadline first",
        ),
        1 => ("NEVER DONE", "with an obligation never done"),
        2 => ("DUE NOW", "with an obligation due, earliest first"),
        3 => (
            "DUE SOON",
            "with an obligation falling due in the warning window, earliest first",
        ),
        _ => ("IN DATE", "with every recurring obligation in date"),
    };
    format!("{title}: {sites} site(s) {what}")
}
const NAME_WIDTH: usize = 23;
const SCHEDULE_WIDTH: usize = 19;

fn schedule_cell(schedule: &Schedule, never: &str) -> String {
    let (label, date) = match schedule.status {
        ScheduleStatus::Ok => ("ok", schedule.due_on),
        ScheduleStatus::DueSoon => ("due soon", schedule.due_on),
        ScheduleStatus::Due => ("DUE", schedule.due_on),
        ScheduleStatus::Overdue => ("OVERDUE", schedule.overdue_after),
        ScheduleStatus::NeverDone => return never.to_owned(),
    };
    match date {
        Some(date) => format!("{label} {date}"),
        None => label.to_owned(),
    }
}

/// The site table, one row per site, worst first (see [`Urgency`]): id, name,
/// tier, response level in force (`*` when it differs from the national mapping),
/// required controls, CT-plan test and risk assessment with their dates, and the
/// findings by severity.
#[must_use]
pub fn render_site_table(sites: &[&AssessedSite], mapped: ResponseLevel) -> String {
    let mut rows: Vec<(Urgency, &AssessedSite)> =
        sites.iter().map(|s| (urgency(&s.status), *s)).collect();
    rows.sort_by(|(a, x), (b, y)| (a, &x.status.site_id).cmp(&(b, &y.status.site_id)));
    let mut out = String::new();
    let header = format!(
        "{:<ID_WIDTH$}  {:<NAME_WIDTH$}  {:<8}  {:<12}  {:>4}  {:<SCHEDULE_WIDTH$}  {:<SCHEDULE_WIDTH$}  {:>2} {:>2} {:>2}",
        "SITE",
        "NAME",
        "TIER",
        "RESPONSE",
        "CTRL",
        "CT-PLAN TEST",
        "RISK ASSESSMENT",
        "H",
        "M",
        "L"
    );
    let _ = writeln!(out, "{header}");
    let _ = writeln!(out, "{}", "-".repeat(header.chars().count()));
    let mut group = None;
    for (urgency, row) in &rows {
        let this_group = urgency_group(*urgency);
        if group != Some(this_group) {
            let count = rows
                .iter()
                .filter(|(u, _)| urgency_group(*u) == this_group)
                .count();
            if group.is_some() {
                out.push('\n');
            }
            let _ = writeln!(out, "{}", group_title(this_group, count));
            group = Some(this_group);
        }
        let status = &row.status;
        let response = if status.response_level == mapped {
            status.response_level.as_str().to_owned()
        } else {
            format!("{}*", status.response_level.as_str())
        };
        let has_plan = !status
            .findings
            .iter()
            .any(|f| f.code == FindingCode::NoCtPlan);
        let ct = if has_plan {
            schedule_cell(&status.schedules.ct_plan_test, "NEVER TESTED")
        } else {
            "NO CT PLAN".to_owned()
        };
        let risk = schedule_cell(&status.schedules.risk_assessment, "NEVER DONE");
        let (high, medium, low) = findings_by_severity(status);
        let _ = writeln!(
            out,
            "{:<ID_WIDTH$}  {:<NAME_WIDTH$}  {:<8}  {:<12}  {:>4}  {:<SCHEDULE_WIDTH$}  {:<SCHEDULE_WIDTH$}  {:>2} {:>2} {:>2}",
            truncate(&status.site_id, ID_WIDTH),
            truncate(&row.site.name, NAME_WIDTH),
            status.tier.as_str(),
            response,
            status.required_controls.len(),
            ct,
            risk,
            high,
            medium,
            low
        );
    }
    out.push_str(&wrap(
        "Obligations are the CT-plan test, the risk assessment, the tier re-assessment and, at EXCEPTIONAL, its review \
         (the last two are in the summary below). * response level set by a site override. CTRL: controls required. \
         Dates: when the obligation falls due; for OVERDUE, the last day it was allowed. H M L: findings of high, \
         medium and low severity.",
        "",
        LINE_WIDTH,
    ));
    out
}

fn counts_row(label: &str, counts: &spf_core::site::ObligationCounts) -> String {
    format!(
        "  {label:<20}{:>6}{:>10}{:>6}{:>9}{:>12}\n",
        counts.ok, counts.due_soon, counts.due, counts.overdue, counts.never_done
    )
}

fn entry_lines(
    out: &mut String,
    title: &str,
    entries: &[PortfolioEntry],
    name_of: &dyn Fn(&str) -> Option<String>,
) {
    if entries.is_empty() {
        let _ = writeln!(out, "\n{title}: none");
        return;
    }
    let _ = writeln!(out, "\n{title} ({}):", entries.len());
    for entry in entries {
        let date = entry.date.map_or_else(|| "-".repeat(10), |d| d.to_string());
        let name = name_of(&entry.site_id).unwrap_or_default();
        let _ = writeln!(
            out,
            "  {date}  {:<ID_WIDTH$}  {:<20}  {}",
            truncate(&entry.site_id, ID_WIDTH),
            obligation_label(entry.obligation),
            truncate(&name, 60)
        );
    }
}

/// The portfolio summary: counts by tier, by response level and by schedule
/// status, then the overdue, due, due-soon and never-done lists exactly as the
/// report orders them. `name_of` gives a site's name for the lists.
#[must_use]
pub fn render_portfolio_summary(
    engine: &Engine,
    report: &PortfolioReport,
    name_of: &dyn Fn(&str) -> Option<String>,
) -> String {
    let mut out = String::new();
    let counts = &report.counts;
    let _ = writeln!(
        out,
        "Portfolio summary: {} site(s) assessed on {} under threat level {}",
        report.sites,
        report.as_of,
        report.threat_level.as_str().to_uppercase()
    );
    let tiers = &counts.by_tier;
    let _ = writeln!(
        out,
        "  {:<20}low {}, moderate {}, high {}",
        "By tier:", tiers.low, tiers.moderate, tiers.high
    );
    let levels = &counts.by_response_level;
    let _ = writeln!(
        out,
        "  {:<20}normal {}, heightened {}, exceptional {}",
        "By response level:", levels.normal, levels.heightened, levels.exceptional
    );
    let _ = writeln!(
        out,
        "\n  {:<20}{:>6}{:>10}{:>6}{:>9}{:>12}",
        "", "ok", "due soon", "due", "overdue", "never done"
    );
    out.push_str(&counts_row("CT-plan test", &counts.ct_plan_test));
    out.push_str(&counts_row("Risk assessment", &counts.risk_assessment));
    out.push_str(&counts_row("Tier re-assessment", &counts.tier_reassessment));
    if counts.exceptional_review.total() > 0 {
        out.push_str(&counts_row(
            "EXCEPTIONAL review",
            &counts.exceptional_review,
        ));
    }
    let window = engine.policy().counter_terrorism.due_soon.days;
    entry_lines(
        &mut out,
        "Overdue, oldest deadline first",
        &report.overdue,
        name_of,
    );
    entry_lines(&mut out, "Due now", &report.due, name_of);
    entry_lines(
        &mut out,
        &format!("Due within {window} days"),
        &report.due_soon,
        name_of,
    );
    entry_lines(&mut out, "Never done", &report.never_done, name_of);
    out
}

/// For each site with high-severity findings (worst first), those findings with
/// their citations.
#[must_use]
pub fn render_high_findings(sites: &[&AssessedSite]) -> String {
    let mut rows: Vec<&AssessedSite> = sites
        .iter()
        .copied()
        .filter(|s| {
            s.status
                .findings
                .iter()
                .any(|f| f.severity == Severity::High)
        })
        .collect();
    sort_worst_first(&mut rows);
    let mut out = String::new();
    if rows.is_empty() {
        let _ = writeln!(out, "High-severity findings: none");
        return out;
    }
    let _ = writeln!(out, "High-severity findings ({} site(s)):", rows.len());
    for row in rows {
        let status = &row.status;
        let _ = writeln!(
            out,
            "\n  {}  {} ({} tier, {})",
            status.site_id,
            row.site.name,
            status.tier.as_str(),
            status.response_level.as_str()
        );
        for finding in status
            .findings
            .iter()
            .filter(|f| f.severity == Severity::High)
        {
            out.push_str(&wrap_hanging(
                "    - ",
                &format!("{}: {}", finding.code.as_str(), finding.message),
                "      ",
                LINE_WIDTH,
            ));
            out.push_str(&wrap_hanging(
                "      source: ",
                finding.citation.as_str(),
                "              ",
                LINE_WIDTH,
            ));
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Co-ordination
// ---------------------------------------------------------------------------

/// A readable name for who co-ordinates.
#[must_use]
pub const fn coordinator_label(coordinator: Coordinator) -> &'static str {
    match coordinator {
        Coordinator::Local => "the affected business area's own emergency response arrangements",
        Coordinator::CorporateBusinessContinuity => {
            "MoJ Corporate Business Continuity arrangements, supported by Corporate Security and Business Continuity"
        }
        Coordinator::StrategicCoordinationGroup => {
            "the Strategic Co-ordination Group (Gold), chaired by the NOMS Gold Commander, may take the co-ordination role"
        }
    }
}

/// A step's explanation for people.
#[must_use]
pub fn explanation<S: Step>(step: &S) -> String {
    let mut out = String::new();
    let _ = step.explain(&mut out);
    out
}

/// Appends a numbered "Reasons:" list: each step's explanation, then its basis
/// and citation.
fn render_reasons<S: Step>(out: &mut String, reasons: &[spf_core::Reason<S>]) {
    let _ = writeln!(out, "\nReasons:");
    for (number, reason) in reasons.iter().enumerate() {
        out.push_str(&wrap_hanging(
            &format!("  {:>2}. ", number + 1),
            &explanation(&reason.step),
            "      ",
            LINE_WIDTH,
        ));
        out.push_str(&wrap_hanging(
            "      ",
            &format!("[{}] {}", basis_label(reason.basis), reason.citation),
            "        ",
            LINE_WIDTH,
        ));
    }
}

/// A readable rendering of a co-ordination answer: who co-ordinates, the standing
/// arrangements beneath, and the numbered reasons with their citations.
#[must_use]
pub fn render_coordination(answer: &CoordinationAnswer, front_line: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Incident affecting {} business area(s): {}",
        answer.business_areas.len(),
        answer.business_areas.join(", ")
    );
    let _ = writeln!(
        out,
        "Front-line services (courts, tribunals, prisons) significantly affected: {}\n",
        if front_line { "yes" } else { "no" }
    );
    out.push_str(&wrap_hanging(
        "Who co-ordinates:       ",
        &format!(
            "{} [{}]",
            coordinator_label(answer.coordinator),
            answer.coordinator.as_str()
        ),
        HEADER_INDENT_TOP,
        LINE_WIDTH,
    ));
    out.push_str(&wrap_hanging(
        "Standing arrangements:  ",
        &format!(
            "{} [{}]",
            coordinator_label(answer.standing_arrangements),
            answer.standing_arrangements.as_str()
        ),
        HEADER_INDENT_TOP,
        LINE_WIDTH,
    ));
    let _ = writeln!(
        out,
        "Policy:                 {} version {}",
        answer.policy.id, answer.policy.version
    );
    render_reasons(&mut out, &answer.reasons);
    out
}

// ---------------------------------------------------------------------------
// Incident register trends
// ---------------------------------------------------------------------------

/// Records read from a JSON Lines file of incident records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncidentLines {
    /// The records that parsed, with their 0-based line index, in line order.
    /// Kept in the pieces the file was read in, so that no record is moved.
    pub chunks: Vec<Vec<(usize, IncidentRecord)>>,
    /// The lines that are not incident records, by line index; each error's
    /// path starts `/records/N` like the engine's own (see
    /// [`Engine::trend_report_of`]).
    pub rejected: Vec<RejectedRecord>,
    /// Lines in the file, blank ones included.
    pub lines: usize,
}

impl IncidentLines {
    /// The records with their line indexes, in line order.
    pub fn records(&self) -> impl Iterator<Item = (usize, &IncidentRecord)> {
        self.chunks
            .iter()
            .flat_map(|chunk| chunk.iter().map(|(index, record)| (*index, record)))
    }
}

/// Below this many bytes a file is read on one thread: starting threads would
/// cost more than they save.
const PARALLEL_FROM_BYTES: usize = 256 * 1024;
/// How many pieces each reading thread gets, on average.
const PIECES_PER_THREAD: usize = 8;

/// Reads a JSON Lines text of incident records, each non-blank line on its own
/// with [`spf_core::json::parse`]; a bad line is kept in `rejected` with its
/// 0-based line index. Big texts are read in parallel by one thread per
/// available core, in pieces split at line ends.
///
/// ```
/// let text = concat!(
///     r#"{"id":"A","occurred":"2026-04-02","recorded":"2026-04-03","businessArea":"HMCTS","kind":"lossOfPass","level":"minor"}"#,
///     "\n\n",
///     r#"{"id":"B","occurred":"2026-04-02","recorded":"2026-04-03","businessArea":"HMCTS","kind":"lostPass","level":"minor"}"#,
///     "\n",
/// );
/// let read = spf_examples::read_incident_lines(text);
/// assert_eq!(read.records().map(|(index, r)| (index, r.id.as_str())).collect::<Vec<_>>(), [(0, "A")]);
/// assert_eq!(read.rejected[0].index, 2);
/// assert_eq!(read.rejected[0].error.path, "/records/2/kind");
/// assert_eq!(read.lines, 3);
/// ```
#[must_use]
pub fn read_incident_lines(text: &str) -> IncidentLines {
    let threads = if text.len() < PARALLEL_FROM_BYTES {
        1
    } else {
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
    };
    let parsed: Vec<ParsedPiece> = if threads <= 1 {
        vec![parse_piece(text)]
    } else {
        // More pieces than threads, taken from a shared counter: a thread that
        // the machine slows down takes fewer pieces instead of holding up the
        // rest.
        let pieces = split_at_line_ends(text, threads * PIECES_PER_THREAD);
        let next = AtomicUsize::new(0);
        let work = || {
            let mut done = Vec::new();
            loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(piece) = pieces.get(index) else {
                    return done;
                };
                done.push((index, parse_piece(piece)));
            }
        };
        let mut done = std::thread::scope(|scope| {
            // A thread that cannot start leaves its share to the others.
            let helpers: Vec<_> = (1..threads)
                .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
                .collect();
            let mut done = work();
            for helper in helpers {
                done.extend(
                    helper
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                );
            }
            done
        });
        done.sort_unstable_by_key(|(index, _)| *index);
        done.into_iter().map(|(_, piece)| piece).collect()
    };

    number_pieces(parsed)
}

/// The size of the blocks [`read_incident_file`] reads a file in.
const BLOCK_BYTES: usize = 4 << 20;

/// [`read_incident_lines`] straight from a file, which is read once, in blocks
/// that end at line ends, while other threads parse the blocks already read.
/// The whole file is never held in memory at once.
///
/// Errors: the file cannot be opened or read, or is not UTF-8 (the same errors
/// as [`std::fs::read_to_string`]).
///
/// ```
/// let path = std::env::temp_dir().join("spf-read-incident-file-example.jsonl");
/// std::fs::write(&path, "{}\n").unwrap();
/// let read = spf_examples::read_incident_file(&path).unwrap();
/// assert_eq!((read.lines, read.rejected[0].error.code.as_str()), (1, "missingField"));
/// assert!(spf_examples::read_incident_file("no-such-file.jsonl".as_ref()).is_err());
/// ```
pub fn read_incident_file(path: &Path) -> io::Result<IncidentLines> {
    let mut file = File::open(path)?;
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let small = file
        .metadata()
        .is_ok_and(|m| m.len() < PARALLEL_FROM_BYTES as u64);
    if threads <= 1 || small {
        let mut text = String::new();
        file.read_to_string(&mut text)?;
        return Ok(read_incident_lines(&text));
    }

    // A bounded queue: reading never runs far ahead of parsing.
    let (send, receive) = mpsc::sync_channel::<(usize, Vec<u8>)>(threads * 2);
    let receive = Mutex::new(receive);
    let work = || {
        let mut done = Vec::new();
        loop {
            let next = receive.lock().ok().and_then(|queue| queue.recv().ok());
            let Some((sequence, block)) = next else {
                return done;
            };
            done.push((sequence, std::str::from_utf8(&block).map(parse_piece)));
        }
    };
    let (read, mut done) = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
            .collect();
        let read = if workers.is_empty() {
            Err(io::Error::other("cannot start a thread to read the file"))
        } else {
            read_blocks(&mut file, |sequence, block| {
                send.send((sequence, block)).is_ok()
            })
        };
        // Closing the queue lets the workers finish.
        drop(send);
        let mut done = Vec::new();
        for worker in workers {
            done.extend(
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        (read, done)
    });
    read?;
    done.sort_unstable_by_key(|(sequence, _)| *sequence);
    let parsed = done
        .into_iter()
        .map(|(_, piece)| {
            piece.map_err(|_| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    "stream did not contain valid UTF-8",
                )
            })
        })
        .collect::<io::Result<Vec<ParsedPiece>>>()?;
    Ok(number_pieces(parsed))
}

/// Reads `file` in blocks of about [`BLOCK_BYTES`] that end just after a line
/// end (the last one at the end of the file) and hands each to `send` with its
/// sequence number, until the file ends or `send` returns false.
fn read_blocks(file: &mut File, mut send: impl FnMut(usize, Vec<u8>) -> bool) -> io::Result<()> {
    let mut carry: Vec<u8> = Vec::new();
    let mut sequence = 0;
    loop {
        let mut block = Vec::with_capacity(BLOCK_BYTES + carry.len());
        block.append(&mut carry);
        let read = file
            .by_ref()
            .take(BLOCK_BYTES as u64)
            .read_to_end(&mut block)?;
        let at_end = read == 0;
        if !at_end {
            match block.iter().rposition(|b| *b == b'\n') {
                // The unfinished last line starts the next block.
                Some(last) => carry = block.split_off(last + 1),
                // One line longer than a block: read on.
                None => {
                    carry = block;
                    continue;
                }
            }
        }
        if block.is_empty() || !send(sequence, block) || at_end {
            return Ok(());
        }
        sequence += 1;
    }
}

/// Numbers the records and rejected lines of pieces read in order: each piece
/// numbered its lines from 0.
fn number_pieces(parsed: Vec<ParsedPiece>) -> IncidentLines {
    let mut read = IncidentLines::default();
    let records_at = "/records/";
    for mut piece in parsed {
        let offset = read.lines;
        if offset > 0 {
            for (index, _) in &mut piece.records {
                *index += offset;
            }
        }
        for (local, error) in piece.rejected {
            let index = local + offset;
            let path = format!("{records_at}{index}{}", error.path);
            read.rejected.push(RejectedRecord {
                index,
                error: SpfError::new(error.code, error.message, path),
            });
        }
        read.lines += piece.lines;
        read.chunks.push(piece.records);
    }
    read
}

/// One piece of a file, its lines numbered from 0.
struct ParsedPiece {
    records: Vec<(usize, IncidentRecord)>,
    rejected: Vec<(usize, SpfError)>,
    lines: usize,
}

fn parse_piece(text: &str) -> ParsedPiece {
    // A generated record is about 200 bytes: one allocation, rarely two.
    let mut records = Vec::with_capacity(text.len() / 200 + 1);
    let mut rejected = Vec::new();
    let mut lines = 0;
    for (index, line) in text.split_terminator('\n').enumerate() {
        lines = index + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        match spf_core::json::parse::<IncidentRecord>(line) {
            Ok(record) => records.push((index, record)),
            Err(error) => rejected.push((index, error.without_position())),
        }
    }
    ParsedPiece {
        records,
        rejected,
        lines,
    }
}

/// Splits a text into at most `pieces` parts of similar size, each ending just
/// after a line end (the last one at the end of the text).
fn split_at_line_ends(text: &str, pieces: usize) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(pieces);
    let mut start = 0;
    for part in 1..pieces {
        let target = (text.len() / pieces * part).max(start);
        let end = bytes
            .get(target..)
            .and_then(|rest| rest.iter().position(|b| *b == b'\n'))
            .map_or(text.len(), |at| target + at + 1);
        // INVARIANT: `end` is just after a `\n` or the end, so on a char boundary.
        if let Some(piece) = text.get(start..end) {
            out.push(piece);
        }
        start = end;
    }
    if let Some(piece) = text.get(start..) {
        out.push(piece);
    }
    out
}

/// Reads a JSON Lines text of incident records ([`read_incident_lines`]) and
/// makes the trend report over the quarters from the one containing `from` to
/// the one containing `to`. Lines that are not records, and records the engine
/// refuses, are listed under `rejected` by 0-based line index.
///
/// Errors are the engine's for the period: `to` before `from`, or too many
/// quarters.
///
/// ```
/// use spf_core::{Date, Engine};
/// let engine = Engine::moj_default();
/// let text = concat!(
///     r#"{"id":"A","occurred":"2026-04-02","recorded":"2026-04-03","businessArea":"HMCTS","kind":"lossOfPass","level":"minor"}"#,
///     "\n",
///     r#"{"id":"B","occurred":"2026-04-02","recorded":"2026-04-01","businessArea":"HMCTS","kind":"lossOfPass","level":"minor"}"#,
/// );
/// let from = Date::from_ymd(2026, 4, 1).unwrap();
/// let report = spf_examples::incident_trends(&engine, text, from, from).unwrap();
/// assert_eq!(report.totals.total, 1);
/// assert_eq!(report.rejected[0].index, 1);
/// assert_eq!(report.rejected[0].error.path, "/records/1/recorded");
/// ```
pub fn incident_trends(
    engine: &Engine,
    text: &str,
    from: Date,
    to: Date,
) -> Result<TrendReport, SpfError> {
    let mut read = read_incident_lines(text);
    let rejected = std::mem::take(&mut read.rejected);
    engine.trend_report_of(read.records(), from, to, rejected)
}

/// A rejected line for a person: `line N: code: message (at /path)`, with the
/// line number from 1 and the path inside the line.
///
/// ```
/// use spf_core::{ErrorCode, SpfError};
/// use spf_core::register::RejectedRecord;
/// let rejected = RejectedRecord {
///     index: 4,
///     error: SpfError::new(ErrorCode::UnknownValue, "unknown variant `x`", "/records/4/kind"),
/// };
/// assert_eq!(spf_examples::render_rejected_line(&rejected), "line 5: unknownValue: unknown variant `x` (at /kind)");
/// ```
#[must_use]
pub fn render_rejected_line(rejected: &RejectedRecord) -> String {
    let mut error = rejected.error.clone();
    let prefix = format!("/records/{}", rejected.index);
    if let Some(inside) = error
        .path
        .strip_prefix(&prefix)
        .filter(|inside| inside.is_empty() || inside.starts_with('/'))
    {
        error.path = inside.to_owned();
    }
    format!(
        "line {}: {}",
        rejected.index + 1,
        render_record_error(&error)
    )
}

/// How much of a trend report [`render_trends`] shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrendDetail {
    /// Business areas listed, busiest first.
    pub business_areas: usize,
    /// Sites listed, busiest first.
    pub sites: usize,
    /// Repeat individuals listed, most breaches in a window first.
    pub repeat_individuals: usize,
    /// Quarters whose hotspots are listed (the latest ones).
    pub hotspot_quarters: usize,
    /// Hotspots listed per quarter for business areas, and again for sites.
    pub hotspot_places: usize,
    /// Whether the reasons are shown.
    pub reasons: bool,
}

impl TrendDetail {
    /// The `trends` command's report.
    pub const FULL: Self = Self {
        business_areas: usize::MAX,
        sites: 15,
        repeat_individuals: 25,
        hotspot_quarters: usize::MAX,
        hotspot_places: usize::MAX,
        reasons: true,
    };

    /// A short summary, for the demo.
    pub const SUMMARY: Self = Self {
        business_areas: 5,
        sites: 5,
        repeat_individuals: 5,
        hotspot_quarters: 1,
        hotspot_places: 5,
        reasons: false,
    };
}

fn signed(change: i64) -> String {
    if change > 0 {
        format!("+{change}")
    } else {
        change.to_string()
    }
}

fn share(count: u32, total: u32) -> String {
    if total == 0 {
        return "-".to_owned();
    }
    format!("{:.1}%", f64::from(count) * 100.0 / f64::from(total))
}

/// Names and counts, busiest first, ties by name.
fn busiest(counts: &std::collections::BTreeMap<String, u32>) -> Vec<(&str, u32)> {
    let mut rows: Vec<(&str, u32)> = counts.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    rows
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The readable trend report: the header, the table of quarters with the
/// change on the quarter before, the busiest business areas and sites, the
/// repeat individuals and the hotspots, then the reasons with their citations.
/// `shown` names the register file. Rejected lines are not listed here (they
/// go to standard error); the header counts them.
#[must_use]
pub fn render_trends(report: &TrendReport, shown: &str, detail: TrendDetail) -> String {
    let mut out = String::new();
    let mut quarters_rule = None;
    let mut repeat_rule = None;
    let mut hotspot_rule = None;
    for reason in &report.reasons {
        match reason.step {
            TrendStep::Quarters {
                year_starts_in_month,
                ..
            } => quarters_rule = Some(year_starts_in_month),
            TrendStep::RepeatIndividuals {
                minimum_breaches,
                window_months,
                ..
            } => repeat_rule = Some((minimum_breaches, window_months)),
            TrendStep::Hotspots {
                minimum_distinct_people,
                ..
            } => hotspot_rule = Some(minimum_distinct_people),
            TrendStep::RecordedCentrally { .. } => {}
        }
    }
    let policy = &report.policy;
    let _ = writeln!(
        out,
        "Incident register trends under policy {} version {}",
        policy.id, policy.version
    );
    let _ = writeln!(out, "  Register:               {shown}");
    let year_start = quarters_rule
        .and_then(|m| usize::try_from(m).ok())
        .and_then(|m| MONTHS.get(m.wrapping_sub(1)))
        .map_or(String::new(), |month| {
            format!(" of a reporting year starting in {month}")
        });
    let _ = writeln!(
        out,
        "  Period:                 {} to {} ({} quarter(s){year_start})",
        report.from,
        report.to,
        report.quarters.len()
    );
    let _ = writeln!(
        out,
        "  Date basis:             the day each breach {}",
        match report.date_basis.as_str() {
            "occurred" => "occurred",
            "identified" => "was identified (or occurred, when not known)",
            _ => "was recorded centrally",
        }
    );
    let tally = &report.records;
    let _ = writeln!(
        out,
        "  Records:                {} read: {} used ({} in the period, {} before it, {} after it), {} rejected\n",
        tally.received,
        tally.received.saturating_sub(tally.rejected),
        tally.in_period,
        tally.before_period,
        tally.after_period,
        tally.rejected
    );

    render_quarter_table(&mut out, report);
    render_places(&mut out, report, detail);
    render_repeat_individuals(&mut out, report, repeat_rule, detail);
    render_hotspots(&mut out, report, hotspot_rule, detail);

    if detail.reasons {
        render_reasons(&mut out, &report.reasons);
    }
    let _ = writeln!(
        out,
        "\nTrends summary: {} record(s) read, {} used, {} rejected; {} quarter(s); {} repeat individual(s), {} hotspot(s)",
        tally.received,
        tally.received.saturating_sub(tally.rejected),
        tally.rejected,
        report.quarters.len(),
        report.repeat_individuals.len(),
        report.hotspots.len()
    );
    out
}

fn render_quarter_table(out: &mut String, report: &TrendReport) {
    let header = format!(
        "{:<10}  {:<10}  {:<10}  {:>6}  {:>8}  {:>6}  {:>7}  {:>5}  {:>11}  {:>6}  {:>8}  {:>5}",
        "QUARTER",
        "FROM",
        "TO",
        "TOTAL",
        "BREACHES",
        "MINOR",
        "SERIOUS",
        "GROSS",
        "NEAR MISSES",
        "TOTAL",
        "BREACHES",
        "GROSS"
    );
    let width = header.chars().count();
    let _ = writeln!(out, "{:>width$}", "CHANGE ON QUARTER BEFORE");
    let _ = writeln!(out, "{header}");
    let _ = writeln!(out, "{}", "-".repeat(width));
    let row = |label: &str, from: Date, to: Date, counts: &Counts, change: Option<&Change>| {
        let change = change.map_or(String::new(), |c| {
            format!(
                "{:>6}  {:>8}  {:>5}",
                signed(c.total),
                signed(c.breaches),
                signed(c.gross)
            )
        });
        let line = format!(
            "{label:<10}  {from}  {to}  {:>6}  {:>8}  {:>6}  {:>7}  {:>5}  {:>11}  {change}",
            counts.total,
            counts.breaches,
            counts.by_level.minor,
            counts.by_level.serious,
            counts.by_level.gross,
            counts.near_misses
        );
        format!("{}\n", line.trim_end())
    };
    for quarter in &report.quarters {
        out.push_str(&row(
            &quarter.quarter.label,
            quarter.quarter.start,
            quarter.quarter.end,
            &quarter.counts,
            Some(&quarter.change),
        ));
    }
    out.push_str(&row("PERIOD", report.from, report.to, &report.totals, None));
    if let Some(first) = report.quarters.first() {
        let _ = writeln!(
            out,
            "The first quarter is compared with {}, which had {} record(s).",
            first.change.previous_quarter, first.change.previous_total
        );
    }
}

fn render_places(out: &mut String, report: &TrendReport, detail: TrendDetail) {
    let totals = &report.totals;
    let areas = busiest(&totals.by_business_area);
    let shown_areas = areas.len().min(detail.business_areas);
    let _ = writeln!(
        out,
        "\nBusiest business areas in the period ({shown_areas} of {}):",
        areas.len()
    );
    for (name, count) in areas.iter().take(shown_areas) {
        let _ = writeln!(
            out,
            "  {:<40}  {count:>7}  {:>6}",
            truncate(name, 40),
            share(*count, totals.total)
        );
    }
    let sites = busiest(&totals.by_site);
    let shown_sites = sites.len().min(detail.sites);
    let _ = writeln!(
        out,
        "\nBusiest sites in the period ({shown_sites} of {}; {} record(s) with no site):",
        sites.len(),
        totals.without_site
    );
    for (name, count) in sites.iter().take(shown_sites) {
        let _ = writeln!(
            out,
            "  {:<40}  {count:>7}  {:>6}",
            truncate(name, 40),
            share(*count, totals.total)
        );
    }
}

/// The record ids of a repeat individual that fit in `width` characters, the
/// rest counted.
fn record_ids(records: &[RecordRef], width: usize) -> String {
    let mut out = String::new();
    for (shown, record) in records.iter().enumerate() {
        let left = records.len() - shown;
        let more = if left > 1 {
            format!(", … +{} more", left - 1)
        } else {
            String::new()
        };
        let separator = if shown == 0 { "" } else { ", " };
        let fits = out.chars().count()
            + separator.len()
            + record.id.chars().count()
            + more.chars().count()
            <= width;
        if !fits && shown > 0 {
            let _ = write!(out, ", … +{left} more");
            return out;
        }
        out.push_str(separator);
        out.push_str(&record.id);
    }
    out
}

fn render_repeat_individuals(
    out: &mut String,
    report: &TrendReport,
    rule: Option<(u32, u32)>,
    detail: TrendDetail,
) {
    let found = &report.repeat_individuals;
    let rule = rule.map_or(String::new(), |(breaches, months)| {
        format!(": {breaches} or more breaches within {months} months")
    });
    if found.is_empty() {
        let _ = writeln!(out, "\nRepeat individuals{rule}: none");
        return;
    }
    let mut rows: Vec<&RepeatIndividual> = found.iter().collect();
    rows.sort_by(|a, b| {
        b.most_in_window
            .cmp(&a.most_in_window)
            .then_with(|| a.first_reached.cmp(&b.first_reached))
            .then_with(|| a.person.cmp(&b.person))
    });
    let shown = rows.len().min(detail.repeat_individuals);
    out.push('\n');
    out.push_str(&wrap_hanging(
        "",
        &format!(
            "Repeat individuals{rule} ({} found; {shown} shown, most breaches in a window first):",
            rows.len()
        ),
        "  ",
        LINE_WIDTH,
    ));
    let header = format!(
        "  {:<12}  {:<13}  {:>6}  {:>9}  {}",
        "PERSON",
        "FIRST REACHED",
        "WINDOW",
        "IN PERIOD",
        "RECORDS (from one window before the period)"
    );
    let _ = writeln!(out, "{header}");
    let ids_width = LINE_WIDTH.saturating_sub(2 + 12 + 2 + 13 + 2 + 6 + 2 + 9 + 2);
    for row in rows.iter().take(shown) {
        let _ = writeln!(
            out,
            "  {:<12}  {:<13}  {:>6}  {:>9}  {}",
            truncate(&row.person, 12),
            row.first_reached.to_string(),
            row.most_in_window,
            row.breaches_in_period,
            record_ids(&row.records, ids_width)
        );
    }
    if shown < rows.len() {
        let _ = writeln!(
            out,
            "  … and {} more (--json lists them all)",
            rows.len() - shown
        );
    }
    let _ = writeln!(
        out,
        "  WINDOW: most breaches inside one window ending in the period. IN PERIOD: breaches in the period."
    );
}

fn render_hotspots(out: &mut String, report: &TrendReport, rule: Option<u32>, detail: TrendDetail) {
    let found = &report.hotspots;
    let rule = rule.map_or(String::new(), |people| {
        format!(": breaches by {people} or more different people in one business area or site in a quarter")
    });
    if found.is_empty() {
        let _ = writeln!(out, "\nHotspots{rule}: none");
        return;
    }
    // The report lists hotspots by quarter; quarter labels sort in time order.
    let mut quarters: Vec<&str> = found.iter().map(|h| h.quarter.as_str()).collect();
    quarters.dedup();
    let shown = quarters.len().min(detail.hotspot_quarters);
    let latest = match shown {
        n if n == quarters.len() => String::new(),
        1 => "; the latest quarter shown".to_owned(),
        n => format!("; the latest {n} shown"),
    };
    out.push('\n');
    out.push_str(&wrap_hanging(
        "",
        &format!(
            "Hotspots{rule} ({} found in {} quarter(s){latest}):",
            found.len(),
            quarters.len()
        ),
        "  ",
        LINE_WIDTH,
    ));
    for quarter in quarters.iter().skip(quarters.len() - shown) {
        for (scope, title) in [
            (HotspotScope::BusinessArea, "business areas"),
            (HotspotScope::Site, "sites"),
        ] {
            let mut places: Vec<&spf_core::register::Hotspot> = found
                .iter()
                .filter(|h| h.quarter == *quarter && h.scope == scope)
                .collect();
            if places.is_empty() {
                continue;
            }
            let hidden = places.len().saturating_sub(detail.hotspot_places);
            if hidden > 0 {
                // Fewer than all: the ones with the most people.
                places.sort_by(|a, b| {
                    b.distinct_people
                        .cmp(&a.distinct_people)
                        .then_with(|| a.name.cmp(&b.name))
                });
                places.truncate(detail.hotspot_places);
            }
            let mut places: Vec<String> = places
                .iter()
                .map(|h| {
                    format!(
                        "{} ({} people, {} breaches)",
                        h.name, h.distinct_people, h.breaches
                    )
                })
                .collect();
            if hidden > 0 {
                places.push(format!("… and {hidden} more"));
            }
            out.push_str(&wrap_hanging(
                &format!("  {quarter:<10}  {title:<14}  "),
                &places.join(", "),
                &" ".repeat(2 + 10 + 2 + 14 + 2),
                LINE_WIDTH,
            ));
        }
    }
}

// ---------------------------------------------------------------------------
// SPF compliance returns
// ---------------------------------------------------------------------------

/// A readable name for a variation problem.
#[must_use]
pub const fn variation_problem_label(problem: VariationProblem) -> &'static str {
    match problem {
        VariationProblem::MissingAgreement => "no Accounting Officer agreement",
        VariationProblem::MissingAccountingOfficer => "the agreement names no Accounting Officer",
        VariationProblem::MissingAgreedOn => "the agreement has no date",
        VariationProblem::AgreedAfterReturn => "agreed after the return",
        VariationProblem::AgreementExpired => "the agreement has lapsed",
    }
}

/// A readable name for a gap.
#[must_use]
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
#[must_use]
pub fn render_compliance(answer: &ComplianceEvaluation) -> String {
    let mut out = String::new();
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

    if answer.invalid_variations.is_empty() {
        let _ = writeln!(out, "\nInvalid variations: none");
    } else {
        let _ = writeln!(
            out,
            "\nInvalid variations ({}): a variation must be agreed by the relevant Accounting Officer",
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
            let agreement = match (&variation.accounting_officer, variation.agreed_on) {
                (Some(officer), Some(on)) => Some(format!("{officer} on {on}")),
                (Some(officer), None) => Some(format!("{officer}, undated")),
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

    render_reasons(&mut out, &answer.reasons);
    out
}

// The README's Rust examples run as doctests, so the front page cannot drift from
// the library.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
