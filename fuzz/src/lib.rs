//! What every fuzz target checks, and the structured inputs the `breach_report`
//! and `policy_edits` targets build with `arbitrary`.
//!
//! Every target asserts, for any input:
//!
//! - an answer is valid JSON;
//! - an error is never `ErrorCode::Internal` (nor is any problem it lists), and
//!   its error document is valid JSON;
//! - a second call gives exactly the same answer or error.
//!
//! A failed assertion is a panic, which libFuzzer reports as a crash. The
//! library itself never panics: a panic inside it is a crash too.

use std::sync::OnceLock;

use arbitrary::Arbitrary;
use serde_json::Value;
use spf_core::{
    BreachKind, BreachReport, Care, Caveat, Damage, Date, EarlierBreach, Engine, ErrorCode, Impact,
    InformationAsset, Organisation, Person, PersonStatus, PolicyErrors, ReportedClassification,
    ReportedMarking, SpfError, json,
};

/// The MoJ default engine, built once for the whole run.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::moj_default)
}

/// Checks one answer: valid JSON when it is one, no internal error otherwise.
pub fn check_result(what: &str, result: &Result<String, SpfError>) {
    match result {
        Ok(answer) => {
            if let Err(error) = serde_json::from_str::<Value>(answer) {
                panic!("{what}: the answer is not valid JSON ({error}): {answer}");
            }
        }
        Err(error) => check_error(what, error),
    }
}

/// Checks an error: no problem it lists is internal, and its document is JSON.
pub fn check_error(what: &str, error: &SpfError) {
    for problem in error.problems() {
        assert_ne!(
            problem.code,
            ErrorCode::Internal,
            "{what}: an internal error: {error}"
        );
    }
    let document = error.to_json();
    if let Err(parse) = serde_json::from_str::<Value>(&document) {
        panic!("{what}: the error document is not valid JSON ({parse}): {document}");
    }
}

/// The operation called `name` on `data` (when it is UTF-8; every surface
/// rejects other bytes before the operation is reached), twice.
pub fn operation(name: &str, data: &[u8]) {
    let Ok(request) = std::str::from_utf8(data) else {
        return;
    };
    let Some(operation) = json::operation(name) else {
        panic!("no operation `{name}` in spf_core::operations::OPERATIONS");
    };
    let first = operation.answer(engine(), request);
    check_result(name, &first);
    let second = operation.answer(engine(), request);
    assert_eq!(first, second, "{name}: a second call answered differently");
}

/// Policy loading on `data` (when it is UTF-8), twice.
pub fn policy(data: &[u8]) {
    if let Ok(document) = std::str::from_utf8(data) {
        load_policy(document);
    }
}

/// Loads a policy document twice and checks both outcomes agree. A document
/// that loads must export to a document that loads back to the same export.
/// Returns the engine when the document loads.
pub fn load_policy(document: &str) -> Option<Engine> {
    let first = Engine::from_policy_json(document);
    let second = Engine::from_policy_json(document);
    match (first, second) {
        (Ok(engine), Ok(again)) => {
            let exported = engine.policy_json();
            assert_eq!(
                exported,
                again.policy_json(),
                "policy: a second load exported differently"
            );
            check_result("policy export", &Ok(exported.clone()));
            match Engine::from_policy_json(&exported) {
                Ok(back) => assert_eq!(
                    back.policy_json(),
                    exported,
                    "policy: the exported document loads back differently"
                ),
                Err(errors) => {
                    panic!("policy: the exported document of a loaded policy fails: {errors}")
                }
            }
            Some(engine)
        }
        (Err(errors), Err(again)) => {
            assert_eq!(errors, again, "policy: a second load failed differently");
            check_policy_errors(&errors);
            None
        }
        (first, second) => panic!(
            "policy: two loads of one document disagree: {:?} then {:?}",
            first.err(),
            second.err()
        ),
    }
}

fn check_policy_errors(errors: &PolicyErrors) {
    for error in errors.iter() {
        check_error("policy", error);
    }
    check_error("policy (as one error)", &SpfError::from(errors.clone()));
}

/// Assesses a report typed and through its JSON, twice, and checks the two
/// paths agree: the same answer text, or errors with the same code.
pub fn assess_both(engine: &Engine, report: &BreachReport) {
    let typed = engine.assess_breach(report).map(|answer| answer.to_json());
    check_result("assess_breach (typed)", &typed);
    let again = engine.assess_breach(report).map(|answer| answer.to_json());
    assert_eq!(
        typed, again,
        "assess_breach: a second call answered differently"
    );
    let text = match serde_json::to_string(report) {
        Ok(text) => text,
        Err(error) => panic!("a breach report does not serialise ({error}): {report:?}"),
    };
    let via_json = json::assess_breach(engine, &text);
    check_result("assessBreach (JSON)", &via_json);
    match (&typed, &via_json) {
        (Ok(typed), Ok(via_json)) => assert_eq!(
            typed, via_json,
            "assess_breach and assessBreach answer differently for {text}"
        ),
        (Err(typed), Err(via_json)) => assert_eq!(
            typed.code, via_json.code,
            "assess_breach and assessBreach fail differently for {text}: {typed} / {via_json}"
        ),
        _ => panic!("assess_breach gave {typed:?} but assessBreach {via_json:?} for {text}"),
    }
}

/// A date from any three numbers: years 1 to 9999 (most near the present),
/// months 1 to 12, days 1 to 31 (falling back to the 28th where the month is
/// shorter).
#[derive(Debug, Clone, Copy, Arbitrary)]
pub struct DateInput {
    year: u16,
    month: u8,
    day: u8,
}

impl DateInput {
    /// The date.
    pub fn date(self) -> Date {
        let year = match self.year {
            // Most years near the policy's own dates, the rest anywhere.
            0..=49_151 => 2000 + i32::from(self.year % 40),
            _ => 1 + i32::from(self.year % 9999),
        };
        let month = 1 + u32::from(self.month % 12);
        let day = 1 + u32::from(self.day % 31);
        Date::from_ymd(year, month, day)
            .or_else(|| Date::from_ymd(year, month, 28))
            .unwrap_or(Date::EARLIEST)
    }
}

/// Picks one of `all` by any number.
fn pick<T: Copy>(all: &[T], choice: u8) -> Option<T> {
    if all.is_empty() {
        return None;
    }
    all.get(usize::from(choice) % all.len()).copied()
}

/// A breach report, field by field.
#[derive(Debug, Clone, Arbitrary)]
pub struct ReportInput {
    schema_version: Option<u8>,
    reference: Option<String>,
    kind: u8,
    marking: Option<(u8, Vec<bool>)>,
    care: u8,
    damage: u8,
    previous_warnings: u32,
    earlier_breaches: Vec<(DateInput, u8)>,
    occurred: DateInput,
    status: u8,
    organisation: u8,
    security_cleared: bool,
    personal_data: bool,
    /// The asset's name and owner (either may be blank).
    information_asset: Option<(String, String)>,
    impact: Option<u8>,
}

impl ReportInput {
    /// The report.
    pub fn report(&self) -> BreachReport {
        let kind = pick(&BreachKind::ALL, self.kind).unwrap_or(BreachKind::LossOfPass);
        let care = pick(&Care::ALL, self.care).unwrap_or(Care::AvoidableCarelessness);
        let mut report = BreachReport::new(kind, care, self.occurred.date());
        // Mostly absent or 1 (the supported version), sometimes another.
        report.schema_version = self.schema_version.map(|version| match version {
            0..=239 => 1,
            other => u32::from(other - 240),
        });
        report.reference.clone_from(&self.reference);
        report.marking = self.marking.as_ref().and_then(|(classification, caveats)| {
            let classification = pick(&ReportedClassification::ALL, *classification)?;
            let caveats = caveats
                .iter()
                .take(3)
                .map(|strap| {
                    if *strap {
                        Caveat::Strap
                    } else {
                        Caveat::Sensitive
                    }
                })
                .collect();
            Some(ReportedMarking {
                classification,
                caveats,
            })
        });
        report.damage = pick(
            &[Damage::None, Damage::Potential, Damage::Actual],
            self.damage,
        )
        .unwrap_or(Damage::None);
        report.previous_warnings = self.previous_warnings;
        report.earlier_breaches = self
            .earlier_breaches
            .iter()
            .take(16)
            .map(|(date, kind)| EarlierBreach {
                date: date.date(),
                kind: pick(&BreachKind::ALL, *kind).unwrap_or(BreachKind::LossOfPass),
            })
            .collect();
        report.person = Person {
            status: pick(&PersonStatus::ALL, self.status).unwrap_or(PersonStatus::Employee),
            organisation: pick(&Organisation::ALL, self.organisation).unwrap_or(Organisation::Moj),
            security_cleared: self.security_cleared,
        };
        report.personal_data = self.personal_data;
        report.information_asset =
            self.information_asset
                .as_ref()
                .map(|(name, owner)| InformationAsset {
                    name: name.clone(),
                    owner: owner.clone(),
                });
        report.impact = self.impact.and_then(|impact| pick(&Impact::ALL, impact));
        report
    }
}

/// Builds a breach report and assesses it under the MoJ default policy, typed
/// and through JSON.
pub fn breach_report(input: &ReportInput) {
    assess_both(engine(), &input.report());
}

/// A value written into the policy document.
#[derive(Debug, Clone, Arbitrary)]
pub enum Replacement {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A small integer, the kind the document's scores and counts hold.
    Small(i8),
    /// Any integer.
    Integer(i64),
    /// Any number (a NaN or infinity is left out: JSON has none).
    Float(f64),
    /// Any text.
    Text(String),
    /// `[]`.
    EmptyArray,
    /// `{}`.
    EmptyObject,
    /// A copy of another value of the document (by its place in document order).
    CopyOf(u16),
}

/// One change to the policy document, at a value picked by its place in
/// document order.
#[derive(Debug, Clone, Arbitrary)]
pub enum Edit {
    /// Replaces the value.
    Set(u16, Replacement),
    /// Removes the value from its object or array.
    Remove(u16),
    /// Appends a copy of an array's first item (a repeat).
    Repeat(u16),
}

/// Edits to the MoJ default policy document, and a breach report to assess
/// under the result.
#[derive(Debug, Clone, Arbitrary)]
pub struct PolicyEdits {
    edits: Vec<Edit>,
    report: ReportInput,
}

/// The MoJ default policy document as a JSON value, and the pointer of every
/// value in it, in document order.
fn default_document() -> &'static (Value, Vec<String>) {
    static DOCUMENT: OnceLock<(Value, Vec<String>)> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        let value: Value = match serde_json::from_str(&engine().policy_json()) {
            Ok(value) => value,
            Err(error) => panic!("the default policy document is not JSON: {error}"),
        };
        let mut pointers = Vec::new();
        collect_pointers(&value, String::new(), &mut pointers);
        (value, pointers)
    })
}

fn collect_pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                let escaped = key.replace('~', "~0").replace('/', "~1");
                collect_pointers(item, format!("{at}/{escaped}"), out);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                collect_pointers(item, format!("{at}/{index}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

fn pointer_at(pointers: &[String], choice: u16) -> Option<&str> {
    if pointers.is_empty() {
        return None;
    }
    pointers
        .get(usize::from(choice) % pointers.len())
        .map(String::as_str)
}

/// The edited document (edits whose place no longer exists are skipped).
pub fn edited_document(edits: &[Edit]) -> Value {
    let (original, pointers) = default_document();
    let mut document = original.clone();
    for edit in edits.iter().take(8) {
        match edit {
            Edit::Set(at, replacement) => {
                let Some(at) = pointer_at(pointers, *at) else {
                    continue;
                };
                let value = match replacement {
                    Replacement::Null => Value::Null,
                    Replacement::Bool(value) => Value::Bool(*value),
                    Replacement::Small(value) => Value::from(*value),
                    Replacement::Integer(value) => Value::from(*value),
                    Replacement::Float(value) => match serde_json::Number::from_f64(*value) {
                        Some(number) => Value::Number(number),
                        None => continue,
                    },
                    Replacement::Text(text) => Value::String(text.clone()),
                    Replacement::EmptyArray => Value::Array(Vec::new()),
                    Replacement::EmptyObject => Value::Object(serde_json::Map::new()),
                    Replacement::CopyOf(from) => {
                        match pointer_at(pointers, *from).and_then(|from| document.pointer(from)) {
                            Some(value) => value.clone(),
                            None => continue,
                        }
                    }
                };
                if let Some(slot) = document.pointer_mut(at) {
                    *slot = value;
                }
            }
            Edit::Remove(at) => {
                let Some(at) = pointer_at(pointers, *at) else {
                    continue;
                };
                let Some((parent, last)) = at.rsplit_once('/') else {
                    continue;
                };
                let key = last.replace("~1", "/").replace("~0", "~");
                match document.pointer_mut(parent) {
                    Some(Value::Object(map)) => {
                        map.remove(&key);
                    }
                    Some(Value::Array(items)) => {
                        if let Ok(index) = key.parse::<usize>()
                            && index < items.len()
                        {
                            items.remove(index);
                        }
                    }
                    _ => {}
                }
            }
            Edit::Repeat(at) => {
                let Some(at) = pointer_at(pointers, *at) else {
                    continue;
                };
                if let Some(Value::Array(items)) = document.pointer_mut(at)
                    && let Some(first) = items.first().cloned()
                {
                    items.push(first);
                }
            }
        }
    }
    document
}

/// Edits the default policy document and loads it; when it loads, assesses
/// the report under it, typed and through JSON.
pub fn policy_edits(input: &PolicyEdits) {
    let document = edited_document(&input.edits).to_string();
    if let Some(engine) = load_policy(&document) {
        assess_both(&engine, &input.report.report());
    }
}

/// The JSON Lines batch on any bytes: every output line is JSON (an answer, or
/// `{"line", "error"}` with no internal error), one per non-blank line, and
/// three threads write the same bytes as one.
pub fn breach_lines(data: &[u8]) {
    use spf_core::batch::{BatchOptions, assess_breach_lines};
    let run = |threads| {
        let mut out = Vec::new();
        let summary = assess_breach_lines(
            engine(),
            data,
            &mut out,
            BatchOptions::with_threads(threads),
        )
        .unwrap_or_else(|e| panic!("a batch from memory failed: {e}"));
        (out, summary)
    };
    let (one, summary) = run(1);
    let (three, summary_three) = run(3);
    assert!(one == three, "three threads wrote different bytes");
    assert_eq!(summary, summary_three);
    let text = String::from_utf8(one).unwrap_or_else(|e| panic!("the output is not UTF-8: {e}"));
    let mut lines = 0_u64;
    for line in text.lines() {
        lines += 1;
        let value: Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("an output line is not JSON ({e}): {line}"));
        if let Some(error) = value.get("error") {
            assert_ne!(error["code"], "internal", "an internal error: {line}");
        }
    }
    assert_eq!(lines, summary.lines);
    assert_eq!(summary.lines, summary.assessed + summary.rejected);
}
