//! Redirects to a place the visitor named (`return_to` after signing in, switching language or
//! saving a profile): only ever to a path on this site.
//!
//! The candidate is parsed as a URL, resolved against a fixed base, and accepted only when the
//! result has the base's origin and a path that a browser cannot read as another host. Control
//! characters and backslashes are refused outright: browsers drop tabs and newlines from a
//! `Location` and read `\` as `/`, so `/\t/evil.example` would otherwise leave the site. What is
//! kept is the URL's own serialisation (ASCII, percent-encoded), so the `Location` header built
//! from it can never fail.

use axum::http::header::LOCATION;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use url::Url;

/// The base candidates are resolved against. Any origin would do; `.invalid` never resolves.
const BASE: &str = "https://sosei.invalid/";

/// A path (with its query and fragment) on this site, safe to put in a `Location` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalPath(String);

impl LocalPath {
    /// The home page: where a refused candidate goes instead.
    pub fn home() -> LocalPath {
        LocalPath("/".to_owned())
    }

    /// `None` unless `candidate` is a path on this site (starting with one `/`).
    pub fn parse(candidate: &str) -> Option<LocalPath> {
        if !candidate.starts_with('/') || candidate.chars().any(|c| c.is_control() || c == '\\') {
            return None;
        }
        let base = Url::parse(BASE).ok()?;
        let resolved = base.join(candidate).ok()?;
        if resolved.origin() != base.origin() {
            return None;
        }
        let mut local = resolved.path().to_owned();
        if let Some(query) = resolved.query() {
            local.push('?');
            local.push_str(query);
        }
        if let Some(fragment) = resolved.fragment() {
            local.push('#');
            local.push_str(fragment);
        }
        // `/.//evil.example` resolves to the path `//evil.example`, which a browser reads as a
        // host: a path must start with exactly one slash.
        if !local.starts_with('/') || local.starts_with("//") {
            return None;
        }
        HeaderValue::from_str(&local).ok()?;
        Some(LocalPath(local))
    }

    /// [`LocalPath::parse`], or the home page when the candidate is missing or refused.
    pub fn parse_or_home(candidate: Option<&str>) -> LocalPath {
        candidate
            .and_then(LocalPath::parse)
            .unwrap_or_else(LocalPath::home)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A local path to go back to, as text (for a form's hidden field); anything else becomes `/`.
pub fn safe_return_path(candidate: Option<&str>) -> String {
    LocalPath::parse_or_home(candidate).0
}

/// `303 See Other` to a path on this site. The one way a handler redirects to a target that came
/// from the visitor.
pub fn see_other(target: &LocalPath) -> Response {
    let location =
        HeaderValue::from_str(target.as_str()).unwrap_or_else(|_| HeaderValue::from_static("/"));
    (StatusCode::SEE_OTHER, [(LOCATION, location)]).into_response()
}

/// `303 See Other` to `candidate` when it is a path on this site, else to the home page.
pub fn see_other_local(candidate: Option<&str>) -> Response {
    see_other(&LocalPath::parse_or_home(candidate))
}

#[cfg(test)]
mod tests {
    use super::safe_return_path;

    fn check(candidate: &str, expected: &str) {
        assert_eq!(safe_return_path(Some(candidate)), expected, "{candidate:?}");
    }

    #[test]
    fn paths_on_this_site_are_kept() {
        check("/regions?q=1", "/regions?q=1");
        check("/conversations/3#vote", "/conversations/3#vote");
        check("/a/../b", "/b");
        // Kept as the URL serialises it: ASCII, so it always fits in a header.
        check("/regions?q=遠野", "/regions?q=%E9%81%A0%E9%87%8E");
        check("/a b", "/a%20b");
        assert_eq!(safe_return_path(None), "/");
    }

    #[test]
    fn anything_that_could_leave_the_site_goes_home() {
        for candidate in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n",
            "/.//evil.example",
            "/..//evil.example",
            "/%2e%2e//evil.example",
            "javascript:alert(1)",
            "evil.example",
            "",
            " /regions",
            "/\u{7f}",
            "/\u{85}",
        ] {
            check(candidate, "/");
        }
    }
}
