//! The deliberation space's storage, part one: conversations and their facilitators, and the
//! types the whole space shares. Participants live in `participants.rs`, statements, votes and
//! flags in `statements.rs`, fact cards, the audit log and analyses in `facts.rs`.

use sosei_core::deliberation::{
    AttributeQuestion, Conversation, ConversationState, InvitationCode, ModerationMode,
    NewConversation, ParticipationMode,
};
use sosei_core::{ConversationId, MunicipalityCode, OrganisationId, User, UserId};
use time::OffsetDateTime;

use crate::convert::{code_from_text, localized, timestamp_from_unix, unix_seconds};
use crate::users::{USER_COLUMNS_QUALIFIED, UserRow, user_from_row};
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

const CONVERSATION_COLUMNS: &str = "id, organisation_id, region_code, title_ja, title_en, \
     question_ja, question_en, description_ja, description_en, state, moderation_mode, \
     participation_mode, invitation_code, attribute_questions, district_options, created_at, \
     opened_at, closed_at";

#[derive(sqlx::FromRow)]
struct ConversationRow {
    id: i64,
    organisation_id: i64,
    region_code: Option<String>,
    title_ja: Option<String>,
    title_en: Option<String>,
    question_ja: Option<String>,
    question_en: Option<String>,
    description_ja: Option<String>,
    description_en: Option<String>,
    state: String,
    moderation_mode: String,
    participation_mode: String,
    invitation_code: Option<String>,
    attribute_questions: String,
    district_options: String,
    created_at: i64,
    opened_at: Option<i64>,
    closed_at: Option<i64>,
}

fn conversation_from_row(row: ConversationRow) -> Result<Conversation, StoreError> {
    let corrupt = |what: &str, value: &str| StoreError::Corrupt(format!("{what} {value:?}"));
    let state = ConversationState::parse(&row.state)
        .ok_or_else(|| corrupt("conversation state", &row.state))?;
    let moderation_mode = ModerationMode::parse(&row.moderation_mode)
        .ok_or_else(|| corrupt("moderation mode", &row.moderation_mode))?;
    let participation_mode = ParticipationMode::parse(&row.participation_mode)
        .ok_or_else(|| corrupt("participation mode", &row.participation_mode))?;
    let invitation_code = row
        .invitation_code
        .map(|code| InvitationCode::parse(&code).map_err(|_| corrupt("invitation code", &code)))
        .transpose()?;
    let question_names: Vec<String> = serde_json::from_str(&row.attribute_questions)
        .map_err(|_| corrupt("attribute questions", &row.attribute_questions))?;
    let attribute_questions = question_names
        .iter()
        .map(|name| {
            AttributeQuestion::parse(name).ok_or_else(|| corrupt("attribute question", name))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let district_options: Vec<String> = serde_json::from_str(&row.district_options)
        .map_err(|_| corrupt("district options", &row.district_options))?;
    Ok(Conversation {
        id: ConversationId(row.id),
        organisation: OrganisationId(row.organisation_id),
        region: row.region_code.as_deref().map(code_from_text).transpose()?,
        title: localized(row.title_ja, row.title_en),
        question: localized(row.question_ja, row.question_en),
        description: localized(row.description_ja, row.description_en),
        state,
        moderation_mode,
        participation_mode,
        invitation_code,
        attribute_questions,
        district_options,
        created_at: timestamp_from_unix(row.created_at)?,
        opened_at: row.opened_at.map(timestamp_from_unix).transpose()?,
        closed_at: row.closed_at.map(timestamp_from_unix).transpose()?,
    })
}

/// The two JSON columns of a conversation's settings.
fn settings_json(conversation: &NewConversation) -> (String, String) {
    let names: Vec<&str> = conversation
        .attribute_questions
        .iter()
        .map(|question| question.as_str())
        .collect();
    // Serialising strings to JSON cannot fail; fall back to an empty list all the same.
    (
        serde_json::to_string(&names).unwrap_or_else(|_| "[]".to_owned()),
        serde_json::to_string(&conversation.district_options).unwrap_or_else(|_| "[]".to_owned()),
    )
}

impl Store {
    // --- conversations ------------------------------------------------------------------------

    /// Created as a draft. `NotFound` when the organisation or the region does not exist.
    pub async fn create_conversation(
        &self,
        conversation: &NewConversation,
        now: OffsetDateTime,
    ) -> Result<Conversation, StoreError> {
        let sql = format!(
            "INSERT INTO conversations (organisation_id, region_code, title_ja, title_en, \
             question_ja, question_en, description_ja, description_en, state, moderation_mode, \
             participation_mode, invitation_code, attribute_questions, district_options, \
             created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) \
             RETURNING {CONVERSATION_COLUMNS}"
        );
        let (questions, districts) = settings_json(conversation);
        let _turn = self.sqlite_write_turn().await;
        let row: ConversationRow = with_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(conversation.organisation.0)
                .bind(conversation.region.as_ref().map(|code| code.to_string()))
                .bind(conversation.title.ja.as_deref())
                .bind(conversation.title.en.as_deref())
                .bind(conversation.question.ja.as_deref())
                .bind(conversation.question.en.as_deref())
                .bind(conversation.description.ja.as_deref())
                .bind(conversation.description.en.as_deref())
                .bind(ConversationState::Draft.as_str())
                .bind(conversation.moderation_mode.as_str())
                .bind(conversation.participation_mode.as_str())
                .bind(conversation.invitation_code.as_ref().map(InvitationCode::as_str))
                .bind(&questions)
                .bind(&districts)
                .bind(unix_seconds(now))
                .fetch_one(pool)
                .await
                .map_err(|error| StoreError::from_write(error, "conversation"))?
        });
        conversation_from_row(row)
    }

    /// Replace the settings (not the state or its timestamps). `NotFound` when there is no such
    /// conversation, or the organisation or region does not exist.
    pub async fn update_conversation(
        &self,
        id: ConversationId,
        conversation: &NewConversation,
    ) -> Result<Conversation, StoreError> {
        let sql = format!(
            "UPDATE conversations SET organisation_id = $1, region_code = $2, title_ja = $3, \
             title_en = $4, question_ja = $5, question_en = $6, description_ja = $7, \
             description_en = $8, moderation_mode = $9, participation_mode = $10, \
             invitation_code = $11, attribute_questions = $12, district_options = $13 \
             WHERE id = $14 RETURNING {CONVERSATION_COLUMNS}"
        );
        let (questions, districts) = settings_json(conversation);
        let _turn = self.sqlite_write_turn().await;
        let row: Option<ConversationRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(conversation.organisation.0)
                .bind(conversation.region.as_ref().map(|code| code.to_string()))
                .bind(conversation.title.ja.as_deref())
                .bind(conversation.title.en.as_deref())
                .bind(conversation.question.ja.as_deref())
                .bind(conversation.question.en.as_deref())
                .bind(conversation.description.ja.as_deref())
                .bind(conversation.description.en.as_deref())
                .bind(conversation.moderation_mode.as_str())
                .bind(conversation.participation_mode.as_str())
                .bind(conversation.invitation_code.as_ref().map(InvitationCode::as_str))
                .bind(&questions)
                .bind(&districts)
                .bind(id.0)
                .fetch_optional(pool)
                .await
                .map_err(|error| StoreError::from_write(error, "conversation"))?
        });
        conversation_from_row(row.ok_or(StoreError::NotFound)?)
    }

    pub async fn conversation(&self, id: ConversationId) -> Result<Conversation, StoreError> {
        let sql = format!("SELECT {CONVERSATION_COLUMNS} FROM conversations WHERE id = $1");
        let row: Option<ConversationRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(id.0).fetch_optional(pool).await?
        });
        conversation_from_row(row.ok_or(StoreError::NotFound)?)
    }

    /// Newest first (then highest id first). Drafts and archived conversations only when asked.
    pub async fn list_conversations(
        &self,
        filter: &ConversationFilter,
    ) -> Result<Vec<Conversation>, StoreError> {
        // Conditions are added only when set, so each query shape can use its index; the values
        // are always bound, never written into the SQL.
        let mut conditions: Vec<String> = Vec::new();
        let mut parameter = 0;
        let mut next_parameter = || {
            parameter += 1;
            format!("${parameter}")
        };
        if filter.organisation.is_some() {
            conditions.push(format!("organisation_id = {}", next_parameter()));
        }
        if filter.region.is_some() {
            conditions.push(format!("region_code = {}", next_parameter()));
        }
        if !filter.include_drafts {
            conditions.push(format!("state <> {}", next_parameter()));
        }
        if !filter.include_archived {
            conditions.push(format!("state <> {}", next_parameter()));
        }
        let where_clause = if conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conditions.join(" AND "))
        };
        let sql = format!(
            "SELECT {CONVERSATION_COLUMNS} FROM conversations {where_clause} \
             ORDER BY created_at DESC, id DESC"
        );
        let rows: Vec<ConversationRow> = with_pool!(self, pool => {
            let mut query = sqlx::query_as(&sql);
            if let Some(organisation) = filter.organisation {
                query = query.bind(organisation.0);
            }
            if let Some(region) = &filter.region {
                query = query.bind(region.to_string());
            }
            if !filter.include_drafts {
                query = query.bind(ConversationState::Draft.as_str());
            }
            if !filter.include_archived {
                query = query.bind(ConversationState::Archived.as_str());
            }
            query.fetch_all(pool).await?
        });
        rows.into_iter().map(conversation_from_row).collect()
    }

    /// Sets `opened_at` on the first opening and `closed_at` on closing; reopening clears
    /// `closed_at` (an open conversation has no closing time) and keeps the first `opened_at`.
    /// The caller checks `ConversationState::can_become`.
    pub async fn set_conversation_state(
        &self,
        id: ConversationId,
        state: ConversationState,
        now: OffsetDateTime,
    ) -> Result<Conversation, StoreError> {
        let sql = format!(
            "UPDATE conversations SET state = $1, \
             opened_at = CASE WHEN $2 THEN COALESCE(opened_at, $4) ELSE opened_at END, \
             closed_at = CASE WHEN $2 THEN NULL WHEN $3 THEN $4 ELSE closed_at END \
             WHERE id = $5 RETURNING {CONVERSATION_COLUMNS}"
        );
        let _turn = self.sqlite_write_turn().await;
        let row: Option<ConversationRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(state.as_str())
                .bind(state == ConversationState::Open)
                .bind(state == ConversationState::Closed)
                .bind(unix_seconds(now))
                .bind(id.0)
                .fetch_optional(pool)
                .await?
        });
        conversation_from_row(row.ok_or(StoreError::NotFound)?)
    }

    // --- facilitators ---------------------------------------------------------------------------

    /// Idempotent. `NotFound` when the conversation or the user does not exist.
    pub async fn add_facilitator(
        &self,
        conversation: ConversationId,
        user: UserId,
    ) -> Result<(), StoreError> {
        let _turn = self.sqlite_write_turn().await;
        with_pool!(self, pool => {
            sqlx::query(
                "INSERT INTO conversation_facilitators (conversation_id, user_id) VALUES ($1, $2) \
                 ON CONFLICT (conversation_id, user_id) DO NOTHING",
            )
            .bind(conversation.0)
            .bind(user.0)
            .execute(pool)
            .await
            .map_err(|error| StoreError::from_write(error, "facilitator"))?;
        });
        Ok(())
    }

    /// Removing someone who is not a facilitator is not an error.
    pub async fn remove_facilitator(
        &self,
        conversation: ConversationId,
        user: UserId,
    ) -> Result<(), StoreError> {
        let _turn = self.sqlite_write_turn().await;
        with_pool!(self, pool => {
            sqlx::query(
                "DELETE FROM conversation_facilitators WHERE conversation_id = $1 AND user_id = $2",
            )
            .bind(conversation.0)
            .bind(user.0)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// By display name (then user id).
    pub async fn facilitators(
        &self,
        conversation: ConversationId,
    ) -> Result<Vec<User>, StoreError> {
        let sql = format!(
            "SELECT {USER_COLUMNS_QUALIFIED} FROM conversation_facilitators \
             JOIN users ON users.id = conversation_facilitators.user_id \
             WHERE conversation_facilitators.conversation_id = $1 \
             ORDER BY users.display_name, users.id"
        );
        let rows: Vec<UserRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(conversation.0).fetch_all(pool).await?
        });
        rows.into_iter().map(user_from_row).collect()
    }

    pub async fn is_facilitator(
        &self,
        conversation: ConversationId,
        user: UserId,
    ) -> Result<bool, StoreError> {
        let found: Option<i64> = with_pool!(self, pool => {
            sqlx::query_scalar(
                "SELECT user_id FROM conversation_facilitators \
                 WHERE conversation_id = $1 AND user_id = $2",
            )
            .bind(conversation.0)
            .bind(user.0)
            .fetch_optional(pool)
            .await?
        });
        Ok(found.is_some())
    }
}
