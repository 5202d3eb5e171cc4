//! Orders: place and update, read one or a page of them, fulfillments, and error reports.

use serde_json::Value;

use super::{below_order, json_request, order_path, with_query};
use crate::{error::json_body, ApiError, Method, Request, Response};
use orderlint_text::locate::string_at;

/// Fields `GET /orders/{n}` adds that are not part of a placed order's body.
const VIEW_ONLY: &[&str] = &[
    "fulfillments",
    "errors",
    "status",
    "acknowledged",
    "fulfillment_status",
    "imported_date",
    "seller_updated_date",
];
/// The body of an update that moves a placed order to `state`: the order as placed, with
/// only the marketplace state changed (the one field an update changes).
pub fn update_body(placed: &Value, state: &str) -> Value {
    let mut body = placed.clone();
    if let Some(m) = body.as_object_mut() {
        m.retain(|k, _| !VIEW_ONLY.contains(&k.as_str()));
        m.insert("marketplace_state".into(), Value::String(state.into()));
    }
    body
}
/// `PUT /orders/{n}` for a payload: the path's number is the body's own.
pub fn put_order_for(body: &str) -> Request {
    // Read in place: the editor rebuilds this request on every keystroke.
    let n = string_at(body, "/mp_order_number").unwrap_or_default();
    put_order(&n, body)
}
/// The ids a response hands to later steps, by placeholder name.
pub fn ids_from_response(body: &Value) -> Vec<(&'static str, String)> {
    body.get("mp_order_number")
        .and_then(Value::as_str)
        .map(|n| vec![("mp_order_number", n.to_string())])
        .unwrap_or_default()
}
pub fn put_order(mp_order_number: &str, body: &str) -> Request {
    json_request(Method::Put, order_path(mp_order_number), Some(body))
}
pub fn get_order(mp_order_number: &str) -> Request {
    json_request(Method::Get, order_path(mp_order_number), None)
}
pub fn get_fulfillments(mp_order_number: &str) -> Request {
    json_request(
        Method::Get,
        below_order(mp_order_number, "/fulfillments"),
        None,
    )
}
pub fn report_errors(mp_order_number: &str, body: &str) -> Request {
    json_request(
        Method::Post,
        below_order(mp_order_number, "/errors"),
        Some(body),
    )
}
/// `GET /orders` with the filters of a `feedamp.orders_query` document (lists joined by
/// commas) and, for the pages after the first, the cursor.
pub fn get_orders(query: &Value, cursor: Option<&str>) -> Request {
    with_query(
        json_request(Method::Get, Ok("/orders".into()), None),
        query,
        cursor,
    )
}
pub fn parse(resp: &Response) -> Result<Value, ApiError> {
    json_body(resp)
}
