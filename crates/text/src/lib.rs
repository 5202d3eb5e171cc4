//! The leaf of orderlint's layers: text utilities the rule engine, the API descriptions and
//! the web app share, with no knowledge of either API.
//!
//! Invariant: this crate depends on no other orderlint crate (`tests/layers.rs`).

pub mod locate;
pub mod pointer;
pub mod segment;
pub mod url;

use serde_json::Value;

/// An id as text, whether the API gave it as a number or a string.
pub fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) => n.as_u64().map(|i| i.to_string()),
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    }
}
