//! Third parties: the contractors and suppliers a business area entrusts with
//! information, checked against the corporate security policy's sentence
//! "Business areas should also ensure that control requirements are understood
//! and complied with by any contractor or third party entrusted with
//! protectively marked or business critical information and with unsupervised
//! access to our property."
//!
//! **Who is in scope.** The sentence joins two conditions with "and with": the
//! supplier is entrusted with protectively marked *or* business-critical
//! information (either is enough), *and* it has unsupervised access to MoJ
//! property. Both must hold. A supplier holding marked information whose
//! people are always escorted, or one with unsupervised access that holds no
//! marked or business-critical information, is out of the sentence's scope:
//! it is reported as out of scope, with the condition it does not meet and the
//! sentence cited, and raises no finding. (Other duties, such as the SPF
//! element on delivery partners and third-party suppliers in a business area's
//! compliance return, may still cover it; this check does not.)
//!
//! **What is checked** for a supplier in scope, on the register's day:
//! 1. the control requirements were communicated to it (a date, or none):
//!    never communicated is `requirementsNotCommunicated`, **high**: the
//!    supplier cannot understand requirements it was never given, and it holds
//!    marked or business-critical information with nobody watching;
//! 2. its compliance was confirmed (the date last confirmed, or none): never
//!    confirmed is `complianceNeverConfirmed`, **high**: the business area has
//!    nothing to show that it ensured compliance;
//! 3. the confirmation is recent: one older than the policy's confirmation
//!    period (`/thirdParties/confirmationPeriod`, 12 months under the MoJ
//!    default) is `complianceConfirmationLapsed`, **medium**: compliance was
//!    confirmed once, and only the period, a configurable default, says it
//!    must be confirmed again; within the warning window before it lapses
//!    (`/thirdParties/dueSoon`, 90 days) it is
//!    `complianceConfirmationDueSoon`, **low**, for information.
//!
//! The first two rest on the sentence alone and say `policyStatement`; the
//! last two rest on the sentence and the period (and the window), and say
//! `configurableDefault` under the MoJ default. The corporate policy's
//! "should" is its usual word for a business area's duties (a business area
//! that does not follow one needs a variation agreed by its Accounting
//! Officer), so the sentence is read as a duty.
//!
//! A confirmation made on day D stands through the same day of the month
//! `months` later (clamped to the month's end: 29 February 2024 and 12 months
//! stands through 28 February 2025) and has lapsed the day after.
//!
//! **The register.** Each supplier record is read on its own (in the JSON
//! operation): one that cannot be read, or that fails the checks below, is
//! listed under `rejected` with its index and error, and the rest are still
//! used. A supplier whose id an earlier supplier already uses is rejected with
//! `duplicateEntry` at its `/suppliers/N/id`, as a site in a portfolio is. A
//! blank id, name or business area is `invalidType`; a date after `asOf` is
//! `dateOutOfOrder`. The summary counts, per business area (matched without
//! regard to case or spacing, shown in the least spelling the register uses,
//! so the order of the register changes nothing) and overall, the suppliers
//! in and out of scope, those in scope with no finding other than a
//! confirmation due soon (compliant), and each finding. A confirmation dated
//! before the requirements were communicated confirms nothing the supplier
//! was given: its compliance is `complianceNeverConfirmed`.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::assurance::area_key;
use crate::codec::Pointer;
use crate::date::Date;
use crate::error::{ErrorCode, Quoted, SpfError};
use crate::policy::{Policy, PolicyRef, SCHEMA_VERSION, ThirdPartyRules};
use crate::reason::{Basis, Citation, Reason, Source, Step, combined};
use crate::site::Severity;

/// A contractor or third party of a business area.
///
/// ```
/// let supplier: spf_core::third_party::Supplier = spf_core::json::parse(r#"{
///   "id": "SUP-001", "name": "Northgate Facilities Ltd", "businessArea": "HMCTS",
///   "contractReference": "HMCTS/FM/2024/117",
///   "entrustedWithMarkedInformation": true,
///   "entrustedWithBusinessCriticalInformation": false,
///   "unsupervisedAccessToProperty": true,
///   "requirementsCommunicated": "2025-04-01",
///   "complianceLastConfirmed": null
/// }"#).unwrap();
/// assert!(supplier.in_scope());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a supplier object")]
pub struct Supplier {
    /// The supplier's stable id in the register.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The business area that engages it.
    pub business_area: String,
    /// The contract it works under.
    pub contract_reference: String,
    /// It is entrusted with protectively marked information.
    pub entrusted_with_marked_information: bool,
    /// It is entrusted with business-critical information.
    pub entrusted_with_business_critical_information: bool,
    /// Its people have unsupervised access to MoJ property.
    pub unsupervised_access_to_property: bool,
    /// When the control requirements were communicated to it; absent or null
    /// if never.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate | null | undefined"))]
    pub requirements_communicated: Option<Date>,
    /// When its compliance with them was last confirmed; absent or null if
    /// never.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate | null | undefined"))]
    pub compliance_last_confirmed: Option<Date>,
}

impl Supplier {
    /// Whether the corporate policy's sentence covers it: entrusted with
    /// marked or business-critical information, and with unsupervised access.
    #[must_use]
    pub fn in_scope(&self) -> bool {
        (self.entrusted_with_marked_information
            || self.entrusted_with_business_critical_information)
            && self.unsupervised_access_to_property
    }
}

/// A third-party register request, typed: the day and the suppliers. The JSON
/// operation reads each supplier on its own instead, so that one bad record
/// does not stop the report.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a third parties request object")]
pub struct ThirdPartiesRequest {
    /// Optional wire schema version; when present it must be 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_version: Option<u32>,
    /// The day to check on.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub as_of: Date,
    /// The register of suppliers.
    pub suppliers: Vec<Supplier>,
}

/// A supplier record that could not be checked.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RejectedSupplier {
    /// Its position in the request, from 0.
    pub index: usize,
    /// Why (the path is inside the request).
    pub error: SpfError,
}

/// A stable third-party finding code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum ThirdPartyFindingCode {
    /// The control requirements were never communicated to the supplier.
    RequirementsNotCommunicated,
    /// The supplier's compliance was never confirmed.
    ComplianceNeverConfirmed,
    /// The last confirmation is older than the confirmation period.
    ComplianceConfirmationLapsed,
    /// The confirmation lapses within the warning window.
    ComplianceConfirmationDueSoon,
}

impl ThirdPartyFindingCode {
    /// Every code.
    pub const ALL: [ThirdPartyFindingCode; 4] = [
        ThirdPartyFindingCode::RequirementsNotCommunicated,
        ThirdPartyFindingCode::ComplianceNeverConfirmed,
        ThirdPartyFindingCode::ComplianceConfirmationLapsed,
        ThirdPartyFindingCode::ComplianceConfirmationDueSoon,
    ];

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            ThirdPartyFindingCode::RequirementsNotCommunicated => "requirementsNotCommunicated",
            ThirdPartyFindingCode::ComplianceNeverConfirmed => "complianceNeverConfirmed",
            ThirdPartyFindingCode::ComplianceConfirmationLapsed => "complianceConfirmationLapsed",
            ThirdPartyFindingCode::ComplianceConfirmationDueSoon => "complianceConfirmationDueSoon",
        }
    }

    /// How serious the finding is (the module documentation says why).
    #[must_use]
    pub const fn severity(self) -> Severity {
        match self {
            ThirdPartyFindingCode::RequirementsNotCommunicated
            | ThirdPartyFindingCode::ComplianceNeverConfirmed => Severity::High,
            ThirdPartyFindingCode::ComplianceConfirmationLapsed => Severity::Medium,
            ThirdPartyFindingCode::ComplianceConfirmationDueSoon => Severity::Low,
        }
    }
}

/// Something missing or due for a supplier in scope.
///
/// Wire form: `{"code": "complianceNeverConfirmed", "severity": "high",
/// "message": "…", "basis": "policyStatement", "citation": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ThirdPartyFinding {
    /// The stable code.
    pub code: ThirdPartyFindingCode,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, for people.
    pub message: String,
    /// Whether the rules that raised it are the policy's statement, a
    /// configurable default or an agency's variation of a statement.
    pub basis: Basis,
    /// The policy text it comes from.
    pub citation: Citation,
}

/// Why a supplier is out of the sentence's scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum OutOfScopeCode {
    /// It is entrusted with neither protectively marked nor business-critical
    /// information.
    NoMarkedOrBusinessCriticalInformation,
    /// It has no unsupervised access to MoJ property.
    NoUnsupervisedAccess,
}

impl OutOfScopeCode {
    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            OutOfScopeCode::NoMarkedOrBusinessCriticalInformation => {
                "noMarkedOrBusinessCriticalInformation"
            }
            OutOfScopeCode::NoUnsupervisedAccess => "noUnsupervisedAccess",
        }
    }
}

/// One condition of the sentence a supplier does not meet. Its severity is
/// always `low`: it is for information, not something to put right.
///
/// Wire form as a finding's: `{"code": "noUnsupervisedAccess", "severity":
/// "low", "message": "…", "basis": "policyStatement", "citation": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OutOfScopeReason {
    /// The stable code.
    pub code: OutOfScopeCode,
    /// Always `low`.
    pub severity: Severity,
    /// Why, for people.
    pub message: String,
    /// The basis of the sentence that sets the scope.
    pub basis: Basis,
    /// The sentence.
    pub citation: Citation,
}

/// Where a supplier's confirmation of compliance stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum ConfirmationStatus {
    /// Confirmed within the period, outside the warning window.
    Ok,
    /// Confirmed within the period; it lapses within the warning window.
    DueSoon,
    /// The last confirmation is older than the period.
    Lapsed,
    /// Never confirmed.
    NeverConfirmed,
}

impl ConfirmationStatus {
    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            ConfirmationStatus::Ok => "ok",
            ConfirmationStatus::DueSoon => "dueSoon",
            ConfirmationStatus::Lapsed => "lapsed",
            ConfirmationStatus::NeverConfirmed => "neverConfirmed",
        }
    }
}

/// A supplier's confirmation of compliance, with its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Confirmation {
    /// Where it stands on `asOf`.
    pub status: ConfirmationStatus,
    /// When compliance was last confirmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate | undefined"))]
    pub last_confirmed: Option<Date>,
    /// The first day of the warning window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate | undefined"))]
    pub due_soon_from: Option<Date>,
    /// The last day the confirmation stands (absent past year 9999).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate | undefined"))]
    pub stands_until: Option<Date>,
}

impl Confirmation {
    /// Where a confirmation made on `last` stands on `as_of`, for a period of
    /// `months` and a warning window of `due_soon_days`.
    ///
    /// ```
    /// use spf_core::third_party::{Confirmation, ConfirmationStatus};
    /// let day = |s: &str| s.parse::<spf_core::Date>().unwrap();
    /// let c = Confirmation::evaluate(Some(day("2024-02-29")), 12, 90, day("2025-03-01"));
    /// assert_eq!(c.stands_until, Some(day("2025-02-28")));
    /// assert_eq!(c.status, ConfirmationStatus::Lapsed);
    /// ```
    #[must_use]
    pub fn evaluate(last: Option<Date>, months: u32, due_soon_days: u32, as_of: Date) -> Self {
        let Some(last) = last else {
            return Confirmation {
                status: ConfirmationStatus::NeverConfirmed,
                last_confirmed: None,
                due_soon_from: None,
                stands_until: None,
            };
        };
        // Past year 9999 no `asOf` reaches it: it never lapses.
        let stands_until = last.months_after(months);
        // A window reaching back before year 0001 starts on 0001-01-01.
        let due_soon_from =
            stands_until.map(|end| end.days_before(due_soon_days).unwrap_or(Date::EARLIEST));
        let status = if stands_until.is_some_and(|end| as_of > end) {
            ConfirmationStatus::Lapsed
        } else if due_soon_from.is_some_and(|from| as_of >= from) {
            ConfirmationStatus::DueSoon
        } else {
            ConfirmationStatus::Ok
        };
        Confirmation {
            status,
            last_confirmed: Some(last),
            due_soon_from,
            stands_until,
        }
    }
}

/// A supplier's standing against the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Standing {
    /// In scope, with no finding other than `complianceConfirmationDueSoon`.
    Compliant,
    /// In scope, with a finding to act on.
    NotCompliant,
    /// Out of the sentence's scope.
    OutOfScope,
}

/// One step of a supplier's check, or of the register's, with its facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(tag = "rule", content = "facts", deny_unknown_fields)]
#[allow(missing_docs)] // the facts' names say what they are; each variant is documented
pub enum ThirdPartyStep {
    /// The supplier is in scope: marked or business-critical information,
    /// and unsupervised access.
    #[serde(rename = "thirdParty.inScope", rename_all = "camelCase")]
    InScope {
        marked_information: bool,
        business_critical_information: bool,
    },
    /// The supplier is out of scope: a condition is not met.
    #[serde(rename = "thirdParty.outOfScope", rename_all = "camelCase")]
    OutOfScope {
        marked_information: bool,
        business_critical_information: bool,
        unsupervised_access: bool,
    },
    /// Whether the control requirements were communicated, and when.
    #[serde(rename = "thirdParty.requirements", rename_all = "camelCase")]
    Requirements {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", tsify(type = "IsoDate | undefined"))]
        communicated: Option<Date>,
    },
    /// Where the confirmation of compliance stands, for the period.
    #[serde(rename = "thirdParty.compliance", rename_all = "camelCase")]
    Compliance {
        status: ConfirmationStatus,
        months: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", tsify(type = "IsoDate | undefined"))]
        last_confirmed: Option<Date>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", tsify(type = "IsoDate | undefined"))]
        stands_until: Option<Date>,
    },
    /// The register as a whole.
    #[serde(rename = "thirdParties.register", rename_all = "camelCase")]
    Register {
        suppliers: u32,
        in_scope: u32,
        compliant: u32,
        not_compliant: u32,
    },
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl Step for ThirdPartyStep {
    fn rule_id(&self) -> &'static str {
        match self {
            ThirdPartyStep::InScope { .. } => "thirdParty.inScope",
            ThirdPartyStep::OutOfScope { .. } => "thirdParty.outOfScope",
            ThirdPartyStep::Requirements { .. } => "thirdParty.requirements",
            ThirdPartyStep::Compliance { .. } => "thirdParty.compliance",
            ThirdPartyStep::Register { .. } => "thirdParties.register",
        }
    }

    fn explain<W: fmt::Write>(&self, w: &mut W) -> fmt::Result {
        match *self {
            ThirdPartyStep::InScope {
                marked_information,
                business_critical_information,
            } => write!(
                w,
                "the supplier is entrusted with {} and has unsupervised access to MoJ property: the business area ensures that it understands and complies with the control requirements",
                match (marked_information, business_critical_information) {
                    (true, true) => "protectively marked and business-critical information",
                    (true, false) => "protectively marked information",
                    _ => "business-critical information",
                }
            ),
            ThirdPartyStep::OutOfScope {
                marked_information,
                business_critical_information,
                unsupervised_access,
            } => {
                let information = marked_information || business_critical_information;
                write!(
                    w,
                    "the duty covers a supplier entrusted with protectively marked or business-critical information and with unsupervised access to MoJ property, both together; this supplier {}",
                    match (information, unsupervised_access) {
                        (false, false) =>
                            "holds neither kind of information and has no unsupervised access",
                        (false, true) => "holds neither kind of information",
                        _ => "has no unsupervised access",
                    }
                )
            }
            ThirdPartyStep::Requirements { communicated } => match communicated {
                Some(on) => write!(w, "the control requirements were communicated on {on}"),
                None => w.write_str("the control requirements were never communicated"),
            },
            ThirdPartyStep::Compliance {
                status,
                months,
                last_confirmed,
                stands_until,
            } => {
                let period = plural(months, "month", "months");
                match (status, last_confirmed, stands_until) {
                    (ConfirmationStatus::NeverConfirmed, _, _) | (_, None, _) => write!(
                        w,
                        "compliance with the control requirements was never confirmed (it is confirmed every {period})"
                    ),
                    (ConfirmationStatus::Lapsed, Some(last), Some(end)) => write!(
                        w,
                        "compliance was last confirmed on {last}, more than {period} ago: the confirmation stood until {end}"
                    ),
                    (ConfirmationStatus::DueSoon, Some(last), Some(end)) => write!(
                        w,
                        "compliance was confirmed on {last}; confirmed every {period}, it is due again by {end}"
                    ),
                    (_, Some(last), Some(end)) => write!(
                        w,
                        "compliance was confirmed on {last}, within {period}; it stands until {end}"
                    ),
                    (_, Some(last), None) => {
                        write!(w, "compliance was confirmed on {last}, within {period}")
                    }
                }
            }
            ThirdPartyStep::Register {
                suppliers,
                in_scope,
                compliant,
                not_compliant,
            } => write!(
                w,
                "{} checked: {in_scope} entrusted with protectively marked or business-critical information and with unsupervised access, of which {compliant} compliant and {not_compliant} with a finding to act on",
                plural(suppliers, "supplier", "suppliers"),
            ),
        }
    }
}

/// A reason in a third-party report.
pub type ThirdPartyReason = Reason<ThirdPartyStep>;

#[cfg(feature = "typescript")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_THIRD_PARTY_TYPES: &str = r#"
/** One cited step of a third-party check. */
export type ThirdPartyReason = Reason<ThirdPartyStep>;
"#;

/// One supplier, checked.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SupplierStanding {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its business area, trimmed.
    pub business_area: String,
    /// Its contract.
    pub contract_reference: String,
    /// Compliant, not compliant, or out of scope.
    pub standing: Standing,
    /// When the control requirements were communicated (in scope only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate | undefined"))]
    pub requirements_communicated: Option<Date>,
    /// Where its confirmation of compliance stands (in scope only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub confirmation: Option<Confirmation>,
    /// What is missing or due, most serious first (in scope only).
    pub findings: Vec<ThirdPartyFinding>,
    /// The conditions of the sentence it does not meet (out of scope only).
    pub out_of_scope: Vec<OutOfScopeReason>,
    /// The steps, with citations.
    pub reasons: Vec<ThirdPartyReason>,
}

/// How many suppliers have each finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[allow(missing_docs)] // named after the finding codes
pub struct FindingCounts {
    pub requirements_not_communicated: usize,
    pub compliance_never_confirmed: usize,
    pub compliance_confirmation_lapsed: usize,
    pub compliance_confirmation_due_soon: usize,
}

impl FindingCounts {
    fn add(&mut self, code: ThirdPartyFindingCode) {
        let slot = match code {
            ThirdPartyFindingCode::RequirementsNotCommunicated => {
                &mut self.requirements_not_communicated
            }
            ThirdPartyFindingCode::ComplianceNeverConfirmed => &mut self.compliance_never_confirmed,
            ThirdPartyFindingCode::ComplianceConfirmationLapsed => {
                &mut self.compliance_confirmation_lapsed
            }
            ThirdPartyFindingCode::ComplianceConfirmationDueSoon => {
                &mut self.compliance_confirmation_due_soon
            }
        };
        *slot = slot.saturating_add(1);
    }
}

/// The counts of a group of suppliers (a business area, or the register).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SupplierCounts {
    /// Suppliers checked.
    pub suppliers: usize,
    /// In the sentence's scope.
    pub in_scope: usize,
    /// Out of it.
    pub out_of_scope: usize,
    /// In scope with no finding other than `complianceConfirmationDueSoon`.
    pub compliant: usize,
    /// In scope with a finding to act on.
    pub not_compliant: usize,
    /// Suppliers with each finding.
    pub findings: FindingCounts,
}

impl SupplierCounts {
    fn add(&mut self, supplier: &SupplierStanding) {
        self.suppliers = self.suppliers.saturating_add(1);
        let slot = match supplier.standing {
            Standing::Compliant => &mut self.compliant,
            Standing::NotCompliant => &mut self.not_compliant,
            Standing::OutOfScope => &mut self.out_of_scope,
        };
        *slot = slot.saturating_add(1);
        if supplier.standing != Standing::OutOfScope {
            self.in_scope = self.in_scope.saturating_add(1);
        }
        for finding in &supplier.findings {
            self.findings.add(finding.code);
        }
    }
}

/// One business area's suppliers, counted.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AreaSuppliers {
    /// The business area, in the least spelling the register uses for it.
    pub business_area: String,
    /// Its counts.
    pub counts: SupplierCounts,
}

/// The third-party register, checked.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ThirdPartyReport {
    /// Wire schema version of the answer (1).
    pub schema_version: u32,
    /// The policy document that produced it.
    pub policy: PolicyRef,
    /// The day checked on.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub as_of: Date,
    /// The whole register's counts (rejected records are not in them).
    pub summary: SupplierCounts,
    /// Each business area's counts, by business area.
    pub business_areas: Vec<AreaSuppliers>,
    /// Every supplier checked, by id.
    pub suppliers: Vec<SupplierStanding>,
    /// Records that could not be checked, in request order.
    pub rejected: Vec<RejectedSupplier>,
    /// How the register was checked, with citations.
    pub reasons: Vec<ThirdPartyReason>,
}

impl RejectedSupplier {
    /// A supplier whose id an earlier supplier of the list already uses.
    fn repeated_id(index: usize, id: &str) -> Self {
        Self {
            index,
            error: SpfError::new(
                ErrorCode::DuplicateEntry,
                format!(
                    "supplier id `{}` is used by an earlier supplier in the list",
                    Quoted(id)
                ),
                at(index).key("id").into_string(),
            ),
        }
    }
}

fn at(index: usize) -> Pointer {
    Pointer::root().key("suppliers").index(index)
}

/// Checks the register: one record per id, each supplier's scope and steps 1
/// to 3 of the module's list, then the counts and the register's reason.
pub(crate) fn check<'s>(
    policy: &Policy,
    reference: &PolicyRef,
    suppliers: impl Iterator<Item = (usize, &'s Supplier)>,
    as_of: Date,
    mut rejected: Vec<RejectedSupplier>,
) -> ThirdPartyReport {
    let rules = &policy.third_parties;
    // Ids seen so far: a later supplier with an id is rejected, so that no
    // supplier is counted twice under one name. A B-tree, not a hash set: the
    // ids are the caller's, and no input makes it slow.
    let mut ids: BTreeMap<&str, ()> = BTreeMap::new();
    let mut checked: Vec<SupplierStanding> = Vec::new();
    for (index, supplier) in suppliers {
        let Entry::Vacant(slot) = ids.entry(supplier.id.as_str()) else {
            rejected.push(RejectedSupplier::repeated_id(index, &supplier.id));
            continue;
        };
        // The id is taken even when the record is rejected below, as a copy
        // of it would be.
        slot.insert(());
        match usable(supplier, as_of, index) {
            Ok(()) => checked.push(standing(rules, supplier, as_of)),
            Err(error) => rejected.push(RejectedSupplier { index, error }),
        }
    }
    checked.sort_by(|a, b| a.id.cmp(&b.id));
    rejected.sort_by_key(|r| r.index);
    let (summary, business_areas) = count(&checked);
    let reasons = vec![Reason::resting_on(
        ThirdPartyStep::Register {
            suppliers: to_u32(summary.suppliers),
            in_scope: to_u32(summary.in_scope),
            compliant: to_u32(summary.compliant),
            not_compliant: to_u32(summary.not_compliant),
        },
        &[
            &rules.control_requirements,
            &rules.confirmation_period.source,
            &rules.due_soon.source,
        ],
    )];
    ThirdPartyReport {
        schema_version: SCHEMA_VERSION,
        policy: reference.clone(),
        as_of,
        summary,
        business_areas,
        suppliers: checked,
        rejected,
        reasons,
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A record the check can use: an id, a name and a business area that are
/// not blank, and no date after the day checked on.
fn usable(supplier: &Supplier, as_of: Date, index: usize) -> Result<(), SpfError> {
    for (value, field, what) in [
        (&supplier.id, "id", "a supplier id"),
        (&supplier.name, "name", "a supplier name"),
        (&supplier.business_area, "businessArea", "a business area"),
    ] {
        if value.trim().is_empty() {
            return Err(SpfError::new(
                ErrorCode::InvalidType,
                format!("{what} must not be blank"),
                at(index).key(field).into_string(),
            ));
        }
    }
    for (date, field) in [
        (
            supplier.requirements_communicated,
            "requirementsCommunicated",
        ),
        (
            supplier.compliance_last_confirmed,
            "complianceLastConfirmed",
        ),
    ] {
        if let Some(date) = date.filter(|date| *date > as_of) {
            return Err(SpfError::new(
                ErrorCode::DateOutOfOrder,
                format!("`{field}` is {date}, after `asOf` ({as_of})"),
                at(index).key(field).into_string(),
            ));
        }
    }
    Ok(())
}

/// Steps 1 to 3 for one supplier, or its scope when it is out of it.
fn standing(rules: &ThirdPartyRules, supplier: &Supplier, as_of: Date) -> SupplierStanding {
    let statement = &rules.control_requirements;
    let marked = supplier.entrusted_with_marked_information;
    let critical = supplier.entrusted_with_business_critical_information;
    let mut out = SupplierStanding {
        id: supplier.id.clone(),
        name: supplier.name.trim().to_owned(),
        business_area: supplier.business_area.trim().to_owned(),
        contract_reference: supplier.contract_reference.trim().to_owned(),
        standing: Standing::OutOfScope,
        requirements_communicated: None,
        confirmation: None,
        findings: Vec::new(),
        out_of_scope: Vec::new(),
        reasons: Vec::with_capacity(3),
    };
    if !supplier.in_scope() {
        out.out_of_scope = out_of_scope(supplier, statement);
        out.reasons.push(Reason::new(
            ThirdPartyStep::OutOfScope {
                marked_information: marked,
                business_critical_information: critical,
                unsupervised_access: supplier.unsupervised_access_to_property,
            },
            statement,
        ));
        return out;
    }
    out.reasons.push(Reason::new(
        ThirdPartyStep::InScope {
            marked_information: marked,
            business_critical_information: critical,
        },
        statement,
    ));
    // Step 1: the requirements communicated.
    out.requirements_communicated = supplier.requirements_communicated;
    out.reasons.push(Reason::new(
        ThirdPartyStep::Requirements {
            communicated: supplier.requirements_communicated,
        },
        statement,
    ));
    if supplier.requirements_communicated.is_none() {
        out.findings.push(finding(
            ThirdPartyFindingCode::RequirementsNotCommunicated,
            "the control requirements were never communicated to this supplier, which holds protectively marked or business-critical information with unsupervised access to MoJ property".into(),
            &[statement],
        ));
    }
    // Steps 2 and 3: compliance confirmed, and recently.
    let months = rules.confirmation_period.months;
    // A confirmation dated before the requirements were (last) communicated
    // confirms requirements the supplier no longer has: compliance with the
    // ones it was given is not confirmed.
    let earlier_confirmation = match (
        supplier.compliance_last_confirmed,
        supplier.requirements_communicated,
    ) {
        (Some(confirmed), Some(communicated)) if confirmed < communicated => {
            Some((confirmed, communicated))
        }
        _ => None,
    };
    let confirmation = Confirmation::evaluate(
        supplier
            .compliance_last_confirmed
            .filter(|_| earlier_confirmation.is_none()),
        months,
        rules.due_soon.days,
        as_of,
    );
    let period = &rules.confirmation_period.source;
    let window = &rules.due_soon.source;
    // The reason rests on the rules that decided it: the sentence alone for a
    // supplier never confirmed, the period too for one that lapsed, and the
    // warning window too for one within the period.
    let decided_by: &[&Source] = match confirmation.status {
        ConfirmationStatus::NeverConfirmed => &[statement],
        ConfirmationStatus::Lapsed => &[statement, period],
        ConfirmationStatus::Ok | ConfirmationStatus::DueSoon => &[statement, period, window],
    };
    out.reasons.push(Reason::resting_on(
        ThirdPartyStep::Compliance {
            status: confirmation.status,
            months,
            last_confirmed: confirmation.last_confirmed,
            stands_until: confirmation.stands_until,
        },
        decided_by,
    ));
    if let Some(mut found) =
        confirmation_finding(&confirmation, months, [statement, period, window])
    {
        if let Some((confirmed, communicated)) = earlier_confirmation {
            found.message = format!(
                "the supplier's compliance was last confirmed on {confirmed}, before the control requirements were communicated on {communicated}: compliance with them was never confirmed"
            );
        }
        out.findings.push(found);
    }
    out.confirmation = Some(confirmation);
    out.standing = if out
        .findings
        .iter()
        .all(|f| f.code == ThirdPartyFindingCode::ComplianceConfirmationDueSoon)
    {
        Standing::Compliant
    } else {
        Standing::NotCompliant
    };
    out
}

/// The finding steps 2 and 3 raise, if any.
fn confirmation_finding(
    confirmation: &Confirmation,
    months: u32,
    [statement, period, window]: [&Source; 3],
) -> Option<ThirdPartyFinding> {
    let every = plural(months, "month", "months");
    match (
        confirmation.status,
        confirmation.last_confirmed,
        confirmation.stands_until,
    ) {
        (ConfirmationStatus::Ok, _, _) => None,
        (ConfirmationStatus::NeverConfirmed, _, _) | (_, None, _) => Some(finding(
            ThirdPartyFindingCode::ComplianceNeverConfirmed,
            "the supplier's compliance with the control requirements was never confirmed".into(),
            &[statement],
        )),
        (ConfirmationStatus::Lapsed, Some(last), end) => Some(finding(
            ThirdPartyFindingCode::ComplianceConfirmationLapsed,
            match end {
                Some(end) => format!(
                    "the supplier's compliance was last confirmed on {last}; confirmed every {every}, it stood until {end}"
                ),
                None => format!("the supplier's compliance was last confirmed on {last}"),
            },
            &[statement, period],
        )),
        (ConfirmationStatus::DueSoon, Some(last), end) => Some(finding(
            ThirdPartyFindingCode::ComplianceConfirmationDueSoon,
            match end {
                Some(end) => format!(
                    "the supplier's compliance was confirmed on {last}; confirmed every {every}, it is due again by {end}"
                ),
                None => format!("the supplier's compliance was confirmed on {last}"),
            },
            &[statement, period, window],
        )),
    }
}

fn finding(code: ThirdPartyFindingCode, message: String, sources: &[&Source]) -> ThirdPartyFinding {
    let (basis, citation) = combined(sources);
    ThirdPartyFinding {
        code,
        severity: code.severity(),
        message,
        basis,
        citation,
    }
}

/// The conditions an out-of-scope supplier does not meet, each cited.
fn out_of_scope(supplier: &Supplier, statement: &Source) -> Vec<OutOfScopeReason> {
    let mut reasons = Vec::with_capacity(2);
    let reason = |code: OutOfScopeCode, message: &str| OutOfScopeReason {
        code,
        severity: Severity::Low,
        message: message.to_owned(),
        basis: statement.basis,
        citation: statement.cited(),
    };
    if !supplier.entrusted_with_marked_information
        && !supplier.entrusted_with_business_critical_information
    {
        reasons.push(reason(
            OutOfScopeCode::NoMarkedOrBusinessCriticalInformation,
            "the supplier is entrusted with neither protectively marked nor business-critical information",
        ));
    }
    if !supplier.unsupervised_access_to_property {
        reasons.push(reason(
            OutOfScopeCode::NoUnsupervisedAccess,
            "the supplier has no unsupervised access to MoJ property",
        ));
    }
    reasons
}

/// The counts, overall and per business area (by [`area_key`], in
/// the least spelling the register uses, so that the register's order does
/// not matter).
fn count(suppliers: &[SupplierStanding]) -> (SupplierCounts, Vec<AreaSuppliers>) {
    let mut summary = SupplierCounts::default();
    let mut areas: BTreeMap<String, AreaSuppliers> = BTreeMap::new();
    for supplier in suppliers {
        summary.add(supplier);
        let area = areas
            .entry(area_key(&supplier.business_area))
            .or_insert_with(|| AreaSuppliers {
                business_area: supplier.business_area.clone(),
                counts: SupplierCounts::default(),
            });
        if supplier.business_area < area.business_area {
            area.business_area.clone_from(&supplier.business_area);
        }
        area.counts.add(supplier);
    }
    let mut areas: Vec<AreaSuppliers> = areas.into_values().collect();
    areas.sort_by(|a, b| a.business_area.cmp(&b.business_area));
    (summary, areas)
}
