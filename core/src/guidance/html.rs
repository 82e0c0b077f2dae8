//! The guidance as one accessible, printable HTML page in GOV.UK Frontend's
//! classes and markup patterns: a skip link, a header, one `main` with the
//! title, a contents list and a `section` per part, headings in order, tables
//! with a caption and scoped header cells inside a focusable scrolling region.
//!
//! The page is self-contained: its stylesheet is inside it (the few GOV.UK
//! Frontend rules it uses, in GOV.UK's colours and sizes, with the system
//! sans-serif in place of the GOV.UK typeface), it has no script and loads
//! nothing. Every text is escaped.

use super::{Block, Cited, Guidance, Section, Table, long_date, source_label};

/// The page.
pub(super) fn render(guidance: &Guidance) -> String {
    let sections = guidance.all_sections();
    let title = escape(&guidance.title);
    let mut out = format!(
        r##"<!DOCTYPE html>
<html lang="en-GB" class="govuk-template">
  <head>
    <meta charset="utf-8">
    <title>{title}</title>
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <link rel="icon" href="data:,">
    <style>
{STYLE}
    </style>
  </head>
  <body class="govuk-template__body">
    <a href="#main-content" class="govuk-skip-link">Skip to main content</a>
    <header class="govuk-template__header app-header">
      <div class="govuk-width-container">
        <p class="app-header__title">Ministry of Justice <span class="app-header__service">Protective security</span></p>
      </div>
    </header>
    <div class="govuk-width-container">
      <main class="govuk-main-wrapper" id="main-content">
        <span class="govuk-caption-l">Policy {id}, version {version}, effective {effective}</span>
        <h1 class="govuk-heading-xl">{title}</h1>
        <nav class="app-contents" aria-labelledby="contents-heading">
          <h2 class="govuk-heading-s" id="contents-heading">Contents</h2>
          <ol class="govuk-list govuk-list--number">
"##,
        id = escape(&guidance.policy.id),
        version = escape(&guidance.policy.version),
        effective = long_date(guidance.effective_date),
    );
    for section in &sections {
        out.push_str(&format!(
            "            <li><a class=\"govuk-link\" href=\"#{}\">{}</a></li>\n",
            escape(&section.id),
            inline(&section.heading)
        ));
    }
    out.push_str("          </ol>\n        </nav>\n");
    for section in &sections {
        render_section(&mut out, section);
    }
    out.push_str(&format!(
        "      </main>\n    </div>\n    <footer class=\"app-footer\">\n      <div class=\"govuk-width-container\">\n        <p class=\"govuk-body-s\">Generated from the policy document <code class=\"app-code\">{}</code>, version {}. Every rule above names the clause it comes from.</p>\n      </div>\n    </footer>\n  </body>\n</html>\n",
        escape(&guidance.policy.id),
        escape(&guidance.policy.version)
    ));
    out
}

fn render_section(out: &mut String, section: &Section) {
    let id = escape(&section.id);
    out.push_str(&format!(
        "        <section class=\"app-section\" id=\"{id}\" aria-labelledby=\"{id}-heading\">\n          <h2 class=\"govuk-heading-l\" id=\"{id}-heading\">{}</h2>\n",
        inline(&section.heading)
    ));
    for block in &section.blocks {
        match block {
            Block::Subheading(text) => out.push_str(&format!(
                "          <h3 class=\"govuk-heading-m\">{}</h3>\n",
                inline(text)
            )),
            Block::Paragraph(cited) => out.push_str(&format!(
                "          <p class=\"govuk-body\">{}</p>\n",
                cited_html(cited)
            )),
            Block::List(items) => {
                out.push_str("          <ul class=\"govuk-list govuk-list--bullet\">\n");
                for item in items {
                    out.push_str(&format!("            <li>{}</li>\n", cited_html(item)));
                }
                out.push_str("          </ul>\n");
            }
            Block::Table(table) => render_table(out, table),
        }
    }
    out.push_str("          <p class=\"govuk-body-s app-back\"><a class=\"govuk-link\" href=\"#contents-heading\">Back to contents</a></p>\n        </section>\n");
}

fn cited_html(cited: &Cited) -> String {
    match &cited.source {
        Some(source) => format!(
            "{} <span class=\"app-clause\">Clause: {}</span>",
            inline(&cited.text),
            escape(&source_label(source))
        ),
        None => inline(&cited.text),
    }
}

fn render_table(out: &mut String, table: &Table) {
    let caption = inline(&table.caption);
    out.push_str(&format!(
        "          <div class=\"app-table-scroll\" role=\"region\" aria-label=\"{}\" tabindex=\"0\">\n            <table class=\"govuk-table\">\n              <caption class=\"govuk-table__caption govuk-table__caption--m\">{caption}</caption>\n              <thead class=\"govuk-table__head\">\n                <tr class=\"govuk-table__row\">",
        escape(&table.caption.replace('`', ""))
    ));
    for column in &table.columns {
        out.push_str(&format!(
            "<th scope=\"col\" class=\"govuk-table__header\">{}</th>",
            inline(column)
        ));
    }
    out.push_str(
        "</tr>\n              </thead>\n              <tbody class=\"govuk-table__body\">\n",
    );
    for row in &table.rows {
        out.push_str(&format!(
            "                <tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">{}</th>",
            inline(&row.heading)
        ));
        for cell in &row.cells {
            out.push_str(&format!(
                "<td class=\"govuk-table__cell\">{}</td>",
                inline(cell)
            ));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("              </tbody>\n            </table>\n          </div>\n");
}

/// Escaped text, with backquoted spans as `code`.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let parts: Vec<&str> = text.split('`').collect();
    let count = parts.len();
    for (index, part) in parts.into_iter().enumerate() {
        // An unmatched last backquote is text.
        if index % 2 == 1 && index + 1 < count {
            // A long pointer breaks after a slash, never inside a name.
            out.push_str("<code class=\"app-code\">");
            out.push_str(&escape(part).replace('/', "/<wbr>"));
            out.push_str("</code>");
        } else {
            if index % 2 == 1 {
                out.push('`');
            }
            out.push_str(&escape(part));
        }
    }
    out
}

/// Escapes text for HTML content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// The GOV.UK Frontend rules the page uses, with GOV.UK's colours, sizes and
/// spacing, and its print rules.
const STYLE: &str = r#"html { background-color: #f3f2f1; -webkit-text-size-adjust: 100%; }
body { margin: 0; background-color: #ffffff; color: #0b0c0c; font-family: Arial, "Helvetica Neue", Helvetica, sans-serif; -webkit-font-smoothing: antialiased; }
.govuk-width-container { max-width: 960px; margin: 0 15px; }
@media (min-width: 40.0625em) { .govuk-width-container { margin: 0 30px; } }
@media (min-width: 1020px) { .govuk-width-container { margin: 0 auto; } }
.govuk-skip-link { position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important; white-space: nowrap !important; display: block; padding: 10px 15px; color: #0b0c0c; background-color: #ffdd00; font-size: 1rem; text-decoration: underline; }
.govuk-skip-link:focus { position: static !important; width: auto !important; height: auto !important; overflow: visible !important; clip: auto !important; white-space: normal !important; outline: 3px solid #ffdd00; }
.app-header { background-color: #0b0c0c; border-bottom: 10px solid #1d70b8; color: #ffffff; }
.app-header__title { margin: 0; padding: 15px 0; font-size: 1.125rem; font-weight: 700; }
.app-header__service { display: inline-block; margin-left: 10px; font-weight: 400; }
@media (min-width: 40.0625em) { .app-header__title { font-size: 1.5rem; } .app-header__service { font-size: 1.125rem; } }
.govuk-main-wrapper { display: block; padding-top: 20px; padding-bottom: 20px; }
@media (min-width: 40.0625em) { .govuk-main-wrapper { padding-top: 40px; padding-bottom: 40px; } }
.govuk-caption-l { display: block; margin-bottom: 5px; color: #484949; font-size: 1.125rem; line-height: 1.11; }
.govuk-heading-xl { margin: 0 0 30px; font-size: 2rem; line-height: 1.09; font-weight: 700; }
.govuk-heading-l { margin: 0 0 15px; font-size: 1.6875rem; line-height: 1.04; font-weight: 700; }
.govuk-heading-m { margin: 25px 0 15px; font-size: 1.125rem; line-height: 1.11; font-weight: 700; }
.govuk-heading-s { margin: 0 0 15px; font-size: 1rem; line-height: 1.25; font-weight: 700; }
.govuk-body, .govuk-list { margin: 0 0 15px; font-size: 1rem; line-height: 1.25; }
.govuk-body-s { margin: 0 0 15px; font-size: .875rem; line-height: 1.14; }
@media (min-width: 40.0625em) {
  .govuk-caption-l { font-size: 1.5rem; line-height: 1.25; }
  .govuk-heading-xl { margin-bottom: 50px; font-size: 3rem; line-height: 1.04; }
  .govuk-heading-l { margin-bottom: 30px; font-size: 2.25rem; line-height: 1.11; }
  .govuk-heading-m { margin: 30px 0 20px; font-size: 1.5rem; line-height: 1.25; }
  .govuk-heading-s { font-size: 1.1875rem; line-height: 1.32; }
  .govuk-body, .govuk-list { margin-bottom: 20px; font-size: 1.1875rem; line-height: 1.32; }
  .govuk-body-s { font-size: 1rem; line-height: 1.25; }
}
.govuk-list { padding-left: 0; list-style-type: none; }
.govuk-list > li { margin-bottom: 10px; }
.govuk-list--bullet { padding-left: 20px; list-style-type: disc; }
.govuk-list--number { padding-left: 20px; list-style-type: decimal; }
.govuk-link { color: #1d70b8; text-decoration: underline; text-decoration-thickness: max(1px, .0625rem); text-underline-offset: .1578em; }
.govuk-link:visited { color: #4c2c92; }
.govuk-link:hover { color: #003078; text-decoration-thickness: max(3px, .1875rem); }
.govuk-link:focus { outline: 3px solid transparent; color: #0b0c0c; background-color: #ffdd00; box-shadow: 0 -2px #ffdd00, 0 4px #0b0c0c; text-decoration: none; }
.govuk-table { width: 100%; margin-bottom: 0; border-spacing: 0; border-collapse: collapse; font-size: 1rem; line-height: 1.25; }
.govuk-table__caption { display: table-caption; margin-bottom: 15px; text-align: left; font-weight: 700; }
.govuk-table__caption--m { font-size: 1.5rem; }
.govuk-table__header, .govuk-table__cell { padding: 10px 20px 10px 0; border-bottom: 1px solid #b1b4b6; text-align: left; vertical-align: top; }
.govuk-table__header { font-weight: 700; }
.govuk-table__header:last-child, .govuk-table__cell:last-child { padding-right: 0; }
.app-contents { margin-bottom: 40px; padding: 20px 20px 5px; border-left: 5px solid #1d70b8; background-color: #f3f2f1; }
.app-contents .govuk-list { margin-bottom: 15px; }
.app-section { margin-top: 50px; }
.app-clause { display: block; margin-top: 5px; color: #484949; font-size: 1rem; line-height: 1.25; }
.app-code { font-family: "Courier New", Courier, monospace; font-size: .9em; }
.app-section > .govuk-body, .app-section > .govuk-list { max-width: 44em; }
.app-table-scroll { position: relative; overflow-x: auto; margin-bottom: 30px; }
.app-table-scroll:focus { outline: 3px solid #ffdd00; box-shadow: inset 0 0 0 4px #0b0c0c; }
.app-footer { padding: 25px 0; border-top: 1px solid #b1b4b6; background-color: #f3f2f1; color: #0b0c0c; }
@media print {
  html, body { background: #ffffff; }
  .govuk-skip-link, .app-back { display: none; }
  .app-header { background: #ffffff; color: #0b0c0c; border-bottom: 2px solid #0b0c0c; }
  .app-table-scroll { overflow: visible; }
  .govuk-table__row, .govuk-list > li { break-inside: avoid; }
  .govuk-heading-l, .govuk-heading-m, .govuk-table__caption { break-after: avoid; }
  .govuk-link { color: #0b0c0c; }
}"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_become_code_and_the_rest_is_escaped() {
        assert_eq!(
            inline("a `<b>` c"),
            "a <code class=\"app-code\">&lt;b&gt;</code> c"
        );
        assert_eq!(inline("a ` b"), "a ` b");
    }
}
