//! `spf coordinate`.

use crate::{spf, text};

#[test]
fn coordination_names_who_coordinates() {
    let out = spf(&["coordinate", "--areas", "HMCTS,HMPPS", "--front-line"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("Strategic Co-ordination Group (Gold)"),
        "{stdout}"
    );
    assert!(stdout.contains("[strategicCoordinationGroup]"), "{stdout}");
    assert!(stdout.contains("[corporateBusinessContinuity]"), "{stdout}");
    assert!(stdout.contains("[policy statement] Counter-Terrorist Protection Policy"));

    let out = spf(&[
        "coordinate",
        "--areas",
        "HMCTS,HMPPS",
        "--front-line",
        "--json",
    ]);
    assert!(out.status.success());
    let answer: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(answer["coordinator"], "strategicCoordinationGroup");
    assert_eq!(
        answer["standingArrangements"],
        "corporateBusinessContinuity"
    );
    assert_eq!(
        answer["businessAreas"],
        serde_json::json!(["HMCTS", "HMPPS"])
    );

    let out = spf(&["coordinate", "--areas", "HMCTS"]);
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    assert!(stdout.contains("Who co-ordinates:"), "{stdout}");
    assert!(stdout.contains("[local]"), "{stdout}");
    let out = spf(&["coordinate", "--areas", "HMCTS", "--json"]);
    let answer: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(answer["coordinator"], "local");

    let out = spf(&["coordinate", "--areas", ""]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("invalidType"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(spf(&["coordinate"]).status.code(), Some(2));
}
