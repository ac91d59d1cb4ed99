//! The evaluation after assignment: declarations, reviews, consensus, the
//! right to reply, reminders and the ranking, over HTTP.

use crate::support::fixtures::transition;
use crate::support::fixtures::{Panel, full_content, join_pool};
use crate::support::{Expect, assert_problem, body, error_fields};
use reqwest::StatusCode;
use serde_json::{Value, json};

fn audit_actions(entries: &Value) -> Vec<String> {
    entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn an_expert_declares_before_the_content_opens_and_a_declined_slot_reopens() {
    let panel = Panel::generated(1, json!({ "reviews_per_proposal": 2 })).await;
    let proposal = panel.proposal(0).to_owned();
    let (first_id, first) = panel.expert("first@uni.de", json!(["cardiology"]), 5).await;
    let (second_id, second) = panel
        .expert("second@uni.fr", json!(["cardiology"]), 5)
        .await;
    let (third_id, third) = panel.expert("third@uni.be", json!(["cardiology"]), 5).await;
    let first_assignment = panel.assign(0, &first_id).await;
    let second_assignment = panel.assign(0, &second_id).await;
    panel
        .sink
        .wait_for_subject("first@uni.de", "assigned to you", 10)
        .await;

    // Before declaring: acronym, title and partners, nothing else.
    let mine = body(panel.get("/api/v1/me/assignments", &first).await).await;
    assert_eq!(mine.as_array().unwrap().len(), 1);
    assert_eq!(mine[0]["acronym"], "P0");
    assert_eq!(mine[0]["title"], "Proposal 0");
    assert_eq!(mine[0]["partners"], json!(["Company 0 S.A."]));
    assert_eq!(mine[0]["content_open"], false);
    assert_eq!(mine[0]["assignment"]["status"], "assigned");
    for path in [
        format!("/api/v1/proposals/{proposal}"),
        format!("/api/v1/proposals/{proposal}/documents"),
        format!("/api/v1/proposals/{proposal}/grants"),
    ] {
        assert_problem(panel.get(&path, &first).await, 404).await;
    }
    let locked = assert_problem(
        panel
            .get(
                &format!("/api/v1/assignments/{first_assignment}/review"),
                &first,
            )
            .await,
        409,
    )
    .await;
    assert!(
        locked["type"]
            .as_str()
            .unwrap()
            .ends_with("/declaration-required")
    );
    // Someone else's assignment does not exist for an expert.
    assert_problem(
        panel
            .get(&format!("/api/v1/assignments/{first_assignment}"), &second)
            .await,
        404,
    )
    .await;

    // The proposal is fully staffed, so a third expert cannot be added...
    let full = panel
        .app
        .post(
            &format!("/api/v1/proposals/{proposal}/assignments"),
            Some(&panel.operator),
            json!({ "expert_id": third_id }),
        )
        .send()
        .await
        .unwrap();
    assert!(
        assert_problem(full, 409).await["type"]
            .as_str()
            .unwrap()
            .ends_with("/fully-staffed")
    );

    // ...until the second declines with a conflict, which needs a reason.
    let no_reason = assert_problem(
        panel
            .declare(&second, &second_assignment, json!({ "conflict": true }))
            .await,
        422,
    )
    .await;
    assert_eq!(error_fields(&no_reason), ["note"]);
    let declined = panel
        .declare(
            &second,
            &second_assignment,
            json!({ "conflict": true, "note": "I co-authored with the PI." }),
        )
        .await;
    let declined = declined.checked(StatusCode::OK).await;
    assert_eq!(body(declined).await["assignment"]["status"], "declined");
    let told = panel
        .sink
        .wait_for_subject("operator@test.lu", "declined P0", 10)
        .await;
    assert!(told.body().contains("conflict of interest"));
    let again = panel
        .declare(&second, &second_assignment, json!({ "conflict": false }))
        .await;
    assert!(
        assert_problem(again, 409).await["type"]
            .as_str()
            .unwrap()
            .ends_with("/declared-already")
    );
    let third_assignment = panel.assign(0, &third_id).await;
    let back = panel
        .app
        .post(
            &format!("/api/v1/proposals/{proposal}/assignments"),
            Some(&panel.operator),
            json!({ "expert_id": second_id }),
        )
        .send()
        .await
        .unwrap();
    assert!(
        assert_problem(back, 409).await["type"]
            .as_str()
            .unwrap()
            .ends_with("/declared-conflict")
    );

    // Declaring no conflict opens the content and starts a draft.
    let cleared = body(
        panel
            .declare(&first, &first_assignment, json!({ "conflict": false }))
            .await,
    )
    .await;
    assert_eq!(cleared["content_open"], true);
    assert_eq!(cleared["review_status"], "draft");
    let content = body(
        panel
            .get(&format!("/api/v1/proposals/{proposal}"), &first)
            .await,
    )
    .await;
    assert_eq!(content["clinical"]["product_name"], "Watch");

    // The operator sees every assignment with the declared conflict.
    let listed = body(
        panel
            .get(
                &format!("/api/v1/proposals/{proposal}/assignments"),
                &panel.operator,
            )
            .await,
    )
    .await;
    let statuses: Vec<(&str, &str)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["expert_email"].as_str().unwrap(),
                a["assignment"]["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        [
            ("first@uni.de", "cleared"),
            ("second@uni.fr", "declined"),
            ("third@uni.be", "assigned")
        ]
    );
    assert_eq!(listed[1]["conflict_note"], "I co-authored with the PI.");
    let overview = body(
        panel
            .get(
                &format!("/api/v1/calls/{}/assignments?stage=full", panel.call_id),
                &panel.operator,
            )
            .await,
    )
    .await;
    let rows: Vec<(&str, &str, &str)> = overview
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["acronym"].as_str().unwrap(),
                a["expert_email"].as_str().unwrap(),
                a["assignment"]["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("P0", "first@uni.de", "cleared"),
            ("P0", "second@uni.fr", "declined"),
            ("P0", "third@uni.be", "assigned")
        ]
    );
    assert_problem(
        panel
            .get(
                &format!("/api/v1/calls/{}/assignments", panel.call_id),
                &first,
            )
            .await,
        403,
    )
    .await;

    // The operator takes the third off; the solver does not bring them (or the decliner) back.
    let removed = panel
        .app
        .request(
            reqwest::Method::DELETE,
            &format!("/api/v1/assignments/{third_assignment}"),
        )
        .bearer_auth(&panel.operator.token)
        .send()
        .await
        .unwrap();
    let removed = removed.checked(StatusCode::OK).await;
    assert_eq!(body(removed).await["status"], "removed");
    assert!(
        body(panel.get("/api/v1/me/assignments", &third).await)
            .await
            .as_array()
            .unwrap()
            .is_empty()
    );
    let report = body(
        panel
            .app
            .post(
                &format!("/api/v1/calls/{}/assignments/auto", panel.call_id),
                Some(&panel.operator),
                json!({}),
            )
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(report["created"], json!([]));
    assert_eq!(report["shortfalls"][0]["missing"], 1);

    let admin = panel.app.admin().await;
    let audit = body(
        panel
            .get("/api/v1/audit?entity_type=assignment&limit=500", &admin)
            .await,
    )
    .await;
    let actions = audit_actions(&audit);
    for action in [
        "assignment.conflict_declared",
        "assignment.no_conflict_declared",
        "assignment.removed",
    ] {
        assert!(
            actions.iter().any(|a| a == action),
            "{action} in {actions:?}"
        );
    }
}

#[tokio::test]
async fn reviews_are_kept_in_versions_submitted_complete_and_shown_to_peers_without_names() {
    let panel = Panel::generated(1, json!({ "reviews_per_proposal": 3 })).await;
    let (_, first, first_assignment) = panel.cleared_expert(0, "first@uni.de").await;
    let (second_id, second, second_assignment) = panel.cleared_expert(0, "second@uni.fr").await;
    let (_, _third, _) = panel.cleared_expert(0, "third@uni.be").await;
    let path = format!("/api/v1/assignments/{first_assignment}/review");

    // Autosave needs the current version.
    let draft = json!({ "scores": { "excellence": { "score": 4, "comment": "Novel." } } });
    let unconditional = panel
        .app
        .put(&path, Some(&first), draft.clone())
        .send()
        .await
        .unwrap();
    assert_problem(unconditional, 428).await;
    let stale = panel
        .app
        .put(&path, Some(&first), draft.clone())
        .header("If-Match", "\"7\"")
        .send()
        .await
        .unwrap();
    assert_problem(stale, 412).await;
    let saved = panel.save(&path, &first, draft).await;
    let saved = saved.checked(StatusCode::OK).await;
    assert_eq!(body(saved).await["version"], 2);

    // Even a draft stays on the scale and on the stage's criteria.
    let off = panel
        .save(
            &path,
            &first,
            json!({ "scores": { "excellence": { "score": 4.25 }, "charm": { "score": 3 } } }),
        )
        .await;
    assert_eq!(
        error_fields(&assert_problem(off, 422).await),
        ["scores.charm", "scores.excellence.score"]
    );

    // Submitting an incomplete review lists everything missing.
    let incomplete = panel
        .app
        .post(&format!("{path}/submission"), Some(&first), json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_fields(&assert_problem(incomplete, 422).await),
        ["overall_comment", "scores.impact", "scores.implementation"]
    );

    // Others' reviews only after one's own.
    let early = assert_problem(
        panel
            .get(
                &format!("/api/v1/assignments/{first_assignment}/peer-reviews"),
                &first,
            )
            .await,
        403,
    )
    .await;
    assert!(
        early["type"]
            .as_str()
            .unwrap()
            .ends_with("/own-review-first")
    );

    panel
        .review(&first, &first_assignment, [4.0, 3.5, 3.0])
        .await;
    let versions = body(panel.get(&format!("{path}/versions"), &first).await).await;
    let numbers: Vec<i64> = versions
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["version"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
    assert_eq!(
        versions[1]["content"]["scores"]["excellence"]["comment"],
        "Novel."
    );
    let frozen = panel
        .save(&path, &first, full_content([5.0, 5.0, 5.0], "late"))
        .await;
    assert!(
        assert_problem(frozen, 409).await["type"]
            .as_str()
            .unwrap()
            .ends_with("/review-submitted")
    );

    let peers = body(
        panel
            .get(
                &format!("/api/v1/assignments/{first_assignment}/peer-reviews"),
                &first,
            )
            .await,
    )
    .await;
    assert_eq!(peers, json!({ "you_are": "Expert A", "reviews": [] }));

    panel
        .review(&second, &second_assignment, [2.0, 3.0, 3.5])
        .await;
    let response = panel
        .get(
            &format!("/api/v1/assignments/{first_assignment}/peer-reviews"),
            &first,
        )
        .await;
    let text = response.text().await.unwrap();
    let peers: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(peers["reviews"].as_array().unwrap().len(), 1);
    assert_eq!(peers["reviews"][0]["label"], "Expert B");
    assert_eq!(
        peers["reviews"][0]["content"]["scores"]["excellence"]["score"],
        2.0
    );
    for secret in [
        second.email.as_str(),
        second.id.as_str(),
        second_id.as_str(),
        "second",
    ] {
        assert!(!text.contains(secret), "{secret} leaked in {text}");
    }

    // The consortium learns nothing of it.
    let (proposal, coordinator) = &panel.proposals[0];
    for path in [
        format!("/api/v1/assignments/{first_assignment}"),
        format!("/api/v1/assignments/{first_assignment}/review"),
        format!("/api/v1/assignments/{first_assignment}/peer-reviews"),
        format!("/api/v1/proposals/{proposal}/consensus"),
        format!("/api/v1/proposals/{proposal}/reply"),
    ] {
        assert_problem(panel.get(&path, coordinator).await, 404).await;
    }
    for path in [
        format!("/api/v1/proposals/{proposal}/assignments"),
        format!("/api/v1/calls/{}/ranking", panel.call_id),
        format!("/api/v1/calls/{}/experts", panel.call_id),
    ] {
        assert_problem(panel.get(&path, coordinator).await, 403).await;
    }
    assert!(
        body(panel.get("/api/v1/me/assignments", coordinator).await)
            .await
            .as_array()
            .unwrap()
            .is_empty()
    );
    let own = panel
        .get(&format!("/api/v1/proposals/{proposal}"), coordinator)
        .await
        .text()
        .await
        .unwrap();
    for secret in [
        "Novel.",
        "Excellence comment",
        "uni.de",
        "Expert A",
        "review",
    ] {
        assert!(!own.contains(secret), "{secret} leaked to the consortium");
    }
}

#[tokio::test]
async fn a_rapporteur_drafts_the_consensus_with_spreads_flagged_and_thresholds_decide() {
    let panel = Panel::generated(1, json!({ "reviews_per_proposal": 2 })).await;
    let proposal = panel.proposal(0).to_owned();
    let (first_id, first, first_assignment) = panel.cleared_expert(0, "first@uni.de").await;
    let (_, second, second_assignment) = panel.cleared_expert(0, "second@uni.fr").await;
    let (outsider_id, _) = panel.expert("outsider@uni.nl", json!([]), 5).await;
    let consensus = format!("/api/v1/proposals/{proposal}/consensus");

    let wrong = assert_problem(panel.name_rapporteur(0, &outsider_id).await, 422).await;
    assert_eq!(error_fields(&wrong), ["expert_id"]);
    let named = panel.name_rapporteur(0, &first_id).await;
    let named = named.checked(StatusCode::OK).await;
    assert_eq!(body(named).await["rapporteur"], "Expert A");
    panel
        .sink
        .wait_for_subject("first@uni.de", "rapporteur of P0", 10)
        .await;

    let early = panel
        .save(&consensus, &first, full_content([3.0, 3.0, 3.0], "early"))
        .await;
    assert!(
        assert_problem(early, 409).await["type"]
            .as_str()
            .unwrap()
            .ends_with("/reviews-outstanding")
    );

    panel
        .review(&first, &first_assignment, [2.0, 4.0, 4.0])
        .await;
    panel
        .review(&second, &second_assignment, [4.5, 4.0, 3.5])
        .await;

    // The operator's overview shows both reviews in and who is rapporteur.
    let overview = body(
        panel
            .get(
                &format!("/api/v1/calls/{}/assignments", panel.call_id),
                &panel.operator,
            )
            .await,
    )
    .await;
    let rows: Vec<(&str, &str, bool)> = overview
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["expert_email"].as_str().unwrap(),
                a["review_status"].as_str().unwrap(),
                a["rapporteur"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("first@uni.de", "submitted", true),
            ("second@uni.fr", "submitted", false)
        ]
    );

    // Only the rapporteur (and the operator) see the consensus.
    assert_problem(panel.get(&consensus, &second).await, 404).await;
    let view = body(panel.get(&consensus, &first).await).await;
    assert_eq!(view["spread_flags"], json!(["excellence"]));
    assert_eq!(view["all_reviews_in"], true);
    assert_eq!(view["you_are_rapporteur"], true);
    assert_eq!(view["rapporteur_expert_id"], Value::Null);
    let labels: Vec<&str> = view["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["Expert A", "Expert B"]);

    // A partial draft has no outcome and cannot be approved.
    let partial = json!({ "scores": { "excellence": { "score": 3, "comment": "Solid." } } });
    let saved = body(panel.save(&consensus, &first, partial).await).await;
    assert_eq!(saved["outcome"], Value::Null);
    let incomplete = assert_problem(panel.approve(0).await, 422).await;
    assert_eq!(
        error_fields(&incomplete),
        ["overall_comment", "scores.impact", "scores.implementation"]
    );

    // 3 + 3.5 + 3 = 9.5: every criterion at its threshold but below 10 overall.
    let below = body(
        panel
            .save(&consensus, &first, full_content([3.0, 3.5, 3.0], "c"))
            .await,
    )
    .await;
    assert_eq!(below["outcome"]["passed"], false);
    assert_eq!(below["outcome"]["below_overall"], true);
    assert_eq!(below["outcome"]["total"], 9.5);
    // 4 + 3.5 + 2.5: a criterion below 3 fails with a total of 10.
    let failing = body(
        panel
            .save(&consensus, &first, full_content([4.0, 3.5, 2.5], "c"))
            .await,
    )
    .await;
    assert_eq!(
        failing["outcome"]["failed_criteria"],
        json!(["implementation"])
    );
    assert_eq!(failing["outcome"]["passed"], false);
    let passing = body(
        panel
            .save(&consensus, &first, full_content([3.5, 3.5, 3.0], "c"))
            .await,
    )
    .await;
    assert_eq!(passing["outcome"]["passed"], true);

    let approved = panel.approve(0).await;
    let approved = approved.checked(StatusCode::OK).await;
    assert_eq!(body(approved).await["status"], "approved");
    let (late_id, _) = panel.expert("late@uni.nl", json!([]), 5).await;
    let after = panel
        .app
        .post(
            &format!("/api/v1/proposals/{proposal}/assignments"),
            Some(&panel.operator),
            json!({ "expert_id": late_id }),
        )
        .send()
        .await
        .unwrap();
    assert!(
        assert_problem(after, 409).await["type"]
            .as_str()
            .unwrap()
            .ends_with("/consensus-approved")
    );
    let late = panel
        .save(&consensus, &first, full_content([5.0, 5.0, 5.0], "late"))
        .await;
    assert!(
        assert_problem(late, 409).await["type"]
            .as_str()
            .unwrap()
            .ends_with("/consensus-approved")
    );

    let ranking = body(panel.ranking(&panel.operator).await).await;
    assert_eq!(ranking["main_list"][0]["acronym"], "P0");
    assert_eq!(
        ranking["main_list"][0]["scores"],
        json!({ "excellence": 3.5, "impact": 3.5, "implementation": 3.0 })
    );
    assert_eq!(ranking["pending"], json!([]));
}

#[tokio::test]
async fn the_ranking_breaks_ties_by_excellence_then_impact_and_separates_the_failed() {
    let panel = Panel::generated(4, json!({ "reviews_per_proposal": 1 })).await;
    let (expert_id, expert) = panel.expert("solo@uni.de", json!(["cardiology"]), 10).await;
    // Equal totals of 10: P0 leads on excellence; P1 and P2 tie on excellence, P1 leads on impact.
    // P3 has the highest total but fails implementation's threshold.
    let scores = [
        [4.0, 3.0, 3.0],
        [3.0, 4.0, 3.0],
        [3.0, 3.5, 3.5],
        [5.0, 5.0, 2.5],
    ];
    for (i, s) in scores.iter().enumerate() {
        let assignment = panel.assign(i, &expert_id).await;
        panel
            .declare(&expert, &assignment, json!({ "conflict": false }))
            .await
            .checked(StatusCode::OK)
            .await;
        panel.review(&expert, &assignment, *s).await;
        panel
            .name_rapporteur(i, &expert_id)
            .await
            .checked(StatusCode::OK)
            .await;
        let path = format!("/api/v1/proposals/{}/consensus", panel.proposal(i));
        panel
            .save(&path, &expert, full_content(*s, "c"))
            .await
            .checked(StatusCode::OK)
            .await;
        if i < 3 {
            panel.approve(i).await.checked(StatusCode::OK).await;
        }
    }
    let before = body(panel.ranking(&panel.operator).await).await;
    assert_eq!(
        before["pending"],
        json!([{ "proposal_id": panel.proposal(3), "acronym": "P3" }])
    );
    panel.approve(3).await.checked(StatusCode::OK).await;

    let funder = panel
        .app
        .user_with_roles(
            "fnr@fnr.lu",
            &[jointcall::domain::role::Role::Funder],
            Some(jointcall::domain::role::Agency::Fnr),
        )
        .await;
    let ranking = body(panel.ranking(&funder).await).await;
    let main: Vec<(&str, u64, bool)> = ranking["main_list"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["acronym"].as_str().unwrap(),
                r["rank"].as_u64().unwrap(),
                r["tied_with_previous"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(main, [("P0", 1, false), ("P1", 2, false), ("P2", 3, false)]);
    assert_eq!(ranking["below_threshold"][0]["acronym"], "P3");
    assert_eq!(
        ranking["below_threshold"][0]["failed_criteria"],
        json!(["implementation"])
    );
    assert_eq!(ranking["main_list"][0]["weighted_total"], 10.0);
    assert_problem(panel.ranking(&expert).await, 403).await;
}

#[tokio::test]
async fn the_consortium_replies_to_anonymised_comments_within_the_window_and_limit() {
    let panel = Panel::generated(
        1,
        json!({ "reviews_per_proposal": 1, "right_to_reply": { "enabled": true, "max_chars": 40 } }),
    )
    .await;
    let mut operator = panel.operator.clone();
    let (proposal, coordinator) = panel.proposals[0].clone();
    let mut coordinator = coordinator;
    let (expert_id, mut expert, assignment) = panel.cleared_expert(0, "solo@uni.de").await;
    panel.review(&expert, &assignment, [4.0, 4.0, 4.0]).await;
    panel
        .name_rapporteur(0, &expert_id)
        .await
        .checked(StatusCode::OK)
        .await;
    let consensus = format!("/api/v1/proposals/{proposal}/consensus");
    panel
        .save(&consensus, &expert, full_content([4.0, 4.0, 4.0], "shared"))
        .await
        .checked(StatusCode::OK)
        .await;

    let unheld = assert_problem(panel.approve(0).await, 409).await;
    assert!(
        unheld["type"]
            .as_str()
            .unwrap()
            .ends_with("/reply-window-not-held")
    );
    let reply = format!("/api/v1/proposals/{proposal}/reply");
    assert_problem(panel.get(&reply, &coordinator).await, 404).await;

    let windows = format!("/api/v1/calls/{}/reply-windows", panel.call_id);
    let past = panel
        .app
        .post(
            &windows,
            Some(&operator),
            json!({ "stage": "full", "closes_at": "2027-07-01T00:00:00Z" }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_fields(&assert_problem(past, 422).await),
        ["closes_at"]
    );
    let opened = panel
        .app
        .post(
            &windows,
            Some(&operator),
            json!({ "stage": "full", "closes_at": "2027-07-20T08:00:00Z" }),
        )
        .send()
        .await
        .unwrap();
    let opened = opened.checked(StatusCode::CREATED).await;
    assert_eq!(body(opened).await["proposals"], 1);
    let listed = body(panel.get(&windows, &operator).await).await;
    assert_eq!(listed[0]["closes_at"], "2027-07-20T08:00:00Z");
    assert_eq!(listed[0]["open"], true);
    let twice = panel
        .app
        .post(
            &windows,
            Some(&operator),
            json!({ "stage": "full", "closes_at": "2027-07-20T08:00:00Z" }),
        )
        .send()
        .await
        .unwrap();
    assert_problem(twice, 409).await;
    let mail = panel
        .sink
        .wait_for_subject(&coordinator.email, "Right to reply", 10)
        .await;
    assert!(
        mail.body()
            .contains(&format!("http://portal.test/proposals/{proposal}/reply"))
    );

    // Comments without scores or names.
    let shown = panel.get(&reply, &coordinator).await;
    let text = shown.text().await.unwrap();
    let shown: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(shown["open"], true);
    assert_eq!(
        shown["comments"]["scores"]["excellence"],
        json!({ "score": null, "comment": "Excellence comment shared" })
    );
    assert!(!text.contains("solo@uni.de") && !text.contains("\"score\":4"));

    let long = "x".repeat(41);
    let too_long = panel
        .app
        .put(&reply, Some(&coordinator), json!({ "text": long }))
        .header("If-Match", "\"0\"")
        .send()
        .await
        .unwrap();
    assert_eq!(error_fields(&assert_problem(too_long, 422).await), ["text"]);
    let answer = "é".repeat(40);
    let answered = panel
        .app
        .put(&reply, Some(&coordinator), json!({ "text": answer }))
        .header("If-Match", "\"0\"")
        .send()
        .await
        .unwrap();
    let answered = answered.checked(StatusCode::OK).await;
    assert_eq!(body(answered).await["version"], 1);

    let open = assert_problem(panel.approve(0).await, 409).await;
    assert!(
        open["type"]
            .as_str()
            .unwrap()
            .ends_with("/reply-window-open")
    );
    let seen = body(panel.get(&consensus, &expert).await).await;
    assert_eq!(seen["reply"]["text"], answer);

    panel
        .app
        .travel_to(
            "2027-07-20T08:00:00Z",
            &mut [&mut operator, &mut coordinator, &mut expert],
        )
        .await;
    let closed = panel
        .app
        .put(&reply, Some(&coordinator), json!({ "text": "late" }))
        .header("If-Match", "\"1\"")
        .send()
        .await
        .unwrap();
    assert!(
        assert_problem(closed, 409).await["type"]
            .as_str()
            .unwrap()
            .ends_with("/reply-window-closed")
    );
    let approved = panel
        .app
        .post(&format!("{consensus}/approval"), Some(&operator), json!({}))
        .send()
        .await
        .unwrap();
    approved.checked(StatusCode::OK).await;
}

#[tokio::test]
async fn experts_are_reminded_once_per_reminder_day_until_they_submit() {
    let panel = Panel::generated(
        1,
        json!({
            "reviews_per_proposal": 2,
            "full_stage": { "deadline_local": "2027-07-14T14:00:00", "review_deadline_local": "2027-09-15T18:00:00" },
            "review_reminder_days": [7, 1],
        }),
    )
    .await;
    let mut operator = panel.operator.clone();
    let call = json!({ "id": panel.call_id });
    transition(&panel.app, &operator, &call, "closed")
        .await
        .checked(StatusCode::OK)
        .await;
    let (_, mut late, _) = panel.cleared_expert(0, "late@uni.de").await;
    let (_, mut prompt, prompt_assignment) = panel.cleared_expert(0, "prompt@uni.fr").await;
    panel
        .review(&prompt, &prompt_assignment, [4.0, 4.0, 4.0])
        .await;
    let reminders = |to: &str| {
        panel
            .sink
            .received()
            .into_iter()
            .filter(|m| m.to.iter().any(|t| t == to) && m.subject().starts_with("Reminder"))
            .count()
    };

    // 8 days before (local 18:00 is 16:00 UTC): nothing yet.
    panel
        .app
        .travel_to(
            "2027-09-07T16:00:00Z",
            &mut [&mut operator, &mut late, &mut prompt],
        )
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(2_500)).await;
    assert_eq!(reminders("late@uni.de"), 0);

    panel
        .app
        .travel_to("2027-09-08T16:00:00Z", &mut [&mut operator])
        .await;
    let first = panel
        .sink
        .wait_for_subject("late@uni.de", "Reminder", 10)
        .await;
    assert!(
        first.subject().contains("15 September 2027, 18:00"),
        "{}",
        first.subject()
    );
    tokio::time::sleep(std::time::Duration::from_millis(2_500)).await;
    assert_eq!(reminders("late@uni.de"), 1, "sent once");

    panel
        .app
        .travel_to("2027-09-14T20:00:00Z", &mut [&mut operator])
        .await;
    for _ in 0..50 {
        if reminders("late@uni.de") == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(reminders("late@uni.de"), 2);
    assert_eq!(
        reminders("prompt@uni.fr"),
        0,
        "a submitted review is not chased"
    );
}

#[tokio::test]
async fn the_solver_staffs_a_generated_call_within_caps_without_conflicts_at_least_as_well_as_greedy()
 {
    use jointcall::domain::assignment::{
        AssignmentProblem, ExpertOffer, ProposalNeed, greedy, match_score,
    };

    let keywords = [
        json!(["cardiology", "ai"]),
        json!(["diabetes"]),
        json!(["oncology", "imaging"]),
        json!(["cardiology"]),
        json!(["sleep", "ai"]),
        json!(["rehabilitation"]),
    ];
    let panel = Panel::with_keywords(&keywords, json!({ "reviews_per_proposal": 2 })).await;
    let pool = [
        (json!(["cardiology", "ai"]), 3),
        (json!(["diabetes", "sleep"]), 3),
        (json!(["oncology", "imaging", "ai"]), 3),
        (json!(["rehabilitation", "cardiology"]), 3),
    ];
    let mut experts = Vec::new();
    for (i, (words, cap)) in pool.iter().enumerate() {
        let (id, actor) = panel
            .expert(&format!("pool{i}@uni.de"), words.clone(), *cap)
            .await;
        experts.push((id, actor, words.clone(), *cap));
    }
    // The first expert works for the first proposal's company; the last
    // proposal's coordinator is in the pool too, a member of a consortium of the call.
    let (first_proposal, first_coordinator) = &panel.proposals[0];
    let company = body(
        panel
            .get(
                &format!("/api/v1/proposals/{first_proposal}"),
                first_coordinator,
            )
            .await,
    )
    .await["partners"][0]["organisation"]["id"]
        .clone();
    let affiliated = panel
        .app
        .post(
            "/api/v1/me/affiliations",
            Some(&experts[0].1),
            json!({ "organisation_id": company }),
        )
        .send()
        .await
        .unwrap();
    affiliated.checked(StatusCode::CREATED).await;
    let member = &panel.proposals[5].1;
    let (member_id, _) = join_pool(
        &panel.app,
        &panel.sink,
        &panel.call_id,
        &panel.operator,
        &member.email,
        json!(["rehabilitation", "cardiology", "ai"]),
        10,
        Some(member),
    )
    .await;

    let report = panel
        .app
        .post(
            &format!("/api/v1/calls/{}/assignments/auto", panel.call_id),
            Some(&panel.operator),
            json!({ "stage": "full" }),
        )
        .send()
        .await
        .unwrap();
    let report = report.expect(StatusCode::OK).await;
    assert_eq!(report["shortfalls"], json!([]), "{report}");
    assert_eq!(report["total"], 12);

    // Check the result from the operator's lists, not the report alone.
    let mut pairs = Vec::new();
    for (p, (proposal, _)) in panel.proposals.iter().enumerate() {
        let listed = body(
            panel
                .get(
                    &format!("/api/v1/proposals/{proposal}/assignments"),
                    &panel.operator,
                )
                .await,
        )
        .await;
        let staff: Vec<String> = listed
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["assignment"]["expert_id"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(staff.len(), 2, "proposal {p} staffed");
        assert!(
            !staff.contains(&member_id),
            "a consortium member never reviews"
        );
        for expert in staff {
            pairs.push((p, expert));
        }
    }
    assert!(
        !pairs.contains(&(0, experts[0].0.clone())),
        "the colleague never reviews their company"
    );
    for (id, _, _, cap) in &experts {
        assert!(
            pairs.iter().filter(|(_, e)| e == id).count() <= *cap as usize,
            "cap of {id}"
        );
    }
    let words = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap().to_owned())
            .collect()
    };
    let objective: i64 = pairs
        .iter()
        .map(|(p, e)| {
            let expert = experts.iter().find(|x| &x.0 == e).unwrap();
            match_score(&words(&keywords[*p]), &words(&expert.2))
        })
        .sum();
    assert_eq!(report["objective"], objective);

    // The same problem for the greedy baseline, in the solver's order (by id).
    let mut proposal_order: Vec<usize> = (0..keywords.len()).collect();
    proposal_order.sort_by_key(|&p| panel.proposal(p).to_owned());
    let mut expert_order: Vec<usize> = (0..experts.len()).collect();
    expert_order.sort_by_key(|&e| experts[e].0.clone());
    let problem = AssignmentProblem {
        proposals: proposal_order
            .iter()
            .map(|&p| ProposalNeed {
                reviews: 2,
                keywords: words(&keywords[p]),
            })
            .collect(),
        experts: expert_order
            .iter()
            .map(|&e| ExpertOffer {
                load_cap: experts[e].3 as u32,
                keywords: words(&experts[e].2),
            })
            .collect(),
        forbidden: [(
            proposal_order.iter().position(|&p| p == 0).unwrap(),
            expert_order.iter().position(|&e| e == 0).unwrap(),
        )]
        .into_iter()
        .collect(),
        fixed: Vec::new(),
    };
    let baseline = greedy(&problem);
    assert!(
        objective >= baseline.objective,
        "solver {objective} < greedy {}",
        baseline.objective
    );
}
