//! What every handler shares.

use std::sync::Arc;

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
}

pub type SharedState = Arc<AppState>;

impl AppState {
    /// Runs blocking database work on the thread pool, never on the executor.
    pub async fn db<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
        let pool = self.pool.clone();
        actix_web::web::block(move || {
            let mut conn = pool.get()?;
            f(&mut conn)
        })
        .await?
    }

    /// Like [`Self::db`], inside one write transaction (audit and mail included).
    pub async fn write<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
        let result = self.db(move |conn| crate::db::write_tx(conn, f)).await;
        if result.is_ok() {
            self.mail_wakeup.notify_one();
        }
        result
    }
}
