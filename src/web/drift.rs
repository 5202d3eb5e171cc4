//! An API's answer read against its documented shape (`rules::openapi::drift`): what it
//! lacks or holds in another type, shown beside the response. The check and the warning's
//! view are a part of their own (`drift_part`), fetched when the first answer is shown:
//! the first page holds only what asks for them.

use leptos::prelude::*;

use super::transport::Sent;
use crate::api::Api;
use crate::rules::openapi::drift::{self, Drift};

/// The part's code: the answer checked, and the warning drawn when it differs.
type Show = fn(Api, &Sent) -> Option<AnyView>;

fn check(api: Api, sent: &Sent) -> Vec<Drift> {
    let r = &sent.response;
    drift::check(
        crate::sandbox::rules_api(api),
        sent.method.as_str(),
        &sent.path,
        r.status,
        &r.body,
    )
}

fn show(api: Api, sent: &Sent) -> Option<AnyView> {
    let found = check(api, sent);
    (!found.is_empty()).then(|| {
        view! {
            <div class="warn-note drift" data-testid="drift">
                <h3>"This answer differs from the documented shape"</h3>
                <ul>
                    {found
                        .into_iter()
                        .map(|d| {
                            let at = if d.pointer.is_empty() {
                                "(the whole body)".to_string()
                            } else {
                                d.pointer
                            };
                            view! {
                                <li data-testid="drift-item">
                                    <code>{at}</code>
                                    " "
                                    {d.message}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <p>
                    "Fields the API adds beyond its documentation are not reported: both APIs add some."
                </p>
            </div>
        }
        .into_any()
    })
}

#[cfg(not(feature = "in-page-sandbox"))]
thread_local! {
    /// The part's code once loaded.
    static LOADED: std::cell::Cell<Option<Show>> = const { std::cell::Cell::new(None) };
}

#[cfg(not(feature = "in-page-sandbox"))]
#[leptos::wasm_split::wasm_split(drift_part, wasm_split_path = ::leptos::wasm_split, fallible)]
fn drift_part() -> Result<Show, leptos::wasm_split::SplitLoaderError> {
    Ok(show)
}

/// The part's code if it is here; if not, it is fetched (callers share one fetch) and
/// `arrived` set when it is. A part that does not load shows no warning: the next answer
/// asks again.
fn loaded(arrived: RwSignal<bool>) -> Option<Show> {
    // The browser tests' runner serves no split-off code: it is in the page.
    #[cfg(feature = "in-page-sandbox")]
    {
        let _ = arrived;
        Some(show)
    }
    #[cfg(not(feature = "in-page-sandbox"))]
    {
        let here = LOADED.get();
        if here.is_none() {
            leptos::task::spawn_local(async move {
                if let Ok(f) = drift_part().await {
                    LOADED.set(Some(f));
                    arrived.try_set(true);
                }
            });
        }
        here
    }
}

/// Beside an answer: how it differs from its documented shape, or nothing. Derived from
/// the answer alone, so each answer is checked once (twice drawn at most: before and
/// after the check's code first arrives).
pub(crate) fn beside(api: Api, sent: &Sent) -> impl IntoView {
    let arrived = RwSignal::new(false);
    let sent = sent.clone();
    move || {
        arrived.track();
        loaded(arrived).and_then(|show| show(api, &sent))
    }
}
