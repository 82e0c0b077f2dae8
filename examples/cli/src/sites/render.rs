//! The sites report for people: the header, the site table worst first, the
//! portfolio summary and the high-severity findings.
//!
//! Ordering a table is presentation, not policy: the statuses and dates are
//! the engine's, and "worst first" only sorts by them.

use std::fmt::Write as _;

use spf_core::site::{
    BaselineGap, ControlState, FindingCode, Obligation, PortfolioEntry, PortfolioReport,
    Requirement, ResponseLevel, Schedule, ScheduleStatus, Severity, SiteStatus, ThreatLevel,
};
use spf_core::{Date, Engine};

use super::AssessedSite;
use crate::render::{HEADER_INDENT, LINE_WIDTH, basis_label, truncate, wrap, wrap_hanging};
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
pub const fn obligation_label(obligation: Obligation) -> &'static str {
    match obligation {
        Obligation::CtPlanTest => "CT-plan test",
        Obligation::RiskAssessment => "risk assessment",
        Obligation::TierReassessment => "tier re-assessment",
        Obligation::ExceptionalReview => "EXCEPTIONAL review",
    }
}

/// The header of a sites report: the policy, the national threat level with its
/// definition, the response level it maps to, and the assessment date.
pub fn render_sites_header(engine: &Engine, threat: ThreatLevel, as_of: Date) -> String {
    let mut out = String::new();
    let policy = engine.policy_ref();
    let mapping = engine.response_level(threat);
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

/// The width of the site id column.
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
    let baseline = &counts.baseline;
    let _ = writeln!(
        out,
        "\n  {:<20}every required control in place {}, with gaps {}, not recorded {}",
        "Baseline controls:",
        baseline.all_required_in_place,
        baseline.required_gaps,
        baseline.not_recorded
    );
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
    baseline_gap_lines(&mut out, report, name_of);
    out
}

/// The required controls missing or unverified, as the report sorts them, and
/// how many recommended ones are.
fn baseline_gap_lines(
    out: &mut String,
    report: &PortfolioReport,
    name_of: &dyn Fn(&str) -> Option<String>,
) {
    let (required, recommended): (Vec<&BaselineGap>, Vec<&BaselineGap>) = report
        .baseline_gaps
        .iter()
        .partition(|gap| gap.requirement == Requirement::Required);
    if required.is_empty() {
        let _ = writeln!(out, "\nRequired controls missing or unverified: none");
    } else {
        let _ = writeln!(
            out,
            "\nRequired controls missing or unverified ({}):",
            required.len()
        );
    }
    for gap in required {
        let state = match gap.state {
            ControlState::Missing => "missing".to_owned(),
            ControlState::Unverified => gap
                .verified_on
                .map_or_else(|| "unverified".to_owned(), |d| format!("lapsed, {d}")),
        };
        let name = name_of(&gap.site_id).unwrap_or_default();
        let _ = writeln!(
            out,
            "  {:<ID_WIDTH$}  {:<22}  {:<19}  {}",
            truncate(&gap.site_id, ID_WIDTH),
            truncate(&gap.control, 22),
            state,
            truncate(&name, 60)
        );
    }
    if !recommended.is_empty() {
        let _ = writeln!(
            out,
            "  and {} recommended control(s) missing or unverified (in the JSON answer)",
            recommended.len()
        );
    }
}

/// For each site with high-severity findings (worst first), those findings with
/// their citations.
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
                &format!("[{}] {}", basis_label(finding.basis), finding.citation),
                "              ",
                LINE_WIDTH,
            ));
        }
    }
    out
}
