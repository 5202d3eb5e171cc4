//! A faithful in-memory simulator of the APIs: request in, response out, on a clock the
//! caller passes in. The page runs it in-process; `orderlint sandbox` serves it over HTTP.
//! Tests can make it fail as real servers do (`faults`, `unkind`); `orderlint sandbox`
//! starts it as its flags say (`options`).

pub mod faults;
pub mod feedamp;
#[cfg(not(target_arch = "wasm32"))]
pub mod http;
pub mod options;
pub mod unkind;
pub mod veeqo;
pub mod worker;

use orderlint_api::{Method, Request, Response};
use serde::{Deserialize, Serialize};

pub use orderlint_api::Api;

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Sandbox {
    pub veeqo: veeqo::Veeqo,
    pub feedamp: feedamp::Feedamp,
    /// Veeqo's, then FeedAMP's: each API's faults are scheduled under its own prefix.
    /// A test's switch: not kept with the state.
    #[serde(skip)]
    faults: [faults::Faults; 2],
}

/// The version of the kept state's shape: a state kept by another shape is not read.
const STATE_VERSION: u32 = 1;
/// The whole sandbox's [`Sandbox::save`], under either API's prefix.
const STATE: &str = "/_sandbox/state";
/// The time the seeded data is made at (2026-01-01T12:00:00Z): fixed, so a seeded sandbox
/// is the same every time.
pub(crate) const SEED_MS: u64 = 1_767_268_800_000;

#[derive(Serialize)]
struct KeptRef<'a> {
    version: u32,
    sandbox: &'a Sandbox,
}

/// A kept state, its version read (and checked) before.
#[derive(Deserialize)]
struct Kept {
    sandbox: Sandbox,
}

/// A kept state's version alone, read before the rest.
#[derive(Deserialize)]
struct Version {
    version: Option<serde_json::Value>,
}

impl Sandbox {
    pub fn new() -> Self {
        Self::default()
    }

    /// A sandbox started as `options` say (seeded data, unkind behaviour, …), from the
    /// text of `options.state_file` when one was named (the face read it), or why not.
    pub fn start(options: &options::Options, state: Option<&str>) -> Result<Self, String> {
        let mut sb = match (state, &options.state_file) {
            (Some(text), Some(path)) => {
                Self::restore(text).map_err(|e| format!("--state {path:?}: {e}"))?
            }
            (Some(text), None) => Self::restore(text)?,
            (None, _) => Self::default(),
        };
        if options.seed {
            sb.veeqo.seed(SEED_MS)?;
            sb.feedamp.seed(SEED_MS)?;
        }
        sb.veeqo.rate_limit = options.rate_limit;
        sb.feedamp.set_access_ttl_s(options.token_ttl_s);
        for f in &mut sb.faults {
            f.set_unkind(options.unkind.clone());
        }
        Ok(sb)
    }

    /// Everything the simulated accounts hold, as text to keep (the page keeps it across
    /// reloads, so the ids it carried still exist).
    pub fn save(&self) -> String {
        serde_json::to_string(&KeptRef {
            version: STATE_VERSION,
            sandbox: self,
        })
        .unwrap_or_default()
    }

    /// Keys the FeedAMP tokens (codes, access and refresh tokens, sessions, CSRF tokens)
    /// with the platform's random bytes. The host draws its own; a wasm face must call this
    /// after every start or restore, or the tokens are guessable.
    pub fn reseed(&mut self, entropy: &[u8]) {
        self.feedamp.reseed(entropy);
    }

    /// The accounts [`save`](Sandbox::save) kept, or why they cannot be read back.
    pub fn restore(text: &str) -> Result<Sandbox, String> {
        let not_kept =
            "the kept sandbox could not be read: it is not a state saved from GET /_sandbox/state";
        let version = match serde_json::from_str::<Version>(text) {
            Err(e) if !e.is_data() => {
                return Err(format!(
                    "the kept sandbox could not be read: it is not JSON ({e})"
                ))
            }
            // serde would read a struct from an array too.
            _ if !text.trim_start().starts_with('{') => {
                return Err(format!("{not_kept} (it is not a JSON object)"))
            }
            Err(e) => return Err(format!("{not_kept} ({e})")),
            Ok(v) => v.version,
        };
        match version {
            None => return Err(format!("{not_kept} (it has no \"version\")")),
            Some(v) if v != STATE_VERSION => {
                return Err(format!(
                    "the kept sandbox is of another version ({v}, this one reads {STATE_VERSION})"
                ))
            }
            Some(_) => {}
        }
        let kept: Kept = serde_json::from_str(text).map_err(|e| format!("{not_kept} ({e})"))?;
        Ok(kept.sandbox)
    }

    /// The API's answer, unless a scheduled fault answers in its place; the control
    /// endpoints `/_sandbox/faults`, `/_sandbox/unkind`, `/_sandbox/requests` and
    /// `/_sandbox/state` are answered here, for both.
    pub fn handle(&mut self, api: Api, req: &Request, now_ms: u64) -> Response {
        if req.path.split('?').next() == Some(STATE) {
            return match req.method {
                Method::Get => Response {
                    status: 200,
                    headers: vec![("Content-Type".into(), "application/json".into())],
                    body: self.save(),
                },
                _ => faults::not_allowed(api, req, "GET"),
            };
        }
        let slot = match api {
            Api::Veeqo => 0,
            Api::Feedamp => 1,
        };
        let resp = self.faults[slot].handle(api, req, || match api {
            Api::Veeqo => self.veeqo.handle(req, now_ms),
            Api::Feedamp => self.feedamp.handle(req, now_ms),
        });
        with_allow(api, &req.path, resp)
    }

    /// Routes a request whose path still carries the API prefix (`/veeqo/orders`).
    pub fn handle_prefixed(&mut self, req: &Request, now_ms: u64) -> Response {
        if let Some((api, rest)) = split_prefixed(&req.path) {
            let mut inner = req.clone();
            inner.path = if rest.is_empty() { "/" } else { rest }.into();
            return self.handle(api, &inner, now_ms);
        }
        Response::json(
            404,
            &serde_json::json!({"error": "Not Found: the sandbox serves /veeqo/... and /feedamp/...", "status": 404}),
        )
    }
}

/// A request's body as JSON, or the message both simulators answer 400 with (each in its
/// API's own error shape).
fn body_json(req: &Request) -> Result<serde_json::Value, String> {
    serde_json::from_str(req.body.as_deref().unwrap_or(""))
        .map_err(|e| format!("The request body is not valid JSON: {e}"))
}

/// A 405 with the methods the API documents at the path in `Allow`, as RFC 9110 requires
/// of every 405 (Schemathesis's `unsupported_method` found the sandbox's had none).
pub fn with_allow(api: Api, path: &str, resp: Response) -> Response {
    if resp.status != 405 || resp.header("allow").is_some() {
        return resp;
    }
    let methods = orderlint_rules::openapi::methods_at(rules_api(api), path);
    if methods.is_empty() {
        return resp;
    }
    resp.with_header("Allow", methods.join(", "))
}

/// The rule engine's name for an API (the API layer and the engine each have their own
/// enum: neither crate depends on the other).
pub fn rules_api(api: Api) -> orderlint_rules::Api {
    match api {
        Api::Veeqo => orderlint_rules::Api::Veeqo,
        Api::Feedamp => orderlint_rules::Api::Feedamp,
    }
}

/// Which API a path with its prefix (`/veeqo/orders`) is for, and the path below it.
pub fn split_prefixed(path: &str) -> Option<(Api, &str)> {
    [Api::Veeqo, Api::Feedamp].into_iter().find_map(|api| {
        let rest = path.strip_prefix(api.prefix())?;
        (rest.is_empty() || rest.starts_with('/')).then_some((api, rest))
    })
}

/// What the HTTP transports answer before a request reaches an API (a body too large, not
/// UTF-8, an unknown method): Rails' `{status, error}`, the same from `orderlint sandbox`
/// and from `npx orderlint sandbox`.
pub fn refused(status: u16, message: &str) -> Response {
    Response::json(
        status,
        &serde_json::json!({"status": status, "error": message}),
    )
}

/// A request as both HTTP faces read one off the wire: the path as sent, the query
/// decoded, the headers whose values are visible ASCII (names in lower case, as hyper
/// gives them), the body as text; or the answer it gets instead (405 for a method no
/// endpoint takes, 400 for a body that is not UTF-8).
pub fn request_from(
    method: &str,
    path: &str,
    query: &str,
    headers: impl IntoIterator<Item = (String, String)>,
    body: &[u8],
) -> Result<Request, Response> {
    let method = orderlint_api::Method::parse(method).ok_or_else(|| unknown_method(path))?;
    let mut req = Request::new(method, path);
    req.query = orderlint_api::parse_query(query);
    let visible = |v: &str| v.bytes().all(|b| b == b'\t' || (b' '..=b'~').contains(&b));
    req.headers = headers
        .into_iter()
        .filter(|(_, v)| visible(v))
        .map(|(n, v)| (n.to_ascii_lowercase(), v))
        .collect();
    req.body = match std::str::from_utf8(body) {
        Ok("") => None,
        Ok(text) => Some(text.to_string()),
        Err(_) => return Err(refused(400, "the body is not UTF-8")),
    };
    Ok(req)
}

/// A method no endpoint takes (`TRACE`): 405, with what the path does take.
pub fn unknown_method(path: &str) -> Response {
    let resp = refused(405, "method not allowed");
    match split_prefixed(path) {
        Some((api, rest)) => with_allow(api, rest, resp),
        None => resp,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use options::Options;

    fn get(sb: &mut Sandbox, path: &str) -> Response {
        let req = Request::new(Method::Get, path).header("x-api-key", "k");
        sb.handle_prefixed(&req, SEED_MS)
    }

    #[test]
    fn the_state_is_the_same_under_either_prefix_and_starts_a_sandbox_again() {
        let mut sb = Sandbox::start(&Options::parse(["--seed"]).unwrap(), None).unwrap();
        let from_veeqo = get(&mut sb, "/veeqo/_sandbox/state");
        let from_feedamp = get(&mut sb, "/feedamp/_sandbox/state");
        assert_eq!((from_veeqo.status, &from_veeqo.body), (200, &sb.save()));
        assert_eq!(from_veeqo, from_feedamp);
        let options = Options::parse(["--state", "kept.json"]).unwrap();
        let mut again = Sandbox::start(&options, Some(&from_veeqo.body)).unwrap();
        assert_eq!(get(&mut again, "/veeqo/orders/1000006").status, 200);
        assert_eq!(again.save(), sb.save());
        let post = Request::new(Method::Post, "/veeqo/_sandbox/state");
        let r = sb.handle_prefixed(&post, 0);
        assert_eq!((r.status, r.header("allow")), (405, Some("GET")));
    }

    #[test]
    fn a_state_that_cannot_be_read_says_why_and_names_its_file() {
        let options = Options::parse(["--state", "kept.json"]).unwrap();
        let cases = [
            ("{", "--state \"kept.json\": the kept sandbox could not be read: it is not JSON (EOF while parsing an object at line 1 column 1)"),
            ("[1]", "--state \"kept.json\": the kept sandbox could not be read: it is not a state saved from GET /_sandbox/state (it is not a JSON object)"),
            ("{\"orders\": []}", "--state \"kept.json\": the kept sandbox could not be read: it is not a state saved from GET /_sandbox/state (it has no \"version\")"),
            ("{\"version\": 2, \"sandbox\": {}}", "--state \"kept.json\": the kept sandbox is of another version (2, this one reads 1)"),
            ("{\"version\": 1, \"sandbox\": {\"veeqo\": {\"orders\": 3}}}", "--state \"kept.json\": the kept sandbox could not be read: it is not a state saved from GET /_sandbox/state (invalid type: integer `3`, expected a sequence at line 1 column 48)"),
        ];
        for (text, wanted) in cases {
            assert_eq!(Sandbox::start(&options, Some(text)).unwrap_err(), wanted);
        }
    }

    #[test]
    fn start_applies_the_rate_limit_and_unkind_switches() {
        let options = Options::parse(["--no-rate-limit"]).unwrap();
        let mut sb = Sandbox::start(&options, None).unwrap();
        assert!((0..150).all(|_| get(&mut sb, "/veeqo/channels").status == 200));
        let mut sb = Sandbox::start(&Options::default(), None).unwrap();
        assert!((0..150).any(|_| get(&mut sb, "/veeqo/channels").status == 429));
        let options = Options::parse(["--unkind", "redirect", "--unkind-every", "2"]).unwrap();
        let mut sb = Sandbox::start(&options, None).unwrap();
        // Each API counts its own requests.
        for api in ["/veeqo", "/feedamp"] {
            assert_ne!(get(&mut sb, &format!("{api}/orders")).status, 307);
            let r = get(&mut sb, &format!("{api}/orders?page=2"));
            assert_eq!(r.status, 307);
            let wanted = format!("https://elsewhere.invalid{api}/orders?page=2");
            assert_eq!(r.header("location"), Some(wanted.as_str()));
        }
    }
}
