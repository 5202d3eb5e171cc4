//! Send and copy-as-cURL: the request leaves (asked first when the real API would refuse
//! it), its answer is kept as the step's last, and the ids it carries go on.

use leptos::prelude::*;

use super::payload::{flush, Code};
use super::Step;
use crate::api::curl::to_curl;
use crate::api::error::json_body;
use crate::api::{ApiError, Request};
use crate::rules::{Outcome, ParseError};
use crate::web::clipboard;
use crate::web::notice::plural;
use crate::web::state::{AppState, Target};
use crate::web::transport::{self, Sent};

/// Sending is an Action: `pending` is the Send button's state, `result` the answer shown,
/// starting from this step's last answer (kept when the user moves between steps).
#[derive(Clone, Copy)]
pub(super) struct Sending {
    step: Step,
    app: AppState,
    text: RwSignal<String>,
    code: Code,
    outcome: Memo<Result<Outcome, ParseError>>,
    action: Action<Request, Result<Sent, ApiError>>,
    pub(super) pending: Memo<bool>,
    pub(super) result: Signal<Option<Result<Sent, ApiError>>>,
}

impl Sending {
    pub(super) fn new(
        step: Step,
        app: AppState,
        text: RwSignal<String>,
        code: Code,
        outcome: Memo<Result<Outcome, ParseError>>,
    ) -> Self {
        let signal = transport::page_signal();
        let last = StoredValue::new(app.last_results.with_untracked(|m| m.get(step.id).cloned()));
        let action = Action::new_local(move |req: &Request| {
            let req = req.clone();
            let cancel = signal.get_value();
            async move {
                let r = app.send_from(Some(step.id), step.api, req, cancel).await;
                if let Some(body) = r
                    .as_ref()
                    .ok()
                    .and_then(|sent| json_body(&sent.response).ok())
                {
                    let ids = step.api.ids_from_response(&body);
                    if !ids.is_empty() {
                        app.vars.update(|v| {
                            for (k, id) in ids {
                                v.insert(k.to_string(), id);
                            }
                        });
                    }
                }
                app.last_results.update(|m| {
                    m.insert(step.id, r.clone());
                });
                r
            }
        });
        Sending {
            step,
            app,
            text,
            code,
            outcome,
            action,
            pending: action.pending(),
            result: Signal::derive(move || action.value().get().or_else(|| last.get_value())),
        }
    }

    pub(super) fn send(&self) {
        let Sending {
            step,
            app,
            text,
            code,
            outcome,
            action,
            pending,
            ..
        } = *self;
        if pending.get_untracked() {
            return;
        }
        flush(code);
        // The real API, and the checks say it will refuse this (or lose Buyer Protection):
        // ask before it leaves. The sandbox is for trying exactly that.
        let errors = outcome.with_untracked(|o| o.as_ref().map_or(1, |o| o.counts().0));
        let live = app.settings.with_untracked(|s| s.target == Target::Live);
        if live
            && errors > 0
            && !confirm(&format!(
                "{errors} error{} in this payload: the API may refuse it, or Buyer Protection may not apply. \
                Send it to the live API anyway?",
                plural(errors)
            ))
        {
            return;
        }
        let req = app
            .vars
            .with_untracked(|v| (step.build)(&text.get_untracked(), v));
        action.dispatch(req);
    }
}

/// The browser's yes/no question; no answer is a no.
pub(super) fn confirm(question: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(question).ok())
        .unwrap_or(false)
}

/// Send, its shortcut, and copy-as-cURL (the key masked unless asked).
pub(super) fn send_bar(
    step: Step,
    sending: Sending,
    request: Memo<Request>,
    code: Code,
) -> impl IntoView {
    let app = crate::web::state::use_app();
    let reveal = RwSignal::new(false);
    let curl_note = RwSignal::new(String::new());
    let copy_curl = move |_| {
        flush(code);
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
    let busy = sending.pending;
    view! {
        <div class="actions">
            <button
                class="primary"
                data-testid="send"
                aria-disabled=move || busy.get().to_string()
                on:click=move |_| sending.send()
            >
                {move || if busy.get() { "Sending…" } else { "Send" }}
            </button>
            <span class="hint">"Ctrl+Enter"</span>
            <button class="ghost" data-testid="copy-curl" on:click=copy_curl>
                "Copy as cURL"
            </button>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || reveal.get()
                    on:change=move |ev| reveal.set(event_target_checked(&ev))
                />
                "include key"
            </label>
            <span class="note">{move || curl_note.get()}</span>
        </div>
    }
}
