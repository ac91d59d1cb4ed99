use diesel::RunQueryDsl;
use serde_json::json;

use crate::support::{assert_problem, body, spawn_app};

#[tokio::test]
async fn every_change_is_recorded_in_a_hash_chain() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let user = app.unverified_applicant("watched@example.org").await;
    app.put(
        &format!("/api/v1/users/{}/roles", user.id),
        Some(&admin),
        json!({ "roles": ["reviewer"] }),
    )
    .header("If-Match", "\"1\"")
    .send()
    .await
    .unwrap();

    let records = body(
        app.get("/api/v1/audit?limit=500", Some(&admin))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let records = records.as_array().unwrap();

    let actions: Vec<&str> = records
        .iter()
        .map(|r| r["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "user.created",
            "session.login",
            // Administrators act only with a second factor.
            "user.second_factor_enrolment_begun",
            "user.second_factor_enrolled",
            "user.created",
            "session.login",
            "user.roles_changed"
        ]
    );
    assert_eq!(records[0]["prev_hash"], "0".repeat(64));
    for pair in records.windows(2) {
        assert_eq!(pair[1]["prev_hash"], pair[0]["hash"]);
        assert_eq!(
            pair[1]["seq"].as_i64().unwrap(),
            pair[0]["seq"].as_i64().unwrap() + 1
        );
    }
    let change = &records[6];
    assert_eq!(change["actor_id"], admin.id.as_str());
    assert_eq!(change["entity_id"], user.id.as_str());
    assert_eq!(change["before"]["roles"], "applicant");
    assert_eq!(change["after"]["roles"], "applicant,reviewer");
    assert!(
        records[4]["after"].get("password_hash").is_none(),
        "no secrets in the log"
    );

    let filtered = body(
        app.get(
            &format!("/api/v1/audit?entity_id={}&after_seq=5", user.id),
            Some(&admin),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(filtered.as_array().unwrap().len(), 2);

    assert_problem(
        app.get("/api/v1/audit", Some(&user)).send().await.unwrap(),
        403,
    )
    .await;
}

#[tokio::test]
async fn a_tampered_record_is_detected_by_the_api_and_the_command() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    app.unverified_applicant("victim@example.org").await;

    let verify = || app.audit_verification(&admin);
    let command = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_jointcall"))
            .arg("verify-audit")
            .env("DATABASE_URL", app.db.url())
            .env("JOINTCALL_AUDIT_KEY", crate::support::test_audit_key())
            .env("JOINTCALL_STORAGE_DIR", &app.state.config.storage_dir)
            .env_remove("JOINTCALL_SMTP_URL")
            .output()
            .expect("run jointcall verify-audit")
    };

    let intact = verify().await;
    assert_eq!(intact["valid"], true);
    assert_eq!(intact["records"], 6);
    let output = command();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("6 record(s) verified"));

    // Someone with database access makes a login look like a role change.
    let mut conn = app.state.pool.get().unwrap();
    diesel::sql_query("UPDATE audit_log SET action = 'user.roles_changed' WHERE seq = 2")
        .execute(&mut **conn)
        .unwrap();

    let tampered = verify().await;
    assert_eq!(tampered["valid"], false);
    assert_eq!(
        tampered["problem"],
        "record 2 was changed after it was written"
    );
    let output = command();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("record 2 was changed"));

    // Deleting the last record is found too.
    diesel::sql_query("UPDATE audit_log SET action = 'session.login' WHERE seq = 2")
        .execute(&mut **conn)
        .unwrap();
    assert_eq!(verify().await["valid"], true);
    diesel::sql_query("DELETE FROM audit_log WHERE seq = 6")
        .execute(&mut **conn)
        .unwrap();
    assert_eq!(
        verify().await["problem"],
        "the chain should end at record 6 but ends at 5"
    );
}
