//! Who is asking, in which language, and the CSRF token their forms must carry.
//!
//! [`context_middleware`] runs on every request: it resolves a [`Ctx`] (stored in the request's
//! extensions, extracted by handlers as `ctx: Ctx`), gives new visitors a signed visitor cookie,
//! and rejects any state-changing request whose CSRF token does not match (403, nothing changed).
//!
//! The CSRF token is an HMAC of the site secret over the session (when signed in) or the visitor
//! id (when not): a synchronizer token that needs no server state and works across app servers.

use axum::body::Body;
use axum::extract::{FromRequestParts, MatchedPath, State};
use axum::http::header::{ACCEPT_LANGUAGE, CONTENT_LENGTH, COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sosei_core::{Locale, User};
use time::OffsetDateTime;

use crate::error::{AppError, ErrorReport};
use crate::signing;
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "sosei_session";
pub const VISITOR_COOKIE: &str = "sosei_visitor";
pub const LANGUAGE_COOKIE: &str = "sosei_lang";
pub const CSRF_FIELD: &str = "csrf_token";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The request's context, available to every handler.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub locale: Locale,
    pub user: Option<User>,
    /// SHA-256 of the session token, when signed in.
    pub session_token_hash: Option<String>,
    /// A stable pseudonymous id for this browser, signed: the anonymous participant identity.
    pub visitor_id: String,
    /// The token every form of this page must send back in the `csrf_token` field.
    pub csrf_token: String,
    /// Path and query of this request, for the language switcher and redirects after sign-in;
    /// without the language prefix (`/regions` for `/en/regions`).
    pub path_and_query: String,
    /// Where the public reaches this site, for the absolute addresses in the page's `<head>`.
    pub public_url: Option<crate::public_url::PublicUrl>,
}

impl Ctx {
    pub fn is_signed_in(&self) -> bool {
        self.user.is_some()
    }

    pub fn is_site_admin(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.is_site_admin)
    }

    /// The signed-in user, or an error that sends the visitor to the sign-in page.
    pub fn require_user(&self) -> Result<&User, AppError> {
        self.user.as_ref().ok_or_else(|| AppError::SignInRequired {
            return_to: self.path_and_query.clone(),
        })
    }

    /// Shorthand for [`crate::i18n::t`] in this request's language.
    pub fn t(&self, id: &str) -> String {
        crate::i18n::t(self.locale, id)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Ctx>()
            .cloned()
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("context middleware not installed")))
    }
}

/// The value of cookie `name` in the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// A `Set-Cookie` value with the attributes every Sosei cookie has.
pub fn set_cookie(state: &AppState, name: &str, value: &str, max_age_seconds: i64) -> HeaderValue {
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let header = format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}{secure}"
    );
    HeaderValue::from_str(&header).unwrap_or_else(|_| HeaderValue::from_static(""))
}

pub fn csrf_token_for(secret: &[u8], binding: &str) -> String {
    signing::sign(secret, "csrf", binding)
}

/// The methods a route may change state with. Others (TRACE, CONNECT, invented ones) have no
/// handler anywhere, so they go on to the router's 405 or 404 rather than a CSRF refusal that
/// would suggest the route exists for them.
fn is_state_changing(method: &Method) -> bool {
    matches!(
        *method,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    )
}

pub async fn context_middleware(
    State(state): State<AppState>,
    request: Request<Body>,
    next: Next,
) -> Response {
    match build_context_and_run(state, request, next).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    }
}

async fn build_context_and_run(
    state: AppState,
    request: Request<Body>,
    next: Next,
) -> Result<Response, AppError> {
    let headers = request.headers();
    let now = OffsetDateTime::now_utc();

    let (visitor_id, new_visitor_cookie) = match cookie(headers, VISITOR_COOKIE)
        .and_then(|signed| signing::open_signed_value(&state.secret, "visitor", signed))
    {
        Some(id) => (id.to_owned(), None),
        None => {
            let id = signing::random_token();
            let signed = signing::signed_value(&state.secret, "visitor", &id);
            (id, Some(signed))
        }
    };

    let mut user = None;
    let mut session_token_hash = None;
    if let Some(token) = cookie(headers, SESSION_COOKIE) {
        let hash = signing::sha256_hex(token);
        match state.store.session(&hash, now).await {
            Ok(session) => {
                user = Some(session.user);
                session_token_hash = Some(hash);
            }
            Err(sosei_store::StoreError::NotFound) => {}
            Err(other) => return Err(other.into()),
        }
    }

    // The language in the URL first (a shared link opens in the language it was shared in),
    // then the account's setting, the cookie and the browser's languages.
    let locale = request
        .extensions()
        .get::<crate::language_prefix::UrlLanguage>()
        .map(|url_language| url_language.0)
        .or_else(|| user.as_ref().and_then(|u| u.preferred_locale))
        .or_else(|| cookie(headers, LANGUAGE_COOKIE).and_then(Locale::parse))
        .or_else(|| {
            headers
                .get(ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Locale::from_accept_language)
        })
        .unwrap_or_default();

    let binding = session_token_hash
        .clone()
        .unwrap_or_else(|| visitor_id.clone());
    let csrf_token = csrf_token_for(&state.secret, &binding);
    let path_and_query = request
        .uri()
        .path_and_query()
        .map(|pq| pq.as_str().to_owned())
        .unwrap_or_else(|| "/".to_owned());

    let public_url =
        crate::public_url::PublicUrl::for_request(&state.config, request.uri(), headers);

    let ctx = Ctx {
        locale,
        user,
        session_token_hash,
        visitor_id,
        csrf_token,
        path_and_query,
        public_url,
    };

    let is_api = ctx.path_and_query.starts_with("/api/");
    let mut request = request;
    if is_state_changing(request.method()) {
        request = match check_csrf(&state, &ctx, request).await {
            Ok(request) => request,
            Err(error) => return Ok(render_error(&ctx, &error.report(), is_api)),
        };
    }
    request.extensions_mut().insert(ctx.clone());

    let mut response = next.run(request).await;
    if let Some(report) = response.extensions().get::<ErrorReport>().cloned() {
        let headers = std::mem::take(response.headers_mut());
        response = render_error(&ctx, &report, is_api);
        for (name, value) in headers.iter() {
            if name == SET_COOKIE {
                response.headers_mut().append(name, value.clone());
            }
        }
    }
    if let Some(signed) = new_visitor_cookie {
        response.headers_mut().append(
            SET_COOKIE,
            set_cookie(&state, VISITOR_COOKIE, &signed, 60 * 60 * 24 * 365),
        );
    }
    Ok(response)
}

/// Accept the request only when its `csrf_token` form field (URL-encoded or multipart) or
/// `X-CSRF-Token` header matches.
/// The body is read (within the route's size limit: large only on upload routes) and handed on
/// unchanged.
async fn check_csrf(
    state: &AppState,
    ctx: &Ctx,
    request: Request<Body>,
) -> Result<Request<Body>, AppError> {
    let expected = ctx.csrf_token.as_bytes();
    let matches = |given: &str| constant_time_eq(given.as_bytes(), expected);
    if let Some(header) = request
        .headers()
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
    {
        return if matches(header) {
            Ok(request)
        } else {
            Err(AppError::CsrfRejected)
        };
    }
    let content_type = crate::uploads::content_type_of(request.headers());
    let is_form = content_type.starts_with("application/x-www-form-urlencoded");
    let is_multipart = crate::uploads::is_multipart(&content_type);
    if !is_form && !is_multipart {
        return Err(AppError::CsrfRejected);
    }
    // Only upload routes take large bodies, decided from the route before a byte is read; a
    // declared length past the limit is refused unread, and an undeclared one is read only up
    // to the limit.
    let matched_route = request
        .extensions()
        .get::<MatchedPath>()
        .map(MatchedPath::as_str);
    let limit = crate::uploads::body_limit_for(matched_route, state.config.max_body_bytes);
    let declared_length = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared_length.is_some_and(|length| length > limit as u64) {
        return Err(AppError::PayloadTooLarge);
    }
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| AppError::PayloadTooLarge)?;
    let token_ok = if is_multipart {
        crate::uploads::multipart_text_field(&content_type, bytes.clone(), CSRF_FIELD)
            .await
            .is_some_and(|value| matches(&value))
    } else {
        form_urlencoded::parse(&bytes)
            .find(|(key, _)| key == CSRF_FIELD)
            .is_some_and(|(_, value)| matches(&value))
    };
    if !token_ok {
        return Err(AppError::CsrfRejected);
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// An error as a page in the reader's language, or as problem details under `/api/`.
fn render_error(ctx: &Ctx, report: &ErrorReport, is_api: bool) -> Response {
    if is_api {
        crate::error::problem_response(ctx, report)
    } else {
        crate::layout::error_page(ctx, report)
    }
}
