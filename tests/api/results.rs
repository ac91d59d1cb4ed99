//! The release of results, decision letters and redress, over HTTP.

use std::time::Duration;

use crate::support::fixtures::{
    Panel, approve_as_requested, decide, funder, partner_of, ranked_call,
};
use crate::support::smtp::SmtpSink;
use crate::support::{Actor, Expect, PASSWORD, assert_problem, body, error_fields};
use jointcall::domain::role::Agency;
use reqwest::StatusCode;
use serde_json::{Value, json};

const SUBJECT: &str = "Decision on your proposal";

/// The ranked call in evaluation with P0 approved by all three funders and
/// P1 rejected by DS; P2 undecided.
async fn decided_call() -> Panel {
    let panel = ranked_call().await;
    panel.to_decisions().await;
    let staff = [
        ("MECO", funder(&panel, "staff@meco.lu", Agency::Meco).await),
        ("FNR", funder(&panel, "staff@fnr.lu", Agency::Fnr).await),
        ("DS", funder(&panel, "staff@ds.lu", Agency::Ds).await),
    ];
    let p0 = panel.proposal(0).to_owned();
    let funders: Vec<(&str, &Actor)> = staff.iter().map(|(a, f)| (*a, f)).collect();
    for approved in approve_as_requested(&panel, &staff[0].1, &p0, &funders).await {
        approved.checked(StatusCode::OK).await;
    }
    let p1 = panel.proposal(1).to_owned();
    let decisions = body(
        panel
            .get(&format!("/api/v1/proposals/{p1}/decisions"), &staff[2].1)
            .await,
    )
    .await;
    let rejected = decide(
        &panel,
        &staff[2].1,
        &p1,
        &partner_of(&decisions, "DS"),
        0,
        json!({ "decision": "rejected", "comment": "Not a hospital priority." }),
    )
    .await;
    rejected.checked(StatusCode::OK).await;
    panel
}

async fn release(panel: &Panel, allow_pending: bool) -> reqwest::Response {
    panel
        .app
        .post(
            &format!("/api/v1/calls/{}/release", panel.call_id),
            Some(&panel.operator),
            json!({ "allow_pending": allow_pending }),
        )
        .send()
        .await
        .unwrap()
}

fn letters_to(sink: &SmtpSink, to: &str) -> usize {
    sink.received()
        .iter()
        .filter(|m| m.to.iter().any(|t| t == to) && m.subject().starts_with(SUBJECT))
        .count()
}

#[tokio::test]
async fn release_freezes_results_mails_every_letter_once_and_only_then_applicants_learn() {
    let panel = decided_call().await;
    let (p0, coordinator) = panel.proposals[0].clone();

    // Before the release the consortium learns nothing.
    for path in ["result", "letter"] {
        assert_problem(
            panel
                .get(&format!("/api/v1/proposals/{p0}/{path}"), &coordinator)
                .await,
            404,
        )
        .await;
    }
    let pending = assert_problem(release(&panel, false).await, 409).await;
    assert!(
        pending["type"]
            .as_str()
            .unwrap()
            .ends_with("/decisions-pending")
    );
    assert!(pending["detail"].as_str().unwrap().contains("P2"));
    let applicant = panel
        .app
        .post(
            &format!("/api/v1/calls/{}/release", panel.call_id),
            Some(&coordinator),
            json!({}),
        )
        .send()
        .await
        .unwrap();
    assert_problem(applicant, 403).await;

    let released = release(&panel, true).await;
    let released = released.expect(StatusCode::OK).await;
    assert_eq!(
        released["letters"], 9,
        "three contacts in each of three consortia"
    );
    let outcomes: Vec<(&str, &str)> = released["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["acronym"].as_str().unwrap(),
                r["outcome"].as_str().unwrap(),
            )
        })
        .collect::<Vec<_>>();
    let mut sorted = outcomes.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [("P0", "funded"), ("P1", "rejected"), ("P2", "reserve")]
    );

    // Every contact receives the letter, with the consensus and the grants.
    let letter = panel
        .sink
        .wait_for_subject("coord0@company0.lu", SUBJECT, 10)
        .await;
    let text = letter.body();
    assert!(text.contains("selected for funding"), "{text}");
    assert!(text.contains("Excellence comment c"), "{text}");
    assert!(text.contains("EUR 80,000.00 of EUR 80,000.00"), "{text}");
    for to in [
        "rui0@lih.lu",
        "hanna0@chl.lu",
        "coord1@company1.lu",
        "hanna2@chl.lu",
    ] {
        panel.sink.wait_for_subject(to, SUBJECT, 10).await;
    }

    // Releasing again sends nothing more.
    let again = body(release(&panel, true).await).await;
    assert_eq!(again["released_at"], released["released_at"]);
    tokio::time::sleep(Duration::from_millis(2_000)).await;
    assert_eq!(letters_to(&panel.sink, "coord0@company0.lu"), 1);
    let call = body(
        panel
            .get(&format!("/api/v1/calls/{}", panel.call_id), &panel.operator)
            .await,
    )
    .await;
    assert_eq!(call["status"], "decided");

    // The summary is the consensus; the grants are the approvals.
    let result = body(
        panel
            .get(&format!("/api/v1/proposals/{p0}/result"), &coordinator)
            .await,
    )
    .await;
    assert_eq!(result["outcome"], "funded");
    let criteria: Vec<(&str, f64, f64)> = result["summary"]["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["key"].as_str().unwrap(),
                c["score"].as_f64().unwrap(),
                c["threshold"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        criteria,
        [
            ("excellence", 5.0, 3.0),
            ("impact", 5.0, 3.0),
            ("implementation", 5.0, 3.0)
        ]
    );
    assert_eq!(result["summary"]["total"], 15.0);
    let granted: Vec<i64> = result["partners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["granted_cents"].as_i64().unwrap())
        .collect();
    assert_eq!(granted, [8_000_000, 12_500_000, 10_000_000]);
    let rejected = body(
        panel
            .get(
                &format!("/api/v1/proposals/{}/result", panel.proposal(1)),
                &panel.proposals[1].1,
            )
            .await,
    )
    .await;
    assert_eq!(rejected["outcome"], "rejected");
    assert!(
        rejected["partners"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["granted_cents"] == 0)
    );
    // Another consortium does not see this one's result.
    assert_problem(
        panel
            .get(
                &format!("/api/v1/proposals/{p0}/result"),
                &panel.proposals[1].1,
            )
            .await,
        404,
    )
    .await;

    let pdf = panel
        .get(&format!("/api/v1/proposals/{p0}/letter"), &coordinator)
        .await;
    let pdf = pdf.checked(StatusCode::OK).await;
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let bytes = pdf.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-1.4") && bytes.ends_with(b"%%EOF\n"));
    assert!(String::from_utf8_lossy(&bytes).contains("Decision on your proposal P0"));

    // Decisions are closed with the call.
    let meco = funder(&panel, "late@meco.lu", Agency::Meco).await;
    let p2 = panel.proposal(2).to_owned();
    let decisions = body(
        panel
            .get(&format!("/api/v1/proposals/{p2}/decisions"), &meco)
            .await,
    )
    .await;
    let late = decide(
        &panel,
        &meco,
        &p2,
        &partner_of(&decisions, "MECO"),
        0,
        json!({ "decision": "approved", "amount_cents": 1 }),
    )
    .await;
    assert_problem(late, 409).await;
}

/// Signs a contact in by address (every test account has the same password).
async fn contact(panel: &Panel, email: &str) -> Actor {
    let tokens = body(panel.app.login(email, PASSWORD).await).await;
    Actor {
        id: String::new(),
        email: email.to_owned(),
        token: tokens["access_token"].as_str().unwrap().to_owned(),
        refresh_token: tokens["refresh_token"].as_str().unwrap().to_owned(),
    }
}

#[tokio::test]
async fn each_contact_receives_the_letter_in_the_language_of_their_profile() {
    let panel = decided_call().await;
    let (p0, coordinator) = panel.proposals[0].clone();
    let researcher = contact(&panel, "rui0@lih.lu").await;
    for (actor, language) in [(&coordinator, "fr"), (&researcher, "de")] {
        let saved = panel
            .save(
                "/api/v1/me",
                actor,
                json!({ "full_name": "Contact", "language": language }),
            )
            .await;
        let saved = saved.checked(StatusCode::OK).await;
        assert_eq!(body(saved).await["language"], language);
    }
    let unknown = panel
        .save(
            "/api/v1/me",
            &coordinator,
            json!({ "full_name": "Contact", "language": "xx" }),
        )
        .await;
    assert_problem(unknown, 422).await;

    release(&panel, true).await.checked(StatusCode::OK).await;

    let french = panel
        .sink
        .wait_for_subject(
            "coord0@company0.lu",
            "D\u{e9}cision concernant votre proposition P0",
            10,
        )
        .await;
    assert!(
        french
            .data
            .contains("Content-Type: text/plain; charset=utf-8")
    );
    let text = french.body();
    assert!(
        text.contains("Votre proposition est retenue pour un financement."),
        "{text}"
    );
    assert!(
        text.contains("80\u{a0}000,00 EUR sur 80\u{a0}000,00 EUR demand\u{e9}s"),
        "{text}"
    );
    let german = panel
        .sink
        .wait_for_subject("rui0@lih.lu", "Entscheidung \u{fc}ber Ihren Antrag P0", 10)
        .await;
    assert!(
        german
            .body()
            .contains("Ihr Antrag wird zur F\u{f6}rderung ausgew\u{e4}hlt.")
    );
    // Who chose no language reads English; nobody gets a letter twice.
    panel
        .sink
        .wait_for_subject("hanna0@chl.lu", SUBJECT, 10)
        .await;
    tokio::time::sleep(Duration::from_millis(1_000)).await;
    let letter_subjects = [
        "Decision on your proposal P0",
        "D\u{e9}cision concernant votre proposition P0",
        "Entscheidung \u{fc}ber Ihren Antrag P0",
    ];
    for to in ["coord0@company0.lu", "rui0@lih.lu", "hanna0@chl.lu"] {
        let letters = panel
            .sink
            .received()
            .iter()
            .filter(|m| m.to.iter().any(|t| t == to))
            .filter(|m| letter_subjects.contains(&m.subject().as_str()))
            .count();
        assert_eq!(letters, 1, "{to}");
    }

    // The PDF is in the reader's language unless another is asked for.
    let letter = async |query: &str| {
        panel
            .get(
                &format!("/api/v1/proposals/{p0}/letter{query}"),
                &coordinator,
            )
            .await
    };
    let own = letter("").await.bytes().await.unwrap();
    assert!(contains(
        &own,
        b"D\xe9cision concernant votre proposition P0"
    ));
    let asked = letter("?language=de").await.bytes().await.unwrap();
    assert!(contains(&asked, b"Entscheidung \xfcber Ihren Antrag P0"));
    let english = letter("?language=en").await.bytes().await.unwrap();
    assert!(contains(&english, b"Decision on your proposal P0"));
    assert!(letter("?language=xx").await.status().is_client_error());
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn letters_written_while_the_mail_server_is_down_arrive_once_it_is_back() {
    let panel = decided_call().await;
    // Let the mails of the set-up go out, then take the server down.
    panel
        .sink
        .wait_for_subject("hanna2@chl.lu", "Invitation", 10)
        .await;
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    panel.sink.stop().await;

    release(&panel, true).await.checked(StatusCode::OK).await;
    let admin = panel.app.admin().await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    loop {
        let outbox = panel.app.outbox(&admin).await;
        let tried = outbox
            .iter()
            .filter(|m| {
                m["subject"].as_str().unwrap().starts_with(SUBJECT)
                    && m["attempts"].as_i64().unwrap() >= 1
            })
            .count();
        if tried > 0 {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the worker never tried while the server was down"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    let (back, _) = SmtpSink::start(panel.smtp_port).await;
    let contacts: Vec<String> = (0..3)
        .flat_map(|i| {
            [
                format!("coord{i}@company{i}.lu"),
                format!("rui{i}@lih.lu"),
                format!("hanna{i}@chl.lu"),
            ]
        })
        .collect();
    for to in &contacts {
        back.wait_for_subject(to, SUBJECT, 30).await;
    }
    tokio::time::sleep(Duration::from_millis(2_000)).await;
    for to in &contacts {
        assert_eq!(
            letters_to(&back, to) + letters_to(&panel.sink, to),
            1,
            "{to}: exactly one letter"
        );
    }
}

#[tokio::test]
async fn the_coordinator_asks_for_a_redress_once_within_the_period_and_the_operator_answers() {
    let panel = decided_call().await;
    release(&panel, true).await.checked(StatusCode::OK).await;
    let (p1, coordinator) = panel.proposals[1].clone();
    let redress = format!("/api/v1/proposals/{p1}/redress");
    let partner = panel.app.applicant("someone@else.lu").await;

    assert_problem(
        panel
            .app
            .post(
                &redress,
                Some(&partner),
                json!({ "text": "Please review." }),
            )
            .send()
            .await
            .unwrap(),
        404,
    )
    .await;
    let long = panel
        .app
        .post(
            &redress,
            Some(&coordinator),
            json!({ "text": "x".repeat(5_001) }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(error_fields(&assert_problem(long, 422).await), ["text"]);
    let filed = panel
        .app
        .post(
            &redress,
            Some(&coordinator),
            json!({ "text": "The hospital's budget was misread." }),
        )
        .send()
        .await
        .unwrap();
    filed.checked(StatusCode::CREATED).await;
    let twice = panel
        .app
        .post(&redress, Some(&coordinator), json!({ "text": "Again." }))
        .send()
        .await
        .unwrap();
    assert!(
        assert_problem(twice, 409).await["type"]
            .as_str()
            .unwrap()
            .ends_with("/redress-filed")
    );
    panel
        .sink
        .wait_for_subject("operator@test.lu", "Redress request on P1", 10)
        .await;

    let answer = format!("{redress}/answer");
    assert_problem(
        panel
            .app
            .put(
                &answer,
                Some(&coordinator),
                json!({ "text": "Self-answer" }),
            )
            .send()
            .await
            .unwrap(),
        403,
    )
    .await;
    let answered = panel
        .app
        .put(
            &answer,
            Some(&panel.operator),
            json!({ "text": "We checked: the budget was read correctly." }),
        )
        .send()
        .await
        .unwrap();
    answered.checked(StatusCode::OK).await;
    let mail = panel
        .sink
        .wait_for_subject(
            &coordinator.email,
            "Answer to the redress request on P1",
            10,
        )
        .await;
    assert!(mail.body().contains("read correctly"));
    let seen: Value = body(panel.get(&redress, &coordinator).await).await;
    assert_eq!(seen["answer"], "We checked: the budget was read correctly.");
    assert_problem(
        panel
            .app
            .put(&answer, Some(&panel.operator), json!({ "text": "Again" }))
            .send()
            .await
            .unwrap(),
        409,
    )
    .await;

    // 30 days after the release the period is over.
    let (p2, mut late) = panel.proposals[2].clone();
    panel
        .app
        .travel_to("2027-08-20T08:00:00Z", &mut [&mut late])
        .await;
    let over = panel
        .app
        .post(
            &format!("/api/v1/proposals/{p2}/redress"),
            Some(&late),
            json!({ "text": "Too late?" }),
        )
        .send()
        .await
        .unwrap();
    assert!(
        assert_problem(over, 409).await["type"]
            .as_str()
            .unwrap()
            .ends_with("/redress-period-over")
    );
}

fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn exports_parse_with_a_standard_csv_reader_and_statistics_add_up() {
    let panel = decided_call().await;
    let exports = format!("/api/v1/calls/{}/exports", panel.call_id);

    let ranking = panel
        .get(&format!("{exports}/ranking?stage=full"), &panel.operator)
        .await;
    let ranking = ranking.checked(StatusCode::OK).await;
    assert!(
        ranking.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let rows = parse_csv(&ranking.text().await.unwrap());
    assert_eq!(
        rows[0],
        [
            "rank",
            "list",
            "acronym",
            "title",
            "Excellence",
            "Impact",
            "Quality and efficiency of implementation",
            "weighted total",
            "total",
            "passed",
            "failed criteria"
        ]
    );
    let ranked: Vec<(&str, &str, &str)> = rows[1..]
        .iter()
        .map(|r| (r[0].as_str(), r[2].as_str(), r[7].as_str()))
        .collect();
    assert_eq!(
        ranked,
        [("1", "P0", "15"), ("2", "P1", "12"), ("3", "P2", "10.5")]
    );

    let plan = parse_csv(
        &panel
            .get(&format!("{exports}/funding-plan"), &panel.operator)
            .await
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(plan[0][..4], ["rank", "acronym", "status", "outcome"]);
    assert_eq!(
        plan[1][2..],
        ["funded", "funded", "8000000", "12500000", "10000000"]
    );
    assert_eq!(plan[2][2..4], ["rejected", "rejected"]);

    // A funder's decisions export has its own partners only; comments survive quoting.
    let ds = crate::support::fixtures::funder(&panel, "reader@ds.lu", Agency::Ds).await;
    let decisions = parse_csv(
        &panel
            .get(&format!("{exports}/decisions"), &ds)
            .await
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(decisions.len(), 4, "a header and three hospitals");
    assert!(decisions[1..].iter().all(|r| r[2] == "DS"));
    let rejected = decisions.iter().find(|r| r[4] == "rejected").unwrap();
    assert_eq!(rejected[6], "Not a hospital priority.");
    let all = parse_csv(
        &panel
            .get(&format!("{exports}/decisions"), &panel.operator)
            .await
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(all.len(), 10);
    let (_, coordinator) = &panel.proposals[0];
    assert_problem(
        panel
            .get(&format!("{exports}/decisions"), coordinator)
            .await,
        403,
    )
    .await;

    let stats = body(
        panel
            .get(&format!("/api/v1/calls/{}/statistics", panel.call_id), &ds)
            .await,
    )
    .await;
    assert_eq!(
        stats["proposals_by_status"],
        json!([{ "key": "eligible", "count": 3 }])
    );
    assert_eq!(
        stats["partners_by_kind"],
        json!([{ "key": "company", "count": 3 }, { "key": "hospital", "count": 3 }, { "key": "research_organisation", "count": 3 }])
    );
    let meco = &stats["funders"][0];
    assert_eq!(
        (
            meco["agency"].as_str(),
            meco["requested_cents"].as_i64(),
            meco["approved_cents"].as_i64()
        ),
        (Some("MECO"), Some(3 * 8_000_000), Some(8_000_000))
    );
    let excellence = &stats["score_distributions"][0];
    assert_eq!(excellence["criterion"], "excellence");
    let mut expected = vec![0; 11];
    for half_points in [10, 8, 7] {
        expected[half_points] = 1;
    }
    assert_eq!(excellence["counts"], json!(expected));
}

#[tokio::test]
async fn the_redress_deadline_is_one_instant_in_the_letter_the_pdf_and_the_api_across_a_clock_change()
 {
    let mut panel = decided_call().await;
    let (p0, mut coordinator) = panel.proposals[0].clone();
    let (p1, mut other) = panel.proposals[1].clone();
    // Released at 00:30 on 11 October 2027 in Luxembourg (still 10 October in
    // UTC), in summer time; thirty days later is 10 November, in winter time.
    panel
        .app
        .travel_to(
            "2027-10-10T22:30:00Z",
            &mut [&mut panel.operator, &mut coordinator, &mut other],
        )
        .await;
    release(&panel, true).await.checked(StatusCode::OK).await;

    let result: Value = body(
        panel
            .get(&format!("/api/v1/proposals/{p0}/result"), &coordinator)
            .await,
    )
    .await;
    assert_eq!(result["redress_until"], "2027-11-10T22:59:59Z");
    assert_eq!(result["time_zone"], "Europe/Luxembourg");
    let sentence = "Until 10 November 2027, 23:59 (Europe/Luxembourg) you may ask";
    let mail = panel
        .sink
        .wait_for_subject("coord0@company0.lu", "Decision on your proposal P0", 10)
        .await;
    assert!(mail.body().contains(sentence), "{}", mail.body());
    let pdf = panel
        .get(&format!("/api/v1/proposals/{p0}/letter"), &coordinator)
        .await
        .bytes()
        .await
        .unwrap();
    // A PDF string escapes its parentheses.
    assert!(
        String::from_utf8_lossy(&pdf)
            .contains(r"Until 10 November 2027, 23:59 \(Europe/Luxembourg\)")
    );

    // The last second of that day is in; the next one is out.
    panel
        .app
        .travel_to("2027-11-10T22:59:59Z", &mut [&mut coordinator])
        .await;
    let filed = panel
        .app
        .post(
            &format!("/api/v1/proposals/{p0}/redress"),
            Some(&coordinator),
            json!({ "text": "In time." }),
        )
        .send()
        .await
        .unwrap();
    filed.checked(StatusCode::CREATED).await;
    panel
        .app
        .travel_to("2027-11-10T23:00:00Z", &mut [&mut other])
        .await;
    let late = panel
        .app
        .post(
            &format!("/api/v1/proposals/{p1}/redress"),
            Some(&other),
            json!({ "text": "Too late?" }),
        )
        .send()
        .await
        .unwrap();
    assert!(
        assert_problem(late, 409).await["type"]
            .as_str()
            .unwrap()
            .ends_with("/redress-period-over")
    );
}
