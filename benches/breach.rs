//! Breach assessment speed: a typed report in and a typed answer (with reasons)
//! out, and JSON text in and JSON text out, plus the JSON path's parts.
//!
//! Run with `cargo bench --bench breach`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use spf_core::{BreachAssessment, BreachReport, Engine, json};

/// A report that exercises most rules: a marking with a caveat, a repeat within
/// the window, an older breach of another kind, a previous warning, damage, and
/// a non-default route. Compact, as systems send it.
const REQUEST: &str = concat!(
    r#"{"reference":"HR-2026-0042","kind":"clearDeskFailure","#,
    r#""marking":{"classification":"official","caveats":["sensitive"]},"#,
    r#""care":"highCarelessness","damage":"potential","previousWarnings":1,"#,
    r#""earlierBreaches":[{"date":"2026-03-02","kind":"clearDeskFailure"},"#,
    r#"{"date":"2024-11-20","kind":"lossOfPass"}],"occurred":"2026-09-14","#,
    r#""person":{"status":"agencyStaff","organisation":"moj"}}"#
);

fn fixtures() -> (Engine, BreachReport, BreachAssessment) {
    let engine = Engine::moj_default();
    let report: BreachReport = match json::parse(REQUEST) {
        Ok(report) => report,
        Err(e) => unreachable!("the benchmark request is valid: {e}"),
    };
    let answer = match engine.assess_breach(&report) {
        Ok(answer) => answer,
        Err(e) => unreachable!("the benchmark request is valid: {e}"),
    };
    (engine, report, answer)
}

fn typed(c: &mut Criterion) {
    let (engine, report, _) = fixtures();
    c.bench_function("assess_breach/typed", |b| {
        b.iter(|| engine.assess_breach(black_box(&report)))
    });
}

fn json_in_json_out(c: &mut Criterion) {
    let (engine, _, _) = fixtures();
    c.bench_function("assess_breach/json", |b| {
        b.iter(|| json::assess_breach(&engine, black_box(REQUEST)))
    });
}

fn json_parts(c: &mut Criterion) {
    let (_, _, answer) = fixtures();
    c.bench_function("json_parts/parse_request", |b| {
        b.iter(|| json::parse::<BreachReport>(black_box(REQUEST)))
    });
    c.bench_function("json_parts/write_answer", |b| {
        b.iter(|| black_box(&answer).to_json())
    });
    c.bench_function("json_parts/write_answer_with_serde", |b| {
        b.iter(|| serde_json::to_string(black_box(&answer)))
    });
    c.bench_function("json_parts/explanations", |b| {
        b.iter(|| {
            let mut text = String::with_capacity(2048);
            for reason in &black_box(&answer).reasons {
                let _ = reason.step.explain(&mut text);
            }
            text
        })
    });
}

criterion_group!(benches, typed, json_in_json_out, json_parts);
criterion_main!(benches);
