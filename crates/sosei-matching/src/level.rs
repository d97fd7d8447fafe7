//! Language levels on one ordered scale, and ISO calendar dates.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A language level: CEFR (A1–C2), JLPT (N5–N1, for Japanese) or native.
///
/// Both systems are placed on one scale so that a need such as "Japanese at N2 or above" or
/// "Thai at B2 or above" can be compared with any stated level. The scale follows the usual
/// equivalence (the Japan Foundation's own CEFR alignment is close to it):
///
/// | rank | CEFR | JLPT |
/// |---|---|---|
/// | 1 | A1 | N5 |
/// | 2 | A2 | N4 |
/// | 3 | B1 | N3 |
/// | 4 | B2 | N2 |
/// | 5 | C1 | N1 |
/// | 6 | C2 | — |
/// | 7 | native | native |
///
/// So a person with Japanese "C1" meets "N2 or above", and "N3" meets "B1 or above".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    #[serde(rename = "native")]
    Native,
}

impl LanguageLevel {
    /// The position on the common scale (1 = A1/N5 … 7 = native).
    pub fn rank(self) -> u8 {
        match self {
            LanguageLevel::A1 | LanguageLevel::N5 => 1,
            LanguageLevel::A2 | LanguageLevel::N4 => 2,
            LanguageLevel::B1 | LanguageLevel::N3 => 3,
            LanguageLevel::B2 | LanguageLevel::N2 => 4,
            LanguageLevel::C1 | LanguageLevel::N1 => 5,
            LanguageLevel::C2 => 6,
            LanguageLevel::Native => 7,
        }
    }

    /// Whether this level is at least `minimum` on the common scale.
    pub fn meets(self, minimum: LanguageLevel) -> bool {
        self.rank() >= minimum.rank()
    }

    /// The label used in the JSON format ("B1", "N2", "native").
    pub fn label(self) -> &'static str {
        match self {
            LanguageLevel::A1 => "A1",
            LanguageLevel::A2 => "A2",
            LanguageLevel::B1 => "B1",
            LanguageLevel::B2 => "B2",
            LanguageLevel::C1 => "C1",
            LanguageLevel::C2 => "C2",
            LanguageLevel::N5 => "N5",
            LanguageLevel::N4 => "N4",
            LanguageLevel::N3 => "N3",
            LanguageLevel::N2 => "N2",
            LanguageLevel::N1 => "N1",
            LanguageLevel::Native => "native",
        }
    }

    /// One step lower on the common scale, in the same system (None below A1/N5).
    pub fn one_step_lower(self) -> Option<LanguageLevel> {
        use LanguageLevel::*;
        match self {
            A1 | N5 => None,
            A2 => Some(A1),
            B1 => Some(A2),
            B2 => Some(B1),
            C1 => Some(B2),
            C2 => Some(C1),
            N4 => Some(N5),
            N3 => Some(N4),
            N2 => Some(N3),
            N1 => Some(N2),
            Native => Some(C2),
        }
    }
}

impl fmt::Display for LanguageLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A calendar date written `YYYY-MM-DD` in the JSON format, stored as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate {
    days_since_epoch: i64,
    year: i32,
    month: u8,
    day: u8,
}

/// A string that is not a valid `YYYY-MM-DD` date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a date of the form YYYY-MM-DD")]
pub struct IsoDateError(pub String);

impl IsoDate {
    /// Parse `YYYY-MM-DD` (a real calendar date; leap years respected).
    pub fn parse(text: &str) -> Result<IsoDate, IsoDateError> {
        let error = || IsoDateError(text.to_owned());
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(error());
        }
        let number = |range: std::ops::Range<usize>| -> Result<u32, IsoDateError> {
            let part = &text[range];
            if !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(error());
            }
            part.parse().map_err(|_| error())
        };
        let year = number(0..4)? as i32;
        let month = number(5..7)?;
        let day = number(8..10)?;
        if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
            return Err(error());
        }
        Ok(IsoDate::from_ymd(year, month as u8, day as u8))
    }

    fn from_ymd(year: i32, month: u8, day: u8) -> IsoDate {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(year) - i64::from(month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        IsoDate {
            days_since_epoch: era * 146_097 + doe - 719_468,
            year,
            month,
            day,
        }
    }

    /// Days since 1970-01-01.
    pub fn days_since_epoch(self) -> i64 {
        self.days_since_epoch
    }

    pub fn year(self) -> i32 {
        self.year
    }

    /// 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// 1–31.
    pub fn day(self) -> u8 {
        self.day
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for IsoDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<IsoDate, D::Error> {
        let text = String::deserialize(deserializer)?;
        IsoDate::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn jlpt_and_cefr_share_one_scale() {
        assert!(LanguageLevel::C1.meets(LanguageLevel::N2));
        assert!(LanguageLevel::N2.meets(LanguageLevel::B2));
        assert!(!LanguageLevel::N3.meets(LanguageLevel::N2));
        assert!(LanguageLevel::Native.meets(LanguageLevel::C2));
        assert!(!LanguageLevel::B1.meets(LanguageLevel::B2));
    }

    #[test]
    fn dates_parse_count_and_print() {
        let a = IsoDate::parse("2017-03-03").unwrap();
        let b = IsoDate::parse("2017-03-13").unwrap();
        assert_eq!(b.days_since_epoch() - a.days_since_epoch(), 10);
        assert_eq!(IsoDate::parse("1970-01-01").unwrap().days_since_epoch(), 0);
        assert_eq!(
            IsoDate::parse("2000-03-01").unwrap().days_since_epoch(),
            11_017
        );
        assert_eq!(a.to_string(), "2017-03-03");
        assert!(IsoDate::parse("2017-02-29").is_err());
        assert!(IsoDate::parse("2016-02-29").is_ok());
        assert!(IsoDate::parse("2017-3-03").is_err());
        assert!(IsoDate::parse("2017-13-01").is_err());
    }
}
