//! Funding decisions: each funder's staff approve (with an amount no higher
//! than requested) or reject each partner their agency funds in a ranked
//! proposal. The proposal's outcome follows from all of them, and no
//! approval may take an agency past its envelope.

use actix_web::{HttpResponse, web};

use super::if_match::IfMatch;
use super::json::Json;

use super::support::ok_with_etag;
use crate::app::decision::DecisionRequest;
use crate::app::{self, decision};
use crate::auth::AuthUser;
use crate::domain::ids::{PartnerId, ProposalId};
use crate::error::responses as problems;
use crate::error::{ApiError, Problem};
use crate::read::funding::{
    ProposalDecisions, decisions_response, funded_partners, load_for_funding,
};
use crate::state::SharedState;

/// A proposal's funding decisions
#[utoipa::path(
    get, path = "/api/v1/proposals/{id}/decisions", tag = "decisions",
    params(("id" = String, Path, description = "The proposal's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every funded partner's decision and the outcome.", body = ProposalDecisions),
        problems::Unauthenticated,
        problems::StaffOnly,
        problems::ProposalNotFound,
    )
)]
pub async fn list_decisions(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<ProposalId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let response = state
        .db(move |conn| {
            let ctx = load_for_funding(conn, &user, &id)?;
            let partners = funded_partners(conn, &ctx)?;
            Ok(decisions_response(&ctx, &partners))
        })
        .await?;
    Ok(HttpResponse::Ok().json(response))
}

/// Decide for a partner
///
/// A funder's staff approve (with an amount up to the requested grant) or
/// reject (with a reason) a partner their agency funds, in a proposal whose
/// consensus is approved, while the call is in evaluation. Changing a
/// decision makes a new version. An approval that would take the agency
/// past its envelope is refused, whoever approves at the same moment.
#[utoipa::path(
    put, path = "/api/v1/proposals/{id}/partners/{partner_id}/decision", tag = "decisions",
    params(
        ("id" = String, Path, description = "The proposal's id."),
        ("partner_id" = String, Path, description = "The partner's id."),
        ("If-Match" = String, Header, description = "The decision's version (\"0\" for the first)."),
    ),
    request_body = DecisionRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Recorded; the ETag is the partner's decision version.", body = ProposalDecisions),
        problems::MalformedBody,
        problems::Unauthenticated,
        (status = 403, description = "Not a funder, or another agency funds this partner.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such proposal or partner.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The call is not in evaluation (`call-not-in-evaluation`), the proposal is not on the main list of the ranking (`not-on-main-list`), an approval of a proposal the funding plan puts on the reserve (`proposal-on-reserve`), or the envelope would be exceeded (`envelope-exceeded`).", body = Problem, content_type = "application/problem+json"),
        problems::StaleVersion,
        problems::InvalidFields,
        problems::IfMatchRequired,
    )
)]
pub async fn decide(
    state: web::Data<SharedState>,
    user: AuthUser,
    if_match: IfMatch,
    path: web::Path<(ProposalId, PartnerId)>,
    body: Json<DecisionRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, partner_id) = path.into_inner();
    let body = body.into_inner();
    let (response, version) = app::act(&state, user, move |cx| {
        decision::decide(cx, &id, &partner_id, &if_match, &body)
    })
    .await?;
    Ok(ok_with_etag(version, &response))
}
