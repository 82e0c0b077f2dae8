// What the security officer's pages share: the estate they show (the sample
// one, or a file the officer chooses, read in the browser and never sent
// anywhere), the GOV.UK errors for a file that cannot be used, and the list of
// site records the engine could not assess.

import { h, withCode } from "./page.mjs";

// Larger than any estate's site records need; a bigger file is likely the wrong one.
const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** A JSON file the pages load from the server, such as the sample estate. */
export async function loadSample(path, what) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${what} could not be loaded (HTTP ${response.status})`);
  return response.json();
}

/** A field error on a file input: the group gets the message, the summary links to the input. */
export function fileError(inputId, message) {
  return { groupId: `${inputId}-group`, targetId: inputId, inputIds: [inputId], message };
}

/**
 * The JSON the file chosen in a file input holds, or undefined when none is
 * chosen. Throws the field error to show when the file cannot be read as JSON
 * or holds an empty list.
 */
export async function chosenJson(fileInput, { emptyList }) {
  const file = fileInput.files[0];
  if (!file) return undefined;
  const fail = (message) => fileError(fileInput.id, message);
  if (file.size > MAX_FILE_BYTES) throw fail("The selected file must be smaller than 10 MB");
  if (file.size === 0) throw fail("The selected file is empty");
  let value;
  try {
    value = JSON.parse(await file.text());
  } catch (error) {
    throw fail(`The selected file must be a JSON file: ${error.message}`);
  }
  if (Array.isArray(value) && value.length === 0) throw fail(emptyList);
  return { value, name: file.name };
}

/**
 * The field error for an engine error about a file's contents, when the
 * error's path points into the request's `member` (`/sites`, `/businessAreas`),
 * which is the file; null for any other error.
 */
export function fileContentsError(error, member, inputId, what) {
  if (error.path !== member && !error.path.startsWith(`${member}/`)) return null;
  const where = error.path.slice(member.length);
  return fileError(inputId, `The selected file must be ${what}: ${error.message.replaceAll("`", "")}, at ${where || "the top of the file"}`);
}

/** Where in the file an engine error is, for a request whose `sites` is the file. */
function filePlace(path) {
  const inFile = path.replace(/^\/sites/, "");
  return inFile ? h("code", {}, inFile) : "the top of the file";
}

/** The site records the engine could not assess, with why and where; nothing when there are none. */
export function rejectedSection(rejected, sites, leftOut) {
  if (!rejected.length) return [];
  return [
    h("h3", { className: "govuk-heading-m" }, "Site records that could not be assessed"),
    h("p", { className: "govuk-body" }, `Correct these records in the estates system; they are left out of ${leftOut}.`),
    h(
      "ul",
      { className: "govuk-list govuk-list--bullet" },
      rejected.map(({ index, error }) => {
        const site = sites[index];
        return h(
          "li",
          {},
          h("strong", {}, typeof site?.name === "string" ? site.name : `Record ${index + 1}`),
          typeof site?.id === "string" ? ` (${site.id})` : "",
          ": ",
          withCode(error.message),
          " (at ",
          filePlace(error.path),
          ")",
        );
      }),
    ),
  ];
}
