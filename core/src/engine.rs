//! A compiled policy: validated once, immutable, shared freely across threads.

use std::sync::Arc;

use crate::breach::{BreachAssessment, BreachReport, CompiledBreachRules};
use crate::error::SpfError;
use crate::policy::{Policy, PolicyErrors, PolicyRef};

/// A validated, compiled policy that evaluates requests.
///
/// An engine never changes after it is built and is `Send + Sync`: build it once
/// and share it (by reference or in an `Arc`) across every thread. Evaluation does
/// not re-validate the policy.
///
/// ```
/// use spf_core::{BreachKind, BreachReport, Care, Date, Engine, Level};
///
/// let engine = Engine::moj_default();
/// let report = BreachReport::new(
///     BreachKind::LossOfPass,
///     Care::AvoidableCarelessness,
///     Date::from_ymd(2026, 11, 2).unwrap(),
/// );
/// let answer = engine.assess_breach(&report).unwrap();
/// assert_eq!(answer.level, Level::Minor);
/// assert!(answer.flags.record_centrally);
/// ```
#[derive(Debug, Clone)]
pub struct Engine {
    policy: Arc<Policy>,
    reference: PolicyRef,
    breach: CompiledBreachRules,
}

impl Engine {
    /// An engine for the embedded Ministry of Justice default policy.
    #[must_use]
    pub fn moj_default() -> Self {
        // The default document is checked by the test suite; compiling it cannot
        // fail, so the infallible constructor is honest.
        Self::compile(Policy::moj_default())
    }

    /// Validates a policy document and compiles it.
    ///
    /// ```
    /// use spf_core::{Engine, Policy};
    /// let mut policy = Policy::moj_default();
    /// policy.id = "hmpps-local".into();
    /// let engine = Engine::new(policy).unwrap();
    /// assert_eq!(&*engine.policy_ref().id, "hmpps-local");
    /// ```
    pub fn new(policy: Policy) -> Result<Self, PolicyErrors> {
        policy.validate()?;
        Ok(Self::compile(policy))
    }

    /// Parses, validates and compiles a policy document in JSON.
    ///
    /// ```
    /// use spf_core::{Engine, ErrorCode};
    /// let exported = Engine::moj_default().policy_json();
    /// let modified = exported.replace("\"moj-default\"", "\"my-agency\"");
    /// assert!(Engine::from_policy_json(&modified).is_ok());
    /// let broken = exported.replacen("\"minScore\": 1", "\"minScore\": 2", 1);
    /// let errors = Engine::from_policy_json(&broken).unwrap_err();
    /// assert_eq!(errors.first().code, ErrorCode::PolicyBandsInvalid);
    /// ```
    pub fn from_policy_json(json: &str) -> Result<Self, PolicyErrors> {
        let policy = Policy::from_json(json).map_err(PolicyErrors::single)?;
        Self::new(policy)
    }

    fn compile(policy: Policy) -> Self {
        let breach = CompiledBreachRules::compile(&policy);
        let reference = policy.reference();
        Self {
            policy: Arc::new(policy),
            reference,
            breach,
        }
    }

    /// The policy document the engine was built from.
    #[must_use]
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The policy id and version every answer carries.
    #[must_use]
    pub fn policy_ref(&self) -> &PolicyRef {
        &self.reference
    }

    /// The policy document as pretty-printed JSON, ready to edit and load back.
    #[must_use]
    pub fn policy_json(&self) -> String {
        self.policy.to_json_pretty()
    }

    /// Assesses a breach report.
    ///
    /// Errors are input errors (`invalidMarking`, `kindNotApplicable`,
    /// `dateOutOfOrder`, `unsupportedSchemaVersion`), never panics.
    pub fn assess_breach(&self, report: &BreachReport) -> Result<BreachAssessment, SpfError> {
        crate::breach::evaluate_report(&self.policy, &self.reference, &self.breach, report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_is_send_sync_and_static() {
        fn assert_shareable<T: Send + Sync + 'static>() {}
        assert_shareable::<Engine>();
    }
}
