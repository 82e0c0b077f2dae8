//! Calendar dates as they appear on the wire: `YYYY-MM-DD`, nothing else.
//!
//! The library has no clock: every date is an input. Parsing is strict so that
//! `2026-2-3`, `+2026-02-03` or `2026-02-30` are rejected rather than guessed at.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date (proleptic Gregorian), years 0001 to 9999.
///
/// ```
/// use spf_core::Date;
/// let d: Date = "2024-02-29".parse().unwrap();
/// assert_eq!(d.to_string(), "2024-02-29");
/// assert!("2023-02-29".parse::<Date>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(NaiveDate);

/// Why a string is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date `{text}`: expected a real calendar date written YYYY-MM-DD")]
pub struct DateParseError {
    text: String,
}

impl Date {
    /// Builds a date from its parts, or `None` when no such day exists.
    #[must_use]
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        Self::from_ymd_const(year, month, day)
    }

    /// [`Date::from_ymd`] for constants.
    #[must_use]
    pub const fn from_ymd_const(year: i32, month: u32, day: u32) -> Option<Self> {
        if year < 1 || year > 9999 {
            return None;
        }
        match NaiveDate::from_ymd_opt(year, month, day) {
            Some(date) => Some(Self(date)),
            None => None,
        }
    }

    /// The year.
    #[must_use]
    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// The month, 1 to 12.
    #[must_use]
    pub fn month(self) -> u32 {
        self.0.month()
    }

    /// The day of the month, 1 to 31.
    #[must_use]
    pub fn day(self) -> u32 {
        self.0.day()
    }

    /// The same day `months` calendar months earlier; a day that does not exist in
    /// the target month falls back to that month's last day (29 February 2024 minus
    /// 12 months is 28 February 2023). `None` before year 0001.
    #[must_use]
    pub fn months_before(self, months: u32) -> Option<Self> {
        self.0
            .checked_sub_months(Months::new(months))
            .filter(|d| d.year() >= 1)
            .map(Self)
    }

    /// The same day `months` calendar months later, clamped to the month's last day
    /// like [`Date::months_before`]. `None` after year 9999.
    #[must_use]
    pub fn months_after(self, months: u32) -> Option<Self> {
        self.0
            .checked_add_months(Months::new(months))
            .filter(|d| d.year() <= 9999)
            .map(Self)
    }
}

impl Date {
    /// 0001-01-01, the earliest date the library reads.
    pub const EARLIEST: Date = match Date::from_ymd_const(1, 1, 1) {
        Some(date) => date,
        None => Date(NaiveDate::MIN),
    };

    /// 9999-12-31, the latest date the library reads.
    pub const LATEST: Date = match Date::from_ymd_const(9999, 12, 31) {
        Some(date) => date,
        None => Date(NaiveDate::MAX),
    };

    /// Whole days from `earlier` to `self` (negative when `self` is earlier).
    #[must_use]
    pub fn days_since(self, earlier: Date) -> i64 {
        self.0.signed_duration_since(earlier.0).num_days()
    }

    /// The date `days` days earlier; `None` before year 0001.
    #[must_use]
    pub fn days_before(self, days: u32) -> Option<Self> {
        self.0
            .checked_sub_days(Days::new(days.into()))
            .filter(|d| d.year() >= 1)
            .map(Self)
    }

    /// The date `days` days later; `None` after year 9999.
    #[must_use]
    pub fn days_after(self, days: u32) -> Option<Self> {
        self.0
            .checked_add_days(Days::new(days.into()))
            .filter(|d| d.year() <= 9999)
            .map(Self)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.0.year(),
            self.0.month(),
            self.0.day()
        )
    }
}

impl FromStr for Date {
    type Err = DateParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || DateParseError {
            text: truncate_for_message(text),
        };
        let bytes = text.as_bytes();
        let well_formed = bytes.len() == 10
            && bytes.iter().enumerate().all(|(i, b)| match i {
                4 | 7 => *b == b'-',
                _ => b.is_ascii_digit(),
            });
        if !well_formed {
            return Err(invalid());
        }
        let field =
            |range: std::ops::Range<usize>| -> Option<u32> { text.get(range)?.parse().ok() };
        let (Some(year), Some(month), Some(day)) = (field(0..4), field(5..7), field(8..10)) else {
            return Err(invalid());
        };
        let year = i32::try_from(year).map_err(|_| invalid())?;
        Self::from_ymd(year, month, day).ok_or_else(invalid)
    }
}

/// Keeps error messages bounded when a caller sends a huge string where a date
/// belongs.
fn truncate_for_message(text: &str) -> String {
    const LIMIT: usize = 40;
    match text.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or_default()),
        None => text.to_owned(),
    }
}

// A date crosses the wire as its `YYYY-MM-DD` text. The TypeScript name avoids
// shadowing the JavaScript `Date` class, which the wire does not accept.
#[cfg(feature = "typescript")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_ISO_DATE: &str = r#"
/** A calendar date written `YYYY-MM-DD`, for example `"2026-11-23"`. */
export type IsoDate = string;
"#;

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl serde::de::Visitor<'_> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Date, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(DateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_strictly() {
        for good in ["2024-02-29", "0001-01-01", "9999-12-31", "2026-11-23"] {
            let date: Date = good.parse().unwrap();
            assert_eq!(date.to_string(), good);
        }
        for bad in [
            "",
            "2023-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "2026-4-01",
            "+2026-04-01",
            "2026/04/01",
            "0000-01-01",
            "2026-04-01T00:00",
            " 2026-04-01",
            "２０２６-04-01",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn month_arithmetic_clamps_to_month_end() {
        let leap: Date = "2024-02-29".parse().unwrap();
        assert_eq!(leap.months_before(12).unwrap().to_string(), "2023-02-28");
        assert_eq!(leap.months_after(48).unwrap().to_string(), "2028-02-29");
        let end: Date = "2026-03-31".parse().unwrap();
        assert_eq!(end.months_before(1).unwrap().to_string(), "2026-02-28");
        assert!(Date::from_ymd(1, 1, 1).unwrap().months_before(1).is_none());
        assert!(
            Date::from_ymd(9999, 12, 1)
                .unwrap()
                .months_after(1)
                .is_none()
        );
    }

    #[test]
    fn long_garbage_is_truncated_in_messages() {
        let junk = "x".repeat(10_000);
        let message = junk.parse::<Date>().unwrap_err().to_string();
        assert!(message.len() < 120, "{message}");
    }
}
