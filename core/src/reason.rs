//! What every explanation step carries: a citation and whether the rule is the
//! policy's own statement or a configurable default the policy leaves open.

use std::fmt;
use std::sync::Arc;

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Whether a rule restates the policy or fills a gap the policy leaves open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Basis {
    /// The policy (or a source it rests on, such as the Security Breach Matrix)
    /// states the rule.
    PolicyStatement,
    /// The policy is silent; this is a documented default in the policy document
    /// that an organisation may change.
    ConfigurableDefault,
    /// The policy states the rule, and the agency loosened it under a variation
    /// agreed by its Accounting Officer (Corporate Security Policy: variations are
    /// agreed by the relevant Accounting Officer and reported in annual
    /// governance).
    AgencyVariation,
}

impl Basis {
    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Basis::PolicyStatement => "policyStatement",
            Basis::ConfigurableDefault => "configurableDefault",
            Basis::AgencyVariation => "agencyVariation",
        }
    }
}

/// Text a policy document gives, stored for cheap copies: one of the MoJ
/// default's own texts is a static reference (copying it costs nothing, which
/// matters on the hot path where every reason copies its citation), any other
/// text shares one allocation. Compares, orders and hashes by its text, and
/// its wire form is the text. [`Citation`] and [`Label`] are the two kinds.
#[derive(Debug, Clone)]
enum PolicyText {
    /// One of the default policy's texts, which never need JSON escaping.
    WellKnown(&'static str),
    /// Any other text, shared by every answer that repeats it.
    Shared(Arc<str>),
}

impl PolicyText {
    /// Text read from a document or given by a caller: one of `well_known`
    /// (the default's texts, so that a document exported from the default and
    /// loaded back copies as cheaply), or shared.
    fn new(text: &str, well_known: &'static [&'static str]) -> Self {
        match well_known.iter().find(|known| **known == text) {
            Some(known) => Self::WellKnown(known),
            None => Self::Shared(Arc::from(text)),
        }
    }

    /// The default policy's own text, written into the program: kept as it
    /// is, without looking it up (so that building the default does not link
    /// every section's texts through the list). Text that would need escaping
    /// is shared instead, since well-known text is written without a scan.
    fn from_static(text: &'static str) -> Self {
        // What JSON escapes (the codec's check, which this leaf cannot name).
        if text.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
            Self::Shared(Arc::from(text))
        } else {
            Self::WellKnown(text)
        }
    }

    fn as_str(&self) -> &str {
        match self {
            PolicyText::WellKnown(text) => text,
            PolicyText::Shared(text) => text,
        }
    }

    fn is_well_known(&self) -> bool {
        matches!(self, PolicyText::WellKnown(_))
    }

    /// Reads the text from a string, interning it against `well_known`.
    fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
        well_known: &'static [&'static str],
        expecting: &'static str,
    ) -> Result<Self, D::Error> {
        struct TextVisitor {
            well_known: &'static [&'static str],
            expecting: &'static str,
        }
        impl serde::de::Visitor<'_> for TextVisitor {
            type Value = PolicyText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.expecting)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<PolicyText, E> {
                Ok(PolicyText::new(v, self.well_known))
            }
        }
        deserializer.deserialize_str(TextVisitor {
            well_known,
            expecting,
        })
    }
}

impl PartialEq for PolicyText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for PolicyText {}

impl PartialOrd for PolicyText {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PolicyText {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for PolicyText {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl Serialize for PolicyText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Declares a kind of [`PolicyText`] with its own list of the default's texts.
macro_rules! policy_text_kind {
    ($(#[$doc:meta])* $name:ident, $well_known:ident, $expecting:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(PolicyText);

        impl $name {
            /// Wraps the text.
            #[must_use]
            pub fn new(text: &str) -> Self {
                Self(PolicyText::new(text, $well_known))
            }

            /// The default policy's own text, as written in the program.
            pub(crate) fn from_static(text: &'static str) -> Self {
                Self(PolicyText::from_static(text))
            }

            /// The text.
            #[must_use]
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }

            /// Whether the text is one of the MoJ default policy's own (as
            /// built into the program, or read in and found in the list of
            /// the default's texts), held as a static reference: such text
            /// never needs JSON escaping.
            #[must_use]
            pub fn is_well_known(&self) -> bool {
                self.0.is_well_known()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                PolicyText::deserialize(deserializer, $well_known, $expecting).map(Self)
            }
        }
    };
}

policy_text_kind!(
    /// A reference to the policy text a rule comes from, such as `POLSBP006` or
    /// `Security Breach Matrix, score grid`. Cheap to clone; compares, orders and
    /// hashes by its text.
    Citation,
    WELL_KNOWN,
    "a citation string"
);

policy_text_kind!(
    /// Words for people that a policy document gives a rule, such as a handling
    /// route's "refer it to the Prime Minister …": answers repeat them. Stored
    /// like a [`Citation`].
    Label,
    WELL_KNOWN_LABELS,
    "a label string"
);

impl Citation {
    /// A citation made at run time that no list holds (a variation's),
    /// shared without a look-up.
    fn unlisted(text: &str) -> Self {
        Self(PolicyText::Shared(Arc::from(text)))
    }
}

/// Every citation in the MoJ default policy (the test suite checks the default
/// policy cites nothing outside this list).
const WELL_KNOWN: &[&str] = &[
    "POLSBP006, minor misconduct list",
    "POLSBP006, serious misconduct list",
    "POLSBP006, gross misconduct list",
    "Security Breach Policy, definition of a breach (no level); POLSBP003",
    "POLSBP006 (list not exhaustive); POLSBP003",
    "Security Breach Matrix, score grid",
    "Security Breach Matrix, green band (probably doesn't need formal action); the level minor is a configurable default, since every breach is misconduct (POLSBP003); domain-facts gap 11",
    "Security Breach Matrix, amber band (could be considered as minor misconduct)",
    "Security Breach Matrix, red band (highly likely that formal action through HR will be taken); the level serious is a configurable default; domain-facts gap 11",
    "Security Breach Matrix, black band (as red; the police may also be involved); the level gross is a configurable default; domain-facts gap 11",
    "Government Security Classifications (OFFICIAL is the baseline tier); domain-facts gap 12",
    "Government Classification Scheme (up to RESTRICTED becomes OFFICIAL)",
    "Security Breach Matrix, Annex A (CONFIDENTIAL scored as SECRET)",
    "Security Breach Matrix, Annex A (CONFIDENTIAL scored as SECRET); POLSBP006, gross misconduct list (names SECRET, TOP SECRET and STRAP, not CONFIDENTIAL); the gross minimum follows by default; domain-facts gap 13",
    "domain-facts gap 12 (OFFICIAL-SENSITIVE is a caveat, not a tier)",
    "POLSBP003 (whether a previous warning was given); a repeat alone adds no level, as the Security Breach Matrix keeps a second instance of a 1 green; domain-facts gap 10",
    "Security Breach Matrix, worked examples (a repeat moves the care assessment one column, a previous warning two: they reproduce the matrix's repeats of a 1 and a 4 and its examples 2, 3 and 5); POLSBP006 (repeated behaviour); the 12-month window is the one the matrix gives for a second occasion of 4; domain-facts gap 10",
    "Security Breach Matrix, repetition: a second instance of an incident that scored 1 before is still green (the score of 2 is the configured column shift)",
    "Security Breach Matrix, repetition: a second occasion of 4 within a rolling 12 month period is red; example 5: a SECRET cabinet left unsecured scores 4, rising to 6 if repeated",
    "Security Breach Matrix, example 2: an OFFICIAL document left on a printer scores 1, rising to 3 if the person is continually responsible (read as two earlier occasions)",
    "Security Breach Matrix, example 3: a clear desk breach scores 1, rising to 5 when repeated after informal discussions (read as a repeat and a previous warning)",
    "Security Breach Matrix, care column 4 (total lack of care; gross negligence; deliberately reckless behaviour); POLSBP003 (intent, including decisions to ignore a problem); POLSBP006 (deliberate behaviour); domain-facts gap 10",
    "POLSBP006, gross misconduct list (SECRET, TOP SECRET and STRAP material)",
    "POLSBP006, gross misconduct list (breach of security related to SECRET, TOP SECRET and STRAP material); passes, workstations, accounts and personal circumstances are not material; domain-facts gap 19",
    "POLSBP006, gross misconduct list and the Security Breach Matrix pull apart; the gross list's minimum prevails by default, for the manager to decide (POLSBP003); domain-facts gap 19",
    "POLSBP003 (damage is a factor for the manager)",
    "Security Breach Policy, definition of a breach (passing on sensitive data to third parties without the proper authority) and POLSBP006, gross misconduct list (unauthorised disclosure of classified material to third parties): the same conduct; domain-facts §1.2",
    "Security Breach Policy, definition of a breach (passing on sensitive data to third parties without the proper authority) and POLSBP006, serious misconduct list (unauthorised release of significant amounts of personal data): the same conduct; domain-facts §1.2",
    "Security Breach Policy, definition of a breach (failing to protect sensitive information or assets) and POLSBP006, serious misconduct list (failure to secure documents classified at OFFICIAL level): the same conduct; domain-facts §1.2",
    "Security Breach Policy, definition of a breach (failing to protect sensitive information or assets) and POLSBP006, serious misconduct list (negligence leading to the loss of classified documents or assets at OFFICIAL level): the same conduct; domain-facts §1.2",
    "Security Breach Policy, definition of a breach (failing to comply with clear desk policies) and POLSBP006, serious misconduct list (failure to secure documents classified at OFFICIAL level): the same conduct; domain-facts §1.2",
    "POLSBP005 (probation policy)",
    "Security Breach Policy, introduction (failure of a contractor to comply might lead to the cancellation of a contract)",
    "Security Breach Policy, introduction (names contractors only; agency staff are treated alike); domain-facts gap 18",
    "POLSBP004 (procedures apply equally to ministers); no text routes their breaches; domain-facts gap 18",
    "POLSBP004 (procedures apply equally to special advisers); no text routes their breaches; domain-facts gap 18",
    "POLSBP004 (procedures apply equally to judicial officers); no text routes their breaches; domain-facts gap 18",
    "POLSBP004 (procedures apply equally to permanent secretaries); no text routes their breaches; domain-facts gap 18",
    "POLSBP004 (procedures apply equally to other staff); no text routes their breaches; domain-facts gap 18",
    "Security Breach Policy, scope (each agency and business area develops its arrangements); POLSBP003 names MoJ or HMPPS policies only; domain-facts gap 18",
    "POLSBP003 (MoJ or HMPPS policies)",
    "POLSBP005 (the disciplinary policy applies to all employees); POLSBP003 (MoJ policies)",
    "POLSBP002",
    "POLSBP006",
    "Security Breach Matrix, green band (managers should still consult Security about the individual circumstances); the split into two strengths by band is an inference (domain-facts gap 11)",
    "Security Breach Matrix, amber band and above (consult Security before acting); the split into two strengths by band is an inference (domain-facts gap 11)",
    "Corporate Security Policy, Information Security Policy (information risks are owned by Information Asset Owners within the business); a default: the texts do not say the owner is told of a breach, read here as telling the owner of personal data or of an owned asset",
    "legacy IT Security Incident Management Policy, POL.IMP.004 (high impact: immediate escalation to the SIRO, MoJ Security and, for personal data, the Data Protection Team; domain-facts §1.4); Corporate Security Policy, Information Security Policy (data protection legislation); a default: telling the team of personal data at any impact",
    "legacy IT Security Incident Management Policy, POL.IMP.004 (high impact: immediate escalation to the SIRO; domain-facts §1.4); Corporate Security Policy, Information Security Policy (a SIRO on the Executive Management Board); a default: the current texts state no escalation",
    "Security Breach Matrix, STRAP breaches",
    "Security Breach Matrix, black band; POLSBP006, gross misconduct list (criminal acts)",
    "POLSBP003",
    "POLSBP002 (arrangements to ensure the effective identification and investigation of security breaches)",
    "POLSBP003 (managers SHALL then decide whether to take disciplinary action)",
    "POLSBP003 (the guidance SHALL define whether the breach constitutes a minor, a serious, or a gross misconduct), read as: a recommendation recorded under this policy and version is the level it gives the report; a default",
    "POLSBP002 (identification and investigation) and POLSBP003 (managers then decide), read as a case's order: the breach, its report, the investigation, the decision, the closure; a default",
    "POLSBP003 (the manager decides, considering the damage, any intent and previous warnings), read as: a decision below the recommended level records the manager's reason; a default",
    "POLSBP002 (effective investigation of security breaches); the texts set no time for an investigation to start: a default",
    "POLSBP003 (managers decide); the texts set no time for the decision: a default",
    "POLSBP002 (trends identified and, if necessary, analysed to ensure adequacy of controls), read as: managers' decisions set against the recommendations, with the days to a decision; a default",
    "HMG response level system (threat levels broadly equate); domain-facts gap 6",
    "domain-facts gap 6 (upward overrides are free)",
    "domain-facts gap 6 (downward overrides need a recorded approval)",
    "EXCEPTIONAL is not sustainable for long; domain-facts gap 8",
    "Physical Security Policy (annual risk assessment); domain-facts gap 4",
    "domain-facts gap 17 (annual physical-security risk assessment: MoJ Physical Security Policy, S4; the corporate security policy gives no interval)",
    "Counter-Terrorist Protection Policy, testing and exercising (low risk: every 3-5 years); domain-facts gap 2",
    "Counter-Terrorist Protection Policy, testing and exercising (medium risk: at least every two years)",
    "Counter-Terrorist Protection Policy, testing and exercising (silent on high risk); domain-facts gap 1",
    "domain-facts gap 2 (warning window)",
    "Counter-Terrorist Protection Policy, risk assessment (all locations must have a local CT plan)",
    "Counter-Terrorist Protection Policy, risk assessment (the plan varies operational controls by response level)",
    "Counter-Terrorist Protection Policy, risk assessment (moderate risk sites document the threat and its mitigation)",
    "Counter-Terrorist Protection Policy, risk assessment (asked of moderate risk sites only); not asked of low risk sites: a default",
    "Counter-Terrorist Protection Policy, risk assessment (asked of moderate risk sites only); asked of high risk sites too: a default",
    "Counter-Terrorist Protection Policy, protection",
    "ProtectUK / NaCTSO tactical options (domain-facts §3.3)",
    "illustrative: the MoJ Response Level Security Measures Policy is not public (domain-facts gap 9)",
    "Counter-Terrorist Protection Policy, roles and responsibilities (security officers must undertake local risk assessment, checking compliance with baseline standards)",
    "a control in place counts as verified for 12 months, the cycle of the annual physical-security risk assessment (domain-facts gap 17); a default",
    "Counter-Terrorist Protection Policy, roles and responsibilities (the DSO will communicate advice on threats, including changes in UK threat assessment and HMG response levels, to business areas via their security officers)",
    "Counter-Terrorist Protection Policy, roles and responsibilities (the DSO will advise the Permanent Secretary of actions taken if there is any change in response level)",
    "Counter-Terrorist Protection Policy, incident response",
    "Counter-Terrorist Protection Policy, roles and responsibilities (these assessments must have regard to the impact on the business/site, informed by assessment of threat, likelihood and vulnerability)",
    "Counter-Terrorist Protection Policy, roles and responsibilities (such assessments will normally include consideration of both terrorist and other threats)",
    "Counter-Terrorist Protection Policy (arranging compliance checking with provision of assurance to the Executive Management Board and Permanent Secretary)",
    "Counter-Terrorist Protection Policy, assurance (covered by the annual Governance Statement, supplemented by SRMO compliance returns)",
    "Counter-Terrorist Protection Policy (ensuring clear allocation of responsibility for implementation of baseline measures, crisis management and business continuity), read as owners named for each site; a default",
    "Counter-Terrorist Protection Policy, incident response (all business areas/sites must have clear emergency response arrangements)",
    "Counter-Terrorist Protection Policy, incident response (arrangements will normally be incorporated within Fire & Incident Control and business continuity arrangements)",
    "Counter-Terrorist Protection Policy, incident response (arrangements should include liaising with emergency services and communicating with staff)",
    "emergency response arrangements rehearsed every 12 months (the texts ask for regular rehearsal without an interval; domain-facts gap 16); a default",
    "Counter-Terrorist Protection Policy, co-ordination (events affecting more than one business area)",
    "Counter-Terrorist Protection Policy, co-ordination (significant effect on courts, tribunals, prisons)",
    "domain-facts gap 15 (quarterly summary aligned to the Cabinet Office quarterly return; HMG financial year)",
    "domain-facts gap 15 (repeat individual: 2 or more breaches within 12 months)",
    "domain-facts gap 15 (hotspot: breaches by 3 or more people in one area in a quarter); Security Breach Matrix (breaches by more than one person in one area)",
    "Corporate Security Policy, who does it apply to (arrangements for each element of the SPF)",
    "Corporate Security Policy, who does it apply to (variations agreed by the Accounting Officer and reported in annual governance)",
    "Corporate Security Policy (variations reported in annual governance processes); domain-facts §6.1",
    "Corporate Security Policy, who does it apply to (controls for IT security systems are managed centrally); the element they fall under is a default",
    "Corporate Security Policy, who does it apply to (national security vetting is managed centrally); the element it falls under is a default",
    "HMG Personnel Security Controls (BPSS for everyone with access to government assets; domain-facts §7)",
    "Counter-Terrorist Protection Policy, personnel security (access to information or other assets of value to terrorists: assessed for national security clearance); CTC per HMG Personnel Security Controls (domain-facts §7)",
    "Counter-Terrorist Protection Policy, personnel security (close proximity or access to high profile public figures: assessed for national security clearance); CTC per HMG Personnel Security Controls (domain-facts §7)",
    "HMG Personnel Security Controls (CTC: unescorted access to establishments at particular risk from terrorist attack; domain-facts §7); not in the MoJ texts",
    "HMG Personnel Security Controls (SC is for regular and uncontrolled access to SECRET; that occasional, supervised access needs only BPSS is an inference; domain-facts §7)",
    "HMG Personnel Security Controls (SC: regular and uncontrolled access to SECRET or occasional, supervised access to TOP SECRET; DV: frequent and uncontrolled access to TOP SECRET; domain-facts §7)",
    "domain-facts §7 inference (review periods vary by level and employer: about 10 years for CTC and SC, shorter for DV, read here as 7 years); a default",
    "domain-facts §7 inference (a review is flagged 90 days ahead, as domain-facts gap 2); a default",
    "Corporate Security Policy, who does it apply to (control requirements understood and complied with by any contractor or third party entrusted with protectively marked or business critical information and with unsupervised access)",
    "a supplier's compliance is confirmed every 12 months, as annual governance (the text gives no interval); a default",
    "a supplier's confirmation is due soon 90 days before it lapses (domain-facts gap 2); a default",
];

/// Every label in the MoJ default policy (the test suite checks the default
/// policy uses nothing outside this list).
const WELL_KNOWN_LABELS: &[&str] = &[
    "deal with it under the probation policy, not the disciplinary policy",
    "raise it with the contractor under the contract; the contract may be cancelled",
    "raise it with the employment agency under its contract; the contract may be cancelled",
    "refer it to the Prime Minister, who decides on a minister's conduct under the Ministerial Code",
    "refer it to the appointing minister, who is responsible for a special adviser's conduct under the Code of Conduct for Special Advisers",
    "refer it to the judicial conduct arrangements (the Judicial Conduct Investigations Office); the department does not discipline judicial office holders",
    "refer it to the Cabinet Secretary, as Head of the Civil Service, who is responsible for a permanent secretary's conduct",
    "decide on disciplinary action under HMPPS's own disciplinary policy",
    "decide on disciplinary action under the MoJ Disciplinary Policy",
    "decide on action under the agency's or arm's-length body's own disciplinary arrangements",
    "refer it to the organisation that employs or engages the person, which is responsible for their conduct",
];

// TypeScript for the types whose serde form is written by hand above and below:
// a citation is its text; a reason is its step (`rule` and `facts`) with the
// basis, citation and explanation beside it.
#[cfg(feature = "typescript")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_REASON: &str = r#"
/** The policy text a rule rests on, for example `POLSBP006`. */
export type Citation = string;

/** Words for people a policy document gives a rule, such as a route's. */
export type Label = string;

/**
 * One step of a decision: the rule that fired (`rule`), the facts it used
 * (`facts`), whether the policy states it or it is a configurable default
 * (`basis`), the policy text it rests on and a sentence for people.
 */
export type Reason<S> = S & {
    basis: Basis;
    citation: Citation;
    explanation: string;
};
"#;

/// Where a rule in a policy document comes from: its citation and basis.
///
/// Wire form: `{"citation": "POLSBP002", "basis": "policyStatement"}`; a
/// statement the agency loosened adds the variation its Accounting Officer
/// agreed: `{"citation": "POLSBP002", "basis": "agencyVariation", "variation":
/// {"by": "…", "role": "accountingOfficer", "agreedOn": "2026-04-01",
/// "reason": "…"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a source object with `citation` and `basis`")]
pub struct Source {
    /// The policy text the rule rests on.
    pub citation: Citation,
    /// Whether it is the policy's statement, a configurable default, or a
    /// statement the agency varied.
    pub basis: Basis,
    /// The Accounting Officer's agreement, present exactly when `basis` is
    /// `agencyVariation`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional, type = "StatementVariation"))]
    pub variation: Option<StatementVariation>,
}

/// Who may agree a variation from a policy statement. The Corporate Security
/// Policy names one role: the relevant Accounting Officer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum VariationRole {
    /// The relevant Accounting Officer.
    AccountingOfficer,
}

// Declared in TypeScript by hand: tsify would name the date field's type after
// the Rust type rather than `IsoDate`.
#[cfg(feature = "typescript")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_STATEMENT_VARIATION: &str = r#"
/**
 * A loosening of a policy statement that the agency's Accounting Officer agreed.
 */
export interface StatementVariation {
    /** The person who agreed it. */
    by: string;
    /** Their role: always the Accounting Officer. */
    role: VariationRole;
    /** When they agreed it. */
    agreedOn: IsoDate;
    /** Why the statement should not apply as written. */
    reason: string;
}
"#;

/// A loosening of a policy statement that the agency's Accounting Officer agreed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a variation object with `by`, `role`, `agreedOn` and `reason`")]
pub struct StatementVariation {
    /// The person who agreed it.
    pub by: String,
    /// Their role: always the Accounting Officer.
    pub role: VariationRole,
    /// When they agreed it.
    pub agreed_on: crate::date::Date,
    /// Why the statement should not apply as written.
    pub reason: String,
}

impl Source {
    /// A rule the policy states.
    #[must_use]
    pub fn statement(citation: &str) -> Self {
        Self {
            citation: Citation::new(citation),
            basis: Basis::PolicyStatement,
            variation: None,
        }
    }

    /// The citation an answer resting on this source carries: the citation
    /// itself, or for a varied statement the variation and the statement it
    /// varies, so that the answer shows who agreed to depart from the text.
    #[must_use]
    pub fn cited(&self) -> Citation {
        match &self.variation {
            None => self.citation.clone(),
            Some(variation) => Citation::unlisted(&format!(
                "agency variation agreed by {} (Accounting Officer) on {}: {}; varies {}",
                variation.by.trim(),
                variation.agreed_on,
                variation.reason.trim(),
                self.citation
            )),
        }
    }

    /// A default for something the policy leaves open.
    #[must_use]
    pub fn default_value(citation: &str) -> Self {
        Self {
            citation: Citation::new(citation),
            basis: Basis::ConfigurableDefault,
            variation: None,
        }
    }
    /// [`Source::statement`] for the default policy's own citation.
    pub(crate) fn stated(citation: &'static str) -> Self {
        Self {
            citation: Citation::from_static(citation),
            basis: Basis::PolicyStatement,
            variation: None,
        }
    }

    /// [`Source::default_value`] for the default policy's own citation.
    pub(crate) fn defaulted(citation: &'static str) -> Self {
        Self {
            citation: Citation::from_static(citation),
            basis: Basis::ConfigurableDefault,
            variation: None,
        }
    }
}

/// A step of an evaluation: a stable rule id, facts (its serde content) and an
/// explanation for people.
pub trait Step: Serialize + DeserializeOwned {
    /// The stable rule id, e.g. `breach.catalogueFloor`.
    fn rule_id(&self) -> &'static str;

    /// Writes the explanation. It must hold no characters JSON escapes: only the
    /// library's own words and enum names, never caller text.
    fn explain<W: fmt::Write>(&self, w: &mut W) -> fmt::Result;
}

/// One reason: a step, where it comes from, and (on the wire) its explanation.
///
/// Wire form:
/// `{"rule": "breach.catalogueFloor", "facts": {…}, "basis": "policyStatement",
/// "citation": "POLSBP006, minor misconduct list", "explanation": "…"}`.
/// The explanation is derived from the facts: written out, not read back.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reason<S> {
    /// The step and its facts.
    pub step: S,
    /// Policy statement or configurable default.
    pub basis: Basis,
    /// The policy text it comes from.
    pub citation: Citation,
}

impl<S: Step> Reason<S> {
    pub(crate) fn new(step: S, source: &Source) -> Self {
        Self {
            step,
            basis: source.basis,
            citation: source.cited(),
        }
    }

    /// A reason resting on several sources at once: it cites each (once), and
    /// its basis is a statement only when every source is one, so that a step
    /// joining a statement to a default never claims the statement's
    /// authority. A default makes it a default; an agency's variation of any
    /// of them makes it `agencyVariation`, shown above a default so that a
    /// loosened statement cannot pass unseen. With no source at all it rests on
    /// nothing: a default with no citation.
    pub(crate) fn resting_on(step: S, sources: &[&Source]) -> Self {
        let (basis, citation) = combined(sources);
        Self {
            step,
            basis,
            citation,
        }
    }

    /// The stable rule id.
    #[must_use]
    pub fn rule_id(&self) -> &'static str {
        self.step.rule_id()
    }
}

/// The basis and citation of something resting on several sources at once
/// (see [`Reason::resting_on`]): each source cited once, in order, and the
/// basis a statement only when every source is one.
pub(crate) fn combined(sources: &[&Source]) -> (Basis, Citation) {
    let basis = if sources.iter().any(|s| s.basis == Basis::AgencyVariation) {
        Basis::AgencyVariation
    } else if sources
        .iter()
        .any(|s| s.basis == Basis::ConfigurableDefault)
    {
        Basis::ConfigurableDefault
    } else {
        Basis::PolicyStatement
    };
    let mut citation = String::new();
    let mut cited: Vec<Citation> = Vec::with_capacity(sources.len());
    for source in sources {
        let this = source.cited();
        if cited.contains(&this) {
            continue;
        }
        if !citation.is_empty() {
            citation.push_str("; ");
        }
        citation.push_str(this.as_str());
        cited.push(this);
    }
    (basis, Citation::new(&citation))
}

impl<S: Step> fmt::Display for Reason<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.step.explain(f)?;
        write!(f, " [{}; {}]", self.citation, self.basis.as_str())
    }
}

struct Explanation<'a, S>(&'a S);

impl<S: Step> fmt::Display for Explanation<'_, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.explain(f)
    }
}

impl<S: Step> Serialize for Explanation<'_, S> {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        serializer.collect_str(self)
    }
}

impl<S: Step> Serialize for Reason<S> {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        #[derive(Serialize)]
        struct Wire<'a, S: Step> {
            #[serde(flatten)]
            step: &'a S,
            basis: Basis,
            citation: &'a Citation,
            explanation: Explanation<'a, S>,
        }
        Wire {
            step: &self.step,
            basis: self.basis,
            citation: &self.citation,
            explanation: Explanation(&self.step),
        }
        .serialize(serializer)
    }
}

impl<'de, S: Step> Deserialize<'de> for Reason<S> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Wire {
            rule: String,
            #[serde(default)]
            facts: Option<serde_json::Value>,
            basis: Basis,
            citation: Citation,
            // Derived from the facts; accepted, not trusted.
            #[allow(dead_code)]
            explanation: String,
        }
        let wire = Wire::deserialize(deserializer)?;
        let mut tagged = serde_json::Map::new();
        tagged.insert("rule".into(), serde_json::Value::String(wire.rule));
        if let Some(facts) = wire.facts {
            tagged.insert("facts".into(), facts);
        }
        let step =
            serde_json::from_value(serde_json::Value::Object(tagged)).map_err(D::Error::custom)?;
        Ok(Reason {
            step,
            basis: wire.basis,
            citation: wire.citation,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_known_citations_need_no_escaping() {
        // The breach answer's direct writer copies them without a scan.
        for text in WELL_KNOWN {
            assert!(
                !crate::codec::write::needs_escape(text),
                "{text:?} needs JSON escaping"
            );
        }
    }

    #[test]
    fn text_built_in_is_held_as_static_only_when_it_needs_no_escaping() {
        // The answer writer copies static text without a scan, so this check
        // must agree with the codec's, byte for byte.
        for byte in 0u8..0x80 {
            let text: &'static str = Box::leak(format!("a{}b", char::from(byte)).into_boxed_str());
            assert_eq!(
                Citation::from_static(text).is_well_known(),
                !crate::codec::write::needs_escape(text),
                "byte {byte:#04x}"
            );
        }
        assert!(!Citation::from_static("a \"quoted\" word").is_well_known());
        assert!(Citation::from_static("POLSBP003").is_well_known());
        assert!(Label::from_static("refer it on").is_well_known());
    }

    #[test]
    fn default_policy_cites_only_well_known_text() {
        let json = crate::Policy::moj_default().to_json_pretty();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let mut citations = Vec::new();
        collect(&value, &mut citations);
        assert!(citations.len() > 40);
        for text in citations {
            assert!(
                Citation::new(&text).is_well_known(),
                "{text} is not in WELL_KNOWN"
            );
        }
    }

    #[test]
    fn default_policy_labels_only_well_known_text() {
        let policy = crate::Policy::moj_default();
        assert!(policy.breach.routes.len() > 5);
        for row in &policy.breach.routes {
            // Looked up, as a document read in is: the default builds its
            // labels without the list.
            assert!(
                Label::new(row.label.as_str()).is_well_known(),
                "{} is not in WELL_KNOWN_LABELS",
                row.label
            );
        }
        // Every well-known label is used: the list holds no stale text.
        for known in WELL_KNOWN_LABELS {
            assert!(
                policy
                    .breach
                    .routes
                    .iter()
                    .any(|r| r.label.as_str() == *known),
                "{known} is unused"
            );
        }
    }

    fn collect(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, v) in map {
                    match (key.as_str(), v) {
                        ("citation", serde_json::Value::String(text)) => out.push(text.clone()),
                        _ => collect(v, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
            _ => {}
        }
    }

    #[test]
    fn other_text_is_shared_and_compares_by_text() {
        let custom = Citation::new("Agency policy 4.2");
        assert!(!custom.is_well_known());
        assert_eq!(custom, Citation::new("Agency policy 4.2"));
        assert_eq!(Citation::new("POLSBP002").as_str(), "POLSBP002");
        assert!(Citation::new("POLSBP002").is_well_known());
    }
}
