//! The deliberation space's storage: conversations, facilitators, participants, statements,
//! votes, flags, fact cards, the audit log and cached analyses.
//! (Outline: bodies are filled in by the storage work.)
#![allow(unused_variables, clippy::unused_async)]

use std::collections::BTreeMap;

use sosei_core::deliberation::{
    AuditEntry, Conversation, ConversationState, FactCard, ModerationStatus, NewConversation,
    NewFactCard, Participant, ParticipantIdentity, Statement, StatementText, VoteChoice,
    VoteRecord,
};
use sosei_core::{
    ConversationId, FactCardId, MunicipalityCode, OrganisationId, ParticipantId, StatementId, User,
    UserId,
};
use time::OffsetDateTime;

use crate::{Store, StoreError};

/// Which conversations to list.
#[derive(Debug, Clone, Default)]
pub struct ConversationFilter {
    pub organisation: Option<OrganisationId>,
    pub region: Option<MunicipalityCode>,
    pub include_drafts: bool,
    pub include_archived: bool,
}

/// Per-statement vote counts (current votes of participants who are not banned).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StatementTally {
    pub agree: i64,
    pub disagree: i64,
    pub pass: i64,
}

/// A stored analysis result (JSON from the opinion engine), shared by every app server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAnalysis {
    pub conversation: ConversationId,
    pub json: String,
    /// How many votes the conversation had when this was computed (to know if it is stale).
    pub votes_seen: i64,
    pub computed_at: OffsetDateTime,
}

impl Store {
    // --- conversations ------------------------------------------------------------------------
    /// Created as a draft.
    pub async fn create_conversation(
        &self,
        conversation: &NewConversation,
        now: OffsetDateTime,
    ) -> Result<Conversation, StoreError> {
        todo!()
    }
    pub async fn update_conversation(
        &self,
        id: ConversationId,
        conversation: &NewConversation,
    ) -> Result<Conversation, StoreError> {
        todo!()
    }
    pub async fn conversation(&self, id: ConversationId) -> Result<Conversation, StoreError> {
        todo!()
    }
    /// Newest first.
    pub async fn list_conversations(
        &self,
        filter: &ConversationFilter,
    ) -> Result<Vec<Conversation>, StoreError> {
        todo!()
    }
    /// Sets `opened_at` on the first opening and `closed_at` on closing. The caller checks
    /// `ConversationState::can_become`.
    pub async fn set_conversation_state(
        &self,
        id: ConversationId,
        state: ConversationState,
        now: OffsetDateTime,
    ) -> Result<Conversation, StoreError> {
        todo!()
    }

    // --- facilitators ---------------------------------------------------------------------------
    /// Idempotent.
    pub async fn add_facilitator(
        &self,
        conversation: ConversationId,
        user: UserId,
    ) -> Result<(), StoreError> {
        todo!()
    }
    pub async fn remove_facilitator(
        &self,
        conversation: ConversationId,
        user: UserId,
    ) -> Result<(), StoreError> {
        todo!()
    }
    /// By display name.
    pub async fn facilitators(
        &self,
        conversation: ConversationId,
    ) -> Result<Vec<User>, StoreError> {
        todo!()
    }
    pub async fn is_facilitator(
        &self,
        conversation: ConversationId,
        user: UserId,
    ) -> Result<bool, StoreError> {
        todo!()
    }

    // --- participants ---------------------------------------------------------------------------
    /// The participant with this identity, creating them (with `attributes`) if new. Idempotent.
    pub async fn join_conversation(
        &self,
        conversation: ConversationId,
        identity: &ParticipantIdentity,
        attributes: &BTreeMap<String, String>,
        now: OffsetDateTime,
    ) -> Result<Participant, StoreError> {
        todo!()
    }
    pub async fn participant_by_identity(
        &self,
        conversation: ConversationId,
        identity: &ParticipantIdentity,
    ) -> Result<Participant, StoreError> {
        todo!()
    }
    pub async fn participant(&self, id: ParticipantId) -> Result<Participant, StoreError> {
        todo!()
    }
    pub async fn set_participant_attributes(
        &self,
        id: ParticipantId,
        attributes: &BTreeMap<String, String>,
    ) -> Result<(), StoreError> {
        todo!()
    }
    pub async fn set_participant_banned(
        &self,
        id: ParticipantId,
        banned: bool,
    ) -> Result<(), StoreError> {
        todo!()
    }
    /// By id.
    pub async fn participants(
        &self,
        conversation: ConversationId,
    ) -> Result<Vec<Participant>, StoreError> {
        todo!()
    }

    // --- statements -----------------------------------------------------------------------------
    pub async fn add_statement(
        &self,
        conversation: ConversationId,
        author: Option<ParticipantId>,
        text: &StatementText,
        is_seed: bool,
        moderation: ModerationStatus,
        now: OffsetDateTime,
    ) -> Result<Statement, StoreError> {
        todo!()
    }
    pub async fn statement(&self, id: StatementId) -> Result<Statement, StoreError> {
        todo!()
    }
    /// Every statement of a conversation, by id (moderation filtering is the caller's).
    pub async fn statements(
        &self,
        conversation: ConversationId,
    ) -> Result<Vec<Statement>, StoreError> {
        todo!()
    }
    pub async fn set_statement_moderation(
        &self,
        id: StatementId,
        status: ModerationStatus,
        reason: Option<&str>,
    ) -> Result<Statement, StoreError> {
        todo!()
    }
    pub async fn set_statement_meta(
        &self,
        id: StatementId,
        is_meta: bool,
    ) -> Result<Statement, StoreError> {
        todo!()
    }

    // --- votes ----------------------------------------------------------------------------------
    /// Record a vote; a later vote on the same statement replaces the earlier one.
    pub async fn cast_vote(
        &self,
        participant: ParticipantId,
        statement: StatementId,
        choice: VoteChoice,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        todo!()
    }
    /// Many votes in one transaction (imports). Same replace rule.
    pub async fn cast_votes(&self, votes: &[VoteRecord]) -> Result<(), StoreError> {
        todo!()
    }
    /// This participant's current votes.
    pub async fn votes_of_participant(
        &self,
        participant: ParticipantId,
    ) -> Result<Vec<VoteRecord>, StoreError> {
        todo!()
    }
    /// Every current vote in a conversation (banned participants included; the caller filters).
    pub async fn votes(&self, conversation: ConversationId) -> Result<Vec<VoteRecord>, StoreError> {
        todo!()
    }
    pub async fn count_votes(&self, conversation: ConversationId) -> Result<i64, StoreError> {
        todo!()
    }
    /// Counts per statement, excluding banned participants.
    pub async fn tallies(
        &self,
        conversation: ConversationId,
    ) -> Result<BTreeMap<StatementId, StatementTally>, StoreError> {
        todo!()
    }

    // --- flags ----------------------------------------------------------------------------------
    /// A participant flags a statement for the facilitators (idempotent per participant).
    pub async fn flag_statement(
        &self,
        statement: StatementId,
        participant: ParticipantId,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        todo!()
    }
    /// Flag counts of flagged statements.
    pub async fn flag_counts(
        &self,
        conversation: ConversationId,
    ) -> Result<BTreeMap<StatementId, i64>, StoreError> {
        todo!()
    }

    // --- fact cards -----------------------------------------------------------------------------
    pub async fn add_fact_card(
        &self,
        card: &NewFactCard,
        now: OffsetDateTime,
    ) -> Result<FactCard, StoreError> {
        todo!()
    }
    /// By creation.
    pub async fn fact_cards(
        &self,
        conversation: ConversationId,
    ) -> Result<Vec<FactCard>, StoreError> {
        todo!()
    }
    pub async fn remove_fact_card(&self, id: FactCardId) -> Result<(), StoreError> {
        todo!()
    }

    // --- audit log ------------------------------------------------------------------------------
    pub async fn record_audit(&self, entry: &AuditEntry) -> Result<(), StoreError> {
        todo!()
    }
    /// Newest first.
    pub async fn audit_log(
        &self,
        conversation: ConversationId,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        todo!()
    }

    // --- analysis cache -------------------------------------------------------------------------
    /// Replace the conversation's stored analysis.
    pub async fn save_analysis(&self, analysis: &StoredAnalysis) -> Result<(), StoreError> {
        todo!()
    }
    pub async fn latest_analysis(
        &self,
        conversation: ConversationId,
    ) -> Result<Option<StoredAnalysis>, StoreError> {
        todo!()
    }
}
