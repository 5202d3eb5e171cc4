//! orderlint: validate, simulate and send Veeqo and FeedAMP order payloads.
//!
//! The layers live in their own crates under `crates/` (see ARCHITECTURE.md); this root is
//! the web app (wasm-only) and the CLI, and re-exports the layers under one name so that
//! they, the samples and the tests share one import path.

pub use orderlint_api as api;
pub use orderlint_bulk as bulk;
pub use orderlint_rules as rules;
pub mod samples;
pub use orderlint_sandbox as sandbox;

#[cfg(target_arch = "wasm32")]
pub mod web;
