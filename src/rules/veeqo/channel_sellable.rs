//! `POST /api/v2/channel_sellables`: a JSON:API document linking a sellable to an Amazon
//! listing on the custom-integration channel (guide, step 2).

use serde_json::Value;

use super::bsp::{channel_id, channel_problem, find_link};
use super::{id_text, GUIDE};
use crate::rules::fields::{Obj, OPTIONAL, REQUIRED};
use crate::rules::pointer::Ptr;
use crate::rules::text::quote;
use crate::rules::{Context, Report, Severity};

const E: &str = "veeqo.channel_sellable";

const ATTRIBUTES: &[&str] = &[
    "sellable_id",
    "channel_id",
    "remote_id",
    "remote_sku",
    "remote_title",
    "remote_price",
    "channel_product_attributes",
];

pub fn check(v: &Value, ctx: Option<&Context>, r: &mut Report) {
    let Some(doc) = Obj::new(r, v, Ptr::root(), E) else {
        return;
    };
    doc.unknown_fields(r, &["data"]);
    let Some(data) = doc.object(r, "data", REQUIRED, "veeqo.channel_sellable.data") else {
        return;
    };
    data.unknown_fields(r, &["type", "attributes", "relationships"]);

    if let Some(t) = data.string(r, "type", REQUIRED) {
        if t != "channel_sellables" {
            r.cite(
                Severity::Error,
                data.at("type").as_str(),
                "veeqo.channel_sellable.type.invalid",
                format!(
                    "data.type is {}; the resource type is \"channel_sellables\" (plural).",
                    quote(t)
                ),
                GUIDE,
            );
        }
    }

    let Some(attrs) = data.object(r, "attributes", REQUIRED, "veeqo.channel_sellable") else {
        return;
    };
    attrs.unknown_fields(r, ATTRIBUTES);
    let sellable = string_id(&attrs, r, "sellable_id");
    let channel = string_id(&attrs, r, "channel_id");
    if let Some(asin) = attrs.text(r, "remote_id", REQUIRED) {
        let looks_right = asin.len() == 10
            && asin
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if !looks_right {
            r.warn(
                attrs.at("remote_id").as_str(),
                "veeqo.channel_sellable.remote_id.not_asin",
                format!(
                    "remote_id {} does not look like an ASIN (ten capitals or digits, e.g. \"B0EXAMPLE1\"); it must be the listing's ASIN.",
                    quote(asin)
                ),
            );
        }
    }
    if attrs.text(r, "remote_sku", OPTIONAL).is_none() && attrs.present("remote_sku").is_none() {
        r.warn(
            attrs.at("remote_sku").as_str(),
            "veeqo.channel_sellable.remote_sku.missing",
            "remote_sku is missing; give the Amazon listing's seller SKU so the link can be recognised.",
        );
    }
    attrs.string(r, "remote_title", OPTIONAL);
    attrs.money(r, "remote_price", OPTIONAL);

    let new_product = attrs.object(
        r,
        "channel_product_attributes",
        OPTIONAL,
        "veeqo.channel_sellable.channel_product_attributes",
    );
    if let Some(cp) = &new_product {
        cp.unknown_fields(r, &["remote_title", "remote_id"]);
        cp.text(r, "remote_title", REQUIRED);
    }
    let existing = data
        .object(
            r,
            "relationships",
            OPTIONAL,
            "veeqo.channel_sellable.relationships",
        )
        .and_then(|rel| {
            rel.unknown_fields(r, &["channel_product"]);
            rel.object(
                r,
                "channel_product",
                REQUIRED,
                "veeqo.channel_sellable.channel_product",
            )
        })
        .and_then(|cp| {
            cp.object(
                r,
                "data",
                REQUIRED,
                "veeqo.channel_sellable.channel_product",
            )
        });
    if let Some(link) = &existing {
        link.unknown_fields(r, &["type", "id"]);
        if let Some(t) = link.string(r, "type", REQUIRED) {
            if t != "channel_product" {
                r.error(
                    link.at("type").as_str(),
                    "veeqo.channel_sellable.channel_product.type.invalid",
                    format!(
                        "The relationship type is {}; it must be \"channel_product\".",
                        quote(t)
                    ),
                );
            }
        }
        string_id(link, r, "id");
    }

    let has_new = attrs.present("channel_product_attributes").is_some();
    let has_link = data.present("relationships").is_some();
    if has_new && has_link {
        r.cite(
            Severity::Error,
            attrs.at("channel_product_attributes").as_str(),
            "veeqo.channel_sellable.both_channel_product_variants",
            "Send either channel_product_attributes (a new channel product) or relationships.channel_product (an existing one), not both.",
            GUIDE,
        );
    } else if !has_new && !has_link {
        r.cite(
            Severity::Error,
            attrs.ptr.as_str(),
            "veeqo.channel_sellable.no_channel_product",
            "Add channel_product_attributes {\"remote_title\": ...} to create the channel product, or relationships.channel_product to link an existing one.",
            GUIDE,
        );
    }

    if let (Some(ctx), Some(channel)) = (ctx, channel) {
        check_against_account(ctx, &attrs, sellable.as_deref(), &channel, r);
    }
}

/// An id that this JSON:API endpoint wants as a string: numbers work but are flagged.
fn string_id(o: &Obj, r: &mut Report, name: &str) -> Option<String> {
    let id = o.id(r, name, REQUIRED)?;
    if o.present(name).is_some_and(Value::is_number) {
        r.warn(
            o.at(name).as_str(),
            format!("{}.{name}.not_string", o.entity),
            format!(
                "{name} is a number; ids are strings in this JSON:API endpoint: send \"{id}\"."
            ),
        );
    }
    Some(id)
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
            None => r.error(
                at.as_str(),
                "veeqo.channel_sellable.channel_id.unknown",
                format!("No channel {channel} exists in the account; create the Amazon custom-integration channel first and use its id."),
            ),
            Some(c) => {
                if let Some(why) = channel_problem(c) {
                    r.cite(
                        Severity::Error,
                        at.as_str(),
                        "veeqo.channel_sellable.channel_id.not_bsp_channel",
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
            r.warn(
                attrs.at("sellable_id").as_str(),
                "veeqo.channel_sellable.already_linked",
                format!("Sellable {sellable} is already linked to channel {channel} (channel sellable {existing}); a second link is not needed."),
            );
        }
    }
}
