//! History: this tab's exchanges, secrets masked, each openable in its editor again.

use leptos::prelude::*;

use crate::web::state::{use_app, Target};
use crate::web::{clipboard, open_in_editor};

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
                clipboard::copy(&curl);
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
                                                                        on:click=move |_| open_in_editor(step, &body)
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
