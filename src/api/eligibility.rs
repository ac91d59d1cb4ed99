//! Eligibility after the deadline: the automatic result of the checklist's
//! rules, confirmed or overridden (with a reason) by the operator.

use actix_web::{HttpResponse, web};
use serde::Deserialize;
use utoipa::IntoParams;

use super::json::Json;

use crate::app::eligibility::{EligibilityRequest, require_deadline_passed};
use crate::app::{self, eligibility};
use crate::auth::{AuthUser, policy};
use crate::db::proposals::ProposalRow;
use crate::db::{self};
use crate::domain::call::Stage;
use crate::domain::ids::{CallId, ProposalId};
use crate::domain::proposal::ProposalStatus;
use crate::error::responses as problems;
use crate::error::{ApiError, Problem};
use crate::read::call::{Call, load_visible_call};
use crate::read::eligibility::{EligibilityEntry, entry};
use crate::read::proposal::load_context;
use crate::state::SharedState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EligibilityQuery {
    /// The stage (default: full).
    pub stage: Option<Stage>,
}

/// Eligibility of a call's submitted proposals
///
/// After the stage's deadline: every submitted proposal with its automatic
/// result and the operator's decision, if any.
#[utoipa::path(
    get, path = "/api/v1/calls/{id}/eligibility", tag = "eligibility",
    params(("id" = String, Path, description = "The call's id."), EligibilityQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The proposals of the stage, oldest submission first.", body = Vec<EligibilityEntry>),
        problems::Unauthenticated,
        problems::ManagersOnly,
        problems::CallNotFound,
        (status = 409, description = "The stage's deadline has not passed.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown stage.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_eligibility(
    state: web::Data<SharedState>,
    user: AuthUser,
    call_id: web::Path<CallId>,
    query: web::Query<EligibilityQuery>,
) -> Result<HttpResponse, ApiError> {
    ApiError::forbidden_unless(policy::may_manage_calls(&user))?;
    let stage = query.stage.unwrap_or(Stage::Full);
    let call_id = call_id.into_inner();
    let now = state.clock.now();
    let entries = state
        .db(move |conn| {
            let Call { settings, .. } = load_visible_call(conn, &user, &call_id)?;
            require_deadline_passed(&settings, stage, now)?;
            let rows: Vec<ProposalRow> = {
                let submitted: Vec<&str> = ProposalStatus::ALL
                    .iter()
                    .filter(|s| s.is_submitted())
                    .map(|s| s.as_str())
                    .collect();
                db::proposals::in_call_stage(conn, &call_id, stage, &submitted)?
            };
            rows.iter()
                .map(|row| {
                    let ctx = load_context(conn, &user.id, &row.id)?;
                    entry(conn, &ctx)
                })
                .collect::<Result<Vec<_>, _>>()
        })
        .await?;
    Ok(HttpResponse::Ok().json(entries))
}

/// Decide a proposal's eligibility
///
/// Confirms the automatic result or overrides it; an override and any
/// ineligibility need a written reason. The consortium is mailed the result.
#[utoipa::path(
    put, path = "/api/v1/proposals/{id}/eligibility", tag = "eligibility",
    params(("id" = String, Path, description = "The proposal's id.")),
    request_body = EligibilityRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Decided.", body = EligibilityEntry),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::ManagersOnly,
        problems::ProposalNotFound,
        (status = 409, description = "Not submitted, or the deadline has not passed.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A reason is missing or too long.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn decide_eligibility(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<ProposalId>,
    body: Json<EligibilityRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let id = id.into_inner();
    let response = app::act(&state, user, move |cx| eligibility::decide(cx, &id, &body)).await?;
    Ok(HttpResponse::Ok().json(response))
}
