//! A submitted proposal's eligibility: the automatic result of the
//! checklist and the operator's decision, if taken.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::checklist::build_checklist;
use super::proposal::ProposalContext;
use crate::db::{self, DbConnection};
use crate::domain::checklist::ChecklistItem;
use crate::domain::ids::{ProposalId, UserId};
use crate::domain::proposal::ProposalStatus;
use crate::error::ApiError;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AutomaticResult {
    pub eligible: bool,
    /// The rules the proposal does not meet.
    pub items: Vec<ChecklistItem>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EligibilityDecision {
    pub eligible: bool,
    /// True when the operator decided otherwise than the automatic result.
    pub overridden: bool,
    pub reason: Option<String>,
    #[schema(value_type = String)]
    pub decided_by: UserId,
    pub decided_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EligibilityEntry {
    #[schema(value_type = String)]
    pub proposal_id: ProposalId,
    pub acronym: String,
    pub status: ProposalStatus,
    pub automatic: AutomaticResult,
    pub decision: Option<EligibilityDecision>,
}

/// The proposal's eligibility as the operator sees it.
pub fn entry(conn: &mut DbConnection, ctx: &ProposalContext) -> Result<EligibilityEntry, ApiError> {
    let items = build_checklist(conn, ctx)?;
    let decision =
        db::eligibility::find(conn, &ctx.proposal.id, ctx.stage)?.map(|d| EligibilityDecision {
            overridden: d.eligible != d.automatic,
            eligible: d.eligible,
            reason: d.reason,
            decided_by: d.decided_by,
            decided_at: d.decided_at.and_utc(),
        });
    Ok(EligibilityEntry {
        proposal_id: ctx.proposal.id.clone(),
        acronym: ctx.proposal.acronym.clone(),
        status: ctx.status,
        automatic: AutomaticResult {
            eligible: items.is_empty(),
            items,
        },
        decision,
    })
}
