//! A finite input space: named dimensions, each a list of values, and every
//! combination of one value from each, visited in a fixed order.

use serde::Serialize;

use crate::site::SiteTier;

/// One dimension of an input space: its name and its values, as people read
/// them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Domain {
    /// The input, e.g. `care` or `previousWarnings`.
    pub name: String,
    /// Its values, one per equivalence class of the input.
    pub values: Vec<String>,
    /// For a site schedule whose boundaries depend on the tier: the tier whose
    /// classes use this domain (the others use their own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub tier: Option<SiteTier>,
}

impl Domain {
    pub(crate) fn new(name: &str, values: Vec<String>) -> Self {
        Self {
            name: name.to_owned(),
            values,
            tier: None,
        }
    }

    /// How many values it has.
    #[must_use]
    pub fn size(&self) -> usize {
        self.values.len()
    }
}

/// A group's inputs, where they are narrower than the whole space: the
/// values of one input that the group's classes have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct InputCondition {
    /// The input.
    pub input: String,
    /// The values the group's classes have, in the domain's order.
    pub values: Vec<String>,
    /// The domain's other values, which the group's classes do not have.
    pub absent: Vec<String>,
}

/// One thing an answer decides that differs between the two policies.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct OutcomeChange {
    /// What changes: `level`, `score`, `band`, `route`, `marking`, a flag's
    /// name, `assessed`, a schedule, `requiredControls`, `findings`, …
    pub field: String,
    /// Under the policy compared from.
    pub from: String,
    /// Under the policy compared to.
    pub to: String,
}

impl OutcomeChange {
    pub(crate) fn new(field: &str, from: impl Into<String>, to: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            from: from.into(),
            to: to.into(),
        }
    }
}

/// Visits every combination of the domains' values (the last domain
/// fastest), telling the visitor the outermost dimension whose value changed
/// since the last visit (0 on the first), so that it updates only those.
pub(crate) fn for_each_class(sizes: &[usize], mut visit: impl FnMut(&[usize], usize)) {
    if sizes.contains(&0) {
        return;
    }
    let mut indices = vec![0usize; sizes.len()];
    let mut changed = 0;
    loop {
        visit(&indices, changed);
        // The odometer: the innermost dimension that can still advance does,
        // and every dimension inside it starts again.
        let mut dimension = sizes.len();
        loop {
            if dimension == 0 {
                return;
            }
            dimension -= 1;
            let (Some(index), Some(size)) = (indices.get_mut(dimension), sizes.get(dimension))
            else {
                return;
            };
            *index += 1;
            if *index < *size {
                break;
            }
            *index = 0;
        }
        changed = dimension;
    }
}

/// How many classes the domains make: the product of their sizes.
pub(crate) fn product(sizes: impl IntoIterator<Item = usize>) -> u64 {
    sizes
        .into_iter()
        .fold(1u64, |n, size| n.saturating_mul(size as u64))
}

/// Values with their place in the domain.
type Numbered<'a> = Vec<(usize, &'a String)>;

/// Which values of each dimension a group's classes have: the group's inputs
/// where they are narrower than the space.
#[derive(Debug, Clone)]
pub(crate) struct Seen {
    words: Vec<Vec<u64>>,
}

impl Seen {
    pub(crate) fn new(sizes: &[usize]) -> Self {
        Self {
            words: sizes
                .iter()
                .map(|size| vec![0; size.div_ceil(64)])
                .collect(),
        }
    }

    pub(crate) fn mark(&mut self, indices: &[usize]) {
        for (words, &index) in self.words.iter_mut().zip(indices) {
            if let Some(word) = words.get_mut(index / 64) {
                *word |= 1 << (index % 64);
            }
        }
    }

    /// Marks one value of one dimension.
    pub(crate) fn mark_one(&mut self, dimension: usize, index: usize) {
        if let Some(word) = self
            .words
            .get_mut(dimension)
            .and_then(|w| w.get_mut(index / 64))
        {
            *word |= 1 << (index % 64);
        }
    }

    /// Marks every value of the dimensions named.
    pub(crate) fn mark_all(&mut self, dimensions: &[usize]) {
        for &dimension in dimensions {
            if let Some(words) = self.words.get_mut(dimension) {
                words.iter_mut().for_each(|w| *w = u64::MAX);
            }
        }
    }

    /// Forgets the values of every dimension but those named.
    pub(crate) fn keep_only(&mut self, dimensions: &[usize]) {
        for (dimension, words) in self.words.iter_mut().enumerate() {
            if !dimensions.contains(&dimension) {
                words.iter_mut().for_each(|w| *w = 0);
            }
        }
    }

    /// Adds the values another group has.
    pub(crate) fn union(&mut self, other: &Seen) {
        for (mine, theirs) in self.words.iter_mut().zip(&other.words) {
            for (a, b) in mine.iter_mut().zip(theirs) {
                *a |= b;
            }
        }
    }

    fn has(&self, dimension: usize, index: usize) -> bool {
        self.words
            .get(dimension)
            .and_then(|words| words.get(index / 64))
            .is_some_and(|word| word & (1 << (index % 64)) != 0)
    }

    /// The dimensions (other than those `skip` names) where the group has
    /// some values of the domain but not all.
    pub(crate) fn conditions(&self, domains: &[&Domain], skip: &[usize]) -> Vec<InputCondition> {
        let mut out = Vec::new();
        for (dimension, domain) in domains.iter().enumerate() {
            if skip.contains(&dimension) {
                continue;
            }
            let (values, absent): (Numbered<'_>, Numbered<'_>) = domain
                .values
                .iter()
                .enumerate()
                .partition(|(index, _)| self.has(dimension, *index));
            if !absent.is_empty() {
                let strings = |list: Vec<(usize, &String)>| {
                    list.into_iter().map(|(_, v)| v.clone()).collect()
                };
                out.push(InputCondition {
                    input: domain.name.clone(),
                    values: strings(values),
                    absent: strings(absent),
                });
            }
        }
        out
    }
}

/// The inputs of a group in plain words: `care highCarelessness or
/// recklessness; previousWarnings 1 or 2; marking not TOP SECRET`, each
/// named by the shorter of its values and the values it lacks.
pub(crate) fn conditions_text(conditions: &[InputCondition]) -> String {
    conditions
        .iter()
        .map(|condition| {
            if condition.absent.len() < condition.values.len() {
                format!("{} not {}", condition.input, or_list(&condition.absent))
            } else {
                format!("{} {}", condition.input, or_list(&condition.values))
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// What changes in plain words: `level serious → minor, score 4 → 6`.
pub(crate) fn changes_text(changes: &[OutcomeChange]) -> String {
    changes
        .iter()
        .map(|change| format!("{} {} → {}", change.field, change.from, change.to))
        .collect::<Vec<_>>()
        .join(", ")
}

fn or_list(values: &[String]) -> String {
    match values {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_combination_is_visited_once_in_order() {
        let mut seen = Vec::new();
        let mut changes = Vec::new();
        for_each_class(&[2, 1, 3], |indices, changed| {
            seen.push(indices.to_vec());
            changes.push(changed);
        });
        assert_eq!(seen.len(), 6);
        assert_eq!(seen[0], [0, 0, 0]);
        assert_eq!(seen[3], [1, 0, 0]);
        assert_eq!(seen[5], [1, 0, 2]);
        assert_eq!(changes, [0, 2, 2, 0, 2, 2]);
        assert_eq!(product([2, 1, 3]), 6);
        let mut none = 0;
        for_each_class(&[2, 0], |_, _| none += 1);
        assert_eq!(none, 0);
    }

    #[test]
    fn conditions_name_only_narrower_inputs() {
        let care = Domain::new("care", vec!["a".into(), "b".into(), "c".into()]);
        let damage = Domain::new("damage", vec!["x".into(), "y".into()]);
        let mut seen = Seen::new(&[3, 2]);
        seen.mark(&[1, 0]);
        seen.mark(&[2, 1]);
        let conditions = seen.conditions(&[&care, &damage], &[]);
        assert_eq!(conditions.len(), 1);
        assert_eq!(conditions[0].values, ["b", "c"]);
        assert_eq!(conditions_text(&conditions), "care not a");
        let mut narrow = Seen::new(&[3, 2]);
        narrow.mark(&[0, 0]);
        let conditions = narrow.conditions(&[&care, &damage], &[]);
        assert_eq!(conditions_text(&conditions), "care a; damage x");
    }
}
