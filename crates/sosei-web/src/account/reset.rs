//! Resetting a forgotten password: ask for a link by e-mail address, open it, choose a new
//! password. The request page answers the same whether or not an account has the address (and
//! whether or not the rate limit held the mail back), so it tells nobody who has an account.
//! Using the link ends every session of the account; the link works once, for an hour.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::header::REFERRER_POLICY;
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use maud::{Markup, html};
use sosei_core::{EmailAddress, NewPassword};
use sosei_store::{AccountTokenPurpose, StoreError};
use time::OffsetDateTime;

use crate::account::links::{mail_locale, send_link, token_hash_from_path, usable_token_hash};
use crate::context::Ctx;
use crate::error::AppError;
use crate::forms::{Field, FormErrors, field_label};
use crate::layout::{csrf_field, html_response, html_response_with_status, page, percent_encode};
use crate::state::AppState;

fn label(ctx: &Ctx, field: &str) -> String {
    field_label(ctx, "account", field)
}

/// A page whose URL holds a secret: no `Referer` leaves it.
fn without_referrer(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ResetRequestForm {
    email: String,
}

pub async fn request_page(ctx: Ctx) -> Response {
    html_response(request_markup(&ctx, "", &FormErrors::new()))
}

fn request_markup(ctx: &Ctx, email: &str, errors: &FormErrors) -> Markup {
    let title = ctx.t("account-reset-title");
    let email_field = Field::new("email", label(ctx, "email"))
        .required()
        .value(email)
        .autocomplete("email");
    let body = html! {
        h1 { (title) }
        p { (ctx.t("account-reset-lead")) }
        (errors.summary(ctx, |field| label(ctx, field)))
        form method="post" action="/password-reset" class="stacked" novalidate {
            (csrf_field(ctx))
            (email_field.input(ctx, errors, "email"))
            div { button type="submit" class="button" { (ctx.t("account-reset-send")) } }
        }
    };
    page(ctx, &title, body)
}

pub async fn request(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<ResetRequestForm>,
) -> Result<Response, AppError> {
    let mut errors = FormErrors::new();
    let Some(email) = errors.check("email", EmailAddress::parse(&form.email)) else {
        return Ok(html_response_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            request_markup(&ctx, &form.email, &errors),
        ));
    };
    match state.store.user_with_password_by_email(&email).await {
        Ok(account) => {
            let locale = mail_locale(&account.user, ctx.locale);
            send_link(
                &state,
                &account.user,
                AccountTokenPurpose::PasswordReset,
                locale,
            )
            .await?;
        }
        Err(StoreError::NotFound) => {
            tracing::info!("password reset asked for an address without an account");
        }
        Err(other) => return Err(other.into()),
    }
    let title = ctx.t("account-reset-sent-title");
    let body = html! {
        h1 { (title) }
        p { (ctx.t("account-reset-sent")) }
        p { a href="/sign-in" { (ctx.t("nav-sign-in")) } }
    };
    Ok(html_response(page(&ctx, &title, body)))
}

// --- the link -----------------------------------------------------------------------------------

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct NewPasswordForm {
    new_password: String,
    new_password_confirmation: String,
}

/// The page for a link that does not work (unknown, used or expired: the reader need not know
/// which).
fn link_not_working(ctx: &Ctx) -> Response {
    let title = ctx.t("account-link-not-working-title");
    let body = html! {
        h1 { (title) }
        p { (ctx.t("account-reset-link-not-working")) }
        p { a href="/password-reset" { (ctx.t("account-reset-ask-again")) } }
    };
    without_referrer(html_response_with_status(
        StatusCode::GONE,
        page(ctx, &title, body),
    ))
}

fn new_password_markup(ctx: &Ctx, token: &str, errors: &FormErrors) -> Markup {
    let title = ctx.t("account-reset-choose-title");
    let new = Field::new("new_password", label(ctx, "new_password"))
        .required()
        .autocomplete("new-password")
        .hint(ctx.t("auth-field-new-password-hint"));
    let confirmation = Field::new(
        "new_password_confirmation",
        label(ctx, "new_password_confirmation"),
    )
    .required()
    .autocomplete("new-password");
    let body = html! {
        h1 { (title) }
        (errors.summary(ctx, |field| label(ctx, field)))
        form method="post" action={ "/password-reset/" (percent_encode(token)) } class="stacked" novalidate {
            (csrf_field(ctx))
            (new.input(ctx, errors, "password"))
            (confirmation.input(ctx, errors, "password"))
            p class="hint" { (ctx.t("account-reset-signs-out-everywhere")) }
            div { button type="submit" class="button" { (ctx.t("account-reset-save")) } }
        }
    };
    page(ctx, &title, body)
}

pub async fn new_password_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    if usable_token_hash(&state, &token, AccountTokenPurpose::PasswordReset)
        .await?
        .is_none()
    {
        return Ok(link_not_working(&ctx));
    }
    Ok(without_referrer(html_response(new_password_markup(
        &ctx,
        &token,
        &FormErrors::new(),
    ))))
}

pub async fn set_new_password(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Form(form): Form<NewPasswordForm>,
) -> Result<Response, AppError> {
    let Some(token_hash) = token_hash_from_path(&token) else {
        return Ok(link_not_working(&ctx));
    };
    let mut errors = FormErrors::new();
    let new_password = errors.check("new_password", NewPassword::parse(&form.new_password));
    if new_password.is_some() && form.new_password != form.new_password_confirmation {
        errors.add("new_password_confirmation", "auth-error-password-mismatch");
    }
    let (Some(new_password), true) = (new_password, errors.is_empty()) else {
        return Ok(without_referrer(html_response_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            new_password_markup(&ctx, &token, &errors),
        )));
    };
    let new_hash = state.password_gate.hash(&new_password).await?;
    let user_id = match state
        .store
        .reset_password_with_token(&token_hash, &new_hash, OffsetDateTime::now_utc())
        .await
    {
        Ok(user_id) => user_id,
        Err(StoreError::NotFound) => return Ok(link_not_working(&ctx)),
        Err(other) => return Err(other.into()),
    };
    tracing::info!(%user_id, "password reset with an e-mailed link");
    let title = ctx.t("account-reset-done-title");
    let body = html! {
        h1 { (title) }
        div class="alert alert-success" role="status" { p { (ctx.t("account-reset-done")) } }
        p { a class="button" href="/sign-in" { (ctx.t("nav-sign-in")) } }
    };
    Ok(without_referrer(html_response(page(&ctx, &title, body))))
}
