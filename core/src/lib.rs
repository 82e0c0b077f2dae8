//! # spf-core
//!
//! The Ministry of Justice's protective-security policy (the HMG Security Policy
//! Framework as MoJ applies it) as executable, explainable rules.
//!
//! - [`breach`]: the Security Breach Policy (POLSBP001–006) and the Security
//!   Breach Matrix: a breach report in, a recommended misconduct level, matrix
//!   score and band, handling route and flags out, every step cited.
//! - [`site`]: counter-terrorism protective security for sites: the response
//!   level in force, the controls it requires, CT-plan and risk-assessment
//!   schedules, findings, and whole-estate portfolio reports.
//! - [`coordination`]: who co-ordinates the response to an incident.
//! - [`clearance`]: the national security vetting level a role's access calls
//!   for (BPSS, CTC, SC, DV), against its holder's clearance and review.
//! - [`register`]: the central incident register (POLSBP002): quarterly trend
//!   reports, repeat individuals and hotspots.
//! - [`compliance`]: SPF compliance returns: each business area's arrangements
//!   for every element of the framework, its gaps and its variations.
//! - [`guidance`]: the manager's guidance POLSBP003 asks each organisation to
//!   publish, generated from the policy document as Markdown or as an
//!   accessible HTML page.
//! - [`batch`]: JSON Lines batches of breach reports, streamed in input order
//!   on one thread or several.
//! - [`policy_change`]: what a change of policy document changes: every
//!   decision two policies make differently over the whole finite input
//!   space, the documents' differences, and an incident register re-assessed
//!   under both.
//! - [`policy`]: all rule content in one serde document. The MoJ default is
//!   embedded; organisations can export it, change it and load it back.
//! - [`operations`] (also reachable as `json`): the one table of JSON
//!   operations and their entry points, which every surface (C, WebAssembly,
//!   the command line) and the golden corpus follow.
//!
//! The crate is pure and total: no I/O, no clock (dates are inputs), no globals,
//! no `unsafe`, and no input makes it panic. The engine recommends; the manager
//! decides (POLSBP003).
//!
//! ```
//! use spf_core::{BreachKind, BreachReport, Care, Date, Engine, Level, Band};
//!
//! let engine = Engine::moj_default();
//! let mut report = BreachReport::new(
//!     BreachKind::SecurityCabinetNotLocked,
//!     Care::AvoidableCarelessness,
//!     Date::from_ymd(2026, 10, 5).unwrap(),
//! );
//! report.marking = Some(spf_core::ReportedMarking::plain(spf_core::Classification::Secret));
//! let answer = engine.assess_breach(&report)?;
//! assert_eq!((answer.score, answer.band), (4, Band::Amber));
//! assert_eq!(answer.level, Level::Gross); // SECRET material: gross (POLSBP006)
//! for reason in &answer.reasons {
//!     println!("{reason}");
//! }
//! # Ok::<(), spf_core::SpfError>(())
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod assurance;
pub mod batch;
pub mod breach;
pub mod case;
pub mod clearance;
mod codec;
pub mod compliance;
pub mod coordination;
mod date;
mod engine;
mod error;
pub mod guidance;
mod marking;
pub mod operations;
pub mod policy;
pub mod policy_change;
mod reason;
pub mod register;
pub mod site;
pub mod third_party;

// The crate README's example is compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// The JSON entry points under their familiar name: [`operations`] itself.
pub use operations as json;
mod vocabulary;

pub use breach::{
    Band, BreachAssessment, BreachEngine, BreachKind, BreachReason, BreachReport, BreachStep, Care,
    ConsultSecurity, Damage, EarlierBreach, Flags, Impact, InformationAsset, Level, MatrixRow,
    Organisation, Person, PersonStatus, PolicyList, Route,
};
pub use date::{Date, DateParseError};
pub use engine::Engine;
pub use error::{ErrorCode, SpfError};
pub use marking::{
    Caveat, Classification, LegacyMarking, Marking, MarkingError, ReportedClassification,
    ReportedMarking,
};
pub use policy::{Policy, PolicyErrors, PolicyRef};
pub use reason::{Basis, Citation, Label, Reason, Source, StatementVariation, Step, VariationRole};
