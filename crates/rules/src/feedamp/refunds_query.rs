//! `GET /refunds` filters (seller-initiated refunds).

use crate::codes;
use orderlint_json::Value;

use super::query::{self, Param, Params};
use super::shapes::entity;
use crate::shape::Entity;
use crate::Report;

pub(crate) const ENTITY: Entity = entity("feedamp.refunds_query", &super::QUERY);
pub const REFUND_STATUSES: &[&str] = &["CREATED", "PAUSED", "COMPLETE"];
pub(crate) const PARAMS: Params = &[
    ("mp_order_numbers", Param::Ids),
    ("refund_status", Param::EnumList(REFUND_STATUSES)),
    ("created_after", Param::Since),
    ("created_before", Param::Since),
    ("page_size", Param::PageSize),
    ("cursor", Param::Cursor),
];

pub fn check(v: &Value, r: &mut Report) {
    let Some((o, dates)) = query::check(v, r, ENTITY, PARAMS) else {
        return;
    };
    let at = |name| dates.iter().find(|(n, _)| *n == name).map(|(_, d)| d);
    if let (Some(a), Some(b)) = (at("created_after"), at("created_before")) {
        if a.epoch_seconds_new_york_default() > b.epoch_seconds_new_york_default() {
            r.report(
                &codes::FEEDAMP_REFUNDS_QUERY_CREATED_AFTER_AFTER_BEFORE,
                o.at("created_after").as_str(),
                "created_after is later than created_before: no refund can match.",
            );
        }
    }
}
