//! Veeqo's Rate Shopping API, the other road to Buy Shipping protection for an Amazon
//! order: get rates (`rates`), book the shipment (`booking`), then read the label and
//! documents (a `GET`, no body). `shapes` holds the tables; each kind's file only what a
//! table cannot say; `account` the cross-checks against the order in the account context.

pub mod account;
pub mod booking;
pub mod rates;
pub mod shapes;

/// The guide the Amazon rules come from, cited on the issues that enforce them.
pub const GUIDE: &str = "Veeqo guide: Shipping Amazon orders with the Rate Shopping API";
/// The reference page of the rates request.
pub const GET_RATES: &str = "Veeqo Rate Shopping API: Get rates";

/// The countries the reference's "US territory normalization" folds into `US` before it
/// compares the two addresses' countries: the US territories with an ISO 3166-1 code of
/// their own, which ISO 3166-2:US also lists as subdivisions of the US (American Samoa,
/// Guam, the Northern Mariana Islands, Puerto Rico, the Minor Outlying Islands, the US
/// Virgin Islands). The reference names no list; this is orderlint's reading of it.
pub const US_TERRITORIES: &[&str] = &["AS", "GU", "MP", "PR", "UM", "VI"];

/// A country code as the API compares it: upper case, a US territory as `US`.
pub fn normalized_country(code: &str) -> String {
    let up = code.trim().to_ascii_uppercase();
    if US_TERRITORIES.contains(&up.as_str()) {
        "US".into()
    } else {
        up
    }
}

/// Why a phone number cannot be made E.164 (`+`, then at most 15 digits), if it cannot:
/// the reference formats it, but only digits can be formatted.
pub fn phone_problem(phone: &str) -> Option<&'static str> {
    let p = phone.trim();
    if p.is_empty() {
        return None;
    }
    let body = p.strip_prefix('+').unwrap_or(p);
    if body
        .chars()
        .any(|c| !(c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')')))
    {
        return Some("it holds characters that are not digits (letters, an extension, a second +)");
    }
    let digits = body.bytes().filter(u8::is_ascii_digit).count();
    if digits > 15 {
        return Some("it has more than the 15 digits E.164 allows");
    }
    if digits < 7 {
        return Some("it has too few digits to be a whole phone number");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn territories_count_as_us() {
        assert_eq!(normalized_country("pr"), "US");
        assert_eq!(normalized_country("VI"), "US");
        assert_eq!(normalized_country("CA"), "CA");
    }

    #[test]
    fn phones() {
        assert_eq!(phone_problem("+13125551234"), None);
        assert_eq!(phone_problem("(312) 555-1234"), None);
        assert!(phone_problem("312-555-1234 ext 5").is_some());
        assert!(phone_problem("12345").is_some());
        assert!(phone_problem("+1234567890123456").is_some());
    }
}
