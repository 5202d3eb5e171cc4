//! The request editor every step uses: payload, live issues, the exact request, Send,
//! the response, and copy-as-cURL. It holds no rule and builds no URL: rules come from
//! `rules`, requests from `api`, and URLs from `Request::url`.

mod context;
mod exchange;
mod fixes;
mod issues;
mod payload;
mod send;
mod start;

use context::AccountContext;
use exchange::{RequestPreview, ResponseView};
pub(crate) use issues::{pick_in_textarea, IssueList};
use payload::{payload_pane, Code};
use send::{send_bar, Sending};
use start::start_bar;

use leptos::prelude::*;

use super::state::use_app;
use super::storage;
use std::collections::BTreeMap;

use crate::api::Api;
use crate::api::Request;
use crate::rules::{validate_text, Kind};
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

/// `path_fields`: inputs for ids the request's path carries besides the payload's, shown
/// under the step's heading.
#[component]
pub fn Editor(step: Step, #[prop(optional)] path_fields: Option<Children>) -> impl IntoView {
    let app = use_app();
    let initial = storage::get(&storage::draft_key(step.id))
        .unwrap_or_else(|| app.vars.with_untracked(|v| fill(step.samples[0].1, v)));
    let text = RwSignal::new(initial);
    let path_boxes: NodeRef<leptos::html::Div> = NodeRef::new();
    // The code editor, once it has replaced the text area (see code_editor.rs).
    let code: Code = RwSignal::new_local(None);
    let examples_used = start::fill_carried_ids(step, app, text);
    let context = AccountContext::new(step, app);
    let outcome =
        Memo::new(move |_| text.with(|t| context.with(|c| validate_text(step.kind, t, c))));
    let request = Memo::new(move |_| {
        text.with(|t| {
            app.vars
                .with(|v| app.prepared(step.api, (step.build)(t, v)))
        })
    });
    let sending = Sending::new(step, app, text, code, outcome);
    let not_sent = Signal::derive(move || request.with(|r| r.refused.clone()));
    // Checks that fail say so beside Send: sending shows what the API says of them.
    let blocked = move || outcome.with(|o| o.as_ref().map_or(true, |o| !o.valid));

    view! {
        // Ctrl+Enter (or Cmd+Enter) sends from anywhere on the step, not only the payload.
        <section
            class="editor"
            data-step=step.id
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if (ev.ctrl_key() || ev.meta_key()) && ev.key() == "Enter" {
                    ev.prevent_default();
                    sending.send();
                }
            }
        >
            <header class="step-head">
                <h2>{step.title}</h2>
                <p class="intro">{step.intro}</p>
            </header>
            {path_fields
                .map(|f| {
                    view! {
                        <div class="toolbar path-fields" node_ref=path_boxes>
                            {f()}
                        </div>
                    }
                })}
            {start_bar(step, text, code, context, examples_used)}
            <div class="panes">
                {payload_pane(step, text, code, path_boxes, outcome, context, not_sent)}
                <div class="pane">
                    <RequestPreview request=request api=step.api />
                    {send_bar(step, sending, request, code)}
                    {move || {
                        blocked()
                            .then(|| {
                                view! {
                                    <p class="warn-note">
                                        "This payload has errors; sending it shows what the API says about them."
                                    </p>
                                }
                            })
                    }}
                    // Announced when it arrives: a Send result is news to a screen reader.
                    <div aria-live="polite" data-testid="response-area">
                        <ResponseView result=sending.result api=step.api />
                    </div>
                </div>
            </div>
        </section>
    }
}
