//! The send pipeline: every exchange goes through the transport and into History, and a
//! FeedAMP request carries the session's token, renewed when due. Renewal sends a request
//! and a send may need a renewal, so both live here, over `AppState`'s signals.

use futures::FutureExt;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use web_sys::AbortSignal;

use super::session::{with_token, FeedampSession, Renewal};
use super::settings::Settings;
use super::state::{wall_clock_ms, AppState, HistoryEntry, HISTORY_KEPT};
use super::transport::{self, Sent};
use crate::api::feedamp::{self, Refreshed};
use crate::api::{mask_body, mask_text, mask_url, Api, ApiError, Request};

impl AppState {
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

    /// The request as sent with the session's token, if connected (previews and cURL).
    fn with_session_token(&self, req: Request) -> Request {
        match self.access_token() {
            Ok(token) => with_token(req, &token),
            Err(_) => req,
        }
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
}
