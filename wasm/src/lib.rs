//! # spf-wasm
//!
//! The WebAssembly module of spf, for intranet pages and Node: the Ministry of
//! Justice's protective-security policy as explainable rules, called from
//! JavaScript or TypeScript.
//!
//! This crate only converts. A JavaScript value comes in and is written as JSON
//! (`JSON.stringify`), [`spf_core::json`] reads it exactly as it reads JSON from
//! Rust or C, and the answer goes back through `JSON.parse`. So every surface
//! accepts the same documents, rejects the same mistakes with the same codes and
//! JSON pointers, and answers with the same bytes. Each operation also has a
//! `…Json` form that takes and returns JSON text.
//!
//! Errors are thrown as real JavaScript `Error` objects (`name` `"SpfError"`)
//! carrying the stable `code` and the JSON pointer `path` of the core error. No
//! input reaches a panic: core is total, and nothing here indexes or unwraps.
//!
//! The TypeScript declarations come from the core wire types themselves (the
//! `typescript` feature of `spf-core`), so they cannot drift from the format.
//!
//! Built without its default `full` feature, the crate is the breach form's
//! module (`form/spf_form.js` in the package): `assessBreach`,
//! `assessBreaches` and their `…Json` twins under the embedded MoJ default
//! policy, `breachRules`, `version`, `errorCodes` and `isSpfError`, the same
//! code answering with the same bytes, in about a quarter of the download. It
//! holds the default policy's breach section alone (a
//! [`BreachEngine`](spf_core::BreachEngine)), which can answer nothing else.

use std::fmt::Write as _;
use std::sync::OnceLock;

use js_sys::{JSON, Reflect};
#[cfg(feature = "full")]
use spf_core::Engine;
use spf_core::{ErrorCode, SpfError, json};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_ERRORS: &str = r#"
/**
 * One problem with an input: its stable `code`, a `message` for people and
 * the JSON pointer `path` of the offending value (empty for the whole input;
 * for a missing field, the object that lacks it, the message naming the field).
 */
export interface SpfProblem {
    code: ErrorCode;
    message: string;
    path: string;
}

/**
 * What every function throws for bad input: a real `Error` (with a stack) whose
 * `name` is `"SpfError"`, with the stable `code`, `message` and JSON pointer
 * `path` of the first problem, and in `errors` every problem found in the
 * input, the first one first (always at least that one): every missing
 * required field, unknown value or field and value of the wrong type of a
 * request, or every problem of a policy document. A form can list them all
 * after one submit.
 */
/**
 * One entry of `assessBreaches`' answer: the report's assessment, or why the
 * report at `index` (from 0) could not be assessed.
 */
export type BreachBatchEntry =
    | BreachAssessment
    | { index: number; error: SpfProblem & { errors: SpfProblem[] } };

export interface SpfException extends Error {
    name: "SpfError";
    code: ErrorCode;
    path: string;
    errors: SpfProblem[];
}
"#;

/// What the module functions answer under: the embedded MoJ default policy.
#[cfg(feature = "full")]
type DefaultEngine = Engine;

/// What the breach form's module functions answer under: the breach section of
/// the embedded MoJ default policy alone, so that the other sections' rules
/// and citations are not in the download. Its answers are the whole default
/// engine's, byte for byte.
#[cfg(not(feature = "full"))]
type DefaultEngine = spf_core::BreachEngine;

/// The module's default engine, compiled once on first use.
fn default_engine() -> &'static DefaultEngine {
    static DEFAULT: OnceLock<DefaultEngine> = OnceLock::new();
    DEFAULT.get_or_init(DefaultEngine::moj_default)
}

/// An operation's entry point under the module's default engine.
#[cfg(feature = "full")]
fn module_entry(operation: &json::Operation) -> json::EntryPoint {
    operation.entry()
}

/// An operation's entry point under the breach form's default engine. Only
/// the breach rows are in the form's module, and each has one; the fallback
/// is there so that nothing here can panic.
#[cfg(not(feature = "full"))]
fn module_entry(operation: &json::Operation) -> json::BreachEntryPoint {
    operation.breach_entry().unwrap_or(needs_the_whole_policy)
}

#[cfg(not(feature = "full"))]
fn needs_the_whole_policy(_: &DefaultEngine, _: &str) -> Result<String, SpfError> {
    Err(SpfError::new(
        ErrorCode::Internal,
        "this operation needs more of the policy than its breach section, which is all the breach form's module holds; use the full module",
        "",
    ))
}

/// A thrown `Error` carrying a core error's code, message and path, and in
/// `errors` every problem it reports, itself first.
fn throw_value(error: &SpfError) -> JsValue {
    let thrown = js_sys::Error::new(&error.message);
    thrown.set_name("SpfError");
    set(&thrown, "code", &JsValue::from_str(error.code.as_str()));
    set(&thrown, "path", &JsValue::from_str(&error.path));
    let all: js_sys::Array = error.problems().iter().map(error_object).collect();
    set(&thrown, "errors", &all);
    thrown.into()
}

/// Sets a property on an object the module itself just created; such a set
/// cannot fail, and there is nothing better to do if it did.
fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

/// The error document of a core error as a plain object.
fn error_object(error: &SpfError) -> JsValue {
    let object = js_sys::Object::new();
    set(&object, "code", &JsValue::from_str(error.code.as_str()));
    set(&object, "message", &JsValue::from_str(&error.message));
    set(&object, "path", &JsValue::from_str(&error.path));
    object.into()
}

/// A JavaScript value as JSON text, or the error a caller should see.
///
/// `JSON.stringify` gives nothing for `undefined`, functions and symbols (the
/// argument is missing), and throws for BigInts, cycles and nesting too deep
/// for the JavaScript stack.
fn to_json_text(value: &JsValue, expected: &str) -> Result<String, JsValue> {
    let text = JSON::stringify(value).map_err(|thrown| {
        let detail = thrown
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_default();
        // Keep the first line: V8 explains a cycle over several. A `toJSON` or
        // a getter may throw an error of its own, whose text is the caller's.
        let detail = SpfError::quote(detail.lines().next().unwrap_or_default());
        // V8 reports nesting deeper than its stack as a RangeError.
        let code = if thrown.is_instance_of::<js_sys::RangeError>() && detail.contains("call stack")
        {
            ErrorCode::NestingTooDeep
        } else {
            ErrorCode::InvalidType
        };
        throw_value(&SpfError::new(
            code,
            format!("the argument cannot be written as JSON ({detail}); expected {expected}"),
            "",
        ))
    })?;
    text.as_string().ok_or_else(|| {
        let error = if value.is_undefined() {
            SpfError::new(
                ErrorCode::NullArgument,
                format!("the argument is missing; expected {expected}"),
                "",
            )
        } else {
            // A function, a symbol, or an object whose `toJSON` gives nothing.
            SpfError::new(
                ErrorCode::InvalidType,
                format!("invalid type: the argument has no JSON form; expected {expected}"),
                "",
            )
        };
        throw_value(&error)
    })
}

/// A JavaScript string as Rust text, or `None` if it is not a string.
///
/// Rust text cannot hold a lone surrogate, and the bindings' conversion would
/// silently put U+FFFD in its place, changing what the caller wrote. Each one
/// is written instead as the JSON escape that stands for it (`\ud800`), which
/// core rejects as `invalidUnicode` at the string's pointer, as it does the
/// same escape from Rust or C. (Outside any JSON string, it is malformed JSON
/// either way.)
fn js_text(value: &JsValue) -> Option<String> {
    let text = value.as_string()?;
    // U+FFFD is where a lone surrogate would show; only then look closer, one
    // code unit at a time (slow, and rare).
    if !text.contains('\u{FFFD}') {
        return Some(text);
    }
    let Some(units) = value.dyn_ref::<js_sys::JsString>() else {
        return Some(text);
    };
    let mut exact = String::with_capacity(text.len());
    for unit in char::decode_utf16(units.iter()) {
        match unit {
            Ok(ch) => exact.push(ch),
            Err(lone) => {
                // Writing to a String cannot fail.
                let _ = write!(exact, "\\u{:04x}", lone.unpaired_surrogate());
            }
        }
    }
    Some(exact)
}

/// A JSON text argument of a `…Json` function.
fn text_argument(value: &JsValue) -> Result<String, JsValue> {
    if let Some(text) = js_text(value) {
        return Ok(text);
    }
    let (code, message) = if value.is_undefined() || value.is_null() {
        (
            ErrorCode::NullArgument,
            "the argument is missing; expected JSON text (a string)",
        )
    } else {
        (
            ErrorCode::InvalidType,
            "invalid type: expected JSON text (a string); pass objects to the function without `Json`",
        )
    };
    Err(throw_value(&SpfError::new(code, message, "")))
}

/// An answer (JSON text the library wrote) as a JavaScript value.
fn from_json_text(answer: &str) -> Result<JsValue, JsValue> {
    JSON::parse(answer).map_err(|_| {
        throw_value(&SpfError::new(
            ErrorCode::Internal,
            "the answer could not be read back as JSON",
            "",
        ))
    })
}

/// One JSON entry point of core, called with a JavaScript value.
fn call_with_value<E>(
    engine: &E,
    request: &JsValue,
    expected: &str,
    operation: fn(&E, &str) -> Result<String, SpfError>,
) -> Result<JsValue, JsValue> {
    let text = to_json_text(request, expected)?;
    // The parser's line and column count in JSON the caller never saw.
    let answer = operation(engine, &text).map_err(|e| throw_value(&e.without_position()))?;
    from_json_text(&answer)
}

/// One JSON entry point of core, called with JSON text.
fn call_with_text<E>(
    engine: &E,
    request: &JsValue,
    operation: fn(&E, &str) -> Result<String, SpfError>,
) -> Result<String, JsValue> {
    let text = text_argument(request)?;
    operation(engine, &text).map_err(|e| throw_value(&e))
}

#[cfg(feature = "full")]
const POLICY_DOCUMENT: &str = "a policy document object or its JSON text";

/// Every operation of the table as the quartet a caller sees: a module
/// function and an `Engine` method taking a JavaScript value, and their `…Json`
/// twins taking JSON text. One row per operation of
/// `spf_core::operations::OPERATIONS`, naming the operation's constant (its
/// request's words and entry point); a Node test checks the module has all
/// four for every operation the table lists. The breach form's module (built
/// without the `full` feature) has the module functions of the breach rows
/// alone.
macro_rules! operations {
    ($(
        $doc:literal
        $rust:ident / $rust_json:ident as $js:tt / $js_json:tt
        ($request_ts:tt) -> $answer_ts:tt = $operation:path;
    )*) => {
        $(
            #[doc = $doc]
            #[doc = ""]
            #[doc = "Under the embedded MoJ default policy."]
            #[wasm_bindgen(js_name = $js, unchecked_return_type = $answer_ts)]
            pub fn $rust(
                #[wasm_bindgen(unchecked_param_type = $request_ts)] request: &JsValue,
            ) -> Result<JsValue, JsValue> {
                call_with_value(default_engine(), request, $operation.request, module_entry(&$operation))
            }

            #[doc = concat!("[`", stringify!($rust), "`] with JSON text in and out: the answer is byte-for-byte what the Rust and C surfaces give.")]
            #[wasm_bindgen(js_name = $js_json)]
            pub fn $rust_json(
                #[wasm_bindgen(unchecked_param_type = "string")] request: &JsValue,
            ) -> Result<String, JsValue> {
                call_with_text(default_engine(), request, module_entry(&$operation))
            }
        )*

        #[cfg(feature = "full")]
        #[wasm_bindgen(js_class = Engine)]
        impl WasmEngine {
            $(
                #[doc = $doc]
                #[doc = ""]
                #[doc = "Under this engine's policy."]
                #[wasm_bindgen(js_name = $js, unchecked_return_type = $answer_ts)]
                pub fn $rust(
                    &self,
                    #[wasm_bindgen(unchecked_param_type = $request_ts)] request: &JsValue,
                ) -> Result<JsValue, JsValue> {
                    call_with_value(&self.engine, request, $operation.request, $operation.entry())
                }

                #[doc = concat!("[`WasmEngine::", stringify!($rust), "`] with JSON text in and out.")]
                #[wasm_bindgen(js_name = $js_json)]
                pub fn $rust_json(
                    &self,
                    #[wasm_bindgen(unchecked_param_type = "string")] request: &JsValue,
                ) -> Result<String, JsValue> {
                    call_with_text(&self.engine, request, $operation.entry())
                }
            )*
        }
    };
}

// The breach rows: in the full module and in the breach form's.
operations! {
    "Assesses a breach report: the recommended misconduct level, matrix score and band, handling route, flags and the cited reasons. The engine recommends; the manager decides (POLSBP003)."
    assess_breach / assess_breach_json as assessBreach / assessBreachJson
        ("BreachReport") -> "BreachAssessment" = json::ASSESS_BREACH;
    "Assesses every breach report of an array: an array of the same length, each report's answer as `assessBreach` gives it, or `{index, error}` in its place (the error's `path` points into the array, `/N/kind`). A bad report does not stop the others."
    assess_breaches / assess_breaches_json as assessBreaches / assessBreachesJson
        ("BreachReport[]") -> "BreachBatchEntry[]" = json::ASSESS_BREACHES;
}

// Every other row: in the full module only.
#[cfg(feature = "full")]
operations! {
    "One site's status on a date at a national threat level: the response level in force, required and recommended controls, CT-plan test, risk assessment and tier re-assessment schedules, findings and reasons."
    site_status / site_status_json as siteStatus / siteStatusJson
        ("SiteStatusRequest") -> "SiteStatus" = json::SITE_STATUS;
    "One site of an estate, picked by its id: its status as `siteStatus` gives it. Only that site is read in full."
    site_status_by_id / site_status_by_id_json as siteStatusById / siteStatusByIdJson
        ("SiteStatusByIdRequest") -> "SiteStatus" = json::SITE_STATUS_BY_ID;
    "A whole estate at once: counts by tier, response level and schedule status, and the overdue, due, due-soon and never-done obligations in date order. A malformed site is listed under `rejected` and the others are still assessed."
    portfolio / portfolio_json as portfolio / portfolioJson
        ("PortfolioRequest") -> "PortfolioReport" = json::PORTFOLIO;
    "The response level that a national threat level maps to; with a `responseOverride`, also the level in force at a site that sets its own."
    response_level / response_level_json as responseLevel / responseLevelJson
        ("ResponseLevelRequest") -> "ResponseLevelAnswer" = json::RESPONSE_LEVEL;
    "Who co-ordinates the response to an incident: local, corporate or gold."
    coordinate / coordinate_json as coordinate / coordinateJson
        ("CoordinationRequest") -> "CoordinationAnswer" = json::COORDINATE;
    "The impact of a change of threat level on an estate: every site's response level before and after, the controls newly required and no longer required and the gaps opened, grouped by business area with the security officer to tell, and the summary for the DSO's advice to the Permanent Secretary. A malformed site is listed under `rejected` and the others are still assessed."
    threat_change / threat_change_json as threatChange / threatChangeJson
        ("ThreatChangeRequest") -> "ThreatChangeImpact" = json::THREAT_CHANGE;
    "Trends in the central incident register (POLSBP002) over the reporting quarters from `from` to `to`: counts by level, kind, business area and site, change on the quarter before, repeat individuals and hotspots. A malformed record is listed under `rejected` and the others are still counted."
    trend_report / trend_report_json as trendReport / trendReportJson
        ("TrendRequest") -> "TrendReport" = json::TREND_REPORT;
    "Evaluates a business area's SPF compliance return: completeness, gaps, variations to report in annual governance and variations without a valid Accounting Officer agreement."
    evaluate_compliance / evaluate_compliance_json as evaluateCompliance / evaluateComplianceJson
        ("ComplianceReturn") -> "ComplianceEvaluation" = json::EVALUATE_COMPLIANCE;
    "The year's assurance for the Executive Management Board and the Permanent Secretary: the estate's standing, each business area's compliance return with the business areas that made none, the variations to report in the Governance Statement and the invalid ones, the breach trends of the year, and a summary. A malformed site, return or record is listed with its error and the rest are still used."
    assurance_pack / assurance_pack_json as assurancePack / assurancePackJson
        ("AssurancePackRequest") -> "AssurancePack" = json::ASSURANCE_PACK;
    "Checks a breach case on a date: where it stands, the recommendation and the manager's decision against it (none, lower or higher, with both levels), the events still missing, the targets still to meet, findings and reasons. The events may come in any order."
    check_case / check_case_json as checkCase / checkCaseJson
        ("CaseRequest") -> "CaseCheck" = json::CHECK_CASE;
    "The national security vetting level a role should be assessed for (BPSS, CTC, SC or DV) from what it gives access to, the holder's clearance against it and the review of that clearance, with findings and cited reasons."
    clearance_need / clearance_need_json as clearanceNeed / clearanceNeedJson
        ("ClearanceNeedRequest") -> "ClearanceNeed" = json::CLEARANCE_NEED;
    "The third-party register: whether the corporate security policy's duty covers each contractor or supplier (entrusted with protectively marked or business-critical information, and with unsupervised access to MoJ property), and for those it covers whether the control requirements were communicated and compliance confirmed within the policy's period, with counts per business area and overall. A malformed supplier record is listed with its error and the rest are still checked."
    third_parties / third_parties_json as thirdParties / thirdPartiesJson
        ("ThirdPartiesRequest") -> "ThirdPartyReport" = json::THIRD_PARTIES;
    "Every decision this engine's policy (compared from) and another policy document (compared to) make differently, over every class of breach report and of site: how many classes each space has, the classes whose answer differs grouped by what changes with both answers (reasons included) for one class of each group, and the documents' differences by JSON pointer with what each does to their authority. An invalid policy gives its validation errors, pointed into the request (`/policy/...`)."
    policy_diff / policy_diff_json as policyDiff / policyDiffJson
        ("PolicyDiffRequest") -> "PolicyDiff" = json::POLICY_DIFF;
    "An incident register re-assessed under this engine's policy (compared from) and another policy document (compared to): the records whose recommended level changes, counted by level, kind and business area, and listed. A malformed record is listed under `rejected` and the others are still used."
    policy_impact / policy_impact_json as policyImpact / policyImpactJson
        ("PolicyImpactRequest") -> "RegisterImpact" = json::POLICY_IMPACT;
    "The manager's guidance POLSBP003 asks each organisation to publish, generated from the policy document: what counts as a breach, every listed example with its level and clause, the matrix and its bands, how repeats, warnings and intent escalate, routes and flags, the counter-terrorism obligations and schedules, and which values are the organisation's own choices. As Markdown or as one self-contained, accessible HTML page."
    policy_guidance / policy_guidance_json as policyGuidance / policyGuidanceJson
        ("GuidanceRequest") -> "GuidanceAnswer" = json::POLICY_GUIDANCE;
}

#[cfg(feature = "full")]
#[wasm_bindgen(typescript_custom_section)]
const TS_OPERATIONS: &str = r#"
/** One JSON operation of the library's table. */
export interface OperationInfo {
    /** The function's name (and `${name}Json` for its JSON text twin). */
    name: string;
    /** What its request is. */
    request: string;
    /** What it answers. */
    summary: string;
}
"#;

/// Every JSON operation of the library, in the table's order: each is a module
/// function, a `…Json` twin and the same two methods on `Engine`.
#[cfg(feature = "full")]
#[wasm_bindgen(unchecked_return_type = "OperationInfo[]")]
pub fn operations() -> js_sys::Array {
    json::OPERATIONS
        .iter()
        .map(|operation| {
            let info = js_sys::Object::new();
            set(&info, "name", &JsValue::from_str(operation.name));
            set(&info, "request", &JsValue::from_str(operation.request));
            set(&info, "summary", &JsValue::from_str(operation.summary));
            JsValue::from(info)
        })
        .collect()
}

/// The embedded MoJ default policy document, to inspect, change and load back
/// with `new Engine(document)`.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = exportPolicy, unchecked_return_type = "Policy")]
pub fn export_policy() -> Result<JsValue, JsValue> {
    from_json_text(&json::export_policy(default_engine()))
}

/// The embedded MoJ default policy document as pretty-printed JSON text.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = exportPolicyJson)]
pub fn export_policy_json() -> String {
    json::export_policy(default_engine())
}

/// The breach section of the embedded MoJ default policy document: the kinds
/// with their lists and wording, the matrix, bands, history window, routes and
/// flags, for a form to offer the choices the policy defines.
#[wasm_bindgen(js_name = breachRules, unchecked_return_type = "BreachRules")]
pub fn breach_rules() -> Result<JsValue, JsValue> {
    default_breach_rules()
}

/// The default policy's breach section, written by the engine.
#[cfg(feature = "full")]
fn default_breach_rules() -> Result<JsValue, JsValue> {
    from_json_text(&default_engine().breach_engine().rules_json())
}

/// The default policy's breach section: in the breach form's module, read
/// from the text [`FORM_BREACH_RULES`] holds, so that the form does not carry
/// the policy types' serialisers (about 4 KB gzipped) to write one document
/// that never changes.
#[cfg(not(feature = "full"))]
fn default_breach_rules() -> Result<JsValue, JsValue> {
    from_json_text(FORM_BREACH_RULES)
}

/// The embedded default policy's breach section as the engine writes it in
/// one line (`serde_json::to_string` of [`spf_core::BreachEngine::rules`]).
/// `tests/form_breach_rules.rs` fails when it differs from what the engine
/// writes now, and rewrites it with `SPF_BLESS_FORM_RULES=1`.
#[cfg(not(feature = "full"))]
const FORM_BREACH_RULES: &str = include_str!("form_breach_rules.json");

/// The library version, for example `"0.1.0"`.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Every stable error code, in documentation order.
#[wasm_bindgen(js_name = errorCodes, unchecked_return_type = "ErrorCode[]")]
pub fn error_codes() -> js_sys::Array {
    ErrorCode::ALL
        .iter()
        .map(|code| JsValue::from_str(code.as_str()))
        .collect()
}

/// Whether a caught value is an error this module threw (narrows it to
/// `SpfException` in TypeScript).
#[wasm_bindgen(js_name = isSpfError, unchecked_return_type = "value is SpfException")]
pub fn is_spf_error(value: &JsValue) -> bool {
    value.is_instance_of::<js_sys::Error>()
        && Reflect::get(value, &JsValue::from_str("name"))
            .ok()
            .and_then(|name| name.as_string())
            .is_some_and(|name| name == "SpfError")
        && Reflect::get(value, &JsValue::from_str("code"))
            .ok()
            .is_some_and(|code| code.is_string())
}

/// A policy engine built from a policy document: every operation of the module,
/// under that document's rules instead of the embedded MoJ default.
///
/// The engine lives in WebAssembly memory. Call `free()` when done with it (or
/// use `using` where supported); an engine that is garbage-collected without
/// `free()` is released by a finalizer where the runtime has weak references.
/// A method called after `free()`, or a second `free()`, throws an `Error` (from
/// the bindings, so without a `code`).
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = Engine)]
pub struct WasmEngine {
    engine: Engine,
}

#[cfg(feature = "full")]
#[wasm_bindgen(js_class = Engine)]
impl WasmEngine {
    /// Validates and compiles a policy document (an object, or its JSON text).
    /// Every problem is reported: the thrown error carries the first one's
    /// `code` and `path`, and `errors` lists them all.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Policy | string")] policy: &JsValue,
    ) -> Result<WasmEngine, JsValue> {
        let text = match js_text(policy) {
            Some(text) => text,
            // Every thrown error lists its problems, this one alone here.
            None => to_json_text(policy, POLICY_DOCUMENT)?,
        };
        let from_object = policy.as_string().is_none();
        match json::load_policy(&text) {
            Ok(engine) => Ok(WasmEngine { engine }),
            Err(errors) => {
                let tidy = |error: &SpfError| {
                    if from_object {
                        error.clone().without_position()
                    } else {
                        error.clone()
                    }
                };
                let errors: Vec<SpfError> = errors.iter().map(tidy).collect();
                let Some(first) = errors.first() else {
                    return Err(throw_value(&SpfError::new(
                        ErrorCode::Internal,
                        "the policy was rejected without a reason",
                        "",
                    )));
                };
                let message = if errors.len() > 1 {
                    format!("{} (and {} more)", first.message, errors.len() - 1)
                } else {
                    first.message.clone()
                };
                let thrown = throw_value(&SpfError::new(first.code, message, first.path.clone()));
                let all: js_sys::Array = errors.iter().map(error_object).collect();
                set(&thrown, "errors", &all);
                Err(thrown)
            }
        }
    }

    /// An engine with the embedded MoJ default policy.
    #[wasm_bindgen(js_name = mojDefault)]
    pub fn moj_default() -> WasmEngine {
        WasmEngine {
            engine: default_engine().clone(),
        }
    }

    /// The id of the engine's policy document, for example `"moj-default"`.
    #[wasm_bindgen(getter, js_name = policyId)]
    pub fn policy_id(&self) -> String {
        self.engine.policy_ref().id.to_string()
    }

    /// The version of the engine's policy document.
    #[wasm_bindgen(getter, js_name = policyVersion)]
    pub fn policy_version(&self) -> String {
        self.engine.policy_ref().version.to_string()
    }

    /// This engine's policy document.
    #[wasm_bindgen(js_name = exportPolicy, unchecked_return_type = "Policy")]
    pub fn export_policy(&self) -> Result<JsValue, JsValue> {
        from_json_text(&json::export_policy(&self.engine))
    }

    /// This engine's policy document as pretty-printed JSON text.
    #[wasm_bindgen(js_name = exportPolicyJson)]
    pub fn export_policy_json(&self) -> String {
        json::export_policy(&self.engine)
    }
}
