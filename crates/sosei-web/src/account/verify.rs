//! Verifying the e-mail address: a link is sent at sign-up and again on request (from the
//! account page). Opening the link shows a button rather than verifying at once, so a mail
//! scanner that follows links confirms nothing; pressing it marks the address verified.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;
use sosei_core::User;
use sosei_store::{AccountTokenPurpose, StoreError};
use time::OffsetDateTime;

use crate::account::links::{
    LinkSent, mail_locale, send_link, token_hash_from_path, usable_token_hash,
};
use crate::context::Ctx;
use crate::error::AppError;
use crate::layout::{csrf_field, html_response, html_response_with_status, page, percent_encode};
use crate::state::AppState;

/// Send the link a new account gets.
pub async fn send_after_sign_up(state: &AppState, ctx: &Ctx, user: &User) -> Result<(), AppError> {
    let locale = mail_locale(user, ctx.locale);
    send_link(state, user, AccountTokenPurpose::EmailVerification, locale).await?;
    Ok(())
}

fn link_not_working(ctx: &Ctx) -> Response {
    let title = ctx.t("account-link-not-working-title");
    let body = html! {
        h1 { (title) }
        p { (ctx.t("account-verify-link-not-working")) }
        p { a href="/account" { (ctx.t("auth-account-title")) } }
    };
    html_response_with_status(StatusCode::GONE, page(ctx, &title, body))
}

pub async fn confirm_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    if usable_token_hash(&state, &token, AccountTokenPurpose::EmailVerification)
        .await?
        .is_none()
    {
        return Ok(link_not_working(&ctx));
    }
    let title = ctx.t("account-verify-title");
    let body = html! {
        h1 { (title) }
        p { (ctx.t("account-verify-lead")) }
        form method="post" action={ "/verify-email/" (percent_encode(&token)) } {
            (csrf_field(&ctx))
            button type="submit" class="button" { (ctx.t("account-verify-submit")) }
        }
    };
    Ok(html_response(page(&ctx, &title, body)))
}

pub async fn confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let Some(token_hash) = token_hash_from_path(&token) else {
        return Ok(link_not_working(&ctx));
    };
    let user_id = match state
        .store
        .verify_email_with_token(&token_hash, OffsetDateTime::now_utc())
        .await
    {
        Ok(user_id) => user_id,
        Err(StoreError::NotFound) => return Ok(link_not_working(&ctx)),
        Err(other) => return Err(other.into()),
    };
    tracing::info!(%user_id, "e-mail address verified");
    let title = ctx.t("account-verify-done-title");
    let body = html! {
        h1 { (title) }
        div class="alert alert-success" role="status" { p { (ctx.t("account-verify-done")) } }
        p { a href="/account" { (ctx.t("auth-account-title")) } }
    };
    Ok(html_response(page(&ctx, &title, body)))
}

/// Send the link again (signed in; the account page's button).
pub async fn send_again(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    let title = ctx.t("account-verification-heading");
    if state.store.email_verified_at(user.id).await?.is_some() {
        let body = html! {
            h1 { (title) }
            p { (ctx.t("account-verify-already")) }
            p { a href="/account" { (ctx.t("auth-account-title")) } }
        };
        return Ok(html_response(page(&ctx, &title, body)));
    }
    let locale = mail_locale(user, ctx.locale);
    let sent = send_link(&state, user, AccountTokenPurpose::EmailVerification, locale).await?;
    let (status, message) = match sent {
        LinkSent::Sent => (
            StatusCode::OK,
            crate::i18n::t_args(
                ctx.locale,
                "account-verification-sent",
                &[("email", user.email.as_str().to_owned().into())],
            ),
        ),
        LinkSent::HeldBack => (
            StatusCode::TOO_MANY_REQUESTS,
            ctx.t("account-verification-held-back"),
        ),
    };
    let body = html! {
        h1 { (title) }
        div class="alert" role="status" { p { (message) } }
        p { a href="/account" { (ctx.t("auth-account-title")) } }
    };
    Ok(html_response_with_status(status, page(&ctx, &title, body)))
}
