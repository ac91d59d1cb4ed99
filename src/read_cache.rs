//! Database reads kept for a moment, so that a burst of requests for the same
//! thing (a page of the SPA loads five at once; a reader under load sends
//! hundreds a second) does not read the same rows once per request.
//!
//! Freshness: the owner empties a cache when a write it could have seen
//! commits on this instance (`AppState::write`), so a reader here sees every
//! write made here. Writes of another instance or of the CLI show within the
//! cache's time to live. A read that began before an emptying is never kept:
//! it may have seen the rows before the write committed.
//!
//! Only reads for answering GETs go through a cache; a write reads its rows
//! afresh inside its own transaction.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Beyond this many entries, expired ones are dropped before inserting.
const PRUNE_ABOVE: usize = 4096;

struct Entries<K, V> {
    /// Bumped by every clear (see [`ReadTicket`]).
    generation: u64,
    by_key: HashMap<K, (Arc<V>, Instant)>,
}

pub struct ReadCache<K, V> {
    ttl: Duration,
    entries: Mutex<Entries<K, V>>,
}

/// Taken before reading from the database; [`ReadCache::store`] keeps the
/// read only if no clear came in between.
#[derive(Debug, Clone, Copy)]
pub struct ReadTicket(u64);

impl<K: Eq + Hash, V> ReadCache<K, V> {
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            entries: Mutex::new(Entries {
                generation: 0,
                by_key: HashMap::new(),
            }),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Entries<K, V>> {
        // A panic while holding the lock leaves the map consistent (every
        // operation is a single insert, retain or clear), so carry on.
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The value if it was read less than the time to live ago.
    pub fn get<Q>(&self, key: &Q, now: Instant) -> Option<Arc<V>>
    where
        K: Borrow<Q>,
        Q: Eq + Hash + ?Sized,
    {
        let entries = self.lock();
        let (value, read_at) = entries.by_key.get(key)?;
        (now.duration_since(*read_at) < self.ttl).then(|| Arc::clone(value))
    }

    pub fn ticket(&self) -> ReadTicket {
        ReadTicket(self.lock().generation)
    }

    /// Keeps a value read since `ticket` was taken, unless a clear came between.
    pub fn store(&self, ticket: ReadTicket, key: K, value: Arc<V>, read_at: Instant) {
        let mut entries = self.lock();
        if entries.generation != ticket.0 {
            return;
        }
        if entries.by_key.len() >= PRUNE_ABOVE {
            let ttl = self.ttl;
            entries
                .by_key
                .retain(|_, (_, at)| read_at.duration_since(*at) < ttl);
        }
        entries.by_key.insert(key, (value, read_at));
    }

    /// The cached value, or `load`'s, which is kept for the next caller.
    /// Errors are not kept.
    pub async fn get_or_load<E, F>(&self, key: K, load: F) -> Result<Arc<V>, E>
    where
        F: Future<Output = Result<V, E>>,
    {
        if let Some(value) = self.get(&key, Instant::now()) {
            return Ok(value);
        }
        let ticket = self.ticket();
        let value = Arc::new(load.await?);
        self.store(ticket, key, Arc::clone(&value), Instant::now());
        Ok(value)
    }

    /// Forgets one value: call once a write of it has committed. Reads of
    /// other keys under way are not kept either (one ticket for all keys).
    pub fn forget<Q>(&self, key: &Q)
    where
        K: Borrow<Q>,
        Q: Eq + Hash + ?Sized,
    {
        let mut entries = self.lock();
        entries.generation += 1;
        entries.by_key.remove(key);
    }

    /// Forgets everything: call once a write the cache could hold has committed.
    pub fn clear(&self) {
        let mut entries = self.lock();
        entries.generation += 1;
        entries.by_key.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TTL: Duration = Duration::from_secs(2);

    fn cache() -> ReadCache<String, &'static str> {
        ReadCache::new(TTL)
    }

    fn put(cache: &ReadCache<String, &'static str>, key: &str, value: &'static str, at: Instant) {
        cache.store(cache.ticket(), key.to_owned(), Arc::new(value), at);
    }

    #[test]
    fn a_stored_value_is_served_until_the_ttl_passes() {
        let cache = cache();
        let t0 = Instant::now();
        put(&cache, "u1", "Ada", t0);
        assert_eq!(
            cache.get("u1", t0 + Duration::from_millis(1999)).as_deref(),
            Some(&"Ada")
        );
        assert!(cache.get("u1", t0 + TTL).is_none());
        assert!(cache.get("u2", t0).is_none());
    }

    #[test]
    fn a_clear_forgets_everything() {
        let cache = cache();
        let t0 = Instant::now();
        put(&cache, "u1", "Ada", t0);
        cache.clear();
        assert!(cache.get("u1", t0).is_none());
    }

    #[test]
    fn forget_drops_one_value_and_the_reads_under_way() {
        let cache = cache();
        let t0 = Instant::now();
        put(&cache, "u1", "Ada", t0);
        put(&cache, "u2", "Bob", t0);
        let ticket = cache.ticket();
        cache.forget("u1");
        assert!(cache.get("u1", t0).is_none());
        assert_eq!(cache.get("u2", t0).as_deref(), Some(&"Bob"));
        cache.store(ticket, "u3".to_owned(), Arc::new("read before"), t0);
        assert!(cache.get("u3", t0).is_none());
    }

    #[test]
    fn a_read_that_began_before_a_clear_is_not_kept() {
        // The reader took its ticket, a write committed and cleared, then the
        // reader (which may have seen the old row) tries to store.
        let cache = cache();
        let ticket = cache.ticket();
        cache.clear();
        let t0 = Instant::now();
        cache.store(ticket, "u1".to_owned(), Arc::new("stale"), t0);
        assert!(cache.get("u1", t0).is_none());
        put(&cache, "u1", "fresh", t0);
        assert_eq!(cache.get("u1", t0).as_deref(), Some(&"fresh"));
    }

    #[test]
    fn expired_entries_are_dropped_when_the_cache_grows() {
        let cache = cache();
        let t0 = Instant::now();
        for i in 0..PRUNE_ABOVE {
            cache.store(cache.ticket(), format!("old{i}"), Arc::new("x"), t0);
        }
        put(&cache, "new", "y", t0 + TTL);
        assert_eq!(cache.lock().by_key.len(), 1);
    }

    #[test]
    fn get_or_load_reads_once_and_keeps_no_error() {
        let cache = cache();
        let loads = std::cell::Cell::new(0);
        let load = |value: Result<&'static str, &'static str>| {
            let loads = &loads;
            async move {
                loads.set(loads.get() + 1);
                value
            }
        };
        let run = |f| futures_util::FutureExt::now_or_never(f).expect("ready");
        assert_eq!(
            run(cache.get_or_load("k".to_owned(), load(Err("down")))),
            Err("down")
        );
        assert_eq!(
            run(cache.get_or_load("k".to_owned(), load(Ok("v")))).as_deref(),
            Ok(&"v")
        );
        // Served from the cache: the third load never runs.
        assert_eq!(
            run(cache.get_or_load("k".to_owned(), load(Ok("other")))).as_deref(),
            Ok(&"v")
        );
        assert_eq!(loads.get(), 2);
    }
}
