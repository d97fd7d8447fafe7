//! The web layer: the only crate that speaks HTTP or renders HTML.
//!
//! Server-rendered pages in Japanese and English (maud templates, plain forms that work without
//! JavaScript), the JSON API under `/api/v1` with its OpenAPI document, and the operational
//! endpoints. Every request passes through [`context::context_middleware`], which resolves the
//! language, the signed-in user and the CSRF token, and rejects state-changing requests without a
//! valid token. The language can be in the URL (`/en/regions`): see [`language_prefix`].

pub mod account;
pub mod admin;
pub mod admin_legal;
pub mod api;
pub mod assets;
pub mod auth;
pub mod authz;
pub mod client_address;
pub mod context;
pub mod coordinate;
pub mod csv_export;
pub mod deliberation;
pub mod error;
pub mod forms;
pub mod home;
pub mod i18n;
pub mod ical;
pub mod language_prefix;
pub mod layout;
pub mod matching_pages;
pub mod navigation;
pub mod ops;
pub mod organisations;
pub mod page_head;
pub mod programmes;
pub mod public_url;
pub mod redirect;
pub mod regions;
pub mod security_headers;
pub mod signing;
pub mod state;
pub mod uploads;

use axum::Router;

pub use context::Ctx;
pub use error::AppError;
pub use state::{AppState, WebConfig};

/// The whole application: pages, API, assets and operational endpoints.
pub fn router(state: AppState) -> Router {
    let app = Router::new()
        .merge(home::routes())
        .merge(auth::routes())
        .merge(account::routes())
        .merge(regions::routes())
        .merge(organisations::routes())
        .merge(coordinate::routes())
        .merge(deliberation::routes())
        .merge(programmes::routes())
        .merge(matching_pages::routes())
        .merge(admin::routes())
        .merge(admin_legal::routes())
        .merge(api::routes())
        .merge(assets::routes())
        .fallback(error::not_found)
        // Inside the context middleware, which resolves who is asking first.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            account::consent::consent_gate,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            context::context_middleware,
        ))
        // Outside the context middleware, to see its error pages too; inside `ops::wrap`'s
        // compression, to see plain pages.
        .layer(axum::middleware::from_fn(
            language_prefix::keep_language_in_responses,
        ));
    language_prefix::route_language_prefixes(
        security_headers::wrap(ops::wrap(app, &state), &state).with_state(state),
    )
}
