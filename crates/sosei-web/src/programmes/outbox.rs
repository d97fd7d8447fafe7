//! The admin outbox page (`/admin/outbox`, site admins only): the newest messages to people —
//! the application status messages — with their recipient, subject, body and where their
//! delivery stands (waiting, to be tried again after an error, sent, given up). On a site without
//! an SMTP server this is where they are read; a given-up message can be queued again.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use sosei_core::OutboxMessageId;
use sosei_core::outbox::{DeliveryState, OutboxMessage};
use time::OffsetDateTime;

use crate::authz::require_site_admin;
use crate::context::Ctx;
use crate::error::AppError;
use crate::i18n::{self, format_date};
use crate::layout::{csrf_field, html_response, page};
use crate::programmes::id_from_path;
use crate::state::AppState;

/// Messages shown, newest first.
pub const OUTBOX_PAGE_SIZE: i64 = 200;

const PAGE_PATH: &str = "/admin/outbox";

#[derive(Debug, Deserialize)]
pub struct OutboxQuery {
    notice: Option<String>,
}

/// Date and time in Japan's time zone, where the programmes happen.
fn when(ctx: &Ctx, moment: OffsetDateTime) -> String {
    let japan = time::UtcOffset::from_hms(9, 0, 0).unwrap_or(time::UtcOffset::UTC);
    let local = moment.to_offset(japan);
    format!(
        "{} {:02}:{:02}",
        format_date(ctx.locale, local.date()),
        local.hour(),
        local.minute()
    )
}

fn delivery_cell(ctx: &Ctx, message: &OutboxMessage) -> Markup {
    match message.delivery_state() {
        DeliveryState::Waiting => html! { strong { (ctx.t("programmes-outbox-pending")) } },
        DeliveryState::Sent(sent) => {
            html! { (ctx.t("programmes-outbox-sent")) " " (when(ctx, sent)) }
        }
        DeliveryState::Retrying {
            attempts,
            next_attempt_at,
            last_error,
        } => {
            let next = next_attempt_at.map(|at| when(ctx, at)).unwrap_or_default();
            html! {
                strong {
                    (i18n::t_args(ctx.locale, "programmes-outbox-retrying", &[
                        ("attempts", i64::from(attempts).into()),
                        ("next", next.into()),
                    ]))
                }
                @if let Some(error) = last_error {
                    p class="small" { (ctx.t("programmes-outbox-last-error")) " " code { (error) } }
                }
            }
        }
        DeliveryState::Failed { at, error } => html! {
            strong class="field-error" { (ctx.t("programmes-outbox-failed")) " " (when(ctx, at)) }
            @if let Some(error) = error {
                p class="small" { (ctx.t("programmes-outbox-last-error")) " " code { (error) } }
            }
            form method="post" action=(format!("{PAGE_PATH}/{}/retry", message.id.0)) class="inline-form" {
                (csrf_field(ctx))
                button type="submit" class="link-button"
                    aria-label=(i18n::t_args(ctx.locale, "programmes-outbox-retry-label", &[
                        ("to", message.email.as_str().to_owned().into()),
                    ])) {
                    (ctx.t("programmes-outbox-retry"))
                }
            }
        },
    }
}

pub async fn show_outbox(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<OutboxQuery>,
) -> Result<Response, AppError> {
    require_site_admin(&ctx)?;
    let messages = state.store.outbox_messages(OUTBOX_PAGE_SIZE).await?;
    let title = ctx.t("programmes-outbox-title");
    let delivery = match &state.config.mail_server {
        Some(server) => i18n::t_args(
            ctx.locale,
            "programmes-outbox-delivery-smtp",
            &[("server", server.clone().into())],
        ),
        None => ctx.t("programmes-outbox-delivery-none"),
    };
    // Only known notices are shown, never text from the query.
    let notice = match query.notice.as_deref() {
        Some("requeued") => Some(ctx.t("programmes-outbox-notice-requeued")),
        Some("already-sent") => Some(ctx.t("programmes-outbox-notice-already-sent")),
        _ => None,
    };
    let body = html! {
        nav aria-label=(ctx.t("breadcrumb-label")) class="breadcrumb" {
            ol {
                li { a href="/admin" { (ctx.t("nav-admin")) } }
            }
        }
        (crate::layout::PageHeader::new(html! { (title) })
            .lead(html! {
                p class="lead" { (ctx.t("programmes-outbox-lead")) }
                p { (delivery) }
            })
            .render())
        @if let Some(notice) = notice {
            div class="alert alert-success" role="status" { p { (notice) } }
        }
        @if messages.is_empty() {
            p class="empty-state" { (ctx.t("programmes-outbox-empty")) }
        } @else {
            div class="table-scroll" {
                table class="participant-table" {
                    thead {
                        tr {
                            th scope="col" { (ctx.t("programmes-outbox-recipient")) }
                            th scope="col" { (ctx.t("programmes-outbox-subject")) }
                            th scope="col" { (ctx.t("programmes-outbox-created")) }
                            th scope="col" { (ctx.t("programmes-outbox-state")) }
                        }
                    }
                    tbody {
                        @for message in &messages {
                            tr {
                                td { (message.email.as_str()) }
                                td lang=(message.locale.as_str()) {
                                    details {
                                        summary { (message.subject) }
                                        pre class="small" { (message.body) }
                                    }
                                }
                                td { (when(&ctx, message.created_at)) }
                                td { (delivery_cell(&ctx, message)) }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(html_response(page(&ctx, &title, body)))
}

/// `POST /admin/outbox/{id}/retry`: queue a given-up message to be sent again at once.
pub async fn retry_message(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
) -> Result<Response, AppError> {
    require_site_admin(&ctx)?;
    let id = OutboxMessageId(id_from_path(&raw_id)?);
    let requeued = state.store.requeue_outbox_message(id).await?;
    let notice = if requeued { "requeued" } else { "already-sent" };
    Ok(Redirect::to(&format!("{PAGE_PATH}?notice={notice}")).into_response())
}
