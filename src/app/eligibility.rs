//! The eligibility decision: after the stage's deadline the operator
//! confirms or overrides (with a reason) the checklist's automatic result;
//! the consortium is mailed.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use super::Context;
use super::notify::mail_consortium;
use crate::db::eligibility::DecisionRow;
use crate::db::proposals::ProposalRow;
use crate::db::{self, audit};
use crate::domain::call::{CallSettings, Stage};
use crate::domain::eligibility::check_decision;
use crate::domain::ids::ProposalId;
use crate::domain::proposal::ProposalStatus;
use crate::error::{ApiError, ProblemCode};
use crate::mail::templates;
use crate::read::checklist::build_checklist;
use crate::read::eligibility::{EligibilityEntry, entry};
use crate::read::proposal::{load_context, load_managed_proposal};

#[derive(Debug, Deserialize, ToSchema)]
pub struct EligibilityRequest {
    pub eligible: bool,
    /// Needed to override the automatic result and for every ineligibility.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub reason: Option<String>,
}

/// 409 before the stage's deadline: eligibility is judged on what was submitted by then.
pub fn require_deadline_passed(
    settings: &CallSettings,
    stage: Stage,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    if settings.before_deadline(stage, now) {
        return Err(ApiError::conflict(
            ProblemCode::DeadlineNotPassed,
            "Eligibility is checked after the stage's deadline.",
        ));
    }
    Ok(())
}

/// Confirms or overrides the automatic eligibility of a submitted proposal, as an operator.
pub fn decide(
    cx: &mut Context<'_>,
    proposal_id: &ProposalId,
    body: &EligibilityRequest,
) -> Result<EligibilityEntry, ApiError> {
    let (conn, now, user, _) = cx.parts();
    let id = proposal_id.to_owned();
    let ctx = load_managed_proposal(conn, user, &id)?;
    if !ctx.status.is_submitted() {
        return Err(ApiError::conflict(
            ProblemCode::NotSubmitted,
            "Only a submitted proposal has an eligibility.",
        ));
    }
    require_deadline_passed(&ctx.call.settings, ctx.stage, now)?;
    let automatic = build_checklist(conn, &ctx)?.is_empty();
    let reason = check_decision(automatic, body.eligible, body.reason.as_deref())
        .map_err(|e| ApiError::Validation(vec![e]))?;
    let row = DecisionRow {
        proposal_id: id.clone(),
        stage: ctx.stage,
        eligible: body.eligible,
        automatic,
        reason: reason.clone(),
        decided_by: user.id.clone(),
        decided_at: now.naive_utc(),
    };
    db::eligibility::replace(conn, &row)?;
    let status = if body.eligible {
        ProposalStatus::Eligible
    } else {
        ProposalStatus::Ineligible
    };
    let after = ProposalRow {
        status,
        version: ctx.proposal.version + 1,
        updated_at: now.naive_utc(),
        ..ctx.proposal.clone()
    };
    if !db::proposals::update(conn, &after, ctx.proposal.version)? {
        return Err(ApiError::PreconditionFailed);
    }
    mail_consortium(conn, &id, now, |to| {
        templates::eligibility_result(to, &ctx.proposal.acronym, body.eligible, reason.as_deref())
    })?;
    let action = if body.eligible == automatic {
        "proposal.eligibility_confirmed"
    } else {
        "proposal.eligibility_overridden"
    };
    audit::Change::new(Some(&user.id), action, "proposal", &id)
        .before(json!({ "status": ctx.status, "automatic": automatic }))
        .after_of(&row)
        .record(conn, now)?;
    let ctx = load_context(conn, &user.id, &id)?;
    entry(conn, &ctx)
}
