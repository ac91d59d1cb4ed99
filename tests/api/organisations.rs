use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{Actor, Expect, TestApp, assert_problem, body, error_fields, spawn_app};

fn lih() -> Value {
    json!({ "name": "Luxembourg Institute of Health", "kind": "research_organisation", "country": "lu" })
}

async fn create(app: &TestApp, actor: &Actor, org: Value) -> reqwest::Response {
    app.post("/api/v1/organisations", Some(actor), org)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_organisation_is_registered_and_read_back() {
    let app = spawn_app().await;
    let user = app.applicant("founder@example.org").await;

    let created = create(
        &app,
        &user,
        json!({
            "name": "MedSoft S.A.", "kind": "company", "country": "LU",
            "company_size": "small", "registration_number": "B123456"
        }),
    )
    .await;

    let created = created.checked(StatusCode::CREATED).await;
    assert_eq!(created.headers()["etag"], "\"1\"");
    let location = created.headers()["location"].to_str().unwrap().to_owned();
    let org = body(created).await;
    assert_eq!(
        location,
        format!("/api/v1/organisations/{}", org["id"].as_str().unwrap())
    );
    let read = body(app.get(&location, Some(&user)).send().await.unwrap()).await;
    assert_eq!(read, org);
    assert_eq!(read["company_size"], "small");
    assert_eq!(read["country"], "LU");
}

#[tokio::test]
async fn invalid_organisations_list_every_problem() {
    let app = spawn_app().await;
    let user = app.applicant("sloppy@example.org").await;

    let company_without_size = create(
        &app,
        &user,
        json!({ "name": " ", "kind": "company", "country": "XX" }),
    )
    .await;
    assert_eq!(
        error_fields(&assert_problem(company_without_size, 422).await),
        ["name", "country", "company_size"]
    );
    let hospital_with_size = create(
        &app,
        &user,
        json!({
            "name": "CHL", "kind": "hospital", "country": "LU", "company_size": "large"
        }),
    )
    .await;
    assert_eq!(
        error_fields(&assert_problem(hospital_with_size, 422).await),
        ["company_size"]
    );
    let unknown_kind = create(
        &app,
        &user,
        json!({ "name": "X", "kind": "ngo", "country": "LU" }),
    )
    .await;
    assert_eq!(
        error_fields(&assert_problem(unknown_kind, 422).await),
        ["kind"]
    );
    assert_problem(
        app.post("/api/v1/organisations", None, lih())
            .send()
            .await
            .unwrap(),
        401,
    )
    .await;
}

#[tokio::test]
async fn organisations_are_searched_by_name() {
    let app = spawn_app().await;
    let user = app.applicant("searcher@example.org").await;
    for name in [
        "Hôpital Kirchberg",
        "Luxembourg Institute of Health",
        "LIST 100% research_x",
    ] {
        let org = json!({ "name": name, "kind": "research_organisation", "country": "LU" });
        create(&app, &user, org)
            .await
            .checked(StatusCode::CREATED)
            .await;
    }

    let found = body(
        app.get("/api/v1/organisations?q=institute", Some(&user))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(found["total"], 1);
    assert_eq!(found["items"][0]["name"], "Luxembourg Institute of Health");
    // LIKE wildcards in the query are taken literally.
    let literal = body(
        app.get("/api/v1/organisations?q=100%25", Some(&user))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(literal["total"], 1);
    // Unescaped, `_` would match the "h" of Kirchberg.
    let underscore = body(
        app.get("/api/v1/organisations?q=kirc_berg", Some(&user))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(underscore["total"], 0);
    let all = body(
        app.get("/api/v1/organisations?limit=2&offset=1", Some(&user))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(all["total"], 3);
    assert_eq!(all["items"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn only_its_people_edit_an_organisation_and_never_over_someone_else() {
    let app = spawn_app().await;
    let founder = app.applicant("founder@example.org").await;
    let stranger = app.applicant("stranger@example.org").await;
    let colleague = app.applicant("colleague@example.org").await;
    let org = body(create(&app, &founder, lih()).await).await;
    let path = format!("/api/v1/organisations/{}", org["id"].as_str().unwrap());
    let renamed = json!({ "name": "LIH", "kind": "research_organisation", "country": "LU" });

    let by_stranger = app
        .put(&path, Some(&stranger), renamed.clone())
        .header("If-Match", "\"1\"")
        .send()
        .await
        .unwrap();
    assert_problem(by_stranger, 403).await;

    let by_founder = app
        .put(&path, Some(&founder), renamed.clone())
        .header("If-Match", "\"1\"")
        .send()
        .await
        .unwrap();
    let by_founder = by_founder.checked(StatusCode::OK).await;
    assert_eq!(by_founder.headers()["etag"], "\"2\"");
    assert_eq!(body(by_founder).await["name"], "LIH");

    // Declaring oneself affiliated gives no right to change it (size and
    // country decide grants); the founder edits on the current version only.
    let joined = app
        .post(
            "/api/v1/me/affiliations",
            Some(&colleague),
            json!({ "organisation_id": org["id"], "position": "PI" }),
        )
        .send()
        .await
        .unwrap();
    joined.checked(StatusCode::CREATED).await;
    let by_colleague = app
        .put(&path, Some(&colleague), lih())
        .header("If-Match", "\"2\"")
        .send()
        .await
        .unwrap();
    assert_problem(by_colleague, 403).await;
    let stale = app
        .put(&path, Some(&founder), lih())
        .header("If-Match", "\"1\"")
        .send()
        .await
        .unwrap();
    assert_problem(stale, 412).await;
    let missing = app.put(&path, Some(&founder), lih()).send().await.unwrap();
    assert_problem(missing, 428).await;
    let current = app
        .put(&path, Some(&founder), lih())
        .header("If-Match", "\"2\"")
        .send()
        .await
        .unwrap();
    current.checked(StatusCode::OK).await;

    let unknown = app
        .put("/api/v1/organisations/nope", Some(&founder), lih())
        .header("If-Match", "\"1\"")
        .send()
        .await
        .unwrap();
    assert_problem(unknown, 404).await;
}

#[tokio::test]
async fn affiliations_are_added_listed_and_removed() {
    let app = spawn_app().await;
    let user = app.applicant("expert@example.org").await;
    let org = body(create(&app, &user, lih()).await).await;
    let org_id = org["id"].as_str().unwrap();

    let add = |body: Value| {
        app.post("/api/v1/me/affiliations", Some(&user), body)
            .send()
    };
    let added = add(json!({ "organisation_id": org_id, "position": "  Senior   scientist " }))
        .await
        .unwrap();
    added.checked(StatusCode::CREATED).await;
    assert_problem(
        add(json!({ "organisation_id": org_id })).await.unwrap(),
        409,
    )
    .await;
    let unknown = add(json!({ "organisation_id": "no-such-org" }))
        .await
        .unwrap();
    assert_eq!(
        error_fields(&assert_problem(unknown, 422).await),
        ["organisation_id"]
    );

    let list = body(
        app.get("/api/v1/me/affiliations", Some(&user))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        list[0]["organisation_name"],
        "Luxembourg Institute of Health"
    );
    assert_eq!(list[0]["position"], "Senior scientist");

    let path = format!("/api/v1/me/affiliations/{org_id}");
    let removed = app
        .request(reqwest::Method::DELETE, &path)
        .bearer_auth(&user.token)
        .send()
        .await
        .unwrap();
    removed.checked(StatusCode::NO_CONTENT).await;
    let again = app
        .request(reqwest::Method::DELETE, &path)
        .bearer_auth(&user.token)
        .send()
        .await
        .unwrap();
    assert_problem(again, 404).await;
    let list = body(
        app.get("/api/v1/me/affiliations", Some(&user))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(list, json!([]));
}
