//! Server-side sessions and sign-in throttling.

use sosei_core::{User, UserId};
use time::OffsetDateTime;

use crate::convert::{timestamp_from_unix, unix_seconds};
use crate::users::{USER_COLUMNS_QUALIFIED, UserRow, user_from_row};
use crate::{Store, StoreError};

/// A server-side session to store. Only the SHA-256 of the cookie token is kept.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token_hash: String,
    pub user_id: UserId,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

#[derive(Debug, Clone)]
pub struct SessionRecord {
    pub token_hash: String,
    pub user: User,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

/// Consecutive failed sign-ins for one key (an e-mail address or a client address).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginThrottle {
    pub consecutive_failures: i64,
    pub last_failure_at: Option<OffsetDateTime>,
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    token_hash: String,
    session_created_at: i64,
    session_expires_at: i64,
    #[sqlx(flatten)]
    user: UserRow,
}

#[derive(sqlx::FromRow)]
struct ThrottleRow {
    consecutive_failures: i64,
    last_failure_at: Option<i64>,
}

fn throttle_from_row(row: ThrottleRow) -> Result<LoginThrottle, StoreError> {
    Ok(LoginThrottle {
        consecutive_failures: row.consecutive_failures,
        last_failure_at: row.last_failure_at.map(timestamp_from_unix).transpose()?,
    })
}

impl Store {
    // --- sessions -------------------------------------------------------------------------------

    /// `NotFound` when the user does not exist; `Conflict` when the token hash is already used.
    pub async fn create_session(&self, session: &NewSession) -> Result<(), StoreError> {
        with_pool!(self, pool => {
            sqlx::query(
                "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(&session.token_hash)
            .bind(session.user_id.0)
            .bind(unix_seconds(session.created_at))
            .bind(unix_seconds(session.expires_at))
            .execute(pool)
            .await
            .map_err(|error| StoreError::from_write(error, "a session with this token already exists"))?;
        });
        Ok(())
    }

    /// The live session with this token hash (`NotFound` when missing or expired at `now`).
    pub async fn session(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<SessionRecord, StoreError> {
        let sql = format!(
            "SELECT sessions.token_hash, sessions.created_at AS session_created_at, \
             sessions.expires_at AS session_expires_at, {USER_COLUMNS_QUALIFIED} \
             FROM sessions JOIN users ON users.id = sessions.user_id \
             WHERE sessions.token_hash = $1 AND sessions.expires_at > $2"
        );
        let row: Option<SessionRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(token_hash)
                .bind(unix_seconds(now))
                .fetch_optional(pool)
                .await?
        });
        let row = row.ok_or(StoreError::NotFound)?;
        Ok(SessionRecord {
            token_hash: row.token_hash,
            created_at: timestamp_from_unix(row.session_created_at)?,
            expires_at: timestamp_from_unix(row.session_expires_at)?,
            user: user_from_row(row.user)?,
        })
    }

    /// Deleting a session that does not exist is not an error (signing out twice is fine).
    pub async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        with_pool!(self, pool => {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                .bind(token_hash)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// Sign a user out everywhere but `keep` (after a password change).
    pub async fn delete_sessions_of_user(
        &self,
        id: UserId,
        keep: Option<&str>,
    ) -> Result<(), StoreError> {
        // `$2 IS NULL` would leave the parameter's type unknown on PostgreSQL; an empty string
        // is never a token hash, so it stands for "keep none".
        with_pool!(self, pool => {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
                .bind(id.0)
                .bind(keep.unwrap_or(""))
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    pub async fn delete_expired_sessions(&self, now: OffsetDateTime) -> Result<u64, StoreError> {
        let deleted = with_pool!(self, pool => {
            sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
                .bind(unix_seconds(now))
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(deleted)
    }

    // --- sign-in throttling ---------------------------------------------------------------------

    /// No failures recorded is `consecutive_failures: 0`, not `NotFound`.
    pub async fn login_throttle(&self, key: &str) -> Result<LoginThrottle, StoreError> {
        let row: Option<ThrottleRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT consecutive_failures, last_failure_at FROM login_failures WHERE key = $1",
            )
            .bind(key)
            .fetch_optional(pool)
            .await?
        });
        match row {
            Some(row) => throttle_from_row(row),
            None => Ok(LoginThrottle {
                consecutive_failures: 0,
                last_failure_at: None,
            }),
        }
    }

    /// Count one more consecutive failure; returns the new state.
    pub async fn record_login_failure(
        &self,
        key: &str,
        now: OffsetDateTime,
    ) -> Result<LoginThrottle, StoreError> {
        // One statement, so concurrent failures on several app servers all count.
        let row: ThrottleRow = with_pool!(self, pool => {
            sqlx::query_as(
                "INSERT INTO login_failures (key, consecutive_failures, last_failure_at) VALUES ($1, 1, $2) \
                 ON CONFLICT (key) DO UPDATE SET \
                 consecutive_failures = login_failures.consecutive_failures + 1, \
                 last_failure_at = excluded.last_failure_at \
                 RETURNING consecutive_failures, last_failure_at",
            )
            .bind(key)
            .bind(unix_seconds(now))
            .fetch_one(pool)
            .await?
        });
        throttle_from_row(row)
    }

    pub async fn clear_login_failures(&self, key: &str) -> Result<(), StoreError> {
        with_pool!(self, pool => {
            sqlx::query("DELETE FROM login_failures WHERE key = $1")
                .bind(key)
                .execute(pool)
                .await?;
        });
        Ok(())
    }
}
