//! Property tests for `spf-core`: totality, monotonicity, the catalogue floor,
//! explanations, JSON round trips, determinism, policy validation, and agreement
//! with a small reference implementation written here from the rules as
//! documented in `breach/evaluate.rs`.
//!
//! The reference is deliberately independent of the library: its own calendar
//! arithmetic, its own matrix lookup and its own level logic. It is
//! parameterised by [`Rules`], whose [`Rules::documented`] constants are the
//! documented MoJ defaults (checked against `Policy::moj_default()` by
//! `documented_rules_are_the_default_policy`), and which can also be generated
//! at random and written into a policy document to test any valid policy.

// This is test code: the workspace denies these lints and clippy.toml allows
// them only inside #[test] functions, not in helpers and proptest strategies.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::Value;
use spf_core::policy::{KindRule, RepeatScope};
use spf_core::{
    Band, BreachAssessment, BreachKind, BreachReport, BreachStep, Care, Caveat, Classification,
    ConsultSecurity, Damage, Date, EarlierBreach, Engine, ErrorCode, Flags, Level, Organisation,
    Person, PersonStatus, Policy, ReportedClassification, ReportedMarking, Route, json,
};

use common::calendar::{Ymd, civil_from_days, date, days_from_civil, days_in_month, ymd};

static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::moj_default);

/// Cases per property; the whole file runs in about 5 seconds in debug.
const CASES: u32 = 512;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: CASES,
        // Keep the source tree clean: no proptest-regressions files.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------
// Independent calendar arithmetic (proleptic Gregorian).
// ---------------------------------------------------------------------------

/// The same day `months` calendar months earlier, clamped to the end of the
/// target month; `None` before year 1.
fn ref_months_before((year, month, day): Ymd, months: u32) -> Option<Ymd> {
    let total = i64::from(year) * 12 + i64::from(month) - 1 - i64::from(months);
    let y = total.div_euclid(12);
    let m = u32::try_from(total.rem_euclid(12) + 1).unwrap();
    if y < 1 {
        return None;
    }
    let y = i32::try_from(y).unwrap();
    Some((y, m, day.min(days_in_month(y, m))))
}

fn date_clamped(year: i32, month: u32, day: u32) -> Date {
    date((year, month, day.min(days_in_month(year, month))))
}

const FIRST_DAY: Ymd = (1, 1, 1);
const LAST_DAY: Ymd = (9999, 12, 31);

// ---------------------------------------------------------------------------
// The reference rules and the reference assessment.
// ---------------------------------------------------------------------------

/// The numbers the rules run on. `documented()` holds the MoJ defaults as
/// evaluate.rs documents them; random values are written into a policy with
/// [`Rules::apply`].
#[derive(Debug, Clone, PartialEq, Eq)]
struct Rules {
    /// Floor per kind, in `BreachKind::ALL` order.
    floors: [Level; 23],
    /// Score grid: rows official, secret, top secret and STRAP; columns care 1–4.
    grid: [[u8; 4]; 3],
    /// Highest score of green, amber and red (black runs to 12).
    cuts: [u8; 3],
    /// The level each band (green, amber, red, black) indicates.
    band_levels: [Level; 4],
    uplift: u8,
    unmarked: Classification,
    /// Conversions for unclassified, protect, restricted, confidential.
    legacy: [Classification; 4],
    window_months: u32,
    same_kind_only: bool,
    repeat_level_steps: u8,
    warning_level_steps: u8,
    columns_per_repeat: u8,
    columns_for_warning: u8,
    deliberate_minimum: Level,
    classified_minimum: Level,
    potential_steps: u8,
    actual_steps: u8,
    /// The band consulting Security before acting starts at (every band
    /// consults about the circumstances).
    before_acting_from: Band,
    police_from: Band,
}

fn documented_floor(kind: BreachKind) -> Level {
    use BreachKind as K;
    match kind {
        K::LossOfPass
        | K::PassNotWorn
        | K::WorkstationLeftUnlocked
        | K::ChangeOfCircumstancesNotReported
        | K::ClearDeskFailure
        | K::SensitiveInformationNotProtected
        | K::SensitiveDataPassedWithoutAuthority
        | K::Other => Level::Minor,
        K::PassMisuse
        | K::SensitiveAccessPassMisuse
        | K::PasswordOrAccountSharing
        | K::OfficialDocumentsNotSecured
        | K::OfficialMaterialLostThroughNegligence
        | K::PersonalDataLossOrRelease
        | K::SecurityCabinetNotLocked
        | K::PortableAssetLostThroughNegligence
        | K::EquipmentTakenAbroadWithoutAuthority
        | K::MisuseOfAssetsOrInformation
        | K::SignificantChangeOfCircumstancesNotReported => Level::Serious,
        K::ClassifiedMaterialDisclosed
        | K::SecretMaterialCompromisedThroughNegligence
        | K::CriminalAct
        | K::SeriousItPolicyBreach => Level::Gross,
    }
}

impl Rules {
    fn documented() -> Self {
        Rules {
            floors: BreachKind::ALL.map(documented_floor),
            grid: [[1, 2, 3, 5], [4, 6, 7, 9], [8, 10, 11, 12]],
            cuts: [2, 4, 8],
            band_levels: [Level::Minor, Level::Minor, Level::Serious, Level::Gross],
            uplift: 0,
            unmarked: Classification::Official,
            legacy: [
                Classification::Official,
                Classification::Official,
                Classification::Official,
                Classification::Secret,
            ],
            window_months: 12,
            same_kind_only: true,
            repeat_level_steps: 0,
            warning_level_steps: 1,
            columns_per_repeat: 1,
            columns_for_warning: 2,
            deliberate_minimum: Level::Serious,
            classified_minimum: Level::Gross,
            potential_steps: 0,
            actual_steps: 0,
            before_acting_from: Band::Amber,
            police_from: Band::Black,
        }
    }

    /// Inclusive score range of band `i` (green, amber, red, black).
    fn band_range(&self, i: usize) -> (u8, u8) {
        let lows = [1, self.cuts[0] + 1, self.cuts[1] + 1, self.cuts[2] + 1];
        let highs = [self.cuts[0], self.cuts[1], self.cuts[2], 12];
        (lows[i], highs[i])
    }

    fn band_of(&self, score: u8) -> (Band, Level) {
        let i = (0..4)
            .find(|&i| {
                let (low, high) = self.band_range(i);
                (low..=high).contains(&score)
            })
            .unwrap();
        (Band::ALL[i], self.band_levels[i])
    }

    fn tier(&self, classification: ReportedClassification) -> Classification {
        use ReportedClassification as R;
        match classification {
            R::Official => Classification::Official,
            R::Secret => Classification::Secret,
            R::TopSecret => Classification::TopSecret,
            R::Unclassified => self.legacy[0],
            R::Protect => self.legacy[1],
            R::Restricted => self.legacy[2],
            R::Confidential => self.legacy[3],
        }
    }

    fn tier_of(&self, marking: Option<&ReportedMarking>) -> Classification {
        marking.map_or(self.unmarked, |m| self.tier(m.classification))
    }

    /// Writes these numbers into a policy document.
    fn apply(&self, policy: &mut Policy) {
        let b = &mut policy.breach;
        for rule in &mut b.kinds {
            rule.floor = self.floors[rule.kind.index()];
        }
        b.matrix.official = self.grid[0];
        b.matrix.secret = self.grid[1];
        b.matrix.top_secret_and_strap = self.grid[2];
        for rule in &mut b.bands {
            let i = Band::ALL.iter().position(|x| *x == rule.band).unwrap();
            (rule.min_score, rule.max_score) = self.band_range(i);
            rule.level = self.band_levels[i];
        }
        b.markings.unmarked.scored_as = self.unmarked;
        for rule in &mut b.markings.legacy {
            rule.scored_as = self.tier(match rule.marking {
                spf_core::LegacyMarking::Unclassified => ReportedClassification::Unclassified,
                spf_core::LegacyMarking::Protect => ReportedClassification::Protect,
                spf_core::LegacyMarking::Restricted => ReportedClassification::Restricted,
                spf_core::LegacyMarking::Confidential => ReportedClassification::Confidential,
            });
        }
        b.markings.sensitive_uplift.points = self.uplift;
        let h = &mut b.history;
        h.window_months = self.window_months;
        h.repeat_scope = if self.same_kind_only {
            RepeatScope::SameKind
        } else {
            RepeatScope::AnyKind
        };
        h.repeat_level_steps = self.repeat_level_steps;
        h.warning_level_steps = self.warning_level_steps;
        h.care_columns_per_repeat = self.columns_per_repeat;
        h.care_columns_for_warning = self.columns_for_warning;
        b.deliberate_intent.minimum = self.deliberate_minimum;
        b.classified_material.minimum = self.classified_minimum;
        b.damage.potential_steps = self.potential_steps;
        b.damage.actual_steps = self.actual_steps;
        b.flags.consult_security.before_acting.from_band = self.before_acting_from;
        b.flags.police_may_be_involved.from_band = self.police_from;
    }

    /// The generated rules may loosen statements of the MoJ texts (a lower
    /// floor, a lower matrix score), so every statement is declared an agreed
    /// variation: these properties are about evaluation, not authority.
    fn policy(&self) -> Policy {
        let mut policy = common::variations::vary_every_statement(&Policy::moj_default());
        self.apply(&mut policy);
        policy
    }
}

/// The MoJ default's pairs of a kind and a listed example for the same conduct.
const SAME_CONDUCT: [(BreachKind, BreachKind); 5] = [
    (
        BreachKind::SensitiveDataPassedWithoutAuthority,
        BreachKind::ClassifiedMaterialDisclosed,
    ),
    (
        BreachKind::SensitiveDataPassedWithoutAuthority,
        BreachKind::PersonalDataLossOrRelease,
    ),
    (
        BreachKind::SensitiveInformationNotProtected,
        BreachKind::OfficialDocumentsNotSecured,
    ),
    (
        BreachKind::SensitiveInformationNotProtected,
        BreachKind::OfficialMaterialLostThroughNegligence,
    ),
    (
        BreachKind::ClearDeskFailure,
        BreachKind::OfficialDocumentsNotSecured,
    ),
];

/// The kinds the MoJ default says involve no material (passes, workstations,
/// accounts, personal circumstances).
fn without_material(kind: BreachKind) -> bool {
    use BreachKind as K;
    matches!(
        kind,
        K::LossOfPass
            | K::PassNotWorn
            | K::WorkstationLeftUnlocked
            | K::ChangeOfCircumstancesNotReported
            | K::PassMisuse
            | K::SensitiveAccessPassMisuse
            | K::PasswordOrAccountSharing
            | K::SignificantChangeOfCircumstancesNotReported
    )
}

/// The MoJ default's route for a person, as its route table documents it.
fn documented_route(status: PersonStatus, organisation: Organisation) -> Route {
    use PersonStatus as S;
    match (status, organisation) {
        (S::Probationer, _) => Route::ProbationPolicy,
        (S::Contractor | S::AgencyStaff, _) => Route::ContractManagement,
        (S::Minister, _) => Route::MinisterialCode,
        (S::SpecialAdviser, _) => Route::SpecialAdviserCode,
        (S::JudicialOfficer, _) => Route::JudicialConduct,
        (S::PermanentSecretary | S::Other, _) => Route::ResponsibleBodyReferral,
        (S::Employee, Organisation::Hmpps) => Route::HmppsDisciplinaryPolicy,
        (S::Employee, Organisation::Moj) => Route::MojDisciplinaryPolicy,
        (S::Employee, Organisation::OtherAgency) => Route::ArmsLengthBodyArrangements,
    }
}

fn raise(level: Level, steps: u8) -> Level {
    Level::ALL[(level as usize + usize::from(steps)).min(2)]
}

fn care_column(care: Care) -> usize {
    Care::ALL.iter().position(|c| *c == care).unwrap()
}

/// What the reference expects an assessment to say.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Expected {
    level: Level,
    score: u8,
    band: Band,
    /// Tier, SENSITIVE, STRAP of the marking scored.
    marking: (Classification, bool, bool),
    route: Route,
    flags: Flags,
    /// Rule ids of the reasons, in order.
    rules: Vec<&'static str>,
}

/// The rules of evaluate.rs's module documentation, for a report that has no
/// input errors.
fn reference(rules: &Rules, report: &BreachReport) -> Expected {
    use ReportedClassification as R;
    let mut ids = Vec::new();

    // 1. Marking.
    let (tier, sensitive, strap) = match &report.marking {
        None => {
            ids.push("breach.unmarkedMaterial");
            (rules.unmarked, false, false)
        }
        Some(m) => {
            if !matches!(m.classification, R::Official | R::Secret | R::TopSecret) {
                ids.push("breach.legacyMarking");
            }
            (
                rules.tier(m.classification),
                m.caveats.contains(&Caveat::Sensitive),
                m.caveats.contains(&Caveat::Strap),
            )
        }
    };

    // 2. Floor.
    ids.push("breach.catalogueFloor");
    let mut level = rules.floors[report.kind.index()];

    // 3. Matrix.
    let row = match (tier, strap) {
        (Classification::Official, _) => 0,
        (Classification::Secret, false) => 1,
        _ => 2,
    };
    let uplift = if sensitive { rules.uplift } else { 0 };
    let score_at = |column: usize| (rules.grid[row][column].saturating_add(uplift)).min(12);
    let column = care_column(report.care);
    let mut score = score_at(column);
    ids.push("breach.matrixScore");
    if uplift > 0 {
        ids.push("breach.sensitiveUplift");
    }
    ids.push("breach.bandLevel");
    level = level.max(rules.band_of(score).1);

    // 4. Minimums.
    if report.care == Care::Deliberate {
        ids.push("breach.deliberateIntent");
        level = level.max(rules.deliberate_minimum);
    }
    let mut material_minimum = false;
    if tier >= Classification::Secret {
        if without_material(report.kind) {
            ids.push("breach.noClassifiedMaterial");
        } else {
            ids.push("breach.classifiedMaterial");
            level = level.max(rules.classified_minimum);
            material_minimum = true;
        }
    }

    // 5. History.
    let window_start = ref_months_before(ymd(report.occurred), rules.window_months);
    let repeats = report
        .earlier_breaches
        .iter()
        .filter(|e| !rules.same_kind_only || e.kind == report.kind)
        .filter(|e| window_start.is_none_or(|start| ymd(e.date) >= start))
        .count();
    let warned = report.previous_warnings > 0;
    if repeats > 0 || warned {
        let steps = (if repeats > 0 {
            rules.repeat_level_steps
        } else {
            0
        })
        .max(if warned { rules.warning_level_steps } else { 0 });
        if steps > 0 {
            ids.push("breach.historyEscalation");
            level = raise(level, steps);
        }
        let columns = repeats * usize::from(rules.columns_per_repeat)
            + if warned {
                usize::from(rules.columns_for_warning)
            } else {
                0
            };
        if columns > 0 {
            ids.push("breach.historyScore");
            score = score_at((column + columns).min(3));
            level = level.max(rules.band_of(score).1);
        }
    }

    // 6. Damage.
    match report.damage {
        Damage::None => {}
        Damage::Potential => {
            ids.push("breach.damage");
            level = raise(level, rules.potential_steps);
        }
        Damage::Actual => {
            ids.push("breach.damage");
            level = raise(level, rules.actual_steps);
        }
    }
    let band = rules.band_of(score).0;

    // 7. The gross list against the matrix's final band.
    if material_minimum && rules.band_of(score).1 < rules.classified_minimum {
        ids.push("breach.sourcesDisagree");
    }

    // 8. Listed examples for the same conduct, above the level reached.
    for (kind, listed) in SAME_CONDUCT {
        if kind == report.kind && rules.floors[listed.index()] > level {
            ids.push("breach.considerListedExample");
        }
    }

    // 9. Route and flags (routes are not randomised: the MoJ defaults).
    let route = documented_route(report.person.status, report.person.organisation);
    ids.push("breach.route");
    let flags = Flags {
        record_centrally: true,
        breach_notice_may_be_issued: true,
        consult_security: if band >= rules.before_acting_from {
            ConsultSecurity::BeforeActing
        } else {
            ConsultSecurity::AboutCircumstances
        },
        report_to_strapso: strap,
        police_may_be_involved: report.kind == BreachKind::CriminalAct || band >= rules.police_from,
        contract_may_be_cancelled: route == Route::ContractManagement,
        manager_decision_required: true,
    };
    ids.push("breach.recordCentrally");
    ids.push("breach.breachNotice");
    ids.push("breach.consultSecurity");
    if flags.report_to_strapso {
        ids.push("breach.reportToStrapso");
    }
    if flags.police_may_be_involved {
        ids.push("breach.policeMayBeInvolved");
    }
    ids.push("breach.managerDecision");

    Expected {
        level,
        score,
        band,
        marking: (tier, sensitive, strap),
        route,
        flags,
        rules: ids,
    }
}

fn observed(answer: &BreachAssessment) -> Expected {
    Expected {
        level: answer.level,
        score: answer.score,
        band: answer.band,
        marking: (
            answer.marking.tier(),
            answer.marking.is_sensitive(),
            answer.marking.is_strap(),
        ),
        route: answer.route,
        flags: answer.flags,
        rules: answer.reasons.iter().map(|r| r.rule_id()).collect(),
    }
}

// ---------------------------------------------------------------------------
// Strategies.
// ---------------------------------------------------------------------------

fn kind() -> impl Strategy<Value = BreachKind> {
    prop::sample::select(BreachKind::ALL.to_vec())
}

fn care() -> impl Strategy<Value = Care> {
    prop::sample::select(Care::ALL.to_vec())
}

fn damage() -> impl Strategy<Value = Damage> {
    prop::sample::select(vec![Damage::None, Damage::Potential, Damage::Actual])
}

fn level() -> impl Strategy<Value = Level> {
    prop::sample::select(Level::ALL.to_vec())
}

fn band() -> impl Strategy<Value = Band> {
    prop::sample::select(Band::ALL.to_vec())
}

fn tier() -> impl Strategy<Value = Classification> {
    prop::sample::select(Classification::ALL.to_vec())
}

fn reported_classification() -> impl Strategy<Value = ReportedClassification> {
    use ReportedClassification as R;
    prop::sample::select(vec![
        R::Official,
        R::Secret,
        R::TopSecret,
        R::Unclassified,
        R::Protect,
        R::Restricted,
        R::Confidential,
    ])
}

fn warnings() -> impl Strategy<Value = u32> {
    prop_oneof![
        4 => Just(0u32),
        2 => 1u32..=3,
        1 => any::<u32>(),
        1 => Just(u32::MAX),
    ]
}

/// Any date in 0001..=9999, with extra weight on recent years, month ends and
/// the ends of the range.
fn any_date() -> impl Strategy<Value = Date> {
    prop_oneof![
        3 => (1i32..=9999, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| date((y, m, d))),
        3 => (2015i32..=2030, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| date_clamped(y, m, d)),
        1 => (1i32..=9999, 1u32..=12).prop_map(|(y, m)| date_clamped(y, m, 31)),
        1 => (prop_oneof![Just(1i32), Just(2), Just(9998), Just(9999)], 1u32..=12, 1u32..=31)
            .prop_map(|(y, m, d)| date_clamped(y, m, d)),
    ]
}

/// When an earlier breach happened, relative to the breach assessed.
#[derive(Debug, Clone)]
enum When {
    /// This many days before (0 is the same day).
    DaysBefore(u16),
    /// This many days after the start of the repeat window (negative: before).
    NearWindowStart(i8),
    /// A fraction (of `u32::MAX`) of the way from 0001-01-01 to the breach.
    Anywhere(u32),
}

#[derive(Debug, Clone)]
struct EarlierSpec {
    same_kind: bool,
    kind: BreachKind,
    when: When,
}

impl EarlierSpec {
    /// An earlier breach on or before `occurred`.
    fn resolve(&self, kind: BreachKind, occurred: Date, window_months: u32) -> EarlierBreach {
        let now = days_from_civil(ymd(occurred));
        let first = days_from_civil(FIRST_DAY);
        let day = match self.when {
            When::DaysBefore(n) => now - i64::from(n),
            When::NearWindowStart(k) => {
                ref_months_before(ymd(occurred), window_months).map_or(first, days_from_civil)
                    + i64::from(k)
            }
            When::Anywhere(f) => {
                first
                    + i64::try_from(i128::from(now - first) * i128::from(f) / i128::from(u32::MAX))
                        .unwrap()
            }
        };
        EarlierBreach {
            date: date(civil_from_days(day.clamp(first, now)).unwrap()),
            kind: if self.same_kind { kind } else { self.kind },
        }
    }
}

fn earlier_spec() -> impl Strategy<Value = EarlierSpec> {
    (
        any::<bool>(),
        kind(),
        prop_oneof![
            (0u16..=1500).prop_map(When::DaysBefore),
            (-3i8..=3).prop_map(When::NearWindowStart),
            any::<u32>().prop_map(When::Anywhere),
        ],
    )
        .prop_map(|(same_kind, kind, when)| EarlierSpec {
            same_kind,
            kind,
            when,
        })
}

/// The random parts of a report, before they are fitted to a policy.
#[derive(Debug, Clone)]
struct Raw {
    kind: BreachKind,
    classification: Option<ReportedClassification>,
    /// Add the caveat that suits the tier (SENSITIVE on OFFICIAL, else STRAP).
    caveat: bool,
    /// Used when the kind needs SECRET or above: (TOP SECRET?, STRAP?).
    upgrade: (bool, bool),
    care: Care,
    damage: Damage,
    warnings: u32,
    earlier: Vec<EarlierSpec>,
    occurred: Date,
    status: PersonStatus,
    organisation: Organisation,
    cleared: bool,
    reference: Option<String>,
    schema_version: bool,
}

fn raw_report() -> impl Strategy<Value = Raw> {
    (
        (
            kind(),
            prop::option::weighted(0.8, reported_classification()),
            any::<bool>(),
            any::<(bool, bool)>(),
            care(),
            damage(),
        ),
        (
            warnings(),
            prop::collection::vec(earlier_spec(), 0..6),
            any_date(),
            prop::sample::select(PersonStatus::ALL.to_vec()),
            prop::sample::select(Organisation::ALL.to_vec()),
            any::<bool>(),
        ),
        (prop::option::weighted(0.3, any::<String>()), any::<bool>()),
    )
        .prop_map(
            |(
                (kind, classification, caveat, upgrade, care, damage),
                (warnings, earlier, occurred, status, organisation, cleared),
                (reference, schema_version),
            )| Raw {
                kind,
                classification,
                caveat,
                upgrade,
                care,
                damage,
                warnings,
                earlier,
                occurred,
                status,
                organisation,
                cleared,
                reference,
                schema_version,
            },
        )
}

fn kind_rule(kind: BreachKind) -> &'static KindRule {
    ENGINE
        .policy()
        .breach
        .kinds
        .iter()
        .find(|r| r.kind == kind)
        .unwrap()
}

/// A well-formed report (valid marking, history on or before the breach). With
/// `fit`, it also meets its kind's constraints (clearance, minimum marking).
fn build(raw: &Raw, rules: &Rules, fit: bool) -> BreachReport {
    let mut marking = raw.classification.map(|c| {
        let mut m = ReportedMarking::plain(c);
        if raw.caveat {
            m.caveats
                .push(if rules.tier(c) == Classification::Official {
                    Caveat::Sensitive
                } else {
                    Caveat::Strap
                });
        }
        m
    });
    let rule = kind_rule(raw.kind);
    let mut cleared = raw.cleared;
    if fit {
        cleared |= rule.requires_security_clearance;
        if let Some(minimum) = rule.minimum_classification {
            if rules.tier_of(marking.as_ref()) < minimum {
                let tier = if raw.upgrade.0 {
                    Classification::TopSecret
                } else {
                    Classification::Secret
                };
                let mut m = ReportedMarking::plain(tier.max(minimum));
                if raw.upgrade.1 {
                    m.caveats.push(Caveat::Strap);
                }
                marking = Some(m);
            }
        }
    }
    BreachReport {
        schema_version: raw.schema_version.then_some(1),
        reference: raw.reference.clone(),
        kind: raw.kind,
        marking,
        care: raw.care,
        damage: raw.damage,
        previous_warnings: raw.warnings,
        earlier_breaches: raw
            .earlier
            .iter()
            .map(|s| s.resolve(raw.kind, raw.occurred, rules.window_months))
            .collect(),
        occurred: raw.occurred,
        person: Person {
            status: raw.status,
            organisation: raw.organisation,
            security_cleared: cleared,
        },

        personal_data: false,
        information_asset: None,
        impact: None,
    }
}

fn valid_report(raw: &Raw) -> BreachReport {
    build(raw, &Rules::documented(), true)
}

/// The kind-constraint errors (code and pointer) a report should get.
fn kind_violations(rules: &Rules, report: &BreachReport) -> Vec<(ErrorCode, String)> {
    let rule = kind_rule(report.kind);
    let mut out = Vec::new();
    if rule.requires_security_clearance && !report.person.security_cleared {
        out.push((
            ErrorCode::KindNotApplicable,
            "/person/securityCleared".to_owned(),
        ));
    }
    if let Some(minimum) = rule.minimum_classification {
        if rules.tier_of(report.marking.as_ref()) < minimum {
            out.push((ErrorCode::KindNotApplicable, "/marking".to_owned()));
        }
    }
    out
}

/// A report with possibly bad parts: any caveats, any schema version, earlier
/// breaches after the breach.
#[derive(Debug, Clone)]
struct Wild {
    raw: Raw,
    caveats: Vec<Caveat>,
    schema_version: Option<u32>,
    /// (earlier breach index, days after the breach assessed, less one).
    late: Vec<(usize, u16)>,
}

fn wild() -> impl Strategy<Value = Wild> {
    (
        raw_report(),
        prop::collection::vec(
            prop::sample::select(vec![Caveat::Sensitive, Caveat::Strap]),
            0..4,
        ),
        prop_oneof![3 => Just(None), 1 => Just(Some(1u32)), 1 => any::<u32>().prop_map(Some)],
        prop::collection::vec((0usize..6, any::<u16>()), 0..3),
    )
        .prop_map(|(raw, caveats, schema_version, late)| Wild {
            raw,
            caveats,
            schema_version,
            late,
        })
}

impl Wild {
    fn report(&self) -> BreachReport {
        let mut report = build(&self.raw, &Rules::documented(), false);
        if let Some(m) = &mut report.marking {
            m.caveats.clone_from(&self.caveats);
        }
        report.schema_version = self.schema_version;
        let now = days_from_civil(ymd(report.occurred));
        for &(i, days) in &self.late {
            let day = now + 1 + i64::from(days);
            if let Some(e) = report.earlier_breaches.get_mut(i) {
                if day <= days_from_civil(LAST_DAY) {
                    e.date = date(civil_from_days(day).unwrap());
                }
            }
        }
        report
    }
}

/// Every input error (code, pointer) the report has; empty when it is valid.
fn input_errors(report: &BreachReport) -> Vec<(ErrorCode, String)> {
    let rules = Rules::documented();
    let mut out = Vec::new();
    if report.schema_version.is_some_and(|v| v != 1) {
        out.push((
            ErrorCode::UnsupportedSchemaVersion,
            "/schemaVersion".to_owned(),
        ));
    }
    if let Some(m) = &report.marking {
        let tier = rules.tier(m.classification);
        let count = |c: Caveat| m.caveats.iter().filter(|x| **x == c).count();
        let sensitive = count(Caveat::Sensitive);
        let strap = count(Caveat::Strap);
        if sensitive > 1
            || strap > 1
            || (sensitive > 0 && tier != Classification::Official)
            || (strap > 0 && tier == Classification::Official)
        {
            out.push((ErrorCode::InvalidMarking, "/marking/caveats".to_owned()));
        }
    }
    out.extend(kind_violations(&rules, report));
    for (i, e) in report.earlier_breaches.iter().enumerate() {
        if e.date > report.occurred {
            out.push((
                ErrorCode::DateOutOfOrder,
                format!("/earlierBreaches/{i}/date"),
            ));
        }
    }
    out
}

/// One way to make a report worse, or the same.
#[derive(Debug, Clone)]
enum Worse {
    Care(Care),
    /// Two rungs of [`ladder`].
    Marking(usize, usize),
    Warnings(u32),
    Earlier(EarlierSpec),
    Damage(Damage),
}

/// OFFICIAL < OFFICIAL-SENSITIVE < SECRET < SECRET STRAP <= TOP SECRET <= TOP
/// SECRET STRAP.
fn ladder(rung: usize) -> ReportedMarking {
    use Classification as C;
    [
        ReportedMarking::plain(C::Official),
        ReportedMarking::plain(C::Official).with_caveat(Caveat::Sensitive),
        ReportedMarking::plain(C::Secret),
        ReportedMarking::plain(C::Secret).with_caveat(Caveat::Strap),
        ReportedMarking::plain(C::TopSecret),
        ReportedMarking::plain(C::TopSecret).with_caveat(Caveat::Strap),
    ][rung]
        .clone()
}

/// The rung of [`ladder`] that is SECRET.
const SECRET_RUNG: usize = 2;

fn worse() -> impl Strategy<Value = Worse> {
    prop_oneof![
        care().prop_map(Worse::Care),
        (0usize..6, 0usize..6).prop_map(|(a, b)| Worse::Marking(a, b)),
        warnings().prop_map(Worse::Warnings),
        earlier_spec().prop_map(Worse::Earlier),
        damage().prop_map(Worse::Damage),
    ]
}

/// A pair of reports that differ in one dimension only, the second no better
/// for the person than the first.
fn worsen(base: &BreachReport, how: &Worse, rules: &Rules) -> (BreachReport, BreachReport) {
    let mut low = base.clone();
    let mut high = base.clone();
    match how {
        Worse::Care(c) => {
            low.care = base.care.min(*c);
            high.care = base.care.max(*c);
        }
        Worse::Marking(a, b) => {
            let floor = match kind_rule(base.kind).minimum_classification {
                Some(_) => SECRET_RUNG,
                None => 0,
            };
            low.marking = Some(ladder((*a.min(b)).max(floor)));
            high.marking = Some(ladder((*a.max(b)).max(floor)));
        }
        Worse::Warnings(w) => {
            low.previous_warnings = base.previous_warnings.min(*w);
            high.previous_warnings = base.previous_warnings.max(*w);
        }
        Worse::Earlier(spec) => {
            high.earlier_breaches
                .push(spec.resolve(base.kind, base.occurred, rules.window_months));
        }
        Worse::Damage(d) => {
            low.damage = base.damage.min(*d);
            high.damage = base.damage.max(*d);
        }
    }
    (low, high)
}

/// Random valid numbers for a policy.
fn rules_strategy() -> impl Strategy<Value = Rules> {
    (
        (
            prop::array::uniform23(level()),
            prop::array::uniform12(1u8..=12),
            prop::sample::subsequence((1u8..=11).collect::<Vec<_>>(), 3),
            prop::array::uniform4(level()),
            any::<u8>(),
            tier(),
            prop::array::uniform4(tier()),
        ),
        (
            prop_oneof![Just(12u32), 1u32..=120],
            any::<bool>(),
            (0u8..=2, 0u8..=2),
            0u8..=3,
            0u8..=3,
            (level(), level()),
            (0u8..=2, 0u8..=2),
            (band(), band()),
        ),
    )
        .prop_map(
            |(
                (floors, cells, cuts, mut band_levels, uplift_seed, unmarked, mut legacy),
                (
                    window_months,
                    same_kind_only,
                    (repeat_level_steps, warning_level_steps),
                    columns_per_repeat,
                    columns_for_warning,
                    (deliberate_minimum, classified_minimum),
                    (d1, d2),
                    (before_acting_from, police_from),
                ),
            )| {
                let mut grid = [[0u8; 4]; 3];
                for (r, row) in grid.iter_mut().enumerate() {
                    row.copy_from_slice(&cells[r * 4..r * 4 + 4]);
                    row.sort_unstable();
                }
                // A higher classification never scores lower in any column.
                for r in 1..3 {
                    let below = grid[r - 1];
                    for (cell, low) in grid[r].iter_mut().zip(below) {
                        *cell = (*cell).max(low);
                    }
                }
                let headroom = (0..4).map(|c| grid[1][c] - grid[0][c]).min().unwrap();
                band_levels.sort_unstable();
                legacy.sort_unstable();
                Rules {
                    floors,
                    grid,
                    cuts: [cuts[0], cuts[1], cuts[2]],
                    band_levels,
                    uplift: uplift_seed % (headroom + 1),
                    unmarked,
                    legacy,
                    window_months,
                    same_kind_only,
                    repeat_level_steps,
                    warning_level_steps,
                    columns_per_repeat,
                    columns_for_warning,
                    deliberate_minimum,
                    classified_minimum,
                    potential_steps: d1.min(d2),
                    actual_steps: d1.max(d2),
                    before_acting_from,
                    police_from,
                }
            },
        )
}

// ---------------------------------------------------------------------------
// Checks shared by several properties.
// ---------------------------------------------------------------------------

fn assess(engine: &Engine, report: &BreachReport) -> Result<BreachAssessment, TestCaseError> {
    engine
        .assess_breach(report)
        .map_err(|e| TestCaseError::fail(format!("{e} for {report:?}")))
}

/// Level, score and band of `high` are no lower than those of `low`.
fn not_lower(
    engine: &Engine,
    low: &BreachReport,
    high: &BreachReport,
) -> Result<(), TestCaseError> {
    let a = assess(engine, low)?;
    let b = assess(engine, high)?;
    prop_assert!(
        b.level >= a.level && b.score >= a.score && b.band >= a.band,
        "worse report got a lower answer: {:?}/{}/{:?} then {:?}/{}/{:?}\nlow:  {low:?}\nhigh: {high:?}",
        a.level,
        a.score,
        a.band,
        b.level,
        b.score,
        b.band
    );
    Ok(())
}

/// What must hold of every answer, read against the engine's own policy.
fn check_answer(
    engine: &Engine,
    report: &BreachReport,
    answer: &BreachAssessment,
) -> Result<(), TestCaseError> {
    let policy = engine.policy();
    let rule = policy
        .breach
        .kinds
        .iter()
        .find(|r| r.kind == report.kind)
        .unwrap();
    prop_assert_eq!(answer.schema_version, 1);
    prop_assert_eq!(&answer.policy, engine.policy_ref());
    prop_assert_eq!(&answer.reference, &report.reference);
    prop_assert_eq!(answer.kind, report.kind);

    // Floor, score and band.
    prop_assert!(
        answer.level >= rule.floor,
        "{:?} below floor {:?}",
        answer.level,
        rule.floor
    );
    prop_assert!((1..=12).contains(&answer.score));
    let band = policy
        .breach
        .bands
        .iter()
        .find(|b| (b.min_score..=b.max_score).contains(&answer.score))
        .unwrap();
    prop_assert_eq!(answer.band, band.band);

    // Flags that always hold.
    prop_assert!(answer.flags.record_centrally);
    prop_assert!(answer.flags.manager_decision_required);
    prop_assert!(answer.flags.breach_notice_may_be_issued);
    prop_assert_eq!(answer.flags.report_to_strapso, answer.marking.is_strap());
    prop_assert_eq!(
        answer.flags.contract_may_be_cancelled,
        answer.route == Route::ContractManagement
    );

    // Reasons: cited, marking then floor first, manager decision last.
    let reasons = &answer.reasons;
    prop_assert!(reasons.len() >= 7);
    for reason in reasons {
        prop_assert!(!reason.citation.as_str().trim().is_empty(), "{reason:?}");
    }
    let ids: Vec<&str> = reasons.iter().map(|r| r.rule_id()).collect();
    let legacy = report
        .marking
        .as_ref()
        .is_some_and(|m| m.classification.split().is_err());
    let floor_at = if report.marking.is_none() {
        prop_assert_eq!(ids[0], "breach.unmarkedMaterial");
        1
    } else if legacy {
        prop_assert_eq!(ids[0], "breach.legacyMarking");
        1
    } else {
        0
    };
    prop_assert_eq!(ids[floor_at], "breach.catalogueFloor");
    prop_assert_eq!(*ids.last().unwrap(), "breach.managerDecision");
    for (flag, id) in [
        (true, "breach.consultSecurity"),
        (answer.flags.report_to_strapso, "breach.reportToStrapso"),
        (
            answer.flags.police_may_be_involved,
            "breach.policeMayBeInvolved",
        ),
        (true, "breach.route"),
        (true, "breach.recordCentrally"),
        (true, "breach.breachNotice"),
    ] {
        prop_assert_eq!(
            ids.iter().filter(|x| **x == id).count(),
            usize::from(flag),
            "{}",
            id
        );
    }

    // The level steps chain: each starts where the previous one ended.
    let mut current: Option<Level> = None;
    let mut last_score: Option<(u8, Band)> = None;
    for reason in reasons {
        match reason.step {
            BreachStep::CatalogueFloor { kind, level, list } => {
                prop_assert_eq!(kind, report.kind);
                prop_assert_eq!(level, rule.floor);
                prop_assert_eq!(list, rule.list);
                current = Some(level);
            }
            BreachStep::BandLevel { from, to, .. }
            | BreachStep::DeliberateIntent { from, to, .. }
            | BreachStep::ClassifiedMaterial { from, to, .. }
            | BreachStep::HistoryEscalation { from, to, .. }
            | BreachStep::HistoryScore { from, to, .. }
            | BreachStep::Damage { from, to, .. } => {
                prop_assert_eq!(Some(from), current, "{:?}", reason.step);
                prop_assert!(to >= from, "{:?}", reason.step);
                current = Some(to);
            }
            BreachStep::ManagerDecision { level } => {
                prop_assert_eq!(level, answer.level);
            }
            _ => {}
        }
        if let BreachStep::MatrixScore { score, band, .. }
        | BreachStep::HistoryScore { score, band, .. } = reason.step
        {
            last_score = Some((score, band));
        }
    }
    prop_assert_eq!(current, Some(answer.level));
    prop_assert_eq!(last_score, Some((answer.score, answer.band)));
    Ok(())
}

/// The property every engine answer for JSON text must have.
fn check_json_answer(engine: &Engine, text: &str) -> Result<(), TestCaseError> {
    match json::assess_breach(engine, text) {
        Ok(out) => {
            let answer: BreachAssessment = serde_json::from_str(&out)
                .map_err(|e| TestCaseError::fail(format!("answer does not parse: {e}")))?;
            let report: BreachReport = json::parse(text)
                .map_err(|e| TestCaseError::fail(format!("accepted text does not parse: {e}")))?;
            check_answer(engine, &report, &answer)?;
        }
        Err(e) => {
            prop_assert_ne!(e.code, ErrorCode::Internal, "{:?} for {:?}", e, text);
            prop_assert!(!e.code.is_policy_error(), "{:?}", e);
            prop_assert!(e.path.is_empty() || e.path.starts_with('/'), "{:?}", e);
            prop_assert!(!e.message.is_empty());
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// JSON-ish inputs.
// ---------------------------------------------------------------------------

const FIELD_NAMES: &[&str] = &[
    "schemaVersion",
    "reference",
    "kind",
    "marking",
    "classification",
    "caveats",
    "care",
    "damage",
    "previousWarnings",
    "earlierBreaches",
    "date",
    "occurred",
    "person",
    "status",
    "organisation",
    "securityCleared",
];

/// Strings the wire format gives meaning to, and some near misses.
fn words() -> Vec<String> {
    let mut out: Vec<String> = FIELD_NAMES.iter().map(|s| (*s).to_owned()).collect();
    out.extend(BreachKind::ALL.iter().map(|k| k.as_str().to_owned()));
    out.extend(Care::ALL.iter().map(|c| c.as_str().to_owned()));
    out.extend(PersonStatus::ALL.iter().map(|s| s.as_str().to_owned()));
    out.extend(Organisation::ALL.iter().map(|o| o.as_str().to_owned()));
    for s in [
        "none",
        "potential",
        "actual",
        "official",
        "secret",
        "topSecret",
        "unclassified",
        "protect",
        "restricted",
        "confidential",
        "sensitive",
        "strap",
        "2024-02-29",
        "2023-02-29",
        "0000-01-01",
        "0001-01-01",
        "9999-12-31",
        "2026-13-01",
        "2026-4-01",
        "",
        "Official",
        "LOSS_OF_PASS",
    ] {
        out.push(s.to_owned());
    }
    out
}

fn json_key() -> impl Strategy<Value = String> {
    // No `/`, `~` or backtick: see `unknown_field_pointer_with_special_characters`.
    prop_oneof![
        3 => prop::sample::select(FIELD_NAMES.to_vec()).prop_map(str::to_owned),
        1 => "[a-zA-Z0-9_]{1,10}",
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        prop_oneof![Just(0i64), Just(1), Just(-1), Just(2), any::<i64>()].prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        prop::sample::select(words()).prop_map(Value::String),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((json_key(), inner), 0..5)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

const POINTERS: &[&str] = &[
    "",
    "/kind",
    "/marking",
    "/marking/classification",
    "/marking/caveats",
    "/marking/caveats/0",
    "/care",
    "/damage",
    "/previousWarnings",
    "/earlierBreaches",
    "/earlierBreaches/0",
    "/earlierBreaches/0/date",
    "/earlierBreaches/0/kind",
    "/occurred",
    "/person",
    "/person/status",
    "/person/organisation",
    "/person/securityCleared",
    "/schemaVersion",
    "/reference",
];

#[derive(Debug, Clone)]
enum Edit {
    Remove(usize),
    Replace(usize, Value),
    Insert(usize, String, Value),
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = 0..POINTERS.len();
    prop_oneof![
        at.clone().prop_map(Edit::Remove),
        (at.clone(), json_value()).prop_map(|(i, v)| Edit::Replace(i, v)),
        (at, json_key(), json_value()).prop_map(|(i, k, v)| Edit::Insert(i, k, v)),
    ]
}

fn apply_edit(value: &mut Value, edit: &Edit) {
    match edit {
        Edit::Remove(i) => {
            let pointer = POINTERS[*i];
            let Some((parent, last)) = pointer.rsplit_once('/') else {
                return;
            };
            match value.pointer_mut(parent) {
                Some(Value::Object(map)) => {
                    map.remove(last);
                }
                Some(Value::Array(items)) => {
                    if let Ok(index) = last.parse::<usize>() {
                        if index < items.len() {
                            items.remove(index);
                        }
                    }
                }
                _ => {}
            }
        }
        Edit::Replace(i, new) => {
            if let Some(slot) = value.pointer_mut(POINTERS[*i]) {
                *slot = new.clone();
            }
        }
        Edit::Insert(i, key, new) => {
            if let Some(Value::Object(map)) = value.pointer_mut(POINTERS[*i]) {
                map.insert(key.clone(), new.clone());
            }
        }
    }
}

/// A text edit: at a fraction of the way through, delete some characters and
/// insert a token.
#[derive(Debug, Clone)]
struct TextEdit {
    at: u16,
    delete: u8,
    insert: String,
}

fn text_edit() -> impl Strategy<Value = TextEdit> {
    let token = prop_oneof![
        prop::sample::select(vec![
            "",
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"",
            "\\",
            "null",
            "true",
            "-0",
            "1e999",
            "18446744073709551616",
            "\\u0000",
            "\\ud800",
            "\u{feff}",
            " ",
            "\"kind\":",
            "\"kind\":\"other\",",
            "//",
            "/*",
        ])
        .prop_map(str::to_owned),
        any::<char>().prop_map(String::from),
    ];
    (any::<u16>(), 0u8..8, token).prop_map(|(at, delete, insert)| TextEdit { at, delete, insert })
}

fn apply_text_edit(text: &str, edit: &TextEdit) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = chars.len() * usize::from(edit.at) / (usize::from(u16::MAX) + 1);
    let end = (at + usize::from(edit.delete)).min(chars.len());
    let mut out: String = chars[..at].iter().collect();
    out.push_str(&edit.insert);
    out.extend(&chars[end..]);
    out
}

/// Numeric policy fields and how they can be broken.
#[derive(Debug, Clone)]
enum Perturb {
    Cell(usize, usize, u8),
    Uplift(u8),
    Window(u32),
    LevelSteps(u8),
    RepeatLevelSteps(u8),
    PerRepeat(u8),
    ForWarning(u8),
    Potential(u8),
    Actual(u8),
    BandMin(usize, u8),
    BandMax(usize, u8),
    BandLevel(usize, Level),
}

fn small_u8() -> impl Strategy<Value = u8> {
    prop_oneof![4 => 0u8..=14, 1 => any::<u8>()]
}

fn perturb() -> impl Strategy<Value = Perturb> {
    prop_oneof![
        (0usize..3, 0usize..4, small_u8()).prop_map(|(r, c, v)| Perturb::Cell(r, c, v)),
        small_u8().prop_map(Perturb::Uplift),
        prop_oneof![0u32..=130, any::<u32>()].prop_map(Perturb::Window),
        small_u8().prop_map(Perturb::LevelSteps),
        small_u8().prop_map(Perturb::RepeatLevelSteps),
        small_u8().prop_map(Perturb::PerRepeat),
        small_u8().prop_map(Perturb::ForWarning),
        small_u8().prop_map(Perturb::Potential),
        small_u8().prop_map(Perturb::Actual),
        (0usize..4, small_u8()).prop_map(|(i, v)| Perturb::BandMin(i, v)),
        (0usize..4, small_u8()).prop_map(|(i, v)| Perturb::BandMax(i, v)),
        (0usize..4, level()).prop_map(|(i, l)| Perturb::BandLevel(i, l)),
    ]
}

fn apply_perturb(policy: &mut Policy, p: &Perturb) {
    let b = &mut policy.breach;
    match *p {
        Perturb::Cell(r, c, v) => {
            let m = &mut b.matrix;
            [&mut m.official, &mut m.secret, &mut m.top_secret_and_strap][r][c] = v;
        }
        Perturb::Uplift(v) => b.markings.sensitive_uplift.points = v,
        Perturb::Window(v) => b.history.window_months = v,
        Perturb::LevelSteps(v) => b.history.warning_level_steps = v,
        Perturb::RepeatLevelSteps(v) => b.history.repeat_level_steps = v,
        Perturb::PerRepeat(v) => b.history.care_columns_per_repeat = v,
        Perturb::ForWarning(v) => b.history.care_columns_for_warning = v,
        Perturb::Potential(v) => b.damage.potential_steps = v,
        Perturb::Actual(v) => b.damage.actual_steps = v,
        Perturb::BandMin(i, v) => b.bands[i].min_score = v,
        Perturb::BandMax(i, v) => b.bands[i].max_score = v,
        Perturb::BandLevel(i, l) => b.bands[i].level = l,
    }
}

/// Whether the numeric fields [`Perturb`] touches are valid, decided here
/// independently of the library's validator.
fn numbers_valid(policy: &Policy) -> bool {
    let b = &policy.breach;
    let m = &b.matrix;
    let rows = [m.official, m.secret, m.top_secret_and_strap];
    let cells_ok = rows.iter().flatten().all(|v| (1..=12).contains(v));
    let across = rows.iter().all(|row| row.windows(2).all(|w| w[0] <= w[1]));
    let down = (0..4).all(|c| rows[0][c] <= rows[1][c] && rows[1][c] <= rows[2][c]);
    let uplift = (0..4).all(|c| {
        u16::from(rows[0][c]) + u16::from(b.markings.sensitive_uplift.points)
            <= u16::from(rows[1][c])
    });
    let h = &b.history;
    let history = (1..=120).contains(&h.window_months)
        && h.repeat_level_steps <= 2
        && h.warning_level_steps <= 2
        && h.care_columns_per_repeat <= 3
        && h.care_columns_for_warning <= 3;
    let damage = b.damage.actual_steps <= 2 && b.damage.potential_steps <= b.damage.actual_steps;
    let ranges = b
        .bands
        .iter()
        .all(|r| 1 <= r.min_score && r.min_score <= r.max_score && r.max_score <= 12);
    let cover = (1..=12u8).all(|s| {
        b.bands
            .iter()
            .filter(|r| (r.min_score..=r.max_score).contains(&s))
            .count()
            == 1
    });
    let mut sorted: Vec<_> = b.bands.iter().collect();
    sorted.sort_by_key(|r| r.min_score);
    let ordered = sorted
        .windows(2)
        .all(|w| w[0].band <= w[1].band && w[0].level <= w[1].level);
    cells_ok && across && down && uplift && history && damage && ranges && cover && ordered
}

// ---------------------------------------------------------------------------
// Plain tests.
// ---------------------------------------------------------------------------

#[test]
fn documented_rules_are_the_default_policy() {
    // The reference's constants are exactly the embedded MoJ policy's numbers.
    let mut documented = Policy::moj_default();
    Rules::documented().apply(&mut documented);
    assert_eq!(documented, Policy::moj_default());
}

#[test]
fn default_policy_json_round_trips() {
    let policy = Policy::moj_default();
    let text = policy.to_json_pretty();
    assert_eq!(Policy::from_json(&text).unwrap(), policy);
    let engine = Engine::from_policy_json(&text).unwrap();
    assert_eq!(engine.policy(), &policy);
    assert_eq!(engine.policy_json(), text);
    assert_eq!(json::export_policy(&ENGINE), text);
}

#[test]
fn kind_constraints_are_the_documented_ones() {
    // The totality property relies on exactly these kinds being constrained.
    for rule in &ENGINE.policy().breach.kinds {
        assert_eq!(
            rule.requires_security_clearance,
            matches!(
                rule.kind,
                BreachKind::ChangeOfCircumstancesNotReported
                    | BreachKind::SignificantChangeOfCircumstancesNotReported
            ),
            "{:?}",
            rule.kind
        );
        assert_eq!(
            rule.minimum_classification,
            (rule.kind == BreachKind::SecretMaterialCompromisedThroughNegligence)
                .then_some(Classification::Secret),
            "{:?}",
            rule.kind
        );
    }
}

/// Regression test: the pointer for an unknown field whose name contains `/`, `~`
/// or a backtick names the field once, escaped as RFC 6901 says.
#[test]
fn unknown_field_pointer_with_special_characters() {
    for (key, pointer) in [("a/b", "/a~1b"), ("a~b", "/a~0b"), ("a`b", "/a`b")] {
        let text = format!(r#"{{"kind":"lossOfPass","{key}":1}}"#);
        let err = json::assess_breach(&ENGINE, &text).unwrap_err();
        assert_eq!(err.code, ErrorCode::UnknownField);
        assert_eq!(err.path, pointer, "for key {key:?}");
    }
}

// ---------------------------------------------------------------------------
// Properties.
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    // --- 0. The reference's own calendar agrees with the library's. ---

    #[test]
    fn reference_calendar_agrees_with_date(d in any_date(), months in prop_oneof![Just(12u32), 0u32..=240, any::<u32>()]) {
        let days = days_from_civil(ymd(d));
        prop_assert_eq!(civil_from_days(days), Some(ymd(d)));
        if ymd(d) < LAST_DAY {
            let next = date(civil_from_days(days + 1).unwrap());
            prop_assert!(next > d);
        }
        prop_assert_eq!(d.months_before(months).map(ymd), ref_months_before(ymd(d), months));
    }

    // --- 1. Totality. ---

    #[test]
    fn well_formed_reports_are_answered_or_rejected_as_not_applicable(raw in raw_report()) {
        let rules = Rules::documented();
        let report = build(&raw, &rules, false);
        let expected = kind_violations(&rules, &report);
        match ENGINE.assess_breach(&report) {
            Ok(answer) => {
                prop_assert!(expected.is_empty(), "accepted despite {:?}", expected);
                check_answer(&ENGINE, &report, &answer)?;
            }
            Err(e) => {
                prop_assert_eq!(e.code, ErrorCode::KindNotApplicable, "{:?}", e);
                prop_assert!(expected.contains(&(e.code, e.path.clone())), "{:?} not in {:?}", e, expected);
            }
        }
    }

    #[test]
    fn reports_meeting_their_kind_constraints_are_always_answered(raw in raw_report()) {
        let report = valid_report(&raw);
        let answer = assess(&ENGINE, &report)?;
        check_answer(&ENGINE, &report, &answer)?;
    }

    #[test]
    fn bad_reports_fail_only_with_the_input_errors_they_have(w in wild()) {
        let report = w.report();
        let expected = input_errors(&report);
        match ENGINE.assess_breach(&report) {
            Ok(answer) => {
                prop_assert!(expected.is_empty(), "accepted despite {:?}", expected);
                check_answer(&ENGINE, &report, &answer)?;
            }
            Err(e) => {
                prop_assert!(expected.contains(&(e.code, e.path.clone())), "{:?} not in {:?}", e, expected);
            }
        }
        // The same through JSON.
        let text = serde_json::to_string(&report).unwrap();
        check_json_answer(&ENGINE, &text)?;
        prop_assert_eq!(
            json::assess_breach(&ENGINE, &text).is_ok(),
            expected.is_empty()
        );
    }

    #[test]
    fn arbitrary_text_never_panics(text in prop_oneof![
        any::<String>(),
        "[\\[\\]{}\":,0-9a-zA-Z .eE+\\-]{0,80}",
        "\\PC{0,40}",
    ]) {
        check_json_answer(&ENGINE, &text)?;
    }

    #[test]
    fn mutated_report_text_never_panics(w in wild(), edits in prop::collection::vec(text_edit(), 1..4)) {
        let mut text = serde_json::to_string(&w.report()).unwrap();
        for e in &edits {
            text = apply_text_edit(&text, e);
        }
        check_json_answer(&ENGINE, &text)?;
    }

    #[test]
    fn report_shaped_values_never_panic_and_errors_point_into_the_input(
        w in wild(),
        edits in prop::collection::vec(edit(), 0..4),
    ) {
        let mut value = serde_json::to_value(w.report()).unwrap();
        for e in &edits {
            apply_edit(&mut value, e);
        }
        let text = serde_json::to_string(&value).unwrap();
        check_json_answer(&ENGINE, &text)?;
        if let Err(e) = json::assess_breach(&ENGINE, &text) {
            // Every error but "not applicable" points at something in the input
            // (that one may point at a field to add, e.g. `securityCleared`).
            if e.code == ErrorCode::KindNotApplicable {
                let parent = e.path.rsplit_once('/').map_or("", |(p, _)| p);
                prop_assert!(value.pointer(parent).is_some(), "{:?} in {}", e, text);
            } else {
                prop_assert!(value.pointer(&e.path).is_some(), "{:?} in {}", e, text);
            }
        }
    }

    #[test]
    fn deep_nesting_never_panics(
        depth in prop_oneof![0usize..200, 0usize..5000],
        open in prop::sample::select(vec!["[", "{\"kind\":", "{\"reference\":", "{\"person\":", "{\"earlierBreaches\":[", "{\"marking\":{\"caveats\":["]),
        close in any::<bool>(),
    ) {
        let mut text = open.repeat(depth);
        if close {
            text.push_str(&"]".repeat(depth));
        }
        check_json_answer(&ENGINE, &text)?;
    }

    // --- 2. Monotonicity (default policy). ---

    #[test]
    fn worse_care_never_lowers_the_answer(raw in raw_report(), c in care()) {
        let (low, high) = worsen(&valid_report(&raw), &Worse::Care(c), &Rules::documented());
        not_lower(&ENGINE, &low, &high)?;
    }

    #[test]
    fn higher_classification_never_lowers_the_answer(raw in raw_report(), a in 0usize..6, b in 0usize..6) {
        let (low, high) = worsen(&valid_report(&raw), &Worse::Marking(a, b), &Rules::documented());
        not_lower(&ENGINE, &low, &high)?;
    }

    #[test]
    fn neighbouring_rungs_of_the_marking_ladder_never_go_down(raw in raw_report()) {
        let base = valid_report(&raw);
        let start = if kind_rule(base.kind).minimum_classification.is_some() { SECRET_RUNG } else { 0 };
        for rung in start..5 {
            let (low, high) = worsen(&base, &Worse::Marking(rung, rung + 1), &Rules::documented());
            not_lower(&ENGINE, &low, &high)?;
        }
    }

    #[test]
    fn more_previous_warnings_never_lower_the_answer(raw in raw_report(), w in warnings()) {
        let (low, high) = worsen(&valid_report(&raw), &Worse::Warnings(w), &Rules::documented());
        not_lower(&ENGINE, &low, &high)?;
    }

    #[test]
    fn an_extra_earlier_breach_never_lowers_the_answer(raw in raw_report(), spec in earlier_spec()) {
        let (low, high) = worsen(&valid_report(&raw), &Worse::Earlier(spec), &Rules::documented());
        not_lower(&ENGINE, &low, &high)?;
    }

    #[test]
    fn more_damage_never_lowers_the_answer(raw in raw_report(), d in damage()) {
        let (low, high) = worsen(&valid_report(&raw), &Worse::Damage(d), &Rules::documented());
        not_lower(&ENGINE, &low, &high)?;
    }

    #[test]
    fn unmarked_and_legacy_markings_score_as_their_tier(raw in raw_report(), caveat in any::<bool>()) {
        use ReportedClassification as R;
        let mut report = valid_report(&raw);
        if kind_rule(report.kind).minimum_classification.is_some() {
            report.kind = BreachKind::Other;
        }
        let answer_for = |marking: Option<ReportedMarking>| {
            let mut r = report.clone();
            r.marking = marking;
            assess(&ENGINE, &r).map(|a| (a.level, a.score, a.band, a.flags, a.route, a.marking))
        };
        prop_assert_eq!(answer_for(None)?, answer_for(Some(ReportedMarking::plain(R::Official)))?);
        for (legacy, tier) in [
            (R::Unclassified, R::Official),
            (R::Protect, R::Official),
            (R::Restricted, R::Official),
            (R::Confidential, R::Secret),
        ] {
            let with = |c: R| {
                let mut m = ReportedMarking::plain(c);
                if caveat {
                    m.caveats.push(if tier == R::Official { Caveat::Sensitive } else { Caveat::Strap });
                }
                m
            };
            prop_assert_eq!(answer_for(Some(with(legacy)))?, answer_for(Some(with(tier)))?);
        }
    }

    // --- 3. Floor. ---

    #[test]
    fn level_is_never_below_the_catalogue_floor(raw in raw_report()) {
        let report = valid_report(&raw);
        let answer = assess(&ENGINE, &report)?;
        let floor = ENGINE.policy().breach.kinds.iter().find(|k| k.kind == report.kind).unwrap().floor;
        prop_assert!(answer.level >= floor, "{:?} < {:?} for {:?}", answer.level, floor, report);
    }

    // --- 4. Reasons. ---

    #[test]
    fn reasons_are_ordered_cited_and_end_with_the_manager_decision(raw in raw_report()) {
        let report = valid_report(&raw);
        let answer = assess(&ENGINE, &report)?;
        let first = answer.reasons[0].rule_id();
        let second = answer.reasons[1].rule_id();
        match &report.marking {
            None => prop_assert_eq!((first, second), ("breach.unmarkedMaterial", "breach.catalogueFloor")),
            Some(m) if m.classification.split().is_err() => {
                prop_assert_eq!((first, second), ("breach.legacyMarking", "breach.catalogueFloor"));
            }
            Some(_) => prop_assert_eq!((first, second), ("breach.catalogueFloor", "breach.matrixScore")),
        }
        prop_assert!(answer.reasons.iter().all(|r| !r.citation.as_str().trim().is_empty()));
        prop_assert!(answer.flags.record_centrally);
        prop_assert!(answer.flags.manager_decision_required);
        let last = answer.reasons.last().unwrap();
        prop_assert_eq!(last.rule_id(), "breach.managerDecision");
        prop_assert_eq!(&last.step, &BreachStep::ManagerDecision { level: answer.level });
        check_answer(&ENGINE, &report, &answer)?;
    }

    // --- 5. JSON round trips. ---

    #[test]
    fn reports_round_trip_through_json(w in wild()) {
        let report = w.report();
        let text = serde_json::to_string(&report).unwrap();
        let back: BreachReport = json::parse(&text).map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
        prop_assert_eq!(back, report);
    }

    #[test]
    fn answers_round_trip_through_json(raw in raw_report()) {
        let answer = assess(&ENGINE, &valid_report(&raw))?;
        let text = serde_json::to_string(&answer).unwrap();
        let back: BreachAssessment = serde_json::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
        prop_assert_eq!(&back, &answer);
        let again: BreachAssessment = json::parse(&text).map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
        prop_assert_eq!(&again, &answer);
        prop_assert_eq!(&serde_json::to_string(&back).unwrap(), &text);
        // The direct writer gives exactly serde's bytes.
        prop_assert_eq!(answer.to_json(), text);
    }

    #[test]
    fn direct_writer_matches_serde_for_any_caller_text(
        raw in raw_report(),
        reference in proptest::option::of(any::<String>()),
        id in "\\PC{1,12}|[\"\\\\\u{0}-\u{1f}]{1,6}",
        citation in any::<String>().prop_filter("non-empty", |c| !c.trim().is_empty()),
    ) {
        let mut policy = Policy::moj_default();
        policy.id = format!("x{id}");
        // A statement's citation may add to the MoJ text, never drop it.
        policy.breach.flags.record_centrally.citation =
            spf_core::Citation::new(&format!("POLSBP002{citation}"));
        let engine = Engine::new(policy).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut report = valid_report(&raw);
        report.reference = reference;
        let answer = assess(&engine, &report)?;
        prop_assert_eq!(answer.to_json(), serde_json::to_string(&answer).unwrap());
        let via_json = json::assess_breach(&engine, &serde_json::to_string(&report).unwrap())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(via_json, answer.to_json());
    }

    #[test]
    fn valid_policies_round_trip_through_json(rules in rules_strategy()) {
        let policy = rules.policy();
        let text = policy.to_json_pretty();
        let back = Policy::from_json(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back, &policy);
        let engine = Engine::from_policy_json(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(engine.policy(), &policy);
        prop_assert_eq!(engine.policy_json(), text);
    }

    // --- 6. Determinism. ---

    #[test]
    fn json_answers_are_byte_identical(raw in raw_report()) {
        let text = serde_json::to_string(&valid_report(&raw)).unwrap();
        let once = json::assess_breach(&ENGINE, &text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let twice = json::assess_breach(&ENGINE, &text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&once, &twice);
        let other = Engine::moj_default();
        let elsewhere = json::assess_breach(&other, &text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&once, &elsewhere);
    }

    // --- 7. Agreement with the reference. ---

    #[test]
    fn engine_agrees_with_the_reference(raw in raw_report()) {
        let rules = Rules::documented();
        let report = build(&raw, &rules, true);
        let answer = assess(&ENGINE, &report)?;
        prop_assert_eq!(observed(&answer), reference(&rules, &report), "for {:?}", report);
    }

    #[test]
    fn engine_agrees_with_the_reference_at_the_repeat_window_edge(
        raw in raw_report(),
        k in -3i8..=3,
        same_kind in any::<bool>(),
    ) {
        let rules = Rules::documented();
        let mut report = build(&raw, &rules, true);
        report.previous_warnings = 0;
        report.earlier_breaches = vec![EarlierSpec { same_kind, kind: BreachKind::Other, when: When::NearWindowStart(k) }
            .resolve(report.kind, report.occurred, rules.window_months)];
        let answer = assess(&ENGINE, &report)?;
        prop_assert_eq!(observed(&answer), reference(&rules, &report), "for {:?}", report);
    }

    // --- Any valid policy: the reference, monotonicity and the floor. ---

    #[test]
    fn any_valid_policy_agrees_with_the_reference_and_is_monotone(
        rules in rules_strategy(),
        cases in prop::collection::vec((raw_report(), worse()), 4),
    ) {
        // One engine per policy, several reports against it.
        let engine = Engine::new(rules.policy()).map_err(|e| TestCaseError::fail(format!("{e} for {rules:?}")))?;
        for (raw, how) in &cases {
            let mut report = build(raw, &rules, true);
            for damage in [Damage::None, Damage::Potential, Damage::Actual] {
                report.damage = damage;
                let answer = assess(&engine, &report)?;
                prop_assert_eq!(observed(&answer), reference(&rules, &report), "for {:?}\nrules {:?}", report, rules);
                check_answer(&engine, &report, &answer)?;
            }
            report.damage = raw.damage;
            let (low, high) = worsen(&report, how, &rules);
            not_lower(&engine, &low, &high)?;
        }
    }

    #[test]
    fn validator_accepts_exactly_the_valid_numbers(
        rules in rules_strategy(),
        perturbs in prop::collection::vec(perturb(), 1..3),
        raw in raw_report(),
        how in worse(),
    ) {
        let mut policy = rules.policy();
        for p in &perturbs {
            apply_perturb(&mut policy, p);
        }
        let expected = numbers_valid(&policy);
        match Engine::new(policy) {
            Ok(engine) => {
                prop_assert!(expected, "accepted invalid numbers {:?}", perturbs);
                // Whatever the validator accepts evaluates without internal
                // errors, respects the floor and stays monotone.
                let report = build(&raw, &rules, true);
                let answer = assess(&engine, &report)?;
                check_answer(&engine, &report, &answer)?;
                let (low, high) = worsen(&report, &how, &rules);
                not_lower(&engine, &low, &high)?;
            }
            Err(errors) => {
                prop_assert!(!expected, "rejected valid numbers {:?}: {}", perturbs, errors);
                for e in errors.iter() {
                    prop_assert!(e.code.is_policy_error() || e.code == ErrorCode::UnsupportedSchemaVersion, "{:?}", e);
                }
            }
        }
    }

    #[test]
    fn mutated_policy_text_never_panics(edits in prop::collection::vec(text_edit(), 1..3), raw in raw_report()) {
        let mut text = ENGINE.policy_json();
        for e in &edits {
            text = apply_text_edit(&text, e);
        }
        match Engine::from_policy_json(&text) {
            Ok(engine) => {
                let report = valid_report(&raw);
                if let Err(e) = engine.assess_breach(&report) {
                    prop_assert_ne!(e.code, ErrorCode::Internal, "{:?}", e);
                }
            }
            Err(errors) => {
                for e in errors.iter() {
                    prop_assert_ne!(e.code, ErrorCode::Internal, "{:?}", e);
                }
            }
        }
    }
}
