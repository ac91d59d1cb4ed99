//! The `jointcall` command line, run as a person would run it.

use std::process::{Command, Output, Stdio};

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{Expect, body, spawn_app};

pub fn jointcall(args: &[&str], envs: &[(&str, &str)], dir: Option<&std::path::Path>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_jointcall"));
    command
        .args(args)
        .env_remove("DATABASE_URL")
        .env_remove("JOINTCALL_SMTP_URL");
    for (k, v) in envs {
        command.env(k, v);
    }
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    command.output().expect("run jointcall")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_bad_setting_stops_start_up_with_one_line_naming_it() {
    let output = jointcall(&["migrate"], &[("JOINTCALL_BIND", "not-an-address")], None);

    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("JOINTCALL_BIND"), "{message}");
    assert_eq!(message.trim().lines().count(), 1, "{message}");
}

#[test]
fn an_unreachable_postgres_reports_the_real_reason() {
    let output = jointcall(
        &["migrate"],
        &[("DATABASE_URL", "postgres://postgres@127.0.0.1:9/jointcall")],
        None,
    );

    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("Connection refused"), "{message}");
}

#[test]
fn with_no_database_url_an_sqlite_file_is_created() {
    let dir = tempfile::tempdir().unwrap();

    let output = jointcall(&["migrate"], &[], Some(dir.path()));

    assert!(output.status.success(), "{}", stderr(&output));
    assert!(dir.path().join("data/jointcall.db").is_file());
}

#[tokio::test]
async fn create_admin_makes_an_administrator_who_can_sign_in() {
    let app = spawn_app().await;
    let url = app.db.url().to_owned();

    let from_env = jointcall(
        &[
            "create-admin",
            "--email",
            "boss@example.org",
            "--name",
            "The Boss",
        ],
        &[
            ("DATABASE_URL", &url),
            ("JOINTCALL_ADMIN_PASSWORD", "a long admin password"),
        ],
        None,
    );
    assert!(from_env.status.success(), "{}", stderr(&from_env));

    let mut child = Command::new(env!("CARGO_BIN_EXE_jointcall"))
        .args(["create-admin", "--email", "deputy@example.org"])
        .env("DATABASE_URL", &url)
        .env_remove("JOINTCALL_ADMIN_PASSWORD")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"deputy's long password\n")
        .unwrap();
    assert!(child.wait_with_output().unwrap().status.success());

    let weak = jointcall(
        &["create-admin", "--email", "weak@example.org"],
        &[
            ("DATABASE_URL", &url),
            ("JOINTCALL_ADMIN_PASSWORD", "short"),
        ],
        None,
    );
    assert_eq!(weak.status.code(), Some(1));

    for (email, password) in [
        ("boss@example.org", "a long admin password"),
        ("deputy@example.org", "deputy's long password"),
    ] {
        let login = app.login(email, password).await;
        assert_eq!(login.status(), StatusCode::OK, "{email}");
        let token = body(login).await["access_token"]
            .as_str()
            .unwrap()
            .to_owned();
        let me = body(
            app.client
                .get(app.url("/api/v1/me"))
                .bearer_auth(token)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(me["roles"], json!(["applicant", "admin"]));
        assert_eq!(
            me["full_name"],
            if email.starts_with("boss") {
                "The Boss"
            } else {
                "Administrator"
            }
        );
    }
    app.login("weak@example.org", "short")
        .await
        .checked(StatusCode::UNAUTHORIZED)
        .await;
}

#[tokio::test]
async fn seed_demo_is_idempotent_and_gives_every_role_and_an_open_call() {
    let app = spawn_app().await;
    let url = app.db.url().to_owned();
    let storage = app.state.config.storage_dir.display().to_string();
    let env = [
        ("DATABASE_URL", url.as_str()),
        ("JOINTCALL_STORAGE_DIR", storage.as_str()),
    ];

    let first = jointcall(&["seed-demo"], &env, None);
    let second = jointcall(&["seed-demo"], &env, None);

    assert!(first.status.success(), "{}", stderr(&first));
    let first_out = String::from_utf8_lossy(&first.stdout);
    assert!(first_out.contains("11 account(s) created"), "{first_out}");
    assert!(first_out.contains("NEURO-TRACK: submitted"), "{first_out}");
    // The open call's outline deadline is within the week: the draft's consortium was reminded.
    assert!(
        first_out.contains("demo call: 1 draft consortium reminded of the outline deadline"),
        "{first_out}"
    );
    let second_out = String::from_utf8_lossy(&second.stdout);
    assert!(
        second_out.contains("0 account(s) created, 11 already there"),
        "{second_out}"
    );
    assert!(
        second_out.contains("demo call: already there"),
        "{second_out}"
    );
    let mut company_token = String::new();
    for (email, role) in [
        ("admin@demo.jointcall.eu", "admin"),
        ("operator@demo.jointcall.eu", "operator"),
        ("meco@demo.jointcall.eu", "funder"),
        ("expert1@demo.jointcall.eu", "reviewer"),
        ("company@demo.jointcall.eu", "applicant"),
    ] {
        let login = app.login(email, jointcall::seed::DEMO_PASSWORD).await;
        assert_eq!(login.status(), StatusCode::OK, "{email}");
        let token = body(login).await["access_token"]
            .as_str()
            .unwrap()
            .to_owned();
        if ["admin", "operator", "funder"].contains(&role) {
            // Demo staff enrol an authenticator at their first sign-in, as real staff do.
            let actor = crate::support::Actor {
                id: String::new(),
                email: email.to_owned(),
                token: token.clone(),
                refresh_token: String::new(),
            };
            app.enrol_second_factor_with(&actor, jointcall::seed::DEMO_PASSWORD)
                .await;
        }
        let me = body(
            app.client
                .get(app.url("/api/v1/me"))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert!(
            me["roles"].as_array().unwrap().contains(&json!(role)),
            "{email}: {me}"
        );
        if role == "admin" {
            let outbox = body(
                app.client
                    .get(app.url("/api/v1/outbox?limit=200"))
                    .bearer_auth(&token)
                    .send()
                    .await
                    .unwrap(),
            )
            .await;
            let reminders: Vec<&Value> = outbox["items"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|m| {
                    m["subject"]
                        .as_str()
                        .unwrap()
                        .starts_with("Reminder: submit ")
                })
                .collect();
            assert!(
                !reminders.is_empty(),
                "a submission reminder in the outbox: {outbox}"
            );
        }
        company_token = token;
    }

    let calls = body(
        app.client
            .get(app.url("/api/v1/calls?status=open"))
            .bearer_auth(&company_token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(calls["total"], 1);
    assert_eq!(
        calls["items"][0]["deadlines"].as_array().unwrap().len(),
        2,
        "two stages"
    );
    let call_id = calls["items"][0]["id"].as_str().unwrap();
    let proposals = body(
        app.client
            .get(app.url(&format!("/api/v1/calls/{call_id}/proposals")))
            .bearer_auth(&company_token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    let states: Vec<(&str, &str)> = proposals["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["acronym"].as_str().unwrap(),
                p["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        states,
        [("CARDIO-AI", "draft"), ("NEURO-TRACK", "submitted")]
    );
    let submitted = proposals["items"][1]["id"].as_str().unwrap();
    let receipt = body(
        app.client
            .get(app.url(&format!("/api/v1/proposals/{submitted}/receipt")))
            .bearer_auth(&company_token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    use sha2::Digest;
    assert_eq!(
        receipt["snapshot_sha256"],
        hex::encode(sha2::Sha256::digest(
            receipt["snapshot"].as_str().unwrap().as_bytes()
        ))
    );

    // The call in evaluation: reviews in every state, one consensus approved.
    assert!(
        second_out.contains("(demo, in evaluation)\": already there"),
        "{second_out}"
    );
    let token_of = |login: reqwest::Response| async move {
        body(login).await["access_token"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let operator = app
        .sign_in_by_email_with("operator@demo.jointcall.eu", jointcall::seed::DEMO_PASSWORD)
        .await
        .token;
    let get = |path: String, token: String| {
        let request = app.client.get(app.url(&path)).bearer_auth(token);
        async move { body(request.send().await.unwrap()).await }
    };
    let evaluated = get(
        "/api/v1/calls?status=in_evaluation".into(),
        operator.clone(),
    )
    .await;
    assert_eq!(evaluated["total"], 1);
    let call_id = evaluated["items"][0]["id"].as_str().unwrap().to_owned();
    // Its deadline is in the past by the real clock: the eligibility list opens.
    let eligibility = get(
        format!("/api/v1/calls/{call_id}/eligibility?stage=full"),
        operator.clone(),
    )
    .await;
    assert_eq!(
        eligibility.as_array().map(Vec::len),
        Some(3),
        "{eligibility}"
    );
    let ranking = get(format!("/api/v1/calls/{call_id}/ranking"), operator.clone()).await;
    assert_eq!(ranking["main_list"][0]["acronym"], "SLEEP-SENSE");
    let pending: Vec<&str> = ranking["pending"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["acronym"].as_str().unwrap())
        .collect();
    assert_eq!(pending.len(), 2);
    assert!(pending.contains(&"DIAB-COACH") && pending.contains(&"REHAB-VR"));
    let diab = ranking["pending"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["acronym"] == "DIAB-COACH")
        .unwrap()["proposal_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let consensus = get(format!("/api/v1/proposals/{diab}/consensus"), operator).await;
    assert_eq!(consensus["status"], "draft");
    assert_eq!(consensus["spread_flags"], json!(["excellence"]));
    let expert3 = token_of(
        app.login("expert3@demo.jointcall.eu", jointcall::seed::DEMO_PASSWORD)
            .await,
    )
    .await;
    let mine = get("/api/v1/me/assignments".into(), expert3).await;
    let reviews: Vec<&str> = mine
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["call_id"] == call_id.as_str())
        .map(|a| a["review_status"].as_str().unwrap())
        .collect();
    assert_eq!(reviews.len(), 3);
    assert_eq!(reviews.iter().filter(|s| **s == "draft").count(), 1);

    // The decided call: results released, a letter for each consortium.
    let company = token_of(
        app.login("company@demo.jointcall.eu", jointcall::seed::DEMO_PASSWORD)
            .await,
    )
    .await;
    let decided = get("/api/v1/calls?status=decided".into(), company.clone()).await;
    assert_eq!(decided["total"], 1);
    let decided_id = decided["items"][0]["id"].as_str().unwrap().to_owned();
    let mine = get(
        format!("/api/v1/calls/{decided_id}/proposals"),
        company.clone(),
    )
    .await;
    let mut outcomes = Vec::new();
    for p in mine["items"].as_array().unwrap() {
        let id = p["id"].as_str().unwrap();
        let result = get(format!("/api/v1/proposals/{id}/result"), company.clone()).await;
        outcomes.push((
            result["acronym"].as_str().unwrap().to_owned(),
            result["outcome"].as_str().unwrap().to_owned(),
        ));
    }
    outcomes.sort();
    assert_eq!(
        outcomes,
        [
            ("DIAB-COACH".to_owned(), "funded".to_owned()),
            ("REHAB-VR".to_owned(), "below_threshold".to_owned()),
            ("SLEEP-SENSE".to_owned(), "funded".to_owned()),
        ]
    );
}
