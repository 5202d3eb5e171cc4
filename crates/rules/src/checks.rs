//! Field checks shared across APIs: currencies, countries, dates.

use super::datetime::{parse_datetime, DateTime, Zone};
use super::fields::Obj;
use super::fix::Fix;
use super::iso;
use super::text::{quote, suggestion};
use super::Report;
use crate::codes::Check;

/// A fixed list of codes: which are in it, what they are called in messages, and the
/// check a code outside it fails (`invalid` when refused, `not_country` when only doubtful).
struct CodeList<'a> {
    valid: &'a dyn Fn(&str) -> bool,
    what: &'static str,
    check: Check,
}

/// A code from a fixed list; the fix names the right spelling when only case is off, or
/// what `other` proposes: its message, and the code to write when there is one.
fn code_in_list(
    o: &Obj,
    r: &mut Report,
    name: &str,
    required: bool,
    list: CodeList,
    other: impl Fn(&str) -> (String, Option<&'static str>),
) -> Option<String> {
    let CodeList { valid, what, check } = list;
    let s = o.string(r, name, required)?;
    if valid(s) {
        return Some(s.to_string());
    }
    let upper = s.trim().to_ascii_uppercase();
    let (fix, to) = if valid(&upper) {
        (format!("write it as \"{upper}\""), Some(upper.clone()))
    } else {
        let (msg, code) = other(&upper);
        (msg, code.map(str::to_string))
    };
    o.report(
        r,
        name,
        check,
        format!("{} is {}, not {what}; {fix}.", name, quote(s)),
    );
    if let Some(to) = to {
        r.fix(Fix::string(format!("Write \"{to}\""), &to));
    }
    None
}

/// The currencies an API takes (its dialect's), and how its messages name them.
pub struct Currencies {
    /// Sorted, for binary search.
    pub list: &'static [&'static str],
    /// "an ISO 4217 currency code".
    pub what: &'static str,
    /// What to send when the case is not the only slip.
    pub advice: &'static str,
}

impl Currencies {
    pub fn contains(&self, code: &str) -> bool {
        self.list.binary_search(&code).is_ok()
    }
}

/// ISO 4217, as Veeqo takes it.
pub const ISO_4217: Currencies = Currencies {
    list: super::iso_tables::CURRENCIES,
    what: "an ISO 4217 currency code",
    advice: "use a three-letter ISO 4217 code such as \"USD\"",
};

/// A currency from the object's dialect's list, e.g. "USD".
pub fn currency(o: &Obj, r: &mut Report, name: &str, required: bool) -> Option<String> {
    let currencies = o.entity.dialect.currencies;
    code_in_list(
        o,
        r,
        name,
        required,
        CodeList {
            valid: &|c| currencies.contains(c),
            what: currencies.what,
            check: Check::Invalid,
        },
        |_| (currencies.advice.to_string(), None),
    )
}

/// An ISO 3166-1 alpha-2 country code, e.g. "US". Veeqo's docs ask for one but do not
/// say a wrong one is refused; it breaks the shipping label, so it is a warning.
pub fn country_alpha2(o: &Obj, r: &mut Report, name: &str, required: bool) -> Option<String> {
    code_in_list(
        o,
        r,
        name,
        required,
        CodeList {
            valid: &iso::is_country_alpha2,
            what: "an ISO 3166-1 alpha-2 country code",
            check: Check::NotCountry,
        },
        |upper| match iso::alpha2_of(upper) {
            Some(a2) => (
                format!("this API takes two-letter codes: use \"{a2}\""),
                Some(a2),
            ),
            None => (
                "use a two-letter ISO 3166-1 code such as \"US\"".to_string(),
                None,
            ),
        },
    )
}

/// An ISO 3166-1 alpha-3 country code, e.g. "USA".
pub fn country_alpha3(o: &Obj, r: &mut Report, name: &str, required: bool) -> Option<String> {
    code_in_list(
        o,
        r,
        name,
        required,
        CodeList {
            valid: &iso::is_country_alpha3,
            what: "an ISO 3166-1 alpha-3 country code",
            check: Check::Invalid,
        },
        |upper| match iso::alpha3_of(upper) {
            Some(a3) => (
                format!("this API takes three-letter codes: use \"{a3}\""),
                Some(a3),
            ),
            None => (
                "use a three-letter ISO 3166-1 code such as \"USA\"".to_string(),
                None,
            ),
        },
    )
}

/// The one allowed value `s` spells differently only in case, spaces, hyphens or
/// underscores ("Fed Ex" for "FedEx", "shipped" for "SHIPPED"): a certain fix.
pub fn enum_spelling<'a>(s: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let norm = |x: &str| {
        x.chars()
            .filter(|c| !matches!(c, ' ' | '-' | '_'))
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let n = norm(s);
    let mut found = allowed.iter().filter(|a| norm(a) == n);
    match (found.next(), found.next()) {
        (Some(a), None) => Some(a),
        _ => None,
    }
}

/// A value from a spec enum. Case slips get the right spelling; near misses a suggestion.
pub fn enum_value<'v>(
    o: &Obj<'v>,
    r: &mut Report,
    name: &str,
    required: bool,
    allowed: &[&str],
) -> Option<&'v str> {
    let s = o.string(r, name, required)?;
    if allowed.contains(&s) {
        return Some(s);
    }
    o.report(r, name, Check::Invalid, enum_message(name, s, allowed));
    if let Some(right) = enum_spelling(s, allowed) {
        r.fix(Fix::string(format!("Write \"{right}\""), right));
    }
    None
}

/// "`what` is "x"; it must be one of A, B.{ Did you mean "A"?}"
pub fn enum_message(what: &str, s: &str, allowed: &[&str]) -> String {
    let hint = match allowed.iter().find(|a| a.eq_ignore_ascii_case(s)) {
        Some(a) => format!(" Values are case-sensitive: write \"{a}\"."),
        None => suggestion(s, allowed),
    };
    format!(
        "{what} is {}; it must be one of {}.{hint}",
        quote(s),
        allowed.join(", ")
    )
}

/// A string of `min..=max` characters (characters, not bytes).
pub fn text_len<'v>(
    o: &Obj<'v>,
    r: &mut Report,
    name: &str,
    required: bool,
    min: usize,
    max: usize,
) -> Option<&'v str> {
    let s = o.string(r, name, required)?;
    let n = s.chars().count();
    if n < min || n > max {
        let check = if n < min {
            Check::TooShort
        } else {
            Check::TooLong
        };
        o.report(
            r,
            name,
            check,
            format!("{} has {n} characters; it must have {min} to {max}.", name),
        );
        return None;
    }
    Some(s)
}

/// An RFC 3339 date-time in UTC (`Z` or `+00:00`), as the FeedAMP spec requires.
pub fn utc_datetime(o: &Obj, r: &mut Report, name: &str, required: bool) -> Option<DateTime> {
    let s = o.string(r, name, required)?;
    match parse_datetime(s) {
        Some(dt) if dt.zone == Zone::Utc => Some(dt),
        Some(dt) => {
            let why = match dt.zone {
                Zone::Missing => "has no time zone",
                _ => "is not in UTC",
            };
            o.report(
                r,
                name,
                Check::NotUtc,
                format!(
                    "{name} is {} and {why}; all times must be UTC, e.g. \"2026-05-01T23:52:01Z\".",
                    quote(s)
                ),
            );
            // An offset says which instant it is: the same instant in UTC is certain (with
            // no fraction of a second to lose). Without a zone, the instant is a guess.
            if matches!(dt.zone, Zone::Offset(_)) && !s.contains('.') {
                let utc = crate::datetime::format_utc(dt.epoch_seconds_new_york_default());
                r.fix(Fix::string(
                    format!("Write \"{utc}\", the same time in UTC"),
                    &utc,
                ));
            }
            None
        }
        None => {
            o.report(
                r,
                name,
                Check::Invalid,
                format!(
                    "{name} is {}, not an ISO 8601 date-time; use e.g. \"2026-05-01T23:52:01Z\".",
                    quote(s)
                ),
            );
            None
        }
    }
}

/// A plausible email: one `@` with text on both sides and a dot in the domain.
pub fn email(o: &Obj, r: &mut Report, name: &str, required: bool) {
    let Some(e) = o.string(r, name, required) else {
        return;
    };
    let ok = match e.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty() && domain.contains('.') && !domain.contains('@') && !e.contains(' ')
        }
        None => false,
    };
    if !ok {
        o.report(
            r,
            name,
            Check::NotEmail,
            format!("{name} {} does not look like an email address.", quote(e)),
        );
    }
}
