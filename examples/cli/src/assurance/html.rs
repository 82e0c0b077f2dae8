//! The assurance pack as a printable, accessible GOV.UK Frontend page: the
//! summary as a summary list, each part as its own section with captioned
//! tables, and how the pack was made with every citation. The page needs no
//! script; it links GOV.UK Frontend's stylesheet as the example pages do
//! (`govuk-frontend/govuk-frontend.min.css` beside it) and carries its own
//! print rules. Every text that comes from the input is escaped.

use std::fmt::Write as _;

use spf_core::Date;
use spf_core::assurance::AssurancePack;
use spf_core::register::HotspotScope;
use spf_core::site::{ControlState, Obligation, Requirement};

use super::{Names, Shown};
use crate::compliance::{gap_label, variation_problem_label};
use crate::render::{basis_label, explanation, month_name};
use crate::sites::obligation_label;

/// Escapes text for HTML content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// A date as GOV.UK writes it: `30 November 2026`.
fn long_date(date: Date) -> String {
    format!(
        "{} {} {}",
        date.day(),
        month_name(date.month()).unwrap_or(""),
        date.year()
    )
}

/// The first letter in capitals, for a label that starts a table row.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Print rules: no header links or skip link on paper, tables kept whole where
/// they fit, each part on its own page.
const PRINT_STYLE: &str = "@media print {
  .govuk-skip-link, .govuk-template__header { display: none; }
  .app-pack-part { break-before: page; }
  .govuk-table__row { break-inside: avoid; }
  a[href]::after { content: none; }
}
.app-pack-part { margin-top: 30px; }
/* A wide table scrolls inside its own region on a narrow screen; the page
   does not. */
.app-pack-table { overflow-x: auto; margin-bottom: 20px; }
.app-pack-table:focus { outline: 3px solid #ffdd00; }
@media print { .app-pack-table { overflow: visible; } }";

/// The page.
pub fn render(pack: &AssurancePack, names: &Names, shown: &Shown) -> String {
    let mut out = String::new();
    let title = format!(
        "Assurance pack, {} to {}",
        long_date(pack.from),
        long_date(pack.to)
    );
    let _ = write!(
        out,
        r##"<!DOCTYPE html>
<html lang="en-GB" class="govuk-template">
  <head>
    <meta charset="utf-8">
    <title>{title} – Protective security</title>
    <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="govuk-frontend/govuk-frontend.min.css">
    <style>
{PRINT_STYLE}
    </style>
  </head>
  <body class="govuk-template__body">
    <a href="#main-content" class="govuk-skip-link">Skip to main content</a>
    <header class="govuk-template__header">
      <div class="govuk-generic-header">
        <div class="govuk-generic-header__container govuk-width-container">
          <div class="govuk-generic-header__logo">
            <a href="./" class="govuk-generic-header__homepage-link">Ministry of Justice intranet</a>
          </div>
        </div>
      </div>
    </header>
    <div class="govuk-width-container">
      <main class="govuk-main-wrapper" id="main-content">
        <span class="govuk-caption-l">For the Executive Management Board and the Permanent Secretary</span>
        <h1 class="govuk-heading-xl">{title}</h1>
"##,
        title = escape(&title)
    );
    intro(&mut out, pack, shown);
    summary(&mut out, pack);
    estate(&mut out, pack, names);
    returns(&mut out, pack);
    variations(&mut out, pack);
    breaches(&mut out, pack, names);
    reasons(&mut out, pack);
    out.push_str("      </main>\n    </div>\n  </body>\n</html>\n");
    out
}

fn intro(out: &mut String, pack: &AssurancePack, shown: &Shown) {
    let _ = write!(
        out,
        r#"        <p class="govuk-body-l">The protective-security assurance of the year: the estate's counter-terrorism compliance, the business areas' SPF compliance returns and the variations to report in the annual Governance Statement, and the breach trends of the year.</p>
        <p class="govuk-body">The estate is assessed on {as_of} under national threat level {threat}. The year runs from {from} to {to}; the breach trends cover its whole quarters, {trends_from} to {trends_to}. Made under policy {policy} version {version} from {sites} (sites), {returns} (compliance returns) and {register} (incident register).</p>
"#,
        as_of = long_date(pack.as_of),
        threat = shown.threat.as_str().to_uppercase(),
        from = long_date(pack.from),
        to = long_date(pack.to),
        trends_from = long_date(pack.breaches.from),
        trends_to = long_date(pack.breaches.to),
        policy = escape(&pack.policy.id),
        version = escape(&pack.policy.version),
        sites = escape(&shown.sites),
        returns = escape(&shown.returns),
        register = escape(&shown.register),
    );
}

fn summary_row(out: &mut String, key: &str, value: &str) {
    let _ = write!(
        out,
        r#"          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{key}</dt>
            <dd class="govuk-summary-list__value">{value}</dd>
          </div>
"#
    );
}

/// `n` and its noun, singular for one.
fn count(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

fn summary(out: &mut String, pack: &AssurancePack) {
    let s = &pack.summary;
    let n = |v: usize| u64::try_from(v).unwrap_or(u64::MAX);
    out.push_str(
        "        <h2 class=\"govuk-heading-l\">Summary</h2>\n        <dl class=\"govuk-summary-list\">\n",
    );
    summary_row(
        out,
        "Estate",
        &format!(
            "{} assessed and {} that could not be; {} with an obligation overdue or never done",
            count(n(s.sites), "site", "sites"),
            count(n(s.sites_rejected), "record", "records"),
            s.sites_with_overdue_obligations
        ),
    );
    summary_row(
        out,
        "Baseline controls",
        &format!(
            "{} with every required control in place; {} with required controls missing or unverified ({}); {} recording no controls",
            count(n(s.sites_with_baseline_in_place), "site", "sites"),
            s.sites_with_required_gaps,
            count(n(s.required_control_gaps), "control", "controls"),
            s.sites_controls_not_recorded
        ),
    );
    let without = if pack.business_areas_without_return.is_empty() {
        "every business area running a site made one".to_owned()
    } else {
        format!(
            "no return from {}",
            escape(&pack.business_areas_without_return.join(", "))
        )
    };
    summary_row(
        out,
        "SPF compliance returns",
        &format!(
            "{} evaluated, {} compliant, {} dated outside the year, {} could not be read; {without}",
            count(n(s.returns), "return", "returns"),
            s.returns_compliant,
            s.returns_outside_year,
            s.returns_rejected
        ),
    );
    summary_row(
        out,
        "Governance Statement",
        &format!(
            "{} to report; {} not valid",
            count(n(s.variations_to_report), "variation", "variations"),
            s.invalid_variations
        ),
    );
    summary_row(
        out,
        "Breaches",
        &format!(
            "{} in the year and {}; {}; {}",
            count(s.breaches, "breach", "breaches"),
            count(s.near_misses, "near miss", "near misses"),
            count(
                n(s.repeat_individuals),
                "repeat individual",
                "repeat individuals"
            ),
            count(n(s.hotspots), "hotspot", "hotspots")
        ),
    );
    out.push_str("        </dl>\n");
}

/// A table: caption, header cells and rows of cells; the first cell of each row
/// is its header.
fn table(out: &mut String, caption: &str, headers: &[&str], rows: &[Vec<String>]) {
    let _ = write!(
        out,
        "        <div class=\"app-pack-table\" role=\"region\" aria-label=\"{caption}\" tabindex=\"0\">\n        <table class=\"govuk-table\">\n          <caption class=\"govuk-table__caption govuk-table__caption--m\">{caption}</caption>\n          <thead class=\"govuk-table__head\">\n            <tr class=\"govuk-table__row\">"
    );
    let numeric = |cell: &String| !cell.is_empty() && cell.bytes().all(|b| b.is_ascii_digit());
    for (column, header) in headers.iter().enumerate() {
        // A column of numbers is aligned right, its header with it.
        let class = if column > 0
            && !rows.is_empty()
            && rows.iter().all(|row| row.get(column).is_some_and(numeric))
        {
            "govuk-table__header govuk-table__header--numeric"
        } else {
            "govuk-table__header"
        };
        let _ = write!(out, "<th scope=\"col\" class=\"{class}\">{header}</th>");
    }
    out.push_str("</tr>\n          </thead>\n          <tbody class=\"govuk-table__body\">\n");
    for row in rows {
        out.push_str("            <tr class=\"govuk-table__row\">");
        for (i, cell) in row.iter().enumerate() {
            if i == 0 {
                let _ = write!(
                    out,
                    "<th scope=\"row\" class=\"govuk-table__header\">{cell}</th>"
                );
            } else if numeric(cell) {
                let _ = write!(
                    out,
                    "<td class=\"govuk-table__cell govuk-table__cell--numeric\">{cell}</td>"
                );
            } else {
                let _ = write!(out, "<td class=\"govuk-table__cell\">{cell}</td>");
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("          </tbody>\n        </table>\n        </div>\n");
}

/// [`table`], or when there are no rows the sentence `none` instead.
fn table_or(out: &mut String, caption: &str, headers: &[&str], rows: &[Vec<String>], none: &str) {
    if rows.is_empty() {
        let _ = writeln!(out, "        <p class=\"govuk-body\">{none}</p>");
    } else {
        table(out, caption, headers, rows);
    }
}

fn part(out: &mut String, id: &str, title: &str) {
    let _ = write!(
        out,
        "        <section class=\"app-pack-part\" aria-labelledby=\"{id}\">\n        <h2 class=\"govuk-heading-l\" id=\"{id}\">{title}</h2>\n"
    );
}

fn end_part(out: &mut String) {
    out.push_str("        </section>\n");
}

fn estate(out: &mut String, pack: &AssurancePack, names: &Names) {
    let estate = &pack.estate;
    let counts = &estate.counts;
    part(out, "estate", "1. Estate counter-terrorism compliance");
    let obligations = [
        (Obligation::CtPlanTest, &counts.ct_plan_test),
        (Obligation::RiskAssessment, &counts.risk_assessment),
        (Obligation::TierReassessment, &counts.tier_reassessment),
        (Obligation::ExceptionalReview, &counts.exceptional_review),
    ];
    let rows: Vec<Vec<String>> = obligations
        .iter()
        .map(|(obligation, c)| {
            vec![
                escape(&capitalised(obligation_label(*obligation))),
                c.ok.to_string(),
                c.due_soon.to_string(),
                c.due.to_string(),
                c.overdue.to_string(),
                c.never_done.to_string(),
            ]
        })
        .collect();
    table(
        out,
        &format!(
            "Recurring obligations of the estate ({})",
            count(
                u64::try_from(estate.sites).unwrap_or(u64::MAX),
                "site",
                "sites"
            )
        ),
        &[
            "Obligation",
            "In date",
            "Due soon",
            "Due",
            "Overdue",
            "Never done",
        ],
        &rows,
    );
    let overdue: Vec<Vec<String>> = estate
        .overdue
        .iter()
        .chain(&estate.never_done)
        .map(|entry| {
            vec![
                escape(&entry.site_id),
                escape(names.site(&entry.site_id)),
                escape(obligation_label(entry.obligation)),
                entry.date.map_or_else(
                    || "Never done".to_owned(),
                    |d| format!("Needed by {}", long_date(d)),
                ),
            ]
        })
        .collect();
    table_or(
        out,
        "Obligations overdue or never done",
        &["Site", "Name", "Obligation", "When"],
        &overdue,
        "No obligation is overdue or never done.",
    );
    let b = &counts.baseline;
    let _ = writeln!(
        out,
        "        <p class=\"govuk-body\">Baseline controls, by site: every required control in place and verified {}, required controls missing or unverified {}, no controls recorded (the baseline cannot be checked) {}.</p>",
        b.all_required_in_place, b.required_gaps, b.not_recorded
    );
    let gaps: Vec<Vec<String>> = estate
        .baseline_gaps
        .iter()
        .filter(|gap| gap.requirement == Requirement::Required)
        .map(|gap| {
            vec![
                escape(&gap.site_id),
                escape(names.site(&gap.site_id)),
                escape(names.control(&gap.control)),
                match (gap.state, gap.verified_on) {
                    (ControlState::Missing, _) => "Missing".to_owned(),
                    (ControlState::Unverified, Some(on)) => {
                        format!("Unverified since {}", long_date(on))
                    }
                    (ControlState::Unverified, None) => "Unverified".to_owned(),
                },
            ]
        })
        .collect();
    if !gaps.is_empty() {
        table(
            out,
            "Required controls missing or unverified",
            &["Site", "Name", "Control", "State"],
            &gaps,
        );
    }
    end_part(out);
}

fn returns(out: &mut String, pack: &AssurancePack) {
    part(out, "returns", "2. SPF compliance returns");
    let yes_no = |b: bool| if b { "Yes" } else { "No" }.to_owned();
    let rows: Vec<Vec<String>> = pack
        .returns
        .iter()
        .map(|r| {
            vec![
                escape(&r.business_area),
                long_date(r.return_date),
                yes_no(r.in_year),
                yes_no(r.complete),
                yes_no(r.compliant),
                r.gaps.len().to_string(),
                r.variations_to_report.to_string(),
                r.invalid_variations.to_string(),
            ]
        })
        .collect();
    table_or(
        out,
        "Returns by business area",
        &[
            "Business area",
            "Return date",
            "In the year",
            "Complete",
            "Compliant",
            "Gaps",
            "Variations to report",
            "Invalid variations",
        ],
        &rows,
        "No return could be evaluated.",
    );
    for r in pack.returns.iter().filter(|r| !r.gaps.is_empty()) {
        let _ = write!(
            out,
            "        <h3 class=\"govuk-heading-s\">{} gaps</h3>\n        <ul class=\"govuk-list govuk-list--bullet\">\n",
            escape(&r.business_area)
        );
        for gap in &r.gaps {
            let _ = writeln!(
                out,
                "          <li>{}: {}</li>",
                escape(&capitalised(&gap.title)),
                gap_label(gap.status)
            );
        }
        out.push_str("        </ul>\n");
    }
    if !pack.business_areas_without_return.is_empty() {
        let _ = writeln!(
            out,
            "        <div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>No return from business areas that run sites: {}.</strong></div>",
            escape(&pack.business_areas_without_return.join(", "))
        );
    }
    end_part(out);
}

fn variations(out: &mut String, pack: &AssurancePack) {
    part(
        out,
        "variations",
        "3. Variations to report in the annual Governance Statement",
    );
    let rows: Vec<Vec<String>> = pack
        .variations_to_report
        .iter()
        .map(|entry| {
            let v = &entry.variation;
            vec![
                escape(&entry.business_area),
                escape(&v.title),
                escape(&v.description),
                format!(
                    "{} (Accounting Officer) on {}",
                    escape(&v.accounting_officer),
                    long_date(v.agreed_on)
                ),
                long_date(v.review_due),
            ]
        })
        .collect();
    table_or(
        out,
        "Variations agreed by the Accounting Officer",
        &[
            "Business area",
            "Element",
            "Variation",
            "Agreed by",
            "Review due",
        ],
        &rows,
        "No variation to report.",
    );
    let invalid: Vec<Vec<String>> = pack
        .invalid_variations
        .iter()
        .map(|entry| {
            let v = &entry.variation;
            vec![
                escape(&entry.business_area),
                escape(&v.title),
                escape(&v.description),
                escape(variation_problem_label(v.problem)),
            ]
        })
        .collect();
    table_or(
        out,
        "Invalid variations: on an element managed centrally, or not validly agreed",
        &[
            "Business area",
            "Element",
            "Variation",
            "Why it is not valid",
        ],
        &invalid,
        "No invalid variation.",
    );
    end_part(out);
}

fn breaches(out: &mut String, pack: &AssurancePack, names: &Names) {
    let report = &pack.breaches;
    part(out, "breaches", "4. Breach trends of the year");
    let rows: Vec<Vec<String>> = report
        .quarters
        .iter()
        .map(|q| {
            let c = &q.counts;
            vec![
                escape(&q.quarter.label),
                c.breaches.to_string(),
                c.by_level.minor.to_string(),
                c.by_level.serious.to_string(),
                c.by_level.gross.to_string(),
                c.near_misses.to_string(),
            ]
        })
        .collect();
    table(
        out,
        "Breaches by quarter and recommended level",
        &[
            "Quarter",
            "Breaches",
            "Minor",
            "Serious",
            "Gross",
            "Near misses",
        ],
        &rows,
    );
    let repeats: Vec<Vec<String>> = report
        .repeat_individuals
        .iter()
        .map(|r| {
            vec![
                escape(&r.person),
                r.breaches_in_period.to_string(),
                r.most_in_window.to_string(),
                long_date(r.first_reached),
            ]
        })
        .collect();
    table_or(
        out,
        "Repeat individuals (by person reference)",
        &[
            "Person",
            "Breaches in the year",
            "Most within the window",
            "First reached",
        ],
        &repeats,
        "No repeat individual.",
    );
    let hotspots: Vec<Vec<String>> = report
        .hotspots
        .iter()
        .map(|h| {
            let place = match h.scope {
                HotspotScope::BusinessArea => format!("{} (business area)", escape(&h.name)),
                HotspotScope::Site => {
                    format!("{} (site {})", escape(names.site(&h.name)), escape(&h.name))
                }
            };
            vec![
                escape(&h.quarter),
                place,
                h.distinct_people.to_string(),
                h.breaches.to_string(),
            ]
        })
        .collect();
    table_or(
        out,
        "Hotspots",
        &["Quarter", "Where", "People", "Breaches"],
        &hotspots,
        "No hotspot.",
    );
    end_part(out);
}

fn reasons(out: &mut String, pack: &AssurancePack) {
    part(out, "reasons", "How this pack was made");
    out.push_str("        <ol class=\"govuk-list govuk-list--number\">\n");
    for reason in &pack.reasons {
        let _ = writeln!(
            out,
            "          <li>{}. <span class=\"govuk-body-s\">{}: {}</span></li>",
            escape(&explanation(&reason.step)),
            basis_label(reason.basis),
            escape(reason.citation.as_str())
        );
    }
    out.push_str("        </ol>\n");
    out.push_str("        <p class=\"govuk-body\">The estate is the library's portfolio answer and the breach trends its trend report, each as the library gives it on the same files; each return is the library's evaluation of it, summarised. Each reason above cites every rule its figures rest on, and says whether the policy states it or it is a configurable default.</p>\n");
    end_part(out);
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn input_text_cannot_become_markup() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }
}
