//! A range of whole days, both ends included (availability windows, stays, application windows).

use serde::{Deserialize, Serialize};
use time::Date;

/// From `starts_on` to `ends_on`, both included; never ends before it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "RawDateRange", into = "RawDateRange")]
pub struct DateRange {
    starts_on: Date,
    ends_on: Date,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the range ends ({ends_on}) before it starts ({starts_on})")]
pub struct DateRangeError {
    pub starts_on: Date,
    pub ends_on: Date,
}

impl crate::UserFacingError for DateRangeError {
    fn message_id(&self) -> &'static str {
        "error-date-range"
    }
}

impl DateRange {
    pub fn new(starts_on: Date, ends_on: Date) -> Result<Self, DateRangeError> {
        if ends_on < starts_on {
            return Err(DateRangeError { starts_on, ends_on });
        }
        Ok(DateRange { starts_on, ends_on })
    }

    pub fn starts_on(&self) -> Date {
        self.starts_on
    }

    pub fn ends_on(&self) -> Date {
        self.ends_on
    }

    /// Whether the two ranges share at least one day.
    pub fn overlaps(&self, other: &DateRange) -> bool {
        self.starts_on <= other.ends_on && other.starts_on <= self.ends_on
    }

    /// Whether every day of `other` is in this range.
    pub fn covers(&self, other: &DateRange) -> bool {
        self.starts_on <= other.starts_on && other.ends_on <= self.ends_on
    }

    pub fn contains(&self, day: Date) -> bool {
        self.starts_on <= day && day <= self.ends_on
    }

    /// How many days, both ends counted (a one-day range has 1).
    pub fn days(&self) -> i64 {
        (self.ends_on - self.starts_on).whole_days() + 1
    }
}

/// The serialised shape, checked on the way in.
#[derive(Serialize, Deserialize)]
struct RawDateRange {
    starts_on: Date,
    ends_on: Date,
}

impl TryFrom<RawDateRange> for DateRange {
    type Error = DateRangeError;
    fn try_from(raw: RawDateRange) -> Result<Self, Self::Error> {
        DateRange::new(raw.starts_on, raw.ends_on)
    }
}

impl From<DateRange> for RawDateRange {
    fn from(range: DateRange) -> Self {
        RawDateRange {
            starts_on: range.starts_on,
            ends_on: range.ends_on,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn range(start: Date, end: Date) -> DateRange {
        DateRange::new(start, end).expect("a valid range")
    }

    #[test]
    fn ranges_never_end_before_they_start() {
        assert!(DateRange::new(date!(2017 - 03 - 13), date!(2017 - 03 - 03)).is_err());
        assert_eq!(
            range(date!(2017 - 03 - 03), date!(2017 - 03 - 03)).days(),
            1
        );
        assert_eq!(
            range(date!(2017 - 03 - 03), date!(2017 - 03 - 13)).days(),
            11
        );
    }

    #[test]
    fn overlap_and_cover_count_both_ends() {
        let shimokawa = range(date!(2017 - 03 - 03), date!(2017 - 03 - 13));
        let yame = range(date!(2017 - 03 - 20), date!(2017 - 03 - 23));
        let touching = range(date!(2017 - 03 - 13), date!(2017 - 03 - 20));
        assert!(!shimokawa.overlaps(&yame));
        assert!(shimokawa.overlaps(&touching) && yame.overlaps(&touching));
        let march = range(date!(2017 - 03 - 01), date!(2017 - 03 - 31));
        assert!(march.covers(&shimokawa) && !shimokawa.covers(&march));
        assert!(shimokawa.contains(date!(2017 - 03 - 13)));
    }

    #[test]
    fn serde_checks_the_order() {
        let json = r#"{"starts_on":"2017-03-13","ends_on":"2017-03-03"}"#;
        assert!(serde_json::from_str::<DateRange>(json).is_err());
        let good = range(date!(2017 - 03 - 03), date!(2017 - 03 - 13));
        let text = serde_json::to_string(&good).expect("a valid test value");
        assert_eq!(
            serde_json::from_str::<DateRange>(&text).expect("a valid test value"),
            good
        );
    }
}
