//! The nearest valid name to one the caller wrote: the "did you mean" of an
//! unknown value or field.
//!
//! Names on the wire are camelCase words (`passwordOrAccountSharing`). A person
//! typing one makes three kinds of mistake, and each has its test:
//!
//! 1. the same words spelt another way (`password_or_account_sharing`,
//!    `Password Or Account Sharing`): equal once letter case and separators
//!    are ignored;
//! 2. a typo (`lossOfPas`, `sevre`): a small edit distance, counting a swap of
//!    two neighbouring letters as one edit;
//! 3. words left out or misspelt (`passwordSharing`, `lostPass`): every word
//!    written is, in order, a word of the name or one edit away from it.
//!
//! The best match by the first two tests (then by edit distance, then the
//! earlier name) is suggested; failing those, the one name whose words match,
//! if only one does.

/// Caller text longer than this is no near miss of any name (the longest
/// is under 50 characters), and is not compared at all.
const MAX_COMPARED_CHARS: usize = 100;

/// The valid name nearest to `given`, if one is near enough to suggest.
///
/// `names` are the format's own names, in documentation order; on a tie the
/// earlier one wins.
pub(crate) fn nearest<'n>(given: &str, names: &[&'n str]) -> Option<&'n str> {
    if given.is_empty() || given.chars().count() > MAX_COMPARED_CHARS {
        return None;
    }
    let folded = fold(given);
    let given_words = words(given);
    // The closest by spelling (the lower the better), and the names whose
    // words match.
    let mut closest: Option<((u8, usize), &'n str)> = None;
    let mut by_words: Option<&'n str> = None;
    let mut word_matches = 0usize;
    for &name in names {
        let name_folded = fold(name);
        let distance = edit_distance(&folded, &name_folded);
        let rank = if folded == name_folded {
            (0, 0)
        } else if distance <= typo_allowance(folded.len()) {
            (1, distance)
        } else {
            if words_match(&given_words, &words(name)) {
                word_matches += 1;
                by_words = by_words.or(Some(name));
            }
            continue;
        };
        if closest.is_none_or(|(held, _)| rank < held) {
            closest = Some((rank, name));
        }
    }
    match closest {
        Some((_, name)) => Some(name),
        // Words shared with two names point at neither.
        None if word_matches == 1 => by_words,
        None => None,
    }
}

/// How many edits a typo of a name this long may have.
fn typo_allowance(len: usize) -> usize {
    match len {
        0..=3 => 1,
        4..=7 => 2,
        _ => 3,
    }
}

/// The text lowercased, without separators.
fn fold(text: &str) -> Vec<char> {
    text.chars()
        .filter(|ch| !is_separator(*ch))
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_separator(ch: char) -> bool {
    matches!(ch, '_' | '-' | ' ' | '.')
}

/// The words of a name, lowercased: split at separators and where a lowercase
/// letter or digit is followed by an uppercase one (`lossOfPass` → `loss`,
/// `of`, `pass`).
fn words(text: &str) -> Vec<Vec<char>> {
    let mut out: Vec<Vec<char>> = Vec::new();
    let mut current: Vec<char> = Vec::new();
    let mut previous_lower = false;
    for ch in text.chars() {
        let boundary = is_separator(ch) || (ch.is_uppercase() && previous_lower);
        if boundary && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        previous_lower = ch.is_lowercase() || ch.is_ascii_digit();
        if !is_separator(ch) {
            current.extend(ch.to_lowercase());
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Whether every word given is, in order, a word of the name or (for words of
/// four letters or more) one edit away from one. A single word is too little
/// to go on.
fn words_match(given: &[Vec<char>], name: &[Vec<char>]) -> bool {
    if given.len() < 2 {
        return false;
    }
    let mut rest = name.iter();
    given.iter().all(|word| {
        rest.any(|candidate| {
            word == candidate
                || (word.len() >= 4 && candidate.len() >= 4 && edit_distance(word, candidate) <= 1)
        })
    })
}

/// Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`:
/// the optimal string alignment distance, in two rows of memory plus one.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let width = b.len() + 1;
    let mut before: Vec<usize> = vec![0; width];
    let mut previous: Vec<usize> = (0..width).collect();
    let mut current: Vec<usize> = vec![0; width];
    for (i, &ca) in a.iter().enumerate() {
        if let Some(first) = current.first_mut() {
            *first = i + 1;
        }
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let substitute = previous.get(j).map_or(usize::MAX, |d| d + cost);
            let delete = previous.get(j + 1).map_or(usize::MAX, |d| d + 1);
            let insert = current.get(j).map_or(usize::MAX, |d| d + 1);
            let mut best = substitute.min(delete).min(insert);
            let swapped = i > 0
                && j > 0
                && a.get(i - 1) == Some(&cb)
                && b.get(j - 1) == Some(&ca)
                && ca != cb;
            if swapped {
                best = best.min(before.get(j - 1).map_or(usize::MAX, |d| d + 1));
            }
            if let Some(slot) = current.get_mut(j + 1) {
                *slot = best;
            }
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KINDS: &[&str] = &[
        "lossOfPass",
        "passNotWorn",
        "workstationLeftUnlocked",
        "passMisuse",
        "sensitiveAccessPassMisuse",
        "passwordOrAccountSharing",
        "criminalAct",
        "other",
    ];

    fn chars(text: &str) -> Vec<char> {
        text.chars().collect()
    }

    #[test]
    fn distance_counts_a_swap_as_one_edit() {
        assert_eq!(edit_distance(&chars(""), &chars("abc")), 3);
        assert_eq!(edit_distance(&chars("abc"), &chars("")), 3);
        assert_eq!(edit_distance(&chars("severe"), &chars("sevre")), 1);
        assert_eq!(edit_distance(&chars("ab"), &chars("ba")), 1);
        assert_eq!(edit_distance(&chars("kitten"), &chars("sitting")), 3);
    }

    #[test]
    fn the_issue_examples() {
        assert_eq!(
            nearest("passwordSharing", KINDS),
            Some("passwordOrAccountSharing")
        );
        assert_eq!(nearest("lostPass", KINDS), Some("lossOfPass"));
        assert_eq!(nearest("lossOfPas", KINDS), Some("lossOfPass"));
        assert_eq!(nearest("loss_of_pass", KINDS), Some("lossOfPass"));
        assert_eq!(nearest("LOSSOFPASS", KINDS), Some("lossOfPass"));
        assert_eq!(
            nearest(
                "extreme",
                &["low", "moderate", "substantial", "severe", "critical"]
            ),
            None
        );
        assert_eq!(
            nearest(
                "sever",
                &["low", "moderate", "substantial", "severe", "critical"]
            ),
            Some("severe")
        );
    }

    #[test]
    fn far_or_ambiguous_text_gets_no_suggestion() {
        assert_eq!(nearest("banana", KINDS), None);
        assert_eq!(nearest("", KINDS), None);
        assert_eq!(nearest(&"x".repeat(10_000), KINDS), None);
        // "pass misuse" is in two names, "passMisuse" and
        // "sensitiveAccessPassMisuse": the exact spelling wins.
        assert_eq!(nearest("pass-misuse", KINDS), Some("passMisuse"));
        // "access misuse" matches one name only by its words.
        assert_eq!(
            nearest("accessMisuse", KINDS),
            Some("sensitiveAccessPassMisuse")
        );
        // A bare word says too little; words two names share, too.
        assert_eq!(
            nearest("password", &["passMisuse", "passwordOrAccountSharing"]),
            None
        );
        assert_eq!(
            nearest("passUse", &["passMisuse", "passUsed"]),
            Some("passUsed")
        );
        assert_eq!(
            nearest("passAbuse", &["passNotAbused", "passAbusedOften"]),
            None
        );
    }

    #[test]
    fn words_split_at_case_and_separators() {
        assert_eq!(
            words("lossOfPass"),
            vec![chars("loss"), chars("of"), chars("pass")]
        );
        assert_eq!(
            words("LOSS_OF pass"),
            vec![chars("loss"), chars("of"), chars("pass")]
        );
        assert_eq!(
            words("cctv2Monitoring"),
            vec![chars("cctv2"), chars("monitoring")]
        );
    }
}
