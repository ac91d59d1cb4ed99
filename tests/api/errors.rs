//! Every error the client can cause is an RFC 9457 problem.

use reqwest::{Method, StatusCode};

use crate::support::{Expect, assert_problem, body, spawn_app};

#[tokio::test]
async fn unknown_addresses_are_not_found_problems() {
    let app = spawn_app().await;

    for path in [
        "/api/v1/nothing-here",
        "/api/v2/users",
        "/api/v1/users/x/y/z",
    ] {
        let response = app.get(path, None).send().await.unwrap();
        let problem = assert_problem(response, 404).await;
        assert_eq!(
            problem["type"], "https://jointcall.eu/problems/not-found",
            "{path}"
        );
    }
}

#[tokio::test]
async fn wrong_methods_are_method_not_allowed_problems() {
    let app = spawn_app().await;

    for (method, path, allowed) in [
        (Method::DELETE, "/api/v1/auth/register", "POST"),
        (Method::GET, "/api/v1/auth/login", "POST"),
        (Method::PATCH, "/api/v1/me", "GET, PUT"),
        (Method::TRACE, "/api/v1/organisations", "GET, POST"),
        (Method::POST, "/health", "GET"),
    ] {
        let response = app.request(method.clone(), path).send().await.unwrap();
        assert_eq!(response.headers()["allow"], allowed, "{method} {path}");
        let problem = assert_problem(response, 405).await;
        assert_eq!(
            problem["type"], "https://jointcall.eu/problems/method-not-allowed",
            "{method} {path}"
        );
    }
}

#[tokio::test]
async fn malformed_bodies_are_bad_requests_and_wrong_shapes_unprocessable() {
    let app = spawn_app().await;
    let post = |body: &'static str, content_type: &'static str| {
        app.request(Method::POST, "/api/v1/auth/register")
            .header("content-type", content_type)
            .body(body)
            .send()
    };

    assert_problem(post("{\"email\": ", "application/json").await.unwrap(), 400).await;
    assert_problem(
        post("email=a@b.lu", "application/x-www-form-urlencoded")
            .await
            .unwrap(),
        400,
    )
    .await;
    let wrong_type = post(
        "{\"email\": 5, \"password\": \"x\", \"full_name\": \"y\"}",
        "application/json",
    )
    .await
    .unwrap();
    let problem = assert_problem(wrong_type, 422).await;
    assert_eq!(problem["errors"][0]["field"], "email");
    let not_an_object = post("[1, 2]", "application/json").await.unwrap();
    assert_problem(not_an_object, 422).await;
}

#[tokio::test]
async fn oversized_bodies_are_refused_without_reading_them_all() {
    let app = spawn_app().await;
    let huge = format!("{{\"email\": \"{}\"}}", "a".repeat(1024 * 1024));

    let response = app
        .request(Method::POST, "/api/v1/auth/register")
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();

    let problem = assert_problem(response, 413).await;
    assert_eq!(
        problem["type"],
        "https://jointcall.eu/problems/payload-too-large"
    );
}

#[tokio::test]
async fn a_failed_write_leaves_nothing_behind() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    app.applicant("once@example.org").await;
    let audit_before = body(
        app.get("/api/v1/audit?limit=500", Some(&admin))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let mails_before = app.outbox(&admin).await.len();

    let duplicate = app.register("once@example.org", "Twice").await;

    duplicate.checked(StatusCode::CONFLICT).await;
    let audit_after = body(
        app.get("/api/v1/audit?limit=500", Some(&admin))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        audit_after, audit_before,
        "no audit record for a refused write"
    );
    assert_eq!(
        app.outbox(&admin).await.len(),
        mails_before,
        "no mail for a refused write"
    );
}
