//! Eligibility decisions.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::schema::eligibility_decisions;
use crate::domain::call::Stage;
use crate::domain::ids::{ProposalId, UserId};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = eligibility_decisions)]
pub struct DecisionRow {
    pub proposal_id: ProposalId,
    pub stage: Stage,
    pub eligible: bool,
    pub automatic: bool,
    pub reason: Option<String>,
    pub decided_by: UserId,
    pub decided_at: NaiveDateTime,
}

pub fn find(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
    stage: Stage,
) -> QueryResult<Option<DecisionRow>> {
    eligibility_decisions::table
        .find((proposal_id, stage))
        .select(DecisionRow::as_select())
        .first(conn)
        .optional()
}

/// Records a decision, replacing an earlier one (portable: delete, then insert).
pub fn replace(conn: &mut DbConnection, row: &DecisionRow) -> QueryResult<()> {
    diesel::delete(eligibility_decisions::table.find((&row.proposal_id, &row.stage)))
        .execute(conn)?;
    diesel::insert_into(eligibility_decisions::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}
