//! "Check anything": a payload of either API, a cURL command or a raw HTTP request,
//! pasted without saying what it is. orderlint tells the kind and why (or which kinds fit,
//! for the user to choose), checks all of it, and opens the payload in its step's editor.
//! Nothing pasted here is kept: a pasted request may hold a live key.

use leptos::prelude::*;

use super::editor::{pick_in_textarea, IssueList};
use crate::api::mask_url;
use crate::rules::request::{self, is_request};
use crate::rules::{detect, parse, validate, validate_auto, Api, Kind, Outcome, ParseError};

/// What the pasted text turned out to be.
#[derive(Clone, PartialEq)]
struct Found {
    /// The kind told, and why; or why none was.
    told: String,
    kind: Option<Kind>,
    /// The kinds that fit, when several do.
    fits: Vec<Kind>,
    /// A request: "cURL POST https://… → POST /orders (Veeqo)", its URL's secrets masked.
    request: Option<String>,
    /// The payload, for its step's editor.
    payload: Option<String>,
    outcome: Result<Outcome, ParseError>,
}

/// Tells and checks `text`; `chosen` is the kind the user picked among several that fit.
fn find(text: &str, chosen: Option<Kind>) -> Option<Found> {
    if text.trim().is_empty() {
        return None;
    }
    if is_request(text) {
        return Some(match request::check(text, None) {
            Ok(c) => Found {
                told: c.kind.map_or_else(
                    || "The request's payload is of no kind orderlint checks.".to_string(),
                    |k| {
                        format!(
                            "{k}: the payload of {}.",
                            c.endpoint.as_deref().unwrap_or("this request")
                        )
                    },
                ),
                kind: c.kind,
                fits: Vec::new(),
                request: Some(format!(
                    "{} {} {} → {}",
                    c.form,
                    c.method,
                    mask_url(&c.url),
                    c.endpoint
                        .as_deref()
                        .unwrap_or("no endpoint orderlint knows")
                )),
                payload: c.payload.clone(),
                outcome: Ok(c.outcome),
            },
            Err(why) => Found {
                told: format!("This looks like a request, but it cannot be read: {why}."),
                kind: None,
                fits: Vec::new(),
                request: None,
                payload: None,
                outcome: Ok(Outcome::from_issues(Vec::new())),
            },
        });
    }
    let doc = match parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            return Some(Found {
                told: "Not JSON, nor a cURL command or an HTTP request.".into(),
                kind: None,
                fits: Vec::new(),
                request: None,
                payload: None,
                outcome: Err(e),
            })
        }
    };
    let v = doc.value();
    let d = detect(v);
    let (told, kind, outcome) = match chosen.filter(|k| d.fits.contains(k)) {
        Some(k) => (
            format!("{k}: chosen among the kinds that fit."),
            Some(k),
            validate(k, v, None),
        ),
        None => {
            let (d, o) = validate_auto(v, None);
            (d.message(), d.kind, o)
        }
    };
    Some(Found {
        told,
        kind,
        fits: if d.kind.is_none() { d.fits } else { Vec::new() },
        request: None,
        payload: Some(text.to_string()),
        outcome: Ok(outcome),
    })
}

#[component]
pub fn CheckPage() -> impl IntoView {
    let text = RwSignal::new(String::new());
    let chosen = RwSignal::new(None::<Kind>);
    let textarea = NodeRef::<leptos::html::Textarea>::new();
    let found = Memo::new(move |_| text.with(|t| find(t, chosen.get())));
    let outcome = Memo::new(move |_| {
        found.with(|f| match f {
            Some(f) => f.outcome.clone(),
            None => Ok(Outcome::from_issues(Vec::new())),
        })
    });
    let open = move |_| {
        let Some((kind, payload)) = found.with_untracked(|f| {
            let f = f.as_ref()?;
            Some((f.kind?, f.payload.clone()?))
        }) else {
            return;
        };
        if let Some((step, _)) = super::editor_of(kind) {
            super::open_in_editor(step, &payload);
        }
    };

    view! {
        <section class="editor">
            <header class="step-head">
                <h2>"Check anything"</h2>
                <p class="intro">
                    "Paste a payload of either API, a cURL command (as Postman, Chrome's \"Copy as cURL\" or orderlint write it) or \
                    a raw HTTP request. orderlint tells what it is and why, checks the request around the payload (method, path, \
                    headers, where the key is) and the payload itself, and opens it in its step's editor. Nothing pasted here is \
                    saved."
                </p>
            </header>
            <div class="panes">
                <div class="pane">
                    <label class="label" for="check-input">
                        "Payload or request"
                    </label>
                    <textarea
                        id="check-input"
                        data-testid="check-input"
                        spellcheck="false"
                        node_ref=textarea
                        autocomplete="off"
                        placeholder="{\"order\": {…}}   or   curl -X POST https://api.veeqo.com/orders -H 'x-api-key: …' --data-raw '…'"
                        prop:value=move || text.get()
                        on:input=move |ev| {
                            chosen.set(None);
                            text.set(event_target_value(&ev));
                        }
                    ></textarea>
                </div>
                <div class="pane">
                    {move || {
                        found
                            .with(|f| {
                                f.as_ref()
                                    .map(|f| {
                                        let fits = f.fits.clone();
                                        view! {
                                            {f
                                                .request
                                                .clone()
                                                .map(|r| {
                                                    view! {
                                                        <p class="note" data-testid="check-request">
                                                            {r}
                                                        </p>
                                                    }
                                                })}
                                            <p class="note" role="status" data-testid="check-kind">
                                                {f.told.clone()}
                                            </p>
                                            {(!fits.is_empty())
                                                .then(|| {
                                                    view! {
                                                        <div class="toolbar" role="group" aria-label="Check it as">
                                                            {fits
                                                                .into_iter()
                                                                .map(|k| {
                                                                    view! {
                                                                        <button
                                                                            class="ghost"
                                                                            data-testid=format!("check-as-{}", k.name())
                                                                            on:click=move |_| chosen.set(Some(k))
                                                                        >
                                                                            {format!("Check as {k}")}
                                                                        </button>
                                                                    }
                                                                })
                                                                .collect_view()}
                                                        </div>
                                                    }
                                                })}
                                            {match f.kind.and_then(super::editor_of) {
                                                Some(_) if f.payload.is_some() => {
                                                    view! {
                                                        <div class="actions">
                                                            <button
                                                                class="primary"
                                                                data-testid="check-open"
                                                                on:click=open
                                                            >
                                                                "Open in its step's editor"
                                                            </button>
                                                        </div>
                                                    }
                                                        .into_any()
                                                }
                                                _ if f.kind.is_some() => {
                                                    view! {
                                                        <p class="hint" data-testid="check-no-editor">
                                                            "No step's editor takes this kind: the FeedAMP pages build this request for you."
                                                        </p>
                                                    }
                                                        .into_any()
                                                }
                                                _ => ().into_any(),
                                            }}
                                        }
                                    })
                            })
                    }} <IssueList outcome=outcome text=text pick=pick_in_textarea(textarea, text) />
                </div>
            </div>
            <SchemaExport told=Signal::derive(move || {
                found.with(|f| f.as_ref().and_then(|f| f.kind))
            }) />
        </section>
    }
}

/// Offers `value` as the file `name`, pretty-printed; what to say of it.
fn offer_json(name: &str, mime: &str, value: &serde_json::Value) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default() + "\n";
    if super::download::offer(name, mime, &text) {
        format!("Downloaded {name}.")
    } else {
        format!("The browser would not make the download {name}; try again, or allow downloads for this page.")
    }
}

/// Each kind's JSON Schema, for ajv, Postman, Prism or a code generator: the same text
/// `orderlint schema --kind K` prints. Beside them, each API's OpenAPI document.
#[component]
fn SchemaExport(told: Signal<Option<Kind>>) -> impl IntoView {
    let picked = RwSignal::new(None::<Kind>);
    let kind = move || picked.get().or(told.get()).unwrap_or(Kind::VeeqoOrder);
    let note = RwSignal::new(String::new());
    let download = move |_| {
        let k = kind();
        let schema = crate::rules::schema::schema(k);
        note.set(offer_json(
            &format!("{k}.schema.json"),
            "application/schema+json",
            &schema,
        ));
    };
    let openapi = move |api: Api| {
        let name = format!("orderlint-{}.openapi.json", api.name().to_ascii_lowercase());
        let document = crate::rules::openapi::document(api);
        note.set(offer_json(
            &name,
            "application/vnd.oai.openapi+json",
            &document,
        ));
    };
    view! {
        <div class="toolbar schema" data-testid="schema-export">
            <label for="schema-kind">"JSON Schema (2020-12) of "</label>
            <select
                id="schema-kind"
                data-testid="schema-kind"
                prop:value=move || kind().name()
                on:change=move |ev| picked.set(event_target_value(&ev).parse().ok())
            >
                {Kind::ALL
                    .iter()
                    .map(|k| view! { <option value=k.name()>{k.name()}</option> })
                    .collect_view()}
            </select>
            <button class="ghost" data-testid="schema-download" on:click=download>
                "Download"
            </button>
            <span class="hint">
                "Made from the tables the checks use; neither API publishes one."
            </span>
        </div>
        <div class="toolbar schema" role="group" aria-labelledby="openapi-label">
            <span id="openapi-label">
                "Each API as an OpenAPI 3.1 document (its endpoints, payloads and answers):"
            </span>
            {[Api::Veeqo, Api::Feedamp]
                .into_iter()
                .map(|api| {
                    view! {
                        <button
                            type="button"
                            class="ghost"
                            data-testid=format!(
                                "openapi-download-{}",
                                api.name().to_ascii_lowercase(),
                            )
                            aria-label=format!("Download OpenAPI 3.1 — {}", api.name())
                            on:click=move |_| openapi(api)
                        >
                            {format!("OpenAPI 3.1 — {}", api.name())}
                        </button>
                    }
                })
                .collect_view()}
            {move || {
                (!note.get().is_empty())
                    .then(|| {
                        view! {
                            <span class="note" role="status">
                                {note.get()}
                            </span>
                        }
                    })
            }}
        </div>
    }
}
