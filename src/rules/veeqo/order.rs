//! `POST /orders`: the order whose fields make its shipments eligible for Buy Shipping
//! Protection (guide, step 3).

use std::collections::HashMap;

use serde_json::Value;

use super::bsp::{
    channel_id, channel_problem, embedded_amazon_order_id, is_amazon_line_item_id,
    is_amazon_order_id, is_linked, looks_like_asin,
};
use super::{address, product::tax_rate, wrapped, GUIDE};
use crate::rules::checks::{currency, date_or_datetime, email};
use crate::rules::fields::{Obj, OPTIONAL, REQUIRED};
use crate::rules::pointer::Ptr;
use crate::rules::text::quote;
use crate::rules::{Context, Report, Severity};

const E: &str = "veeqo.order";

const FIELDS: &[&str] = &[
    "channel_id",
    "number",
    "send_notification_email",
    "due_date",
    "delivery_cost",
    "total_tax",
    "total_discounts",
    "currency_code",
    "line_items_attributes",
    "customer_attributes",
    "deliver_to_attributes",
    "payment_attributes",
    "delivery_method_id",
    "customer_note_attributes",
    "notes",
    "tags",
];

const LINE_FIELDS: &[&str] = &[
    "sellable_id",
    "price_per_unit",
    "quantity",
    "tax_rate",
    "taxless_discount_per_unit",
    "remote_id",
    "additional_options",
];

const CUSTOMER_FIELDS: &[&str] = &[
    "email",
    "phone",
    "mobile",
    "first_name",
    "last_name",
    "billing_address_attributes",
    "notes",
];

/// A line item as far as cross-entity rules need it.
struct Line {
    ptr: Ptr,
    sellable_id: Option<String>,
}

pub fn check(v: &Value, ctx: Option<&Context>, r: &mut Report) {
    let Some(o) = wrapped(r, v, "order", E, FIELDS) else {
        return;
    };
    o.unknown_fields(r, FIELDS);
    let channel = o.id(r, "channel_id", REQUIRED);
    let number = order_number(&o, r);
    o.boolean(r, "send_notification_email", OPTIONAL);
    date_or_datetime(&o, r, "due_date", OPTIONAL);
    for n in ["delivery_cost", "total_tax", "total_discounts"] {
        o.money(r, n, OPTIONAL);
    }
    let currency = currency(&o, r, "currency_code", OPTIONAL);
    let lines = line_items(&o, r);

    if let Some(c) = o.object(r, "customer_attributes", OPTIONAL, "veeqo.order.customer") {
        c.unknown_fields(r, CUSTOMER_FIELDS);
        email(&c, r, "email", OPTIONAL);
        for n in ["phone", "mobile", "first_name", "last_name", "notes"] {
            c.string(r, n, OPTIONAL);
        }
        if let Some(b) = c.object(
            r,
            "billing_address_attributes",
            OPTIONAL,
            "veeqo.order.billing_address",
        ) {
            address::check(&b, r);
        }
    }
    if let Some(d) = o.object(
        r,
        "deliver_to_attributes",
        REQUIRED,
        "veeqo.order.deliver_to",
    ) {
        address::check(&d, r);
    }
    if let Some(p) = o.object(r, "payment_attributes", OPTIONAL, "veeqo.order.payment") {
        payment(&p, number.as_deref(), r);
    }

    match ctx {
        None => r.warn(
            "",
            "context.missing",
            "Account checks skipped: without the account's channels and channel sellables, orderlint cannot tell whether channel_id is the Amazon custom-integration channel or each sellable is linked to it; load the account context.",
        ),
        Some(ctx) => {
            if let Some(channel) = channel {
                against_account(ctx, &o, &channel, currency.as_deref(), &lines, r);
            }
        }
    }
}

/// `number` must be the Amazon order id, exactly; returns it when it is.
fn order_number(o: &Obj, r: &mut Report) -> Option<String> {
    let n = o.text(r, "number", REQUIRED)?;
    if is_amazon_order_id(n) {
        return Some(n.to_string());
    }
    let at = o.at("number");
    match embedded_amazon_order_id(n) {
        Some(id) => r.cite(
            Severity::Error,
            at.as_str(),
            "veeqo.order.number.not_exact",
            format!(
                "number {} wraps the Amazon order id in a prefix or suffix; send exactly \"{id}\" or Buyer Protection will not apply.",
                quote(n)
            ),
            GUIDE,
        ),
        None => r.cite(
            Severity::Error,
            at.as_str(),
            "veeqo.order.number.not_amazon_order_id",
            format!(
                "number {} is not an Amazon order id; send the order's Amazon id (3-7-7 digits, e.g. \"112-1234567-1234567\").",
                quote(n)
            ),
            GUIDE,
        ),
    }
    None
}

fn line_items(o: &Obj, r: &mut Report) -> Vec<Line> {
    let mut lines = Vec::new();
    let Some(items) = o.array(r, "line_items_attributes", REQUIRED) else {
        return lines;
    };
    if items.is_empty() {
        r.error(
            o.at("line_items_attributes").as_str(),
            "veeqo.order.line_items_attributes.empty",
            "line_items_attributes is empty; an order needs at least one line item.",
        );
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        let ptr = o.at("line_items_attributes").idx(i);
        let Some(li) = Obj::new(r, item, ptr.clone(), "veeqo.order.line_item") else {
            continue;
        };
        li.unknown_fields(r, LINE_FIELDS);
        let sellable_id = li.id(r, "sellable_id", REQUIRED);
        li.money(r, "price_per_unit", REQUIRED);
        li.money(r, "taxless_discount_per_unit", OPTIONAL);
        if let Some(q) = li.integer(r, "quantity", REQUIRED) {
            if q < 1 {
                r.error(
                    li.at("quantity").as_str(),
                    "veeqo.order.line_item.quantity.too_small",
                    format!("quantity is {q}; it must be at least 1."),
                );
            }
        }
        tax_rate(&li, r);
        if let Some(id) = remote_id(&li, r) {
            if let Some(first) = seen.insert(id, i) {
                r.error(
                    li.at("remote_id").as_str(),
                    "veeqo.order.line_item.remote_id.duplicate",
                    format!(
                        "remote_id {} is also on line item {first}; each Amazon order item has its own id: merge the lines or fix the id.",
                        quote(id)
                    ),
                );
            }
        }
        lines.push(Line { ptr, sellable_id });
    }
    lines
}

/// The Amazon order item id of a line: required for BSP, 14 digits in every known case.
fn remote_id<'v>(li: &Obj<'v>, r: &mut Report) -> Option<&'v str> {
    if li.present("remote_id").is_none() {
        r.cite(
            Severity::Error,
            li.at("remote_id").as_str(),
            "veeqo.order.line_item.remote_id.required",
            "remote_id is missing; set it to the Amazon order item id of this line or Buyer Protection will not apply.",
            GUIDE,
        );
        return None;
    }
    let id = li.text(r, "remote_id", REQUIRED)?;
    if !is_amazon_line_item_id(id) {
        let why = if looks_like_asin(id) {
            "looks like an ASIN; remote_id takes the Amazon order item id".to_string()
        } else {
            "is not shaped like an Amazon order item id (14 digits in every public example); check it is the line's order item id".to_string()
        };
        r.warn(
            li.at("remote_id").as_str(),
            "veeqo.order.line_item.remote_id.unusual",
            format!("remote_id {} {why}.", quote(id)),
        );
    }
    Some(id)
}

fn payment(p: &Obj, number: Option<&str>, r: &mut Report) {
    p.unknown_fields(r, &["payment_type", "reference_number"]);
    if let Some(t) = p.string(r, "payment_type", OPTIONAL) {
        if t != "amazon" {
            r.warn(
                p.at("payment_type").as_str(),
                "veeqo.order.payment.payment_type.not_amazon",
                format!(
                    "payment_type is {}; Amazon orders use \"amazon\".",
                    quote(t)
                ),
            );
        }
    }
    if let (Some(reference), Some(number)) = (p.string(r, "reference_number", OPTIONAL), number) {
        if reference != number {
            r.warn(
                p.at("reference_number").as_str(),
                "veeqo.order.payment.reference_number.mismatch",
                format!(
                    "reference_number {} differs from the order number; for Amazon orders it is the Amazon order id \"{number}\".",
                    quote(reference)
                ),
            );
        }
    }
}

fn against_account(
    ctx: &Context,
    o: &Obj,
    channel: &str,
    currency: Option<&str>,
    lines: &[Line],
    r: &mut Report,
) {
    let at = o.at("channel_id");
    match &ctx.channels {
        None => r.warn(
            at.as_str(),
            "context.channels_missing",
            "Channel check skipped: the context has no channels.",
        ),
        Some(channels) => match channels.iter().find(|c| channel_id(c).as_deref() == Some(channel)) {
            None => r.cite(
                Severity::Error,
                at.as_str(),
                "veeqo.order.channel_id.unknown",
                format!("No channel {channel} exists in the account; use the id of the Amazon custom-integration channel."),
                GUIDE,
            ),
            Some(c) => {
                if let Some(why) = channel_problem(c) {
                    r.cite(
                        Severity::Error,
                        at.as_str(),
                        "veeqo.order.channel_id.not_bsp_channel",
                        format!("Channel {channel} cannot carry Buyer Protection: {why}; use the Amazon custom-integration channel."),
                        GUIDE,
                    );
                }
                let channel_currency = c.get("currency_code").and_then(Value::as_str);
                if let (Some(cc), Some(oc)) = (channel_currency, currency) {
                    if cc != oc {
                        r.warn(
                            o.at("currency_code").as_str(),
                            "veeqo.order.currency_code.differs_from_channel",
                            format!("currency_code \"{oc}\" differs from channel {channel}'s \"{cc}\"."),
                        );
                    }
                }
            }
        },
    }
    let Some(links) = &ctx.channel_sellables else {
        r.warn(
            o.at("line_items_attributes").as_str(),
            "context.channel_sellables_missing",
            "Link check skipped: the context has no channel sellables.",
        );
        return;
    };
    for line in lines {
        let Some(sellable) = &line.sellable_id else {
            continue;
        };
        if !is_linked(links, sellable, channel) {
            r.cite(
                Severity::Error,
                line.ptr.key("sellable_id").as_str(),
                "veeqo.order.line_item.sellable_id.not_linked",
                format!("Sellable {sellable} has no channel sellable on channel {channel}; create one (step 2) or Buyer Protection will not apply."),
                GUIDE,
            );
        }
    }
}
