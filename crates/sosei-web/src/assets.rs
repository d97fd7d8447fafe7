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

/// The stylesheet with the rules pages use instead of `style` attributes (which the
/// Content-Security-Policy refuses): a width for each whole percentage and a colour for each
/// opinion group.
static FULL_STYLESHEET: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    use std::fmt::Write as _;
    let mut css = STYLESHEET.to_owned();
    css.push_str("\n/* Generated in assets.rs: widths by percentage, colours by group. */\n");
    for percent in 0..=100 {
        let _ = writeln!(css, ".share-{percent} {{ width: {percent}%; }}");
    }
    for (index, colour) in crate::deliberation::results::charts::GROUP_COLOURS
        .iter()
        .enumerate()
    {
        let _ = writeln!(css, ".group-colour-{index} {{ --group-colour: {colour}; }}");
    }
    css
});

/// The class that makes a bar `fraction` (0 to 1) of its track wide, in whole percent.
pub fn share_class(fraction: f64) -> String {
    let percent = if fraction.is_finite() {
        (fraction * 100.0).round().clamp(0.0, 100.0) as u8
    } else {
        0
    };
    format!("share-{percent}")
}

async fn stylesheet() -> impl IntoResponse {
    (
        [
            (CONTENT_TYPE, "text/css; charset=utf-8"),
            (CACHE_CONTROL, "public, max-age=3600"),
        ],
        FULL_STYLESHEET.as_str(),
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
