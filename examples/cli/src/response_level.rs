//! `spf response-level --threat LEVEL [--override LEVEL ...]`: the response
//! level a national threat level calls for and, with a site's override, the
//! level in force.
//!
//! The override is the same as a site record's `responseOverride`: upward
//! freely, downward only with a recorded approval (who, when, why); without
//! one the library refuses it (`overrideNotApproved`, exit status 1).

use std::fmt::Write as _;

use clap::Args;
use spf_core::Date;
use spf_core::site::{
    Approval, OverrideDirection, ResponseLevel, ResponseLevelAnswer, ResponseLevelRequest,
    ResponseOverride, ThreatLevel,
};

use crate::args::{self, Format, FormatArg, PolicyArg};
use crate::output::{Output, out, outln};
use crate::render::{HEADER_INDENT, LINE_WIDTH, basis_label, render_error, wrap_hanging};
use crate::{CommandResult, Failure, Outcome};

/// Arguments of `spf response-level`.
#[derive(Debug, Args)]
pub struct ResponseLevelArgs {
    /// The national threat level
    #[arg(long, value_name = "LEVEL", ignore_case = true, value_parser = args::threat_level())]
    threat: ThreatLevel,
    /// A site's own response level instead of the mapped one
    #[arg(long = "override", value_name = "LEVEL", ignore_case = true, value_parser = args::response_level())]
    response_override: Option<ResponseLevel>,
    /// Who approved the override (needed to go below the mapped level)
    #[arg(long, value_name = "WHO", requires_all = ["response_override", "approved_on", "reason"])]
    approved_by: Option<String>,
    /// When the override was approved
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = args::date, requires_all = ["response_override", "approved_by", "reason"])]
    approved_on: Option<Date>,
    /// Why the override was approved
    #[arg(long, value_name = "WHY", requires_all = ["response_override", "approved_by", "approved_on"])]
    reason: Option<String>,
    /// The day to assess on (an approval may not be dated after it)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = args::date)]
    as_of: Option<Date>,
    #[command(flatten)]
    format: FormatArg,
    #[command(flatten)]
    policy: PolicyArg,
}

impl ResponseLevelArgs {
    /// The request the library reads.
    fn request(&self) -> ResponseLevelRequest {
        let approval = match (&self.approved_by, self.approved_on, &self.reason) {
            (Some(by), Some(on), Some(reason)) => Some(Approval {
                by: by.clone(),
                on,
                reason: reason.clone(),
            }),
            // clap requires all three together.
            _ => None,
        };
        ResponseLevelRequest {
            schema_version: None,
            threat_level: self.threat,
            as_of: self.as_of,
            response_override: self
                .response_override
                .map(|level| ResponseOverride { level, approval }),
        }
    }
}

/// Runs `spf response-level`.
pub fn run(args: &ResponseLevelArgs, output: &mut Output) -> CommandResult {
    let engine = args.policy.engine()?;
    let request = args.request();
    let request_json = serde_json::to_string(&request)
        .map_err(|e| Failure(format!("cannot write the request: {e}")))?;
    let json = args.format.format() == Format::Json;
    let answer = match spf_core::json::response_level(&engine, &request_json) {
        Ok(answer) => answer,
        Err(error) => {
            if json {
                output.error_line(&error.to_json());
            } else {
                output.error_line(&format!("spf: {}", render_error(&error)));
            }
            return Ok(Outcome::Rejected);
        }
    };
    if json {
        outln!(output, "{answer}");
        return Ok(Outcome::Accepted);
    }
    let answer: ResponseLevelAnswer = spf_core::json::parse(&answer)
        .map_err(|e| Failure(format!("cannot read back the answer: {e}")))?;
    out!(
        output,
        "{}",
        render_response_level(&answer, request.response_override.as_ref())
    );
    Ok(Outcome::Accepted)
}

/// The answer for people: the threat level, the mapped response level with
/// its source, and the override with the level in force.
fn render_response_level(
    answer: &ResponseLevelAnswer,
    response_override: Option<&ResponseOverride>,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Response level under policy {} version {}",
        answer.policy.id, answer.policy.version
    );
    let _ = writeln!(
        out,
        "  National threat level:  {} ({})",
        answer.threat_level.as_str().to_uppercase(),
        answer.definition
    );
    out.push_str(&wrap_hanging(
        "  Response level:         ",
        &format!(
            "{} ({}: {})",
            answer.response_level.as_str().to_uppercase(),
            basis_label(answer.basis),
            answer.citation
        ),
        HEADER_INDENT,
        LINE_WIDTH,
    ));
    if let Some(response_override) = response_override {
        let approval = response_override
            .approval
            .as_ref()
            .map_or("no approval recorded".to_owned(), |a| {
                format!("approved by {} on {}: {}", a.by, a.on, a.reason)
            });
        out.push_str(&wrap_hanging(
            "  Site override:          ",
            &format!(
                "{} ({approval})",
                response_override.level.as_str().to_uppercase()
            ),
            HEADER_INDENT,
            LINE_WIDTH,
        ));
    }
    if let Some(effective) = &answer.effective {
        out.push_str(&wrap_hanging(
            "  In force at the site:   ",
            &format!(
                "{}, {} ({}: {})",
                effective.response_level.as_str().to_uppercase(),
                direction_label(effective.direction),
                basis_label(effective.basis),
                effective.citation
            ),
            HEADER_INDENT,
            LINE_WIDTH,
        ));
    }
    out
}

/// How the level in force relates to the mapped one, for people.
const fn direction_label(direction: OverrideDirection) -> &'static str {
    match direction {
        OverrideDirection::Upward => "raised above the mapped level",
        OverrideDirection::Same => "the same as the mapped level",
        OverrideDirection::Downward => "lowered below the mapped level with a recorded approval",
    }
}
