//! Several instances on one PostgreSQL, as behind a load balancer: what one
//! instance writes, the others serve within moments, although each keeps
//! snapshots of hot reads and the accounts of recent callers.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::fixtures::Consortium;
use crate::support::{Actor, Expect, Options, TestApp, assert_problem, body};
use jointcall::domain::role::Role;

/// Far longer than the test: what the other instance sees after a write
/// can only come from the write feed, not from a snapshot expiring.
fn long_snapshots() -> Vec<(&'static str, String)> {
    vec![("JOINTCALL_SNAPSHOT_TTL_MS", "600000".to_owned())]
}

fn on_postgres() -> bool {
    std::env::var("TEST_DATABASE_URL").is_ok_and(|url| !url.is_empty())
}

/// Asks `app` for `path` until `seen` holds for the answer, for at most
/// five seconds; returns how long it took.
async fn seen_within(
    app: &TestApp,
    path: &str,
    actor: &Actor,
    seen: impl Fn(StatusCode, &Value) -> bool,
) -> Option<Duration> {
    let begin = Instant::now();
    while begin.elapsed() < Duration::from_secs(5) {
        let response = app.get(path, Some(actor)).send().await.unwrap();
        let status = response.status();
        if seen(status, &response.json().await.unwrap_or(Value::Null)) {
            return Some(begin.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    None
}

#[tokio::test]
async fn a_write_on_one_instance_is_served_by_the_other_at_once() {
    if !on_postgres() {
        eprintln!("not run: several instances need PostgreSQL (TEST_DATABASE_URL)");
        return;
    }
    let c = Consortium::with_settings("small", long_snapshots()).await;
    let (a, coordinator, path) = (&c.app, &c.coordinator, c.path(""));
    let b = a
        .another_instance(Options {
            extra: long_snapshots(),
            ..Default::default()
        })
        .await;
    let operator = a
        .user_with_roles("staff@test.lu", &[Role::Operator], None)
        .await;

    // Instance A reads the proposal (and keeps it); B edits it.
    let before = body(a.get(&path, Some(coordinator)).send().await.unwrap()).await;
    assert_eq!(before["title"], "Remote cardiac care");
    let edited = b
        .put(
            &path,
            Some(coordinator),
            json!({ "acronym": "CARE", "title": "Cardiac care at home" }),
        )
        .header("If-Match", format!("\"{}\"", before["version"]))
        .send()
        .await
        .unwrap();
    edited.checked(StatusCode::OK).await;
    let took = seen_within(a, &path, coordinator, |_, proposal| {
        proposal["title"] == "Cardiac care at home"
    })
    .await;
    assert!(took.is_some(), "instance A still serves the old title");

    // B takes the operator role away; A stops honouring it.
    let admin = b.admin().await;
    let account = format!("/api/v1/users/{}", operator.id);
    let read = b.get(&account, Some(&admin)).send().await.unwrap();
    let etag = read.headers()["etag"].to_str().unwrap().to_owned();
    a.get("/api/v1/outbox", Some(&operator))
        .send()
        .await
        .unwrap()
        .checked(StatusCode::OK)
        .await;
    let demoted = b
        .put(
            &format!("{account}/roles"),
            Some(&admin),
            json!({ "roles": [] }),
        )
        .header("If-Match", &etag)
        .send()
        .await
        .unwrap();
    demoted.checked(StatusCode::OK).await;
    let took = seen_within(a, "/api/v1/outbox", &operator, |status, _| {
        status == StatusCode::FORBIDDEN
    })
    .await;
    // Well within the account cache's two seconds: the feed, not the expiry.
    assert!(
        took.is_some_and(|t| t < Duration::from_secs(1)),
        "instance A let the former operator in for {took:?}"
    );
    assert_problem(
        a.get("/api/v1/outbox", Some(&operator))
            .send()
            .await
            .unwrap(),
        403,
    )
    .await;
}
