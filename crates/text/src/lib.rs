//! The leaf of orderlint's layers: text utilities the rule engine, the API descriptions and
//! the web app share, with no knowledge of either API.
//!
//! Invariant: this crate depends on no other orderlint crate (`tests/layers.rs`).

pub mod locate;
pub mod pointer;
pub mod secrets;
pub mod segment;
pub mod url;

use serde_json::Value;

/// An id as text, whether the API gave it as a number or a string.
pub fn id_text(v: &Value) -> Option<String> {
    id_from(v.as_u64(), v.as_str())
}

/// An id as text from what a JSON value holds: a whole number, or a non-blank string.
/// (The rule engine reads its own JSON type; both read ids the same way here.)
pub fn id_from(number: Option<u64>, string: Option<&str>) -> Option<String> {
    match (number, string) {
        (Some(n), _) => Some(n.to_string()),
        (_, Some(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    }
}
