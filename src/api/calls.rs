//! Calls for proposals: set up by operators, read by everyone signed in once open.

use actix_web::{HttpResponse, http::header, web};
use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::if_match::IfMatch;
use super::json::{Checked, Json, Rules};
use super::support::{Page, Pagination, ok_with_etag, with_etag};
use crate::app;
use crate::app::call::{CallRequest, validate};
use crate::auth::{AuthUser, policy};
use crate::db::calls::CallRow;
use crate::db::{self};
use crate::domain::call::{CallSettings, CallStatus, Stage};
use crate::domain::deadline;
use crate::domain::ids::CallId;
use crate::error::responses as problems;
use crate::error::{ApiError, FieldError, Problem};
use crate::read::call::{self, load_visible_call};
use crate::state::SharedState;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct StageDeadline {
    pub stage: Stage,
    /// The deadline in the call's time zone, with its offset.
    #[schema(value_type = String, example = "2027-07-14T14:00:00+02:00")]
    pub local: DateTime<FixedOffset>,
    pub utc: DateTime<Utc>,
    /// Whether the deadline has passed by the server clock.
    pub passed: bool,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CallResponse {
    #[schema(value_type = String)]
    pub id: CallId,
    pub title: String,
    pub description: String,
    pub status: CallStatus,
    pub settings: CallSettings,
    /// Each stage's deadline, computed from the settings.
    pub deadlines: Vec<StageDeadline>,
    pub opened_at: Option<DateTime<Utc>>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CallTransition {
    /// The next status: `open`, `closed`, `in_evaluation` or `decided`, in that order.
    pub to: CallStatus,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CallQuery {
    pub status: Option<CallStatus>,
}

fn to_response(row: &CallRow, now: DateTime<Utc>) -> Result<CallResponse, ApiError> {
    let status = row.status;
    let settings = call::settings(row)?;
    let deadlines = settings
        .stages()
        .into_iter()
        .filter_map(|stage| {
            let utc = settings.deadline(stage)?;
            let local = deadline::in_zone(utc, &settings.time_zone)
                .ok()?
                .fixed_offset();
            Some(StageDeadline {
                stage,
                local,
                utc,
                passed: !deadline::is_before(now, utc),
            })
        })
        .collect();
    Ok(CallResponse {
        id: row.id.clone(),
        title: row.title.clone(),
        description: row.description.clone(),
        status,
        settings: CallSettings::clone(&settings),
        deadlines,
        opened_at: row.opened_at.map(|t| t.and_utc()),
        version: row.version,
        created_at: row.created_at.and_utc(),
    })
}

impl Rules for CallRequest {
    fn rule_errors(&self) -> Vec<FieldError> {
        match validate(self) {
            Err(ApiError::Validation(errors)) => errors,
            _ => Vec::new(),
        }
    }
}

/// The Joint Call defaults
///
/// The settings a new call starts from.
#[utoipa::path(
    get, path = "/api/v1/calls/defaults", tag = "calls",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The default settings.", body = CallSettings),
        problems::Unauthenticated,
    )
)]
pub async fn get_call_defaults(_user: AuthUser) -> HttpResponse {
    HttpResponse::Ok().json(CallSettings::default())
}

/// List calls
///
/// Operators and administrators see every call; others see calls from their opening on.
#[utoipa::path(
    get, path = "/api/v1/calls", tag = "calls",
    params(CallQuery, Pagination),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of calls, newest first.", body = Page<CallResponse>),
        problems::Unauthenticated,
        (status = 422, description = "Bad filter or paging values.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_calls(
    state: web::Data<SharedState>,
    user: AuthUser,
    query: web::Query<CallQuery>,
    page: web::Query<Pagination>,
) -> Result<HttpResponse, ApiError> {
    let (limit, offset) = page.into_inner().resolve()?;
    let visible: Vec<&'static str> = CallStatus::ALL
        .iter()
        .copied()
        .filter(|s| policy::may_see_call(&user, *s))
        .filter(|s| query.status.is_none_or(|wanted| wanted == *s))
        .map(CallStatus::as_str)
        .collect();
    let (rows, total) = state
        .db(move |conn| Ok(db::calls::list(conn, Some(&visible), limit, offset)?))
        .await?;
    let now = state.clock.now();
    let items = rows
        .iter()
        .map(|r| to_response(r, now))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(HttpResponse::Ok().json(Page {
        items,
        total,
        limit,
        offset,
    }))
}

/// Create a call
///
/// A new call starts as a draft.
#[utoipa::path(
    post, path = "/api/v1/calls", tag = "calls",
    request_body = CallRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created.", body = CallResponse,
            headers(("ETag" = String, description = "The version."), ("Location" = String, description = "The new call."))),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::ManagersOnly,
        (status = 422, description = "Invalid fields or settings, all listed.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_call(
    state: web::Data<SharedState>,
    user: AuthUser,
    body: Checked<CallRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    let row = app::act(&state, user, move |cx| app::call::create(cx, &request)).await?;
    let response = to_response(&row, state.clock.now())?;
    Ok(with_etag(HttpResponse::Created(), row.version)
        .insert_header((header::LOCATION, format!("/api/v1/calls/{}", row.id)))
        .json(response))
}

/// Read a call
#[utoipa::path(
    get, path = "/api/v1/calls/{id}", tag = "calls",
    params(("id" = String, Path, description = "The call's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The call.", body = CallResponse,
            headers(("ETag" = String, description = "The version, for If-Match."))),
        problems::Unauthenticated,
        (status = 404, description = "No such call, or a draft you may not see.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_call(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<CallId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let call = state
        .db(move |conn| load_visible_call(conn, &user, &id))
        .await?;
    Ok(ok_with_etag(
        call.row.version,
        &to_response(&call.row, state.clock.now())?,
    ))
}

/// Change a call
///
/// Replaces title, description and settings. Drafts may change freely; an
/// open call only while its settings stay fit to be open; a closed call no more.
#[utoipa::path(
    put, path = "/api/v1/calls/{id}", tag = "calls",
    params(
        ("id" = String, Path, description = "The call's id."),
        ("If-Match" = String, Header, description = "The ETag last read."),
    ),
    request_body = CallRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The updated call.", body = CallResponse,
            headers(("ETag" = String, description = "The new version."))),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::ManagersOnly,
        problems::CallNotFound,
        (status = 409, description = "The call is closed for changes.", body = Problem, content_type = "application/problem+json"),
        problems::StaleVersion,
        (status = 422, description = "Invalid fields or settings, all listed.", body = Problem, content_type = "application/problem+json"),
        problems::IfMatchRequired,
    )
)]
pub async fn update_call(
    state: web::Data<SharedState>,
    user: AuthUser,
    if_match: IfMatch,
    id: web::Path<CallId>,
    body: Checked<CallRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, request) = (id.into_inner(), body.into_inner());
    let row = app::act(&state, user, move |cx| {
        app::call::update(cx, &id, &if_match, &request)
    })
    .await?;
    Ok(ok_with_etag(
        row.version,
        &to_response(&row, state.clock.now())?,
    ))
}

/// Move a call to its next status
///
/// `draft` -> `open` (refused with every reason while the settings are not
/// fit: a deadline in the past, no funders, a stage without criteria...) ->
/// `closed` (after the last deadline) -> `in_evaluation` -> `decided`.
#[utoipa::path(
    post, path = "/api/v1/calls/{id}/transitions", tag = "calls",
    params(("id" = String, Path, description = "The call's id.")),
    request_body = CallTransition,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The call in its new status.", body = CallResponse,
            headers(("ETag" = String, description = "The new version."))),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::ManagersOnly,
        problems::CallNotFound,
        (status = 409, description = "Not the next status, or too early to close.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The call cannot open: every reason listed.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn transition_call(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<CallId>,
    body: Json<CallTransition>,
) -> Result<HttpResponse, ApiError> {
    let (to, id) = (body.to, id.into_inner());
    let row = app::act(&state, user, move |cx| app::call::transition(cx, &id, to)).await?;
    Ok(ok_with_etag(
        row.version,
        &to_response(&row, state.clock.now())?,
    ))
}
