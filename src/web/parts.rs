//! The pages past the Veeqo flow, which arrive when first opened. Each part's `wasm_split`
//! function (what Leptos's `#[lazy]` expands to, here `fallible`: a part that does not load
//! is an answer, not a panic) is cut into its own wasm by scripts/split-wasm.mjs and loaded
//! on its first call; it hands back the part's plain render function, which the page then
//! calls like any other view, under the route's own reactive owner.

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use wasm_bindgen::prelude::*;

use super::bulk;
use super::feedamp;
use super::pages::{History, SettingsPage, Troubleshoot};
use super::Page;

/// How a part draws one of its pages.
type Render = fn(Page) -> AnyView;

/// Why a part's code did not load.
#[derive(Clone, Copy)]
enum Failed {
    /// The host now serves another build: this tab's parts are gone, and the new build's
    /// are not this page's to run.
    Updated,
    /// No answer, or a file that failed its integrity check.
    NotLoaded,
}

// The build the host serves now, read from its index.html (the page's own copy is in the
// DOM): post-build names it by the names of all its files, which follow their bytes.
#[wasm_bindgen(inline_js = "export async function page_updated() {
    const build = (doc) => doc.querySelector('meta[name=orderlint-build]')?.content;
    const ours = build(document);
    try {
        const r = await fetch(location.href.split('#')[0], { cache: 'no-store' });
        const theirs = r.ok ? build(new DOMParser().parseFromString(await r.text(), 'text/html')) : undefined;
        return !!ours && !!theirs && theirs !== ours;
    } catch {
        return false;
    }
}")]
extern "C" {
    async fn page_updated() -> JsValue;
}

/// Whether the host now serves another build of the page than this tab's (`false` when it
/// cannot tell). A tab open across a deploy asks for its own build's files by their names,
/// which follow their bytes: it gets them while the host keeps them, else a 404, never
/// the new build's code; this says why, so the page asks for a reload.
pub(crate) async fn updated() -> bool {
    page_updated().await.as_bool().unwrap_or(false)
}

/// The note for a tab whose build the host no longer serves.
pub(crate) const UPDATED: &str = "orderlint was updated: reload to continue.";

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Feedamp,
    Bulk,
    More,
}

/// The parts loaded so far, and those on their way.
#[derive(Clone, Copy)]
pub(crate) struct Parts {
    /// Each part asked for: its render function, or why its code did not load.
    loaded: RwSignal<Vec<(Part, Result<Render, Failed>)>>,
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
            Some(Err(failed)) => {
                // Asked again the next time the page is opened.
                self.loaded
                    .update_untracked(|l| l.retain(|(p, _)| *p != part));
                self.asked.update_value(|a| a.retain(|p| *p != part));
                return match failed {
                    Failed::Updated => view! {
                        <p class="response bad" role="alert" data-testid="page-failed" data-updated="true">
                            {UPDATED} " "
                            <button type="button" data-testid="reload" on:click=|_| {
                                let _ = window().location().reload();
                            }>"Reload"</button>
                        </p>
                    }
                    .into_any(),
                    Failed::NotLoaded => view! {
                        <p class="response bad" role="alert" data-testid="page-failed">
                            "This page's code could not be loaded, or failed its integrity check: check the connection, then open the page again."
                        </p>
                    }
                    .into_any(),
                };
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
                let render = match render {
                    Ok(r) => Ok(r),
                    Err(_) if updated().await => Err(Failed::Updated),
                    Err(_) => Err(Failed::NotLoaded),
                };
                self.loaded.update(|l| l.push((part, render)));
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
