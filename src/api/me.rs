//! The signed-in user's own account and affiliations.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::auth::{confirm_password, issue_link_token, replace_password};
use super::if_match::IfMatch;
use super::json::Json;
use super::support::{Validator, ok_with_etag};
use super::users::UserResponse;
use crate::app;
use crate::app::session::{TokenResponse, start_session};
use crate::auth::password::hash_password;
use crate::auth::rate_limit::Action;
use crate::auth::{AuthUser, SignedIn};
use crate::db::tokens::Purpose;
use crate::db::{self, audit, outbox};
use crate::domain::account::{Password, parse_full_name};
use crate::domain::ids::OrganisationId;
use crate::domain::language::Language;
use crate::error::ProblemCode;
use crate::error::responses as problems;
use crate::error::{ApiError, Problem};
use crate::mail::templates;
use crate::state::SharedState;

#[derive(Debug, Deserialize, ToSchema)]
pub struct ProfileUpdate {
    #[schema(min_length = 1, max_length = 200)]
    pub full_name: String,
    /// The language of one's letters; unchanged when left out.
    #[serde(default)]
    pub language: Option<Language>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PasswordChange {
    #[schema(max_length = 256)]
    pub current_password: String,
    /// At least 12 characters, not the email address, and not a common or easily guessed password (`too_common`).
    #[schema(min_length = 12, max_length = 256)]
    pub new_password: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AffiliationResponse {
    #[schema(value_type = String)]
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    /// The person's position at the organisation, e.g. "CTO".
    pub position: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AffiliationRequest {
    #[schema(max_length = 64)]
    #[schema(value_type = String)]
    pub organisation_id: OrganisationId,
    /// The person's position at the organisation, e.g. "CTO".
    #[serde(default)]
    #[schema(max_length = 200)]
    pub position: String,
}

/// Read my account
#[utoipa::path(
    get, path = "/api/v1/me", tag = "me",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The signed-in user.", body = UserResponse,
            headers(("ETag" = String, description = "The version, for If-Match."))),
        problems::Unauthenticated,
    )
)]
pub async fn get_me(
    state: web::Data<SharedState>,
    SignedIn(user): SignedIn,
) -> Result<HttpResponse, ApiError> {
    let row = state
        .db(move |conn| Ok(db::users::find(conn, &user.id)?))
        .await?;
    Ok(ok_with_etag(row.version, &UserResponse::from(&row)))
}

/// Change my name and the language of my letters
#[utoipa::path(
    put, path = "/api/v1/me", tag = "me",
    params(("If-Match" = String, Header, description = "The ETag last read for the account.")),
    request_body = ProfileUpdate,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The updated account.", body = UserResponse,
            headers(("ETag" = String, description = "The new version."))),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::StaleVersion,
        (status = 422, description = "Invalid fields.", body = Problem, content_type = "application/problem+json"),
        problems::IfMatchRequired,
    )
)]
pub async fn update_me(
    state: web::Data<SharedState>,
    user: AuthUser,
    if_match: IfMatch,
    body: Json<ProfileUpdate>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let st = state.get_ref().clone();
    let row = state
        .write(move |conn| {
            let now = st.clock.now();
            let before = db::users::find(conn, &user.id)?;
            if_match.check(before.version)?;
            let full_name =
                parse_full_name(&body.full_name).map_err(|e| ApiError::Validation(vec![e]))?;
            let language = body.language.unwrap_or(before.language);
            if !db::users::update_profile(
                conn,
                &user.id,
                before.version,
                &full_name,
                language,
                now.naive_utc(),
            )? {
                return Err(ApiError::PreconditionFailed);
            }
            audit::Change::new(Some(&user.id), "user.profile_changed", "user", &user.id)
                .before(serde_json::json!({
                    "full_name": before.full_name,
                    "language": before.language,
                }))
                .after(serde_json::json!({ "full_name": full_name, "language": language }))
                .record(conn, now)?;
            Ok(db::users::find(conn, &user.id)?)
        })
        .await?;
    Ok(ok_with_etag(row.version, &UserResponse::from(&row)))
}

/// Change my password
///
/// Signs out every other session and answers with a fresh token pair for this one.
#[utoipa::path(
    put, path = "/api/v1/me/password", tag = "me",
    request_body = PasswordChange,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Changed; these tokens replace the old ones.", body = TokenResponse),
        problems::MalformedBody,
        problems::Unauthenticated,
        (status = 422, description = "The current password is wrong or the new one breaks a rule.", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many wrong current passwords; see Retry-After.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn change_password(
    state: web::Data<SharedState>,
    SignedIn(user): SignedIn,
    req: HttpRequest,
    body: Json<PasswordChange>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let mut v = Validator::default();
    v.check(Password::parse(
        &body.new_password,
        Some(&user.email),
        "new_password",
    ));
    v.finish()?;
    let row = confirm_password(
        &state,
        &req,
        &user,
        body.current_password,
        "current_password",
    )
    .await?;
    let password_hash = hash_password(body.new_password).await?;
    let st = state.get_ref().clone();
    let tokens = state
        .write(move |conn| {
            let now = st.clock.now();
            replace_password(
                conn,
                &st,
                &row,
                &password_hash,
                "user.password_changed",
                now,
            )?;
            let row = db::users::find(conn, &row.id)?;
            start_session(conn, &st, &row, now)
        })
        .await?;
    Ok(super::session_cookies::signed_in(
        &state.config,
        &tokens.refresh_token,
        &tokens,
    ))
}

/// Send the verification mail again
#[utoipa::path(
    post, path = "/api/v1/me/email-verification", tag = "me",
    security(("bearer" = [])),
    responses(
        (status = 202, description = "A new link is on its way."),
        problems::Unauthenticated,
        (status = 409, description = "The address is confirmed already.", body = Problem, content_type = "application/problem+json"),
        problems::Throttled,
    )
)]
pub async fn resend_verification(
    state: web::Data<SharedState>,
    user: AuthUser,
) -> Result<HttpResponse, ApiError> {
    state.throttles.admit(Action::MailTo, &user.email)?;
    let st = state.get_ref().clone();
    state
        .write(move |conn| {
            let now = st.clock.now();
            let row = db::users::find(conn, &user.id)?;
            if row.email_verified_at.is_some() {
                return Err(ApiError::conflict(
                    ProblemCode::AlreadyVerified,
                    "Your email address is confirmed already.",
                ));
            }
            db::tokens::void_one_time(conn, &row.id, Purpose::VerifyEmail, now.naive_utc())?;
            let link = issue_link_token(conn, &st, &row.id, Purpose::VerifyEmail, now)?;
            outbox::enqueue(conn, templates::verify_email(&row.email, &link), now)?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::Accepted().finish())
}

/// Sign out everywhere
///
/// Ends every session of the caller's account, this one included: on every
/// device and instance, each access and refresh token stops working at once.
#[utoipa::path(
    delete, path = "/api/v1/me/sessions", tag = "me",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Every session is ended; sign in again."),
        problems::Unauthenticated,
    )
)]
pub async fn sign_out_everywhere(
    state: web::Data<SharedState>,
    SignedIn(user): SignedIn,
) -> Result<HttpResponse, ApiError> {
    let st = state.get_ref().clone();
    state
        .write_session(move |conn| {
            let now = st.clock.now();
            let ended = db::sessions::end_all(conn, &user.id, now.naive_utc())?;
            audit::Change::new(
                Some(&user.id),
                "session.logout_everywhere",
                "user",
                &user.id,
            )
            .after(serde_json::json!({ "sessions_ended": ended }))
            .record(conn, now)?;
            Ok(())
        })
        .await?;
    let mut response = HttpResponse::NoContent();
    super::session_cookies::clear(&mut response, &state.config);
    Ok(response.finish())
}

/// List my affiliations
///
/// The organisations I work for; they decide my conflicts of interest as an expert.
#[utoipa::path(
    get, path = "/api/v1/me/affiliations", tag = "me",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "My affiliations by organisation name.", body = Vec<AffiliationResponse>),
        problems::Unauthenticated,
    )
)]
pub async fn list_my_affiliations(
    state: web::Data<SharedState>,
    user: AuthUser,
) -> Result<HttpResponse, ApiError> {
    let rows = state
        .db(move |conn| Ok(db::organisations::affiliations_of(conn, &user.id)?))
        .await?;
    let items: Vec<AffiliationResponse> = rows
        .into_iter()
        .map(|(a, o)| AffiliationResponse {
            organisation_id: a.organisation_id,
            organisation_name: o.name,
            position: a.position,
            created_at: a.created_at.and_utc(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(items))
}

/// Add an affiliation
#[utoipa::path(
    post, path = "/api/v1/me/affiliations", tag = "me",
    request_body = AffiliationRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Added.", body = AffiliationResponse),
        problems::MalformedBody,
        problems::Unauthenticated,
        (status = 409, description = "Already affiliated.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown organisation or invalid position.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn add_affiliation(
    state: web::Data<SharedState>,
    user: AuthUser,
    body: Json<AffiliationRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let position = body
        .position
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if body.position.chars().count() > 200 {
        return Err(ApiError::field(
            "position",
            "too_long",
            "A position has at most 200 characters.",
        ));
    }
    let (row, organisation) = app::act(&state, user, move |cx| {
        app::affiliation::add(cx, &body.organisation_id, position)
    })
    .await?;
    let response = AffiliationResponse {
        organisation_id: row.organisation_id,
        organisation_name: organisation.name,
        position: row.position,
        created_at: row.created_at.and_utc(),
    };
    Ok(HttpResponse::Created().json(response))
}

/// Remove an affiliation
#[utoipa::path(
    delete, path = "/api/v1/me/affiliations/{organisation_id}", tag = "me",
    params(("organisation_id" = String, Path, description = "The organisation's id.")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed."),
        problems::Unauthenticated,
        (status = 404, description = "No such affiliation.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn remove_affiliation(
    state: web::Data<SharedState>,
    user: AuthUser,
    organisation_id: web::Path<OrganisationId>,
) -> Result<HttpResponse, ApiError> {
    let organisation_id = organisation_id.into_inner();
    let st = state.get_ref().clone();
    state
        .write(move |conn| {
            let now = st.clock.now();
            if !db::organisations::delete_affiliation(conn, &user.id, &organisation_id)? {
                return Err(ApiError::NotFound);
            }
            audit::Change::new(Some(&user.id), "affiliation.removed", "user", &user.id)
                .before(serde_json::json!({ "organisation_id": organisation_id }))
                .record(conn, now)?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
