//! An assignment from both sides: the operator lists and removes a
//! proposal's experts; the expert lists their assignments and declares,
//! before the content opens, whether they have a conflict of interest.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::experts::AssignmentResponse;
use super::json::Json;

use crate::app::{self, assignment};
use crate::auth::{AuthUser, policy};
use crate::db::experts::AssignmentRow;
use crate::db::{self, DbConnection};
use crate::domain::call::Stage;
use crate::domain::ids::{AssignmentId, CallId, ProposalId};
use crate::domain::review::{AssignmentStatus, ReviewStatus};
use crate::domain::role::Role;
use crate::error::responses as problems;
use crate::error::{ApiError, Problem};
use crate::read;
use crate::read::assignment::load_own_assignment;
use crate::read::assignment::{AssignmentDetail, CallAssignment};
use crate::read::assignment::{is_rapporteur, review_status};
use crate::read::call::Call;
use crate::read::proposal::load_proposal;
use crate::state::SharedState;

/// An assignment as its expert sees it: before the declaration only the
/// acronym, title and partners; the content itself is read through the
/// proposal's endpoints once the expert has declared no conflict.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ExpertAssignment {
    pub assignment: AssignmentResponse,
    #[schema(value_type = String)]
    pub call_id: CallId,
    pub call_title: String,
    #[schema(value_type = String)]
    pub proposal_id: ProposalId,
    pub acronym: String,
    pub title: String,
    /// The partner organisations' names.
    pub partners: Vec<String>,
    /// Whether the content is open to the expert (no conflict declared).
    pub content_open: bool,
    /// The expert's review, once started.
    pub review_status: Option<ReviewStatus>,
    /// Whether the expert is the proposal's rapporteur.
    pub rapporteur: bool,
    pub review_deadline: Option<DateTime<Utc>>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct Declaration {
    /// True to decline with a conflict of interest; false to declare none.
    pub conflict: bool,
    /// Required when declining: what the conflict is.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub note: Option<String>,
}

pub fn expert_assignment(
    conn: &mut DbConnection,
    row: &AssignmentRow,
) -> Result<ExpertAssignment, ApiError> {
    let proposal = db::proposals::find(conn, &row.proposal_id)?;
    let Call {
        row: call,
        settings,
    } = Call::of(db::calls::find(conn, &proposal.call_id)?)?;
    let partners = db::proposals::partners_of(conn, &proposal.id)?
        .into_iter()
        .map(|(_, organisation)| organisation.name)
        .collect();
    let stage = row.stage;
    Ok(ExpertAssignment {
        assignment: AssignmentResponse::from(row),
        call_id: call.id.clone(),
        call_title: call.title.clone(),
        proposal_id: proposal.id.clone(),
        acronym: proposal.acronym.clone(),
        title: proposal.title.clone(),
        partners,
        content_open: row.status == AssignmentStatus::Cleared,
        review_status: review_status(conn, row)?,
        rapporteur: is_rapporteur(conn, row)?,
        review_deadline: settings.review_deadline(stage),
    })
}

/// My assignments
///
/// Every proposal assigned to the signed-in expert, in any call, except
/// those the operator took back.
#[utoipa::path(
    get, path = "/api/v1/me/assignments", tag = "reviews",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Oldest first.", body = Vec<ExpertAssignment>),
        problems::Unauthenticated,
    )
)]
pub async fn list_my_assignments(
    state: web::Data<SharedState>,
    user: AuthUser,
) -> Result<HttpResponse, ApiError> {
    let list = state
        .db(move |conn| {
            if !user.has(Role::Reviewer) {
                return Ok(Vec::new());
            }
            let rows = db::experts::assignments_of_user(conn, &user.id)?;
            rows.iter()
                .filter(|(a, _)| a.status != AssignmentStatus::Removed)
                .map(|(a, _)| expert_assignment(conn, a))
                .collect::<Result<Vec<_>, _>>()
        })
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// One of my assignments
#[utoipa::path(
    get, path = "/api/v1/assignments/{id}", tag = "reviews",
    params(("id" = String, Path, description = "The assignment's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The assignment.", body = ExpertAssignment),
        problems::Unauthenticated,
        problems::AssignmentNotFound,
    )
)]
pub async fn get_assignment(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<AssignmentId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let view = state
        .db(move |conn| {
            let (row, _) = load_own_assignment(conn, &user, &id)?;
            expert_assignment(conn, &row)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Declare (no) conflict of interest
///
/// Before the content opens, the expert declares that no conflict exists
/// (the content opens and a review draft is started) or declines with a
/// conflict (recorded; the review slot is free again and the operator is
/// mailed). Once only.
#[utoipa::path(
    post, path = "/api/v1/assignments/{id}/declaration", tag = "reviews",
    params(("id" = String, Path, description = "The assignment's id.")),
    request_body = Declaration,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Declared.", body = ExpertAssignment),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::AssignmentNotFound,
        (status = 409, description = "Declared already, or the assignment was withdrawn.", body = Problem, content_type = "application/problem+json"),
        problems::InvalidFields,
    )
)]
pub async fn declare(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<AssignmentId>,
    body: Json<Declaration>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let note = body.note.as_deref().map(str::trim).unwrap_or("").to_owned();
    if body.conflict && note.is_empty() {
        return Err(ApiError::field(
            "note",
            "required",
            "Say what the conflict of interest is.",
        ));
    }
    if note.chars().count() > 2000 {
        return Err(ApiError::field(
            "note",
            "too_long",
            "At most 2,000 characters.",
        ));
    }
    let id = id.into_inner();
    let view = app::act(&state, user, move |cx| {
        let after = assignment::declare(cx, &id, body.conflict, &note)?;
        expert_assignment(cx.conn, &after)
    })
    .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// A proposal's experts
///
/// Every assignment of the proposal at its current stage, with each
/// expert's review status and declared conflicts.
#[utoipa::path(
    get, path = "/api/v1/proposals/{id}/assignments", tag = "experts",
    params(("id" = String, Path, description = "The proposal's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Oldest first.", body = Vec<AssignmentDetail>),
        problems::Unauthenticated,
        problems::ManagersOnly,
        problems::ProposalNotFound,
    )
)]
pub async fn list_proposal_assignments(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<ProposalId>,
) -> Result<HttpResponse, ApiError> {
    ApiError::forbidden_unless(policy::may_manage_calls(&user))?;
    let id = id.into_inner();
    let list = state
        .db(move |conn| {
            let ctx = load_proposal(conn, &user, &id)?;
            let rows = db::experts::assignments_of_proposal(conn, &id, ctx.stage)?;
            let mut out = Vec::with_capacity(rows.len());
            for row in rows {
                let expert = db::experts::find(conn, &row.expert_id)?;
                out.push(AssignmentDetail {
                    assignment: AssignmentResponse::from(&row),
                    expert_email: expert.email,
                    review_status: review_status(conn, &row)?,
                    conflict_note: row.conflict_note.clone(),
                    rapporteur: is_rapporteur(conn, &row)?,
                });
            }
            Ok(out)
        })
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Take an expert off a proposal
///
/// The operator withdraws an assignment whose review is not submitted and
/// whose expert is not the rapporteur; the slot is free again. The record
/// and any draft stay; assigning the same expert again brings them back.
#[utoipa::path(
    delete, path = "/api/v1/assignments/{id}", tag = "experts",
    params(("id" = String, Path, description = "The assignment's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Withdrawn.", body = AssignmentResponse),
        problems::Unauthenticated,
        problems::ManagersOnly,
        (status = 404, description = "No such assignment.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not active, the review is submitted, or the expert is the rapporteur.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn unassign(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<AssignmentId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let row = app::act(&state, user, move |cx| assignment::unassign(cx, &id)).await?;
    Ok(HttpResponse::Ok().json(AssignmentResponse::from(&row)))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StageQuery {
    /// The stage (default: full).
    pub stage: Option<Stage>,
}

/// A call's assignments
///
/// Every assignment of the call's experts at a stage, with each proposal's
/// acronym, the expert, the review status and the rapporteur: the operator's
/// overview in one request.
#[utoipa::path(
    get, path = "/api/v1/calls/{id}/assignments", tag = "experts",
    params(("id" = String, Path, description = "The call's id."), StageQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Oldest first.", body = Vec<CallAssignment>),
        problems::Unauthenticated,
        problems::ManagersOnly,
        problems::CallNotFound,
        problems::InvalidFields,
    )
)]
pub async fn list_call_assignments(
    state: web::Data<SharedState>,
    user: AuthUser,
    call_id: web::Path<CallId>,
    query: web::Query<StageQuery>,
) -> Result<HttpResponse, ApiError> {
    let stage = query.stage.unwrap_or(Stage::Full);
    let call_id = call_id.into_inner();
    let list = state
        .db(move |conn| read::assignment::of_call(conn, &user, &call_id, stage))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}
