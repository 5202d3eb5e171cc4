//! ISO 4217 currencies and ISO 3166-1 countries.

use super::iso_tables::{COUNTRIES, COUNTRIES_BY_ALPHA3, CURRENCIES};

pub fn is_currency(code: &str) -> bool {
    find(CURRENCIES, |c| c, code).is_some()
}

pub fn is_country_alpha2(code: &str) -> bool {
    find(COUNTRIES, |(a2, _)| a2, code).is_some()
}

pub fn is_country_alpha3(code: &str) -> bool {
    alpha2_of(code).is_some()
}

/// The alpha-2 code for an alpha-3 one ("USA" → "US").
pub fn alpha2_of(alpha3: &str) -> Option<&'static str> {
    find(COUNTRIES_BY_ALPHA3, |(a3, _)| a3, alpha3).map(|(_, a2)| *a2)
}

/// The alpha-3 code for an alpha-2 one ("US" → "USA").
pub fn alpha3_of(alpha2: &str) -> Option<&'static str> {
    find(COUNTRIES, |(a2, _)| a2, alpha2).map(|(_, a3)| *a3)
}

/// A binary search of a table sorted by its codes, comparing each code as one number
/// (codes are two or three ASCII letters; byte order is number order), not by `memcmp`.
fn find<T>(table: &'static [T], code_of: fn(&T) -> &&str, code: &str) -> Option<&'static T> {
    let want = as_number(code)?;
    table
        .binary_search_by(|row| as_number(code_of(row)).unwrap_or(0).cmp(&want))
        .ok()
        .map(|i| &table[i])
}

/// A code of up to four bytes as a big-endian number, so numbers sort as the codes do.
fn as_number(code: &str) -> Option<u32> {
    let b = code.as_bytes();
    (1..=3)
        .contains(&b.len())
        .then(|| b.iter().fold(0u32, |n, &c| n << 8 | u32::from(c)) << (8 * (4 - b.len())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_for_binary_search() {
        assert!(CURRENCIES.windows(2).all(|w| w[0] < w[1]));
        assert!(COUNTRIES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(COUNTRIES_BY_ALPHA3.windows(2).all(|w| w[0].0 < w[1].0));
        let mut flipped: Vec<(&str, &str)> = COUNTRIES_BY_ALPHA3
            .iter()
            .map(|(a3, a2)| (*a2, *a3))
            .collect();
        flipped.sort();
        assert_eq!(flipped, COUNTRIES, "the same pairs both ways");
    }

    #[test]
    fn lookups() {
        assert!(is_currency("USD") && is_currency("EUR") && !is_currency("usd"));
        assert!(!is_currency("XYZ"));
        assert!(is_country_alpha2("US") && !is_country_alpha2("USA"));
        assert!(is_country_alpha3("GBR"));
        assert_eq!(alpha2_of("USA"), Some("US"));
        assert_eq!(alpha3_of("DE"), Some("DEU"));
        // Every code is found by its number search, and nothing longer or empty.
        assert!(CURRENCIES.iter().all(|c| is_currency(c)));
        assert!(COUNTRIES
            .iter()
            .all(|(a2, a3)| alpha3_of(a2) == Some(a3) && alpha2_of(a3) == Some(a2)));
        assert!(!is_currency("USDX") && !is_currency("") && !is_country_alpha2("U"));
    }
}
