use crate::support::fixtures::{create_call, operator, organisation, pdf, transition};
use crate::support::smtp::SmtpSink;
use crate::support::{Expect, Options, assert_problem, audited, body, spawn_app_with};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn only_invited_outlines_reach_the_full_stage_keeping_their_consortium() {
    let (sink, port) = SmtpSink::start(0).await;
    let app = spawn_app_with(Options {
        smtp_port: Some(port),
        ..Default::default()
    })
    .await;
    let mut operator = operator(&app).await;
    let call = create_call(&app, &operator, json!({
        "outline_stage": { "deadline_local": "2027-03-31T14:00:00" },
        "consortium": { "min_luxembourg_companies": 1, "min_luxembourg_research_organisations": 0, "hospital_required": false, "max_partners": 10 }
    })).await;
    transition(&app, &operator, &call, "open")
        .await
        .checked(StatusCode::OK)
        .await;
    let call_id = call["id"].as_str().unwrap();

    // Two consortia submit outlines.
    let mut coordinators = Vec::new();
    let mut proposals = Vec::new();
    for (email, acronym) in [("one@medsoft.lu", "ONE"), ("two@cardio.lu", "TWO")] {
        let coordinator = app.applicant(email).await;
        let company = organisation(
            &app,
            &coordinator,
            json!({ "name": acronym, "kind": "company", "country": "LU", "company_size": "small" }),
        )
        .await;
        let created = body(
            app.post(
                &format!("/api/v1/calls/{call_id}/proposals"),
                Some(&coordinator),
                json!({ "acronym": acronym, "organisation_id": company }),
            )
            .send()
            .await
            .unwrap(),
        )
        .await;
        assert_eq!(created["stage"], "outline");
        let path = format!("/api/v1/proposals/{}", created["id"].as_str().unwrap());
        let saved = app.put(&path, Some(&coordinator), json!({
            "acronym": acronym, "title": "T", "abstract": "A", "keywords": ["k"],
            "clinical": { "product_name": "P", "intended_purpose": "I", "product_maturity": "prototype" }
        })).header("If-Match", format!("\"{}\"", created["version"])).send().await.unwrap();
        saved.checked(StatusCode::OK).await;
        let part = reqwest::multipart::Part::bytes(pdf(1000)).file_name("outline.pdf");
        let uploaded = app
            .request(
                reqwest::Method::POST,
                &format!("{path}/documents?document_type=outline_description"),
            )
            .bearer_auth(&coordinator.token)
            .multipart(reqwest::multipart::Form::new().part("file", part))
            .send()
            .await
            .unwrap();
        uploaded.checked(StatusCode::CREATED).await;
        let submitted = app
            .post(&format!("{path}/submission"), Some(&coordinator), json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(submitted.status(), StatusCode::CREATED, "outline {acronym}");
        coordinators.push(coordinator);
        proposals.push(path);
    }

    // Too early: the outline stage is still running.
    let early = app
        .post(
            &format!("{}/invitation", proposals[0]),
            Some(&operator),
            json!({}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        assert_problem(early, 409).await["type"],
        "https://jointcall.eu/problems/outline-stage-running"
    );

    let (first, second) = coordinators.split_at_mut(1);
    app.travel_to(
        "2027-04-02T08:00:00Z",
        &mut [&mut operator, &mut first[0], &mut second[0]],
    )
    .await;
    assert_problem(
        app.post(
            &format!("{}/invitation", proposals[0]),
            Some(&first[0]),
            json!({}),
        )
        .send()
        .await
        .unwrap(),
        403,
    )
    .await;
    // Not evaluated, so not on the outline ranking's main list: only with a reason.
    let unranked = app
        .post(
            &format!("{}/invitation", proposals[0]),
            Some(&operator),
            json!({}),
        )
        .send()
        .await
        .unwrap();
    let problem = assert_problem(unranked, 409).await;
    assert_eq!(
        problem["type"],
        "https://jointcall.eu/problems/outline-not-on-main-list"
    );
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("ONE has no approved outline consensus"),
        "{problem}"
    );
    let reason = "The panel met on paper; its minutes are on file.";
    let invited = app
        .post(
            &format!("{}/invitation", proposals[0]),
            Some(&operator),
            json!({ "override_reason": reason }),
        )
        .send()
        .await
        .unwrap();
    let invited = invited.expect(StatusCode::OK).await;
    assert_eq!(
        (
            invited["stage"].as_str(),
            invited["status"].as_str(),
            invited["invited_to_full"].as_bool()
        ),
        (Some("full"), Some("draft"), Some(true))
    );
    assert_eq!(invited["acronym"], "ONE", "content kept");
    let mail = sink
        .wait_for_subject("one@medsoft.lu", "invited to submit a full proposal", 10)
        .await;
    assert!(
        mail.body().contains("14 July 2027, 14:00 CEST"),
        "{}",
        mail.body()
    );

    // The invited one is a draft again, with the full stage's checklist; the other stays frozen.
    let checklist = body(
        app.get(&format!("{}/checklist", proposals[0]), Some(&first[0]))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let fields: Vec<&str> = checklist["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"duration_months") && fields.contains(&"documents.project_description"),
        "{fields:?}"
    );
    let uninvited = body(
        app.get(&proposals[1], Some(&second[0]))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (uninvited["stage"].as_str(), uninvited["status"].as_str()),
        (Some("outline"), Some("submitted"))
    );
    let reopen = app
        .post(
            &format!("{}/reopening", proposals[1]),
            Some(&second[0]),
            json!({}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        assert_problem(reopen, 409).await["type"],
        "https://jointcall.eu/problems/deadline-passed"
    );
    let twice = app
        .post(
            &format!("{}/invitation", proposals[0]),
            Some(&operator),
            json!({}),
        )
        .send()
        .await
        .unwrap();
    // A full-stage draft is the consortium's alone again: the operator no longer sees it.
    assert_problem(twice, 404).await;

    // The override and its reason are in the audit log.
    let admin = app.admin().await;
    let id = proposals[0].rsplit('/').next().unwrap();
    let invitation = audited(
        &app,
        &admin,
        "proposal",
        id,
        "proposal.invited_to_full_stage",
    )
    .await
    .remove(0);
    assert_eq!(invitation["after"]["on_main_list"], false);
    assert_eq!(invitation["after"]["override_reason"], reason);
}
