//! The breach report's own reader (its wire shape) against serde's derived
//! reader of the same struct, on any text: the same report, or the same
//! error with the same code, message, pointer and further problems.
#![no_main]

#[path = "../../tests/support/derived_breach_report.rs"]
mod derived_breach_report;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let (own, derived) = derived_breach_report::both_readings(text);
        assert_eq!(own, derived, "the readers differ on {text:?}");
    }
});
