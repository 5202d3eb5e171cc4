//! The pages past the Veeqo flow, which arrive when first opened. Each part's `wasm_split`
//! function (what Leptos's `#[lazy]` expands to, here `fallible`: a part that does not load
//! is an answer, not a panic) is cut into its own wasm by scripts/split-wasm.mjs and loaded
//! on its first call; it hands back the part's plain render function, which the page then
//! calls like any other view, under the route's own reactive owner.

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

use super::bulk;
use super::feedamp;
use super::pages::{History, SettingsPage, Troubleshoot};
use super::Page;

/// How a part draws one of its pages.
type Render = fn(Page) -> AnyView;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Feedamp,
    Bulk,
    More,
}

/// The parts loaded so far, and those on their way.
#[derive(Clone, Copy)]
pub(crate) struct Parts {
    /// Each part asked for: its render function, or `Err` when its code did not load.
    loaded: RwSignal<Vec<(Part, Result<Render, ()>)>>,
    asked: StoredValue<Vec<Part>>,
}

impl Parts {
    pub(crate) fn new() -> Self {
        Parts {
            loaded: RwSignal::new(Vec::new()),
            asked: StoredValue::new(Vec::new()),
        }
    }

    /// `page` drawn by `part`, or a note while the part's code arrives, or why it did not.
    pub(crate) fn show(self, part: Part, page: Page) -> AnyView {
        match self
            .loaded
            .with(|l| l.iter().find(|(p, _)| *p == part).map(|(_, r)| *r))
        {
            Some(Ok(render)) => return render(page),
            Some(Err(())) => {
                // Asked again the next time the page is opened.
                self.loaded
                    .update_untracked(|l| l.retain(|(p, _)| *p != part));
                self.asked.update_value(|a| a.retain(|p| *p != part));
                return view! {
                    <p class="response bad" role="alert" data-testid="page-failed">
                        "This page's code could not be loaded: check the connection, then open the page again."
                    </p>
                }
                .into_any();
            }
            None => {}
        }
        if !self.asked.with_value(|a| a.contains(&part)) {
            self.asked.update_value(|a| a.push(part));
            leptos::task::spawn_local(async move {
                let render = match part {
                    Part::Feedamp => feedamp_part().await,
                    Part::Bulk => bulk_part().await,
                    Part::More => more_part().await,
                };
                self.loaded
                    .update(|l| l.push((part, render.map_err(|_| ()))));
            });
        }
        view! { <p class="note" role="status" data-testid="page-loading">"Loading this page…"</p> }
            .into_any()
    }
}

#[leptos::wasm_split::wasm_split(feedamp_part, wasm_split_path = ::leptos::wasm_split, fallible)]
fn feedamp_part() -> Result<Render, SplitLoaderError> {
    Ok(|page| match page {
        Page::FeedampConnect => view! { <feedamp::Connect /> }.into_any(),
        Page::FeedampCallback => {
            view! { <feedamp::Callback query=feedamp::take_callback_query() /> }.into_any()
        }
        Page::FeedampState => view! { <feedamp::MarketplaceState /> }.into_any(),
        Page::FeedampPoll => view! { <feedamp::List spec=feedamp::ORDERS /> }.into_any(),
        Page::FeedampRefundList => view! { <feedamp::List spec=feedamp::REFUNDS /> }.into_any(),
        Page::FeedampReturnList => view! { <feedamp::List spec=feedamp::RETURNS /> }.into_any(),
        Page::FeedampFulfillments => view! { <feedamp::Fulfillments /> }.into_any(),
        Page::FeedampRefunds => view! { <feedamp::Refunds /> }.into_any(),
        Page::FeedampReturns => view! { <feedamp::Returns /> }.into_any(),
        _ => view! { <feedamp::SellerPanel /> }.into_any(),
    })
}

#[leptos::wasm_split::wasm_split(bulk_part, wasm_split_path = ::leptos::wasm_split, fallible)]
fn bulk_part() -> Result<Render, SplitLoaderError> {
    Ok(|_| view! { <bulk::BulkPage /> }.into_any())
}

#[leptos::wasm_split::wasm_split(more_part, wasm_split_path = ::leptos::wasm_split, fallible)]
fn more_part() -> Result<Render, SplitLoaderError> {
    Ok(|page| match page {
        Page::Troubleshoot => view! { <Troubleshoot /> }.into_any(),
        Page::Settings => view! { <SettingsPage /> }.into_any(),
        Page::Check => view! { <super::check::CheckPage /> }.into_any(),
        _ => view! { <History /> }.into_any(),
    })
}
