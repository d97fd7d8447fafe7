//! Configuration: command-line flags, then `SOSEI_*` environment variables, then a TOML file,
//! then defaults. Each source is read into a [`Layer`] of optional values and the layers are
//! merged in that order, so the precedence is written down once, in [`resolve`].

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::Deserialize;

use crate::server::DatabaseLocation;

pub const DEFAULT_BIND: &str = "127.0.0.1:8080";
pub const DEFAULT_DATA_DIR: &str = "./sosei-data";

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// One human-readable line per event.
    #[default]
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

impl LogFormat {
    fn parse(raw: &str) -> Option<LogFormat> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "text" => Some(LogFormat::Text),
            "json" => Some(LogFormat::Json),
            _ => None,
        }
    }
}

/// The settings one source gives; `None` means "this source does not say".
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layer {
    pub bind: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub secure_cookies: Option<bool>,
    pub log_format: Option<LogFormat>,
    pub max_body_bytes: Option<usize>,
    /// The mail server for the outbox, e.g. `smtp://user:password@smtp.example.org:587?tls=required`.
    pub smtp_url: Option<String>,
    /// The sender of outbox messages, e.g. `Sosei <noreply@example.org>`.
    pub mail_from: Option<String>,
    /// The address the public reaches the site at, e.g. `https://sosei.example.jp`: the
    /// absolute addresses in every page's `<head>` (canonical, `hreflang`, Open Graph) start
    /// with it, and so do the links in password reset and verification e-mails. Unset: pages use
    /// the request's own host when it is a plain host name; e-mails never do (they use `http://`
    /// and the bind address).
    pub public_url: Option<String>,
    /// The bearer token that opens `/metrics` to other machines (a Prometheus server).
    pub metrics_token: Option<String>,
    /// The header a trusted reverse proxy writes the client's address into (`X-Forwarded-For`).
    pub client_address_header: Option<String>,
}

/// The configuration after every source has been considered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub bind: SocketAddr,
    pub database: DatabaseLocation,
    pub secure_cookies: bool,
    pub log_format: LogFormat,
    pub max_body_bytes: usize,
    /// `None`: no SMTP server; messages wait in the outbox (readable at `/admin/outbox`).
    pub mail: Option<sosei_mail::MailSettings>,
    /// `None`: pages take the site's address from each request's host.
    pub public_url: Option<sosei_web::public_url::PublicUrl>,
    /// `None`: `/metrics` answers loopback callers only.
    pub metrics_token: Option<String>,
    /// `None`: the sign-in throttle keys the connection's address.
    pub client_address_header: Option<axum::http::HeaderName>,
}

/// A metrics token shorter than this is refused: it guards the server's traffic figures and is
/// compared on every scrape, so it should not be guessable.
pub const MIN_METRICS_TOKEN_CHARS: usize = 16;

impl Settings {
    pub fn web_config(&self) -> sosei_web::WebConfig {
        sosei_web::WebConfig {
            secure_cookies: self.secure_cookies,
            max_body_bytes: self.max_body_bytes,
            mail_server: self.mail.as_ref().map(|mail| mail.server().to_owned()),
            public_url: self.public_url.clone(),
            mail_link_fallback: format!("http://{}", self.bind),
            metrics_token: self.metrics_token.clone(),
            client_address_header: self
                .client_address_header
                .as_ref()
                .map(|name| name.as_str().to_owned()),
            ..sosei_web::WebConfig::default()
        }
    }
}

/// Read the `SOSEI_*` variables through `lookup` (the process environment in production, a map
/// in tests). Empty values count as unset.
pub fn layer_from_env(lookup: impl Fn(&str) -> Option<String>) -> anyhow::Result<Layer> {
    let get = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());
    let secure_cookies = match get("SOSEI_SECURE_COOKIES") {
        Some(raw) => Some(
            parse_bool(&raw)
                .with_context(|| format!("SOSEI_SECURE_COOKIES={raw:?} is not true or false"))?,
        ),
        None => None,
    };
    let log_format = match get("SOSEI_LOG_FORMAT") {
        Some(raw) => Some(
            LogFormat::parse(&raw)
                .with_context(|| format!("SOSEI_LOG_FORMAT={raw:?} is not text or json"))?,
        ),
        None => None,
    };
    let max_body_bytes = match get("SOSEI_MAX_BODY_BYTES") {
        Some(raw) => Some(
            raw.trim()
                .parse()
                .with_context(|| format!("SOSEI_MAX_BODY_BYTES={raw:?} is not a number"))?,
        ),
        None => None,
    };
    Ok(Layer {
        bind: get("SOSEI_BIND"),
        data_dir: get("SOSEI_DATA_DIR").map(PathBuf::from),
        database_url: get("SOSEI_DATABASE_URL"),
        secure_cookies,
        log_format,
        max_body_bytes,
        smtp_url: get("SOSEI_SMTP_URL"),
        mail_from: get("SOSEI_MAIL_FROM"),
        public_url: get("SOSEI_PUBLIC_URL"),
        metrics_token: get("SOSEI_METRICS_TOKEN"),
        client_address_header: get("SOSEI_CLIENT_ADDRESS_HEADER"),
    })
}

fn parse_bool(raw: &str) -> Option<bool> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// Read a TOML configuration file. Unknown keys are an error (a misspelt key would otherwise be
/// silently ignored). A relative `data_dir` is taken relative to the file's folder, so the file
/// means the same thing whatever directory the server is started from.
pub fn layer_from_file(path: &Path) -> anyhow::Result<Layer> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the configuration file {}", path.display()))?;
    let mut layer: Layer = toml::from_str(&text).map_err(|error| {
        // toml's messages span several lines with a source excerpt; the first line says it all.
        let message = error.message().trim().to_owned();
        let location = error
            .span()
            .map(|span| {
                let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
                format!(" (line {line})")
            })
            .unwrap_or_default();
        anyhow::anyhow!(
            "the configuration file {} is invalid{location}: {message}",
            path.display()
        )
    })?;
    if let Some(data_dir) = &layer.data_dir
        && data_dir.is_relative()
        && let Some(folder) = path.parent()
    {
        layer.data_dir = Some(folder.join(data_dir));
    }
    Ok(layer)
}

/// Merge the layers, highest precedence first, and check the result.
pub fn resolve(layers: &[(&str, Layer)]) -> anyhow::Result<Settings> {
    let first = |pick: &dyn Fn(&Layer) -> bool| layers.iter().find(|(_, layer)| pick(layer));

    let bind_text = layers
        .iter()
        .find_map(|(_, layer)| layer.bind.clone())
        .unwrap_or_else(|| DEFAULT_BIND.to_owned());
    let bind: SocketAddr = bind_text.trim().parse().map_err(|_| {
        anyhow::anyhow!(
            "invalid bind address {bind_text:?}: expected an IP address and port such as {DEFAULT_BIND}"
        )
    })?;

    // The first source that names a database decides which one: a data directory given on the
    // command line beats a database URL in the configuration file.
    let database = match first(&|layer| layer.data_dir.is_some() || layer.database_url.is_some()) {
        Some((source, layer)) => match (&layer.data_dir, &layer.database_url) {
            (Some(_), Some(_)) => {
                bail!("{source} gives both a data directory and a database URL; choose one")
            }
            (Some(data_dir), None) => DatabaseLocation::DataDir(data_dir.clone()),
            (None, Some(url)) => DatabaseLocation::Url(url.trim().to_owned()),
            (None, None) => DatabaseLocation::DataDir(PathBuf::from(DEFAULT_DATA_DIR)),
        },
        None => DatabaseLocation::DataDir(PathBuf::from(DEFAULT_DATA_DIR)),
    };
    if let DatabaseLocation::Url(url) = &database
        && !(url.starts_with("postgres://")
            || url.starts_with("postgresql://")
            || url.starts_with("sqlite:"))
    {
        bail!("the database URL must start with postgres:// or sqlite://");
    }

    let max_body_bytes = layers
        .iter()
        .find_map(|(_, layer)| layer.max_body_bytes)
        .unwrap_or(sosei_web::WebConfig::default().max_body_bytes);
    if max_body_bytes == 0 {
        bail!("max_body_bytes must be greater than zero");
    }

    let mail = match layers
        .iter()
        .find_map(|(_, layer)| layer.smtp_url.as_deref())
    {
        Some(smtp_url) => {
            let from = layers
                .iter()
                .find_map(|(_, layer)| layer.mail_from.as_deref())
                .unwrap_or_default();
            Some(sosei_mail::MailSettings::parse(smtp_url, from).map_err(anyhow::Error::new)?)
        }
        None => None,
    };

    let public_url = match layers
        .iter()
        .find_map(|(source, layer)| Some((*source, layer.public_url.as_deref()?)))
    {
        Some((source, raw)) => Some(
            sosei_web::public_url::PublicUrl::parse(raw)
                .with_context(|| format!("{source} gives the public URL {raw:?}"))?,
        ),
        None => None,
    };
    let metrics_token = layers
        .iter()
        .find_map(|(source, layer)| Some((*source, layer.metrics_token.as_deref()?.trim())));
    if let Some((source, token)) = metrics_token
        && (token.chars().count() < MIN_METRICS_TOKEN_CHARS
            || token.chars().any(|c| c.is_whitespace() || c.is_control()))
    {
        bail!(
            "the metrics token from {source} must be at least {MIN_METRICS_TOKEN_CHARS} characters \
             with no spaces (e.g. the output of `openssl rand -hex 32`)"
        );
    }

    let client_address_header = match layers
        .iter()
        .find_map(|(source, layer)| Some((*source, layer.client_address_header.as_deref()?.trim())))
    {
        Some((source, raw)) => Some(
            axum::http::HeaderName::from_bytes(raw.as_bytes()).with_context(|| {
                format!(
                    "{source} gives the client address header {raw:?}, which is not a header name"
                )
            })?,
        ),
        None => None,
    };

    Ok(Settings {
        bind,
        client_address_header,
        database,
        mail,
        public_url,
        metrics_token: metrics_token.map(|(_, token)| token.to_owned()),
        secure_cookies: layers
            .iter()
            .find_map(|(_, layer)| layer.secure_cookies)
            .unwrap_or(false),
        log_format: layers
            .iter()
            .find_map(|(_, layer)| layer.log_format)
            .unwrap_or_default(),
        max_body_bytes,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Layer {
        let map: std::collections::HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        layer_from_env(|name| map.get(name).cloned()).unwrap()
    }

    #[test]
    fn the_public_url_is_checked_and_mail_links_default_to_the_bind_address() {
        let settings = resolve(&[("flags", Layer::default())]).unwrap();
        assert_eq!(
            settings.web_config().mail_link_fallback,
            format!("http://{DEFAULT_BIND}")
        );
        let given = env(&[("SOSEI_PUBLIC_URL", "https://sosei.example.org/")]);
        let settings = resolve(&[("env", given)]).unwrap();
        assert_eq!(
            settings.web_config().public_url.map(|url| url.to_string()),
            Some("https://sosei.example.org".to_owned())
        );
        for bad in [
            "sosei.example.org",
            "javascript:alert(1)",
            "https://",
            "https://a b",
        ] {
            let layer = env(&[("SOSEI_PUBLIC_URL", bad)]);
            assert!(resolve(&[("env", layer)]).is_err(), "{bad}");
        }
    }

    #[test]
    fn defaults_apply_when_nothing_is_said() {
        let settings = resolve(&[("flags", Layer::default())]).unwrap();
        assert_eq!(settings.bind.to_string(), DEFAULT_BIND);
        assert_eq!(
            settings.database,
            DatabaseLocation::DataDir(PathBuf::from(DEFAULT_DATA_DIR))
        );
        assert!(!settings.secure_cookies);
        assert_eq!(settings.log_format, LogFormat::Text);
    }

    #[test]
    fn flags_beat_environment_beat_file() {
        let flags = Layer {
            bind: Some("0.0.0.0:9000".into()),
            ..Layer::default()
        };
        let environment = env(&[
            ("SOSEI_BIND", "127.0.0.1:1"),
            ("SOSEI_LOG_FORMAT", "json"),
            ("SOSEI_SECURE_COOKIES", ""),
        ]);
        let file: Layer = toml::from_str(
            "bind = \"127.0.0.1:2\"\nlog_format = \"text\"\nsecure_cookies = true\n",
        )
        .unwrap();
        let settings = resolve(&[
            ("flags", flags),
            ("environment", environment),
            ("file", file),
        ])
        .unwrap();
        assert_eq!(settings.bind.to_string(), "0.0.0.0:9000");
        assert_eq!(settings.log_format, LogFormat::Json);
        // The empty variable does not hide the file's value.
        assert!(settings.secure_cookies);
    }

    #[test]
    fn the_highest_source_naming_a_database_chooses_it() {
        let flags = Layer {
            data_dir: Some("/srv/sosei".into()),
            ..Layer::default()
        };
        let environment = env(&[("SOSEI_DATABASE_URL", "postgres://db/sosei")]);
        let settings = resolve(&[("flags", flags), ("environment", environment.clone())]).unwrap();
        assert_eq!(
            settings.database,
            DatabaseLocation::DataDir("/srv/sosei".into())
        );
        let settings =
            resolve(&[("flags", Layer::default()), ("environment", environment)]).unwrap();
        assert_eq!(
            settings.database,
            DatabaseLocation::Url("postgres://db/sosei".into())
        );
        let both = env(&[
            ("SOSEI_DATABASE_URL", "postgres://db/sosei"),
            ("SOSEI_DATA_DIR", "/srv"),
        ]);
        let error = resolve(&[("the environment", both)]).unwrap_err();
        assert!(error.to_string().contains("choose one"), "{error}");
    }

    #[test]
    fn bad_values_are_reported_by_name() {
        let error =
            layer_from_env(|name| (name == "SOSEI_SECURE_COOKIES").then(|| "maybe".to_owned()))
                .unwrap_err();
        assert!(
            error.to_string().contains("SOSEI_SECURE_COOKIES"),
            "{error}"
        );
        let bad_bind = Layer {
            bind: Some("localhost".into()),
            ..Layer::default()
        };
        let error = resolve(&[("flags", bad_bind)]).unwrap_err();
        assert!(
            error.to_string().contains("invalid bind address"),
            "{error}"
        );
        let bad_url = Layer {
            database_url: Some("mysql://x".into()),
            ..Layer::default()
        };
        assert!(resolve(&[("flags", bad_url)]).is_err());
    }

    #[test]
    fn the_proxy_s_client_address_header_comes_from_any_source_and_must_be_a_header_name() {
        let nothing = resolve(&[("flags", Layer::default())]).unwrap();
        assert_eq!(nothing.web_config().client_address_header, None);

        let environment = env(&[("SOSEI_CLIENT_ADDRESS_HEADER", "X-Forwarded-For")]);
        let settings = resolve(&[("environment", environment)]).unwrap();
        assert_eq!(
            settings.web_config().client_address_header.as_deref(),
            Some("x-forwarded-for")
        );

        let wrong = env(&[("SOSEI_CLIENT_ADDRESS_HEADER", "X Forwarded")]);
        let error = format!("{:#}", resolve(&[("environment", wrong)]).unwrap_err());
        assert!(error.contains("not a header name"), "{error}");
        assert!(error.contains("environment"), "{error}");
    }

    #[test]
    fn the_metrics_token_comes_from_the_environment_or_the_file_and_must_be_long() {
        let nothing = resolve(&[("flags", Layer::default())]).unwrap();
        assert_eq!(nothing.web_config().metrics_token, None);
        let environment = env(&[("SOSEI_METRICS_TOKEN", "0123456789abcdef0123")]);
        let file: Layer = toml::from_str("metrics_token = \"from-the-file-0123456789\"\n").unwrap();
        let settings = resolve(&[("environment", environment), ("file", file.clone())]).unwrap();
        assert_eq!(
            settings.web_config().metrics_token.as_deref(),
            Some("0123456789abcdef0123")
        );
        let settings = resolve(&[("file", file)]).unwrap();
        assert_eq!(
            settings.metrics_token.as_deref(),
            Some("from-the-file-0123456789")
        );
        let short = env(&[("SOSEI_METRICS_TOKEN", "secret")]);
        let error = resolve(&[("the environment", short)])
            .unwrap_err()
            .to_string();
        assert!(error.contains("at least 16 characters"), "{error}");
        assert!(!error.contains("secret"), "{error}");
    }

    #[test]
    fn unknown_file_keys_are_rejected_with_their_line() {
        let folder = std::env::temp_dir().join(format!("sosei-config-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        let path = folder.join("bad.toml");
        std::fs::write(&path, "bind = \"127.0.0.1:1\"\nbnid = \"x\"\n").unwrap();
        let error = layer_from_file(&path).unwrap_err().to_string();
        assert!(error.contains("unknown field `bnid`"), "{error}");
        assert!(error.contains("line 2"), "{error}");
        assert!(!error.contains('\n'), "{error}");

        std::fs::write(&path, "data_dir = \"data\"\n").unwrap();
        let layer = layer_from_file(&path).unwrap();
        assert_eq!(layer.data_dir, Some(folder.join("data")));
        std::fs::remove_dir_all(&folder).unwrap();
    }

    #[test]
    fn the_public_url_comes_from_any_source_and_a_wrong_one_stops_the_start() {
        let nothing = resolve(&[("flags", Layer::default())]).unwrap();
        assert_eq!(nothing.web_config().public_url, None);

        let file: Layer = toml::from_str("public_url = \"https://file.example.jp\"\n").unwrap();
        let environment = env(&[("SOSEI_PUBLIC_URL", "https://Sosei.Example.jp/")]);
        let settings = resolve(&[("environment", environment), ("file", file.clone())]).unwrap();
        assert_eq!(
            settings.web_config().public_url.map(|url| url.to_string()),
            Some("https://sosei.example.jp".to_owned())
        );
        let settings = resolve(&[("file", file)]).unwrap();
        assert_eq!(
            settings.public_url.map(|url| url.to_string()),
            Some("https://file.example.jp".to_owned())
        );

        let wrong = env(&[("SOSEI_PUBLIC_URL", "sosei.example.jp/town")]);
        let error = format!("{:#}", resolve(&[("environment", wrong)]).unwrap_err());
        assert!(error.contains("http:// or https://"), "{error}");
        assert!(error.contains("environment"), "{error}");
    }

    #[test]
    fn smtp_comes_from_the_environment_or_the_file_and_mistakes_stop_the_start() {
        let nothing = resolve(&[("flags", Layer::default())]).unwrap();
        assert_eq!(nothing.mail, None);
        assert_eq!(nothing.web_config().mail_server, None);

        let environment = env(&[
            (
                "SOSEI_SMTP_URL",
                "smtp://mailer:secret@smtp.example.org:587?tls=required",
            ),
            ("SOSEI_MAIL_FROM", "Sosei <noreply@example.org>"),
        ]);
        let settings = resolve(&[("environment", environment)]).unwrap();
        let mail = settings.mail.clone().unwrap();
        assert_eq!(mail.server(), "smtp.example.org:587");
        assert_eq!(mail.from.email.to_string(), "noreply@example.org");
        assert_eq!(
            settings.web_config().mail_server.as_deref(),
            Some("smtp.example.org:587")
        );

        // The sender may come from the file while the URL (with its password) comes from the
        // environment.
        let file: Layer = toml::from_str("mail_from = \"noreply@example.org\"\n").unwrap();
        let environment = env(&[("SOSEI_SMTP_URL", "smtp://127.0.0.1:2525")]);
        let settings = resolve(&[("environment", environment), ("file", file)]).unwrap();
        assert_eq!(settings.mail.unwrap().server(), "127.0.0.1:2525");

        let missing_from = env(&[("SOSEI_SMTP_URL", "smtp://127.0.0.1:2525")]);
        let error = resolve(&[("environment", missing_from)])
            .unwrap_err()
            .to_string();
        assert!(error.contains("sender address"), "{error}");
        let wrong = env(&[
            ("SOSEI_SMTP_URL", "imap://mailer:secret@example.org"),
            ("SOSEI_MAIL_FROM", "noreply@example.org"),
        ]);
        let error = resolve(&[("environment", wrong)]).unwrap_err().to_string();
        assert!(error.contains("\"imap\""), "{error}");
        assert!(!error.contains("secret"), "{error}");
    }
}
