//! What an assessment answers: the recommended level, the matrix score and band,
//! the handling route, the flags, and the reasons for each.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::breach::{
    Band, BreachKind, Care, ConsultSecurity, Damage, Impact, Level, MatrixRow, Organisation,
    PersonStatus, PolicyList, Route,
};
use crate::marking::{Classification, LegacyMarking, Marking, ReportedClassification};
use crate::policy::PolicyRef;
use crate::reason::{Label, Reason, Step};

/// What must or may happen next, whatever the level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Flags {
    /// Record centrally as a security incident (always; POLSBP002).
    pub record_centrally: bool,
    /// A breach notice may be issued (POLSBP006).
    pub breach_notice_may_be_issued: bool,
    /// How to consult MoJ Security: every band consults, about the individual
    /// circumstances on green and before acting from amber (Security Breach
    /// Matrix).
    pub consult_security: ConsultSecurity,
    /// Report immediately to the STRAPSO team (any STRAP material).
    pub report_to_strapso: bool,
    /// The police may be involved (criminal acts, black band).
    pub police_may_be_involved: bool,
    /// The contract may be cancelled (contractors and agency staff).
    pub contract_may_be_cancelled: bool,
    /// The manager decides whether to take action; this is a recommendation
    /// (always; POLSBP003).
    pub manager_decision_required: bool,
    /// Tell the Information Asset Owner: personal data, or an information asset
    /// with an owner, was involved (a configurable default; domain-facts §1.4).
    pub inform_information_asset_owner: bool,
    /// Tell the data protection team: personal data was involved (a
    /// configurable default; domain-facts §1.4).
    pub inform_data_protection_team: bool,
    /// Escalate to the Senior Information Risk Owner: the incident's impact is
    /// at or above the policy's threshold, high by default (a configurable
    /// default; domain-facts §1.4).
    pub escalate_to_siro: bool,
}

/// One step of an assessment, with the facts it used.
///
/// The serde tag is the stable rule id (`rule`), the content its facts (`facts`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
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
    /// Care column 4 ("total lack of care; gross negligence; deliberately
    /// reckless behaviour") sets a minimum level.
    #[serde(rename = "breach.deliberateIntent", rename_all = "camelCase")]
    DeliberateIntent {
        minimum: Level,
        from: Level,
        to: Level,
    },
    /// SECRET, TOP SECRET or STRAP material sets a minimum level. `reported` is
    /// the marking as reported (a legacy CONFIDENTIAL scored as SECRET says
    /// so); `applied` is false only where the policy does not let the minimum
    /// follow a legacy marking.
    #[serde(rename = "breach.classifiedMaterial", rename_all = "camelCase")]
    ClassifiedMaterial {
        classification: Classification,
        strap: bool,
        reported: ReportedClassification,
        applied: bool,
        minimum: Level,
        from: Level,
        to: Level,
    },
    /// A kind that involves no material was reported with SECRET, TOP SECRET or
    /// STRAP: the marking is scored on the matrix, but the gross list's minimum
    /// for such material does not apply.
    #[serde(rename = "breach.noClassifiedMaterial", rename_all = "camelCase")]
    NoClassifiedMaterial {
        kind: BreachKind,
        classification: Classification,
        strap: bool,
        reported: ReportedClassification,
    },
    /// A previous warning (or a repeat, where the policy says so) raises the
    /// level.
    #[serde(rename = "breach.historyEscalation", rename_all = "camelCase")]
    HistoryEscalation {
        repeats: u32,
        window_months: u32,
        previous_warnings: u32,
        from: Level,
        to: Level,
    },
    /// Repeats and warnings move the care column right and re-score;
    /// `matrixExample` says the case is one of the matrix's own examples (the
    /// citation names it).
    #[serde(rename = "breach.historyScore", rename_all = "camelCase")]
    HistoryScore {
        repeats: u32,
        window_months: u32,
        previous_warnings: u32,
        columns: u32,
        care: Care,
        score: u8,
        band: Band,
        matrix_example: bool,
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
    /// The gross list's minimum for SECRET, TOP SECRET or STRAP material and the
    /// matrix's band pull apart: both, and which prevails.
    #[serde(rename = "breach.sourcesDisagree", rename_all = "camelCase")]
    SourcesDisagree {
        classification: Classification,
        strap: bool,
        reported: ReportedClassification,
        minimum: Level,
        score: u8,
        band: Band,
        indicates: Level,
    },
    /// A listed example describes the same conduct at a higher level than the
    /// one recommended: the manager should consider it.
    #[serde(rename = "breach.considerListedExample", rename_all = "camelCase")]
    ConsiderListedExample {
        kind: BreachKind,
        list: PolicyList,
        level: Level,
        recommended: Level,
    },
    /// The handling route for the person, and what to do (the policy's label).
    #[serde(rename = "breach.route", rename_all = "camelCase")]
    Route {
        status: PersonStatus,
        organisation: Organisation,
        route: Route,
        label: Label,
    },
    /// Record centrally as a security incident.
    #[serde(rename = "breach.recordCentrally")]
    RecordCentrally,
    /// A breach notice may be issued.
    #[serde(rename = "breach.breachNotice")]
    BreachNotice,
    /// Every band calls for consulting MoJ Security; the band sets how.
    #[serde(rename = "breach.consultSecurity", rename_all = "camelCase")]
    ConsultSecurity {
        band: Band,
        strength: ConsultSecurity,
    },
    /// STRAP material: report to STRAPSO.
    #[serde(rename = "breach.reportToStrapso")]
    ReportToStrapso,
    /// Criminal act or black band: police may be involved.
    #[serde(rename = "breach.policeMayBeInvolved", rename_all = "camelCase")]
    PoliceMayBeInvolved { criminal_act: bool, band: Band },
    /// Personal data or an owned information asset: tell its Information
    /// Asset Owner (the asset and owner as reported, when given).
    /// `personal_data_by_kind` says the personal data is the kind's, not the
    /// report's.
    #[serde(rename = "breach.informAssetOwner", rename_all = "camelCase")]
    InformAssetOwner {
        personal_data: bool,
        personal_data_by_kind: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        asset: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        owner: Option<String>,
    },
    /// Personal data: tell the data protection team, immediately when the
    /// impact escalates to the SIRO.
    #[serde(rename = "breach.informDataProtection", rename_all = "camelCase")]
    InformDataProtection {
        personal_data: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        impact: Option<Impact>,
        immediately: bool,
    },
    /// The impact reaches the policy's threshold: escalate to the SIRO.
    #[serde(rename = "breach.escalateToSiro", rename_all = "camelCase")]
    EscalateToSiro { impact: Impact, from_impact: Impact },
    /// Personal data or an information asset is involved but the impact was
    /// not given, so whether the SIRO is told is still open.
    #[serde(rename = "breach.impactNotAssessed", rename_all = "camelCase")]
    ImpactNotAssessed { from_impact: Impact },
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
            BreachStep::NoClassifiedMaterial { .. } => "breach.noClassifiedMaterial",
            BreachStep::SourcesDisagree { .. } => "breach.sourcesDisagree",
            BreachStep::ConsiderListedExample { .. } => "breach.considerListedExample",
            BreachStep::HistoryEscalation { .. } => "breach.historyEscalation",
            BreachStep::HistoryScore { .. } => "breach.historyScore",
            BreachStep::Damage { .. } => "breach.damage",
            BreachStep::Route { .. } => "breach.route",
            BreachStep::RecordCentrally => "breach.recordCentrally",
            BreachStep::BreachNotice => "breach.breachNotice",
            BreachStep::ConsultSecurity { .. } => "breach.consultSecurity",
            BreachStep::ReportToStrapso => "breach.reportToStrapso",
            BreachStep::PoliceMayBeInvolved { .. } => "breach.policeMayBeInvolved",
            BreachStep::InformAssetOwner { .. } => "breach.informAssetOwner",
            BreachStep::InformDataProtection { .. } => "breach.informDataProtection",
            BreachStep::EscalateToSiro { .. } => "breach.escalateToSiro",
            BreachStep::ImpactNotAssessed { .. } => "breach.impactNotAssessed",
            BreachStep::ManagerDecision { .. } => "breach.managerDecision",
        }
    }
}

/// Writes a number without the formatting machinery (explanations are on the
/// JSON hot path).
fn number<W: fmt::Write>(w: &mut W, value: u32) -> fmt::Result {
    let mut digits = [0u8; 10];
    let mut len = 0;
    let mut rest = value;
    loop {
        if let Some(slot) = digits.get_mut(len) {
            // INVARIANT: `rest % 10` is below 10, so the cast keeps every bit.
            *slot = b'0' + (rest % 10) as u8;
        }
        len += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for digit in digits.iter().take(len).rev() {
        w.write_char(char::from(*digit))?;
    }
    Ok(())
}

fn change<W: fmt::Write>(w: &mut W, from: Level, to: Level) -> fmt::Result {
    if from == to {
        w.write_str("; level stays ")?;
        w.write_str(to.as_str())
    } else {
        w.write_str("; level raised from ")?;
        w.write_str(from.as_str())?;
        w.write_str(" to ")?;
        w.write_str(to.as_str())
    }
}

fn pieces<W: fmt::Write>(w: &mut W, parts: &[&str]) -> fmt::Result {
    parts.iter().try_for_each(|part| w.write_str(part))
}

/// The catalogue floor: the list the kind is under says where the level starts.
fn catalogue_floor<W: fmt::Write>(
    w: &mut W,
    kind: BreachKind,
    list: PolicyList,
    level: Level,
) -> fmt::Result {
    match list {
        PolicyList::Minor | PolicyList::Serious | PolicyList::Gross => pieces(
            w,
            &[
                "`",
                kind.as_str(),
                "` is listed under ",
                level.as_str(),
                " misconduct; the recommendation is never lower",
            ],
        ),
        PolicyList::Definition => pieces(
            w,
            &[
                "`",
                kind.as_str(),
                "` is in the policy's definition of a breach, which gives no level; it starts at ",
                level.as_str(),
                " misconduct",
            ],
        ),
        PolicyList::Unlisted => pieces(
            w,
            &[
                "`",
                kind.as_str(),
                "` is not in the policy's lists; every breach is misconduct, so it starts at ",
                level.as_str(),
            ],
        ),
    }
}

/// A care column, in the matrix's words, and the score and band it gives.
fn care_column_score<W: fmt::Write>(w: &mut W, care: Care, score: u8, band: Band) -> fmt::Result {
    number(w, care.column().into())?;
    pieces(w, &[" (", care.label(), "): score "])?;
    number(w, score.into())?;
    pieces(w, &[", ", band.as_str(), " band"])
}

/// The material a marking stands for: `SECRET material`, `TOP SECRET STRAP
/// material`, or for a legacy marking `CONFIDENTIAL material, scored as SECRET`.
fn material<W: fmt::Write>(
    w: &mut W,
    classification: Classification,
    strap: bool,
    reported: ReportedClassification,
) -> fmt::Result {
    if reported.split().is_err() {
        pieces(w, &[reported.label(), " material, scored as "])?;
        return marking_label(w, classification, strap);
    }
    marking_label(w, classification, strap)?;
    w.write_str(" material")
}

/// The minimum level for classified material, and for a legacy marking
/// whether the policy lets it follow the conversion.
fn classified_material<W: fmt::Write>(
    w: &mut W,
    classification: Classification,
    strap: bool,
    reported: ReportedClassification,
    applied: bool,
    minimum: Level,
) -> fmt::Result {
    if reported.split().is_ok() {
        w.write_str("breach of security of ")?;
        material(w, classification, strap, reported)?;
        return pieces(w, &[" is ", minimum.as_str(), " misconduct"]);
    }
    pieces(w, &[reported.label(), ", scored as "])?;
    marking_label(w, classification, strap)?;
    w.write_str(": the gross misconduct list names SECRET, TOP SECRET and STRAP material, not ")?;
    pieces(
        w,
        &[
            reported.label(),
            "; by the configured default its minimum, ",
        ],
    )?;
    pieces(
        w,
        &[
            minimum.as_str(),
            " misconduct, ",
            if applied {
                "applies to it"
            } else {
                "does not apply to it"
            },
        ],
    )
}

/// A marking as written: the tier, with STRAP when it has it.
fn marking_label<W: fmt::Write>(
    w: &mut W,
    classification: Classification,
    strap: bool,
) -> fmt::Result {
    pieces(
        w,
        &[classification.label(), if strap { " STRAP" } else { "" }],
    )
}

/// What the matrix itself says of a band.
const fn band_words(band: Band) -> &'static str {
    match band {
        Band::Green => "probably doesn't need formal action",
        Band::Amber => "could be considered as minor misconduct",
        Band::Red => "it is highly likely that formal action through HR will be taken",
        Band::Black => "as red, and the police may also be involved",
    }
}

/// The history behind an escalation.
fn history_counts<W: fmt::Write>(
    w: &mut W,
    repeats: u32,
    window_months: u32,
    previous_warnings: u32,
) -> fmt::Result {
    number(w, repeats)?;
    w.write_str(" earlier breach(es) within ")?;
    number(w, window_months)?;
    w.write_str(" months and ")?;
    number(w, previous_warnings)?;
    w.write_str(" previous warning(s)")
}

impl BreachStep {
    /// Writes the step's explanation for people, from the library's own words,
    /// enum names and, for the route, the policy document's label (the only
    /// text that may hold characters JSON escapes; never the report's text).
    pub fn explain<W: fmt::Write>(&self, w: &mut W) -> fmt::Result {
        match *self {
            BreachStep::LegacyMarking { from, scored_as } => pieces(
                w,
                &["legacy marking ", from.label(), " is scored as ", scored_as.label()],
            ),
            BreachStep::UnmarkedMaterial { scored_as } => pieces(
                w,
                &[
                    "no marked material was reported; scored on the ",
                    scored_as.label(),
                    " row",
                ],
            ),
            BreachStep::CatalogueFloor { kind, list, level } => {
                catalogue_floor(w, kind, list, level)
            }
            BreachStep::MatrixScore {
                row,
                care,
                score,
                band,
            } => {
                pieces(w, &["matrix row ", row.label(), ", care column "])?;
                care_column_score(w, care, score, band)
            }
            BreachStep::BandLevel {
                band,
                indicates,
                from,
                to,
            } => {
                pieces(
                    w,
                    &[
                        band.as_str(),
                        " band (the matrix: ",
                        band_words(band),
                        "); the policy document sets ",
                        indicates.as_str(),
                        " misconduct for the band",
                    ],
                )?;
                change(w, from, to)
            }
            BreachStep::SensitiveUplift { points } => {
                w.write_str("the SENSITIVE caveat adds ")?;
                number(w, points.into())?;
                w.write_str(" to the OFFICIAL row score")
            }
            BreachStep::DeliberateIntent { minimum, from, to } => {
                pieces(
                    w,
                    &[
                        "care column 4 (",
                        Care::Deliberate.label(),
                        ") is at least ",
                        minimum.as_str(),
                        " misconduct",
                    ],
                )?;
                change(w, from, to)
            }
            BreachStep::ClassifiedMaterial {
                classification,
                strap,
                reported,
                applied,
                minimum,
                from,
                to,
            } => {
                classified_material(w, classification, strap, reported, applied, minimum)?;
                change(w, from, to)
            }
            BreachStep::NoClassifiedMaterial {
                kind,
                classification,
                strap,
                reported,
            } => {
                pieces(w, &["`", kind.as_str(), "` involves no classified material: the "])?;
                if reported.split().is_err() {
                    pieces(w, &[reported.label(), " marking, scored as "])?;
                    marking_label(w, classification, strap)?;
                    w.write_str(",")?;
                } else {
                    marking_label(w, classification, strap)?;
                    w.write_str(" marking")?;
                }
                w.write_str(
                    " is scored on the matrix, but the gross misconduct list's minimum for breach of security of SECRET, TOP SECRET and STRAP material does not apply; if such material was compromised, assess it as `secretMaterialCompromisedThroughNegligence`",
                )
            }
            BreachStep::SourcesDisagree {
                classification,
                strap,
                reported,
                minimum,
                score,
                band,
                indicates,
            } => {
                w.write_str("the sources pull apart: the gross misconduct list makes breach of security of ")?;
                material(w, classification, strap, reported)?;
                if reported.split().is_err() {
                    w.write_str(",")?;
                }
                pieces(w, &[" ", minimum.as_str(), " misconduct, while the matrix scores it "])?;
                number(w, score.into())?;
                pieces(
                    w,
                    &[
                        ", ",
                        band.as_str(),
                        " band (the matrix: ",
                        band_words(band),
                        "), for which the policy document sets ",
                        indicates.as_str(),
                        "; the gross list's minimum prevails by default, and the manager decides (POLSBP003)",
                    ],
                )
            }
            BreachStep::ConsiderListedExample {
                kind,
                level,
                recommended,
                ..
            } => pieces(
                w,
                &[
                    "the same conduct may be `",
                    kind.as_str(),
                    "`, which the policy lists under ",
                    level.as_str(),
                    " misconduct: if the facts fit that example, assess it as that kind; this recommendation stays ",
                    recommended.as_str(),
                ],
            ),
            BreachStep::HistoryEscalation {
                repeats,
                window_months,
                previous_warnings,
                from,
                to,
            } => {
                history_counts(w, repeats, window_months, previous_warnings)?;
                change(w, from, to)
            }
            BreachStep::HistoryScore {
                repeats,
                window_months,
                previous_warnings,
                columns,
                care,
                score,
                band,
                matrix_example,
                from,
                to,
            } => {
                history_counts(w, repeats, window_months, previous_warnings)?;
                w.write_str(" move the care assessment ")?;
                number(w, columns)?;
                w.write_str(" column(s) to column ")?;
                care_column_score(w, care, score, band)?;
                if matrix_example {
                    w.write_str(", as the matrix's own example of this case gives")?;
                }
                change(w, from, to)
            }
            BreachStep::Damage {
                damage,
                steps,
                from,
                to,
            } => {
                pieces(
                    w,
                    &[
                        "damage: ",
                        damage.as_str(),
                        "; the manager must weigh it; configured escalation ",
                    ],
                )?;
                number(w, steps.into())?;
                w.write_str(" level(s)")?;
                change(w, from, to)
            }
            BreachStep::Route {
                status,
                organisation,
                ref label,
                ..
            } => pieces(
                w,
                &[status.as_str(), " at ", organisation.as_str(), ": ", label.as_str()],
            ),
            BreachStep::RecordCentrally => {
                w.write_str("record centrally as a security incident so that trends are identified")
            }
            BreachStep::BreachNotice => w.write_str("a breach notice may be issued"),
            BreachStep::ConsultSecurity { band, strength } => match strength {
                ConsultSecurity::AboutCircumstances => pieces(
                    w,
                    &[
                        band.as_str(),
                        " band: managers should still consult MoJ Security about the individual circumstances",
                    ],
                ),
                ConsultSecurity::BeforeActing => pieces(
                    w,
                    &[band.as_str(), " band: consult MoJ Security before taking action"],
                ),
            },
            BreachStep::ReportToStrapso => w.write_str(
                "STRAP material: report immediately to the STRAPSO team and consult them before any action",
            ),
            BreachStep::PoliceMayBeInvolved { criminal_act, band } => {
                if criminal_act {
                    pieces(w, &["criminal act (", band.as_str(), " band): the police may be involved"])
                } else {
                    pieces(w, &[band.as_str(), " band: the police may be involved"])
                }
            }
            BreachStep::InformAssetOwner {
                personal_data,
                personal_data_by_kind,
                ..
            } => w.write_str(match (personal_data, personal_data_by_kind) {
                (true, true) => "the kind of breach is about personal data: tell the Information Asset Owner of the information, who owns its risk",
                (true, false) => "personal data was involved: tell the Information Asset Owner of the information, who owns its risk",
                (false, _) => "an information asset was involved: tell its Information Asset Owner, who owns its risk",
            }),
            BreachStep::InformDataProtection {
                personal_data,
                immediately,
                ..
            } => {
                w.write_str(if personal_data {
                    "personal data was involved: tell the data protection team"
                } else {
                    "an information asset was involved: tell the data protection team"
                })?;
                w.write_str(if immediately {
                    ", immediately, as the impact escalates to the SIRO"
                } else {
                    ""
                })
            }
            BreachStep::EscalateToSiro {
                impact,
                from_impact,
            } => {
                pieces(
                    w,
                    &[
                        impact.as_str(),
                        " impact (the policy escalates from ",
                        from_impact.as_str(),
                        "): escalate to the Senior Information Risk Owner (SIRO)",
                    ],
                )?;
                // POL.IMP.004's escalation of a high impact is immediate.
                w.write_str(if impact == Impact::High {
                    " immediately"
                } else {
                    ""
                })
            }
            BreachStep::ImpactNotAssessed { from_impact } => pieces(
                w,
                &[
                    "the incident's impact was not given: assess it; from ",
                    from_impact.as_str(),
                    " impact it is escalated to the Senior Information Risk Owner (SIRO)",
                ],
            ),
            BreachStep::ManagerDecision { level } => pieces(
                w,
                &[
                    "recommended level ",
                    level.as_str(),
                    "; the manager decides whether to take disciplinary action",
                ],
            ),
        }
    }
}

impl fmt::Display for BreachStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.explain(f)
    }
}

/// One reason of a breach assessment: a [`BreachStep`], its basis and citation.
pub type BreachReason = Reason<BreachStep>;

#[cfg(feature = "typescript")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_BREACH_REASON: &str = r#"
/** One cited step of a breach assessment. */
export type BreachReason = Reason<BreachStep>;
"#;

impl Step for BreachStep {
    fn rule_id(&self) -> &'static str {
        BreachStep::rule_id(self)
    }

    fn explain<W: fmt::Write>(&self, w: &mut W) -> fmt::Result {
        BreachStep::explain(self, w)
    }
}

/// The answer to a breach report.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
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

impl BreachAssessment {
    /// The answer as compact JSON: the same bytes `serde_json::to_string` gives,
    /// written directly (answers are the hot path of every surface).
    ///
    /// ```
    /// use spf_core::{BreachKind, BreachReport, Care, Date, Engine};
    /// let engine = Engine::moj_default();
    /// let report = BreachReport::new(
    ///     BreachKind::PassNotWorn,
    ///     Care::AvoidableCarelessness,
    ///     Date::from_ymd(2026, 4, 1).unwrap(),
    /// );
    /// let answer = engine.assess_breach(&report).unwrap();
    /// assert_eq!(answer.to_json(), serde_json::to_string(&answer).unwrap());
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        // Typical answers are 3 to 5 KB: one allocation, no regrowth.
        let mut out = String::with_capacity(8192);
        crate::breach::write_assessment(self, &mut out);
        out
    }

    /// Appends the answer as compact JSON (the bytes of
    /// [`BreachAssessment::to_json`]) to `out`: a batch writes many answers
    /// into one buffer without an allocation and a copy for each.
    pub fn write_json(&self, out: &mut String) {
        crate::breach::write_assessment(self, out);
    }
}
