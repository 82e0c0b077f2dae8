//! The assessment rules, evaluated against a validated policy document.
//!
//! Order of the steps (each adds a reason):
//! 1. marking: legacy conversion, or the unmarked default;
//! 2. the catalogue level of the kind is the floor;
//! 3. the matrix score for the care shown, and the level its band indicates;
//! 4. care column 4 (deliberately reckless behaviour) and SECRET/TOP SECRET/STRAP
//!    material set minimum levels
//!    (the material minimum only for kinds that involve material; for the others
//!    the answer says why it does not apply);
//! 5. history: a previous warning raises the level reached so far by a step (a
//!    repeat alone adds none by default: the matrix keeps a second 1 green);
//!    repeats and warnings move the care column right (as the matrix's worked
//!    examples do), the re-scored band can raise the level, and a case that is
//!    one of the matrix's examples cites it;
//! 6. damage, a factor for the manager (escalates only if the policy says so);
//! 7. where the gross list's minimum and the matrix's final band pull apart,
//!    both and which prevails;
//! 8. a listed example for the same conduct at a higher level than the one
//!    reached: named, for the manager to consider;
//! 9. the route for the person, then the flags, with the information-risk
//!    escalation (the Information Asset Owner, the data protection team, the
//!    SIRO) last before the manager's decision.
//!
//! Because every step only ever raises the level, the recommendation is never
//! below the catalogue floor, and a worse fact never gives a lower answer.

use crate::breach::{
    Band, BreachAssessment, BreachKind, BreachReason, BreachReport, BreachStep, Care,
    ConsultSecurity, Damage, Flags, Level, MatrixRow, Organisation, Person, PersonStatus, Route,
};
use crate::codec::Pointer;
use crate::error::{ErrorCode, SpfError};
use crate::marking::Marking;
use crate::policy::{
    BandRule, BreachRules, InformRule, InformationRiskFact, KindRule, LegacyRule, PolicyRef,
    RepeatScope, RouteRule, SCHEMA_VERSION,
};
use crate::reason::Source;

/// Lookup tables built once from a validated policy.
#[derive(Debug, Clone)]
pub(crate) struct CompiledBreachRules {
    /// Kind rules in [`BreachKind::ALL`] order.
    kinds: Vec<KindRule>,
    /// The band rule for each score 1..=12, at index score - 1.
    bands_by_score: Vec<BandRule>,
    /// Legacy conversions in marking order.
    legacy: Vec<LegacyRule>,
    /// For each status and organisation (at `status * ORGANISATIONS +
    /// organisation`), the first route row that covers them.
    routes: Vec<Option<RouteRule>>,
}

/// How many organisations the route lookup is laid out for.
const ORGANISATIONS: usize = Organisation::ALL.len();

impl CompiledBreachRules {
    /// Builds the tables. Entries a document lacks are simply absent: validation
    /// rejects such documents before they get here, and evaluation reports an
    /// internal error rather than guessing.
    pub(crate) fn compile(rules: &BreachRules) -> Self {
        let kinds = BreachKind::ALL
            .iter()
            .filter_map(|kind| rules.kinds.iter().find(|r| r.kind == *kind).cloned())
            .collect();
        let bands_by_score = (1..=12u8)
            .filter_map(|score| {
                rules
                    .bands
                    .iter()
                    .find(|b| (b.min_score..=b.max_score).contains(&score))
                    .cloned()
            })
            .collect();
        let mut legacy = rules.legacy_sorted();
        legacy.dedup_by_key(|r| r.marking);
        let routes = PersonStatus::ALL
            .iter()
            .flat_map(|&status| {
                Organisation::ALL.iter().map(move |&organisation| {
                    rules
                        .routes
                        .iter()
                        .find(|row| row.covers(status, organisation))
                        .cloned()
                })
            })
            .collect();
        Self {
            kinds,
            bands_by_score,
            legacy,
            routes,
        }
    }

    fn kind(&self, kind: BreachKind) -> Result<&KindRule, SpfError> {
        self.kinds
            .get(kind.index())
            .filter(|rule| rule.kind == kind)
            .ok_or_else(|| internal(&format!("the policy has no entry for kind `{kind}`")))
    }

    fn route(&self, person: Person) -> Result<&RouteRule, SpfError> {
        (person.status as usize)
            .checked_mul(ORGANISATIONS)
            .and_then(|row| row.checked_add(person.organisation as usize))
            .and_then(|i| self.routes.get(i))
            .and_then(Option::as_ref)
            .ok_or_else(|| {
                internal(&format!(
                    "the policy has no route for `{}` at `{}`",
                    person.status.as_str(),
                    person.organisation.as_str()
                ))
            })
    }

    fn band(&self, score: u8) -> Result<&BandRule, SpfError> {
        usize::from(score)
            .checked_sub(1)
            .and_then(|i| self.bands_by_score.get(i))
            .ok_or_else(|| internal(&format!("the policy has no band for score {score}")))
    }
}

impl crate::policy::BreachRules {
    fn legacy_sorted(&self) -> Vec<LegacyRule> {
        let mut legacy = self.markings.legacy.clone();
        legacy.sort_by_key(|r| r.marking);
        legacy
    }
}

fn internal(message: &str) -> SpfError {
    SpfError::new(ErrorCode::Internal, message, "")
}

fn score_cell(rules: &BreachRules, row: MatrixRow, care: Care) -> u8 {
    let matrix = &rules.matrix;
    let [c1, c2, c3, c4] = match row {
        MatrixRow::Official => matrix.official,
        MatrixRow::Secret => matrix.secret,
        MatrixRow::TopSecretAndStrap => matrix.top_secret_and_strap,
    };
    match care {
        Care::AvoidableCarelessness => c1,
        Care::HighCarelessness => c2,
        Care::Recklessness => c3,
        Care::Deliberate => c4,
    }
}

/// Collects reasons as the steps run, or only runs them: a caller that wants
/// the level alone (the trend report, over every record that carries its
/// report) is spared building and freeing a dozen cited reasons.
struct Trail {
    reasons: Vec<BreachReason>,
    keep: bool,
}

impl Trail {
    fn keeping() -> Self {
        Self {
            reasons: Vec::with_capacity(16),
            keep: true,
        }
    }

    fn quiet() -> Self {
        Self {
            reasons: Vec::new(),
            keep: false,
        }
    }

    fn push(&mut self, step: BreachStep, source: &Source) {
        if self.keep {
            self.reasons.push(crate::reason::Reason::new(step, source));
        }
    }
}

/// What the steps reach, before it is put in an answer: everything an
/// assessment decides, without its reasons (what two policies' answers to one
/// report are compared on).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Reached {
    pub(crate) level: Level,
    pub(crate) score: u8,
    pub(crate) band: Band,
    pub(crate) marking: Marking,
    pub(crate) route: Route,
    pub(crate) flags: Flags,
}

pub(crate) fn assess(
    rules: &BreachRules,
    reference: &PolicyRef,
    compiled: &CompiledBreachRules,
    report: &BreachReport,
) -> Result<BreachAssessment, SpfError> {
    let (reached, reasons) = run(rules, compiled, report, Trail::keeping())?;
    Ok(BreachAssessment {
        schema_version: SCHEMA_VERSION,
        policy: reference.clone(),
        reference: report.reference.clone(),
        kind: report.kind,
        level: reached.level,
        score: reached.score,
        band: reached.band,
        marking: reached.marking,
        route: reached.route,
        flags: reached.flags,
        reasons,
    })
}

/// The level [`assess`] recommends, or its error, without the reasons.
pub(crate) fn level(
    rules: &BreachRules,
    compiled: &CompiledBreachRules,
    report: &BreachReport,
) -> Result<Level, SpfError> {
    run(rules, compiled, report, Trail::quiet()).map(|(reached, _)| reached.level)
}

/// What [`assess`] decides, or its error, without the reasons.
pub(crate) fn decision(
    rules: &BreachRules,
    compiled: &CompiledBreachRules,
    report: &BreachReport,
) -> Result<Reached, SpfError> {
    run(rules, compiled, report, Trail::quiet()).map(|(reached, _)| reached)
}

/// The numbered steps, in order; the same for an answer and for a level
/// alone, so that both give the same level and the same errors.
fn run(
    rules: &BreachRules,
    compiled: &CompiledBreachRules,
    report: &BreachReport,
    trail: Trail,
) -> Result<(Reached, Vec<BreachReason>), SpfError> {
    let mut assessing = Assessing {
        rules,
        compiled,
        report,
        trail,
    };
    // 1.
    let marking = assessing.marking()?;
    // 2.
    let kind_rule = assessing.catalogue_floor(marking)?;
    // History facts and the information asset are checked before any scoring
    // so that bad input fails early.
    let repeats = assessing.repeats_in_window()?;
    assessing.information_asset_named()?;
    // 3.
    let scale = Scale::for_marking(rules, marking);
    let (level, scored) = assessing.matrix_score(scale, kind_rule.floor)?;
    // 4.
    let (level, minimum) = assessing.minimum_levels(marking, level);
    // 5.
    let (level, scored) = assessing.history(scale, repeats, level, scored)?;
    // 6.
    let level = assessing.damage(level);
    // 7.
    assessing.sources_disagree(minimum, scored);
    // 8.
    assessing.listed_examples(level)?;
    // 9.
    let route = assessing.route()?;
    let band = scored.band.band;
    let flags = assessing.flags(kind_rule, marking, route, band, level);
    let reached = Reached {
        level,
        score: scored.score,
        band,
        marking,
        route,
        flags,
    };
    Ok((reached, assessing.trail.reasons))
}

/// One assessment in progress: what every step reads, and the reasons so far.
/// Each numbered step of the module doc is one method; the level reached is
/// passed from step to step.
struct Assessing<'a> {
    rules: &'a BreachRules,
    compiled: &'a CompiledBreachRules,
    report: &'a BreachReport,
    trail: Trail,
}

/// How a marking turns a care column into a score: its matrix row and uplift.
#[derive(Clone, Copy)]
struct Scale<'a> {
    rules: &'a BreachRules,
    row: MatrixRow,
    uplift: u8,
}

impl<'a> Scale<'a> {
    fn for_marking(rules: &'a BreachRules, marking: Marking) -> Self {
        let uplift = if marking.is_sensitive() {
            rules.markings.sensitive_uplift.points
        } else {
            0
        };
        Self {
            rules,
            row: MatrixRow::for_marking(marking),
            uplift,
        }
    }

    fn score_for(self, care: Care) -> u8 {
        score_cell(self.rules, self.row, care)
            .saturating_add(self.uplift)
            .min(12)
    }
}

/// The classified-material minimum, where step 4 applied it.
#[derive(Clone, Copy)]
struct MaterialMinimum {
    classification: crate::marking::Classification,
    strap: bool,
    reported: crate::marking::ReportedClassification,
    minimum: Level,
}

/// A matrix score and the band rule it falls in.
#[derive(Clone, Copy)]
struct Scored<'a> {
    score: u8,
    band: &'a BandRule,
}

impl<'a> Assessing<'a> {
    /// Step 1: the marking the score uses.
    fn marking(&mut self) -> Result<Marking, SpfError> {
        let rules = self.rules;
        let Some(reported) = &self.report.marking else {
            let unmarked = &rules.markings.unmarked;
            self.trail.push(
                BreachStep::UnmarkedMaterial {
                    scored_as: unmarked.scored_as,
                },
                &unmarked.source,
            );
            // A tier with no caveats is always a valid marking.
            return Marking::new(unmarked.scored_as, &[]).map_err(|e| internal(&e.to_string()));
        };
        let tier = match reported.classification.split() {
            Ok(tier) => tier,
            Err(legacy) => {
                let rule = self
                    .compiled
                    .legacy
                    .iter()
                    .find(|r| r.marking == legacy)
                    .ok_or_else(|| {
                        internal(&format!(
                            "the policy has no conversion for `{}`",
                            legacy.label()
                        ))
                    })?;
                self.trail.push(
                    BreachStep::LegacyMarking {
                        from: legacy,
                        scored_as: rule.scored_as,
                    },
                    &rule.source,
                );
                rule.scored_as
            }
        };
        Marking::new(tier, &reported.caveats).map_err(|e| {
            SpfError::new(
                ErrorCode::InvalidMarking,
                e.to_string(),
                Pointer::root().key("marking").key("caveats").into_string(),
            )
        })
    }

    /// Step 2: the kind, whether it applies, and its catalogue floor.
    fn catalogue_floor(&mut self, marking: Marking) -> Result<&'a KindRule, SpfError> {
        let report = self.report;
        let root = Pointer::root();
        let kind_rule = self.compiled.kind(report.kind)?;
        if kind_rule.requires_security_clearance && !report.person.security_cleared {
            return Err(SpfError::new(
                ErrorCode::KindNotApplicable,
                format!(
                    "kind `{}` applies only to security-cleared personnel; set `securityCleared` to true or choose another kind",
                    report.kind
                ),
                root.key("person").key("securityCleared").into_string(),
            ));
        }
        if let Some(minimum) = kind_rule.minimum_classification {
            if marking.tier() < minimum {
                return Err(SpfError::new(
                    ErrorCode::KindNotApplicable,
                    format!(
                        "kind `{}` concerns {} material or above, but the marking scored is {marking}",
                        report.kind,
                        minimum.label()
                    ),
                    root.key("marking").into_string(),
                ));
            }
        }
        self.trail.push(
            BreachStep::CatalogueFloor {
                kind: report.kind,
                list: kind_rule.list,
                level: kind_rule.floor,
            },
            &kind_rule.source,
        );
        Ok(kind_rule)
    }

    /// Checks the earlier breaches' dates and counts the repeats that step 5
    /// uses; adds no reason.
    fn repeats_in_window(&self) -> Result<u32, SpfError> {
        let report = self.report;
        let history = &self.rules.history;
        let window_start = report.occurred.months_before(history.window_months);
        let mut repeats: u32 = 0;
        for (i, earlier) in report.earlier_breaches.iter().enumerate() {
            if earlier.date > report.occurred {
                return Err(SpfError::new(
                    ErrorCode::DateOutOfOrder,
                    format!(
                        "earlier breach dated `{}` is after the breach being assessed (`{}`)",
                        earlier.date, report.occurred
                    ),
                    Pointer::root()
                        .key("earlierBreaches")
                        .index(i)
                        .key("date")
                        .into_string(),
                ));
            }
            let in_window = window_start.is_none_or(|start| earlier.date >= start);
            let counts = match history.repeat_scope {
                RepeatScope::SameKind => earlier.kind == report.kind,
                RepeatScope::AnyKind => true,
            };
            if in_window && counts {
                repeats = repeats.saturating_add(1);
            }
        }
        Ok(repeats)
    }

    /// The information asset, when one is reported, names the asset and its
    /// owner: a blank one could not be told.
    fn information_asset_named(&self) -> Result<(), SpfError> {
        let Some(asset) = &self.report.information_asset else {
            return Ok(());
        };
        for (value, field, what) in [
            (&asset.name, "name", "an information asset's name"),
            (&asset.owner, "owner", "an Information Asset Owner"),
        ] {
            if value.trim().is_empty() {
                return Err(SpfError::new(
                    ErrorCode::InvalidType,
                    format!("{what} must not be blank"),
                    Pointer::root()
                        .key("informationAsset")
                        .key(field)
                        .into_string(),
                ));
            }
        }
        Ok(())
    }

    /// Step 3: the matrix score before history, and the level its band
    /// indicates.
    fn matrix_score(
        &mut self,
        scale: Scale<'_>,
        level: Level,
    ) -> Result<(Level, Scored<'a>), SpfError> {
        let rules = self.rules;
        let care = self.report.care;
        let score = scale.score_for(care);
        let band_rule = self.compiled.band(score)?;
        self.trail.push(
            BreachStep::MatrixScore {
                row: scale.row,
                care,
                score,
                band: band_rule.band,
            },
            &rules.matrix.source,
        );
        if scale.uplift > 0 {
            self.trail.push(
                BreachStep::SensitiveUplift {
                    points: scale.uplift,
                },
                &rules.markings.sensitive_uplift.source,
            );
        }
        let to = level.max(band_rule.level);
        self.trail.push(
            BreachStep::BandLevel {
                band: band_rule.band,
                indicates: band_rule.level,
                from: level,
                to,
            },
            &band_rule.source,
        );
        Ok((
            to,
            Scored {
                score,
                band: band_rule,
            },
        ))
    }

    /// Step 4: minimum levels for care column 4 and classified material.
    /// Returns the level and the material minimum if it applied.
    fn minimum_levels(
        &mut self,
        marking: Marking,
        mut level: Level,
    ) -> (Level, Option<MaterialMinimum>) {
        let rules = self.rules;
        if self.report.care == Care::Deliberate {
            let rule = &rules.deliberate_intent;
            let to = level.max(rule.minimum);
            self.trail.push(
                BreachStep::DeliberateIntent {
                    minimum: rule.minimum,
                    from: level,
                    to,
                },
                &rule.source,
            );
            level = to;
        }
        if !marking.is_secret_or_above() {
            return (level, None);
        }
        let rule = &rules.classified_material;
        let kind = self.report.kind;
        let classification = marking.tier();
        let strap = marking.is_strap();
        // What the report said: a legacy marking keeps its own name in the reasons.
        let reported = self
            .report
            .marking
            .as_ref()
            .map_or_else(|| classification.into(), |m| m.classification);
        let without = &rule.kinds_without_material;
        if without.kinds.contains(&kind) {
            self.trail.push(
                BreachStep::NoClassifiedMaterial {
                    kind,
                    classification,
                    strap,
                    reported,
                },
                &without.source,
            );
            return (level, None);
        }
        let legacy = reported.split().is_err();
        let (applied, source) = if legacy {
            let rule = &rule.legacy_markings;
            (rule.minimum_applies, &rule.source)
        } else {
            (true, &rule.source)
        };
        let to = if applied {
            level.max(rule.minimum)
        } else {
            level
        };
        self.trail.push(
            BreachStep::ClassifiedMaterial {
                classification,
                strap,
                reported,
                applied,
                minimum: rule.minimum,
                from: level,
                to,
            },
            source,
        );
        let applied = applied.then_some(MaterialMinimum {
            classification,
            strap,
            reported,
            minimum: rule.minimum,
        });
        (to, applied)
    }

    /// Step 5: a previous warning (and a repeat, if the policy says so) raises
    /// the level; repeats and warnings then move the care column right and
    /// re-score, and a case the matrix gives an example of cites it.
    fn history(
        &mut self,
        scale: Scale<'_>,
        repeats: u32,
        level: Level,
        scored: Scored<'a>,
    ) -> Result<(Level, Scored<'a>), SpfError> {
        let report = self.report;
        let history = &self.rules.history;
        let warned = report.previous_warnings > 0;
        if repeats == 0 && !warned {
            return Ok((level, scored));
        }
        let steps = (if repeats > 0 {
            history.repeat_level_steps
        } else {
            0
        })
        .max(if warned {
            history.warning_level_steps
        } else {
            0
        });
        let mut level = level;
        if steps > 0 {
            let to = level.raised(steps);
            self.trail.push(
                BreachStep::HistoryEscalation {
                    repeats,
                    window_months: history.window_months,
                    previous_warnings: report.previous_warnings,
                    from: level,
                    to,
                },
                &history.escalation_source,
            );
            level = to;
        }
        let columns = repeats
            .saturating_mul(u32::from(history.care_columns_per_repeat))
            .saturating_add(if warned {
                u32::from(history.care_columns_for_warning)
            } else {
                0
            });
        if columns == 0 {
            return Ok((level, scored));
        }
        let care = report.care.shifted(columns);
        let score = scale.score_for(care);
        let band_rule = self.compiled.band(score)?;
        let to = level.max(band_rule.level);
        let example = history
            .matrix_examples
            .iter()
            .find(|e| e.matches(scored.score, repeats, warned, score, band_rule.band));
        self.trail.push(
            BreachStep::HistoryScore {
                repeats,
                window_months: history.window_months,
                previous_warnings: report.previous_warnings,
                columns,
                care,
                score,
                band: band_rule.band,
                matrix_example: example.is_some(),
                from: level,
                to,
            },
            example.map_or(&history.score_source, |e| &e.source),
        );
        Ok((
            to,
            Scored {
                score,
                band: band_rule,
            },
        ))
    }

    /// Step 6: damage, a factor for the manager.
    fn damage(&mut self, level: Level) -> Level {
        let report = self.report;
        if report.damage == Damage::None {
            return level;
        }
        let damage = &self.rules.damage;
        let steps = match report.damage {
            Damage::None => 0,
            Damage::Potential => damage.potential_steps,
            Damage::Actual => damage.actual_steps,
        };
        let to = level.raised(steps);
        self.trail.push(
            BreachStep::Damage {
                damage: report.damage,
                steps,
                from: level,
                to,
            },
            &damage.source,
        );
        to
    }

    /// Step 7: where the gross list's minimum for classified material set a
    /// level above the one the matrix's final band indicates, the answer states
    /// both and which prevails (domain-facts gap 19).
    fn sources_disagree(&mut self, minimum: Option<MaterialMinimum>, scored: Scored<'_>) {
        let Some(applied) = minimum else {
            return;
        };
        if scored.band.level >= applied.minimum {
            return;
        }
        self.trail.push(
            BreachStep::SourcesDisagree {
                classification: applied.classification,
                strap: applied.strap,
                reported: applied.reported,
                minimum: applied.minimum,
                score: scored.score,
                band: scored.band.band,
                indicates: scored.band.level,
            },
            &self.rules.classified_material.against_matrix,
        );
    }

    /// Step 8: for a kind whose conduct a listed example also describes at a
    /// higher level than the one reached, the answer names that example.
    fn listed_examples(&mut self, level: Level) -> Result<(), SpfError> {
        let kind = self.report.kind;
        for pair in self.rules.listed_examples.iter().filter(|p| p.kind == kind) {
            let listed = self.compiled.kind(pair.listed)?;
            if listed.floor > level {
                self.trail.push(
                    BreachStep::ConsiderListedExample {
                        kind: listed.kind,
                        list: listed.list,
                        level: listed.floor,
                        recommended: level,
                    },
                    &pair.source,
                );
            }
        }
        Ok(())
    }

    /// Step 9, first part: the route for the person: the first row of the
    /// policy's table that covers them.
    fn route(&mut self) -> Result<Route, SpfError> {
        let person = self.report.person;
        let row = self.compiled.route(person)?;
        self.trail.push(
            BreachStep::Route {
                status: person.status,
                organisation: person.organisation,
                route: row.route,
                label: row.label.clone(),
            },
            &row.source,
        );
        Ok(row.route)
    }

    /// Step 9, second part: the flags.
    fn flags(
        &mut self,
        kind_rule: &KindRule,
        marking: Marking,
        route: Route,
        band: Band,
        level: Level,
    ) -> Flags {
        let flag_rules = &self.rules.flags;
        let criminal_act = kind_rule.criminal_act;
        // Validation makes `aboutCircumstances` start at green: every band consults.
        let consult = &flag_rules.consult_security;
        let (consult_security, consult_source) = if band >= consult.before_acting.from_band {
            (ConsultSecurity::BeforeActing, &consult.before_acting.source)
        } else {
            (
                ConsultSecurity::AboutCircumstances,
                &consult.about_circumstances.source,
            )
        };
        let flags = Flags {
            record_centrally: true,
            breach_notice_may_be_issued: true,
            consult_security,
            report_to_strapso: marking.is_strap(),
            police_may_be_involved: criminal_act
                || band >= flag_rules.police_may_be_involved.from_band,
            contract_may_be_cancelled: route == Route::ContractManagement,
            manager_decision_required: true,
            inform_information_asset_owner: false,
            inform_data_protection_team: false,
            escalate_to_siro: false,
        };
        self.trail
            .push(BreachStep::RecordCentrally, &flag_rules.record_centrally);
        self.trail
            .push(BreachStep::BreachNotice, &flag_rules.breach_notice);
        self.trail.push(
            BreachStep::ConsultSecurity {
                band,
                strength: consult_security,
            },
            consult_source,
        );
        if flags.report_to_strapso {
            self.trail
                .push(BreachStep::ReportToStrapso, &flag_rules.report_to_strapso);
        }
        if flags.police_may_be_involved {
            self.trail.push(
                BreachStep::PoliceMayBeInvolved { criminal_act, band },
                &flag_rules.police_may_be_involved.source,
            );
        }
        let flags = self.information_risk(kind_rule, flags);
        self.trail.push(
            BreachStep::ManagerDecision { level },
            &flag_rules.manager_decision,
        );
        flags
    }

    /// Step 9, third part: who is told of the information risk. Each of the
    /// Information Asset Owner and the data protection team is told when the
    /// breach involves any fact its rule lists (the MoJ default: personal data
    /// or an owned asset for the owner, personal data for the team); an impact
    /// from the policy's threshold up escalates to the SIRO, and makes telling
    /// the team immediate (POL.IMP.004 escalates to both at once). Personal data
    /// is what the report says or what its kind is about (the catalogue's
    /// `personalData`). Where someone is told and the impact was not given, the
    /// answer says so. Reports with none of these facts get no reason here.
    fn information_risk(&mut self, kind_rule: &KindRule, flags: Flags) -> Flags {
        let flag_rules = &self.rules.flags;
        let report = self.report;
        let by_kind = kind_rule.personal_data && !report.personal_data;
        let personal_data = report.personal_data || kind_rule.personal_data;
        let asset = report.information_asset.as_ref();
        let involves = |rule: &InformRule| {
            rule.when.iter().any(|fact| match fact {
                InformationRiskFact::PersonalData => personal_data,
                InformationRiskFact::InformationAsset => asset.is_some(),
            })
        };
        let tell_owner = involves(&flag_rules.inform_asset_owner);
        let tell_team = involves(&flag_rules.inform_data_protection);
        let siro = &flag_rules.escalate_to_siro;
        let escalates = report
            .impact
            .is_some_and(|impact| impact >= siro.from_impact);
        if tell_owner {
            self.trail.push(
                BreachStep::InformAssetOwner {
                    personal_data,
                    personal_data_by_kind: by_kind,
                    asset: asset.map(|asset| asset.name.clone()),
                    owner: asset.map(|asset| asset.owner.clone()),
                },
                &flag_rules.inform_asset_owner.source,
            );
        }
        if tell_team {
            self.trail.push(
                BreachStep::InformDataProtection {
                    personal_data,
                    impact: report.impact,
                    immediately: escalates,
                },
                &flag_rules.inform_data_protection.source,
            );
        }
        match report.impact {
            Some(impact) if escalates => self.trail.push(
                BreachStep::EscalateToSiro {
                    impact,
                    from_impact: siro.from_impact,
                },
                &siro.source,
            ),
            None if tell_owner || tell_team => self.trail.push(
                BreachStep::ImpactNotAssessed {
                    from_impact: siro.from_impact,
                },
                &siro.source,
            ),
            _ => {}
        }
        Flags {
            inform_information_asset_owner: tell_owner,
            inform_data_protection_team: tell_team,
            escalate_to_siro: escalates,
            ..flags
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Engine;
    use crate::breach::Level;
    use crate::date::Date;

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn level_raises_cap_at_gross() {
        assert_eq!(Level::Minor.raised(1), Level::Serious);
        assert_eq!(Level::Serious.raised(2), Level::Gross);
        assert_eq!(Level::Gross.raised(1), Level::Gross);
        assert_eq!(Level::Minor.raised(200), Level::Gross);
    }

    #[test]
    fn care_shift_caps_at_deliberate() {
        assert_eq!(Care::AvoidableCarelessness.shifted(2), Care::Recklessness);
        assert_eq!(
            Care::HighCarelessness.shifted(u32::MAX - 1),
            Care::Deliberate
        );
    }

    #[test]
    fn earlier_breach_at_window_edge_counts() {
        let engine = Engine::moj_default();
        let mut report = BreachReport::new(
            BreachKind::ClearDeskFailure,
            Care::AvoidableCarelessness,
            day("2025-02-28"),
        );
        // 29 February 2024 plus twelve months is 28 February 2025: inside.
        report.earlier_breaches.push(crate::breach::EarlierBreach {
            date: day("2024-02-29"),
            kind: BreachKind::ClearDeskFailure,
        });
        let answer = engine.assess_breach(&report).unwrap();
        assert_eq!((answer.score, answer.level), (2, Level::Minor));
        // A day earlier falls outside the rolling window.
        report.earlier_breaches[0].date = day("2024-02-27");
        let answer = engine.assess_breach(&report).unwrap();
        assert_eq!((answer.score, answer.level), (1, Level::Minor));
    }

    #[test]
    fn the_level_alone_is_the_answers_level() {
        let engine = Engine::moj_default();
        let rules = &engine.policy().breach;
        let compiled = CompiledBreachRules::compile(rules);
        for kind in BreachKind::ALL {
            for care in Care::ALL {
                let mut report = BreachReport::new(kind, care, day("2025-02-28"));
                report.earlier_breaches.push(crate::breach::EarlierBreach {
                    date: day("2024-06-01"),
                    kind,
                });
                let answer = engine.assess_breach(&report).map(|a| a.level);
                let level = level(rules, &compiled, &report);
                let through_the_engine = engine.breach_engine().assess_level(&report);
                assert_eq!(answer, level, "{kind:?} {care:?}");
                assert_eq!(answer, through_the_engine, "{kind:?} {care:?}");
            }
        }
    }
}
