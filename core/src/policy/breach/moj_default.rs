//! The MoJ default breach rules: the Security Breach Policy's lists and the
//! Security Breach Matrix.
//!
//! Citations name the policy statement (`POLSBPxxx`), the Security Breach Matrix,
//! or the gap in `domain-facts` whose default a value implements. Values the policy
//! leaves open are marked [`Basis::ConfigurableDefault`](crate::Basis).

use crate::marking::{Classification, LegacyMarking};
use crate::policy::{
    BandRule, BandThreshold, BreachRules, CaseRules, ClassifiedMaterialRules, ConsultSecurityRules,
    DamageRules, FlagRules, HistoryRules, ImpactThreshold, InformRule, InformationRiskFact,
    KindList, KindRule, LegacyMinimumRule, LegacyRule, ListedExampleRule, MarkingRules,
    MatrixExample, MatrixRules, MinimumLevelRule, ReasonRequired, RepeatScope, RouteRule,
    ScoredAsRule, UpliftRule,
};
use crate::reason::{Label, Source};
use crate::vocabulary::{
    Band, BreachKind, Impact, Level, Organisation, PersonStatus, PolicyList, Route,
};

// Information risk. The current texts say who owns information risk (the
// corporate policy's Information Security Policy section: Information Asset
// Owners, and a SIRO on the Executive Management Board) but not who is told of
// a breach; the legacy IT Security Incident Management Policy named the SIRO
// and, for personal data, the Data Protection Team for a high impact
// (POL.IMP.004). So each of these is a default that cites what it rests on, not
// a statement.
const INFORM_ASSET_OWNER: &str = "Corporate Security Policy, Information Security Policy (information risks are owned by Information Asset Owners within the business); a default: the texts do not say the owner is told of a breach, read here as telling the owner of personal data or of an owned asset";
const INFORM_DATA_PROTECTION: &str = "legacy IT Security Incident Management Policy, POL.IMP.004 (high impact: immediate escalation to the SIRO, MoJ Security and, for personal data, the Data Protection Team; domain-facts §1.4); Corporate Security Policy, Information Security Policy (data protection legislation); a default: telling the team of personal data at any impact";
const ESCALATE_TO_SIRO: &str = "legacy IT Security Incident Management Policy, POL.IMP.004 (high impact: immediate escalation to the SIRO; domain-facts §1.4); Corporate Security Policy, Information Security Policy (a SIRO on the Executive Management Board); a default: the current texts state no escalation";

/// The breach section of the MoJ default policy.
pub(crate) fn moj_default() -> BreachRules {
    BreachRules {
        kinds: BreachKind::ALL
            .iter()
            .map(|&kind| kind_rule(kind))
            .collect(),
        matrix: MatrixRules {
            official: [1, 2, 3, 5],
            secret: [4, 6, 7, 9],
            top_secret_and_strap: [8, 10, 11, 12],
            source: Source::stated("Security Breach Matrix, score grid"),
        },
        bands: bands(),
        markings: MarkingRules {
            unmarked: ScoredAsRule {
                scored_as: Classification::Official,
                source: Source::defaulted(
                    "Government Security Classifications (OFFICIAL is the baseline tier); domain-facts gap 12",
                ),
            },
            legacy: LegacyMarking::ALL.iter().map(|&m| legacy_rule(m)).collect(),
            sensitive_uplift: UpliftRule {
                points: 0,
                source: Source::defaulted(
                    "domain-facts gap 12 (OFFICIAL-SENSITIVE is a caveat, not a tier)",
                ),
            },
        },
        history: HistoryRules {
            window_months: 12,
            repeat_scope: RepeatScope::SameKind,
            repeat_level_steps: 0,
            warning_level_steps: 1,
            escalation_source: Source::defaulted(HISTORY_ESCALATION),
            care_columns_per_repeat: 1,
            care_columns_for_warning: 2,
            score_source: Source::defaulted(HISTORY_SCORE),
            matrix_examples: matrix_examples(),
        },
        deliberate_intent: MinimumLevelRule {
            minimum: Level::Serious,
            source: Source::defaulted(
                "Security Breach Matrix, care column 4 (total lack of care; gross negligence; deliberately reckless behaviour); POLSBP003 (intent, including decisions to ignore a problem); POLSBP006 (deliberate behaviour); domain-facts gap 10",
            ),
        },
        classified_material: ClassifiedMaterialRules {
            minimum: Level::Gross,
            source: Source::stated(
                "POLSBP006, gross misconduct list (SECRET, TOP SECRET and STRAP material)",
            ),
            kinds_without_material: KindList {
                kinds: KINDS_WITHOUT_MATERIAL.to_vec(),
                source: Source::defaulted(
                    "POLSBP006, gross misconduct list (breach of security related to SECRET, TOP SECRET and STRAP material); passes, workstations, accounts and personal circumstances are not material; domain-facts gap 19",
                ),
            },
            against_matrix: Source::defaulted(
                "POLSBP006, gross misconduct list and the Security Breach Matrix pull apart; the gross list's minimum prevails by default, for the manager to decide (POLSBP003); domain-facts gap 19",
            ),
            legacy_markings: LegacyMinimumRule {
                minimum_applies: true,
                source: Source::defaulted(LEGACY_MINIMUM),
            },
        },
        damage: DamageRules {
            potential_steps: 0,
            actual_steps: 0,
            source: Source::defaulted("POLSBP003 (damage is a factor for the manager)"),
        },
        listed_examples: listed_examples(),
        routes: routes(),
        flags: FlagRules {
            record_centrally: Source::stated("POLSBP002"),
            breach_notice: Source::stated("POLSBP006"),
            consult_security: ConsultSecurityRules {
                about_circumstances: BandThreshold {
                    from_band: Band::Green,
                    source: Source::stated(CONSULT_ABOUT_CIRCUMSTANCES),
                },
                before_acting: BandThreshold {
                    from_band: Band::Amber,
                    source: Source::stated(CONSULT_BEFORE_ACTING),
                },
            },
            report_to_strapso: Source::stated("Security Breach Matrix, STRAP breaches"),
            police_may_be_involved: BandThreshold {
                from_band: Band::Black,
                source: Source::stated(
                    "Security Breach Matrix, black band; POLSBP006, gross misconduct list (criminal acts)",
                ),
            },
            manager_decision: Source::stated("POLSBP003"),
            inform_asset_owner: InformRule {
                when: vec![
                    InformationRiskFact::PersonalData,
                    InformationRiskFact::InformationAsset,
                ],
                source: Source::defaulted(INFORM_ASSET_OWNER),
            },
            inform_data_protection: InformRule {
                when: vec![InformationRiskFact::PersonalData],
                source: Source::defaulted(INFORM_DATA_PROTECTION),
            },
            escalate_to_siro: ImpactThreshold {
                from_impact: Impact::High,
                source: Source::defaulted(ESCALATE_TO_SIRO),
            },
        },
        cases: case_rules(),
    }
}

/// A breach case's checks. The texts require investigation and a manager's
/// decision; they set no order or time for either, do not say what the record
/// of a decision holds, and do not say a recorded level must be reproduced, so
/// the order, the targets, the reason rule and the reproduction are defaults.
fn case_rules() -> CaseRules {
    CaseRules {
        investigation: Source::stated(
            "POLSBP002 (arrangements to ensure the effective identification and investigation of security breaches)",
        ),
        decision: Source::stated(
            "POLSBP003 (managers SHALL then decide whether to take disciplinary action)",
        ),
        recommendation: Source::defaulted(
            "POLSBP003 (the guidance SHALL define whether the breach constitutes a minor, a serious, or a gross misconduct), read as: a recommendation recorded under this policy and version is the level it gives the report; a default",
        ),
        sequence: Source::defaulted(
            "POLSBP002 (identification and investigation) and POLSBP003 (managers then decide), read as a case's order: the breach, its report, the investigation, the decision, the closure; a default",
        ),
        reason_required: ReasonRequired::Lower,
        departure_reason: Source::defaulted(
            "POLSBP003 (the manager decides, considering the damage, any intent and previous warnings), read as: a decision below the recommended level records the manager's reason; a default",
        ),
        investigation_start_days: 10,
        investigation_target: Source::defaulted(
            "POLSBP002 (effective investigation of security breaches); the texts set no time for an investigation to start: a default",
        ),
        decision_days: 60,
        decision_target: Source::defaulted(
            "POLSBP003 (managers decide); the texts set no time for the decision: a default",
        ),
    }
}

/// A previous warning raises the level a step (POLSBP003 names it as a factor);
/// a repeat alone moves the level only through the re-scored band, since the
/// matrix keeps a second instance of a 1 green.
const HISTORY_ESCALATION: &str = "POLSBP003 (whether a previous warning was given); a repeat alone adds no level, as the Security Breach Matrix keeps a second instance of a 1 green; domain-facts gap 10";

/// Cases the matrix gives no example of: the column shifts that reproduce its
/// examples, within the rolling 12 months it gives for a second occasion of 4.
const HISTORY_SCORE: &str = "Security Breach Matrix, worked examples (a repeat moves the care assessment one column, a previous warning two: they reproduce the matrix's repeats of a 1 and a 4 and its examples 2, 3 and 5); POLSBP006 (repeated behaviour); the 12-month window is the one the matrix gives for a second occasion of 4; domain-facts gap 10";

/// The matrix's own examples of repetition. A repeat reproduces the second 1
/// (green), the second 4 (red; example 5's 4 rising to 6) and example 2's
/// "continually responsible" (two earlier occasions, 1 to 3); example 3's clear
/// desk breach after informal discussions (1 to 5) needs the repeat and a
/// previous warning.
fn matrix_examples() -> Vec<MatrixExample> {
    let example =
        |scored, repeats, previous_warning, band, score, citation: &'static str| MatrixExample {
            scored,
            repeats,
            previous_warning,
            band,
            score,
            source: Source::stated(citation),
        };
    vec![
        example(1, 1, false, Band::Green, None, REPEAT_OF_ONE),
        example(4, 1, false, Band::Red, Some(6), REPEAT_OF_FOUR),
        example(1, 2, false, Band::Amber, Some(3), CONTINUALLY_RESPONSIBLE),
        example(1, 1, true, Band::Red, Some(5), AFTER_INFORMAL_DISCUSSIONS),
    ]
}

const REPEAT_OF_ONE: &str = "Security Breach Matrix, repetition: a second instance of an incident that scored 1 before is still green (the score of 2 is the configured column shift)";
const REPEAT_OF_FOUR: &str = "Security Breach Matrix, repetition: a second occasion of 4 within a rolling 12 month period is red; example 5: a SECRET cabinet left unsecured scores 4, rising to 6 if repeated";
const CONTINUALLY_RESPONSIBLE: &str = "Security Breach Matrix, example 2: an OFFICIAL document left on a printer scores 1, rising to 3 if the person is continually responsible (read as two earlier occasions)";
const AFTER_INFORMAL_DISCUSSIONS: &str = "Security Breach Matrix, example 3: a clear desk breach scores 1, rising to 5 when repeated after informal discussions (read as a repeat and a previous warning)";

/// Interim CONFIDENTIAL is scored as SECRET (Annex A), but the gross list names
/// SECRET, TOP SECRET and STRAP only: whether its minimum follows is a default.
const LEGACY_MINIMUM: &str = "Security Breach Matrix, Annex A (CONFIDENTIAL scored as SECRET); POLSBP006, gross misconduct list (names SECRET, TOP SECRET and STRAP, not CONFIDENTIAL); the gross minimum follows by default; domain-facts gap 13";

/// Kinds about passes, workstations, accounts and personal circumstances: none
/// of them is a breach of the security of material, whatever the marking of
/// what the pass or account protects.
const KINDS_WITHOUT_MATERIAL: [BreachKind; 8] = [
    BreachKind::LossOfPass,
    BreachKind::PassNotWorn,
    BreachKind::WorkstationLeftUnlocked,
    BreachKind::ChangeOfCircumstancesNotReported,
    BreachKind::PassMisuse,
    BreachKind::SensitiveAccessPassMisuse,
    BreachKind::PasswordOrAccountSharing,
    BreachKind::SignificantChangeOfCircumstancesNotReported,
];

/// The matrix asks for Security to be consulted on every band; only the split
/// into two strengths at amber is a reading of it, and the citations say so.
const CONSULT_ABOUT_CIRCUMSTANCES: &str = "Security Breach Matrix, green band (managers should still consult Security about the individual circumstances); the split into two strengths by band is an inference (domain-facts gap 11)";
const CONSULT_BEFORE_ACTING: &str = "Security Breach Matrix, amber band and above (consult Security before acting); the split into two strengths by band is an inference (domain-facts gap 11)";

/// The definition's examples that the lists also describe: the definition gives
/// no level, the lists do, and the same conduct should not get a lower answer
/// for being reported under the definition's words.
fn listed_examples() -> Vec<ListedExampleRule> {
    use BreachKind as K;
    [
        (
            K::SensitiveDataPassedWithoutAuthority,
            K::ClassifiedMaterialDisclosed,
            SAME_CONDUCT_DISCLOSURE,
        ),
        (
            K::SensitiveDataPassedWithoutAuthority,
            K::PersonalDataLossOrRelease,
            SAME_CONDUCT_PERSONAL_DATA,
        ),
        (
            K::SensitiveInformationNotProtected,
            K::OfficialDocumentsNotSecured,
            SAME_CONDUCT_NOT_SECURED,
        ),
        (
            K::SensitiveInformationNotProtected,
            K::OfficialMaterialLostThroughNegligence,
            SAME_CONDUCT_LOST,
        ),
        (
            K::ClearDeskFailure,
            K::OfficialDocumentsNotSecured,
            SAME_CONDUCT_CLEAR_DESK,
        ),
    ]
    .into_iter()
    .map(|(kind, listed, citation)| ListedExampleRule {
        kind,
        listed,
        source: Source::defaulted(citation),
    })
    .collect()
}

const SAME_CONDUCT_DISCLOSURE: &str = "Security Breach Policy, definition of a breach (passing on sensitive data to third parties without the proper authority) and POLSBP006, gross misconduct list (unauthorised disclosure of classified material to third parties): the same conduct; domain-facts §1.2";
const SAME_CONDUCT_PERSONAL_DATA: &str = "Security Breach Policy, definition of a breach (passing on sensitive data to third parties without the proper authority) and POLSBP006, serious misconduct list (unauthorised release of significant amounts of personal data): the same conduct; domain-facts §1.2";
const SAME_CONDUCT_NOT_SECURED: &str = "Security Breach Policy, definition of a breach (failing to protect sensitive information or assets) and POLSBP006, serious misconduct list (failure to secure documents classified at OFFICIAL level): the same conduct; domain-facts §1.2";
const SAME_CONDUCT_LOST: &str = "Security Breach Policy, definition of a breach (failing to protect sensitive information or assets) and POLSBP006, serious misconduct list (negligence leading to the loss of classified documents or assets at OFFICIAL level): the same conduct; domain-facts §1.2";
const SAME_CONDUCT_CLEAR_DESK: &str = "Security Breach Policy, definition of a breach (failing to comply with clear desk policies) and POLSBP006, serious misconduct list (failure to secure documents classified at OFFICIAL level): the same conduct; domain-facts §1.2";

/// The route table. The texts state four routes: the probation policy for
/// staff on probation and the disciplinary policy for all employees (POLSBP005),
/// HMPPS's policies (POLSBP003) and the contract for contractors (introduction).
/// POLSBP004 names ministers, special advisers, permanent secretaries and
/// judicial officers among those the procedures apply to, but no text says who
/// handles their breaches: those rows, agency staff and arm's-length bodies are
/// configurable defaults (domain-facts gap 18).
fn routes() -> Vec<RouteRule> {
    use PersonStatus as S;
    let row = |status: Option<PersonStatus>,
               organisation: Option<Organisation>,
               route: Route,
               label: &'static str,
               source: Source| RouteRule {
        status,
        organisation,
        route,
        label: Label::from_static(label),
        source,
    };
    vec![
        row(
            Some(S::Probationer),
            None,
            Route::ProbationPolicy,
            "deal with it under the probation policy, not the disciplinary policy",
            Source::stated("POLSBP005 (probation policy)"),
        ),
        row(
            Some(S::Contractor),
            None,
            Route::ContractManagement,
            "raise it with the contractor under the contract; the contract may be cancelled",
            Source::stated(
                "Security Breach Policy, introduction (failure of a contractor to comply might lead to the cancellation of a contract)",
            ),
        ),
        row(
            Some(S::AgencyStaff),
            None,
            Route::ContractManagement,
            "raise it with the employment agency under its contract; the contract may be cancelled",
            Source::defaulted(
                "Security Breach Policy, introduction (names contractors only; agency staff are treated alike); domain-facts gap 18",
            ),
        ),
        row(
            Some(S::Minister),
            None,
            Route::MinisterialCode,
            "refer it to the Prime Minister, who decides on a minister's conduct under the Ministerial Code",
            Source::defaulted(
                "POLSBP004 (procedures apply equally to ministers); no text routes their breaches; domain-facts gap 18",
            ),
        ),
        row(
            Some(S::SpecialAdviser),
            None,
            Route::SpecialAdviserCode,
            "refer it to the appointing minister, who is responsible for a special adviser's conduct under the Code of Conduct for Special Advisers",
            Source::defaulted(
                "POLSBP004 (procedures apply equally to special advisers); no text routes their breaches; domain-facts gap 18",
            ),
        ),
        row(
            Some(S::JudicialOfficer),
            None,
            Route::JudicialConduct,
            "refer it to the judicial conduct arrangements (the Judicial Conduct Investigations Office); the department does not discipline judicial office holders",
            Source::defaulted(
                "POLSBP004 (procedures apply equally to judicial officers); no text routes their breaches; domain-facts gap 18",
            ),
        ),
        row(
            Some(S::PermanentSecretary),
            None,
            Route::ResponsibleBodyReferral,
            "refer it to the Cabinet Secretary, as Head of the Civil Service, who is responsible for a permanent secretary's conduct",
            Source::defaulted(
                "POLSBP004 (procedures apply equally to permanent secretaries); no text routes their breaches; domain-facts gap 18",
            ),
        ),
        row(
            Some(S::Employee),
            Some(Organisation::Hmpps),
            Route::HmppsDisciplinaryPolicy,
            "decide on disciplinary action under HMPPS's own disciplinary policy",
            Source::stated("POLSBP003 (MoJ or HMPPS policies)"),
        ),
        row(
            Some(S::Employee),
            Some(Organisation::Moj),
            Route::MojDisciplinaryPolicy,
            "decide on disciplinary action under the MoJ Disciplinary Policy",
            Source::stated(
                "POLSBP005 (the disciplinary policy applies to all employees); POLSBP003 (MoJ policies)",
            ),
        ),
        row(
            Some(S::Employee),
            Some(Organisation::OtherAgency),
            Route::ArmsLengthBodyArrangements,
            "decide on action under the agency's or arm's-length body's own disciplinary arrangements",
            Source::defaulted(
                "Security Breach Policy, scope (each agency and business area develops its arrangements); POLSBP003 names MoJ or HMPPS policies only; domain-facts gap 18",
            ),
        ),
        row(
            Some(S::Other),
            None,
            Route::ResponsibleBodyReferral,
            "refer it to the organisation that employs or engages the person, which is responsible for their conduct",
            Source::defaulted(
                "POLSBP004 (procedures apply equally to other staff); no text routes their breaches; domain-facts gap 18",
            ),
        ),
    ]
}

fn kind_rule(kind: BreachKind) -> KindRule {
    let list = kind.policy_list();
    let (floor, source) = match list {
        PolicyList::Minor => (
            Level::Minor,
            Source::stated("POLSBP006, minor misconduct list"),
        ),
        PolicyList::Serious => (
            Level::Serious,
            Source::stated("POLSBP006, serious misconduct list"),
        ),
        PolicyList::Gross => (
            Level::Gross,
            Source::stated("POLSBP006, gross misconduct list"),
        ),
        PolicyList::Definition => (
            Level::Minor,
            Source::defaulted(
                "Security Breach Policy, definition of a breach (no level); POLSBP003",
            ),
        ),
        PolicyList::Unlisted => (
            Level::Minor,
            Source::defaulted("POLSBP006 (list not exhaustive); POLSBP003"),
        ),
    };
    KindRule {
        kind,
        floor,
        list,
        description: kind.policy_wording().into(),
        criminal_act: kind == BreachKind::CriminalAct,
        personal_data: kind == BreachKind::PersonalDataLossOrRelease,
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
            source: Source::defaulted("Security Breach Matrix, green band (probably doesn't need formal action); the level minor is a configurable default, since every breach is misconduct (POLSBP003); domain-facts gap 11"),
        },
        BandRule {
            band: Band::Amber,
            min_score: 3,
            max_score: 4,
            level: Level::Minor,
            guidance: "could be considered as minor misconduct; consult Security before acting".into(),
            source: Source::stated("Security Breach Matrix, amber band (could be considered as minor misconduct)"),
        },
        BandRule {
            band: Band::Red,
            min_score: 5,
            max_score: 8,
            level: Level::Serious,
            guidance: "case by case, but formal action through HR is highly likely".into(),
            source: Source::defaulted("Security Breach Matrix, red band (highly likely that formal action through HR will be taken); the level serious is a configurable default; domain-facts gap 11"),
        },
        BandRule {
            band: Band::Black,
            min_score: 9,
            max_score: 12,
            level: Level::Gross,
            guidance: "as red; STRAP breaches must be reported to STRAPSO and the police may be involved".into(),
            source: Source::defaulted("Security Breach Matrix, black band (as red; the police may also be involved); the level gross is a configurable default; domain-facts gap 11"),
        },
    ]
}

fn legacy_rule(marking: LegacyMarking) -> LegacyRule {
    match marking {
        LegacyMarking::Confidential => LegacyRule {
            marking,
            scored_as: Classification::Secret,
            source: Source::stated(
                "Security Breach Matrix, Annex A (CONFIDENTIAL scored as SECRET)",
            ),
        },
        LegacyMarking::Unclassified | LegacyMarking::Protect | LegacyMarking::Restricted => {
            LegacyRule {
                marking,
                scored_as: Classification::Official,
                source: Source::stated(
                    "Government Classification Scheme (up to RESTRICTED becomes OFFICIAL)",
                ),
            }
        }
    }
}
