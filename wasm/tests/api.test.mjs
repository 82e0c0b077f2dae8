// The JavaScript API of the WebAssembly module: every function and every Engine
// method, with real answers checked against what the MoJ policy says.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";

import {
    Engine,
    assessBreach,
    assessBreachJson,
    coordinate,
    coordinateJson,
    errorCodes,
    evaluateCompliance,
    evaluateComplianceJson,
    exportPolicy,
    exportPolicyJson,
    isSpfError,
    portfolio,
    portfolioJson,
    responseLevel,
    responseLevelJson,
    siteStatus,
    siteStatusJson,
    trendReport,
    trendReportJson,
    version,
} from "../pkg/node/spf.js";
import { corpusFile, corpusRequest, expectSpfError } from "./support.mjs";

const DEFAULT_POLICY = { id: "moj-default", version: "2026.1" };

/** Every reason of every answer is explainable: a rule, its basis, a citation, a sentence. */
function assertCitedReasons(reasons, rulePrefix) {
    assert.ok(reasons.length > 0, "an answer without reasons cannot be explained");
    for (const reason of reasons) {
        assert.ok(reason.rule.startsWith(rulePrefix), reason.rule);
        assert.ok(["policyStatement", "configurableDefault"].includes(reason.basis), reason.rule);
        assert.equal(typeof reason.citation, "string");
        assert.notEqual(reason.citation.trim(), "", `${reason.rule} has no citation`);
        assert.equal(typeof reason.explanation, "string");
        assert.notEqual(reason.explanation.trim(), "", `${reason.rule} has no explanation`);
    }
}

describe("module information", () => {
    test("version() is the package's version", () => {
        const packageJson = JSON.parse(readFileSync(new URL("../pkg/package.json", import.meta.url), "utf8"));
        assert.match(version(), /^\d+\.\d+\.\d+/);
        assert.equal(version(), packageJson.version);
    });

    test("errorCodes() lists every stable code once, in documentation order", () => {
        const codes = errorCodes();
        assert.equal(codes.length, 27);
        assert.equal(new Set(codes).size, codes.length);
        assert.equal(codes[0], "emptyInput");
        assert.equal(codes.at(-1), "internal");
        for (const code of ["nullArgument", "streamFailed", "invalidType", "invalidUnicode", "nestingTooDeep", "policyIncomplete", "policyWeakensStatement"]) {
            assert.ok(codes.includes(code), code);
        }
    });

    test("isSpfError recognises thrown errors and nothing else", () => {
        const thrown = expectSpfError(() => assessBreach({}), "missingField", "");
        assert.equal(isSpfError(thrown), true);
        assert.equal(isSpfError(new Error("x")), false);
        assert.equal(isSpfError(new TypeError("x")), false);
        // Looks alike but is not an Error: not ours.
        assert.equal(isSpfError({ name: "SpfError", code: "internal", path: "" }), false);
        assert.equal(isSpfError("SpfError"), false);
        assert.equal(isSpfError(null), false);
        assert.equal(isSpfError(undefined), false);
    });
});

describe("assessBreach", () => {
    test("a first loss of pass by an MoJ employee is minor misconduct, green band", () => {
        const answer = assessBreach(corpusRequest("breach-minor-loss-of-pass"));
        assert.deepEqual(answer.policy, DEFAULT_POLICY);
        assert.equal(answer.schemaVersion, 1);
        assert.equal(answer.reference, "HR-C-0001");
        assert.equal(answer.kind, "lossOfPass");
        assert.equal(answer.level, "minor");
        assert.equal(answer.score, 1);
        assert.equal(answer.band, "green");
        assert.equal(answer.route, "mojDisciplinaryPolicy");
        // No marking given: scored as OFFICIAL (the wire form is {classification, caveats?}).
        assert.deepEqual(answer.marking, { classification: "official" });
        assert.equal(answer.flags.recordCentrally, true);
        assert.equal(answer.flags.managerDecisionRequired, true);
        // Green still consults Security, about the individual circumstances.
        assert.equal(answer.flags.consultSecurity, "aboutCircumstances");
        assertCitedReasons(answer.reasons, "breach.");
        assert.deepEqual(
            answer.reasons.find((reason) => reason.rule === "breach.catalogueFloor").facts,
            { kind: "lossOfPass", list: "minor", level: "minor" },
        );
    });

    test("an unlocked SECRET cabinet, repeated within a year, is gross misconduct, red band", () => {
        const answer = assessBreach(corpusRequest("breach-gross-secret-cabinet-repeat"));
        assert.equal(answer.level, "gross");
        assert.equal(answer.score, 6);
        assert.equal(answer.band, "red");
        assert.deepEqual(answer.marking, { classification: "secret" });
        assert.equal(answer.flags.consultSecurity, "beforeActing");
        assert.equal(answer.flags.policeMayBeInvolved, false);
        assertCitedReasons(answer.reasons, "breach.");
        const classified = answer.reasons.find((reason) => reason.rule === "breach.classifiedMaterial");
        assert.deepEqual(
            { from: classified.facts.from, to: classified.facts.to },
            { from: "serious", to: "gross" },
        );
        assert.equal(classified.basis, "policyStatement");
        assert.match(classified.citation, /POLSBP006/);
        // A second occasion of 4 within 12 months is red: the matrix's own example.
        const history = answer.reasons.find((reason) => reason.rule === "breach.historyScore");
        assert.equal(history.facts.repeats, 1);
        assert.equal(history.facts.matrixExample, true);
        assert.equal(history.basis, "policyStatement");
        assert.match(history.citation, /second occasion of 4 within a rolling 12 month period is red/);
        assert.equal(answer.reasons.some((reason) => reason.rule === "breach.historyEscalation"), false);
    });

    test("TOP SECRET STRAP material is black band and goes to STRAPSO", () => {
        const answer = assessBreach(corpusRequest("breach-strap-top-secret"));
        assert.equal(answer.level, "gross");
        assert.equal(answer.score, 11);
        assert.equal(answer.band, "black");
        assert.deepEqual(answer.marking, { classification: "topSecret", caveats: ["strap"] });
        assert.equal(answer.flags.reportToStrapso, true);
        assert.equal(answer.flags.policeMayBeInvolved, true);
    });

    test("personal data and a high impact tell the asset owner and the data protection team and escalate to the SIRO", () => {
        const answer = assessBreach(corpusRequest("breach-personal-data-high-impact-escalates-to-siro"));
        assert.equal(answer.flags.informInformationAssetOwner, true);
        assert.equal(answer.flags.informDataProtectionTeam, true);
        assert.equal(answer.flags.escalateToSiro, true);
        const owner = answer.reasons.find((reason) => reason.rule === "breach.informAssetOwner");
        assert.deepEqual(owner.facts, {
            personalData: true,
            personalDataByKind: false,
            asset: "Probation case records",
            owner: "Deputy Director, Probation Data",
        });
        assert.equal(owner.basis, "configurableDefault");
        const siro = answer.reasons.find((reason) => reason.rule === "breach.escalateToSiro");
        assert.deepEqual(siro.facts, { impact: "high", fromImpact: "high" });
        assert.match(siro.citation, /POL\.IMP\.004/);
        // A blank owner is an input error at its field, as a real Error.
        const blank = { ...corpusRequest("breach-personal-data-high-impact-escalates-to-siro") };
        blank.informationAsset = { name: "Probation case records", owner: " " };
        assert.throws(() => assessBreach(blank), (error) => {
            assert.ok(error instanceof Error);
            assert.equal(error.code, "invalidType");
            assert.equal(error.path, "/informationAsset/owner");
            return true;
        });
    });

    test("a contractor's breach goes to contract management", () => {
        const answer = assessBreach(corpusRequest("breach-contractor-route"));
        assert.equal(answer.route, "contractManagement");
        assert.equal(answer.flags.contractMayBeCancelled, true);
        assert.equal(answer.level, "serious");
    });

    test("assessBreachJson answers the same assessment as JSON text", () => {
        const request = corpusRequest("breach-gross-secret-cabinet-repeat");
        const text = assessBreachJson(JSON.stringify(request));
        assert.equal(typeof text, "string");
        assert.deepEqual(JSON.parse(text), assessBreach(request));
        assert.ok(text.startsWith('{"schemaVersion":1,"policy":{"id":"moj-default","version":"2026.1"}'));
    });
});

describe("siteStatus", () => {
    test("an approved downward override runs the site at NORMAL under SEVERE and is reported", () => {
        const answer = siteStatus(corpusRequest("site-downward-override-approved"));
        assert.deepEqual(answer.policy, DEFAULT_POLICY);
        assert.equal(answer.siteId, "C-SITE-DOWN");
        assert.equal(answer.threatLevel, "severe");
        assert.equal(answer.responseLevel, "normal");
        assert.ok(answer.requiredControls.includes("cctvMonitoring"));
        assert.deepEqual(answer.recommendedControls, ["patrols", "physicalStrengthening"]);
        assert.deepEqual(
            answer.findings.map((finding) => finding.code),
            // The record lists no controls in place, no emergency arrangements
            // and nothing of what its risk assessment considered.
            [
                "emergencyArrangementsNotRecorded",
                "downwardOverrideInForce",
                "controlsNotRecorded",
                "riskAssessmentContentNotRecorded",
                "riskAssessmentDueSoon",
            ],
        );
        assert.deepEqual(answer.schedules.riskAssessment, {
            status: "dueSoon",
            lastDone: "2026-01-20",
            dueSoonFrom: "2026-10-22",
            dueOn: "2027-01-20",
            overdueAfter: "2027-01-20",
        });
        assertCitedReasons(answer.reasons, "site.");
        const override = answer.reasons.find((reason) => reason.rule === "site.approvedDownwardOverride");
        // Dates in answers are ISO strings, never Date objects.
        assert.deepEqual(override.facts, { from: "heightened", to: "normal", approvedOn: "2026-10-01" });
    });

    test("a risk assessment that left things out is told, each with its severity", () => {
        const answer = siteStatus(corpusRequest("site-risk-assessment-gaps"));
        assert.deepEqual(
            answer.findings
                .filter((f) => f.code.startsWith("riskAssessment") || f.code === "responsibilityNotAllocated")
                .map((f) => [f.code, f.severity, f.basis]),
            [
                ["riskAssessmentFactorNotConsidered", "high", "policyStatement"],
                // Each site naming its owners is the library's reading of the
                // department's commitment: a default.
                ["responsibilityNotAllocated", "medium", "configurableDefault"],
                ["responsibilityNotAllocated", "medium", "configurableDefault"],
                ["riskAssessmentDueSoon", "low", "configurableDefault"],
                ["riskAssessmentThreatNotConsidered", "low", "policyStatement"],
            ],
        );
        const owners = answer.reasons.find((r) => r.rule === "site.responsibilities");
        // A blank name counts as nobody.
        assert.deepEqual(owners.facts, {
            recorded: true,
            baselineMeasures: true,
            crisisManagement: false,
            businessContinuity: false,
        });
    });

    test("a site whose CT plan was never tested has a high-severity finding", () => {
        const answer = siteStatus(corpusRequest("site-never-tested"));
        assert.equal(answer.schedules.ctPlanTest.status, "neverDone");
        const finding = answer.findings.find((f) => f.code === "ctPlanNeverTested");
        assert.equal(finding.severity, "high");
        // A LOW site's test schedule reads the policy's "every 3-5 years": a default.
        assert.equal(finding.basis, "configurableDefault");
        assert.match(finding.citation, /domain-facts gap 2/);
    });

    test("every finding says whether it rests on a policy statement or a default", () => {
        for (const name of ["site-critical-no-ct-plan", "site-never-tested", "site-exceptional-override"]) {
            for (const finding of siteStatus(corpusRequest(name)).findings) {
                assert.ok(["policyStatement", "configurableDefault"].includes(finding.basis), finding.code);
                assert.notEqual(finding.citation.trim(), "", `${finding.code} has no citation`);
            }
        }
        const noPlan = siteStatus(corpusRequest("site-critical-no-ct-plan")).findings.find((f) => f.code === "noCtPlan");
        assert.equal(noPlan.basis, "policyStatement");
    });

    test("a HIGH site's threat assessment, yearly test and the warning window are defaults", () => {
        const answer = siteStatus(corpusRequest("site-high-defaults"));
        assert.deepEqual(
            answer.findings.map((f) => [f.code, f.basis]),
            [
                ["threatAssessmentMissing", "configurableDefault"],
                ["ctPlanTestOverdue", "configurableDefault"],
                // Every site must have emergency arrangements; none are recorded.
                ["emergencyArrangementsNotRecorded", "policyStatement"],
                // Checking the baseline is the policy's; no controls are recorded.
                ["controlsNotRecorded", "policyStatement"],
                // A risk assessment must have regard to impact, threat,
                // likelihood and vulnerability; its content is not recorded.
                ["riskAssessmentContentNotRecorded", "policyStatement"],
                ["riskAssessmentDueSoon", "configurableDefault"],
            ],
        );
        const obligation = answer.reasons.find((r) => r.rule === "site.threatAssessment");
        assert.deepEqual(obligation.facts, { tier: "high", required: true, documented: false });
        assert.equal(obligation.basis, "configurableDefault");
    });

    test("`medium` is read as the MODERATE tier", () => {
        const request = corpusRequest("site-downward-override-approved");
        request.site.tier = "medium";
        assert.equal(siteStatus(request).tier, "moderate");
    });

    test("siteStatusJson answers the same status as JSON text", () => {
        const request = corpusRequest("site-critical-no-ct-plan");
        const text = siteStatusJson(JSON.stringify(request));
        const answer = JSON.parse(text);
        assert.deepEqual(answer, siteStatus(request));
        assert.equal(answer.responseLevel, "exceptional");
        assert.ok(answer.findings.some((finding) => finding.code === "noCtPlan"));
    });
});

describe("portfolio", () => {
    test("the sample estate is counted by tier, response level and schedule status", () => {
        const answer = portfolio(corpusRequest("portfolio-sample-estate"));
        assert.equal(answer.sites, 63);
        assert.deepEqual(answer.counts.byTier, { low: 25, moderate: 27, high: 11 });
        assert.deepEqual(answer.counts.byResponseLevel, { normal: 2, heightened: 59, exceptional: 2 });
        assert.deepEqual(answer.counts.ctPlanTest, { ok: 36, dueSoon: 9, due: 4, overdue: 7, neverDone: 7 });
        assert.deepEqual(answer.rejected, []);
        // Overdue obligations come oldest first.
        const dates = answer.overdue.map((entry) => entry.date);
        assert.deepEqual(dates, [...dates].sort());
        assert.deepEqual(answer.overdue[0], { date: "2026-02-06", siteId: "MOJ-BHM-0003", obligation: "ctPlanTest" });
    });

    test("a malformed site is listed under rejected and the others are still assessed", () => {
        const text = portfolioJson(JSON.stringify(corpusRequest("portfolio-with-rejected-record")));
        const answer = JSON.parse(text);
        assert.equal(answer.sites, 3);
        assert.deepEqual(answer.rejected, [
            {
                index: 1,
                error: {
                    code: "unknownValue",
                    message: "unknown value `enormous` for `tier`; expected one of `low`, `moderate`, `medium`, `high`",
                    path: "/sites/1/tier",
                    errors: [
                        {
                            code: "unknownValue",
                            message: "unknown value `enormous` for `tier`; expected one of `low`, `moderate`, `medium`, `high`",
                            path: "/sites/1/tier",
                        },
                    ],
                },
            },
        ]);
        assert.deepEqual(answer.neverDone, [{ siteId: "C-P-4", obligation: "ctPlanTest" }]);
    });
});

describe("responseLevel", () => {
    test("each national threat level maps to its response level", () => {
        const expected = {
            low: "normal",
            moderate: "normal",
            substantial: "heightened",
            severe: "heightened",
            critical: "exceptional",
        };
        for (const [threatLevel, level] of Object.entries(expected)) {
            const answer = responseLevel({ threatLevel });
            assert.equal(answer.responseLevel, level, threatLevel);
            assert.equal(answer.threatLevel, threatLevel);
            assert.notEqual(answer.definition, "");
            assert.notEqual(answer.citation, "");
            assert.ok(["policyStatement", "configurableDefault"].includes(answer.basis));
        }
    });

    test("responseLevelJson answers the same as JSON text", () => {
        const answer = JSON.parse(responseLevelJson('{"threatLevel":"critical"}'));
        assert.equal(answer.responseLevel, "exceptional");
        assert.equal(answer.definition, "An attack is highly likely in the near future");
        assert.deepEqual(answer, responseLevel({ threatLevel: "critical" }));
    });
});

describe("coordinate", () => {
    test("one business area is co-ordinated locally", () => {
        const answer = coordinate({ businessAreasAffected: ["HMCTS"], frontLineServicesSignificantlyAffected: false });
        assert.equal(answer.coordinator, "local");
        assert.equal(answer.standingArrangements, "local");
        assert.deepEqual(answer.businessAreas, ["HMCTS"]);
        assertCitedReasons(answer.reasons, "coordination.");
    });

    test("several business areas go to MoJ Corporate Business Continuity, names compared ignoring case", () => {
        const answer = coordinate({
            businessAreasAffected: ["HMPPS", " hmpps ", "LAA", "HMCTS"],
            frontLineServicesSignificantlyAffected: false,
        });
        assert.equal(answer.coordinator, "corporateBusinessContinuity");
        assert.equal(answer.businessAreas.length, 3);
        assert.deepEqual(answer.reasons.map((reason) => reason.rule), ["coordination.corporate"]);
    });

    test("front-line services significantly affected lets Gold co-ordinate over corporate arrangements", () => {
        const answer = JSON.parse(coordinateJson(JSON.stringify(corpusRequest("coordinate-gold"))));
        assert.equal(answer.coordinator, "strategicCoordinationGroup");
        assert.equal(answer.standingArrangements, "corporateBusinessContinuity");
        assert.deepEqual(
            answer.reasons.map((reason) => reason.rule),
            ["coordination.corporate", "coordination.strategic"],
        );
        assertCitedReasons(answer.reasons, "coordination.");
    });
});

describe("trendReport", () => {
    test("records on 31 March and 1 April fall in different quarters of the financial year", () => {
        const answer = trendReport(corpusRequest("trends-quarter-boundary"));
        assert.deepEqual(answer.policy, DEFAULT_POLICY);
        assert.equal(answer.schemaVersion, 1);
        assert.equal(answer.dateBasis, "occurred");
        assert.deepEqual({ from: answer.from, to: answer.to }, { from: "2026-01-01", to: "2026-06-30" });
        assert.deepEqual(answer.records, { received: 9, rejected: 0, inPeriod: 7, beforePeriod: 1, afterPeriod: 1 });
        assert.deepEqual(
            answer.quarters.map((q) => [q.quarter.label, q.quarter.start, q.quarter.end, q.counts.total]),
            [
                ["2025-26 Q4", "2026-01-01", "2026-03-31", 1],
                ["2026-27 Q1", "2026-04-01", "2026-06-30", 6],
            ],
        );
        const [q4, q1] = answer.quarters;
        assert.deepEqual(q4.counts.byKind, { workstationLeftUnlocked: 1 });
        assert.equal(q4.change.previousQuarter, "2025-26 Q3");
        assert.equal(q4.change.previousTotal, 1);
        assert.equal(q1.change.previousQuarter, "2025-26 Q4");
        assert.equal(q1.change.total, 5);
        // A near miss is counted, but as a near miss, not a breach.
        assert.deepEqual(
            { breaches: q1.counts.breaches, nearMisses: q1.counts.nearMisses, byLevel: q1.counts.byLevel },
            { breaches: 5, nearMisses: 1, byLevel: { minor: 3, serious: 1, gross: 1 } },
        );
        assert.equal(answer.totals.total, 7);
        assert.deepEqual(answer.totals.byBusinessArea, { HMCTS: 2, HMPPS: 5 });
    });

    test("a repeat individual and a hotspot are named, near misses left out", () => {
        const answer = trendReport(corpusRequest("trends-quarter-boundary"));
        assert.deepEqual(answer.repeatIndividuals, [
            {
                person: "P-0042",
                firstReached: "2026-03-31",
                mostInWindow: 3,
                breachesInPeriod: 2,
                records: [
                    { date: "2025-12-15", id: "INC-0001" },
                    { date: "2026-03-31", id: "INC-0002" },
                    { date: "2026-04-01", id: "INC-0003" },
                ],
            },
        ]);
        assert.deepEqual(answer.hotspots, [
            { quarter: "2026-27 Q1", scope: "businessArea", name: "HMPPS", distinctPeople: 3, breaches: 4 },
            { quarter: "2026-27 Q1", scope: "site", name: "HMP-BRX", distinctPeople: 3, breaches: 4 },
        ]);
        assertCitedReasons(answer.reasons, "trends.");
        assert.deepEqual(
            answer.reasons.map((reason) => reason.rule),
            ["trends.recordedCentrally", "trends.quarters", "trends.repeatIndividuals", "trends.hotspots", "trends.decisions"],
        );
        assert.equal(answer.reasons[0].citation, "POLSBP002");
    });

    test("bad records are listed under rejected with their paths; the others are still counted", () => {
        const answer = trendReport(corpusRequest("trends-with-rejected-records"));
        assert.deepEqual(answer.records, { received: 6, rejected: 4, inPeriod: 2, beforePeriod: 0, afterPeriod: 0 });
        assert.deepEqual(
            answer.rejected.map((r) => [r.index, r.error.code, r.error.path]),
            [
                [1, "unknownValue", "/records/1/kind"],
                [2, "dateOutOfOrder", "/records/2/recorded"],
                [4, "duplicateEntry", "/records/4/id"],
                [5, "missingField", "/records/5/level"],
            ],
        );
        assert.equal(
            answer.rejected[1].error.message,
            "the breach is recorded on `2026-05-11`, before it occurred on `2026-05-12`",
        );
        assert.equal(answer.totals.total, 2);
    });

    test("trendReportJson answers the same report as JSON text, the corpus bytes", () => {
        const request = corpusRequest("trends-quarter-boundary");
        const text = trendReportJson(JSON.stringify(request));
        assert.equal(typeof text, "string");
        assert.deepEqual(JSON.parse(text), trendReport(request));
        assert.equal(text, corpusFile("trends-quarter-boundary.answer.json"));
        assert.equal(
            JSON.stringify(trendReport(corpusRequest("trends-with-rejected-records"))),
            corpusFile("trends-with-rejected-records.answer.json"),
        );
    });
});

describe("evaluateCompliance", () => {
    test("the sample HMPPS return lists its gaps, the variations to report and the invalid one", () => {
        const answer = evaluateCompliance(corpusRequest("compliance-sample-return"));
        assert.deepEqual(answer.policy, DEFAULT_POLICY);
        assert.equal(answer.schemaVersion, 1);
        assert.equal(answer.businessArea, "HMPPS");
        assert.equal(answer.returnDate, "2026-03-31");
        assert.equal(answer.complete, false);
        assert.equal(answer.compliant, false);
        assert.deepEqual(answer.completeness, { elements: 19, reported: 18, missing: ["internalControls"] });
        assert.deepEqual(
            answer.areas.map((area) => [area.area, area.elements]),
            [
                ["governanceAndSecurityApproaches", 4],
                ["securityOfInformation", 7],
                ["personnelSecurity", 3],
                ["physicalSecurityAndCounterTerrorism", 5],
            ],
        );
        assert.deepEqual(
            answer.gaps.map((gap) => [gap.element, gap.status]),
            [
                ["technicalControls", "partial"],
                ["deliveryPartnersAndThirdPartySuppliers", "notInPlace"],
                ["ongoingPersonnelSecurityManagement", "partial"],
                ["internalControls", "notReported"],
            ],
        );
        assert.deepEqual(
            answer.variationsToReport.map((v) => [v.element, v.agreedOn, v.reviewDue]),
            [["buildingAndPerimeterSecurity", "2025-11-03", "2026-11-03"]],
        );
        // IT accreditation is managed centrally: an agreed local variation is still invalid.
        assert.deepEqual(
            answer.invalidVariations.map((v) => [v.element, v.problem]),
            [
                ["riskAssessmentAndAccreditationOfItSystems", "centrallyManaged"],
                ["appeals", "missingAgreement"],
            ],
        );
        assertCitedReasons(answer.reasons, "compliance.");
        assert.equal(answer.reasons.at(-1).rule, "compliance.notCompliant");
    });

    test("every way a variation's agreement can fail is named; a twelve-month-old one still stands", () => {
        const answer = evaluateCompliance(corpusRequest("compliance-invalid-variations"));
        assert.deepEqual(
            answer.invalidVariations.map((v) => [v.element, v.problem]),
            [
                ["riskManagement", "agreementExpired"],
                ["informationPolicy", "missingAccountingOfficer"],
                ["technicalControls", "missingAgreedOn"],
                ["appeals", "missingAgreement"],
                ["internalControls", "agreedAfterReturn"],
            ],
        );
        assert.deepEqual(
            answer.variationsToReport.map((v) => [v.element, v.agreedOn, v.reviewDue]),
            [
                ["proceduralMeasures", "2025-03-31", "2026-03-31"],
                ["securityRiskAssessment", "2026-03-31", "2027-03-31"],
            ],
        );
        // A lapsed agreement rests on the configurable review period.
        const lapsed = answer.reasons.find(
            (r) => r.rule === "compliance.variationInvalid" && r.facts.problem === "agreementExpired",
        );
        assert.equal(lapsed.basis, "configurableDefault");
    });

    test("a variation on a centrally managed element is invalid, with the default it rests on", () => {
        const answer = evaluateCompliance(corpusRequest("compliance-centrally-managed"));
        assert.deepEqual(
            answer.invalidVariations.map((v) => [v.element, v.problem]),
            [
                ["riskAssessmentAndAccreditationOfItSystems", "centrallyManaged"],
                ["recruitmentChecksAndNationalSecurityVetting", "centrallyManaged"],
            ],
        );
        assert.deepEqual(answer.variationsToReport.map((v) => v.element), ["appeals"]);
        const central = answer.reasons.filter(
            (r) => r.rule === "compliance.variationInvalid" && r.facts.problem === "centrallyManaged",
        );
        assert.equal(central.length, 2);
        for (const reason of central) {
            assert.equal(reason.basis, "configurableDefault");
            assert.match(reason.citation, /managed centrally/);
        }
        const policy = exportPolicy();
        assert.deepEqual(
            policy.compliance.centrallyManaged.map((entry) => entry.element),
            ["riskAssessmentAndAccreditationOfItSystems", "recruitmentChecksAndNationalSecurityVetting"],
        );
    });

    test("only an agreement in the Accounting Officer's role makes a variation valid", () => {
        const answer = evaluateCompliance(corpusRequest("compliance-agreement-roles"));
        assert.deepEqual(
            answer.invalidVariations.map((v) => [v.element, v.problem, v.role]),
            [
                ["informationPolicy", "notAccountingOfficer", "departmentalSecurityOfficer"],
                ["technicalControls", "missingRole", undefined],
                ["proceduralMeasures", "notAccountingOfficer", "seniorInformationRiskOwner"],
            ],
        );
        assert.deepEqual(answer.variationsToReport.map((v) => v.element), ["appeals"]);
        // An unknown role is an input error, not a problem of the return.
        const request = corpusRequest("compliance-agreement-roles");
        request.elements[0].variation.agreement.role = "chiefExecutive";
        expectSpfError(() => evaluateCompliance(request), "unknownValue", "/elements/0/variation/agreement/role");
    });

    test("a complete return with every element in place is compliant", () => {
        const request = corpusRequest("compliance-sample-return");
        for (const entry of request.elements) {
            entry.status = "inPlace";
            delete entry.variation;
        }
        request.elements.push({ element: "internalControls", status: "inPlace" });
        const answer = evaluateCompliance(request);
        assert.equal(answer.complete, true);
        assert.equal(answer.compliant, true);
        assert.deepEqual([answer.gaps, answer.variationsToReport, answer.invalidVariations], [[], [], []]);
        assert.equal(answer.reasons.at(-1).rule, "compliance.compliant");
    });

    test("evaluateComplianceJson answers the same evaluation as JSON text, the corpus bytes", () => {
        const text = corpusFile("compliance-sample-return.request.json");
        const answerText = evaluateComplianceJson(text);
        assert.equal(answerText, corpusFile("compliance-sample-return.answer.json"));
        assert.deepEqual(JSON.parse(answerText), evaluateCompliance(JSON.parse(text)));
        // The pretty-printed sample in examples/data is the same request.
        const sample = readFileSync(new URL("../../examples/data/compliance-return.json", import.meta.url), "utf8");
        assert.equal(evaluateComplianceJson(sample), answerText);
    });
});

describe("exportPolicy", () => {
    test("the embedded MoJ default policy is exported as an object and as pretty JSON text", () => {
        const policy = exportPolicy();
        assert.equal(policy.schemaVersion, 1);
        assert.equal(policy.id, "moj-default");
        assert.equal(policy.version, "2026.1");
        assert.match(policy.effectiveDate, /^\d{4}-\d{2}-\d{2}$/);
        assert.deepEqual(policy.breach.matrix.official, [1, 2, 3, 5]);
        assert.equal(policy.breach.kinds.find((kind) => kind.kind === "lossOfPass").floor, "minor");
        const text = exportPolicyJson();
        assert.deepEqual(JSON.parse(text), policy);
        // Same pretty-printing as JSON.stringify with two spaces: the text is
        // the object, byte for byte.
        assert.equal(text, JSON.stringify(policy, null, 2));
    });

    test("each call returns a fresh object: editing one export does not change the engine", () => {
        const first = exportPolicy();
        first.id = "edited";
        assert.equal(exportPolicy().id, "moj-default");
    });
});

describe("Engine", () => {
    test("Engine.mojDefault() answers every operation exactly as the module functions do", () => {
        const engine = Engine.mojDefault();
        try {
            assert.equal(engine.policyId, "moj-default");
            assert.equal(engine.policyVersion, "2026.1");
            const cases = [
                ["assessBreach", "breach-gross-secret-cabinet-repeat", assessBreach, assessBreachJson],
                ["siteStatus", "site-exceptional-override", siteStatus, siteStatusJson],
                ["portfolio", "portfolio-sample-estate", portfolio, portfolioJson],
                ["responseLevel", "response-level-severe", responseLevel, responseLevelJson],
                ["coordinate", "coordinate-corporate", coordinate, coordinateJson],
                ["trendReport", "trends-quarter-boundary", trendReport, trendReportJson],
                ["evaluateCompliance", "compliance-sample-return", evaluateCompliance, evaluateComplianceJson],
            ];
            for (const [method, name, moduleFn, moduleJsonFn] of cases) {
                const request = corpusRequest(name);
                assert.deepEqual(engine[method](request), moduleFn(request), method);
                const text = JSON.stringify(request);
                assert.equal(engine[`${method}Json`](text), moduleJsonFn(text), `${method}Json`);
            }
            assert.deepEqual(engine.exportPolicy(), exportPolicy());
            assert.equal(engine.exportPolicyJson(), exportPolicyJson());
        } finally {
            engine.free();
        }
    });

    test("a custom engine from an edited export applies its own floor, score and id", () => {
        const policy = exportPolicy();
        policy.id = "moj-test";
        policy.version = "2026.1-test";
        // Raise the floor of a lost pass from minor to serious, and score the
        // least culpable OFFICIAL cell 2 instead of 1 (still green).
        policy.breach.kinds.find((kind) => kind.kind === "lossOfPass").floor = "serious";
        policy.breach.matrix.official[0] = 2;
        const engine = new Engine(policy);
        try {
            assert.equal(engine.policyId, "moj-test");
            assert.equal(engine.policyVersion, "2026.1-test");
            const testPolicy = { id: "moj-test", version: "2026.1-test" };

            const request = corpusRequest("breach-minor-loss-of-pass");
            const answer = engine.assessBreach(request);
            assert.deepEqual(answer.policy, testPolicy);
            assert.equal(answer.level, "serious");
            assert.equal(answer.score, 2);
            assert.equal(answer.band, "green");
            assert.deepEqual(
                answer.reasons.find((reason) => reason.rule === "breach.catalogueFloor").facts,
                { kind: "lossOfPass", list: "minor", level: "serious" },
            );
            assert.deepEqual(JSON.parse(engine.assessBreachJson(JSON.stringify(request))), answer);
            // The module's default engine is untouched.
            assert.equal(assessBreach(request).level, "minor");
            assert.equal(assessBreach(request).score, 1);

            // Every other operation answers under the custom policy too.
            const site = corpusRequest("site-never-tested");
            assert.deepEqual(engine.siteStatus(site).policy, testPolicy);
            assert.deepEqual(JSON.parse(engine.siteStatusJson(JSON.stringify(site))).policy, testPolicy);
            const estate = corpusRequest("portfolio-with-rejected-record");
            assert.equal(engine.portfolio(estate).sites, 3);
            assert.deepEqual(JSON.parse(engine.portfolioJson(JSON.stringify(estate))).policy, testPolicy);
            assert.equal(engine.responseLevel({ threatLevel: "substantial" }).responseLevel, "heightened");
            assert.deepEqual(JSON.parse(engine.responseLevelJson('{"threatLevel":"low"}')).policy, testPolicy);
            const incident = corpusRequest("coordinate-local");
            assert.deepEqual(engine.coordinate(incident).policy, testPolicy);
            assert.deepEqual(JSON.parse(engine.coordinateJson(JSON.stringify(incident))).policy, testPolicy);
            const register = corpusRequest("trends-quarter-boundary");
            assert.deepEqual(engine.trendReport(register).policy, testPolicy);
            assert.deepEqual(JSON.parse(engine.trendReportJson(JSON.stringify(register))).policy, testPolicy);
            const compliance = corpusRequest("compliance-sample-return");
            assert.deepEqual(engine.evaluateCompliance(compliance).policy, testPolicy);
            assert.deepEqual(
                JSON.parse(engine.evaluateComplianceJson(JSON.stringify(compliance))).policy,
                testPolicy,
            );

            // The engine exports exactly the document it was built from.
            assert.deepEqual(engine.exportPolicy(), policy);
            assert.equal(engine.exportPolicyJson(), JSON.stringify(policy, null, 2));
        } finally {
            engine.free();
        }
    });

    test("a custom engine applies its own incident thresholds and variation review period", () => {
        const policy = exportPolicy();
        policy.id = "moj-thresholds";
        // Four people make a hotspot, near misses count; an agreement stands for 6 months.
        policy.incidents.hotspots.minimumDistinctPeople = 4;
        policy.incidents.hotspots.countNearMisses = true;
        policy.compliance.variationReview.months = 6;
        // Which elements are managed centrally is the document's: this one lists none.
        policy.compliance.centrallyManaged = [];
        const engine = new Engine(policy);
        try {
            // HMPPS had breaches by 3 people and a near miss by a fourth in 2026-27 Q1.
            const trends = engine.trendReport(corpusRequest("trends-quarter-boundary"));
            assert.deepEqual(
                trends.hotspots.map((h) => [h.quarter, h.scope, h.name, h.distinctPeople]),
                [
                    ["2026-27 Q1", "businessArea", "HMPPS", 4],
                    ["2026-27 Q1", "site", "HMP-BRX", 4],
                ],
            );
            const rule = trends.reasons.find((reason) => reason.rule === "trends.hotspots");
            assert.deepEqual(rule.facts, { minimumDistinctPeople: 4, countNearMisses: true, found: 2 });
            policy.incidents.hotspots.countNearMisses = false;
            const strict = new Engine(policy);
            try {
                assert.deepEqual(strict.trendReport(corpusRequest("trends-quarter-boundary")).hotspots, []);
            } finally {
                strict.free();
            }

            const compliance = engine.evaluateCompliance(corpusRequest("compliance-sample-return"));
            // Agreed 2025-06-12: stands for a year by default, lapsed after 6 months.
            assert.deepEqual(
                compliance.invalidVariations.map((v) => [v.element, v.problem, v.reviewDue ?? null]),
                [
                    ["riskAssessmentAndAccreditationOfItSystems", "agreementExpired", "2025-12-12"],
                    ["appeals", "missingAgreement", null],
                ],
            );
            assert.deepEqual(
                compliance.variationsToReport.map((v) => [v.element, v.reviewDue]),
                [["buildingAndPerimeterSecurity", "2026-05-03"]],
            );
        } finally {
            engine.free();
        }
    });

    test("an engine built from JSON text equals one built from the object", () => {
        const policy = exportPolicy();
        policy.id = "from-text";
        const fromText = new Engine(JSON.stringify(policy));
        const fromObject = new Engine(policy);
        try {
            assert.equal(fromText.policyId, "from-text");
            assert.equal(fromText.exportPolicyJson(), fromObject.exportPolicyJson());
        } finally {
            fromText.free();
            fromObject.free();
        }
    });

    test("an engine's own errors are SpfErrors with code and path", () => {
        const engine = Engine.mojDefault();
        try {
            expectSpfError(() => engine.assessBreach({ kind: "lostPass" }), "unknownValue", "/kind");
            expectSpfError(() => engine.siteStatusJson(""), "emptyInput", "");
        } finally {
            engine.free();
        }
    });

    test("after free() every method throws an Error instead of trapping", () => {
        const engine = Engine.mojDefault();
        engine.free();
        const calls = {
            policyId: () => engine.policyId,
            policyVersion: () => engine.policyVersion,
            assessBreach: () => engine.assessBreach(corpusRequest("breach-minor-loss-of-pass")),
            assessBreachJson: () => engine.assessBreachJson(corpusFile("breach-minor-loss-of-pass.request.json")),
            siteStatus: () => engine.siteStatus(corpusRequest("site-never-tested")),
            siteStatusJson: () => engine.siteStatusJson(corpusFile("site-never-tested.request.json")),
            siteStatusById: () => engine.siteStatusById(corpusRequest("site-by-id-in-estate")),
            siteStatusByIdJson: () => engine.siteStatusByIdJson(corpusFile("site-by-id-in-estate.request.json")),
            portfolio: () => engine.portfolio(corpusRequest("portfolio-sample-estate")),
            portfolioJson: () => engine.portfolioJson(corpusFile("portfolio-sample-estate.request.json")),
            responseLevel: () => engine.responseLevel({ threatLevel: "low" }),
            responseLevelJson: () => engine.responseLevelJson('{"threatLevel":"low"}'),
            coordinate: () => engine.coordinate(corpusRequest("coordinate-local")),
            coordinateJson: () => engine.coordinateJson(corpusFile("coordinate-local.request.json")),
            trendReport: () => engine.trendReport(corpusRequest("trends-quarter-boundary")),
            trendReportJson: () => engine.trendReportJson(corpusFile("trends-quarter-boundary.request.json")),
            evaluateCompliance: () => engine.evaluateCompliance(corpusRequest("compliance-sample-return")),
            evaluateComplianceJson: () =>
                engine.evaluateComplianceJson(corpusFile("compliance-sample-return.request.json")),
            exportPolicy: () => engine.exportPolicy(),
            exportPolicyJson: () => engine.exportPolicyJson(),
        };
        for (const [name, call] of Object.entries(calls)) {
            assert.throws(call, (error) => {
                assert.ok(error instanceof Error, name);
                assert.ok(!(error instanceof WebAssembly.RuntimeError), `${name} trapped`);
                return true;
            }, name);
        }
        // The module itself still works.
        assert.equal(responseLevel({ threatLevel: "low" }).responseLevel, "normal");
    });

    test("Symbol.dispose releases the engine like free(), for `using`", () => {
        assert.equal(typeof Symbol.dispose, "symbol");
        const engine = Engine.mojDefault();
        assert.equal(typeof engine[Symbol.dispose], "function");
        engine[Symbol.dispose]();
        assert.throws(() => engine.exportPolicyJson(), Error);
    });
});
