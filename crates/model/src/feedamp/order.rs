//! An order as `GET /orders/{n}` returns it, with its lines and their fulfillments.

use super::{is, shown, view};
use crate::{AsDoc, Doc};

view! {
    /// An order as `GET /orders/{n}` returns it (or as a list of orders holds it).
    Order
}

impl<'a, D: AsDoc> Order<'a, D> {
    pub fn mp_order_number(self) -> &'a str {
        self.doc().str_of("mp_order_number").unwrap_or_default()
    }
    pub fn marketplace_state(self) -> &'a str {
        self.marketplace_state_opt().unwrap_or_default()
    }
    pub fn marketplace_state_opt(self) -> Option<&'a str> {
        self.doc().str_of("marketplace_state")
    }
    /// `None` while the order has none yet (a PENDING order).
    pub fn fulfillment_status(self) -> Option<&'a str> {
        self.doc().str_of("fulfillment_status")
    }
    pub fn currency(self) -> Option<&'a str> {
        self.doc().str_of("currency")
    }
    pub fn purchase_date(self) -> Option<&'a str> {
        self.doc().str_of("purchase_date")
    }

    pub fn lines(self) -> impl Iterator<Item = Line<'a, D::Doc>> {
        self.doc().items("order_lines").map(Line)
    }
    /// The lines, or `None` when the answer has no list of them (unknown, not none).
    pub fn order_lines(self) -> Option<impl Iterator<Item = Line<'a, D::Doc>>> {
        let lines = self.doc().get("order_lines")?.as_array()?;
        Some(lines.iter().map(Line))
    }
    pub fn line(self, mp_line_number: &str) -> Option<Line<'a, D::Doc>> {
        self.lines()
            .find(|l| is(l.doc(), "mp_line_number", mp_line_number))
    }

    pub fn fulfillments(self) -> impl Iterator<Item = Fulfillment<'a, D::Doc>> {
        self.doc().items("fulfillments").map(Fulfillment)
    }
    /// What the seller did about one line, if anything yet.
    pub fn fulfillment(self, mp_line_number: &str) -> Option<Fulfillment<'a, D::Doc>> {
        self.fulfillments()
            .find(|f| is(f.doc(), "mp_line_number", mp_line_number))
    }

    /// How many error reports the order carries (the poll's summary).
    pub fn error_count(self) -> usize {
        self.doc().items("errors").count()
    }
}

view! {
    /// One of an order's lines.
    Line
}

impl<'a, D: AsDoc> Line<'a, D> {
    pub fn mp_line_number(self) -> &'a str {
        self.mp_line_number_opt().unwrap_or_default()
    }
    pub fn mp_line_number_opt(self) -> Option<&'a str> {
        self.doc().str_of("mp_line_number")
    }
    pub fn sku(self) -> &'a str {
        self.doc().str_of("sku").unwrap_or_default()
    }
    /// As a page shows it.
    pub fn quantity(self) -> String {
        shown(self.doc(), "quantity")
    }
    /// The quantity, when it is a whole number.
    pub fn units(self) -> Option<i64> {
        self.doc().i64_of("quantity")
    }
    /// The quantity, when it is a number at all.
    pub fn units_f64(self) -> Option<f64> {
        self.doc().f64_of("quantity")
    }
    pub fn unit_price(self) -> Option<f64> {
        self.doc().f64_of("unit_price")
    }
    pub fn shipping_price(self) -> Option<f64> {
        self.doc().f64_of("shipping_price")
    }
    pub fn taxes(self) -> impl Iterator<Item = Charge<'a, D::Doc>> {
        self.doc().items("taxes").map(Charge)
    }
    pub fn discounts(self) -> impl Iterator<Item = Charge<'a, D::Doc>> {
        self.doc().items("discounts").map(Charge)
    }
    /// Tax on the items: every tax but SHIPPING.
    pub fn item_tax(self) -> f64 {
        sum(self.taxes().filter(|t| t.kind() != Some("SHIPPING")))
    }
    pub fn shipping_tax(self) -> f64 {
        sum(self.taxes().filter(|t| t.kind() == Some("SHIPPING")))
    }
    /// Discounts on the items (type ITEM).
    pub fn item_discount(self) -> f64 {
        sum(self.discounts().filter(|d| d.kind() == Some("ITEM")))
    }
    /// Every discount, whatever its type.
    pub fn discount(self) -> f64 {
        sum(self.discounts())
    }
}

/// The charges' amounts added up, one without an amount as 0. A fold from +0.0, since
/// `Sum` for floats starts from -0.0 and a message would say "-0.0 paid".
fn sum<'a, D: Doc + 'a>(charges: impl Iterator<Item = Charge<'a, D>>) -> f64 {
    charges.fold(0.0, |total, c| total + c.amount().unwrap_or(0.0))
}

view! {
    /// A line's tax or discount: `{type, amount}`.
    Charge
}

impl<'a, D: AsDoc> Charge<'a, D> {
    /// Its `type` (SALES, SHIPPING, ITEM…).
    pub fn kind(self) -> Option<&'a str> {
        self.doc().str_of("type")
    }
    pub fn amount(self) -> Option<f64> {
        self.doc().f64_of("amount")
    }
}

view! {
    /// One line's fulfillment: shipments, cancellations, and what is still pending.
    Fulfillment
}

impl<'a, D: AsDoc> Fulfillment<'a, D> {
    pub fn mp_line_number(self) -> &'a str {
        self.doc().str_of("mp_line_number").unwrap_or_default()
    }
    pub fn quantity_pending(self) -> String {
        shown(self.doc(), "quantity_pending")
    }
    pub fn shipments(self) -> impl Iterator<Item = Shipment<'a, D::Doc>> {
        self.doc().items("shipments").map(Shipment)
    }
    pub fn cancellations(self) -> impl Iterator<Item = Cancellation<'a, D::Doc>> {
        self.doc().items("cancellations").map(Cancellation)
    }
}

view! {
    Shipment
}

impl<'a, D: AsDoc> Shipment<'a, D> {
    pub fn quantity(self) -> String {
        shown(self.doc(), "quantity")
    }
    pub fn units(self) -> Option<i64> {
        self.doc().i64_of("quantity")
    }
    pub fn carrier(self) -> &'a str {
        self.doc().str_of("carrier").unwrap_or_default()
    }
    pub fn tracking_number(self) -> &'a str {
        self.doc().str_of("tracking_number").unwrap_or_default()
    }
    pub fn tracking_url(self) -> &'a str {
        self.tracking_url_opt().unwrap_or_default()
    }
    pub fn tracking_url_opt(self) -> Option<&'a str> {
        self.doc().str_of("tracking_url")
    }
    pub fn ship_date(self) -> &'a str {
        self.ship_date_opt().unwrap_or_default()
    }
    pub fn ship_date_opt(self) -> Option<&'a str> {
        self.doc().str_of("ship_date")
    }
}

view! {
    Cancellation
}

impl<'a, D: AsDoc> Cancellation<'a, D> {
    pub fn quantity(self) -> String {
        shown(self.doc(), "quantity")
    }
    pub fn units(self) -> Option<i64> {
        self.doc().i64_of("quantity")
    }
    pub fn reason(self) -> &'a str {
        self.doc().str_of("reason").unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_line_with_no_charges_sums_to_positive_zero() {
        let o = json!({"order_lines": [{"mp_line_number": "1"}]});
        let line = Order(&o).lines().next().unwrap();
        assert_eq!(format!("{:?}", line.item_tax()), "0.0");
        assert_eq!(format!("{:?}", line.discount()), "0.0");
    }

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
            .map(|l| (l.mp_line_number(), l.sku(), l.quantity(), l.units()))
            .collect();
        assert_eq!(
            lines,
            [
                ("1", "A", "2".to_string(), Some(2)),
                ("2", "B", "1".to_string(), Some(1))
            ]
        );
        let f = order.fulfillment("1").expect("line 1 has one");
        assert_eq!(f.quantity_pending(), "1");
        let s = f.shipments().next().expect("one shipment");
        assert_eq!(
            (s.carrier(), s.tracking_url_opt(), s.units()),
            ("UPS", Some(""), Some(1))
        );
        assert!(order.fulfillment("2").is_none());
        assert_eq!(order.line("2").map(Line::sku), Some("B"));
    }

    #[test]
    fn what_an_answer_lacks_reads_as_empty() {
        let o = orderlint_json::json!({"order_lines": "not a list", "fulfillments": [{"shipments": [{}]}]});
        let o = *o.value();
        let order = Order(&o);
        assert_eq!(order.marketplace_state(), "");
        assert_eq!(order.marketplace_state_opt(), None);
        assert_eq!(order.fulfillment_status(), None);
        assert_eq!(order.lines().count(), 0);
        assert!(order.order_lines().is_none(), "no list: unknown");
        let s = order
            .fulfillments()
            .flat_map(Fulfillment::shipments)
            .next()
            .expect("one");
        assert_eq!(
            (s.tracking_url(), s.tracking_url_opt(), s.quantity()),
            ("", None, String::new())
        );
        // Lines are found by their number exactly: a line without one is no line "".
        assert!(order.fulfillment("").is_none());
    }

    #[test]
    fn taxes_and_discounts() {
        let o = orderlint_json::json!({"order_lines": [{"mp_line_number": "1", "quantity": 2, "unit_price": 25.0,
            "taxes": [{"type": "SALES", "amount": 3.5}, {"type": "SHIPPING", "amount": 0.35}, {"amount": 1}],
            "discounts": [{"type": "ITEM", "amount": 5.0}, {"type": "SHIPPING", "amount": 1.0}, {"type": "ITEM"}]}]});
        let o = *o.value();
        let l = Order(&o).line("1").expect("line 1");
        assert_eq!((l.item_tax(), l.shipping_tax()), (4.5, 0.35));
        assert_eq!((l.item_discount(), l.discount()), (5.0, 6.0));
        assert_eq!(
            (l.unit_price(), l.shipping_price(), l.units_f64()),
            (Some(25.0), None, Some(2.0))
        );
    }
}
