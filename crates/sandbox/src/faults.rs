//! Real servers' unkindness, switched on by tests: a 429, a 5xx (an HTML page when a
//! gateway would send one), a redirect, an OAuth error, a late answer or a body of the
//! test's own, given in the API's place to the next `times` requests that match (or, with
//! `reach`, given after the API has handled the request); the unkind mode's turns
//! (`unkind.rs`); and a count of the requests that reached the API. Controlled under each
//! API's prefix: `/_sandbox/faults`, `/_sandbox/unkind`, `/_sandbox/requests`.
//!
//! Long: each field of a control body is checked and named when wrong (a test's typo must
//! not pass as a fault that never fires), and the tests pin every one of those messages.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::unkind::{Turns, Unkind};
use orderlint_api::{Api, Method, Request, Response};

/// On a response: how long its transport waits before answering. The core cannot sleep, so
/// the transports (`http.rs`, the page's worker) take the header off ([`take_delay`]) and wait.
pub const DELAY_HEADER: &str = "X-Sandbox-Delay-Ms";
pub const MAX_DELAY_MS: u64 = 30_000;
/// Faults scheduled at once (a test needs a handful).
pub const MAX_FAULTS: usize = 1000;
/// Distinct `METHOD path` keys counted; later new ones, and longer paths, count as [`OTHER`],
/// so a client inventing paths cannot grow the sandbox's memory.
pub const MAX_COUNTED: usize = 10_000;
const MAX_COUNTED_PATH: usize = 256;
pub const OTHER: &str = "(other)";
const MAX_RETRY_AFTER_S: u64 = 86_400;

/// The sandbox's own controls: never faulted, never counted.
const CONTROLS: &str = "/_sandbox/";
const FAULTS: &str = "/_sandbox/faults";
const REQUESTS: &str = "/_sandbox/requests";
const UNKIND: &str = "/_sandbox/unkind";

const FIELDS: &[&str] = &[
    "method",
    "path",
    "times",
    "status",
    "retry_after_s",
    "redirect",
    "oauth_error",
    "delay_ms",
    "reach",
    "body",
];
const ERROR_STATUSES: &[u16] = &[429, 500, 502, 503, 504];
const REDIRECT_STATUSES: &[u16] = &[301, 302, 303, 307, 308];
/// Each OAuth error with its usual status and description (RFC 6749 §5.2).
const OAUTH_ERRORS: &[(&str, u16, &str)] = &[
    (
        "invalid_grant",
        400,
        "The refresh token or code is invalid, expired or revoked",
    ),
    ("invalid_client", 401, "Client authentication failed"),
    (
        "temporarily_unavailable",
        503,
        "The authorization server is temporarily unable to handle the request",
    ),
];
const OAUTH_STATUSES: &[u16] = &[400, 401, 503];

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Fault {
    method: Option<Method>,
    /// Below the API's prefix, without a query string; a prefix when it ends in `*`.
    path: String,
    /// How many more requests it answers.
    times: u32,
    delay_ms: u64,
    pub(crate) answer: Answer,
    /// The API handles the request first (its state changes), then this answer replaces its
    /// own: a gateway that gave up after the upstream committed.
    reach: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Answer {
    /// The API's own answer, `delay_ms` late.
    Api,
    /// The API's own error shape, with this status and message (unkind mode's).
    ApiError(u16, &'static str),
    /// Exactly this body, as JSON, with this status: an answer that drifts from the
    /// documented shape.
    Body {
        status: u16,
        body: Value,
        retry_after_s: Option<u64>,
    },
    Error {
        status: u16,
        retry_after_s: Option<u64>,
        oauth_error: Option<&'static str>,
    },
    Redirect {
        location: String,
        status: u16,
    },
}

/// One API's scheduled faults, unkind mode and request counts.
#[derive(Debug, Default)]
pub struct Faults {
    scheduled: Vec<Fault>,
    unkind: Turns,
    counts: BTreeMap<String, u64>,
}

impl Faults {
    /// Answers `req`: a control endpoint, a fault in the API's place, or `api_answer`.
    pub fn handle(
        &mut self,
        api: Api,
        req: &Request,
        api_answer: impl FnOnce() -> Response,
    ) -> Response {
        let path = req.path.split('?').next().unwrap_or("");
        match path {
            FAULTS => return self.control_faults(api, req),
            REQUESTS => return self.control_requests(api, req),
            UNKIND => return self.control_unkind(api, req),
            _ if path.starts_with(CONTROLS) => return api_answer(),
            _ => {}
        }
        // A scheduled fault first; the unkind mode counts only the requests it leaves.
        let fault = match self.take(req.method, path) {
            Some(f) => Some(f),
            None => self.unkind.fault(api, req),
        };
        let delay_ms = fault.as_ref().map_or(0, |f| f.delay_ms);
        let reach = fault.as_ref().is_some_and(|f| f.reach);
        let resp = match fault.and_then(|f| f.answer.response(api)) {
            Some(resp) if reach => {
                self.count(req.method, path);
                // Handled, and its answer lost on the way back.
                let _ = api_answer();
                resp
            }
            Some(resp) => resp,
            None => {
                self.count(req.method, path);
                api_answer()
            }
        };
        if delay_ms == 0 {
            resp
        } else {
            resp.with_header(DELAY_HEADER, delay_ms.to_string())
        }
    }

    /// Unkind mode from now on, counted afresh (or off).
    pub(crate) fn set_unkind(&mut self, setting: Option<Unkind>) {
        self.unkind.set(setting);
    }

    /// The first fault matching, one use of it spent.
    fn take(&mut self, method: Method, path: &str) -> Option<Fault> {
        let i = self
            .scheduled
            .iter()
            .position(|f| f.matches(method, path))?;
        self.scheduled[i].times -= 1;
        if self.scheduled[i].times == 0 {
            Some(self.scheduled.remove(i))
        } else {
            Some(self.scheduled[i].clone())
        }
    }

    fn count(&mut self, method: Method, path: &str) {
        let key = format!("{method} {path}");
        let known = self.counts.contains_key(&key);
        let key = if known || (self.counts.len() < MAX_COUNTED && path.len() <= MAX_COUNTED_PATH) {
            key
        } else {
            OTHER.to_string()
        };
        *self.counts.entry(key).or_default() += 1;
    }

    fn list(&self) -> Value {
        Value::Array(self.scheduled.iter().map(Fault::to_json).collect())
    }

    fn control_faults(&mut self, api: Api, req: &Request) -> Response {
        match req.method {
            Method::Get => {}
            Method::Delete => self.scheduled.clear(),
            Method::Post => {
                let added = match crate::body_json(req).and_then(|v| parse(api, &v)) {
                    Ok(added) => added,
                    Err(m) => return api_error(api, 400, &m),
                };
                if self.scheduled.len() + added.len() > MAX_FAULTS {
                    return api_error(
                        api,
                        400,
                        &format!("at most {MAX_FAULTS} faults can be scheduled at once"),
                    );
                }
                self.scheduled.extend(added);
                return Response::json(201, &self.list());
            }
            _ => return not_allowed(api, req, "GET, POST, DELETE"),
        }
        Response::json(200, &self.list())
    }

    fn control_unkind(&mut self, api: Api, req: &Request) -> Response {
        match req.method {
            Method::Get => {}
            Method::Delete => self.unkind.set(None),
            Method::Put => {
                match crate::body_json(req).and_then(|v| Unkind::from_json(&v)) {
                    Ok(setting) => self.unkind.set(Some(setting)),
                    Err(m) => return api_error(api, 400, &m),
                };
            }
            _ => return not_allowed(api, req, "GET, PUT, DELETE"),
        }
        Response::json(200, &self.unkind.shown())
    }

    fn control_requests(&mut self, api: Api, req: &Request) -> Response {
        match req.method {
            Method::Get => {}
            Method::Delete => self.counts.clear(),
            _ => return not_allowed(api, req, "GET, DELETE"),
        }
        Response::json(200, &json!(self.counts))
    }
}

impl Fault {
    /// A fault made here rather than scheduled (unkind mode's): once, for this request.
    pub(crate) fn given(answer: Answer, delay_ms: u64, reach: bool) -> Fault {
        Fault {
            method: None,
            path: String::new(),
            times: 1,
            delay_ms,
            answer,
            reach,
        }
    }

    fn matches(&self, method: Method, path: &str) -> bool {
        self.method.is_none_or(|m| m == method)
            && match self.path.strip_suffix('*') {
                Some(prefix) => path.starts_with(prefix),
                None => path == self.path,
            }
    }

    /// As the control endpoint takes it, so a listed fault can be posted again.
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        if let Some(method) = self.method {
            m.insert("method".into(), json!(method.as_str()));
        }
        m.insert("path".into(), json!(self.path));
        m.insert("times".into(), json!(self.times));
        match &self.answer {
            Answer::Api => {}
            Answer::ApiError(status, _) => {
                m.insert("status".into(), json!(status));
            }
            Answer::Body {
                status,
                body,
                retry_after_s,
            } => {
                m.insert("status".into(), json!(status));
                if let Some(s) = retry_after_s {
                    m.insert("retry_after_s".into(), json!(s));
                }
                m.insert("body".into(), body.clone());
            }
            Answer::Error {
                status,
                retry_after_s,
                oauth_error,
            } => {
                if let Some(code) = oauth_error {
                    m.insert("oauth_error".into(), json!(code));
                }
                m.insert("status".into(), json!(status));
                if let Some(s) = retry_after_s {
                    m.insert("retry_after_s".into(), json!(s));
                }
            }
            Answer::Redirect { location, status } => {
                m.insert("redirect".into(), json!(location));
                m.insert("status".into(), json!(status));
            }
        }
        if self.delay_ms > 0 {
            m.insert("delay_ms".into(), json!(self.delay_ms));
        }
        if self.reach {
            m.insert("reach".into(), json!(true));
        }
        Value::Object(m)
    }
}

impl Answer {
    /// What a real server would send, or `None` when the API itself answers.
    pub(crate) fn response(&self, api: Api) -> Option<Response> {
        let resp = match self {
            Answer::Api => return None,
            Answer::ApiError(status, message) => api_error(api, *status, message),
            Answer::Body {
                status,
                body,
                retry_after_s,
            } => {
                let resp = Response::json(*status, body);
                match retry_after_s {
                    Some(s) => resp.with_header("Retry-After", s.to_string()),
                    None => resp,
                }
            }
            Answer::Redirect { location, status } => Response {
                status: *status,
                headers: vec![("Location".into(), location.clone())],
                body: String::new(),
            },
            Answer::Error {
                status,
                retry_after_s,
                oauth_error,
            } => {
                let resp = match (oauth_error, api, status) {
                    (Some(code), _, _) => {
                        let description = OAUTH_ERRORS
                            .iter()
                            .find(|(c, _, _)| c == code)
                            .map_or("", |(_, _, d)| d);
                        crate::feedamp::oauth_error(*status, code, description)
                    }
                    // Gateways in front of an API answer these with their own HTML page.
                    (None, _, 502..=504) => gateway_page(*status),
                    (None, Api::Veeqo, 429) => crate::veeqo::rate_limited(),
                    (None, _, 429) => api_error(api, 429, "Too Many Requests"),
                    (None, _, _) => api_error(api, *status, "Internal Server Error"),
                };
                match retry_after_s {
                    Some(s) => resp.with_header("Retry-After", s.to_string()),
                    None => resp,
                }
            }
        };
        Some(resp)
    }
}

/// Takes the delay a fault put on `resp` off it: the milliseconds to wait (at most
/// [`MAX_DELAY_MS`]) before answering. For the transports; 0 when there is none.
pub fn take_delay(resp: &mut Response) -> u64 {
    let Some(i) = resp
        .headers
        .iter()
        .position(|(n, _)| n.eq_ignore_ascii_case(DELAY_HEADER))
    else {
        return 0;
    };
    let (_, v) = resp.headers.remove(i);
    v.parse::<u64>().unwrap_or(0).min(MAX_DELAY_MS)
}

fn api_error(api: Api, status: u16, message: &str) -> Response {
    match api {
        Api::Veeqo => crate::veeqo::error(status, message),
        Api::Feedamp => crate::feedamp::error(status, message),
    }
}

pub(crate) fn not_allowed(api: Api, req: &Request, allow: &str) -> Response {
    let path = req.path.split('?').next().unwrap_or("");
    api_error(
        api,
        405,
        &format!("{} is not allowed on {path}", req.method),
    )
    .with_header("Allow", allow)
}

/// nginx's own error page, as a gateway in front of an API sends it.
fn gateway_page(status: u16) -> Response {
    let title = match status {
        502 => "502 Bad Gateway",
        503 => "503 Service Temporarily Unavailable",
        _ => "504 Gateway Time-out",
    };
    Response {
        status,
        headers: vec![("Content-Type".into(), "text/html".into())],
        body: format!(
            "<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
        ),
    }
}

/// A control body: one fault, or an array of them (all or none are added). The message
/// names the field that is wrong.
fn parse(api: Api, body: &Value) -> Result<Vec<Fault>, String> {
    match body {
        Value::Array(items) if items.is_empty() => {
            Err("send one fault, or a non-empty array of them".into())
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, f)| parse_one(api, f).map_err(|e| format!("[{i}] {e}")))
            .collect(),
        one => Ok(vec![parse_one(api, one)?]),
    }
}

/// A control body's object, when it is one and has only `known` fields; else the message
/// (`not_object`, or the first unknown field named as `not_known`).
pub(crate) fn object_of<'a>(
    v: &'a Value,
    known: &[&str],
    not_object: &str,
    not_known: &str,
) -> Result<&'a Map<String, Value>, String> {
    let m = v.as_object().ok_or(not_object)?;
    match m.keys().find(|k| !known.contains(&k.as_str())) {
        Some(k) => Err(format!("{k}: {not_known}; they are {}", known.join(", "))),
        None => Ok(m),
    }
}

fn parse_one(api: Api, v: &Value) -> Result<Fault, String> {
    let m = object_of(
        v,
        FIELDS,
        "a fault is a JSON object, such as {\"method\": \"POST\", \"path\": \"/orders\", \"status\": 503}",
        "not a fault's field",
    )?;
    let int = |k: &str, lo: u64, hi: u64| match m.get(k) {
        None => Ok(None),
        Some(x) => x
            .as_u64()
            .filter(|n| (lo..=hi).contains(n))
            .map(Some)
            .ok_or_else(|| format!("{k}: must be an integer from {lo} to {hi}")),
    };
    let text = |k: &str| match m.get(k) {
        None => Ok(None),
        Some(x) => x
            .as_str()
            .map(Some)
            .ok_or_else(|| format!("{k}: must be a string")),
    };
    let path = text("path")?.ok_or(
        "path: required: the path below the API's prefix, such as \"/orders\", or \"/orders/*\" for every path it starts",
    )?;
    if let Some(why) = path_problem(path) {
        return Err(format!("path: {why}"));
    }
    let method =
        match text("method")? {
            None => None,
            Some(s) => Some(Method::parse(s).ok_or_else(|| {
                format!("method: {s:?} is not one of GET, POST, PUT, PATCH, DELETE")
            })?),
        };
    let times = int("times", 1, u32::MAX.into())?.unwrap_or(1) as u32;
    let delay_ms = int("delay_ms", 1, MAX_DELAY_MS)?.unwrap_or(0);
    let status = int("status", 100, 599)?.map(|s| s as u16);
    let retry_after_s = int("retry_after_s", 0, MAX_RETRY_AFTER_S)?;
    let one_of = |allowed: &[u16], what: &str| match status {
        Some(s) if !allowed.contains(&s) => Err(format!(
            "status: {what} is one of {}",
            allowed
                .iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        )),
        _ => Ok(status),
    };
    let answer = match (m.get("body"), text("redirect")?, text("oauth_error")?) {
        (Some(_), redirect, _) if redirect.is_some() || m.contains_key("oauth_error") => {
            let other = if redirect.is_some() { "redirect" } else { "oauth_error" };
            return Err(format!(
                "body: a fault with a body answers exactly it; it cannot also have {other}"
            ));
        }
        (Some(body), _, _) => body_answer(status, retry_after_s, body)?,
        (None, Some(_), Some(_)) => {
            return Err("redirect: a fault is a redirect or an oauth_error, not both".into())
        }
        (None, Some(location), None) => {
            let absolute = location.starts_with("https://") || location.starts_with("http://");
            if !absolute || location.chars().any(|c| c.is_whitespace() || c.is_control()) {
                return Err("redirect: must be an absolute http(s) URL".into());
            }
            Answer::Redirect {
                location: location.into(),
                status: one_of(REDIRECT_STATUSES, "a redirect")?.unwrap_or(307),
            }
        }
        (None, None, Some(code)) => {
            if api != Api::Feedamp {
                return Err("oauth_error: only FeedAMP has an OAuth token endpoint".into());
            }
            let Some(&(code, usual, _)) = OAUTH_ERRORS.iter().find(|(c, _, _)| *c == code) else {
                return Err(format!(
                    "oauth_error: {code:?} is not one of invalid_grant, invalid_client, temporarily_unavailable"
                ));
            };
            Answer::Error {
                status: one_of(OAUTH_STATUSES, "an oauth_error")?.unwrap_or(usual),
                retry_after_s,
                oauth_error: Some(code),
            }
        }
        (None, None, None) => match one_of(ERROR_STATUSES, "an error")? {
            Some(status) => Answer::Error {
                status,
                retry_after_s,
                oauth_error: None,
            },
            None if delay_ms > 0 => Answer::Api,
            None => {
                return Err(
                    "status: required, unless the fault is a redirect, an oauth_error, or a delay_ms alone"
                        .into(),
                )
            }
        },
    };
    let retry_after_fits = matches!(
        answer,
        Answer::Error {
            status: 429 | 503,
            ..
        } | Answer::Body {
            status: 429 | 503,
            ..
        }
    );
    if retry_after_s.is_some() && !retry_after_fits {
        return Err("retry_after_s: only a 429 or a 503 carries Retry-After".into());
    }
    let reach = match m.get("reach") {
        None => false,
        Some(x) => x
            .as_bool()
            .ok_or("reach: must be true or false (whether the API handles the request first)")?,
    };
    // What comes back after the API did the work: a server or gateway error, lateness, or
    // a body of the test's own (a drifted answer to work done). A 429, a redirect or an
    // OAuth error is an answer given instead of doing it.
    let reaches = matches!(
        answer,
        Answer::Api
            | Answer::Body { .. }
            | Answer::Error {
                status: 500..=599,
                oauth_error: None,
                ..
            }
    );
    if reach && !reaches {
        return Err(
            "reach: only a 5xx status (no oauth_error), a body, or a delay_ms alone follows the API's handling"
                .into(),
        );
    }
    Ok(Fault {
        method,
        path: path.into(),
        times,
        delay_ms,
        answer,
        reach,
    })
}

/// A fault's own body, answered with its `status` exactly as given.
fn body_answer(
    status: Option<u16>,
    retry_after_s: Option<u64>,
    body: &Value,
) -> Result<Answer, String> {
    let status = status
        .ok_or("status: required with a body: the status to answer it with, from 200 to 599")?;
    match status {
        204 | 205 | 304 => Err(format!(
            "status: a {status} carries no body; give the body another status from 200 to 599"
        )),
        200..=599 => Ok(Answer::Body {
            status,
            body: body.clone(),
            retry_after_s,
        }),
        _ => Err(format!(
            "status: a body is answered with a status from 200 to 599, not {status}"
        )),
    }
}

fn path_problem(path: &str) -> Option<&'static str> {
    if !path.starts_with('/') {
        Some("must start with /")
    } else if path.contains('?') {
        Some("is matched without its query string: leave the ? part out")
    } else if path.trim_end_matches('*').contains('*') {
        Some("* may only end it (a prefix)")
    } else if path.starts_with(CONTROLS) {
        Some("the sandbox's own /_sandbox/ controls are never faulted")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(faults: &mut Faults, api: Api, body: Value) -> Response {
        let req = Request::new(Method::Post, FAULTS).json_body(body.to_string());
        faults.handle(api, &req, || panic!("a control request reached the API"))
    }

    fn call(faults: &mut Faults, method: Method, path: &str) -> Response {
        faults.handle(Api::Veeqo, &Request::new(method, path), || {
            Response::json(200, &json!({"from": "the API"}))
        })
    }

    fn schedule(body: Value) -> Faults {
        let mut f = Faults::default();
        let r = post(&mut f, Api::Veeqo, body);
        assert_eq!(r.status, 201, "{}", r.body);
        f
    }

    #[test]
    fn a_fault_answers_its_times_then_is_gone() {
        let mut f =
            schedule(json!({"method": "POST", "path": "/channels", "times": 2, "status": 503}));
        assert_eq!(call(&mut f, Method::Get, "/channels").status, 200);
        assert_eq!(call(&mut f, Method::Post, "/channels/1").status, 200);
        for _ in 0..2 {
            let r = call(&mut f, Method::Post, "/channels?x=1");
            assert_eq!(
                (r.status, r.header("content-type")),
                (503, Some("text/html"))
            );
        }
        assert_eq!(call(&mut f, Method::Post, "/channels").status, 200);
        assert_eq!(f.list(), json!([]));
    }

    #[test]
    fn a_star_makes_a_prefix_and_no_method_matches_any() {
        let mut f = schedule(json!({"path": "/orders/*", "times": 3, "status": 500}));
        assert_eq!(call(&mut f, Method::Get, "/orders").status, 200);
        assert_eq!(call(&mut f, Method::Get, "/orders/1").status, 500);
        assert_eq!(call(&mut f, Method::Put, "/orders/2/refunds").status, 500);
        assert_eq!(call(&mut f, Method::Delete, "/orders/").status, 500);
        assert_eq!(call(&mut f, Method::Get, "/orders/1").status, 200);
    }

    #[test]
    fn faults_answer_in_the_order_they_were_added() {
        let mut f = schedule(json!([
            {"path": "/a", "status": 429, "retry_after_s": 2},
            {"path": "/*", "redirect": "https://elsewhere.example/a"},
        ]));
        let r = call(&mut f, Method::Get, "/a");
        assert_eq!((r.status, r.header("retry-after")), (429, Some("2")));
        assert!(r.body.contains("error_messages"), "{}", r.body);
        let r = call(&mut f, Method::Get, "/a");
        assert_eq!(
            (r.status, r.header("location"), r.body.as_str()),
            (307, Some("https://elsewhere.example/a"), "")
        );
    }

    #[test]
    fn a_delay_alone_lets_the_api_answer_late_and_take_delay_removes_it() {
        let mut f = schedule(json!({"path": "/x", "delay_ms": 300}));
        let mut r = call(&mut f, Method::Get, "/x");
        assert_eq!((r.status, r.body.as_str()), (200, "{\"from\":\"the API\"}"));
        assert_eq!(take_delay(&mut r), 300);
        assert_eq!(r.header(DELAY_HEADER), None);
        assert_eq!(take_delay(&mut r), 0);
        let mut r = call(&mut f, Method::Get, "/x");
        assert_eq!(take_delay(&mut r), 0);
    }

    #[test]
    fn a_fault_that_reaches_lets_the_api_act_then_answers_in_its_place() {
        let mut f = schedule(
            json!({"method": "POST", "path": "/orders", "status": 504, "reach": true, "delay_ms": 50}),
        );
        let mut handled = 0;
        let mut r = f.handle(Api::Veeqo, &Request::new(Method::Post, "/orders"), || {
            handled += 1;
            Response::json(201, &json!({"id": 1}))
        });
        assert_eq!(handled, 1);
        assert_eq!(
            (r.status, r.header("content-type")),
            (504, Some("text/html"))
        );
        assert!(r.body.contains("504 Gateway Time-out"), "{}", r.body);
        assert_eq!(take_delay(&mut r), 50);
        let counts = call(&mut f, Method::Get, REQUESTS);
        assert_eq!(counts.body, json!({"POST /orders": 1}).to_string());
        // Without reach, the same fault keeps the API out of it.
        let mut f = schedule(json!({"path": "/orders", "status": 500, "reach": false}));
        f.handle(Api::Veeqo, &Request::new(Method::Post, "/orders"), || {
            panic!("reached the API")
        });
        assert_eq!(f.counts.len(), 0);
    }

    #[test]
    fn a_fault_with_a_body_answers_exactly_it() {
        let mut f = schedule(json!([
            {"method": "POST", "path": "/channels", "status": 201, "body": {"id": "not-a-number"}},
            {"path": "/orders", "status": 429, "retry_after_s": 3, "body": "slow down"},
            {"path": "/null", "status": 200, "body": null},
        ]));
        let r = call(&mut f, Method::Post, "/channels");
        assert_eq!(
            (r.status, r.header("content-type"), r.body.as_str()),
            (201, Some("application/json"), "{\"id\":\"not-a-number\"}")
        );
        let r = call(&mut f, Method::Get, "/orders");
        assert_eq!(
            (r.status, r.header("retry-after"), r.body.as_str()),
            (429, Some("3"), "\"slow down\"")
        );
        assert_eq!(call(&mut f, Method::Get, "/null").body, "null");
        assert_eq!(call(&mut f, Method::Get, REQUESTS).body, "{}");
        // With reach, the API does the work and its answer is replaced.
        let mut f = schedule(
            json!({"path": "/channels", "status": 201, "body": {"id": "x"}, "reach": true}),
        );
        let mut handled = 0;
        let r = f.handle(Api::Veeqo, &Request::new(Method::Post, "/channels"), || {
            handled += 1;
            Response::json(201, &json!({"id": 1}))
        });
        assert_eq!((handled, r.body.as_str()), (1, "{\"id\":\"x\"}"));
    }

    fn put_unkind(f: &mut Faults, api: Api, body: Value) -> Response {
        let req = Request::new(Method::Put, UNKIND).json_body(body.to_string());
        f.handle(api, &req, || panic!("a control request reached the API"))
    }

    #[test]
    fn unkind_mode_is_set_shown_and_turned_off_at_its_control() {
        let mut f = Faults::default();
        let off = json!({"behaviours": [], "every": 5});
        assert_eq!(call(&mut f, Method::Get, UNKIND).body, off.to_string());
        let setting = json!({"behaviours": ["5xx", "slow"], "every": 2, "slow_ms": 7});
        let r = put_unkind(&mut f, Api::Veeqo, setting.clone());
        assert_eq!((r.status, r.body), (200, setting.to_string()));
        assert_eq!(call(&mut f, Method::Get, UNKIND).body, setting.to_string());
        // The controls are not counted: the 2nd and 4th requests to the API are unkind.
        let mut got = vec![];
        for p in [
            "/a",
            "/_sandbox/requests",
            "/a",
            "/_sandbox/unkind",
            "/a",
            "/a",
        ] {
            let mut r = call(&mut f, Method::Get, p);
            if !p.starts_with(CONTROLS) {
                got.push((r.status, take_delay(&mut r)));
            }
        }
        assert_eq!(got, [(200, 0), (503, 0), (200, 0), (200, 7)]);
        assert_eq!(
            call(&mut f, Method::Get, REQUESTS).body,
            json!({"GET /a": 3}).to_string(),
            "the 503 did not reach the API; the slow answer did"
        );
        // A scheduled fault comes first, and is not counted as a turn.
        put_unkind(
            &mut f,
            Api::Veeqo,
            json!({"behaviours": ["429"], "every": 2}),
        );
        post(&mut f, Api::Veeqo, json!({"path": "/a", "status": 500}));
        let statuses: Vec<u16> = (0..3)
            .map(|_| call(&mut f, Method::Get, "/a").status)
            .collect();
        assert_eq!(statuses, [500, 200, 429]);
        let r = call(&mut f, Method::Delete, UNKIND);
        assert_eq!((r.status, r.body), (200, off.to_string()));
        assert!((0..6).all(|_| call(&mut f, Method::Get, "/a").status == 200));
    }

    #[test]
    fn a_wrong_unkind_setting_gets_400_in_the_apis_shape_and_changes_nothing() {
        let mut f = Faults::default();
        put_unkind(&mut f, Api::Feedamp, json!({"behaviours": ["reach"]}));
        let r = put_unkind(
            &mut f,
            Api::Feedamp,
            json!({"behaviours": ["reach"], "every": 0}),
        );
        assert_eq!(r.status, 400);
        assert_eq!(
            r.body,
            json!({"error": "every: must be an integer from 1 to 1000000, not 0"}).to_string()
        );
        let r = put_unkind(&mut f, Api::Veeqo, json!({"behaviours": ["slo"]}));
        assert_eq!(
            r.body,
            json!({"error_messages": ["behaviours[0]: \"slo\" is not one of 429, 5xx, slow, redirect, expire, reach. Did you mean \"slow\"?"]}).to_string()
        );
        let req = Request::new(Method::Put, UNKIND).json_body("{");
        let r = f.handle(Api::Veeqo, &req, || panic!("reached the API"));
        assert!(
            r.body.contains("The request body is not valid JSON"),
            "{}",
            r.body
        );
        assert_eq!(
            call(&mut f, Method::Get, UNKIND).body,
            json!({"behaviours": ["reach"], "every": 5}).to_string()
        );
        let r = call(&mut f, Method::Post, UNKIND);
        assert_eq!(
            (r.status, r.header("allow")),
            (405, Some("GET, PUT, DELETE"))
        );
    }

    #[test]
    fn only_requests_that_reach_the_api_are_counted() {
        let mut f = schedule(json!({"path": "/c", "status": 502}));
        for p in ["/c", "/c?page=2", "/c", "/_sandbox/clock"] {
            call(&mut f, Method::Post, p);
        }
        let counts = call(&mut f, Method::Get, REQUESTS);
        assert_eq!(counts.body, json!({"POST /c": 2}).to_string());
        call(&mut f, Method::Delete, REQUESTS);
        assert_eq!(call(&mut f, Method::Get, REQUESTS).body, "{}");
    }

    #[test]
    fn counts_stay_bounded() {
        let mut f = Faults::default();
        for i in 0..MAX_COUNTED + 5 {
            f.count(Method::Get, &format!("/p/{i}"));
        }
        f.count(Method::Get, "/p/0");
        f.count(Method::Get, &format!("/{}", "a".repeat(1000)));
        assert_eq!(f.counts.len(), MAX_COUNTED + 1);
        assert_eq!((f.counts["GET /p/0"], f.counts[OTHER]), (2, 6));
    }

    #[test]
    fn a_listed_fault_posts_back_as_itself() {
        let all = json!([
            {"method": "PUT", "path": "/orders/*", "times": 4, "status": 503, "retry_after_s": 0, "delay_ms": 10},
            {"path": "/a", "times": 1, "redirect": "http://b.example/", "status": 308},
            {"path": "/access_token", "times": 1, "oauth_error": "invalid_client", "status": 401},
            {"path": "/slow", "times": 1, "delay_ms": 30000},
            {"path": "/late", "times": 2, "status": 504, "delay_ms": 5, "reach": true},
            {"path": "/drift", "times": 1, "status": 201, "body": {"id": "x"}, "reach": true},
        ]);
        let mut f = Faults::default();
        assert_eq!(
            post(&mut f, Api::Feedamp, all.clone()).body,
            all.to_string()
        );
        let listed = f.handle(Api::Feedamp, &Request::new(Method::Get, FAULTS), || {
            panic!("reached the API")
        });
        assert_eq!(listed.body, all.to_string());
        let cleared = f.handle(Api::Feedamp, &Request::new(Method::Delete, FAULTS), || {
            panic!("reached the API")
        });
        assert_eq!((cleared.status, cleared.body.as_str()), (200, "[]"));
    }

    #[test]
    fn defaults_are_filled_in() {
        let f = schedule(json!({"path": "/a", "redirect": "https://b.example/"}));
        assert_eq!(f.list()[0]["status"], 307);
        let mut f = Faults::default();
        post(
            &mut f,
            Api::Feedamp,
            json!({"path": "/access_token", "oauth_error": "temporarily_unavailable"}),
        );
        assert_eq!(f.list()[0]["status"], 503);
    }

    #[test]
    fn a_bad_body_gets_400_naming_its_field_and_adds_nothing() {
        let cases = [
            (json!({"status": 503}), "path: required"),
            (
                json!({"path": "orders", "status": 503}),
                "path: must start with /",
            ),
            (
                json!({"path": "/o*/x", "status": 503}),
                "path: * may only end it",
            ),
            (
                json!({"path": "/o?a=1", "status": 503}),
                "path: is matched without",
            ),
            (
                json!({"path": "/_sandbox/faults", "status": 503}),
                "path: the sandbox's own",
            ),
            (
                json!({"path": "/o", "status": 404}),
                "status: an error is one of 429, 500",
            ),
            (
                json!({"path": "/o", "status": "503"}),
                "status: must be an integer",
            ),
            (json!({"path": "/o"}), "status: required"),
            (
                json!({"path": "/o", "status": 503, "times": 0}),
                "times: must be an integer from 1",
            ),
            (
                json!({"path": "/o", "delay_ms": 30001}),
                "delay_ms: must be an integer from 1 to 30000",
            ),
            (
                json!({"path": "/o", "method": "FETCH", "status": 503}),
                "method: \"FETCH\"",
            ),
            (
                json!({"path": "/o", "status": 503, "tims": 2}),
                "tims: not a fault's field",
            ),
            (
                json!({"path": "/o", "redirect": "/elsewhere"}),
                "redirect: must be an absolute",
            ),
            (
                json!({"path": "/o", "redirect": "https://a.example/", "status": 503}),
                "status: a redirect is one of 301",
            ),
            (
                json!({"path": "/o", "redirect": "https://a.example/", "oauth_error": "invalid_grant"}),
                "redirect: a fault is a redirect or",
            ),
            (
                json!({"path": "/o", "status": 500, "retry_after_s": 1}),
                "retry_after_s: only a 429",
            ),
            (
                json!({"path": "/access_token", "oauth_error": "invalid_grant"}),
                "oauth_error: only FeedAMP",
            ),
            (
                json!([{"path": "/o", "status": 503}, {"path": "/o", "status": 200}]),
                "[1] status:",
            ),
            (
                json!({"path": "/o", "status": 503, "reach": 1}),
                "reach: must be true or false",
            ),
            (
                json!({"path": "/o", "status": 429, "reach": true}),
                "reach: only a 5xx status",
            ),
            (
                json!({"path": "/o", "redirect": "https://a.example/", "reach": true}),
                "reach: only a 5xx status",
            ),
            (json!([]), "non-empty array"),
            (json!("503"), "a fault is a JSON object"),
            (
                json!({"path": "/o", "body": {"id": 1}}),
                "status: required with a body: the status to answer it with, from 200 to 599",
            ),
            (
                json!({"path": "/o", "status": 150, "body": {}}),
                "status: a body is answered with a status from 200 to 599, not 150",
            ),
            (
                json!({"path": "/o", "status": 204, "body": {}}),
                "status: a 204 carries no body; give the body another status from 200 to 599",
            ),
            (
                json!({"path": "/o", "status": 200, "body": {}, "redirect": "https://a.example/"}),
                "body: a fault with a body answers exactly it; it cannot also have redirect",
            ),
            (
                json!({"path": "/o", "status": 400, "body": {}, "oauth_error": "invalid_grant"}),
                "body: a fault with a body answers exactly it; it cannot also have oauth_error",
            ),
            (
                json!({"path": "/o", "status": 200, "body": {}, "retry_after_s": 1}),
                "retry_after_s: only a 429 or a 503 carries Retry-After",
            ),
        ];
        for (body, wanted) in cases {
            let mut f = Faults::default();
            let r = post(&mut f, Api::Veeqo, body.clone());
            assert_eq!(r.status, 400, "{body}: {}", r.body);
            assert!(
                r.body.contains(&wanted.replace('"', "\\\"")),
                "{body}: {}",
                r.body
            );
            assert_eq!(f.list(), json!([]), "{body}");
        }
        let mut f = Faults::default();
        let r = post(
            &mut f,
            Api::Feedamp,
            json!({"path": "/access_token", "oauth_error": "invalid_token"}),
        );
        assert!(
            r.body.contains("oauth_error: \\\"invalid_token\\\""),
            "{}",
            r.body
        );
        let r = post(
            &mut f,
            Api::Feedamp,
            json!({"path": "/access_token", "oauth_error": "invalid_grant", "status": 500}),
        );
        assert!(
            r.body
                .contains("status: an oauth_error is one of 400, 401, 503"),
            "{}",
            r.body
        );
    }

    #[test]
    fn the_controls_are_never_faulted_and_refuse_other_methods() {
        let mut f = schedule(json!({"path": "/*", "times": 5, "status": 500}));
        assert_eq!(call(&mut f, Method::Get, FAULTS).status, 200);
        assert_eq!(call(&mut f, Method::Get, REQUESTS).status, 200);
        let r = call(&mut f, Method::Put, FAULTS);
        assert_eq!(
            (r.status, r.header("allow")),
            (405, Some("GET, POST, DELETE"))
        );
        assert_eq!(call(&mut f, Method::Post, REQUESTS).status, 405);
        assert_eq!(f.list()[0]["times"], 5);
    }

    #[test]
    fn no_more_than_max_faults_are_scheduled() {
        let mut f = Faults::default();
        let many: Vec<Value> = (0..MAX_FAULTS)
            .map(|_| json!({"path": "/a", "status": 500}))
            .collect();
        assert_eq!(post(&mut f, Api::Veeqo, json!(many)).status, 201);
        let r = post(&mut f, Api::Veeqo, json!({"path": "/a", "status": 500}));
        assert_eq!(r.status, 400, "{}", r.body);
        assert_eq!(f.scheduled.len(), MAX_FAULTS);
    }
}
