//! ISO 4217 currencies and ISO 3166-1 countries.

use super::iso_tables::{COUNTRIES, CURRENCIES};

pub fn is_currency(code: &str) -> bool {
    CURRENCIES.binary_search(&code).is_ok()
}

pub fn is_country_alpha2(code: &str) -> bool {
    COUNTRIES
        .binary_search_by(|(a2, _)| (*a2).cmp(code))
        .is_ok()
}

pub fn is_country_alpha3(code: &str) -> bool {
    COUNTRIES.iter().any(|(_, a3)| *a3 == code)
}

/// The alpha-2 code for an alpha-3 one ("USA" → "US").
pub fn alpha2_of(alpha3: &str) -> Option<&'static str> {
    COUNTRIES
        .iter()
        .find(|(_, a3)| *a3 == alpha3)
        .map(|(a2, _)| *a2)
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
