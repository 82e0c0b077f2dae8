//! The manager's guidance POLSBP003 asks each organisation to publish ("the
//! guidance SHALL define whether the breach constitutes a minor, a serious, or
//! a gross misconduct"), generated from the policy document itself, so the
//! published text never drifts from the rules the engine runs.
//!
//! [`guidance`] builds a [`Guidance`]: a document model of sections, headings,
//! paragraphs, tables and lists, where every rule carries the clause it comes
//! from and whether it is the policy's statement, the organisation's own
//! choice (a configurable default) or a statement its Accounting Officer
//! varied. The model renders to Markdown ([`Guidance::to_markdown`]) and to one
//! accessible, printable, self-contained GOV.UK Frontend page
//! ([`Guidance::to_html`]). A "Changes since version X" section is added with
//! [`Guidance::with_changes`].
//!
//! ```
//! use spf_core::Policy;
//! use spf_core::guidance::guidance;
//! let text = guidance(&Policy::moj_default()).to_markdown();
//! assert!(text.contains("Loss of a building pass, ID card or other security card."));
//! ```

mod choices;
mod content;
mod html;
mod markdown;

use serde::{Deserialize, Serialize};

use crate::codec::SCHEMA_VERSION;
use crate::date::Date;
use crate::policy::{Policy, PolicyRef};
use crate::reason::{Basis, Source};

/// The guidance for a policy document.
#[must_use]
pub fn guidance(policy: &Policy) -> Guidance {
    Guidance {
        title: "Security breaches: guidance for managers".into(),
        policy: policy.reference(),
        effective_date: policy.effective_date,
        changes: None,
        sections: content::sections(policy),
    }
}

/// The guidance as a document: a title, the policy it comes from and its
/// sections, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guidance {
    /// The document's title.
    pub title: String,
    /// The policy document it was generated from.
    pub policy: PolicyRef,
    /// The date from which that policy applies.
    pub effective_date: Date,
    /// What changed since an earlier version, shown before the sections when
    /// given.
    pub changes: Option<ChangesSince>,
    /// The sections, in reading order.
    pub sections: Vec<Section>,
}

impl Guidance {
    /// The same guidance with a "Changes since version X" section.
    #[must_use]
    pub fn with_changes(mut self, changes: ChangesSince) -> Self {
        self.changes = Some(changes);
        self
    }

    /// The guidance as Markdown (CommonMark with pipe tables).
    #[must_use]
    pub fn to_markdown(&self) -> String {
        markdown::render(self)
    }

    /// The guidance as one self-contained HTML page (GOV.UK Frontend classes,
    /// its own stylesheet, no script, nothing loaded from elsewhere).
    #[must_use]
    pub fn to_html(&self) -> String {
        html::render(self)
    }

    /// The sections in reading order, the changes section first when there is
    /// one: what the contents list lists.
    #[must_use]
    pub fn all_sections(&self) -> Vec<Section> {
        let mut all = Vec::with_capacity(self.sections.len() + 1);
        if let Some(changes) = &self.changes {
            all.push(changes.section());
        }
        all.extend(self.sections.iter().cloned());
        all
    }
}

/// A section of the guidance: a level-2 heading and its blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The fragment identifier the contents list links to.
    pub id: String,
    /// The heading.
    pub heading: String,
    /// The content, in order.
    pub blocks: Vec<Block>,
}

/// A piece of a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A level-3 heading inside the section.
    Subheading(String),
    /// A paragraph, with the clause it rests on if it states a rule.
    Paragraph(Cited),
    /// A bulleted list; each item may cite its clause.
    List(Vec<Cited>),
    /// A table.
    Table(Table),
}

/// Text, with the source of the rule it states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cited {
    /// The text.
    pub text: String,
    /// Where the rule comes from, if the text states one.
    pub source: Option<Source>,
}

impl Cited {
    /// Text that states no rule.
    #[must_use]
    pub fn plain(text: impl Into<String>) -> Self {
        Cited {
            text: text.into(),
            source: None,
        }
    }

    /// Text that states a rule from `source`.
    #[must_use]
    pub fn sourced(text: impl Into<String>, source: &Source) -> Self {
        Cited {
            text: text.into(),
            source: Some(source.clone()),
        }
    }
}

/// A table: a caption, column headings, and rows whose first cell is the row's
/// heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// What the table shows.
    pub caption: String,
    /// The column headings, the row headings' column first.
    pub columns: Vec<String>,
    /// The rows.
    pub rows: Vec<Row>,
}

/// A table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The row's heading (its first cell).
    pub heading: String,
    /// The other cells, one per remaining column.
    pub cells: Vec<String>,
}

/// What changed since an earlier version of the policy, for the guidance's
/// first section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangesSince {
    /// The earlier version (`2026.1`).
    pub version: String,
    /// The changes, each with its lines.
    pub entries: Vec<ChangeEntry>,
}

/// One change: a summary, and lines that point at what changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeEntry {
    /// One line on the change ("`lossOfPass` with a previous warning: serious
    /// → minor").
    pub summary: String,
    /// The detail, each line with its JSON pointer into the policy document.
    pub lines: Vec<ChangeLine>,
}

/// A line of a change, and where in the policy document it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeLine {
    /// The text.
    pub text: String,
    /// A JSON pointer into the policy document (`/breach/kinds/0/floor`); empty
    /// when the line points nowhere in particular.
    pub pointer: String,
}

impl ChangesSince {
    /// The changes as a section of the guidance.
    fn section(&self) -> Section {
        let mut blocks = vec![Block::Paragraph(Cited::plain(format!(
            "What this guidance says differently from the guidance for version {} of the policy.",
            self.version
        )))];
        if self.entries.is_empty() {
            blocks.push(Block::Paragraph(Cited::plain(
                "Nothing the guidance says has changed.",
            )));
        }
        for entry in &self.entries {
            blocks.push(Block::Subheading(entry.summary.clone()));
            blocks.push(Block::List(
                entry
                    .lines
                    .iter()
                    .map(|line| {
                        Cited::plain(if line.pointer.is_empty() {
                            line.text.clone()
                        } else {
                            format!("{} (`{}`)", line.text, line.pointer)
                        })
                    })
                    .collect(),
            ));
        }
        Section {
            id: "changes".into(),
            heading: format!("Changes since version {}", self.version),
            blocks,
        }
    }
}

/// A date as GOV.UK writes it: `1 November 2026`.
pub(crate) fn long_date(date: Date) -> String {
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
    let month = usize::try_from(date.month())
        .ok()
        .and_then(|month| month.checked_sub(1))
        .and_then(|index| MONTHS.get(index))
        .copied()
        .unwrap_or("");
    format!("{} {month} {}", date.day(), date.year())
}

/// How a source is named after the rule it supports: its citation and what
/// authority it has.
pub(crate) fn source_label(source: &Source) -> String {
    let citation = source.citation.as_str();
    match (source.basis, &source.variation) {
        (Basis::PolicyStatement, _) => format!("{citation} (policy statement)"),
        (Basis::ConfigurableDefault, _) => {
            format!("{citation} (configurable default: your organisation's choice)")
        }
        (Basis::AgencyVariation, Some(variation)) => format!(
            "{citation} (agency variation agreed by {}, Accounting Officer, on {}: {})",
            variation.by,
            long_date(variation.agreed_on),
            variation.reason
        ),
        (Basis::AgencyVariation, None) => {
            format!("{citation} (agency variation agreed by the Accounting Officer)")
        }
    }
}

/// The format a `policyGuidance` request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum GuidanceFormat {
    /// Markdown.
    Markdown,
    /// One self-contained HTML page.
    Html,
}

/// A `policyGuidance` request: `{"format": "markdown"}` or `{"format":
/// "html"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a guidance request object with `format`")]
pub struct GuidanceRequest {
    /// Wire schema version; optional, [`SCHEMA_VERSION`] if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub schema_version: Option<u32>,
    /// The format of the text.
    pub format: GuidanceFormat,
    /// The earlier version of the policy document: the guidance then opens
    /// with what changed since it, from the exhaustive diff of the two.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub since: Option<Policy>,
}

/// The answer to a `policyGuidance` request: the guidance text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct GuidanceAnswer {
    /// Wire schema version of the answer (1).
    pub schema_version: u32,
    /// The policy document the guidance comes from.
    pub policy: PolicyRef,
    /// The format of `text`.
    pub format: GuidanceFormat,
    /// The guidance.
    pub text: String,
}

/// Answers a `policyGuidance` request under a policy (the request's
/// `schemaVersion` is checked by the engine, where every version check is
/// made).
/// `changes` is the "Changes since version X" section, when the request
/// gives an earlier document (the diff that makes it is the caller's).
#[must_use]
pub fn answer(
    policy: &Policy,
    request: &GuidanceRequest,
    changes: Option<ChangesSince>,
) -> GuidanceAnswer {
    let mut document = guidance(policy);
    if let Some(changes) = changes {
        document = document.with_changes(changes);
    }
    let text = match request.format {
        GuidanceFormat::Markdown => document.to_markdown(),
        GuidanceFormat::Html => document.to_html(),
    };
    GuidanceAnswer {
        schema_version: SCHEMA_VERSION,
        policy: policy.reference(),
        format: request.format,
        text,
    }
}
