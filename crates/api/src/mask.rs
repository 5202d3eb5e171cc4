//! Secrets as people see them: masked wherever a request, a response or an error is
//! shown or kept (previews, History, cURL, the Bulk journal and exports). One place, so
//! a body nested three levels deep is masked like a top-level one.

use serde_json::Value;

use super::{decode, encode};

// The names live in orderlint-text, which the rules read too; re-exported as before.
pub use orderlint_text::secrets::SECRET_FIELDS;
use orderlint_text::secrets::{is_oauth_code, is_secret_field, is_secret_in_url, OAUTH_CODE};

/// What a masked secret shows: enough to tell two keys apart, not enough to use one.
pub fn mask(secret: &str) -> String {
    let n = secret.chars().count();
    if n <= 8 {
        "••••".to_string()
    } else {
        let tail: String = secret.chars().skip(n - 4).collect();
        format!("••••{tail}")
    }
}

/// A body as people see it: in JSON, every secret field at any depth (and echoes inside
/// text values); in a form body,
/// every secret pair; in other text, `name=value` and `"name": "value"` echoes.
pub fn mask_body(body: &str) -> String {
    if let Ok(mut v) = serde_json::from_str::<Value>(body) {
        return if mask_value(&mut v) {
            v.to_string()
        } else {
            body.to_string()
        };
    }
    if body.contains('=') && !body.contains(char::is_whitespace) {
        return mask_form(body);
    }
    mask_text(body)
}

/// Masks secret fields under `v`; true when something was masked.
fn mask_value(v: &mut Value) -> bool {
    match v {
        Value::Object(m) => {
            let keys: Vec<String> = m.keys().cloned().collect();
            let mut changed = false;
            for (k, val) in m.iter_mut() {
                if !(is_secret_field(k) || is_oauth_code(k, &keys)) {
                    changed |= mask_value(val);
                    continue;
                }
                // Whatever a secret field holds may be the secret or echo it (a failed
                // answer's `{"access_token": ["… is expired"]}`); null holds nothing.
                *val = match val {
                    Value::Null => continue,
                    Value::String(s) => Value::String(mask(s)),
                    _ => Value::String(mask("")),
                };
                changed = true;
            }
            changed
        }
        Value::Array(items) => items.iter_mut().fold(false, |c, i| mask_value(i) | c),
        // Text that echoes a secret ("invalid refresh_token=…").
        Value::String(s) => {
            let masked = mask_text(s);
            let changed = masked != *s;
            *s = masked;
            changed
        }
        _ => false,
    }
}

/// `a=1&client_secret=…`: each secret pair's value masked, the rest as written.
fn mask_form(form: &str) -> String {
    let keys: Vec<String> = form
        .split('&')
        .map(|p| decode(p.split('=').next().unwrap_or("")))
        .collect();
    mask_pairs(form, |k| is_secret_field(k) || is_oauth_code(k, &keys))
}

/// The pairs of a form or query whose (decoded) name is `secret` have their value masked.
fn mask_pairs(pairs: &str, secret: impl Fn(&str) -> bool) -> String {
    pairs
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) if secret(&decode(k)) => format!("{k}={}", encode(&mask(&decode(v)))),
            _ => pair.to_string(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// A URL as people see it: the credentials before its host (`user:key@`), and the
/// secret values of its query and fragment (a key put in `?key=`, an OAuth callback's
/// `code`, an implicit grant's `#access_token=`) masked.
pub fn mask_url(url: &str) -> String {
    let (rest, fragment) = match url.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (url, None),
    };
    let (base, query) = match rest.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (rest, None),
    };
    let mut out = mask_userinfo(base);
    for (sep, part) in [('?', query), ('#', fragment)] {
        if let Some(p) = part {
            out.push(sep);
            // Any `code` in a URL shown is masked, OAuth's or not: a callback's may still be
            // redeemable, and hiding an error code costs a reader little.
            out.push_str(&mask_pairs(p, |k| {
                is_secret_in_url(k) || k.eq_ignore_ascii_case(OAUTH_CODE)
            }));
        }
    }
    out
}

/// `https://user:key@host/…` with the password masked; with no password
/// (`https://key@host`, `key:@host`), the user, which is then the key.
fn mask_userinfo(base: &str) -> String {
    let start = base.find("://").map_or(0, |i| i + 3);
    let authority = base[start..].split('/').next().unwrap_or("");
    let Some(at) = authority.rfind('@') else {
        return base.to_string();
    };
    let masked = |s: &str| encode(&mask(&decode(s)));
    let info = match authority[..at].split_once(':') {
        Some((user, pass)) if !pass.is_empty() => format!("{user}:{}", masked(pass)),
        Some((user, _)) => format!("{}:", masked(user)),
        None => masked(&authority[..at]),
    };
    format!("{}{info}{}", &base[..start], &base[start + at..])
}

/// Free text (an API's error message, which may echo what it was sent): the value after
/// `name=`, `name: ` or `"name": "` masked for every secret name.
pub fn mask_text(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for name in SECRET_FIELDS {
        let mut from = 0;
        while let Some(i) = lower[from..].find(name) {
            let key_end = from + i + name.len();
            from = key_end;
            let rest = &text[key_end..];
            let skip = rest
                .char_indices()
                .find(|(_, c)| !matches!(c, '"' | '\'' | ':' | '=' | ' '))
                .map_or(rest.len(), |(j, _)| j);
            let sep = &rest[..skip];
            if !(sep.contains('=') || sep.contains(':')) {
                continue;
            }
            let start = key_end + skip;
            let word_end = |from: usize| {
                from + text[from..]
                    .find(|c: char| {
                        c.is_whitespace() || matches!(c, '"' | '\'' | '&' | ',' | ';' | '}')
                    })
                    .unwrap_or(text.len() - from)
            };
            let mut end = word_end(start);
            // "Authorization: Bearer <token>": the scheme is not the secret, the next word is.
            let scheme = &lower[start..end];
            if (scheme == "bearer" || scheme == "basic") && text[end..].starts_with(' ') {
                end = word_end(end + 1);
            }
            let len = end - start;
            if len > 0 {
                spans.push((start, start + len));
            }
        }
    }
    if spans.is_empty() {
        return text.to_string();
    }
    spans.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (s, e) in spans {
        if s < at {
            continue;
        }
        out.push_str(&text[at..s]);
        out.push_str(&mask(&text[s..e]));
        at = e;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_and_top_level_json() {
        let form = "grant_type=refresh_token&refresh_token=rt_0123456789&client_id=c&client_secret=s3cr3t-value";
        let m = mask_body(form);
        assert!(
            !m.contains("rt_0123456789") && !m.contains("s3cr3t-value"),
            "{m}"
        );
        assert!(m.contains("client_id=c") && m.contains("grant_type=refresh_token"));
        let json = r#"{"access_token":"at_secret_123456","token_type":"Bearer","expires_in":3600}"#;
        assert!(!mask_body(json).contains("at_secret_123456"));
        assert_eq!(mask_body("{\"order\": 1}"), "{\"order\": 1}");
        assert_eq!(mask_body("not json at all"), "not json at all");
    }

    #[test]
    fn at_any_depth_and_in_arrays() {
        let json = r#"{"data": [{"auth": {"refresh_token": "rt_nested_0123456789"}}, {"x": [{"client_secret": "deep-secret-value"}]}]}"#;
        let m = mask_body(json);
        assert!(
            !m.contains("rt_nested_0123456789") && !m.contains("deep-secret-value"),
            "{m}"
        );
        assert!(m.contains("••••6789") && m.contains("••••alue"), "{m}");
    }

    #[test]
    fn the_oauth_code_but_not_an_error_code() {
        let exchange = r#"{"grant_type": "authorization_code", "code": "oauth-code-0123456", "client_id": "c"}"#;
        assert!(!mask_body(exchange).contains("oauth-code-0123456"));
        let form = "grant_type=authorization_code&code=oauth-code-0123456&client_id=c";
        assert!(!mask_body(form).contains("oauth-code-0123456"));
        let errors = r#"[{"code": "INVALID_TRACKING_NUMBER", "message": "m"}]"#;
        assert_eq!(mask_body(errors), errors);
        let callback = "https://app.example/feedamp/callback?code=oauth-code-0123456&state=s#x";
        assert_eq!(mask_url(callback), "https://app.example/feedamp/callback?code=%E2%80%A2%E2%80%A2%E2%80%A2%E2%80%A23456&state=s#x");
        assert_eq!(
            mask_url("https://a.example/orders?page=2"),
            "https://a.example/orders?page=2"
        );
    }

    #[test]
    fn echoes_in_free_text() {
        assert_eq!(
            mask_text("invalid refresh_token=rt_0123456789abc for client c"),
            "invalid refresh_token=••••9abc for client c"
        );
        assert_eq!(
            mask_text(r#"bad request: {"client_secret": "s3cr3t-value-1", "x": 1}"#),
            r#"bad request: {"client_secret": "••••ue-1", "x": 1}"#
        );
        assert_eq!(
            mask_text("sent Authorization: Bearer at_0123456789abcdef, refused"),
            "sent Authorization: ••••cdef, refused"
        );
        assert_eq!(mask_text("Order 999 not found"), "Order 999 not found");
    }

    /// The masked form of a secret as a URL carries it.
    fn in_url(secret: &str) -> String {
        encode(&mask(secret))
    }

    #[test]
    fn every_secret_query_parameter_in_any_case() {
        for name in [
            "apikey",
            "ApiKey",
            "key",
            "KEY",
            "token",
            "Token",
            "access_token",
            "api_key",
            "client_secret",
            "code",
            "Code",
            "refresh_token",
            "x-api-key",
        ] {
            let url = format!("https://api.example/orders?page=2&{name}=sk_live_0123456789&q=a");
            assert_eq!(
                mask_url(&url),
                format!(
                    "https://api.example/orders?page=2&{name}={}&q=a",
                    in_url("sk_live_0123456789")
                ),
                "{name}"
            );
        }
        assert_eq!(
            mask_url("https://api.example/orders?keyword=shoes&tokens=3#top"),
            "https://api.example/orders?keyword=shoes&tokens=3#top",
            "names that only begin like a secret's"
        );
    }

    #[test]
    fn an_implicit_grants_fragment() {
        assert_eq!(
            mask_url("https://app.example/cb#access_token=at_0123456789&token_type=Bearer"),
            format!(
                "https://app.example/cb#access_token={}&token_type=Bearer",
                in_url("at_0123456789")
            )
        );
    }

    #[test]
    fn credentials_before_the_host() {
        assert_eq!(
            mask_url("https://user:sk_live_0123456789@api.example/orders?page=2"),
            format!(
                "https://user:{}@api.example/orders?page=2",
                in_url("sk_live_0123456789")
            )
        );
        for (url, user) in [
            ("https://sk_live_0123456789@api.example/", ""),
            ("https://sk_live_0123456789:@api.example/", ":"),
        ] {
            assert_eq!(
                mask_url(url),
                format!(
                    "https://{}{user}@api.example/",
                    in_url("sk_live_0123456789")
                ),
                "{url}"
            );
        }
        // cURL takes a URL without its scheme.
        assert_eq!(
            mask_url("me:s3cr3t-value@api.example/x"),
            format!("me:{}@api.example/x", in_url("s3cr3t-value"))
        );
        for kept in [
            "https://api.example/orders?email=a@b.example",
            "/veeqo/orders/a@b",
            "https://api.example:8443/orders",
        ] {
            assert_eq!(mask_url(kept), kept, "no credentials in {kept}");
        }
    }

    #[test]
    fn whatever_a_secret_field_holds() {
        let answer = r#"{"errors": {"access_token": ["at_0123456789 is expired"], "refresh_token": {"value": "rt_0123456789"}, "client_secret": 123456789012, "password": true, "id_token": null}, "code": "x"}"#;
        let m: Value = serde_json::from_str(&mask_body(answer)).unwrap();
        assert_eq!(
            m,
            serde_json::json!({"errors": {"access_token": "••••", "refresh_token": "••••", "client_secret": "••••", "password": "••••", "id_token": null}, "code": "x"})
        );
    }
}
