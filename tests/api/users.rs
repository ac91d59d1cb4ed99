use jointcall::domain::role::Role;
use reqwest::StatusCode;
use serde_json::json;

use crate::support::{Expect, assert_problem, body, error_fields, spawn_app};

#[tokio::test]
async fn only_administrators_list_users() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let applicant = app.unverified_applicant("someone@example.org").await;

    let list = app
        .get("/api/v1/users?limit=10", Some(&admin))
        .send()
        .await
        .unwrap();
    let page = list.expect(StatusCode::OK).await;
    assert_eq!(page["total"], 2);
    assert_eq!(page["limit"], 10);
    let emails: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap())
        .collect();
    assert_eq!(emails, ["admin@test.lu", "someone@example.org"]);

    assert_problem(
        app.get("/api/v1/users", Some(&applicant))
            .send()
            .await
            .unwrap(),
        403,
    )
    .await;
    assert_problem(app.get("/api/v1/users", None).send().await.unwrap(), 401).await;
    let bad_page = app
        .get("/api/v1/users?limit=0", Some(&admin))
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_fields(&assert_problem(bad_page, 422).await),
        ["limit"]
    );
}

#[tokio::test]
async fn an_administrator_changes_roles_with_the_current_etag() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let user = app
        .unverified_applicant("future-operator@example.org")
        .await;
    let path = format!("/api/v1/users/{}/roles", user.id);

    // Before: an applicant cannot read the outbox.
    assert_problem(
        app.get("/api/v1/outbox", Some(&user)).send().await.unwrap(),
        403,
    )
    .await;

    let read = app
        .get(&format!("/api/v1/users/{}", user.id), Some(&admin))
        .send()
        .await
        .unwrap();
    let etag = read.headers()["etag"].to_str().unwrap().to_owned();
    let changed = app
        .put(
            &path,
            Some(&admin),
            json!({ "roles": ["operator", "reviewer"] }),
        )
        .header("If-Match", &etag)
        .send()
        .await
        .unwrap();
    let changed = changed.checked(StatusCode::OK).await;
    assert_eq!(changed.headers()["etag"], "\"2\"");
    assert_eq!(
        body(changed).await["roles"],
        json!(["applicant", "reviewer", "operator"])
    );

    // The change applies to the user's current token at once: as an operator
    // they must first enrol a second factor, then they act as one.
    let gated = app.get("/api/v1/outbox", Some(&user)).send().await.unwrap();
    assert_eq!(
        assert_problem(gated, 403).await["type"],
        "https://jointcall.eu/problems/second-factor-required"
    );
    app.enrol_second_factor(&user).await;
    app.get("/api/v1/outbox", Some(&user))
        .send()
        .await
        .unwrap()
        .checked(StatusCode::OK)
        .await;

    // A second write with the old ETag is refused, and one without any is asked for it.
    let stale = app
        .put(&path, Some(&admin), json!({ "roles": [] }))
        .header("If-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(
        assert_problem(stale, 412).await["type"],
        "https://jointcall.eu/problems/stale-version"
    );
    let missing = app
        .put(&path, Some(&admin), json!({ "roles": [] }))
        .send()
        .await
        .unwrap();
    assert_problem(missing, 428).await;

    let me = body(app.get("/api/v1/me", Some(&user)).send().await.unwrap()).await;
    assert_eq!(
        me["roles"],
        json!(["applicant", "reviewer", "operator"]),
        "the stale write changed nothing"
    );
}

#[tokio::test]
async fn a_funder_has_exactly_one_agency() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let user = app.unverified_applicant("funder@example.org").await;
    let path = format!("/api/v1/users/{}/roles", user.id);

    let no_agency = app
        .put(&path, Some(&admin), json!({ "roles": ["funder"] }))
        .header("If-Match", "\"1\"")
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_fields(&assert_problem(no_agency, 422).await),
        ["agency"]
    );
    let unknown_role = app
        .put(&path, Some(&admin), json!({ "roles": ["wizard"] }))
        .header("If-Match", "\"1\"")
        .send()
        .await
        .unwrap();
    assert_problem(unknown_role, 422).await;

    let funder = app
        .put(
            &path,
            Some(&admin),
            json!({ "roles": ["funder"], "agency": "FNR" }),
        )
        .header("If-Match", "\"1\"")
        .send()
        .await
        .unwrap();
    let funder = funder.expect(StatusCode::OK).await;
    assert_eq!(funder["agency"], "FNR");
    assert_eq!(funder["roles"], json!(["applicant", "funder"]));
}

#[tokio::test]
async fn the_last_administrator_keeps_the_role() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let path = format!("/api/v1/users/{}/roles", admin.id);

    let demote = app
        .put(&path, Some(&admin), json!({ "roles": [] }))
        .header("If-Match", "\"1\"")
        .send()
        .await
        .unwrap();
    assert_eq!(
        assert_problem(demote, 409).await["type"],
        "https://jointcall.eu/problems/last-admin"
    );

    let second = app
        .user_with_roles("second-admin@test.lu", &[Role::Admin], None)
        .await;
    let demote = app
        .put(
            &path,
            Some(&second),
            json!({ "roles": ["funder"], "agency": "DS" }),
        )
        .header("If-Match", "\"1\"")
        .send()
        .await
        .unwrap();
    demote.checked(StatusCode::OK).await;
    assert_problem(
        app.get("/api/v1/users", Some(&admin)).send().await.unwrap(),
        403,
    )
    .await;
}

#[tokio::test]
async fn an_unknown_user_is_not_found() {
    let app = spawn_app().await;
    let admin = app.admin().await;

    let response = app
        .get(
            "/api/v1/users/00000000-0000-0000-0000-000000000000",
            Some(&admin),
        )
        .send()
        .await
        .unwrap();

    assert_problem(response, 404).await;
}
