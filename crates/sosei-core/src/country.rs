//! Countries as ISO 3166-1 alpha-2 codes (`JP`, `TH`, `TW`), checked against a bundled list of the
//! 249 officially assigned codes with Japanese and English names.
//!
//! Source: ISO 3166-1 (codes and English short names, as published in Debian's `iso-codes` 4.15);
//! the Japanese names start from iso-codes' Japanese translation, revised by hand for common
//! usage. The list is `data/countries.tsv`.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::Locale;

const COUNTRIES_TSV: &str = include_str!("../data/countries.tsv");

/// One entry of a bundled code list: the code with its Japanese and English names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeListEntry {
    pub code: &'static str,
    pub name_ja: &'static str,
    pub name_en: &'static str,
}

impl CodeListEntry {
    pub fn name(&self, locale: Locale) -> &'static str {
        match locale {
            Locale::Ja => self.name_ja,
            Locale::En => self.name_en,
        }
    }
}

/// Parse `code<TAB>name_ja<TAB>name_en` lines (`#` comments), sorted by code. Malformed lines
/// are left out; the unit tests check that none are.
pub(crate) fn parse_code_list(tsv: &'static str) -> Vec<CodeListEntry> {
    let mut entries: Vec<CodeListEntry> = tsv
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| {
            let mut fields = line.split('\t');
            match (fields.next(), fields.next(), fields.next(), fields.next()) {
                (Some(code), Some(name_ja), Some(name_en), None) => Some(CodeListEntry {
                    code,
                    name_ja,
                    name_en,
                }),
                _ => None,
            }
        })
        .collect();
    entries.sort_by_key(|entry| entry.code);
    entries
}

/// Every country of the bundled list, by code.
pub fn all_countries() -> &'static [CodeListEntry] {
    static LIST: OnceLock<Vec<CodeListEntry>> = OnceLock::new();
    LIST.get_or_init(|| parse_code_list(COUNTRIES_TSV))
}

fn country_entry(code: &str) -> Option<&'static CodeListEntry> {
    let list = all_countries();
    list.binary_search_by(|entry| entry.code.cmp(code))
        .ok()
        .and_then(|index| list.get(index))
}

/// An ISO 3166-1 alpha-2 code from the bundled list, stored upper-case (`JP`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode([u8; 2]);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an ISO 3166-1 country code")]
pub struct CountryCodeError(pub String);

impl crate::UserFacingError for CountryCodeError {
    fn message_id(&self) -> &'static str {
        "error-country-code"
    }
}

impl CountryCode {
    /// Parse `jp`, `JP` or full-width `ＪＰ`; only codes of the bundled list are accepted.
    pub fn parse(raw: &str) -> Result<Self, CountryCodeError> {
        let text = crate::text::normalize_text(raw, false)
            .map_err(|_| CountryCodeError(raw.to_owned()))?
            .to_ascii_uppercase();
        let entry = country_entry(&text).ok_or_else(|| CountryCodeError(raw.to_owned()))?;
        let bytes = entry.code.as_bytes();
        match bytes {
            [first, second] => Ok(CountryCode([*first, *second])),
            _ => Err(CountryCodeError(raw.to_owned())),
        }
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII letters from the bundled list get in.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    /// The country's name in `locale`.
    pub fn name(&self, locale: Locale) -> &'static str {
        country_entry(self.as_str())
            .map(|entry| entry.name(locale))
            .unwrap_or_default()
    }
}

impl std::fmt::Display for CountryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for CountryCode {
    type Error = CountryCodeError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<CountryCode> for String {
    fn from(code: CountryCode) -> String {
        code.as_str().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_list_has_every_assigned_code_once() {
        let list = all_countries();
        assert_eq!(list.len(), 249);
        let data_lines = COUNTRIES_TSV
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .count();
        assert_eq!(data_lines, 249, "no malformed line was left out");
        for pair in list.windows(2) {
            assert!(pair[0].code < pair[1].code, "sorted and unique");
        }
        for entry in list {
            assert_eq!(entry.code.len(), 2);
            assert!(entry.code.chars().all(|c| c.is_ascii_uppercase()));
            assert!(!entry.name_ja.is_empty() && !entry.name_en.is_empty());
        }
    }

    #[test]
    fn codes_parse_in_any_case_and_width() {
        assert_eq!(
            CountryCode::parse(" th ")
                .expect("a valid test value")
                .as_str(),
            "TH"
        );
        assert_eq!(
            CountryCode::parse("ＴＷ")
                .expect("a valid test value")
                .as_str(),
            "TW"
        );
        assert_eq!(
            CountryCode::parse("jp")
                .expect("a valid test value")
                .name(Locale::Ja),
            "日本"
        );
        assert_eq!(
            CountryCode::parse("VN")
                .expect("a valid test value")
                .name(Locale::En),
            "Vietnam"
        );
        for bad in ["", "XX", "JPN", "J", "日本", "UK"] {
            assert!(
                CountryCode::parse(bad).is_err(),
                "{bad:?} should be rejected"
            );
        }
    }

    #[test]
    fn codes_round_trip_through_serde() {
        let code = CountryCode::parse("CN").expect("a valid test value");
        let json = serde_json::to_string(&code).expect("a valid test value");
        assert_eq!(json, "\"CN\"");
        assert_eq!(
            serde_json::from_str::<CountryCode>(&json).expect("a valid test value"),
            code
        );
        assert!(serde_json::from_str::<CountryCode>("\"ZZ\"").is_err());
    }
}
