//! Running the opinion engine (`sosei-opinion`) on a conversation's stored votes.
//!
//! The engine is pure; this module maps stored data into its input (statement and participant
//! ids become engine keys one to one), runs it off the async runtime, and keeps the result in the
//! store as JSON so that every app server shows the same groups. Each run warm-starts from the
//! previous result's groups, so groups do not jump between runs.

use sosei_core::ConversationId;
use sosei_core::deliberation::{
    Conversation, ModerationStatus, Participant, Statement, VoteChoice, VoteRecord,
};
use sosei_opinion::{
    Analysis, AnalysisConfig, AnalysisInput, ParticipantKey, PreviousGroup, StatementInfo,
    StatementKey, Vote,
};
use sosei_store::{Store, StoredAnalysis};
use time::OffsetDateTime;

use crate::error::AppError;
use crate::state::AppState;

/// The engine's vote for a stored vote.
pub fn engine_vote(choice: VoteChoice) -> Vote {
    match choice {
        VoteChoice::Agree => Vote::Agree,
        VoteChoice::Disagree => Vote::Disagree,
        VoteChoice::Pass => Vote::Pass,
    }
}

/// Whether the analysis leaves a statement out: rejected, or still waiting for review under
/// pre-moderation (participants cannot see it, so votes on it cannot be meaningful).
pub fn is_moderated_out(conversation: &Conversation, statement: &Statement) -> bool {
    match statement.moderation {
        ModerationStatus::Rejected => true,
        ModerationStatus::Pending => !statement.is_visible(conversation.moderation_mode),
        ModerationStatus::Accepted => false,
    }
}

/// The engine's input for a conversation's stored statements, participants and votes.
pub fn analysis_input(
    conversation: &Conversation,
    statements: &[Statement],
    participants: &[Participant],
    votes: &[VoteRecord],
    previous: Option<&Analysis>,
) -> AnalysisInput {
    AnalysisInput {
        statements: statements
            .iter()
            .map(|statement| StatementInfo {
                key: StatementKey(statement.id.0),
                moderated_out: is_moderated_out(conversation, statement),
                is_meta: statement.is_meta,
            })
            .collect(),
        votes: votes
            .iter()
            .map(|vote| sosei_opinion::VoteRecord {
                participant: ParticipantKey(vote.participant.0),
                statement: StatementKey(vote.statement.0),
                vote: engine_vote(vote.choice),
            })
            .collect(),
        banned: participants
            .iter()
            .filter(|participant| participant.banned)
            .map(|participant| ParticipantKey(participant.id.0))
            .collect(),
        previous_groups: previous
            .map(|analysis| {
                analysis
                    .participants
                    .iter()
                    .filter_map(|placement| {
                        placement.group.map(|group| PreviousGroup {
                            participant: placement.key,
                            group,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// The stored analysis of a conversation, if one was computed, with when and on how many votes.
pub async fn latest_analysis(
    state: &AppState,
    conversation: ConversationId,
) -> Result<Option<(Analysis, StoredAnalysis)>, AppError> {
    latest_analysis_in(&state.store, conversation).await
}

/// [`latest_analysis`] with only a store (the background scheduler holds no `AppState`).
pub async fn latest_analysis_in(
    store: &Store,
    conversation: ConversationId,
) -> Result<Option<(Analysis, StoredAnalysis)>, AppError> {
    let Some(stored) = store.latest_analysis(conversation).await? else {
        return Ok(None);
    };
    match serde_json::from_str::<Analysis>(&stored.json) {
        Ok(analysis) => Ok(Some((analysis, stored))),
        // An analysis stored by an older version: recompute rather than fail the page.
        Err(error) => {
            tracing::warn!(%error, conversation = conversation.0, "stored analysis unreadable");
            Ok(None)
        }
    }
}

/// Run the engine on the conversation's current votes and store the result.
pub async fn compute_and_store(
    state: &AppState,
    conversation: ConversationId,
) -> Result<Analysis, AppError> {
    compute_and_store_in(&state.store, conversation).await
}

/// [`compute_and_store`] with only a store (the background scheduler holds no `AppState`).
pub async fn compute_and_store_in(
    store: &Store,
    conversation: ConversationId,
) -> Result<Analysis, AppError> {
    let conversation = store.conversation(conversation).await?;
    let statements = store.statements(conversation.id).await?;
    let participants = store.participants(conversation.id).await?;
    let votes = store.votes(conversation.id).await?;
    let previous = latest_analysis_in(store, conversation.id).await?;
    let input = analysis_input(
        &conversation,
        &statements,
        &participants,
        &votes,
        previous.as_ref().map(|(analysis, _)| analysis),
    );
    let votes_seen = votes.len() as i64;
    let analysis = tokio::task::spawn_blocking(move || {
        sosei_opinion::analyze(&input, &AnalysisConfig::default())
    })
    .await
    .map_err(|error| AppError::Internal(anyhow::anyhow!("analysis task failed: {error}")))?;
    let json = serde_json::to_string(&analysis).map_err(|error| {
        AppError::Internal(anyhow::anyhow!("analysis not serialisable: {error}"))
    })?;
    store
        .save_analysis(&StoredAnalysis {
            conversation: conversation.id,
            json,
            votes_seen,
            computed_at: OffsetDateTime::now_utc(),
        })
        .await?;
    Ok(analysis)
}

/// The stored analysis when it is current (same number of votes), otherwise a fresh one.
pub async fn current_analysis(
    state: &AppState,
    conversation: ConversationId,
) -> Result<Analysis, AppError> {
    let count = state.store.count_votes(conversation).await?;
    if let Some((analysis, stored)) = latest_analysis(state, conversation).await?
        && stored.votes_seen == count
    {
        return Ok(analysis);
    }
    compute_and_store(state, conversation).await
}
