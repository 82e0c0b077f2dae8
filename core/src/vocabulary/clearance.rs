//! Personnel security: the vetting levels (HMG Personnel Security Controls,
//! domain-facts §7) and the access criteria that call for them.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A personnel security control, lowest first: the Baseline Personnel Security
/// Standard, then the three levels of national security vetting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum VettingLevel {
    /// Baseline Personnel Security Standard: everyone with access to
    /// government assets.
    Bpss,
    /// Counter-Terrorist Check.
    Ctc,
    /// Security Check.
    Sc,
    /// Developed Vetting.
    Dv,
}

impl VettingLevel {
    /// Every level, lowest first.
    pub const ALL: [VettingLevel; 4] = [
        VettingLevel::Bpss,
        VettingLevel::Ctc,
        VettingLevel::Sc,
        VettingLevel::Dv,
    ];

    /// The levels of national security vetting (all but BPSS), lowest first.
    pub const NATIONAL_SECURITY: [VettingLevel; 3] =
        [VettingLevel::Ctc, VettingLevel::Sc, VettingLevel::Dv];

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            VettingLevel::Bpss => "bpss",
            VettingLevel::Ctc => "ctc",
            VettingLevel::Sc => "sc",
            VettingLevel::Dv => "dv",
        }
    }

    /// The level as people write it (`SC`).
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            VettingLevel::Bpss => "BPSS",
            VettingLevel::Ctc => "CTC",
            VettingLevel::Sc => "SC",
            VettingLevel::Dv => "DV",
        }
    }
}

impl From<VettingLevel> for u32 {
    fn from(level: VettingLevel) -> u32 {
        level as u32
    }
}

impl fmt::Display for VettingLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What about a role's access can call for a vetting level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum ClearanceCriterion {
    /// Access to information or other assets that may be of value to
    /// terrorists.
    InformationOfValueToTerrorists,
    /// Close proximity or access to high profile public figures.
    HighProfilePublicFigures,
    /// Unescorted access to establishments at particular risk from terrorist
    /// attack.
    UnescortedAccessToSitesAtRisk,
    /// Occasional, supervised access to SECRET assets.
    SecretOccasionalSupervised,
    /// Regular and uncontrolled access to SECRET assets.
    SecretRegularUncontrolled,
    /// Occasional, supervised access to TOP SECRET assets.
    TopSecretOccasionalSupervised,
    /// Frequent and uncontrolled access to TOP SECRET assets.
    TopSecretFrequentUncontrolled,
}

impl ClearanceCriterion {
    /// Every criterion.
    pub const ALL: [ClearanceCriterion; 7] = [
        ClearanceCriterion::InformationOfValueToTerrorists,
        ClearanceCriterion::HighProfilePublicFigures,
        ClearanceCriterion::UnescortedAccessToSitesAtRisk,
        ClearanceCriterion::SecretOccasionalSupervised,
        ClearanceCriterion::SecretRegularUncontrolled,
        ClearanceCriterion::TopSecretOccasionalSupervised,
        ClearanceCriterion::TopSecretFrequentUncontrolled,
    ];

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            ClearanceCriterion::InformationOfValueToTerrorists => "informationOfValueToTerrorists",
            ClearanceCriterion::HighProfilePublicFigures => "highProfilePublicFigures",
            ClearanceCriterion::UnescortedAccessToSitesAtRisk => "unescortedAccessToSitesAtRisk",
            ClearanceCriterion::SecretOccasionalSupervised => "secretOccasionalSupervised",
            ClearanceCriterion::SecretRegularUncontrolled => "secretRegularUncontrolled",
            ClearanceCriterion::TopSecretOccasionalSupervised => "topSecretOccasionalSupervised",
            ClearanceCriterion::TopSecretFrequentUncontrolled => "topSecretFrequentUncontrolled",
        }
    }

    /// What the criterion is, for people.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            ClearanceCriterion::InformationOfValueToTerrorists => {
                "access to information or other assets that may be of value to terrorists"
            }
            ClearanceCriterion::HighProfilePublicFigures => {
                "close proximity or access to high profile public figures"
            }
            ClearanceCriterion::UnescortedAccessToSitesAtRisk => {
                "unescorted access to sites at particular risk from terrorist attack"
            }
            ClearanceCriterion::SecretOccasionalSupervised => {
                "occasional, supervised access to SECRET assets"
            }
            ClearanceCriterion::SecretRegularUncontrolled => {
                "regular and uncontrolled access to SECRET assets"
            }
            ClearanceCriterion::TopSecretOccasionalSupervised => {
                "occasional, supervised access to TOP SECRET assets"
            }
            ClearanceCriterion::TopSecretFrequentUncontrolled => {
                "frequent and uncontrolled access to TOP SECRET assets"
            }
        }
    }
}

impl fmt::Display for ClearanceCriterion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
