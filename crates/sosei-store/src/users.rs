//! Accounts.

use sosei_core::{DisplayName, EmailAddress, Locale, NewUser, User, UserId};
use time::OffsetDateTime;

use crate::convert::{timestamp_from_unix, unix_seconds};
use crate::{Store, StoreError};

/// A user together with their argon2id PHC hash, for signing in.
#[derive(Debug, Clone)]
pub struct UserWithPassword {
    pub user: User,
    pub password_hash: String,
}

/// The columns of `users` that make a [`User`] (read by name into [`UserRow`]).
pub(crate) const USER_COLUMNS: &str =
    "id, email, display_name, is_site_admin, preferred_locale, created_at";
/// The same, qualified, for queries that join `users` with a table sharing column names.
pub(crate) const USER_COLUMNS_QUALIFIED: &str = "users.id, users.email, users.display_name, \
     users.is_site_admin, users.preferred_locale, users.created_at";

#[derive(sqlx::FromRow)]
pub(crate) struct UserRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub is_site_admin: bool,
    pub preferred_locale: Option<String>,
    pub created_at: i64,
}

#[derive(sqlx::FromRow)]
struct UserWithPasswordRow {
    #[sqlx(flatten)]
    user: UserRow,
    password_hash: String,
}

pub(crate) fn user_from_row(row: UserRow) -> Result<User, StoreError> {
    let email = EmailAddress::parse(&row.email)
        .map_err(|_| StoreError::Corrupt(format!("e-mail address of user {}", row.id)))?;
    let display_name = DisplayName::parse(&row.display_name)
        .map_err(|_| StoreError::Corrupt(format!("display name of user {}", row.id)))?;
    let preferred_locale = match row.preferred_locale.as_deref() {
        None => None,
        Some(tag) => Some(Locale::parse(tag).ok_or_else(|| {
            StoreError::Corrupt(format!("preferred locale {tag:?} of user {}", row.id))
        })?),
    };
    Ok(User {
        id: UserId(row.id),
        email,
        display_name,
        is_site_admin: row.is_site_admin,
        preferred_locale,
        created_at: timestamp_from_unix(row.created_at)?,
    })
}

/// `NotFound` when an update touched no row.
fn require_one_row(rows_affected: u64) -> Result<(), StoreError> {
    if rows_affected == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

impl Store {
    /// `Conflict` when the e-mail address is taken.
    pub async fn create_user(
        &self,
        new_user: &NewUser,
        now: OffsetDateTime,
    ) -> Result<User, StoreError> {
        let sql = format!(
            "INSERT INTO users (email, display_name, password_hash, is_site_admin, preferred_locale, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING {USER_COLUMNS}"
        );
        let row: UserRow = with_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(new_user.email.as_str())
                .bind(new_user.display_name.as_str())
                .bind(&new_user.password_hash)
                .bind(new_user.is_site_admin)
                .bind(new_user.preferred_locale.map(Locale::as_str))
                .bind(unix_seconds(now))
                .fetch_one(pool)
                .await
                .map_err(|error| StoreError::from_write(error, "this e-mail address is already registered"))?
        });
        user_from_row(row)
    }

    pub async fn user(&self, id: UserId) -> Result<User, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
        let row: Option<UserRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(id.0).fetch_optional(pool).await?
        });
        user_from_row(row.ok_or(StoreError::NotFound)?)
    }

    pub async fn user_with_password_by_email(
        &self,
        email: &EmailAddress,
    ) -> Result<UserWithPassword, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS}, password_hash FROM users WHERE email = $1");
        let row: Option<UserWithPasswordRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(email.as_str()).fetch_optional(pool).await?
        });
        let row = row.ok_or(StoreError::NotFound)?;
        Ok(UserWithPassword {
            user: user_from_row(row.user)?,
            password_hash: row.password_hash,
        })
    }

    pub async fn password_hash(&self, id: UserId) -> Result<String, StoreError> {
        let hash: Option<String> = with_pool!(self, pool => {
            sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
                .bind(id.0)
                .fetch_optional(pool)
                .await?
        });
        hash.ok_or(StoreError::NotFound)
    }

    pub async fn set_password_hash(
        &self,
        id: UserId,
        password_hash: &str,
    ) -> Result<(), StoreError> {
        let rows_affected = with_pool!(self, pool => {
            sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                .bind(password_hash)
                .bind(id.0)
                .execute(pool)
                .await?
                .rows_affected()
        });
        require_one_row(rows_affected)
    }

    pub async fn set_preferred_locale(
        &self,
        id: UserId,
        locale: Option<Locale>,
    ) -> Result<(), StoreError> {
        let rows_affected = with_pool!(self, pool => {
            sqlx::query("UPDATE users SET preferred_locale = $1 WHERE id = $2")
                .bind(locale.map(Locale::as_str))
                .bind(id.0)
                .execute(pool)
                .await?
                .rows_affected()
        });
        require_one_row(rows_affected)
    }

    pub async fn set_site_admin(&self, id: UserId, is_site_admin: bool) -> Result<(), StoreError> {
        let rows_affected = with_pool!(self, pool => {
            sqlx::query("UPDATE users SET is_site_admin = $1 WHERE id = $2")
                .bind(is_site_admin)
                .bind(id.0)
                .execute(pool)
                .await?
                .rows_affected()
        });
        require_one_row(rows_affected)
    }

    /// Newest first.
    pub async fn list_users(&self, limit: i64, offset: i64) -> Result<Vec<User>, StoreError> {
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM users ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2"
        );
        let rows: Vec<UserRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(limit.max(0))
                .bind(offset.max(0))
                .fetch_all(pool)
                .await?
        });
        rows.into_iter().map(user_from_row).collect()
    }

    pub async fn count_users(&self) -> Result<i64, StoreError> {
        let count: i64 = with_pool!(self, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(pool).await?
        });
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> UserRow {
        UserRow {
            id: 7,
            email: "hanako@example.jp".into(),
            display_name: "花子".into(),
            is_site_admin: false,
            preferred_locale: Some("en".into()),
            created_at: 1_700_000_000,
        }
    }

    #[test]
    fn a_stored_user_converts() {
        let user = user_from_row(row()).expect("a valid row");
        assert_eq!(user.id, UserId(7));
        assert_eq!(user.preferred_locale, Some(Locale::En));
        assert_eq!(user.created_at.unix_timestamp(), 1_700_000_000);
    }

    #[test]
    fn hand_edited_values_are_corrupt() {
        let bad_email = UserRow {
            email: "not an address".into(),
            ..row()
        };
        assert!(matches!(
            user_from_row(bad_email),
            Err(StoreError::Corrupt(_))
        ));
        let bad_locale = UserRow {
            preferred_locale: Some("fr".into()),
            ..row()
        };
        assert!(matches!(
            user_from_row(bad_locale),
            Err(StoreError::Corrupt(_))
        ));
    }
}
