//! The JSON Lines batch on any bytes, on one thread and on three.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| spf_fuzz::breach_lines(data));
