//! One error type for every call: it keeps the raw body, so nothing the API said is lost.

use serde_json::Value;

use super::Response;

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The API answered with a non-2xx status.
    #[error("HTTP {status} {}{}", reason(*status), said(messages))]
    Http {
        status: u16,
        /// The messages found in the body, whatever its shape.
        messages: Vec<String>,
        body: String,
    },
    /// A 2xx answer whose body is not what the endpoint returns.
    #[error("unexpected response: {message}")]
    Parse { message: String, body: String },
    /// No answer: refused connection, DNS, CORS refusal, offline.
    #[error("network error: {0}")]
    Network(String),
    /// No answer in time.
    #[error("no response after {} s", after_ms / 1000)]
    Timeout { after_ms: u32 },
    /// The request was abandoned (its page went away).
    #[error("request cancelled")]
    Aborted,
    /// Not sent: something in Settings is missing or wrong, or there is no session (a
    /// request with this error never left the page, so it can go again later).
    #[error("not sent: {0}")]
    Setup(String),
    /// Sent and answered 401, then the session could not be renewed: the API refused the
    /// request (it did not take it in), and the seller must connect again.
    #[error("HTTP 401 Unauthorized, then {0}")]
    SessionEnded(String),
    /// Not sent, and never will be as it is: an id would change the request's path.
    #[error("not sent: {0}")]
    Refused(String),
    /// A web page answered where the API should have: no proxy there, or one that could
    /// not reach the API. Said plainly, never retried.
    #[error("{0}")]
    NoProxy(String),
    /// The API, or something in front of it, answered with a redirect, which is never
    /// followed: the key and the order would go wherever it points.
    #[error("{0}")]
    Redirected(String),
}

/// The header the proxy names an upstream's redirect with (its answer is a 502).
pub const REDIRECTED_TO: &str = "x-orderlint-redirected-to";

/// What the API said after its status line, if anything.
fn said(messages: &[String]) -> String {
    if messages.is_empty() {
        String::new()
    } else {
        format!(": {}", messages.join("; "))
    }
}

impl ApiError {
    /// What a web page answering where the API should have says: no proxy there (a static
    /// host's 404, 405 or 501 page), or a proxy that could not reach the API (its 502/504,
    /// or a bare 500/502/504 with no body at all, as a dev server's proxy answers).
    pub fn html_answer(resp: &Response, base: &str) -> Option<ApiError> {
        let html = resp
            .header("content-type")
            .is_some_and(|t| t.to_ascii_lowercase().starts_with("text/html"))
            || resp.body.trim_start().starts_with('<');
        // An API answers its errors with a body; a gateway that could not reach it may not.
        let bare_gateway = matches!(resp.status, 500 | 502..=504) && resp.body.trim().is_empty();
        // An API answers JSON; a page (even a 200: a host serving its index for any path)
        // means the request never reached it.
        if !html && !bare_gateway {
            return None;
        }
        let why = match resp.status {
            500 | 502..=504 => format!(
                "the proxy at {base} answered {} {} but could not reach the API: no network, DNS, a certificate it refused or a timeout (a deployed proxy's error log says which). Check this machine's connection and the proxy's upstream, or use the Sandbox (Settings)",
                resp.status,
                reason(resp.status)
            ),
            s => format!(
                "no proxy answered at {base}: the host sent a web page ({s}), not the API. Live mode needs the CORS proxy (README: \"Hosting the page and the proxy\"); set its URL in Settings"
            ),
        };
        Some(ApiError::NoProxy(why))
    }

    /// A redirect answered where the API should have: the browser's own (`to` unknown:
    /// the browser hides where a redirect points) or one the proxy stopped and named.
    pub fn redirected(to: Option<&str>) -> ApiError {
        let whence = match to {
            Some(to) => format!("a redirect to {}", crate::mask_url(to.trim())),
            None => "a redirect".into(),
        };
        ApiError::Redirected(format!(
            "not followed: the API (or something in front of it) answered with {whence}. orderlint follows no redirect, so the key and the payload went nowhere else. Check the proxy's upstream address: the API's own host answers without redirecting"
        ))
    }

    /// A redirect as an answer, if this is one: the proxy's 502 naming an upstream's, or
    /// a 3xx seen whole (the sandbox's, which the page reads without a browser between).
    pub fn redirect_answer(resp: &Response) -> Option<ApiError> {
        match resp.status {
            300..=399 => Some(ApiError::redirected(resp.header("location"))),
            502 => Some(ApiError::redirected(Some(resp.header(REDIRECTED_TO)?))),
            _ => None,
        }
    }
}

/// The standard reason phrase, for the few statuses these APIs use.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

/// Every message in an error body, across the shapes these APIs use:
/// `{"error_messages": [...]}`, `{"error_messages": "..."}`, `{"status": .., "error": ..}`,
/// JSON:API `{"errors": [{"title", "detail", "source": {"pointer"}}]}`, `{"message": ..}`,
/// and field maps `{"errors": {"field": ["msg"]}}`. Text that is not JSON is the message.
pub fn messages(body: &str) -> Vec<String> {
    let Ok(v) = serde_json::from_str::<Value>(body) else {
        let t = body.trim();
        return if t.is_empty() {
            vec![]
        } else {
            vec![t.chars().take(300).collect()]
        };
    };
    let mut out = Vec::new();
    collect(&v, None, &mut out);
    out
}

fn collect(v: &Value, field: Option<&str>, out: &mut Vec<String>) {
    let push = |out: &mut Vec<String>, m: &str| match field {
        Some(f) => out.push(format!("{f}: {m}")),
        None => out.push(m.to_string()),
    };
    match v {
        Value::String(s) => push(out, s),
        Value::Array(items) => items.iter().for_each(|i| collect(i, field, out)),
        Value::Object(m) => {
            if m.contains_key("title") || m.contains_key("detail") {
                // A JSON:API error object.
                let text = [m.get("title"), m.get("detail")]
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(": ");
                let at = m
                    .get("source")
                    .and_then(|s| s.get("pointer"))
                    .and_then(Value::as_str);
                match at {
                    Some(p) => out.push(format!("{text} (at {p})")),
                    None => push(out, &text),
                }
                return;
            }
            let mut found = false;
            for key in [
                "error_messages",
                "errors",
                "error",
                "error_description",
                "message",
            ] {
                if let Some(inner) = m.get(key) {
                    found = true;
                    collect(inner, field, out);
                }
            }
            if !found {
                // A field map: {"number": ["has already been taken"]}.
                for (k, inner) in m {
                    if k != "status" {
                        collect(inner, Some(k), out);
                    }
                }
            }
        }
        _ => {}
    }
}

impl ApiError {
    pub fn from_response(resp: &Response) -> ApiError {
        ApiError::Http {
            status: resp.status,
            messages: messages(&resp.body),
            body: resp.body.clone(),
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Http { status, .. } => Some(*status),
            ApiError::SessionEnded(_) => Some(401),
            _ => None,
        }
    }

    /// This error as it stands once the request was sent and answered 401: what would
    /// have stopped it before sending ("not sent") now means the session ended after.
    pub fn after_401(self) -> ApiError {
        match self {
            ApiError::Setup(m) => ApiError::SessionEnded(m),
            other => other,
        }
    }
}

/// A 2xx body parsed as JSON, or the error the response stands for.
pub fn json_body(resp: &Response) -> Result<Value, ApiError> {
    if !resp.is_success() {
        return Err(ApiError::from_response(resp));
    }
    if resp.body.trim().is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_str(&resp.body).map_err(|e| ApiError::Parse {
        message: format!("the body is not JSON ({e})"),
        body: resp.body.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_redirect_says_where_it_pointed_with_secrets_masked() {
        let resp = Response {
            status: 502,
            headers: vec![(
                "X-Orderlint-Redirected-To".into(),
                "https://elsewhere.example/orders?api_key=abcdef123456".into(),
            )],
            body: "The API answered with a redirect".into(),
        };
        let e = ApiError::redirect_answer(&resp).unwrap().to_string();
        assert!(
            e.contains("a redirect to https://elsewhere.example/orders"),
            "{e}"
        );
        assert!(!e.contains("abcdef123456"), "{e}");
        // A 502 without the header is the API's own answer.
        let plain = Response {
            status: 502,
            headers: vec![],
            body: String::new(),
        };
        assert_eq!(ApiError::redirect_answer(&plain), None);
        assert!(ApiError::redirected(None)
            .to_string()
            .starts_with("not followed: "));
        let moved = Response {
            status: 307,
            headers: vec![("Location".into(), "https://elsewhere.example/".into())],
            body: String::new(),
        };
        let e = ApiError::redirect_answer(&moved).unwrap().to_string();
        assert!(
            e.contains("a redirect to https://elsewhere.example/"),
            "{e}"
        );
    }

    #[test]
    fn every_error_shape() {
        assert_eq!(
            messages(r#"{"error_messages": ["Name can't be blank", "Short name is too long"]}"#),
            vec!["Name can't be blank", "Short name is too long"]
        );
        assert_eq!(
            messages(r#"{"error_messages": "Unauthorised"}"#),
            vec!["Unauthorised"]
        );
        assert_eq!(
            messages(r#"{"status": 404, "error": "Not Found"}"#),
            vec!["Not Found"]
        );
        assert_eq!(
            messages(
                r#"{"errors": [{"status": "415", "title": "Unsupported Media Type", "source": {"pointer": "/data"}}]}"#
            ),
            vec!["Unsupported Media Type (at /data)"]
        );
        assert_eq!(
            messages(r#"{"number": ["has already been taken"]}"#),
            vec!["number: has already been taken"]
        );
        assert_eq!(
            messages("<html>Bad Gateway</html>"),
            vec!["<html>Bad Gateway</html>"]
        );
        assert!(messages("").is_empty());
    }

    #[test]
    fn keeps_the_raw_body() {
        let resp = Response {
            status: 422,
            headers: vec![],
            body: "{\"error_messages\":\"x\"}".into(),
        };
        let err = json_body(&resp).unwrap_err();
        assert_eq!(err.to_string(), "HTTP 422 Unprocessable Entity: x");
        assert!(matches!(err, ApiError::Http { ref body, .. } if body.contains("error_messages")));
    }

    #[test]
    fn a_web_page_where_the_api_should_answer() {
        let page = |status: u16| Response {
            status,
            headers: vec![("Content-Type".into(), "text/html; charset=utf-8".into())],
            body: "<html><body>Not Implemented</body></html>".into(),
        };
        let bare = Response {
            status: 500,
            headers: vec![],
            body: String::new(),
        };
        let unreachable = ApiError::html_answer(&bare, "/veeqo").unwrap().to_string();
        assert!(
            unreachable.starts_with("the proxy at /veeqo answered 500 Internal Server Error but could not reach the API"),
            "{unreachable}"
        );
        assert!(unreachable.contains("Settings"), "one click from the fix");
        let api_500 = Response {
            status: 500,
            headers: vec![],
            body: r#"{"error": "boom"}"#.into(),
        };
        assert_eq!(
            ApiError::html_answer(&api_500, "/veeqo"),
            None,
            "the API's own 500"
        );
        let none = ApiError::html_answer(&page(501), "/veeqo")
            .unwrap()
            .to_string();
        assert!(
            none.starts_with(
                "no proxy answered at /veeqo: the host sent a web page (501), not the API."
            ),
            "{none}"
        );
        let index = ApiError::html_answer(&page(200), "/veeqo")
            .unwrap()
            .to_string();
        assert!(
            index.contains("(200)"),
            "a host serving its index for any path: {index}"
        );
        let gateway = ApiError::html_answer(&page(502), "https://p.example/veeqo")
            .unwrap()
            .to_string();
        assert!(
            gateway.starts_with(
                "the proxy at https://p.example/veeqo answered 502 Bad Gateway but could not reach the API"
            ),
            "{gateway}"
        );
        let api = Response::json(422, &serde_json::json!({"error_messages": ["x"]}));
        assert_eq!(
            ApiError::html_answer(&api, "/veeqo"),
            None,
            "the API answers JSON"
        );
    }
}
