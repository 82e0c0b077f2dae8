//! Reading JSON: requests and documents into wire types, with every failure
//! mapped to a stable [`ErrorCode`] and the JSON pointer of the offending value.

use std::cell::Cell;

use serde::Deserialize;
use serde::de::{DeserializeOwned, DeserializeSeed, Deserializer, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_path_to_error::Segment;

use crate::codec::shape::{ShapeRead, ShapeSeed, Track};
use crate::codec::strict::Strict;
use crate::codec::{Pointer, problems, suggest};
use crate::error::{ErrorCode, Quoted, SpfError};

/// Parses any wire type, mapping failures to stable codes and JSON pointers,
/// and reporting every problem the input has where parsing allows.
///
/// The first problem is the error itself; the others follow it in
/// [`SpfError::also`]: unknown and missing fields, unknown values and bad
/// types, each at its own pointer. A name from a fixed set is read in any letter case.
///
/// ```
/// use spf_core::{json, BreachReport, ErrorCode};
/// let err = json::parse::<BreachReport>(r#"{"kind": "lossOfPas"}"#).unwrap_err();
/// assert_eq!(err.code, ErrorCode::UnknownValue);
/// assert_eq!(err.path, "/kind");
/// assert!(err.message.starts_with("unknown value `lossOfPas` for `kind`; did you mean `lossOfPass`?"));
/// // The fields the report lacks are reported too.
/// assert!(err.also.iter().any(|e| e.message == "missing field `care`"));
/// ```
pub fn parse<T: DeserializeOwned>(json: &str) -> Result<T, SpfError> {
    parse_rereading(json, reject_owned::<T>)
}

fn reject_owned<T: DeserializeOwned>(text: &str) -> Option<Problem> {
    read_tracked::<T>(text).err()
}

/// Reads `text` as a `T` only to find its first problem, if it has one: how
/// the collection of problems re-reads an input it has corrected.
pub(crate) type Reread = fn(&str) -> Option<Problem>;

/// The first problem of `text` read as a `T`, or `None` if it reads.
pub(crate) fn reject<'a, T: Deserialize<'a>>(text: &'a str) -> Option<Problem> {
    read_tracked::<T>(text).err()
}

/// [`parse`] for a type that borrows from the input, which cannot be re-read
/// from the corrected copies the collection of problems makes: `reread` reads
/// the same type with the copy's lifetime (`|text| reject::<Wire<'_>>(text)`).
pub(crate) fn parse_rereading<'a, T: Deserialize<'a>>(
    json: &'a str,
    reread: Reread,
) -> Result<T, SpfError> {
    parse_rereading_with(json, read_tracked::<T>, reread)
}

/// [`parse_rereading`] with the tracked reading given: serde_path_to_error's
/// ([`read_tracked`]) or a reader's own.
fn parse_rereading_with<'a, T: Deserialize<'a>>(
    json: &'a str,
    read_tracked: fn(&'a str) -> Result<T, Problem>,
    reread: Reread,
) -> Result<T, SpfError> {
    check_not_empty(json)?;
    // Well-formed input takes the fast path; only a failure pays for a second,
    // path-tracking pass that finds the JSON pointer of the offending value.
    // A WebAssembly build reads everything in the one tracked pass instead: a
    // second copy of every wire type's deserialiser would double its download.
    // Collecting the other problems re-reads through that same tracked
    // deserialiser, so it adds no copy either.
    if cfg!(target_arch = "wasm32") {
        return read_tracked(json).map_err(|first| problems::every(json, first, reread));
    }
    match parse_untracked(json) {
        Ok(value) => Ok(value),
        Err(_) => match read_tracked(json) {
            Err(first) => Err(problems::every(json, first, reread)),
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
/// documents), where a fast path would only add code. Every problem is
/// reported, as [`parse`] does.
pub(crate) fn parse_once<T: DeserializeOwned>(json: &str) -> Result<T, SpfError> {
    check_not_empty(json)?;
    read_tracked(json).map_err(|first| problems::every(json, first, reject_owned::<T>))
}

/// Reads strictly (see [`Strict`]) without tracking where the parser is: the
/// fast path, and readers that only ask whether a value reads at all.
pub(crate) fn parse_untracked<'a, T: Deserialize<'a>>(
    json: &'a str,
) -> Result<T, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let value = T::deserialize(Strict(&mut deserializer))?;
    deserializer.end()?;
    Ok(value)
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

/// One problem found by a tracked reading: the error, and for an unknown name
/// from a fixed set the first valid name (which the collection of problems
/// puts in its place to read on).
pub(crate) struct Problem {
    pub(crate) error: SpfError,
    pub(crate) first_valid_name: Option<String>,
}

impl Problem {
    fn plain(error: SpfError) -> Self {
        Self {
            error,
            first_valid_name: None,
        }
    }
}

/// Deserialises while tracking where the parser is, so that a failure carries
/// the JSON pointer of the offending value.
fn read_tracked<'a, T: Deserialize<'a>>(json: &'a str) -> Result<T, Problem> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    match serde_path_to_error::deserialize::<_, T>(Strict(&mut deserializer)) {
        Err(e) => Err(rejected(
            json,
            e.inner(),
            pointer_of(e.path()),
            field_of(e.path()),
        )),
        Ok(value) => match deserializer.end() {
            Err(e) => Err(classify(&e, Pointer::root(), None)),
            Ok(()) => Ok(value),
        },
    }
}

/// The problem of a reading that failed at `pointer` (in the field named
/// `field`, if any).
fn rejected(
    json: &str,
    error: &serde_json::Error,
    pointer: Pointer,
    field: Option<String>,
) -> Problem {
    let problem = classify(error, pointer, field);
    // The parser reports a value of the wrong JSON type where a name from
    // a fixed set belongs (`"kind": 7`) as a syntax error; if the text is
    // in fact well-formed JSON, it is a type error.
    if problem.error.code == ErrorCode::MalformedJson
        && serde_json::from_str::<serde::de::IgnoredAny>(json).is_ok()
    {
        Problem::plain(SpfError::new(
            ErrorCode::InvalidType,
            "invalid type: expected a string naming one of the field's values",
            problem.error.path,
        ))
    } else {
        problem
    }
}

/// [`parse`] for a type the shape reader reads, tracking where a failure is
/// itself: the same value or the same error, without `serde_path_to_error`'s
/// wrappers around every reader of the shape.
pub(crate) fn parse_shape<T: ShapeRead + DeserializeOwned>(json: &str) -> Result<T, SpfError> {
    parse_rereading_with(json, read_shape_tracked::<T>, reject_shape::<T>)
}

fn reject_shape<T: ShapeRead>(text: &str) -> Option<Problem> {
    read_shape_tracked::<T>(text).err()
}

/// Reads a shape strictly, noting where a failure arises.
fn read_shape_tracked<T: ShapeRead>(json: &str) -> Result<T, Problem> {
    let track = Track::default();
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let read = ShapeSeed::root(T::SHAPE, &track).deserialize(Strict(&mut deserializer));
    match read {
        Err(e) => {
            let (pointer, field) = track.into_failure();
            Err(rejected(json, &e, pointer, field))
        }
        Ok(value) => match deserializer.end() {
            Err(e) => Err(classify(&e, Pointer::root(), None)),
            // INVARIANT: the shape reader gives a value of the shape it read.
            Ok(()) => T::from_shape(value).ok_or_else(|| {
                Problem::plain(SpfError::new(
                    ErrorCode::Internal,
                    "a value read outside its shape",
                    "",
                ))
            }),
        },
    }
}

/// The items of a JSON array, each as its own text: what `Vec<&RawValue>`
/// reads, with the same value or the same error, and a failure's pointer
/// tracked here (the item being read, or the array itself).
pub(crate) fn parse_raw_items(json: &str) -> Result<Vec<&RawValue>, SpfError> {
    parse_rereading_with(json, read_raw_items_tracked, |text| {
        read_raw_items_tracked(text).err()
    })
}

fn read_raw_items_tracked(json: &str) -> Result<Vec<&RawValue>, Problem> {
    let failed_item = Cell::new(None);
    let mut deserializer = serde_json::Deserializer::from_str(json);
    match (RawItems {
        failed_item: &failed_item,
    })
    .deserialize(Strict(&mut deserializer))
    {
        Err(e) => {
            let pointer = match failed_item.get() {
                Some(index) => Pointer::root().index(index),
                None => Pointer::root(),
            };
            Err(rejected(json, &e, pointer, None))
        }
        Ok(items) => match deserializer.end() {
            Err(e) => Err(classify(&e, Pointer::root(), None)),
            Ok(()) => Ok(items),
        },
    }
}

/// serde's `Vec<&RawValue>` reader, noting the index of the item a failure
/// arose in.
struct RawItems<'a> {
    failed_item: &'a Cell<Option<usize>>,
}

impl<'de> DeserializeSeed<'de> for RawItems<'_> {
    type Value = Vec<&'de RawValue>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RawItems<'_> {
    type Value = Vec<&'de RawValue>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        loop {
            let item = RawItem {
                index: items.len(),
                failed_item: self.failed_item,
            };
            match seq.next_element_seed(item)? {
                Some(raw) => items.push(raw),
                None => return Ok(items),
            }
        }
    }
}

/// One item of [`RawItems`].
struct RawItem<'a> {
    index: usize,
    failed_item: &'a Cell<Option<usize>>,
}

impl<'de> DeserializeSeed<'de> for RawItem<'_> {
    type Value = &'de RawValue;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        <&RawValue>::deserialize(deserializer).inspect_err(|_| {
            self.failed_item.set(Some(self.index));
        })
    }
}

/// Items read from a request's array: those that parsed, and the index and
/// error of the others.
pub(crate) type ReadEach<T> = (Vec<(usize, T)>, Vec<(usize, SpfError)>);

/// Reads each item of a request's array on its own: the items that parse, and
/// for the others their index and error, pointed from the request's root
/// (`/<field>/<index>/...`).
pub(crate) fn parse_each<'a, T: DeserializeOwned>(
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

/// An error found inside a nested document, re-pointed from the document's root
/// (with every other problem found in it). The parser's "at line L column C"
/// counted from the nested document's start, which would mislead, so it is
/// dropped; the pointer locates the value.
pub(crate) fn within(mut error: SpfError, at: &Pointer) -> SpfError {
    error.path = format!("{}{}", at.as_str(), error.path);
    for other in &mut error.also {
        other.path = format!("{}{}", at.as_str(), other.path);
    }
    error.without_position()
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

/// The name of the field a path ends in (for an item of a list, the list's
/// field), for messages that name it.
fn field_of(path: &serde_path_to_error::Path) -> Option<String> {
    path.iter().rev().find_map(|segment| match segment {
        Segment::Map { key } => Some(key.clone()),
        Segment::Enum { variant } => Some(variant.clone()),
        Segment::Seq { .. } | Segment::Unknown => None,
    })
}

fn classify(error: &serde_json::Error, pointer: Pointer, field: Option<String>) -> Problem {
    use serde_json::error::Category;
    if error.classify() == Category::Data {
        if let Some(problem) = unknown_name(error, &pointer, field.as_deref()) {
            return problem;
        }
    }
    Problem::plain(classify_error(error, pointer))
}

/// The parser's position in the text, as its messages end: ` at line L column
/// C`, or nothing when it has none.
fn position(error: &serde_json::Error) -> String {
    if error.line() == 0 {
        String::new()
    } else {
        format!(" at line {} column {}", error.line(), error.column())
    }
}

/// An unknown value or field in words a person can act on: the nearest valid
/// name if one is near, otherwise every valid name.
///
/// serde writes `unknown variant `x`, expected one of `a`, `b`` (or `expected
/// `a``, `expected `a` or `b``, `there are no variants`), and the same with
/// `field`. The caller's text runs to the last "`, expected " or "`, there
/// are no"; the names after it are the format's own.
fn unknown_name(
    error: &serde_json::Error,
    pointer: &Pointer,
    field: Option<&str>,
) -> Option<Problem> {
    let raw = error.to_string();
    let position = position(error);
    let raw = raw.strip_suffix(position.as_str()).unwrap_or(&raw);
    let (code, rest) = if let Some(rest) = raw.strip_prefix("unknown variant `") {
        (ErrorCode::UnknownValue, rest)
    } else if let Some(rest) = raw.strip_prefix("unknown field `") {
        (ErrorCode::UnknownField, rest)
    } else {
        return None;
    };
    let cut = rest
        .rfind("`, expected ")
        .or_else(|| rest.rfind("`, there are no "))?;
    let (given, names) = rest.split_at(cut);
    let names: Vec<&str> = names
        .get(1..)
        .unwrap_or_default()
        .split('`')
        .skip(1)
        .step_by(2)
        .collect();
    let what = match (code, field) {
        (ErrorCode::UnknownValue, Some(field)) => {
            format!("unknown value `{}` for `{}`", Quoted(given), Quoted(field))
        }
        (ErrorCode::UnknownValue, None) => format!("unknown value `{}`", Quoted(given)),
        _ => format!("unknown field `{}`", Quoted(given)),
    };
    let hint = match (suggest::nearest(given, &names), names.as_slice()) {
        (Some(near), _) => format!("; did you mean `{near}`?"),
        (None, []) => String::new(),
        (None, [only]) => format!("; expected `{only}`"),
        (None, all) => format!("; expected one of `{}`", all.join("`, `")),
    };
    Some(Problem {
        error: SpfError::new(code, format!("{what}{hint}{position}"), pointer.as_str()),
        first_valid_name: names.first().map(|name| (*name).to_owned()),
    })
}

fn classify_error(error: &serde_json::Error, mut pointer: Pointer) -> SpfError {
    use serde_json::error::Category;
    let message = clean_message(&error.to_string());
    let code = match error.classify() {
        Category::Io => ErrorCode::Internal,
        Category::Eof => ErrorCode::MalformedJson,
        Category::Syntax if message.starts_with("recursion limit exceeded") => {
            ErrorCode::NestingTooDeep
        }
        Category::Syntax if is_lone_surrogate(&message) => {
            return SpfError::new(
                ErrorCode::InvalidUnicode,
                lone_surrogate_message(error),
                pointer.into_string(),
            );
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

/// serde_json's words for a `\u` escape of half a surrogate pair without the
/// other half (the only cases in which it reports either).
fn is_lone_surrogate(message: &str) -> bool {
    message.starts_with("lone leading surrogate in hex escape")
        || message.starts_with("unexpected end of hex escape")
}

fn lone_surrogate_message(error: &serde_json::Error) -> String {
    const TEXT: &str = "lone surrogate in a string: an escape from `\\ud800` to `\\udfff` is half of a character and must be one of a pair";
    if error.line() == 0 {
        TEXT.to_owned()
    } else {
        format!("{TEXT} at line {} column {}", error.line(), error.column())
    }
}

/// Rewrites the parser's wording so messages never name Rust types. Only the text
/// after the last `expected` is the parser's own; anything before it may quote
/// the caller's input, which is quoted as every message quotes caller text
/// (short, no control characters) and otherwise left alone.
fn clean_message(raw: &str) -> String {
    let Some(split) = raw.rfind("expected ") else {
        return quote_caller_text(raw);
    };
    let (quoted, own) = raw.split_at(split);
    let quoted = quote_caller_text(quoted);
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

/// The parser's words before its `expected …` (`unknown field `…`, `,
/// `invalid type: string "…", `, `invalid date `…`: `) with the caller's text
/// in them quoted short. That text runs from the first quote mark to the last
/// of the same kind: the words around it hold no quote marks, and the text
/// itself may.
fn quote_caller_text(words: &str) -> String {
    let Some(open) = words.find(['`', '"']) else {
        return words.to_owned();
    };
    let mark = if words.get(open..).is_some_and(|rest| rest.starts_with('`')) {
        '`'
    } else {
        '"'
    };
    let Some(close) = words.rfind(mark).filter(|&close| close > open) else {
        return words.to_owned();
    };
    let (Some(head), Some(text), Some(tail)) = (
        words.get(..=open),
        words.get(open + 1..close),
        words.get(close..),
    ) else {
        return words.to_owned();
    };
    let text = Quoted(text);
    if text.is_verbatim() {
        words.to_owned()
    } else {
        format!("{head}{text}{tail}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The raw items' own tracking against serde_path_to_error's reading of
    /// `Vec<&RawValue>`: the same items, or the same error and pointer.
    #[test]
    fn raw_items_read_as_serde_reads_them() {
        let whole = [
            r#"[{"kind": "lossOfPass"}, [1, 2], "x", 7, null, {"a": {"b": []}}]"#,
            r#"[ {"a":1} , {"b":[1,{"c":"\u00e9"}]} ]"#,
            "[]",
        ];
        let mut texts: Vec<String> = Vec::new();
        for text in whole {
            // Cut short at every character: each prefix fails somewhere.
            for (end, _) in text.char_indices().skip(1) {
                texts.extend(text.get(..end).map(str::to_owned));
            }
            texts.push(text.to_owned());
        }
        texts.extend(
            [
                "{}",
                "7",
                "null",
                "\"x\"",
                "[1,]",
                "[1 2]",
                "[,1]",
                "[1]]",
                "[1] x",
                "[{\"a\":}]",
                "[{\"a\" 1}]",
                "[{1:2}]",
                "[[[[",
                "[\"\\ud800\"]",
                "[tru]",
                "[1, {\"a\": 1,}]",
                " ",
                "[\"\u{1}\"]",
            ]
            .map(str::to_owned),
        );
        texts.push(format!("[{}1{}]", "[".repeat(200), "]".repeat(200)));
        for text in &texts {
            let own = parse_raw_items(text)
                .map(|items| items.iter().map(|raw| raw.get()).collect::<Vec<_>>());
            let serde = parse_rereading(text, |text| reject::<Vec<&RawValue>>(text))
                .map(|items: Vec<&RawValue>| items.iter().map(|raw| raw.get()).collect::<Vec<_>>());
            assert_eq!(own, serde, "{text}");
        }
        // Not vacuous: failures inside an item point at it.
        assert_eq!(parse_raw_items("[1, {\"a\":}]").unwrap_err().path, "/1");
    }

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
    fn caller_text_in_parser_messages_is_quoted_short() {
        let long = "`é\u{0}".repeat(100);
        let quoted = SpfError::quote(&long);
        assert_eq!(
            clean_message(&format!("unknown field `{long}`, expected one of `a`, `b`")),
            format!("unknown field `{quoted}`, expected one of `a`, `b`")
        );
        // serde writes a string's text as Rust's debug form: escaped quotes.
        let debug = format!("{:?}", "é\"".repeat(300));
        let cleaned = clean_message(&format!(
            "invalid type: string {debug}, expected u32 at line 1 column 3"
        ));
        assert!(
            cleaned.starts_with("invalid type: string \"é\\\"é"),
            "{cleaned}"
        );
        assert!(
            cleaned.ends_with("…\", expected an integer from 0 to 4294967295 at line 1 column 3"),
            "{cleaned}"
        );
        assert!(cleaned.chars().count() < 300, "{cleaned}");
        // Short text stays as it is, quote marks and all.
        let plain = "invalid date `2026-02-30`: expected a real calendar date written YYYY-MM-DD";
        assert_eq!(clean_message(plain), plain);
        let no_expected = format!("caveat `{long}` is given more than once");
        assert_eq!(
            clean_message(&no_expected),
            format!("caveat `{quoted}` is given more than once")
        );
    }

    #[test]
    fn arrays_are_not_read_as_objects() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(expecting = "a pair object")]
        #[allow(dead_code)]
        struct Pair {
            a: u8,
            b: Option<Box<Pair>>,
        }
        let err = parse::<Pair>("[1]").unwrap_err();
        assert_eq!((err.code, err.path.as_str()), (ErrorCode::InvalidType, ""));
        assert_eq!(
            err.message,
            "invalid type: array, expected a pair object at line 1 column 1"
        );
        // At depth too, through an Option and a Box.
        let err = parse::<Pair>(r#"{"a":1,"b":{"a":2,"b":[3]}}"#).unwrap_err();
        assert_eq!(
            (err.code, err.path.as_str()),
            (ErrorCode::InvalidType, "/b/b")
        );
        assert!(parse::<Pair>(r#"{"a":1,"b":{"a":2,"b":null}}"#).is_ok());
        // A list of objects is still a list.
        let items: Vec<Pair> = parse(r#"[{"a":1},{"a":2}]"#).unwrap();
        assert_eq!(items.len(), 2);
        let err = parse::<Vec<Pair>>(r#"[{"a":1},[2]]"#).unwrap_err();
        assert_eq!(
            (err.code, err.path.as_str()),
            (ErrorCode::InvalidType, "/1")
        );
    }

    #[test]
    fn a_lone_surrogate_is_invalid_unicode_at_its_string() {
        for text in [
            r#"{"s":"\ud800"}"#,
            r#"{"s":"\udc00"}"#,
            r#"{"s":"\ud800x"}"#,
            r#"{"s":"\ud800\n"}"#,
            r#"{"s":"\ud800\ud800"}"#,
        ] {
            let err = parse::<std::collections::BTreeMap<String, String>>(text).unwrap_err();
            assert_eq!(
                (err.code, err.path.as_str()),
                (ErrorCode::InvalidUnicode, "/s"),
                "{text}"
            );
            assert!(
                err.message.starts_with("lone surrogate in a string: "),
                "{}",
                err.message
            );
            assert!(
                err.message.ends_with(" at line 1 column 12")
                    || err.message.contains(" at line 1 column "),
                "{}",
                err.message
            );
        }
        let pair: std::collections::BTreeMap<String, String> =
            parse(r#"{"s":"\ud834\udd1e"}"#).unwrap();
        assert_eq!(pair.get("s").map(String::as_str), Some("\u{1d11e}"));
    }

    #[test]
    fn trailing_data_is_malformed() {
        let err = parse::<u32>("1 2").unwrap_err();
        assert_eq!(err.code, ErrorCode::MalformedJson);
    }
}
