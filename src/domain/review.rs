//! An expert's work on one proposal: the assignment's life (declaration
//! before the content opens), the review form (a draft may be partial, a
//! submitted one is complete) and the anonymity of reviewers to each other.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::call::{CallSettings, Stage};
use super::scoring::{CriterionInput, Score, validate_review};
use crate::error::FieldError;

/// Where an assignment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AssignmentStatus {
    /// Waiting for the expert's declaration; only acronym, title and partners are shown.
    Assigned,
    /// The expert declared no conflict: the content is open, the review can be written.
    Cleared,
    /// The expert declared a conflict: recorded, and the slot is free again.
    Declined,
    /// The operator took the expert off the proposal.
    Removed,
}

text_enum!(AssignmentStatus {
    Assigned => "assigned",
    Cleared => "cleared",
    Declined => "declined",
    Removed => "removed",
});

impl AssignmentStatus {
    /// An active assignment counts against the expert's load and fills one of
    /// the proposal's review slots.
    pub fn is_active(self) -> bool {
        matches!(self, Self::Assigned | Self::Cleared)
    }

    /// The statuses that take a slot, as stored.
    pub fn active_texts() -> Vec<&'static str> {
        Self::ALL
            .iter()
            .filter(|s| s.is_active())
            .map(|s| s.as_str())
            .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    Draft,
    Submitted,
}

text_enum!(ReviewStatus {
    Draft => "draft",
    Submitted => "submitted",
});

/// Where a consensus report stands, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportStatus {
    Draft,
    Approved,
}

text_enum!(ReportStatus {
    Draft => "draft",
    Approved => "approved",
});

/// One criterion of a review or consensus report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CriterionReview {
    /// 0 to 5 in half points; may be left out in a draft.
    #[schema(minimum = 0, maximum = 5, multiple_of = 0.5)]
    pub score: Option<f64>,
    #[serde(default)]
    #[schema(max_length = 5000)]
    pub comment: String,
}

/// Scores and comments per criterion key, and an overall comment: the shape
/// of an individual review and of a consensus report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ReviewContent {
    #[serde(default)]
    pub scores: BTreeMap<String, CriterionReview>,
    #[serde(default)]
    #[schema(max_length = 10000)]
    pub overall_comment: String,
}

pub const MAX_COMMENT_CHARS: usize = 5_000;
pub const MAX_OVERALL_CHARS: usize = 10_000;

/// What a draft may not hold even half-written: criteria the stage does not
/// have, scores off the scale, comments over their length.
pub fn check_draft(
    settings: &CallSettings,
    stage: Stage,
    content: &ReviewContent,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for (key, entry) in &content.scores {
        let field = format!("scores.{key}");
        if !settings
            .criteria
            .iter()
            .any(|c| c.stage == stage && &c.key == key)
        {
            errors.push(FieldError::new(
                field.clone(),
                "unknown",
                "This call has no such criterion at this stage.",
            ));
        }
        if entry.score.is_some_and(|s| Score::parse(s).is_none()) {
            errors.push(FieldError::new(
                format!("{field}.score"),
                "out_of_scale",
                "A score is 0 to 5 in half points.",
            ));
        }
        if entry.comment.chars().count() > MAX_COMMENT_CHARS {
            errors.push(FieldError::new(
                format!("{field}.comment"),
                "too_long",
                format!("A comment has at most {MAX_COMMENT_CHARS} characters."),
            ));
        }
    }
    if content.overall_comment.chars().count() > MAX_OVERALL_CHARS {
        errors.push(FieldError::new(
            "overall_comment",
            "too_long",
            format!("The overall comment has at most {MAX_OVERALL_CHARS} characters."),
        ));
    }
    errors
}

/// A review ready to submit: every criterion of the stage scored on the
/// scale with a comment, an overall comment. Every problem is listed.
pub fn check_complete(
    settings: &CallSettings,
    stage: Stage,
    content: &ReviewContent,
) -> Result<BTreeMap<String, Score>, Vec<FieldError>> {
    let inputs: Vec<CriterionInput<'_>> = content
        .scores
        .iter()
        .map(|(key, entry)| CriterionInput {
            key,
            score: entry.score,
            comment: &entry.comment,
        })
        .collect();
    let mut errors = check_draft(settings, stage, content);
    match validate_review(settings, stage, &inputs, &content.overall_comment) {
        Ok(scores) if errors.is_empty() => return Ok(scores),
        Ok(_) => {}
        Err(more) => {
            for e in more {
                if !errors.iter().any(|known| known.field == e.field) {
                    errors.push(e);
                }
            }
        }
    }
    errors.sort_by(|a, b| a.field.cmp(&b.field));
    Err(errors)
}

/// The scores of a content whose every score is on the scale (a checked one).
pub fn scores_of(content: &ReviewContent) -> BTreeMap<String, Score> {
    content
        .scores
        .iter()
        .filter_map(|(k, e)| Some((k.clone(), Score::parse(e.score?)?)))
        .collect()
}

/// How reviewers are named to each other and to the consortium: by their
/// place in the order of the reviews, never by name.
pub fn anonymous_label(index: usize) -> String {
    let letters = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let letter = letters[index % letters.len()] as char;
    if index < letters.len() {
        format!("Expert {letter}")
    } else {
        format!("Expert {letter}{}", index / letters.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(score: Option<f64>, comment: &str) -> CriterionReview {
        CriterionReview {
            score,
            comment: comment.to_owned(),
        }
    }

    fn content(entries: &[(&str, Option<f64>, &str)], overall: &str) -> ReviewContent {
        ReviewContent {
            scores: entries
                .iter()
                .map(|(k, s, c)| ((*k).to_owned(), entry(*s, c)))
                .collect(),
            overall_comment: overall.to_owned(),
        }
    }

    #[test]
    fn only_active_assignments_take_a_slot() {
        let active: Vec<_> = AssignmentStatus::ALL
            .iter()
            .filter(|s| s.is_active())
            .collect();
        assert_eq!(
            active,
            [&AssignmentStatus::Assigned, &AssignmentStatus::Cleared]
        );
    }

    #[test]
    fn a_draft_may_be_partial_but_not_off_the_scale() {
        let settings = CallSettings::default();
        let partial = content(&[("excellence", None, "thinking")], "");
        assert!(check_draft(&settings, Stage::Full, &partial).is_empty());
        let wrong = content(
            &[
                ("excellence", Some(5.5), ""),
                ("charm", Some(3.0), ""),
                ("impact", Some(2.0), &"x".repeat(MAX_COMMENT_CHARS + 1)),
            ],
            "",
        );
        let fields: Vec<String> = check_draft(&settings, Stage::Full, &wrong)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "scores.charm",
                "scores.excellence.score",
                "scores.impact.comment"
            ]
        );
    }

    #[test]
    fn a_complete_review_scores_every_criterion_with_a_comment() {
        let settings = CallSettings::default();
        let good = content(
            &[
                ("excellence", Some(4.5), "strong"),
                ("impact", Some(3.0), "fair market"),
                ("implementation", Some(3.5), "plan ok"),
            ],
            "fund it",
        );
        let scores = check_complete(&settings, Stage::Full, &good).unwrap();
        assert_eq!(scores["excellence"].half_points(), 9);
        assert_eq!(scores_of(&good), scores);

        let bad = content(
            &[
                ("excellence", Some(7.0), "too high"),
                ("impact", Some(3.0), ""),
            ],
            " ",
        );
        let fields: Vec<String> = check_complete(&settings, Stage::Full, &bad)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "overall_comment",
                "scores.excellence.score",
                "scores.impact.comment",
                "scores.implementation",
            ]
        );
        // The outline stage asks for two criteria only.
        let outline = content(
            &[("excellence", Some(4.0), "a"), ("impact", Some(4.0), "b")],
            "c",
        );
        assert!(check_complete(&settings, Stage::Outline, &outline).is_ok());
    }

    #[test]
    fn reviewers_are_letters_never_names() {
        assert_eq!(anonymous_label(0), "Expert A");
        assert_eq!(anonymous_label(2), "Expert C");
        assert_eq!(anonymous_label(27), "Expert B1");
    }
}
