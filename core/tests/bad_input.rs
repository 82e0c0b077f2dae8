//! Bad input through the JSON entry points: every case gets its documented code
//! and the JSON pointer of the offending value, never a panic.

// Test code: helpers outside #[test] functions may unwrap and index.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use spf_core::{Engine, ErrorCode, json};

const PERSON: &str = r#""person":{"status":"employee","organisation":"moj"}"#;

fn report(fields: &str) -> String {
    format!(r#"{{{fields},{PERSON}}}"#)
}

struct Case {
    name: &'static str,
    input: String,
    code: ErrorCode,
    path: &'static str,
}

fn case(name: &'static str, input: impl Into<String>, code: ErrorCode, path: &'static str) -> Case {
    Case {
        name,
        input: input.into(),
        code,
        path,
    }
}

fn breach_cases() -> Vec<Case> {
    let base = r#""kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-03-01""#;
    vec![
        case("empty input", "", ErrorCode::EmptyInput, ""),
        case("whitespace only", " \n\t ", ErrorCode::EmptyInput, ""),
        // Syntax errors point at where the parser stopped.
        case(
            "malformed JSON",
            "{\"kind\": ",
            ErrorCode::MalformedJson,
            "/kind",
        ),
        case(
            "malformed JSON at the top",
            "{kind}",
            ErrorCode::MalformedJson,
            "",
        ),
        case(
            "not an object",
            "\"lossOfPass\"",
            ErrorCode::InvalidType,
            "",
        ),
        case("a number", "42", ErrorCode::InvalidType, ""),
        case(
            "trailing data",
            format!("{} {{}}", report(base)),
            ErrorCode::MalformedJson,
            "",
        ),
        case(
            "unknown field",
            report(&format!(r#"{base},"care_level":"x""#)),
            ErrorCode::UnknownField,
            "/care_level",
        ),
        case(
            "unknown nested field",
            format!(
                r#"{{{base},"person":{{"status":"employee","organisation":"moj","grade":"G7"}}}}"#
            ),
            ErrorCode::UnknownField,
            "/person/grade",
        ),
        case(
            "duplicate field",
            report(&format!(r#"{base},"kind":"passNotWorn""#)),
            ErrorCode::DuplicateField,
            "/kind",
        ),
        case(
            "unknown field with pointer-escaped characters",
            report(&format!(r#"{base},"a/b~c":1"#)),
            ErrorCode::UnknownField,
            "/a~1b~0c",
        ),
        case(
            "missing field",
            report(r#""kind":"lossOfPass","occurred":"2026-03-01""#),
            ErrorCode::MissingField,
            "",
        ),
        case(
            "unknown kind",
            report(r#""kind":"lostPass","care":"avoidableCarelessness","occurred":"2026-03-01""#),
            ErrorCode::UnknownValue,
            "/kind",
        ),
        case(
            "unknown care",
            report(r#""kind":"lossOfPass","care":"sloppy","occurred":"2026-03-01""#),
            ErrorCode::UnknownValue,
            "/care",
        ),
        case(
            "unknown classification",
            report(&format!(
                r#"{base},"marking":{{"classification":"ultraSecret"}}"#
            )),
            ErrorCode::UnknownValue,
            "/marking/classification",
        ),
        case(
            "STRAP on OFFICIAL",
            report(&format!(
                r#"{base},"marking":{{"classification":"official","caveats":["strap"]}}"#
            )),
            ErrorCode::InvalidMarking,
            "/marking/caveats",
        ),
        case(
            "SENSITIVE on SECRET",
            report(&format!(
                r#"{base},"marking":{{"classification":"secret","caveats":["sensitive"]}}"#
            )),
            ErrorCode::InvalidMarking,
            "/marking/caveats",
        ),
        case(
            "STRAP on legacy RESTRICTED (OFFICIAL after conversion)",
            report(&format!(
                r#"{base},"marking":{{"classification":"restricted","caveats":["strap"]}}"#
            )),
            ErrorCode::InvalidMarking,
            "/marking/caveats",
        ),
        case(
            "repeated caveat",
            report(&format!(
                r#"{base},"marking":{{"classification":"topSecret","caveats":["strap","strap"]}}"#
            )),
            ErrorCode::InvalidMarking,
            "/marking/caveats",
        ),
        case(
            "impossible date",
            report(r#""kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-02-30""#),
            ErrorCode::InvalidDate,
            "/occurred",
        ),
        case(
            "wrongly written date",
            report(r#""kind":"lossOfPass","care":"avoidableCarelessness","occurred":"01/03/2026""#),
            ErrorCode::InvalidDate,
            "/occurred",
        ),
        case(
            "earlier breach dated after the breach",
            report(&format!(
                r#"{base},"earlierBreaches":[{{"date":"2026-01-01","kind":"lossOfPass"}},{{"date":"2026-03-02","kind":"lossOfPass"}}]"#
            )),
            ErrorCode::DateOutOfOrder,
            "/earlierBreaches/1/date",
        ),
        case(
            "impossible earlier breach date",
            report(&format!(
                r#"{base},"earlierBreaches":[{{"date":"2025-13-01","kind":"lossOfPass"}}]"#
            )),
            ErrorCode::InvalidDate,
            "/earlierBreaches/0/date",
        ),
        case(
            "negative warnings",
            report(&format!(r#"{base},"previousWarnings":-1"#)),
            ErrorCode::InvalidType,
            "/previousWarnings",
        ),
        case(
            "warnings as text",
            report(&format!(r#"{base},"previousWarnings":"one""#)),
            ErrorCode::InvalidType,
            "/previousWarnings",
        ),
        case(
            "unsupported schema version",
            report(&format!(r#"{base},"schemaVersion":2"#)),
            ErrorCode::UnsupportedSchemaVersion,
            "/schemaVersion",
        ),
        case(
            "change of circumstances by someone not cleared",
            report(
                r#""kind":"changeOfCircumstancesNotReported","care":"avoidableCarelessness","occurred":"2026-03-01""#,
            ),
            ErrorCode::KindNotApplicable,
            "/person/securityCleared",
        ),
        case(
            "SECRET-material kind with OFFICIAL material",
            report(
                r#""kind":"secretMaterialCompromisedThroughNegligence","marking":{"classification":"official"},"care":"avoidableCarelessness","occurred":"2026-03-01""#,
            ),
            ErrorCode::KindNotApplicable,
            "/marking",
        ),
        // Every level of a request is typed, so deep nesting is rejected at the
        // first level that has the wrong type, long before any stack is at risk.
        case(
            "deeply nested JSON",
            format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
            ErrorCode::InvalidType,
            "",
        ),
        // An array where an object belongs is never read by position, even
        // when its values are the fields' values in their declared order.
        case(
            "the report as an array of its fields' values",
            r#"["lossOfPass","avoidableCarelessness","2026-03-01"]"#,
            ErrorCode::InvalidType,
            "",
        ),
        case(
            "the person as an array",
            format!(r#"{{{base},"person":["employee","moj"]}}"#),
            ErrorCode::InvalidType,
            "/person",
        ),
        case(
            "the marking as an array",
            report(&format!(r#"{base},"marking":["secret",["strap"]]"#)),
            ErrorCode::InvalidType,
            "/marking",
        ),
        case(
            "an earlier breach as an array",
            report(&format!(
                r#"{base},"earlierBreaches":[["2026-01-01","lossOfPass"]]"#
            )),
            ErrorCode::InvalidType,
            "/earlierBreaches/0",
        ),
        case(
            "an empty array for the report",
            "[]",
            ErrorCode::InvalidType,
            "",
        ),
        // A lone surrogate is no character, in free text or anywhere else.
        case(
            "lone leading surrogate in the reference",
            report(&format!(r#"{base},"reference":"R-\ud800""#)),
            ErrorCode::InvalidUnicode,
            "/reference",
        ),
        case(
            "lone trailing surrogate in the reference",
            report(&format!(r#"{base},"reference":"\udc00-R""#)),
            ErrorCode::InvalidUnicode,
            "/reference",
        ),
        case(
            "leading surrogate followed by another escape",
            report(&format!(r#"{base},"reference":"\ud800\n""#)),
            ErrorCode::InvalidUnicode,
            "/reference",
        ),
        case(
            "lone surrogate in a nested name",
            format!(r#"{{{base},"person":{{"status":"employee","organisation":"\udfffmoj"}}}}"#),
            ErrorCode::InvalidUnicode,
            "/person/organisation",
        ),
        case(
            "lone surrogate in a field name",
            report(&format!(r#"{base},"x\ud800":1"#)),
            ErrorCode::InvalidUnicode,
            "",
        ),
        case(
            "deeply nested value in a field",
            report(&format!(
                r#"{base},"reference":{}1{}"#,
                "{\"a\":".repeat(100_000),
                "}".repeat(100_000)
            )),
            ErrorCode::InvalidType,
            "/reference",
        ),
    ]
}

#[test]
fn every_bad_breach_request_gets_its_code_and_path() {
    let engine = Engine::moj_default();
    // The base request is valid, so each case fails only for its own reason.
    let valid =
        report(r#""kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-03-01""#);
    json::assess_breach(&engine, &valid).unwrap();
    for case in breach_cases() {
        let err = json::assess_breach(&engine, &case.input).expect_err(case.name);
        assert_eq!(
            (err.code, err.path.as_str()),
            (case.code, case.path),
            "{}: {}",
            case.name,
            err.message
        );
        assert!(!err.message.is_empty(), "{}", case.name);
        assert!(
            !err.message.ends_with('.'),
            "{}: {}",
            case.name,
            err.message
        );
        for rust_type in ["u32", "u8", "struct ", "BreachReport", "Option<"] {
            assert!(
                !err.message.contains(rust_type),
                "{}: {}",
                case.name,
                err.message
            );
        }
        // The error document is well-formed JSON: the three fields of the
        // first problem and `errors`, whose first entry is that problem.
        let doc: serde_json::Value = serde_json::from_str(&err.to_json()).unwrap();
        assert_eq!(doc.as_object().unwrap().len(), 4, "{}", case.name);
        let first = &doc["errors"][0];
        for key in ["code", "message", "path"] {
            assert_eq!(first[key], doc[key], "{}", case.name);
        }
        assert_eq!(
            doc["errors"].as_array().unwrap().len(),
            1 + err.also.len(),
            "{}",
            case.name
        );
    }
}

#[test]
fn untyped_nesting_stops_at_the_parser_limit() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let err = json::parse::<serde_json::Value>(&deep).unwrap_err();
    assert_eq!(err.code, ErrorCode::NestingTooDeep);
}

#[test]
fn huge_inputs_are_answered_without_echoing_them_whole() {
    let engine = Engine::moj_default();
    let huge_date = "9".repeat(10 * 1024 * 1024);
    let input = report(&format!(
        r#""kind":"lossOfPass","care":"avoidableCarelessness","occurred":"{huge_date}""#
    ));
    let err = json::assess_breach(&engine, &input).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidDate);
    assert!(err.message.len() < 200, "{}", err.message.len());

    // A 10 MB reference is valid input and is echoed.
    let big_reference = "r".repeat(10 * 1024 * 1024);
    let input = report(&format!(
        r#""reference":"{big_reference}","kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-03-01""#
    ));
    let answer = json::assess_breach(&engine, &input).unwrap();
    assert!(answer.len() > big_reference.len());
}

#[test]
fn a_surrogate_pair_is_one_character() {
    let engine = Engine::moj_default();
    let answer = json::assess_breach(
        &engine,
        &report(r#""reference":"\ud834\udd1e","kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-03-01""#),
    )
    .unwrap();
    assert!(answer.contains("\"reference\":\"\u{1d11e}\""), "{answer}");
}

#[test]
fn an_array_where_an_object_belongs_is_rejected_in_every_request_type() {
    let engine = Engine::moj_default();
    let site = r#"{"id":"X1","name":"X","tier":"low","tierAssessed":"2026-01-10"}"#;
    let record = r#"{"id":"I-1","occurred":"2026-05-01","recorded":"2026-05-02","businessArea":"HMCTS","kind":"lossOfPass","level":"minor"}"#;
    let cases: Vec<(&str, json::EntryPoint, String, &str, &str)> = vec![
        ("site status request", json::site_status, r#"["2026-11-23","low"]"#.into(), "", "a site status request object"),
        (
            "a site",
            json::site_status,
            r#"{"asOf":"2026-11-23","threatLevel":"low","site":["X1","X","low","2026-01-10"]}"#.into(),
            "/site",
            "a site object",
        ),
        (
            "a CT plan",
            json::site_status,
            format!(r#"{{"asOf":"2026-11-23","threatLevel":"low","site":{}}}"#, site.replace('}', r#","ctPlan":[true,"2025-12-01"]}"#)),
            "/site/ctPlan",
            "a CT plan object",
        ),
        (
            "a response override",
            json::response_level,
            r#"{"threatLevel":"low","responseOverride":["heightened"]}"#.into(),
            "/responseOverride",
            "a response override object with `level` and optional `approval`",
        ),
        ("co-ordination request", json::coordinate, r#"[["HMCTS"],false]"#.into(), "", "a co-ordination request object"),
        ("portfolio request", json::portfolio, format!(r#"["2026-11-23","low",[{site}]]"#), "", "a portfolio request object"),
        ("site by id request", json::site_status_by_id, format!(r#"["2026-11-23","low","X1",[{site}]]"#), "", "a site status by id request object"),
        ("trend request", json::trend_report, format!(r#"["2026-04-01","2026-06-30",[{record}]]"#), "", "a trend report request object"),
        (
            "a compliance element",
            json::evaluate_compliance,
            r#"{"businessArea":"HMPPS","returnDate":"2026-03-31","elements":[["appeals","inPlace"]]}"#.into(),
            "/elements/0",
            "an element return object",
        ),
        (
            "a compliance variation",
            json::evaluate_compliance,
            r#"{"businessArea":"HMPPS","returnDate":"2026-03-31","elements":[{"element":"appeals","status":"variation","variation":["regional panel"]}]}"#.into(),
            "/elements/0/variation",
            "a variation object",
        ),
    ];
    for (name, operation, request, path, expected) in cases {
        let err = operation(&engine, &request).expect_err(name);
        assert_eq!(
            (err.code, err.path.as_str()),
            (ErrorCode::InvalidType, path),
            "{name}: {err}"
        );
        assert!(
            err.message.starts_with(&format!(
                "invalid type: array, expected {expected} at line 1 column "
            )),
            "{name}: {}",
            err.message
        );
    }
    // An item read on its own is rejected on its own, the others still read.
    let answer = json::portfolio(
        &engine,
        &format!(r#"{{"asOf":"2026-11-23","threatLevel":"low","sites":[["X1","X","low","2026-01-10"],{site}]}}"#),
    )
    .unwrap();
    assert!(
        answer.contains(r#""rejected":[{"index":0,"error":{"code":"invalidType","message":"invalid type: array, expected a site object","path":"/sites/0","errors":[{"code":"invalidType","message":"invalid type: array, expected a site object","path":"/sites/0"}]}}]"#),
        "{answer}"
    );
    let answer = json::trend_report(
        &engine,
        &format!(
            r#"{{"from":"2026-04-01","to":"2026-06-30","records":[["I-0","2026-05-01"],{record}]}}"#
        ),
    )
    .unwrap();
    assert!(
        answer.contains(r#""rejected":[{"index":0,"error":{"code":"invalidType","message":"invalid type: array, expected an incident record object","path":"/records/0","errors":[{"code":"invalidType","message":"invalid type: array, expected an incident record object","path":"/records/0"}]}}]"#),
        "{answer}"
    );
    // Picked by id, an array is never taken for the site: it has no id.
    let err = json::site_status_by_id(
        &engine,
        r#"{"asOf":"2026-11-23","threatLevel":"low","siteId":"X1","sites":[["X1","X","low","2026-01-10"]]}"#,
    )
    .unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        (ErrorCode::UnknownValue, "/siteId")
    );
}

#[test]
fn long_caller_text_is_quoted_as_200_characters_and_an_ellipsis() {
    let engine = Engine::moj_default();
    let base = r#""kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-03-01""#;
    let name = "ж".repeat(10_000);
    let err = json::assess_breach(&engine, &report(&format!(r#"{base},"{name}":1"#))).unwrap_err();
    assert_eq!(err.code, ErrorCode::UnknownField);
    // The pointer is exact, whatever its length; the message is not.
    assert_eq!(err.path, format!("/{name}"));
    let quoted = format!("unknown field `{}…`; expected one of `", "ж".repeat(200));
    assert!(
        err.message.starts_with(&quoted),
        "{}",
        err.message.chars().take(100).collect::<String>()
    );
    assert!(err.message.len() < 1_000, "{} bytes", err.message.len());

    let err = json::assess_breach(
        &engine,
        &report(&format!(
            r#""kind":"{name}","care":"avoidableCarelessness","occurred":"2026-03-01""#
        )),
    )
    .unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        (ErrorCode::UnknownValue, "/kind")
    );
    assert!(
        err.message
            .starts_with(&format!("unknown value `{}…` for `kind`", "ж".repeat(200)))
    );

    let err = json::assess_breach(
        &engine,
        &report(&format!(r#"{base},"previousWarnings":"{name}""#)),
    )
    .unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        (ErrorCode::InvalidType, "/previousWarnings")
    );
    assert!(
        err.message.starts_with(&format!(
            "invalid type: string \"{}…\", expected ",
            "ж".repeat(200)
        )),
        "{}",
        &err.message[..100]
    );

    // A site id asked for and not found is the caller's text too.
    let err = json::site_status_by_id(
        &engine,
        &format!(r#"{{"asOf":"2026-11-23","threatLevel":"low","siteId":"{name}","sites":[]}}"#),
    )
    .unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        (ErrorCode::UnknownValue, "/siteId")
    );
    assert!(err.message.len() < 1_000, "{}", err.message.len());
}

#[test]
fn a_nul_in_caller_text_is_shown_as_an_escape() {
    let engine = Engine::moj_default();
    let base = r#""kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-03-01""#;
    let err =
        json::assess_breach(&engine, &report(&format!(r#"{base},"a\u0000b":1"#))).unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        (ErrorCode::UnknownField, "/a\u{0}b")
    );
    assert!(
        err.message
            .starts_with("unknown field `a\\u0000b`; expected one of `"),
        "{}",
        err.message
    );
    assert!(!err.message.contains('\u{0}'));
    // The error document keeps the path exact: a JSON escape of the NUL.
    assert!(
        err.to_json().contains(r#""path":"/a\u0000b""#),
        "{}",
        err.to_json()
    );
    let err = json::assess_breach(
        &engine,
        &report(r#""kind":"loss\u0000","care":"avoidableCarelessness","occurred":"2026-03-01""#),
    )
    .unwrap_err();
    assert!(
        err.message
            .starts_with("unknown value `loss\\u0000` for `kind`"),
        "{}",
        err.message
    );
    let err = json::assess_breach(
        &engine,
        &report(r#""kind":"lossOfPass","care":"avoidableCarelessness","occurred":"\u0000""#),
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidDate);
    assert!(
        err.message.starts_with("invalid date `\\u0000`"),
        "{}",
        err.message
    );
}

#[test]
fn unknown_field_error_names_the_valid_fields() {
    let engine = Engine::moj_default();
    let err = json::assess_breach(
        &engine,
        &report(r#""kind":"lossOfPass","care":"avoidableCarelessness","ocurred":"2026-03-01""#),
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::UnknownField);
    assert_eq!(err.path, "/ocurred");
    assert!(err.message.contains("`ocurred`") && err.message.contains("`occurred`"));
}

#[test]
fn bad_policy_documents_are_rejected_with_code_and_path() {
    let exported = Engine::moj_default().policy_json();
    let cases: Vec<(&str, String, ErrorCode, &str)> = vec![
        ("empty", String::new(), ErrorCode::EmptyInput, ""),
        (
            "truncated",
            {
                let cut = exported.find("\"effectiveDate\": \"20").unwrap() + 19;
                exported[..cut].to_owned()
            },
            ErrorCode::MalformedJson,
            "/effectiveDate",
        ),
        (
            "unknown kind",
            exported.replacen("\"kind\": \"lossOfPass\"", "\"kind\": \"lostPass\"", 1),
            ErrorCode::UnknownValue,
            "/breach/kinds/0/kind",
        ),
        (
            "unknown field",
            exported.replacen("\"title\":", "\"titel\": \"x\", \"title\":", 1),
            ErrorCode::UnknownField,
            "/titel",
        ),
        (
            "missing kind entry",
            {
                let mut policy = spf_core::Policy::moj_default();
                policy.breach.kinds.pop();
                policy.to_json_pretty()
            },
            ErrorCode::PolicyIncomplete,
            "/breach/kinds",
        ),
        (
            "bands do not cover 1 to 12",
            exported.replacen("\"maxScore\": 12", "\"maxScore\": 11", 1),
            ErrorCode::PolicyBandsInvalid,
            "/breach/bands",
        ),
        (
            "score out of range",
            exported.replacen(
                "\"official\": [\n        1,",
                "\"official\": [\n        0,",
                1,
            ),
            ErrorCode::PolicyInvalidValue,
            "/breach/matrix/official/0",
        ),
        (
            "score too big for its field",
            exported.replacen(
                "\"official\": [\n        1,",
                "\"official\": [\n        300,",
                1,
            ),
            ErrorCode::InvalidType,
            "/breach/matrix/official/0",
        ),
        (
            "non-monotone band levels",
            {
                let mut policy = spf_core::Policy::moj_default();
                policy.breach.bands[2].level = spf_core::Level::Minor;
                policy.breach.bands[1].level = spf_core::Level::Serious;
                policy.to_json_pretty()
            },
            ErrorCode::PolicyNotMonotone,
            "/breach/bands/2/level",
        ),
        (
            "the document as an array",
            r#"[1, "moj-default"]"#.to_owned(),
            ErrorCode::InvalidType,
            "",
        ),
        (
            "a section as an array",
            {
                let mut document: serde_json::Value = serde_json::from_str(&exported).unwrap();
                let values = document["incidents"]
                    .as_object()
                    .unwrap()
                    .values()
                    .cloned()
                    .collect();
                document["incidents"] = serde_json::Value::Array(values);
                document.to_string()
            },
            ErrorCode::InvalidType,
            "/incidents",
        ),
        (
            "a band as an array",
            {
                let mut document: serde_json::Value = serde_json::from_str(&exported).unwrap();
                let values = document["breach"]["bands"][1]
                    .as_object()
                    .unwrap()
                    .values()
                    .cloned()
                    .collect();
                document["breach"]["bands"][1] = serde_json::Value::Array(values);
                document.to_string()
            },
            ErrorCode::InvalidType,
            "/breach/bands/1",
        ),
        (
            "a lone surrogate in the title",
            exported.replacen("\"title\": \"", "\"title\": \"\\udbff", 1),
            ErrorCode::InvalidUnicode,
            "/title",
        ),
        (
            "effective date impossible",
            exported.replacen(
                "\"effectiveDate\": \"2026-11-01\"",
                "\"effectiveDate\": \"2026-11-31\"",
                1,
            ),
            ErrorCode::InvalidDate,
            "/effectiveDate",
        ),
    ];
    for (name, document, code, path) in cases {
        assert_ne!(document, exported, "{name}: the mutation must apply");
        let errors = json::load_policy(&document).expect_err(name);
        let first = errors.first();
        assert_eq!(
            (first.code, first.path.as_str()),
            (code, path),
            "{name}: {}",
            first.message
        );
    }
}

/// `(code, path)` of every problem an error reports, first one first.
fn every_problem(err: &spf_core::SpfError) -> Vec<(ErrorCode, String)> {
    err.problems()
        .into_iter()
        .map(|problem| (problem.code, problem.path))
        .collect()
}

#[test]
fn a_request_with_three_mistakes_reports_all_three_the_first_unchanged() {
    let engine = Engine::moj_default();
    // An unknown kind, an unknown care value and no `occurred`.
    let request = report(r#""kind":"passwordSharing","care":"carelessish""#);
    let err = json::assess_breach(&engine, &request).unwrap_err();
    // The first problem is the top-level error, as a single-error reading gives it.
    assert_eq!(
        (err.code, err.path.as_str()),
        (ErrorCode::UnknownValue, "/kind")
    );
    assert_eq!(
        err.message,
        "unknown value `passwordSharing` for `kind`; did you mean `passwordOrAccountSharing`? at line 1 column 25"
    );
    assert_eq!(
        every_problem(&err),
        [
            (ErrorCode::UnknownValue, "/kind".to_owned()),
            (ErrorCode::UnknownValue, "/care".to_owned()),
            (ErrorCode::MissingField, String::new()),
        ]
    );
    let problems = err.problems();
    assert!(
        problems[1].message.starts_with(
            "unknown value `carelessish` for `care`; expected one of `avoidableCarelessness`, "
        ),
        "{}",
        problems[1].message
    );
    assert_eq!(problems[2].message, "missing field `occurred`");
    // On the wire: `{code, message, path}` of the first, and `errors` with all three.
    let doc: serde_json::Value = serde_json::from_str(&err.to_json()).unwrap();
    assert_eq!(doc["code"], "unknownValue");
    assert_eq!(doc["path"], "/kind");
    let listed: Vec<(&str, &str)> = doc["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["code"].as_str().unwrap(), e["path"].as_str().unwrap()))
        .collect();
    assert_eq!(
        listed,
        [
            ("unknownValue", "/kind"),
            ("unknownValue", "/care"),
            ("missingField", "")
        ]
    );
    assert_eq!(doc["errors"][0]["message"], doc["message"]);
    // Later problems carry no parser position: it would count in text the
    // caller never wrote.
    assert!(
        problems
            .iter()
            .skip(1)
            .all(|p| !p.message.contains(" at line "))
    );
}

#[test]
fn every_missing_field_and_unknown_value_of_a_breach_report_is_listed() {
    let engine = Engine::moj_default();
    let err = json::assess_breach(
        &engine,
        r#"{"kind":"lostPass","damage":"huge","person":{"status":"temp","organisation":"MOJ"}}"#,
    )
    .unwrap_err();
    assert_eq!(
        every_problem(&err),
        [
            (ErrorCode::UnknownValue, "/kind".to_owned()),
            (ErrorCode::UnknownValue, "/damage".to_owned()),
            (ErrorCode::UnknownValue, "/person/status".to_owned()),
            (ErrorCode::MissingField, String::new()),
            (ErrorCode::MissingField, String::new()),
        ],
        "{:#?}",
        err.problems()
    );
    let messages: Vec<String> = err.problems().into_iter().map(|p| p.message).collect();
    assert!(
        messages[0].contains("did you mean `lossOfPass`?"),
        "{}",
        messages[0]
    );
    assert_eq!(messages[3], "missing field `care`");
    assert_eq!(messages[4], "missing field `occurred`");
    // `MOJ` is `moj` in another case: not a mistake.
    assert!(!messages.iter().any(|m| m.contains("`MOJ`")));
}

#[test]
fn a_missing_object_is_one_problem() {
    let engine = Engine::moj_default();
    let err = json::assess_breach(
        &engine,
        r#"{"kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-03-01"}"#,
    )
    .unwrap_err();
    assert_eq!(
        every_problem(&err),
        [(ErrorCode::MissingField, String::new())]
    );
    assert!(err.message.starts_with("missing field `person`"));
}

#[test]
fn enum_values_are_read_in_any_case_and_written_in_camel_case() {
    let engine = Engine::moj_default();
    let shouted = json::assess_breach(
        &engine,
        r#"{"kind":"LOSSOFPASS","care":"AvoidableCarelessness","occurred":"2026-03-01",
            "person":{"status":"EMPLOYEE","organisation":"moj"}}"#,
    )
    .unwrap();
    let plain = json::assess_breach(
        &engine,
        &report(r#""kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-03-01""#),
    )
    .unwrap();
    assert_eq!(shouted, plain);
    assert!(shouted.contains(r#""kind":"lossOfPass""#));
    let answer = json::response_level(&engine, r#"{"threatLevel":"Severe"}"#).unwrap();
    assert!(answer.contains(r#""severe""#), "{answer}");
    // The alias too.
    let site = r#"{"asOf":"2026-11-23","threatLevel":"LOW","site":{"id":"A","name":"A","tier":"MEDIUM","tierAssessed":"2026-01-10"}}"#;
    let answer = json::site_status(&engine, site).unwrap();
    assert!(answer.contains(r#""tier":"moderate""#), "{answer}");
    // Field names stay exact: a field in another case is unknown, with the
    // field it was meant to be suggested.
    let err = json::assess_breach(
        &engine,
        &report(r#""Kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-03-01""#),
    )
    .unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        (ErrorCode::UnknownField, "/Kind")
    );
    assert!(
        err.message
            .starts_with("unknown field `Kind`; did you mean `kind`?"),
        "{}",
        err.message
    );
}

#[test]
fn a_policy_document_reads_enum_values_in_any_case_too() {
    let policy = json::export_policy(&Engine::moj_default());
    let shouted = policy.replacen(r#""lossOfPass""#, r#""LossOfPass""#, 1);
    assert_ne!(shouted, policy);
    let engine = json::load_policy(&shouted).unwrap();
    assert_eq!(json::export_policy(&engine), policy);
}

#[test]
fn problems_inside_a_portfolio_site_are_all_listed_with_the_site_pointer() {
    let engine = Engine::moj_default();
    let answer = json::portfolio(
        &engine,
        r#"{"asOf":"2026-11-23","threatLevel":"low","sites":[{"id":"A","tier":"enormous","colour":"red"}]}"#,
    )
    .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&answer).unwrap();
    let errors: Vec<(&str, &str)> = doc["rejected"][0]["error"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["code"].as_str().unwrap(), e["path"].as_str().unwrap()))
        .collect();
    assert_eq!(errors[0], ("unknownValue", "/sites/0/tier"));
    assert!(
        errors.contains(&("unknownField", "/sites/0/colour")),
        "{errors:?}"
    );
    assert!(errors.contains(&("missingField", "/sites/0")), "{errors:?}");
    assert!(!answer.contains(" at line "), "{answer}");
}
