//! Translations of statements (知恵ラボ): a statement written in Japanese may carry an English
//! translation and the other way round, so an international participant can read what residents
//! wrote. A translation is not a statement: votes, the analysis and the report count the
//! statement once, whatever language it was read in.
//!
//! Each translation says who made it ([`TranslatorKind`]), so a reader can weigh it: the author,
//! a facilitator, a bilingual volunteer, or a machine translation provider the operator set up
//! (always labelled as such). The text is kept as typed — trimmed, with control characters
//! removed — and never NFKC-folded: a translation is shown, not compared.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::deliberation::{Statement, StatementText, text_weight, written_language};
use crate::organisation::string_enum;
use crate::{Locale, StatementId, UserId};

string_enum!(
    /// Who made a translation.
    TranslatorKind {
        Author = "author",
        Facilitator = "facilitator",
        Volunteer = "volunteer",
        Machine = "machine",
    }
);

impl TranslatorKind {
    /// Whether a person wrote it (a machine translation is labelled as such everywhere).
    pub fn is_human(self) -> bool {
        self != TranslatorKind::Machine
    }
}

/// The text of a translation, as typed: surrounding white space trimmed, line breaks and tabs
/// turned into spaces, other control characters and bidirectional overrides removed. Its
/// weighted length (see [`StatementText`]) may be twice a statement's, since a faithful English
/// rendering of 140 Japanese characters often runs past 280 letters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TranslationText(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TranslationTextError {
    #[error("the translation is empty")]
    Empty,
    #[error("the translation is too long (weight {weight}, at most {max})")]
    TooLong { weight: usize, max: usize },
}

impl crate::UserFacingError for TranslationTextError {
    fn message_id(&self) -> &'static str {
        match self {
            TranslationTextError::Empty => "translation-error-empty",
            TranslationTextError::TooLong { .. } => "translation-error-too-long",
        }
    }
}

/// Characters that change how the surrounding text is laid out without being seen
/// (bidirectional embeddings, overrides and isolates): removed so a translation cannot make the
/// original or the page around it read differently.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

impl TranslationText {
    pub const MAX_WEIGHT: usize = StatementText::MAX_WEIGHT * 2;

    pub fn parse(raw: &str) -> Result<Self, TranslationTextError> {
        let cleaned: String = raw
            .chars()
            .filter_map(|c| {
                if c == '\n' || c == '\r' || c == '\t' {
                    Some(' ')
                } else if c.is_control() || is_bidi_control(c) {
                    None
                } else {
                    Some(c)
                }
            })
            .collect();
        let text = cleaned.trim();
        if text.is_empty() {
            return Err(TranslationTextError::Empty);
        }
        let weight = text_weight(text);
        if weight > Self::MAX_WEIGHT {
            return Err(TranslationTextError::TooLong {
                weight,
                max: Self::MAX_WEIGHT,
            });
        }
        Ok(TranslationText(text.to_owned()))
    }

    /// Like [`TranslationText::parse`], but blank input is `None` (an optional form field).
    pub fn parse_optional(raw: &str) -> Result<Option<Self>, TranslationTextError> {
        match Self::parse(raw) {
            Ok(text) => Ok(Some(text)),
            Err(TranslationTextError::Empty) => Ok(None),
            Err(other) => Err(other),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The language the translation is written in (the rule statements use).
    pub fn language(&self) -> Locale {
        written_language(&self.0)
    }
}

impl TryFrom<String> for TranslationText {
    type Error = TranslationTextError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<TranslationText> for String {
    fn from(text: TranslationText) -> String {
        text.0
    }
}

impl std::fmt::Display for TranslationText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The name of a machine translation provider as the operator configured it (e.g. `DeepL`):
/// 1–60 printable characters, shown beside every translation it made.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MachineProviderName(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a machine translation provider's name has 1 to 60 printable characters")]
pub struct MachineProviderNameError;

impl MachineProviderName {
    pub fn parse(raw: &str) -> Result<Self, MachineProviderNameError> {
        let text = raw.trim();
        let valid = (1..=60).contains(&text.chars().count())
            && !text.chars().any(|c| c.is_control() || is_bidi_control(c));
        if valid {
            Ok(MachineProviderName(text.to_owned()))
        } else {
            Err(MachineProviderNameError)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for MachineProviderName {
    type Error = MachineProviderNameError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<MachineProviderName> for String {
    fn from(name: MachineProviderName) -> String {
        name.0
    }
}

/// Who made a translation, with what the kind needs: a machine translation names its provider;
/// a person's translation names the account that wrote or entered it (none for an anonymous
/// author, or once that account is deleted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Translator {
    Author {
        user: Option<UserId>,
    },
    Facilitator {
        user: Option<UserId>,
    },
    /// A bilingual volunteer's translation, entered by `entered_by` (a facilitator).
    Volunteer {
        entered_by: Option<UserId>,
    },
    Machine {
        provider: MachineProviderName,
    },
}

impl Translator {
    pub fn kind(&self) -> TranslatorKind {
        match self {
            Translator::Author { .. } => TranslatorKind::Author,
            Translator::Facilitator { .. } => TranslatorKind::Facilitator,
            Translator::Volunteer { .. } => TranslatorKind::Volunteer,
            Translator::Machine { .. } => TranslatorKind::Machine,
        }
    }

    /// The account that wrote or entered the translation, if any.
    pub fn user(&self) -> Option<UserId> {
        match self {
            Translator::Author { user } => *user,
            Translator::Facilitator { user } => *user,
            Translator::Volunteer { entered_by } => *entered_by,
            Translator::Machine { .. } => None,
        }
    }

    pub fn machine_provider(&self) -> Option<&MachineProviderName> {
        match self {
            Translator::Machine { provider } => Some(provider),
            _ => None,
        }
    }
}

/// A translation about to be saved (a new one, or one replacing the statement's translation into
/// the same language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStatementTranslation {
    pub statement: StatementId,
    pub language: Locale,
    pub text: TranslationText,
    pub translator: Translator,
}

impl NewStatementTranslation {
    /// A translation of `statement` into the other language of the interface (a statement is
    /// never "translated" into its own language).
    pub fn of(statement: &Statement, text: TranslationText, translator: Translator) -> Self {
        NewStatementTranslation {
            statement: statement.id,
            language: statement.language.other(),
            text,
            translator,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementTranslation {
    pub statement: StatementId,
    pub language: Locale,
    pub text: TranslationText,
    pub translator: Translator,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// What a reader sees of a statement: the text in their language when the statement is written in
/// it or translated into it, and otherwise the original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatementReading<'a> {
    /// Written in the reader's language (or no translation into it exists).
    Original { text: &'a str, language: Locale },
    /// A translation into the reader's language, with the original one click away.
    Translated {
        translation: &'a StatementTranslation,
        original: &'a str,
        original_language: Locale,
    },
}

/// Which text of `statement` to show a reader of `locale`, given the statement's translations.
pub fn reading_for<'a>(
    statement: &'a Statement,
    translations: &'a [StatementTranslation],
    locale: Locale,
) -> StatementReading<'a> {
    if statement.language != locale
        && let Some(translation) = translations
            .iter()
            .find(|t| t.statement == statement.id && t.language == locale)
    {
        return StatementReading::Translated {
            translation,
            original: statement.text.as_str(),
            original_language: statement.language,
        };
    }
    StatementReading::Original {
        text: statement.text.as_str(),
        language: statement.language,
    }
}

/// Whether `statement` still lacks a translation into the other language.
pub fn lacks_translation(statement: &Statement, translations: &[StatementTranslation]) -> bool {
    let wanted = statement.language.other();
    !translations
        .iter()
        .any(|t| t.statement == statement.id && t.language == wanted)
}

#[cfg(test)]
mod tests;
