//! The MoJ default policy document with values replaced, removed or repeated,
//! loaded back; when it loads, a built breach report is assessed under it.
#![no_main]

libfuzzer_sys::fuzz_target!(|input: spf_fuzz::PolicyEdits| spf_fuzz::policy_edits(&input));
