use crate::support::fixtures::{Consortium, complete, join_pool, submit};
use crate::support::{Actor, Expect, assert_problem, body, error_fields, link_in, token_of};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// An eligible proposal (after the deadline) and a signed-in operator.
async fn eligible_proposal() -> (Consortium, Actor, Actor, Actor) {
    let (mut c, mut research, mut hospital) = Consortium::full("small").await;
    complete(&c, &research, &hospital).await;
    submit(&c, &c.coordinator)
        .await
        .checked(StatusCode::CREATED)
        .await;
    let mut operator = c.app.sign_in_by_email("operator@test.lu").await;
    c.app
        .travel_to(
            "2027-07-15T08:00:00Z",
            &mut [
                &mut operator,
                &mut c.coordinator,
                &mut research,
                &mut hospital,
            ],
        )
        .await;
    let confirmed = c
        .app
        .put(
            &c.path("/eligibility"),
            Some(&operator),
            json!({ "eligible": true }),
        )
        .send()
        .await
        .unwrap();
    confirmed.checked(StatusCode::OK).await;
    (c, operator, research, hospital)
}

/// Invites `email` to the pool; the person registers (unless `existing`) and accepts.
async fn expert(
    c: &Consortium,
    operator: &Actor,
    email: &str,
    keywords: Value,
    cap: i32,
    existing: Option<&Actor>,
) -> (String, Actor) {
    let call_id = c.call["id"].as_str().unwrap();
    join_pool(
        &c.app, &c.sink, call_id, operator, email, keywords, cap, existing,
    )
    .await
}

async fn assign(c: &Consortium, operator: &Actor, expert_id: &str) -> reqwest::Response {
    c.app
        .post(
            &c.path("/assignments"),
            Some(operator),
            json!({ "expert_id": expert_id }),
        )
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn experts_with_a_conflict_are_never_assigned_by_hand_or_by_the_solver() {
    let (c, operator, research, hospital) = eligible_proposal().await;
    let proposal = c.proposal(&research).await;
    let research_partner = Consortium::partner_id(&proposal, "research_organisation");
    let lih = proposal
        .partners
        .iter()
        .find(|p| p.id == research_partner)
        .map(|p| p.organisation.id.clone())
        .unwrap();

    // One expert works for a partner; one is a consortium member; three are independent.
    let (colleague_id, colleague) =
        expert(&c, &operator, "peer@lih.lu", json!(["cardiology"]), 5, None).await;
    let joined = c
        .app
        .post(
            "/api/v1/me/affiliations",
            Some(&colleague),
            json!({ "organisation_id": lih }),
        )
        .send()
        .await
        .unwrap();
    joined.checked(StatusCode::CREATED).await;
    let (member_id, _) = expert(
        &c,
        &operator,
        "hanna@chl.lu",
        json!(["cardiology"]),
        5,
        Some(&hospital),
    )
    .await;
    let (cardio_id, cardio) = expert(
        &c,
        &operator,
        "cardio@uni.lu",
        json!(["Cardiology", "AI"]),
        1,
        None,
    )
    .await;
    let (ai_id, _) = expert(&c, &operator, "ai@uni.lu", json!(["ai"]), 2, None).await;
    let (generalist_id, _) = expert(&c, &operator, "gen@uni.lu", json!([]), 2, None).await;
    let me = body(c.app.get("/api/v1/me", Some(&cardio)).send().await.unwrap()).await;
    assert!(me["roles"].as_array().unwrap().contains(&json!("reviewer")));

    for conflicted in [&colleague_id, &member_id] {
        let refused = assert_problem(assign(&c, &operator, conflicted).await, 409).await;
        assert_eq!(
            refused["type"],
            "https://jointcall.eu/problems/conflict-of-interest"
        );
    }
    assign(&c, &operator, &cardio_id)
        .await
        .checked(StatusCode::CREATED)
        .await;
    assert_problem(assign(&c, &operator, &cardio_id).await, 409).await;
    assert_problem(assign(&c, &research, &ai_id).await, 403).await;
    let unknown = assign(&c, &operator, "nobody").await;
    assert_eq!(
        error_fields(&assert_problem(unknown, 422).await),
        ["expert_id"]
    );

    let auto = format!(
        "/api/v1/calls/{}/assignments/auto",
        c.call["id"].as_str().unwrap()
    );
    let report = c
        .app
        .post(&auto, Some(&operator), json!({ "stage": "full" }))
        .send()
        .await
        .unwrap();
    let report = report.expect(StatusCode::OK).await;
    let created: Vec<&str> = report["created"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["expert_id"].as_str().unwrap())
        .collect();
    let mut expected = vec![ai_id.as_str(), generalist_id.as_str()];
    let mut got = created.clone();
    got.sort();
    expected.sort();
    assert_eq!(
        got, expected,
        "the two independent experts left, never the conflicted ones"
    );
    assert_eq!(report["total"], 3);
    assert_eq!(
        report["objective"], 1,
        "only the cardiology expert matches the proposal's keyword"
    );
    assert_eq!(report["shortfalls"], json!([]));
    c.sink
        .wait_for_subject("ai@uni.lu", "assigned to you", 10)
        .await;

    // A rerun keeps the work done and adds nothing.
    let again = body(
        c.app
            .post(&auto, Some(&operator), json!({}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (
            again["created"].as_array().unwrap().len(),
            again["total"].as_i64()
        ),
        (0, Some(3))
    );
    let pool = body(
        c.app
            .get(
                &format!("/api/v1/calls/{}/experts", c.call["id"].as_str().unwrap()),
                Some(&operator),
            )
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(pool.as_array().unwrap().len(), 5);
}

#[tokio::test]
async fn an_expert_invitation_admits_only_its_addressee() {
    let (c, operator, research, _) = eligible_proposal().await;
    let calls = format!("/api/v1/calls/{}/experts", c.call["id"].as_str().unwrap());
    let invited = c
        .app
        .post(
            &calls,
            Some(&operator),
            json!({ "email": "judge@uni.lu", "keywords": ["ai"], "load_cap": 3 }),
        )
        .send()
        .await
        .unwrap();
    invited.checked(StatusCode::CREATED).await;
    let duplicate = c
        .app
        .post(
            &calls,
            Some(&operator),
            json!({ "email": "Judge@uni.lu", "load_cap": 3 }),
        )
        .send()
        .await
        .unwrap();
    assert_problem(duplicate, 409).await;
    let bad = c
        .app
        .post(
            &calls,
            Some(&operator),
            json!({ "email": "x@y.lu", "load_cap": 0, "keywords": [" "] }),
        )
        .send()
        .await
        .unwrap();
    assert_problem(bad, 422).await;
    assert_problem(
        c.app
            .post(
                &calls,
                Some(&research),
                json!({ "email": "a@b.lu", "load_cap": 3 }),
            )
            .send()
            .await
            .unwrap(),
        403,
    )
    .await;

    let mail = c
        .sink
        .wait_for_subject("judge@uni.lu", "Invitation to evaluate", 10)
        .await;
    let token = token_of(&link_in(
        &mail.body(),
        "http://portal.test/expert-invitations/accept?token=",
    ));
    let wrong = c
        .app
        .post(
            "/api/v1/expert-invitations/acceptance",
            Some(&research),
            json!({ "token": token }),
        )
        .send()
        .await
        .unwrap();
    assert_problem(wrong, 403).await;
}
