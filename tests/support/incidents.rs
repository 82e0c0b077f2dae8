//! A deterministic generator of incident-register records, for the sample data,
//! the `trends` command's tests and its speed measurements.
//!
//! The shipped sample `examples/data/incidents.jsonl` is made with
//!
//! ```text
//! cargo run --release --example generate-incidents -- --seed 20261201 --count 1200 > examples/data/incidents.jsonl
//! ```
//!
//! and a test regenerates it and compares the bytes, so the file and this code
//! cannot drift apart. The output depends only on the seed and the count: the
//! random numbers come from a hand-written SplitMix64, never from the operating
//! system, and nothing iterates a hash map.
//!
//! What the records look like: eight business areas of different sizes, sites
//! taken from the sample estate (`examples/data/sites.json`) plus records with no
//! site, a pool of pseudonymous people (`P-00042`) in which a few people account
//! for many breaches (so there are repeat individuals) and people mostly stay at
//! one site (so some sites have several people in a quarter), every breach kind,
//! about 5% near misses, and dates from 2024-04-01 to 2026-11-20 with the breach
//! identified and recorded a few days after it happened. Each breach's level is
//! the engine's own assessment of a plausible breach report (so it never falls
//! below the kind's floor, and repeat breaches count as the policy says); a small
//! share of records carry that report instead of the level.

use std::collections::HashMap;
use std::io::{self, Write};

use spf_core::case::{
    BreachCase, CaseEvent, CaseEventKind, DecisionAction, RecordedRecommendation,
};
use spf_core::register::{IncidentRecord, RecordedOutcome};
use spf_core::{
    BreachKind, BreachReport, Care, Caveat, Classification, Damage, Date, EarlierBreach, Engine,
    Level, Organisation, Person, PersonStatus, ReportedMarking,
};

/// The seed of the shipped sample file.
pub const SAMPLE_SEED: u64 = 20_261_201;
/// The number of records in the shipped sample file.
pub const SAMPLE_COUNT: usize = 1200;

/// SplitMix64 (Steele, Lea and Flood): tiny, fast and good enough for sample
/// data; the same seed gives the same sequence on every platform.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator starting from `seed`.
    #[must_use]
    pub const fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0). Multiplying instead of taking a
    /// remainder keeps the bias negligible without a retry loop.
    pub fn below(&mut self, n: u64) -> u64 {
        let wide = u128::from(self.next_u64()) * u128::from(n);
        u64::try_from(wide >> 64).unwrap_or(0)
    }

    /// An index in `0..n` (0 when `n` is 0).
    pub fn index(&mut self, n: usize) -> usize {
        usize::try_from(self.below(u64::try_from(n).unwrap_or(u64::MAX))).unwrap_or(0)
    }

    /// True with a probability of `per_mille` in a thousand.
    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    /// An index in `0..n` that favours low indices (the smaller of two draws),
    /// for lists ordered from the busiest entry down.
    pub fn skewed(&mut self, n: usize) -> usize {
        self.index(n).min(self.index(n))
    }

    /// An index into `weights`, each chosen in proportion to its weight.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|w| u64::from(*w)).sum();
        let mut draw = self.below(total);
        for (index, weight) in weights.iter().enumerate() {
            let weight = u64::from(*weight);
            if draw < weight {
                return index;
            }
            draw -= weight;
        }
        weights.len().saturating_sub(1)
    }
}

/// A business area: its relative size, its sites (busiest first), how often a
/// breach has no site (home working, travel, post), the organisation its staff
/// belong to and how many of them are security-cleared.
struct Area {
    name: &'static str,
    weight: u32,
    sites: &'static [&'static str],
    no_site_per_mille: u64,
    organisation: Organisation,
    cleared_per_mille: u64,
}

/// Site ids from the sample estate, `examples/data/sites.json`.
const AREAS: [Area; 8] = [
    Area {
        name: "HMCTS",
        weight: 34,
        sites: &[
            "MOJ-LDN-0002",
            "MOJ-LDN-0003",
            "MOJ-BHM-0001",
            "MOJ-MAN-0001",
            "MOJ-LDN-0004",
            "MOJ-LDS-0001",
            "MOJ-LDN-0005",
            "MOJ-LIV-0001",
            "MOJ-NTH-0001",
            "MOJ-LDN-0008",
            "MOJ-LDN-0009",
            "MOJ-BRS-0001",
            "MOJ-CDF-0001",
            "MOJ-MAN-0002",
            "MOJ-BHM-0002",
            "MOJ-NCL-0001",
            "MOJ-SHF-0001",
            "MOJ-LDN-0018",
            "MOJ-LDN-0013",
            "MOJ-LDN-0016",
            "MOJ-LDN-0010",
            "MOJ-NOT-0001",
            "MOJ-LEI-0001",
            "MOJ-MAN-0004",
            "MOJ-LDN-0014",
            "MOJ-BRS-0002",
            "MOJ-CDF-0002",
            "MOJ-SHF-0002",
            "MOJ-BHM-0006",
            "MOJ-LDS-0003",
            "MOJ-SWA-0001",
            "MOJ-NOR-0001",
            "MOJ-EXE-0001",
            "MOJ-SOU-0001",
        ],
        no_site_per_mille: 100,
        organisation: Organisation::OtherAgency,
        cleared_per_mille: 250,
    },
    Area {
        name: "HMPPS",
        weight: 30,
        sites: &[
            "MOJ-LDN-0012",
            "MOJ-LDN-0006",
            "MOJ-MAN-0003",
            "MOJ-BHM-0003",
            "MOJ-LDN-0007",
            "MOJ-LDN-0015",
            "MOJ-LDS-0002",
            "MOJ-LIV-0002",
            "MOJ-DUR-0001",
            "MOJ-WAK-0001",
            "MOJ-LDN-0017",
            "MOJ-WOR-0001",
            "MOJ-MKY-0001",
            "MOJ-CAM-0001",
            "MOJ-BRS-0003",
            "MOJ-CDF-0003",
            "MOJ-LDN-0011",
            "MOJ-BHM-0005",
            "MOJ-MAN-0005",
            "MOJ-LDS-0004",
            "MOJ-NCL-0002",
            "MOJ-CDF-0004",
        ],
        no_site_per_mille: 120,
        organisation: Organisation::Hmpps,
        cleared_per_mille: 600,
    },
    Area {
        name: "MoJ HQ",
        weight: 12,
        sites: &["MOJ-LDN-0001"],
        no_site_per_mille: 300,
        organisation: Organisation::Moj,
        cleared_per_mille: 700,
    },
    Area {
        name: "LAA",
        weight: 7,
        sites: &["MOJ-LIV-0003", "MOJ-NOT-0002", "MOJ-BTN-0001"],
        no_site_per_mille: 150,
        organisation: Organisation::OtherAgency,
        cleared_per_mille: 200,
    },
    Area {
        name: "OPG",
        weight: 6,
        sites: &["MOJ-BHM-0004", "MOJ-NOT-0003"],
        no_site_per_mille: 200,
        organisation: Organisation::OtherAgency,
        cleared_per_mille: 200,
    },
    Area {
        name: "CICA",
        weight: 4,
        sites: &["MOJ-GLA-0001"],
        no_site_per_mille: 150,
        organisation: Organisation::OtherAgency,
        cleared_per_mille: 200,
    },
    Area {
        name: "Judicial Appointments Commission",
        weight: 4,
        sites: &["MOJ-LDN-0001"],
        no_site_per_mille: 350,
        organisation: Organisation::OtherAgency,
        cleared_per_mille: 500,
    },
    Area {
        name: "Youth Justice Board",
        weight: 3,
        sites: &["MOJ-LDN-0001"],
        no_site_per_mille: 400,
        organisation: Organisation::OtherAgency,
        cleared_per_mille: 400,
    },
];

/// How common each kind is, per ten thousand or so: the everyday minor breaches
/// dominate; gross misconduct is rare but present.
const fn kind_weight(kind: BreachKind) -> u32 {
    match kind {
        BreachKind::LossOfPass => 120,
        BreachKind::PassNotWorn => 100,
        BreachKind::WorkstationLeftUnlocked => 110,
        BreachKind::ChangeOfCircumstancesNotReported => 25,
        BreachKind::PassMisuse => 40,
        BreachKind::SensitiveAccessPassMisuse => 10,
        BreachKind::PasswordOrAccountSharing => 35,
        BreachKind::OfficialDocumentsNotSecured => 60,
        BreachKind::OfficialMaterialLostThroughNegligence => 35,
        BreachKind::PersonalDataLossOrRelease => 30,
        BreachKind::SecurityCabinetNotLocked => 35,
        BreachKind::PortableAssetLostThroughNegligence => 40,
        BreachKind::EquipmentTakenAbroadWithoutAuthority => 15,
        BreachKind::MisuseOfAssetsOrInformation => 15,
        BreachKind::SignificantChangeOfCircumstancesNotReported => 10,
        BreachKind::ClassifiedMaterialDisclosed => 10,
        BreachKind::SecretMaterialCompromisedThroughNegligence => 10,
        BreachKind::CriminalAct => 10,
        BreachKind::SeriousItPolicyBreach => 15,
        BreachKind::ClearDeskFailure => 110,
        BreachKind::SensitiveInformationNotProtected => 50,
        BreachKind::SensitiveDataPassedWithoutAuthority => 15,
        BreachKind::Other => 25,
    }
}

/// Whether a kind is about marked material (documents, data, devices holding
/// data), so that a marking is recorded.
const fn involves_material(kind: BreachKind) -> bool {
    matches!(
        kind,
        BreachKind::OfficialDocumentsNotSecured
            | BreachKind::OfficialMaterialLostThroughNegligence
            | BreachKind::PersonalDataLossOrRelease
            | BreachKind::SecurityCabinetNotLocked
            | BreachKind::PortableAssetLostThroughNegligence
            | BreachKind::MisuseOfAssetsOrInformation
            | BreachKind::ClassifiedMaterialDisclosed
            | BreachKind::SecretMaterialCompromisedThroughNegligence
            | BreachKind::ClearDeskFailure
            | BreachKind::SensitiveInformationNotProtected
            | BreachKind::SensitiveDataPassedWithoutAuthority
    )
}

/// The first and last days a breach may happen on.
fn period() -> (Date, Date) {
    let first = Date::from_ymd(2024, 4, 1).unwrap_or(Date::EARLIEST);
    let last = Date::from_ymd(2026, 11, 20).unwrap_or(first);
    (first, last)
}

/// Earlier breaches further back than this are not put in a report.
const HISTORY_MONTHS: u32 = 24;

/// The people of one business area: a contiguous block of person numbers whose
/// first few are the "frequent" ones.
#[derive(Clone, Copy)]
struct Pool {
    first: u64,
    size: u64,
    frequent: u64,
}

fn pools(count: usize) -> Vec<Pool> {
    // A few thousand people for the sample; more for big files, so that a
    // million records do not all fall on the same faces.
    let people = u64::try_from(count)
        .unwrap_or(u64::MAX)
        .saturating_mul(2)
        .max(3000);
    let total_weight: u64 = AREAS.iter().map(|a| u64::from(a.weight)).sum();
    let mut first = 1;
    AREAS
        .iter()
        .map(|area| {
            let size = (people * u64::from(area.weight) / total_weight.max(1)).max(20);
            let pool = Pool {
                first,
                size,
                frequent: (size / 40).max(3),
            };
            first += size;
            pool
        })
        .collect()
}

/// Generates `count` incident records from `seed`; the same arguments always
/// give the same records. Ids run `INC-000001`, `INC-000002`, … in the order the
/// breaches happened.
#[must_use]
pub fn generate(seed: u64, count: usize) -> Vec<IncidentRecord> {
    generate_with_reports(seed, count)
        .into_iter()
        .map(|generated| generated.record)
        .collect()
}

/// The breach reports behind [`generate`]'s records, one per record, near
/// misses included (each is the report the record's level was assessed from,
/// with the person's earlier breaches): a large, varied batch for timing
/// `spf breaches`. Every report is one the engine accepts.
#[must_use]
pub fn generate_breach_reports(seed: u64, count: usize) -> Vec<BreachReport> {
    generate_with_reports(seed, count)
        .into_iter()
        .map(|generated| generated.report)
        .collect()
}

/// One generated breach: the register's record (with the case's outcome once
/// decided), the report behind it, and its case's events up to
/// [`SAMPLE_CASES_AS_OF`] (none for a near miss).
struct Generated {
    record: IncidentRecord,
    report: BreachReport,
    recommended: Level,
    case: CaseDraw,
}

fn generate_with_reports(seed: u64, count: usize) -> Vec<Generated> {
    let engine = Engine::moj_default();
    let mut rng = SplitMix64::new(seed);
    let (first_day, last_day) = period();
    let span = u64::try_from(last_day.days_since(first_day)).unwrap_or(0);

    // Dates first, in order, so that each person's history is known when their
    // next breach is assessed. A share of draws favour later days: the register
    // grows as reporting improves.
    let mut days: Vec<u64> = (0..count)
        .map(|_| {
            let day = rng.below(span + 1);
            if rng.chance(300) {
                day.max(rng.below(span + 1))
            } else {
                day
            }
        })
        .collect();
    days.sort_unstable();

    let pools = pools(count);
    let area_weights: Vec<u32> = AREAS.iter().map(|a| a.weight).collect();
    let kind_weights: Vec<u32> = BreachKind::ALL.iter().map(|k| kind_weight(*k)).collect();
    let mut history: HashMap<u64, Vec<EarlierBreach>> = HashMap::new();
    let mut records = Vec::with_capacity(count);
    for (number, day) in days.into_iter().enumerate() {
        let occurred = first_day
            .days_after(u32::try_from(day).unwrap_or(0))
            .unwrap_or(first_day);
        let id = format!("INC-{:06}", number + 1);
        let area_index = rng.weighted(&area_weights);
        let (Some(area), Some(pool)) = (AREAS.get(area_index), pools.get(area_index)) else {
            continue;
        };
        let kind_index = rng.weighted(&kind_weights);
        let kind = BreachKind::ALL
            .get(kind_index)
            .copied()
            .unwrap_or(BreachKind::Other);
        let (mut record, report) = record(
            &engine,
            &mut rng,
            &mut history,
            Draw {
                id,
                occurred,
                last_day,
                area,
                pool: *pool,
                kind,
            },
        );
        let recommended = level_of(&engine, &report);
        // Each case draws from a stream of its own, so that the records'
        // other fields are what they were before cases were generated.
        let case = if record.near_miss {
            CaseDraw::default()
        } else {
            let mut case_rng = SplitMix64::new(
                seed ^ 0x00CA_5E00_CA5E
                    ^ u64::try_from(number)
                        .unwrap_or(0)
                        .wrapping_mul(0x9E37_79B9_7F4A_7C15),
            );
            case_events(
                &mut case_rng,
                &record,
                &report,
                recommended,
                sample_cases_as_of(),
            )
        };
        record.outcome = case.outcome();
        records.push(Generated {
            record,
            report,
            recommended,
            case,
        });
    }
    records
}

/// [`SAMPLE_CASES_AS_OF`] as a date.
fn sample_cases_as_of() -> Date {
    let (year, month, day) = SAMPLE_CASES_AS_OF;
    Date::from_ymd(year, month, day).unwrap_or(Date::LATEST)
}

/// The date the shipped sample cases are as of (`examples/data/cases.jsonl`).
pub const SAMPLE_CASES_AS_OF: (i32, u32, u32) = (2026, 11, 30);

/// How many cases the shipped sample has.
pub const SAMPLE_CASE_COUNT: usize = 240;

/// Why a manager decided below the recommendation, in words a case record
/// would use.
const LOWER_REASONS: [&str; 5] = [
    "first breach in a long career; nothing was lost",
    "the pass was found the same day and cancelled at once",
    "the documents stayed inside a secure building throughout",
    "the person reported it themselves straight away",
    "team training already arranged; no harm resulted",
];

/// Breach cases behind [`generate`]'s records as an HR case system would hold
/// them on [`SAMPLE_CASES_AS_OF`], their decisions those of the records'
/// outcomes: the report, the recommendation as assessed (recorded for
/// most), and the dated events so far. Most cases run their course; recent
/// ones are still open; a few managers depart from the recommendation, most
/// with a reason; and a few records have the defects a case check finds (an
/// investigation started late, a decision with no investigation, a closure
/// with no decision). Near misses are not cases.
#[must_use]
pub fn generate_cases(seed: u64, count: usize) -> Vec<BreachCase> {
    let engine = Engine::moj_default();
    generate_with_reports(seed, count)
        .into_iter()
        .filter(|generated| !generated.record.near_miss)
        .enumerate()
        .map(|(number, generated)| {
            // Most case systems keep what the assessment answered.
            let recorded = number % 10 != 9;
            BreachCase {
                reference: Some(generated.record.id.replacen("INC-", "CASE-", 1)),
                report: generated.report,
                recommendation: recorded.then(|| RecordedRecommendation {
                    policy: engine.policy_ref().clone(),
                    level: generated.recommended,
                }),
                events: generated.case.events(),
            }
        })
        .collect()
}

/// One event drawn for a case, kept without allocating: generating a
/// million records must leave the heap as it would be without cases, or the
/// trend report's timing would measure the generator's leftovers.
#[derive(Clone, Copy)]
enum Drawn {
    Plain(CaseEventKind, Date),
    Decision(Date, Level, DecisionAction, Option<&'static str>),
}

/// A case's events up to `as_of`, in the order the case system lists them.
#[derive(Clone, Copy, Default)]
struct CaseDraw {
    events: [Option<Drawn>; 5],
    newest_first: bool,
}

impl CaseDraw {
    fn push(&mut self, event: Drawn) {
        if let Some(slot) = self.events.iter_mut().find(|slot| slot.is_none()) {
            *slot = Some(event);
        }
    }

    /// The events as a case record holds them.
    fn events(&self) -> Vec<CaseEvent> {
        let mut events: Vec<CaseEvent> = self
            .events
            .iter()
            .flatten()
            .map(|event| match *event {
                Drawn::Plain(kind, on) => CaseEvent::new(kind, on),
                Drawn::Decision(on, level, action, reason) => {
                    CaseEvent::decision(on, level, action, reason)
                }
            })
            .collect();
        if self.newest_first {
            events.reverse();
        }
        events
    }

    /// The manager's decision, as the register records it.
    fn outcome(&self) -> Option<RecordedOutcome> {
        self.events.iter().flatten().find_map(|event| match *event {
            Drawn::Decision(decided, level, action, _) => Some(RecordedOutcome {
                decided,
                level,
                action,
            }),
            Drawn::Plain(..) => None,
        })
    }
}

/// A case's events up to `as_of`.
fn case_events(
    rng: &mut SplitMix64,
    record: &IncidentRecord,
    report: &BreachReport,
    recommended: Level,
    as_of: Date,
) -> CaseDraw {
    let after = |date: Date, days: u64| date.days_after(u32::try_from(days).unwrap_or(0));
    let happened = |date: Option<Date>| date.filter(|date| *date <= as_of);
    let reported = record.identified.unwrap_or(record.occurred);
    let mut events = CaseDraw::default();
    if !rng.chance(30) {
        events.push(Drawn::Plain(CaseEventKind::Reported, reported));
    }
    // Mostly within the 10 days of the default target; now and then later.
    let started = happened(after(
        reported,
        if rng.chance(100) {
            11 + rng.below(20)
        } else {
            rng.below(8)
        },
    ));
    let decided = happened(after(reported, 8 + rng.below(60)));
    let skip_investigation = decided.is_some() && rng.chance(15);
    if let Some(started) = started.filter(|_| !skip_investigation) {
        events.push(Drawn::Plain(CaseEventKind::InvestigationStarted, started));
        if recommended > Level::Minor
            && rng.chance(300)
            && let Some(notice) = happened(after(started, rng.below(10)))
        {
            events.push(Drawn::Plain(CaseEventKind::BreachNoticeIssued, notice));
        }
    }
    let closed_without_decision = decided.is_some() && rng.chance(10);
    let Some(decided) = decided.filter(|decided| Some(*decided) >= started) else {
        return events;
    };
    if closed_without_decision {
        events.push(Drawn::Plain(CaseEventKind::Closed, decided));
        return events;
    }
    let roll = rng.below(100);
    let level = match roll {
        0..=11 => Level::ALL
            .into_iter()
            .rev()
            .find(|level| *level < recommended)
            .unwrap_or(recommended),
        12..=19 => recommended.raised(1),
        _ => recommended,
    };
    let reason = (level < recommended && rng.chance(850))
        .then(|| LOWER_REASONS.get(rng.index(LOWER_REASONS.len())).copied())
        .flatten();
    let contractor = matches!(
        report.person.status,
        PersonStatus::Contractor | PersonStatus::AgencyStaff
    );
    let action = match level {
        _ if contractor => DecisionAction::ContractAction,
        _ if report.kind == BreachKind::CriminalAct => DecisionAction::ReferredToPolice,
        Level::Minor if rng.chance(300) => DecisionAction::NoAction,
        Level::Minor => DecisionAction::Informal,
        Level::Serious | Level::Gross => DecisionAction::Disciplinary,
    };
    events.push(Drawn::Decision(decided, level, action, reason));
    if let Some(closed) = happened(after(decided, rng.below(15))).filter(|_| !rng.chance(40)) {
        events.push(Drawn::Plain(CaseEventKind::Closed, closed));
    }
    // A case system lists events as it pleases: now and then newest first.
    events.newest_first = rng.chance(100);
    events
}

/// Writes breach cases as JSON Lines, one compact case per line.
pub fn write_cases<W: Write>(cases: &[BreachCase], out: W) -> io::Result<()> {
    write_lines(cases, out, |out, case| serde_json::to_writer(out, case))
}

/// What [`generate`] has already chosen for one record.
struct Draw<'a> {
    id: String,
    occurred: Date,
    last_day: Date,
    area: &'a Area,
    pool: Pool,
    kind: BreachKind,
}

fn record(
    engine: &Engine,
    rng: &mut SplitMix64,
    history: &mut HashMap<u64, Vec<EarlierBreach>>,
    draw: Draw<'_>,
) -> (IncidentRecord, BreachReport) {
    let Draw {
        id,
        occurred,
        last_day,
        area,
        pool,
        kind,
    } = draw;
    let near_miss = rng.chance(50);

    let person_number = if rng.chance(if near_miss { 500 } else { 40 }) {
        // Nobody identified: the Head of Unit takes responsibility.
        None
    } else if rng.chance(80) {
        Some(pool.first + rng.below(pool.frequent))
    } else {
        Some(pool.first + rng.below(pool.size))
    };

    // People mostly work at one site, so a site's breaches come from a stable
    // set of people and several of them can fall in one quarter.
    let site = if rng.chance(area.no_site_per_mille) {
        None
    } else {
        let home = person_number
            .map(|n| usize::try_from(n.wrapping_mul(0x9E37_79B9) >> 7).unwrap_or(0))
            .map(|h| h % area.sites.len().max(1));
        let index = match home {
            Some(home) if rng.chance(750) => home,
            _ => rng.skewed(area.sites.len()),
        };
        area.sites.get(index).map(|s| (*s).to_owned())
    };

    let identified = rng.chance(850).then(|| {
        let delay = rng.below(3).min(rng.below(4));
        occurred
            .days_after(u32::try_from(delay).unwrap_or(0))
            .unwrap_or(occurred)
            .min(last_day)
            .max(occurred)
    });
    let earliest = identified.unwrap_or(occurred);
    let recorded = earliest
        .days_after(u32::try_from(rng.below(11)).unwrap_or(0))
        .unwrap_or(earliest)
        .min(last_day)
        .max(earliest);

    let report = breach_report(engine, rng, area, kind, occurred, &id);
    let earlier = person_number
        .and_then(|n| history.get(&n))
        .map(|past| {
            let window = occurred.months_before(HISTORY_MONTHS).unwrap_or(occurred);
            past.iter().filter(|b| b.date >= window).copied().collect()
        })
        .unwrap_or_default();
    let report = BreachReport {
        earlier_breaches: earlier,
        ..report
    };
    let marking = report.marking.clone();
    let reported = report.clone();

    let (level, report) = if near_miss {
        (None, None)
    } else {
        if let Some(n) = person_number {
            history.entry(n).or_default().push(EarlierBreach {
                date: occurred,
                kind,
            });
        }
        if rng.chance(60) {
            (None, Some(Box::new(report)))
        } else {
            (Some(level_of(engine, &report)), None)
        }
    };

    let record = IncidentRecord {
        id,
        occurred,
        identified,
        recorded,
        business_area: area.name.to_owned(),
        site,
        person: person_number.map(|n| format!("P-{n:05}")),
        kind,
        marking,
        level,
        report,
        near_miss,
        outcome: None,
    };
    (record, reported)
}

/// A plausible breach report for the kind: a marking when material is
/// involved (at least the classification the kind concerns), a degree of care,
/// damage, warnings and a person the kind applies to.
fn breach_report(
    engine: &Engine,
    rng: &mut SplitMix64,
    area: &Area,
    kind: BreachKind,
    occurred: Date,
    id: &str,
) -> BreachReport {
    let rule = engine
        .policy()
        .breach
        .kinds
        .iter()
        .find(|rule| rule.kind == kind);
    let minimum = rule.and_then(|rule| rule.minimum_classification);
    let needs_clearance = rule.is_some_and(|rule| rule.requires_security_clearance);

    let marking = match minimum {
        Some(Classification::Official) | None if involves_material(kind) => {
            let official = ReportedMarking::plain(Classification::Official);
            Some(match rng.below(20) {
                0..=11 => official,
                12..=18 => official.with_caveat(Caveat::Sensitive),
                _ => ReportedMarking::plain(Classification::Secret),
            })
        }
        Some(Classification::Official) | None => None,
        Some(tier) => Some(match rng.below(10) {
            0..=6 => ReportedMarking::plain(tier),
            7..=8 => ReportedMarking::plain(Classification::TopSecret),
            _ => {
                ReportedMarking::plain(tier.max(Classification::Secret)).with_caveat(Caveat::Strap)
            }
        }),
    };
    let care = if kind == BreachKind::CriminalAct {
        Care::Deliberate
    } else {
        Care::ALL
            .get(rng.weighted(&[70, 20, 7, 3]))
            .copied()
            .unwrap_or(Care::AvoidableCarelessness)
    };
    let damage = match rng.weighted(&[65, 28, 7]) {
        0 => Damage::None,
        1 => Damage::Potential,
        _ => Damage::Actual,
    };
    let previous_warnings = match rng.weighted(&[85, 12, 3]) {
        0 => 0,
        1 => 1,
        _ => 2,
    };
    let status = PersonStatus::ALL
        .get(rng.weighted(&[800, 50, 70, 50, 0, 0, 0, 10, 20]))
        .copied()
        .unwrap_or(PersonStatus::Employee);
    // Only HMCTS has judicial officers.
    let status = if status == PersonStatus::JudicialOfficer && area.name != "HMCTS" {
        PersonStatus::Employee
    } else {
        status
    };
    let security_cleared = needs_clearance || rng.chance(area.cleared_per_mille);
    BreachReport {
        schema_version: None,
        reference: Some(id.to_owned()),
        kind,
        marking,
        care,
        damage,
        previous_warnings,
        earlier_breaches: Vec::new(),
        occurred,
        person: Person {
            status,
            organisation: area.organisation,
            security_cleared,
        },

        personal_data: false,
        information_asset: None,
        impact: None,
    }
}

/// The engine's recommended level for the report. The generator only builds
/// reports the engine accepts (a test checks it); should one ever be refused,
/// the kind's floor is still a level the policy allows.
fn level_of(engine: &Engine, report: &BreachReport) -> Level {
    engine.assess_breach(report).map_or_else(
        |_| {
            engine
                .policy()
                .breach
                .kinds
                .iter()
                .find(|rule| rule.kind == report.kind)
                .map_or(Level::Minor, |rule| rule.floor)
        },
        |answer| answer.level,
    )
}

/// Writes records as JSON Lines, one compact record per line.
pub fn write_json_lines<W: Write>(records: &[IncidentRecord], out: W) -> io::Result<()> {
    write_lines(records, out, |out, record| {
        serde_json::to_writer(out, record)
    })
}

/// Writes breach reports as JSON Lines, one compact report per line.
pub fn write_breach_reports<W: Write>(reports: &[BreachReport], out: W) -> io::Result<()> {
    write_lines(reports, out, |out, report| {
        serde_json::to_writer(out, report)
    })
}

fn write_lines<W: Write, T>(
    items: &[T],
    mut out: W,
    write_one: impl Fn(&mut W, &T) -> serde_json::Result<()>,
) -> io::Result<()> {
    for item in items {
        write_one(&mut out, item).map_err(io::Error::other)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
