//! `spf sites --format csv`: one row per assessed site, in file order, with a
//! header row; values are the wire names and `YYYY-MM-DD` dates the JSON
//! answers use, and an empty cell where a date or schedule does not apply.

use serde_json::value::RawValue;
use spf_core::site::{Schedule, ThreatLevel};
use spf_core::{Date, Engine};

use super::{AssessedSite, assess_sites, findings_by_severity, rejected_line};
use crate::output::Output;
use crate::{CommandResult, Failure, Outcome};

/// The header row.
pub const HEADER: [&str; 21] = [
    "index",
    "id",
    "name",
    "businessArea",
    "tier",
    "responseLevel",
    "requiredControls",
    "ctPlanTestStatus",
    "ctPlanTestDueOn",
    "ctPlanTestOverdueAfter",
    "riskAssessmentStatus",
    "riskAssessmentDueOn",
    "riskAssessmentOverdueAfter",
    "tierReassessmentStatus",
    "tierReassessmentDueOn",
    "exceptionalReviewStatus",
    "exceptionalReviewDueOn",
    "highFindings",
    "mediumFindings",
    "lowFindings",
    "findings",
];

/// Prints the table; rejected records go to standard error as in the text
/// report.
pub fn print(
    engine: &Engine,
    records: &[Box<RawValue>],
    threat: ThreatLevel,
    as_of: Date,
    output: &mut Output,
) -> CommandResult {
    let outcomes = assess_sites(engine, records, threat, as_of);
    let mut writer = csv::Writer::from_writer(&mut *output);
    writer.write_record(HEADER).map_err(failure)?;
    let mut failed = 0usize;
    for outcome in &outcomes {
        match &outcome.result {
            Ok(site) => writer
                .write_record(row(outcome.index, site))
                .map_err(failure)?,
            Err(error) => {
                failed += 1;
                writer.flush().map_err(|e| failure(e.into()))?;
                eprintln!(
                    "{}",
                    rejected_line(
                        outcome.index,
                        records.get(outcome.index).map(|r| &**r),
                        error
                    )
                );
            }
        }
    }
    writer.flush().map_err(|e| failure(e.into()))?;
    Ok(Outcome::accepted_if(failed == 0))
}

fn row(index: usize, assessed: &AssessedSite) -> [String; 21] {
    let (site, status) = (&assessed.site, &assessed.status);
    let schedules = &status.schedules;
    let (high, medium, low) = findings_by_severity(status);
    let findings: Vec<&str> = status.findings.iter().map(|f| f.code.as_str()).collect();
    let exceptional = schedules.exceptional_review.as_ref();
    [
        index.to_string(),
        status.site_id.clone(),
        site.name.clone(),
        site.business_area.clone().unwrap_or_default(),
        status.tier.as_str().to_owned(),
        status.response_level.as_str().to_owned(),
        status.required_controls.join(" "),
        schedules.ct_plan_test.status.as_str().to_owned(),
        date(schedules.ct_plan_test.due_on),
        date(schedules.ct_plan_test.overdue_after),
        schedules.risk_assessment.status.as_str().to_owned(),
        date(schedules.risk_assessment.due_on),
        date(schedules.risk_assessment.overdue_after),
        schedules.tier_reassessment.status.as_str().to_owned(),
        date(schedules.tier_reassessment.due_on),
        exceptional.map_or_else(String::new, |s: &Schedule| s.status.as_str().to_owned()),
        date(exceptional.and_then(|s| s.due_on)),
        high.to_string(),
        medium.to_string(),
        low.to_string(),
        findings.join(" "),
    ]
}

fn date(date: Option<Date>) -> String {
    date.map_or_else(String::new, |d| d.to_string())
}

fn failure(error: csv::Error) -> Failure {
    Failure(format!("cannot write the CSV table: {error}"))
}
