//! Two-step sign-in: each account's authenticator (a TOTP secret), its
//! recovery codes and the sign-ins waiting for a code.
//!
//! Every change to an authenticator notes the account as written, so cached
//! accounts (which know whether it is enrolled) are dropped on every instance.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::schema::{recovery_codes, second_factors, sign_in_challenges};
use super::users::note_account_written;
use crate::domain::ids::UserId;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = second_factors)]
pub struct SecondFactorRow {
    pub user_id: UserId,
    /// Base32, as authenticator apps read it.
    pub secret: String,
    pub created_at: NaiveDateTime,
    /// `None` while enrolment waits for the first code.
    pub confirmed_at: Option<NaiveDateTime>,
    /// The newest TOTP time step accepted: only later ones are.
    pub last_step: i64,
}

pub fn find(conn: &mut DbConnection, user_id: &UserId) -> QueryResult<Option<SecondFactorRow>> {
    second_factors::table
        .find(user_id)
        .select(SecondFactorRow::as_select())
        .first(conn)
        .optional()
}

/// Whether the account has a confirmed authenticator.
pub fn is_enrolled(conn: &mut DbConnection, user_id: &UserId) -> QueryResult<bool> {
    Ok(find(conn, user_id)?.is_some_and(|f| f.confirmed_at.is_some()))
}

/// Starts (or restarts) an enrolment with a new secret; the account stays
/// without a second factor until `confirm`.
pub fn begin(conn: &mut DbConnection, row: &SecondFactorRow) -> QueryResult<()> {
    remove(conn, &row.user_id)?;
    diesel::insert_into(second_factors::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn confirm(
    conn: &mut DbConnection,
    user_id: &UserId,
    step: i64,
    now: NaiveDateTime,
) -> QueryResult<()> {
    note_account_written(user_id);
    diesel::update(second_factors::table.find(user_id))
        .set((
            second_factors::confirmed_at.eq(Some(now)),
            second_factors::last_step.eq(step),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Records `step` as used, only if it is later than every step used before:
/// false when another request took it (or a later one) first.
pub fn use_step(conn: &mut DbConnection, user_id: &UserId, step: i64) -> QueryResult<bool> {
    let updated = diesel::update(
        second_factors::table
            .find(user_id)
            .filter(second_factors::last_step.lt(step)),
    )
    .set(second_factors::last_step.eq(step))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Removes the authenticator and its recovery codes.
pub fn remove(conn: &mut DbConnection, user_id: &UserId) -> QueryResult<bool> {
    note_account_written(user_id);
    diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(user_id)))
        .execute(conn)?;
    let removed = diesel::delete(second_factors::table.find(user_id)).execute(conn)?;
    Ok(removed == 1)
}

/// Replaces the account's recovery codes by these (SHA-256 hashes).
pub fn replace_recovery_codes(
    conn: &mut DbConnection,
    user_id: &UserId,
    code_hashes: &[String],
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(user_id)))
        .execute(conn)?;
    // One by one: batch inserts are not available over both backends.
    for hash in code_hashes {
        diesel::insert_into(recovery_codes::table)
            .values((
                recovery_codes::id.eq(uuid::Uuid::new_v4().to_string()),
                recovery_codes::user_id.eq(user_id),
                recovery_codes::code_hash.eq(hash),
                recovery_codes::created_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Spends an unused recovery code of the account; false if there is none
/// with that hash.
pub fn use_recovery_code(
    conn: &mut DbConnection,
    user_id: &UserId,
    code_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let used = diesel::update(
        recovery_codes::table
            .filter(recovery_codes::user_id.eq(user_id))
            .filter(recovery_codes::code_hash.eq(code_hash))
            .filter(recovery_codes::used_at.is_null()),
    )
    .set(recovery_codes::used_at.eq(Some(now)))
    .execute(conn)?;
    Ok(used == 1)
}

pub fn recovery_codes_left(conn: &mut DbConnection, user_id: &UserId) -> QueryResult<i64> {
    recovery_codes::table
        .filter(recovery_codes::user_id.eq(user_id))
        .filter(recovery_codes::used_at.is_null())
        .count()
        .get_result(conn)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = sign_in_challenges)]
pub struct ChallengeRow {
    pub id: String,
    pub user_id: UserId,
    pub token_hash: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub failures: i32,
    pub used_at: Option<NaiveDateTime>,
}

pub fn insert_challenge(conn: &mut DbConnection, row: &ChallengeRow) -> QueryResult<()> {
    diesel::insert_into(sign_in_challenges::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// The open (unused, unexpired) challenge with this hash.
pub fn open_challenge(
    conn: &mut DbConnection,
    token_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<ChallengeRow>> {
    sign_in_challenges::table
        .filter(sign_in_challenges::token_hash.eq(token_hash))
        .filter(sign_in_challenges::used_at.is_null())
        .filter(sign_in_challenges::expires_at.gt(now))
        .select(ChallengeRow::as_select())
        .first(conn)
        .optional()
}

/// Spends the challenge; false if another request spent it first.
pub fn close_challenge(conn: &mut DbConnection, id: &str, now: NaiveDateTime) -> QueryResult<bool> {
    let closed = diesel::update(
        sign_in_challenges::table
            .find(id)
            .filter(sign_in_challenges::used_at.is_null()),
    )
    .set(sign_in_challenges::used_at.eq(Some(now)))
    .execute(conn)?;
    Ok(closed == 1)
}

/// Counts a wrong code; returns the failures so far.
pub fn count_failure(conn: &mut DbConnection, id: &str) -> QueryResult<i32> {
    diesel::update(sign_in_challenges::table.find(id))
        .set(sign_in_challenges::failures.eq(sign_in_challenges::failures + 1))
        .execute(conn)?;
    sign_in_challenges::table
        .find(id)
        .select(sign_in_challenges::failures)
        .first(conn)
}

/// Voids the account's open challenges (after a reset of its second factor).
pub fn void_challenges(
    conn: &mut DbConnection,
    user_id: &UserId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        sign_in_challenges::table
            .filter(sign_in_challenges::user_id.eq(user_id))
            .filter(sign_in_challenges::used_at.is_null()),
    )
    .set(sign_in_challenges::used_at.eq(Some(now)))
    .execute(conn)
}
