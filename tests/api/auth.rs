use reqwest::StatusCode;
use serde_json::json;

use crate::support::smtp::SmtpSink;
use crate::support::{
    Expect, Options, PASSWORD, assert_problem, body, error_fields, link_in, spawn_app,
    spawn_app_with, token_of,
};

#[tokio::test]
async fn registration_mails_a_link_that_verifies_the_address() {
    // Arrange
    let (sink, port) = SmtpSink::start(0).await;
    let app = spawn_app_with(Options {
        smtp_port: Some(port),
        ..Default::default()
    })
    .await;

    // Act
    let response = app.register("Ada@Example.org", "  Ada   Lovelace ").await;

    // Assert
    let response = response.checked(StatusCode::CREATED).await;
    assert_eq!(response.headers()["etag"], "\"1\"");
    let user = body(response).await;
    assert_eq!(user["email"], "ada@example.org");
    assert_eq!(user["full_name"], "Ada Lovelace");
    assert_eq!(user["roles"], json!(["applicant"]));
    assert_eq!(user["email_verified"], false);
    assert!(user.get("password_hash").is_none());

    let mail = sink.wait_for("ada@example.org", 10).await;
    assert_eq!(mail.subject(), "Confirm your email address for jointcall");
    let link = link_in(&mail.body(), "http://portal.test/verify-email?token=");
    let token = token_of(&link);

    let confirm = app
        .post(
            "/api/v1/auth/email-verification",
            None,
            json!({ "token": token }),
        )
        .send()
        .await
        .unwrap();
    confirm.checked(StatusCode::NO_CONTENT).await;

    let login = body(app.login("ada@example.org", PASSWORD).await).await;
    let me = app
        .client
        .get(app.url("/api/v1/me"))
        .bearer_auth(login["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(body(me).await["email_verified"], true);

    let again = app
        .post(
            "/api/v1/auth/email-verification",
            None,
            json!({ "token": token }),
        )
        .send()
        .await
        .unwrap();
    let problem = assert_problem(again, 422).await;
    assert_eq!(problem["errors"][0]["code"], "invalid_or_expired");
}

#[tokio::test]
async fn a_taken_email_is_a_conflict_whatever_its_case() {
    let app = spawn_app().await;
    app.register("grace@example.org", "Grace")
        .await
        .checked(StatusCode::CREATED)
        .await;

    let problem = assert_problem(app.register("GRACE@example.org", "Grace Two").await, 409).await;

    assert_eq!(problem["type"], "https://jointcall.eu/problems/email-taken");
}

#[tokio::test]
async fn registration_lists_every_invalid_field_at_once() {
    let app = spawn_app().await;
    let cases = [
        (
            json!({ "email": "not-an-email", "password": "short", "full_name": " " }),
            vec!["email", "password", "full_name"],
            "all three fields invalid",
        ),
        (
            json!({ "email": "alan.turing@example.org", "password": "alan.turing@example.org", "full_name": "Alan" }),
            vec!["password"],
            "password equal to the email",
        ),
        (
            json!({ "email": "a@example.org", "password": "x".repeat(300), "full_name": "A" }),
            vec!["password"],
            "password too long",
        ),
    ];
    for (request, fields, case) in cases {
        let response = app
            .post("/api/v1/auth/register", None, request)
            .send()
            .await
            .unwrap();
        let problem = assert_problem(response, 422).await;
        assert_eq!(error_fields(&problem), fields, "{case}");
    }
    let missing = app
        .post(
            "/api/v1/auth/register",
            None,
            json!({ "email": "a@example.org" }),
        )
        .send()
        .await
        .unwrap();
    let problem = assert_problem(missing, 422).await;
    assert_eq!(problem["errors"][0]["code"], "required");
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let app = spawn_app().await;
    app.applicant("known@example.org").await;

    let wrong_password = assert_problem(
        app.login("known@example.org", "not the password").await,
        401,
    )
    .await;
    let unknown_email = assert_problem(
        app.login("nobody@example.org", "not the password").await,
        401,
    )
    .await;

    assert_eq!(wrong_password, unknown_email);
    assert_eq!(
        wrong_password["type"],
        "https://jointcall.eu/problems/invalid-credentials"
    );
}

pub async fn refresh(app: &crate::support::TestApp, token: &str) -> reqwest::Response {
    app.post(
        "/api/v1/auth/refresh",
        None,
        json!({ "refresh_token": token }),
    )
    .send()
    .await
    .unwrap()
}

#[tokio::test]
async fn refresh_tokens_rotate_and_a_reused_one_signs_out_its_family() {
    let app = spawn_app().await;
    let first_device = app.applicant("rotating@example.org").await;
    let second_device = body(app.login("rotating@example.org", PASSWORD).await).await;

    // A refresh token buys a new pair once.
    let rotated = refresh(&app, &first_device.refresh_token).await;
    let rotated = rotated.expect(StatusCode::OK).await;
    assert_eq!(rotated["token_type"], "Bearer");
    assert_eq!(rotated["expires_in"], 900);
    assert_ne!(
        rotated["refresh_token"],
        first_device.refresh_token.as_str()
    );
    let me = app
        .client
        .get(app.url("/api/v1/me"))
        .bearer_auth(rotated["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    me.checked(StatusCode::OK).await;

    // Presenting the spent token again revokes the whole family...
    assert_problem(refresh(&app, &first_device.refresh_token).await, 401).await;
    assert_problem(
        refresh(&app, rotated["refresh_token"].as_str().unwrap()).await,
        401,
    )
    .await;

    // ...but not the sessions of other devices.
    let other = refresh(&app, second_device["refresh_token"].as_str().unwrap()).await;
    other.checked(StatusCode::OK).await;

    assert_problem(refresh(&app, "made-up-token").await, 401).await;
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = spawn_app().await;
    let user = app.applicant("leaving@example.org").await;

    let response = app
        .post(
            "/api/v1/auth/logout",
            Some(&user),
            json!({ "refresh_token": user.refresh_token }),
        )
        .send()
        .await
        .unwrap();

    response.checked(StatusCode::NO_CONTENT).await;
    assert_problem(refresh(&app, &user.refresh_token).await, 401).await;
    let anonymous = app
        .post(
            "/api/v1/auth/logout",
            None,
            json!({ "refresh_token": user.refresh_token }),
        )
        .send()
        .await
        .unwrap();
    assert_problem(anonymous, 401).await;
}

#[tokio::test]
async fn me_needs_a_valid_access_token() {
    let app = spawn_app().await;
    let user = app.unverified_applicant("me@example.org").await;

    let me = app.get("/api/v1/me", Some(&user)).send().await.unwrap();
    let me = me.checked(StatusCode::OK).await;
    assert_eq!(me.headers()["etag"], "\"1\"");
    assert_eq!(body(me).await["email"], "me@example.org");

    let anonymous = app.get("/api/v1/me", None).send().await.unwrap();
    assert_eq!(anonymous.headers()["www-authenticate"], "Bearer");
    assert_problem(anonymous, 401).await;
    let forged = app
        .client
        .get(app.url("/api/v1/me"))
        .bearer_auth("a.b.c")
        .send()
        .await
        .unwrap();
    assert_problem(forged, 401).await;

    // The token expires with the server clock.
    app.state
        .clock
        .set(chrono::Utc::now() + chrono::Duration::minutes(16));
    let expired = app.get("/api/v1/me", Some(&user)).send().await.unwrap();
    let problem = assert_problem(expired, 401).await;
    assert!(problem["detail"].as_str().unwrap().contains("expired"));
}

#[tokio::test]
async fn changing_the_password_signs_out_every_other_session() {
    let app = spawn_app().await;
    let user = app.applicant("changer@example.org").await;

    let wrong = app
        .put("/api/v1/me/password", Some(&user),
            json!({ "current_password": "not my password", "new_password": "a brand new passphrase" }))
        .send()
        .await
        .unwrap();
    let problem = assert_problem(wrong, 422).await;
    assert_eq!(error_fields(&problem), ["current_password"]);

    // Later than the old token's issue time, so that it is provably refused.
    app.state
        .clock
        .set(chrono::Utc::now() + chrono::Duration::seconds(2));
    let changed = app
        .put(
            "/api/v1/me/password",
            Some(&user),
            json!({ "current_password": PASSWORD, "new_password": "a brand new passphrase" }),
        )
        .send()
        .await
        .unwrap();
    let tokens = changed.expect(StatusCode::OK).await;

    assert_problem(
        app.get("/api/v1/me", Some(&user)).send().await.unwrap(),
        401,
    )
    .await;
    assert_problem(refresh(&app, &user.refresh_token).await, 401).await;
    let fresh = app
        .client
        .get(app.url("/api/v1/me"))
        .bearer_auth(tokens["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    fresh.checked(StatusCode::OK).await;
    assert_problem(app.login("changer@example.org", PASSWORD).await, 401).await;
    app.login("changer@example.org", "a brand new passphrase")
        .await
        .checked(StatusCode::OK)
        .await;
}

#[tokio::test]
async fn a_mailed_reset_link_sets_a_new_password_once() {
    let (sink, port) = SmtpSink::start(0).await;
    let app = spawn_app_with(Options {
        smtp_port: Some(port),
        ..Default::default()
    })
    .await;
    let user = app.applicant("forgetful@example.org").await;
    sink.wait_for("forgetful@example.org", 10).await; // the verification mail

    let unknown = app
        .post(
            "/api/v1/auth/password-reset",
            None,
            json!({ "email": "stranger@example.org" }),
        )
        .send()
        .await
        .unwrap();
    unknown.checked(StatusCode::ACCEPTED).await;
    let known = app
        .post(
            "/api/v1/auth/password-reset",
            None,
            json!({ "email": "Forgetful@example.org" }),
        )
        .send()
        .await
        .unwrap();
    known.checked(StatusCode::ACCEPTED).await;

    let mail = sink
        .wait_for_subject("forgetful@example.org", "Reset your jointcall password", 10)
        .await;
    assert_eq!(mail.to, ["forgetful@example.org"]);
    assert!(
        sink.received()
            .iter()
            .all(|m| !m.to.contains(&"stranger@example.org".to_owned()))
    );
    let token = token_of(&link_in(
        &mail.body(),
        "http://portal.test/reset-password?token=",
    ));

    let too_short = app
        .post(
            "/api/v1/auth/password-reset/confirm",
            None,
            json!({ "token": token, "new_password": "short" }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_fields(&assert_problem(too_short, 422).await),
        ["new_password"]
    );

    let reset = app
        .post(
            "/api/v1/auth/password-reset/confirm",
            None,
            json!({ "token": token, "new_password": "remembered at last" }),
        )
        .send()
        .await
        .unwrap();
    reset.checked(StatusCode::NO_CONTENT).await;
    app.login("forgetful@example.org", "remembered at last")
        .await
        .checked(StatusCode::OK)
        .await;
    assert_problem(refresh(&app, &user.refresh_token).await, 401).await;

    let reused = app
        .post(
            "/api/v1/auth/password-reset/confirm",
            None,
            json!({ "token": token, "new_password": "another new password" }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(error_fields(&assert_problem(reused, 422).await), ["token"]);
}

#[tokio::test]
async fn repeated_failed_logins_are_throttled_per_account() {
    let app = spawn_app().await;
    app.applicant("target@example.org").await;
    app.applicant("bystander@example.org").await;

    for attempt in 1..=5 {
        let response = app.login("target@example.org", "guess number one").await;
        assert_eq!(
            response.status(),
            StatusCode::UNAUTHORIZED,
            "attempt {attempt}"
        );
    }
    let throttled = app.login("target@example.org", PASSWORD).await;

    let retry_after: u64 = throttled.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&retry_after), "{retry_after}");
    assert_problem(throttled, 429).await;
    app.login("bystander@example.org", PASSWORD)
        .await
        .checked(StatusCode::OK)
        .await;
}

#[tokio::test]
async fn logins_are_throttled_per_client_address() {
    let app = spawn_app_with(Options {
        extra: vec![("JOINTCALL_LOGIN_LIMIT_ADDRESS", "3".to_owned())],
        ..Default::default()
    })
    .await;

    for n in 0..3 {
        let response = app
            .login(&format!("user{n}@example.org"), "whatever it is")
            .await;
        response.checked(StatusCode::UNAUTHORIZED).await;
    }
    let throttled = app.login("user9@example.org", "whatever it is").await;

    assert!(throttled.headers().contains_key("retry-after"));
    assert_problem(throttled, 429).await;
}

/// Three wrong sign-ins from `forwarded_for` (as the proxy reports it), then
/// the status of a fourth from `fourth_from`.
async fn fourth_login_status(trusted: &str, forwarded_for: &str, fourth_from: &str) -> StatusCode {
    let app = spawn_app_with(Options {
        extra: vec![
            ("JOINTCALL_LOGIN_LIMIT_ADDRESS", "3".to_owned()),
            ("JOINTCALL_TRUSTED_PROXIES", trusted.to_owned()),
        ],
        ..Default::default()
    })
    .await;
    let login = |email: String, from: &str| {
        app.post(
            "/api/v1/auth/login",
            None,
            json!({ "email": email, "password": "whatever it is" }),
        )
        .header("X-Forwarded-For", from.to_owned())
        .send()
    };
    for n in 0..3 {
        let response = login(format!("user{n}@example.org"), forwarded_for)
            .await
            .unwrap();
        response.checked(StatusCode::UNAUTHORIZED).await;
    }
    login("user9@example.org".to_owned(), fourth_from)
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_address_has_its_own_login_limit() {
    // The proxy (the tests' loopback peer) reports the client it saw.
    assert_eq!(
        fourth_login_status("127.0.0.1", "203.0.113.5", "203.0.113.5").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        fourth_login_status("127.0.0.1", "203.0.113.5", "203.0.113.6").await,
        StatusCode::UNAUTHORIZED
    );
    // Without a trusted proxy the header is the client's own claim: ignored,
    // so changing it does not escape the limit.
    assert_eq!(
        fourth_login_status("", "203.0.113.5", "203.0.113.6").await,
        StatusCode::TOO_MANY_REQUESTS
    );
}
