// The policyDiff answer in plain words, for the policy owner's page: what
// changed in the document (each value with its JSON pointer and what the change
// does to its authority), and every group of input classes the two policies
// decide differently, with both answers for one case of each group.

import { BASIS_TAGS } from "./labels.mjs";
import { h, scrollable, withCode } from "./page.mjs";

const number = (count) => count.toLocaleString("en-GB");

const AUTHORITY_LABELS = {
  statementTightened: "Statement tightened",
  statementLoosened: "Statement loosened",
  defaultChanged: "Default changed",
  variationAdded: "Accounting Officer variation added",
  variationRemoved: "Accounting Officer variation removed",
  variationChanged: "Accounting Officer variation changed",
  basisChanged: "Basis changed",
  citationChanged: "Citation changed",
};

// A value longer than this (a whole route or variation object) is shortened
// on the page, and says so.
const LONGEST_VALUE = 120;

/** A document value as it reads: text as it stands, anything else as compact JSON. */
function value(change, side) {
  if (!(side in change)) return h("span", { className: "app-cell-note" }, side === "from" ? "(not there)" : "(removed)");
  const v = change[side];
  const text = typeof v === "string" ? v : JSON.stringify(v);
  if (text.length <= LONGEST_VALUE) return h("code", {}, text);
  return [h("code", {}, `${text.slice(0, LONGEST_VALUE)}…`), h("span", { className: "app-cell-note" }, `(shortened from ${text.length} characters)`)];
}

function authorityCell(change) {
  const label = change.authority ? (AUTHORITY_LABELS[change.authority] ?? change.authority) : "No rule rests on it";
  return [label, change.statement ? h("span", { className: "app-cell-note" }, withCode(change.statement)) : undefined];
}

function documentSection(changes) {
  if (!changes.length) return [h("p", { className: "govuk-body", id: "document-unchanged" }, "The document’s values are those of the MoJ default.")];
  const header = (text) => h("th", { className: "govuk-table__header", scope: "col" }, text);
  const cell = (...content) => h("td", { className: "govuk-table__cell" }, ...content);
  return [
    scrollable(
      h(
        "table",
        { className: "govuk-table app-document-changes", id: "document-changes" },
        h("caption", { className: "govuk-table__caption govuk-table__caption--m", id: "document-changes-caption" }, "Changes to the document"),
        h("thead", { className: "govuk-table__head" }, h("tr", { className: "govuk-table__row" }, header("Where"), header("Change"), header("Authority"))),
        h(
          "tbody",
          { className: "govuk-table__body" },
          changes.map((change) =>
            h(
              "tr",
              { className: "govuk-table__row" },
              h("th", { className: "govuk-table__header", scope: "row" }, h("code", {}, change.pointer)),
              cell(
                h("p", { className: "app-value" }, h("span", { className: "app-value-label" }, "MoJ default: "), value(change, "from")),
                h("p", { className: "app-value" }, h("span", { className: "app-value-label" }, "This document: "), value(change, "to")),
              ),
              cell(...authorityCell(change)),
            ),
          ),
        ),
      ),
    ),
  ];
}

/** One policy's answer to a group's example: its outcome and reasons, or its error. */
function answerBlock(title, answer) {
  const outcome = answer.assessment ?? answer.status;
  if (!outcome) {
    return h("div", { className: "app-answer" }, h("h5", { className: "govuk-heading-s" }, title), h("p", { className: "govuk-body" }, withCode(answer.error?.message ?? "No answer")));
  }
  const headline = answer.assessment
    ? `${outcome.level} misconduct, route ${outcome.route}`
    : `response level ${outcome.responseLevel}; CT plan test ${outcome.schedules?.ctPlanTest?.status ?? "n/a"}`;
  return h(
    "div",
    { className: "app-answer" },
    h("h5", { className: "govuk-heading-s" }, `${title}: ${headline}`),
    h(
      "ul",
      { className: "govuk-list govuk-list--bullet app-reasons" },
      outcome.reasons.map((reason) =>
        h("li", {}, withCode(reason.explanation), " ", h("span", { className: "app-cell-note" }, `(${reason.citation}; ${BASIS_TAGS[reason.basis]?.text ?? reason.basis})`)),
      ),
    ),
  );
}

function groupBlock(group, index, space) {
  const changes = group.changes.map((change) => `${change.field} ${change.from} → ${change.to}`).join("; ");
  return h(
    "div",
    { className: "app-change-group", id: `${space}-group-${index + 1}` },
    h("h4", { className: "govuk-heading-s" }, withCode(group.summary)),
    h(
      "details",
      { className: "govuk-details" },
      h("summary", { className: "govuk-details__summary" }, h("span", { className: "govuk-details__summary-text" }, "Both answers for one of these cases")),
      h(
        "div",
        { className: "govuk-details__text" },
        h("p", { className: "govuk-body" }, `What changes: ${changes}.`),
        answerBlock("Under the MoJ default", group.from),
        answerBlock("Under this document", group.to),
      ),
    ),
  );
}

const SPACES = [
  ["breach", "Breach decisions", "input classes of breach report"],
  ["informationRisk", "Information-risk flags", "input classes of personal data, information asset and impact"],
  ["sites", "Site statuses", "site classes"],
];

function spaceSection([key, title, what], space) {
  const heading = h("h3", { className: "govuk-heading-m", id: `${key}-heading` }, `${title} that change`);
  if (!space.groups.length) return [heading, h("p", { className: "govuk-body" }, `None of the ${number(space.classes)} ${what} is decided differently.`)];
  return [
    heading,
    h(
      "p",
      { className: "govuk-body" },
      `${number(space.changedClasses)} of the ${number(space.classes)} ${what}${space.asOf ? ` (on ${space.asOf})` : ""} are decided differently, in ${number(space.groups.length)} ${space.groups.length === 1 ? "group" : "groups"}. Every class of the input space was assessed under both policies.`,
    ),
    ...space.groups.map((group, index) => groupBlock(group, index, key)),
  ];
}

/** The whole diff, for the page's result section. */
export function renderDiff(diff) {
  const row = (key, text) =>
    h("div", { className: "govuk-summary-list__row" }, h("dt", { className: "govuk-summary-list__key" }, key), h("dd", { className: "govuk-summary-list__value" }, text));
  const parts = [
    h("h3", { className: "govuk-heading-m", id: "diff-heading" }, `Compared with the MoJ default (${diff.from.id} ${diff.from.version})`),
    diff.unchanged
      ? h("p", { className: "govuk-body", id: "diff-unchanged" }, "This document decides every case as the MoJ default does.")
      : undefined,
    h(
      "dl",
      { className: "govuk-summary-list", id: "diff-summary" },
      row("Changes to the document", number(diff.document.length)),
      ...SPACES.map(([key, title]) => row(title, `${number(diff[key].changedClasses)} of ${number(diff[key].classes)} classes decided differently`)),
    ),
    ...documentSection(diff.document),
    ...SPACES.flatMap((space) => spaceSection(space, diff[space[0]])),
  ];
  return parts.filter((part) => part !== undefined);
}
