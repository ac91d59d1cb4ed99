//! Scores, thresholds and the spread between experts (DOMAIN.md, "Evaluation").
//!
//! A score is 0 to 5 in half points, held as a whole number of half points so
//! that sums and comparisons are exact.

use std::collections::BTreeMap;

use super::call::{CallSettings, Criterion, Stage};
use crate::error::FieldError;

/// A score in half points: 0 (0.0) to 10 (5.0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Score(u8);

impl Score {
    /// Accepts 0, 0.5, 1, ... 5 and nothing else.
    pub fn parse(value: f64) -> Option<Self> {
        let halves = value * 2.0;
        (value.is_finite() && (0.0..=10.0).contains(&halves) && halves.fract() == 0.0)
            .then_some(Self(halves as u8))
    }

    pub fn half_points(self) -> u32 {
        u32::from(self.0)
    }

    pub fn value(self) -> f64 {
        f64::from(self.0) / 2.0
    }
}

/// What the scale's steps mean, for the scoring form.
pub fn meaning(score: Score) -> &'static str {
    match score.0 {
        0..=1 => "fails to address the criterion or cannot be assessed",
        2..=3 => "poor",
        4..=5 => "fair",
        6..=7 => "good",
        8..=9 => "very good",
        _ => "excellent",
    }
}

/// One criterion's score and comment as submitted.
#[derive(Debug, Clone)]
pub struct CriterionInput<'a> {
    pub key: &'a str,
    pub score: Option<f64>,
    pub comment: &'a str,
}

/// Checks a complete review against the stage's criteria: every criterion
/// scored on the scale with a comment, no unknown criteria, an overall comment.
pub fn validate_review(
    settings: &CallSettings,
    stage: Stage,
    inputs: &[CriterionInput<'_>],
    overall_comment: &str,
) -> Result<BTreeMap<String, Score>, Vec<FieldError>> {
    let criteria: Vec<&Criterion> = settings
        .criteria
        .iter()
        .filter(|c| c.stage == stage)
        .collect();
    let mut errors = Vec::new();
    let mut scores = BTreeMap::new();
    for input in inputs {
        if !criteria.iter().any(|c| c.key == input.key) {
            errors.push(FieldError::new(
                format!("scores.{}", input.key),
                "unknown",
                "This call has no such criterion at this stage.",
            ));
        }
    }
    for criterion in &criteria {
        let field = format!("scores.{}", criterion.key);
        let Some(input) = inputs.iter().find(|i| i.key == criterion.key) else {
            errors.push(FieldError::new(
                field,
                "required",
                format!("Score {}.", criterion.label),
            ));
            continue;
        };
        match input.score.map(Score::parse) {
            None => errors.push(FieldError::new(
                format!("{field}.score"),
                "required",
                format!("Score {}.", criterion.label),
            )),
            Some(None) => errors.push(FieldError::new(
                format!("{field}.score"),
                "out_of_scale",
                "A score is 0 to 5 in half points.",
            )),
            Some(Some(score)) => {
                scores.insert(criterion.key.clone(), score);
            }
        }
        if input.comment.trim().is_empty() {
            errors.push(FieldError::new(
                format!("{field}.comment"),
                "required",
                format!("Explain the score for {}.", criterion.label),
            ));
        }
    }
    if overall_comment.trim().is_empty() {
        errors.push(FieldError::new(
            "overall_comment",
            "required",
            "Write an overall comment.",
        ));
    }
    if errors.is_empty() {
        Ok(scores)
    } else {
        Err(errors)
    }
}

/// Criteria on which the experts' scores differ by 2 points or more.
pub fn spread_flags(reviews: &[BTreeMap<String, Score>]) -> Vec<String> {
    let mut keys: Vec<&String> = reviews.iter().flat_map(|r| r.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|key| {
            let scores: Vec<u32> = reviews
                .iter()
                .filter_map(|r| r.get(*key))
                .map(|s| s.half_points())
                .collect();
            match (scores.iter().min(), scores.iter().max()) {
                (Some(min), Some(max)) => max - min >= 4,
                _ => false,
            }
        })
        .cloned()
        .collect()
}

#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub passed: bool,
    /// Criteria below their own threshold.
    pub failed_criteria: Vec<String>,
    /// The unweighted sum of the scores, against the overall threshold.
    pub total: f64,
    pub below_overall: bool,
}

/// Pass or fail by the thresholds: each criterion's, and the stage's overall one.
pub fn outcome(settings: &CallSettings, stage: Stage, scores: &BTreeMap<String, Score>) -> Outcome {
    let criteria = settings.criteria.iter().filter(|c| c.stage == stage);
    let mut failed = Vec::new();
    for criterion in criteria {
        let score = scores.get(&criterion.key).map_or(0.0, |s| s.value());
        if score < criterion.threshold {
            failed.push(criterion.key.clone());
        }
    }
    let total: f64 = scores.values().map(|s| s.value()).sum();
    let overall = settings
        .thresholds
        .iter()
        .find(|t| t.stage == stage)
        .map_or(0.0, |t| t.overall);
    let below_overall = total < overall;
    Outcome {
        passed: failed.is_empty() && !below_overall,
        failed_criteria: failed,
        total,
        below_overall,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scores(pairs: &[(&str, f64)]) -> BTreeMap<String, Score> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), Score::parse(*v).unwrap()))
            .collect()
    }

    #[test]
    fn the_scale_is_zero_to_five_in_half_points() {
        assert_eq!(Score::parse(3.5).map(Score::half_points), Some(7));
        for bad in [-0.5, 5.5, 3.25, f64::NAN, f64::INFINITY] {
            assert_eq!(Score::parse(bad), None, "{bad}");
        }
        assert_eq!(meaning(Score::parse(4.5).unwrap()), "very good");
        assert_eq!(
            meaning(Score::parse(0.0).unwrap()),
            "fails to address the criterion or cannot be assessed"
        );
    }

    #[test]
    fn a_review_lists_every_problem() {
        let settings = CallSettings::default();
        let inputs = [
            CriterionInput {
                key: "excellence",
                score: Some(5.5),
                comment: "ok",
            },
            CriterionInput {
                key: "impact",
                score: None,
                comment: " ",
            },
            CriterionInput {
                key: "beauty",
                score: Some(3.0),
                comment: "nice",
            },
        ];
        let errors = validate_review(&settings, Stage::Full, &inputs, "").unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "scores.beauty",
                "scores.excellence.score",
                "scores.impact.score",
                "scores.impact.comment",
                "scores.implementation",
                "overall_comment"
            ]
        );
    }

    #[test]
    fn thresholds_decide_pass_or_fail() {
        let settings = CallSettings::default();
        // 4 + 3.5 + 3 = 10.5: every criterion at or above 3, total above 10.
        assert!(
            outcome(
                &settings,
                Stage::Full,
                &scores(&[
                    ("excellence", 4.0),
                    ("impact", 3.5),
                    ("implementation", 3.0)
                ])
            )
            .passed
        );
        // A criterion below 3 fails even with a high total.
        let low = outcome(
            &settings,
            Stage::Full,
            &scores(&[
                ("excellence", 5.0),
                ("impact", 5.0),
                ("implementation", 2.5),
            ]),
        );
        assert_eq!(
            (low.passed, low.failed_criteria.clone()),
            (false, vec!["implementation".to_owned()])
        );
        // Every criterion at 3 but a total of 9 < 10.
        let total = outcome(
            &settings,
            Stage::Full,
            &scores(&[
                ("excellence", 3.0),
                ("impact", 3.0),
                ("implementation", 3.0),
            ]),
        );
        assert!(!total.passed && total.below_overall);
        // Outline: only excellence and impact, threshold 4 each.
        assert!(
            outcome(
                &settings,
                Stage::Outline,
                &scores(&[("excellence", 4.0), ("impact", 4.0)])
            )
            .passed
        );
        assert!(
            !outcome(
                &settings,
                Stage::Outline,
                &scores(&[("excellence", 4.0), ("impact", 3.5)])
            )
            .passed
        );
    }

    #[test]
    fn a_spread_of_two_points_is_flagged() {
        let reviews = [
            scores(&[("excellence", 3.0), ("impact", 2.0)]),
            scores(&[("excellence", 4.5), ("impact", 4.0)]),
            scores(&[("excellence", 4.0), ("impact", 3.0)]),
        ];
        assert_eq!(spread_flags(&reviews), ["impact"]);
    }
}
