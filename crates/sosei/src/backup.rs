//! `sosei backup DEST` and `sosei restore SOURCE`.
//!
//! SQLite: the backup is a consistent snapshot taken while the server keeps running
//! (`Store::back_up_sqlite_into`, SQLite's `VACUUM INTO`); a plain copy of `sosei.db` would miss
//! the newest commits, which live in the write-ahead log beside it. It is written under a
//! temporary name and renamed when complete, so `DEST` is either absent or whole. Restoring
//! checks the file first (a Sosei database, intact, at a migration level this build knows),
//! refuses to replace a database holding data unless `--force` is given, copies it into place
//! the same way, then opens and migrates it.
//!
//! PostgreSQL: its own tools do this best; the commands print the `pg_dump` and `pg_restore`
//! lines with the connection details of the configured URL (never its password).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use clap::Args;
use sosei_store::{DatabaseSummary, SQLITE_FILE_NAME, Store};

use crate::config::Settings;
use crate::server::{DatabaseLocation, describe_io_error, open_store};

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The file to write (must not exist yet), e.g. sosei-2026-04-01.db.
    #[arg(value_name = "DEST")]
    pub destination: PathBuf,

    #[command(flatten)]
    pub database: crate::cli::DatabaseArgs,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A file written by `sosei backup`.
    #[arg(value_name = "SOURCE")]
    pub source: PathBuf,

    /// Replace a database that already holds data.
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub database: crate::cli::DatabaseArgs,
}

pub async fn backup(settings: &Settings, args: &BackupArgs) -> anyhow::Result<()> {
    let database_file = match &settings.database {
        DatabaseLocation::Url(url) if is_postgres_url(url) => {
            println!(
                "This is a PostgreSQL database: back it up with PostgreSQL's own tool, which takes a \
                 consistent snapshot while Sosei keeps running:\n\n  {}\n\n\
                 (Give the password with PGPASSWORD or ~/.pgpass; it is not shown here.)",
                pg_dump_command(url, &args.destination)
            );
            return Ok(());
        }
        DatabaseLocation::Url(url) => sqlite_path_of_url(url)?,
        DatabaseLocation::DataDir(folder) => folder.join(SQLITE_FILE_NAME),
    };
    let destination = &args.destination;
    if destination.exists() {
        bail!(
            "{} already exists; a backup never overwrites a file, choose a new name",
            destination.display()
        );
    }
    if !database_file.is_file() {
        bail!("there is no database at {}", database_file.display());
    }
    let partial = sibling_with_suffix(destination, ".partial")?;
    // A leftover from an interrupted backup; it is ours to replace.
    let _ = std::fs::remove_file(&partial);
    let store = open_store(&settings.database).await?;
    let summary = store.summary().await;
    let before = file_size(&database_file);
    println!(
        "Backing up {} ({}{}) to {}…",
        database_file.display(),
        human_bytes(before),
        summary
            .as_ref()
            .map(|summary| format!(", {}", describe_summary(summary)))
            .unwrap_or_default(),
        destination.display()
    );
    let started = Instant::now();
    let result = with_progress(&partial, before, store.back_up_sqlite_into(&partial)).await;
    store.close().await;
    if let Err(error) = result {
        let _ = std::fs::remove_file(&partial);
        return Err(anyhow::Error::new(error).context("cannot back up the database"));
    }
    std::fs::rename(&partial, destination).map_err(|error| {
        anyhow::anyhow!(
            "cannot rename {} to {}: {}",
            partial.display(),
            destination.display(),
            describe_io_error(&error)
        )
    })?;
    sync_folder_of(destination);
    println!(
        "Done in {:.1} s: {} ({}). Restore it with `sosei restore {}`.",
        started.elapsed().as_secs_f64(),
        destination.display(),
        human_bytes(file_size(destination)),
        destination.display()
    );
    Ok(())
}

pub async fn restore(settings: &Settings, args: &RestoreArgs) -> anyhow::Result<()> {
    let folder = match &settings.database {
        DatabaseLocation::Url(url) if is_postgres_url(url) => {
            println!(
                "This is a PostgreSQL database: restore a pg_dump file with PostgreSQL's own tool \
                 (stop Sosei first):\n\n  {}\n\n\
                 (Give the password with PGPASSWORD or ~/.pgpass; it is not shown here.)",
                pg_restore_command(url, &args.source)
            );
            return Ok(());
        }
        DatabaseLocation::Url(_) => {
            bail!("restore into a data directory (--data-dir DIR), not a sqlite:// URL")
        }
        DatabaseLocation::DataDir(folder) => folder.clone(),
    };
    let source = &args.source;
    if !source.is_file() {
        bail!("there is no file {}", source.display());
    }
    println!("Checking {}…", source.display());
    let incoming = sosei_store::inspect_sqlite_backup(source)
        .await
        .context("cannot restore")?;
    println!(
        "  a Sosei database at migration level {} (this version knows up to {}): {}",
        incoming.migration_level,
        sosei_store::latest_sqlite_migration(),
        describe_summary(&incoming)
    );

    let target = folder.join(SQLITE_FILE_NAME);
    let log = sibling_with_suffix(&target, "-wal")?;
    if still_there_after(&log, std::time::Duration::from_secs(3)).await {
        bail!(
            "the database in {} is open ({} exists): stop `sosei serve` first (or, if it was \
             not stopped cleanly, start and stop it once)",
            folder.display(),
            log.display()
        );
    }
    if target.exists() && file_size(&target) > 0 {
        let current = open_store(&settings.database).await?;
        let summary = current.summary().await;
        current.close().await;
        let holds_data = summary.as_ref().map_or(true, DatabaseSummary::holds_data);
        if holds_data && !args.force {
            let what = summary
                .as_ref()
                .map(describe_summary)
                .unwrap_or_else(|_| "a database this version cannot read".to_owned());
            bail!(
                "{} already holds {what}; add --force to replace it (back it up first with \
                 `sosei backup`)",
                folder.display()
            );
        }
    }
    std::fs::create_dir_all(&folder).map_err(|error| {
        anyhow::anyhow!(
            "cannot create the data directory {}: {}",
            folder.display(),
            describe_io_error(&error)
        )
    })?;
    let partial = sibling_with_suffix(&target, ".restoring")?;
    println!("Copying into {}…", folder.display());
    copy_with_progress(source, &partial)?;
    for stale in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(sibling_with_suffix(&target, stale)?);
    }
    std::fs::rename(&partial, &target).map_err(|error| {
        anyhow::anyhow!(
            "cannot move {} into place: {}",
            partial.display(),
            describe_io_error(&error)
        )
    })?;
    sync_folder_of(&target);

    println!("Opening and migrating…");
    let store = Store::open_data_dir(&folder)
        .await
        .with_context(|| format!("cannot open the restored database in {}", folder.display()))?;
    let migrated = store.migrate().await;
    let summary = match migrated {
        Ok(()) => store.summary().await,
        Err(error) => Err(error),
    };
    store.close().await;
    let summary = summary.context("the restored database does not open")?;
    println!(
        "Restored into {}: {} (migration level {}).",
        folder.display(),
        describe_summary(&summary),
        summary.migration_level
    );
    Ok(())
}

fn is_postgres_url(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// The file of a `sqlite://PATH` (or `sqlite:PATH`) URL, without its query.
fn sqlite_path_of_url(url: &str) -> anyhow::Result<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .context("not a sqlite URL")?;
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        bail!("the database URL names no file to back up");
    }
    Ok(PathBuf::from(path))
}

/// `PATH` + `suffix`, beside `PATH`.
fn sibling_with_suffix(path: &Path, suffix: &str) -> anyhow::Result<PathBuf> {
    let name = path
        .file_name()
        .with_context(|| format!("{} names no file", path.display()))?;
    let mut name = name.to_owned();
    name.push(suffix);
    Ok(path.with_file_name(name))
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |metadata| metadata.len())
}

/// Whether the write-ahead log `path` still holds anything after waiting up to `patience` for it to
/// go. SQLite checkpoints and removes a database's log when its last connection closes, an instant
/// after the closing program was told it closed; an empty log left behind holds no commits, while
/// one with content is a database still open (or one left by a crash).
async fn still_there_after(path: &std::path::Path, patience: std::time::Duration) -> bool {
    let started = std::time::Instant::now();
    while std::fs::metadata(path).is_ok_and(|metadata| metadata.len() > 0) {
        if started.elapsed() >= patience {
            return true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    false
}

/// Make a rename durable: sync the folder that holds the new name (a no-op where unsupported).
fn sync_folder_of(path: &Path) {
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    if let Ok(handle) = std::fs::File::open(folder) {
        let _ = handle.sync_all();
    }
}

/// Run `work` while reporting, every second after the first, how much of `output` is written.
async fn with_progress<T>(
    output: &Path,
    expected: u64,
    work: impl std::future::Future<Output = T>,
) -> T {
    tokio::pin!(work);
    let mut ticker = tokio::time::interval_at(
        tokio::time::Instant::now() + Duration::from_secs(1),
        Duration::from_secs(1),
    );
    loop {
        tokio::select! {
            result = &mut work => return result,
            _ = ticker.tick() => {
                println!("  … {} of about {} written", human_bytes(file_size(output)), human_bytes(expected));
            }
        }
    }
}

/// Copy `source` to `destination` (replacing it), printing each tenth done, then sync it.
fn copy_with_progress(source: &Path, destination: &Path) -> anyhow::Result<()> {
    let io = |what: &str, path: &Path, error: std::io::Error| {
        anyhow::anyhow!(
            "cannot {what} {}: {}",
            path.display(),
            describe_io_error(&error)
        )
    };
    let total = file_size(source);
    let mut input = std::fs::File::open(source).map_err(|e| io("read", source, e))?;
    let mut output = std::fs::File::create(destination).map_err(|e| io("write", destination, e))?;
    let mut buffer = vec![0u8; 1 << 20];
    let mut copied = 0u64;
    let mut last_tenth = 0;
    loop {
        let read = input.read(&mut buffer).map_err(|e| io("read", source, e))?;
        if read == 0 {
            break;
        }
        output
            .write_all(&buffer[..read])
            .map_err(|e| io("write", destination, e))?;
        copied += read as u64;
        let tenth = (copied * 10).checked_div(total).unwrap_or(10);
        if tenth > last_tenth {
            last_tenth = tenth;
            println!("  {}% ({})", tenth * 10, human_bytes(copied));
        }
    }
    output.sync_all().map_err(|e| io("sync", destination, e))?;
    Ok(())
}

fn describe_summary(summary: &DatabaseSummary) -> String {
    let group = |n: i64| crate::polis_import::group_digits(usize::try_from(n).unwrap_or(0));
    format!(
        "{} accounts, {} organisations, {} programmes, {} conversations, {} votes",
        group(summary.users),
        group(summary.organisations),
        group(summary.programmes),
        group(summary.conversations),
        group(summary.votes)
    )
}

fn human_bytes(bytes: u64) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    if bytes < 1024 * 1024 {
        format!("{:.0} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MiB", bytes as f64 / MIB)
    }
}

/// The parts of a `postgres://user:password@host:port/database?…` URL that PostgreSQL's tools
/// take as flags; the password is left out.
#[derive(Debug, Default, PartialEq, Eq)]
struct PostgresTarget {
    user: Option<String>,
    host: Option<String>,
    port: Option<String>,
    database: Option<String>,
}

fn postgres_target(url: &str) -> PostgresTarget {
    let rest = url
        .strip_prefix("postgres://")
        .or_else(|| url.strip_prefix("postgresql://"))
        .unwrap_or(url);
    let (authority, tail) = match rest.find(['/', '?']) {
        Some(index) => rest.split_at(index),
        None => (rest, ""),
    };
    let (user_info, host_port) = match authority.rsplit_once('@') {
        Some((user_info, host_port)) => (Some(user_info), host_port),
        None => (None, authority),
    };
    let user = user_info
        .map(|info| info.split(':').next().unwrap_or_default())
        .filter(|user| !user.is_empty())
        .map(percent_decode);
    let (host, port) = if let Some(bracketed) = host_port.strip_prefix('[') {
        match bracketed.split_once(']') {
            Some((host, after)) => (host, after.strip_prefix(':')),
            None => (host_port, None),
        }
    } else {
        match host_port.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (host_port, None),
        }
    };
    let path = tail.strip_prefix('/').unwrap_or("");
    let database = path.split('?').next().unwrap_or_default();
    PostgresTarget {
        user,
        host: Some(host)
            .filter(|host| !host.is_empty())
            .map(percent_decode),
        port: port.filter(|port| !port.is_empty()).map(str::to_owned),
        database: Some(database)
            .filter(|database| !database.is_empty())
            .map(percent_decode),
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%'
            && let Some(value) = text
                .get(index + 1..index + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(value);
            index += 3;
            continue;
        }
        out.push(bytes[index]);
        index += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A word for a POSIX shell: as is when it is plainly safe, else in single quotes.
fn shell_word(word: &str) -> String {
    let safe = !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./:=@,+".contains(&b));
    if safe {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

fn connection_flags(target: &PostgresTarget) -> Vec<String> {
    let mut flags = Vec::new();
    if let Some(host) = &target.host {
        flags.push(format!("--host={}", shell_word(host)));
    }
    if let Some(port) = &target.port {
        flags.push(format!("--port={}", shell_word(port)));
    }
    if let Some(user) = &target.user {
        flags.push(format!("--username={}", shell_word(user)));
    }
    flags
}

fn pg_dump_command(url: &str, destination: &Path) -> String {
    let target = postgres_target(url);
    let mut words = vec!["pg_dump".to_owned(), "--format=custom".to_owned()];
    words.extend(connection_flags(&target));
    words.push(format!(
        "--file={}",
        shell_word(&destination.display().to_string())
    ));
    words.push(shell_word(target.database.as_deref().unwrap_or("sosei")));
    words.join(" ")
}

fn pg_restore_command(url: &str, source: &Path) -> String {
    let target = postgres_target(url);
    let mut words = vec![
        "pg_restore".to_owned(),
        "--clean".to_owned(),
        "--if-exists".to_owned(),
        "--no-owner".to_owned(),
    ];
    words.extend(connection_flags(&target));
    words.push(format!(
        "--dbname={}",
        shell_word(target.database.as_deref().unwrap_or("sosei"))
    ));
    words.push(shell_word(&source.display().to_string()));
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pg_dump_command_names_the_server_and_never_the_password() {
        let command = pg_dump_command(
            "postgres://sosei:s3cret@db.example:6543/sosei_prod?sslmode=require",
            Path::new("/backups/sosei 1.dump"),
        );
        assert_eq!(
            command,
            "pg_dump --format=custom --host=db.example --port=6543 --username=sosei \
             --file='/backups/sosei 1.dump' sosei_prod"
        );
        let command = pg_restore_command("postgresql://[::1]/x", Path::new("a.dump"));
        assert_eq!(
            command,
            "pg_restore --clean --if-exists --no-owner --host=::1 --dbname=x a.dump"
        );
        assert!(!pg_dump_command("postgres://u:p%40ss@h/d", Path::new("f")).contains("p%40ss"));
    }

    #[test]
    fn shell_words_are_quoted_when_needed() {
        assert_eq!(shell_word("plain-name_1.db"), "plain-name_1.db");
        assert_eq!(shell_word("it's"), "'it'\\''s'");
        assert_eq!(shell_word("$(rm -rf)"), "'$(rm -rf)'");
    }

    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(
            sqlite_path_of_url("sqlite:///srv/sosei/sosei.db?mode=rwc").ok(),
            Some(PathBuf::from("/srv/sosei/sosei.db"))
        );
        assert!(sqlite_path_of_url("sqlite::memory:").is_err());
    }
}
