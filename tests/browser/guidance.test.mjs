// Browser tests of the manager's guidance page the library generates from the
// MoJ default policy (examples/guidance/moj-default.html: the Rust tests and
// the command line's tests check it is exactly what `spf policy guidance
// --format html` prints). In a real headless Chromium the page passes
// axe-core's WCAG 2.2 AA rules on screen and in print, loads nothing at all (it
// is opened from a file, and every request is refused and recorded), keeps its
// headings in order, names every table by its caption, and every contents link
// leads to its section.
//
// Run from the repository root once the npm tools are installed (npm ci):
//
//   node --test tests/browser/guidance.test.mjs
//
// Chromium is /usr/bin/chromium unless CHROMIUM names another. Full-page
// screenshots are saved in artifacts/screenshots/.

import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

import { chromium } from "playwright-core";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const SCREENSHOTS = join(REPO_ROOT, "artifacts", "screenshots");
const PAGE = pathToFileURL(join(REPO_ROOT, "examples", "guidance", "moj-default.html")).href;
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

let browser;
let context;
const requests = [];

before(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
  });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(10_000);
  // Self-contained: the page itself is the only thing loaded.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url === PAGE) return route.continue();
    requests.push(url);
    return route.abort("blockedbyclient");
  });
});

after(async () => {
  await context?.close();
  await browser?.close();
});

async function withPage(body) {
  const page = await context.newPage();
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  const before = requests.length;
  try {
    await page.goto(PAGE);
    await body(page);
  } finally {
    await page.close();
  }
  assert.deepEqual(requests.slice(before), [], "the page loaded something");
  assert.deepEqual(problems, [], "errors on the page");
}

async function axeViolations(page) {
  await page.addScriptTag({ path: AXE_SCRIPT });
  return page.evaluate(
    async (tags) => (await window.axe.run(document, { runOnly: { type: "tag", values: tags } })).violations,
    WCAG_22_AA,
  );
}

function describe(violations) {
  return violations
    .map((v) => `  ${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    at ${n.target.join(" ")}`).join("\n")}`)
    .join("\n");
}

test("the guidance page has no WCAG 2.2 AA violations, on screen and in print", () => withPage(async (page) => {
  const onScreen = await axeViolations(page);
  await page.screenshot({ path: join(SCREENSHOTS, "30-guidance.png"), fullPage: true, timeout: 60_000 });
  assert.equal(onScreen.length, 0, `axe-core found WCAG violations:\n${describe(onScreen)}`);

  await page.emulateMedia({ media: "print" });
  const inPrint = await axeViolations(page);
  await page.screenshot({ path: join(SCREENSHOTS, "31-guidance-print.png"), fullPage: true, timeout: 60_000 });
  assert.equal(inPrint.length, 0, `axe-core found WCAG violations in print:\n${describe(inPrint)}`);
  const pdf = await page.pdf({ format: "A4" });
  assert.ok(pdf.length > 10_000, `a PDF of ${pdf.length} bytes`);
}));

test("the page reads in order: one h1, sections as h2, parts as h3, every table captioned", () => withPage(async (page) => {
  assert.equal(await page.locator("html").getAttribute("lang"), "en-GB");
  assert.equal(await page.getByRole("heading", { level: 1 }).count(), 1);
  const levels = await page.locator("h1, h2, h3, h4, h5, h6").evaluateAll((hs) => hs.map((h) => Number(h.tagName[1])));
  for (let i = 1; i < levels.length; i++) {
    assert.ok(levels[i] <= levels[i - 1] + 1, `h${levels[i]} after h${levels[i - 1]}`);
  }
  const sections = await page.locator("main section > h2").allInnerTexts();
  assert.deepEqual(sections, [
    "About this guidance",
    "What counts as a security breach",
    "Listed examples and their levels",
    "The Security Breach Matrix",
    "Score bands and levels",
    "How repeats, warnings and intent raise the level",
    "Who deals with a breach",
    "What happens with every breach",
    "Counter-terrorism obligations and schedules",
    "Your organisation's choices",
    "Variations agreed by the Accounting Officer",
  ]);
  const captions = await page.getByRole("table").evaluateAll((ts) => ts.map((t) => t.caption?.textContent ?? ""));
  assert.ok(captions.length >= 6, `${captions.length} tables`);
  assert.ok(captions.every((c) => c.trim() !== ""), JSON.stringify(captions));
  // The matrix reads as a grid: a row header per marking.
  const matrix = page.getByRole("table", { name: "Scores by marking and care shown" });
  assert.deepEqual(await matrix.getByRole("rowheader").allInnerTexts(), ["OFFICIAL", "SECRET", "TOP SECRET and STRAP"]);
}));

test("every contents link leads to its section, and the skip link to the content", () => withPage(async (page) => {
  const links = await page.getByRole("navigation", { name: "Contents" }).getByRole("link").evaluateAll((as) =>
    as.map((a) => [a.textContent, a.getAttribute("href")]),
  );
  assert.equal(links.length, 11);
  for (const [name, href] of links) {
    const heading = page.locator(`${href} > h2`);
    assert.equal(await heading.innerText(), name, href);
  }
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  assert.ok(await skip.evaluate((a) => a === document.activeElement));
  assert.ok(await skip.isVisible());
}));

test("the listed examples read with their level and clause", () => withPage(async (page) => {
  const serious = page.locator("#listed-examples h3:text-is('Serious misconduct') + ul > li");
  assert.equal(await serious.count(), 11);
  const cabinet = serious.filter({ hasText: "Failure to lock security cabinets." });
  assert.match(await cabinet.innerText(), /Level: serious misconduct\.\s+Clause: POLSBP006, serious misconduct list \(policy statement\)/);
}));
