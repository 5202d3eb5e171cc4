//! The FeedAMP pages besides the request editors: connect (OAuth) and its callback, the
//! marketplace state, polling, an order's fulfillments, and the sandbox's seller panel.

use leptos::prelude::*;
use serde_json::{json, Value};

mod after_sale;

pub use after_sale::{Refunds, Returns};

use super::editor::{pick_in_textarea, plural, IssueList};
use super::state::{use_app, wall_clock_ms, AppState, FeedampSession, Target};
use super::{storage, transport};
use crate::api::feedamp::{self, sandbox, Tokens};
use crate::api::Api;
use crate::api::{error::json_body, pkce, ApiError, Request};
use crate::rules::datetime::format_utc;
use crate::rules::feedamp::propose::propose_errors;
use crate::rules::feedamp::state::{transition_problem, STATES};
use crate::rules::{validate, validate_text, Context, Kind, Severity};
use crate::samples;

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

fn go(hash: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(hash);
    }
}

pub(super) fn current_number(app: &AppState) -> String {
    app.vars
        .with_untracked(|v| v.get("mp_order_number").cloned().unwrap_or_default())
}

/// Sends and parses JSON, as every page here does.
pub(super) async fn call(app: &AppState, req: Request) -> Result<Value, ApiError> {
    let cancel = None;
    let sent = app.send(Api::Feedamp, req, cancel).await?;
    json_body(&sent.response)
}

#[component]
pub(super) fn Message(
    text: RwSignal<Option<Result<String, String>>>,
    testid: &'static str,
) -> impl IntoView {
    move || {
        text.get().map(|r| match r {
            Ok(m) => view! { <p class="response ok" data-testid=testid data-ok="true">{m}</p> }
                .into_any(),
            Err(m) => view! { <p class="response bad" data-testid=testid data-ok="false">{m}</p> }
                .into_any(),
        })
    }
}

#[component]
pub fn Connect() -> impl IntoView {
    let app = use_app();
    let s = app.settings;
    let message: RwSignal<Option<Result<String, String>>> = RwSignal::new(None);
    // The sandbox's authorize page, shown in this page (request id) when in Sandbox mode.
    let sandbox_request: RwSignal<Option<String>> = RwSignal::new(None);

    let connect = move |_| {
        let Some(state) = random_state() else {
            message.set(Some(Err(
                "This browser offers no secure random numbers (crypto.getRandomValues).".into(),
            )));
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
        let url = feedamp::authorize_url(
            &transport::base_url(&settings, Api::Feedamp),
            &client_id,
            &redirect,
            &state,
            challenge.as_deref(),
        );
        let check = validate(Kind::FeedampAuthorizeUrl, &Value::String(url.clone()), None);
        if let Some(e) = check.issues.iter().find(|i| i.severity == Severity::Error) {
            message.set(Some(Err(e.message.clone())));
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
                leptos::task::spawn_local(async move {
                    let req = feedamp::authorize_request(
                        &client_id,
                        &redirect,
                        &state,
                        challenge.as_deref(),
                    );
                    match app.send(Api::Feedamp, req, None).await {
                        Ok(sent) if sent.response.status == 200 => sandbox_request.set(
                            sent.response
                                .header("x-sandbox-request")
                                .map(str::to_string),
                        ),
                        Ok(sent) => message.set(Some(Err(
                            ApiError::from_response(&sent.response).to_string()
                        ))),
                        Err(e) => message.set(Some(Err(e.to_string()))),
                    }
                });
            }
        }
    };

    // The seller's answer on the sandbox's authorize page: follow its redirect in-page.
    let answer = move |approve: bool| {
        let Some(id) = sandbox_request.get_untracked() else {
            return;
        };
        sandbox_request.set(None);
        leptos::task::spawn_local(async move {
            match app
                .send(Api::Feedamp, sandbox::decision(&id, approve), None)
                .await
            {
                // As the callback page would: the query to the app, then its route.
                Ok(sent) => match sent
                    .response
                    .header("location")
                    .and_then(|l| l.split_once('?'))
                {
                    Some((_, query)) => {
                        storage::session_set(storage::CALLBACK_QUERY, query);
                        go("/feedamp/callback");
                    }
                    None => message.set(Some(Err(
                        ApiError::from_response(&sent.response).to_string()
                    ))),
                },
                Err(e) => message.set(Some(Err(e.to_string()))),
            }
        });
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
                <p class="intro">"OAuth: the seller approves on FeedAMP's authorize page and comes back here with a one-time code, which is exchanged for tokens at POST /access_token. The state sent is 32 random characters and is checked on return. The client secret goes only into that POST's body, never into a URL."</p>
            </header>
            <p class="note" data-testid="feedamp-status">{status}</p>
            <div class="form settings">
                {move || match s.with(|v| v.target) {
                    Target::Sandbox => view! {
                        <p class="hint">"Sandbox: the in-page FeedAMP, client "<code>{crate::sandbox::feedamp::CLIENT_ID}</code>" (its secret is filled in for you)."</p>
                    }.into_any(),
                    // The client's settings live in Settings, with Veeqo's key: one place.
                    Target::Live => view! {
                        <p class="hint" data-testid="feedamp-client-summary">
                            {move || s.with(|v| format!(
                                "Live: client {}, {}, {} · ",
                                if v.feedamp_client_id.trim().is_empty() { "not set".to_string() } else { format!("\"{}\"", v.feedamp_client_id.trim()) },
                                if v.feedamp_secret_in_proxy { "the proxy holds the secret" } else if v.feedamp_client_secret.is_empty() { "no secret yet" } else { "secret entered" },
                                if v.feedamp_pkce { "PKCE on" } else { "PKCE off" },
                            ))}
                            <a href="#/settings" data-testid="feedamp-settings-link">"change in Settings"</a>
                        </p>
                    }.into_any(),
                }}
                <p class="hint">"Callback: "<code>{callback_url()}</code></p>
                <div class="actions">
                    <button class="primary" data-testid="connect" on:click=connect>"Connect"</button>
                    <button class="ghost" data-testid="disconnect" on:click=move |_| app.feedamp.set(None)>"Disconnect"</button>
                </div>
            </div>
            {move || sandbox_request.get().map(|_| view! {
                <div class="preview" data-testid="sandbox-authorize">
                    <p><strong>"FeedAMP sandbox — authorize"</strong></p>
                    <p>"The marketplace asks to place orders into the seller's account and read their fulfillments."</p>
                    <div class="actions">
                        <button class="primary" data-testid="sandbox-approve" on:click=move |_| answer(true)>"Approve"</button>
                        <button class="ghost" data-testid="sandbox-deny" on:click=move |_| answer(false)>"Deny"</button>
                    </div>
                </div>
            })}
            <Message text=message testid="connect-message" />
        </section>
    }
}

/// The FeedAMP client's settings (Live): proxy URL, client id, who holds the secret, PKCE.
#[component]
pub fn ClientSettings() -> impl IntoView {
    let s = use_app().settings;
    view! {
        <h3>"FeedAMP (Live)"</h3>
        <label class="label" for="fa-base">"FeedAMP proxy base URL"</label>
        <input id="fa-base" data-testid="feedamp-base" prop:value=move || s.with(|v| v.feedamp_base.clone())
            on:input=move |ev| { let b = event_target_value(&ev); s.update(|v| v.feedamp_base = b) } />
        <label class="label" for="fa-client">"Client id"</label>
        <input id="fa-client" data-testid="feedamp-client-id" prop:value=move || s.with(|v| v.feedamp_client_id.clone())
            on:input=move |ev| { let b = event_target_value(&ev); s.update(|v| v.feedamp_client_id = b) } />
        <label class="check">
            <input type="checkbox" data-testid="secret-in-proxy" prop:checked=move || s.with(|v| v.feedamp_secret_in_proxy)
                on:change=move |ev| {
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
                } />
            "The proxy holds the client secret (README: \"Keeping the client secret out of the browser\")"
        </label>
        <label class="label" for="fa-secret">"Client secret"</label>
        <input id="fa-secret" type="password" autocomplete="off" data-testid="feedamp-client-secret"
            prop:value=move || s.with(|v| v.feedamp_client_secret.clone())
            on:input=move |ev| { let b = event_target_value(&ev); s.update(|v| v.feedamp_client_secret = b) } />
        <p class="hint">"Kept in this tab's memory unless \"remember\" above is ticked; when the page reloads on return from FeedAMP you are asked for it again."</p>
        <label class="check">
            <input type="checkbox" data-testid="pkce" prop:checked=move || s.with(|v| v.feedamp_pkce)
                on:change=move |ev| { let on = event_target_checked(&ev); s.update(|v| v.feedamp_pkce = on) } />
            "Use PKCE (S256): a stolen code is useless without this tab. FeedAMP's spec does not mention it; turn it on once the seller's FeedAMP accepts it (the sandbox does)."
        </label>
    }
}

/// The seller's return: check the state, refuse a replayed code, exchange the code.
#[component]
pub fn Callback(query: String) -> impl IntoView {
    let app = use_app();
    let message: RwSignal<Option<Result<String, String>>> = RwSignal::new(None);
    let needs_secret = RwSignal::new(false);
    let code = RwSignal::new(String::new());

    let exchange = move || {
        if app.settings.with_untracked(|s| s.feedamp_secret_missing()) {
            needs_secret.set(true);
            return;
        }
        let (id, secret) = app.settings.with_untracked(|s| s.feedamp_client());
        needs_secret.set(false);
        let c = code.get_untracked();
        let used = storage::session_get(storage::USED_CODES).unwrap_or_default();
        if used.split(' ').any(|u| u == c) {
            message.set(Some(Err(
                "This authorization code was already used; a code works once. Connect again."
                    .into(),
            )));
            return;
        }
        storage::session_set(storage::USED_CODES, &format!("{used} {c}"));
        // Single use, like the code it proves.
        let verifier = storage::session_get(storage::PENDING_VERIFIER);
        storage::session_remove(storage::PENDING_VERIFIER);
        leptos::task::spawn_local(async move {
            let result = match app
                .send(
                    Api::Feedamp,
                    feedamp::exchange_code(&c, &id, &secret, verifier.as_deref()),
                    None,
                )
                .await
            {
                Ok(sent) => Tokens::parse(&sent.response),
                Err(e) => Err(e),
            };
            match result {
                Ok(tokens) => {
                    app.feedamp.set(Some(FeedampSession {
                        tokens,
                        obtained_ms: wall_clock_ms(),
                    }));
                    message.set(Some(
                        Ok("Connected to the seller's FeedAMP account.".into()),
                    ));
                }
                Err(e) => message.set(Some(Err(format!("The code could not be exchanged: {e}")))),
            }
        });
    };

    // The pending state is single use: whatever the outcome, it is gone.
    let expected = storage::session_get(storage::PENDING_STATE);
    storage::session_remove(storage::PENDING_STATE);
    match feedamp::read_callback(&query, expected.as_deref()) {
        Err(e) => message.set(Some(Err(e))),
        Ok(c) => {
            code.set(c);
            exchange();
        }
    }

    view! {
        <section class="editor">
            <header class="step-head"><h2>{move || match message.get() {
                None => "Connecting…",
                Some(Ok(_)) => "Connected",
                Some(Err(_)) => "Not connected",
            }}</h2></header>
            {move || needs_secret.get().then(|| view! {
                <div class="form settings">
                    <label class="label" for="cb-secret">"Client secret (the page reloaded on return, so it is asked again)"</label>
                    <input id="cb-secret" type="password" autocomplete="off" data-testid="callback-secret"
                        on:input=move |ev| { let b = event_target_value(&ev); app.settings.update(|v| v.feedamp_client_secret = b) } />
                    <div class="actions"><button class="primary" data-testid="callback-exchange" on:click=move |_| exchange()>"Finish connecting"</button></div>
                </div>
            })}
            <Message text=message testid="callback-result" />
            {move || match message.get() {
                Some(Err(_)) => view! { <p><a href="#/feedamp/connect" data-testid="connect-again">"Connect again →"</a></p> }.into_any(),
                Some(Ok(_)) => view! { <p><a href="#/feedamp/order">"Place an order →"</a></p> }.into_any(),
                None => ().into_any(),
            }}
        </section>
    }
}

/// The state of a page about one order: its number, the order once loaded, a message, and
/// the loader (run at once when an order number is carried).
#[derive(Clone, Copy)]
pub(super) struct OrderPage {
    pub(super) number: RwSignal<String>,
    pub(super) order: RwSignal<Option<Value>>,
    pub(super) message: RwSignal<Option<Result<String, String>>>,
    pub(super) load: Callback<()>,
}

impl OrderPage {
    pub(super) fn new(app: AppState) -> Self {
        let number = RwSignal::new(current_number(&app));
        let order = RwSignal::new(None);
        let message = RwSignal::new(None);
        let load = Callback::new(move |()| load_order(app, number.get_untracked(), order, message));
        if !number.get_untracked().is_empty() {
            load.run(());
        }
        OrderPage {
            number,
            order,
            message,
            load,
        }
    }
}

/// Loads an order into `target`, reporting errors into `message`.
fn load_order(
    app: AppState,
    n: String,
    target: RwSignal<Option<Value>>,
    message: RwSignal<Option<Result<String, String>>>,
) {
    leptos::task::spawn_local(async move {
        match call(&app, feedamp::get_order(&n)).await {
            Ok(o) => {
                target.set(Some(o));
                message.set(None);
            }
            Err(e) => message.set(Some(Err(e.to_string()))),
        }
    });
}

#[component]
pub(super) fn OrderNumber(number: RwSignal<String>, on_load: Callback<()>) -> impl IntoView {
    view! {
        <div class="toolbar">
            <label class="label" for="fa-n">"mp_order_number"</label>
            <input id="fa-n" data-testid="order-number" prop:value=move || number.get()
                on:input=move |ev| number.set(event_target_value(&ev))
                on:keydown=move |ev| if ev.key() == "Enter" { on_load.run(()) } />
            <button class="ghost" data-testid="load-order" on:click=move |_| on_load.run(())>"Load"</button>
        </div>
    }
}

#[component]
pub fn MarketplaceState() -> impl IntoView {
    let app = use_app();
    let page = OrderPage::new(app);
    let (number, order, message, load) = (page.number, page.order, page.message, page.load);
    let set_state = move |to: &'static str| {
        let Some(placed) = order.get_untracked() else {
            return;
        };
        let body = feedamp::update_body(&placed, to);
        let ctx = Context {
            feedamp_order: Some(placed),
            ..Context::default()
        };
        let check = validate(Kind::FeedampOrder, &body, Some(&ctx));
        if !check.valid {
            let why: Vec<String> = check
                .issues
                .iter()
                .filter(|i| i.severity == Severity::Error)
                .map(|i| i.message.clone())
                .collect();
            message.set(Some(Err(why.join(" "))));
            return;
        }
        let warn: Vec<String> = check.issues.iter().map(|i| i.message.clone()).collect();
        let n = number.get_untracked();
        leptos::task::spawn_local(async move {
            match call(&app, feedamp::put_order(&n, &body.to_string())).await {
                Ok(o) => {
                    order.set(Some(o));
                    let note = if warn.is_empty() {
                        String::new()
                    } else {
                        format!(" Note: {}", warn.join(" "))
                    };
                    message.set(Some(Ok(format!("Marked {to}.{note}"))));
                }
                Err(e) => message.set(Some(Err(e.to_string()))),
            }
        });
    };
    view! {
        <section class="editor">
            <header class="step-head">
                <h2>"Marketplace state"</h2>
                <p class="intro">"PENDING → AWAITING_SHIPMENT → SHIPPED; CANCELLED only once placed. An update sends the order back as placed with only marketplace_state changed: the spec allows \"specific fields\" on update without naming them, and the state is the one an update is for."</p>
            </header>
            <OrderNumber number=number on_load=load />
            {move || order.with(|o| o.as_ref().map(|o| {
                let from = o["marketplace_state"].as_str().unwrap_or_default().to_string();
                let status = o["fulfillment_status"].as_str().unwrap_or("—").to_string();
                view! {
                    <p data-testid="current-state" data-state=from.clone()>"State: "<strong>{from.clone()}</strong>" · fulfillment status: "<span data-testid="fulfillment-status">{status}</span></p>
                    <div class="actions">
                        {STATES.iter().map(|to| {
                            let allowed = transition_problem(Some(&from), to).is_none() && from != *to;
                            view! {
                                <button class="ghost" data-testid=format!("set-state-{to}") disabled=!allowed
                                    title=transition_problem(Some(&from), to).unwrap_or_default()
                                    on:click=move |_| set_state(to)>{format!("→ {to}")}</button>
                            }
                        }).collect_view()}
                    </div>
                }
            }))}
            <Message text=message testid="state-result" />
        </section>
    }
}

/// A list endpoint as a page: its filters, how to ask, how to show a row.
#[derive(Clone, Copy)]
pub struct ListSpec {
    pub id: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub sample: &'static str,
    pub kind: Kind,
    pub request: fn(&Value, Option<&str>) -> Request,
    /// The answer's list field: `orders`, `refunds` or `returns`.
    pub key: &'static str,
    /// The date filter "since last poll" sets, if the list has one.
    pub watermark: Option<&'static str>,
    pub headers: [&'static str; 4],
    /// A row's cells; the first is its number, the second its status.
    pub row: fn(&Value) -> [String; 4],
}

impl ListSpec {
    /// "1 refund", "3 orders".
    fn count(&self, n: usize) -> String {
        let noun = if n == 1 {
            self.key.trim_end_matches('s')
        } else {
            self.key
        };
        format!("{n} {noun}")
    }
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "—".into(),
        other => other.to_string(),
    }
}

pub const ORDERS: ListSpec = ListSpec {
    id: "feedamp-poll",
    title: "Poll orders",
    intro: "GET /orders with the filters below, following next_cursor to the last page. \"Since last poll\" sets seller_updated_after to when the previous poll started.",
    sample: samples::FEEDAMP_ORDERS_QUERY,
    kind: Kind::FeedampOrdersQuery,
    request: feedamp::get_orders,
    key: "orders",
    watermark: Some("seller_updated_after"),
    headers: ["order", "fulfillment", "state", "errors"],
    row: |o| [text_of(&o["mp_order_number"]), text_of(&o["fulfillment_status"]), text_of(&o["marketplace_state"]),
              o["errors"].as_array().map_or(0, Vec::len).to_string()],
};

pub const REFUNDS: ListSpec = ListSpec {
    id: "feedamp-refund-list",
    title: "All refunds",
    intro: "GET /refunds with the filters below (mp_order_numbers, refund_status, created_after / created_before, page_size), following next_cursor to the last page.",
    sample: "{\n  \"refund_status\": \"CREATED,PAUSED\",\n  \"page_size\": 20\n}\n",
    kind: Kind::FeedampRefundsQuery,
    request: feedamp::get_refunds,
    key: "refunds",
    watermark: None,
    headers: ["refund", "status", "order", "created"],
    row: |r| [text_of(&r["feedamp_refund_id"]), text_of(&r["status"]), text_of(&r["mp_order_number"]), text_of(&r["date_created"])],
};

pub const RETURNS: ListSpec = ListSpec {
    id: "feedamp-return-list",
    title: "All returns",
    intro: "GET /returns with the filters below (mp_order_numbers, mp_return_numbers, state, has_errors, page_size), following next_cursor to the last page.",
    sample: "{\n  \"state\": \"AUTHORIZED\",\n  \"page_size\": 20\n}\n",
    kind: Kind::FeedampReturnsQuery,
    request: feedamp::get_returns,
    key: "returns",
    watermark: None,
    headers: ["return", "status", "order", "rma"],
    row: |r| [text_of(&r["mp_return_number"]), text_of(&r["status"]), text_of(&r["mp_order_number"]), text_of(&r["rma"])],
};

#[component]
pub fn List(spec: ListSpec) -> impl IntoView {
    let app = use_app();
    let draft = storage::draft_key(spec.id);
    let watermark_var = format!("{}_watermark", spec.id);
    let query = RwSignal::new(storage::get(&draft).unwrap_or_else(|| spec.sample.to_string()));
    Effect::new(move |_| query.with(|q| storage::set(&draft, q)));
    let since_last = RwSignal::new(false);
    let progress = RwSignal::new(String::new());
    let rows: RwSignal<Vec<Value>> = RwSignal::new(vec![]);
    let outcome = Memo::new(move |_| query.with(|q| validate_text(spec.kind, q, None)));
    let running = RwSignal::new(false);
    let query_area: NodeRef<leptos::html::Textarea> = NodeRef::new();

    let poll = move |_| {
        let Ok(mut q) = serde_json::from_str::<Value>(&query.get_untracked()) else {
            progress.set("The filters are not JSON.".into());
            return;
        };
        let watermark_var = watermark_var.clone();
        if let (true, Some(field)) = (since_last.get_untracked(), spec.watermark) {
            if let (Some(m), Some(w)) = (
                q.as_object_mut(),
                app.vars.with_untracked(|v| v.get(&watermark_var).cloned()),
            ) {
                m.insert(field.into(), json!(w));
            }
        }
        running.set(true);
        rows.set(vec![]);
        let started = format_utc((wall_clock_ms() / 1000) as i64);
        leptos::task::spawn_local(async move {
            let mut cursor: Option<String> = None;
            let mut pages: usize = 0;
            let result = loop {
                match call(&app, (spec.request)(&q, cursor.as_deref())).await {
                    Ok(page) => {
                        pages += 1;
                        let got = page[spec.key].as_array().cloned().unwrap_or_default();
                        rows.update(|r| r.extend(got));
                        progress.set(format!(
                            "page {pages} · {}",
                            spec.count(rows.with_untracked(Vec::len))
                        ));
                        match page["next_cursor"].as_str().filter(|c| !c.is_empty()) {
                            Some(next) if pages < 500 => cursor = Some(next.to_string()),
                            _ => break Ok(()),
                        }
                    }
                    Err(e) => break Err(e),
                }
            };
            match result {
                Ok(()) => {
                    let n = rows.with_untracked(Vec::len);
                    // A PENDING order has no fulfillment status yet: an empty poll right
                    // after placing one is that filter, not a lost order.
                    let why_empty = if n == 0
                        && spec.key == "orders"
                        && q.get("fulfillment_status").is_some()
                    {
                        " A PENDING order has no fulfillment status yet, so the fulfillment_status filter leaves it out: move it on in Marketplace state, or poll without that filter."
                    } else {
                        ""
                    };
                    progress.set(format!(
                        "Done: {pages} page{} · {}.{why_empty}",
                        plural(pages),
                        spec.count(n)
                    ));
                    app.vars.update(|v| {
                        v.insert(watermark_var, started);
                    });
                }
                Err(e) => progress.set(format!("Stopped at page {}: {e}", pages + 1)),
            }
            running.set(false);
        });
    };

    view! {
        <section class="editor">
            <header class="step-head">
                <h2>{spec.title}</h2>
                <p class="intro">{spec.intro}</p>
            </header>
            <div class="panes">
                <div class="pane">
                    <label class="label" for="list-query">"Filters (JSON)"</label>
                    <textarea id="list-query" data-testid="query" class="short" spellcheck="false" node_ref=query_area
                        prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))></textarea>
                    <IssueList outcome=outcome pick=pick_in_textarea(query_area, query) />
                </div>
                <div class="pane">
                    <div class="actions">
                        <button class="primary" data-testid="poll" disabled=move || running.get() on:click=poll>"Poll"</button>
                        {spec.watermark.map(|_| view! {
                            <label class="check"><input type="checkbox" data-testid="since-last" prop:checked=move || since_last.get()
                                on:change=move |ev| since_last.set(event_target_checked(&ev)) />"since last poll"</label>
                        })}
                        <span class="note" data-testid="poll-progress">{move || progress.get()}</span>
                    </div>
                    <table class="results">
                        <thead><tr>{spec.headers.map(|h| view! { <th>{h}</th> })}</tr></thead>
                        <tbody>
                            {move || rows.with(|r| r.iter().map(|item| {
                                let cells = (spec.row)(item);
                                let (number, status) = (cells[0].clone(), cells[1].clone());
                                view! {
                                    <tr data-testid="listed" data-number=number data-status=status>
                                        {cells.map(|c| view! { <td>{c}</td> })}
                                    </tr>
                                }
                            }).collect_view())}
                        </tbody>
                    </table>
                </div>
            </div>
        </section>
    }
}

#[component]
pub fn Fulfillments() -> impl IntoView {
    let app = use_app();
    let page = OrderPage::new(app);
    let (number, order, message, load) = (page.number, page.order, page.message, page.load);
    let report = move |_| {
        let Some(o) = order.get_untracked() else {
            return;
        };
        let proposed = propose_errors(&o);
        if let Ok(text) = serde_json::to_string_pretty(&proposed) {
            storage::set(&storage::draft_key("feedamp-errors"), &text);
        }
        app.vars.update(|v| {
            v.insert("mp_order_number".into(), number.get_untracked());
        });
        go("/feedamp/errors");
    };
    view! {
        <section class="editor">
            <header class="step-head">
                <h2>"Order and fulfillments"</h2>
                <p class="intro">"GET /orders/{n}: each line's shipments (carrier, tracking number and URL, ship date), cancellations (reason) and what is still pending, and the error reports that fit what the seller sent."</p>
            </header>
            <OrderNumber number=number on_load=load />
            {move || order.with(|o| o.as_ref().map(|o| {
                let lines = o["order_lines"].as_array().cloned().unwrap_or_default();
                let fulfil = o["fulfillments"].as_array().cloned().unwrap_or_default();
                let proposed = propose_errors(o);
                view! {
                    <p>"State "<strong>{o["marketplace_state"].as_str().unwrap_or_default().to_string()}</strong>
                       " · fulfillment status "<strong data-testid="fulfillment-status">{o["fulfillment_status"].as_str().unwrap_or("—").to_string()}</strong></p>
                    <table class="results">
                        <thead><tr><th>"line"</th><th>"sku"</th><th>"ordered"</th><th>"pending"</th><th>"shipments"</th><th>"cancellations"</th></tr></thead>
                        <tbody>{lines.iter().map(|l| {
                            let n = l["mp_line_number"].as_str().unwrap_or_default().to_string();
                            let f = fulfil.iter().find(|f| f["mp_line_number"] == n.as_str()).cloned().unwrap_or(Value::Null);
                            let ships = f["shipments"].as_array().cloned().unwrap_or_default().iter().map(|s| format!(
                                "{} × {} {} {} {}", s["quantity"], s["carrier"].as_str().unwrap_or("?"), s["tracking_number"].as_str().unwrap_or(""),
                                s["tracking_url"].as_str().unwrap_or(""), s["ship_date"].as_str().unwrap_or(""))).collect::<Vec<_>>().join("; ");
                            let cancels = f["cancellations"].as_array().cloned().unwrap_or_default().iter().map(|c| format!(
                                "{} × {}", c["quantity"], c["reason"].as_str().unwrap_or("(no reason)"))).collect::<Vec<_>>().join("; ");
                            view! {
                                <tr data-testid="fulfillment-line" data-line=n.clone()>
                                    <td>{n.clone()}</td><td>{l["sku"].as_str().unwrap_or_default().to_string()}</td><td>{l["quantity"].to_string()}</td>
                                    <td data-testid="pending">{f["quantity_pending"].to_string()}</td><td>{ships}</td><td>{cancels}</td>
                                </tr>
                            }
                        }).collect_view()}</tbody>
                    </table>
                    <h3>"Errors to report"</h3>
                    {if proposed.is_empty() {
                        view! { <p class="muted" data-testid="proposed-none">"Nothing wrong with the seller's fulfillments."</p> }.into_any()
                    } else {
                        view! {
                            <ul>{proposed.iter().map(|p| view! {
                                <li data-testid="proposed-error" data-code=p["code"].as_str().unwrap_or_default().to_string()>
                                    <code>{p["code"].as_str().unwrap_or_default().to_string()}</code>" "{p["message"].as_str().unwrap_or_default().to_string()}
                                </li>
                            }).collect_view()}</ul>
                            <button class="primary" data-testid="report-proposed" on:click=report>"Report these →"</button>
                        }.into_any()
                    }}
                }
            }))}
            <Message text=message testid="fulfillments-result" />
        </section>
    }
}

/// The seller's side, as the orderlint sandbox simulates it.
#[component]
pub fn SellerPanel() -> impl IntoView {
    let app = use_app();
    let number = RwSignal::new(current_number(&app));
    let line = RwSignal::new("1".to_string());
    let quantity = RwSignal::new("1".to_string());
    let carrier = RwSignal::new("UPS".to_string());
    let tracking = RwSignal::new("1Z999AA10123456784".to_string());
    let reason = RwSignal::new("OUT_OF_STOCK".to_string());
    let refund_amount = RwSignal::new("22.50".to_string());
    let message: RwSignal<Option<Result<String, String>>> = RwSignal::new(None);
    let act = move |kind: &'static str| {
        let q: i64 = quantity.get_untracked().trim().parse().unwrap_or(0);
        let body = if kind == "shipments" {
            json!({"mp_line_number": line.get_untracked(), "quantity": q, "carrier": carrier.get_untracked(),
                   "tracking_number": tracking.get_untracked(), "tracking_url": format!("https://tracking.example/{}", tracking.get_untracked())})
        } else {
            json!({"mp_line_number": line.get_untracked(), "quantity": q, "reason": reason.get_untracked()})
        };
        let n = number.get_untracked();
        leptos::task::spawn_local(async move {
            match call(&app, sandbox::fulfil(&n, kind, &body.to_string())).await {
                Ok(o) => message.set(Some(Ok(format!(
                    "Done. Fulfillment status: {}",
                    o["fulfillment_status"].as_str().unwrap_or("—")
                )))),
                Err(e) => message.set(Some(Err(e.to_string()))),
            }
        });
    };
    // The seller refunds money: a seller-initiated refund, or the funds of a return.
    let refund = move |for_return: bool| {
        let q: i64 = quantity.get_untracked().trim().parse().unwrap_or(0);
        let amount: f64 = refund_amount.get_untracked().trim().parse().unwrap_or(-1.0);
        let body = json!({"merchant_refund_lines": [{"mp_line_number": line.get_untracked(), "quantity": q,
            "item_refund": amount, "reason": reason.get_untracked()}]}).to_string();
        let n = number.get_untracked();
        let ret = app
            .vars
            .with_untracked(|v| v.get("mp_return_number").cloned().unwrap_or_default());
        let req = if for_return {
            sandbox::seller_return_refund(&n, &ret, &body)
        } else {
            sandbox::seller_refund(&n, &body)
        };
        leptos::task::spawn_local(async move {
            match call(&app, req).await {
                Ok(v) => message.set(Some(Ok(format!(
                    "Done. Status: {}",
                    v["status"].as_str().unwrap_or("—")
                )))),
                Err(e) => message.set(Some(Err(e.to_string()))),
            }
        });
    };
    let clock = move |_| {
        leptos::task::spawn_local(async move {
            match call(&app, sandbox::advance_clock(3600)).await {
                Ok(_) => message.set(Some(Ok("The sandbox clock moved one hour: access tokens issued before now have expired.".into()))),
                Err(e) => message.set(Some(Err(e.to_string()))),
            }
        });
    };
    let field = move |id: &'static str, label: &'static str, sig: RwSignal<String>| {
        view! {
            <label class="label" for=id>{label}</label>
            <input id=id data-testid=id prop:value=move || sig.get() on:input=move |ev| sig.set(event_target_value(&ev)) />
        }
    };
    view! {
        <section class="editor">
            <header class="step-head">
                <h2>"Seller panel (sandbox)"</h2>
                <p class="intro">"What the seller does in FeedAMP, simulated by the orderlint sandbox (in the page, or `orderlint sandbox` behind the proxy): ship or cancel units of a line. Over-shipping is allowed, to rehearse error reports. Not available against the real FeedAMP."</p>
            </header>
            <div class="form settings">
                {field("seller-order", "mp_order_number", number)}
                {field("seller-line", "mp_line_number", line)}
                {field("seller-quantity", "quantity", quantity)}
                {field("seller-carrier", "carrier", carrier)}
                {field("seller-tracking", "tracking number", tracking)}
                <div class="actions">
                    <button class="primary" data-testid="seller-ship" on:click=move |_| act("shipments")>"Ship"</button>
                </div>
                {field("seller-reason", "cancellation reason", reason)}
                <div class="actions">
                    <button class="ghost" data-testid="seller-cancel" on:click=move |_| act("cancellations")>"Cancel units"</button>
                    <button class="ghost" data-testid="clock-hour" on:click=clock>"Move the sandbox clock +1 hour"</button>
                </div>
                {field("seller-refund-amount", "item refund (for the line and quantity above)", refund_amount)}
                <div class="actions">
                    <button class="ghost" data-testid="seller-refund" on:click=move |_| refund(false)>"Issue a refund"</button>
                    <button class="ghost" data-testid="seller-return-refund" on:click=move |_| refund(true)>"Release funds for the carried return"</button>
                </div>
            </div>
            <Message text=message testid="seller-result" />
        </section>
    }
}
