//! App-wide state, provided as a context: settings, the ids the flow carries forward, and
//! this session's history.

use std::collections::BTreeMap;

use futures::future::{LocalBoxFuture, Shared};
use futures::FutureExt;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use web_sys::AbortSignal;

use super::storage;
use super::transport::{self, Sent};
use crate::api::feedamp::{self, Refreshed, Tokens};
use crate::api::Api;
use crate::api::{mask_body, mask_text, mask_url, ApiError, Request};
use crate::sandbox::feedamp as sandbox_feedamp;

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
            feedamp_sign_in: String::new(),
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

/// A seller's FeedAMP connection: tokens and when they were obtained. Memory only.
#[derive(Clone, Debug, PartialEq)]
pub struct FeedampSession {
    pub tokens: Tokens,
    pub obtained_ms: u64,
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

type SharedRenewal = Shared<LocalBoxFuture<'static, Result<(), Renewal>>>;

/// Why a renewal did not give new tokens.
#[derive(Clone, Debug)]
enum Renewal {
    /// The grant is gone: the session ended.
    Ended(String),
    /// The server was busy or failing, or answered what was not tokens: still connected.
    NotNow(String),
}

impl Renewal {
    /// For a request not sent yet: it never left the page, and can go later.
    fn before_sending(self) -> ApiError {
        match self {
            Renewal::Ended(m) | Renewal::NotNow(m) => ApiError::Setup(m),
        }
    }

    /// For a request the API refused with 401 (it did not take it in).
    fn after_401(self) -> ApiError {
        match self {
            Renewal::Ended(m) => ApiError::SessionEnded(m),
            Renewal::NotNow(m) => ApiError::Setup(m),
        }
    }
}

/// The request with a FeedAMP access token.
fn with_token(mut req: Request, token: &str) -> Request {
    feedamp::authorize(&mut req, token);
    req
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
            feedamp: RwSignal::new(None),
            last_results: RwSignal::new(BTreeMap::new()),
            renewing: StoredValue::new_local(None),
        }
    }

    /// The request as it will be sent, credentials included (for previews and cURL).
    pub fn prepared(&self, api: Api, mut req: Request) -> Request {
        self.settings
            .with(|s| transport::authorize(s, api, &mut req));
        if api == Api::Feedamp && feedamp::needs_token(&req) {
            if let Ok(token) = self.access_token() {
                req = with_token(req, &token);
            }
        }
        req
    }

    /// Sends a FeedAMP request with a fresh token: renewed before its hour runs out, and
    /// once more if the API still answers 401. The user sees neither.
    async fn send_feedamp(
        &self,
        from: Option<&'static str>,
        req: Request,
        cancel: Option<AbortSignal>,
    ) -> Result<Sent, ApiError> {
        if !feedamp::needs_token(&req) {
            return self.send_once(from, Api::Feedamp, req, cancel).await;
        }
        let token = self.access_token()?;
        let due = self.feedamp.with_untracked(|s| {
            s.as_ref()
                .is_some_and(|s| feedamp::needs_refresh(&s.tokens, s.obtained_ms, wall_clock_ms()))
        });
        if due {
            // Not sent yet: whatever stops the renewal leaves the request unsent.
            self.renew(&token).await.map_err(Renewal::before_sending)?;
        }
        let token = self.access_token()?;
        let sent = self
            .send_once(
                from,
                Api::Feedamp,
                with_token(req.clone(), &token),
                cancel.clone(),
            )
            .await?;
        if sent.response.status != 401 {
            return Ok(sent);
        }
        // Refused before the API took it in: renew (once for every request that met the
        // same token) and send again.
        self.renew(&token).await.map_err(Renewal::after_401)?;
        let token = self.access_token()?;
        self.send_once(from, Api::Feedamp, with_token(req, &token), cancel)
            .await
    }

    fn access_token(&self) -> Result<String, ApiError> {
        self.feedamp
            .with_untracked(|s| s.as_ref().map(|s| s.tokens.access_token.clone()))
            .ok_or_else(|| ApiError::Setup("not connected to FeedAMP: connect first".into()))
    }

    /// Renews the session whose access token is `stale`. One renewal at a time, shared by
    /// every request that needs it: refresh tokens are single-use, so a second refresh with
    /// the same one would be refused (and a server that detects reuse revokes the grant).
    async fn renew(&self, stale: &str) -> Result<(), Renewal> {
        match self.feedamp.get_untracked() {
            None => return Err(Renewal::Ended("not connected to FeedAMP".into())),
            // Another request renewed it since this one read the token.
            Some(s) if s.tokens.access_token != stale => return Ok(()),
            Some(_) => {}
        }
        let running = self.renewing.with_value(Clone::clone);
        let renewal = running.unwrap_or_else(|| {
            let this = *self;
            let renewal = async move {
                let done = this.refresh_now().await;
                this.renewing.set_value(None);
                done
            }
            .boxed_local()
            .shared();
            self.renewing.set_value(Some(renewal.clone()));
            // Driven on its own: a page left mid-renewal does not stop it for the others.
            let driven = renewal.clone();
            leptos::task::spawn_local(async move {
                let _ = driven.await;
            });
            renewal
        });
        renewal.await
    }

    /// Trades the refresh token for new tokens, trying again while the server is busy or
    /// failing. Only the server saying the grant is gone ends the session, and only if the
    /// refresh token it refused is still the session's.
    async fn refresh_now(&self) -> Result<(), Renewal> {
        let mut attempt = 1;
        loop {
            let Some(session) = self.feedamp.get_untracked() else {
                return Err(Renewal::Ended("not connected to FeedAMP".into()));
            };
            let sent_with = session.tokens.refresh_token;
            let (id, secret) = self.settings.with_untracked(Settings::feedamp_client);
            let req = feedamp::refresh(&sent_with, &id, &secret);
            let answer = self.send_once(None, Api::Feedamp, req, None).await;
            let holds = |refresh: &str| {
                self.feedamp.with_untracked(|s| {
                    s.as_ref()
                        .is_some_and(|s| s.tokens.refresh_token == refresh)
                })
            };
            match feedamp::read_refresh(answer.as_ref().map(|s| &s.response), attempt) {
                // The session may have changed meanwhile (Disconnect, a new Connect): the
                // answer applies only to the one it was asked for.
                _ if !holds(&sent_with) => return Ok(()),
                Refreshed::Tokens(tokens) => {
                    self.feedamp.set(Some(FeedampSession {
                        tokens,
                        obtained_ms: wall_clock_ms(),
                    }));
                    return Ok(());
                }
                Refreshed::GrantGone(e) => {
                    self.feedamp.set(None);
                    return Err(Renewal::Ended(format!(
                        "the FeedAMP session ended ({}); connect again",
                        mask_text(&e.to_string())
                    )));
                }
                Refreshed::Transient { wait_ms, .. } if attempt < feedamp::REFRESH_TRIES => {
                    TimeoutFuture::new(wait_ms).await;
                    attempt += 1;
                }
                Refreshed::Transient { error, .. } | Refreshed::Failed(error) => {
                    return Err(Renewal::NotNow(format!(
                        "the FeedAMP session could not be renewed just now ({}); still connected: send again in a moment",
                        mask_text(&error.to_string())
                    )))
                }
            }
        }
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

    async fn send_once(
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
