//! `AuthUser`: the signed-in caller, taken from the bearer token and checked
//! against the stored account on every request (so role changes and revoked
//! sessions take effect at once), through the account cache.
//!
//! Staff (operators, funders, administrators) must have a second factor:
//! until they enrol one, `AuthUser` refuses them with 403
//! `second-factor-required`. The few endpoints they need to enrol (and to
//! read their account or sign out) take `SignedIn` instead, which does not.

use std::future::Future;
use std::pin::Pin;

use actix_web::{FromRequest, HttpRequest, dev::Payload, http::header, web};

use crate::auth::account_cache::CachedAccount;
use crate::db;
use crate::domain::ids::UserId;
use crate::domain::role::{Role, RoleSet};
use crate::error::ApiError;
use crate::error::ProblemCode;
use crate::state::SharedState;

#[derive(Debug, Clone)]
pub struct AuthUser {
    pub id: UserId,
    pub email: String,
    pub full_name: String,
    pub roles: RoleSet,
    /// Whether the person followed the link mailed to their address.
    pub email_verified: bool,
    /// Whether the account has a confirmed authenticator (`db::second_factors`).
    pub second_factor: bool,
    /// The session of the token this request came with.
    pub session_id: String,
}

impl AuthUser {
    pub fn has(&self, role: Role) -> bool {
        self.roles.has(role)
    }

    /// 403 until the address is confirmed: a proposal's contacts are mailed
    /// its receipts and results, so they must be reachable and be who they say.
    pub fn require_verified_email(&self) -> Result<(), ApiError> {
        if self.email_verified {
            Ok(())
        } else {
            Err(ApiError::refused(
                ProblemCode::EmailNotVerified,
                "Confirm your email address first: open the link we mailed you, or ask for a new one from your profile.",
            ))
        }
    }
}

fn bearer_token(req: &HttpRequest) -> Result<String, ApiError> {
    let value = req
        .headers()
        .get(header::AUTHORIZATION)
        .ok_or(ApiError::Unauthenticated(
            "Sign in: this needs an access token.",
        ))?
        .to_str()
        .map_err(|_| ApiError::Unauthenticated("The Authorization header is malformed."))?;
    let (scheme, token) = value.split_once(' ').ok_or(ApiError::Unauthenticated(
        "Use `Authorization: Bearer <token>`.",
    ))?;
    if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
        return Err(ApiError::Unauthenticated(
            "Use `Authorization: Bearer <token>`.",
        ));
    }
    Ok(token.trim().to_owned())
}

/// Reads the account from the database.
async fn load_account(state: &SharedState, user_id: UserId) -> Result<CachedAccount, ApiError> {
    let now = state.clock.now().naive_utc();
    let limits = state.config.sessions;
    let (row, live_sessions, second_factor) = state
        .db(move |conn| {
            let row = db::users::find(conn, &user_id)?;
            // The roles held now set the lifetime: a promotion to staff
            // shortens the sessions begun before it.
            let staff = row.role_set().is_staff();
            let started_after = crate::domain::session::started_after(now, limits.of(staff).0);
            let live = db::sessions::live_ids(conn, &user_id, now, started_after)?;
            let second_factor = db::second_factors::is_enrolled(conn, &user_id)?;
            Ok((row, live, second_factor))
        })
        .await
        .map_err(|e| match e {
            ApiError::NotFound => ApiError::Unauthenticated("The account no longer exists."),
            other => other,
        })?;
    Ok(CachedAccount {
        tokens_valid_after: row.tokens_valid_after.and_utc().timestamp(),
        live_sessions,
        user: AuthUser {
            roles: row.role_set(),
            id: row.id,
            email: row.email,
            full_name: row.full_name,
            email_verified: row.email_verified_at.is_some(),
            second_factor,
            session_id: String::new(),
        },
    })
}

/// The caller of a request, from its bearer token, whatever their second factor.
async fn authenticate(
    state: Option<web::Data<SharedState>>,
    token: Result<String, ApiError>,
) -> Result<AuthUser, ApiError> {
    let state = state.ok_or_else(|| ApiError::Internal(anyhow::anyhow!("no app state")))?;
    let claims = state.tokens.verify(&token?, state.clock.now())?;
    let signed_out = || ApiError::Unauthenticated("This session was signed out; sign in again.");
    let mut account = state
        .accounts
        .get_or_load(
            claims.sub.clone(),
            load_account(&state, claims.sub.clone().into()),
        )
        .await?;
    if !account.live_sessions.contains(&claims.sid) {
        // Begun after the account was cached (here or on another
        // instance), or ended: the database says which.
        state.accounts.forget(&claims.sub);
        account = state
            .accounts
            .get_or_load(
                claims.sub.clone(),
                load_account(&state, claims.sub.clone().into()),
            )
            .await?;
        if !account.live_sessions.contains(&claims.sid) {
            return Err(signed_out());
        }
    }
    if claims.iat < account.tokens_valid_after {
        return Err(signed_out());
    }
    let mut user = account.user.clone();
    user.session_id = claims.sid;
    Ok(user)
}

/// The signed-in caller, who may still have to enrol a second factor: only
/// for the endpoints that enrolment needs (`AuthUser` for every other).
#[derive(Debug, Clone)]
pub struct SignedIn(pub AuthUser);

impl FromRequest for SignedIn {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<SharedState>>().cloned();
        let token = bearer_token(req);
        Box::pin(async move { authenticate(state, token).await.map(SignedIn) })
    }
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<SharedState>>().cloned();
        let token = bearer_token(req);
        Box::pin(async move {
            let user = authenticate(state, token).await?;
            if crate::auth::policy::must_enrol_second_factor(&user) {
                return Err(ApiError::refused(
                    ProblemCode::SecondFactorRequired,
                    "Set up two-step sign-in in your profile first: your role needs it.",
                ));
            }
            Ok(user)
        })
    }
}
