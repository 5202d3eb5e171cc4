//! `POST /api/v2/channel_sellables`: a JSON:API document linking a sellable to an Amazon
//! listing on the custom-integration channel (guide, step 2). The structure is
//! `shapes::CHANNEL_SELLABLE`; here are the guide's rules and the account checks.

use crate::codes::{self, Code};
use crate::shape::Entity;
use orderlint_json::Value;

use super::bsp::{channel_id, channel_problem, find_link};
use super::{id_text, payload_id, shapes, GUIDE};
use crate::fields::Obj;
use crate::pointer::Ptr;
use crate::shape::{text_of, walk};
use crate::text::quote;
use crate::{Context, Report};

pub fn check(v: &Value, ctx: Option<&Context>, r: &mut Report) {
    let Some(doc) = walk(&shapes::CHANNEL_SELLABLE, v, Ptr::root(), r) else {
        return;
    };
    let Some(data) = child(&doc, "data", shapes::CHANNEL_SELLABLE_DATA.entity) else {
        return;
    };
    if let Some(t) = text_of(&data, "type") {
        if t != "channel_sellables" {
            r.report_cited(
                &codes::VEEQO_CHANNEL_SELLABLE_TYPE_INVALID,
                data.at("type").as_str(),
                format!(
                    "data.type is {}; the resource type is \"channel_sellables\" (plural).",
                    quote(t)
                ),
                GUIDE,
            );
        }
    }
    let Some(attrs) = child(
        &data,
        "attributes",
        shapes::CHANNEL_SELLABLE_ATTRIBUTES.entity,
    ) else {
        return;
    };
    let sellable_id = &codes::VEEQO_CHANNEL_SELLABLE_SELLABLE_ID_NOT_STRING;
    string_id(&attrs, "sellable_id", sellable_id, r);
    let channel_id = &codes::VEEQO_CHANNEL_SELLABLE_CHANNEL_ID_NOT_STRING;
    string_id(&attrs, "channel_id", channel_id, r);
    if let Some(asin) = text_of(&attrs, "remote_id").filter(|s| !s.trim().is_empty()) {
        let looks_right = asin.len() == 10
            && asin
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if !looks_right {
            r.report(
                &codes::VEEQO_CHANNEL_SELLABLE_REMOTE_ID_NOT_ASIN,
                attrs.at("remote_id").as_str(),
                format!(
                    "remote_id {} does not look like an ASIN (ten capitals or digits, e.g. \"B0EXAMPLE1\"); it must be the listing's ASIN.",
                    quote(asin)
                ),
            );
        }
    }
    let link = child(
        &data,
        "relationships",
        shapes::CHANNEL_SELLABLE_RELATIONSHIPS.entity,
    )
    .and_then(|rel| child(&rel, "channel_product", shapes::CHANNEL_PRODUCT_LINK.entity))
    .and_then(|cp| child(&cp, "data", shapes::CHANNEL_PRODUCT_REF.entity));
    if let Some(link) = &link {
        if let Some(t) = text_of(link, "type").filter(|t| *t != "channel_product") {
            r.report(
                &codes::VEEQO_CHANNEL_SELLABLE_CHANNEL_PRODUCT_TYPE_INVALID,
                link.at("type").as_str(),
                format!(
                    "The relationship type is {}; it must be \"channel_product\".",
                    quote(t)
                ),
            );
        }
        let id = &codes::VEEQO_CHANNEL_SELLABLE_CHANNEL_PRODUCT_ID_NOT_STRING;
        string_id(link, "id", id, r);
    }
    channel_product_variant(&data, &attrs, r);
    let channel = attrs.present("channel_id").and_then(payload_id);
    let sellable = attrs.present("sellable_id").and_then(payload_id);
    if let (Some(ctx), Some(channel)) = (ctx, channel) {
        check_against_account(ctx, &attrs, sellable.as_deref(), &channel, r);
    }
}

/// A nested object the walk has vetted, without a second report.
fn child<'v>(o: &Obj<'v>, name: &str, entity: Entity) -> Option<Obj<'v>> {
    o.present(name)
        .and_then(|v| Obj::peek(v, o.at(name), entity))
}

/// Exactly one of a new channel product or a link to an existing one.
fn channel_product_variant(data: &Obj, attrs: &Obj, r: &mut Report) {
    let has_new = attrs.present("channel_product_attributes").is_some();
    let has_link = data.present("relationships").is_some();
    if has_new && has_link {
        r.report_cited(
            &codes::VEEQO_CHANNEL_SELLABLE_BOTH_CHANNEL_PRODUCT_VARIANTS,
            attrs.at("channel_product_attributes").as_str(),
            "Send either channel_product_attributes (a new channel product) or relationships.channel_product (an existing one), not both.",
            GUIDE,
        );
    } else if !has_new && !has_link {
        r.report_cited(
            &codes::VEEQO_CHANNEL_SELLABLE_NO_CHANNEL_PRODUCT,
            attrs.ptr.as_str(),
            "Add channel_product_attributes {\"remote_title\": ...} to create the channel product, or relationships.channel_product to link an existing one.",
            GUIDE,
        );
    }
}

/// Ids are strings in this JSON:API endpoint: a number works but is flagged (`code`).
fn string_id(o: &Obj, name: &str, code: &'static Code, r: &mut Report) {
    let Some(Value::Number(n)) = o.present(name) else {
        return;
    };
    if n.as_u64().is_some_and(|i| i > 0) {
        r.report(
            code,
            o.at(name).as_str(),
            format!("{name} is a number; ids are strings in this JSON:API endpoint: send \"{n}\"."),
        );
    }
}

fn check_against_account(
    ctx: &Context,
    attrs: &Obj,
    sellable: Option<&str>,
    channel: &str,
    r: &mut Report,
) {
    let at = attrs.at("channel_id");
    if let Some(channels) = &ctx.channels {
        match channels.iter().find(|c| channel_id(c).as_deref() == Some(channel)) {
            None => r.report(
                &codes::VEEQO_CHANNEL_SELLABLE_CHANNEL_ID_UNKNOWN,
                at.as_str(),
                format!("No channel {channel} exists in the account; create the Amazon custom-integration channel first and use its id."),
            ),
            Some(c) => {
                if let Some(why) = channel_problem(c) {
                    r.report_cited(
                        &codes::VEEQO_CHANNEL_SELLABLE_CHANNEL_ID_NOT_BSP_CHANNEL,
                        at.as_str(),
                        format!("Channel {channel} cannot carry Buyer Protection: {why}."),
                        GUIDE,
                    );
                }
            }
        }
    }
    if let (Some(links), Some(sellable)) = (&ctx.channel_sellables, sellable) {
        if let Some(link) = find_link(links, sellable, channel) {
            let existing = link.get("id").and_then(id_text).unwrap_or_default();
            r.report(
                &codes::VEEQO_CHANNEL_SELLABLE_ALREADY_LINKED,
                attrs.at("sellable_id").as_str(),
                format!("Sellable {sellable} is already linked to channel {channel} (channel sellable {existing}); a second link is not needed."),
            );
        }
    }
}
