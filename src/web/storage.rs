//! localStorage, for drafts, flow ids and settings. Secrets are written only when the user
//! ticks "remember on this device". Storage can be missing or full: every call degrades to
//! "not saved", never to an error the user has to handle.

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// This tab's storage: survives the OAuth round trip through FeedAMP, not the tab.
fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

pub fn session_get(key: &str) -> Option<String> {
    session()?.get_item(key).ok()?
}

pub fn session_set(key: &str, value: &str) {
    if let Some(s) = session() {
        let _ = s.set_item(key, value);
    }
}

pub fn session_remove(key: &str) {
    if let Some(s) = session() {
        let _ = s.remove_item(key);
    }
}

/// The `state` of the authorization in progress (single use).
pub const PENDING_STATE: &str = "orderlint.feedamp.pending_state";
/// PKCE's code_verifier for the authorization in progress (single use).
pub const PENDING_VERIFIER: &str = "orderlint.feedamp.pending_verifier";
/// The query FeedAMP's redirect carried (`code`, `state`), left by the callback page for
/// the app to take once.
pub const CALLBACK_QUERY: &str = "orderlint.feedamp.callback";
/// Authorization codes already exchanged in this tab, to refuse a replayed callback.
pub const USED_CODES: &str = "orderlint.feedamp.used_codes";

pub fn get(key: &str) -> Option<String> {
    local()?.get_item(key).ok()?
}

pub fn set(key: &str, value: &str) {
    try_set(key, value);
}

/// Like [`set`], but says whether the value was kept (storage can be full).
pub fn try_set(key: &str, value: &str) -> bool {
    local().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Every stored (key, value) whose key starts with `prefix`.
pub fn entries(prefix: &str) -> Vec<(String, String)> {
    let Some(s) = local() else { return vec![] };
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .filter_map(|k| s.get_item(&k).ok().flatten().map(|v| (k, v)))
        .collect()
}

pub fn remove_all(prefix: &str) {
    for (k, _) in entries(prefix) {
        remove(&k);
    }
}

pub fn remove(key: &str) {
    if let Some(s) = local() {
        let _ = s.remove_item(key);
    }
}

pub fn get_json<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    serde_json::from_str(&get(key)?).ok()
}

pub fn set_json<T: serde::Serialize>(key: &str, value: &T) {
    if let Ok(text) = serde_json::to_string(value) {
        set(key, &text);
    }
}

pub const SETTINGS: &str = "orderlint.settings";
pub const API_KEY: &str = "orderlint.veeqo_api_key";
pub const VARS: &str = "orderlint.vars";
pub const CLIENT_SECRET: &str = "orderlint.feedamp_client_secret";

/// The bulk page's file (name, kind, text), kept like a draft.
pub const BULK_FILE: &str = "orderlint.bulk.file";
/// The bulk page's paste box.
pub const BULK_PASTE: &str = "orderlint.bulk.paste";
/// The bulk page's FeedAMP pace, a second.
pub const BULK_PACE: &str = "orderlint.bulk.feedamp_pace";

/// The in-page sandbox's accounts (what was sent to it), so a reload finds the ids the
/// flow carries still there.
pub const SANDBOX_STATE: &str = "orderlint.sandbox.state";
/// This tab's connection to the sandbox's FeedAMP: sandbox tokens open nothing but the
/// in-page simulator, so they are kept for a reload; a Live session never is.
pub const SANDBOX_SESSION: &str = "orderlint.feedamp.sandbox_session";

/// Where a bulk delivery is recorded, per target and payload fingerprint.
pub fn delivery_prefix(target: &str) -> String {
    format!("orderlint.bulk.sent.{target}.")
}

/// What this device holds for orderlint, by kind, for Settings to show before it is
/// forgotten: (what, how many entries, what it may contain).
pub fn inventory() -> Vec<(&'static str, usize, &'static str)> {
    let count = |prefix: &str| entries(prefix).len();
    let one = |key: &str| usize::from(get(key).is_some());
    vec![
        (
            "Drafts",
            count("orderlint.draft."),
            "the payloads you edited: customers' names and addresses",
        ),
        (
            "Bulk file, paste box and pace",
            one(BULK_FILE) + one(BULK_PASTE) + one(BULK_PACE),
            "a file of payloads: customers' names and addresses",
        ),
        (
            "Bulk delivery records",
            count("orderlint.bulk.sent."),
            "which payloads were sent and the API's answers; without them a resend is not stopped",
        ),
        (
            "The sandbox's accounts",
            one(SANDBOX_STATE),
            "what you sent the in-page sandbox: channels, products, orders and their customers",
        ),
        (
            "Ids carried between steps",
            one(VARS),
            "channel, product and order ids",
        ),
        (
            "Remembered secrets",
            one(API_KEY) + one(CLIENT_SECRET),
            "the Veeqo API key, the FeedAMP client secret",
        ),
        ("Settings", one(SETTINGS), "target, proxy URL, timeout"),
    ]
}

/// Everything orderlint keeps on this device, in this browser's localStorage and in this
/// tab's sessionStorage.
pub fn forget_everything() {
    remove_all("orderlint.");
    if let Some(s) = session() {
        let keys: Vec<String> = (0..s.length().unwrap_or(0))
            .filter_map(|i| s.key(i).ok().flatten())
            .filter(|k| k.starts_with("orderlint."))
            .collect();
        for k in keys {
            let _ = s.remove_item(&k);
        }
    }
}

pub fn draft_key(step: &str) -> String {
    format!("orderlint.draft.{step}")
}
