// The golden corpus through the WebAssembly module: the same bytes as the Rust
// and C surfaces give, from JSON text and from JavaScript objects alike.

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import * as spf from "../pkg/node/spf.js";
import { OPERATIONS, corpusCases } from "./support.mjs";

const cases = corpusCases();

test("the corpus lists cases for every operation", () => {
    // An empty or unreadable case list would make every check below vacuous.
    assert.ok(cases.length > 0, "tests/corpus/cases.txt lists no cases");
    for (const operation of OPERATIONS) {
        assert.ok(cases.some((c) => c.operation === operation), `no corpus case for ${operation}`);
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
