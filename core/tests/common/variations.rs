//! Turning a policy document's statements into agreed variations, for tests
//! that explore rule values the MoJ texts would not allow (longer intervals,
//! lower floors) and need the document to load.
#![allow(clippy::unwrap_used)]

use serde_json::{Value, json};
use spf_core::Policy;

/// The variation every varied statement carries in these tests.
pub fn agreement() -> Value {
    json!({
        "by": "A. Officer",
        "role": "accountingOfficer",
        "agreedOn": "2026-04-01",
        "reason": "explored by a test"
    })
}

/// `policy` with every policy-statement source declared an agency variation
/// agreed by the Accounting Officer, so that any value of those rules loads.
pub fn vary_every_statement(policy: &Policy) -> Policy {
    let mut document = serde_json::to_value(policy).unwrap();
    vary(&mut document);
    serde_json::from_value(document).unwrap()
}

fn vary(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.get("basis").and_then(Value::as_str) == Some("policyStatement") {
                map.insert("basis".into(), "agencyVariation".into());
                map.insert("variation".into(), agreement());
                return;
            }
            map.values_mut().for_each(vary);
        }
        Value::Array(items) => items.iter_mut().for_each(vary),
        _ => {}
    }
}
