//! Calls for proposals.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::schema::calls;
use crate::domain::call::CallStatus;
use crate::domain::ids::{CallId, UserId};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = calls)]
pub struct CallRow {
    pub id: CallId,
    pub title: String,
    pub description: String,
    pub status: CallStatus,
    pub settings: String,
    pub created_by: Option<UserId>,
    pub opened_at: Option<NaiveDateTime>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &CallRow) -> QueryResult<()> {
    diesel::insert_into(calls::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConnection, id: &CallId) -> QueryResult<CallRow> {
    on_backend!(conn, |c| {
        calls::table.find(id).select(CallRow::as_select()).first(c)
    })
}

/// Calls in the given statuses (all when `None`), newest first.
pub fn list(
    conn: &mut DbConnection,
    statuses: Option<&[&str]>,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<CallRow>, i64)> {
    let filtered = || {
        let mut q = calls::table.into_boxed();
        if let Some(statuses) = statuses {
            q = q.filter(
                calls::status.eq_any(statuses.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>()),
            );
        }
        q
    };
    let rows = filtered()
        .order((calls::created_at.desc(), calls::id.asc()))
        .limit(limit)
        .offset(offset)
        .select(CallRow::as_select())
        .load(conn)?;
    let total = filtered().count().get_result(conn)?;
    Ok((rows, total))
}

/// Writes every changeable column if the stored version is still `expected_version`.
pub fn update(conn: &mut DbConnection, row: &CallRow, expected_version: i64) -> QueryResult<bool> {
    diesel::update(
        calls::table.filter(
            calls::id
                .eq(&row.id)
                .and(calls::version.eq(expected_version)),
        ),
    )
    .set((
        calls::title.eq(&row.title),
        calls::description.eq(&row.description),
        calls::status.eq(&row.status),
        calls::settings.eq(&row.settings),
        calls::opened_at.eq(row.opened_at),
        calls::version.eq(expected_version + 1),
        calls::updated_at.eq(row.updated_at),
    ))
    .execute(conn)
    .map(|n| n == 1)
}
