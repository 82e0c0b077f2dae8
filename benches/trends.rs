//! Trend report speed over the incident register: 1,000,000 in-memory records
//! (the target is 500 ms or less), 10,000 records, and 10,000 records through
//! the JSON entry point.
//!
//! Records come from the same seeded generator as `examples/data/incidents.jsonl`
//! (`cargo run --release --example generate-incidents`), so the mix of areas,
//! sites, people, levels, near misses and on-the-fly reports is the sample's.
//!
//! Run with `cargo bench --bench trends`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use spf_core::register::TrendRequest;
use spf_core::{Date, Engine};

#[path = "../tests/support/mod.rs"]
mod support;

const SEED: u64 = 20_261_201;

fn day(year: i32, month: u32, day: u32) -> Date {
    Date::from_ymd(year, month, day).unwrap_or_else(|| unreachable!("valid benchmark date"))
}

fn trend_report(c: &mut Criterion) {
    let engine = Engine::moj_default();
    let (from, to) = (day(2024, 4, 1), day(2026, 11, 20));
    let mut group = c.benchmark_group("trend_report");

    let small = support::incidents::generate(SEED, 10_000);
    group.bench_function("10k_records", |b| {
        b.iter(|| {
            engine.trend_report_numbered(black_box(small.iter().enumerate()), from, to, Vec::new())
        })
    });
    let request = serde_json::to_string(&TrendRequest {
        schema_version: None,
        from,
        to,
        records: small,
    })
    .unwrap_or_default();
    group.bench_function("10k_records_json", |b| {
        b.iter(|| spf_core::json::trend_report(&engine, black_box(&request)))
    });

    let large = support::incidents::generate(SEED, 1_000_000);
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    // The report names every repeat individual's breaches; freeing it is the
    // caller's business, so it happens outside the timing.
    group.bench_function("1m_records", |b| {
        b.iter_with_large_drop(|| {
            engine.trend_report_numbered(black_box(large.iter().enumerate()), from, to, Vec::new())
        })
    });
    group.finish();
}

criterion_group!(benches, trend_report);
criterion_main!(benches);
