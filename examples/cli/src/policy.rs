//! `spf policy export`, `spf policy validate FILE`, `spf policy diff A B`
//! and `spf policy impact REGISTER A B`: policy documents.
//!
//! An agency exports the MoJ default, changes it, and validates its copy before
//! loading it with `--policy`. Validation is the engine's own loading: every
//! problem in the document is listed with its JSON pointer.

use clap::{Args, Subcommand, ValueHint};
use spf_core::Engine;

use crate::args::{Format, FormatArg, PolicyArg};
use crate::input::Input;
use crate::output::{Output, outln};
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
