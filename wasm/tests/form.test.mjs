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

/** Every place in a JSON value, as the path of keys and indices that reaches it. */
function places(value, path = []) {
    const inner =
        value !== null && typeof value === "object"
            ? Object.entries(value).flatMap(([key, item]) => places(item, [...path, Array.isArray(value) ? Number(key) : key]))
            : [];
    return [path, ...inner];
}

/** A copy of `value` with the value at `path` replaced by `replacement`. */
function replaced(value, path, replacement) {
    if (path.length === 0) return replacement;
    const copy = structuredClone(value);
    let parent = copy;
    for (const key of path.slice(0, -1)) parent = parent[key];
    parent[path.at(-1)] = replacement;
    return copy;
}

// The form's module has no formatting of its own for floats (scripts/build-wasm.sh
// snips Rust's): a float anywhere in a report must still answer the full
// module's error, in serde_json's own words for the float.
test("a float in every place of a report throws what the full module throws", () => {
    // Every field a report has, each list with an item.
    const report = {
        schemaVersion: 1,
        reference: "HR-2026-0101",
        kind: "officialDocumentsNotSecured",
        marking: { classification: "official", caveats: ["sensitive"] },
        care: "avoidableCarelessness",
        damage: "potential",
        previousWarnings: 1,
        earlierBreaches: [{ date: "2025-06-18", kind: "lossOfPass" }],
        occurred: "2026-01-13",
        person: { status: "employee", organisation: "moj", securityCleared: true },
        personalData: true,
        informationAsset: { name: "Case files", owner: "Head of HR" },
        impact: "medium",
    };
    assert.equal(outcome(() => form.assessBreach(report)).code, undefined, "the report itself is answered");
    assert.ok(places(report).length >= 24, `only ${places(report).length} places`);
    let floats = 0;
    for (const path of places(report)) {
        for (const float of [1.5, -0.25, 1e300, 5e-324, 123456789.125]) {
            const input = replaced(report, path, float);
            const label = `/${path.join("/")} = ${float}`;
            const thrown = outcome(() => form.assessBreach(input));
            assert.deepEqual(thrown, outcome(() => full.assessBreach(input)), label);
            const text = JSON.stringify(input);
            assert.deepEqual(outcome(() => form.assessBreachJson(text)), outcome(() => full.assessBreachJson(text)), label);
            if (thrown.message?.includes("floating point")) floats += 1;
            // The same report in a batch, where the error is answered in its place.
            const batch = [report, input];
            assert.equal(JSON.stringify(form.assessBreaches(batch)), JSON.stringify(full.assessBreaches(batch)), label);
        }
    }
    // A float where the batch's array belongs, and as an item of it.
    for (const input of [1.5, [1.5], [report, -0.25]]) {
        assert.deepEqual(outcome(() => form.assessBreaches(input)), outcome(() => full.assessBreaches(input)), String(input));
        const text = JSON.stringify(input);
        assert.deepEqual(outcome(() => form.assessBreachesJson(text)), outcome(() => full.assessBreachesJson(text)), text);
    }
    assert.equal(outcome(() => form.assessBreachesJson("1.5")).code, "invalidType");
    // Not vacuous: the floats reached the messages that print them.
    assert.ok(floats >= 20, `only ${floats} messages printed a float`);
});
