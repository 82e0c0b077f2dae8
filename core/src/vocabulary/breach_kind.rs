//! The kinds of security breach the policy names.
//!
//! One kind for every example in the Security Breach Policy's definition of a
//! breach and in its minor, serious and gross misconduct lists (POLSBP006),
//! including the variants the lists tell apart, plus [`BreachKind::Other`] for
//! behaviour the lists do not name. The level each kind starts from lives in the
//! policy document, not here.

use serde::{Deserialize, Serialize};

/// A kind of security breach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum BreachKind {
    // Minor misconduct list.
    /// Loss of a building pass, ID card or other security card.
    LossOfPass,
    /// Failure to wear security passes in pass-controlled buildings (also in the
    /// policy's definition of a breach).
    PassNotWorn,
    /// Not locking workstations when away from desks.
    WorkstationLeftUnlocked,
    /// A security-cleared person not telling their manager of a change in personal
    /// circumstances (marriage, change of address, divorce).
    ChangeOfCircumstancesNotReported,

    // Serious misconduct list.
    /// Misuse of building or security passes, including borrowing or lending them.
    PassMisuse,
    /// Misuse of a Palace of Westminster pass or a pass that gains access to
    /// sensitive areas, which the policy singles out ("particularly").
    SensitiveAccessPassMisuse,
    /// Unauthorised password or account sharing.
    PasswordOrAccountSharing,
    /// Failure to secure documents classified at OFFICIAL.
    OfficialDocumentsNotSecured,
    /// Negligence leading to the loss of classified documents or assets at
    /// OFFICIAL.
    OfficialMaterialLostThroughNegligence,
    /// Non-compliance leading to the loss or unauthorised release of significant
    /// amounts of personal data.
    PersonalDataLossOrRelease,
    /// Failure to lock security cabinets.
    SecurityCabinetNotLocked,
    /// Negligence leading to the loss of portable assets (laptops, mobile
    /// telephones and similar valuable transportable property).
    PortableAssetLostThroughNegligence,
    /// Taking IT or communications equipment out of the UK without the appropriate
    /// authority.
    EquipmentTakenAbroadWithoutAuthority,
    /// Misuse of assets or sensitive information (the policy adds "see also gross
    /// misconduct").
    MisuseOfAssetsOrInformation,
    /// A security-cleared person not telling their manager of a significant change
    /// in personal circumstances (civil proceedings, an arrest or a criminal
    /// conviction, including those of a partner or close relative).
    SignificantChangeOfCircumstancesNotReported,

    // Gross misconduct list.
    /// Unauthorised disclosure of classified material to third parties.
    ClassifiedMaterialDisclosed,
    /// Negligence and non-compliance leading to a breach of security of SECRET,
    /// TOP SECRET or STRAP material.
    SecretMaterialCompromisedThroughNegligence,
    /// Any criminal act, including fraud, theft or assault.
    CriminalAct,
    /// Serious breaches of web browsing and IT or electronic communications policy.
    SeriousItPolicyBreach,

    // Definition of a breach (no level stated).
    /// Failing to comply with clear desk policies.
    ClearDeskFailure,
    /// Failing to protect sensitive information or assets.
    SensitiveInformationNotProtected,
    /// Passing on sensitive data to third parties without the proper authority.
    SensitiveDataPassedWithoutAuthority,

    /// Behaviour the policy's lists do not name ("this list is not comprehensive").
    Other,
}

/// Where in the policy text a kind comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum PolicyList {
    /// The "Minor misconduct" list.
    Minor,
    /// The "Serious misconduct" list.
    Serious,
    /// The "Gross misconduct" list.
    Gross,
    /// The examples in the policy's definition of a security breach, which carry
    /// no level.
    Definition,
    /// Not in the policy's lists.
    Unlisted,
}

impl PolicyList {
    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            PolicyList::Minor => "minor",
            PolicyList::Serious => "serious",
            PolicyList::Gross => "gross",
            PolicyList::Definition => "definition",
            PolicyList::Unlisted => "unlisted",
        }
    }
}

impl BreachKind {
    /// Every kind, in catalogue order (minor, serious, gross, definition, other).
    pub const ALL: [BreachKind; 23] = [
        BreachKind::LossOfPass,
        BreachKind::PassNotWorn,
        BreachKind::WorkstationLeftUnlocked,
        BreachKind::ChangeOfCircumstancesNotReported,
        BreachKind::PassMisuse,
        BreachKind::SensitiveAccessPassMisuse,
        BreachKind::PasswordOrAccountSharing,
        BreachKind::OfficialDocumentsNotSecured,
        BreachKind::OfficialMaterialLostThroughNegligence,
        BreachKind::PersonalDataLossOrRelease,
        BreachKind::SecurityCabinetNotLocked,
        BreachKind::PortableAssetLostThroughNegligence,
        BreachKind::EquipmentTakenAbroadWithoutAuthority,
        BreachKind::MisuseOfAssetsOrInformation,
        BreachKind::SignificantChangeOfCircumstancesNotReported,
        BreachKind::ClassifiedMaterialDisclosed,
        BreachKind::SecretMaterialCompromisedThroughNegligence,
        BreachKind::CriminalAct,
        BreachKind::SeriousItPolicyBreach,
        BreachKind::ClearDeskFailure,
        BreachKind::SensitiveInformationNotProtected,
        BreachKind::SensitiveDataPassedWithoutAuthority,
        BreachKind::Other,
    ];

    /// Position in [`BreachKind::ALL`], used to index compiled tables.
    #[must_use]
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The stable wire name, e.g. `lossOfPass`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            BreachKind::LossOfPass => "lossOfPass",
            BreachKind::PassNotWorn => "passNotWorn",
            BreachKind::WorkstationLeftUnlocked => "workstationLeftUnlocked",
            BreachKind::ChangeOfCircumstancesNotReported => "changeOfCircumstancesNotReported",
            BreachKind::PassMisuse => "passMisuse",
            BreachKind::SensitiveAccessPassMisuse => "sensitiveAccessPassMisuse",
            BreachKind::PasswordOrAccountSharing => "passwordOrAccountSharing",
            BreachKind::OfficialDocumentsNotSecured => "officialDocumentsNotSecured",
            BreachKind::OfficialMaterialLostThroughNegligence => {
                "officialMaterialLostThroughNegligence"
            }
            BreachKind::PersonalDataLossOrRelease => "personalDataLossOrRelease",
            BreachKind::SecurityCabinetNotLocked => "securityCabinetNotLocked",
            BreachKind::PortableAssetLostThroughNegligence => "portableAssetLostThroughNegligence",
            BreachKind::EquipmentTakenAbroadWithoutAuthority => {
                "equipmentTakenAbroadWithoutAuthority"
            }
            BreachKind::MisuseOfAssetsOrInformation => "misuseOfAssetsOrInformation",
            BreachKind::SignificantChangeOfCircumstancesNotReported => {
                "significantChangeOfCircumstancesNotReported"
            }
            BreachKind::ClassifiedMaterialDisclosed => "classifiedMaterialDisclosed",
            BreachKind::SecretMaterialCompromisedThroughNegligence => {
                "secretMaterialCompromisedThroughNegligence"
            }
            BreachKind::CriminalAct => "criminalAct",
            BreachKind::SeriousItPolicyBreach => "seriousItPolicyBreach",
            BreachKind::ClearDeskFailure => "clearDeskFailure",
            BreachKind::SensitiveInformationNotProtected => "sensitiveInformationNotProtected",
            BreachKind::SensitiveDataPassedWithoutAuthority => {
                "sensitiveDataPassedWithoutAuthority"
            }
            BreachKind::Other => "other",
        }
    }

    /// The policy's own words for the example this kind stands for.
    #[must_use]
    pub const fn policy_wording(self) -> &'static str {
        match self {
            BreachKind::LossOfPass => "Loss of a building pass, ID card or other security card.",
            BreachKind::PassNotWorn => {
                "Failure to wear security passes in pass-controlled buildings."
            }
            BreachKind::WorkstationLeftUnlocked => "Not locking workstations when away from desks.",
            BreachKind::ChangeOfCircumstancesNotReported => {
                "Failure of security cleared personnel to inform managers of a change in personal circumstances, for example marriage, change of address, or divorce."
            }
            BreachKind::PassMisuse => {
                "Misuse of building or security passes, including 'borrowing' or 'lending' passes to others."
            }
            BreachKind::SensitiveAccessPassMisuse => {
                "Misuse of building or security passes, particularly Palace of Westminster passes or those that gain access to sensitive areas."
            }
            BreachKind::PasswordOrAccountSharing => "Unauthorised password or account sharing.",
            BreachKind::OfficialDocumentsNotSecured => {
                "Failure to secure documents classified at OFFICIAL level."
            }
            BreachKind::OfficialMaterialLostThroughNegligence => {
                "Negligence leading to the loss of classified documents or assets at OFFICIAL level."
            }
            BreachKind::PersonalDataLossOrRelease => {
                "Non-compliance leading to the loss or unauthorised release of significant amounts of personal data."
            }
            BreachKind::SecurityCabinetNotLocked => "Failure to lock security cabinets.",
            BreachKind::PortableAssetLostThroughNegligence => {
                "Negligence leading to the loss of portable assets, including laptops, mobile telephones, and similar valuable transportable property."
            }
            BreachKind::EquipmentTakenAbroadWithoutAuthority => {
                "Taking IT or communications equipment out of the UK without the appropriate level of authority."
            }
            BreachKind::MisuseOfAssetsOrInformation => {
                "Misuse of assets or sensitive information (see also Gross Misconduct)."
            }
            BreachKind::SignificantChangeOfCircumstancesNotReported => {
                "Failure of security cleared personnel to inform managers of a significant change in personal circumstances, for example civil proceedings, an arrest, or criminal conviction, including an arrest or criminal conviction of a partner or other close relative."
            }
            BreachKind::ClassifiedMaterialDisclosed => {
                "Unauthorised disclosure of classified material to third parties."
            }
            BreachKind::SecretMaterialCompromisedThroughNegligence => {
                "Negligence and non-compliance leading to breach of security related to SECRET, TOP SECRET and STRAP material."
            }
            BreachKind::CriminalAct => "Any criminal act, including fraud, theft, or assault.",
            BreachKind::SeriousItPolicyBreach => {
                "Serious breaches of web browsing and IT or electronic communications policy."
            }
            BreachKind::ClearDeskFailure => "Failing to comply with clear desk policies.",
            BreachKind::SensitiveInformationNotProtected => {
                "Failing to protect sensitive information or assets."
            }
            BreachKind::SensitiveDataPassedWithoutAuthority => {
                "Passing on sensitive data to third parties without the proper authority."
            }
            BreachKind::Other => {
                "Any other violation of security responsibilities (the policy's list is not comprehensive)."
            }
        }
    }

    /// Which of the policy's lists the example comes from.
    #[must_use]
    pub const fn policy_list(self) -> PolicyList {
        match self {
            BreachKind::LossOfPass
            | BreachKind::PassNotWorn
            | BreachKind::WorkstationLeftUnlocked
            | BreachKind::ChangeOfCircumstancesNotReported => PolicyList::Minor,
            BreachKind::PassMisuse
            | BreachKind::SensitiveAccessPassMisuse
            | BreachKind::PasswordOrAccountSharing
            | BreachKind::OfficialDocumentsNotSecured
            | BreachKind::OfficialMaterialLostThroughNegligence
            | BreachKind::PersonalDataLossOrRelease
            | BreachKind::SecurityCabinetNotLocked
            | BreachKind::PortableAssetLostThroughNegligence
            | BreachKind::EquipmentTakenAbroadWithoutAuthority
            | BreachKind::MisuseOfAssetsOrInformation
            | BreachKind::SignificantChangeOfCircumstancesNotReported => PolicyList::Serious,
            BreachKind::ClassifiedMaterialDisclosed
            | BreachKind::SecretMaterialCompromisedThroughNegligence
            | BreachKind::CriminalAct
            | BreachKind::SeriousItPolicyBreach => PolicyList::Gross,
            BreachKind::ClearDeskFailure
            | BreachKind::SensitiveInformationNotProtected
            | BreachKind::SensitiveDataPassedWithoutAuthority => PolicyList::Definition,
            BreachKind::Other => PolicyList::Unlisted,
        }
    }
}

impl std::fmt::Display for BreachKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_is_in_declaration_order_and_names_match_serde() {
        for (i, kind) in BreachKind::ALL.iter().enumerate() {
            assert_eq!(kind.index(), i);
            let json = serde_json::to_string(kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
    }
}
