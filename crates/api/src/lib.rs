//! API descriptions, sans-IO: each endpoint as a typed [`Request`] and a parser for its
//! [`Response`]. Nothing here does HTTP; the transport (in the browser), the sandbox and
//! the CLI's server all speak these two types.
//!
//! Long: those types, and the checks of a proxy base (refused, or the API itself) beside
//! `Request::url`, which joins it; half of it is their tests.

pub mod curl;
pub mod error;
pub mod feedamp;
mod mask;
pub mod pkce;
pub mod ratelimit;
pub mod retry;
pub mod veeqo;

pub use error::ApiError;
pub use mask::{mask, mask_body, mask_text, mask_url, SECRET_FIELDS};

use std::fmt;

/// Which of the two APIs a request is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Api {
    Veeqo,
    Feedamp,
}

impl Api {
    /// The ids a successful response hands on (the created channel, product, order…), each
    /// under the name later requests know it by.
    pub fn ids_from_response(self, body: &serde_json::Value) -> Vec<(&'static str, String)> {
        match self {
            Api::Veeqo => veeqo::ids_from_created(body),
            Api::Feedamp => feedamp::ids_from_response(body),
        }
    }

    /// The path prefix under which the proxy and `orderlint sandbox` serve this API.
    pub fn prefix(self) -> &'static str {
        match self {
            Api::Veeqo => "/veeqo",
            Api::Feedamp => "/feedamp",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    pub fn parse(s: &str) -> Option<Method> {
        Some(match s.to_ascii_uppercase().as_str() {
            "GET" => Method::Get,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "PATCH" => Method::Patch,
            "DELETE" => Method::Delete,
            _ => return None,
        })
    }

    /// Safe to send twice: only these are retried after a 5xx or a network error.
    pub fn is_idempotent_read(self) -> bool {
        self == Method::Get
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Header names whose values are secrets: masked in previews, history and cURL exports.
pub const SECRET_HEADERS: &[&str] = &["x-api-key", "authorization"];

pub fn is_secret_header(name: &str) -> bool {
    SECRET_HEADERS.iter().any(|s| s.eq_ignore_ascii_case(name))
}

/// `id` as one percent-encoded path segment, or why it cannot be one.
pub fn segment(id: &str) -> Result<String, String> {
    named_segment("the id in the request's path", id)
}

/// [`segment`] for an id the caller can name, so an empty one says which it is:
/// `name` such as "mp_return_number (the return's number in the path)". The one place
/// these reasons are written; the page shows them before Send, and the transport refuses.
pub fn named_segment(name: &str, id: &str) -> Result<String, String> {
    match orderlint_text::segment::problem(id) {
        None => Ok(encode(id)),
        Some(_) if id.is_empty() => Err(format!("{name} is empty")),
        Some(why) => Err(format!(
            "the id {id:?} {why}, so it could change the request's path"
        )),
    }
}

/// One HTTP request, relative to an API's base URL.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Request {
    pub method: Method,
    /// Path below the base URL, starting with `/`, segments already encoded.
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    /// Why this request must not be sent (an id that could change its path); the
    /// transport refuses it.
    pub refused: Option<String>,
}

impl Request {
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        Request {
            method,
            path: path.into(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            refused: None,
        }
    }

    /// A request to `path`, or, when one of its ids could change the path, one that is
    /// never sent and says why.
    pub fn to(method: Method, path: Result<String, String>) -> Self {
        match path {
            Ok(p) => Request::new(method, p),
            Err(why) => Request {
                refused: Some(why),
                ..Request::new(method, "/")
            },
        }
    }

    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.set_header(name, value);
        self
    }

    pub fn set_header(&mut self, name: &str, value: impl Into<String>) {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.headers.push((name.to_string(), value.into()));
    }

    pub fn json_body(mut self, body: impl Into<String>) -> Self {
        self.body = Some(body.into());
        self.header("Content-Type", "application/json")
    }

    pub fn query_param(mut self, name: &str, value: impl Into<String>) -> Self {
        self.query.push((name.to_string(), value.into()));
        self
    }

    pub fn get_header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Path and query, encoded: what goes after the base URL.
    pub fn target(&self) -> String {
        if self.query.is_empty() {
            return self.path.clone();
        }
        let q: Vec<String> = self
            .query
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        format!("{}?{}", self.path, q.join("&"))
    }

    /// The full URL below `base` (a trailing slash on `base` is ignored).
    pub fn url(&self, base: &str) -> String {
        format!("{}{}", base.trim_end_matches('/'), self.target())
    }

    /// Headers as shown to people: secrets masked.
    pub fn masked_headers(&self) -> Vec<(String, String)> {
        self.headers
            .iter()
            .map(|(n, v)| {
                let v = if is_secret_header(n) {
                    mask(v)
                } else {
                    v.clone()
                };
                (n.clone(), v)
            })
            .collect()
    }
}

/// One HTTP response, raw: parsers read it, nothing is thrown away.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn json(status: u16, body: &serde_json::Value) -> Self {
        Response {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.to_string(),
        }
    }

    /// The header set to `value`, in place of any of the same name (`Set-Cookie` alone
    /// may repeat): a second `Content-Type` would leave a client to guess which is meant.
    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Self {
        if !name.eq_ignore_ascii_case("set-cookie") {
            self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        }
        self.headers.push((name.to_string(), value.into()));
        self
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Why a proxy base URL cannot be used, or `None` when it can. Accepts absolute
/// `http(s)://host[:port][/path]` URLs and same-origin paths such as `/veeqo`.
pub fn base_url_problem(base: &str) -> Option<String> {
    let b = base.trim();
    if b.is_empty() {
        return Some("the proxy base URL is empty; set it in Settings (e.g. /veeqo or https://proxy.example.com/veeqo)".into());
    }
    // Browsers drop tabs and newlines from a URL and read `\` as `/`, so the base they
    // would send to may not be the one written: such characters are refused outright.
    if let Some((i, c)) = b
        .char_indices()
        .find(|&(_, c)| c.is_whitespace() || c.is_control())
    {
        let what = if c == ' ' {
            "a space"
        } else if c.is_control() {
            "a control character"
        } else {
            "an invisible space"
        };
        return Some(format!(
            "the proxy base URL has {what} (U+{:04X}) at character {}: remove it",
            u32::from(c),
            b[..i].chars().count() + 1
        ));
    }
    if b.replace('\\', "/").starts_with("//") {
        return Some(format!(
            "the proxy base URL \"{b}\" would send requests to another host: a path on this site starts with a single /, such as /veeqo"
        ));
    }
    if b.contains('\\') {
        return Some(format!(
            "the proxy base URL \"{b}\" has a backslash, which browsers read as /: write / instead, as in /veeqo or https://proxy.example.com/veeqo"
        ));
    }
    if b.contains(['?', '#']) {
        return Some(format!(
            "the proxy base URL \"{b}\" must not contain ? or #"
        ));
    }
    if b.starts_with('/') {
        return None;
    }
    let rest = b
        .strip_prefix("https://")
        .or_else(|| b.strip_prefix("http://"));
    match rest {
        Some(r) if !r.is_empty() && !r.starts_with('/') && !r.contains('@') => None,
        Some(r) if r.contains('@') => Some(
            "the proxy base URL must not carry credentials (user@host); put the key in Settings"
                .into(),
        ),
        _ => Some(format!(
            "the proxy base URL \"{b}\" must start with https://, http:// or /"
        )),
    }
}

/// Why a proxy base that is the API's own address will not do, or `None`. Such a base is
/// well formed (`base_url_problem` takes it, and requests are built), but the browser
/// refuses the API's answers to this page: the APIs send no CORS headers for it, which is
/// what the proxy adds. Veeqo's address is `veeqo.com` or under it; FeedAMP's is the
/// seller's FeedAMP domain, the host of the sign-in address (`sign_in`).
pub fn base_is_the_api(api: Api, base: &str, sign_in: &str) -> Option<String> {
    let b = base.trim();
    let host = host_of(b)?;
    let (whose, example) = match api {
        Api::Veeqo if host == "veeqo.com" || host.ends_with(".veeqo.com") => {
            ("Veeqo's API", "veeqo")
        }
        Api::Feedamp if host_of(sign_in).is_some_and(|s| s == host) => {
            ("FeedAMP itself (the sign-in address's host)", "feedamp")
        }
        _ => return None,
    };
    Some(format!(
        "\"{b}\" is {whose}, not a proxy: the browser will refuse its answers to this page (the API sends no CORS headers for it), so every Live request would fail. Enter the URL of your CORS proxy (README: \"Hosting the page and the proxy\"), e.g. https://proxy.example.com/{example}, or /{example} with scripts/run."
    ))
}

/// An absolute http(s) URL's host and port, lowercased, without a default port.
fn host_of(url: &str) -> Option<String> {
    let url = url.trim().to_ascii_lowercase();
    let (rest, default_port) = match url.strip_prefix("https://") {
        Some(r) => (r, ":443"),
        None => (url.strip_prefix("http://")?, ":80"),
    };
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = host.strip_suffix(default_port).unwrap_or(host);
    let host = host.trim_end_matches('.');
    (!host.is_empty()).then(|| host.to_string())
}

pub use orderlint_text::url::{decode, encode, parse_query};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_encoding() {
        let r = Request::new(Method::Get, "/channels")
            .query_param("page", "2")
            .query_param("q", "a b&c");
        assert_eq!(
            r.url("https://api.veeqo.com/"),
            "https://api.veeqo.com/channels?page=2&q=a%20b%26c"
        );
    }

    #[test]
    fn base_urls() {
        assert_eq!(base_url_problem("/veeqo"), None);
        assert_eq!(base_url_problem("https://proxy.example.com/veeqo/"), None);
        assert_eq!(base_url_problem("http://127.0.0.1:8080/veeqo"), None);
        assert_eq!(
            base_url_problem(" /veeqo "),
            None,
            "surrounding spaces are trimmed"
        );
        for bad in [
            "",
            "ftp://x",
            "https://",
            "https://k:s@host",
            "veeqo",
            "/x?key=1",
        ] {
            assert!(base_url_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn a_base_a_browser_reads_as_another_host() {
        for other_host in [
            "//evil.example/veeqo",
            "/\\evil.example/veeqo",
            "\\\\evil.example/veeqo",
            "\\/evil.example/veeqo",
        ] {
            assert_eq!(
                base_url_problem(other_host),
                Some(format!("the proxy base URL \"{other_host}\" would send requests to another host: a path on this site starts with a single /, such as /veeqo")),
            );
        }
        for backslash in [
            "\\veeqo",
            "/vee\\qo",
            "https:\\\\proxy.example.com/veeqo",
            "https://evil.example\\@proxy.example.com/veeqo",
        ] {
            assert_eq!(
                base_url_problem(backslash),
                Some(format!("the proxy base URL \"{backslash}\" has a backslash, which browsers read as /: write / instead, as in /veeqo or https://proxy.example.com/veeqo")),
            );
        }
    }

    #[test]
    fn a_base_with_a_character_a_browser_drops_or_no_one_sees() {
        for (base, said) in [
            (
                "/\t/evil.example",
                "a control character (U+0009) at character 2",
            ),
            ("/veeqo\n/x", "a control character (U+000A) at character 7"),
            ("/vee\u{7}qo", "a control character (U+0007) at character 5"),
            (
                "/vée\u{85}qo",
                "a control character (U+0085) at character 5",
            ),
            ("/a b", "a space (U+0020) at character 3"),
            ("/vee\u{a0}qo", "an invisible space (U+00A0) at character 5"),
        ] {
            assert_eq!(
                base_url_problem(base),
                Some(format!("the proxy base URL has {said}: remove it")),
                "{base:?}"
            );
        }
    }

    #[test]
    fn secrets_are_masked() {
        let r = Request::new(Method::Get, "/").header("x-api-key", "sk_live_1234567890abcd");
        assert_eq!(r.masked_headers()[0].1, "••••abcd");
        assert_eq!(mask("short"), "••••");
    }

    #[test]
    fn an_api_itself_is_no_proxy_base() {
        let said = |api, base: &str, sign_in: &str| base_is_the_api(api, base, sign_in);
        for veeqo in [
            "https://api.veeqo.com",
            "https://api.veeqo.com/",
            " HTTPS://API.Veeqo.com:443/v1 ",
            "http://veeqo.com",
        ] {
            let why = said(Api::Veeqo, veeqo, "").expect(veeqo);
            assert!(
                why.contains(
                    "is Veeqo's API, not a proxy: the browser will refuse its answers to this page"
                ),
                "{why}"
            );
            assert!(why.contains("https://proxy.example.com/veeqo"), "{why}");
        }
        for fine in [
            "/veeqo",
            "https://proxy.example.com/veeqo",
            "https://api.veeqo.com.proxy.example/veeqo",
            "https://notveeqo.com/",
            "https://api.veeqo.com:8443",
        ] {
            assert_eq!(said(Api::Veeqo, fine, ""), None, "{fine}");
        }
        let sign_in = "https://acme.feedamp.example/";
        let why = said(Api::Feedamp, "https://ACME.feedamp.example/api", sign_in).unwrap();
        assert!(
            why.contains("is FeedAMP itself (the sign-in address's host), not a proxy"),
            "{why}"
        );
        assert!(why.contains("/feedamp with scripts/run"), "{why}");
        assert_eq!(
            said(Api::Feedamp, "https://proxy.example.com/feedamp", sign_in),
            None
        );
        assert_eq!(said(Api::Feedamp, "/feedamp", sign_in), None);
        assert_eq!(
            said(Api::Feedamp, "https://acme.feedamp.example", ""),
            None,
            "no sign-in address: nothing to compare"
        );
        // Another port is another origin: the sandbox and a proxy on one machine.
        assert_eq!(
            said(
                Api::Feedamp,
                "http://127.0.0.1:8080/feedamp",
                "http://127.0.0.1:8787/feedamp"
            ),
            None
        );
    }
}
