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
  await page.screenshot({ path: join(SCREENSHOTS, `${state}.png`), fullPage: true });
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
  await page.getByLabel("No", { exact: true }).check();
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

test("the index page links to both tools", () =>
  withPage("/", async (page) => {
    assert.equal(await page.getByRole("heading", { level: 1 }).innerText(), "Protective security");
    assert.equal(await page.getByRole("link", { name: "Assess a security breach" }).getAttribute("href"), "breach.html");
    assert.equal(await page.getByRole("link", { name: "Site counter-terrorism status" }).getAttribute("href"), "sites.html");
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

test("both pages use the same width container, and neither scrolls sideways on a narrow screen", async () => {
  const widths = {};
  for (const path of ["/breach.html", "/sites.html"]) {
    await withPage(path, async (page) => {
      await page.locator(path === "/sites.html" ? "#sites-table" : '#kind option[value="other"]').waitFor({ state: "attached" });
      widths[path] = await page.evaluate(() =>
        [...document.querySelectorAll(".govuk-width-container")].map((element) => [element.className, element.getBoundingClientRect().width]),
      );
      // WCAG 1.4.10: at 320 CSS pixels only the wide tables scroll, inside their regions.
      await page.setViewportSize({ width: 320, height: 900 });
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 320, `${path} at 320 pixels`);
    });
  }
  assert.deepEqual(widths["/sites.html"], widths["/breach.html"]);
  // GOV.UK's standard container: 960 pixels at this window's width.
  for (const [className, width] of widths["/breach.html"]) {
    assert.ok(className.split(" ").includes("govuk-width-container"), className);
    assert.doesNotMatch(className, /app-width/);
    assert.equal(width, 960);
  }
});
