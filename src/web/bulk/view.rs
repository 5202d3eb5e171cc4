//! The bulk page: load a file, see every payload's issues in a filterable table, export
//! the report, send the valid ones with progress, pause, resume and cancel.
//!
//! Loading lives in `load.rs`, sending in `send_panel.rs`, the table of rows with its
//! filters in `table.rs`; the state in `mod.rs`.

use leptos::prelude::*;

use super::kind::KindNote;
use super::load::{read_dropped, FileBar, PasteBox};
use super::send_panel::SendPanel;
use super::table::{verdict, Table, Verdict};
use super::{use_bulk, Bulk, Phase};
use crate::web::notice::plural;
use crate::web::state::use_app;

/// Offers `text` as a file download; says on the page when the browser will not.
fn download(bulk: Bulk, name: &str, mime: &str, text: &str) {
    if !crate::web::download::offer(name, mime, text) {
        bulk.note.set(Some(format!(
            "The browser would not make the download {name}; try again, or allow downloads for this page."
        )));
    }
}

#[component]
pub fn BulkPage() -> impl IntoView {
    let app = use_app();
    let bulk = use_bulk();
    // Each target keeps its own deliveries.
    Effect::new(move |_| bulk.show(app.settings.with(|s| s.target)));
    view! {
        <section
            class="bulk"
            on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default()
            on:drop=move |ev| read_dropped(bulk, ev)
        >
            <header class="step-head">
                <h2>"Bulk: a file of payloads"</h2>
                <p class="intro">
                    "Load or drop a .jsonl file (one payload a line) or a .json file (an array of payloads) of one kind. \
                    Every payload is checked; the valid ones can be sent at the API's pace. The file and every delivery are \
                    kept on this device, so a reload or a closed tab loses nothing the API confirmed, and nothing is sent twice."
                </p>
            </header>
            <FileBar bulk=bulk />
            <PasteBox bulk=bulk />
            {move || {
                bulk.file
                    .error
                    .get()
                    .map(|e| {
                        view! {
                            <p class="response bad" data-testid="bulk-file-error">
                                {e}
                            </p>
                        }
                    })
            }}
            {move || {
                bulk.note
                    .get()
                    .map(|n| {
                        view! {
                            <p class="warn-note" data-testid="bulk-note">
                                {n}
                            </p>
                        }
                    })
            }}
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
    let uses = move || bulk.kind.current.get().spec().reads_channels;
    move || {
        uses().then(|| {
            view! {
                <div class="toolbar">
                    <label>
                        "Products "
                        <input
                            data-testid="bulk-products"
                            placeholder="ids, comma-separated"
                            title="The products whose channel sellables the payloads use"
                            prop:value=move || products.get()
                            on:input=move |ev| products.set(event_target_value(&ev))
                        />
                    </label>
                    <button
                        class="ghost"
                        data-testid="bulk-load-context"
                        disabled=move || bulk.send.phase.get() != Phase::Idle
                        on:click=move |_| {
                            let ids = products
                                .get_untracked()
                                .split(',')
                                .map(|p| p.trim().to_string())
                                .filter(|p| !p.is_empty())
                                .collect();
                            bulk.load_context(app, ids);
                        }
                    >
                        "Load account context"
                    </button>
                    {move || {
                        bulk.check
                            .context_note
                            .get()
                            .map(|n| {
                                view! {
                                    <span class="note" data-testid="bulk-context-note">
                                        {n}
                                    </span>
                                }
                            })
                    }}
                </div>
            }
        })
    }
}

#[component]
fn Summary(bulk: Bulk) -> impl IntoView {
    move || {
        let total = bulk.file.rows.with(Vec::len);
        if total == 0 {
            return None;
        }
        let done = bulk.check.outcomes.with(Vec::len);
        let name = bulk.file.name.get();
        let body = if done < total {
            view! {
                <span>{format!("{name}: validating {done} of {total}…")}</span>
                <progress data-testid="bulk-validate-progress" max=total value=done></progress>
            }
            .into_any()
        } else {
            let (valid, warned, no_context) = bulk.check.outcomes.with(|o| {
                let valid = o.iter().filter(|o| o.valid).count();
                let warned = o.iter().filter(|o| verdict(o) == Verdict::Warnings).count();
                let no_context = o
                    .iter()
                    .any(|o| o.issues.iter().any(|i| i.code == "context.missing"));
                (valid, warned, no_context)
            });
            let invalid = total - valid;
            // Each export button offers "orderlint-<kind>-<suffix>".
            let export = move |suffix: &'static str,
                               mime: &'static str,
                               text: fn(Bulk) -> String| {
                move |_| {
                    let name = format!("orderlint-{}-{suffix}", bulk.kind.current.get_untracked());
                    download(bulk, &name, mime, &text(bulk))
                }
            };
            view! {
                {no_context
                    .then(|| {
                        view! {
                            <p class="note" data-testid="bulk-context-skipped">
                                "Account checks skipped for every payload: without the account's channels and channel \
                                sellables, orderlint cannot tell whether each order's channel and sellables would carry Buyer Protection. Load \
                                the account context to check them."
                            </p>
                        }
                    })}
                <span
                    data-testid="bulk-summary"
                    data-total=total
                    data-valid=valid
                    data-warned=warned
                    data-invalid=invalid
                >
                    {format!(
                        "{name}: {total} payload{} · {valid} valid ({warned} with warnings) · {invalid} with errors",
                        plural(total),
                    )}
                </span>
                <button
                    class="ghost"
                    data-testid="export-json"
                    on:click=export("report.json", "application/json", |b| b.report(false))
                >
                    "Export JSON"
                </button>
                <button
                    class="ghost"
                    data-testid="export-csv"
                    on:click=export("report.csv", "text/csv", |b| b.report(true))
                >
                    "Export CSV"
                </button>
                <button
                    class="ghost"
                    data-testid="export-valid"
                    on:click=export("valid.jsonl", "application/x-ndjson", |b| b.valid_jsonl())
                >
                    "Export valid as .jsonl"
                </button>
            }
            .into_any()
        };
        Some(view! { <div class="toolbar bulk-summary">{body}</div> })
    }
}
