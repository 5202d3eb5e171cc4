//! The pages besides the request editors: troubleshooter, settings, history.

use crate::rules::Value as Json;
use leptos::prelude::*;

use super::state::{use_app, Settings, Target};
use super::{account, storage, transport};
use crate::api::Api;
use crate::api::{base_is_the_api, base_url_problem, veeqo, ApiError};
use crate::rules::veeqo::troubleshoot::{troubleshoot, Check};

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

#[component]
pub fn SettingsPage() -> impl IntoView {
    let app = use_app();
    let s = app.settings;
    let update = move |f: &dyn Fn(&mut Settings)| s.update(|v| f(v));
    // Refused outright, or taken but bound to fail (the API itself: CORS).
    let base_problem = move || {
        s.with(|v| {
            base_url_problem(&v.veeqo_base)
                .or_else(|| base_is_the_api(Api::Veeqo, &v.veeqo_base, ""))
        })
    };
    view! {
        <section class="editor settings">
            <header class="step-head">
                <h2>"Settings"</h2>
                <p class="intro">
                    "Sandbox runs both APIs inside this page: no key, no network. Live sends through the CORS proxy to the real API."
                </p>
            </header>
            <div class="form">
                <label class="label" for="set-target">
                    "Target"
                </label>
                <select
                    id="set-target"
                    data-testid="settings-target"
                    on:change=move |ev| {
                        let live = event_target_value(&ev) == "live";
                        update(&|v| v.target = if live { Target::Live } else { Target::Sandbox })
                    }
                    prop:value=move || {
                        if s.with(|v| v.target) == Target::Live { "live" } else { "sandbox" }
                    }
                >
                    <option value="sandbox">"Sandbox (in the page)"</option>
                    <option value="live">"Live (through the proxy)"</option>
                </select>

                <label class="label" for="set-base">
                    "Veeqo proxy base URL"
                </label>
                <input
                    id="set-base"
                    data-testid="veeqo-base"
                    prop:value=move || s.with(|v| v.veeqo_base.clone())
                    on:input=move |ev| {
                        let b = event_target_value(&ev);
                        update(&|v| v.veeqo_base = b.clone())
                    }
                />
                <p class="hint">
                    "\"/veeqo\" when the page is served by the README's run command (Trunk's proxy); \
                    your deployed proxy otherwise, e.g. https://proxy.example.com/veeqo. Requests go to this URL + /channels, /orders, …"
                </p>
                {move || {
                    base_problem()
                        .map(|p| {
                            view! {
                                <p class="warn-note" data-testid="base-problem">
                                    {p}
                                </p>
                            }
                        })
                }}

                <label class="label" for="set-key">
                    "Veeqo API key"
                </label>
                <input
                    id="set-key"
                    type="password"
                    autocomplete="off"
                    data-testid="api-key"
                    prop:value=move || s.with(|v| v.api_key.clone())
                    on:input=move |ev| {
                        let k = event_target_value(&ev);
                        update(&|v| v.api_key = k.clone())
                    }
                />
                <label class="check">
                    <input
                        type="checkbox"
                        data-testid="remember"
                        prop:checked=move || s.with(|v| v.remember)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            update(&|v| v.remember = on)
                        }
                    />
                    "Remember the keys on this device: the Veeqo key and the FeedAMP client secret (stored in this browser's localStorage)"
                </label>
                <p class="hint">
                    "Unticked, the key lives only in this tab's memory and is gone on reload. \
                    It is sent only in the x-api-key header, never in a URL, and is masked in previews, History and cURL."
                </p>

                <label class="label" for="set-timeout">
                    "Timeout (seconds)"
                </label>
                <input
                    id="set-timeout"
                    type="number"
                    min="1"
                    max="300"
                    prop:value=move || s.with(|v| v.timeout_s.to_string())
                    on:input=move |ev| {
                        if let Ok(t) = event_target_value(&ev).parse::<u32>() {
                            update(&|v| v.timeout_s = t.clamp(1, 300))
                        }
                    }
                />
                <super::feedamp::ClientSettings />
                <div class="actions">
                    <button
                        class="ghost"
                        data-testid="forget-ids"
                        on:click=move |_| app.vars.set(Default::default())
                    >
                        "Forget the ids carried between steps"
                    </button>
                </div>
            </div>
            <ForgetEverything />
        </section>
    }
}

/// What this device holds, and one button that forgets all of it (then reloads, so no
/// copy stays in the tab's memory either).
#[component]
fn ForgetEverything() -> impl IntoView {
    let held = RwSignal::new(storage::inventory());
    let forget = move |_| {
        let sure = web_sys::window()
            .and_then(|w| {
                w.confirm_with_message(
                    "Forget everything orderlint keeps on this device: drafts, Bulk files and delivery records, ids, remembered keys and settings?",
                )
                .ok()
            })
            .unwrap_or(false);
        if sure {
            storage::forget_everything();
            held.set(storage::inventory());
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        }
    };
    view! {
        <div class="form forget" data-testid="forget">
            <h3>"On this device"</h3>
            <table class="held">
                <tbody>
                    {move || {
                        held.get()
                            .into_iter()
                            .map(|(what, n, holds)| {
                                view! {
                                    <tr data-testid="held">
                                        <td>{what}</td>
                                        <td data-testid="held-count">{n.to_string()}</td>
                                        <td class="muted">{holds}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
            <p class="hint">"History lives in this tab's memory only and goes with it."</p>
            <div class="actions">
                <button class="danger" data-testid="forget-everything" on:click=forget>
                    "Forget everything on this device"
                </button>
            </div>
        </div>
    }
}

/// A body as History shows it: JSON indented, anything else as it is.
fn pretty(body: Option<&str>) -> String {
    let body = body.unwrap_or_default();
    serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| body.to_string())
}

/// Copies an exchange's request as cURL for the real API, the key masked as History
/// keeps it (the step's own "Copy as cURL" can include it).
#[component]
fn HistoryCurl(curl: String) -> impl IntoView {
    let note = RwSignal::new("");
    view! {
        <button
            class="ghost"
            data-testid="history-curl"
            on:click=move |_| {
                super::clipboard::copy(&curl);
                note.set("Copied, key masked.");
            }
        >
            "Copy as cURL"
        </button>
        <span class="note" aria-live="polite">
            {move || note.get()}
        </span>
    }
}

#[component]
pub fn History() -> impl IntoView {
    let app = use_app();
    view! {
        <section class="editor">
            <header class="step-head">
                <h2>"History"</h2>
                <p class="intro">
                    "This session's requests and responses, newest first (the latest 200). Keys are masked; nothing here is stored."
                </p>
            </header>
            <div class="actions">
                <button class="ghost" on:click=move |_| app.history.set(vec![])>
                    "Clear"
                </button>
            </div>
            {move || {
                app.history
                    .with(|h| {
                        if h.is_empty() {
                            return view! { <p class="muted">"Nothing sent yet."</p> }.into_any();
                        }
                        view! {
                            <ul class="history">
                                {h
                                    .iter()
                                    .rev()
                                    .map(|e| {
                                        let ok = e.status.is_some_and(|s| (200..300).contains(&s));
                                        let headers = e
                                            .request_headers
                                            .iter()
                                            .map(|(n, v)| format!("{n}: {v}"))
                                            .collect::<Vec<_>>()
                                            .join("\n");
                                        let target = if e.target == Target::Live {
                                            "live"
                                        } else {
                                            "sandbox"
                                        };
                                        view! {
                                            <li
                                                class=if ok { "entry ok" } else { "entry bad" }
                                                data-testid="history-entry"
                                            >
                                                <details>
                                                    <summary>
                                                        <span class="muted">{e.at.clone()}</span>
                                                        " "
                                                        <strong>{e.method.clone()}</strong>
                                                        " "
                                                        <code>{e.url.clone()}</code>
                                                        " → "
                                                        <span>{e.outcome.clone()}</span>
                                                        <span class="muted">
                                                            {e
                                                                .elapsed_ms
                                                                .map(|m| format!(" · {} ms", m.round() as u64))
                                                                .unwrap_or_default()}{format!(" · {target}")}
                                                        </span>
                                                    </summary>
                                                    <div class="actions">
                                                        {e
                                                            .step
                                                            .zip(e.request_body.clone())
                                                            .map(|(step, body)| {
                                                                view! {
                                                                    <button
                                                                        class="ghost"
                                                                        data-testid="history-open"
                                                                        on:click=move |_| super::open_in_editor(step, &body)
                                                                    >
                                                                        "Open in its editor"
                                                                    </button>
                                                                }
                                                            })} <HistoryCurl curl=e.curl.clone() />
                                                    </div>
                                                    <p class="label">"Request"</p>
                                                    <pre>{headers}</pre>
                                                    <pre data-testid="history-request-body">
                                                        {pretty(e.request_body.as_deref())}
                                                    </pre>
                                                    <p class="label">"Response"</p>
                                                    <pre data-testid="history-response-body">
                                                        {pretty(e.response_body.as_deref())}
                                                    </pre>
                                                </details>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    })
            }}
        </section>
    }
}
