//! `GET /orders` filters, as a JSON object of query parameters.

use orderlint_json::Value;

use super::query::{self, Param, Params};
use super::shapes::entity;
use crate::shape::Entity;
use crate::Report;

pub(crate) const ENTITY: Entity = entity("feedamp.orders_query", &super::QUERY);
pub const FULFILLMENT_STATUSES: &[&str] = &["UNFULFILLED", "PARTIALLY_FULFILLED", "COMPLETE"];
pub(crate) const PARAMS: Params = &[
    ("mp_order_numbers", Param::Ids),
    ("fulfillment_status", Param::EnumList(FULFILLMENT_STATUSES)),
    ("imported_after", Param::Since),
    ("seller_updated_after", Param::Since),
    ("has_errors", Param::Flag),
    ("page_size", Param::PageSize),
    ("cursor", Param::Cursor),
];

pub fn check(v: &Value, r: &mut Report) {
    query::check(v, r, ENTITY, PARAMS);
}
