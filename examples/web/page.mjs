// What both example pages share: building DOM nodes, GOV.UK date inputs, and
// the GOV.UK error pattern (an error summary at the top, a message on each
// field) fed from the errors the engine throws.

import { ErrorSummary, initAll } from "./govuk-frontend/govuk-frontend.min.js";

initAll();

/**
 * An element with attributes and children. Text is always set as text, never
 * parsed as HTML, because some of it (a case reference) is what a user typed.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name === "className") element.className = value;
    else element.setAttribute(name, value === true ? "" : value);
  }
  element.append(...children.flat().filter((child) => child !== undefined && child !== null));
  return element;
}

/** A GOV.UK tag. */
export function tag({ text, className }) {
  return h("strong", { className: `govuk-tag ${className}`.trim() }, text);
}

/**
 * A table that scrolls sideways inside its own region on narrow screens, so
 * that the page itself never does (WCAG 1.4.10). The region is focusable so
 * that keyboard users can scroll it too.
 */
export function scrollable(table) {
  const captionId = table.querySelector("caption").id;
  return h("div", { className: "app-table-scroll", role: "region", "aria-labelledby": captionId, tabindex: "0" }, table);
}

/**
 * Engine text writes identifiers and values in backticks; show them as code.
 */
export function withCode(text) {
  return text.split("`").map((part, index) => (index % 2 === 1 ? h("code", {}, part) : part));
}

/**
 * The date a GOV.UK date input holds, as `YYYY-MM-DD`, or undefined when all
 * three boxes are empty. Whatever else was typed is passed on as it stands, so
 * that the engine, not the page, decides whether it is a real date.
 */
export function dateFromInput(idPrefix) {
  const part = (name) => document.getElementById(`${idPrefix}-${name}`).value.trim();
  const [day, month, year] = [part("day"), part("month"), part("year")];
  if (day === "" && month === "" && year === "") return undefined;
  const twoDigits = (text) => (/^\d$/.test(text) ? `0${text}` : text);
  return `${year}-${twoDigits(month)}-${twoDigits(day)}`;
}

/** Fills a GOV.UK date input from a `YYYY-MM-DD` date. */
export function setDateInput(idPrefix, isoDate) {
  const [year, month, day] = isoDate.split("-");
  document.getElementById(`${idPrefix}-day`).value = String(Number(day));
  document.getElementById(`${idPrefix}-month`).value = String(Number(month));
  document.getElementById(`${idPrefix}-year`).value = year;
}

/** Today in the browser's own time zone, as `YYYY-MM-DD`. */
export function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The JSON pointer of the value an engine error is about. For a missing field
 * the engine may point at the object that lacks it and name the field only in
 * its message; the name is then appended here.
 */
export function pointerOf(error) {
  const missing = error.code === "missingField" && /^missing field `([^`]+)`/.exec(error.message);
  if (!missing || error.path.endsWith(`/${missing[1]}`)) return error.path;
  return `${error.path}/${missing[1]}`;
}

/**
 * The field error for an engine error about the request's `asOf`, shown on
 * the date inputs `${prefix}-day`, `-month` and `-year` in `${prefix}-group`
 * and worded for `what` ("the date of the change"); undefined for any other
 * error.
 */
export function asOfError(error, prefix, what) {
  if (pointerOf(error) !== "/asOf") return undefined;
  const messages = {
    missingField: `Enter ${what}`,
    invalidDate: `${sentence(what)} must be a real date`,
  };
  return {
    groupId: `${prefix}-group`,
    targetId: `${prefix}-day`,
    inputIds: [`${prefix}-day`, `${prefix}-month`, `${prefix}-year`],
    message: messages[error.code] ?? sentence(error.message),
  };
}

/** The engine's message as a sentence, for errors no field explains better. */
export function sentence(message) {
  const plain = message.replaceAll("`", "");
  return plain.charAt(0).toUpperCase() + plain.slice(1);
}

const ERROR_CLASSES = {
  INPUT: "govuk-input--error",
  SELECT: "govuk-select--error",
};

/**
 * Shows errors the GOV.UK way and takes them away again.
 *
 * Each error names its form group (which gets the red bar and the message),
 * the element the summary links to, and the inputs to outline.
 */
export class FormErrors {
  #summaryHost;
  #shown = [];
  #originalTitle = document.title;

  constructor(summaryHost) {
    this.#summaryHost = summaryHost;
  }

  /** @param {{message: string, groupId?: string, targetId?: string, inputIds?: string[]}[]} errors */
  show(errors) {
    this.clear();
    document.title = `Error: ${this.#originalTitle}`;
    const items = errors.map((error) =>
      h("li", {}, error.targetId ? h("a", { href: `#${error.targetId}` }, error.message) : error.message),
    );
    const summary = h(
      "div",
      { className: "govuk-error-summary", "data-module": "govuk-error-summary" },
      h(
        "div",
        { role: "alert" },
        h("h2", { className: "govuk-error-summary__title" }, "There is a problem"),
        h("div", { className: "govuk-error-summary__body" }, h("ul", { className: "govuk-list govuk-error-summary__list" }, items)),
      ),
    );
    this.#summaryHost.prepend(summary);
    this.#shown.push(() => summary.remove());
    // Moves focus to the summary and makes its links focus the field.
    new ErrorSummary(summary);
    for (const error of errors) this.#markField(error);
  }

  clear() {
    for (const undo of this.#shown.splice(0)) undo();
    document.title = this.#originalTitle;
  }

  #markField({ message, groupId, inputIds = [] }) {
    const group = groupId && document.getElementById(groupId);
    if (!group) return;
    const messageId = `${groupId}-error`;
    const text = h(
      "p",
      { className: "govuk-error-message", id: messageId },
      h("span", { className: "govuk-visually-hidden" }, "Error:"),
      ` ${message}`,
    );
    // The message goes after the legend or label and any hint, just before
    // the input, as GOV.UK's own templates place it.
    const fieldset = group.querySelector(":scope > .govuk-fieldset");
    const container = fieldset ?? group;
    const firstField = [...container.children].find((child) => !child.matches("legend, label, .govuk-hint"));
    container.insertBefore(text, firstField ?? null);
    group.classList.add("govuk-form-group--error");

    const described = fieldset ?? document.getElementById(inputIds[0]);
    const previousDescribedBy = described?.getAttribute("aria-describedby");
    described?.setAttribute("aria-describedby", [previousDescribedBy, messageId].filter(Boolean).join(" "));

    const outlined = inputIds
      .map((id) => document.getElementById(id))
      // GOV.UK Frontend marks a file upload's error with its form group alone.
      .filter((field) => field && ERROR_CLASSES[field.tagName] && field.type !== "file");
    for (const field of outlined) field.classList.add(ERROR_CLASSES[field.tagName]);

    this.#shown.push(() => {
      text.remove();
      group.classList.remove("govuk-form-group--error");
      if (previousDescribedBy) described.setAttribute("aria-describedby", previousDescribedBy);
      else described?.removeAttribute("aria-describedby");
      for (const field of outlined) field.classList.remove(ERROR_CLASSES[field.tagName]);
    });
  }
}
