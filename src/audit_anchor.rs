//! Anchors of the audit chain outside the database: the chain's last record
//! and hash at a moment, sealed with the audit key, appended as a line to
//! `audit-anchors.log` in the storage folder and mailed to the auditor
//! (`JOINTCALL_AUDITOR_EMAIL`). A database writer who cuts the chain's tail
//! and rewinds its head leaves every seal intact; the latest anchor still
//! names a record the chain no longer has, and `verify-audit` says so.
//!
//! What it does not protect against: someone who holds the audit key (they
//! can re-seal), or who can also rewrite the anchor file and every mailed
//! copy; records written after the latest anchor can be cut unseen until the
//! next one (daily by default, and on demand with `jointcall anchor-audit`).

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};

use crate::db::{self, DbConnection, audit, outbox};
use crate::domain::audit_chain::{Anchor, AuditKeys, ChainBreak};
use crate::error::ApiError;
use crate::state::AppState;

pub const FILE_NAME: &str = "audit-anchors.log";

pub fn file(storage_dir: &Path) -> PathBuf {
    storage_dir.join(FILE_NAME)
}

/// The latest line of the file sealed by one of `keys` (none if there is no
/// file yet). Lines that do not verify are skipped: they prove nothing.
pub fn latest(storage_dir: &Path, keys: &AuditKeys) -> std::io::Result<Option<Anchor>> {
    match std::fs::read_to_string(file(storage_dir)) {
        Ok(text) => Ok(text
            .lines()
            .rev()
            .find_map(|line| Anchor::parse(line, keys))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Anchors the chain's current end: the line is appended (and synced), and
/// the mail to the auditor queued. No audit record: the anchor describes the
/// chain and is kept outside it. Returns the anchor.
pub fn anchor_now(
    conn: &mut DbConnection,
    state: &AppState,
    now: DateTime<Utc>,
) -> Result<Anchor, ApiError> {
    let keys = audit::keys();
    let (seq, hash) = audit::head(conn)?;
    let at = now.to_rfc3339_opts(SecondsFormat::Secs, true);
    let anchor = keys.anchor(&at, seq, &hash);
    append(&state.config.storage_dir, &anchor)
        .map_err(|e| ApiError::storage("writing the audit anchor", &e))?;
    if let Some(auditor) = &state.config.auditor_email {
        db::write_tx(conn, |c| {
            outbox::enqueue(
                c,
                crate::mail::templates::audit_anchor(auditor, &anchor),
                now,
            )
        })?;
    }
    Ok(anchor)
}

/// Checks the chain with the audit keys and against the latest anchor: the
/// records verified (or the first break), and the anchor used, if any.
pub fn verify(
    conn: &mut DbConnection,
    storage_dir: &Path,
) -> anyhow::Result<(Result<i64, ChainBreak>, Option<Anchor>)> {
    let anchor = latest(storage_dir, &audit::keys())?;
    Ok((audit::verify(conn, anchor.clone())?, anchor))
}

fn append(storage_dir: &Path, anchor: &Anchor) -> std::io::Result<()> {
    std::fs::create_dir_all(storage_dir)?;
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(file(storage_dir))?;
    writeln!(file, "{}", anchor.line())?;
    file.sync_all()
}

/// Anchors at start and then every `JOINTCALL_AUDIT_ANCHOR_HOURS`, until shutdown.
pub async fn run(state: crate::state::SharedState) {
    let mut shutdown = state.shutdown.subscribe();
    loop {
        let st = state.clone();
        let outcome = state
            .db(move |conn| anchor_now(conn, &st, st.clock.now()))
            .await;
        match outcome {
            Ok(anchor) => tracing::info!(seq = anchor.seq, "audit chain anchored"),
            Err(e) => {
                tracing::warn!(error = %e, "could not anchor the audit chain; trying again later")
            }
        }
        tokio::select! {
            () = tokio::time::sleep(state.config.audit_anchor_interval) => {}
            _ = shutdown.changed() => return,
        }
    }
}
