//! What a person gave in conversations, for the download of their data: their participations
//! (with their answers to the conversation's questions about them), statements and votes.
//! The rest of the download (account, profile, applications, memberships, consents, messages)
//! comes from the methods beside those tables.

use sosei_core::{ConversationId, StatementId, UserId};
use time::OffsetDateTime;

use crate::convert::timestamp_from_unix;
use crate::{Store, StoreError};

/// One conversation a person took part in while signed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonalParticipation {
    pub conversation: ConversationId,
    /// The answers to the conversation's questions about participants, as stored (a JSON object).
    pub attributes_json: String,
    pub joined_at: OffsetDateTime,
}

/// A statement a person wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonalStatement {
    pub conversation: ConversationId,
    pub statement: StatementId,
    pub text: String,
    pub language: String,
    pub moderation: String,
    pub created_at: OffsetDateTime,
}

/// A vote a person cast: `choice` is 1 agree, -1 disagree, 0 pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonalVote {
    pub conversation: ConversationId,
    pub statement: StatementId,
    pub statement_text: String,
    pub choice: i64,
    pub at: OffsetDateTime,
}

/// Everything a person gave in conversations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonalDeliberationData {
    pub participations: Vec<PersonalParticipation>,
    pub statements: Vec<PersonalStatement>,
    pub votes: Vec<PersonalVote>,
}

/// The participants that are this person (signed in), `$1` the user id.
const OWN_PARTICIPANTS: &str = "SELECT id FROM participants WHERE identity_kind = 'user' AND identity_value = CAST($1 AS TEXT)";

impl Store {
    pub async fn personal_deliberation_data(
        &self,
        user: UserId,
    ) -> Result<PersonalDeliberationData, StoreError> {
        let participations_sql = format!(
            "SELECT conversation_id, attributes, joined_at FROM participants \
             WHERE id IN ({OWN_PARTICIPANTS}) ORDER BY joined_at, id"
        );
        let statements_sql = format!(
            "SELECT conversation_id, id, text, language, moderation, created_at FROM statements \
             WHERE author_participant_id IN ({OWN_PARTICIPANTS}) ORDER BY created_at, id"
        );
        let votes_sql = format!(
            "SELECT v.conversation_id, v.statement_id, s.text, CAST(v.choice AS BIGINT), v.at FROM votes v \
             JOIN statements s ON s.id = v.statement_id \
             WHERE v.participant_id IN ({OWN_PARTICIPANTS}) ORDER BY v.at, v.statement_id"
        );
        type ParticipationRow = (i64, String, i64);
        type StatementRow = (i64, i64, String, String, String, i64);
        type VoteRow = (i64, i64, String, i64, i64);
        let (participations, statements, votes): (
            Vec<ParticipationRow>,
            Vec<StatementRow>,
            Vec<VoteRow>,
        ) = with_pool!(self, pool => {
            let participations = sqlx::query_as(&participations_sql)
                .bind(user.0)
                .fetch_all(pool)
                .await?;
            let statements = sqlx::query_as(&statements_sql)
                .bind(user.0)
                .fetch_all(pool)
                .await?;
            let votes = sqlx::query_as(&votes_sql).bind(user.0).fetch_all(pool).await?;
            (participations, statements, votes)
        });
        Ok(PersonalDeliberationData {
            participations: participations
                .into_iter()
                .map(|(conversation, attributes_json, joined_at)| {
                    Ok(PersonalParticipation {
                        conversation: ConversationId(conversation),
                        attributes_json,
                        joined_at: timestamp_from_unix(joined_at)?,
                    })
                })
                .collect::<Result<_, StoreError>>()?,
            statements: statements
                .into_iter()
                .map(
                    |(conversation, statement, text, language, moderation, created_at)| {
                        Ok(PersonalStatement {
                            conversation: ConversationId(conversation),
                            statement: StatementId(statement),
                            text,
                            language,
                            moderation,
                            created_at: timestamp_from_unix(created_at)?,
                        })
                    },
                )
                .collect::<Result<_, StoreError>>()?,
            votes: votes
                .into_iter()
                .map(|(conversation, statement, statement_text, choice, at)| {
                    Ok(PersonalVote {
                        conversation: ConversationId(conversation),
                        statement: StatementId(statement),
                        statement_text,
                        choice,
                        at: timestamp_from_unix(at)?,
                    })
                })
                .collect::<Result<_, StoreError>>()?,
        })
    }
}
