//! App-wide state, provided as a context: settings, the ids the flow carries forward, and
//! this session's history.

use std::collections::BTreeMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use web_sys::AbortSignal;

use super::storage;
use super::transport::{self, Sent};
use crate::api::{ApiError, Request};
use crate::sandbox::Api;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Target {
    /// The simulator inside the page: no key, no network.
    Sandbox,
    /// The real API, through the CORS proxy.
    Live,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub target: Target,
    /// The proxy's Veeqo prefix: `/veeqo` when served by `trunk serve`, or the deployed proxy.
    pub veeqo_base: String,
    /// Never serialised with the settings; stored apart only when `remember` is on.
    #[serde(skip)]
    pub api_key: String,
    pub remember: bool,
    pub timeout_s: u32,
    /// The proxy's FeedAMP prefix.
    pub feedamp_base: String,
    /// The seller's current access token (OAuth); in memory only.
    #[serde(skip)]
    pub feedamp_access_token: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            target: Target::Sandbox,
            veeqo_base: "/veeqo".into(),
            api_key: String::new(),
            remember: false,
            timeout_s: 30,
            feedamp_base: "/feedamp".into(),
            feedamp_access_token: String::new(),
        }
    }
}

impl Settings {
    pub fn load() -> Self {
        let mut s: Settings = storage::get_json(storage::SETTINGS).unwrap_or_default();
        if s.remember {
            s.api_key = storage::get(storage::API_KEY).unwrap_or_default();
        }
        s
    }

    pub fn save(&self) {
        storage::set_json(storage::SETTINGS, self);
        if self.remember && !self.api_key.is_empty() {
            storage::set(storage::API_KEY, &self.api_key);
        } else {
            storage::remove(storage::API_KEY);
        }
    }
}

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
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub settings: RwSignal<Settings>,
    /// Ids returned by earlier steps, by placeholder name (`channel_id`, `sellable_id`, …).
    pub vars: RwSignal<BTreeMap<String, String>>,
    pub history: RwSignal<Vec<HistoryEntry>>,
}

impl AppState {
    /// Loads what was saved and keeps saving it as it changes.
    pub fn load() -> Self {
        let settings = RwSignal::new(Settings::load());
        let vars = RwSignal::new(storage::get_json(storage::VARS).unwrap_or_default());
        Effect::new(move |_| settings.with(Settings::save));
        Effect::new(move |_| vars.with(|v| storage::set_json(storage::VARS, v)));
        AppState {
            settings,
            vars,
            history: RwSignal::new(Vec::new()),
        }
    }

    /// The request as it will be sent, credentials included (for previews and cURL).
    pub fn prepared(&self, api: Api, mut req: Request) -> Request {
        self.settings
            .with(|s| transport::authorize(s, api, &mut req));
        req
    }

    pub fn base_url(&self, api: Api) -> String {
        self.settings.with(|s| transport::base_url(s, api))
    }

    /// Sends through the transport and records the exchange in History.
    pub async fn send(
        &self,
        api: Api,
        req: Request,
        cancel: Option<AbortSignal>,
    ) -> Result<Sent, ApiError> {
        let settings = self.settings.get_untracked();
        let shown = self.prepared(api, req.clone());
        let url = shown.url(&transport::base_url(&settings, api));
        let result = transport::send(&settings, api, req, cancel).await;
        let (status, outcome, elapsed_ms, response_body) = match &result {
            Ok(s) => (
                Some(s.response.status),
                format!(
                    "{} {}",
                    s.response.status,
                    crate::api::error::reason(s.response.status)
                ),
                Some(s.elapsed_ms),
                Some(s.response.body.clone()),
            ),
            Err(e) => (e.status(), e.to_string(), None, None),
        };
        let at = js_sys::Date::new_0()
            .to_locale_time_string("en-GB")
            .as_string()
            .unwrap_or_default();
        self.history.update(|h| {
            let id = h.len();
            h.push(HistoryEntry {
                id,
                at,
                method: shown.method.to_string(),
                url,
                target: settings.target,
                request_headers: shown.masked_headers(),
                request_body: shown.body.clone(),
                status,
                outcome,
                elapsed_ms,
                response_body,
            })
        });
        result
    }
}

pub fn use_app() -> AppState {
    use_context::<AppState>().expect("AppState is provided by App")
}
