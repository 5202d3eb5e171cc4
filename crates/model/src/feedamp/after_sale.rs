//! Refunds and returns, as an order's lists or their own endpoints give them.
//!
//! A refund's fields are collapsed in the spec; these are the names orderlint reads:
//! `{feedamp_refund_id, mp_order_number, status, currency?, date_created,
//! merchant_refund_lines: [{mp_line_number, quantity, item_refund, item_tax_refund,
//! shipping_refund, shipping_tax_refund, discount_refund, reason}]}`.

use super::{is, shown, status, view};
use crate::{AsDoc, Doc};

view! {
    /// A refund, as the order's refunds list or `GET …/refunds/{id}` gives it.
    Refund
}

impl<'a, D: AsDoc> Refund<'a, D> {
    /// The id as text (the API gives a number).
    pub fn id(self) -> String {
        shown(self.doc(), "feedamp_refund_id")
    }
    /// The id as given (`null` as none): what tells two refunds apart.
    pub fn id_value(self) -> Option<&'a D::Doc> {
        self.doc().field("feedamp_refund_id")
    }
    pub fn status(self) -> &'a str {
        status(self.doc())
    }
    pub fn currency(self) -> Option<&'a str> {
        self.doc().str_of("currency")
    }
    pub fn date_created(self) -> &'a str {
        self.doc().str_of("date_created").unwrap_or_default()
    }
    pub fn lines(self) -> impl Iterator<Item = RefundLine<'a, D::Doc>> {
        self.doc().items("merchant_refund_lines").map(RefundLine)
    }
    /// Units of one order line this refund gives back.
    pub fn units_of(self, mp_line_number: &str) -> i64 {
        self.lines()
            .filter(|l| is(l.doc(), "mp_line_number", mp_line_number))
            .filter_map(RefundLine::units)
            .sum()
    }
    /// Item and item tax refunded, over every line.
    pub fn refunded(self) -> f64 {
        self.lines().fold(0.0, |total, l| {
            total + l.item_refund().unwrap_or(0.0) + l.item_tax_refund().unwrap_or(0.0)
        })
    }
}

view! {
    /// One line of a refund (or of a return's refund).
    RefundLine
}

impl<'a, D: AsDoc> RefundLine<'a, D> {
    pub fn mp_line_number(self) -> &'a str {
        self.doc().str_of("mp_line_number").unwrap_or_default()
    }
    pub fn quantity(self) -> String {
        shown(self.doc(), "quantity")
    }
    pub fn units(self) -> Option<i64> {
        self.doc().i64_of("quantity")
    }
    pub fn reason(self) -> &'a str {
        self.doc().str_of("reason").unwrap_or_default()
    }
    pub fn item_refund(self) -> Option<f64> {
        self.doc().f64_of("item_refund")
    }
    pub fn item_tax_refund(self) -> Option<f64> {
        self.doc().f64_of("item_tax_refund")
    }
    pub fn shipping_refund(self) -> Option<f64> {
        self.doc().f64_of("shipping_refund")
    }
    pub fn shipping_tax_refund(self) -> Option<f64> {
        self.doc().f64_of("shipping_tax_refund")
    }
    pub fn discount_refund(self) -> Option<f64> {
        self.doc().f64_of("discount_refund")
    }
}

view! {
    /// A return, as the order's returns list or a return's refunds give it.
    Return
}

impl<'a, D: AsDoc> Return<'a, D> {
    pub fn mp_return_number(self) -> &'a str {
        self.doc().str_of("mp_return_number").unwrap_or_default()
    }
    pub fn status(self) -> &'a str {
        status(self.doc())
    }
    pub fn rma(self) -> &'a str {
        self.doc().str_of("rma").unwrap_or_default()
    }
    pub fn lines(self) -> impl Iterator<Item = ReturnLine<'a, D::Doc>> {
        self.doc().items("return_lines").map(ReturnLine)
    }
    /// Units of one order line this return asks back.
    pub fn units_of(self, mp_order_line_number: &str) -> i64 {
        self.lines()
            .filter(|l| is(l.doc(), "mp_order_line_number", mp_order_line_number))
            .filter_map(ReturnLine::units)
            .sum()
    }
    /// Item and item tax refunded for it so far.
    pub fn refunded(self) -> f64 {
        Refund(self.0).refunded()
    }
}

view! {
    /// One line of a return: which order line, how many units.
    ReturnLine
}

impl<'a, D: AsDoc> ReturnLine<'a, D> {
    pub fn mp_order_line_number(self) -> Option<&'a str> {
        self.doc().str_of("mp_order_line_number")
    }
    pub fn units(self) -> Option<i64> {
        self.doc().i64_of("quantity")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn refunds_and_returns_read_by_name() {
        let r = json!({"feedamp_refund_id": 41, "status": "CREATED", "merchant_refund_lines": [
            {"mp_line_number": "1", "quantity": 1, "item_refund": 10.0, "item_tax_refund": 0.8, "reason": "damaged"},
            {"mp_line_number": "2", "quantity": 1, "item_refund": 5.5},
            {"mp_line_number": "1", "quantity": 2}
        ]});
        let refund = Refund(&r);
        assert_eq!(refund.id(), "41");
        assert_eq!(refund.id_value(), Some(&json!(41)));
        assert_eq!(refund.status(), "CREATED");
        assert!((refund.refunded() - 16.3).abs() < 1e-9);
        assert_eq!(
            refund.lines().map(|l| l.reason()).collect::<Vec<_>>(),
            ["damaged", "", ""]
        );
        assert_eq!((refund.units_of("1"), refund.units_of("3")), (3, 0));
        let ret = json!({"mp_return_number": "R-1", "status": "AUTHORIZED", "rma": "RMA9"});
        assert_eq!(
            (
                Return(&ret).mp_return_number(),
                Return(&ret).rma(),
                Return(&ret).refunded()
            ),
            ("R-1", "RMA9", 0.0)
        );
    }

    #[test]
    fn a_view_over_any_reference() {
        // As the page keeps them: a list it searches, and changes in place.
        let mut all = [
            json!({"feedamp_refund_id": 1}),
            json!({"feedamp_refund_id": 2}),
        ];
        let found = all.iter().find(|r| Refund(r).id() == "2");
        assert_eq!(found.map(|r| Refund(r).id()), Some("2".to_string()));
        let changed = all.iter_mut().find(|r| Refund(r).id() == "1");
        assert!(changed.is_some());
    }

    #[test]
    fn a_return_s_lines() {
        let ret = orderlint_json::json!({"return_lines": [
            {"mp_order_line_number": "1", "quantity": 1}, {"mp_order_line_number": "1", "quantity": "2"},
            {"quantity": 5}]});
        let ret = *ret.value();
        let ret = Return(&ret);
        assert_eq!(ret.units_of("1"), 1, "a quantity as text is no count");
        assert_eq!(
            ret.units_of(""),
            0,
            "a line without a number is no line \"\""
        );
        assert_eq!(
            ret.lines()
                .map(ReturnLine::mp_order_line_number)
                .collect::<Vec<_>>(),
            [Some("1"), Some("1"), None]
        );
        let null_id = orderlint_json::json!({"feedamp_refund_id": null});
        let null_id = *null_id.value();
        assert_eq!(Refund(&null_id).id_value(), None);
        assert_eq!(Refund(&null_id).id(), "");
    }
}
