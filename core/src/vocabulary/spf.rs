//! The four areas of the Security Policy Framework and their elements, exactly
//! as the corporate security policy lists them ("Who does it apply to?"). They
//! are vocabulary, not the compliance domain's own, because the policy
//! document names elements too (those managed centrally).

use std::fmt;

use serde::{Deserialize, Serialize};

/// One of the four SPF areas, in the policy's order.
///
/// ```
/// use spf_core::compliance::{SpfArea, SpfElement};
/// assert_eq!(SpfArea::PersonnelSecurity.number(), 3);
/// assert_eq!(SpfArea::PersonnelSecurity.title(), "Personnel Security");
/// assert_eq!(SpfArea::PersonnelSecurity.elements().last(), Some(&SpfElement::Appeals));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum SpfArea {
    /// 1. Governance and security approaches.
    GovernanceAndSecurityApproaches,
    /// 2. Security of Information.
    SecurityOfInformation,
    /// 3. Personnel Security.
    PersonnelSecurity,
    /// 4. Physical security and counter-terrorism.
    PhysicalSecurityAndCounterTerrorism,
}

impl SpfArea {
    /// Every area, in the policy's order.
    pub const ALL: [SpfArea; 4] = [
        SpfArea::GovernanceAndSecurityApproaches,
        SpfArea::SecurityOfInformation,
        SpfArea::PersonnelSecurity,
        SpfArea::PhysicalSecurityAndCounterTerrorism,
    ];

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            SpfArea::GovernanceAndSecurityApproaches => "governanceAndSecurityApproaches",
            SpfArea::SecurityOfInformation => "securityOfInformation",
            SpfArea::PersonnelSecurity => "personnelSecurity",
            SpfArea::PhysicalSecurityAndCounterTerrorism => "physicalSecurityAndCounterTerrorism",
        }
    }

    /// The area's number in the policy's list, 1 to 4.
    #[must_use]
    pub const fn number(self) -> u8 {
        match self {
            SpfArea::GovernanceAndSecurityApproaches => 1,
            SpfArea::SecurityOfInformation => 2,
            SpfArea::PersonnelSecurity => 3,
            SpfArea::PhysicalSecurityAndCounterTerrorism => 4,
        }
    }

    /// The area's heading as the policy prints it, capitalisation included.
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            SpfArea::GovernanceAndSecurityApproaches => "Governance and security approaches",
            SpfArea::SecurityOfInformation => "Security of Information",
            SpfArea::PersonnelSecurity => "Personnel Security",
            SpfArea::PhysicalSecurityAndCounterTerrorism => {
                "Physical security and counter-terrorism"
            }
        }
    }

    /// The area's elements, in the policy's order (a slice of
    /// [`SpfElement::ALL`]).
    #[must_use]
    pub fn elements(self) -> &'static [SpfElement] {
        // INVARIANT: `SpfElement::ALL` lists the areas' elements contiguously in
        // area order (unit-tested), so each area is one run of it.
        let (start, end) = match self {
            SpfArea::GovernanceAndSecurityApproaches => (0, 4),
            SpfArea::SecurityOfInformation => (4, 11),
            SpfArea::PersonnelSecurity => (11, 14),
            SpfArea::PhysicalSecurityAndCounterTerrorism => (14, 19),
        };
        let all: &'static [SpfElement] = &SpfElement::ALL;
        all.get(start..end).unwrap_or_default()
    }
}

impl fmt::Display for SpfArea {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One element of the Security Policy Framework for which every business area
/// must establish arrangements, in the policy's order.
///
/// ```
/// use spf_core::compliance::{SpfArea, SpfElement};
/// let element = SpfElement::DeliveryPartnersAndThirdPartySuppliers;
/// assert_eq!(element.as_str(), "deliveryPartnersAndThirdPartySuppliers");
/// assert_eq!(element.title(), "Delivery partners and 3rd Party Suppliers");
/// assert_eq!(element.area(), SpfArea::SecurityOfInformation);
/// assert_eq!(SpfElement::ALL.len(), 19);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum SpfElement {
    /// 1. Roles, accountability and responsibilities.
    RolesAccountabilityAndResponsibilities,
    /// 1. Risk management.
    RiskManagement,
    /// 1. Culture, education and awareness.
    CultureEducationAndAwareness,
    /// 1. Managing and recovering from incidents.
    ManagingAndRecoveringFromIncidents,
    /// 2. Information policy.
    InformationPolicy,
    /// 2. Valuing and classifying assets.
    ValuingAndClassifyingAssets,
    /// 2. Risk assessment and accreditation of IT systems.
    RiskAssessmentAndAccreditationOfItSystems,
    /// 2. Technical controls.
    TechnicalControls,
    /// 2. Procedural measures.
    ProceduralMeasures,
    /// 2. Delivery partners and 3rd Party Suppliers.
    DeliveryPartnersAndThirdPartySuppliers,
    /// 2. Managing and reporting security incidents.
    ManagingAndReportingSecurityIncidents,
    /// 3. Recruitment checks and national security vetting.
    RecruitmentChecksAndNationalSecurityVetting,
    /// 3. Ongoing personnel security management.
    OngoingPersonnelSecurityManagement,
    /// 3. Appeals.
    Appeals,
    /// 4. Security risk assessment.
    SecurityRiskAssessment,
    /// 4. Internal controls.
    InternalControls,
    /// 4. Building and perimeter security.
    BuildingAndPerimeterSecurity,
    /// 4. Preparing for critical incidents.
    PreparingForCriticalIncidents,
    /// 4. Responding to critical incidents.
    RespondingToCriticalIncidents,
}

impl SpfElement {
    /// Every element, in the policy's order (area by area).
    pub const ALL: [SpfElement; 19] = [
        SpfElement::RolesAccountabilityAndResponsibilities,
        SpfElement::RiskManagement,
        SpfElement::CultureEducationAndAwareness,
        SpfElement::ManagingAndRecoveringFromIncidents,
        SpfElement::InformationPolicy,
        SpfElement::ValuingAndClassifyingAssets,
        SpfElement::RiskAssessmentAndAccreditationOfItSystems,
        SpfElement::TechnicalControls,
        SpfElement::ProceduralMeasures,
        SpfElement::DeliveryPartnersAndThirdPartySuppliers,
        SpfElement::ManagingAndReportingSecurityIncidents,
        SpfElement::RecruitmentChecksAndNationalSecurityVetting,
        SpfElement::OngoingPersonnelSecurityManagement,
        SpfElement::Appeals,
        SpfElement::SecurityRiskAssessment,
        SpfElement::InternalControls,
        SpfElement::BuildingAndPerimeterSecurity,
        SpfElement::PreparingForCriticalIncidents,
        SpfElement::RespondingToCriticalIncidents,
    ];

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            SpfElement::RolesAccountabilityAndResponsibilities => {
                "rolesAccountabilityAndResponsibilities"
            }
            SpfElement::RiskManagement => "riskManagement",
            SpfElement::CultureEducationAndAwareness => "cultureEducationAndAwareness",
            SpfElement::ManagingAndRecoveringFromIncidents => "managingAndRecoveringFromIncidents",
            SpfElement::InformationPolicy => "informationPolicy",
            SpfElement::ValuingAndClassifyingAssets => "valuingAndClassifyingAssets",
            SpfElement::RiskAssessmentAndAccreditationOfItSystems => {
                "riskAssessmentAndAccreditationOfItSystems"
            }
            SpfElement::TechnicalControls => "technicalControls",
            SpfElement::ProceduralMeasures => "proceduralMeasures",
            SpfElement::DeliveryPartnersAndThirdPartySuppliers => {
                "deliveryPartnersAndThirdPartySuppliers"
            }
            SpfElement::ManagingAndReportingSecurityIncidents => {
                "managingAndReportingSecurityIncidents"
            }
            SpfElement::RecruitmentChecksAndNationalSecurityVetting => {
                "recruitmentChecksAndNationalSecurityVetting"
            }
            SpfElement::OngoingPersonnelSecurityManagement => "ongoingPersonnelSecurityManagement",
            SpfElement::Appeals => "appeals",
            SpfElement::SecurityRiskAssessment => "securityRiskAssessment",
            SpfElement::InternalControls => "internalControls",
            SpfElement::BuildingAndPerimeterSecurity => "buildingAndPerimeterSecurity",
            SpfElement::PreparingForCriticalIncidents => "preparingForCriticalIncidents",
            SpfElement::RespondingToCriticalIncidents => "respondingToCriticalIncidents",
        }
    }

    /// The element's wording as the policy prints it, capitalisation included
    /// (the policy writes `appeals` in lower case and `Delivery partners and 3rd
    /// Party Suppliers` with capitals).
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            SpfElement::RolesAccountabilityAndResponsibilities => {
                "Roles, accountability and responsibilities"
            }
            SpfElement::RiskManagement => "Risk management",
            SpfElement::CultureEducationAndAwareness => "Culture, education and awareness",
            SpfElement::ManagingAndRecoveringFromIncidents => {
                "Managing and recovering from incidents"
            }
            SpfElement::InformationPolicy => "Information policy",
            SpfElement::ValuingAndClassifyingAssets => "Valuing and classifying assets",
            SpfElement::RiskAssessmentAndAccreditationOfItSystems => {
                "Risk assessment and accreditation of IT systems"
            }
            SpfElement::TechnicalControls => "Technical controls",
            SpfElement::ProceduralMeasures => "Procedural measures",
            SpfElement::DeliveryPartnersAndThirdPartySuppliers => {
                "Delivery partners and 3rd Party Suppliers"
            }
            SpfElement::ManagingAndReportingSecurityIncidents => {
                "Managing and reporting security incidents"
            }
            SpfElement::RecruitmentChecksAndNationalSecurityVetting => {
                "Recruitment checks and national security vetting"
            }
            SpfElement::OngoingPersonnelSecurityManagement => {
                "Ongoing personnel security management"
            }
            SpfElement::Appeals => "appeals",
            SpfElement::SecurityRiskAssessment => "Security risk assessment",
            SpfElement::InternalControls => "Internal controls",
            SpfElement::BuildingAndPerimeterSecurity => "Building and perimeter security",
            SpfElement::PreparingForCriticalIncidents => "Preparing for critical incidents",
            SpfElement::RespondingToCriticalIncidents => "Responding to critical incidents",
        }
    }

    /// The area the element belongs to.
    #[must_use]
    pub const fn area(self) -> SpfArea {
        match self {
            SpfElement::RolesAccountabilityAndResponsibilities
            | SpfElement::RiskManagement
            | SpfElement::CultureEducationAndAwareness
            | SpfElement::ManagingAndRecoveringFromIncidents => {
                SpfArea::GovernanceAndSecurityApproaches
            }
            SpfElement::InformationPolicy
            | SpfElement::ValuingAndClassifyingAssets
            | SpfElement::RiskAssessmentAndAccreditationOfItSystems
            | SpfElement::TechnicalControls
            | SpfElement::ProceduralMeasures
            | SpfElement::DeliveryPartnersAndThirdPartySuppliers
            | SpfElement::ManagingAndReportingSecurityIncidents => SpfArea::SecurityOfInformation,
            SpfElement::RecruitmentChecksAndNationalSecurityVetting
            | SpfElement::OngoingPersonnelSecurityManagement
            | SpfElement::Appeals => SpfArea::PersonnelSecurity,
            SpfElement::SecurityRiskAssessment
            | SpfElement::InternalControls
            | SpfElement::BuildingAndPerimeterSecurity
            | SpfElement::PreparingForCriticalIncidents
            | SpfElement::RespondingToCriticalIncidents => {
                SpfArea::PhysicalSecurityAndCounterTerrorism
            }
        }
    }

    /// Position in [`SpfElement::ALL`], 0 to 18.
    #[must_use]
    pub const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for SpfElement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The list in the corporate security policy, "Who does it apply to?",
    /// copied character for character (bullets and spacing included).
    const POLICY_LIST: &str = "\
1. Governance and security approaches
*   Roles, accountability and responsibilities
*   Risk management
*   Culture, education and awareness
*   Managing and recovering from incidents
2. Security of Information
*   Information policy
*   Valuing and classifying assets
*   Risk assessment and accreditation of IT systems
*   Technical controls
*   Procedural measures
*   Delivery partners and 3rd Party Suppliers
*   Managing and reporting security incidents
3. Personnel Security
*   Recruitment checks and national security vetting
*   Ongoing personnel security management
*   appeals
4. Physical security and counter-terrorism
*   Security risk assessment
*   Internal controls
*   Building and perimeter security
*   Preparing for critical incidents
*   Responding to critical incidents
";

    /// The policy's list as (area number, area heading, element wordings).
    fn policy_list() -> Vec<(u8, &'static str, Vec<&'static str>)> {
        let mut areas: Vec<(u8, &'static str, Vec<&'static str>)> = Vec::new();
        for line in POLICY_LIST.lines() {
            if let Some(element) = line.strip_prefix("*   ") {
                areas.last_mut().unwrap().2.push(element);
            } else {
                let (number, heading) = line.split_once(". ").unwrap();
                areas.push((number.parse().unwrap(), heading, Vec::new()));
            }
        }
        areas
    }

    #[test]
    fn titles_are_the_policy_wording_exactly() {
        let list = policy_list();
        assert_eq!(list.len(), SpfArea::ALL.len());
        let mut all = SpfElement::ALL.iter();
        for ((number, heading, elements), area) in list.iter().zip(SpfArea::ALL) {
            assert_eq!(area.number(), *number);
            assert_eq!(area.title(), *heading);
            assert_eq!(area.elements().len(), elements.len(), "{area}");
            for (title, element) in elements.iter().zip(area.elements()) {
                assert_eq!(element.title(), *title);
                assert_eq!(element.area(), area);
                assert_eq!(all.next(), Some(element), "ALL follows the policy's order");
            }
        }
        assert_eq!(all.next(), None);
        // 4 + 7 + 3 + 5, and the wordings that are easy to "correct" by mistake.
        let sizes: Vec<usize> = SpfArea::ALL.iter().map(|a| a.elements().len()).collect();
        assert_eq!(sizes, [4, 7, 3, 5]);
        assert_eq!(SpfElement::Appeals.title(), "appeals");
        assert_eq!(
            SpfElement::DeliveryPartnersAndThirdPartySuppliers.title(),
            "Delivery partners and 3rd Party Suppliers"
        );
        assert_eq!(
            SpfElement::RecruitmentChecksAndNationalSecurityVetting.title(),
            "Recruitment checks and national security vetting"
        );
    }

    #[test]
    fn wire_names_match_serde_and_are_distinct() {
        let mut seen = std::collections::BTreeSet::new();
        for (i, element) in SpfElement::ALL.into_iter().enumerate() {
            assert_eq!(element.index(), i);
            assert!(seen.insert(element.as_str()));
            let json = serde_json::to_string(&element).unwrap();
            assert_eq!(json, format!("\"{}\"", element.as_str()));
            let back: SpfElement = serde_json::from_str(&json).unwrap();
            assert_eq!(back, element);
            assert_eq!(element.to_string(), element.as_str());
        }
        for area in SpfArea::ALL {
            let json = serde_json::to_string(&area).unwrap();
            assert_eq!(json, format!("\"{}\"", area.as_str()));
            let back: SpfArea = serde_json::from_str(&json).unwrap();
            assert_eq!(back, area);
        }
        assert_eq!(
            SpfElement::DeliveryPartnersAndThirdPartySuppliers.as_str(),
            "deliveryPartnersAndThirdPartySuppliers"
        );
        assert_eq!(
            SpfArea::GovernanceAndSecurityApproaches.as_str(),
            "governanceAndSecurityApproaches"
        );
    }

    #[test]
    fn titles_need_no_json_escaping() {
        // Explanations quote titles; a `Step` must never emit escaped characters.
        for element in SpfElement::ALL {
            assert!(
                element
                    .title()
                    .chars()
                    .all(|c| c.is_ascii_graphic() || c == ' ')
            );
            assert!(!element.title().contains(['"', '\\']));
        }
        for area in SpfArea::ALL {
            assert!(!area.title().contains(['"', '\\']));
        }
    }
}
