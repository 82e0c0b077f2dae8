//! The trend report for people: the header, the table of quarters with the
//! change on the quarter before, the busiest business areas and sites, the
//! repeat individuals and the hotspots, then the cited reasons.

use std::fmt::Write as _;

use spf_core::Date;
use spf_core::register::{
    Change, Counts, Decisions, Departures, HotspotScope, RecordRef, RejectedRecord,
    RepeatIndividual, TrendReport, TrendStep,
};

use crate::render::{
    LINE_WIDTH, month_name, render_reasons, render_record_lines, truncate, wrap_hanging,
};

/// A rejected line for a person: `line N: code: message (at /path)`, with the
/// line number from 1 and the path inside the line.
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
    for other in &mut error.also {
        if let Some(inside) = other
            .path
            .strip_prefix(&prefix)
            .filter(|inside| inside.is_empty() || inside.starts_with('/'))
        {
            other.path = inside.to_owned();
        }
    }
    render_record_lines(&format!("line {}: ", rejected.index + 1), &error)
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

/// The readable trend report: the header, the table of quarters with the
/// change on the quarter before, the busiest business areas and sites, the
/// repeat individuals and the hotspots, then the reasons with their citations.
/// `shown` names the register file. Rejected lines are not listed here (they
/// go to standard error); the header counts them.
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
            TrendStep::RecordedCentrally { .. } | TrendStep::Decisions { .. } => {}
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
        .and_then(month_name)
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
    render_decisions(&mut out, report);
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

/// The managers' decisions against the recommendations: per quarter and over
/// the period, then the kinds and business areas whose decisions depart,
/// most departures first.
fn render_decisions(out: &mut String, report: &TrendReport) {
    let totals = &report.totals.decisions;
    if totals.decided == 0 {
        let _ = writeln!(
            out,
            "\nDecisions against recommendations: no record in the period carries the manager's decision."
        );
        return;
    }
    let _ = writeln!(out, "\nDecisions against recommendations:");
    let header = format!(
        "{:<10}  {:>7}  {:>5}  {:>4}  {:>6}  {:>19}",
        "QUARTER", "DECIDED", "LOWER", "SAME", "HIGHER", "MEDIAN DAYS TO DECIDE"
    );
    let _ = writeln!(out, "{header}");
    let _ = writeln!(out, "{}", "-".repeat(header.chars().count()));
    let row = |label: &str, decisions: &Decisions| {
        let median = decisions
            .median_days_to_decision
            .map_or(String::new(), |days| days.to_string());
        let line = format!(
            "{label:<10}  {:>7}  {:>5}  {:>4}  {:>6}  {median:>21}",
            decisions.decided,
            decisions.departures.lower,
            decisions.departures.same,
            decisions.departures.higher,
        );
        format!("{}\n", line.trim_end())
    };
    for quarter in &report.quarters {
        out.push_str(&row(&quarter.quarter.label, &quarter.counts.decisions));
    }
    out.push_str(&row("PERIOD", totals));
    let departing = |departures: &Departures| departures.lower.saturating_add(departures.higher);
    let mut kinds: Vec<_> = totals
        .by_kind
        .iter()
        .filter(|(_, d)| departing(d) > 0)
        .collect();
    kinds.sort_by(|a, b| departing(b.1).cmp(&departing(a.1)).then(a.0.cmp(b.0)));
    let mut areas: Vec<_> = totals
        .by_business_area
        .iter()
        .filter(|(_, d)| departing(d) > 0)
        .collect();
    areas.sort_by(|a, b| departing(b.1).cmp(&departing(a.1)).then(a.0.cmp(b.0)));
    for (title, lines) in [
        (
            "Kinds whose decisions depart from the recommendation",
            kinds
                .iter()
                .map(|(kind, d)| (kind.as_str().to_owned(), **d))
                .collect::<Vec<_>>(),
        ),
        (
            "Business areas whose decisions depart from the recommendation",
            areas
                .iter()
                .map(|(area, d)| ((*area).clone(), **d))
                .collect::<Vec<_>>(),
        ),
    ] {
        let _ = writeln!(out, "{title} ({}):", lines.len());
        for (name, d) in lines {
            let _ = writeln!(
                out,
                "  {:<44} {} lower, {} as recommended, {} higher",
                truncate(&name, 44),
                d.lower,
                d.same,
                d.higher
            );
        }
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

#[cfg(test)]
mod tests {
    use spf_core::{ErrorCode, SpfError};

    use super::*;

    #[test]
    fn a_rejected_line_is_numbered_from_one_with_the_path_inside_it() {
        let rejected = RejectedRecord {
            index: 4,
            error: SpfError::new(
                ErrorCode::UnknownValue,
                "unknown variant `x`",
                "/records/4/kind",
            ),
        };
        assert_eq!(
            render_rejected_line(&rejected),
            "line 5: unknownValue: unknown variant `x` (at /kind)"
        );
    }
}
