//! `POST /shipping/api/v1/rates`: the rates request. Its structure is
//! `shapes::RATES_REQUEST`; here are the rules a table cannot say — what Buy Shipping
//! protection needs for an Amazon order (the reference's "Amazon Orders" and the guide),
//! the customs rule abroad, one parcel of some weight, phones that can be made E.164 — and
//! then the cross-checks against the order (`account`).

use orderlint_json::Value;

use super::{account, normalized_country, phone_problem, shapes, GET_RATES, GUIDE};
use crate::codes;
use crate::fields::{decimal_value, Obj};
use crate::fix::Fix;
use crate::iso::is_country_alpha2;
use crate::pointer::Ptr;
use crate::shape::{text_of, walk};
use crate::text::{has_placeholder, quote, show};
use crate::veeqo::bsp::{
    embedded_amazon_order_id, is_amazon_line_item_id, is_amazon_order_id, looks_like_asin,
};
use crate::{Context, Report};

/// A channel item as the cross-checks need it.
pub struct Item<'v> {
    pub ptr: Ptr,
    pub remote_id: Option<&'v str>,
    pub quantity: Option<i64>,
}

pub fn check(v: &Value, ctx: Option<&Context>, r: &mut Report) {
    let Some(o) = walk(&shapes::RATES_REQUEST, v, Ptr::root(), r) else {
        return;
    };
    let amazon = o.present("is_amazon_order").is_some_and(is_true);
    let reference = customer_reference(&o, amazon, r);
    let items = channel_items(&o, amazon, r);
    let listed = o
        .present("channel_items")
        .and_then(Value::as_array)
        .is_some_and(|a| !a.is_empty());
    match abroad(&o) {
        Some((from, to)) if !listed => r.report_cited(
            &codes::VEEQO_RATES_REQUEST_CHANNEL_ITEMS_REQUIRED_ABROAD,
            o.at("channel_items").as_str(),
            format!("The parcel goes from {from} to {to}, so channel_items is required (customs are built from it); list each item's Amazon order item id and quantity."),
            GET_RATES,
        ),
        None if amazon && !listed => r.report_cited(
            &codes::VEEQO_RATES_REQUEST_CHANNEL_ITEMS_ABSENT,
            o.at("channel_items").as_str(),
            "channel_items is missing, and it is what enables Buy Shipping protections for an Amazon order; list each item's Amazon order item id (OrderItemId) and quantity.",
            GUIDE,
        ),
        _ => {}
    }
    parcels(&o, r);
    for name in ["to_address", "from_address", "return_address"] {
        if let Some(a) = o
            .present(name)
            .and_then(|a| Obj::peek(a, o.at(name), shapes::ADDRESS.entity))
        {
            phone(&a, name, r);
        }
    }
    account::check(ctx, &o, amazon, reference.as_deref(), &items, r);
}

/// `true`, or what Rails casts to it.
fn is_true(v: &Value) -> bool {
    v.as_bool()
        .or_else(|| match v.as_str()?.trim() {
            "true" | "1" => Some(true),
            _ => None,
        })
        .unwrap_or(false)
}

/// For an Amazon order, `customer_reference` must be the Amazon order number; returns it
/// when it is. For another order, an Amazon order number there means `is_amazon_order`
/// was forgotten.
fn customer_reference(o: &Obj, amazon: bool, r: &mut Report) -> Option<String> {
    let at = o.at("customer_reference");
    let value = o.present("customer_reference");
    if !amazon {
        if let Some(s) = value
            .and_then(Value::as_str)
            .filter(|s| is_amazon_order_id(s))
        {
            r.report_cited(&codes::VEEQO_RATES_REQUEST_IS_AMAZON_ORDER_NOT_SET, o.at("is_amazon_order").as_str(), format!(
                "customer_reference \"{s}\" is an Amazon order number but is_amazon_order is not true; set \"is_amazon_order\": true or Buy Shipping protections are not enabled."
            ), GET_RATES);
        }
        return None;
    }
    let s = match value {
        None => {
            r.report_cited(&codes::VEEQO_RATES_REQUEST_CUSTOMER_REFERENCE_ABSENT, at.as_str(),
                "customer_reference is missing; for an Amazon order it must be the Amazon order number (3-7-7 digits) or Buy Shipping protection is lost.", GET_RATES);
            return None;
        }
        Some(Value::String(s)) if has_placeholder(s) => return None,
        Some(Value::String(s)) => *s,
        Some(other) => {
            r.report_cited(&codes::VEEQO_RATES_REQUEST_CUSTOMER_REFERENCE_NOT_AMAZON_ORDER_ID, at.as_str(), format!(
                "customer_reference is {}; send the Amazon order number as a string (3-7-7 digits, e.g. \"112-4737182-6879466\") or Buy Shipping protection is lost.",
                show(other)
            ), GET_RATES);
            return None;
        }
    };
    if s.trim().is_empty() {
        r.report_cited(&codes::VEEQO_RATES_REQUEST_CUSTOMER_REFERENCE_ABSENT, at.as_str(),
            "customer_reference is blank; for an Amazon order it must be the Amazon order number (3-7-7 digits) or Buy Shipping protection is lost.", GET_RATES);
        return None;
    }
    if is_amazon_order_id(s) {
        return Some(s.to_string());
    }
    match embedded_amazon_order_id(s) {
        Some(id) => {
            r.report_cited(&codes::VEEQO_RATES_REQUEST_CUSTOMER_REFERENCE_NOT_EXACT, at.as_str(), format!(
                "customer_reference {} wraps the Amazon order number in other text; send exactly \"{id}\" or Buy Shipping protection is lost.",
                quote(s)
            ), GET_RATES);
            let fix = Fix::string(format!("Write \"{id}\""), id);
            r.fix(if only_a_prefix(s, id) { fix } else { fix.suggestion() });
        }
        None => r.report_cited(&codes::VEEQO_RATES_REQUEST_CUSTOMER_REFERENCE_NOT_AMAZON_ORDER_ID, at.as_str(), format!(
            "customer_reference {} is not an Amazon order number; send the order's (3-7-7 digits, e.g. \"112-4737182-6879466\") or Buy Shipping protection is lost.",
            quote(s)
        ), GET_RATES),
    }
    None
}

/// Whether `s` is `id` with only a marker before it (`AMZ-`, `AMZ`, `#`) and spaces
/// around: then the number is certainly `id`. Anything else after or before it is a guess.
fn only_a_prefix(s: &str, id: &str) -> bool {
    let Some(before) = s.trim().strip_suffix(id) else {
        return false;
    };
    let marker = before.trim().to_ascii_uppercase();
    ["", "#", "AMZ", "AMZ-", "AMZ_", "AMZ #", "AMZ-#"].contains(&marker.as_str())
}

fn channel_items<'v>(o: &Obj<'v>, amazon: bool, r: &mut Report) -> Vec<Item<'v>> {
    let at = o.at("channel_items");
    let Some(list) = o.present("channel_items").and_then(Value::as_array) else {
        return Vec::new();
    };
    let mut items = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let ptr = at.idx(i);
        let Some(item) = Obj::peek(v, ptr.clone(), shapes::CHANNEL_ITEM.entity) else {
            continue;
        };
        let remote_id = text_of(&item, "remote_id").filter(|s| !s.trim().is_empty());
        if let (true, Some(id)) = (amazon, remote_id) {
            remote_id_shape(&item, id, r);
        }
        let quantity = item.present("quantity").and_then(|q| {
            q.as_i64()
                .or_else(|| q.as_str().and_then(|s| s.trim().parse().ok()))
        });
        items.push(Item {
            ptr,
            remote_id,
            quantity,
        });
    }
    items
}

/// An Amazon order's channel item carries the SP-API OrderItemId: an ASIN never is one.
fn remote_id_shape(item: &Obj, id: &str, r: &mut Report) {
    let at = item.at("remote_id");
    if has_placeholder(id) {
        return;
    }
    if looks_like_asin(id) {
        r.report_cited(&codes::VEEQO_RATES_REQUEST_CHANNEL_ITEM_REMOTE_ID_ASIN, at.as_str(), format!(
            "remote_id {} is an ASIN, not the item's Amazon order item id (OrderItemId, 14 digits, e.g. \"12345678901234\"); Buy Shipping protection is lost.",
            quote(id)
        ), GUIDE);
    } else if !is_amazon_line_item_id(id) {
        r.report(&codes::VEEQO_RATES_REQUEST_CHANNEL_ITEM_REMOTE_ID_UNUSUAL, at.as_str(), format!(
            "remote_id {} is not shaped like an Amazon order item id (14 digits in every public example); check it is the item's OrderItemId.",
            quote(id)
        ));
    }
}

/// The two countries, when the parcel crosses a border: both valid, different after the
/// US territories are folded into the US.
fn abroad(o: &Obj) -> Option<(String, String)> {
    let country = |name: &str| {
        let a = o.present(name)?;
        let c = a.get("country_code")?.as_str()?.trim().to_ascii_uppercase();
        is_country_alpha2(&c).then_some(c)
    };
    let (from, to) = (country("from_address")?, country("to_address")?);
    (normalized_country(&from) != normalized_country(&to)).then_some((from, to))
}

fn parcels(o: &Obj, r: &mut Report) {
    let at = o.at("parcels");
    let Some(list) = o.present("parcels").and_then(Value::as_array) else {
        return;
    };
    if list.len() > 1 {
        r.report_cited(&codes::VEEQO_RATES_REQUEST_PARCELS_MORE_THAN_ONE, at.idx(1).as_str(), format!(
            "parcels has {} parcels and the API takes one; get rates for each parcel in its own request.",
            list.len()
        ), GET_RATES);
    }
    for (i, p) in list.iter().enumerate() {
        let weight = p.get("weight").and_then(|w| {
            w.as_f64()
                .or_else(|| w.as_str().and_then(|s| decimal_value(s.trim())))
        });
        if weight == Some(0.0) {
            r.report_cited(
                &codes::VEEQO_RATES_REQUEST_PARCEL_WEIGHT_ZERO,
                at.idx(i).key("weight").as_str(),
                "weight is 0; the parcel's weight must be above 0: weigh it and send the weight in weight_unit.",
                GET_RATES,
            );
        }
    }
}

fn phone(a: &Obj, name: &str, r: &mut Report) {
    let Some(p) = text_of(a, "phone") else {
        return;
    };
    if has_placeholder(p) {
        return;
    }
    if let Some(why) = phone_problem(p) {
        r.report_cited(&codes::VEEQO_RATES_REQUEST_ADDRESS_PHONE_NOT_E164, a.at("phone").as_str(), format!(
            "{name}.phone {} cannot be made E.164: {why}; send the number alone with its country code, e.g. \"+13125551234\".",
            quote(p)
        ), GET_RATES);
    }
}
