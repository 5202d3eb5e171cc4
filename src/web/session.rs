//! The seller's FeedAMP session: its tokens, and what a renewal can end in. `send.rs`
//! renews it, once for every request that needs a fresh token.

use futures::future::{LocalBoxFuture, Shared};

use crate::api::feedamp::{self, Tokens};
use crate::api::{ApiError, Request};

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
    pub(super) fn before_sending(self) -> ApiError {
        match self {
            Renewal::Ended(m) | Renewal::NotNow(m) => ApiError::Setup(m),
        }
    }

    /// For a request the API refused with 401 (it did not take it in).
    pub(super) fn after_401(self) -> ApiError {
        match self {
            Renewal::Ended(m) => ApiError::SessionEnded(m),
            Renewal::NotNow(m) => ApiError::Setup(m),
        }
    }
}

/// The request with a FeedAMP access token.
pub(super) fn with_token(mut req: Request, token: &str) -> Request {
    feedamp::authorize(&mut req, token);
    req
}
