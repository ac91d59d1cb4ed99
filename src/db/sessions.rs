//! Sessions: one per sign-in, named in every access token (`sid`) and shared
//! by the family of refresh tokens rotated from it.
//!
//! Ending one (sign-out, a reused refresh token, a password change, "sign
//! out everywhere") notes the account as written, so this instance's cached
//! account (which lists its live sessions) is dropped after the commit and the
//! write feed tells the other instances: the session's access tokens stop
//! working at once, not when they expire.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::schema::{refresh_tokens, sessions};
use super::users::note_account_written;
use crate::domain::ids::UserId;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    pub id: String,
    pub user_id: UserId,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub last_active_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
}

pub fn insert(conn: &mut DbConnection, row: &SessionRow) -> QueryResult<()> {
    diesel::insert_into(sessions::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<SessionRow>> {
    sessions::table
        .find(id)
        .select(SessionRow::as_select())
        .first(conn)
        .optional()
}

/// The ids of the account's sessions that are neither ended nor past their
/// absolute lifetime at `now`, begun after `started_after` (the lifetime of
/// the roles held now, `domain::session::started_after`); the idle timeout
/// is checked at refresh.
pub fn live_ids(
    conn: &mut DbConnection,
    user_id: &UserId,
    now: NaiveDateTime,
    started_after: NaiveDateTime,
) -> QueryResult<Vec<String>> {
    sessions::table
        .filter(sessions::user_id.eq(user_id))
        .filter(sessions::revoked_at.is_null())
        .filter(sessions::expires_at.gt(now))
        .filter(sessions::created_at.gt(started_after))
        .select(sessions::id)
        .load(conn)
}

/// Records use of the session (a refresh), for the idle timeout.
pub fn touch(conn: &mut DbConnection, id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(sessions::table.find(id))
        .set(sessions::last_active_at.eq(now))
        .execute(conn)
        .map(|_| ())
}

/// Ends one session and its refresh tokens.
pub fn end(conn: &mut DbConnection, session: &SessionRow, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(
        sessions::table
            .find(&session.id)
            .filter(sessions::revoked_at.is_null()),
    )
    .set(sessions::revoked_at.eq(Some(now)))
    .execute(conn)?;
    diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::family_id.eq(&session.id))
            .filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::revoked_at.eq(Some(now)))
    .execute(conn)?;
    note_account_written(&session.user_id);
    Ok(())
}

/// Ends every session of the account; how many were live.
pub fn end_all(
    conn: &mut DbConnection,
    user_id: &UserId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    end_all_but(conn, user_id, None, now)
}

/// Ends every session of the account but `keep` (the caller's own, when
/// a change on it, such as enrolling a second factor, signs out the others).
pub fn end_all_but(
    conn: &mut DbConnection,
    user_id: &UserId,
    keep: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let keep = keep.unwrap_or("");
    let ended = diesel::update(
        sessions::table
            .filter(sessions::user_id.eq(user_id))
            .filter(sessions::id.ne(keep))
            .filter(sessions::revoked_at.is_null()),
    )
    .set(sessions::revoked_at.eq(Some(now)))
    .execute(conn)?;
    diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::user_id.eq(user_id))
            .filter(refresh_tokens::family_id.ne(keep))
            .filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::revoked_at.eq(Some(now)))
    .execute(conn)?;
    note_account_written(user_id);
    Ok(ended)
}
