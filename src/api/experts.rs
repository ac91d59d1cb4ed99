//! The expert pool of a call and the assignment of experts to proposals,
//! by hand or by the optimal solver, never across a conflict of interest.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::json::{Checked, Json, Rules};

use crate::app::{self, assignment};
use crate::auth::rate_limit::Action;
use crate::auth::tokens::token_hash;
use crate::auth::{AuthUser, policy};
use crate::db::experts::ExpertRow;
use crate::db::{self};
use crate::domain::account::Email;
use crate::domain::call::Stage;
use crate::domain::ids::{CallId, ExpertId, ProposalId};
use crate::domain::text;
use crate::error::responses as problems;
use crate::error::{ApiError, FieldError, Problem};
use crate::read::call::load_visible_call;
use crate::state::SharedState;

pub use crate::app::assignment::{AssignmentResponse, AutoAssignmentReport, Shortfall};

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExpertStatus {
    Invited,
    Accepted,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ExpertResponse {
    #[schema(value_type = String)]
    pub id: ExpertId,
    pub email: String,
    pub user_id: Option<String>,
    pub keywords: Vec<String>,
    pub load_cap: i32,
    pub status: ExpertStatus,
    pub invited_at: DateTime<Utc>,
}

impl From<&ExpertRow> for ExpertResponse {
    fn from(row: &ExpertRow) -> Self {
        Self {
            id: row.id.clone(),
            email: row.email.clone(),
            user_id: row.user_id.clone(),
            keywords: row.keywords.0.clone(),
            load_cap: row.load_cap,
            status: if row.accepted_at.is_some() {
                ExpertStatus::Accepted
            } else {
                ExpertStatus::Invited
            },
            invited_at: row.invited_at.and_utc(),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ExpertInvitationRequest {
    #[schema(format = Email, max_length = 254)]
    pub email: String,
    /// The expert's fields, matched against proposals' keywords.
    #[serde(default)]
    #[schema(max_items = 30, value_type = Vec<crate::domain::text::Keyword>)]
    pub keywords: Vec<String>,
    /// The most proposals this expert reviews in the call.
    #[schema(minimum = 1, maximum = 100)]
    pub load_cap: i32,
}

/// The most keywords an expert has.
const MAX_EXPERT_KEYWORDS: usize = 30;

impl ExpertInvitationRequest {
    /// The address and the normalised keywords; every problem at once.
    fn parse(&self) -> Result<(Email, Vec<String>), Vec<FieldError>> {
        let email = Email::parse(&self.email);
        let keywords = text::keywords(&self.keywords, MAX_EXPERT_KEYWORDS);
        let mut errors: Vec<FieldError> = email.as_ref().err().cloned().into_iter().collect();
        errors.extend(keywords.as_ref().err().cloned().unwrap_or_default());
        if !(1..=100).contains(&self.load_cap) {
            errors.push(FieldError::new(
                "load_cap",
                "out_of_range",
                "A load cap is between 1 and 100 proposals.",
            ));
        }
        match (email, keywords) {
            (Ok(email), Ok(keywords)) if errors.is_empty() => Ok((email, keywords)),
            _ => Err(errors),
        }
    }
}

impl Rules for ExpertInvitationRequest {
    fn rule_errors(&self) -> Vec<FieldError> {
        self.parse().err().unwrap_or_default()
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ExpertAcceptance {
    /// The token from the invitation mail.
    #[schema(max_length = 128)]
    pub token: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AssignmentRequest {
    #[schema(max_length = 64)]
    #[schema(value_type = String)]
    pub expert_id: ExpertId,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AutoAssignmentRequest {
    /// The stage (default: full).
    #[serde(default)]
    pub stage: Option<Stage>,
}

/// Invite an expert
///
/// The operator invites someone by email, with their expertise keywords and
/// load cap; the mail carries a link to accept.
#[utoipa::path(
    post, path = "/api/v1/calls/{id}/experts", tag = "experts",
    params(("id" = String, Path, description = "The call's id.")),
    request_body = ExpertInvitationRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Invited.", body = ExpertResponse),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::ManagersOnly,
        problems::CallNotFound,
        (status = 409, description = "Already in the pool.", body = Problem, content_type = "application/problem+json"),
        problems::InvalidFields,
        problems::Throttled,
    )
)]
pub async fn invite_expert(
    state: web::Data<SharedState>,
    user: AuthUser,
    call_id: web::Path<CallId>,
    body: Checked<ExpertInvitationRequest>,
) -> Result<HttpResponse, ApiError> {
    ApiError::forbidden_unless(policy::may_manage_calls(&user))?;
    let body = body.into_inner();
    let (email, keywords) = body.parse().map_err(ApiError::Validation)?;
    state.throttles.admit(Action::Invitation, &user.id)?;
    let call_id = call_id.into_inner();
    let row = app::act(&state, user, move |cx| {
        app::expert::invite(cx, &call_id, &email, keywords, body.load_cap)
    })
    .await?;
    Ok(HttpResponse::Created().json(ExpertResponse::from(&row)))
}

/// The expert pool
#[utoipa::path(
    get, path = "/api/v1/calls/{id}/experts", tag = "experts",
    params(("id" = String, Path, description = "The call's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The call's experts, in order of invitation.", body = Vec<ExpertResponse>),
        problems::Unauthenticated,
        problems::ManagersOnly,
        problems::CallNotFound,
    )
)]
pub async fn list_experts(
    state: web::Data<SharedState>,
    user: AuthUser,
    call_id: web::Path<CallId>,
) -> Result<HttpResponse, ApiError> {
    ApiError::forbidden_unless(policy::may_manage_calls(&user))?;
    let call_id = call_id.into_inner();
    let rows = state
        .db(move |conn| {
            load_visible_call(conn, &user, &call_id)?;
            Ok(db::experts::of_call(conn, &call_id)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(rows.iter().map(ExpertResponse::from).collect::<Vec<_>>()))
}

/// Join a call's expert pool
///
/// The signed-in invitee (whose account has the invited address) accepts and
/// gets the reviewer role.
#[utoipa::path(
    post, path = "/api/v1/expert-invitations/acceptance", tag = "experts",
    request_body = ExpertAcceptance,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Joined.", body = ExpertResponse),
        problems::MalformedBody,
        problems::Unauthenticated,
        (status = 403, description = "The invitation is for another address.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown or used token.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn accept_expert_invitation(
    state: web::Data<SharedState>,
    user: AuthUser,
    body: Json<ExpertAcceptance>,
) -> Result<HttpResponse, ApiError> {
    let hash = token_hash(body.token.trim());
    let row = app::act(&state, user, move |cx| app::expert::accept(cx, &hash)).await?;
    Ok(HttpResponse::Ok().json(ExpertResponse::from(&row)))
}

/// Assign an expert
///
/// By hand, to an eligible proposal: refused across a conflict of interest
/// the portal detects, beyond the expert's load cap, or beyond the reviews
/// the proposal needs.
#[utoipa::path(
    post, path = "/api/v1/proposals/{id}/assignments", tag = "experts",
    params(("id" = String, Path, description = "The proposal's id.")),
    request_body = AssignmentRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Assigned; the expert is mailed.", body = AssignmentResponse),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::ManagersOnly,
        problems::ProposalNotFound,
        (status = 409, description = "A conflict of interest, a full load, a fully staffed or not eligible proposal, or assigned already.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown or not yet accepted expert.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn assign_expert(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<ProposalId>,
    body: Json<AssignmentRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let expert_id = body.into_inner().expert_id;
    let row = app::act(&state, user, move |cx| {
        assignment::assign(cx, &id, &expert_id)
    })
    .await?;
    Ok(HttpResponse::Created().json(AssignmentResponse::from(&row)))
}

/// Assign experts automatically
///
/// Gives every eligible proposal of the stage its number of reviewers within
/// every expert's load cap, never across a detected conflict, keeping the
/// assignments already made, and maximising the expertise match. The same
/// data always gives the same result; the report names the proposals the
/// pool could not fully staff, and why.
#[utoipa::path(
    post, path = "/api/v1/calls/{id}/assignments/auto", tag = "experts",
    params(("id" = String, Path, description = "The call's id.")),
    request_body = AutoAssignmentRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The report.", body = AutoAssignmentReport),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::ManagersOnly,
        problems::CallNotFound,
        problems::InvalidFields,
    )
)]
pub async fn auto_assign(
    state: web::Data<SharedState>,
    user: AuthUser,
    call_id: web::Path<CallId>,
    body: Json<AutoAssignmentRequest>,
) -> Result<HttpResponse, ApiError> {
    let stage = body.stage.unwrap_or(Stage::Full);
    let call_id = call_id.into_inner();
    let report = app::act(&state, user, move |cx| {
        assignment::auto_assign(cx, &call_id, stage)
    })
    .await?;
    Ok(HttpResponse::Ok().json(report))
}
