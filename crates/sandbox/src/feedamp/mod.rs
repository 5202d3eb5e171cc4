//! The FeedAMP half of the sandbox: OAuth (a seller's sign-in, session cookie and consent,
//! single-use codes, tokens that expire on a clock tests can move, rotating refresh tokens),
//! orders with imported and
//! seller-updated times, cursor pagination, fulfillment status as the spec defines it,
//! error reports, and a seller panel (`/_sandbox/...`) that ships and cancels lines.
//! Payloads are checked with the same rules the page uses; what they call an error, the
//! sandbox answers with 400.
//!
//! The routes are here; the handlers live one resource per file: `oauth.rs` (the authorize
//! request and the token endpoint), `signin.rs` (the seller's pages: sign-in, consent, the
//! decision), `orders.rs`, `after_sale.rs` (refunds and returns).

use orderlint_rules::Document;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use orderlint_api::{Method, Request, Response};
use orderlint_rules::datetime::{format_utc, parse_datetime};
use orderlint_rules::{validate, Context, Issue, Kind, Severity};

mod after_sale;
mod oauth;
mod orders;
pub mod seed;
mod signin;

pub use signin::{SELLER_PASSWORD, SELLER_USERNAME, SESSION_COOKIE};

/// The sandbox's own client, shown on the Connect page.
pub const CLIENT_ID: &str = "sandbox-client";
pub const CLIENT_SECRET: &str = "sandbox-secret";
pub const ACCESS_TTL_S: u64 = 3600;
pub const REFRESH_TTL_S: u64 = 365 * 24 * 3600;
pub const CODE_TTL_S: u64 = 600;
/// What a request with an expired access token is told.
pub(crate) const TOKEN_EXPIRED: &str = "Token expired";
const DEFAULT_PAGE_SIZE: usize = 20;

#[derive(Debug, Serialize, Deserialize)]
struct AuthRequest {
    redirect_url: String,
    state: String,
    /// PKCE's S256 challenge, when the authorization sent one.
    challenge: Option<String>,
    /// The consent form's CSRF token and the session it was shown to: a decision is taken
    /// only from that session with that token.
    csrf: Option<(String, String)>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Code {
    issued_ms: u64,
    used: bool,
    /// When set, the exchange must bring the verifier whose S256 this is (RFC 7636).
    challenge: Option<String>,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
struct LineFulfillment {
    shipments: Vec<Value>,
    cancellations: Vec<Value>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Order {
    body: Value,
    imported_ms: u64,
    seller_updated_ms: u64,
    fulfillments: Vec<(String, LineFulfillment)>,
    errors: Vec<Value>,
    refunds: Vec<after_sale::Refund>,
    returns: Vec<after_sale::Return>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Feedamp {
    /// Added to the caller's clock: tests move time forward with `/_sandbox/clock`.
    clock_offset_ms: u64,
    auth_requests: HashMap<String, AuthRequest>,
    codes: HashMap<String, Code>,
    access_tokens: HashMap<String, u64>,
    refresh_tokens: HashMap<String, u64>,
    /// The seller's signed-in sessions (the `feedamp_session` cookie) and when each ends.
    sessions: HashMap<String, u64>,
    orders: Vec<Order>,
    seq: u64,
    /// Access tokens' lifetime when not [`ACCESS_TTL_S`] (`--token-ttl`): a switch of the
    /// run, not kept with the state.
    #[serde(skip)]
    access_ttl_s: Option<u64>,
    /// The key its tokens are hashed with: random per sandbox on the host; on wasm, where
    /// the standard library has no randomness, the face gives it (`reseed`) from the
    /// platform's (`crypto.getRandomValues`, `crypto.randomBytes`). Never kept.
    #[serde(skip)]
    secret: Secret,
}

type Handled = Result<Response, Response>;

struct Secret([u8; 32]);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

impl Default for Secret {
    /// On the host, 128 bits the standard library drew from the OS (`RandomState`'s keys),
    /// spread over the key. On wasm32-unknown-unknown those keys are fixed: a face must
    /// `reseed`.
    fn default() -> Self {
        use std::hash::{BuildHasher, Hasher};
        let keys = std::collections::hash_map::RandomState::new();
        let mut out = [0u8; 32];
        for (i, chunk) in out.chunks_mut(8).enumerate() {
            let mut h = keys.build_hasher();
            h.write_usize(i);
            chunk.copy_from_slice(&h.finish().to_le_bytes());
        }
        Secret(out)
    }
}

pub(crate) fn error(status: u16, message: &str) -> Response {
    Response::json(status, &json!({ "error": message }))
}

pub(crate) fn oauth_error(status: u16, code: &str, description: &str) -> Response {
    Response::json(
        status,
        &json!({ "error": code, "error_description": description }),
    )
}

/// A 400 listing what the rules call errors, each at its pointer.
fn invalid(issues: &[Issue]) -> Response {
    let errors: Vec<Value> = issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| json!({"field": i.pointer, "code": i.code, "message": i.message}))
        .collect();
    Response::json(400, &json!({ "errors": errors }))
}

fn body_json(req: &Request) -> Result<Value, Response> {
    crate::body_json(req).map_err(|m| error(400, &m))
}

impl Feedamp {
    /// How long the access tokens issued from now on live (at least a second).
    pub fn set_access_ttl_s(&mut self, seconds: u64) {
        self.access_ttl_s = Some(seconds.max(1));
    }

    fn access_ttl_s(&self) -> u64 {
        self.access_ttl_s.unwrap_or(ACCESS_TTL_S)
    }

    fn now(&self, now_ms: u64) -> u64 {
        now_ms + self.clock_offset_ms
    }

    /// An opaque token: 128 bits of SHA-256 over a random secret, a counter and the clock.
    /// Secret, because a session cookie or a code must not be derivable from another one
    /// (a bare counter-and-clock mix can be inverted).
    fn token(&mut self, prefix: &str, now_ms: u64) -> String {
        self.seq += 1;
        let digest = Sha256::new()
            .chain_update(self.secret.0)
            .chain_update(self.seq.to_le_bytes())
            .chain_update(now_ms.to_le_bytes())
            .finalize();
        let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
        format!("{prefix}_{hex}")
    }

    /// Keys the tokens with `entropy` (a face's random bytes).
    pub fn reseed(&mut self, entropy: &[u8]) {
        self.secret = Secret(Sha256::digest(entropy).into());
    }

    pub fn handle(&mut self, req: &Request, now_ms: u64) -> Response {
        let now = self.now(now_ms);
        let path = req.path.split('?').next().unwrap_or("");
        let segs: Vec<String> = path
            .trim_matches('/')
            .split('/')
            .filter(|s| !s.is_empty())
            .map(orderlint_api::decode)
            .collect();
        let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
        let result = match (req.method, segs.as_slice()) {
            (Method::Get, ["authorize"]) => self.authorize(req, now),
            (Method::Post, ["login"]) => self.login(req, now),
            (Method::Get, ["consent"]) => self.consent(req, now),
            (Method::Post, ["decision"]) => self.decide_form(req, now),
            (Method::Get, ["decision"]) => self.decide(&req.query, now),
            (Method::Post, ["access_token"]) => self.access_token(req, now),
            (Method::Post, ["_sandbox", "clock"]) => self.move_clock(req),
            (Method::Post, ["_sandbox", "orders", n, "shipments"]) => {
                self.seller_fulfil(n, req, now, "shipments")
            }
            (Method::Post, ["_sandbox", "orders", n, "cancellations"]) => {
                self.seller_fulfil(n, req, now, "cancellations")
            }
            (Method::Post, ["_sandbox", "orders", n, "refunds"]) => self.seller_refund(n, req, now),
            (Method::Post, ["_sandbox", "orders", n, "returns", ret, "refunds"]) => {
                self.seller_return_refund(n, ret, req)
            }
            (_, ["refunds" | "returns"]) => self
                .authorized(req, now)
                .and_then(|()| self.after_sale_lists(req, &segs)),
            (_, ["orders", _, "refunds" | "returns", ..]) => self
                .authorized(req, now)
                .and_then(|()| self.after_sale_route(req, &segs, now)),
            (_, ["orders", ..]) => self
                .authorized(req, now)
                .and_then(|()| self.orders_route(req, &segs, now)),
            // A path the API has, with another method: 405 (`Sandbox::handle` adds `Allow`).
            _ if !orderlint_rules::openapi::methods_at(orderlint_rules::Api::Feedamp, path)
                .is_empty() =>
            {
                Err(error(
                    405,
                    &format!("{} is not allowed on {path}", req.method),
                ))
            }
            _ => Err(error(404, &format!("No route {} {path}", req.method))),
        };
        result.unwrap_or_else(|e| e)
    }
}

/// An error report's body, checked with `kind`'s rules (400 when they find errors), each
/// entry stamped with the time it was received.
fn checked_report(
    req: &Request,
    kind: Kind,
    ctx: Option<&Context>,
    now: u64,
) -> Result<Vec<Value>, Response> {
    let body = body_json(req)?;
    let out = validate(kind, Document::from_serde(&body).value(), ctx);
    if !out.valid {
        return Err(invalid(&out.issues));
    }
    Ok(body
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            let mut e = e.clone();
            e["date_created"] = json!(format_utc((now / 1000) as i64));
            e
        })
        .collect())
}

/// A list request's filters, checked with the same rules the page uses.
struct Filters {
    q: Value,
}

impl Filters {
    fn parse(query: &[(String, String)], kind: Kind) -> Result<Filters, Response> {
        let q: Map<String, Value> = query
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect();
        let q = Value::Object(q);
        let out = validate(kind, Document::from_serde(&q).value(), None);
        if !out.valid {
            return Err(invalid(&out.issues));
        }
        Ok(Filters { q })
    }

    fn get(&self, k: &str) -> Option<&str> {
        self.q.get(k).and_then(Value::as_str)
    }

    fn list(&self, k: &str) -> Option<Vec<String>> {
        self.get(k)
            .map(|s| s.split(',').map(|p| p.trim().to_string()).collect())
    }

    /// A date-time filter in epoch milliseconds (no offset: America/New_York).
    fn since(&self, k: &str) -> Option<i64> {
        self.get(k)
            .and_then(parse_datetime)
            .map(|d| d.epoch_seconds_new_york_default() * 1000)
    }

    fn flag(&self, k: &str) -> Option<bool> {
        self.get(k).map(|s| s == "true")
    }

    /// One page of `items` under `key`, with the cursor to the next.
    fn page(&self, items: Vec<Value>, key: &str) -> Handled {
        let size = self
            .get("page_size")
            .and_then(|s| s.parse().ok())
            .unwrap_or(DEFAULT_PAGE_SIZE);
        let start = match self.get("cursor") {
            None => 0,
            Some(c) => c
                .strip_prefix("c-")
                .and_then(|n| usize::from_str_radix(n, 36).ok())
                .ok_or_else(|| error(400, "cursor is not one this API returned"))?,
        };
        let page: Vec<Value> = items.iter().skip(start).take(size).cloned().collect();
        let next = (start + size < items.len()).then(|| format!("c-{}", to_base36(start + size)));
        Ok(Response::json(
            200,
            &json!({ key: page, "next_cursor": next }),
        ))
    }
}

/// A query parameter's value, empty when absent.
fn param(query: &[(String, String)], name: &str) -> String {
    query
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

fn to_base36(mut n: usize) -> String {
    let digits = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(digits[n % 36]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn has_any(errors: &[Value]) -> bool {
    !errors.is_empty()
}

#[cfg(test)]
mod tests {
    use super::Feedamp;

    #[test]
    fn tokens_follow_the_secret_not_only_the_clock_and_counter() {
        let (mut a, mut b) = (Feedamp::default(), Feedamp::default());
        // The host draws a secret per sandbox: same counter, same clock, other tokens.
        assert_ne!(a.token("code", 1), b.token("code", 1));
        a.reseed(b"one face's random bytes");
        b.reseed(b"another face's random bytes");
        assert_ne!(a.token("code", 1), b.token("code", 1));
        b.reseed(b"one face's random bytes");
        let (ta, tb) = (a.token("code", 1), b.token("code", 1));
        assert_eq!(
            ta, tb,
            "the token is a function of the secret, counter and clock"
        );
        assert!(
            ta.starts_with("code_") && ta.len() == "code_".len() + 32,
            "{ta}"
        );
    }
}
