//! The marketplace state machine: a new order is PENDING or AWAITING_SHIPMENT;
//! PENDING → AWAITING_SHIPMENT → SHIPPED; CANCELLED only for an order already placed;
//! SHIPPED and CANCELLED are final.

use orderlint_model::feedamp::{Cancellation, Order, Shipment};
use orderlint_model::Doc;

pub const STATES: &[&str] = &["PENDING", "AWAITING_SHIPMENT", "SHIPPED", "CANCELLED"];

/// Why moving from `from` (None: the order is new) to `to` is not allowed, or `None`.
pub fn transition_problem(from: Option<&str>, to: &str) -> Option<String> {
    match (from, to) {
        (None, "PENDING" | "AWAITING_SHIPMENT") => None,
        (None, other) => Some(format!(
            "a new order is placed as PENDING or AWAITING_SHIPMENT, not {other}; {other} is only for an order already placed"
        )),
        (Some(a), b) if a == b => None,
        (Some("PENDING"), "AWAITING_SHIPMENT" | "CANCELLED") => None,
        (Some("AWAITING_SHIPMENT"), "SHIPPED" | "CANCELLED") => None,
        (Some("PENDING"), "SHIPPED") => {
            Some("a PENDING order moves to AWAITING_SHIPMENT before SHIPPED".into())
        }
        (Some(a @ ("SHIPPED" | "CANCELLED")), b) => {
            Some(format!("the order is {a}, which is final; it cannot become {b}"))
        }
        (Some(a), b) => Some(format!("{a} cannot go back to {b}")),
    }
}

/// Units ordered but neither shipped nor cancelled, from an order's lines and their
/// fulfillments' shipments and cancellations. `None` when the order carries no lines.
pub fn pending_quantity<D: Doc>(order: &D) -> Option<i64> {
    let order = Order(order);
    let ordered: i64 = order.order_lines()?.map(|l| l.units().unwrap_or(0)).sum();
    let done: i64 = order
        .fulfillments()
        .flat_map(|f| {
            let shipped = f.shipments().map(Shipment::units);
            shipped.chain(f.cancellations().map(Cancellation::units))
        })
        .map(|q| q.unwrap_or(0))
        .sum();
    Some((ordered - done).max(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_machine() {
        assert_eq!(transition_problem(None, "PENDING"), None);
        assert_eq!(transition_problem(None, "AWAITING_SHIPMENT"), None);
        assert!(transition_problem(None, "SHIPPED").is_some());
        assert!(transition_problem(None, "CANCELLED").is_some());
        assert_eq!(
            transition_problem(Some("PENDING"), "AWAITING_SHIPMENT"),
            None
        );
        assert_eq!(
            transition_problem(Some("AWAITING_SHIPMENT"), "SHIPPED"),
            None
        );
        assert_eq!(transition_problem(Some("PENDING"), "CANCELLED"), None);
        assert_eq!(
            transition_problem(Some("AWAITING_SHIPMENT"), "CANCELLED"),
            None
        );
        assert_eq!(transition_problem(Some("SHIPPED"), "SHIPPED"), None);
        assert!(transition_problem(Some("PENDING"), "SHIPPED").is_some());
        assert!(transition_problem(Some("AWAITING_SHIPMENT"), "PENDING").is_some());
        assert!(transition_problem(Some("SHIPPED"), "CANCELLED").is_some());
        assert!(transition_problem(Some("CANCELLED"), "AWAITING_SHIPMENT").is_some());
    }

    #[test]
    fn pending() {
        let o = orderlint_json::json!({"order_lines": [{"quantity": 2}, {"quantity": 3}],
            "fulfillments": [{"shipments": [{"quantity": 2}], "cancellations": [{"quantity": 1}]}]});
        let o = *o.value();
        assert_eq!(pending_quantity(&o), Some(2));
        assert_eq!(pending_quantity(orderlint_json::json!({}).value()), None);
    }
}
