//! Stopping the real binary with SIGTERM: the request in flight is answered,
//! the mail batch being sent is finished, then the process exits; its JSON
//! log carries request ids and no personal data.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use diesel::prelude::*;
use futures_util::StreamExt;
use jointcall::db::schema::outbox;
use reqwest::StatusCode;
use serde_json::json;

use crate::support::smtp::SmtpSink;
use crate::support::{Expect, PASSWORD, spawn_app};

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
    }
}

#[tokio::test]
async fn sigterm_answers_the_request_in_flight_finishes_the_mail_batch_and_logs_json_without_personal_data()
 {
    // Six mails wait in the outbox of a fresh database (the in-process app
    // has no mail server, so it only queues them).
    let queuing = spawn_app().await;
    for i in 0..6 {
        let registered = queuing
            .register(&format!("batch{i}@stop.lu"), "Batch")
            .await;
        registered.checked(StatusCode::CREATED).await;
    }

    // The binary on the same database, with a slow mail server: its first
    // batch takes all six and needs about 2.4 s.
    let (sink, smtp_port) = SmtpSink::start_with_delay(0, Duration::from_millis(400)).await;
    let port = free_port();
    let storage = tempfile::tempdir().unwrap();
    let server = Server(
        Command::new(env!("CARGO_BIN_EXE_jointcall"))
            .arg("serve")
            .env("DATABASE_URL", queuing.db.url())
            .env("JOINTCALL_BIND", format!("127.0.0.1:{port}"))
            .env(
                "JOINTCALL_SMTP_URL",
                format!("smtp://127.0.0.1:{smtp_port}"),
            )
            .env("JOINTCALL_STORAGE_DIR", storage.path())
            .env("JOINTCALL_STATIC_DIR", "/nonexistent")
            .env("JOINTCALL_WORKERS", "1")
            .env("JOINTCALL_LOG_FORMAT", "json")
            .env("RUST_LOG", "info")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start jointcall"),
    );
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    while sink.received().is_empty() {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    // A registration whose body arrives over 1.5 s is in flight at SIGTERM.
    let body = json!({ "email": "late@stop.lu", "password": PASSWORD, "full_name": "Late" })
        .to_string()
        .into_bytes();
    let (head, tail) = body.split_at(10);
    let (head, tail) = (head.to_vec(), tail.to_vec());
    let slow_body = futures_util::stream::iter([(head, 0u64), (tail, 1_500)]).then(
        |(chunk, wait)| async move {
            tokio::time::sleep(Duration::from_millis(wait)).await;
            Ok::<_, std::io::Error>(chunk)
        },
    );
    let in_flight = tokio::spawn(
        client
            .post(format!("{base}/api/v1/auth/register"))
            .header("content-type", "application/json")
            .body(reqwest::Body::wrap_stream(slow_body))
            .send(),
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    let pid = server.0.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );

    let answered = in_flight
        .await
        .unwrap()
        .expect("an answer, not a cut connection");
    answered.checked(StatusCode::CREATED).await;
    let mut server = server;
    let (exited, log) = tokio::task::spawn_blocking(move || {
        let mut log = String::new();
        let stdout = server.0.stdout.as_mut().unwrap();
        std::io::Read::read_to_string(stdout, &mut log).unwrap();
        (server.0.wait().unwrap(), log)
    })
    .await
    .unwrap();
    assert!(exited.success(), "{exited:?}");

    // The log is JSON, a line per event; requests carry their id and the
    // people's addresses and passwords are nowhere in it.
    let lines: Vec<serde_json::Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let served: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|l| l["fields"]["message"] == "request served")
        .collect();
    assert!(!served.is_empty(), "{log}");
    for line in &served {
        assert!(
            line["span"]["id"].as_str().is_some_and(|id| id.len() == 36),
            "{line}"
        );
    }
    assert!(
        lines.iter().any(|l| l["fields"]["message"] == "stopped"),
        "{log}"
    );
    for secret in ["late@stop.lu", "batch0@stop.lu", PASSWORD] {
        assert!(!log.contains(secret), "{secret} is in the log");
    }

    // The whole batch went out, once each, and is recorded as sent. The
    // late registration's mail was either sent too, before the stop, or
    // waits unclaimed for the next start: nothing is left half-done.
    let pool = queuing.state.pool.clone();
    let unsent: Vec<(String, Option<chrono::NaiveDateTime>)> =
        tokio::task::spawn_blocking(move || {
            outbox::table
                .filter(outbox::sent_at.is_null())
                .select((outbox::to_address, outbox::locked_until))
                .load(&mut **pool.get().unwrap())
        })
        .await
        .unwrap()
        .unwrap();
    let mut delivered: Vec<String> = sink.received().iter().map(|m| m.to[0].clone()).collect();
    delivered.sort();
    let mut expected: Vec<String> = (0..6).map(|i| format!("batch{i}@stop.lu")).collect();
    match unsent.as_slice() {
        [] => expected.push("late@stop.lu".to_owned()),
        [(to, claimed)] => {
            assert_eq!(to, "late@stop.lu");
            assert_eq!(*claimed, None, "left claimed by the stopped worker");
        }
        more => panic!("unsent after the stop: {more:?}"),
    }
    assert_eq!(delivered, expected);
}
