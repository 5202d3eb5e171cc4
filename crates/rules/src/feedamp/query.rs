//! Query-parameter checks shared by the list endpoints (orders, refunds, returns). Each
//! endpoint's parameters are a table of [`Param`]s, which [`check`] walks and the exported
//! schema reads. Lists may be arrays or the comma-delimited strings the API takes.

use crate::codes::Check;
use crate::shape::Entity;
use orderlint_json::Value;

use super::{MAX_ID_CHARS, SPEC};
use crate::checks::enum_message;
use crate::checks::enum_value;
use crate::datetime::{parse_datetime, DateTime, Zone};
use crate::fields::{Obj, OPTIONAL};
use crate::pointer::Ptr;
use crate::text::quote;
use crate::Report;

/// What one query parameter holds.
#[derive(Clone, Copy)]
pub enum Param {
    /// Marketplace numbers: a list of 1 to 100, each of 1 to 128 characters.
    Ids,
    /// A list of values from an enum.
    EnumList(&'static [&'static str]),
    /// One value from an enum.
    OneOf(&'static [&'static str]),
    /// A date-time filter.
    Since,
    /// `true` / `false`, or their text.
    Flag,
    /// A page of `PAGE_SIZE` items.
    PageSize,
    /// The cursor a previous page returned.
    Cursor,
}

/// An endpoint's parameters, by name.
pub type Params = &'static [(&'static str, Param)];

pub fn names(params: Params) -> Vec<&'static str> {
    params.iter().map(|(n, _)| *n).collect()
}

/// Checks a query by its table. Returns the object and its date-time filters, for the
/// endpoint's own rules across parameters.
pub fn check<'v>(
    v: &'v Value<'v>,
    r: &mut Report,
    entity: Entity,
    params: Params,
) -> Option<(Obj<'v>, Vec<(&'static str, DateTime)>)> {
    let o = Obj::new(r, v, Ptr::root(), entity)?;
    o.unknown_fields(r, &names(params));
    let mut dates = Vec::new();
    for &(name, p) in params {
        match p {
            Param::Ids => id_list(&o, r, name),
            Param::EnumList(allowed) => enum_list(&o, r, name, allowed),
            Param::OneOf(allowed) => {
                enum_value(&o, r, name, OPTIONAL, allowed);
            }
            Param::Since => dates.extend(date_filter(&o, r, name).map(|d| (name, d))),
            Param::Flag => flag(&o, r, name),
            Param::PageSize => page_size(&o, r),
            Param::Cursor => {
                o.text(r, name, OPTIONAL);
            }
        }
    }
    Some((o, dates))
}

pub const PAGE_SIZE: (i64, i64) = (10, 50);
pub const MAX_LIST_ITEMS: usize = 100;

/// A comma-delimited list or an array of strings; `None` when absent or already reported.
pub fn list(o: &Obj, r: &mut Report, name: &str) -> Option<Vec<String>> {
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
        o.report(
            r,
            name,
            Check::Empty,
            format!("{name} is empty; give at least one value or leave it out."),
        );
        return None;
    }
    Some(items)
}

/// A list of marketplace numbers: 1 to 100 items of 1 to 128 characters.
pub fn id_list(o: &Obj, r: &mut Report, name: &str) {
    let Some(items) = list(o, r, name) else {
        return;
    };
    if items.len() > MAX_LIST_ITEMS {
        r.field_cited(
            o.entity,
            name,
            Check::TooMany,
            o.at(name).as_str(),
            format!(
                "{name} has {} items; at most {MAX_LIST_ITEMS} per request: split the query.",
                items.len()
            ),
            SPEC,
        );
    }
    for (i, n) in items.iter().enumerate() {
        if n.is_empty() || n.chars().count() > MAX_ID_CHARS {
            o.report(
                r,
                name,
                Check::Invalid,
                format!(
                    "Item {i} of {name} is {}; each must have 1 to {MAX_ID_CHARS} characters.",
                    quote(n)
                ),
            );
        }
    }
}

/// A list whose items come from an enum.
pub fn enum_list(o: &Obj, r: &mut Report, name: &str, allowed: &[&str]) {
    let Some(items) = list(o, r, name) else {
        return;
    };
    for s in items.iter().filter(|s| !allowed.contains(&s.as_str())) {
        o.report(
            r,
            name,
            Check::Invalid,
            enum_message(&format!("an item of {name}"), s, allowed),
        );
    }
}

/// A date-time filter: FeedAMP reads one without an offset in America/New_York.
pub fn date_filter(o: &Obj, r: &mut Report, name: &str) -> Option<DateTime> {
    let s = o.string(r, name, OPTIONAL)?;
    match parse_datetime(s) {
        None => {
            o.report(
                r,
                name,
                Check::Invalid,
                format!(
                    "{name} is {}, not an ISO 8601 date-time such as \"2026-01-01T00:00:00Z\".",
                    quote(s)
                ),
            );
            None
        }
        Some(dt) => {
            if dt.zone == Zone::Missing {
                o.report(
                    r,
                    name,
                    Check::NewYorkTime,
                    format!("{name} {} has no offset, so FeedAMP reads it in America/New_York; add \"Z\" for UTC or the offset you mean.", quote(s)),
                );
            }
            Some(dt)
        }
    }
}

/// A boolean filter, as a JSON boolean or the text the query string carries.
pub fn flag(o: &Obj, r: &mut Report, name: &str) {
    match o.present(name) {
        None | Some(Value::Bool(_)) => {}
        Some(Value::String("true" | "false")) => {}
        Some(other) => o.wrong_type(r, name, other, "true or false"),
    }
}

pub fn page_size(o: &Obj, r: &mut Report) {
    let v = match o.present("page_size") {
        None => return,
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        Some(_) => None,
    };
    let (lo, hi) = PAGE_SIZE;
    match v {
        Some(n) if (lo..=hi).contains(&n) => {}
        Some(n) => r.field_cited(
            o.entity,
            "page_size",
            Check::OutOfRange,
            o.at("page_size").as_str(),
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
