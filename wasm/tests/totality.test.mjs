// Totality: thousands of arbitrary and mutated inputs, from a seeded generator so
// that any failure reproduces. Every call either answers or throws an SpfError
// with a documented code other than `internal`; nothing traps (a Rust panic or
// an out-of-bounds access would surface as a WebAssembly.RuntimeError). Where an
// input is plain JSON, the object form and the text form must also agree.
//
// Another seed explores other inputs: SPF_TOTALITY_SEED=123 node --test wasm/tests/

import assert from "node:assert/strict";
import { test } from "node:test";

import * as spf from "../pkg/node/spf.js";
import { OPERATIONS, assertSpfErrorShape, corpusCases } from "./support.mjs";

const SEED = Number(process.env.SPF_TOTALITY_SEED ?? 20261123);

/** mulberry32: a small, fast, well-mixed 32-bit generator; enough for test inputs. */
function generator(seed) {
    let state = seed >>> 0;
    const next = () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const int = (n) => Math.floor(next() * n);
    return { next, int, pick: (items) => items[int(items.length)], chance: (p) => next() < p };
}

const rng = generator(SEED);
const cases = corpusCases();
const policyText = spf.exportPolicyJson();

/** Every field name and string value of the corpus requests and the policy: near-valid words. */
const VOCABULARY = (() => {
    const words = new Set();
    const collect = (value) => {
        if (typeof value === "string") words.add(value);
        else if (Array.isArray(value)) value.forEach(collect);
        else if (value !== null && typeof value === "object") {
            for (const [key, inner] of Object.entries(value)) {
                words.add(key);
                collect(inner);
            }
        }
    };
    cases.forEach((c) => collect(JSON.parse(c.requestText)));
    collect(JSON.parse(policyText));
    return [...words].filter((word) => word.length < 80);
})();

function randomDate() {
    const pad = (n, width) => String(n).padStart(width, "0");
    const year = rng.pick([1, 1969, 2000, 2024, 2026, 2028, 9999, 10000]);
    const month = rng.pick([0, 1, 2, 6, 12, 13]);
    const day = rng.pick([0, 1, 28, 29, 30, 31, 32]);
    return rng.pick([
        `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`,
        `${pad(day, 2)}/${pad(month, 2)}/${year}`,
        `${year}-${month}-${day}`,
        `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T00:00:00Z`,
    ]);
}

/** A string of well-formed Unicode (no lone surrogates), sometimes empty or long. */
function randomText() {
    const length = rng.pick([0, 1, 3, 8, 30, 300]);
    let text = "";
    for (let i = 0; i < length; i += 1) {
        const range = rng.int(4);
        const codePoint =
            range === 0 ? 0x20 + rng.int(0x5f)
            : range === 1 ? rng.int(0x20)
            : range === 2 ? 0xa0 + rng.int(0xd800 - 0xa0)
            : 0x10000 + rng.int(0x10ffff - 0x10000);
        text += String.fromCodePoint(codePoint);
    }
    return text;
}

function randomNumber() {
    return rng.pick([
        0, -0, 1, -1, 2, 12, 13, 255, 256, 65535, 2 ** 31, 2 ** 32, 2 ** 32 - 1, 2 ** 53, -(2 ** 53),
        1e21, 1e300, -1e300, 0.5, 1.5, Number.EPSILON, Number.MAX_VALUE, Number.MIN_VALUE,
        rng.int(1000), rng.next() * 100,
    ]);
}

/** An arbitrary JSON value (what JSON.parse could return). */
function randomJson(depth) {
    const kind = rng.int(depth <= 0 ? 6 : 9);
    switch (kind) {
        case 0: return null;
        case 1: return rng.chance(0.5);
        case 2: return randomNumber();
        case 3: return randomText();
        case 4: return rng.pick(VOCABULARY);
        case 5: return randomDate();
        case 6: return Array.from({ length: rng.int(4) }, () => randomJson(depth - 1));
        default: {
            const object = {};
            for (let i = rng.int(5); i > 0; i -= 1) {
                object[rng.chance(0.7) ? rng.pick(VOCABULARY) : randomText()] = randomJson(depth - 1);
            }
            return object;
        }
    }
}

// Well-typed requests built from the wire format's own values, so that most of
// them are answered and the answer paths get as much exercise as the errors.
const KINDS = JSON.parse(policyText).breach.kinds.map((entry) => entry.kind);
const THREAT_LEVELS = ["low", "moderate", "substantial", "severe", "critical"];

function validDate() {
    const year = 2016 + rng.int(12);
    const month = 1 + rng.int(12);
    const day = 1 + rng.int(28);
    return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function optional(value) {
    return rng.chance(0.5) ? value : undefined;
}

function randomBreachReport() {
    return {
        reference: optional(randomText()),
        kind: rng.pick(KINDS),
        marking: optional({
            classification: rng.pick(["official", "secret", "topSecret", "unclassified", "protect", "restricted", "confidential"]),
            caveats: optional(rng.pick([[], ["sensitive"], ["strap"], ["sensitive", "strap"]])),
        }),
        care: rng.pick(["avoidableCarelessness", "highCarelessness", "recklessness", "deliberate"]),
        damage: optional(rng.pick(["none", "potential", "actual"])),
        previousWarnings: optional(rng.int(4)),
        earlierBreaches: optional(Array.from({ length: rng.int(4) }, () => ({ date: validDate(), kind: rng.pick(KINDS) }))),
        occurred: validDate(),
        person: {
            status: rng.pick(["employee", "probationer", "contractor", "agencyStaff", "minister", "specialAdviser", "permanentSecretary", "judicialOfficer", "other"]),
            organisation: rng.pick(["moj", "hmpps", "otherAgency"]),
            securityCleared: optional(rng.chance(0.5)),
        },
    };
}

function randomSite(index) {
    const level = rng.pick(["normal", "heightened", "exceptional"]);
    return {
        id: `SITE-${index}`,
        name: randomText(),
        businessArea: optional(rng.pick(["HMCTS", "HMPPS", "LAA", "MoJ HQ"])),
        tier: rng.pick(["low", "moderate", "medium", "high"]),
        tierAssessed: validDate(),
        ctPlan: optional({ variesByResponseLevel: rng.chance(0.5), lastTested: optional(validDate()) }),
        threatAssessment: optional({ threatDocumented: rng.chance(0.5), mitigationDocumented: rng.chance(0.5) }),
        riskAssessed: optional(validDate()),
        responseOverride: optional({ level, approval: optional({ by: "DSO", on: validDate(), reason: randomText() }) }),
        exceptionalReviewed: optional(validDate()),
    };
}

const LEVELS = ["minor", "serious", "gross"];
const AREAS = ["HMCTS", "HMPPS", "LAA", "MoJ HQ"];
const PEOPLE = ["P-1", "P-2", "P-3", "P-4"];

/** A business area's compliance return. */
function randomReturn() {
    return {
        // Now and then one business area spelt two ways.
        businessArea: rng.pick([...AREAS, " ", " hmcts"]),
        returnDate: validDate(),
        // Most elements, in any order, occasionally one twice.
        elements: ELEMENTS.filter(() => rng.chance(0.85))
            .concat(rng.chance(0.05) ? [rng.pick(ELEMENTS)] : [])
            .sort(() => rng.next() - 0.5)
            .map(randomElementReturn),
    };
}

/** A register record, usually valid; its dates are sometimes out of order. */
/** A contractor or supplier of a business area. */
function randomSupplier(index) {
    return {
        id: rng.chance(0.05) ? "SUP-0" : `SUP-${index}`,
        name: rng.pick(["Northgate Facilities", "Secure Shred", randomText()]),
        businessArea: rng.pick([...AREAS, "hmcts ", " "]),
        contractReference: `C-${index}`,
        entrustedWithMarkedInformation: rng.chance(0.5),
        entrustedWithBusinessCriticalInformation: rng.chance(0.5),
        unsupervisedAccessToProperty: rng.chance(0.7),
        requirementsCommunicated: rng.pick([validDate(), null, undefined]),
        complianceLastConfirmed: rng.pick([validDate(), validDate(), null, undefined]),
    };
}

function randomRecord(index) {
    const occurred = validDate();
    const nearMiss = rng.chance(0.1);
    const withReport = !nearMiss && rng.chance(0.15);
    const report = withReport ? { ...randomBreachReport(), occurred } : undefined;
    return {
        id: `INC-${rng.chance(0.05) ? 0 : index}`,
        occurred,
        identified: optional(rng.chance(0.8) ? occurred : validDate()),
        recorded: rng.chance(0.9) ? occurred : validDate(),
        businessArea: rng.pick(AREAS),
        site: optional(rng.pick(["SITE-1", "SITE-2", "HMP-BRX"])),
        person: optional(rng.pick(PEOPLE)),
        kind: report ? report.kind : rng.pick(KINDS),
        level: nearMiss || withReport ? undefined : rng.pick(LEVELS),
        report,
        nearMiss: nearMiss ? true : optional(false),
    };
}

// The SPF elements, from the corpus's sample return (which lists all but one).
const ELEMENTS = (() => {
    const sample = cases.find((c) => c.name === "compliance-sample-return");
    const listed = sample ? JSON.parse(sample.requestText).elements.map((entry) => entry.element) : [];
    return [...listed, "internalControls"];
})();

function randomElementReturn(element) {
    const status = rng.pick(["inPlace", "partial", "notInPlace", "variation"]);
    return {
        element,
        status,
        notes: optional(randomText()),
        variation:
            status === "variation"
                ? {
                    description: rng.chance(0.95) ? `variation ${randomText()}` : " ",
                    agreement: optional({
                        accountingOfficer: optional(rng.pick(["A. Officer", " ", "Chief Executive"])),
                        role: optional(rng.pick(["accountingOfficer", "departmentalSecurityOfficer", "other"])),
                        agreedOn: optional(validDate()),
                    }),
                }
                : undefined,
    };
}

function randomValidRequest(operation) {
    switch (operation) {
        case "assessBreach": return randomBreachReport();
        case "assessBreaches": return Array.from({ length: rng.int(12) }, () => randomBreachReport());
        case "siteStatus": return { asOf: validDate(), threatLevel: rng.pick(THREAT_LEVELS), site: randomSite(0) };
        case "portfolio":
            return {
                asOf: validDate(),
                threatLevel: rng.pick(THREAT_LEVELS),
                sites: Array.from({ length: rng.int(30) }, (_, i) => randomSite(i)),
            };
        case "siteStatusById": {
            const sites = Array.from({ length: 1 + rng.int(20) }, (_, i) => randomSite(i));
            const ids = sites.map((site) => site?.id).filter((id) => typeof id === "string");
            return {
                asOf: validDate(),
                threatLevel: rng.pick(THREAT_LEVELS),
                siteId: ids.length > 0 && rng.chance(0.9) ? rng.pick(ids) : randomText(),
                sites,
            };
        }
        case "threatChange": {
            const sites = Array.from({ length: rng.int(30) }, (_, i) => randomSite(i));
            const ids = sites.map((site) => site?.id).filter((id) => typeof id === "string");
            return {
                asOf: validDate(),
                from: rng.pick(THREAT_LEVELS),
                to: rng.pick(THREAT_LEVELS),
                siteIds: rng.chance(0.3) ? ids.filter(() => rng.chance(0.5)).concat(rng.chance(0.1) ? [randomText()] : []) : undefined,
                businessAreas: optional(AREAS.filter(() => rng.chance(0.6)).map((name) => ({ name, securityOfficer: rng.pick(["A. Officer", " ", randomText()]) }))),
                sites,
            };
        }
        case "responseLevel":
            return rng.chance(0.7)
                ? { threatLevel: rng.pick(THREAT_LEVELS) }
                : {
                    threatLevel: rng.pick(THREAT_LEVELS),
                    asOf: optional(validDate()),
                    responseOverride: {
                        level: rng.pick(["normal", "heightened", "exceptional"]),
                        approval: optional({ by: rng.pick(["DSO", " "]), on: validDate(), reason: rng.pick(["refurbishment", ""]) }),
                    },
                };
        case "trendReport": {
            const [from, to] = [validDate(), validDate()].sort();
            return {
                from: rng.chance(0.95) ? from : to,
                to: rng.chance(0.95) ? to : from,
                records: Array.from({ length: rng.int(40) }, (_, i) => randomRecord(i)),
            };
        }
        case "evaluateCompliance":
            return randomReturn();
        case "assurancePack": {
            const [from, to] = [validDate(), validDate()].sort();
            return {
                asOf: validDate(),
                threatLevel: rng.pick(THREAT_LEVELS),
                from: rng.chance(0.95) ? from : to,
                to: rng.chance(0.95) ? to : from,
                sites: Array.from({ length: rng.int(15) }, (_, i) => randomSite(i)),
                // Now and then two returns of one business area.
                returns: Array.from({ length: rng.int(5) }, randomReturn),
                records: Array.from({ length: rng.int(20) }, (_, i) => randomRecord(i)),
            };
        }
        case "checkCase": {
            const events = ["reported", "investigationStarted", "breachNoticeIssued", "decision", "closed", randomText()]
                .filter(() => rng.chance(0.6))
                .map((event) => ({
                    event,
                    on: validDate(),
                    level: event === "decision" || rng.chance(0.05) ? optional(rng.pick(["minor", "serious", "gross", "Minor", randomText()])) : undefined,
                    action: event === "decision" || rng.chance(0.05) ? optional(rng.pick(["noAction", "informal", "disciplinary", "contractAction", "referredToPolice"])) : undefined,
                    reason: optional(rng.pick(["first offence, no damage", " ", randomText()])),
                }));
            // Now and then one event twice.
            if (events.length > 0 && rng.chance(0.1)) events.push(rng.pick(events));
            return {
                asOf: validDate(),
                case: {
                    reference: optional(randomText()),
                    report: randomBreachReport(),
                    recommendation: optional({ policy: { id: rng.pick(["moj-default", randomText()]), version: rng.pick(["2026.1", "2025.1"]) }, level: rng.pick(["minor", "serious", "gross"]) }),
                    events: rng.chance(0.5) ? events.reverse() : events,
                },
            };
        }
        case "clearanceNeed": {
            const clearance = rng.pick(["none", "bpss", "ctc", "sc", "dv"]);
            const [granted, reviewed] = [validDate(), validDate()].sort();
            return {
                asOf: validDate(),
                role: optional(rng.pick(["Private secretary", "Court usher", randomText()])),
                access: {
                    informationOfValueToTerrorists: optional(rng.chance(0.5)),
                    highProfilePublicFigures: optional(rng.chance(0.5)),
                    unescortedAccessToSitesAtRisk: optional(rng.chance(0.5)),
                    secret: optional(rng.pick(["none", "occasionalSupervised", "regularUncontrolled"])),
                    topSecret: optional(rng.pick(["none", "occasionalSupervised", "frequentUncontrolled"])),
                },
                holder: optional({
                    clearance,
                    granted: optional(granted),
                    lastReviewed: optional(rng.chance(0.9) ? reviewed : granted),
                }),
            };
        }
        case "thirdParties":
            return {
                asOf: validDate(),
                // Now and then an id twice, a blank business area or a date after asOf.
                suppliers: Array.from({ length: rng.int(20) }, (_, i) => randomSupplier(i)),
            };
        case "policyDiff":
            // The default itself, or with a few values edited (most such
            // edits make an invalid document, whose errors point into it).
            return { policy: rng.chance(0.5) ? JSON.parse(policyText) : mutate(JSON.parse(policyText), false) };
        case "policyImpact":
            return {
                policy: rng.chance(0.7) ? JSON.parse(policyText) : mutate(JSON.parse(policyText), false),
                records: Array.from({ length: rng.int(40) }, (_, i) => randomRecord(i)),
            };
        case "policyGuidance":
            // Now and then a format the operation does not know.
            return { format: rng.pick(["markdown", "html", "html", "markdown", randomText()]) };
        case "coordinate":
            return {
                businessAreasAffected: Array.from({ length: 1 + rng.int(4) }, () => rng.pick(["HMCTS", "hmcts ", "HMPPS", "LAA", randomText()])),
                frontLineServicesSignificantlyAffected: rng.chance(0.5),
            };
        default:
            throw new Error(`no request generator for ${operation}`);
    }
}

/** A value only JavaScript has, or one JSON.stringify writes in its own way. */
function randomJsOnly() {
    return rng.pick([
        () => undefined,
        () => NaN,
        () => Infinity,
        () => 10n ** 30n,
        () => Symbol("spf"),
        () => () => "a function",
        () => new Date(rng.int(2 ** 31) * 1000),
        () => new Date(NaN),
        () => new Map([["kind", "lossOfPass"]]),
        () => new Set([1]),
        () => new Uint8Array([1, 2, 3]),
        () => [, 1, , 2],
        () => Object.assign(Object.create(null), { kind: "lossOfPass" }),
        () => new String("lossOfPass"),
        () => new Number(3),
        () => ({ toJSON: () => randomJson(2) }),
        () => ({ toJSON: () => undefined }),
        () => "lone \ud800 surrogate",
        () => "\udc00",
    ])();
}

/** Whether a value is a JSON container (not a Map, boxed string, Date, …). */
function isContainer(value) {
    return Array.isArray(value) || (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype);
}

/** Paths to every value inside `root`, as arrays of keys. */
function pathsOf(root) {
    const paths = [];
    const walk = (value, path) => {
        paths.push(path);
        if (isContainer(value)) {
            for (const key of Object.keys(value)) walk(value[key], [...path, Array.isArray(value) ? Number(key) : key]);
        }
    };
    walk(root, []);
    return paths;
}

/**
 * One to three random edits of a corpus request: delete a field, replace a value
 * with an arbitrary one or a near-valid word, rename a field, add an unknown
 * field, or duplicate an array element. `jsOnly` also injects JavaScript-only
 * values.
 */
function mutate(request, jsOnly) {
    let root = request;
    for (let edits = 1 + rng.int(3); edits > 0; edits -= 1) {
        const path = rng.pick(pathsOf(root));
        if (path.length === 0) {
            root = rng.chance(0.5) ? randomJson(3) : root;
            continue;
        }
        const parent = path.slice(0, -1).reduce((value, key) => value[key], root);
        const key = path.at(-1);
        if (!isContainer(parent)) continue;
        switch (rng.int(7)) {
            case 0:
                if (Array.isArray(parent)) parent.splice(key, 1);
                else delete parent[key];
                break;
            case 1: parent[key] = randomJson(3); break;
            case 2: parent[key] = rng.pick(VOCABULARY); break;
            case 3: parent[key] = randomDate(); break;
            case 4:
                if (!Array.isArray(parent)) {
                    parent[`${key}${rng.pick(["s", "_", "X", ""])}${rng.pick(["", "Level", "2"])}`] = parent[key];
                    delete parent[key];
                }
                break;
            case 5:
                // The same value twice: JSON.stringify writes it out twice.
                if (Array.isArray(parent)) parent.push(parent[key]);
                else parent[rng.pick(VOCABULARY)] = randomJson(2);
                break;
            default:
                parent[key] = jsOnly ? randomJsOnly() : randomJson(1);
        }
    }
    return root;
}

/** A JSON-ish text: random tokens, or a corpus request cut short or with a character changed. */
function randomJsonText() {
    const text = rng.pick(cases).requestText;
    switch (rng.int(5)) {
        case 0: {
            const alphabet = '{}[]":,0123456789.eE+- \n\ttruefalsnul\\/ukindcareasOf';
            return Array.from({ length: rng.int(60) }, () => rng.pick(alphabet)).join("");
        }
        case 1: return text.slice(0, rng.int(text.length));
        case 2: {
            const at = rng.int(text.length);
            return text.slice(0, at) + rng.pick(['"', "{", "]", ",", "\\", "\u0000", "\ud800", "é", ""]) + text.slice(at + 1);
        }
        case 3: return Array.from({ length: rng.int(40) }, () => String.fromCharCode(rng.int(0x10000))).join("");
        default: return JSON.stringify(randomJson(4));
    }
}

const KNOWN_CODES = new Set(spf.errorCodes());

/** A value as text for a failure message, whatever JavaScript value it is. */
function show(value) {
    try {
        return JSON.stringify(value, (_, inner) => (typeof inner === "bigint" ? `${inner}n` : inner)) ?? String(value);
    } catch {
        return Object.prototype.toString.call(value);
    }
}

/** Calls `call`: returns its answer or the code and path it threw; fails on anything else. */
function total(call, describeInput) {
    try {
        return { answer: call() };
    } catch (error) {
        const context = `seed ${SEED}: ${describeInput().slice(0, 500)}`;
        assert.ok(!(error instanceof WebAssembly.RuntimeError), `trap: ${error.message}\n${context}`);
        assert.ok(KNOWN_CODES.has(error?.code), `not an SpfError: ${String(error)}\n${context}`);
        assertSpfErrorShape(error);
        assert.notEqual(error.code, "internal", `internal error: ${error.message}\n${context}`);
        return { code: error.code, path: error.path };
    }
}

/** Runs a JSON-safe request through both forms of an operation; both must agree exactly. */
function checkBothForms(target, operation, request) {
    const text = JSON.stringify(request);
    const label = () => `${operation} ${text}`;
    const fromText = total(() => target[`${operation}Json`](text), label);
    const fromObject = total(() => target[operation](request), label);
    if ("answer" in fromText) {
        assert.equal(typeof fromText.answer, "string");
        assert.equal(JSON.stringify(fromObject.answer), fromText.answer, label());
    } else {
        assert.deepEqual(fromObject, fromText, label());
    }
    return fromText;
}

test(`totality under seed ${SEED}: arbitrary and mutated inputs never trap or fail internally`, (t) => {
    const outcomes = { answers: 0, errors: 0 };
    const count = (outcome) => { outcomes["answer" in outcome ? "answers" : "errors"] += 1; };

    // Arbitrary JSON values into every operation.
    for (let i = 0; i < 300; i += 1) {
        const value = randomJson(4);
        for (const operation of OPERATIONS) count(checkBothForms(spf, operation, value));
    }

    // Well-typed requests, mostly answered.
    for (let i = 0; i < 800; i += 1) {
        const operation = rng.pick(OPERATIONS);
        count(checkBothForms(spf, operation, randomValidRequest(operation)));
    }

    // Corpus requests with fields deleted, replaced, renamed or added.
    for (let i = 0; i < 1500; i += 1) {
        const { operation, requestText } = rng.pick(cases);
        count(checkBothForms(spf, operation, mutate(JSON.parse(requestText), false)));
    }

    // The same with JavaScript-only values: only totality can be asked of these.
    for (let i = 0; i < 400; i += 1) {
        const { operation, requestText } = rng.pick(cases);
        const request = rng.chance(0.1) ? randomJsOnly() : mutate(JSON.parse(requestText), true);
        count(total(() => spf[operation](request), () => `${operation} ${show(request)}`));
    }

    // Random text into every …Json function and the Engine constructor.
    for (let i = 0; i < 1000; i += 1) {
        const text = randomJsonText();
        const operation = rng.pick(OPERATIONS);
        const label = () => JSON.stringify(text);
        count(total(() => spf[`${operation}Json`](text), () => `${operation}Json ${label()}`));
        if (i % 4 === 0) {
            const built = total(() => new spf.Engine(text), () => `Engine ${label()}`);
            count(built);
            if ("answer" in built) built.answer.free();
        }
    }

    // Mutated policy documents; an engine that loads must answer totally too.
    for (let i = 0; i < 150; i += 1) {
        const jsOnly = rng.chance(0.2);
        const policy = mutate(JSON.parse(policyText), jsOnly);
        const input = !jsOnly && rng.chance(0.5) ? JSON.stringify(policy) : policy;
        const built = total(() => new spf.Engine(input), () => `Engine ${show(policy)}`);
        count(built);
        if ("answer" in built) {
            const engine = built.answer;
            try {
                const { operation, requestText } = rng.pick(cases);
                count(checkBothForms(engine, operation, mutate(JSON.parse(requestText), false)));
            } finally {
                engine.free();
            }
        }
    }

    t.diagnostic(`${outcomes.answers} answers, ${outcomes.errors} errors`);
    // A run where everything failed would test only the error path (and one
    // where nothing failed, only the answers): both must be exercised.
    assert.ok(outcomes.answers > 500, `only ${outcomes.answers} answers`);
    assert.ok(outcomes.errors > 1000, `only ${outcomes.errors} errors`);
});

test("after the random run the module still answers the golden corpus exactly", () => {
    for (const { operation, name, requestText, answerText } of cases) {
        assert.equal(spf[`${operation}Json`](requestText), answerText, name);
        assert.equal(JSON.stringify(spf[operation](JSON.parse(requestText))), answerText, name);
    }
});
