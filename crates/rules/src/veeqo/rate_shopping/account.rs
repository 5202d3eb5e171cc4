//! The rates request against the order it ships, from the account context
//! (`Context::veeqo_order`, the order as `GET /orders/{id}` answers it, or as it was
//! sent): `customer_reference` is that order's `number`, each channel item one of its
//! line items' `remote_id`s, and no quantity above the line's.

use orderlint_json::Value;

use super::rates::Item;
use super::GUIDE;
use crate::codes;
use crate::fields::Obj;
use crate::veeqo::id_text;
use crate::{Context, Report};

/// A line of the order: its Amazon order item id and quantity.
struct Line {
    remote_id: String,
    quantity: Option<i64>,
}

pub fn check(
    ctx: Option<&Context>,
    o: &Obj,
    amazon: bool,
    reference: Option<&str>,
    items: &[Item],
    r: &mut Report,
) {
    if !amazon && items.is_empty() {
        return;
    }
    let Some(ctx) = ctx else {
        r.report(
            &codes::CONTEXT_MISSING,
            "",
            "Order checks skipped: without the Amazon order in the account context (veeqo_order), orderlint cannot tell whether customer_reference is its number and channel_items its line items; load the account context.",
        );
        return;
    };
    let Some(order) = ctx.veeqo_order() else {
        r.report(
            &codes::CONTEXT_VEEQO_ORDER_MISSING,
            "",
            "Order checks skipped: the context has no veeqo_order; add the order this shipment is for (GET /orders/{id}).",
        );
        return;
    };
    // As answered, or as sent (`{"order": {…}}`).
    let order = order.get("order").unwrap_or(order);
    let number = order.get("number").and_then(Value::as_str);
    if let (Some(reference), Some(number)) = (reference, number) {
        if reference != number {
            r.report_cited(&codes::VEEQO_RATES_REQUEST_CUSTOMER_REFERENCE_NOT_ORDER_NUMBER, o.at("customer_reference").as_str(), format!(
                "customer_reference \"{reference}\" is not the order's number \"{number}\"; send the number of the Amazon order this parcel ships or Buy Shipping protection is lost."
            ), GUIDE);
        }
    }
    let lines = lines(order);
    for item in items {
        let Some(id) = item.remote_id else {
            continue;
        };
        match lines.iter().find(|l| l.remote_id == id) {
            None => {
                let known: Vec<String> = lines
                    .iter()
                    .map(|l| format!("\"{}\"", l.remote_id))
                    .collect();
                let known = if known.is_empty() {
                    "it has no line with a remote_id".to_string()
                } else {
                    format!("its lines' ids are {}", known.join(", "))
                };
                r.report_cited(&codes::VEEQO_RATES_REQUEST_CHANNEL_ITEM_REMOTE_ID_NOT_IN_ORDER, item.ptr.key("remote_id").as_str(), format!(
                    "remote_id \"{id}\" is not a line item of the order ({known}); use the Amazon order item ids of the order this parcel ships."
                ), GUIDE);
            }
            Some(line) => {
                if let (Some(q), Some(max)) = (item.quantity, line.quantity) {
                    if q > max {
                        r.report_cited(&codes::VEEQO_RATES_REQUEST_CHANNEL_ITEM_QUANTITY_EXCEEDS_ORDER, item.ptr.key("quantity").as_str(), format!(
                            "quantity {q} is more than the {max} the order's line \"{id}\" holds; ship at most {max}."
                        ), GUIDE);
                    }
                }
            }
        }
    }
}

/// The order's lines: `line_items` as answered, or `line_items_attributes` as sent.
fn lines(order: &Value) -> Vec<Line> {
    let list = order
        .get("line_items")
        .or_else(|| order.get("line_items_attributes"))
        .and_then(Value::as_array);
    let Some(list) = list else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|l| {
            let remote_id = id_text(l.get("remote_id")?)?;
            let quantity = l.get("quantity").and_then(|q| {
                q.as_i64()
                    .or_else(|| q.as_str().and_then(|s| s.trim().parse().ok()))
            });
            Some(Line {
                remote_id,
                quantity,
            })
        })
        .collect()
}
