//! Helpers shared by the command-line example (`examples/spf.rs`), the benchmarks
//! and the cross-surface tests: reading JSON Lines batches and site files, and
//! rendering answers for people. No policy logic lives here; every decision comes
//! from `spf-core`, and these functions only read, order and format its answers.

use std::fmt::Write as _;

use serde_json::value::RawValue;
use spf_core::coordination::{CoordinationAnswer, Coordinator};
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
    let _ = writeln!(out, "\nReasons:");
    for (number, reason) in answer.reasons.iter().enumerate() {
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
    out
}

// The README's Rust examples run as doctests, so the front page cannot drift from
// the library.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
