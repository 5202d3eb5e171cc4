//! `POST /orders/{mp_order_number}/errors`: what was wrong with the seller's fulfillment.

use orderlint_json::Value;

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
        .and_then(|c| c.feedamp_order.as_ref())
        .and_then(|o| o.get("order_lines")?.as_array())
        .map(|ls| {
            ls.iter()
                .filter_map(|l| l.get("mp_line_number")?.as_str())
                .collect()
        });
    reports::check(v, &REPORT, lines, r);
}
