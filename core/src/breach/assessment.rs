//! What an assessment answers: the recommended level, the matrix score and band,
//! the handling route, the flags, and the reasons for each.

use std::fmt;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::breach::{BreachKind, Care, Damage, Organisation, PersonStatus, PolicyList};
use crate::marking::{Classification, LegacyMarking, Marking};
use crate::policy::PolicyRef;
use crate::reason::{Basis, Citation, Source};

/// A misconduct level (POLSBP003: a breach "SHALL constitute a form of
/// misconduct", minor, serious or gross). Ordered from least to most severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Level {
    /// Minor misconduct.
    Minor,
    /// Serious misconduct.
    Serious,
    /// Gross misconduct.
    Gross,
}

impl Level {
    /// Every level, least severe first.
    pub const ALL: [Level; 3] = [Level::Minor, Level::Serious, Level::Gross];

    /// The level `steps` higher, capped at gross.
    #[must_use]
    pub const fn raised(self, steps: u8) -> Level {
        match self as u8 + if steps > 2 { 2 } else { steps } {
            0 => Level::Minor,
            1 => Level::Serious,
            _ => Level::Gross,
        }
    }

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Level::Minor => "minor",
            Level::Serious => "serious",
            Level::Gross => "gross",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A colour band of the Security Breach Matrix, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Band {
    /// Scores 1–2: probably no formal action.
    Green,
    /// Scores 3–4 (shown as yellow in the grid): could be minor misconduct.
    Amber,
    /// Scores 5–8: formal action through HR highly likely.
    Red,
    /// Scores 9–12: as red; police may be involved.
    Black,
}

impl Band {
    /// Every band, lowest first.
    pub const ALL: [Band; 4] = [Band::Green, Band::Amber, Band::Red, Band::Black];

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Band::Green => "green",
            Band::Amber => "amber",
            Band::Red => "red",
            Band::Black => "black",
        }
    }
}

impl fmt::Display for Band {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A row of the Security Breach Matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum MatrixRow {
    /// OFFICIAL (including OFFICIAL-SENSITIVE).
    Official,
    /// SECRET (including interim CONFIDENTIAL).
    Secret,
    /// TOP SECRET and STRAP.
    TopSecretAndStrap,
}

impl MatrixRow {
    /// The row a marking is scored on: STRAP joins TOP SECRET, as the matrix's
    /// "Top Secret and Strap" row says.
    #[must_use]
    pub const fn for_marking(marking: Marking) -> MatrixRow {
        match marking.tier() {
            Classification::Official => MatrixRow::Official,
            Classification::Secret if marking.is_strap() => MatrixRow::TopSecretAndStrap,
            Classification::Secret => MatrixRow::Secret,
            Classification::TopSecret => MatrixRow::TopSecretAndStrap,
        }
    }

    /// The row's label in the matrix.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            MatrixRow::Official => "OFFICIAL",
            MatrixRow::Secret => "SECRET",
            MatrixRow::TopSecretAndStrap => "TOP SECRET and STRAP",
        }
    }
}

/// Which procedure the case is handled under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Route {
    /// The MoJ Disciplinary Policy.
    MojDisciplinaryPolicy,
    /// HMPPS's own disciplinary policy.
    HmppsDisciplinaryPolicy,
    /// The probation policy, for staff on probation (POLSBP005).
    ProbationPolicy,
    /// Contract management with the supplier; the contract may be cancelled.
    ContractManagement,
}

impl Route {
    /// Every route.
    pub const ALL: [Route; 4] = [
        Route::MojDisciplinaryPolicy,
        Route::HmppsDisciplinaryPolicy,
        Route::ProbationPolicy,
        Route::ContractManagement,
    ];

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Route::MojDisciplinaryPolicy => "mojDisciplinaryPolicy",
            Route::HmppsDisciplinaryPolicy => "hmppsDisciplinaryPolicy",
            Route::ProbationPolicy => "probationPolicy",
            Route::ContractManagement => "contractManagement",
        }
    }

    /// A readable name.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Route::MojDisciplinaryPolicy => "the MoJ Disciplinary Policy",
            Route::HmppsDisciplinaryPolicy => "the HMPPS disciplinary policy",
            Route::ProbationPolicy => "the probation policy",
            Route::ContractManagement => "contract management (the contract may be cancelled)",
        }
    }
}

/// What must or may happen next, whatever the level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Flags {
    /// Record centrally as a security incident (always; POLSBP002).
    pub record_centrally: bool,
    /// A breach notice may be issued (POLSBP006).
    pub breach_notice_may_be_issued: bool,
    /// Consult MoJ Security before acting (amber band and above).
    pub consult_security: bool,
    /// Report immediately to the STRAPSO team (any STRAP material).
    pub report_to_strapso: bool,
    /// The police may be involved (criminal acts, black band).
    pub police_may_be_involved: bool,
    /// The contract may be cancelled (contractors and agency staff).
    pub contract_may_be_cancelled: bool,
    /// The manager decides whether to take action; this is a recommendation
    /// (always; POLSBP003).
    pub manager_decision_required: bool,
}

/// One step of an assessment, with the facts it used.
///
/// The serde tag is the stable rule id (`rule`), the content its facts (`facts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "rule", content = "facts", deny_unknown_fields)]
#[allow(missing_docs)] // the facts' names say what they are; each variant is documented
pub enum BreachStep {
    /// A pre-2014 marking was converted to a current tier for scoring.
    #[serde(rename = "breach.legacyMarking", rename_all = "camelCase")]
    LegacyMarking {
        from: LegacyMarking,
        scored_as: Classification,
    },
    /// No marked material was involved; scored on a configured row.
    #[serde(rename = "breach.unmarkedMaterial", rename_all = "camelCase")]
    UnmarkedMaterial { scored_as: Classification },
    /// The catalogue level of the kind is the floor.
    #[serde(rename = "breach.catalogueFloor", rename_all = "camelCase")]
    CatalogueFloor {
        kind: BreachKind,
        list: PolicyList,
        level: Level,
    },
    /// The matrix score for the care shown, before any history.
    #[serde(rename = "breach.matrixScore", rename_all = "camelCase")]
    MatrixScore {
        row: MatrixRow,
        care: Care,
        score: u8,
        band: Band,
    },
    /// The level the score's band indicates.
    #[serde(rename = "breach.bandLevel", rename_all = "camelCase")]
    BandLevel {
        band: Band,
        indicates: Level,
        from: Level,
        to: Level,
    },
    /// OFFICIAL-SENSITIVE adds points to the OFFICIAL row.
    #[serde(rename = "breach.sensitiveUplift", rename_all = "camelCase")]
    SensitiveUplift { points: u8 },
    /// Deliberate intent sets a minimum level.
    #[serde(rename = "breach.deliberateIntent", rename_all = "camelCase")]
    DeliberateIntent {
        minimum: Level,
        from: Level,
        to: Level,
    },
    /// SECRET, TOP SECRET or STRAP material sets a minimum level.
    #[serde(rename = "breach.classifiedMaterial", rename_all = "camelCase")]
    ClassifiedMaterial {
        classification: Classification,
        strap: bool,
        minimum: Level,
        from: Level,
        to: Level,
    },
    /// A repeat within the rolling window or a previous warning raises the level.
    #[serde(rename = "breach.historyEscalation", rename_all = "camelCase")]
    HistoryEscalation {
        repeats: u32,
        window_months: u32,
        previous_warnings: u32,
        from: Level,
        to: Level,
    },
    /// Repeats and warnings move the care column right and re-score.
    #[serde(rename = "breach.historyScore", rename_all = "camelCase")]
    HistoryScore {
        columns: u32,
        care: Care,
        score: u8,
        band: Band,
        from: Level,
        to: Level,
    },
    /// Damage, a factor the manager must weigh (POLSBP003).
    #[serde(rename = "breach.damage", rename_all = "camelCase")]
    Damage {
        damage: Damage,
        steps: u8,
        from: Level,
        to: Level,
    },
    /// The handling route for the person.
    #[serde(rename = "breach.route", rename_all = "camelCase")]
    Route {
        status: PersonStatus,
        organisation: Organisation,
        route: Route,
    },
    /// Record centrally as a security incident.
    #[serde(rename = "breach.recordCentrally")]
    RecordCentrally,
    /// A breach notice may be issued.
    #[serde(rename = "breach.breachNotice")]
    BreachNotice,
    /// The band calls for consulting MoJ Security.
    #[serde(rename = "breach.consultSecurity", rename_all = "camelCase")]
    ConsultSecurity { band: Band },
    /// STRAP material: report to STRAPSO.
    #[serde(rename = "breach.reportToStrapso")]
    ReportToStrapso,
    /// Criminal act or black band: police may be involved.
    #[serde(rename = "breach.policeMayBeInvolved", rename_all = "camelCase")]
    PoliceMayBeInvolved { criminal_act: bool, band: Band },
    /// The recommendation and the manager's decision.
    #[serde(rename = "breach.managerDecision", rename_all = "camelCase")]
    ManagerDecision { level: Level },
}

impl BreachStep {
    /// The stable rule id, e.g. `breach.catalogueFloor`.
    #[must_use]
    pub const fn rule_id(&self) -> &'static str {
        match self {
            BreachStep::LegacyMarking { .. } => "breach.legacyMarking",
            BreachStep::UnmarkedMaterial { .. } => "breach.unmarkedMaterial",
            BreachStep::CatalogueFloor { .. } => "breach.catalogueFloor",
            BreachStep::MatrixScore { .. } => "breach.matrixScore",
            BreachStep::BandLevel { .. } => "breach.bandLevel",
            BreachStep::SensitiveUplift { .. } => "breach.sensitiveUplift",
            BreachStep::DeliberateIntent { .. } => "breach.deliberateIntent",
            BreachStep::ClassifiedMaterial { .. } => "breach.classifiedMaterial",
            BreachStep::HistoryEscalation { .. } => "breach.historyEscalation",
            BreachStep::HistoryScore { .. } => "breach.historyScore",
            BreachStep::Damage { .. } => "breach.damage",
            BreachStep::Route { .. } => "breach.route",
            BreachStep::RecordCentrally => "breach.recordCentrally",
            BreachStep::BreachNotice => "breach.breachNotice",
            BreachStep::ConsultSecurity { .. } => "breach.consultSecurity",
            BreachStep::ReportToStrapso => "breach.reportToStrapso",
            BreachStep::PoliceMayBeInvolved { .. } => "breach.policeMayBeInvolved",
            BreachStep::ManagerDecision { .. } => "breach.managerDecision",
        }
    }
}

fn change(f: &mut fmt::Formatter<'_>, from: Level, to: Level) -> fmt::Result {
    if from == to {
        write!(f, "; level stays {to}")
    } else {
        write!(f, "; level raised from {from} to {to}")
    }
}

impl fmt::Display for BreachStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            BreachStep::LegacyMarking { from, scored_as } => write!(
                f,
                "legacy marking {} is scored as {}",
                from.label(),
                scored_as.label()
            ),
            BreachStep::UnmarkedMaterial { scored_as } => write!(
                f,
                "no marked material was reported; scored on the {} row",
                scored_as.label()
            ),
            BreachStep::CatalogueFloor { kind, list, level } => match list {
                PolicyList::Minor | PolicyList::Serious | PolicyList::Gross => write!(
                    f,
                    "`{kind}` is listed under {level} misconduct; the recommendation is never lower"
                ),
                PolicyList::Definition => write!(
                    f,
                    "`{kind}` is in the policy's definition of a breach, which gives no level; it starts at {level} misconduct"
                ),
                PolicyList::Unlisted => write!(
                    f,
                    "`{kind}` is not in the policy's lists; every breach is misconduct, so it starts at {level}"
                ),
            },
            BreachStep::MatrixScore {
                row,
                care,
                score,
                band,
            } => write!(
                f,
                "matrix row {}, care column {} ({}): score {score}, {band} band",
                row.label(),
                care.column(),
                care.as_str()
            ),
            BreachStep::BandLevel {
                band,
                indicates,
                from,
                to,
            } => {
                write!(f, "the {band} band indicates {indicates} misconduct")?;
                change(f, from, to)
            }
            BreachStep::SensitiveUplift { points } => {
                write!(f, "the SENSITIVE caveat adds {points} to the OFFICIAL row score")
            }
            BreachStep::DeliberateIntent { minimum, from, to } => {
                write!(f, "deliberate intent is at least {minimum} misconduct")?;
                change(f, from, to)
            }
            BreachStep::ClassifiedMaterial {
                classification,
                strap,
                minimum,
                from,
                to,
            } => {
                write!(
                    f,
                    "breach of security of {}{} material is {minimum} misconduct",
                    classification.label(),
                    if strap { " STRAP" } else { "" }
                )?;
                change(f, from, to)
            }
            BreachStep::HistoryEscalation {
                repeats,
                window_months,
                previous_warnings,
                from,
                to,
            } => {
                write!(
                    f,
                    "{repeats} earlier breach(es) within {window_months} months and {previous_warnings} previous warning(s)"
                )?;
                change(f, from, to)
            }
            BreachStep::HistoryScore {
                columns,
                care,
                score,
                band,
                from,
                to,
            } => {
                write!(
                    f,
                    "repetition and warnings move the care assessment {columns} column(s) to column {} ({}): score {score}, {band} band",
                    care.column(),
                    care.as_str()
                )?;
                change(f, from, to)
            }
            BreachStep::Damage {
                damage,
                steps,
                from,
                to,
            } => {
                write!(
                    f,
                    "damage: {}; the manager must weigh it; configured escalation {steps} level(s)",
                    damage.as_str()
                )?;
                change(f, from, to)
            }
            BreachStep::Route {
                status,
                organisation,
                route,
            } => write!(
                f,
                "{} at {}: handled under {}",
                status.as_str(),
                organisation.as_str(),
                route.label()
            ),
            BreachStep::RecordCentrally => {
                f.write_str("record centrally as a security incident so that trends are identified")
            }
            BreachStep::BreachNotice => f.write_str("a breach notice may be issued"),
            BreachStep::ConsultSecurity { band } => {
                write!(f, "{band} band: consult MoJ Security before taking action")
            }
            BreachStep::ReportToStrapso => {
                f.write_str("STRAP material: report immediately to the STRAPSO team and consult them before any action")
            }
            BreachStep::PoliceMayBeInvolved { criminal_act, band } => {
                if criminal_act {
                    write!(f, "criminal act ({band} band): the police may be involved")
                } else {
                    write!(f, "{band} band: the police may be involved")
                }
            }
            BreachStep::ManagerDecision { level } => write!(
                f,
                "recommended level {level}; the manager decides whether to take disciplinary action"
            ),
        }
    }
}

/// One reason: a step, where it comes from, and (on the wire) its explanation.
///
/// Wire form:
/// `{"rule": "breach.catalogueFloor", "facts": {…}, "basis": "policyStatement",
/// "citation": "POLSBP006, minor misconduct list", "explanation": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BreachReason {
    /// The step and its facts.
    pub step: BreachStep,
    /// Policy statement or configurable default.
    pub basis: Basis,
    /// The policy text it comes from.
    pub citation: Citation,
}

impl BreachReason {
    pub(crate) fn new(step: BreachStep, source: &Source) -> Self {
        Self {
            step,
            basis: source.basis,
            citation: source.citation.clone(),
        }
    }

    /// The stable rule id.
    #[must_use]
    pub const fn rule_id(&self) -> &'static str {
        self.step.rule_id()
    }
}

impl fmt::Display for BreachReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} [{}; {}]",
            self.step,
            self.citation,
            self.basis.as_str()
        )
    }
}

struct Explanation<'a>(&'a BreachStep);

impl Serialize for Explanation<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self.0)
    }
}

impl Serialize for BreachReason {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Wire<'a> {
            #[serde(flatten)]
            step: &'a BreachStep,
            basis: Basis,
            citation: &'a Citation,
            explanation: Explanation<'a>,
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

impl<'de> Deserialize<'de> for BreachReason {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Wire {
            rule: String,
            #[serde(default)]
            facts: Option<serde_json::Value>,
            basis: Basis,
            citation: Citation,
            // The explanation is derived from the facts; it is accepted, not trusted.
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
        Ok(BreachReason {
            step,
            basis: wire.basis,
            citation: wire.citation,
        })
    }
}

/// The answer to a breach report.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BreachAssessment {
    /// Wire schema version of the answer (1).
    pub schema_version: u32,
    /// The policy document that produced it.
    pub policy: PolicyRef,
    /// The caller's reference, echoed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The kind assessed.
    pub kind: BreachKind,
    /// Recommended misconduct level; the manager decides (POLSBP003).
    pub level: Level,
    /// Security Breach Matrix score, 1 to 12, after history.
    pub score: u8,
    /// The score's band.
    pub band: Band,
    /// The marking the score used, after any legacy conversion.
    pub marking: Marking,
    /// Handling route.
    pub route: Route,
    /// What must or may happen next.
    pub flags: Flags,
    /// Every step, in order, with its citation.
    pub reasons: Vec<BreachReason>,
}
