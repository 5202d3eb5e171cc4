//! What cross-entity rules know about the account: fetched by the app or passed with
//! `--context` to the CLI. Each list is optional; a rule that needs a missing one says so.

use orderlint_json::{Document, Value};
use orderlint_model::feedamp::Order;
use serde::Deserialize;

/// A value kept as context: an owned document, read by the same rules as a payload.
pub type Owned = Document<'static>;

/// A list kept as context: one owned document holding the array.
#[derive(Clone, Debug, PartialEq)]
pub struct List(Owned);

impl List {
    pub fn items(&self) -> &[Value<'_>] {
        self.0.value().as_array().unwrap_or_default()
    }
    pub fn len(&self) -> usize {
        self.items().len()
    }
    pub fn is_empty(&self) -> bool {
        self.items().is_empty()
    }
}

impl From<Vec<serde_json::Value>> for List {
    fn from(items: Vec<serde_json::Value>) -> List {
        List(Owned::from(serde_json::Value::Array(items)))
    }
}

/// A document as a list: its items when it holds an array, else none.
impl From<Owned> for List {
    fn from(doc: Owned) -> List {
        List(doc)
    }
}

impl FromIterator<serde_json::Value> for List {
    fn from_iter<I: IntoIterator<Item = serde_json::Value>>(items: I) -> List {
        List::from(items.into_iter().collect::<Vec<_>>())
    }
}

impl From<&[serde_json::Value]> for List {
    fn from(items: &[serde_json::Value]) -> List {
        List::from(items.to_vec())
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Context {
    /// Veeqo channels as `GET /channels` returns them.
    pub channels: Option<List>,
    /// Veeqo channel sellables: JSON:API resources or flat `{sellable_id, channel_id, remote_id}`.
    pub channel_sellables: Option<List>,
    /// Veeqo: the order a shipment is for, as `GET /orders/{id}` returns it (or as it was
    /// sent): a rates request's `customer_reference` and `channel_items` are checked
    /// against its `number` and line items.
    pub veeqo_order: Option<Owned>,
    /// FeedAMP: the order as `GET /orders/{mp_order_number}` returns it, when it exists.
    pub feedamp_order: Option<Owned>,
    /// FeedAMP: the returns already made for the order (`GET /orders/{n}/returns`).
    pub feedamp_returns: Option<List>,
    /// FeedAMP: the order is known not to be placed yet (so it is new, not an update).
    pub new_order: bool,
    /// FeedAMP: the `{mp_order_number}` of the request's path.
    pub path_mp_order_number: Option<String>,
    /// Veeqo: the `{id}` of the request's path (the store listing an update is for).
    pub path_id: Option<String>,
}

impl Context {
    pub fn channels(&self) -> Option<&[Value<'_>]> {
        self.channels.as_ref().map(List::items)
    }
    pub fn channel_sellables(&self) -> Option<&[Value<'_>]> {
        self.channel_sellables.as_ref().map(List::items)
    }
    pub fn feedamp_returns(&self) -> Option<&[Value<'_>]> {
        self.feedamp_returns.as_ref().map(List::items)
    }
    pub fn veeqo_order(&self) -> Option<&Value<'_>> {
        self.veeqo_order.as_ref().map(Document::value)
    }
    pub fn feedamp_order(&self) -> Option<&Value<'_>> {
        self.feedamp_order.as_ref().map(Document::value)
    }

    /// The FeedAMP order as FeedAMP has it, read through the model.
    pub fn order(&self) -> Option<Order<'_, Value<'_>>> {
        self.feedamp_order.as_ref().map(|o| Order(o.value()))
    }

    /// Parses a context document, explaining what is wrong with a bad one.
    pub fn from_json(text: &str) -> Result<Context, String> {
        let doc = super::parse(text).map_err(|e| format!("context: {e}"))?;
        let v = doc.value();
        if !v.is_object() {
            return Err("context: expected an object such as {\"channels\": [...], \"channel_sellables\": [...]}".into());
        }
        let raw: Raw = serde_json::from_value(v.to_serde()).map_err(|e| format!("context: {e}"))?;
        let list = |l: Option<Vec<serde_json::Value>>| l.map(List::from);
        Ok(Context {
            channels: list(raw.channels),
            channel_sellables: list(raw.channel_sellables),
            veeqo_order: raw.veeqo_order.map(Owned::from),
            feedamp_order: raw.feedamp_order.map(Owned::from),
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
