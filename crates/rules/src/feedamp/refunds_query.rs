//! `GET /refunds` filters (seller-initiated refunds).

use orderlint_json::Value;

use super::query::{date_filter, enum_list, id_list, page_size};
use crate::fields::{Obj, OPTIONAL};
use crate::pointer::Ptr;
use crate::Report;

const E: &str = "feedamp.refunds_query";
pub const REFUND_STATUSES: &[&str] = &["CREATED", "PAUSED", "COMPLETE"];
pub(crate) const PARAMS: &[&str] = &[
    "mp_order_numbers",
    "refund_status",
    "created_after",
    "created_before",
    "page_size",
    "cursor",
];

pub fn check(v: &Value, r: &mut Report) {
    let Some(o) = Obj::new(r, v, Ptr::root(), E) else {
        return;
    };
    o.unknown_fields(r, PARAMS);
    id_list(&o, r, "mp_order_numbers");
    enum_list(&o, r, "refund_status", REFUND_STATUSES);
    let after = date_filter(&o, r, "created_after");
    let before = date_filter(&o, r, "created_before");
    if let (Some(a), Some(b)) = (after, before) {
        if a.epoch_seconds_new_york_default() > b.epoch_seconds_new_york_default() {
            r.warn(
                o.at("created_after").as_str(),
                "feedamp.refunds_query.created_after.after_before",
                "created_after is later than created_before: no refund can match.",
            );
        }
    }
    page_size(&o, r);
    o.text(r, "cursor", OPTIONAL);
}
