//! Two-step sign-in: enrolling an authenticator app, recovery codes, the
//! second step of signing in, and an administrator's reset.
//!
//! Staff must enrol before they act (`policy::must_enrol_second_factor`);
//! others may. Signing in to an enrolled account gives a challenge, not
//! tokens; the challenge and a code give the tokens (`complete_sign_in`).
//! Every change is audited and mailed to the owner of the account.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::auth::{client_address, confirm_password};
use super::json::Json;
use crate::app::session::{TokenResponse, start_session};
use crate::auth::policy;
use crate::auth::rate_limit::Action;
use crate::auth::second_factor::{self as factor, Code};
use crate::auth::tokens::token_hash;
use crate::auth::{AuthUser, SignedIn};
use crate::db::second_factors::SecondFactorRow;
use crate::db::users::UserRow;
use crate::db::{self, DbConnection, audit, outbox};
use crate::domain::ids::UserId;
use crate::error::ProblemCode;
use crate::error::responses as problems;
use crate::error::{ApiError, Problem};
use crate::mail::templates::{self, SecondFactorEvent};
use crate::state::{AppState, SharedState};

/// Wrong codes one challenge takes before the password must be entered again.
const CHALLENGE_TRIES: i32 = 5;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SecondFactorStatus {
    /// An authenticator is confirmed for the account.
    pub enrolled: bool,
    /// The account's roles need one (operators, funders, administrators).
    pub required: bool,
    /// Unused recovery codes.
    pub recovery_codes_left: i64,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PasswordConfirmation {
    /// The account's current password.
    #[schema(min_length = 1, max_length = 256)]
    pub password: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EnrolmentStart {
    /// The authenticator's secret in base32, for apps that cannot scan.
    pub secret: String,
    /// The `otpauth://` link to show as a QR code.
    pub otpauth_url: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CodeConfirmation {
    /// The six digits the authenticator app shows now.
    #[schema(example = "123456", min_length = 1, max_length = 64)]
    pub code: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PasswordAndCode {
    #[schema(min_length = 1, max_length = 256)]
    pub password: String,
    /// The authenticator's current code, or an unused recovery code.
    #[schema(min_length = 1, max_length = 64)]
    pub code: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RecoveryCodes {
    /// Shown once: each signs in once when the authenticator is lost.
    pub recovery_codes: Vec<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SecondStep {
    /// From the sign-in answer.
    #[schema(min_length = 1, max_length = 128)]
    pub challenge: String,
    /// The authenticator's current code, or an unused recovery code.
    #[schema(min_length = 1, max_length = 64)]
    pub code: String,
}

fn wrong_code() -> ApiError {
    ApiError::field(
        "code",
        "wrong",
        "The code is not right: enter the one your app shows now, or a recovery code.",
    )
}

fn mail_owner(
    conn: &mut DbConnection,
    user: &UserRow,
    event: SecondFactorEvent,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    outbox::enqueue(
        conn,
        templates::second_factor_notice(&user.email, &user.full_name, event),
        now,
    )?;
    Ok(())
}

/// Stores ten new recovery codes for the account and returns them as shown.
fn renew_codes(
    conn: &mut DbConnection,
    user_id: &UserId,
    now: DateTime<Utc>,
) -> Result<Vec<String>, ApiError> {
    let codes = factor::new_recovery_codes();
    let hashes: Vec<String> = codes
        .iter()
        .map(|c| factor::recovery_code_hash(c))
        .collect();
    db::second_factors::replace_recovery_codes(conn, user_id, &hashes, now.naive_utc())?;
    Ok(codes)
}

/// What a code proved, once checked against the account's authenticator.
enum Proof {
    Authenticator,
    RecoveryCode,
    /// A step already used (RFC 6238 5.2): refused, audited and mailed.
    Reused,
    Wrong,
}

/// Checks a typed code against a confirmed authenticator and spends what it
/// used: the time step, or the recovery code.
fn prove(
    conn: &mut DbConnection,
    factor_row: &SecondFactorRow,
    user: &UserRow,
    typed: &str,
    now: DateTime<Utc>,
) -> Result<Proof, ApiError> {
    match factor::read_code(&factor_row.secret, typed, now) {
        Code::Totp { step } => {
            if db::second_factors::use_step(conn, &user.id, step)? {
                return Ok(Proof::Authenticator);
            }
            audit::Change::new(
                Some(&user.id),
                "session.second_factor_reused",
                "user",
                &user.id,
            )
            .record(conn, now)?;
            mail_owner(conn, user, SecondFactorEvent::CodeReused, now)?;
            Ok(Proof::Reused)
        }
        Code::WrongTotp => Ok(Proof::Wrong),
        Code::Recovery { hash } => {
            if !db::second_factors::use_recovery_code(conn, &user.id, &hash, now.naive_utc())? {
                return Ok(Proof::Wrong);
            }
            let left = db::second_factors::recovery_codes_left(conn, &user.id)?;
            mail_owner(
                conn,
                user,
                SecondFactorEvent::RecoveryCodeUsed { left },
                now,
            )?;
            Ok(Proof::RecoveryCode)
        }
    }
}

fn enrolled_factor(conn: &mut DbConnection, user_id: &UserId) -> Result<SecondFactorRow, ApiError> {
    db::second_factors::find(conn, user_id)?
        .filter(|f| f.confirmed_at.is_some())
        .ok_or_else(|| {
            ApiError::conflict(
                ProblemCode::NoSecondFactor,
                "This account has no second factor.",
            )
        })
}

/// Read my second factor's state
#[utoipa::path(
    get, path = "/api/v1/me/second-factor", tag = "me",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Whether an authenticator is enrolled and needed.", body = SecondFactorStatus),
        problems::Unauthenticated,
    )
)]
pub async fn get_second_factor(
    state: web::Data<SharedState>,
    user: SignedIn,
) -> Result<HttpResponse, ApiError> {
    let user = user.0;
    let required = policy::needs_second_factor(&user);
    let user_id = user.id.clone();
    let (enrolled, left) = state
        .db(move |conn| {
            let enrolled = db::second_factors::is_enrolled(conn, &user_id)?;
            let left = db::second_factors::recovery_codes_left(conn, &user_id)?;
            Ok((enrolled, left))
        })
        .await?;
    Ok(HttpResponse::Ok().json(SecondFactorStatus {
        enrolled,
        required,
        recovery_codes_left: left,
    }))
}

/// Begin enrolling an authenticator
///
/// Needs the password again. Answers a new secret and its `otpauth://` link
/// (to show as a QR code); nothing is required at sign-in until a code from
/// the app confirms it. Starting again replaces an unconfirmed secret.
#[utoipa::path(
    post, path = "/api/v1/me/second-factor/enrolment", tag = "me",
    request_body = PasswordConfirmation,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Scan the link, then confirm with a code.", body = EnrolmentStart),
        problems::MalformedBody,
        problems::Unauthenticated,
        (status = 409, description = "An authenticator is enrolled already.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The password is not right.", body = Problem, content_type = "application/problem+json"),
        problems::Throttled,
    )
)]
pub async fn begin_enrolment(
    state: web::Data<SharedState>,
    req: HttpRequest,
    user: SignedIn,
    body: Json<PasswordConfirmation>,
) -> Result<HttpResponse, ApiError> {
    let user = user.0;
    let row = confirm_password(&state, &req, &user, body.into_inner().password, "password").await?;
    let st = state.get_ref().clone();
    let start = state
        .write(move |conn| {
            let now = st.clock.now();
            if db::second_factors::is_enrolled(conn, &row.id)? {
                return Err(ApiError::conflict(
                    ProblemCode::SecondFactorEnrolled,
                    "An authenticator is enrolled already; remove it first to enrol another.",
                ));
            }
            let secret = factor::new_secret();
            let otpauth_url = factor::enrolment_link(&secret, &row.email).ok_or_else(|| {
                ApiError::Internal(anyhow::anyhow!("no enrolment link for a new secret"))
            })?;
            db::second_factors::begin(
                conn,
                &SecondFactorRow {
                    user_id: row.id.clone(),
                    secret: secret.clone(),
                    created_at: now.naive_utc(),
                    confirmed_at: None,
                    last_step: 0,
                },
            )?;
            audit::Change::new(
                Some(&row.id),
                "user.second_factor_enrolment_begun",
                "user",
                &row.id,
            )
            .record(conn, now)?;
            Ok(EnrolmentStart {
                secret,
                otpauth_url,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(start))
}

/// Confirm the authenticator with its first code
///
/// Turns two-step sign-in on, signs out every other session and answers ten
/// recovery codes, shown this once.
#[utoipa::path(
    post, path = "/api/v1/me/second-factor", tag = "me",
    request_body = CodeConfirmation,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Enrolled; keep these codes.", body = RecoveryCodes),
        problems::MalformedBody,
        problems::Unauthenticated,
        (status = 409, description = "No enrolment was begun, or one is confirmed already.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The code is not right.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn confirm_enrolment(
    state: web::Data<SharedState>,
    user: SignedIn,
    body: Json<CodeConfirmation>,
) -> Result<HttpResponse, ApiError> {
    let user = user.0;
    let typed = body.into_inner().code;
    let st = state.get_ref().clone();
    let codes = state
        .write(move |conn| {
            let now = st.clock.now();
            let pending = db::second_factors::find(conn, &user.id)?.ok_or_else(|| {
                ApiError::conflict(
                    ProblemCode::NoEnrolment,
                    "Begin the enrolment first: it gives the code your app needs.",
                )
            })?;
            if pending.confirmed_at.is_some() {
                return Err(ApiError::conflict(
                    ProblemCode::SecondFactorEnrolled,
                    "An authenticator is enrolled already.",
                ));
            }
            let Code::Totp { step } = factor::read_code(&pending.secret, &typed, now) else {
                return Err(wrong_code());
            };
            db::second_factors::confirm(conn, &user.id, step, now.naive_utc())?;
            let codes = renew_codes(conn, &user.id, now)?;
            let ended =
                db::sessions::end_all_but(conn, &user.id, Some(&user.session_id), now.naive_utc())?;
            audit::Change::new(
                Some(&user.id),
                "user.second_factor_enrolled",
                "user",
                &user.id,
            )
            .after(serde_json::json!({ "other_sessions_ended": ended }))
            .record(conn, now)?;
            let row = db::users::find(conn, &user.id)?;
            mail_owner(conn, &row, SecondFactorEvent::Enrolled, now)?;
            Ok(codes)
        })
        .await?;
    Ok(HttpResponse::Created().json(RecoveryCodes {
        recovery_codes: codes,
    }))
}

/// Make new recovery codes
///
/// Needs the password and a current code; the old recovery codes stop working.
#[utoipa::path(
    post, path = "/api/v1/me/second-factor/recovery-codes", tag = "me",
    request_body = PasswordAndCode,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The new codes, shown this once.", body = RecoveryCodes),
        problems::MalformedBody,
        problems::Unauthenticated,
        (status = 409, description = "No authenticator is enrolled.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The password or the code is not right.", body = Problem, content_type = "application/problem+json"),
        problems::Throttled,
    )
)]
pub async fn renew_recovery_codes(
    state: web::Data<SharedState>,
    req: HttpRequest,
    user: AuthUser,
    body: Json<PasswordAndCode>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let row = confirm_password(&state, &req, &user, body.password, "password").await?;
    let codes = state
        .write(changed_with_code(
            state.get_ref().clone(),
            row,
            body.code,
            |conn, row, now| {
                let codes = renew_codes(conn, &row.id, now)?;
                audit::Change::new(
                    Some(&row.id),
                    "user.recovery_codes_renewed",
                    "user",
                    &row.id,
                )
                .record(conn, now)?;
                mail_owner(conn, row, SecondFactorEvent::RecoveryCodesRenewed, now)?;
                Ok(codes)
            },
        ))
        .await?;
    Ok(HttpResponse::Ok().json(RecoveryCodes {
        recovery_codes: codes,
    }))
}

/// A write that first proves a code of the account's authenticator (422 on
/// `code` if wrong), then makes `change`.
fn changed_with_code<T>(
    st: SharedState,
    row: UserRow,
    typed: String,
    change: impl FnOnce(&mut DbConnection, &UserRow, DateTime<Utc>) -> Result<T, ApiError>
    + Send
    + 'static,
) -> impl FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static {
    move |conn| {
        let now = st.clock.now();
        let factor_row = enrolled_factor(conn, &row.id)?;
        match prove(conn, &factor_row, &row, &typed, now)? {
            Proof::Authenticator | Proof::RecoveryCode => change(conn, &row, now),
            Proof::Reused | Proof::Wrong => Err(wrong_code()),
        }
    }
}

/// Turn two-step sign-in off
///
/// Needs the password and a current code. Refused for operators, funders and
/// administrators, whose roles need it (an administrator can reset it).
#[utoipa::path(
    post, path = "/api/v1/me/second-factor/removal", tag = "me",
    request_body = PasswordAndCode,
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed, with its recovery codes."),
        problems::MalformedBody,
        problems::Unauthenticated,
        (status = 403, description = "The account's roles need a second factor.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No authenticator is enrolled.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The password or the code is not right.", body = Problem, content_type = "application/problem+json"),
        problems::Throttled,
    )
)]
pub async fn remove_second_factor(
    state: web::Data<SharedState>,
    req: HttpRequest,
    user: AuthUser,
    body: Json<PasswordAndCode>,
) -> Result<HttpResponse, ApiError> {
    if !policy::may_remove_own_second_factor(&user) {
        return Err(ApiError::refused(
            ProblemCode::SecondFactorRequired,
            "Your role needs two-step sign-in, so it cannot be turned off.",
        ));
    }
    let body = body.into_inner();
    let row = confirm_password(&state, &req, &user, body.password, "password").await?;
    state
        .write(changed_with_code(
            state.get_ref().clone(),
            row,
            body.code,
            |conn, row, now| {
                db::second_factors::remove(conn, &row.id)?;
                audit::Change::new(Some(&row.id), "user.second_factor_removed", "user", &row.id)
                    .record(conn, now)?;
                mail_owner(conn, row, SecondFactorEvent::Removed, now)?;
                Ok(())
            },
        ))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Reset someone's second factor
///
/// For a person who lost their authenticator and recovery codes: removes
/// them and signs out every session of the account; the person is mailed,
/// and enrols again at the next sign-in if their roles need it.
#[utoipa::path(
    delete, path = "/api/v1/users/{id}/second-factor", tag = "users",
    params(("id" = String, Path, description = "The user's id.")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Reset."),
        problems::Unauthenticated,
        problems::AdminsOnly,
        (status = 404, description = "No such user.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The account has no second factor.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn reset_second_factor(
    state: web::Data<SharedState>,
    admin: AuthUser,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    ApiError::forbidden_unless(policy::may_manage_users(&admin))?;
    let user_id = path.into_inner();
    let st = state.get_ref().clone();
    state
        .write(move |conn| {
            let now = st.clock.now();
            let row = db::users::find(conn, &user_id)?;
            enrolled_factor(conn, &row.id)?;
            db::second_factors::remove(conn, &row.id)?;
            db::second_factors::void_challenges(conn, &row.id, now.naive_utc())?;
            let ended = db::sessions::end_all(conn, &row.id, now.naive_utc())?;
            audit::Change::new(Some(&admin.id), "user.second_factor_reset", "user", &row.id)
                .after(serde_json::json!({ "sessions_ended": ended }))
                .record(conn, now)?;
            mail_owner(conn, &row, SecondFactorEvent::ResetByAdministrator, now)?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

fn sign_in_expired() -> ApiError {
    ApiError::SignInRefused {
        code: ProblemCode::SignInExpired,
        detail: "This sign-in has expired or was ended; enter your password again.",
    }
}

enum SecondStepOutcome {
    SignedIn(TokenResponse),
    Wrong { reused: bool },
    Expired,
}

/// Finish signing in with a code
///
/// Exchanges the challenge from `/auth/login` and the authenticator's
/// current code (or an unused recovery code) for tokens. Each code is
/// accepted once; five wrong codes end the challenge, and wrong codes on an
/// account are limited per hour.
#[utoipa::path(
    post, path = "/api/v1/auth/login/second-factor", tag = "auth",
    request_body = SecondStep,
    responses(
        (status = 200, description = "Signed in.", body = TokenResponse),
        problems::MalformedBody,
        (status = 401, description = "`wrong-code`: try again with the current code; `sign-in-expired`: start again with the password.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing fields.", body = Problem, content_type = "application/problem+json"),
        problems::Throttled,
    )
)]
pub async fn complete_sign_in(
    state: web::Data<SharedState>,
    req: HttpRequest,
    body: Json<SecondStep>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let hash = token_hash(body.challenge.trim());
    let st = state.get_ref().clone();
    let lookup = hash.clone();
    let Some(user) = state
        .db(move |conn| {
            let now = st.clock.now().naive_utc();
            match db::second_factors::open_challenge(conn, &lookup, now)? {
                Some(challenge) => Ok(Some(db::users::find(conn, &challenge.user_id)?)),
                None => Ok(None),
            }
        })
        .await?
    else {
        return Err(sign_in_expired());
    };
    let address = client_address(&req, &state);
    state
        .login_limiter
        .admit_continuation(&user.email, &address)?;
    state.throttles.check(Action::WrongCode, &user.id)?;

    let email = user.email.clone();
    let st = state.get_ref().clone();
    let outcome = state
        .write_session(move |conn| second_step(conn, &st, &user, &hash, &body.code))
        .await?;
    match outcome {
        SecondStepOutcome::SignedIn(tokens) => {
            state.login_limiter.record_success(&email, &address);
            Ok(super::session_cookies::signed_in(
                &state.config,
                &tokens.refresh_token,
                &tokens,
            ))
        }
        SecondStepOutcome::Expired => Err(sign_in_expired()),
        SecondStepOutcome::Wrong { reused } => {
            state.login_limiter.record_failure(&email, &address);
            Err(ApiError::SignInRefused {
                code: ProblemCode::WrongCode,
                detail: if reused {
                    "This code was used already; wait for the next one."
                } else {
                    "The code is not right: enter the one your app shows now, or a recovery code."
                },
            })
        }
    }
}

/// The second step in one transaction: the challenge, the code, and either
/// the session or the counted failure (with its mail when the hour's
/// wrong codes run out).
fn second_step(
    conn: &mut DbConnection,
    st: &AppState,
    user: &UserRow,
    challenge_hash: &str,
    typed: &str,
) -> Result<SecondStepOutcome, ApiError> {
    let now = st.clock.now();
    let Some(challenge) =
        db::second_factors::open_challenge(conn, challenge_hash, now.naive_utc())?
    else {
        return Ok(SecondStepOutcome::Expired);
    };
    let Some(factor_row) =
        db::second_factors::find(conn, &user.id)?.filter(|f| f.confirmed_at.is_some())
    else {
        // Reset by an administrator since the password was entered.
        return Ok(SecondStepOutcome::Expired);
    };
    let method = match prove(conn, &factor_row, user, typed, now)? {
        Proof::Authenticator => "authenticator",
        Proof::RecoveryCode => "recovery_code",
        wrong @ (Proof::Reused | Proof::Wrong) => {
            let failures = db::second_factors::count_failure(conn, &challenge.id)?;
            if failures >= CHALLENGE_TRIES {
                db::second_factors::close_challenge(conn, &challenge.id, now.naive_utc())?;
            }
            if st.throttles.record(Action::WrongCode, &user.id) {
                mail_owner(conn, user, SecondFactorEvent::TooManyWrongCodes, now)?;
            }
            return Ok(SecondStepOutcome::Wrong {
                reused: matches!(wrong, Proof::Reused),
            });
        }
    };
    if !db::second_factors::close_challenge(conn, &challenge.id, now.naive_utc())? {
        // Another request with this challenge won: undo what this one spent.
        return Err(sign_in_expired());
    }
    let tokens = start_session(conn, st, user, now)?;
    audit::Change::new(Some(&user.id), "session.login", "user", &user.id)
        .after(serde_json::json!({ "second_factor": method }))
        .record(conn, now)?;
    Ok(SecondStepOutcome::SignedIn(tokens))
}
