//! `sosei bench votes`: how many votes a second this machine takes over HTTP, and how long
//! each one waits.
//!
//! The real server runs in this process on 127.0.0.1 (a random port) with a fresh database: a
//! temporary SQLite data directory, or a scratch database created on the PostgreSQL server of
//! `--database-url` and dropped afterwards. An open, anonymous conversation with `--statements`
//! statements is created, then `--clients` concurrent clients vote through the same forms a
//! browser uses: each plays a visitor who loads the conversation page (which sets the visitor
//! cookie and carries the CSRF token), joins, and votes on every statement once, as fast as the
//! server answers, with the token in the `X-CSRF-Token` header. A client that has voted on every
//! statement comes back as a new visitor (a fresh cookie jar), so every accepted vote is a new
//! row and the final count in the database must equal the votes the server accepted.
//!
//! Only loopback, and bounded: at most [`MAX_CLIENTS`] clients for at most [`MAX_SECONDS`].

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Args;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, COOKIE, HeaderMap, SET_COOKIE};
use sosei_core::deliberation::{
    ConversationState, ModerationMode, ModerationStatus, NewConversation, ParticipationMode,
    StatementText,
};
use sosei_core::{
    ConversationId, LocalizedText, NewOrganisation, OrganisationKind, OrganisationSlug, StatementId,
};
use sosei_store::{SqliteDurability, Store};
use sosei_web::WebConfig;
use time::OffsetDateTime;

use crate::server::{DatabaseLocation, open_store, redact_password, start_server_with_store};

pub const MAX_CLIENTS: usize = 1000;
pub const MAX_SECONDS: u64 = 300;
/// A request that takes longer than this counts as an error (the server is stuck, not slow).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Args)]
pub struct BenchVotesArgs {
    /// A PostgreSQL server (postgres://…) to benchmark: a scratch database is created on it and
    /// dropped afterwards [default: SQLite in a temporary folder].
    #[arg(long, value_name = "URL")]
    pub database_url: Option<String>,

    /// Concurrent clients (at most 1000).
    #[arg(long, default_value_t = 100, value_name = "N")]
    pub clients: usize,

    /// How long to vote, in seconds (at most 300).
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub seconds: u64,

    /// Statements in the conversation (each visitor votes on every one).
    #[arg(long, default_value_t = 200, value_name = "N")]
    pub statements: usize,

    /// SQLite only: how commits reach the disk. `full` is what `sosei serve` uses (an
    /// acknowledged vote survives a power failure); `normal` is the faster setting it used
    /// before, kept here to measure the difference.
    #[arg(long, value_enum, default_value_t = SqliteSynchronousArg::Full, value_name = "MODE")]
    pub sqlite_synchronous: SqliteSynchronousArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SqliteSynchronousArg {
    Full,
    Normal,
}

impl SqliteSynchronousArg {
    fn durability(self) -> SqliteDurability {
        match self {
            SqliteSynchronousArg::Full => SqliteDurability::Full,
            SqliteSynchronousArg::Normal => SqliteDurability::Normal,
        }
    }

    fn label(self) -> &'static str {
        match self {
            SqliteSynchronousArg::Full => "synchronous=FULL",
            SqliteSynchronousArg::Normal => "synchronous=NORMAL",
        }
    }
}

/// The measurements of one run.
#[derive(Debug, Clone)]
pub struct BenchReport {
    pub backend: String,
    pub clients: usize,
    pub elapsed: Duration,
    pub votes: usize,
    pub errors: usize,
    pub visitors: usize,
    /// Vote latencies, sorted.
    pub latencies: Vec<Duration>,
    pub votes_in_database: i64,
}

impl BenchReport {
    pub fn votes_per_second(&self) -> f64 {
        self.votes as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// The latency below which `fraction` of the votes were answered.
    pub fn percentile(&self, fraction: f64) -> Duration {
        if self.latencies.is_empty() {
            return Duration::ZERO;
        }
        let rank = (fraction * self.latencies.len() as f64).ceil() as usize;
        self.latencies[rank.clamp(1, self.latencies.len()) - 1]
    }

    pub fn render(&self) -> String {
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let check = if self.votes_in_database == self.votes as i64 {
            "equals the accepted votes"
        } else {
            "DIFFERS from the accepted votes"
        };
        format!(
            "{backend}, {clients} clients, {secs:.1} s\n\
             votes accepted: {votes} ({rate:.0} votes/s) by {visitors} visitors\n\
             latency: p50 {p50:.1} ms, p90 {p90:.1} ms, p99 {p99:.1} ms, max {max:.1} ms\n\
             errors: {errors}\n\
             votes in the database: {stored} ({check})",
            backend = self.backend,
            clients = self.clients,
            secs = self.elapsed.as_secs_f64(),
            votes = crate::polis_import::group_digits(self.votes),
            rate = self.votes_per_second(),
            visitors = self.visitors,
            p50 = ms(self.percentile(0.50)),
            p90 = ms(self.percentile(0.90)),
            p99 = ms(self.percentile(0.99)),
            max = ms(self.latencies.last().copied().unwrap_or_default()),
            errors = self.errors,
            stored = crate::polis_import::group_digits(
                usize::try_from(self.votes_in_database).unwrap_or(0)
            ),
        )
    }
}

pub async fn run(args: &BenchVotesArgs) -> anyhow::Result<()> {
    let report = bench_votes(args).await?;
    println!("{}", report.render());
    anyhow::ensure!(
        report.votes_in_database == report.votes as i64,
        "the database holds {} votes but the server accepted {}",
        report.votes_in_database,
        report.votes
    );
    Ok(())
}

/// A temporary SQLite folder or a scratch PostgreSQL database, removed when done.
enum Scratch {
    SqliteDir(PathBuf),
    Postgres(String),
}

impl Scratch {
    async fn create(database_url: Option<&str>) -> anyhow::Result<Scratch> {
        match database_url {
            None => Ok(Scratch::SqliteDir(
                std::env::temp_dir().join(format!("sosei-bench-{}", uuid::Uuid::new_v4())),
            )),
            Some(url) => {
                anyhow::ensure!(
                    url.starts_with("postgres://") || url.starts_with("postgresql://"),
                    "--database-url must name a PostgreSQL server (postgres://…)"
                );
                let scratch = sosei_store::create_scratch_postgres_database(url)
                    .await
                    .with_context(|| {
                        format!(
                            "cannot create a scratch database on {}",
                            redact_password(url)
                        )
                    })?;
                Ok(Scratch::Postgres(scratch))
            }
        }
    }

    fn location(&self) -> DatabaseLocation {
        match self {
            Scratch::SqliteDir(dir) => DatabaseLocation::DataDir(dir.clone()),
            Scratch::Postgres(url) => DatabaseLocation::Url(url.clone()),
        }
    }

    fn describe(&self) -> &'static str {
        match self {
            Scratch::SqliteDir(_) => "SQLite",
            Scratch::Postgres(_) => "PostgreSQL",
        }
    }

    async fn remove(self) {
        match self {
            Scratch::SqliteDir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Scratch::Postgres(url) => {
                if let Err(error) = sosei_store::drop_scratch_postgres_database(&url).await {
                    eprintln!(
                        "warning: cannot drop the scratch database {}: {error}",
                        redact_password(&url)
                    );
                }
            }
        }
    }
}

pub async fn bench_votes(args: &BenchVotesArgs) -> anyhow::Result<BenchReport> {
    anyhow::ensure!(
        (1..=MAX_CLIENTS).contains(&args.clients),
        "--clients must be between 1 and {MAX_CLIENTS}"
    );
    anyhow::ensure!(
        (1..=MAX_SECONDS).contains(&args.seconds),
        "--seconds must be between 1 and {MAX_SECONDS}"
    );
    anyhow::ensure!(
        (1..=10_000).contains(&args.statements),
        "--statements must be between 1 and 10000"
    );
    let scratch = Scratch::create(args.database_url.as_deref()).await?;
    let result = bench_on(&scratch, args).await;
    scratch.remove().await;
    result
}

async fn bench_on(scratch: &Scratch, args: &BenchVotesArgs) -> anyhow::Result<BenchReport> {
    let store = match scratch {
        Scratch::SqliteDir(dir) => {
            Store::open_data_dir_with(dir, args.sqlite_synchronous.durability())
                .await
                .with_context(|| format!("cannot open the database in {}", dir.display()))?
        }
        Scratch::Postgres(_) => open_store(&scratch.location()).await?,
    };
    let conversation = match prepare_database(&store, args.statements).await {
        Ok(conversation) => conversation,
        Err(error) => {
            store.close().await;
            return Err(error);
        }
    };
    let running = start_server_with_store(
        store,
        SocketAddr::from(([127, 0, 0, 1], 0)),
        WebConfig::default(),
    )
    .await?;
    let base = running.url();
    let deadline = Instant::now() + Duration::from_secs(args.seconds);
    let started = Instant::now();
    let statements = Arc::new(conversation.1);
    let mut tasks = Vec::with_capacity(args.clients);
    for client_index in 0..args.clients {
        let page_url = format!("{base}/conversations/{}", conversation.0.0);
        let statements = Arc::clone(&statements);
        tasks.push(tokio::spawn(async move {
            run_client(client_index, &page_url, &statements, deadline).await
        }));
    }
    let mut totals = ClientTotals::default();
    for task in tasks {
        match task.await {
            Ok(client) => totals.add(client),
            Err(_) => totals.errors += 1,
        }
    }
    let elapsed = started.elapsed();
    let store = running.store.clone();
    let votes_in_database = store.count_votes(conversation.0).await;
    running.shutdown().await;
    totals.latencies.sort_unstable();
    Ok(BenchReport {
        backend: match scratch {
            Scratch::SqliteDir(_) => {
                format!(
                    "{} ({})",
                    scratch.describe(),
                    args.sqlite_synchronous.label()
                )
            }
            Scratch::Postgres(_) => scratch.describe().to_owned(),
        },
        clients: args.clients,
        elapsed,
        votes: totals.votes,
        errors: totals.errors,
        visitors: totals.visitors,
        latencies: totals.latencies,
        votes_in_database: votes_in_database.context("cannot count the stored votes")?,
    })
}

/// The schema, then the benchmark's conversation.
async fn prepare_database(
    store: &Store,
    n: usize,
) -> anyhow::Result<(ConversationId, Vec<StatementId>)> {
    store
        .migrate()
        .await
        .context("cannot migrate the database")?;
    prepare_conversation(store, n).await
}

/// An organisation and an open, anonymous, post-moderated conversation with `n` statements.
async fn prepare_conversation(
    store: &Store,
    n: usize,
) -> anyhow::Result<(ConversationId, Vec<StatementId>)> {
    let now = OffsetDateTime::now_utc();
    let organisation = store
        .create_organisation(
            &NewOrganisation {
                slug: OrganisationSlug::parse("bench")
                    .context("the benchmark's organisation slug")?,
                kind: OrganisationKind::Network,
                name: LocalizedText::new("ベンチマーク", "Benchmark"),
                description: LocalizedText::default(),
                website: None,
            },
            now,
        )
        .await
        .context("cannot create the benchmark's organisation")?;
    let conversation = store
        .create_conversation(
            &NewConversation {
                organisation: organisation.id,
                region: None,
                title: LocalizedText::new("投票の負荷試験", "Vote load test"),
                question: LocalizedText::new("どの案に賛成ですか", "Which ideas do you support?"),
                description: LocalizedText::default(),
                moderation_mode: ModerationMode::Post,
                participation_mode: ParticipationMode::Anonymous,
                invitation_code: None,
                attribute_questions: Vec::new(),
                district_options: Vec::new(),
            },
            now,
        )
        .await
        .context("cannot create the benchmark's conversation")?;
    let mut statements = Vec::with_capacity(n);
    for index in 0..n {
        let text =
            StatementText::parse(&format!("Statement number {} of the load test", index + 1))
                .context("a benchmark statement")?;
        let statement = store
            .add_statement(
                conversation.id,
                None,
                &text,
                true,
                ModerationStatus::Accepted,
                now,
            )
            .await
            .context("cannot add a benchmark statement")?;
        statements.push(statement.id);
    }
    store
        .set_conversation_state(conversation.id, ConversationState::Open, now)
        .await
        .context("cannot open the benchmark's conversation")?;
    Ok((conversation.id, statements))
}

#[derive(Debug, Default)]
struct ClientTotals {
    votes: usize,
    errors: usize,
    visitors: usize,
    latencies: Vec<Duration>,
}

impl ClientTotals {
    fn add(&mut self, other: ClientTotals) {
        self.votes += other.votes;
        self.errors += other.errors;
        self.visitors += other.visitors;
        self.latencies.extend(other.latencies);
    }
}

/// A visitor's cookies: what the server set, sent back on every request.
#[derive(Debug, Default)]
struct CookieJar(Vec<(String, String)>);

impl CookieJar {
    fn take_from(&mut self, headers: &HeaderMap) {
        for value in headers.get_all(SET_COOKIE) {
            let Ok(text) = value.to_str() else { continue };
            let pair = text.split(';').next().unwrap_or("");
            if let Some((name, value)) = pair.split_once('=') {
                let (name, value) = (name.trim().to_owned(), value.trim().to_owned());
                self.0.retain(|(existing, _)| *existing != name);
                self.0.push((name, value));
            }
        }
    }

    fn header(&self) -> String {
        self.0
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// The CSRF token in a page's forms.
fn csrf_token_in(html: &str) -> Option<&str> {
    let marker = "name=\"csrf_token\" value=\"";
    let start = html.find(marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(&html[start..end])
}

/// One client: visitor after visitor until the deadline, each voting on every statement once
/// (in an order of its own, so clients do not all write the same rows at once).
async fn run_client(
    client_index: usize,
    page_url: &str,
    statements: &[StatementId],
    deadline: Instant,
) -> ClientTotals {
    let mut totals = ClientTotals::default();
    let client = match reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(REQUEST_TIMEOUT)
        .build()
    {
        Ok(client) => client,
        Err(_) => {
            totals.errors += 1;
            return totals;
        }
    };
    let choices = ["agree", "disagree", "pass"];
    let mut round = 0usize;
    while Instant::now() < deadline {
        let mut jar = CookieJar::default();
        let Some(token) = arrive(&client, page_url, &mut jar).await else {
            totals.errors += 1;
            continue;
        };
        totals.visitors += 1;
        let cookie = jar.header();
        let vote_url = format!("{page_url}/votes");
        let offset = (client_index * 7919 + round * 104_729) % statements.len();
        for step in 0..statements.len() {
            if Instant::now() >= deadline {
                break;
            }
            let statement = statements[(offset + step) % statements.len()];
            let choice = choices[(client_index + step + round) % choices.len()];
            let body = format!("statement_id={}&choice={choice}", statement.0);
            let sent = Instant::now();
            let response = client
                .post(&vote_url)
                .header(COOKIE, &cookie)
                .header("x-csrf-token", &token)
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(body)
                .send()
                .await;
            let latency = sent.elapsed();
            match response {
                // The form answers with a redirect back to the conversation.
                Ok(response) if response.status() == StatusCode::SEE_OTHER => {
                    totals.votes += 1;
                    totals.latencies.push(latency);
                }
                _ => totals.errors += 1,
            }
        }
        round += 1;
    }
    totals
}

/// Load the conversation page as a new visitor, then join. The CSRF token, or `None` on failure.
async fn arrive(client: &reqwest::Client, page_url: &str, jar: &mut CookieJar) -> Option<String> {
    let page = client.get(page_url).send().await.ok()?;
    if page.status() != StatusCode::OK {
        return None;
    }
    jar.take_from(page.headers());
    let html = page.text().await.ok()?;
    let token = csrf_token_in(&html)?.to_owned();
    let joined = client
        .post(format!("{page_url}/join"))
        .header(COOKIE, jar.header())
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(format!("csrf_token={token}"))
        .send()
        .await
        .ok()?;
    if joined.status() != StatusCode::SEE_OTHER {
        return None;
    }
    jar.take_from(joined.headers());
    Some(token)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_csrf_token_is_found_in_a_form() {
        let html = r#"<form><input type="hidden" name="csrf_token" value="abc.123"><button>"#;
        assert_eq!(csrf_token_in(html), Some("abc.123"));
        assert_eq!(csrf_token_in("<p>no form</p>"), None);
    }

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let report = BenchReport {
            backend: "SQLite".to_owned(),
            clients: 1,
            elapsed: Duration::from_secs(1),
            votes: 100,
            errors: 0,
            visitors: 1,
            latencies: (1..=100).map(Duration::from_millis).collect(),
            votes_in_database: 100,
        };
        assert_eq!(report.percentile(0.5), Duration::from_millis(50));
        assert_eq!(report.percentile(0.99), Duration::from_millis(99));
        assert_eq!(report.percentile(1.0), Duration::from_millis(100));
        assert!((report.votes_per_second() - 100.0).abs() < 1e-9);
        assert!(report.render().contains("equals the accepted votes"));
    }

    #[tokio::test]
    async fn a_short_run_on_sqlite_counts_every_vote() {
        let report = bench_votes(&BenchVotesArgs {
            database_url: None,
            clients: 4,
            seconds: 1,
            statements: 5,
            sqlite_synchronous: SqliteSynchronousArg::Full,
        })
        .await
        .unwrap();
        assert!(report.votes > 0, "{}", report.render());
        assert_eq!(report.errors, 0, "{}", report.render());
        assert_eq!(report.votes_in_database, report.votes as i64);
        // Five statements each: clients came back as new visitors.
        assert!(report.visitors > 4, "{}", report.render());
    }
}
