//! Rendering that every subcommand shares: errors, bases, cited reasons, and
//! text cut or wrapped to the terminal's width.

use std::fmt::Write as _;

use spf_core::{Basis, SpfError, Step};

/// The widest line of wrapped text in the renderings; with the site table
/// (119 columns) they fit a 120-column terminal.
pub const LINE_WIDTH: usize = 118;

/// The indent of a header value's continuation lines.
pub const HEADER_INDENT: &str = "                          ";
/// The same for a header at the left margin.
pub const HEADER_INDENT_TOP: &str = "                        ";

/// A readable label for a reason's basis.
pub const fn basis_label(basis: Basis) -> &'static str {
    match basis {
        Basis::PolicyStatement => "policy statement",
        Basis::ConfigurableDefault => "configurable default",
        Basis::AgencyVariation => "agency variation",
    }
}

/// Formats an error for a person: a line `code: message (at /path)` for each
/// problem the input had, the first one first.
pub fn render_error(error: &SpfError) -> String {
    render_lines("", error, false)
}

/// Formats a rejected record (a line of a JSON Lines file, an item of an
/// array) for a person: a line `code: message (at /path)` per problem, each
/// starting with `prefix` (`line 3: `, `site 2 (`A`): `).
///
/// The parser's ` at line L column C` is dropped from the messages: it counts
/// from the start of the record, not of the file, so it would mislead; the
/// record's number and the JSON pointer locate the problem exactly.
pub fn render_record_lines(prefix: &str, error: &SpfError) -> String {
    render_lines(prefix, error, true)
}

/// [`render_record_lines`] without a prefix.
pub fn render_record_error(error: &SpfError) -> String {
    render_record_lines("", error)
}

fn render_lines(prefix: &str, error: &SpfError, without_position: bool) -> String {
    let error = if without_position {
        error.clone().without_position()
    } else {
        error.clone()
    };
    error
        .problems()
        .iter()
        .map(|problem| format!("{prefix}{problem}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Cuts text to `width` characters, ending with `…` when it was cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Wraps text at word boundaries to lines of at most `width` characters, each
/// starting with `indent` (a word longer than a line stays whole).
pub fn wrap(text: &str, indent: &str, width: usize) -> String {
    wrap_hanging(indent, text, indent, width)
}

/// [`wrap`] with a first line that starts with `first` (kept as it is) and
/// continuation lines that start with `indent`.
pub fn wrap_hanging(first: &str, text: &str, indent: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::from(first);
    let mut empty = true;
    for word in text.split_whitespace() {
        let needed = line.chars().count() + usize::from(!empty) + word.chars().count();
        if !empty && needed > width {
            out.push_str(&line);
            out.push('\n');
            line = String::from(indent);
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The name of a month, 1 to 12.
pub fn month_name(month: u32) -> Option<&'static str> {
    let index = usize::try_from(month).ok()?.checked_sub(1)?;
    MONTHS.get(index).copied()
}

/// A step's explanation for people.
pub fn explanation<S: Step>(step: &S) -> String {
    let mut out = String::new();
    let _ = step.explain(&mut out);
    out
}

/// Appends a numbered "Reasons:" list: each step's explanation, then its basis
/// and citation.
pub fn render_reasons<S: Step>(out: &mut String, reasons: &[spf_core::Reason<S>]) {
    let _ = writeln!(out, "\nReasons:");
    for (number, reason) in reasons.iter().enumerate() {
        out.push_str(&wrap_hanging(
            &format!("  {:>2}. ", number + 1),
            &explanation(&reason.step),
            "      ",
            LINE_WIDTH,
        ));
        out.push_str(&wrap_hanging(
            "      ",
            &format!("[{}] {}", basis_label(reason.basis), reason.citation),
            "        ",
            LINE_WIDTH,
        ));
    }
}

#[cfg(test)]
mod tests {
    use spf_core::{ErrorCode, SpfError};

    use super::*;

    #[test]
    fn a_record_error_loses_the_parsers_position() {
        let error = SpfError::new(
            ErrorCode::UnknownField,
            "unknown field `x` at line 1 column 9",
            "/x",
        );
        assert_eq!(
            render_record_error(&error),
            "unknownField: unknown field `x` (at /x)"
        );
    }

    #[test]
    fn text_wraps_at_word_boundaries() {
        assert_eq!(wrap("one two three", "  ", 9), "  one two\n  three\n");
        assert_eq!(
            wrap_hanging("  - ", "one two three", "    ", 12),
            "  - one two\n    three\n"
        );
    }
}
