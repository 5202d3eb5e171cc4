//! FeedAMP's answers typed once, for the rules and the API layer alike.
//!
//! The rules read a payload or a context as `orderlint_json::Value` (borrowed from the
//! text); the API layer and the pages read answers as `serde_json::Value`. [`Doc`] is the
//! little both offer, and the model in [`feedamp`] reads through it, so an answer's shape
//! is written here and nowhere else.

mod doc;
pub mod feedamp;

pub use doc::{AsDoc, Doc};
