//! The Ministry of Justice default policy document.
//!
//! Citations name the policy statement (`POLSBPxxx`), the Security Breach Matrix,
//! or the gap in `domain-facts` whose default a value implements. Values the policy
//! leaves open are marked [`Basis::ConfigurableDefault`](crate::Basis).

use crate::breach::{Band, BreachKind, Level, Organisation, PersonStatus, PolicyList, Route};
use crate::date::Date;
use crate::marking::{Classification, LegacyMarking};
use crate::policy::{
    BandRule, BandThreshold, BreachRules, DamageRules, FlagRules, HistoryRules, KindRule,
    LegacyRule, MarkingRules, MatrixRules, MinimumLevelRule, OrganisationRoute, Policy,
    RepeatScope, RouteRule, RouteRules, SCHEMA_VERSION, ScoredAsRule, StatusRoute, UpliftRule,
};
use crate::reason::Source;

const MATRIX: &str = "Security Breach Matrix (MoJ, August 2018)";

pub(super) fn build() -> Policy {
    Policy {
        schema_version: SCHEMA_VERSION,
        id: "moj-default".into(),
        version: "2026.1".into(),
        effective_date: EFFECTIVE_DATE,
        title:
            "Ministry of Justice Security Breach Policy and Security Breach Matrix: default rules"
                .into(),
        breach: BreachRules {
            kinds: BreachKind::ALL
                .iter()
                .map(|&kind| kind_rule(kind))
                .collect(),
            matrix: MatrixRules {
                official: [1, 2, 3, 5],
                secret: [4, 6, 7, 9],
                top_secret_and_strap: [8, 10, 11, 12],
                source: Source::statement(&format!("{MATRIX}, score grid")),
            },
            bands: bands(),
            markings: MarkingRules {
                unmarked: ScoredAsRule {
                    scored_as: Classification::Official,
                    source: Source::default_value(
                        "Government Security Classifications: OFFICIAL is the baseline tier; domain-facts gap 12",
                    ),
                },
                legacy: LegacyMarking::ALL.iter().map(|&m| legacy_rule(m)).collect(),
                sensitive_uplift: UpliftRule {
                    points: 0,
                    source: Source::default_value(
                        "OFFICIAL-SENSITIVE is a handling caveat, not a classification; the matrix has no row for it (domain-facts gap 12)",
                    ),
                },
            },
            history: HistoryRules {
                window_months: 12,
                repeat_scope: RepeatScope::SameKind,
                level_steps: 1,
                escalation_source: Source::default_value(
                    "POLSBP006 (judged by level of misconduct, particularly where repeated); POLSBP003 (whether a previous warning was given); Security Breach Matrix (rolling 12 month period); domain-facts gap 10",
                ),
                care_columns_per_repeat: 1,
                care_columns_for_warning: 2,
                score_source: Source::default_value(
                    "Security Breach Matrix worked examples: a repeat within 12 months moves 1 to 2 and 4 to 6, a repeat after informal discussions 1 to 5 (domain-facts §1.3)",
                ),
            },
            deliberate_intent: MinimumLevelRule {
                minimum: Level::Serious,
                source: Source::default_value(
                    "POLSBP003 (level of intent); POLSBP006 (considered to be deliberate); the matrix's deliberate column is red even at OFFICIAL (domain-facts gap 10)",
                ),
            },
            classified_material: MinimumLevelRule {
                minimum: Level::Gross,
                source: Source::statement(
                    "POLSBP006, Gross misconduct list: negligence and non-compliance leading to breach of security related to SECRET, TOP SECRET and STRAP material",
                ),
            },
            damage: DamageRules {
                potential_steps: 0,
                actual_steps: 0,
                source: Source::default_value(
                    "POLSBP003 (the damage or potential damage of the breach is for the manager to weigh; no automatic escalation)",
                ),
            },
            routes: RouteRules {
                by_status: vec![
                    StatusRoute {
                        status: PersonStatus::Probationer,
                        route: Route::ProbationPolicy,
                        source: Source::statement(
                            "POLSBP005 (those on probation SHALL have disciplinary matters dealt with under the probation policy)",
                        ),
                    },
                    StatusRoute {
                        status: PersonStatus::Contractor,
                        route: Route::ContractManagement,
                        source: Source::statement(CONTRACT),
                    },
                    StatusRoute {
                        status: PersonStatus::AgencyStaff,
                        route: Route::ContractManagement,
                        source: Source::statement(CONTRACT),
                    },
                ],
                by_organisation: vec![OrganisationRoute {
                    organisation: Organisation::Hmpps,
                    route: Route::HmppsDisciplinaryPolicy,
                    source: Source::statement(
                        "POLSBP003 (managers decide according to MoJ (or HMPPS) policies)",
                    ),
                }],
                otherwise: RouteRule {
                    route: Route::MojDisciplinaryPolicy,
                    source: Source::statement(
                        "POLSBP003 (disciplinary action according to MoJ policies); POLSBP004 (security procedures apply equally to all who work in the MoJ)",
                    ),
                },
            },
            flags: FlagRules {
                record_centrally: Source::statement(
                    "POLSBP002 (breaches SHALL be recorded centrally as security incidents)",
                ),
                breach_notice: Source::statement(
                    "POLSBP006 (a breach CAN lead to the issue of a breach notice)",
                ),
                consult_security: BandThreshold {
                    from_band: Band::Amber,
                    source: Source::statement(&format!(
                        "{MATRIX}: amber and above, consult Security before acting"
                    )),
                },
                report_to_strapso: Source::statement(&format!(
                    "{MATRIX}: any STRAP breach must be reported immediately to the STRAPSO team"
                )),
                police_may_be_involved: BandThreshold {
                    from_band: Band::Black,
                    source: Source::statement(&format!(
                        "{MATRIX}: black band, the police may also be involved; POLSBP006 gross list (any criminal act)"
                    )),
                },
                manager_decision: Source::statement(
                    "POLSBP003 (managers SHALL decide whether to take disciplinary action)",
                ),
            },
        },
    }
}

// Evaluated at compile time: an impossible literal fails the build, never a caller.
#[allow(clippy::panic)]
const EFFECTIVE_DATE: Date = match Date::from_ymd_const(2026, 11, 1) {
    Some(date) => date,
    None => panic!("the default policy's effective date is not a real date"),
};

const CONTRACT: &str = "Security Breach Policy, introduction: failure of a contractor to comply MIGHT lead to the cancellation of a contract";

fn kind_rule(kind: BreachKind) -> KindRule {
    let list = kind.policy_list();
    let (floor, source) = match list {
        PolicyList::Minor => (
            Level::Minor,
            Source::statement("POLSBP006, Minor misconduct list"),
        ),
        PolicyList::Serious => (
            Level::Serious,
            Source::statement("POLSBP006, Serious misconduct list"),
        ),
        PolicyList::Gross => (
            Level::Gross,
            Source::statement("POLSBP006, Gross misconduct list"),
        ),
        PolicyList::Definition => (
            Level::Minor,
            Source::default_value(
                "Security Breach Policy, definition of a security breach (no level given); POLSBP003 (every breach is misconduct)",
            ),
        ),
        PolicyList::Unlisted => (
            Level::Minor,
            Source::default_value(
                "POLSBP006 (the list is not exhaustive); POLSBP003 (every breach is misconduct)",
            ),
        ),
    };
    KindRule {
        kind,
        floor,
        list,
        description: kind.policy_wording().into(),
        criminal_act: kind == BreachKind::CriminalAct,
        requires_security_clearance: matches!(
            kind,
            BreachKind::ChangeOfCircumstancesNotReported
                | BreachKind::SignificantChangeOfCircumstancesNotReported
        ),
        minimum_classification: (kind == BreachKind::SecretMaterialCompromisedThroughNegligence)
            .then_some(Classification::Secret),
        source,
    }
}

fn bands() -> Vec<BandRule> {
    vec![
        BandRule {
            band: Band::Green,
            min_score: 1,
            max_score: 2,
            level: Level::Minor,
            guidance: "probably doesn't need formal action; informal action such as training or reminders is most likely".into(),
            source: Source::default_value(&format!(
                "{MATRIX}, green band; POLSBP003 (every breach is misconduct, so the least level is minor); domain-facts gap 11"
            )),
        },
        BandRule {
            band: Band::Amber,
            min_score: 3,
            max_score: 4,
            level: Level::Minor,
            guidance: "could be considered as minor misconduct; consult Security before acting".into(),
            source: Source::statement(&format!(
                "{MATRIX}, amber band: could be considered as minor misconduct"
            )),
        },
        BandRule {
            band: Band::Red,
            min_score: 5,
            max_score: 8,
            level: Level::Serious,
            guidance: "case by case, but formal action through HR is highly likely".into(),
            source: Source::default_value(&format!(
                "{MATRIX}, red band (formal action highly likely); domain-facts gap 11"
            )),
        },
        BandRule {
            band: Band::Black,
            min_score: 9,
            max_score: 12,
            level: Level::Gross,
            guidance: "as red; STRAP breaches must be reported to STRAPSO and the police may be involved".into(),
            source: Source::default_value(&format!(
                "{MATRIX}, black band; domain-facts gap 11"
            )),
        },
    ]
}

fn legacy_rule(marking: LegacyMarking) -> LegacyRule {
    match marking {
        LegacyMarking::Confidential => LegacyRule {
            marking,
            scored_as: Classification::Secret,
            source: Source::statement(&format!(
                "{MATRIX}, Annex A: interim CONFIDENTIAL should be scored as SECRET"
            )),
        },
        LegacyMarking::Unclassified | LegacyMarking::Protect | LegacyMarking::Restricted => {
            LegacyRule {
                marking,
                scored_as: Classification::Official,
                source: Source::statement(
                    "Government Classification Scheme (MoJ): all material up to and including RESTRICTED becomes OFFICIAL",
                ),
            }
        }
    }
}
