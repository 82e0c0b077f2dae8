//! The shared vocabulary: the enums every layer names (breach kinds, levels,
//! bands, routes, care, damage, people, threat and response levels, site tiers,
//! SPF areas and elements, vetting levels) with their wire names.
//!
//! These are leaves: they import nothing but markings, so the policy document,
//! the domains and the surfaces can all speak of a [`BreachKind`] or a
//! [`ThreatLevel`] without importing one another. Each domain re-exports the
//! names it owns (`spf_core::breach::Level`, `spf_core::site::ThreatLevel`,
//! `spf_core::compliance::SpfElement`).

mod breach_kind;
mod clearance;
mod facts;
mod outcome;
mod spf;
mod threat;

pub use breach_kind::{BreachKind, PolicyList};
pub use clearance::{ClearanceCriterion, VettingLevel};
pub use facts::{Care, Damage, Impact, Organisation, PersonStatus};
pub use outcome::{Band, ConsultSecurity, Level, MatrixRow, Route};
pub use spf::{SpfArea, SpfElement};
pub use threat::{ResponseLevel, SiteTier, ThreatLevel};
