//! The ranking of a stage: approved consensus reports ordered by weighted
//! total (ties by Excellence, then Impact), the main list above every
//! threshold and the list below; proposals still in evaluation apart.

use std::collections::BTreeMap;

use bytes::Bytes;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::call::{Call, load_call};
use super::review::parse_content;
use crate::db::{self, DbConnection};
use crate::domain::call::{CallSettings, CallStatus, Stage};
use crate::domain::ids::{CallId, ProposalId};
use crate::domain::proposal::ProposalStatus;
use crate::domain::ranking::rank;
use crate::domain::review::scores_of;
use crate::domain::scoring::outcome;
use crate::error::ApiError;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RankedProposal {
    /// 1 for the best; tied proposals share a rank.
    pub rank: usize,
    #[schema(value_type = String)]
    pub proposal_id: ProposalId,
    pub acronym: String,
    pub title: String,
    /// The total with the criteria's weights, which orders the list.
    pub weighted_total: f64,
    /// The plain sum, against the overall threshold.
    pub total: f64,
    /// The consensus score per criterion.
    pub scores: BTreeMap<String, f64>,
    pub passed: bool,
    pub failed_criteria: Vec<String>,
    /// Equal to the one above on total, Excellence and Impact.
    pub tied_with_previous: bool,
    /// For an outline: whether it was invited to the full stage.
    pub invited_to_full: bool,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PendingProposal {
    #[schema(value_type = String)]
    pub proposal_id: ProposalId,
    pub acronym: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RankingResponse {
    #[schema(value_type = String)]
    pub call_id: CallId,
    pub stage: Stage,
    /// Above every threshold, best first.
    pub main_list: Vec<RankedProposal>,
    pub below_threshold: Vec<RankedProposal>,
    /// Eligible proposals of the stage whose consensus is not approved yet.
    pub pending: Vec<PendingProposal>,
}

/// The ranking of a call's stage from its approved consensus reports.
pub fn ranking_of(
    conn: &mut DbConnection,
    call_id: &CallId,
    settings: &CallSettings,
    stage: Stage,
) -> Result<RankingResponse, ApiError> {
    let rows = db::reviews::ranking_rows(conn, call_id, stage)?;
    let mut scored = Vec::new();
    let mut proposals = BTreeMap::new();
    let mut pending = Vec::new();
    for row in &rows {
        if let Some(content) = row.approved_consensus() {
            scored.push((row.id.clone(), scores_of(&parse_content(content)?)));
            proposals.insert(row.id.clone(), row);
        } else if row.stage == stage && row.status == ProposalStatus::Eligible {
            pending.push(row);
        }
    }
    pending.sort_by(|a, b| (a.submitted_at, &a.id).cmp(&(b.submitted_at, &b.id)));
    let pending = pending
        .into_iter()
        .map(|p| PendingProposal {
            proposal_id: p.id.clone(),
            acronym: p.acronym.clone(),
        })
        .collect();
    let (mut main_list, mut below_threshold) = (Vec::new(), Vec::new());
    for ranked in rank(settings, stage, &scored) {
        let Some((_, scores)) = scored.iter().find(|(id, _)| *id == ranked.proposal) else {
            continue;
        };
        let Some(proposal) = proposals.get(&ranked.proposal) else {
            continue;
        };
        let result = outcome(settings, stage, scores);
        let entry = RankedProposal {
            rank: ranked.rank,
            proposal_id: proposal.id.clone(),
            acronym: proposal.acronym.clone(),
            title: proposal.title.clone(),
            weighted_total: ranked.weighted_total,
            total: result.total,
            scores: scores.iter().map(|(k, s)| (k.clone(), s.value())).collect(),
            passed: ranked.passed,
            failed_criteria: result.failed_criteria,
            tied_with_previous: ranked.tied_with_previous,
            invited_to_full: proposal.invited_to_full,
        };
        if ranked.passed {
            main_list.push(entry);
        } else {
            below_threshold.push(entry);
        }
    }
    Ok(RankingResponse {
        call_id: call_id.to_owned(),
        stage,
        main_list,
        below_threshold,
        pending,
    })
}

/// A stage's ranking as every caller sees it: what a read of it keeps in
/// `AppState::snapshots`.
pub struct RankingSnapshot {
    /// Who may see it depends on the call's status.
    call_status: CallStatus,
    /// The [`RankingResponse`], serialised.
    body: Bytes,
}

impl RankingSnapshot {
    pub fn call_status(&self) -> CallStatus {
        self.call_status
    }

    /// The serialised ranking, shared (a `Bytes` clone copies nothing).
    pub fn body(&self) -> Bytes {
        self.body.clone()
    }

    pub fn load(conn: &mut DbConnection, call_id: &CallId, stage: Stage) -> Result<Self, ApiError> {
        let Call {
            row: call,
            settings,
        } = load_call(conn, call_id)?;
        let response = ranking_of(conn, &call.id, &settings, stage)?;
        let body = serde_json::to_vec(&response)
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("ranking as JSON: {e}")))?;
        Ok(Self {
            call_status: call.status,
            body: body.into(),
        })
    }
}
