//! The FeedAMP pages besides the request editors: connect (OAuth) and its callback, the
//! marketplace state, polling, an order's fulfillments, and the sandbox's seller panel.

use leptos::prelude::*;
use serde_json::Value;

mod after_sale;
mod client_settings;
mod connect;
mod fulfillments;
mod lists;
mod marketplace_state;
mod seller;

pub use after_sale::{Refunds, Returns};
pub use client_settings::ClientSettings;
pub use connect::{take_callback_query, Callback, Connect};
pub use fulfillments::Fulfillments;
pub use lists::{List, ORDERS, REFUNDS, RETURNS};
pub use marketplace_state::MarketplaceState;
pub use seller::SellerPanel;

use super::state::AppState;
use crate::api::feedamp;
use crate::api::Api;
use crate::api::{error::json_body, ApiError, Request};

/// `text`, or `missing` when there is none.
pub(super) fn or<'a>(text: &'a str, missing: &'a str) -> &'a str {
    if text.is_empty() {
        missing
    } else {
        text
    }
}

fn go(hash: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(hash);
    }
}

pub(super) fn current_number(app: &AppState) -> String {
    app.vars
        .with_untracked(|v| v.get("mp_order_number").cloned().unwrap_or_default())
}

/// Sends and parses JSON, as every page here does.
pub(super) async fn call(app: &AppState, req: Request) -> Result<Value, ApiError> {
    let cancel = None;
    let sent = app.send(Api::Feedamp, req, cancel).await?;
    json_body(&sent.response)
}

#[component]
pub(super) fn Message(
    text: RwSignal<Option<Result<String, String>>>,
    testid: &'static str,
) -> impl IntoView {
    move || {
        text.get().map(|r| match r {
            Ok(m) => view! { <p class="response ok" data-testid=testid data-ok="true">{m}</p> }
                .into_any(),
            Err(m) => view! { <p class="response bad" data-testid=testid data-ok="false">{m}</p> }
                .into_any(),
        })
    }
}

/// The state of a page about one order: its number, the order once loaded, a message, and
/// the loader (run at once when an order number is carried). Loading is an `Action`:
/// `loading` says while one is under way, and the latest answer wins.
#[derive(Clone, Copy)]
pub(super) struct OrderPage {
    pub(super) number: RwSignal<String>,
    pub(super) order: RwSignal<Option<Value>>,
    pub(super) message: RwSignal<Option<Result<String, String>>>,
    pub(super) load: Callback<()>,
    pub(super) loading: Memo<bool>,
}

impl OrderPage {
    pub(super) fn new(app: AppState) -> Self {
        let number = RwSignal::new(current_number(&app));
        let order = RwSignal::new(None);
        let message = RwSignal::new(None);
        let get = Action::new_local(move |n: &String| {
            let req = feedamp::get_order(n);
            async move { call(&app, req).await }
        });
        Effect::new(move |_| {
            get.value().with(|answer| match answer {
                Some(Ok(o)) => {
                    order.set(Some(o.clone()));
                    message.set(None);
                }
                Some(Err(e)) => message.set(Some(Err(e.to_string()))),
                None => {}
            })
        });
        let load = Callback::new(move |()| {
            get.dispatch(number.get_untracked());
        });
        if !number.get_untracked().is_empty() {
            load.run(());
        }
        OrderPage {
            number,
            order,
            message,
            load,
            loading: get.pending(),
        }
    }
}

#[component]
pub(super) fn OrderNumber(
    number: RwSignal<String>,
    on_load: Callback<()>,
    #[prop(optional)] loading: Option<Memo<bool>>,
) -> impl IntoView {
    let busy = move || loading.is_some_and(|l| l.get());
    view! {
        <div class="toolbar">
            <label class="label" for="fa-n">"mp_order_number"</label>
            <input id="fa-n" data-testid="order-number" prop:value=move || number.get()
                on:input=move |ev| number.set(event_target_value(&ev))
                on:keydown=move |ev| if ev.key() == "Enter" { on_load.run(()) } />
            <button class="ghost" data-testid="load-order" disabled=busy on:click=move |_| on_load.run(())>
                {move || if busy() { "Loading…" } else { "Load" }}
            </button>
        </div>
    }
}
