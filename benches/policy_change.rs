//! Comparing two policies over their whole input space: the MoJ default
//! against the shipped HMPPS variant (`examples/data/policy-hmpps-local.json`:
//! a raised floor, shorter CT-plan test intervals and one Accounting Officer
//! variation of a route).
//!
//! - the breach space alone (3,353,400 classes; the target is 1 s or less);
//! - the site space alone;
//! - the whole diff, as `policyDiff` answers it (with the documents' diff
//!   and both full answers for one class of each group).
//!
//! Run with `cargo bench --bench policy_change`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use spf_core::Engine;
use spf_core::policy_change::{diff, diff_breach_space, diff_site_space};

const HMPPS_LOCAL: &str = include_str!("../examples/data/policy-hmpps-local.json");

fn policy_diff(c: &mut Criterion) {
    let from = Engine::moj_default();
    let Ok(to) = Engine::from_policy_json(HMPPS_LOCAL) else {
        unreachable!("the shipped sample is valid (a test checks it)")
    };
    let mut group = c.benchmark_group("policy_diff");
    group.sample_size(20);
    group.bench_function("breach_space", |b| {
        b.iter(|| diff_breach_space(black_box(&from), black_box(&to)))
    });
    group.bench_function("site_space", |b| {
        b.iter(|| diff_site_space(black_box(&from), black_box(&to)))
    });
    group.bench_function("whole_diff", |b| {
        b.iter(|| diff(black_box(&from), black_box(&to)))
    });
    group.bench_function("breach_space_same_policy", |b| {
        b.iter(|| diff_breach_space(black_box(&from), black_box(&from)))
    });
    group.finish();
}

criterion_group!(benches, policy_diff);
criterion_main!(benches);
