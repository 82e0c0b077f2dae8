// The impact of a change of national threat level on the estate, for the
// security officer and the DSO: one threatChange answer, shown as the engine
// gives it (the summary for the Permanent Secretary, then each business area
// with whom to tell and each affected site's levels, controls and gaps). The
// estate and the business areas' security officers are the sample ones, or
// files the officer chooses, read in the browser and never sent anywhere.

import init, { exportPolicy, isSpfError, threatChange } from "./spf/spf.js";
import { chosenJson, fileContentsError, loadSample, rejectedSection } from "./estate.mjs";
import {
  BASIS_TAGS,
  RESPONSE_LEVEL_LABELS,
  THREAT_LEVEL_LABELS,
  TIER_LABELS,
  formatDate,
  formatShortDate,
  plainCitation,
  plainText,
} from "./labels.mjs";
import { FormErrors, asOfError, dateFromInput, h, scrollable, sentence, setDateInput, today } from "./page.mjs";

// Only a starting point: the officer chooses the levels of the change.
const DEFAULT_FROM = "substantial";
const DEFAULT_TO = "severe";

const form = document.getElementById("change-form");
const fromSelect = document.getElementById("from-level");
const toSelect = document.getElementById("to-level");
const sitesInput = document.getElementById("sites-file");
const areasInput = document.getElementById("areas-file");
const impact = document.getElementById("impact");
const errors = new FormErrors(document.getElementById("form-column"));

const [, sampleSites, sampleAreas] = await Promise.all([
  init(),
  loadSample("data/sites.json", "the sample estate"),
  loadSample("data/business-areas.json", "the sample business areas"),
]);
const policy = exportPolicy().counterTerrorism;
const controlNames = new Map(policy.controls.map((control) => [control.id, control.name]));
const controlName = (id) => controlNames.get(id) ?? id;

for (const [select, chosen] of [
  [fromSelect, DEFAULT_FROM],
  [toSelect, DEFAULT_TO],
]) {
  select.append(
    ...policy.threatLevels.map(({ threatLevel, definition }) =>
      h("option", { value: threatLevel, selected: threatLevel === chosen }, `${THREAT_LEVEL_LABELS[threatLevel]}: ${definition}`),
    ),
  );
}
setDateInput("changed-on", today());

const counted = (count, singular, plural) => `${count} ${count === 1 ? singular : plural}`;
const level = (responseLevel) => RESPONSE_LEVEL_LABELS[responseLevel];

/** "HEIGHTENED → EXCEPTIONAL", heard as "HEIGHTENED to EXCEPTIONAL". */
function levelChange(before, after) {
  return [level(before), h("span", { "aria-hidden": "true" }, " → "), h("span", { className: "govuk-visually-hidden" }, " to "), level(after)];
}

function summaryRow(key, ...value) {
  return h(
    "div",
    { className: "govuk-summary-list__row" },
    h("dt", { className: "govuk-summary-list__key" }, key),
    h("dd", { className: "govuk-summary-list__value" }, ...value),
  );
}

const note = (...text) => h("span", { className: "app-cell-note" }, ...text);

/** The figures for the DSO's advice to the Permanent Secretary, as the summary gives them. */
function summarySection(answer) {
  const { summary } = answer;
  const facts = (rule) => answer.reasons.find((reason) => reason.rule === rule)?.facts;
  const mapping = facts("threatChange.mapping");
  const gaps = facts("threatChange.gaps");
  const review = facts("threatChange.exceptionalReview");
  const communication = facts("threatChange.communication");
  return [
    h("h3", { className: "govuk-heading-m", id: "summary-heading" }, "Summary for the advice to the Permanent Secretary"),
    h(
      "dl",
      { className: "govuk-summary-list", id: "impact-summary" },
      summaryRow(
        "Permanent Secretary",
        summary.permanentSecretaryAdvised
          ? "Advise the Permanent Secretary of the actions taken: the response level changes."
          : "No advice is called for: no site changes response level.",
      ),
      mapping
        ? summaryRow(
            "Response level the threat level maps to",
            mapping.responseLevelFrom === mapping.responseLevelTo
              ? `${level(mapping.responseLevelTo)}, before and after`
              : levelChange(mapping.responseLevelFrom, mapping.responseLevelTo),
            mapping.national ? undefined : note(`The change applies to ${counted(mapping.sitesInScope, "site", "sites")} only.`),
          )
        : undefined,
      summaryRow(
        "Sites changing response level",
        `${summary.sitesChangingLevel} of ${summary.sites}`,
        summary.sitesChangingLevel ? note(`${summary.sitesRaised} raised, ${summary.sitesLowered} lowered`) : undefined,
      ),
      summaryRow(
        "Controls to stand up",
        String(summary.controlsToStandUp),
        note(`Newly required, summed over the sites. ${summary.controlsToStandDown} may be stood down.`),
      ),
      summaryRow(
        "Sites with gaps",
        String(summary.sitesWithGaps),
        note(
          `${counted(summary.gapsOpened, "gap", "gaps")} opened: newly required controls missing or not verified within ${gaps?.verifiedWithinMonths ?? policy.baseline.verifiedWithinMonths} months.`,
          summary.sitesNotRecorded
            ? ` Not known at ${counted(summary.sitesNotRecorded, "site", "sites")} with newly required controls that ${summary.sitesNotRecorded === 1 ? "records" : "record"} no controls in place.`
            : "",
        ),
      ),
      summaryRow(
        "EXCEPTIONAL reviews due",
        String(summary.exceptionalReviewsDue),
        summary.exceptionalReviewsDue && review
          ? note(`EXCEPTIONAL is reviewed every ${review.days} days. Each site’s due date is in its row below.`)
          : undefined,
      ),
      summary.overridesNeedingApproval
        ? summaryRow(
            "Site levels needing approval",
            String(summary.overridesNeedingApproval),
            note("A site’s own lower response level has no recorded approval: the site is at the mapped level until it is approved or withdrawn."),
          )
        : undefined,
      summaryRow(
        "Whom to tell",
        communication
          ? `${counted(communication.securityOfficers, "security officer", "security officers")} in ${counted(communication.businessAreas, "business area", "business areas")}`
          : "",
        summary.sitesWithoutSecurityOfficer
          ? note(`${counted(summary.sitesWithoutSecurityOfficer, "site", "sites")} to tell ${summary.sitesWithoutSecurityOfficer === 1 ? "has" : "have"} no security officer recorded.`)
          : undefined,
      ),
    ),
    reasonsDetails(answer),
  ];
}

/** Each step of the answer with its source, on request. */
function reasonsDetails(answer) {
  return h(
    "details",
    { className: "govuk-details", id: "impact-reasons" },
    h("summary", { className: "govuk-details__summary" }, h("span", { className: "govuk-details__summary-text" }, "How the impact was worked out")),
    h(
      "div",
      { className: "govuk-details__text" },
      h(
        "ul",
        { className: "govuk-list app-findings" },
        answer.reasons.map((reason) =>
          h(
            "li",
            { className: "app-finding" },
            h("span", {}, `${plainText(reason.explanation)}.`),
            note(`Source: ${plainCitation(reason.citation)}. ${BASIS_TAGS[reason.basis].text}.`),
          ),
        ),
      ),
    ),
  );
}

/** The names of controls as a list, or "None". */
function controlList(ids) {
  if (!ids.length) return "None";
  return h("ul", { className: "govuk-list app-control-list" }, ids.map((id) => h("li", {}, controlName(id))));
}

function gapsCell(site) {
  if (!site.controlsRecorded && site.newlyRequired.length) {
    return ["Not known", note("The site records no controls in place.")];
  }
  if (!site.gapsOpened.length) return "None";
  return h(
    "ul",
    { className: "govuk-list app-control-list" },
    site.gapsOpened.map((gap) =>
      h(
        "li",
        {},
        controlName(gap.control),
        note(
          gap.state === "missing"
            ? "Missing"
            : ["Unverified", gap.verifiedOn ? [": last verified ", h("span", { className: "app-nowrap" }, formatShortDate(gap.verifiedOn))] : ""],
        ),
      ),
    ),
  );
}

const CHANGE_TEXTS = { raised: "Raised", lowered: "Lowered", unchanged: "Unchanged" };

function siteRow(site) {
  return h(
    "tr",
    { className: "govuk-table__row" },
    h(
      "th",
      { scope: "row", className: "govuk-table__header" },
      site.name,
      note(`${site.siteId} · ${TIER_LABELS[site.tier]} tier`),
      note(site.securityOfficer ? `Tell: ${site.securityOfficer}` : "No security officer recorded"),
    ),
    h(
      "td",
      { className: "govuk-table__cell" },
      h("strong", {}, levelChange(site.responseLevelBefore, site.responseLevelAfter)),
      note(CHANGE_TEXTS[site.change]),
      site.exceptionalReviewDueOn
        ? note("EXCEPTIONAL review due ", h("span", { className: "app-nowrap" }, formatShortDate(site.exceptionalReviewDueOn)))
        : undefined,
      site.overrideNeedsApproval
        ? note("The site’s own lower level has no recorded approval: it is at the mapped level until that is approved or withdrawn.")
        : undefined,
    ),
    h("td", { className: "govuk-table__cell" }, controlList(site.newlyRequired)),
    h("td", { className: "govuk-table__cell" }, controlList(site.noLongerRequired)),
    h("td", { className: "govuk-table__cell" }, gapsCell(site)),
  );
}

/** Whether the change does anything at the site that its row should show. */
function affected(site) {
  return site.change !== "unchanged" || site.overrideNeedsApproval || site.newlyRequired.length > 0 || site.noLongerRequired.length > 0;
}

function areaId(index) {
  return `area-${index + 1}`;
}

/** Whom to tell in the area, and the sites to tell with nobody recorded. */
function whomToTell(area) {
  const told = area.sites.filter((site) => site.told).length;
  const parts = [];
  if (area.securityOfficers.length) {
    parts.push(
      h("p", { className: "govuk-body govuk-!-margin-bottom-1" }, `Tell ${area.securityOfficers.length === 1 ? "its security officer" : "its security officers"}:`),
      h("ul", { className: "govuk-list govuk-list--bullet app-officers" }, area.securityOfficers.map((officer) => h("li", {}, officer))),
    );
  }
  if (area.sitesWithoutSecurityOfficer.length) {
    const names = area.sitesWithoutSecurityOfficer.map((id) => {
      const site = area.sites.find((candidate) => candidate.siteId === id);
      return site ? `${site.name} (${id})` : id;
    });
    parts.push(
      h(
        "div",
        { className: "govuk-warning-text" },
        h("span", { className: "govuk-warning-text__icon", "aria-hidden": "true" }, "!"),
        h(
          "strong",
          { className: "govuk-warning-text__text" },
          h("span", { className: "govuk-visually-hidden" }, "Warning"),
          area.securityOfficers.length
            ? `No security officer is recorded for ${names.length === 1 ? "this site" : "these sites"} to tell: ${names.join(", ")}.`
            : `No security officer is recorded for this business area or its sites to tell: ${names.join(", ")}. Tell the ${names.length === 1 ? "site" : "sites"} directly, and record one.`,
        ),
      ),
    );
  }
  if (!told) parts.push(h("p", { className: "govuk-body" }, "No one to tell here: the change does not apply to this area’s sites."));
  return parts;
}

function areaSection(area, index) {
  const name = area.businessArea ?? "Sites with no business area recorded";
  const changing = area.sites.filter(affected);
  const unchanged = area.sites.filter((site) => !affected(site));
  const captionId = `${areaId(index)}-caption`;
  return h(
    "div",
    { className: "app-area", id: areaId(index) },
    h("h4", { className: "govuk-heading-s" }, name),
    ...whomToTell(area),
    h(
      "p",
      { className: "govuk-body" },
      `${area.sitesChangingLevel} of ${counted(area.sites.length, "site", "sites")} ${area.sitesChangingLevel === 1 ? "changes" : "change"} response level; ` +
        `${counted(area.controlsToStandUp, "control", "controls")} to stand up; ${counted(area.gapsOpened, "gap", "gaps")} opened.`,
    ),
    changing.length
      ? scrollable(
          h(
            "table",
            { className: "govuk-table app-impact-table" },
            h("caption", { className: "govuk-table__caption govuk-table__caption--s", id: captionId }, `${name}: sites the change affects`),
            h(
              "thead",
              { className: "govuk-table__head" },
              h(
                "tr",
                { className: "govuk-table__row" },
                ["Site", "Response level", "Newly required", "No longer required", "Gaps opened"].map((text) =>
                  h("th", { scope: "col", className: "govuk-table__header" }, text),
                ),
              ),
            ),
            h("tbody", { className: "govuk-table__body" }, changing.map(siteRow)),
          ),
        )
      : undefined,
    unchanged.length
      ? h(
          "details",
          { className: "govuk-details app-unchanged" },
          h(
            "summary",
            { className: "govuk-details__summary" },
            h(
              "span",
              { className: "govuk-details__summary-text" },
              `${counted(unchanged.length, "site stays", "sites stay")} at ${unchanged.length === 1 ? "its" : "their"} response level`,
              h("span", { className: "govuk-visually-hidden" }, ` in ${name}`),
            ),
          ),
          h(
            "div",
            { className: "govuk-details__text" },
            h(
              "ul",
              { className: "govuk-list" },
              unchanged.map((site) => h("li", {}, `${site.name} (${site.siteId}): ${level(site.responseLevelAfter)}`)),
            ),
          ),
        )
      : undefined,
  );
}

function renderImpact(answer, sites) {
  const rejected = rejectedSection(answer.rejected, sites, "the impact");
  if (answer.from === answer.to) {
    return [
      h(
        "p",
        { className: "govuk-body-l", id: "impact-nothing" },
        `Nothing changes: the threat level before and after is ${THREAT_LEVEL_LABELS[answer.to]}, so no site changes response level, no control is newly required or may be stood down, and there is no one to tell.`,
      ),
      ...rejected,
    ];
  }
  const { sitesChangingLevel } = answer.summary;
  const lead =
    sitesChangingLevel > 0
      ? `${sitesChangingLevel} of ${counted(answer.summary.sites, "site", "sites")} ${sitesChangingLevel === 1 ? "changes" : "change"} response level. Tell the security officers of each business area below.`
      : "No site changes response level, but the threat level changes: tell the security officers of each business area below.";
  return [
    h(
      "div",
      { className: "govuk-grid-row" },
      h(
        "div",
        { className: "govuk-grid-column-two-thirds" },
        h("p", { className: "govuk-body-l", id: "impact-lead" }, lead),
        ...summarySection(answer),
        ...rejected,
      ),
    ),
    h("h3", { className: "govuk-heading-m", id: "areas-heading" }, "By business area"),
    h(
      "p",
      { className: "govuk-body" },
      "The sites the change affects come first in each area, those raised before those lowered. Each site is told through its own security officer where its record names one, otherwise its business area’s.",
    ),
    ...answer.areas.map(areaSection),
  ];
}

function fieldError(error) {
  return (
    asOfError(error, "changed-on", "the date of the change") ??
    fileContentsError(error, "/sites", "sites-file", "a list of site records") ??
    fileContentsError(error, "/businessAreas", "areas-file", "a list of business areas, each with its name and security officer") ?? {
      message: sentence(error.message),
    }
  );
}

/** The sites and the business areas to use, and where each came from. */
async function chosenInput() {
  const problems = [];
  const read = (input, emptyList) =>
    chosenJson(input, { emptyList }).catch((problem) => {
      if (!problem?.groupId) throw problem;
      problems.push(problem);
      return null;
    });
  const ownSites = await read(sitesInput, "The selected file has no site records");
  const ownAreas = await read(areasInput, "The selected file has no business areas");
  if (problems.length) return { problems };
  const sites = ownSites ? ownSites.value : sampleSites;
  const siteSource = ownSites ? `your file ‘${ownSites.name}’` : "the sample estate";
  let businessAreas;
  let areaSource;
  if (ownAreas) {
    businessAreas = ownAreas.value;
    areaSource = `Security officers from your file ‘${ownAreas.name}’ and the site records.`;
  } else if (!ownSites) {
    businessAreas = sampleAreas;
    areaSource = "Security officers from the sample business areas and the site records.";
  } else {
    areaSource = "Security officers from the site records only: no business areas file was chosen.";
  }
  return { sites, businessAreas, siteSource, areaSource };
}

/** Works out the impact; returns whether there was anything to show. */
async function showImpact() {
  errors.clear();
  const input = await chosenInput();
  if (input.problems) {
    impact.hidden = true;
    errors.show(input.problems);
    return false;
  }
  const { sites, businessAreas, siteSource, areaSource } = input;
  let answer;
  try {
    answer = threatChange({
      asOf: dateFromInput("changed-on"),
      from: fromSelect.value,
      to: toSelect.value,
      sites,
      ...(businessAreas ? { businessAreas } : {}),
    });
  } catch (error) {
    if (!isSpfError(error)) throw error;
    impact.hidden = true;
    errors.show((error.errors?.length ? error.errors : [error]).map(fieldError));
    return false;
  }
  document.getElementById("impact-heading").textContent =
    answer.from === answer.to
      ? `The threat level stays ${THREAT_LEVEL_LABELS[answer.to]} on ${formatDate(answer.asOf)}`
      : `${THREAT_LEVEL_LABELS[answer.from]} to ${THREAT_LEVEL_LABELS[answer.to]} on ${formatDate(answer.asOf)}`;
  document.getElementById("impact-source").textContent =
    `${counted(answer.summary.sites, "site", "sites")} from ${siteSource}. ${areaSource}`;
  document.getElementById("impact-body").replaceChildren(...renderImpact(answer, sites));
  impact.hidden = false;
  return true;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (await showImpact()) document.getElementById("impact-heading").focus();
});
form.dataset.ready = "true";
