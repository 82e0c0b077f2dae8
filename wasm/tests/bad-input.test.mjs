// Bad input through every entry point of the WebAssembly module: each case gets
// its documented code and the JSON pointer of the offending value, thrown as a
// real Error. Where the input can also be written as JSON, the codes and paths
// are the ones core gives for that JSON (core/tests/bad_input.rs).

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
    Engine,
    assessBreach,
    assessBreachJson,
    coordinate,
    coordinateJson,
    evaluateCompliance,
    evaluateComplianceJson,
    exportPolicy,
    portfolio,
    portfolioJson,
    responseLevel,
    responseLevelJson,
    siteStatus,
    siteStatusJson,
    trendReport,
    trendReportJson,
} from "../pkg/node/spf.js";
import { corpusRequest, expectSpfError } from "./support.mjs";

/** A valid breach report with `fields` merged in (a field set to undefined is left out). */
function report(fields = {}) {
    return {
        kind: "lossOfPass",
        care: "avoidableCarelessness",
        occurred: "2026-03-01",
        person: { status: "employee", organisation: "moj" },
        ...fields,
    };
}

/** Objects nested `depth` deep, `{"a":{"a":…1…}}`. */
function nestedObjects(depth) {
    let value = 1;
    for (let i = 0; i < depth; i += 1) value = { a: value };
    return value;
}

/** Arrays nested `depth` deep, `[[…[]…]]`. */
function nestedArrays(depth) {
    let value = [];
    for (let i = 0; i < depth; i += 1) value = [value];
    return value;
}

const DEEP = 100_000;
const TEN_MB = 10 * 1024 * 1024;

// Every module function by name, in its object form and its text form.
const OBJECT_FUNCTIONS = {
    assessBreach,
    siteStatus,
    portfolio,
    responseLevel,
    coordinate,
    trendReport,
    evaluateCompliance,
};
const TEXT_FUNCTIONS = {
    assessBreachJson,
    siteStatusJson,
    portfolioJson,
    responseLevelJson,
    coordinateJson,
    trendReportJson,
    evaluateComplianceJson,
};

/**
 * Runs a request through the object form and, as JSON text, through the text
 * form of the same operation: both must fail with `code` at `path`. The object
 * form's message must not count lines and columns in text the caller never saw.
 */
function expectBothForms(objectFn, textFn, request, code, path) {
    const fromObject = expectSpfError(() => objectFn(request), code, path);
    assert.doesNotMatch(fromObject.message, / at line \d+ column \d+$/);
    expectSpfError(() => textFn(JSON.stringify(request)), code, path);
}

describe("bad breach reports, as objects and as JSON text", () => {
    const cases = [
        ["number where a string belongs", report({ reference: 7 }), "invalidType", "/reference"],
        ["number where a name belongs", report({ kind: 7 }), "invalidType", "/kind"],
        ["string where an object belongs", report({ person: "employee" }), "invalidType", "/person"],
        ["string where the whole report belongs", "lossOfPass", "invalidType", ""],
        ["number as the whole report", 42, "invalidType", ""],
        ["missing field", report({ care: undefined }), "missingField", ""],
        ["missing nested field", report({ person: { status: "employee" } }), "missingField", "/person"],
        ["unknown field", report({ care_level: "x" }), "unknownField", "/care_level"],
        [
            "unknown nested field",
            report({ person: { status: "employee", organisation: "moj", grade: "G7" } }),
            "unknownField",
            "/person/grade",
        ],
        ["unknown field with pointer-escaped characters", report({ "a/b~c": 1 }), "unknownField", "/a~1b~0c"],
        ["misspelt field", report({ occurred: undefined, ocurred: "2026-03-01" }), "unknownField", "/ocurred"],
        ["unknown kind", report({ kind: "lostPass" }), "unknownValue", "/kind"],
        ["unknown care", report({ care: "sloppy" }), "unknownValue", "/care"],
        ["unknown status", report({ person: { status: "intern", organisation: "moj" } }), "unknownValue", "/person/status"],
        [
            "unknown classification",
            report({ marking: { classification: "ultraSecret" } }),
            "unknownValue",
            "/marking/classification",
        ],
        ["impossible date 2026-02-30", report({ occurred: "2026-02-30" }), "invalidDate", "/occurred"],
        ["impossible month 2026-13-01", report({ occurred: "2026-13-01" }), "invalidDate", "/occurred"],
        ["date written 23/11/2026", report({ occurred: "23/11/2026" }), "invalidDate", "/occurred"],
        [
            "impossible earlier breach date",
            report({ earlierBreaches: [{ date: "2025-13-01", kind: "lossOfPass" }] }),
            "invalidDate",
            "/earlierBreaches/0/date",
        ],
        [
            "earlier breach dated after the breach",
            report({
                earlierBreaches: [
                    { date: "2026-01-01", kind: "lossOfPass" },
                    { date: "2026-03-02", kind: "lossOfPass" },
                ],
            }),
            "dateOutOfOrder",
            "/earlierBreaches/1/date",
        ],
        [
            "STRAP on OFFICIAL",
            report({ marking: { classification: "official", caveats: ["strap"] } }),
            "invalidMarking",
            "/marking/caveats",
        ],
        [
            "repeated caveat",
            report({ marking: { classification: "topSecret", caveats: ["strap", "strap"] } }),
            "invalidMarking",
            "/marking/caveats",
        ],
        ["negative warnings", report({ previousWarnings: -1 }), "invalidType", "/previousWarnings"],
        ["fractional warnings", report({ previousWarnings: 1.5 }), "invalidType", "/previousWarnings"],
        ["warnings as text", report({ previousWarnings: "one" }), "invalidType", "/previousWarnings"],
        ["unsupported schema version", report({ schemaVersion: 2 }), "unsupportedSchemaVersion", "/schemaVersion"],
        [
            "change of circumstances by someone not cleared",
            report({ kind: "changeOfCircumstancesNotReported" }),
            "kindNotApplicable",
            "/person/securityCleared",
        ],
        [
            "SECRET-material kind with OFFICIAL material",
            report({ kind: "secretMaterialCompromisedThroughNegligence", marking: { classification: "official" } }),
            "kindNotApplicable",
            "/marking",
        ],
        // Below the depth JSON.stringify can write, nesting is rejected at the
        // first level of the wrong type, the same in both forms.
        ["500-deep value in a string field", report({ reference: nestedObjects(500) }), "invalidType", "/reference"],
        ["a 10 MB date", report({ occurred: "9".repeat(TEN_MB) }), "invalidDate", "/occurred"],
    ];
    for (const [name, request, code, path] of cases) {
        test(`${name}: ${code} at \`${path}\``, () => {
            expectBothForms(assessBreach, assessBreachJson, request, code, path);
        });
    }

    test("a 10 MB date is rejected without echoing it whole", () => {
        const error = expectSpfError(() => assessBreach(report({ occurred: "9".repeat(TEN_MB) })), "invalidDate", "/occurred");
        assert.ok(error.message.length < 200, `message is ${error.message.length} characters`);
    });

    test("a 10 MB reference is valid input and is echoed in both forms", () => {
        const reference = "r".repeat(TEN_MB);
        assert.equal(assessBreach(report({ reference })).reference, reference);
        assert.equal(JSON.parse(assessBreachJson(JSON.stringify(report({ reference })))).reference, reference);
    });

    test("an unknown field's message names the valid fields", () => {
        const error = expectSpfError(() => assessBreach(report({ occurred: undefined, ocurred: "2026-03-01" })), "unknownField", "/ocurred");
        assert.match(error.message, /`ocurred`/);
        assert.match(error.message, /`occurred`/);
    });
});

describe("bad values only JavaScript can pass", () => {
    test("a JS Date object in a date field is an invalidDate (it is written as a timestamp)", () => {
        const error = expectSpfError(
            () => assessBreach(report({ occurred: new Date("2026-03-01T00:00:00Z") })),
            "invalidDate",
            "/occurred",
        );
        assert.match(error.message, /2026-03-01T00:00:00\.000Z/);
    });

    test("a BigInt anywhere is an invalidType for the whole argument", () => {
        const error = expectSpfError(() => assessBreach(report({ previousWarnings: 1n })), "invalidType", "");
        assert.match(error.message, /BigInt/);
    });

    test("a cyclic object is an invalidType for the whole argument", () => {
        const cyclic = report();
        cyclic.person.self = cyclic;
        const error = expectSpfError(() => assessBreach(cyclic), "invalidType", "");
        assert.match(error.message, /circular/);
        // V8 explains a cycle over several lines; the message keeps the first.
        assert.doesNotMatch(error.message, /\n/);
    });

    test("100000-deep nested objects are nestingTooDeep", () => {
        expectSpfError(() => assessBreach(nestedObjects(DEEP)), "nestingTooDeep", "");
    });

    test("100000-deep nested arrays are nestingTooDeep", () => {
        expectSpfError(() => assessBreach(nestedArrays(DEEP)), "nestingTooDeep", "");
    });

    test("a 100000-deep value inside a field is nestingTooDeep for the whole argument", () => {
        // JSON.stringify gives up before any text exists, so no pointer is known.
        expectSpfError(() => assessBreach(report({ reference: nestedObjects(DEEP) })), "nestingTooDeep", "");
    });

    test("a field set to undefined is left out, as JSON.stringify does", () => {
        expectSpfError(() => assessBreach(report({ kind: undefined })), "missingField", "");
        assert.equal(assessBreach(report({ reference: undefined })).reference, undefined);
    });
});

describe("deep nesting in JSON text gets the codes core gives", () => {
    // Every level of a request is typed, so core rejects deep nesting at the
    // first level of the wrong type, long before any stack is at risk. An array
    // where an object belongs is rejected before any of it is read, so the
    // pointer is the array's own; core/tests/bad_input.rs expects the same.
    test("100000-deep arrays: invalidType at the top", () => {
        const error = expectSpfError(() => assessBreachJson("[".repeat(DEEP) + "]".repeat(DEEP)), "invalidType", "");
        assert.match(error.message, /^invalid type: array, expected a breach report object/);
    });

    test("100000-deep objects: unknownField at /a", () => {
        expectSpfError(() => assessBreachJson('{"a":'.repeat(DEEP) + "1" + "}".repeat(DEEP)), "unknownField", "/a");
    });

    test("a 100000-deep value inside a field: invalidType at the field", () => {
        const text = JSON.stringify(report({ reference: "HOLE" }))
            .replace('"HOLE"', '{"a":'.repeat(DEEP) + "1" + "}".repeat(DEEP));
        expectSpfError(() => assessBreachJson(text), "invalidType", "/reference");
    });

    test("a 100000-deep portfolio site is rejected on its own", () => {
        const text = `{"asOf":"2026-11-23","threatLevel":"severe","sites":[${"[".repeat(DEEP)}${"]".repeat(DEEP)}]}`;
        const answer = JSON.parse(portfolioJson(text));
        assert.equal(answer.sites, 0);
        assert.deepEqual(
            answer.rejected.map(({ index, error }) => ({ index, code: error.code, path: error.path })),
            [{ index: 0, code: "invalidType", path: "/sites/0" }],
        );
    });

    test("a 100000-deep register record is rejected on its own", () => {
        const text = `{"from":"2026-04-01","to":"2026-06-30","records":[${"[".repeat(DEEP)}${"]".repeat(DEEP)}]}`;
        const answer = JSON.parse(trendReportJson(text));
        assert.equal(answer.records.received, 1);
        assert.deepEqual(
            answer.rejected.map(({ index, error }) => ({ index, code: error.code, path: error.path })),
            [{ index: 0, code: "invalidType", path: "/records/0" }],
        );
    });

    test("a 100000-deep policy document: invalidType at the top", () => {
        const error = expectSpfError(() => new Engine("[".repeat(DEEP) + "]".repeat(DEEP)), "invalidType", "");
        assert.deepEqual(error.errors.map(({ code, path }) => ({ code, path })), [{ code: "invalidType", path: "" }]);
    });
});

describe("an array where an object belongs, as objects and as JSON text", () => {
    // serde's derived readers would take an object's fields by position; the
    // wire format never does, at any depth.
    const site = () => corpusRequest("site-downward-override-approved");
    const compliance = { businessArea: "HMPPS", returnDate: "2026-03-31", elements: [["appeals", "inPlace"]] };
    const cases = [
        ["assessBreach", ["lossOfPass", "avoidableCarelessness", "2026-03-01"], "", /expected a breach report object$/],
        ["assessBreach", report({ person: ["employee", "moj"] }), "/person", /expected a person object/],
        ["assessBreach", report({ marking: ["secret"] }), "/marking", /expected a marking object/],
        [
            "assessBreach",
            report({ earlierBreaches: [["2026-01-01", "lossOfPass"]] }),
            "/earlierBreaches/0",
            /expected an earlier breach object/,
        ],
        ["siteStatus", { ...site(), site: Object.values(site().site) }, "/site", /expected a site object$/],
        [
            "siteStatus",
            { ...site(), site: { ...site().site, ctPlan: Object.values(site().site.ctPlan) } },
            "/site/ctPlan",
            /expected a CT plan object$/,
        ],
        ["responseLevel", { threatLevel: "low", responseOverride: ["heightened"] }, "/responseOverride", /expected a response override object/],
        ["responseLevel", ["low"], "", /expected a response level request object$/],
        ["coordinate", [["HMPPS"], false], "", /expected a co-ordination request object$/],
        ["portfolio", ["2026-11-23", "low", []], "", /expected a portfolio request object$/],
        ["trendReport", ["2026-04-01", "2026-06-30", []], "", /expected a trend report request object$/],
        ["evaluateCompliance", compliance, "/elements/0", /expected an element return object$/],
    ];
    for (const [operation, request, path, message] of cases) {
        test(`${operation} ${JSON.stringify(request).slice(0, 60)}: invalidType at \`${path}\``, () => {
            const error = expectSpfError(() => OBJECT_FUNCTIONS[operation](request), "invalidType", path);
            assert.match(error.message, /^invalid type: array, expected /);
            assert.match(error.message, message);
            assert.doesNotMatch(error.message, /struct /);
            expectSpfError(() => TEXT_FUNCTIONS[`${operation}Json`](JSON.stringify(request)), "invalidType", path);
        });
    }

    test("an array for a portfolio site or a register record is rejected on its own, in both forms", () => {
        const estate = { asOf: "2026-11-23", threatLevel: "low", sites: [Object.values(site().site)] };
        const records = { from: "2026-04-01", to: "2026-06-30", records: [["INC-1", "2026-05-01"]] };
        for (const answer of [portfolio(estate), JSON.parse(portfolioJson(JSON.stringify(estate)))]) {
            assert.deepEqual(answer.rejected, [
                {
                    index: 0,
                    error: {
                        code: "invalidType",
                        message: "invalid type: array, expected a site object",
                        path: "/sites/0",
                        errors: [{ code: "invalidType", message: "invalid type: array, expected a site object", path: "/sites/0" }],
                    },
                },
            ]);
        }
        for (const answer of [trendReport(records), JSON.parse(trendReportJson(JSON.stringify(records)))]) {
            assert.deepEqual(answer.rejected.map(({ index, error }) => [index, error.code, error.path]), [[0, "invalidType", "/records/0"]]);
        }
    });

    test("an array for a policy document or any of its sections is an invalidType at its pointer", () => {
        const cases = [
            [(p) => Object.values(p), "", /expected a policy document object/],
            [(p) => ({ ...p, breach: Object.values(p.breach) }), "/breach", /expected a breach rules object/],
            [(p) => ({ ...p, counterTerrorism: Object.values(p.counterTerrorism) }), "/counterTerrorism", /expected a counter-terrorism rules object/],
            [(p) => ({ ...p, incidents: Object.values(p.incidents) }), "/incidents", /expected an incident rules object/],
            [(p) => ({ ...p, compliance: Object.values(p.compliance) }), "/compliance", /expected a compliance rules object/],
            [
                (p) => {
                    p.breach.kinds[0].source = Object.values(p.breach.kinds[0].source);
                    return p;
                },
                "/breach/kinds/0/source",
                /expected a source object/,
            ],
        ];
        for (const [edit, path, message] of cases) {
            const policy = edit(exportPolicy());
            for (const input of [policy, JSON.stringify(policy)]) {
                const error = expectSpfError(() => new Engine(input), "invalidType", path);
                assert.match(error.message, message);
                assert.deepEqual(error.errors.map((entry) => [entry.code, entry.path]), [["invalidType", path]]);
            }
        }
    });
});

describe("a lone surrogate in text", () => {
    // JSON text can escape half of a surrogate pair, and a JavaScript string can
    // hold one; neither is a character. Every form gets invalidUnicode at the
    // string's pointer (C and Rust too, for the escape).
    const forms = (request) => [
        ["object", () => assessBreach(request)],
        ["JSON text, escaped", () => assessBreachJson(JSON.stringify(request))],
        ["JSON text, as the code unit itself", () => assessBreachJson(JSON.stringify(request).replace(/\\u(d[89a-f][0-9a-f]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))))],
    ];
    const cases = [
        ["a lone leading surrogate in free text", report({ reference: "R-\ud800" }), "/reference"],
        ["a lone trailing surrogate in free text", report({ reference: "\udc00-R" }), "/reference"],
        ["two leading surrogates", report({ reference: "\ud800\ud800" }), "/reference"],
        ["a lone surrogate in a name from a fixed set", report({ kind: "loss\udfffOfPass" }), "/kind"],
        ["a lone surrogate in a nested field", report({ person: { status: "employee", organisation: "moj\ud83d" } }), "/person/organisation"],
    ];
    for (const [name, request, path] of cases) {
        for (const [form, call] of forms(request)) {
            test(`${name} (${form}): invalidUnicode at \`${path}\``, () => {
                const error = expectSpfError(call, "invalidUnicode", path);
                assert.match(error.message, /lone surrogate/);
            });
        }
    }

    test("a field name with a lone surrogate is invalidUnicode at its object", () => {
        for (const [, call] of forms(report({ "x\ud800": 1 }))) {
            expectSpfError(call, "invalidUnicode", "");
        }
    });

    test("a surrogate pair is one character, echoed back", () => {
        assert.equal(assessBreach(report({ reference: "\ud834\udd1e" })).reference, "\u{1d11e}");
        assert.equal(JSON.parse(assessBreachJson(JSON.stringify(report({ reference: "\ud834\udd1e" })))).reference, "\u{1d11e}");
    });

    test("U+FFFD itself is a character like any other", () => {
        assert.equal(assessBreach(report({ reference: "\ufffd" })).reference, "\ufffd");
        assert.equal(JSON.parse(assessBreachJson(JSON.stringify(report({ reference: "\ufffd" })))).reference, "\ufffd");
    });

    test("a policy document with a lone surrogate, as an object and as text", () => {
        const policy = { ...exportPolicy(), id: "moj-\ud800" };
        for (const input of [policy, JSON.stringify(policy), JSON.stringify(policy).replace("\\ud800", "\ud800")]) {
            const error = expectSpfError(() => new Engine(input), "invalidUnicode", "/id");
            assert.deepEqual(error.errors.map((entry) => [entry.code, entry.path]), [["invalidUnicode", "/id"]]);
        }
    });
});

describe("caller text in messages", () => {
    const long = "x".repeat(10_000);

    test("a 10,000-character field name is quoted as 200 characters and an ellipsis", () => {
        for (const call of [() => assessBreach(report({ [long]: 1 })), () => assessBreachJson(JSON.stringify(report({ [long]: 1 })))]) {
            const error = expectSpfError(call, "unknownField", `/${long}`);
            assert.ok(error.message.length < 1000, `${error.message.length} characters`);
            assert.match(error.message, new RegExp(`^unknown field \`x{200}…\`; expected one of \``));
        }
    });

    test("a 10,000-character kind is cut on a character boundary", () => {
        const error = expectSpfError(() => assessBreach(report({ kind: "\u{1d11e}".repeat(10_000) })), "unknownValue", "/kind");
        assert.ok(error.message.startsWith(`unknown value \`${"\u{1d11e}".repeat(200)}…\``), error.message.slice(0, 80));
    });

    test("a NUL in a field name is shown as \\u0000", () => {
        for (const call of [() => assessBreach(report({ "a\u0000b": 1 })), () => assessBreachJson(JSON.stringify(report({ "a\u0000b": 1 })))]) {
            const error = expectSpfError(call, "unknownField", "/a\u0000b");
            assert.match(error.message, /^unknown field `a\\u0000b`; expected one of `/);
            assert.ok(!error.message.includes("\u0000"));
        }
    });

    test("an error thrown while writing the argument as JSON is quoted short", () => {
        const request = report({ reference: { toJSON: () => { throw new Error(`bad\u0000${long}`); } } });
        const error = expectSpfError(() => assessBreach(request), "invalidType", "");
        assert.ok(error.message.length < 1000, `${error.message.length} characters`);
        assert.match(error.message, /bad\\u0000x{196}…/);
    });
});

describe("JSON text problems", () => {
    const valid = JSON.stringify(report());
    const cases = [
        ["empty string", "", "emptyInput", ""],
        ["whitespace only", " \n\t ", "emptyInput", ""],
        ["truncated", '{"kind": ', "malformedJson", "/kind"],
        ["unquoted key", "{kind}", "malformedJson", ""],
        ["trailing data", `${valid} {}`, "malformedJson", ""],
        ["duplicate field", `${valid.slice(0, -1)},"kind":"passNotWorn"}`, "duplicateField", "/kind"],
    ];
    for (const [name, text, code, path] of cases) {
        test(`${name}: ${code} at \`${path}\``, () => {
            expectSpfError(() => assessBreachJson(text), code, path);
        });
    }

    test("a text-form message keeps the line and column of the caller's own text", () => {
        const error = expectSpfError(() => assessBreachJson('{"kind": '), "malformedJson", "/kind");
        assert.match(error.message, /at line 1 column 9$/);
    });

    for (const [name, fn] of Object.entries(TEXT_FUNCTIONS)) {
        test(`${name}("") is emptyInput`, () => {
            expectSpfError(() => fn(""), "emptyInput", "");
        });

        test(`${name} given a non-string is invalidType, pointing to the object form`, () => {
            for (const value of [42, true, report(), ["{}"], new String("{}")]) {
                const error = expectSpfError(() => fn(value), "invalidType", "");
                assert.match(error.message, /without `Json`/);
            }
        });
    }
});

describe("a missing argument", () => {
    for (const [name, fn] of Object.entries({ ...OBJECT_FUNCTIONS, ...TEXT_FUNCTIONS })) {
        test(`${name}() and ${name}(undefined) are nullArgument`, () => {
            assert.match(expectSpfError(() => fn(), "nullArgument", "").message, /missing/);
            expectSpfError(() => fn(undefined), "nullArgument", "");
        });
    }

    test("every Engine constructor error lists its problems in errors, even one found before the policy is read", () => {
        for (const [input, code] of [[undefined, "nullArgument"], [{ id: 1n }, "invalidType"], [() => 1, "invalidType"]]) {
            const error = expectSpfError(() => new Engine(input), code, "");
            assert.deepEqual(error.errors, [{ code, message: error.message, path: "" }]);
        }
    });

    test("a function or a symbol has no JSON form: invalidType, not a missing argument", () => {
        for (const value of [() => 1, Symbol("report"), { toJSON: () => undefined }]) {
            assert.match(expectSpfError(() => assessBreach(value), "invalidType", "").message, /no JSON form/);
        }
    });

    test("new Engine() is nullArgument", () => {
        expectSpfError(() => new Engine(), "nullArgument", "");
    });

    // null is a missing text for a …Json function, but for an object function
    // it is the JSON value null: the wrong type, as core reports for `null`.
    for (const [name, fn] of Object.entries(TEXT_FUNCTIONS)) {
        test(`${name}(null) is nullArgument`, () => {
            expectSpfError(() => fn(null), "nullArgument", "");
        });
    }
    for (const [name, fn] of Object.entries(OBJECT_FUNCTIONS)) {
        test(`${name}(null) is invalidType`, () => {
            expectSpfError(() => fn(null), "invalidType", "");
        });
    }

    test("new Engine(null) is invalidType", () => {
        expectSpfError(() => new Engine(null), "invalidType", "");
    });
});

describe("bad site, portfolio, response-level and co-ordination requests", () => {
    const site = () => corpusRequest("site-downward-override-approved");
    const withSite = (fields) => {
        const request = site();
        Object.assign(request.site, fields);
        return request;
    };
    const cases = [
        ["siteStatus", { ...site(), site: "C-SITE-DOWN" }, "invalidType", "/site"],
        ["siteStatus", { ...site(), threatLevel: "extreme" }, "unknownValue", "/threatLevel"],
        ["siteStatus", { ...site(), asOf: "2026-02-30" }, "invalidDate", "/asOf"],
        ["siteStatus", { ...site(), asOf: "23/11/2026" }, "invalidDate", "/asOf"],
        ["siteStatus", { ...site(), asof: "2026-11-23" }, "unknownField", "/asof"],
        ["siteStatus", withSite({ tier: "enormous" }), "unknownValue", "/site/tier"],
        ["siteStatus", withSite({ tierAssessed: "2026-13-01" }), "invalidDate", "/site/tierAssessed"],
        ["siteStatus", withSite({ name: 12 }), "invalidType", "/site/name"],
        ["siteStatus", withSite({ responseOverride: { level: "normal" } }), "overrideNotApproved", "/site/responseOverride/approval"],
        [
            "siteStatus",
            withSite({ responseOverride: { level: "normal", approval: { by: "DSO", on: "23/11/2026", reason: "closed" } } }),
            "invalidDate",
            "/site/responseOverride/approval/on",
        ],
        ["portfolio", { asOf: "2026-11-23", threatLevel: "severe" }, "missingField", ""],
        ["portfolio", { asOf: "2026-13-01", threatLevel: "severe", sites: [] }, "invalidDate", "/asOf"],
        ["portfolio", { asOf: "2026-11-23", threatLevel: "severe", sites: "all" }, "invalidType", "/sites"],
        ["portfolio", { asOf: "2026-11-23", threatLevel: "severe", sites: {} }, "invalidType", "/sites"],
        ["responseLevel", {}, "missingField", ""],
        ["responseLevel", { threatLevel: "extreme" }, "unknownValue", "/threatLevel"],
        ["responseLevel", { threatLevel: 3 }, "invalidType", "/threatLevel"],
        ["responseLevel", { threatLevel: "severe", schemaVersion: 2 }, "unsupportedSchemaVersion", "/schemaVersion"],
        ["coordinate", { businessAreasAffected: "HMPPS", frontLineServicesSignificantlyAffected: false }, "invalidType", "/businessAreasAffected"],
        ["coordinate", { businessAreasAffected: ["HMPPS", 4], frontLineServicesSignificantlyAffected: false }, "invalidType", "/businessAreasAffected/1"],
        ["coordinate", { businessAreasAffected: ["HMPPS"], frontLineServicesSignificantlyAffected: "yes" }, "invalidType", "/frontLineServicesSignificantlyAffected"],
        ["coordinate", { businessAreasAffected: ["HMPPS"] }, "missingField", ""],
        ["coordinate", { businessAreasAffected: [], frontLineServicesSignificantlyAffected: false }, "invalidType", "/businessAreasAffected"],
    ];
    for (const [operation, request, code, path] of cases) {
        test(`${operation} ${JSON.stringify(request).slice(0, 80)}: ${code} at \`${path}\``, () => {
            expectBothForms(OBJECT_FUNCTIONS[operation], TEXT_FUNCTIONS[`${operation}Json`], request, code, path);
        });
    }

    test("a malformed portfolio site is rejected with its path, not thrown", () => {
        const answer = portfolio({
            asOf: "2026-11-23",
            threatLevel: "severe",
            sites: [{ ...site().site, tierAssessed: "2026-02-30" }, 7],
        });
        assert.equal(answer.sites, 0);
        assert.deepEqual(
            answer.rejected.map(({ index, error }) => ({ index, code: error.code, path: error.path })),
            [
                { index: 0, code: "invalidDate", path: "/sites/0/tierAssessed" },
                { index: 1, code: "invalidType", path: "/sites/1" },
            ],
        );
    });
});

describe("bad trend-report requests", () => {
    /** A register record by P-1 at HMCTS with `fields` merged in. */
    const record = (fields = {}) => ({
        id: "INC-1",
        occurred: "2026-05-01",
        recorded: "2026-05-02",
        businessArea: "HMCTS",
        person: "P-1",
        kind: "lossOfPass",
        level: "minor",
        ...fields,
    });
    const request = (fields = {}) => ({ from: "2026-04-01", to: "2026-06-30", records: [record()], ...fields });
    const cases = [
        ["to before from", request({ from: "2026-06-30", to: "2026-04-01" }), "dateOutOfOrder", "/to"],
        ["no records", request({ records: undefined }), "missingField", ""],
        ["no period end", request({ to: undefined }), "missingField", ""],
        ["impossible from", request({ from: "2026-02-30" }), "invalidDate", "/from"],
        ["to written 30/06/2026", request({ to: "30/06/2026" }), "invalidDate", "/to"],
        ["records not an array", request({ records: "all" }), "invalidType", "/records"],
        ["misspelt field", request({ records: undefined, record: [] }), "unknownField", "/record"],
        ["unsupported schema version", request({ schemaVersion: 2 }), "unsupportedSchemaVersion", "/schemaVersion"],
        ["a string, not a request", "2026-04-01", "invalidType", ""],
    ];
    for (const [name, input, code, path] of cases) {
        test(`${name}: ${code} at \`${path}\``, () => {
            expectBothForms(trendReport, trendReportJson, input, code, path);
        });
    }

    test("bad records are listed under rejected with their paths, in both forms, not thrown", () => {
        const input = request({
            records: [
                record({ kind: "lostPass" }),
                7,
                record({ id: "INC-2", recorded: "2026-04-30" }),
                record({ id: "INC-3", identified: "2026-04-30" }),
                record({ id: "INC-4", level: undefined }),
                record({ id: "INC-5", level: "moderate" }),
                record({ id: "INC-6", occurred: "2026-02-30" }),
                record({ id: "INC-7", colour: "red" }),
                record({ id: "INC-8", businessArea: " " }),
                record(),
                record({ occurred: "2026-05-03", recorded: "2026-05-03" }),
            ],
        });
        const expected = [
            { index: 0, code: "unknownValue", path: "/records/0/kind" },
            { index: 1, code: "invalidType", path: "/records/1" },
            { index: 2, code: "dateOutOfOrder", path: "/records/2/recorded" },
            { index: 3, code: "dateOutOfOrder", path: "/records/3/identified" },
            { index: 4, code: "missingField", path: "/records/4/level" },
            { index: 5, code: "unknownValue", path: "/records/5/level" },
            { index: 6, code: "invalidDate", path: "/records/6/occurred" },
            { index: 7, code: "unknownField", path: "/records/7/colour" },
            { index: 8, code: "invalidType", path: "/records/8/businessArea" },
            // The second record with id INC-1.
            { index: 10, code: "duplicateEntry", path: "/records/10/id" },
        ];
        for (const answer of [trendReport(input), JSON.parse(trendReportJson(JSON.stringify(input)))]) {
            assert.deepEqual(
                answer.rejected.map(({ index, error }) => ({ index, code: error.code, path: error.path })),
                expected,
            );
            assert.deepEqual(answer.records, { received: 11, rejected: 10, inPeriod: 1, beforePeriod: 0, afterPeriod: 0 });
            for (const { error } of answer.rejected) {
                // A record's position is its path; lines and columns would count from the record.
                assert.doesNotMatch(error.message, / at line \d+ column \d+$/);
                assert.ok(!error.message.endsWith("."), error.message);
            }
        }
        assert.match(trendReport(input).rejected[0].error.message, /unknown value `lostPass` for `kind`; did you mean `lossOfPass`\?/);
    });
});

describe("bad compliance returns", () => {
    const ret = (fields = {}) => ({
        businessArea: "HMPPS",
        returnDate: "2026-03-31",
        elements: [{ element: "appeals", status: "inPlace" }],
        ...fields,
    });
    const withElements = (...elements) => ret({ elements });
    const variation = (fields = {}) => ({
        element: "appeals",
        status: "variation",
        variation: { description: "regional panel", agreement: { accountingOfficer: "A. Officer", role: "accountingOfficer", agreedOn: "2025-09-01" } },
        ...fields,
    });
    const cases = [
        [
            "an element listed twice",
            withElements({ element: "appeals", status: "inPlace" }, { element: "riskManagement", status: "inPlace" }, { element: "appeals", status: "partial" }),
            "duplicateEntry",
            "/elements/2/element",
        ],
        ["unknown element", withElements({ element: "appeal", status: "inPlace" }), "unknownValue", "/elements/0/element"],
        ["unknown status", withElements({ element: "appeals", status: "done" }), "unknownValue", "/elements/0/status"],
        ["status as a boolean", withElements({ element: "appeals", status: true }), "invalidType", "/elements/0/status"],
        ["variation status without its variation", withElements(variation({ variation: undefined })), "missingField", "/elements/0/variation"],
        ["a variation on an element in place", withElements(variation({ status: "inPlace" })), "invalidType", "/elements/0/variation"],
        [
            "a variation without a description",
            withElements(variation({ variation: { description: "  " } })),
            "invalidType",
            "/elements/0/variation/description",
        ],
        [
            "an impossible agreement date",
            withElements(variation({ variation: { description: "x", agreement: { agreedOn: "2025-02-29" } } })),
            "invalidDate",
            "/elements/0/variation/agreement/agreedOn",
        ],
        [
            "a misspelt agreement field",
            withElements(variation({ variation: { description: "x", agreement: { agreedBy: "A. Officer" } } })),
            "unknownField",
            "/elements/0/variation/agreement/agreedBy",
        ],
        ["blank business area", ret({ businessArea: " " }), "invalidType", "/businessArea"],
        ["impossible return date", ret({ returnDate: "2026-02-29" }), "invalidDate", "/returnDate"],
        ["no elements", ret({ elements: undefined }), "missingField", ""],
        ["misspelt field", ret({ businessArea: undefined, busnessArea: "HMPPS" }), "unknownField", "/busnessArea"],
        ["unsupported schema version", ret({ schemaVersion: 2 }), "unsupportedSchemaVersion", "/schemaVersion"],
    ];
    for (const [name, input, code, path] of cases) {
        test(`${name}: ${code} at \`${path}\``, () => {
            expectBothForms(evaluateCompliance, evaluateComplianceJson, input, code, path);
        });
    }

    test("an element listed twice names the element", () => {
        const error = expectSpfError(
            () => evaluateCompliance(withElements({ element: "appeals", status: "inPlace" }, variation())),
            "duplicateEntry",
            "/elements/1/element",
        );
        assert.match(error.message, /`appeals` is listed more than once/);
    });
});

describe("bad policy documents", () => {
    const edited = (edit) => {
        const policy = exportPolicy();
        edit(policy);
        return policy;
    };

    test("every problem of a policy document is listed in errors, the first one thrown", () => {
        const policy = edited((p) => {
            p.breach.kinds.find((kind) => kind.kind === "lossOfPass").source.citation = "";
            p.breach.kinds.pop();
            p.breach.matrix.official[0] = 0;
            p.breach.bands.at(-1).maxScore = 11;
            p.counterTerrorism.controlMatrix.cells[0].required.push("moat");
        });
        const expected = [
            { code: "policyInvalidValue", path: "/breach/kinds/0/source/citation" },
            { code: "policyIncomplete", path: "/breach/kinds" },
            { code: "policyInvalidValue", path: "/breach/matrix/official/0" },
            { code: "policyBandsInvalid", path: "/breach/bands" },
            { code: "policyUnknownControl", path: "/counterTerrorism/controlMatrix/cells/0/required/4" },
        ];
        for (const input of [policy, JSON.stringify(policy)]) {
            const error = expectSpfError(() => new Engine(input), expected[0].code, expected[0].path);
            assert.deepEqual(error.errors.map(({ code, path }) => ({ code, path })), expected);
            for (const entry of error.errors) {
                assert.deepEqual(Object.keys(entry).sort(), ["code", "message", "path"]);
                assert.notEqual(entry.message, "");
            }
            assert.match(error.message, /\(and 4 more\)$/);
            assert.ok(error.message.startsWith(error.errors[0].message));
        }
    });

    const cases = [
        ["unknown kind", (p) => { p.breach.kinds[0].kind = "lostPass"; }, "unknownValue", "/breach/kinds/0/kind"],
        ["unknown field", (p) => { p.titel = "x"; }, "unknownField", "/titel"],
        ["missing field", (p) => { delete p.title; }, "missingField", ""],
        ["id as a number", (p) => { p.id = 7; }, "invalidType", "/id"],
        ["bands do not cover 1 to 12", (p) => { p.breach.bands.at(-1).maxScore = 11; }, "policyBandsInvalid", "/breach/bands"],
        ["score out of range", (p) => { p.breach.matrix.official[0] = 0; }, "policyInvalidValue", "/breach/matrix/official/0"],
        ["score too big for its field", (p) => { p.breach.matrix.official[0] = 300; }, "invalidType", "/breach/matrix/official/0"],
        [
            "non-monotone band levels",
            (p) => {
                p.breach.bands[2].level = "minor";
                p.breach.bands[1].level = "serious";
            },
            "policyNotMonotone",
            "/breach/bands/2/level",
        ],
        ["duplicate kind entry", (p) => { p.breach.kinds.push(structuredClone(p.breach.kinds[0])); }, "policyDuplicateEntry", "/breach/kinds/23/kind"],
        ["impossible effective date", (p) => { p.effectiveDate = "2026-11-31"; }, "invalidDate", "/effectiveDate"],
        ["unsupported schema version", (p) => { p.schemaVersion = 2; }, "unsupportedSchemaVersion", "/schemaVersion"],
        ["a statement relabelled a default", (p) => { p.breach.kinds[0].source.basis = "configurableDefault"; }, "policyWeakensStatement", "/breach/kinds/0/source/basis"],
        [
            "a serious-list kind lowered to minor",
            (p) => { p.breach.kinds.find((kind) => kind.kind === "passwordOrAccountSharing").floor = "minor"; },
            "policyWeakensStatement",
            "/breach/kinds/6/floor",
        ],
    ];
    for (const [name, edit, code, path] of cases) {
        test(`${name}: ${code} at \`${path}\`, as an object and as JSON text`, () => {
            const policy = edited(edit);
            for (const input of [policy, JSON.stringify(policy)]) {
                const error = expectSpfError(() => new Engine(input), code, path);
                assert.deepEqual(error.errors.map((entry) => [entry.code, entry.path]), [[code, path]]);
            }
        });
    }

    test("a loosening the Accounting Officer agreed loads, and answers cite the variation", () => {
        const policy = edited((p) => {
            const kind = p.breach.kinds.find((entry) => entry.kind === "passwordOrAccountSharing");
            kind.floor = "minor";
            kind.source.basis = "agencyVariation";
            kind.source.variation = { by: "A. Officer", role: "accountingOfficer", agreedOn: "2026-04-01", reason: "shared service accounts" };
        });
        for (const input of [policy, JSON.stringify(policy)]) {
            const engine = new Engine(input);
            const answer = engine.assessBreach({
                kind: "passwordOrAccountSharing",
                care: "avoidableCarelessness",
                occurred: "2026-07-01",
                person: { status: "employee", organisation: "moj" },
            });
            assert.equal(answer.level, "minor");
            const floor = answer.reasons.find((reason) => reason.rule === "breach.catalogueFloor");
            assert.equal(floor.basis, "agencyVariation");
            assert.match(floor.citation, /^agency variation agreed by A\. Officer \(Accounting Officer\) on 2026-04-01: shared service accounts; varies POLSBP006, serious misconduct list$/);
            engine.free();
        }
    });

    test("an empty policy text is emptyInput", () => {
        const error = expectSpfError(() => new Engine(""), "emptyInput", "");
        assert.equal(error.errors.length, 1);
    });

    test("a truncated policy text is malformedJson at the value it stopped in", () => {
        const text = JSON.stringify(exportPolicy(), null, 2);
        const cut = text.indexOf('"effectiveDate": "20') + 19;
        expectSpfError(() => new Engine(text.slice(0, cut)), "malformedJson", "/effectiveDate");
    });
});

describe("dates at the edges of the calendar", () => {
    test("a schedule that would fall due after 9999-12-31 is invalidDate at its field", () => {
        const site = {
            id: "EDGE", name: "Edge", tier: "moderate", tierAssessed: "9998-06-01",
            ctPlan: { variesByResponseLevel: true, lastTested: "9999-06-01" },
            riskAssessed: "9998-06-01",
        };
        const request = { asOf: "9999-12-31", threatLevel: "severe", site };
        const error = expectSpfError(() => siteStatus(request), "invalidDate", "/site/ctPlan/lastTested");
        assert.match(error.message, /would fall due after 9999-12-31/);
        expectSpfError(() => siteStatusJson(JSON.stringify(request)), "invalidDate", "/site/ctPlan/lastTested");
    });

    test("a trend period whose comparison quarter is before year 0001 is invalidDate at /from", () => {
        const error = expectSpfError(
            () => trendReport({ from: "0001-01-01", to: "0001-12-31", records: [] }),
            "invalidDate",
            "/from",
        );
        assert.match(error.message, /start it on or after `0001-07-01`/);
        const report = trendReport({ from: "0001-07-01", to: "0001-12-31", records: [] });
        assert.doesNotMatch(JSON.stringify(report), /0000-/);
    });
});

describe("every problem of a request at once", () => {
    const problems = (error) => error.errors.map(({ code, path }) => [code, path]);

    test("a report with three mistakes lists all three, the first one as the thrown error", () => {
        const request = {
            kind: "passwordSharing",
            care: "carelessish",
            person: { status: "employee", organisation: "MOJ" },
        };
        for (const call of [() => assessBreach(request), () => assessBreachJson(JSON.stringify(request))]) {
            const error = expectSpfError(call, "unknownValue", "/kind");
            assert.match(error.message, /^unknown value `passwordSharing` for `kind`; did you mean `passwordOrAccountSharing`\?/);
            assert.deepEqual(problems(error), [
                ["unknownValue", "/kind"],
                ["unknownValue", "/care"],
                ["missingField", ""],
            ]);
            // The first entry is the thrown error itself.
            assert.deepEqual(error.errors[0], { code: error.code, message: error.message, path: error.path });
            assert.match(error.errors[1].message, /^unknown value `carelessish` for `care`; expected one of `avoidableCarelessness`, /);
            assert.equal(error.errors[2].message, "missing field `occurred`");
        }
    });

    test("a breach report with several missing fields and unknown values lists each with its pointer", () => {
        const error = expectSpfError(
            () => assessBreach({ kind: "lostPass", damage: "huge", person: { status: "temp", organisation: "moj" } }),
            "unknownValue",
            "/kind",
        );
        assert.deepEqual(problems(error), [
            ["unknownValue", "/kind"],
            ["unknownValue", "/damage"],
            ["unknownValue", "/person/status"],
            ["missingField", ""],
            ["missingField", ""],
        ]);
        assert.deepEqual(
            error.errors.slice(3).map((entry) => entry.message),
            ["missing field `care`", "missing field `occurred`"],
        );
        assert.match(error.errors[0].message, /did you mean `lossOfPass`\?$/);
        // Made from a JavaScript object: no line or column of text the caller never saw.
        for (const entry of error.errors) assert.doesNotMatch(entry.message, / at line /);
    });

    test("a single problem is listed alone", () => {
        const error = expectSpfError(() => responseLevel({ threatLevel: "sever" }), "unknownValue", "/threatLevel");
        assert.equal(error.message, "unknown value `sever` for `threatLevel`; did you mean `severe`?");
        assert.deepEqual(error.errors, [{ code: "unknownValue", message: error.message, path: "/threatLevel" }]);
    });

    test("enum values are read in any case and answered in camelCase", () => {
        assert.equal(responseLevel({ threatLevel: "SEVERE" }).threatLevel, "severe");
        const answer = assessBreach({
            kind: "LOSSOFPASS",
            care: "avoidableCarelessness",
            occurred: "2026-03-01",
            person: { status: "Employee", organisation: "MoJ" },
        });
        assert.equal(answer.kind, "lossOfPass");
    });
});
