//! `PUT /orders/{mp_order_number}`: place an order, or update a placed one.

use std::collections::HashMap;

use serde_json::Value;

use super::state::{pending_quantity, transition_problem, STATES};
use super::{currency, MAX_ID_CHARS, SPEC};
use crate::rules::checks::{
    country_alpha3, email, enum_value, non_negative, text_len, utc_datetime,
};
use crate::rules::datetime::DateTime;
use crate::rules::fields::{Obj, OPTIONAL, REQUIRED};
use crate::rules::pointer::Ptr;
use crate::rules::text::quote;
use crate::rules::{Context, Report, Severity};

const E: &str = "feedamp.order";

pub const FIELDS: &[&str] = &[
    "mp_order_number",
    "sales_channel",
    "location",
    "customer",
    "purchase_date",
    "currency",
    "delivery_notes",
    "earliest_ship_date",
    "latest_ship_date",
    "latest_delivery_date",
    "earliest_delivery_date",
    "gift_message",
    "marketing_opt_in",
    "shipping_address",
    "billing_address",
    "order_lines",
    "order_additional_properties",
    "marketplace_state",
    "is_marketplace_fulfilled",
    "fulfillment_type",
];

/// What an update may change. The spec says only "specific fields" may be updated and
/// does not list them; the marketplace state is the one an update exists for.
pub const UPDATABLE: &[&str] = &["marketplace_state"];

const LINE_FIELDS: &[&str] = &[
    "mp_line_number",
    "sku",
    "product_name",
    "quantity",
    "unit_price",
    "shipping_method",
    "shipping_price",
    "taxes",
    "discounts",
    "is_tax_collected_by_marketplace",
    "order_line_additional_properties",
];

const ADDRESS_FIELDS: &[&str] = &[
    "full_name",
    "address_type",
    "address1",
    "address2",
    "address3",
    "city",
    "state",
    "postal_code",
    "country_code",
    "phone",
];

pub const TAX_TYPES: &[&str] = &["SHIPPING", "SALES", "GST", "PST", "VAT"];
pub const DISCOUNT_TYPES: &[&str] = &["ITEM", "SHIPPING"];
pub const FULFILLMENT_TYPES: &[&str] = &["shipment", "digital", "pickup"];

pub fn check(v: &Value, ctx: Option<&Context>, r: &mut Report) {
    let Some(o) = Obj::new(r, v, Ptr::root(), E) else {
        return;
    };
    o.unknown_fields(r, FIELDS);
    let number = text_len(&o, r, "mp_order_number", REQUIRED, 1, MAX_ID_CHARS);
    if let (Some(n), Some(path)) = (number, ctx.and_then(|c| c.path_mp_order_number.as_deref())) {
        if n != path {
            r.cite(
                Severity::Error,
                o.at("mp_order_number").as_str(),
                "feedamp.order.mp_order_number.path_mismatch",
                format!(
                    "mp_order_number {} differs from the path's {}; they must be equal.",
                    quote(n),
                    quote(path)
                ),
                SPEC,
            );
        }
    }
    o.text(r, "sales_channel", REQUIRED);
    if let Some(loc) = o.object(r, "location", OPTIONAL, "feedamp.order.location") {
        let names = [
            "source_location_id",
            "client_location_id",
            "name",
            "address",
        ];
        loc.unknown_fields(r, &names);
        for n in names {
            loc.string(r, n, OPTIONAL);
        }
    }
    if let Some(c) = o.object(r, "customer", REQUIRED, "feedamp.order.customer") {
        c.unknown_fields(r, &["full_name", "email", "phone", "vat"]);
        c.string(r, "full_name", OPTIONAL);
        c.string(r, "phone", OPTIONAL);
        c.string(r, "vat", OPTIONAL);
        email(&c, r, "email", OPTIONAL);
    }
    utc_datetime(&o, r, "purchase_date", REQUIRED);
    currency(&o, r, "currency", REQUIRED);
    for n in ["delivery_notes", "gift_message"] {
        o.string(r, n, OPTIONAL);
    }
    o.boolean(r, "marketing_opt_in", OPTIONAL);
    window(&o, r, "earliest_ship_date", "latest_ship_date");
    window(&o, r, "earliest_delivery_date", "latest_delivery_date");
    if let Some(a) = o.object(
        r,
        "shipping_address",
        REQUIRED,
        "feedamp.order.shipping_address",
    ) {
        street_address(&a, r);
    }
    if let Some(a) = o.object(
        r,
        "billing_address",
        OPTIONAL,
        "feedamp.order.billing_address",
    ) {
        street_address(&a, r);
    }
    order_lines(&o, r);
    o.object(
        r,
        "order_additional_properties",
        OPTIONAL,
        "feedamp.order.order_additional_properties",
    );
    let state = enum_value(&o, r, "marketplace_state", REQUIRED, STATES);
    o.boolean(r, "is_marketplace_fulfilled", OPTIONAL);
    enum_value(&o, r, "fulfillment_type", OPTIONAL, FULFILLMENT_TYPES);

    if let Some(state) = state {
        if ctx.is_some_and(|c| c.new_order) {
            if let Some(why) = transition_problem(None, state) {
                r.cite(
                    Severity::Error,
                    o.at("marketplace_state").as_str(),
                    "feedamp.order.marketplace_state.transition",
                    format!("{}: {why}.", o.at("marketplace_state")),
                    SPEC,
                );
            }
        } else {
            against_placed_order(&o, state, ctx.and_then(|c| c.feedamp_order.as_ref()), r);
        }
    }
}

/// Both ends of a date window are UTC date-times, and the earliest is not after the latest.
fn window(o: &Obj, r: &mut Report, earliest: &str, latest: &str) {
    let a = utc_datetime(o, r, earliest, OPTIONAL);
    let b = utc_datetime(o, r, latest, OPTIONAL);
    if let (Some(a), Some(b)) = (a, b) {
        if key(&a) > key(&b) {
            r.warn(
                o.at(earliest).as_str(),
                format!("{E}.{earliest}.after_latest"),
                format!("{earliest} is after {latest}; the window is empty. Swap them or fix one."),
            );
        }
    }
}

fn key(d: &DateTime) -> (crate::rules::datetime::Date, u32) {
    (d.date, d.seconds)
}

pub(crate) fn street_address(a: &Obj, r: &mut Report) {
    a.unknown_fields(r, ADDRESS_FIELDS);
    for n in ["full_name", "address1", "city", "state", "postal_code"] {
        a.text(r, n, REQUIRED);
    }
    for n in ["address_type", "address2", "address3", "phone"] {
        a.string(r, n, OPTIONAL);
    }
    country_alpha3(a, r, "country_code", REQUIRED);
}

fn order_lines(o: &Obj, r: &mut Report) {
    let Some(lines) = o.array(r, "order_lines", REQUIRED) else {
        return;
    };
    if lines.is_empty() {
        r.cite(
            Severity::Error,
            o.at("order_lines").as_str(),
            "feedamp.order.order_lines.empty",
            "order_lines is empty; an order needs at least one line.",
            SPEC,
        );
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, item) in lines.iter().enumerate() {
        let Some(li) = Obj::new(
            r,
            item,
            o.at("order_lines").idx(i),
            "feedamp.order.order_line",
        ) else {
            continue;
        };
        li.unknown_fields(r, LINE_FIELDS);
        if let Some(n) = text_len(&li, r, "mp_line_number", REQUIRED, 1, MAX_ID_CHARS) {
            if let Some(first) = seen.insert(n, i) {
                r.cite(
                    Severity::Error,
                    li.at("mp_line_number").as_str(),
                    "feedamp.order.order_line.mp_line_number.duplicate",
                    format!(
                        "mp_line_number {} is also line {first}'s; each line needs its own.",
                        quote(n)
                    ),
                    SPEC,
                );
            }
        }
        li.text(r, "sku", REQUIRED);
        li.text(r, "product_name", REQUIRED);
        if let Some(q) = li.integer(r, "quantity", REQUIRED) {
            if q < 1 {
                r.error(
                    li.at("quantity").as_str(),
                    "feedamp.order.order_line.quantity.too_small",
                    format!("quantity is {q}; it must be at least 1."),
                );
            }
        }
        non_negative(&li, r, "unit_price", REQUIRED);
        li.string(r, "shipping_method", OPTIONAL);
        non_negative(&li, r, "shipping_price", OPTIONAL);
        li.boolean(r, "is_tax_collected_by_marketplace", OPTIONAL);
        li.object(
            r,
            "order_line_additional_properties",
            OPTIONAL,
            "feedamp.order.order_line",
        );
        for (t, item) in li
            .array(r, "taxes", OPTIONAL)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            if let Some(tax) = Obj::new(r, item, li.at("taxes").idx(t), "feedamp.order.tax") {
                tax.unknown_fields(r, &["type", "amount"]);
                enum_value(&tax, r, "type", REQUIRED, TAX_TYPES);
                non_negative(&tax, r, "amount", REQUIRED);
            }
        }
        for (d, item) in li
            .array(r, "discounts", OPTIONAL)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            if let Some(disc) =
                Obj::new(r, item, li.at("discounts").idx(d), "feedamp.order.discount")
            {
                disc.unknown_fields(r, &["name", "amount", "type"]);
                disc.text(r, "name", REQUIRED);
                non_negative(&disc, r, "amount", REQUIRED);
                enum_value(&disc, r, "type", REQUIRED, DISCOUNT_TYPES);
            }
        }
    }
}

/// State transitions and update rules, against the order as FeedAMP has it.
fn against_placed_order(o: &Obj, state: &str, placed: Option<&Value>, r: &mut Report) {
    let at = o.at("marketplace_state");
    let Some(placed) = placed.filter(|p| p.is_object()) else {
        if let Some(why) = transition_problem(None, state) {
            r.warn(
                at.as_str(),
                "context.feedamp_order_missing",
                format!(
                    "If this order is new, {why}. Load the placed order to check the transition."
                ),
            );
        }
        return;
    };
    let from = placed.get("marketplace_state").and_then(Value::as_str);
    if let Some(why) = transition_problem(from.or(Some("PENDING")), state) {
        r.cite(
            Severity::Error,
            at.as_str(),
            "feedamp.order.marketplace_state.transition",
            format!("{}: {why}.", o.at("marketplace_state")),
            SPEC,
        );
    }
    if state == "SHIPPED" {
        if let Some(p) = pending_quantity(placed).filter(|p| *p > 0) {
            r.warn(
                at.as_str(),
                "feedamp.order.marketplace_state.shipped_with_pending",
                format!("{p} units are neither shipped nor cancelled yet; mark SHIPPED once every line is fulfilled."),
            );
        }
    }
    for (k, v) in o.map {
        if UPDATABLE.contains(&k.as_str()) || !FIELDS.contains(&k.as_str()) {
            continue;
        }
        if placed.get(k).is_some_and(|p| p != v) {
            r.warn(
                o.at(k).as_str(),
                "feedamp.order.not_updatable",
                format!("{k} differs from the placed order's, but an update only changes {}; the change will not apply.", UPDATABLE.join(", ")),
            );
        }
    }
}
