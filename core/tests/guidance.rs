//! The manager's guidance generated from the MoJ default: the committed
//! Markdown and HTML are what the library makes (rewrite them with
//! `SPF_BLESS_PAGES=1 cargo test -p spf-core --test guidance`), and reading the
//! guidance back finds every example of the policy's minor, serious and gross
//! lists with its level and its clause.

// Test code: helpers outside #[test] functions may unwrap and index.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use spf_core::guidance::{ChangeEntry, ChangeLine, ChangesSince, guidance};
use spf_core::{Basis, Policy, Source, StatementVariation, VariationRole};

const MARKDOWN: &str = "examples/guidance/moj-default.md";
const HTML: &str = "examples/guidance/moj-default.html";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn check_committed(relative: &str, made: &str) {
    let path = root().join(relative);
    if std::env::var_os("SPF_BLESS_PAGES").is_some() {
        std::fs::write(&path, made).unwrap();
    }
    let committed = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {relative} ({e}); run with SPF_BLESS_PAGES=1"));
    assert!(
        committed == made,
        "{relative} is not what the library makes for the MoJ default; review the change and rewrite it with SPF_BLESS_PAGES=1 cargo test -p spf-core --test guidance"
    );
}

#[test]
fn the_committed_markdown_is_what_the_library_makes() {
    check_committed(MARKDOWN, &guidance(&Policy::moj_default()).to_markdown());
}

#[test]
fn the_committed_html_is_what_the_library_makes() {
    check_committed(HTML, &guidance(&Policy::moj_default()).to_html());
}

/// Markdown's backslash escapes removed.
fn unescaped(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(ch) = chars.next() {
        if ch == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else {
            out.push(ch);
        }
    }
    out
}

/// The bullets of the Markdown, by their `##` and `###` headings.
fn bullets(markdown: &str) -> BTreeMap<(String, String), Vec<String>> {
    let mut by_heading: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    let (mut section, mut subsection) = (String::new(), String::new());
    for line in markdown.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            section = unescaped(heading);
            subsection.clear();
        } else if let Some(heading) = line.strip_prefix("### ") {
            subsection = unescaped(heading);
        } else if let Some(item) = line.strip_prefix("- ") {
            by_heading
                .entry((section.clone(), subsection.clone()))
                .or_default()
                .push(unescaped(item));
        }
    }
    by_heading
}

const LISTS: [(&str, &str); 3] = [
    ("minor", "Minor misconduct"),
    ("serious", "Serious misconduct"),
    ("gross", "Gross misconduct"),
];

#[test]
fn every_listed_example_of_the_policy_document_is_read_back_with_its_level_and_clause() {
    let policy = Policy::moj_default();
    let items = bullets(&guidance(&policy).to_markdown());
    let mut found = 0;
    for rule in &policy.breach.kinds {
        let Some((_, heading)) = LISTS.iter().find(|(list, _)| *list == rule.list.as_str()) else {
            continue;
        };
        let under = &items[&(
            "Listed examples and their levels".to_owned(),
            (*heading).to_owned(),
        )];
        let item = under
            .iter()
            .find(|item| item.starts_with(&rule.description))
            .unwrap_or_else(|| panic!("{} is not listed under {heading}", rule.kind));
        let level = format!("Level: {} misconduct.", rule.floor.as_str());
        let clause = format!(
            "Clause: {} (policy statement)",
            rule.source.citation.as_str()
        );
        assert!(item.contains(&level), "{item}\nlacks {level}");
        assert!(item.contains(&clause), "{item}\nlacks {clause}");
        found += 1;
    }
    // 4 minor, 11 serious, 4 gross examples in the MoJ default.
    assert_eq!(found, 19);
}

/// The policy text's own list items, as `docs/policy-coverage.md` quotes them
/// (one row per item, with the list it is in), independent of the library's
/// catalogue.
fn policy_text_examples() -> Vec<(String, &'static str)> {
    let coverage = std::fs::read_to_string(root().join("docs/policy-coverage.md")).unwrap();
    let mut examples = Vec::new();
    for line in coverage.lines() {
        for (list, heading) in LISTS {
            if line.contains(&format!("| SBP · {heading} · POLSBP006 |")) {
                let quoted = line.split('"').nth(1).unwrap();
                examples.push((quoted.to_owned(), list));
            }
        }
    }
    examples
}

#[test]
fn every_example_in_the_policy_text_is_in_the_guidance_at_its_level() {
    let items = bullets(&guidance(&Policy::moj_default()).to_markdown());
    let examples = policy_text_examples();
    assert_eq!(examples.len(), 18, "the policy text lists 18 examples");
    for (quoted, list) in examples {
        // The quotation up to its first comma or ellipsis: the coverage file
        // shortens long items, and the library tells one item apart in two
        // kinds ("including 'borrowing'…", "particularly Palace…").
        let opening = quoted
            .split([',', '…'])
            .next()
            .unwrap()
            .trim_end_matches('.');
        let heading = LISTS.iter().find(|(l, _)| *l == list).unwrap().1;
        let under = &items[&(
            "Listed examples and their levels".to_owned(),
            heading.to_owned(),
        )];
        let item = under
            .iter()
            .find(|item| item.starts_with(opening))
            .unwrap_or_else(|| panic!("“{quoted}” is not in the guidance under {heading}"));
        assert!(
            item.contains(&format!("Level: {list} misconduct.")),
            "{item}"
        );
        assert!(
            item.contains(&format!("Clause: POLSBP006, {list} misconduct list")),
            "{item}"
        );
    }
}

#[test]
fn the_html_lists_every_listed_example_with_its_level_and_clause() {
    let policy = Policy::moj_default();
    let page = guidance(&policy).to_html();
    let start = page.find("id=\"listed-examples\"").unwrap();
    let end = start + page[start..].find("</section>").unwrap();
    let section = &page[start..end];
    for rule in policy
        .breach
        .kinds
        .iter()
        .filter(|rule| LISTS.iter().any(|(list, _)| *list == rule.list.as_str()))
    {
        let description = rule.description.replace('\'', "&#39;");
        let item = section
            .lines()
            .find(|line| line.trim_start().starts_with(&format!("<li>{description}")))
            .unwrap_or_else(|| panic!("no list item for {}", rule.kind));
        assert!(item.contains(&format!("Level: {} misconduct.", rule.floor.as_str())));
        assert!(item.contains(&format!(
            "<span class=\"app-clause\">Clause: {} (policy statement)</span>",
            rule.source.citation.as_str()
        )));
    }
}

#[test]
fn a_tightened_floor_and_a_variation_are_what_the_guidance_says() {
    let mut policy = Policy::moj_default();
    let loss = policy
        .breach
        .kinds
        .iter_mut()
        .find(|rule| rule.kind.as_str() == "lossOfPass")
        .unwrap();
    loss.floor = spf_core::Level::Serious;
    policy.breach.flags.record_centrally = Source {
        citation: spf_core::Citation::new("POLSBP002"),
        basis: Basis::AgencyVariation,
        variation: Some(StatementVariation {
            by: "A. Officer".into(),
            role: VariationRole::AccountingOfficer,
            agreed_on: spf_core::Date::from_ymd(2026, 4, 1).unwrap(),
            reason: "recorded locally first".into(),
        }),
    };
    let text = guidance(&policy).to_markdown();
    assert!(text.contains(
        "- Loss of a building pass, ID card or other security card. Level: serious misconduct."
    ));
    assert!(text.contains("| `/breach/flags/recordCentrally` | POLSBP002 | A. Officer | 2026-04-01 | recorded locally first |"), "{text}");
    assert!(text.contains("(agency variation agreed by A. Officer, Accounting Officer, on 1 April 2026: recorded locally first)"));
    assert!(
        !guidance(&Policy::moj_default())
            .to_markdown()
            .contains("agency variation agreed by")
    );
}

#[test]
fn every_configurable_default_of_the_document_is_listed_as_the_organisations_choice() {
    let policy = Policy::moj_default();
    let json = policy.to_json_pretty();
    let defaults = json.matches("\"basis\": \"configurableDefault\"").count();
    assert!(defaults > 20, "{defaults}");
    let text = guidance(&policy).to_markdown();
    let section = text
        .split("\n## ")
        .find(|part| part.starts_with("Your organisation's choices"))
        .unwrap();
    let rows = section
        .lines()
        .filter(|line| line.starts_with("| `/"))
        .count();
    assert_eq!(rows, defaults);
    assert!(section.contains(&format!("these {defaults} values open")));
}

#[test]
fn changes_since_an_earlier_version_come_first_when_given() {
    let changes = ChangesSince {
        version: "2025.2".into(),
        entries: vec![ChangeEntry {
            summary: "22 input classes: `lossOfPass` with a previous warning, serious → minor"
                .into(),
            lines: vec![
                ChangeLine {
                    text: "The warning adds no level".into(),
                    pointer: "/breach/history/warningLevelSteps".into(),
                },
                ChangeLine {
                    text: "Reviewed by the policy owner".into(),
                    pointer: String::new(),
                },
            ],
        }],
    };
    let made = guidance(&Policy::moj_default()).with_changes(changes);
    let text = made.to_markdown();
    assert!(text.contains(
        "1. [Changes since version 2025.2](#changes-since-version-20252)\n2. [About this guidance]"
    ));
    assert!(text.contains("## Changes since version 2025.2\n"));
    assert!(
        text.contains(
            "### 22 input classes: `lossOfPass` with a previous warning, serious → minor\n"
        )
    );
    assert!(text.contains("- The warning adds no level (`/breach/history/warningLevelSteps`)\n- Reviewed by the policy owner\n"));
    assert!(text.find("## Changes since").unwrap() < text.find("## About this guidance").unwrap());
    let page = made.to_html();
    assert!(page.contains(
        "<li><a class=\"govuk-link\" href=\"#changes\">Changes since version 2025.2</a></li>"
    ));
    assert!(page.contains("<h3 class=\"govuk-heading-m\">22 input classes: <code class=\"app-code\">lossOfPass</code> with a previous warning, serious → minor</h3>"));
    assert!(page.contains("<li>The warning adds no level (<code class=\"app-code\">/<wbr>breach/<wbr>history/<wbr>warningLevelSteps</code>)</li>"));
    // Without changes, no such section.
    assert!(
        !guidance(&Policy::moj_default())
            .to_markdown()
            .contains("Changes since")
    );
}

#[test]
fn the_page_is_accessible_by_construction() {
    let page = guidance(&Policy::moj_default()).to_html();
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\""));
    assert_eq!(page.matches("<h1").count(), 1);
    assert_eq!(
        page.matches("<table").count(),
        page.matches("<caption").count()
    );
    assert!(!page.contains("<th class"), "a header cell without scope");
    // Self-contained: nothing loaded from elsewhere, no script.
    assert!(!page.contains("<script"));
    assert!(!page.contains("<link rel=\"stylesheet\""));
    assert!(!page.contains("http://") && !page.contains("https://"));
    // Headings never skip a level: h1, then h2s, h3s only under an h2.
    let mut last = 1;
    for (at, _) in page.match_indices("<h") {
        let level = page[at + 2..at + 3].parse::<u32>();
        if let Ok(level) = level {
            assert!(level <= last + 1, "h{level} after h{last}");
            last = level;
        }
    }
}

#[test]
fn text_from_the_document_is_escaped() {
    let mut policy = Policy::moj_default();
    policy.title = "<script>alert(1)</script> *bold*".into();
    let made = guidance(&policy);
    assert!(!made.to_html().contains("<script>"));
    assert!(
        made.to_markdown()
            .contains("\\<script\\>alert(1)\\</script\\> \\*bold\\*")
    );
}

/// `since`: the guidance of the HMPPS sample opens with what changed since the
/// MoJ default, one line for every group of changed decisions and every value
/// of the document, as the diff gives them; through the JSON operation too,
/// where an invalid earlier document is pointed at inside `since`.
#[test]
fn changes_since_an_earlier_version_come_from_the_diff() {
    use spf_core::{Engine, json, policy_change};
    let sample =
        std::fs::read_to_string(root().join("examples/data/policy-hmpps-local.json")).unwrap();
    let current = Engine::from_policy_json(&sample).unwrap();
    let earlier = Engine::moj_default();
    let diff = policy_change::diff(&earlier, &current);
    let changes = policy_change::changes_since(&diff);
    assert_eq!(changes.version, "2026.1");
    let lines: usize = changes.entries.iter().map(|entry| entry.lines.len()).sum();
    let groups =
        diff.breach.groups.len() + diff.information_risk.groups.len() + diff.sites.groups.len();
    assert_eq!(lines, groups + diff.document.len());
    assert!(groups > 0 && !diff.document.is_empty());
    let pointers: Vec<&str> = changes
        .entries
        .last()
        .unwrap()
        .lines
        .iter()
        .map(|line| line.pointer.as_str())
        .collect();
    let expected: Vec<&str> = diff
        .document
        .iter()
        .map(|change| change.pointer.as_str())
        .collect();
    assert_eq!(pointers, expected);

    let markdown = current.guidance().with_changes(changes).to_markdown();
    assert!(markdown.contains("## Changes since version 2026.1"));
    assert!(markdown.contains("(a policy statement tightened): POLSBP006"));
    assert!(markdown.contains("(`/breach/kinds/0/floor`)"));

    let request = format!(
        r#"{{"format":"markdown","since":{}}}"#,
        earlier.policy_json()
    );
    let answer: serde_json::Value =
        serde_json::from_str(&json::policy_guidance(&current, &request).unwrap()).unwrap();
    assert_eq!(answer["text"].as_str().unwrap(), markdown);
    let without: serde_json::Value =
        serde_json::from_str(&json::policy_guidance(&current, r#"{"format":"markdown"}"#).unwrap())
            .unwrap();
    assert!(
        !without["text"]
            .as_str()
            .unwrap()
            .contains("Changes since version")
    );

    let mut loosened: serde_json::Value = serde_json::from_str(&earlier.policy_json()).unwrap();
    loosened["counterTerrorism"]["ctPlanTests"][1]["dueAfterMonths"] = 36.into();
    loosened["counterTerrorism"]["ctPlanTests"][1]["overdueAfterMonths"] = 36.into();
    let request = format!(r#"{{"format":"html","since":{loosened}}}"#);
    let error = json::policy_guidance(&current, &request).unwrap_err();
    assert_eq!(error.code, spf_core::ErrorCode::PolicyWeakensStatement);
    assert!(
        error
            .path
            .starts_with("/since/counterTerrorism/ctPlanTests/1/"),
        "{}",
        error.path
    );
}
