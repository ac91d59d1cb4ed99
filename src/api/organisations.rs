//! Organisations: companies, research organisations, hospitals and others.

use actix_web::{HttpResponse, http::header, web};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::if_match::IfMatch;
use super::json::{Checked, Rules};
use super::support::{Page, Pagination, ok_with_etag, with_etag};
use crate::app;
use crate::auth::AuthUser;
use crate::db::{self};
use crate::domain::ids::OrganisationId;
use crate::domain::organisation::{CompanySize, OrganisationDetails, OrganisationKind};
use crate::error::responses as problems;
use crate::error::{ApiError, FieldError, Problem};
use crate::read::organisation::OrganisationResponse;
use crate::state::SharedState;

#[derive(Debug, Deserialize, ToSchema)]
pub struct OrganisationRequest {
    #[schema(min_length = 1, max_length = 300)]
    pub name: String,
    pub kind: OrganisationKind,
    /// ISO 3166-1 alpha-2, any case.
    #[schema(example = "LU", pattern = "^[A-Za-z]{2}$", max_length = 8)]
    pub country: String,
    /// Required for companies, forbidden for others.
    #[serde(default)]
    pub company_size: Option<CompanySize>,
    #[serde(default)]
    #[schema(max_length = 64)]
    pub registration_number: Option<String>,
}

impl OrganisationRequest {
    fn parse(&self) -> Result<OrganisationDetails, ApiError> {
        OrganisationDetails::parse(
            &self.name,
            self.kind,
            &self.country,
            self.company_size,
            self.registration_number.as_deref(),
        )
        .map_err(ApiError::Validation)
    }
}

impl Rules for OrganisationRequest {
    /// All but the size rule: it follows the kind, which may be the stand-in
    /// for a kind of the wrong shape (the handler checks it with the real one).
    fn rule_errors(&self) -> Vec<FieldError> {
        match self.parse() {
            Err(ApiError::Validation(errors)) => errors
                .into_iter()
                .filter(|e| e.field != "company_size")
                .collect(),
            _ => Vec::new(),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrganisationQuery {
    /// Only organisations whose name contains this text (any case).
    #[param(max_length = 300)]
    pub q: Option<String>,
}

/// List organisations
#[utoipa::path(
    get, path = "/api/v1/organisations", tag = "organisations",
    params(OrganisationQuery, Pagination),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of organisations by name.", body = Page<OrganisationResponse>),
        problems::Unauthenticated,
        (status = 422, description = "Bad paging values.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_organisations(
    state: web::Data<SharedState>,
    _user: AuthUser,
    query: web::Query<OrganisationQuery>,
    page: web::Query<Pagination>,
) -> Result<HttpResponse, ApiError> {
    super::support::query_within(&[("q", query.q.as_deref(), 300)])?;
    let (limit, offset) = page.into_inner().resolve()?;
    let text = query.into_inner().q.filter(|q| !q.trim().is_empty());
    let (rows, total) = state
        .db(move |conn| {
            Ok(db::organisations::list(
                conn,
                text.as_deref().map(str::trim),
                limit,
                offset,
            )?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(Page {
        items: rows
            .iter()
            .map(OrganisationResponse::from)
            .collect::<Vec<_>>(),
        total,
        limit,
        offset,
    }))
}

/// Register an organisation
#[utoipa::path(
    post, path = "/api/v1/organisations", tag = "organisations",
    request_body = OrganisationRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created.", body = OrganisationResponse,
            headers(("ETag" = String, description = "The version."), ("Location" = String, description = "The new organisation."))),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::InvalidFields,
    )
)]
pub async fn create_organisation(
    state: web::Data<SharedState>,
    user: AuthUser,
    body: Checked<OrganisationRequest>,
) -> Result<HttpResponse, ApiError> {
    let details = body.parse()?;
    let row = app::act(&state, user, move |cx| {
        app::organisation::create(cx, details)
    })
    .await?;
    Ok(with_etag(HttpResponse::Created(), row.version)
        .insert_header((
            header::LOCATION,
            format!("/api/v1/organisations/{}", row.id),
        ))
        .json(OrganisationResponse::from(&row)))
}

/// Read an organisation
#[utoipa::path(
    get, path = "/api/v1/organisations/{id}", tag = "organisations",
    params(("id" = String, Path, description = "The organisation's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The organisation.", body = OrganisationResponse,
            headers(("ETag" = String, description = "The version, for If-Match."))),
        problems::Unauthenticated,
        (status = 404, description = "No such organisation.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_organisation(
    state: web::Data<SharedState>,
    _user: AuthUser,
    id: web::Path<OrganisationId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let row = state
        .db(move |conn| Ok(db::organisations::find(conn, &id)?))
        .await?;
    Ok(ok_with_etag(row.version, &OrganisationResponse::from(&row)))
}

/// Correct an organisation
///
/// By whoever registered it, operators and administrators (not by people who
/// merely declare an affiliation: the kind, size and country decide grants).
#[utoipa::path(
    put, path = "/api/v1/organisations/{id}", tag = "organisations",
    params(
        ("id" = String, Path, description = "The organisation's id."),
        ("If-Match" = String, Header, description = "The ETag last read."),
    ),
    request_body = OrganisationRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The updated organisation.", body = OrganisationResponse,
            headers(("ETag" = String, description = "The new version."))),
        problems::MalformedBody,
        problems::Unauthenticated,
        (status = 403, description = "Not yours to edit.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation.", body = Problem, content_type = "application/problem+json"),
        problems::StaleVersion,
        problems::InvalidFields,
        problems::IfMatchRequired,
    )
)]
pub async fn update_organisation(
    state: web::Data<SharedState>,
    user: AuthUser,
    if_match: IfMatch,
    id: web::Path<OrganisationId>,
    body: Checked<OrganisationRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let row = app::act(&state, user, move |cx| {
        app::organisation::update(cx, &id, &if_match, body.parse())
    })
    .await?;
    Ok(ok_with_etag(row.version, &OrganisationResponse::from(&row)))
}
