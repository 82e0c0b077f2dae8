//! Which values are the organisation's own: every source in the policy
//! document whose basis is a configurable default or an agency variation,
//! found by walking the whole document, so a value added to the document later
//! is listed without anyone remembering to.

use serde_json::{Map, Value};

use crate::policy::Policy;

use super::{Block, Cited, Row, Section, Table};

/// A source's fields, as the document's JSON has them.
struct SourceFields {
    citation: String,
    basis: String,
    variation: Option<Map<String, Value>>,
}

/// A source found in the document: where it is and what it says.
struct Found {
    /// JSON pointer to the rule the source belongs to.
    rule: String,
    /// The values beside the source, shortly.
    values: String,
    source: SourceFields,
}

fn escape_token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// A scalar (or a list of scalars) as it reads in a table cell; `None` for
/// long texts and nested objects, which the cell leaves out.
fn short_value(value: &Value) -> Option<String> {
    match value {
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if s.chars().count() <= 40 => Some(s.clone()),
        Value::Array(items) if !items.is_empty() => {
            let parts: Option<Vec<String>> = items
                .iter()
                .map(|item| match item {
                    Value::Object(_) | Value::Array(_) => None,
                    other => short_value(other),
                })
                .collect();
            parts.map(|parts| format!("[{}]", parts.join(", ")))
        }
        _ => None,
    }
}

fn values_of(object: &Map<String, Value>) -> String {
    object
        .iter()
        .filter_map(|(key, value)| short_value(value).map(|shown| format!("{key}: {shown}")))
        .collect::<Vec<_>>()
        .join("; ")
}

fn as_source(object: &Map<String, Value>) -> Option<SourceFields> {
    Some(SourceFields {
        citation: object.get("citation")?.as_str()?.to_owned(),
        basis: object.get("basis")?.as_str()?.to_owned(),
        variation: object.get("variation").and_then(Value::as_object).cloned(),
    })
}

/// Every source under `value`, at `pointer`, in document order.
fn walk(value: &Value, pointer: &str, parent: Option<&Map<String, Value>>, out: &mut Vec<Found>) {
    match value {
        Value::Object(object) => {
            if let Some(source) = as_source(object) {
                // A field named `source` is its parent rule's; any other
                // source field (`recordCentrally`, `escalationSource`) is a
                // rule of its own within the parent.
                let rule = match pointer.rsplit_once('/') {
                    Some((owner, "source")) => owner,
                    _ => pointer,
                };
                out.push(Found {
                    rule: if rule.is_empty() {
                        "/".into()
                    } else {
                        rule.into()
                    },
                    values: parent.map(values_of).unwrap_or_default(),
                    source,
                });
                return;
            }
            for (key, member) in object {
                walk(
                    member,
                    &format!("{pointer}/{}", escape_token(key)),
                    Some(object),
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                walk(item, &format!("{pointer}/{index}"), parent, out);
            }
        }
        _ => {}
    }
}

fn sources(policy: &Policy) -> Vec<Found> {
    let mut found = Vec::new();
    if let Ok(document) = serde_json::to_value(policy) {
        walk(&document, "", None, &mut found);
    }
    found
}

fn code(text: &str) -> String {
    format!("`{text}`")
}

/// The section on configurable defaults.
pub(super) fn own_choices(policy: &Policy) -> Section {
    let rows: Vec<Row> = sources(policy)
        .into_iter()
        .filter(|found| found.source.basis == "configurableDefault")
        .map(|found| Row {
            heading: code(&found.rule),
            cells: vec![found.values, found.source.citation],
        })
        .collect();
    let count = rows.len();
    Section {
        id: "your-choices".into(),
        heading: "Your organisation's choices".into(),
        blocks: vec![
            Block::Paragraph(Cited::plain(format!(
                "The Ministry of Justice's texts leave these {count} values open. Each is a configurable default: your organisation may change it in its policy document, and this guidance then says what your organisation chose. The pointer names the place in the policy document."
            ))),
            Block::Table(Table {
                caption: "Configurable defaults in this policy document".into(),
                columns: vec![
                    "Where in the policy document".into(),
                    "Values in that part of the document".into(),
                    "What the default rests on".into(),
                ],
                rows,
            }),
        ],
    }
}

fn text_of(variation: Option<&Map<String, Value>>, key: &str) -> String {
    variation
        .and_then(|v| v.get(key))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned()
}

/// The section on the statements the Accounting Officer varied.
pub(super) fn variations(policy: &Policy) -> Section {
    let rows: Vec<Row> = sources(policy)
        .into_iter()
        .filter(|found| found.source.basis == "agencyVariation")
        .map(|found| {
            let variation = found.source.variation.as_ref();
            Row {
                heading: code(&found.rule),
                cells: vec![
                    found.source.citation.clone(),
                    text_of(variation, "by"),
                    text_of(variation, "agreedOn"),
                    text_of(variation, "reason"),
                ],
            }
        })
        .collect();
    let mut blocks = vec![Block::Paragraph(Cited::plain(
        "A policy statement may be tightened freely but loosened only by a variation agreed by the relevant Accounting Officer, which is reported in the annual Governance Statement (Corporate Security Policy).",
    ))];
    if rows.is_empty() {
        blocks.push(Block::Paragraph(Cited::plain(
            "This policy document varies no policy statement.",
        )));
    } else {
        blocks.push(Block::Table(Table {
            caption: "Statements varied by the Accounting Officer".into(),
            columns: vec![
                "Where in the policy document".into(),
                "The statement".into(),
                "Agreed by".into(),
                "On".into(),
                "Why".into(),
            ],
            rows,
        }));
    }
    Section {
        id: "variations".into(),
        heading: "Variations agreed by the Accounting Officer".into(),
        blocks,
    }
}
