//! Two-stage calls: the operator invites an outline to the full stage.

use actix_web::{HttpResponse, web};
use serde_json::json;

use super::proposals::{
    ProposalResponse, load_context, load_proposal, mail_consortium, proposal_response,
};
use super::support::ok_with_etag;
use crate::auth::{AuthUser, policy};
use crate::db::proposals::ProposalRow;
use crate::db::{self, audit};
use crate::domain::call::{CallStatus, Stage};
use crate::domain::deadline;
use crate::domain::proposal::ProposalStatus;
use crate::error::responses as problems;
use crate::error::{ApiError, Problem};
use crate::mail::templates;
use crate::state::SharedState;

/// Invite an outline to the full stage
///
/// After the outline deadline, an operator invites a submitted outline: it
/// becomes a full-stage draft with the same consortium and content, and the
/// consortium is mailed. An outline that is not invited never reaches the full stage.
#[utoipa::path(
    post, path = "/api/v1/proposals/{id}/invitation", tag = "proposals",
    params(("id" = String, Path, description = "The proposal's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Invited; now a full-stage draft.", body = ProposalResponse),
        problems::Unauthenticated,
        problems::ManagersOnly,
        problems::ProposalNotFound,
        (status = 409, description = "Not a submitted outline, the outline deadline has not passed, or the full stage is over.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn invite_to_full_stage(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    ApiError::forbidden_unless(policy::may_manage_calls(&user))?;
    let id = id.into_inner();
    let st = state.get_ref().clone();
    let response = state
        .write(move |conn| {
            let now = st.clock.now();
            let ctx = load_proposal(conn, &user, &id)?;
            if ctx.stage != Stage::Outline
                || !matches!(
                    ctx.status,
                    ProposalStatus::Submitted | ProposalStatus::Eligible
                )
            {
                return Err(ApiError::conflict(
                    "not-a-submitted-outline",
                    "Only a submitted outline can be invited to the full stage.",
                ));
            }
            if ctx.settings.before_deadline(ctx.stage, now) {
                return Err(ApiError::conflict(
                    "outline-stage-running",
                    "Outlines are invited after the outline deadline.",
                ));
            }
            let full_deadline = ctx.settings.deadline(Stage::Full);
            if ctx.call_status != CallStatus::Open
                || !ctx.settings.before_deadline(Stage::Full, now)
            {
                return Err(ApiError::conflict(
                    "full-stage-over",
                    "The full proposal stage is over.",
                ));
            }
            let after = ProposalRow {
                stage: Stage::Full.as_str().to_owned(),
                status: ProposalStatus::Draft.as_str().to_owned(),
                invited_to_full: true,
                submitted_at: None,
                version: ctx.proposal.version + 1,
                updated_at: now.naive_utc(),
                ..ctx.proposal.clone()
            };
            if !db::proposals::update(conn, &after, ctx.proposal.version)? {
                return Err(ApiError::PreconditionFailed);
            }
            let local = full_deadline
                .and_then(|d| deadline::in_zone(d, &ctx.settings.time_zone).ok())
                .map(|d| d.format("%d %B %Y, %H:%M %Z").to_string())
                .unwrap_or_default();
            let link = format!("{}/proposals/{}", st.config.public_url, id);
            mail_consortium(conn, &id, now, |to| {
                templates::full_stage_invitation(to, &after.acronym, &ctx.call.title, &local, &link)
            })?;
            audit::Change::new(
                Some(&user.id),
                "proposal.invited_to_full_stage",
                "proposal",
                &id,
            )
            .before(json!({ "stage": "outline", "status": ctx.status }))
            .after(json!({ "stage": "full", "status": "draft" }))
            .record(conn, now)?;
            // A draft again, which only its consortium sees: answer from the
            // operator's point of view without the visibility rule.
            let ctx = load_context(conn, &user.id, &id)?;
            proposal_response(conn, &ctx)
        })
        .await?;
    Ok(ok_with_etag(response.version, &response))
}
