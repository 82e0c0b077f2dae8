// Shared by the wasm test files: the golden corpus and the checks every thrown
// error must pass. Not a test file itself (`node --test` only runs `*.test.mjs`).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { errorCodes, isSpfError } from "../pkg/node/spf.js";

const corpusDir = new URL("../../tests/corpus/", import.meta.url);

/** The operations of the module, by the name the corpus uses. */
export const OPERATIONS = [
    "assessBreach",
    "siteStatus",
    "portfolio",
    "coordinate",
    "responseLevel",
    "trendReport",
    "evaluateCompliance",
];

/** A corpus file's exact text. */
export function corpusFile(file) {
    return readFileSync(new URL(file, corpusDir), "utf8");
}

/**
 * The golden cases listed in tests/corpus/cases.txt: `{operation, name,
 * requestText, answerText}`, with the files' exact bytes.
 */
export function corpusCases() {
    return corpusFile("cases.txt")
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== "" && !line.startsWith("#"))
        .map((line) => {
            const [operation, name, ...rest] = line.split(/\s+/);
            assert.ok(OPERATIONS.includes(operation), `cases.txt: unknown operation in \`${line}\``);
            assert.equal(rest.length, 0, `cases.txt: expected \`OPERATION NAME\`, got \`${line}\``);
            return {
                operation,
                name,
                requestText: corpusFile(`${name}.request.json`),
                answerText: corpusFile(`${name}.answer.json`),
            };
        });
}

/** A corpus request, parsed (a fresh object on every call, safe to mutate). */
export function corpusRequest(name) {
    return JSON.parse(corpusFile(`${name}.request.json`));
}

const KNOWN_CODES = new Set(errorCodes());

/**
 * Asserts that `value` is what the module throws: a real `Error` with a stack,
 * named `SpfError`, recognised by `isSpfError`, with a documented code, a string
 * path and a message in the house style (non-empty, no trailing period).
 */
export function assertSpfErrorShape(value) {
    assert.ok(value instanceof Error, `expected an Error, got ${String(value)}`);
    assert.ok(!(value instanceof WebAssembly.RuntimeError), `the module trapped: ${value.message}`);
    assert.equal(value.name, "SpfError", value.message);
    assert.equal(isSpfError(value), true);
    assert.equal(typeof value.stack, "string");
    assert.notEqual(value.stack, "");
    assert.ok(KNOWN_CODES.has(value.code), `undocumented code \`${value.code}\``);
    assert.equal(typeof value.path, "string");
    assert.notEqual(value.message, "");
    assert.ok(!value.message.endsWith("."), `message ends with a period: ${value.message}`);
}

/**
 * Calls `call`, which must throw an SpfError with exactly `code` and `path`;
 * returns the error for further checks.
 */
export function expectSpfError(call, code, path) {
    let thrown;
    try {
        call();
    } catch (error) {
        thrown = error;
    }
    assert.ok(thrown !== undefined, `expected ${code} at \`${path}\`, but the call returned`);
    assertSpfErrorShape(thrown);
    assert.deepEqual({ code: thrown.code, path: thrown.path }, { code, path }, thrown.message);
    return thrown;
}
