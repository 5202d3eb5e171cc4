//! Dates and date-times, over chrono (calendar validity, offsets) and chrono-tz (FeedAMP's
//! default zone, America/New_York). The rules need to know whether a value is a real
//! calendar date, whether it carries a time zone, and the instant it stands for.

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

    /// The clock changes, pinned: the second Sunday of March and the first Sunday of
    /// November at 02:00 local, from 2007 (a property test over every day 1970–2100
    /// held chrono-tz to the hand-written rule this module had before, then the rule went).
    #[test]
    fn new_york_changes_its_clocks_on_the_pinned_days() {
        let at = |y, m, d, s: u32| new_york_offset(Date::new(y, m, d).unwrap(), s);
        for (year, march, november) in [
            (2007, 11, 4),
            (2012, 11, 4),
            (2024, 10, 3),
            (2025, 9, 2),
            (2026, 8, 1),
            (2027, 14, 7),
            (2038, 14, 7),
            (2050, 13, 6),
            (2099, 8, 1),
        ] {
            let case = format!("{year}-03-{march} / {year}-11-{november}");
            assert_eq!(at(year, 3, march, 7_199), -300, "{case}");
            // 02:00–03:00 does not exist that night: read as daylight time.
            assert_eq!(at(year, 3, march, 7_200), -240, "{case}");
            assert_eq!(at(year, 3, march - 1, 43_200), -300, "{case}");
            assert_eq!(at(year, 7, 1, 0), -240, "{case}");
            // 01:00–02:00 happens twice that night: the first (daylight) one.
            assert_eq!(at(year, 11, november, 5_400), -240, "{case}");
            assert_eq!(at(year, 11, november, 7_200), -300, "{case}");
            assert_eq!(at(year, 12, 25, 43_200), -300, "{case}");
        }
    }

    #[test]
    fn the_calendar_knows_month_ends_and_leap_years() {
        for (year, month, last) in [
            (2026, 1, 31),
            (2026, 2, 28),
            (2024, 2, 29),
            (2000, 2, 29),
            (1900, 2, 28),
            (2100, 2, 28),
            (2026, 4, 30),
            (2026, 12, 31),
        ] {
            assert!(
                Date::new(year, month, last).is_some(),
                "{year}-{month}-{last}"
            );
            assert!(
                Date::new(year, month, last + 1).is_none(),
                "{year}-{month}-{}",
                last + 1
            );
        }
        assert!(Date::new(2026, 0, 1).is_none());
        assert!(Date::new(2026, 13, 1).is_none());
        assert!(Date::new(2026, 1, 0).is_none());
    }

    #[test]
    fn utc_formatting_crosses_days_years_and_leap_days() {
        for (epoch, text) in [
            (0, "1970-01-01T00:00:00Z"),
            (951_782_400, "2000-02-29T00:00:00Z"),
            (1_709_251_199, "2024-02-29T23:59:59Z"),
            (1_798_761_599, "2026-12-31T23:59:59Z"),
            (4_102_444_799, "2099-12-31T23:59:59Z"),
        ] {
            assert_eq!(format_utc(epoch), text);
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
