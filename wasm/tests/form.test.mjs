// The breach form's module (wasm/pkg/form/, spf-wasm built without its `full`
// feature): exactly the breach functions, answering with the full module's
// bytes and throwing its errors, from JSON text and from objects alike.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import * as full from "../pkg/node/spf.js";
import * as form from "../pkg/form/spf_form.js";
import { corpusCases } from "./support.mjs";

form.initSync({ module: readFileSync(new URL("../pkg/form/spf_form_bg.wasm", import.meta.url)) });

const BREACH_OPERATIONS = ["assessBreach", "assessBreaches"];

/** What a call gives: its answer, or the thrown error's code, message, path and list. */
function outcome(call) {
    try {
        return { answer: JSON.stringify(call()) };
    } catch (error) {
        assert.ok(full.isSpfError(error) || form.isSpfError(error), `not an SpfError: ${error}`);
        return {
            name: error.name,
            code: error.code,
            message: error.message,
            path: error.path,
            errors: JSON.stringify(error.errors),
        };
    }
}

test("the form module has the breach functions and nothing else", () => {
    const functions = Object.keys(form)
        .filter((name) => !["default", "initSync"].includes(name))
        .sort();
    assert.deepEqual(functions, [
        "assessBreach",
        "assessBreachJson",
        "assessBreaches",
        "assessBreachesJson",
        "breachRules",
        "errorCodes",
        "isSpfError",
        "version",
    ]);
    assert.equal(form.version(), full.version());
    assert.deepEqual(form.errorCodes(), full.errorCodes());
});

test("breachRules() is the default policy document's breach section", () => {
    const rules = form.breachRules();
    assert.ok(rules.kinds.length > 20, `${rules.kinds.length} kinds`);
    assert.deepEqual(rules, full.exportPolicy().breach);
    assert.deepEqual(full.breachRules(), rules);
});

test("every breach case of the golden corpus answers the golden bytes", () => {
    const cases = corpusCases().filter((c) => BREACH_OPERATIONS.includes(c.operation));
    assert.ok(cases.length >= 5, `only ${cases.length} breach cases`);
    for (const { operation, name, requestText, answerText } of cases) {
        assert.equal(form[`${operation}Json`](requestText), answerText, `${operation}Json ${name}`);
        assert.equal(JSON.stringify(form[operation](JSON.parse(requestText))), answerText, `${operation} ${name}`);
    }
});

test("bad input throws what the full module throws", () => {
    const report = JSON.parse(corpusCases().find((c) => c.operation === "assessBreach").requestText);
    const inputs = [
        undefined,
        null,
        {},
        [],
        "lossOfPass",
        { ...report, kind: "lossOfPas" },
        { ...report, kind: "LOSSOFPASS" },
        { ...report, occurred: "2026-02-30", care: 7 },
        { ...report, reference: "\ud800" },
        { ...report, previousWarnings: 10n },
        [report, { kind: "x" }],
    ];
    for (const operation of BREACH_OPERATIONS) {
        for (const input of inputs) {
            const label = `${operation}(${String(input)})`;
            assert.deepEqual(outcome(() => form[operation](input)), outcome(() => full[operation](input)), label);
        }
        for (const text of ["", "{", "[1,", '{"kind":"lossOfPass"}', 7]) {
            const label = `${operation}Json(${text})`;
            assert.deepEqual(
                outcome(() => form[`${operation}Json`](text)),
                outcome(() => full[`${operation}Json`](text)),
                label,
            );
        }
    }
    // Not vacuous: the bad inputs above are thrown, not answered.
    assert.equal(outcome(() => form.assessBreach({})).code, "missingField");
});
