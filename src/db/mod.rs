//! The database: one connection type over PostgreSQL and SQLite, the pool,
//! the embedded migrations and one module of queries per table group.

/// Runs a read query on the backend's own connection rather than through
/// `DbConnection`. diesel's `MultiConnection` renders a query's SQL text
/// twice on every run (to check it may be cached, then to collect its binds);
/// a backend's own connection finds the statement in its cache by type. That
/// rendering was a third of a proposal read's database time (perf, issue #7),
/// so the queries of the hot read paths take this way. The query is written
/// once and compiled for both backends.
macro_rules! on_backend {
    ($conn:expr, |$c:ident| $query:expr) => {
        match $conn {
            $crate::db::DbConnection::Pg($c) => $query,
            $crate::db::DbConnection::Sqlite($c) => $query,
        }
    };
}

/// diesel's expression glue and `ToSql` for types kept as the text their
/// `as_str` gives (the domain's enums, the typed ids). `foreign_derive`
/// writes the glue here, so `src/domain/` stays free of diesel; each caller
/// adds the `FromSql` that reads its own text back.
macro_rules! stored_as_text {
    ($($ty:ident),+ $(,)?) => { $(
        const _: () = {
            #[derive(diesel::AsExpression, diesel::FromSqlRow)]
            #[diesel(foreign_derive, sql_type = diesel::sql_types::Text)]
            #[allow(dead_code)]
            struct Column($ty);
        };

        impl<DB> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for $ty
        where
            DB: diesel::backend::Backend,
            str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                self.as_str().to_sql(out)
            }
        }
    )+ };
}

pub mod audit;
pub mod calls;
pub mod columns;
pub mod decisions;
pub mod documents;
pub mod eligibility;
pub mod experts;
pub mod ids;
pub mod organisations;
pub mod outbox;
pub mod proposals;
pub mod results;
pub mod reviews;
pub mod schema;
pub mod second_factors;
pub mod sessions;
pub mod submissions;
pub mod tokens;
pub mod users;
pub mod write_feed;

use diesel::connection::SimpleConnection;
use diesel::migration::{Migration, MigrationSource};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection, R2D2Connection};
use diesel::sqlite::SqliteConnection;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use std::ops::{Deref, DerefMut};
use std::path::Path;
use std::time::Duration;

/// One tree for both databases while their SQL is the same, and a tree for
/// each backend's own steps (docs/ARCHITECTURE.md): run merged by version, so
/// both databases keep one schema history.
const MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations-postgres");
const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations-sqlite");

/// The common migrations and one backend's own, as one list by version.
struct Merged(EmbeddedMigrations, EmbeddedMigrations);

impl<DB: diesel::backend::Backend> MigrationSource<DB> for Merged {
    fn migrations(&self) -> diesel::migration::Result<Vec<Box<dyn Migration<DB>>>> {
        let mut all = MigrationSource::<DB>::migrations(&self.0)?;
        all.extend(MigrationSource::<DB>::migrations(&self.1)?);
        all.sort_by(|a, b| a.name().version().cmp(&b.name().version()));
        Ok(all)
    }
}

#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Pg(PgConnection),
    Sqlite(SqliteConnection),
}

pub type Pool = r2d2::Pool<Manager>;
pub type PooledConnection = r2d2::PooledConnection<Manager>;

/// A pooled connection with what the pool knows of its health.
///
/// Every checkout still runs the pool's test query: skipping it for a
/// connection that had just answered let the mail worker (which has no
/// request to fail) take a dead connection after a database restart and
/// leave mail unsent until its next round (tests/api/faults.rs).
pub struct Pooled {
    conn: DbConnection,
    /// It lost its server: the pool drops it instead of taking it back.
    lost: bool,
}

impl Pooled {
    /// Records how a unit of work on this connection ended. After an error
    /// the connection is tested, so one that lost its server (a database
    /// restart) leaves the pool now rather than failing the next request too.
    pub fn settle<T, E>(&mut self, result: &Result<T, E>) {
        if result.is_err() && self.conn.ping().is_err() {
            self.lost = true;
        }
    }
}

impl Deref for Pooled {
    type Target = DbConnection;
    fn deref(&self) -> &DbConnection {
        &self.conn
    }
}

impl DerefMut for Pooled {
    fn deref_mut(&mut self) -> &mut DbConnection {
        &mut self.conn
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

impl Backend {
    /// Picks the backend from the URL's scheme, so that a bad PostgreSQL URL
    /// reports PostgreSQL's own error rather than "no backend could connect".
    pub fn from_url(url: &str) -> Result<Self, String> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self::Postgres)
        } else if url.starts_with("sqlite://") || url.starts_with("sqlite:") {
            Ok(Self::Sqlite)
        } else {
            Err(format!(
                "must start with postgres:// or sqlite://, got `{}`",
                url.split("://").next().unwrap_or(url)
            ))
        }
    }
}

/// The file path of a `sqlite://` URL.
fn sqlite_path(url: &str) -> &str {
    url.strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url)
}

/// Opens connections of the backend the URL names.
#[derive(Debug, Clone)]
pub struct Manager {
    url: String,
    backend: Backend,
}

impl Manager {
    pub fn new(url: &str) -> Result<Self, String> {
        Ok(Self {
            url: url.to_owned(),
            backend: Backend::from_url(url)?,
        })
    }

    fn establish(&self) -> ConnectionResult<DbConnection> {
        match self.backend {
            Backend::Postgres => PgConnection::establish(&self.url).map(DbConnection::Pg),
            Backend::Sqlite => {
                let mut conn = SqliteConnection::establish(sqlite_path(&self.url))?;
                // Foreign keys are off by default in SQLite; WAL lets readers run
                // beside the one writer; the timeout makes writers queue, not fail.
                conn.batch_execute(
                    "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; \
                     PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;",
                )
                .map_err(ConnectionError::CouldntSetupConfiguration)?;
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }
}

impl ManageConnection for Manager {
    type Connection = Pooled;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<Pooled, r2d2::Error> {
        Ok(Pooled {
            conn: self.establish().map_err(r2d2::Error::ConnectionError)?,
            lost: false,
        })
    }

    fn is_valid(&self, pooled: &mut Pooled) -> Result<(), r2d2::Error> {
        pooled.conn.ping().map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, pooled: &mut Pooled) -> bool {
        pooled.lost || std::thread::panicking() || pooled.conn.is_broken()
    }
}

/// Creates the pool, the SQLite file's folder if needed, and checks that the
/// database answers, reporting the database's own reason when it does not.
pub fn connect(url: &str, max_size: u32) -> anyhow::Result<Pool> {
    let manager = Manager::new(url).map_err(|e| anyhow::anyhow!("DATABASE_URL: {e}"))?;
    if manager.backend == Backend::Sqlite {
        let path = Path::new(sqlite_path(url));
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                anyhow::anyhow!("cannot create the database folder {}: {e}", dir.display())
            })?;
        }
    }
    // One direct attempt first: r2d2 only says "timed out" when it cannot connect.
    manager
        .establish()
        .map_err(|e| anyhow::anyhow!("cannot connect to the database: {}", e.to_string().trim()))?;
    let pool = r2d2::Pool::builder()
        .max_size(max_size)
        .connection_timeout(Duration::from_secs(10))
        .build(manager)?;
    Ok(pool)
}

/// Applies the migrations of the connection's backend that have not run yet.
pub fn run_migrations(conn: &mut DbConnection) -> anyhow::Result<()> {
    let result = match conn {
        DbConnection::Pg(c) => c
            .run_pending_migrations(Merged(MIGRATIONS, POSTGRES_MIGRATIONS))
            .map(|_| ()),
        DbConnection::Sqlite(c) => c
            .run_pending_migrations(Merged(MIGRATIONS, SQLITE_MIGRATIONS))
            .map(|_| ()),
    };
    result.map_err(|e| anyhow::anyhow!("migrations failed: {e}"))
}

/// Runs `f` in a write transaction. Every write goes through here so that
/// its audit record and its mails commit or roll back with it.
///
/// The transaction first takes the audit chain's head row: on PostgreSQL a
/// row lock, on SQLite the database's write lock. Writers therefore queue at
/// the start instead of failing half-way, and the chain never forks.
pub fn write_tx<T, E>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    conn.transaction(|c| {
        audit::lock_head(c)?;
        f(c)
    })
}

/// Whether the error is a violated unique constraint (a taken email, say).
pub fn is_unique_violation(error: &diesel::result::Error) -> bool {
    matches!(
        error,
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)
    )
}
