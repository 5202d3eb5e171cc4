//! A pasted request read into its parts: a cURL command (as Postman, Chrome's "Copy as
//! cURL" or orderlint itself write it) or a raw HTTP request. Shell words are split by
//! `shell-words`; Chrome's `$'…'` words are decoded first, since no shell-words crate
//! reads them.

use orderlint_text::url::parse_query;

/// A request as pasted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pasted {
    pub method: String,
    /// The URL as given (absolute, or a path for a raw request without `Host`).
    pub url: String,
    /// The URL's path, without its query.
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    /// What was pasted: `"cURL"` or `"HTTP"`.
    pub form: &'static str,
}

impl Pasted {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .rev()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Whether `text` is a request rather than a payload: a cURL command or an HTTP request line.
pub fn is_request(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with("curl ") || t.starts_with("curl\t") || request_line(first_line(t)).is_some()
}

/// Reads a pasted request; the error says what could not be read, and where.
pub fn read(text: &str) -> Result<Pasted, String> {
    let t = text.trim_start();
    if t.starts_with("curl") {
        curl(t)
    } else {
        http(t)
    }
}

fn first_line(t: &str) -> &str {
    t.lines().next().unwrap_or("").trim_end_matches('\r')
}

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// `POST /orders HTTP/1.1` → (method, target).
fn request_line(line: &str) -> Option<(&str, &str)> {
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next()?, parts.next()?);
    let version = parts.next();
    let ok = METHODS.contains(&method)
        && (target.starts_with('/') || target.starts_with("http"))
        && version.is_none_or(|v| v.starts_with("HTTP/"))
        && parts.next().is_none();
    ok.then_some((method, target))
}

fn http(t: &str) -> Result<Pasted, String> {
    let t = t.replace("\r\n", "\n");
    let (head, body) = match t.split_once("\n\n") {
        Some((h, b)) => (h, Some(b)),
        None => (t.as_str(), None),
    };
    let mut lines = head.lines();
    let line = lines.next().unwrap_or("");
    let (method, target) = request_line(line).ok_or_else(|| {
        format!("line 1 is not a request line such as \"POST /orders HTTP/1.1\": {line:?}")
    })?;
    let mut headers = Vec::new();
    for (i, l) in lines.enumerate() {
        let (name, value) = l
            .split_once(':')
            .ok_or_else(|| format!("line {} is not a header (name: value): {l:?}", i + 2))?;
        headers.push((name.trim().to_string(), value.trim().to_string()));
    }
    let url = match headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("host")) {
        Some((_, host)) if target.starts_with('/') => format!("https://{host}{target}"),
        _ => target.to_string(),
    };
    let body = body.map(str::trim_end).filter(|b| !b.is_empty());
    Ok(pasted(
        method.to_string(),
        url,
        headers,
        body.map(str::to_string),
        "HTTP",
    ))
}

fn curl(t: &str) -> Result<Pasted, String> {
    let words = shell_words::split(&ansi_c(t)?)
        .map_err(|e| format!("the cURL command cannot be split into words: {e}"))?;
    let mut it = words.into_iter().skip(1);
    let (mut method, mut url) = (None, None);
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut data: Vec<String> = Vec::new();
    let mut get = false;
    let mut json = false;
    while let Some(w) = it.next() {
        let mut value = |flag: &str| {
            it.next()
                .ok_or_else(|| format!("{flag} is the last word: it needs a value"))
        };
        match w.as_str() {
            "-X" | "--request" => method = Some(value(&w)?),
            "-H" | "--header" => {
                let h = value(&w)?;
                let (n, v) = h
                    .split_once(':')
                    .ok_or_else(|| format!("the header {h:?} has no colon"))?;
                headers.push((n.trim().to_string(), v.trim().to_string()));
            }
            "-d" | "--data" | "--data-raw" | "--data-binary" | "--data-ascii" => {
                data.push(value(&w)?)
            }
            "--json" => {
                data.push(value(&w)?);
                json = true;
            }
            "--url" => url = Some(value(&w)?),
            "-G" | "--get" => get = true,
            "-u" | "--user" => {
                value(&w)?;
                headers.push(("Authorization".into(), "Basic (from -u)".into()));
            }
            // Flags that take a value but do not change the request.
            "-o" | "--output" | "-m" | "--max-time" | "--connect-timeout" | "-A"
            | "--user-agent" | "-e" | "--referer" | "-b" | "--cookie" | "--proxy" | "-x" => {
                value(&w)?;
            }
            f if f.starts_with("--data-urlencode") => {
                return Err("--data-urlencode is not read: give the body as --data".into())
            }
            f if f.starts_with('-') && f.len() > 1 => {} // -s, -i, -L, --compressed, -k, …
            _ if url.is_none() => url = Some(w),
            other => {
                return Err(format!(
                    "a second URL, {other:?}: paste one request at a time"
                ))
            }
        }
    }
    let url = url.ok_or("the cURL command has no URL")?;
    if json {
        for (n, v) in [
            ("Content-Type", "application/json"),
            ("Accept", "application/json"),
        ] {
            if !headers.iter().any(|(h, _)| h.eq_ignore_ascii_case(n)) {
                headers.push((n.into(), v.into()));
            }
        }
    }
    let body = (!data.is_empty()).then(|| data.join("&"));
    if body.is_some()
        && !json
        && !headers
            .iter()
            .any(|(h, _)| h.eq_ignore_ascii_case("content-type"))
    {
        // What curl sends with -d unless told otherwise.
        headers.push((
            "Content-Type".into(),
            "application/x-www-form-urlencoded".into(),
        ));
    }
    let (method, url, body) = match (get, body) {
        (true, Some(b)) => {
            let sep = if url.contains('?') { '&' } else { '?' };
            (
                method.unwrap_or("GET".into()),
                format!("{url}{sep}{b}"),
                None,
            )
        }
        (_, b) => {
            let m = method.unwrap_or_else(|| if b.is_some() { "POST" } else { "GET" }.into());
            (m, url, b)
        }
    };
    Ok(pasted(
        method.to_ascii_uppercase(),
        url,
        headers,
        body,
        "cURL",
    ))
}

fn pasted(
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: Option<String>,
    form: &'static str,
) -> Pasted {
    let after_host = match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => url.as_str(),
    };
    let (path, query) = after_host.split_once('?').unwrap_or((after_host, ""));
    let path = path.split('#').next().unwrap_or("").to_string();
    Pasted {
        method,
        query: parse_query(query.split('#').next().unwrap_or("")),
        path,
        url,
        headers,
        body,
        form,
    }
}

/// Chrome writes a body holding quotes or line breaks as `$'…'` (bash's ANSI-C quoting):
/// each such word is decoded and written again in single quotes, which shell-words reads.
fn ansi_c(t: &str) -> Result<String, String> {
    if !t.contains("$'") {
        return Ok(t.to_string());
    }
    let mut out = String::with_capacity(t.len());
    let mut chars = t.chars().peekable();
    let (mut single, mut double) = (false, false);
    while let Some(c) = chars.next() {
        match c {
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '\\' if !single => {
                out.push(c);
                if let Some(n) = chars.next() {
                    out.push(n);
                }
                continue;
            }
            '$' if !single && !double && chars.peek() == Some(&'\'') => {
                chars.next();
                let mut word = String::new();
                loop {
                    match chars.next() {
                        None => return Err("a $'…' word is not closed".into()),
                        Some('\'') => break,
                        Some('\\') => word.push(escape(&mut chars)?),
                        Some(ch) => word.push(ch),
                    }
                }
                out.push('\'');
                out.push_str(&word.replace('\'', r"'\''"));
                out.push('\'');
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    Ok(out)
}

/// One escape of a `$'…'` word, after its backslash.
fn escape(chars: &mut std::iter::Peekable<std::str::Chars>) -> Result<char, String> {
    let hex = |chars: &mut std::iter::Peekable<std::str::Chars>, max: usize| {
        let mut s = String::new();
        while s.len() < max && chars.peek().is_some_and(char::is_ascii_hexdigit) {
            s.extend(chars.next());
        }
        u32::from_str_radix(&s, 16)
            .ok()
            .and_then(char::from_u32)
            .ok_or_else(|| format!("a $'…' word has a bad escape \\{s}"))
    };
    Ok(match chars.next() {
        Some('n') => '\n',
        Some('t') => '\t',
        Some('r') => '\r',
        Some('x') => hex(chars, 2)?,
        Some('u') => hex(chars, 4)?,
        Some('U') => hex(chars, 8)?,
        Some(c) => c, // \\ \' \" and the rest stand for themselves
        None => return Err("a $'…' word ends in a backslash".into()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_specs_own_curl_sample() {
        let p = read("curl -X POST \"https://DOMAIN/access_token\" \\\n-H \"Content-Type: application/x-www-form-urlencoded\" \\\n-d \"grant_type=authorization_code&code=AUTH_CODE&client_id=CLIENT_ID&client_secret=CLIENT_SECRET\"").unwrap();
        assert_eq!(
            (p.method.as_str(), p.path.as_str()),
            ("POST", "/access_token")
        );
        assert_eq!(
            p.header("content-type"),
            Some("application/x-www-form-urlencoded")
        );
        assert!(p
            .body
            .unwrap()
            .starts_with("grant_type=authorization_code&code="));
    }

    #[test]
    fn reads_chromes_ansi_c_words_and_curls_defaults() {
        let p = read("curl 'https://api.veeqo.com/orders?x=1' -H 'x-api-key: k' --data-raw $'{\"note\":\"it\\'s\\n\\u00e9\"}' --compressed").unwrap();
        assert_eq!(p.method, "POST", "a body makes curl POST");
        assert_eq!(p.body.as_deref(), Some("{\"note\":\"it's\n\u{e9}\"}"));
        assert_eq!(p.query, vec![("x".to_string(), "1".to_string())]);
        assert_eq!(
            p.header("Content-Type"),
            Some("application/x-www-form-urlencoded")
        );
        let g = read("curl -G https://h/orders -d page_size=20").unwrap();
        assert_eq!((g.method.as_str(), g.body.as_deref()), ("GET", None));
        assert_eq!(g.query, vec![("page_size".to_string(), "20".to_string())]);
    }

    #[test]
    fn reads_a_raw_http_request() {
        let p = read("PUT /orders/600A HTTP/1.1\r\nHost: feedamp.example.com\r\nAuthorization: Bearer t\r\n\r\n{\"a\":1}\r\n").unwrap();
        assert_eq!(p.url, "https://feedamp.example.com/orders/600A");
        assert_eq!(p.body.as_deref(), Some("{\"a\":1}"));
        assert!(is_request("GET /orders HTTP/1.1"));
        assert!(!is_request("{\"order\": {}}"));
    }

    #[test]
    fn says_what_it_cannot_read() {
        assert_eq!(
            read("curl -H").unwrap_err(),
            "-H is the last word: it needs a value"
        );
        assert!(read("curl 'https://h")
            .unwrap_err()
            .contains("missing closing quote"));
        assert_eq!(
            read("curl -X POST").unwrap_err(),
            "the cURL command has no URL"
        );
        assert!(read("POST /x HTTP/1.1\nnot a header")
            .unwrap_err()
            .contains("line 2"));
    }
}
