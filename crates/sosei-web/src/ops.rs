//! Operational endpoints and the layers every request passes through.
//!
//! `/healthz` asks the database for a trivial answer; `/metrics` renders request counters, a
//! latency histogram and the process uptime in the Prometheus text format (written by hand: the
//! format is small and stable, and a metrics crate would be a heavier dependency than this file).
//! `/metrics` is for the operator only ([`metrics_access`]): from the loopback interface, or with
//! the bearer token of `WebConfig::metrics_token`.
//! [`wrap`] also adds the request log line, the body size limit, the request timeout and gzip.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::net::SocketAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, MatchedPath, State};
use axum::http::{HeaderMap, HeaderValue, Method, Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sosei_core::Locale;
use sosei_store::Backend;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::state::AppState;

/// How long one request may take before the server gives up on it with 503. Long enough for any
/// page; short enough that a graceful shutdown never waits on a stuck request for long.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Upper bounds (seconds) of the latency histogram's buckets.
pub const LATENCY_BUCKETS_SECONDS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// The route label of requests that matched no route (so unknown paths cannot grow the label set).
const UNMATCHED_ROUTE: &str = "unmatched";

/// Request counters and latency histograms, rendered at `/metrics`.
#[derive(Debug)]
pub struct Metrics {
    started_at: Instant,
    recorded: Mutex<Recorded>,
}

#[derive(Debug, Default)]
struct Recorded {
    /// (method, route, status class) -> number of requests.
    requests: BTreeMap<(String, String, &'static str), u64>,
    /// route -> latency histogram.
    latency: BTreeMap<String, Histogram>,
}

#[derive(Debug, Default, Clone)]
struct Histogram {
    /// Non-cumulative counts per bucket; the cumulative `le` values are summed when rendering.
    bucket_counts: [u64; LATENCY_BUCKETS_SECONDS.len()],
    count: u64,
    sum_seconds: f64,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics {
            started_at: Instant::now(),
            recorded: Mutex::new(Recorded::default()),
        }
    }
}

impl Metrics {
    /// Count one finished request. `route` is the matched route pattern (e.g.
    /// `/regions/{code}`), never the raw path, so the number of series stays bounded.
    pub fn record(
        &self,
        method: &Method,
        route: Option<&str>,
        status: StatusCode,
        latency: Duration,
    ) {
        let method = bounded_method(method);
        let route = route.unwrap_or(UNMATCHED_ROUTE).to_owned();
        let status_class = status_class(status);
        let seconds = latency.as_secs_f64();
        let mut recorded = self.lock();
        *recorded
            .requests
            .entry((method.to_owned(), route.clone(), status_class))
            .or_insert(0) += 1;
        let histogram = recorded.latency.entry(route).or_default();
        if let Some(index) = LATENCY_BUCKETS_SECONDS
            .iter()
            .position(|upper| seconds <= *upper)
        {
            histogram.bucket_counts[index] += 1;
        }
        histogram.count += 1;
        histogram.sum_seconds += seconds;
    }

    /// How many requests were counted for this method, route and status class (for tests and
    /// diagnostics).
    pub fn request_count(&self, method: &str, route: &str, status_class: &str) -> u64 {
        self.lock()
            .requests
            .iter()
            .filter(|((m, r, s), _)| m == method && r == route && *s == status_class)
            .map(|(_, count)| *count)
            .sum()
    }

    /// Everything in the Prometheus text exposition format (version 0.0.4).
    pub fn render_prometheus(&self) -> String {
        let recorded = self.lock();
        let mut out = String::new();

        out.push_str(
            "# HELP sosei_http_requests_total HTTP requests served, by method, route and status class.\n",
        );
        out.push_str("# TYPE sosei_http_requests_total counter\n");
        for ((method, route, status_class), count) in &recorded.requests {
            let _ = writeln!(
                out,
                "sosei_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {count}",
                escape_label(method),
                escape_label(route),
                status_class
            );
        }

        out.push_str(
            "# HELP sosei_http_request_duration_seconds Time to produce a response, by route.\n",
        );
        out.push_str("# TYPE sosei_http_request_duration_seconds histogram\n");
        for (route, histogram) in &recorded.latency {
            let route = escape_label(route);
            let mut cumulative = 0;
            for (upper, count) in LATENCY_BUCKETS_SECONDS.iter().zip(histogram.bucket_counts) {
                cumulative += count;
                let _ = writeln!(
                    out,
                    "sosei_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{upper}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "sosei_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
                histogram.count
            );
            let _ = writeln!(
                out,
                "sosei_http_request_duration_seconds_sum{{route=\"{route}\"}} {}",
                histogram.sum_seconds
            );
            let _ = writeln!(
                out,
                "sosei_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                histogram.count
            );
        }

        out.push_str("# HELP sosei_process_uptime_seconds Seconds since the server started.\n");
        out.push_str("# TYPE sosei_process_uptime_seconds gauge\n");
        let _ = writeln!(
            out,
            "sosei_process_uptime_seconds {}",
            self.started_at.elapsed().as_secs_f64()
        );
        out
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Recorded> {
        // A panic while holding the lock leaves plain counters behind: still usable.
        self.recorded
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Methods outside the standard set share one label, so a client cannot invent new series.
fn bounded_method(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "OTHER",
    }
}

fn status_class(status: StatusCode) -> &'static str {
    match status.as_u16() {
        100..=199 => "1xx",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    }
}

fn escape_label(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Add `/healthz`, `/metrics` and the layers every request passes through.
///
/// The operational endpoints sit outside the context middleware on purpose: a load balancer's
/// health check should neither get a visitor cookie nor look up a session.
pub fn wrap(app: Router<AppState>, state: &AppState) -> Router<AppState> {
    let max_body_bytes = state.config.max_body_bytes;
    // The outer cap admits a file upload; every other request is held to `max_body_bytes` by
    // the extractors' limit here and the CSRF check's (upload routes raise the former).
    let hard_cap = max_body_bytes.max(crate::uploads::MAX_UPLOAD_REQUEST_BYTES);
    app.route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .layer(axum::extract::DefaultBodyLimit::max(max_body_bytes))
        .layer(RequestBodyLimitLayer::new(hard_cap))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            record_metrics,
        ))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request<Body>| {
                    // The path without its query: queries may carry what people searched for.
                    tracing::info_span!(
                        "request",
                        method = %request.method(),
                        path = %request.uri().path(),
                    )
                })
                .on_response(
                    DefaultOnResponse::new()
                        .level(Level::INFO)
                        .latency_unit(tower_http::LatencyUnit::Millis),
                ),
        )
}

/// Measure every request. Runs inside the router (added with `Router::layer`), so the matched
/// route pattern is already known.
async fn record_metrics(
    State(state): State<AppState>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|matched| matched.as_str().to_owned());
    let response = next.run(request).await;
    state.metrics.record(
        &method,
        route.as_deref(),
        response.status(),
        started.elapsed(),
    );
    response
}

fn backend_name(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    }
}

async fn healthz(State(state): State<AppState>) -> Response {
    let database = backend_name(state.store.backend());
    match state.store.ping().await {
        Ok(()) => {
            axum::Json(serde_json::json!({ "status": "ok", "database": database })).into_response()
        }
        Err(error) => {
            tracing::error!(%error, "health check: the database did not answer");
            // No request context here (see `wrap`), so the problem is written directly, in
            // English: its readers are load balancers and operators.
            let body = serde_json::json!({
                "type": "tag:sosei,2026:error-unavailable",
                "title": crate::i18n::t(Locale::En, "error-unavailable"),
                "status": StatusCode::SERVICE_UNAVAILABLE.as_u16(),
                "detail": format!("the {database} database did not answer"),
                "instance": "/healthz",
            });
            let mut response = (StatusCode::SERVICE_UNAVAILABLE, body.to_string()).into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/problem+json"),
            );
            response
        }
    }
}

/// Whether a request may read `/metrics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MetricsAccess {
    Allowed,
    /// A token is configured and the request did not carry it: 401 with a challenge.
    NeedsToken,
    /// No token is configured and the request is not from this machine: 404, as if the route
    /// did not exist.
    Hidden,
}

/// Loopback callers (a Prometheus agent on the same machine) may read the metrics; anyone else
/// needs the operator's token. A request that came through a reverse proxy (one that adds a
/// forwarding header) does not count as loopback even though the proxy connects from
/// 127.0.0.1: the person behind it is elsewhere.
fn metrics_access(
    peer: Option<SocketAddr>,
    headers: &HeaderMap,
    configured_token: Option<&str>,
) -> MetricsAccess {
    let forwarded = ["forwarded", "x-forwarded-for", "x-real-ip"]
        .iter()
        .any(|name| headers.contains_key(*name));
    let from_loopback = peer.is_some_and(|peer| peer.ip().is_loopback()) && !forwarded;
    if from_loopback {
        return MetricsAccess::Allowed;
    }
    let Some(configured_token) = configured_token else {
        return MetricsAccess::Hidden;
    };
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| {
            let (scheme, token) = value.trim().split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
        });
    match presented {
        Some(token) if tokens_match(token, configured_token) => MetricsAccess::Allowed,
        _ => MetricsAccess::NeedsToken,
    }
}

/// Compare in time independent of where the tokens differ, and of their lengths (both are
/// hashed first, so only digests of equal length are compared).
fn tokens_match(presented: &str, configured: &str) -> bool {
    use sha2::{Digest, Sha256};
    let presented = Sha256::digest(presented.as_bytes());
    let configured = Sha256::digest(configured.as_bytes());
    presented
        .iter()
        .zip(configured.iter())
        .fold(0u8, |difference, (a, b)| difference | (a ^ b))
        == 0
}

async fn metrics(State(state): State<AppState>, request: Request<Body>) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(address)| *address);
    match metrics_access(
        peer,
        request.headers(),
        state.config.metrics_token.as_deref(),
    ) {
        MetricsAccess::Allowed => {}
        MetricsAccess::Hidden => return StatusCode::NOT_FOUND.into_response(),
        MetricsAccess::NeedsToken => {
            return (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, "Bearer realm=\"sosei-metrics\"")],
                "a bearer token is needed to read the metrics\n",
            )
                .into_response();
        }
    }
    let mut response = state.metrics.render_prometheus().into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    response
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_counted_by_route_pattern_and_status_class() {
        let metrics = Metrics::default();
        metrics.record(
            &Method::GET,
            Some("/regions/{code}"),
            StatusCode::OK,
            Duration::from_millis(3),
        );
        metrics.record(
            &Method::GET,
            Some("/regions/{code}"),
            StatusCode::NO_CONTENT,
            Duration::from_millis(70),
        );
        metrics.record(
            &Method::GET,
            None,
            StatusCode::NOT_FOUND,
            Duration::from_secs(20),
        );
        assert_eq!(metrics.request_count("GET", "/regions/{code}", "2xx"), 2);
        assert_eq!(metrics.request_count("GET", UNMATCHED_ROUTE, "4xx"), 1);

        let text = metrics.render_prometheus();
        assert!(text.contains(
            "sosei_http_requests_total{method=\"GET\",route=\"/regions/{code}\",status=\"2xx\"} 2"
        ));
        // Buckets are cumulative: 3 ms falls in le=0.005, 70 ms first in le=0.1.
        assert!(text.contains(
            "sosei_http_request_duration_seconds_bucket{route=\"/regions/{code}\",le=\"0.005\"} 1"
        ));
        assert!(text.contains(
            "sosei_http_request_duration_seconds_bucket{route=\"/regions/{code}\",le=\"0.05\"} 1"
        ));
        assert!(text.contains(
            "sosei_http_request_duration_seconds_bucket{route=\"/regions/{code}\",le=\"0.1\"} 2"
        ));
        // 20 s exceeds every finite bucket but is still counted.
        assert!(text.contains(
            "sosei_http_request_duration_seconds_bucket{route=\"unmatched\",le=\"10\"} 0"
        ));
        assert!(text.contains(
            "sosei_http_request_duration_seconds_bucket{route=\"unmatched\",le=\"+Inf\"} 1"
        ));
        assert!(text.contains("sosei_process_uptime_seconds "));
    }

    #[test]
    fn metrics_are_for_loopback_or_the_token_holder() {
        let loopback: SocketAddr = "127.0.0.1:50000".parse().unwrap();
        let loopback_v6: SocketAddr = "[::1]:50000".parse().unwrap();
        let outside: SocketAddr = "203.0.113.9:50000".parse().unwrap();
        let token = "a-long-operator-token-0123456789";
        let with = |pairs: &[(&'static str, &str)]| {
            let mut headers = HeaderMap::new();
            for (name, value) in pairs {
                headers.insert(*name, HeaderValue::from_str(value).unwrap());
            }
            headers
        };
        let none = HeaderMap::new();
        let check = |peer, headers: &HeaderMap, configured, expected| {
            assert_eq!(
                metrics_access(peer, headers, configured),
                expected,
                "{peer:?} {headers:?} {configured:?}"
            );
        };
        check(Some(loopback), &none, None, MetricsAccess::Allowed);
        check(Some(loopback_v6), &none, None, MetricsAccess::Allowed);
        check(Some(outside), &none, None, MetricsAccess::Hidden);
        check(None, &none, None, MetricsAccess::Hidden);
        // Through a reverse proxy on the same machine: not loopback.
        let proxied = with(&[("x-forwarded-for", "198.51.100.7")]);
        check(Some(loopback), &proxied, None, MetricsAccess::Hidden);
        check(Some(outside), &none, Some(token), MetricsAccess::NeedsToken);
        let right = with(&[("authorization", &format!("Bearer {token}"))]);
        check(Some(outside), &right, Some(token), MetricsAccess::Allowed);
        let lower_case = with(&[("authorization", &format!("bearer {token}"))]);
        check(
            Some(outside),
            &lower_case,
            Some(token),
            MetricsAccess::Allowed,
        );
        let wrong = with(&[("authorization", "Bearer a-long-operator-token-0123456780")]);
        check(
            Some(outside),
            &wrong,
            Some(token),
            MetricsAccess::NeedsToken,
        );
        let basic = with(&[("authorization", &format!("Basic {token}"))]);
        check(
            Some(outside),
            &basic,
            Some(token),
            MetricsAccess::NeedsToken,
        );
        let prefix = with(&[("authorization", "Bearer a-long")]);
        check(
            Some(outside),
            &prefix,
            Some(token),
            MetricsAccess::NeedsToken,
        );
    }

    #[test]
    fn invented_methods_share_one_label_and_labels_are_escaped() {
        let metrics = Metrics::default();
        let method = Method::from_bytes(b"BREW").unwrap();
        metrics.record(&method, Some("/a\"b"), StatusCode::OK, Duration::ZERO);
        let text = metrics.render_prometheus();
        assert!(
            text.contains("method=\"OTHER\",route=\"/a\\\"b\""),
            "{text}"
        );
    }
}
