//! Every endpoint of the two APIs orderlint knows: its method, its path with `{id}`
//! segments, and what its payload is. A pasted request is matched by the end of its path,
//! so one sent through a proxy's prefix (`/veeqo/orders`) is found too.

use crate::Kind;

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
    pub api: &'static str,
    pub method: &'static str,
    pub path: &'static str,
    pub kind: Option<Kind>,
    pub payload: Payload,
}

impl Endpoint {
    /// "POST /orders (Veeqo)".
    pub fn name(&self) -> String {
        format!("{} {} ({})", self.method, self.path, self.api)
    }
}

const fn e(
    api: &'static str,
    method: &'static str,
    path: &'static str,
    kind: Option<Kind>,
    payload: Payload,
) -> Endpoint {
    Endpoint {
        api,
        method,
        path,
        kind,
        payload,
    }
}

pub const VEEQO: &str = "Veeqo";
pub const FEEDAMP: &str = "FeedAMP";

use Payload::*;

static ENDPOINTS: &[Endpoint] = &[
    e(VEEQO, "POST", "/channels", Some(Kind::VeeqoChannel), Json),
    e(VEEQO, "GET", "/channels", None, Nothing),
    e(VEEQO, "GET", "/channels/{id}", None, Nothing),
    e(VEEQO, "POST", "/products", Some(Kind::VeeqoProduct), Json),
    e(VEEQO, "GET", "/products/{id}", None, Nothing),
    e(
        VEEQO,
        "POST",
        "/api/v2/channel_sellables",
        Some(Kind::VeeqoChannelSellable),
        JsonApi,
    ),
    e(VEEQO, "POST", "/orders", Some(Kind::VeeqoOrder), Json),
    e(VEEQO, "GET", "/orders/{id}", None, Nothing),
    e(
        FEEDAMP,
        "GET",
        "/authorize",
        Some(Kind::FeedampAuthorizeUrl),
        Url,
    ),
    e(
        FEEDAMP,
        "POST",
        "/access_token",
        Some(Kind::FeedampTokenRequest),
        Form,
    ),
    e(
        FEEDAMP,
        "GET",
        "/orders",
        Some(Kind::FeedampOrdersQuery),
        Query,
    ),
    e(
        FEEDAMP,
        "PUT",
        "/orders/{mp_order_number}",
        Some(Kind::FeedampOrder),
        Json,
    ),
    e(FEEDAMP, "GET", "/orders/{mp_order_number}", None, Nothing),
    e(
        FEEDAMP,
        "GET",
        "/orders/{mp_order_number}/fulfillments",
        None,
        Nothing,
    ),
    e(
        FEEDAMP,
        "POST",
        "/orders/{mp_order_number}/errors",
        Some(Kind::FeedampOrderErrors),
        Json,
    ),
    e(
        FEEDAMP,
        "GET",
        "/refunds",
        Some(Kind::FeedampRefundsQuery),
        Query,
    ),
    e(
        FEEDAMP,
        "GET",
        "/orders/{mp_order_number}/refunds",
        None,
        Nothing,
    ),
    e(
        FEEDAMP,
        "GET",
        "/orders/{mp_order_number}/refunds/{feedamp_refund_id}",
        None,
        Nothing,
    ),
    e(
        FEEDAMP,
        "POST",
        "/orders/{mp_order_number}/refunds/{feedamp_refund_id}/complete",
        None,
        Nothing,
    ),
    e(
        FEEDAMP,
        "POST",
        "/orders/{mp_order_number}/refunds/{feedamp_refund_id}/errors",
        Some(Kind::FeedampRefundErrors),
        Json,
    ),
    e(
        FEEDAMP,
        "GET",
        "/returns",
        Some(Kind::FeedampReturnsQuery),
        Query,
    ),
    e(
        FEEDAMP,
        "GET",
        "/orders/{mp_order_number}/returns",
        None,
        Nothing,
    ),
    e(
        FEEDAMP,
        "PUT",
        "/orders/{mp_order_number}/returns/{mp_return_number}",
        Some(Kind::FeedampReturn),
        Json,
    ),
    e(
        FEEDAMP,
        "GET",
        "/orders/{mp_order_number}/returns/{mp_return_number}",
        None,
        Nothing,
    ),
    e(
        FEEDAMP,
        "GET",
        "/orders/{mp_order_number}/returns/{mp_return_number}/refunds",
        None,
        Nothing,
    ),
    e(
        FEEDAMP,
        "POST",
        "/orders/{mp_order_number}/returns/{mp_return_number}/complete",
        None,
        Nothing,
    ),
    e(
        FEEDAMP,
        "POST",
        "/orders/{mp_order_number}/returns/{mp_return_number}/errors",
        Some(Kind::FeedampReturnErrors),
        Json,
    ),
];

/// What the path tells: the endpoints whose path its last segments match, with the
/// values of their `{…}` segments.
/// Only the longest paths that match count: `/orders/1/returns` is not `GET /returns`.
pub fn by_path(path: &str) -> Vec<(&'static Endpoint, Vec<(&'static str, String)>)> {
    let segs: Vec<&str> = path
        .trim_end_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    let found: Vec<_> = ENDPOINTS
        .iter()
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
    let longest = found.iter().map(|(ep, _)| depth(ep)).max().unwrap_or(0);
    found
        .into_iter()
        .filter(|(ep, _)| depth(ep) == longest)
        .collect()
}

fn depth(ep: &Endpoint) -> usize {
    ep.path.split('/').filter(|s| !s.is_empty()).count()
}
