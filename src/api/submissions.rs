//! The checklist, submission with its receipt, withdrawal and reopening:
//! the HTTP side of `app::submission`.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::support::ok_with_etag;
use crate::app::{self, submission};
use crate::auth::AuthUser;
use crate::domain::checklist::ChecklistItem;
use crate::domain::ids::ProposalId;
use crate::error::responses as problems;
use crate::error::{ApiError, Problem};
use crate::read::checklist::consortium_checklist;
use crate::read::proposal::{ProposalResponse, load_proposal};
use crate::state::SharedState;

pub use crate::app::submission::ReceiptResponse;
pub use crate::domain::proposal::ReceiptDocument;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ChecklistResponse {
    /// True when nothing stands in the way of submission.
    pub complete: bool,
    pub items: Vec<ChecklistItem>,
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
    id: web::Path<ProposalId>,
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
    id: web::Path<ProposalId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let receipt = app::act(&state, user, move |cx| submission::submit(cx, &id)).await?;
    Ok(HttpResponse::Created().json(receipt))
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
    id: web::Path<ProposalId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let response = app::act(&state, user, move |cx| submission::withdraw(cx, &id)).await?;
    Ok(ok_with_etag(response.version, &response))
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
    id: web::Path<ProposalId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let response = app::act(&state, user, move |cx| submission::reopen(cx, &id)).await?;
    Ok(ok_with_etag(response.version, &response))
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
    id: web::Path<ProposalId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let receipt = state
        .db(move |conn| submission::current_receipt(conn, &user, &id))
        .await?;
    Ok(HttpResponse::Ok().json(receipt))
}
