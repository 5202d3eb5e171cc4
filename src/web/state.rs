//! App-wide state, provided as a context: settings, the ids the flow carries forward, and
//! this session's history.

use std::collections::BTreeMap;

mod session;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use web_sys::AbortSignal;

use super::storage;
use super::transport::{self, Sent};
use crate::api::feedamp;
use crate::api::Api;
use crate::api::{mask_body, mask_text, mask_url, ApiError, Request};
use crate::sandbox::feedamp as sandbox_feedamp;
pub use session::FeedampSession;
use session::SharedRenewal;

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
    /// The proxy's FeedAMP prefix (API calls only).
    pub feedamp_base: String,
    /// FeedAMP's own seller-facing address, where sellers sign in and approve (never the
    /// proxy: OAuth's front channel goes to the authorization server itself).
    pub feedamp_sign_in: String,
    /// The marketplace's OAuth client id (Live).
    pub feedamp_client_id: String,
    /// The proxy adds the client secret to token requests; the page never has it.
    pub feedamp_secret_in_proxy: bool,
    /// The OAuth client secret (Live): stored apart, and only when `remember` is on.
    #[serde(skip)]
    pub feedamp_client_secret: String,
    /// Send PKCE's code_challenge (S256) on authorize and the verifier on the exchange.
    #[serde(default)]
    pub feedamp_pkce: bool,
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
            // `scripts/run` builds with its local sandbox's own address here, so Live
            // Connect works out of the box; other builds have none until it is entered.
            feedamp_sign_in: option_env!("ORDERLINT_DEV_FEEDAMP_SIGN_IN")
                .unwrap_or_default()
                .into(),
            feedamp_client_id: String::new(),
            feedamp_secret_in_proxy: false,
            feedamp_pkce: false,
            feedamp_client_secret: String::new(),
        }
    }
}

impl Settings {
    pub fn load() -> Self {
        let mut s: Settings = storage::get_json(storage::SETTINGS).unwrap_or_default();
        if s.remember {
            s.api_key = storage::get(storage::API_KEY).unwrap_or_default();
            s.feedamp_client_secret = storage::get(storage::CLIENT_SECRET).unwrap_or_default();
        }
        s
    }

    /// Whether the page lacks a secret it needs to send.
    pub fn feedamp_secret_missing(&self) -> bool {
        self.target == Target::Live
            && !self.feedamp_secret_in_proxy
            && self.feedamp_client_secret.trim().is_empty()
    }

    /// The OAuth client the page uses: the sandbox's own in Sandbox mode; no secret when
    /// the proxy holds it.
    pub fn feedamp_client(&self) -> (String, String) {
        match self.target {
            Target::Sandbox => (
                sandbox_feedamp::CLIENT_ID.into(),
                sandbox_feedamp::CLIENT_SECRET.into(),
            ),
            Target::Live => (
                self.feedamp_client_id.trim().into(),
                self.feedamp_client_secret.trim().into(),
            ),
        }
    }

    pub fn save(&self) {
        storage::set_json(storage::SETTINGS, self);
        for (key, secret) in [
            (storage::API_KEY, &self.api_key),
            (storage::CLIENT_SECRET, &self.feedamp_client_secret),
        ] {
            if self.remember && !secret.is_empty() {
                storage::set(key, secret);
            } else {
                storage::remove(key);
            }
        }
    }
}

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
    renewing: StoredValue<Option<SharedRenewal>, LocalStorage>,
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

    /// The request as it will be sent, credentials included (for previews and cURL).
    pub fn prepared(&self, api: Api, mut req: Request) -> Request {
        self.settings
            .with(|s| transport::authorize(s, api, &mut req));
        if api == Api::Feedamp && feedamp::needs_token(&req) {
            req = self.with_session_token(req);
        }
        req
    }

    pub fn base_url(&self, api: Api) -> String {
        self.settings.with(|s| transport::base_url(s, api))
    }

    /// Sends through the transport (FeedAMP with its token kept fresh); every exchange is
    /// recorded in History.
    pub async fn send(
        &self,
        api: Api,
        req: Request,
        cancel: Option<AbortSignal>,
    ) -> Result<Sent, ApiError> {
        self.send_from(None, api, req, cancel).await
    }

    /// `send` from a step's editor, which History can open the exchange in again.
    pub async fn send_from(
        &self,
        from: Option<&'static str>,
        api: Api,
        req: Request,
        cancel: Option<AbortSignal>,
    ) -> Result<Sent, ApiError> {
        match api {
            Api::Feedamp => self.send_feedamp(from, req, cancel).await,
            Api::Veeqo => self.send_once(from, api, req, cancel).await,
        }
    }

    pub(super) async fn send_once(
        &self,
        from: Option<&'static str>,
        api: Api,
        req: Request,
        cancel: Option<AbortSignal>,
    ) -> Result<Sent, ApiError> {
        let settings = self.settings.get_untracked();
        let shown = self.prepared(api, req.clone());
        let url = mask_url(&shown.url(&transport::base_url(&settings, api)));
        let curl = crate::api::curl::to_curl(&shown, &transport::curl_base(&settings, api), false);
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
                Some(mask_body(&s.response.body)),
            ),
            Err(e) => (e.status(), mask_text(&e.to_string()), None, None),
        };
        let at = js_sys::Date::new_0()
            .to_locale_time_string("en-GB")
            .as_string()
            .unwrap_or_default();
        self.history.update(|h| {
            // A bulk run sends thousands: History keeps the latest.
            if h.len() >= HISTORY_KEPT {
                h.remove(0);
            }
            let id = h.last().map_or(0, |e| e.id + 1);
            h.push(HistoryEntry {
                id,
                at,
                method: shown.method.to_string(),
                url,
                target: settings.target,
                request_headers: shown.masked_headers(),
                request_body: shown.body.as_deref().map(mask_body),
                status,
                outcome,
                elapsed_ms,
                response_body,
                step: from,
                curl,
            })
        });
        result
    }
}

pub fn use_app() -> AppState {
    use_context::<AppState>().expect("AppState is provided by App")
}
