//! The breach form's module answers `breachRules()` with a text written
//! beforehand (`src/form_breach_rules.json`) instead of serialising the
//! default policy's breach section at run time. This test holds that text to
//! what the engine writes now.
//!
//! Run with `SPF_BLESS_FORM_RULES=1` to rewrite it after changing the default
//! policy's breach section.

use std::path::PathBuf;

fn committed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/form_breach_rules.json")
}

#[test]
fn the_form_s_breach_rules_are_the_default_policy_s() -> Result<(), Box<dyn std::error::Error>> {
    let engine = spf_core::BreachEngine::moj_default();
    let written = serde_json::to_string(engine.rules())?;
    if std::env::var_os("SPF_BLESS_FORM_RULES").is_some() {
        std::fs::write(committed_path(), &written)?;
    }
    let committed = std::fs::read_to_string(committed_path()).unwrap_or_default();
    assert!(
        committed == written,
        "wasm/src/form_breach_rules.json differs from the default policy's breach section; \
         run `SPF_BLESS_FORM_RULES=1 cargo test -p spf-wasm --test form_breach_rules` and commit it"
    );
    // The same document as the engine's own pretty text, read back.
    let pretty: serde_json::Value = serde_json::from_str(&engine.rules_json())?;
    let compact: serde_json::Value = serde_json::from_str(&committed)?;
    assert_eq!(pretty, compact);
    Ok(())
}
