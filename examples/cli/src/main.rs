//! `spf`: the Ministry of Justice protective-security policy on the command line.
//!
//! Assess breach reports, report on counter-terrorism site records, say which
//! response level a threat level calls for, report trends in the central
//! incident register, evaluate SPF compliance returns, say who co-ordinates an
//! incident, and export or validate policy documents — under the embedded MoJ
//! default policy or another policy document (`--policy`).
//!
//! ```text
//! spf demo
//! spf breaches examples/data/breach-reports.jsonl [--format text|json|csv]
//! spf sites examples/data/sites.json --threat substantial --as-of 2026-11-23 [--format csv]
//! spf site examples/data/sites.json --id MOJ-LDN-0001 --threat severe --as-of 2026-11-23
//! spf response-level --threat critical --override heightened --approved-by DSO --approved-on 2026-11-20 --reason "..."
//! spf trends examples/data/incidents.jsonl --from 2025-04-01 --to 2026-03-31
//! spf compliance examples/data/compliance-return.json
//! spf coordinate --areas "HMCTS,HMPPS" --front-line
//! spf assurance --sites examples/data/sites.json --returns examples/data/compliance-returns.json --register examples/data/incidents.jsonl --threat substantial --as-of 2026-11-30 --from 2025-12-01 --to 2026-11-30 [--format html]
//! spf policy export > policy.json && spf policy validate policy.json
//! spf completions bash > /etc/bash_completion.d/spf
//! ```
//!
//! Every decision comes from `spf-core`; this program reads arguments and
//! files (`-` is standard input), calls the engine, and orders and formats its
//! answers. One module per subcommand; `render` holds what they share.
//!
//! Exit status: 0 when everything was accepted (gaps and findings are answers,
//! not failures); 1 when a line, record or request was rejected (each is
//! reported on standard error, and the rest are still used); 2 for usage
//! errors, unreadable files and invalid policy documents.

mod args;
mod assurance;
mod breaches;
mod case;
mod completions;
mod compliance;
mod coordinate;
mod demo;
mod input;
mod output;
mod policy;
mod policy_change;
mod progress;
mod render;
mod response_level;
mod site;
mod sites;
mod threat_change;
mod trends;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::output::Output;

/// The MoJ protective-security policy as explainable answers.
///
/// Breach reports, site status, response levels, incident trends, compliance
/// returns, co-ordination and policy documents, under the embedded MoJ
/// default policy or another policy document (--policy). Every answer cites
/// the policy clause it comes from; the engine recommends, the manager decides.
#[derive(Debug, Parser)]
#[command(
    name = "spf",
    version,
    arg_required_else_help = true,
    after_help = EXIT_STATUS,
    after_long_help = EXIT_STATUS
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXIT_STATUS: &str = "\
Exit status: 0 everything accepted; 1 a line, record or request was rejected
(each is reported on standard error); 2 usage error, unreadable file or invalid
policy document. FILE may be `-` for standard input.";

#[derive(Debug, Subcommand)]
enum Command {
    /// The quick start: the sample breaches, estate and incident register
    ///
    /// Assesses the sample breach reports, reports on the sample estate under
    /// SUBSTANTIAL on 2026-11-23, then summarises the sample incident register
    /// for the financial year 2025-26. The sample data is built in.
    Demo(demo::DemoArgs),
    /// Assess a JSON Lines file of breach reports
    ///
    /// Each line is a breach report; each answer gives the recommended level,
    /// the breach matrix score and band, the route, the flags and the cited
    /// reasons. A bad line is reported on standard error with its number.
    Breaches(breaches::BreachesArgs),
    /// Check breach cases from report to outcome, one per line
    ///
    /// Each line is a breach case: its report, the recommendation as it was
    /// assessed and its dated events (reported, investigationStarted,
    /// breachNoticeIssued, decision, closed) in any order. Each answer gives
    /// the case's state, the manager's decision against the recommendation,
    /// what is still due and by when, and what the record lacks, with cited
    /// reasons. A bad line is reported on standard error with its number.
    Case(case::CaseArgs),
    /// Report on an estate's site records under a threat level on a day
    ///
    /// For every site: the response level in force, the controls required,
    /// the CT-plan test and risk assessment with their dates, and findings,
    /// worst site first; then the portfolio summary. A bad record is reported
    /// on standard error with its index.
    Sites(sites::SitesArgs),
    /// What a change of threat level changes at every site, and whom to tell
    ///
    /// For every site of a sites file: the response level before and after,
    /// the controls to stand up or that may be stood down, and the gaps the
    /// change opens; grouped by business area with the security officers to
    /// tell, and the figures for the DSO's advice to the Permanent Secretary.
    ThreatChange(threat_change::ThreatChangeArgs),
    /// One site's full status, with every schedule, finding and reason
    ///
    /// The site with the given id in a sites file: the response level in
    /// force, the controls required and recommended, every schedule with its
    /// dates, the findings with their sources, and the cited reasons.
    Site(site::SiteArgs),
    /// The response level a threat level calls for, with a site's override
    ///
    /// The national threat level maps to a response level; a site may set its
    /// own, upward freely and downward only with a recorded approval (who,
    /// when, why). The answer says which level is in force.
    ResponseLevel(response_level::ResponseLevelArgs),
    /// Trends in a JSON Lines incident register over whole quarters
    ///
    /// Counts per quarter with the change on the quarter before, the busiest
    /// business areas and sites, repeat individuals and hotspots (POLSBP002).
    Trends(trends::TrendsArgs),
    /// Evaluate an SPF compliance return
    ///
    /// Gaps, variations to report in the annual governance report, and
    /// variations that lack the Accounting Officer's agreement.
    Compliance(compliance::ComplianceArgs),
    /// Who co-ordinates the response to an incident
    Coordinate(coordinate::CoordinateArgs),
    /// The year's assurance pack for the Board and the Permanent Secretary
    ///
    /// From the estate, the business areas' SPF compliance returns and the
    /// incident register: the estate's counter-terrorism compliance, each
    /// return with the business areas that made none, the variations to
    /// report in the annual Governance Statement and the invalid ones, and the
    /// year's breach trends with repeats and hotspots. As text, JSON or a
    /// printable GOV.UK page (--format html).
    Assurance(assurance::AssuranceArgs),
    /// Export, validate or compare policy documents
    #[command(subcommand)]
    Policy(policy::PolicyCommand),
    /// Print a shell completion script
    Completions(completions::CompletionsArgs),
}

/// What a command found: everything it was given was accepted, or something
/// was rejected (and reported on standard error).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub enum Outcome {
    /// Every line, record or request was accepted.
    Accepted,
    /// At least one was rejected.
    Rejected,
}

impl Outcome {
    /// `Accepted` when nothing was rejected.
    pub const fn accepted_if(all_accepted: bool) -> Self {
        if all_accepted {
            Outcome::Accepted
        } else {
            Outcome::Rejected
        }
    }

    /// `Accepted` only when both are.
    pub const fn and(self, other: Outcome) -> Self {
        match (self, other) {
            (Outcome::Accepted, Outcome::Accepted) => Outcome::Accepted,
            _ => Outcome::Rejected,
        }
    }
}

/// Why a command could not run at all: a usage error, an unreadable file or an
/// invalid policy document (exit status 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure(pub String);

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure(message)
    }
}

/// What every command returns.
pub type CommandResult = Result<Outcome, Failure>;

fn run(command: Command, output: &mut Output) -> CommandResult {
    match command {
        Command::Demo(args) => demo::run(&args, output),
        Command::Breaches(args) => breaches::run(&args, output),
        Command::Case(args) => case::run(&args, output),
        Command::Sites(args) => sites::run(&args, output),
        Command::Site(args) => site::run(&args, output),
        Command::ThreatChange(args) => threat_change::run(&args, output),
        Command::ResponseLevel(args) => response_level::run(&args, output),
        Command::Trends(args) => trends::run(&args, output),
        Command::Compliance(args) => compliance::run(&args, output),
        Command::Coordinate(args) => coordinate::run(&args, output),
        Command::Assurance(args) => assurance::run(&args, output),
        Command::Policy(command) => policy::run(&command, output),
        Command::Completions(args) => completions::run(&args, output),
    }
}

fn main() -> ExitCode {
    // Usage errors exit with 2, `--help` and `--version` with 0 (clap's own).
    let cli = Cli::parse();
    let mut output = Output::stdout();
    let result = run(cli.command, &mut output).and_then(|outcome| {
        output.flush()?;
        Ok(outcome)
    });
    match result {
        Ok(Outcome::Accepted) => ExitCode::SUCCESS,
        Ok(Outcome::Rejected) => ExitCode::from(1),
        Err(Failure(message)) => {
            // What was printed before the failure still goes out first.
            let _ = output.flush();
            eprintln!("spf: {message}");
            ExitCode::from(2)
        }
    }
}

/// The command-line definition itself.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_definition_is_consistent() {
        super::command().debug_assert();
    }
}
