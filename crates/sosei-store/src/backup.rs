//! Backing up and restoring a SQLite data directory: a consistent copy of a running database
//! (`VACUUM INTO`, which reads one snapshot, WAL included, while writers go on), a check that a
//! file is a Sosei database this build can open, and a summary of what a database holds.
//!
//! PostgreSQL databases are backed up with PostgreSQL's own tools (`pg_dump`); nothing here
//! applies to them except [`Store::summary`].

use std::path::Path;

use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{ConnectOptions, Connection};

use crate::store::Pool;
use crate::{Store, StoreError};

/// The first 16 bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// What a database holds, for the messages of `sosei backup` and `sosei restore`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseSummary {
    /// The newest migration applied (its version, e.g. 7), 0 when none is.
    pub migration_level: i64,
    pub users: i64,
    pub organisations: i64,
    pub conversations: i64,
    pub votes: i64,
    pub programmes: i64,
}

impl DatabaseSummary {
    /// Whether the database holds anything people made (the municipality directory and the
    /// site's secret, which every migrated database has, do not count).
    pub fn holds_data(&self) -> bool {
        self.users + self.organisations + self.conversations + self.votes + self.programmes > 0
    }
}

/// The newest SQLite migration this build knows.
pub fn latest_sqlite_migration() -> i64 {
    sqlite_migrator()
        .iter()
        .map(|migration| migration.version)
        .max()
        .unwrap_or(0)
}

fn sqlite_migrator() -> sqlx::migrate::Migrator {
    sqlx::migrate!("./migrations/sqlite")
}

fn unusable(message: String) -> StoreError {
    StoreError::UnusableBackup(message)
}

impl Store {
    /// Write a consistent copy of this SQLite database to `destination`, which must not exist
    /// yet. Runs while the server keeps writing: `VACUUM INTO` reads one snapshot (including
    /// the commits still in the write-ahead log, which a plain file copy misses) and writes a
    /// compact file. The copy is synced to disk before this returns.
    pub async fn back_up_sqlite_into(&self, destination: &Path) -> Result<(), StoreError> {
        let Pool::Sqlite(pool) = &self.pool else {
            return Err(unusable(
                "a PostgreSQL database is backed up with pg_dump".to_owned(),
            ));
        };
        let destination_text = destination.to_str().ok_or_else(|| {
            unusable(format!(
                "the backup path {} is not valid UTF-8",
                destination.display()
            ))
        })?;
        sqlx::query("VACUUM INTO $1")
            .bind(destination_text)
            .execute(pool)
            .await?;
        // VACUUM INTO does not sync its output; a backup that a power failure can tear is no
        // backup.
        std::fs::File::open(destination)
            .and_then(|file| file.sync_all())
            .map_err(|error| {
                unusable(format!(
                    "cannot sync the backup {}: {error}",
                    destination.display()
                ))
            })?;
        Ok(())
    }

    /// The migration level and how many rows of the main kinds the database holds.
    pub async fn summary(&self) -> Result<DatabaseSummary, StoreError> {
        with_pool!(self, pool => {
            let migration_level: Option<i64> = sqlx::query_scalar(
                "SELECT MAX(version) FROM _sqlx_migrations WHERE success = TRUE",
            )
            .fetch_one(pool)
            .await?;
            let mut counts = [0i64; 5];
            for (count, table) in counts.iter_mut().zip(COUNTED_TABLES) {
                // A table name cannot be a bound parameter; these are constants.
                *count = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
                    .fetch_one(pool)
                    .await?;
            }
            Ok(summary_from(migration_level.unwrap_or(0), counts))
        })
    }
}

const COUNTED_TABLES: [&str; 5] = [
    "users",
    "organisations",
    "conversations",
    "votes",
    "programmes",
];

fn summary_from(migration_level: i64, counts: [i64; 5]) -> DatabaseSummary {
    let [users, organisations, conversations, votes, programmes] = counts;
    DatabaseSummary {
        migration_level,
        users,
        organisations,
        conversations,
        votes,
        programmes,
    }
}

/// Check that `path` is a SQLite file made by Sosei that this build can open: a SQLite header,
/// an intact file (`PRAGMA quick_check`), and migrations that all succeeded and that this build
/// knows (a backup from a newer Sosei is refused rather than half-understood). The file is
/// opened read-only and left unchanged.
pub async fn inspect_sqlite_backup(path: &Path) -> Result<DatabaseSummary, StoreError> {
    let mut header = [0u8; 16];
    {
        use std::io::Read;
        let mut file = std::fs::File::open(path)
            .map_err(|error| unusable(format!("cannot open {}: {error}", path.display())))?;
        file.read_exact(&mut header).map_err(|_| {
            unusable(format!(
                "{} is not a SQLite database (too short)",
                path.display()
            ))
        })?;
    }
    if &header != SQLITE_HEADER {
        return Err(unusable(format!(
            "{} is not a SQLite database",
            path.display()
        )));
    }
    // A live database keeps its newest commits in the write-ahead log beside it; copying the
    // main file alone would lose them (the very mistake `sosei backup` exists to avoid).
    let mut log_path = path.as_os_str().to_owned();
    log_path.push("-wal");
    if std::fs::metadata(&log_path).is_ok_and(|metadata| metadata.len() > 0) {
        return Err(unusable(format!(
            "{} is a database in use (its write-ahead log {} is not empty); make a copy with \
             `sosei backup` and restore that",
            path.display(),
            Path::new(&log_path).display()
        )));
    }
    let options = SqliteConnectOptions::new().filename(path).read_only(true);
    let mut connection = options.connect().await?;
    let result = inspect_connection(&mut connection, path).await;
    let _ = connection.close().await;
    result
}

async fn inspect_connection(
    connection: &mut SqliteConnection,
    path: &Path,
) -> Result<DatabaseSummary, StoreError> {
    let check: String = sqlx::query_scalar("PRAGMA quick_check")
        .fetch_one(&mut *connection)
        .await
        .map_err(|error| unusable(format!("{} is damaged: {error}", path.display())))?;
    if check != "ok" {
        return Err(unusable(format!("{} is damaged: {check}", path.display())));
    }
    let has_migrations: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_one(&mut *connection)
    .await?;
    if has_migrations == 0 {
        return Err(unusable(format!(
            "{} is a SQLite database but not a Sosei one (it has no migration table)",
            path.display()
        )));
    }
    let applied: Vec<(i64, bool)> =
        sqlx::query_as("SELECT version, success FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&mut *connection)
            .await?;
    let known: Vec<i64> = sqlite_migrator().iter().map(|m| m.version).collect();
    if let Some((version, _)) = applied.iter().find(|(_, success)| !success) {
        return Err(unusable(format!(
            "{}: migration {version} did not finish; the database was copied mid-upgrade",
            path.display()
        )));
    }
    if let Some((version, _)) = applied.iter().find(|(version, _)| !known.contains(version)) {
        return Err(unusable(format!(
            "{} was written by a newer Sosei (migration {version}; this one knows up to {}); \
             restore it with that version",
            path.display(),
            latest_sqlite_migration()
        )));
    }
    let migration_level = applied.iter().map(|(version, _)| *version).max();
    let Some(migration_level) = migration_level else {
        return Err(unusable(format!(
            "{} is a Sosei database with no migration applied (an empty one)",
            path.display()
        )));
    };
    let mut counts = [0i64; 5];
    for (count, table) in counts.iter_mut().zip(COUNTED_TABLES) {
        // Every counted table exists from the first migration on.
        *count = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&mut *connection)
            .await?;
    }
    Ok(summary_from(migration_level, counts))
}
