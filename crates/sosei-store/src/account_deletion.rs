//! Deleting an account (Japan's Act on the Protection of Personal Information lets a person ask
//! for it; the privacy policy says what happens).
//!
//! The `users` row stays, emptied: no address, no name, no usable password, `deleted_at` set.
//! Fact cards, moderation records and coordinators' history rows name their author by user id,
//! and keeping the row keeps those references valid without keeping anything personal. The
//! person's conversation participations become anonymous pseudonyms with a value tied to no one,
//! so their statements and votes stay in every analysis; everything else tied to them (profile,
//! applications, sessions, memberships, links, consents, messages, testimonials, references
//! about them) is deleted, in the same transaction.

use sosei_core::{OrganisationId, UserId};
use time::OffsetDateTime;

use crate::convert::unix_seconds;
use crate::{Store, StoreError};

/// Why an account cannot be deleted yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountDeletionRefusal {
    /// The person is the only administrator of these organisations.
    LastOrganisationAdmin(Vec<OrganisationId>),
    /// The person is the site's only administrator.
    LastSiteAdmin,
}

/// The display name a deleted account keeps (display names cannot be empty).
pub const DELETED_ACCOUNT_NAME: &str = "削除済み (deleted)";

/// Organisations where `$1` is an admin and no other live account is.
const LAST_ADMIN_OF: &str = "SELECT m.organisation_id FROM memberships m \
     WHERE m.user_id = $1 AND m.role = 'admin' AND NOT EXISTS ( \
         SELECT 1 FROM memberships o JOIN users u ON u.id = o.user_id \
         WHERE o.organisation_id = m.organisation_id AND o.role = 'admin' \
         AND o.user_id <> $1 AND u.deleted_at IS NULL) \
     ORDER BY m.organisation_id";

/// 1 when `$1` is a site admin and no other live account is.
const LAST_SITE_ADMIN: &str = "SELECT COUNT(*) FROM users me WHERE me.id = $1 \
     AND me.is_site_admin AND NOT EXISTS ( \
         SELECT 1 FROM users other WHERE other.is_site_admin AND other.id <> $1 \
         AND other.deleted_at IS NULL)";

/// The statements that empty an account, in order before [`EMPTY_USER_ROW`]; each binds the
/// user id as `$1` and nothing else.
const DELETION_STEPS: &[&str] = &[
    // Statements and votes stay; the participant no longer points at the person.
    "UPDATE participants SET identity_kind = 'pseudonym', \
     identity_value = 'deleted-account-participant-' || CAST(id AS TEXT) \
     WHERE identity_kind = 'user' AND identity_value = CAST($1 AS TEXT)",
    "DELETE FROM applications WHERE user_id = $1",
    "DELETE FROM participant_profiles WHERE user_id = $1",
    "DELETE FROM sessions WHERE user_id = $1",
    "DELETE FROM memberships WHERE user_id = $1",
    "DELETE FROM conversation_facilitators WHERE user_id = $1",
    "DELETE FROM account_tokens WHERE user_id = $1",
    "DELETE FROM legal_acceptances WHERE user_id = $1",
    "DELETE FROM outbox WHERE recipient_user_id = $1",
    "DELETE FROM testimonials WHERE author_user_id = $1",
    "DELETE FROM programme_references WHERE participant_user_id = $1",
];

/// The last step: `$1` the user id, `$2` the time, `$3` [`DELETED_ACCOUNT_NAME`], `$4` random
/// hexadecimal digits (so nobody can sign up first with the address a deletion will write).
const EMPTY_USER_ROW: &str = "UPDATE users \
     SET email = 'deleted-' || CAST(id AS TEXT) || '-' || $4 || '@deleted.invalid', \
     display_name = $3, password_hash = '!deleted', is_site_admin = FALSE, \
     preferred_locale = NULL, email_verified_at = NULL, deleted_at = $2 WHERE id = $1";

impl Store {
    /// Why `user` cannot be deleted now, if anything stands in the way.
    pub async fn account_deletion_refusal(
        &self,
        user: UserId,
    ) -> Result<Option<AccountDeletionRefusal>, StoreError> {
        let (organisations, last_site_admin): (Vec<i64>, i64) = with_pool!(self, pool => {
            let organisations = sqlx::query_scalar(LAST_ADMIN_OF)
                .bind(user.0)
                .fetch_all(pool)
                .await?;
            let last_site_admin = sqlx::query_scalar(LAST_SITE_ADMIN)
                .bind(user.0)
                .fetch_one(pool)
                .await?;
            (organisations, last_site_admin)
        });
        Ok(if !organisations.is_empty() {
            Some(AccountDeletionRefusal::LastOrganisationAdmin(
                organisations.into_iter().map(OrganisationId).collect(),
            ))
        } else if last_site_admin > 0 {
            Some(AccountDeletionRefusal::LastSiteAdmin)
        } else {
            None
        })
    }

    /// Delete `user`'s account as the module describes. `Conflict` when
    /// [`Store::account_deletion_refusal`] would refuse (checked again inside the transaction);
    /// `NotFound` for an unknown or already deleted account.
    pub async fn delete_account(
        &self,
        user: UserId,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let mut random = [0u8; 8];
        getrandom::fill(&mut random).map_err(|error| {
            StoreError::Database(sqlx::Error::Configuration(
                format!("no operating-system randomness: {error}").into(),
            ))
        })?;
        let random_suffix: String = random.iter().map(|byte| format!("{byte:02x}")).collect();
        let _turn = self.sqlite_write_turn().await;
        with_pool!(self, pool => {
            let mut transaction = pool.begin().await?;
            let live: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM users WHERE id = $1 AND deleted_at IS NULL",
            )
            .bind(user.0)
            .fetch_one(&mut *transaction)
            .await?;
            if live == 0 {
                return Err(StoreError::NotFound);
            }
            let last_admin_of: Vec<i64> = sqlx::query_scalar(LAST_ADMIN_OF)
                .bind(user.0)
                .fetch_all(&mut *transaction)
                .await?;
            let last_site_admin: i64 = sqlx::query_scalar(LAST_SITE_ADMIN)
                .bind(user.0)
                .fetch_one(&mut *transaction)
                .await?;
            if !last_admin_of.is_empty() || last_site_admin > 0 {
                return Err(StoreError::Conflict("the last administrator".to_owned()));
            }
            for step in DELETION_STEPS {
                sqlx::query(step).bind(user.0).execute(&mut *transaction).await?;
            }
            sqlx::query(EMPTY_USER_ROW)
                .bind(user.0)
                .bind(unix_seconds(now))
                .bind(DELETED_ACCOUNT_NAME)
                .bind(&random_suffix)
                .execute(&mut *transaction)
                .await?;
            transaction.commit().await?;
        });
        Ok(())
    }

    /// Whether the account was deleted.
    pub async fn is_account_deleted(&self, user: UserId) -> Result<bool, StoreError> {
        let deleted_at: Option<Option<i64>> = with_pool!(self, pool => {
            sqlx::query_scalar("SELECT deleted_at FROM users WHERE id = $1")
                .bind(user.0)
                .fetch_optional(pool)
                .await?
        });
        Ok(deleted_at.ok_or(StoreError::NotFound)?.is_some())
    }
}
