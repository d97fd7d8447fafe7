//! Operational endpoints and request metrics. (Skeleton: filled in by the operations work.)

use axum::Router;

use crate::state::AppState;

/// Request counters and latency histograms, rendered at `/metrics`.
#[derive(Debug, Default)]
pub struct Metrics {}

/// Add `/healthz`, `/metrics` and the request-metrics layer around the application.
pub fn wrap(app: Router<AppState>, _state: &AppState) -> Router<AppState> {
    app
}
