//! `spf policy export`, `spf policy validate FILE`, `spf policy diff A B`,
//! `spf policy impact REGISTER A B` and `spf policy guidance`: policy
//! documents.
//!
//! An agency exports the MoJ default, changes it, and validates its copy before
//! loading it with `--policy`. Validation is the engine's own loading: every
//! problem in the document is listed with its JSON pointer. `guidance` prints
//! the manager's guidance (POLSBP003) the library generates from the document,
//! as Markdown or as one self-contained HTML page.

use clap::{Args, Subcommand, ValueEnum, ValueHint};
use spf_core::Engine;
use spf_core::guidance::Guidance;

use crate::args::{Format, FormatArg, PolicyArg};
use crate::input::Input;
use crate::output::{Output, out, outln};
use crate::render::render_error;
use crate::{CommandResult, Failure, Outcome};

/// `spf policy ...`.
#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Print the policy document as JSON (the embedded MoJ default unless
    /// --policy)
    Export(ExportArgs),
    /// Check a policy document
    ///
    /// Prints every problem, one per line with its JSON pointer (exit status
    /// 1 if there are any), or a one-line summary when the document is valid.
    Validate(ValidateArgs),
    /// Every decision two policy documents make differently
    ///
    /// Every class of breach report and of site is assessed under both
    /// documents; the classes whose answer differs are grouped by what
    /// changes, each group with both answers and their reasons for one of its
    /// classes. Then the documents' own differences, by JSON pointer, with
    /// what each does to their authority (a statement tightened or loosened,
    /// a variation declared).
    Diff(crate::policy_change::DiffArgs),
    /// The records of an incident register that two policy documents
    /// recommend differently
    ///
    /// Every record that carries its breach report is re-assessed under both
    /// documents; the changes are counted by level, kind and business area,
    /// and the changed records listed.
    Impact(crate::policy_change::ImpactArgs),
    /// Print the manager's guidance generated from the policy document (the
    /// embedded MoJ default unless --policy)
    ///
    /// What counts as a breach, every listed example with its level and
    /// clause, the matrix and its bands, repeats, warnings and intent, routes
    /// and flags, the counter-terrorism obligations and schedules, and the
    /// values that are the organisation's own choices. `--format html` gives
    /// one self-contained, printable page; `--format md` Markdown.
    Guidance(GuidanceArgs),
}

/// How to print the guidance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GuidanceFormat {
    /// One self-contained, accessible HTML page
    Html,
    /// Markdown
    #[value(alias = "markdown")]
    Md,
}

/// Arguments of `spf policy guidance`.
#[derive(Debug, Args)]
pub struct GuidanceArgs {
    #[command(flatten)]
    policy: PolicyArg,
    /// The earlier version of the policy document: the guidance then opens
    /// with what changed since it (every decision that changes and every
    /// value of the document, from the exhaustive diff of the two)
    #[arg(long, value_name = "OLD.json", value_parser = Input::parse, value_hint = ValueHint::FilePath)]
    since: Option<Input>,
    /// How to print the guidance
    #[arg(long, value_enum)]
    format: GuidanceFormat,
}

/// Arguments of `spf policy export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    policy: PolicyArg,
}

/// Arguments of `spf policy validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// The policy document (JSON; `-` for standard input)
    #[arg(value_name = "FILE", value_parser = Input::parse, value_hint = ValueHint::FilePath)]
    file: Input,
    #[command(flatten)]
    format: FormatArg,
}

/// Runs `spf policy ...`.
pub fn run(command: &PolicyCommand, output: &mut Output) -> CommandResult {
    match command {
        PolicyCommand::Export(args) => {
            let engine = args.policy.engine()?;
            outln!(output, "{}", engine.policy_json());
            Ok(Outcome::Accepted)
        }
        PolicyCommand::Validate(args) => validate(args, output),
        PolicyCommand::Diff(args) => crate::policy_change::diff(args, output),
        PolicyCommand::Impact(args) => crate::policy_change::impact(args, output),
        PolicyCommand::Guidance(args) => guidance(args, output),
    }
}

fn guidance(args: &GuidanceArgs, output: &mut Output) -> CommandResult {
    let engine = args.policy.engine()?;
    let mut document = engine.guidance();
    if let Some(since) = &args.since {
        let earlier = PolicyArg {
            policy: Some(since.clone()),
        }
        .engine()?;
        let diff = spf_core::policy_change::diff(&earlier, &engine);
        document = document.with_changes(spf_core::policy_change::changes_since(&diff));
    }
    let text = render(&document, args.format);
    out!(output, "{text}");
    Ok(Outcome::Accepted)
}

fn render(document: &Guidance, format: GuidanceFormat) -> String {
    match format {
        GuidanceFormat::Html => document.to_html(),
        GuidanceFormat::Md => document.to_markdown(),
    }
}

fn validate(args: &ValidateArgs, output: &mut Output) -> CommandResult {
    let text = args.file.read_to_string()?;
    let json = args.format.format() == Format::Json;
    match Engine::from_policy_json(&text) {
        Ok(engine) => {
            if json {
                let policy = serde_json::to_string(engine.policy_ref())
                    .map_err(|e| Failure(format!("cannot write the answer: {e}")))?;
                outln!(output, r#"{{"valid":true,"policy":{policy}}}"#);
            } else {
                let policy = engine.policy();
                outln!(
                    output,
                    "valid: `{}` is policy {} version {}, effective {}, schema version {}",
                    args.file.name(),
                    policy.id,
                    policy.version,
                    policy.effective_date,
                    policy.schema_version
                );
            }
            Ok(Outcome::Accepted)
        }
        Err(errors) => {
            if json {
                let listed: Vec<String> = errors.iter().map(|e| e.to_json()).collect();
                outln!(
                    output,
                    r#"{{"valid":false,"errors":[{}]}}"#,
                    listed.join(",")
                );
            } else {
                for error in errors.iter() {
                    outln!(output, "{}", render_error(error));
                }
                output.error_line(&format!(
                    "spf: `{}` is not a valid policy document: {} problem(s)",
                    args.file.name(),
                    errors.len()
                ));
            }
            Ok(Outcome::Rejected)
        }
    }
}
