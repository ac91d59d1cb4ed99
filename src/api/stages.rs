//! Two-stage calls: the operator invites an outline to the full stage.

use actix_web::{HttpResponse, web};

use super::json::Json;

use super::support::ok_with_etag;
use crate::app::stages::FullStageInvitation;
use crate::app::{self, stages};
use crate::auth::AuthUser;
use crate::domain::ids::ProposalId;
use crate::error::responses as problems;
use crate::error::{ApiError, Problem};
use crate::read::proposal::ProposalResponse;
use crate::state::SharedState;

/// Invite an outline to the full stage
///
/// After the outline deadline, an operator invites a submitted outline: it
/// becomes a full-stage draft with the same consortium and content, and the
/// consortium is mailed. An outline that is not invited never reaches the
/// full stage. Outlines on the outline ranking's main list are invited as
/// they are; any other only with a written `override_reason`, audited.
#[utoipa::path(
    post, path = "/api/v1/proposals/{id}/invitation", tag = "proposals",
    params(("id" = String, Path, description = "The proposal's id.")),
    request_body = FullStageInvitation,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Invited; now a full-stage draft.", body = ProposalResponse),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::ManagersOnly,
        problems::ProposalNotFound,
        (status = 409, description = "Not a submitted outline (`not-a-submitted-outline`), the outline deadline has not passed (`outline-stage-running`), the full stage is over (`full-stage-over`), or the outline is not on the main list and no reason was given (`outline-not-on-main-list`).", body = Problem, content_type = "application/problem+json"),
        problems::InvalidFields,
    )
)]
pub async fn invite_to_full_stage(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<ProposalId>,
    body: Json<FullStageInvitation>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let body = body.into_inner();
    let response = app::act(&state, user, move |cx| {
        stages::invite_to_full_stage(cx, &id, &body)
    })
    .await?;
    Ok(ok_with_etag(response.version, &response))
}
