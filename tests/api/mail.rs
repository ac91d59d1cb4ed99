use std::time::{Duration, Instant};

use crate::support::smtp::SmtpSink;
use crate::support::{Options, link_in, spawn_app, spawn_app_with, token_of};

#[tokio::test]
async fn the_worker_delivers_to_the_mail_server_once() {
    let (sink, port) = SmtpSink::start(0).await;
    let app = spawn_app_with(Options {
        smtp_port: Some(port),
        ..Default::default()
    })
    .await;
    let admin = app.admin().await;

    app.applicant("reader@example.org").await;

    let mail = sink.wait_for("reader@example.org", 10).await;
    assert!(mail.from.starts_with("no-reply@"), "{}", mail.from);
    assert!(mail.data.contains("Message-ID: <"));
    let outbox = app.outbox(&admin).await;
    let stored = outbox
        .iter()
        .find(|m| m["to"] == "reader@example.org")
        .unwrap();
    // Marked sent right after the server accepted it.
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut stored = stored.clone();
    while stored["status"] != "sent" && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
        stored = app
            .outbox(&admin)
            .await
            .into_iter()
            .find(|m| m["to"] == "reader@example.org")
            .unwrap();
    }
    assert_eq!(stored["status"], "sent");
    assert_eq!(stored["attempts"], 1);
    // The addressee got the link's token; staff reading the outbox do not.
    let token = token_of(&link_in(
        &mail.body(),
        "http://portal.test/verify-email?token=",
    ));
    let shown = stored["body"].as_str().unwrap();
    assert!(shown.contains("verify-email?token=[hidden]") && !shown.contains(&token));
    // Later worker rounds send nothing again.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(
        sink.received()
            .iter()
            .filter(|m| m.to == ["reader@example.org"])
            .count(),
        1
    );
}

#[tokio::test]
async fn mails_wait_while_the_mail_server_is_down_and_go_out_when_it_is_back() {
    // A port with nothing listening: connections are refused.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let app = spawn_app_with(Options {
        smtp_port: Some(port),
        ..Default::default()
    })
    .await;
    let admin = app.admin().await;

    app.applicant("patient@example.org").await;

    let deadline = Instant::now() + Duration::from_secs(15);
    let failed = loop {
        let mail = app
            .outbox(&admin)
            .await
            .into_iter()
            .find(|m| m["to"] == "patient@example.org")
            .unwrap();
        if mail["attempts"].as_i64().unwrap() >= 1 {
            break mail;
        }
        assert!(Instant::now() < deadline, "the worker never tried");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(failed["status"], "pending");
    assert!(failed["last_error"].as_str().is_some_and(|e| !e.is_empty()));

    let (sink, _) = SmtpSink::start(port).await;

    let mail = sink.wait_for("patient@example.org", 20).await;
    assert_eq!(mail.subject(), "Confirm your email address for jointcall");
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let to_patient = sink
        .received()
        .iter()
        .filter(|m| m.to.iter().any(|to| to == "patient@example.org"))
        .count();
    assert_eq!(to_patient, 1, "delivered once");
}

#[tokio::test]
async fn without_a_mail_server_mails_stay_in_the_outbox() {
    let app = spawn_app().await;
    let admin = app.admin().await;

    app.applicant("offline@example.org").await;

    tokio::time::sleep(Duration::from_millis(1500)).await;
    let outbox = app.outbox(&admin).await;
    let mail = outbox
        .iter()
        .find(|m| m["to"] == "offline@example.org")
        .unwrap();
    assert_eq!(mail["status"], "pending");
    assert_eq!(mail["attempts"], 0);
    // Staff see that the link went out, never its secret token.
    assert!(
        mail["body"]
            .as_str()
            .unwrap()
            .contains("http://portal.test/verify-email?token=[hidden]")
    );
}
