//! What cross-entity rules know about the account: fetched by the app or passed with
//! `--context` to the CLI. Each list is optional; a rule that needs a missing one says so.

use orderlint_json::Value as Json;
use orderlint_model::feedamp::Order;
use serde::Deserialize;

/// A value kept as context: owned, read by the same rules as a payload.
pub type Value = Json<'static>;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Context {
    /// Veeqo channels as `GET /channels` returns them.
    pub channels: Option<Vec<Value>>,
    /// Veeqo channel sellables: JSON:API resources or flat `{sellable_id, channel_id, remote_id}`.
    pub channel_sellables: Option<Vec<Value>>,
    /// Veeqo: the order a shipment is for, as `GET /orders/{id}` returns it (or as it was
    /// sent): a rates request's `customer_reference` and `channel_items` are checked
    /// against its `number` and line items.
    pub veeqo_order: Option<Value>,
    /// FeedAMP: the order as `GET /orders/{mp_order_number}` returns it, when it exists.
    pub feedamp_order: Option<Value>,
    /// FeedAMP: the returns already made for the order (`GET /orders/{n}/returns`).
    pub feedamp_returns: Option<Vec<Value>>,
    /// FeedAMP: the order is known not to be placed yet (so it is new, not an update).
    pub new_order: bool,
    /// FeedAMP: the `{mp_order_number}` of the request's path.
    pub path_mp_order_number: Option<String>,
    /// Veeqo: the `{id}` of the request's path (the store listing an update is for).
    pub path_id: Option<String>,
}

impl Context {
    /// The FeedAMP order as FeedAMP has it, read through the model.
    pub fn order(&self) -> Option<Order<'_, Value>> {
        self.feedamp_order.as_ref().map(Order)
    }

    /// Parses a context document, explaining what is wrong with a bad one.
    pub fn from_json(text: &str) -> Result<Context, String> {
        let v = super::parse(text).map_err(|e| format!("context: {e}"))?;
        if !v.is_object() {
            return Err("context: expected an object such as {\"channels\": [...], \"channel_sellables\": [...]}".into());
        }
        let raw: Raw = serde_json::from_value(v.to_serde()).map_err(|e| format!("context: {e}"))?;
        let list =
            |l: Option<Vec<serde_json::Value>>| l.map(|l| l.into_iter().map(Value::from).collect());
        Ok(Context {
            channels: list(raw.channels),
            channel_sellables: list(raw.channel_sellables),
            veeqo_order: raw.veeqo_order.map(Value::from),
            feedamp_order: raw.feedamp_order.map(Value::from),
            feedamp_returns: list(raw.feedamp_returns),
            new_order: raw.new_order,
            path_mp_order_number: raw.path_mp_order_number,
            path_id: raw.path_id,
        })
    }
}

/// A context document as written.
#[derive(Deserialize)]
#[serde(default)]
#[derive(Default)]
struct Raw {
    channels: Option<Vec<serde_json::Value>>,
    channel_sellables: Option<Vec<serde_json::Value>>,
    veeqo_order: Option<serde_json::Value>,
    feedamp_order: Option<serde_json::Value>,
    feedamp_returns: Option<Vec<serde_json::Value>>,
    new_order: bool,
    path_mp_order_number: Option<String>,
    path_id: Option<String>,
}
