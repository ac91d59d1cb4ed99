//! Creating accounts, shared by registration, `create-admin` and `seed-demo`.

use chrono::{DateTime, Utc};

use crate::db::columns::StoredRoles;
use crate::db::users::UserRow;
use crate::db::{self, DbConnection, audit};
use crate::domain::account::Email;
use crate::domain::ids::UserId;
use crate::domain::language::Language;
use crate::domain::role::RoleSet;
use crate::error::ApiError;
use crate::error::ProblemCode;

/// Inserts an account with its audit record. Call inside `db::write_tx`.
/// A taken email is a 409 conflict, also when two registrations race.
pub fn create_user(
    conn: &mut DbConnection,
    email: &Email,
    full_name: &str,
    password_hash: String,
    roles: &RoleSet,
    actor_id: Option<&str>,
    now: DateTime<Utc>,
) -> Result<UserRow, ApiError> {
    if db::users::find_by_email(conn, email.as_str())?.is_some() {
        return Err(email_taken());
    }
    let user = UserRow {
        id: UserId::generate(),
        email: email.as_str().to_owned(),
        full_name: full_name.to_owned(),
        password_hash,
        roles: StoredRoles::of(roles),
        agency: roles.agency(),
        email_verified_at: None,
        tokens_valid_after: now.naive_utc(),
        version: 1,
        created_at: now.naive_utc(),
        updated_at: now.naive_utc(),
        language: Language::default(),
    };
    db::users::insert(conn, &user).map_err(|e| {
        if db::is_unique_violation(&e) {
            email_taken()
        } else {
            e.into()
        }
    })?;
    audit::Change::new(
        Some(actor_id.unwrap_or(&user.id)),
        "user.created",
        "user",
        &user.id,
    )
    .after_of(&user)
    .record(conn, now)?;
    Ok(user)
}

/// Replaces a user's roles if the account is still at `before`'s version
/// (412 otherwise), with its audit record. Call inside `db::write_tx`.
pub fn set_roles(
    conn: &mut DbConnection,
    before: &UserRow,
    roles: &RoleSet,
    actor_id: Option<&str>,
    now: DateTime<Utc>,
) -> Result<UserRow, ApiError> {
    if !db::users::update_roles(conn, &before.id, before.version, roles, now.naive_utc())? {
        return Err(ApiError::PreconditionFailed);
    }
    let after = db::users::find(conn, &before.id)?;
    audit::Change::new(actor_id, "user.roles_changed", "user", &before.id)
        .before(serde_json::json!({ "roles": before.roles, "agency": before.agency }))
        .after(serde_json::json!({ "roles": after.roles, "agency": after.agency }))
        .record(conn, now)?;
    Ok(after)
}

fn email_taken() -> ApiError {
    ApiError::conflict(
        ProblemCode::EmailTaken,
        "An account with this email address already exists.",
    )
}
