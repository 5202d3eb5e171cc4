//! `GET /returns` filters.

use orderlint_json::Value;

use super::query::{flag, id_list, page_size};
use crate::checks::enum_value;
use crate::fields::{Obj, OPTIONAL};
use crate::pointer::Ptr;
use crate::Report;

const E: &str = "feedamp.returns_query";
pub const RETURN_STATES: &[&str] = &["AUTHORIZED", "REFUNDED", "COMPLETED"];
pub(crate) const PARAMS: &[&str] = &[
    "mp_order_numbers",
    "mp_return_numbers",
    "state",
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
    id_list(&o, r, "mp_return_numbers");
    enum_value(&o, r, "state", OPTIONAL, RETURN_STATES);
    flag(&o, r, "has_errors");
    page_size(&o, r);
    o.text(r, "cursor", OPTIONAL);
}
