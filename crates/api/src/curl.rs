//! Copy as cURL: the exact request, secrets masked unless the user asks for them.

use super::{is_secret_header, mask, Request};

/// Single-quotes a word for a POSIX shell.
fn sh(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

pub fn to_curl(req: &Request, base: &str, reveal_secrets: bool) -> String {
    if let Some(why) = &req.refused {
        return format!("# not sent: {why}");
    }
    let mut out = format!("curl -X {} {}", req.method, sh(&req.url(base)));
    for (name, value) in &req.headers {
        let value = if is_secret_header(name) && !reveal_secrets {
            mask(value)
        } else {
            value.clone()
        };
        out.push_str(&format!(" \\\n  -H {}", sh(&format!("{name}: {value}"))));
    }
    if let Some(body) = &req.body {
        let body = if reveal_secrets {
            body.clone()
        } else {
            super::mask_body(body)
        };
        out.push_str(&format!(" \\\n  --data-raw {}", sh(&body)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Method;

    #[test]
    fn masks_unless_asked_and_quotes_safely() {
        let req = Request::new(Method::Post, "/orders")
            .header("x-api-key", "secret-key-123456")
            .json_body("{\"n\":\"it's\"}");
        let masked = to_curl(&req, "https://api.veeqo.com", false);
        assert!(!masked.contains("secret-key"), "{masked}");
        assert!(masked.contains("x-api-key: ••••3456"));
        assert!(
            masked.contains(r#"--data-raw '{"n":"it'\''s"}'"#),
            "{masked}"
        );
        assert!(to_curl(&req, "https://api.veeqo.com", true).contains("secret-key-123456"));
    }
}
