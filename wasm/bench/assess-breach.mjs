// Times breach assessment through the WebAssembly module under Node: a JS
// object in and a JS object out (`assessBreach`, which writes the object as
// JSON and parses the answer back), against JSON text in and out
// (`assessBreachJson`). Reports timings only; it never fails on them.
//
//   node wasm/bench/assess-breach.mjs           # 15 batches of 2000 calls each
//   node wasm/bench/assess-breach.mjs --quick   # a smoke run, well under 3 s
//   SPF_BENCH_QUICK=1 node wasm/bench/assess-breach.mjs

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { assessBreach, assessBreachJson, version } from "../pkg/node/spf.js";

const quick = process.argv.includes("--quick") || process.env.SPF_BENCH_QUICK === "1";
const settings = quick
    ? { warmUpCalls: 200, batches: 5, callsPerBatch: 200 }
    : { warmUpCalls: 5000, batches: 15, callsPerBatch: 2000 };

// A realistic report: SECRET material, a repeat within the window, most rules fire.
const requestText = readFileSync(
    new URL("../../tests/corpus/assessBreach/breach-gross-secret-cabinet-repeat.request.json", import.meta.url),
    "utf8",
);
const report = JSON.parse(requestText);

// Both forms must give the golden answer, or the timings would describe the
// wrong work.
const golden = readFileSync(
    new URL("../../tests/corpus/assessBreach/breach-gross-secret-cabinet-repeat.answer.json", import.meta.url),
    "utf8",
);
assert.equal(assessBreachJson(requestText), golden);
assert.equal(JSON.stringify(assessBreach(report)), golden);

/** The value at quantile `q` (0 to 1) of sorted numbers, by nearest rank. */
function quantile(sorted, q) {
    const rank = Math.ceil(q * sorted.length) - 1;
    return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

/**
 * Runs `call` in timed batches after a warm-up (so the JIT and the module's
 * allocator have settled); returns the per-call time of each batch in µs.
 * `call` returns a number that is summed, so no call can be optimised away.
 */
function measure(call) {
    let sink = 0;
    for (let i = 0; i < settings.warmUpCalls; i += 1) sink += call();
    const perCall = [];
    for (let batch = 0; batch < settings.batches; batch += 1) {
        const start = process.hrtime.bigint();
        for (let i = 0; i < settings.callsPerBatch; i += 1) sink += call();
        const elapsedNs = Number(process.hrtime.bigint() - start);
        perCall.push(elapsedNs / 1000 / settings.callsPerBatch);
    }
    assert.ok(sink > 0);
    return perCall.sort((a, b) => a - b);
}

const results = [
    ["assessBreach (object in, object out)", measure(() => assessBreach(report).score)],
    ["assessBreachJson (text in, text out)", measure(() => assessBreachJson(requestText).length)],
    // For scale: what the engine cannot go below when the answer is an object
    // made from its JSON text on this machine.
    ["JSON.parse of the answer alone", measure(() => JSON.parse(golden).score)],
];

console.log(
    `spf ${version()} WebAssembly, Node ${process.version}, ${quick ? "quick run" : "full run"}: ` +
        `${settings.batches} batches of ${settings.callsPerBatch} calls after ${settings.warmUpCalls} warm-up calls`,
);
console.log(`report: ${report.reference} (${requestText.length} bytes of JSON, answer ${golden.length} bytes)`);
console.log("");
const nameWidth = Math.max(...results.map(([name]) => name.length));
console.log(`${"".padEnd(nameWidth)}  ${"median µs".padStart(10)}  ${"p90 µs".padStart(10)}  ${"calls/s".padStart(10)}`);
for (const [name, perCall] of results) {
    const median = quantile(perCall, 0.5);
    const p90 = quantile(perCall, 0.9);
    console.log(
        `${name.padEnd(nameWidth)}  ${median.toFixed(1).padStart(10)}  ${p90.toFixed(1).padStart(10)}  ` +
            `${Math.round(1e6 / median).toLocaleString("en-GB").padStart(10)}`,
    );
}
const [objectMedian, textMedian] = results.slice(0, 2).map(([, perCall]) => quantile(perCall, 0.5));
console.log("");
console.log(
    `objects cost ${(objectMedian / textMedian).toFixed(2)}× text per call ` +
        "(JSON.stringify of the report and JSON.parse of the answer, on top of the same assessment)",
);
console.log(`target: assessBreach median ≤ 5 µs per call; measured ${objectMedian.toFixed(1)} µs`);
