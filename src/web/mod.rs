//! The web app (wasm only): a Leptos CSR page per workflow step, plus troubleshooter,
//! settings and history. Routing is by URL hash, so it works on any static host and on
//! a hard reload.

mod account;
mod bulk;
mod check;
mod clipboard;
mod code_editor;
mod download;
pub mod editor;
mod feedamp;
mod locks;
mod notice;
mod pages;
mod parts;
pub mod sandbox_link;
pub mod state;
pub mod steps;
mod storage;
pub mod transport;

use leptos::prelude::*;

use editor::Editor;
use parts::{Part, Parts};
use state::{AppState, Target};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Channel,
    Product,
    ChannelSellable,
    Order,
    Troubleshoot,
    FeedampConnect,
    FeedampCallback,
    FeedampOrder,
    FeedampState,
    FeedampPoll,
    FeedampFulfillments,
    FeedampErrors,
    FeedampRefunds,
    FeedampRefundList,
    FeedampReturns,
    FeedampReturnList,
    FeedampReturnErrors,
    FeedampSeller,
    Check,
    Bulk,
    Settings,
    History,
}

impl Page {
    const ALL: [Page; 22] = [
        Page::Channel,
        Page::Product,
        Page::ChannelSellable,
        Page::Order,
        Page::Troubleshoot,
        Page::FeedampConnect,
        Page::FeedampCallback,
        Page::FeedampOrder,
        Page::FeedampState,
        Page::FeedampPoll,
        Page::FeedampFulfillments,
        Page::FeedampErrors,
        Page::FeedampRefunds,
        Page::FeedampRefundList,
        Page::FeedampReturns,
        Page::FeedampReturnList,
        Page::FeedampReturnErrors,
        Page::FeedampSeller,
        Page::Check,
        Page::Bulk,
        Page::Settings,
        Page::History,
    ];

    fn route(self) -> &'static str {
        match self {
            Page::Channel => "veeqo/channel",
            Page::Product => "veeqo/product",
            Page::ChannelSellable => "veeqo/channel-sellable",
            Page::Order => "veeqo/order",
            Page::Troubleshoot => "veeqo/troubleshoot",
            Page::FeedampConnect => "feedamp/connect",
            Page::FeedampCallback => "feedamp/callback",
            Page::FeedampOrder => "feedamp/order",
            Page::FeedampState => "feedamp/state",
            Page::FeedampPoll => "feedamp/poll",
            Page::FeedampFulfillments => "feedamp/fulfillments",
            Page::FeedampErrors => "feedamp/errors",
            Page::FeedampRefunds => "feedamp/refunds",
            Page::FeedampRefundList => "feedamp/refund-list",
            Page::FeedampReturnList => "feedamp/return-list",
            Page::FeedampReturnErrors => "feedamp/return-errors",
            Page::FeedampReturns => "feedamp/returns",
            Page::FeedampSeller => "feedamp/seller",
            Page::Check => "check",
            Page::Bulk => "bulk",
            Page::Settings => "settings",
            Page::History => "history",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Page::Channel => "1 · Channel",
            Page::Product => "2 · Product",
            Page::ChannelSellable => "3 · Channel sellable",
            Page::Order => "4 · Order",
            Page::Troubleshoot => "Troubleshoot",
            Page::FeedampConnect => "Connect",
            Page::FeedampCallback => "Callback",
            Page::FeedampOrder => "Place order",
            Page::FeedampState => "Marketplace state",
            Page::FeedampPoll => "Poll",
            Page::FeedampFulfillments => "Fulfillments",
            Page::FeedampErrors => "Report errors",
            Page::FeedampRefunds => "Refunds",
            Page::FeedampRefundList => "All refunds",
            Page::FeedampReturnList => "All returns",
            Page::FeedampReturnErrors => "Return errors",
            Page::FeedampReturns => "Returns",
            Page::FeedampSeller => "Seller panel (sandbox)",
            Page::Check => "Check anything",
            Page::Bulk => "Bulk",
            Page::Settings => "Settings",
            Page::History => "History",
        }
    }

    /// The editor page that takes a payload of `kind`, with its step.
    /// The pages that hold a step's editor.
    const EDITORS: [(Page, editor::Step); 8] = [
        (Page::Channel, steps::CHANNEL),
        (Page::Product, steps::PRODUCT),
        (Page::ChannelSellable, steps::CHANNEL_SELLABLE),
        (Page::Order, steps::ORDER),
        (Page::FeedampOrder, steps::FEEDAMP_ORDER),
        (Page::FeedampErrors, steps::FEEDAMP_ERRORS),
        (Page::FeedampReturns, steps::FEEDAMP_RETURN),
        (Page::FeedampReturnErrors, steps::FEEDAMP_RETURN_ERRORS),
    ];

    fn editor_for(kind: crate::rules::Kind) -> Option<(Page, editor::Step)> {
        Self::EDITORS.into_iter().find(|(_, s)| s.kind == kind)
    }

    fn from_hash(hash: &str) -> Page {
        let route = hash.trim_start_matches('#').trim_start_matches('/');
        let route = route.split('?').next().unwrap_or_default();
        Page::ALL
            .into_iter()
            .find(|p| p.route() == route)
            .unwrap_or(Page::Channel)
    }
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The ids the flows carry, in flow order, with the names people use; internal values
/// (a poll's watermark) are not shown.
const CARRIED: &[(&str, &str)] = &[
    ("channel_id", "Channel"),
    ("product_id", "Product"),
    ("sellable_id", "Sellable"),
    ("channel_product_id", "Channel product"),
    ("channel_sellable_id", "Channel sellable"),
    ("ASIN", "ASIN"),
    ("amazon_order_number", "Amazon order id"),
    ("amazon_line_item_id", "Amazon line item id"),
    ("order_id", "Veeqo order"),
    ("mp_order_number", "FeedAMP order"),
    ("feedamp_refund_id", "Refund"),
    ("mp_return_number", "Return"),
];

#[component]
pub fn App() -> impl IntoView {
    let app = AppState::load();
    provide_context(app);
    provide_context(bulk::Bulk::new());
    let page = RwSignal::new(Page::from_hash(&current_hash()));
    let parts = Parts::new();
    // The sending code comes a moment after the page is usable, before the first Send.
    leptos::task::spawn_local(async {
        gloo_timers::future::TimeoutFuture::new(1_000).await;
        transport::prefetch().await;
    });
    // Below ~800 px the navigation folds behind a menu button; choosing a page folds it.
    let menu_open = RwSignal::new(false);
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        page.set(Page::from_hash(&current_hash()));
        menu_open.set(false);
    });
    on_cleanup(move || listener.remove());

    let nav_item = move |p: Page| {
        view! {
            <a href=format!("#/{}", p.route()) data-testid=format!("nav-{}", p.route().replace('/', "-"))
                aria-current=move || (page.get() == p).then_some("page")
                on:click=move |_| menu_open.set(false)
                class:active=move || page.get() == p>{p.label()}</a>
        }
    };
    let target_is_live = move || app.settings.with(|s| s.target == Target::Live);

    view! {
        // Keyboard users skip the navigation; a plain #anchor would change the route.
        <a class="skip" href="#" data-testid="skip"
            on:click=move |ev: leptos::ev::MouseEvent| {
                ev.prevent_default();
                if let Some(m) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id("content"))
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
                {
                    let _ = m.focus();
                }
            }>"Skip to the content"</a>
        <header class="top">
            <button class="menu" data-testid="menu" aria-controls="side-nav"
                aria-expanded=move || menu_open.get().to_string()
                on:click=move |_| menu_open.update(|o| *o = !*o)>"☰ Menu"</button>
            <h1 class="brand">"orderlint"</h1>
            <span class="tagline">"Check Veeqo and FeedAMP payloads before you send them"</span>
            <label class="target">
                "Target "
                <select data-testid="target"
                    prop:value=move || if target_is_live() { "live" } else { "sandbox" }
                    on:change=move |ev| {
                        let live = event_target_value(&ev) == "live";
                        app.settings.update(|s| s.target = if live { Target::Live } else { Target::Sandbox });
                    }>
                    <option value="sandbox">"Sandbox"</option>
                    <option value="live">"Live"</option>
                </select>
            </label>
        </header>
        <div class="layout">
            <nav class="side" id="side-nav" class:open=move || menu_open.get()>
                <p class="group">"Veeqo · Buyer Protection"</p>
                {[Page::Channel, Page::Product, Page::ChannelSellable, Page::Order, Page::Troubleshoot].map(nav_item)}
                <p class="group">"FeedAMP · order source"</p>
                {[Page::FeedampConnect, Page::FeedampOrder, Page::FeedampState, Page::FeedampPoll, Page::FeedampFulfillments, Page::FeedampErrors, Page::FeedampRefunds, Page::FeedampRefundList, Page::FeedampReturns, Page::FeedampReturnList, Page::FeedampReturnErrors, Page::FeedampSeller].map(nav_item)}
                <p class="group">"App"</p>
                {[Page::Check, Page::Bulk, Page::Settings, Page::History].map(nav_item)}
                <div class="ids" data-testid="flow-ids">
                    <p class="group">"Carried ids"</p>
                    {move || app.vars.with(|v| {
                        let shown: Vec<(&str, String)> = CARRIED
                            .iter()
                            .filter_map(|(key, label)| v.get(*key).map(|val| (*label, val.clone())))
                            .collect();
                        if shown.is_empty() {
                            view! { <p class="muted">"none yet"</p> }.into_any()
                        } else {
                            view! { <dl>{shown.into_iter().map(|(label, val)| view! { <dt>{label}</dt><dd>{val}</dd> }).collect_view()}</dl> }.into_any()
                        }
                    })}
                </div>
            </nav>
            <main id="content" tabindex="-1">
                {move || match page.get() {
                    Page::Channel => view! { <Editor step=steps::CHANNEL /> }.into_any(),
                    Page::Product => view! { <Editor step=steps::PRODUCT /> }.into_any(),
                    Page::ChannelSellable => view! { <Editor step=steps::CHANNEL_SELLABLE /> }.into_any(),
                    Page::Order => view! { <Editor step=steps::ORDER /> }.into_any(),
                    Page::Troubleshoot | Page::Check | Page::Settings | Page::History => parts.show(Part::More, page.get()),
                    Page::FeedampConnect | Page::FeedampCallback | Page::FeedampState | Page::FeedampPoll
                    | Page::FeedampRefundList | Page::FeedampReturnList | Page::FeedampFulfillments
                    | Page::FeedampRefunds | Page::FeedampReturns | Page::FeedampSeller => parts.show(Part::Feedamp, page.get()),
                    Page::FeedampOrder => view! { <Editor step=steps::FEEDAMP_ORDER /> }.into_any(),
                    Page::FeedampErrors => view! { <Editor step=steps::FEEDAMP_ERRORS /> }.into_any(),
                    Page::FeedampReturnErrors => view! { <Editor step=steps::FEEDAMP_RETURN_ERRORS /> }.into_any(),
                    Page::Bulk => parts.show(Part::Bulk, page.get()),
                }}
            </main>
        </div>
    }
}

/// The step id and route of the editor that takes a payload of `kind`, if one does.
pub(crate) fn editor_of(kind: crate::rules::Kind) -> Option<(&'static str, &'static str)> {
    Page::editor_for(kind).map(|(page, step)| (step.id, page.route()))
}

/// Opens `text` in step `step_id`'s editor, as its draft (JSON indented): from a Bulk row
/// or a History entry.
pub(crate) fn open_in_editor(step_id: &str, text: &str) {
    let Some((page, _)) = Page::EDITORS.into_iter().find(|(_, s)| s.id == step_id) else {
        return;
    };
    let text = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| text.to_string());
    storage::set(&storage::draft_key(step_id), &text);
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(&format!("/{}", page.route()));
    }
}

/// Entry point of the page's binary.
pub fn start() {
    console_error_panic_hook::set_once();
    // index.html shows the frame and a loading note until now.
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    leptos::mount::mount_to_body(App);
}
