//! `docs/policy-coverage.md`, the table of every normative statement of the two
//! policy texts and how the library implements it, checked against the library
//! itself:
//!
//! 1. every identifier in the Implementation column exists: a rule id is one of
//!    the `rule` values a step type can produce (read from the step types
//!    themselves, and cross-checked against every reason in the golden corpus's
//!    answers); a `/`-pointer resolves in the MoJ default policy document; any
//!    other name is a finding code, breach kind, operation, flag, SPF area or
//!    element, control id of the MoJ default, or error code;
//! 2. every source of the MoJ default policy (every object with a `basis`) is in
//!    the document's sources table by its citation text, with the same basis,
//!    and every citation there is a source of the default;
//! 3. the counts at the top match the rows.
//!
//! Nothing is listed here by hand but the step types: a new identifier, source
//! or row is picked up from the library or the document.

// Test code: helpers outside #[test] functions may unwrap and index.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::Value;
use spf_core::assurance::AssuranceStep;
use spf_core::case::{CaseEventKind, CaseFindingCode, CaseStep};
use spf_core::clearance::{ClearanceFindingCode, ClearanceStep};
use spf_core::compliance::{ComplianceStep, SpfArea, SpfElement};
use spf_core::coordination::CoordinationStep;
use spf_core::json::OPERATIONS;
use spf_core::register::TrendStep;
use spf_core::site::{FindingCode, SiteStep, ThreatChangeStep};
use spf_core::third_party::{OutOfScopeCode, ThirdPartyFindingCode, ThirdPartyStep};
use spf_core::{BreachKind, BreachStep, Engine, ErrorCode, Flags, Policy, Step};

/// The statuses a row may have, as the document spells them.
const STATUSES: [&str; 4] = ["implemented", "partly", "not implemented", "out of scope"];

/// The document's sections, by their `## ` headings.
const COUNTS: &str = "Counts";
const SBP: &str = "Security Breach Policy";
const CSP: &str = "Corporate Security Policy";
const SOURCES: &str = "Sources in the MoJ default policy";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn document() -> String {
    let path = workspace().join("docs/policy-coverage.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

// ---------------------------------------------------------------------------
// What the library has.

/// An error type that keeps the variant list serde reports for an unknown
/// variant: deserializing a step whose `rule` is no rule yields every rule id
/// of that step type, straight from its serde names.
#[derive(Debug)]
struct KnownVariants(Option<&'static [&'static str]>);

impl fmt::Display for KnownVariants {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

impl std::error::Error for KnownVariants {}

impl serde::de::Error for KnownVariants {
    fn custom<T: fmt::Display>(_: T) -> Self {
        KnownVariants(None)
    }

    fn unknown_variant(_: &str, expected: &'static [&'static str]) -> Self {
        KnownVariants(Some(expected))
    }
}

/// Every rule id a step type can produce.
fn rule_ids_of<S: Step>() -> Vec<&'static str> {
    let not_a_rule = std::iter::once(("rule", "\u{0}not a rule"));
    let deserializer = serde::de::value::MapDeserializer::<_, KnownVariants>::new(not_a_rule);
    match S::deserialize(deserializer) {
        Err(KnownVariants(Some(ids))) if !ids.is_empty() => ids.to_vec(),
        _ => panic!(
            "could not read the rule ids of {}: it should reject an unknown `rule` and list the known ones",
            std::any::type_name::<S>()
        ),
    }
}

/// Every rule id of every step type: the `rule` values answers can carry.
fn step_rule_ids() -> BTreeSet<&'static str> {
    [
        rule_ids_of::<BreachStep>(),
        rule_ids_of::<SiteStep>(),
        rule_ids_of::<ComplianceStep>(),
        rule_ids_of::<TrendStep>(),
        rule_ids_of::<CoordinationStep>(),
        rule_ids_of::<ThreatChangeStep>(),
        rule_ids_of::<AssuranceStep>(),
        rule_ids_of::<CaseStep>(),
        rule_ids_of::<ClearanceStep>(),
        rule_ids_of::<ThirdPartyStep>(),
    ]
    .concat()
    .into_iter()
    .collect()
}

/// A source object of the MoJ default policy document.
struct PolicySource {
    pointer: String,
    citation: String,
    basis: String,
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn collect_sources(value: &Value, pointer: &str, out: &mut Vec<PolicySource>) {
    match value {
        Value::Object(map) => {
            if let (Some(Value::String(citation)), Some(Value::String(basis))) =
                (map.get("citation"), map.get("basis"))
            {
                out.push(PolicySource {
                    pointer: pointer.to_owned(),
                    citation: citation.clone(),
                    basis: basis.clone(),
                });
            }
            for (key, child) in map {
                collect_sources(child, &format!("{pointer}/{}", escape(key)), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                collect_sources(child, &format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// The identifiers the document may name, taken from the library.
struct Library {
    rule_ids: BTreeSet<&'static str>,
    /// Every other name, with what it is (a name may be two things).
    names: BTreeMap<String, BTreeSet<&'static str>>,
    /// The MoJ default policy document as JSON.
    policy: Value,
    sources: Vec<PolicySource>,
}

impl Library {
    fn new() -> Self {
        let policy: Value = serde_json::from_str(&Policy::moj_default().to_json_pretty()).unwrap();
        let mut sources = Vec::new();
        collect_sources(&policy, "", &mut sources);

        let mut names: BTreeMap<String, BTreeSet<&'static str>> = BTreeMap::new();
        let mut add = |name: &str, what: &'static str| {
            names.entry(name.to_owned()).or_default().insert(what);
        };
        for code in FindingCode::ALL {
            add(code.as_str(), "finding code");
        }
        for code in ClearanceFindingCode::ALL {
            add(code.as_str(), "finding code");
        }
        for code in ThirdPartyFindingCode::ALL {
            add(code.as_str(), "third-party finding code");
        }
        for code in [
            OutOfScopeCode::NoMarkedOrBusinessCriticalInformation,
            OutOfScopeCode::NoUnsupervisedAccess,
        ] {
            add(code.as_str(), "third-party out-of-scope code");
        }
        for kind in BreachKind::ALL {
            add(kind.as_str(), "breach kind");
        }
        for code in CaseFindingCode::ALL {
            add(code.as_str(), "case finding code");
        }
        for event in CaseEventKind::ALL {
            add(event.as_str(), "case event");
        }
        for operation in OPERATIONS {
            add(operation.name, "operation");
        }
        for area in SpfArea::ALL {
            add(area.as_str(), "SPF area");
        }
        for element in SpfElement::ALL {
            add(element.as_str(), "SPF element");
        }
        for code in ErrorCode::ALL {
            add(code.as_str(), "error code");
        }
        let flags = serde_json::to_value(Flags::default()).unwrap();
        for flag in flags.as_object().unwrap().keys() {
            add(flag, "flag");
        }
        let controls = policy
            .pointer("/counterTerrorism/controls")
            .and_then(Value::as_array)
            .expect("the MoJ default has a control catalogue");
        for control in controls {
            add(control["id"].as_str().unwrap(), "control id");
        }

        Self {
            rule_ids: step_rule_ids(),
            names,
            policy,
            sources,
        }
    }

    /// Why `identifier` is not one of the library's, if it is not.
    fn unknown(&self, identifier: &str) -> Option<String> {
        if identifier.starts_with('/') {
            return self.policy.pointer(identifier).is_none().then(|| {
                format!(
                    "policy path `{identifier}` does not resolve in the MoJ default policy document"
                )
            });
        }
        if identifier.contains('.') {
            return (!self.rule_ids.contains(identifier)).then(|| {
                format!(
                    "rule id `{identifier}` is not a rule of any step type (known: {})",
                    join(&self.rule_ids)
                )
            });
        }
        (!self.names.contains_key(identifier)).then(|| {
            format!(
                "`{identifier}` is not a finding code, case finding code or event, breach kind, operation, flag, SPF area or element, control id or error code"
            )
        })
    }
}

fn join<'a>(items: impl IntoIterator<Item = &'a &'a str>) -> String {
    items.into_iter().copied().collect::<Vec<_>>().join(", ")
}

// ---------------------------------------------------------------------------
// What the document says.

/// One statement row.
struct Row {
    line: usize,
    id: String,
    statement: String,
    source: String,
    status: String,
    implementation: String,
}

/// One entry of the sources table.
struct SourceEntry {
    line: usize,
    citation: String,
    basis: String,
    rows: Vec<String>,
}

#[derive(Default)]
struct Document {
    rows: Vec<Row>,
    /// The counts table: (label, count, line).
    counts: Vec<(String, usize, usize)>,
    sources: Vec<SourceEntry>,
    /// Problems found while reading.
    problems: Vec<String>,
}

fn cells(line: &str) -> Vec<String> {
    let inner = line.trim();
    let inner = inner.strip_prefix('|').unwrap_or(inner);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').map(|c| c.trim().to_owned()).collect()
}

/// The backticked spans of a cell.
fn spans(cell: &str) -> Result<Vec<&str>, String> {
    let pieces: Vec<&str> = cell.split('`').collect();
    if pieces.len() % 2 == 0 {
        return Err("an unmatched backtick".to_owned());
    }
    let spans: Vec<&str> = pieces.iter().skip(1).step_by(2).copied().collect();
    if spans.iter().any(|s| s.trim().is_empty()) {
        return Err("an empty backticked span".to_owned());
    }
    Ok(spans)
}

/// A row id, `SBP-n` or `CSP-n`: its document prefix.
fn row_prefix(id: &str) -> Option<&'static str> {
    let (prefix, number) = id.split_once('-')?;
    let prefix = ["SBP", "CSP"].into_iter().find(|p| *p == prefix)?;
    let digits = !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit());
    (digits && !number.starts_with('0')).then_some(prefix)
}

/// Every row id the text names (`SBP-12`, `CSP-40`).
fn row_ids_in(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|word| row_prefix(word).is_some())
        .map(str::to_owned)
        .collect()
}

fn is_table_rule(cells: &[String]) -> bool {
    cells
        .iter()
        .all(|c| !c.is_empty() && c.chars().all(|ch| ch == '-' || ch == ':'))
}

fn parse(text: &str) -> Document {
    let mut doc = Document::default();
    let mut section = String::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if let Some(heading) = line.strip_prefix("## ") {
            section = heading.trim().to_owned();
            continue;
        }
        if !line.trim_start().starts_with('|') {
            continue;
        }
        let cells = cells(line);
        if is_table_rule(&cells) {
            continue;
        }
        match section.as_str() {
            COUNTS => {
                if let [label, count] = cells.as_slice() {
                    if let Ok(count) = count.parse::<usize>() {
                        doc.counts.push((label.clone(), count, number));
                    }
                }
            }
            SBP | CSP => {
                if cells.first().is_some_and(|c| c == "Id") {
                    continue;
                }
                let [id, statement, source, status, implementation] = cells.as_slice() else {
                    doc.problems.push(format!(
                        "line {number}: a statement row needs 5 cells (Id, Statement, Source, Status, Implementation), found {}",
                        cells.len()
                    ));
                    continue;
                };
                let expected = if section == SBP { "SBP" } else { "CSP" };
                if row_prefix(id) != Some(expected) {
                    doc.problems.push(format!(
                        "line {number}: `{id}` is not a row id of this section ({expected}-n)"
                    ));
                }
                doc.rows.push(Row {
                    line: number,
                    id: id.clone(),
                    statement: statement.clone(),
                    source: source.clone(),
                    status: status.clone(),
                    implementation: implementation.clone(),
                });
            }
            SOURCES => {
                if cells.first().is_some_and(|c| c == "Citation") {
                    continue;
                }
                let [citation, basis, rows, _note] = cells.as_slice() else {
                    doc.problems.push(format!(
                        "line {number}: a sources row needs 4 cells (Citation, Basis, Rows, Note), found {}",
                        cells.len()
                    ));
                    continue;
                };
                let Some(citation) = citation
                    .strip_prefix('`')
                    .and_then(|c| c.strip_suffix('`'))
                    .filter(|c| !c.contains('`'))
                else {
                    doc.problems.push(format!(
                        "line {number}: the citation must be one backticked text"
                    ));
                    continue;
                };
                doc.sources.push(SourceEntry {
                    line: number,
                    citation: citation.to_owned(),
                    basis: basis.clone(),
                    rows: row_ids_in(rows),
                });
            }
            _ => {}
        }
    }
    doc
}

// ---------------------------------------------------------------------------
// The checks.

fn check(doc: &Document, library: &Library) -> Vec<String> {
    let mut problems = doc.problems.clone();
    check_rows(doc, library, &mut problems);
    check_counts(doc, &mut problems);
    check_sources(doc, library, &mut problems);
    problems
}

fn check_rows(doc: &Document, library: &Library, problems: &mut Vec<String>) {
    let mut seen = BTreeSet::new();
    for row in &doc.rows {
        let at = format!("line {} ({})", row.line, row.id);
        if !seen.insert(row.id.as_str()) {
            problems.push(format!("{at}: the row id is used twice"));
        }
        let quoted = row.statement.len() > 2
            && row.statement.starts_with('"')
            && row.statement.ends_with('"');
        if !quoted {
            problems.push(format!("{at}: the statement must be a quotation"));
        }
        let prefix = row_prefix(&row.id).unwrap_or("?");
        if !row.source.starts_with(&format!("{prefix} · ")) {
            problems.push(format!(
                "{at}: the source must start with its document, `{prefix} · `"
            ));
        }
        if !STATUSES.contains(&row.status.as_str()) {
            problems.push(format!(
                "{at}: status `{}` is not one of {}",
                row.status,
                STATUSES.join(", ")
            ));
        }
        if row.implementation.trim().is_empty() {
            problems.push(format!("{at}: the implementation (or the reason) is empty"));
        }
        match spans(&row.implementation) {
            Err(e) => problems.push(format!("{at}: the implementation has {e}")),
            Ok(identifiers) => {
                if identifiers.is_empty() && matches!(row.status.as_str(), "implemented" | "partly")
                {
                    problems.push(format!(
                        "{at}: an {} row must name the library identifiers that implement it",
                        row.status
                    ));
                }
                for identifier in identifiers {
                    if let Some(why) = library.unknown(identifier) {
                        problems.push(format!("{at}: {why}"));
                    }
                }
            }
        }
    }
}

fn check_counts(doc: &Document, problems: &mut Vec<String>) {
    let mut actual: Vec<(&str, usize)> = vec![("statements", doc.rows.len())];
    for status in STATUSES {
        actual.push((
            status,
            doc.rows.iter().filter(|r| r.status == status).count(),
        ));
    }
    for (label, rows) in actual {
        let stated: Vec<_> = doc.counts.iter().filter(|(l, _, _)| l == label).collect();
        match stated.as_slice() {
            [] => problems.push(format!("the counts table has no `{label}` line")),
            [(_, count, line)] => {
                if *count != rows {
                    problems.push(format!(
                        "line {line}: the counts say {count} {label}, the rows give {rows}"
                    ));
                }
            }
            _ => problems.push(format!("the counts table has `{label}` more than once")),
        }
    }
    for (label, _, line) in &doc.counts {
        if label != "statements" && !STATUSES.contains(&label.as_str()) {
            problems.push(format!("line {line}: `{label}` is not a status"));
        }
    }
}

fn check_sources(doc: &Document, library: &Library, problems: &mut Vec<String>) {
    // Every source of the default is in the table, by citation.
    let listed: BTreeMap<&str, &SourceEntry> = doc
        .sources
        .iter()
        .map(|entry| (entry.citation.as_str(), entry))
        .collect();
    let mut missing: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
    for source in &library.sources {
        if !listed.contains_key(source.citation.as_str()) {
            missing
                .entry((source.basis.as_str(), source.citation.as_str()))
                .or_default()
                .push(source.pointer.as_str());
        }
    }
    for ((basis, citation), pointers) in missing {
        problems.push(format!(
            "the MoJ default policy's {basis} source `{citation}` (at {}) is not in the sources table",
            pointers.join(", ")
        ));
    }

    // Every entry is a source of the default, with its basis, serving real rows.
    let rows: BTreeSet<&str> = doc.rows.iter().map(|r| r.id.as_str()).collect();
    let mut seen = BTreeSet::new();
    for entry in &doc.sources {
        let at = format!("line {} (`{}`)", entry.line, entry.citation);
        if !seen.insert(entry.citation.as_str()) {
            problems.push(format!("{at}: the citation is listed twice"));
        }
        let bases: BTreeSet<&str> = library
            .sources
            .iter()
            .filter(|s| s.citation == entry.citation)
            .map(|s| s.basis.as_str())
            .collect();
        if bases.is_empty() {
            problems.push(format!(
                "{at}: no source of the MoJ default policy has this citation"
            ));
        } else if !bases.contains(entry.basis.as_str()) {
            problems.push(format!(
                "{at}: the basis is `{}` here but {} in the MoJ default policy",
                entry.basis,
                join(&bases)
            ));
        }
        for row in &entry.rows {
            if !rows.contains(row.as_str()) {
                problems.push(format!("{at}: row {row} does not exist"));
            }
        }
    }

    // Every POLSBP statement the default cites is the source of some row.
    let row_sources: String = doc
        .rows
        .iter()
        .map(|r| r.source.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let mut polsbp = BTreeSet::new();
    for source in &library.sources {
        let text = source.citation.as_str();
        for (start, _) in text.match_indices("POLSBP") {
            let id: String = text[start..]
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            polsbp.insert(id);
        }
    }
    for id in polsbp {
        if !row_sources.contains(&id) {
            problems.push(format!(
                "the MoJ default policy cites {id}, but no row gives it as its source"
            ));
        }
    }
}

// ---------------------------------------------------------------------------
// The tests.

#[test]
fn the_coverage_document_matches_the_library() {
    let library = Library::new();
    let doc = parse(&document());
    assert!(
        doc.rows.len() > 100,
        "only {} rows were read from docs/policy-coverage.md",
        doc.rows.len()
    );
    assert!(
        library.sources.iter().any(|s| s.basis == "policyStatement"),
        "the MoJ default policy has no policy-statement sources"
    );
    let problems = check(&doc, &library);
    assert!(
        problems.is_empty(),
        "docs/policy-coverage.md does not match the library:\n  {}",
        problems.join("\n  ")
    );
}

/// The rule ids come from the step types named in `step_rule_ids`; every reason
/// in the golden corpus's answers must carry one of them, so a step type left
/// out there (or a new one) fails here.
#[test]
fn every_rule_in_the_corpus_answers_is_a_known_rule_id() {
    fn rules_in(value: &Value, out: &mut BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                if let (Some(Value::String(rule)), true) =
                    (map.get("rule"), map.contains_key("citation"))
                {
                    out.insert(rule.clone());
                }
                map.values().for_each(|v| rules_in(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| rules_in(v, out)),
            _ => {}
        }
    }

    let engine = Engine::moj_default();
    let known = step_rule_ids();
    let mut found = BTreeSet::new();
    let mut requests = 0;
    for operation in OPERATIONS {
        let dir = workspace().join("tests/corpus").join(operation.name);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if !path.to_string_lossy().ends_with(".request.json") {
                continue;
            }
            requests += 1;
            let request = std::fs::read_to_string(&path).unwrap();
            if let Ok(answer) = operation.answer(&engine, &request) {
                rules_in(&serde_json::from_str(&answer).unwrap(), &mut found);
            }
        }
    }
    assert!(requests > 10, "only {requests} corpus requests were found");
    assert!(
        found.len() > 10,
        "only {} rules in the corpus answers",
        found.len()
    );
    let unknown: Vec<&String> = found
        .iter()
        .filter(|rule| !known.contains(rule.as_str()))
        .collect();
    assert!(
        unknown.is_empty(),
        "rules in corpus answers that no step type in this test lists (add the step type to step_rule_ids): {unknown:?}"
    );
}

/// The checks catch what they should: each change to the real document is
/// reported, naming what is wrong.
#[test]
fn the_checks_fail_on_a_wrong_document() {
    let library = Library::new();
    let text = document();
    let doc = parse(&text);
    let statements = doc.rows.len();
    let counts_line = format!("| statements | {statements} |");
    let polsbp002 = text
        .lines()
        .find(|l| l.starts_with("| `POLSBP002` |"))
        .expect("the sources table lists POLSBP002")
        .to_owned();

    // Each change is made to a statement row or a table line, never to the
    // explanations above them.
    let cases: Vec<(String, String, &str)> = vec![
        (
            "Kind `lossOfPass`, floor minor (`breach.catalogueFloor`)".into(),
            "Kind `lossOfPass`, floor minor (`breach.catalogueFlor`)".into(),
            "rule id `breach.catalogueFlor` is not a rule",
        ),
        (
            "Finding `noCtPlan` (".into(),
            "Finding `noCtPlans` (".into(),
            "`noCtPlans` is not",
        ),
        (
            "Kind `lossOfPass`, floor".into(),
            "Kind `lostPass`, floor".into(),
            "`lostPass` is not",
        ),
        (
            "| `assessBreach` takes".into(),
            "| `assessBreachez` takes".into(),
            "`assessBreachez` is not",
        ),
        (
            "(`breach.recordCentrally`, `/breach/flags/recordCentrally`)".into(),
            "(`breach.recordCentrally`, `/breach/flags/recordCentral`)".into(),
            "`/breach/flags/recordCentral` does not resolve",
        ),
        (
            "(`breach.route`, ".into(),
            "(`breach.route, ".into(),
            "unmatched backtick",
        ),
        (
            format!("{polsbp002}\n"),
            String::new(),
            "policyStatement source `POLSBP002` (at /breach/flags/recordCentrally",
        ),
        (
            "| `POLSBP002` | policyStatement |".into(),
            "| `POLSBP002` | configurableDefault |".into(),
            "the basis is `configurableDefault` here but policyStatement",
        ),
        (
            "| `POLSBP002` | policyStatement | SBP-19 |".into(),
            "| `POLSBP002` | policyStatement | SBP-999 |".into(),
            "row SBP-999 does not exist",
        ),
        (
            counts_line.clone(),
            format!("| statements | {} |", statements + 1),
            "the rows give",
        ),
        (
            "| SBP-2 | ".into(),
            "| SBP-1 | ".into(),
            "(SBP-1): the row id is used twice",
        ),
        (
            "| out of scope | A contact. |".into(),
            "| unsure | A contact. |".into(),
            "status `unsure`",
        ),
        (
            "| Kind `seriousItPolicyBreach`, floor gross (`breach.catalogueFloor`). |".into(),
            "| Kind seriousItPolicyBreach, floor gross. |".into(),
            "must name the library identifiers",
        ),
    ];
    for (from, to, expected) in cases {
        assert!(
            text.contains(&from),
            "the document has no `{from}` to change"
        );
        let changed = text.replacen(&from, &to, 1);
        let problems = check(&parse(&changed), &library);
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "changing `{from}` to `{to}` should report `{expected}`; reported: {problems:#?}"
        );
    }
}
