//! `POST /orders/{mp_order_number}/errors`: what was wrong with the seller's fulfillment.

use serde_json::Value;

use super::{MAX_ID_CHARS, SPEC};
use crate::rules::checks::{enum_value, text_len};
use crate::rules::fields::{Obj, OPTIONAL, REQUIRED};
use crate::rules::text::{quote, type_name};
use crate::rules::{Context, Report, Severity};

const E: &str = "feedamp.order_errors";
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
    let Value::Array(items) = v else {
        r.error(
            "",
            format!("{E}.not_array"),
            format!(
                "The body is {}; send an array of errors: [{{\"code\": ..., \"message\": ...}}].",
                type_name(v)
            ),
        );
        return;
    };
    if items.is_empty() {
        r.error(
            "",
            format!("{E}.empty"),
            "The array is empty; report at least one error.",
        );
    }
    let lines: Option<Vec<&str>> = ctx
        .and_then(|c| c.feedamp_order.as_ref())
        .and_then(|o| o.get("order_lines")?.as_array())
        .map(|ls| {
            ls.iter()
                .filter_map(|l| l.get("mp_line_number")?.as_str())
                .collect()
        });
    for (i, item) in items.iter().enumerate() {
        let Some(e) = Obj::new(
            r,
            item,
            crate::rules::pointer::Ptr::root().idx(i),
            "feedamp.order_errors.error",
        ) else {
            continue;
        };
        e.unknown_fields(r, &["mp_line_number", "code", "message", "debug"]);
        enum_value(&e, r, "code", REQUIRED, CODES);
        e.text(r, "message", REQUIRED);
        if let Some(debug) = e.array(r, "debug", OPTIONAL) {
            for (d, x) in debug.iter().enumerate() {
                Obj::new(r, x, e.at("debug").idx(d), "feedamp.order_errors.debug");
            }
        }
        let Some(n) = text_len(&e, r, "mp_line_number", OPTIONAL, 1, MAX_ID_CHARS) else {
            continue;
        };
        if let Some(lines) = &lines {
            if !lines.contains(&n) {
                r.cite(
                    Severity::Error,
                    e.at("mp_line_number").as_str(),
                    "feedamp.order_errors.mp_line_number.unknown",
                    format!(
                        "The order has no line {}; its lines are {}.",
                        quote(n),
                        lines.join(", ")
                    ),
                    SPEC,
                );
            }
        }
    }
}
