//! The release of a call's results: one idempotent action that freezes each
//! evaluated proposal's result, mails the decision letter to every contact of
//! its consortium (through the outbox: none lost, none twice) and marks the
//! call decided. Before it, applicants see nothing of scores or decisions.
//! After it, the coordinator may ask for a redress of the procedure.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::json::Json;

use crate::app::notify::mail_consortium;
use crate::app::release::ReleaseResponse;
use crate::app::{self, release};
use crate::auth::{AuthUser, policy};
use crate::db::results::RedressRow;
use crate::db::{self, audit};
use crate::domain::ids::{CallId, ProposalId};
use crate::domain::language::Language;
use crate::domain::result::ProposalResult;
use crate::domain::text;
use crate::error::ProblemCode;
use crate::error::responses as problems;
use crate::error::{ApiError, Problem};
use crate::mail::letter;
use crate::mail::templates;
use crate::read::result::load_result;
use crate::state::SharedState;

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ReleaseRequest {
    /// Release although some proposals above the thresholds have no decision
    /// yet: they are released on the reserve list.
    #[serde(default)]
    pub allow_pending: bool,
}

/// Release the results
///
/// Once every eligible full proposal has an approved consensus and every
/// proposal above the thresholds is decided (or with `allow_pending`, which
/// puts the undecided on the reserve list): freezes each result, mails the
/// decision letters and marks the call decided. Releasing again changes and
/// sends nothing.
#[utoipa::path(
    post, path = "/api/v1/calls/{id}/release", tag = "results",
    params(("id" = String, Path, description = "The call's id.")),
    request_body = ReleaseRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Released (now or before).", body = ReleaseResponse),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::ManagersOnly,
        problems::CallNotFound,
        (status = 409, description = "The call is not in evaluation, an evaluation is unfinished, or decisions are pending.", body = Problem, content_type = "application/problem+json"),
        problems::InvalidFields,
    )
)]
pub async fn release_results(
    state: web::Data<SharedState>,
    user: AuthUser,
    call_id: web::Path<CallId>,
    body: Json<ReleaseRequest>,
) -> Result<HttpResponse, ApiError> {
    let allow_pending = body.allow_pending;
    let call_id = call_id.into_inner();
    let response = app::act(&state, user, move |cx| {
        release::release(cx, &call_id, allow_pending)
    })
    .await?;
    Ok(HttpResponse::Ok().json(response))
}

/// A proposal's result
///
/// After the release: the outcome, the evaluation summary and the grant per partner.
#[utoipa::path(
    get, path = "/api/v1/proposals/{id}/result", tag = "results",
    params(("id" = String, Path, description = "The proposal's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The released result.", body = ProposalResult),
        problems::Unauthenticated,
        (status = 404, description = "No such proposal, or no released result.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_result(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<ProposalId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let (_, result) = state.db(move |conn| load_result(conn, &user, &id)).await?;
    Ok(HttpResponse::Ok().json(result))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LetterQuery {
    /// The letter's language; the reader's own (profile) when left out.
    pub language: Option<Language>,
}

/// The decision letter (PDF)
#[utoipa::path(
    get, path = "/api/v1/proposals/{id}/letter", tag = "results",
    params(("id" = String, Path, description = "The proposal's id."), LetterQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The letter.", content_type = "application/pdf", body = Vec<u8>),
        problems::Unauthenticated,
        problems::InvalidFields,
        (status = 404, description = "No such proposal, or no released result.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_letter(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<ProposalId>,
    query: web::Query<LetterQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let asked = query.language;
    let (language, result) = state
        .db(move |conn| {
            let (_, result) = load_result(conn, &user, &id)?;
            let language = match asked {
                Some(language) => language,
                None => db::users::find(conn, &user.id)?.language,
            };
            Ok((language, result))
        })
        .await?;
    let pdf = letter::pdf(language, &result);
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"decision-{}.pdf\"",
                result
                    .acronym
                    .replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "_")
            ),
        ))
        .body(pdf))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RedressResponse {
    #[schema(value_type = String)]
    pub proposal_id: ProposalId,
    pub text: String,
    pub filed_at: DateTime<Utc>,
    pub answer: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
}

impl From<&RedressRow> for RedressResponse {
    fn from(row: &RedressRow) -> Self {
        Self {
            proposal_id: row.proposal_id.clone(),
            text: row.text.clone(),
            filed_at: row.filed_at.and_utc(),
            answer: row.answer.clone(),
            answered_at: row.answered_at.map(|t| t.and_utc()),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RedressText {
    /// At most 5,000 characters.
    #[schema(max_length = 5000)]
    pub text: String,
}

const MAX_REDRESS_CHARS: usize = 5_000;

fn check_text(text: &str) -> Result<String, ApiError> {
    text::required(text, "text", MAX_REDRESS_CHARS, "Write the request.")
        .map_err(|e| ApiError::Validation(vec![e]))
}

/// Ask for a redress
///
/// The coordinator, once, until the result's redress date: a review of the
/// procedure (not of the experts' judgement). The operators are mailed.
#[utoipa::path(
    post, path = "/api/v1/proposals/{id}/redress", tag = "results",
    params(("id" = String, Path, description = "The proposal's id.")),
    request_body = RedressText,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Filed.", body = RedressResponse),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::CoordinatorOnly,
        (status = 404, description = "No such proposal, or no released result.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Filed already, or the redress period is over.", body = Problem, content_type = "application/problem+json"),
        problems::InvalidFields,
    )
)]
pub async fn file_redress(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<ProposalId>,
    body: Json<RedressText>,
) -> Result<HttpResponse, ApiError> {
    let text = check_text(&body.text)?;
    let id = id.into_inner();
    let row = app::act(&state, user, move |cx| {
        app::release::file_redress(cx, &id, text)
    })
    .await?;
    Ok(HttpResponse::Created().json(RedressResponse::from(&row)))
}

/// A proposal's redress request
#[utoipa::path(
    get, path = "/api/v1/proposals/{id}/redress", tag = "results",
    params(("id" = String, Path, description = "The proposal's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The request and its answer.", body = RedressResponse),
        problems::Unauthenticated,
        (status = 404, description = "No such proposal, or no request.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_redress(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<ProposalId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let row = state
        .db(move |conn| {
            load_result(conn, &user, &id)?;
            db::results::redress_of(conn, &id)?.ok_or(ApiError::NotFound)
        })
        .await?;
    Ok(HttpResponse::Ok().json(RedressResponse::from(&row)))
}

/// Answer a redress request
///
/// The operator, once; the consortium is mailed the answer.
#[utoipa::path(
    put, path = "/api/v1/proposals/{id}/redress/answer", tag = "results",
    params(("id" = String, Path, description = "The proposal's id.")),
    request_body = RedressText,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Answered.", body = RedressResponse),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::ManagersOnly,
        (status = 404, description = "No such proposal, or no request.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Answered already.", body = Problem, content_type = "application/problem+json"),
        problems::InvalidFields,
    )
)]
pub async fn answer_redress(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<ProposalId>,
    body: Json<RedressText>,
) -> Result<HttpResponse, ApiError> {
    ApiError::forbidden_unless(policy::may_manage_calls(&user))?;
    let text = check_text(&body.text)?;
    let id = id.into_inner();
    let st = state.get_ref().clone();
    let row = state
        .write(move |conn| {
            let now = st.clock.now();
            let (_, result) = load_result(conn, &user, &id)?;
            let before = db::results::redress_of(conn, &id)?.ok_or(ApiError::NotFound)?;
            if !db::results::answer_redress(conn, &id, &text, &user.id, now.naive_utc())? {
                return Err(ApiError::conflict(
                    ProblemCode::RedressAnswered,
                    "This redress request is answered already.",
                ));
            }
            let after = db::results::redress_of(conn, &id)?.ok_or(ApiError::NotFound)?;
            let link = format!("{}/proposals/{id}/redress", st.config.public_url);
            mail_consortium(conn, &id, now, |to| {
                templates::redress_answered(to, &result.acronym, &text, &link)
            })?;
            audit::Change::new(Some(&user.id), "proposal.redress_answered", "proposal", &id)
                .before_of(&before)
                .after_of(&after)
                .record(conn, now)?;
            Ok(after)
        })
        .await?;
    Ok(HttpResponse::Ok().json(RedressResponse::from(&row)))
}
