// What people read for each wire value the pages show or ask for. The engine
// speaks camelCase identifiers; managers and security officers should never
// have to.

export const BREACH_KIND_LABELS = {
  lossOfPass: "Lost building pass, ID card or security card",
  passNotWorn: "Security pass not worn",
  workstationLeftUnlocked: "Workstation left unlocked",
  changeOfCircumstancesNotReported: "Change of circumstances not reported (security-cleared staff)",
  passMisuse: "Building or security pass misused, for example borrowed or lent",
  sensitiveAccessPassMisuse: "Pass to a sensitive area misused, for example a Palace of Westminster pass",
  passwordOrAccountSharing: "Password or account shared without authority",
  officialDocumentsNotSecured: "OFFICIAL documents not secured",
  officialMaterialLostThroughNegligence: "OFFICIAL documents or assets lost through negligence",
  personalDataLossOrRelease: "Significant amount of personal data lost or released",
  securityCabinetNotLocked: "Security cabinet not locked",
  portableAssetLostThroughNegligence: "Laptop, phone or other portable asset lost through negligence",
  equipmentTakenAbroadWithoutAuthority: "IT or communications equipment taken abroad without authority",
  misuseOfAssetsOrInformation: "Assets or sensitive information misused",
  significantChangeOfCircumstancesNotReported:
    "Significant change of circumstances not reported (security-cleared staff)",
  classifiedMaterialDisclosed: "Classified material disclosed to third parties",
  secretMaterialCompromisedThroughNegligence: "SECRET, TOP SECRET or STRAP material compromised through negligence",
  criminalAct: "Criminal act, for example fraud, theft or assault",
  seriousItPolicyBreach: "Serious breach of web browsing, IT or communications policy",
  clearDeskFailure: "Clear desk policy not followed",
  sensitiveInformationNotProtected: "Sensitive information or assets not protected",
  sensitiveDataPassedWithoutAuthority: "Sensitive data passed to third parties without authority",
  other: "Another breach of security responsibilities",
};

/** Headings for the policy's lists, in the order the kind menu shows them. */
export const POLICY_LIST_LABELS = {
  minor: "The policy's examples of minor misconduct",
  serious: "The policy's examples of serious misconduct",
  gross: "The policy's examples of gross misconduct",
  definition: "Other breaches in the policy's definition",
  unlisted: "Not listed in the policy",
};

export const CLASSIFICATION_LABELS = {
  official: "OFFICIAL",
  secret: "SECRET",
  topSecret: "TOP SECRET",
  unclassified: "UNCLASSIFIED",
  protect: "PROTECT",
  restricted: "RESTRICTED",
  confidential: "CONFIDENTIAL",
};

export const LEVEL_LABELS = {
  minor: "Minor misconduct",
  serious: "Serious misconduct",
  gross: "Gross misconduct",
};

// GOV.UK Frontend has no black tag; app.css adds one for the matrix's top band.
export const BAND_TAGS = {
  green: { text: "Green", className: "govuk-tag--green" },
  amber: { text: "Amber", className: "govuk-tag--orange" },
  red: { text: "Red", className: "govuk-tag--red" },
  black: { text: "Black", className: "app-tag--black" },
};

export const ROUTE_LABELS = {
  mojDisciplinaryPolicy: "MoJ disciplinary policy",
  hmppsDisciplinaryPolicy: "HMPPS disciplinary policy",
  probationPolicy: "Probation policy",
  contractManagement: "Contract management",
  ministerialCode: "Ministerial Code",
  specialAdviserCode: "Code of Conduct for Special Advisers",
  judicialConduct: "Judicial conduct arrangements",
  armsLengthBodyArrangements: "The agency's or arm's-length body's own arrangements",
  responsibleBodyReferral: "Referral to the body responsible for the person's conduct",
};

/**
 * What each raised flag asks of the manager, in the order the page lists them.
 * The manager's own decision (POLSBP003) is a warning of its own, not a list item.
 */
export const FLAG_TEXTS = {
  recordCentrally: "Record the breach centrally as a security incident.",
  breachNoticeMayBeIssued: "A breach notice may be issued.",
  reportToStrapso: "Report the breach to the STRAPSO team immediately.",
  policeMayBeInvolved: "The police may be involved.",
  contractMayBeCancelled: "The contract may be cancelled.",
};

/**
 * How to consult MoJ Security (`flags.consultSecurity`): the matrix asks every
 * band to consult it, about the circumstances on green, before acting from amber.
 */
export const CONSULT_SECURITY_TEXTS = {
  aboutCircumstances: "Consult MoJ Security about the individual circumstances.",
  beforeActing: "Consult MoJ Security before taking action.",
};

// The plain tag is blue in GOV.UK Frontend 6, which has no `--blue` modifier.
export const BASIS_TAGS = {
  policyStatement: { text: "Policy statement", className: "" },
  configurableDefault: { text: "Configurable default", className: "govuk-tag--grey" },
};

export const TIER_LABELS = { low: "Low", moderate: "Moderate", high: "High" };

export const RESPONSE_LEVEL_LABELS = {
  normal: "NORMAL",
  heightened: "HEIGHTENED",
  exceptional: "EXCEPTIONAL",
};

export const THREAT_LEVEL_LABELS = {
  low: "LOW",
  moderate: "MODERATE",
  substantial: "SUBSTANTIAL",
  severe: "SEVERE",
  critical: "CRITICAL",
};

/** Schedule statuses, most urgent first: the order the site view sorts by. */
export const SCHEDULE_STATUS_TAGS = {
  overdue: { text: "Overdue", className: "govuk-tag--red" },
  due: { text: "Due", className: "govuk-tag--orange" },
  neverDone: { text: "Never done", className: "govuk-tag--purple" },
  dueSoon: { text: "Due soon", className: "govuk-tag--yellow" },
  ok: { text: "OK", className: "govuk-tag--green" },
};

export const OBLIGATION_LABELS = {
  ctPlanTest: "CT-plan test",
  riskAssessment: "Risk assessment",
  tierReassessment: "Tier re-assessment",
  exceptionalReview: "EXCEPTIONAL review",
};

const DATE_FORMAT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const SHORT_DATE_FORMAT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** A `YYYY-MM-DD` date as GOV.UK writes dates, for example "3 June 2026". */
export function formatDate(isoDate) {
  return DATE_FORMAT.format(new Date(`${isoDate}T00:00:00Z`));
}

/** A `YYYY-MM-DD` date as GOV.UK writes dates in tables, for example "3 Jun 2026". */
export function formatShortDate(isoDate) {
  return SHORT_DATE_FORMAT.format(new Date(`${isoDate}T00:00:00Z`));
}

/** A marking as it would be written on a document, for example "OFFICIAL-SENSITIVE". */
export function formatMarking({ classification, caveats = [] }) {
  let text = CLASSIFICATION_LABELS[classification];
  if (caveats.includes("sensitive")) text += "-SENSITIVE";
  if (caveats.includes("strap")) text += " STRAP";
  return text;
}
