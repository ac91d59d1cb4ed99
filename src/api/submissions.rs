//! The checklist, submission with its receipt, withdrawal and reopening.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use super::pricing;
use super::proposals::{
    ProposalContext, ProposalResponse, load_proposal, mail_consortium, proposal_response,
    require_before_deadline,
};
use super::support::ok_with_etag;
use crate::auth::AuthUser;
use crate::db::proposals::ProposalRow;
use crate::db::submissions::SubmissionRow;
use crate::db::{self, DbConnection, audit};
use crate::domain::canonical::{canonical_json, sha256_hex};
use crate::domain::checklist::{self, ChecklistInput, ChecklistItem};
use crate::domain::deadline;
use crate::domain::pricing::{Pricing, changes_since_submission};
use crate::domain::proposal::{ClinicalInvestigation, ProposalStatus};
use crate::error::responses as problems;
use crate::error::{ApiError, FieldError, Problem};
use crate::mail::templates;
use crate::state::SharedState;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ChecklistResponse {
    /// True when nothing stands in the way of submission.
    pub complete: bool,
    pub items: Vec<ChecklistItem>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReceiptDocument {
    pub document_id: String,
    pub document_type: String,
    pub filename: String,
    pub sha256: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReceiptResponse {
    #[schema(example = "JC-2027-000042")]
    pub number: String,
    pub proposal_id: String,
    pub stage: String,
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

/// The checklist of the proposal as it stands: a draft's live facts, a
/// submitted proposal's frozen ones (what eligibility is checked against).
pub fn build_checklist(
    conn: &mut DbConnection,
    ctx: &ProposalContext,
) -> Result<Vec<ChecklistItem>, ApiError> {
    let pricing = pricing::of_proposal(conn, ctx)?;
    checklist_of(conn, ctx, &pricing)
}

fn checklist_of(
    conn: &mut DbConnection,
    ctx: &ProposalContext,
    pricing: &Pricing,
) -> Result<Vec<ChecklistItem>, ApiError> {
    let row = &ctx.proposal;
    let facts = pricing.checklist_partners();
    let documents = db::documents::list(conn, &row.id)?;
    let types: Vec<&str> = documents
        .iter()
        .filter(|d| d.stage == ctx.stage.as_str())
        .map(|d| d.document_type.as_str())
        .collect();
    let keywords: Vec<String> = serde_json::from_str(&row.keywords).unwrap_or_default();
    let clinical: ClinicalInvestigation = serde_json::from_str(&row.clinical).unwrap_or_default();
    Ok(checklist::check(&ChecklistInput {
        settings: &ctx.settings,
        stage: ctx.stage,
        title: &row.title,
        abstract_text: &row.abstract_text,
        keywords: keywords.len(),
        duration_months: row.duration_months,
        has_start_date: row.start_date.is_some(),
        clinical: &clinical,
        partners: &facts,
        grants: &pricing.grants,
        documents: &types,
    }))
}

/// The checklist a consortium sees: the rules against what prices the
/// proposal and, for a submitted proposal before the deadline, whatever
/// changed since its receipt (which only a new submission takes in).
fn consortium_checklist(
    conn: &mut DbConnection,
    ctx: &ProposalContext,
    now: DateTime<Utc>,
) -> Result<Vec<ChecklistItem>, ApiError> {
    let pricing = pricing::of_proposal(conn, ctx)?;
    let mut items = checklist_of(conn, ctx, &pricing)?;
    if ctx.status == ProposalStatus::Submitted && ctx.settings.before_deadline(ctx.stage, now) {
        let live = pricing::live(conn, ctx)?;
        items.extend(changes_since_submission(&pricing, &live));
    }
    Ok(items)
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
        .filter(|d| d.stage == ctx.stage.as_str())
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
    let settings =
        serde_json::to_value(ctx.settings.as_ref()).map_err(|e| ApiError::Internal(e.into()))?;
    let value = json!({
        "receipt_number": number,
        "submitted_at": at.to_rfc3339(),
        "call": { "id": ctx.call.id, "title": ctx.call.title },
        // The rules in force when the proposal was priced: the call's version
        // and the digest of its settings.
        "rules": {
            "call_version": ctx.call.version,
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
        stage: row.stage.clone(),
        submitted_at: at,
        submitted_at_local: deadline::in_zone(at, time_zone)
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("{e}")))?
            .fixed_offset(),
        snapshot_sha256: row.snapshot_sha256.clone(),
        documents: serde_json::from_str(&row.documents).unwrap_or_default(),
        snapshot: row.snapshot.clone(),
    })
}

/// What is missing
///
/// Every rule the proposal does not meet yet, with the field to fix.
#[utoipa::path(
    get, path = "/api/v1/proposals/{id}/checklist", tag = "submission",
    params(("id" = String, Path, description = "The proposal's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The checklist.", body = ChecklistResponse),
        problems::Unauthenticated,
        problems::ProposalNotFound,
    )
)]
pub async fn get_checklist(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let now = state.clock.now();
    let items = state
        .db(move |conn| {
            let ctx = load_proposal(conn, &user, &id)?;
            consortium_checklist(conn, &ctx, now)
        })
        .await?;
    Ok(HttpResponse::Ok().json(ChecklistResponse {
        complete: items.is_empty(),
        items,
    }))
}

/// Submit
///
/// The coordinator submits before the deadline (the server clock decides, to
/// the second). Refused with the whole checklist while anything is missing;
/// otherwise the proposal is frozen and a receipt issued and mailed to every
/// partner contact.
#[utoipa::path(
    post, path = "/api/v1/proposals/{id}/submission", tag = "submission",
    params(("id" = String, Path, description = "The proposal's id.")),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Submitted; the receipt.", body = ReceiptResponse),
        problems::Unauthenticated,
        problems::CoordinatorOnly,
        problems::ProposalNotFound,
        (status = 409, description = "Not a draft, the call is not open, or the deadline has passed.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Something is missing: the checklist as `errors`.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn submit_proposal(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let st = state.get_ref().clone();
    let receipt = state
        .write(move |conn| {
            let now = st.clock.now();
            let ctx = load_proposal(conn, &user, &id)?;
            ctx.require_member()?;
            ctx.require_coordinator()?;
            ctx.require_editable(now)?;
            // A draft is priced live; the same pricing is checked and frozen.
            let pricing = pricing::live(conn, &ctx)?;
            let items = checklist_of(conn, &ctx, &pricing)?;
            if !items.is_empty() {
                return Err(ApiError::Validation(
                    items.into_iter().map(|i| FieldError::new(i.field, &i.code, i.message)).collect(),
                ));
            }
            let number = format!("JC-{}-{:06}", now.format("%Y"), db::submissions::count(conn)? + 1);
            let (snapshot, documents) = snapshot(conn, &ctx, &pricing, &number, now)?;
            let row = SubmissionRow {
                id: uuid::Uuid::new_v4().to_string(),
                proposal_id: id.clone(),
                receipt_number: number,
                stage: ctx.stage.as_str().to_owned(),
                snapshot_sha256: sha256_hex(&snapshot),
                snapshot,
                documents: serde_json::to_string(&documents).unwrap_or_default(),
                submitted_by: user.id.clone(),
                submitted_at: now.naive_utc(),
                superseded_at: None,
            };
            db::submissions::supersede(conn, &id, now.naive_utc())?;
            db::submissions::insert(conn, &row)?;
            set_status(conn, &ctx.proposal, ProposalStatus::Submitted, Some(now), now)?;
            let receipt = receipt_response(&row, &ctx.settings.time_zone)?;
            let local = receipt.submitted_at_local.format("%d %B %Y, %H:%M:%S %:z").to_string();
            let lines: Vec<templates::ReceiptLine<'_>> = receipt
                .documents
                .iter()
                .map(|d| templates::ReceiptLine {
                    document_type: &d.document_type,
                    filename: &d.filename,
                    sha256: &d.sha256,
                })
                .collect();
            mail_consortium(conn, &id, now, |to| {
                templates::submission_receipt(to, &ctx.proposal.acronym, &row.receipt_number, &local, &row.snapshot_sha256, &lines)
            })?;
            audit::Change::new(Some(&user.id), "proposal.submitted", "proposal", &id)
                .after(json!({ "receipt_number": row.receipt_number, "snapshot_sha256": row.snapshot_sha256 }))
                .record(conn, now)?;
            Ok(receipt)
        })
        .await?;
    Ok(HttpResponse::Created().json(receipt))
}

fn set_status(
    conn: &mut DbConnection,
    before: &ProposalRow,
    status: ProposalStatus,
    submitted_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let after = ProposalRow {
        status: status.as_str().to_owned(),
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

/// A change of a submitted or withdrawn proposal before the deadline.
async fn change_submission(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: String,
    from: &'static [ProposalStatus],
    to: ProposalStatus,
    action: &'static str,
) -> Result<HttpResponse, ApiError> {
    let st = state.get_ref().clone();
    let response = state
        .write(move |conn| {
            let now = st.clock.now();
            let ctx = load_proposal(conn, &user, &id)?;
            ctx.require_member()?;
            ctx.require_coordinator()?;
            require_before_deadline(&ctx.settings, ctx.stage, now)?;
            if !from.contains(&ctx.status) {
                return Err(ApiError::conflict(
                    "invalid-transition",
                    format!(
                        "A {} proposal cannot become {}.",
                        ctx.status.as_str(),
                        to.as_str()
                    ),
                ));
            }
            db::submissions::supersede(conn, &id, now.naive_utc())?;
            set_status(conn, &ctx.proposal, to, None, now)?;
            audit::Change::new(Some(&user.id), action, "proposal", &id)
                .before(json!({ "status": ctx.status }))
                .after(json!({ "status": to }))
                .record(conn, now)?;
            let ctx = load_proposal(conn, &user, &id)?;
            proposal_response(conn, &ctx)
        })
        .await?;
    Ok(ok_with_etag(response.version, &response))
}

/// Withdraw
///
/// The coordinator takes a submitted proposal out of the call before the deadline.
#[utoipa::path(
    post, path = "/api/v1/proposals/{id}/withdrawal", tag = "submission",
    params(("id" = String, Path, description = "The proposal's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Withdrawn.", body = ProposalResponse),
        problems::Unauthenticated,
        problems::CoordinatorOnly,
        problems::ProposalNotFound,
        (status = 409, description = "Not submitted, or the deadline has passed.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn withdraw_proposal(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    change_submission(
        state,
        user,
        id.into_inner(),
        &[ProposalStatus::Submitted],
        ProposalStatus::Withdrawn,
        "proposal.withdrawn",
    )
    .await
}

/// Reopen
///
/// The coordinator turns a submitted or withdrawn proposal back into a draft
/// before the deadline; it must be submitted again (with a new receipt) to count.
#[utoipa::path(
    post, path = "/api/v1/proposals/{id}/reopening", tag = "submission",
    params(("id" = String, Path, description = "The proposal's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A draft again.", body = ProposalResponse),
        problems::Unauthenticated,
        problems::CoordinatorOnly,
        problems::ProposalNotFound,
        (status = 409, description = "Already a draft, or the deadline has passed.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn reopen_proposal(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    change_submission(
        state,
        user,
        id.into_inner(),
        &[ProposalStatus::Submitted, ProposalStatus::Withdrawn],
        ProposalStatus::Draft,
        "proposal.reopened",
    )
    .await
}

/// The receipt
///
/// The current submission's receipt with the frozen snapshot, so its digest
/// can be checked again at any time.
#[utoipa::path(
    get, path = "/api/v1/proposals/{id}/receipt", tag = "submission",
    params(("id" = String, Path, description = "The proposal's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The receipt.", body = ReceiptResponse),
        problems::Unauthenticated,
        (status = 404, description = "No such proposal, not yours to see, or not submitted.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_receipt(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let receipt = state
        .db(move |conn| {
            let ctx = load_proposal(conn, &user, &id)?;
            let row = db::submissions::current(conn, &id)?.ok_or(ApiError::NotFound)?;
            receipt_response(&row, &ctx.settings.time_zone)
        })
        .await?;
    Ok(HttpResponse::Ok().json(receipt))
}
