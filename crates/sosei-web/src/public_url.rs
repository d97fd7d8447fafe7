//! The address the public reaches this site at, for the absolute addresses a page's `<head>`
//! gives (canonical, `hreflang` alternates, Open Graph's `og:url`): a link pasted into LINE or
//! read by a search engine has no page to be relative to.
//!
//! The operator says it with `public_url` (`--public-url`, `SOSEI_PUBLIC_URL`), and then nothing
//! the client sends changes it. Without it, the request's own host is used (HTTP/2's
//! `:authority` or the `Host` header), only when it is a plain `host[:port]`, with `https` when
//! cookies are marked secure and `http` otherwise. That fallback is safe enough for a site that
//! has not been told its address: the host is the one the client asked this server for, so the
//! page it reflects goes back to that same client; a shared cache keys its entries by that host
//! too, so one client cannot plant another host in someone else's page; `X-Forwarded-Host`,
//! which any client can send, is never read; and the value is escaped like every attribute. A
//! site behind a proxy that rewrites the host, or one that terminates TLS without
//! `--secure-cookies`, should set `public_url`. When neither is known the addresses stay
//! root-relative (`/en/regions`).

use axum::http::header::HOST;
use axum::http::{HeaderMap, Uri};

use crate::state::WebConfig;

/// `scheme://host[:port]`, lower case, without a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PublicUrlError {
    #[error("the public URL must start with http:// or https://")]
    Scheme,
    #[error("the public URL must name a host (a name or an IP address) and at most a port")]
    Host,
    #[error(
        "the public URL cannot have a path, query or fragment: Sosei is served at the root of its host"
    )]
    Path,
}

impl PublicUrl {
    /// Parse `https://sosei.example.jp` (a trailing slash is accepted and dropped).
    pub fn parse(raw: &str) -> Result<PublicUrl, PublicUrlError> {
        let raw = raw.trim();
        let lower = raw.to_ascii_lowercase();
        let (scheme, rest) = if let Some(rest) = lower.strip_prefix("https://") {
            ("https", rest)
        } else if let Some(rest) = lower.strip_prefix("http://") {
            ("http", rest)
        } else {
            return Err(PublicUrlError::Scheme);
        };
        let authority = rest.strip_suffix('/').unwrap_or(rest);
        let authority_end = authority.find(['/', '?', '#']).unwrap_or(authority.len());
        if !is_authority(&authority[..authority_end]) {
            return Err(PublicUrlError::Host);
        }
        if authority_end != authority.len() {
            return Err(PublicUrlError::Path);
        }
        Ok(PublicUrl(format!("{scheme}://{authority}")))
    }

    /// The address the public reaches this request's site at: `public_url` when the operator
    /// set it, otherwise the request's host when it is a plain `host[:port]` (see the module
    /// documentation), otherwise `None`.
    pub fn for_request(config: &WebConfig, uri: &Uri, headers: &HeaderMap) -> Option<PublicUrl> {
        if let Some(configured) = &config.public_url {
            return Some(configured.clone());
        }
        let authority = match uri.authority() {
            Some(authority) => authority.as_str().to_owned(),
            None => headers.get(HOST)?.to_str().ok()?.to_owned(),
        };
        let authority = authority.to_ascii_lowercase();
        if !is_authority(&authority) {
            return None;
        }
        let scheme = if config.secure_cookies {
            "https"
        } else {
            "http"
        };
        Some(PublicUrl(format!("{scheme}://{authority}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The absolute address of a site path (`/en/regions` → `https://host/en/regions`).
    pub fn join(&self, site_path: &str) -> String {
        format!("{}{site_path}", self.0)
    }
}

impl std::fmt::Display for PublicUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether `authority` is `host` or `host:port`: a host name of letters, digits, dots and
/// hyphens, or a bracketed IPv6 address; no user name, no spaces, nothing else.
fn is_authority(authority: &str) -> bool {
    const MAX_HOST_LENGTH: usize = 253;
    let (host, port) = if let Some(bracketed) = authority.strip_prefix('[') {
        let Some((address, after)) = bracketed.split_once(']') else {
            return false;
        };
        let port = match after {
            "" => None,
            _ => match after.strip_prefix(':') {
                Some(port) => Some(port),
                None => return false,
            },
        };
        let is_ipv6 = !address.is_empty()
            && address
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
        if !is_ipv6 {
            return false;
        }
        (None, port)
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (Some(host), Some(port)),
            None => (Some(authority), None),
        }
    };
    let host_ok = host.is_none_or(|host| {
        !host.is_empty()
            && host.len() <= MAX_HOST_LENGTH
            && !host.starts_with(['.', '-'])
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
    });
    let port_ok = port.is_none_or(|port| {
        !port.is_empty() && port.len() <= 5 && port.parse::<u16>().is_ok_and(|p| p > 0)
    });
    host_ok && port_ok
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn configured_addresses_are_an_origin() {
        let parsed = |raw: &str| PublicUrl::parse(raw).map(|url| url.as_str().to_owned());
        assert_eq!(
            parsed("https://Sosei.Example.jp/"),
            Ok("https://sosei.example.jp".into())
        );
        assert_eq!(
            parsed(" http://127.0.0.1:8080 "),
            Ok("http://127.0.0.1:8080".into())
        );
        assert_eq!(parsed("http://[::1]:8080"), Ok("http://[::1]:8080".into()));
        assert_eq!(parsed("sosei.example.jp"), Err(PublicUrlError::Scheme));
        assert_eq!(
            parsed("ftp://sosei.example.jp"),
            Err(PublicUrlError::Scheme)
        );
        assert_eq!(parsed("https://"), Err(PublicUrlError::Host));
        assert_eq!(
            parsed("https://user@sosei.example.jp"),
            Err(PublicUrlError::Host)
        );
        assert_eq!(
            parsed("https://sosei.example.jp:99999"),
            Err(PublicUrlError::Host)
        );
        assert_eq!(
            parsed("https://sosei.example.jp/town"),
            Err(PublicUrlError::Path)
        );
        assert_eq!(
            parsed("https://sosei.example.jp?x"),
            Err(PublicUrlError::Path)
        );
    }

    #[test]
    fn the_request_host_is_used_only_when_plain_and_nothing_is_configured() {
        let mut headers = HeaderMap::new();
        let uri: Uri = "/regions".parse().unwrap();
        let config = WebConfig::default();
        assert_eq!(PublicUrl::for_request(&config, &uri, &headers), None);

        headers.insert(HOST, "town.example:8080".parse().unwrap());
        assert_eq!(
            PublicUrl::for_request(&config, &uri, &headers).map(|u| u.to_string()),
            Some("http://town.example:8080".into())
        );
        let secure = WebConfig {
            secure_cookies: true,
            ..WebConfig::default()
        };
        assert_eq!(
            PublicUrl::for_request(&secure, &uri, &headers).map(|u| u.to_string()),
            Some("https://town.example:8080".into())
        );

        for hostile in [
            "evil.example/path",
            "evil.example\"><script>",
            "user@evil.example",
            "evil example",
            "",
        ] {
            if let Ok(value) = hostile.parse() {
                headers.insert(HOST, value);
                assert_eq!(
                    PublicUrl::for_request(&config, &uri, &headers),
                    None,
                    "{hostile}"
                );
            }
        }

        let configured = WebConfig {
            public_url: Some(PublicUrl::parse("https://sosei.example.jp").unwrap()),
            ..WebConfig::default()
        };
        headers.insert(HOST, "evil.example".parse().unwrap());
        assert_eq!(
            PublicUrl::for_request(&configured, &uri, &headers).map(|u| u.to_string()),
            Some("https://sosei.example.jp".into())
        );
    }
}
