//! The simulators behind a message boundary (the page's Web Worker): a call and its
//! answer, as they cross it as JSON text.

use orderlint_api::{Api, Request, Response};
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

/// What the worker says once it can take calls (calls sent before are not lost: they wait).
pub const READY: &str = "ready";
