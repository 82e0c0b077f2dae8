//! The central incident register (POLSBP002): breaches are recorded centrally
//! "to ensure trends are identified".
//!
//! A [`TrendReport`] covers whole reporting quarters (by default the HMG
//! financial year's: April–June, July–September, October–December,
//! January–March). For each quarter it counts records by misconduct level, breach
//! kind, business area and site, and compares them with the quarter before. It
//! names repeat individuals (by default 2 or more breaches within 12 months) and
//! hotspots (by default breaches by 3 or more different people in one business
//! area or site in one quarter). Every threshold is a configurable default in the
//! policy document's `incidents` section. Output is sorted and does not depend on
//! the order of the records.
//!
//! ```
//! use spf_core::{Engine, json};
//! let engine = Engine::moj_default();
//! let record = |id: &str, occurred: &str, person: &str| format!(
//!     r#"{{"id":"{id}","occurred":"{occurred}","recorded":"{occurred}",
//!         "businessArea":"HMCTS","person":"{person}","kind":"lossOfPass","level":"minor"}}"#);
//! let request = format!(
//!     r#"{{"from":"2026-04-01","to":"2026-06-30","records":[{},{},{}]}}"#,
//!     record("A", "2026-03-31", "P1"), // last day of 2025-26 Q4
//!     record("B", "2026-04-01", "P1"), // first day of 2026-27 Q1
//!     record("C", "2026-05-10", "P2"),
//! );
//! let answer: serde_json::Value =
//!     serde_json::from_str(&json::trend_report(&engine, &request)?).unwrap();
//! assert_eq!(answer["quarters"][0]["quarter"]["label"], "2026-27 Q1");
//! assert_eq!(answer["quarters"][0]["counts"]["total"], 2);
//! assert_eq!(answer["quarters"][0]["change"]["total"], 1); // 1 in the quarter before
//! assert_eq!(answer["repeatIndividuals"][0]["person"], "P1");
//! # Ok::<(), spf_core::SpfError>(())
//! ```

mod interner;
mod quarter;
mod record;
mod trends;

pub use quarter::{Quarter, QuarterSpan};
pub use record::{IncidentRecord, RecordedOutcome, RejectedRecord};
pub use trends::{
    Change, Counts, Decisions, Departures, Hotspot, HotspotScope, LevelCounts, MAX_QUARTERS,
    QuarterSummary, RecordRef, RecordTally, RepeatIndividual, TrendReason, TrendReport,
    TrendRequest, TrendStep,
};

pub(crate) use trends::trend_report;
