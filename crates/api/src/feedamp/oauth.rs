//! OAuth: the authorize page, the callback, code and refresh exchanges, the token on each
//! request and when to renew it; and the sandbox's own controls.

use serde::{Deserialize, Serialize};

use crate::{encode, error::json_body, segment, ApiError, Method, Request, Response};

/// Seconds before expiry at which an access token is refreshed, so no request races it.
pub const REFRESH_MARGIN_S: u64 = 300;
/// `GET /authorize`: the page the seller approves on. `redirect_url` is the spec's spelling.
/// With `challenge`, PKCE's `code_challenge` (S256) goes along.
pub fn authorize_request(
    client_id: &str,
    redirect_url: &str,
    state: &str,
    challenge: Option<&str>,
) -> Request {
    let req = Request::new(Method::Get, "/authorize")
        .query_param("response_type", "code")
        .query_param("client_id", client_id)
        .query_param("redirect_url", redirect_url)
        .query_param("state", state);
    match challenge {
        Some(c) => req
            .query_param("code_challenge", c)
            .query_param("code_challenge_method", "S256"),
        None => req,
    }
}
/// Why a sign-in address (where the seller approves, already resolved against the page's
/// address) cannot be used, or `None`. It must be FeedAMP's own, never the proxy's: the
/// seller's sign-in and password would pass through the proxy, which also strips the
/// sign-in page's cookie and is refused by its form (RFC 6749 §3.1: the front channel
/// goes to the authorization server itself).
pub fn sign_in_problem(sign_in: &str, api_base: &str) -> Option<String> {
    let s = sign_in.trim().trim_end_matches('/');
    if s.is_empty() {
        return Some("FeedAMP's sign-in address is not set: enter it in Settings (the seller-facing FeedAMP domain the marketplace was given, such as https://yourcompany.feedamp.example; it is where sellers sign in and approve, never the proxy)".into());
    }
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    if rest.is_none_or(|r| r.is_empty() || r.starts_with('/') || r.contains(['@', '\\'])) {
        return Some(format!(
            "FeedAMP's sign-in address \"{s}\" must be an absolute https:// address of FeedAMP's own domain"
        ));
    }
    if s.contains(char::is_whitespace) || s.contains(['?', '#']) {
        return Some(format!(
            "FeedAMP's sign-in address \"{s}\" must not contain spaces, ? or #"
        ));
    }
    if s == api_base.trim().trim_end_matches('/') {
        return Some("FeedAMP's sign-in address is the proxy's: sellers must sign in on FeedAMP's own domain, not through the proxy (Settings)".into());
    }
    None
}
/// The URL the seller is sent to.
pub fn authorize_url(
    base: &str,
    client_id: &str,
    redirect_url: &str,
    state: &str,
    challenge: Option<&str>,
) -> String {
    authorize_request(client_id, redirect_url, state, challenge).url(base)
}
/// The orderlint sandbox's own controls (not part of FeedAMP): the seller's answer on the
/// authorize page, the seller shipping or cancelling units, and moving the clock.
pub mod sandbox {
    use super::{segment, Method, Request};

    pub fn decision(request_id: &str, approve: bool) -> Request {
        Request::new(Method::Get, "/decision")
            .query_param("request", request_id)
            .query_param("approve", approve.to_string())
    }

    /// `kind` is `shipments` or `cancellations`.
    pub fn fulfil(mp_order_number: &str, kind: &str, body: &str) -> Request {
        let path = segment(mp_order_number).map(|n| format!("/_sandbox/orders/{n}/{kind}"));
        Request::to(Method::Post, path).json_body(body)
    }

    /// The seller issues a refund (`{"merchant_refund_lines": [...]}`), over-refunds included.
    pub fn seller_refund(mp_order_number: &str, body: &str) -> Request {
        let path = segment(mp_order_number).map(|n| format!("/_sandbox/orders/{n}/refunds"));
        Request::to(Method::Post, path).json_body(body)
    }

    /// The seller releases funds for a return (`{"merchant_refund_lines": [...]}`).
    pub fn seller_return_refund(
        mp_order_number: &str,
        mp_return_number: &str,
        body: &str,
    ) -> Request {
        let path = segment(mp_order_number).and_then(|n| {
            Ok(format!(
                "/_sandbox/orders/{n}/returns/{}/refunds",
                segment(mp_return_number)?
            ))
        });
        Request::to(Method::Post, path).json_body(body)
    }

    pub fn advance_clock(seconds: u64) -> Request {
        Request::new(Method::Post, "/_sandbox/clock")
            .json_body(format!("{{\"advance_s\": {seconds}}}"))
    }
}
fn token_request(fields: &[(&str, &str)]) -> Request {
    // An empty secret is left out: the proxy adds it when it holds the secret.
    let body: Vec<String> = fields
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect();
    let mut req = Request::new(Method::Post, "/access_token")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json");
    req.body = Some(body.join("&"));
    req
}
/// The folder beside the page that FeedAMP sends the seller back to: a static page there
/// hands the code to the app. A redirect URL has no fragment (RFC 6749 §3.1.2).
pub const CALLBACK_DIR: &str = "feedamp-callback/";
/// The callback URL for a page served at `origin` + `path` (`/`, `/app/`, `/app/index.html`).
pub fn callback_url(origin: &str, path: &str) -> String {
    let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    let dir = if dir.is_empty() { "/" } else { dir };
    format!("{origin}{dir}{CALLBACK_DIR}")
}
/// `POST /access_token` with a one-time authorization code, form-encoded as in the spec;
/// with PKCE's `code_verifier` when the authorization sent a challenge.
pub fn exchange_code(
    code: &str,
    client_id: &str,
    client_secret: &str,
    verifier: Option<&str>,
) -> Request {
    let mut fields = vec![
        ("grant_type", "authorization_code"),
        ("code", code),
        ("client_id", client_id),
        ("client_secret", client_secret),
    ];
    fields.extend(verifier.map(|v| ("code_verifier", v)));
    token_request(&fields)
}
/// `POST /access_token` with a refresh token.
pub fn refresh(refresh_token: &str, client_id: &str, client_secret: &str) -> Request {
    token_request(&[
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh_token),
        ("client_id", client_id),
        ("client_secret", client_secret),
    ])
}
/// Adds the access token; the only place a FeedAMP token enters a request.
pub fn authorize(req: &mut Request, access_token: &str) {
    req.set_header("Authorization", format!("Bearer {}", access_token.trim()));
}
/// Whether a request needs the seller's bearer token: every endpoint but the OAuth ones
/// and the sandbox's own controls.
pub fn needs_token(req: &Request) -> bool {
    !["/access_token", "/authorize", "/decision", "/_sandbox/"]
        .iter()
        .any(|p| req.path.starts_with(p))
}
/// The seller's browser's part of OAuth (the authorize page and the answer to it), which
/// redirects by design and carries no key or secret.
pub fn is_front_channel(req: &Request) -> bool {
    ["/authorize", "/decision"]
        .iter()
        .any(|p| req.path.starts_with(p))
}
/// Tokens as `POST /access_token` returns them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tokens {
    pub access_token: String,
    #[serde(default)]
    pub token_type: String,
    pub refresh_token: String,
    pub expires_in: u64,
}
impl Tokens {
    pub fn parse(resp: &Response) -> Result<Tokens, ApiError> {
        let v = json_body(resp)?;
        serde_json::from_value(v).map_err(|e| ApiError::Parse {
            message: format!("the token response lacks a field ({e})"),
            body: resp.body.clone(),
        })
    }
}
/// Whether a token obtained at `obtained_ms` should be refreshed before use at `now_ms`.
pub fn needs_refresh(tokens: &Tokens, obtained_ms: u64, now_ms: u64) -> bool {
    let expires_ms = obtained_ms + tokens.expires_in.saturating_mul(1000);
    now_ms + REFRESH_MARGIN_S * 1000 >= expires_ms
}
/// What came back on the callback URL, checked against the state the page sent.
pub fn read_callback(query: &str, expected_state: Option<&str>) -> Result<String, String> {
    let params = crate::parse_query(query.trim_start_matches('?'));
    let get = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let Some(expected) = expected_state else {
        return Err("No authorization was started from this browser (or it was already completed); connect again.".into());
    };
    match get("state") {
        Some(s) if s == expected => {}
        Some(_) => return Err("The state returned does not match the one this page sent: the response may be forged or stale. Nothing was exchanged; connect again.".into()),
        None => return Err("The callback carries no state, so it cannot be trusted; connect again.".into()),
    }
    if let Some(err) = get("error") {
        return Err(format!("The seller did not authorize access ({err})."));
    }
    match get("code") {
        Some(c) if !c.is_empty() => Ok(c.to_string()),
        _ => Err("The callback carries no authorization code.".into()),
    }
}
