//! Veeqo endpoints used by the Buyer Protection flow and the troubleshooter.
//! Thin functions: each builds one [`Request`]; the `x-api-key` is added by [`authorize`].
//! The Rate Shopping API's (rates, booking, shipment, label) are here too; what their
//! answers hand the next step is in [`shipping`].

pub mod shipping;

use serde_json::Value;

use super::{error::json_body, segment, ApiError, Method, Request, Response};
use orderlint_text::id_text;

pub const BASE_URL: &str = "https://api.veeqo.com";
pub const API_KEY_HEADER: &str = "x-api-key";
/// The channel sellables endpoint answers 415 without it.
pub const JSON_API: &str = "application/vnd.api+json";

fn json_request(method: Method, path: Result<String, String>, body: Option<&str>) -> Request {
    let req = Request::to(method, path).header("Accept", "application/json");
    match body {
        Some(b) => req.json_body(b),
        None => req,
    }
}

/// `/<resource>/<id>` with the id percent-encoded; an id that could change the path is
/// never sent.
fn item(resource: &str, id: &str) -> Result<String, String> {
    Ok(format!("/{resource}/{}", segment(id.trim())?))
}

pub fn create_channel(body: &str) -> Request {
    json_request(Method::Post, Ok("/channels".into()), Some(body))
}

pub fn list_channels(page: u32, page_size: u32) -> Request {
    json_request(Method::Get, Ok("/channels".into()), None)
        .query_param("page", page.to_string())
        .query_param("page_size", page_size.to_string())
}

pub fn get_channel(id: &str) -> Request {
    json_request(Method::Get, item("channels", id), None)
}

pub fn create_product(body: &str) -> Request {
    json_request(Method::Post, Ok("/products".into()), Some(body))
}

pub fn get_product(id: &str) -> Request {
    json_request(Method::Get, item("products", id), None)
}

pub fn create_channel_sellable(body: &str) -> Request {
    Request::new(Method::Post, "/api/v2/channel_sellables")
        .json_body(body)
        .header("Accept", JSON_API)
}

/// `PUT /api/v2/channel_sellables/{id}` (Veeqo's "Update Store Listing").
pub fn update_channel_sellable(id: &str, body: &str) -> Request {
    Request::to(Method::Put, item("api/v2/channel_sellables", id))
        .json_body(body)
        .header("Accept", JSON_API)
}

pub fn create_order(body: &str) -> Request {
    json_request(Method::Post, Ok("/orders".into()), Some(body))
}

pub fn get_order(id: &str) -> Request {
    json_request(Method::Get, item("orders", id), None)
}

/// `POST /shipping/api/v1/rates` ("Veeqo Rate Shopping API: Get rates").
pub fn get_rates(body: &str) -> Request {
    json_request(Method::Post, Ok(shipping::RATES.into()), Some(body))
}

/// `POST /shipping/api/v1/shipments` ("Book a shipment"): a quote of the rates answer.
pub fn book_shipment(body: &str) -> Request {
    json_request(Method::Post, Ok(shipping::SHIPMENTS.into()), Some(body))
}

/// `GET /shipping/api/v1/shipments/{id}` ("Get shipment details"): `id` is the remote
/// shipment id or the tracking number; the answer lists the label and documents.
pub fn get_shipment(id: &str) -> Request {
    let path = segment(id.trim()).map(|id| format!("{}/{id}", shipping::SHIPMENTS));
    json_request(Method::Get, path, None)
}

/// `GET /shipping/api/v1/shipments/{id}/label.<format>`: the label, in one of the booking's
/// `label_format`s (the form of the `label_url` a shipment answers).
pub fn get_label(id: &str, format: &str) -> Request {
    let path = shipping::label_path(id, format);
    Request::to(Method::Get, path)
}

/// The orders whose number (or customer email, or a line's SKU) holds `number`: Veeqo's free
/// text search, `GET /orders?query=…&page_size=100` (100, the most a page holds), to look an
/// order up before creating it. [`order_with_number`] picks the exact match out of it.
pub fn find_orders(number: &str) -> Request {
    json_request(Method::Get, Ok("/orders".into()), None)
        .query_param("query", number.trim())
        .query_param("page_size", "100")
}

/// The id, as text, of the first order in a list whose `number` is `number` (trimmed, as
/// [`find_orders`] sends it) exactly: a search also answers orders that only contain it.
/// Numbers are unique per channel only, so a match may be another channel's order.
pub fn order_with_number(list: &[Value], number: &str) -> Option<String> {
    let number = number.trim();
    list.iter()
        .find(|o| o.get("number").and_then(Value::as_str) == Some(number))
        .and_then(|o| o.get("id").and_then(id_text))
}

/// Adds the API key; the only place a Veeqo secret enters a request.
pub fn authorize(req: &mut Request, api_key: &str) {
    // No key, no header: a preview must not show a masked key that is not there.
    if !api_key.trim().is_empty() {
        req.set_header(API_KEY_HEADER, api_key.trim());
    }
}

/// The JSON body of a 2xx answer, or the error it stands for.
pub fn parse(resp: &Response) -> Result<Value, ApiError> {
    json_body(resp)
}

/// The ids a created resource hands to the next steps of the flow, by placeholder name.
pub fn ids_from_created(body: &Value) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    // JSON:API documents (channel sellables).
    if let Some(data) = body.get("data") {
        if let Some(id) = data.get("id").and_then(id_text) {
            out.push(("channel_sellable_id", id));
        }
        let rel = |name: &str| {
            data.get("relationships")?
                .get(name)?
                .get("data")?
                .get("id")
                .and_then(id_text)
        };
        if let Some(id) = rel("channel_product") {
            out.push(("channel_product_id", id));
        }
        return out;
    }
    // The Rate Shopping answers: a rates answer's quotes, a booking's shipments.
    if body.get("quotes").is_some() {
        return shipping::ids_from_rates(body);
    }
    if body.get("shipments").is_some() || body.get("tracking_number").is_some() {
        return shipping::ids_from_booking(body);
    }
    let id = body.get("id").and_then(id_text);
    if body.get("sellables").is_some() || body.get("product_variants").is_some() {
        if let Some(id) = id {
            out.push(("product_id", id));
        }
        let first = ["sellables", "product_variants"]
            .iter()
            .find_map(|k| body.get(k)?.get(0)?.get("id").and_then(id_text));
        if let Some(s) = first {
            out.push(("sellable_id", s));
        }
    } else if body.get("line_items").is_some() || body.get("number").is_some() {
        if let Some(id) = id {
            out.push(("order_id", id));
        }
        // The order's Amazon ids, for the rates request that ships it.
        out.extend(shipping::ids_from_order(body));
    } else if body.get("type_code").is_some() {
        if let Some(id) = id {
            out.push(("channel_id", id));
        }
    }
    out
}

/// The channel sellables a product carries (`channel_products[].channel_sellables[]`),
/// flattened with their channel id, as the rules' context and the troubleshooter take them.
pub fn channel_sellables_of_product(product: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    let Some(cps) = product.get("channel_products").and_then(Value::as_array) else {
        return out;
    };
    for cp in cps {
        let channel = cp.get("channel_id").cloned().unwrap_or(Value::Null);
        for cs in cp
            .get("channel_sellables")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let mut flat = cs.clone();
            if let Some(m) = flat.as_object_mut() {
                m.entry("channel_id").or_insert(channel.clone());
            }
            out.push(flat);
        }
    }
    out
}

/// The product ids an order's line items come from (`line_items[].sellable.product_id`).
pub fn product_ids_of_order(order: &Value) -> Vec<String> {
    let mut ids: Vec<String> = order
        .get("line_items")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|li| {
            let s = li.get("sellable")?;
            s.get("product_id")
                .and_then(id_text)
                .or_else(|| s.get("product")?.get("id").and_then(id_text))
        })
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// A list answer (`GET /channels`, …): its items, or why it is not a list.
pub fn parse_list(resp: &Response, what: &str) -> Result<Vec<Value>, ApiError> {
    match parse(resp)? {
        Value::Array(items) => Ok(items),
        _ => Err(ApiError::Parse {
            message: format!("{what} did not return an array"),
            body: resp.body.clone(),
        }),
    }
}

/// The sandbox's Buyer Protection verdict on a created order (`sandbox_buyer_protection`,
/// which the real API does not return): whether it would apply, and if not, why.
#[derive(Clone, Debug, PartialEq)]
pub struct BspVerdict {
    pub eligible: bool,
    pub reasons: Vec<String>,
}

impl BspVerdict {
    pub fn of_order(order: &Value) -> Option<BspVerdict> {
        Self::read(order.get("sandbox_buyer_protection")?)
    }

    /// The sandbox's Buy Shipping protection verdict on a rates answer
    /// (`sandbox_buy_shipping_protection`, which the real API does not return either).
    pub fn of_rates(rates: &Value) -> Option<BspVerdict> {
        Self::read(rates.get("sandbox_buy_shipping_protection")?)
    }

    fn read(v: &Value) -> Option<BspVerdict> {
        Some(BspVerdict {
            eligible: v.get("eligible").and_then(Value::as_bool).unwrap_or(false),
            reasons: v
                .get("reasons")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|r| r.as_str().map(str::to_string))
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn typed_reads_of_answers() {
        let order = json!({"id": 1, "sandbox_buyer_protection": {"eligible": false, "reasons": ["no channel sellable", 3]}});
        assert_eq!(
            BspVerdict::of_order(&order),
            Some(BspVerdict {
                eligible: false,
                reasons: vec!["no channel sellable".into()]
            })
        );
        assert_eq!(BspVerdict::of_order(&json!({"id": 1})), None);
        let rates = json!({"sandbox_buy_shipping_protection": {"eligible": true, "reasons": []}});
        assert_eq!(
            BspVerdict::of_rates(&rates),
            Some(BspVerdict {
                eligible: true,
                reasons: vec![]
            })
        );
        let ok = |body: &str| Response {
            status: 200,
            headers: vec![],
            body: body.into(),
        };
        assert_eq!(parse_list(&ok("[1, 2]"), "GET /channels").unwrap().len(), 2);
        let e = parse_list(&ok("{}"), "GET /channels").unwrap_err();
        assert_eq!(
            e.to_string(),
            "unexpected response: GET /channels did not return an array"
        );
    }

    #[test]
    fn requests() {
        let r = create_channel_sellable("{}");
        assert_eq!(r.path, "/api/v2/channel_sellables");
        assert_eq!(r.get_header("accept"), Some(JSON_API));
        assert_eq!(get_order(" 12 ").path, "/orders/12");
        let mut r = create_order("{}");
        authorize(&mut r, " k ");
        assert_eq!(r.get_header("X-API-KEY"), Some("k"));
        let r = get_rates("{}");
        assert_eq!(
            (r.method, r.path.as_str()),
            (Method::Post, "/shipping/api/v1/rates")
        );
        assert_eq!(book_shipment("{}").path, "/shipping/api/v1/shipments");
        assert_eq!(
            get_shipment(" prb1 ").path,
            "/shipping/api/v1/shipments/prb1"
        );
        assert_eq!(
            get_label("prb1", "ZPL").path,
            "/shipping/api/v1/shipments/prb1/label.zpl"
        );
        assert!(get_label("prb1", "GIF").refused.is_some());
        assert!(get_shipment("../orders").refused.is_some());
    }

    #[test]
    fn an_order_is_looked_up_by_its_number() {
        let r = find_orders(" 112-1 & 2 ");
        assert_eq!((r.method, r.path.as_str()), (Method::Get, "/orders"));
        assert_eq!(r.target(), "/orders?query=112-1%20%26%202&page_size=100");
        assert_eq!(r.get_header("accept"), Some("application/json"));
        let found = [
            json!({"id": 1, "number": "112-1-A"}),
            json!({"id": 2, "number": null}),
            json!({"id": "3", "number": "112-1"}),
            json!({"id": 4, "number": "112-1"}),
        ];
        assert_eq!(order_with_number(&found, " 112-1"), Some("3".into()));
        assert_eq!(order_with_number(&found, "112-1-A"), Some("1".into()));
        assert_eq!(order_with_number(&found, "112"), None);
        assert_eq!(order_with_number(&found, "112-1-a"), None);
        assert_eq!(order_with_number(&[], "112-1"), None);
    }

    #[test]
    fn ids_flow_forward() {
        assert_eq!(
            ids_from_created(&json!({"id": 7, "type_code": "custom_integration"})),
            vec![("channel_id", "7".to_string())]
        );
        assert_eq!(
            ids_from_created(&json!({"id": 8, "sellables": [{"id": 9}]})),
            vec![
                ("product_id", "8".to_string()),
                ("sellable_id", "9".to_string())
            ]
        );
        assert_eq!(
            ids_from_created(&json!({"data": {"id": "5", "relationships":
            {"channel_product": {"data": {"id": "6"}}}}})),
            vec![
                ("channel_sellable_id", "5".to_string()),
                ("channel_product_id", "6".to_string())
            ]
        );
        assert_eq!(
            ids_from_created(&json!({"id": 10, "number": "x", "line_items": []})),
            vec![
                ("order_id", "10".to_string()),
                ("amazon_order_number", "x".to_string())
            ]
        );
        // Then the shipping flow: rates answer to booking, booking to label.
        let keys = |v| {
            ids_from_created(&v)
                .into_iter()
                .map(|(k, _)| k)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            keys(json!({"remote_shipment_id": "prb1", "request_token": "t",
                "quotes": [{"name": "q1", "total_net_charge": 5, "protected": true}]})),
            ["remote_shipment_id", "request_token", "rate_id"]
        );
        let booked = json!({"shipments": [{"remote_shipment_id": "p", "tracking_number": "T"}]});
        assert_eq!(keys(booked), ["remote_shipment_id", "tracking_number"]);
    }
}
