//! Refunds and returns. The spec names these operations but prints no paths; these follow
//! its resource names (`/orders/{mp_order_number}/refunds/{feedamp_refund_id}`,
//! `/orders/{mp_order_number}/returns/{mp_return_number}`) and are the sandbox's.

use serde_json::Value;

use super::{below_order, json_request, sub_path, with_query};
use crate::{Method, Request};

/// The ids below an order, as the path holds them: named when one is empty.
const REFUND_ID: &str = "feedamp_refund_id (the refund's id in the path)";
const RETURN_NUMBER: &str = "mp_return_number (the return's number in the path)";

/// `GET /refunds` with the filters of a `feedamp.refunds_query` document.
pub fn get_refunds(query: &Value, cursor: Option<&str>) -> Request {
    with_query(
        Request::new(Method::Get, "/refunds").header("Accept", "application/json"),
        query,
        cursor,
    )
}
pub fn get_order_refunds(mp_order_number: &str) -> Request {
    json_request(Method::Get, below_order(mp_order_number, "/refunds"), None)
}
pub fn get_refund(mp_order_number: &str, feedamp_refund_id: &str) -> Request {
    json_request(
        Method::Get,
        sub_path(mp_order_number, "refunds", REFUND_ID, feedamp_refund_id),
        None,
    )
}
/// Marks a refund complete; the body is an empty object, as in the spec's sample.
pub fn complete_refund(mp_order_number: &str, feedamp_refund_id: &str) -> Request {
    json_request(
        Method::Put,
        sub_path(mp_order_number, "refunds", REFUND_ID, feedamp_refund_id).map(|p| p + "/complete"),
        Some("{}"),
    )
}
pub fn report_refund_errors(mp_order_number: &str, feedamp_refund_id: &str, body: &str) -> Request {
    json_request(
        Method::Post,
        sub_path(mp_order_number, "refunds", REFUND_ID, feedamp_refund_id).map(|p| p + "/errors"),
        Some(body),
    )
}
/// `GET /returns` with the filters of a `feedamp.returns_query` document.
pub fn get_returns(query: &Value, cursor: Option<&str>) -> Request {
    with_query(
        Request::new(Method::Get, "/returns").header("Accept", "application/json"),
        query,
        cursor,
    )
}
pub fn get_order_returns(mp_order_number: &str) -> Request {
    json_request(Method::Get, below_order(mp_order_number, "/returns"), None)
}
pub fn put_return(mp_order_number: &str, mp_return_number: &str, body: &str) -> Request {
    json_request(
        Method::Put,
        sub_path(mp_order_number, "returns", RETURN_NUMBER, mp_return_number),
        Some(body),
    )
}
pub fn get_return(mp_order_number: &str, mp_return_number: &str) -> Request {
    json_request(
        Method::Get,
        sub_path(mp_order_number, "returns", RETURN_NUMBER, mp_return_number),
        None,
    )
}
/// The refunded amounts of a return (status, rma, merchant_refund_lines, errors).
pub fn get_return_refunds(mp_order_number: &str, mp_return_number: &str) -> Request {
    json_request(
        Method::Get,
        sub_path(mp_order_number, "returns", RETURN_NUMBER, mp_return_number)
            .map(|p| p + "/refunds"),
        None,
    )
}
pub fn complete_return(mp_order_number: &str, mp_return_number: &str) -> Request {
    json_request(
        Method::Put,
        sub_path(mp_order_number, "returns", RETURN_NUMBER, mp_return_number)
            .map(|p| p + "/complete"),
        Some("{}"),
    )
}
pub fn report_return_errors(mp_order_number: &str, mp_return_number: &str, body: &str) -> Request {
    json_request(
        Method::Post,
        sub_path(mp_order_number, "returns", RETURN_NUMBER, mp_return_number)
            .map(|p| p + "/errors"),
        Some(body),
    )
}
