//! `POST /orders`: the order whose fields make its shipments eligible for Buy Shipping
//! Protection (guide, step 3).

use crate::codes;
use orderlint_json::Value;

use super::bsp::{
    channel_id, channel_problem, embedded_amazon_order_id, is_amazon_line_item_id,
    is_amazon_order_id, is_linked, looks_like_asin,
};
use super::{address, payload_id, product::tax_rate, shapes, wrapped, GUIDE};
use crate::fields::Obj;
use crate::iso::is_currency;
use crate::pointer::Ptr;
use crate::shape::text_of;
use crate::text::{has_placeholder, quote, show};
use crate::{Context, Report};

/// A line item as far as cross-entity rules need it.
struct Line {
    ptr: Ptr,
    sellable_id: Option<String>,
}

pub fn check(v: &Value, ctx: Option<&Context>, r: &mut Report) {
    let Some(o) = wrapped(r, v, crate::Kind::VeeqoOrder) else {
        return;
    };
    let number = order_number(&o, r);
    let lines = line_items(&o, r);
    if let Some(d) = o
        .present("deliver_to_attributes")
        .and_then(|d| Obj::peek(d, o.at("deliver_to_attributes"), shapes::DELIVER_TO.entity))
    {
        address::deliverable(&d, r);
    }
    if let Some(p) = o
        .present("payment_attributes")
        .and_then(|p| Obj::peek(p, o.at("payment_attributes"), shapes::PAYMENT.entity))
    {
        payment(&p, number.as_deref(), r);
    }
    let currency = text_of(&o, "currency_code").filter(|c| is_currency(c));
    let channel = o.present("channel_id").and_then(payload_id);
    match ctx {
        None => r.report(
            &codes::CONTEXT_MISSING,
            "",
            "Account checks skipped: without the account's channels and channel sellables, orderlint cannot tell whether channel_id is the Amazon custom-integration channel or each sellable is linked to it; load the account context.",
        ),
        Some(ctx) => {
            if let Some(channel) = channel {
                against_account(ctx, &o, &channel, currency, &lines, r);
            }
        }
    }
}

/// `number` must be the Amazon order id, exactly; returns it when it is.
fn order_number(o: &Obj, r: &mut Report) -> Option<String> {
    let at = o.at("number");
    if o.present("number").is_none() {
        r.report_cited(
            &codes::VEEQO_ORDER_NUMBER_REQUIRED,
            at.as_str(),
            "number is missing; set it to the Amazon order id (3-7-7 digits) or Buyer Protection will not apply.",
            GUIDE,
        );
        return None;
    }
    let n = match o.present("number")? {
        Value::String(s) if has_placeholder(s) => return None,
        Value::String(s) => s,
        other => {
            r.report_cited(&codes::VEEQO_ORDER_NUMBER_NOT_AMAZON_ORDER_ID, at.as_str(), format!(
                    "number is {}; send the order's Amazon id as a string (3-7-7 digits, e.g. \"112-1234567-1234567\").",
                    show(other)
                ), GUIDE);
            return None;
        }
    };
    if is_amazon_order_id(n) {
        return Some(n.to_string());
    }
    match embedded_amazon_order_id(n) {
        Some(id) => {
            r.report_cited(&codes::VEEQO_ORDER_NUMBER_NOT_EXACT, at.as_str(), format!(
                "number {} wraps the Amazon order id in a prefix or suffix; send exactly \"{id}\" or Buyer Protection will not apply.",
                quote(n)
            ), GUIDE);
            r.fix(crate::fix::Fix::string(format!("Write \"{id}\""), id));
        }
        None => r.report_cited(&codes::VEEQO_ORDER_NUMBER_NOT_AMAZON_ORDER_ID, at.as_str(), format!(
                "number {} is not an Amazon order id; send the order's Amazon id (3-7-7 digits, e.g. \"112-1234567-1234567\").",
                quote(n)
            ), GUIDE),
    }
    None
}

fn line_items(o: &Obj, r: &mut Report) -> Vec<Line> {
    let at = o.at("line_items_attributes");
    let Some(items) = o.present("line_items_attributes").and_then(Value::as_array) else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let ptr = at.idx(i);
        let Some(li) = Obj::peek(item, ptr.clone(), shapes::LINE_ITEM.entity) else {
            continue;
        };
        tax_rate(&li, &codes::VEEQO_ORDER_LINE_ITEM_TAX_RATE_PERCENT, r);
        remote_id(&li, r);
        let sellable_id = li.present("sellable_id").and_then(payload_id);
        lines.push(Line { ptr, sellable_id });
    }
    lines
}

/// The Amazon order item id of a line: required for BSP. The guide says it "must map to the
/// Amazon Line Item ID", SP-API's `OrderItemId`, which is all digits (14 in every public
/// example): so a letter anywhere (an ASIN, a SKU) and a JSON number that lost digits lose
/// BSP for certain (errors); digits of another length are a warning (README, the choices made).
fn remote_id<'v>(li: &Obj<'v>, r: &mut Report) -> Option<&'v str> {
    let at = li.at("remote_id");
    let Some(value) = li.present("remote_id") else {
        r.report_cited(
            &codes::VEEQO_ORDER_LINE_ITEM_REMOTE_ID_REQUIRED,
            at.as_str(),
            "remote_id is missing; set it to the Amazon order item id of this line or Buyer Protection will not apply.",
            GUIDE,
        );
        return None;
    };
    if let Value::Number(n) = value {
        let digits = n.to_string();
        if !is_amazon_line_item_id(&digits) {
            r.report_cited(&codes::VEEQO_ORDER_LINE_ITEM_REMOTE_ID_NUMBER, at.as_str(), format!(
                    "remote_id is the number {n}, which is not the 14 digits of an Amazon order item id: a number keeps no leading zeros (Number(\"02812345678901\") is 2812345678901); send the order item id as a string of 14 digits, as SP-API gives it."
                ), GUIDE);
        }
        return None;
    }
    let id = text_of(li, "remote_id")?;
    if id.trim().is_empty() {
        r.report_cited(
            &codes::VEEQO_ORDER_LINE_ITEM_REMOTE_ID_REQUIRED,
            at.as_str(),
            "remote_id is blank; set it to the Amazon order item id of this line or Buyer Protection will not apply.",
            GUIDE,
        );
        return None;
    }
    if looks_like_asin(id) {
        r.report_cited(&codes::VEEQO_ORDER_LINE_ITEM_REMOTE_ID_ASIN, at.as_str(), format!(
                "remote_id {} is an ASIN, not the Amazon order item id the guide requires (14 digits, e.g. \"12345678901234\"); Buyer Protection will not apply.",
                quote(id)
            ), GUIDE);
    } else if !id.bytes().all(|b| b.is_ascii_digit()) {
        r.report_cited(&codes::VEEQO_ORDER_LINE_ITEM_REMOTE_ID_NOT_ORDER_ITEM_ID, at.as_str(), format!(
                "remote_id {} cannot be an Amazon order item id, which is all digits (SP-API's OrderItemId, 14 in every example, e.g. \"12345678901234\"); Buyer Protection will not apply: send the line's OrderItemId.",
                quote(id)
            ), GUIDE);
    } else if !is_amazon_line_item_id(id) {
        r.report(&codes::VEEQO_ORDER_LINE_ITEM_REMOTE_ID_UNUSUAL, at.as_str(), format!(
                "remote_id {} has {} digits, not the 14 of every public Amazon order item id; check it is the line's OrderItemId, whole.",
                quote(id),
                id.len()
            ));
    }
    Some(id)
}

fn payment(p: &Obj, number: Option<&str>, r: &mut Report) {
    if let Some(t) = text_of(p, "payment_type").filter(|t| !t.trim().is_empty()) {
        if t != "amazon" {
            r.report(
                &codes::VEEQO_ORDER_PAYMENT_PAYMENT_TYPE_NOT_AMAZON,
                p.at("payment_type").as_str(),
                format!(
                    "payment_type is {}; Amazon orders use \"amazon\".",
                    quote(t)
                ),
            );
        }
    }
    if let (Some(reference), Some(number)) = (text_of(p, "reference_number"), number) {
        if reference != number {
            r.report(
                &codes::VEEQO_ORDER_PAYMENT_REFERENCE_NUMBER_MISMATCH,
                p.at("reference_number").as_str(),
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
    match ctx.channels() {
        None => r.report(
            &codes::CONTEXT_CHANNELS_MISSING,
            at.as_str(),
            "Channel check skipped: the context has no channels.",
        ),
        Some(channels) => match channels.iter().find(|c| channel_id(c).as_deref() == Some(channel)) {
            None => r.report_cited(
                &codes::VEEQO_ORDER_CHANNEL_ID_UNKNOWN,
                at.as_str(),
                format!("No channel {channel} exists in the account; use the id of the Amazon custom-integration channel."),
                GUIDE,
            ),
            Some(c) => {
                if let Some(why) = channel_problem(c) {
                    r.report_cited(
                        &codes::VEEQO_ORDER_CHANNEL_ID_NOT_BSP_CHANNEL,
                        at.as_str(),
                        format!("Channel {channel} cannot carry Buyer Protection: {why}; use the Amazon custom-integration channel."),
                        GUIDE,
                    );
                }
                let channel_currency = c.get("currency_code").and_then(Value::as_str);
                if let (Some(cc), Some(oc)) = (channel_currency, currency) {
                    if cc != oc {
                        r.report(
                            &codes::VEEQO_ORDER_CURRENCY_CODE_DIFFERS_FROM_CHANNEL,
                            o.at("currency_code").as_str(),
                            format!("currency_code \"{oc}\" differs from channel {channel}'s \"{cc}\"."),
                        );
                    }
                }
            }
        },
    }
    let Some(links) = ctx.channel_sellables() else {
        r.report(
            &codes::CONTEXT_CHANNEL_SELLABLES_MISSING,
            o.at("line_items_attributes").as_str(),
            "Link check skipped: the context has no channel sellables.",
        );
        return;
    };
    for line in lines {
        let Some(sellable) = &line.sellable_id else {
            continue;
        };
        if !is_linked(links, sellable, channel) {
            r.report_cited(
                &codes::VEEQO_ORDER_LINE_ITEM_SELLABLE_ID_NOT_LINKED,
                line.ptr.key("sellable_id").as_str(),
                format!("Sellable {sellable} has no channel sellable on channel {channel}; create one (step 2) or Buyer Protection will not apply."),
                GUIDE,
            );
        }
    }
}
