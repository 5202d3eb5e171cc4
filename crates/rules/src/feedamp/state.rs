//! The marketplace state machine: a new order is PENDING or AWAITING_SHIPMENT;
//! PENDING → AWAITING_SHIPMENT → SHIPPED; CANCELLED only for an order already placed;
//! SHIPPED and CANCELLED are final.

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

/// Units ordered but neither shipped nor cancelled, from an order's `order_lines` and
/// `fulfillments` (each `{mp_line_number, shipments: [{quantity}], cancellations: [{quantity}]}`).
/// `None` when the order carries no lines.
pub fn pending_quantity(order: &orderlint_json::Value) -> Option<i64> {
    use orderlint_json::Value;
    let lines = order.get("order_lines")?.as_array()?;
    let qty = |v: &Value| v.get("quantity").and_then(Value::as_i64).unwrap_or(0);
    let ordered: i64 = lines.iter().map(qty).sum();
    let done: i64 = order
        .get("fulfillments")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .flat_map(|f| {
            ["shipments", "cancellations"]
                .into_iter()
                .filter_map(move |k| f.get(k)?.as_array())
                .flatten()
        })
        .map(qty)
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
        assert_eq!(pending_quantity(&o), Some(2));
        assert_eq!(pending_quantity(&orderlint_json::json!({})), None);
    }
}
