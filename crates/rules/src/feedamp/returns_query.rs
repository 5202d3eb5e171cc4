//! `GET /returns` filters.

use orderlint_json::Value;

use super::query::{self, Param, Params};
use crate::Report;

const E: &str = "feedamp.returns_query";
pub const RETURN_STATES: &[&str] = &["AUTHORIZED", "REFUNDED", "COMPLETED"];
pub(crate) const PARAMS: Params = &[
    ("mp_order_numbers", Param::Ids),
    ("mp_return_numbers", Param::Ids),
    ("state", Param::OneOf(RETURN_STATES)),
    ("has_errors", Param::Flag),
    ("page_size", Param::PageSize),
    ("cursor", Param::Cursor),
];

pub fn check(v: &Value, r: &mut Report) {
    query::check(v, r, E, PARAMS);
}
