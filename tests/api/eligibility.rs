use crate::support::fixtures::{Consortium, complete, submit};
use crate::support::{Expect, assert_problem, body, error_fields};
use jointcall::domain::proposal::ProposalStatus;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn after_the_deadline_the_operator_confirms_or_overrides_the_automatic_result() {
    let (mut c, mut research, mut hospital) = Consortium::full("small").await;
    complete(&c, &research, &hospital).await;
    submit(&c, &c.coordinator)
        .await
        .checked(StatusCode::CREATED)
        .await;
    let mut operator_actor = c.app.sign_in_by_email("operator@test.lu").await;
    let call_path = format!("/api/v1/calls/{}", c.call["id"].as_str().unwrap());

    // While the call is open, the operator lowers the cap below this proposal's request.
    let current = c
        .app
        .get(&call_path, Some(&operator_actor))
        .send()
        .await
        .unwrap();
    let etag = current.headers()["etag"].to_str().unwrap().to_owned();
    let mut call = body(current).await;
    call["settings"]["cap_per_project_cents"] = json!(10_000);
    let lowered = c
        .app
        .put(
            &call_path,
            Some(&operator_actor),
            json!({ "title": call["title"], "settings": call["settings"] }),
        )
        .header("If-Match", etag)
        .send()
        .await
        .unwrap();
    lowered.checked(StatusCode::OK).await;

    let early = c
        .app
        .get(&format!("{call_path}/eligibility"), Some(&operator_actor))
        .send()
        .await
        .unwrap();
    assert_eq!(
        assert_problem(early, 409).await["type"],
        "https://jointcall.eu/problems/deadline-not-passed"
    );

    c.app
        .travel_to(
            "2027-07-14T12:00:01Z",
            &mut [
                &mut operator_actor,
                &mut c.coordinator,
                &mut research,
                &mut hospital,
            ],
        )
        .await;
    assert_problem(
        c.app
            .get(&format!("{call_path}/eligibility"), Some(&research))
            .send()
            .await
            .unwrap(),
        403,
    )
    .await;
    let list = body(
        c.app
            .get(&format!("{call_path}/eligibility"), Some(&operator_actor))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let entry = &list[0];
    assert_eq!(entry["status"], "submitted");
    assert_eq!(entry["automatic"]["eligible"], false);
    assert_eq!(entry["automatic"]["items"][0]["code"], "cap_exceeded");
    assert_eq!(entry["decision"], serde_json::Value::Null);

    let path = c.path("/eligibility");
    let no_reason = c
        .app
        .put(&path, Some(&operator_actor), json!({ "eligible": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_fields(&assert_problem(no_reason, 422).await),
        ["reason"]
    );
    let overridden = c.app
        .put(&path, Some(&operator_actor), json!({ "eligible": true, "reason": "The cap was lowered after submission; the call's published cap applies." }))
        .send().await.unwrap();
    let overridden = overridden.expect(StatusCode::OK).await;
    assert_eq!(overridden["status"], "eligible");
    assert_eq!(overridden["decision"]["overridden"], true);
    let mail = c
        .sink
        .wait_for_subject("hanna@chl.lu", "CARE is eligible", 10)
        .await;
    assert!(mail.body().contains("published cap"));

    // Ineligibility always needs a reason the consortium can read.
    let bare = c
        .app
        .put(&path, Some(&operator_actor), json!({ "eligible": false }))
        .send()
        .await
        .unwrap();
    assert_eq!(error_fields(&assert_problem(bare, 422).await), ["reason"]);
    let ineligible = body(
        c.app
            .put(
                &path,
                Some(&operator_actor),
                json!({ "eligible": false, "reason": "Over the cap." }),
            )
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (
            ineligible["status"].as_str(),
            ineligible["decision"]["overridden"].as_bool()
        ),
        (Some("ineligible"), Some(false))
    );
    assert_eq!(
        c.proposal(&research).await.status,
        ProposalStatus::Ineligible
    );
    let audit = body(
        c.app
            .get(
                &format!("/api/v1/audit?entity_id={}&limit=500", c.proposal_id),
                Some(&c.app.admin().await),
            )
            .send()
            .await
            .unwrap(),
    )
    .await;
    let actions: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["action"].as_str().unwrap())
        .filter(|a| a.contains("eligibility"))
        .collect();
    assert_eq!(
        actions,
        [
            "proposal.eligibility_overridden",
            "proposal.eligibility_confirmed"
        ]
    );
}
