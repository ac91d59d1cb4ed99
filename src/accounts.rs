//! Creating accounts, shared by registration, `create-admin` and `seed-demo`.

use chrono::{DateTime, Utc};

use crate::db::users::UserRow;
use crate::db::{self, DbConnection, audit};
use crate::domain::account::Email;
use crate::domain::role::RoleSet;
use crate::error::ApiError;

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
        id: uuid::Uuid::new_v4().to_string(),
        email: email.as_str().to_owned(),
        full_name: full_name.to_owned(),
        password_hash,
        roles: roles.to_stored(),
        agency: roles.agency().map(|a| a.as_str().to_owned()),
        email_verified_at: None,
        tokens_valid_after: now.naive_utc(),
        version: 1,
        created_at: now.naive_utc(),
        updated_at: now.naive_utc(),
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

fn email_taken() -> ApiError {
    ApiError::conflict(
        "email-taken",
        "An account with this email address already exists.",
    )
}
