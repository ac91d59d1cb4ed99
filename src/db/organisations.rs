//! Organisations and the users affiliated to them.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::schema::{affiliations, organisations};
use crate::domain::country::LUXEMBOURG;
use crate::domain::ids::{OrganisationId, UserId};
use crate::domain::organisation::{CompanySize, OrganisationKind};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = organisations)]
pub struct OrganisationRow {
    pub id: OrganisationId,
    pub name: String,
    pub kind: OrganisationKind,
    pub country: String,
    pub company_size: Option<CompanySize>,
    pub registration_number: Option<String>,
    pub created_by: Option<UserId>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl OrganisationRow {
    pub fn in_luxembourg(&self) -> bool {
        self.country == LUXEMBOURG
    }
}

pub fn insert(conn: &mut DbConnection, row: &OrganisationRow) -> QueryResult<()> {
    diesel::insert_into(organisations::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConnection, id: &OrganisationId) -> QueryResult<OrganisationRow> {
    organisations::table
        .find(id)
        .select(OrganisationRow::as_select())
        .first(conn)
}

/// Organisations by name, optionally only those whose name contains `query`
/// (case-insensitive, portable: both sides lower-cased).
pub fn list(
    conn: &mut DbConnection,
    query: Option<&str>,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<OrganisationRow>, i64)> {
    let filtered = || {
        let mut q = organisations::table.into_boxed();
        if let Some(text) = query {
            let pattern = format!("%{}%", escape_like(&text.to_lowercase()));
            q = q.filter(
                diesel::dsl::sql::<diesel::sql_types::Bool>("LOWER(name) LIKE ")
                    .bind::<diesel::sql_types::Text, _>(pattern)
                    .sql(" ESCAPE '\\'"),
            );
        }
        q
    };
    let rows = filtered()
        .order((organisations::name.asc(), organisations::id.asc()))
        .limit(limit)
        .offset(offset)
        .select(OrganisationRow::as_select())
        .load(conn)?;
    let total = filtered().count().get_result(conn)?;
    Ok((rows, total))
}

fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

pub fn update(
    conn: &mut DbConnection,
    row: &OrganisationRow,
    expected_version: i64,
) -> QueryResult<bool> {
    diesel::update(
        organisations::table.filter(
            organisations::id
                .eq(&row.id)
                .and(organisations::version.eq(expected_version)),
        ),
    )
    .set((
        organisations::name.eq(&row.name),
        organisations::kind.eq(&row.kind),
        organisations::country.eq(&row.country),
        organisations::company_size.eq(&row.company_size),
        organisations::registration_number.eq(&row.registration_number),
        organisations::version.eq(expected_version + 1),
        organisations::updated_at.eq(row.updated_at),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = affiliations)]
pub struct AffiliationRow {
    pub user_id: UserId,
    pub organisation_id: OrganisationId,
    pub position: String,
    pub created_at: NaiveDateTime,
}

pub fn insert_affiliation(conn: &mut DbConnection, row: &AffiliationRow) -> QueryResult<()> {
    diesel::insert_into(affiliations::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn delete_affiliation(
    conn: &mut DbConnection,
    user_id: &UserId,
    organisation_id: &OrganisationId,
) -> QueryResult<bool> {
    diesel::delete(affiliations::table.find((user_id, organisation_id)))
        .execute(conn)
        .map(|n| n == 1)
}

pub fn is_affiliated(
    conn: &mut DbConnection,
    user_id: &UserId,
    organisation_id: &OrganisationId,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        affiliations::table.find((user_id, organisation_id)),
    ))
    .get_result(conn)
}

/// A user's affiliations with their organisations' names.
pub fn affiliations_of(
    conn: &mut DbConnection,
    user_id: &UserId,
) -> QueryResult<Vec<(AffiliationRow, OrganisationRow)>> {
    affiliations::table
        .inner_join(organisations::table)
        .filter(affiliations::user_id.eq(user_id))
        .order(organisations::name.asc())
        .select((AffiliationRow::as_select(), OrganisationRow::as_select()))
        .load(conn)
}
