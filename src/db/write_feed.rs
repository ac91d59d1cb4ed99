//! Tells the other instances on one PostgreSQL that a write committed, so
//! that they drop their snapshots and cached accounts within moments instead
//! of when those expire.
//!
//! A write sends `NOTIFY` inside its transaction: PostgreSQL delivers it
//! only if the transaction commits, after the commit. Each instance listens
//! on a connection of its own, outside the pool. SQLite serves a single
//! instance, so there is nobody to tell.

use std::time::{Duration, Instant};

use diesel::pg::PgConnection;
use diesel::sql_types::Text;
use diesel::{Connection, QueryResult, RunQueryDsl};

use super::DbConnection;

const CHANNEL: &str = "jointcall_writes";

/// How often the listener looks for notifications that have arrived.
const POLL: Duration = Duration::from_millis(25);

/// How often the listener asks the server whether the connection still
/// works (a silently dropped link raises no error while nothing is sent).
const PING: Duration = Duration::from_secs(5);

/// The wait before connecting again after losing the connection.
const RECONNECT: Duration = Duration::from_secs(1);

/// Announces the current transaction's write to the other instances, as
/// written by `instance` (PostgreSQL only).
pub fn announce(conn: &mut DbConnection, instance: &str) -> QueryResult<()> {
    if let DbConnection::Pg(pg) = conn {
        diesel::sql_query("SELECT pg_notify($1, $2)")
            .bind::<Text, _>(CHANNEL)
            .bind::<Text, _>(instance)
            .execute(pg)?;
    }
    Ok(())
}

/// What the listener is told by its owner on each round.
pub enum Listening {
    Continue,
    Stop,
}

/// Listens on the PostgreSQL server of `url` until `heard` answers
/// [`Listening::Stop`]. `heard` is called after each write that another
/// instance announced, and each time the listener (re)connects, since
/// writes may have gone unheard meanwhile; with `false` on each idle round,
/// so that it can say when to stop.
pub fn listen(url: &str, instance: &str, mut heard: impl FnMut(bool) -> Listening) {
    loop {
        match subscribe(url) {
            Ok(mut conn) => {
                if let Listening::Stop = heard(true) {
                    return;
                }
                match follow(&mut conn, instance, &mut heard) {
                    Ok(()) => return,
                    Err(e) => tracing::warn!(error = %e, "write feed: connection lost"),
                }
            }
            Err(e) => tracing::warn!(error = %e, "write feed: cannot listen"),
        }
        std::thread::sleep(RECONNECT);
        if let Listening::Stop = heard(false) {
            return;
        }
    }
}

fn subscribe(url: &str) -> anyhow::Result<PgConnection> {
    let mut conn = PgConnection::establish(url)?;
    diesel::sql_query(format!("LISTEN {CHANNEL}")).execute(&mut conn)?;
    Ok(conn)
}

/// Polls for notifications until told to stop (`Ok`) or the connection fails.
fn follow(
    conn: &mut PgConnection,
    instance: &str,
    heard: &mut impl FnMut(bool) -> Listening,
) -> QueryResult<()> {
    let mut pinged = Instant::now();
    loop {
        let mut from_others = false;
        for notification in conn.notifications_iter() {
            from_others |= notification?.payload != instance;
        }
        if pinged.elapsed() >= PING {
            diesel::sql_query("SELECT 1").execute(conn)?;
            pinged = Instant::now();
        }
        if let Listening::Stop = heard(from_others) {
            return Ok(());
        }
        std::thread::sleep(POLL);
    }
}
