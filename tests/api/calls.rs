use reqwest::StatusCode;
use serde_json::json;

use crate::support::fixtures::{create_call, operator, transition};
use crate::support::{Expect, assert_problem, body, error_fields, spawn_app};

#[tokio::test]
async fn an_operator_sets_up_a_call_with_the_joint_call_defaults() {
    let app = spawn_app().await;
    let operator = operator(&app).await;
    let defaults = body(
        app.get("/api/v1/calls/defaults", Some(&operator))
            .send()
            .await
            .unwrap(),
    )
    .await;

    let call = create_call(&app, &operator, json!({})).await;

    assert_eq!(call["status"], "draft");
    assert_eq!(call["settings"], defaults);
    assert_eq!(call["settings"]["cap_per_project_cents"], 70_000_000);
    assert_eq!(call["settings"]["time_zone"], "Europe/Luxembourg");
    assert_eq!(
        call["deadlines"],
        json!([{
            "stage": "full", "local": "2027-07-14T14:00:00+02:00", "utc": "2027-07-14T12:00:00Z", "passed": false
        }])
    );
}

#[tokio::test]
async fn a_two_stage_deadline_keeps_its_wall_clock_time_across_daylight_saving() {
    let app = spawn_app().await;
    let operator = operator(&app).await;

    let call = create_call(
        &app,
        &operator,
        json!({
            "outline_stage": { "deadline_local": "2027-03-26T14:00:00" },
            "full_stage": { "deadline_local": "2027-07-14T14:00:00" }
        }),
    )
    .await;

    let deadlines = call["deadlines"].as_array().unwrap();
    assert_eq!(deadlines[0]["stage"], "outline");
    assert_eq!(deadlines[0]["local"], "2027-03-26T14:00:00+01:00");
    assert_eq!(deadlines[0]["utc"], "2027-03-26T13:00:00Z");
    assert_eq!(deadlines[1]["local"], "2027-07-14T14:00:00+02:00");
}

#[tokio::test]
async fn inconsistent_settings_are_refused_with_every_reason() {
    let app = spawn_app().await;
    let operator = operator(&app).await;
    let mut settings = body(
        app.get("/api/v1/calls/defaults", Some(&operator))
            .send()
            .await
            .unwrap(),
    )
    .await;
    settings["time_zone"] = json!("Atlantis/Capital");
    settings["criteria"][2]["weight"] = json!(0);
    settings["reviews_per_proposal"] = json!(0);

    let response = app
        .post(
            "/api/v1/calls",
            Some(&operator),
            json!({ "title": " ", "settings": settings }),
        )
        .send()
        .await
        .unwrap();

    let problem = assert_problem(response, 422).await;
    assert_eq!(
        error_fields(&problem),
        [
            "title",
            "settings.time_zone",
            "settings.criteria[2].weight",
            "settings.reviews_per_proposal"
        ]
    );
    let wrong_shape = app
        .post(
            "/api/v1/calls",
            Some(&operator),
            json!({ "title": "T", "settings": { "funders": [{ "agency": "XYZ" }] } }),
        )
        .send()
        .await
        .unwrap();
    // Every error of the shape at once: the unknown agency and both missing fields.
    assert_eq!(
        error_fields(&assert_problem(wrong_shape, 422).await),
        [
            "settings.funders[0].agency",
            "settings.funders[0].envelope_cents",
            "settings.funders[0].funds"
        ]
    );
}

#[tokio::test]
async fn drafts_are_hidden_from_applicants_until_the_call_opens() {
    let app = spawn_app().await;
    let operator = operator(&app).await;
    let applicant = app.applicant("applicant@example.org").await;
    let call = create_call(&app, &operator, json!({})).await;
    let path = format!("/api/v1/calls/{}", call["id"].as_str().unwrap());

    assert_problem(app.get(&path, Some(&applicant)).send().await.unwrap(), 404).await;
    let list = body(
        app.get("/api/v1/calls", Some(&applicant))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(list["total"], 0);
    assert_problem(
        app.post(
            "/api/v1/calls",
            Some(&applicant),
            json!({ "title": "Mine" }),
        )
        .send()
        .await
        .unwrap(),
        403,
    )
    .await;
    assert_problem(transition(&app, &applicant, &call, "open").await, 403).await;

    transition(&app, &operator, &call, "open")
        .await
        .checked(StatusCode::OK)
        .await;

    let seen = body(app.get(&path, Some(&applicant)).send().await.unwrap()).await;
    assert_eq!(seen["status"], "open");
    assert!(seen["opened_at"].is_string());
    let list = body(
        app.get("/api/v1/calls?status=open", Some(&applicant))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(list["total"], 1);
}

#[tokio::test]
async fn a_call_opens_only_when_fit_and_moves_one_way() {
    let app = spawn_app().await;
    let mut operator = operator(&app).await;
    let call = create_call(
        &app,
        &operator,
        json!({
            "funders": [], "criteria": [], "full_stage": { "deadline_local": "2020-01-31T14:00:00" }
        }),
    )
    .await;
    let path = format!("/api/v1/calls/{}", call["id"].as_str().unwrap());

    let refused = assert_problem(transition(&app, &operator, &call, "open").await, 422).await;
    assert_eq!(
        error_fields(&refused),
        [
            "settings.full_stage.deadline_local",
            "settings.criteria",
            "settings.funders"
        ]
    );

    let fixed = app
        .put(
            &path,
            Some(&operator),
            json!({ "title": "HealthTech 2027", "settings": {} }),
        )
        .header("If-Match", "\"1\"")
        .send()
        .await
        .unwrap();
    let fixed = fixed.checked(StatusCode::OK).await;
    assert_eq!(fixed.headers()["etag"], "\"2\"");
    let stale = app
        .put(&path, Some(&operator), json!({ "title": "Other" }))
        .header("If-Match", "\"1\"")
        .send()
        .await
        .unwrap();
    assert_problem(stale, 412).await;

    transition(&app, &operator, &call, "open")
        .await
        .checked(StatusCode::OK)
        .await;
    assert_problem(transition(&app, &operator, &call, "decided").await, 409).await;
    let early = assert_problem(transition(&app, &operator, &call, "closed").await, 409).await;
    assert_eq!(
        early["type"],
        "https://jointcall.eu/problems/deadline-not-passed"
    );

    // An open call may not be edited into an unfit state.
    let unfit = app
        .put(
            &path,
            Some(&operator),
            json!({ "title": "HealthTech 2027", "settings": { "funders": [] } }),
        )
        .header("If-Match", "\"3\"")
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_fields(&assert_problem(unfit, 422).await),
        ["settings.funders"]
    );

    app.travel_to("2027-07-14T12:00:00Z", &mut [&mut operator])
        .await;
    let closed = transition(&app, &operator, &call, "closed").await;
    let closed = closed.expect(StatusCode::OK).await;
    assert_eq!(closed["deadlines"][0]["passed"], true);
    let frozen = app
        .put(&path, Some(&operator), json!({ "title": "Too late" }))
        .header("If-Match", "\"4\"")
        .send()
        .await
        .unwrap();
    assert_eq!(
        assert_problem(frozen, 409).await["type"],
        "https://jointcall.eu/problems/call-closed-for-changes"
    );
    transition(&app, &operator, &call, "in_evaluation")
        .await
        .checked(StatusCode::OK)
        .await;
    // Decided only by releasing the results.
    let decided = assert_problem(transition(&app, &operator, &call, "decided").await, 409).await;
    assert!(
        decided["type"]
            .as_str()
            .unwrap()
            .ends_with("/release-results")
    );
}
