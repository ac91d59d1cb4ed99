//! The accounts of recent callers, kept for a moment so that a burst of
//! requests does not read the same account row once per request.
//!
//! Freshness: every committed write of an account on this instance drops
//! that account (`AppState::write`, told by `db::users`), so a role change or
//! a password change takes effect on the next request here. Another
//! instance's writes empty the cache through the write feed
//! (`db::write_feed`, PostgreSQL); the CLI's, or any while the feed is down,
//! show within [`ACCOUNT_CACHE_TTL`].

use std::time::Duration;

use crate::auth::AuthUser;
use crate::read_cache::ReadCache;

/// How long an account read stays good when no write of this instance intervenes.
pub const ACCOUNT_CACHE_TTL: Duration = Duration::from_secs(2);

/// An account as the request extractor needs it.
#[derive(Debug, Clone)]
pub struct CachedAccount {
    pub user: AuthUser,
    /// Access tokens issued before this second are signed out.
    pub tokens_valid_after: i64,
    /// The sessions not ended when the account was read (`db::sessions`).
    pub live_sessions: Vec<String>,
}

/// Accounts by user id.
pub type AccountCache = ReadCache<String, CachedAccount>;

pub fn account_cache() -> AccountCache {
    ReadCache::new(ACCOUNT_CACHE_TTL)
}
