//! What an assessment concludes, as names every layer shares: the misconduct
//! level, the matrix band and row, and the handling route.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::marking::{Classification, Marking};

/// A misconduct level (POLSBP003: a breach "SHALL constitute a form of
/// misconduct", minor, serious or gross). Ordered from least to most severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Level {
    /// Minor misconduct.
    Minor,
    /// Serious misconduct.
    Serious,
    /// Gross misconduct.
    Gross,
}

impl Level {
    /// Every level, least severe first.
    pub const ALL: [Level; 3] = [Level::Minor, Level::Serious, Level::Gross];

    /// The level `steps` higher, capped at gross.
    #[must_use]
    pub const fn raised(self, steps: u8) -> Level {
        match self as u8 + if steps > 2 { 2 } else { steps } {
            0 => Level::Minor,
            1 => Level::Serious,
            _ => Level::Gross,
        }
    }

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Level::Minor => "minor",
            Level::Serious => "serious",
            Level::Gross => "gross",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A colour band of the Security Breach Matrix, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Band {
    /// Scores 1–2: probably no formal action.
    Green,
    /// Scores 3–4 (shown as yellow in the grid): could be minor misconduct.
    Amber,
    /// Scores 5–8: formal action through HR highly likely.
    Red,
    /// Scores 9–12: as red; police may be involved.
    Black,
}

impl Band {
    /// Every band, lowest first.
    pub const ALL: [Band; 4] = [Band::Green, Band::Amber, Band::Red, Band::Black];

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Band::Green => "green",
            Band::Amber => "amber",
            Band::Red => "red",
            Band::Black => "black",
        }
    }
}

impl fmt::Display for Band {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How MoJ Security is to be consulted. The Security Breach Matrix asks for it on
/// every band: on green, managers "should still consult" Security about the
/// individual circumstances; from amber, they consult Security before acting.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum ConsultSecurity {
    /// Consult MoJ Security about the individual circumstances (green band).
    #[default]
    AboutCircumstances,
    /// Consult MoJ Security before taking any action (amber band and above).
    BeforeActing,
}

impl ConsultSecurity {
    /// Both strengths, weaker first.
    pub const ALL: [ConsultSecurity; 2] = [
        ConsultSecurity::AboutCircumstances,
        ConsultSecurity::BeforeActing,
    ];

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            ConsultSecurity::AboutCircumstances => "aboutCircumstances",
            ConsultSecurity::BeforeActing => "beforeActing",
        }
    }
}

impl fmt::Display for ConsultSecurity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A row of the Security Breach Matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum MatrixRow {
    /// OFFICIAL (including OFFICIAL-SENSITIVE).
    Official,
    /// SECRET (including interim CONFIDENTIAL).
    Secret,
    /// TOP SECRET and STRAP.
    TopSecretAndStrap,
}

impl MatrixRow {
    /// The row a marking is scored on: STRAP joins TOP SECRET, as the matrix's
    /// "Top Secret and Strap" row says.
    #[must_use]
    pub const fn for_marking(marking: Marking) -> MatrixRow {
        match marking.tier() {
            Classification::Official => MatrixRow::Official,
            Classification::Secret if marking.is_strap() => MatrixRow::TopSecretAndStrap,
            Classification::Secret => MatrixRow::Secret,
            Classification::TopSecret => MatrixRow::TopSecretAndStrap,
        }
    }

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            MatrixRow::Official => "official",
            MatrixRow::Secret => "secret",
            MatrixRow::TopSecretAndStrap => "topSecretAndStrap",
        }
    }

    /// The row's label in the matrix.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            MatrixRow::Official => "OFFICIAL",
            MatrixRow::Secret => "SECRET",
            MatrixRow::TopSecretAndStrap => "TOP SECRET and STRAP",
        }
    }
}

/// Which procedure the case is handled under, or whom it is referred to.
///
/// The MoJ texts name four: the MoJ Disciplinary Policy for employees
/// (POLSBP005), HMPPS's policies (POLSBP003), the probation policy for staff on
/// probation (POLSBP005) and contract management for contractors (the contract
/// may be cancelled). The others are for people the texts name (POLSBP004) but
/// route nowhere: who handles them is a configurable default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Route {
    /// The MoJ Disciplinary Policy.
    MojDisciplinaryPolicy,
    /// HMPPS's own disciplinary policy.
    HmppsDisciplinaryPolicy,
    /// The probation policy, for staff on probation (POLSBP005).
    ProbationPolicy,
    /// Contract management with the supplier; the contract may be cancelled.
    ContractManagement,
    /// A minister: referred to the Prime Minister under the Ministerial Code.
    MinisterialCode,
    /// A special adviser: referred to the appointing minister under the Code of
    /// Conduct for Special Advisers.
    SpecialAdviserCode,
    /// A judicial office holder: referred to the judicial conduct arrangements;
    /// the department does not discipline judges.
    JudicialConduct,
    /// Staff of another agency or arm's-length body: its own disciplinary
    /// arrangements.
    ArmsLengthBodyArrangements,
    /// Anyone else (a permanent secretary, someone the department engages in
    /// another way): referred to the body responsible for their conduct.
    ResponsibleBodyReferral,
}

impl Route {
    /// Every route.
    pub const ALL: [Route; 9] = [
        Route::MojDisciplinaryPolicy,
        Route::HmppsDisciplinaryPolicy,
        Route::ProbationPolicy,
        Route::ContractManagement,
        Route::MinisterialCode,
        Route::SpecialAdviserCode,
        Route::JudicialConduct,
        Route::ArmsLengthBodyArrangements,
        Route::ResponsibleBodyReferral,
    ];

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Route::MojDisciplinaryPolicy => "mojDisciplinaryPolicy",
            Route::HmppsDisciplinaryPolicy => "hmppsDisciplinaryPolicy",
            Route::ProbationPolicy => "probationPolicy",
            Route::ContractManagement => "contractManagement",
            Route::MinisterialCode => "ministerialCode",
            Route::SpecialAdviserCode => "specialAdviserCode",
            Route::JudicialConduct => "judicialConduct",
            Route::ArmsLengthBodyArrangements => "armsLengthBodyArrangements",
            Route::ResponsibleBodyReferral => "responsibleBodyReferral",
        }
    }

    /// A readable name. What to do is the policy's route label, which answers
    /// carry in the `breach.route` reason.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Route::MojDisciplinaryPolicy => "the MoJ Disciplinary Policy",
            Route::HmppsDisciplinaryPolicy => "the HMPPS disciplinary policy",
            Route::ProbationPolicy => "the probation policy",
            Route::ContractManagement => "contract management (the contract may be cancelled)",
            Route::MinisterialCode => "the Ministerial Code (referral to the Prime Minister)",
            Route::SpecialAdviserCode => "the Code of Conduct for Special Advisers",
            Route::JudicialConduct => "the judicial conduct arrangements",
            Route::ArmsLengthBodyArrangements => {
                "the agency's or arm's-length body's own arrangements"
            }
            Route::ResponsibleBodyReferral => {
                "referral to the body responsible for the person's conduct"
            }
        }
    }
}
