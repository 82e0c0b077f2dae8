//! What a compliance return evaluates to, and the cited steps that explain it.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::compliance::{AgreementRole, SpfArea, SpfElement};
use crate::date::Date;
use crate::policy::PolicyRef;
use crate::reason::{Reason, Step};

/// What a compliance return evaluates to.
///
/// Every list is in the policy's order of areas and elements, whatever the
/// order of the return.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ComplianceEvaluation {
    /// Wire schema version of the answer (1).
    pub schema_version: u32,
    /// The policy document that produced it.
    pub policy: PolicyRef,
    /// The business area, trimmed.
    pub business_area: String,
    /// The date of the return.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub return_date: Date,
    /// Every element is reported.
    pub complete: bool,
    /// Complete, with no gaps and no invalid variations (agreed variations do
    /// not stop a return being compliant; they are reported).
    pub compliant: bool,
    /// How many elements are reported, and which are missing.
    pub completeness: Completeness,
    /// Status counts per area, in the policy's order.
    pub areas: Vec<AreaSummary>,
    /// Elements whose arrangements are partial, not in place or not reported.
    pub gaps: Vec<Gap>,
    /// Variations agreed by the Accounting Officer, to list in the annual
    /// governance report.
    pub variations_to_report: Vec<ReportableVariation>,
    /// Variations that are not valid: on an element managed centrally, or
    /// without a valid Accounting Officer agreement.
    pub invalid_variations: Vec<InvalidVariation>,
    /// The steps, with citations.
    pub reasons: Vec<ComplianceReason>,
}

/// How much of the framework a return covers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Completeness {
    /// Elements in the framework (19).
    pub elements: u32,
    /// Elements the return reports.
    pub reported: u32,
    /// Elements the return leaves out, in the policy's order.
    pub missing: Vec<SpfElement>,
}

/// One area's status counts. `inPlace + partial + notInPlace + variations +
/// notReported` is the area's number of elements.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AreaSummary {
    /// The area.
    pub area: SpfArea,
    /// Its heading as the policy prints it.
    pub title: String,
    /// Its number of elements.
    pub elements: u32,
    /// Elements in place.
    pub in_place: u32,
    /// Elements in place in part.
    pub partial: u32,
    /// Elements not in place.
    pub not_in_place: u32,
    /// Elements under a variation, agreed or not.
    pub variations: u32,
    /// Elements the return leaves out.
    pub not_reported: u32,
}

/// Why an element is a gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum GapStatus {
    /// Arrangements are established in part.
    Partial,
    /// No arrangements are established.
    NotInPlace,
    /// The return does not report the element.
    NotReported,
}

impl GapStatus {
    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            GapStatus::Partial => "partial",
            GapStatus::NotInPlace => "notInPlace",
            GapStatus::NotReported => "notReported",
        }
    }
}

impl fmt::Display for GapStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An element without (full) arrangements.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Gap {
    /// The element's area.
    pub area: SpfArea,
    /// The element.
    pub element: SpfElement,
    /// The element's wording in the policy.
    pub title: String,
    /// Partial, not in place, or not reported.
    pub status: GapStatus,
}

/// A variation agreed by the Accounting Officer: list it in the annual
/// governance report.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReportableVariation {
    /// The element's area.
    pub area: SpfArea,
    /// The element.
    pub element: SpfElement,
    /// The element's wording in the policy.
    pub title: String,
    /// The variation's description, trimmed.
    pub description: String,
    /// The Accounting Officer who agreed it, trimmed.
    pub accounting_officer: String,
    /// When it was agreed.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub agreed_on: Date,
    /// The last day the agreement stands: `agreedOn` plus the policy's review
    /// period in calendar months (a day missing from the month falls back to
    /// its last day; 9999-12-31 if later than that).
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub review_due: Date,
}

/// What makes a variation invalid. When several things do, the first in this
/// order is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum VariationProblem {
    /// The element's controls are managed centrally (the policy document's
    /// `compliance.centrallyManaged`): no business area varies them locally,
    /// whoever agrees it.
    CentrallyManaged,
    /// No agreement: neither who agreed nor when.
    MissingAgreement,
    /// The agreement was given in a role other than the Accounting Officer's.
    NotAccountingOfficer,
    /// The agreement names no Accounting Officer (absent or blank).
    MissingAccountingOfficer,
    /// The agreement does not say in what role it was given.
    MissingRole,
    /// The agreement has no date.
    MissingAgreedOn,
    /// The agreement is dated after the return.
    AgreedAfterReturn,
    /// The agreement's review period ended before the return date.
    AgreementExpired,
}

impl VariationProblem {
    /// Every problem, in the order the first that applies is chosen.
    pub const ALL: [VariationProblem; 8] = [
        VariationProblem::CentrallyManaged,
        VariationProblem::MissingAgreement,
        VariationProblem::NotAccountingOfficer,
        VariationProblem::MissingAccountingOfficer,
        VariationProblem::MissingRole,
        VariationProblem::MissingAgreedOn,
        VariationProblem::AgreedAfterReturn,
        VariationProblem::AgreementExpired,
    ];

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            VariationProblem::CentrallyManaged => "centrallyManaged",
            VariationProblem::MissingAgreement => "missingAgreement",
            VariationProblem::NotAccountingOfficer => "notAccountingOfficer",
            VariationProblem::MissingAccountingOfficer => "missingAccountingOfficer",
            VariationProblem::MissingRole => "missingRole",
            VariationProblem::MissingAgreedOn => "missingAgreedOn",
            VariationProblem::AgreedAfterReturn => "agreedAfterReturn",
            VariationProblem::AgreementExpired => "agreementExpired",
        }
    }
}

impl fmt::Display for VariationProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A variation that is not valid: on an element managed centrally, or without
/// a valid Accounting Officer agreement.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InvalidVariation {
    /// The element's area.
    pub area: SpfArea,
    /// The element.
    pub element: SpfElement,
    /// The element's wording in the policy.
    pub title: String,
    /// The variation's description, trimmed.
    pub description: String,
    /// What makes it invalid.
    pub problem: VariationProblem,
    /// The Accounting Officer named, trimmed, when one is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accounting_officer: Option<String>,
    /// The role the agreement was given in, when it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<AgreementRole>,
    /// The agreement's date, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate | undefined"))]
    pub agreed_on: Option<Date>,
    /// When the agreement's review period ends, when it has a date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate | undefined"))]
    pub review_due: Option<Date>,
}

/// One step of a compliance evaluation.
///
/// The serde tag is the stable rule id (`rule`), the content its facts
/// (`facts`). Facts hold only enum names, counts and dates, never caller text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(tag = "rule", content = "facts", deny_unknown_fields)]
#[allow(missing_docs)] // the facts' names say what they are; each variant is documented
pub enum ComplianceStep {
    /// Every element is reported.
    #[serde(rename = "compliance.complete", rename_all = "camelCase")]
    Complete { elements: u32 },
    /// Some elements are not reported.
    #[serde(rename = "compliance.incomplete", rename_all = "camelCase")]
    Incomplete { elements: u32, reported: u32 },
    /// How long an Accounting Officer's agreement stands (stated once, before
    /// the variations it applies to, when any variation has a dated agreement).
    #[serde(rename = "compliance.variationReview", rename_all = "camelCase")]
    VariationReview { months: u32 },
    /// An element is partial, not in place or not reported.
    #[serde(rename = "compliance.gap", rename_all = "camelCase")]
    Gap {
        area: SpfArea,
        element: SpfElement,
        status: GapStatus,
    },
    /// A variation is validly agreed: report it in annual governance.
    #[serde(rename = "compliance.variationAgreed", rename_all = "camelCase")]
    VariationAgreed {
        area: SpfArea,
        element: SpfElement,
        #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
        agreed_on: Date,
        #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
        review_due: Date,
    },
    /// A variation is not valid: its element is managed centrally, or it lacks
    /// a valid agreement.
    #[serde(rename = "compliance.variationInvalid", rename_all = "camelCase")]
    VariationInvalid {
        area: SpfArea,
        element: SpfElement,
        problem: VariationProblem,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", tsify(optional))]
        role: Option<AgreementRole>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", tsify(type = "IsoDate | undefined"))]
        agreed_on: Option<Date>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", tsify(type = "IsoDate | undefined"))]
        review_due: Option<Date>,
    },
    /// The return is complete, with no gaps and no invalid variations.
    #[serde(rename = "compliance.compliant", rename_all = "camelCase")]
    Compliant { variations_to_report: u32 },
    /// The return has gaps or invalid variations.
    #[serde(rename = "compliance.notCompliant", rename_all = "camelCase")]
    NotCompliant {
        gaps: u32,
        not_reported: u32,
        invalid_variations: u32,
    },
}

/// A reason in a compliance evaluation.
pub type ComplianceReason = Reason<ComplianceStep>;

#[cfg(feature = "typescript")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_COMPLIANCE_REASON: &str = r#"
/** One cited step of a compliance evaluation. */
export type ComplianceReason = Reason<ComplianceStep>;
"#;

fn plural(count: u32) -> &'static str {
    if count == 1 { "" } else { "s" }
}

impl Step for ComplianceStep {
    fn rule_id(&self) -> &'static str {
        match self {
            ComplianceStep::Complete { .. } => "compliance.complete",
            ComplianceStep::Incomplete { .. } => "compliance.incomplete",
            ComplianceStep::VariationReview { .. } => "compliance.variationReview",
            ComplianceStep::Gap { .. } => "compliance.gap",
            ComplianceStep::VariationAgreed { .. } => "compliance.variationAgreed",
            ComplianceStep::VariationInvalid { .. } => "compliance.variationInvalid",
            ComplianceStep::Compliant { .. } => "compliance.compliant",
            ComplianceStep::NotCompliant { .. } => "compliance.notCompliant",
        }
    }

    // Only the library's own words, enum names, numbers and dates: the policy's
    // element and area wordings are ASCII without quotes or backslashes
    // (unit-tested), so nothing here needs JSON escaping.
    fn explain<W: fmt::Write>(&self, w: &mut W) -> fmt::Result {
        match *self {
            ComplianceStep::Complete { elements } => write!(
                w,
                "all {elements} elements of the four SPF areas are reported: each business area must establish arrangements for every element"
            ),
            ComplianceStep::Incomplete { elements, reported } => write!(
                w,
                "{reported} of {elements} elements are reported, so the return is incomplete: each business area must establish arrangements for every element of the SPF"
            ),
            ComplianceStep::VariationReview { months } => write!(
                w,
                "an Accounting Officer's agreement to a variation stands for {months} month{} from the day it was agreed; variations are reported in annual governance, so an older agreement must be renewed",
                plural(months)
            ),
            ComplianceStep::Gap {
                area,
                element,
                status,
            } => {
                write!(
                    w,
                    "`{element}` ({}, area {}: {}) ",
                    element.title(),
                    area.number(),
                    area.title()
                )?;
                w.write_str(match status {
                    GapStatus::Partial => "is only partly in place",
                    GapStatus::NotInPlace => "is not in place",
                    GapStatus::NotReported => "is not reported",
                })?;
                w.write_str(": arrangements must be established for every element of the SPF")
            }
            ComplianceStep::VariationAgreed {
                element,
                agreed_on,
                review_due,
                ..
            } => write!(
                w,
                "the variation for `{element}` was agreed by the Accounting Officer on {agreed_on} and stands until {review_due}: report it in annual governance"
            ),
            ComplianceStep::VariationInvalid {
                element,
                problem,
                role,
                agreed_on,
                review_due,
                ..
            } => {
                write!(w, "the variation for `{element}` ")?;
                match (problem, agreed_on, review_due) {
                    (VariationProblem::CentrallyManaged, ..) => {
                        // Not a matter of agreement: no business area varies a
                        // centrally managed control, so the agreement line below
                        // does not apply.
                        return write!(
                            w,
                            "is not valid, whoever agreed it: `{element}` ({}) is managed centrally, so no business area varies it locally",
                            element.title()
                        );
                    }
                    (VariationProblem::MissingAgreement, ..) => {
                        w.write_str("has no Accounting Officer agreement")?;
                    }
                    (VariationProblem::NotAccountingOfficer, ..) => {
                        write!(
                            w,
                            "was agreed by {}, not by the Accounting Officer",
                            role.map_or("someone in another role", AgreementRole::label)
                        )?;
                    }
                    (VariationProblem::MissingAccountingOfficer, ..) => {
                        w.write_str("does not name the Accounting Officer who agreed it")?;
                    }
                    (VariationProblem::MissingRole, ..) => {
                        w.write_str("does not say in what role it was agreed")?;
                    }
                    (VariationProblem::MissingAgreedOn, ..) => {
                        w.write_str("does not say when the Accounting Officer agreed it")?;
                    }
                    (VariationProblem::AgreedAfterReturn, Some(agreed_on), _) => {
                        write!(w, "is dated {agreed_on}, after the return")?;
                    }
                    (VariationProblem::AgreedAfterReturn, None, _) => {
                        w.write_str("is dated after the return")?;
                    }
                    (VariationProblem::AgreementExpired, Some(agreed_on), Some(review_due)) => {
                        write!(
                            w,
                            "was agreed on {agreed_on}; the agreement lapsed after {review_due}, before the return"
                        )?;
                    }
                    (VariationProblem::AgreementExpired, ..) => {
                        w.write_str("has an agreement that lapsed before the return")?;
                    }
                }
                w.write_str(
                    ": a variation must be agreed by the relevant Accounting Officer before it is reported in annual governance",
                )
            }
            ComplianceStep::Compliant {
                variations_to_report,
            } => write!(
                w,
                "the return is complete, with no gaps and no invalid variations; {variations_to_report} agreed variation{} to report in annual governance",
                plural(variations_to_report)
            ),
            ComplianceStep::NotCompliant {
                gaps,
                not_reported,
                invalid_variations,
            } => write!(
                w,
                "the return is not compliant: {gaps} gap{} ({not_reported} not reported) and {invalid_variations} invalid variation{}",
                plural(gaps),
                plural(invalid_variations)
            ),
        }
    }
}

impl fmt::Display for ComplianceStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.explain(f)
    }
}
