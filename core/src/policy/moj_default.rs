//! The Ministry of Justice default policy document, assembled from each
//! section's own default (`breach/moj_default.rs`, `counter_terrorism.rs`,
//! `incidents.rs`, `compliance.rs`, `personnel_security.rs`,
//! `third_parties.rs`).

use std::sync::Arc;

use crate::date::Date;
use crate::policy::{BreachRules, Policy, PolicyRef, SCHEMA_VERSION};

/// The default document's id.
const ID: &str = "moj-default";

/// The default document's version.
const VERSION: &str = "2026.1";

pub(super) fn build() -> Policy {
    Policy {
        schema_version: SCHEMA_VERSION,
        id: ID.into(),
        version: VERSION.into(),
        effective_date: EFFECTIVE_DATE,
        title:
            "Ministry of Justice Security Breach Policy and Security Breach Matrix: default rules"
                .into(),
        counter_terrorism: super::counter_terrorism::moj_default(),
        incidents: super::incidents::moj_default(),
        compliance: super::compliance::moj_default(),
        personnel_security: super::personnel_security::moj_default(),
        breach: super::breach::moj_default(),
        third_parties: super::third_parties::moj_default(),
    }
}

/// The default's breach section alone, with the id and version of the whole
/// document: what an engine that only assesses breaches is built from, without
/// building (or linking) the other sections.
pub(crate) fn breach_section() -> (BreachRules, PolicyRef) {
    let reference = PolicyRef {
        id: Arc::from(ID),
        version: Arc::from(VERSION),
    };
    (super::breach::moj_default(), reference)
}

// Evaluated at compile time: an impossible literal fails the build, never a caller.
#[allow(clippy::panic)]
const EFFECTIVE_DATE: Date = match Date::from_ymd_const(2026, 11, 1) {
    Some(date) => date,
    None => panic!("the default policy's effective date is not a real date"),
};
