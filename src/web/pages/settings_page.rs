//! Settings: the target, the proxy, the keys and what this device keeps.

use leptos::prelude::*;

use crate::api::{base_is_the_api, base_url_problem, Api};
use crate::web::feedamp::ClientSettings;
use crate::web::state::{use_app, Settings, Target};
use crate::web::storage;

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
                <ClientSettings />
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
