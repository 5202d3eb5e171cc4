//! A faithful in-memory simulator of the APIs: request in, response out, on a clock the
//! caller passes in. The page runs it in-process; `orderlint sandbox` serves it over HTTP.
//! Tests can make it fail as real servers do (`faults`).

pub mod faults;
pub mod feedamp;
#[cfg(not(target_arch = "wasm32"))]
pub mod http;
pub mod options;
pub mod veeqo;
pub mod worker;

use orderlint_api::{Request, Response};
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

#[derive(Serialize)]
struct KeptRef<'a> {
    version: u32,
    sandbox: &'a Sandbox,
}

#[derive(Deserialize)]
struct Kept {
    version: u32,
    sandbox: Sandbox,
}

impl Sandbox {
    pub fn new() -> Self {
        Self::default()
    }

    /// A sandbox started as `options` say (seeded data, unkind behaviour, …), from the
    /// text of `options.state_file` when one was named (the face read it), or why not.
    pub fn start(options: &options::Options, state: Option<&str>) -> Result<Self, String> {
        let _ = options;
        match state {
            Some(text) => Self::restore(text),
            None => Ok(Self::default()),
        }
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

    /// The accounts [`save`](Sandbox::save) kept, or why they cannot be read back.
    pub fn restore(text: &str) -> Result<Sandbox, String> {
        let kept: Kept = serde_json::from_str(text)
            .map_err(|e| format!("the kept sandbox could not be read ({e})"))?;
        if kept.version != STATE_VERSION {
            return Err(format!(
                "the kept sandbox is of another version ({}, this one reads {STATE_VERSION})",
                kept.version
            ));
        }
        Ok(kept.sandbox)
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
