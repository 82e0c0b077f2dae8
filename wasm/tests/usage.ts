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
    evaluateCompliance,
    evaluateComplianceJson,
    exportPolicy,
    exportPolicyJson,
    isSpfError,
    portfolio,
    portfolioJson,
    responseLevel,
    responseLevelJson,
    operations,
    siteStatus,
    siteStatusById,
    siteStatusByIdJson,
    siteStatusJson,
    threatChange,
    threatChangeJson,
    assurancePack,
    assurancePackJson,
    checkCase,
    checkCaseJson,
    clearanceNeed,
    clearanceNeedJson,
    thirdParties,
    thirdPartiesJson,
    trendReport,
    trendReportJson,
    version,
} from "../pkg/node/spf.js";
import type {
    AgreementRole,
    Band,
    Basis,
    OperationInfo,
    SiteStatusByIdRequest,
    BreachAssessment,
    BreachReport,
    ComplianceEvaluation,
    ComplianceReason,
    ComplianceReturn,
    ConsultSecurity,
    CoordinationAnswer,
    CoordinationRequest,
    ErrorCode,
    ElementReturn,
    Finding,
    GapStatus,
    Hotspot,
    IncidentRecord,
    Level,
    Policy,
    PortfolioReport,
    PortfolioRequest,
    ThreatChangeImpact,
    AssurancePack,
    AssurancePackRequest,
    CaseCheck,
    CaseRequest,
    CaseReason,
    Direction,
    ClearanceFindingCode,
    ClearanceNeed,
    ClearanceNeedRequest,
    ClearanceReason,
    VettingLevel,
    ThirdPartiesRequest,
    ThirdPartyReport,
    ThirdPartyReason,
    ThirdPartyFindingCode,
    Standing,
    ThreatChangeRequest,
    LevelChange,
    ResponseLevel,
    ResponseLevelAnswer,
    RepeatIndividual,
    ResponseLevelRequest,
    Route,
    Site,
    SiteStatus,
    SiteStatusRequest,
    SpfError,
    SpfException,
    SpfProblem,
    TrendReason,
    TrendReport,
    TrendRequest,
    VariationProblem,
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
    personalData: true,
    informationAsset: { name: "Security cabinet register", owner: "Head of Security" },
    impact: "medium",
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

const records: IncidentRecord[] = [
    {
        id: "INC-0001",
        occurred: "2026-03-31",
        identified: "2026-04-01",
        recorded: "2026-04-02",
        businessArea: "HMCTS",
        site: "MOJ-LDN-0001",
        person: "P-0042",
        kind: "workstationLeftUnlocked",
        level: "minor",
    },
    // A record assessed when the register is read, from its breach report.
    {
        id: "INC-0002",
        occurred: "2026-09-14",
        recorded: "2026-09-15",
        businessArea: "HMPPS",
        person: "P-0101",
        kind: "securityCabinetNotLocked",
        report: { ...report, occurred: "2026-09-14" },
    },
    { id: "INC-0003", occurred: "2026-10-01", recorded: "2026-10-01", businessArea: "HMPPS", kind: "other", nearMiss: true },
];
const trendRequest: TrendRequest = { from: "2026-04-01", to: "2027-03-31", records };

const elements: ElementReturn[] = [
    { element: "riskManagement", status: "inPlace" },
    { element: "technicalControls", status: "partial", notes: "removable media controls pending" },
    {
        element: "appeals",
        status: "variation",
        variation: {
            description: "appeals heard by the agency's own panel",
            agreement: { accountingOfficer: "Chief Executive, HMPPS", role: "accountingOfficer", agreedOn: "2025-09-01" },
        },
    },
];
const complianceReturn: ComplianceReturn = { businessArea: "HMPPS", returnDate: "2026-03-31", elements };

/** A sentence a manager can read: the recommendation and every cited reason. */
function summarise(assessment: BreachAssessment): string {
    const level: Level = assessment.level;
    const band: Band = assessment.band;
    const route: Route = assessment.route;
    const lines = [`${level} misconduct (score ${assessment.score}, ${band} band), ${route}`];
    const consult: ConsultSecurity = assessment.flags.consultSecurity;
    lines.push(consult === "beforeActing" ? "consult MoJ Security before acting" : "consult MoJ Security about the circumstances");
    if (assessment.flags.reportToStrapso) lines.push("report to STRAPSO now");
    if (assessment.flags.escalateToSiro) lines.push("escalate to the SIRO");
    const tellOwner: boolean = assessment.flags.informInformationAssetOwner;
    if (tellOwner) lines.push("tell the Information Asset Owner");
    for (const reason of assessment.reasons) {
        // The rule id narrows the facts.
        if (reason.rule === "breach.matrixScore") {
            const score: number = reason.facts.score;
            lines.push(`matrix score ${score} in row ${reason.facts.row}`);
        }
        if (reason.rule === "breach.route") {
            const todo: string = reason.facts.label;
            lines.push(`what to do: ${todo}`);
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
const findingBases: Basis[] = findings.map((finding) => finding.basis);
console.log(inForce, findings.map((finding) => `${finding.severity}: ${finding.message} [${finding.citation}]`), findingBases, overdue, statusText);

const estate: PortfolioReport = portfolio(portfolioRequest);
const rejected: SpfError[] = estate.rejected.map((entry) => entry.error);
console.log(estate.counts.byTier.high, estate.overdue.map((entry) => entry.siteId), rejected, portfolioJson(JSON.stringify(portfolioRequest)));

const change: ThreatChangeRequest = {
    asOf: "2026-11-23",
    from: "substantial",
    to: "critical",
    businessAreas: [{ name: "MoJ HQ", securityOfficer: "MoJ HQ Local Security Officer" }],
    sites: [site],
};
const impact: ThreatChangeImpact = threatChange(change);
const moves: LevelChange[] = impact.areas.flatMap((area) => area.sites.map((s) => s.change));
const toTell: string[] = impact.areas.flatMap((area) => area.securityOfficers);
const reviewBy: (string | undefined)[] = impact.areas.flatMap((area) => area.sites.map((s) => s.exceptionalReviewDueOn));
console.log(impact.summary.permanentSecretaryAdvised, impact.summary.gapsOpened, moves, toTell, reviewBy,
    impact.reasons.map((reason) => reason.rule), threatChangeJson(JSON.stringify(change)));

const year: AssurancePackRequest = {
    asOf: "2026-11-23",
    threatLevel: "substantial",
    from: "2025-12-01",
    to: "2026-11-30",
    sites: [site],
    returns: [],
    records: [],
};
const pack: AssurancePack = assurancePack(year);
const withoutReturn: string[] = pack.businessAreasWithoutReturn;
const toReport: string[] = pack.variationsToReport.map((v) => `${v.businessArea}: ${v.variation.description}`);
const invalid: VariationProblem[] = pack.invalidVariations.map((v) => v.variation.problem);
console.log(pack.summary.sitesWithRequiredGaps, pack.estate.counts.baseline, pack.breaches.totals.breaches,
    withoutReturn, toReport, invalid, pack.reasons.map((reason) => reason.rule), assurancePackJson(JSON.stringify(year)));

const breachCase: CaseRequest = {
    asOf: "2026-11-30",
    case: {
        reference: "HR-2026-0042",
        report: {
            kind: "clearDeskFailure",
            care: "avoidableCarelessness",
            occurred: "2026-09-14",
            person: { status: "employee", organisation: "moj" },
        },
        recommendation: { policy: { id: "moj-default", version: "2026.1" }, level: "minor" },
        events: [
            { event: "reported", on: "2026-09-15" },
            { event: "investigationStarted", on: "2026-09-16" },
            { event: "decision", on: "2026-10-01", level: "minor", action: "informal" },
        ],
    },
};
const caseChecked: CaseCheck = checkCase(breachCase);
const departure: Direction | undefined = caseChecked.decision?.departure;
const caseRules: string[] = caseChecked.reasons.map((reason: CaseReason) => reason.rule);
console.log(caseChecked.state, departure, caseChecked.missing, caseChecked.targets.map((t) => `${t.event} by ${t.dueOn}`),
    caseChecked.findings.map((f) => f.code), caseRules, checkCaseJson(JSON.stringify(breachCase)));
// @ts-expect-error a case event is one of the five, not free text
checkCase({ asOf: "2026-11-30", case: { ...breachCase.case, events: [{ event: "appealed", on: "2026-10-02" }] } });
const role: ClearanceNeedRequest = {
    asOf: "2026-12-01",
    role: "Private secretary to a minister",
    access: { highProfilePublicFigures: true, secret: "regularUncontrolled" },
    holder: { clearance: "ctc", granted: "2017-01-31" },
};
const clearance: ClearanceNeed = clearanceNeed(role);
const level: VettingLevel = clearance.recommended;
const clearanceCodes: ClearanceFindingCode[] = clearance.findings.map((f) => f.code);
const clearanceReasons: ClearanceReason[] = clearance.reasons;
console.log(level, clearanceCodes, clearance.holder?.meetsNeed, clearance.holder?.review?.dueOn,
    clearance.criteriaMet.map((c) => `${c.criterion}: ${c.level}`), clearanceReasons.map((r) => r.rule),
    clearanceNeedJson(JSON.stringify(role)));
// @ts-expect-error SECRET access is none, occasional and supervised, or regular and uncontrolled
clearanceNeed({ asOf: "2026-12-01", access: { secret: "frequentUncontrolled" } });
const register: ThirdPartiesRequest = {
    asOf: "2026-11-23",
    suppliers: [{
        id: "SUP-001",
        name: "Northgate Facilities Ltd",
        businessArea: "HMCTS",
        contractReference: "HMCTS/FM/2024/117",
        entrustedWithMarkedInformation: true,
        entrustedWithBusinessCriticalInformation: false,
        unsupervisedAccessToProperty: true,
        requirementsCommunicated: "2025-04-01",
        complianceLastConfirmed: null,
    }],
};
const checked: ThirdPartyReport = thirdParties(register);
const standings: Standing[] = checked.suppliers.map((s) => s.standing);
const findingCodes: ThirdPartyFindingCode[] = checked.suppliers.flatMap((s) => s.findings.map((f) => f.code));
const lapses: (string | undefined)[] = checked.suppliers.map((s) => s.confirmation?.standsUntil);
const registerReasons: ThirdPartyReason[] = checked.reasons;
console.log(checked.summary.inScope, checked.summary.findings.complianceNeverConfirmed,
    checked.businessAreas.map((a) => `${a.businessArea}: ${a.counts.compliant}`), standings, findingCodes, lapses,
    registerReasons.map((reason) => reason.rule), checked.rejected.map((r) => r.error.path),
    thirdPartiesJson(JSON.stringify(register)));

const mapped: ResponseLevelAnswer = responseLevel(responseRequest);
console.log(mapped.responseLevel, mapped.definition, responseLevelJson('{"threatLevel":"low"}'));

// A site's own level: the answer says which level is in force and why.
const overridden: ResponseLevelAnswer = responseLevel({
    threatLevel: "substantial",
    responseOverride: { level: "exceptional" },
});
const direction: "upward" | "same" | "downward" | undefined = overridden.effective?.direction;
console.log(overridden.effective?.responseLevel, direction);
// @ts-expect-error an override names a response level, not a threat level
responseLevel({ threatLevel: "low", responseOverride: { level: "severe" } });

const byIdRequest: SiteStatusByIdRequest = {
    asOf: "2026-11-23",
    threatLevel: "substantial",
    siteId: siteRequest.site.id,
    sites: [siteRequest.site],
};
const byId: SiteStatus = siteStatusById(byIdRequest);
console.log(byId.siteId, siteStatusByIdJson(JSON.stringify(byIdRequest)));
// @ts-expect-error the id field is `siteId`
siteStatusById({ asOf: "2026-11-23", threatLevel: "low", id: "X", sites: [] });

const table: OperationInfo[] = operations();
console.log(table.map((operation) => `${operation.name}: ${operation.summary}`));

const coordination: CoordinationAnswer = coordinate(incident);
console.log(coordination.coordinator, coordination.standingArrangements, coordinateJson(JSON.stringify(incident)));

const trends: TrendReport = trendReport(trendRequest);
const repeats: RepeatIndividual[] = trends.repeatIndividuals;
const hotspots: Hotspot[] = trends.hotspots;
const trendReasons: TrendReason[] = trends.reasons;
for (const quarter of trends.quarters) {
    const byKind: number | undefined = quarter.counts.byKind.lossOfPass;
    const hmcts: number | undefined = quarter.counts.byBusinessArea["HMCTS"];
    console.log(quarter.quarter.label, quarter.counts.total, quarter.change.total, byKind, hmcts);
}
const badRecords: SpfError[] = trends.rejected.map((entry) => entry.error);
console.log(
    repeats.map((r) => `${r.person} from ${r.firstReached}`),
    hotspots.map((h) => `${h.scope} ${h.name}: ${h.distinctPeople}`),
    trendReasons.map((reason) => reason.rule),
    badRecords,
    trendReportJson(JSON.stringify(trendRequest)),
);

const evaluation: ComplianceEvaluation = evaluateCompliance(complianceReturn);
const gapStatuses: GapStatus[] = evaluation.gaps.map((gap) => gap.status);
const problems: VariationProblem[] = evaluation.invalidVariations.map((entry) => entry.problem);
const complianceReasons: ComplianceReason[] = evaluation.reasons;
const complete: boolean = evaluation.complete && evaluation.compliant;
console.log(
    gapStatuses,
    problems,
    complianceReasons.map((reason) => reason.explanation),
    complete,
    evaluation.completeness.missing,
    evaluation.variationsToReport.map((v) => `${v.title}: ${v.accountingOfficer}, review by ${v.reviewDue}`),
    evaluateComplianceJson(JSON.stringify(complianceReturn)),
);

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
    const customTrends: TrendReport = custom.trendReport(trendRequest);
    const customEvaluation: ComplianceEvaluation = custom.evaluateCompliance(complianceReturn);
    const exported: Policy = custom.exportPolicy();
    const texts: string[] = [
        custom.assessBreachJson(JSON.stringify(report)),
        custom.siteStatusJson(JSON.stringify(siteRequest)),
        custom.portfolioJson(JSON.stringify(portfolioRequest)),
        custom.responseLevelJson(JSON.stringify(responseRequest)),
        custom.coordinateJson(JSON.stringify(incident)),
        custom.trendReportJson(JSON.stringify(trendRequest)),
        custom.evaluateComplianceJson(JSON.stringify(complianceReturn)),
        custom.exportPolicyJson(),
        fromText.policyId,
    ];
    console.log(id, policyVersion, customAssessment.level, customStatus.siteId, customEstate.sites);
    console.log(customMapped.basis, customCoordination.businessAreas, exported.version, texts, standard.policyId);
    console.log(customTrends.totals.breaches, customEvaluation.compliant);
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
    const all: SpfProblem[] = narrowed.errors;
    console.error(code, path, narrowed.message, narrowed.stack, all.map((entry) => `${entry.code} at ${entry.path}`));
}

// A form lists every problem of a request after one submit.
try {
    assessBreach({ kind: "passwordSharing" } as unknown as BreachReport);
} catch (error: unknown) {
    if (!isSpfError(error)) throw error;
    const listed: string[] = error.errors.map(({ code, message, path }: SpfProblem) => `${path || "/"}: ${code}: ${message}`);
    console.error(listed.join("\n"));
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
// @ts-expect-error: `chiefExecutive` is not a role an agreement names (`other` is)
const unknownRole: AgreementRole = "chiefExecutive";
const otherRole: AgreementRole = "other";
const misspeltTrend: TrendRequest = {
    from: "2026-04-01",
    to: "2026-06-30",
    // @ts-expect-error: a misspelt field (`record`) is not part of a trend request
    record: records,
};
const unknownRecordKind: IncidentRecord = {
    id: "INC-9",
    occurred: "2026-05-01",
    recorded: "2026-05-01",
    businessArea: "HMCTS",
    // @ts-expect-error: `lostPass` is not a breach kind
    kind: "lostPass",
    level: "minor",
};
const wrongStatus: ComplianceReturn = {
    businessArea: "HMPPS",
    returnDate: "2026-03-31",
    // @ts-expect-error: `done` is not an element status
    elements: [{ element: "appeals", status: "done" }],
};
const unknownElement: ElementReturn = {
    // @ts-expect-error: `appeal` is not an SPF element
    element: "appeal",
    status: "inPlace",
};
// @ts-expect-error: the …Json functions take JSON text, not objects
evaluateComplianceJson(complianceReturn);
console.log(misspelt, unknownKind, unknownThreat, wrongType, missingCare, madeUpCode);
console.log(misspeltTrend, unknownRecordKind, wrongStatus, unknownElement, unknownRole, otherRole);

// The web build has the same API after an explicit initialisation.
export async function loadInBrowser(): Promise<BreachAssessment> {
    await initWeb({ module_or_path: new URL("../pkg/web/spf_bg.wasm", import.meta.url) });
    return assessBreachInBrowser(report);
}

export function loadFromBytes(bytes: BufferSource): BreachAssessment {
    initSync({ module: bytes });
    return assessBreachInBrowser(report);
}
