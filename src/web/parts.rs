//! The pages past the Veeqo flow, which arrive when first opened. Each part's `wasm_split`
//! function (what Leptos's `#[lazy]` expands to, here `fallible`: a part that does not load
//! is an answer, not a panic) is cut into its own wasm by scripts/split-wasm.mjs and loaded
//! on its first call; it hands back the part's plain render function, which the page then
//! calls like any other view, under the route's own reactive owner.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

use super::editor::Step;
use super::pages::{History, SettingsPage, Troubleshoot};
use super::{bulk, feedamp, steps};

// Where they were first: importers may still name them here.
pub(crate) use super::deploy::{updated, UPDATED};

/// How a part draws one of its pages, `P`.
type Render<P> = fn(P) -> AnyView;
/// Loads a part's code, and hands back its `Render`.
type Load<P> = fn() -> Pin<Box<dyn Future<Output = Result<Render<P>, SplitLoaderError>>>>;

/// Why a part's code did not load.
#[derive(Clone, Copy)]
enum Failed {
    /// The host now serves another build: this tab's parts are gone, and the new build's
    /// are not this page's to run.
    Updated,
    /// No answer, or a file that failed its integrity check.
    NotLoaded,
}

/// The FeedAMP part's pages.
#[derive(Clone, Copy)]
pub enum FeedampPage {
    Connect,
    Callback,
    State,
    Poll,
    Fulfillments,
    Refunds,
    RefundList,
    Returns,
    ReturnList,
    Seller,
}

impl FeedampPage {
    /// The step whose editor the page holds (Returns holds the return's).
    pub(crate) fn editor(self) -> Option<Step> {
        match self {
            FeedampPage::Returns => Some(steps::FEEDAMP_RETURN),
            FeedampPage::Connect
            | FeedampPage::Callback
            | FeedampPage::State
            | FeedampPage::Poll
            | FeedampPage::Fulfillments
            | FeedampPage::Refunds
            | FeedampPage::RefundList
            | FeedampPage::ReturnList
            | FeedampPage::Seller => None,
        }
    }
}

/// The troubleshooter, Check, Settings and History: one part.
#[derive(Clone, Copy)]
pub enum MorePage {
    Troubleshoot,
    Check,
    Settings,
    History,
}

/// One part: its code loaded on first use, then drawing its pages `P`.
pub(crate) struct Part<P: 'static> {
    /// Its render function, or why its code did not load; `None` until asked and answered.
    loaded: RwSignal<Option<Result<Render<P>, Failed>>>,
    asked: StoredValue<bool>,
    load: Load<P>,
}

impl<P> Clone for Part<P> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<P> Copy for Part<P> {}

impl<P: 'static> Part<P> {
    fn new(load: Load<P>) -> Self {
        Part {
            loaded: RwSignal::new(None),
            asked: StoredValue::new(false),
            load,
        }
    }

    /// `page` drawn by the part, or a note while its code arrives, or why it did not.
    pub(crate) fn show(self, page: P) -> AnyView {
        match self.loaded.get() {
            Some(Ok(render)) => return render(page),
            Some(Err(failed)) => {
                // Asked again the next time the page is opened.
                self.loaded.update_untracked(|l| *l = None);
                self.asked.set_value(false);
                return failed.view();
            }
            None => {}
        }
        if !self.asked.get_value() {
            self.asked.set_value(true);
            leptos::task::spawn_local(async move {
                let render = match (self.load)().await {
                    Ok(r) => Ok(r),
                    Err(_) if updated().await => Err(Failed::Updated),
                    Err(_) => Err(Failed::NotLoaded),
                };
                self.loaded.set(Some(render));
            });
        }
        view! {
            <p class="note" role="status" data-testid="page-loading">
                "Loading this page…"
            </p>
        }
        .into_any()
    }
}

impl Failed {
    fn view(self) -> AnyView {
        match self {
            Failed::Updated => view! {
                <p class="response bad" role="alert" data-testid="page-failed" data-updated="true">
                    {UPDATED}
                    " "
                    <button
                        type="button"
                        data-testid="reload"
                        on:click=|_| {
                            let _ = window().location().reload();
                        }
                    >
                        "Reload"
                    </button>
                </p>
            }
            .into_any(),
            Failed::NotLoaded => view! {
                <p class="response bad" role="alert" data-testid="page-failed">
                    "This page's code could not be loaded, or failed its integrity check: check the connection, then open the page again."
                </p>
            }
            .into_any(),
        }
    }
}

/// The parts, each loaded when one of its pages is first opened.
#[derive(Clone, Copy)]
pub(crate) struct Parts {
    pub feedamp: Part<FeedampPage>,
    pub bulk: Part<()>,
    pub more: Part<MorePage>,
}

impl Parts {
    pub(crate) fn new() -> Self {
        Parts {
            feedamp: Part::new(|| Box::pin(feedamp_part())),
            bulk: Part::new(|| Box::pin(bulk_part())),
            more: Part::new(|| Box::pin(more_part())),
        }
    }
}

#[leptos::wasm_split::wasm_split(feedamp_part, wasm_split_path = ::leptos::wasm_split, fallible)]
fn feedamp_part() -> Result<Render<FeedampPage>, SplitLoaderError> {
    Ok(|page| match page {
        FeedampPage::Connect => view! { <feedamp::Connect /> }.into_any(),
        FeedampPage::Callback => {
            view! { <feedamp::Callback query=feedamp::take_callback_query() /> }.into_any()
        }
        FeedampPage::State => view! { <feedamp::MarketplaceState /> }.into_any(),
        FeedampPage::Poll => view! { <feedamp::List spec=feedamp::ORDERS /> }.into_any(),
        FeedampPage::RefundList => view! { <feedamp::List spec=feedamp::REFUNDS /> }.into_any(),
        FeedampPage::ReturnList => view! { <feedamp::List spec=feedamp::RETURNS /> }.into_any(),
        FeedampPage::Fulfillments => view! { <feedamp::Fulfillments /> }.into_any(),
        FeedampPage::Refunds => view! { <feedamp::Refunds /> }.into_any(),
        FeedampPage::Returns => view! { <feedamp::Returns /> }.into_any(),
        FeedampPage::Seller => view! { <feedamp::SellerPanel /> }.into_any(),
    })
}

#[leptos::wasm_split::wasm_split(bulk_part, wasm_split_path = ::leptos::wasm_split, fallible)]
fn bulk_part() -> Result<Render<()>, SplitLoaderError> {
    Ok(|()| view! { <bulk::BulkPage /> }.into_any())
}

#[leptos::wasm_split::wasm_split(more_part, wasm_split_path = ::leptos::wasm_split, fallible)]
fn more_part() -> Result<Render<MorePage>, SplitLoaderError> {
    Ok(|page| match page {
        MorePage::Troubleshoot => view! { <Troubleshoot /> }.into_any(),
        MorePage::Settings => view! { <SettingsPage /> }.into_any(),
        MorePage::Check => view! { <super::check::CheckPage /> }.into_any(),
        MorePage::History => view! { <History /> }.into_any(),
    })
}
