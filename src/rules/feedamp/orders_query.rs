//! `GET /orders` filters, as a JSON object of query parameters. Lists may be given as
//! arrays or as the comma-delimited strings the API takes.

use serde_json::Value;

use super::{MAX_ID_CHARS, SPEC};
use crate::rules::checks::enum_message;
use crate::rules::datetime::{parse_datetime, Zone};
use crate::rules::fields::{Obj, OPTIONAL};
use crate::rules::pointer::Ptr;
use crate::rules::text::quote;
use crate::rules::{Report, Severity};

const E: &str = "feedamp.orders_query";
pub const FULFILLMENT_STATUSES: &[&str] = &["UNFULFILLED", "PARTIALLY_FULFILLED", "COMPLETE"];
const PARAMS: &[&str] = &[
    "mp_order_numbers",
    "fulfillment_status",
    "imported_after",
    "seller_updated_after",
    "has_errors",
    "page_size",
    "cursor",
];
pub const PAGE_SIZE: (i64, i64) = (10, 50);
pub const MAX_ORDER_NUMBERS: usize = 100;

pub fn check(v: &Value, r: &mut Report) {
    let Some(o) = Obj::new(r, v, Ptr::root(), E) else {
        return;
    };
    o.unknown_fields(r, PARAMS);
    if let Some(items) = list(&o, r, "mp_order_numbers") {
        if items.len() > MAX_ORDER_NUMBERS {
            r.cite(Severity::Error, o.at("mp_order_numbers").as_str(), "feedamp.orders_query.mp_order_numbers.too_many",
                format!("mp_order_numbers has {} items; at most {MAX_ORDER_NUMBERS} per request: split the query.", items.len()), SPEC);
        }
        for (i, n) in items.iter().enumerate() {
            if n.is_empty() || n.chars().count() > MAX_ID_CHARS {
                r.error(o.at("mp_order_numbers").as_str(), "feedamp.orders_query.mp_order_numbers.invalid",
                    format!("Item {i} of mp_order_numbers is {}; each must have 1 to {MAX_ID_CHARS} characters.", quote(n)));
            }
        }
    }
    if let Some(items) = list(&o, r, "fulfillment_status") {
        for s in items
            .iter()
            .filter(|s| !FULFILLMENT_STATUSES.contains(&s.as_str()))
        {
            r.error(
                o.at("fulfillment_status").as_str(),
                "feedamp.orders_query.fulfillment_status.invalid",
                enum_message("an item of fulfillment_status", s, FULFILLMENT_STATUSES),
            );
        }
    }
    for name in ["imported_after", "seller_updated_after"] {
        date_filter(&o, r, name, E);
    }
    flag(&o, r, "has_errors");
    page_size(&o, r);
    o.text(r, "cursor", OPTIONAL);
}

/// A comma-delimited list or an array of strings; `None` when absent or already reported.
fn list(o: &Obj, r: &mut Report, name: &str) -> Option<Vec<String>> {
    let items: Vec<String> = match o.present(name)? {
        Value::String(s) => s.split(',').map(|p| p.trim().to_string()).collect(),
        Value::Array(a) if a.iter().all(Value::is_string) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        other => {
            o.wrong_type(
                r,
                name,
                other,
                "a comma-delimited string or an array of strings",
            );
            return None;
        }
    };
    if items.iter().all(String::is_empty) {
        r.error(
            o.at(name).as_str(),
            format!("{E}.{name}.empty"),
            format!("{name} is empty; give at least one value or leave it out."),
        );
        return None;
    }
    Some(items)
}

/// A date-time filter: FeedAMP reads one without an offset in America/New_York.
pub(crate) fn date_filter(o: &Obj, r: &mut Report, name: &str, entity: &str) {
    let Some(s) = o.string(r, name, OPTIONAL) else {
        return;
    };
    match parse_datetime(s) {
        None => r.error(o.at(name).as_str(), format!("{entity}.{name}.invalid"),
            format!("{name} is {}, not an ISO 8601 date-time such as \"2026-01-01T00:00:00Z\".", quote(s))),
        Some(dt) if dt.zone == Zone::Missing => r.warn(o.at(name).as_str(), format!("{entity}.{name}.new_york_time"),
            format!("{name} {} has no offset, so FeedAMP reads it in America/New_York; add \"Z\" for UTC or the offset you mean.", quote(s))),
        Some(_) => {}
    }
}

fn flag(o: &Obj, r: &mut Report, name: &str) {
    match o.present(name) {
        None | Some(Value::Bool(_)) => {}
        Some(Value::String(s)) if s == "true" || s == "false" => {}
        Some(other) => o.wrong_type(r, name, other, "true or false"),
    }
}

fn page_size(o: &Obj, r: &mut Report) {
    let v = match o.present("page_size") {
        None => return,
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        Some(_) => None,
    };
    let (lo, hi) = PAGE_SIZE;
    match v {
        Some(n) if (lo..=hi).contains(&n) => {}
        Some(n) => r.cite(
            Severity::Error,
            o.at("page_size").as_str(),
            "feedamp.orders_query.page_size.out_of_range",
            format!("page_size is {n}; it must be {lo} to {hi}."),
            SPEC,
        ),
        None => {
            let raw = o.present("page_size").cloned().unwrap_or(Value::Null);
            o.wrong_type(
                r,
                "page_size",
                &raw,
                &format!("a whole number from {lo} to {hi}"),
            );
        }
    }
}
