//! What every handler shares.

use std::sync::Arc;
use std::time::Duration;

use crate::auth::account_cache::AccountCache;
use crate::auth::rate_limit::{LoginLimiter, Throttles};
use crate::auth::tokens::TokenKeys;
use crate::clock::Clock;
use crate::config::Config;
use crate::db::{DbConnection, Pool};
use crate::domain::call::Stage;
use crate::domain::ids::{CallId, ProposalId};
use crate::error::ApiError;
use crate::metrics::Metrics;
use crate::read::proposal::ProposalSnapshot;
use crate::read::ranking::RankingSnapshot;
use crate::read_cache::ReadCache;

pub struct AppState {
    pub config: Config,
    pub pool: Pool,
    pub tokens: TokenKeys,
    pub login_limiter: LoginLimiter,
    pub throttles: Throttles,
    pub clock: Clock,
    pub metrics: Metrics,
    pub store: Box<dyn crate::storage::DocumentStore>,
    /// Wakes the mail worker when a transaction has queued mail.
    pub mail_wakeup: tokio::sync::Notify,
    /// Turns true when the server is stopping: background work finishes
    /// what it has started and ends.
    pub shutdown: tokio::sync::watch::Sender<bool>,
    /// One permit per pooled connection: requests wait for database work here,
    /// on the executor, instead of as blocked threads queueing on the pool's lock
    /// (64 readers on 8 connections spent a third of the CPU switching threads).
    pub db_gate: tokio::sync::Semaphore,
    /// Accounts of recent callers; each dropped by a committed write of it.
    pub accounts: AccountCache,
    /// Answers to the most frequent GETs; emptied by every write.
    pub snapshots: Snapshots,
    /// Names this process in the notifications of its writes to the other
    /// instances on the same PostgreSQL (`db::write_feed`).
    pub instance: String,
}

/// What the hottest reads (a proposal, a call's ranking) load from the
/// database, shared by every caller; each request still checks its caller's
/// access against the snapshot (see `read_cache` for freshness).
pub struct Snapshots {
    pub proposals: ReadCache<ProposalId, ProposalSnapshot>,
    pub rankings: ReadCache<(CallId, Stage), RankingSnapshot>,
}

impl Snapshots {
    /// Snapshots kept for `ttl` (`JOINTCALL_SNAPSHOT_TTL_MS`) unless a write
    /// comes first: the longest another instance's write can stay unseen
    /// here if the write feed (`db::write_feed`) is down.
    pub fn new(ttl: Duration) -> Self {
        Self {
            proposals: ReadCache::new(ttl),
            rankings: ReadCache::new(ttl),
        }
    }

    pub fn clear(&self) {
        self.proposals.clear();
        self.rankings.clear();
    }
}

pub type SharedState = Arc<AppState>;

impl AppState {
    /// Runs database work on the thread pool, never on the executor. Writes
    /// go through [`Self::write`], which wraps this in a transaction.
    pub async fn db<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
        let asked = std::time::Instant::now();
        let _permit = self
            .db_gate
            .acquire()
            .await
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("database gate: {e}")))?;
        let pool = self.pool.clone();
        let waited = self.metrics.db_wait();
        actix_web::web::block(move || {
            let mut conn = pool.get()?;
            waited.observe(asked.elapsed().as_secs_f64());
            let result = f(&mut conn);
            conn.settle(&result);
            result
        })
        .await?
    }

    /// Runs `f` in one write transaction (audit and mail included).
    /// Afterwards the snapshots are dropped, and the cached accounts it wrote
    /// (roles, a password that signs out older tokens, a name).
    pub async fn write<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
        self.write_then_forget(f, true).await
    }

    /// [`Self::write`] for a write of sessions (sign-in, refresh, sign-out:
    /// tokens and their audit records), which no snapshot holds, so that a
    /// wave of sign-ins does not send every reader back to the database.
    pub async fn write_session<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
        self.write_then_forget(f, false).await
    }

    async fn write_then_forget<T, F>(&self, f: F, forget_snapshots: bool) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
        let instance = self.instance.clone();
        let outcome = self
            .db(move |conn| {
                crate::db::users::take_accounts_written();
                let value = crate::db::write_tx(conn, |c| {
                    let value = f(c)?;
                    // The other instances drop their snapshots and cached
                    // accounts after the commit: for every write but a session
                    // write that ends no session.
                    if forget_snapshots || crate::db::users::accounts_written_pending() {
                        crate::db::write_feed::announce(c, &instance)?;
                    }
                    Ok::<T, ApiError>(value)
                })?;
                Ok((value, crate::db::users::take_accounts_written()))
            })
            .await;
        // Even after an error: a commit whose answer was lost may have landed.
        if forget_snapshots {
            self.snapshots.clear();
        }
        let (value, accounts_written) = outcome?;
        for id in &accounts_written {
            self.accounts.forget(id);
        }
        self.mail_wakeup.notify_one();
        Ok(value)
    }
}
