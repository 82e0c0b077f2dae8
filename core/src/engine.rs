//! A compiled policy: validated once, immutable, shared freely across threads.

use std::sync::Arc;

use crate::breach::{BreachAssessment, BreachReport, CompiledBreachRules};
use crate::compliance::{ComplianceEvaluation, ComplianceReturn};
use crate::coordination::{CoordinationAnswer, CoordinationRequest};
use crate::date::Date;
use crate::error::{ErrorCode, SpfError};
use crate::policy::{Policy, PolicyErrors, PolicyRef, SCHEMA_VERSION};
use crate::register::{IncidentRecord, RejectedRecord, TrendReport, TrendRequest};
use crate::site::{
    CompiledSiteRules, PortfolioReport, RejectedSite, ResponseLevel, Schedule, Site, SiteStatus,
    SiteStatusRequest, SiteTier, ThreatLevel,
};

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
    sites: CompiledSiteRules,
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
        let sites = CompiledSiteRules::compile(&policy);
        let reference = policy.reference();
        Self {
            policy: Arc::new(policy),
            reference,
            breach,
            sites,
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

impl Engine {
    /// The response level the national threat level maps to, before any site
    /// override.
    ///
    /// ```
    /// use spf_core::Engine;
    /// use spf_core::site::{ResponseLevel, ThreatLevel};
    /// let engine = Engine::moj_default();
    /// assert_eq!(engine.response_level_for(ThreatLevel::Severe), ResponseLevel::Heightened);
    /// ```
    #[must_use]
    pub fn response_level_for(&self, threat: ThreatLevel) -> ResponseLevel {
        self.sites.mapped_response(threat)
    }

    /// The response level a threat level maps to, with its definition and
    /// citation.
    #[must_use]
    pub fn response_level_answer(&self, threat: ThreatLevel) -> crate::site::ResponseLevelAnswer {
        let rule = self
            .policy
            .counter_terrorism
            .threat_levels
            .iter()
            .find(|r| r.threat_level == threat);
        let source = rule.map_or(&self.policy.counter_terrorism.overrides.upward, |r| {
            &r.source
        });
        crate::site::ResponseLevelAnswer {
            schema_version: SCHEMA_VERSION,
            policy: self.reference.clone(),
            threat_level: threat,
            definition: rule
                .map_or_else(|| threat.definition().to_owned(), |r| r.definition.clone()),
            response_level: self.response_level_for(threat),
            citation: source.citation.clone(),
            basis: source.basis,
        }
    }

    /// One site's status on `as_of` under the national `threat` level.
    ///
    /// Errors: `dateOutOfOrder` for dates after `as_of`, `overrideNotApproved`
    /// for a downward override without a recorded approval. Error paths point
    /// into the site record.
    pub fn site_status(
        &self,
        site: &Site,
        threat: ThreatLevel,
        as_of: Date,
    ) -> Result<SiteStatus, SpfError> {
        crate::site::site_status(
            &self.policy,
            &self.reference,
            &self.sites,
            site,
            threat,
            as_of,
            &crate::error::Pointer::root,
        )
    }

    /// [`Engine::site_status`] for a wire request.
    pub fn site_status_request(&self, request: &SiteStatusRequest) -> Result<SiteStatus, SpfError> {
        check_schema_version(request.schema_version)?;
        crate::site::site_status(
            &self.policy,
            &self.reference,
            &self.sites,
            &request.site,
            request.threat_level,
            request.as_of,
            &|| crate::error::Pointer::root().key("site"),
        )
    }

    /// A whole estate's report. A site that cannot be assessed is listed in
    /// `rejected` with its index; the others are still assessed.
    #[must_use]
    pub fn portfolio(&self, sites: &[Site], threat: ThreatLevel, as_of: Date) -> PortfolioReport {
        self.portfolio_with_rejections(sites.iter().enumerate(), threat, as_of, Vec::new())
    }

    /// A portfolio over sites numbered by their position in a request, with the
    /// sites already rejected while reading it.
    pub(crate) fn portfolio_with_rejections<'s>(
        &self,
        sites: impl Iterator<Item = (usize, &'s Site)>,
        threat: ThreatLevel,
        as_of: Date,
        rejected: Vec<RejectedSite>,
    ) -> PortfolioReport {
        crate::site::portfolio(
            &self.policy,
            &self.reference,
            &self.sites,
            sites,
            threat,
            as_of,
            rejected,
        )
    }

    /// Where a CT-plan test last done on `last_tested` (never, if `None`) stands
    /// on `as_of` for a site of `tier`.
    ///
    /// Errors: `dateOutOfOrder` when the test is dated after `as_of`.
    pub fn ct_plan_test_schedule(
        &self,
        tier: SiteTier,
        last_tested: Option<Date>,
        as_of: Date,
    ) -> Result<Schedule, SpfError> {
        if let Some(last) = last_tested.filter(|last| *last > as_of) {
            return Err(SpfError::new(
                ErrorCode::DateOutOfOrder,
                format!("the CT-plan test date `{last}` is after the assessment date `{as_of}`"),
                "",
            ));
        }
        let interval = self.sites.ct_interval(tier).ok_or_else(|| {
            SpfError::new(
                ErrorCode::Internal,
                format!("the policy has no CT-plan test entry for tier `{tier}`"),
                "",
            )
        })?;
        Ok(Schedule::evaluate(
            last_tested,
            interval,
            self.policy.counter_terrorism.due_soon.days,
            as_of,
        ))
    }

    /// A trend report over the central incident register (POLSBP002).
    ///
    /// Records that fail their checks (dates out of order, a repeated id, a
    /// report that cannot be assessed, …) are listed under `rejected` with their
    /// index and error; the rest are used. Errors: `dateOutOfOrder` when `to` is
    /// before `from`; `invalidType` for a period of more than
    /// [`MAX_QUARTERS`](crate::register::MAX_QUARTERS) quarters.
    pub fn trend_report(&self, request: &TrendRequest) -> Result<TrendReport, SpfError> {
        check_schema_version(request.schema_version)?;
        self.trend_report_of(
            request.records.iter().enumerate(),
            request.from,
            request.to,
            Vec::new(),
        )
    }

    /// [`Engine::trend_report`] over records numbered by their place in a
    /// request or file, with the records already refused while reading it (for
    /// example lines of a JSON Lines file that are not records). Paths of errors
    /// found here start `/records/N`.
    pub fn trend_report_of<'r>(
        &self,
        records: impl IntoIterator<Item = (usize, &'r IncidentRecord)>,
        from: Date,
        to: Date,
        rejected: Vec<RejectedRecord>,
    ) -> Result<TrendReport, SpfError> {
        crate::register::trend_report(self, records, from, to, rejected)
    }

    /// Evaluates a business area's SPF compliance return: its gaps, the
    /// variations to report in annual governance, the variations that lack a
    /// valid Accounting Officer agreement, and how complete it is.
    pub fn evaluate_compliance(
        &self,
        request: &ComplianceReturn,
    ) -> Result<ComplianceEvaluation, SpfError> {
        check_schema_version(request.schema_version)?;
        crate::compliance::evaluate(&self.policy, &self.reference, request)
    }

    /// Who co-ordinates the response to an incident.
    pub fn coordinate(
        &self,
        request: &CoordinationRequest,
    ) -> Result<CoordinationAnswer, SpfError> {
        crate::coordination::coordinate(&self.policy, &self.reference, request)
    }
}

pub(crate) fn check_schema_version(version: Option<u32>) -> Result<(), SpfError> {
    match version {
        Some(v) if v != SCHEMA_VERSION => Err(SpfError::new(
            ErrorCode::UnsupportedSchemaVersion,
            format!(
                "schema version {v} is not supported; this library reads version {SCHEMA_VERSION}"
            ),
            "/schemaVersion",
        )),
        _ => Ok(()),
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
