//! The experts of a call and their assignments.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::columns::JsonText;
use super::schema::{
    affiliations, assignments, call_experts, partner_contacts, partners, proposals,
};
use crate::domain::call::Stage;
use crate::domain::ids::{AssignmentId, CallId, ExpertId, ProposalId, UserId};
use crate::domain::review::AssignmentStatus;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = call_experts)]
pub struct ExpertRow {
    pub id: ExpertId,
    pub call_id: CallId,
    pub email: String,
    pub user_id: Option<String>,
    pub keywords: JsonText<Vec<String>>,
    pub load_cap: i32,
    #[serde(skip)]
    pub token_hash: String,
    pub invited_by: UserId,
    pub invited_at: NaiveDateTime,
    pub accepted_at: Option<NaiveDateTime>,
}

pub fn insert(conn: &mut DbConnection, row: &ExpertRow) -> QueryResult<()> {
    diesel::insert_into(call_experts::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn of_call(conn: &mut DbConnection, call_id: &CallId) -> QueryResult<Vec<ExpertRow>> {
    call_experts::table
        .filter(call_experts::call_id.eq(call_id))
        .order((call_experts::invited_at.asc(), call_experts::id.asc()))
        .select(ExpertRow::as_select())
        .load(conn)
}

pub fn find_in_call(conn: &mut DbConnection, call_id: &CallId, id: &str) -> QueryResult<ExpertRow> {
    call_experts::table
        .find(id)
        .filter(call_experts::call_id.eq(call_id))
        .select(ExpertRow::as_select())
        .first(conn)
}

pub fn by_email(
    conn: &mut DbConnection,
    call_id: &CallId,
    email: &str,
) -> QueryResult<Option<ExpertRow>> {
    call_experts::table
        .filter(call_experts::call_id.eq(call_id))
        .filter(call_experts::email.eq(email))
        .select(ExpertRow::as_select())
        .first(conn)
        .optional()
}

pub fn by_token(conn: &mut DbConnection, token_hash: &str) -> QueryResult<Option<ExpertRow>> {
    call_experts::table
        .filter(call_experts::token_hash.eq(token_hash))
        .select(ExpertRow::as_select())
        .first(conn)
        .optional()
}

pub fn accept(
    conn: &mut DbConnection,
    id: &str,
    user_id: &UserId,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        call_experts::table
            .find(id)
            .filter(call_experts::accepted_at.is_null()),
    )
    .set((
        call_experts::user_id.eq(Some(user_id)),
        call_experts::accepted_at.eq(Some(now)),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

/// The organisations the users work for: (user id, organisation id).
pub fn organisations_of_users(
    conn: &mut DbConnection,
    user_ids: &[&str],
) -> QueryResult<Vec<(String, String)>> {
    affiliations::table
        .filter(affiliations::user_id.eq_any(user_ids))
        .select((affiliations::user_id, affiliations::organisation_id))
        .load(conn)
}

/// The proposals of a call the users are consortium members of:
/// (user id, proposal id).
pub fn memberships_in_call_of_users(
    conn: &mut DbConnection,
    call_id: &CallId,
    user_ids: &[&str],
) -> QueryResult<Vec<(String, String)>> {
    partner_contacts::table
        .inner_join(proposals::table.on(proposals::id.eq(partner_contacts::proposal_id)))
        .filter(partner_contacts::user_id.eq_any(user_ids))
        .filter(proposals::call_id.eq(call_id))
        .select((partner_contacts::user_id, proposals::id))
        .load(conn)
}

/// Partner organisations of the given proposals: (proposal id, organisation id).
pub fn partner_organisations(
    conn: &mut DbConnection,
    proposal_ids: &[ProposalId],
) -> QueryResult<Vec<(ProposalId, String)>> {
    partners::table
        .filter(partners::proposal_id.eq_any(proposal_ids))
        .select((partners::proposal_id, partners::organisation_id))
        .load(conn)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = assignments)]
pub struct AssignmentRow {
    pub id: AssignmentId,
    pub proposal_id: ProposalId,
    pub expert_id: ExpertId,
    pub stage: Stage,
    pub status: AssignmentStatus,
    pub assigned_by: UserId,
    pub assigned_at: NaiveDateTime,
    pub declared_at: Option<NaiveDateTime>,
    pub conflict_note: Option<String>,
}

impl AssignmentRow {
    /// A new assignment of `expert_id` to a proposal at `stage`, as `by` made it at `at`.
    pub fn assigned(
        proposal_id: &ProposalId,
        expert_id: &ExpertId,
        stage: Stage,
        by: &UserId,
        at: NaiveDateTime,
    ) -> Self {
        Self {
            id: AssignmentId::generate(),
            proposal_id: proposal_id.to_owned(),
            expert_id: expert_id.to_owned(),
            stage,
            status: AssignmentStatus::Assigned,
            assigned_by: by.clone(),
            assigned_at: at,
            declared_at: None,
            conflict_note: None,
        }
    }
}

pub fn insert_assignment(conn: &mut DbConnection, row: &AssignmentRow) -> QueryResult<()> {
    diesel::insert_into(assignments::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Every assignment of the call's experts at a stage.
pub fn assignments_of_call(
    conn: &mut DbConnection,
    call_id: &CallId,
    stage: Stage,
) -> QueryResult<Vec<AssignmentRow>> {
    assignments::table
        .inner_join(call_experts::table)
        .filter(call_experts::call_id.eq(call_id))
        .filter(assignments::stage.eq(stage))
        .order((assignments::assigned_at.asc(), assignments::id.asc()))
        .select(AssignmentRow::as_select())
        .load(conn)
}

pub fn find_assignment(conn: &mut DbConnection, id: &str) -> QueryResult<AssignmentRow> {
    assignments::table
        .find(id)
        .select(AssignmentRow::as_select())
        .first(conn)
}

/// The assignment of an expert to a proposal at a stage, whatever its status.
pub fn assignment_of_pair(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
    expert_id: &ExpertId,
    stage: Stage,
) -> QueryResult<Option<AssignmentRow>> {
    assignments::table
        .filter(assignments::proposal_id.eq(proposal_id))
        .filter(assignments::expert_id.eq(expert_id))
        .filter(assignments::stage.eq(stage))
        .select(AssignmentRow::as_select())
        .first(conn)
        .optional()
}

/// Moves an assignment from one status to another; false when it was not in `from` any more.
pub fn set_assignment_status(
    conn: &mut DbConnection,
    id: &str,
    from: AssignmentStatus,
    to: AssignmentStatus,
    declared_at: Option<NaiveDateTime>,
    conflict_note: Option<&str>,
) -> QueryResult<bool> {
    diesel::update(
        assignments::table
            .find(id)
            .filter(assignments::status.eq(from)),
    )
    .set((
        assignments::status.eq(to),
        assignments::declared_at.eq(declared_at),
        assignments::conflict_note.eq(conflict_note),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

/// Every assignment of a proposal at a stage, oldest first.
pub fn assignments_of_proposal(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
    stage: Stage,
) -> QueryResult<Vec<AssignmentRow>> {
    assignments::table
        .filter(assignments::proposal_id.eq(proposal_id))
        .filter(assignments::stage.eq(stage))
        .order((assignments::assigned_at.asc(), assignments::id.asc()))
        .select(AssignmentRow::as_select())
        .load(conn)
}

/// Every assignment of the experts a user is, in any call, with the expert row.
pub fn assignments_of_user(
    conn: &mut DbConnection,
    user_id: &UserId,
) -> QueryResult<Vec<(AssignmentRow, ExpertRow)>> {
    assignments::table
        .inner_join(call_experts::table)
        .filter(call_experts::user_id.eq(user_id))
        .order((assignments::assigned_at.asc(), assignments::id.asc()))
        .select((AssignmentRow::as_select(), ExpertRow::as_select()))
        .load(conn)
}

/// The user's expert id among the proposal's assignments at a stage, if any.
pub fn expert_on_proposal(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
    stage: Stage,
    user_id: &UserId,
) -> QueryResult<Option<String>> {
    assignments::table
        .inner_join(call_experts::table)
        .filter(assignments::proposal_id.eq(proposal_id))
        .filter(assignments::stage.eq(stage))
        .filter(call_experts::user_id.eq(user_id))
        .select(call_experts::id)
        .first(conn)
        .optional()
}

/// Whether the user is an expert who declared no conflict with the proposal.
pub fn is_cleared_expert(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
    user_id: &UserId,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        assignments::table
            .inner_join(call_experts::table)
            .filter(assignments::proposal_id.eq(proposal_id))
            .filter(call_experts::user_id.eq(user_id))
            .filter(assignments::status.eq(AssignmentStatus::Cleared.as_str())),
    ))
    .get_result(conn)
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<ExpertRow> {
    call_experts::table
        .find(id)
        .select(ExpertRow::as_select())
        .first(conn)
}
