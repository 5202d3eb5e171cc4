//! The seller's FeedAMP session: its tokens, and their renewal, which every request that
//! needs a fresh token shares.

use futures::future::{LocalBoxFuture, Shared};
use futures::FutureExt;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use web_sys::AbortSignal;

use super::{wall_clock_ms, AppState, Settings};
use crate::api::feedamp::{self, Refreshed, Tokens};
use crate::api::{mask_text, Api, ApiError, Request};
use crate::web::transport::Sent;

/// A seller's FeedAMP connection: tokens and when they were obtained. Memory only, but
/// for the sandbox's (kept in the tab for a reload: they open nothing real).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FeedampSession {
    pub tokens: Tokens,
    pub obtained_ms: u64,
}

pub(super) type SharedRenewal = Shared<LocalBoxFuture<'static, Result<(), Renewal>>>;

/// Why a renewal did not give new tokens.
#[derive(Clone, Debug)]
pub(super) enum Renewal {
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
    /// The request as sent with the session's token, if connected (previews and cURL).
    pub(super) fn with_session_token(&self, req: Request) -> Request {
        match self.access_token() {
            Ok(token) => with_token(req, &token),
            Err(_) => req,
        }
    }

    /// Sends a FeedAMP request with a fresh token: renewed before its hour runs out, and
    /// once more if the API still answers 401. The user sees neither.
    pub(super) async fn send_feedamp(
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
