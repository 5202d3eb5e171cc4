//! `GET /orders` filters, as a JSON object of query parameters.

use orderlint_json::Value;

use super::query::{date_filter, enum_list, flag, id_list, page_size};
use crate::fields::{Obj, OPTIONAL};
use crate::pointer::Ptr;
use crate::Report;

const E: &str = "feedamp.orders_query";
pub const FULFILLMENT_STATUSES: &[&str] = &["UNFULFILLED", "PARTIALLY_FULFILLED", "COMPLETE"];
pub(crate) const PARAMS: &[&str] = &[
    "mp_order_numbers",
    "fulfillment_status",
    "imported_after",
    "seller_updated_after",
    "has_errors",
    "page_size",
    "cursor",
];

pub fn check(v: &Value, r: &mut Report) {
    let Some(o) = Obj::new(r, v, Ptr::root(), E) else {
        return;
    };
    o.unknown_fields(r, PARAMS);
    id_list(&o, r, "mp_order_numbers");
    enum_list(&o, r, "fulfillment_status", FULFILLMENT_STATUSES);
    date_filter(&o, r, "imported_after");
    date_filter(&o, r, "seller_updated_after");
    flag(&o, r, "has_errors");
    page_size(&o, r);
    o.text(r, "cursor", OPTIONAL);
}
