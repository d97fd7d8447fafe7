//! Accounts: the people who sign in. Passwords are hashed in the web layer; this crate only
//! checks what a person typed.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::{Locale, UserId};

/// An e-mail address, NFKC-normalised, trimmed and lower-cased (so `ＵＳＥＲ@Example.jp` and
/// `user@example.jp` are one account).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("this does not look like an e-mail address")]
pub struct EmailAddressError;

impl crate::UserFacingError for EmailAddressError {
    fn message_id(&self) -> &'static str {
        "error-email-invalid"
    }
}

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, EmailAddressError> {
        let text = crate::text::normalize_text(raw, false)
            .map_err(|_| EmailAddressError)?
            .to_lowercase();
        let Some((local, domain)) = text.split_once('@') else {
            return Err(EmailAddressError);
        };
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local
                .chars()
                .any(|c| c.is_whitespace() || c == '@' || c.is_control());
        let domain_ok = domain.len() <= 253
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        if !local_ok || !domain_ok || text.len() > 254 {
            return Err(EmailAddressError);
        }
        Ok(EmailAddress(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for EmailAddress {
    type Error = EmailAddressError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<EmailAddress> for String {
    fn from(email: EmailAddress) -> String {
        email.0
    }
}

/// The name shown for a person, as they typed it: 1 to 50 characters after cleaning.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DisplayName(String);

impl DisplayName {
    pub const MAX_CHARS: usize = 50;

    pub fn parse(raw: &str) -> Result<Self, crate::TextError> {
        crate::text::bounded_text(raw, Self::MAX_CHARS, false).map(DisplayName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for DisplayName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for DisplayName {
    type Error = crate::TextError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<DisplayName> for String {
    fn from(name: DisplayName) -> String {
        name.0
    }
}

/// A password someone chose: 10 to 256 characters. Length is what protects a password;
/// no composition rules (NIST SP 800-63B). Not normalised, not trimmed, never logged.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NewPasswordError {
    #[error("the password needs at least {min} characters")]
    TooShort { min: usize },
    #[error("the password may have at most {max} characters")]
    TooLong { max: usize },
}

impl crate::UserFacingError for NewPasswordError {
    fn message_id(&self) -> &'static str {
        match self {
            NewPasswordError::TooShort { .. } => "error-password-too-short",
            NewPasswordError::TooLong { .. } => "error-password-too-long",
        }
    }
}

impl NewPassword {
    pub const MIN_CHARS: usize = 10;
    pub const MAX_CHARS: usize = 256;

    pub fn parse(raw: &str) -> Result<Self, NewPasswordError> {
        let length = raw.chars().count();
        if length < Self::MIN_CHARS {
            return Err(NewPasswordError::TooShort {
                min: Self::MIN_CHARS,
            });
        }
        if length > Self::MAX_CHARS {
            return Err(NewPasswordError::TooLong {
                max: Self::MAX_CHARS,
            });
        }
        Ok(NewPassword(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(<redacted>)")
    }
}

/// A registered person. The password hash stays in the store and the web layer's auth module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: UserId,
    pub email: EmailAddress,
    pub display_name: DisplayName,
    pub is_site_admin: bool,
    pub preferred_locale: Option<Locale>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// What the store needs to create an account; the password is already hashed (argon2id PHC string).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub email: EmailAddress,
    pub display_name: DisplayName,
    pub password_hash: String,
    pub is_site_admin: bool,
    pub preferred_locale: Option<Locale>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_folded_to_one_form() {
        assert_eq!(
            EmailAddress::parse(" ＵＳＥＲ@Example.JP ")
                .unwrap()
                .as_str(),
            "user@example.jp"
        );
        for bad in [
            "",
            "user",
            "user@",
            "@example.jp",
            "user@example",
            "a b@example.jp",
            "user@.jp",
        ] {
            assert!(
                EmailAddress::parse(bad).is_err(),
                "{bad:?} should be rejected"
            );
        }
    }

    #[test]
    fn passwords_are_checked_for_length_only() {
        assert!(NewPassword::parse("short").is_err());
        assert!(NewPassword::parse("ながいパスワードです十文字").is_ok());
        assert!(NewPassword::parse(&"x".repeat(257)).is_err());
        assert_eq!(
            format!("{:?}", NewPassword::parse("correct horse battery").unwrap()),
            "NewPassword(<redacted>)"
        );
    }

    #[test]
    fn display_names_are_bounded() {
        assert!(DisplayName::parse("  ").is_err());
        assert_eq!(
            DisplayName::parse(" ｻﾄｳ　花子\u{200B} ")
                .expect("a valid test value")
                .as_str(),
            "ｻﾄｳ　花子"
        );
        assert!(DisplayName::parse(&"名".repeat(51)).is_err());
    }
}
