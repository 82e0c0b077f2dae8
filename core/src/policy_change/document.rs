//! The two policy documents compared as JSON trees: every value added,
//! removed or changed, by its JSON pointer, and what each change does to the
//! document's authority (a statement tightened or loosened, a variation
//! declared, a basis or a citation changed, a configurable default changed).

use serde::Serialize;
use serde_json::Value;

use crate::codec::Pointer;
use crate::policy::{Policy, StatementMove, statement_moves};

/// How a value differs between the two documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum DocumentChangeKind {
    /// Only the document compared to has it.
    Added,
    /// Only the document compared from has it.
    Removed,
    /// Both have it, with different values.
    Changed,
}

/// What a change does to the authority of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum AuthorityChange {
    /// A statement of the MoJ texts made stricter (always allowed).
    StatementTightened,
    /// A statement of the MoJ texts loosened (allowed only under an
    /// Accounting Officer's variation).
    StatementLoosened,
    /// A statement's value changed where values have no order (a route).
    StatementChanged,
    /// A variation agreed by the Accounting Officer declared.
    VariationAdded,
    /// A variation withdrawn.
    VariationRemoved,
    /// A variation's details changed.
    VariationChanged,
    /// A source's basis changed (`policyStatement`, `configurableDefault`,
    /// `agencyVariation`).
    BasisChanged,
    /// A source's citation changed.
    CitationChanged,
    /// A configurable default changed: the texts leave it to the organisation.
    DefaultChanged,
}

impl AuthorityChange {
    /// In plain words, for a reader of the guidance.
    #[must_use]
    pub const fn in_words(self) -> &'static str {
        match self {
            AuthorityChange::StatementTightened => "a policy statement tightened",
            AuthorityChange::StatementLoosened => "a policy statement loosened",
            AuthorityChange::StatementChanged => "a policy statement changed",
            AuthorityChange::VariationAdded => "an Accounting Officer variation added",
            AuthorityChange::VariationRemoved => "an Accounting Officer variation removed",
            AuthorityChange::VariationChanged => "an Accounting Officer variation changed",
            AuthorityChange::BasisChanged => "the basis changed",
            AuthorityChange::CitationChanged => "the citation changed",
            AuthorityChange::DefaultChanged => "a configurable default changed",
        }
    }

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            AuthorityChange::StatementTightened => "statementTightened",
            AuthorityChange::StatementLoosened => "statementLoosened",
            AuthorityChange::StatementChanged => "statementChanged",
            AuthorityChange::VariationAdded => "variationAdded",
            AuthorityChange::VariationRemoved => "variationRemoved",
            AuthorityChange::VariationChanged => "variationChanged",
            AuthorityChange::BasisChanged => "basisChanged",
            AuthorityChange::CitationChanged => "citationChanged",
            AuthorityChange::DefaultChanged => "defaultChanged",
        }
    }
}

/// One difference between the two documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DocumentChange {
    /// Where: a JSON pointer (array indices are positions in the document
    /// compared to, or for a removal in the one compared from).
    pub pointer: String,
    /// Added, removed or changed.
    pub change: DocumentChangeKind,
    /// The value in the document compared from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional, type = "unknown"))]
    pub from: Option<Value>,
    /// The value in the document compared to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional, type = "unknown"))]
    pub to: Option<Value>,
    /// What it does to the document's authority, when it touches one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub authority: Option<AuthorityChange>,
    /// The statement a tightening or loosening concerns, for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub statement: Option<String>,
}

/// Every difference between the documents, in document order (keys sorted,
/// array entries by position).
pub(crate) fn document_diff(from: &Policy, to: &Policy) -> Vec<DocumentChange> {
    let (Ok(a), Ok(b)) = (serde_json::to_value(from), serde_json::to_value(to)) else {
        return Vec::new();
    };
    let mut changes = Vec::new();
    walk(Some(&a), Some(&b), &Pointer::root(), &mut changes);
    let moves = statement_moves(from, to);
    for change in &mut changes {
        classify(change, &moves, &b);
    }
    changes
}

fn walk(a: Option<&Value>, b: Option<&Value>, at: &Pointer, out: &mut Vec<DocumentChange>) {
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                walk(x.get(key), y.get(key), &at.key(key), out);
            }
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) => walk_array(x, y, at, out),
        (Some(x), Some(y)) if x == y => {}
        (a, b) => {
            let change = match (a, b) {
                (None, _) => DocumentChangeKind::Added,
                (_, None) => DocumentChangeKind::Removed,
                _ => DocumentChangeKind::Changed,
            };
            if a.is_none() && b.is_none() {
                return;
            }
            out.push(DocumentChange {
                pointer: at.as_str().to_owned(),
                change,
                from: a.cloned(),
                to: b.cloned(),
                authority: None,
                statement: None,
            });
        }
    }
}

/// Two arrays, aligned on their longest common run of equal entries (so an
/// entry inserted or removed is one change, not a shift of every later
/// one). Between two aligned entries, as many entries of each side as both
/// have are compared in place; the rest are added or removed.
fn walk_array(x: &[Value], y: &[Value], at: &Pointer, out: &mut Vec<DocumentChange>) {
    let pairs = common_run(x, y);
    let (mut i, mut j) = (0, 0);
    for (next_i, next_j) in pairs.into_iter().chain(std::iter::once((x.len(), y.len()))) {
        while i < next_i && j < next_j {
            walk(x.get(i), y.get(j), &at.index(j), out);
            i += 1;
            j += 1;
        }
        while i < next_i {
            walk(x.get(i), None, &at.index(i), out);
            i += 1;
        }
        while j < next_j {
            walk(None, y.get(j), &at.index(j), out);
            j += 1;
        }
        i += 1;
        j += 1;
    }
}

/// The index pairs of a longest common subsequence of equal entries.
fn common_run(x: &[Value], y: &[Value]) -> Vec<(usize, usize)> {
    let (n, m) = (x.len(), y.len());
    // lengths[i][j]: the longest common run of x[i..] and y[j..].
    let mut lengths = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let here = if x.get(i) == y.get(j) {
                lengths
                    .get(i + 1)
                    .and_then(|r| r.get(j + 1))
                    .map_or(0, |l| l + 1)
            } else {
                let down = lengths
                    .get(i + 1)
                    .and_then(|r| r.get(j))
                    .copied()
                    .unwrap_or(0);
                let right = lengths
                    .get(i)
                    .and_then(|r| r.get(j + 1))
                    .copied()
                    .unwrap_or(0);
                down.max(right)
            };
            if let Some(cell) = lengths.get_mut(i).and_then(|r| r.get_mut(j)) {
                *cell = here;
            }
        }
    }
    let length = |i: usize, j: usize| lengths.get(i).and_then(|r| r.get(j)).copied().unwrap_or(0);
    let (mut i, mut j) = (0, 0);
    let mut pairs = Vec::new();
    while i < n && j < m {
        if x.get(i) == y.get(j) {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if length(i + 1, j) >= length(i, j + 1) {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

/// The nearest enclosing object's `source` in `document`, for a value at
/// `pointer`: its basis.
fn enclosing_basis<'d>(document: &'d Value, pointer: &str) -> Option<&'d str> {
    let mut path = pointer;
    while let Some((parent, _)) = path.rsplit_once('/') {
        let basis = document
            .pointer(parent)
            .and_then(|v| v.get("source"))
            .and_then(|s| s.get("basis"))
            .and_then(Value::as_str);
        if basis.is_some() {
            return basis;
        }
        path = parent;
    }
    None
}

fn contains_variation(value: Option<&Value>) -> bool {
    match value {
        Some(Value::Object(map)) => {
            map.contains_key("variation") || map.values().any(|v| contains_variation(Some(v)))
        }
        Some(Value::Array(items)) => items.iter().any(|v| contains_variation(Some(v))),
        _ => false,
    }
}

fn classify(change: &mut DocumentChange, moves: &[StatementMove], to: &Value) {
    let pointer = change.pointer.as_str();
    let inside = format!("{pointer}/");
    // A statement whose value is this one, or lies inside an entry added.
    let moved = moves
        .iter()
        .find(|m| m.path == pointer || m.path.starts_with(&inside));
    if let Some(moved) = moved {
        change.statement = Some(moved.statement.clone());
    }
    change.authority =
        if change.change == DocumentChangeKind::Added && contains_variation(change.to.as_ref()) {
            Some(AuthorityChange::VariationAdded)
        } else if change.change == DocumentChangeKind::Removed
            && contains_variation(change.from.as_ref())
        {
            Some(AuthorityChange::VariationRemoved)
        } else if let Some(moved) = moved {
            Some(match (moved.default, moved.tighter) {
                (true, _) => AuthorityChange::DefaultChanged,
                (false, Some(true)) => AuthorityChange::StatementTightened,
                (false, Some(false)) => AuthorityChange::StatementLoosened,
                (false, None) => AuthorityChange::StatementChanged,
            })
        } else if pointer.ends_with("/variation") {
            Some(match change.change {
                DocumentChangeKind::Added => AuthorityChange::VariationAdded,
                DocumentChangeKind::Removed => AuthorityChange::VariationRemoved,
                DocumentChangeKind::Changed => AuthorityChange::VariationChanged,
            })
        } else if pointer.contains("/variation/") {
            Some(AuthorityChange::VariationChanged)
        } else if pointer.ends_with("/basis") {
            Some(AuthorityChange::BasisChanged)
        } else if pointer.ends_with("/citation") {
            Some(AuthorityChange::CitationChanged)
        } else if enclosing_basis(to, pointer) == Some("configurableDefault") {
            Some(AuthorityChange::DefaultChanged)
        } else {
            None
        };
}
