//! The probes of an attacker (#15): forged and stale credentials, weak
//! configuration, slow clients. Each asserts what the attacker gets back.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use chrono::Utc;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::json;

use crate::auth::refresh;
use crate::cli::{jointcall, stderr};
use crate::support::fixtures::{Consortium, pdf, stored_files, upload};
use crate::support::smtp::SmtpSink;
use crate::support::{
    Options, PASSWORD, assert_problem, body, error_fields, link_in, spawn_app_with, token_of,
};

/// The secrets anyone can read in the repository or guess.
const WEAK_SECRETS: [&str; 5] = [
    "jointcall-development-secret-do-not-use-in-production",
    "jointcall-development-secret-do-not-use-in-production ",
    "change-me-to-a-long-random-secret-of-your-own",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "0123456789abcdef0123456789abcdef",
];

fn generated_secret() -> String {
    let out = jointcall(&["gen-secret"], &[], None);
    assert!(out.status.success(), "{}", stderr(&out));
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

#[test]
fn production_refuses_every_published_or_weak_signing_secret() {
    let audit_key = generated_secret();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/db.sqlite", dir.path().display());
    for weak in WEAK_SECRETS {
        let out = jointcall(
            &["migrate"],
            &[
                ("DATABASE_URL", &url),
                ("JOINTCALL_ENV", "production"),
                ("JOINTCALL_JWT_SECRET", weak),
                ("JOINTCALL_AUDIT_KEY", &audit_key),
            ],
            None,
        );
        assert_eq!(out.status.code(), Some(1), "{weak:?} was accepted");
        assert!(
            stderr(&out).contains("JOINTCALL_JWT_SECRET"),
            "{}",
            stderr(&out)
        );
    }
    let own = generated_secret();
    assert_eq!(own.len(), 64);
    let out = jointcall(
        &["migrate"],
        &[
            ("DATABASE_URL", &url),
            ("JOINTCALL_ENV", "production"),
            ("JOINTCALL_JWT_SECRET", &own),
            ("JOINTCALL_AUDIT_KEY", &audit_key),
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn production_refuses_the_demo_seed_and_the_test_hooks() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/db.sqlite", dir.path().display());
    let (own, audit_key) = (generated_secret(), generated_secret());
    let production = [
        ("DATABASE_URL", url.as_str()),
        ("JOINTCALL_ENV", "production"),
        ("JOINTCALL_JWT_SECRET", own.as_str()),
        ("JOINTCALL_AUDIT_KEY", audit_key.as_str()),
    ];
    let seed = jointcall(&["seed-demo"], &production, None);
    assert_eq!(seed.status.code(), Some(1));
    assert!(
        stderr(&seed).contains("seed-demo is refused"),
        "{}",
        stderr(&seed)
    );
    let mut with_hooks = production.to_vec();
    with_hooks.push(("JOINTCALL_TEST_HOOKS", "1"));
    let hooks = jointcall(&["migrate"], &with_hooks, None);
    assert_eq!(hooks.status.code(), Some(1));
    assert!(
        stderr(&hooks).contains("JOINTCALL_TEST_HOOKS"),
        "{}",
        stderr(&hooks)
    );
}

fn forged(secret: &[u8], kid: Option<&str>, sub: &str) -> String {
    let now = Utc::now().timestamp();
    let mut header = Header::new(Algorithm::HS256);
    header.kid = kid.map(str::to_owned);
    jsonwebtoken::encode(
        &header,
        &json!({ "sub": sub, "roles": ["admin"], "iat": now, "exp": now + 600, "jti": "forged" }),
        &EncodingKey::from_secret(secret).unwrap(),
    )
    .unwrap()
}

#[tokio::test]
async fn tokens_signed_with_any_key_but_the_portals_are_refused() {
    let own = generated_secret();
    let app = spawn_app_with(Options {
        extra: vec![
            ("JOINTCALL_ENV", "production".to_owned()),
            ("JOINTCALL_JWT_SECRET", own.clone()),
        ],
        ..Options::default()
    })
    .await;
    // Production without a metrics token: closed.
    assert_problem(app.get("/metrics", None).send().await.unwrap(), 403).await;
    let admin = app.admin().await;
    let me = |token: String| {
        app.request(reqwest::Method::GET, "/api/v1/me")
            .bearer_auth(token)
            .send()
    };
    assert_eq!(me(admin.token.clone()).await.unwrap().status(), 200);
    // The development secret, with and without the key id it would have.
    let dev = WEAK_SECRETS[0].as_bytes();
    for token in [
        forged(dev, None, &admin.id),
        forged(
            dev,
            Some(&jointcall::auth::secret::key_id("jwt", WEAK_SECRETS[0])),
            &admin.id,
        ),
        // The portal's own key, but no key id: not a token the portal issued.
        forged(own.as_bytes(), None, &admin.id),
        // Unsigned.
        format!(
            "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{}.",
            admin.token.split('.').nth(1).unwrap()
        ),
    ] {
        let refused = me(token).await.unwrap();
        assert_problem(refused, 401).await;
    }
}

#[tokio::test]
async fn a_body_that_stops_arriving_is_answered_408_and_the_server_goes_on() {
    let app = spawn_app_with(Options {
        extra: vec![("JOINTCALL_BODY_TIMEOUT_SECS", "1".to_owned())],
        ..Options::default()
    })
    .await;
    let address = app.address.trim_start_matches("http://").to_owned();
    let slow = tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        stream
            .write_all(
                b"POST /api/v1/auth/login HTTP/1.1\r\nHost: portal\r\n\
                  Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"email\":",
            )
            .unwrap();
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        answer
    });
    // Meanwhile the server answers others.
    let health = app.get("/health", None).send().await.unwrap();
    assert_eq!(health.status(), 200);
    let answer = slow.await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("request-timeout"), "{answer}");
}

#[tokio::test]
async fn hostile_text_and_dates_are_422s_never_500s() {
    let (c, _research, _hospital) = Consortium::full("small").await;
    let app = &c.app;
    // Anonymous, at sign-in: a NUL in the address.
    let login = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({ "email": "a\u{0}@test.lu", "password": "x" }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(error_fields(&assert_problem(login, 422).await), ["email"]);
    // A search, a path.
    let search = app
        .get("/api/v1/organisations?q=Med%00", Some(&c.coordinator))
        .send()
        .await
        .unwrap();
    assert_eq!(error_fields(&assert_problem(search, 422).await), ["q"]);
    let path = app
        .get("/api/v1/proposals/x%00y", Some(&c.coordinator))
        .send()
        .await
        .unwrap();
    assert_problem(path, 404).await;
    // A name that reads backwards, a NUL in a title, a start 7,000 years ago.
    let organisation = app
        .post(
            "/api/v1/organisations",
            Some(&c.coordinator),
            json!({ "name": "Med\u{202E}fdp.exe", "kind": "hospital", "country": "LU" }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_fields(&assert_problem(organisation, 422).await),
        ["name"]
    );
    let proposal = c.proposal(&c.coordinator).await;
    for (update, field) in [
        (json!({ "acronym": "CARE", "title": "T\u{0}" }), "title"),
        (
            json!({ "acronym": "CARE", "start_date": "-5000-01-01" }),
            "start_date",
        ),
        (
            json!({ "acronym": "CARE", "start_date": "+262000-01-01" }),
            "start_date",
        ),
        (
            json!({ "acronym": "CARE", "start_date": "2301-01-01" }),
            "start_date",
        ),
    ] {
        let refused = c
            .update(&c.coordinator, update.clone(), proposal.version)
            .await;
        assert_eq!(
            error_fields(&assert_problem(refused, 422).await),
            [field],
            "{update}"
        );
    }
    let unchanged = c.proposal(&c.coordinator).await;
    assert_eq!(unchanged.version, proposal.version);
}

#[tokio::test]
async fn metrics_need_their_token_and_api_answers_are_never_cached() {
    let token = generated_secret();
    let app = spawn_app_with(Options {
        extra: vec![("JOINTCALL_METRICS_TOKEN", token.clone())],
        ..Options::default()
    })
    .await;
    let metrics = |bearer: Option<String>| {
        let request = app.get("/metrics", None);
        match bearer {
            Some(b) => request.bearer_auth(b),
            None => request,
        }
        .send()
    };
    assert_problem(metrics(None).await.unwrap(), 401).await;
    assert_problem(metrics(Some(format!("{token}x"))).await.unwrap(), 401).await;
    let admin = app.admin().await;
    assert_problem(metrics(Some(admin.token.clone())).await.unwrap(), 401).await;
    let allowed = metrics(Some(token)).await.unwrap();
    assert_eq!(allowed.status(), 200);
    assert!(
        allowed
            .text()
            .await
            .unwrap()
            .contains("jointcall_outbox_pending")
    );
    // Liveness and readiness stay public and say nothing more.
    let health = app.get("/health", None).send().await.unwrap();
    assert_eq!(health.status(), 200);

    for (path, actor) in [("/api/v1/me", Some(&admin)), ("/api/v1/calls", None)] {
        let response = app.get(path, actor).send().await.unwrap();
        assert_eq!(
            response
                .headers()
                .get("cache-control")
                .and_then(|v| v.to_str().ok()),
            Some("no-store"),
            "{path}"
        );
    }
}

#[test]
fn production_without_a_metrics_token_keeps_them_closed() {
    // Checked on the configuration: production refuses a weak token too.
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/db.sqlite", dir.path().display());
    let (own, own_audit) = (generated_secret(), generated_secret());
    let out = jointcall(
        &["migrate"],
        &[
            ("DATABASE_URL", &url),
            ("JOINTCALL_ENV", "production"),
            ("JOINTCALL_JWT_SECRET", &own),
            ("JOINTCALL_AUDIT_KEY", &own_audit),
            ("JOINTCALL_METRICS_TOKEN", "metrics"),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("JOINTCALL_METRICS_TOKEN"),
        "{}",
        stderr(&out)
    );
}

#[tokio::test]
async fn wrong_passwords_from_elsewhere_never_lock_the_owner_out() {
    let app = spawn_app_with(Options {
        extra: vec![("JOINTCALL_TRUSTED_PROXIES", "127.0.0.1".to_owned())],
        ..Options::default()
    })
    .await;
    app.applicant("owner@example.org").await;
    let login = |password: &str, from: &str| {
        app.post(
            "/api/v1/auth/login",
            None,
            json!({ "email": "owner@example.org", "password": password }),
        )
        .header("X-Forwarded-For", from.to_owned())
        .send()
    };
    for _ in 0..5 {
        assert_eq!(
            login("a wrong guess", "198.51.100.7")
                .await
                .unwrap()
                .status(),
            401
        );
    }
    // The attacker's address is stopped on this account ...
    assert_problem(login(PASSWORD, "198.51.100.7").await.unwrap(), 429).await;
    // ... the owner, from their own address, is not.
    assert_eq!(login(PASSWORD, "203.0.113.20").await.unwrap().status(), 200);
}

#[tokio::test]
async fn registration_and_reset_mails_are_limited_and_carry_no_chosen_text() {
    let (sink, port) = SmtpSink::start(0).await;
    let app = spawn_app_with(Options {
        smtp_port: Some(port),
        extra: vec![("JOINTCALL_LIMIT_ADDRESS_HOURLY", "4".to_owned())],
        ..Options::default()
    })
    .await;
    let register = |email: String, name: &str| {
        app.post(
            "/api/v1/auth/register",
            None,
            json!({ "email": email, "password": PASSWORD, "full_name": name }),
        )
        .send()
    };
    let spam = "Your bank account is closed: call +352 000 000";
    assert_eq!(
        register("victim@example.org".into(), spam)
            .await
            .unwrap()
            .status(),
        201
    );
    let mail = sink.wait_for("victim@example.org", 10).await;
    assert!(!mail.body().contains("bank account"), "{}", mail.body());
    for n in 0..3 {
        let status = register(format!("new{n}@example.org"), "New")
            .await
            .unwrap()
            .status();
        assert_eq!(status, 201, "registration {n}");
    }
    // The fifth from this address within the hour costs nothing: no hash, no mail, no row.
    let refused = register("fifth@example.org".into(), "Fifth").await.unwrap();
    assert!(refused.headers().contains_key("retry-after"));
    assert_problem(refused, 429).await;
    let admin = app.admin().await;
    let users = app
        .get("/api/v1/users?limit=100", Some(&admin))
        .send()
        .await
        .unwrap();
    assert!(!body(users).await.to_string().contains("fifth@example.org"));

    // Reset mails to one address: three an hour, whoever asks.
    let reset = || {
        app.post(
            "/api/v1/auth/password-reset",
            None,
            json!({ "email": "new0@example.org" }),
        )
        .send()
    };
    for _ in 0..2 {
        assert_eq!(reset().await.unwrap().status(), 202);
    }
    // new0 had its verification mail: that was the first of its three.
    assert_problem(reset().await.unwrap(), 429).await;
}

#[tokio::test]
async fn a_reset_confirmation_with_a_bad_link_is_refused_before_any_hashing() {
    let app = spawn_app_with(Options {
        extra: vec![("JOINTCALL_LIMIT_ADDRESS_HOURLY", "3".to_owned())],
        ..Options::default()
    })
    .await;
    let confirm = || {
        app.post(
            "/api/v1/auth/password-reset/confirm",
            None,
            json!({ "token": "forged", "new_password": "a brand new long password" }),
        )
        .send()
    };
    for _ in 0..3 {
        let refused = assert_problem(confirm().await.unwrap(), 422).await;
        assert_eq!(error_fields(&refused), ["token"]);
    }
    assert_problem(confirm().await.unwrap(), 429).await;
}

#[tokio::test]
async fn an_unconfirmed_address_cannot_start_or_join_a_proposal() {
    let (c, _research, _hospital) = Consortium::full("small").await;
    let stranger = c.app.unverified_applicant("unconfirmed@example.org").await;
    let call_id = c.proposal(&c.coordinator).await.call_id.to_owned();
    let organisation = crate::support::fixtures::organisation(
        &c.app,
        &stranger,
        json!({ "name": "Unconfirmed S.A.", "kind": "company", "country": "LU", "company_size": "small" }),
    )
    .await;
    let start = || {
        c.app
            .post(
                &format!("/api/v1/calls/{call_id}/proposals"),
                Some(&stranger),
                json!({ "acronym": "NEW", "organisation_id": organisation }),
            )
            .send()
    };
    let refused = assert_problem(start().await.unwrap(), 403).await;
    assert_eq!(
        refused["type"],
        "https://jointcall.eu/problems/email-not-verified"
    );

    // Joining from a mailed invitation waits for the confirmation too.
    let invited = c
        .app
        .post(
            &c.path("/invitations"),
            Some(&c.coordinator),
            json!({ "email": "unconfirmed@example.org" }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(invited.status(), 201);
    let mail = c
        .sink
        .wait_for_subject("unconfirmed@example.org", "Invitation", 10)
        .await;
    let token = token_of(&link_in(
        &mail.body(),
        "http://portal.test/invitations/accept?token=",
    ));
    let accept = || {
        c.app
            .post(
                "/api/v1/invitations/acceptance",
                Some(&stranger),
                json!({ "token": token, "organisation_id": organisation }),
            )
            .send()
    };
    let refused = assert_problem(accept().await.unwrap(), 403).await;
    assert_eq!(
        refused["type"],
        "https://jointcall.eu/problems/email-not-verified"
    );

    c.app.verify_email("unconfirmed@example.org").await;
    assert_eq!(accept().await.unwrap().status(), 200);
    assert_eq!(start().await.unwrap().status(), 201);
}

async fn me_status(app: &crate::support::TestApp, actor: &crate::support::Actor) -> u16 {
    app.get("/api/v1/me", Some(actor))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn an_ended_session_ends_its_access_tokens_at_once() {
    let app = spawn_app_with(Options::default()).await;
    let user = app.applicant("sessions@example.org").await;
    let other_device = app.sign_in_again(&user).await;

    // Sign-out: this session's access token stops at once; the other device goes on.
    let out = app
        .post(
            "/api/v1/auth/logout",
            Some(&user),
            json!({ "refresh_token": user.refresh_token }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 204);
    assert_eq!(me_status(&app, &user).await, 401);
    assert_eq!(me_status(&app, &other_device).await, 200);

    // A refresh token used twice ends its session, access tokens included.
    let rotated = body(refresh(&app, &other_device.refresh_token).await).await;
    assert_problem(refresh(&app, &other_device.refresh_token).await, 401).await;
    let rotated_access = crate::support::Actor {
        token: rotated["access_token"].as_str().unwrap().to_owned(),
        refresh_token: rotated["refresh_token"].as_str().unwrap().to_owned(),
        ..other_device.clone()
    };
    assert_eq!(me_status(&app, &rotated_access).await, 401);

    // Sign out everywhere ends every session, in the same second as they began.
    let a = app.sign_in_again(&user).await;
    let b = app.sign_in_again(&user).await;
    let everywhere = app
        .request(reqwest::Method::DELETE, "/api/v1/me/sessions")
        .bearer_auth(&a.token)
        .send()
        .await
        .unwrap();
    assert_eq!(everywhere.status(), 204);
    assert_eq!(me_status(&app, &a).await, 401);
    assert_eq!(me_status(&app, &b).await, 401);
    assert_problem(refresh(&app, &b.refresh_token).await, 401).await;
    let again = app.sign_in_again(&user).await;
    assert_eq!(me_status(&app, &again).await, 200);
}

#[tokio::test]
async fn a_password_reset_in_the_same_second_ends_the_sessions_before_it() {
    let app = spawn_app_with(Options::default()).await;
    let user = app.applicant("same-second@example.org").await;
    // Changing the password starts a new session and ends the others, whatever the second.
    let changed = app
        .put(
            "/api/v1/me/password",
            Some(&user),
            json!({ "current_password": PASSWORD, "new_password": "another long enough password" }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), 200);
    let fresh = body(changed).await;
    assert_eq!(me_status(&app, &user).await, 401);
    let fresh = crate::support::Actor {
        token: fresh["access_token"].as_str().unwrap().to_owned(),
        refresh_token: fresh["refresh_token"].as_str().unwrap().to_owned(),
        ..user.clone()
    };
    assert_eq!(me_status(&app, &fresh).await, 200);
}

#[tokio::test]
async fn staff_sessions_end_after_twelve_hours_or_half_an_hour_unused() {
    let app = spawn_app_with(Options::default()).await;
    let start = Utc::now();
    app.state.clock.set(start);
    let mut operator = crate::support::fixtures::operator(&app).await;
    let mut applicant = app.applicant("long-session@example.org").await;

    // 29 minutes unused: the staff session refreshes (and counts as used).
    app.state.clock.set(start + chrono::Duration::minutes(29));
    let rotated = refresh(&app, &operator.refresh_token).await;
    assert_eq!(rotated.status(), 200);
    operator.refresh_token = body(rotated).await["refresh_token"]
        .as_str()
        .unwrap()
        .to_owned();
    // 31 minutes more unused: over.
    app.state.clock.set(start + chrono::Duration::minutes(60));
    let idle = assert_problem(refresh(&app, &operator.refresh_token).await, 401).await;
    assert!(
        idle["detail"].as_str().unwrap().contains("unused"),
        "{idle}"
    );

    // Used every 20 minutes, a staff session still ends 12 hours after sign-in.
    app.state.clock.set(start);
    operator = app.sign_in_again(&operator).await;
    let mut at = start;
    while at < start + chrono::Duration::hours(12) - chrono::Duration::minutes(20) {
        at += chrono::Duration::minutes(20);
        app.state.clock.set(at);
        let rotated = refresh(&app, &operator.refresh_token).await;
        assert_eq!(rotated.status(), 200, "at {at}");
        operator.refresh_token = body(rotated).await["refresh_token"]
            .as_str()
            .unwrap()
            .to_owned();
    }
    app.state
        .clock
        .set(start + chrono::Duration::hours(12) + chrono::Duration::seconds(1));
    let over = assert_problem(refresh(&app, &operator.refresh_token).await, 401).await;
    assert!(
        over["detail"]
            .as_str()
            .unwrap()
            .contains("longest lifetime"),
        "{over}"
    );

    // An applicant's session goes on after a day unused.
    app.state.clock.set(start + chrono::Duration::hours(24));
    let rotated = refresh(&app, &applicant.refresh_token).await;
    assert_eq!(rotated.status(), 200);
    applicant.refresh_token = body(rotated).await["refresh_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(!applicant.refresh_token.is_empty());
}

/// The `Set-Cookie` lines of a response, by cookie name.
fn set_cookies(response: &reqwest::Response) -> std::collections::HashMap<String, String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|line| Some((line.split('=').next()?.to_owned(), line.to_owned())))
        .collect()
}

fn cookie_value(line: &str) -> String {
    line.split(';')
        .next()
        .and_then(|pair| pair.split_once('='))
        .map(|(_, v)| v.to_owned())
        .unwrap_or_default()
}

#[tokio::test]
async fn the_web_apps_refresh_token_is_an_http_only_cookie_that_needs_the_csrf_header() {
    let app = spawn_app_with(Options::default()).await;
    app.applicant("browser@example.org").await;
    let signed_in = app.login("browser@example.org", PASSWORD).await;
    let cookies = set_cookies(&signed_in);
    let refresh_line = cookies["jointcall_refresh"].clone();
    let csrf_line = cookies["jointcall_csrf"].clone();
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/api/v1/auth/refresh"] {
        assert!(refresh_line.contains(attribute), "{refresh_line}");
    }
    assert!(
        !refresh_line.contains("Secure"),
        "plain HTTP: {refresh_line}"
    );
    assert!(
        !csrf_line.contains("HttpOnly") && csrf_line.contains("Path=/"),
        "{csrf_line}"
    );
    let tokens = body(signed_in).await;
    assert_eq!(
        cookie_value(&refresh_line),
        tokens["refresh_token"].as_str().unwrap()
    );
    let (refresh_token, csrf) = (cookie_value(&refresh_line), cookie_value(&csrf_line));

    let by_cookie = |cookie: String, header: Option<String>| {
        let mut request = app
            .post("/api/v1/auth/refresh", None, json!({}))
            .header("Cookie", cookie);
        if let Some(value) = header {
            request = request.header("X-CSRF-Token", value);
        }
        request.send()
    };
    // Another site can make the browser send the cookies, not set the header.
    let both = format!("jointcall_refresh={refresh_token}; jointcall_csrf={csrf}");
    let forged = assert_problem(by_cookie(both.clone(), None).await.unwrap(), 403).await;
    assert!(
        forged["type"]
            .as_str()
            .unwrap()
            .ends_with("/csrf-token-missing")
    );
    assert_problem(
        by_cookie(both.clone(), Some("guessed".to_owned()))
            .await
            .unwrap(),
        403,
    )
    .await;
    // The app itself reads the CSRF cookie and echoes it: a new pair, in new cookies.
    let rotated = by_cookie(both.clone(), Some(csrf.clone())).await.unwrap();
    assert_eq!(rotated.status(), 200);
    let renewed = set_cookies(&rotated);
    let new_token = cookie_value(&renewed["jointcall_refresh"]);
    assert_ne!(new_token, refresh_token);
    let access = body(rotated).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    // The spent cookie is a reuse: its session ends.
    assert_problem(by_cookie(both, Some(csrf.clone())).await.unwrap(), 401).await;
    let me = app
        .get("/api/v1/me", None)
        .bearer_auth(&access)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 401);

    // Sign-out ends the session of its bearer token and removes both cookies:
    // the refresh cookie of that session no longer refreshes.
    let again = app.login("browser@example.org", PASSWORD).await;
    let cookies = set_cookies(&again);
    let access = body(again).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let out = app
        .post("/api/v1/auth/logout", None, json!({}))
        .bearer_auth(&access)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 204);
    let cleared = set_cookies(&out);
    assert!(
        cleared["jointcall_refresh"].contains("Max-Age=0"),
        "{cleared:?}"
    );
    assert!(
        cleared["jointcall_csrf"].contains("Max-Age=0"),
        "{cleared:?}"
    );
    let after = app
        .get("/api/v1/me", None)
        .bearer_auth(&access)
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), 401, "the session ended");
    let (old_refresh, old_csrf) = (
        cookie_value(&cookies["jointcall_refresh"]),
        cookie_value(&cookies["jointcall_csrf"]),
    );
    assert_problem(
        by_cookie(
            format!("jointcall_refresh={old_refresh}; jointcall_csrf={old_csrf}"),
            Some(old_csrf),
        )
        .await
        .unwrap(),
        401,
    )
    .await;

    // Behind HTTPS the cookies are Secure.
    let https = spawn_app_with(Options {
        extra: vec![("JOINTCALL_PUBLIC_URL", "https://portal.test".to_owned())],
        ..Options::default()
    })
    .await;
    https.user_with_roles("secure@example.org", &[], None).await;
    let cookies = set_cookies(&https.login("secure@example.org", PASSWORD).await);
    assert!(cookies["jointcall_refresh"].contains("Secure"));
    assert!(cookies["jointcall_csrf"].contains("Secure"));
}

#[tokio::test]
async fn bodies_beyond_the_specs_bounds_are_refused_before_any_other_work() {
    let app = spawn_app_with(Options::default()).await;
    let someone = app.applicant("sender@example.org").await;
    // 25,000 distinct keywords to a proposal that does not exist: the bound
    // is checked before the proposal is looked for.
    let keywords: Vec<String> = (0..25_000).map(|i| format!("k{i}")).collect();
    let refused = app
        .put(
            "/api/v1/proposals/no-such-proposal",
            Some(&someone),
            json!({ "acronym": "X", "title": "T", "abstract": "", "keywords": keywords }),
        )
        .header("If-Match", "\"1\"")
        .send()
        .await
        .unwrap();
    let problem = assert_problem(refused, 422).await;
    assert_eq!(error_fields(&problem), ["keywords"]);
    assert_eq!(problem["errors"][0]["code"], "too_many");

    // A password beyond the spec's 256 characters is refused before it is hashed.
    let long = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({ "email": "sender@example.org", "password": "p".repeat(257) }),
        )
        .send()
        .await
        .unwrap();
    let problem = assert_problem(long, 422).await;
    assert_eq!(error_fields(&problem), ["password"]);
    assert_eq!(problem["errors"][0]["code"], "too_long");
    // ... and counts as no sign-in attempt: the owner still signs in.
    assert_eq!(
        app.login("sender@example.org", PASSWORD).await.status(),
        200
    );
}

#[tokio::test]
async fn common_and_breached_passwords_are_refused_when_chosen() {
    let app = spawn_app_with(Options::default()).await;
    let refused = app
        .post(
            "/api/v1/auth/register",
            None,
            json!({ "email": "new@example.org", "password": "password1234", "full_name": "New" }),
        )
        .send()
        .await
        .unwrap();
    let problem = assert_problem(refused, 422).await;
    assert_eq!(error_fields(&problem), ["password"]);
    assert_eq!(problem["errors"][0]["code"], "too_common");

    let someone = app.applicant("someone@example.org").await;
    let changed = app
        .put(
            "/api/v1/me/password",
            Some(&someone),
            json!({ "current_password": PASSWORD, "new_password": "qwertyuiop123" }),
        )
        .send()
        .await
        .unwrap();
    let problem = assert_problem(changed, 422).await;
    assert_eq!(problem["errors"][0]["field"], "new_password");
    assert_eq!(problem["errors"][0]["code"], "too_common");
    // The old password still signs in.
    assert_eq!(app.login(&someone.email, PASSWORD).await.status(), 200);
}

#[tokio::test]
async fn a_session_begun_before_a_promotion_to_staff_ends_as_a_staff_session() {
    // A long idle timeout for staff: this test is about the absolute lifetime.
    let app = spawn_app_with(Options {
        extra: vec![("JOINTCALL_SESSION_STAFF_IDLE_MINS", "100000".to_owned())],
        ..Options::default()
    })
    .await;
    let start = Utc::now();
    app.state.clock.set(start);
    let admin = app.admin().await;
    let promoted = app.applicant("promoted@example.org").await;
    let stays = app.applicant("stays@example.org").await;

    let read = app
        .get(&format!("/api/v1/users/{}", promoted.id), Some(&admin))
        .send()
        .await
        .unwrap();
    let etag = read.headers()["etag"].to_str().unwrap().to_owned();
    let made_operator = app
        .put(
            &format!("/api/v1/users/{}/roles", promoted.id),
            Some(&admin),
            json!({ "roles": ["operator"] }),
        )
        .header("If-Match", etag)
        .send()
        .await
        .unwrap();
    assert_eq!(made_operator.status(), 200);
    app.enrol_second_factor(&promoted).await;

    // Twelve hours after signing in as an applicant, the operator's session
    // is over; the applicant's, begun at the same time, goes on.
    app.state
        .clock
        .set(start + chrono::Duration::hours(12) + chrono::Duration::seconds(1));
    let over = assert_problem(refresh(&app, &promoted.refresh_token).await, 401).await;
    assert!(
        over["detail"]
            .as_str()
            .unwrap()
            .contains("longest lifetime"),
        "{over}"
    );
    assert_eq!(refresh(&app, &stays.refresh_token).await.status(), 200);
}

/// A database writer's tampering, and what the API and the command say of it.
#[tokio::test]
async fn a_database_writer_cannot_rewrite_append_to_or_cut_the_audit_chain() {
    use diesel::RunQueryDsl;
    let app = spawn_app_with(Options::default()).await;
    let admin = app.admin().await;
    for n in 0..4 {
        app.unverified_applicant(&format!("audited{n}@example.org"))
            .await;
    }
    let verify = || app.audit_verification(&admin);
    let intact = verify().await;
    assert_eq!(intact["valid"], true, "{intact}");
    let records = intact["records"].as_i64().unwrap();
    let sql = |statement: String| {
        let mut conn = app.state.pool.get().unwrap();
        diesel::sql_query(statement).execute(&mut **conn).unwrap();
    };
    let seals: Vec<(i64, String)> = {
        use diesel::prelude::*;
        use jointcall::db::schema::audit_log::dsl::*;
        let mut conn = app.state.pool.get().unwrap();
        audit_log
            .select((seq, hash))
            .order(seq.asc())
            .load(&mut **conn)
            .unwrap()
    };

    // 1. A record rewritten and every later one re-hashed with SHA-256, head included.
    let original_action: String = {
        use diesel::prelude::*;
        use jointcall::db::schema::audit_log::dsl::*;
        let mut conn = app.state.pool.get().unwrap();
        audit_log
            .filter(seq.eq(3))
            .select(action)
            .first(&mut **conn)
            .unwrap()
    };
    sql("UPDATE audit_log SET action = 'user.roles_changed' WHERE seq = 3".into());
    let mut prev = seals[1].1.clone();
    for (s, _) in seals.iter().skip(2) {
        let rehashed = rehash(&app, *s, &prev);
        sql(format!(
            "UPDATE audit_log SET prev_hash = '{prev}', hash = '{rehashed}' WHERE seq = {s}"
        ));
        prev = rehashed;
    }
    sql(format!("UPDATE audit_head SET last_hash = '{prev}'"));
    let broken = verify().await;
    assert_eq!(broken["valid"], false, "{broken}");
    assert!(
        broken["problem"].as_str().unwrap().contains("record 3"),
        "{broken}"
    );
    // Put back.
    sql(format!(
        "UPDATE audit_log SET action = '{original_action}' WHERE seq = 3"
    ));
    let mut prev = seals[1].1.clone();
    for (s, h) in seals.iter().skip(2) {
        sql(format!(
            "UPDATE audit_log SET prev_hash = '{prev}', hash = '{h}' WHERE seq = {s}"
        ));
        prev = h.clone();
    }
    sql(format!("UPDATE audit_head SET last_hash = '{prev}'"));
    assert_eq!(verify().await["valid"], true);

    // 2. A forged record appended, the head advanced.
    let next = records + 1;
    let forged_hash = format!(
        "{}:{}",
        seals[0].1.split(':').next().unwrap(),
        "ab".repeat(32)
    );
    sql(format!(
        "INSERT INTO audit_log (seq, at, actor_id, action, entity_type, entity_id, before_state, after_state, prev_hash, hash) \
         VALUES ({next}, '2026-12-07 10:00:00', NULL, 'user.roles_changed', 'user', 'x', NULL, NULL, '{prev}', '{forged_hash}')"
    ));
    sql(format!(
        "UPDATE audit_head SET last_seq = {next}, last_hash = '{forged_hash}'"
    ));
    let forged = verify().await;
    assert_eq!(
        forged["problem"],
        format!("record {next} was changed after it was written")
    );
    sql(format!("DELETE FROM audit_log WHERE seq = {next}"));
    sql(format!(
        "UPDATE audit_head SET last_seq = {records}, last_hash = '{prev}'"
    ));
    assert_eq!(verify().await["valid"], true);

    // 3. The tail cut and the head rewound: every seal holds, the anchor does not.
    let out = jointcall(
        &["anchor-audit"],
        &[
            ("DATABASE_URL", app.db.url()),
            ("JOINTCALL_AUDIT_KEY", crate::support::test_audit_key()),
            (
                "JOINTCALL_STORAGE_DIR",
                &app.state.config.storage_dir.display().to_string(),
            ),
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(verify().await["anchored_seq"], records);
    let keep = records - 2;
    sql(format!("DELETE FROM audit_log WHERE seq > {keep}"));
    sql(format!(
        "UPDATE audit_head SET last_seq = {keep}, last_hash = '{}'",
        seals[(keep - 1) as usize].1
    ));
    let cut = verify().await;
    assert_eq!(cut["valid"], false);
    assert!(cut["problem"].as_str().unwrap().contains("anchor"), "{cut}");
}

/// The SHA-256 a writer without the key would compute for record `seq`.
fn rehash(app: &crate::support::TestApp, record: i64, prev: &str) -> String {
    use diesel::prelude::*;
    use jointcall::db::schema::audit_log::dsl::*;
    let mut conn = app.state.pool.get().unwrap();
    let row: (
        chrono::NaiveDateTime,
        Option<String>,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
    ) = audit_log
        .filter(seq.eq(record))
        .select((
            at,
            actor_id,
            action,
            entity_type,
            entity_id,
            before_state,
            after_state,
        ))
        .first(&mut **conn)
        .unwrap();
    let time = row.0.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string();
    jointcall::domain::audit_chain::link_hash(
        prev,
        &jointcall::domain::audit_chain::AuditEntry {
            seq: record,
            at: &time,
            actor_id: row.1.as_deref(),
            action: &row.2,
            entity_type: &row.3,
            entity_id: &row.4,
            before: row.5.as_deref(),
            after: row.6.as_deref(),
        },
    )
}

#[tokio::test]
async fn quotas_bound_documents_proposals_and_invitations() {
    let c = Consortium::with_settings(
        "small",
        vec![
            ("JOINTCALL_QUOTA_DOCUMENTS", "2".to_owned()),
            ("JOINTCALL_QUOTA_PROPOSAL_MIB", "1".to_owned()),
            ("JOINTCALL_QUOTA_PROPOSALS", "1".to_owned()),
            ("JOINTCALL_QUOTA_INVITATIONS", "2".to_owned()),
        ],
    )
    .await;
    // Documents: 1 MiB in all, two at most.
    let first = upload(
        &c,
        &c.coordinator,
        "project_description",
        "a.pdf",
        pdf(700_000),
    )
    .await;
    assert_eq!(first.status(), 201);
    let too_big = upload(
        &c,
        &c.coordinator,
        "project_description",
        "b.pdf",
        pdf(400_000),
    )
    .await;
    let refused = assert_problem(too_big, 409).await;
    assert_eq!(
        refused["type"],
        "https://jointcall.eu/problems/quota-exceeded"
    );
    assert!(
        refused["detail"].as_str().unwrap().contains("1 MiB"),
        "{refused}"
    );
    let files = stored_files(&c.app);
    let second = upload(
        &c,
        &c.coordinator,
        "project_description",
        "c.pdf",
        pdf(100_000),
    )
    .await;
    assert_eq!(second.status(), 201);
    let third = upload(
        &c,
        &c.coordinator,
        "project_description",
        "d.pdf",
        pdf(1_000),
    )
    .await;
    assert_problem(third, 409).await;
    assert_eq!(
        stored_files(&c.app),
        files + 1,
        "nothing kept of the refused uploads"
    );

    // Proposals: one per coordinator and call.
    let organisation = c.proposal(&c.coordinator).await.partners[0]
        .organisation
        .id
        .clone();
    let another = c
        .app
        .post(
            &format!("/api/v1/calls/{}/proposals", c.call["id"].as_str().unwrap()),
            Some(&c.coordinator),
            json!({ "acronym": "MORE", "organisation_id": organisation }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        assert_problem(another, 409).await["type"],
        "https://jointcall.eu/problems/quota-exceeded"
    );

    // Invitations: two per proposal.
    for n in 0..2 {
        let sent = c
            .app
            .post(
                &c.path("/invitations"),
                Some(&c.coordinator),
                json!({ "email": format!("p{n}@example.org") }),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(sent.status(), 201);
    }
    let third = c
        .app
        .post(
            &c.path("/invitations"),
            Some(&c.coordinator),
            json!({ "email": "p3@example.org" }),
        )
        .send()
        .await
        .unwrap();
    assert_problem(third, 409).await;
}

/// Every string of `corpus/hostile.json` (and very long ones) in the fields
/// and addresses an attacker reaches first: a clear 2xx or 4xx, never a 5xx.
#[tokio::test]
async fn the_hostile_corpus_never_gets_a_server_error() {
    let corpus: serde_json::Value =
        serde_json::from_str(include_str!("corpus/hostile.json")).unwrap();
    let mut inputs: Vec<String> = corpus["strings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect();
    for n in corpus["long_lengths"].as_array().unwrap() {
        inputs.push("x".repeat(usize::try_from(n.as_u64().unwrap()).unwrap()));
    }
    let c = Consortium::with_settings(
        "small",
        vec![("JOINTCALL_LOGIN_LIMIT_ADDRESS", "100000".to_owned())],
    )
    .await;
    let app = &c.app;
    let encoded =
        |s: &str| -> String { url::form_urlencoded::byte_serialize(s.as_bytes()).collect() };
    let expect_clear = |what: String, response: reqwest::Response| async move {
        let status = response.status().as_u16();
        assert!(
            status < 500,
            "{what}: {status} {}",
            response.text().await.unwrap_or_default()
        );
        if status >= 400 {
            let content_type = response
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned();
            assert_eq!(content_type, "application/problem+json", "{what}");
        }
    };
    for input in &inputs {
        let shown: String = input.chars().take(40).collect();
        let login = app
            .post(
                "/api/v1/auth/login",
                None,
                json!({ "email": input, "password": input }),
            )
            .send()
            .await
            .unwrap();
        expect_clear(format!("login {shown:?}"), login).await;
        let register = app
            .post(
                "/api/v1/auth/register",
                None,
                json!({ "email": input, "password": "a long enough password", "full_name": input }),
            )
            .send()
            .await
            .unwrap();
        expect_clear(format!("register {shown:?}"), register).await;
        // An address is at most what HTTP clients send (the client refuses longer).
        if input.len() <= 8_000 {
            let search = app
                .get(
                    &format!("/api/v1/organisations?q={}", encoded(input)),
                    Some(&c.coordinator),
                )
                .send()
                .await
                .unwrap();
            expect_clear(format!("search {shown:?}"), search).await;
            let path = app
                .get(
                    &format!("/api/v1/proposals/{}", encoded(input)),
                    Some(&c.coordinator),
                )
                .send()
                .await
                .unwrap();
            expect_clear(format!("path {shown:?}"), path).await;
        }
        let organisation = app
            .post(
                "/api/v1/organisations",
                Some(&c.coordinator),
                json!({ "name": input, "kind": "company", "country": input, "company_size": "small", "registration_number": input }),
            )
            .send()
            .await
            .unwrap();
        expect_clear(format!("organisation {shown:?}"), organisation).await;
        let version = c.proposal(&c.coordinator).await.version;
        let update = c
            .update(
                &c.coordinator,
                json!({ "acronym": input, "title": input, "abstract": input, "keywords": [input], "start_date": input }),
                version,
            )
            .await;
        expect_clear(format!("proposal {shown:?}"), update).await;
    }
}
