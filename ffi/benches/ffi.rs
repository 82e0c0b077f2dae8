//! The cost of the C boundary: the same assessment through spf-core and through
//! the exported C functions (called directly, as a C caller would).
//!
//! Run with `cargo bench -p spf-ffi`.

// Calls into the C ABI need unsafe blocks.
#![allow(unsafe_code)]

use std::ffi::c_char;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use spf::{
    SpfBreachInput, SpfBreachKind, SpfBreachResult, SpfCare, SpfDate, SpfEarlierBreach, SpfEngine,
    SpfMarking, SpfOrganisation, SpfPersonStatus, SpfStatus, spf_assess_breach,
    spf_assess_breach_json, spf_engine_free, spf_engine_new_default, spf_string_free,
};
use spf_core::{BreachReport, Engine, json};

const REQUEST: &str = concat!(
    r#"{"reference":"HR-2026-0042","kind":"clearDeskFailure","#,
    r#""marking":{"classification":"official","caveats":["sensitive"]},"#,
    r#""care":"highCarelessness","damage":"potential","previousWarnings":1,"#,
    r#""earlierBreaches":[{"date":"2026-03-02","kind":"clearDeskFailure"},"#,
    r#"{"date":"2024-11-20","kind":"lossOfPass"}],"occurred":"2026-09-14","#,
    r#""person":{"status":"agencyStaff","organisation":"moj"}}"#
);

fn engine_handle() -> *mut SpfEngine {
    let mut engine = std::ptr::null_mut();
    // SAFETY: a valid out-pointer.
    let status = unsafe { spf_engine_new_default(&mut engine) };
    assert_eq!(status, SpfStatus::Ok);
    engine
}

fn typed(c: &mut Criterion) {
    let engine = Engine::moj_default();
    let report: BreachReport = json::parse(REQUEST).unwrap_or_else(|e| unreachable!("{e}"));
    let mut group = c.benchmark_group("typed");
    group.bench_function("core", |b| {
        b.iter(|| engine.assess_breach(black_box(&report)))
    });

    let handle = engine_handle();
    let earlier = [
        SpfEarlierBreach {
            date: SpfDate {
                year: 2026,
                month: 3,
                day: 2,
            },
            kind: SpfBreachKind::ClearDeskFailure as u32,
        },
        SpfEarlierBreach {
            date: SpfDate {
                year: 2024,
                month: 11,
                day: 20,
            },
            kind: SpfBreachKind::LossOfPass as u32,
        },
    ];
    let input = SpfBreachInput {
        kind: SpfBreachKind::ClearDeskFailure as u32,
        marking: SpfMarking::Official as u32,
        caveats: spf::SPF_CAVEAT_SENSITIVE,
        care: SpfCare::HighCarelessness as u32,
        damage: 1,
        previous_warnings: 1,
        earlier_breaches: earlier.as_ptr(),
        earlier_breaches_len: earlier.len(),
        occurred: SpfDate {
            year: 2026,
            month: 9,
            day: 14,
        },
        person_status: SpfPersonStatus::AgencyStaff as u32,
        organisation: SpfOrganisation::Moj as u32,
        security_cleared: 0,
        personal_data: 1,
        impact: spf::SpfImpact::Medium as u32,
        information_asset_name: c"Case files".as_ptr(),
        information_asset_name_len: "Case files".len(),
        information_asset_owner: c"Head of Unit".as_ptr(),
        information_asset_owner_len: "Head of Unit".len(),
    };
    group.bench_function("c_abi", |b| {
        b.iter(|| {
            let mut result = std::mem::MaybeUninit::<SpfBreachResult>::uninit();
            // SAFETY: live engine, readable input, writable result.
            let status =
                unsafe { spf_assess_breach(handle, black_box(&input), result.as_mut_ptr()) };
            black_box(status)
        })
    });
    group.finish();
    // SAFETY: the handle came from spf_engine_new_default.
    unsafe { spf_engine_free(handle) };
}

fn json_path(c: &mut Criterion) {
    let engine = Engine::moj_default();
    let mut group = c.benchmark_group("json");
    group.bench_function("core", |b| {
        b.iter(|| json::assess_breach(&engine, black_box(REQUEST)))
    });
    let handle = engine_handle();
    group.bench_function("c_abi", |b| {
        b.iter(|| {
            let mut answer: *mut c_char = std::ptr::null_mut();
            // SAFETY: live engine, REQUEST.len() readable bytes, writable out.
            let status = unsafe {
                spf_assess_breach_json(
                    handle,
                    black_box(REQUEST).as_ptr().cast::<c_char>(),
                    REQUEST.len(),
                    &mut answer,
                )
            };
            // SAFETY: the answer came from the library.
            unsafe { spf_string_free(answer) };
            black_box(status)
        })
    });
    group.finish();
    // SAFETY: the handle came from spf_engine_new_default.
    unsafe { spf_engine_free(handle) };
}

criterion_group!(benches, typed, json_path);
criterion_main!(benches);
