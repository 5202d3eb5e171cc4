//! `PUT /orders/{mp_order_number}`: place an order, or update a placed one.

use crate::codes::{self, Check};
use orderlint_json::Value;
use orderlint_model::feedamp::Order;

use super::shapes;
use super::state::{pending_quantity, transition_problem, STATES};
use super::{MAX_ID_CHARS, SPEC};
use crate::datetime::{parse_datetime, DateTime, Zone};
use crate::fields::Obj;
use crate::pointer::Ptr;
use crate::shape::{text_of, walk};
use crate::text::quote;
use crate::{Context, Report};

/// What an update may change. The spec says only "specific fields" may be updated and
/// does not list them; the marketplace state is the one an update exists for.
pub const UPDATABLE: &[&str] = &["marketplace_state"];

pub const TAX_TYPES: &[&str] = &["SHIPPING", "SALES", "GST", "PST", "VAT"];
pub const DISCOUNT_TYPES: &[&str] = &["ITEM", "SHIPPING"];
pub const FULFILLMENT_TYPES: &[&str] = &["shipment", "digital", "pickup"];

pub fn check(v: &Value, ctx: Option<&Context>, r: &mut Report) {
    let Some(o) = walk(&shapes::ORDER, v, Ptr::root(), r) else {
        return;
    };
    let number = text_of(&o, "mp_order_number").filter(|n| is_id(n));
    if let (Some(n), Some(path)) = (number, ctx.and_then(|c| c.path_mp_order_number.as_deref())) {
        if n != path {
            r.report_cited(
                &codes::FEEDAMP_ORDER_MP_ORDER_NUMBER_PATH_MISMATCH,
                o.at("mp_order_number").as_str(),
                format!(
                    "mp_order_number {} differs from the path's {}; they must be equal.",
                    quote(n),
                    quote(path)
                ),
                SPEC,
            );
        }
    }
    window(&o, r, "earliest_ship_date", "latest_ship_date");
    window(&o, r, "earliest_delivery_date", "latest_delivery_date");
    after_purchase(&o, r);
    order_lines(&o, r);
    let state = text_of(&o, "marketplace_state").filter(|s| STATES.contains(s));
    if let Some(state) = state {
        if ctx.is_some_and(|c| c.new_order) {
            if let Some(why) = transition_problem(None, state) {
                r.report_cited(
                    &codes::FEEDAMP_ORDER_MARKETPLACE_STATE_TRANSITION,
                    o.at("marketplace_state").as_str(),
                    format!("{}: {why}.", o.at("marketplace_state")),
                    SPEC,
                );
            }
        } else {
            against_placed_order(&o, state, ctx.and_then(|c| c.feedamp_order()), r);
        }
    }
}

/// An id of the spec's length, 1 to 128 characters.
pub(crate) fn is_id(s: &str) -> bool {
    (1..=MAX_ID_CHARS).contains(&s.chars().count())
}

/// The earliest end of a date window is not after the latest (the walk has checked each
/// is a UTC date-time).
fn window(o: &Obj, r: &mut Report, earliest: &str, latest: &str) {
    let utc = |name| {
        text_of(o, name)
            .and_then(parse_datetime)
            .filter(|d| d.zone == Zone::Utc)
    };
    if let (Some(a), Some(b)) = (utc(earliest), utc(latest)) {
        if key(&a) > key(&b) {
            o.report(
                r,
                earliest,
                Check::AfterLatest,
                format!("{earliest} is after {latest}; the window is empty. Swap them or fix one."),
            );
        }
    }
}

/// Nothing ships or arrives before it is bought. The spec's own sample has it so (bought in
/// May, shipped in February): a likely copy-paste, so a warning.
fn after_purchase(o: &Obj, r: &mut Report) {
    let utc = |name| {
        text_of(o, name)
            .and_then(parse_datetime)
            .filter(|d| d.zone == Zone::Utc)
    };
    let Some(bought) = utc("purchase_date") else {
        return;
    };
    for name in [
        "earliest_ship_date",
        "latest_ship_date",
        "earliest_delivery_date",
        "latest_delivery_date",
    ] {
        if utc(name).is_some_and(|d| key(&d) < key(&bought)) {
            o.report(
                r,
                name,
                Check::BeforePurchase,
                format!("{name} is before purchase_date; nothing ships or arrives before it is bought: check the dates."),
            );
        }
    }
}

fn key(d: &DateTime) -> (crate::datetime::Date, u32) {
    (d.date, d.seconds)
}

fn order_lines(o: &Obj, r: &mut Report) {
    let at = o.at("order_lines");
    let Some(lines) = o.present("order_lines").and_then(Value::as_array) else {
        return;
    };
    if lines.is_empty() {
        r.field_cited(
            o.entity,
            "order_lines",
            Check::Empty,
            at.as_str(),
            "order_lines is empty; an order needs at least one line.",
            SPEC,
        );
    }
}

/// A state only an order already placed can take (SHIPPED, CANCELLED), when the rules do
/// not know whether this PUT places or updates. The spec's "Expected Usage": orders are
/// placed, their fulfillments polled, and "when the marketplace has successfully processed
/// all the fulfillments for an order, the order's status must be updated to reflect the
/// marketplace state (e.g. SHIPPED, CANCELLED)"; SHIPPED needs "all required fulfillment
/// information from the seller", which a new order cannot have, and CANCELLED is "AFTER
/// having been placed into FeedAMP". The sandbox answers a new order so with a 400.
/// A warning, not an error: `PUT /orders/{n}` also updates, and an update to SHIPPED with
/// the whole order is the spec's own last step. Known new (the context's `new_order`), it
/// is the `transition` error; known placed, the transition is checked.
fn placed_only(at: &str, state: &str, r: &mut Report) {
    if transition_problem(None, state).is_none() {
        return;
    }
    r.report_cited(&codes::FEEDAMP_ORDER_MARKETPLACE_STATE_PLACED_ONLY, at, format!(
            "{state} is for an order already placed: FeedAMP refuses it on a new order (400), which starts as PENDING or AWAITING_SHIPMENT. Place the order as AWAITING_SHIPMENT (or PENDING) and send {state} later, as its update; if this is that update, load the placed order to check the transition."
        ), SPEC);
}

/// State transitions and update rules, against the order as FeedAMP has it.
fn against_placed_order(o: &Obj, state: &str, placed: Option<&Value>, r: &mut Report) {
    let at = o.at("marketplace_state");
    let Some(placed) = placed.filter(|p| p.is_object()) else {
        placed_only(at.as_str(), state, r);
        return;
    };
    let from = Order(placed).marketplace_state_opt();
    if let Some(why) = transition_problem(from.or(Some("PENDING")), state) {
        r.report_cited(
            &codes::FEEDAMP_ORDER_MARKETPLACE_STATE_TRANSITION,
            at.as_str(),
            format!("{}: {why}.", o.at("marketplace_state")),
            SPEC,
        );
    }
    if state == "SHIPPED" {
        if let Some(p) = pending_quantity(placed).filter(|p| *p > 0) {
            r.report(
                &codes::FEEDAMP_ORDER_MARKETPLACE_STATE_SHIPPED_WITH_PENDING,
                at.as_str(),
                format!("{p} units are neither shipped nor cancelled yet; mark SHIPPED once every line is fulfilled."),
            );
        }
    }
    for (k, v) in o.map {
        if UPDATABLE.contains(&k) || shapes::ORDER.field(k).is_none() {
            continue;
        }
        if placed.get(k).is_some_and(|p| p != v) {
            r.report(
                &codes::FEEDAMP_ORDER_NOT_UPDATABLE,
                o.at(k).as_str(),
                format!("{k} differs from the placed order's, but an update only changes {}; the change will not apply.", UPDATABLE.join(", ")),
            );
        }
    }
}
