//! Conversions between stored column values and domain values, shared by every table.
//! Anything that no longer parses is `StoreError::Corrupt`: the database was edited by hand or
//! by a newer version of Sosei.

use sosei_core::{LocalizedText, MunicipalityCode};
use time::format_description::FormatItem;
use time::macros::format_description;
use time::{Date, OffsetDateTime};

use crate::StoreError;

/// Timestamps are stored as unix seconds: both backends compare and index them the same way.
pub(crate) fn unix_seconds(at: OffsetDateTime) -> i64 {
    at.unix_timestamp()
}

pub(crate) fn timestamp_from_unix(seconds: i64) -> Result<OffsetDateTime, StoreError> {
    OffsetDateTime::from_unix_timestamp(seconds)
        .map_err(|_| StoreError::Corrupt(format!("timestamp {seconds} is out of range")))
}

const DATE_FORMAT: &[FormatItem<'static>] = format_description!("[year]-[month]-[day]");

/// Dates are stored as `YYYY-MM-DD` text, which sorts in date order.
pub(crate) fn date_text(date: Date) -> String {
    // Formatting a `Date` with this description only fails for years beyond 9999.
    date.format(DATE_FORMAT).unwrap_or_else(|_| {
        format!(
            "{:04}-{:02}-{:02}",
            date.year(),
            u8::from(date.month()),
            date.day()
        )
    })
}

pub(crate) fn date_from_text(text: &str) -> Result<Date, StoreError> {
    Date::parse(text, DATE_FORMAT).map_err(|_| StoreError::Corrupt(format!("date {text:?}")))
}

pub(crate) fn code_from_text(text: &str) -> Result<MunicipalityCode, StoreError> {
    MunicipalityCode::parse(text)
        .map_err(|_| StoreError::Corrupt(format!("municipality code {text:?}")))
}

/// Blank versions come back as missing, as `LocalizedText::from_options` promises.
pub(crate) fn localized(ja: Option<String>, en: Option<String>) -> LocalizedText {
    LocalizedText::from_options(ja, en)
}

/// Escape `\`, `%` and `_` so user input matches literally in `LIKE … ESCAPE '\'`.
pub(crate) fn escape_like(raw: &str) -> String {
    let mut escaped = String::with_capacity(raw.len());
    for c in raw.chars() {
        if matches!(c, '\\' | '%' | '_') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(escape_like("50%_off\\"), "50\\%\\_off\\\\");
        assert_eq!(escape_like("遠野"), "遠野");
    }

    #[test]
    fn dates_round_trip_through_text() {
        let date = time::macros::date!(2025 - 04 - 01);
        assert_eq!(date_text(date), "2025-04-01");
        assert_eq!(date_from_text("2025-04-01").expect("a valid date"), date);
        assert!(matches!(
            date_from_text("2025-13-01"),
            Err(StoreError::Corrupt(_))
        ));
    }

    #[test]
    fn timestamps_round_trip_to_the_second() {
        let at = time::macros::datetime!(2025-04-01 09:30:15.75 UTC);
        let back = timestamp_from_unix(unix_seconds(at)).expect("in range");
        assert_eq!(back, time::macros::datetime!(2025-04-01 09:30:15 UTC));
        assert!(matches!(
            timestamp_from_unix(i64::MAX),
            Err(StoreError::Corrupt(_))
        ));
    }
}
