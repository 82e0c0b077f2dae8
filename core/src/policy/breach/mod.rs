//! The breach section of the policy document: its types, the MoJ default
//! (`moj_default.rs`) and its validation (`validate.rs`), as every section has.

mod moj_default;
mod validate;

use serde::{Deserialize, Serialize};

use crate::marking::{Classification, LegacyMarking};
use crate::reason::{Label, Source};
use crate::vocabulary::{
    Band, BreachKind, Impact, Level, Organisation, PersonStatus, PolicyList, Route,
};

pub(super) use moj_default::moj_default;
pub(super) use validate::validate;

/// The rules of breach assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a breach rules object")]
pub struct BreachRules {
    /// One entry for every [`BreachKind`].
    pub kinds: Vec<KindRule>,
    /// The Security Breach Matrix score grid.
    pub matrix: MatrixRules,
    /// Score bands and the level each indicates; together they cover 1 to 12.
    pub bands: Vec<BandRule>,
    /// How markings are scored.
    pub markings: MarkingRules,
    /// Repeats and previous warnings.
    pub history: HistoryRules,
    /// The minimum level for care column 4 (total lack of care, gross
    /// negligence, deliberately reckless behaviour).
    pub deliberate_intent: MinimumLevelRule,
    /// The minimum level for SECRET, TOP SECRET or STRAP material, the kinds it
    /// does not apply to, and what the answer says when the matrix disagrees.
    pub classified_material: ClassifiedMaterialRules,
    /// Whether damage raises the level by itself.
    pub damage: DamageRules,
    /// Kinds whose conduct a listed example also describes at a higher level
    /// (the definition's "passing on sensitive data to third parties" and the
    /// gross list's "unauthorised disclosure of classified material to third
    /// parties"): below that level, the answer names the listed example.
    pub listed_examples: Vec<ListedExampleRule>,
    /// Which procedure handles whom: a table, first matching row wins.
    pub routes: Vec<RouteRule>,
    /// Where the flags come from.
    pub flags: FlagRules,
    /// How a breach case runs from report to outcome, and what its record
    /// must show.
    pub cases: CaseRules,
}

/// A breach kind's catalogue entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a breach kind entry")]
pub struct KindRule {
    /// The kind.
    pub kind: BreachKind,
    /// The level the recommendation never goes below.
    pub floor: Level,
    /// Which of the policy's lists the example is in.
    pub list: PolicyList,
    /// The policy's wording.
    pub description: String,
    /// Whether the kind is a criminal act (the police may be involved).
    #[serde(default)]
    pub criminal_act: bool,
    /// Whether the kind involves personal data by its own wording (the
    /// Information Asset Owner and the data protection team are then told
    /// whether or not the report says so).
    #[serde(default)]
    pub personal_data: bool,
    /// Whether the kind applies only to security-cleared personnel.
    #[serde(default)]
    pub requires_security_clearance: bool,
    /// The lowest classification the kind can involve, when the kind is about
    /// classified material (for example SECRET for the SECRET-material kind).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_classification: Option<Classification>,
    /// Where the entry comes from.
    pub source: Source,
}

/// The score grid: for each row, the scores in care columns 1 to 4.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a matrix object")]
pub struct MatrixRules {
    /// OFFICIAL row.
    pub official: [u8; 4],
    /// SECRET row.
    pub secret: [u8; 4],
    /// TOP SECRET and STRAP row.
    pub top_secret_and_strap: [u8; 4],
    /// Where the grid comes from.
    pub source: Source,
}

/// A score band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a band entry")]
pub struct BandRule {
    /// The band.
    pub band: Band,
    /// Lowest score in the band.
    pub min_score: u8,
    /// Highest score in the band.
    pub max_score: u8,
    /// The misconduct level the band indicates.
    pub level: Level,
    /// What the matrix says about the band.
    pub guidance: String,
    /// Where the band and its level come from.
    pub source: Source,
}

/// How markings are scored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a markings object")]
pub struct MarkingRules {
    /// The row used when a report names no marked material.
    pub unmarked: ScoredAsRule,
    /// One conversion for every legacy marking.
    pub legacy: Vec<LegacyRule>,
    /// Points the SENSITIVE caveat adds to the OFFICIAL row (0 for none).
    pub sensitive_uplift: UpliftRule,
}

/// The tier something is scored as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScoredAsRule {
    /// The tier.
    pub scored_as: Classification,
    /// Where the rule comes from.
    pub source: Source,
}

/// A legacy marking's conversion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a legacy marking entry")]
pub struct LegacyRule {
    /// The legacy marking.
    pub marking: LegacyMarking,
    /// The tier it is scored as.
    pub scored_as: Classification,
    /// Where the conversion comes from.
    pub source: Source,
}

/// Points added to a score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpliftRule {
    /// The points (0 disables the rule).
    pub points: u8,
    /// Where the rule comes from.
    pub source: Source,
}

/// Which earlier breaches count as repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum RepeatScope {
    /// Only earlier breaches of the same kind.
    SameKind,
    /// Any earlier breach.
    AnyKind,
}

/// Repeats and previous warnings.
///
/// Repeats and warnings move the matrix's care assessment right and re-score
/// it; the re-scored band can raise the level. Levels a repeat or a warning adds
/// by themselves are separate values (a repeat adds none by default: the
/// matrix's second instance of a 1 stays green). Where a case is one of the
/// matrix's own examples, the answer cites that example.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a history rules object")]
pub struct HistoryRules {
    /// The rolling window, in calendar months, in which an earlier breach is a
    /// repeat.
    pub window_months: u32,
    /// Which earlier breaches count.
    pub repeat_scope: RepeatScope,
    /// Levels a repeat adds by itself (once, not per repeat).
    pub repeat_level_steps: u8,
    /// Levels a previous warning adds by itself. With repeats, the larger of the
    /// two applies, once.
    pub warning_level_steps: u8,
    /// Where the level escalation comes from.
    pub escalation_source: Source,
    /// Care columns each repeat moves the matrix assessment right.
    pub care_columns_per_repeat: u8,
    /// Care columns a previous warning moves the matrix assessment right.
    pub care_columns_for_warning: u8,
    /// Where the column shifts come from, for cases the matrix gives no example
    /// of.
    pub score_source: Source,
    /// The matrix's own examples of repeats and warnings: a re-scored case that
    /// matches one cites it.
    pub matrix_examples: Vec<MatrixExample>,
}

/// One of the Security Breach Matrix's examples of a repeat or a warning: a case
/// that scored `scored` before, with `repeats` earlier breaches and a previous
/// warning or not, falls in `band` (and scores `score`, where the matrix gives
/// one).
///
/// Wire form: `{"scored": 4, "repeats": 1, "previousWarning": false, "band":
/// "red", "score": 6, "source": …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(
    expecting = "a matrix example with `scored`, `repeats`, `previousWarning`, `band` and `source`"
)]
pub struct MatrixExample {
    /// The score before history.
    pub scored: u8,
    /// Earlier breaches within the window.
    pub repeats: u32,
    /// Whether a previous warning was given.
    pub previous_warning: bool,
    /// The band the matrix gives the case.
    pub band: Band,
    /// The score the matrix gives the case, where it gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub score: Option<u8>,
    /// The example.
    pub source: Source,
}

impl MatrixExample {
    /// Whether a case (its score before history, its history and its re-scored
    /// score and band) is this example.
    #[must_use]
    pub fn matches(&self, scored: u8, repeats: u32, warned: bool, score: u8, band: Band) -> bool {
        self.scored == scored
            && self.repeats == repeats
            && self.previous_warning == warned
            && self.band == band
            && self.score.is_none_or(|s| s == score)
    }
}

/// A minimum level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MinimumLevelRule {
    /// The minimum.
    pub minimum: Level,
    /// Where it comes from.
    pub source: Source,
}

/// The gross misconduct list's "negligence and non-compliance leading to breach
/// of security related to SECRET, TOP SECRET and STRAP material".
///
/// Wire form: `{"minimum": "gross", "source": …, "kindsWithoutMaterial":
/// {"kinds": ["lossOfPass", …], "source": …}, "againstMatrix": …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a classified-material object")]
pub struct ClassifiedMaterialRules {
    /// The minimum level where the breach involves such material.
    pub minimum: Level,
    /// Where the minimum comes from.
    pub source: Source,
    /// Kinds that involve no material (a pass, a workstation, personal
    /// circumstances): a SECRET or higher marking reported with them is scored on
    /// the matrix, but the minimum does not apply, and the answer says so.
    pub kinds_without_material: KindList,
    /// Where the answer's statement comes from when the matrix's band indicates
    /// a lower level than the minimum (which one prevails).
    pub against_matrix: Source,
    /// Whether the minimum also applies to a legacy marking scored as SECRET or
    /// above (interim CONFIDENTIAL: the matrix scores it as SECRET, the gross
    /// list names SECRET, TOP SECRET and STRAP only).
    pub legacy_markings: LegacyMinimumRule,
}

/// Whether the classified-material minimum follows a legacy marking's
/// conversion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LegacyMinimumRule {
    /// Whether the minimum applies.
    pub minimum_applies: bool,
    /// Where the choice comes from.
    pub source: Source,
}

/// A list of breach kinds and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KindList {
    /// The kinds.
    pub kinds: Vec<BreachKind>,
    /// Where the list comes from.
    pub source: Source,
}

/// Whether damage raises the level by itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DamageRules {
    /// Levels potential damage adds.
    pub potential_steps: u8,
    /// Levels actual damage adds; at least `potentialSteps`.
    pub actual_steps: u8,
    /// Where the rule comes from.
    pub source: Source,
}

/// A kind and a listed example that describes the same conduct.
///
/// Wire form: `{"kind": "sensitiveDataPassedWithoutAuthority", "listed":
/// "classifiedMaterialDisclosed", "source": …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a listed-example entry with `kind`, `listed` and `source`")]
pub struct ListedExampleRule {
    /// The kind reported.
    pub kind: BreachKind,
    /// The example in the minor, serious or gross list for the same conduct.
    pub listed: BreachKind,
    /// Why they are the same conduct.
    pub source: Source,
}

/// One row of the route table: who it covers (an absent status or organisation
/// matches any) and what to do. The first row that matches the person wins;
/// together the rows must cover every status at every organisation.
///
/// Wire form: `{"status": "minister", "route": "ministerialCode", "label":
/// "refer it to the Prime Minister, …", "source": {…}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a route row with `route`, `label` and `source`")]
pub struct RouteRule {
    /// The status the row covers; absent for every status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub status: Option<PersonStatus>,
    /// The organisation the row covers; absent for every organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub organisation: Option<Organisation>,
    /// The route.
    pub route: Route,
    /// What to do, for people; the `breach.route` reason repeats it.
    pub label: Label,
    /// Where it comes from.
    pub source: Source,
}

impl RouteRule {
    /// Whether the row covers a person of this status at this organisation.
    #[must_use]
    pub fn covers(&self, status: PersonStatus, organisation: Organisation) -> bool {
        self.status.is_none_or(|s| s == status)
            && self.organisation.is_none_or(|o| o == organisation)
    }
}

/// Where the flags come from, and their thresholds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a flags object")]
pub struct FlagRules {
    /// Record centrally (always).
    pub record_centrally: Source,
    /// Breach notice may be issued (always).
    pub breach_notice: Source,
    /// Consulting MoJ Security: about the circumstances from one band (green:
    /// every band consults), before acting from a higher one.
    pub consult_security: ConsultSecurityRules,
    /// Report STRAP breaches to STRAPSO.
    pub report_to_strapso: Source,
    /// The police may be involved from this band up, and for criminal acts.
    pub police_may_be_involved: BandThreshold,
    /// The manager decides (always).
    pub manager_decision: Source,
    /// When the Information Asset Owner is told (the MoJ default: personal
    /// data, or an information asset with an owner).
    pub inform_asset_owner: InformRule,
    /// When the data protection team is told (the MoJ default: personal data).
    pub inform_data_protection: InformRule,
    /// Escalate to the Senior Information Risk Owner (SIRO) from this impact
    /// up.
    pub escalate_to_siro: ImpactThreshold,
}

/// What a breach may involve that tells someone of its information risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum InformationRiskFact {
    /// Personal data, as the report says or as its kind is about.
    PersonalData,
    /// An information asset with an Information Asset Owner.
    InformationAsset,
}

impl InformationRiskFact {
    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            InformationRiskFact::PersonalData => "personalData",
            InformationRiskFact::InformationAsset => "informationAsset",
        }
    }
}

/// Someone told of a breach's information risk when it involves any of the
/// listed facts (an empty list tells no one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InformRule {
    /// The facts any of which tells them, each at most once.
    pub when: Vec<InformationRiskFact>,
    /// Where it comes from.
    pub source: Source,
}

/// A flag raised from an incident impact up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImpactThreshold {
    /// The lowest impact that raises the flag.
    pub from_impact: Impact,
    /// Where it comes from.
    pub source: Source,
}

/// The two strengths of consulting MoJ Security and the bands they start at.
///
/// Wire form: `{"aboutCircumstances": {"fromBand": "green", "source": …},
/// "beforeActing": {"fromBand": "amber", "source": …}}`. Validation requires
/// `aboutCircumstances` to start at green (the matrix asks every band to
/// consult) and `beforeActing` to start no lower.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a consult-security object with `aboutCircumstances` and `beforeActing`")]
pub struct ConsultSecurityRules {
    /// Consult Security about the individual circumstances, from this band up.
    pub about_circumstances: BandThreshold,
    /// Consult Security before acting, from this band up.
    pub before_acting: BandThreshold,
}

/// A flag raised from a band up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BandThreshold {
    /// The lowest band that raises the flag.
    pub from_band: Band,
    /// Where it comes from.
    pub source: Source,
}

/// When a manager's decision must carry the manager's reason in the case
/// record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum ReasonRequired {
    /// A decision below the recommended level.
    Lower,
    /// A decision at any level other than the recommended one.
    AnyDeparture,
}

impl ReasonRequired {
    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            ReasonRequired::Lower => "lower",
            ReasonRequired::AnyDeparture => "anyDeparture",
        }
    }
}

/// The rules a breach case is checked against, from report to closure.
///
/// Wire form: `{"investigation": {…}, "decision": {…}, "recommendation": {…},
/// "sequence": {…}, "reasonRequired": "lower", "departureReason": {…},
/// "investigationStartDays": 10, "investigationTarget": {…},
/// "decisionDays": 60, "decisionTarget": {…}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a cases object")]
pub struct CaseRules {
    /// Breaches are identified and investigated (POLSBP002): a decided case
    /// had an investigation.
    pub investigation: Source,
    /// Managers decide whether to take disciplinary action (POLSBP003): a case
    /// is closed on a recorded decision.
    pub decision: Source,
    /// The guidance defines the level of misconduct (POLSBP003), read as: a
    /// recommendation recorded under this very policy and version is the level
    /// it gives the report.
    pub recommendation: Source,
    /// The order of a case's events: nothing before the breach occurred or
    /// was reported, nothing after the case was closed.
    pub sequence: Source,
    /// Which decisions must record the manager's reason.
    pub reason_required: ReasonRequired,
    /// Where that comes from.
    pub departure_reason: Source,
    /// Days after a breach is reported by which its investigation should have
    /// started (1 to 366).
    pub investigation_start_days: u32,
    /// Where that target comes from.
    pub investigation_target: Source,
    /// Days after a breach is reported by which the manager's decision should
    /// be recorded (no fewer than `investigationStartDays`, at most 3660).
    pub decision_days: u32,
    /// Where that target comes from.
    pub decision_target: Source,
}
