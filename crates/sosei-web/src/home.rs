//! The home page.

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use maud::html;

use crate::context::Ctx;
use crate::layout::{html_response, page};
pub use crate::redirect::safe_return_path;
use crate::regions::{found, prefectures_by_code, region_card, search_form};
use crate::state::AppState;

/// How many regions and organisations the home page features.
const FEATURED_COUNT: usize = 6;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/language", axum::routing::post(switch_language))
}

async fn home(State(state): State<AppState>, ctx: Ctx) -> Result<Response, crate::AppError> {
    let profiles = state.store.list_region_profiles().await?;
    let prefectures = if profiles.is_empty() {
        Default::default()
    } else {
        prefectures_by_code(&state).await?
    };
    let mut featured_regions = Vec::new();
    for profile in profiles.iter().take(FEATURED_COUNT) {
        if let Some(municipality) = found(state.store.municipality(profile.code).await)? {
            featured_regions.push((municipality, profile));
        }
    }
    let organisations = state.store.list_organisations().await?;
    let featured_organisations: Vec<_> =
        organisations.iter().take(FEATURED_COUNT).cloned().collect();

    let body = html! {
        section class="hero" aria-labelledby="hero-heading" {
            p class="hero-kicker" { (ctx.t("home-kicker")) }
            h1 id="hero-heading" { (ctx.t("home-title")) }
            p class="lead" { (ctx.t("home-lead")) }
            p class="hero-actions" {
                a class="button" href="/conversations" { (ctx.t("navigation-hero-conversations")) }
                " "
                a class="button button-secondary" href="/regions" { (ctx.t("home-explore-regions")) }
                " "
                a class="button button-secondary" href="/organisations" { (ctx.t("home-explore-organisations")) }
            }
        }

        section class="five-s" aria-labelledby="five-s-heading" {
            h2 id="five-s-heading" { (ctx.t("home-five-s-heading")) }
            p { (ctx.t("home-five-s-lead")) }
            (crate::navigation::five_s_cards(&ctx))
        }

        (search_form(&ctx, "", 2))

        section aria-labelledby="featured-regions-heading" {
            h2 id="featured-regions-heading" { (ctx.t("home-featured-regions")) }
            @if featured_regions.is_empty() {
                p { (ctx.t("regions-profiled-none")) }
            } @else {
                ul class="card-grid" {
                    @for (municipality, profile) in &featured_regions {
                        (region_card(&ctx, municipality, prefectures.get(&municipality.code.prefecture_code()), profile, 3))
                    }
                }
                @if profiles.len() > featured_regions.len() {
                    p { a href="/regions" { (ctx.t("home-all-regions")) } }
                }
            }
        }

        section aria-labelledby="featured-organisations-heading" {
            h2 id="featured-organisations-heading" { (ctx.t("home-featured-organisations")) }
            @if featured_organisations.is_empty() {
                p { (ctx.t("organisations-none")) }
            } @else {
                (crate::organisations::organisation_cards(&ctx, &featured_organisations))
                @if organisations.len() > featured_organisations.len() {
                    p { a href="/organisations" { (ctx.t("home-all-organisations")) } }
                }
            }
        }
    };
    Ok(html_response(page(&ctx, &ctx.t("home-title"), body)))
}

#[derive(serde::Deserialize)]
struct LanguageForm {
    to: String,
    return_to: Option<String>,
}

/// Switch the interface language: a cookie for everyone, and the account setting when signed in.
async fn switch_language(
    axum::extract::State(state): axum::extract::State<AppState>,
    ctx: Ctx,
    axum::Form(form): axum::Form<LanguageForm>,
) -> Result<Response, crate::AppError> {
    let locale = sosei_core::Locale::parse(&form.to).ok_or(crate::AppError::BadRequest {
        message_id: "error-language-unknown",
    })?;
    if let Some(user) = &ctx.user {
        state
            .store
            .set_preferred_locale(user.id, Some(locale))
            .await?;
    }
    // Back to the same page, at its address in the chosen language.
    let return_path = crate::redirect::LocalPath::parse_or_home(form.return_to.as_deref());
    let target = crate::language_prefix::path_in_language(locale, return_path.as_str());
    let mut response = crate::redirect::see_other_local(Some(&target));
    response.headers_mut().append(
        axum::http::header::SET_COOKIE,
        crate::context::set_cookie(
            &state,
            crate::context::LANGUAGE_COOKIE,
            locale.as_str(),
            60 * 60 * 24 * 365,
        ),
    );
    Ok(response)
}
