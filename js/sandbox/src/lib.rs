//! The sandbox for JavaScript: the simulators `orderlint sandbox` and the page's worker run,
//! for the npm package's `npx orderlint sandbox` and `startSandbox`, whose HTTP server is
//! Node's (`js/package/sandbox.js`). Its flags are read by `orderlint_sandbox::options`, the
//! one parser, so a flag added there works here unchanged. A bad flag or state throws an
//! `Error` with the message; a request is answered as `orderlint_sandbox::http` answers it.
#![cfg(target_arch = "wasm32")]

use orderlint_api::{Request, Response};
use orderlint_sandbox::options::{self, Options, DEFAULT_PORT, HELP};
use orderlint_sandbox::{faults, request_from};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// `orderlint sandbox --help`.
#[wasm_bindgen]
pub fn help() -> String {
    HELP.to_string()
}

/// What the flags ask of the transport: `{ help, port?, defaultPort, stateFile? }` (the
/// file is the transport's to read), or an `Error` saying which flag is wrong.
#[wasm_bindgen(js_name = readOptions)]
pub fn read_options(args: Vec<String>) -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Transport {
        help: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        port: Option<u16>,
        default_port: u16,
        #[serde(skip_serializing_if = "Option::is_none")]
        state_file: Option<String>,
    }
    let o = Options::parse(args).map_err(|e| JsError::new(&e))?;
    to_js(&Transport {
        help: o.help,
        port: o.port,
        default_port: DEFAULT_PORT,
        state_file: o.state_file,
    })
}

/// The lines `orderlint sandbox` prints once it listens on `port`.
#[wasm_bindgen]
pub fn banner(port: u16) -> String {
    options::banner(port)
}

/// The message for a `--state` file that could not be read, as the CLI words it.
#[wasm_bindgen(js_name = unreadableState)]
pub fn unreadable_state(path: &str, why: &str) -> String {
    options::unreadable_state(path, why)
}

/// Both simulated APIs, under `/veeqo` and `/feedamp`, with their state.
#[wasm_bindgen]
pub struct Sandbox(orderlint_sandbox::Sandbox);

#[wasm_bindgen]
impl Sandbox {
    /// A sandbox as the flags after `sandbox` ask, from the text of `--state FILE` when one
    /// is named; throws an `Error` with the message of a bad flag or state.
    #[wasm_bindgen(constructor)]
    pub fn new(args: Vec<String>, state_text: Option<String>) -> Result<Sandbox, JsError> {
        // A bug's message on stderr, not only an opaque trap.
        static HOOK: std::sync::Once = std::sync::Once::new();
        HOOK.call_once(|| {
            std::panic::set_hook(Box::new(|info| {
                console_error(&format!("orderlint sandbox: {info}"))
            }))
        });
        let options = Options::parse(args).map_err(|e| JsError::new(&e))?;
        orderlint_sandbox::Sandbox::start(&options, state_text.as_deref())
            .map(Sandbox)
            .map_err(|e| JsError::new(&e))
    }

    /// Keys the FeedAMP tokens with the platform's random bytes (`crypto.randomBytes(32)`):
    /// wasm has no randomness of its own, so without this they could be guessed.
    pub fn reseed(&mut self, entropy: &[u8]) {
        self.0.reseed(entropy);
    }

    /// One request, as Node's server read it: `headers` as its `rawHeaders` (name, value,
    /// name, value…), `body` its bytes (empty: none), `target` the path and query as sent.
    /// Returns `{ status, headers: [name, value][], body, delayMs }`: the answer is to be
    /// sent `delayMs` late (a scheduled slow answer) without holding up other requests.
    pub fn handle(
        &mut self,
        method: &str,
        target: &str,
        headers: Vec<String>,
        body: &[u8],
        now_ms: f64,
    ) -> Result<JsValue, JsError> {
        let mut resp = match to_request(method, target, headers, body) {
            Ok(req) => self.0.handle_prefixed(&req, now_ms as u64),
            Err(resp) => resp,
        };
        let delay_ms = faults::take_delay(&mut resp);
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Answer {
            status: u16,
            headers: Vec<(String, String)>,
            body: String,
            delay_ms: u64,
        }
        to_js(&Answer {
            status: resp.status,
            headers: resp.headers,
            body: resp.body,
            delay_ms,
        })
    }
}

/// The request as `orderlint_sandbox::http` makes it of hyper's (`request_from`, shared).
fn to_request(
    method: &str,
    target: &str,
    headers: Vec<String>,
    body: &[u8],
) -> Result<Request, Response> {
    let (path, query) = split_target(target);
    let pairs = headers
        .chunks_exact(2)
        .map(|p| (p[0].clone(), p[1].clone()));
    request_from(method, path, query, pairs, body)
}

/// A request target's path (`/` when empty) and query; of an absolute-form target
/// (`http://host/path?q`, as sent to a proxy), the path after the authority, as hyper reads it.
fn split_target(target: &str) -> (&str, &str) {
    let rest = match target.split_once("://") {
        Some((_, after)) if !target.starts_with('/') => {
            &after[after.find(['/', '?']).unwrap_or(after.len())..]
        }
        _ => target,
    };
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    (if path.is_empty() { "/" } else { path }, query)
}

fn to_js(value: &impl Serialize) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}
