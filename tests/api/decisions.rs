//! Funding plans and each funder's decisions, over HTTP.

use crate::support::fixtures::{
    DS_GRANT, FNR_GRANT, MECO_GRANT, decide, funder, partner_of, ranked_call, ranked_with,
};
use crate::support::{Actor, Expect, assert_problem, audited, body, error_fields};
use jointcall::domain::role::Agency;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn statuses(plan: &Value) -> Vec<(String, String)> {
    plan["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["acronym"].as_str().unwrap().to_owned(),
                e["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn envelope(plan: &Value, agency: &str) -> Value {
    plan["envelopes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["agency"] == agency)
        .unwrap()
        .clone()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

#[tokio::test]
async fn the_plan_walks_the_ranking_within_envelopes_and_a_what_if_stores_nothing() {
    let panel = ranked_call().await;
    let plan_path = format!("/api/v1/calls/{}/funding-plan", panel.call_id);
    let plan = body(panel.get(&plan_path, &panel.operator).await).await;
    // MECO has 20,000,000 for grants of 8,000,000: the third no longer fits.
    assert_eq!(
        statuses(&plan),
        pairs(&[("P0", "fundable"), ("P1", "fundable"), ("P2", "reserve")])
    );
    assert_eq!(
        envelope(&plan, "MECO"),
        json!({ "agency": "MECO", "total_cents": 20_000_000, "committed_cents": 0,
                "proposed_cents": 2 * MECO_GRANT, "remaining_cents": 20_000_000 - 2 * MECO_GRANT })
    );
    assert_eq!(
        plan["entries"][0]["requested"],
        json!([{ "agency": "MECO", "requested_cents": MECO_GRANT },
               { "agency": "FNR", "requested_cents": FNR_GRANT },
               { "agency": "DS", "requested_cents": DS_GRANT }])
    );
    assert_eq!(plan["entries"][0]["partners"].as_array().unwrap().len(), 3);

    // A funder sees its own partners in detail, the others as totals.
    let fnr = funder(&panel, "staff@fnr.lu", Agency::Fnr).await;
    let seen = body(panel.get(&plan_path, &fnr).await).await;
    let agencies: Vec<&str> = seen["entries"][0]["partners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["agency"].as_str().unwrap())
        .collect();
    assert_eq!(agencies, ["FNR"]);
    assert_eq!(
        seen["entries"][0]["requested"],
        plan["entries"][0]["requested"]
    );

    // What if MECO had more, or P1's company asked for less?
    let what_if = format!("{plan_path}/what-if");
    let bigger = body(
        panel.app.post(&what_if, Some(&fnr), json!({ "envelopes": [{ "agency": "MECO", "total_cents": 24_000_000 }, { "agency": "FNR", "total_cents": 40_000_000 }] }))
            .send().await.unwrap(),
    )
    .await;
    assert_eq!(
        statuses(&bigger),
        pairs(&[("P0", "fundable"), ("P1", "fundable"), ("P2", "fundable")])
    );
    assert_eq!(bigger["what_if"], true);
    let p1 = body(
        panel
            .get(
                &format!("/api/v1/proposals/{}/decisions", panel.proposal(1)),
                &panel.operator,
            )
            .await,
    )
    .await;
    let reduced = body(
        panel.app.post(&what_if, Some(&panel.operator), json!({
            "envelopes": [{ "agency": "FNR", "total_cents": 40_000_000 }],
            "grants": [{ "partner_id": partner_of(&p1, "MECO"), "amount_cents": 4_000_000 }],
        }))
        .send().await.unwrap(),
    )
    .await;
    assert_eq!(
        statuses(&reduced),
        pairs(&[("P0", "fundable"), ("P1", "fundable"), ("P2", "fundable")])
    );
    assert_eq!(envelope(&reduced, "MECO")["remaining_cents"], 0);
    let too_much = panel
        .app
        .post(&what_if, Some(&panel.operator), json!({
            "envelopes": [{ "agency": "DS", "total_cents": -1 }],
            "grants": [{ "partner_id": partner_of(&p1, "MECO"), "amount_cents": MECO_GRANT + 1 }, { "partner_id": "nobody", "amount_cents": 1 }],
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_fields(&assert_problem(too_much, 422).await),
        [
            "envelopes[0].total_cents",
            "grants[0].amount_cents",
            "grants[1].partner_id"
        ]
    );
    // Nothing was stored.
    assert_eq!(
        body(panel.get(&plan_path, &panel.operator).await).await,
        plan
    );

    // Funders read the consensus behind the scores, without the experts' identities.
    let consensus = body(
        panel
            .get(
                &format!("/api/v1/proposals/{}/consensus", panel.proposal(0)),
                &fnr,
            )
            .await,
    )
    .await;
    assert_eq!(consensus["status"], "approved");
    assert_eq!(
        consensus["content"]["scores"]["excellence"]["comment"],
        "Excellence comment c"
    );
    assert_eq!(consensus["rapporteur_expert_id"], Value::Null);

    // Applicants learn nothing of it.
    let (proposal, coordinator) = &panel.proposals[0];
    assert_problem(panel.get(&plan_path, coordinator).await, 403).await;
    assert_problem(
        panel
            .get(
                &format!("/api/v1/proposals/{proposal}/decisions"),
                coordinator,
            )
            .await,
        403,
    )
    .await;
}

#[tokio::test]
async fn a_proposal_is_funded_only_when_every_funder_approves_and_only_its_own_partners() {
    let panel = ranked_call().await;
    let meco = funder(&panel, "staff@meco.lu", Agency::Meco).await;
    let fnr = funder(&panel, "staff@fnr.lu", Agency::Fnr).await;
    let ds = funder(&panel, "staff@ds.lu", Agency::Ds).await;
    let p0 = panel.proposal(0).to_owned();
    let decisions = body(
        panel
            .get(&format!("/api/v1/proposals/{p0}/decisions"), &meco)
            .await,
    )
    .await;
    assert_eq!(decisions["outcome"], "pending");
    let (company, research, hospital) = (
        partner_of(&decisions, "MECO"),
        partner_of(&decisions, "FNR"),
        partner_of(&decisions, "DS"),
    );
    let approve = |amount: i64| json!({ "decision": "approved", "amount_cents": amount });

    // Not before the call is in evaluation.
    let closed = decide(&panel, &meco, &p0, &company, 0, approve(MECO_GRANT)).await;
    assert!(
        assert_problem(closed, 409).await["type"]
            .as_str()
            .unwrap()
            .ends_with("/call-not-in-evaluation")
    );
    panel.to_decisions().await;

    // Each funder for its own partners only; operators and applicants not at all.
    let other = decide(&panel, &meco, &p0, &research, 0, approve(1)).await;
    assert!(
        assert_problem(other, 403).await["type"]
            .as_str()
            .unwrap()
            .ends_with("/another-funders-partner")
    );
    assert_problem(
        decide(&panel, &panel.operator, &p0, &company, 0, approve(1)).await,
        403,
    )
    .await;
    let coordinator = panel.proposals[0].1.clone();
    assert_problem(
        decide(&panel, &coordinator, &p0, &company, 0, approve(1)).await,
        403,
    )
    .await;

    let over = decide(&panel, &meco, &p0, &company, 0, approve(MECO_GRANT + 1)).await;
    assert_eq!(
        error_fields(&assert_problem(over, 422).await),
        ["amount_cents"]
    );
    let unconditional = panel
        .app
        .put(
            &format!("/api/v1/proposals/{p0}/partners/{company}/decision"),
            Some(&meco),
            approve(MECO_GRANT),
        )
        .send()
        .await
        .unwrap();
    assert_problem(unconditional, 428).await;

    let first = decide(&panel, &meco, &p0, &company, 0, approve(MECO_GRANT)).await;
    let first = first.checked(StatusCode::OK).await;
    assert_eq!(first.headers()["etag"], "\"1\"");
    assert_eq!(body(first).await["outcome"], "pending");
    decide(&panel, &fnr, &p0, &research, 0, approve(FNR_GRANT))
        .await
        .checked(StatusCode::OK)
        .await;
    let last = body(decide(&panel, &ds, &p0, &hospital, 0, approve(DS_GRANT)).await).await;
    assert_eq!(last["outcome"], "funded");

    // A change is a new version; a stale one is refused.
    let changed = decide(&panel, &meco, &p0, &company, 1, approve(7_000_000)).await;
    changed.checked(StatusCode::OK).await;
    assert_problem(
        decide(&panel, &meco, &p0, &company, 1, approve(6_000_000)).await,
        412,
    )
    .await;

    // One rejection rejects the proposal; a rejection needs its reason.
    let p1 = panel.proposal(1).to_owned();
    let p1_decisions = body(
        panel
            .get(&format!("/api/v1/proposals/{p1}/decisions"), &ds)
            .await,
    )
    .await;
    let p1_hospital = partner_of(&p1_decisions, "DS");
    let silent = decide(
        &panel,
        &ds,
        &p1,
        &p1_hospital,
        0,
        json!({ "decision": "rejected" }),
    )
    .await;
    assert_eq!(
        error_fields(&assert_problem(silent, 422).await),
        ["comment"]
    );
    let rejected = decide(
        &panel,
        &ds,
        &p1,
        &p1_hospital,
        0,
        json!({ "decision": "rejected", "comment": "Out of the programme's scope." }),
    )
    .await;
    assert_eq!(body(rejected).await["outcome"], "rejected");

    let plan = body(
        panel
            .get(
                &format!("/api/v1/calls/{}/funding-plan", panel.call_id),
                &panel.operator,
            )
            .await,
    )
    .await;
    assert_eq!(
        statuses(&plan),
        pairs(&[("P0", "funded"), ("P1", "rejected"), ("P2", "fundable")])
    );
    assert_eq!(envelope(&plan, "MECO")["committed_cents"], 7_000_000);

    let admin = panel.app.admin().await;
    let audit = body(
        panel
            .get(
                &format!("/api/v1/audit?entity_type=partner&entity_id={company}"),
                &admin,
            )
            .await,
    )
    .await;
    let versions: Vec<i64> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "partner.funding_decided")
        .map(|e| e["after"]["version"].as_i64().unwrap())
        .collect();
    assert_eq!(versions, [1, 2]);
}

#[tokio::test]
async fn approvals_at_the_same_moment_never_exceed_an_envelope_nor_skip_the_rank_order() {
    let panel = ranked_call().await;
    panel.to_decisions().await;
    let staff = [
        funder(&panel, "one@meco.lu", Agency::Meco).await,
        funder(&panel, "two@meco.lu", Agency::Meco).await,
        funder(&panel, "three@meco.lu", Agency::Meco).await,
    ];
    let mut companies = Vec::new();
    for i in 0..3 {
        let d = body(
            panel
                .get(
                    &format!("/api/v1/proposals/{}/decisions", panel.proposal(i)),
                    &staff[0],
                )
                .await,
        )
        .await;
        companies.push(partner_of(&d, "MECO"));
    }
    let approve = json!({ "decision": "approved", "amount_cents": MECO_GRANT });

    // 20,000,000 for three approvals of 8,000,000 sent at once: whatever
    // order they land in, P0 and P1 are approved and P2, on the reserve, is not.
    let (a, b, c) = tokio::join!(
        decide(
            &panel,
            &staff[0],
            panel.proposal(0),
            &companies[0],
            0,
            approve.clone()
        ),
        decide(
            &panel,
            &staff[1],
            panel.proposal(1),
            &companies[1],
            0,
            approve.clone()
        ),
        decide(
            &panel,
            &staff[2],
            panel.proposal(2),
            &companies[2],
            0,
            approve.clone()
        ),
    );
    a.checked(StatusCode::OK).await;
    b.checked(StatusCode::OK).await;
    let refused = assert_problem(c, 409).await;
    assert!(
        refused["type"]
            .as_str()
            .unwrap()
            .ends_with("/proposal-on-reserve"),
        "{refused}"
    );
    assert!(
        refused["detail"].as_str().unwrap().contains("P2"),
        "{refused}"
    );
    let plan = body(
        panel
            .get(
                &format!("/api/v1/calls/{}/funding-plan", panel.call_id),
                &panel.operator,
            )
            .await,
    )
    .await;
    assert_eq!(envelope(&plan, "MECO")["committed_cents"], 2 * MECO_GRANT);
    assert_eq!(
        envelope(&plan, "MECO")["remaining_cents"],
        20_000_000 - 2 * MECO_GRANT
    );
}

#[tokio::test]
async fn only_the_main_list_is_decided_and_a_reserve_proposal_only_after_a_reasoned_move() {
    // P3's consensus (2.5 on every criterion) fails the thresholds.
    let panel = ranked_with(&[5.0, 4.0, 3.5, 2.5]).await;
    panel.to_decisions().await;
    let meco = funder(&panel, "staff@meco.lu", Agency::Meco).await;
    let company = |i: usize| {
        let panel = &panel;
        let meco = &meco;
        async move {
            let d = body(
                panel
                    .get(
                        &format!("/api/v1/proposals/{}/decisions", panel.proposal(i)),
                        meco,
                    )
                    .await,
            )
            .await;
            partner_of(&d, "MECO")
        }
    };
    let approve = json!({ "decision": "approved", "amount_cents": MECO_GRANT });
    let plan_path = format!("/api/v1/calls/{}/funding-plan", panel.call_id);
    let statistics_path = format!("/api/v1/calls/{}/statistics", panel.call_id);

    // Below the thresholds: never decided, whoever asks and whatever the envelope.
    let below = decide(
        &panel,
        &meco,
        panel.proposal(3),
        &company(3).await,
        0,
        approve.clone(),
    )
    .await;
    let problem = assert_problem(below, 409).await;
    assert!(
        problem["type"]
            .as_str()
            .unwrap()
            .ends_with("/not-on-main-list"),
        "{problem}"
    );
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("P3 is below the evaluation thresholds"),
        "{problem}"
    );
    let rejected = decide(
        &panel,
        &meco,
        panel.proposal(3),
        &company(3).await,
        0,
        json!({ "decision": "rejected", "comment": "Below the thresholds." }),
    )
    .await;
    assert_problem(rejected, 409).await;

    // On the reserve: refused until the operator moves it into funding.
    let reserve = decide(
        &panel,
        &meco,
        panel.proposal(2),
        &company(2).await,
        0,
        approve.clone(),
    )
    .await;
    let problem = assert_problem(reserve, 409).await;
    assert!(
        problem["type"]
            .as_str()
            .unwrap()
            .ends_with("/proposal-on-reserve"),
        "{problem}"
    );
    let plan = body(panel.get(&plan_path, &panel.operator).await).await;
    assert_eq!(envelope(&plan, "MECO")["committed_cents"], 0);
    let statistics = body(panel.get(&statistics_path, &panel.operator).await).await;
    let meco_figures = |s: &Value| {
        s["funders"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["agency"] == "MECO")
            .unwrap()
            .clone()
    };
    assert_eq!(meco_figures(&statistics)["approved_cents"], 0);

    let promote = |i: usize, actor: &Actor, reason: &str| {
        panel.app.post(
            &format!("/api/v1/proposals/{}/funding-promotion", panel.proposal(i)),
            Some(actor),
            json!({ "reason": reason }),
        )
    };
    assert_problem(
        promote(2, &meco, "Portfolio balance.")
            .send()
            .await
            .unwrap(),
        403,
    )
    .await;
    let blank = promote(2, &panel.operator, "  ").send().await.unwrap();
    assert_eq!(error_fields(&assert_problem(blank, 422).await), ["reason"]);
    let fundable = promote(0, &panel.operator, "Why not.")
        .send()
        .await
        .unwrap();
    assert!(
        assert_problem(fundable, 409).await["type"]
            .as_str()
            .unwrap()
            .ends_with("/not-on-reserve")
    );
    let below = promote(3, &panel.operator, "Why not.")
        .send()
        .await
        .unwrap();
    assert!(
        assert_problem(below, 409).await["type"]
            .as_str()
            .unwrap()
            .ends_with("/not-on-main-list")
    );
    let moved = promote(2, &panel.operator, "The only paediatric study of the call.")
        .send()
        .await
        .unwrap();
    moved.checked(StatusCode::CREATED).await;
    let again = promote(2, &panel.operator, "Twice.").send().await.unwrap();
    assert!(
        assert_problem(again, 409).await["type"]
            .as_str()
            .unwrap()
            .ends_with("/already-promoted")
    );

    // The plan walks P2 first now: P1 no longer fits and waits on the reserve.
    let plan = body(panel.get(&plan_path, &panel.operator).await).await;
    assert_eq!(
        statuses(&plan),
        pairs(&[("P0", "fundable"), ("P1", "reserve"), ("P2", "fundable")])
    );
    assert_eq!(
        plan["entries"][2]["promotion"]["reason"],
        "The only paediatric study of the call."
    );
    assert_eq!(
        plan["entries"][2]["promotion"]["promoted_by"],
        panel.operator.id.as_str()
    );
    assert_eq!(plan["entries"][0]["promotion"], Value::Null);

    decide(
        &panel,
        &meco,
        panel.proposal(2),
        &company(2).await,
        0,
        approve.clone(),
    )
    .await
    .checked(StatusCode::OK)
    .await;
    let problem = assert_problem(
        decide(
            &panel,
            &meco,
            panel.proposal(1),
            &company(1).await,
            0,
            approve.clone(),
        )
        .await,
        409,
    )
    .await;
    assert!(
        problem["type"]
            .as_str()
            .unwrap()
            .ends_with("/proposal-on-reserve"),
        "{problem}"
    );

    // The plan, the statistics and the export agree on what is committed.
    let plan = body(panel.get(&plan_path, &panel.operator).await).await;
    assert_eq!(envelope(&plan, "MECO")["committed_cents"], MECO_GRANT);
    let statistics = body(panel.get(&statistics_path, &panel.operator).await).await;
    assert_eq!(meco_figures(&statistics)["approved_cents"], MECO_GRANT);

    let admin = panel.app.admin().await;
    let moves = audited(
        &panel.app,
        &admin,
        "proposal",
        panel.proposal(2),
        "proposal.moved_into_funding",
    )
    .await;
    assert_eq!(moves.len(), 1);
    assert_eq!(
        moves[0]["after"]["reason"],
        "The only paediatric study of the call."
    );
}
