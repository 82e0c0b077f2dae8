//! The spf command line: assess breach reports against the embedded MoJ default
//! policy (or another policy document) and export the policy.
//!
//! ```text
//! cargo run --release --example spf -- breaches examples/data/breach-reports.jsonl
//! cargo run --release --example spf -- breaches FILE --json
//! cargo run --release --example spf -- breaches FILE --policy my-policy.json
//! cargo run --release --example spf -- policy export > policy.json
//! ```
//!
//! Exit status: 0 when every report was assessed, 1 when any line failed,
//! 2 for usage errors, unreadable files or an invalid policy document.

use std::collections::BTreeMap;
use std::process::ExitCode;

use spf_core::{Engine, Level};
use spf_examples::{assess_json_lines, render_assessment, render_error};

const USAGE: &str = "\
usage:
  spf breaches FILE [--json] [--policy POLICY.json]
      assess every line of a JSON Lines file of breach reports
  spf policy export [--policy POLICY.json]
      print the policy document (the embedded MoJ default unless --policy)
  spf help";

struct Options {
    positional: Vec<String>,
    json: bool,
    policy: Option<String>,
}

fn parse_options(args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        positional: Vec::new(),
        json: false,
        policy: None,
    };
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => options.json = true,
            "--policy" => {
                let file = args
                    .next()
                    .ok_or_else(|| "--policy needs a file name".to_owned())?;
                options.policy = Some(file);
            }
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`")),
            _ => options.positional.push(arg),
        }
    }
    Ok(options)
}

fn load_engine(policy: Option<&str>) -> Result<Engine, String> {
    let Some(path) = policy else {
        return Ok(Engine::moj_default());
    };
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read `{path}`: {e}"))?;
    Engine::from_policy_json(&text).map_err(|errors| {
        let mut message = format!("policy `{path}` is invalid:");
        for error in errors.iter() {
            message.push_str("\n  ");
            message.push_str(&render_error(error));
        }
        message
    })
}

fn breaches(file: &str, options: &Options) -> Result<ExitCode, String> {
    let engine = load_engine(options.policy.as_deref())?;
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read `{file}`: {e}"))?;
    let outcomes = assess_json_lines(&engine, &text);
    let mut failed = 0usize;
    let mut by_level: BTreeMap<Level, usize> = BTreeMap::new();
    let policy = engine.policy_ref();
    if !options.json {
        println!(
            "Assessing {file} against policy {} version {}\n",
            policy.id, policy.version
        );
    }
    for outcome in &outcomes {
        match &outcome.result {
            Ok(answer) => {
                *by_level.entry(answer.level).or_default() += 1;
                if options.json {
                    let line = serde_json::to_string(answer)
                        .map_err(|e| format!("cannot write the answer: {e}"))?;
                    println!("{line}");
                } else {
                    println!(
                        "line {} {} {}",
                        outcome.line,
                        answer.reference.as_deref().unwrap_or("(no reference)"),
                        answer.kind
                    );
                    println!("{}", render_assessment(answer));
                }
            }
            Err(error) => {
                failed += 1;
                if options.json {
                    eprintln!(
                        "{{\"line\":{},\"error\":{}}}",
                        outcome.line,
                        error.to_json()
                    );
                } else {
                    eprintln!("line {}: {}", outcome.line, render_error(error));
                }
            }
        }
    }
    if !options.json {
        let counts: Vec<String> = by_level
            .iter()
            .map(|(level, count)| format!("{level} {count}"))
            .collect();
        println!(
            "{} report(s): {} assessed ({}), {} failed",
            outcomes.len(),
            outcomes.len() - failed,
            counts.join(", "),
            failed
        );
        println!(
            "These are recommendations: the manager decides whether to take action (POLSBP003)."
        );
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn run() -> Result<ExitCode, String> {
    let options = parse_options(std::env::args().skip(1))?;
    let words: Vec<&str> = options.positional.iter().map(String::as_str).collect();
    match words.as_slice() {
        ["breaches", file] => breaches(file, &options),
        ["policy", "export"] => {
            let engine = load_engine(options.policy.as_deref())?;
            println!("{}", engine.policy_json());
            Ok(ExitCode::SUCCESS)
        }
        ["help"] | [] => {
            println!("{USAGE}");
            Ok(if words.is_empty() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            })
        }
        _ => Err(format!("unrecognised command\n{USAGE}")),
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(message) => {
            eprintln!("spf: {message}");
            ExitCode::from(2)
        }
    }
}
