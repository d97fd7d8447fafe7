//! Conversions between stored columns and the Social Contract's values (codes, levels, counts,
//! date ranges). Anything that no longer parses is `StoreError::Corrupt`.

use sosei_core::{CountryCode, DateRange, LanguageCode, LanguageLevel, SkillSlug};

use crate::StoreError;
use crate::convert::{date_from_text, date_text};

pub(crate) fn corrupt(what: &str, value: impl std::fmt::Debug) -> StoreError {
    StoreError::Corrupt(format!("{what} {value:?}"))
}

pub(crate) fn country_from_text(text: &str) -> Result<CountryCode, StoreError> {
    CountryCode::parse(text).map_err(|_| corrupt("country code", text))
}

pub(crate) fn language_from_text(text: &str) -> Result<LanguageCode, StoreError> {
    LanguageCode::parse(text).map_err(|_| corrupt("language code", text))
}

pub(crate) fn level_from_text(text: &str) -> Result<LanguageLevel, StoreError> {
    LanguageLevel::parse(text).map_err(|_| corrupt("language level", text))
}

pub(crate) fn skill_from_text(text: &str) -> Result<SkillSlug, StoreError> {
    SkillSlug::parse(text).map_err(|_| corrupt("skill", text))
}

/// A small stored number back into its bounded newtype (`Beds`, `NeedCount`, `ReviewScore`…).
pub(crate) fn small_number<T: TryFrom<u8>>(what: &str, value: i64) -> Result<T, StoreError> {
    u8::try_from(value)
        .ok()
        .and_then(|small| T::try_from(small).ok())
        .ok_or_else(|| corrupt(what, value))
}

pub(crate) fn date_range_from_texts(
    starts_on: &str,
    ends_on: &str,
) -> Result<DateRange, StoreError> {
    DateRange::new(date_from_text(starts_on)?, date_from_text(ends_on)?)
        .map_err(|_| corrupt("date range", (starts_on, ends_on)))
}

pub(crate) fn date_range_texts(range: &DateRange) -> (String, String) {
    (date_text(range.starts_on()), date_text(range.ends_on()))
}
