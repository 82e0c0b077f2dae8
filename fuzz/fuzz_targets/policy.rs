//! Policy loading (`Engine::from_policy_json`) on any text.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| spf_fuzz::policy(data));
