//! The deliberation space's storage, part two: participants (people taking part in one
//! conversation, signed in, anonymous or imported).

use std::collections::BTreeMap;

use sosei_core::deliberation::{Participant, ParticipantIdentity};
use sosei_core::{ConversationId, ParticipantId, UserId};
use time::OffsetDateTime;

use crate::convert::{timestamp_from_unix, unix_seconds};
use crate::{Store, StoreError};

const PARTICIPANT_COLUMNS: &str =
    "id, conversation_id, identity_kind, identity_value, attributes, banned, joined_at";

#[derive(sqlx::FromRow)]
struct ParticipantRow {
    id: i64,
    conversation_id: i64,
    identity_kind: String,
    identity_value: String,
    attributes: String,
    banned: bool,
    joined_at: i64,
}

/// The stored (kind, value) pair of an identity. Kinds are distinct namespaces: user 7 and the
/// pseudonym "7" are different people.
pub(crate) fn identity_columns(identity: &ParticipantIdentity) -> (&'static str, String) {
    match identity {
        ParticipantIdentity::User(user) => ("user", user.0.to_string()),
        ParticipantIdentity::Pseudonym(pseudonym) => ("pseudonym", pseudonym.clone()),
        ParticipantIdentity::External(external) => ("external", external.clone()),
    }
}

fn identity_from_columns(kind: &str, value: String) -> Result<ParticipantIdentity, StoreError> {
    match kind {
        "user" => value
            .parse::<i64>()
            .map(|id| ParticipantIdentity::User(UserId(id)))
            .map_err(|_| StoreError::Corrupt(format!("participant user id {value:?}"))),
        "pseudonym" => Ok(ParticipantIdentity::Pseudonym(value)),
        "external" => Ok(ParticipantIdentity::External(value)),
        _ => Err(StoreError::Corrupt(format!(
            "participant identity kind {kind:?}"
        ))),
    }
}

fn attributes_json(attributes: &BTreeMap<String, String>) -> String {
    // A map of strings always serialises; fall back to an empty object all the same.
    serde_json::to_string(attributes).unwrap_or_else(|_| "{}".to_owned())
}

fn participant_from_row(row: ParticipantRow) -> Result<Participant, StoreError> {
    let attributes: BTreeMap<String, String> = serde_json::from_str(&row.attributes)
        .map_err(|_| StoreError::Corrupt(format!("participant attributes {:?}", row.attributes)))?;
    Ok(Participant {
        id: ParticipantId(row.id),
        conversation: ConversationId(row.conversation_id),
        identity: identity_from_columns(&row.identity_kind, row.identity_value)?,
        attributes,
        banned: row.banned,
        joined_at: timestamp_from_unix(row.joined_at)?,
    })
}

impl Store {
    /// The participant with this identity, creating them (with `attributes`) if new; an existing
    /// participant keeps their attributes. Idempotent, also when two requests race. `NotFound`
    /// when the conversation does not exist.
    pub async fn join_conversation(
        &self,
        conversation: ConversationId,
        identity: &ParticipantIdentity,
        attributes: &BTreeMap<String, String>,
        now: OffsetDateTime,
    ) -> Result<Participant, StoreError> {
        // Look first: returning participants are the common case and a read takes no write lock.
        match self.participant_by_identity(conversation, identity).await {
            Err(StoreError::NotFound) => {}
            found => return found,
        }
        let (kind, value) = identity_columns(identity);
        let sql = format!(
            "INSERT INTO participants \
             (conversation_id, identity_kind, identity_value, attributes, banned, joined_at) \
             VALUES ($1, $2, $3, $4, FALSE, $5) \
             ON CONFLICT (conversation_id, identity_kind, identity_value) DO NOTHING \
             RETURNING {PARTICIPANT_COLUMNS}"
        );
        let inserted: Option<ParticipantRow> = {
            let _turn = self.sqlite_write_turn().await;
            with_pool!(self, pool => {
                sqlx::query_as(&sql)
                    .bind(conversation.0)
                    .bind(kind)
                    .bind(&value)
                    .bind(attributes_json(attributes))
                    .bind(unix_seconds(now))
                    .fetch_optional(pool)
                    .await
                    .map_err(|error| StoreError::from_write(error, "participant"))?
            })
        };
        match inserted {
            Some(row) => participant_from_row(row),
            // Someone else joined with the same identity between our look and our insert.
            None => self.participant_by_identity(conversation, identity).await,
        }
    }

    pub async fn participant_by_identity(
        &self,
        conversation: ConversationId,
        identity: &ParticipantIdentity,
    ) -> Result<Participant, StoreError> {
        let (kind, value) = identity_columns(identity);
        let sql = format!(
            "SELECT {PARTICIPANT_COLUMNS} FROM participants \
             WHERE conversation_id = $1 AND identity_kind = $2 AND identity_value = $3"
        );
        let row: Option<ParticipantRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(conversation.0)
                .bind(kind)
                .bind(&value)
                .fetch_optional(pool)
                .await?
        });
        participant_from_row(row.ok_or(StoreError::NotFound)?)
    }

    pub async fn participant(&self, id: ParticipantId) -> Result<Participant, StoreError> {
        let sql = format!("SELECT {PARTICIPANT_COLUMNS} FROM participants WHERE id = $1");
        let row: Option<ParticipantRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(id.0).fetch_optional(pool).await?
        });
        participant_from_row(row.ok_or(StoreError::NotFound)?)
    }

    /// Replace the participant's answers. `NotFound` when there is no such participant.
    pub async fn set_participant_attributes(
        &self,
        id: ParticipantId,
        attributes: &BTreeMap<String, String>,
    ) -> Result<(), StoreError> {
        let _turn = self.sqlite_write_turn().await;
        let result = with_pool!(self, pool => {
            sqlx::query("UPDATE participants SET attributes = $1 WHERE id = $2")
                .bind(attributes_json(attributes))
                .bind(id.0)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if result == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// `NotFound` when there is no such participant.
    pub async fn set_participant_banned(
        &self,
        id: ParticipantId,
        banned: bool,
    ) -> Result<(), StoreError> {
        let _turn = self.sqlite_write_turn().await;
        let result = with_pool!(self, pool => {
            sqlx::query("UPDATE participants SET banned = $1 WHERE id = $2")
                .bind(banned)
                .bind(id.0)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if result == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// By id.
    pub async fn participants(
        &self,
        conversation: ConversationId,
    ) -> Result<Vec<Participant>, StoreError> {
        let sql = format!(
            "SELECT {PARTICIPANT_COLUMNS} FROM participants WHERE conversation_id = $1 ORDER BY id"
        );
        let rows: Vec<ParticipantRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(conversation.0).fetch_all(pool).await?
        });
        rows.into_iter().map(participant_from_row).collect()
    }
}
