//! The seller's return from FeedAMP's authorize page: the state checked, a replayed code
//! refused, the code traded for tokens.

use crate::api::feedamp::{self, Tokens};
use crate::api::{Api, Request};
use crate::web::notice::{Notice, NoticeLine};
use crate::web::state::{use_app, wall_clock_ms, FeedampSession};
use crate::web::storage;
use leptos::prelude::*;

/// The query FeedAMP's redirect carried: left by the callback page (a real path, so no
/// fragment in the redirect URL) in this tab's sessionStorage, taken once; or, typed by
/// hand, after the route. Either way it then leaves the address bar and the history.
pub fn take_callback_query() -> String {
    let stashed = storage::session_get(storage::CALLBACK_QUERY);
    storage::session_remove(storage::CALLBACK_QUERY);
    let typed = current_hash_query();
    if !typed.is_empty() {
        if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = h.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some("#/feedamp/callback"),
            );
        }
    }
    stashed.filter(|q| !q.is_empty()).unwrap_or(typed)
}

fn current_hash_query() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .and_then(|h| h.split_once('?').map(|(_, q)| q.to_string()))
        .unwrap_or_default()
}

/// The seller's return: check the state, refuse a replayed code, exchange the code.
#[component]
pub fn Callback(query: String) -> impl IntoView {
    let app = use_app();
    let needs_secret = RwSignal::new(false);
    let code = RwSignal::new(String::new());

    // The code for tokens, at POST /access_token; or why it was not traded. Its answer is
    // the page's notice.
    let trade = Action::new_local(move |req: &Result<Request, String>| {
        let req = req.clone();
        async move {
            let sent = app.send(Api::Feedamp, req?, None).await;
            match sent.and_then(|sent| Tokens::parse(&sent.response)) {
                Ok(tokens) => {
                    let obtained_ms = wall_clock_ms();
                    app.feedamp.set(Some(FeedampSession {
                        tokens,
                        obtained_ms,
                    }));
                    Ok("Connected to the seller's FeedAMP account.".to_string())
                }
                Err(e) => Err(format!("The code could not be exchanged: {e}")),
            }
        }
    });
    let notice = Signal::derive(move || {
        trade
            .value()
            .with(|a| a.as_ref().map(|r| Notice::of(r, String::clone)))
    });

    let exchange = move || {
        if trade.pending().get_untracked() {
            return;
        }
        if app.settings.with_untracked(|s| s.feedamp_secret_missing()) {
            needs_secret.set(true);
            return;
        }
        let (id, secret) = app.settings.with_untracked(|s| s.feedamp_client());
        needs_secret.set(false);
        let c = code.get_untracked();
        let used = storage::session_get(storage::USED_CODES).unwrap_or_default();
        if used.split(' ').any(|u| u == c) {
            trade.dispatch(Err(
                "This authorization code was already used; a code works once. Connect again."
                    .into(),
            ));
            return;
        }
        storage::session_set(storage::USED_CODES, &format!("{used} {c}"));
        // Single use, like the code it proves.
        let verifier = storage::session_get(storage::PENDING_VERIFIER);
        storage::session_remove(storage::PENDING_VERIFIER);
        trade.dispatch(Ok(feedamp::exchange_code(
            &c,
            &id,
            &secret,
            verifier.as_deref(),
        )));
    };

    // The pending state is single use: whatever the outcome, it is gone.
    let expected = storage::session_get(storage::PENDING_STATE);
    storage::session_remove(storage::PENDING_STATE);
    match feedamp::read_callback(&query, expected.as_deref()) {
        Err(e) => {
            trade.dispatch(Err(e));
        }
        Ok(c) => {
            code.set(c);
            exchange();
        }
    }

    view! {
        <section class="editor">
            <header class="step-head">
                <h2>
                    {move || match notice.get() {
                        None => "Connecting…",
                        Some(Notice::Done(_)) => "Connected",
                        Some(Notice::Failed(_)) => "Not connected",
                    }}
                </h2>
            </header>
            {move || {
                needs_secret
                    .get()
                    .then(|| {
                        view! {
                            <div class="form settings">
                                <label class="label" for="cb-secret">
                                    "Client secret (the page reloaded on return, so it is asked again)"
                                </label>
                                <input
                                    id="cb-secret"
                                    type="password"
                                    autocomplete="off"
                                    data-testid="callback-secret"
                                    on:input=move |ev| {
                                        let b = event_target_value(&ev);
                                        app.settings.update(|v| v.feedamp_client_secret = b)
                                    }
                                />
                                <div class="actions">
                                    <button
                                        class="primary"
                                        data-testid="callback-exchange"
                                        aria-disabled=move || trade.pending().get().to_string()
                                        on:click=move |_| exchange()
                                    >
                                        "Finish connecting"
                                    </button>
                                </div>
                            </div>
                        }
                    })
            }}
            <NoticeLine notice=notice testid="callback-result" />
            {move || match notice.get() {
                Some(Notice::Failed(_)) => {
                    view! {
                        <p>
                            <a href="#/feedamp/connect" data-testid="connect-again">
                                "Connect again →"
                            </a>
                        </p>
                    }
                        .into_any()
                }
                Some(Notice::Done(_)) => {
                    view! {
                        <p>
                            <a href="#/feedamp/order">"Place an order →"</a>
                        </p>
                    }
                        .into_any()
                }
                None => ().into_any(),
            }}
        </section>
    }
}
