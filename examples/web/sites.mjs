// The security officer's view of the estate: one portfolio report for the
// counts and the order, and one site status per site for its detail. Every
// level, control and date shown is the engine's; the page only arranges them.

import init, { exportPolicy, isSpfError, portfolio, siteStatus } from "./spf/spf.js";
import {
  OBLIGATION_LABELS,
  RESPONSE_LEVEL_LABELS,
  SCHEDULE_STATUS_TAGS,
  THREAT_LEVEL_LABELS,
  TIER_LABELS,
  formatDate,
  formatShortDate,
} from "./labels.mjs";
import { FormErrors, dateFromInput, h, pointerOf, scrollable, sentence, setDateInput, tag, today, withCode } from "./page.mjs";

// Only a starting point: the page cannot know the national threat level, and
// the officer chooses the one in force.
const DEFAULT_THREAT_LEVEL = "substantial";

const form = document.getElementById("sites-form");
const threatLevelSelect = document.getElementById("threat-level");
const estate = document.getElementById("estate");
const errors = new FormErrors(document.getElementById("form-column"));

const [, sites] = await Promise.all([
  init(),
  fetch("data/sites.json").then((response) => {
    if (!response.ok) throw new Error(`the sample estate could not be loaded (HTTP ${response.status})`);
    return response.json();
  }),
]);
const policy = exportPolicy().counterTerrorism;
const controlNames = new Map(policy.controls.map((control) => [control.id, control.name]));

threatLevelSelect.append(
  ...policy.threatLevels.map(({ threatLevel, definition }) =>
    h(
      "option",
      { value: threatLevel, selected: threatLevel === DEFAULT_THREAT_LEVEL },
      `${THREAT_LEVEL_LABELS[threatLevel]}: ${definition}`,
    ),
  ),
);
setDateInput("as-of", today());

/**
 * Site ids, most urgent first: in the order the portfolio report lists
 * obligations (overdue, due, never done, due soon; each list the engine's own
 * order), then every other site by id.
 */
function urgencyOrder(report, siteIds) {
  const order = [];
  for (const list of [report.overdue, report.due, report.neverDone, report.dueSoon]) {
    for (const { siteId } of list) if (!order.includes(siteId)) order.push(siteId);
  }
  const rest = siteIds.filter((id) => !order.includes(id));
  return [...order, ...rest.sort()];
}

function scheduleCell(schedule, { noCtPlan = false } = {}) {
  const date = (text, isoDate) => `${text} ${formatShortDate(isoDate)}`;
  const notes = [];
  if (schedule.status === "overdue") notes.push(date("Needed by", schedule.overdueAfter));
  if (schedule.status === "due") notes.push(date("Due since", schedule.dueOn), date("Needed by", schedule.overdueAfter));
  if (schedule.status === "dueSoon") notes.push(date("Due", schedule.dueOn));
  if (schedule.status === "ok") notes.push(date("Next due", schedule.dueOn));
  if (schedule.status === "neverDone" && noCtPlan) notes.push("The site has no CT plan");
  if (schedule.lastDone) notes.push(date("Last done", schedule.lastDone));
  return h(
    "td",
    { className: "govuk-table__cell app-schedule" },
    tag(SCHEDULE_STATUS_TAGS[schedule.status]),
    notes.map((note) => h("span", { className: "app-cell-note" }, note)),
  );
}

function responseLevelCell(status) {
  const override = status.reasons.find((reason) =>
    ["site.upwardOverride", "site.approvedDownwardOverride"].includes(reason.rule),
  );
  const notes = [];
  if (override?.rule === "site.upwardOverride") notes.push(`Raised by the site from ${RESPONSE_LEVEL_LABELS[override.facts.from]}`);
  if (override?.rule === "site.approvedDownwardOverride") {
    notes.push(`Lowered from ${RESPONSE_LEVEL_LABELS[override.facts.from]}, approved ${formatShortDate(override.facts.approvedOn)}`);
  }
  const review = status.schedules.exceptionalReview;
  if (review) notes.push(`${OBLIGATION_LABELS.exceptionalReview}: ${SCHEDULE_STATUS_TAGS[review.status].text.toLowerCase()}`);
  return h(
    "td",
    { className: "govuk-table__cell" },
    h("strong", {}, RESPONSE_LEVEL_LABELS[status.responseLevel]),
    notes.map((note) => h("span", { className: "app-cell-note" }, note)),
  );
}

function controlsCell(status) {
  const count = status.requiredControls.length;
  return h(
    "td",
    { className: "govuk-table__cell" },
    h(
      "details",
      { className: "govuk-details app-controls" },
      h(
        "summary",
        { className: "govuk-details__summary" },
        h("span", { className: "govuk-details__summary-text" }, `${count} required`, h("span", { className: "govuk-visually-hidden" }, ` at ${status.siteId}`)),
      ),
      h(
        "div",
        { className: "govuk-details__text" },
        h("ul", { className: "govuk-list govuk-list--bullet" }, status.requiredControls.map((id) => h("li", {}, controlNames.get(id) ?? id))),
      ),
    ),
  );
}

function siteRow(site, status) {
  const noCtPlan = status.findings.some((finding) => finding.code === "noCtPlan");
  return h(
    "tr",
    { className: "govuk-table__row" },
    h(
      "th",
      { scope: "row", className: "govuk-table__header" },
      site.name,
      h("span", { className: "app-cell-note" }, [site.id, site.businessArea].filter(Boolean).join(" · ")),
    ),
    h("td", { className: "govuk-table__cell" }, TIER_LABELS[status.tier]),
    responseLevelCell(status),
    scheduleCell(status.schedules.ctPlanTest, { noCtPlan }),
    scheduleCell(status.schedules.riskAssessment),
    scheduleCell(status.schedules.tierReassessment),
    controlsCell(status),
  );
}

function headerRow(...headings) {
  return h(
    "tr",
    { className: "govuk-table__row" },
    headings.map(([text, numeric]) =>
      h("th", { scope: "col", className: `govuk-table__header${numeric ? " govuk-table__header--numeric" : ""}` }, text),
    ),
  );
}

function countsTable(report) {
  const statuses = Object.keys(SCHEDULE_STATUS_TAGS);
  const obligations = ["ctPlanTest", "riskAssessment", "tierReassessment"];
  if (report.counts.byResponseLevel.exceptional > 0) obligations.push("exceptionalReview");
  return h(
    "table",
    { className: "govuk-table" },
    h("caption", { className: "govuk-table__caption govuk-table__caption--m", id: "counts-caption" }, "Obligations by status"),
    h(
      "thead",
      { className: "govuk-table__head" },
      headerRow(["Obligation"], ...statuses.map((status) => [SCHEDULE_STATUS_TAGS[status].text, true])),
    ),
    h(
      "tbody",
      { className: "govuk-table__body" },
      obligations.map((obligation) =>
        h(
          "tr",
          { className: "govuk-table__row" },
          h("th", { scope: "row", className: "govuk-table__header" }, OBLIGATION_LABELS[obligation]),
          statuses.map((status) =>
            h("td", { className: "govuk-table__cell govuk-table__cell--numeric" }, String(report.counts[obligation][status])),
          ),
        ),
      ),
    ),
  );
}

function countsList(report) {
  const listed = (counts, labels) =>
    Object.entries(labels)
      .map(([key, label]) => `${counts[key]} ${label}`)
      .join(", ");
  const row = (key, value) =>
    h(
      "div",
      { className: "govuk-summary-list__row" },
      h("dt", { className: "govuk-summary-list__key" }, key),
      h("dd", { className: "govuk-summary-list__value" }, value),
    );
  return h(
    "dl",
    { className: "govuk-summary-list" },
    row("Sites assessed", String(report.sites)),
    row("By tier", listed(report.counts.byTier, { low: "low", moderate: "moderate", high: "high" })),
    row("Response level in force", listed(report.counts.byResponseLevel, RESPONSE_LEVEL_LABELS)),
    report.rejected.length ? row("Records that could not be assessed", String(report.rejected.length)) : undefined,
  );
}

function rejectedSection(rejected) {
  if (!rejected.length) return [];
  return [
    h("h3", { className: "govuk-heading-m" }, "Site records that could not be assessed"),
    h("p", { className: "govuk-body" }, "Correct these records in the estates system; they are left out of the counts and the table."),
    h(
      "ul",
      { className: "govuk-list govuk-list--bullet" },
      rejected.map(({ index, site, error }) =>
        h("li", {}, h("strong", {}, site?.name ?? `Record ${index + 1}`), site?.id ? ` (${site.id})` : "", ": ", withCode(error.message)),
      ),
    ),
  ];
}

function renderEstate(report, assessed, rejected) {
  const byId = new Map(assessed.map((entry) => [entry.status.siteId, entry]));
  const rows = urgencyOrder(report, [...byId.keys()])
    .map((id) => byId.get(id))
    .filter(Boolean)
    .map(({ site, status }) => siteRow(site, status));

  return [
    h(
      "div",
      { className: "govuk-grid-row" },
      h("div", { className: "govuk-grid-column-two-thirds" }, countsList(report), scrollable(countsTable(report)), ...rejectedSection(rejected)),
    ),
    scrollable(
      h(
        "table",
        { className: "govuk-table", id: "sites-table" },
        h("caption", { className: "govuk-table__caption govuk-table__caption--m", id: "sites-caption" }, "Sites, most urgent first"),
        h(
          "thead",
          { className: "govuk-table__head" },
          headerRow(["Site"], ["Tier"], ["Response level"], ["CT-plan test"], ["Risk assessment"], ["Tier re-assessment"], ["Controls"]),
        ),
        h("tbody", { className: "govuk-table__body" }, rows),
      ),
    ),
  ];
}

function fieldError(error) {
  if (pointerOf(error) === "/asOf") {
    const messages = {
      missingField: "Enter the date to show the status on",
      invalidDate: "The date to show the status on must be a real date",
    };
    return {
      groupId: "as-of-group",
      targetId: "as-of-day",
      inputIds: ["as-of-day", "as-of-month", "as-of-year"],
      message: messages[error.code] ?? sentence(error.message),
    };
  }
  return { message: sentence(error.message) };
}

/** Assesses the estate; returns whether there was anything to show. */
function showEstate() {
  errors.clear();
  const asOf = dateFromInput("as-of");
  const threatLevel = threatLevelSelect.value;
  let report;
  try {
    report = portfolio({ asOf, threatLevel, sites });
  } catch (error) {
    if (!isSpfError(error)) throw error;
    estate.hidden = true;
    errors.show([fieldError(error)]);
    return false;
  }

  const rejectedIndexes = new Set(report.rejected.map((entry) => entry.index));
  const rejected = report.rejected.map(({ index, error }) => ({ index, site: sites[index], error }));
  const assessed = [];
  sites.forEach((site, index) => {
    if (rejectedIndexes.has(index)) return;
    assessed.push({ site, status: siteStatus({ asOf: report.asOf, threatLevel: report.threatLevel, site }) });
  });

  document.getElementById("estate-heading").textContent =
    `The estate on ${formatDate(report.asOf)} at threat level ${THREAT_LEVEL_LABELS[report.threatLevel]}`;
  document.getElementById("estate-body").replaceChildren(...renderEstate(report, assessed, rejected));
  estate.hidden = false;
  return true;
}

showEstate();
form.addEventListener("submit", (event) => {
  event.preventDefault();
  if (showEstate()) document.getElementById("estate-heading").focus();
});
