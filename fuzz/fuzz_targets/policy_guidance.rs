//! The `policyGuidance` JSON operation on any text, under the MoJ default policy.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| spf_fuzz::operation("policyGuidance", data));
