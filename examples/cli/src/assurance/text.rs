//! The assurance pack as readable text: the header, the summary, then one
//! section per part (estate, returns, variations, breaches, each breach trend
//! with its own reasons) and the pack's reasons.

use std::fmt::Write as _;

use spf_core::Engine;
use spf_core::assurance::AssurancePack;

use super::{Names, Shown};
use crate::compliance::{gap_label, variation_problem_label};
use crate::render::{HEADER_INDENT, LINE_WIDTH, render_reasons, truncate, wrap_hanging};
use crate::sites::render_portfolio_summary;
use crate::trends::{TrendDetail, render_trends};

/// The whole report.
pub fn render(engine: &Engine, pack: &AssurancePack, names: &Names, shown: &Shown) -> String {
    let mut out = String::new();
    header(&mut out, pack, shown);
    summary(&mut out, pack);
    estate(&mut out, engine, pack, names);
    returns(&mut out, pack);
    variations(&mut out, pack);
    breaches(&mut out, pack, shown);
    let _ = write!(out, "\nHOW THIS PACK WAS MADE");
    render_reasons(&mut out, &pack.reasons);
    out
}

fn heading(out: &mut String, title: &str) {
    let _ = writeln!(out, "\n{title}\n{}", "-".repeat(title.len()));
}

fn header(out: &mut String, pack: &AssurancePack, shown: &Shown) {
    let _ = writeln!(
        out,
        "Assurance pack for the Executive Management Board and the Permanent Secretary"
    );
    let _ = writeln!(
        out,
        "  Policy:                 {} version {}",
        pack.policy.id, pack.policy.version
    );
    let _ = writeln!(
        out,
        "  Year:                   {} to {} (breach trends over its whole quarters, {} to {})",
        pack.from, pack.to, pack.breaches.from, pack.breaches.to
    );
    let _ = writeln!(
        out,
        "  Estate assessed on:     {} under threat level {}",
        pack.as_of,
        shown.threat.as_str().to_uppercase()
    );
    out.push_str(&wrap_hanging(
        "  Made from:              ",
        &format!(
            "{} (sites), {} (compliance returns), {} (incident register)",
            shown.sites, shown.returns, shown.register
        ),
        HEADER_INDENT,
        LINE_WIDTH,
    ));
}

fn summary(out: &mut String, pack: &AssurancePack) {
    let s = &pack.summary;
    heading(out, "SUMMARY");
    let rows = [
        (
            "Estate",
            format!(
                "{} site(s) assessed, {} rejected; {} with an obligation overdue or never done",
                s.sites, s.sites_rejected, s.sites_with_overdue_obligations
            ),
        ),
        (
            "Baseline controls",
            format!(
                "{} site(s) with every required control in place, {} with required gaps ({} control(s) missing or unverified), {} not recorded",
                s.sites_with_baseline_in_place,
                s.sites_with_required_gaps,
                s.required_control_gaps,
                s.sites_controls_not_recorded
            ),
        ),
        (
            "Compliance returns",
            format!(
                "{} evaluated, {} compliant, {} dated outside the year, {} rejected; {}",
                s.returns,
                s.returns_compliant,
                s.returns_outside_year,
                s.returns_rejected,
                if pack.business_areas_without_return.is_empty() {
                    "every business area running a site made one".to_owned()
                } else {
                    format!(
                        "no return from {}",
                        pack.business_areas_without_return.join(", ")
                    )
                }
            ),
        ),
        (
            "Governance Statement",
            format!(
                "{} variation(s) to report, {} invalid",
                s.variations_to_report, s.invalid_variations
            ),
        ),
        (
            "Breaches",
            format!(
                "{} in the year, {} near miss(es); {} repeat individual(s); {} hotspot(s)",
                s.breaches, s.near_misses, s.repeat_individuals, s.hotspots
            ),
        ),
    ];
    for (label, text) in rows {
        out.push_str(&wrap_hanging(
            &format!("  {label:<22}  "),
            &text,
            HEADER_INDENT,
            LINE_WIDTH,
        ));
    }
}

/// The portfolio summary, which lists the baseline gaps too.
fn estate(out: &mut String, engine: &Engine, pack: &AssurancePack, names: &Names) {
    heading(out, "1. ESTATE COUNTER-TERRORISM COMPLIANCE");
    let name_of = |id: &str| Some(names.site(id).to_owned());
    out.push_str(&render_portfolio_summary(engine, &pack.estate, &name_of));
}

fn returns(out: &mut String, pack: &AssurancePack) {
    heading(out, "2. SPF COMPLIANCE RETURNS");
    if pack.returns.is_empty() {
        let _ = writeln!(out, "No return could be evaluated.");
    } else {
        let _ = writeln!(
            out,
            "{:<28} {:<11}  {:<7}  {:<8}  {:<9}  {:>4}  {:>10}  {:>7}",
            "BUSINESS AREA",
            "RETURN",
            "IN YEAR",
            "COMPLETE",
            "COMPLIANT",
            "GAPS",
            "VARIATIONS",
            "INVALID"
        );
        let yes_no = |b: bool| if b { "yes" } else { "no" };
        for r in &pack.returns {
            let _ = writeln!(
                out,
                "{:<28} {:<11}  {:<7}  {:<8}  {:<9}  {:>4}  {:>10}  {:>7}",
                truncate(&r.business_area, 28),
                r.return_date.to_string(),
                yes_no(r.in_year),
                yes_no(r.complete),
                yes_no(r.compliant),
                r.gaps.len(),
                r.variations_to_report,
                r.invalid_variations
            );
        }
        for r in pack.returns.iter().filter(|r| !r.gaps.is_empty()) {
            let gaps: Vec<String> = r
                .gaps
                .iter()
                .map(|gap| format!("{} ({})", gap.title, gap_label(gap.status)))
                .collect();
            out.push_str(&wrap_hanging(
                &format!("  {} gaps: ", r.business_area),
                &gaps.join("; "),
                "      ",
                LINE_WIDTH,
            ));
        }
    }
    if !pack.business_areas_without_return.is_empty() {
        let _ = writeln!(
            out,
            "Business areas running sites that made no return: {}",
            pack.business_areas_without_return.join(", ")
        );
    }
}

fn variations(out: &mut String, pack: &AssurancePack) {
    heading(
        out,
        "3. VARIATIONS TO REPORT IN THE ANNUAL GOVERNANCE STATEMENT",
    );
    let _ = writeln!(out, "From the returns dated in the year.");
    if pack.variations_to_report.is_empty() {
        let _ = writeln!(out, "None.");
    }
    for entry in &pack.variations_to_report {
        let v = &entry.variation;
        out.push_str(&wrap_hanging(
            &format!("  {}: ", entry.business_area),
            &format!(
                "{} — {}; agreed by {} (Accounting Officer) on {}, review due {}",
                v.title, v.description, v.accounting_officer, v.agreed_on, v.review_due
            ),
            "      ",
            LINE_WIDTH,
        ));
    }
    let _ = writeln!(
        out,
        "\nInvalid variations: on an element managed centrally, or not validly agreed"
    );
    if pack.invalid_variations.is_empty() {
        let _ = writeln!(out, "None.");
    }
    for entry in &pack.invalid_variations {
        let v = &entry.variation;
        out.push_str(&wrap_hanging(
            &format!("  {}: ", entry.business_area),
            &format!(
                "{} — {}; not valid: {}",
                v.title,
                v.description,
                variation_problem_label(v.problem)
            ),
            "      ",
            LINE_WIDTH,
        ));
    }
}

fn breaches(out: &mut String, pack: &AssurancePack, shown: &Shown) {
    heading(out, "4. BREACH TRENDS OF THE YEAR");
    out.push_str(&render_trends(
        &pack.breaches,
        &shown.register,
        TrendDetail::FULL,
    ));
}
