//! `jointcall seed-demo`: demo users of every role with their organisations,
//! and an open two-stage call with proposals in draft and submitted states.
//! Idempotent. The call and its proposals are made through the API itself
//! (in-process), so demo data obeys the same rules as real data.

use actix_http::Request;
use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{Method, StatusCode, header};
use actix_web::{App, test, web};
use serde_json::{Value, json};

use crate::accounts::create_user;

use crate::app::consortium::join_consortium;
use crate::auth::password::hash_password;
use crate::db::organisations::{AffiliationRow, OrganisationRow};
use crate::db::{self, audit};
use crate::domain::account::Email;
use crate::domain::ids::{OrganisationId, ProposalId, UserId};
use crate::domain::organisation::{CompanySize, OrganisationKind};
use crate::domain::role::{Agency, Role, RoleSet};
use crate::error::ApiError;
use crate::read::proposal::load_context;
use crate::state::SharedState;

mod evaluation;

/// The password of every demo account, printed by `seed-demo`.
pub const DEMO_PASSWORD: &str = "demo-password-2026";

struct DemoUser {
    email: &'static str,
    name: &'static str,
    roles: &'static [Role],
    agency: Option<Agency>,
    organisation: Option<(&'static str, OrganisationKind, Option<CompanySize>)>,
}

const DEMO_USERS: &[DemoUser] = &[
    DemoUser {
        email: "admin@demo.jointcall.eu",
        name: "Ada Admin",
        roles: &[Role::Admin],
        agency: None,
        organisation: None,
    },
    DemoUser {
        email: "operator@demo.jointcall.eu",
        name: "Otto Operator",
        roles: &[Role::Operator],
        agency: None,
        organisation: None,
    },
    DemoUser {
        email: "meco@demo.jointcall.eu",
        name: "Marie MECO",
        roles: &[Role::Funder],
        agency: Some(Agency::Meco),
        organisation: None,
    },
    DemoUser {
        email: "fnr@demo.jointcall.eu",
        name: "Felix FNR",
        roles: &[Role::Funder],
        agency: Some(Agency::Fnr),
        organisation: None,
    },
    DemoUser {
        email: "ds@demo.jointcall.eu",
        name: "Dora DS",
        roles: &[Role::Funder],
        agency: Some(Agency::Ds),
        organisation: None,
    },
    DemoUser {
        email: "expert1@demo.jointcall.eu",
        name: "Erik Expert",
        roles: &[Role::Reviewer],
        agency: None,
        organisation: None,
    },
    DemoUser {
        email: "expert2@demo.jointcall.eu",
        name: "Elena Expert",
        roles: &[Role::Reviewer],
        agency: None,
        organisation: None,
    },
    DemoUser {
        email: "expert3@demo.jointcall.eu",
        name: "Emil Expert",
        roles: &[Role::Reviewer],
        agency: None,
        organisation: None,
    },
    DemoUser {
        email: "company@demo.jointcall.eu",
        name: "Clara Company",
        roles: &[Role::Applicant],
        agency: None,
        organisation: Some((
            "MedSoft Luxembourg S.A.",
            OrganisationKind::Company,
            Some(CompanySize::Small),
        )),
    },
    DemoUser {
        email: "research@demo.jointcall.eu",
        name: "Rui Research",
        roles: &[Role::Applicant],
        agency: None,
        organisation: Some((
            "Luxembourg Institute of Digital Health",
            OrganisationKind::ResearchOrganisation,
            None,
        )),
    },
    DemoUser {
        email: "hospital@demo.jointcall.eu",
        name: "Hanna Hospital",
        roles: &[Role::Applicant],
        agency: None,
        organisation: Some(("Centre Hospitalier Demo", OrganisationKind::Hospital, None)),
    },
];

async fn seed_users(state: &SharedState) -> anyhow::Result<()> {
    let hash = hash_password(DEMO_PASSWORD.to_owned()).await?;
    let mut created = 0;
    for demo in DEMO_USERS {
        let st = state.clone();
        let hash = hash.clone();
        let made = state
            .write(move |conn| {
                let email = Email::parse(demo.email).map_err(|e| ApiError::Validation(vec![e]))?;
                if db::users::find_by_email(conn, email.as_str())?.is_some() {
                    return Ok(false);
                }
                let now = st.clock.now();
                let roles = RoleSet::new(demo.roles, demo.agency).map_err(ApiError::Validation)?;
                let user = create_user(conn, &email, demo.name, hash, &roles, None, now)?;
                db::users::mark_email_verified(conn, &user.id, now.naive_utc())?;
                if let Some((name, kind, size)) = demo.organisation {
                    let org = OrganisationRow {
                        id: OrganisationId::generate(),
                        name: name.to_owned(),
                        kind,
                        country: "LU".to_owned(),
                        company_size: size,
                        registration_number: None,
                        created_by: Some(user.id.clone()),
                        version: 1,
                        created_at: now.naive_utc(),
                        updated_at: now.naive_utc(),
                    };
                    db::organisations::insert(conn, &org)?;
                    db::organisations::insert_affiliation(
                        conn,
                        &AffiliationRow {
                            user_id: user.id.clone(),
                            organisation_id: org.id.clone(),
                            position: "Project lead".to_owned(),
                            created_at: now.naive_utc(),
                        },
                    )?;
                    audit::Change::new(None, "organisation.created", "organisation", &org.id)
                        .after_of(&org)
                        .record(conn, now)?;
                }
                Ok(true)
            })
            .await?;
        if made {
            created += 1;
        }
    }
    println!(
        "demo data: {created} account(s) created, {} already there",
        DEMO_USERS.len() - created
    );
    Ok(())
}

/// The seed acts as demo staff through the API, which admits staff only with
/// a second factor: each staff account without one is lent a throwaway
/// authenticator for the run (no audit record, no mail: it is taken back
/// before the seed ends). Answers the accounts lent one.
async fn lend_authenticators(state: &SharedState) -> anyhow::Result<Vec<UserId>> {
    let st = state.clone();
    let lent = state
        .write(move |conn| {
            let now = st.clock.now().naive_utc();
            let mut lent = Vec::new();
            for demo in DEMO_USERS {
                let staff = RoleSet::new(demo.roles, demo.agency).is_ok_and(|r| r.is_staff());
                let Some(user) = db::users::find_by_email(conn, demo.email)? else {
                    continue;
                };
                if !staff || db::second_factors::is_enrolled(conn, &user.id)? {
                    continue;
                }
                db::second_factors::begin(
                    conn,
                    &db::second_factors::SecondFactorRow {
                        user_id: user.id.clone(),
                        secret: crate::auth::second_factor::new_secret(),
                        created_at: now,
                        confirmed_at: None,
                        last_step: 0,
                    },
                )?;
                db::second_factors::confirm(conn, &user.id, 0, now)?;
                lent.push(user.id);
            }
            Ok(lent)
        })
        .await?;
    Ok(lent)
}

/// Takes back what `lend_authenticators` lent, so that people trying the
/// demo enrol their own authenticator at their first sign-in.
async fn take_back_authenticators(state: &SharedState, lent: Vec<UserId>) -> anyhow::Result<()> {
    state
        .write(move |conn| {
            for user_id in &lent {
                db::second_factors::remove(conn, user_id)?;
            }
            Ok(())
        })
        .await?;
    Ok(())
}

/// Fills the demo database; safe to run again.
pub async fn seed_demo(state: &SharedState) -> anyhow::Result<()> {
    seed_users(state).await?;
    let app = test::init_service(
        App::new()
            .app_data(web::Data::new(state.clone()))
            .app_data(crate::api::support::query_config())
            .app_data(crate::api::support::path_config())
            .service(web::scope("/api/v1").configure(crate::api::configure_v1)),
    )
    .await;
    let lent = lend_authenticators(state).await?;
    let seeded = async {
        seed_call(state, &app).await?;
        evaluation::seed_story(state, &app, &evaluation::IN_EVALUATION).await?;
        evaluation::seed_story(state, &app, &evaluation::DECIDED).await
    }
    .await;
    take_back_authenticators(state, lent).await?;
    seeded?;
    println!("every demo account signs in with the password `{DEMO_PASSWORD}`:");
    for demo in DEMO_USERS {
        println!("  {:<32} {:?}", demo.email, demo.roles);
    }
    Ok(())
}

pub const DEMO_CALL_TITLE: &str = "Luxembourg HealthTech Joint Call 2027 (demo)";

/// One request to the in-process API: status, JSON body, ETag.
pub(super) async fn send<S, R, B>(
    app: &S,
    request: R,
) -> anyhow::Result<(StatusCode, Value, Option<String>)>
where
    S: Service<R, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let response = app
        .call(request)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let status = response.status();
    let etag = response
        .headers()
        .get(header::ETAG)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let bytes = test::read_body(response).await;
    Ok((
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        etag,
    ))
}

pub(super) fn request(method: Method, path: &str, token: &str) -> test::TestRequest {
    test::TestRequest::default()
        .method(method)
        .uri(path)
        .insert_header((header::AUTHORIZATION, format!("Bearer {token}")))
}

pub(super) fn expect(
    what: &str,
    wanted: StatusCode,
    got: (StatusCode, Value, Option<String>),
) -> anyhow::Result<(Value, Option<String>)> {
    if got.0 == wanted {
        Ok((got.1, got.2))
    } else {
        Err(anyhow::anyhow!(
            "seeding failed at {what}: {} {}",
            got.0,
            got.1
        ))
    }
}

/// A PDF small enough to read, for the demo's documents.
const DEMO_PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

pub(super) fn multipart_pdf(filename: &str) -> (String, Vec<u8>) {
    let boundary = "jointcall-demo-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\n\
         Content-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(DEMO_PDF);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

pub(super) async fn token_of(state: &SharedState, email: &'static str) -> anyhow::Result<String> {
    let user = state
        .db(move |conn| db::users::find_by_email(conn, email)?.ok_or(ApiError::NotFound))
        .await?;
    // Begun at the real time, not the server clock: the evaluation demo runs
    // on a clock set back, before the accounts' sessions began.
    let st = state.clone();
    let tokens = state
        .write_session(move |conn| {
            crate::app::session::start_session(conn, &st, &user, chrono::Utc::now())
        })
        .await?;
    Ok(tokens.access_token)
}

/// An open two-stage call with a draft full consortium and a submitted outline.
async fn seed_call<S, B>(state: &SharedState, app: &S) -> anyhow::Result<()>
where
    S: Service<Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let exists = state
        .db(|conn| {
            let (calls, _) = db::calls::list(conn, None, 200, 0)?;
            Ok(calls.iter().any(|c| c.title == DEMO_CALL_TITLE))
        })
        .await?;
    if exists {
        println!("demo call: already there");
        return Ok(());
    }
    let operator = token_of(state, "operator@demo.jointcall.eu").await?;
    let company = token_of(state, "company@demo.jointcall.eu").await?;
    let research = token_of(state, "research@demo.jointcall.eu").await?;
    let hospital = token_of(state, "hospital@demo.jointcall.eu").await?;

    // The outline deadline falls within the week, so the draft's consortium
    // is reminded at once (the outbox shows it); the full stage later.
    let today = state.clock.now().date_naive();
    let at_two = |days: u64| {
        (today + chrono::Days::new(days))
            .and_hms_opt(14, 0, 0)
            .map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string())
    };
    let settings = json!({
        "outline_stage": { "deadline_local": at_two(6) },
        "full_stage": { "deadline_local": at_two(120) },
    });
    let (call, _) = expect("create the call", StatusCode::CREATED, send(app, request(Method::POST, "/api/v1/calls", &operator)
        .set_json(json!({ "title": DEMO_CALL_TITLE, "description": "Collaborative clinical investigations of digital health products, by a company, a research organisation and a hospital.", "settings": settings }))
        .to_request()).await?)?;
    let call_id = call["id"].as_str().unwrap_or_default().to_owned();
    expect(
        "open the call",
        StatusCode::OK,
        send(
            app,
            request(
                Method::POST,
                &format!("/api/v1/calls/{call_id}/transitions"),
                &operator,
            )
            .set_json(json!({ "to": "open" }))
            .to_request(),
        )
        .await?,
    )?;

    let organisation_of = |email: &'static str| {
        let st = state.clone();
        async move {
            st.db(move |conn| {
                let user = db::users::find_by_email(conn, email)?.ok_or(ApiError::NotFound)?;
                let affiliations = db::organisations::affiliations_of(conn, &user.id)?;
                let (_, org) = affiliations.into_iter().next().ok_or(ApiError::NotFound)?;
                Ok((user.id, org.id))
            })
            .await
        }
    };
    let (_, company_org) = organisation_of("company@demo.jointcall.eu").await?;
    let (research_user, research_org) = organisation_of("research@demo.jointcall.eu").await?;
    let (hospital_user, hospital_org) = organisation_of("hospital@demo.jointcall.eu").await?;

    for (acronym, title, submit) in [
        (
            "CARDIO-AI",
            "Remote detection of atrial fibrillation with a wearable and AI",
            false,
        ),
        (
            "NEURO-TRACK",
            "Digital biomarkers of Parkinson's disease progression",
            true,
        ),
    ] {
        let (proposal, _) = expect(
            "create a proposal",
            StatusCode::CREATED,
            send(
                app,
                request(
                    Method::POST,
                    &format!("/api/v1/calls/{call_id}/proposals"),
                    &company,
                )
                .set_json(
                    json!({ "acronym": acronym, "title": title, "organisation_id": company_org }),
                )
                .to_request(),
            )
            .await?,
        )?;
        let id = ProposalId::from(proposal["id"].as_str().unwrap_or_default());
        // The partners join as if they had accepted an invitation.
        for (user_id, org_id) in [
            (research_user.clone(), research_org.clone()),
            (hospital_user.clone(), hospital_org.clone()),
        ] {
            let st = state.clone();
            let id = id.clone();
            state
                .write(move |conn| {
                    let now = st.clock.now();
                    let ctx = load_context(conn, &user_id, &id)?;
                    join_consortium(conn, &ctx, &user_id, &org_id, now).map(|_| ())
                })
                .await?;
        }
        let path = format!("/api/v1/proposals/{id}");
        let (current, etag) = expect(
            "read the proposal",
            StatusCode::OK,
            send(app, request(Method::GET, &path, &company).to_request()).await?,
        )?;
        expect("fill the proposal", StatusCode::OK, send(app, request(Method::PUT, &path, &company)
            .insert_header((header::IF_MATCH, etag.unwrap_or_default()))
            .set_json(json!({
                "acronym": acronym, "title": title,
                "abstract": "A clinical investigation of a digital health product in Luxembourg hospitals.",
                "keywords": ["digital health", "clinical investigation"], "duration_months": 24, "start_date": "2028-01-01",
                "clinical": { "product_name": acronym, "intended_purpose": "Support clinicians' decisions",
                    "is_medical_device": true, "mdr_class": "IIa", "product_maturity": "prototype",
                    "study_framework": "ce_marking", "ethics_status": "pending", "authority_status": "not_yet_submitted" }
            })).to_request()).await?)?;
        let partners = current["partners"].as_array().cloned().unwrap_or_default();
        for (token, kind, amount) in [
            (&company, "company", 30_000_000),
            (&research, "research_organisation", 15_000_000),
            (&hospital, "hospital", 5_000_000),
        ] {
            let Some(partner) = partners.iter().find(|p| p["organisation"]["kind"] == kind) else {
                continue;
            };
            let budget = format!(
                "{path}/partners/{}/budget",
                partner["id"].as_str().unwrap_or_default()
            );
            expect(
                "fill a budget",
                StatusCode::OK,
                send(
                    app,
                    request(Method::PUT, &budget, token)
                        .insert_header((
                            header::IF_MATCH,
                            format!("\"{}\"", partner["budget_version"]),
                        ))
                        .set_json(json!({ "lines": [
                    { "year": 1, "category": "personnel", "amount_cents": amount / 2 },
                    { "year": 2, "category": "personnel", "amount_cents": amount / 2 },
                ] }))
                        .to_request(),
                )
                .await?,
            )?;
        }
        if submit {
            let (content_type, body) = multipart_pdf("outline.pdf");
            expect(
                "upload the outline",
                StatusCode::CREATED,
                send(
                    app,
                    request(
                        Method::POST,
                        &format!("{path}/documents?document_type=outline_description"),
                        &company,
                    )
                    .insert_header((header::CONTENT_TYPE, content_type))
                    .set_payload(body)
                    .to_request(),
                )
                .await?,
            )?;
            let (receipt, _) = expect(
                "submit the outline",
                StatusCode::CREATED,
                send(
                    app,
                    request(Method::POST, &format!("{path}/submission"), &company).to_request(),
                )
                .await?,
            )?;
            println!(
                "demo proposal {acronym}: submitted, receipt {}",
                receipt["number"].as_str().unwrap_or_default()
            );
        } else {
            println!("demo proposal {acronym}: draft");
        }
    }
    println!("demo call: \"{DEMO_CALL_TITLE}\" is open");
    let reminded = crate::mail::reminders::sweep_submissions(state).await?;
    println!("demo call: {reminded} draft consortium reminded of the outline deadline");
    Ok(())
}
