//! What an input's size costs: every JSON operation of the table, and policy
//! loading, run on a request of size n and 4n (doubled twice) along the dimension a caller
//! can grow (earlier breaches, sites, records, business areas, text), including
//! the shapes an attacker would pick (one person's breaches all on one day). The
//! time ratio between 4n and n is bounded loosely: linear or n·log n work gives
//! about 4, quadratic work 16. The bound is on a ratio measured in the same run
//! (the fastest of several tries), never on an absolute time.
//!
//! Each operation's rustdoc states its cost; a new operation fails
//! `every_operation_has_a_growing_request` until it is given one here.

// Test code: helpers outside #[test] functions may unwrap and index.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::time::{Duration, Instant};

use spf_core::operations::{OPERATIONS, operation};
use spf_core::{Engine, ErrorCode};

/// Four times the input may cost at most this many times the time.
const MAX_RATIO_FOR_4X: f64 = 8.0;
/// Tries per size; the fastest counts (the others met a busy machine).
const TRIES: usize = 5;
/// Measurements before a ratio over the bound fails the test.
const ATTEMPTS: usize = 3;
/// Characters of caller text at the smallest size: small enough that four times
/// as much still fits in the processor's caches, whose edge would otherwise
/// look like superlinear work.
const TEXT_BASE: usize = 40_000;

/// How to grow an operation's request: what grows, the smallest size, and the
/// request of size `n` (which the operation answers, not rejects).
struct Growing {
    dimension: &'static str,
    base: usize,
    request: fn(usize) -> String,
}

fn sites(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                r#"{{"id":"S-{i:07}","name":"Site {i}","businessArea":"HMCTS","tier":"{}","tierAssessed":"2026-02-10","ctPlan":{{"variesByResponseLevel":true,"lastTested":"2025-0{}-15"}},"threatAssessment":{{"threatDocumented":true,"mitigationDocumented":true}},"riskAssessed":"2025-10-01"}}"#,
                ["low", "moderate", "high"][i % 3],
                1 + i % 9
            )
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// `n` earlier breaches of one kind, all inside the rolling window, as the
/// JSON of a report's `earlierBreaches` items.
fn earlier_breaches(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                r#"{{"date":"2026-{:02}-{:02}","kind":"lossOfPass"}}"#,
                1 + i % 9,
                1 + i % 28
            )
        })
        .collect::<Vec<_>>()
        .join(",")
}

fn growing(name: &str) -> Option<Growing> {
    Some(match name {
        "assessBreach" => Growing {
            dimension: "earlier breaches, all of the same kind inside the window",
            base: 2_000,
            request: |n| {
                let earlier = earlier_breaches(n);
                format!(
                    r#"{{"kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-11-02","person":{{"status":"employee","organisation":"moj"}},"earlierBreaches":[{}]}}"#,
                    earlier
                )
            },
        },
        "assessBreaches" => Growing {
            dimension: "reports in the array, every tenth one rejected",
            base: 2_000,
            request: |n| {
                let reports: Vec<&str> = (0..n)
                    .map(|i| {
                        if i % 10 == 9 {
                            r#"{"kind":"lossOfPas"}"#
                        } else {
                            r#"{"kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-11-02","person":{"status":"employee","organisation":"moj"}}"#
                        }
                    })
                    .collect();
                format!("[{}]", reports.join(","))
            },
        },
        "siteStatus" => Growing {
            dimension: "the length of the site's name",
            base: TEXT_BASE,
            request: |n| {
                format!(
                    r#"{{"asOf":"2026-11-23","threatLevel":"severe","site":{{"id":"S","name":"{}","businessArea":"HMCTS","tier":"moderate","tierAssessed":"2026-02-10","ctPlan":{{"variesByResponseLevel":true,"lastTested":"2025-03-01"}},"riskAssessed":"2025-10-01"}}}}"#,
                    "n".repeat(n)
                )
            },
        },
        "siteStatusById" => Growing {
            dimension: "sites in the estate, the one asked for last",
            base: 2_000,
            request: |n| {
                format!(
                    r#"{{"asOf":"2026-11-23","threatLevel":"severe","siteId":"S-{:07}","sites":[{}]}}"#,
                    n - 1,
                    sites(n)
                )
            },
        },
        "portfolio" => Growing {
            dimension: "sites in the estate",
            base: 1_000,
            request: |n| {
                format!(
                    r#"{{"asOf":"2026-11-23","threatLevel":"severe","sites":[{}]}}"#,
                    sites(n)
                )
            },
        },
        "threatChange" => Growing {
            dimension: "sites in the estate, every other one named in siteIds",
            base: 1_000,
            request: |n| {
                let named: Vec<String> = (0..n)
                    .step_by(2)
                    .map(|i| format!(r#""S-{i:07}""#))
                    .collect();
                format!(
                    r#"{{"asOf":"2026-11-23","from":"substantial","to":"critical","siteIds":[{}],"businessAreas":[{{"name":"HMCTS","securityOfficer":"Lead"}}],"sites":[{}]}}"#,
                    named.join(","),
                    sites(n)
                )
            },
        },
        "responseLevel" => Growing {
            dimension: "the length of an override's reason",
            base: TEXT_BASE,
            request: |n| {
                format!(
                    r#"{{"threatLevel":"severe","asOf":"2026-11-23","responseOverride":{{"level":"exceptional","approval":{{"by":"DSO","on":"2026-11-20","reason":"{}"}}}}}}"#,
                    "r".repeat(n)
                )
            },
        },
        "coordinate" => Growing {
            dimension: "business areas affected, half of them repeated",
            base: 5_000,
            request: |n| {
                let areas: Vec<String> = (0..n).map(|i| format!(r#""Area {}""#, i / 2)).collect();
                format!(
                    r#"{{"businessAreasAffected":[{}],"frontLineServicesSignificantlyAffected":false}}"#,
                    areas.join(",")
                )
            },
        },
        "policyDiff" => Growing {
            // The input space is the vocabulary's, whatever the request: what
            // a request can grow is the document compared to.
            dimension: "characters of the compared document's title",
            base: 40_000,
            request: |n| {
                let policy = spf_core::Engine::moj_default().policy_json().replacen(
                    "\"Ministry of Justice Security Breach Policy and Security Breach Matrix: default rules\"",
                    &format!("\"{}\"", "t".repeat(n)),
                    1,
                );
                format!(r#"{{"policy":{policy}}}"#)
            },
        },
        "policyImpact" => Growing {
            dimension: "records, each carrying its report",
            base: 2_000,
            request: |n| {
                let records: Vec<String> = (0..n)
                    .map(|i| {
                        format!(
                            r#"{{"id":"INC-{i:07}","occurred":"2025-06-10","recorded":"2025-06-11","businessArea":"Area {}","kind":"lossOfPass","report":{{"kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2025-06-10","person":{{"status":"employee","organisation":"hmpps"}}}}}}"#,
                            i % 50
                        )
                    })
                    .collect();
                let policy = spf_core::Engine::moj_default().policy_json();
                format!(r#"{{"policy":{policy},"records":[{}]}}"#, records.join(","))
            },
        },
        "trendReport" => Growing {
            dimension: "records, all one person's on one day",
            base: 4_000,
            request: |n| {
                let records: Vec<String> = (0..n)
                    .map(|i| {
                        format!(
                            r#"{{"id":"INC-{i:07}","occurred":"2025-06-10","identified":"2025-06-10","recorded":"2025-06-11","businessArea":"HMCTS","site":"MOJ-LDN-0014","person":"P-1","kind":"lossOfPass","level":"minor","nearMiss":false}}"#
                        )
                    })
                    .collect();
                format!(
                    r#"{{"from":"2025-04-01","to":"2026-03-31","records":[{}]}}"#,
                    records.join(",")
                )
            },
        },
        "assurancePack" => Growing {
            dimension: "sites, returns (one per business area) and records together",
            base: 500,
            request: |n| {
                let returns: Vec<String> = (0..n)
                    .map(|i| {
                        format!(
                            r#"{{"businessArea":"Area {i}","returnDate":"2026-03-31","elements":[{{"element":"informationPolicy","status":"variation","variation":{{"description":"local policy","agreement":{{"accountingOfficer":"J. Smith","role":"accountingOfficer","agreedOn":"2025-12-01"}}}}}}]}}"#
                        )
                    })
                    .collect();
                let records: Vec<String> = (0..n)
                    .map(|i| {
                        format!(
                            r#"{{"id":"INC-{i:07}","occurred":"2025-06-10","identified":"2025-06-10","recorded":"2025-06-11","businessArea":"HMCTS","site":"S-{i:07}","person":"P-{}","kind":"lossOfPass","level":"minor","nearMiss":false}}"#,
                            i % 50
                        )
                    })
                    .collect();
                format!(
                    r#"{{"asOf":"2026-03-31","threatLevel":"substantial","from":"2025-04-01","to":"2026-03-31","sites":[{}],"returns":[{}],"records":[{}]}}"#,
                    sites(n),
                    returns.join(","),
                    records.join(",")
                )
            },
        },
        "checkCase" => Growing {
            dimension: "the report's earlier breaches and the length of the decision's reason",
            base: 2_000,
            request: |n| {
                let earlier = earlier_breaches(n);
                format!(
                    r#"{{"asOf":"2026-11-30","case":{{"report":{{"kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-11-02","person":{{"status":"employee","organisation":"moj"}},"earlierBreaches":[{}]}},"events":[{{"event":"closed","on":"2026-11-20"}},{{"event":"decision","on":"2026-11-10","level":"minor","action":"informal","reason":"{}"}},{{"event":"investigationStarted","on":"2026-11-04"}},{{"event":"reported","on":"2026-11-03"}}]}}}}"#,
                    earlier,
                    "r".repeat(n)
                )
            },
        },
        "evaluateCompliance" => Growing {
            dimension: "the length of a variation's description",
            base: TEXT_BASE,
            request: |n| {
                format!(
                    r#"{{"businessArea":"OPG","returnDate":"2026-03-31","elements":[{{"element":"informationPolicy","status":"variation","variation":{{"description":"{}","agreement":{{"accountingOfficer":"J. Smith","role":"accountingOfficer","agreedOn":"2025-12-01"}}}}}}]}}"#,
                    "d".repeat(n)
                )
            },
        },
        "clearanceNeed" => Growing {
            dimension: "the length of the role's name",
            base: TEXT_BASE,
            request: |n| {
                format!(
                    r#"{{"asOf":"2026-12-01","role":"{}","access":{{"informationOfValueToTerrorists":true,"secret":"regularUncontrolled"}},"holder":{{"clearance":"ctc","granted":"2017-01-31"}}}}"#,
                    "r".repeat(n)
                )
            },
        },
        "thirdParties" => Growing {
            dimension: "suppliers, across many business areas, some ids repeated",
            base: 2_000,
            request: |n| {
                let suppliers: Vec<String> = (0..n)
                    .map(|i| {
                        format!(
                            r#"{{"id":"SUP-{:07}","name":"Supplier {i}","businessArea":"Area {}","contractReference":"C-{i}","entrustedWithMarkedInformation":{},"entrustedWithBusinessCriticalInformation":true,"unsupervisedAccessToProperty":{},"requirementsCommunicated":"2025-0{}-01","complianceLastConfirmed":"2025-{:02}-15"}}"#,
                            i - i % 10 / 9,
                            i % 97,
                            i % 2 == 0,
                            i % 3 != 0,
                            1 + i % 9,
                            1 + i % 12
                        )
                    })
                    .collect();
                format!(
                    r#"{{"asOf":"2026-03-31","suppliers":[{}]}}"#,
                    suppliers.join(",")
                )
            },
        },
        "policyGuidance" => Growing {
            // The request has one field; what a caller can grow is the
            // whitespace around it. The guidance's own cost follows the
            // policy document, which loading bounds (`policy_loading_grows_at_most_n_log_n`).
            dimension: "whitespace around the request's one field",
            base: TEXT_BASE,
            request: |n| format!(r#"{{{}"format":"markdown"}}"#, " ".repeat(n)),
        },
        _ => return None,
    })
}

/// Times `run` at n and 4n, the two sizes taken in turn so that a busy moment
/// of the machine falls on both alike, keeping the fastest of [`TRIES`] runs of
/// each, and bounds the ratio. A ratio over the bound is measured again, up to
/// [`ATTEMPTS`] times: quadratic work fails every time, a noisy neighbour once.
fn assert_scales(what: &str, base: usize, mut run: impl FnMut(usize)) {
    run(base * 4); // warm up: allocations and caches at the large size
    let mut last = (Duration::ZERO, Duration::ZERO, 0.0);
    for _ in 0..ATTEMPTS {
        let (mut small, mut large) = (Duration::MAX, Duration::MAX);
        for _ in 0..TRIES {
            small = small.min(timed(|| run(base)));
            large = large.min(timed(|| run(base * 4)));
        }
        let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
        if ratio < MAX_RATIO_FOR_4X {
            // Shown with `--nocapture`.
            eprintln!(
                "{what}: {base} in {small:?}, {} in {large:?}: {ratio:.1}×",
                base * 4
            );
            return;
        }
        last = (small, large, ratio);
    }
    let (small, large, ratio) = last;
    panic!(
        "{what}: {base} took {small:?}, {} took {large:?}: {ratio:.1}× for 4× the input",
        base * 4
    );
}

fn timed(run: impl FnOnce()) -> Duration {
    let start = Instant::now();
    run();
    start.elapsed()
}

#[test]
fn every_operation_has_a_growing_request() {
    for op in OPERATIONS {
        assert!(
            growing(op.name).is_some(),
            "{}: no growing request in tests/scaling.rs (and state its cost in its rustdoc)",
            op.name
        );
    }
}

#[test]
fn every_operation_grows_at_most_n_log_n() {
    let engine = Engine::moj_default();
    for op in OPERATIONS {
        let growing = growing(op.name).unwrap();
        let entry = operation(op.name).unwrap();
        // Requests are made before timing; only the operation is timed.
        let requests: Vec<(usize, String)> = [1, 4]
            .iter()
            .map(|k| (growing.base * k, (growing.request)(growing.base * k)))
            .collect();
        // Each request is answered, so the work measured is the answer's.
        for (n, request) in &requests {
            if let Err(error) = entry.answer(&engine, request) {
                panic!("{} with {n} {}: {error}", op.name, growing.dimension);
            }
        }
        assert_scales(
            &format!("{} over {}", op.name, growing.dimension),
            growing.base,
            |n| {
                let request = &requests.iter().find(|(m, _)| *m == n).unwrap().1;
                let _ = entry.answer(&engine, request);
            },
        );
    }
}

#[test]
fn a_trend_report_of_distinct_people_grows_at_most_n_log_n() {
    let engine = Engine::moj_default();
    let records = |n: usize| {
        let records: Vec<String> = (0..n)
            .map(|i| {
                format!(
                    r#"{{"id":"INC-{i:07}","occurred":"2025-{:02}-10","identified":"2025-06-10","recorded":"2025-12-11","businessArea":"Area {}","site":"S-{}","person":"P-{i}","kind":"lossOfPass","level":"minor","nearMiss":false}}"#,
                    4 + i % 6,
                    i % 50,
                    i % 400
                )
            })
            .collect();
        format!(
            r#"{{"from":"2025-04-01","to":"2026-03-31","records":[{}]}}"#,
            records.join(",")
        )
    };
    let requests: Vec<(usize, String)> =
        [4_000, 16_000].iter().map(|n| (*n, records(*n))).collect();
    assert_scales("trendReport over distinct people", 4_000, |n| {
        let request = &requests.iter().find(|(m, _)| *m == n).unwrap().1;
        spf_core::json::trend_report(&engine, request).unwrap();
    });
}

#[test]
fn policy_loading_grows_at_most_n_log_n() {
    // Route rows an agency adds for people the default does not name: the
    // table is searched in order, and loading checks each row.
    let document = |n: usize| {
        let mut policy: serde_json::Value =
            serde_json::from_str(&Engine::moj_default().policy_json()).unwrap();
        let routes = policy["breach"]["routes"].as_array_mut().unwrap();
        let last = routes.pop().unwrap();
        for i in 0..n {
            let mut row = last.clone();
            row["label"] = format!("refer it to responsible body {i}").into();
            routes.push(row);
        }
        routes.push(last);
        serde_json::to_string(&policy).unwrap()
    };
    let documents: Vec<(usize, String)> = [500, 2_000].iter().map(|n| (*n, document(*n))).collect();
    for (n, text) in &documents {
        if let Err(errors) = Engine::from_policy_json(text) {
            // Rows that repeat a match are allowed only if the document says
            // so; either way the whole document was read and checked.
            assert!(
                errors.iter().all(|e| e.code != ErrorCode::Internal),
                "{n} rows: {errors:?}"
            );
        }
    }
    assert_scales("policy loading over route rows", 500, |n| {
        let text = &documents.iter().find(|(m, _)| *m == n).unwrap().1;
        let _ = Engine::from_policy_json(text);
    });
}

#[test]
fn policy_loading_over_matrix_examples_grows_at_most_n_log_n() {
    // Examples of the matrix's repeats, each a different case (more repeats),
    // which loading checks for a case given twice.
    let document = |n: usize| {
        let mut policy: serde_json::Value =
            serde_json::from_str(&Engine::moj_default().policy_json()).unwrap();
        let examples = policy["breach"]["history"]["matrixExamples"]
            .as_array_mut()
            .unwrap();
        let template = examples[0].clone();
        for i in 0..n {
            let mut example = template.clone();
            example["repeats"] = (100 + i).into();
            examples.push(example);
        }
        serde_json::to_string(&policy).unwrap()
    };
    let documents: Vec<(usize, String)> =
        [2_000, 8_000].iter().map(|n| (*n, document(*n))).collect();
    for (n, text) in &documents {
        assert!(Engine::from_policy_json(text).is_ok(), "{n} examples");
    }
    assert_scales("policy loading over matrix examples", 2_000, |n| {
        let text = &documents.iter().find(|(m, _)| *m == n).unwrap().1;
        Engine::from_policy_json(text).unwrap();
    });
}
