use jointcall::app::submission::ReceiptResponse;
use jointcall::domain::call::Stage;
use jointcall::domain::proposal::ProposalStatus;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::fixtures::{Consortium, complete, pdf, submit};
use crate::support::{Expect, assert_problem, audited, body};

fn fields_and_codes(items: &Value) -> Vec<(String, String)> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["field"].as_str().unwrap().to_owned(),
                i["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn submission_is_refused_with_the_checklist_until_everything_is_there() {
    let (c, research, hospital) = Consortium::full("small").await;

    let checklist = body(
        c.app
            .get(&c.path("/checklist"), Some(&research))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(checklist["complete"], false);
    let refused = assert_problem(submit(&c, &c.coordinator).await, 422).await;

    assert_eq!(
        fields_and_codes(&refused["errors"]),
        fields_and_codes(&checklist["items"])
    );
    let codes: Vec<String> = fields_and_codes(&checklist["items"])
        .into_iter()
        .map(|(_, c)| c)
        .collect();
    for expected in ["missing_field", "budget_missing", "document_missing"] {
        assert!(
            codes.iter().any(|c| c == expected),
            "{expected} in {codes:?}"
        );
    }

    complete(&c, &research, &hospital).await;
    let checklist = body(
        c.app
            .get(&c.path("/checklist"), Some(&research))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(checklist, json!({ "complete": true, "items": [] }));
    assert_problem(submit(&c, &research).await, 403).await;
}

#[tokio::test]
async fn a_submission_freezes_a_snapshot_whose_receipt_anyone_in_the_consortium_can_verify() {
    let (c, research, hospital) = Consortium::full("small").await;
    complete(&c, &research, &hospital).await;

    let submitted = submit(&c, &c.coordinator).await;

    let receipt: ReceiptResponse = submitted.expect_json(StatusCode::CREATED).await;
    assert!(receipt.number.starts_with("JC-2026-"), "{}", receipt.number);
    assert_eq!(receipt.proposal_id, c.proposal_id);
    assert_eq!(receipt.stage, Stage::Full);
    use sha2::Digest;
    assert_eq!(
        receipt.snapshot_sha256,
        hex::encode(sha2::Sha256::digest(receipt.snapshot.as_bytes()))
    );
    let frozen: Value = serde_json::from_str(&receipt.snapshot).unwrap();
    assert_eq!(frozen["proposal"]["acronym"], "CARE");
    assert_eq!(frozen["partners"].as_array().unwrap().len(), 3);
    let uploaded_digest = hex::encode(sha2::Sha256::digest(pdf(2_000)));
    assert_eq!(receipt.documents.len(), 2);
    assert!(
        receipt
            .documents
            .iter()
            .all(|d| d.sha256 == uploaded_digest)
    );
    // Submitted in winter, in Luxembourg.
    assert_eq!(receipt.submitted_at_local.offset().local_minus_utc(), 3600);
    assert_eq!(receipt.submitted_at_local, receipt.submitted_at);

    // Every partner contact gets the receipt by mail, with every digest in it.
    for email in ["cora@medsoft.lu", "rui@lih.lu", "hanna@chl.lu"] {
        let mail = c.sink.wait_for_subject(email, "Receipt", 10).await;
        let text = mail.body().replace("\r\n", "\n");
        assert!(text.contains(&receipt.number));
        assert!(text.contains(&receipt.snapshot_sha256));
        for document in &receipt.documents {
            let line = format!(
                "- {} ({})\n  SHA-256: {}",
                document.filename, document.document_type, document.sha256
            );
            assert!(text.contains(&line), "{line} in {text}");
        }
    }

    // The receipt can be fetched again; the proposal is frozen; the operator now sees it.
    let again: ReceiptResponse = c
        .app
        .get(&c.path("/receipt"), Some(&hospital))
        .send()
        .await
        .unwrap()
        .expect_json(StatusCode::OK)
        .await;
    assert_eq!(
        (again.number, again.snapshot_sha256, again.snapshot),
        (receipt.number, receipt.snapshot_sha256, receipt.snapshot)
    );
    let proposal = c.proposal(&research).await;
    assert_eq!(proposal.status, ProposalStatus::Submitted);
    let edit = c
        .app
        .put(&c.path(""), Some(&research), json!({ "acronym": "LATE" }))
        .header("If-Match", format!("\"{}\"", proposal.version))
        .send()
        .await
        .unwrap();
    assert_eq!(
        assert_problem(edit, 409).await["type"],
        "https://jointcall.eu/problems/proposal-not-draft"
    );
    let token = c.app.sign_in_by_email("operator@test.lu").await.token;
    let seen = c
        .app
        .client
        .get(c.app.url(&c.path("")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    seen.checked(StatusCode::OK).await;
}

#[tokio::test]
async fn before_the_deadline_a_submission_can_be_reopened_resubmitted_and_withdrawn() {
    let (c, research, hospital) = Consortium::full("medium").await;
    complete(&c, &research, &hospital).await;
    let first = body(submit(&c, &c.coordinator).await).await;

    assert_problem(
        c.app
            .post(&c.path("/reopening"), Some(&research), json!({}))
            .send()
            .await
            .unwrap(),
        403,
    )
    .await;
    let reopened = c
        .app
        .post(&c.path("/reopening"), Some(&c.coordinator), json!({}))
        .send()
        .await
        .unwrap();
    let reopened = reopened.checked(StatusCode::OK).await;
    assert_eq!(body(reopened).await["status"], "draft");
    assert_problem(
        c.app
            .get(&c.path("/receipt"), Some(&research))
            .send()
            .await
            .unwrap(),
        404,
    )
    .await;

    let second = body(submit(&c, &c.coordinator).await).await;
    assert_ne!(second["number"], first["number"]);
    let withdrawn = c
        .app
        .post(&c.path("/withdrawal"), Some(&c.coordinator), json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(body(withdrawn).await["status"], "withdrawn");
    assert_problem(
        c.app
            .post(&c.path("/withdrawal"), Some(&c.coordinator), json!({}))
            .send()
            .await
            .unwrap(),
        409,
    )
    .await;
}

async fn set_clock(c: &Consortium, at: &str) {
    let response = c
        .app
        .put("/api/v1/test/clock", None, json!({ "now": at }))
        .send()
        .await
        .unwrap();
    response.checked(StatusCode::OK).await;
}

#[tokio::test]
async fn the_deadline_is_enforced_to_the_second_by_the_server_clock() {
    // 14 July 2027, 14:00 in Luxembourg is 12:00 UTC (summer time).
    let (mut c, mut research, mut hospital) = Consortium::full("small").await;
    complete(&c, &research, &hospital).await;
    let mut coordinator = c.coordinator.clone();

    set_clock(&c, "2027-07-14T11:59:59Z").await;
    c.app
        .travel_to(
            "2027-07-14T11:59:59Z",
            &mut [&mut coordinator, &mut research, &mut hospital],
        )
        .await;
    c.coordinator = coordinator;
    let in_time = submit(&c, &c.coordinator).await;
    let receipt = in_time.expect(StatusCode::CREATED).await;
    assert!(
        receipt["submitted_at_local"]
            .as_str()
            .unwrap()
            .starts_with("2027-07-14T13:59:59"),
        "{}",
        receipt["submitted_at_local"]
    );

    let reopened = c
        .app
        .post(&c.path("/reopening"), Some(&c.coordinator), json!({}))
        .send()
        .await
        .unwrap();
    reopened.checked(StatusCode::OK).await;
    set_clock(&c, "2027-07-14T12:00:00Z").await;
    let late = submit(&c, &c.coordinator).await;
    assert_eq!(
        assert_problem(late, 409).await["type"],
        "https://jointcall.eu/problems/deadline-passed"
    );
    let clock = body(c.app.get("/api/v1/test/clock", None).send().await.unwrap()).await;
    assert!(
        clock["now"]
            .as_str()
            .unwrap()
            .starts_with("2027-07-14T12:00:0")
    );
}

#[tokio::test]
async fn the_clock_hook_does_not_exist_without_test_hooks() {
    let app = crate::support::spawn_app().await;

    let response = app
        .put(
            "/api/v1/test/clock",
            None,
            json!({ "now": "2030-01-01T00:00:00Z" }),
        )
        .send()
        .await
        .unwrap();

    assert_problem(response, 404).await;
}

#[tokio::test]
async fn drafts_are_reminded_before_the_deadline_once_per_reminder_day_with_what_they_still_lack() {
    // The call's default deadline: 14 July 2027, 14:00 in Luxembourg (12:00Z); reminders 7 and 1 days before.
    let (mut c, mut research, mut hospital) = Consortium::full("small").await;
    let reminders = |to: &str| {
        c.sink
            .received()
            .iter()
            .filter(|m| {
                m.to.iter().any(|t| t == to) && m.subject().starts_with("Reminder: submit CARE")
            })
            .count()
    };
    let contacts = ["cora@medsoft.lu", "rui@lih.lu", "hanna@chl.lu"];

    set_clock(&c, "2027-07-06T12:00:00Z").await;
    tokio::time::sleep(std::time::Duration::from_millis(2_500)).await;
    assert_eq!(
        reminders("cora@medsoft.lu"),
        0,
        "eight days before: nothing yet"
    );

    set_clock(&c, "2027-07-07T12:00:00Z").await;
    let first = c
        .sink
        .wait_for_subject(
            "rui@lih.lu",
            "Reminder: submit CARE before 14 July 2027, 14:00 CEST",
            10,
        )
        .await;
    let text = first.body().replace("\r\n", "\n");
    assert!(
        text.contains("Still missing before it can be submitted:\n- Fill in the abstract."),
        "{text}"
    );
    assert!(
        text.contains(&format!("http://portal.test/proposals/{}", c.proposal_id)),
        "{text}"
    );
    tokio::time::sleep(std::time::Duration::from_millis(2_500)).await;
    for to in contacts {
        assert_eq!(reminders(to), 1, "{to}: once for the seventh day");
    }

    // Completed meanwhile: the last day's reminder says it only waits for the coordinator.
    c.app
        .travel_to(
            "2027-07-10T12:00:00Z",
            &mut [&mut c.coordinator, &mut research, &mut hospital],
        )
        .await;
    complete(&c, &research, &hospital).await;
    set_clock(&c, "2027-07-13T13:00:00Z").await;
    for _ in 0..50 {
        if reminders("hanna@chl.lu") == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let last = c
        .sink
        .received()
        .into_iter()
        .filter(|m| m.to.iter().any(|t| t == "hanna@chl.lu") && m.subject().starts_with("Reminder"))
        .nth(1)
        .expect("the last day's reminder");
    assert!(
        last.body().contains("The checklist is complete"),
        "{}",
        last.body()
    );

    // Submitted, a proposal is chased no more.
    c.app
        .travel_to("2027-07-14T11:00:00Z", &mut [&mut c.coordinator])
        .await;
    submit(&c, &c.coordinator)
        .await
        .checked(StatusCode::CREATED)
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(2_500)).await;
    for to in contacts {
        assert_eq!(reminders(to), 2, "{to}");
    }
    let admin = c.app.admin().await;
    let sent: Vec<i64> = audited(
        &c.app,
        &admin,
        "proposal",
        &c.proposal_id,
        "proposal.submission_reminder_sent",
    )
    .await
    .iter()
    .map(|e| e["after"]["days_before"].as_i64().unwrap())
    .collect();
    assert_eq!(sent, [7, 1]);
}
