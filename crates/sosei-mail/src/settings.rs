//! What the sender needs to know: the mail server's URL, the sender's address, how often to look
//! for due messages. Parsed once, with errors that say what to fix (and never print a password).

use std::time::Duration;

use lettre::message::Mailbox;

/// How often a server looks for due messages when none is given.
pub const DEFAULT_POLL_INTERVAL: Duration = Duration::from_secs(5);

/// How long one SMTP conversation may take before it counts as a failed attempt.
pub const DEFAULT_SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// Parsed mail settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailSettings {
    smtp_url: String,
    /// `host:port`, for messages (no credentials).
    server: String,
    pub from: Mailbox,
    pub poll_interval: Duration,
    pub smtp_timeout: Duration,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MailSettingsError {
    #[error(
        "the SMTP URL {0:?} is not of the form smtp://host:port, smtp://user:password@host:587?tls=required or smtps://user:password@host:465"
    )]
    Url(String),
    #[error(
        "the SMTP URL's scheme {0:?} is not smtp or smtps (use smtp://…?tls=required for STARTTLS, smtps:// for TLS from the start)"
    )]
    Scheme(String),
    #[error(
        "the SMTP URL's tls={0:?} is not required or opportunistic (leave it out for a server on this machine without TLS)"
    )]
    Tls(String),
    #[error(
        "the sender address {0:?} is not an e-mail address such as \"Sosei <noreply@example.org>\""
    )]
    From(String),
    #[error("SMTP is configured but the sender address (mail_from / SOSEI_MAIL_FROM) is not")]
    MissingFrom,
}

impl MailSettings {
    /// `smtp_url`: `smtp://host[:port]` (plain, for a relay on this machine),
    /// `smtp://user:password@host[:587]?tls=required` (STARTTLS) or
    /// `smtps://user:password@host[:465]` (TLS from the start); user and password
    /// percent-encoded. `from`: `Name <address>` or a bare address.
    pub fn parse(smtp_url: &str, from: &str) -> Result<MailSettings, MailSettingsError> {
        let smtp_url = smtp_url.trim();
        let redacted = redact(smtp_url);
        let (scheme, rest) = smtp_url
            .split_once("://")
            .ok_or_else(|| MailSettingsError::Url(redacted.clone()))?;
        if scheme != "smtp" && scheme != "smtps" {
            return Err(MailSettingsError::Scheme(scheme.to_owned()));
        }
        let (authority, query) = match rest.split_once('?') {
            Some((authority, query)) => (authority, Some(query)),
            None => (rest, None),
        };
        let authority = authority.split('/').next().unwrap_or_default();
        let host_and_port = authority
            .rsplit_once('@')
            .map_or(authority, |(_, host)| host);
        if host_and_port.is_empty() || host_and_port.starts_with(':') {
            return Err(MailSettingsError::Url(redacted));
        }
        if let Some((_, port)) = host_and_port.rsplit_once(':')
            && !host_and_port.ends_with(']')
            && port.parse::<u16>().is_err()
        {
            return Err(MailSettingsError::Url(redacted));
        }
        for pair in query
            .unwrap_or_default()
            .split('&')
            .filter(|p| !p.is_empty())
        {
            match pair.split_once('=') {
                Some(("tls", "required" | "opportunistic")) => {}
                Some(("tls", other)) => return Err(MailSettingsError::Tls(other.to_owned())),
                _ => return Err(MailSettingsError::Url(redacted)),
            }
        }
        // lettre checks the rest (and builds the TLS settings) the same way when it connects;
        // asking it now turns a mistake into a start-up error rather than failed deliveries.
        lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(smtp_url)
            .map_err(|_| MailSettingsError::Url(redacted))?;
        let from_text = from.trim();
        if from_text.is_empty() {
            return Err(MailSettingsError::MissingFrom);
        }
        let from: Mailbox = from_text
            .parse()
            .map_err(|_| MailSettingsError::From(from_text.to_owned()))?;
        Ok(MailSettings {
            smtp_url: smtp_url.to_owned(),
            server: host_and_port.to_owned(),
            from,
            poll_interval: DEFAULT_POLL_INTERVAL,
            smtp_timeout: DEFAULT_SMTP_TIMEOUT,
        })
    }

    pub fn smtp_url(&self) -> &str {
        &self.smtp_url
    }

    /// The mail server as `host:port` (or just the host), without credentials.
    pub fn server(&self) -> &str {
        &self.server
    }
}

/// The URL with any password replaced by `***`.
fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((user_info, host)) => {
            let user = user_info.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}{tail}")
        }
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_forms_parse() {
        let plain = MailSettings::parse("smtp://127.0.0.1:2525", "Sosei <noreply@example.org>")
            .expect("plain");
        assert_eq!(plain.server(), "127.0.0.1:2525");
        assert_eq!(plain.from.email.to_string(), "noreply@example.org");
        assert_eq!(plain.from.name.as_deref(), Some("Sosei"));
        let starttls = MailSettings::parse(
            "smtp://mailer:p%40ss@smtp.example.org:587?tls=required",
            "noreply@example.org",
        )
        .expect("starttls");
        assert_eq!(starttls.server(), "smtp.example.org:587");
        MailSettings::parse(
            "smtps://mailer:secret@smtp.example.org",
            "noreply@example.org",
        )
        .expect("implicit tls");
    }

    #[test]
    fn mistakes_are_named_and_passwords_hidden() {
        let error = MailSettings::parse("http://mailer:secret@example.org", "a@example.org")
            .expect_err("scheme");
        assert_eq!(error, MailSettingsError::Scheme("http".into()));
        let error =
            MailSettings::parse("smtp://mailer:secret@example.org?tls=yes", "a@example.org")
                .expect_err("tls");
        assert_eq!(error, MailSettingsError::Tls("yes".into()));
        let error = MailSettings::parse("smtp://mailer:secret@example.org:port", "a@example.org")
            .expect_err("port");
        let text = error.to_string();
        assert!(text.contains("mailer:***@example.org:port"), "{text}");
        assert!(!text.contains("secret"), "{text}");
        assert!(matches!(
            MailSettings::parse("smtp.example.org", "a@example.org"),
            Err(MailSettingsError::Url(_))
        ));
        assert_eq!(
            MailSettings::parse("smtp://127.0.0.1", "  ").expect_err("from"),
            MailSettingsError::MissingFrom
        );
        assert_eq!(
            MailSettings::parse("smtp://127.0.0.1", "not an address").expect_err("from"),
            MailSettingsError::From("not an address".into())
        );
    }
}
