//! Documents' records; their bytes are in the document store (`storage`).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::schema::documents;
use crate::domain::call::Stage;
use crate::domain::ids::{DocumentId, ProposalId, UserId};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = documents)]
pub struct DocumentRow {
    pub id: DocumentId,
    pub proposal_id: ProposalId,
    pub stage: Stage,
    pub document_type: String,
    pub filename: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub storage_key: String,
    pub uploaded_by: UserId,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &DocumentRow) -> QueryResult<()> {
    diesel::insert_into(documents::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// A document of this proposal (404 for another proposal's).
pub fn find(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
    id: &str,
) -> QueryResult<DocumentRow> {
    documents::table
        .find(id)
        .filter(documents::proposal_id.eq(proposal_id))
        .select(DocumentRow::as_select())
        .first(conn)
}

pub fn list(conn: &mut DbConnection, proposal_id: &ProposalId) -> QueryResult<Vec<DocumentRow>> {
    documents::table
        .filter(documents::proposal_id.eq(proposal_id))
        .order((documents::created_at.asc(), documents::id.asc()))
        .select(DocumentRow::as_select())
        .load(conn)
}

pub fn delete(conn: &mut DbConnection, id: &str) -> QueryResult<()> {
    diesel::delete(documents::table.find(id))
        .execute(conn)
        .map(|_| ())
}
