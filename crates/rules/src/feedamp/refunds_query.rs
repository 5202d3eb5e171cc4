//! `GET /refunds` filters (seller-initiated refunds).

use orderlint_json::Value;

use super::query::{self, Param, Params};
use crate::Report;

const E: &str = "feedamp.refunds_query";
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
    let Some((o, dates)) = query::check(v, r, E, PARAMS) else {
        return;
    };
    let at = |name| dates.iter().find(|(n, _)| *n == name).map(|(_, d)| d);
    if let (Some(a), Some(b)) = (at("created_after"), at("created_before")) {
        if a.epoch_seconds_new_york_default() > b.epoch_seconds_new_york_default() {
            r.warn(
                o.at("created_after").as_str(),
                "feedamp.refunds_query.created_after.after_before",
                "created_after is later than created_before: no refund can match.",
            );
        }
    }
}
