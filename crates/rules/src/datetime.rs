//! Dates and date-times, over chrono (calendar validity, offsets) and chrono-tz (FeedAMP's
//! default zone, America/New_York). The rules need to know whether a value is a real
//! calendar date, whether it carries a time zone, and the instant it stands for.
//!
//! Long: half of it is the test module, which keeps the hand-written calendar this replaced
//! as the oracle of a property test over every day from 1970 to 2100.

use chrono::{
    Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Timelike,
};
use chrono_tz::America::New_York;

/// A parsed calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u32,
    pub month: u32,
    pub day: u32,
}

/// What a date-time string carries after the date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zone {
    /// `Z` or `+00:00`.
    Utc,
    /// A non-zero offset, in minutes.
    Offset(i32),
    /// No zone at all: the reader has to guess.
    Missing,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateTime {
    pub date: Date,
    /// Seconds since midnight, leap seconds folded to 59.
    pub seconds: u32,
    pub zone: Zone,
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// The date when it is a real calendar day.
    pub fn new(year: u32, month: u32, day: u32) -> Option<Date> {
        NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
        Some(Date { year, month, day })
    }

    fn naive(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year as i32, self.month, self.day)
            .expect("a Date is a real calendar day")
    }

    /// `2017-03-02`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `2 March 2017`.
    pub fn long(&self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTHS[self.month as usize - 1],
            self.year
        )
    }
}

/// `YYYY-MM-DD`, a real calendar day.
pub fn parse_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    Date::new(digits(&s[0..4])?, digits(&s[5..7])?, digits(&s[8..10])?)
}

/// RFC 3339 / ISO 8601 `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]`; a space may stand for `T`.
pub fn parse_datetime(s: &str) -> Option<DateTime> {
    if !s.is_ascii() || s.len() < 16 {
        return None;
    }
    let date = parse_date(&s[..10])?;
    let sep = s.as_bytes()[10];
    if sep != b'T' && sep != b't' && sep != b' ' {
        return None;
    }
    let rest = &s[11..];
    let zone_at = rest
        .find(['Z', 'z', '+'])
        .or_else(|| rest.rfind('-'))
        .unwrap_or(rest.len());
    let (time, zone) = rest.split_at(zone_at);
    let mut parts = time.splitn(3, ':');
    let h = digits(parts.next()?)?;
    let m = digits(parts.next()?)?;
    let sec = match parts.next() {
        None => 0,
        Some(sec) => {
            let whole = sec.split('.').next()?;
            if whole.len() != 2 {
                return None;
            }
            if let Some(frac) = sec.split_once('.').map(|(_, f)| f) {
                digits(frac)?;
            }
            digits(whole)?
        }
    };
    // chrono takes a leap second as 59 plus a second's worth of nanoseconds.
    let time = NaiveTime::from_hms_opt(h, m, sec.min(59))?;
    if sec > 60 {
        return None;
    }
    let zone = match zone {
        "" => Zone::Missing,
        "Z" | "z" => Zone::Utc,
        z => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let (zh, zm) = z[1..].split_once(':')?;
            if zh.len() != 2 || zm.len() != 2 {
                return None;
            }
            let (zh, zm) = (digits(zh)?, digits(zm)?);
            if zm > 59 {
                return None;
            }
            let offset = FixedOffset::east_opt(sign * (zh * 3600 + zm * 60) as i32)?;
            match offset.local_minus_utc() / 60 {
                0 => Zone::Utc,
                off => Zone::Offset(off),
            }
        }
    };
    Some(DateTime {
        date,
        seconds: time.num_seconds_from_midnight(),
        zone,
    })
}

/// America/New_York's offset in minutes for a local wall-clock time. In the hour the
/// clocks skip (spring), the daylight offset; in the hour they repeat (autumn), the first.
pub fn new_york_offset(date: Date, local_seconds: u32) -> i32 {
    let local = date.naive().and_time(
        NaiveTime::from_num_seconds_from_midnight_opt(local_seconds, 0).unwrap_or_default(),
    );
    let offset = |t: NaiveDateTime| {
        New_York
            .from_local_datetime(&t)
            .earliest()
            .map(|d| d.offset().fix().local_minus_utc() / 60)
    };
    offset(local)
        .or_else(|| offset(local + chrono::TimeDelta::hours(1)))
        .unwrap_or(-300)
}

impl DateTime {
    /// Seconds since the Unix epoch; a missing zone is read as America/New_York.
    pub fn epoch_seconds_new_york_default(&self) -> i64 {
        let offset = match self.zone {
            Zone::Utc => 0,
            Zone::Offset(m) => m,
            Zone::Missing => new_york_offset(self.date, self.seconds),
        };
        let midnight = self
            .date
            .naive()
            .and_time(NaiveTime::MIN)
            .and_utc()
            .timestamp();
        midnight + i64::from(self.seconds) - i64::from(offset) * 60
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ` for seconds since the Unix epoch.
pub fn format_utc(epoch_s: i64) -> String {
    // By hand from chrono's fields: chrono's `format` would bring its whole format-string
    // machinery into the page (measured: +10.7 KB gzip) for one fixed layout.
    let Some(t) = chrono::DateTime::from_timestamp(epoch_s, 0) else {
        return String::new();
    };
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    /// The hand-written calendar and DST rule this module used before chrono, kept as the
    /// oracle the property test below holds the chrono answers to.
    mod before_chrono {
        #![allow(clippy::manual_is_multiple_of)]
        use super::super::Date;

        pub(super) fn days_in_month(year: u32, month: u32) -> u32 {
            match month {
                4 | 6 | 9 | 11 => 30,
                2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
                2 => 28,
                _ => 31,
            }
        }

        /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
        pub(super) fn days_from_civil(date: Date) -> i64 {
            let (m, d) = (i64::from(date.month), i64::from(date.day));
            let y = i64::from(date.year) - i64::from(m <= 2);
            let era = y.div_euclid(400);
            let yoe = y - era * 400;
            let mp = (m + 9) % 12;
            let doy = (153 * mp + 2) / 5 + d - 1;
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
            era * 146_097 + doe - 719_468
        }

        pub(super) fn civil_from_days(z: i64) -> Date {
            let z = z + 719_468;
            let era = z.div_euclid(146_097);
            let doe = z - era * 146_097;
            let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            let mp = (5 * doy + 2) / 153;
            let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
            let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
            let year = (yoe + era * 400 + i64::from(month <= 2)) as u32;
            Date { year, month, day }
        }

        /// 0 = Sunday.
        pub(super) fn weekday(date: Date) -> i64 {
            (days_from_civil(date) + 4).rem_euclid(7)
        }

        /// The day of the month of the `n`th Sunday (1-based) of a month.
        pub(super) fn nth_sunday(year: u32, month: u32, n: u32) -> u32 {
            let first = weekday(Date {
                year,
                month,
                day: 1,
            }) as u32;
            1 + (7 - first) % 7 + 7 * (n - 1)
        }

        /// America/New_York's offset in minutes for a local wall-clock time: EDT (-240) from the
        /// second Sunday of March, 02:00, to the first Sunday of November, 02:00; EST (-300) else.
        pub(super) fn new_york_offset(date: Date, local_seconds: u32) -> i32 {
            let start = Date {
                year: date.year,
                month: 3,
                day: nth_sunday(date.year, 3, 2),
            };
            let end = Date {
                year: date.year,
                month: 11,
                day: nth_sunday(date.year, 11, 1),
            };
            let t = (date, local_seconds);
            if t >= (start, 7200) && t < (end, 7200) {
                -240
            } else {
                -300
            }
        }

        /// `YYYY-MM-DDTHH:MM:SSZ` for seconds since the Unix epoch.
        pub(super) fn format_utc(epoch_s: i64) -> String {
            let d = civil_from_days(epoch_s.div_euclid(86_400));
            let s = epoch_s.rem_euclid(86_400);
            format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                d.year,
                d.month,
                d.day,
                s / 3600,
                s / 60 % 60,
                s % 60
            )
        }

        pub(super) fn valid(year: u32, month: u32, day: u32) -> bool {
            (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)
        }
    }

    /// A small, seeded generator: the same cases on every run.
    fn splitmix(state: &mut u64) -> u64 {
        *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Every day from 1970 to 2100: the calendar (each day, and the days past each month's
    /// end) and UTC formatting agree everywhere; New York's offset agrees from 2007, when
    /// the rule the old code hard-wired (second Sunday of March to first Sunday of
    /// November) began, to 2099. Before 2007 the old code was wrong and chrono-tz follows
    /// the historical US rules (`new_york_before_2007_follows_the_rules_of_the_time`); in
    /// 2100 chrono-tz's tables have ended and it gives standard time all year, which no
    /// order date of ours reaches.
    #[test]
    fn chrono_agrees_with_the_hand_written_calendar_1970_to_2100() {
        let mut day = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        let last = NaiveDate::from_ymd_opt(2100, 12, 31).unwrap();
        let mut rng = 7u64;
        while day <= last {
            let (y, m, d) = (day.year_ce().1, day.month(), day.day());
            let date = Date::new(y, m, d).expect("a real day");
            for extra in [29, 30, 31, 32] {
                assert_eq!(
                    Date::new(y, m, extra).is_some(),
                    before_chrono::valid(y, m, extra),
                    "{y}-{m}-{extra}"
                );
            }
            let random = (splitmix(&mut rng) % 86_400) as u32;
            if (2007..2100).contains(&y) {
                // Around both clock changes (02:00 local), and one random time a day.
                for seconds in [
                    0, 3_599, 3_600, 5_400, 7_199, 7_200, 9_000, 10_800, 43_200, 86_399, random,
                ] {
                    assert_eq!(
                        new_york_offset(date, seconds),
                        before_chrono::new_york_offset(date, seconds),
                        "{} at {seconds} s",
                        date.iso()
                    );
                }
            }
            let epoch = (splitmix(&mut rng) % 4_102_444_800) as i64;
            assert_eq!(
                format_utc(epoch),
                before_chrono::format_utc(epoch),
                "{epoch}"
            );
            day = day.succ_opt().unwrap();
        }
    }

    #[test]
    fn new_york_before_2007_follows_the_rules_of_the_time() {
        let at = |y, m, d, h: u32| new_york_offset(Date::new(y, m, d).unwrap(), h * 3600);
        // 1970: last Sunday of April to last Sunday of October.
        assert_eq!(at(1970, 3, 8, 3), -300);
        assert_eq!(at(1970, 4, 26, 3), -240);
        assert_eq!(at(1970, 10, 25, 3), -300);
        // 1987–2006: first Sunday of April to last Sunday of October.
        assert_eq!(at(1999, 4, 4, 3), -240);
        assert_eq!(at(1999, 3, 14, 3), -300);
        assert_eq!(at(2006, 10, 29, 3), -300);
    }

    #[test]
    fn epoch_and_new_york() {
        let utc = |s: &str| parse_datetime(s).unwrap().epoch_seconds_new_york_default();
        assert_eq!(utc("1970-01-01T00:00:00Z"), 0);
        assert_eq!(
            format_utc(utc("2026-11-22T06:18:31Z")),
            "2026-11-22T06:18:31Z"
        );
        assert_eq!(
            format_utc(utc("2024-02-29T23:59:59+01:00")),
            "2024-02-29T22:59:59Z"
        );
        // New York: EST in January, EDT in July, switching on the 2026 dates.
        assert_eq!(
            format_utc(utc("2026-01-15T10:00:00")),
            "2026-01-15T15:00:00Z"
        );
        assert_eq!(
            format_utc(utc("2026-07-15T10:00:00")),
            "2026-07-15T14:00:00Z"
        );
        assert_eq!(
            format_utc(utc("2026-03-08T01:59:00")),
            "2026-03-08T06:59:00Z"
        );
        assert_eq!(
            format_utc(utc("2026-03-08T03:00:00")),
            "2026-03-08T07:00:00Z"
        );
        assert_eq!(
            format_utc(utc("2026-11-01T03:00:00")),
            "2026-11-01T08:00:00Z"
        );
    }

    #[test]
    fn dates() {
        assert!(parse_date("2026-05-15").is_some());
        assert!(parse_date("2024-02-29").is_some());
        assert!(parse_date("2026-02-29").is_none());
        assert!(parse_date("2026-13-01").is_none());
        assert!(parse_date("26-05-15").is_none());
        assert!(parse_date("2026-5-15").is_none());
    }

    #[test]
    fn datetimes_and_zones() {
        assert_eq!(
            parse_datetime("2026-05-15T10:00:00Z").unwrap().zone,
            Zone::Utc
        );
        assert_eq!(
            parse_datetime("2026-05-15T10:00:00.123+00:00")
                .unwrap()
                .zone,
            Zone::Utc
        );
        assert_eq!(
            parse_datetime("2026-05-15T10:00:00-05:00").unwrap().zone,
            Zone::Offset(-300)
        );
        assert_eq!(
            parse_datetime("2026-05-15 10:00").unwrap().zone,
            Zone::Missing
        );
        assert!(parse_datetime("2026-05-15T25:00:00Z").is_none());
        assert!(parse_datetime("2026-05-15Tnoon").is_none());
        assert!(parse_datetime("2026-05-15").is_none());
    }
}
