// The golden corpus through the WebAssembly module: the same bytes as the Rust
// and C surfaces give, from JSON text and from JavaScript objects alike.

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import * as spf from "../pkg/node/spf.js";
import { OPERATIONS, corpusCases } from "./support.mjs";

const cases = corpusCases();

test("the corpus lists cases for every operation", () => {
    // An empty or unreadable case list would make every check below vacuous.
    assert.ok(cases.length >= 16, `only ${cases.length} corpus cases`);
    assert.ok(OPERATIONS.length >= 8, `the table lists ${OPERATIONS.length} operations`);
    for (const operation of OPERATIONS) {
        assert.ok(cases.some((c) => c.operation === operation), `no corpus case for ${operation}`);
    }
});

test("every operation of the table is a function, a Json twin and two Engine methods", () => {
    for (const operation of OPERATIONS) {
        for (const name of [operation, `${operation}Json`]) {
            assert.equal(typeof spf[name], "function", `the module has no function \`${name}\``);
            assert.equal(typeof spf.Engine.prototype[name], "function", `Engine has no method \`${name}\``);
        }
    }
    for (const info of spf.operations()) {
        assert.ok(info.request.length > 0 && info.summary.length > 0, info.name);
    }
});

describe("golden corpus", () => {
    for (const { operation, name, requestText, answerText } of cases) {
        test(`${operation} ${name}: text and object forms answer the golden bytes`, () => {
            assert.equal(spf[`${operation}Json`](requestText), answerText, `${operation}Json`);
            // Objects go through JSON.stringify and come back through JSON.parse;
            // writing the answer out again must not change a byte (key order,
            // number formatting, absent optional fields).
            assert.equal(JSON.stringify(spf[operation](JSON.parse(requestText))), answerText, operation);
        });
    }
});

test("an engine built from the exported default policy answers the golden bytes too", () => {
    const engine = new spf.Engine(spf.exportPolicy());
    try {
        for (const { operation, name, requestText, answerText } of cases) {
            assert.equal(engine[`${operation}Json`](requestText), answerText, name);
            assert.equal(JSON.stringify(engine[operation](JSON.parse(requestText))), answerText, name);
        }
    } finally {
        engine.free();
    }
});
