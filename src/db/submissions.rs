//! Submissions and their receipts.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::columns::JsonText;
use super::schema::{proposals, submission_reminders, submissions};
use crate::domain::call::Stage;
use crate::domain::ids::{CallId, ProposalId, UserId};
use crate::domain::proposal::ReceiptDocument;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = submissions)]
pub struct SubmissionRow {
    pub id: String,
    pub proposal_id: ProposalId,
    pub receipt_number: String,
    pub stage: Stage,
    pub snapshot: String,
    pub snapshot_sha256: String,
    pub documents: JsonText<Vec<ReceiptDocument>>,
    pub submitted_by: UserId,
    pub submitted_at: NaiveDateTime,
    pub superseded_at: Option<NaiveDateTime>,
}

pub fn insert(conn: &mut DbConnection, row: &SubmissionRow) -> QueryResult<()> {
    diesel::insert_into(submissions::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// How many submissions exist in all: receipt numbers count on from it.
/// Runs inside a write transaction, so two submissions never take the same number.
pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    submissions::table.count().get_result(conn)
}

/// The proposal's current (not superseded) submission.
pub fn current(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
) -> QueryResult<Option<SubmissionRow>> {
    submissions::table
        .filter(submissions::proposal_id.eq(proposal_id))
        .filter(submissions::superseded_at.is_null())
        .select(SubmissionRow::as_select())
        .first(conn)
        .optional()
}

/// The current submission at `stage` of every proposal of the call, in one query.
pub fn current_of_call(
    conn: &mut DbConnection,
    call_id: &CallId,
    stage: Stage,
) -> QueryResult<Vec<SubmissionRow>> {
    submissions::table
        .inner_join(proposals::table.on(proposals::id.eq(submissions::proposal_id)))
        .filter(proposals::call_id.eq(call_id))
        .filter(submissions::stage.eq(stage))
        .filter(submissions::superseded_at.is_null())
        .select(SubmissionRow::as_select())
        .load(conn)
}

pub fn supersede(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        submissions::table
            .filter(submissions::proposal_id.eq(proposal_id))
            .filter(submissions::superseded_at.is_null()),
    )
    .set(submissions::superseded_at.eq(Some(now)))
    .execute(conn)
}

/// The reminder days already sent to a proposal's consortium at a stage.
pub fn reminders_sent(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
    stage: Stage,
) -> QueryResult<Vec<u32>> {
    let days: Vec<i32> = submission_reminders::table
        .filter(submission_reminders::proposal_id.eq(proposal_id))
        .filter(submission_reminders::stage.eq(stage))
        .select(submission_reminders::days)
        .load(conn)?;
    Ok(days
        .into_iter()
        .filter_map(|d| u32::try_from(d).ok())
        .collect())
}

pub fn record_reminder(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
    stage: Stage,
    days: u32,
    sent_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(submission_reminders::table)
        .values((
            submission_reminders::proposal_id.eq(proposal_id),
            submission_reminders::stage.eq(stage),
            submission_reminders::days.eq(i32::try_from(days).unwrap_or(i32::MAX)),
            submission_reminders::sent_at.eq(sent_at),
        ))
        .execute(conn)
        .map(|_| ())
}
