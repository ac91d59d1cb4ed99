//! Accounts as administrators see them, and role changes.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::if_match::IfMatch;
use super::json::Json;
use super::support::{Page, Pagination, ok_with_etag};
use crate::accounts::set_roles;
use crate::auth::{AuthUser, policy};
use crate::db;
use crate::db::users::UserRow;
use crate::domain::ids::UserId;
use crate::domain::language::Language;
use crate::domain::role::{Agency, Role, RoleSet};
use crate::error::ProblemCode;
use crate::error::responses as problems;
use crate::error::{ApiError, Problem};
use crate::state::SharedState;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct UserResponse {
    #[schema(value_type = String)]
    pub id: UserId,
    pub email: String,
    pub full_name: String,
    /// Always includes `applicant`.
    pub roles: Vec<Role>,
    /// The funding agency, for users with the `funder` role.
    pub agency: Option<Agency>,
    pub email_verified: bool,
    /// The language of the letters this person receives.
    pub language: Language,
    /// Increases with every change; also sent as the ETag.
    pub version: i64,
    pub created_at: DateTime<Utc>,
}

impl From<&UserRow> for UserResponse {
    fn from(row: &UserRow) -> Self {
        let roles = row.role_set();
        Self {
            id: row.id.clone(),
            email: row.email.clone(),
            full_name: row.full_name.clone(),
            roles: roles.roles().to_vec(),
            agency: roles.agency(),
            email_verified: row.email_verified_at.is_some(),
            language: row.language,
            version: row.version,
            created_at: row.created_at.and_utc(),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RolesUpdate {
    /// The complete new set of roles (`applicant` is implied).
    #[schema(max_items = 5)]
    pub roles: Vec<Role>,
    /// Required with `funder`, forbidden without.
    #[serde(default)]
    pub agency: Option<Agency>,
}

/// List users
#[utoipa::path(
    get, path = "/api/v1/users", tag = "users",
    params(Pagination),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of users, oldest first.", body = Page<UserResponse>),
        problems::Unauthenticated,
        problems::AdminsOnly,
        (status = 422, description = "Bad paging values.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_users(
    state: web::Data<SharedState>,
    user: AuthUser,
    page: web::Query<Pagination>,
) -> Result<HttpResponse, ApiError> {
    ApiError::forbidden_unless(policy::may_manage_users(&user))?;
    let (limit, offset) = page.into_inner().resolve()?;
    let (rows, total) = state
        .db(move |conn| Ok(db::users::list(conn, limit, offset)?))
        .await?;
    Ok(HttpResponse::Ok().json(Page {
        items: rows.iter().map(UserResponse::from).collect::<Vec<_>>(),
        total,
        limit,
        offset,
    }))
}

/// Read a user
#[utoipa::path(
    get, path = "/api/v1/users/{id}", tag = "users",
    params(("id" = String, Path, description = "The user's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The user; the ETag carries its version.", body = UserResponse,
            headers(("ETag" = String, description = "The version, for If-Match."))),
        problems::Unauthenticated,
        problems::AdminsOnly,
        (status = 404, description = "No such user.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_user(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    ApiError::forbidden_unless(policy::may_manage_users(&user))?;
    let id = id.into_inner();
    let row = state
        .db(move |conn| Ok(db::users::find(conn, &id)?))
        .await?;
    Ok(ok_with_etag(row.version, &UserResponse::from(&row)))
}

/// Change a user's roles
///
/// Replaces the roles and the agency. Needs `If-Match` with the user's
/// current ETag. The last administrator cannot lose the admin role.
#[utoipa::path(
    put, path = "/api/v1/users/{id}/roles", tag = "users",
    params(
        ("id" = String, Path, description = "The user's id."),
        ("If-Match" = String, Header, description = "The ETag last read for this user."),
    ),
    request_body = RolesUpdate,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The updated user.", body = UserResponse,
            headers(("ETag" = String, description = "The new version."))),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::AdminsOnly,
        (status = 404, description = "No such user.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "This would leave no administrator.", body = Problem, content_type = "application/problem+json"),
        problems::StaleVersion,
        (status = 422, description = "Invalid roles or agency.", body = Problem, content_type = "application/problem+json"),
        problems::IfMatchRequired,
    )
)]
pub async fn update_user_roles(
    state: web::Data<SharedState>,
    user: AuthUser,
    if_match: IfMatch,
    id: web::Path<String>,
    body: Json<RolesUpdate>,
) -> Result<HttpResponse, ApiError> {
    ApiError::forbidden_unless(policy::may_manage_users(&user))?;
    let body = body.into_inner();
    let id = id.into_inner();
    let st = state.get_ref().clone();
    let updated = state
        .write(move |conn| {
            let now = st.clock.now();
            let before = db::users::find(conn, &id)?;
            if_match.check(before.version)?;
            let roles = RoleSet::new(&body.roles, body.agency).map_err(ApiError::Validation)?;
            let was_admin = before.role_set().has(Role::Admin);
            if was_admin && !roles.has(Role::Admin) && db::users::count_admins(conn)? <= 1 {
                return Err(ApiError::conflict(
                    ProblemCode::LastAdmin,
                    "This is the last administrator; make someone else an administrator first.",
                ));
            }
            let after = set_roles(conn, &before, &roles, Some(&user.id), now)?;
            Ok(after)
        })
        .await?;
    Ok(ok_with_etag(updated.version, &UserResponse::from(&updated)))
}
