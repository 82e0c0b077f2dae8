//! Checks a policy document before it is compiled, so that evaluation never has
//! to re-check it. Every problem is reported, each with the JSON pointer of the
//! offending field.

use std::fmt;

use crate::codec::Pointer;
use crate::error::{ErrorCode, SpfError};
use crate::policy::Policy;
use crate::reason::Source;

/// Every problem found in a policy document, in document order. Never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyErrors {
    first: SpfError,
    rest: Vec<SpfError>,
}

impl PolicyErrors {
    /// The problems of one error: the error, then the others it lists.
    pub(crate) fn single(mut error: SpfError) -> Self {
        let rest = std::mem::take(&mut error.also);
        Self { first: error, rest }
    }

    /// `error` first, then every problem of `others`.
    pub(crate) fn preceded_by(error: SpfError, others: Option<Self>) -> Self {
        let rest = others.map_or_else(Vec::new, |others| {
            std::iter::once(others.first).chain(others.rest).collect()
        });
        Self { first: error, rest }
    }

    fn from_vec(mut errors: Vec<SpfError>) -> Option<Self> {
        if errors.is_empty() {
            return None;
        }
        let first = errors.remove(0);
        Some(Self {
            first,
            rest: errors,
        })
    }

    /// The first problem, in document order.
    #[must_use]
    pub fn first(&self) -> &SpfError {
        &self.first
    }

    /// Every problem.
    pub fn iter(&self) -> impl Iterator<Item = &SpfError> {
        std::iter::once(&self.first).chain(self.rest.iter())
    }

    /// How many problems there are (at least one).
    #[must_use]
    pub fn len(&self) -> usize {
        1 + self.rest.len()
    }

    /// Always false: there is at least one problem.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The first problem, for surfaces that report one error.
    #[must_use]
    pub fn into_first(self) -> SpfError {
        self.first
    }
}

impl fmt::Display for PolicyErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.first)?;
        if !self.rest.is_empty() {
            write!(f, " (and {} more)", self.rest.len())?;
        }
        Ok(())
    }
}

impl std::error::Error for PolicyErrors {}

/// The first problem, with every other one in [`SpfError::also`].
impl From<PolicyErrors> for SpfError {
    fn from(errors: PolicyErrors) -> Self {
        let PolicyErrors { mut first, rest } = errors;
        first.also = rest;
        first
    }
}

/// Collects every problem found, in document order.
pub(super) struct Checker {
    pub(super) errors: Vec<SpfError>,
}

impl Checker {
    pub(super) fn fail(&mut self, code: ErrorCode, path: &Pointer, message: String) {
        self.errors
            .push(SpfError::new(code, message, path.as_str()));
    }

    pub(super) fn source(&mut self, source: &Source, path: &Pointer) {
        if source.citation.as_str().trim().is_empty() {
            self.fail(
                ErrorCode::PolicyInvalidValue,
                &path.key("citation"),
                "a citation must not be empty".into(),
            );
        }
    }

    pub(super) fn non_empty(&mut self, text: &str, path: &Pointer, what: &str) {
        if text.trim().is_empty() {
            self.fail(
                ErrorCode::PolicyInvalidValue,
                path,
                format!("{what} must not be empty"),
            );
        }
    }

    pub(super) fn at_most(&mut self, value: u32, max: u32, path: &Pointer, what: &str) {
        if value > max {
            self.fail(
                ErrorCode::PolicyInvalidValue,
                path,
                format!("{what} is {value}; it must be at most {max}"),
            );
        }
    }
}

pub(super) fn validate(policy: &Policy) -> Result<(), PolicyErrors> {
    let mut check = Checker { errors: Vec::new() };
    let root = Pointer::root();
    check.non_empty(&policy.id, &root.key("id"), "the policy id");
    check.non_empty(&policy.version, &root.key("version"), "the policy version");
    check.non_empty(&policy.title, &root.key("title"), "the policy title");
    super::breach::validate(&mut check, policy, &root.key("breach"));
    super::counter_terrorism::validate(
        &policy.counter_terrorism,
        &root.key("counterTerrorism"),
        &mut check.errors,
    );
    super::incidents::validate(&policy.incidents, &root.key("incidents"), &mut check.errors);
    super::compliance::validate(
        &policy.compliance,
        &root.key("compliance"),
        &mut check.errors,
    );
    super::personnel_security::validate(
        &policy.personnel_security,
        &root.key("personnelSecurity"),
        &mut check.errors,
    );
    super::third_parties::validate(
        &policy.third_parties,
        &root.key("thirdParties"),
        &mut check.errors,
    );
    let mut loosened = Vec::new();
    super::authority::check(policy, &mut loosened);
    // One problem per value: a score out of range or a matrix that goes down is
    // reported as such, not again as a loosening of the same value.
    loosened.retain(|error| !check.errors.iter().any(|other| other.path == error.path));
    check.errors.extend(loosened);
    // Document order: the authority check runs last, over every section, so
    // its errors are put back beside their section's other problems.
    check.errors.sort_by_key(|error| section_rank(&error.path));
    match PolicyErrors::from_vec(check.errors) {
        None => Ok(()),
        Some(errors) => Err(errors),
    }
}

/// Where a path's section comes in the document.
fn section_rank(path: &str) -> usize {
    const SECTIONS: [&str; 6] = [
        "/breach",
        "/counterTerrorism",
        "/incidents",
        "/compliance",
        "/personnelSecurity",
        "/thirdParties",
    ];
    SECTIONS
        .iter()
        .position(|section| {
            path.strip_prefix(section)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
        .map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::Level;

    fn errors_of(policy: &Policy) -> Vec<(ErrorCode, String)> {
        match policy.validate() {
            Ok(()) => Vec::new(),
            Err(errors) => errors.iter().map(|e| (e.code, e.path.clone())).collect(),
        }
    }

    #[test]
    fn default_policy_is_valid() {
        assert_eq!(errors_of(&Policy::moj_default()), Vec::new());
    }

    #[test]
    fn missing_and_duplicate_kinds() {
        let mut p = Policy::moj_default();
        p.breach.kinds.remove(0);
        let dup = p.breach.kinds[0].clone();
        p.breach.kinds.push(dup);
        let errors = errors_of(&p);
        assert!(errors.contains(&(
            ErrorCode::PolicyDuplicateEntry,
            "/breach/kinds/22/kind".into()
        )));
        assert!(errors.contains(&(ErrorCode::PolicyIncomplete, "/breach/kinds".into())));
    }

    #[test]
    fn bands_must_cover_one_to_twelve_exactly() {
        let mut p = Policy::moj_default();
        p.breach.bands[3].max_score = 11;
        assert_eq!(
            errors_of(&p),
            vec![(ErrorCode::PolicyBandsInvalid, "/breach/bands".into())]
        );
        let mut p = Policy::moj_default();
        p.breach.bands[1].max_score = 5;
        assert_eq!(
            errors_of(&p),
            vec![(ErrorCode::PolicyBandsInvalid, "/breach/bands".into())]
        );
        let mut p = Policy::moj_default();
        p.breach.bands[1].min_score = 4;
        p.breach.bands[1].max_score = 3;
        assert!(errors_of(&p).contains(&(ErrorCode::PolicyBandsInvalid, "/breach/bands/1".into())));
    }

    #[test]
    fn band_levels_must_not_go_down() {
        let mut p = Policy::moj_default();
        p.breach.bands[3].level = Level::Minor;
        assert_eq!(
            errors_of(&p),
            vec![(ErrorCode::PolicyNotMonotone, "/breach/bands/3/level".into())]
        );
    }

    #[test]
    fn matrix_must_rise_with_care_and_classification() {
        let mut p = Policy::moj_default();
        p.breach.matrix.official[2] = 1;
        assert_eq!(
            errors_of(&p),
            vec![(
                ErrorCode::PolicyNotMonotone,
                "/breach/matrix/official/2".into()
            )]
        );
        let mut p = Policy::moj_default();
        p.breach.matrix.top_secret_and_strap[0] = 3;
        assert_eq!(
            errors_of(&p),
            vec![(
                ErrorCode::PolicyNotMonotone,
                "/breach/matrix/topSecretAndStrap/0".into()
            )]
        );
        let mut p = Policy::moj_default();
        p.breach.matrix.official[0] = 0;
        assert!(errors_of(&p).contains(&(
            ErrorCode::PolicyInvalidValue,
            "/breach/matrix/official/0".into()
        )));
    }

    #[test]
    fn escalations_must_not_go_down_or_run_away() {
        let mut p = Policy::moj_default();
        p.breach.damage.potential_steps = 1;
        assert_eq!(
            errors_of(&p),
            vec![(
                ErrorCode::PolicyNotMonotone,
                "/breach/damage/potentialSteps".into()
            )]
        );
        let mut p = Policy::moj_default();
        p.breach.history.warning_level_steps = 3;
        p.breach.history.window_months = 0;
        assert_eq!(
            errors_of(&p),
            vec![
                (
                    ErrorCode::PolicyInvalidValue,
                    "/breach/history/windowMonths".into()
                ),
                (
                    ErrorCode::PolicyInvalidValue,
                    "/breach/history/warningLevelSteps".into()
                ),
            ]
        );
        let mut p = Policy::moj_default();
        p.breach.markings.sensitive_uplift.points = 4;
        assert_eq!(
            errors_of(&p),
            vec![(
                ErrorCode::PolicyNotMonotone,
                "/breach/markings/sensitiveUplift/points".into()
            )]
        );
        let mut p = Policy::moj_default();
        p.breach.markings.legacy[3].scored_as = crate::marking::Classification::Official;
        p.breach.markings.legacy[2].scored_as = crate::marking::Classification::Secret;
        assert_eq!(
            errors_of(&p),
            vec![(
                ErrorCode::PolicyNotMonotone,
                "/breach/markings/legacy/3/scoredAs".into()
            )]
        );
    }

    #[test]
    fn empty_citations_ids_and_schema_version() {
        let mut p = Policy::moj_default();
        p.schema_version = 2;
        p.id = " ".into();
        p.breach.flags.record_centrally.citation = crate::reason::Citation::new("");
        // The engine checks the version, then the rules, and reports both.
        let errors = crate::Engine::new(p).unwrap_err();
        assert_eq!(
            errors
                .iter()
                .map(|e| (e.code, e.path.clone()))
                .collect::<Vec<_>>(),
            vec![
                (ErrorCode::UnsupportedSchemaVersion, "/schemaVersion".into()),
                (ErrorCode::PolicyInvalidValue, "/id".into()),
                (
                    ErrorCode::PolicyInvalidValue,
                    "/breach/flags/recordCentrally/citation".into()
                ),
            ]
        );
    }

    #[test]
    fn every_band_consults_security_and_before_acting_starts_no_lower() {
        use crate::vocabulary::Band;
        let mut p = Policy::moj_default();
        p.breach
            .flags
            .consult_security
            .about_circumstances
            .from_band = Band::Amber;
        p.breach.flags.consult_security.before_acting.from_band = Band::Green;
        assert_eq!(
            errors_of(&p),
            vec![
                (
                    ErrorCode::PolicyInvalidValue,
                    "/breach/flags/consultSecurity/aboutCircumstances/fromBand".into()
                ),
                (
                    ErrorCode::PolicyNotMonotone,
                    "/breach/flags/consultSecurity/beforeActing/fromBand".into()
                ),
            ]
        );
        // Consulting before acting on every band is stricter, and valid.
        let mut p = Policy::moj_default();
        p.breach.flags.consult_security.before_acting.from_band = Band::Green;
        assert_eq!(errors_of(&p), vec![]);
    }

    #[test]
    fn kinds_without_material_are_listed_once_and_never_about_material() {
        use crate::vocabulary::BreachKind;
        let mut p = Policy::moj_default();
        let kinds = &mut p.breach.classified_material.kinds_without_material.kinds;
        kinds.push(BreachKind::LossOfPass);
        kinds.push(BreachKind::SecretMaterialCompromisedThroughNegligence);
        assert_eq!(
            errors_of(&p),
            vec![
                (
                    ErrorCode::PolicyDuplicateEntry,
                    "/breach/classifiedMaterial/kindsWithoutMaterial/kinds/8".into()
                ),
                (
                    ErrorCode::PolicyInvalidValue,
                    "/breach/classifiedMaterial/kindsWithoutMaterial/kinds/9".into()
                ),
            ]
        );
    }

    #[test]
    fn matrix_examples_have_history_valid_scores_and_one_case_each() {
        let mut p = Policy::moj_default();
        let mut again = p.breach.history.matrix_examples[0].clone();
        p.breach.history.matrix_examples.push(again.clone());
        again.repeats = 0;
        again.scored = 13;
        p.breach.history.matrix_examples.push(again);
        assert_eq!(
            errors_of(&p),
            vec![
                (
                    ErrorCode::PolicyDuplicateEntry,
                    "/breach/history/matrixExamples/4".into()
                ),
                (
                    ErrorCode::PolicyInvalidValue,
                    "/breach/history/matrixExamples/5/scored".into()
                ),
                (
                    ErrorCode::PolicyInvalidValue,
                    "/breach/history/matrixExamples/5/repeats".into()
                ),
            ]
        );
    }

    #[test]
    fn listed_examples_pair_once_with_a_listed_kind() {
        use crate::vocabulary::BreachKind;
        let mut p = Policy::moj_default();
        let again = p.breach.listed_examples[0].clone();
        p.breach.listed_examples.push(again);
        let mut unlisted = p.breach.listed_examples[0].clone();
        unlisted.listed = BreachKind::ClearDeskFailure;
        p.breach.listed_examples.push(unlisted);
        assert_eq!(
            errors_of(&p),
            vec![
                (
                    ErrorCode::PolicyDuplicateEntry,
                    "/breach/listedExamples/5".into()
                ),
                (
                    ErrorCode::PolicyInvalidValue,
                    "/breach/listedExamples/6/listed".into()
                ),
            ]
        );
    }

    #[test]
    fn routes_cover_everyone_once_each_row_reachable() {
        let mut p = Policy::moj_default();
        let again = p.breach.routes[0].clone();
        p.breach.routes.push(again);
        assert_eq!(
            errors_of(&p),
            vec![(ErrorCode::PolicyDuplicateEntry, "/breach/routes/11".into())]
        );
        // Without its row, a minister at each organisation has no route.
        let mut p = Policy::moj_default();
        p.breach
            .routes
            .retain(|row| row.status != Some(crate::vocabulary::PersonStatus::Minister));
        let errors = p.validate().unwrap_err();
        assert_eq!(errors.len(), 3);
        for error in errors.iter() {
            assert_eq!(error.code, ErrorCode::PolicyIncomplete);
            assert_eq!(error.path, "/breach/routes");
            assert!(
                error.message.contains("status `minister`"),
                "{}",
                error.message
            );
        }
        let mut p = Policy::moj_default();
        p.breach.routes[3].label = crate::reason::Label::new(" ");
        assert_eq!(
            errors_of(&p),
            vec![(
                ErrorCode::PolicyInvalidValue,
                "/breach/routes/3/label".into()
            )]
        );
    }
}
