//! Field checks shared across APIs: currencies, countries, dates.

use super::datetime::{parse_date, parse_datetime, Zone};
use super::fields::Obj;
use super::iso;
use super::text::quote;
use super::Report;

/// A code from a fixed list; the fix names the right spelling when only case is off, or
/// what `other_fix` proposes.
fn code_in_list(
    o: &Obj,
    r: &mut Report,
    name: &str,
    required: bool,
    valid: fn(&str) -> bool,
    what: &str,
    other_fix: impl Fn(&str) -> String,
) -> Option<String> {
    let s = o.string(r, name, required)?;
    if valid(s) {
        return Some(s.to_string());
    }
    let upper = s.trim().to_ascii_uppercase();
    let fix = if valid(&upper) {
        format!("write it as \"{upper}\"")
    } else {
        other_fix(&upper)
    };
    r.error(
        o.at(name).as_str(),
        format!("{}.{name}.invalid", o.entity),
        format!("{} is {}, not {what}; {fix}.", o.at(name), quote(s)),
    );
    None
}

/// An ISO 4217 currency code, e.g. "USD".
pub fn currency(o: &Obj, r: &mut Report, name: &str, required: bool) -> Option<String> {
    code_in_list(
        o,
        r,
        name,
        required,
        iso::is_currency,
        "an ISO 4217 currency code",
        |_| "use a three-letter ISO 4217 code such as \"USD\"".to_string(),
    )
}

/// An ISO 3166-1 alpha-2 country code, e.g. "US".
pub fn country_alpha2(o: &Obj, r: &mut Report, name: &str, required: bool) -> Option<String> {
    code_in_list(
        o,
        r,
        name,
        required,
        iso::is_country_alpha2,
        "an ISO 3166-1 alpha-2 country code",
        |upper| match iso::alpha2_of(upper) {
            Some(a2) => format!("this API takes two-letter codes: use \"{a2}\""),
            None => "use a two-letter ISO 3166-1 code such as \"US\"".to_string(),
        },
    )
}

/// A calendar date `YYYY-MM-DD`, or a date-time; a date-time with no zone is a warning.
pub fn date_or_datetime(o: &Obj, r: &mut Report, name: &str, required: bool) {
    let Some(s) = o.string(r, name, required) else {
        return;
    };
    if parse_date(s).is_some() {
        return;
    }
    match parse_datetime(s) {
        Some(dt) if dt.zone == Zone::Missing => r.warn(
            o.at(name).as_str(),
            format!("{}.{name}.no_time_zone", o.entity),
            format!(
                "{} is {} with no time zone, so the server reads it in its own; add \"Z\" or an offset such as \"+00:00\".",
                o.at(name),
                quote(s)
            ),
        ),
        Some(_) => {}
        None => r.error(
            o.at(name).as_str(),
            format!("{}.{name}.invalid", o.entity),
            format!(
                "{} is {}, not a date; use YYYY-MM-DD such as \"2026-05-15\".",
                o.at(name),
                quote(s)
            ),
        ),
    }
}
