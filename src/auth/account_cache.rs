//! The accounts of recent callers, kept for a moment so that a burst of
//! requests (a page of the SPA loads five at once; a reader under load sends
//! hundreds a second) does not read the same account row once per request.
//!
//! Freshness: every committed write of an account on this instance empties
//! the cache (`AppState::write`, told by `db::users`), so a role change or a
//! password change takes effect on the next request here. Another instance's writes
//! (or the CLI's) show within [`ACCOUNT_CACHE_TTL`].

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::auth::AuthUser;

/// How long an account read stays good when no write of this instance intervenes.
pub const ACCOUNT_CACHE_TTL: Duration = Duration::from_secs(2);

/// Beyond this many entries, expired ones are dropped before inserting.
const PRUNE_ABOVE: usize = 4096;

/// An account as the request extractor needs it.
#[derive(Debug, Clone)]
pub struct CachedAccount {
    pub user: AuthUser,
    /// Access tokens issued before this second are signed out.
    pub tokens_valid_after: i64,
}

#[derive(Default)]
struct Entries {
    /// Bumped by every clear: a read that began before a clear is not stored,
    /// since it may have seen the row before the write committed.
    generation: u64,
    by_id: HashMap<String, (Arc<CachedAccount>, Instant)>,
}

#[derive(Default)]
pub struct AccountCache {
    entries: Mutex<Entries>,
}

/// Taken before reading an account from the database; [`AccountCache::store`]
/// keeps the read only if no write committed in between.
#[derive(Debug, Clone, Copy)]
pub struct ReadTicket(u64);

impl AccountCache {
    fn lock(&self) -> MutexGuard<'_, Entries> {
        // A panic while holding the lock leaves the map consistent (every
        // operation is a single insert, remove or clear), so carry on.
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The account if it was read less than the TTL ago.
    pub fn get(&self, user_id: &str, now: Instant) -> Option<Arc<CachedAccount>> {
        let entries = self.lock();
        let (account, read_at) = entries.by_id.get(user_id)?;
        (now.duration_since(*read_at) < ACCOUNT_CACHE_TTL).then(|| Arc::clone(account))
    }

    pub fn ticket(&self) -> ReadTicket {
        ReadTicket(self.lock().generation)
    }

    /// Keeps an account read since `ticket` was taken, unless a clear came between.
    pub fn store(&self, ticket: ReadTicket, account: CachedAccount, read_at: Instant) {
        let mut entries = self.lock();
        if entries.generation != ticket.0 {
            return;
        }
        if entries.by_id.len() >= PRUNE_ABOVE {
            entries
                .by_id
                .retain(|_, (_, at)| read_at.duration_since(*at) < ACCOUNT_CACHE_TTL);
        }
        entries
            .by_id
            .insert(account.user.id.clone(), (Arc::new(account), read_at));
    }

    /// Forgets every account: call after a write of an account commits.
    pub fn clear(&self) {
        let mut entries = self.lock();
        entries.generation += 1;
        entries.by_id.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::role::RoleSet;

    fn account(id: &str, name: &str) -> CachedAccount {
        CachedAccount {
            user: AuthUser {
                id: id.to_owned(),
                email: format!("{id}@example.org"),
                full_name: name.to_owned(),
                roles: RoleSet::applicant(),
            },
            tokens_valid_after: 0,
        }
    }

    #[test]
    fn a_stored_account_is_served_until_the_ttl_passes() {
        let cache = AccountCache::default();
        let t0 = Instant::now();
        cache.store(cache.ticket(), account("u1", "Ada"), t0);
        let hit = cache.get("u1", t0 + Duration::from_millis(1999));
        assert_eq!(
            hit.map(|a| a.user.full_name.clone()).as_deref(),
            Some("Ada")
        );
        assert!(cache.get("u1", t0 + ACCOUNT_CACHE_TTL).is_none());
        assert!(cache.get("u2", t0).is_none());
    }

    #[test]
    fn a_clear_forgets_everything() {
        let cache = AccountCache::default();
        let t0 = Instant::now();
        cache.store(cache.ticket(), account("u1", "Ada"), t0);
        cache.clear();
        assert!(cache.get("u1", t0).is_none());
    }

    #[test]
    fn a_read_that_began_before_a_clear_is_not_kept() {
        // The reader took its ticket, a write committed and cleared, then the
        // reader (which may have seen the old row) tries to store.
        let cache = AccountCache::default();
        let ticket = cache.ticket();
        cache.clear();
        let t0 = Instant::now();
        cache.store(ticket, account("u1", "stale"), t0);
        assert!(cache.get("u1", t0).is_none());
        cache.store(cache.ticket(), account("u1", "fresh"), t0);
        assert!(cache.get("u1", t0).is_some());
    }

    #[test]
    fn expired_entries_are_dropped_when_the_cache_grows() {
        let cache = AccountCache::default();
        let t0 = Instant::now();
        for i in 0..PRUNE_ABOVE {
            cache.store(cache.ticket(), account(&format!("old{i}"), "x"), t0);
        }
        let later = t0 + ACCOUNT_CACHE_TTL;
        cache.store(cache.ticket(), account("new", "y"), later);
        assert_eq!(cache.lock().by_id.len(), 1);
    }
}
