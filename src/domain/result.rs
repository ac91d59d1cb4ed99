//! What a consortium learns when the results are released: the outcome, the
//! evaluation summary (consensus scores and comments per criterion against
//! the thresholds) and the grant per partner. Frozen at release.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::call::{CallSettings, Stage};
use super::funding::{Decision, Outcome, PartnerNeed};
use super::ids::{CallId, PartnerId, ProposalId};
use super::review::{ReviewContent, scores_of};
use super::role::Agency;
use super::scoring::outcome as score_outcome;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReleasedOutcome {
    /// Every funder involved approved.
    Funded,
    /// A funder rejected.
    Rejected,
    /// Above the thresholds, but no decision was taken by release: on the reserve list.
    Reserve,
    /// The consensus scores fall below a threshold.
    BelowThreshold,
}

text_enum!(ReleasedOutcome {
    Funded => "funded",
    Rejected => "rejected",
    Reserve => "reserve",
    BelowThreshold => "below_threshold",
});

/// The outcome released for a proposal whose consensus passed or not, given its decisions.
pub fn released_outcome(passed: bool, decisions: Outcome) -> ReleasedOutcome {
    match (passed, decisions) {
        (false, _) => ReleasedOutcome::BelowThreshold,
        (true, Outcome::Funded) => ReleasedOutcome::Funded,
        (true, Outcome::Rejected) => ReleasedOutcome::Rejected,
        (true, Outcome::Pending) => ReleasedOutcome::Reserve,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CriterionResult {
    pub key: String,
    pub label: String,
    pub score: f64,
    pub threshold: f64,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct EvaluationSummary {
    pub criteria: Vec<CriterionResult>,
    pub overall_comment: String,
    /// The sum of the scores.
    pub total: f64,
    pub overall_threshold: f64,
    pub passed: bool,
}

/// The summary of an approved consensus report at a stage.
pub fn summary(
    settings: &CallSettings,
    stage: Stage,
    consensus: &ReviewContent,
) -> EvaluationSummary {
    let scores = scores_of(consensus);
    let result = score_outcome(settings, stage, &scores);
    EvaluationSummary {
        criteria: settings
            .criteria
            .iter()
            .filter(|c| c.stage == stage)
            .map(|c| CriterionResult {
                key: c.key.clone(),
                label: c.label.clone(),
                score: scores.get(&c.key).map_or(0.0, |s| s.value()),
                threshold: c.threshold,
                comment: consensus
                    .scores
                    .get(&c.key)
                    .map(|e| e.comment.clone())
                    .unwrap_or_default(),
            })
            .collect(),
        overall_comment: consensus.overall_comment.clone(),
        total: result.total,
        overall_threshold: settings
            .thresholds
            .iter()
            .find(|t| t.stage == stage)
            .map_or(0.0, |t| t.overall),
        passed: result.passed,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct GrantResult {
    #[schema(value_type = String)]
    pub partner_id: PartnerId,
    pub organisation: String,
    /// None for a partner that funds itself.
    pub agency: Option<Agency>,
    pub requested_cents: i64,
    /// What the funder approved, when the proposal is funded; 0 otherwise.
    pub granted_cents: i64,
}

/// The grant of every partner (id, organisation name) in a released result:
/// what its funder approved when the proposal is funded, nothing otherwise
/// (a rejected or reserve proposal grants nothing, even for approved
/// partners); partners no agency funds show no agency and nothing requested.
pub fn grant_results(
    partners: &[(PartnerId, String)],
    needs: &[PartnerNeed],
    outcome: ReleasedOutcome,
) -> Vec<GrantResult> {
    partners
        .iter()
        .map(|(partner_id, organisation)| {
            let need = needs.iter().find(|n| n.partner == partner_id);
            GrantResult {
                partner_id: partner_id.clone(),
                organisation: organisation.clone(),
                agency: need.map(|n| n.agency),
                requested_cents: need.map_or(0, |n| n.requested_cents),
                granted_cents: match need.and_then(|n| n.decided) {
                    Some((Decision::Approved, amount)) if outcome == ReleasedOutcome::Funded => {
                        amount
                    }
                    _ => 0,
                },
            }
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ProposalResult {
    #[schema(value_type = String)]
    pub proposal_id: ProposalId,
    #[schema(value_type = String)]
    pub call_id: CallId,
    pub call_title: String,
    pub acronym: String,
    pub title: String,
    pub outcome: ReleasedOutcome,
    pub summary: EvaluationSummary,
    pub partners: Vec<GrantResult>,
    pub released_at: DateTime<Utc>,
    /// The last second (23:59:59 in the call's zone) at which the coordinator
    /// may ask for a redress of the procedure (`deadline::end_of_day_after`).
    pub redress_until: DateTime<Utc>,
    /// The call's time zone, in which every date of the result is shown.
    #[serde(default = "default_time_zone")]
    pub time_zone: String,
}

/// For results released before they carried their zone: the call's default.
fn default_time_zone() -> String {
    super::call::DEFAULT_TIME_ZONE.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::review::CriterionReview;

    #[test]
    fn only_a_funded_proposal_grants_and_only_what_was_approved() {
        let partners = [
            ("a".into(), "MedSoft".to_owned()),
            ("b".into(), "Institute".to_owned()),
            ("c".into(), "Foreign GmbH".to_owned()),
        ];
        let needs = [
            PartnerNeed {
                partner: "a".into(),
                agency: Agency::Meco,
                requested_cents: 100,
                decided: Some((Decision::Approved, 80)),
            },
            PartnerNeed {
                partner: "b".into(),
                agency: Agency::Fnr,
                requested_cents: 50,
                decided: Some((Decision::Approved, 50)),
            },
        ];
        let funded = grant_results(&partners, &needs, ReleasedOutcome::Funded);
        let granted: Vec<_> = funded
            .iter()
            .map(|g| (g.agency, g.requested_cents, g.granted_cents))
            .collect();
        assert_eq!(
            granted,
            [
                (Some(Agency::Meco), 100, 80),
                (Some(Agency::Fnr), 50, 50),
                (None, 0, 0)
            ]
        );
        for outcome in [
            ReleasedOutcome::Rejected,
            ReleasedOutcome::Reserve,
            ReleasedOutcome::BelowThreshold,
        ] {
            assert!(
                grant_results(&partners, &needs, outcome)
                    .iter()
                    .all(|g| g.granted_cents == 0)
            );
        }
    }

    #[test]
    fn the_outcome_follows_the_thresholds_then_the_decisions() {
        assert_eq!(
            released_outcome(false, Outcome::Funded),
            ReleasedOutcome::BelowThreshold
        );
        assert_eq!(
            released_outcome(true, Outcome::Funded),
            ReleasedOutcome::Funded
        );
        assert_eq!(
            released_outcome(true, Outcome::Rejected),
            ReleasedOutcome::Rejected
        );
        assert_eq!(
            released_outcome(true, Outcome::Pending),
            ReleasedOutcome::Reserve
        );
    }

    #[test]
    fn the_summary_lists_each_criterion_with_its_threshold() {
        let settings = CallSettings::default();
        let content = ReviewContent {
            scores: [
                ("excellence", 4.0),
                ("impact", 3.5),
                ("implementation", 2.5),
            ]
            .into_iter()
            .map(|(k, s)| {
                (
                    k.to_owned(),
                    CriterionReview {
                        score: Some(s),
                        comment: format!("{k} comment"),
                    },
                )
            })
            .collect(),
            overall_comment: "overall".to_owned(),
        };
        let s = summary(&settings, Stage::Full, &content);
        assert_eq!(s.criteria.len(), 3);
        assert_eq!(
            s.criteria[2].label,
            "Quality and efficiency of implementation"
        );
        assert_eq!((s.criteria[2].score, s.criteria[2].threshold), (2.5, 3.0));
        assert_eq!(
            (s.total, s.overall_threshold, s.passed),
            (10.0, 10.0, false)
        );
    }
}
