// Shared by the wasm test files: the golden corpus and the checks every thrown
// error must pass. Not a test file itself (`node --test` only runs `*.test.mjs`).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { readdirSync } from "node:fs";

import { errorCodes, isSpfError, operations } from "../pkg/node/spf.js";

const corpusDir = new URL("../../tests/corpus/", import.meta.url);

/**
 * The operations of the module, by name, read from the library's own table
 * (`spf_core::operations::OPERATIONS`), so a new operation reaches every test
 * that iterates them.
 */
export const OPERATIONS = operations().map((operation) => operation.name);

/**
 * A corpus file's exact text: `operation/NAME.request.json`, or just
 * `NAME.request.json` (found in whichever operation's folder holds it).
 */
export function corpusFile(file) {
    if (!file.includes("/")) {
        const folder = OPERATIONS.find((operation) => {
            try {
                return readdirSync(new URL(`${operation}/`, corpusDir)).includes(file);
            } catch {
                return false;
            }
        });
        assert.ok(folder, `no corpus file \`${file}\` in any operation's folder`);
        file = `${folder}/${file}`;
    }
    return readFileSync(new URL(file, corpusDir), "utf8");
}

/**
 * The golden cases: for every operation, the cases in its folder
 * `tests/corpus/<operation>/`, as `{operation, name, requestText, answerText}`
 * with the files' exact bytes.
 */
export function corpusCases() {
    return OPERATIONS.flatMap((operation) => {
        let files;
        try {
            files = readdirSync(new URL(`${operation}/`, corpusDir));
        } catch {
            return [];
        }
        return files
            .filter((file) => file.endsWith(".request.json"))
            .sort()
            .map((file) => {
                const name = file.slice(0, -".request.json".length);
                return {
                    operation,
                    name,
                    requestText: corpusFile(`${operation}/${name}.request.json`),
                    answerText: corpusFile(`${operation}/${name}.answer.json`),
                };
            });
    });
}

/** The case `name`'s request, parsed (a fresh object on every call, safe to mutate). */
export function corpusRequest(name) {
    const found = corpusCases().find((c) => c.name === name);
    assert.ok(found, `no corpus case \`${name}\``);
    return JSON.parse(found.requestText);
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
