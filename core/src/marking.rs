//! Protective markings: the three Government Security Classifications tiers, the
//! SENSITIVE and STRAP caveats, and the pre-2014 markings people still report.
//!
//! `OFFICIAL-SENSITIVE` is not a tier: SENSITIVE is a handling caveat on OFFICIAL
//! only. STRAP is a compartment on SECRET or TOP SECRET only (domain-facts §5.2,
//! §5.4). Anything else is an input error, never a guess.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A classification tier, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Classification {
    /// OFFICIAL: the majority of government information.
    Official,
    /// SECRET: very sensitive information needing heightened protection against
    /// determined or highly capable threats.
    Secret,
    /// TOP SECRET: the most sensitive information.
    TopSecret,
}

impl Classification {
    /// Every tier, lowest first.
    pub const ALL: [Classification; 3] = [
        Classification::Official,
        Classification::Secret,
        Classification::TopSecret,
    ];

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Classification::Official => "official",
            Classification::Secret => "secret",
            Classification::TopSecret => "topSecret",
        }
    }

    /// The marking as written on documents.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Classification::Official => "OFFICIAL",
            Classification::Secret => "SECRET",
            Classification::TopSecret => "TOP SECRET",
        }
    }
}

/// A marking from the Government Protective Marking Scheme that was replaced in
/// April 2014. Reports still carry them; they are converted before scoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum LegacyMarking {
    /// UNCLASSIFIED.
    Unclassified,
    /// PROTECT.
    Protect,
    /// RESTRICTED.
    Restricted,
    /// CONFIDENTIAL.
    Confidential,
}

impl LegacyMarking {
    /// Every legacy marking, lowest first.
    pub const ALL: [LegacyMarking; 4] = [
        LegacyMarking::Unclassified,
        LegacyMarking::Protect,
        LegacyMarking::Restricted,
        LegacyMarking::Confidential,
    ];

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            LegacyMarking::Unclassified => "unclassified",
            LegacyMarking::Protect => "protect",
            LegacyMarking::Restricted => "restricted",
            LegacyMarking::Confidential => "confidential",
        }
    }

    /// The marking as written on documents.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            LegacyMarking::Unclassified => "UNCLASSIFIED",
            LegacyMarking::Protect => "PROTECT",
            LegacyMarking::Restricted => "RESTRICTED",
            LegacyMarking::Confidential => "CONFIDENTIAL",
        }
    }
}

/// The classification a report names: a current tier or a legacy marking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum ReportedClassification {
    /// OFFICIAL.
    Official,
    /// SECRET.
    Secret,
    /// TOP SECRET.
    TopSecret,
    /// Legacy UNCLASSIFIED.
    Unclassified,
    /// Legacy PROTECT.
    Protect,
    /// Legacy RESTRICTED.
    Restricted,
    /// Legacy CONFIDENTIAL.
    Confidential,
}

impl ReportedClassification {
    /// Every classification a report may name: the tiers, then the legacy
    /// markings.
    pub const ALL: [ReportedClassification; 7] = [
        ReportedClassification::Official,
        ReportedClassification::Secret,
        ReportedClassification::TopSecret,
        ReportedClassification::Unclassified,
        ReportedClassification::Protect,
        ReportedClassification::Restricted,
        ReportedClassification::Confidential,
    ];

    /// The wire name (`topSecret`, `confidential`, …).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            ReportedClassification::Official => "official",
            ReportedClassification::Secret => "secret",
            ReportedClassification::TopSecret => "topSecret",
            ReportedClassification::Unclassified => "unclassified",
            ReportedClassification::Protect => "protect",
            ReportedClassification::Restricted => "restricted",
            ReportedClassification::Confidential => "confidential",
        }
    }

    /// The marking as written on documents (`SECRET`, `CONFIDENTIAL`, …).
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self.split() {
            Ok(tier) => tier.label(),
            Err(legacy) => legacy.label(),
        }
    }

    /// Splits into a current tier or a legacy marking.
    pub const fn split(self) -> Result<Classification, LegacyMarking> {
        match self {
            ReportedClassification::Official => Ok(Classification::Official),
            ReportedClassification::Secret => Ok(Classification::Secret),
            ReportedClassification::TopSecret => Ok(Classification::TopSecret),
            ReportedClassification::Unclassified => Err(LegacyMarking::Unclassified),
            ReportedClassification::Protect => Err(LegacyMarking::Protect),
            ReportedClassification::Restricted => Err(LegacyMarking::Restricted),
            ReportedClassification::Confidential => Err(LegacyMarking::Confidential),
        }
    }
}

impl From<Classification> for ReportedClassification {
    fn from(tier: Classification) -> Self {
        match tier {
            Classification::Official => ReportedClassification::Official,
            Classification::Secret => ReportedClassification::Secret,
            Classification::TopSecret => ReportedClassification::TopSecret,
        }
    }
}

/// A caveat added to a classification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Caveat {
    /// SENSITIVE handling caveat (OFFICIAL-SENSITIVE); OFFICIAL only.
    Sensitive,
    /// STRAP compartment; SECRET or TOP SECRET only.
    Strap,
}

/// A marking as a report states it, before validation and legacy conversion.
///
/// Wire form: `{"classification": "secret", "caveats": ["strap"]}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(expecting = "a marking object with `classification` and optional `caveats`")]
pub struct ReportedMarking {
    /// The tier or legacy marking.
    pub classification: ReportedClassification,
    /// Caveats, at most one of each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub caveats: Vec<Caveat>,
}

impl ReportedMarking {
    /// A marking with no caveats.
    #[must_use]
    pub fn plain(classification: impl Into<ReportedClassification>) -> Self {
        Self {
            classification: classification.into(),
            caveats: Vec::new(),
        }
    }

    /// The same marking with a caveat added.
    #[must_use]
    pub fn with_caveat(mut self, caveat: Caveat) -> Self {
        self.caveats.push(caveat);
        self
    }
}

/// Why a marking is not a valid combination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MarkingError {
    /// SENSITIVE on SECRET or TOP SECRET.
    #[error("the SENSITIVE caveat applies only to OFFICIAL, not to {0}")]
    SensitiveAboveOfficial(&'static str),
    /// STRAP on OFFICIAL.
    #[error("the STRAP caveat applies only to SECRET or TOP SECRET, not to OFFICIAL")]
    StrapOnOfficial,
    /// The same caveat twice.
    #[error("caveat `{0}` is given more than once")]
    RepeatedCaveat(&'static str),
}

/// A valid marking on a current tier: the classification and its caveats.
///
/// Serialises as `{"classification": "official", "caveats": ["sensitive"]}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
// The wire form is the reported marking's (the fields below are internal).
#[cfg_attr(feature = "typescript", tsify(type = "ReportedMarking"))]
#[serde(try_from = "ReportedMarking", into = "ReportedMarking")]
pub struct Marking {
    tier: Classification,
    sensitive: bool,
    strap: bool,
}

impl Marking {
    /// Plain OFFICIAL.
    pub const OFFICIAL: Marking = Marking {
        tier: Classification::Official,
        sensitive: false,
        strap: false,
    };

    /// Validates a tier and caveats.
    ///
    /// ```
    /// use spf_core::{Caveat, Classification, Marking};
    /// assert!(Marking::new(Classification::Secret, &[Caveat::Strap]).is_ok());
    /// assert!(Marking::new(Classification::Official, &[Caveat::Strap]).is_err());
    /// ```
    pub fn new(tier: Classification, caveats: &[Caveat]) -> Result<Self, MarkingError> {
        let mut marking = Marking {
            tier,
            sensitive: false,
            strap: false,
        };
        for caveat in caveats {
            match caveat {
                Caveat::Sensitive => {
                    if marking.sensitive {
                        return Err(MarkingError::RepeatedCaveat("sensitive"));
                    }
                    if tier != Classification::Official {
                        return Err(MarkingError::SensitiveAboveOfficial(tier.label()));
                    }
                    marking.sensitive = true;
                }
                Caveat::Strap => {
                    if marking.strap {
                        return Err(MarkingError::RepeatedCaveat("strap"));
                    }
                    if tier == Classification::Official {
                        return Err(MarkingError::StrapOnOfficial);
                    }
                    marking.strap = true;
                }
            }
        }
        Ok(marking)
    }

    /// The classification tier.
    #[must_use]
    pub const fn tier(self) -> Classification {
        self.tier
    }

    /// Whether the SENSITIVE caveat is present (OFFICIAL-SENSITIVE).
    #[must_use]
    pub const fn is_sensitive(self) -> bool {
        self.sensitive
    }

    /// Whether the STRAP caveat is present.
    #[must_use]
    pub const fn is_strap(self) -> bool {
        self.strap
    }

    /// Whether the material is SECRET, TOP SECRET or STRAP, the material the
    /// policy's gross-misconduct list names.
    #[must_use]
    pub const fn is_secret_or_above(self) -> bool {
        !matches!(self.tier, Classification::Official)
    }

    /// The caveats present, in a fixed order.
    #[must_use]
    pub fn caveats(self) -> Vec<Caveat> {
        let mut out = Vec::new();
        if self.sensitive {
            out.push(Caveat::Sensitive);
        }
        if self.strap {
            out.push(Caveat::Strap);
        }
        out
    }
}

impl fmt::Display for Marking {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tier.label())?;
        if self.sensitive {
            f.write_str("-SENSITIVE")?;
        }
        if self.strap {
            f.write_str(" STRAP")?;
        }
        Ok(())
    }
}

impl TryFrom<ReportedMarking> for Marking {
    type Error = String;

    fn try_from(reported: ReportedMarking) -> Result<Self, Self::Error> {
        let tier = reported.classification.split().map_err(|legacy| {
            format!(
                "legacy marking `{}` is not a current classification tier",
                legacy.label()
            )
        })?;
        Marking::new(tier, &reported.caveats).map_err(|e| e.to_string())
    }
}

impl From<Marking> for ReportedMarking {
    fn from(marking: Marking) -> Self {
        ReportedMarking {
            classification: marking.tier.into(),
            caveats: marking.caveats(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reported_classification_names_match_serde() {
        for classification in ReportedClassification::ALL {
            assert_eq!(
                serde_json::to_string(&classification).unwrap(),
                format!("\"{}\"", classification.as_str())
            );
        }
    }

    #[test]
    fn valid_and_invalid_combinations() {
        use Caveat::*;
        use Classification::*;
        assert!(Marking::new(Official, &[Sensitive]).unwrap().is_sensitive());
        assert!(Marking::new(TopSecret, &[Strap]).unwrap().is_strap());
        assert_eq!(
            Marking::new(Official, &[Strap]),
            Err(MarkingError::StrapOnOfficial)
        );
        assert_eq!(
            Marking::new(Secret, &[Sensitive]),
            Err(MarkingError::SensitiveAboveOfficial("SECRET"))
        );
        assert_eq!(
            Marking::new(Secret, &[Strap, Strap]),
            Err(MarkingError::RepeatedCaveat("strap"))
        );
    }

    #[test]
    fn display_matches_document_markings() {
        let os = Marking::new(Classification::Official, &[Caveat::Sensitive]).unwrap();
        assert_eq!(os.to_string(), "OFFICIAL-SENSITIVE");
        let ts = Marking::new(Classification::TopSecret, &[Caveat::Strap]).unwrap();
        assert_eq!(ts.to_string(), "TOP SECRET STRAP");
    }

    #[test]
    fn serde_round_trip_and_rejection() {
        let m = Marking::new(Classification::Secret, &[Caveat::Strap]).unwrap();
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, r#"{"classification":"secret","caveats":["strap"]}"#);
        assert_eq!(serde_json::from_str::<Marking>(&json).unwrap(), m);
        assert!(
            serde_json::from_str::<Marking>(r#"{"classification":"official","caveats":["strap"]}"#)
                .is_err()
        );
    }
}
