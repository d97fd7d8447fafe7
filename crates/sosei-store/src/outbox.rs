//! The outbox: messages written in the same transaction as the change they report, delivered
//! later (SMTP when configured) or read on the admin outbox page.

use sosei_core::outbox::{ComposedMessage, OutboxMessage};
use sosei_core::{EmailAddress, Locale, OutboxMessageId, UserId};
use time::OffsetDateTime;

use crate::convert::{timestamp_from_unix, unix_seconds};
use crate::programme_values::corrupt;
use crate::{Store, StoreError};

const OUTBOX_COLUMNS: &str = "id, recipient_user_id, email, locale, subject, body, created_at, \
     sent_at, attempts, next_attempt_at, last_error, failed_at";

/// A message a sender may take now: not sent, not given up, and either never tried or past its
/// lease or retry time (`$NOW` is replaced by the parameter holding the current time).
const DUE_CONDITION: &str = "sent_at IS NULL AND failed_at IS NULL \
     AND (next_attempt_at IS NULL OR next_attempt_at <= $NOW)";

/// Errors are kept to this many characters: enough for any SMTP reply, not a log file.
pub const OUTBOX_ERROR_MAX_CHARS: usize = 1_000;

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
    attempts: i64,
    next_attempt_at: Option<i64>,
    last_error: Option<String>,
    failed_at: Option<i64>,
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
        attempts: u32::try_from(row.attempts).map_err(|_| corrupt("attempts", row.attempts))?,
        next_attempt_at: row.next_attempt_at.map(timestamp_from_unix).transpose()?,
        last_error: row.last_error,
        failed_at: row.failed_at.map(timestamp_from_unix).transpose()?,
    })
}

impl Store {
    /// Put a message to one person in the outbox on its own (messages that report a change are
    /// written by the change's own transaction instead). `recipient` is the account, if any.
    pub async fn enqueue_outbox_message(
        &self,
        recipient: Option<UserId>,
        email: &EmailAddress,
        locale: Locale,
        message: &ComposedMessage,
        now: OffsetDateTime,
    ) -> Result<OutboxMessageId, StoreError> {
        let id: i64 = with_pool!(self, pool => {
            sqlx::query_scalar(
                "INSERT INTO outbox (recipient_user_id, email, locale, subject, body, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(recipient.map(|user| user.0))
            .bind(email.as_str())
            .bind(locale.as_str())
            .bind(&message.subject)
            .bind(&message.body)
            .bind(unix_seconds(now))
            .fetch_one(pool)
            .await
            .map_err(|error| StoreError::from_write(error, "outbox message"))?
        });
        Ok(OutboxMessageId(id))
    }

    /// Messages not yet delivered nor given up, oldest first, at most `limit`.
    pub async fn pending_outbox_messages(
        &self,
        limit: i64,
    ) -> Result<Vec<OutboxMessage>, StoreError> {
        let sql = format!(
            "SELECT {OUTBOX_COLUMNS} FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL \
             ORDER BY id LIMIT $1"
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

    /// Take up to `limit` messages that are due at `now` for delivery, oldest first: each one's
    /// attempt is counted and it is leased until `lease_until`, so no other sender (another app
    /// server) takes it meanwhile. A sender that dies leaves the message to be taken again once
    /// the lease ends. The `UPDATE` re-checks the condition row by row, so two senders racing
    /// for the same message cannot both get it.
    pub async fn claim_due_outbox_messages(
        &self,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
        limit: i64,
    ) -> Result<Vec<OutboxMessage>, StoreError> {
        let due_now = DUE_CONDITION.replace("$NOW", "$2");
        let sql = format!(
            "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1 \
             WHERE id IN (SELECT id FROM outbox WHERE {due_now} ORDER BY id LIMIT $3) \
             AND {due_now} RETURNING {OUTBOX_COLUMNS}"
        );
        let rows: Vec<OutboxRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(unix_seconds(lease_until))
                .bind(unix_seconds(now))
                .bind(limit)
                .fetch_all(pool)
                .await?
        });
        let mut messages = rows
            .into_iter()
            .map(message_from_row)
            .collect::<Result<Vec<_>, _>>()?;
        messages.sort_by_key(|message| message.id);
        Ok(messages)
    }

    /// Record a failed delivery attempt: with `retry_at`, the message is tried again then; with
    /// `None`, delivery is given up (`failed_at = now`). The error is cut to
    /// [`OUTBOX_ERROR_MAX_CHARS`]. Does nothing to a message already sent.
    pub async fn record_outbox_delivery_failure(
        &self,
        id: OutboxMessageId,
        error: &str,
        retry_at: Option<OffsetDateTime>,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let error: String = error.chars().take(OUTBOX_ERROR_MAX_CHARS).collect();
        let (next_attempt_at, failed_at) = match retry_at {
            Some(at) => (Some(unix_seconds(at)), None),
            None => (None, Some(unix_seconds(now))),
        };
        let updated = with_pool!(self, pool => {
            sqlx::query(
                "UPDATE outbox SET last_error = $1, next_attempt_at = $2, failed_at = $3 \
                 WHERE id = $4 AND sent_at IS NULL",
            )
            .bind(&error)
            .bind(next_attempt_at)
            .bind(failed_at)
            .bind(id.0)
            .execute(pool)
            .await?
            .rows_affected()
        });
        if updated == 0 {
            self.outbox_message(id).await?;
        }
        Ok(())
    }

    /// Queue a message that was given up (or is waiting for a retry) to be tried again at once,
    /// with a fresh count of attempts. Returns `false` for a message already sent.
    pub async fn requeue_outbox_message(&self, id: OutboxMessageId) -> Result<bool, StoreError> {
        let updated = with_pool!(self, pool => {
            sqlx::query(
                "UPDATE outbox SET attempts = 0, next_attempt_at = NULL, failed_at = NULL \
                 WHERE id = $1 AND sent_at IS NULL",
            )
            .bind(id.0)
            .execute(pool)
            .await?
            .rows_affected()
        });
        if updated == 0 {
            self.outbox_message(id).await?;
        }
        Ok(updated > 0)
    }

    /// One message; `NotFound` when there is none with this id.
    pub async fn outbox_message(&self, id: OutboxMessageId) -> Result<OutboxMessage, StoreError> {
        let sql = format!("SELECT {OUTBOX_COLUMNS} FROM outbox WHERE id = $1");
        let row: Option<OutboxRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(id.0).fetch_optional(pool).await?
        });
        row.map(message_from_row)
            .transpose()?
            .ok_or(StoreError::NotFound)
    }
}
