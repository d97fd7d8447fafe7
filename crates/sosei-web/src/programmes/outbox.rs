//! The admin outbox page (`/admin/outbox`, site admins only): the newest messages to people —
//! the application status messages — with their recipient, subject, body and whether they were
//! sent, so they can be read on a site without an SMTP server.

use axum::extract::State;
use axum::response::Response;
use maud::html;
use time::OffsetDateTime;

use crate::authz::require_site_admin;
use crate::context::Ctx;
use crate::error::AppError;
use crate::i18n::format_date;
use crate::layout::{html_response, page};
use crate::state::AppState;

/// Messages shown, newest first.
pub const OUTBOX_PAGE_SIZE: i64 = 200;

fn time_of_day(moment: OffsetDateTime) -> String {
    let japan = time::UtcOffset::from_hms(9, 0, 0).unwrap_or(time::UtcOffset::UTC);
    let local = moment.to_offset(japan);
    format!("{:02}:{:02}", local.hour(), local.minute())
}

pub async fn show_outbox(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    require_site_admin(&ctx)?;
    let messages = state.store.outbox_messages(OUTBOX_PAGE_SIZE).await?;
    let title = ctx.t("programmes-outbox-title");
    let when = |moment: OffsetDateTime| {
        let japan = time::UtcOffset::from_hms(9, 0, 0).unwrap_or(time::UtcOffset::UTC);
        format!(
            "{} {}",
            format_date(ctx.locale, moment.to_offset(japan).date()),
            time_of_day(moment)
        )
    };
    let body = html! {
        nav aria-label=(ctx.t("breadcrumb-label")) class="breadcrumb" {
            ol {
                li { a href="/admin" { (ctx.t("nav-admin")) } }
            }
        }
        header class="page-header" {
            h1 { (title) }
            p class="lead" { (ctx.t("programmes-outbox-lead")) }
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
                                td { (when(message.created_at)) }
                                td {
                                    @match message.sent_at {
                                        Some(sent) => { (ctx.t("programmes-outbox-sent")) " " (when(sent)) }
                                        None => { strong { (ctx.t("programmes-outbox-pending")) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(html_response(page(&ctx, &title, body)))
}
