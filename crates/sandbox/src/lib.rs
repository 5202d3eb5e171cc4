//! A faithful in-memory simulator of the APIs: request in, response out, on a clock the
//! caller passes in. The page runs it in-process; `orderlint sandbox` serves it over HTTP.
//! Tests can make it fail as real servers do (`faults`).

pub mod faults;
pub mod feedamp;
#[cfg(not(target_arch = "wasm32"))]
pub mod http;
pub mod veeqo;
pub mod worker;

use orderlint_api::{Request, Response};

pub use orderlint_api::Api;

#[derive(Debug, Default)]
pub struct Sandbox {
    pub veeqo: veeqo::Veeqo,
    pub feedamp: feedamp::Feedamp,
    /// Veeqo's, then FeedAMP's: each API's faults are scheduled under its own prefix.
    faults: [faults::Faults; 2],
}

impl Sandbox {
    pub fn new() -> Self {
        Self::default()
    }

    /// The API's answer, unless a scheduled fault answers in its place; the control
    /// endpoints `/_sandbox/faults` and `/_sandbox/requests` are answered here, for both.
    pub fn handle(&mut self, api: Api, req: &Request, now_ms: u64) -> Response {
        let slot = match api {
            Api::Veeqo => 0,
            Api::Feedamp => 1,
        };
        self.faults[slot].handle(api, req, || match api {
            Api::Veeqo => self.veeqo.handle(req, now_ms),
            Api::Feedamp => self.feedamp.handle(req, now_ms),
        })
    }

    /// Routes a request whose path still carries the API prefix (`/veeqo/orders`).
    pub fn handle_prefixed(&mut self, req: &Request, now_ms: u64) -> Response {
        for api in [Api::Veeqo, Api::Feedamp] {
            if let Some(rest) = req.path.strip_prefix(api.prefix()) {
                if rest.is_empty() || rest.starts_with('/') {
                    let mut inner = req.clone();
                    inner.path = if rest.is_empty() {
                        "/".into()
                    } else {
                        rest.into()
                    };
                    return self.handle(api, &inner, now_ms);
                }
            }
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
