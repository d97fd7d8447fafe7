//! Links sent by e-mail to one account: a password reset and an e-mail address verification.
//!
//! Only the SHA-256 of a link's token is stored, so the database alone opens nothing. A token
//! is used at most once: the `UPDATE` that uses it also checks that it is unused and unexpired,
//! so two requests racing with the same link cannot both succeed. Issuing a link writes its
//! message to the outbox in the same transaction, like an application's status messages.

use sosei_core::outbox::ComposedMessage;
use sosei_core::{EmailAddress, Locale, UserId};
use time::OffsetDateTime;

use crate::convert::{timestamp_from_unix, unix_seconds};
use crate::{Store, StoreError};

/// What a link does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountTokenPurpose {
    PasswordReset,
    EmailVerification,
}

impl AccountTokenPurpose {
    fn as_str(self) -> &'static str {
        match self {
            AccountTokenPurpose::PasswordReset => "password_reset",
            AccountTokenPurpose::EmailVerification => "email_verification",
        }
    }
}

/// A link about to be sent: the hash of its token, whose account, and until when it works.
#[derive(Debug, Clone)]
pub struct NewAccountToken {
    pub token_hash: String,
    pub user_id: UserId,
    pub purpose: AccountTokenPurpose,
    /// The address the link goes to (a verification link confirms this address only).
    pub email: EmailAddress,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

/// The condition for a token that still works at `$NOW`.
const USABLE: &str = "token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3";

impl Store {
    /// Store `token` and put `message` (which carries its link) in the outbox for its address,
    /// in one transaction. Earlier unused links of the same purpose stop working: only the
    /// newest link a person received opens anything.
    pub async fn issue_account_token(
        &self,
        token: &NewAccountToken,
        message: &ComposedMessage,
        locale: Locale,
    ) -> Result<(), StoreError> {
        with_pool!(self, pool => {
            let mut transaction = pool.begin().await?;
            sqlx::query(
                "UPDATE account_tokens SET used_at = $1 \
                 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL",
            )
            .bind(unix_seconds(token.created_at))
            .bind(token.user_id.0)
            .bind(token.purpose.as_str())
            .execute(&mut *transaction)
            .await?;
            sqlx::query(
                "INSERT INTO account_tokens (token_hash, user_id, purpose, email, created_at, \
                 expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(&token.token_hash)
            .bind(token.user_id.0)
            .bind(token.purpose.as_str())
            .bind(token.email.as_str())
            .bind(unix_seconds(token.created_at))
            .bind(unix_seconds(token.expires_at))
            .execute(&mut *transaction)
            .await
            .map_err(|error| StoreError::from_write(error, "account token"))?;
            sqlx::query(
                "INSERT INTO outbox (recipient_user_id, email, locale, subject, body, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(token.user_id.0)
            .bind(token.email.as_str())
            .bind(locale.as_str())
            .bind(&message.subject)
            .bind(&message.body)
            .bind(unix_seconds(token.created_at))
            .execute(&mut *transaction)
            .await?;
            transaction.commit().await?;
        });
        Ok(())
    }

    /// How many links of `purpose` were issued to `user` since `since` (for the rate limit).
    pub async fn count_account_tokens_since(
        &self,
        user: UserId,
        purpose: AccountTokenPurpose,
        since: OffsetDateTime,
    ) -> Result<i64, StoreError> {
        let count: i64 = with_pool!(self, pool => {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM account_tokens \
                 WHERE user_id = $1 AND purpose = $2 AND created_at >= $3",
            )
            .bind(user.0)
            .bind(purpose.as_str())
            .bind(unix_seconds(since))
            .fetch_one(pool)
            .await?
        });
        Ok(count)
    }

    /// Whether a link still works at `now` (the page behind it shows its form or says it has
    /// expired); using it is [`Store::reset_password_with_token`] or
    /// [`Store::verify_email_with_token`].
    pub async fn account_token_is_usable(
        &self,
        token_hash: &str,
        purpose: AccountTokenPurpose,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let sql = format!("SELECT COUNT(*) FROM account_tokens WHERE {USABLE}");
        let count: i64 = with_pool!(self, pool => {
            sqlx::query_scalar(&sql)
                .bind(token_hash)
                .bind(purpose.as_str())
                .bind(unix_seconds(now))
                .fetch_one(pool)
                .await?
        });
        Ok(count > 0)
    }

    /// Use a password reset link: set the new password, end every session of the account and
    /// mark the address verified (the link reached it), all in one transaction. `NotFound`
    /// when the link is unknown, used or expired.
    pub async fn reset_password_with_token(
        &self,
        token_hash: &str,
        new_password_hash: &str,
        now: OffsetDateTime,
    ) -> Result<UserId, StoreError> {
        let sql = format!(
            "UPDATE account_tokens SET used_at = $3 WHERE {USABLE} RETURNING user_id, email"
        );
        let user_id = with_pool!(self, pool => {
            let mut transaction = pool.begin().await?;
            let used: Option<(i64, String)> = sqlx::query_as(&sql)
                .bind(token_hash)
                .bind(AccountTokenPurpose::PasswordReset.as_str())
                .bind(unix_seconds(now))
                .fetch_optional(&mut *transaction)
                .await?;
            let Some((user_id, email)) = used else {
                return Err(StoreError::NotFound);
            };
            sqlx::query(
                "UPDATE users SET password_hash = $1, \
                 email_verified_at = COALESCE(email_verified_at, $2) \
                 WHERE id = $3 AND email = $4 AND deleted_at IS NULL",
            )
            .bind(new_password_hash)
            .bind(unix_seconds(now))
            .bind(user_id)
            .bind(&email)
            .execute(&mut *transaction)
            .await?;
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(user_id)
                .execute(&mut *transaction)
                .await?;
            transaction.commit().await?;
            user_id
        });
        Ok(UserId(user_id))
    }

    /// Use a verification link: the address it was sent to is verified, if it is still the
    /// account's address. `NotFound` when the link is unknown, used or expired.
    pub async fn verify_email_with_token(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<UserId, StoreError> {
        let sql = format!(
            "UPDATE account_tokens SET used_at = $3 WHERE {USABLE} RETURNING user_id, email"
        );
        let user_id = with_pool!(self, pool => {
            let mut transaction = pool.begin().await?;
            let used: Option<(i64, String)> = sqlx::query_as(&sql)
                .bind(token_hash)
                .bind(AccountTokenPurpose::EmailVerification.as_str())
                .bind(unix_seconds(now))
                .fetch_optional(&mut *transaction)
                .await?;
            let Some((user_id, email)) = used else {
                return Err(StoreError::NotFound);
            };
            sqlx::query(
                "UPDATE users SET email_verified_at = COALESCE(email_verified_at, $1) \
                 WHERE id = $2 AND email = $3",
            )
            .bind(unix_seconds(now))
            .bind(user_id)
            .bind(&email)
            .execute(&mut *transaction)
            .await?;
            transaction.commit().await?;
            user_id
        });
        Ok(UserId(user_id))
    }

    /// When the account's address was verified; `None` while it is not.
    pub async fn email_verified_at(
        &self,
        user: UserId,
    ) -> Result<Option<OffsetDateTime>, StoreError> {
        let at: Option<Option<i64>> = with_pool!(self, pool => {
            sqlx::query_scalar("SELECT email_verified_at FROM users WHERE id = $1")
                .bind(user.0)
                .fetch_optional(pool)
                .await?
        });
        at.ok_or(StoreError::NotFound)?
            .map(timestamp_from_unix)
            .transpose()
    }
}
