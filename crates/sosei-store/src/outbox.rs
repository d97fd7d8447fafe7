//! The outbox: messages written in the same transaction as the change they report, delivered
//! later (SMTP when configured) or read on the admin outbox page.

use sosei_core::outbox::OutboxMessage;
use sosei_core::{EmailAddress, Locale, OutboxMessageId, UserId};
use time::OffsetDateTime;

use crate::convert::{timestamp_from_unix, unix_seconds};
use crate::programme_values::corrupt;
use crate::{Store, StoreError};

const OUTBOX_COLUMNS: &str =
    "id, recipient_user_id, email, locale, subject, body, created_at, sent_at";

#[derive(sqlx::FromRow)]
struct OutboxRow {
    id: i64,
    recipient_user_id: Option<i64>,
    email: String,
    locale: String,
    subject: String,
    body: String,
    created_at: i64,
    sent_at: Option<i64>,
}

fn message_from_row(row: OutboxRow) -> Result<OutboxMessage, StoreError> {
    Ok(OutboxMessage {
        id: OutboxMessageId(row.id),
        recipient: row.recipient_user_id.map(UserId),
        email: EmailAddress::parse(&row.email)
            .map_err(|_| corrupt("e-mail address", &row.email))?,
        locale: Locale::parse(&row.locale).ok_or_else(|| corrupt("locale", &row.locale))?,
        subject: row.subject,
        body: row.body,
        created_at: timestamp_from_unix(row.created_at)?,
        sent_at: row.sent_at.map(timestamp_from_unix).transpose()?,
    })
}

impl Store {
    /// Messages not yet delivered, oldest first, at most `limit`.
    pub async fn pending_outbox_messages(
        &self,
        limit: i64,
    ) -> Result<Vec<OutboxMessage>, StoreError> {
        let sql = format!(
            "SELECT {OUTBOX_COLUMNS} FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT $1"
        );
        let rows: Vec<OutboxRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(limit).fetch_all(pool).await?
        });
        rows.into_iter().map(message_from_row).collect()
    }

    /// Every message, newest first, at most `limit` (the admin outbox page).
    pub async fn outbox_messages(&self, limit: i64) -> Result<Vec<OutboxMessage>, StoreError> {
        let sql = format!("SELECT {OUTBOX_COLUMNS} FROM outbox ORDER BY id DESC LIMIT $1");
        let rows: Vec<OutboxRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(limit).fetch_all(pool).await?
        });
        rows.into_iter().map(message_from_row).collect()
    }

    /// One person's messages, oldest first.
    pub async fn outbox_messages_for(
        &self,
        user: UserId,
    ) -> Result<Vec<OutboxMessage>, StoreError> {
        let sql =
            format!("SELECT {OUTBOX_COLUMNS} FROM outbox WHERE recipient_user_id = $1 ORDER BY id");
        let rows: Vec<OutboxRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(user.0).fetch_all(pool).await?
        });
        rows.into_iter().map(message_from_row).collect()
    }

    /// Mark a message delivered. Returns `false` when it was already marked (another sender got
    /// there first); `NotFound` when there is no such message.
    pub async fn mark_outbox_message_sent(
        &self,
        id: OutboxMessageId,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let (updated, exists): (u64, i64) = with_pool!(self, pool => {
            let updated = sqlx::query("UPDATE outbox SET sent_at = $1 WHERE id = $2 AND sent_at IS NULL")
                .bind(unix_seconds(now))
                .bind(id.0)
                .execute(pool)
                .await?
                .rows_affected();
            let exists = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE id = $1")
                .bind(id.0)
                .fetch_one(pool)
                .await?;
            (updated, exists)
        });
        if exists == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(updated > 0)
    }
}
