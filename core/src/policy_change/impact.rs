//! A register re-assessed under two policies: which recorded breaches a
//! change of policy would decide differently.
//!
//! Every record that carries its breach report (and is not a near miss) is
//! assessed under both policies; a record that carries only the level
//! recommended when it was assessed keeps it, and is counted as not
//! re-assessed. A record that fails its checks, or whose report both policies
//! refuse alike, is rejected with its index and error (its path inside the
//! request, `/records/N/...`).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::breach::{BreachKind, Level};
use crate::codec::{Pointer, SCHEMA_VERSION};
use crate::engine::Engine;
use crate::error::{ErrorCode, SpfError};
use crate::policy::PolicyRef;
use crate::register::{IncidentRecord, RejectedRecord};

/// A record's recommended level under one policy, or the code of the error
/// the policy gives its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Reassessed {
    /// The recommended level, when the policy assesses the report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub level: Option<Level>,
    /// The error's code, when it refuses it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub error: Option<ErrorCode>,
}

impl Reassessed {
    fn of(answer: &Result<Level, SpfError>) -> Self {
        match answer {
            Ok(level) => Self {
                level: Some(*level),
                error: None,
            },
            Err(error) => Self {
                level: None,
                error: Some(error.code),
            },
        }
    }

    /// The level, or `refused (code)`, for people.
    #[must_use]
    pub fn label(&self) -> String {
        match (self.level, self.error) {
            (Some(level), _) => level.as_str().to_owned(),
            (None, Some(code)) => format!("refused ({})", code.as_str()),
            (None, None) => "none".to_owned(),
        }
    }
}

/// A record whose recommendation the change of policy changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ChangedRecord {
    /// Its position in the request (or its line in a file), from 0.
    pub index: usize,
    /// Its id in the register.
    pub id: String,
    /// Its business area.
    pub business_area: String,
    /// Its kind.
    pub kind: BreachKind,
    /// Under the policy compared from.
    pub from: Reassessed,
    /// Under the policy compared to.
    pub to: Reassessed,
}

/// How many records one kind or one business area has re-assessed, and how
/// many of them change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ImpactCount {
    /// The kind's wire name or the business area.
    pub name: String,
    /// Records re-assessed.
    pub reassessed: u64,
    /// Of them, records whose recommendation changes.
    pub changed: u64,
}

/// How many records move from one recommendation to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LevelMove {
    /// Under the policy compared from.
    pub from: Reassessed,
    /// Under the policy compared to.
    pub to: Reassessed,
    /// How many records.
    pub records: u64,
}

/// The impact of a change of policy on an incident register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RegisterImpact {
    /// Wire schema version of the answer (1).
    pub schema_version: u32,
    /// The policy compared from.
    pub from: PolicyRef,
    /// The policy compared to.
    pub to: PolicyRef,
    /// Records read (rejected ones included).
    pub records: u64,
    /// Records carrying a report, assessed under both policies.
    pub reassessed: u64,
    /// Records carrying only a recorded level, and near misses: not
    /// re-assessed.
    pub not_reassessed: u64,
    /// Re-assessed records whose recommendation changes.
    pub changed: u64,
    /// The changes, by recommendation before and after, most records first.
    pub by_level: Vec<LevelMove>,
    /// Re-assessed and changed records by kind (kinds with a change), in
    /// catalogue order.
    pub by_kind: Vec<ImpactCount>,
    /// Re-assessed and changed records by business area (areas with a
    /// change), sorted by name.
    pub by_business_area: Vec<ImpactCount>,
    /// Every changed record, in register order.
    pub changed_records: Vec<ChangedRecord>,
    /// Records that could not be used, in index order.
    pub rejected: Vec<RejectedRecord>,
}

#[derive(Default, Clone, Copy)]
struct Tally {
    reassessed: u64,
    changed: u64,
}

impl Tally {
    fn add(&mut self, changed: bool) {
        self.reassessed += 1;
        self.changed += u64::from(changed);
    }
}

fn within_record(index: usize, error: SpfError, prefix: &str) -> SpfError {
    SpfError::new(
        error.code,
        error.message,
        format!(
            "{}{prefix}{}",
            Pointer::root().key("records").index(index).as_str(),
            error.path
        ),
    )
}

/// Re-assesses every record of `records` that carries a report under `from`
/// and `to`. `rejected` are records already refused while reading them.
pub fn impact<'r>(
    from: &Engine,
    to: &Engine,
    records: impl IntoIterator<Item = (usize, &'r IncidentRecord)>,
    mut rejected: Vec<RejectedRecord>,
) -> RegisterImpact {
    let (a, b) = (from.breach_engine(), to.breach_engine());
    let mut read = rejected.len() as u64;
    let mut reassessed = 0u64;
    let mut not_reassessed = 0u64;
    let mut kinds = [Tally::default(); BreachKind::ALL.len()];
    let mut areas: BTreeMap<&'r str, Tally> = BTreeMap::new();
    let mut moves: BTreeMap<(Reassessed, Reassessed), u64> = BTreeMap::new();
    let mut changed_records = Vec::new();
    for (index, record) in records {
        read += 1;
        if let Err(error) = record.check() {
            rejected.push(RejectedRecord {
                index,
                error: within_record(index, error, ""),
            });
            continue;
        }
        let Some(report) = record.report.as_deref().filter(|_| !record.near_miss) else {
            not_reassessed += 1;
            continue;
        };
        let (was, now) = (a.assess_level(report), b.assess_level(report));
        if let (Err(x), Err(y)) = (&was, &now) {
            if x.code == y.code {
                rejected.push(RejectedRecord {
                    index,
                    error: within_record(index, x.clone(), "/report"),
                });
                continue;
            }
        }
        reassessed += 1;
        let (was, now) = (Reassessed::of(&was), Reassessed::of(&now));
        let changed = was != now;
        if let Some(tally) = kinds.get_mut(record.kind.index()) {
            tally.add(changed);
        }
        areas.entry(&record.business_area).or_default().add(changed);
        if changed {
            *moves.entry((was, now)).or_default() += 1;
            changed_records.push(ChangedRecord {
                index,
                id: record.id.clone(),
                business_area: record.business_area.clone(),
                kind: record.kind,
                from: was,
                to: now,
            });
        }
    }
    rejected.sort_by_key(|r| r.index);
    let mut by_level: Vec<LevelMove> = moves
        .into_iter()
        .map(|((from, to), records)| LevelMove { from, to, records })
        .collect();
    by_level.sort_by_key(|m| std::cmp::Reverse(m.records));
    let count = |name: &str, tally: &Tally| ImpactCount {
        name: name.to_owned(),
        reassessed: tally.reassessed,
        changed: tally.changed,
    };
    RegisterImpact {
        schema_version: SCHEMA_VERSION,
        from: from.policy_ref().clone(),
        to: to.policy_ref().clone(),
        records: read,
        reassessed,
        not_reassessed,
        changed: changed_records.len() as u64,
        by_level,
        by_kind: BreachKind::ALL
            .iter()
            .zip(&kinds)
            .filter(|(_, tally)| tally.changed > 0)
            .map(|(kind, tally)| count(kind.as_str(), tally))
            .collect(),
        by_business_area: areas
            .iter()
            .filter(|(_, tally)| tally.changed > 0)
            .map(|(area, tally)| count(area, tally))
            .collect(),
        changed_records,
        rejected,
    }
}
