//! Funders' decisions per partner, each change kept as a version.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::schema::{funding_decision_versions, funding_decisions, funding_promotions, proposals};
use crate::domain::funding::Decision;
use crate::domain::ids::{CallId, PartnerId, ProposalId, UserId};
use crate::domain::role::Agency;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = funding_decisions)]
pub struct DecisionRow {
    pub partner_id: PartnerId,
    pub proposal_id: ProposalId,
    pub agency: Agency,
    pub decision: Decision,
    pub amount_cents: i64,
    pub comment: String,
    pub version: i64,
    pub decided_by: UserId,
    pub decided_at: NaiveDateTime,
}

impl DecisionRow {
    /// The amount, when this is an approval.
    pub fn approved_cents(&self) -> Option<i64> {
        (self.decision == Decision::Approved).then_some(self.amount_cents)
    }
}

pub fn of_partner(
    conn: &mut DbConnection,
    partner_id: &PartnerId,
) -> QueryResult<Option<DecisionRow>> {
    funding_decisions::table
        .find(partner_id)
        .select(DecisionRow::as_select())
        .first(conn)
        .optional()
}

pub fn of_proposal(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
) -> QueryResult<Vec<DecisionRow>> {
    funding_decisions::table
        .filter(funding_decisions::proposal_id.eq(proposal_id))
        .select(DecisionRow::as_select())
        .load(conn)
}

pub fn of_call(conn: &mut DbConnection, call_id: &CallId) -> QueryResult<Vec<DecisionRow>> {
    funding_decisions::table
        .inner_join(proposals::table.on(proposals::id.eq(funding_decisions::proposal_id)))
        .filter(proposals::call_id.eq(call_id))
        .select(DecisionRow::as_select())
        .load(conn)
}

/// Writes a new decision, or its next version if the stored one is still at
/// `row.version - 1`; false when someone decided in between. Every version is kept.
pub fn save(conn: &mut DbConnection, row: &DecisionRow) -> QueryResult<bool> {
    let written = if row.version == 1 {
        diesel::insert_into(funding_decisions::table)
            .values(row)
            .execute(conn)?
    } else {
        diesel::update(
            funding_decisions::table
                .find(&row.partner_id)
                .filter(funding_decisions::version.eq(row.version - 1)),
        )
        .set((
            funding_decisions::decision.eq(&row.decision),
            funding_decisions::amount_cents.eq(row.amount_cents),
            funding_decisions::comment.eq(&row.comment),
            funding_decisions::version.eq(row.version),
            funding_decisions::decided_by.eq(&row.decided_by),
            funding_decisions::decided_at.eq(row.decided_at),
        ))
        .execute(conn)?
    };
    if written == 1 {
        diesel::insert_into(funding_decision_versions::table)
            .values((
                funding_decision_versions::partner_id.eq(&row.partner_id),
                funding_decision_versions::version.eq(row.version),
                funding_decision_versions::decision.eq(&row.decision),
                funding_decision_versions::amount_cents.eq(row.amount_cents),
                funding_decision_versions::comment.eq(&row.comment),
                funding_decision_versions::decided_by.eq(&row.decided_by),
                funding_decision_versions::decided_at.eq(row.decided_at),
            ))
            .execute(conn)?;
    }
    Ok(written == 1)
}

/// An operator's move of a reserve proposal into funding, with its reason.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = funding_promotions)]
pub struct PromotionRow {
    pub proposal_id: ProposalId,
    pub reason: String,
    pub promoted_by: UserId,
    pub promoted_at: NaiveDateTime,
}

pub fn promotions_of_call(
    conn: &mut DbConnection,
    call_id: &CallId,
) -> QueryResult<Vec<PromotionRow>> {
    funding_promotions::table
        .inner_join(proposals::table.on(proposals::id.eq(funding_promotions::proposal_id)))
        .filter(proposals::call_id.eq(call_id))
        .select(PromotionRow::as_select())
        .load(conn)
}

pub fn promotion_of(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
) -> QueryResult<Option<PromotionRow>> {
    funding_promotions::table
        .find(proposal_id)
        .select(PromotionRow::as_select())
        .first(conn)
        .optional()
}

pub fn insert_promotion(conn: &mut DbConnection, row: &PromotionRow) -> QueryResult<()> {
    diesel::insert_into(funding_promotions::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}
