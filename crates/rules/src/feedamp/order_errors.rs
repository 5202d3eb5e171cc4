//! `POST /orders/{mp_order_number}/errors`: what was wrong with the seller's fulfillment.

use orderlint_json::Value;
use orderlint_model::feedamp::{Line, Order};

use super::reports::{self, object, Spec};
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

pub(crate) static REPORT: Spec = Spec {
    entity: object("feedamp.order_errors"),
    entry: object("feedamp.order_errors.error"),
    codes: CODES,
    debug: Some(object("feedamp.order_errors.debug")),
    misprint: None,
};

pub fn check(v: &Value, ctx: Option<&Context>, r: &mut Report) {
    let lines: Option<Vec<&str>> = ctx
        .and_then(Context::order)
        .and_then(Order::order_lines)
        .map(|ls| ls.filter_map(Line::mp_line_number_opt).collect());
    reports::check(v, &REPORT, lines, r);
}
