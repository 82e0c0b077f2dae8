//! The wire format's strictness, swept over the golden corpus and the MoJ
//! default policy document: every object, in every request and in the policy,
//! is replaced in turn by an array (the positional form serde's derived
//! readers would otherwise accept), and every string and field name in turn by
//! a long text holding a NUL; each edit must be answered the same way.
//!
//! The C suite (`tests/c/test_spf.c`) and the Node suite
//! (`wasm/tests/bad-input.test.mjs`) check the same behaviour through their own
//! surfaces on chosen cases; this sweep checks it on every place a request or a
//! policy document has.

// Test code: helpers outside #[test] functions may unwrap and index.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use serde_json::Value;
use spf_core::operations::{OPERATIONS, Operation};
use spf_core::{Engine, ErrorCode, SpfError, json};

/// Every corpus request, with its operation and case name.
/// Whether a pointer is outside the policy document a request carries
/// (`policyDiff`, `policyImpact`): the document's own fields are read and
/// reported as a policy document is when an engine loads one (the policy
/// tests and the `policy` fuzz target), and each edit of one here would walk
/// the whole input space again.
fn outside_a_policy_document(pointer: &str) -> bool {
    !pointer.starts_with("/policy/")
}

fn corpus_requests() -> Vec<(&'static Operation, String, Value)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut out = Vec::new();
    for operation in OPERATIONS {
        let Ok(entries) = std::fs::read_dir(root.join(operation.name)) else {
            continue;
        };
        let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        files.sort();
        for file in files {
            let name = file.file_name().unwrap().to_str().unwrap().to_owned();
            if let Some(case) = name.strip_suffix(".request.json") {
                let text = std::fs::read_to_string(&file).unwrap();
                out.push((
                    operation,
                    case.to_owned(),
                    serde_json::from_str(&text).unwrap(),
                ));
            }
        }
    }
    assert!(
        out.len() >= 16,
        "the corpus has only {} requests",
        out.len()
    );
    out
}

/// A JSON pointer segment, escaped as RFC 6901 says.
fn segment(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// The pointers of every value inside `value` (itself included), depth first.
fn pointers(value: &Value, at: &str, out: &mut Vec<String>) {
    out.push(at.to_owned());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                pointers(child, &format!("{at}/{}", segment(key)), out);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                pointers(child, &format!("{at}/{index}"), out);
            }
        }
        _ => {}
    }
}

fn object_pointers(value: &Value) -> Vec<String> {
    let mut all = Vec::new();
    pointers(value, "", &mut all);
    all.into_iter()
        .filter(|p| value.pointer(p).is_some_and(Value::is_object))
        .collect()
}

/// `value` with the object at `pointer` replaced by the array of its values.
fn as_array_at(value: &Value, pointer: &str) -> String {
    let mut edited = value.clone();
    let target = edited.pointer_mut(pointer).unwrap();
    let values = target.as_object().unwrap().values().cloned().collect();
    *target = Value::Array(values);
    serde_json::to_string(&edited).unwrap()
}

/// For a request whose items are read one by one (`/sites/N`, `/records/N`,
/// or `/N` for an array of reports), the item a pointer falls in: its field
/// (empty for the array itself) and index.
fn item_of(pointer: &str) -> Option<(&str, usize)> {
    let mut parts = pointer.split('/').skip(1);
    let field = parts.next()?;
    if let Ok(index) = field.parse() {
        return Some(("", index));
    }
    let index = parts.next()?.parse().ok()?;
    Some((field, index))
}

/// The error an answer lists under `rejected` (or, for an array of reports,
/// in the item's place; for the assurance pack, in the part the item's list
/// feeds) for the item at `index` of the request's list `field`.
fn rejected_error(answer: &str, field: &str, index: usize) -> Option<SpfError> {
    let answer: Value = serde_json::from_str(answer).unwrap();
    let entries = match (answer.as_array(), field) {
        (Some(entries), _) => entries,
        (None, "sites") if answer["estate"].is_object() => {
            answer["estate"]["rejected"].as_array()?
        }
        (None, "returns") => answer["rejectedReturns"].as_array()?,
        (None, "records") if answer["breaches"].is_object() => {
            answer["breaches"]["rejected"].as_array()?
        }
        (None, _) => answer["rejected"].as_array()?,
    };
    let entry = entries.iter().find(|entry| entry["index"] == index)?;
    serde_json::from_value(entry["error"].clone()).ok()
}

#[test]
fn an_array_in_place_of_any_request_object_is_an_invalid_type_at_its_pointer() {
    let engine = Engine::moj_default();
    let mut checked = 0;
    for (operation, case, request) in corpus_requests() {
        // siteStatusById reads only the site it is asked for; the others are
        // only searched for the id.
        let picked = request["siteId"].as_str().and_then(|id| {
            request["sites"]
                .as_array()?
                .iter()
                .position(|site| site["id"] == id)
        });
        // threatChange's siteIds name sites by id: an array in place of one
        // named there has no id, so the id names no site of the estate.
        let named: Vec<usize> = request["siteIds"]
            .as_array()
            .map(|ids| {
                request["sites"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .enumerate()
                    .filter(|(_, site)| ids.contains(&site["id"]))
                    .map(|(index, _)| index)
                    .collect()
            })
            .unwrap_or_default();
        for pointer in object_pointers(&request)
            .into_iter()
            .filter(|p| outside_a_policy_document(p))
        {
            let text = as_array_at(&request, &pointer);
            let item = item_of(&pointer);
            let what = format!("{case} ({}), array at `{pointer}`", operation.name);
            checked += 1;
            let replaces_a_named_site = pointer.matches('/').count() == 2
                && item.is_some_and(|(field, index)| field == "sites" && named.contains(&index));
            match operation.answer(&engine, &text) {
                Err(error) if replaces_a_named_site => {
                    assert_eq!(error.code, ErrorCode::UnknownValue, "{what}: {error}");
                    assert!(error.path.starts_with("/siteIds/"), "{what}: {error}");
                }
                Err(error) if picked.is_some() && item == picked.map(|index| ("sites", index)) => {
                    if pointer.matches('/').count() == 2 {
                        // The site itself: an array has no id, so no site has it.
                        assert_eq!(error.code, ErrorCode::UnknownValue, "{what}: {error}");
                        assert_eq!(error.path, "/siteId", "{what}: {error}");
                    } else {
                        assert_eq!(
                            (error.code, error.path.as_str()),
                            (ErrorCode::InvalidType, pointer.as_str()),
                            "{what}: {error}"
                        );
                    }
                }
                Err(error) => {
                    assert_eq!(
                        (error.code, error.path.as_str()),
                        (ErrorCode::InvalidType, pointer.as_str()),
                        "{what}: {error}"
                    );
                    assert!(
                        error.message.starts_with("invalid type: array, expected "),
                        "{what}: {}",
                        error.message
                    );
                    assert!(
                        !error.message.contains("struct "),
                        "{what}: {}",
                        error.message
                    );
                }
                Ok(answer) => {
                    if let Some(index) = picked {
                        // Another site of the estate: not read, so not rejected.
                        assert_ne!(item, Some(("sites", index)), "{what}");
                        continue;
                    }
                    let (field, index) = item.unwrap_or_else(|| panic!("{what}: accepted"));
                    let error = rejected_error(&answer, field, index)
                        .unwrap_or_else(|| panic!("{what}: accepted, not rejected: {answer}"));
                    assert_eq!(
                        (error.code, error.path.as_str()),
                        (ErrorCode::InvalidType, pointer.as_str()),
                        "{what}: {error}"
                    );
                }
            }
        }
    }
    assert!(checked > 300, "only {checked} objects were checked");
}

#[test]
fn an_array_in_place_of_any_policy_document_object_is_an_invalid_type_at_its_pointer() {
    let policy: Value = serde_json::from_str(&Engine::moj_default().policy_json()).unwrap();
    let objects = object_pointers(&policy);
    assert!(objects.len() > 100, "only {} objects", objects.len());
    for pointer in objects {
        let errors = json::load_policy(&as_array_at(&policy, &pointer))
            .err()
            .unwrap_or_else(|| panic!("array at `{pointer}`: accepted"));
        let first = errors.first();
        assert_eq!(
            (first.code, first.path.as_str()),
            (ErrorCode::InvalidType, pointer.as_str()),
            "array at `{pointer}`: {first}"
        );
        assert_eq!(errors.len(), 1, "array at `{pointer}`");
    }
}

/// Caller text no message may echo whole: long, with multi-byte characters,
/// a NUL near the start, and the quote characters messages use.
fn long_text() -> String {
    format!("ab\u{0}c{}`\"\\", "é".repeat(10_000))
}

/// Every error message in an outcome: the error itself, or those an answer
/// lists under `rejected`.
fn messages(outcome: &Result<String, SpfError>) -> Vec<String> {
    match outcome {
        Err(error) => vec![error.message.clone()],
        Ok(answer) => {
            let answer: Value = serde_json::from_str(answer).unwrap();
            answer["rejected"]
                .as_array()
                .map(|entries| {
                    entries
                        .iter()
                        .map(|e| e["error"]["message"].as_str().unwrap().to_owned())
                        .collect()
                })
                .unwrap_or_default()
        }
    }
}

fn assert_quotes_short(message: &str, what: &str) {
    assert!(
        !message.contains('\u{0}'),
        "{what}: a raw NUL in {message:?}"
    );
    let run = "é".repeat(201);
    assert!(
        !message.contains(&run),
        "{what}: more than 200 characters of caller text in a {}-byte message",
        message.len()
    );
    if message.contains('é') {
        assert!(
            message.contains('…'),
            "{what}: cut without an ellipsis: {message}"
        );
        assert!(
            message.contains("\\u0000") || message.contains("\\0"),
            "{what}: the NUL is not shown: {message}"
        );
    }
    assert!(message.len() < 2_000, "{what}: {} bytes", message.len());
}

#[test]
fn messages_quote_long_caller_text_short_and_without_nul() {
    let engine = Engine::moj_default();
    let long = long_text();
    let mut quoted = 0;
    for (operation, case, request) in corpus_requests() {
        let mut all = Vec::new();
        pointers(&request, "", &mut all);
        all.retain(|p| outside_a_policy_document(p));
        for pointer in all {
            let Some((parent, last)) = pointer.rsplit_once('/') else {
                continue;
            };
            let mut edits = Vec::new();
            // The value, if it is a string.
            if request.pointer(&pointer).is_some_and(Value::is_string) {
                let mut edited = request.clone();
                *edited.pointer_mut(&pointer).unwrap() = Value::String(long.clone());
                edits.push(("value", edited));
            }
            // The field name, if it is one.
            if let Some(Value::Object(map)) = request.pointer(parent) {
                let key = last.replace("~1", "/").replace("~0", "~");
                let mut renamed = map.clone();
                let value = renamed.remove(&key).unwrap();
                renamed.insert(long.clone(), value);
                let mut edited = request.clone();
                *edited.pointer_mut(parent).unwrap() = Value::Object(renamed);
                edits.push(("field name", edited));
            }
            for (kind, edited) in edits {
                let text = serde_json::to_string(&edited).unwrap();
                let outcome = operation.answer(&engine, &text);
                for message in messages(&outcome) {
                    let what = format!("{case}: long {kind} at `{pointer}`");
                    assert_quotes_short(&message, &what);
                    quoted += usize::from(message.contains('é'));
                }
            }
        }
    }
    assert!(quoted > 100, "only {quoted} messages quoted the text");
}

#[test]
fn policy_messages_quote_long_caller_text_short_and_without_nul() {
    let long = long_text();
    let mut policy = spf_core::Policy::moj_default();
    // A control id is the policy's own free text that its errors quote.
    policy.counter_terrorism.controls[0].id = long.clone();
    let errors = json::load_policy(&policy.to_json_pretty()).unwrap_err();
    assert!(errors.len() >= 2, "{errors}");
    for error in errors.iter() {
        assert_quotes_short(&error.message, &error.path);
    }
    let text = Engine::moj_default().policy_json().replacen(
        "\"title\":",
        &format!("{}: 1, \"title\":", serde_json::to_string(&long).unwrap()),
        1,
    );
    let errors = json::load_policy(&text).unwrap_err();
    assert_eq!(errors.first().code, ErrorCode::UnknownField);
    assert_quotes_short(&errors.first().message, "unknown policy field");
}

/// The README's error table documents every code, in `ErrorCode::ALL`'s order,
/// each with its meaning and an example.
#[test]
fn the_readme_documents_every_error_code_with_an_example() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = readme
        .split("\n### Errors\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("README has an Errors section");
    let rows: Vec<Vec<&str>> = section
        .lines()
        .filter(|line| line.starts_with("| `"))
        .map(|line| line.trim_matches('|').split(" | ").map(str::trim).collect())
        .collect();
    let documented: Vec<&str> = rows.iter().map(|row| row[0].trim_matches('`')).collect();
    let codes: Vec<&str> = ErrorCode::ALL.iter().map(|code| code.as_str()).collect();
    assert_eq!(
        documented, codes,
        "the README's error table, against ErrorCode::ALL"
    );
    for row in &rows {
        assert_eq!(row.len(), 3, "{row:?}: code, meaning and example");
        assert!(!row[1].is_empty() && !row[2].is_empty(), "{row:?}");
    }
}

/// The README's error examples that are messages read as the library writes them.
#[test]
fn the_readme_error_examples_are_the_library_s_words() {
    let engine = Engine::moj_default();
    let person = r#""person":{"status":"employee","organisation":"moj"}"#;
    let base = r#""kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-03-01""#;
    let cases = [
        (
            format!("{{{base},\"ocurred\":\"2026-03-01\",{person}}}"),
            "unknown field `ocurred`; did you mean `occurred`?",
        ),
        (
            format!(
                "{{{},{person}}}",
                base.replace("lossOfPass", "passwordSharing")
            ),
            "unknown value `passwordSharing` for `kind`; did you mean `passwordOrAccountSharing`?",
        ),
        (
            format!("{{{},{person}}}", base.replace("2026-03-01", "2026-02-30")),
            "invalid date `2026-02-30`: expected a real calendar date written YYYY-MM-DD",
        ),
        (
            format!("{{{base},\"previousWarnings\":\"two\",{person}}}"),
            "invalid type: string \"two\", expected an integer from 0 to 4294967295",
        ),
        ("{\"kind\":".to_owned(), "EOF while parsing a value"),
        (
            String::new(),
            "the input is empty; expected a JSON document",
        ),
    ];
    for (request, message) in cases {
        let err = json::assess_breach(&engine, &request).unwrap_err();
        assert!(
            err.message.starts_with(message),
            "{request}: {}",
            err.message
        );
    }
}
