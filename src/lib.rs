//! orderlint: validate, simulate and send Veeqo and FeedAMP order payloads.
//!
//! The pure core (rules, API descriptions, sandbox) builds for the host and for wasm32;
//! the web app and its transport are wasm-only.

pub use orderlint_api as api;
pub use orderlint_api::ratelimit;
pub use orderlint_bulk as bulk;
pub use orderlint_rules as rules;
pub mod samples;
pub use orderlint_sandbox as sandbox;
pub use orderlint_text::segment;

#[cfg(target_arch = "wasm32")]
pub mod web;
