//! Handing in a document: what an upload must be before any byte is read,
//! and keeping a received file with its row and audit record.

use std::path::Path;

use chrono::{DateTime, Utc};

use super::Context;
use crate::auth::AuthUser;
use crate::db::documents::DocumentRow;
use crate::db::{self, DbConnection, audit};
use crate::domain::call::{DocumentRequirement, Stage};
use crate::domain::ids::{DocumentId, ProposalId};
use crate::domain::quota::Quotas;
use crate::error::ApiError;
use crate::read::proposal::{ProposalContext, load_proposal};
use crate::storage::DocumentStore;

/// A file received in full, typed by its content.
pub struct Received {
    pub stage: Stage,
    pub document_type: String,
    pub filename: String,
    pub media_type: &'static str,
    pub size: u64,
    pub sha256: String,
}

/// What the upload must be, checked before reading any bytes: the caller is
/// a member, the proposal still editable, the quota has room, and the call
/// asks for this document type at the proposal's stage.
pub fn requirement(
    conn: &mut DbConnection,
    user: &AuthUser,
    proposal_id: &ProposalId,
    document_type: &str,
    now: DateTime<Utc>,
    quotas: Quotas,
) -> Result<(DocumentRequirement, Stage), ApiError> {
    let ctx = admit(conn, user, proposal_id, now, quotas, 0)?;
    let requirement = ctx
        .call
        .settings
        .documents_for(ctx.stage)
        .find(|d| d.document_type == document_type)
        .cloned()
        .ok_or_else(|| {
            ApiError::field(
                "document_type",
                "unknown",
                format!(
                    "This call asks for no document `{document_type}` at the {} stage.",
                    ctx.stage.as_str()
                ),
            )
        })?;
    Ok((requirement, ctx.stage))
}

/// Keeps a received file under `key`. Everything is checked again, since
/// the upload may have outlasted the deadline or another upload filled the
/// quota; the file moves under its key last, inside the transaction, so a
/// refused or failed write keeps nothing.
pub fn keep(
    cx: &mut Context<'_>,
    store: &dyn DocumentStore,
    proposal_id: &ProposalId,
    upload: Received,
    temp: &Path,
    key: &str,
) -> Result<DocumentRow, ApiError> {
    let (conn, now, user, config) = cx.parts();
    admit(conn, user, proposal_id, now, config.quotas, upload.size)?;
    let row = DocumentRow {
        id: DocumentId::generate(),
        proposal_id: proposal_id.to_owned(),
        stage: upload.stage,
        document_type: upload.document_type,
        filename: upload.filename,
        media_type: upload.media_type.to_owned(),
        size_bytes: i64::try_from(upload.size).unwrap_or(i64::MAX),
        sha256: upload.sha256,
        storage_key: key.to_owned(),
        uploaded_by: user.id.clone(),
        created_at: now.naive_utc(),
    };
    db::documents::insert(conn, &row)?;
    db::proposals::touch(conn, proposal_id, now.naive_utc())?;
    audit::Change::new(
        Some(&user.id),
        "proposal.document_uploaded",
        "proposal",
        proposal_id,
    )
    .after_of(&row)
    .record(conn, now)?;
    store
        .commit(temp, key)
        .map_err(|e| ApiError::storage("storing the document", &e))?;
    Ok(row)
}

/// A member may add `size` bytes to the editable proposal within its quota.
fn admit(
    conn: &mut DbConnection,
    user: &AuthUser,
    proposal_id: &ProposalId,
    now: DateTime<Utc>,
    quotas: Quotas,
    size: u64,
) -> Result<ProposalContext, ApiError> {
    let ctx = load_proposal(conn, user, proposal_id)?;
    ctx.require_member()?;
    ctx.require_editable(now)?;
    let (held, held_bytes) = held_documents(conn, proposal_id)?;
    quotas.admit_document(held, held_bytes, size)?;
    Ok(ctx)
}

/// How many documents a proposal holds and their bytes together (quotas).
fn held_documents(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
) -> Result<(usize, u64), ApiError> {
    let documents = db::documents::list(conn, proposal_id)?;
    let bytes = documents
        .iter()
        .map(|d| u64::try_from(d.size_bytes).unwrap_or(0))
        .sum();
    Ok((documents.len(), bytes))
}
