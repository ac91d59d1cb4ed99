//! Surviving faults: the database going away while submissions are in flight,
//! a mail worker that crashes mid-batch, a document store that fails or is
//! full. (The mail server being down is in results.rs and mail.rs.)

use std::collections::{HashMap, HashSet};
use std::net::{SocketAddr, ToSocketAddrs};
use std::time::Duration;

use crate::support::fixtures::{
    Consortium, open_call, operator, pdf, ready_proposal, stored_files, upload,
};
use crate::support::proxy::Proxy;
use crate::support::smtp::{ReceivedMail, SmtpSink};
use crate::support::{Expect, Options, TestApp, body, spawn_app_with};
use diesel::prelude::*;
use jointcall::db::schema::{outbox, submissions};
use jointcall::mail::worker::{self, Mailer};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// The PostgreSQL server of `TEST_DATABASE_URL`, if the tests run on one.
fn postgres_server() -> Option<SocketAddr> {
    let url = url::Url::parse(&std::env::var("TEST_DATABASE_URL").ok()?).ok()?;
    let host = url.host_str()?.to_owned();
    (host, url.port().unwrap_or(5432))
        .to_socket_addrs()
        .ok()?
        .next()
}

/// `url` with its host and port replaced by the proxy's.
fn through(url: &str, port: u16) -> String {
    let mut url = url::Url::parse(url).expect("database URL");
    url.set_host(Some("127.0.0.1")).expect("host");
    url.set_port(Some(port)).expect("port");
    url.to_string()
}

/// Runs `query` on the app's database.
async fn query<T: Send + 'static>(
    app: &TestApp,
    query: impl FnOnce(&mut jointcall::db::DbConnection) -> QueryResult<T> + Send + 'static,
) -> T {
    let pool = app.state.pool.clone();
    tokio::task::spawn_blocking(move || query(&mut pool.get().expect("connection")))
        .await
        .expect("blocking query")
        .expect("query")
}

fn receipt_number_in(mail_body: &str) -> Option<String> {
    mail_body
        .split_whitespace()
        .find(|word| word.starts_with("JC-"))
        .map(|word| word.trim_end_matches(['.', ',', ')']).to_owned())
}

#[tokio::test]
async fn submissions_in_flight_when_the_database_restarts_end_cleanly_and_the_server_recovers() {
    let Some(server) = postgres_server() else {
        eprintln!("not run: restarting the database needs PostgreSQL (TEST_DATABASE_URL)");
        return;
    };
    let proxy = Proxy::start(server).await;
    let proxy_port = proxy.port;
    let (sink, smtp_port) = SmtpSink::start(0).await;
    let app = spawn_app_with(Options {
        smtp_port: Some(smtp_port),
        extra: vec![("JOINTCALL_TEST_HOOKS", "1".to_owned())],
        database_url: Some(Box::new(move |url| through(url, proxy_port))),
    })
    .await;
    let operator = operator(&app).await;
    let call_id = open_call(&app, &operator, json!({})).await;
    let mut ready = Vec::new();
    for i in 0..24 {
        ready.push(ready_proposal(&app, &sink, &call_id, i, &json!(["cardiology"]), false).await);
    }

    // A stream of submissions, 40 ms apart; the database goes away for 3 s
    // a quarter of a second in, while some are in flight.
    let mut in_flight = Vec::new();
    for (i, (id, coordinator)) in ready.iter().enumerate() {
        let request = app
            .post(
                &format!("/api/v1/proposals/{id}/submission"),
                Some(coordinator),
                json!({}),
            )
            .timeout(Duration::from_secs(30));
        in_flight.push(tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(40 * i as u64)).await;
            let response = request.send().await.expect("an HTTP answer");
            let status = response.status();
            let retry_after = response.headers().get("retry-after").is_some();
            let content_type = response.headers()["content-type"]
                .to_str()
                .unwrap()
                .to_owned();
            (status, retry_after, content_type)
        }));
    }
    tokio::time::sleep(Duration::from_millis(250)).await;
    proxy.cut().await;
    let during = app.get("/ready", None).send().await.unwrap();
    assert_eq!(
        during.status(),
        StatusCode::SERVICE_UNAVAILABLE,
        "the app sees the database gone"
    );
    tokio::time::sleep(Duration::from_millis(2_500)).await;
    proxy.restore();

    let mut completed = 0;
    let mut failed = Vec::new();
    for (i, task) in in_flight.into_iter().enumerate() {
        let (status, retry_after, content_type) = task.await.unwrap();
        if status == StatusCode::CREATED {
            completed += 1;
        } else {
            // A clean failure: 503 with a problem body and when to retry.
            eprintln!("P{i}: {status}, Retry-After: {retry_after}");
            assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "P{i}");
            assert_eq!(content_type, "application/problem+json", "P{i}");
            assert!(retry_after, "P{i}: no Retry-After");
            failed.push(i);
        }
    }
    eprintln!(
        "{completed} submissions completed across the restart, {} failed cleanly",
        failed.len()
    );

    // The server recovered by itself: ready again, and every failed
    // submission goes through when retried (or was in fact stored).
    app.get("/ready", None)
        .send()
        .await
        .unwrap()
        .checked(StatusCode::OK)
        .await;
    for i in failed {
        let (id, coordinator) = &ready[i];
        let retried = app
            .post(
                &format!("/api/v1/proposals/{id}/submission"),
                Some(coordinator),
                json!({}),
            )
            .send()
            .await
            .unwrap();
        let proposal = body(
            app.get(&format!("/api/v1/proposals/{id}"), Some(coordinator))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert!(
            retried.status() == StatusCode::CREATED || proposal["status"] == "submitted",
            "P{i}: {} and {}",
            retried.status(),
            proposal["status"]
        );
    }

    // Every stored submission has its receipt mail and every receipt mail
    // its stored submission: one each per proposal, delivered once.
    let stored: Vec<(String, String)> = query(&app, |conn| {
        submissions::table
            .select((submissions::proposal_id, submissions::receipt_number))
            .load(conn)
    })
    .await;
    let by_proposal: HashSet<&String> = stored.iter().map(|(p, _)| p).collect();
    assert_eq!(stored.len(), ready.len(), "one submission per proposal");
    assert_eq!(by_proposal.len(), ready.len());
    let receipt_mails: Vec<String> = query(&app, |conn| {
        outbox::table
            .filter(outbox::kind.eq("submission_receipt"))
            .select(outbox::body_text)
            .load(conn)
    })
    .await;
    let mailed: Vec<String> = receipt_mails
        .iter()
        .filter_map(|b| receipt_number_in(b))
        .collect();
    let mut numbers: Vec<String> = stored.iter().map(|(_, n)| n.clone()).collect();
    let mut mailed_sorted = mailed.clone();
    numbers.sort();
    mailed_sorted.sort();
    assert_eq!(
        mailed_sorted, numbers,
        "receipts mailed = submissions stored"
    );
    // A claim that committed as the database went down can be lost to the
    // worker (the answer never came back): it lapses after the worker's claim
    // time (2 minutes), and the mail goes then. Seen once under load.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(150);
    loop {
        let delivered: Vec<String> = sink
            .received()
            .iter()
            .filter_map(|m| receipt_number_in(&m.body()))
            .collect();
        if delivered.len() >= numbers.len() {
            let mut delivered = delivered;
            delivered.sort();
            assert_eq!(delivered, numbers, "each receipt delivered once");
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "receipts not delivered: {delivered:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn message_id(mail: &ReceivedMail) -> String {
    mail.data
        .lines()
        .find_map(|l| {
            l.strip_prefix("Message-ID: <")
                .or_else(|| l.strip_prefix("Message-Id: <"))
        })
        .and_then(|id| id.split('@').next())
        .unwrap_or_default()
        .to_owned()
}

async fn sent_ids(app: &TestApp) -> HashSet<String> {
    query(app, |conn| {
        outbox::table
            .filter(outbox::sent_at.is_not_null())
            .select(outbox::id)
            .load::<String>(conn)
    })
    .await
    .into_iter()
    .collect()
}

#[tokio::test]
async fn a_mail_worker_that_crashes_mid_batch_loses_no_mail_and_repeats_none_it_saw_accepted() {
    // No SMTP for the app itself: the mails wait in the outbox for the
    // workers this test starts and crashes.
    let app = spawn_app_with(Options {
        extra: vec![("JOINTCALL_TEST_HOOKS", "1".to_owned())],
        ..Default::default()
    })
    .await;
    for i in 0..20 {
        let response = app.register(&format!("person{i}@crash.lu"), "Person").await;
        response.checked(StatusCode::CREATED).await;
    }
    let all: HashSet<String> = query(&app, |conn| {
        outbox::table.select(outbox::id).load::<String>(conn)
    })
    .await
    .into_iter()
    .collect();
    assert_eq!(all.len(), 20);

    // A slow mail server, so that the crash comes in the middle of a batch.
    let (sink, port) = SmtpSink::start_with_delay(0, Duration::from_millis(100)).await;
    let mailer = || Mailer::new(&format!("smtp://127.0.0.1:{port}"), "portal@test.lu").unwrap();
    let first = tokio::spawn(worker::run(app.state.clone(), mailer()));
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while sink.received().len() < 5 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the first worker sent nothing"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    first.abort();
    let _ = first.await;
    // Blocking database work of the aborted task may still be finishing.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let sent_before_crash = sent_ids(&app).await;
    assert!(sent_before_crash.len() >= 4, "{}", sent_before_crash.len());
    assert!(
        sent_before_crash.len() < all.len(),
        "the crash came mid-batch"
    );

    // The crashed worker's claims lapse; another instance takes over.
    let later = app.state.clock.now() + chrono::Duration::minutes(3);
    app.state.clock.set(later);
    let second = tokio::spawn(worker::run(app.state.clone(), mailer()));
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while sent_ids(&app).await.len() < all.len() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "mails lost after the crash"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    second.abort();

    let mut deliveries: HashMap<String, usize> = HashMap::new();
    for mail in sink.received() {
        *deliveries.entry(message_id(&mail)).or_default() += 1;
    }
    for id in &all {
        let times = deliveries.get(id).copied().unwrap_or(0);
        assert!(times >= 1, "mail {id} lost");
        if sent_before_crash.contains(id) {
            assert_eq!(
                times, 1,
                "mail {id} was accepted before the crash and sent again"
            );
        }
    }
    // At most the one mail on the wire at the crash may arrive twice.
    let repeated = deliveries.values().filter(|&&n| n > 1).count();
    assert!(repeated <= 1, "{deliveries:?}");
}

async fn documents_of(c: &Consortium) -> Vec<Value> {
    body(
        c.app
            .get(&c.path("/documents"), Some(&c.coordinator))
            .send()
            .await
            .unwrap(),
    )
    .await
    .as_array()
    .unwrap()
    .clone()
}

#[tokio::test]
async fn an_upload_the_store_cannot_keep_fails_cleanly_and_leaves_nothing_behind() {
    let (c, research, _) = Consortium::full("small").await;
    let temp_dir = c.app.state.config.storage_dir.join("tmp");

    // The store's working folder is gone (a broken volume): 503, retryable.
    std::fs::remove_dir_all(&temp_dir).unwrap();
    std::fs::write(&temp_dir, b"not a folder").unwrap();
    let refused = upload(
        &c,
        &research,
        "project_description",
        "plan.pdf",
        pdf(50_000),
    )
    .await;
    let refused = refused.checked(StatusCode::SERVICE_UNAVAILABLE).await;
    assert!(refused.headers().contains_key("retry-after"));
    assert_eq!(
        refused.headers()["content-type"],
        "application/problem+json"
    );
    assert!(documents_of(&c).await.is_empty());
    std::fs::remove_file(&temp_dir).unwrap();
    std::fs::create_dir(&temp_dir).unwrap();
    assert_eq!(stored_files(&c.app), 0);

    // A full disk in the middle of the upload: 507, and the partial file is gone.
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
        .arg(&temp_dir)
        .status()
        .is_ok_and(|s| s.success());
    if mounted {
        let full = upload(
            &c,
            &research,
            "project_description",
            "plan.pdf",
            pdf(2 << 20),
        )
        .await;
        let status = full.status();
        let leftovers = std::fs::read_dir(&temp_dir).unwrap().count();
        let _ = std::process::Command::new("umount").arg(&temp_dir).status();
        assert_eq!(status, StatusCode::INSUFFICIENT_STORAGE);
        assert_eq!(leftovers, 0, "the partial upload was removed");
        assert!(documents_of(&c).await.is_empty());
    } else {
        eprintln!("not run: the full-disk case needs permission to mount a tmpfs");
    }

    // Once the store is healthy the same upload is kept.
    let stored = upload(
        &c,
        &research,
        "project_description",
        "plan.pdf",
        pdf(50_000),
    )
    .await;
    stored.checked(StatusCode::CREATED).await;
    assert_eq!(documents_of(&c).await.len(), 1);
    assert_eq!(stored_files(&c.app), 1);
}
