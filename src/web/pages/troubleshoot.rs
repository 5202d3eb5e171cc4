//! The troubleshooter: the Buyer Protection guide's four checks, run against the account,
//! and the shipping side: whether the rates request drafted in step 5 keeps Buy Shipping
//! protection for that order.

use leptos::prelude::*;

use crate::api::{veeqo, Api, ApiError};
use crate::rules::veeqo::troubleshoot::{troubleshoot, troubleshoot_shipping, Check};
use crate::rules::{Document, List};
use crate::web::state::use_app;
use crate::web::{account, steps, storage, transport};

/// The order's checks, and the shipping side's when a rates request is drafted.
type Verdict = (Vec<Check>, Option<Vec<Check>>);

/// The rates request drafted in its step, if it is JSON.
fn drafted_rates() -> Option<serde_json::Value> {
    let text = storage::get(&storage::draft_key(steps::RATES.id))?;
    serde_json::from_str(&text).ok()
}

#[component]
pub fn Troubleshoot() -> impl IntoView {
    let app = use_app();
    let order_id = RwSignal::new(
        app.vars
            .with_untracked(|v| v.get("order_id").cloned().unwrap_or_default()),
    );
    let signal = transport::page_signal();
    // The four checks for an order id: an Action, so `pending` is the button's state and
    // `value` the verdict shown.
    let run_checks = Action::new_local(move |id: &String| {
        let id = id.trim().to_string();
        let cancel = signal.get_value();
        async move {
            if id.is_empty() {
                return Err("Enter the id Veeqo gave the order.".to_string());
            }
            let outcome: Result<Verdict, ApiError> = async {
                let sent = app
                    .send(Api::Veeqo, veeqo::get_order(&id), cancel.clone())
                    .await?;
                let order = veeqo::parse(&sent.response)?;
                let products = veeqo::product_ids_of_order(&order);
                let channels = account::channels(&app, cancel.clone()).await?;
                let links = account::channel_sellables(&app, &products, cancel).await?;
                let (channels, links) = (List::from(channels), List::from(links));
                let order = Document::from_serde(&order);
                let shipping = drafted_rates().map(|rates| {
                    troubleshoot_shipping(Document::from_serde(&rates).value(), Some(order.value()))
                });
                Ok((
                    troubleshoot(order.value(), channels.items(), links.items()),
                    shipping,
                ))
            }
            .await;
            outcome.map_err(|e| e.to_string())
        }
    });
    let running = run_checks.pending();
    let checks = run_checks.value();
    let run = move || {
        if running.get_untracked() {
            return;
        }
        run_checks.dispatch(order_id.get_untracked());
    };

    view! {
        <section class="editor">
            <header class="step-head">
                <h2>"Troubleshoot Buyer Protection"</h2>
                <p class="intro">
                    "The guide's four checks, run against the account: the order (GET /orders/{id}), \
                    the account's channels (GET /channels) and the channel sellables of the order's products (GET /products/{id}). \
                    With a rates request drafted in step 5, the shipping side too: whether it keeps Buy Shipping protection for that order."
                </p>
            </header>
            <div class="toolbar">
                <label class="label" for="order-id">
                    "Order id"
                </label>
                <input
                    id="order-id"
                    data-testid="order-id"
                    prop:value=move || order_id.get()
                    on:input=move |ev| order_id.set(event_target_value(&ev))
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            run()
                        }
                    }
                />
                <button
                    class="primary"
                    data-testid="run-checks"
                    aria-disabled=move || running.get().to_string()
                    on:click=move |_| run()
                >
                    {move || if running.get() { "Checking…" } else { "Run checks" }}
                </button>
            </div>
            {move || {
                checks
                    .with(|c| match c {
                        None => {
                            view! {
                                <p class="muted">
                                    "Run the checks to see which rule an order misses."
                                </p>
                            }
                                .into_any()
                        }
                        Some(Err(e)) => {
                            view! {
                                <p class="response bad" data-testid="checks-error">
                                    {e.clone()}
                                </p>
                            }
                                .into_any()
                        }
                        Some(Ok((order, shipping))) => {
                            view! {
                                {check_list(order, "check")}
                                {shipping
                                    .as_ref()
                                    .map(|list| {
                                        view! {
                                            <h3>"Shipping: your rates request (step 5)"</h3>
                                            {check_list(list, "shipping-check")}
                                        }
                                    })}
                            }
                                .into_any()
                        }
                    })
            }}
        </section>
    }
}

/// One list of checks, each pass or fail with its reason and fix.
fn check_list(list: &[Check], testid: &'static str) -> impl IntoView {
    view! {
        <ul class="checks">
            {list
                .iter()
                .map(|ch| {
                    view! {
                        <li
                            class=if ch.pass { "check pass" } else { "check fail" }
                            data-testid=testid
                            data-check=ch.id
                            data-pass=ch.pass.to_string()
                        >
                            <span class="mark">
                                {if ch.pass { "✓ pass" } else { "✗ fail" }}
                            </span>
                            <div>
                                <strong>{ch.title}</strong>
                                <p>{ch.reason.clone()}</p>
                                {(!ch.fix.is_empty())
                                    .then(|| view! { <p class="fix">"Fix: "{ch.fix.clone()}</p> })}
                            </div>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
