use crate::support::fixtures::{
    Consortium, join_as_colleague, organisation, pdf, stored_files, upload,
};
use crate::support::fixtures::{complete, submit};
use crate::support::{
    Actor, Expect, assert_problem, audited, body, error_fields, link_in, token_of,
};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

#[tokio::test]
async fn a_coordinator_builds_a_consortium_through_mailed_invitations() {
    let (c, research, _hospital) = Consortium::full("small").await;

    let proposal = c.proposal(&c.coordinator).await;

    let partners: Vec<(&str, &str, &str)> = proposal
        .partners
        .iter()
        .map(|p| {
            (
                p.role.as_str(),
                p.organisation.name.as_str(),
                p.funder.unwrap().as_str(),
            )
        })
        .collect();
    assert_eq!(
        partners,
        [
            ("coordinator", "MedSoft S.A.", "MECO"),
            ("partner", "LIH", "FNR"),
            ("partner", "CHL", "DS")
        ]
    );
    assert!(proposal.is_coordinator);
    let seen_by_partner = c.proposal(&research).await;
    assert!(!seen_by_partner.is_coordinator);
    assert_eq!(
        seen_by_partner.my_partner_ids,
        [Consortium::partner_id(&proposal, "research_organisation")]
    );
    // Joining made the partner one of the organisation's people.
    let affiliations = body(
        c.app
            .get("/api/v1/me/affiliations", Some(&research))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(affiliations[0]["organisation_name"], "LIH");
    let invitations = body(
        c.app
            .get(&c.path("/invitations"), Some(&c.coordinator))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(
        invitations
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["accepted_at"].is_string())
    );
}

#[tokio::test]
async fn invitations_admit_only_their_addressee_once() {
    let c = Consortium::new("medium").await;
    c.app
        .post(
            &c.path("/invitations"),
            Some(&c.coordinator),
            json!({ "email": "right@lih.lu" }),
        )
        .send()
        .await
        .unwrap();
    let mail = c.sink.wait_for("right@lih.lu", 10).await;
    let token = token_of(&link_in(
        &mail.body(),
        "http://portal.test/invitations/accept?token=",
    ));
    let wrong = c.app.applicant("wrong@elsewhere.lu").await;
    let org = organisation(
        &c.app,
        &wrong,
        json!({ "name": "Elsewhere", "kind": "other", "country": "LU" }),
    )
    .await;

    let refused = c
        .app
        .post(
            "/api/v1/invitations/acceptance",
            Some(&wrong),
            json!({ "token": token, "organisation_id": org }),
        )
        .send()
        .await
        .unwrap();
    let problem = assert_problem(refused, 403).await;
    assert_eq!(
        problem["type"],
        "https://jointcall.eu/problems/invitation-for-another-address"
    );

    let right = c.app.applicant("right@lih.lu").await;
    let unknown_org = c
        .app
        .post(
            "/api/v1/invitations/acceptance",
            Some(&right),
            json!({ "token": token, "organisation_id": "nope" }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_fields(&assert_problem(unknown_org, 422).await),
        ["organisation_id"]
    );
    let ok = c
        .app
        .post(
            "/api/v1/invitations/acceptance",
            Some(&right),
            json!({ "token": token, "organisation_id": org }),
        )
        .send()
        .await
        .unwrap();
    ok.checked(StatusCode::OK).await;
    let again = c
        .app
        .post(
            "/api/v1/invitations/acceptance",
            Some(&right),
            json!({ "token": token, "organisation_id": org }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(error_fields(&assert_problem(again, 422).await), ["token"]);
    let bad_email = c
        .app
        .post(
            &c.path("/invitations"),
            Some(&c.coordinator),
            json!({ "email": "not-an-email" }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_fields(&assert_problem(bad_email, 422).await),
        ["email"]
    );
    let by_partner = c
        .app
        .post(
            &c.path("/invitations"),
            Some(&right),
            json!({ "email": "x@y.lu" }),
        )
        .send()
        .await
        .unwrap();
    assert_problem(by_partner, 403).await;
}

#[tokio::test]
async fn outsiders_learn_nothing_about_a_draft() {
    let c = Consortium::new("large").await;
    let outsider = c.app.applicant("outsider@example.org").await;
    let operator = c
        .app
        .user_with_roles(
            "op2@test.lu",
            &[jointcall::domain::role::Role::Operator],
            None,
        )
        .await;
    let other_company = organisation(
        &c.app,
        &outsider,
        json!({ "name": "Rival", "kind": "company", "country": "LU", "company_size": "large" }),
    )
    .await;
    let rival = c
        .app
        .post(
            &format!("/api/v1/calls/{}/proposals", c.call["id"].as_str().unwrap()),
            Some(&outsider),
            json!({ "acronym": "RIVAL", "organisation_id": other_company }),
        )
        .send()
        .await
        .unwrap();
    rival.checked(StatusCode::CREATED).await;

    for actor in [&outsider, &operator] {
        let not_found = assert_problem(
            c.app.get(&c.path(""), Some(actor)).send().await.unwrap(),
            404,
        )
        .await;
        let missing = assert_problem(
            c.app
                .get(
                    "/api/v1/proposals/00000000-0000-0000-0000-000000000000",
                    Some(actor),
                )
                .send()
                .await
                .unwrap(),
            404,
        )
        .await;
        assert_eq!(
            not_found, missing,
            "a hidden proposal looks like a missing one"
        );
        assert_problem(
            c.app
                .get(&c.path("/grants"), Some(actor))
                .send()
                .await
                .unwrap(),
            404,
        )
        .await;
        assert_problem(
            c.app
                .get(&c.path("/invitations"), Some(actor))
                .send()
                .await
                .unwrap(),
            404,
        )
        .await;
    }
    let list = body(
        c.app
            .get(
                &format!("/api/v1/calls/{}/proposals", c.call["id"].as_str().unwrap()),
                Some(&outsider),
            )
            .send()
            .await
            .unwrap(),
    )
    .await;
    let acronyms: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["acronym"].as_str().unwrap())
        .collect();
    assert_eq!(acronyms, ["RIVAL"]);
}

#[tokio::test]
async fn each_partner_edits_only_its_own_budget_and_never_over_someone_else() {
    let (c, research, hospital) = Consortium::full("small").await;
    let proposal = c.proposal(&c.coordinator).await;
    let research_partner = Consortium::partner_id(&proposal, "research_organisation");
    let path = c.path(&format!("/partners/{research_partner}/budget"));

    let saved = c
        .set_budget(
            &research,
            &research_partner,
            json!([{ "year": 1, "category": "personnel", "amount_cents": 10_000_000 }]),
        )
        .await;
    let saved = saved.checked(StatusCode::OK).await;
    assert_eq!(saved.headers()["etag"], "\"2\"");
    assert_eq!(body(saved).await["total_cents"], 10_000_000);

    // Others read it but cannot change it.
    let read = body(c.app.get(&path, Some(&hospital)).send().await.unwrap()).await;
    assert_eq!(read["lines"][0]["amount_cents"], 10_000_000);
    let by_other = c
        .app
        .put(&path, Some(&hospital), json!({ "lines": [] }))
        .header("If-Match", "\"2\"")
        .send()
        .await
        .unwrap();
    assert_eq!(
        assert_problem(by_other, 403).await["type"],
        "https://jointcall.eu/problems/not-your-budget"
    );

    // Two people with the same version: the second write is refused, nothing lost.
    let first = c
        .app
        .put(
            &path,
            Some(&research),
            json!({ "lines": [{ "year": 1, "category": "travel", "amount_cents": 1 }] }),
        )
        .header("If-Match", "\"2\"")
        .send()
        .await
        .unwrap();
    first.checked(StatusCode::OK).await;
    let second = c
        .app
        .put(&path, Some(&research), json!({ "lines": [] }))
        .header("If-Match", "\"2\"")
        .send()
        .await
        .unwrap();
    assert_problem(second, 412).await;
    assert_problem(
        c.app
            .put(&path, Some(&research), json!({ "lines": [] }))
            .send()
            .await
            .unwrap(),
        428,
    )
    .await;
    let kept = body(c.app.get(&path, Some(&research)).send().await.unwrap()).await;
    assert_eq!(
        kept["lines"],
        json!([{ "year": 1, "category": "travel", "amount_cents": 1 }])
    );

    let invalid = c
        .app
        .put(
            &path,
            Some(&research),
            json!({ "lines": [
        { "year": 0, "category": "personnel", "amount_cents": 5 },
        { "year": 1, "category": "personnel", "amount_cents": -5 },
    ] }),
        )
        .header("If-Match", "\"3\"")
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_fields(&assert_problem(invalid, 422).await),
        ["lines[0].year", "lines[1].amount_cents"]
    );
    let unknown_category = c
        .app
        .put(
            &path,
            Some(&research),
            json!({ "lines": [{ "year": 1, "category": "bribes", "amount_cents": 5 }] }),
        )
        .header("If-Match", "\"3\"")
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_fields(&assert_problem(unknown_category, 422).await),
        ["lines[0].category"]
    );
}

async fn grants_for(company_size: &str, research_costs: i64, foreign_hospital: bool) -> Value {
    let c = Consortium::new(company_size).await;
    let research = c
        .join(
            "rui@lih.lu",
            json!({ "name": "LIH", "kind": "research_organisation", "country": "LU" }),
        )
        .await;
    let country = if foreign_hospital { "DE" } else { "LU" };
    let hospital = c
        .join(
            "hanna@uk.de",
            json!({ "name": "Klinikum", "kind": "hospital", "country": country }),
        )
        .await;
    let proposal = c.proposal(&c.coordinator).await;
    for (actor, kind, lines) in [
        (
            &c.coordinator,
            "company",
            json!([{ "year": 1, "category": "personnel", "amount_cents": 20_000_000 }, { "year": 2, "category": "equipment", "amount_cents": 10_000_000 }]),
        ),
        (
            &research,
            "research_organisation",
            json!([{ "year": 1, "category": "personnel", "amount_cents": research_costs - 2_000_000 }, { "year": 2, "category": "subcontracting", "amount_cents": 2_000_000 }]),
        ),
        (
            &hospital,
            "hospital",
            json!([{ "year": 1, "category": "consumables", "amount_cents": 5_000_000 }]),
        ),
    ] {
        let saved = c
            .set_budget(actor, &Consortium::partner_id(&proposal, kind), lines)
            .await;
        saved.checked(StatusCode::OK).await;
    }
    body(
        c.app
            .get(&c.path("/grants"), Some(&research))
            .send()
            .await
            .unwrap(),
    )
    .await
}

fn grant_of(grants: &Value, index: usize) -> (i64, i64) {
    let p = &grants["partners"][index];
    (
        p["rate_basis_points"].as_i64().unwrap(),
        p["requested_grant_cents"].as_i64().unwrap(),
    )
}

#[tokio::test]
async fn grants_match_hand_computed_values() {
    // Company €300,000; research €100,000 (€20,000 subcontracted); hospital €50,000.
    // Research share 100,000 / 450,000 = 22%: effective collaboration.
    let small = grants_for("small", 10_000_000, false).await;
    assert_eq!(
        grant_of(&small, 0),
        (8_000, 24_000_000),
        "small: 50+20+15 = 85% capped at 80%"
    );
    assert_eq!(
        grant_of(&small, 1),
        (10_000, 12_000_000),
        "research: €100,000 + 25% of €80,000"
    );
    assert_eq!(grant_of(&small, 2), (10_000, 5_000_000), "hospital at 100%");
    assert_eq!(
        small["funders"],
        json!([
            { "agency": "DS", "requested_grant_cents": 5_000_000 },
            { "agency": "FNR", "requested_grant_cents": 12_000_000 },
            { "agency": "MECO", "requested_grant_cents": 24_000_000 },
        ])
    );

    let medium = grants_for("medium", 10_000_000, false).await;
    assert_eq!(
        grant_of(&medium, 0),
        (7_500, 22_500_000),
        "medium: 50+10+15"
    );

    // Research €3,000,000 cents = €30,000 of €380,000 (7.9%): no collaboration bonus; foreign hospital: nothing.
    let large = grants_for("large", 3_000_000, true).await;
    assert_eq!(
        grant_of(&large, 0),
        (5_000, 15_000_000),
        "large, no collaboration: 50%"
    );
    assert_eq!(grant_of(&large, 2), (0, 0), "outside Luxembourg");
    assert_eq!(large["partners"][2]["funder"], Value::Null);
    assert!(
        large["partners"][0]["workings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["code"] == "no_collaboration_bonus")
    );
}

#[tokio::test]
async fn proposal_edits_need_the_current_version_and_a_member() {
    let (c, research, _) = Consortium::full("medium").await;
    let outsider = c.app.applicant("nosy@example.org").await;
    let version = c.proposal(&c.coordinator).await.version;
    let update = json!({
        "acronym": "CARE", "title": "Remote cardiac care with AI", "abstract": "We study...",
        "keywords": ["Cardiology", "AI"], "duration_months": 24, "start_date": "2028-01-01",
        "research_category": "experimental_development",
        "clinical": { "product_name": "CardioWatch", "is_medical_device": true, "mdr_class": "IIa", "product_maturity": "prototype",
                      "study_framework": "ce_marking", "ethics_status": "pending", "authority_status": "not_yet_submitted" }
    });
    let etag = format!("\"{version}\"");

    let saved = c
        .app
        .put(&c.path(""), Some(&research), update.clone())
        .header("If-Match", &etag)
        .send()
        .await
        .unwrap();
    let saved = saved.expect(StatusCode::OK).await;
    assert_eq!(saved["keywords"], json!(["cardiology", "ai"]));
    assert_eq!(saved["clinical"]["mdr_class"], "IIa");
    assert_eq!(saved["research_category"], "experimental_development");
    // The read before the edit is not served again: every member sees the edit.
    for member in [&c.coordinator, &research] {
        let read = c.proposal(member).await;
        assert_eq!(read.version, version + 1);
        assert_eq!(read.acronym, "CARE");
    }

    let stale = c
        .app
        .put(&c.path(""), Some(&c.coordinator), update.clone())
        .header("If-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_problem(stale, 412).await;
    let by_outsider = c
        .app
        .put(&c.path(""), Some(&outsider), update.clone())
        .header("If-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_problem(by_outsider, 404).await;
    let invalid = c
        .app
        .put(
            &c.path(""),
            Some(&research),
            json!({ "acronym": "", "duration_months": 500, "clinical": { "mdr_class": "IV" } }),
        )
        .header("If-Match", format!("\"{}\"", version + 1))
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_fields(&assert_problem(invalid, 422).await),
        ["clinical.mdr_class", "acronym", "duration_months"]
    );
    let invalid = c
        .app
        .put(
            &c.path(""),
            Some(&research),
            json!({ "acronym": "", "duration_months": 500 }),
        )
        .header("If-Match", format!("\"{}\"", version + 1))
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_fields(&assert_problem(invalid, 422).await),
        ["acronym", "duration_months"]
    );
}

#[tokio::test]
async fn the_coordinator_removes_partners_and_nothing_changes_after_the_deadline() {
    let (mut c, mut research, _) = Consortium::full("medium").await;
    let proposal = c.proposal(&c.coordinator).await;
    let hospital_partner = Consortium::partner_id(&proposal, "hospital");
    let research_partner = Consortium::partner_id(&proposal, "research_organisation");
    let etag = format!("\"{}\"", proposal.version);
    let remove = |actor: &Actor, partner: &str, etag: &str| {
        c.app
            .request(Method::DELETE, &c.path(&format!("/partners/{partner}")))
            .bearer_auth(&actor.token)
            .header("If-Match", etag.to_owned())
            .send()
    };

    assert_problem(
        remove(&research, &hospital_partner, &etag).await.unwrap(),
        403,
    )
    .await;
    let removed = remove(&c.coordinator, &hospital_partner, &etag)
        .await
        .unwrap();
    let after = removed.expect(StatusCode::OK).await;
    assert_eq!(after["partners"].as_array().unwrap().len(), 2);
    let coordinator_partner = Consortium::partner_id(&proposal, "company");
    let etag = format!("\"{}\"", after["version"]);
    assert_problem(
        remove(&c.coordinator, &coordinator_partner, &etag)
            .await
            .unwrap(),
        409,
    )
    .await;

    c.app
        .travel_to(
            "2027-07-14T12:00:00Z",
            &mut [&mut c.coordinator, &mut research],
        )
        .await;
    let late = c.set_budget(&research, &research_partner, json!([])).await;
    assert_eq!(
        assert_problem(late, 409).await["type"],
        "https://jointcall.eu/problems/deadline-passed"
    );
    let late_invite = c
        .app
        .post(
            &c.path("/invitations"),
            Some(&c.coordinator),
            json!({ "email": "late@x.lu" }),
        )
        .send()
        .await
        .unwrap();
    assert_problem(late_invite, 409).await;
    let late_proposal = c.app
        .post(&format!("/api/v1/calls/{}/proposals", c.call["id"].as_str().unwrap()), Some(&c.coordinator),
            json!({ "acronym": "LATE", "organisation_id": after["partners"][0]["organisation"]["id"] }))
        .send().await.unwrap();
    assert_problem(late_proposal, 409).await;
}

#[tokio::test]
async fn documents_are_typed_by_content_limited_in_size_and_leave_nothing_when_refused() {
    let (c, research, _) = Consortium::full("small").await;
    let outsider = c.app.applicant("outsider@example.org").await;
    let content = pdf(50_000);

    let stored = upload(
        &c,
        &research,
        "project_description",
        "../../plan.pdf",
        content.clone(),
    )
    .await;
    let document = stored.expect(StatusCode::CREATED).await;
    assert_eq!(document["filename"], "plan.pdf");
    assert_eq!(document["media_type"], "application/pdf");
    assert_eq!(document["size_bytes"], 50_000);
    use sha2::Digest;
    assert_eq!(
        document["sha256"],
        hex::encode(sha2::Sha256::digest(&content))
    );
    assert_eq!(stored_files(&c.app), 1);

    let download = c
        .app
        .get(
            &c.path(&format!("/documents/{}", document["id"].as_str().unwrap())),
            Some(&c.coordinator),
        )
        .send()
        .await
        .unwrap();
    let download = download.checked(StatusCode::OK).await;
    assert!(
        download.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("plan.pdf")
    );
    assert_eq!(download.bytes().await.unwrap().to_vec(), content);

    // A PDF by name only.
    let fake = upload(
        &c,
        &research,
        "project_description",
        "plan.pdf",
        b"<html>surprise</html>".to_vec(),
    )
    .await;
    assert_eq!(
        assert_problem(fake, 415).await["type"],
        "https://jointcall.eu/problems/unsupported-media-type"
    );
    // Over the call's 10 MiB limit for this type: refused while reading.
    let huge = upload(
        &c,
        &research,
        "project_description",
        "big.pdf",
        pdf(10 * 1024 * 1024 + 1),
    )
    .await;
    assert_problem(huge, 413).await;
    let unknown = upload(&c, &research, "holiday_photos", "x.pdf", pdf(100)).await;
    assert_eq!(
        error_fields(&assert_problem(unknown, 422).await),
        ["document_type"]
    );
    assert_problem(
        upload(&c, &outsider, "project_description", "x.pdf", pdf(100)).await,
        404,
    )
    .await;
    assert_eq!(stored_files(&c.app), 1, "refused uploads leave no file");
    let listed = body(
        c.app
            .get(&c.path("/documents"), Some(&research))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(listed.as_array().unwrap().len(), 1, "and no row");

    let deleted = c
        .app
        .request(
            Method::DELETE,
            &c.path(&format!("/documents/{}", document["id"].as_str().unwrap())),
        )
        .bearer_auth(&c.coordinator.token)
        .send()
        .await
        .unwrap();
    deleted.checked(StatusCode::NO_CONTENT).await;
    assert_eq!(stored_files(&c.app), 0);
    let gone = c
        .app
        .get(
            &c.path(&format!("/documents/{}", document["id"].as_str().unwrap())),
            Some(&c.coordinator),
        )
        .send()
        .await
        .unwrap();
    assert_problem(gone, 404).await;
}

#[tokio::test]
async fn one_person_coordinates_and_hands_the_coordination_to_a_colleague_of_the_coordinating_partner()
 {
    let (c, research, hospital) = Consortium::full("small").await;
    complete(&c, &research, &hospital).await;
    let proposal = c.proposal(&c.coordinator).await;
    assert_eq!(proposal.coordinator_user_id, c.coordinator.id);
    let company = proposal.partners[0].organisation.id.clone();
    let colleague = join_as_colleague(
        &c.app,
        &c.sink,
        &c.coordinator,
        &c.proposal_id,
        "colin@medsoft.lu",
        &company,
    )
    .await;

    // A colleague of the coordinating partner edits, but does not submit, withdraw or invite.
    let seen = c.proposal(&colleague).await;
    assert!(!seen.is_coordinator);
    assert_eq!(seen.partners[0].contacts.len(), 2);
    let edited = c
        .app
        .put(&c.path(""), Some(&colleague), json!({
            "acronym": "CARE", "title": "Remote cardiac care, revised", "abstract": seen.abstract_text,
            "keywords": seen.keywords, "duration_months": 24, "start_date": "2028-01-01", "clinical": seen.clinical,
        }))
        .header("If-Match", format!("\"{}\"", seen.version))
        .send()
        .await
        .unwrap();
    edited.checked(StatusCode::OK).await;
    for refused in [
        submit(&c, &colleague).await,
        c.app
            .post(
                &c.path("/invitations"),
                Some(&colleague),
                json!({ "email": "x@y.lu" }),
            )
            .send()
            .await
            .unwrap(),
    ] {
        assert_eq!(
            assert_problem(refused, 403).await["type"],
            "https://jointcall.eu/problems/coordinator-only"
        );
    }

    // Only to a contact of the coordinating partner, with the current version, by the coordinator.
    let version = c.proposal(&c.coordinator).await.version;
    let hand_over = |actor: &Actor, to: &str, version: &i64| {
        c.app
            .put(
                &c.path("/coordinator"),
                Some(actor),
                json!({ "user_id": to }),
            )
            .header("If-Match", format!("\"{version}\""))
    };
    assert_problem(
        hand_over(&colleague, &colleague.id, &version)
            .send()
            .await
            .unwrap(),
        403,
    )
    .await;
    let outsider = hand_over(&c.coordinator, &research.id, &version)
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_fields(&assert_problem(outsider, 422).await),
        ["user_id"]
    );
    assert_problem(
        hand_over(&c.coordinator, &colleague.id, &1)
            .send()
            .await
            .unwrap(),
        412,
    )
    .await;
    let handed = hand_over(&c.coordinator, &colleague.id, &version)
        .send()
        .await
        .unwrap();
    let handed = handed.expect(StatusCode::OK).await;
    assert_eq!(handed["coordinator_user_id"], colleague.id.as_str());
    assert_eq!(handed["is_coordinator"], false);
    let mail = c
        .sink
        .wait_for_subject("colin@medsoft.lu", "You now coordinate CARE", 10)
        .await;
    assert!(
        mail.body()
            .contains("Test Applicant handed the coordination"),
        "{}",
        mail.body()
    );

    // The former coordinator no longer submits; the new one does.
    assert_problem(submit(&c, &c.coordinator).await, 403).await;
    submit(&c, &colleague)
        .await
        .checked(StatusCode::CREATED)
        .await;

    let admin = c.app.admin().await;
    let change = audited(
        &c.app,
        &admin,
        "proposal",
        &c.proposal_id,
        "proposal.coordinator_changed",
    )
    .await
    .remove(0);
    assert_eq!(
        change["before"]["coordinator_id"],
        c.coordinator.id.as_str()
    );
    assert_eq!(change["after"]["coordinator_id"], colleague.id.as_str());
}
