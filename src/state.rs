//! What every handler shares.

use std::sync::Arc;

use crate::auth::account_cache::AccountCache;
use crate::auth::rate_limit::LoginLimiter;
use crate::auth::tokens::TokenKeys;
use crate::clock::Clock;
use crate::config::Config;
use crate::db::{DbConnection, Pool};
use crate::error::ApiError;
use crate::metrics::Metrics;

pub struct AppState {
    pub config: Config,
    pub pool: Pool,
    pub tokens: TokenKeys,
    pub login_limiter: LoginLimiter,
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
    /// Accounts of recent callers; emptied by every committed write of an account.
    pub accounts: AccountCache,
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
        let _permit = self
            .db_gate
            .acquire()
            .await
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("database gate: {e}")))?;
        let pool = self.pool.clone();
        actix_web::web::block(move || {
            let mut conn = pool.get()?;
            let result = f(&mut conn);
            conn.settle(&result);
            result
        })
        .await?
    }

    /// Runs `f` in one write transaction (audit and mail included).
    /// Once it has committed, cached accounts are dropped if it wrote one
    /// (roles, a password that signs out older tokens, a name).
    pub async fn write<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
        let (value, account_written) = self
            .db(move |conn| {
                crate::db::users::take_account_written();
                let value = crate::db::write_tx(conn, f)?;
                Ok((value, crate::db::users::take_account_written()))
            })
            .await?;
        if account_written {
            self.accounts.clear();
        }
        self.mail_wakeup.notify_one();
        Ok(value)
    }
}
