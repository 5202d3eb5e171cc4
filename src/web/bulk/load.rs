//! Getting payloads into the page: the kind they are checked as, a file chosen or dropped,
//! or text pasted (kept like the editors' drafts).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{Bulk, Phase};
use crate::rules::Kind;
use crate::web::storage;

/// Reads the file chosen in the input; the page keeps what was loaded before if it cannot.
fn read_chosen(bulk: Bulk, ev: leptos::ev::Event) {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    if let Some(file) = input.files().and_then(|f| f.get(0)) {
        read_file(bulk, file);
    }
    input.set_value("");
}

/// Reads a file dropped on the page.
pub(super) fn read_dropped(bulk: Bulk, ev: leptos::ev::DragEvent) {
    ev.prevent_default();
    if bulk.send.phase.get_untracked() != Phase::Idle {
        return;
    }
    if let Some(file) = ev
        .data_transfer()
        .and_then(|d| d.files())
        .and_then(|f| f.get(0))
    {
        read_file(bulk, file);
    }
}

fn read_file(bulk: Bulk, file: web_sys::File) {
    let name = file.name();
    let promise = file.text();
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(text) => bulk.load(name, text.as_string().unwrap_or_default(), true),
            Err(_) => bulk.file.error.set(Some(format!(
                "{name}: the browser could not read this file"
            ))),
        }
    });
}

/// The kind, and the file: chosen (the button opens the hidden input) and named.
#[component]
pub(super) fn FileBar(bulk: Bulk) -> impl IntoView {
    let idle = move || bulk.send.phase.get() == Phase::Idle;
    // The native input stays hidden: it would say "No file chosen" beside the file loaded
    // (the browser forgets its choice; the page does not). The button opens it.
    let file_input = NodeRef::<leptos::html::Input>::new();
    let choose_kind = move |ev| {
        if let Ok(k) = event_target_value(&ev).parse::<Kind>() {
            bulk.choose_kind(k);
        }
    };
    let loaded = move || {
        let name = bulk.file.name.get();
        (!name.is_empty()).then(|| {
            view! {
                <span class="muted" data-testid="bulk-file-name">
                    {format!("Loaded: {name}")}
                </span>
            }
        })
    };
    view! {
        <div class="toolbar">
            <label>
                "Kind "
                <select
                    data-testid="bulk-kind"
                    disabled=move || !idle()
                    prop:value=move || bulk.kind.current.get().name()
                    on:change=choose_kind
                >
                    {Kind::ALL
                        .iter()
                        .map(|k| view! { <option value=k.name()>{k.name()}</option> })
                        .collect_view()}
                </select>
            </label>
            <input
                type="file"
                hidden
                data-testid="bulk-file"
                accept=".jsonl,.ndjson,.json,application/json"
                node_ref=file_input
                disabled=move || !idle()
                on:change=move |ev| read_chosen(bulk, ev)
            />
            <button
                class="ghost"
                data-testid="bulk-choose"
                disabled=move || !idle()
                on:click=move |_| {
                    if let Some(input) = file_input.get() {
                        input.click()
                    }
                }
            >
                {move || {
                    if bulk.file.name.with(String::is_empty) {
                        "Choose a file…"
                    } else {
                        "Choose another file…"
                    }
                }}
            </button>
            {loaded}
        </div>
    }
}

/// Payloads pasted instead of a file; what is typed or pasted survives a reload.
#[component]
pub(super) fn PasteBox(bulk: Bulk) -> impl IntoView {
    let pasted = RwSignal::new(storage::get(storage::BULK_PASTE).unwrap_or_default());
    Effect::new(move |_| {
        pasted.with(|t| storage::try_set(storage::BULK_PASTE, t));
    });
    view! {
        <details class="paste">
            <summary>"or paste JSON Lines / a JSON array"</summary>
            <textarea
                data-testid="bulk-paste"
                class="short"
                spellcheck="false"
                aria-label="Payloads: JSON Lines or a JSON array"
                prop:value=move || pasted.get()
                on:input=move |ev| pasted.set(event_target_value(&ev))
            ></textarea>
            <button
                class="ghost"
                data-testid="bulk-paste-check"
                disabled=move || bulk.send.phase.get() != Phase::Idle
                on:click=move |_| bulk.load("pasted".into(), pasted.get_untracked(), true)
            >
                "Check pasted"
            </button>
        </details>
    }
}
