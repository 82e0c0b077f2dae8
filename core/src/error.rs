//! Errors every surface reports the same way: `{code, message, path}`.
//!
//! Codes are stable: once published, a code keeps its meaning and is never reused.
//! Messages are lowercase, without a trailing period, quote user input in
//! backticks, and never name Rust types. Paths are JSON pointers (RFC 6901) into the
//! document that was rejected; the empty string means the whole document.

use std::fmt::{self, Write as _};

use serde::{Deserialize, Serialize};

/// A stable, documented error code.
///
/// The wire spelling (camelCase) is what [`ErrorCode::as_str`] returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum ErrorCode {
    /// The input was empty or only whitespace.
    EmptyInput,
    /// The input is not well-formed JSON (syntax error, truncated, trailing data).
    MalformedJson,
    /// The JSON nests arrays or objects deeper than the parser allows (128 levels).
    NestingTooDeep,
    /// An object has a field the format does not define (often a misspelling).
    UnknownField,
    /// A required field is absent.
    MissingField,
    /// An object gives the same field twice.
    DuplicateField,
    /// A value has the wrong JSON type or is out of range for its field (an
    /// array where an object belongs among them: fields are never read by
    /// position).
    InvalidType,
    /// A string holds a lone surrogate: JSON text escapes half of a UTF-16
    /// surrogate pair (`\ud800` to `\udfff`) without the other half, or a
    /// JavaScript string holds one. It is not a character, and no UTF-8 text can
    /// hold it.
    InvalidUnicode,
    /// A string is not one of the values its field allows (for example an unknown
    /// breach kind).
    UnknownValue,
    /// A date is not a real calendar date written `YYYY-MM-DD`.
    InvalidDate,
    /// A protective marking combines a classification and caveat that cannot go
    /// together (STRAP on OFFICIAL, SENSITIVE on SECRET, a repeated caveat).
    InvalidMarking,
    /// The breach kind does not apply to the facts given (for example a
    /// change-of-circumstances breach by someone who is not security-cleared, or a
    /// SECRET-material kind with OFFICIAL material).
    KindNotApplicable,
    /// A site lowers its response level below the level the national threat maps
    /// to without a recorded approval (who, when, why).
    OverrideNotApproved,
    /// Dates are in an impossible order (for example an earlier breach dated after
    /// the breach being assessed).
    DateOutOfOrder,
    /// A request lists the same entry twice where each must be unique (an
    /// incident record id, an SPF element in a compliance return).
    DuplicateEntry,
    /// The document declares a `schemaVersion` this library does not read.
    UnsupportedSchemaVersion,
    /// A policy document lacks an entry it must have (every breach kind, every
    /// route, …).
    PolicyIncomplete,
    /// A policy document lists the same entry twice.
    PolicyDuplicateEntry,
    /// The matrix bands of a policy do not cover scores 1 to 12 exactly once each.
    PolicyBandsInvalid,
    /// A policy would let a worse breach get a lower score or level (matrix rows or
    /// columns, band levels, escalations or conversions that go down).
    PolicyNotMonotone,
    /// A policy's control matrix names a control that is not in its catalogue.
    PolicyUnknownControl,
    /// A policy value is out of its allowed range (a score outside 1 to 12, an empty
    /// citation, …).
    PolicyInvalidValue,
    /// A policy document loosens a statement of the MoJ texts (a lower floor, a
    /// longer interval, a dropped obligation, a statement relabelled as a default
    /// or with its citation changed) without declaring it as a variation agreed by
    /// the Accounting Officer.
    PolicyWeakensStatement,
    /// A required pointer argument was NULL (C library only).
    NullArgument,
    /// Input text is not valid UTF-8 (C library only; Rust strings always are).
    InvalidUtf8,
    /// A streamed batch stopped because its read callback reported a failure or
    /// its write callback refused the answers (C library only). After a failed
    /// read, every line read whole before it was answered; after a refused
    /// write, the answers before it were written.
    StreamFailed,
    /// A defect inside the library; please report it. No input should produce it.
    Internal,
}

impl ErrorCode {
    /// Every code, in documentation order.
    pub const ALL: [ErrorCode; 27] = [
        ErrorCode::EmptyInput,
        ErrorCode::MalformedJson,
        ErrorCode::NestingTooDeep,
        ErrorCode::UnknownField,
        ErrorCode::MissingField,
        ErrorCode::DuplicateField,
        ErrorCode::InvalidType,
        ErrorCode::InvalidUnicode,
        ErrorCode::UnknownValue,
        ErrorCode::InvalidDate,
        ErrorCode::InvalidMarking,
        ErrorCode::KindNotApplicable,
        ErrorCode::OverrideNotApproved,
        ErrorCode::DateOutOfOrder,
        ErrorCode::DuplicateEntry,
        ErrorCode::UnsupportedSchemaVersion,
        ErrorCode::PolicyIncomplete,
        ErrorCode::PolicyDuplicateEntry,
        ErrorCode::PolicyBandsInvalid,
        ErrorCode::PolicyNotMonotone,
        ErrorCode::PolicyUnknownControl,
        ErrorCode::PolicyInvalidValue,
        ErrorCode::PolicyWeakensStatement,
        ErrorCode::NullArgument,
        ErrorCode::InvalidUtf8,
        ErrorCode::StreamFailed,
        ErrorCode::Internal,
    ];

    /// The stable wire spelling of the code.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::EmptyInput => "emptyInput",
            ErrorCode::MalformedJson => "malformedJson",
            ErrorCode::NestingTooDeep => "nestingTooDeep",
            ErrorCode::UnknownField => "unknownField",
            ErrorCode::MissingField => "missingField",
            ErrorCode::DuplicateField => "duplicateField",
            ErrorCode::InvalidType => "invalidType",
            ErrorCode::InvalidUnicode => "invalidUnicode",
            ErrorCode::UnknownValue => "unknownValue",
            ErrorCode::InvalidDate => "invalidDate",
            ErrorCode::InvalidMarking => "invalidMarking",
            ErrorCode::KindNotApplicable => "kindNotApplicable",
            ErrorCode::OverrideNotApproved => "overrideNotApproved",
            ErrorCode::DateOutOfOrder => "dateOutOfOrder",
            ErrorCode::DuplicateEntry => "duplicateEntry",
            ErrorCode::UnsupportedSchemaVersion => "unsupportedSchemaVersion",
            ErrorCode::PolicyIncomplete => "policyIncomplete",
            ErrorCode::PolicyDuplicateEntry => "policyDuplicateEntry",
            ErrorCode::PolicyBandsInvalid => "policyBandsInvalid",
            ErrorCode::PolicyNotMonotone => "policyNotMonotone",
            ErrorCode::PolicyUnknownControl => "policyUnknownControl",
            ErrorCode::PolicyInvalidValue => "policyInvalidValue",
            ErrorCode::PolicyWeakensStatement => "policyWeakensStatement",
            ErrorCode::NullArgument => "nullArgument",
            ErrorCode::InvalidUtf8 => "invalidUtf8",
            ErrorCode::StreamFailed => "streamFailed",
            ErrorCode::Internal => "internal",
        }
    }

    /// Whether the code reports a problem with a policy document rather than with a
    /// request.
    #[must_use]
    pub const fn is_policy_error(self) -> bool {
        matches!(
            self,
            ErrorCode::PolicyIncomplete
                | ErrorCode::PolicyDuplicateEntry
                | ErrorCode::PolicyBandsInvalid
                | ErrorCode::PolicyNotMonotone
                | ErrorCode::PolicyUnknownControl
                | ErrorCode::PolicyInvalidValue
                | ErrorCode::PolicyWeakensStatement
        )
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// At most this many characters of the caller's own text are quoted in a
/// message.
const MAX_QUOTED_CHARS: usize = 200;

/// Caller text as a message quotes it (see [`SpfError::quote`]), written
/// straight into the message being formatted.
pub(crate) struct Quoted<'a>(pub(crate) &'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut chars = self.0.chars();
        for ch in chars.by_ref().take(MAX_QUOTED_CHARS) {
            if ch.is_control() {
                write!(f, "\\u{:04x}", u32::from(ch))?;
            } else {
                f.write_char(ch)?;
            }
        }
        if chars.next().is_some() {
            f.write_char('…')?;
        }
        Ok(())
    }
}

impl Quoted<'_> {
    /// Whether quoting leaves the text as it is (the common case, checked
    /// without allocating).
    pub(crate) fn is_verbatim(&self) -> bool {
        self.0.len() <= MAX_QUOTED_CHARS && !self.0.chars().any(char::is_control)
    }
}

/// An error as every surface reports it: a stable code, a readable message and the
/// JSON pointer of the offending value, and every other problem found in the
/// same input.
///
/// Its JSON document is `{"code", "message", "path", "errors"}`: the first
/// three describe the first problem, and `errors` lists every problem found as
/// `{code, message, path}`, the first one first (so it always holds at least
/// one entry, the top-level error itself).
///
/// ```
/// use spf_core::{Engine, ErrorCode};
/// let engine = Engine::moj_default();
/// let err = spf_core::json::assess_breach(&engine, r#"{"kind":"lossOfPass","nope":1}"#)
///     .unwrap_err();
/// assert_eq!(err.code, ErrorCode::UnknownField);
/// assert_eq!(err.path, "/nope");
/// assert!(err.to_json().contains(r#""errors":[{"code":"unknownField""#));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[cfg_attr(
    feature = "typescript",
    tsify(
        type = "{ code: ErrorCode; message: string; path: string; errors: { code: ErrorCode; message: string; path: string }[] }"
    )
)]
#[error("{code}: {message}{}{}", path_suffix(.path), more_suffix(.also.len()))]
pub struct SpfError {
    /// The stable error code.
    pub code: ErrorCode,
    /// What went wrong, for people.
    pub message: String,
    /// JSON pointer to the offending value; empty for the whole document.
    pub path: String,
    /// The other problems found in the same input, in the order they were
    /// found; empty when this is the only one. Each is a single problem (its
    /// own `also` is empty). On the wire they follow this one in `errors`.
    pub also: Vec<SpfError>,
}

/// The wire form of an error: the first problem and every problem.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ErrorWire<'a> {
    code: ErrorCode,
    #[serde(borrow)]
    message: std::borrow::Cow<'a, str>,
    #[serde(borrow)]
    path: std::borrow::Cow<'a, str>,
    // Optional when read, so documents written before the list existed still read.
    #[serde(default, borrow)]
    errors: Vec<DetailWire<'a>>,
}

/// One problem on the wire, `{code, message, path}`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DetailWire<'a> {
    code: ErrorCode,
    #[serde(borrow)]
    message: std::borrow::Cow<'a, str>,
    #[serde(borrow)]
    path: std::borrow::Cow<'a, str>,
}

impl<'a> DetailWire<'a> {
    fn of(error: &'a SpfError) -> Self {
        Self {
            code: error.code,
            message: std::borrow::Cow::Borrowed(&error.message),
            path: std::borrow::Cow::Borrowed(&error.path),
        }
    }
}

impl Serialize for SpfError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ErrorWire {
            code: self.code,
            message: std::borrow::Cow::Borrowed(&self.message),
            path: std::borrow::Cow::Borrowed(&self.path),
            errors: std::iter::once(self)
                .chain(&self.also)
                .map(DetailWire::of)
                .collect(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for SpfError {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = ErrorWire::deserialize(deserializer)?;
        let also = wire
            .errors
            .into_iter()
            .skip(1)
            .map(|detail| SpfError::new(detail.code, detail.message, detail.path))
            .collect();
        Ok(SpfError {
            code: wire.code,
            message: wire.message.into_owned(),
            path: wire.path.into_owned(),
            also,
        })
    }
}

fn more_suffix(more: usize) -> String {
    if more == 0 {
        String::new()
    } else {
        format!(" (and {more} more)")
    }
}

fn path_suffix(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!(" (at {path})")
    }
}

impl SpfError {
    /// Builds an error.
    #[must_use]
    pub fn new(code: ErrorCode, message: impl Into<String>, path: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            path: path.into(),
            also: Vec::new(),
        }
    }

    /// Every problem this error reports, this one first, each on its own (with
    /// no further problems attached): what a surface lists for a person.
    ///
    /// ```
    /// use spf_core::{json, BreachReport, ErrorCode};
    /// let error = json::parse::<BreachReport>(
    ///     r#"{"kind": "passwordSharing", "care": "deliberate"}"#,
    /// ).unwrap_err();
    /// let codes: Vec<_> = error.problems().iter().map(|p| (p.code, p.path.clone())).collect();
    /// assert_eq!(codes[0], (ErrorCode::UnknownValue, "/kind".to_owned()));
    /// assert!(codes.len() >= 3, "{codes:?}");
    /// ```
    #[must_use]
    pub fn problems(&self) -> Vec<SpfError> {
        std::iter::once(self)
            .chain(&self.also)
            .map(|error| SpfError::new(error.code, error.message.clone(), error.path.clone()))
            .collect()
    }

    /// Caller text as every message quotes it: at most 200 characters, cut on a
    /// character boundary and followed by `…` when longer, with each control
    /// character written as a `\u` escape (`\u0000` for NUL).
    ///
    /// So a message stays short whatever the caller sent, and holds no NUL:
    /// C reads a message up to its first NUL byte, and gets all of it. The
    /// library quotes caller text this way in every message it writes; a
    /// caller composing its own messages around one of ours can do the same.
    ///
    /// ```
    /// use spf_core::SpfError;
    /// assert_eq!(SpfError::quote("lossOfPass"), "lossOfPass");
    /// assert_eq!(SpfError::quote("a\u{0}b"), "a\\u0000b");
    /// let long = SpfError::quote(&"é".repeat(10_000));
    /// assert_eq!(long.chars().count(), 201);
    /// assert!(long.ends_with("é…"));
    /// ```
    #[must_use]
    pub fn quote(text: &str) -> String {
        let quoted = Quoted(text);
        if quoted.is_verbatim() {
            text.to_owned()
        } else {
            quoted.to_string()
        }
    }

    /// The error without the parser's trailing "at line L column C", for text
    /// the caller did not write as given (a nested document, or JSON made from
    /// a JavaScript object); the `path` still locates the value.
    ///
    /// ```
    /// use spf_core::{json, BreachReport};
    /// let error = json::parse::<BreachReport>(r#"{"kind": "lossOfPas"}"#).unwrap_err();
    /// assert!(error.message.contains(" at line 1 column "));
    /// assert!(!error.without_position().message.contains("at line"));
    /// ```
    #[must_use]
    pub fn without_position(mut self) -> Self {
        strip_position(&mut self.message);
        for other in &mut self.also {
            strip_position(&mut other.message);
        }
        self
    }

    /// The error as its JSON document, `{"code":…,"message":…,"path":…,"errors":[…]}`.
    #[must_use]
    pub fn to_json(&self) -> String {
        // Only strings and a unit enum: serialisation cannot fail, but stay total.
        serde_json::to_string(self).unwrap_or_else(|_| {
            String::from(
                r#"{"code":"internal","message":"error could not be serialised","path":"","errors":[{"code":"internal","message":"error could not be serialised","path":""}]}"#,
            )
        })
    }
}

/// Drops the parser's trailing " at line L column C" from a message.
fn strip_position(message: &mut String) {
    if let Some(cut) = message.rfind(" at line ") {
        let tail = message.get(cut..).unwrap_or_default();
        if tail.split_whitespace().count() == 5 && tail.contains(" column ") {
            message.truncate(cut);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_stable_distinct_spellings_matching_serde() {
        let mut seen = std::collections::BTreeSet::new();
        for code in ErrorCode::ALL {
            assert!(seen.insert(code.as_str()), "duplicate {code}");
            let via_serde = serde_json::to_string(&code).unwrap();
            assert_eq!(via_serde, format!("\"{}\"", code.as_str()));
        }
    }

    #[test]
    fn quoting_cuts_on_a_character_boundary_and_escapes_controls() {
        assert_eq!(SpfError::quote(""), "");
        let exact = "x".repeat(MAX_QUOTED_CHARS);
        assert_eq!(SpfError::quote(&exact), exact);
        let over = "☃".repeat(MAX_QUOTED_CHARS + 1);
        let quoted = SpfError::quote(&over);
        assert_eq!(quoted, format!("{}…", "☃".repeat(MAX_QUOTED_CHARS)));
        assert_eq!(
            SpfError::quote("tab\there\nnul\u{0}del\u{7f}c1\u{85}"),
            "tab\\u0009here\\u000anul\\u0000del\\u007fc1\\u0085"
        );
        // An escape counts as the one character it stands for.
        let nuls = SpfError::quote(&"\u{0}".repeat(300));
        assert_eq!(nuls, format!("{}…", "\\u0000".repeat(MAX_QUOTED_CHARS)));
        assert!(!nuls.contains('\u{0}'));
    }

    #[test]
    fn error_json_shape() {
        let err = SpfError::new(ErrorCode::InvalidDate, "invalid date `x`", "/occurred");
        assert_eq!(
            err.to_json(),
            r#"{"code":"invalidDate","message":"invalid date `x`","path":"/occurred","errors":[{"code":"invalidDate","message":"invalid date `x`","path":"/occurred"}]}"#
        );
        let read: SpfError = serde_json::from_str(&err.to_json()).unwrap();
        assert_eq!(read, err);
        // A document without the list (as written before it existed) still reads.
        let old: SpfError = serde_json::from_str(
            r#"{"code":"invalidDate","message":"invalid date `x`","path":"/occurred"}"#,
        )
        .unwrap();
        assert_eq!(old, err);
        assert_eq!(
            err.to_string(),
            "invalidDate: invalid date `x` (at /occurred)"
        );
    }
}
