//! The command line: `serve`, `demo`, `migrate`, `backup`, `restore`, `user create`, `analyze`, `match`,
//! `import polis`, `export polis` and `bench`.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};

use crate::config::{self, Layer, LogFormat, Settings};
use crate::server::{self, ServerSettings};
use crate::users::{self, UserOutcome, UserRequest};

/// Sosei (創生): an open-source platform for regional revitalisation.
#[derive(Debug, Parser)]
#[command(name = "sosei", version, about, long_about = None)]
pub struct Cli {
    /// A TOML configuration file (also SOSEI_CONFIG). Flags and SOSEI_* variables override it.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Log format (also SOSEI_LOG_FORMAT).
    #[arg(long, global = true, value_enum)]
    pub log_format: Option<LogFormat>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server.
    Serve(ServeArgs),
    /// Load the demo data, then run the web server.
    Demo(ServeArgs),
    /// Create or upgrade the database schema, then exit.
    Migrate(DatabaseArgs),
    /// Write a consistent copy of the SQLite database while the server runs (for PostgreSQL,
    /// print the pg_dump command to use).
    Backup(crate::backup::BackupArgs),
    /// Put a copy made by `sosei backup` in place of the database (stop the server first).
    Restore(crate::backup::RestoreArgs),
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Opinion groups and consensus for a Pol.is export folder (no database).
    Analyze(crate::analyze::AnalyzeArgs),
    /// Form programme teams from a problem file (no database).
    Match(crate::match_command::MatchArgs),
    /// Load data from another system into the database.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Write data from the database in another system's format.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Measure performance on this machine (loopback only, temporary data).
    #[command(subcommand)]
    Bench(BenchCommand),
    /// Check the mail settings (SOSEI_SMTP_URL, SOSEI_MAIL_FROM).
    #[command(subcommand)]
    Mail(MailCommand),
}

#[derive(Debug, Subcommand)]
pub enum MailCommand {
    /// Send one test message now through the configured SMTP server, and say what it answered.
    Test(crate::mail_test::MailTestArgs),
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// A Pol.is openData export folder, as a new closed conversation.
    Polis(crate::polis_import::ImportPolisArgs),
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// A conversation as a Pol.is openData export folder.
    Polis(crate::polis_export::ExportPolisArgs),
}

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Opinion-analysis time and peak memory on the Pol.is exports and on synthetic
    /// conversations of 10k, 100k and 1M participants.
    Opinion(crate::bench_opinion::BenchOpinionArgs),
    /// Votes per second over HTTP against an in-process server with a fresh database.
    Votes(crate::bench_votes::BenchVotesArgs),
    /// Team-matching time, gap to the bound and diversity on synthetic rounds, next to a
    /// greedy baseline.
    Matching(crate::bench_matching::BenchMatchingArgs),
}

#[derive(Debug, Args)]
pub struct DatabaseArgs {
    /// Folder holding the SQLite database (also SOSEI_DATA_DIR) [default: ./sosei-data].
    #[arg(long, value_name = "DIR", conflicts_with = "database_url")]
    pub data_dir: Option<PathBuf>,

    /// postgres://… or sqlite://… instead of a data directory (also SOSEI_DATABASE_URL).
    #[arg(long, value_name = "URL")]
    pub database_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on (also SOSEI_BIND) [default: 127.0.0.1:8080].
    #[arg(long, value_name = "ADDRESS")]
    pub bind: Option<String>,

    #[command(flatten)]
    pub database: DatabaseArgs,

    /// Mark cookies Secure: set this when the site is served over HTTPS
    /// (also SOSEI_SECURE_COOKIES).
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
    pub secure_cookies: Option<bool>,

    /// Largest request body accepted, in bytes (also SOSEI_MAX_BODY_BYTES) [default: 1048576].
    #[arg(long, value_name = "BYTES")]
    pub max_body_bytes: Option<usize>,

    /// The address the public reaches the site at, e.g. https://sosei.example.jp, for the
    /// absolute links in pages (also SOSEI_PUBLIC_URL) [default: each request's host].
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,

    /// Behind a reverse proxy: the request header it writes the client's address into, e.g.
    /// X-Forwarded-For (its last entry is used), so the sign-in throttle keys each client rather
    /// than the proxy (also SOSEI_CLIENT_ADDRESS_HEADER) [default: the connection's address].
    #[arg(long, value_name = "HEADER")]
    pub client_address_header: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account, or make an existing one a site admin with --admin.
    Create(UserCreateArgs),
}

#[derive(Debug, Args)]
pub struct UserCreateArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,

    /// Make the account a site admin (promotes an existing account).
    #[arg(long)]
    pub admin: bool,

    #[arg(long, value_name = "EMAIL")]
    pub email: String,

    /// The name shown for the person.
    #[arg(long, value_name = "NAME")]
    pub name: String,

    /// Read the password as one line from standard input without a prompt (for scripts).
    #[arg(long)]
    pub password_stdin: bool,
}

impl DatabaseArgs {
    fn layer(&self) -> Layer {
        Layer {
            data_dir: self.data_dir.clone(),
            database_url: self.database_url.clone(),
            ..Layer::default()
        }
    }
}

impl ServeArgs {
    fn layer(&self) -> Layer {
        Layer {
            bind: self.bind.clone(),
            secure_cookies: self.secure_cookies,
            max_body_bytes: self.max_body_bytes,
            public_url: self.public_url.clone(),
            client_address_header: self.client_address_header.clone(),
            ..self.database.layer()
        }
    }
}

impl Cli {
    /// What the flags themselves say.
    fn flag_layer(&self) -> Layer {
        let command_layer = match &self.command {
            Command::Serve(args) | Command::Demo(args) => args.layer(),
            Command::Migrate(args) => args.layer(),
            Command::Backup(args) => args.database.layer(),
            Command::Restore(args) => args.database.layer(),
            Command::User(UserCommand::Create(args)) => args.database.layer(),
            Command::Import(ImportCommand::Polis(args)) => args.database.layer(),
            Command::Export(ExportCommand::Polis(args)) => args.database.layer(),
            // The benchmark makes its own database; it never touches the configured one.
            Command::Analyze(_) | Command::Match(_) | Command::Bench(_) | Command::Mail(_) => {
                Layer::default()
            }
        };
        Layer {
            log_format: self.log_format,
            ..command_layer
        }
    }

    /// Flags, then the environment, then the configuration file, then defaults.
    pub fn settings(&self) -> anyhow::Result<Settings> {
        let environment = config::layer_from_env(|name| std::env::var(name).ok())?;
        let config_path = self.config.clone().or_else(|| {
            std::env::var_os("SOSEI_CONFIG")
                .filter(|value| !value.is_empty())
                .map(PathBuf::from)
        });
        let file = match &config_path {
            Some(path) => config::layer_from_file(path)?,
            None => Layer::default(),
        };
        config::resolve(&[
            ("the command line", self.flag_layer()),
            ("the environment", environment),
            ("the configuration file", file),
        ])
    }
}

/// Run a parsed command line to the end.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let settings = cli.settings()?;
    // The benchmark's server would log every request it times; unless RUST_LOG asks for it, the
    // figures should measure the server, not the terminal.
    let is_bench = matches!(cli.command, Command::Bench(_));
    if !is_bench || std::env::var_os("RUST_LOG").is_some() {
        crate::telemetry::init(settings.log_format);
    }
    match &cli.command {
        Command::Serve(_) => serve(&settings).await,
        Command::Demo(_) => demo(&settings).await,
        Command::Migrate(_) => migrate(&settings).await,
        Command::Backup(args) => crate::backup::backup(&settings, args).await,
        Command::Restore(args) => crate::backup::restore(&settings, args).await,
        Command::User(UserCommand::Create(args)) => create_user(&settings, args).await,
        Command::Analyze(args) => crate::analyze::run(args),
        Command::Match(args) => crate::match_command::run(args),
        Command::Bench(BenchCommand::Matching(args)) => crate::bench_matching::run(args),
        Command::Bench(BenchCommand::Opinion(args)) => crate::bench_opinion::run(args),
        Command::Import(ImportCommand::Polis(args)) => {
            let store = migrated_store(&settings).await?;
            let result = crate::polis_import::run(&store, args).await;
            store.close().await;
            result
        }
        Command::Export(ExportCommand::Polis(args)) => {
            let store = migrated_store(&settings).await?;
            let result = crate::polis_export::run(&store, args).await;
            store.close().await;
            result
        }
        Command::Bench(BenchCommand::Votes(args)) => crate::bench_votes::run(args).await,
        Command::Mail(MailCommand::Test(args)) => crate::mail_test::run(&settings, args).await,
    }
}

/// The configured database, opened and migrated (the caller closes it).
async fn migrated_store(settings: &Settings) -> anyhow::Result<sosei_store::Store> {
    let store = server::open_store(&settings.database).await?;
    if let Err(error) = store.migrate().await {
        store.close().await;
        return Err(anyhow::Error::new(error).context("cannot migrate the database"));
    }
    Ok(store)
}

fn server_settings(settings: &Settings) -> ServerSettings {
    ServerSettings {
        bind: settings.bind,
        database: settings.database.clone(),
        web: settings.web_config(),
        mail: settings.mail.clone(),
    }
}

async fn serve(settings: &Settings) -> anyhow::Result<()> {
    let signals = server::listen_for_shutdown();
    let running = server::start_server(server_settings(settings)).await?;
    println!("Sosei is running at {}/ (Ctrl+C to stop)", running.url());
    running.run_until_signal(signals).await
}

async fn demo(settings: &Settings) -> anyhow::Result<()> {
    let prepared = server::prepare_server(server_settings(settings)).await?;
    // Loaded before the first request is answered, so nobody sees a half-filled site.
    let summary = match crate::demo::load_demo_data(prepared.store()).await {
        Ok(summary) => summary,
        Err(error) => {
            prepared.abandon().await;
            return Err(error.context("cannot load the demo data"));
        }
    };
    println!(
        "Demo data ready ({}): {} organisations, {} regions, {} programmes, {} applicants with {} \
         applications and {} added.",
        settings.database.describe(),
        summary.organisations_created,
        summary.regions_created,
        summary.programmes_created + summary.social_contract.programmes_created,
        summary.social_contract.applicants_created,
        summary.social_contract.applications_created,
        match summary.conversations_created {
            0 => "no new sample deliberation".to_owned(),
            1 => "a sample deliberation".to_owned(),
            n => format!("{n} sample deliberations"),
        }
    );
    match crate::demo::accounts::reset_demo_passwords(prepared.store()).await {
        Ok(sign_ins) if !sign_ins.is_empty() => {
            print!("{}", crate::demo::accounts::describe_sign_ins(&sign_ins));
        }
        Ok(_) => {}
        Err(error) => {
            prepared.abandon().await;
            return Err(error.context("cannot set the demo accounts' passwords"));
        }
    }
    let signals = server::listen_for_shutdown();
    let running = prepared.serve().await?;
    println!("Open {}/ in a browser (Ctrl+C to stop).", running.url());
    running.run_until_signal(signals).await
}

async fn migrate(settings: &Settings) -> anyhow::Result<()> {
    let store = server::open_store(&settings.database).await?;
    let result = store.migrate().await.context("cannot migrate the database");
    store.close().await;
    result?;
    println!(
        "The database is up to date ({}).",
        settings.database.describe()
    );
    Ok(())
}

async fn create_user(settings: &Settings, args: &UserCreateArgs) -> anyhow::Result<()> {
    // Check the arguments before touching the database or asking for a password.
    let request = UserRequest::parse(&args.email, &args.name, args.admin)?;
    let store = server::open_store(&settings.database).await?;
    let outcome = async {
        store
            .migrate()
            .await
            .context("cannot migrate the database")?;
        users::create_or_promote(&store, &request, || {
            users::read_password_from_stdin(!args.password_stdin)
        })
        .await
    }
    .await;
    store.close().await;
    let role = |user: &sosei_core::User| {
        if user.is_site_admin {
            "site admin"
        } else {
            "user"
        }
    };
    match outcome? {
        UserOutcome::Created(user) => {
            println!("Created {} {} ({}).", role(&user), user.email, user.id)
        }
        UserOutcome::Promoted(user) => {
            println!("{} ({}) is now a site admin.", user.email, user.id)
        }
        UserOutcome::Unchanged(user) => println!(
            "{} ({}) already exists as a {}; nothing changed.",
            user.email,
            user.id,
            role(&user)
        ),
    }
    Ok(())
}

/// An error and its causes on one line, joined by ": ". Causes whose text the previous message
/// already repeats are dropped (sqlx's errors print their source inside their own message).
pub fn one_line_error(error: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in error.chain() {
        let text = cause.to_string().replace(['\n', '\r'], " ");
        let text = text.trim();
        if text.is_empty() || line.ends_with(text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(text);
    }
    line
}

/// Turn a clap error into the single line the binary prints (help and version are not errors
/// and are printed in full by the caller).
pub fn one_line_usage_error(error: &clap::Error) -> String {
    let rendered = error.render().to_string();
    let first = rendered
        .lines()
        .find(|line| !line.trim().is_empty())
        .unwrap_or("error: invalid command line");
    let first = first.trim();
    let first = if first.starts_with("error:") {
        first.to_owned()
    } else {
        format!("error: {first}")
    };
    format!("{first} (see 'sosei --help')")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn flags_become_the_top_layer() {
        let cli = Cli::try_parse_from([
            "sosei",
            "serve",
            "--bind",
            "0.0.0.0:9000",
            "--secure-cookies",
            "--log-format",
            "json",
        ])
        .unwrap();
        let layer = cli.flag_layer();
        assert_eq!(layer.bind.as_deref(), Some("0.0.0.0:9000"));
        assert_eq!(layer.secure_cookies, Some(true));
        assert_eq!(layer.log_format, Some(LogFormat::Json));
        let cli = Cli::try_parse_from(["sosei", "serve", "--secure-cookies=false"]).unwrap();
        assert_eq!(cli.flag_layer().secure_cookies, Some(false));
    }

    #[test]
    fn repeated_causes_are_printed_once() {
        #[derive(Debug, thiserror::Error)]
        #[error("error returned from database: {0}")]
        struct Outer(#[source] Inner);
        #[derive(Debug, thiserror::Error)]
        #[error("role \"nobody\" does not exist")]
        struct Inner;
        let error = anyhow::Error::new(Outer(Inner)).context("cannot connect to the database");
        assert_eq!(
            one_line_error(&error),
            "cannot connect to the database: error returned from database: role \"nobody\" does not exist"
        );
    }

    #[test]
    fn usage_errors_fit_on_one_line() {
        let error = Cli::try_parse_from(["sosei", "serve", "--bnid", "x"]).unwrap_err();
        let line = one_line_usage_error(&error);
        assert!(!line.contains('\n'), "{line}");
        assert!(
            line.starts_with("error: unexpected argument '--bnid'"),
            "{line}"
        );
    }
}
