//! `spf assurance` on the sample estate, returns and register: the library's
//! pack as JSON, the text report and the HTML page agreeing with it, the
//! committed sample page kept up to date, and bad inputs reported in place.

use spf_core::Engine;
use spf_core::assurance::{AssurancePack, AssurancePackRequest};
use spf_core::compliance::ComplianceReturn;
use spf_core::register::IncidentRecord;
use spf_core::site::ThreatLevel;

use crate::{INCIDENTS, SITES, root, sample_incidents, sample_sites, scratch, spf, text};

const RETURNS: &str = "examples/data/compliance-returns.json";
/// The sample page the example server shows; regenerate it with
/// `SPF_BLESS_PAGES=1 cargo test -p spf-cli --test cli assurance`.
const PAGE: &str = "examples/web/assurance.html";

fn args<'a>(
    sites: &'a str,
    returns: &'a str,
    register: &'a str,
    extra: &[&'a str],
) -> Vec<&'a str> {
    let mut args = vec![
        "assurance",
        "--sites",
        sites,
        "--returns",
        returns,
        "--register",
        register,
        "--threat",
        "substantial",
        "--as-of",
        "2026-11-30",
        "--from",
        "2025-04-01",
        "--to",
        "2026-03-31",
    ];
    args.extend_from_slice(extra);
    args
}

fn sample(extra: &[&str]) -> std::process::Output {
    spf(&args(SITES, RETURNS, INCIDENTS, extra))
}

#[test]
fn assurance_json_is_the_librarys_pack_on_the_sample_data() {
    let out = sample(&["--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let pack: AssurancePack = spf_core::json::parse(&text(&out.stdout)).unwrap();
    let returns: Vec<ComplianceReturn> =
        spf_core::json::parse(&std::fs::read_to_string(root().join(RETURNS)).unwrap()).unwrap();
    let records: Vec<IncidentRecord> = sample_incidents()
        .into_iter()
        .map(|record| serde_json::from_value(record).unwrap())
        .collect();
    let request = AssurancePackRequest {
        schema_version: None,
        as_of: "2026-11-30".parse().unwrap(),
        threat_level: ThreatLevel::Substantial,
        from: "2025-04-01".parse().unwrap(),
        to: "2026-03-31".parse().unwrap(),
        sites: sample_sites(),
        returns,
        records,
    };
    let expected = Engine::moj_default()
        .assurance_pack_request(&request)
        .unwrap();
    assert_eq!(pack, expected);
    // The sample has a business area of each kind the board should hear of.
    assert_eq!(pack.business_areas_without_return, ["CICA", "OPG"]);
    assert_eq!(pack.summary.returns_compliant, 1);
    assert!(pack.summary.variations_to_report > 0 && pack.summary.invalid_variations > 0);
}

#[test]
fn the_text_report_gives_the_summary_and_every_part() {
    let out = sample(&[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    // Long lines wrap: read the report as words.
    let words = report.split_whitespace().collect::<Vec<_>>().join(" ");
    for heading in [
        "Assurance pack for the Executive Management Board and the Permanent Secretary",
        "SUMMARY",
        "1. ESTATE COUNTER-TERRORISM COMPLIANCE",
        "2. SPF COMPLIANCE RETURNS",
        "3. VARIATIONS TO REPORT IN THE ANNUAL GOVERNANCE STATEMENT",
        "Invalid variations: on an element managed centrally, or not validly agreed",
        "4. BREACH TRENDS OF THE YEAR",
        "HOW THIS PACK WAS MADE",
    ] {
        assert!(report.contains(heading), "no {heading:?} in:\n{report}");
    }
    assert!(report.contains(
        "  Year:                   2025-04-01 to 2026-03-31 (breach trends over its whole quarters, 2025-04-01 to 2026-03-31)"
    ));
    for words_expected in [
        "no return from CICA, OPG",
        "LAA: Recruitment checks and national security vetting — Regional offices run their own pre-employment checks; not valid: managed centrally: not varied locally",
        "[policy statement] Counter-Terrorist Protection Policy, assurance",
        // The defaults behind the figures are named, the trends' too.
        "[configurable default] Counter-Terrorist Protection Policy (arranging compliance checking",
        "domain-facts gap 15 (repeat individual",
    ] {
        assert!(
            words.contains(words_expected),
            "no {words_expected:?} in:\n{report}"
        );
    }
}

#[test]
fn the_html_page_is_the_committed_sample_page() {
    let out = sample(&["--format", "html"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let page = text(&out.stdout);
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\""));
    assert!(page.contains(
        "<h1 class=\"govuk-heading-xl\">Assurance pack, 1 April 2025 to 31 March 2026</h1>"
    ));
    // Every table has a caption, every column header a scope.
    assert_eq!(
        page.matches("<table").count(),
        page.matches("<caption").count()
    );
    assert!(!page.contains("<th class"), "a header cell without scope");
    let path = root().join(PAGE);
    if std::env::var_os("SPF_BLESS_PAGES").is_some() {
        std::fs::write(&path, &page).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap();
    assert!(
        committed == page,
        "{PAGE} is not what `spf assurance --format html` makes on the sample data; regenerate it with SPF_BLESS_PAGES=1"
    );
}

#[test]
fn text_from_the_files_is_escaped_in_the_page() {
    let returns = scratch(
        "assurance-markup-returns.json",
        r#"[{"businessArea":"<script>alert(1)</script>","returnDate":"2026-03-31","elements":[]}]"#,
    );
    let out = spf(&args(
        SITES,
        returns.to_str().unwrap(),
        INCIDENTS,
        &["--format", "html"],
    ));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let page = text(&out.stdout);
    assert!(
        !page.contains("<script>"),
        "markup from a file reached the page"
    );
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn a_bad_site_return_or_record_is_reported_and_the_pack_made_from_the_rest() {
    let sites = scratch(
        "assurance-sites.json",
        r#"[{"id":"A","name":"Court","businessArea":"HMCTS","tier":"low","tierAssessed":"2026-01-05"},{"id":"B"}]"#,
    );
    let returns = scratch(
        "assurance-returns.json",
        r#"[{"businessArea":"HMCTS","returnDate":"2026-03-31","elements":[]},{"businessArea":"HMCTS","returnDate":"2026-03-31","elements":[]}]"#,
    );
    let register = scratch("assurance-register.jsonl", "not json\n");
    let out = spf(&args(
        sites.to_str().unwrap(),
        returns.to_str().unwrap(),
        register.to_str().unwrap(),
        &["--format", "json"],
    ));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let errors = text(&out.stderr);
    assert!(errors.contains("site 2 (`B`): missingField"), "{errors}");
    // Both returns are dated alike: the first in the list is kept.
    assert!(
        errors.contains("return 2 (`HMCTS`): duplicateEntry"),
        "{errors}"
    );
    assert!(errors.contains("(at /businessArea)"), "{errors}");
    assert!(errors.contains("line 1:"), "{errors}");
    let pack: AssurancePack = spf_core::json::parse(&text(&out.stdout)).unwrap();
    assert_eq!((pack.summary.sites, pack.summary.returns), (1, 1));
}

#[test]
fn a_year_that_ends_before_it_starts_is_a_usage_error() {
    let mut args = args(SITES, RETURNS, INCIDENTS, &[]);
    let to = args.iter().position(|a| *a == "--to").unwrap();
    args[to + 1] = "2024-01-01";
    let out = spf(&args);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--to 2024-01-01 is before --from 2025-04-01"));
}

#[test]
fn a_returns_file_that_is_one_return_says_it_wants_an_array() {
    let out = spf(&args(
        SITES,
        "examples/data/compliance-return.json",
        INCIDENTS,
        &[],
    ));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("is not a JSON array of compliance returns"),
        "{}",
        text(&out.stderr)
    );
}
