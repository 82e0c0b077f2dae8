// Typed usage of the WebAssembly module, checked by `tsc -p wasm/tsconfig.json`
// (strict, no emit): every function and Engine method called with the generated
// types, answers read through them, errors narrowed with isSpfError, and the
// mistakes the types must catch marked with @ts-expect-error.

import {
    Engine,
    assessBreach,
    assessBreachJson,
    coordinate,
    coordinateJson,
    errorCodes,
    exportPolicy,
    exportPolicyJson,
    isSpfError,
    portfolio,
    portfolioJson,
    responseLevel,
    responseLevelJson,
    siteStatus,
    siteStatusJson,
    version,
} from "../pkg/node/spf.js";
import type {
    Band,
    BreachAssessment,
    BreachReport,
    CoordinationAnswer,
    CoordinationRequest,
    ErrorCode,
    Finding,
    Level,
    Policy,
    PortfolioReport,
    PortfolioRequest,
    ResponseLevel,
    ResponseLevelAnswer,
    ResponseLevelRequest,
    Route,
    Site,
    SiteStatus,
    SiteStatusRequest,
    SpfError,
    SpfException,
} from "../pkg/node/spf.js";
import initWeb, { initSync, assessBreach as assessBreachInBrowser } from "../pkg/web/spf.js";

const report: BreachReport = {
    reference: "HR-2026-0042",
    kind: "securityCabinetNotLocked",
    marking: { classification: "secret" },
    care: "avoidableCarelessness",
    damage: "none",
    previousWarnings: 0,
    earlierBreaches: [{ date: "2026-03-02", kind: "securityCabinetNotLocked" }],
    occurred: "2026-09-14",
    person: { status: "employee", organisation: "moj", securityCleared: true },
};

const site: Site = {
    id: "MOJ-LDN-0001",
    name: "102 Petty France",
    businessArea: "MoJ HQ",
    tier: "moderate",
    tierAssessed: "2026-02-10",
    ctPlan: { variesByResponseLevel: true, lastTested: "2025-03-18" },
    threatAssessment: { threatDocumented: true, mitigationDocumented: true },
    riskAssessed: "2026-01-20",
    responseOverride: {
        level: "normal",
        approval: { by: "DSO", on: "2026-10-01", reason: "building closed to the public" },
    },
};

const siteRequest: SiteStatusRequest = { asOf: "2026-11-23", threatLevel: "severe", site };
const portfolioRequest: PortfolioRequest = { asOf: "2026-11-23", threatLevel: "substantial", sites: [site] };
const responseRequest: ResponseLevelRequest = { threatLevel: "critical" };
const incident: CoordinationRequest = {
    businessAreasAffected: ["HMPPS", "HMCTS"],
    frontLineServicesSignificantlyAffected: true,
};

/** A sentence a manager can read: the recommendation and every cited reason. */
function summarise(assessment: BreachAssessment): string {
    const level: Level = assessment.level;
    const band: Band = assessment.band;
    const route: Route = assessment.route;
    const lines = [`${level} misconduct (score ${assessment.score}, ${band} band), ${route}`];
    if (assessment.flags.reportToStrapso) lines.push("report to STRAPSO now");
    for (const reason of assessment.reasons) {
        // The rule id narrows the facts.
        if (reason.rule === "breach.matrixScore") {
            const score: number = reason.facts.score;
            lines.push(`matrix score ${score} in row ${reason.facts.row}`);
        }
        lines.push(`${reason.explanation} [${reason.citation}; ${reason.basis}]`);
    }
    return lines.join("\n");
}

const assessment: BreachAssessment = assessBreach(report);
const assessmentText: string = assessBreachJson(JSON.stringify(report));
console.log(summarise(assessment), assessmentText.length);

const status: SiteStatus = siteStatus(siteRequest);
const inForce: ResponseLevel = status.responseLevel;
const findings: Finding[] = status.findings;
const overdue: boolean = status.schedules.ctPlanTest.status === "overdue";
const statusText: string = siteStatusJson(JSON.stringify(siteRequest));
console.log(inForce, findings.map((finding) => `${finding.severity}: ${finding.message}`), overdue, statusText);

const estate: PortfolioReport = portfolio(portfolioRequest);
const rejected: SpfError[] = estate.rejected.map((entry) => entry.error);
console.log(estate.counts.byTier.high, estate.overdue.map((entry) => entry.siteId), rejected, portfolioJson(JSON.stringify(portfolioRequest)));

const mapped: ResponseLevelAnswer = responseLevel(responseRequest);
console.log(mapped.responseLevel, mapped.definition, responseLevelJson('{"threatLevel":"low"}'));

const coordination: CoordinationAnswer = coordinate(incident);
console.log(coordination.coordinator, coordination.standingArrangements, coordinateJson(JSON.stringify(incident)));

const codes: ErrorCode[] = errorCodes();
const libraryVersion: string = version();
console.log(codes.length, libraryVersion);

// A custom policy: export the default, change it, load it back.
const policy: Policy = exportPolicy();
policy.id = "hmpps-local";
const lostPass = policy.breach.kinds.find((entry) => entry.kind === "lossOfPass");
if (lostPass) lostPass.floor = "serious";
const policyText: string = exportPolicyJson();

{
    using custom = new Engine(policy);
    using fromText = new Engine(policyText);
    using standard = Engine.mojDefault();
    const id: string = custom.policyId;
    const policyVersion: string = custom.policyVersion;
    const customAssessment: BreachAssessment = custom.assessBreach(report);
    const customStatus: SiteStatus = custom.siteStatus(siteRequest);
    const customEstate: PortfolioReport = custom.portfolio(portfolioRequest);
    const customMapped: ResponseLevelAnswer = custom.responseLevel(responseRequest);
    const customCoordination: CoordinationAnswer = custom.coordinate(incident);
    const exported: Policy = custom.exportPolicy();
    const texts: string[] = [
        custom.assessBreachJson(JSON.stringify(report)),
        custom.siteStatusJson(JSON.stringify(siteRequest)),
        custom.portfolioJson(JSON.stringify(portfolioRequest)),
        custom.responseLevelJson(JSON.stringify(responseRequest)),
        custom.coordinateJson(JSON.stringify(incident)),
        custom.exportPolicyJson(),
        fromText.policyId,
    ];
    console.log(id, policyVersion, customAssessment.level, customStatus.siteId, customEstate.sites);
    console.log(customMapped.basis, customCoordination.businessAreas, exported.version, texts, standard.policyId);
}

// Engines can also be released by hand.
const shortLived = Engine.mojDefault();
shortLived.free();

// Errors: narrow the caught value, then read the stable code and the pointer.
try {
    new Engine({ ...policy, breach: { ...policy.breach, kinds: [] } });
} catch (error: unknown) {
    if (!isSpfError(error)) throw error;
    const narrowed: SpfException = error;
    const code: ErrorCode = narrowed.code;
    const path: string = narrowed.path;
    const all: SpfError[] = narrowed.errors ?? [];
    console.error(code, path, narrowed.message, narrowed.stack, all.map((entry) => `${entry.code} at ${entry.path}`));
}

// The types catch the mistakes that the wire format rejects at run time.
const misspelt: BreachReport = {
    kind: "lossOfPass",
    care: "avoidableCarelessness",
    // @ts-expect-error: a misspelt field (`ocurred`) is not part of a breach report
    ocurred: "2026-03-01",
    person: { status: "employee", organisation: "moj" },
};
const unknownKind: BreachReport = {
    // @ts-expect-error: `lostPass` is not a breach kind
    kind: "lostPass",
    care: "avoidableCarelessness",
    occurred: "2026-03-01",
    person: { status: "employee", organisation: "moj" },
};
// @ts-expect-error: `extreme` is not a national threat level
const unknownThreat: ResponseLevelRequest = { threatLevel: "extreme" };
const wrongType: BreachReport = {
    kind: "lossOfPass",
    care: "avoidableCarelessness",
    occurred: "2026-03-01",
    // @ts-expect-error: the warnings count is a number, not text
    previousWarnings: "one",
    person: { status: "employee", organisation: "moj" },
};
// @ts-expect-error: a breach report needs `care`
const missingCare: BreachReport = { kind: "lossOfPass", occurred: "2026-03-01", person: { status: "employee", organisation: "moj" } };
// @ts-expect-error: the …Json functions take JSON text, not objects
assessBreachJson(report);
// @ts-expect-error: an error code outside the documented set
const madeUpCode: ErrorCode = "notFound";
console.log(misspelt, unknownKind, unknownThreat, wrongType, missingCare, madeUpCode);

// The web build has the same API after an explicit initialisation.
export async function loadInBrowser(): Promise<BreachAssessment> {
    await initWeb({ module_or_path: new URL("../pkg/web/spf_bg.wasm", import.meta.url) });
    return assessBreachInBrowser(report);
}

export function loadFromBytes(bytes: BufferSource): BreachAssessment {
    initSync({ module: bytes });
    return assessBreachInBrowser(report);
}
