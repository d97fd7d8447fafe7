//! Deleting one's account, confirmed with the password. What goes and what stays is the store's
//! `delete_account` (and the privacy policy says the same): statements and votes stay in the
//! analyses, detached and anonymous; the rest goes. The only administrator of an organisation,
//! or of the site, is refused with the reason and what to do first.

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::SET_COOKIE;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use sosei_core::User;
use sosei_store::{AccountDeletionRefusal, StoreError};
use time::OffsetDateTime;

use crate::auth::throttle;
use crate::client_address::ClientAddress;
use crate::context::{Ctx, SESSION_COOKIE, set_cookie};
use crate::error::AppError;
use crate::forms::{Field, FormErrors, field_label};
use crate::layout::{csrf_field, html_response, html_response_with_status, page};
use crate::organisations::organisation_link;
use crate::state::AppState;

fn label(ctx: &Ctx, field: &str) -> String {
    field_label(ctx, "account", field)
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct DeleteForm {
    password: String,
}

/// Why the account cannot go yet, in words, with links to the organisations concerned.
async fn refusal_markup(
    state: &AppState,
    ctx: &Ctx,
    refusal: &AccountDeletionRefusal,
) -> Result<Markup, AppError> {
    Ok(match refusal {
        AccountDeletionRefusal::LastOrganisationAdmin(organisations) => {
            let mut named = Vec::new();
            for id in organisations {
                named.push(state.store.organisation(*id).await?);
            }
            html! {
                div class="alert alert-error" role="alert" {
                    p { (ctx.t("account-delete-refused-last-admin")) }
                    ul { @for organisation in &named { li { (organisation_link(ctx, organisation)) } } }
                }
            }
        }
        AccountDeletionRefusal::LastSiteAdmin => html! {
            div class="alert alert-error" role="alert" { p { (ctx.t("account-delete-refused-last-site-admin")) } }
        },
    })
}

async fn delete_markup(
    state: &AppState,
    ctx: &Ctx,
    errors: &FormErrors,
    alert: Option<String>,
) -> Result<(Markup, bool), AppError> {
    let user = ctx.require_user()?;
    let refusal = state.store.account_deletion_refusal(user.id).await?;
    let refusal_block = match &refusal {
        Some(refusal) => Some(refusal_markup(state, ctx, refusal).await?),
        None => None,
    };
    let password_field = Field::new("password", label(ctx, "password"))
        .required()
        .autocomplete("current-password");
    let title = ctx.t("account-delete-title");
    let body = html! {
        h1 { (title) }
        p { (ctx.t("account-delete-lead")) }
        h2 { (ctx.t("account-delete-goes-heading")) }
        p { (ctx.t("account-delete-goes")) }
        h2 { (ctx.t("account-delete-stays-heading")) }
        p { (ctx.t("account-delete-stays")) }
        p { a href="/account/data.json" download { (ctx.t("account-delete-download-first")) } }
        @if let Some(block) = &refusal_block {
            (block)
        } @else {
            @if let Some(alert) = alert {
                div class="alert alert-error" role="alert" { p { (alert) } }
            }
            (errors.summary(ctx, |field| label(ctx, field)))
            form method="post" action="/account/delete" class="stacked" novalidate {
                (csrf_field(ctx))
                (password_field.input(ctx, errors, "password"))
                div { button type="submit" class="button button-danger" { (ctx.t("account-delete-submit")) } }
            }
        }
    };
    Ok((page(ctx, &title, body), refusal.is_some()))
}

pub async fn delete_page(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    let (markup, _) = delete_markup(&state, &ctx, &FormErrors::new(), None).await?;
    Ok(html_response(markup))
}

/// Check the password as changing it does, counted by the same throttle (this account at this
/// client address) and through the same cap on concurrent hashes, so an unattended signed-in
/// browser cannot be used to guess it. `Err` carries the page to show.
async fn password_confirmed(
    state: &AppState,
    ctx: &Ctx,
    user: &User,
    network: &throttle::ClientNetwork,
    given: &str,
) -> Result<Result<(), Response>, AppError> {
    let mut errors = FormErrors::new();
    if given.is_empty() {
        errors.add("password", "error-text-empty");
        let (markup, _) = delete_markup(state, ctx, &errors, None).await?;
        return Ok(Err(html_response_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            markup,
        )));
    }
    let now = OffsetDateTime::now_utc();
    if let throttle::Admission::Wait {
        retry_after_seconds,
    } = throttle::admit_attempt(&state.store, &user.email, network, now).await?
    {
        return Err(AppError::TooManyRequests {
            retry_after_seconds,
        });
    }
    let stored_hash = state.store.password_hash(user.id).await?;
    let matches = match state
        .password_gate
        .verify(Some(stored_hash), given.to_owned())
        .await
    {
        Ok(matches) => matches,
        Err(error) => {
            throttle::attempt_not_checked(&state.store, &user.email, network).await?;
            return Err(error);
        }
    };
    if matches {
        throttle::attempt_succeeded(&state.store, &user.email, network).await?;
        Ok(Ok(()))
    } else {
        errors.add("password", "auth-error-current-password-wrong");
        let (markup, _) = delete_markup(state, ctx, &errors, None).await?;
        Ok(Err(html_response_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            markup,
        )))
    }
}

pub async fn delete(
    State(state): State<AppState>,
    ctx: Ctx,
    ClientAddress(client_address): ClientAddress,
    Form(form): Form<DeleteForm>,
) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    if state
        .store
        .account_deletion_refusal(user.id)
        .await?
        .is_some()
    {
        let (markup, _) = delete_markup(&state, &ctx, &FormErrors::new(), None).await?;
        return Ok(html_response_with_status(StatusCode::CONFLICT, markup));
    }
    if let Err(page) = password_confirmed(
        &state,
        &ctx,
        user,
        &throttle::ClientNetwork::of(client_address),
        &form.password,
    )
    .await?
    {
        return Ok(page);
    }
    match state
        .store
        .delete_account(user.id, OffsetDateTime::now_utc())
        .await
    {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => {
            let (markup, _) = delete_markup(&state, &ctx, &FormErrors::new(), None).await?;
            return Ok(html_response_with_status(StatusCode::CONFLICT, markup));
        }
        Err(other) => return Err(other.into()),
    }
    tracing::info!(user_id = %user.id, "account deleted by its owner");
    let mut response = Redirect::to("/account-deleted").into_response();
    response
        .headers_mut()
        .append(SET_COOKIE, set_cookie(&state, SESSION_COOKIE, "", 0));
    Ok(response)
}

pub async fn deleted_page(ctx: Ctx) -> Response {
    let title = ctx.t("account-deleted-title");
    let body = html! {
        h1 { (title) }
        p { (ctx.t("account-deleted")) }
        p { a href="/" { (ctx.t("account-deleted-home")) } }
    };
    html_response(page(&ctx, &title, body))
}
