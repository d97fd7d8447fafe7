//! The store handle: connecting, migrating, health and site settings. The other methods live
//! beside their tables (`users.rs`, `sessions.rs`, `municipalities.rs`, …).

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};

use crate::StoreError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The SQLite file inside a data directory.
pub const SQLITE_FILE_NAME: &str = "sosei.db";

/// How long to wait for a connection before giving up: an unreachable database should fail
/// start-up (or a request) quickly with a clear error, not hang.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);
/// How many SQLite writes of this process may wait for the database's write lock at once (see
/// `Store::sqlite_write_gate`).
const SQLITE_CONCURRENT_WRITERS: usize = 3;
/// How long SQLite waits for another writer before reporting "database is locked".
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How SQLite makes a commit durable before the write is acknowledged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SqliteDurability {
    /// `synchronous=FULL`: the write-ahead log is synced to disk at every commit, so a vote the
    /// server has acknowledged survives a power failure. What every data directory uses.
    #[default]
    Full,
    /// `synchronous=NORMAL`: the log is synced only at checkpoints; the last commits before a
    /// power failure (not a crash of the process) can be lost. Only `sosei bench votes
    /// --sqlite-synchronous normal` uses it, to measure what `Full` costs.
    Normal,
}

impl SqliteDurability {
    fn synchronous(self) -> SqliteSynchronous {
        match self {
            SqliteDurability::Full => SqliteSynchronous::Full,
            SqliteDurability::Normal => SqliteSynchronous::Normal,
        }
    }
}

/// A typed pool per backend (not sqlx's `Any` driver, whose type mapping loses information).
#[derive(Debug, Clone)]
pub(crate) enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// A handle to the database; cheap to clone (it holds a pool).
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) pool: Pool,
    /// SQLite lets one connection write at a time; the others wait in its busy handler, which
    /// sleeps in growing steps (1 ms, 2 ms, 5 ms, … 100 ms) and is not first-come first-served.
    /// Under many concurrent votes that means long tails, so this process's writes to the
    /// deliberation tables first queue here (fairly), and only a few at once go on to SQLite.
    /// Not just one: a few in flight overlap the hand-offs to the connections' threads, which
    /// measured about 1.6 times the votes per second of a single writer, with the same worst case.
    /// Unused on PostgreSQL, which has row locks.
    pub(crate) sqlite_write_gate: Arc<tokio::sync::Semaphore>,
    /// Votes that arrive together are written together (`vote_batches`).
    pub(crate) vote_batcher: Arc<crate::vote_batches::VoteBatcher>,
}

impl Store {
    // --- connection -------------------------------------------------------------------------

    /// Connect to `sqlite://PATH` (created if missing) or `postgres://…`.
    pub async fn connect(database_url: &str) -> Result<Store, StoreError> {
        let scheme = database_url
            .split_once(':')
            .map(|(scheme, _)| scheme.to_ascii_lowercase())
            .unwrap_or_default();
        match scheme.as_str() {
            "sqlite" => {
                let options = SqliteConnectOptions::from_str(database_url)
                    .map_err(|error| StoreError::InvalidUrl(error.to_string()))?;
                Self::connect_sqlite(options, SqliteDurability::Full).await
            }
            "postgres" | "postgresql" => {
                let options = sqlx::postgres::PgConnectOptions::from_str(database_url)
                    .map_err(|error| StoreError::InvalidUrl(error.to_string()))?;
                probe_postgres(&options).await?;
                let pool = PgPoolOptions::new()
                    .acquire_timeout(ACQUIRE_TIMEOUT)
                    .connect_with(options)
                    .await?;
                Ok(Store {
                    pool: Pool::Postgres(pool),
                    sqlite_write_gate: Arc::new(tokio::sync::Semaphore::new(
                        SQLITE_CONCURRENT_WRITERS,
                    )),
                    vote_batcher: Arc::default(),
                })
            }
            _ => Err(StoreError::InvalidUrl(format!(
                "expected a sqlite:// or postgres:// url, got {:?}",
                redact_url(database_url)
            ))),
        }
    }

    /// Open (creating if needed) the SQLite file `DATA_DIR/sosei.db`.
    pub async fn open_data_dir(data_dir: &std::path::Path) -> Result<Store, StoreError> {
        Self::open_data_dir_with(data_dir, SqliteDurability::Full).await
    }

    /// [`Store::open_data_dir`] with a chosen durability (the vote benchmark compares both).
    pub async fn open_data_dir_with(
        data_dir: &std::path::Path,
        durability: SqliteDurability,
    ) -> Result<Store, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|error| {
            StoreError::Database(sqlx::Error::Configuration(
                format!(
                    "cannot create data directory {}: {error}",
                    data_dir.display()
                )
                .into(),
            ))
        })?;
        let options = SqliteConnectOptions::new().filename(data_dir.join(SQLITE_FILE_NAME));
        Self::connect_sqlite(options, durability).await
    }

    async fn connect_sqlite(
        options: SqliteConnectOptions,
        durability: SqliteDurability,
    ) -> Result<Store, StoreError> {
        let options = options
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // WAL with FULL: a commit returns only once the log is on disk, so an acknowledged
            // vote survives a power failure (NORMAL syncs only at checkpoints).
            .synchronous(durability.synchronous())
            .foreign_keys(true)
            .busy_timeout(SQLITE_BUSY_TIMEOUT);
        let pool = SqlitePoolOptions::new()
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(options)
            .await?;
        Ok(Store {
            pool: Pool::Sqlite(pool),
            sqlite_write_gate: Arc::new(tokio::sync::Semaphore::new(SQLITE_CONCURRENT_WRITERS)),
            vote_batcher: Arc::default(),
        })
    }

    /// Wait for this process's turn to write (SQLite only; see `sqlite_write_gate`). Hold the
    /// permit for the whole write, transaction included.
    pub(crate) async fn sqlite_write_turn(&self) -> Option<tokio::sync::SemaphorePermit<'_>> {
        match self.pool {
            Pool::Sqlite(_) => self.sqlite_write_gate.acquire().await.ok(),
            Pool::Postgres(_) => None,
        }
    }

    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// Apply pending migrations, then load the bundled municipality directory if it is missing.
    ///
    /// Safe when several app servers start at once on PostgreSQL: sqlx holds an advisory lock
    /// while migrating, and the directory is upserted, so the loser of a race rewrites the same
    /// rows.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match &self.pool {
            Pool::Sqlite(pool) => sqlx::migrate!("./migrations/sqlite").run(pool).await?,
            Pool::Postgres(pool) => sqlx::migrate!("./migrations/postgres").run(pool).await?,
        }
        let directory = sosei_core::municipality::bundled_directory()
            .map_err(|error| StoreError::Corrupt(format!("bundled directory: {error}")))?;
        let expected = i64::try_from(directory.len()).unwrap_or(i64::MAX);
        if self.count_municipalities().await? != expected {
            tracing::info!(
                entries = directory.len(),
                "loading the municipality directory"
            );
            self.load_municipalities(&directory).await?;
        }
        self.seed_default_legal_documents().await?;
        Ok(())
    }

    /// A trivial query, for `/healthz`.
    pub async fn ping(&self) -> Result<(), StoreError> {
        with_pool!(self, pool => {
            sqlx::query("SELECT 1").execute(pool).await?;
        });
        Ok(())
    }

    pub async fn close(&self) {
        with_pool!(self, pool => pool.close().await)
    }

    // --- site settings ------------------------------------------------------------------------

    /// The site's 32-byte signing secret, created on first call and shared by every app server.
    pub async fn signing_secret(&self) -> Result<Vec<u8>, StoreError> {
        const KEY: &str = "signing_secret";
        let mut candidate = [0u8; 32];
        getrandom::fill(&mut candidate).map_err(|error| {
            StoreError::Database(sqlx::Error::Configuration(
                format!("no operating-system randomness: {error}").into(),
            ))
        })?;
        // Insert-if-absent, then read back: when two servers race, both read the winner's value.
        let stored: String = with_pool!(self, pool => {
            sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
                .bind(KEY)
                .bind(hex_encode(&candidate))
                .execute(pool)
                .await?;
            sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
                .bind(KEY)
                .fetch_one(pool)
                .await?
        });
        match hex_decode(&stored) {
            Some(secret) if secret.len() == 32 => Ok(secret),
            _ => Err(StoreError::Corrupt(
                "the signing secret is not 64 hexadecimal digits".to_owned(),
            )),
        }
    }
}

/// Open and close one connection first: the pool retries a refused connection until its
/// acquire timeout and then reports only "pool timed out", while the operator needs the cause
/// ("connection refused", "password authentication failed", "no answer").
async fn probe_postgres(options: &sqlx::postgres::PgConnectOptions) -> Result<(), StoreError> {
    use sqlx::{ConnectOptions, Connection};
    match tokio::time::timeout(ACQUIRE_TIMEOUT, options.connect()).await {
        Ok(Ok(connection)) => {
            connection.close().await?;
            Ok(())
        }
        Ok(Err(error)) => Err(StoreError::Database(error)),
        Err(_) => Err(StoreError::Database(sqlx::Error::Io(std::io::Error::new(
            std::io::ErrorKind::TimedOut,
            format!(
                "PostgreSQL at {}:{} did not answer within {} seconds",
                options.get_host(),
                options.get_port(),
                ACQUIRE_TIMEOUT.as_secs()
            ),
        )))),
    }
}

/// Hide the password of a URL before it goes into an error message.
fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            format!("{}://…{}", &url[..scheme_end], &url[at..])
        }
        _ => url.to_owned(),
    }
}

fn hex_encode(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

fn hex_decode(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|start| {
            text.get(start..start + 2)
                .and_then(|pair| u8::from_str_radix(pair, 16).ok())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips() {
        let bytes = [0u8, 1, 0xab, 0xff];
        assert_eq!(hex_encode(&bytes), "0001abff");
        assert_eq!(hex_decode("0001abff"), Some(bytes.to_vec()));
        assert_eq!(hex_decode("0g"), None);
        assert_eq!(hex_decode("abc"), None);
    }

    #[test]
    fn passwords_are_kept_out_of_url_errors() {
        assert_eq!(
            redact_url("mysql://sosei:hunter2@db.example/sosei"),
            "mysql://…@db.example/sosei"
        );
    }

    #[tokio::test]
    async fn an_unreachable_database_fails_fast() {
        let started = std::time::Instant::now();
        // Port 1 on the loopback interface: nothing listens there.
        let result = Store::connect("postgres://sosei@127.0.0.1:1/sosei").await;
        let Err(StoreError::Database(error)) = result else {
            panic!("expected a database error, got {result:?}");
        };
        assert!(
            error.to_string().to_lowercase().contains("refused"),
            "the cause is named: {error}"
        );
        assert!(started.elapsed() < ACQUIRE_TIMEOUT);
    }

    #[tokio::test]
    async fn sqlite_syncs_every_commit_unless_the_benchmark_asks_otherwise() {
        async fn synchronous_of(store: &Store) -> i64 {
            let Pool::Sqlite(pool) = &store.pool else {
                panic!("a SQLite store")
            };
            // Every pooled connection, not just the first, must carry the setting.
            let mut connections = Vec::new();
            for _ in 0..2 {
                connections.push(pool.acquire().await.unwrap());
            }
            let mut levels = Vec::new();
            for connection in &mut connections {
                let level: i64 = sqlx::query_scalar("PRAGMA synchronous")
                    .fetch_one(&mut **connection)
                    .await
                    .unwrap();
                levels.push(level);
            }
            assert!(levels.windows(2).all(|pair| pair[0] == pair[1]));
            levels[0]
        }
        let folder = std::env::temp_dir().join(format!("sosei-sync-{}", uuid::Uuid::new_v4()));
        let store = Store::open_data_dir(&folder).await.unwrap();
        // 2 is FULL (1 is NORMAL).
        assert_eq!(synchronous_of(&store).await, 2);
        store.close().await;
        let store = Store::open_data_dir_with(&folder, SqliteDurability::Normal)
            .await
            .unwrap();
        assert_eq!(synchronous_of(&store).await, 1);
        store.close().await;
        let url = format!("sqlite://{}", folder.join(SQLITE_FILE_NAME).display());
        let store = Store::connect(&url).await.unwrap();
        assert_eq!(synchronous_of(&store).await, 2);
        store.close().await;
        let _ = std::fs::remove_dir_all(folder);
    }

    #[tokio::test]
    async fn unknown_schemes_are_rejected() {
        for url in ["mysql://localhost/sosei", "sosei.db", ""] {
            assert!(
                matches!(Store::connect(url).await, Err(StoreError::InvalidUrl(_))),
                "{url:?} should be rejected"
            );
        }
    }
}
