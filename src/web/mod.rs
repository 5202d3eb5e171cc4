//! The web app (wasm only): a Leptos CSR page per workflow step, plus troubleshooter,
//! settings and history. Routing is by URL hash, so it works on any static host and on
//! a hard reload.

mod account;
mod bulk;
mod check;
mod clipboard;
mod code_editor;
mod deploy;
mod download;
mod drift;
pub mod editor;
mod feedamp;
mod locks;
mod notice;
mod pages;
mod parts;
pub mod routes;
pub mod sandbox_link;
mod send;
mod session;
pub mod settings;
pub mod state;
pub mod steps;
mod storage;
pub mod transport;

use leptos::prelude::*;

use editor::Editor;
use parts::Parts;
pub use routes::{Group, Page, Shows, PAGES};
// Bulk, Check and History open a payload in its editor by these paths.
pub(crate) use routes::{editor_of, open_in_editor};
use state::{AppState, Target};

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

    let nav_item = move |p: &'static Page| {
        view! {
            <a
                href=format!("#/{}", p.route)
                data-testid=format!("nav-{}", p.route.replace('/', "-"))
                aria-current=move || (page.get() == p).then_some("page")
                on:click=move |_| menu_open.set(false)
                class:active=move || page.get() == p
            >
                {p.label}
            </a>
        }
    };
    // Each group's heading, then its pages in the table's order.
    let nav_group = move |g: Group| {
        let pages = PAGES.iter().filter(move |p| p.group == Some(g));
        view! {
            <p class="group">{g.heading()}</p>
            {pages.map(nav_item).collect_view()}
        }
    };
    let target_is_live = move || app.settings.with(|s| s.target == Target::Live);

    view! {
        // Keyboard users skip the navigation; a plain #anchor would change the route.
        <a
            class="skip"
            href="#"
            data-testid="skip"
            on:click=move |ev: leptos::ev::MouseEvent| {
                ev.prevent_default();
                if let Some(m) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id("content"))
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
                {
                    let _ = m.focus();
                }
            }
        >
            "Skip to the content"
        </a>
        <header class="top">
            <button
                class="menu"
                data-testid="menu"
                aria-controls="side-nav"
                aria-expanded=move || menu_open.get().to_string()
                on:click=move |_| menu_open.update(|o| *o = !*o)
            >
                "☰ Menu"
            </button>
            <h1 class="brand">"orderlint"</h1>
            <span class="tagline">"Check Veeqo and FeedAMP payloads before you send them"</span>
            <label class="target">
                "Target "
                <select
                    data-testid="target"
                    prop:value=move || if target_is_live() { "live" } else { "sandbox" }
                    on:change=move |ev| {
                        let live = event_target_value(&ev) == "live";
                        app.settings
                            .update(|s| {
                                s.target = if live { Target::Live } else { Target::Sandbox };
                            });
                    }
                >
                    <option value="sandbox">"Sandbox"</option>
                    <option value="live">"Live"</option>
                </select>
            </label>
        </header>
        <div class="layout">
            <nav class="side" id="side-nav" class:open=move || menu_open.get()>
                {Group::ALL.map(nav_group)}
                <div class="ids" data-testid="flow-ids">
                    <p class="group">"Carried ids"</p>
                    {move || {
                        app.vars
                            .with(|v| {
                                let shown: Vec<(&str, String)> = CARRIED
                                    .iter()
                                    .filter_map(|(key, label)| {
                                        v.get(*key).map(|val| (*label, val.clone()))
                                    })
                                    .collect();
                                if shown.is_empty() {
                                    view! { <p class="muted">"none yet"</p> }.into_any()
                                } else {
                                    view! {
                                        <dl>
                                            {shown
                                                .into_iter()
                                                .map(|(label, val)| {
                                                    view! {
                                                        <dt>{label}</dt>
                                                        <dd>{val}</dd>
                                                    }
                                                })
                                                .collect_view()}
                                        </dl>
                                    }
                                        .into_any()
                                }
                            })
                    }}
                </div>
            </nav>
            <main id="content" tabindex="-1">
                {move || match page.get().shows {
                    Shows::Editor(step) => view! { <Editor step /> }.into_any(),
                    Shows::Feedamp(p) => parts.feedamp.show(p),
                    Shows::Bulk => parts.bulk.show(()),
                    Shows::More(p) => parts.more.show(p),
                }}
            </main>
        </div>
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
