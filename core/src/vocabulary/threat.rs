//! The UK national threat levels, the government response levels, and the
//! counter-terrorism risk tiers sites are assessed into.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

/// A UK national threat level, lowest first (set by JTAC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum ThreatLevel {
    /// LOW: an attack is highly unlikely.
    Low,
    /// MODERATE: an attack is possible but not likely.
    Moderate,
    /// SUBSTANTIAL: an attack is likely.
    Substantial,
    /// SEVERE: an attack is highly likely.
    Severe,
    /// CRITICAL: an attack is highly likely in the near future.
    Critical,
}

impl ThreatLevel {
    /// Every threat level, lowest first.
    pub const ALL: [ThreatLevel; 5] = [
        ThreatLevel::Low,
        ThreatLevel::Moderate,
        ThreatLevel::Substantial,
        ThreatLevel::Severe,
        ThreatLevel::Critical,
    ];

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            ThreatLevel::Low => "low",
            ThreatLevel::Moderate => "moderate",
            ThreatLevel::Substantial => "substantial",
            ThreatLevel::Severe => "severe",
            ThreatLevel::Critical => "critical",
        }
    }

    /// The current official definition.
    #[must_use]
    pub const fn definition(self) -> &'static str {
        match self {
            ThreatLevel::Low => "An attack is highly unlikely",
            ThreatLevel::Moderate => "An attack is possible but not likely",
            ThreatLevel::Substantial => "An attack is likely",
            ThreatLevel::Severe => "An attack is highly likely",
            ThreatLevel::Critical => "An attack is highly likely in the near future",
        }
    }
}

impl fmt::Display for ThreatLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for ThreatLevel {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        ThreatLevel::ALL
            .into_iter()
            .find(|level| level.as_str().eq_ignore_ascii_case(text))
            .ok_or_else(|| {
                format!(
                    "unknown threat level `{text}`, expected one of `low`, `moderate`, `substantial`, `severe`, `critical`"
                )
            })
    }
}

/// A government response level: the protective security in force at a site,
/// lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum ResponseLevel {
    /// NORMAL: routine protective security measures appropriate to the business.
    Normal,
    /// HEIGHTENED: additional and sustainable protective security measures.
    Heightened,
    /// EXCEPTIONAL: maximum protective security measures to meet specific
    /// threats; not sustainable for long.
    Exceptional,
}

impl ResponseLevel {
    /// Every response level, lowest first.
    pub const ALL: [ResponseLevel; 3] = [
        ResponseLevel::Normal,
        ResponseLevel::Heightened,
        ResponseLevel::Exceptional,
    ];

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            ResponseLevel::Normal => "normal",
            ResponseLevel::Heightened => "heightened",
            ResponseLevel::Exceptional => "exceptional",
        }
    }

    /// Position in [`ResponseLevel::ALL`].
    #[must_use]
    pub const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for ResponseLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A site's counter-terrorism risk tier, lowest first. The corporate policy says
/// "low, medium or high"; the official term is MODERATE, so `medium` is accepted
/// on input and written as `moderate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum SiteTier {
    /// LOW risk.
    Low,
    /// MODERATE risk (the policy text's "medium").
    Moderate,
    /// HIGH risk.
    High,
}

impl SiteTier {
    /// Every tier, lowest first.
    pub const ALL: [SiteTier; 3] = [SiteTier::Low, SiteTier::Moderate, SiteTier::High];

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            SiteTier::Low => "low",
            SiteTier::Moderate => "moderate",
            SiteTier::High => "high",
        }
    }

    /// Position in [`SiteTier::ALL`].
    #[must_use]
    pub const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for SiteTier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for SiteTier {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        enum Wire {
            Low,
            Moderate,
            // The policy text's word; the official tier is MODERATE.
            Medium,
            High,
        }
        Ok(match Wire::deserialize(deserializer)? {
            Wire::Low => SiteTier::Low,
            Wire::Moderate | Wire::Medium => SiteTier::Moderate,
            Wire::High => SiteTier::High,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medium_is_read_as_moderate_and_written_as_moderate() {
        let tier: SiteTier = serde_json::from_str("\"medium\"").unwrap();
        assert_eq!(tier, SiteTier::Moderate);
        assert_eq!(serde_json::to_string(&tier).unwrap(), "\"moderate\"");
        assert!(serde_json::from_str::<SiteTier>("\"severe\"").is_err());
    }

    #[test]
    fn wire_names_match_serde() {
        for level in ThreatLevel::ALL {
            assert_eq!(
                serde_json::to_string(&level).unwrap(),
                format!("\"{level}\"")
            );
            assert_eq!(level.as_str().parse::<ThreatLevel>().unwrap(), level);
        }
        for level in ResponseLevel::ALL {
            assert_eq!(
                serde_json::to_string(&level).unwrap(),
                format!("\"{level}\"")
            );
        }
        for tier in SiteTier::ALL {
            assert_eq!(serde_json::to_string(&tier).unwrap(), format!("\"{tier}\""));
        }
    }
}
