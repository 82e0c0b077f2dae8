//! `spf coordinate --areas AREA[,AREA...]`: who co-ordinates the response to
//! an incident affecting these business areas.

use std::fmt::Write as _;

use clap::Args;
use spf_core::coordination::{CoordinationAnswer, CoordinationRequest, Coordinator};

use crate::args::{Format, FormatArg, PolicyArg};
use crate::output::{Output, out, outln};
use crate::render::{HEADER_INDENT_TOP, LINE_WIDTH, render_error, render_reasons, wrap_hanging};
use crate::{CommandResult, Failure, Outcome};

/// Arguments of `spf coordinate`.
#[derive(Debug, Args)]
pub struct CoordinateArgs {
    /// The business areas affected, separated by commas (e.g. "HMCTS,HMPPS")
    #[arg(long, value_name = "AREA[,AREA...]")]
    areas: String,
    /// Front-line services (courts, tribunals, prisons) are significantly
    /// affected
    #[arg(long)]
    front_line: bool,
    #[command(flatten)]
    format: FormatArg,
    #[command(flatten)]
    policy: PolicyArg,
}

/// Runs `spf coordinate`; the request is rejected (exit status 1) when the
/// engine refuses it, e.g. with no business area.
pub fn run(args: &CoordinateArgs, output: &mut Output) -> CommandResult {
    let engine = args.policy.engine()?;
    let business_areas_affected = if args.areas.trim().is_empty() {
        Vec::new()
    } else {
        args.areas.split(',').map(str::to_owned).collect()
    };
    let request = CoordinationRequest {
        schema_version: None,
        business_areas_affected,
        front_line_services_significantly_affected: args.front_line,
    };
    let json = args.format.format() == Format::Json;
    match engine.coordinate(&request) {
        Ok(answer) => {
            if json {
                let line = serde_json::to_string(&answer)
                    .map_err(|e| Failure(format!("cannot write the answer: {e}")))?;
                outln!(output, "{line}");
            } else {
                out!(output, "{}", render_coordination(&answer, args.front_line));
            }
            Ok(Outcome::Accepted)
        }
        Err(error) => {
            if json {
                output.error_line(&error.to_json());
            } else {
                output.error_line(&format!("spf: {}", render_error(&error)));
            }
            Ok(Outcome::Rejected)
        }
    }
}

/// A readable name for who co-ordinates.
pub const fn coordinator_label(coordinator: Coordinator) -> &'static str {
    match coordinator {
        Coordinator::Local => "the affected business area's own emergency response arrangements",
        Coordinator::CorporateBusinessContinuity => {
            "MoJ Corporate Business Continuity arrangements, supported by Corporate Security and Business Continuity"
        }
        Coordinator::StrategicCoordinationGroup => {
            "the Strategic Co-ordination Group (Gold), chaired by the NOMS Gold Commander, may take the co-ordination role"
        }
    }
}

/// A readable rendering of a co-ordination answer: who co-ordinates, the standing
/// arrangements beneath, and the numbered reasons with their citations.
pub fn render_coordination(answer: &CoordinationAnswer, front_line: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Incident affecting {} business area(s): {}",
        answer.business_areas.len(),
        answer.business_areas.join(", ")
    );
    let _ = writeln!(
        out,
        "Front-line services (courts, tribunals, prisons) significantly affected: {}\n",
        if front_line { "yes" } else { "no" }
    );
    out.push_str(&wrap_hanging(
        "Who co-ordinates:       ",
        &format!(
            "{} [{}]",
            coordinator_label(answer.coordinator),
            answer.coordinator.as_str()
        ),
        HEADER_INDENT_TOP,
        LINE_WIDTH,
    ));
    out.push_str(&wrap_hanging(
        "Standing arrangements:  ",
        &format!(
            "{} [{}]",
            coordinator_label(answer.standing_arrangements),
            answer.standing_arrangements.as_str()
        ),
        HEADER_INDENT_TOP,
        LINE_WIDTH,
    ));
    let _ = writeln!(
        out,
        "Policy:                 {} version {}",
        answer.policy.id, answer.policy.version
    );
    render_reasons(&mut out, &answer.reasons);
    out
}
