//! Released results and redress requests.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::schema::{redress_requests, releases, results};
use crate::domain::ids::{CallId, ProposalId, UserId};
use crate::domain::result::ReleasedOutcome;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = releases)]
pub struct ReleaseRow {
    pub call_id: CallId,
    pub released_at: NaiveDateTime,
    pub released_by: UserId,
    pub letters: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = results)]
pub struct ResultRow {
    pub proposal_id: ProposalId,
    pub call_id: CallId,
    pub outcome: ReleasedOutcome,
    pub content: String,
    pub released_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = redress_requests)]
pub struct RedressRow {
    pub proposal_id: ProposalId,
    pub text: String,
    pub filed_by: UserId,
    pub filed_at: NaiveDateTime,
    pub answer: Option<String>,
    pub answered_by: Option<UserId>,
    pub answered_at: Option<NaiveDateTime>,
}

pub fn release_of(conn: &mut DbConnection, call_id: &CallId) -> QueryResult<Option<ReleaseRow>> {
    releases::table
        .find(call_id)
        .select(ReleaseRow::as_select())
        .first(conn)
        .optional()
}

pub fn insert_release(conn: &mut DbConnection, row: &ReleaseRow) -> QueryResult<()> {
    diesel::insert_into(releases::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn insert_result(conn: &mut DbConnection, row: &ResultRow) -> QueryResult<()> {
    diesel::insert_into(results::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn result_of(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
) -> QueryResult<Option<ResultRow>> {
    results::table
        .find(proposal_id)
        .select(ResultRow::as_select())
        .first(conn)
        .optional()
}

pub fn results_of_call(conn: &mut DbConnection, call_id: &CallId) -> QueryResult<Vec<ResultRow>> {
    results::table
        .filter(results::call_id.eq(call_id))
        .order(results::proposal_id.asc())
        .select(ResultRow::as_select())
        .load(conn)
}

pub fn redress_of(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
) -> QueryResult<Option<RedressRow>> {
    redress_requests::table
        .find(proposal_id)
        .select(RedressRow::as_select())
        .first(conn)
        .optional()
}

pub fn insert_redress(conn: &mut DbConnection, row: &RedressRow) -> QueryResult<()> {
    diesel::insert_into(redress_requests::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Records the operator's answer once; false when it was answered already.
pub fn answer_redress(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
    answer: &str,
    by: &str,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        redress_requests::table
            .find(proposal_id)
            .filter(redress_requests::answered_at.is_null()),
    )
    .set((
        redress_requests::answer.eq(Some(answer)),
        redress_requests::answered_by.eq(Some(by)),
        redress_requests::answered_at.eq(Some(at)),
    ))
    .execute(conn)
    .map(|n| n == 1)
}
