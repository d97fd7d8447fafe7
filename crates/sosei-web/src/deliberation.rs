//! 知恵ラボ (Chie Lab), the deliberation space: pages for taking part, for facilitating, and for
//! the results and the report.
//!
//! - `participate`: joining, voting one statement at a time, writing and flagging statements.
//! - `listing`: the conversations of a region or an organisation, as a section of its page.
//! - `facilitate`: creating and running conversations, moderation, fact cards, the audit log.
//! - `report`: the report for policy drafting (HTML, Markdown, CSV, JSON).
//! - `translations`: statements in the reader's language, with the original one click away.
//! - `results`: the opinion map, groups, consensus and where you stand; `recompute` keeps the
//!   stored analysis fresh in the background.

pub mod agreement_words;
pub mod analysis;
pub mod conversation_cache;
pub mod facilitate;
pub mod listing;
pub mod participate;
pub mod recompute;
pub mod report;
pub mod results;
pub mod translations;

use axum::Router;
use sosei_core::ConversationId;
use sosei_core::deliberation::Conversation;
use sosei_core::{Role, User};

use crate::context::Ctx;
use crate::error::AppError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(participate::routes())
        .merge(facilitate::routes())
        .merge(report::routes())
        .merge(results::routes())
}

/// The conversation and the signed-in user when that user may facilitate it: a facilitator
/// named on the conversation, a facilitator or admin of its organisation, or a site admin.
pub async fn require_facilitator<'a>(
    state: &AppState,
    ctx: &'a Ctx,
    conversation: ConversationId,
) -> Result<(Conversation, &'a User), AppError> {
    let conversation = state.store.conversation(conversation).await?;
    let user = ctx.require_user()?;
    if may_facilitate(state, ctx, &conversation).await? {
        Ok((conversation, user))
    } else {
        Err(AppError::Forbidden)
    }
}

/// Whether the signed-in user may facilitate the conversation (see [`require_facilitator`]);
/// `false` for a visitor who is signed out.
pub async fn may_facilitate(
    state: &AppState,
    ctx: &Ctx,
    conversation: &Conversation,
) -> Result<bool, AppError> {
    let Some(user) = &ctx.user else {
        return Ok(false);
    };
    if user.is_site_admin || state.store.is_facilitator(conversation.id, user.id).await? {
        return Ok(true);
    }
    let roles = state
        .store
        .roles_of(conversation.organisation, user.id)
        .await?;
    Ok(roles
        .iter()
        .any(|role| matches!(role, Role::Facilitator | Role::Admin)))
}

/// Whether the signed-in user may attach fact cards: anyone who may facilitate, or an expert of
/// the conversation's organisation.
pub async fn may_add_fact_cards(
    state: &AppState,
    ctx: &Ctx,
    conversation: &Conversation,
) -> Result<bool, AppError> {
    let Some(user) = &ctx.user else {
        return Ok(false);
    };
    if user.is_site_admin || state.store.is_facilitator(conversation.id, user.id).await? {
        return Ok(true);
    }
    let roles = state
        .store
        .roles_of(conversation.organisation, user.id)
        .await?;
    Ok(roles
        .iter()
        .any(|role| matches!(role, Role::Facilitator | Role::Admin | Role::Expert)))
}
