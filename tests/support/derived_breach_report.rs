//! The breach report as serde's derive reads it: the reference that the
//! report's own reader (read from its wire shape, `core/src/breach/report_shape.rs`)
//! must match, input for input, in the report it reads and in every error.
//!
//! The struct is `spf_core::BreachReport` field for field, with the same
//! `serde` attributes; the types of its fields keep their derived readers.
//! Included by `tests/breach_report_reader.rs` and by the
//! `breach_report_reader` fuzz target.

use serde::Deserialize;
use spf_core::{
    BreachKind, BreachReport, Care, Damage, Date, EarlierBreach, Impact, InformationAsset, Person,
    ReportedMarking, SpfError, json,
};

/// [`BreachReport`] with a derived reader.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a breach report object")]
pub struct DerivedBreachReport {
    #[serde(default)]
    schema_version: Option<u32>,
    #[serde(default)]
    reference: Option<String>,
    kind: BreachKind,
    #[serde(default)]
    marking: Option<ReportedMarking>,
    care: Care,
    #[serde(default)]
    damage: Damage,
    #[serde(default)]
    previous_warnings: u32,
    #[serde(default)]
    earlier_breaches: Vec<EarlierBreach>,
    occurred: Date,
    person: Person,
    #[serde(default)]
    personal_data: bool,
    #[serde(default)]
    information_asset: Option<InformationAsset>,
    #[serde(default)]
    impact: Option<Impact>,
}

impl From<DerivedBreachReport> for BreachReport {
    fn from(derived: DerivedBreachReport) -> Self {
        BreachReport {
            schema_version: derived.schema_version,
            reference: derived.reference,
            kind: derived.kind,
            marking: derived.marking,
            care: derived.care,
            damage: derived.damage,
            previous_warnings: derived.previous_warnings,
            earlier_breaches: derived.earlier_breaches,
            occurred: derived.occurred,
            person: derived.person,
            personal_data: derived.personal_data,
            information_asset: derived.information_asset,
            impact: derived.impact,
        }
    }
}

/// The report (or error, with every problem it lists) that each reader gives
/// for `text`: the library's, then the derived one's. They must be equal.
pub fn both_readings(
    text: &str,
) -> (
    Result<BreachReport, SpfError>,
    Result<BreachReport, SpfError>,
) {
    let own = BreachReport::from_json(text);
    let derived = json::parse::<DerivedBreachReport>(text).map(BreachReport::from);
    // The shape read through serde_path_to_error's tracking, as a caller's
    // `json::parse` reads it, answers the same too.
    let tracked_by_serde = json::parse::<BreachReport>(text);
    assert_eq!(own, tracked_by_serde, "the two trackings differ on {text}");
    (own, derived)
}
