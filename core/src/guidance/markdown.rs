//! The guidance as Markdown: CommonMark with pipe tables, a numbered contents
//! list linking each section's heading, and every rule followed by its clause.
//! Text from the policy document is escaped, so a document's wording cannot
//! turn into markup; backquoted spans the guidance writes stay code.

use super::{Block, Cited, Guidance, Section, Table, long_date, source_label};

/// The Markdown text.
pub(super) fn render(guidance: &Guidance) -> String {
    let sections = guidance.all_sections();
    let mut out = String::new();
    out.push_str(&format!("# {}\n\n", escape(&guidance.title)));
    out.push_str(&format!(
        "Policy `{}`, version {}, effective {}.\n\n",
        guidance.policy.id.replace('`', "'"),
        escape(&guidance.policy.version),
        long_date(guidance.effective_date)
    ));
    out.push_str("## Contents\n\n");
    for (number, section) in sections.iter().enumerate() {
        out.push_str(&format!(
            "{}. [{}](#{})\n",
            number + 1,
            escape(&section.heading),
            slug(&section.heading)
        ));
    }
    for section in &sections {
        out.push('\n');
        render_section(&mut out, section);
    }
    out
}

fn render_section(out: &mut String, section: &Section) {
    out.push_str(&format!("## {}\n", escape(&section.heading)));
    for block in &section.blocks {
        out.push('\n');
        match block {
            Block::Subheading(text) => out.push_str(&format!("### {}\n", escape(text))),
            Block::Paragraph(cited) => out.push_str(&format!("{}\n", cited_text(cited))),
            Block::List(items) => {
                for item in items {
                    out.push_str(&format!("- {}\n", cited_text(item)));
                }
            }
            Block::Table(table) => render_table(out, table),
        }
    }
}

/// A rule and its clause, on one line.
pub(super) fn cited_text(cited: &Cited) -> String {
    match &cited.source {
        Some(source) => format!(
            "{} — Clause: {}",
            escape(&cited.text),
            escape(&source_label(source))
        ),
        None => escape(&cited.text),
    }
}

fn render_table(out: &mut String, table: &Table) {
    out.push_str(&format!("**{}**\n\n", escape(&table.caption)));
    let cell = |text: &str| escape(text).replace('|', "\\|");
    let header: Vec<String> = table.columns.iter().map(|c| cell(c)).collect();
    out.push_str(&format!("| {} |\n", header.join(" | ")));
    out.push_str(&format!("|{}\n", " --- |".repeat(table.columns.len())));
    for row in &table.rows {
        let mut cells = vec![cell(&row.heading)];
        cells.extend(row.cells.iter().map(|c| cell(c)));
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
}

/// Escapes the characters Markdown reads as markup, outside backquoted code
/// spans.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (index, part) in text.split('`').enumerate() {
        if index > 0 {
            out.push('`');
        }
        if index % 2 == 1 {
            out.push_str(part);
            continue;
        }
        for ch in part.chars() {
            match ch {
                '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '#' => {
                    out.push('\\');
                    out.push(ch);
                }
                '\n' | '\r' => out.push(' '),
                _ => out.push(ch),
            }
        }
    }
    out
}

/// The anchor GitHub and most renderers give a heading: lower case, spaces as
/// hyphens, other punctuation dropped.
fn slug(heading: &str) -> String {
    heading
        .chars()
        .filter_map(|ch| {
            if ch.is_alphanumeric() || ch == '-' {
                Some(ch.to_lowercase().collect::<String>())
            } else if ch == ' ' {
                Some("-".to_owned())
            } else {
                None
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_the_document_is_escaped_but_code_spans_stay() {
        assert_eq!(escape("a <b> *c* `x_y`"), "a \\<b\\> \\*c\\* `x_y`");
    }

    #[test]
    fn slugs_follow_the_common_renderers() {
        assert_eq!(
            slug("Your organisation's choices"),
            "your-organisations-choices"
        );
        assert_eq!(
            slug("Changes since version 2026.1"),
            "changes-since-version-20261"
        );
    }
}
