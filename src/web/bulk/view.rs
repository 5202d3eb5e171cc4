//! The bulk page: load a file, see every payload's issues in a filterable table, export
//! the report, send the valid ones with progress, pause, resume and cancel.
//!
//! The table of rows, with its filters, lives in `table.rs`; the state in `mod.rs`.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::kind::KindNote;
use super::run::{send_blocker, PACE_RANGE};
use super::table::{fate_state, verdict, Table, Verdict};
use super::{use_bulk, Bulk, Phase, RowFate};
use crate::api::Api;
use crate::bulk::lookup::can_look_up;
use crate::bulk::send::NotSent;
use crate::rules::Kind;
use crate::web::notice::plural;
use crate::web::state::{use_app, Target};
use crate::web::storage;

/// Offers `text` as a file download; says on the page when the browser will not.
fn download(bulk: Bulk, name: &str, mime: &str, text: &str) {
    if !crate::web::download::offer(name, mime, text) {
        bulk.note.set(Some(format!(
            "The browser would not make the download {name}; try again, or allow downloads for this page."
        )));
    }
}

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
fn read_dropped(bulk: Bulk, ev: leptos::ev::DragEvent) {
    ev.prevent_default();
    if bulk.phase.get_untracked() != Phase::Idle {
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
            Err(_) => bulk.file_error.set(Some(format!(
                "{name}: the browser could not read this file"
            ))),
        }
    });
}

#[component]
pub fn BulkPage() -> impl IntoView {
    let app = use_app();
    let bulk = use_bulk();
    // Each target keeps its own deliveries.
    Effect::new(move |_| bulk.show(app.settings.with(|s| s.target)));
    // What is typed or pasted survives a reload, like the editors' drafts.
    let pasted = RwSignal::new(storage::get(storage::BULK_PASTE).unwrap_or_default());
    Effect::new(move |_| {
        pasted.with(|t| storage::try_set(storage::BULK_PASTE, t));
    });
    let idle = move || bulk.phase.get() == Phase::Idle;
    // The native input stays hidden: it would say "No file chosen" beside the file loaded
    // (the browser forgets its choice; the page does not). The button opens it.
    let file_input = NodeRef::<leptos::html::Input>::new();

    view! {
        <section class="bulk" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default()
            on:drop=move |ev| read_dropped(bulk, ev)>
            <header class="step-head">
                <h2>"Bulk: a file of payloads"</h2>
                <p class="intro">"Load or drop a .jsonl file (one payload a line) or a .json file (an array of payloads) of one kind. Every payload is checked; the valid ones can be sent at the API's pace. The file and every delivery are kept on this device, so a reload or a closed tab loses nothing the API confirmed, and nothing is sent twice."</p>
            </header>
            <div class="toolbar">
                <label>"Kind "
                    <select data-testid="bulk-kind" disabled=move || !idle()
                        prop:value=move || bulk.kind.get().name()
                        on:change=move |ev| {
                            if let Ok(k) = event_target_value(&ev).parse::<Kind>() {
                                bulk.choose_kind(k);
                            }
                        }>
                        {Kind::ALL.iter().map(|k| view! { <option value=k.name()>{k.name()}</option> }).collect_view()}
                    </select>
                </label>
                <input type="file" hidden data-testid="bulk-file" accept=".jsonl,.ndjson,.json,application/json"
                    node_ref=file_input disabled=move || !idle() on:change=move |ev| read_chosen(bulk, ev) />
                <button class="ghost" data-testid="bulk-choose" disabled=move || !idle()
                    on:click=move |_| if let Some(input) = file_input.get() { input.click() }>
                    {move || if bulk.name.with(String::is_empty) { "Choose a file…" } else { "Choose another file…" }}
                </button>
                {move || {
                    let name = bulk.name.get();
                    (!name.is_empty()).then(|| view! { <span class="muted" data-testid="bulk-file-name">{format!("Loaded: {name}")}</span> })
                }}
            </div>
            <details class="paste">
                <summary>"or paste JSON Lines / a JSON array"</summary>
                <textarea data-testid="bulk-paste" class="short" spellcheck="false" aria-label="Payloads: JSON Lines or a JSON array"
                    prop:value=move || pasted.get() on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
                <button class="ghost" data-testid="bulk-paste-check" disabled=move || !idle()
                    on:click=move |_| bulk.load("pasted".into(), pasted.get_untracked(), true)>"Check pasted"</button>
            </details>
            {move || bulk.file_error.get().map(|e| view! { <p class="response bad" data-testid="bulk-file-error">{e}</p> })}
            {move || bulk.note.get().map(|n| view! { <p class="warn-note" data-testid="bulk-note">{n}</p> })}
            <KindNote bulk=bulk />
            <AccountContext bulk=bulk />
            <Summary bulk=bulk />
            <SendPanel bulk=bulk />
            <Table bulk=bulk />
        </section>
    }
}

/// For Veeqo orders and channel sellables: the account's channels and links, so that the
/// cross-entity rules run on every payload.
#[component]
fn AccountContext(bulk: Bulk) -> impl IntoView {
    let app = use_app();
    let products = RwSignal::new(
        app.vars
            .with_untracked(|v| v.get("product_id").cloned().unwrap_or_default()),
    );
    let uses = move || {
        matches!(
            bulk.kind.get(),
            Kind::VeeqoOrder | Kind::VeeqoChannelSellable
        )
    };
    move || {
        uses().then(|| {
            view! {
                <div class="toolbar">
                    <label>"Products "
                        <input data-testid="bulk-products" placeholder="ids, comma-separated"
                            title="The products whose channel sellables the payloads use"
                            prop:value=move || products.get()
                            on:input=move |ev| products.set(event_target_value(&ev)) />
                    </label>
                    <button class="ghost" data-testid="bulk-load-context"
                        disabled=move || bulk.phase.get() != Phase::Idle
                        on:click=move |_| {
                            let ids = products.get_untracked().split(',').map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect();
                            bulk.load_context(app, ids);
                        }>"Load account context"</button>
                    {move || bulk.context_note.get().map(|n| view! { <span class="note" data-testid="bulk-context-note">{n}</span> })}
                </div>
            }
        })
    }
}

#[component]
fn Summary(bulk: Bulk) -> impl IntoView {
    move || {
        let total = bulk.rows.with(Vec::len);
        if total == 0 {
            return None;
        }
        let done = bulk.outcomes.with(Vec::len);
        let name = bulk.name.get();
        let body = if done < total {
            view! {
                <span>{format!("{name}: validating {done} of {total}…")}</span>
                <progress data-testid="bulk-validate-progress" max=total value=done></progress>
            }
            .into_any()
        } else {
            let (valid, warned, no_context) = bulk.outcomes.with(|o| {
                let valid = o.iter().filter(|o| o.valid).count();
                let warned = o.iter().filter(|o| verdict(o) == Verdict::Warnings).count();
                let no_context = o
                    .iter()
                    .any(|o| o.issues.iter().any(|i| i.code == "context.missing"));
                (valid, warned, no_context)
            });
            let invalid = total - valid;
            view! {
                {no_context.then(|| view! {
                    <p class="note" data-testid="bulk-context-skipped">
                        "Account checks skipped for every payload: without the account's channels and channel sellables, orderlint cannot tell whether each order's channel and sellables would carry Buyer Protection. Load the account context to check them."
                    </p>
                })}
                <span data-testid="bulk-summary" data-total=total data-valid=valid data-warned=warned data-invalid=invalid>
                    {format!("{name}: {total} payload{} · {valid} valid ({warned} with warnings) · {invalid} with errors", plural(total))}
                </span>
                <button class="ghost" data-testid="export-json"
                    on:click=move |_| download(bulk, &format!("orderlint-{}-report.json", bulk.kind.get_untracked()), "application/json", &bulk.report(false))>
                    "Export JSON"</button>
                <button class="ghost" data-testid="export-csv"
                    on:click=move |_| download(bulk, &format!("orderlint-{}-report.csv", bulk.kind.get_untracked()), "text/csv", &bulk.report(true))>
                    "Export CSV"</button>
                <button class="ghost" data-testid="export-valid"
                    on:click=move |_| download(bulk, &format!("orderlint-{}-valid.jsonl", bulk.kind.get_untracked()), "application/x-ndjson", &bulk.valid_jsonl())>
                    "Export valid as .jsonl"</button>
            }
            .into_any()
        };
        Some(view! { <div class="toolbar bulk-summary">{body}</div> })
    }
}

#[component]
fn SendPanel(bulk: Bulk) -> impl IntoView {
    let app = use_app();
    let counts = Memo::new(move |_| {
        bulk.fates.with(|f| {
            let n = |s: &str| f.iter().filter(|x| fate_state(x) == s).count();
            (
                (n("sent"), n("found")),
                n("failed"),
                n("unknown"),
                n("queued"),
                n("sending"),
                f.iter()
                    .filter(|x| matches!(x, RowFate::NotSent(NotSent::Cancelled)))
                    .count(),
            )
        })
    });
    move || {
        if bulk.rows.with(Vec::is_empty) {
            return None;
        }
        let Some(api) = bulk.api() else {
            return Some(view! {
                <p class="note" data-testid="bulk-validate-only">"Payloads of this kind are checked only: sending one needs ids from the request path (the order, the refund, the return) that a file of bodies does not carry."</p>
            }.into_any());
        };
        let target = app.settings.with(|s| s.target);
        let where_to = format!(
            "{} ({})",
            if api == Api::Veeqo {
                "Veeqo"
            } else {
                "FeedAMP"
            },
            if target == Target::Live {
                "Live, through the proxy"
            } else {
                "the in-page sandbox"
            }
        );
        let pace = if api == Api::Veeqo {
            view! { <span class="muted">"Pace: Veeqo's limit, 5 a second after a first burst (the API allows a bucket of 100)."</span> }.into_any()
        } else {
            view! {
                <label>"Pace "
                    <input type="number" min=PACE_RANGE.0 max=PACE_RANGE.1 class="narrow" data-testid="bulk-rate"
                        prop:value=move || bulk.feedamp_per_second.get().to_string()
                        on:change=move |ev| {
                            if let Ok(n) = event_target_value(&ev).trim().parse::<u32>() {
                                bulk.set_pace(n);
                            }
                        } />
                    " a second"
                </label>
            }
            .into_any()
        };
        let look_up = can_look_up(bulk.kind.get()).then(|| view! {
            <label class="check" title="Numbers are unique per channel: an order of another channel with the same number counts as found.">
                <input type="checkbox" data-testid="bulk-look-up" prop:checked=move || bulk.looks_up(target)
                    on:change=move |ev| bulk.look_up.set(Some(event_target_checked(&ev))) />
                "Look each order up by its number first, so one created elsewhere (another browser, another tool) is not created twice: one more request per order, within the same limit (the pace halves)"
            </label>
        });
        // What stops a send, said beside Send with a link to where it is fixed.
        let blocked = send_blocker(app, api);
        let is_blocked = blocked.is_some();
        let phase = bulk.phase.get();
        let ((sent, found), failed, unknown, queued, sending, cancelled) = counts.get();
        let left = queued + sending;
        let planned = bulk.planned.get();
        let settled = planned.saturating_sub(left + cancelled);
        Some(view! {
            <div class="bulk-send" data-testid="bulk-send-panel">
                <p><strong>{format!("Send the valid payloads to {where_to}")}</strong></p>
                {look_up}
                <div class="toolbar">
                    {pace}
                    <button class="primary" data-testid="bulk-send"
                        disabled=move || bulk.phase.get() != Phase::Idle || !bulk.validated() || is_blocked
                        aria-describedby=is_blocked.then_some("bulk-send-blocked")
                        on:click=move |_| bulk.start(app)>"Send valid payloads"</button>
                    <button class="ghost" data-testid="bulk-pause" disabled=phase == Phase::Idle
                        on:click=move |_| bulk.set_paused(bulk.phase.get_untracked() == Phase::Running)>
                        {if phase == Phase::Paused { "Resume" } else { "Pause" }}</button>
                    <button class="ghost" data-testid="bulk-cancel" disabled=phase == Phase::Idle
                        on:click=move |_| bulk.cancel()>"Cancel"</button>
                    <button class="ghost" data-testid="bulk-forget" disabled=phase != Phase::Idle
                        title="Payloads already delivered are never sent again; forget them to send them anew."
                        on:click=move |_| bulk.forget_deliveries(app.settings.with_untracked(|s| s.target))>"Forget deliveries"</button>
                </div>
                {blocked.map(|b| view! {
                    <p class="warn-note" id="bulk-send-blocked" data-testid="bulk-send-blocked">
                        {format!("Cannot send yet: {}. ", b.problem)}<a href=b.route>{b.fix}</a>
                    </p>
                })}
                {(planned > 0 || sent + found + failed + unknown > 0).then(|| view! {
                    <div class="toolbar">
                        <progress data-testid="bulk-send-progress" max=planned.max(1) value=settled></progress>
                        <span data-testid="bulk-send-counts" data-phase=phase.name()
                            data-sent=sent data-found=found data-failed=failed data-unknown=unknown data-left=left data-sending=sending data-planned=planned>
                            {format!("{settled} of {planned} this run · sent {sent} · failed {failed} · no answer {unknown} · queued {left}")}
                            {(found > 0).then(|| format!(" · already in the account {found}"))}
                            {(cancelled > 0).then(|| format!(" · cancelled {cancelled}"))}
                            {(phase == Phase::Paused).then_some(" · paused")}
                        </span>
                    </div>
                })}
            </div>
        }.into_any())
    }
}
