//! Helpers that the cross-surface tests, the benchmarks and the examples share.
//!
//! Include them with `mod support;` from a file in `tests/`, or with
//! `#[path = "../tests/support/mod.rs"] mod support;` from a benchmark.

// Each test, benchmark and example that includes these helpers uses a few of
// them; the rest would be reported as unused in that crate.
#![allow(dead_code)]

pub mod incidents;
