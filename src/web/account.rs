//! Reads the account for cross-entity checks: its channels and the channel sellables of
//! given products. Shared by the order editor's context and the troubleshooter.

use crate::rules::{Document, List};
use serde_json::Value;
use web_sys::AbortSignal;

use super::notice::plural;
use super::state::AppState;
use crate::api::Api;
use crate::api::{feedamp, veeqo, ApiError};
use crate::rules::Context;

const PAGE_SIZE: u32 = 100;
/// Enough for any real account; stops a misbehaving server from looping us forever.
const MAX_PAGES: u32 = 50;

pub async fn channels(app: &AppState, cancel: Option<AbortSignal>) -> Result<Vec<Value>, ApiError> {
    let mut all = Vec::new();
    for page in 1..=MAX_PAGES {
        let sent = app
            .send(
                Api::Veeqo,
                veeqo::list_channels(page, PAGE_SIZE),
                cancel.clone(),
            )
            .await?;
        let items = veeqo::parse_list(&sent.response, "GET /channels")?;
        let last = items.len() < PAGE_SIZE as usize;
        all.extend(items);
        if last {
            break;
        }
    }
    Ok(all)
}

pub async fn channel_sellables(
    app: &AppState,
    product_ids: &[String],
    cancel: Option<AbortSignal>,
) -> Result<Vec<Value>, ApiError> {
    let mut links = Vec::new();
    for id in product_ids {
        let sent = app
            .send(Api::Veeqo, veeqo::get_product(id), cancel.clone())
            .await?;
        links.extend(veeqo::channel_sellables_of_product(&veeqo::parse(
            &sent.response,
        )?));
    }
    Ok(links)
}

/// The Veeqo order `id` as the account has it (`GET /orders/{id}`): what a rates request
/// ships.
pub async fn veeqo_order(
    app: &AppState,
    id: &str,
    cancel: Option<AbortSignal>,
) -> Result<Document<'static>, ApiError> {
    let sent = app.send(Api::Veeqo, veeqo::get_order(id), cancel).await?;
    Ok(Document::from(veeqo::parse(&sent.response)?))
}

pub async fn context(
    app: &AppState,
    product_ids: &[String],
    cancel: Option<AbortSignal>,
) -> Result<Context, ApiError> {
    Ok(Context {
        channels: Some(List::from(channels(app, cancel.clone()).await?)),
        channel_sellables: Some(List::from(
            channel_sellables(app, product_ids, cancel).await?,
        )),
        ..Context::default()
    })
}

/// What a loaded Veeqo context holds, in one line for the page.
pub fn describe(ctx: &Context, products: &[String]) -> String {
    let n = ctx.channels.as_ref().map_or(0, List::len);
    let m = ctx.channel_sellables.as_ref().map_or(0, List::len);
    let of = if products.is_empty() {
        "none".to_string()
    } else {
        products.join(", ")
    };
    format!(
        "Account context: {n} channel{}, {m} channel sellable{} (of product {of})",
        plural(n),
        plural(m)
    )
}

/// The FeedAMP order as the API has it, as context for an update or an error report; a
/// 404 means the order is new.
pub async fn feedamp_context(
    app: &AppState,
    mp_order_number: &str,
    cancel: Option<AbortSignal>,
) -> Result<Context, ApiError> {
    if mp_order_number.is_empty() {
        return Err(ApiError::Setup(
            "no order number carried yet: place an order first".into(),
        ));
    }
    let sent = app
        .send(
            Api::Feedamp,
            feedamp::get_order(mp_order_number),
            cancel.clone(),
        )
        .await?;
    if sent.response.status == 404 {
        return Ok(Context {
            new_order: true,
            path_mp_order_number: Some(mp_order_number.into()),
            ..Context::default()
        });
    }
    let order = feedamp::parse(&sent.response)?;
    let returns = app
        .send(
            Api::Feedamp,
            feedamp::get_order_returns(mp_order_number),
            cancel,
        )
        .await?;
    let returns = feedamp::parse(&returns.response)?;
    Ok(Context {
        feedamp_order: Some(order.into()),
        // Unknown (not "none") when the answer has no list at all.
        feedamp_returns: feedamp::view::list(&returns, "returns").map(List::from),
        path_mp_order_number: Some(mp_order_number.into()),
        ..Context::default()
    })
}
