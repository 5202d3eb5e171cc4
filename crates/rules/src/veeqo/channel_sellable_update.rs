//! `PUT /api/v2/channel_sellables/{id}` (Veeqo's "Update Store Listing"): the same
//! JSON:API document as the create, every attribute optional, `data.id` the listing's.
//! The structure is `shapes::CHANNEL_SELLABLE_UPDATE`; the rules shared with the create
//! are `channel_sellable::shared`. Here: `channel_id` is ignored on update, and, with the
//! account, the listing must exist and sit on the Amazon custom-integration channel.

use orderlint_json::Value;

use super::bsp::{channel_id, channel_problem, cs_channel_id};
use super::channel_sellable::{both_links, shared, Listing};
use super::{id_text, payload_id, shapes, GUIDE};
use crate::codes;
use crate::fields::Obj;
use crate::{Context, Report};

const UPDATE_STORE_LISTING: &str = "Veeqo API reference: Update Store Listing";
const JSON_API_UPDATE: &str =
    "JSON:API 1.0, Updating Resources (a resource object's id must match the endpoint's, or 409)";

pub fn check(v: &Value, ctx: Option<&Context>, r: &mut Report) {
    let data_entity = shapes::CHANNEL_SELLABLE_UPDATE_DATA.entity;
    let Some(Listing { data, attrs }) = shared(&shapes::CHANNEL_SELLABLE_UPDATE, data_entity, v, r)
    else {
        return;
    };
    if attrs.present("channel_product_attributes").is_some()
        && data.present("relationships").is_some()
    {
        both_links(&attrs, r);
    }
    let body_id = data.present("id").and_then(payload_id);
    let path_id = ctx.and_then(|c| c.path_id.as_deref());
    if let (Some(body), Some(path)) = (&body_id, path_id) {
        if body != path {
            r.report_cited(
                &codes::VEEQO_CHANNEL_SELLABLE_ID_PATH_MISMATCH,
                data.at("id").as_str(),
                format!("data.id \"{body}\" is not the path's listing {path}; they must be the same listing (JSON:API answers 409 Conflict): send data.id \"{path}\" or PUT to …/channel_sellables/{body}."),
                JSON_API_UPDATE,
            );
        }
    }
    let listing = body_id.or(path_id.map(str::to_string));
    let on_channel = ctx
        .zip(listing.as_deref())
        .and_then(|(ctx, id)| against_account(ctx, &data, id, r));
    channel_ignored(&attrs, on_channel.as_deref(), r);
}

/// With the account's channel sellables: the listing must be one of them; its channel,
/// returned, must carry Buyer Protection.
fn against_account(ctx: &Context, data: &Obj, id: &str, r: &mut Report) -> Option<String> {
    let links = ctx.channel_sellables()?;
    let Some(cs) = links
        .iter()
        .find(|cs| cs.get("id").and_then(id_text).as_deref() == Some(id))
    else {
        r.report(
            &codes::VEEQO_CHANNEL_SELLABLE_ID_UNKNOWN,
            data.at("id").as_str(),
            format!("No channel sellable {id} exists in the account, so Veeqo answers 404; update one of the account's listings, or create this one (POST)."),
        );
        return None;
    };
    let channel = cs_channel_id(cs)?;
    listing_channel(ctx, data, id, &channel, r);
    Some(channel)
}

/// The channel the listing sits on (it cannot move) must carry Buyer Protection.
fn listing_channel(ctx: &Context, data: &Obj, id: &str, channel: &str, r: &mut Report) {
    let Some(channels) = ctx.channels() else {
        return;
    };
    let Some(c) = channels
        .iter()
        .find(|c| channel_id(c).as_deref() == Some(channel))
    else {
        return;
    };
    if let Some(why) = channel_problem(c) {
        r.report_cited(
            &codes::VEEQO_CHANNEL_SELLABLE_ID_NOT_BSP_CHANNEL,
            data.at("id").as_str(),
            format!("Channel sellable {id} is on channel {channel}, which cannot carry Buyer Protection: {why}; an update cannot move it, so create the listing on the Amazon custom-integration channel."),
            GUIDE,
        );
    }
}

/// `channel_id` is read and ignored on update (Update Store Listing).
fn channel_ignored(attrs: &Obj, listing_channel: Option<&str>, r: &mut Report) {
    let Some(sent) = attrs.present("channel_id") else {
        return;
    };
    let stays = match listing_channel {
        Some(ch) if payload_id(sent).as_deref() != Some(ch) => {
            format!(" and the listing stays on channel {ch}")
        }
        _ => String::new(),
    };
    r.report_cited(
        &codes::VEEQO_CHANNEL_SELLABLE_CHANNEL_ID_IGNORED,
        attrs.at("channel_id").as_str(),
        format!("channel_id is ignored when a listing is updated{stays}; leave it out (to list on another channel, create a listing there)."),
        UPDATE_STORE_LISTING,
    );
}
