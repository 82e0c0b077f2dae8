//! What every explanation step carries: a citation and whether the rule is the
//! policy's own statement or a configurable default the policy leaves open.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// Whether a rule restates the policy or fills a gap the policy leaves open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Basis {
    /// The policy (or a source it rests on, such as the Security Breach Matrix)
    /// states the rule.
    PolicyStatement,
    /// The policy is silent; this is a documented default in the policy document
    /// that an organisation may change.
    ConfigurableDefault,
}

impl Basis {
    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Basis::PolicyStatement => "policyStatement",
            Basis::ConfigurableDefault => "configurableDefault",
        }
    }
}

/// A reference to the policy text a rule comes from, such as `POLSBP006` or
/// `Security Breach Matrix (S3), score grid`.
///
/// Cheap to clone: every reason an engine produces shares the policy document's
/// text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Citation(Arc<str>);

impl Citation {
    /// Wraps a citation text.
    #[must_use]
    pub fn new(text: &str) -> Self {
        Self(Arc::from(text))
    }

    /// The citation text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where a rule in a policy document comes from: its citation and basis.
///
/// Wire form: `{"citation": "POLSBP002", "basis": "policyStatement"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a source object with `citation` and `basis`")]
pub struct Source {
    /// The policy text the rule rests on.
    pub citation: Citation,
    /// Whether it is the policy's statement or a configurable default.
    pub basis: Basis,
}

impl Source {
    /// A rule the policy states.
    #[must_use]
    pub fn statement(citation: &str) -> Self {
        Self {
            citation: Citation::new(citation),
            basis: Basis::PolicyStatement,
        }
    }

    /// A default for something the policy leaves open.
    #[must_use]
    pub fn default_value(citation: &str) -> Self {
        Self {
            citation: Citation::new(citation),
            basis: Basis::ConfigurableDefault,
        }
    }
}
