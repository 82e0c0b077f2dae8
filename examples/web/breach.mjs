// The line manager's breach form: what the form holds becomes a breach report,
// the engine assesses it, and the page shows the recommendation with its
// reasons, or the engine's objection against the field it is about.
//
// The page checks nothing itself. An empty choice is left out of the report and
// anything typed is passed on as typed, so the engine is the one judge of what
// a valid report is, exactly as it is for the HR systems that call it from C.

// The breach form's own module: breach assessment alone, about a quarter of the full
// module's download.
import init, { assessBreach, breachRules, isSpfError } from "./spf-form/spf_form.js";
import {
  BAND_TAGS,
  BASIS_TAGS,
  BREACH_KIND_LABELS,
  CLASSIFICATION_LABELS,
  CONSULT_SECURITY_TEXTS,
  FLAG_TEXTS,
  DATA_PROTECTION_NOW,
  impactStepText,
  LEVEL_LABELS,
  POLICY_LIST_LABELS,
  ROUTE_LABELS,
  breachReasonText,
  breachWhy,
  formatMarking,
  plainCitation,
} from "./labels.mjs";
import { FormErrors, dateFromInput, h, pointerOf, scrollable, sentence, tag } from "./page.mjs";

const form = document.getElementById("breach-form");
const kindSelect = document.getElementById("kind");
const kindWording = document.getElementById("kind-wording");
const earlierBreachList = document.getElementById("earlier-breaches");
const addEarlierBreachButton = document.getElementById("add-earlier-breach");
const assessment = document.getElementById("assessment");
const errors = new FormErrors(document.getElementById("form-column"));

await init();
const { kinds: kindRules, history, cases: caseRules } = breachRules();
document.getElementById("repeat-window").textContent = String(history.windowMonths);
const kindRule = (kind) => kindRules.find((rule) => rule.kind === kind);
const kindLabel = (kind) => BREACH_KIND_LABELS[kind] ?? kindRule(kind)?.description ?? kind;

/** The kinds the policy document lists, grouped as the policy lists them. */
function kindOptions() {
  return Object.entries(POLICY_LIST_LABELS)
    .map(([list, heading]) => {
      const options = kindRules
        .filter((rule) => rule.list === list)
        .map((rule) => h("option", { value: rule.kind }, kindLabel(rule.kind)));
      return options.length ? h("optgroup", { label: heading }, options) : undefined;
    })
    .filter(Boolean);
}

kindSelect.append(...kindOptions());
kindSelect.addEventListener("change", () => {
  const rule = kindRule(kindSelect.value);
  kindWording.textContent = rule ? `The policy’s wording: “${rule.description}”` : "";
});

// Earlier breaches: rows the manager adds and removes. Each row keeps the
// number it was created with for its element ids; its position gives its name.
let rowsCreated = 0;

function earlierBreachRows() {
  return [...earlierBreachList.querySelectorAll(":scope > .app-earlier-breach")];
}

function renumberEarlierBreaches() {
  earlierBreachRows().forEach((row, index) => {
    const name = `Earlier breach ${index + 1}`;
    row.querySelector("legend").textContent = name;
    row.querySelector(".app-remove-earlier-breach").lastChild.textContent = ` ${name.toLowerCase()}`;
  });
}

function dateInputItem(idPrefix, part, width) {
  return h(
    "div",
    { className: "govuk-date-input__item" },
    h(
      "div",
      { className: "govuk-form-group" },
      h("label", { className: "govuk-label govuk-date-input__label", for: `${idPrefix}-${part.toLowerCase()}` }, part),
      h("input", {
        className: `govuk-input govuk-date-input__input govuk-input--width-${width}`,
        id: `${idPrefix}-${part.toLowerCase()}`,
        type: "text",
        inputmode: "numeric",
      }),
    ),
  );
}

function addEarlierBreach() {
  rowsCreated += 1;
  const id = `earlier-${rowsCreated}`;
  const removeButton = h(
    "button",
    { type: "button", className: "govuk-button govuk-button--secondary app-remove-earlier-breach" },
    "Remove",
    h("span", { className: "govuk-visually-hidden" }, ""),
  );
  const row = h(
    "div",
    { className: "app-earlier-breach", "data-row": id },
    h(
      "fieldset",
      { className: "govuk-fieldset" },
      h("legend", { className: "govuk-fieldset__legend govuk-fieldset__legend--s" }),
      h(
        "div",
        { className: "govuk-form-group", id: `${id}-date-group` },
        h(
          "fieldset",
          { className: "govuk-fieldset", role: "group" },
          h("legend", { className: "govuk-fieldset__legend" }, "Date"),
          h(
            "div",
            { className: "govuk-date-input", id: `${id}-date` },
            dateInputItem(`${id}-date`, "Day", 2),
            dateInputItem(`${id}-date`, "Month", 2),
            dateInputItem(`${id}-date`, "Year", 4),
          ),
        ),
      ),
      h(
        "div",
        { className: "govuk-form-group", id: `${id}-kind-group` },
        h("label", { className: "govuk-label", for: `${id}-kind` }, "What happened"),
        h("select", { className: "govuk-select", id: `${id}-kind` }, h("option", { value: "" }, "Choose the kind of breach"), kindOptions()),
      ),
      removeButton,
    ),
  );
  removeButton.addEventListener("click", () => {
    row.remove();
    renumberEarlierBreaches();
    addEarlierBreachButton.focus();
  });
  earlierBreachList.append(row);
  renumberEarlierBreaches();
  document.getElementById(`${id}-date-day`).focus();
}

addEarlierBreachButton.addEventListener("click", addEarlierBreach);

/**
 * The breach report the form describes, and the rows its `earlierBreaches`
 * came from (rows left completely empty are not part of it).
 */
function reportFromForm() {
  const data = new FormData(form);
  const text = (name) => String(data.get(name) ?? "").trim();
  const report = {};

  if (text("reference")) report.reference = text("reference");
  if (text("kind")) report.kind = text("kind");
  const occurred = dateFromInput("occurred");
  if (occurred !== undefined) report.occurred = occurred;

  const caveats = data.getAll("caveats");
  if (text("classification") || caveats.length) {
    report.marking = {};
    if (text("classification")) report.marking.classification = text("classification");
    if (caveats.length) report.marking.caveats = caveats;
  }
  if (text("care")) report.care = text("care");
  if (text("damage")) report.damage = text("damage");
  if (text("personalData") === "yes") report.personalData = true;
  // The asset goes with what was typed; the engine reports a missing half.
  const asset = { name: text("informationAssetName"), owner: text("informationAssetOwner") };
  if (asset.name || asset.owner) {
    report.informationAsset = {};
    if (asset.name) report.informationAsset.name = asset.name;
    if (asset.owner) report.informationAsset.owner = asset.owner;
  }
  if (text("impact")) report.impact = text("impact");

  // A number goes as a number; anything else as the text typed, for the
  // engine to reject.
  const warnings = text("previousWarnings");
  if (warnings) report.previousWarnings = /^-?\d+(\.\d+)?$/.test(warnings) ? Number(warnings) : warnings;

  const rows = [];
  const earlierBreaches = [];
  for (const row of earlierBreachRows()) {
    const id = row.dataset.row;
    const date = dateFromInput(`${id}-date`);
    const kind = document.getElementById(`${id}-kind`).value;
    if (date === undefined && kind === "") continue;
    const earlier = {};
    if (date !== undefined) earlier.date = date;
    if (kind) earlier.kind = kind;
    earlierBreaches.push(earlier);
    rows.push(row);
  }
  if (earlierBreaches.length) report.earlierBreaches = earlierBreaches;

  // Left out when nothing about the person is given: the engine reports the
  // missing fields of the report in the order the form asks for them, but an
  // object that is present is checked before them.
  const person = {};
  if (text("status")) person.status = text("status");
  if (text("organisation")) person.organisation = text("organisation");
  if (text("securityCleared")) person.securityCleared = text("securityCleared") === "yes";
  if (Object.keys(person).length) report.person = person;

  return { report, rows };
}

/**
 * The answers the form needs and does not have, as the engine reports a
 * missing field (`missingField` at the object that lacks it), so that the
 * first submit lists every one of them, in the form's order, whatever the
 * engine reports first.
 */
function missingAnswers(report, rows) {
  const missing = (path, name) => ({ code: "missingField", path, message: `missing field \`${name}\`` });
  const problems = [];
  if (!report.kind) problems.push(missing("", "kind"));
  if (!report.occurred) problems.push(missing("", "occurred"));
  if (report.marking && !report.marking.classification) problems.push(missing("/marking", "classification"));
  if (!report.care) problems.push(missing("", "care"));
  if (report.informationAsset && !report.informationAsset.name) problems.push(missing("/informationAsset", "name"));
  if (report.informationAsset && !report.informationAsset.owner) problems.push(missing("/informationAsset", "owner"));
  (report.earlierBreaches ?? []).forEach((earlier, index) => {
    if (!rows[index]) return;
    if (!earlier.date) problems.push(missing(`/earlierBreaches/${index}`, "date"));
    if (!earlier.kind) problems.push(missing(`/earlierBreaches/${index}`, "kind"));
  });
  if (!report.person?.status) problems.push(missing("/person", "status"));
  if (!report.person?.organisation) problems.push(missing("/person", "organisation"));
  return problems;
}

/**
 * Every problem once, in the order the form asks the questions: the form's
 * own and the engine's (its `errors` when it lists them all, else the one it
 * threw) can name the same field, and the first message for a field is kept.
 */
function formProblems(problems, report, rows) {
  const seen = new Set();
  const fields = [];
  for (const problem of problems) {
    const field = fieldError(problem, report, rows);
    const key = field.groupId ?? field.message;
    if (seen.has(key)) continue;
    seen.add(key);
    fields.push(field);
  }
  const position = (field) => (field.groupId ? document.getElementById(field.groupId) : null);
  return fields.sort((a, b) => {
    const [first, second] = [position(a), position(b)];
    if (!first || !second) return first ? -1 : second ? 1 : 0;
    return first.compareDocumentPosition(second) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
}

const DATE_PARTS = ["day", "month", "year"];

/**
 * The form field an engine error is about, and what to tell the manager.
 * Messages follow the GOV.UK pattern; where the engine's own words are the
 * clearest explanation (an invalid marking), they are used as they stand.
 */
function fieldError(error, report, rows) {
  const pointer = pointerOf(error);
  const field = (groupId, targetId, inputIds, messages) => ({
    groupId,
    targetId,
    inputIds,
    message: messages[error.code] ?? sentence(error.message),
  });
  const selectedKind = `‘${kindLabel(report.kind)}’`;

  switch (pointer) {
    case "/reference":
      return field("reference-group", "reference", ["reference"], {});
    case "/kind":
      return field("kind-group", "kind", ["kind"], {
        missingField: "Choose the kind of breach",
        unknownValue: "Choose the kind of breach",
      });
    case "/occurred":
      return field("occurred-group", "occurred-day", DATE_PARTS.map((p) => `occurred-${p}`), {
        missingField: "Enter the date the breach happened",
        invalidDate: "The date the breach happened must be a real date",
      });
    case "/marking":
    case "/marking/classification": {
      const minimum = CLASSIFICATION_LABELS[kindRule(report.kind)?.minimumClassification];
      return field("classification-group", "classification", ["classification"], {
        missingField: "Choose the classification of the material, or untick the caveats",
        kindNotApplicable: `${selectedKind} concerns ${minimum} material or above: choose the material’s classification, or another kind of breach`,
      });
    }
    case "/care":
      return field("care-group", "care", [], { missingField: "Choose how much care the person showed" });
    case "/damage":
      return field("damage-group", "damage", [], {});
    case "/informationAsset":
    case "/informationAsset/name":
    case "/informationAsset/owner": {
      // A missing field names itself in the message; a blank one is at its path.
      const owner = pointer.endsWith("/owner") || /`owner`/.test(error.message);
      return owner
        ? field("information-asset-owner-group", "information-asset-owner", ["information-asset-owner"], {
            missingField: "Enter the Information Asset Owner of the asset, or clear the asset’s name",
            invalidType: "Enter the Information Asset Owner of the asset, or clear the asset’s name",
          })
        : field("information-asset-name-group", "information-asset-name", ["information-asset-name"], {
            missingField: "Enter the name of the information asset, or clear its owner",
            invalidType: "Enter the name of the information asset, or clear its owner",
          });
    }
    case "/previousWarnings":
      return field("previous-warnings-group", "previous-warnings", ["previous-warnings"], {
        invalidType: "Enter the number of previous warnings as a whole number, like 0, 1 or 2",
      });
    case "/person":
    case "/person/status":
      return field("person-status-group", "person-status", ["person-status"], {
        missingField: "Choose the person’s status",
      });
    case "/person/organisation":
      return field("organisation-group", "organisation", [], {
        missingField: "Choose the organisation the person works for",
      });
    case "/person/securityCleared":
      return field("security-cleared-group", "security-cleared", [], {
        kindNotApplicable: `${selectedKind} applies only to security-cleared staff: answer yes if they hold a clearance, or choose another kind of breach`,
      });
  }

  if (pointer.startsWith("/marking/caveats")) {
    return field("caveats-group", "caveat-sensitive", [], {});
  }

  const earlier = /^\/earlierBreaches\/(\d+)\/(date|kind)$/.exec(pointer);
  const row = earlier && rows[Number(earlier[1])];
  if (row) {
    const id = row.dataset.row;
    const name = row.querySelector("legend").textContent;
    return earlier[2] === "date"
      ? field(`${id}-date-group`, `${id}-date-day`, DATE_PARTS.map((p) => `${id}-date-${p}`), {
          missingField: `Enter the date of ${name.toLowerCase()}`,
          invalidDate: `The date of ${name.toLowerCase()} must be a real date`,
          dateOutOfOrder: `${name} must be on or before the date this breach happened`,
        })
      : field(`${id}-kind-group`, `${id}-kind`, [`${id}-kind`], {
          missingField: `Choose the kind of ${name.toLowerCase()}`,
        });
  }

  return { message: sentence(error.message) };
}

function summaryRow(key, ...value) {
  return h(
    "div",
    { className: "govuk-summary-list__row" },
    h("dt", { className: "govuk-summary-list__key" }, key),
    h("dd", { className: "govuk-summary-list__value" }, ...value),
  );
}

const LEVEL_ORDER = ["minor", "serious", "gross"];

/**
 * What the policy asks of a decision at `chosen` against the `recommended`
 * level: the policy document's `reasonRequired` says whether a lower level, or
 * any other level, needs the manager's reason in the case record.
 */
function reasonAdvice(recommended, chosen) {
  const anyDeparture = caseRules.reasonRequired === "anyDeparture";
  const rule = {
    policyStatement: "the policy asks for it",
    agencyVariation: "your agency’s varied rule asks for it",
  }[caseRules.departureReason.basis]
    ?? "your organisation’s policy asks for it (a default it sets, resting on POLSBP003: you decide, considering the damage, any intent and previous warnings)";
  const recommendedText = LEVEL_LABELS[recommended].toLowerCase();
  if (chosen === undefined) {
    return `If you decide ${anyDeparture ? "any other level than" : "a lower level than"} the recommended ${recommendedText}, record your reason in the case: ${rule}.`;
  }
  const direction = Math.sign(LEVEL_ORDER.indexOf(chosen) - LEVEL_ORDER.indexOf(recommended));
  const needed = anyDeparture ? direction !== 0 : direction < 0;
  if (!needed) {
    return direction === 0
      ? "You have decided the recommended level. No reason is needed; you may still record one."
      : `You have decided a higher level than the recommended ${recommendedText}. No reason is needed; you may still record one.`;
  }
  return `You have decided ${LEVEL_LABELS[chosen].toLowerCase()}, ${direction < 0 ? "lower" : "higher"} than the recommended ${recommendedText}. Record your reason in the case, so that the record shows why: ${rule}.`;
}

/**
 * The "record your decision" step: the level the manager decides, with what
 * the policy asks of the record at that level, and a box for the reason. The
 * page keeps nothing: the manager's case system records the decision.
 */
function decisionStep(answer) {
  const advice = h("p", { className: "govuk-body", id: "decision-reason-advice", "aria-live": "polite" }, reasonAdvice(answer.level));
  const reason = h("textarea", { className: "govuk-textarea", id: "decision-reason", name: "decision-reason", rows: "3", "aria-describedby": "decision-reason-advice" });
  const radios = h(
    "div",
    { className: "govuk-radios govuk-radios--small", "data-module": "govuk-radios" },
    LEVEL_ORDER.map((level) =>
      h(
        "div",
        { className: "govuk-radios__item" },
        h("input", { className: "govuk-radios__input", id: `decision-level-${level}`, name: "decision-level", type: "radio", value: level }),
        h("label", { className: "govuk-label govuk-radios__label", for: `decision-level-${level}` }, LEVEL_LABELS[level]),
      ),
    ),
  );
  radios.addEventListener("change", (event) => {
    advice.textContent = reasonAdvice(answer.level, event.target.value);
  });
  return [
    h("h3", { className: "govuk-heading-m", id: "decision-heading" }, "Record your decision"),
    h(
      "div",
      { className: "govuk-form-group" },
      h(
        "fieldset",
        { className: "govuk-fieldset", "aria-describedby": "decision-level-hint" },
        h("legend", { className: "govuk-fieldset__legend govuk-fieldset__legend--s" }, "What level of misconduct do you decide?"),
        h("div", { className: "govuk-hint", id: "decision-level-hint" }, "This page keeps nothing: record the level, what you will do and the date in your case system."),
        radios,
      ),
    ),
    advice,
    h(
      "div",
      { className: "govuk-form-group" },
      h("label", { className: "govuk-label govuk-label--s", for: "decision-reason" }, "Your reason (if needed), to copy into the case"),
      reason,
    ),
  ];
}

function renderAssessment(answer) {
  // Nothing was marked: the engine scored the OFFICIAL row, which the reasons
  // say; a "marking scored" the manager never gave would only confuse.
  const unmarked = answer.reasons.some((reason) => reason.rule === "breach.unmarkedMaterial");
  const legacy = answer.reasons.find((reason) => reason.rule === "breach.legacyMarking");
  const markingScored = legacy
    ? `${formatMarking(answer.marking)} (reported as ${CLASSIFICATION_LABELS[legacy.facts.from]})`
    : formatMarking(answer.marking);
  const flags = Object.keys(FLAG_TEXTS).filter((flag) => answer.flags[flag]);
  // The policy's words for what to do with this person's case.
  const routeLabel = answer.reasons.find((reason) => reason.rule === "breach.route")?.facts.label;
  // Every answer consults Security; its strength leads the list.
  // Telling the data protection team is immediate when the SIRO is told; an
  // impact still to assess is a step of its own.
  const flagText = (flag) =>
    flag === "informDataProtectionTeam" && answer.flags.escalateToSiro ? DATA_PROTECTION_NOW : FLAG_TEXTS[flag];
  const impactToAssess = answer.reasons.find((reason) => reason.rule === "breach.impactNotAssessed");
  const nextSteps = [
    CONSULT_SECURITY_TEXTS[answer.flags.consultSecurity],
    ...flags.map(flagText),
    ...(impactToAssess ? [impactStepText(impactToAssess.facts.fromImpact)] : []),
  ];
  const managerDecides = answer.flags.managerDecisionRequired
    ? h(
        "div",
        { className: "govuk-warning-text" },
        h("span", { className: "govuk-warning-text__icon", "aria-hidden": "true" }, "!"),
        h(
          "strong",
          { className: "govuk-warning-text__text" },
          h("span", { className: "govuk-visually-hidden" }, "Warning"),
          "This is a recommendation, not a decision. As the manager, you decide whether to take disciplinary action (POLSBP003).",
        ),
      )
    : undefined;
  const reasonRows = answer.reasons.map((reason, index) =>
    h(
      "tr",
      { className: "govuk-table__row" },
      h("td", { className: "govuk-table__cell govuk-table__cell--numeric" }, String(index + 1)),
      h(
        "td",
        { className: "govuk-table__cell" },
        breachReasonText(reason),
        h("span", { className: "app-cell-note" }, "Rule ", h("code", { className: "app-rule-id" }, reason.rule)),
      ),
      h("td", { className: "govuk-table__cell" }, plainCitation(reason.citation)),
      h("td", { className: "govuk-table__cell" }, tag(BASIS_TAGS[reason.basis])),
    ),
  );
  const reasonsTable = scrollable(
    h(
      "table",
      { className: "govuk-table app-reasons" },
      h("caption", { className: "govuk-table__caption govuk-table__caption--s", id: "reasons-caption" }, "Each rule the engine applied, in order"),
      h(
        "thead",
        { className: "govuk-table__head" },
        h(
          "tr",
          { className: "govuk-table__row" },
          h("th", { scope: "col", className: "govuk-table__header govuk-table__header--numeric" }, "Step"),
          h("th", { scope: "col", className: "govuk-table__header" }, "What the rule found"),
          h("th", { scope: "col", className: "govuk-table__header" }, "Policy source"),
          h("th", { scope: "col", className: "govuk-table__header" }, "Basis"),
        ),
      ),
      h("tbody", { className: "govuk-table__body" }, reasonRows),
    ),
  );

  return [
    h("p", { className: "govuk-body-l", id: "assessment-why" }, breachWhy(answer, history)),
    h(
      "dl",
      { className: "govuk-summary-list" },
      answer.reference ? summaryRow("Case reference", answer.reference) : undefined,
      summaryRow("Recommended level", h("strong", { className: "govuk-!-font-size-24" }, LEVEL_LABELS[answer.level])),
      summaryRow("Security Breach Matrix score", `${answer.score} out of 12, `, tag(BAND_TAGS[answer.band]), " band"),
      unmarked ? undefined : summaryRow("Marking scored", markingScored),
      summaryRow("Handled under", ROUTE_LABELS[answer.route]),
      routeLabel ? summaryRow("What to do", `${sentence(routeLabel)}.`) : undefined,
    ),
    managerDecides,
    h("h3", { className: "govuk-heading-m" }, "What happens next"),
    h("ul", { className: "govuk-list govuk-list--bullet", id: "next-steps" }, nextSteps.map((text) => h("li", {}, text))),
    ...decisionStep(answer),
    h(
      "details",
      { className: "govuk-details", id: "reasons-details" },
      h("summary", { className: "govuk-details__summary" }, h("span", { className: "govuk-details__summary-text" }, "How the recommendation was reached")),
      h(
        "div",
        { className: "govuk-details__text" },
        reasonsTable,
        h(
          "p",
          { className: "govuk-body-s" },
          "A policy statement restates the policy. A configurable default fills a gap the policy leaves open; your organisation’s policy document can change it. An agency variation is a statement your agency’s Accounting Officer agreed to vary. ",
          `Assessed under policy ${answer.policy.id}, version ${answer.policy.version}.`,
        ),
      ),
    ),
  ];
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  errors.clear();
  const { report, rows } = reportFromForm();
  const problems = missingAnswers(report, rows);
  let answer;
  try {
    answer = assessBreach(report);
  } catch (error) {
    if (!isSpfError(error)) throw error;
    problems.push(...(error.errors?.length ? error.errors : [error]));
  }
  if (problems.length) {
    assessment.hidden = true;
    errors.show(formProblems(problems, report, rows));
    return;
  }
  document.getElementById("assessment-heading").textContent = `Recommendation: ${LEVEL_LABELS[answer.level].toLowerCase()}`;
  document.getElementById("assessment-body").replaceChildren(...renderAssessment(answer).filter(Boolean));
  assessment.hidden = false;
  document.getElementById("assessment-heading").focus();
});
