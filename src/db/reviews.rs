//! Individual reviews with every saved version, consensus reports with the
//! consortium's reply, right-to-reply windows and sent reminders.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::experts::AssignmentRow;
use super::proposals::ProposalRow;
use super::schema::{
    assignments, consensus_reports, proposals, reminders, reply_windows, review_versions, reviews,
};
use crate::domain::call::Stage;
use crate::domain::ids::{AssignmentId, CallId, ExpertId, ProposalId, ReviewId, UserId};
use crate::domain::proposal::ProposalStatus;
use crate::domain::review::{AssignmentStatus, ReportStatus, ReviewContent, ReviewStatus};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = reviews)]
pub struct ReviewRow {
    pub id: ReviewId,
    pub assignment_id: AssignmentId,
    pub proposal_id: ProposalId,
    pub stage: Stage,
    pub content: String,
    pub status: ReviewStatus,
    pub version: i64,
    pub updated_at: NaiveDateTime,
    pub submitted_at: Option<NaiveDateTime>,
}

impl ReviewRow {
    /// An empty draft for an assignment its expert has just been cleared for.
    pub fn draft(assignment: &AssignmentRow, at: NaiveDateTime) -> Self {
        Self {
            id: ReviewId::generate(),
            assignment_id: assignment.id.clone(),
            proposal_id: assignment.proposal_id.clone(),
            stage: assignment.stage,
            content: serde_json::to_string(&ReviewContent::default()).unwrap_or_default(),
            status: ReviewStatus::Draft,
            version: 1,
            updated_at: at,
            submitted_at: None,
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = review_versions)]
pub struct ReviewVersionRow {
    pub review_id: ReviewId,
    pub version: i64,
    pub content: String,
    pub saved_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &ReviewRow) -> QueryResult<()> {
    diesel::insert_into(reviews::table)
        .values(row)
        .execute(conn)?;
    insert_version(conn, row)
}

fn insert_version(conn: &mut DbConnection, row: &ReviewRow) -> QueryResult<()> {
    diesel::insert_into(review_versions::table)
        .values(ReviewVersionRow {
            review_id: row.id.clone(),
            version: row.version,
            content: row.content.clone(),
            saved_at: row.updated_at,
        })
        .execute(conn)
        .map(|_| ())
}

/// The reviews of the given assignments (at most one each), in one query.
pub fn of_assignments(
    conn: &mut DbConnection,
    assignment_ids: &[&str],
) -> QueryResult<Vec<ReviewRow>> {
    reviews::table
        .filter(reviews::assignment_id.eq_any(assignment_ids))
        .select(ReviewRow::as_select())
        .load(conn)
}

pub fn of_assignment(
    conn: &mut DbConnection,
    assignment_id: &AssignmentId,
) -> QueryResult<Option<ReviewRow>> {
    reviews::table
        .filter(reviews::assignment_id.eq(assignment_id))
        .select(ReviewRow::as_select())
        .first(conn)
        .optional()
}

/// Saves a new version of a review (content and status) if it is still at
/// `expected_version`; false when someone saved in between.
pub fn save(conn: &mut DbConnection, row: &ReviewRow, expected_version: i64) -> QueryResult<bool> {
    let updated = diesel::update(
        reviews::table
            .find(&row.id)
            .filter(reviews::version.eq(expected_version)),
    )
    .set((
        reviews::content.eq(&row.content),
        reviews::status.eq(&row.status),
        reviews::version.eq(row.version),
        reviews::updated_at.eq(row.updated_at),
        reviews::submitted_at.eq(row.submitted_at),
    ))
    .execute(conn)?;
    if updated == 1 {
        insert_version(conn, row)?;
    }
    Ok(updated == 1)
}

pub fn versions(
    conn: &mut DbConnection,
    review_id: &ReviewId,
) -> QueryResult<Vec<ReviewVersionRow>> {
    review_versions::table
        .filter(review_versions::review_id.eq(review_id))
        .order(review_versions::version.asc())
        .select(ReviewVersionRow::as_select())
        .load(conn)
}

/// The reviews of a proposal at a stage whose assignment is still active,
/// in the order the experts were assigned (which gives their letters).
pub fn of_proposal(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
    stage: Stage,
) -> QueryResult<Vec<ReviewRow>> {
    reviews::table
        .inner_join(assignments::table)
        .filter(reviews::proposal_id.eq(proposal_id))
        .filter(reviews::stage.eq(stage))
        .filter(assignments::status.eq_any(AssignmentStatus::active_texts()))
        .order((assignments::assigned_at.asc(), assignments::id.asc()))
        .select(ReviewRow::as_select())
        .load(conn)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = consensus_reports)]
pub struct ConsensusRow {
    pub id: String,
    pub proposal_id: ProposalId,
    pub stage: Stage,
    pub rapporteur_id: ExpertId,
    pub content: String,
    pub status: ReportStatus,
    pub version: i64,
    pub updated_at: NaiveDateTime,
    /// The comments the consortium was shown for its reply.
    pub shared_comments: Option<String>,
    pub reply: Option<String>,
    pub reply_version: i64,
    pub replied_at: Option<NaiveDateTime>,
    pub approved_at: Option<NaiveDateTime>,
    pub approved_by: Option<UserId>,
}

impl ConsensusRow {
    pub fn is_approved(&self) -> bool {
        self.status == ReportStatus::Approved
    }
}

pub fn insert_consensus(conn: &mut DbConnection, row: &ConsensusRow) -> QueryResult<()> {
    diesel::insert_into(consensus_reports::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn consensus_of(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
    stage: Stage,
) -> QueryResult<Option<ConsensusRow>> {
    consensus_reports::table
        .filter(consensus_reports::proposal_id.eq(proposal_id))
        .filter(consensus_reports::stage.eq(stage))
        .select(ConsensusRow::as_select())
        .first(conn)
        .optional()
}

/// Every consensus report of a call's proposals at a stage, with its proposal.
/// (assignment id, review status) of every review at a stage of a call.
pub fn review_statuses_of_call(
    conn: &mut DbConnection,
    call_id: &CallId,
    stage: Stage,
) -> QueryResult<Vec<(AssignmentId, String)>> {
    reviews::table
        .inner_join(proposals::table.on(proposals::id.eq(reviews::proposal_id)))
        .filter(proposals::call_id.eq(call_id))
        .filter(reviews::stage.eq(stage))
        .select((reviews::assignment_id, reviews::status))
        .load(conn)
}

pub fn consensus_of_call(
    conn: &mut DbConnection,
    call_id: &CallId,
    stage: Stage,
) -> QueryResult<Vec<(ConsensusRow, ProposalRow)>> {
    consensus_reports::table
        .inner_join(proposals::table.on(proposals::id.eq(consensus_reports::proposal_id)))
        .filter(proposals::call_id.eq(call_id))
        .filter(consensus_reports::stage.eq(stage))
        .order(proposals::id.asc())
        .select((ConsensusRow::as_select(), ProposalRow::as_select()))
        .load(conn)
}

/// A proposal of a call as its ranking needs it, with the status and
/// content of its consensus report of the stage when it has one.
#[derive(Debug, Queryable)]
pub struct RankingRow {
    pub id: ProposalId,
    pub acronym: String,
    pub title: String,
    pub invited_to_full: bool,
    pub stage: Stage,
    pub status: ProposalStatus,
    pub submitted_at: Option<NaiveDateTime>,
    pub consensus_status: Option<ReportStatus>,
    pub consensus_content: Option<String>,
}

impl RankingRow {
    /// The consensus content, when the report is approved.
    pub fn approved_consensus(&self) -> Option<&str> {
        let approved = self.consensus_status == Some(ReportStatus::Approved);
        self.consensus_content.as_deref().filter(|_| approved)
    }
}

/// Every proposal of the call with its consensus report of `stage`, in one
/// query of the columns the ranking shows (the ranking is read often).
pub fn ranking_rows(
    conn: &mut DbConnection,
    call_id: &CallId,
    stage: Stage,
) -> QueryResult<Vec<RankingRow>> {
    on_backend!(conn, |c| {
        proposals::table
            .left_join(
                consensus_reports::table.on(consensus_reports::proposal_id
                    .eq(proposals::id)
                    .and(consensus_reports::stage.eq(stage))),
            )
            .filter(proposals::call_id.eq(call_id))
            .order(proposals::id.asc())
            .select((
                proposals::id,
                proposals::acronym,
                proposals::title,
                proposals::invited_to_full,
                proposals::stage,
                proposals::status,
                proposals::submitted_at,
                consensus_reports::status.nullable(),
                consensus_reports::content.nullable(),
            ))
            .load(c)
    })
}

/// Writes a consensus report back if it is still at `expected_version`
/// (the row carries the next version); false when someone saved in between.
pub fn update_consensus(
    conn: &mut DbConnection,
    row: &ConsensusRow,
    expected_version: i64,
) -> QueryResult<bool> {
    diesel::update(
        consensus_reports::table
            .find(&row.id)
            .filter(consensus_reports::version.eq(expected_version)),
    )
    .set((
        consensus_reports::rapporteur_id.eq(&row.rapporteur_id),
        consensus_reports::content.eq(&row.content),
        consensus_reports::status.eq(&row.status),
        consensus_reports::version.eq(row.version),
        consensus_reports::updated_at.eq(row.updated_at),
        consensus_reports::shared_comments.eq(&row.shared_comments),
        consensus_reports::reply.eq(&row.reply),
        consensus_reports::reply_version.eq(row.reply_version),
        consensus_reports::replied_at.eq(row.replied_at),
        consensus_reports::approved_at.eq(row.approved_at),
        consensus_reports::approved_by.eq(&row.approved_by),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = reply_windows)]
pub struct ReplyWindowRow {
    pub call_id: CallId,
    pub stage: Stage,
    pub opens_at: NaiveDateTime,
    pub closes_at: NaiveDateTime,
    pub opened_by: UserId,
}

pub fn reply_window(
    conn: &mut DbConnection,
    call_id: &CallId,
    stage: Stage,
) -> QueryResult<Option<ReplyWindowRow>> {
    reply_windows::table
        .find((call_id, stage))
        .select(ReplyWindowRow::as_select())
        .first(conn)
        .optional()
}

pub fn insert_reply_window(conn: &mut DbConnection, row: &ReplyWindowRow) -> QueryResult<()> {
    diesel::insert_into(reply_windows::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// The reminder kinds (days before the deadline) already sent for an assignment.
/// The reminders sent for the given assignments: (assignment id, kind).
pub fn reminders_sent(
    conn: &mut DbConnection,
    assignment_ids: &[&str],
) -> QueryResult<Vec<(String, String)>> {
    reminders::table
        .filter(reminders::assignment_id.eq_any(assignment_ids))
        .select((reminders::assignment_id, reminders::kind))
        .load(conn)
}

pub fn record_reminder(
    conn: &mut DbConnection,
    assignment_id: &AssignmentId,
    kind: &str,
    sent_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(reminders::table)
        .values((
            reminders::assignment_id.eq(assignment_id),
            reminders::kind.eq(kind),
            reminders::sent_at.eq(sent_at),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Saves the consortium's reply if its version is still `expected_version`.
pub fn save_reply(
    conn: &mut DbConnection,
    consensus_id: &str,
    expected_version: i64,
    text: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        consensus_reports::table
            .find(consensus_id)
            .filter(consensus_reports::reply_version.eq(expected_version)),
    )
    .set((
        consensus_reports::reply.eq(Some(text)),
        consensus_reports::reply_version.eq(expected_version + 1),
        consensus_reports::replied_at.eq(Some(now)),
    ))
    .execute(conn)
    .map(|n| n == 1)
}
