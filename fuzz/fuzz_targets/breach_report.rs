//! Breach reports built field by field (any kind, marking, care, damage,
//! history, dates and person), assessed typed and through JSON under the MoJ
//! default policy.
#![no_main]

libfuzzer_sys::fuzz_target!(|report: spf_fuzz::ReportInput| spf_fuzz::breach_report(&report));
