//! Breach assessment: the Security Breach Policy (POLSBP001–006) and the MoJ
//! Security Breach Matrix as executable rules.
//!
//! A report names the [`BreachKind`], the marking of the material, the degree of
//! [`Care`], the damage, the person's history and who they are. The answer,
//! a [`BreachAssessment`], recommends a misconduct [`Level`], gives the matrix
//! score and [`Band`], the handling [`Route`] and the [`Flags`], and explains every
//! step with its citation.

mod assessment;
mod engine;
mod evaluate;
mod report;
mod report_shape;
mod wire;

pub use assessment::{BreachAssessment, BreachReason, BreachStep, Flags};
pub use engine::BreachEngine;
pub use report::{BreachReport, EarlierBreach, InformationAsset, Person};

pub use crate::vocabulary::{
    Band, BreachKind, Care, ConsultSecurity, Damage, Impact, Level, MatrixRow, Organisation,
    PersonStatus, PolicyList, Route,
};

pub(crate) use evaluate::{
    CompiledBreachRules, Reached as BreachDecision, assess as evaluate_report,
    decision as report_decision, level as report_level,
};
pub(crate) use wire::write_assessment;
