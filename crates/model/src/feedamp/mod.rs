//! FeedAMP's answers, typed: an order with its lines, fulfillments, shipments and
//! cancellations; refunds and returns; error reports; list pages.
//!
//! A view borrows the answer and never fails. Text a page shows reads as `""` when the
//! answer lacks it, and numbers it shows as text (`quantity`); where a rule must tell
//! absent from empty, a `…_opt` twin (or a new field's own accessor) says `None`, and
//! amounts are `Option<f64>`. Lines are found by their number exactly: a line without one
//! is no line `""`.

mod after_sale;
mod order;

pub use after_sale::{Refund, RefundLine, Return, ReturnLine};
pub use order::{Cancellation, Charge, Fulfillment, Line, Order, Shipment};

use crate::{AsDoc, Doc};

/// A view: a borrowed answer, `Copy` whatever the document type, built over a document
/// or a reference to one (a closure's `&&Value` builds one as `&Value` did).
macro_rules! view {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        pub struct $name<'a, D>(pub &'a D);

        impl<D> Clone for $name<'_, D> {
            fn clone(&self) -> Self {
                *self
            }
        }
        impl<D> Copy for $name<'_, D> {}

        impl<'a, D: $crate::AsDoc> $name<'a, D> {
            /// The document read, through any references to it.
            fn doc(self) -> &'a D::Doc {
                self.0.as_doc()
            }
        }
    };
}
pub(crate) use view;

/// A member as a page shows it: `3` and `"3"` as `3`, absent or `null` as `""`.
pub(crate) fn shown<D: Doc>(v: &D, key: &str) -> String {
    match v.field(key) {
        None => String::new(),
        Some(x) => x.as_str().map_or_else(|| x.to_string(), str::to_string),
    }
}

/// Whether `v`'s member `key` is the text `n` (nothing else is).
pub(crate) fn is<D: Doc>(v: &D, key: &str, n: &str) -> bool {
    v.str_of(key) == Some(n)
}

/// Anything FeedAMP answers with a `status` (a refund, a return, an acknowledgement).
pub fn status<D: Doc>(v: &D) -> &str {
    v.str_of("status").unwrap_or_default()
}

view! {
    /// An error report as `POST …/errors` takes it (and as the checks propose it).
    ReportedError
}

impl<'a, D: AsDoc> ReportedError<'a, D> {
    pub fn code(self) -> &'a str {
        self.doc().str_of("code").unwrap_or_default()
    }
    pub fn message(self) -> &'a str {
        self.doc().str_of("message").unwrap_or_default()
    }
}

/// An error report in that shape: the line it is about (for an order's), its code and
/// message.
pub fn report(line: Option<&str>, code: &str, message: String) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    if let Some(line) = line {
        m.insert("mp_line_number".into(), line.into());
    }
    m.insert("code".into(), code.into());
    m.insert("message".into(), message.into());
    serde_json::Value::Object(m)
}

/// A page of a list endpoint: its items, under the endpoint's key (`orders`, `refunds`…).
pub fn page_items<'a, D: Doc>(page: &'a D, key: &str) -> impl Iterator<Item = &'a D> {
    page.items(key)
}

/// A list answer's items, or `None` when the answer has no such list at all (unknown,
/// not empty).
pub fn list<D: Doc + Clone>(page: &D, key: &str) -> Option<Vec<D>> {
    page.get(key).map(|_| page.items(key).cloned().collect())
}

/// A page of a list endpoint: where the next one starts, if there is one.
pub fn next_cursor<D: Doc>(page: &D) -> Option<&str> {
    page.str_of("next_cursor").filter(|c| !c.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pages_and_reports() {
        let page = json!({"orders": [{"status": "A"}, {}], "next_cursor": "c2"});
        assert_eq!(
            page_items(&page, "orders").map(status).collect::<Vec<_>>(),
            ["A", ""]
        );
        assert_eq!(list(&page, "orders").map(|l| l.len()), Some(2));
        assert_eq!(list(&page, "refunds"), None, "no list: unknown, not empty");
        assert_eq!(list(&json!({"refunds": null}), "refunds"), Some(vec![]));
        assert_eq!(next_cursor(&page), Some("c2"));
        assert_eq!(next_cursor(&json!({"next_cursor": ""})), None);
        let e = report(Some("1"), "INVALID_CARRIER", "m".into());
        assert_eq!(
            e.to_string(),
            r#"{"mp_line_number":"1","code":"INVALID_CARRIER","message":"m"}"#
        );
        assert_eq!(
            (ReportedError(&e).code(), ReportedError(&e).message()),
            ("INVALID_CARRIER", "m")
        );
        assert_eq!(
            report(None, "X", "m".into()).to_string(),
            r#"{"code":"X","message":"m"}"#
        );
    }

    #[test]
    fn shown_as_a_page_shows_it() {
        let v = orderlint_json::json!({"n": 3, "s": "3", "z": null, "x": 1.5});
        let v = *v.value();
        assert_eq!(
            ["n", "s", "z", "x", "missing"].map(|k| shown(&v, k)),
            ["3", "3", "", "1.5", ""]
        );
    }
}
