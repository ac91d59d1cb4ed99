//! Eligibility after the deadline: the automatic result of the checklist's
//! rules, confirmed or overridden (with a reason) by the operator.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

use super::json::Json;

use crate::app::notify::mail_consortium;
use crate::auth::{AuthUser, policy};
use crate::db::eligibility::DecisionRow;
use crate::db::proposals::ProposalRow;
use crate::db::{self, DbConnection, audit};
use crate::domain::call::{CallSettings, Stage};
use crate::domain::checklist::ChecklistItem;
use crate::domain::eligibility::check_decision;
use crate::domain::proposal::ProposalStatus;
use crate::error::ProblemCode;
use crate::error::responses as problems;
use crate::error::{ApiError, Problem};
use crate::mail::templates;
use crate::read::call::load_visible_call;
use crate::read::checklist::build_checklist;
use crate::read::proposal::{ProposalContext, load_context};
use crate::state::SharedState;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AutomaticResult {
    pub eligible: bool,
    /// The rules the proposal does not meet.
    pub items: Vec<ChecklistItem>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EligibilityDecision {
    pub eligible: bool,
    /// True when the operator decided otherwise than the automatic result.
    pub overridden: bool,
    pub reason: Option<String>,
    pub decided_by: String,
    pub decided_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EligibilityEntry {
    pub proposal_id: String,
    pub acronym: String,
    pub status: ProposalStatus,
    pub automatic: AutomaticResult,
    pub decision: Option<EligibilityDecision>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct EligibilityRequest {
    pub eligible: bool,
    /// Needed to override the automatic result and for every ineligibility.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub reason: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EligibilityQuery {
    /// The stage (default: full).
    pub stage: Option<Stage>,
}

fn entry(conn: &mut DbConnection, ctx: &ProposalContext) -> Result<EligibilityEntry, ApiError> {
    let items = build_checklist(conn, ctx)?;
    let decision = db::eligibility::find(conn, &ctx.proposal.id, ctx.stage.as_str())?.map(|d| {
        EligibilityDecision {
            overridden: d.eligible != d.automatic,
            eligible: d.eligible,
            reason: d.reason,
            decided_by: d.decided_by,
            decided_at: d.decided_at.and_utc(),
        }
    });
    Ok(EligibilityEntry {
        proposal_id: ctx.proposal.id.clone(),
        acronym: ctx.proposal.acronym.clone(),
        status: ctx.status,
        automatic: AutomaticResult {
            eligible: items.is_empty(),
            items,
        },
        decision,
    })
}

fn require_deadline_passed(
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
    call_id: web::Path<String>,
    query: web::Query<EligibilityQuery>,
) -> Result<HttpResponse, ApiError> {
    ApiError::forbidden_unless(policy::may_manage_calls(&user))?;
    let stage = query.stage.unwrap_or(Stage::Full);
    let call_id = call_id.into_inner();
    let now = state.clock.now();
    let entries = state
        .db(move |conn| {
            let (_, _, settings) = load_visible_call(conn, &user, &call_id)?;
            require_deadline_passed(&settings, stage, now)?;
            let rows: Vec<ProposalRow> = {
                let submitted: Vec<&str> = ProposalStatus::ALL
                    .iter()
                    .filter(|s| s.is_submitted())
                    .map(|s| s.as_str())
                    .collect();
                db::proposals::in_call_stage(conn, &call_id, stage.as_str(), &submitted)?
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
    id: web::Path<String>,
    body: Json<EligibilityRequest>,
) -> Result<HttpResponse, ApiError> {
    ApiError::forbidden_unless(policy::may_manage_calls(&user))?;
    let body = body.into_inner();
    let id = id.into_inner();
    let st = state.get_ref().clone();
    let response = state
        .write(move |conn| {
            let now = st.clock.now();
            let ctx = crate::read::proposal::load_proposal(conn, &user, &id)?;
            if !ctx.status.is_submitted() {
                return Err(ApiError::conflict(
                    ProblemCode::NotSubmitted,
                    "Only a submitted proposal has an eligibility.",
                ));
            }
            require_deadline_passed(&ctx.settings, ctx.stage, now)?;
            let automatic = build_checklist(conn, &ctx)?.is_empty();
            let reason = check_decision(automatic, body.eligible, body.reason.as_deref())
                .map_err(|e| ApiError::Validation(vec![e]))?;
            let row = DecisionRow {
                proposal_id: id.clone(),
                stage: ctx.stage.as_str().to_owned(),
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
                status: status.as_str().to_owned(),
                version: ctx.proposal.version + 1,
                updated_at: now.naive_utc(),
                ..ctx.proposal.clone()
            };
            if !db::proposals::update(conn, &after, ctx.proposal.version)? {
                return Err(ApiError::PreconditionFailed);
            }
            mail_consortium(conn, &id, now, |to| {
                templates::eligibility_result(
                    to,
                    &ctx.proposal.acronym,
                    body.eligible,
                    reason.as_deref(),
                )
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
        })
        .await?;
    Ok(HttpResponse::Ok().json(response))
}
