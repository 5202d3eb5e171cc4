//! The user's settings: where requests go, with which credentials, and how they are kept
//! on this device (secrets apart, and only when the user asks).

use serde::{Deserialize, Serialize};

use super::storage;
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
