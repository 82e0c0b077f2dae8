// Browser tests of the intranet example pages in examples/web/: the pages
// work in a real headless Chromium, give the engine's answers in plain words,
// show every error at once the GOV.UK way, pass axe-core's WCAG 2.2 AA rules in
// every state, load nothing from outside the machine, send nothing anywhere and
// log no errors.
//
// Run from the repository root once the WebAssembly package is built
// (scripts/build-wasm.sh) and the npm tools are installed (npm ci):
//
//   node --test tests/browser/
//
// Chromium is /usr/bin/chromium unless CHROMIUM names another. A full-page
// screenshot of every state is saved in artifacts/screenshots/.

import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

import { startServer } from "../../examples/web/serve.mjs";
import * as spf from "../../wasm/pkg/node/spf.js";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const SCREENSHOTS = join(REPO_ROOT, "artifacts", "screenshots");
const AXE_SCRIPT = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

// The sample estate on the day the golden portfolio case uses.
const ESTATE_DAY = "2026-11-23";
const SITES = JSON.parse(await readFile(join(REPO_ROOT, "examples/data/sites.json"), "utf8"));

let server;
let browser;
let context;
const offsiteRequests = [];
const axeViolationsByState = {};

before(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  server = await startServer({ port: 0 });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
  });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Every page here is ready in well under a second; fail fast when one is not.
  context.setDefaultTimeout(10_000);
  // The pages must work offline: nothing may be fetched from another host.
  await context.route("**/*", (route) => {
    const { hostname } = new URL(route.request().url());
    if (hostname === "127.0.0.1" || hostname === "localhost") return route.continue();
    offsiteRequests.push(route.request().url());
    return route.abort("blockedbyclient");
  });
});

after(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  console.log("axe-core WCAG 2.2 AA violations by page state:");
  console.table(axeViolationsByState);
});

/**
 * Runs `body` on a fresh page and then asserts that nothing happened on it that
 * must not: console errors, uncaught exceptions, failed or refused requests,
 * and requests to other hosts. When `body` fails, what went wrong on the page
 * is added to its error, since that is usually the cause.
 */
async function withPage(path, body) {
  const page = await context.newPage();
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.stack ?? error.message}`));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
  });
  page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  const offsiteBefore = offsiteRequests.length;
  try {
    await page.goto(new URL(path, server.url).href);
    await body(page);
  } catch (error) {
    if (problems.length) error.message += `\n\nOn the page:\n${problems.join("\n")}`;
    throw error;
  } finally {
    await page.close();
  }
  assert.deepEqual(offsiteRequests.slice(offsiteBefore), [], "requests to hosts other than this machine");
  assert.deepEqual(problems, [], "errors on the page");
}

function describeViolations(violations) {
  return violations
    .map((violation) => {
      const nodes = violation.nodes
        .map((node) => `    at ${node.target.join(" ")}\n      ${node.failureSummary.replaceAll("\n", "\n      ")}`)
        .join("\n");
      return `  ${violation.id} (${violation.impact}): ${violation.help}\n    ${violation.helpUrl}\n${nodes}`;
    })
    .join("\n");
}

/** Runs axe-core's WCAG 2.2 A and AA rules and saves a full-page screenshot. */
async function checkState(page, state) {
  await page.addScriptTag({ path: AXE_SCRIPT });
  const violations = await page.evaluate(
    async (tags) => (await window.axe.run(document, { runOnly: { type: "tag", values: tags } })).violations,
    WCAG_22_AA,
  );
  axeViolationsByState[state] = violations.length;
  // A full-page screenshot of a long page can take over the default 10 s on a
  // loaded two-core machine; it is a record of the state, not a check of speed.
  await page.screenshot({ path: join(SCREENSHOTS, `${state}.png`), fullPage: true, timeout: 60_000 });
  assert.equal(violations.length, 0, `axe-core found WCAG violations in state ${state}:\n${describeViolations(violations)}`);
}

async function engineReady(page) {
  await page.locator('#kind option[value="other"]').waitFor({ state: "attached" });
}

async function fillDate(page, idPrefix, isoDate) {
  const [year, month, day] = isoDate.split("-");
  await page.fill(`#${idPrefix}-day`, String(Number(day)));
  await page.fill(`#${idPrefix}-month`, String(Number(month)));
  await page.fill(`#${idPrefix}-year`, year);
}

/** Fills the breach form with the golden case `breach-repeat-with-warning`. */
async function fillRepeatWithWarning(page) {
  await page.getByLabel("Case reference (optional)").fill("HR-2026-0042");
  await page.getByLabel("What happened?").selectOption("clearDeskFailure");
  await fillDate(page, "occurred", "2026-09-14");
  await page.getByLabel("Classification").selectOption("official");
  await page.getByLabel("SENSITIVE").check();
  await page.getByLabel("Avoidable carelessness").check();
  await page.getByLabel("No damage, and none could have followed").check();
  await page.getByLabel("How many warnings had the person been given before?").fill("1");
  await page.getByRole("button", { name: "Add an earlier breach" }).click();
  await fillDate(page, "earlier-1-date", "2026-03-02");
  await page.locator("#earlier-1-kind").selectOption("clearDeskFailure");
  await page.getByLabel("What is their status?").selectOption("agencyStaff");
  await page.getByLabel("Ministry of Justice").check();
  await page.getByRole("group", { name: "Do they hold a security clearance?" }).getByLabel("No", { exact: true }).check();
}

async function submitBreach(page) {
  await page.getByRole("button", { name: "Assess the breach" }).click();
}

async function expectError(page, { message, href }) {
  const summary = page.locator(".govuk-error-summary");
  await summary.waitFor();
  assert.equal(await summary.locator(".govuk-error-summary__title").innerText(), "There is a problem");
  const link = summary.getByRole("link", { name: message });
  assert.equal(await link.getAttribute("href"), href);
  assert.ok(
    await summary.evaluate((element) => element.contains(document.activeElement)),
    "the error summary has the focus",
  );
  const inline = page.locator(".govuk-form-group--error .govuk-error-message");
  assert.equal((await inline.innerText()).replace(/\s+/g, " ").trim(), `Error: ${message}`);
  assert.match(await page.title(), /^Error: /);
  assert.equal(await page.locator("#assessment").isVisible(), false, "no stale result next to an error");
}

test("the index page links to every tool", () =>
  withPage("/", async (page) => {
    assert.equal(await page.getByRole("heading", { level: 1 }).innerText(), "Protective security");
    assert.equal(await page.getByRole("link", { name: "Assess a security breach" }).getAttribute("href"), "breach.html");
    assert.equal(await page.getByRole("link", { name: "Site counter-terrorism status" }).getAttribute("href"), "sites.html");
    assert.equal(await page.getByRole("link", { name: "Change of national threat level" }).getAttribute("href"), "threat-change.html");
    assert.equal(await page.getByRole("link", { name: "Check a policy document" }).getAttribute("href"), "policy.html");
    assert.equal(await page.getByRole("link", { name: "Sample assurance pack" }).getAttribute("href"), "assurance.html");
    // The GOV.UK typeface comes from this server, not a CDN.
    assert.ok(await page.evaluate(() => document.fonts.check('19px "GDS Transport"')));
    await checkState(page, "01-index");
  }));

test("the breach form offers every kind the policy lists", () =>
  withPage("/breach.html", async (page) => {
    await engineReady(page);
    const offered = await page.locator("#kind option:not([value=''])").evaluateAll((options) => options.map((o) => o.value));
    assert.deepEqual(offered.toSorted(), spf.exportPolicy().breach.kinds.map((rule) => rule.kind).toSorted());
    await checkState(page, "02-breach-empty-form");
  }));

test("the breach form loads the form's own module, not the full one", async () => {
  const page = await context.newPage();
  const requested = [];
  page.on("request", (request) => requested.push(new URL(request.url()).pathname));
  try {
    await page.goto(new URL("/breach.html", server.url).href);
    await engineReady(page);
  } finally {
    await page.close();
  }
  assert.ok(requested.includes("/spf-form/spf_form_bg.wasm"), requested.join(", "));
  assert.deepEqual(requested.filter((path) => path.startsWith("/spf/")), [], "the full module");
});

test("a breach report gives the engine's recommendation with cited reasons", () =>
  withPage("/breach.html", async (page) => {
    await engineReady(page);
    await fillRepeatWithWarning(page);
    await submitBreach(page);

    const golden = JSON.parse(await readFile(join(REPO_ROOT, "tests/corpus/assessBreach/breach-repeat-with-warning.answer.json"), "utf8"));
    const result = page.locator("#assessment");
    await result.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), "assessment-heading");
    assert.equal(await page.locator("#assessment-heading").innerText(), "Recommendation: serious misconduct");
    const summary = await result.locator(".govuk-summary-list").innerText();
    assert.equal(golden.level, "serious");
    assert.match(summary, /Recommended level\s+Serious misconduct/);
    assert.match(summary, new RegExp(`${golden.score} out of 12, Red band`));
    assert.match(summary, /Handled under\s+Contract management/);
    // The route row's label from the policy, as the route reason carries it.
    const routeReason = golden.reasons.find((reason) => reason.rule === "breach.route");
    assert.match(summary, /What to do\s+Raise it with the employment agency under its contract; the contract may be cancelled\./);
    assert.equal(routeReason.basis, "configurableDefault");
    assert.match(summary, /Case reference\s+HR-2026-0042/);
    assert.match(await result.locator(".govuk-warning-text").innerText(), /you decide whether to take disciplinary action \(POLSBP003\)/);
    // Every band consults MoJ Security; this red-band case before acting.
    assert.equal(golden.flags.consultSecurity, "beforeActing");
    const nextSteps = await result.locator("ul.govuk-list--bullet li").allInnerTexts();
    assert.equal(nextSteps[0], "Consult MoJ Security before taking action.");

    // One plain sentence of why leads the result, before the summary.
    const body = result.locator("#assessment-body > *");
    assert.equal(await body.first().getAttribute("id"), "assessment-why");
    assert.equal(await body.first().innerText(), "Minor misconduct, raised to serious because of a previous warning.");
    assert.match(summary, /Marking scored\s+OFFICIAL-SENSITIVE/);

    // Rule ids, citations and bases wait in a details section, closed at first.
    const details = result.locator("details#reasons-details");
    assert.equal(await details.locator("summary").innerText(), "How the recommendation was reached");
    assert.equal(await details.evaluate((element) => element.open), false);
    assert.equal(await result.getByText("breach.catalogueFloor").isVisible(), false);
    await details.locator("summary").click();
    assert.equal(await details.evaluate((element) => element.open), true);

    const reasons = details.locator("table.app-reasons tbody tr");
    assert.equal(await reasons.count(), golden.reasons.length);
    const BASIS = { policyStatement: "Policy statement", configurableDefault: "Configurable default", agencyVariation: "Agency variation" };
    for (const [index, reason] of golden.reasons.entries()) {
      const row = reasons.nth(index);
      const [found, source, basis] = await row.locator("td").evaluateAll((cells) => cells.slice(1).map((cell) => cell.innerText));
      assert.equal(await row.locator(".app-rule-id").innerText(), reason.rule, `step ${index + 1} names its rule`);
      // The policy's own words lead the citation, as the engine gives them.
      assert.ok(source.startsWith(reason.citation.split(";")[0].split(" (domain-facts")[0]), `step ${index + 1} cites ${reason.citation}`);
      assert.equal(basis, BASIS[reason.basis]);
      // People's words only: no wire values (camelCase), no references into
      // the library's research notes.
      const words = found.replace(reason.rule, "");
      assert.doesNotMatch(words, /\b[a-z]+[A-Z]\w*/, `step ${index + 1} is in plain words: ${words}`);
      assert.doesNotMatch(`${words} ${source}`, /domain-facts|gap \d|§/, `step ${index + 1} has no internal references`);
    }
    assert.match(await reasons.filter({ hasText: "breach.recordCentrally" }).innerText(), /POLSBP002/);
    const route = await reasons.filter({ hasText: "breach.route" }).innerText();
    assert.match(route, /Agency staff at the Ministry of Justice: raise it with the employment agency/);
    assert.match(route, /a default the policy leaves open, set by the MoJ/);
    assert.doesNotMatch(await page.locator("main").innerText(), /domain-facts|gap \d+/);
    await checkState(page, "03-breach-result-details-open");
  }));

test("beside the recommendation, the decision step says when the manager's reason is needed", () =>
  withPage("/breach.html", async (page) => {
    await engineReady(page);
    await fillRepeatWithWarning(page);
    await submitBreach(page);
    const result = page.locator("#assessment");
    await result.waitFor();
    assert.equal(await page.locator("#decision-heading").innerText(), "Record your decision");
    const advice = page.locator("#decision-reason-advice");
    // The policy's rule (breach.cases.reasonRequired, a default) before any choice.
    assert.match(await advice.innerText(), /^If you decide a lower level than the recommended serious misconduct, record your reason in the case: your organisation’s policy asks for it \(a default it sets, resting on POLSBP003/);
    await page.getByLabel("Minor misconduct", { exact: true }).check();
    assert.match(await advice.innerText(), /^You have decided minor misconduct, lower than the recommended serious misconduct\. Record your reason in the case, so that the record shows why/);
    await page.getByLabel("Gross misconduct", { exact: true }).check();
    assert.equal(await advice.innerText(), "You have decided a higher level than the recommended serious misconduct. No reason is needed; you may still record one.");
    await page.getByLabel("Serious misconduct", { exact: true }).check();
    assert.equal(await advice.innerText(), "You have decided the recommended level. No reason is needed; you may still record one.");
    await page.getByLabel("Your reason").fill("first breach; nothing was lost");
    await checkState(page, "03c-breach-decision-step");
  }));

test("personal data, an information asset and a high impact list who to tell, and a half-named asset is reported against its field", () =>
  withPage("/breach.html", async (page) => {
    await engineReady(page);
    await fillRepeatWithWarning(page);
    await page.getByRole("group", { name: "Was personal data involved?" }).getByLabel("Yes", { exact: true }).check();
    await page.getByLabel("Which information asset was involved? (optional)").fill("Probation case records");
    await submitBreach(page);
    await expectError(page, {
      message: "Enter the Information Asset Owner of the asset, or clear the asset’s name",
      href: "#information-asset-owner",
    });
    await page.getByLabel("Who is its Information Asset Owner?").fill("Deputy Director, Probation Data");
    await page.getByRole("group", { name: "What is the incident’s impact?" }).getByLabel("High", { exact: true }).check();
    await submitBreach(page);
    const result = page.locator("#assessment");
    await result.waitFor();
    const nextSteps = await result.locator("ul.govuk-list--bullet li").allInnerTexts();
    for (const step of [
      "Tell the Information Asset Owner, who owns the information’s risk.",
      "Tell the data protection team immediately.",
      "Escalate immediately to the Senior Information Risk Owner (SIRO).",
    ]) {
      assert.ok(nextSteps.includes(step), `next steps list "${step}": ${nextSteps.join(" | ")}`);
    }
    // The level is the same as without the three facts.
    assert.equal(await page.locator("#assessment-heading").innerText(), "Recommendation: serious misconduct");
    const details = result.locator("details#reasons-details");
    await details.locator("summary").click();
    const owner = await details.locator("table.app-reasons tbody tr").filter({ hasText: "breach.informAssetOwner" }).innerText();
    assert.match(owner, /Tell Deputy Director, Probation Data, the Information Asset Owner of Probation case records/);
    assert.match(owner, /Configurable default/);
    await checkState(page, "03d-breach-information-risk");
  }));

test("a result with nothing marked leads with why it was raised and shows no marking", () =>
  withPage("/breach.html", async (page) => {
    await engineReady(page);
    await page.getByLabel("What happened?").selectOption("securityCabinetNotLocked");
    await fillDate(page, "occurred", "2026-09-14");
    await page.getByLabel("Avoidable carelessness").check();
    await page.getByLabel("How many warnings had the person been given before?").fill("1");
    await page.getByLabel("What is their status?").selectOption("employee");
    await page.getByLabel("Ministry of Justice").check();
    await submitBreach(page);

    const answer = spf.assessBreach({
      kind: "securityCabinetNotLocked",
      occurred: "2026-09-14",
      care: "avoidableCarelessness",
      previousWarnings: 1,
      person: { status: "employee", organisation: "moj" },
    });
    assert.equal(answer.level, "gross");
    assert.ok(answer.reasons.some((reason) => reason.rule === "breach.unmarkedMaterial"));
    const result = page.locator("#assessment");
    await result.waitFor();
    assert.equal(await page.locator("#assessment-why").innerText(), "Serious misconduct, raised to gross because of a previous warning.");
    const summary = await result.locator(".govuk-summary-list").innerText();
    assert.match(summary, /Recommended level\s+Gross misconduct/);
    assert.doesNotMatch(summary, /Marking scored/);
    await checkState(page, "03b-breach-result-unmarked");
  }));

test("an impossible date is reported against the date field", () =>
  withPage("/breach.html", async (page) => {
    await engineReady(page);
    await fillRepeatWithWarning(page);
    await fillDate(page, "occurred", "2026-02-30");
    await submitBreach(page);

    await expectError(page, { message: "The date the breach happened must be a real date", href: "#occurred-day" });
    assert.equal(await page.locator("#occurred-group.govuk-form-group--error").count(), 1);
    assert.equal(await page.locator("#occurred-day.govuk-input--error").count(), 1);
    await checkState(page, "04-breach-error-date");

    await page.locator(".govuk-error-summary").getByRole("link").click();
    assert.equal(await page.evaluate(() => document.activeElement.id), "occurred-day");
  }));

/** The pointer of each problem an engine error reports: all of `errors`, or the one thrown. */
function enginePointers(error) {
  return (error.errors?.length ? error.errors : [error]).map((problem) => {
    const missing = problem.code === "missingField" && /^missing field `([^`]+)`/.exec(problem.message);
    return missing && !problem.path.endsWith(`/${missing[1]}`) ? `${problem.path}/${missing[1]}` : problem.path;
  });
}

test("the first submit of an empty form lists every missing answer", () =>
  withPage("/breach.html", async (page) => {
    await engineReady(page);
    await submitBreach(page);

    // Every required answer, in the form's order, each linking to its field.
    const expected = [
      ["Choose the kind of breach", "#kind", "/kind"],
      ["Enter the date the breach happened", "#occurred-day", "/occurred"],
      ["Choose how much care the person showed", "#care", "/care"],
      ["Choose the person’s status", "#person-status", "/person/status"],
      ["Choose the organisation the person works for", "#organisation", "/person/organisation"],
    ];
    const summary = page.locator(".govuk-error-summary");
    await summary.waitFor();
    assert.ok(await summary.evaluate((element) => element.contains(document.activeElement)), "the error summary has the focus");
    const links = await summary.getByRole("link").evaluateAll((anchors) => anchors.map((a) => [a.textContent, a.getAttribute("href")]));
    assert.deepEqual(links, expected.map(([message, href]) => [message, href]));
    const inline = await page.locator(".govuk-form-group--error > .govuk-error-message, .govuk-form-group--error > .govuk-fieldset > .govuk-error-message").allInnerTexts();
    assert.deepEqual(inline.map((text) => text.replace(/\s+/g, " ").trim()), expected.map(([message]) => `Error: ${message}`));
    assert.match(await page.title(), /^Error: /);
    assert.equal(await page.locator("#assessment").isVisible(), false);

    // What the engine reports for the same empty report (its first problem
    // today; every problem once it lists them in `errors`) is among them.
    const engineError = (() => {
      try {
        spf.assessBreach({});
      } catch (error) {
        return error;
      }
      assert.fail("the engine accepted an empty report");
    })();
    const listed = new Set([...expected.map(([, , pointer]) => pointer), "/person"]);
    for (const pointer of enginePointers(engineError)) assert.ok(listed.has(pointer), `the page lists the engine's ${pointer}`);
    await checkState(page, "05-breach-error-all-missing");

    // A link in the summary moves to its field.
    await summary.getByRole("link", { name: "Choose how much care the person showed" }).click();
    assert.equal(await page.evaluate(() => document.activeElement.id), "care");
  }));

test("a missing answer and a value the engine rejects are listed together", () =>
  withPage("/breach.html", async (page) => {
    await engineReady(page);
    await fillRepeatWithWarning(page);
    await page.getByLabel("What happened?").selectOption("");
    await page.getByLabel("How many warnings had the person been given before?").fill("one");
    await submitBreach(page);

    const summary = page.locator(".govuk-error-summary");
    await summary.waitFor();
    const links = await summary.getByRole("link").evaluateAll((anchors) => anchors.map((a) => [a.textContent, a.getAttribute("href")]));
    assert.deepEqual(links, [
      ["Choose the kind of breach", "#kind"],
      ["Enter the number of previous warnings as a whole number, like 0, 1 or 2", "#previous-warnings"],
    ]);
    assert.equal(await page.locator("#previous-warnings.govuk-input--error").count(), 1);
    assert.equal(await page.locator("#kind.govuk-select--error").count(), 1);
  }));

test("a required choice left empty is reported against its field, and correcting it clears the error", () =>
  withPage("/breach.html", async (page) => {
    await engineReady(page);
    await fillRepeatWithWarning(page);
    await page.getByLabel("What is their status?").selectOption("");
    await submitBreach(page);

    await expectError(page, { message: "Choose the person’s status", href: "#person-status" });
    assert.equal(await page.locator("#person-status.govuk-select--error").count(), 1);
    assert.match(await page.locator("#person-status").getAttribute("aria-describedby"), /person-status-group-error/);
    await checkState(page, "05b-breach-error-status");

    // Correcting the field and submitting again clears the error.
    await page.getByLabel("What is their status?").selectOption("agencyStaff");
    await submitBreach(page);
    await page.locator("#assessment").waitFor();
    assert.equal(await page.locator(".govuk-error-summary, .govuk-error-message").count(), 0);
    assert.doesNotMatch(await page.title(), /^Error/);
  }));

test("an invalid marking is explained in the engine's words", () =>
  withPage("/breach.html", async (page) => {
    await engineReady(page);
    await fillRepeatWithWarning(page);
    await page.getByLabel("STRAP").check();
    await submitBreach(page);
    await expectError(page, {
      message: "The STRAP caveat applies only to SECRET or TOP SECRET, not to OFFICIAL",
      href: "#caveat-sensitive",
    });
  }));

test("an earlier breach dated after this one is reported against its row", () =>
  withPage("/breach.html", async (page) => {
    await engineReady(page);
    await fillRepeatWithWarning(page);
    await fillDate(page, "earlier-1-date", "2026-10-01");
    await submitBreach(page);
    await expectError(page, {
      message: "Earlier breach 1 must be on or before the date this breach happened",
      href: "#earlier-1-date-day",
    });
  }));

async function showEstate(page, threatLevel, isoDate) {
  await page.locator("#sites-table").waitFor();
  await page.getByLabel("National threat level").selectOption(threatLevel);
  await fillDate(page, "as-of", isoDate);
  await page.getByRole("button", { name: "Show the sites" }).click();
  await page.waitForFunction(
    ([heading]) => document.getElementById("estate-heading")?.textContent.includes(heading),
    [`at threat level ${threatLevel.toUpperCase()}`],
  );
}

/** Site id and response level text of each row, top to bottom. */
async function tableRows(page) {
  return page.locator("#sites-table tbody tr").evaluateAll((rows) =>
    rows.map((row) => ({
      siteId: row.querySelector("th .app-cell-note").textContent.split(" · ")[0],
      responseLevel: row.cells[1].querySelector("strong").textContent,
      ctPlanTest: row.cells[2].querySelector(".govuk-tag").textContent,
    })),
  );
}

function assertEngineResponseLevels(rows, threatLevel) {
  for (const row of rows) {
    const site = SITES.find((candidate) => candidate.id === row.siteId);
    const status = spf.siteStatus({ asOf: ESTATE_DAY, threatLevel, site });
    assert.equal(row.responseLevel, status.responseLevel.toUpperCase(), `response level of ${row.siteId}`);
  }
}

test("the site view lists overdue sites first, at the engine's response level", () =>
  withPage("/sites.html", async (page) => {
    await showEstate(page, "substantial", ESTATE_DAY);
    assert.equal(await page.evaluate(() => document.activeElement.id), "estate-heading");

    const report = spf.portfolio({ asOf: ESTATE_DAY, threatLevel: "substantial", sites: SITES });
    const rows = await tableRows(page);
    assert.equal(rows.length, report.sites);
    assert.equal(rows[0].siteId, report.overdue[0].siteId);
    assert.equal(rows[0].ctPlanTest, "Overdue");
    assertEngineResponseLevels(rows, "substantial");
    const overdueCount = await page
      .locator("table", { hasText: "Obligations by status" })
      .getByRole("row", { name: /^CT-plan test/ })
      .getByRole("cell")
      .first()
      .innerText();
    assert.equal(Number(overdueCount), report.counts.ctPlanTest.overdue);

    // Each site's findings: a severity tag with its word, the message and its
    // source, in plain words, as the engine gives them.
    const SEVERITY = { high: "High", medium: "Medium", low: "Low" };
    let sitesWithFindings = 0;
    for (const site of SITES) {
      const status = spf.siteStatus({ asOf: ESTATE_DAY, threatLevel: "substantial", site });
      const listed = page.locator(`[id="findings-${site.id}"] li`);
      assert.equal(await listed.count(), status.findings.length, `findings listed for ${site.id}`);
      if (!status.findings.length) continue;
      sitesWithFindings += 1;
      const link = page.locator("#sites-table tbody tr", { hasText: site.id }).getByRole("link");
      assert.equal(await link.getAttribute("href"), `#findings-${site.id}`);
      for (const [index, finding] of status.findings.entries()) {
        const item = listed.nth(index);
        // The tag's word says the severity (not its colour alone), and a
        // screen reader hears what the word is.
        assert.match(await item.locator(".govuk-tag").textContent(), new RegExp(`^Severity: ${SEVERITY[finding.severity]}$`));
        const text = await item.innerText();
        assert.doesNotMatch(text, /`|\b[a-z]+[A-Z]\w*|domain-facts|gap \d|\d{4}-\d{2}-\d{2}/, `finding ${finding.code} at ${site.id} is in plain words: ${text}`);
        assert.match(text, finding.basis === "policyStatement" ? /\. Policy statement\.$/ : /\. (Configurable default|Agency variation)\.$/);
      }
    }
    assert.ok(sitesWithFindings > 0);
    const overdueSite = SITES.find((site) => site.id === report.overdue[0].siteId);
    const firstFindings = await page.locator(`[id="findings-${overdueSite.id}"]`).innerText();
    assert.match(firstFindings, /High\s+The CT-plan test is overdue: last done \d+ \w+ \d{4}, it was needed by \d+ \w+ \d{4}\./);
    assert.match(firstFindings, /Counter-Terrorist Protection Policy, testing and exercising/);
    assert.match(await page.locator("#estate-source").innerText(), /^Showing \d+ sites from the sample estate\.$/);
    await checkState(page, "06-sites");
  }));

test("at CRITICAL the site view lists the record the engine rejects", () =>
  withPage("/sites.html", async (page) => {
    await showEstate(page, "critical", ESTATE_DAY);
    const report = spf.portfolio({ asOf: ESTATE_DAY, threatLevel: "critical", sites: SITES });
    assert.equal(report.rejected.length, 1);
    const rejectedSite = SITES[report.rejected[0].index];
    const rejectedList = page.locator("h3", { hasText: "could not be assessed" }).locator("+ p + ul");
    assert.match(await rejectedList.innerText(), new RegExp(`${rejectedSite.name} \\(${rejectedSite.id}\\): the site lowers`));
    const rows = await tableRows(page);
    assert.equal(rows.length, report.sites);
    assert.ok(!rows.some((row) => row.siteId === rejectedSite.id));
    assertEngineResponseLevels(rows, "critical");
    await checkState(page, "07-sites-critical");
  }));

test("an impossible date on the site view is reported against the date field", () =>
  withPage("/sites.html", async (page) => {
    await page.locator("#sites-table").waitFor();
    await fillDate(page, "as-of", "2026-11-31");
    await page.getByRole("button", { name: "Show the sites" }).click();
    const summary = page.locator(".govuk-error-summary");
    await summary.waitFor();
    const link = summary.getByRole("link", { name: "The date to show the status on must be a real date" });
    assert.equal(await link.getAttribute("href"), "#as-of-day");
    assert.equal(await page.locator("#estate").isVisible(), false);
    await checkState(page, "08-sites-error-date");
  }));

/** A file for the sites page's file input, written to a folder of its own. */
async function sitesFile(name, contents) {
  const folder = await mkdtemp(join(tmpdir(), "spf-sites-"));
  const path = join(folder, name);
  await writeFile(path, contents);
  return { path, remove: () => rm(folder, { recursive: true, force: true }) };
}

test("a security officer's own sites file is read in the browser and shown", () =>
  withPage("/sites.html", async (page) => {
    await page.locator("#sites-table").waitFor();
    // Three of the sample's sites, one renamed, and a record with no name.
    const own = [
      { ...SITES[0], name: "Petty France (our copy)" },
      SITES.find((site) => site.id === "MOJ-LDN-0003"),
      SITES[5],
      { id: "OWN-0004", tier: "low" },
    ];
    const file = await sitesFile("our-sites.json", JSON.stringify(own));
    const requests = [];
    page.on("request", (request) => requests.push(`${request.method()} ${request.url()}`));
    try {
      await page.getByLabel("Your own sites file (optional)").setInputFiles(file.path);
      await fillDate(page, "as-of", ESTATE_DAY);
      await page.getByRole("button", { name: "Show the sites" }).click();
      await page.waitForFunction(() => document.getElementById("estate-source")?.textContent.includes("our-sites.json"));
    } finally {
      await file.remove();
    }
    // Nothing was fetched or sent: the file stayed in the browser.
    assert.deepEqual(requests, []);

    const report = spf.portfolio({ asOf: ESTATE_DAY, threatLevel: "substantial", sites: own });
    assert.equal(report.sites, 3);
    assert.equal(await page.locator("#estate-source").innerText(), "Showing 3 sites from your file ‘our-sites.json’.");
    const rows = await tableRows(page);
    assert.deepEqual(rows.map((row) => row.siteId).toSorted(), own.slice(0, 3).map((site) => site.id).toSorted());
    assert.match(await page.locator("#sites-table").innerText(), /Petty France \(our copy\)/);
    for (const site of own.slice(0, 3)) {
      const status = spf.siteStatus({ asOf: ESTATE_DAY, threatLevel: "substantial", site });
      assert.equal(await page.locator(`[id="findings-${site.id}"] li`).count(), status.findings.length);
    }
    // The record the engine rejects, with its message and where it is in the file.
    assert.equal(report.rejected[0].index, 3);
    const rejectedList = page.locator("h3", { hasText: "could not be assessed" }).locator("+ p + ul");
    assert.equal(
      (await rejectedList.innerText()).trim(),
      `Record 4 (OWN-0004): ${report.rejected[0].error.message.replaceAll("`", "")} (at /3)`,
    );
    await checkState(page, "09-sites-own-file");
  }));

test("a sites file that is not JSON, or not a list of sites, is reported against the file input", () =>
  withPage("/sites.html", async (page) => {
    await page.locator("#sites-table").waitFor();
    const summary = page.locator(".govuk-error-summary");

    const notJson = await sitesFile("notes.json", "site list: Petty France, Old Bailey");
    try {
      await page.getByLabel("Your own sites file (optional)").setInputFiles(notJson.path);
      await page.getByRole("button", { name: "Show the sites" }).click();
      await summary.waitFor();
    } finally {
      await notJson.remove();
    }
    const link = summary.getByRole("link");
    assert.match(await link.innerText(), /^The selected file must be a JSON file: /);
    assert.equal(await link.getAttribute("href"), "#sites-file");
    assert.equal(await page.locator("#sites-file-group.govuk-form-group--error .govuk-error-message").count(), 1);
    assert.match(await page.locator("#sites-file").getAttribute("aria-describedby"), /sites-file-group-error/);
    assert.equal(await page.locator("#estate").isVisible(), false);
    await checkState(page, "10-sites-error-not-json");

    // JSON, but an object where the engine expects the list of sites: its
    // message and where in the file.
    const wrongShape = await sitesFile("estate.json", JSON.stringify({ sites: SITES.slice(0, 2) }));
    let engineError;
    try {
      spf.portfolio({ asOf: ESTATE_DAY, threatLevel: "substantial", sites: { sites: SITES.slice(0, 2) } });
    } catch (error) {
      engineError = error;
    }
    assert.equal(engineError.path, "/sites");
    try {
      await page.getByLabel("Your own sites file (optional)").setInputFiles(wrongShape.path);
      await page.getByRole("button", { name: "Show the sites" }).click();
      await page.waitForFunction(() => document.querySelector(".govuk-error-summary a")?.textContent.includes("list of site records"));
    } finally {
      await wrongShape.remove();
    }
    assert.equal(
      await summary.getByRole("link").innerText(),
      `The selected file must be a list of site records: ${engineError.message}, at the top of the file`,
    );
    await checkState(page, "11-sites-error-wrong-shape");
  }));

test("every page's service navigation lists every tool and marks the one it is", async () => {
  const tools = [
    ["Assess a breach", "breach.html"],
    ["Site status", "sites.html"],
    ["Threat level change", "threat-change.html"],
    ["Policy owners", "policy.html"],
  ];
  for (const path of ["/", "/breach.html", "/sites.html", "/threat-change.html", "/policy.html"]) {
    await withPage(path, async (page) => {
      const links = await page
        .locator("#navigation a")
        .evaluateAll((anchors) => anchors.map((a) => [a.textContent.trim(), a.getAttribute("href"), a.getAttribute("aria-current")]));
      const current = path.slice(1);
      assert.deepEqual(
        links,
        tools.map(([name, href]) => [name, href, href === current ? "page" : null]),
        `navigation on ${path}`,
      );
    });
  }
});

/** The baseline block of one site on the sites page: each control's row as text. */
async function baselineOf(page, siteId) {
  const block = page.locator(`[id="baseline-${siteId}"]`);
  const rows = await block.locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) => ({
      control: tr.querySelector("th").firstChild.textContent,
      askedFor: tr.cells[1].textContent,
      state: tr.cells[2].querySelector(".govuk-tag").textContent,
      note: tr.cells[2].querySelector(".app-cell-note")?.textContent ?? "",
    })),
  );
  return { block, rows };
}

const CONTROL_NAMES = new Map(spf.exportPolicy().counterTerrorism.controls.map((control) => [control.id, control.name]));

test("the baseline view compares each site's controls in place with those its level asks for", () =>
  withPage("/sites.html", async (page) => {
    await showEstate(page, "substantial", ESTATE_DAY);
    const report = spf.portfolio({ asOf: ESTATE_DAY, threatLevel: "substantial", sites: SITES });
    const statuses = new Map(SITES.map((site) => [site.id, spf.siteStatus({ asOf: ESTATE_DAY, threatLevel: "substantial", site })]));
    const counts = await page.locator("#baseline-counts").innerText();
    assert.match(counts, new RegExp(`^Of ${report.sites} sites, ${report.counts.baseline.allRequiredInPlace} have every required control in place and verified within 12 months, ${report.counts.baseline.requiredGaps} have a required control missing or unverified, and ${report.counts.baseline.notRecorded} record no controls in place\\.`));

    // At first: the sites with a required control missing or unverified, or none recorded.
    const needing = [...statuses.values()].filter(
      (status) => !status.baseline.recorded || status.baseline.gaps.some((gap) => gap.requirement === "required"),
    );
    assert.equal(needing.length, report.counts.baseline.requiredGaps + report.counts.baseline.notRecorded);
    const shown = await page.locator("#baseline-sites .app-site-baseline").evaluateAll((blocks) => blocks.map((block) => block.id));
    assert.deepEqual(shown.toSorted(), needing.map((status) => `baseline-${status.siteId}`).toSorted());

    // A required control missing: Patrols at the Rolls Building.
    const rolls = await baselineOf(page, "MOJ-LDN-0008");
    assert.deepEqual(
      rolls.rows.find((row) => row.control === "Patrols to deter hostile reconnaissance"),
      { control: "Patrols to deter hostile reconnaissance", askedFor: "Required", state: "Missing", note: "" },
    );
    assert.ok(statuses.get("MOJ-LDN-0008").findings.some((finding) => finding.code === "requiredControlMissing"));
    assert.equal(
      await rolls.block.locator("caption").textContent(),
      "Rolls Building: Controls in place and verified within 12 months: 7 of 8 required, 0 of 3 recommended.",
    );

    // A required control verified too long ago: CCTV at Southwark Crown Court.
    const southwark = await baselineOf(page, "MOJ-LDN-0004");
    const cctv = southwark.rows.find((row) => row.control === "CCTV monitoring");
    assert.equal(cctv.state, "Unverified");
    assert.equal(cctv.note, "Last verified 16 Oct 2025, more than 12 months ago");
    assert.ok(statuses.get("MOJ-LDN-0004").findings.some((finding) => finding.code === "requiredControlUnverified"));

    // No controls recorded at all: "Not recorded", never "Missing".
    const highbury = await baselineOf(page, "MOJ-LDN-0014");
    const highburyStatus = statuses.get("MOJ-LDN-0014");
    assert.equal(highburyStatus.baseline.recorded, false);
    assert.deepEqual(
      highbury.rows.map((row) => [row.control, row.askedFor, row.state]),
      [
        ...highburyStatus.requiredControls.map((id) => [CONTROL_NAMES.get(id), "Required", "Not recorded"]),
        ...highburyStatus.recommendedControls.map((id) => [CONTROL_NAMES.get(id), "Recommended", "Not recorded"]),
      ],
    );
    assert.equal(
      await highbury.block.locator("caption").textContent(),
      "Highbury Corner Magistrates' Court: The site records no controls in place, so they cannot be checked against the 6 required.",
    );

    // Every shown site: the engine's required and recommended controls in its
    // order, and as many in place as its baseline counts.
    for (const id of shown) {
      const status = statuses.get(id.replace(/^baseline-/, ""));
      const { rows } = await baselineOf(page, status.siteId);
      const asked = rows.filter((row) => row.askedFor === "Required" || row.askedFor === "Recommended");
      assert.deepEqual(
        asked.map((row) => row.control),
        [...status.requiredControls, ...status.recommendedControls].map((control) => CONTROL_NAMES.get(control)),
      );
      const inPlace = (askedFor) => asked.filter((row) => row.askedFor === askedFor && row.state === "In place").length;
      assert.equal(inPlace("Required"), status.baseline.requiredInPlace, `required in place at ${status.siteId}`);
      assert.equal(inPlace("Recommended"), status.baseline.recommendedInPlace, `recommended in place at ${status.siteId}`);
      assert.equal(rows.filter((row) => row.state === "Missing" || row.state === "Unverified").length, status.baseline.gaps.length);
    }
    await checkState(page, "12-sites-baseline");

    // One chosen site: every required control in place, each with the date its record gives.
    await page.getByLabel("Show the controls of").selectOption("MOJ-LDN-0001");
    await page.getByRole("button", { name: "Show the controls" }).click();
    assert.equal(await page.evaluate(() => document.activeElement.id), "baseline-heading");
    assert.deepEqual(
      await page.locator("#baseline-sites .app-site-baseline").evaluateAll((blocks) => blocks.map((block) => block.id)),
      ["baseline-MOJ-LDN-0001"],
    );
    const pettyFrance = SITES.find((site) => site.id === "MOJ-LDN-0001");
    const { rows } = await baselineOf(page, "MOJ-LDN-0001");
    for (const row of rows.filter((candidate) => candidate.askedFor === "Required")) {
      const recorded = pettyFrance.controlsInPlace.find((entry) => CONTROL_NAMES.get(entry.control) === row.control);
      assert.equal(row.state, "In place");
      const [year, month, day] = recorded.verifiedOn.split("-").map(Number);
      const shortDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(Date.UTC(year, month - 1, day));
      assert.equal(row.note, `Verified ${shortDate}`);
    }
    assert.deepEqual(rows.find((row) => row.askedFor === "Recommended"), {
      control: "Bag and vehicle search",
      askedFor: "Recommended",
      state: "Missing",
      note: "",
    });
    await checkState(page, "12b-sites-baseline-one-site");

    // Every site.
    await page.getByLabel("Show the controls of").selectOption("all");
    await page.getByRole("button", { name: "Show the controls" }).click();
    assert.equal(await page.locator("#baseline-sites .app-site-baseline").count(), report.sites);
  }));

async function threatChangeReady(page) {
  await page.locator("#change-form[data-ready]").waitFor({ state: "attached" });
}

/** Shows the impact of a change from `from` to `to` on `isoDate` over the sample estate. */
async function showImpact(page, from, to, isoDate) {
  await threatChangeReady(page);
  await page.getByLabel("Threat level before the change").selectOption(from);
  await page.getByLabel("Threat level after the change").selectOption(to);
  await fillDate(page, "changed-on", isoDate);
  await page.getByRole("button", { name: "Show the impact" }).click();
  await page.locator("#impact").waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), "impact-heading");
}

const BUSINESS_AREAS = JSON.parse(await readFile(join(REPO_ROOT, "examples/data/business-areas.json"), "utf8"));
const LEVEL = { normal: "NORMAL", heightened: "HEIGHTENED", exceptional: "EXCEPTIONAL" };

function sampleImpact(from, to) {
  return spf.threatChange({ asOf: ESTATE_DAY, from, to, sites: SITES, businessAreas: BUSINESS_AREAS });
}

/** The summary list's rows as [key, value] text. */
async function impactSummary(page) {
  return Object.fromEntries(
    await page.locator("#impact-summary .govuk-summary-list__row").evaluateAll((rows) =>
      rows.map((row) => [row.querySelector("dt").innerText.trim(), row.querySelector("dd").innerText.replace(/\s+/g, " ").trim()]),
    ),
  );
}

/** Each business area block: its heading, the officers listed and each affected site's row. */
async function impactAreas(page) {
  return page.locator("#impact-body .app-area").evaluateAll((areas) => {
    const without = (element, selector) => {
      const copy = element.cloneNode(true);
      for (const part of copy.querySelectorAll(selector)) part.remove();
      return copy.textContent;
    };
    return areas.map((area) => ({
      name: area.querySelector("h4").textContent,
      officers: [...area.querySelectorAll(".app-officers li")].map((li) => li.textContent),
      warning: area.querySelector(".govuk-warning-text")?.innerText.replace(/\s+/g, " ").trim() ?? "",
      rows: [...area.querySelectorAll("tbody tr")].map((row) => ({
        site: row.querySelector("th").innerText,
        // What is seen (an arrow) and what is heard ("to").
        level: without(row.cells[1].querySelector("strong"), ".govuk-visually-hidden"),
        heard: without(row.cells[1].querySelector("strong"), "[aria-hidden]").replace(/\s+/g, " "),
        levelCell: row.cells[1].innerText,
        newlyRequired: [...row.cells[2].querySelectorAll("li")].map((li) => li.textContent),
        noLongerRequired: [...row.cells[3].querySelectorAll("li")].map((li) => li.textContent),
        gaps: row.cells[4].innerText.replace(/\s+/g, " ").trim(),
      })),
    }));
  });
}

const affectedSites = (area) =>
  area.sites.filter((site) => site.change !== "unchanged" || site.overrideNeedsApproval || site.newlyRequired.length || site.noLongerRequired.length);

test("SUBSTANTIAL to SEVERE changes no site's response level, and names the security officers to tell", () =>
  withPage("/threat-change.html", async (page) => {
    await showImpact(page, "substantial", "severe", ESTATE_DAY);
    const answer = sampleImpact("substantial", "severe");
    assert.equal(answer.summary.sitesChangingLevel, 0);
    assert.equal(await page.locator("#impact-heading").innerText(), "SUBSTANTIAL to SEVERE on 23 November 2026");
    assert.equal(
      await page.locator("#impact-source").innerText(),
      "63 sites from the sample estate. Security officers from the sample business areas and the site records.",
    );
    assert.equal(
      await page.locator("#impact-lead").innerText(),
      "No site changes response level, but the threat level changes: tell the security officers of each business area below.",
    );
    const summary = await impactSummary(page);
    assert.equal(summary["Permanent Secretary"], "No advice is called for: no site changes response level.");
    assert.equal(summary["Response level the threat level maps to"], "HEIGHTENED, before and after");
    assert.equal(summary["Sites changing response level"], "0 of 63");
    assert.match(summary["Controls to stand up"], /^0 /);
    assert.match(summary["Sites with gaps"], /^0 /);
    assert.equal(summary["EXCEPTIONAL reviews due"], "0");
    assert.match(summary["Whom to tell"], /^8 security officers in 6 business areas 1 site to tell has no security officer recorded\.$/);

    // Every area, in the engine's order, with its officers; no site rows.
    const areas = await impactAreas(page);
    assert.deepEqual(
      areas.map((area) => [area.name, area.officers, area.rows.length]),
      answer.areas.map((area) => [area.businessArea ?? "Sites with no business area recorded", area.securityOfficers, 0]),
    );
    const hmpps = areas.find((area) => area.name === "HMPPS");
    assert.deepEqual(hmpps.officers, ["HMPPS Head of Security", "Head of Security, HMP Belmarsh", "Head of Security, HMP Whitemoor"]);
    // CICA has no security officer, in the business areas or the site record.
    const cica = areas.find((area) => area.name === "CICA");
    assert.deepEqual(cica.officers, []);
    assert.match(cica.warning, /^! Warning No security officer is recorded for this business area or its sites to tell: Criminal Injuries Compensation Authority, Glasgow \(MOJ-GLA-0001\)\./);
    // The steps with their sources, closed at first.
    const details = page.locator("#impact-reasons");
    assert.equal(await details.evaluate((element) => element.open), false);
    await details.locator("summary").click();
    assert.equal(await details.locator("li").count(), answer.reasons.length);
    assert.doesNotMatch(await details.innerText(), /domain-facts|gap \d|`/);
    await checkState(page, "13-threat-change-substantial-severe");
  }));

test("MODERATE to SUBSTANTIAL lists the sites whose level changes, with their officers, newly required controls and gaps", () =>
  withPage("/threat-change.html", async (page) => {
    await showImpact(page, "moderate", "substantial", ESTATE_DAY);
    const answer = sampleImpact("moderate", "substantial");
    assert.equal(answer.summary.sitesChangingLevel, 57);
    assert.equal(await page.locator("#impact-lead").innerText(), "57 of 63 sites change response level. Tell the security officers of each business area below.");
    const summary = await impactSummary(page);
    assert.equal(summary["Permanent Secretary"], "Advise the Permanent Secretary of the actions taken: the response level changes.");
    assert.equal(summary["Sites changing response level"], "57 of 63 57 raised, 0 lowered");
    assert.match(summary["Controls to stand up"], new RegExp(`^${answer.summary.controlsToStandUp} Newly required`));
    assert.match(summary["Sites with gaps"], new RegExp(`^${answer.summary.sitesWithGaps} ${answer.summary.gapsOpened} gaps opened`));
    assert.match(summary["Sites with gaps"], new RegExp(`Not known at ${answer.summary.sitesNotRecorded} sites`));

    const areas = await impactAreas(page);
    assert.equal(areas.length, answer.areas.length);
    for (const [index, area] of answer.areas.entries()) {
      const shown = areas[index];
      const affected = affectedSites(area);
      assert.equal(shown.rows.length, affected.length, `affected sites of ${area.businessArea}`);
      for (const [row, site] of shown.rows.map((row, at) => [row, affected[at]])) {
        assert.ok(row.site.startsWith(`${site.name}\n${site.siteId}`), row.site);
        assert.match(row.site, new RegExp(site.securityOfficer ? `Tell: ${site.securityOfficer.replace(/[()]/g, "\\$&")}$` : "No security officer recorded$"));
        assert.equal(row.level, `${LEVEL[site.responseLevelBefore]} → ${LEVEL[site.responseLevelAfter]}`);
        assert.equal(row.heard, `${LEVEL[site.responseLevelBefore]} to ${LEVEL[site.responseLevelAfter]}`);
        assert.match(row.levelCell, /Raised/);
        assert.deepEqual(row.newlyRequired, site.newlyRequired.map((id) => CONTROL_NAMES.get(id)));
        assert.deepEqual(row.noLongerRequired, []);
      }
    }
    const hmcts = areas.find((area) => area.name === "HMCTS");
    assert.deepEqual(hmcts.officers, ["HMCTS Security Lead", "Security Manager, Royal Courts of Justice"]);
    const row = (id) => areas.flatMap((area) => area.rows).find((candidate) => candidate.site.includes(`\n${id} `));
    // The Royal Courts of Justice name their own officer; the Rolls Building has no patrols.
    assert.match(row("MOJ-LDN-0002").site, /Tell: Security Manager, Royal Courts of Justice$/);
    assert.deepEqual(row("MOJ-LDN-0008").newlyRequired, ["Patrols to deter hostile reconnaissance", "Reactive operational measures during heightened response"]);
    assert.equal(row("MOJ-LDN-0008").gaps, "Patrols to deter hostile reconnaissance Missing");
    // Highbury Corner records no controls: its gaps are not known, not "None".
    assert.equal(row("MOJ-LDN-0014").gaps, "Not known The site records no controls in place.");
    assert.equal(row("MOJ-LDN-0001").gaps, "None");
    // Sites that stay at their level are listed apart.
    const unchanged = page.locator(".app-area", { hasText: "HMPPS" }).locator("details.app-unchanged");
    assert.match(await unchanged.locator("summary").innerText(), /^2 sites stay at their response level/);
    await checkState(page, "14-threat-change-moderate-substantial");
  }));

test("a change to CRITICAL shows when each EXCEPTIONAL review falls due", () =>
  withPage("/threat-change.html", async (page) => {
    await showImpact(page, "substantial", "critical", ESTATE_DAY);
    const answer = sampleImpact("substantial", "critical");
    const summary = await impactSummary(page);
    assert.equal(
      summary["EXCEPTIONAL reviews due"],
      `${answer.summary.exceptionalReviewsDue} EXCEPTIONAL is reviewed every 7 days. Each site’s due date is in its row below.`,
    );
    assert.match(summary["Site levels needing approval"], /^1 A site’s own lower response level has no recorded approval/);
    const rows = (await impactAreas(page)).flatMap((area) => area.rows);
    const sites = answer.areas.flatMap(affectedSites);
    assert.equal(rows.length, sites.length);
    let reviews = 0;
    for (const [index, site] of sites.entries()) {
      if (!site.exceptionalReviewDueOn) continue;
      reviews += 1;
      assert.equal(site.exceptionalReviewDueOn, ESTATE_DAY);
      assert.match(rows[index].levelCell, /EXCEPTIONAL review due 23 Nov 2026/, site.siteId);
    }
    assert.equal(reviews, answer.summary.exceptionalReviewsDue);
    // Westminster Magistrates' raises itself to HEIGHTENED without approval: at CRITICAL it is below the mapped level.
    const westminster = rows.find((row) => row.site.includes("MOJ-LDN-0005"));
    assert.match(westminster.levelCell, /has no recorded approval: it is at the mapped level until that is approved or withdrawn/);
    await checkState(page, "15-threat-change-critical");
  }));

test("a change from a threat level to the same one says plainly that nothing changes", () =>
  withPage("/threat-change.html", async (page) => {
    await showImpact(page, "severe", "severe", ESTATE_DAY);
    assert.equal(await page.locator("#impact-heading").innerText(), "The threat level stays SEVERE on 23 November 2026");
    assert.equal(
      await page.locator("#impact-nothing").innerText(),
      "Nothing changes: the threat level before and after is SEVERE, so no site changes response level, no control is newly required or may be stood down, and there is no one to tell.",
    );
    assert.equal(await page.locator("#impact-body .app-area, #impact-body table").count(), 0);
    const answer = sampleImpact("severe", "severe");
    assert.equal(answer.summary.sitesChangingLevel + answer.summary.controlsToStandUp + answer.summary.controlsToStandDown, 0);
    assert.ok(answer.areas.every((area) => area.securityOfficers.length === 0));
    await checkState(page, "16-threat-change-no-change");
  }));

test("an impossible date of the change is reported against the date field", () =>
  withPage("/threat-change.html", async (page) => {
    // A result first, so that the error must take it away.
    await showImpact(page, "substantial", "critical", ESTATE_DAY);
    await fillDate(page, "changed-on", "2026-11-31");
    await page.getByRole("button", { name: "Show the impact" }).click();
    const summary = page.locator(".govuk-error-summary");
    await summary.waitFor();
    assert.equal(await summary.locator(".govuk-error-summary__title").innerText(), "There is a problem");
    const link = summary.getByRole("link", { name: "The date of the change must be a real date" });
    assert.equal(await link.getAttribute("href"), "#changed-on-day");
    assert.ok(await summary.evaluate((element) => element.contains(document.activeElement)), "the error summary has the focus");
    const inline = page.locator("#changed-on-group.govuk-form-group--error .govuk-error-message");
    assert.equal((await inline.innerText()).replace(/\s+/g, " ").trim(), "Error: The date of the change must be a real date");
    assert.equal(await page.locator("#changed-on-day.govuk-input--error").count(), 1);
    assert.match(await page.locator("#changed-on-group fieldset").getAttribute("aria-describedby"), /changed-on-group-error/);
    assert.match(await page.title(), /^Error: /);
    assert.equal(await page.locator("#impact").isVisible(), false, "no stale result next to an error");
    await checkState(page, "17-threat-change-error-date");
    await link.click();
    assert.equal(await page.evaluate(() => document.activeElement.id), "changed-on-day");
  }));

test("an officer's own sites file is told through the officers its records name, and a bad business areas file is reported against its input", () =>
  withPage("/threat-change.html", async (page) => {
    await threatChangeReady(page);
    const own = ["MOJ-LDN-0002", "MOJ-LDN-0008", "MOJ-GLA-0001"].map((id) => SITES.find((site) => site.id === id));
    const sitesJson = await sitesFile("our-sites.json", JSON.stringify(own));
    const areasJson = await sitesFile("areas.json", JSON.stringify([{ name: "HMCTS" }]));
    const requests = [];
    page.on("request", (request) => requests.push(`${request.method()} ${request.url()}`));
    try {
      await page.getByLabel("Your own sites file (optional)").setInputFiles(sitesJson.path);
      await showImpact(page, "moderate", "substantial", ESTATE_DAY);
      assert.equal(
        await page.locator("#impact-source").innerText(),
        "3 sites from your file ‘our-sites.json’. Security officers from the site records only: no business areas file was chosen.",
      );
      const areas = await impactAreas(page);
      // Without business areas, only the Royal Courts' own officer is known.
      assert.deepEqual(
        areas.map((area) => [area.name, area.officers]),
        [
          ["CICA", []],
          ["HMCTS", ["Security Manager, Royal Courts of Justice"]],
        ],
      );
      assert.match(areas[1].warning, /No security officer is recorded for this site to tell: Rolls Building \(MOJ-LDN-0008\)\./);

      await page.getByLabel("Your business areas’ security officers (optional)").setInputFiles(areasJson.path);
      await page.getByRole("button", { name: "Show the impact" }).click();
      await page.locator(".govuk-error-summary").waitFor();
    } finally {
      await sitesJson.remove();
      await areasJson.remove();
    }
    assert.deepEqual(requests, [], "the files stayed in the browser");
    const link = page.locator(".govuk-error-summary").getByRole("link");
    assert.equal(
      await link.innerText(),
      "The selected file must be a list of business areas, each with its name and security officer: missing field securityOfficer, at /0",
    );
    assert.equal(await link.getAttribute("href"), "#areas-file");
    assert.equal(await page.locator("#areas-file-group.govuk-form-group--error .govuk-error-message").count(), 1);
    assert.equal(await page.locator("#impact").isVisible(), false);
    await checkState(page, "18-threat-change-error-areas-file");
  }));

test("every page uses the same width container, and none scrolls sideways on a narrow screen", async () => {
  const widths = {};
  const ready = {
    "/breach.html": (page) => engineReady(page),
    "/sites.html": (page) => page.locator("#sites-table").waitFor(),
    // With an impact shown, its widest state: a change every site feels.
    "/threat-change.html": (page) => showImpact(page, "substantial", "critical", ESTATE_DAY),
    "/assurance.html": (page) => page.getByRole("table", { name: "Returns by business area" }).waitFor(),
    // With the sample checked: the document's changes and every group of changed decisions.
    "/policy.html": (page) => checkSamplePolicy(page),
  };
  for (const path of Object.keys(ready)) {
    await withPage(path, async (page) => {
      await ready[path](page);
      widths[path] = await page.evaluate(() =>
        [...document.querySelectorAll(".govuk-width-container")].map((element) => [element.className, element.getBoundingClientRect().width]),
      );
      // WCAG 1.4.10: at 320 CSS pixels only the wide tables scroll, inside their regions.
      await page.setViewportSize({ width: 320, height: 900 });
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 320, `${path} at 320 pixels`);
    });
  }
  assert.deepEqual(widths["/sites.html"], widths["/breach.html"]);
  assert.deepEqual(widths["/threat-change.html"], widths["/breach.html"]);
  assert.deepEqual(widths["/policy.html"], widths["/breach.html"]);
  // The assurance pack, a document rather than a tool, has no service
  // navigation; its header and page use the same container.
  assert.ok(widths["/assurance.html"].length >= 2);
  for (const [className, width] of widths["/assurance.html"]) {
    assert.ok(className.split(" ").includes("govuk-width-container"), className);
    assert.equal(width, 960, className);
  }
  // GOV.UK's standard container: 960 pixels at this window's width.
  for (const [className, width] of widths["/breach.html"]) {
    assert.ok(className.split(" ").includes("govuk-width-container"), className);
    assert.doesNotMatch(className, /app-width/);
    assert.equal(width, 960);
  }
});

test("the sample assurance pack is a page for the board: each part under its heading, every table captioned, printable", () =>
  withPage("/assurance.html", async (page) => {
    assert.equal(
      await page.getByRole("heading", { level: 1 }).innerText(),
      "Assurance pack, 1 April 2025 to 31 March 2026",
    );
    const parts = await page.getByRole("heading", { level: 2 }).allInnerTexts();
    assert.deepEqual(parts, [
      "Summary",
      "1. Estate counter-terrorism compliance",
      "2. SPF compliance returns",
      "3. Variations to report in the annual Governance Statement",
      "4. Breach trends of the year",
      "How this pack was made",
    ]);
    // Every table is named by its caption, so a screen reader can find it.
    const tables = await page.getByRole("table").evaluateAll((ts) => ts.map((t) => t.caption?.textContent ?? ""));
    assert.ok(tables.length >= 7, `only ${tables.length} tables`);
    assert.ok(tables.every((caption) => caption.trim() !== ""), JSON.stringify(tables));
    // The business areas that made no return are told as a warning, in words.
    assert.match(await page.locator(".govuk-warning-text").innerText(), /No return from business areas that run sites: CICA, OPG/);
    const returns = page.getByRole("table", { name: "Returns by business area" });
    assert.equal(await returns.getByRole("rowheader").count(), 4);
    // The GOV.UK typeface comes from this server, not a CDN.
    assert.ok(await page.evaluate(() => document.fonts.check('19px "GDS Transport"')));
    await checkState(page, "19-assurance-pack");
    // On paper: the header goes, each part starts a page, nothing is cut.
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator(".govuk-template__header").isVisible(), false);
    await page.screenshot({ path: join(SCREENSHOTS, "20-assurance-pack-print.png"), fullPage: true });
    const pdf = await page.pdf({ format: "A4" });
    assert.ok(pdf.length > 10_000, `a PDF of ${pdf.length} bytes`);
  }));

// The policy owner's page.
const SAMPLE_POLICY = JSON.parse(await readFile(join(REPO_ROOT, "examples/data/policy-hmpps-local.json"), "utf8"));

async function checkSamplePolicy(page) {
  await page.locator('#policy-form[data-ready="true"]').waitFor();
  await page.getByRole("button", { name: "Check the policy" }).click();
  await page.locator("#diff-summary").waitFor();
}

const plain = (text) => text.replaceAll("`", "");

test("the sample policy is checked: its changes against the MoJ default, every changed decision, and the guidance to publish", () =>
  withPage("/policy.html", async (page) => {
    await checkSamplePolicy(page);
    const diff = spf.policyDiff({ policy: SAMPLE_POLICY });
    assert.equal(await page.locator("#result-heading").innerText(), `${SAMPLE_POLICY.id}, version ${SAMPLE_POLICY.version}`);
    assert.ok(await page.locator("#result-heading").evaluate((element) => element === document.activeElement), "the result's heading has the focus");
    assert.equal(await page.locator("#result-source").innerText(), "A valid policy document, from the sample HMPPS local policy.");
    // Every change to the document, each at its pointer, with what it does to its authority.
    const rows = await page.locator("#document-changes tbody tr").evaluateAll((trs) => trs.map((tr) => [tr.cells[0].textContent, tr.cells[2].textContent]));
    assert.deepEqual(
      rows.map(([pointer]) => pointer),
      diff.document.map((change) => change.pointer),
    );
    assert.ok(diff.document.some((change) => change.authority === "variationAdded"), "the sample declares an Accounting Officer variation");
    const variation = rows.find(([pointer]) => pointer === diff.document.find((change) => change.authority === "variationAdded").pointer);
    assert.match(variation[1], /^Accounting Officer variation added/);
    // Every group of changed decisions, in the engine's words, for each space.
    for (const space of ["breach", "informationRisk", "sites"]) {
      const shown = await page.locator(`[id^="${space}-group-"] h4`).allInnerTexts();
      assert.deepEqual(shown, diff[space].groups.map((group) => plain(group.summary)), space);
    }
    assert.ok(diff.breach.groups.length > 0 && diff.sites.groups.length > 0);
    assert.equal(
      await page.locator("#diff-summary").innerText().then((text) => text.replace(/\s+/g, " ").trim()),
      `Changes to the document ${diff.document.length} Breach decisions ${diff.breach.changedClasses.toLocaleString("en-GB")} of ${diff.breach.classes.toLocaleString("en-GB")} classes decided differently Information-risk flags ${diff.informationRisk.changedClasses.toLocaleString("en-GB")} of ${diff.informationRisk.classes.toLocaleString("en-GB")} classes decided differently Site statuses ${diff.sites.changedClasses.toLocaleString("en-GB")} of ${diff.sites.classes.toLocaleString("en-GB")} classes decided differently`,
    );
    // Both answers for one case of a group, with their reasons.
    const first = page.locator("#breach-group-1");
    await first.getByText("Both answers for one of these cases").click();
    const answers = await first.locator(".app-answer h5").allInnerTexts();
    const group = diff.breach.groups[0];
    assert.deepEqual(answers, [
      `Under the MoJ default: ${group.from.assessment.level} misconduct, route ${group.from.assessment.route}`,
      `Under this document: ${group.to.assessment.level} misconduct, route ${group.to.assessment.route}`,
    ]);
    assert.equal(await first.locator(".app-answer").nth(1).locator("li").count(), group.to.assessment.reasons.length);
    // The guidance, as the engine writes it for this document, to preview and to download.
    const guidance = new spf.Engine(SAMPLE_POLICY);
    try {
      const html = guidance.policyGuidance({ format: "html" }).text;
      assert.equal(await page.locator("#guidance-preview").getAttribute("srcdoc"), html);
      assert.equal(await page.locator("#guidance-preview").getAttribute("sandbox"), "");
      const frameHeading = await page.frameLocator("#guidance-preview").getByRole("heading", { level: 1 }).innerText();
      assert.ok(frameHeading.length > 0);
      const markdown = guidance.policyGuidance({ format: "markdown" }).text;
      for (const [id, expected] of [["download-html", html], ["download-md", markdown]]) {
        const download = await Promise.all([page.waitForEvent("download"), page.locator(`#${id}`).click()]).then(([d]) => d);
        assert.equal(await readFile(await download.path(), "utf8"), expected, id);
      }
    } finally {
      guidance.free();
    }
    await checkState(page, "21-policy-sample");
  }));

test("a policy document with problems lists each with its pointer, and a file that is not JSON is reported against the file input", () =>
  withPage("/policy.html", async (page) => {
    await page.locator('#policy-form[data-ready="true"]').waitFor();
    // A CT-plan test interval the MoJ texts state (at least every two years
    // at medium risk), loosened without a variation.
    const weakened = structuredClone(SAMPLE_POLICY);
    Object.assign(weakened.counterTerrorism.ctPlanTests[1], { dueAfterMonths: 36, overdueAfterMonths: 36 });
    let expected;
    try {
      new spf.Engine(weakened);
      assert.fail("the weakened document loaded");
    } catch (error) {
      expected = error.errors;
    }
    assert.ok(expected.length >= 1, JSON.stringify(expected));
    const file = await sitesFile("our-policy.json", JSON.stringify(weakened));
    try {
      await page.getByLabel("Your policy document (optional)").setInputFiles(file.path);
      await page.getByRole("button", { name: "Check the policy" }).click();
      await page.locator("#problems-table").waitFor();
    } finally {
      await file.remove();
    }
    const problems = `${expected.length} ${expected.length === 1 ? "problem" : "problems"}`;
    const summary = page.locator(".govuk-error-summary");
    const link = summary.getByRole("link", { name: `The selected file must be a valid policy document: it has ${problems}, listed below` });
    assert.equal(await link.getAttribute("href"), "#policy-file");
    assert.ok(await summary.evaluate((element) => element.contains(document.activeElement)), "the error summary has the focus");
    assert.match(await page.title(), /^Error: /);
    const rows = await page.locator("#problems-table tbody tr").evaluateAll((trs) => trs.map((tr) => [tr.cells[0].textContent, tr.cells[1].textContent]));
    const capitalised = (text) => text.charAt(0).toUpperCase() + text.slice(1);
    assert.deepEqual(rows, expected.map((error) => [error.path || "/", capitalised(plain(error.message))]));
    assert.equal(await page.locator("#result-source").innerText(), `The engine cannot load your file ‘our-policy.json’: it has ${problems}.`);
    assert.equal(await page.locator("#diff-summary").count(), 0, "no diff for a document that does not load");
    await checkState(page, "22-policy-problems");

    const notJson = await sitesFile("notes.json", "{ this is not JSON");
    try {
      await page.getByLabel("Your policy document (optional)").setInputFiles(notJson.path);
      await page.getByRole("button", { name: "Check the policy" }).click();
      await page.locator("#policy-file-group.govuk-form-group--error").waitFor();
    } finally {
      await notJson.remove();
    }
    assert.match(await summary.innerText(), /The selected file must be a JSON file/);
    assert.equal(await page.locator("#result").isVisible(), false, "no stale result next to an error");
    await checkState(page, "23-policy-not-json");
  }));
