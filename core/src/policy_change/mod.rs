//! The policy owners' toolkit: what a change of policy document changes.
//!
//! - [`diff`]: every decision two policies make differently. The inputs the
//!   rules branch on are finite, so the comparison is complete, not sampled:
//!   every equivalence class of breach reports and of sites is enumerated,
//!   evaluated under both policies and compared (level, score, band, marking
//!   scored, route and flags for a breach; response level, controls, schedule
//!   statuses and findings for a site). The classes that differ are grouped
//!   by what changes, each group with both policies' full answers, reasons
//!   included, for one of its classes. Each space states how many classes it
//!   enumerated, the product of its domains' sizes. The documents themselves
//!   are compared too, value by value, with what each change does to their
//!   authority.
//! - [`impact`]: an incident register re-assessed under both policies.
//!
//! ```
//! use spf_core::{Engine, Level, Policy, BreachKind};
//! use spf_core::policy_change::diff;
//! let from = Engine::moj_default();
//! assert!(diff(&from, &from).unchanged);
//!
//! let mut policy = Policy::moj_default();
//! let pass = policy.breach.kinds.iter_mut().find(|k| k.kind == BreachKind::LossOfPass).unwrap();
//! pass.floor = Level::Serious; // a tightened floor
//! let to = Engine::new(policy).unwrap();
//! let changes = diff(&from, &to);
//! assert!(changes.breach.groups.iter().all(|g| g.kind == BreachKind::LossOfPass));
//! assert_eq!(changes.document[0].pointer, "/breach/kinds/0/floor");
//! ```

mod breach;
mod document;
mod impact;
mod site;
mod space;

use serde::{Deserialize, Serialize};

use crate::codec::SCHEMA_VERSION;
use crate::engine::Engine;
use crate::policy::{Policy, PolicyRef};
use crate::register::IncidentRecord;

pub use breach::{BreachAnswer, BreachChangeGroup, BreachSpaceDiff};
pub use document::{AuthorityChange, DocumentChange, DocumentChangeKind};
pub use impact::{ChangedRecord, ImpactCount, LevelMove, Reassessed, RegisterImpact, impact};
pub use site::{SiteAnswer, SiteChangeGroup, SiteSpaceDiff};
pub use space::{Domain, InputCondition, OutcomeChange};

/// Every decision two policies make differently, and how the documents
/// differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PolicyDiff {
    /// Wire schema version of the answer (1).
    pub schema_version: u32,
    /// The policy compared from.
    pub from: PolicyRef,
    /// The policy compared to.
    pub to: PolicyRef,
    /// No decision differs and the documents are the same.
    pub unchanged: bool,
    /// Breach assessment: kind × marking × care × damage × previous warnings
    /// × earlier breaches × status × organisation × security clearance.
    pub breach: BreachSpaceDiff,
    /// Who is told of a breach's information risk: kind × personal data ×
    /// information asset × impact, compared on the Information Asset Owner,
    /// data protection team and SIRO flags (nothing else reads these inputs).
    pub information_risk: BreachSpaceDiff,
    /// Sites: tier × threat level × the site's own response level × threat
    /// assessment × each schedule's position among both policies'
    /// boundaries.
    pub sites: SiteSpaceDiff,
    /// The documents' differences, value by value.
    pub document: Vec<DocumentChange>,
}

/// Compares two compiled policies over every input class. `from` is the
/// policy compared from (the current one), `to` the one compared to (the
/// proposed one).
///
/// Cost: the breach space's size (a few million classes for the MoJ default)
/// times two assessments without reasons, plus the site space's size (a few
/// hundred thousand) times two site statuses; the groups' examples are
/// assessed in full.
#[must_use]
pub fn diff(from: &Engine, to: &Engine) -> PolicyDiff {
    let breach = breach::breach_diff(from, to);
    let information_risk = breach::information_risk_diff(from, to);
    let sites = site::site_diff(from, to);
    let document = document::document_diff(from.policy(), to.policy());
    let unchanged = breach.changed_classes == 0
        && information_risk.changed_classes == 0
        && sites.changed_classes == 0
        && document.is_empty();
    PolicyDiff {
        schema_version: SCHEMA_VERSION,
        from: from.policy_ref().clone(),
        to: to.policy_ref().clone(),
        unchanged,
        breach,
        information_risk,
        sites,
        document,
    }
}

/// The breach space alone: [`PolicyDiff::breach`].
#[must_use]
pub fn diff_breach_space(from: &Engine, to: &Engine) -> BreachSpaceDiff {
    breach::breach_diff(from, to)
}

/// The site space alone: [`PolicyDiff::sites`].
#[must_use]
pub fn diff_site_space(from: &Engine, to: &Engine) -> SiteSpaceDiff {
    site::site_diff(from, to)
}

/// The guidance's "Changes since version X" section from a diff of the
/// earlier policy (`diff.from`) to the current one (`diff.to`): the decisions
/// that change, space by space, one line for each group in the diff's own
/// words, then the document's values that changed, each at its pointer with
/// what the change does to its authority. Nothing is left out: every group and
/// every value of the diff has its line.
#[must_use]
pub fn changes_since(diff: &PolicyDiff) -> crate::guidance::ChangesSince {
    use crate::guidance::{ChangeEntry, ChangeLine, ChangesSince};
    let line = |text: String, pointer: &str| ChangeLine {
        text,
        pointer: pointer.to_owned(),
    };
    let decisions = |title: &str, classes: u64, changed: u64, summaries: Vec<&str>| ChangeEntry {
        summary: format!("{title}: {changed} of {classes} input classes decided differently"),
        lines: summaries
            .into_iter()
            .map(|summary| line(summary.to_owned(), ""))
            .collect(),
    };
    let mut entries = Vec::new();
    for (title, space) in [
        ("Breach decisions", &diff.breach),
        (
            "Who is told of the information risk",
            &diff.information_risk,
        ),
    ] {
        if !space.groups.is_empty() {
            let summaries = space.groups.iter().map(|g| g.summary.as_str()).collect();
            entries.push(decisions(
                title,
                space.classes,
                space.changed_classes,
                summaries,
            ));
        }
    }
    if !diff.sites.groups.is_empty() {
        let summaries = diff
            .sites
            .groups
            .iter()
            .map(|g| g.summary.as_str())
            .collect();
        entries.push(decisions(
            "Site statuses",
            diff.sites.classes,
            diff.sites.changed_classes,
            summaries,
        ));
    }
    if !diff.document.is_empty() {
        entries.push(ChangeEntry {
            summary: format!(
                "The policy document: {} values changed",
                diff.document.len()
            ),
            lines: diff.document.iter().map(document_line).collect(),
        });
    }
    ChangesSince {
        version: diff.from.version.to_string(),
        entries,
    }
}

/// One changed value of the document in words: before → after, and what the
/// change does to its authority.
fn document_line(change: &DocumentChange) -> crate::guidance::ChangeLine {
    let value = |value: &Option<serde_json::Value>| match value {
        None => "(absent)".to_owned(),
        Some(serde_json::Value::String(text)) => format!("`{text}`"),
        Some(other) => format!("`{other}`"),
    };
    let mut text = format!("{} → {}", value(&change.from), value(&change.to));
    if let Some(authority) = change.authority {
        text.push_str(&format!(" ({})", authority.in_words()));
    }
    if let Some(statement) = &change.statement {
        text.push_str(&format!(": {statement}"));
    }
    crate::guidance::ChangeLine {
        text,
        pointer: change.pointer.clone(),
    }
}

/// The breach space's domains for two policies, without walking it (for a
/// caller that wants to know its size first).
#[must_use]
pub fn breach_domains(from: &Engine, to: &Engine) -> Vec<Domain> {
    breach::BreachSpace::new(from, to).domains().to_vec()
}

/// The information-risk space's domains for two policies.
#[must_use]
pub fn information_risk_domains(from: &Engine, to: &Engine) -> Vec<Domain> {
    breach::InformationRiskSpace::new(from, to)
        .domains()
        .to_vec()
}

/// A `policyDiff` request: the policy to compare the engine's own with.
///
/// Wire form: `{"policy": {…a policy document…}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PolicyDiffRequest {
    /// Optional wire schema version; when present it must be 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_version: Option<u32>,
    /// The policy compared to (the engine's is compared from).
    pub policy: Policy,
}

/// A `policyImpact` request: the policy to compare the engine's own with,
/// and the register to re-assess.
///
/// Wire form: `{"policy": {…}, "records": [{…an incident record…}, …]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PolicyImpactRequest {
    /// Optional wire schema version; when present it must be 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_version: Option<u32>,
    /// The policy compared to (the engine's is compared from).
    pub policy: Policy,
    /// The incident register.
    pub records: Vec<IncidentRecord>,
}

#[cfg(test)]
mod tests;
