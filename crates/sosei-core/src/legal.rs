//! The terms of use and the privacy policy: which documents there are, their text (a Japanese
//! and an English version, both required) and the default texts a new site starts with.
//!
//! Each edit publishes a new version; older versions stay readable, and each person's acceptance
//! names the version they accepted. Publishing, storing and asking are done by the store and the
//! web layer; this module only defines the values.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::{TextError, UserId};

/// One of the documents a person accepts when signing up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LegalDocumentKind {
    Terms,
    Privacy,
}

impl LegalDocumentKind {
    pub const ALL: [LegalDocumentKind; 2] = [LegalDocumentKind::Terms, LegalDocumentKind::Privacy];

    /// The stored name and the path segment (`/terms`, `/privacy`).
    pub fn as_str(self) -> &'static str {
        match self {
            LegalDocumentKind::Terms => "terms",
            LegalDocumentKind::Privacy => "privacy",
        }
    }

    pub fn parse(raw: &str) -> Option<LegalDocumentKind> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == raw)
    }
}

/// The text of a legal document in one language: plain text, paragraphs separated by blank
/// lines, a line starting with `## ` a heading. Kept as the admin typed it (trimmed, line breaks
/// unified), not NFKC-normalised: full-width punctuation in Japanese is meant.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LegalText(String);

impl LegalText {
    pub const MAX_CHARS: usize = 50_000;

    pub fn parse(raw: &str) -> Result<LegalText, TextError> {
        let unified = raw.replace("\r\n", "\n").replace('\r', "\n");
        let trimmed = unified.trim();
        if trimmed.is_empty() {
            return Err(TextError::Empty);
        }
        if trimmed
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            return Err(TextError::ControlCharacters);
        }
        let actual = trimmed.chars().count();
        if actual > Self::MAX_CHARS {
            return Err(TextError::TooLong {
                max: Self::MAX_CHARS,
                actual,
            });
        }
        Ok(LegalText(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for LegalText {
    type Error = TextError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        LegalText::parse(&value)
    }
}

impl From<LegalText> for String {
    fn from(value: LegalText) -> String {
        value.0
    }
}

/// A published version of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalDocument {
    pub kind: LegalDocumentKind,
    /// 1 for the first version, one more for each edit.
    pub version: i64,
    pub body_ja: LegalText,
    pub body_en: LegalText,
    #[serde(with = "time::serde::rfc3339")]
    pub published_at: OffsetDateTime,
    /// The site admin who published it; `None` for the default text.
    pub published_by: Option<UserId>,
}

impl LegalDocument {
    pub fn body(&self, locale: crate::Locale) -> &LegalText {
        match locale {
            crate::Locale::Ja => &self.body_ja,
            crate::Locale::En => &self.body_en,
        }
    }
}

/// A person's acceptance of one version of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalAcceptance {
    pub kind: LegalDocumentKind,
    pub version: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub accepted_at: OffsetDateTime,
}

/// The text version 1 of `kind` has on a new site: (Japanese, English).
pub fn default_text(kind: LegalDocumentKind) -> (&'static str, &'static str) {
    match kind {
        LegalDocumentKind::Terms => (
            include_str!("legal/terms.ja.txt"),
            include_str!("legal/terms.en.txt"),
        ),
        LegalDocumentKind::Privacy => (
            include_str!("legal/privacy.ja.txt"),
            include_str!("legal/privacy.en.txt"),
        ),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in LegalDocumentKind::ALL {
            assert_eq!(LegalDocumentKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(LegalDocumentKind::parse("cookies"), None);
    }

    #[test]
    fn default_texts_parse_and_the_privacy_policy_states_what_deletion_does() {
        for kind in LegalDocumentKind::ALL {
            let (ja, en) = default_text(kind);
            LegalText::parse(ja).unwrap();
            LegalText::parse(en).unwrap();
        }
        let (ja, en) = default_text(LegalDocumentKind::Privacy);
        assert!(en.contains("anonymous") && en.contains("delete"), "{en}");
        assert!(ja.contains("匿名") && ja.contains("削除"), "{ja}");
    }

    #[test]
    fn text_is_kept_as_typed_but_empty_and_control_characters_are_refused() {
        assert_eq!(
            LegalText::parse(" （注）\r\n本文 ").unwrap().as_str(),
            "（注）\n本文"
        );
        assert_eq!(LegalText::parse("  \n "), Err(TextError::Empty));
        assert_eq!(
            LegalText::parse("a\u{7}b"),
            Err(TextError::ControlCharacters)
        );
    }
}
