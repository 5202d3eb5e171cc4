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

/// An amount, when the answer gives one as a number.
fn amount(v: &Value, key: &str) -> Option<f64> {
    v.get(key).and_then(Value::as_f64)
}

impl<'a> Order<'a> {
    /// How many error reports the order carries (the poll's summary).
    pub fn error_count(self) -> usize {
        items(self.0, "errors").count()
    }

    pub fn mp_order_number(self) -> &'a str {
        str_at(self.0, "mp_order_number")
    }

    pub fn line(self, mp_line_number: &str) -> Option<Line<'a>> {
        self.lines().find(|l| l.mp_line_number() == mp_line_number)
    }
}

impl Line<'_> {
    pub fn unit_price(self) -> Option<f64> {
        amount(self.0, "unit_price")
    }
    pub fn shipping_price(self) -> Option<f64> {
        amount(self.0, "shipping_price")
    }
}

/// Anything FeedAMP answers with a `status` (a refund, a return, an acknowledgement).
pub fn status(v: &Value) -> &str {
    str_at(v, "status")
}

/// A refund, as the order's refunds list or `GET …/refunds/{id}` gives it.
#[derive(Clone, Copy)]
pub struct Refund<'a>(pub &'a Value);

impl<'a> Refund<'a> {
    /// The id as text (the API gives a number).
    pub fn id(self) -> String {
        shown(self.0, "feedamp_refund_id")
    }
    pub fn status(self) -> &'a str {
        status(self.0)
    }
    pub fn date_created(self) -> &'a str {
        str_at(self.0, "date_created")
    }
    pub fn lines(self) -> impl Iterator<Item = RefundLine<'a>> {
        items(self.0, "merchant_refund_lines").map(RefundLine)
    }
    /// Item and item tax refunded, over every line.
    pub fn refunded(self) -> f64 {
        self.lines()
            .map(|l| l.item_refund().unwrap_or(0.0) + l.item_tax_refund().unwrap_or(0.0))
            .sum()
    }
}

/// One line of a refund (or of a return's refund).
#[derive(Clone, Copy)]
pub struct RefundLine<'a>(pub &'a Value);

impl<'a> RefundLine<'a> {
    pub fn mp_line_number(self) -> &'a str {
        str_at(self.0, "mp_line_number")
    }
    pub fn quantity(self) -> String {
        shown(self.0, "quantity")
    }
    pub fn reason(self) -> &'a str {
        str_at(self.0, "reason")
    }
    pub fn item_refund(self) -> Option<f64> {
        amount(self.0, "item_refund")
    }
    pub fn item_tax_refund(self) -> Option<f64> {
        amount(self.0, "item_tax_refund")
    }
    pub fn shipping_refund(self) -> Option<f64> {
        amount(self.0, "shipping_refund")
    }
    pub fn shipping_tax_refund(self) -> Option<f64> {
        amount(self.0, "shipping_tax_refund")
    }
    pub fn discount_refund(self) -> Option<f64> {
        amount(self.0, "discount_refund")
    }
}

/// A return, as the order's returns list or a return's refunds give it.
#[derive(Clone, Copy)]
pub struct Return<'a>(pub &'a Value);

impl<'a> Return<'a> {
    pub fn mp_return_number(self) -> &'a str {
        str_at(self.0, "mp_return_number")
    }
    pub fn status(self) -> &'a str {
        status(self.0)
    }
    pub fn rma(self) -> &'a str {
        str_at(self.0, "rma")
    }
    /// Item and item tax refunded for it so far.
    pub fn refunded(self) -> f64 {
        Refund(self.0).refunded()
    }
}

/// An error report as `POST …/errors` takes it (and as the checks propose it).
#[derive(Clone, Copy)]
pub struct ReportedError<'a>(pub &'a Value);

impl<'a> ReportedError<'a> {
    pub fn code(self) -> &'a str {
        str_at(self.0, "code")
    }
    pub fn message(self) -> &'a str {
        str_at(self.0, "message")
    }
}

/// A page of a list endpoint: its items, under the endpoint's key (`orders`, `refunds`…).
pub fn page_items<'a>(page: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    items(page, key)
}

/// A list answer's items, or `None` when the answer has no such list at all (unknown,
/// not empty).
pub fn list(page: &Value, key: &str) -> Option<Vec<Value>> {
    page.get(key).map(|_| items(page, key).cloned().collect())
}

/// A page of a list endpoint: where the next one starts, if there is one.
pub fn next_cursor(page: &Value) -> Option<&str> {
    page.get("next_cursor")
        .and_then(Value::as_str)
        .filter(|c| !c.is_empty())
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
    fn refunds_and_returns_read_by_name() {
        let r = json!({"feedamp_refund_id": 41, "status": "CREATED", "merchant_refund_lines": [
            {"mp_line_number": "1", "quantity": 1, "item_refund": 10.0, "item_tax_refund": 0.8, "reason": "damaged"},
            {"mp_line_number": "2", "quantity": 1, "item_refund": 5.5}
        ]});
        let refund = Refund(&r);
        assert_eq!(refund.id(), "41");
        assert_eq!(refund.status(), "CREATED");
        assert!((refund.refunded() - 16.3).abs() < 1e-9);
        assert_eq!(
            refund.lines().map(|l| l.reason()).collect::<Vec<_>>(),
            ["damaged", ""]
        );
        let ret = json!({"mp_return_number": "R-1", "status": "AUTHORIZED", "rma": "RMA9"});
        assert_eq!(
            (
                Return(&ret).mp_return_number(),
                Return(&ret).rma(),
                Return(&ret).refunded()
            ),
            ("R-1", "RMA9", 0.0)
        );
        assert_eq!(next_cursor(&json!({"next_cursor": ""})), None);
        assert_eq!(next_cursor(&json!({"next_cursor": "c2"})), Some("c2"));
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
