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
  informInformationAssetOwner: "Tell the Information Asset Owner, who owns the information’s risk.",
  informDataProtectionTeam: "Tell the data protection team.",
  escalateToSiro: "Escalate immediately to the Senior Information Risk Owner (SIRO).",
};

/** The data protection team's step when the SIRO is told too (POL.IMP.004). */
export const DATA_PROTECTION_NOW = "Tell the data protection team immediately.";

/** The step when someone is told of the information risk but its impact was not given. */
export function impactStepText(fromImpact) {
  return `Ask the incident manager to assess the incident’s impact: from ${fromImpact} impact it is escalated to the SIRO.`;
}

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
  agencyVariation: { text: "Agency variation", className: "govuk-tag--purple" },
};

export const PERSON_STATUS_LABELS = {
  employee: "An employee who has completed probation",
  probationer: "An employee on probation",
  contractor: "A contractor",
  agencyStaff: "Agency staff",
  minister: "A minister",
  specialAdviser: "A special adviser",
  permanentSecretary: "A permanent secretary",
  judicialOfficer: "A judicial officer",
  other: "Someone else who works in the department",
};

export const ORGANISATION_LABELS = {
  moj: "the Ministry of Justice",
  hmpps: "HM Prison and Probation Service",
  otherAgency: "another MoJ agency or arm’s-length body",
};

const DAMAGE_TEXTS = {
  potential: "Damage could have followed",
  actual: "Damage is known to have followed",
};

/** Site-status findings by severity; the tag's text says it, not only its colour. */
export const SEVERITY_TAGS = {
  high: { text: "High", className: "govuk-tag--red" },
  medium: { text: "Medium", className: "govuk-tag--orange" },
  low: { text: "Low", className: "govuk-tag--grey" },
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

/**
 * A control the matrix asks of a site, against the site's record: the tag's
 * text says the state, not only its colour.
 */
export const CONTROL_STATE_TAGS = {
  missing: { text: "Missing", className: "govuk-tag--red" },
  unverified: { text: "Unverified", className: "govuk-tag--yellow" },
  notRecorded: { text: "Not recorded", className: "govuk-tag--grey" },
  inPlace: { text: "In place", className: "govuk-tag--green" },
};

export const REQUIREMENT_LABELS = {
  required: "Required",
  recommended: "Recommended",
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

/** "1 warning", "2 warnings": a count with its noun. */
function counted(count, singular, plural) {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** Backticked wire values in engine text, as the pages name them. */
function labelFor(value) {
  if (value in BREACH_KIND_LABELS) return `‘${BREACH_KIND_LABELS[value]}’`;
  for (const labels of [CLASSIFICATION_LABELS, RESPONSE_LEVEL_LABELS, THREAT_LEVEL_LABELS]) {
    if (value in labels) return labels[value];
  }
  return value;
}

/**
 * Engine text (an explanation, a finding's message) in the pages' words: wire
 * values written in backticks become their labels (a control's id followed by
 * its name in brackets becomes the name), dates are written as GOV.UK
 * writes them, "warning(s)" agrees with its number, and the first letter is a
 * capital.
 */
export function plainText(text) {
  const plain = text
    // A control is named by its id and then its name: the name is the words.
    .replace(/`[A-Za-z0-9]+` \(([^()]+)\)/g, (_, name) => `‘${name}’`)
    .replace(/`([^`]*)`/g, (_, value) => labelFor(value))
    .replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (_, date) => formatDate(date))
    .replace(/\b(\d+) ((?:[A-Za-z]+ )*?)([a-z]+)\((e?s)\)/g, (_, n, words, noun, ending) =>
      `${n} ${words}${noun}${Number(n) === 1 ? "" : ending}`,
    );
  return plain.charAt(0).toUpperCase() + plain.slice(1);
}

const OPEN_DEFAULT = "a default the policy leaves open, set by the MoJ";

/**
 * A citation as people read it. Citations name the policy texts, and some also
 * point into the library's own research notes (their gap numbers, sections and
 * source ids), which mean nothing to a reader: those become plain words.
 */
export function plainCitation(citation) {
  const plain = citation
    // A source id from the research notes after a document's name ("…, S4").
    .replace(/, S\d+L?\b/g, "")
    // A section of the notes adds nothing the policy's own name does not.
    .replace(/\s*\(domain-facts §[\d.]+\)/g, "")
    .replace(/;\s*domain-facts §[\d.]+/g, "")
    // A gap the policy leaves open; said once where the citation says it already.
    .replace(/(default[^;]*);\s*domain-facts gap \d+$/, "$1")
    .replace(/^domain-facts gap \d+\b/, OPEN_DEFAULT.charAt(0).toUpperCase() + OPEN_DEFAULT.slice(1))
    .replace(/domain-facts gap \d+\b/g, OPEN_DEFAULT)
    .replace(/domain-facts[^;)]*/g, OPEN_DEFAULT);
  return plain.charAt(0).toUpperCase() + plain.slice(1);
}

/** What one step of a breach assessment found, in plain words. */
export function breachReasonText(reason) {
  const facts = reason.facts ?? {};
  const level = (value) => LEVEL_LABELS[value].toLowerCase();
  switch (reason.rule) {
    case "breach.catalogueFloor": {
      const kind = labelFor(facts.kind);
      if (["minor", "serious", "gross"].includes(facts.list)) {
        return `The policy lists ${kind} under ${level(facts.level)}; the recommendation is never lower.`;
      }
      const where = facts.list === "definition" ? "is in the policy’s definition of a breach, which gives no level" : "is not listed in the policy";
      return `${kind} ${where}; it starts at ${level(facts.level)}.`;
    }
    case "breach.route":
      return `${PERSON_STATUS_LABELS[facts.status] ?? facts.status} at ${ORGANISATION_LABELS[facts.organisation] ?? facts.organisation}: ${facts.label}.`;
    case "breach.damage": {
      const raised = facts.from === facts.to ? `the level stays ${level(facts.to)}` : `the level is raised from ${level(facts.from)} to ${level(facts.to)}`;
      const steps = facts.steps === 0 ? "the policy document adds no level for it" : `the policy document adds ${counted(facts.steps, "level", "levels")} for it`;
      return `${DAMAGE_TEXTS[facts.damage]}: a factor the manager must weigh; ${steps}; ${raised}.`;
    }
    case "breach.managerDecision":
      return `Recommended level: ${level(facts.level)}. The manager decides whether to take disciplinary action.`;
    case "breach.informAssetOwner":
      return facts.owner
        ? `Tell ${facts.owner}, the Information Asset Owner of ${facts.asset}: they own the information’s risk.`
        : "Personal data was involved: tell the Information Asset Owner of the information, who owns its risk.";
    default:
      return `${plainText(reason.explanation)}.`;
  }
}

/** "a previous warning and an earlier breach in the last 12 months" */
function historyPhrase({ previousWarnings, repeats, windowMonths }, { warnings = true, earlier = true } = {}) {
  const parts = [];
  if (warnings && previousWarnings > 0) {
    parts.push(previousWarnings === 1 ? "a previous warning" : `${previousWarnings} previous warnings`);
  }
  if (earlier && repeats > 0) {
    const breaches = repeats === 1 ? "an earlier breach" : `${repeats} earlier breaches`;
    parts.push(`${breaches} in the last ${counted(windowMonths, "month", "months")}`);
  }
  return parts.join(" and ");
}

/** Why one step raised the level, as the end of "raised to gross …". */
function raisedBecause(reason, history) {
  const facts = reason.facts;
  switch (reason.rule) {
    case "breach.bandLevel":
      return `because the Security Breach Matrix puts it in the ${facts.band} band`;
    case "breach.deliberateIntent":
      return "because of a total lack of care, gross negligence or deliberately reckless behaviour";
    case "breach.classifiedMaterial": {
      const marking = `${CLASSIFICATION_LABELS[facts.classification]}${facts.strap ? " STRAP" : ""}`;
      return facts.reported === facts.classification
        ? `because ${marking} material was involved`
        : `because ${CLASSIFICATION_LABELS[facts.reported]} material counts as ${marking}`;
    }
    case "breach.historyEscalation": {
      // Name what the policy document raises the level for; a repeat alone
      // raises nothing under the MoJ default.
      const named = historyPhrase(facts, {
        warnings: (history?.warningLevelSteps ?? 1) > 0,
        earlier: (history?.repeatLevelSteps ?? 1) > 0,
      });
      return `because of ${named || historyPhrase(facts)}`;
    }
    case "breach.historyScore": {
      const both = facts.previousWarnings > 0 && facts.repeats > 0;
      return `because ${historyPhrase(facts)} ${both ? "move" : "moves"} it to the Security Breach Matrix’s ${facts.band} band`;
    }
    case "breach.damage":
      return facts.damage === "actual" ? "because damage followed" : "because damage could have followed";
    default:
      return `by the rule ${reason.rule}`;
  }
}

/**
 * The one sentence that says why the recommendation is what it is: where the
 * policy's list puts the breach, and each step that raised it from there, in
 * the order the engine took them. `history` is the policy document's
 * `breach.history`, which says what a warning and a repeat each raise.
 */
export function breachWhy(answer, history) {
  const floor = answer.reasons.find((reason) => reason.rule === "breach.catalogueFloor");
  const raises = answer.reasons.filter(
    (reason) => reason.facts && "from" in reason.facts && "to" in reason.facts && reason.facts.from !== reason.facts.to,
  );
  const start = floor?.facts.level ?? raises[0]?.facts.from ?? answer.level;
  if (!raises.length) {
    const kind = floor ? labelFor(floor.facts.kind) : "this breach";
    const why = ["minor", "serious", "gross"].includes(floor?.facts.list)
      ? `the policy lists ${kind} as ${LEVEL_LABELS[start].toLowerCase()}`
      : `the lowest level, as the policy gives ${kind} no level`;
    return `${LEVEL_LABELS[start]}: ${why}, and nothing in the assessment raised it.`;
  }
  const steps = raises.map((reason, index) => `${index ? "then " : ""}to ${reason.facts.to} ${raisedBecause(reason, history)}`);
  return `${LEVEL_LABELS[start]}, raised ${steps.join(", ")}.`;
}
