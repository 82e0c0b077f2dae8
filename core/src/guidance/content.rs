//! What the guidance says, section by section, read from the policy document.
//! Every value shown is the document's, and every rule cites the document's
//! source for it; nothing here restates the MoJ default.

use crate::marking::Classification;
use crate::policy::{
    BandThreshold, BreachRules, CounterTerrorismRules, InformRule, InformationRiskFact, KindRule,
    MatrixExample, Policy, RepeatScope,
};
use crate::reason::Source;
use crate::vocabulary::{
    Band, BreachKind, Care, Impact, Level, MatrixRow, Organisation, PersonStatus, PolicyList,
    ResponseLevel, SiteTier, ThreatLevel,
};

use super::choices::{own_choices, variations};
use super::{Block, Cited, Row, Section, Table, long_date, source_label};

/// Every section of the guidance, in reading order.
pub(super) fn sections(policy: &Policy) -> Vec<Section> {
    let breach = &policy.breach;
    vec![
        about(policy),
        what_counts(breach),
        listed_examples(breach),
        matrix(breach),
        bands(breach),
        escalation(breach),
        routes(breach),
        flags(breach),
        counter_terrorism(&policy.counter_terrorism),
        own_choices(policy),
        variations(policy),
    ]
}

/// A level as the policy names it: "minor misconduct".
pub(super) fn level_words(level: Level) -> String {
    format!("{} misconduct", level.as_str())
}

fn section(id: &str, heading: &str, blocks: Vec<Block>) -> Section {
    Section {
        id: id.into(),
        heading: heading.into(),
        blocks,
    }
}

fn paragraph(text: impl Into<String>) -> Block {
    Block::Paragraph(Cited::plain(text))
}

fn cited(text: impl Into<String>, source: &Source) -> Block {
    Block::Paragraph(Cited::sourced(text, source))
}

fn subheading(text: &str) -> Block {
    Block::Subheading(text.into())
}

fn plural(count: u32, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn about(policy: &Policy) -> Section {
    let flags = &policy.breach.flags;
    section(
        "about",
        "About this guidance",
        vec![
            paragraph(format!(
                "This guidance is generated from the policy document “{}” (`{}`, version {}), which applies from {}. It tells managers and all employees which security breaches are minor, serious or gross misconduct, and how a breach is assessed.",
                policy.title,
                policy.id,
                policy.version,
                long_date(policy.effective_date)
            )),
            paragraph(
                "Every rule names the clause it comes from and its authority: a policy statement is the Ministry of Justice's own text; a configurable default is a value the texts leave open, which your organisation may choose; an agency variation is a statement your Accounting Officer agreed to vary.",
            ),
            cited(
                "A breach of security responsibilities is a form of misconduct. The levels in this guidance are recommendations: managers decide whether to take disciplinary action, considering the damage or potential damage of the breach, any level of intent (including decisions to ignore a problem or to leak sensitive information deliberately), and whether a previous warning was given.",
                &flags.manager_decision,
            ),
        ],
    )
}

fn kind_note(rule: &KindRule) -> String {
    let mut notes = Vec::new();
    if rule.criminal_act {
        notes.push("a criminal act: the police may be involved".to_owned());
    }
    if rule.personal_data {
        notes.push("involves personal data".to_owned());
    }
    if rule.requires_security_clearance {
        notes.push("applies to security-cleared personnel only".to_owned());
    }
    if let Some(classification) = rule.minimum_classification {
        notes.push(format!(
            "involves material marked {} or above",
            classification.label()
        ));
    }
    if notes.is_empty() {
        String::new()
    } else {
        format!(" ({})", notes.join("; "))
    }
}

/// A kind's line: its wording, its level and (through the item's source) its
/// clause.
fn kind_item(rule: &KindRule, level_name: &str) -> Cited {
    Cited::sourced(
        format!(
            "{}{} {level_name}: {}.",
            rule.description,
            kind_note(rule),
            level_words(rule.floor)
        ),
        &rule.source,
    )
}

fn kinds_in(breach: &BreachRules, list: PolicyList) -> impl Iterator<Item = &KindRule> {
    breach.kinds.iter().filter(move |rule| rule.list == list)
}

fn what_counts(breach: &BreachRules) -> Section {
    let mut blocks = vec![paragraph(
        "All employees, including contractors and agency staff, must observe security policies (POLSBP001). A security breach is any violation of these responsibilities. It includes, for example:",
    )];
    blocks.push(Block::List(
        kinds_in(breach, PolicyList::Definition)
            .map(|rule| kind_item(rule, "At least"))
            .collect(),
    ));
    blocks.push(paragraph(
        "This list is not comprehensive. Behaviour the policy's lists do not name is assessed as follows:",
    ));
    blocks.push(Block::List(
        kinds_in(breach, PolicyList::Unlisted)
            .map(|rule| kind_item(rule, "At least"))
            .collect(),
    ));
    section("what-counts", "What counts as a security breach", blocks)
}

fn listed_examples(breach: &BreachRules) -> Section {
    let mut blocks = vec![paragraph(
        "The policy gives examples of security breaches and the level of misconduct each is (POLSBP006). The lists are not exhaustive and are for general guidance only; each case is judged on its circumstances, particularly where the behaviour is repeated or deliberate. The level given here is the least the assessment recommends for the example.",
    )];
    for (list, heading) in [
        (PolicyList::Minor, "Minor misconduct"),
        (PolicyList::Serious, "Serious misconduct"),
        (PolicyList::Gross, "Gross misconduct"),
    ] {
        blocks.push(subheading(heading));
        blocks.push(Block::List(
            kinds_in(breach, list)
                .map(|rule| kind_item(rule, "Level"))
                .collect(),
        ));
    }
    if !breach.listed_examples.is_empty() {
        blocks.push(subheading("The same conduct under other words"));
        blocks.push(paragraph(
            "Some of the definition's examples describe the same conduct as a listed example. Where they do, the assessment names the listed example and its level:",
        ));
        blocks.push(Block::List(
            breach
                .listed_examples
                .iter()
                .map(|pair| {
                    Cited::sourced(
                        format!(
                            "“{}” can be “{}” ({}).",
                            trimmed(wording(breach, pair.kind)),
                            trimmed(wording(breach, pair.listed)),
                            level_words(floor(breach, pair.listed))
                        ),
                        &pair.source,
                    )
                })
                .collect(),
        ));
    }
    section(
        "listed-examples",
        "Listed examples and their levels",
        blocks,
    )
}

fn wording(breach: &BreachRules, kind: BreachKind) -> &str {
    breach
        .kinds
        .iter()
        .find(|rule| rule.kind == kind)
        .map_or(kind.as_str(), |rule| rule.description.as_str())
}

fn floor(breach: &BreachRules, kind: BreachKind) -> Level {
    breach
        .kinds
        .iter()
        .find(|rule| rule.kind == kind)
        .map_or(Level::Minor, |rule| rule.floor)
}

fn trimmed(text: &str) -> &str {
    text.trim_end_matches('.')
}

fn matrix(breach: &BreachRules) -> Section {
    let grid = &breach.matrix;
    let mut columns = vec!["Marking".to_owned()];
    columns.extend(
        Care::ALL
            .iter()
            .map(|care| format!("{}: {}", care.column(), care.label())),
    );
    let rows = [
        (MatrixRow::Official, grid.official),
        (MatrixRow::Secret, grid.secret),
        (MatrixRow::TopSecretAndStrap, grid.top_secret_and_strap),
    ]
    .into_iter()
    .map(|(row, scores)| Row {
        heading: row.label().into(),
        cells: scores.iter().map(u8::to_string).collect(),
    })
    .collect();
    let markings = &breach.markings;
    let mut marking_items = vec![Cited::sourced(
        format!(
            "A report that names no marked material is scored on the {} row.",
            row_label(markings.unmarked.scored_as)
        ),
        &markings.unmarked.source,
    )];
    marking_items.extend(markings.legacy.iter().map(|rule| {
        Cited::sourced(
            format!(
                "The legacy marking {} is scored on the {} row.",
                rule.marking.label(),
                row_label(rule.scored_as)
            ),
            &rule.source,
        )
    }));
    marking_items.push(Cited::sourced(
        if markings.sensitive_uplift.points == 0 {
            "The SENSITIVE caveat adds nothing to an OFFICIAL score.".to_owned()
        } else {
            format!(
                "The SENSITIVE caveat adds {} to an OFFICIAL score.",
                plural(
                    u32::from(markings.sensitive_uplift.points),
                    "point",
                    "points"
                )
            )
        },
        &markings.sensitive_uplift.source,
    ));
    section(
        "matrix",
        "The Security Breach Matrix",
        vec![
            cited(
                "A breach is scored on the Security Breach Matrix: the row is the marking of the material involved, the column the degree of care shown. The score's band indicates the level of misconduct.",
                &grid.source,
            ),
            Block::Table(Table {
                caption: "Scores by marking and care shown".into(),
                columns,
                rows,
            }),
            subheading("How markings are scored"),
            Block::List(marking_items),
        ],
    )
}

fn row_label(classification: Classification) -> &'static str {
    match classification {
        Classification::Official => MatrixRow::Official.label(),
        Classification::Secret => MatrixRow::Secret.label(),
        Classification::TopSecret => MatrixRow::TopSecretAndStrap.label(),
    }
}

pub(super) fn band_name(band: Band) -> String {
    capitalised(band.as_str())
}

fn bands(breach: &BreachRules) -> Section {
    let rows = breach
        .bands
        .iter()
        .map(|band| Row {
            heading: band_name(band.band),
            cells: vec![
                format!("{} to {}", band.min_score, band.max_score),
                level_words(band.level),
                capitalised(&band.guidance),
                source_label(&band.source),
            ],
        })
        .collect();
    section(
        "bands",
        "Score bands and levels",
        vec![
            paragraph(
                "Each band of scores indicates a level of misconduct. Where a listed example or another rule gives a higher level, the higher level is recommended.",
            ),
            Block::Table(Table {
                caption: "The matrix's bands".into(),
                columns: vec![
                    "Band".into(),
                    "Scores".into(),
                    "Level".into(),
                    "What the matrix says".into(),
                    "Clause".into(),
                ],
                rows,
            }),
        ],
    )
}

fn steps(count: u8) -> String {
    match count {
        0 => "does not raise the level by itself".to_owned(),
        1 => "raises the level one step".to_owned(),
        n => format!("raises the level {n} steps"),
    }
}

fn matrix_example_item(example: &MatrixExample) -> Cited {
    let times = match example.repeats {
        1 => "once".to_owned(),
        2 => "twice".to_owned(),
        n => format!("{n} times"),
    };
    let history = match (example.repeats, example.previous_warning) {
        (0, true) => "after a previous warning".to_owned(),
        (_, false) => format!("repeated {times}"),
        (_, true) => format!("repeated {times} after a previous warning"),
    };
    let score = example
        .score
        .map_or_else(String::new, |score| format!(", scoring {score}"));
    Cited::sourced(
        format!(
            "A breach that scored {}, {history}, is {}{score}.",
            example.scored,
            example.band.as_str()
        ),
        &example.source,
    )
}

fn escalation(breach: &BreachRules) -> Section {
    let history = &breach.history;
    let scope = match history.repeat_scope {
        RepeatScope::SameKind => "of the same kind",
        RepeatScope::AnyKind => "of any kind",
    };
    let mut blocks = vec![
        subheading("Repeats and previous warnings"),
        Block::List(vec![
            Cited::sourced(
                format!(
                    "An earlier breach {scope} by the same person within {} is a repeat.",
                    plural(history.window_months, "month", "months")
                ),
                &history.score_source,
            ),
            Cited::sourced(
                format!(
                    "Each repeat moves the assessment of care {} to the right, and a previous warning {}; the breach is then scored again on the matrix.",
                    plural(
                        u32::from(history.care_columns_per_repeat),
                        "column",
                        "columns"
                    ),
                    plural(
                        u32::from(history.care_columns_for_warning),
                        "column",
                        "columns"
                    )
                ),
                &history.score_source,
            ),
            Cited::sourced(
                format!(
                    "Beyond the new score, a repeat {}, and a previous warning {}; with both, the larger applies, once.",
                    steps(history.repeat_level_steps),
                    steps(history.warning_level_steps)
                ),
                &history.escalation_source,
            ),
        ]),
    ];
    if !history.matrix_examples.is_empty() {
        blocks.push(paragraph("The matrix's own examples of repetition:"));
        blocks.push(Block::List(
            history
                .matrix_examples
                .iter()
                .map(matrix_example_item)
                .collect(),
        ));
    }
    blocks.push(subheading("Intent and care"));
    let classified = &breach.classified_material;
    let without: Vec<String> = classified
        .kinds_without_material
        .kinds
        .iter()
        .map(|&kind| format!("“{}”", trimmed(wording(breach, kind))))
        .collect();
    let mut items = vec![
        Cited::sourced(
            format!(
                "Where the care shown is “{}” (column 4), the recommendation is at least {}.",
                Care::Deliberate.label(),
                level_words(breach.deliberate_intent.minimum)
            ),
            &breach.deliberate_intent.source,
        ),
        Cited::sourced(
            format!(
                "Where a breach involves SECRET, TOP SECRET or STRAP material, the recommendation is at least {}.",
                level_words(classified.minimum)
            ),
            &classified.source,
        ),
    ];
    if !without.is_empty() {
        items.push(Cited::sourced(
            format!(
                "That minimum does not apply to breaches that involve no material, whatever the marking reported with them: {}.",
                without.join(", ")
            ),
            &classified.kinds_without_material.source,
        ));
    }
    items.push(Cited::sourced(
        "Where the matrix's band indicates a lower level than that minimum, the assessment shows both and the minimum prevails, for the manager to decide.",
        &classified.against_matrix,
    ));
    items.push(Cited::sourced(
        if classified.legacy_markings.minimum_applies {
            "The minimum also applies to a legacy marking scored as SECRET or above (CONFIDENTIAL)."
        } else {
            "The minimum does not apply to a legacy marking scored as SECRET or above (CONFIDENTIAL): it is scored on the matrix only."
        },
        &classified.legacy_markings.source,
    ));
    blocks.push(Block::List(items));
    blocks.push(subheading("Damage"));
    let damage = &breach.damage;
    blocks.push(Block::List(vec![Cited::sourced(
        format!(
            "Potential damage {}; actual damage {}. Damage is always a factor for the manager's decision.",
            steps(damage.potential_steps),
            steps(damage.actual_steps)
        ),
        &damage.source,
    )]));
    section(
        "escalation",
        "How repeats, warnings and intent raise the level",
        blocks,
    )
}

fn status_words(status: Option<PersonStatus>) -> &'static str {
    match status {
        None => "Anyone",
        Some(PersonStatus::Employee) => "Employees",
        Some(PersonStatus::Probationer) => "Staff on probation",
        Some(PersonStatus::Contractor) => "Contractors",
        Some(PersonStatus::AgencyStaff) => "Agency staff",
        Some(PersonStatus::Minister) => "Ministers",
        Some(PersonStatus::SpecialAdviser) => "Special advisers",
        Some(PersonStatus::PermanentSecretary) => "Permanent secretaries",
        Some(PersonStatus::JudicialOfficer) => "Judicial officers",
        Some(PersonStatus::Other) => "Anyone else who works in the department",
    }
}

fn organisation_words(organisation: Option<Organisation>) -> &'static str {
    match organisation {
        None => "Any",
        Some(Organisation::Moj) => "The Ministry of Justice",
        Some(Organisation::Hmpps) => "HM Prison and Probation Service",
        Some(Organisation::OtherAgency) => "Another agency or arm's-length body",
    }
}

fn routes(breach: &BreachRules) -> Section {
    let rows = breach
        .routes
        .iter()
        .map(|row| Row {
            heading: status_words(row.status).into(),
            cells: vec![
                organisation_words(row.organisation).into(),
                capitalised(row.label.as_str()),
                source_label(&row.source),
            ],
        })
        .collect();
    section(
        "routes",
        "Who deals with a breach",
        vec![
            paragraph(
                "The procedure depends on who committed the breach and where they work. The first row that describes the person applies.",
            ),
            Block::Table(Table {
                caption: "Routes by person".into(),
                columns: vec![
                    "Person".into(),
                    "Organisation".into(),
                    "What to do".into(),
                    "Clause".into(),
                ],
                rows,
            }),
        ],
    )
}

fn from_band(text: &str, threshold: &BandThreshold) -> Cited {
    let band = threshold.from_band;
    let reach = if band == Band::Green {
        "in every band".to_owned()
    } else {
        format!("from the {} band up", band.as_str())
    };
    Cited::sourced(format!("{text} {reach}."), &threshold.source)
}

fn inform(who: &str, rule: &InformRule) -> Cited {
    let facts: Vec<&str> = rule
        .when
        .iter()
        .map(|fact| match fact {
            InformationRiskFact::PersonalData => "personal data",
            InformationRiskFact::InformationAsset => "an information asset with an owner",
        })
        .collect();
    let text = if facts.is_empty() {
        format!("{who} is not told of breaches by this guidance.")
    } else {
        format!(
            "Tell {who} when the breach involves {}.",
            facts.join(" or ")
        )
    };
    Cited::sourced(text, &rule.source)
}

fn impact_words(impact: Impact) -> &'static str {
    impact.as_str()
}

fn flags(breach: &BreachRules) -> Section {
    let flags = &breach.flags;
    let cases = &breach.cases;
    let reason = match cases.reason_required {
        crate::policy::ReasonRequired::Lower => {
            "A decision below the recommended level records the manager's reason."
        }
        crate::policy::ReasonRequired::AnyDeparture => {
            "A decision at any level other than the recommended one records the manager's reason."
        }
    };
    section(
        "flags",
        "What happens with every breach",
        vec![
            Block::List(vec![
                Cited::sourced(
                    "Record every breach centrally as a security incident, so trends are identified.",
                    &flags.record_centrally,
                ),
                Cited::sourced("A breach notice may be issued.", &flags.breach_notice),
                from_band(
                    "Consult MoJ Security about the individual circumstances",
                    &flags.consult_security.about_circumstances,
                ),
                from_band(
                    "Consult MoJ Security before acting",
                    &flags.consult_security.before_acting,
                ),
                Cited::sourced(
                    "Report a breach involving STRAP material to STRAPSO.",
                    &flags.report_to_strapso,
                ),
                from_band(
                    "The police may be involved for a criminal act, and",
                    &flags.police_may_be_involved,
                ),
                Cited::sourced(
                    "The manager decides whether to take disciplinary action.",
                    &flags.manager_decision,
                ),
                inform("the Information Asset Owner", &flags.inform_asset_owner),
                inform("the data protection team", &flags.inform_data_protection),
                Cited::sourced(
                    format!(
                        "Escalate to the Senior Information Risk Owner (SIRO) a breach of {} impact or above.",
                        impact_words(flags.escalate_to_siro.from_impact)
                    ),
                    &flags.escalate_to_siro.source,
                ),
            ]),
            subheading("Breach cases"),
            Block::List(vec![
                Cited::sourced(
                    "Every breach is investigated before the manager decides.",
                    &cases.investigation,
                ),
                Cited::sourced(
                    format!(
                        "Start the investigation within {} of the report.",
                        plural(cases.investigation_start_days, "day", "days")
                    ),
                    &cases.investigation_target,
                ),
                Cited::sourced(
                    format!(
                        "Record the manager's decision within {} of the report.",
                        plural(cases.decision_days, "day", "days")
                    ),
                    &cases.decision_target,
                ),
                Cited::sourced(reason, &cases.departure_reason),
                Cited::sourced("A case is closed on a recorded decision.", &cases.decision),
            ]),
        ],
    )
}

fn tier_words(tier: SiteTier) -> String {
    tier.as_str().to_uppercase()
}

fn threat_words(threat: ThreatLevel) -> String {
    threat.as_str().to_uppercase()
}

fn response_words(level: ResponseLevel) -> String {
    capitalised(level.as_str())
}

fn schedule_row(what: &str, period: String, source: &Source) -> Row {
    Row {
        heading: what.into(),
        cells: vec![period, source_label(source)],
    }
}

fn counter_terrorism(ct: &CounterTerrorismRules) -> Section {
    let threat_rows = ct
        .threat_levels
        .iter()
        .map(|rule| Row {
            heading: threat_words(rule.threat_level),
            cells: vec![
                rule.definition.clone(),
                response_words(rule.response_level),
                source_label(&rule.source),
            ],
        })
        .collect();
    let obligations = &ct.obligations;
    let mut duties = vec![
        Cited::sourced(
            "Every site has a local counter-terrorist plan.",
            &obligations.ct_plan,
        ),
        Cited::sourced(
            "The plan varies its operational controls by response level.",
            &obligations.plan_varies_by_response_level,
        ),
    ];
    duties.extend(obligations.threat_assessment.iter().map(|rule| {
        Cited::sourced(
            format!(
                "{} risk sites {} document their threat assessment and its mitigation.",
                tier_words(rule.tier),
                if rule.required { "must" } else { "need not" }
            ),
            &rule.source,
        )
    }));
    duties.extend([
        Cited::sourced(
            "A site may raise its response level above the national one.",
            &ct.overrides.upward,
        ),
        Cited::sourced(
            "A site may lower its response level below the national one only with a recorded approval (who, when and why).",
            &ct.overrides.downward,
        ),
        Cited::sourced(
            "Every site has emergency response arrangements.",
            &ct.emergency_arrangements.required,
        ),
        Cited::sourced(
            "The arrangements are normally part of the site's fire and incident control and business continuity arrangements.",
            &ct.emergency_arrangements.incorporated,
        ),
        Cited::sourced(
            "The arrangements include liaising with the emergency services and communicating with staff.",
            &ct.emergency_arrangements.contents,
        ),
        Cited::sourced(
            "A local risk assessment has regard to the impact on the business or site, informed by the threat, its likelihood and the site's vulnerability.",
            &ct.risk_assessment_content.regard,
        ),
        Cited::sourced(
            "It considers terrorist and other threats.",
            &ct.risk_assessment_content.threats,
        ),
        Cited::sourced(
            "It names who is responsible for the baseline measures, crisis management and business continuity.",
            &ct.risk_assessment_content.responsibility,
        ),
        Cited::sourced(
            "Security officers check the controls in place at a site against the baseline the control matrix sets.",
            &ct.baseline.checking,
        ),
        Cited::sourced(
            "The Departmental Security Officer tells business areas, through their security officers, of changes in the threat and response levels.",
            &ct.threat_change.communication,
        ),
        Cited::sourced(
            "The Departmental Security Officer advises the Permanent Secretary of the actions taken when the response level changes.",
            &ct.threat_change.advice,
        ),
        Cited::sourced(
            "Compliance is checked, and assurance given to the Executive Management Board and the Permanent Secretary.",
            &ct.assurance.board,
        ),
        Cited::sourced(
            "The annual Governance Statement covers that assurance.",
            &ct.assurance.governance_statement,
        ),
        Cited::sourced(
            "An incident is co-ordinated by the affected business area's own emergency response arrangements.",
            &ct.coordination.local,
        ),
        Cited::sourced(
            "Corporate business continuity co-ordinates an incident that affects more than one business area.",
            &ct.coordination.corporate_business_continuity,
        ),
        Cited::sourced(
            "A Strategic Co-ordination Group (Gold) may co-ordinate an incident that significantly affects courts, tribunals or prisons.",
            &ct.coordination.strategic_coordination_group,
        ),
    ]);
    let mut schedule = vec![
        schedule_row(
            "Review of the EXCEPTIONAL response level",
            format!(
                "every {}",
                plural(ct.exceptional_review.days, "day", "days")
            ),
            &ct.exceptional_review.source,
        ),
        schedule_row(
            "Re-assessment of a site's tier",
            format!(
                "every {}",
                plural(ct.tier_reassessment.months, "month", "months")
            ),
            &ct.tier_reassessment.source,
        ),
        schedule_row(
            "Physical-security risk assessment",
            format!(
                "every {}",
                plural(ct.risk_assessment.months, "month", "months")
            ),
            &ct.risk_assessment.source,
        ),
    ];
    schedule.extend(ct.ct_plan_tests.iter().map(|test| {
        schedule_row(
            &format!("Test of the CT plan, {} risk sites", tier_words(test.tier)),
            if test.due_after_months == test.overdue_after_months {
                format!("every {}", plural(test.due_after_months, "month", "months"))
            } else {
                format!(
                    "due after {}, overdue after {}",
                    plural(test.due_after_months, "month", "months"),
                    plural(test.overdue_after_months, "month", "months")
                )
            },
            &test.source,
        )
    }));
    schedule.extend([
        schedule_row(
            "Verification of the controls in place",
            format!(
                "within {}",
                plural(ct.baseline.verified_within_months, "month", "months")
            ),
            &ct.baseline.verification,
        ),
        schedule_row(
            "Rehearsal of the emergency arrangements",
            format!(
                "every {}",
                plural(
                    ct.emergency_arrangements.rehearsal_months,
                    "month",
                    "months"
                )
            ),
            &ct.emergency_arrangements.rehearsal,
        ),
        schedule_row(
            "Warning before something falls due",
            plural(ct.due_soon.days, "day", "days"),
            &ct.due_soon.source,
        ),
    ]);
    let control_names = |ids: &[String]| -> String {
        if ids.is_empty() {
            return "none".to_owned();
        }
        ids.iter()
            .map(|id| {
                ct.controls
                    .iter()
                    .find(|control| &control.id == id)
                    .map_or_else(|| id.clone(), |control| control.name.clone())
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let control_rows = SiteTier::ALL
        .iter()
        .flat_map(|&tier| {
            ResponseLevel::ALL.iter().filter_map(move |&level| {
                ct.control_matrix
                    .cells
                    .iter()
                    .find(|cell| cell.tier == tier && cell.response_level == level)
                    .map(|cell| (tier, level, cell))
            })
        })
        .map(|(tier, level, cell)| Row {
            heading: format!("{} risk, {}", tier_words(tier), response_words(level)),
            cells: vec![
                control_names(&cell.required),
                control_names(&cell.recommended),
            ],
        })
        .collect();
    let matrix_note = if ct.control_matrix.illustrative {
        "The control matrix is illustrative: the texts give no such matrix, and your organisation sets its own."
    } else {
        "The controls each tier and response level calls for:"
    };
    section(
        "counter-terrorism",
        "Counter-terrorism obligations and schedules",
        vec![
            subheading("Threat and response levels"),
            Block::Table(Table {
                caption: "National threat levels and the response level each maps to".into(),
                columns: vec![
                    "Threat level".into(),
                    "Definition".into(),
                    "Response level".into(),
                    "Clause".into(),
                ],
                rows: threat_rows,
            }),
            subheading("What every site must do"),
            Block::List(duties),
            subheading("Schedules"),
            Block::Table(Table {
                caption: "How often each obligation falls due".into(),
                columns: vec!["Obligation".into(), "When".into(), "Clause".into()],
                rows: schedule,
            }),
            subheading("Protective controls"),
            cited(matrix_note, &ct.control_matrix.source),
            Block::Table(Table {
                caption: "Controls by site tier and response level".into(),
                columns: vec![
                    "Tier and response level".into(),
                    "Required".into(),
                    "Recommended".into(),
                ],
                rows: control_rows,
            }),
        ],
    )
}
