//! `GET /returns` filters.

use orderlint_json::Value;

use super::query::{self, Param, Params};
use super::shapes::entity;
use crate::shape::Entity;
use crate::Report;

pub(crate) const ENTITY: Entity = entity("feedamp.returns_query", &super::QUERY);
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
    query::check(v, r, ENTITY, PARAMS);
}
