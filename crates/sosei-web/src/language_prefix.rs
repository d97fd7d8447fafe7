//! The language in the URL: `/ja/regions` and `/en/regions` are the same page in Japanese and in
//! English, so a shared link opens in the language it was shared in.
//!
//! The prefix lives here and nowhere else. Templates and handlers keep writing plain site paths
//! (`href="/regions"`, `Redirect::to("/account")`); two pieces around the router add the language:
//!
//! - [`route_language_prefixes`] wraps the whole router (routing happens before any layer added
//!   with `Router::layer` runs, so a path can only be rewritten outside it). It takes `/ja` or
//!   `/en` off the path and records the language as [`UrlLanguage`] in the request's extensions;
//!   the context middleware makes it the strongest language signal, above the account setting,
//!   the cookie and `Accept-Language`.
//! - [`keep_language_in_responses`] runs just outside the context middleware (so it sees the
//!   error pages too) and inside compression (so it sees plain bytes). In every HTML page it puts
//!   the page's language in front of each site path in a link or form attribute (see
//!   [`links`]); after a request whose URL named a language it does the same to the `Location`
//!   of a redirect, and to the HTML inside a JSON answer (the voting area the script swaps in).
//!
//! Paths that are never prefixed ([`is_language_neutral`]): `/api` (a JSON API negotiates
//! nothing but problem titles, and its clients keep their addresses), `/assets` (one cached copy
//! of the stylesheet), `/healthz` and `/metrics` (operators), calendar feeds (`.ics`: a calendar
//! app subscribes to one address) and stored files (`…/file`: the same bytes in any language).
//! `/en/api/…` is not stripped, so it is a 404 like any unknown path.
//!
//! Unprefixed pages render, they do not redirect. Bookmarks and links from before the prefix
//! keep working without a round trip; the integration and browser tests, and every client that
//! GETs a page and reads it (scripts, feed readers, API clients following a page link), keep
//! getting the page itself; POST forms posted to an unprefixed action keep working and keep
//! their unprefixed redirect. The page is negotiated (account setting, then cookie, then
//! `Accept-Language`), so it answers `Vary: Cookie, Accept-Language`; its `<link
//! rel="canonical">` names the prefixed address of what was shown, and its `hreflang`
//! alternates name both languages, with the unprefixed address as `x-default` — the pattern
//! search engines document for a language-negotiating page. And since every link on it carries
//! the language it was shown in, one click puts the reader on prefixed addresses, which they
//! can then copy and share.

mod links;

use std::borrow::Cow;

use axum::Router;
use axum::body::Body;
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE, LOCATION, VARY};
use axum::http::uri::PathAndQuery;
use axum::http::{HeaderValue, Request, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sosei_core::Locale;

pub use links::{prefix_site_links, prefix_site_links_in_json};

/// The first path segments that are never given a language prefix.
pub const NEVER_PREFIXED_ROOTS: [&str; 4] = ["api", "assets", "healthz", "metrics"];

/// The largest page whose links are rewritten; larger bodies pass through unchanged (no page of
/// this site comes near it: pages are rendered whole in memory).
const MAX_REWRITTEN_BODY_BYTES: usize = 32 * 1024 * 1024;

/// The language a request's URL named (`/en/regions` → English), put in the request's
/// extensions by [`route_language_prefixes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UrlLanguage(pub Locale);

/// The language prefix of `path` and the site path after it: `/en/regions` → (English,
/// `/regions`), `/ja` → (Japanese, `/`). `None` when the path names no language (`/regions`,
/// `/english`, `/enx`, `/EN/…`), when what follows would not be a plain site path (`/en//host`,
/// `/en/\host`), or when it is a path that is never prefixed (`/en/api/…`).
pub fn split_language_prefix(path: &str) -> Option<(Locale, &str)> {
    let without_slash = path.strip_prefix('/')?;
    let (segment, rest) = match without_slash.find('/') {
        Some(end) => (&without_slash[..end], &without_slash[end..]),
        None => (without_slash, "/"),
    };
    let locale = Locale::ALL
        .into_iter()
        .find(|locale| locale.as_str() == segment)?;
    if !is_site_path(rest) || is_language_neutral(rest) {
        return None;
    }
    Some((locale, rest))
}

/// Whether a site path (without its query) is the same in every language and never prefixed:
/// see the module documentation.
pub fn is_language_neutral(path: &str) -> bool {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let first_segment = path
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default();
    NEVER_PREFIXED_ROOTS.contains(&first_segment)
        || path.ends_with(".ics")
        || path.ends_with("/file")
}

/// Whether `path` already starts with a language prefix (`/en`, `/en/…`, `/en?…`).
fn has_language_prefix(path: &str) -> bool {
    let Some(without_slash) = path.strip_prefix('/') else {
        return false;
    };
    let segment_end = without_slash
        .find(['/', '?', '#'])
        .unwrap_or(without_slash.len());
    Locale::ALL
        .into_iter()
        .any(|locale| locale.as_str() == &without_slash[..segment_end])
}

/// Whether `value` is a path on this site: one `/` first (`//host` and `/\host` are read by
/// browsers as another host).
fn is_site_path(value: &str) -> bool {
    value.starts_with('/') && !value.starts_with("//") && !value.starts_with("/\\")
}

/// Whether `value` (an attribute or `Location` value) is a path of this site that should carry
/// a language prefix: a [site path](is_site_path) with no prefix yet that is not
/// [language-neutral](is_language_neutral).
pub fn wants_language_prefix(value: &str) -> bool {
    is_site_path(value) && !has_language_prefix(value) && !is_language_neutral(value)
}

/// `path` (a site path with its query) in `locale`: `/regions?q=1` → `/en/regions?q=1`; a path
/// in the other language gets this one's prefix instead (`/ja/regions` → `/en/regions`);
/// language-neutral paths and anything that is not a site path come back unchanged.
pub fn path_in_language(locale: Locale, path: &str) -> String {
    let site_path = without_language_prefix(path);
    if wants_language_prefix(&site_path) {
        format!("/{}{}", locale.as_str(), site_path)
    } else if is_site_path(&site_path) {
        site_path.into_owned()
    } else {
        path.to_owned()
    }
}

/// `path` (with its query) without its language prefix: `/en/regions?q=1` → `/regions?q=1`,
/// `/en` → `/`, `/en?q=1` → `/?q=1`.
fn without_language_prefix(path: &str) -> Cow<'_, str> {
    if !has_language_prefix(path) {
        return Cow::Borrowed(path);
    }
    // Both prefixes are a slash and two letters.
    let rest = &path[3..];
    if rest.starts_with('/') {
        Cow::Borrowed(rest)
    } else {
        Cow::Owned(format!("/{rest}"))
    }
}

/// Wrap the whole application so that `/ja/…` and `/en/…` reach the same routes as `/…`.
pub fn route_language_prefixes(app: Router) -> Router {
    let stripping = axum::middleware::from_fn(strip_language_prefix);
    Router::new().fallback_service(tower::Layer::layer(&stripping, app))
}

/// Take the language prefix off the request's path and remember it as [`UrlLanguage`].
async fn strip_language_prefix(mut request: Request<Body>, next: Next) -> Response {
    if let Some((locale, site_path)) = split_language_prefix(request.uri().path()) {
        let rewritten = match request.uri().query() {
            Some(query) => format!("{site_path}?{query}"),
            None => site_path.to_owned(),
        };
        if let Ok(path_and_query) = PathAndQuery::try_from(rewritten) {
            let mut parts = request.uri().clone().into_parts();
            parts.path_and_query = Some(path_and_query);
            if let Ok(uri) = Uri::from_parts(parts) {
                *request.uri_mut() = uri;
                request.extensions_mut().insert(UrlLanguage(locale));
            }
        }
    }
    next.run(request).await
}

/// Keep the reader's language in what a response links to, and say what it varies on. See the
/// module documentation.
pub async fn keep_language_in_responses(request: Request<Body>, next: Next) -> Response {
    let url_language = request.extensions().get::<UrlLanguage>().copied();
    let is_asset = request.uri().path().starts_with("/assets/");
    let mut response = next.run(request).await;

    if !is_asset {
        // A page whose URL names its language still depends on the session (the header, the
        // CSRF token); an unprefixed one also on the language cookie and `Accept-Language`.
        let vary = match url_language {
            Some(_) => "cookie",
            None => "cookie, accept-language",
        };
        response
            .headers_mut()
            .append(VARY, HeaderValue::from_static(vary));
    }

    if let Some(UrlLanguage(locale)) = url_language {
        prefix_location(&mut response, locale);
    }

    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let is_encoded = response
        .headers()
        .contains_key(axum::http::header::CONTENT_ENCODING);
    if is_encoded {
        return response;
    }
    if content_type.starts_with("text/html") {
        rewrite_body(response, |html| {
            let locale = links::declared_page_language(html)
                .or(url_language.map(|UrlLanguage(locale)| locale))?;
            Some(prefix_site_links(html, locale))
        })
        .await
    } else if content_type.starts_with("application/json")
        && let Some(UrlLanguage(locale)) = url_language
    {
        rewrite_body(response, |json| prefix_site_links_in_json(json, locale)).await
    } else {
        response
    }
}

/// A redirect to a site path, after a request whose URL named `locale`, stays in `locale`.
fn prefix_location(response: &mut Response, locale: Locale) {
    let Some(location) = response
        .headers()
        .get(LOCATION)
        .and_then(|value| value.to_str().ok())
    else {
        return;
    };
    if !wants_language_prefix(location) {
        return;
    }
    if let Ok(value) = HeaderValue::from_str(&format!("/{}{location}", locale.as_str())) {
        response.headers_mut().insert(LOCATION, value);
    }
}

/// Read the body as text and replace it with `rewrite`'s answer (`None`: leave it as it was).
async fn rewrite_body(
    response: Response,
    rewrite: impl FnOnce(&str) -> Option<String>,
) -> Response {
    let too_large = axum::body::HttpBody::size_hint(response.body())
        .upper()
        .is_none_or(|upper| upper > MAX_REWRITTEN_BODY_BYTES as u64);
    if too_large {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_REWRITTEN_BODY_BYTES).await {
        Ok(bytes) => bytes,
        Err(error) => {
            // The body is gone: the reader gets an error rather than half a page.
            tracing::error!(%error, "cannot read a page to keep its links in its language");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let rewritten = std::str::from_utf8(&bytes).ok().and_then(rewrite);
    match rewritten {
        Some(text) => {
            parts.headers.remove(CONTENT_LENGTH);
            Response::from_parts(parts, Body::from(text))
        }
        None => Response::from_parts(parts, Body::from(bytes)),
    }
}

#[cfg(test)]
mod tests;
