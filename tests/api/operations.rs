use diesel::RunQueryDsl;
use reqwest::StatusCode;

use crate::support::{Expect, Options, assert_problem, body, spawn_app, spawn_app_with};

#[tokio::test]
async fn health_readiness_and_metrics_answer() {
    let app = spawn_app().await;

    let health = app.get("/health", None).send().await.unwrap();
    let health = health.checked(StatusCode::OK).await;
    assert!(health.headers().contains_key("x-request-id"));
    assert_eq!(body(health).await["status"], "ok");
    let ready = app.get("/ready", None).send().await.unwrap();
    assert_eq!(body(ready).await["status"], "ready");

    app.get("/api/v1/nothing", None).send().await.unwrap();
    let applicant = app.applicant("metrics@example.org").await;
    let calls = app
        .get("/api/v1/calls", Some(&applicant))
        .send()
        .await
        .unwrap();
    calls.checked(StatusCode::OK).await;
    let metrics = app.get("/metrics", None).send().await.unwrap();
    assert!(
        metrics.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/openmetrics-text")
    );
    let text = metrics.text().await.unwrap();
    for line in [
        "jointcall_http_requests_total{method=\"GET\",status=\"404\"} 1",
        // Timed under the route's template, and an unknown path under one name.
        "jointcall_http_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/calls\",status=\"2xx\"} 1",
        "jointcall_http_request_duration_seconds_count{method=\"GET\",route=\"unmatched\",status=\"4xx\"} 1",
        "# TYPE jointcall_db_wait_seconds histogram",
    ] {
        assert!(text.contains(line), "{line} missing from:\n{text}");
    }
    // Read from the database: a count and an age, not -1 (unreachable).
    for gauge in [
        "jointcall_outbox_pending ",
        "jointcall_outbox_oldest_pending_seconds ",
    ] {
        let value = text
            .lines()
            .find_map(|l| l.strip_prefix(gauge))
            .and_then(|v| v.parse::<i64>().ok());
        assert!(value.is_some_and(|v| v >= 0), "{gauge}in:\n{text}");
    }
}

#[tokio::test]
async fn readiness_fails_while_the_database_is_unreachable() {
    let app = spawn_app().await;
    app.get("/ready", None)
        .send()
        .await
        .unwrap()
        .checked(StatusCode::OK)
        .await;

    // Make the database unreachable underneath the running server.
    match &app.db {
        crate::support::TestDb::Postgres {
            admin_url, name, ..
        } => {
            use diesel::Connection;
            let mut admin = diesel::pg::PgConnection::establish(admin_url).unwrap();
            diesel::sql_query(format!("DROP DATABASE {name} WITH (FORCE)"))
                .execute(&mut admin)
                .unwrap();
        }
        crate::support::TestDb::Sqlite { .. } => {
            // An embedded database has no server to lose: every connection
            // being taken is how it stops answering.
            let size = app.state.pool.max_size();
            let held: Vec<_> = (0..size).map(|_| app.state.pool.get().unwrap()).collect();
            std::mem::forget(held);
        }
        crate::support::TestDb::Shared { .. } => unreachable!("spawn_app owns its database"),
    }

    let ready = app.get("/ready", None).send().await.unwrap();
    let retry_after = ready.headers().get("retry-after").cloned();
    assert_problem(ready, 503).await;
    assert!(retry_after.is_some());
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_hsts_only_behind_https() {
    let app = spawn_app().await;
    for path in ["/health", "/api/v1/me", "/api/v1/nothing-here"] {
        let response = app.get(path, None).send().await.unwrap();
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
        assert_eq!(headers["referrer-policy"], "no-referrer", "{path}");
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self';"),
            "{csp}"
        );
        assert!(
            headers.get("strict-transport-security").is_none(),
            "plain HTTP: no HSTS"
        );
    }
    let https = spawn_app_with(Options {
        extra: vec![(
            "JOINTCALL_PUBLIC_URL",
            "https://portal.example.lu".to_owned(),
        )],
        ..Default::default()
    })
    .await;
    let response = https.get("/health", None).send().await.unwrap();
    assert_eq!(
        response.headers()["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
}
