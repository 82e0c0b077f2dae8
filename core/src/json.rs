//! JSON entry points: what the C library and the WebAssembly module call, and what
//! Rust callers use when they hold JSON text.
//!
//! Requests are camelCase JSON with unknown fields rejected and dates written
//! `YYYY-MM-DD`. Answers are compact JSON with `schemaVersion` and the policy id
//! and version. Errors are [`SpfError`]s: `{code, message, path}` with a stable
//! code and a JSON pointer.
//!
//! ```
//! use spf_core::{json, Engine};
//! let engine = Engine::moj_default();
//! let answer = json::assess_breach(&engine, r#"{
//!     "kind": "workstationLeftUnlocked",
//!     "care": "avoidableCarelessness",
//!     "occurred": "2026-11-02",
//!     "person": {"status": "employee", "organisation": "moj"}
//! }"#).unwrap();
//! assert!(answer.starts_with(r#"{"schemaVersion":1,"policy":{"id":"moj-default""#));
//! assert!(answer.contains(r#""level":"minor""#));
//! ```

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_path_to_error::Segment;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::breach::BreachReport;
use crate::coordination::CoordinationRequest;
use crate::date::Date;
use crate::engine::Engine;
use crate::engine::check_schema_version;
use crate::error::{ErrorCode, Pointer, SpfError};
use crate::policy::PolicyErrors;
use crate::register::{IncidentRecord, RejectedRecord};
use crate::site::{RejectedSite, ResponseLevelRequest, Site, SiteStatusRequest, ThreatLevel};

/// Assesses a breach report given as JSON and answers in JSON.
pub fn assess_breach(engine: &Engine, request: &str) -> Result<String, SpfError> {
    let report: BreachReport = parse(request)?;
    Ok(engine.assess_breach(&report)?.to_json())
}

/// One site's status: request `{"asOf", "threatLevel", "site"}`, answer a
/// [`SiteStatus`](crate::site::SiteStatus).
pub fn site_status(engine: &Engine, request: &str) -> Result<String, SpfError> {
    let request: SiteStatusRequest = parse(request)?;
    to_compact(&engine.site_status_request(&request)?)
}

/// The response level for a threat level: request `{"threatLevel"}`.
pub fn response_level(engine: &Engine, request: &str) -> Result<String, SpfError> {
    let request: ResponseLevelRequest = parse(request)?;
    check_schema_version(request.schema_version)?;
    to_compact(&engine.response_level_answer(request.threat_level))
}

/// A portfolio report: request `{"asOf", "threatLevel", "sites": [...]}`.
///
/// Each site is read on its own: a malformed or invalid site is listed under
/// `rejected` with its index and error (its path inside the request), and the
/// other sites are still assessed. Only a request that is not a portfolio request
/// at all is an error.
pub fn portfolio(engine: &Engine, request: &str) -> Result<String, SpfError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    #[serde(expecting = "a portfolio request object")]
    struct Wire {
        #[serde(default)]
        schema_version: Option<u32>,
        as_of: Date,
        threat_level: ThreatLevel,
        sites: Vec<Box<RawValue>>,
    }
    let wire: Wire = parse(request)?;
    check_schema_version(wire.schema_version)?;
    let (sites, rejected) = parse_each::<Site>(wire.sites.iter().map(|raw| &**raw), "sites");
    let rejected = rejected
        .into_iter()
        .map(|(index, error)| RejectedSite { index, error })
        .collect();
    let report = engine.portfolio_with_rejections(
        sites.iter().map(|(index, site)| (*index, site)),
        wire.threat_level,
        wire.as_of,
        rejected,
    );
    to_compact(&report)
}

/// Who co-ordinates an incident: request `{"businessAreasAffected": [...],
/// "frontLineServicesSignificantlyAffected": bool}`.
pub fn coordinate(engine: &Engine, request: &str) -> Result<String, SpfError> {
    let request: CoordinationRequest = parse(request)?;
    to_compact(&engine.coordinate(&request)?)
}

/// A trend report over the incident register: request `{"from", "to",
/// "records": [...]}`, answer a [`TrendReport`](crate::register::TrendReport).
///
/// Each record is read on its own: a malformed or invalid record (an unknown
/// kind, dates out of order, …) is listed under `rejected` with its index and
/// error (its path inside the request), and the other records are still used.
pub fn trend_report(engine: &Engine, request: &str) -> Result<String, SpfError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    #[serde(expecting = "a trend report request object")]
    struct Wire<'a> {
        #[serde(default)]
        schema_version: Option<u32>,
        from: Date,
        to: Date,
        #[serde(borrow)]
        records: Vec<&'a RawValue>,
    }
    let wire: Wire<'_> = parse(request)?;
    check_schema_version(wire.schema_version)?;
    let (records, rejected) = parse_each::<IncidentRecord>(wire.records.iter().copied(), "records");
    let rejected = rejected
        .into_iter()
        .map(|(index, error)| RejectedRecord { index, error })
        .collect();
    let report = engine.trend_report_of(
        records.iter().map(|(index, record)| (*index, record)),
        wire.from,
        wire.to,
        rejected,
    )?;
    to_compact(&report)
}

/// Evaluates an SPF compliance return: request a
/// [`ComplianceReturn`](crate::compliance::ComplianceReturn), answer a
/// [`ComplianceEvaluation`](crate::compliance::ComplianceEvaluation).
pub fn evaluate_compliance(engine: &Engine, request: &str) -> Result<String, SpfError> {
    let request: crate::compliance::ComplianceReturn = parse(request)?;
    to_compact(&engine.evaluate_compliance(&request)?)
}

/// Items read from a request's array: those that parsed, and the index and
/// error of the others.
type ReadEach<T> = (Vec<(usize, T)>, Vec<(usize, SpfError)>);

/// Reads each item of a request's array on its own: the items that parse, and
/// for the others their index and error, pointed from the request's root
/// (`/<field>/<index>/...`).
fn parse_each<'a, T: Deserialize<'a>>(
    items: impl ExactSizeIterator<Item = &'a RawValue>,
    field: &str,
) -> ReadEach<T> {
    let at = Pointer::root().key(field);
    let mut parsed = Vec::with_capacity(items.len());
    let mut rejected = Vec::new();
    for (index, raw) in items.enumerate() {
        match parse::<T>(raw.get()) {
            Ok(item) => parsed.push((index, item)),
            Err(error) => rejected.push((index, within(error, &at.index(index)))),
        }
    }
    (parsed, rejected)
}

/// An error found inside a nested document, re-pointed from the document's root.
/// The parser's "at line L column C" counted from the nested document's start,
/// which would mislead, so it is dropped; the pointer locates the value.
fn within(mut error: SpfError, at: &Pointer) -> SpfError {
    error.path = format!("{}{}", at.as_str(), error.path);
    error.without_position()
}

/// The engine's policy document as pretty-printed JSON.
#[must_use]
pub fn export_policy(engine: &Engine) -> String {
    engine.policy_json()
}

/// Parses, validates and compiles a policy document; every problem is reported.
pub fn load_policy(document: &str) -> Result<Engine, PolicyErrors> {
    Engine::from_policy_json(document)
}

/// Parses any wire type, mapping failures to stable codes and JSON pointers.
///
/// ```
/// use spf_core::{json, BreachReport, ErrorCode};
/// let err = json::parse::<BreachReport>(r#"{"kind": "lossOfPas"}"#).unwrap_err();
/// assert_eq!(err.code, ErrorCode::UnknownValue);
/// assert_eq!(err.path, "/kind");
/// ```
pub fn parse<'a, T: Deserialize<'a>>(json: &'a str) -> Result<T, SpfError> {
    check_not_empty(json)?;
    // Well-formed input takes the fast path; only a failure pays for a second,
    // path-tracking pass that finds the JSON pointer of the offending value.
    // A WebAssembly build reads everything in the one tracked pass instead: a
    // second copy of every wire type's deserialiser would double its download.
    if cfg!(target_arch = "wasm32") {
        return parse_tracked(json);
    }
    match serde_json::from_str(json) {
        Ok(value) => Ok(value),
        Err(_) => match parse_tracked::<T>(json) {
            Err(error) => Err(error),
            // INVARIANT: both passes run the same deserialiser on the same text.
            Ok(_) => Err(SpfError::new(
                ErrorCode::Internal,
                "the input was rejected once and accepted on a second reading",
                "",
            )),
        },
    }
}

/// Parses in one path-tracking pass: for documents read once and kept (policy
/// documents), where a fast path would only add code.
pub(crate) fn parse_once<T: DeserializeOwned>(json: &str) -> Result<T, SpfError> {
    check_not_empty(json)?;
    parse_tracked(json)
}

fn check_not_empty(json: &str) -> Result<(), SpfError> {
    if json.trim().is_empty() {
        return Err(SpfError::new(
            ErrorCode::EmptyInput,
            "the input is empty; expected a JSON document",
            "",
        ));
    }
    Ok(())
}

/// Deserialises while tracking where the parser is, so that a failure carries
/// the JSON pointer of the offending value.
fn parse_tracked<'a, T: Deserialize<'a>>(json: &'a str) -> Result<T, SpfError> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Err(e) => {
            let error = classify(e.inner(), pointer_of(e.path()));
            // The parser reports a value of the wrong JSON type where a name from
            // a fixed set belongs (`"kind": 7`) as a syntax error; if the text is
            // in fact well-formed JSON, it is a type error.
            if error.code == ErrorCode::MalformedJson
                && serde_json::from_str::<serde::de::IgnoredAny>(json).is_ok()
            {
                Err(SpfError::new(
                    ErrorCode::InvalidType,
                    "invalid type: expected a string naming one of the field's values",
                    error.path,
                ))
            } else {
                Err(error)
            }
        }
        Ok(value) => match deserializer.end() {
            Err(e) => Err(classify(&e, Pointer::root())),
            Ok(()) => Ok(value),
        },
    }
}

/// Compact JSON, or an internal error (serialising the library's own types cannot
/// fail, but the function stays total).
pub(crate) fn to_compact<T: Serialize>(value: &T) -> Result<String, SpfError> {
    let mut buffer = Vec::with_capacity(1024);
    serde_json::to_writer(&mut buffer, value).map_err(|e| {
        SpfError::new(
            ErrorCode::Internal,
            format!("answer could not be serialised: {e}"),
            "",
        )
    })?;
    String::from_utf8(buffer)
        .map_err(|_| SpfError::new(ErrorCode::Internal, "answer is not valid UTF-8", ""))
}

pub(crate) fn to_pretty<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|e| {
        SpfError::new(
            ErrorCode::Internal,
            format!("document could not be serialised: {e}"),
            "",
        )
        .to_json()
    })
}

fn pointer_of(path: &serde_path_to_error::Path) -> Pointer {
    let mut pointer = Pointer::root();
    for segment in path.iter() {
        pointer = match segment {
            Segment::Seq { index } => pointer.index(*index),
            Segment::Map { key } => pointer.key(key),
            Segment::Enum { variant } => pointer.key(variant),
            Segment::Unknown => pointer,
        };
    }
    pointer
}

fn classify(error: &serde_json::Error, mut pointer: Pointer) -> SpfError {
    use serde_json::error::Category;
    let message = clean_message(&error.to_string());
    let code = match error.classify() {
        Category::Io => ErrorCode::Internal,
        Category::Eof => ErrorCode::MalformedJson,
        Category::Syntax if message.starts_with("recursion limit exceeded") => {
            ErrorCode::NestingTooDeep
        }
        Category::Syntax => ErrorCode::MalformedJson,
        Category::Data => {
            if message.starts_with("unknown field") {
                ErrorCode::UnknownField
            } else if let Some(rest) = message.strip_prefix("duplicate field `") {
                // The path ends at the object; the field is one of the format's own
                // names (no backticks), so it can be read back from the message.
                if let Some(field) = rest.split('`').next() {
                    pointer = pointer.key(field);
                }
                ErrorCode::DuplicateField
            } else if message.starts_with("missing field") {
                ErrorCode::MissingField
            } else if message.starts_with("unknown variant") {
                ErrorCode::UnknownValue
            } else if message.starts_with("invalid date") {
                ErrorCode::InvalidDate
            } else if message.starts_with("the SENSITIVE caveat")
                || message.starts_with("the STRAP caveat")
                || message.starts_with("caveat `")
                || message.starts_with("legacy marking")
            {
                ErrorCode::InvalidMarking
            } else {
                ErrorCode::InvalidType
            }
        }
    };
    SpfError::new(code, message, pointer.into_string())
}

/// Rewrites the parser's wording so messages never name Rust types. Only the text
/// after the last `expected` is the parser's own; anything before it may quote
/// the caller's input and is left alone.
fn clean_message(raw: &str) -> String {
    let Some(split) = raw.rfind("expected ") else {
        return raw.to_owned();
    };
    let (quoted, own) = raw.split_at(split);
    // serde names the JSON type it found in its own words, before any input.
    let quoted = quoted
        .replacen("invalid type: sequence,", "invalid type: array,", 1)
        .replacen("invalid type: map,", "invalid type: object,", 1);
    let mut own = own.to_owned();
    for (rust, plain) in [
        ("expected u8", "expected an integer from 0 to 255"),
        ("expected u16", "expected an integer from 0 to 65535"),
        ("expected u32", "expected an integer from 0 to 4294967295"),
        ("expected u64", "expected a non-negative integer"),
        ("expected usize", "expected a non-negative integer"),
        ("expected i32", "expected an integer"),
        ("expected i64", "expected an integer"),
        ("expected a borrowed string", "expected a string"),
        ("expected a sequence", "expected an array"),
        ("expected a map", "expected an object"),
    ] {
        if let Some(rest) = own.strip_prefix(rust) {
            own = format!("{plain}{rest}");
        }
    }
    // "expected struct SomeType" → "expected an object".
    if let Some(rest) = own.strip_prefix("expected struct ") {
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        own = format!(
            "expected an object{}",
            rest.get(name_len..).unwrap_or_default()
        );
    }
    format!("{quoted}{own}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_never_name_rust_types() {
        assert_eq!(
            clean_message("invalid type: string \"x\", expected u32 at line 1 column 3"),
            "invalid type: string \"x\", expected an integer from 0 to 4294967295 at line 1 column 3"
        );
        assert_eq!(
            clean_message("invalid type: integer `1`, expected struct ScoredAsRule"),
            "invalid type: integer `1`, expected an object"
        );
        // The caller's own text is never rewritten.
        assert_eq!(
            clean_message("unknown field `expected struct é`, expected one of `a`"),
            "unknown field `expected struct é`, expected one of `a`"
        );
    }

    #[test]
    fn trailing_data_is_malformed() {
        let err = parse::<u32>("1 2").unwrap_err();
        assert_eq!(err.code, ErrorCode::MalformedJson);
    }
}
