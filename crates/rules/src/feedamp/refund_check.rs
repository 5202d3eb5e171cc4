//! Checking a seller-initiated refund against its order before processing it, and the
//! refund error codes the marketplace should report for what it finds.
//!
//! A refund's fields: `orderlint_model::feedamp::Refund`.

use orderlint_model::feedamp::{report, Order, Refund};
use orderlint_model::Doc;
use serde_json::Value;

use crate::text::num;

/// Cents of slack for rounding.
const EPS: f64 = 0.005;

/// The proposed `{code, message}` reports; empty when the refund can be processed.
/// `earlier` are the order's other refunds (only COMPLETE ones count as refunded).
pub fn propose_refund_errors<D: Doc>(refund: &D, order: &D, earlier: &[D]) -> Vec<Value> {
    let (refund, order) = (Refund(refund), Order(order));
    let mut out = Vec::new();
    let mut add = |code: &str, message: String| out.push(report(None, code, message));
    if let (Some(c), Some(oc)) = (refund.currency(), order.currency()) {
        if c != oc {
            add(
                "INVALID_CURRENCY",
                format!("The refund is in {c}; the order was paid in {oc}."),
            );
        }
    }
    let refunded_before = |n: &str| -> i64 {
        earlier
            .iter()
            .map(Refund)
            .filter(|r| r.status() == "COMPLETE" && r.id_value() != refund.id_value())
            .map(|r| r.units_of(n))
            .sum()
    };
    for rl in refund.lines() {
        let n = rl.mp_line_number();
        let Some(ol) = order.line(n) else {
            add(
                "MP_LINE_NUMBER_DOES_NOT_EXIST",
                format!("The order has no line \"{n}\"."),
            );
            continue;
        };
        let ordered = ol.units().unwrap_or(0);
        let qty = rl.units().unwrap_or(0);
        let before = refunded_before(n);
        if before >= ordered {
            add(
                "LINE_ALREADY_REFUNDED",
                format!("Line {n}: all {ordered} units were already refunded."),
            );
            continue;
        }
        if qty < 1 || qty > ordered - before {
            add(
                "INVALID_QUANTITY",
                format!(
                    "Line {n}: {qty} units refunded, but {} can still be.",
                    ordered - before
                ),
            );
        }
        let units = qty.clamp(0, ordered) as f64;
        let per_unit = |total: f64| total / (ordered.max(1) as f64);
        let item_paid =
            per_unit(ol.unit_price().unwrap_or(0.0) * ordered as f64 - ol.item_discount()) * units;
        let item_tax_paid = per_unit(ol.item_tax()) * units;
        let checks = [
            (rl.item_refund(), item_paid, "EXCESS_ITEM_REFUND", "item"),
            (
                rl.item_tax_refund(),
                item_tax_paid,
                "INVALID_INVALID_ITEM_TAX_REFUND",
                "item tax",
            ),
            (
                rl.shipping_refund(),
                ol.shipping_price().unwrap_or(0.0),
                "EXCESS_SHIPPING_REFUND",
                "shipping",
            ),
            (
                rl.shipping_tax_refund(),
                ol.shipping_tax(),
                "INVALID_SHIPPING_TAX_REFUND",
                "shipping tax",
            ),
            (
                rl.discount_refund(),
                ol.discount(),
                "INVALID_DISCOUNT_REFUND",
                "discount",
            ),
        ];
        for (asked, paid, code, what) in checks {
            let asked = asked.unwrap_or(0.0);
            if asked < 0.0 {
                add(
                    "INVALID_ITEM_REFUND",
                    format!("Line {n}: the {what} refund is negative ({}).", num(asked)),
                );
            } else if asked > paid + EPS {
                add(
                    code,
                    format!(
                        "Line {n}: the {what} refund of {} exceeds the {} paid.",
                        num(asked),
                        num((paid * 100.0).round() / 100.0)
                    ),
                );
            }
        }
        if rl.reason().trim().is_empty() {
            add(
                "INVALID_REFUND_REASON",
                format!("Line {n}: the refund gives no reason."),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use orderlint_model::feedamp::ReportedError;
    use serde_json::json;

    fn order() -> Value {
        json!({"currency": "USD", "order_lines": [
            {"mp_line_number": "1", "quantity": 2, "unit_price": 25.0, "shipping_price": 4.99,
             "taxes": [{"type": "SALES", "amount": 3.5}, {"type": "SHIPPING", "amount": 0.35}],
             "discounts": [{"type": "ITEM", "amount": 5.0, "name": "X"}]}]})
    }

    fn refund(line: Value) -> Value {
        json!({"feedamp_refund_id": 7, "status": "CREATED", "currency": "USD", "merchant_refund_lines": [line]})
    }

    fn codes(r: &Value, earlier: &[Value]) -> Vec<String> {
        propose_refund_errors(r, &order(), earlier)
            .iter()
            .map(|e| ReportedError(e).code().to_string())
            .collect()
    }

    #[test]
    fn a_fair_refund_passes() {
        let r = refund(
            json!({"mp_line_number": "1", "quantity": 1, "item_refund": 22.5, "item_tax_refund": 1.75, "reason": "damaged"}),
        );
        assert_eq!(codes(&r, &[]), Vec::<String>::new());
    }

    #[test]
    fn over_refunds_and_the_rest_of_the_enum() {
        let r = refund(
            json!({"mp_line_number": "1", "quantity": 1, "item_refund": 30.0, "item_tax_refund": 2.0,
            "shipping_refund": 6.0, "shipping_tax_refund": 1.0, "discount_refund": 9.0, "reason": ""}),
        );
        assert_eq!(
            codes(&r, &[]),
            vec![
                "EXCESS_ITEM_REFUND",
                "INVALID_INVALID_ITEM_TAX_REFUND",
                "EXCESS_SHIPPING_REFUND",
                "INVALID_SHIPPING_TAX_REFUND",
                "INVALID_DISCOUNT_REFUND",
                "INVALID_REFUND_REASON"
            ]
        );
        let mut eur = refund(json!({"mp_line_number": "9", "quantity": 1, "reason": "x"}));
        eur["currency"] = json!("EUR");
        assert_eq!(
            codes(&eur, &[]),
            vec!["INVALID_CURRENCY", "MP_LINE_NUMBER_DOES_NOT_EXIST"]
        );
        let three = refund(json!({"mp_line_number": "1", "quantity": 3, "reason": "x"}));
        assert_eq!(codes(&three, &[]), vec!["INVALID_QUANTITY"]);
        let done = json!({"feedamp_refund_id": 6, "status": "COMPLETE", "merchant_refund_lines": [{"mp_line_number": "1", "quantity": 2}]});
        let again = refund(
            json!({"mp_line_number": "1", "quantity": 1, "item_refund": 1.0, "reason": "x"}),
        );
        assert_eq!(codes(&again, &[done]), vec!["LINE_ALREADY_REFUNDED"]);
        let paused = json!({"feedamp_refund_id": 5, "status": "PAUSED", "merchant_refund_lines": [{"mp_line_number": "1", "quantity": 2}]});
        assert_eq!(
            codes(&again, &[paused]),
            Vec::<String>::new(),
            "a paused refund refunded nothing"
        );
    }
}
