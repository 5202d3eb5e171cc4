//! The FeedAMP pages besides the request editors: connect (OAuth) and its callback, the
//! marketplace state, polling, an order's fulfillments, and the sandbox's seller panel.

use leptos::prelude::*;
use serde_json::Value;

mod after_sale;
mod callback;
mod client_settings;
mod connect;
mod fulfillments;
mod lists;
mod marketplace_state;
mod order_items;
mod seller;

pub use after_sale::{Refunds, Returns};
pub use callback::{take_callback_query, Callback};
pub use client_settings::ClientSettings;
pub use connect::Connect;
pub use fulfillments::Fulfillments;
pub use lists::{List, ORDERS, REFUNDS, RETURNS};
pub use marketplace_state::MarketplaceState;
pub use seller::SellerPanel;

use super::notice::Notice;
use super::state::AppState;
use crate::api::feedamp;
use crate::api::feedamp::view::ReportedError;
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

/// What an order page asks; every answer is the order.
#[derive(Clone)]
pub(super) enum Ask {
    Load(String),
    /// A change, and what the page says once it is done.
    Change(Request, String),
    /// A change the page's own checks refused: it never leaves.
    Refused(String),
}

/// The state of a page about one order: its number, the order as last answered, what the
/// last answer says, and the loader (run at once when an order number is carried). Every
/// request is one `Action` whose answer is the order: `order` and `notice` are read from
/// its value, and the latest answer wins.
#[derive(Clone, Copy)]
pub(super) struct OrderPage {
    pub(super) number: RwSignal<String>,
    pub(super) order: Memo<Option<Value>>,
    pub(super) notice: Signal<Option<Notice>>,
    pub(super) ask: Action<Ask, Result<(Value, Option<String>), String>>,
    pub(super) load: Callback<()>,
    pub(super) loading: Memo<bool>,
}

impl OrderPage {
    pub(super) fn new(app: AppState) -> Self {
        let number = RwSignal::new(current_number(&app));
        let ask = Action::new_local(move |ask: &Ask| {
            let ask = ask.clone();
            async move {
                let (req, done) = match ask {
                    Ask::Load(n) => (feedamp::get_order(&n), None),
                    Ask::Change(req, done) => (req, Some(done)),
                    Ask::Refused(why) => return Err(why),
                };
                let order = call(&app, req).await.map_err(|e| e.to_string())?;
                Ok((order, done))
            }
        });
        // An answer that is not the order leaves the last one shown.
        let order = Memo::new(move |last: Option<&Option<Value>>| {
            ask.value().with(|a| match a {
                Some(Ok((o, _))) => Some(o.clone()),
                _ => last.cloned().flatten(),
            })
        });
        let notice = Signal::derive(move || {
            ask.value().with(|a| match a.as_ref()? {
                Ok((_, done)) => done.clone().map(Notice::Done),
                Err(e) => Some(Notice::Failed(e.clone())),
            })
        });
        let load = Callback::new(move |()| {
            ask.dispatch(Ask::Load(number.get_untracked()));
        });
        if !number.get_untracked().is_empty() {
            load.run(());
        }
        OrderPage {
            number,
            order,
            notice,
            ask,
            load,
            loading: Memo::new(move |_| ask.input().with(|a| matches!(a, Some(Ask::Load(_))))),
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
            <label class="label" for="fa-n">
                "mp_order_number"
            </label>
            <input
                id="fa-n"
                data-testid="order-number"
                prop:value=move || number.get()
                on:input=move |ev| number.set(event_target_value(&ev))
                on:keydown=move |ev| {
                    if ev.key() == "Enter" {
                        on_load.run(())
                    }
                }
            />
            <button
                class="ghost"
                data-testid="load-order"
                disabled=busy
                on:click=move |_| on_load.run(())
            >
                {move || if busy() { "Loading…" } else { "Load" }}
            </button>
        </div>
    }
}

/// The errors orderlint proposes to report, each its code and message.
pub(super) fn proposed_list(proposed: &[Value], testid: &'static str) -> impl IntoView {
    view! {
        <ul>
            {proposed
                .iter()
                .map(|p| {
                    let code = ReportedError(p).code();
                    view! {
                        <li data-testid=testid data-code=code.to_string()>
                            <code>{code.to_string()}</code>
                            " "
                            {ReportedError(p).message().to_string()}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
