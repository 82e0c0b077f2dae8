//! Recurring obligations: when something was last done, when it is next due, and
//! where a given day stands against that.
//!
//! Calendar arithmetic is exact: intervals are whole calendar months, and a day
//! that does not exist in the target month falls back to that month's last day
//! (a test on 29 February 2024 with a 12-month interval is due on 28 February
//! 2025; one on 31 August with 6 months, on 28 or 29 February).

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// Where an obligation stands on a given day, best first. A later day never gives
/// a better status for the same history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum ScheduleStatus {
    /// Done recently; not due within the warning window.
    Ok,
    /// Due within the warning window.
    DueSoon,
    /// Due (on or after the due date, not yet past the hard maximum).
    Due,
    /// Past the hard maximum.
    Overdue,
    /// Never done: there is no date to count from.
    NeverDone,
}

impl ScheduleStatus {
    /// Every status, best first.
    pub const ALL: [ScheduleStatus; 5] = [
        ScheduleStatus::Ok,
        ScheduleStatus::DueSoon,
        ScheduleStatus::Due,
        ScheduleStatus::Overdue,
        ScheduleStatus::NeverDone,
    ];

    /// The stable wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            ScheduleStatus::Ok => "ok",
            ScheduleStatus::DueSoon => "dueSoon",
            ScheduleStatus::Due => "due",
            ScheduleStatus::Overdue => "overdue",
            ScheduleStatus::NeverDone => "neverDone",
        }
    }

    /// A readable label.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            ScheduleStatus::Ok => "ok",
            ScheduleStatus::DueSoon => "due soon",
            ScheduleStatus::Due => "due",
            ScheduleStatus::Overdue => "overdue",
            ScheduleStatus::NeverDone => "never done",
        }
    }

    /// Position in [`ScheduleStatus::ALL`].
    #[must_use]
    pub const fn index(self) -> usize {
        self as usize
    }
}

/// An interval in calendar months: due after `due_after_months`, past the hard
/// maximum after `overdue_after_months` (at least `due_after_months`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Interval {
    /// Months after which the obligation is due.
    pub due_after_months: u32,
    /// Months after which it is overdue.
    pub overdue_after_months: u32,
}

/// An obligation's standing on a day, with the exact dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Schedule {
    /// The standing on `asOf`.
    pub status: ScheduleStatus,
    /// When it was last done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub last_done: Option<Date>,
    /// First day of the warning window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub due_soon_from: Option<Date>,
    /// The day it falls due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub due_on: Option<Date>,
    /// The last day before it is overdue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "IsoDate"))]
    pub overdue_after: Option<Date>,
}

impl Schedule {
    /// Where an obligation last done on `last_done` stands on `as_of`.
    ///
    /// ```
    /// use spf_core::site::{Interval, Schedule, ScheduleStatus};
    /// use spf_core::Date;
    /// let low = Interval { due_after_months: 36, overdue_after_months: 60 };
    /// let day = |s: &str| s.parse::<Date>().unwrap();
    /// let s = Schedule::evaluate(Some(day("2020-02-29")), low, 90, day("2023-03-01"));
    /// assert_eq!(s.status, ScheduleStatus::Due);
    /// assert_eq!(s.due_on, Some(day("2023-02-28")));
    /// assert_eq!(s.overdue_after, Some(day("2025-02-28")));
    /// ```
    #[must_use]
    pub fn evaluate(
        last_done: Option<Date>,
        interval: Interval,
        due_soon_days: u32,
        as_of: Date,
    ) -> Schedule {
        let Some(last) = last_done else {
            return Schedule {
                status: ScheduleStatus::NeverDone,
                last_done: None,
                due_soon_from: None,
                due_on: None,
                overdue_after: None,
            };
        };
        // Dates past year 9999 cannot be reached by any `asOf`: treat them as never.
        let due_on = last.months_after(interval.due_after_months);
        let overdue_after =
            last.months_after(interval.overdue_after_months.max(interval.due_after_months));
        // A window reaching back before year 0001 starts on 0001-01-01: dropping
        // it would make an earlier last-done date look better.
        let due_soon_from =
            due_on.map(|due| due.days_before(due_soon_days).unwrap_or(Date::EARLIEST));
        let status = if overdue_after.is_some_and(|limit| as_of > limit) {
            ScheduleStatus::Overdue
        } else if due_on.is_some_and(|due| as_of >= due) {
            ScheduleStatus::Due
        } else if due_soon_from.is_some_and(|from| as_of >= from) {
            ScheduleStatus::DueSoon
        } else {
            ScheduleStatus::Ok
        };
        Schedule {
            status,
            last_done: Some(last),
            due_soon_from,
            due_on,
            overdue_after,
        }
    }
}

/// The statuses of an interval on one day, reduced to date comparisons.
///
/// Adding calendar months never moves a later date before an earlier one, so for
/// a fixed `asOf` each status boundary is a single last-done date. A portfolio
/// finds those boundaries once and then classifies every site with two or three
/// comparisons instead of calendar arithmetic; [`Schedule::evaluate`] gives the
/// same status for every date (property-tested).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cutoffs {
    /// Last done before this date: overdue.
    overdue_before: Option<Date>,
    /// Last done on or before this date (and not overdue): due.
    due_through: Option<Date>,
    /// Last done on or before this date (and not due): due soon.
    due_soon_through: Option<Date>,
}

impl Cutoffs {
    pub(crate) fn new(interval: Interval, due_soon_days: u32, as_of: Date) -> Self {
        let status_of =
            |last: Date| Schedule::evaluate(Some(last), interval, due_soon_days, as_of).status;
        // The first date that is not overdue, the last date that is (at least)
        // due, and the last that is (at least) due soon.
        let overdue_before = first_where(|d| status_of(d) != ScheduleStatus::Overdue);
        let due_through = last_where(|d| status_of(d) >= ScheduleStatus::Due);
        let due_soon_through = last_where(|d| status_of(d) >= ScheduleStatus::DueSoon);
        Self {
            overdue_before,
            due_through,
            due_soon_through,
        }
    }

    pub(crate) fn status(&self, last_done: Option<Date>) -> ScheduleStatus {
        let Some(last) = last_done else {
            return ScheduleStatus::NeverDone;
        };
        // No first non-overdue day means every day is overdue.
        if self.overdue_before.is_none_or(|limit| last < limit) {
            ScheduleStatus::Overdue
        } else if self.due_through.is_some_and(|limit| last <= limit) {
            ScheduleStatus::Due
        } else if self.due_soon_through.is_some_and(|limit| last <= limit) {
            ScheduleStatus::DueSoon
        } else {
            ScheduleStatus::Ok
        }
    }
}

/// The days on which a run of last-done dates with one status on a fixed day
/// begins (after the first run): for each of overdue, due and due soon, the
/// first last-done date whose status is better. `status_of` must never give a
/// worse status for a later date, as [`Schedule::evaluate`] never does.
pub(crate) fn status_boundaries(status_of: impl Fn(Date) -> ScheduleStatus) -> Vec<Date> {
    [
        ScheduleStatus::Overdue,
        ScheduleStatus::Due,
        ScheduleStatus::DueSoon,
    ]
    .into_iter()
    .filter_map(|worse| first_where(|d| status_of(d) < worse))
    .collect()
}

/// The first day (from 0001-01-01 to 9999-12-31) where `holds` is true, by
/// bisection; `holds` must be false then true as the day rises. About 22 checks,
/// once per portfolio.
fn first_where(holds: impl Fn(Date) -> bool) -> Option<Date> {
    let (mut low, mut high) = (Date::EARLIEST, Date::LATEST);
    if holds(low) {
        return Some(low);
    }
    if !holds(high) {
        return None;
    }
    // INVARIANT: !holds(low) && holds(high).
    loop {
        let gap = u32::try_from(high.days_since(low)).unwrap_or(0);
        if gap <= 1 {
            return Some(high);
        }
        let Some(mid) = low.days_after(gap / 2) else {
            return Some(high);
        };
        if holds(mid) {
            high = mid;
        } else {
            low = mid;
        }
    }
}

/// The last day where `holds` is true; `holds` must be true then false as the
/// day rises.
fn last_where(holds: impl Fn(Date) -> bool) -> Option<Date> {
    match first_where(|d| !holds(d)) {
        Some(first_false) => first_false.days_before(1),
        None => Some(Date::LATEST),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    const MODERATE: Interval = Interval {
        due_after_months: 24,
        overdue_after_months: 24,
    };
    const LOW: Interval = Interval {
        due_after_months: 36,
        overdue_after_months: 60,
    };

    #[test]
    fn moderate_is_a_hard_two_year_maximum() {
        let last = Some(day("2024-06-30"));
        let at = |d| Schedule::evaluate(last, MODERATE, 90, day(d)).status;
        assert_eq!(at("2026-04-01"), ScheduleStatus::DueSoon);
        assert_eq!(at("2026-03-31"), ScheduleStatus::Ok);
        assert_eq!(at("2026-06-29"), ScheduleStatus::DueSoon);
        assert_eq!(at("2026-06-30"), ScheduleStatus::Due);
        assert_eq!(at("2026-07-01"), ScheduleStatus::Overdue);
    }

    #[test]
    fn low_is_due_at_three_years_and_overdue_after_five() {
        let last = Some(day("2020-01-15"));
        let at = |d| Schedule::evaluate(last, LOW, 90, day(d)).status;
        assert_eq!(at("2022-10-16"), ScheduleStatus::Ok);
        assert_eq!(at("2022-10-17"), ScheduleStatus::DueSoon);
        assert_eq!(at("2023-01-15"), ScheduleStatus::Due);
        assert_eq!(at("2025-01-15"), ScheduleStatus::Due);
        assert_eq!(at("2025-01-16"), ScheduleStatus::Overdue);
    }

    #[test]
    fn leap_day_and_month_ends() {
        let s = Schedule::evaluate(
            Some(day("2024-02-29")),
            Interval {
                due_after_months: 12,
                overdue_after_months: 12,
            },
            90,
            day("2025-02-28"),
        );
        assert_eq!(s.due_on, Some(day("2025-02-28")));
        assert_eq!(s.status, ScheduleStatus::Due);
        assert_eq!(s.due_soon_from, Some(day("2024-11-30")));
        let s = Schedule::evaluate(
            Some(day("2025-08-31")),
            Interval {
                due_after_months: 6,
                overdue_after_months: 6,
            },
            0,
            day("2026-03-01"),
        );
        assert_eq!(s.due_on, Some(day("2026-02-28")));
        assert_eq!(s.status, ScheduleStatus::Overdue);
        let s = Schedule::evaluate(Some(day("2027-08-31")), MODERATE, 90, day("2029-08-31"));
        assert_eq!(s.due_on, Some(day("2029-08-31")));
        assert_eq!(s.status, ScheduleStatus::Due);
    }

    #[test]
    fn never_done_has_no_dates() {
        let s = Schedule::evaluate(None, LOW, 90, day("2026-01-01"));
        assert_eq!(s.status, ScheduleStatus::NeverDone);
        assert_eq!(s.due_on, None);
    }

    #[test]
    fn far_future_does_not_overflow() {
        let s = Schedule::evaluate(Some(day("9998-12-31")), LOW, 90, day("9999-12-31"));
        assert_eq!(s.status, ScheduleStatus::Ok);
        assert_eq!(s.due_on, None);
    }
}

#[cfg(test)]
mod cutoff_tests {
    use proptest::prelude::*;

    use super::*;

    fn any_date() -> impl Strategy<Value = Date> {
        (1i32..=9999, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| {
            Date::from_ymd(y, m, d)
                .or_else(|| Date::from_ymd(y, m, 28))
                .unwrap_or(Date::EARLIEST)
        })
    }

    fn near(as_of: Date) -> impl Strategy<Value = Date> {
        (0u32..4000).prop_map(move |back| as_of.days_before(back).unwrap_or(Date::EARLIEST))
    }

    proptest! {
        #[test]
        fn cutoffs_agree_with_evaluate(
            as_of in any_date(),
            due in 1u32..=72,
            extra in 0u32..=36,
            window in 0u32..=366,
            offsets in proptest::collection::vec(0u32..4000, 1..20),
        ) {
            let interval = Interval { due_after_months: due, overdue_after_months: due + extra };
            let cutoffs = Cutoffs::new(interval, window, as_of);
            for back in offsets {
                let last = as_of.days_before(back).unwrap_or(Date::EARLIEST);
                prop_assert_eq!(
                    cutoffs.status(Some(last)),
                    Schedule::evaluate(Some(last), interval, window, as_of).status,
                    "last {} as of {}", last, as_of
                );
            }
            prop_assert_eq!(cutoffs.status(None), ScheduleStatus::NeverDone);
        }

        #[test]
        fn cutoffs_agree_on_leap_days_and_month_ends(as_of in any_date(), last in near(Date::LATEST)) {
            for (due, overdue) in [(12, 12), (24, 24), (36, 60)] {
                let interval = Interval { due_after_months: due, overdue_after_months: overdue };
                let cutoffs = Cutoffs::new(interval, 90, as_of);
                prop_assert_eq!(
                    cutoffs.status(Some(last)),
                    Schedule::evaluate(Some(last), interval, 90, as_of).status
                );
            }
        }
    }

    #[test]
    fn cutoffs_agree_around_the_29th_of_february_exhaustively() {
        let as_of = Date::from_ymd(2028, 3, 1).unwrap();
        for (due, overdue) in [(12, 12), (24, 24), (36, 60), (1, 1)] {
            let interval = Interval {
                due_after_months: due,
                overdue_after_months: overdue,
            };
            let cutoffs = Cutoffs::new(interval, 90, as_of);
            let mut last = Date::from_ymd(2022, 1, 1).unwrap();
            while last <= as_of {
                assert_eq!(
                    cutoffs.status(Some(last)),
                    Schedule::evaluate(Some(last), interval, 90, as_of).status,
                    "{last} {due}/{overdue}"
                );
                last = last.days_after(1).unwrap();
            }
        }
    }
}
