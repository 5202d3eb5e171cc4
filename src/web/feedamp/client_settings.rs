//! The FeedAMP client's settings, shown on the Settings page beside Veeqo's key.

use crate::api::{base_is_the_api, base_url_problem, Api};
use crate::web::state::use_app;
use crate::web::storage;
use leptos::prelude::*;

/// The FeedAMP client's settings (Live): proxy URL, client id, who holds the secret, PKCE.
#[component]
pub fn ClientSettings() -> impl IntoView {
    let s = use_app().settings;
    let base_problem = move || {
        s.with(|v| {
            base_url_problem(&v.feedamp_base)
                .or_else(|| base_is_the_api(Api::Feedamp, &v.feedamp_base, &v.feedamp_sign_in))
        })
    };
    let secret_in_proxy = move |ev| {
        let on = event_target_checked(&ev);
        s.update(|v| {
            v.feedamp_secret_in_proxy = on;
            // The proxy holds it: no copy stays in the page.
            if on {
                v.feedamp_client_secret.clear();
            }
        });
        if on {
            storage::remove(storage::CLIENT_SECRET);
        }
    };
    view! {
        <h3>"FeedAMP (Live)"</h3>
        <label class="label" for="fa-base">
            "FeedAMP proxy base URL (API calls)"
        </label>
        <input
            id="fa-base"
            data-testid="feedamp-base"
            prop:value=move || s.with(|v| v.feedamp_base.clone())
            on:input=move |ev| {
                let b = event_target_value(&ev);
                s.update(|v| v.feedamp_base = b)
            }
        />
        {move || {
            base_problem()
                .map(|p| {
                    view! {
                        <p class="warn-note" data-testid="feedamp-base-problem">
                            {p}
                        </p>
                    }
                })
        }}
        <label class="label" for="fa-sign-in">
            "FeedAMP sign-in address"
        </label>
        <input
            id="fa-sign-in"
            data-testid="feedamp-sign-in"
            placeholder="https://yourcompany.feedamp.example"
            prop:value=move || s.with(|v| v.feedamp_sign_in.clone())
            on:input=move |ev| {
                let b = event_target_value(&ev);
                s.update(|v| v.feedamp_sign_in = b)
            }
        />
        <p class="hint">
            "Where sellers sign in and approve: FeedAMP's own domain, never the proxy (their password must not pass through \
            it). With scripts/run: http://127.0.0.1:8787/feedamp."
        </p>
        <label class="label" for="fa-client">
            "Client id"
        </label>
        <input
            id="fa-client"
            data-testid="feedamp-client-id"
            prop:value=move || s.with(|v| v.feedamp_client_id.clone())
            on:input=move |ev| {
                let b = event_target_value(&ev);
                s.update(|v| v.feedamp_client_id = b)
            }
        />
        <label class="check">
            <input
                type="checkbox"
                data-testid="secret-in-proxy"
                prop:checked=move || s.with(|v| v.feedamp_secret_in_proxy)
                on:change=secret_in_proxy
            />
            "The proxy holds the client secret (README: \"Keeping the client secret out of the browser\")"
        </label>
        <label class="label" for="fa-secret">
            "Client secret"
        </label>
        <input
            id="fa-secret"
            type="password"
            autocomplete="off"
            data-testid="feedamp-client-secret"
            prop:value=move || s.with(|v| v.feedamp_client_secret.clone())
            on:input=move |ev| {
                let b = event_target_value(&ev);
                s.update(|v| v.feedamp_client_secret = b)
            }
        />
        <p class="hint">
            "Kept in this tab's memory unless \"remember\" above is ticked; when the page reloads on return from FeedAMP \
            you are asked for it again."
        </p>
        <label class="check">
            <input
                type="checkbox"
                data-testid="pkce"
                prop:checked=move || s.with(|v| v.feedamp_pkce)
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    s.update(|v| v.feedamp_pkce = on)
                }
            />
            "Use PKCE (S256): a stolen code is useless without this tab. FeedAMP's spec does not mention it; \
            turn it on once the seller's FeedAMP accepts it (the sandbox does)."
        </label>
    }
}
