//! The demo call in evaluation: three submitted proposals past their
//! deadline, confirmed eligible, staffed by the solver with the three demo
//! experts, reviews in every state, one consensus approved and one drafted
//! with a flagged spread. Made through the API like the rest of the demo.
//!
//! A call cannot open with a past deadline, so the story runs on the
//! in-process clock set two hours back: the call opens with a deadline
//! minutes later, the clock jumps past it for the evaluation, and is put
//! back at the end; every record ends up in the past.

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{Method, StatusCode, header};
use chrono::{Duration, Timelike};
use serde_json::{Value, json};

use actix_http::Request;

use super::{expect, multipart_pdf, request, send, token_of};
use crate::db;
use crate::domain::deadline;
use crate::domain::ids::CallId;
use crate::error::ApiError;
use crate::state::SharedState;

/// One demo call told through the evaluation: how far back it starts and
/// whether it ends with decisions and released results.
pub struct Story {
    pub title: &'static str,
    pub description: &'static str,
    pub hours_back: i64,
    pub released: bool,
}

pub const IN_EVALUATION: Story = Story {
    title: "Luxembourg HealthTech Joint Call 2026 (demo, in evaluation)",
    description: "A single-stage call whose proposals are being evaluated.",
    hours_back: 2,
    released: false,
};

pub const DECIDED: Story = Story {
    title: "Luxembourg HealthTech Joint Call 2025 (demo, decided)",
    description: "A single-stage call whose results are released.",
    hours_back: 72,
    released: true,
};

const EXPERTS: [&str; 3] = [
    "expert1@demo.jointcall.eu",
    "expert2@demo.jointcall.eu",
    "expert3@demo.jointcall.eu",
];

/// (acronym, title, each expert's full-stage scores; None leaves that review a draft)
type DemoProposal = (&'static str, &'static str, [Option<[f64; 3]>; 3]);

const PROPOSALS: [DemoProposal; 3] = [
    (
        "SLEEP-SENSE",
        "Contactless sleep apnoea screening at home",
        [
            Some([4.5, 4.0, 4.0]),
            Some([4.0, 4.5, 3.5]),
            Some([4.5, 4.0, 4.0]),
        ],
    ),
    (
        "DIAB-COACH",
        "A conversational coach for type 2 diabetes self-management",
        [
            Some([2.5, 3.5, 3.0]),
            Some([4.5, 3.5, 3.5]),
            Some([3.5, 3.0, 3.0]),
        ],
    ),
    (
        "REHAB-VR",
        "Virtual reality rehabilitation after stroke",
        [Some([3.5, 3.5, 3.0]), Some([4.0, 3.0, 3.5]), None],
    ),
];

/// One API request with an optional JSON body and If-Match, expecting `wanted`.
async fn call<S, B>(
    app: &S,
    what: &str,
    (method, path, token): (Method, &str, &str),
    body: Option<Value>,
    if_match: Option<&str>,
    wanted: StatusCode,
) -> anyhow::Result<(Value, Option<String>)>
where
    S: Service<Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let mut req = request(method, path, token);
    if let Some(tag) = if_match {
        req = req.insert_header((header::IF_MATCH, tag.to_owned()));
    }
    let req = match body {
        Some(json) => req.set_json(json),
        None => req,
    };
    expect(what, wanted, send(app, req.to_request()).await?)
}

fn review(scores: [f64; 3], who: &str) -> Value {
    json!({
        "scores": {
            "excellence": { "score": scores[0], "comment": format!("{who}: the clinical question is clear and the approach sound.") },
            "impact": { "score": scores[1], "comment": format!("{who}: a credible route to patients in Luxembourg hospitals.") },
            "implementation": { "score": scores[2], "comment": format!("{who}: the work plan fits the budget; the recruitment is ambitious.") },
        },
        "overall_comment": format!("{who}: a good proposal."),
    })
}

/// The token of the mailed link to `to` that starts with `prefix`, in a mail about `call_title`.
async fn mailed_token(
    state: &SharedState,
    to: &'static str,
    prefix: &'static str,
    call_title: &'static str,
) -> anyhow::Result<String> {
    let body = state
        .db(move |conn| {
            let (mails, _) = db::outbox::list(conn, None, 200, 0)?;
            mails
                .into_iter()
                .find(|m| {
                    m.to_address == to
                        && m.body_text.contains(prefix)
                        && m.body_text.contains(call_title)
                })
                .map(|m| m.body_text)
                .ok_or(ApiError::NotFound)
        })
        .await?;
    let start = body.find(prefix).map(|i| i + prefix.len()).unwrap_or(0);
    Ok(body[start..]
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned())
}

pub async fn seed_story<S, B>(state: &SharedState, app: &S, story: &Story) -> anyhow::Result<()>
where
    S: Service<Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let title = story.title;
    let exists = state
        .db(move |conn| {
            let (calls, _) = db::calls::list(conn, None, 200, 0)?;
            Ok(calls.iter().any(|c| c.title == title))
        })
        .await?;
    if exists {
        println!("demo call \"{}\": already there", story.title);
        return Ok(());
    }
    // The whole story is told in the past: the deadline a few minutes after
    // its start, the evaluation after it, so that every record is in the
    // past when the clock is put back.
    state
        .clock
        .set(state.clock.now() - Duration::hours(story.hours_back));
    let result = tell(state, app, story).await;
    state.clock.reset();
    result?;
    let stage = if story.released {
        "released"
    } else {
        "in evaluation"
    };
    println!("demo call \"{}\": {stage}", story.title);
    Ok(())
}

async fn tell<S, B>(state: &SharedState, app: &S, story: &Story) -> anyhow::Result<()>
where
    S: Service<Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let operator = token_of(state, "operator@demo.jointcall.eu").await?;
    let company = token_of(state, "company@demo.jointcall.eu").await?;
    let zone = "Europe/Luxembourg";
    let now = state.clock.now();
    let deadline_utc = (now + Duration::minutes(5))
        .with_second(0)
        .and_then(|d| d.with_nanosecond(0))
        .unwrap_or(now);
    let local = deadline::in_zone(deadline_utc, zone)
        .map_err(|e| anyhow::anyhow!("{e:?}"))?
        .naive_local();
    let settings = json!({
        "time_zone": zone,
        "full_stage": { "deadline_local": local, "review_deadline_local": local + Duration::days(30) },
        "consortium": { "min_luxembourg_companies": 1, "min_luxembourg_research_organisations": 0,
                        "hospital_required": false, "max_partners": 10 },
    });
    let (created, _) = call(
        app,
        "create the evaluation call",
        (Method::POST, "/api/v1/calls", &operator),
        Some(
            json!({ "title": story.title, "description": story.description, "settings": settings }),
        ),
        None,
        StatusCode::CREATED,
    )
    .await?;
    let call_id = CallId::from(created["id"].as_str().unwrap_or_default());
    let transitions = format!("/api/v1/calls/{call_id}/transitions");
    call(
        app,
        "open the evaluation call",
        (Method::POST, &transitions, &operator),
        Some(json!({ "to": "open" })),
        None,
        StatusCode::OK,
    )
    .await?;

    let company_org = state
        .db(|conn| {
            let user = db::users::find_by_email(conn, "company@demo.jointcall.eu")?
                .ok_or(ApiError::NotFound)?;
            let (_, org) = db::organisations::affiliations_of(conn, &user.id)?
                .into_iter()
                .next()
                .ok_or(ApiError::NotFound)?;
            Ok(org.id)
        })
        .await?;

    let mut proposals = Vec::new();
    for (acronym, title, _) in PROPOSALS {
        let (proposal, etag) = call(
            app,
            "create a proposal",
            (
                Method::POST,
                &format!("/api/v1/calls/{call_id}/proposals"),
                &company,
            ),
            Some(json!({ "acronym": acronym, "title": title, "organisation_id": company_org })),
            None,
            StatusCode::CREATED,
        )
        .await?;
        let id = proposal["id"].as_str().unwrap_or_default().to_owned();
        let path = format!("/api/v1/proposals/{id}");
        call(app, "fill a proposal", (Method::PUT, &path, &company), Some(json!({
            "acronym": acronym, "title": title,
            "abstract": "A clinical investigation of a digital health product with a Luxembourg hospital.",
            "keywords": ["digital health", "clinical investigation"], "duration_months": 24, "start_date": "2027-09-01",
            "clinical": { "product_name": acronym, "intended_purpose": "Support patients and clinicians",
                "is_medical_device": true, "mdr_class": "IIa", "product_maturity": "prototype",
                "study_framework": "ce_marking", "ethics_status": "approved", "authority_status": "pending" }
        })), etag.as_deref(), StatusCode::OK).await?;
        let partner = &proposal["partners"][0];
        let budget = format!(
            "{path}/partners/{}/budget",
            partner["id"].as_str().unwrap_or_default()
        );
        call(app, "fill a budget", (Method::PUT, &budget, &company),
            Some(json!({ "lines": [{ "year": 1, "category": "personnel", "amount_cents": 40_000_000 },
                                   { "year": 2, "category": "equipment", "amount_cents": 8_000_000 }] })),
            Some(&format!("\"{}\"", partner["budget_version"])), StatusCode::OK).await?;
        for document_type in ["project_description", "partner_cvs"] {
            let (content_type, body) = multipart_pdf(&format!("{document_type}.pdf"));
            expect(
                "upload a document",
                StatusCode::CREATED,
                send(
                    app,
                    request(
                        Method::POST,
                        &format!("{path}/documents?document_type={document_type}"),
                        &company,
                    )
                    .insert_header((header::CONTENT_TYPE, content_type))
                    .set_payload(body)
                    .to_request(),
                )
                .await?,
            )?;
        }
        call(
            app,
            "submit a proposal",
            (Method::POST, &format!("{path}/submission"), &company),
            Some(json!({})),
            None,
            StatusCode::CREATED,
        )
        .await?;
        proposals.push(id);
    }

    // Past the deadline, for the evaluation.
    state.clock.set(deadline_utc + Duration::seconds(60));
    evaluate(state, app, &call_id, &proposals, story).await
}

async fn evaluate<S, B>(
    state: &SharedState,
    app: &S,
    call_id: &CallId,
    proposals: &[String],
    story: &Story,
) -> anyhow::Result<()>
where
    S: Service<Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    // Tokens issued at the moved clock's time.
    let operator = token_of(state, "operator@demo.jointcall.eu").await?;
    let transitions = format!("/api/v1/calls/{call_id}/transitions");
    call(
        app,
        "close the evaluation call",
        (Method::POST, &transitions, &operator),
        Some(json!({ "to": "closed" })),
        None,
        StatusCode::OK,
    )
    .await?;
    for id in proposals {
        call(
            app,
            "confirm eligibility",
            (
                Method::PUT,
                &format!("/api/v1/proposals/{id}/eligibility"),
                &operator,
            ),
            Some(json!({ "eligible": true })),
            None,
            StatusCode::OK,
        )
        .await?;
    }
    call(
        app,
        "start the evaluation",
        (Method::POST, &transitions, &operator),
        Some(json!({ "to": "in_evaluation" })),
        None,
        StatusCode::OK,
    )
    .await?;

    let mut expert_ids = Vec::new();
    for (i, email) in EXPERTS.into_iter().enumerate() {
        let keywords = [
            json!(["digital health", "sleep"]),
            json!(["diabetes", "digital health"]),
            json!(["rehabilitation"]),
        ];
        let (expert, _) = call(
            app,
            "invite an expert",
            (
                Method::POST,
                &format!("/api/v1/calls/{call_id}/experts"),
                &operator,
            ),
            Some(json!({ "email": email, "keywords": keywords[i], "load_cap": 3 })),
            None,
            StatusCode::CREATED,
        )
        .await?;
        expert_ids.push(expert["id"].as_str().unwrap_or_default().to_owned());
        let token = mailed_token(
            state,
            email,
            "expert-invitations/accept?token=",
            story.title,
        )
        .await?;
        let me = token_of(state, email).await?;
        call(
            app,
            "accept the expert invitation",
            (Method::POST, "/api/v1/expert-invitations/acceptance", &me),
            Some(json!({ "token": token })),
            None,
            StatusCode::OK,
        )
        .await?;
    }
    call(
        app,
        "assign automatically",
        (
            Method::POST,
            &format!("/api/v1/calls/{call_id}/assignments/auto"),
            &operator,
        ),
        Some(json!({ "stage": "full" })),
        None,
        StatusCode::OK,
    )
    .await?;

    for (i, email) in EXPERTS.into_iter().enumerate() {
        let me = token_of(state, email).await?;
        let (mine, _) = call(
            app,
            "list assignments",
            (Method::GET, "/api/v1/me/assignments", &me),
            None,
            None,
            StatusCode::OK,
        )
        .await?;
        for assignment in mine.as_array().cloned().unwrap_or_default() {
            let id = assignment["assignment"]["id"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            let Some(p) = proposals
                .iter()
                .position(|p| assignment["proposal_id"] == p.as_str())
            else {
                continue;
            };
            call(
                app,
                "declare no conflict",
                (
                    Method::POST,
                    &format!("/api/v1/assignments/{id}/declaration"),
                    &me,
                ),
                Some(json!({ "conflict": false })),
                None,
                StatusCode::OK,
            )
            .await?;
            // A released call has every review in.
            let Some(scores) = PROPOSALS[p].2[i].or(story.released.then_some([3.0; 3])) else {
                continue;
            };
            let path = format!("/api/v1/assignments/{id}/review");
            let (_, etag) = call(
                app,
                "read a review",
                (Method::GET, &path, &me),
                None,
                None,
                StatusCode::OK,
            )
            .await?;
            call(
                app,
                "write a review",
                (Method::PUT, &path, &me),
                Some(review(scores, &format!("Expert {}", i + 1))),
                etag.as_deref(),
                StatusCode::OK,
            )
            .await?;
            call(
                app,
                "submit a review",
                (Method::POST, &format!("{path}/submission"), &me),
                Some(json!({})),
                None,
                StatusCode::OK,
            )
            .await?;
        }
    }

    // In evaluation: SLEEP-SENSE's consensus approved, DIAB-COACH's drafted
    // (its spread on excellence flagged). Released: all three approved.
    let reports: &[(usize, usize, [f64; 3], bool)] = if story.released {
        &[
            (0, 0, [4.5, 4.0, 4.0], true),
            (1, 1, [3.5, 3.5, 3.0], true),
            (2, 2, [3.5, 3.0, 3.0], true),
        ]
    } else {
        &[
            (0, 0, [4.5, 4.0, 4.0], true),
            (1, 1, [3.5, 3.5, 3.0], false),
        ]
    };
    for &(p, rapporteur, scores, approve) in reports {
        let id = &proposals[p];
        call(
            app,
            "name a rapporteur",
            (
                Method::PUT,
                &format!("/api/v1/proposals/{id}/rapporteur"),
                &operator,
            ),
            Some(json!({ "expert_id": expert_ids[rapporteur] })),
            None,
            StatusCode::OK,
        )
        .await?;
        let me = token_of(state, EXPERTS[rapporteur]).await?;
        let path = format!("/api/v1/proposals/{id}/consensus");
        let (_, etag) = call(
            app,
            "read the consensus",
            (Method::GET, &path, &me),
            None,
            None,
            StatusCode::OK,
        )
        .await?;
        call(
            app,
            "draft the consensus",
            (Method::PUT, &path, &me),
            Some(review(scores, "Consensus")),
            etag.as_deref(),
            StatusCode::OK,
        )
        .await?;
        if approve {
            call(
                app,
                "approve the consensus",
                (Method::POST, &format!("{path}/approval"), &operator),
                Some(json!({})),
                None,
                StatusCode::OK,
            )
            .await?;
        }
    }
    if story.released {
        decide_and_release(state, app, call_id, &proposals[..2]).await?;
    }
    Ok(())
}

/// MECO approves the requested grant of the companies of `funded`; the
/// operator releases (REHAB-VR is below the thresholds).
async fn decide_and_release<S, B>(
    state: &SharedState,
    app: &S,
    call_id: &CallId,
    funded: &[String],
) -> anyhow::Result<()>
where
    S: Service<Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let meco = token_of(state, "meco@demo.jointcall.eu").await?;
    for id in funded {
        let (decisions, _) = call(
            app,
            "read the decisions",
            (
                Method::GET,
                &format!("/api/v1/proposals/{id}/decisions"),
                &meco,
            ),
            None,
            None,
            StatusCode::OK,
        )
        .await?;
        for partner in decisions["partners"]
            .as_array()
            .cloned()
            .unwrap_or_default()
        {
            let path = format!(
                "/api/v1/proposals/{id}/partners/{}/decision",
                partner["partner_id"].as_str().unwrap_or_default()
            );
            call(
                app,
                "approve a grant",
                (Method::PUT, &path, &meco),
                Some(json!({ "decision": "approved", "amount_cents": partner["requested_cents"] })),
                Some("\"0\""),
                StatusCode::OK,
            )
            .await?;
        }
    }
    let operator = token_of(state, "operator@demo.jointcall.eu").await?;
    call(
        app,
        "release the results",
        (
            Method::POST,
            &format!("/api/v1/calls/{call_id}/release"),
            &operator,
        ),
        Some(json!({ "allow_pending": false })),
        None,
        StatusCode::OK,
    )
    .await?;
    Ok(())
}
