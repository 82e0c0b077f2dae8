//! An engine for breach assessment alone: a policy's breach section, compiled.

use std::sync::Arc;

use crate::breach::{
    BreachAssessment, BreachDecision, BreachReport, CompiledBreachRules, Level, evaluate_report,
    report_decision, report_level,
};
use crate::codec::check_schema_version;
use crate::error::SpfError;
use crate::policy::{BreachRules, PolicyRef};

/// A policy's breach section, validated and compiled: it assesses breach
/// reports and gives its breach rules, and can do nothing else.
///
/// Every [`Engine`](crate::Engine) holds one ([`Engine::breach_engine`](crate::Engine::breach_engine)),
/// and answers breach reports through it. Built alone with
/// [`BreachEngine::moj_default`], only the default policy's breach section is
/// built, so a program that only assesses breaches (the breach form's
/// WebAssembly module) links none of the other sections' rules, defaults and
/// citations. Its answers are those of the whole engine, byte for byte,
/// including the policy id and version they carry.
///
/// Its JSON entry points, [`BreachEngine::assess_breach_json`] and
/// [`BreachEngine::assess_breaches_json`], are the breach rows' of the
/// operation table ([`Operation::breach_entry`](crate::json::Operation::breach_entry)).
///
/// ```
/// use spf_core::{BreachEngine, BreachKind, BreachReport, Care, Date, Engine};
/// let report = BreachReport::new(
///     BreachKind::LossOfPass,
///     Care::AvoidableCarelessness,
///     Date::from_ymd(2026, 11, 2).unwrap(),
/// );
/// let alone = BreachEngine::moj_default().assess_breach(&report).unwrap();
/// assert_eq!(alone, Engine::moj_default().assess_breach(&report).unwrap());
/// ```
#[derive(Debug, Clone)]
pub struct BreachEngine {
    rules: Arc<BreachRules>,
    reference: PolicyRef,
    compiled: CompiledBreachRules,
}

impl BreachEngine {
    /// The breach section of the embedded Ministry of Justice default policy,
    /// answering with the default document's id and version.
    #[must_use]
    pub fn moj_default() -> Self {
        // The default document is checked by the test suite (its breach
        // section with the rest), so compiling it cannot fail.
        let (rules, reference) = crate::policy::moj_default::breach_section();
        Self::compile(rules, reference)
    }

    /// Compiles a breach section that was validated as part of its document.
    pub(crate) fn compile(rules: BreachRules, reference: PolicyRef) -> Self {
        Self {
            compiled: CompiledBreachRules::compile(&rules),
            rules: Arc::new(rules),
            reference,
        }
    }

    /// Assesses a breach report.
    ///
    /// Errors are input errors (`invalidMarking`, `kindNotApplicable`,
    /// `dateOutOfOrder`, `unsupportedSchemaVersion`), never panics.
    pub fn assess_breach(&self, report: &BreachReport) -> Result<BreachAssessment, SpfError> {
        check_schema_version(report.schema_version)?;
        evaluate_report(&self.rules, &self.reference, &self.compiled, report)
    }

    /// The level [`BreachEngine::assess_breach`] recommends, or its error,
    /// without building the answer's reasons (a register's records that carry
    /// a report need only their level).
    pub(crate) fn assess_level(&self, report: &BreachReport) -> Result<Level, SpfError> {
        check_schema_version(report.schema_version)?;
        report_level(&self.rules, &self.compiled, report)
    }

    /// What [`BreachEngine::assess_breach`] decides (level, score, band,
    /// marking scored, route and flags), or its error, without building the
    /// reasons: what a comparison of two policies over every input reads.
    pub(crate) fn decide(&self, report: &BreachReport) -> Result<BreachDecision, SpfError> {
        check_schema_version(report.schema_version)?;
        report_decision(&self.rules, &self.compiled, report)
    }

    /// The breach section the engine was built from.
    #[must_use]
    pub fn rules(&self) -> &BreachRules {
        &self.rules
    }

    /// The id and version of the policy document the section comes from,
    /// which every answer carries.
    #[must_use]
    pub fn policy_ref(&self) -> &PolicyRef {
        &self.reference
    }

    /// The breach section as pretty-printed JSON: the `breach` member of its
    /// policy document.
    #[must_use]
    pub fn rules_json(&self) -> String {
        crate::codec::to_pretty(&*self.rules)
    }
}
