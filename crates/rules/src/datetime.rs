//! Dates and date-times without a date library: the rules only need to know whether a
//! value is a real calendar date and whether it carries a time zone.

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

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
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
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
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
    let year = digits(&s[0..4])?;
    let month = digits(&s[5..7])?;
    let day = digits(&s[8..10])?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some(Date { year, month, day })
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
    if h > 23 || m > 59 || sec > 60 {
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
            if zh > 23 || zm > 59 {
                return None;
            }
            match sign * (zh * 60 + zm) as i32 {
                0 => Zone::Utc,
                off => Zone::Offset(off),
            }
        }
    };
    Some(DateTime {
        date,
        seconds: h * 3600 + m * 60 + sec.min(59),
        zone,
    })
}

/// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
fn days_from_civil(date: Date) -> i64 {
    let (m, d) = (i64::from(date.month), i64::from(date.day));
    let y = i64::from(date.year) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> Date {
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
fn weekday(date: Date) -> i64 {
    (days_from_civil(date) + 4).rem_euclid(7)
}

/// The day of the month of the `n`th Sunday (1-based) of a month.
fn nth_sunday(year: u32, month: u32, n: u32) -> u32 {
    let first = weekday(Date {
        year,
        month,
        day: 1,
    }) as u32;
    1 + (7 - first) % 7 + 7 * (n - 1)
}

/// America/New_York's offset in minutes for a local wall-clock time: EDT (-240) from the
/// second Sunday of March, 02:00, to the first Sunday of November, 02:00; EST (-300) else.
pub fn new_york_offset(date: Date, local_seconds: u32) -> i32 {
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

impl DateTime {
    /// Seconds since the Unix epoch; a missing zone is read as America/New_York.
    pub fn epoch_seconds_new_york_default(&self) -> i64 {
        let offset = match self.zone {
            Zone::Utc => 0,
            Zone::Offset(m) => m,
            Zone::Missing => new_york_offset(self.date, self.seconds),
        };
        days_from_civil(self.date) * 86_400 + i64::from(self.seconds) - i64::from(offset) * 60
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ` for seconds since the Unix epoch.
pub fn format_utc(epoch_s: i64) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
