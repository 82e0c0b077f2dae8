//! `spf response-level`, with and without a site's override.

use spf_core::Engine;

use crate::{spf, text};

fn json_answer(args: &[&str]) -> serde_json::Value {
    let out = spf(&[&["response-level"][..], args, &["--json"]].concat());
    assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    serde_json::from_str(&text(&out.stdout)).unwrap()
}

#[test]
fn the_threat_level_maps_to_a_response_level() {
    let out = spf(&["response-level", "--threat", "substantial"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("National threat level:  SUBSTANTIAL (An attack is likely)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Response level:         HEIGHTENED ("),
        "{stdout}"
    );
    assert!(!stdout.contains("Site override"), "{stdout}");

    let answer = json_answer(&["--threat", "SUBSTANTIAL"]);
    assert_eq!(answer["threatLevel"], "substantial");
    assert_eq!(answer["responseLevel"], "heightened");
    assert!(answer.get("effective").is_none(), "{answer}");
    // The library's own answer, byte for byte.
    let expected =
        spf_core::json::response_level(&Engine::moj_default(), r#"{"threatLevel":"substantial"}"#)
            .unwrap();
    let out = spf(&["response-level", "--threat", "substantial", "--json"]);
    assert_eq!(text(&out.stdout).trim_end(), expected);
}

#[test]
fn an_override_sets_the_level_in_force() {
    // Upward: no approval needed.
    let answer = json_answer(&["--threat", "substantial", "--override", "exceptional"]);
    assert_eq!(answer["responseLevel"], "heightened");
    assert_eq!(answer["effective"]["responseLevel"], "exceptional");
    assert_eq!(answer["effective"]["direction"], "upward");

    // Downward with a recorded approval.
    let approved = [
        "--threat",
        "critical",
        "--override",
        "heightened",
        "--approved-by",
        "DSO",
        "--approved-on",
        "2026-11-20",
        "--reason",
        "site closed to the public",
        "--as-of",
        "2026-11-23",
    ];
    let answer = json_answer(&approved);
    assert_eq!(answer["responseLevel"], "exceptional");
    assert_eq!(answer["effective"]["responseLevel"], "heightened");
    assert_eq!(answer["effective"]["direction"], "downward");
    let out = spf(&[&["response-level"][..], &approved].concat());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(
            "Site override:          HEIGHTENED (approved by DSO on 2026-11-20: site closed to the public)"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("In force at the site:   HEIGHTENED, lowered below the mapped level"),
        "{stdout}"
    );
}

#[test]
fn a_downward_override_without_approval_is_rejected() {
    let out = spf(&[
        "response-level",
        "--threat",
        "severe",
        "--override",
        "normal",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("overrideNotApproved: "), "{stderr}");

    let out = spf(&[
        "response-level",
        "--threat",
        "severe",
        "--override",
        "normal",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let error: serde_json::Value = serde_json::from_str(&text(&out.stderr)).unwrap();
    assert_eq!(error["code"], "overrideNotApproved");
}

#[test]
fn bad_response_level_arguments_exit_with_two() {
    let run = |args: &[&str]| spf(&[&["response-level"][..], args].concat()).status.code();
    assert_eq!(run(&[]), Some(2), "--threat is required");
    assert_eq!(run(&["--threat", "grave"]), Some(2));
    assert_eq!(run(&["--threat", "low", "--override", "maximum"]), Some(2));
    assert_eq!(
        run(&[
            "--threat",
            "low",
            "--override",
            "normal",
            "--approved-by",
            "DSO"
        ]),
        Some(2),
        "an approval needs who, when and why"
    );
    assert_eq!(
        run(&[
            "--threat",
            "low",
            "--approved-by",
            "DSO",
            "--approved-on",
            "2026-11-20",
            "--reason",
            "why"
        ]),
        Some(2),
        "an approval needs an override"
    );
    assert_eq!(run(&["--threat", "low", "--as-of", "2026-02-30"]), Some(2));
}
