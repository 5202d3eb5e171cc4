//! The app's pages, one row each: the route, the navigation's label and group, and what
//! the page shows. The shell, the navigation, Check and History read them from here. A page
//! of a part names its part's own page type, so it cannot be drawn by another part.

use super::editor::Step;
use super::parts::{FeedampPage, MorePage};
use super::{steps, storage};
use crate::rules::Kind;
use Group::{App, Feedamp, Veeqo};

/// One page of the app.
pub struct Page {
    /// The URL hash's route, `#/<route>`; unique, and stable (links and tests use it).
    pub route: &'static str,
    /// Its name in the navigation.
    pub label: &'static str,
    /// Where the navigation lists it; `None` for a page reached only by a redirect.
    pub group: Option<Group>,
    /// What it shows.
    pub shows: Shows,
}

/// A route is a page's identity.
impl PartialEq for Page {
    fn eq(&self, other: &Self) -> bool {
        self.route == other.route
    }
}

impl Eq for Page {}

/// The navigation's groups, in its order.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Veeqo,
    Feedamp,
    App,
}

impl Group {
    pub const ALL: [Group; 3] = [Group::Veeqo, Group::Feedamp, Group::App];

    pub fn heading(self) -> &'static str {
        match self {
            Group::Veeqo => "Veeqo · Buyer Protection",
            Group::Feedamp => "FeedAMP · order source",
            Group::App => "App",
        }
    }
}

/// What a page shows: a step's editor (in the page's first code), or a page of a part
/// (code loaded when one of its pages is first opened).
#[derive(Clone, Copy)]
pub enum Shows {
    Editor(Step),
    Feedamp(FeedampPage),
    Bulk,
    More(MorePage),
}

const fn page(route: &'static str, label: &'static str, group: Group, shows: Shows) -> Page {
    Page {
        route,
        label,
        group: Some(group),
        shows,
    }
}

/// Every page, in the navigation's order; the first is the one an unknown route opens.
#[rustfmt::skip] // a table: a row a page
pub static PAGES: &[Page] = &[
    page("veeqo/channel", "1 · Channel", Veeqo, Shows::Editor(steps::CHANNEL)),
    page("veeqo/product", "2 · Product", Veeqo, Shows::Editor(steps::PRODUCT)),
    page("veeqo/channel-sellable", "3 · Channel sellable", Veeqo, Shows::Editor(steps::CHANNEL_SELLABLE)),
    page("veeqo/channel-sellable-update", "Update listing", Veeqo, Shows::Editor(steps::CHANNEL_SELLABLE_UPDATE)),
    page("veeqo/order", "4 · Order", Veeqo, Shows::Editor(steps::ORDER)),
    page("veeqo/rates", "5 · Rates", Veeqo, Shows::Editor(steps::RATES)),
    page("veeqo/booking", "6 · Book label", Veeqo, Shows::Editor(steps::BOOKING)),
    page("veeqo/troubleshoot", "Troubleshoot", Veeqo, Shows::More(MorePage::Troubleshoot)),
    page("feedamp/connect", "Connect", Feedamp, Shows::Feedamp(FeedampPage::Connect)),
    // FeedAMP's redirect after the seller approves; not a page to open by hand.
    Page {
        route: "feedamp/callback",
        label: "Callback",
        group: None,
        shows: Shows::Feedamp(FeedampPage::Callback),
    },
    page("feedamp/order", "Place order", Feedamp, Shows::Editor(steps::FEEDAMP_ORDER)),
    page("feedamp/state", "Marketplace state", Feedamp, Shows::Feedamp(FeedampPage::State)),
    page("feedamp/poll", "Poll", Feedamp, Shows::Feedamp(FeedampPage::Poll)),
    page("feedamp/fulfillments", "Fulfillments", Feedamp, Shows::Feedamp(FeedampPage::Fulfillments)),
    page("feedamp/errors", "Report errors", Feedamp, Shows::Editor(steps::FEEDAMP_ERRORS)),
    page("feedamp/refunds", "Refunds", Feedamp, Shows::Feedamp(FeedampPage::Refunds)),
    page("feedamp/refund-list", "All refunds", Feedamp, Shows::Feedamp(FeedampPage::RefundList)),
    page("feedamp/returns", "Returns", Feedamp, Shows::Feedamp(FeedampPage::Returns)),
    page("feedamp/return-list", "All returns", Feedamp, Shows::Feedamp(FeedampPage::ReturnList)),
    page("feedamp/return-errors", "Return errors", Feedamp, Shows::Editor(steps::FEEDAMP_RETURN_ERRORS)),
    page("feedamp/seller", "Seller panel (sandbox)", Feedamp, Shows::Feedamp(FeedampPage::Seller)),
    page("check", "Check anything", App, Shows::More(MorePage::Check)),
    page("bulk", "Bulk", App, Shows::Bulk),
    page("settings", "Settings", App, Shows::More(MorePage::Settings)),
    page("history", "History", App, Shows::More(MorePage::History)),
];

impl Page {
    /// The page a URL hash names (`#/feedamp/callback?code=…` included); the first page
    /// for any other.
    pub fn from_hash(hash: &str) -> &'static Page {
        let route = hash.trim_start_matches('#').trim_start_matches('/');
        let route = route.split('?').next().unwrap_or_default();
        PAGES.iter().find(|p| p.route == route).unwrap_or(&PAGES[0])
    }

    /// The step whose editor this page holds, if any: a payload of its kind opens here.
    pub fn editor(&self) -> Option<Step> {
        match self.shows {
            Shows::Editor(step) => Some(step),
            Shows::Feedamp(page) => page.editor(),
            Shows::Bulk | Shows::More(_) => None,
        }
    }

    /// The page holding the editor that takes a payload of `kind`, with its step.
    pub fn editor_for(kind: Kind) -> Option<(&'static Page, Step)> {
        PAGES
            .iter()
            .find_map(|p| p.editor().filter(|s| s.kind == kind).map(|s| (p, s)))
    }

    /// The page holding step `id`'s editor.
    pub fn of_step(id: &str) -> Option<&'static Page> {
        PAGES
            .iter()
            .find(|p| p.editor().is_some_and(|s| s.id == id))
    }
}

/// The step id and route of the editor that takes a payload of `kind`, if one does.
pub(crate) fn editor_of(kind: Kind) -> Option<(&'static str, &'static str)> {
    Page::editor_for(kind).map(|(page, step)| (step.id, page.route))
}

/// Opens `text` in step `step_id`'s editor, as its draft (JSON indented): from a Bulk row
/// or a History entry.
pub(crate) fn open_in_editor(step_id: &str, text: &str) {
    let Some(page) = Page::of_step(step_id) else {
        return;
    };
    let text = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| text.to_string());
    storage::set(&storage::draft_key(step_id), &text);
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(&format!("/{}", page.route));
    }
}
