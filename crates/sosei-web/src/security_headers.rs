//! The security headers every response carries: pages, error pages, assets, the API and the
//! operational endpoints alike.
//!
//! - `Content-Security-Policy`: everything from this site only, no inline script or style (pages
//!   carry none: scripts are files under `/assets`, and colours and bar widths are classes of the
//!   stylesheet), no plug-ins, forms post only here, and no other site may frame a page
//!   (`frame-ancestors 'none'`, with `X-Frame-Options: DENY` for older browsers).
//! - `X-Content-Type-Options: nosniff`, `Referrer-Policy: same-origin` (a search in an address
//!   never leaves the site in a `Referer`).
//! - `Strict-Transport-Security` when the site is served over HTTPS (`--secure-cookies`).
//!
//! A header a handler already set is kept: stored-file downloads have a stricter, sandboxing
//! policy of their own (`uploads`).

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::header::{
    CONTENT_SECURITY_POLICY, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS,
    X_FRAME_OPTIONS,
};
use axum::http::{HeaderName, HeaderValue, Request};
use axum::middleware::Next;
use axum::response::Response;

use crate::state::AppState;

/// The policy of every page.
pub const CONTENT_SECURITY_POLICY_VALUE: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
     object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// A year, as HSTS asks: browsers keep using HTTPS for this site for that long.
pub const STRICT_TRANSPORT_SECURITY_VALUE: &str = "max-age=31536000";

/// Add the headers to every response of `app` (the outermost layer, so responses made by the
/// other layers, such as a refused oversized body or a timeout, carry them too).
pub fn wrap(app: Router<AppState>, state: &AppState) -> Router<AppState> {
    app.layer(axum::middleware::from_fn_with_state(
        state.clone(),
        add_security_headers,
    ))
}

async fn add_security_headers(
    State(state): State<AppState>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let mut set_unless_present = |name: HeaderName, value: &'static str| {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    };
    set_unless_present(CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_VALUE);
    set_unless_present(X_CONTENT_TYPE_OPTIONS, "nosniff");
    set_unless_present(REFERRER_POLICY, "same-origin");
    set_unless_present(X_FRAME_OPTIONS, "DENY");
    if state.config.secure_cookies {
        set_unless_present(STRICT_TRANSPORT_SECURITY, STRICT_TRANSPORT_SECURITY_VALUE);
    }
    response
}
