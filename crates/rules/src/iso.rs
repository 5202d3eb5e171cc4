//! ISO 4217 currencies and ISO 3166-1 countries.

use super::iso_tables::{COUNTRIES, COUNTRIES_BY_ALPHA3, CURRENCIES};

pub fn is_currency(code: &str) -> bool {
    CURRENCIES.binary_search(&code).is_ok()
}

pub fn is_country_alpha2(code: &str) -> bool {
    COUNTRIES
        .binary_search_by(|(a2, _)| (*a2).cmp(code))
        .is_ok()
}

pub fn is_country_alpha3(code: &str) -> bool {
    alpha2_of(code).is_some()
}

/// The alpha-2 code for an alpha-3 one ("USA" → "US").
pub fn alpha2_of(alpha3: &str) -> Option<&'static str> {
    COUNTRIES_BY_ALPHA3
        .binary_search_by(|(a3, _)| (*a3).cmp(alpha3))
        .ok()
        .map(|i| COUNTRIES_BY_ALPHA3[i].1)
}

/// The alpha-3 code for an alpha-2 one ("US" → "USA").
pub fn alpha3_of(alpha2: &str) -> Option<&'static str> {
    COUNTRIES
        .binary_search_by(|(a2, _)| (*a2).cmp(alpha2))
        .ok()
        .map(|i| COUNTRIES[i].1)
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
    }
}
