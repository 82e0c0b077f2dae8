//! The command line, run as a user runs it (the built `spf` binary): the
//! shipped sample reports, JSON Lines output, bad lines, another policy
//! document, policy export, validation, comparison and register impact, the sample estate's site report and
//! one site's status, a change of threat level, response levels, co-ordination, the sample incident
//! register and its trends, SPF compliance returns, the assurance pack, the quick-start demo, CSV
//! output, standard input, help, completions and the progress bar.

// Test code: helpers outside #[test] functions may unwrap and index.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "cli/assurance.rs"]
mod assurance;
#[path = "cli/breaches.rs"]
mod breaches;
#[path = "cli/case.rs"]
mod case;
#[path = "cli/compliance.rs"]
mod compliance;
#[path = "cli/coordinate.rs"]
mod coordinate;
#[path = "cli/demo.rs"]
mod demo;
#[path = "cli/formats.rs"]
mod formats;
#[path = "cli/interface.rs"]
mod interface;
#[path = "cli/policy.rs"]
mod policy;
#[path = "cli/policy_change.rs"]
mod policy_change;
#[path = "cli/progress.rs"]
mod progress;
#[path = "cli/response_level.rs"]
mod response_level;
#[path = "cli/site.rs"]
mod site;
#[path = "cli/sites.rs"]
mod sites;
#[path = "cli/stdin.rs"]
mod stdin;
#[path = "cli/threat_change.rs"]
mod threat_change;
#[path = "cli/trends.rs"]
mod trends;

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use spf_core::site::{FindingCode, Site, SiteStatus, ThreatLevel};
use spf_core::{Date, Engine};

/// The repository root: sample data paths in the tests are relative to it.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// The `spf` binary, run from the repository root.
fn spf_command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_spf"));
    command.current_dir(root());
    command
}

fn spf(args: &[&str]) -> Output {
    spf_command().args(args).output().expect("spf runs")
}

/// `spf` with `input` on its standard input.
fn spf_with_stdin(args: &[&str], input: &str) -> Output {
    let mut child = spf_command()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spf runs");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_owned();
    // Written from another thread: spf may answer before it has read it all.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn scratch(name: &str, contents: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

// ---------------------------------------------------------------------------
// The sample estate
// ---------------------------------------------------------------------------

const SITES: &str = "examples/data/sites.json";
const AS_OF: &str = "2026-11-23";

fn as_of() -> Date {
    AS_OF.parse().unwrap()
}

fn sample_sites() -> Vec<Site> {
    let text = std::fs::read_to_string(root().join(SITES)).unwrap();
    spf_core::json::parse(&text).unwrap()
}

fn sample_statuses(engine: &Engine, sites: &[Site]) -> Vec<SiteStatus> {
    sites
        .iter()
        .map(|site| {
            engine
                .site_status(site, ThreatLevel::Substantial, as_of())
                .unwrap()
        })
        .collect()
}

fn has_finding(status: &SiteStatus, code: FindingCode) -> bool {
    status.findings.iter().any(|f| f.code == code)
}

/// The first word of each line of the site table (the text before the summary)
/// that is a site id, in order.
fn table_rows<'a>(stdout: &'a str, ids: &BTreeSet<&str>) -> Vec<&'a str> {
    let table = stdout.split("Portfolio summary").next().unwrap();
    table
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|word| ids.contains(word))
        .collect()
}

// ---------------------------------------------------------------------------
// The sample incident register
// ---------------------------------------------------------------------------

const INCIDENTS: &str = "examples/data/incidents.jsonl";

fn sample_incidents() -> Vec<serde_json::Value> {
    std::fs::read_to_string(root().join(INCIDENTS))
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn str_of<'a>(record: &'a serde_json::Value, field: &str) -> &'a str {
    record[field].as_str().unwrap_or_default()
}

/// Records whose `occurred` date is in `from..=to` (ISO dates sort as text).
fn occurred_in<'a>(
    records: &'a [serde_json::Value],
    from: &str,
    to: &str,
) -> Vec<&'a serde_json::Value> {
    records
        .iter()
        .filter(|r| (from..=to).contains(&str_of(r, "occurred")))
        .collect()
}
