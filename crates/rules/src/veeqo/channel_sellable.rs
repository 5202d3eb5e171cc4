//! `POST /api/v2/channel_sellables`: a JSON:API document linking a listing to the Amazon
//! custom-integration channel (guide, step 2; Veeqo's "Create a Channel Sellable" and its
//! newer "Create Store Listing", which disagree: the README's choices say how both pass).
//! The structure is `shapes::CHANNEL_SELLABLE`; here are what a table cannot say, shared
//! with the update (`channel_sellable_update`), and the account checks.

use crate::codes::{self, Code};
use crate::shape::Entity;
use orderlint_json::Value;

use super::bsp::{channel_id, channel_problem, find_link, is_amazon_line_item_id};
use super::{id_text, payload_id, shapes, GUIDE};
use crate::fields::Obj;
use crate::pointer::Ptr;
use crate::shape::{text_of, walk};
use crate::text::quote;
use crate::{Context, Report};

/// Where the linking rules come from.
pub(crate) const CREATE_STORE_LISTING: &str = "Veeqo API reference: Create Store Listing";

/// The parts of a listing document the rules read, once the walk has vetted them.
pub(crate) struct Listing<'v> {
    pub data: Obj<'v>,
    pub attrs: Obj<'v>,
}

/// Walks `v` against `shape` and reads `data` and `attributes`, then runs the rules the
/// create and the update share: the type's spelling, ids as numbers, the ASIN, the
/// channel product's relationship.
pub(crate) fn shared<'v>(
    shape: &'static crate::shape::Shape,
    data_entity: Entity,
    v: &'v Value<'v>,
    r: &mut Report,
) -> Option<Listing<'v>> {
    let doc = walk(shape, v, Ptr::root(), r)?;
    let data = child(&doc, "data", data_entity)?;
    data_type(&data, r);
    let attrs = child(
        &data,
        "attributes",
        shapes::CHANNEL_SELLABLE_ATTRIBUTES.entity,
    )?;
    let sellable_id = &codes::VEEQO_CHANNEL_SELLABLE_SELLABLE_ID_NOT_STRING;
    number_id(&attrs, "sellable_id", sellable_id, r);
    let channel_id = &codes::VEEQO_CHANNEL_SELLABLE_CHANNEL_ID_NOT_STRING;
    number_id(&attrs, "channel_id", channel_id, r);
    remote_id(&attrs, r);
    if let Some(link) = existing_link(&data) {
        if let Some(t) = text_of(&link, "type").filter(|t| *t != "channel_product") {
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
        number_id(&link, "id", id, r);
    }
    Some(Listing { data, attrs })
}

pub fn check(v: &Value, ctx: Option<&Context>, r: &mut Report) {
    let data_entity = shapes::CHANNEL_SELLABLE_DATA.entity;
    let Some(Listing { data, attrs }) = shared(&shapes::CHANNEL_SELLABLE, data_entity, v, r) else {
        return;
    };
    let autolink = is_true(attrs.present("autolink"));
    if !autolink && attrs.present("sellable_id").is_none() {
        r.report_cited(
            &codes::VEEQO_CHANNEL_SELLABLE_NO_SELLABLE,
            attrs.at("sellable_id").as_str(),
            "sellable_id is missing; give the Veeqo sellable to link, or set \"autolink\": true to link the sellable whose SKU is remote_sku (Create Store Listing).",
            CREATE_STORE_LISTING,
        );
    }
    let has_new = attrs.present("channel_product_attributes").is_some();
    let has_link = data.present("relationships").is_some();
    if has_new && has_link {
        both_links(&attrs, r);
    } else if !has_new && !has_link && !autolink {
        r.report_cited(
            &codes::VEEQO_CHANNEL_SELLABLE_NO_CHANNEL_PRODUCT,
            attrs.ptr.as_str(),
            "The listing is not linked: set \"autolink\": true (links the sellable whose SKU is remote_sku, or creates it), add channel_product_attributes {\"remote_title\": ...} for a new channel product, or relationships.channel_product for an existing one.",
            CREATE_STORE_LISTING,
        );
    }
    let channel = attrs.present("channel_id").and_then(payload_id);
    let sellable = attrs.present("sellable_id").and_then(payload_id);
    if let (Some(ctx), Some(channel)) = (ctx, channel) {
        check_against_account(ctx, &attrs, sellable.as_deref(), &channel, r);
    }
}

/// A nested object the walk has vetted, without a second report.
pub(crate) fn child<'v>(o: &Obj<'v>, name: &str, entity: Entity) -> Option<Obj<'v>> {
    o.present(name)
        .and_then(|v| Obj::peek(v, o.at(name), entity))
}

/// `relationships.channel_product.data`, when sent as an object.
fn existing_link<'v>(data: &Obj<'v>) -> Option<Obj<'v>> {
    child(
        data,
        "relationships",
        shapes::CHANNEL_SELLABLE_RELATIONSHIPS.entity,
    )
    .and_then(|rel| child(&rel, "channel_product", shapes::CHANNEL_PRODUCT_LINK.entity))
    .and_then(|cp| child(&cp, "data", shapes::CHANNEL_PRODUCT_REF.entity))
}

pub(crate) fn both_links(attrs: &Obj, r: &mut Report) {
    r.report_cited(
        &codes::VEEQO_CHANNEL_SELLABLE_BOTH_CHANNEL_PRODUCT_VARIANTS,
        attrs.at("channel_product_attributes").as_str(),
        "Send either channel_product_attributes (a new channel product) or relationships.channel_product (an existing one), not both.",
        CREATE_STORE_LISTING,
    );
}

/// `true` as Rails casts a boolean: `true`, `"true"`, `"1"`, `1`.
pub(crate) fn is_true(v: Option<&Value>) -> bool {
    match v {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => matches!(s.trim(), "true" | "1" | "t"),
        Some(Value::Number(n)) => n.as_u64() == Some(1),
        _ => false,
    }
}

/// `data.type`: the guide's and Create a Channel Sellable's plural, or Create Store
/// Listing's singular (a warning naming the pages); anything else is an error.
fn data_type(data: &Obj, r: &mut Report) {
    let Some(t) = text_of(data, "type") else {
        return;
    };
    let at = data.at("type");
    match t {
        "channel_sellables" => {}
        "channel_sellable" => r.report_cited(
            &codes::VEEQO_CHANNEL_SELLABLE_TYPE_SINGULAR,
            at.as_str(),
            "data.type is \"channel_sellable\" (singular), as Create Store Listing and Veeqo's answers spell it; the guide and Create a Channel Sellable send \"channel_sellables\", and until one is proven orderlint accepts both: send \"channel_sellables\" to follow the guide.",
            CREATE_STORE_LISTING,
        ),
        other => r.report_cited(
            &codes::VEEQO_CHANNEL_SELLABLE_TYPE_INVALID,
            at.as_str(),
            format!(
                "data.type is {}; send \"channel_sellables\" (the guide, Create a Channel Sellable) or \"channel_sellable\" (Create Store Listing).",
                quote(other)
            ),
            GUIDE,
        ),
    }
}

/// An id sent as a number: Create Store Listing's way, where the guide and Create a
/// Channel Sellable send strings. Both are accepted; the warning says which page it follows.
fn number_id(o: &Obj, name: &str, code: &'static Code, r: &mut Report) {
    let Some(Value::Number(n)) = o.present(name) else {
        return;
    };
    if n.as_u64().is_some_and(|i| i > 0) {
        r.report(
            code,
            o.at(name).as_str(),
            format!("{name} is the number {n}, as Create Store Listing sends ids; the guide and Create a Channel Sellable send strings, and until one is proven both are accepted: send \"{n}\" to follow the guide."),
        );
    }
}

/// The listing's ASIN (the guide's `{{ASIN}}`): ten capitals or digits, as text. A number
/// is never one (an all-digit ASIN, a book's ISBN-10, may start with 0, which a number
/// drops), and a 14-digit id is the order item id that belongs on the order's lines.
pub(crate) fn remote_id(attrs: &Obj, r: &mut Report) {
    let at = attrs.at("remote_id");
    let message = match attrs.present("remote_id") {
        Some(Value::Number(n)) => {
            let digits = n.to_string();
            if digits.len() == 10 && digits.bytes().all(|b| b.is_ascii_digit()) {
                return;
            }
            format!("remote_id is the number {n}; an ASIN is ten capitals or digits as text (a number drops leading zeros): send the listing's ASIN in quotes, e.g. \"B0EXAMPLE1\".")
        }
        Some(Value::String(_)) => {
            let Some(asin) = text_of(attrs, "remote_id").filter(|s| !s.trim().is_empty()) else {
                return;
            };
            if is_asin(asin) {
                return;
            }
            let hint = if is_amazon_line_item_id(asin) {
                "; it has the shape of an Amazon order item id, which belongs on the order's line items"
            } else {
                ""
            };
            format!(
                "remote_id {} does not look like an ASIN (ten capitals or digits, e.g. \"B0EXAMPLE1\"){hint}; it must be the listing's ASIN.",
                quote(asin)
            )
        }
        _ => return,
    };
    r.report(
        &codes::VEEQO_CHANNEL_SELLABLE_REMOTE_ID_NOT_ASIN,
        at.as_str(),
        message,
    );
}

fn is_asin(s: &str) -> bool {
    s.len() == 10
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

fn check_against_account(
    ctx: &Context,
    attrs: &Obj,
    sellable: Option<&str>,
    channel: &str,
    r: &mut Report,
) {
    let at = attrs.at("channel_id");
    if let Some(channels) = ctx.channels() {
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
    if let (Some(links), Some(sellable)) = (ctx.channel_sellables(), sellable) {
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
