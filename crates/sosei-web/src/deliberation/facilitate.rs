//! Creating and running conversations: settings, states, facilitators, seed statements,
//! moderation, fact cards (事実・データ) and the audit log.
//!
//! Every route checks on the server who is asking: facilitator pages use
//! [`require_facilitator`], fact cards [`may_add_fact_cards`]. Every change a facilitator makes
//! writes one [`AuditEntry`], so a town can show afterwards who did what and why.
//!
//! - `settings`: creating and editing a conversation, its state, its facilitators, seed statements.
//! - `moderation`: the queue of pending and flagged statements, and the participants.
//! - `facts`: fact cards and [`fact_card_view`], shared with the participant pages and the report.
//! - `dashboard`: the facilitator's overview and the audit log page.
//! - `translations`: translations of statements, on the moderation page.

mod dashboard;
mod facts;
mod moderation;
mod settings;
mod translations;

use axum::Router;
use axum::routing::{get, post};
use maud::{Markup, html};
use sosei_core::deliberation::{AuditEntry, Conversation, ConversationState, FacilitatorAction};
use sosei_core::{ConversationId, User};
use time::{OffsetDateTime, UtcOffset};

use crate::context::Ctx;
use crate::error::AppError;
use crate::state::AppState;

pub use facts::{fact_card_view, format_number};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/conversations/new",
            get(settings::new_form).post(settings::create),
        )
        .route(
            "/conversations/{id}/edit",
            get(settings::edit_form).post(settings::save),
        )
        .route("/conversations/{id}/state", post(settings::change_state))
        .route(
            "/conversations/{id}/facilitators",
            post(dashboard::change_facilitator),
        )
        .route(
            "/conversations/{id}/seed-statements",
            post(dashboard::add_seed_statement),
        )
        .route("/conversations/{id}/manage", get(dashboard::dashboard))
        .route("/conversations/{id}/audit", get(dashboard::audit_log))
        .route("/conversations/{id}/moderation", get(moderation::queue))
        .route(
            "/conversations/{id}/moderation/statements/{statement}",
            post(moderation::moderate_statement),
        )
        .route(
            "/conversations/{id}/moderation/participants/{participant}",
            post(moderation::moderate_participant),
        )
        .route(
            "/conversations/{id}/moderation/statements/{statement}/translation",
            post(translations::save_translation),
        )
        .route(
            "/conversations/{id}/moderation/statements/{statement}/translation/remove",
            post(translations::remove_translation),
        )
        .route(
            "/conversations/{id}/moderation/statements/{statement}/translation/machine",
            post(translations::machine_translation),
        )
        .route(
            "/conversations/{id}/facts",
            get(facts::facts_page).post(facts::add_fact_card),
        )
        .route(
            "/conversations/{id}/facts/{fact}/remove",
            post(facts::remove_fact_card),
        )
}

/// A positive database id from a URL segment; anything else is a page that does not exist.
pub(crate) fn id_from_path(raw: &str) -> Result<i64, AppError> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(AppError::NotFound)
}

pub(crate) fn conversation_id_from_path(raw: &str) -> Result<ConversationId, AppError> {
    id_from_path(raw).map(ConversationId)
}

/// Write one line of the conversation's audit log.
pub(crate) async fn record_audit(
    state: &AppState,
    conversation: ConversationId,
    actor: &User,
    action: FacilitatorAction,
    target: Option<String>,
    reason: Option<String>,
) -> Result<(), AppError> {
    let entry = AuditEntry {
        conversation,
        actor: Some(actor.id),
        action,
        target,
        reason,
        at: OffsetDateTime::now_utc(),
    };
    state.store.record_audit(&entry).await?;
    Ok(())
}

/// The Fluent id naming a conversation state.
pub(crate) fn state_message_id(state: ConversationState) -> String {
    format!("facilitate-state-{}", state.as_str())
}

/// Japan Standard Time: the audit log and the moderation queue are read by people in Japan, and
/// "when did this happen" should not need converting from UTC.
fn japan_time(at: OffsetDateTime) -> OffsetDateTime {
    match UtcOffset::from_hms(9, 0, 0) {
        Ok(offset) => at.to_offset(offset),
        Err(_) => at,
    }
}

/// A moment as `2026年4月1日 14:05` / `1 April 2026 14:05` in Japan time.
pub(crate) fn format_moment(ctx: &Ctx, at: OffsetDateTime) -> String {
    let local = japan_time(at);
    format!(
        "{} {:02}:{:02}",
        crate::i18n::format_date(ctx.locale, local.date()),
        local.hour(),
        local.minute()
    )
}

/// Which facilitator page is shown, for the section navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    Dashboard,
    Settings,
    Moderation,
    Facts,
    Audit,
}

/// The header every facilitator page shares: breadcrumb, title, state and the section links.
/// Experts who may only add fact cards see the public page and the fact cards.
pub(crate) fn conversation_header(
    ctx: &Ctx,
    conversation: &Conversation,
    current: Section,
    heading: &str,
    may_facilitate: bool,
) -> Markup {
    let id = conversation.id;
    let link = |section: Section, path: &str, label_id: &str| {
        html! {
            li {
                a href={ "/conversations/" (id) (path) }
                    aria-current=[(section == current).then_some("page")] { (ctx.t(label_id)) }
            }
        }
    };
    html! {
        nav aria-label=(ctx.t("breadcrumb-label")) class="breadcrumb" {
            ol {
                li { a href={ "/conversations/" (id) } { (crate::layout::localized(ctx, &conversation.title)) } }
                li { span aria-current="page" { (heading) } }
            }
        }
        (crate::layout::PageHeader::new(html! { (heading) })
            .class("facilitate-header")
            .subtitle(html! {
                span class={ "tag state-tag state-" (conversation.state.as_str()) } {
                    (ctx.t(&state_message_id(conversation.state)))
                }
                " "
                span class="muted" { (crate::layout::localized(ctx, &conversation.title)) }
            })
            .render())
        nav class="chip-nav facilitate-nav" aria-label=(ctx.t("facilitate-nav-label")) {
            ul {
                @if may_facilitate {
                    (link(Section::Dashboard, "/manage", "facilitate-nav-dashboard"))
                    (link(Section::Settings, "/edit", "facilitate-nav-settings"))
                    (link(Section::Moderation, "/moderation", "facilitate-nav-moderation"))
                }
                (link(Section::Facts, "/facts", "facilitate-nav-facts"))
                @if may_facilitate {
                    (link(Section::Audit, "/audit", "facilitate-nav-audit"))
                }
                li { a href={ "/conversations/" (id) } { (ctx.t("facilitate-nav-public")) } }
            }
        }
    }
}

/// A one-line confirmation after a redirect, from a known key in the query string (anything
/// else is ignored, so the page never echoes what the address says).
pub(crate) fn notice_for(ctx: &Ctx, done: Option<&str>) -> Option<String> {
    const KNOWN: &[&str] = &[
        "created",
        "saved",
        "state",
        "facilitator-added",
        "facilitator-removed",
        "seed",
        "accepted",
        "rejected",
        "meta",
        "unmeta",
        "banned",
        "unbanned",
        "fact-added",
        "fact-removed",
        "translation-saved",
        "translation-removed",
    ];
    let key = done?;
    KNOWN
        .contains(&key)
        .then(|| ctx.t(&format!("facilitate-done-{key}")))
}

pub(crate) fn notice_markup(notice: Option<&str>) -> Markup {
    html! {
        @if let Some(notice) = notice {
            p class="alert alert-success" role="status" { (notice) }
        }
    }
}

/// Whether the signed-in user may facilitate `conversation`, without failing when they may not.
pub(crate) async fn may_facilitate(
    state: &AppState,
    ctx: &Ctx,
    conversation: ConversationId,
) -> Result<bool, AppError> {
    if ctx.user.is_none() {
        return Ok(false);
    }
    match super::require_facilitator(state, ctx, conversation).await {
        Ok(_) => Ok(true),
        Err(AppError::Forbidden) => Ok(false),
        Err(other) => Err(other),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn path_ids_must_be_positive_numbers() {
        assert_eq!(id_from_path("12").ok(), Some(12));
        for bad in ["0", "-3", "abc", "", "1.5"] {
            assert!(id_from_path(bad).is_err(), "{bad:?}");
        }
    }
}
