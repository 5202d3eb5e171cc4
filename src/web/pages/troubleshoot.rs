//! The troubleshooter: the Buyer Protection guide's four checks, run against the account.

use leptos::prelude::*;

use crate::api::{veeqo, Api, ApiError};
use crate::rules::veeqo::troubleshoot::{troubleshoot, Check};
use crate::rules::Value as Json;
use crate::web::state::use_app;
use crate::web::{account, transport};

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
            let outcome: Result<Vec<Check>, ApiError> = async {
                let sent = app
                    .send(Api::Veeqo, veeqo::get_order(&id), cancel.clone())
                    .await?;
                let order = veeqo::parse(&sent.response)?;
                let products = veeqo::product_ids_of_order(&order);
                let channels = account::channels(&app, cancel.clone()).await?;
                let links = account::channel_sellables(&app, &products, cancel).await?;
                let channels: Vec<Json> = channels.iter().map(Json::from_serde).collect();
                let links: Vec<Json> = links.iter().map(Json::from_serde).collect();
                Ok(troubleshoot(&Json::from_serde(&order), &channels, &links))
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
                    the account's channels (GET /channels) and the channel sellables of the order's products (GET /products/{id})."
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
                        Some(Ok(list)) => {
                            view! {
                                <ul class="checks">
                                    {list
                                        .iter()
                                        .map(|ch| {
                                            view! {
                                                <li
                                                    class=if ch.pass { "check pass" } else { "check fail" }
                                                    data-testid="check"
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
                                                            .then(|| {
                                                                view! { <p class="fix">"Fix: "{ch.fix.clone()}</p> }
                                                            })}
                                                    </div>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                    })
            }}
        </section>
    }
}
