//! The database itself refuses values the code does not know, on both
//! backends, and accepts exactly the texts of the domain's enums.

use std::collections::BTreeSet;

use crate::support::fixtures::Consortium;
use crate::support::{Expect, spawn_app};
use diesel::RunQueryDsl;
use diesel::sql_types::Text;
use jointcall::db::DbConnection;
use jointcall::db::columns::ENUM_COLUMNS;
use reqwest::StatusCode;

#[derive(diesel::QueryableByName)]
struct Definition {
    #[diesel(sql_type = Text)]
    definition: String,
}

/// The texts a column's guards accept, read back from the database's own
/// catalogue: the CHECK constraint on PostgreSQL, both triggers on SQLite.
fn accepted(conn: &mut DbConnection, table: &str, column: &str) -> Vec<BTreeSet<String>> {
    let query = match conn {
        DbConnection::Pg(_) => format!(
            "SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint \
             WHERE conname = '{table}_{column}_known'"
        ),
        DbConnection::Sqlite(_) => format!(
            "SELECT sql AS definition FROM sqlite_master WHERE type = 'trigger' \
             AND name IN ('{table}_{column}_known_insert', '{table}_{column}_known_update')"
        ),
    };
    let definitions: Vec<Definition> = diesel::sql_query(query).load(conn).unwrap();
    definitions
        .iter()
        .map(|d| {
            d.definition
                .split('\'')
                .skip(1)
                .step_by(2)
                .filter(|text| !text.contains(':')) // the trigger's message
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn every_enum_column_accepts_exactly_the_texts_of_its_enum() {
    let app = spawn_app().await;
    let mut conn = app.state.pool.get().unwrap();
    let guards = match &mut **conn {
        DbConnection::Pg(_) => 1,
        DbConnection::Sqlite(_) => 2,
    };
    for (table, column, texts) in ENUM_COLUMNS {
        let expected: BTreeSet<String> = texts.iter().map(|t| (*t).to_owned()).collect();
        let found = accepted(&mut conn, table, column);
        assert_eq!(found.len(), guards, "{table}.{column} is guarded");
        for set in found {
            assert_eq!(set, expected, "{table}.{column}");
        }
    }
}

/// Stored values are written by the code, but not only: an operator with a
/// SQL prompt, a restore, a future version. The database refuses an unknown
/// status or role, and a document that does not parse fails its read as an
/// internal error rather than reading as an empty default (issue #18).
#[tokio::test]
async fn unknown_values_are_refused_and_corrupt_documents_fail_loudly() {
    let c = Consortium::with_settings("small", vec![("JOINTCALL_SNAPSHOT_TTL_MS", "0".to_owned())])
        .await;
    let id = &c.proposal_id;
    let mut conn = c.app.state.pool.get().unwrap();
    // Each update would pass with a known value: only the unknown one is refused.
    for (table, column, unknown, known, rows) in [
        (
            "proposals",
            "status",
            "archived",
            "draft",
            "status = 'draft'",
        ),
        (
            "partners",
            "role",
            "sponsor",
            "coordinator",
            "role = 'coordinator'",
        ),
        ("users", "language", "lb", "en", "language = 'en'"),
        ("calls", "status", "paused", "open", "status = 'open'"),
        // The mail worker may have sent them by now: every mail.
        ("outbox", "status", "bounced", "sent", "id <> ''"),
    ] {
        let update = |value: &str| format!("UPDATE {table} SET {column} = '{value}' WHERE {rows}");
        let refused = diesel::sql_query(update(unknown)).execute(&mut **conn);
        assert!(refused.is_err(), "{table}.{column} = {unknown} is refused");
        let kept = diesel::sql_query(update(known))
            .execute(&mut **conn)
            .unwrap();
        assert!(kept > 0, "{table}.{column} = {known} is kept");
    }

    let path = format!("/api/v1/proposals/{id}");
    let read = |path: String| {
        let c = &c;
        async move { c.app.get(&path, Some(&c.coordinator)).send().await.unwrap() }
    };
    read(path.clone()).await.checked(StatusCode::OK).await;
    for (corrupt, repair) in [
        ("keywords = 'cardiology'", "keywords = '[]'"),
        ("clinical = '{\"mdr_class\": 7}'", "clinical = '{}'"),
    ] {
        diesel::sql_query(format!("UPDATE proposals SET {corrupt} WHERE id = '{id}'"))
            .execute(&mut **conn)
            .unwrap();
        let problem = crate::support::assert_problem(read(path.clone()).await, 500).await;
        assert_eq!(problem["code"], "internal-error", "{corrupt}");
        diesel::sql_query(format!("UPDATE proposals SET {repair} WHERE id = '{id}'"))
            .execute(&mut **conn)
            .unwrap();
        assert_eq!(
            read(path.clone()).await.status(),
            StatusCode::OK,
            "{repair}"
        );
    }

    // A role list is checked name by name when read: an unknown name once
    // quietly dropped the role (an operator read as an applicant); now the
    // read fails until the row is repaired.
    let admin = c.app.admin().await;
    let users = || async {
        c.app
            .get("/api/v1/users?limit=200", Some(&admin))
            .send()
            .await
            .unwrap()
    };
    users().await.checked(StatusCode::OK).await;
    let set_roles = |roles: &str| {
        format!(
            "UPDATE users SET roles = '{roles}' WHERE id = '{}'",
            c.coordinator.id
        )
    };
    diesel::sql_query(set_roles("applicant,wizard"))
        .execute(&mut **conn)
        .unwrap();
    let problem = crate::support::assert_problem(users().await, 500).await;
    assert_eq!(problem["code"], "internal-error");
    diesel::sql_query(set_roles("applicant"))
        .execute(&mut **conn)
        .unwrap();
    users().await.checked(StatusCode::OK).await;
}
