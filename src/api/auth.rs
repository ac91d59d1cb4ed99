//! Registration, sign-in, token rotation, sign-out, email verification and
//! password reset.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use utoipa::ToSchema;

use super::json::Json;
use super::session_cookies;
use super::support::{Validator, with_etag};
use super::users::UserResponse;
use crate::accounts::create_user;
use crate::app::session::{self, Rotation, SignInAnswer, TokenResponse};
use crate::auth::client_address::client_ip;
use crate::auth::password::{hash_password, verify_password};
use crate::auth::rate_limit::Action;
use crate::auth::tokens::{random_token, token_hash};
use crate::auth::{AuthUser, SignedIn};
use crate::db::tokens::{OneTimeTokenRow, Purpose};
use crate::db::users::UserRow;
use crate::db::{self, DbConnection, audit, outbox};
use crate::domain::account::{Email, Password, parse_full_name};
use crate::domain::ids::UserId;
use crate::domain::role::RoleSet;
use crate::error::responses as problems;
use crate::error::{ApiError, FieldError, Problem};
use crate::mail::templates;
use crate::state::{AppState, SharedState};

const VERIFY_EMAIL_TTL_HOURS: i64 = 48;
const RESET_PASSWORD_TTL_HOURS: i64 = 1;

#[derive(Debug, Deserialize, ToSchema)]
pub struct RegisterRequest {
    #[schema(example = "ada@example.org", format = Email, max_length = 254)]
    pub email: String,
    /// At least 12 characters, not the email address, and not a common or easily guessed password (`too_common`).
    #[schema(min_length = 12, max_length = 256)]
    pub password: String,
    #[schema(example = "Ada Lovelace", min_length = 1, max_length = 200)]
    pub full_name: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginRequest {
    #[schema(min_length = 1, max_length = 254)]
    pub email: String,
    #[schema(min_length = 1, max_length = 256)]
    pub password: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RefreshRequest {
    /// API clients send the refresh token here. The web app leaves it out:
    /// its token is in the `jointcall_refresh` cookie, which counts only with
    /// the `X-CSRF-Token` header equal to the `jointcall_csrf` cookie.
    #[serde(default)]
    #[schema(max_length = 128)]
    pub refresh_token: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct TokenRequest {
    /// The token from the mailed link.
    #[schema(max_length = 128)]
    pub token: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PasswordResetRequest {
    #[schema(format = Email, max_length = 254)]
    pub email: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PasswordResetConfirmation {
    #[schema(max_length = 128)]
    pub token: String,
    /// At least 12 characters, not the email address, and not a common or easily guessed password (`too_common`).
    #[schema(min_length = 12, max_length = 256)]
    pub new_password: String,
}

/// The client's address, for rate limiting: the peer, or what a trusted
/// reverse proxy saw (`JOINTCALL_TRUSTED_PROXIES`; see docs/operations.md).
pub(crate) fn client_address(req: &HttpRequest, state: &AppState) -> String {
    let Some(peer) = req.peer_addr() else {
        return "unknown".to_owned();
    };
    let forwarded_for = req
        .headers()
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok());
    client_ip(peer.ip(), forwarded_for, &state.config.trusted_proxies).to_string()
}

/// Re-authentication before a sensitive change to one's own account (the
/// password, the second factor): the current password, throttled like
/// signing in. A wrong one is a 422 on `field`. Returns the account.
pub(crate) async fn confirm_password(
    state: &SharedState,
    req: &HttpRequest,
    user: &AuthUser,
    password: String,
    field: &str,
) -> Result<UserRow, ApiError> {
    let address = client_address(req, state);
    state.login_limiter.admit(&user.email, &address)?;
    let user_id = user.id.clone();
    let row = state
        .db(move |conn| Ok(db::users::find(conn, &user_id)?))
        .await?;
    if !verify_password(password, Some(row.password_hash.clone())).await? {
        state.login_limiter.record_failure(&user.email, &address);
        return Err(ApiError::field(
            field,
            "wrong",
            "The password is not right.",
        ));
    }
    Ok(row)
}

/// Creates a single-use token for a mailed link and returns the link.
pub(crate) fn issue_link_token(
    conn: &mut DbConnection,
    state: &AppState,
    user_id: &UserId,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<String, ApiError> {
    let token = random_token();
    let (ttl, page) = match purpose {
        Purpose::VerifyEmail => (Duration::hours(VERIFY_EMAIL_TTL_HOURS), "verify-email"),
        Purpose::ResetPassword => (Duration::hours(RESET_PASSWORD_TTL_HOURS), "reset-password"),
    };
    db::tokens::insert_one_time(
        conn,
        &OneTimeTokenRow {
            id: uuid::Uuid::new_v4().to_string(),
            user_id: user_id.to_owned(),
            purpose: purpose.as_str().to_owned(),
            token_hash: token_hash(&token),
            created_at: now.naive_utc(),
            expires_at: (now + ttl).naive_utc(),
            used_at: None,
        },
    )?;
    Ok(format!("{}/{page}?token={token}", state.config.public_url))
}

/// Register an account
///
/// Creates an applicant account and mails a link to confirm the address.
#[utoipa::path(
    post, path = "/api/v1/auth/register", tag = "auth",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "The account was created; a verification mail is on its way.", body = UserResponse),
        problems::MalformedBody,
        (status = 409, description = "An account with this email exists.", body = Problem, content_type = "application/problem+json"),
        problems::InvalidFields,
        problems::Throttled,
    )
)]
pub async fn register(
    state: web::Data<SharedState>,
    req: HttpRequest,
    body: Json<RegisterRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let mut v = Validator::default();
    let email = v.check(Email::parse(&body.email));
    let password = v.check(Password::parse(
        &body.password,
        Some(&body.email),
        "password",
    ));
    let full_name = v.check(parse_full_name(&body.full_name));
    v.finish()?;
    let (Some(email), Some(password), Some(full_name)) = (email, password, full_name) else {
        return Err(ApiError::Internal(anyhow::anyhow!(
            "validated fields missing"
        )));
    };
    // Before the hash and the mail, which are what an abuser is after.
    state
        .throttles
        .admit(Action::Register, &client_address(&req, &state))?;
    state.throttles.admit(Action::MailTo, email.as_str())?;
    let password_hash = hash_password(password.expose().to_owned()).await?;
    let st = state.get_ref().clone();
    let user = state
        .write(move |conn| {
            let now = st.clock.now();
            let user = create_user(
                conn,
                &email,
                &full_name,
                password_hash,
                &RoleSet::applicant(),
                None,
                now,
            )?;
            let link = issue_link_token(conn, &st, &user.id, Purpose::VerifyEmail, now)?;
            outbox::enqueue(conn, templates::verify_email(&user.email, &link), now)?;
            Ok(user)
        })
        .await?;
    Ok(with_etag(HttpResponse::Created(), user.version).json(UserResponse::from(&user)))
}

/// Sign in
///
/// Exchanges email and password for an access token and a refresh token,
/// or, for an account with two-step sign-in, for a challenge to send with a
/// code to `/auth/login/second-factor`. A wrong password and an unknown
/// email get the same answer in the same time.
#[utoipa::path(
    post, path = "/api/v1/auth/login", tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in, or a code is needed next.", body = SignInAnswer),
        problems::MalformedBody,
        (status = 401, description = "Wrong email or password.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing fields.", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts; see Retry-After.", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait."))),
    )
)]
pub async fn login(
    state: web::Data<SharedState>,
    req: HttpRequest,
    body: Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    credentials_given(&body)?;
    let account = body.email.trim().to_lowercase();
    let address = client_address(&req, &state);
    state.login_limiter.admit(&account, &address)?;
    let delay = state.login_limiter.delay(&account);
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }

    let lookup = account.clone();
    let user = state
        .db(move |conn| Ok(db::users::find_by_email(conn, &lookup)?))
        .await?;
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    let verified = verify_password(body.password, hash).await?;
    let Some(user) = user.filter(|_| verified) else {
        state.login_limiter.record_failure(&account, &address);
        return Err(ApiError::InvalidCredentials);
    };
    state.login_limiter.record_success(&account, &address);

    let st = state.get_ref().clone();
    let answer = state
        .write_session(move |conn| session::sign_in(conn, &st, &user, st.clock.now()))
        .await?;
    Ok(match &answer {
        SignInAnswer::Tokens(tokens) => {
            session_cookies::signed_in(&state.config, &tokens.refresh_token, &answer)
        }
        SignInAnswer::SecondFactor(_) => HttpResponse::Ok().json(answer),
    })
}

/// Both fields are there, before any limit or lookup spends time on them.
fn credentials_given(body: &LoginRequest) -> Result<(), ApiError> {
    let missing = [
        (body.email.trim().is_empty())
            .then(|| FieldError::new("email", "required", "Enter your email address.")),
        body.password
            .is_empty()
            .then(|| FieldError::new("password", "required", "Enter your password.")),
    ];
    let errors: Vec<FieldError> = missing.into_iter().flatten().collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// Rotate tokens
///
/// Exchanges a refresh token, once, for a new pair. Presenting a refresh
/// token a second time signs out every session that descends from it.
#[utoipa::path(
    post, path = "/api/v1/auth/refresh", tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new token pair; the old refresh token is spent.", body = TokenResponse),
        problems::MalformedBody,
        (status = 401, description = "Unknown, expired, revoked or reused refresh token.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing fields.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn refresh(
    state: web::Data<SharedState>,
    req: HttpRequest,
    body: Json<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let presented = session_cookies::refresh_token(&req, body.into_inner().refresh_token)?;
    let hash = token_hash(&presented);
    let st = state.get_ref().clone();
    let outcome = state
        .write_session(move |conn| session::rotate(conn, &st, &hash, st.clock.now()))
        .await?;
    match outcome {
        Rotation::Rotated(tokens) => Ok(session_cookies::signed_in(
            &state.config,
            &tokens.refresh_token,
            &tokens,
        )),
        Rotation::Reused => Err(ApiError::Unauthenticated(
            "This refresh token was already used; every session from it is signed out.",
        )),
        Rotation::Refused(reason) | Rotation::Ended(reason) => {
            Err(ApiError::Unauthenticated(reason))
        }
    }
}

/// Sign out
///
/// Ends the session of the access token sending the request (and, for API
/// clients, the session of the refresh token in the body, if it is the
/// caller's): their refresh and access tokens stop working at once, on every
/// instance. The answer removes the web app's session cookies. No other site
/// can send the bearer token, so this needs no CSRF token.
#[utoipa::path(
    post, path = "/api/v1/auth/logout", tag = "auth",
    request_body = RefreshRequest,
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Signed out (also when the session had ended already)."),
        problems::MalformedBody,
        problems::Unauthenticated,
        (status = 422, description = "Bad fields.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn logout(
    state: web::Data<SharedState>,
    SignedIn(user): SignedIn,
    body: Json<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let named = body
        .into_inner()
        .refresh_token
        .map(|t| token_hash(t.trim()));
    let st = state.get_ref().clone();
    state
        .write_session(move |conn| {
            let now = st.clock.now();
            let mut sessions = vec![user.session_id.clone()];
            if let Some(hash) = named
                && let Some(token) = db::tokens::find_refresh(conn, &hash)?
                // Only one's own session; someone else's token is ignored, not revealed.
                && token.user_id == user.id
            {
                sessions.push(token.family_id);
            }
            let mut ended = false;
            for id in sessions {
                if let Some(session) = db::sessions::find(conn, &id)?
                    && session.revoked_at.is_none()
                {
                    db::sessions::end(conn, &session, now.naive_utc())?;
                    ended = true;
                }
            }
            if ended {
                audit::Change::new(Some(&user.id), "session.logout", "user", &user.id)
                    .record(conn, now)?;
            }
            Ok(())
        })
        .await?;
    let mut response = HttpResponse::NoContent();
    session_cookies::clear(&mut response, &state.config);
    Ok(response.finish())
}

fn invalid_link() -> ApiError {
    ApiError::field(
        "token",
        "invalid_or_expired",
        "This link is not valid any more; ask for a new one.",
    )
}

/// Confirm an email address
///
/// Uses the token from the verification mail.
#[utoipa::path(
    post, path = "/api/v1/auth/email-verification", tag = "auth",
    request_body = TokenRequest,
    responses(
        (status = 204, description = "The address is confirmed."),
        problems::MalformedBody,
        (status = 422, description = "The token is unknown, used or expired.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn confirm_email_verification(
    state: web::Data<SharedState>,
    body: Json<TokenRequest>,
) -> Result<HttpResponse, ApiError> {
    let hash = token_hash(body.token.trim());
    let st = state.get_ref().clone();
    state
        .write(move |conn| {
            let now = st.clock.now();
            let user_id =
                db::tokens::consume_one_time(conn, Purpose::VerifyEmail, &hash, now.naive_utc())?
                    .ok_or_else(invalid_link)?;
            db::users::mark_email_verified(conn, &user_id, now.naive_utc())?;
            audit::Change::new(Some(&user_id), "user.email_verified", "user", &user_id)
                .record(conn, now)?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Ask for a password reset link
///
/// Always answers 202, whether or not the address has an account, so that
/// no one can find out who is registered.
#[utoipa::path(
    post, path = "/api/v1/auth/password-reset", tag = "auth",
    request_body = PasswordResetRequest,
    responses(
        (status = 202, description = "If the address has an account, a link is on its way."),
        problems::MalformedBody,
        (status = 422, description = "The email is missing or malformed.", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests; see Retry-After.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn request_password_reset(
    state: web::Data<SharedState>,
    req: HttpRequest,
    body: Json<PasswordResetRequest>,
) -> Result<HttpResponse, ApiError> {
    let email = Email::parse(&body.email).map_err(|e| ApiError::Validation(vec![e]))?;
    state
        .throttles
        .admit(Action::ResetRequest, &client_address(&req, &state))?;
    state.throttles.admit(Action::MailTo, email.as_str())?;
    let st = state.get_ref().clone();
    state
        .write(move |conn| {
            let Some(user) = db::users::find_by_email(conn, email.as_str())? else {
                return Ok(());
            };
            let now = st.clock.now();
            let link = issue_link_token(conn, &st, &user.id, Purpose::ResetPassword, now)?;
            outbox::enqueue(
                conn,
                templates::reset_password(&user.email, &user.full_name, &link),
                now,
            )?;
            audit::Change::new(None, "user.password_reset_requested", "user", &user.id)
                .record(conn, now)?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::Accepted().finish())
}

/// Set a new password with a reset link
///
/// Signs out every session of the account.
#[utoipa::path(
    post, path = "/api/v1/auth/password-reset/confirm", tag = "auth",
    request_body = PasswordResetConfirmation,
    responses(
        (status = 204, description = "The password is changed; sign in with it."),
        problems::MalformedBody,
        (status = 422, description = "The token is not valid, or the password breaks a rule.", body = Problem, content_type = "application/problem+json"),
        problems::Throttled,
    )
)]
pub async fn confirm_password_reset(
    state: web::Data<SharedState>,
    req: HttpRequest,
    body: Json<PasswordResetConfirmation>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    Password::parse(&body.new_password, None, "new_password")
        .map_err(|e| ApiError::Validation(vec![e]))?;
    state
        .throttles
        .admit(Action::ResetConfirm, &client_address(&req, &state))?;
    let hash = token_hash(body.token.trim());
    // The link first: a password is hashed only for a link that can use it.
    let (peek, st) = (hash.clone(), state.get_ref().clone());
    state
        .db(move |conn| {
            Ok(db::tokens::peek_one_time(
                conn,
                Purpose::ResetPassword,
                &peek,
                st.clock.now().naive_utc(),
            )?)
        })
        .await?
        .ok_or_else(invalid_link)?;
    let password_hash = hash_password(body.new_password.clone()).await?;
    let st = state.get_ref().clone();
    state
        .write(move |conn| {
            let now = st.clock.now();
            let user_id =
                db::tokens::consume_one_time(conn, Purpose::ResetPassword, &hash, now.naive_utc())?
                    .ok_or_else(invalid_link)?;
            let user = db::users::find(conn, &user_id)?;
            Password::parse(&body.new_password, Some(&user.email), "new_password")
                .map_err(|e| ApiError::Validation(vec![e]))?;
            replace_password(conn, &st, &user, &password_hash, "user.password_reset", now)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Stores a new password hash, signs out every session, voids pending reset
/// links, records it and tells the owner by mail.
pub(crate) fn replace_password(
    conn: &mut DbConnection,
    _state: &AppState,
    user: &UserRow,
    password_hash: &str,
    action: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    db::users::update_password(conn, &user.id, password_hash, now.naive_utc())?;
    db::sessions::end_all(conn, &user.id, now.naive_utc())?;
    db::tokens::void_one_time(conn, &user.id, Purpose::ResetPassword, now.naive_utc())?;
    outbox::enqueue(
        conn,
        templates::password_changed(&user.email, &user.full_name),
        now,
    )?;
    audit::Change::new(Some(&user.id), action, "user", &user.id).record(conn, now)?;
    Ok(())
}
