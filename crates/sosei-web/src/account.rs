//! The account's life beyond signing in and out (`auth`): resetting a forgotten password and
//! verifying the e-mail address by links sent through the outbox, the terms of use and the
//! privacy policy with each person's acceptance, and the rights the Act on the Protection of
//! Personal Information gives: downloading one's data and deleting one's account.
//!
//! What an unverified address may do: everything a verified one may. Residents often vote once
//! from a link, and a mail step would turn many away; what a verified address adds is certainty
//! for the people who will write to it (coordinators), so its state is shown on the account page.
//! Someone who signs up with another person's address gains nothing lasting: the owner can take
//! the account over with a password reset (whose link also verifies the address) and delete it.

pub mod consent;
pub mod data;
pub mod delete;
pub mod documents;
pub mod links;
pub mod reset;
pub mod verify;

use axum::Router;
use axum::routing::{get, post};
use maud::{Markup, html};
use sosei_core::User;

use crate::context::Ctx;
use crate::error::AppError;
use crate::layout::csrf_field;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/password-reset",
            get(reset::request_page).post(reset::request),
        )
        .route(
            "/password-reset/{token}",
            get(reset::new_password_page).post(reset::set_new_password),
        )
        .route(
            "/verify-email/{token}",
            get(verify::confirm_page).post(verify::confirm),
        )
        .route("/account/verification", post(verify::send_again))
        .route("/consent", get(consent::consent_page).post(consent::accept))
        .route("/terms", get(documents::current_terms))
        .route("/terms/{version}", get(documents::terms_version))
        .route("/privacy", get(documents::current_privacy))
        .route("/privacy/{version}", get(documents::privacy_version))
        .route("/account/data.json", get(data::download))
        .route(
            "/account/delete",
            get(delete::delete_page).post(delete::delete),
        )
        .route("/account-deleted", get(delete::deleted_page))
}

/// The account page's sections about the address, the documents accepted and the person's
/// data (drawn into `auth`'s account page).
pub async fn account_page_sections(
    state: &AppState,
    ctx: &Ctx,
    user: &User,
) -> Result<Markup, AppError> {
    let verified_at = state.store.email_verified_at(user.id).await?;
    let acceptances = state.store.legal_acceptances_of(user.id).await?;
    Ok(html! {
        section aria-labelledby="verification-heading" {
            h2 id="verification-heading" { (ctx.t("account-verification-heading")) }
            @if let Some(at) = verified_at {
                p { span class="tag" { (ctx.t("account-verified")) } " " (crate::i18n::format_date(ctx.locale, at.date())) }
            } @else {
                p { span class="tag" { (ctx.t("account-unverified")) } }
                p class="hint" { (ctx.t("account-unverified-explained")) }
                form method="post" action="/account/verification" class="inline-form" {
                    (csrf_field(ctx))
                    button type="submit" class="button button-small" { (ctx.t("account-verification-send")) }
                }
            }
        }
        section aria-labelledby="consents-heading" {
            h2 id="consents-heading" { (ctx.t("account-consents-heading")) }
            @if acceptances.is_empty() {
                p class="muted" { (ctx.t("account-consents-none")) }
            } @else {
                ul {
                    @for acceptance in &acceptances {
                        li {
                            a href=(documents::version_path(acceptance.kind, acceptance.version)) {
                                (documents::document_version_name(ctx, acceptance.kind, acceptance.version))
                            }
                            " " (crate::i18n::t_args(ctx.locale, "account-consent-accepted-on", &[("date", crate::i18n::format_date(ctx.locale, acceptance.accepted_at.date()).into())]))
                        }
                    }
                }
            }
        }
        section aria-labelledby="your-data-heading" {
            h2 id="your-data-heading" { (ctx.t("account-data-heading")) }
            p { (ctx.t("account-data-lead")) }
            p { a class="button button-small" href="/account/data.json" download { (ctx.t("account-data-download")) } }
            p { a href="/account/delete" { (ctx.t("account-delete-link")) } }
        }
    })
}
