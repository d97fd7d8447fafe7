//! A one-second memory of conversations for the vote hot path.
//!
//! A vote needs the conversation only to know who the voter is (its participation mode) and that
//! it exists; every rule that matters (open, joined, not banned, statement shown) is checked by
//! the database in the same statement that stores the vote. So a conversation read up to a second
//! ago is good enough there, and saves a query per vote. Nothing else reads this cache.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sosei_core::ConversationId;
use sosei_core::deliberation::Conversation;

/// How long a remembered conversation is used.
pub const CONVERSATION_CACHE_TTL: Duration = Duration::from_secs(1);

#[derive(Clone, Default)]
pub struct ConversationCache {
    entries: Arc<Mutex<HashMap<ConversationId, (Instant, Conversation)>>>,
}

impl ConversationCache {
    /// The remembered conversation, if it was read less than [`CONVERSATION_CACHE_TTL`] ago.
    pub fn get(&self, id: ConversationId, now: Instant) -> Option<Conversation> {
        let entries = self
            .entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        entries
            .get(&id)
            .filter(|(read_at, _)| now.duration_since(*read_at) < CONVERSATION_CACHE_TTL)
            .map(|(_, conversation)| conversation.clone())
    }

    pub fn put(&self, conversation: Conversation, now: Instant) {
        let mut entries = self
            .entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // Bounded: stale entries go whenever the map grows past a town's worth of conversations.
        if entries.len() >= 1024 {
            entries.retain(|_, (read_at, _)| now.duration_since(*read_at) < CONVERSATION_CACHE_TTL);
        }
        entries.insert(conversation.id, (now, conversation));
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use sosei_core::deliberation::{ConversationState, ModerationMode, ParticipationMode};
    use sosei_core::{LocalizedText, OrganisationId};
    use time::OffsetDateTime;

    fn conversation(id: i64) -> Conversation {
        Conversation {
            id: ConversationId(id),
            organisation: OrganisationId(1),
            region: None,
            title: LocalizedText::new("題", "Title"),
            question: LocalizedText::new("問い", "Question"),
            description: LocalizedText::default(),
            state: ConversationState::Open,
            moderation_mode: ModerationMode::Post,
            participation_mode: ParticipationMode::Anonymous,
            invitation_code: None,
            attribute_questions: Vec::new(),
            district_options: Vec::new(),
            created_at: OffsetDateTime::UNIX_EPOCH,
            opened_at: None,
            closed_at: None,
        }
    }

    #[test]
    fn a_conversation_is_remembered_for_one_second_only() {
        let cache = ConversationCache::default();
        let start = Instant::now();
        assert!(cache.get(ConversationId(7), start).is_none());
        cache.put(conversation(7), start);
        assert_eq!(
            cache.get(ConversationId(7), start).unwrap().id,
            ConversationId(7)
        );
        let later = start + CONVERSATION_CACHE_TTL - Duration::from_millis(1);
        assert!(cache.get(ConversationId(7), later).is_some());
        assert!(
            cache
                .get(ConversationId(7), start + CONVERSATION_CACHE_TTL)
                .is_none()
        );
        assert!(cache.get(ConversationId(8), start).is_none());
    }
}
