//! The ranking of a stage (`read::ranking`), for operators and funders.

use actix_web::http::header::ContentType;
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::{AuthUser, policy};
use crate::domain::call::Stage;
use crate::domain::ids::CallId;
use crate::error::ApiError;
use crate::error::responses as problems;
use crate::read::ranking::{RankingResponse, RankingSnapshot};
use crate::state::SharedState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RankingQuery {
    /// The stage (default: full).
    pub stage: Option<Stage>,
}

/// The ranking of a stage
///
/// For operators and funders. For an outline stage it is the list the
/// operator invites to the full stage from.
#[utoipa::path(
    get, path = "/api/v1/calls/{id}/ranking", tag = "ranking",
    params(("id" = String, Path, description = "The call's id."), RankingQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The ranking.", body = RankingResponse),
        problems::Unauthenticated,
        problems::StaffOnly,
        problems::CallNotFound,
        problems::InvalidFields,
    )
)]
pub async fn get_ranking(
    state: web::Data<SharedState>,
    user: AuthUser,
    call_id: web::Path<CallId>,
    query: web::Query<RankingQuery>,
) -> Result<HttpResponse, ApiError> {
    ApiError::forbidden_unless(policy::may_see_ranking(&user))?;
    let stage = query.stage.unwrap_or(Stage::Full);
    let call_id = call_id.into_inner();
    state.metrics.snapshot_lookup("ranking");
    let snapshot = state
        .snapshots
        .rankings
        .get_or_load((call_id.clone(), stage), async {
            state.metrics.snapshot_miss("ranking");
            state
                .db(move |conn| RankingSnapshot::load(conn, &call_id, stage))
                .await
        })
        .await?;
    ApiError::not_found_unless(policy::may_see_call(&user, snapshot.call_status()))?;
    Ok(HttpResponse::Ok()
        .content_type(ContentType::json())
        .body(snapshot.body()))
}
