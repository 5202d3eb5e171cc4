//! Secrets as people see them: masked wherever a request, a response or an error is
//! shown or kept (previews, History, cURL, the Bulk journal and exports). One place, so
//! a body nested three levels deep is masked like a top-level one.

use serde_json::Value;

use super::{decode, encode};

/// Body, query and form fields whose values are secrets.
pub const SECRET_FIELDS: &[&str] = &[
    "client_secret",
    "refresh_token",
    "access_token",
    "id_token",
    "code_verifier",
    "api_key",
    "x-api-key",
    "authorization",
    "password",
];

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

fn is_secret(key: &str) -> bool {
    SECRET_FIELDS.iter().any(|s| s.eq_ignore_ascii_case(key))
}

/// `code` is a secret where it is OAuth's: beside a `grant_type` (the exchange) or a
/// `state` (the callback). Elsewhere it is an error code, shown as it is.
fn is_oauth_code(key: &str, siblings: &[String]) -> bool {
    key == "code" && siblings.iter().any(|k| k == "grant_type" || k == "state")
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
                let secret = is_secret(k) || is_oauth_code(k, &keys);
                match val {
                    Value::String(s) if secret => {
                        *s = mask(s);
                        changed = true;
                    }
                    other => changed |= mask_value(other),
                }
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
    form.split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) if is_secret(&decode(k)) || is_oauth_code(&decode(k), &keys) => {
                format!("{k}={}", encode(&mask(&decode(v))))
            }
            _ => pair.to_string(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// A URL with the secret values of its query masked (an OAuth callback's `code`, a key
/// someone put in a query).
pub fn mask_url(url: &str) -> String {
    match url.split_once('?') {
        Some((base, query)) => {
            let (query, fragment) = match query.split_once('#') {
                Some((q, f)) => (q, Some(f)),
                None => (query, None),
            };
            let masked = format!("{base}?{}", mask_form(query));
            match fragment {
                Some(f) => format!("{masked}#{f}"),
                None => masked,
            }
        }
        None => url.to_string(),
    }
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
}
