//! Static assets, compiled into the binary: the stylesheet and the icon. No CDN, no build step.

use axum::Router;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::IntoResponse;
use axum::routing::get;

use crate::state::AppState;

pub const STYLESHEET_PATH: &str = "/assets/sosei.css";
pub const ICON_PATH: &str = "/assets/icon.svg";

const STYLESHEET: &str = include_str!("../assets/sosei.css");
const ICON: &str = include_str!("../assets/icon.svg");

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(STYLESHEET_PATH, get(stylesheet))
        .route(ICON_PATH, get(icon))
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
