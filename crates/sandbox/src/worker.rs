//! The simulators behind a message boundary (the page's Web Worker): a call and its
//! answer, as they cross it as JSON text; and the simulated accounts' state, which the
//! page keeps so that a reload finds them as they were.

use orderlint_api::{feedamp, Api, Method, Request, Response};
use serde::{Deserialize, Serialize};

/// A request for the simulators.
#[derive(Serialize, Deserialize)]
pub struct Call {
    pub id: u32,
    pub api: Api,
    pub request: Request,
    /// Wall-clock milliseconds: the simulated orders carry real dates.
    pub now_ms: u64,
}

/// The simulators' answer to call `id`.
#[derive(Serialize, Deserialize)]
pub struct Answer {
    pub id: u32,
    pub response: Response,
}

/// What the page tells the worker.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToWorker {
    /// Start from the accounts as kept (before any call).
    Restore(String),
    Call(Call),
}

/// What the worker tells the page.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FromWorker {
    /// The accounts as they are now, to keep: sent before the answer that changed them.
    Saved(String),
    Answer(Answer),
}

/// What the worker says once it can take calls (calls sent before are not lost: they wait).
pub const READY: &str = "ready";

/// Whether a call may have changed the accounts (and so their kept state).
pub fn changes_state(api: Api, req: &Request) -> bool {
    req.method != Method::Get || (api == Api::Feedamp && feedamp::is_front_channel(req))
}
