#![allow(clippy::unwrap_used, clippy::panic)]
//! An independent proleptic Gregorian calendar for the property tests'
//! reference implementations: it shares no code with the library's dates.

// Each test binary uses part of it.
#![allow(dead_code)]

use spf_core::Date;

/// A date as (year, month, day).
pub type Ymd = (i32, u32, u32);

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => panic!("month {month} out of range"),
    }
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
pub fn days_from_civil((year, month, day): Ymd) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`], or `None` outside years 1 to 9999.
pub fn civil_from_days(days: i64) -> Option<Ymd> {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    if !(1..=9999).contains(&year) {
        return None;
    }
    Some((
        i32::try_from(year).unwrap(),
        u32::try_from(month).unwrap(),
        u32::try_from(day).unwrap(),
    ))
}

pub fn add_days(date: Ymd, days: i64) -> Option<Ymd> {
    civil_from_days(days_from_civil(date) + days)
}

/// The same day `months` later, clamped to the end of the target month;
/// `None` after year 9999.
pub fn add_months((year, month, day): Ymd, months: u32) -> Option<Ymd> {
    let total = i64::from(year) * 12 + i64::from(month) - 1 + i64::from(months);
    let y = total.div_euclid(12);
    if y > 9999 {
        return None;
    }
    let y = i32::try_from(y).unwrap();
    let m = u32::try_from(total.rem_euclid(12) + 1).unwrap();
    Some((y, m, day.min(days_in_month(y, m))))
}

pub fn ymd(date: Date) -> Ymd {
    (date.year(), date.month(), date.day())
}

pub fn date((year, month, day): Ymd) -> Date {
    Date::from_ymd(year, month, day).unwrap()
}
