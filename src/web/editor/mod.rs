//! The request editor every step uses: payload, live issues, the exact request, Send,
//! the response, and copy-as-cURL. It holds no rule and builds no URL: rules come from
//! `rules`, requests from `api`, and URLs from `Request::url`.

mod exchange;
mod fixes;
mod issues;

use exchange::{RequestPreview, ResponseView};
pub(crate) use issues::{pick_in_textarea, IssueList};

use leptos::prelude::*;

use super::code_editor::CodeEditor;
use super::notice::plural;
use super::state::{use_app, Target};
use super::storage;
use super::transport::{self, Sent};
use super::{account, clipboard};
use std::collections::BTreeMap;

use crate::api::error::json_body;
use crate::api::Api;
use crate::api::{curl::to_curl, ApiError, Request};
use crate::rules::spans::spans;
use crate::rules::{validate_text, Context, Kind, Outcome, ParseError};
use crate::samples::fill;

/// One step of a workflow: what it sends and how it starts.
#[derive(Clone, Copy)]
pub struct Step {
    /// Stable id: the draft's storage key and the page's route.
    pub id: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub kind: Kind,
    pub api: Api,
    /// (label, template) pairs the payload can start from; the first is the default.
    pub samples: &'static [(&'static str, &'static str)],
    /// The request for a payload; the carried ids give what the body lacks (a path id).
    pub build: fn(&str, &BTreeMap<String, String>) -> Request,
    /// Whether cross-entity rules apply, so the account context can be loaded.
    pub uses_context: bool,
    /// Whether the payload holds Amazon's own ids, which no earlier step provides.
    pub uses_amazon_ids: bool,
}

/// Example Amazon ids for trying the flow out; real ones come from Amazon.
const EXAMPLE_AMAZON_IDS: &[(&str, &str)] = &[
    ("ASIN", "B0EXAMPLE1"),
    ("amazon_order_number", "112-1234567-1234567"),
    ("amazon_line_item_id", "12345678901234"),
];

/// `path_fields`: inputs for ids the request's path carries besides the payload's, shown
/// under the step's heading.
#[component]
pub fn Editor(step: Step, #[prop(optional)] path_fields: Option<Children>) -> impl IntoView {
    let app = use_app();
    let draft_key = storage::draft_key(step.id);
    let initial = storage::get(&draft_key)
        .unwrap_or_else(|| app.vars.with_untracked(|v| fill(step.samples[0].1, v)));
    let text = RwSignal::new(initial);
    let context: RwSignal<Option<Context>> = RwSignal::new(None);
    let context_note = RwSignal::new(String::new());
    let reveal = RwSignal::new(false);
    let curl_note = RwSignal::new(String::new());
    let textarea: NodeRef<leptos::html::Textarea> = NodeRef::new();
    let path_boxes: NodeRef<leptos::html::Div> = NodeRef::new();
    // The code editor, once it has replaced the text area (see code_editor.rs).
    let code: RwSignal<Option<CodeEditor>, LocalStorage> = RwSignal::new_local(None);

    // The code editor reports edits after drawing them: whatever reads the text to act on
    // it takes the last one first.
    let flush = move || {
        code.with_untracked(|c| c.as_ref().map(CodeEditor::flush));
    };

    let pick = issues::pick_in_editor(text, code, textarea, path_boxes);

    // Ids from earlier steps fill this payload's placeholders as soon as they exist. In the
    // sandbox, Amazon's own ids (which no step returns) are filled with examples, and the
    // page says so; in Live they stay placeholders, so errors, until the real ones are in.
    let examples_used = RwSignal::new(false);
    Effect::new(move |_| {
        let vars = app.vars.get();
        let sandbox = app.settings.with(|s| s.target == Target::Sandbox);
        let current = text.get_untracked();
        let mut filled = fill(&current, &vars);
        if sandbox && step.uses_amazon_ids {
            let examples: std::collections::BTreeMap<String, String> = EXAMPLE_AMAZON_IDS
                .iter()
                .filter(|(k, _)| !vars.contains_key(*k))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            let with_examples = fill(&filled, &examples);
            if with_examples != filled {
                examples_used.set(true);
                filled = with_examples;
            }
        }
        if filled != current {
            text.set(filled);
        }
    });
    Effect::new(move |_| text.with(|t| storage::set(&draft_key, t)));

    // The code editor arrives after the page is usable and takes the text area's place.
    Effect::new(move |_| {
        let Some(ta) = textarea.get() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let editor = CodeEditor::upgrade(
                ta,
                move || text.try_get_untracked().unwrap_or_default(),
                move |t| {
                    text.try_set(t);
                },
            )
            .await;
            // Gone meanwhile: the value comes back and is dropped, giving the text area back.
            let _ = code.try_set(editor);
        });
    });
    // Left within a frame of a key press: take the edit the editor has not reported, and
    // keep it as the draft, whose Effect runs no more.
    on_cleanup(move || {
        code.try_with_untracked(|c| c.as_ref().map(CodeEditor::flush));
        if let Some(t) = text.try_get_untracked() {
            storage::set(&storage::draft_key(step.id), &t);
        }
        code.try_update(Option::take);
    });
    // What the page changes (a sample, filled ids) is shown; the editor's own edits are
    // already there, and set_text knows it.
    Effect::new(move |_| text.with(|t| code.with(|c| c.as_ref().map(|c| c.set_text(t)))));

    let signal = transport::page_signal();

    let outcome: Memo<Result<Outcome, ParseError>> = Memo::new(move |_| {
        text.with(|t| context.with(|c| validate_text(step.kind, t, c.as_ref())))
    });
    // Each issue marked at its value in the code editor, with its message on hover. Only
    // when the verdict changes: the editor moves the marks along with each edit itself,
    // so a key press that changes no verdict costs no second editor update.
    Effect::new(move |_| {
        outcome.with(|o| {
            code.with(|c| {
                if let Some(c) = c {
                    c.set_spans(&text.with_untracked(|t| spans(t, o)));
                }
            })
        })
    });
    let (fix, fix_note) = fixes::fixing(step.kind, text, context, flush);
    let request = Memo::new(move |_| {
        text.with(|t| {
            app.vars
                .with(|v| app.prepared(step.api, (step.build)(t, v)))
        })
    });

    // Sending is an Action: `pending` is the Send button's state, `value` the answer shown,
    // starting from this step's last answer (kept when the user moves between steps).
    let last = StoredValue::new(app.last_results.with_untracked(|m| m.get(step.id).cloned()));
    let send_action = Action::new_local(move |req: &Request| {
        let req = req.clone();
        let cancel = signal.get_value();
        async move {
            let r = app.send_from(Some(step.id), step.api, req, cancel).await;
            if let Ok(sent) = &r {
                if let Ok(body) = json_body(&sent.response) {
                    let ids = step.api.ids_from_response(&body);
                    if !ids.is_empty() {
                        app.vars.update(|v| {
                            for (k, id) in ids {
                                v.insert(k.to_string(), id);
                            }
                        });
                    }
                }
            }
            app.last_results.update(|m| {
                m.insert(step.id, r.clone());
            });
            r
        }
    });
    let sending = send_action.pending();
    let result: Signal<Option<Result<Sent, ApiError>>> =
        Signal::derive(move || send_action.value().get().or_else(|| last.get_value()));

    let send = move || {
        if sending.get_untracked() {
            return;
        }
        flush();
        // The real API, and the checks say it will refuse this (or lose Buyer Protection):
        // ask before it leaves. The sandbox is for trying exactly that.
        let errors = outcome.with_untracked(|o| o.as_ref().map_or(1, |o| o.counts().0));
        let live = app.settings.with_untracked(|s| s.target == Target::Live);
        if live && errors > 0 {
            let question = format!(
                "{errors} error{} in this payload: the API may refuse it, or Buyer Protection may not apply. Send it to the live API anyway?",
                plural(errors)
            );
            let go = web_sys::window()
                .and_then(|w| w.confirm_with_message(&question).ok())
                .unwrap_or(false);
            if !go {
                return;
            }
        }
        let req = app
            .vars
            .with_untracked(|v| (step.build)(&text.get_untracked(), v));
        send_action.dispatch(req);
    };

    // The account context (cross-entity rules) is loaded by an Action: pending says so.
    let context_action = Action::new_local(move |vars: &BTreeMap<String, String>| {
        let vars = vars.clone();
        let cancel = signal.get_value();
        async move {
            match step.api {
                Api::Veeqo => {
                    let products: Vec<String> =
                        vars.get("product_id").cloned().into_iter().collect();
                    account::context(&app, &products, cancel).await.map(|ctx| {
                        let note = account::describe(&ctx, &products);
                        (ctx, note)
                    })
                }
                Api::Feedamp => {
                    let n = vars.get("mp_order_number").cloned().unwrap_or_default();
                    account::feedamp_context(&app, &n, cancel).await.map(|ctx| {
                        let note = if ctx.new_order {
                            format!("Order {n} is not placed yet: it will be new.")
                        } else {
                            format!("Loaded order {n} as FeedAMP has it.")
                        };
                        (ctx, note)
                    })
                }
            }
        }
    });
    Effect::new(move |_| {
        context_action.value().with(|loaded| match loaded {
            Some(Ok((ctx, note))) => {
                context_note.set(note.clone());
                context.set(Some(ctx.clone()));
            }
            Some(Err(e)) => context_note.set(format!("Could not load the account context: {e}")),
            None => {}
        })
    });
    // Busy buttons are aria-disabled, not disabled, which would drop a keyboard user's focus.
    let load_context = move |_| {
        if context_action.pending().get_untracked() {
            return;
        }
        context_note.set("Loading the account context…".into());
        context_action.dispatch(app.vars.get_untracked());
    };
    let copy_curl = move |_| {
        flush();
        let base = app
            .settings
            .with_untracked(|s| transport::curl_base(s, step.api));
        let cmd = request.with_untracked(|r| to_curl(r, &base, reveal.get_untracked()));
        clipboard::copy(&cmd);
        curl_note.set(if reveal.get_untracked() {
            "Copied, with the key in clear.".into()
        } else {
            "Copied, key masked.".into()
        });
    };

    let sample_buttons = step
        .samples
        .iter()
        .map(|&(label, template)| {
            view! {
                <button class="ghost" data-testid="reset-sample"
                    on:click=move |_| {
                        flush();
                        let sample = app.vars.with_untracked(|v| fill(template, v));
                        // Edits are work: replacing them is asked, not assumed.
                        let edited = text.with_untracked(|t| {
                            t.trim() != sample.trim()
                                && !step.samples.iter().any(|(_, s)| t.trim() == app.vars.with_untracked(|v| fill(s, v)).trim())
                        });
                        let go = !edited
                            || web_sys::window()
                                .and_then(|w| w.confirm_with_message(&format!("Replace your edits with the {label}?")).ok())
                                .unwrap_or(false);
                        if go {
                            text.set(sample);
                        }
                    }>
                    {format!("Start from: {label}")}
                </button>
            }
        })
        .collect_view();

    view! {
        // Ctrl+Enter (or Cmd+Enter) sends from anywhere on the step, not only the payload.
        <section class="editor" data-step=step.id
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if (ev.ctrl_key() || ev.meta_key()) && ev.key() == "Enter" {
                    ev.prevent_default();
                    send();
                }
            }>
            <header class="step-head">
                <h2>{step.title}</h2>
                <p class="intro">{step.intro}</p>
            </header>
            {path_fields.map(|f| view! { <div class="toolbar path-fields" node_ref=path_boxes>{f()}</div> })}
            <div class="toolbar">
                {sample_buttons}
                {step.uses_amazon_ids.then(|| view! {
                    <button class="ghost" data-testid="example-ids" on:click=move |_| app.vars.update(|v| {
                        for (k, val) in EXAMPLE_AMAZON_IDS {
                            v.entry(k.to_string()).or_insert_with(|| val.to_string());
                        }
                    })>"Use example Amazon ids"</button>
                })}
                {step.uses_context.then(|| view! {
                    <button class="ghost" data-testid="load-context" aria-disabled=move || context_action.pending().get().to_string() on:click=load_context>"Load account context"</button>
                })}
            </div>
            {move || (!context_note.get().is_empty()).then(|| view! { <p class="note">{context_note.get()}</p> })}
            {move || examples_used.get().then(|| view! {
                <p class="note" data-testid="example-ids-note">
                    "Sandbox: Amazon's own ids are filled with examples (ASIN B0EXAMPLE1, order 112-1234567-1234567, line item 12345678901234). In Live, use the order's real ones."
                </p>
            })}
            <div class="panes">
                <div class="pane">
                    <label class="label" for=format!("payload-{}", step.id)>"Payload"</label>
                    <textarea id=format!("payload-{}", step.id) data-testid="payload" spellcheck="false" node_ref=textarea
                        // Once the code editor holds the text, the hidden text area stops
                        // following it: a 44 KB value set on every key press costs ~3 ms.
                        prop:value=move || if code.with(Option::is_some) { text.get_untracked() } else { text.get() }
                        on:input=move |ev| text.set(event_target_value(&ev))
                    ></textarea>
                    {fix_note}
                    <IssueList outcome=outcome text=text pick=pick fix=fix
                        not_sent=Signal::derive(move || request.with(|r| r.refused.clone())) />
                </div>
                <div class="pane">
                    <RequestPreview request=request api=step.api />
                    <div class="actions">
                        <button class="primary" data-testid="send" aria-disabled=move || sending.get().to_string() on:click=move |_| send()>
                            {move || if sending.get() { "Sending…" } else { "Send" }}
                        </button>
                        <span class="hint">"Ctrl+Enter"</span>
                        <button class="ghost" data-testid="copy-curl" on:click=copy_curl>"Copy as cURL"</button>
                        <label class="check">
                            <input type="checkbox" prop:checked=move || reveal.get()
                                on:change=move |ev| reveal.set(event_target_checked(&ev)) />
                            "include key"
                        </label>
                        <span class="note">{move || curl_note.get()}</span>
                    </div>
                    {move || {
                        let blocked = outcome.with(|o| match o {
                            Ok(o) => !o.valid,
                            Err(_) => true,
                        });
                        blocked.then(|| view! {
                            <p class="warn-note">"This payload has errors; sending it shows what the API says about them."</p>
                        })
                    }}
                    // Announced when it arrives: a Send result is news to a screen reader.
                    <div aria-live="polite" data-testid="response-area">
                        <ResponseView result=result api=step.api />
                    </div>
                </div>
            </div>
        </section>
    }
}
