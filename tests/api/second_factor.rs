//! Two-step sign-in (#15, ASVS V2.7/V2.8): staff enrol an authenticator
//! before they act; a password alone then gives a challenge, not tokens;
//! each code works once; recovery codes work once each; wrong codes are
//! limited; an administrator can reset a lost authenticator. Every change
//! is mailed to the owner of the account.

use jointcall::domain::role::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::smtp::SmtpSink;
use crate::support::{
    Actor, Expect, Options, PASSWORD, TestApp, assert_problem, audited, body, error_fields,
    spawn_app_with,
};

fn code_of(problem: &Value) -> &str {
    problem["type"]
        .as_str()
        .and_then(|t| t.rsplit('/').next())
        .unwrap_or_default()
}

/// A six-digit code that is surely not the right one.
fn wrong(right: &str) -> String {
    right
        .chars()
        .map(|c| {
            if c == '9' {
                '0'
            } else {
                char::from(c as u8 + 1)
            }
        })
        .collect()
}

async fn app_with_mail(extra: Vec<(&'static str, String)>) -> (TestApp, SmtpSink) {
    let (sink, port) = SmtpSink::start(0).await;
    let app = spawn_app_with(Options {
        smtp_port: Some(port),
        extra,
        ..Options::default()
    })
    .await;
    (app, sink)
}

/// The password step alone: the challenge it answered.
async fn challenge_for(app: &TestApp, email: &str, from: Option<&str>) -> String {
    let mut request = app.post(
        "/api/v1/auth/login",
        None,
        json!({ "email": email, "password": PASSWORD }),
    );
    if let Some(address) = from {
        request = request.header("X-Forwarded-For", address);
    }
    let answer = body(request.send().await.unwrap()).await;
    assert_eq!(answer["second_factor_required"], true, "{answer}");
    assert!(answer.get("access_token").is_none(), "{answer}");
    answer["challenge"].as_str().unwrap().to_owned()
}

async fn second_step(
    app: &TestApp,
    challenge: &str,
    code: &str,
    from: Option<&str>,
) -> reqwest::Response {
    let mut request = app.post(
        "/api/v1/auth/login/second-factor",
        None,
        json!({ "challenge": challenge, "code": code }),
    );
    if let Some(address) = from {
        request = request.header("X-Forwarded-For", address);
    }
    request.send().await.unwrap()
}

/// The code the actor's app shows now, without forgetting the step last used.
async fn current_code(app: &TestApp, actor: &Actor) -> String {
    let id = actor.id.clone();
    let secret = app
        .state
        .db(move |conn| Ok(jointcall::db::second_factors::find(conn, &id.into())?))
        .await
        .unwrap()
        .unwrap()
        .secret;
    jointcall::auth::second_factor::code_at(&secret, app.state.clock.now()).unwrap()
}

async fn status_of(app: &TestApp, path: &str, actor: &Actor) -> StatusCode {
    app.get(path, Some(actor)).send().await.unwrap().status()
}

#[tokio::test]
async fn staff_act_only_once_an_authenticator_is_confirmed() {
    let (app, sink) = app_with_mail(vec![]).await;
    let admin = app
        .user_with_roles_unenrolled("new-admin@test.lu", &[Role::Admin], None)
        .await;
    let laptop = app.sign_in_again(&admin).await;

    // Signed in, but refused until enrolled; the profile still answers.
    let refused = assert_problem(
        app.get("/api/v1/users", Some(&admin)).send().await.unwrap(),
        403,
    )
    .await;
    assert_eq!(code_of(&refused), "second-factor-required");
    assert_eq!(status_of(&app, "/api/v1/me", &admin).await, StatusCode::OK);
    let status = body(
        app.get("/api/v1/me/second-factor", Some(&admin))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        status,
        json!({ "enrolled": false, "required": true, "recovery_codes_left": 0 })
    );

    // The password again, then a code from the app.
    let wrong_password = app
        .post(
            "/api/v1/me/second-factor/enrolment",
            Some(&admin),
            json!({ "password": "not the password" }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_fields(&assert_problem(wrong_password, 422).await),
        ["password"]
    );
    let begun = app
        .post(
            "/api/v1/me/second-factor/enrolment",
            Some(&admin),
            json!({ "password": PASSWORD }),
        )
        .send()
        .await
        .unwrap();
    let begun = begun.expect(StatusCode::OK).await;
    let secret = begun["secret"].as_str().unwrap();
    let link = begun["otpauth_url"].as_str().unwrap();
    assert!(link.starts_with("otpauth://totp/"), "{link}");
    assert!(link.contains(&format!("secret={secret}")), "{link}");
    let right = jointcall::auth::second_factor::code_at(secret, app.state.clock.now()).unwrap();
    let mistyped = app
        .post(
            "/api/v1/me/second-factor",
            Some(&admin),
            json!({ "code": wrong(&right) }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(error_fields(&assert_problem(mistyped, 422).await), ["code"]);
    // Still not enrolled: the admin is still refused.
    assert_eq!(
        status_of(&app, "/api/v1/users", &admin).await,
        StatusCode::FORBIDDEN
    );

    let confirmed = app
        .post(
            "/api/v1/me/second-factor",
            Some(&admin),
            json!({ "code": right }),
        )
        .send()
        .await
        .unwrap();
    let confirmed = confirmed.checked(StatusCode::CREATED).await;
    let codes: Vec<String> =
        serde_json::from_value(body(confirmed).await["recovery_codes"].clone()).unwrap();
    assert_eq!(codes.len(), 10);
    let distinct: std::collections::HashSet<_> = codes.iter().collect();
    assert_eq!(distinct.len(), 10);

    // This session goes on; every other one of the account ended.
    assert_eq!(
        status_of(&app, "/api/v1/users", &admin).await,
        StatusCode::OK
    );
    assert_eq!(
        status_of(&app, "/api/v1/me", &laptop).await,
        StatusCode::UNAUTHORIZED
    );
    let mail = sink
        .wait_for_subject("new-admin@test.lu", "Two-step sign-in is on", 10)
        .await;
    assert!(
        mail.body().contains("every other session"),
        "{}",
        mail.body()
    );
    assert_eq!(
        audited(
            &app,
            &admin,
            "user",
            &admin.id,
            "user.second_factor_enrolled"
        )
        .await
        .len(),
        1
    );
    // A second enrolment is refused while one is confirmed.
    let again = app
        .post(
            "/api/v1/me/second-factor/enrolment",
            Some(&admin),
            json!({ "password": PASSWORD }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        code_of(&assert_problem(again, 409).await),
        "second-factor-enrolled"
    );
}

#[tokio::test]
async fn a_password_alone_gives_a_challenge_and_each_code_works_once() {
    let (app, sink) = app_with_mail(vec![]).await;
    let operator = app
        .user_with_roles("operator@test.lu", &[Role::Operator], None)
        .await;
    let admin = app.admin().await;

    let challenge = challenge_for(&app, &operator.email, None).await;
    // The challenge is no token.
    let as_token = app
        .get("/api/v1/me", None)
        .bearer_auth(&challenge)
        .send()
        .await
        .unwrap();
    assert_problem(as_token, 401).await;

    let right = app.authenticator_code(&operator.email).await;
    let refused = assert_problem(
        second_step(&app, &challenge, &wrong(&right), None).await,
        401,
    )
    .await;
    assert_eq!(code_of(&refused), "wrong-code");
    let signed_in = second_step(&app, &challenge, &right, None).await;
    let tokens = signed_in.expect(StatusCode::OK).await;
    let session = app
        .get("/api/v1/me", None)
        .bearer_auth(tokens["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    session.checked(StatusCode::OK).await;

    // The challenge is spent.
    let spent = assert_problem(second_step(&app, &challenge, &right, None).await, 401).await;
    assert_eq!(code_of(&spent), "sign-in-expired");

    // The same code, seen by someone else, does not sign in again: refused,
    // audited and mailed to the owner.
    let other = challenge_for(&app, &operator.email, None).await;
    let replayed = assert_problem(second_step(&app, &other, &right, None).await, 401).await;
    assert_eq!(code_of(&replayed), "wrong-code");
    assert!(
        replayed["detail"]
            .as_str()
            .unwrap()
            .contains("used already"),
        "{replayed}"
    );
    assert_eq!(
        audited(
            &app,
            &admin,
            "user",
            &operator.id,
            "session.second_factor_reused"
        )
        .await
        .len(),
        1
    );
    sink.wait_for_subject("operator@test.lu", "A used sign-in code", 10)
        .await;

    // Thirty seconds later the app shows the next code, which works.
    let later = app.state.clock.now() + chrono::Duration::seconds(30);
    app.state.clock.set(later);
    let next = current_code(&app, &operator).await;
    assert_ne!(next, right);
    second_step(&app, &other, &next, None)
        .await
        .checked(StatusCode::OK)
        .await;
    let logins = audited(&app, &admin, "user", &operator.id, "session.login").await;
    assert!(
        logins
            .iter()
            .any(|r| r["after"]["second_factor"] == "authenticator"),
        "{logins:?}"
    );
}

#[tokio::test]
async fn each_recovery_code_signs_in_once_and_new_ones_replace_the_old() {
    let (app, sink) = app_with_mail(vec![]).await;
    let applicant = app.applicant("careful@example.org").await;
    let codes = app.enrol_second_factor(&applicant).await;

    // Typed in capitals with spaces, as people copy them.
    let challenge = challenge_for(&app, &applicant.email, None).await;
    let typed = format!(" {} ", codes[0].to_uppercase().replace('-', " - "));
    let answer = second_step(&app, &challenge, &typed, None).await;
    answer.checked(StatusCode::OK).await;
    let mail = sink
        .wait_for_subject("careful@example.org", "A recovery code was used", 10)
        .await;
    assert!(mail.body().contains("9 unused"), "{}", mail.body());

    let challenge = challenge_for(&app, &applicant.email, None).await;
    assert_eq!(
        code_of(&assert_problem(second_step(&app, &challenge, &codes[0], None).await, 401).await),
        "wrong-code"
    );

    // New codes need the password and a current code; the old ones stop working.
    let code = app.authenticator_code(&applicant.email).await;
    let renewed = app
        .post(
            "/api/v1/me/second-factor/recovery-codes",
            Some(&applicant),
            json!({ "password": PASSWORD, "code": code }),
        )
        .send()
        .await
        .unwrap();
    let renewed = renewed.checked(StatusCode::OK).await;
    let fresh: Vec<String> =
        serde_json::from_value(body(renewed).await["recovery_codes"].clone()).unwrap();
    assert_eq!(fresh.len(), 10);
    assert_eq!(
        code_of(&assert_problem(second_step(&app, &challenge, &codes[1], None).await, 401).await),
        "wrong-code"
    );
    second_step(&app, &challenge, &fresh[0], None)
        .await
        .checked(StatusCode::OK)
        .await;
    let status = body(
        app.get("/api/v1/me/second-factor", Some(&applicant))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        status,
        json!({ "enrolled": true, "required": false, "recovery_codes_left": 9 })
    );
}

#[tokio::test]
async fn wrong_codes_end_the_challenge_and_then_pause_the_account() {
    let (app, sink) = app_with_mail(vec![
        ("JOINTCALL_TRUSTED_PROXIES", "127.0.0.1".to_owned()),
        ("JOINTCALL_LIMIT_WRONG_CODES_HOURLY", "7".to_owned()),
    ])
    .await;
    let funder = app
        .user_with_roles(
            "funder@test.lu",
            &[Role::Funder],
            Some(jointcall::domain::role::Agency::Fnr),
        )
        .await;
    let right = app.authenticator_code(&funder.email).await;
    let bad = wrong(&right);

    // Five wrong codes end a challenge, even with the right code after them.
    let first = challenge_for(&app, &funder.email, Some("198.51.100.1")).await;
    for _ in 0..5 {
        let answer = second_step(&app, &first, &bad, Some("198.51.100.1")).await;
        answer.checked(StatusCode::UNAUTHORIZED).await;
    }
    let ended = assert_problem(
        second_step(&app, &first, &right, Some("198.51.100.2")).await,
        401,
    )
    .await;
    assert_eq!(code_of(&ended), "sign-in-expired");

    // From anywhere, the account takes seven wrong codes an hour; the seventh
    // mails the owner, and then even the right code waits.
    let second = challenge_for(&app, &funder.email, Some("198.51.100.3")).await;
    for _ in 0..2 {
        let answer = second_step(&app, &second, &bad, Some("198.51.100.3")).await;
        answer.checked(StatusCode::UNAUTHORIZED).await;
    }
    sink.wait_for_subject("funder@test.lu", "Wrong sign-in codes", 10)
        .await;
    let paused = second_step(&app, &second, &right, Some("198.51.100.4")).await;
    assert!(paused.headers().contains_key("retry-after"));
    assert_problem(paused, 429).await;
}

#[tokio::test]
async fn an_administrator_resets_a_lost_authenticator_and_ends_its_sessions() {
    let (app, sink) = app_with_mail(vec![]).await;
    let admin = app.admin().await;
    let operator = app
        .user_with_roles("lost-phone@test.lu", &[Role::Operator], None)
        .await;
    let path = format!("/api/v1/users/{}/second-factor", operator.id);

    let not_admin = app
        .request(reqwest::Method::DELETE, &path)
        .bearer_auth(&operator.token)
        .send()
        .await
        .unwrap();
    assert_problem(not_admin, 403).await;
    let reset = app
        .request(reqwest::Method::DELETE, &path)
        .bearer_auth(&admin.token)
        .send()
        .await
        .unwrap();
    reset.checked(StatusCode::NO_CONTENT).await;

    assert_eq!(
        status_of(&app, "/api/v1/me", &operator).await,
        StatusCode::UNAUTHORIZED
    );
    let records = audited(
        &app,
        &admin,
        "user",
        &operator.id,
        "user.second_factor_reset",
    )
    .await;
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["actor_id"], admin.id.as_str(), "{}", records[0]);
    sink.wait_for_subject("lost-phone@test.lu", "An administrator reset", 10)
        .await;
    let twice = app
        .request(reqwest::Method::DELETE, &path)
        .bearer_auth(&admin.token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        code_of(&assert_problem(twice, 409).await),
        "no-second-factor"
    );

    // The password signs in again, and the operator must enrol anew.
    let fresh = app.sign_in_again(&operator).await;
    assert_eq!(
        status_of(&app, "/api/v1/me/assignments", &fresh).await,
        StatusCode::FORBIDDEN
    );
    app.enrol_second_factor(&fresh).await;
    assert_eq!(
        status_of(&app, "/api/v1/me/assignments", &fresh).await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn staff_cannot_turn_two_step_sign_in_off_and_applicants_can() {
    let (app, sink) = app_with_mail(vec![]).await;
    let operator = app
        .user_with_roles("operator@test.lu", &[Role::Operator], None)
        .await;
    let code = app.authenticator_code(&operator.email).await;
    let refused = app
        .post(
            "/api/v1/me/second-factor/removal",
            Some(&operator),
            json!({ "password": PASSWORD, "code": code }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        code_of(&assert_problem(refused, 403).await),
        "second-factor-required"
    );

    let applicant = app.applicant("changing-mind@example.org").await;
    app.enrol_second_factor(&applicant).await;
    let right = app.authenticator_code(&applicant.email).await;
    let mistyped = app
        .post(
            "/api/v1/me/second-factor/removal",
            Some(&applicant),
            json!({ "password": PASSWORD, "code": wrong(&right) }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(error_fields(&assert_problem(mistyped, 422).await), ["code"]);
    let removed = app
        .post(
            "/api/v1/me/second-factor/removal",
            Some(&applicant),
            json!({ "password": PASSWORD, "code": right }),
        )
        .send()
        .await
        .unwrap();
    removed.checked(StatusCode::NO_CONTENT).await;
    sink.wait_for_subject("changing-mind@example.org", "Two-step sign-in is off", 10)
        .await;
    // The password alone signs in again.
    let answer = body(app.login(&applicant.email, PASSWORD).await).await;
    assert!(answer["access_token"].is_string(), "{answer}");
}
