//! Every problem of a rejected input, not just the first: so that a person
//! fixes a request in one round, not one round per mistake.
//!
//! The typed reading stops at its first problem. Once it has, the input is
//! read as plain JSON and the reading is repeated on a corrected copy, each
//! round putting right the problem just found and noting the next:
//!
//! - an unknown field is taken out;
//! - an unknown name from a fixed set is replaced by a valid one;
//! - a missing field is filled in with a stand-in value;
//! - any other problem with a value (wrong type, impossible date, invalid
//!   marking) has its value replaced by a stand-in.
//!
//! A stand-in is tried from a short list (a date, a number, a boolean, an
//! empty list, an empty object, null) until the field takes one; problems
//! inside a stand-in are the stand-in's, not the caller's, and are put right
//! without being reported. So the problems reported are those of the caller's
//! own values: at least every missing required field and every unknown name of
//! an object and of the objects in it, with their pointers.
//!
//! The reading repeated is the same tracked deserialiser the first problem came
//! from (no second copy of it is compiled), and only a rejected input pays for
//! it. Input that is not well-formed JSON has only its first problem: nothing
//! can be read past it. The collection stops after [`MAX_PROBLEMS`] problems,
//! and re-reads at most [`MAX_REREAD_BYTES`] of text in all, so a huge input
//! costs at most a few more readings of itself.
//!
//! Problems after the first are found in the corrected copy, whose objects list
//! their fields in name order and whose lines and columns are not the caller's:
//! they come in that order, and without a position (their pointers locate
//! them).

use serde_json::{Map, Value};

use crate::codec::read::{Problem, Reread};
use crate::error::{ErrorCode, SpfError};

/// At most this many problems are reported for one input.
pub(crate) const MAX_PROBLEMS: usize = 50;

/// At most this much corrected text is re-read for one input.
const MAX_REREAD_BYTES: usize = 8 << 20;

/// Rounds are also limited by count: a stand-in may take several tries.
const MAX_ROUNDS: usize = 4 * MAX_PROBLEMS;

/// The error for a rejected input: its first problem, as the typed reading
/// found it, with every other problem found in [`SpfError::also`].
pub(crate) fn every(json: &str, first: Problem, reread: Reread) -> SpfError {
    let mut error = first.error.clone();
    if !can_read_past(error.code) {
        return error;
    }
    let Ok(mut document) = serde_json::from_str::<Value>(json) else {
        return error;
    };
    let rounds = MAX_ROUNDS.min(MAX_REREAD_BYTES / json.len().max(1));
    let mut stand_ins: Vec<StandIn> = Vec::new();
    let first_seen = error.clone().without_position();
    let mut problem = first;
    for _ in 0..rounds {
        if !put_right(&mut document, &problem, &mut stand_ins) {
            break;
        }
        let Some(next) = reread(&document.to_string()) else {
            break;
        };
        let next_error = next.error.clone().without_position();
        let already = next_error == first_seen || error.also.contains(&next_error);
        if already {
            // Putting it right did not help: reading on would go round in circles.
            break;
        }
        if !stand_ins
            .iter()
            .any(|stand_in| stand_in.covers(&next_error.path))
        {
            error.also.push(next_error);
            if error.also.len() + 1 >= MAX_PROBLEMS {
                break;
            }
        }
        problem = next;
    }
    error
}

/// Whether the input can be read on past a problem of this kind: it is
/// well-formed JSON, and the problem is with one value.
fn can_read_past(code: ErrorCode) -> bool {
    matches!(
        code,
        ErrorCode::UnknownField
            | ErrorCode::MissingField
            | ErrorCode::DuplicateField
            | ErrorCode::InvalidType
            | ErrorCode::UnknownValue
            | ErrorCode::InvalidDate
            | ErrorCode::InvalidMarking
    )
}

/// A value the collection put in the corrected copy, at `path`, and which of
/// [`stand_in`]'s values to try there next.
struct StandIn {
    path: String,
    next: usize,
}

impl StandIn {
    /// Whether a problem at `path` is in this stand-in (so not the caller's).
    fn covers(&self, path: &str) -> bool {
        path.strip_prefix(self.path.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    }
}

/// The stand-in values, in the order they are tried: a date (which is also a
/// string, and a name that the enum rejects with its valid names), numbers, a
/// boolean, an empty list and object, and null.
fn stand_in(try_number: usize) -> Option<Value> {
    Some(match try_number {
        0 => Value::String("2000-01-01".to_owned()),
        1 => Value::from(0),
        2 => Value::from(1),
        3 => Value::Bool(false),
        4 => Value::Array(Vec::new()),
        5 => Value::Object(Map::new()),
        6 => Value::Null,
        _ => return None,
    })
}

/// Puts right one problem in the corrected copy; false if it cannot be.
fn put_right(document: &mut Value, problem: &Problem, stand_ins: &mut Vec<StandIn>) -> bool {
    let error = &problem.error;
    match error.code {
        ErrorCode::UnknownField => remove(document, &error.path),
        ErrorCode::UnknownValue => match &problem.first_valid_name {
            Some(name) => replace(document, &error.path, Value::String(name.clone())),
            None => false,
        },
        ErrorCode::MissingField => {
            let Some(field) = missing_field(&error.message) else {
                return false;
            };
            let Some(Value::Object(object)) = document.pointer_mut(&error.path) else {
                return false;
            };
            let Some(value) = stand_in(0) else {
                return false;
            };
            object.insert(field.to_owned(), value);
            stand_ins.push(StandIn {
                path: format!("{}/{}", error.path, escape(field)),
                next: 1,
            });
            true
        }
        ErrorCode::DuplicateField => {
            // Read as plain JSON, the copy keeps one of the two: nothing to do
            // but read on (the first round only).
            stand_ins.is_empty()
        }
        ErrorCode::InvalidType | ErrorCode::InvalidDate | ErrorCode::InvalidMarking => {
            if error.path.is_empty() {
                // The whole input is of the wrong kind: nothing in it to read on.
                return false;
            }
            let tries = match stand_ins.iter_mut().find(|s| s.path == error.path) {
                Some(existing) => existing,
                None => {
                    stand_ins.push(StandIn {
                        path: error.path.clone(),
                        next: 0,
                    });
                    let Some(last) = stand_ins.last_mut() else {
                        return false;
                    };
                    last
                }
            };
            let Some(value) = stand_in(tries.next) else {
                return false;
            };
            tries.next += 1;
            replace(document, &error.path, value)
        }
        _ => false,
    }
}

/// The field a `missing field `f`` message names (one of the format's own
/// names, which hold no backticks).
fn missing_field(message: &str) -> Option<&str> {
    message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
}

fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

fn replace(document: &mut Value, path: &str, value: Value) -> bool {
    match document.pointer_mut(path) {
        Some(slot) => {
            *slot = value;
            true
        }
        None => false,
    }
}

fn remove(document: &mut Value, path: &str) -> bool {
    let Some((parent, key)) = path.rsplit_once('/') else {
        return false;
    };
    match document.pointer_mut(parent) {
        Some(Value::Object(object)) => object.remove(&unescape(key)).is_some(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::read::reject;

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        colour: Colour,
        size: u8,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    enum Colour {
        DarkRed,
        Green,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        name: String,
        colour: Colour,
        inner: Inner,
        #[serde(default)]
        items: Vec<Inner>,
    }

    fn problems(json: &str) -> Vec<(ErrorCode, String, String)> {
        let error = crate::codec::parse::<Outer>(json).unwrap_err();
        error
            .problems()
            .into_iter()
            .map(|e| (e.code, e.path, e.message))
            .collect()
    }

    #[test]
    fn every_missing_field_and_unknown_name_is_reported_once() {
        let found = problems(r#"{"colour":"drakRed","inner":{"colour":"blue"},"extra":1}"#);
        let brief: Vec<(ErrorCode, &str)> =
            found.iter().map(|(c, p, _)| (*c, p.as_str())).collect();
        assert_eq!(
            brief,
            [
                (ErrorCode::UnknownValue, "/colour"),
                (ErrorCode::UnknownField, "/extra"),
                (ErrorCode::UnknownValue, "/inner/colour"),
                (ErrorCode::MissingField, "/inner"),
                (ErrorCode::MissingField, ""),
            ],
            "{found:#?}"
        );
        assert_eq!(
            found[0].2,
            "unknown value `drakRed` for `colour`; did you mean `darkRed`? at line 1 column 19"
        );
        assert_eq!(
            found[2].2,
            "unknown value `blue` for `colour`; expected one of `darkRed`, `green`"
        );
        assert_eq!(found[3].2, "missing field `size`");
        assert_eq!(found[4].2, "missing field `name`");
    }

    #[test]
    fn a_missing_object_is_one_problem_not_one_per_field_inside() {
        let found = problems(r#"{"name":"n","colour":"green"}"#);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].2, "missing field `inner` at line 1 column 29");
    }

    #[test]
    fn values_of_the_wrong_type_are_reported_and_read_past() {
        let found = problems(
            r#"{"name":7,"colour":"GREEN","inner":{"colour":"green","size":"big"},"items":[{"colour":"green","size":1},{"size":300}]}"#,
        );
        let brief: Vec<(ErrorCode, &str)> =
            found.iter().map(|(c, p, _)| (*c, p.as_str())).collect();
        assert_eq!(
            brief,
            [
                (ErrorCode::InvalidType, "/name"),
                (ErrorCode::InvalidType, "/inner/size"),
                (ErrorCode::InvalidType, "/items/1/size"),
                (ErrorCode::MissingField, "/items/1"),
            ],
            "{found:#?}"
        );
    }

    #[test]
    fn input_that_is_not_json_has_its_first_problem_only() {
        assert_eq!(problems(r#"{"colour":"x","#).len(), 1);
        assert_eq!(problems("[1,2]").len(), 1);
    }

    #[test]
    fn a_stand_in_that_never_fits_ends_the_collection() {
        #[derive(Debug)]
        struct Never;
        impl<'de> serde::Deserialize<'de> for Never {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                serde::de::IgnoredAny::deserialize(d)?;
                Err(serde::de::Error::custom("never"))
            }
        }
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Holder {
            a: Never,
            b: u8,
        }
        let first = reject::<Holder>(r#"{"a":1,"c":2}"#).unwrap();
        let error = every(r#"{"a":1,"c":2}"#, first, |text| reject::<Holder>(text));
        assert_eq!(error.code, ErrorCode::InvalidType);
        assert_eq!(error.path, "/a");
        assert!(error.also.len() <= MAX_PROBLEMS);
    }

    #[test]
    fn stand_ins_cover_their_own_paths_only() {
        let stand_in = StandIn {
            path: "/a/b".into(),
            next: 0,
        };
        assert!(stand_in.covers("/a/b"));
        assert!(stand_in.covers("/a/b/c"));
        assert!(!stand_in.covers("/a/bc"));
        assert!(!stand_in.covers("/a"));
    }
}
