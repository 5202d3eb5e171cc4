//! `POST /orders/{mp_order_number}/errors`: what was wrong with the seller's fulfillment.

use orderlint_json::Value;
use orderlint_model::feedamp::{Line, Order};

use super::reports::{self, Shape};
use crate::{Context, Report};

pub const CODES: &[&str] = &[
    "EXCESS_FULFILLMENT",
    "EXCESS_CANCELLATION",
    "INVALID_TRACKING_NUMBER",
    "INVALID_TRACKING_URL",
    "INVALID_CARRIER",
    "INVALID_SHIPPING_DATE",
    "INVALID_CANCEL_REASON",
    "ORDER_FULFILLED",
    "ORDER_CANCELLED",
    "ORDER_REFUNDED",
];

pub fn check(v: &Value, ctx: Option<&Context>, r: &mut Report) {
    let lines: Option<Vec<&str>> = ctx
        .and_then(Context::order)
        .and_then(Order::order_lines)
        .map(|ls| ls.filter_map(Line::mp_line_number_opt).collect());
    let shape = Shape {
        entity: "feedamp.order_errors",
        entry: "feedamp.order_errors.error",
        codes: CODES,
        per_line: true,
        lines,
        misprint: None,
    };
    reports::check(v, &shape, r);
}
