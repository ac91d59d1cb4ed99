//! Submission: a proposal frozen with its receipt, withdrawn, or reopened
//! as a draft before the deadline. Following a proposal through submission
//! stays here and in the queries it names.

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use super::Context;
use super::notify::mail_consortium;
use crate::db::columns::JsonText;
use crate::db::proposals::ProposalRow;
use crate::db::submissions::SubmissionRow;
use crate::db::{self, DbConnection, audit};
use crate::domain::call::Stage;
use crate::domain::canonical::{canonical_json, sha256_hex};
use crate::domain::deadline;
use crate::domain::ids::ProposalId;
use crate::domain::pricing::Pricing;
use crate::domain::proposal::{ProposalStatus, ReceiptDocument};
use crate::error::ProblemCode;
use crate::error::{ApiError, FieldError};
use crate::mail::templates;
use crate::read::checklist::checklist_of;
use crate::read::pricing;
use crate::read::proposal::{
    ProposalContext, ProposalResponse, load_proposal, proposal_response, require_before_deadline,
};

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReceiptResponse {
    #[schema(example = "JC-2027-000042")]
    pub number: String,
    #[schema(value_type = String)]
    pub proposal_id: ProposalId,
    pub stage: Stage,
    /// The server's time of submission.
    pub submitted_at: DateTime<Utc>,
    /// The same instant in the call's time zone.
    #[schema(value_type = String)]
    pub submitted_at_local: DateTime<FixedOffset>,
    /// SHA-256 of `snapshot`, in hex.
    pub snapshot_sha256: String,
    pub documents: Vec<ReceiptDocument>,
    /// The frozen proposal as canonical JSON (keys sorted, no spaces): hash it to check the digest.
    pub snapshot: String,
}

/// Submits the proposal as its coordinator: refused with the whole
/// checklist while anything is missing; otherwise the proposal is frozen,
/// and the receipt issued, mailed to every contact and audited.
pub fn submit(cx: &mut Context<'_>, proposal_id: &ProposalId) -> Result<ReceiptResponse, ApiError> {
    let (conn, now, user, _) = cx.parts();
    let id = proposal_id;
    let ctx = load_proposal(conn, user, id)?;
    ctx.require_member()?;
    ctx.require_coordinator()?;
    ctx.require_editable(now)?;
    // A draft is priced live; the same pricing is checked and frozen.
    let pricing = pricing::live(conn, &ctx)?;
    let items = checklist_of(conn, &ctx, &pricing)?;
    if !items.is_empty() {
        return Err(ApiError::Validation(
            items
                .into_iter()
                .map(|i| FieldError::new(i.field, &i.code, i.message))
                .collect(),
        ));
    }
    let number = format!(
        "JC-{}-{:06}",
        now.format("%Y"),
        db::submissions::count(conn)? + 1
    );
    let (snapshot, documents) = snapshot(conn, &ctx, &pricing, &number, now)?;
    let row = SubmissionRow {
        id: uuid::Uuid::new_v4().to_string(),
        proposal_id: id.to_owned(),
        receipt_number: number,
        stage: ctx.stage,
        snapshot_sha256: sha256_hex(&snapshot),
        snapshot,
        documents: JsonText(documents),
        submitted_by: user.id.clone(),
        submitted_at: now.naive_utc(),
        superseded_at: None,
    };
    db::submissions::supersede(conn, id, now.naive_utc())?;
    db::submissions::insert(conn, &row)?;
    set_status(
        conn,
        &ctx.proposal,
        ProposalStatus::Submitted,
        Some(now),
        now,
    )?;
    let receipt = receipt_response(&row, &ctx.call.settings.time_zone)?;
    let local = receipt
        .submitted_at_local
        .format("%d %B %Y, %H:%M:%S %:z")
        .to_string();
    let lines: Vec<templates::ReceiptLine<'_>> = receipt
        .documents
        .iter()
        .map(|d| templates::ReceiptLine {
            document_type: &d.document_type,
            filename: &d.filename,
            sha256: &d.sha256,
        })
        .collect();
    mail_consortium(conn, id, now, |to| {
        templates::submission_receipt(
            to,
            &ctx.proposal.acronym,
            &row.receipt_number,
            &local,
            &row.snapshot_sha256,
            &lines,
        )
    })?;
    audit::Change::new(Some(&user.id), "proposal.submitted", "proposal", id)
        .after(
            json!({ "receipt_number": row.receipt_number, "snapshot_sha256": row.snapshot_sha256 }),
        )
        .record(conn, now)?;
    Ok(receipt)
}

/// Takes a submitted proposal out of the call before the deadline.
pub fn withdraw(
    cx: &mut Context<'_>,
    proposal_id: &ProposalId,
) -> Result<ProposalResponse, ApiError> {
    change_submission(
        cx,
        proposal_id,
        &[ProposalStatus::Submitted],
        ProposalStatus::Withdrawn,
        "proposal.withdrawn",
    )
}

/// Turns a submitted or withdrawn proposal back into a draft before the
/// deadline; it counts again only with a new submission and receipt.
pub fn reopen(
    cx: &mut Context<'_>,
    proposal_id: &ProposalId,
) -> Result<ProposalResponse, ApiError> {
    change_submission(
        cx,
        proposal_id,
        &[ProposalStatus::Submitted, ProposalStatus::Withdrawn],
        ProposalStatus::Draft,
        "proposal.reopened",
    )
}

/// The current submission's receipt, for a reader of the proposal.
pub fn current_receipt(
    conn: &mut DbConnection,
    user: &crate::auth::AuthUser,
    proposal_id: &ProposalId,
) -> Result<ReceiptResponse, ApiError> {
    let ctx = load_proposal(conn, user, proposal_id)?;
    let row = db::submissions::current(conn, proposal_id)?.ok_or(ApiError::NotFound)?;
    receipt_response(&row, &ctx.call.settings.time_zone)
}

/// A change of a submitted or withdrawn proposal before the deadline.
fn change_submission(
    cx: &mut Context<'_>,
    id: &ProposalId,
    from: &[ProposalStatus],
    to: ProposalStatus,
    action: &str,
) -> Result<ProposalResponse, ApiError> {
    let (conn, now, user, _) = cx.parts();
    let ctx = load_proposal(conn, user, id)?;
    ctx.require_member()?;
    ctx.require_coordinator()?;
    require_before_deadline(&ctx.call.settings, ctx.stage, now)?;
    if !from.contains(&ctx.status) {
        return Err(ApiError::conflict(
            ProblemCode::InvalidTransition,
            format!(
                "A {} proposal cannot become {}.",
                ctx.status.as_str(),
                to.as_str()
            ),
        ));
    }
    db::submissions::supersede(conn, id, now.naive_utc())?;
    set_status(conn, &ctx.proposal, to, None, now)?;
    audit::Change::new(Some(&user.id), action, "proposal", id)
        .before(json!({ "status": ctx.status }))
        .after(json!({ "status": to }))
        .record(conn, now)?;
    let ctx = load_proposal(conn, user, id)?;
    proposal_response(conn, &ctx)
}

fn set_status(
    conn: &mut DbConnection,
    before: &ProposalRow,
    status: ProposalStatus,
    submitted_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let after = ProposalRow {
        status,
        submitted_at: submitted_at.map(|t| t.naive_utc()),
        version: before.version + 1,
        updated_at: now.naive_utc(),
        ..before.clone()
    };
    if !db::proposals::update(conn, &after, before.version)? {
        return Err(ApiError::PreconditionFailed);
    }
    Ok(())
}

/// The proposal, its consortium with budgets, the computed grants and the
/// documents' digests, as one canonical JSON text. Its `partners` and
/// `grants` read back as a `Pricing`: the frozen facts every later reader
/// of money uses.
fn snapshot(
    conn: &mut DbConnection,
    ctx: &ProposalContext,
    pricing: &Pricing,
    number: &str,
    at: DateTime<Utc>,
) -> Result<(String, Vec<ReceiptDocument>), ApiError> {
    let response = proposal_response(conn, ctx)?;
    let documents: Vec<_> = db::documents::list(conn, &ctx.proposal.id)?
        .into_iter()
        .filter(|d| d.stage == ctx.stage)
        .collect();
    let mut partners = Vec::with_capacity(pricing.partners.len());
    for partner in &pricing.partners {
        let mut value = serde_json::to_value(partner).map_err(|e| ApiError::Internal(e.into()))?;
        let contacts: Vec<serde_json::Value> = response
            .partners
            .iter()
            .filter(|p| p.id == partner.id)
            .flat_map(|p| &p.contacts)
            .map(|c| json!({ "name": c.full_name, "email": c.email }))
            .collect();
        value["contacts"] = json!(contacts);
        partners.push(value);
    }
    let receipt_documents: Vec<ReceiptDocument> = documents
        .iter()
        .map(|d| ReceiptDocument {
            document_id: d.id.clone(),
            document_type: d.document_type.clone(),
            filename: d.filename.clone(),
            sha256: d.sha256.clone(),
        })
        .collect();
    let settings = serde_json::to_value(ctx.call.settings.as_ref())
        .map_err(|e| ApiError::Internal(e.into()))?;
    let value = json!({
        "receipt_number": number,
        "submitted_at": at.to_rfc3339(),
        "call": { "id": ctx.call.row.id, "title": ctx.call.row.title },
        // The rules in force when the proposal was priced: the call's version
        // and the digest of its settings.
        "rules": {
            "call_version": ctx.call.row.version,
            "settings_sha256": sha256_hex(&canonical_json(&settings)),
        },
        "proposal": {
            "id": response.id,
            "stage": response.stage,
            "acronym": response.acronym,
            "title": response.title,
            "abstract": response.abstract_text,
            "keywords": response.keywords,
            "duration_months": response.duration_months,
            "start_date": response.start_date,
            "research_category": response.research_category,
            "clinical": response.clinical,
        },
        "partners": partners,
        "grants": pricing.grants,
        "documents": documents.iter().map(|d| json!({
            "id": d.id, "document_type": d.document_type, "filename": d.filename,
            "media_type": d.media_type, "size_bytes": d.size_bytes, "sha256": d.sha256,
        })).collect::<Vec<_>>(),
    });
    Ok((canonical_json(&value), receipt_documents))
}

fn receipt_response(row: &SubmissionRow, time_zone: &str) -> Result<ReceiptResponse, ApiError> {
    let at = row.submitted_at.and_utc();
    Ok(ReceiptResponse {
        number: row.receipt_number.clone(),
        proposal_id: row.proposal_id.clone(),
        stage: row.stage,
        submitted_at: at,
        submitted_at_local: deadline::in_zone(at, time_zone)
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("{e}")))?
            .fixed_offset(),
        snapshot_sha256: row.snapshot_sha256.clone(),
        documents: row.documents.0.clone(),
        snapshot: row.snapshot.clone(),
    })
}
