//! Money that holds after submission: the figures of a submitted proposal
//! are those its receipt froze, whatever its organisations or the call's
//! rules do afterwards; budgets stay within the project's own years.

use crate::support::fixtures::{
    Consortium, MECO_GRANT, approve_as_requested, complete, funder, partner_of, ranked_call, submit,
};
use crate::support::{Actor, Expect, TestApp, assert_problem, body, error_fields};
use jointcall::domain::role::Agency;
use jointcall::read::proposal::ProposalResponse;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// The organisation of a partner of `kind` in a proposal as `actor` reads it.
fn organisation_of(proposal: &ProposalResponse, kind: &str) -> Value {
    let partner = Consortium::partner_id(proposal, kind);
    let partner = proposal.partners.iter().find(|p| p.id == partner).unwrap();
    serde_json::to_value(&partner.organisation).unwrap()
}

/// Its creator changes an organisation (with its current version).
async fn edit_organisation(app: &TestApp, creator: &Actor, id: &str, changes: Value) {
    let path = format!("/api/v1/organisations/{id}");
    let current = app.get(&path, Some(creator)).send().await.unwrap();
    let etag = current.headers()["etag"].to_str().unwrap().to_owned();
    let mut update = body(current).await;
    for (k, v) in changes.as_object().unwrap() {
        update[k] = v.clone();
    }
    let saved = app
        .put(&path, Some(creator), update)
        .header("If-Match", etag)
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), StatusCode::OK, "{}", body(saved).await);
}

async fn get(app: &TestApp, path: &str, actor: &Actor) -> Value {
    let response = app.get(path, Some(actor)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    body(response).await
}

fn meco_requested(grants: &Value) -> i64 {
    grants["funders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["agency"] == "MECO")
        .map_or(0, |f| f["requested_grant_cents"].as_i64().unwrap())
}

#[tokio::test]
async fn before_the_deadline_a_changed_organisation_asks_for_a_resubmission_and_never_changes_the_receipt()
 {
    let (c, research, hospital) = Consortium::full("small").await;
    complete(&c, &research, &hospital).await;
    let receipt = body(submit(&c, &c.coordinator).await).await;
    let frozen: Value = serde_json::from_str(receipt["snapshot"].as_str().unwrap()).unwrap();
    // EUR 100,000 of a small company: 50% + 20 + 15 (collaboration) = 85%, capped at 80%.
    assert_eq!(meco_requested(&frozen["grants"]), 8_000_000);
    let grants = get(&c.app, &c.path("/grants"), &research).await;
    assert_eq!(grants, frozen["grants"]);

    let proposal = c.proposal(&c.coordinator).await;
    let company = organisation_of(&proposal, "company");
    edit_organisation(
        &c.app,
        &c.coordinator,
        company["id"].as_str().unwrap(),
        json!({ "company_size": "large" }),
    )
    .await;

    // The submitted proposal keeps its receipt's figures; its consortium is told to resubmit.
    assert_eq!(get(&c.app, &c.path("/grants"), &research).await, grants);
    assert_eq!(get(&c.app, &c.path("/receipt"), &hospital).await, receipt);
    let checklist = get(&c.app, &c.path("/checklist"), &research).await;
    assert_eq!(checklist["complete"], false);
    let items = checklist["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{checklist}");
    assert_eq!(items[0]["code"], "changed_since_submission");
    let partner = Consortium::partner_id(&proposal, "company");
    assert_eq!(
        items[0]["field"],
        format!("partners.{partner}.organisation")
    );
    let message = items[0]["message"].as_str().unwrap();
    assert!(message.contains("MedSoft S.A."), "{message}");
    assert!(
        message.contains("company size: small \u{2192} large"),
        "{message}"
    );
    // 50% + 15 = 65% of EUR 100,000.
    assert!(
        message.contains("requested grant: €80,000.00 \u{2192} €65,000.00"),
        "{message}"
    );

    // Reopened, the proposal is priced live again; submitted again, the new receipt holds the change.
    let reopened = c
        .app
        .post(&c.path("/reopening"), Some(&c.coordinator), json!({}))
        .send()
        .await
        .unwrap();
    reopened.checked(StatusCode::OK).await;
    assert_eq!(
        meco_requested(&get(&c.app, &c.path("/grants"), &research).await),
        6_500_000
    );
    let second = body(submit(&c, &c.coordinator).await).await;
    let refrozen: Value = serde_json::from_str(second["snapshot"].as_str().unwrap()).unwrap();
    assert_eq!(meco_requested(&refrozen["grants"]), 6_500_000);
    let company_facts = refrozen["partners"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == partner.as_str())
        .unwrap()["organisation"]
        .clone();
    assert_eq!(company_facts["company_size"], "large");
    assert!(
        refrozen["rules"]["settings_sha256"]
            .as_str()
            .is_some_and(|d| d.len() == 64)
    );
    let checklist = get(&c.app, &c.path("/checklist"), &research).await;
    assert_eq!(checklist, json!({ "complete": true, "items": [] }));
}

#[tokio::test]
async fn after_the_deadline_every_figure_is_the_receipts_whatever_the_organisations_do() {
    let panel = ranked_call().await;
    let (p0, coordinator) = panel.proposals[0].clone();
    let receipt = get(
        &panel.app,
        &format!("/api/v1/proposals/{p0}/receipt"),
        &coordinator,
    )
    .await;
    let frozen: Value = serde_json::from_str(receipt["snapshot"].as_str().unwrap()).unwrap();
    assert_eq!(meco_requested(&frozen["grants"]), MECO_GRANT);
    let proposal = get(&panel.app, &format!("/api/v1/proposals/{p0}"), &coordinator).await;
    let company = organisation_of(&serde_json::from_value(proposal).unwrap(), "company");
    assert_eq!(company["name"], "Company 0 S.A.");

    // The company moves abroad, grows and is renamed after the deadline: live,
    // it would ask for nothing and be funded by no one.
    edit_organisation(
        &panel.app,
        &coordinator,
        company["id"].as_str().unwrap(),
        json!({ "name": "Renamed AG", "country": "DE", "company_size": "large" }),
    )
    .await;
    panel.to_decisions().await;

    assert_eq!(
        get(
            &panel.app,
            &format!("/api/v1/proposals/{p0}/grants"),
            &coordinator
        )
        .await,
        frozen["grants"]
    );
    // The proposal shows its partner as submitted; the organisation's own record moved on.
    let shown = get(&panel.app, &format!("/api/v1/proposals/{p0}"), &coordinator).await;
    let partner = shown["partners"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["organisation"]["kind"] == "company")
        .unwrap()
        .clone();
    assert_eq!(
        (
            &partner["organisation"]["name"],
            &partner["organisation"]["country"],
            &partner["organisation"]["company_size"],
            &partner["funder"]
        ),
        (
            &company["name"],
            &company["country"],
            &company["company_size"],
            &json!("MECO")
        )
    );
    let record = get(
        &panel.app,
        &format!("/api/v1/organisations/{}", company["id"].as_str().unwrap()),
        &coordinator,
    )
    .await;
    assert_eq!(
        (&record["name"], &record["country"]),
        (&json!("Renamed AG"), &json!("DE"))
    );
    assert_eq!(
        get(
            &panel.app,
            &format!("/api/v1/proposals/{p0}/checklist"),
            &coordinator
        )
        .await,
        json!({ "complete": true, "items": [] })
    );
    let meco = funder(&panel, "staff@meco.lu", Agency::Meco).await;
    let decisions = get(
        &panel.app,
        &format!("/api/v1/proposals/{p0}/decisions"),
        &meco,
    )
    .await;
    let company_partner = partner_of(&decisions, "MECO");
    let meco_partner = decisions["partners"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["partner_id"] == company_partner.as_str())
        .unwrap()
        .clone();
    assert_eq!(meco_partner["requested_cents"], MECO_GRANT);
    assert_eq!(meco_partner["organisation"], "Company 0 S.A.");
    let plan = get(
        &panel.app,
        &format!("/api/v1/calls/{}/funding-plan", panel.call_id),
        &panel.operator,
    )
    .await;
    assert_eq!(
        plan["entries"][0]["requested"][0],
        json!({ "agency": "MECO", "requested_cents": MECO_GRANT })
    );
    let statistics = get(
        &panel.app,
        &format!("/api/v1/calls/{}/statistics", panel.call_id),
        &panel.operator,
    )
    .await;
    let meco_figures = statistics["funders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["agency"] == "MECO")
        .unwrap()
        .clone();
    assert_eq!(meco_figures["requested_cents"], 3 * MECO_GRANT);
    assert_eq!(
        statistics["partners_by_kind"],
        json!([
            { "key": "company", "count": 3 }, { "key": "hospital", "count": 3 }, { "key": "research_organisation", "count": 3 }
        ])
    );

    // One cent above the frozen request is refused; the request itself is approved.
    let over = crate::support::fixtures::decide(
        &panel,
        &meco,
        &p0,
        &company_partner,
        0,
        json!({ "decision": "approved", "amount_cents": MECO_GRANT + 1 }),
    )
    .await;
    assert_eq!(
        error_fields(&assert_problem(over, 422).await),
        ["amount_cents"]
    );
    let fnr = funder(&panel, "staff@fnr.lu", Agency::Fnr).await;
    let ds = funder(&panel, "staff@ds.lu", Agency::Ds).await;
    for answer in approve_as_requested(
        &panel,
        &panel.operator,
        &p0,
        &[("MECO", &meco), ("FNR", &fnr), ("DS", &ds)],
    )
    .await
    {
        answer.checked(StatusCode::OK).await;
    }
    let released = panel
        .app
        .post(
            &format!("/api/v1/calls/{}/release", panel.call_id),
            Some(&panel.operator),
            json!({ "allow_pending": true }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        released.status(),
        StatusCode::OK,
        "{}",
        body(released).await
    );

    let result = get(
        &panel.app,
        &format!("/api/v1/proposals/{p0}/result"),
        &coordinator,
    )
    .await;
    let line = result["partners"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["agency"] == "MECO")
        .unwrap()
        .clone();
    assert_eq!(line["organisation"], "Company 0 S.A.");
    assert_eq!(line["requested_cents"], MECO_GRANT);
    assert_eq!(line["granted_cents"], MECO_GRANT);
    let letter = panel
        .sink
        .wait_for_subject("coord0@company0.lu", "Decision on your proposal P0", 10)
        .await;
    assert!(
        letter
            .body()
            .contains("Company 0 S.A. (MECO): EUR 80,000.00 of EUR 80,000.00 requested"),
        "{}",
        letter.body()
    );
}

#[tokio::test]
async fn a_budget_keeps_to_the_projects_own_years_and_the_checklist_names_each_line_beyond() {
    let (c, research, hospital) = Consortium::full("small").await;
    complete(&c, &research, &hospital).await;
    let proposal = c.proposal(&c.coordinator).await;
    assert_eq!(proposal.duration_months, Some(24));
    let company = Consortium::partner_id(&proposal, "company");

    // 24 months have two project years; the call would allow three.
    let refused = c
        .set_budget(
            &c.coordinator,
            &company,
            json!([
                { "year": 3, "category": "travel", "amount_cents": 100 },
                { "year": 1, "category": "personnel", "amount_cents": 10_000_000 },
                { "year": 4, "category": "travel", "amount_cents": -1 },
            ]),
        )
        .await;
    assert_eq!(
        error_fields(&assert_problem(refused, 422).await),
        ["lines[0].year", "lines[2].year", "lines[2].amount_cents"]
    );
    let saved = c
        .set_budget(
            &c.coordinator,
            &company,
            json!([
                { "year": 1, "category": "personnel", "amount_cents": 9_000_000 },
                { "year": 2, "category": "travel", "amount_cents": 500_000 },
                { "year": 2, "category": "equipment", "amount_cents": 500_000 },
            ]),
        )
        .await;
    saved.checked(StatusCode::OK).await;

    // Shortened to one year, the project no longer has year 2: each such line is listed.
    let proposal = c.proposal(&c.coordinator).await;
    let mut update = json!({
        "acronym": proposal.acronym, "title": proposal.title, "abstract": proposal.abstract_text,
        "keywords": proposal.keywords, "duration_months": 12, "start_date": proposal.start_date,
        "clinical": proposal.clinical,
    });
    update["duration_months"] = json!(12);
    let shortened = c
        .app
        .put(&c.path(""), Some(&c.coordinator), update)
        .header("If-Match", format!("\"{}\"", proposal.version))
        .send()
        .await
        .unwrap();
    assert_eq!(
        shortened.status(),
        StatusCode::OK,
        "{}",
        body(shortened).await
    );
    let checklist = get(&c.app, &c.path("/checklist"), &research).await;
    let beyond: Vec<(String, String)> = checklist["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["code"] == "budget_year_beyond_duration")
        .map(|i| {
            (
                i["field"].as_str().unwrap().to_owned(),
                i["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        beyond.iter().map(|(f, _)| f.as_str()).collect::<Vec<_>>(),
        [
            format!("partners.{company}.budget.lines[1]"),
            format!("partners.{company}.budget.lines[2]")
        ]
    );
    assert!(
        beyond[0]
            .1
            .contains("the travel line of €5,000.00 is in project year 2"),
        "{}",
        beyond[0].1
    );
    let refused = assert_problem(submit(&c, &c.coordinator).await, 422).await;
    assert!(error_fields(&refused).contains(&format!("partners.{company}.budget.lines[2]")));
}

#[tokio::test]
async fn a_body_with_several_errors_names_every_one_of_them() {
    let (c, research, hospital) = Consortium::full("small").await;
    complete(&c, &research, &hospital).await;
    let proposal = c.proposal(&c.coordinator).await;
    let company = Consortium::partner_id(&proposal, "company");

    // Wrong types and broken rules in one budget: every line's error, in line order.
    let mixed = c
        .set_budget(
            &c.coordinator,
            &company,
            json!([
                { "year": "three", "category": "travel", "amount_cents": 100 },
                { "year": 1, "category": "personnel", "amount_cents": -5 },
                { "year": 1, "category": "flights", "amount_cents": 100 },
                { "year": 9, "category": "travel", "amount_cents": 100 },
                { "year": 1, "category": "travel" },
            ]),
        )
        .await;
    assert_eq!(
        error_fields(&assert_problem(mixed, 422).await),
        [
            "lines[0].year",
            "lines[1].amount_cents",
            "lines[2].category",
            "lines[3].year",
            "lines[4].amount_cents"
        ]
    );
    let budget = get(
        &c.app,
        &c.path(&format!("/partners/{company}/budget")),
        &c.coordinator,
    )
    .await;
    assert_eq!(budget["total_cents"], 10_000_000, "nothing was saved");

    // Wrong types anywhere in a body are all named, not only the first.
    let proposal = c.proposal(&c.coordinator).await;
    let update = json!({
        "acronym": 5, "title": "T", "abstract": "A",
        "keywords": [1, "cardiology", true], "duration_months": "two years",
        "clinical": { "product_name": "CardioWatch", "mdr_class": "IV", "is_medical_device": "yes" },
    });
    let refused = c.update(&c.coordinator, update, proposal.version).await;
    assert_eq!(
        error_fields(&assert_problem(refused, 422).await),
        [
            "acronym",
            "clinical.is_medical_device",
            "clinical.mdr_class",
            "duration_months",
            "keywords[0]",
            "keywords[2]"
        ]
    );

    // Wrong types and broken rules together: both kinds in one answer.
    let mut keywords: Vec<serde_json::Value> =
        (0..11).map(|i| json!(format!("topic {i}"))).collect();
    keywords.push(json!(7));
    let update = json!({
        "acronym": "CARE", "title": "T".repeat(301), "abstract": "A",
        "keywords": keywords, "duration_months": 200, "start_date": "soon",
    });
    let refused = c.update(&c.coordinator, update, proposal.version).await;
    assert_eq!(
        error_fields(&assert_problem(refused, 422).await),
        [
            "keywords[11]",
            "start_date",
            "title",
            "keywords",
            "duration_months"
        ]
    );
    let unchanged = c.proposal(&c.coordinator).await;
    assert_eq!(unchanged.version, proposal.version, "nothing was saved");

    // The same for an organisation: a name and a size of the wrong type, a bad country.
    let refused = c
        .app
        .post(
            "/api/v1/organisations",
            Some(&c.coordinator),
            json!({ "name": 5, "kind": "company", "country": "Luxembourg", "company_size": "tiny" }),
        )
        .send()
        .await
        .unwrap();
    let mut fields = error_fields(&assert_problem(refused, 422).await);
    fields.sort();
    assert_eq!(fields, ["company_size", "country", "name"]);
}
