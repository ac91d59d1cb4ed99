//! Sessions: begun at sign-in (and after a password change or enrolment),
//! each with the first pair of tokens.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::tokens::{random_token, token_hash};
use crate::db::second_factors::ChallengeRow;
use crate::db::sessions::SessionRow;
use crate::db::tokens::RefreshTokenRow;
use crate::db::users::UserRow;
use crate::db::{self, DbConnection, audit};
use crate::error::ApiError;
use crate::state::AppState;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TokenResponse {
    /// A JWT to send as `Authorization: Bearer <token>`.
    pub access_token: String,
    /// Single use: exchange it at `/auth/refresh` for a new pair.
    pub refresh_token: String,
    #[schema(example = "Bearer")]
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
}

/// Starts a new session and returns its first tokens. Its absolute lifetime
/// follows the account's roles (`config::SessionLimits`).
pub fn start_session(
    conn: &mut DbConnection,
    state: &AppState,
    user: &UserRow,
    now: DateTime<Utc>,
) -> Result<TokenResponse, ApiError> {
    let roles = user.role_set();
    let (lifetime, _) = state.config.sessions.of(roles.is_staff());
    let session = SessionRow {
        id: uuid::Uuid::new_v4().to_string(),
        user_id: user.id.clone(),
        created_at: now.naive_utc(),
        expires_at: (now + lifetime).naive_utc(),
        last_active_at: now.naive_utc(),
        revoked_at: None,
    };
    db::sessions::insert(conn, &session)?;
    issue_tokens(conn, state, user, &session, now)
}

pub fn issue_tokens(
    conn: &mut DbConnection,
    state: &AppState,
    user: &UserRow,
    session: &SessionRow,
    now: DateTime<Utc>,
) -> Result<TokenResponse, ApiError> {
    let refresh_token = random_token();
    let refresh_ends = (now + state.config.refresh_token_ttl)
        .naive_utc()
        .min(session.expires_at);
    db::tokens::insert_refresh(
        conn,
        &RefreshTokenRow {
            id: uuid::Uuid::new_v4().to_string(),
            user_id: user.id.clone(),
            family_id: session.id.clone(),
            token_hash: token_hash(&refresh_token),
            created_at: now.naive_utc(),
            expires_at: refresh_ends,
            used_at: None,
            revoked_at: None,
        },
    )?;
    let roles = user.role_set().names();
    Ok(TokenResponse {
        access_token: state.tokens.issue(&user.id, &session.id, roles, now)?,
        refresh_token,
        token_type: "Bearer".to_owned(),
        expires_in: state.tokens.access_ttl_secs,
    })
}

pub enum Rotation {
    Rotated(TokenResponse),
    /// A used token came back: someone else has a copy. The family is revoked.
    Reused,
    Refused(&'static str),
    /// Past its lifetime or idle timeout: ended now.
    Ended(&'static str),
}

/// Exchanges a refresh token, once, for a new pair. A token presented a
/// second time means someone else holds a copy: its whole session ends.
pub fn rotate(
    conn: &mut DbConnection,
    state: &AppState,
    presented_hash: &str,
    now: DateTime<Utc>,
) -> Result<Rotation, ApiError> {
    let Some(token) = db::tokens::find_refresh(conn, presented_hash)? else {
        return Ok(Rotation::Refused("The refresh token is not valid."));
    };
    if token.revoked_at.is_some() {
        return Ok(Rotation::Refused(
            "This session was signed out; sign in again.",
        ));
    }
    let Some(session) = db::sessions::find(conn, &token.family_id)? else {
        return Ok(Rotation::Refused("The refresh token is not valid."));
    };
    let first_use =
        token.used_at.is_none() && db::tokens::mark_refresh_used(conn, &token.id, now.naive_utc())?;
    if !first_use {
        db::sessions::end(conn, &session, now.naive_utc())?;
        audit::Change::new(
            Some(&token.user_id),
            "session.refresh_token_reused",
            "user",
            &token.user_id,
        )
        .after(serde_json::json!({ "family_id": token.family_id }))
        .record(conn, now)?;
        return Ok(Rotation::Reused);
    }
    let user = db::users::find(conn, &token.user_id)?;
    let staff = user.role_set().is_staff();
    if let Some(reason) = crate::domain::session::over(
        session.created_at,
        session.expires_at,
        session.last_active_at,
        state.config.sessions.of(staff),
        now.naive_utc(),
    ) {
        db::sessions::end(conn, &session, now.naive_utc())?;
        return Ok(Rotation::Ended(reason));
    }
    if token.expires_at <= now.naive_utc() {
        return Ok(Rotation::Refused("The session has expired; sign in again."));
    }
    db::sessions::touch(conn, &session.id, now.naive_utc())?;
    Ok(Rotation::Rotated(issue_tokens(
        conn, state, &user, &session, now,
    )?))
}

/// How long the code may take after the password was accepted.
pub const CHALLENGE_TTL_SECS: i64 = 300;

/// What a right password gets: tokens, or (with a second factor) a challenge.
#[derive(Debug, Serialize, ToSchema)]
#[serde(untagged)]
pub enum SignInAnswer {
    Tokens(TokenResponse),
    SecondFactor(SecondFactorChallenge),
}

/// The answer to a right password on an account with a second factor.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SecondFactorChallenge {
    /// Always true: send `challenge` and a code to `/auth/login/second-factor`.
    pub second_factor_required: bool,
    pub challenge: String,
    /// Seconds the challenge stays good.
    pub expires_in: i64,
}

/// After the right password on an enrolled account: a challenge for the code.
fn open_challenge(
    conn: &mut DbConnection,
    user: &UserRow,
    now: DateTime<Utc>,
) -> Result<SecondFactorChallenge, ApiError> {
    let challenge = random_token();
    db::second_factors::insert_challenge(
        conn,
        &ChallengeRow {
            id: uuid::Uuid::new_v4().to_string(),
            user_id: user.id.clone(),
            token_hash: token_hash(&challenge),
            created_at: now.naive_utc(),
            expires_at: (now + Duration::seconds(CHALLENGE_TTL_SECS)).naive_utc(),
            failures: 0,
            used_at: None,
        },
    )?;
    Ok(SecondFactorChallenge {
        second_factor_required: true,
        challenge,
        expires_in: CHALLENGE_TTL_SECS,
    })
}

/// After the right password: a session with its first tokens, or, for an
/// account with a second factor, a challenge for its code.
pub fn sign_in(
    conn: &mut DbConnection,
    state: &AppState,
    user: &UserRow,
    now: DateTime<Utc>,
) -> Result<SignInAnswer, ApiError> {
    if db::second_factors::is_enrolled(conn, &user.id)? {
        return Ok(SignInAnswer::SecondFactor(open_challenge(conn, user, now)?));
    }
    let tokens = start_session(conn, state, user, now)?;
    audit::Change::new(Some(&user.id), "session.login", "user", &user.id).record(conn, now)?;
    Ok(SignInAnswer::Tokens(tokens))
}
