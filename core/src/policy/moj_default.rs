//! The Ministry of Justice default policy document, assembled from each
//! section's own default (`breach/moj_default.rs`, `counter_terrorism.rs`,
//! `incidents.rs`, `compliance.rs`, `personnel_security.rs`,
//! `third_parties.rs`).

use crate::date::Date;
use crate::policy::{Policy, SCHEMA_VERSION};

pub(super) fn build() -> Policy {
    Policy {
        counter_terrorism: super::counter_terrorism::moj_default(),
        incidents: super::incidents::moj_default(),
        compliance: super::compliance::moj_default(),
        personnel_security: super::personnel_security::moj_default(),
        third_parties: super::third_parties::moj_default(),
        ..build_breach_only()
    }
}

/// The default's header and breach section, every other section empty: so
/// that a module built to assess breaches alone links none of the other
/// sections' defaults or citations.
pub(super) fn build_breach_only() -> Policy {
    Policy {
        schema_version: SCHEMA_VERSION,
        id: "moj-default".into(),
        version: "2026.1".into(),
        effective_date: EFFECTIVE_DATE,
        title:
            "Ministry of Justice Security Breach Policy and Security Breach Matrix: default rules"
                .into(),
        breach: super::breach::moj_default(),
        counter_terrorism: super::counter_terrorism::empty(),
        incidents: super::incidents::empty(),
        compliance: super::compliance::empty(),
        personnel_security: super::personnel_security::empty(),
        third_parties: super::third_parties::empty(),
    }
}

// Evaluated at compile time: an impossible literal fails the build, never a caller.
#[allow(clippy::panic)]
const EFFECTIVE_DATE: Date = match Date::from_ymd_const(2026, 11, 1) {
    Some(date) => date,
    None => panic!("the default policy's effective date is not a real date"),
};
