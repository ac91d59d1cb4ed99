//! The funding plan of a call: the main list of the full stage in rank
//! order, each proposal fundable or reserve by `domain::funding::plan`, with
//! every agency's envelope (committed, proposed, remaining). A what-if
//! variant takes other envelopes or reduced grants and stores nothing.

use actix_web::{HttpResponse, web};

use super::json::Json;

use crate::app::decision::PromotionRequest;
use crate::app::{self, decision};
use crate::auth::AuthUser;
use crate::domain::ids::{CallId, ProposalId};
use crate::error::responses as problems;
use crate::error::{ApiError, Problem};
use crate::read::funding_plan::{FundingPlan, PromotionResponse, WhatIfRequest, build_plan};
use crate::state::SharedState;

/// The funding plan
///
/// For operators and funders: the full stage's main list in rank order,
/// each proposal funded, rejected, fundable or reserve, and every envelope.
#[utoipa::path(
    get, path = "/api/v1/calls/{id}/funding-plan", tag = "decisions",
    params(("id" = String, Path, description = "The call's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The plan.", body = FundingPlan),
        problems::Unauthenticated,
        problems::StaffOnly,
        problems::CallNotFound,
    )
)]
pub async fn get_funding_plan(
    state: web::Data<SharedState>,
    user: AuthUser,
    call_id: web::Path<CallId>,
) -> Result<HttpResponse, ApiError> {
    let call_id = call_id.into_inner();
    let plan = state
        .db(move |conn| build_plan(conn, &user, &call_id, None))
        .await?;
    Ok(HttpResponse::Ok().json(plan))
}

/// Try a what-if
///
/// The plan with other envelopes or reduced grants; nothing is stored.
#[utoipa::path(
    post, path = "/api/v1/calls/{id}/funding-plan/what-if", tag = "decisions",
    params(("id" = String, Path, description = "The call's id.")),
    request_body = WhatIfRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The plan under the changes.", body = FundingPlan),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::StaffOnly,
        problems::CallNotFound,
        problems::InvalidFields,
    )
)]
pub async fn what_if_funding_plan(
    state: web::Data<SharedState>,
    user: AuthUser,
    call_id: web::Path<CallId>,
    body: Json<WhatIfRequest>,
) -> Result<HttpResponse, ApiError> {
    let call_id = call_id.into_inner();
    let what_if = body.into_inner();
    let plan = state
        .db(move |conn| build_plan(conn, &user, &call_id, Some(&what_if)))
        .await?;
    Ok(HttpResponse::Ok().json(plan))
}

/// Move a reserve proposal into funding
///
/// An operator puts a proposal of the main list that the funding plan left
/// on the reserve ahead of the others, with a written reason: the plan then
/// walks it first and its funders may approve it. Audited; once per proposal.
#[utoipa::path(
    post, path = "/api/v1/proposals/{id}/funding-promotion", tag = "decisions",
    params(("id" = String, Path, description = "The proposal's id.")),
    request_body = PromotionRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Moved into funding.", body = PromotionResponse),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::ManagersOnly,
        problems::ProposalNotFound,
        (status = 409, description = "The call is not in evaluation (`call-not-in-evaluation`), the proposal is not on the main list (`not-on-main-list`), not on the reserve (`not-on-reserve`) or moved already (`already-promoted`).", body = Problem, content_type = "application/problem+json"),
        problems::InvalidFields,
    )
)]
pub async fn promote_proposal(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<ProposalId>,
    body: Json<PromotionRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let reason = body.into_inner().reason;
    let row = app::act(&state, user, move |cx| decision::promote(cx, &id, &reason)).await?;
    Ok(HttpResponse::Created().json(PromotionResponse::from(&row)))
}
