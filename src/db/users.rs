//! Accounts.

use std::cell::RefCell;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::columns::StoredRoles;
use super::schema::users;
use crate::domain::ids::UserId;
use crate::domain::language::Language;
use crate::domain::role::{Agency, RoleSet};

thread_local! {
    /// The accounts written on this thread; `AppState::write` takes them
    /// after its transaction to know which cached accounts went stale (a
    /// sign-in or a budget edit writes none).
    static ACCOUNTS_WRITTEN: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

pub(crate) fn note_account_written(id: &str) {
    ACCOUNTS_WRITTEN.with_borrow_mut(|written| written.push(id.to_owned()));
}

/// The ids of the accounts written on this thread since the last call.
/// Whether this thread's write so far changed an account (or ended a session).
pub fn accounts_written_pending() -> bool {
    ACCOUNTS_WRITTEN.with_borrow(|written| !written.is_empty())
}

pub fn take_accounts_written() -> Vec<String> {
    ACCOUNTS_WRITTEN.take()
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: UserId,
    pub email: String,
    pub full_name: String,
    #[serde(skip)]
    pub password_hash: String,
    pub roles: StoredRoles,
    pub agency: Option<Agency>,
    pub email_verified_at: Option<NaiveDateTime>,
    pub tokens_valid_after: NaiveDateTime,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// A `Language` code: the language of the letters this person receives.
    pub language: Language,
}

impl UserRow {
    /// The roles this account holds, with its agency.
    pub fn role_set(&self) -> RoleSet {
        RoleSet::from_stored(&self.roles.roles(), self.agency)
    }
}

pub fn insert(conn: &mut DbConnection, row: &UserRow) -> QueryResult<()> {
    diesel::insert_into(users::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<UserRow> {
    on_backend!(conn, |c| {
        users::table.find(id).select(UserRow::as_select()).first(c)
    })
}

pub fn find_by_email(conn: &mut DbConnection, email: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .filter(users::email.eq(email))
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

pub fn list(conn: &mut DbConnection, limit: i64, offset: i64) -> QueryResult<(Vec<UserRow>, i64)> {
    let rows = users::table
        .order((users::created_at.asc(), users::id.asc()))
        .limit(limit)
        .offset(offset)
        .select(UserRow::as_select())
        .load(conn)?;
    let total = users::table.count().get_result(conn)?;
    Ok((rows, total))
}

/// Sets the roles if the stored version is still `version`; false when it moved on.
pub fn update_roles(
    conn: &mut DbConnection,
    id: &str,
    version: i64,
    roles: &RoleSet,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    note_account_written(id);
    diesel::update(users::table.filter(users::id.eq(id).and(users::version.eq(version))))
        .set((
            users::roles.eq(StoredRoles::of(roles)),
            users::agency.eq(roles.agency()),
            users::version.eq(version + 1),
            users::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|n| n == 1)
}

pub fn update_profile(
    conn: &mut DbConnection,
    id: &str,
    version: i64,
    full_name: &str,
    language: Language,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    note_account_written(id);
    diesel::update(users::table.filter(users::id.eq(id).and(users::version.eq(version))))
        .set((
            users::full_name.eq(full_name),
            users::language.eq(language.as_str()),
            users::version.eq(version + 1),
            users::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|n| n == 1)
}

/// Sets a new password and invalidates every access token issued before `now`.
pub fn update_password(
    conn: &mut DbConnection,
    id: &str,
    password_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    note_account_written(id);
    diesel::update(users::table.find(id))
        .set((
            users::password_hash.eq(password_hash),
            users::tokens_valid_after.eq(now),
            users::version.eq(users::version + 1),
            users::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn mark_email_verified(
    conn: &mut DbConnection,
    id: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    note_account_written(id);
    diesel::update(
        users::table
            .find(id)
            .filter(users::email_verified_at.is_null()),
    )
    .set((
        users::email_verified_at.eq(Some(now)),
        users::version.eq(users::version + 1),
        users::updated_at.eq(now),
    ))
    .execute(conn)
    .map(|_| ())
}

/// Administrators, counted by the stored role list.
pub fn count_admins(conn: &mut DbConnection) -> QueryResult<i64> {
    users::table
        .filter(users::roles.like("%admin%"))
        .count()
        .get_result(conn)
}
