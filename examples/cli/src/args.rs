//! Arguments that several subcommands share: the policy document, the output
//! format, and typed values (threat and response levels, dates, files).

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, ValueEnum, ValueHint};
use spf_core::site::{ResponseLevel, ThreatLevel};
use spf_core::{Date, Engine};

use crate::Failure;
use crate::input::Input;
use crate::render::render_error;

/// `--policy FILE`: another policy document instead of the embedded MoJ
/// default.
#[derive(Debug, Clone, Args)]
pub struct PolicyArg {
    /// Use this policy document instead of the embedded MoJ default
    #[arg(long, value_name = "POLICY.json", value_parser = Input::parse, value_hint = ValueHint::FilePath)]
    pub policy: Option<Input>,
}

impl PolicyArg {
    /// The engine for the policy document, or the MoJ default.
    ///
    /// Errors: the document cannot be read, or is invalid (every problem is
    /// listed with its pointer).
    pub fn engine(&self) -> Result<Engine, Failure> {
        let Some(input) = &self.policy else {
            return Ok(Engine::moj_default());
        };
        let text = input.read_to_string()?;
        Engine::from_policy_json(&text).map_err(|errors| {
            let mut message = format!("policy `{}` is invalid:", input.name());
            for error in errors.iter() {
                message.push_str("\n  ");
                message.push_str(&render_error(error));
            }
            Failure(message)
        })
    }
}

/// How to print an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Format {
    /// For people
    #[default]
    Text,
    /// The library's JSON answer
    Json,
}

/// How to print an answer that is a table of records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum TableFormat {
    /// For people
    #[default]
    Text,
    /// The library's JSON answers
    Json,
    /// One row per record, with a header row
    Csv,
}

/// `--format text|json`, with `--json` as a shorthand.
#[derive(Debug, Clone, Args)]
pub struct FormatArg {
    /// How to print the answer
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Print the JSON answer (the same as `--format json`)
    #[arg(long, conflicts_with = "format")]
    json: bool,
}

impl FormatArg {
    /// The format asked for.
    pub fn format(&self) -> Format {
        if self.json { Format::Json } else { self.format }
    }
}

/// `--format text|json|csv`, with `--json` as a shorthand.
#[derive(Debug, Clone, Args)]
pub struct TableFormatArg {
    /// How to print the answers
    #[arg(long, value_enum, default_value_t)]
    format: TableFormat,
    /// Print the JSON answers (the same as `--format json`)
    #[arg(long, conflicts_with = "format")]
    json: bool,
}

impl TableFormatArg {
    /// The format asked for.
    pub fn format(&self) -> TableFormat {
        if self.json {
            TableFormat::Json
        } else {
            self.format
        }
    }
}

/// A national threat level, in any case (`severe`, `SEVERE`); the possible
/// values are listed in help and completions.
pub fn threat_level() -> impl TypedValueParser<Value = ThreatLevel> {
    PossibleValuesParser::new(ThreatLevel::ALL.map(ThreatLevel::as_str))
        .try_map(|text| text.parse::<ThreatLevel>())
}

/// A response level, in any case.
pub fn response_level() -> impl TypedValueParser<Value = ResponseLevel> {
    PossibleValuesParser::new(ResponseLevel::ALL.map(ResponseLevel::as_str)).try_map(|text| {
        ResponseLevel::ALL
            .into_iter()
            .find(|level| level.as_str().eq_ignore_ascii_case(&text))
            .ok_or_else(|| format!("unknown response level `{text}`"))
    })
}

/// A date written `YYYY-MM-DD` that exists in the calendar.
pub fn date(text: &str) -> Result<Date, String> {
    text.parse::<Date>().map_err(|e| e.to_string())
}
