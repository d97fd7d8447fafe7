//! The conversations that belong to a region or an organisation, as a section of its page: each
//! card links to the conversation, its results and its report, so none of them is more than a
//! click from the page that names it.

use maud::{Markup, html};
use sosei_core::deliberation::{Conversation, ConversationState};
use sosei_core::{MunicipalityCode, OrganisationId};
use sosei_store::ConversationFilter;

use crate::context::Ctx;
use crate::error::AppError;
use crate::layout::localized;
use crate::state::AppState;

/// The conversations of an organisation or a region that the public may see (open or closed;
/// never drafts, and archived ones have left the public pages).
pub(crate) async fn public_conversations(
    state: &AppState,
    organisation: Option<OrganisationId>,
    region: Option<MunicipalityCode>,
) -> Result<Vec<Conversation>, AppError> {
    let conversations = state
        .store
        .list_conversations(&ConversationFilter {
            organisation,
            region,
            ..ConversationFilter::default()
        })
        .await?;
    Ok(conversations
        .into_iter()
        .filter(|conversation| is_public(conversation.state))
        .collect())
}

/// Whether a conversation in this state is listed for everyone.
pub(crate) fn is_public(state: ConversationState) -> bool {
    matches!(state, ConversationState::Open | ConversationState::Closed)
}

/// The conversation's own pages: its results and its report.
pub(crate) fn results_path(conversation: &Conversation) -> String {
    format!(
        "{}/results",
        super::participate::conversation_path(conversation.id)
    )
}

pub(crate) fn report_path(conversation: &Conversation) -> String {
    format!(
        "{}/report",
        super::participate::conversation_path(conversation.id)
    )
}

/// A section listing `conversations` as cards, or saying there are none.
pub(crate) fn conversations_section(
    ctx: &Ctx,
    conversations: &[Conversation],
    none_message_id: &str,
) -> Markup {
    html! {
        section aria-labelledby="conversations-heading" {
            h2 id="conversations-heading" { (ctx.t("navigation-conversations-heading")) }
            @if conversations.is_empty() {
                p class="muted" { (ctx.t(none_message_id)) }
            } @else {
                ul class="card-grid conversation-list" {
                    @for conversation in conversations {
                        li class="card" {
                            p class="card-meta" {
                                span class={ "tag state-tag state-" (conversation.state.as_str()) } {
                                    (ctx.t(&format!("participate-state-{}", conversation.state.as_str())))
                                }
                            }
                            h3 { a href=(super::participate::conversation_path(conversation.id)) { (localized(ctx, &conversation.title)) } }
                            p class="conversation-question" { (localized(ctx, &conversation.question)) }
                            (conversation_links(ctx, conversation, ShownOn::Elsewhere, None))
                        }
                    }
                }
            }
        }
    }
}

/// Which of a conversation's pages is showing its links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ShownOn {
    /// A card or the conversation itself.
    Elsewhere,
    Results,
    Report,
}

/// Links to a conversation's results and report (and, for those who run it, its management
/// page, `manage`); the page they are shown on is marked as the current one.
pub(crate) fn conversation_links(
    ctx: &Ctx,
    conversation: &Conversation,
    shown_on: ShownOn,
    manage: Option<&str>,
) -> Markup {
    let current = |page: ShownOn| (page == shown_on).then_some("page");
    html! {
        ul class="inline-list conversation-links" {
            li { a href=(results_path(conversation)) aria-current=[current(ShownOn::Results)] { (ctx.t("navigation-conversation-results")) } }
            li { a href=(report_path(conversation)) aria-current=[current(ShownOn::Report)] { (ctx.t("navigation-conversation-report")) } }
            @if let Some(manage) = manage {
                li { a href=(manage) { (ctx.t("navigation-conversation-manage")) } }
            }
        }
    }
}
