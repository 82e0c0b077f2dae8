// The security officer's view of the estate: one portfolio report for the
// counts and the order, and one site status per site for its detail and its
// findings. Every level, control, date and finding shown is the engine's; the
// page only arranges them. The estate is the sample one, or a sites file the
// officer chooses, read in the browser and never sent anywhere.

import init, { exportPolicy, isSpfError, portfolio, siteStatus } from "./spf/spf.js";
import {
  BASIS_TAGS,
  CONTROL_STATE_TAGS,
  OBLIGATION_LABELS,
  REQUIREMENT_LABELS,
  RESPONSE_LEVEL_LABELS,
  SCHEDULE_STATUS_TAGS,
  SEVERITY_TAGS,
  THREAT_LEVEL_LABELS,
  TIER_LABELS,
  formatDate,
  formatShortDate,
  plainCitation,
  plainText,
} from "./labels.mjs";
import { chosenJson, fileContentsError, loadSample, rejectedSection } from "./estate.mjs";
import { FormErrors, asOfError, dateFromInput, h, scrollable, sentence, setDateInput, tag, today } from "./page.mjs";

// Only a starting point: the page cannot know the national threat level, and
// the officer chooses the one in force.
const DEFAULT_THREAT_LEVEL = "substantial";

const form = document.getElementById("sites-form");
const threatLevelSelect = document.getElementById("threat-level");
const fileInput = document.getElementById("sites-file");
const estate = document.getElementById("estate");
const errors = new FormErrors(document.getElementById("form-column"));

const [, sampleSites] = await Promise.all([init(), loadSample("data/sites.json", "the sample estate")]);
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
  // A note may wrap between its words and its date, never inside the date.
  const date = (text, isoDate) => [`${text} `, h("span", { className: "app-nowrap" }, formatShortDate(isoDate))];
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

function responseLevelCell(status, site) {
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
    requiredControls(status, site),
  );
}

/** The controls the site's tier and response level require, on request. */
function requiredControls(status, site) {
  const count = status.requiredControls.length;
  return h(
    "details",
    { className: "govuk-details app-controls" },
    h(
      "summary",
      { className: "govuk-details__summary" },
      h(
        "span",
        { className: "govuk-details__summary-text" },
        `${count} ${count === 1 ? "control" : "controls"} required`,
        h("span", { className: "govuk-visually-hidden" }, ` at ${site.name}`),
      ),
    ),
    h(
      "div",
      { className: "govuk-details__text" },
      h("ul", { className: "govuk-list govuk-list--bullet" }, status.requiredControls.map((id) => h("li", {}, controlNames.get(id) ?? id))),
    ),
  );
}

/** Where the findings of the site with this id are listed. */
function findingsId(siteId) {
  return `findings-${siteId.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

/** How many findings, by severity, linking to where they are listed. */
function findingsCell(site, status) {
  const { findings } = status;
  if (!findings.length) return h("td", { className: "govuk-table__cell" }, "None");
  const bySeverity = Object.keys(SEVERITY_TAGS)
    .map((severity) => [severity, findings.filter((finding) => finding.severity === severity).length])
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${SEVERITY_TAGS[severity].text.toLowerCase()}`);
  return h(
    "td",
    { className: "govuk-table__cell" },
    h(
      "a",
      { className: "govuk-link", href: `#${findingsId(status.siteId)}` },
      `${findings.length} ${findings.length === 1 ? "finding" : "findings"}`,
      h("span", { className: "govuk-visually-hidden" }, ` at ${site.name}`),
    ),
    h("span", { className: "app-cell-note" }, bySeverity.join(", ")),
  );
}

function findingItem(finding) {
  return h(
    "li",
    { className: "app-finding" },
    h(
      "strong",
      { className: `govuk-tag ${SEVERITY_TAGS[finding.severity].className}` },
      h("span", { className: "govuk-visually-hidden" }, "Severity: "),
      SEVERITY_TAGS[finding.severity].text,
    ),
    " ",
    h("span", { className: "app-finding__message" }, `${plainText(finding.message)}.`),
    h("span", { className: "app-cell-note" }, `Source: ${plainCitation(finding.citation)}. ${BASIS_TAGS[finding.basis].text}.`),
  );
}

/** Each site's findings under its name, most urgent site first. */
function findingsSection(entries) {
  const withFindings = entries.filter(({ status }) => status.findings.length);
  const clear = entries.length - withFindings.length;
  return [
    h("h3", { className: "govuk-heading-m", id: "findings-heading" }, "Findings, site by site"),
    h(
      "p",
      { className: "govuk-body" },
      withFindings.length
        ? `${withFindings.length} of ${entries.length} sites have findings.${clear ? ` The other ${clear} have none.` : ""}`
        : "No site has any findings.",
    ),
    ...withFindings.map(({ site, status }) =>
      h(
        "div",
        { className: "app-site-findings", id: findingsId(status.siteId) },
        h("h4", { className: "govuk-heading-s" }, site.name, h("span", { className: "app-cell-note" }, [site.id, site.businessArea].filter(Boolean).join(" · "))),
        h("ul", { className: "govuk-list app-findings" }, status.findings.map(findingItem)),
      ),
    ),
  ];
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
      h("span", { className: "app-cell-note" }, `${TIER_LABELS[status.tier]} tier`),
    ),
    responseLevelCell(status, site),
    scheduleCell(status.schedules.ctPlanTest, { noCtPlan }),
    scheduleCell(status.schedules.riskAssessment),
    scheduleCell(status.schedules.tierReassessment),
    findingsCell(site, status),
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

/** Where the baseline of the site with this id is shown. */
function baselineId(siteId) {
  return `baseline-${siteId.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

/** The site's own step of a site status, by its rule id. */
function step(status, rule) {
  return status.reasons.find((reason) => reason.rule === rule);
}

/**
 * Whether the engine reports a required control missing or unverified at the
 * site, or no controls recorded there.
 */
function needsBaselineAttention(status) {
  return !status.baseline.recorded || status.baseline.gaps.some((gap) => gap.requirement === "required");
}

/**
 * One row per control the engine says the site's tier and response level ask
 * for, in its order (required, then recommended), with the state its baseline
 * gives: missing or unverified as the engine lists them, not recorded when the
 * site records no controls, in place otherwise. Then the controls the site
 * records that are not asked for at this level, as the record gives them.
 */
function baselineRows(site, status) {
  const { baseline } = status;
  const months = step(status, "site.baseline")?.facts.verifiedWithinMonths;
  const verifiedOn = new Map((site.controlsInPlace ?? []).map((entry) => [entry.control, entry.verifiedOn]));
  const date = (text, isoDate) => [`${text} `, h("span", { className: "app-nowrap" }, formatShortDate(isoDate))];
  const asked = [
    ...status.requiredControls.map((control) => ["required", control]),
    ...status.recommendedControls.map((control) => ["recommended", control]),
  ];
  const rows = asked.map(([requirement, control]) => {
    const gap = baseline.gaps.find((candidate) => candidate.control === control && candidate.requirement === requirement);
    const state = !baseline.recorded ? "notRecorded" : (gap?.state ?? "inPlace");
    const notes = {
      inPlace: verifiedOn.has(control) ? [date("Verified", verifiedOn.get(control))] : [],
      unverified: gap?.verifiedOn ? [date("Last verified", gap.verifiedOn), `, more than ${months} months ago`] : [],
      missing: [],
      notRecorded: [],
    }[state];
    return { control, requirement: REQUIREMENT_LABELS[requirement], state, notes: notes.flat() };
  });
  const askedIds = new Set(asked.map(([, control]) => control));
  for (const { control, verifiedOn: on } of site.controlsInPlace ?? []) {
    if (askedIds.has(control)) continue;
    rows.push({ control, requirement: `Not asked at ${RESPONSE_LEVEL_LABELS[status.responseLevel]}`, state: "inPlace", notes: date("Verified", on) });
  }
  return rows;
}

function baselineTable(site, status) {
  const captionId = `${baselineId(status.siteId)}-caption`;
  const checked = step(status, "site.baseline");
  return scrollable(
    h(
      "table",
      { className: "govuk-table app-baseline-table" },
      h(
        "caption",
        { className: "govuk-table__caption govuk-table__caption--s", id: captionId },
        // Every site's caption differs, and so does the name of its scrolling region.
        h("span", { className: "govuk-visually-hidden" }, `${site.name}: `),
        checked ? `${plainText(checked.explanation)}.` : `Controls at ${site.name}`,
      ),
      h(
        "thead",
        { className: "govuk-table__head" },
        h(
          "tr",
          { className: "govuk-table__row" },
          h("th", { scope: "col", className: "govuk-table__header" }, "Control"),
          h("th", { scope: "col", className: "govuk-table__header app-wide-only" }, "Asked for"),
          h("th", { scope: "col", className: "govuk-table__header" }, "At the site"),
        ),
      ),
      h(
        "tbody",
        { className: "govuk-table__body" },
        baselineRows(site, status).map(({ control, requirement, state, notes }) =>
          h(
            "tr",
            { className: "govuk-table__row" },
            // On a narrow screen what the control is asked as goes under its
            // name instead of in a column of its own; only one of the two shows.
            h(
              "th",
              { scope: "row", className: "govuk-table__header" },
              controlNames.get(control) ?? control,
              h("span", { className: "app-cell-note app-narrow-only" }, requirement),
            ),
            h("td", { className: "govuk-table__cell app-wide-only" }, requirement),
            h(
              "td",
              { className: "govuk-table__cell" },
              tag(CONTROL_STATE_TAGS[state]),
              notes.length ? h("span", { className: "app-cell-note" }, notes) : undefined,
            ),
          ),
        ),
      ),
    ),
  );
}

function siteBaseline({ site, status }) {
  const controls = step(status, "site.controls");
  return h(
    "div",
    { className: "app-site-baseline", id: baselineId(status.siteId) },
    h(
      "h4",
      { className: "govuk-heading-s" },
      site.name,
      h(
        "span",
        { className: "app-cell-note" },
        [site.id, site.businessArea, `${TIER_LABELS[status.tier]} tier`, RESPONSE_LEVEL_LABELS[status.responseLevel]].filter(Boolean).join(" · "),
      ),
    ),
    controls ? h("p", { className: "govuk-body" }, `${plainText(controls.explanation)}.`) : undefined,
    baselineTable(site, status),
  );
}

/** The sites the baseline choice names, in the order of the sites table. */
function baselineChoice(entries, choice) {
  if (choice === "all") return entries;
  if (choice === "attention") return entries.filter(({ status }) => needsBaselineAttention(status));
  return entries.filter(({ status }) => status.siteId === choice);
}

// The officer's last choice of sites, kept when the estate is shown again.
let baselineChoiceValue = "attention";

/**
 * Each site's controls against those its tier and response level require and
 * recommend, as the engine's site status compares them; the officer chooses
 * which sites to see.
 */
function baselineSection(report, entries) {
  const counts = report.counts.baseline;
  const attention = entries.filter(({ status }) => needsBaselineAttention(status)).length;
  if (baselineChoiceValue !== "attention" && baselineChoiceValue !== "all" && !entries.some(({ status }) => status.siteId === baselineChoiceValue)) {
    baselineChoiceValue = "attention";
  }
  const listed = h("div", { id: "baseline-sites" });
  const show = () => {
    const chosen = baselineChoice(entries, baselineChoiceValue);
    listed.replaceChildren(
      ...(chosen.length ? chosen.map(siteBaseline) : [h("p", { className: "govuk-body" }, "Every site has its required controls in place and verified.")]),
    );
  };
  const select = h(
    "select",
    { className: "govuk-select", id: "baseline-site", name: "baselineSite" },
    h("option", { value: "attention" }, `Sites with required controls missing, unverified or not recorded (${attention})`),
    h("option", { value: "all" }, `Every site (${entries.length})`),
    h(
      "optgroup",
      { label: "One site" },
      entries
        .toSorted((a, b) => a.site.name.localeCompare(b.site.name, "en-GB"))
        .map(({ site, status }) => h("option", { value: status.siteId }, `${site.name} (${status.siteId})`)),
    ),
  );
  select.value = baselineChoiceValue;
  const form = h(
    "form",
    { id: "baseline-form", novalidate: true },
    h(
      "div",
      { className: "govuk-form-group" },
      h("label", { className: "govuk-label govuk-label--s", for: "baseline-site" }, "Show the controls of"),
      select,
    ),
    h("button", { type: "submit", className: "govuk-button govuk-button--secondary", "data-module": "govuk-button" }, "Show the controls"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    baselineChoiceValue = select.value;
    show();
    document.getElementById("baseline-heading").focus();
  });
  show();
  return [
    h("h3", { className: "govuk-heading-m", id: "baseline-heading", tabindex: "-1" }, "Controls against the baseline"),
    h(
      "p",
      { className: "govuk-body", id: "baseline-counts" },
      `Of ${report.sites} sites, ${counts.allRequiredInPlace} have every required control in place and verified within ${policy.baseline.verifiedWithinMonths} months, ` +
        `${counts.requiredGaps} have a required control missing or unverified, and ${counts.notRecorded} record no controls in place. ` +
        "The controls each site’s tier and response level ask for are compared with the controls in place its record lists.",
    ),
    h("div", { className: "govuk-grid-row" }, h("div", { className: "govuk-grid-column-two-thirds" }, form)),
    listed,
  ];
}

function renderEstate(report, assessed, sites) {
  const byId = new Map(assessed.map((entry) => [entry.status.siteId, entry]));
  const ordered = urgencyOrder(report, [...byId.keys()])
    .map((id) => byId.get(id))
    .filter(Boolean);
  const rows = ordered.map(({ site, status }) => siteRow(site, status));

  return [
    h(
      "div",
      { className: "govuk-grid-row" },
      h(
        "div",
        { className: "govuk-grid-column-two-thirds" },
        countsList(report),
        scrollable(countsTable(report)),
        ...rejectedSection(report.rejected, sites, "the counts and the table"),
      ),
    ),
    scrollable(
      h(
        "table",
        { className: "govuk-table", id: "sites-table" },
        h("caption", { className: "govuk-table__caption govuk-table__caption--m", id: "sites-caption" }, "Sites, most urgent first"),
        h(
          "thead",
          { className: "govuk-table__head" },
          headerRow(["Site"], ["Response level"], ["CT-plan test"], ["Risk assessment"], ["Tier re-assessment"], ["Findings"]),
        ),
        h("tbody", { className: "govuk-table__body" }, rows),
      ),
    ),
    ...baselineSection(report, ordered),
    ...findingsSection(ordered),
  ];
}

function fieldError(error) {
  return (
    asOfError(error, "as-of", "the date to show the status on") ??
    fileContentsError(error, "/sites", "sites-file", "a list of site records") ?? { message: sentence(error.message) }
  );
}

/**
 * The estate to show: the chosen file's site records, read here in the
 * browser, or the sample estate when no file is chosen. Throws the field
 * error to show when the file cannot be read as JSON.
 */
async function chosenEstate() {
  const own = await chosenJson(fileInput, { emptyList: "The selected file has no site records" });
  if (!own) return { sites: sampleSites, source: "the sample estate" };
  return { sites: own.value, source: `your file ‘${own.name}’` };
}

/** Assesses the estate; returns whether there was anything to show. */
async function showEstate() {
  errors.clear();
  const asOf = dateFromInput("as-of");
  const threatLevel = threatLevelSelect.value;
  let estateData;
  try {
    estateData = await chosenEstate();
  } catch (fieldProblem) {
    if (!fieldProblem?.groupId) throw fieldProblem;
    estate.hidden = true;
    errors.show([fieldProblem]);
    return false;
  }
  const { sites, source } = estateData;
  let report;
  try {
    report = portfolio({ asOf, threatLevel, sites });
  } catch (error) {
    if (!isSpfError(error)) throw error;
    estate.hidden = true;
    errors.show((error.errors?.length ? error.errors : [error]).map(fieldError));
    return false;
  }

  const rejectedIndexes = new Set(report.rejected.map((entry) => entry.index));
  const assessed = [];
  sites.forEach((site, index) => {
    if (rejectedIndexes.has(index)) return;
    assessed.push({ site, status: siteStatus({ asOf: report.asOf, threatLevel: report.threatLevel, site }) });
  });

  document.getElementById("estate-heading").textContent =
    `The estate on ${formatDate(report.asOf)} at threat level ${THREAT_LEVEL_LABELS[report.threatLevel]}`;
  document.getElementById("estate-source").textContent = `Showing ${report.sites} ${report.sites === 1 ? "site" : "sites"} from ${source}.`;
  document.getElementById("estate-body").replaceChildren(...renderEstate(report, assessed, sites));
  estate.hidden = false;
  return true;
}

await showEstate();
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (await showEstate()) document.getElementById("estate-heading").focus();
});
