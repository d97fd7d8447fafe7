//! Opening the database and running the web server, shared by `sosei serve`, `sosei demo` and
//! the tests that need a real server on a real port.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use sosei_store::Store;
use sosei_web::{AppState, WebConfig};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// How long to wait for the database server to accept a connection. sqlx alone would keep
/// retrying a refused connection for its whole acquire timeout; a person at a terminal wants to
/// hear about a wrong host or port in seconds.
pub const DATABASE_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Where the data lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseLocation {
    /// A folder holding the SQLite file `sosei.db` (created if missing).
    DataDir(PathBuf),
    /// `postgres://…` or `sqlite://…`.
    Url(String),
}

impl DatabaseLocation {
    /// A description for messages, without any password.
    pub fn describe(&self) -> String {
        match self {
            DatabaseLocation::DataDir(folder) => format!("data directory {}", folder.display()),
            DatabaseLocation::Url(url) => redact_password(url),
        }
    }
}

/// What [`start_server`] needs.
#[derive(Debug, Clone)]
pub struct ServerSettings {
    /// Port 0 picks a free port; the chosen address is in [`RunningServer::address`].
    pub bind: SocketAddr,
    pub database: DatabaseLocation,
    pub web: WebConfig,
    /// The mail server that delivers the outbox; `None` leaves messages in the outbox.
    pub mail: Option<sosei_mail::MailSettings>,
}

/// A server answering requests in a background task.
pub struct RunningServer {
    pub address: SocketAddr,
    pub store: Store,
    stop: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
    mail_sender: Option<sosei_mail::OutboxSender>,
}

impl RunningServer {
    /// `http://ADDRESS`, without a trailing slash.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Stop accepting connections, let requests in flight finish, then close the pool.
    pub async fn shutdown(self) {
        let _ = self.stop.send(());
        match self.task.await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => tracing::error!(%error, "the server stopped with an error"),
            Err(error) => tracing::error!(%error, "the server task failed"),
        }
        if let Some(sender) = self.mail_sender {
            sender.shutdown().await;
        }
        self.store.close().await;
    }

    /// Serve until SIGINT or SIGTERM, then shut down gracefully. `signals` must have been made
    /// (by [`listen_for_shutdown`]) before the server started, so a signal that arrives as soon
    /// as it answers is not lost to the default action (the process killed mid-request).
    pub async fn run_until_signal(mut self, signals: ShutdownSignals) -> anyhow::Result<()> {
        let stopped_on_its_own = tokio::select! {
            () = signals.received() => None,
            result = &mut self.task => Some(result),
        };
        match stopped_on_its_own {
            None => {
                tracing::info!("shutting down: finishing requests in flight");
                self.shutdown().await;
                tracing::info!("stopped");
                Ok(())
            }
            Some(result) => {
                if let Some(sender) = self.mail_sender {
                    sender.shutdown().await;
                }
                self.store.close().await;
                result
                    .context("the server task failed")?
                    .context("the server stopped")
            }
        }
    }
}

/// SIGINT (Ctrl+C) and SIGTERM, listened for from the moment this is made: the handlers are
/// installed by [`listen_for_shutdown`] itself, not when first awaited.
pub struct ShutdownSignals {
    #[cfg(unix)]
    interrupt: Option<tokio::signal::unix::Signal>,
    #[cfg(unix)]
    terminate: Option<tokio::signal::unix::Signal>,
}

/// Start listening for SIGINT and SIGTERM; call before [`start_server`] or
/// [`PreparedServer::serve`]. Needs a Tokio runtime.
pub fn listen_for_shutdown() -> ShutdownSignals {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let listen = |kind: SignalKind, name: &str| match signal(kind) {
            Ok(listener) => Some(listener),
            Err(error) => {
                tracing::error!(%error, "cannot listen for {name}");
                None
            }
        };
        ShutdownSignals {
            interrupt: listen(SignalKind::interrupt(), "Ctrl+C"),
            terminate: listen(SignalKind::terminate(), "SIGTERM"),
        }
    }
    #[cfg(not(unix))]
    ShutdownSignals {}
}

impl ShutdownSignals {
    /// Resolves on the first SIGINT or SIGTERM.
    async fn received(mut self) {
        #[cfg(unix)]
        {
            async fn next(listener: &mut Option<tokio::signal::unix::Signal>) {
                match listener {
                    Some(listener) => {
                        listener.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            }
            tokio::select! {
                () = next(&mut self.interrupt) => {},
                () = next(&mut self.terminate) => {},
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

/// Connect to the database (without migrating), with errors a person can act on.
pub async fn open_store(location: &DatabaseLocation) -> anyhow::Result<Store> {
    match location {
        DatabaseLocation::DataDir(folder) => {
            std::fs::create_dir_all(folder).map_err(|error| {
                anyhow::anyhow!(
                    "cannot create the data directory {}: {}",
                    folder.display(),
                    describe_io_error(&error)
                )
            })?;
            Store::open_data_dir(folder)
                .await
                .with_context(|| format!("cannot open the database in {}", folder.display()))
        }
        DatabaseLocation::Url(url) => {
            if let Some((host, port)) = tcp_address_of_postgres_url(url) {
                probe_database_server(&host, port).await?;
            }
            let description = redact_password(url);
            match tokio::time::timeout(DATABASE_CONNECT_TIMEOUT, Store::connect(url)).await {
                Ok(result) => {
                    result.with_context(|| format!("cannot connect to the database {description}"))
                }
                Err(_) => anyhow::bail!(
                    "cannot connect to the database {description}: no answer within {} seconds",
                    DATABASE_CONNECT_TIMEOUT.as_secs()
                ),
            }
        }
    }
}

/// Open the database, apply migrations, bind and serve in the background.
pub async fn start_server(settings: ServerSettings) -> anyhow::Result<RunningServer> {
    prepare_server(settings).await?.serve().await
}

/// A bound port and a migrated database, not yet answering requests: the moment to load data
/// (as `sosei demo` and the browser tests do) before anyone can see a half-filled site.
pub struct PreparedServer {
    listener: TcpListener,
    store: Store,
    web: WebConfig,
    mail: Option<sosei_mail::MailSettings>,
}

impl PreparedServer {
    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn address(&self) -> anyhow::Result<SocketAddr> {
        self.listener
            .local_addr()
            .context("cannot read the listening address")
    }

    /// Start answering requests in a background task.
    pub async fn serve(self) -> anyhow::Result<RunningServer> {
        serve_on(self.listener, self.store, self.web, self.mail).await
    }

    /// Give up without serving: close the database.
    pub async fn abandon(self) {
        self.store.close().await;
    }
}

/// Bind the port, open the database and apply migrations.
///
/// The port is bound first, so a port that is taken is reported before the database is touched
/// (connections arriving meanwhile wait in the kernel's backlog).
pub async fn prepare_server(settings: ServerSettings) -> anyhow::Result<PreparedServer> {
    let listener = bind(settings.bind).await?;
    let store = open_store(&settings.database).await?;
    if let Err(error) = store.migrate().await {
        store.close().await;
        return Err(anyhow::Error::new(error).context("cannot migrate the database"));
    }
    Ok(PreparedServer {
        listener,
        store,
        web: settings.web,
        mail: settings.mail,
    })
}

/// Serve an already opened (and migrated) store, e.g. one a test has filled with demo data.
pub async fn start_server_with_store(
    store: Store,
    bind_address: SocketAddr,
    web: WebConfig,
) -> anyhow::Result<RunningServer> {
    let listener = bind(bind_address).await?;
    serve_on(listener, store, web, None).await
}

async fn bind(address: SocketAddr) -> anyhow::Result<TcpListener> {
    TcpListener::bind(address).await.map_err(|error| {
        anyhow::anyhow!("cannot listen on {address}: {}", describe_io_error(&error))
    })
}

async fn serve_on(
    listener: TcpListener,
    store: Store,
    web: WebConfig,
    mail: Option<sosei_mail::MailSettings>,
) -> anyhow::Result<RunningServer> {
    let address = listener
        .local_addr()
        .context("cannot read the listening address")?;
    let state = match AppState::new(store.clone(), web).await {
        Ok(state) => state,
        Err(error) => {
            store.close().await;
            return Err(anyhow::Error::new(error).context("cannot read the site's signing secret"));
        }
    };
    // Every app server may run a sender: claims with a lease keep them from sending a message
    // twice at once.
    let mail_sender = match &mail {
        Some(settings) => {
            match sosei_mail::spawn_outbox_sender(
                store.clone(),
                settings,
                sosei_mail::RetryPolicy::default(),
            ) {
                Ok(sender) => Some(sender),
                Err(error) => {
                    store.close().await;
                    return Err(
                        anyhow::Error::new(error).context("cannot start sending the outbox")
                    );
                }
            }
        }
        None => None,
    };
    let app = sosei_web::router(state);
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            // A dropped sender also means stop.
            let _ = stopped.await;
        })
        .await
    });
    tracing::info!(%address, "listening");
    Ok(RunningServer {
        address,
        store,
        stop,
        task,
        mail_sender,
    })
}

/// The operating system's message for common failures, without "(os error 98)".
pub fn describe_io_error(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::AddrInUse => "address already in use".to_owned(),
        ErrorKind::AddrNotAvailable => "address not available on this machine".to_owned(),
        ErrorKind::PermissionDenied => "permission denied".to_owned(),
        ErrorKind::ConnectionRefused => "connection refused".to_owned(),
        ErrorKind::NotFound => "not found".to_owned(),
        ErrorKind::TimedOut => "timed out".to_owned(),
        _ => error.to_string(),
    }
}

/// Try a plain TCP connection first: it fails in milliseconds with "connection refused", where
/// the pool would retry until its timeout and then report only that it timed out.
async fn probe_database_server(host: &str, port: u16) -> anyhow::Result<()> {
    let connect = tokio::net::TcpStream::connect((host, port));
    match tokio::time::timeout(DATABASE_CONNECT_TIMEOUT, connect).await {
        Ok(Ok(_stream)) => Ok(()),
        Ok(Err(error)) => anyhow::bail!(
            "cannot connect to the database server at {host}:{port}: {}",
            describe_io_error(&error)
        ),
        Err(_) => anyhow::bail!(
            "cannot connect to the database server at {host}:{port}: no answer within {} seconds",
            DATABASE_CONNECT_TIMEOUT.as_secs()
        ),
    }
}

/// Host and port of a `postgres://` URL naming one TCP host; `None` for Unix sockets, several
/// hosts or anything unusual (then the probe is skipped and the driver decides).
fn tcp_address_of_postgres_url(url: &str) -> Option<(String, u16)> {
    let rest = url
        .strip_prefix("postgres://")
        .or_else(|| url.strip_prefix("postgresql://"))?;
    let (authority, tail) = match rest.find(['/', '?']) {
        Some(index) => rest.split_at(index),
        None => (rest, ""),
    };
    if tail.contains("host=") || tail.contains("hostaddr=") {
        return None;
    }
    let host_and_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host_and_port.is_empty() || host_and_port.contains(',') {
        return None;
    }
    let (host, port) = if let Some(bracketed) = host_and_port.strip_prefix('[') {
        let (host, after) = bracketed.split_once(']')?;
        (host, after.strip_prefix(':'))
    } else {
        match host_and_port.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (host_and_port, None),
        }
    };
    if host.is_empty() || host.starts_with('%') {
        return None;
    }
    let port = match port {
        Some(port) => port.parse().ok()?,
        None => 5432,
    };
    Some((host.to_owned(), port))
}

/// The URL with any password replaced by `***`, for messages and logs.
pub fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((user_info, host)) => match user_info.split_once(':') {
            Some((user, _password)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn postgres_urls_give_their_tcp_address() {
        let check = |url: &str, expected: Option<(&str, u16)>| {
            assert_eq!(
                tcp_address_of_postgres_url(url),
                expected.map(|(h, p)| (h.to_owned(), p)),
                "{url}"
            );
        };
        check("postgres://nobody@127.0.0.1:1/x", Some(("127.0.0.1", 1)));
        check(
            "postgresql://u:p@db.example/sosei",
            Some(("db.example", 5432)),
        );
        check(
            "postgres://[::1]:6543/sosei?sslmode=disable",
            Some(("::1", 6543)),
        );
        check("postgres:///sosei?host=/var/run/postgresql", None);
        check("postgres://a:1,b:2/sosei", None);
        check("sqlite://data/sosei.db", None);
    }

    #[test]
    fn passwords_are_hidden_in_messages() {
        assert_eq!(
            redact_password("postgres://sosei:s3cret@db:5432/sosei"),
            "postgres://sosei:***@db:5432/sosei"
        );
        assert_eq!(
            redact_password("postgres://nobody@127.0.0.1:1/x"),
            "postgres://nobody@127.0.0.1:1/x"
        );
    }

    #[tokio::test]
    async fn a_refused_database_server_is_reported_quickly() {
        let started = std::time::Instant::now();
        let error = open_store(&DatabaseLocation::Url(
            "postgres://nobody@127.0.0.1:1/x".to_owned(),
        ))
        .await
        .err()
        .map(|e| format!("{e:#}"))
        .unwrap_or_default();
        assert_eq!(
            error,
            "cannot connect to the database server at 127.0.0.1:1: connection refused"
        );
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[tokio::test]
    async fn a_taken_port_is_reported_in_one_line() {
        let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let address = taken.local_addr().unwrap();
        let error = bind(address).await.unwrap_err().to_string();
        assert_eq!(
            error,
            format!("cannot listen on {address}: address already in use")
        );
    }

    #[tokio::test]
    async fn a_server_starts_on_a_free_port_answers_and_stops() {
        let data_dir = std::env::temp_dir().join(format!("sosei-server-{}", uuid::Uuid::new_v4()));
        let settings = ServerSettings {
            bind: "127.0.0.1:0".parse().unwrap(),
            database: DatabaseLocation::DataDir(data_dir.clone()),
            web: WebConfig::default(),
            mail: None,
        };
        let prepared = prepare_server(settings).await.unwrap();
        let address = prepared.address().unwrap();
        assert_ne!(address.port(), 0);
        assert!(prepared.store().count_municipalities().await.unwrap() > 1000);
        let running = prepared.serve().await.unwrap();
        assert_eq!(running.address, address);

        let health: serde_json::Value = reqwest::get(format!("{}/healthz", running.url()))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            health,
            serde_json::json!({"status": "ok", "database": "sqlite"})
        );
        // The server passes the peer's address on: a caller on this machine reads the metrics.
        let metrics = reqwest::get(format!("{}/metrics", running.url()))
            .await
            .unwrap();
        assert_eq!(metrics.status(), reqwest::StatusCode::OK);
        assert!(
            metrics
                .text()
                .await
                .unwrap()
                .contains("sosei_http_requests_total")
        );

        running.shutdown().await;
        assert!(tokio::net::TcpStream::connect(address).await.is_err());
        let _ = std::fs::remove_dir_all(data_dir);
    }

    #[tokio::test]
    async fn a_server_given_a_mail_server_sends_the_outbox_and_stops_sending_when_stopped() {
        let peer = sosei_mail::testing::SmtpPeer::start().await.unwrap();
        let mut mail =
            sosei_mail::MailSettings::parse(&peer.url(), "Sosei <noreply@example.org>").unwrap();
        mail.poll_interval = Duration::from_millis(50);
        let data_dir = std::env::temp_dir().join(format!("sosei-server-{}", uuid::Uuid::new_v4()));
        let running = start_server(ServerSettings {
            bind: "127.0.0.1:0".parse().unwrap(),
            database: DatabaseLocation::DataDir(data_dir.clone()),
            web: WebConfig::default(),
            mail: Some(mail),
        })
        .await
        .unwrap();
        let message = sosei_core::outbox::ComposedMessage {
            subject: "【遠野】参加のご案内".into(),
            body: "本文".into(),
        };
        let to = sosei_core::EmailAddress::parse("nok@example.org").unwrap();
        let store = running.store.clone();
        let id = store
            .enqueue_outbox_message(
                None,
                &to,
                sosei_core::Locale::Ja,
                &message,
                time::OffsetDateTime::now_utc(),
            )
            .await
            .unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while store.outbox_message(id).await.unwrap().sent_at.is_none() {
            assert!(std::time::Instant::now() < deadline, "not sent within 10 s");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert_eq!(peer.received().len(), 1);
        assert!(peer.received()[0].rcpt_to[0].contains("<nok@example.org>"));
        running.shutdown().await;
        let _ = std::fs::remove_dir_all(data_dir);
    }
}
