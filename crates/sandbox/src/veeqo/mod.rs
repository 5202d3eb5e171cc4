//! The Veeqo half of the sandbox: channels, products (sellables), channel sellables (store
//! listings: created, updated), orders and the Rate Shopping API (rates, booking, shipments
//! and labels), with Veeqo's status codes, error shapes, string ids on the JSON:API endpoint
//! and its leaky-bucket rate limit. Each created order carries
//! `sandbox_buyer_protection`: whether Buyer Protection would apply, and why not.
//!
//! The state and the routes are here; the handlers live one resource per file.

mod channel_sellables;
mod channels;
mod orders;
mod products;
pub mod seed;
mod shipping;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use orderlint_api::ratelimit::LeakyBucket;
use orderlint_api::{parse_query, veeqo::JSON_API, Method, Request, Response};
use orderlint_rules::Kind;

const TYPE_CODES: &[&str] = &[
    "custom_integration",
    "direct",
    "amazon",
    "ebay",
    "shopify",
    "woocommerce",
    "magento",
    "bigcommerce",
    "etsy",
];

#[derive(Debug, Serialize, Deserialize)]
struct Sellable {
    id: u64,
    product_id: u64,
    sku: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct ChannelProduct {
    id: u64,
    channel_id: u64,
    remote_title: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct ChannelSellable {
    id: u64,
    channel_id: u64,
    sellable_id: u64,
    channel_product_id: u64,
    attrs: Map<String, Value>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Veeqo {
    /// Off only for tests that need a burst; on everywhere else.
    pub rate_limit: bool,
    /// The rate limit's state is not kept: a reload starts with full room.
    #[serde(skip)]
    buckets: HashMap<String, LeakyBucket>,
    channels: Vec<Value>,
    products: Vec<Value>,
    sellables: Vec<Sellable>,
    channel_products: Vec<ChannelProduct>,
    channel_sellables: Vec<ChannelSellable>,
    orders: Vec<Value>,
    /// Rate Shopping: each rates answer (with the request it answered), and the booked
    /// shipments.
    rate_requests: Vec<Value>,
    shipments: Vec<Value>,
    next_id: u64,
}

impl Default for Veeqo {
    fn default() -> Self {
        Veeqo {
            rate_limit: true,
            buckets: HashMap::new(),
            channels: Vec::new(),
            products: Vec::new(),
            sellables: Vec::new(),
            channel_products: Vec::new(),
            channel_sellables: Vec::new(),
            orders: Vec::new(),
            rate_requests: Vec::new(),
            shipments: Vec::new(),
            next_id: 1_000_000,
        }
    }
}

/// Outcome of a handler: a response either way; `?` on an error response returns it.
type Handled = Result<Response, Response>;

fn messages(status: u16, msgs: Vec<String>) -> Response {
    Response::json(status, &json!({ "error_messages": msgs }))
}

/// An error in the shape Veeqo gives `status`: Rails' `{"status", "error"}` for a missing
/// route, a wrong method and a server error, `error_messages` for the rest.
pub(crate) fn error(status: u16, message: &str) -> Response {
    if matches!(status, 404 | 405) || status >= 500 {
        Response::json(status, &json!({"status": status, "error": message}))
    } else {
        messages(status, vec![message.into()])
    }
}

fn not_found(what: &str) -> Response {
    error(404, &format!("{what} not found"))
}

/// Veeqo's 429 body (the caller adds `Retry-After`).
pub(crate) fn rate_limited() -> Response {
    Response::json(
        429,
        &json!({"error_messages": "Rate limit exceeded: 5 requests a second, bursts of 100"}),
    )
}

fn json_api_error(status: u16, title: &str, detail: &str, pointer: Option<&str>) -> Response {
    let mut e = json!({"status": status.to_string(), "title": title, "detail": detail});
    if let Some(p) = pointer {
        e["source"] = json!({ "pointer": p });
    }
    Response::json(status, &json!({ "errors": [e] })).with_header("Content-Type", JSON_API)
}

fn body_json(req: &Request) -> Result<Value, Response> {
    crate::body_json(req).map_err(|m| Response::json(400, &json!({ "error_messages": m })))
}

/// The `{"<root>": {...}}` object (the kind's wrapper key), or Rails' 400 for a missing
/// parameter. A bare body is wrapped as Rails' ParamsWrapper does: only the model's own
/// columns, so nested `..._attributes` are left behind (Veeqo's own channel sample is bare).
fn root(body: &Value, kind: Kind) -> Result<Map<String, Value>, Response> {
    let key = kind.wrapper().unwrap_or_default();
    if let Some(m) = body.get(key).and_then(Value::as_object) {
        return Ok(m.clone());
    }
    let columns: Map<String, Value> = body
        .as_object()
        .filter(|m| !m.contains_key(key))
        .into_iter()
        .flatten()
        .filter(|(k, _)| !k.ends_with("_attributes"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if columns.is_empty() {
        return Err(Response::json(
            400,
            &json!({"error_messages": format!("param is missing or the value is empty: {key}")}),
        ));
    }
    Ok(columns)
}

/// An integer as Rails casts it: a number, or a string of digits.
fn cast_int(v: Option<&Value>) -> Option<i64> {
    match v? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A query parameter's value, if sent.
fn param<'a>(query: &'a [(String, String)], name: &str) -> Option<&'a str> {
    query
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// One page of a list, as Veeqo pages: `page` from 1, `page_size` 12 unless given (the
/// default in Veeqo's API reference) and at most 100, the total in `X-Total-Count` and
/// `X-Total-Pages-Count`.
fn paged(items: Vec<&Value>, query: &[(String, String)]) -> Response {
    let number = |k: &str| param(query, k).and_then(|v| v.trim().parse::<usize>().ok());
    let page = number("page").unwrap_or(1).max(1);
    let size = number("page_size").unwrap_or(12).clamp(1, 100);
    let total = items.len();
    let shown: Vec<Value> = items
        .into_iter()
        .skip((page - 1).saturating_mul(size))
        .take(size)
        .cloned()
        .collect();
    Response::json(200, &Value::Array(shown))
        .with_header("X-Total-Count", total.to_string())
        .with_header("X-Total-Pages-Count", total.div_ceil(size).to_string())
}

fn text<'a>(m: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    m.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// A numeric id given as a number or a string.
fn num_id(v: Option<&Value>) -> Option<u64> {
    match v? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn id_of(v: &Value) -> Option<u64> {
    num_id(v.get("id"))
}

/// Veeqo stores `"{{ASIN}}"` as it stores any text, so the sandbox accepts it too; but the
/// rules call a left placeholder an error, so what it created says why it was accepted.
fn placeholder_note(req: &Request, resp: Response) -> Response {
    let held = req
        .body
        .as_deref()
        .and_then(orderlint_rules::text::first_placeholder)
        .map(str::to_string);
    let (Some(p), true) = (held, resp.is_success()) else {
        return resp;
    };
    let Ok(Value::Object(mut body)) = serde_json::from_str::<Value>(&resp.body) else {
        return resp;
    };
    body.insert(
        "sandbox_note".into(),
        json!(format!("Accepted as the real API would: it stores {p} as plain text. It is a template placeholder, not a value: replace it before sending this to the live API. (Added by the orderlint sandbox.)")),
    );
    Response {
        body: Value::Object(body).to_string(),
        ..resp
    }
}

impl Veeqo {
    fn next(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    pub fn handle(&mut self, req: &Request, now_ms: u64) -> Response {
        let key = req.get_header("x-api-key").map(str::trim).unwrap_or("");
        if key.is_empty() {
            return Response::json(
                401,
                &json!({"error_messages": "Unauthorized: send your API key in the x-api-key header"}),
            );
        }
        if self.rate_limit {
            let bucket = self
                .buckets
                .entry(key.to_string())
                .or_insert_with(LeakyBucket::veeqo);
            if let Err(wait_ms) = bucket.try_acquire(now_ms) {
                let secs = wait_ms.div_ceil(1000).max(1);
                return rate_limited().with_header("Retry-After", secs.to_string());
            }
        }
        let (path, extra_query) = match req.path.split_once('?') {
            Some((p, q)) => (p, parse_query(q)),
            None => (req.path.as_str(), vec![]),
        };
        let query: Vec<(String, String)> = req.query.iter().cloned().chain(extra_query).collect();
        let segs: Vec<&str> = path
            .trim_matches('/')
            .split('/')
            .filter(|s| !s.is_empty())
            .collect();
        let result = match (req.method, segs.as_slice()) {
            (Method::Post, ["channels"]) => self.create_channel(req),
            (Method::Get, ["channels"]) => Ok(self.list_channels(&query)),
            (Method::Get, ["channels", id]) => self.get_channel(id),
            (Method::Post, ["products"]) => self.create_product(req),
            (Method::Get, ["products", id]) => self.get_product(id),
            (Method::Post, ["api", "v2", "channel_sellables"]) => self.create_channel_sellable(req),
            (Method::Put, ["api", "v2", "channel_sellables", id]) => {
                self.update_channel_sellable(req, id)
            }
            (Method::Post, ["orders"]) => self.create_order(req),
            (Method::Get, ["orders"]) => Ok(self.list_orders(&query)),
            (Method::Get, ["orders", id]) => self.get_order(id),
            (Method::Post, ["shipping", "api", "v1", "rates"]) => self.get_rates(req),
            (Method::Post, ["shipping", "api", "v1", "shipments"]) => {
                self.book_shipment(req, now_ms)
            }
            (Method::Get, ["shipping", "api", "v1", "shipments", id]) => self.get_shipment(id),
            (Method::Get, ["shipping", "api", "v1", "shipments", id, file @ ..]) => {
                self.get_shipment_file(id, file)
            }
            (
                _,
                ["channels"]
                | ["channels", _]
                | ["products"]
                | ["products", _]
                | ["orders"]
                | ["orders", _]
                | ["api", "v2", "channel_sellables"]
                | ["shipping", "api", "v1", "rates" | "shipments"]
                | ["shipping", "api", "v1", "shipments", _, ..]
                | ["api", "v2", "channel_sellables", _],
            ) => Err(error(
                405,
                &format!("{} is not allowed on {path}", req.method),
            )),
            _ => Err(not_found(&format!("Route {path}"))),
        };
        let resp = result.unwrap_or_else(|e| e);
        placeholder_note(req, resp)
    }
}
