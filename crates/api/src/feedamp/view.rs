//! Typed views of FeedAMP's answers: what the pages read, by name, instead of indexing
//! JSON. The model is `orderlint_model::feedamp`, which the rules read too; the pages
//! build its views over `serde_json::Value` (`Order(&answer)`).

pub use orderlint_model::feedamp::*;
