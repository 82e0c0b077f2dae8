//! A direct JSON writer for [`BreachAssessment`], the hottest answer on every
//! surface.
//!
//! It writes exactly the bytes `serde_json::to_string` writes for the same value
//! (the test suite checks this on generated answers), without serde's
//! per-field machinery: static keys and enum names are copied, caller text is
//! scanned once and copied unless it needs escaping.

use crate::breach::{BreachAssessment, BreachReason, BreachStep, Flags, Level};
use crate::codec::write::{needs_escape, push_bool, push_field, push_string, push_u32};
use crate::marking::Caveat;

/// Appends the answer as compact JSON.
pub(crate) fn write_assessment(answer: &BreachAssessment, out: &mut String) {
    out.push_str("{\"schemaVersion\":");
    push_u32(out, answer.schema_version);
    out.push_str(",\"policy\":{\"id\":");
    push_string(out, &answer.policy.id);
    out.push_str(",\"version\":");
    push_string(out, &answer.policy.version);
    out.push('}');
    if let Some(reference) = &answer.reference {
        out.push_str(",\"reference\":");
        push_string(out, reference);
    }
    push_field(out, "kind", answer.kind.as_str());
    push_field(out, "level", answer.level.as_str());
    out.push_str(",\"score\":");
    push_u32(out, answer.score.into());
    push_field(out, "band", answer.band.as_str());
    out.push_str(",\"marking\":{\"classification\":\"");
    out.push_str(answer.marking.tier().as_str());
    out.push('"');
    let caveats = answer.marking.caveats();
    if !caveats.is_empty() {
        out.push_str(",\"caveats\":[");
        for (i, caveat) in caveats.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(match caveat {
                Caveat::Sensitive => "\"sensitive\"",
                Caveat::Strap => "\"strap\"",
            });
        }
        out.push(']');
    }
    out.push('}');
    push_field(out, "route", answer.route.as_str());
    push_flags(out, &answer.flags);
    out.push_str(",\"reasons\":[");
    for (i, reason) in answer.reasons.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_reason(out, reason);
    }
    out.push_str("]}");
}

fn push_flags(out: &mut String, flags: &Flags) {
    let Flags {
        record_centrally,
        breach_notice_may_be_issued,
        consult_security,
        report_to_strapso,
        police_may_be_involved,
        contract_may_be_cancelled,
        manager_decision_required,
        inform_information_asset_owner,
        inform_data_protection_team,
        escalate_to_siro,
    } = *flags;
    out.push_str(",\"flags\":{\"recordCentrally\":");
    push_bool(out, record_centrally);
    out.push_str(",\"breachNoticeMayBeIssued\":");
    push_bool(out, breach_notice_may_be_issued);
    push_field(out, "consultSecurity", consult_security.as_str());
    out.push_str(",\"reportToStrapso\":");
    push_bool(out, report_to_strapso);
    out.push_str(",\"policeMayBeInvolved\":");
    push_bool(out, police_may_be_involved);
    out.push_str(",\"contractMayBeCancelled\":");
    push_bool(out, contract_may_be_cancelled);
    out.push_str(",\"managerDecisionRequired\":");
    push_bool(out, manager_decision_required);
    out.push_str(",\"informInformationAssetOwner\":");
    push_bool(out, inform_information_asset_owner);
    out.push_str(",\"informDataProtectionTeam\":");
    push_bool(out, inform_data_protection_team);
    out.push_str(",\"escalateToSiro\":");
    push_bool(out, escalate_to_siro);
    out.push('}');
}

/// A fact value: an enum name, a number, a flag or text from the policy.
enum Fact<'a> {
    Name(&'static str),
    Number(u32),
    Flag(bool),
    /// Text the policy document gives (a route's label), escaped as JSON needs.
    Text(&'a str),
}

fn push_reason(out: &mut String, reason: &BreachReason) {
    out.push_str("{\"rule\":\"");
    out.push_str(reason.step.rule_id());
    out.push('"');
    push_facts(out, &reason.step);
    push_field(out, "basis", reason.basis.as_str());
    out.push_str(",\"citation\":");
    if reason.citation.is_well_known() {
        // The default policy's own citations never need escaping (a test in
        // `reason` checks every one): scanning them for every answer of a
        // batch would be a tenth of its time.
        out.push('"');
        out.push_str(reason.citation.as_str());
        out.push('"');
    } else {
        push_string(out, reason.citation.as_str());
    }
    out.push_str(",\"explanation\":");
    let start = out.len();
    out.push('"');
    // Writing to a String cannot fail.
    let _ = reason.step.explain(out);
    // Explanations are the library's own words and enum names, which JSON never
    // escapes, except the route's, which repeats the policy's label: that one
    // is checked, and written again escaped when it needs it. The tests compare
    // every answer with serde's output.
    if matches!(reason.step, BreachStep::Route { .. })
        && out.get(start + 1..).is_some_and(needs_escape)
    {
        let text = out.split_off(start + 1);
        out.truncate(start);
        push_string(out, &text);
        out.push('}');
        return;
    }
    debug_assert!(!out.get(start + 1..).is_some_and(needs_escape));
    out.push_str("\"}");
}

fn push_facts(out: &mut String, step: &BreachStep) {
    use Fact::{Flag, Name, Number, Text};
    match *step {
        BreachStep::LegacyMarking { from, scored_as } => push_fact_list(
            out,
            &[
                ("from", Name(from.as_str())),
                ("scoredAs", Name(scored_as.as_str())),
            ],
        ),
        BreachStep::UnmarkedMaterial { scored_as } => {
            push_fact_list(out, &[("scoredAs", Name(scored_as.as_str()))])
        }
        BreachStep::CatalogueFloor { kind, list, level } => push_fact_list(
            out,
            &[
                ("kind", Name(kind.as_str())),
                ("list", Name(list.as_str())),
                ("level", Name(level.as_str())),
            ],
        ),
        BreachStep::MatrixScore {
            row,
            care,
            score,
            band,
        } => push_fact_list(
            out,
            &[
                ("row", Name(row.as_str())),
                ("care", Name(care.as_str())),
                ("score", Number(score.into())),
                ("band", Name(band.as_str())),
            ],
        ),
        BreachStep::BandLevel {
            band,
            indicates,
            from,
            to,
        } => push_level_facts(
            out,
            &[
                ("band", Name(band.as_str())),
                ("indicates", Name(indicates.as_str())),
            ],
            from,
            to,
        ),
        BreachStep::SensitiveUplift { points } => {
            push_fact_list(out, &[("points", Number(points.into()))])
        }
        BreachStep::DeliberateIntent { minimum, from, to } => {
            push_level_facts(out, &[("minimum", Name(minimum.as_str()))], from, to)
        }
        BreachStep::ClassifiedMaterial {
            classification,
            strap,
            reported,
            applied,
            minimum,
            from,
            to,
        } => push_level_facts(
            out,
            &[
                ("classification", Name(classification.as_str())),
                ("strap", Flag(strap)),
                ("reported", Name(reported.as_str())),
                ("applied", Flag(applied)),
                ("minimum", Name(minimum.as_str())),
            ],
            from,
            to,
        ),
        BreachStep::NoClassifiedMaterial {
            kind,
            classification,
            strap,
            reported,
        } => push_fact_list(
            out,
            &[
                ("kind", Name(kind.as_str())),
                ("classification", Name(classification.as_str())),
                ("strap", Flag(strap)),
                ("reported", Name(reported.as_str())),
            ],
        ),
        BreachStep::SourcesDisagree {
            classification,
            strap,
            reported,
            minimum,
            score,
            band,
            indicates,
        } => push_fact_list(
            out,
            &[
                ("classification", Name(classification.as_str())),
                ("strap", Flag(strap)),
                ("reported", Name(reported.as_str())),
                ("minimum", Name(minimum.as_str())),
                ("score", Number(score.into())),
                ("band", Name(band.as_str())),
                ("indicates", Name(indicates.as_str())),
            ],
        ),
        BreachStep::ConsiderListedExample {
            kind,
            list,
            level,
            recommended,
        } => push_fact_list(
            out,
            &[
                ("kind", Name(kind.as_str())),
                ("list", Name(list.as_str())),
                ("level", Name(level.as_str())),
                ("recommended", Name(recommended.as_str())),
            ],
        ),
        BreachStep::HistoryEscalation {
            repeats,
            window_months,
            previous_warnings,
            from,
            to,
        } => push_level_facts(
            out,
            &[
                ("repeats", Number(repeats)),
                ("windowMonths", Number(window_months)),
                ("previousWarnings", Number(previous_warnings)),
            ],
            from,
            to,
        ),
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
        } => push_level_facts(
            out,
            &[
                ("repeats", Number(repeats)),
                ("windowMonths", Number(window_months)),
                ("previousWarnings", Number(previous_warnings)),
                ("columns", Number(columns)),
                ("care", Name(care.as_str())),
                ("score", Number(score.into())),
                ("band", Name(band.as_str())),
                ("matrixExample", Flag(matrix_example)),
            ],
            from,
            to,
        ),
        BreachStep::Damage {
            damage,
            steps,
            from,
            to,
        } => push_level_facts(
            out,
            &[
                ("damage", Name(damage.as_str())),
                ("steps", Number(steps.into())),
            ],
            from,
            to,
        ),
        BreachStep::Route {
            status,
            organisation,
            route,
            ref label,
        } => push_fact_list(
            out,
            &[
                ("status", Name(status.as_str())),
                ("organisation", Name(organisation.as_str())),
                ("route", Name(route.as_str())),
                ("label", Text(label.as_str())),
            ],
        ),
        BreachStep::ConsultSecurity { band, strength } => push_fact_list(
            out,
            &[
                ("band", Name(band.as_str())),
                ("strength", Name(strength.as_str())),
            ],
        ),
        BreachStep::PoliceMayBeInvolved { criminal_act, band } => push_fact_list(
            out,
            &[
                ("criminalAct", Flag(criminal_act)),
                ("band", Name(band.as_str())),
            ],
        ),
        BreachStep::InformAssetOwner {
            personal_data,
            personal_data_by_kind,
            ref asset,
            ref owner,
        } => push_fact_list(
            out,
            [
                Some(("personalData", Flag(personal_data))),
                Some(("personalDataByKind", Flag(personal_data_by_kind))),
                asset.as_deref().map(|asset| ("asset", Text(asset))),
                owner.as_deref().map(|owner| ("owner", Text(owner))),
            ]
            .iter()
            .flatten(),
        ),
        BreachStep::InformDataProtection {
            personal_data,
            impact,
            immediately,
        } => push_fact_list(
            out,
            [
                Some(("personalData", Flag(personal_data))),
                impact.map(|impact| ("impact", Name(impact.as_str()))),
                Some(("immediately", Flag(immediately))),
            ]
            .iter()
            .flatten(),
        ),
        BreachStep::EscalateToSiro {
            impact,
            from_impact,
        } => push_fact_list(
            out,
            &[
                ("impact", Name(impact.as_str())),
                ("fromImpact", Name(from_impact.as_str())),
            ],
        ),
        BreachStep::ImpactNotAssessed { from_impact } => {
            push_fact_list(out, &[("fromImpact", Name(from_impact.as_str()))])
        }
        BreachStep::ManagerDecision { level } => {
            push_fact_list(out, &[("level", Name(level.as_str()))])
        }
        // Unit steps have no facts; serde writes no `facts` key for them.
        BreachStep::RecordCentrally | BreachStep::BreachNotice | BreachStep::ReportToStrapso => {}
    }
}

/// The facts of a step that moves the level: its own, then `from` and `to`.
fn push_level_facts(out: &mut String, facts: &[(&'static str, Fact<'_>)], from: Level, to: Level) {
    let change = [
        ("from", Fact::Name(from.as_str())),
        ("to", Fact::Name(to.as_str())),
    ];
    push_fact_list(out, facts.iter().chain(&change));
}

fn push_fact_list<'f, 'a: 'f>(
    out: &mut String,
    facts: impl IntoIterator<Item = &'f (&'static str, Fact<'a>)>,
) {
    use Fact::{Flag, Name, Number, Text};
    out.push_str(",\"facts\":{");
    for (i, (key, fact)) in facts.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        out.push_str(key);
        out.push_str("\":");
        match fact {
            Name(name) => {
                out.push('"');
                out.push_str(name);
                out.push('"');
            }
            Number(n) => push_u32(out, *n),
            Flag(b) => push_bool(out, *b),
            Text(text) => push_string(out, text),
        }
    }
    out.push('}');
}
