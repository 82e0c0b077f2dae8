//! Validation of the breach section: every kind once, a monotone matrix, bands
//! covering scores 1 to 12 exactly once, conversions and routes complete.

use crate::codec::Pointer;
use crate::error::ErrorCode;
use crate::marking::LegacyMarking;
use crate::policy::validate::Checker;
use crate::policy::{CaseRules, Policy};
use crate::vocabulary::{Band, BreachKind, Organisation, PersonStatus, PolicyList};

/// Checks the breach section.
pub(crate) fn validate(check: &mut Checker, policy: &Policy, at: &Pointer) {
    let rules = &policy.breach;
    kinds(check, policy, &at.key("kinds"));
    matrix(check, policy, &at.key("matrix"));
    bands(check, policy, &at.key("bands"));
    markings(check, policy, &at.key("markings"));

    let history = &rules.history;
    let hp = at.key("history");
    if history.window_months == 0 {
        check.fail(
            ErrorCode::PolicyInvalidValue,
            &hp.key("windowMonths"),
            "the repeat window must be at least 1 month".into(),
        );
    }
    check.at_most(
        history.window_months,
        120,
        &hp.key("windowMonths"),
        "the repeat window in months",
    );
    check.at_most(
        history.repeat_level_steps.into(),
        2,
        &hp.key("repeatLevelSteps"),
        "the escalation for a repeat",
    );
    check.at_most(
        history.warning_level_steps.into(),
        2,
        &hp.key("warningLevelSteps"),
        "the escalation for a previous warning",
    );
    check.at_most(
        history.care_columns_per_repeat.into(),
        3,
        &hp.key("careColumnsPerRepeat"),
        "the care columns per repeat",
    );
    check.at_most(
        history.care_columns_for_warning.into(),
        3,
        &hp.key("careColumnsForWarning"),
        "the care columns for a warning",
    );
    check.source(&history.escalation_source, &hp.key("escalationSource"));
    check.source(&history.score_source, &hp.key("scoreSource"));
    matrix_examples(check, policy, &hp.key("matrixExamples"));

    check.source(
        &rules.deliberate_intent.source,
        &at.key("deliberateIntent").key("source"),
    );
    classified_material(check, policy, &at.key("classifiedMaterial"));

    let damage = &rules.damage;
    let dp = at.key("damage");
    check.at_most(
        damage.actual_steps.into(),
        2,
        &dp.key("actualSteps"),
        "the actual damage escalation",
    );
    if damage.potential_steps > damage.actual_steps {
        check.fail(
            ErrorCode::PolicyNotMonotone,
            &dp.key("potentialSteps"),
            format!(
                "potential damage adds {} level(s) but actual damage only {}; actual damage must add at least as much",
                damage.potential_steps, damage.actual_steps
            ),
        );
    }
    check.source(&damage.source, &dp.key("source"));

    listed_examples(check, policy, &at.key("listedExamples"));
    routes(check, policy, &at.key("routes"));

    let flags = &rules.flags;
    let fp = at.key("flags");
    check.source(&flags.record_centrally, &fp.key("recordCentrally"));
    check.source(&flags.breach_notice, &fp.key("breachNotice"));
    consult_security(check, policy, &fp.key("consultSecurity"));
    check.source(&flags.report_to_strapso, &fp.key("reportToStrapso"));
    check.source(
        &flags.police_may_be_involved.source,
        &fp.key("policeMayBeInvolved").key("source"),
    );
    check.source(&flags.manager_decision, &fp.key("managerDecision"));
    for (rule, field) in [
        (&flags.inform_asset_owner, "informAssetOwner"),
        (&flags.inform_data_protection, "informDataProtection"),
    ] {
        let at = fp.key(field);
        check.source(&rule.source, &at.key("source"));
        for (i, fact) in rule.when.iter().enumerate() {
            if rule.when.iter().take(i).any(|earlier| earlier == fact) {
                check.fail(
                    ErrorCode::PolicyDuplicateEntry,
                    &at.key("when").index(i),
                    format!("`{}` is listed more than once", fact.as_str()),
                );
            }
        }
    }
    check.source(
        &flags.escalate_to_siro.source,
        &fp.key("escalateToSiro").key("source"),
    );

    cases(check, &rules.cases, &at.key("cases"));
}

/// A case's rules: every source cited, and targets a case can meet (an
/// investigation starts no later than the decision it leads to is due).
fn cases(check: &mut Checker, rules: &CaseRules, at: &Pointer) {
    for (field, source) in [
        ("investigation", &rules.investigation),
        ("decision", &rules.decision),
        ("recommendation", &rules.recommendation),
        ("sequence", &rules.sequence),
        ("departureReason", &rules.departure_reason),
        ("investigationTarget", &rules.investigation_target),
        ("decisionTarget", &rules.decision_target),
    ] {
        check.source(source, &at.key(field));
    }
    if !(1..=366).contains(&rules.investigation_start_days) {
        check.fail(
            ErrorCode::PolicyInvalidValue,
            &at.key("investigationStartDays"),
            format!(
                "{} days is outside 1 to 366",
                rules.investigation_start_days
            ),
        );
    }
    check.at_most(
        rules.decision_days,
        3660,
        &at.key("decisionDays"),
        "the days to a decision",
    );
    if rules.decision_days < rules.investigation_start_days {
        check.fail(
            ErrorCode::PolicyInvalidValue,
            &at.key("decisionDays"),
            format!(
                "a decision is due {} days after the report, before the investigation is due to start ({} days); it must be no sooner",
                rules.decision_days, rules.investigation_start_days
            ),
        );
    }
}

/// The matrix's examples: scores within 1 to 12, each case once, and each with
/// some history (a repeat or a warning).
fn matrix_examples(check: &mut Checker, policy: &Policy, at: &Pointer) {
    let examples = &policy.breach.history.matrix_examples;
    // The cases seen so far: an ordered set keeps a long list n·log n.
    let mut cases = std::collections::BTreeSet::new();
    for (i, example) in examples.iter().enumerate() {
        let here = at.index(i);
        if !(1..=12).contains(&example.scored) {
            check.fail(
                ErrorCode::PolicyInvalidValue,
                &here.key("scored"),
                format!("score {} is outside 1 to 12", example.scored),
            );
        }
        if let Some(score) = example.score {
            if !(1..=12).contains(&score) {
                check.fail(
                    ErrorCode::PolicyInvalidValue,
                    &here.key("score"),
                    format!("score {score} is outside 1 to 12"),
                );
            }
        }
        if example.repeats == 0 && !example.previous_warning {
            check.fail(
                ErrorCode::PolicyInvalidValue,
                &here.key("repeats"),
                "an example of history needs a repeat or a previous warning".into(),
            );
        }
        if !cases.insert((example.scored, example.repeats, example.previous_warning)) {
            check.fail(
                ErrorCode::PolicyDuplicateEntry,
                &here,
                format!(
                    "the case of {} scored before, {} repeat(s) and {} previous warning has more than one example",
                    example.scored,
                    example.repeats,
                    if example.previous_warning { "a" } else { "no" }
                ),
            );
        }
        check.source(&example.source, &here.key("source"));
    }
}

/// The kinds the classified-material minimum leaves out: each once, and never a
/// kind that is itself about classified material.
fn classified_material(check: &mut Checker, policy: &Policy, at: &Pointer) {
    let rules = &policy.breach.classified_material;
    check.source(&rules.source, &at.key("source"));
    let list = &rules.kinds_without_material;
    let lp = at.key("kindsWithoutMaterial");
    for (i, kind) in list.kinds.iter().enumerate() {
        let here = lp.key("kinds").index(i);
        if list.kinds.iter().take(i).any(|k| k == kind) {
            check.fail(
                ErrorCode::PolicyDuplicateEntry,
                &here,
                format!("kind `{kind}` is listed more than once"),
            );
        }
        let about_material = policy
            .breach
            .kinds
            .iter()
            .any(|rule| rule.kind == *kind && rule.minimum_classification.is_some());
        if about_material {
            check.fail(
                ErrorCode::PolicyInvalidValue,
                &here,
                format!(
                    "kind `{kind}` concerns classified material, so it cannot be a kind without material"
                ),
            );
        }
    }
    check.source(&list.source, &lp.key("source"));
    check.source(&rules.against_matrix, &at.key("againstMatrix"));
    check.source(
        &rules.legacy_markings.source,
        &at.key("legacyMarkings").key("source"),
    );
}

/// Every band consults Security (the matrix's green band too), and consulting
/// before acting never starts below consulting about the circumstances.
fn consult_security(check: &mut Checker, policy: &Policy, at: &Pointer) {
    let consult = &policy.breach.flags.consult_security;
    let about = &consult.about_circumstances;
    let before = &consult.before_acting;
    let ap = at.key("aboutCircumstances");
    let bp = at.key("beforeActing");
    if about.from_band != Band::Green {
        check.fail(
            ErrorCode::PolicyInvalidValue,
            &ap.key("fromBand"),
            format!(
                "consulting Security about the circumstances starts at `{}`; it must start at `green`, since the matrix asks every band to consult Security",
                about.from_band
            ),
        );
    }
    if before.from_band < about.from_band {
        check.fail(
            ErrorCode::PolicyNotMonotone,
            &bp.key("fromBand"),
            format!(
                "consulting Security before acting starts at `{}`, below `{}` where consulting about the circumstances starts",
                before.from_band, about.from_band
            ),
        );
    }
    check.source(&about.source, &ap.key("source"));
    check.source(&before.source, &bp.key("source"));
}

fn kinds(check: &mut Checker, policy: &Policy, at: &Pointer) {
    let mut seen = [false; BreachKind::ALL.len()];
    for (i, rule) in policy.breach.kinds.iter().enumerate() {
        let here = at.index(i);
        match seen.get_mut(rule.kind.index()) {
            Some(slot) if *slot => check.fail(
                ErrorCode::PolicyDuplicateEntry,
                &here.key("kind"),
                format!("kind `{}` has more than one entry", rule.kind),
            ),
            Some(slot) => *slot = true,
            None => {}
        }
        check.non_empty(
            &rule.description,
            &here.key("description"),
            "a kind's description",
        );
        check.source(&rule.source, &here.key("source"));
    }
    for (kind, present) in BreachKind::ALL.iter().zip(seen) {
        if !present {
            check.fail(
                ErrorCode::PolicyIncomplete,
                at,
                format!("kind `{kind}` has no entry; every breach kind needs one"),
            );
        }
    }
}

fn matrix(check: &mut Checker, policy: &Policy, at: &Pointer) {
    let m = &policy.breach.matrix;
    let rows = [
        ("official", &m.official),
        ("secret", &m.secret),
        ("topSecretAndStrap", &m.top_secret_and_strap),
    ];
    for (name, row) in rows {
        let rp = at.key(name);
        let mut previous: Option<u8> = None;
        for (column, &score) in row.iter().enumerate() {
            let cell = rp.index(column);
            if !(1..=12).contains(&score) {
                check.fail(
                    ErrorCode::PolicyInvalidValue,
                    &cell,
                    format!("score {score} is outside 1 to 12"),
                );
            }
            if let Some(left) = previous {
                if score < left {
                    check.fail(
                        ErrorCode::PolicyNotMonotone,
                        &cell,
                        format!(
                            "score {score} in care column {} is lower than {left} in column {column}; less care must never score lower",
                            column + 1
                        ),
                    );
                }
            }
            previous = Some(score);
        }
    }
    // Down each column: a higher classification never scores lower.
    for (lower, upper) in [(rows[0], rows[1]), (rows[1], rows[2])] {
        for (column, (&below, &above)) in lower.1.iter().zip(upper.1.iter()).enumerate() {
            if above < below {
                check.fail(
                    ErrorCode::PolicyNotMonotone,
                    &at.key(upper.0).index(column),
                    format!(
                        "score {above} on the `{}` row is lower than {below} on the `{}` row in care column {}; a higher classification must never score lower",
                        upper.0,
                        lower.0,
                        column + 1
                    ),
                );
            }
        }
    }
    check.source(&m.source, &at.key("source"));
}

fn bands(check: &mut Checker, policy: &Policy, at: &Pointer) {
    let bands = &policy.breach.bands;
    let mut seen = [false; Band::ALL.len()];
    let mut covered = [0u8; 12];
    for (i, rule) in bands.iter().enumerate() {
        let here = at.index(i);
        match seen.get_mut(rule.band as usize) {
            Some(slot) if *slot => check.fail(
                ErrorCode::PolicyDuplicateEntry,
                &here.key("band"),
                format!("band `{}` has more than one entry", rule.band),
            ),
            Some(slot) => *slot = true,
            None => {}
        }
        if rule.min_score > rule.max_score || rule.min_score == 0 || rule.max_score > 12 {
            check.fail(
                ErrorCode::PolicyBandsInvalid,
                &here,
                format!(
                    "band `{}` runs from {} to {}; a band must run upwards within 1 to 12",
                    rule.band, rule.min_score, rule.max_score
                ),
            );
            continue;
        }
        for score in rule.min_score..=rule.max_score {
            if let Some(count) = covered.get_mut(usize::from(score) - 1) {
                *count = count.saturating_add(1);
            }
        }
        check.non_empty(&rule.guidance, &here.key("guidance"), "a band's guidance");
        check.source(&rule.source, &here.key("source"));
    }
    for (band, present) in Band::ALL.iter().zip(seen) {
        if !present {
            check.fail(
                ErrorCode::PolicyIncomplete,
                at,
                format!("band `{band}` has no entry; every band needs one"),
            );
        }
    }
    for (index, count) in covered.iter().enumerate() {
        let score = index + 1;
        match count {
            1 => {}
            0 => check.fail(
                ErrorCode::PolicyBandsInvalid,
                at,
                format!("score {score} is in no band; the bands must cover 1 to 12"),
            ),
            _ => check.fail(
                ErrorCode::PolicyBandsInvalid,
                at,
                format!("score {score} is in {count} bands; each score must be in exactly one"),
            ),
        }
    }
    // Bands sorted by score must run green→black with non-decreasing levels.
    let mut by_score: Vec<(usize, &crate::policy::BandRule)> = bands.iter().enumerate().collect();
    by_score.sort_by_key(|(_, rule)| rule.min_score);
    for pair in by_score.windows(2) {
        if let [(_, lower), (i, upper)] = pair {
            if upper.band < lower.band {
                check.fail(
                    ErrorCode::PolicyNotMonotone,
                    &at.index(*i).key("band"),
                    format!(
                        "band `{}` covers higher scores than band `{}`; bands must run green, amber, red, black",
                        lower.band, upper.band
                    ),
                );
            }
            if upper.level < lower.level {
                check.fail(
                    ErrorCode::PolicyNotMonotone,
                    &at.index(*i).key("level"),
                    format!(
                        "band `{}` indicates {} but the lower band `{}` indicates {}; a higher score must never indicate a lower level",
                        upper.band, upper.level, lower.band, lower.level
                    ),
                );
            }
        }
    }
}

fn markings(check: &mut Checker, policy: &Policy, at: &Pointer) {
    let rules = &policy.breach.markings;
    check.source(&rules.unmarked.source, &at.key("unmarked").key("source"));
    let lp = at.key("legacy");
    let mut seen = [false; LegacyMarking::ALL.len()];
    for (i, rule) in rules.legacy.iter().enumerate() {
        let here = lp.index(i);
        match seen.get_mut(rule.marking as usize) {
            Some(slot) if *slot => check.fail(
                ErrorCode::PolicyDuplicateEntry,
                &here.key("marking"),
                format!(
                    "legacy marking `{}` has more than one entry",
                    rule.marking.label()
                ),
            ),
            Some(slot) => *slot = true,
            None => {}
        }
        check.source(&rule.source, &here.key("source"));
    }
    for (marking, present) in LegacyMarking::ALL.iter().zip(seen) {
        if !present {
            check.fail(
                ErrorCode::PolicyIncomplete,
                &lp,
                format!("legacy marking `{}` has no conversion", marking.label()),
            );
        }
    }
    // A higher legacy marking never converts to a lower tier.
    let mut converted: Vec<(usize, &crate::policy::LegacyRule)> =
        rules.legacy.iter().enumerate().collect();
    converted.sort_by_key(|(_, rule)| rule.marking);
    for pair in converted.windows(2) {
        if let [(_, lower), (i, upper)] = pair {
            if upper.scored_as < lower.scored_as {
                check.fail(
                    ErrorCode::PolicyNotMonotone,
                    &lp.index(*i).key("scoredAs"),
                    format!(
                        "{} converts to a lower tier than {}",
                        upper.marking.label(),
                        lower.marking.label()
                    ),
                );
            }
        }
    }
    let uplift = &rules.sensitive_uplift;
    let up = at.key("sensitiveUplift");
    let m = &policy.breach.matrix;
    for (column, (&official, &secret)) in m.official.iter().zip(m.secret.iter()).enumerate() {
        let raised = u16::from(official) + u16::from(uplift.points);
        if raised > u16::from(secret) {
            check.fail(
                ErrorCode::PolicyNotMonotone,
                &up.key("points"),
                format!(
                    "an uplift of {} puts OFFICIAL-SENSITIVE at {raised} in care column {}, above SECRET's {secret}",
                    uplift.points,
                    column + 1
                ),
            );
            break;
        }
    }
    check.source(&uplift.source, &up.key("source"));
}

/// Each pair once, and the listed side an example of the minor, serious or
/// gross list (the one that gives the level).
fn listed_examples(check: &mut Checker, policy: &Policy, at: &Pointer) {
    let pairs = &policy.breach.listed_examples;
    for (i, pair) in pairs.iter().enumerate() {
        let here = at.index(i);
        if pairs
            .iter()
            .take(i)
            .any(|p| p.kind == pair.kind && p.listed == pair.listed)
        {
            check.fail(
                ErrorCode::PolicyDuplicateEntry,
                &here,
                format!(
                    "`{}` and `{}` are paired more than once",
                    pair.kind, pair.listed
                ),
            );
        }
        let listed = policy
            .breach
            .kinds
            .iter()
            .find(|rule| rule.kind == pair.listed)
            .is_some_and(|rule| {
                matches!(
                    rule.list,
                    PolicyList::Minor | PolicyList::Serious | PolicyList::Gross
                )
            });
        if pair.kind == pair.listed || !listed {
            check.fail(
                ErrorCode::PolicyInvalidValue,
                &here.key("listed"),
                format!(
                    "`{}` must be another kind, one the minor, serious or gross list names",
                    pair.listed
                ),
            );
        }
        check.source(&pair.source, &here.key("source"));
    }
}

/// The route table: every status at every organisation is covered by some row,
/// and every row covers someone no earlier row does (a row that never matches
/// is a duplicate of earlier ones).
fn routes(check: &mut Checker, policy: &Policy, at: &Pointer) {
    let routes = &policy.breach.routes;
    for (i, row) in routes.iter().enumerate() {
        let here = at.index(i);
        let reachable = PersonStatus::ALL.iter().any(|&status| {
            Organisation::ALL.iter().any(|&organisation| {
                row.covers(status, organisation)
                    && !routes
                        .iter()
                        .take(i)
                        .any(|earlier| earlier.covers(status, organisation))
            })
        });
        if !reachable {
            check.fail(
                ErrorCode::PolicyDuplicateEntry,
                &here,
                format!(
                    "route row {i} never applies: earlier rows already cover everyone it covers"
                ),
            );
        }
        check.non_empty(row.label.as_str(), &here.key("label"), "a route's label");
        check.source(&row.source, &here.key("source"));
    }
    for status in PersonStatus::ALL {
        for organisation in Organisation::ALL {
            if !routes.iter().any(|row| row.covers(status, organisation)) {
                check.fail(
                    ErrorCode::PolicyIncomplete,
                    at,
                    format!(
                        "no route covers status `{}` at organisation `{}`; add a row (a row without `status` or `organisation` covers every one)",
                        status.as_str(),
                        organisation.as_str()
                    ),
                );
            }
        }
    }
}
