// The policy owner's page: a policy document (the sample HMPPS local policy,
// or a file the owner chooses, read in the browser and never sent anywhere)
// checked as the engine loads it, every problem listed with where it is; for a
// valid document, what its changes do to the engine's decisions compared with
// the MoJ default (the exhaustive diff), and the guidance for managers it makes
// (POLSBP003), to preview and download.

import init, { Engine, isSpfError } from "./spf/spf.js";
import { chosenJson, fileError, loadSample } from "./estate.mjs";
import { FormErrors, h, scrollable, withCode } from "./page.mjs";
import { renderDiff } from "./policy-diff.mjs";

const form = document.getElementById("policy-form");
const fileInput = document.getElementById("policy-file");
const result = document.getElementById("result");
const errors = new FormErrors(document.getElementById("form-column"));

const [, samplePolicy] = await Promise.all([init(), loadSample("data/policy-hmpps-local.json", "the sample policy")]);
const mojDefault = Engine.mojDefault();

const counted = (count, singular, plural) => `${count.toLocaleString("en-GB")} ${count === 1 ? singular : plural}`;

/** The policy document to check, and where it came from; or the problem with the chosen file. */
async function chosenPolicy() {
  try {
    const own = await chosenJson(fileInput, { emptyList: "The selected file must be a policy document, not a list" });
    if (own) return { document: own.value, source: `your file ‘${own.name}’` };
    return { document: samplePolicy, source: "the sample HMPPS local policy" };
  } catch (problem) {
    if (!problem?.groupId) throw problem;
    return { problem };
  }
}

const capitalised = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/** Every problem the engine found in the document, each with where it is. */
function problemsSection(problems) {
  const rows = problems.map((problem) =>
    h(
      "tr",
      { className: "govuk-table__row" },
      h("td", { className: "govuk-table__cell" }, h("code", {}, problem.path || "/")),
      h("td", { className: "govuk-table__cell" }, withCode(capitalised(problem.message))),
    ),
  );
  return [
    h(
      "p",
      { className: "govuk-body" },
      `Correct ${problems.length === 1 ? "this problem" : `these ${problems.length} problems`} and choose the file again. Each is at the JSON pointer shown, counting from the top of the document.`,
    ),
    scrollable(
      h(
        "table",
        { className: "govuk-table", id: "problems-table" },
        h("caption", { className: "govuk-table__caption govuk-table__caption--m", id: "problems-caption" }, "Problems in the policy document"),
        h(
          "thead",
          { className: "govuk-table__head" },
          h(
            "tr",
            { className: "govuk-table__row" },
            h("th", { className: "govuk-table__header", scope: "col" }, "Where"),
            h("th", { className: "govuk-table__header", scope: "col" }, "Problem"),
          ),
        ),
        h("tbody", { className: "govuk-table__body" }, rows),
      ),
    ),
  ];
}

/** The guidance for managers the document makes: a preview and both downloads. */
function guidanceSection(engine) {
  const html = engine.policyGuidance({ format: "html" }).text;
  const markdown = engine.policyGuidance({ format: "markdown" }).text;
  const download = (text, type, name, label) =>
    h("a", { className: "govuk-link", href: URL.createObjectURL(new Blob([text], { type })), download: name, id: `download-${label}` }, `Download the guidance (${label.toUpperCase()})`);
  const base = `guidance-${engine.policyId}-${engine.policyVersion}`;
  return [
    h("h3", { className: "govuk-heading-m", id: "guidance-heading" }, "Guidance for managers"),
    h(
      "p",
      { className: "govuk-body" },
      "The guidance POLSBP003 asks each organisation to publish, made from this document: every kind of breach with its level and the clause it comes from, the matrix, how repeats and warnings escalate, the routes and flags, and which values are your organisation’s own choices.",
    ),
    h(
      "ul",
      { className: "govuk-list" },
      h("li", {}, download(html, "text/html", `${base}.html`, "html")),
      h("li", {}, download(markdown, "text/markdown", `${base}.md`, "md")),
    ),
    h("iframe", {
      className: "app-guidance-preview",
      id: "guidance-preview",
      title: "Preview of the guidance for managers",
      sandbox: "",
      srcdoc: html,
    }),
  ];
}

/** Checks the chosen document; returns whether there was anything to show. */
async function showResult() {
  errors.clear();
  const chosen = await chosenPolicy();
  if (chosen.problem) {
    result.hidden = true;
    errors.show([chosen.problem]);
    return false;
  }
  const { document: policy, source } = chosen;
  const heading = document.getElementById("result-heading");
  const body = document.getElementById("result-body");
  let engine;
  try {
    engine = new Engine(policy);
  } catch (error) {
    if (!isSpfError(error)) throw error;
    const problems = error.errors?.length ? error.errors : [error];
    heading.textContent = "The policy document has problems";
    document.getElementById("result-source").textContent = `The engine cannot load ${source}: it has ${counted(problems.length, "problem", "problems")}.`;
    body.replaceChildren(...problemsSection(problems));
    result.hidden = false;
    errors.show([
      fileError(
        "policy-file",
        fileInput.files[0]
          ? `The selected file must be a valid policy document: it has ${counted(problems.length, "problem", "problems")}, listed below`
          : `The sample policy document has ${counted(problems.length, "problem", "problems")}, listed below`,
      ),
    ]);
    return false;
  }
  try {
    const diff = mojDefault.policyDiff({ policy });
    heading.textContent = `${engine.policyId}, version ${engine.policyVersion}`;
    document.getElementById("result-source").textContent = `A valid policy document, from ${source}.`;
    body.replaceChildren(...renderDiff(diff), ...guidanceSection(engine));
  } finally {
    engine.free();
  }
  result.hidden = false;
  return true;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  // After an error the error summary has the focus; after a result, its heading.
  if (await showResult()) document.getElementById("result-heading").focus();
});
form.dataset.ready = "true";
