//! Connecting a seller: the OAuth authorize redirect (state, PKCE); in Sandbox mode the
//! in-page FeedAMP's authorize page, answered here. The return is `callback.rs`.

use super::go;
use crate::api::feedamp::{self, sandbox};
use crate::api::Api;
use crate::api::{pkce, ApiError, Request};
use crate::rules::Value as Json;
use crate::rules::{validate, Kind, Severity};
use crate::web::notice::{Notice, NoticeLine};
use crate::web::state::{use_app, wall_clock_ms, AppState, Target};
use crate::web::transport::Sent;
use crate::web::{storage, transport};
use leptos::prelude::*;

/// Where the seller comes back to: this page, on its callback route.
fn callback_url() -> String {
    let loc = web_sys::window().map(|w| w.location());
    let origin = loc
        .as_ref()
        .and_then(|l| l.origin().ok())
        .unwrap_or_default();
    let path = loc
        .as_ref()
        .and_then(|l| l.pathname().ok())
        .unwrap_or_else(|| "/".into());
    feedamp::callback_url(&origin, &path)
}

/// `N` bytes from the browser's CSPRNG.
fn random_bytes<const N: usize>() -> Option<[u8; N]> {
    let mut bytes = [0u8; N];
    web_sys::window()?
        .crypto()
        .ok()?
        .get_random_values_with_u8_array(&mut bytes)
        .ok()?;
    Some(bytes)
}

/// 32 hex characters from the browser's CSPRNG.
fn random_state() -> Option<String> {
    Some(
        random_bytes::<16>()?
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
    )
}

/// What the Connect page asks the sandbox's authorize page.
#[derive(Clone)]
enum Ask {
    Authorize(Request),
    Decide(Request),
    /// A connect refused before anything left: why.
    Refused(String),
}

/// One exchange with the sandbox's authorize page, its error as the message to show.
async fn to_sandbox(app: AppState, req: Request) -> Result<Sent, String> {
    app.send(Api::Feedamp, req, None)
        .await
        .map_err(|e| e.to_string())
}

#[component]
pub fn Connect() -> impl IntoView {
    let app = use_app();
    let s = app.settings;
    // The sandbox's exchanges are one Action: its answer is the authorize page to show
    // (the request the seller approves or denies), or what went wrong, which a connect the
    // page refused before anything left says too.
    let sandbox = Action::new_local(move |ask: &Ask| {
        let ask = ask.clone();
        async move {
            match ask {
                // The in-page FeedAMP's authorize page; the answer names its request.
                Ask::Authorize(req) => {
                    let sent = to_sandbox(app, req).await?;
                    if sent.response.status != 200 {
                        return Err(ApiError::from_response(&sent.response).to_string());
                    }
                    Ok(sent
                        .response
                        .header("x-sandbox-request")
                        .map(str::to_string))
                }
                // The seller's answer there: its redirect is followed in-page, as the
                // callback page would (the query to the app, then its route).
                Ask::Decide(req) => {
                    let sent = to_sandbox(app, req).await?;
                    let location = sent.response.header("location");
                    let Some((_, query)) = location.and_then(|l| l.split_once('?')) else {
                        return Err(ApiError::from_response(&sent.response).to_string());
                    };
                    storage::session_set(storage::CALLBACK_QUERY, query);
                    go("/feedamp/callback");
                    Ok(None)
                }
                Ask::Refused(why) => Err(why),
            }
        }
    });
    let busy = sandbox.pending();
    // Shown until the seller answers it.
    let sandbox_request = Memo::new(move |_| {
        if busy.get() {
            return None;
        }
        sandbox
            .value()
            .with(|a| a.clone().and_then(Result::ok).flatten())
    });
    let notice = Signal::derive(move || {
        sandbox
            .value()
            .with(|a| a.as_ref().and_then(Notice::failed))
    });
    let refuse = move |why: String| {
        sandbox.dispatch(Ask::Refused(why));
    };

    // Busy buttons are aria-disabled, not disabled, which would drop a keyboard user's focus.
    let connect = move |_| {
        if busy.get_untracked() {
            return;
        }
        let Some(state) = random_state() else {
            refuse("This browser offers no secure random numbers (crypto.getRandomValues).".into());
            return;
        };
        let settings = s.get_untracked();
        let (client_id, _) = settings.feedamp_client();
        let redirect = callback_url();
        // PKCE: the verifier stays in this tab; only its S256 challenge leaves.
        let verifier = settings
            .feedamp_pkce
            .then(|| random_bytes::<32>().map(|b| pkce::verifier(&b)))
            .flatten();
        let challenge = verifier.as_deref().map(pkce::challenge);
        // The seller's browser goes to FeedAMP itself; the proxy carries API calls only.
        let base = match settings.target {
            Target::Live => match transport::sign_in_base(&settings) {
                Ok(base) => base,
                Err(e) => {
                    refuse(e);
                    return;
                }
            },
            Target::Sandbox => transport::base_url(&settings, Api::Feedamp),
        };
        let url =
            feedamp::authorize_url(&base, &client_id, &redirect, &state, challenge.as_deref());
        let check = validate(Kind::FeedampAuthorizeUrl, &Json::String(&url), None);
        if let Some(e) = check.issues.iter().find(|i| i.severity == Severity::Error) {
            refuse(e.message.clone());
            return;
        }
        storage::session_set(storage::PENDING_STATE, &state);
        match &verifier {
            Some(v) => storage::session_set(storage::PENDING_VERIFIER, v),
            None => storage::session_remove(storage::PENDING_VERIFIER),
        }
        match settings.target {
            Target::Live => {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().assign(&url);
                }
            }
            Target::Sandbox => {
                sandbox.dispatch(Ask::Authorize(feedamp::authorize_request(
                    &client_id,
                    &redirect,
                    &state,
                    challenge.as_deref(),
                )));
            }
        }
    };

    let answer = move |approve: bool| {
        if busy.get_untracked() {
            return;
        }
        let Some(id) = sandbox_request.get_untracked() else {
            return;
        };
        sandbox.dispatch(Ask::Decide(sandbox::decision(&id, approve)));
    };

    let status = move || {
        app.feedamp.with(|f| match f {
            None => "Not connected.".to_string(),
            Some(sess) => {
                let left_s = (sess.obtained_ms + sess.tokens.expires_in * 1000).saturating_sub(wall_clock_ms()) / 1000;
                format!("Connected. The access token has {} min left; it is refreshed before it runs out.", left_s / 60)
            }
        })
    };

    view! {
        <section class="editor">
            <header class="step-head">
                <h2>"Connect to a seller's FeedAMP account"</h2>
                <p class="intro">
                    "OAuth: the seller approves on FeedAMP's authorize page and comes back here with a one-time code, which is \
                    exchanged for tokens at POST /access_token. The state sent is 32 random characters and is checked on return. \
                    The client secret goes only into that POST's body, never into a URL."
                </p>
            </header>
            <p class="note" data-testid="feedamp-status">
                {status}
            </p>
            <div class="form settings">
                {move || match s.with(|v| v.target) {
                    Target::Sandbox => {
                        view! {
                            <p class="hint">
                                "Sandbox: the in-page FeedAMP, client "
                                <code>{crate::sandbox::feedamp::CLIENT_ID}</code>
                                " (its secret is filled in for you)."
                            </p>
                        }
                            .into_any()
                    }
                    Target::Live => {
                        // The client's settings live in Settings, with Veeqo's key: one place.
                        view! {
                            <p class="hint" data-testid="feedamp-client-summary">
                                {move || {
                                    s.with(|v| {
                                        format!(
                                            "Live: client {}, {}, {} · ",
                                            if v.feedamp_client_id.trim().is_empty() {
                                                "not set".to_string()
                                            } else {
                                                format!("\"{}\"", v.feedamp_client_id.trim())
                                            },
                                            if v.feedamp_secret_in_proxy {
                                                "the proxy holds the secret"
                                            } else if v.feedamp_client_secret.is_empty() {
                                                "no secret yet"
                                            } else {
                                                "secret entered"
                                            },
                                            if v.feedamp_pkce { "PKCE on" } else { "PKCE off" },
                                        )
                                    })
                                }}
                                <a href="#/settings" data-testid="feedamp-settings-link">
                                    "change in Settings"
                                </a>
                            </p>
                        }
                            .into_any()
                    }
                }} <p class="hint">"Callback: "<code>{callback_url()}</code></p>
                <div class="actions">
                    <button
                        class="primary"
                        data-testid="connect"
                        aria-disabled=move || busy.get().to_string()
                        on:click=connect
                    >
                        "Connect"
                    </button>
                    <button
                        class="ghost"
                        data-testid="disconnect"
                        on:click=move |_| app.feedamp.set(None)
                    >
                        "Disconnect"
                    </button>
                </div>
            </div>
            {move || {
                sandbox_request
                    .get()
                    .map(|_| {
                        view! {
                            <div class="preview" data-testid="sandbox-authorize">
                                <p>
                                    <strong>"FeedAMP sandbox — authorize"</strong>
                                </p>
                                <p>
                                    "The marketplace asks to place orders into the seller's account and read their fulfillments."
                                </p>
                                <div class="actions">
                                    <button
                                        class="primary"
                                        data-testid="sandbox-approve"
                                        aria-disabled=move || busy.get().to_string()
                                        on:click=move |_| answer(true)
                                    >
                                        "Approve"
                                    </button>
                                    <button
                                        class="ghost"
                                        data-testid="sandbox-deny"
                                        aria-disabled=move || busy.get().to_string()
                                        on:click=move |_| answer(false)
                                    >
                                        "Deny"
                                    </button>
                                </div>
                            </div>
                        }
                    })
            }}
            <NoticeLine notice=notice testid="connect-message" />
        </section>
    }
}
