//! What cross-entity rules know about the account: fetched by the app or passed with
//! `--context` to the CLI. Each list is optional; a rule that needs a missing one says so.

use serde::Deserialize;
use serde_json::Value;

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Context {
    /// Veeqo channels as `GET /channels` returns them.
    pub channels: Option<Vec<Value>>,
    /// Veeqo channel sellables: JSON:API resources or flat `{sellable_id, channel_id, remote_id}`.
    pub channel_sellables: Option<Vec<Value>>,
    /// FeedAMP: the order as `GET /orders/{mp_order_number}` returns it, when it exists.
    pub feedamp_order: Option<Value>,
    /// FeedAMP: the returns already made for the order (`GET /orders/{n}/returns`).
    pub feedamp_returns: Option<Vec<Value>>,
    /// FeedAMP: the order is known not to be placed yet (so it is new, not an update).
    pub new_order: bool,
    /// FeedAMP: the `{mp_order_number}` of the request's path.
    pub path_mp_order_number: Option<String>,
}

impl Context {
    /// Parses a context document, explaining what is wrong with a bad one.
    pub fn from_json(text: &str) -> Result<Context, String> {
        let v = super::parse(text).map_err(|e| format!("context: {e}"))?;
        if !v.is_object() {
            return Err("context: expected an object such as {\"channels\": [...], \"channel_sellables\": [...]}".into());
        }
        serde_json::from_value(v).map_err(|e| format!("context: {e}"))
    }
}
