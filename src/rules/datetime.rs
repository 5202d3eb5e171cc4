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

#[cfg(test)]
mod tests {
    use super::*;

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
