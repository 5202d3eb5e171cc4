//! The names of secrets, in one place: the API layer masks their values wherever they
//! are shown (`orderlint_api::mask`), and the rules warn of them in a pasted request's
//! URL (`request.secret_in_url`). Names are compared without regard to case.

/// Names whose values are secrets wherever they are: JSON at any depth, forms, URL
/// queries and fragments, free text. Lower case (free text is searched lower-cased).
pub const SECRET_FIELDS: &[&str] = &[
    "client_secret",
    "refresh_token",
    "access_token",
    "id_token",
    "code_verifier",
    "api_key",
    "apikey",
    "x-api-key",
    "authorization",
    "password",
];

/// Names whose values are secrets in a URL's query or fragment only (a key in `?key=`, a
/// token in `?token=`): in bodies and text they are ordinary words, a property's `key`.
pub const SECRET_IN_URL: &[&str] = &["key", "token"];

/// OAuth's authorization code, a secret until redeemed; but an error report's `code` is
/// just a code, so it is in neither list above (see [`is_oauth_code`]).
pub const OAUTH_CODE: &str = "code";

/// Whether a value under `name` is a secret wherever it is.
pub fn is_secret_field(name: &str) -> bool {
    SECRET_FIELDS.iter().any(|s| s.eq_ignore_ascii_case(name))
}

/// Whether a value under `name` in a URL's query or fragment is a secret its sender chose
/// to put there. Not [`OAUTH_CODE`]: the authorization server puts the code in the
/// callback's URL, so "send it in a header" would be wrong advice, and an exchange sent
/// in a URL is caught by its `client_secret` or `code_verifier` anyway.
pub fn is_secret_in_url(name: &str) -> bool {
    is_secret_field(name) || SECRET_IN_URL.iter().any(|s| s.eq_ignore_ascii_case(name))
}

/// Whether `name` among `siblings` (the names beside it) is OAuth's code: beside a
/// `grant_type` (the exchange) or a `state` (the callback). Elsewhere a `code` is an
/// error code, shown as it is.
pub fn is_oauth_code(name: &str, siblings: &[String]) -> bool {
    name == OAUTH_CODE && siblings.iter().any(|k| k == "grant_type" || k == "state")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_any_case() {
        for name in [
            "client_secret",
            "Client_Secret",
            "X-API-KEY",
            "Authorization",
        ] {
            assert!(is_secret_field(name), "{name}");
            assert!(is_secret_in_url(name), "{name}");
        }
        for name in ["key", "KEY", "token", "Token"] {
            assert!(is_secret_in_url(name), "{name}");
            assert!(
                !is_secret_field(name),
                "{name} is a plain word outside a URL"
            );
        }
        for name in ["code", "Code", "keyword", "tokens", "page", "state", ""] {
            assert!(!is_secret_in_url(name), "{name}");
            assert!(!is_secret_field(name), "{name}");
        }
    }

    #[test]
    fn the_lists_are_lower_case_and_apart() {
        for name in SECRET_FIELDS.iter().chain(SECRET_IN_URL) {
            assert_eq!(*name, name.to_ascii_lowercase());
        }
        assert!(!SECRET_IN_URL.iter().any(|n| is_secret_field(n)));
        assert!(!is_secret_in_url(OAUTH_CODE));
    }

    #[test]
    fn the_oauth_code_by_its_neighbours() {
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(is_oauth_code("code", &names(&["grant_type", "code"])));
        assert!(is_oauth_code("code", &names(&["code", "state"])));
        assert!(!is_oauth_code("code", &names(&["code", "message"])));
        assert!(!is_oauth_code("state", &names(&["code", "state"])));
    }
}
