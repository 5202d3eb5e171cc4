//! Every endpoint of the two APIs orderlint knows: its method, its path with `{id}`
//! segments, and what its payload is. A pasted request is matched by the end of its path,
//! so one sent through a proxy's prefix (`/veeqo/orders`) is found too.

use crate::{Api, Body, Kind};

/// Where an endpoint's payload is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Payload {
    /// A JSON body.
    Json,
    /// A JSON:API body, answered with 415 unless `Accept: application/vnd.api+json`.
    JsonApi,
    /// A form-encoded body (JSON also read).
    Form,
    /// The query string's parameters.
    Query,
    /// The whole URL.
    Url,
    /// None: a read.
    Nothing,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub api: Api,
    pub method: &'static str,
    pub path: &'static str,
    pub kind: Option<Kind>,
    pub payload: Payload,
}

impl Endpoint {
    /// "POST /orders (Veeqo)".
    pub fn name(&self) -> String {
        format!("{} {} ({})", self.method, self.path, self.api.name())
    }
}

/// The endpoints that take no payload (reads): a kind's own endpoints are in its row.
static READS: &[(Api, &str, &str)] = &[
    (Api::Veeqo, "GET", "/channels"),
    (Api::Veeqo, "GET", "/channels/{id}"),
    // "List all orders" (Veeqo API reference): what Bulk's look-up searches before a create.
    (Api::Veeqo, "GET", "/orders"),
    (Api::Veeqo, "GET", "/products/{id}"),
    (Api::Veeqo, "GET", "/orders/{id}"),
    // The Rate Shopping API: a booked shipment, and its label in each of the booking's
    // `label_format`s ("Get shipment details": `label_url`).
    (Api::Veeqo, "GET", "/shipping/api/v1/shipments/{id}"),
    (
        Api::Veeqo,
        "GET",
        "/shipping/api/v1/shipments/{id}/label.pdf",
    ),
    (
        Api::Veeqo,
        "GET",
        "/shipping/api/v1/shipments/{id}/label.png",
    ),
    (
        Api::Veeqo,
        "GET",
        "/shipping/api/v1/shipments/{id}/label.zpl",
    ),
    (
        Api::Veeqo,
        "GET",
        "/shipping/api/v1/shipments/{id}/label.jpeg",
    ),
    (Api::Feedamp, "GET", "/orders/{mp_order_number}"),
    (
        Api::Feedamp,
        "GET",
        "/orders/{mp_order_number}/fulfillments",
    ),
    (Api::Feedamp, "GET", "/orders/{mp_order_number}/refunds"),
    (
        Api::Feedamp,
        "GET",
        "/orders/{mp_order_number}/refunds/{feedamp_refund_id}",
    ),
    (
        Api::Feedamp,
        "PUT",
        "/orders/{mp_order_number}/refunds/{feedamp_refund_id}/complete",
    ),
    (Api::Feedamp, "GET", "/orders/{mp_order_number}/returns"),
    (
        Api::Feedamp,
        "GET",
        "/orders/{mp_order_number}/returns/{mp_return_number}",
    ),
    (
        Api::Feedamp,
        "GET",
        "/orders/{mp_order_number}/returns/{mp_return_number}/refunds",
    ),
    (
        Api::Feedamp,
        "PUT",
        "/orders/{mp_order_number}/returns/{mp_return_number}/complete",
    ),
];

/// Every endpoint: the reads, then each kind's, as its row says.
pub(crate) fn endpoints() -> impl Iterator<Item = Endpoint> {
    let reads = READS.iter().map(|&(api, method, path)| Endpoint {
        api,
        method,
        path,
        kind: None,
        payload: Payload::Nothing,
    });
    let kinds = Kind::ALL.iter().flat_map(|&kind| {
        let spec = kind.spec();
        let payload = match spec.body {
            _ if spec.json_api.is_some() => Payload::JsonApi,
            Body::Wrapped { .. } | Body::Bare(_) | Body::Errors { .. } => Payload::Json,
            Body::Query(_) => Payload::Query,
            Body::Form { .. } => Payload::Form,
            Body::Url { .. } => Payload::Url,
        };
        spec.endpoints.iter().map(move |&(method, path)| Endpoint {
            api: spec.api,
            method,
            path,
            kind: Some(kind),
            payload,
        })
    });
    reads.chain(kinds)
}

/// What the path tells: the endpoints whose path its last segments match, with the
/// values of their `{…}` segments.
/// Only the longest paths that match count: `/orders/1/returns` is not `GET /returns`.
pub fn by_path(path: &str) -> Vec<(Endpoint, Vec<(&'static str, String)>)> {
    let segs: Vec<&str> = path
        .trim_end_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    let found: Vec<_> = endpoints()
        .filter_map(|ep| {
            let pat: Vec<&str> = ep.path.split('/').filter(|s| !s.is_empty()).collect();
            let tail = segs.get(segs.len().checked_sub(pat.len())?..)?;
            let mut ids = Vec::new();
            for (p, s) in pat.iter().zip(tail) {
                match p.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
                    Some(name) => ids.push((name, orderlint_text::url::decode(s))),
                    None if p == s => {}
                    None => return None,
                }
            }
            Some((ep, ids))
        })
        .collect();
    let longest = found
        .iter()
        .map(|(ep, _)| depth(ep.path))
        .max()
        .unwrap_or(0);
    found
        .into_iter()
        .filter(|(ep, _)| depth(ep.path) == longest)
        .collect()
}

/// How many segments a path has.
pub(crate) fn depth(path: &str) -> usize {
    path.split('/').filter(|s| !s.is_empty()).count()
}
