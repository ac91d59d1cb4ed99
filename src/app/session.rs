//! Sessions: begun at sign-in (and after a password change or enrolment),
//! each with the first pair of tokens.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::tokens::{random_token, token_hash};
use crate::db::sessions::SessionRow;
use crate::db::tokens::RefreshTokenRow;
use crate::db::users::UserRow;
use crate::db::{self, DbConnection};
use crate::domain::role::RoleSet;
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
    let roles = RoleSet::from_stored(&user.roles, user.agency);
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
    let roles = RoleSet::from_stored(&user.roles, user.agency).names();
    Ok(TokenResponse {
        access_token: state.tokens.issue(&user.id, &session.id, roles, now)?,
        refresh_token,
        token_type: "Bearer".to_owned(),
        expires_in: state.tokens.access_ttl_secs,
    })
}
