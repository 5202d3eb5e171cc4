//! Typed views of FeedAMP's answers: what the pages read, by name, instead of indexing
//! JSON. A view borrows the answer and never fails: a field the answer lacks reads as
//! empty (`""`, no items), which is how the pages show it.

use serde_json::Value;

fn str_at<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_default()
}

fn items<'a>(v: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter())
        .into_iter()
        .flatten()
}

/// A number (or anything else) as the page shows it: `3`, `"3"` as `3`, absent as `""`.
fn shown(v: &Value, key: &str) -> String {
    match v.get(key) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// An order as `GET /orders/{n}` returns it.
#[derive(Clone, Copy)]
pub struct Order<'a>(pub &'a Value);

impl<'a> Order<'a> {
    pub fn marketplace_state(self) -> &'a str {
        str_at(self.0, "marketplace_state")
    }

    /// `None` while the order has none yet (a PENDING order).
    pub fn fulfillment_status(self) -> Option<&'a str> {
        self.0.get("fulfillment_status").and_then(Value::as_str)
    }

    pub fn lines(self) -> impl Iterator<Item = Line<'a>> {
        items(self.0, "order_lines").map(Line)
    }

    /// What the seller did about one line, if anything yet.
    pub fn fulfillment(self, mp_line_number: &str) -> Option<Fulfillment<'a>> {
        items(self.0, "fulfillments")
            .find(|f| str_at(f, "mp_line_number") == mp_line_number)
            .map(Fulfillment)
    }
}

/// One of an order's lines.
#[derive(Clone, Copy)]
pub struct Line<'a>(pub &'a Value);

impl<'a> Line<'a> {
    pub fn mp_line_number(self) -> &'a str {
        str_at(self.0, "mp_line_number")
    }
    pub fn sku(self) -> &'a str {
        str_at(self.0, "sku")
    }
    pub fn quantity(self) -> String {
        shown(self.0, "quantity")
    }
}

/// One line's fulfillment: shipments, cancellations, and what is still pending.
#[derive(Clone, Copy)]
pub struct Fulfillment<'a>(pub &'a Value);

impl<'a> Fulfillment<'a> {
    pub fn quantity_pending(self) -> String {
        shown(self.0, "quantity_pending")
    }
    pub fn shipments(self) -> impl Iterator<Item = Shipment<'a>> {
        items(self.0, "shipments").map(Shipment)
    }
    pub fn cancellations(self) -> impl Iterator<Item = Cancellation<'a>> {
        items(self.0, "cancellations").map(Cancellation)
    }
}

#[derive(Clone, Copy)]
pub struct Shipment<'a>(pub &'a Value);

impl<'a> Shipment<'a> {
    pub fn quantity(self) -> String {
        shown(self.0, "quantity")
    }
    pub fn carrier(self) -> &'a str {
        str_at(self.0, "carrier")
    }
    pub fn tracking_number(self) -> &'a str {
        str_at(self.0, "tracking_number")
    }
    pub fn tracking_url(self) -> &'a str {
        str_at(self.0, "tracking_url")
    }
    pub fn ship_date(self) -> &'a str {
        str_at(self.0, "ship_date")
    }
}

#[derive(Clone, Copy)]
pub struct Cancellation<'a>(pub &'a Value);

impl<'a> Cancellation<'a> {
    pub fn quantity(self) -> String {
        shown(self.0, "quantity")
    }
    pub fn reason(self) -> &'a str {
        str_at(self.0, "reason")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_order_read_by_name() {
        let o = json!({
            "marketplace_state": "AWAITING_SHIPMENT",
            "fulfillment_status": "PARTIALLY_FULFILLED",
            "order_lines": [{"mp_line_number": "1", "sku": "A", "quantity": 2}, {"mp_line_number": "2", "sku": "B", "quantity": 1}],
            "fulfillments": [{"mp_line_number": "1", "quantity_pending": 1,
                "shipments": [{"quantity": 1, "carrier": "UPS", "tracking_number": "1Z", "tracking_url": "", "ship_date": "2026-05-02T10:00:00Z"}],
                "cancellations": []}]
        });
        let order = Order(&o);
        assert_eq!(order.marketplace_state(), "AWAITING_SHIPMENT");
        assert_eq!(order.fulfillment_status(), Some("PARTIALLY_FULFILLED"));
        let lines: Vec<_> = order
            .lines()
            .map(|l| (l.mp_line_number(), l.sku(), l.quantity()))
            .collect();
        assert_eq!(
            lines,
            [("1", "A", "2".to_string()), ("2", "B", "1".to_string())]
        );
        let f = order.fulfillment("1").expect("line 1 has one");
        assert_eq!(f.quantity_pending(), "1");
        assert_eq!(
            f.shipments().map(|s| s.carrier()).collect::<Vec<_>>(),
            ["UPS"]
        );
        assert!(order.fulfillment("2").is_none());
    }

    #[test]
    fn what_an_answer_lacks_reads_as_empty() {
        let o = json!({"order_lines": "not a list"});
        let order = Order(&o);
        assert_eq!(order.marketplace_state(), "");
        assert_eq!(order.fulfillment_status(), None);
        assert_eq!(order.lines().count(), 0);
        assert!(order.fulfillment("1").is_none());
    }
}
