//! Reporting quarters: three calendar months each, counted from the month the
//! policy's reporting year starts in (April for the HMG financial year).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// A reporting quarter, numbered from the year 0001 so that quarters compare and
/// subtract as integers.
///
/// ```
/// use spf_core::Date;
/// use spf_core::register::Quarter;
/// // HMG financial year: 31 March is the last day of Q4, 1 April the first of Q1.
/// let march = Quarter::containing(Date::from_ymd(2026, 3, 31).unwrap(), 4);
/// let april = Quarter::containing(Date::from_ymd(2026, 4, 1).unwrap(), 4);
/// assert_eq!(march.label(), "2025-26 Q4");
/// assert_eq!(april.label(), "2026-27 Q1");
/// assert_eq!(march.next(), april);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    /// Quarters since the first quarter that starts in year 0001; the year's
    /// start month is part of the value so that labels can be written.
    ordinal: i32,
    year_starts_in_month: u8,
}

impl Quarter {
    /// The quarter containing `date` when the reporting year starts in month
    /// `year_starts_in_month` (1 to 12; values outside are clamped).
    #[must_use]
    pub fn containing(date: Date, year_starts_in_month: u32) -> Self {
        let start = year_starts_in_month.clamp(1, 12);
        let months = date.year() * 12 + date.month() as i32 - 1;
        // Months since the start month of year 0000: a reporting year can start
        // in year 0000 for January dates of year 0001 under a later start month.
        let shifted = months - (start as i32 - 1);
        Self {
            ordinal: shifted.div_euclid(3),
            year_starts_in_month: start as u8,
        }
    }

    /// The quarter's position since year 0000 (comparable between quarters of
    /// the same reporting calendar).
    #[must_use]
    pub const fn ordinal(self) -> i32 {
        self.ordinal
    }

    /// The quarter after this one.
    #[must_use]
    pub const fn next(self) -> Self {
        Self {
            ordinal: self.ordinal + 1,
            year_starts_in_month: self.year_starts_in_month,
        }
    }

    /// The quarter before this one.
    #[must_use]
    pub const fn previous(self) -> Self {
        Self {
            ordinal: self.ordinal - 1,
            year_starts_in_month: self.year_starts_in_month,
        }
    }

    /// Months since January of year 0000 of the quarter's first month.
    const fn first_month_index(self) -> i32 {
        self.ordinal * 3 + self.year_starts_in_month as i32 - 1
    }

    /// The quarter's first day, or `None` outside the years the library reads.
    #[must_use]
    pub fn start(self) -> Option<Date> {
        let index = self.first_month_index();
        Date::from_ymd(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1)
    }

    /// The quarter's last day, or `None` outside the years the library reads.
    #[must_use]
    pub fn end(self) -> Option<Date> {
        self.next()
            .start()
            .and_then(|next| next.days_before(1))
            .or_else(|| {
                // The last quarter of year 9999 ends on its last day.
                let index = self.first_month_index() + 2;
                (index.div_euclid(12) == 9999 && index.rem_euclid(12) == 11).then_some(Date::LATEST)
            })
    }

    /// Which quarter of its reporting year, 1 to 4.
    #[must_use]
    pub const fn number(self) -> u32 {
        self.ordinal.rem_euclid(4) as u32 + 1
    }

    /// The year the quarter's reporting year starts in (2025 for `2025-26 Q4`).
    #[must_use]
    pub const fn reporting_year(self) -> i32 {
        (self.ordinal.div_euclid(4) * 12 + self.year_starts_in_month as i32 - 1).div_euclid(12)
    }

    /// The readable name: `2026 Q1` for calendar quarters, `2026-27 Q1` for a
    /// reporting year that starts in another month (the year it starts in, then
    /// the last two digits of the next).
    #[must_use]
    pub fn label(self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let year = self.reporting_year();
        if self.year_starts_in_month == 1 {
            write!(f, "{year:04} Q{}", self.number())
        } else {
            write!(
                f,
                "{year:04}-{:02} Q{}",
                (year + 1).rem_euclid(100),
                self.number()
            )
        }
    }
}

/// A quarter on the wire: its name and its first and last days.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuarterSpan {
    /// The quarter's name, such as `2026-27 Q1`.
    pub label: String,
    /// Its first day.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub start: Date,
    /// Its last day.
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub end: Date,
}

impl QuarterSpan {
    /// The span of `quarter`, clamped to the dates the library reads.
    #[must_use]
    pub fn of(quarter: Quarter) -> Self {
        Self {
            label: quarter.label(),
            start: quarter.start().unwrap_or(Date::EARLIEST),
            end: quarter.end().unwrap_or(Date::LATEST),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd(y, m, day).unwrap()
    }

    #[test]
    fn financial_year_boundaries() {
        for (date, label, start, end) in [
            (d(2026, 3, 31), "2025-26 Q4", d(2026, 1, 1), d(2026, 3, 31)),
            (d(2026, 4, 1), "2026-27 Q1", d(2026, 4, 1), d(2026, 6, 30)),
            (d(2026, 6, 30), "2026-27 Q1", d(2026, 4, 1), d(2026, 6, 30)),
            (d(2026, 7, 1), "2026-27 Q2", d(2026, 7, 1), d(2026, 9, 30)),
            (
                d(2026, 12, 31),
                "2026-27 Q3",
                d(2026, 10, 1),
                d(2026, 12, 31),
            ),
            (d(2024, 2, 29), "2023-24 Q4", d(2024, 1, 1), d(2024, 3, 31)),
            (d(1999, 4, 1), "1999-00 Q1", d(1999, 4, 1), d(1999, 6, 30)),
        ] {
            let q = Quarter::containing(date, 4);
            assert_eq!(q.label(), label, "{date}");
            assert_eq!(q.start(), Some(start), "{date}");
            assert_eq!(q.end(), Some(end), "{date}");
        }
    }

    #[test]
    fn calendar_quarters() {
        let q = Quarter::containing(d(2024, 2, 29), 1);
        assert_eq!(q.label(), "2024 Q1");
        assert_eq!(q.end(), Some(d(2024, 3, 31)));
        assert_eq!(q.next().label(), "2024 Q2");
        assert_eq!(q.previous().label(), "2023 Q4");
        assert_eq!(q.previous().end(), Some(d(2023, 12, 31)));
    }

    #[test]
    fn every_day_is_in_exactly_one_quarter_in_order() {
        for start_month in 1..=12 {
            let mut day = d(2023, 1, 1);
            let mut quarter = Quarter::containing(day, start_month);
            while day < d(2026, 1, 1) {
                let q = Quarter::containing(day, start_month);
                assert!(q == quarter || q == quarter.next(), "{day} {start_month}");
                quarter = q;
                assert!(q.start().unwrap() <= day && day <= q.end().unwrap());
                day = day.days_after(1).unwrap();
            }
        }
    }

    #[test]
    fn extremes_stay_total() {
        for start_month in 1..=12 {
            for date in [Date::EARLIEST, Date::LATEST] {
                let q = Quarter::containing(date, start_month);
                let span = QuarterSpan::of(q);
                assert!(
                    span.start <= date && date <= span.end,
                    "{date} {start_month}"
                );
                let _ = QuarterSpan::of(q.next());
                let _ = QuarterSpan::of(q.previous());
            }
        }
    }
}
