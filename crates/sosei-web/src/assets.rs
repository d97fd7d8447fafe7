//! Static assets, compiled into the binary: the stylesheet and the icon. No CDN, no build step.

use axum::Router;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::IntoResponse;
use axum::routing::get;

use crate::state::AppState;

pub const STYLESHEET_PATH: &str = "/assets/sosei.css";
pub const ICON_PATH: &str = "/assets/icon.svg";
pub const DELIBERATION_SCRIPT_PATH: &str = "/assets/deliberation.js";

const STYLESHEET: &str = include_str!("../assets/sosei.css");
const ICON: &str = include_str!("../assets/icon.svg");
const DELIBERATION_SCRIPT: &str = include_str!("../assets/deliberation.js");

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(STYLESHEET_PATH, get(stylesheet))
        .route(ICON_PATH, get(icon))
        .route(DELIBERATION_SCRIPT_PATH, get(deliberation_script))
}

async fn stylesheet() -> impl IntoResponse {
    (
        [
            (CONTENT_TYPE, "text/css; charset=utf-8"),
            (CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLESHEET,
    )
}

async fn icon() -> impl IntoResponse {
    (
        [
            (CONTENT_TYPE, "image/svg+xml"),
            (CACHE_CONTROL, "public, max-age=86400"),
        ],
        ICON,
    )
}

async fn deliberation_script() -> impl IntoResponse {
    (
        [
            (CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (CACHE_CONTROL, "public, max-age=3600"),
        ],
        DELIBERATION_SCRIPT,
    )
}
