//! Ids that imported records had in the system they came from (e.g. the comment ids of a Pol.is
//! export), kept beside the records so an export can give them back.

use sosei_core::ConversationId;

use crate::{Store, StoreError};

/// Rows per `INSERT` in [`Store::record_external_ids`]: 3 parameters a row stays far below
/// SQLite's limit of 32,766 bound parameters.
const IDS_PER_INSERT: usize = 500;

/// The namespace of an external id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExternalKind {
    /// A statement's comment id in a Pol.is export.
    PolisComment,
}

impl ExternalKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ExternalKind::PolisComment => "polis_comment",
        }
    }
}

/// One imported record: its id elsewhere and its id here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalId {
    pub external_id: String,
    pub internal_id: i64,
}

impl Store {
    /// Remember where imported records came from, in one transaction. `Conflict` when an
    /// external id of this kind is already recorded for the conversation; `NotFound` when the
    /// conversation does not exist.
    pub async fn record_external_ids(
        &self,
        conversation: ConversationId,
        kind: ExternalKind,
        ids: &[ExternalId],
    ) -> Result<(), StoreError> {
        if ids.is_empty() {
            return Ok(());
        }
        let _turn = self.sqlite_write_turn().await;
        with_pool!(self, pool => {
            let mut transaction = pool.begin().await?;
            for batch in ids.chunks(IDS_PER_INSERT) {
                let rows: Vec<String> = (0..batch.len())
                    .map(|row| format!("($1, $2, ${}, ${})", 3 + 2 * row, 4 + 2 * row))
                    .collect();
                let sql = format!(
                    "INSERT INTO external_ids (conversation_id, kind, external_id, internal_id) \
                     VALUES {}",
                    rows.join(", ")
                );
                let mut query = sqlx::query(&sql).bind(conversation.0).bind(kind.as_str());
                for id in batch {
                    query = query.bind(&id.external_id).bind(id.internal_id);
                }
                query
                    .execute(&mut *transaction)
                    .await
                    .map_err(|error| StoreError::from_write(error, "external id"))?;
            }
            transaction.commit().await?;
        });
        Ok(())
    }

    /// The recorded ids of this kind, by internal id.
    pub async fn external_ids(
        &self,
        conversation: ConversationId,
        kind: ExternalKind,
    ) -> Result<Vec<ExternalId>, StoreError> {
        let rows: Vec<(String, i64)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT external_id, internal_id FROM external_ids \
                 WHERE conversation_id = $1 AND kind = $2 ORDER BY internal_id",
            )
            .bind(conversation.0)
            .bind(kind.as_str())
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(external_id, internal_id)| ExternalId {
                external_id,
                internal_id,
            })
            .collect())
    }
}
