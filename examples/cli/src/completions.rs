//! `spf completions SHELL`: a completion script for bash, zsh, fish, elvish or
//! PowerShell, generated from the command-line definition itself, so it
//! cannot fall behind the subcommands and their options.
//!
//! ```text
//! spf completions bash > ~/.local/share/bash-completion/completions/spf
//! spf completions zsh > ~/.zfunc/_spf
//! spf completions fish > ~/.config/fish/completions/spf.fish
//! ```

use clap::Args;
use clap_complete::Shell;

use crate::output::Output;
use crate::{CommandResult, Outcome};

/// Arguments of `spf completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    shell: Shell,
}

/// Runs `spf completions`.
pub fn run(args: &CompletionsArgs, output: &mut Output) -> CommandResult {
    let mut command = crate::command();
    clap_complete::generate(args.shell, &mut command, "spf", output);
    output.flush()?;
    Ok(Outcome::Accepted)
}
