//! Moving between stages: after the outline deadline an operator invites a
//! submitted outline to the full stage, where it becomes a draft with the
//! same consortium and content.

use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use super::Context;
use super::notify::mail_consortium;
use crate::auth::policy;
use crate::db::proposals::ProposalRow;
use crate::db::{self, audit};
use crate::domain::call::{CallStatus, Stage};
use crate::domain::deadline;
use crate::domain::ids::ProposalId;
use crate::domain::proposal::ProposalStatus;
use crate::domain::text;
use crate::error::{ApiError, ProblemCode};
use crate::mail::templates;
use crate::read::proposal::{ProposalResponse, load_context, load_proposal, proposal_response};
use crate::read::ranking::ranking_of;

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct FullStageInvitation {
    /// Required to invite an outline that is not on the outline ranking's
    /// main list (below a threshold, or without an approved consensus): why
    /// it is invited all the same. Recorded in the audit log.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub override_reason: Option<String>,
}

/// Invites a submitted outline to the full stage, as an operator: on the outline ranking's main list, or with a written override reason.
pub fn invite_to_full_stage(
    cx: &mut Context<'_>,
    proposal_id: &ProposalId,
    body: &FullStageInvitation,
) -> Result<ProposalResponse, ApiError> {
    let (conn, now, user, config) = cx.parts();
    ApiError::forbidden_unless(policy::may_manage_calls(user))?;
    let override_reason = text::written(
        body.override_reason.as_deref().unwrap_or(""),
        "override_reason",
        text::MAX_REASON_CHARS,
    )
    .map_err(|e| ApiError::Validation(vec![e]))?;
    let id = proposal_id.to_owned();
    let ctx = load_proposal(conn, user, &id)?;
    if ctx.stage != Stage::Outline
        || !matches!(
            ctx.status,
            ProposalStatus::Submitted | ProposalStatus::Eligible
        )
    {
        return Err(ApiError::conflict(
            ProblemCode::NotASubmittedOutline,
            "Only a submitted outline can be invited to the full stage.",
        ));
    }
    if ctx.call.settings.before_deadline(ctx.stage, now) {
        return Err(ApiError::conflict(
            ProblemCode::OutlineStageRunning,
            "Outlines are invited after the outline deadline.",
        ));
    }
    let full_deadline = ctx.call.settings.deadline(Stage::Full);
    if ctx.call.status() != CallStatus::Open || !ctx.call.settings.before_deadline(Stage::Full, now)
    {
        return Err(ApiError::conflict(
            ProblemCode::FullStageOver,
            "The full proposal stage is over.",
        ));
    }
    let ranking = ranking_of(conn, &ctx.call.row.id, &ctx.call.settings, Stage::Outline)?;
    let on_main_list = ranking.main_list.iter().any(|r| r.proposal_id == id);
    if !on_main_list && override_reason.is_none() {
        let why = if ranking.below_threshold.iter().any(|r| r.proposal_id == id) {
            "is below the outline thresholds"
        } else {
            "has no approved outline consensus"
        };
        return Err(ApiError::conflict(
            ProblemCode::OutlineNotOnMainList,
            format!(
                "{} {why}, so it is not on the outline ranking's main list. Invite it only with a written override_reason.",
                ctx.proposal.acronym
            ),
        ));
    }
    let after = ProposalRow {
        stage: Stage::Full,
        status: ProposalStatus::Draft,
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
        .map(|d| deadline::local_text(d, &ctx.call.settings.time_zone))
        .unwrap_or_default();
    let link = format!("{}/proposals/{}", config.public_url, id);
    mail_consortium(conn, &id, now, |to| {
        templates::full_stage_invitation(to, &after.acronym, &ctx.call.row.title, &local, &link)
    })?;
    audit::Change::new(
        Some(&user.id),
        "proposal.invited_to_full_stage",
        "proposal",
        &id,
    )
    .before(json!({ "stage": "outline", "status": ctx.status }))
    .after(json!({
        "stage": "full",
        "status": "draft",
        "on_main_list": on_main_list,
        "override_reason": override_reason,
    }))
    .record(conn, now)?;
    // A draft again, which only its consortium sees: answer from the
    // operator's point of view without the visibility rule.
    let ctx = load_context(conn, &user.id, &id)?;
    proposal_response(conn, &ctx)
}
