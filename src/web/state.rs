//! App-wide state, provided as a context: the signals the pages share (settings, the ids
//! the flow carries forward, this tab's history and FeedAMP session, each step's last
//! answer), and what of them is kept on this device. Sending is `send.rs`'s.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::session::SharedRenewal;
use super::storage;
use super::transport::Sent;
use crate::api::ApiError;
// Their old home: pages import them from here.
pub use super::session::FeedampSession;
pub use super::settings::{Settings, Target};

/// History keeps this many exchanges, the latest.
pub const HISTORY_KEPT: usize = 200;

/// One exchange as History shows it: secrets already masked.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryEntry {
    pub id: usize,
    pub at: String,
    pub method: String,
    pub url: String,
    pub target: Target,
    pub request_headers: Vec<(String, String)>,
    pub request_body: Option<String>,
    pub status: Option<u16>,
    pub outcome: String,
    pub elapsed_ms: Option<f64>,
    pub response_body: Option<String>,
    /// The step whose editor sent it, which can open it again.
    pub step: Option<&'static str>,
    /// The request as a cURL command for the real API, secrets masked.
    pub curl: String,
}

pub fn wall_clock_ms() -> u64 {
    js_sys::Date::now() as u64
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub settings: RwSignal<Settings>,
    /// Ids returned by earlier steps, by placeholder name (`channel_id`, `sellable_id`, …).
    pub vars: RwSignal<BTreeMap<String, String>>,
    pub history: RwSignal<Vec<HistoryEntry>>,
    pub feedamp: RwSignal<Option<FeedampSession>>,
    /// Each step's last answer, so it is still there when the user comes back (this tab
    /// only: an answer can hold customers' data).
    pub last_results: RwSignal<BTreeMap<&'static str, Result<Sent, ApiError>>>,
    /// The FeedAMP renewal under way, which every request needing it waits for.
    pub(super) renewing: StoredValue<Option<SharedRenewal>, LocalStorage>,
}

impl AppState {
    /// Loads what was saved and keeps saving it as it changes.
    pub fn load() -> Self {
        let settings = RwSignal::new(Settings::load());
        let vars = RwSignal::new(storage::get_json(storage::VARS).unwrap_or_default());
        Effect::new(move |_| settings.with(Settings::save));
        Effect::new(move |_| vars.with(|v| storage::set_json(storage::VARS, v)));
        let sandbox = settings.with_untracked(|s| s.target == Target::Sandbox);
        let feedamp = RwSignal::new(
            storage::session_get(storage::SANDBOX_SESSION)
                .filter(|_| sandbox)
                .and_then(|s| serde_json::from_str::<FeedampSession>(&s).ok()),
        );
        // Only the sandbox's session is kept, and only in this tab.
        Effect::new(move |_| {
            let kept = feedamp.with(|f| {
                f.as_ref()
                    .filter(|_| settings.with(|s| s.target == Target::Sandbox))
                    .and_then(|f| serde_json::to_string(f).ok())
            });
            match kept {
                Some(json) => storage::session_set(storage::SANDBOX_SESSION, &json),
                None => storage::session_remove(storage::SANDBOX_SESSION),
            }
        });
        AppState {
            settings,
            vars,
            history: RwSignal::new(Vec::new()),
            feedamp,
            last_results: RwSignal::new(BTreeMap::new()),
            renewing: StoredValue::new_local(None),
        }
    }
}

pub fn use_app() -> AppState {
    use_context::<AppState>().expect("AppState is provided by App")
}
