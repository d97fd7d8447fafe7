//! Languages as ISO 639-1 codes (`ja`, `th`, `zh`), checked against a bundled list with Japanese
//! and English names, and how well someone speaks one.
//!
//! Source: ISO 639-1 (codes and English names, as published in Debian's `iso-codes` 4.15);
//! the Japanese names start from iso-codes' Japanese translation, revised by hand for common
//! usage. The list is `data/languages.tsv`.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::Locale;
use crate::country::{CodeListEntry, parse_code_list};

const LANGUAGES_TSV: &str = include_str!("../data/languages.tsv");

/// Every language of the bundled list, by code.
pub fn all_languages() -> &'static [CodeListEntry] {
    static LIST: OnceLock<Vec<CodeListEntry>> = OnceLock::new();
    LIST.get_or_init(|| parse_code_list(LANGUAGES_TSV))
}

fn language_entry(code: &str) -> Option<&'static CodeListEntry> {
    let list = all_languages();
    list.binary_search_by(|entry| entry.code.cmp(code))
        .ok()
        .and_then(|index| list.get(index))
}

/// An ISO 639-1 code from the bundled list, stored lower-case (`ja`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LanguageCode([u8; 2]);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an ISO 639-1 language code")]
pub struct LanguageCodeError(pub String);

impl crate::UserFacingError for LanguageCodeError {
    fn message_id(&self) -> &'static str {
        "error-language-code"
    }
}

impl LanguageCode {
    /// Japanese, the language of the towns (and of the Japanese-speaker rule).
    pub const JAPANESE: LanguageCode = LanguageCode(*b"ja");
    pub const ENGLISH: LanguageCode = LanguageCode(*b"en");

    /// Parse `th`, `TH` or full-width `ｔｈ`; only codes of the bundled list are accepted.
    pub fn parse(raw: &str) -> Result<Self, LanguageCodeError> {
        let text = crate::text::normalize_text(raw, false)
            .map_err(|_| LanguageCodeError(raw.to_owned()))?
            .to_ascii_lowercase();
        let entry = language_entry(&text).ok_or_else(|| LanguageCodeError(raw.to_owned()))?;
        match entry.code.as_bytes() {
            [first, second] => Ok(LanguageCode([*first, *second])),
            _ => Err(LanguageCodeError(raw.to_owned())),
        }
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII letters from the bundled list get in.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    /// The language's name in `locale`, e.g. `タイ語` or `Thai`.
    pub fn name(&self, locale: Locale) -> &'static str {
        language_entry(self.as_str())
            .map(|entry| entry.name(locale))
            .unwrap_or_default()
    }
}

impl std::fmt::Display for LanguageCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for LanguageCode {
    type Error = LanguageCodeError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<LanguageCode> for String {
    fn from(code: LanguageCode) -> String {
        code.as_str().to_owned()
    }
}

/// How well someone speaks a language: a CEFR level (A1–C2), a JLPT level (N5–N1, Japanese only)
/// or native.
///
/// Levels compare on one scale through [`LanguageLevel::rank`], so "N2 or above" and "B1 or
/// above" are [`LanguageLevel::is_at_least`]. JLPT levels sit beside the CEFR levels the JLPT
/// itself gives as rough equivalents (N5 ≈ A1, N4 ≈ A2, N3 ≈ B1, N2 ≈ B2, N1 ≈ C1); there is
/// no JLPT level above C1, and native is above everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum LanguageLevel {
    A1,
    A2,
    B1,
    B2,
    C1,
    C2,
    N5,
    N4,
    N3,
    N2,
    N1,
    Native,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LanguageLevelError {
    #[error("{0:?} is not a level: use A1–C2, N5–N1 or native")]
    Unknown(String),
    #[error("JLPT levels (N5–N1) are for Japanese only")]
    JlptForAnotherLanguage,
}

impl crate::UserFacingError for LanguageLevelError {
    fn message_id(&self) -> &'static str {
        match self {
            LanguageLevelError::Unknown(_) => "error-language-level",
            LanguageLevelError::JlptForAnotherLanguage => "error-language-level-jlpt",
        }
    }
}

impl LanguageLevel {
    pub const ALL: [LanguageLevel; 12] = [
        LanguageLevel::A1,
        LanguageLevel::A2,
        LanguageLevel::B1,
        LanguageLevel::B2,
        LanguageLevel::C1,
        LanguageLevel::C2,
        LanguageLevel::N5,
        LanguageLevel::N4,
        LanguageLevel::N3,
        LanguageLevel::N2,
        LanguageLevel::N1,
        LanguageLevel::Native,
    ];

    /// The stable name used in the database, forms and the API (`b2`, `n2`, `native`).
    pub fn as_str(self) -> &'static str {
        use LanguageLevel::*;
        match self {
            A1 => "a1",
            A2 => "a2",
            B1 => "b1",
            B2 => "b2",
            C1 => "c1",
            C2 => "c2",
            N5 => "n5",
            N4 => "n4",
            N3 => "n3",
            N2 => "n2",
            N1 => "n1",
            Native => "native",
        }
    }

    /// Parse `B2`, `n2`, full-width `Ｎ２`, `native`.
    pub fn parse(raw: &str) -> Result<Self, LanguageLevelError> {
        let text = crate::text::normalize_text(raw, false)
            .map_err(|_| LanguageLevelError::Unknown(raw.to_owned()))?
            .to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|level| level.as_str() == text)
            .ok_or_else(|| LanguageLevelError::Unknown(raw.to_owned()))
    }

    /// The position on the common scale: A1/N5 = 1, A2/N4 = 2, B1/N3 = 3, B2/N2 = 4, C1/N1 = 5,
    /// C2 = 6, native = 7. Stored beside the level so SQL can ask "at least".
    pub fn rank(self) -> u8 {
        use LanguageLevel::*;
        match self {
            A1 | N5 => 1,
            A2 | N4 => 2,
            B1 | N3 => 3,
            B2 | N2 => 4,
            C1 | N1 => 5,
            C2 => 6,
            Native => 7,
        }
    }

    /// Whether this level is `minimum` or above ("N2 or above", "B1 or above").
    pub fn is_at_least(self, minimum: LanguageLevel) -> bool {
        self.rank() >= minimum.rank()
    }

    pub fn is_jlpt(self) -> bool {
        use LanguageLevel::*;
        matches!(self, N5 | N4 | N3 | N2 | N1)
    }
}

impl std::fmt::Display for LanguageLevel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for LanguageLevel {
    type Error = LanguageLevelError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<LanguageLevel> for String {
    fn from(level: LanguageLevel) -> String {
        level.as_str().to_owned()
    }
}

/// A language someone speaks and how well. JLPT levels are accepted for Japanese only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LanguageSkill {
    language: LanguageCode,
    level: LanguageLevel,
}

impl LanguageSkill {
    pub fn new(language: LanguageCode, level: LanguageLevel) -> Result<Self, LanguageLevelError> {
        if level.is_jlpt() && language != LanguageCode::JAPANESE {
            return Err(LanguageLevelError::JlptForAnotherLanguage);
        }
        Ok(LanguageSkill { language, level })
    }

    pub fn language(&self) -> LanguageCode {
        self.language
    }

    pub fn level(&self) -> LanguageLevel {
        self.level
    }

    /// Whether this meets "`language` at `minimum` or above".
    pub fn meets(&self, language: LanguageCode, minimum: LanguageLevel) -> bool {
        self.language == language && self.level.is_at_least(minimum)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_list_has_every_two_letter_code_once() {
        let list = all_languages();
        assert_eq!(list.len(), 184);
        let data_lines = LANGUAGES_TSV
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .count();
        assert_eq!(data_lines, 184, "no malformed line was left out");
        for pair in list.windows(2) {
            assert!(pair[0].code < pair[1].code, "sorted and unique");
        }
        assert!(
            list.iter()
                .all(|entry| entry.code.chars().all(|c| c.is_ascii_lowercase()))
        );
    }

    #[test]
    fn codes_parse_in_any_case_and_width() {
        assert_eq!(
            LanguageCode::parse("TH")
                .expect("a valid test value")
                .as_str(),
            "th"
        );
        assert_eq!(
            LanguageCode::parse("ｚｈ")
                .expect("a valid test value")
                .name(Locale::Ja),
            "中国語"
        );
        assert_eq!(
            LanguageCode::parse("ja").expect("a valid test value"),
            LanguageCode::JAPANESE
        );
        assert_eq!(
            LanguageCode::parse("en").expect("a valid test value"),
            LanguageCode::ENGLISH
        );
        for bad in ["", "xx", "jpn", "j", "日本語"] {
            assert!(
                LanguageCode::parse(bad).is_err(),
                "{bad:?} should be rejected"
            );
        }
    }

    #[test]
    fn levels_parse_and_round_trip() {
        assert_eq!(LanguageLevel::parse("Ｎ２"), Ok(LanguageLevel::N2));
        assert_eq!(LanguageLevel::parse(" B1 "), Ok(LanguageLevel::B1));
        assert_eq!(LanguageLevel::parse("Native"), Ok(LanguageLevel::Native));
        assert!(LanguageLevel::parse("N6").is_err());
        assert!(LanguageLevel::parse("fluent").is_err());
        for level in LanguageLevel::ALL {
            assert_eq!(LanguageLevel::parse(level.as_str()), Ok(level));
        }
    }

    #[test]
    fn levels_compare_on_one_scale() {
        use LanguageLevel::*;
        assert!(N1.is_at_least(N2));
        assert!(N2.is_at_least(N2));
        assert!(!N3.is_at_least(N2));
        assert!(B2.is_at_least(N2), "CEFR B2 counts as N2");
        assert!(Native.is_at_least(N1));
        assert!(C2.is_at_least(N1));
        assert!(!A2.is_at_least(B1));
        assert!(C1.is_at_least(B1));
    }

    #[test]
    fn jlpt_levels_are_for_japanese_only() {
        let thai = LanguageCode::parse("th").expect("a valid test value");
        assert_eq!(
            LanguageSkill::new(thai, LanguageLevel::N2),
            Err(LanguageLevelError::JlptForAnotherLanguage)
        );
        let japanese = LanguageSkill::new(LanguageCode::JAPANESE, LanguageLevel::N1)
            .expect("a valid test value");
        assert!(japanese.meets(LanguageCode::JAPANESE, LanguageLevel::N2));
        assert!(!japanese.meets(thai, LanguageLevel::A1));
        assert!(LanguageSkill::new(thai, LanguageLevel::Native).is_ok());
    }
}
