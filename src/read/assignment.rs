//! Assignments as they are read: an expert's own (as only that expert may
//! load them) and a call's, as its operator sees them.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::db::experts::{AssignmentRow, ExpertRow};
use crate::db::{self, DbConnection};
use crate::domain::call::Stage;
use crate::domain::ids::{AssignmentId, CallId, ExpertId, ProposalId};
use crate::domain::review::AssignmentStatus;
use crate::domain::review::ReviewStatus;
use crate::domain::role::Role;
use crate::error::ApiError;
use crate::read::call::{Call, load_managed_call};

/// The caller's own assignment (as the expert it was made to); 404 for
/// everyone else, so ids reveal nothing.
pub fn load_own_assignment(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: &str,
) -> Result<(AssignmentRow, ExpertRow), ApiError> {
    let row = db::experts::find_assignment(conn, id)?;
    let expert = db::experts::find(conn, &row.expert_id)?;
    if !user.has(Role::Reviewer) || expert.user_id.as_deref() != Some(user.id.as_str()) {
        return Err(ApiError::NotFound);
    }
    Ok((row, expert))
}

/// Whether the expert is the rapporteur of the proposal at the stage.
pub fn is_rapporteur(conn: &mut DbConnection, row: &AssignmentRow) -> Result<bool, ApiError> {
    Ok(
        db::reviews::consensus_of(conn, &row.proposal_id, row.stage)?
            .is_some_and(|c| c.rapporteur_id == row.expert_id),
    )
}

/// The status of the expert's review of this assignment, if one is begun.
pub fn review_status(
    conn: &mut DbConnection,
    row: &AssignmentRow,
) -> Result<Option<ReviewStatus>, ApiError> {
    Ok(db::reviews::of_assignment(conn, &row.id)?.map(|r| r.status))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AssignmentResponse {
    #[schema(value_type = String)]
    pub id: AssignmentId,
    #[schema(value_type = String)]
    pub proposal_id: ProposalId,
    #[schema(value_type = String)]
    pub expert_id: ExpertId,
    pub stage: Stage,
    pub status: AssignmentStatus,
    pub assigned_at: DateTime<Utc>,
    /// When the expert declared (no) conflict.
    pub declared_at: Option<DateTime<Utc>>,
}

impl From<&AssignmentRow> for AssignmentResponse {
    fn from(row: &AssignmentRow) -> Self {
        Self {
            id: row.id.clone(),
            proposal_id: row.proposal_id.clone(),
            expert_id: row.expert_id.clone(),
            stage: row.stage,
            status: row.status,
            assigned_at: row.assigned_at.and_utc(),
            declared_at: row.declared_at.map(|t| t.and_utc()),
        }
    }
}

/// An assignment as the operator sees it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AssignmentDetail {
    pub assignment: AssignmentResponse,
    pub expert_email: String,
    pub review_status: Option<ReviewStatus>,
    /// The expert's words when declining with a conflict.
    pub conflict_note: Option<String>,
    pub rapporteur: bool,
}

/// An assignment in a call's list, with its proposal.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CallAssignment {
    #[schema(value_type = String)]
    pub proposal_id: ProposalId,
    pub acronym: String,
    #[serde(flatten)]
    pub detail: AssignmentDetail,
}

/// Every assignment of the call at the stage, as its operator sees them:
/// a handful of queries for the whole call, not three per assignment.
pub fn of_call(
    conn: &mut DbConnection,
    user: &AuthUser,
    call_id: &CallId,
    stage: Stage,
) -> Result<Vec<CallAssignment>, ApiError> {
    let Call { row: call, .. } = load_managed_call(conn, user, call_id)?;
    let experts: HashMap<ExpertId, String> = db::experts::of_call(conn, &call.id)?
        .into_iter()
        .map(|e| (e.id, e.email))
        .collect();
    let acronyms: HashMap<ProposalId, String> = db::proposals::acronyms_in_call(conn, &call.id)?
        .into_iter()
        .collect();
    let reviews: HashMap<AssignmentId, String> =
        db::reviews::review_statuses_of_call(conn, &call.id, stage)?
            .into_iter()
            .collect();
    let rapporteurs: HashMap<ProposalId, ExpertId> =
        db::reviews::consensus_of_call(conn, &call.id, stage)?
            .into_iter()
            .map(|(c, _)| (c.proposal_id, c.rapporteur_id))
            .collect();
    let rows = db::experts::assignments_of_call(conn, &call.id, stage)?;
    Ok(rows
        .iter()
        .map(|row| CallAssignment {
            proposal_id: row.proposal_id.clone(),
            acronym: acronyms.get(&row.proposal_id).cloned().unwrap_or_default(),
            detail: AssignmentDetail {
                assignment: AssignmentResponse::from(row),
                expert_email: experts.get(&row.expert_id).cloned().unwrap_or_default(),
                review_status: reviews.get(&row.id).and_then(|s| ReviewStatus::parse(s)),
                conflict_note: row.conflict_note.clone(),
                rapporteur: rapporteurs.get(&row.proposal_id) == Some(&row.expert_id),
            },
        })
        .collect())
}
