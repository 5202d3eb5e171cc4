//! Reading an order's fulfillments as the marketplace must: what is wrong with what the
//! seller sent, as the error reports (`POST /orders/{n}/errors`) that fit it.

use orderlint_model::feedamp::{report, Order};
use orderlint_model::Doc;
use serde_json::Value;

use super::carriers::{is_carrier, tracking_number_fits, CARRIERS};
use crate::datetime::parse_datetime;
use crate::text::{quote, suggestion};

/// One proposed report per problem found, in the shape `POST /orders/{n}/errors` takes.
pub fn propose_errors<D: Doc>(order: &D) -> Vec<Value> {
    let order = Order(order);
    let mut out = Vec::new();
    let mut add = |line: &str, code: &str, message: String| {
        out.push(report(Some(line), code, message));
    };
    let ordered = |line: &str| order.line(line).and_then(|l| l.units());
    let cancelled_order = order.marketplace_state() == "CANCELLED";
    for f in order.fulfillments() {
        let line = f.mp_line_number();
        let shipped: i64 = f.shipments().map(|s| s.units().unwrap_or(0)).sum();
        let cancelled: i64 = f.cancellations().map(|c| c.units().unwrap_or(0)).sum();
        if let Some(n) = ordered(line) {
            if shipped > n {
                add(
                    line,
                    "EXCESS_FULFILLMENT",
                    format!("Line {line}: {shipped} units shipped but {n} ordered."),
                );
            } else if shipped + cancelled > n {
                add(line, "EXCESS_CANCELLATION", format!("Line {line}: {shipped} shipped and {cancelled} cancelled, but {n} ordered."));
            }
        }
        if cancelled_order && f.shipments().next().is_some() {
            add(
                line,
                "ORDER_CANCELLED",
                format!("Line {line} was shipped after the order was cancelled."),
            );
        }
        for s in f.shipments() {
            let carrier = s.carrier();
            if !is_carrier(carrier) {
                add(
                    line,
                    "INVALID_CARRIER",
                    format!(
                        "Line {line}: carrier {} is not one of the spec's carriers.{}",
                        quote(carrier),
                        suggestion(carrier, CARRIERS)
                    ),
                );
            }
            let number = s.tracking_number();
            if !tracking_number_fits(carrier, number) {
                add(
                    line,
                    "INVALID_TRACKING_NUMBER",
                    format!(
                        "Line {line}: tracking number {} does not fit {}.",
                        quote(number),
                        if carrier.is_empty() {
                            "any carrier"
                        } else {
                            carrier
                        }
                    ),
                );
            }
            if let Some(url) = s.tracking_url_opt() {
                if !(url.starts_with("https://") || url.starts_with("http://")) || url.contains(' ')
                {
                    add(
                        line,
                        "INVALID_TRACKING_URL",
                        format!(
                            "Line {line}: tracking URL {} is not an http(s) URL.",
                            quote(url)
                        ),
                    );
                }
            }
            if let Some(date) = s.ship_date_opt() {
                let ship = parse_datetime(date);
                let purchase = order.purchase_date().and_then(parse_datetime);
                let before_purchase = matches!((ship, purchase), (Some(a), Some(b)) if a.epoch_seconds_new_york_default() < b.epoch_seconds_new_york_default());
                if ship.is_none() || before_purchase {
                    add(
                        line,
                        "INVALID_SHIPPING_DATE",
                        format!(
                            "Line {line}: ship date {} is not a date-time after the purchase.",
                            quote(date)
                        ),
                    );
                }
            }
        }
        for c in f.cancellations() {
            if c.reason().trim().is_empty() {
                add(
                    line,
                    "INVALID_CANCEL_REASON",
                    format!("Line {line}: a cancellation has no reason."),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use orderlint_model::feedamp::ReportedError;
    use serde_json::json;

    fn order(fulfillments: Value) -> Value {
        json!({"purchase_date": "2026-05-01T10:00:00Z", "marketplace_state": "AWAITING_SHIPMENT",
               "order_lines": [{"mp_line_number": "1", "quantity": 2}, {"mp_line_number": "2", "quantity": 1}],
               "fulfillments": fulfillments})
    }

    fn codes(o: &Value) -> Vec<String> {
        propose_errors(o)
            .iter()
            .map(|e| ReportedError(e).code().to_string())
            .collect()
    }

    #[test]
    fn clean_fulfillments_propose_nothing() {
        let o = order(
            json!([{"mp_line_number": "1", "shipments": [{"quantity": 2, "carrier": "UPS",
            "tracking_number": "1Z999AA10123456784", "tracking_url": "https://ups.example/t", "ship_date": "2026-05-02T10:00:00Z"}]}]),
        );
        assert_eq!(codes(&o), Vec::<String>::new());
    }

    #[test]
    fn each_problem_gets_its_code() {
        let o = order(json!([
            {"mp_line_number": "1", "shipments": [{"quantity": 3, "carrier": "Fedex", "tracking_number": "12", "tracking_url": "ftp://x", "ship_date": "2026-04-01T00:00:00Z"}]},
            {"mp_line_number": "2", "cancellations": [{"quantity": 2, "reason": ""}]}
        ]));
        // An unknown carrier says nothing of its tracking numbers' shape.
        assert_eq!(
            codes(&o),
            vec![
                "EXCESS_FULFILLMENT",
                "INVALID_CARRIER",
                "INVALID_TRACKING_URL",
                "INVALID_SHIPPING_DATE",
                "EXCESS_CANCELLATION",
                "INVALID_CANCEL_REASON"
            ]
        );
        let proposed = propose_errors(&o);
        let carrier = ReportedError(&proposed[1]).message();
        assert!(carrier.contains("Did you mean \"FedEx\""), "{carrier}");
        let ups = order(
            json!([{"mp_line_number": "1", "shipments": [{"quantity": 1, "carrier": "UPS", "tracking_number": "1Z999"}]}]),
        );
        assert_eq!(codes(&ups), vec!["INVALID_TRACKING_NUMBER"]);
    }
}
