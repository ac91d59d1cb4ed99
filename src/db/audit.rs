//! The append-only audit log, each record sealed with the audit key and
//! chained to the one before (see `domain::audit_chain`).

use std::sync::RwLock;

use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};
use diesel::prelude::*;

use super::DbConnection;
use super::schema::{audit_head, audit_log};
use crate::domain::audit_chain::{Anchor, AuditEntry, AuditKeys, ChainBreak, ChainVerifier};

/// The keys records are sealed with, set once at start-up from the
/// configuration (`install_keys`). One per process: every connection of it
/// writes the same chain. Before that (a unit test), the development key.
static KEYS: RwLock<Option<AuditKeys>> = RwLock::new(None);

pub fn install_keys(keys: AuditKeys) {
    *KEYS
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(keys);
}

pub fn keys() -> AuditKeys {
    KEYS.read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone()
        .unwrap_or_else(|| crate::config::audit_keys(crate::auth::secret::DEV_AUDIT_KEY, &[]))
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_log)]
pub struct AuditRow {
    pub seq: i64,
    pub at: NaiveDateTime,
    pub actor_id: Option<String>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub before_state: Option<String>,
    pub after_state: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditRow {
    fn entry<'a>(&'a self, at: &'a str) -> AuditEntry<'a> {
        AuditEntry {
            seq: self.seq,
            at,
            actor_id: self.actor_id.as_deref(),
            action: &self.action,
            entity_type: &self.entity_type,
            entity_id: &self.entity_id,
            before: self.before_state.as_deref(),
            after: self.after_state.as_deref(),
        }
    }
}

/// The timestamp as hashed: microseconds, the precision both databases keep.
fn hashed_time(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// What changed, by whom. `before`/`after` are JSON snapshots of the entity.
#[derive(Debug, Clone)]
pub struct Change<'a> {
    pub actor_id: Option<&'a str>,
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: &'a str,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

impl<'a> Change<'a> {
    pub fn new(
        actor_id: Option<&'a str>,
        action: &'a str,
        entity_type: &'a str,
        entity_id: &'a str,
    ) -> Self {
        Self {
            actor_id,
            action,
            entity_type,
            entity_id,
            before: None,
            after: None,
        }
    }

    pub fn before(mut self, state: serde_json::Value) -> Self {
        self.before = Some(state);
        self
    }

    pub fn after(mut self, state: serde_json::Value) -> Self {
        self.after = Some(state);
        self
    }

    /// The entity's state before the change, serialised (secrets are `#[serde(skip)]`).
    pub fn before_of<T: serde::Serialize>(self, entity: &T) -> Self {
        self.before(serde_json::to_value(entity).unwrap_or_default())
    }

    pub fn after_of<T: serde::Serialize>(self, entity: &T) -> Self {
        self.after(serde_json::to_value(entity).unwrap_or_default())
    }

    /// Appends this change to the chain. Call inside `db::write_tx`.
    pub fn record(self, conn: &mut DbConnection, now: DateTime<Utc>) -> QueryResult<i64> {
        record(conn, self, now)
    }
}

/// Takes the chain's head for this transaction (see `db::write_tx`).
pub fn lock_head(conn: &mut DbConnection) -> QueryResult<()> {
    diesel::update(audit_head::table.find(1))
        .set(audit_head::last_seq.eq(audit_head::last_seq))
        .execute(conn)
        .map(|_| ())
}

/// Appends a record to the chain. Call inside `db::write_tx`.
pub fn record(conn: &mut DbConnection, change: Change<'_>, now: DateTime<Utc>) -> QueryResult<i64> {
    let (last_seq, last_hash): (i64, String) = audit_head::table
        .find(1)
        .select((audit_head::last_seq, audit_head::last_hash))
        .first(conn)?;
    let mut row = AuditRow {
        seq: last_seq + 1,
        at: now.trunc_subsecs(6).naive_utc(),
        actor_id: change.actor_id.map(str::to_owned),
        action: change.action.to_owned(),
        entity_type: change.entity_type.to_owned(),
        entity_id: change.entity_id.to_owned(),
        before_state: change.before.map(|v| v.to_string()),
        after_state: change.after.map(|v| v.to_string()),
        prev_hash: last_hash,
        hash: String::new(),
    };
    let at = hashed_time(row.at);
    row.hash = keys().seal(&row.prev_hash, &row.entry(&at));
    diesel::insert_into(audit_log::table)
        .values(&row)
        .execute(conn)?;
    diesel::update(audit_head::table.find(1))
        .set((
            audit_head::last_seq.eq(row.seq),
            audit_head::last_hash.eq(&row.hash),
        ))
        .execute(conn)?;
    Ok(row.seq)
}

#[derive(Debug, Default, Clone)]
pub struct AuditFilter {
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    pub actor_id: Option<String>,
    pub after_seq: Option<i64>,
}

pub fn list(
    conn: &mut DbConnection,
    filter: &AuditFilter,
    limit: i64,
) -> QueryResult<Vec<AuditRow>> {
    let mut q = audit_log::table.into_boxed();
    if let Some(t) = &filter.entity_type {
        q = q.filter(audit_log::entity_type.eq(t.clone()));
    }
    if let Some(id) = &filter.entity_id {
        q = q.filter(audit_log::entity_id.eq(id.clone()));
    }
    if let Some(actor) = &filter.actor_id {
        q = q.filter(audit_log::actor_id.eq(actor.clone()));
    }
    if let Some(after) = filter.after_seq {
        q = q.filter(audit_log::seq.gt(after));
    }
    q.order(audit_log::seq.asc())
        .limit(limit)
        .select(AuditRow::as_select())
        .load(conn)
}

/// The chain's end: (last sequence number, its hash).
pub fn head(conn: &mut DbConnection) -> QueryResult<(i64, String)> {
    audit_head::table
        .find(1)
        .select((audit_head::last_seq, audit_head::last_hash))
        .first(conn)
}

/// Seals a chain whose last record has a plain hash (written before audit
/// keys existed) with a record sealed under the key, which pins everything
/// before it. Call inside `db::write_tx`; true if it sealed.
pub fn seal_unkeyed_tail(conn: &mut DbConnection, now: DateTime<Utc>) -> QueryResult<bool> {
    let (last_seq, last_hash) = head(conn)?;
    if last_seq == 0 || last_hash.contains(':') {
        return Ok(false);
    }
    Change::new(None, "audit.sealed", "audit", "chain")
        .after(serde_json::json!({ "sealed_through": last_seq, "key_id": keys().current_id() }))
        .record(conn, now)?;
    Ok(true)
}

/// Walks the whole chain with the audit keys, and against `anchor` (the
/// latest taken outside the database) when there is one; returns the number
/// of records or the first break.
pub fn verify(
    conn: &mut DbConnection,
    anchor: Option<Anchor>,
) -> anyhow::Result<Result<i64, ChainBreak>> {
    const BATCH: i64 = 1000;
    let mut verifier = ChainVerifier::new(keys(), anchor);
    let mut after = 0i64;
    loop {
        let rows: Vec<AuditRow> = audit_log::table
            .filter(audit_log::seq.gt(after))
            .order(audit_log::seq.asc())
            .limit(BATCH)
            .select(AuditRow::as_select())
            .load(conn)?;
        for row in &rows {
            let at = hashed_time(row.at);
            if let Err(broken) = verifier.check(&row.entry(&at), &row.prev_hash, &row.hash) {
                return Ok(Err(broken));
            }
        }
        match rows.last() {
            Some(last) if rows.len() as i64 == BATCH => after = last.seq,
            _ => break,
        }
    }
    let (head_seq, head_hash): (i64, String) = audit_head::table
        .find(1)
        .select((audit_head::last_seq, audit_head::last_hash))
        .first(conn)?;
    Ok(verifier.finish(head_seq, &head_hash))
}
