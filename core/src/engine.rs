//! A compiled policy: validated once, immutable, shared freely across threads.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::assurance::{
    AssuranceInputs, AssurancePack, AssurancePackRequest, Parts, RejectedReturn,
};
use crate::breach::{BreachAssessment, BreachEngine, BreachReport};
use crate::clearance::{ClearanceNeed, ClearanceNeedRequest};
use crate::codec::{Pointer, SCHEMA_VERSION, check_schema_version};
use crate::compliance::{ComplianceEvaluation, ComplianceReturn};
use crate::coordination::{CoordinationAnswer, CoordinationRequest};
use crate::date::Date;
use crate::error::{ErrorCode, SpfError};
use crate::policy::{Policy, PolicyErrors, PolicyRef};
use crate::register::{IncidentRecord, RejectedRecord, TrendReport, TrendRequest};
use crate::site::Change;
use crate::site::{
    CompiledSiteRules, EffectiveResponseLevel, OverrideDirection, PortfolioReport,
    PortfolioRequest, RejectedSite, ResponseLevel, ResponseLevelAnswer, ResponseLevelRequest,
    Schedule, Site, SiteStatus, SiteStatusByIdRequest, SiteStatusRequest, SiteTier,
    ThreatChangeImpact, ThreatChangeRequest, ThreatLevel,
};
use crate::third_party::{RejectedSupplier, Supplier, ThirdPartiesRequest, ThirdPartyReport};

/// A validated, compiled policy that evaluates requests.
///
/// Paired methods follow one scheme: `x(…)` takes typed values, `x_request(…)`
/// takes the wire request (and checks its `schemaVersion`), and `x_numbered(…)`
/// takes items numbered by their place in a request or file together with the
/// items already rejected while reading it.
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
    breach: BreachEngine,
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
        let version = check_schema_version(Some(policy.schema_version));
        match (version, policy.validate()) {
            (Ok(()), Ok(())) => Ok(Self::compile(policy)),
            (Ok(()), Err(errors)) => Err(errors),
            (Err(version), rules) => Err(PolicyErrors::preceded_by(version, rules.err())),
        }
    }

    /// Parses, validates and compiles a policy document in JSON.
    ///
    /// Cost: n·log n in the document's size (its lists are checked for repeats
    /// through sorted or ordered sets, and against the MoJ baseline's fixed
    /// set of statements).
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
        let reference = policy.reference();
        // The breach engine keeps its own copy of the section (a few
        // kilobytes, read-only like the document), so that it can stand alone.
        let breach = BreachEngine::compile(policy.breach.clone(), reference.clone());
        let sites = CompiledSiteRules::compile(&policy);
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

    /// The manager's guidance generated from the engine's policy document
    /// (POLSBP003), to render as Markdown or HTML.
    #[must_use]
    pub fn guidance(&self) -> crate::guidance::Guidance {
        crate::guidance::guidance(&self.policy)
    }

    /// The guidance for a `policyGuidance` request: its text in the format
    /// asked for, with `changes` as its "Changes since version X" section
    /// when given ([`policy_change::changes_since`](crate::policy_change::changes_since)
    /// makes it from a diff; `json::policy_guidance` does so for a request's
    /// `since`).
    ///
    /// Errors: `unsupportedSchemaVersion` for a request of another schema
    /// version.
    pub fn policy_guidance(
        &self,
        request: &crate::guidance::GuidanceRequest,
        changes: Option<crate::guidance::ChangesSince>,
    ) -> Result<crate::guidance::GuidanceAnswer, SpfError> {
        check_schema_version(request.schema_version)?;
        Ok(crate::guidance::answer(&self.policy, request, changes))
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
        self.breach.assess_breach(report)
    }

    /// The policy's breach section, compiled: what assesses breach reports.
    #[must_use]
    pub fn breach_engine(&self) -> &BreachEngine {
        &self.breach
    }
}

impl Engine {
    /// Checks a breach case: where it stands, what is still to happen and by
    /// when, what its record lacks or gets wrong, and how the manager's
    /// decision compares with the recommendation (the recorded one, or this
    /// policy's assessment of the report when none is recorded).
    ///
    /// The events may be given in any order. A problem with the report is an
    /// error pointed into the case (`/case/report/...`).
    ///
    /// ```
    /// use spf_core::case::{BreachCase, CaseEvent, CaseEventKind, CaseRequest, CaseState};
    /// use spf_core::{BreachKind, BreachReport, Care, Date, Engine};
    /// let engine = Engine::moj_default();
    /// let day = |d| Date::from_ymd(2026, 10, d).unwrap();
    /// let request = CaseRequest {
    ///     schema_version: None,
    ///     as_of: day(30),
    ///     case: BreachCase {
    ///         reference: None,
    ///         report: BreachReport::new(BreachKind::LossOfPass, Care::AvoidableCarelessness, day(1)),
    ///         recommendation: None,
    ///         events: vec![CaseEvent::new(CaseEventKind::Reported, day(2))],
    ///     },
    /// };
    /// let check = engine.check_case(&request).unwrap();
    /// assert_eq!(check.state, CaseState::Reported);
    /// // No investigation 10 days after the report (the default target).
    /// assert!(check.findings.iter().any(|f| f.code.as_str() == "investigationOverdue"));
    /// ```
    pub fn check_case(
        &self,
        request: &crate::case::CaseRequest,
    ) -> Result<crate::case::CaseCheck, SpfError> {
        check_schema_version(request.schema_version)?;
        let report_at = crate::codec::Pointer::root().key("case").key("report");
        let assessment = self
            .assess_breach(&request.case.report)
            .map_err(|error| crate::codec::read::within(error, &report_at))?;
        crate::case::check_case(&self.policy, &self.reference, request, &assessment)
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
    pub fn response_level(&self, threat: ThreatLevel) -> ResponseLevelAnswer {
        let rule = self
            .policy
            .counter_terrorism
            .threat_levels
            .iter()
            .find(|r| r.threat_level == threat);
        let source = rule.map_or(&self.policy.counter_terrorism.overrides.upward, |r| {
            &r.source
        });
        ResponseLevelAnswer {
            schema_version: SCHEMA_VERSION,
            policy: self.reference.clone(),
            threat_level: threat,
            definition: rule
                .map_or_else(|| threat.definition().to_owned(), |r| r.definition.clone()),
            response_level: self.response_level_for(threat),
            citation: source.citation.clone(),
            basis: source.basis,
            effective: None,
        }
    }

    /// [`Engine::response_level`] for a wire request; with a
    /// `responseOverride`, also the level in force at a site that sets its own
    /// (upward freely, downward only with a recorded approval).
    ///
    /// Errors: `overrideNotApproved` for a downward override without an
    /// approval (who and why), `dateOutOfOrder` for an approval dated after
    /// `asOf`.
    ///
    /// ```
    /// use spf_core::Engine;
    /// use spf_core::site::{ResponseLevel, ResponseLevelRequest, ResponseOverride, ThreatLevel};
    /// let engine = Engine::moj_default();
    /// let request = ResponseLevelRequest {
    ///     schema_version: None,
    ///     threat_level: ThreatLevel::Substantial,
    ///     as_of: None,
    ///     response_override: Some(ResponseOverride {
    ///         level: ResponseLevel::Exceptional,
    ///         approval: None,
    ///     }),
    /// };
    /// let answer = engine.response_level_request(&request).unwrap();
    /// assert_eq!(answer.response_level, ResponseLevel::Heightened);
    /// assert_eq!(answer.effective.unwrap().response_level, ResponseLevel::Exceptional);
    /// ```
    pub fn response_level_request(
        &self,
        request: &ResponseLevelRequest,
    ) -> Result<ResponseLevelAnswer, SpfError> {
        check_schema_version(request.schema_version)?;
        let mut answer = self.response_level(request.threat_level);
        if let Some(response_override) = &request.response_override {
            let mapped = answer.response_level;
            let level = crate::site::overridden_level(
                mapped,
                Some(response_override),
                request.as_of,
                &|| Pointer::root().key("responseOverride"),
            )?;
            let rules = &self.policy.counter_terrorism.overrides;
            let (direction, source) = match level.cmp(&mapped) {
                std::cmp::Ordering::Greater => (OverrideDirection::Upward, &rules.upward),
                std::cmp::Ordering::Equal => (OverrideDirection::Same, &rules.upward),
                std::cmp::Ordering::Less => (OverrideDirection::Downward, &rules.downward),
            };
            answer.effective = Some(EffectiveResponseLevel {
                response_level: level,
                direction,
                citation: source.citation.clone(),
                basis: source.basis,
            });
        }
        Ok(answer)
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
        self.site_status_at(site, threat, as_of, &Pointer::root())
    }

    /// [`Engine::site_status`] for a wire request.
    pub fn site_status_request(&self, request: &SiteStatusRequest) -> Result<SiteStatus, SpfError> {
        check_schema_version(request.schema_version)?;
        self.site_status_at(
            &request.site,
            request.threat_level,
            request.as_of,
            &Pointer::root().key("site"),
        )
    }

    /// One site of an estate, picked by its id: [`Engine::site_status`] for the
    /// site whose `id` is `site_id`.
    ///
    /// Errors: `unknownValue` when no site has the id, `duplicateEntry` when two
    /// do, and the site's own errors (paths `/sites/N/…`).
    pub fn site_status_by_id(
        &self,
        sites: &[Site],
        site_id: &str,
        threat: ThreatLevel,
        as_of: Date,
    ) -> Result<SiteStatus, SpfError> {
        let index = crate::site::find_site(sites.iter().map(|site| site.id.as_str()), site_id)?;
        let site = sites.get(index).ok_or_else(|| {
            SpfError::new(ErrorCode::Internal, "a site found by id is missing", "")
        })?;
        self.site_status_at(
            site,
            threat,
            as_of,
            &Pointer::root().key("sites").index(index),
        )
    }

    /// [`Engine::site_status_by_id`] for a wire request.
    pub fn site_status_by_id_request(
        &self,
        request: &SiteStatusByIdRequest,
    ) -> Result<SiteStatus, SpfError> {
        check_schema_version(request.schema_version)?;
        self.site_status_by_id(
            &request.sites,
            &request.site_id,
            request.threat_level,
            request.as_of,
        )
    }

    /// [`Engine::site_status`] for a site found at `at` in the caller's
    /// document (error paths start there).
    pub(crate) fn site_status_at(
        &self,
        site: &Site,
        threat: ThreatLevel,
        as_of: Date,
        at: &Pointer,
    ) -> Result<SiteStatus, SpfError> {
        crate::site::site_status(
            &self.policy,
            &self.reference,
            &self.sites,
            site,
            threat,
            as_of,
            &|| at.clone(),
        )
    }

    /// A whole estate's report. A site that cannot be assessed is listed in
    /// `rejected` with its index; the others are still assessed. A site whose id
    /// an earlier site already uses is rejected (`duplicateEntry` at its `id`),
    /// so that no obligation is counted twice under one name.
    #[must_use]
    pub fn portfolio(&self, sites: &[Site], threat: ThreatLevel, as_of: Date) -> PortfolioReport {
        self.portfolio_numbered(sites.iter().enumerate(), threat, as_of, Vec::new())
    }

    /// [`Engine::portfolio`] for a wire request.
    pub fn portfolio_request(
        &self,
        request: &PortfolioRequest,
    ) -> Result<PortfolioReport, SpfError> {
        check_schema_version(request.schema_version)?;
        Ok(self.portfolio(&request.sites, request.threat_level, request.as_of))
    }

    /// [`Engine::portfolio`] over sites numbered by their position in a request
    /// or file, with the sites already rejected while reading it (they are
    /// listed in the report's `rejected`, in index order with the others).
    pub fn portfolio_numbered<'s>(
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

    /// The impact of a change of threat level on an estate: every site's
    /// response level before and after, the controls newly required and no
    /// longer required, the gaps the change opens, grouped by business area
    /// with the security officer to tell, and the summary for the DSO's advice
    /// to the Permanent Secretary. A site that cannot be assessed is listed in
    /// `rejected`; the others are still assessed.
    ///
    /// Errors: a wrong `schemaVersion`; a `siteIds` entry naming no site of the
    /// estate (`unknownValue`) or repeated, or a business area listed twice
    /// (`duplicateEntry`).
    ///
    /// Cost: n·log n in the number of sites.
    ///
    /// ```
    /// use spf_core::site::{ThreatChangeRequest, ThreatLevel};
    /// use spf_core::Engine;
    /// let request: ThreatChangeRequest = spf_core::json::parse(r#"{
    ///   "asOf": "2026-11-23", "from": "severe", "to": "critical",
    ///   "sites": [{"id": "S1", "name": "Court", "tier": "high", "tierAssessed": "2026-01-05",
    ///              "securityOfficer": "A. Officer"}]
    /// }"#).unwrap();
    /// let impact = Engine::moj_default().threat_change_request(&request).unwrap();
    /// assert_eq!(impact.summary.sites_changing_level, 1);
    /// assert!(impact.summary.permanent_secretary_advised);
    /// assert_eq!(impact.areas[0].security_officers, ["A. Officer"]);
    /// ```
    pub fn threat_change_request(
        &self,
        request: &ThreatChangeRequest,
    ) -> Result<ThreatChangeImpact, SpfError> {
        check_schema_version(request.schema_version)?;
        self.threat_change_numbered(
            request.sites.iter().enumerate(),
            &Change {
                from: request.from,
                to: request.to,
                as_of: request.as_of,
                site_ids: request.site_ids.as_deref(),
                business_areas: &request.business_areas,
            },
            Vec::new(),
            &BTreeSet::new(),
        )
    }

    /// [`Engine::threat_change_request`] over sites numbered by their position in a
    /// request, with the records already rejected while reading it and the ids
    /// those records give (so that `siteIds` may name them).
    pub(crate) fn threat_change_numbered<'s>(
        &self,
        sites: impl Iterator<Item = (usize, &'s Site)>,
        change: &Change<'_>,
        rejected: Vec<RejectedSite>,
        rejected_ids: &BTreeSet<&str>,
    ) -> Result<ThreatChangeImpact, SpfError> {
        crate::site::threat_change(
            &self.policy,
            &self.reference,
            &self.sites,
            sites,
            change,
            rejected,
            rejected_ids,
        )
    }

    /// Where a CT-plan test last done on `last_tested` (never, if `None`) stands
    /// on `as_of` for a site of `tier`.
    ///
    /// Errors: `dateOutOfOrder` when the test is dated after `as_of`;
    /// `invalidDate` when it would fall due or overdue after 9999-12-31, the
    /// latest date the library handles.
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
        if let Some(last) = last_tested {
            crate::site::ct_test_due_within_calendar(&self.sites, tier, last, Pointer::root)?;
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
    pub fn trend_report<'r>(
        &self,
        records: &'r [IncidentRecord],
        from: Date,
        to: Date,
    ) -> Result<TrendReport<'r>, SpfError> {
        self.trend_report_numbered(records.iter().enumerate(), from, to, Vec::new())
    }

    /// [`Engine::trend_report`] for a wire request.
    pub fn trend_report_request<'r>(
        &self,
        request: &'r TrendRequest,
    ) -> Result<TrendReport<'r>, SpfError> {
        check_schema_version(request.schema_version)?;
        self.trend_report(&request.records, request.from, request.to)
    }

    /// [`Engine::trend_report`] over records numbered by their place in a
    /// request or file, with the records already refused while reading it (for
    /// example lines of a JSON Lines file that are not records). Paths of errors
    /// found here start `/records/N`.
    pub fn trend_report_numbered<'r>(
        &self,
        records: impl IntoIterator<Item = (usize, &'r IncidentRecord)>,
        from: Date,
        to: Date,
        rejected: Vec<RejectedRecord>,
    ) -> Result<TrendReport<'r>, SpfError> {
        // A record's own breach report is assessed as any report is, version
        // check included; only the level is kept, so the assessment's reasons
        // are not built.
        let assess = |report: &BreachReport| self.breach.assess_level(report);
        crate::register::trend_report(
            &self.policy,
            &self.reference,
            &assess,
            records,
            from,
            to,
            rejected,
        )
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

    /// [`Engine::assurance_pack`] for a typed request.
    pub fn assurance_pack_request<'r>(
        &self,
        request: &'r AssurancePackRequest,
    ) -> Result<AssurancePack<'r>, SpfError> {
        check_schema_version(request.schema_version)?;
        self.assurance_pack(request.inputs())
    }

    /// The assurance pack for the Executive Management Board and the Permanent
    /// Secretary: the estate's standing on `as_of` (the [`portfolio`]), each
    /// business area's compliance return evaluated, the business areas that
    /// run sites and made no return, the variations to report in the
    /// Governance Statement and the invalid ones (from the returns dated from
    /// `from` to `to`), and the year's breach trends (the [`trend report`],
    /// over whole quarters).
    ///
    /// Business areas are matched without regard to case or spacing. One
    /// return per business area: of several, the latest dated is used and the
    /// others are rejected with `duplicateEntry` at their `/returns/N/businessArea`,
    /// naming the one used; a return the engine refuses is rejected with its
    /// error; the others are still used.
    ///
    /// Errors: only those of the year itself (as the trend report's: `to`
    /// before `from`, or more quarters than a report covers).
    ///
    /// Cost: n·log n in the number of sites, returns and records together.
    ///
    /// [`portfolio`]: Engine::portfolio
    /// [`trend report`]: Engine::trend_report
    pub fn assurance_pack<'r>(
        &self,
        inputs: AssuranceInputs<'r>,
    ) -> Result<AssurancePack<'r>, SpfError> {
        let AssuranceInputs {
            as_of,
            threat_level,
            from,
            to,
            sites,
            rejected_sites,
            returns,
            mut rejected_returns,
            records,
            rejected_records,
        } = inputs;
        let breaches = self.trend_report_numbered(records, from, to, rejected_records)?;
        let estate =
            self.portfolio_numbered(sites.iter().copied(), threat_level, as_of, rejected_sites);
        // The business areas of the sites the estate could assess.
        let refused: BTreeSet<usize> = estate.rejected.iter().map(|r| r.index).collect();
        let estate_areas = crate::assurance::areas_of(
            sites
                .iter()
                .filter(|(index, _)| !refused.contains(index))
                .filter_map(|(_, site)| site.business_area.as_deref()),
        );
        let mut evaluated = Vec::with_capacity(returns.len());
        for (index, request) in returns {
            match self.evaluate_compliance(request) {
                Ok(evaluation) => evaluated.push((index, evaluation)),
                Err(error) => rejected_returns.push(RejectedReturn::unevaluated(index, error)),
            }
        }
        let evaluated = crate::assurance::one_per_area(evaluated, &mut rejected_returns);
        rejected_returns.sort_by_key(|r| r.index);
        Ok(crate::assurance::assemble(
            &self.policy,
            &self.reference,
            Parts {
                as_of,
                from,
                to,
                estate,
                estate_areas,
                returns: evaluated,
                rejected_returns,
                breaches,
            },
        ))
    }

    /// The third-party register checked on `as_of`: each supplier's scope
    /// (entrusted with protectively marked or business-critical information,
    /// and with unsupervised access to MoJ property, both together), and for
    /// a supplier in scope whether the control requirements were communicated
    /// and its compliance confirmed within the policy's period; counts per
    /// business area and overall. A supplier whose id an earlier one already
    /// uses is rejected (`duplicateEntry` at its `id`), as are a blank id,
    /// name or business area and a date after `as_of`; the others are still
    /// checked. See [`crate::third_party`].
    ///
    /// Cost: n·log n in the number of suppliers (the id check, the grouping by
    /// business area and the sorted list).
    ///
    /// ```
    /// use spf_core::third_party::{Standing, Supplier};
    /// use spf_core::{Date, Engine};
    /// let supplier: Supplier = spf_core::json::parse(r#"{"id": "SUP-1",
    ///   "name": "Cleaning Co", "businessArea": "HMPPS", "contractReference": "C-1",
    ///   "entrustedWithMarkedInformation": false,
    ///   "entrustedWithBusinessCriticalInformation": true,
    ///   "unsupervisedAccessToProperty": true,
    ///   "requirementsCommunicated": "2026-01-05", "complianceLastConfirmed": "2026-02-01"}"#).unwrap();
    /// let report = Engine::moj_default().third_parties(&[supplier], Date::from_ymd(2026, 11, 23).unwrap());
    /// assert_eq!(report.suppliers[0].standing, Standing::Compliant);
    /// assert_eq!(report.summary.in_scope, 1);
    /// ```
    #[must_use]
    pub fn third_parties(&self, suppliers: &[Supplier], as_of: Date) -> ThirdPartyReport {
        self.third_parties_numbered(suppliers.iter().enumerate(), as_of, Vec::new())
    }

    /// [`Engine::third_parties`] for a wire request.
    pub fn third_parties_request(
        &self,
        request: &ThirdPartiesRequest,
    ) -> Result<ThirdPartyReport, SpfError> {
        check_schema_version(request.schema_version)?;
        Ok(self.third_parties(&request.suppliers, request.as_of))
    }

    /// [`Engine::third_parties`] over suppliers numbered by their position in a
    /// request or file, with the records already rejected while reading it
    /// (they are listed in the report's `rejected`, in index order with the
    /// others).
    pub fn third_parties_numbered<'s>(
        &self,
        suppliers: impl Iterator<Item = (usize, &'s Supplier)>,
        as_of: Date,
        rejected: Vec<RejectedSupplier>,
    ) -> ThirdPartyReport {
        crate::third_party::check(&self.policy, &self.reference, suppliers, as_of, rejected)
    }

    /// Who co-ordinates the response to an incident.
    pub fn coordinate(
        &self,
        request: &CoordinationRequest,
    ) -> Result<CoordinationAnswer, SpfError> {
        check_schema_version(request.schema_version)?;
        crate::coordination::coordinate(&self.policy, &self.reference, request)
    }

    /// The national security vetting level a role should be assessed for,
    /// from its access (the highest of BPSS and the level each criterion it
    /// meets calls for), and, when a holder is given, their clearance against
    /// it and the review of that clearance, with the findings
    /// `clearanceBelowNeed` and `clearanceReviewOverdue`, `clearanceReviewDue`
    /// or `clearanceReviewDueSoon`.
    ///
    /// Errors: `dateOutOfOrder` for a holder's date after `asOf` or a last
    /// review before the grant; `missingField` at `/holder/granted` for a
    /// reviewed level with no grant date; `invalidDate` when the review would
    /// fall due after 9999-12-31.
    ///
    /// Cost: constant (seven criteria, a few date comparisons).
    ///
    /// ```
    /// use spf_core::clearance::{ClearanceNeedRequest, RoleAccess, SecretAccess, VettingLevel};
    /// use spf_core::{Date, Engine};
    /// let request = ClearanceNeedRequest {
    ///     schema_version: None,
    ///     as_of: Date::from_ymd(2026, 12, 1).unwrap(),
    ///     role: None,
    ///     access: RoleAccess { secret: SecretAccess::RegularUncontrolled, ..RoleAccess::default() },
    ///     holder: None,
    /// };
    /// let answer = Engine::moj_default().clearance_need(&request).unwrap();
    /// assert_eq!(answer.recommended, VettingLevel::Sc);
    /// ```
    pub fn clearance_need(
        &self,
        request: &ClearanceNeedRequest,
    ) -> Result<ClearanceNeed, SpfError> {
        check_schema_version(request.schema_version)?;
        crate::clearance::clearance_need(&self.policy, &self.reference, request)
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
