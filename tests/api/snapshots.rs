//! What clients read, pinned: the problem bodies of the errors every
//! endpoint shares and a representative resource, as snapshots reviewed in
//! `tests/api/snapshots/` (`cargo insta review` after a deliberate change).
//! Ids and instants differ on every run and read as placeholders.

use crate::support::fixtures::{Consortium, create_call, operator};
use crate::support::{Expect, assert_problem, body, spawn_app};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// The body with every UUID and every instant replaced by a placeholder.
fn stable(value: Value) -> Value {
    match value {
        Value::String(text) if uuid::Uuid::parse_str(&text).is_ok() => json!("[uuid]"),
        Value::String(text) if chrono::DateTime::parse_from_rfc3339(&text).is_ok() => {
            json!("[instant]")
        }
        Value::Array(items) => Value::Array(items.into_iter().map(stable).collect()),
        Value::Object(fields) => {
            Value::Object(fields.into_iter().map(|(k, v)| (k, stable(v))).collect())
        }
        other => other,
    }
}

#[tokio::test]
async fn problems_every_endpoint_shares() {
    let c = Consortium::new("small").await;
    let app = &c.app;
    let proposal = format!("/api/v1/proposals/{}", c.proposal_id);
    let update = json!({ "acronym": "", "title": "" });

    let invalid = app.register("not-an-address", "").await;
    insta::assert_json_snapshot!("validation", assert_problem(invalid, 422).await);

    let missing = app
        .put(&proposal, Some(&c.coordinator), update.clone())
        .send();
    insta::assert_json_snapshot!(
        "if_match_missing",
        assert_problem(missing.await.unwrap(), 428).await
    );

    let stale = app
        .put(&proposal, Some(&c.coordinator), update)
        .header("If-Match", "\"999\"")
        .send();
    insta::assert_json_snapshot!(
        "if_match_stale",
        assert_problem(stale.await.unwrap(), 412).await
    );

    let unknown = app.get(
        "/api/v1/proposals/00000000-0000-0000-0000-000000000000",
        Some(&c.coordinator),
    );
    insta::assert_json_snapshot!(
        "not_found",
        assert_problem(unknown.send().await.unwrap(), 404).await
    );

    let method = app.request(Method::PATCH, &proposal).send().await.unwrap();
    assert_eq!(method.headers()["allow"], "GET, PUT");
    insta::assert_json_snapshot!("method_not_allowed", assert_problem(method, 405).await);

    let anonymous = app.get(&proposal, None).send().await.unwrap();
    insta::assert_json_snapshot!("unauthenticated", assert_problem(anonymous, 401).await);
}

#[tokio::test]
async fn a_new_call_as_its_operator_reads_it() {
    let app = spawn_app().await;
    let operator = operator(&app).await;
    let created = create_call(&app, &operator, json!({})).await;
    let path = format!("/api/v1/calls/{}", created["id"].as_str().unwrap());

    let read = app.get(&path, Some(&operator)).send().await.unwrap();

    let read = read.checked(StatusCode::OK).await;
    insta::assert_json_snapshot!("new_call", stable(body(read).await));
}
