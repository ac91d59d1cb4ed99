//! The mail outbox: mails are written in the transaction of the change that
//! causes them and sent afterwards by the worker (`mail::worker`).

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::DbConnection;
use super::schema::outbox;
use crate::domain::mail_retry::MailStatus;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = outbox)]
pub struct MailRow {
    pub id: String,
    pub kind: String,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    pub status: MailStatus,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub locked_until: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
}

/// A mail to send.
#[derive(Debug, Clone)]
pub struct NewMail {
    pub kind: &'static str,
    pub to: String,
    pub subject: String,
    pub body: String,
}

pub fn enqueue(conn: &mut DbConnection, mail: NewMail, now: DateTime<Utc>) -> QueryResult<String> {
    let now = now.naive_utc();
    let row = MailRow {
        id: uuid::Uuid::new_v4().to_string(),
        kind: mail.kind.to_owned(),
        to_address: mail.to,
        subject: mail.subject,
        body_text: mail.body,
        status: MailStatus::Pending,
        attempts: 0,
        next_attempt_at: now,
        locked_until: None,
        last_error: None,
        created_at: now,
        sent_at: None,
    };
    diesel::insert_into(outbox::table)
        .values(&row)
        .execute(conn)?;
    Ok(row.id)
}

/// Pending mails due now and not claimed by another worker.
pub fn due(conn: &mut DbConnection, now: NaiveDateTime, limit: i64) -> QueryResult<Vec<MailRow>> {
    outbox::table
        .filter(outbox::status.eq(MailStatus::Pending))
        .filter(outbox::next_attempt_at.le(now))
        .filter(
            outbox::locked_until
                .is_null()
                .or(outbox::locked_until.lt(now)),
        )
        .order(outbox::created_at.asc())
        .limit(limit)
        .select(MailRow::as_select())
        .load(conn)
}

/// Claims one mail for `until`, so that a second worker (another instance)
/// skips it; false when someone else claimed it first.
pub fn claim(
    conn: &mut DbConnection,
    id: &str,
    now: NaiveDateTime,
    until: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        outbox::table
            .find(id)
            .filter(outbox::status.eq(MailStatus::Pending))
            .filter(
                outbox::locked_until
                    .is_null()
                    .or(outbox::locked_until.lt(now)),
            ),
    )
    .set(outbox::locked_until.eq(Some(until)))
    .execute(conn)
    .map(|n| n == 1)
}

pub fn mark_sent(conn: &mut DbConnection, id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::status.eq(MailStatus::Sent),
            outbox::sent_at.eq(Some(now)),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::locked_until.eq(None::<NaiveDateTime>),
            outbox::last_error.eq(None::<String>),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn mark_failed(
    conn: &mut DbConnection,
    id: &str,
    attempts: i32,
    error: &str,
    next_attempt_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::attempts.eq(attempts),
            outbox::last_error.eq(Some(error)),
            outbox::next_attempt_at.eq(next_attempt_at),
            outbox::locked_until.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn list(
    conn: &mut DbConnection,
    status: Option<MailStatus>,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<MailRow>, i64)> {
    let filtered = || {
        let mut q = outbox::table.into_boxed();
        if let Some(s) = status {
            q = q.filter(outbox::status.eq(s));
        }
        q
    };
    let rows = filtered()
        .order((outbox::created_at.desc(), outbox::id.asc()))
        .limit(limit)
        .offset(offset)
        .select(MailRow::as_select())
        .load(conn)?;
    let total = filtered().count().get_result(conn)?;
    Ok((rows, total))
}

/// When the oldest mail still waiting was queued.
pub fn oldest_pending(conn: &mut DbConnection) -> QueryResult<Option<NaiveDateTime>> {
    outbox::table
        .filter(outbox::status.eq(MailStatus::Pending))
        .select(diesel::dsl::min(outbox::created_at))
        .get_result(conn)
}

pub fn count_pending(conn: &mut DbConnection) -> QueryResult<i64> {
    outbox::table
        .filter(outbox::status.eq(MailStatus::Pending))
        .count()
        .get_result(conn)
}
