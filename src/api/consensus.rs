//! The consensus report of a proposal: the operator names a rapporteur
//! among its experts; once every review is in, the rapporteur drafts the
//! consensus scores and comments (spreads of 2 points flagged, thresholds
//! deciding pass or fail); the operator approves it, after the consortium's
//! reply when the call gives a right to reply.

use actix_web::{HttpResponse, web};
use serde::Deserialize;
use utoipa::ToSchema;

use super::if_match::IfMatch;
use super::json::Json;

use super::support::ok_with_etag;
use crate::app::consensus::ReplyWindowRequest;
use crate::app::{self, consensus};
use crate::auth::{AuthUser, policy};
use crate::db::{self};
use crate::domain::ids::{CallId, ExpertId, ProposalId};
use crate::domain::review::ReviewContent;
use crate::error::responses as problems;
use crate::error::{ApiError, Problem};
use crate::read::call::{Call, load_visible_call};
use crate::read::consensus::*;
use crate::read::funding::load_for_reader;
use crate::state::SharedState;

#[derive(Debug, Deserialize, ToSchema)]
pub struct RapporteurRequest {
    /// An expert of the proposal who declared no conflict.
    #[schema(max_length = 64)]
    #[schema(value_type = String)]
    pub expert_id: ExpertId,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ReplyRequest {
    #[schema(max_length = 100000)]
    pub text: String,
}

/// Name the rapporteur
///
/// The operator names one of the proposal's experts who declared no
/// conflict; the rapporteur may be changed until the report is approved.
#[utoipa::path(
    put, path = "/api/v1/proposals/{id}/rapporteur", tag = "consensus",
    params(("id" = String, Path, description = "The proposal's id.")),
    request_body = RapporteurRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Named; the expert is mailed.", body = ConsensusResponse),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::ManagersOnly,
        problems::ProposalNotFound,
        (status = 409, description = "The report is approved.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not one of the proposal's cleared experts.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn name_rapporteur(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<ProposalId>,
    body: Json<RapporteurRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let expert_id = body.into_inner().expert_id;
    let response = app::act(&state, user, move |cx| {
        consensus::name_rapporteur(cx, &id, &expert_id)
    })
    .await?;
    Ok(ok_with_etag(response.version, &response))
}

/// A proposal's consensus
///
/// For the operator, the funders and the rapporteur: the report, every review under a
/// letter, the flagged spreads, the outcome by the thresholds and the
/// consortium's reply.
#[utoipa::path(
    get, path = "/api/v1/proposals/{id}/consensus", tag = "consensus",
    params(("id" = String, Path, description = "The proposal's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The consensus, with its version as ETag.", body = ConsensusResponse),
        problems::Unauthenticated,
        problems::ProposalNotFound,
    )
)]
pub async fn get_consensus(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<ProposalId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let st = state.get_ref().clone();
    let response = state
        .db(move |conn| {
            let ctx = load_for_reader(conn, &user, &id)?;
            let viewer = viewer(conn, &user, &ctx)?;
            let consensus = db::reviews::consensus_of(conn, &id, ctx.stage)?;
            require_reader(&user, &viewer, consensus.as_ref())?;
            consensus_response(conn, &ctx, &viewer, st.clock.now())
        })
        .await?;
    Ok(ok_with_etag(response.version, &response))
}

/// Draft the consensus report
///
/// The rapporteur, once every review is in: scores and comments per
/// criterion and an overall comment; a draft may be partial.
#[utoipa::path(
    put, path = "/api/v1/proposals/{id}/consensus", tag = "consensus",
    params(
        ("id" = String, Path, description = "The proposal's id."),
        ("If-Match" = String, Header, description = "The consensus's ETag."),
    ),
    request_body = ReviewContent,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Saved.", body = ConsensusResponse),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::ProposalNotFound,
        (status = 409, description = "Reviews outstanding, or the report is approved.", body = Problem, content_type = "application/problem+json"),
        problems::StaleVersion,
        problems::InvalidFields,
        problems::IfMatchRequired,
    )
)]
pub async fn save_consensus(
    state: web::Data<SharedState>,
    user: AuthUser,
    if_match: IfMatch,
    id: web::Path<ProposalId>,
    body: Json<ReviewContent>,
) -> Result<HttpResponse, ApiError> {
    let content = body.into_inner();
    let id = id.into_inner();
    let response = app::act(&state, user, move |cx| {
        consensus::save_draft(cx, &id, &if_match, &content)
    })
    .await?;
    Ok(ok_with_etag(response.version, &response))
}

/// Approve the consensus report
///
/// The operator approves a complete report once every review is in and,
/// when the call gives a right to reply, after the reply window has closed.
#[utoipa::path(
    post, path = "/api/v1/proposals/{id}/consensus/approval", tag = "consensus",
    params(("id" = String, Path, description = "The proposal's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Approved.", body = ConsensusResponse),
        problems::Unauthenticated,
        problems::ManagersOnly,
        problems::ProposalNotFound,
        (status = 409, description = "No rapporteur, reviews outstanding, the reply window not held or still open, or approved already.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The report is incomplete: every problem listed.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn approve_consensus(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<ProposalId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let response = app::act(&state, user, move |cx| consensus::approve(cx, &id)).await?;
    Ok(ok_with_etag(response.version, &response))
}

/// Open the right-to-reply window
///
/// For a call with a right to reply: every eligible proposal of the stage
/// must have a complete consensus draft; each consortium is mailed and may
/// read the anonymised consensus comments (no scores) and answer until
/// `closes_at`. Once per stage.
#[utoipa::path(
    post, path = "/api/v1/calls/{id}/reply-windows", tag = "consensus",
    params(("id" = String, Path, description = "The call's id.")),
    request_body = ReplyWindowRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Opened; the consortia are mailed.", body = ReplyWindowResponse),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::ManagersOnly,
        problems::CallNotFound,
        (status = 409, description = "No right to reply in this call, opened already, or consensus reports not ready.", body = Problem, content_type = "application/problem+json"),
        problems::InvalidFields,
    )
)]
pub async fn open_reply_window(
    state: web::Data<SharedState>,
    user: AuthUser,
    call_id: web::Path<CallId>,
    body: Json<ReplyWindowRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let call_id = call_id.into_inner();
    let response = app::act(&state, user, move |cx| {
        consensus::open_reply_window(cx, &call_id, &body)
    })
    .await?;
    Ok(HttpResponse::Created().json(response))
}

/// The right-to-reply exchange
///
/// The consortium reads the anonymised consensus comments (no scores) and
/// its reply; the operator and rapporteur read the same.
#[utoipa::path(
    get, path = "/api/v1/proposals/{id}/reply", tag = "consensus",
    params(("id" = String, Path, description = "The proposal's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The comments and the reply, with the reply's version as ETag.", body = ReplyResponse),
        problems::Unauthenticated,
        (status = 404, description = "No such proposal, or no reply phase for it.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_reply(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<ProposalId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let st = state.get_ref().clone();
    let reply = state
        .db(move |conn| Ok(load_reply(conn, &user, &id, st.clock.now())?.2))
        .await?;
    Ok(ok_with_etag(reply.version, &reply))
}

/// Answer the consensus comments
///
/// Any consortium member, while the window is open, within the call's
/// character limit.
#[utoipa::path(
    put, path = "/api/v1/proposals/{id}/reply", tag = "consensus",
    params(
        ("id" = String, Path, description = "The proposal's id."),
        ("If-Match" = String, Header, description = "The reply's ETag."),
    ),
    request_body = ReplyRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Saved.", body = ReplyResponse),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::MembersOnly,
        (status = 404, description = "No such proposal, or no reply phase for it.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The window is closed.", body = Problem, content_type = "application/problem+json"),
        problems::StaleVersion,
        problems::InvalidFields,
        problems::IfMatchRequired,
    )
)]
pub async fn save_reply(
    state: web::Data<SharedState>,
    user: AuthUser,
    if_match: IfMatch,
    id: web::Path<ProposalId>,
    body: Json<ReplyRequest>,
) -> Result<HttpResponse, ApiError> {
    let text = body.into_inner().text;
    let id = id.into_inner();
    let reply = app::act(&state, user, move |cx| {
        consensus::save_reply(cx, &id, &if_match, &text)
    })
    .await?;
    Ok(ok_with_etag(reply.version, &reply))
}

/// A call's reply windows
#[utoipa::path(
    get, path = "/api/v1/calls/{id}/reply-windows", tag = "consensus",
    params(("id" = String, Path, description = "The call's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The windows opened so far, one per stage at most.", body = Vec<ReplyWindow>),
        problems::Unauthenticated,
        problems::ManagersOnly,
        problems::CallNotFound,
    )
)]
pub async fn list_reply_windows(
    state: web::Data<SharedState>,
    user: AuthUser,
    call_id: web::Path<CallId>,
) -> Result<HttpResponse, ApiError> {
    ApiError::forbidden_unless(policy::may_manage_calls(&user))?;
    let call_id = call_id.into_inner();
    let st = state.get_ref().clone();
    let windows = state
        .db(move |conn| {
            let now = st.clock.now();
            let Call {
                row: call,
                settings,
            } = load_visible_call(conn, &user, &call_id)?;
            let mut out = Vec::new();
            for stage in settings.stages() {
                if let Some(w) = db::reviews::reply_window(conn, &call.id, stage)? {
                    let (opens_at, closes_at) = (w.opens_at.and_utc(), w.closes_at.and_utc());
                    out.push(ReplyWindow {
                        stage,
                        opens_at,
                        closes_at,
                        open: opens_at <= now && now < closes_at,
                    });
                }
            }
            Ok(out)
        })
        .await?;
    Ok(HttpResponse::Ok().json(windows))
}
