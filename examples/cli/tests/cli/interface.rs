//! The command line's own interface: help, version, completions and clap's
//! usage errors.

use crate::{spf, text};

const SUBCOMMANDS: [&str; 10] = [
    "demo",
    "breaches",
    "sites",
    "site",
    "response-level",
    "trends",
    "compliance",
    "coordinate",
    "policy",
    "completions",
];

#[test]
fn help_lists_every_subcommand_and_the_exit_statuses() {
    for flag in ["--help", "-h", "help"] {
        let out = spf(&[flag]);
        assert!(out.status.success(), "{flag}: {}", text(&out.stderr));
        let stdout = text(&out.stdout);
        for subcommand in SUBCOMMANDS {
            assert!(
                stdout
                    .lines()
                    .any(|l| l.trim_start().starts_with(&format!("{subcommand} "))),
                "{flag} does not list {subcommand}:\n{stdout}"
            );
        }
        assert!(stdout.contains("Exit status: 0"), "{stdout}");
    }
}

#[test]
fn help_for_a_subcommand_shows_its_options_and_values() {
    let out = spf(&["help", "sites"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("Usage: spf sites"), "{stdout}");
    assert!(stdout.contains("--threat <LEVEL>"), "{stdout}");
    assert!(stdout.contains("--as-of <YYYY-MM-DD>"), "{stdout}");
    assert!(
        stdout.contains("low, moderate, substantial, severe, critical"),
        "{stdout}"
    );
    assert!(stdout.contains("csv"), "{stdout}");
    assert_eq!(text(&spf(&["sites", "--help"]).stdout), stdout);

    let out = spf(&["help", "policy", "validate"]);
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("Usage: spf policy validate"));
}

#[test]
fn version_is_the_package_version() {
    let out = spf(&["--version"]);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout).trim_end(),
        format!("spf {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn completions_for_bash_zsh_and_fish() {
    for (shell, marker) in [
        ("bash", "complete -F _spf"),
        ("zsh", "#compdef spf"),
        ("fish", "complete -c spf"),
    ] {
        let out = spf(&["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", text(&out.stderr));
        let script = text(&out.stdout);
        assert!(script.contains(marker), "{shell}: no `{marker}`");
        for subcommand in SUBCOMMANDS {
            assert!(script.contains(subcommand), "{shell}: no {subcommand}");
        }
        // Threat levels complete to their values.
        assert!(script.contains("substantial"), "{shell}");
    }
    assert_eq!(spf(&["completions", "tcsh"]).status.code(), Some(2));
    assert_eq!(spf(&["completions"]).status.code(), Some(2));
}

#[test]
fn usage_errors_from_the_parser_exit_with_two() {
    let run = |args: &[&str]| spf(args);
    for args in [
        &["frobnicate"][..],
        &["policy", "frobnicate"],
        &[
            "breaches",
            "examples/data/breach-reports.jsonl",
            "--format",
            "xml",
        ],
        &[
            "breaches",
            "examples/data/breach-reports.jsonl",
            "--json",
            "--format",
            "csv",
        ],
        &[
            "compliance",
            "examples/data/compliance-return.json",
            "--format",
            "csv",
        ],
        &["breaches", ""],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(text(&out.stderr).contains("error"), "{args:?}");
    }
    // A command group without its subcommand shows its help, as a usage error.
    let out = run(&["policy"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("Usage: spf policy <COMMAND>"));

    let out = run(&[
        "sites",
        "examples/data/sites.json",
        "--threat",
        "grave",
        "--as-of",
        "2026-11-23",
    ]);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("invalid value 'grave' for '--threat"),
        "{stderr}"
    );
    assert!(stderr.contains("substantial"), "{stderr}");
    let out = run(&[
        "sites",
        "examples/data/sites.json",
        "--threat",
        "low",
        "--as-of",
        "2026-02-30",
    ]);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("invalid date `2026-02-30`"), "{stderr}");
}
