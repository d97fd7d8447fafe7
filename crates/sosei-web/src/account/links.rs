//! Links sent by e-mail: made here (a random token; the store keeps only its SHA-256), written
//! to the outbox with their message in one transaction, and limited in number so that nobody
//! can flood a person's inbox through the request forms.

use sosei_core::{Locale, User};
use sosei_store::{AccountTokenPurpose, NewAccountToken};
use time::{Duration, OffsetDateTime};

use crate::error::AppError;
use crate::signing;
use crate::state::AppState;

/// A password reset link works this long.
pub const PASSWORD_RESET_VALIDITY: Duration = Duration::hours(1);
/// A verification link works this long.
pub const VERIFICATION_VALIDITY: Duration = Duration::hours(48);
/// At most this many links of one kind go to one account per [`LINK_WINDOW`].
pub const MAX_LINKS_PER_WINDOW: i64 = 3;
pub const LINK_WINDOW: Duration = Duration::hours(1);

/// Whether a link was sent, or held back by the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkSent {
    Sent,
    HeldBack,
}

/// The language an account's mail is written in: its preference, else the page's language.
pub fn mail_locale(user: &User, page_locale: Locale) -> Locale {
    user.preferred_locale.unwrap_or(page_locale)
}

/// Send `user` a link of `purpose` unless [`MAX_LINKS_PER_WINDOW`] were sent in the last
/// [`LINK_WINDOW`].
pub async fn send_link(
    state: &AppState,
    user: &User,
    purpose: AccountTokenPurpose,
    locale: Locale,
) -> Result<LinkSent, AppError> {
    let now = OffsetDateTime::now_utc();
    let recent = state
        .store
        .count_account_tokens_since(user.id, purpose, now - LINK_WINDOW)
        .await?;
    if recent >= MAX_LINKS_PER_WINDOW {
        tracing::warn!(user_id = %user.id, ?purpose, "link held back by the rate limit");
        return Ok(LinkSent::HeldBack);
    }
    let token = signing::random_token();
    let base = match &state.config.public_url {
        Some(configured) => configured.as_str(),
        None => state.config.mail_link_fallback.as_str(),
    }
    .trim_end_matches('/');
    let (validity, message) = match purpose {
        AccountTokenPurpose::PasswordReset => (
            PASSWORD_RESET_VALIDITY,
            sosei_core::account_mail::password_reset_message(
                user.display_name.as_str(),
                &format!("{base}/password-reset/{token}"),
                PASSWORD_RESET_VALIDITY.whole_minutes(),
                locale,
            ),
        ),
        AccountTokenPurpose::EmailVerification => (
            VERIFICATION_VALIDITY,
            sosei_core::account_mail::email_verification_message(
                user.display_name.as_str(),
                &format!("{base}/verify-email/{token}"),
                VERIFICATION_VALIDITY.whole_hours(),
                locale,
            ),
        ),
    };
    state
        .store
        .issue_account_token(
            &NewAccountToken {
                token_hash: signing::sha256_hex(&token),
                user_id: user.id,
                purpose,
                email: user.email.clone(),
                created_at: now,
                expires_at: now + validity,
            },
            &message,
            locale,
        )
        .await?;
    tracing::info!(user_id = %user.id, ?purpose, "link sent");
    Ok(LinkSent::Sent)
}

/// A token from a link's path, checked for shape before it is hashed: anything that is not
/// what [`signing::random_token`] makes is refused without a database look-up.
pub fn token_hash_from_path(token: &str) -> Option<String> {
    let plausible = (16..=128).contains(&token.len())
        && token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    plausible.then(|| signing::sha256_hex(token))
}

/// The hash of a link's token when it is well formed, unused and unexpired for `purpose`; `None`
/// for a link that does not work (the pages show the same answer for every reason).
pub async fn usable_token_hash(
    state: &AppState,
    token: &str,
    purpose: AccountTokenPurpose,
) -> Result<Option<String>, AppError> {
    let Some(token_hash) = token_hash_from_path(token) else {
        return Ok(None);
    };
    let usable = state
        .store
        .account_token_is_usable(&token_hash, purpose, OffsetDateTime::now_utc())
        .await?;
    Ok(usable.then_some(token_hash))
}
