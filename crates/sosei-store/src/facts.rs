//! The deliberation space's storage, part four: fact cards, the audit log and the cached
//! analysis of each conversation.

use sosei_core::deliberation::{AuditEntry, FacilitatorAction, FactCard, NewFactCard};
use sosei_core::{ConversationId, FactCardId, StatementId, UserId};
use time::OffsetDateTime;

use crate::convert::{date_from_text, date_text, localized, timestamp_from_unix, unix_seconds};
use crate::{Store, StoreError, StoredAnalysis};

const FACT_CARD_COLUMNS: &str = "id, conversation_id, statement_id, text_ja, text_en, \
     source_citation, source_url, as_of, value, unit, author_user_id, created_at";

#[derive(sqlx::FromRow)]
struct FactCardRow {
    id: i64,
    conversation_id: i64,
    statement_id: Option<i64>,
    text_ja: Option<String>,
    text_en: Option<String>,
    source_citation: String,
    source_url: Option<String>,
    as_of: Option<String>,
    value: Option<f64>,
    unit: Option<String>,
    author_user_id: i64,
    created_at: i64,
}

fn fact_card_from_row(row: FactCardRow) -> Result<FactCard, StoreError> {
    Ok(FactCard {
        id: FactCardId(row.id),
        conversation: ConversationId(row.conversation_id),
        statement: row.statement_id.map(StatementId),
        text: localized(row.text_ja, row.text_en),
        source_citation: row.source_citation,
        source_url: row.source_url,
        as_of: row.as_of.as_deref().map(date_from_text).transpose()?,
        value: row.value,
        unit: row.unit,
        author: UserId(row.author_user_id),
        created_at: timestamp_from_unix(row.created_at)?,
    })
}

#[derive(sqlx::FromRow)]
struct AuditRow {
    conversation_id: i64,
    actor_user_id: Option<i64>,
    action: String,
    target: Option<String>,
    reason: Option<String>,
    at: i64,
}

fn audit_entry_from_row(row: AuditRow) -> Result<AuditEntry, StoreError> {
    Ok(AuditEntry {
        conversation: ConversationId(row.conversation_id),
        actor: row.actor_user_id.map(UserId),
        action: FacilitatorAction::parse(&row.action)
            .ok_or_else(|| StoreError::Corrupt(format!("audit action {:?}", row.action)))?,
        target: row.target,
        reason: row.reason,
        at: timestamp_from_unix(row.at)?,
    })
}

impl Store {
    // --- fact cards -----------------------------------------------------------------------------

    /// `NotFound` when the conversation, the statement or the author does not exist, or the
    /// statement belongs to another conversation (a composite foreign key checks that).
    pub async fn add_fact_card(
        &self,
        card: &NewFactCard,
        now: OffsetDateTime,
    ) -> Result<FactCard, StoreError> {
        let sql = format!(
            "INSERT INTO fact_cards (conversation_id, statement_id, text_ja, text_en, \
             source_citation, source_url, as_of, value, unit, author_user_id, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING {FACT_CARD_COLUMNS}"
        );
        let _turn = self.sqlite_write_turn().await;
        let row: FactCardRow = with_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(card.conversation.0)
                .bind(card.statement.map(|statement| statement.0))
                .bind(card.text.ja.as_deref())
                .bind(card.text.en.as_deref())
                .bind(&card.source_citation)
                .bind(card.source_url.as_deref())
                .bind(card.as_of.map(date_text))
                .bind(card.value)
                .bind(card.unit.as_deref())
                .bind(card.author.0)
                .bind(unix_seconds(now))
                .fetch_one(pool)
                .await
                .map_err(|error| StoreError::from_write(error, "fact card"))?
        });
        fact_card_from_row(row)
    }

    /// By creation (then id).
    pub async fn fact_cards(
        &self,
        conversation: ConversationId,
    ) -> Result<Vec<FactCard>, StoreError> {
        let sql = format!(
            "SELECT {FACT_CARD_COLUMNS} FROM fact_cards WHERE conversation_id = $1 \
             ORDER BY created_at, id"
        );
        let rows: Vec<FactCardRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(conversation.0).fetch_all(pool).await?
        });
        rows.into_iter().map(fact_card_from_row).collect()
    }

    /// `NotFound` when there is no such card.
    pub async fn remove_fact_card(&self, id: FactCardId) -> Result<(), StoreError> {
        let _turn = self.sqlite_write_turn().await;
        let removed = with_pool!(self, pool => {
            sqlx::query("DELETE FROM fact_cards WHERE id = $1")
                .bind(id.0)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if removed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    // --- audit log ------------------------------------------------------------------------------

    /// `NotFound` when the conversation or the actor does not exist.
    pub async fn record_audit(&self, entry: &AuditEntry) -> Result<(), StoreError> {
        let _turn = self.sqlite_write_turn().await;
        with_pool!(self, pool => {
            sqlx::query(
                "INSERT INTO audit_log (conversation_id, actor_user_id, action, target, reason, at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(entry.conversation.0)
            .bind(entry.actor.map(|actor| actor.0))
            .bind(entry.action.as_str())
            .bind(entry.target.as_deref())
            .bind(entry.reason.as_deref())
            .bind(unix_seconds(entry.at))
            .execute(pool)
            .await
            .map_err(|error| StoreError::from_write(error, "audit entry"))?;
        });
        Ok(())
    }

    /// Newest first; entries of the same second in reverse order of recording.
    pub async fn audit_log(
        &self,
        conversation: ConversationId,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let rows: Vec<AuditRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT conversation_id, actor_user_id, action, target, reason, at FROM audit_log \
                 WHERE conversation_id = $1 ORDER BY at DESC, id DESC",
            )
            .bind(conversation.0)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter().map(audit_entry_from_row).collect()
    }

    // --- analysis cache -------------------------------------------------------------------------

    /// Replace the conversation's stored analysis. `NotFound` when the conversation does not
    /// exist.
    pub async fn save_analysis(&self, analysis: &StoredAnalysis) -> Result<(), StoreError> {
        let _turn = self.sqlite_write_turn().await;
        with_pool!(self, pool => {
            sqlx::query(
                "INSERT INTO analyses (conversation_id, json, votes_seen, computed_at) \
                 VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (conversation_id) DO UPDATE SET json = excluded.json, \
                 votes_seen = excluded.votes_seen, computed_at = excluded.computed_at",
            )
            .bind(analysis.conversation.0)
            .bind(&analysis.json)
            .bind(analysis.votes_seen)
            .bind(unix_seconds(analysis.computed_at))
            .execute(pool)
            .await
            .map_err(|error| StoreError::from_write(error, "analysis"))?;
        });
        Ok(())
    }

    pub async fn latest_analysis(
        &self,
        conversation: ConversationId,
    ) -> Result<Option<StoredAnalysis>, StoreError> {
        let row: Option<(String, i64, i64)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT json, votes_seen, computed_at FROM analyses WHERE conversation_id = $1",
            )
            .bind(conversation.0)
            .fetch_optional(pool)
            .await?
        });
        row.map(|(json, votes_seen, computed_at)| {
            Ok(StoredAnalysis {
                conversation,
                json,
                votes_seen,
                computed_at: timestamp_from_unix(computed_at)?,
            })
        })
        .transpose()
    }

    /// How many votes the stored analysis saw and when it was computed, without reading its
    /// JSON: what a page polling for fresh results needs to know nothing changed.
    pub async fn analysis_stamp(
        &self,
        conversation: ConversationId,
    ) -> Result<Option<(i64, OffsetDateTime)>, StoreError> {
        let row: Option<(i64, i64)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT votes_seen, computed_at FROM analyses WHERE conversation_id = $1",
            )
            .bind(conversation.0)
            .fetch_optional(pool)
            .await?
        });
        row.map(|(votes_seen, computed_at)| Ok((votes_seen, timestamp_from_unix(computed_at)?)))
            .transpose()
    }
}
