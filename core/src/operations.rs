//! The JSON operations: the one table every surface and the golden corpus read,
//! and the entry point of each (request text in, answer text out).
//!
//! Requests are camelCase JSON with unknown fields rejected and dates written
//! `YYYY-MM-DD`. Answers are compact JSON with `schemaVersion` and the policy id
//! and version. Errors are [`SpfError`]s: `{code, message, path}` with a stable
//! code and a JSON pointer.
//!
//! [`OPERATIONS`] lists every operation once: its name (the JavaScript function
//! and the golden-corpus folder `tests/corpus/<name>/`), what its request is,
//! and its entry point. The C library (`spf_<name in snake case>_json` and
//! `spf_operation_json`), the WebAssembly module (`<name>`, `<name>Json` and the
//! `Engine` methods) and the corpus runners in Rust, C and Node are checked
//! against it, so an operation missing from a surface fails a test that names
//! it. Adding an operation is one entry point, its constant and its row here.
//!
//! ```
//! use spf_core::{json, Engine};
//! let engine = Engine::moj_default();
//! let answer = json::assess_breach(&engine, r#"{
//!     "kind": "workstationLeftUnlocked",
//!     "care": "avoidableCarelessness",
//!     "occurred": "2026-11-02",
//!     "person": {"status": "employee", "organisation": "moj"}
//! }"#).unwrap();
//! assert!(answer.starts_with(r#"{"schemaVersion":1,"policy":{"id":"moj-default""#));
//! assert!(answer.contains(r#""level":"minor""#));
//!
//! let same = json::operation("assessBreach").unwrap();
//! assert_eq!(same.answer(&engine, r#"{"kind":"lossOfPass","care":"avoidableCarelessness",
//!     "occurred":"2026-11-02","person":{"status":"employee","organisation":"moj"}}"#)
//!     .unwrap(), json::assess_breach(&engine, r#"{"kind":"lossOfPass","care":"avoidableCarelessness",
//!     "occurred":"2026-11-02","person":{"status":"employee","organisation":"moj"}}"#).unwrap());
//! ```

use std::collections::BTreeSet;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::assurance::{AssuranceInputs, RejectedReturn};
use crate::breach::{BreachEngine, BreachReport};
use crate::case::CaseRequest;
use crate::clearance::ClearanceNeedRequest;
use crate::codec::check_schema_version;
use crate::codec::{Pointer, parse_each, parse_raw_items, parse_rereading, reject, to_compact};
use crate::compliance::ComplianceReturn;
use crate::coordination::CoordinationRequest;
use crate::date::Date;
use crate::engine::Engine;
use crate::error::{ErrorCode, SpfError};
use crate::policy::PolicyErrors;
use crate::register::{IncidentRecord, RejectedRecord};
use crate::site::{
    BusinessAreaContact, Change, RejectedSite, ResponseLevelRequest, Site, SiteStatusRequest,
    ThreatLevel, find_site,
};
use crate::third_party::{RejectedSupplier, Supplier};

pub use crate::codec::parse;

/// Just the id of a site record; every other field is left unread (finding a
/// site by id, and the ids of records that could not be read in full).
#[derive(Deserialize)]
struct IdOnly<'a> {
    #[serde(borrow)]
    id: std::borrow::Cow<'a, str>,
}

/// An operation's entry point: request text in, answer text out, under an
/// engine.
pub type EntryPoint = fn(&Engine, &str) -> Result<String, SpfError>;

/// A breach operation's entry point under a [`BreachEngine`] alone (the
/// policy's breach section), for a program that only assesses breaches.
pub type BreachEntryPoint = fn(&BreachEngine, &str) -> Result<String, SpfError>;

/// One JSON operation: request text in, answer text out, under an engine.
#[derive(Debug, Clone, Copy)]
pub struct Operation {
    /// The operation's name: the JavaScript function, the golden-corpus folder
    /// (`tests/corpus/<name>/`), and in snake case the C export
    /// (`spf_<name>_json`).
    pub name: &'static str,
    /// What the request is, for messages ("a breach report object").
    pub request: &'static str,
    /// One line on what it answers.
    pub summary: &'static str,
    entry: EntryPoint,
    /// The same entry point under a [`BreachEngine`], for the operations that
    /// need nothing but the policy's breach section.
    breach_entry: Option<BreachEntryPoint>,
}

impl Operation {
    /// Runs the operation on a request.
    pub fn answer(&self, engine: &Engine, request: &str) -> Result<String, SpfError> {
        (self.entry)(engine, request)
    }

    /// The entry point itself, for surfaces that keep function pointers.
    #[must_use]
    pub fn entry(&self) -> EntryPoint {
        self.entry
    }

    /// The entry point under a [`BreachEngine`], for an operation that needs
    /// only the policy's breach section (`assessBreach`, `assessBreaches`);
    /// `None` for every other. It answers exactly as [`Operation::entry`] does
    /// under the engine that holds the breach engine.
    #[must_use]
    pub fn breach_entry(&self) -> Option<BreachEntryPoint> {
        self.breach_entry
    }

    /// The name in snake case, as the C export spells it (`assessBreach` →
    /// `assess_breach`).
    #[must_use]
    pub fn snake_case_name(&self) -> String {
        let mut out = String::with_capacity(self.name.len() + 4);
        for ch in self.name.chars() {
            if ch.is_ascii_uppercase() {
                out.push('_');
                out.push(ch.to_ascii_lowercase());
            } else {
                out.push(ch);
            }
        }
        out
    }
}

/// Every JSON operation, in the order the documentation lists them.
pub const OPERATIONS: &[Operation] = &[
    ASSESS_BREACH,
    ASSESS_BREACHES,
    SITE_STATUS,
    SITE_STATUS_BY_ID,
    PORTFOLIO,
    RESPONSE_LEVEL,
    COORDINATE,
    TREND_REPORT,
    EVALUATE_COMPLIANCE,
    // Later operations go last, so that `spf_operation_name(i)` keeps its
    // numbers for the earlier ones.
    THREAT_CHANGE,
    ASSURANCE_PACK,
    CHECK_CASE,
    CLEARANCE_NEED,
    THIRD_PARTIES,
    POLICY_DIFF,
    POLICY_IMPACT,
    POLICY_GUIDANCE,
];

/// The `assessBreach` operation.
pub const ASSESS_BREACH: Operation = Operation {
    name: "assessBreach",
    request: "a breach report object",
    summary: "recommended misconduct level, matrix score and band, route, flags and reasons for a breach report",
    entry: assess_breach,
    breach_entry: Some(BreachEngine::assess_breach_json),
};

/// The `assessBreaches` operation.
pub const ASSESS_BREACHES: Operation = Operation {
    name: "assessBreaches",
    request: "an array of breach report objects",
    summary: "every breach report of an array assessed, each answer (or its error) in the report's place",
    entry: assess_breaches,
    breach_entry: Some(BreachEngine::assess_breaches_json),
};

/// The `siteStatus` operation.
pub const SITE_STATUS: Operation = Operation {
    name: "siteStatus",
    request: "a site status request object (`asOf`, `threatLevel`, `site`)",
    summary: "one site's response level, controls, schedules, findings and reasons",
    entry: site_status,
    breach_entry: None,
};

/// The `siteStatusById` operation.
pub const SITE_STATUS_BY_ID: Operation = Operation {
    name: "siteStatusById",
    request: "a site status by id request object (`asOf`, `threatLevel`, `siteId`, `sites`)",
    summary: "the status of one site of an estate, picked by its id",
    entry: site_status_by_id,
    breach_entry: None,
};

/// The `portfolio` operation.
pub const PORTFOLIO: Operation = Operation {
    name: "portfolio",
    request: "a portfolio request object (`asOf`, `threatLevel`, `sites`)",
    summary: "a whole estate: counts, and the obligations overdue, due and due soon",
    entry: portfolio,
    breach_entry: None,
};

/// The `responseLevel` operation.
pub const RESPONSE_LEVEL: Operation = Operation {
    name: "responseLevel",
    request: "a response level request object (`threatLevel`)",
    summary: "the response level a national threat level maps to, and the level in force with a site's override",
    entry: response_level,
    breach_entry: None,
};

/// The `threatChange` operation.
pub const THREAT_CHANGE: Operation = Operation {
    name: "threatChange",
    request: "a threat change request object (`asOf`, `from`, `to`, `sites`)",
    summary: "what a change of threat level changes at every site, whom to tell, and the summary for the Permanent Secretary",
    entry: threat_change,
    breach_entry: None,
};

/// The `assurancePack` operation.
pub const ASSURANCE_PACK: Operation = Operation {
    name: "assurancePack",
    request: "an assurance pack request object (`asOf`, `threatLevel`, `from`, `to`, `sites`, `returns`, `records`)",
    summary: "the year's assurance for the Board and the Permanent Secretary: the estate, the compliance returns and their variations, the breach trends",
    entry: assurance_pack,
    breach_entry: None,
};

/// The `checkCase` operation.
pub const CHECK_CASE: Operation = Operation {
    name: "checkCase",
    request: "a case check request object (`asOf`, `case`)",
    summary: "a breach case from report to outcome: where it stands, what is due, what its record lacks, and the decision against the recommendation",
    entry: check_case,
    breach_entry: None,
};

/// The `clearanceNeed` operation.
pub const CLEARANCE_NEED: Operation = Operation {
    name: "clearanceNeed",
    request: "a clearance need request object (`asOf`, `access`, optional `role` and `holder`)",
    summary: "the national security vetting level a role should be assessed for, against its holder's clearance and review",
    entry: clearance_need,
    breach_entry: None,
};

/// The `thirdParties` operation.
pub const THIRD_PARTIES: Operation = Operation {
    name: "thirdParties",
    request: "a third parties request object (`asOf`, `suppliers`)",
    summary: "contractors and suppliers entrusted with marked or business-critical information and with unsupervised access: requirements communicated, compliance confirmed, by business area",
    entry: third_parties,
    breach_entry: None,
};

/// The `policyDiff` operation.
pub const POLICY_DIFF: Operation = Operation {
    name: "policyDiff",
    request: "a policy diff request object (`policy`)",
    summary: "every decision the engine's policy and another make differently, over the whole input space, with both answers for each group of changes, and the documents' differences",
    entry: policy_diff,
    breach_entry: None,
};

/// The `policyImpact` operation.
pub const POLICY_IMPACT: Operation = Operation {
    name: "policyImpact",
    request: "a policy impact request object (`policy`, `records`)",
    summary: "an incident register re-assessed under the engine's policy and another: the records whose recommendation changes, by level, kind and business area",
    entry: policy_impact,
    breach_entry: None,
};

/// The `coordinate` operation.
pub const COORDINATE: Operation = Operation {
    name: "coordinate",
    request: "a co-ordination request object",
    summary: "who co-ordinates the response to an incident",
    entry: coordinate,
    breach_entry: None,
};

/// The `trendReport` operation.
pub const TREND_REPORT: Operation = Operation {
    name: "trendReport",
    request: "a trend report request object (`from`, `to`, `records`)",
    summary: "quarterly trends in the central incident register, repeat individuals and hotspots",
    entry: trend_report,
    breach_entry: None,
};

/// The `evaluateCompliance` operation.
pub const EVALUATE_COMPLIANCE: Operation = Operation {
    name: "evaluateCompliance",
    request: "a compliance return object (`businessArea`, `returnDate`, `elements`)",
    summary: "an SPF compliance return's gaps, variations to report and invalid variations",
    entry: evaluate_compliance,
    breach_entry: None,
};

/// The `policyGuidance` operation.
pub const POLICY_GUIDANCE: Operation = Operation {
    name: "policyGuidance",
    request: "a guidance request object (`format`: `markdown` or `html`)",
    summary: "the manager's guidance (POLSBP003) generated from the policy document, as Markdown or as an accessible HTML page",
    entry: policy_guidance,
    breach_entry: None,
};

/// The operation of that name, if there is one.
#[must_use]
pub fn operation(name: &str) -> Option<&'static Operation> {
    OPERATIONS.iter().find(|operation| operation.name == name)
}

/// Assesses a breach report given as JSON and answers in JSON (under a
/// [`BreachEngine`] alone: [`BreachEngine::assess_breach_json`]).
///
/// Cost: linear in the request's size (each earlier breach is counted once).
pub fn assess_breach(engine: &Engine, request: &str) -> Result<String, SpfError> {
    engine.breach_engine().assess_breach_json(request)
}

/// Assesses an array of breach reports given as JSON and answers with an array
/// of the same length: in each report's place its answer, as
/// [`assess_breach`] gives it, or `{"index": N, "error": {…}}` with the error's
/// pointer into the request (`/N/kind`). A bad report does not stop the
/// others (under a [`BreachEngine`] alone:
/// [`BreachEngine::assess_breaches_json`]). For JSON Lines, and for batches
/// too big for one request, see [`batch`](crate::batch).
///
/// Cost: linear in the request's size.
///
/// ```
/// use spf_core::json;
/// let engine = spf_core::Engine::moj_default();
/// let answer = json::assess_breaches(&engine, r#"[
///     {"kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-11-02",
///      "person":{"status":"employee","organisation":"moj"}},
///     {"kind":"lossOfPas"}]"#).unwrap();
/// assert!(answer.starts_with(r#"[{"schemaVersion":1,"#));
/// assert!(answer.contains(r#",{"index":1,"error":{"code":"unknownValue","#));
/// assert!(answer.contains(r#""path":"/1/kind""#));
/// ```
pub fn assess_breaches(engine: &Engine, request: &str) -> Result<String, SpfError> {
    engine.breach_engine().assess_breaches_json(request)
}

/// The breach operations under a [`BreachEngine`] alone: the entry points the
/// operation table gives as [`Operation::breach_entry`], answering exactly as
/// [`assess_breach`] and [`assess_breaches`] do under the engine that holds it.
impl BreachEngine {
    /// [`assess_breach`] under this breach engine.
    ///
    /// ```
    /// use spf_core::{BreachEngine, Engine, json};
    /// let report = r#"{"kind":"lossOfPass","care":"avoidableCarelessness",
    ///     "occurred":"2026-11-02","person":{"status":"employee","organisation":"moj"}}"#;
    /// assert_eq!(
    ///     BreachEngine::moj_default().assess_breach_json(report),
    ///     json::assess_breach(&Engine::moj_default(), report),
    /// );
    /// ```
    pub fn assess_breach_json(&self, request: &str) -> Result<String, SpfError> {
        let report = BreachReport::from_json(request)?;
        Ok(self.assess_breach(&report)?.to_json())
    }

    /// [`assess_breaches`] under this breach engine.
    ///
    /// Cost: linear in the request's size.
    pub fn assess_breaches_json(&self, request: &str) -> Result<String, SpfError> {
        let reports: Vec<&RawValue> = parse_raw_items(request)?;
        // Answers are a few kilobytes each.
        let mut out = String::with_capacity(reports.len().saturating_mul(4096).saturating_add(2));
        out.push('[');
        for (index, raw) in reports.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            match BreachReport::from_json(raw.get()).and_then(|report| self.assess_breach(&report))
            {
                Ok(answer) => answer.write_json(&mut out),
                Err(error) => {
                    let error = crate::codec::read::within(error, &Pointer::root().index(index));
                    out.push_str("{\"index\":");
                    out.push_str(&index.to_string());
                    out.push_str(",\"error\":");
                    out.push_str(&error.to_json());
                    out.push('}');
                }
            }
        }
        out.push(']');
        Ok(out)
    }
}

/// One site's status: request `{"asOf", "threatLevel", "site"}`, answer a
/// [`SiteStatus`](crate::site::SiteStatus).
///
/// Cost: linear in the request's size; the site's schedules are a fixed number
/// of date computations.
pub fn site_status(engine: &Engine, request: &str) -> Result<String, SpfError> {
    let request: SiteStatusRequest = parse(request)?;
    to_compact(&engine.site_status_request(&request)?)
}

/// One site of an estate, picked by its id: request `{"asOf", "threatLevel",
/// "siteId", "sites": [...]}`, answer the [`SiteStatus`](crate::site::SiteStatus)
/// of the site with that id.
///
/// Only that site is read in full: the others are searched for the id, so a
/// bad record elsewhere in the estate does not stop the answer. Errors:
/// `unknownValue` at `/siteId` when no site has the id, `duplicateEntry` when
/// two do, and the site's own errors at `/sites/N/…`.
///
/// Cost: linear in the estate's size (each record's id is read once).
///
/// ```
/// use spf_core::{json, Engine, ErrorCode};
/// let engine = Engine::moj_default();
/// let request = r#"{"asOf":"2026-11-23","threatLevel":"substantial","siteId":"B",
///   "sites":[{"oops":true},
///            {"id":"B","name":"Site B","businessArea":"HMCTS","tier":"low",
///             "tierAssessed":"2026-01-01"}]}"#;
/// let answer = json::site_status_by_id(&engine, request).unwrap();
/// assert!(answer.contains(r#""siteId":"B""#));
/// let missing = json::site_status_by_id(&engine, &request.replace(r#""siteId":"B""#, r#""siteId":"C""#));
/// assert_eq!(missing.unwrap_err().code, ErrorCode::UnknownValue);
/// ```
pub fn site_status_by_id(engine: &Engine, request: &str) -> Result<String, SpfError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    #[serde(expecting = "a site status by id request object")]
    struct Wire<'a> {
        #[serde(default)]
        schema_version: Option<u32>,
        as_of: Date,
        threat_level: ThreatLevel,
        site_id: String,
        #[serde(borrow)]
        sites: Vec<&'a RawValue>,
    }
    let wire: Wire<'_> = parse_rereading(request, |text| reject::<Wire<'_>>(text))?;
    check_schema_version(wire.schema_version)?;
    let ids: Vec<Option<IdOnly<'_>>> = wire
        .sites
        .iter()
        // A record that is not an object with a string `id` cannot be the one
        // asked for; the untracked reader is enough (no error is reported), and
        // as strict as the others, so an array is never taken for a site.
        .map(|raw| crate::codec::parse_untracked::<IdOnly<'_>>(raw.get()).ok())
        .collect();
    let index = find_site(
        ids.iter().map(|id| id.as_ref().map(|id| &*id.id)),
        &wire.site_id,
    )?;
    let at = Pointer::root().key("sites").index(index);
    let raw = wire
        .sites
        .get(index)
        .ok_or_else(|| SpfError::new(ErrorCode::Internal, "a site found by id is missing", ""))?;
    let site: Site = parse(raw.get()).map_err(|error| crate::codec::read::within(error, &at))?;
    to_compact(&engine.site_status_at(&site, wire.threat_level, wire.as_of, &at)?)
}

/// The response level for a threat level: request `{"threatLevel"}`, with an
/// optional `responseOverride` (and `asOf`) for the level in force at a site
/// that sets its own.
///
/// Cost: linear in the request's size.
pub fn response_level(engine: &Engine, request: &str) -> Result<String, SpfError> {
    let request: ResponseLevelRequest = parse(request)?;
    to_compact(&engine.response_level_request(&request)?)
}

/// A portfolio report: request `{"asOf", "threatLevel", "sites": [...]}`.
///
/// Each site is read on its own: a malformed or invalid site is listed under
/// `rejected` with its index and error (its path inside the request), and the
/// other sites are still assessed. A site whose id an earlier site already uses
/// is rejected with `duplicateEntry` at its `/sites/N/id`. Only a request that is
/// not a portfolio request at all is an error.
///
/// Cost: n·log n in the number of sites (the id check and the sorted lists);
/// each site's schedules are a few date comparisons.
pub fn portfolio(engine: &Engine, request: &str) -> Result<String, SpfError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    #[serde(expecting = "a portfolio request object")]
    struct Wire {
        #[serde(default)]
        schema_version: Option<u32>,
        as_of: Date,
        threat_level: ThreatLevel,
        sites: Vec<Box<RawValue>>,
    }
    let wire: Wire = parse(request)?;
    check_schema_version(wire.schema_version)?;
    let (sites, rejected) = parse_each::<Site>(wire.sites.iter().map(|raw| &**raw), "sites");
    let rejected = rejected
        .into_iter()
        .map(|(index, error)| RejectedSite { index, error })
        .collect();
    let report = engine.portfolio_numbered(
        sites.iter().map(|(index, site)| (*index, site)),
        wire.threat_level,
        wire.as_of,
        rejected,
    );
    to_compact(&report)
}

/// The impact of a change of threat level on an estate: request `{"asOf",
/// "from", "to", "sites": [...]}` with optional `siteIds` (the change applies to
/// those sites only) and `businessAreas` (`[{"name", "securityOfficer"}]`),
/// answer a [`ThreatChangeImpact`](crate::site::ThreatChangeImpact).
///
/// Each site is read on its own, as in [`portfolio`]: a malformed or invalid
/// site is listed under `rejected` with its index and error, and the others are
/// still assessed.
///
/// Cost: n·log n in the number of sites (the id checks and the grouping by
/// business area).
///
/// ```
/// use spf_core::{json, Engine};
/// let answer = json::threat_change(&Engine::moj_default(), r#"{
///   "asOf": "2026-11-23", "from": "substantial", "to": "critical",
///   "businessAreas": [{"name": "HMCTS", "securityOfficer": "A. Officer"}],
///   "sites": [{"id": "S1", "name": "Court", "businessArea": "HMCTS", "tier": "low",
///              "tierAssessed": "2026-01-05"}]
/// }"#).unwrap();
/// assert!(answer.contains(r#""securityOfficers":["A. Officer"]"#));
/// assert!(answer.contains(r#""permanentSecretaryAdvised":true"#));
/// ```
pub fn threat_change(engine: &Engine, request: &str) -> Result<String, SpfError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    #[serde(expecting = "a threat change request object")]
    struct Wire<'a> {
        #[serde(default)]
        schema_version: Option<u32>,
        as_of: Date,
        from: ThreatLevel,
        to: ThreatLevel,
        #[serde(default)]
        site_ids: Option<Vec<String>>,
        #[serde(default)]
        business_areas: Vec<BusinessAreaContact>,
        #[serde(borrow)]
        sites: Vec<&'a RawValue>,
    }
    let wire: Wire<'_> = parse_rereading(request, |text| reject::<Wire<'_>>(text))?;
    check_schema_version(wire.schema_version)?;
    let (sites, rejected) = parse_each::<Site>(wire.sites.iter().copied(), "sites");
    // The ids the rejected records give, so that `siteIds` may name them.
    let rejected_ids: Vec<IdOnly<'_>> = rejected
        .iter()
        .filter_map(|(index, _)| wire.sites.get(*index))
        .filter_map(|raw| crate::codec::parse_untracked::<IdOnly<'_>>(raw.get()).ok())
        .collect();
    let rejected_ids: BTreeSet<&str> = rejected_ids.iter().map(|id| &*id.id).collect();
    let rejected = rejected
        .into_iter()
        .map(|(index, error)| RejectedSite { index, error })
        .collect();
    let impact = engine.threat_change_numbered(
        sites.iter().map(|(index, site)| (*index, site)),
        &Change {
            from: wire.from,
            to: wire.to,
            as_of: wire.as_of,
            site_ids: wire.site_ids.as_deref(),
            business_areas: &wire.business_areas,
        },
        rejected,
        &rejected_ids,
    )?;
    to_compact(&impact)
}

/// The assurance pack: request `{"asOf", "threatLevel", "from", "to",
/// "sites": [...], "returns": [...], "records": [...]}` (the estate, the
/// business areas' compliance returns and the incident register), answer an
/// [`AssurancePack`](crate::assurance::AssurancePack).
///
/// Each site, return and record is read on its own: one that cannot be read or
/// used is listed with its index and error (its path inside the request) under
/// `estate.rejected`, `rejectedReturns` or `breaches.rejected`, and the rest
/// are still used. Only a request that is not an assurance pack request, or a
/// year the trend report refuses, is an error.
///
/// Cost: n·log n in the number of sites, returns and records together.
///
/// ```
/// use spf_core::{json, Engine};
/// let answer = json::assurance_pack(&Engine::moj_default(), r#"{
///   "asOf": "2026-03-31", "threatLevel": "substantial",
///   "from": "2025-04-01", "to": "2026-03-31",
///   "sites": [{"id": "S1", "name": "Court", "businessArea": "HMCTS", "tier": "low",
///              "tierAssessed": "2026-01-05"}],
///   "returns": [], "records": []
/// }"#).unwrap();
/// assert!(answer.contains(r#""businessAreasWithoutReturn":["HMCTS"]"#));
/// ```
pub fn assurance_pack(engine: &Engine, request: &str) -> Result<String, SpfError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    #[serde(expecting = "an assurance pack request object")]
    struct Wire<'a> {
        #[serde(default)]
        schema_version: Option<u32>,
        as_of: Date,
        threat_level: ThreatLevel,
        from: Date,
        to: Date,
        #[serde(borrow)]
        sites: Vec<&'a RawValue>,
        #[serde(borrow)]
        returns: Vec<&'a RawValue>,
        #[serde(borrow)]
        records: Vec<&'a RawValue>,
    }
    let wire: Wire<'_> = parse_rereading(request, |text| reject::<Wire<'_>>(text))?;
    check_schema_version(wire.schema_version)?;
    let (sites, rejected_sites) = parse_each::<Site>(wire.sites.iter().copied(), "sites");
    let (returns, rejected_returns) =
        parse_each::<ComplianceReturn>(wire.returns.iter().copied(), "returns");
    let (records, rejected_records) =
        parse_each::<IncidentRecord>(wire.records.iter().copied(), "records");
    let pack = engine.assurance_pack(AssuranceInputs {
        as_of: wire.as_of,
        threat_level: wire.threat_level,
        from: wire.from,
        to: wire.to,
        sites: sites.iter().map(|(index, site)| (*index, site)).collect(),
        rejected_sites: rejected_sites
            .into_iter()
            .map(|(index, error)| RejectedSite { index, error })
            .collect(),
        returns: returns.iter().map(|(index, r)| (*index, r)).collect(),
        rejected_returns: rejected_returns
            .into_iter()
            .map(|(index, error)| RejectedReturn { index, error })
            .collect(),
        records: records.iter().map(|(index, r)| (*index, r)).collect(),
        rejected_records: rejected_records
            .into_iter()
            .map(|(index, error)| RejectedRecord { index, error })
            .collect(),
    })?;
    to_compact(&pack)
}

/// The third-party register: request `{"asOf", "suppliers": [...]}`, answer
/// a [`ThirdPartyReport`](crate::third_party::ThirdPartyReport): each
/// supplier in or out of the corporate policy's scope (entrusted with
/// protectively marked or business-critical information, and with
/// unsupervised access to MoJ property), its findings (requirements never
/// communicated, compliance never confirmed, confirmation lapsed or due
/// soon), and counts per business area and overall.
///
/// Each supplier is read on its own: a malformed or unusable record is listed
/// under `rejected` with its index and error (its path inside the request),
/// and the others are still checked. A supplier whose id an earlier supplier
/// already uses is rejected with `duplicateEntry` at its `/suppliers/N/id`.
/// Only a request that is not a third parties request at all is an error.
///
/// Cost: n·log n in the number of suppliers (the id check, the grouping by
/// business area and the sorted list).
///
/// ```
/// use spf_core::{json, Engine};
/// let answer = json::third_parties(&Engine::moj_default(), r#"{
///   "asOf": "2026-11-23",
///   "suppliers": [{"id": "SUP-1", "name": "Secure Shred Ltd", "businessArea": "LAA",
///     "contractReference": "LAA/2025/044", "entrustedWithMarkedInformation": true,
///     "entrustedWithBusinessCriticalInformation": false,
///     "unsupervisedAccessToProperty": true, "requirementsCommunicated": "2025-06-02"}]
/// }"#).unwrap();
/// assert!(answer.contains(r#""code":"complianceNeverConfirmed","severity":"high""#));
/// ```
pub fn third_parties(engine: &Engine, request: &str) -> Result<String, SpfError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    #[serde(expecting = "a third parties request object")]
    struct Wire<'a> {
        #[serde(default)]
        schema_version: Option<u32>,
        as_of: Date,
        #[serde(borrow)]
        suppliers: Vec<&'a RawValue>,
    }
    let wire: Wire<'_> = parse_rereading(request, |text| reject::<Wire<'_>>(text))?;
    check_schema_version(wire.schema_version)?;
    let (suppliers, rejected) = parse_each::<Supplier>(wire.suppliers.iter().copied(), "suppliers");
    let rejected = rejected
        .into_iter()
        .map(|(index, error)| RejectedSupplier { index, error })
        .collect();
    let report = engine.third_parties_numbered(
        suppliers.iter().map(|(index, supplier)| (*index, supplier)),
        wire.as_of,
        rejected,
    );
    to_compact(&report)
}

/// Who co-ordinates an incident: request `{"businessAreasAffected": [...],
/// "frontLineServicesSignificantlyAffected": bool}`.
///
/// Cost: n·log n in the number of business areas named (repeats are found
/// through an ordered set).
pub fn coordinate(engine: &Engine, request: &str) -> Result<String, SpfError> {
    let request: CoordinationRequest = parse(request)?;
    to_compact(&engine.coordinate(&request)?)
}

/// A trend report over the incident register: request `{"from", "to",
/// "records": [...]}`, answer a [`TrendReport`](crate::register::TrendReport).
///
/// Each record is read on its own: a malformed or invalid record (an unknown
/// kind, dates out of order, …) is listed under `rejected` with its index and
/// error (its path inside the request), and the other records are still used.
///
/// Cost: n·log n in the number of records (they are grouped by person and each
/// person's breaches sorted by date); one person's breaches on one day are
/// scanned once.
pub fn trend_report(engine: &Engine, request: &str) -> Result<String, SpfError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    #[serde(expecting = "a trend report request object")]
    struct Wire<'a> {
        #[serde(default)]
        schema_version: Option<u32>,
        from: Date,
        to: Date,
        #[serde(borrow)]
        records: Vec<&'a RawValue>,
    }
    let wire: Wire<'_> = parse_rereading(request, |text| reject::<Wire<'_>>(text))?;
    check_schema_version(wire.schema_version)?;
    let (records, rejected) = parse_each::<IncidentRecord>(wire.records.iter().copied(), "records");
    let rejected = rejected
        .into_iter()
        .map(|(index, error)| RejectedRecord { index, error })
        .collect();
    let report = engine.trend_report_numbered(
        records.iter().map(|(index, record)| (*index, record)),
        wire.from,
        wire.to,
        rejected,
    )?;
    to_compact(&report)
}

/// Evaluates an SPF compliance return: request a
/// [`ComplianceReturn`], answer a
/// [`ComplianceEvaluation`](crate::compliance::ComplianceEvaluation).
///
/// Cost: linear in the request's size (an element may appear once; a repeat is
/// rejected).
pub fn evaluate_compliance(engine: &Engine, request: &str) -> Result<String, SpfError> {
    let request: ComplianceReturn = parse(request)?;
    to_compact(&engine.evaluate_compliance(&request)?)
}

/// The vetting level a role should be assessed for: request `{"asOf",
/// "access": {…}, "role"?, "holder"?: {"clearance", "granted"?,
/// "lastReviewed"?}}`, answer a [`ClearanceNeed`](crate::clearance::ClearanceNeed).
///
/// Cost: linear in the request's size (seven criteria, a few date
/// comparisons).
///
/// ```
/// use spf_core::{json, Engine};
/// let answer = json::clearance_need(&Engine::moj_default(), r#"{
///   "asOf": "2026-12-01",
///   "access": {"informationOfValueToTerrorists": true},
///   "holder": {"clearance": "bpss"}
/// }"#).unwrap();
/// assert!(answer.contains(r#""recommended":"ctc""#));
/// assert!(answer.contains(r#""code":"clearanceBelowNeed""#));
/// ```
pub fn clearance_need(engine: &Engine, request: &str) -> Result<String, SpfError> {
    let request: ClearanceNeedRequest = parse(request)?;
    to_compact(&engine.clearance_need(&request)?)
}

/// The policy a request compares the engine's with, compiled: an invalid
/// document gives its validation errors, pointed from the request's root
/// (`/policy/...`).
fn other_policy(document: &RawValue) -> Result<Engine, SpfError> {
    Engine::from_policy_json(document.get()).map_err(|errors| {
        crate::codec::read::within(SpfError::from(errors), &Pointer::root().key("policy"))
    })
}

/// Every decision the engine's policy (compared from) and the request's
/// (compared to) make differently: request `{"policy": {…}}`, answer a
/// [`PolicyDiff`](crate::policy_change::PolicyDiff). An invalid policy in the
/// request is an error with every problem found, pointed into it
/// (`/policy/breach/kinds/3/floor`).
///
/// Cost: the whole input space under both policies (see
/// [`policy_change::diff`](crate::policy_change::diff)); about a second.
pub fn policy_diff(engine: &Engine, request: &str) -> Result<String, SpfError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    #[serde(expecting = "a policy diff request object")]
    struct Wire<'a> {
        #[serde(default)]
        schema_version: Option<u32>,
        #[serde(borrow)]
        policy: &'a RawValue,
    }
    let wire: Wire<'_> = parse_rereading(request, |text| reject::<Wire<'_>>(text))?;
    check_schema_version(wire.schema_version)?;
    let other = other_policy(wire.policy)?;
    to_compact(&crate::policy_change::diff(engine, &other))
}

/// An incident register re-assessed under the engine's policy (compared
/// from) and the request's (compared to): request `{"policy": {…},
/// "records": [...]}`, answer a
/// [`RegisterImpact`](crate::policy_change::RegisterImpact). Each record is
/// read on its own, as in [`trend_report`]: a malformed or invalid one is
/// listed under `rejected` and the others are still used.
///
/// Cost: linear in the number of records (two assessments without reasons
/// for each record that carries a report), plus sorting the business areas.
pub fn policy_impact(engine: &Engine, request: &str) -> Result<String, SpfError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    #[serde(expecting = "a policy impact request object")]
    struct Wire<'a> {
        #[serde(default)]
        schema_version: Option<u32>,
        #[serde(borrow)]
        policy: &'a RawValue,
        #[serde(borrow)]
        records: Vec<&'a RawValue>,
    }
    let wire: Wire<'_> = parse_rereading(request, |text| reject::<Wire<'_>>(text))?;
    check_schema_version(wire.schema_version)?;
    let other = other_policy(wire.policy)?;
    let (records, rejected) = parse_each::<IncidentRecord>(wire.records.iter().copied(), "records");
    let rejected = rejected
        .into_iter()
        .map(|(index, error)| RejectedRecord { index, error })
        .collect();
    let impact = crate::policy_change::impact(
        engine,
        &other,
        records.iter().map(|(index, record)| (*index, record)),
        rejected,
    );
    to_compact(&impact)
}

/// The manager's guidance POLSBP003 asks each organisation to publish,
/// generated from the engine's policy document: request `{"format":
/// "markdown"}` or `{"format": "html"}`, answer a
/// [`GuidanceAnswer`](crate::guidance::GuidanceAnswer) with the text. With
/// `"since": {…the earlier policy document…}` the guidance opens with what
/// changed since that version, from the exhaustive diff of the two
/// ([`policy_change::changes_since`](crate::policy_change::changes_since)); an
/// invalid earlier document gives its validation errors, pointed into the
/// request (`/since/...`).
///
/// Cost: linear in the size of the policy document (the guidance is built
/// afresh on each call); with `since`, the diff's cost besides.
///
/// ```
/// use spf_core::{json, Engine};
/// let answer = json::policy_guidance(&Engine::moj_default(), r#"{"format": "markdown"}"#).unwrap();
/// assert!(answer.contains(r#""format":"markdown""#));
/// assert!(answer.contains("Failure to lock security cabinets. Level: serious misconduct."));
/// ```
pub fn policy_guidance(engine: &Engine, request: &str) -> Result<String, SpfError> {
    let request: crate::guidance::GuidanceRequest = parse(request)?;
    let changes = match &request.since {
        None => None,
        Some(earlier) => {
            let earlier = Engine::new(earlier.clone()).map_err(|errors| {
                crate::codec::read::within(SpfError::from(errors), &Pointer::root().key("since"))
            })?;
            let diff = crate::policy_change::diff(&earlier, engine);
            Some(crate::policy_change::changes_since(&diff))
        }
    };
    to_compact(&engine.policy_guidance(&request, changes)?)
}

/// The engine's policy document as pretty-printed JSON.
#[must_use]
pub fn export_policy(engine: &Engine) -> String {
    engine.policy_json()
}

/// The breach section of the engine's policy document (`breach`: the kinds,
/// matrix, bands, history window, routes and flags) as pretty-printed JSON:
/// what a breach form needs without the rest of the document.
#[must_use]
pub fn export_breach_rules(engine: &Engine) -> String {
    engine.breach_engine().rules_json()
}

/// Parses, validates and compiles a policy document; every problem is reported.
pub fn load_policy(document: &str) -> Result<Engine, PolicyErrors> {
    Engine::from_policy_json(document)
}

/// A breach case checked on a date: request `{"asOf", "case": {"report",
/// "recommendation", "events": [...]}}`, answer a
/// [`CaseCheck`](crate::case::CaseCheck): the case's state, the recommendation
/// and the decision against it (none, lower or higher, with both levels), the
/// events still missing, the targets still to meet, findings and reasons.
///
/// Cost: linear in the request's size, with a sort of the events.
///
/// ```
/// use spf_core::{json, Engine};
/// let answer = json::check_case(&Engine::moj_default(), r#"{
///   "asOf": "2026-11-30",
///   "case": {
///     "report": {"kind": "lossOfPass", "care": "avoidableCarelessness",
///                "occurred": "2026-10-01",
///                "person": {"status": "employee", "organisation": "moj"}},
///     "events": [{"event": "closed", "on": "2026-10-20"},
///                {"event": "reported", "on": "2026-10-02"}]
///   }
/// }"#).unwrap();
/// assert!(answer.contains(r#""state":"closed""#));
/// assert!(answer.contains(r#""code":"closedWithoutDecision""#));
/// ```
pub fn check_case(engine: &Engine, request: &str) -> Result<String, SpfError> {
    let request: CaseRequest = parse(request)?;
    to_compact(&engine.check_case(&request)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_breach_rules_are_the_policy_documents_breach_section() {
        let engine = Engine::moj_default();
        let document: serde_json::Value =
            serde_json::from_str(&export_policy(&engine)).unwrap_or_default();
        let rules: serde_json::Value =
            serde_json::from_str(&export_breach_rules(&engine)).unwrap_or_default();
        assert!(rules.get("kinds").is_some_and(serde_json::Value::is_array));
        assert_eq!(Some(&rules), document.get("breach"));
    }

    #[test]
    fn the_breach_rows_answer_alike_under_a_breach_engine_and_no_other_row_runs_there() {
        let engine = Engine::moj_default();
        let alone = BreachEngine::moj_default();
        let report = r#"{"kind":"officialDocumentsNotSecured","care":"highCarelessness",
            "occurred":"2026-11-02","marking":"OFFICIAL-SENSITIVE",
            "person":{"status":"contractor","organisation":"moj"},"personalData":true}"#;
        let requests = [
            report.to_owned(),
            format!("[{report},{{\"kind\":\"lossOfPas\"}}]"),
            r#"{"kind":"lossOfPass","care":"avoidable"}"#.to_owned(),
            "{".to_owned(),
            "[]".to_owned(),
        ];
        let mut breach_rows = Vec::new();
        for operation in OPERATIONS {
            let Some(breach_entry) = operation.breach_entry() else {
                continue;
            };
            breach_rows.push(operation.name);
            for request in &requests {
                assert_eq!(
                    breach_entry(&alone, request),
                    operation.answer(&engine, request),
                    "{} on {request}",
                    operation.name
                );
            }
        }
        assert_eq!(breach_rows, ["assessBreach", "assessBreaches"]);
        // Built alone, the default's breach section is the whole default's.
        assert_eq!(alone.rules(), &engine.policy().breach);
        assert_eq!(alone.policy_ref(), engine.policy_ref());
        assert_eq!(alone.rules_json(), export_breach_rules(&engine));
    }

    #[test]
    fn names_are_unique_and_snake_case_is_the_c_spelling() {
        let mut names = std::collections::BTreeSet::new();
        for operation in OPERATIONS {
            assert!(names.insert(operation.name), "{} twice", operation.name);
            assert!(operation.name.chars().all(|c| c.is_ascii_alphanumeric()));
        }
        let snake = operation("evaluateCompliance").map(Operation::snake_case_name);
        assert_eq!(snake.as_deref(), Some("evaluate_compliance"));
        let snake = operation("siteStatusById").map(Operation::snake_case_name);
        assert_eq!(snake.as_deref(), Some("site_status_by_id"));
        assert!(operation("nope").is_none());
    }
}
