//! FeedAMP Order Source API 0.2.0 endpoints, OAuth included. Thin functions: each builds
//! one [`Request`]; the bearer token is added by [`authorize`].

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{encode, error::json_body, segment, ApiError, Method, Request, Response};
use orderlint_text::locate::string_at;

/// Seconds before expiry at which an access token is refreshed, so no request races it.
pub const REFRESH_MARGIN_S: u64 = 300;

pub mod view;

fn json_request(method: Method, path: Result<String, String>, body: Option<&str>) -> Request {
    let req = Request::to(method, path).header("Accept", "application/json");
    match body {
        Some(b) => req.json_body(b),
        None => req,
    }
}

fn order_path(mp_order_number: &str) -> Result<String, String> {
    Ok(format!("/orders/{}", segment(mp_order_number)?))
}

/// `/orders/{n}` followed by `rest`.
fn below_order(mp_order_number: &str, rest: &str) -> Result<String, String> {
    Ok(format!("{}{rest}", order_path(mp_order_number)?))
}

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

/// Fields `GET /orders/{n}` adds that are not part of a placed order's body.
const VIEW_ONLY: &[&str] = &[
    "fulfillments",
    "errors",
    "status",
    "acknowledged",
    "fulfillment_status",
    "imported_date",
    "seller_updated_date",
];

/// The body of an update that moves a placed order to `state`: the order as placed, with
/// only the marketplace state changed (the one field an update changes).
pub fn update_body(placed: &Value, state: &str) -> Value {
    let mut body = placed.clone();
    if let Some(m) = body.as_object_mut() {
        m.retain(|k, _| !VIEW_ONLY.contains(&k.as_str()));
        m.insert("marketplace_state".into(), Value::String(state.into()));
    }
    body
}

/// `PUT /orders/{n}` for a payload: the path's number is the body's own.
pub fn put_order_for(body: &str) -> Request {
    // Read in place: the editor rebuilds this request on every keystroke.
    let n = string_at(body, "/mp_order_number").unwrap_or_default();
    put_order(&n, body)
}

/// The ids a response hands to later steps, by placeholder name.
pub fn ids_from_response(body: &Value) -> Vec<(&'static str, String)> {
    body.get("mp_order_number")
        .and_then(Value::as_str)
        .map(|n| vec![("mp_order_number", n.to_string())])
        .unwrap_or_default()
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

pub fn put_order(mp_order_number: &str, body: &str) -> Request {
    json_request(Method::Put, order_path(mp_order_number), Some(body))
}

pub fn get_order(mp_order_number: &str) -> Request {
    json_request(Method::Get, order_path(mp_order_number), None)
}

pub fn get_fulfillments(mp_order_number: &str) -> Request {
    json_request(
        Method::Get,
        below_order(mp_order_number, "/fulfillments"),
        None,
    )
}

pub fn report_errors(mp_order_number: &str, body: &str) -> Request {
    json_request(
        Method::Post,
        below_order(mp_order_number, "/errors"),
        Some(body),
    )
}

fn sub_path(mp_order_number: &str, kind: &str, id: &str) -> Result<String, String> {
    Ok(format!(
        "{}/{kind}/{}",
        order_path(mp_order_number)?,
        segment(id)?
    ))
}

// Refunds and returns. The spec names these operations but prints no paths; these follow
// its resource names (`/orders/{mp_order_number}/refunds/{feedamp_refund_id}`,
// `/orders/{mp_order_number}/returns/{mp_return_number}`) and are the sandbox's.

/// `GET /refunds` with the filters of a `feedamp.refunds_query` document.
pub fn get_refunds(query: &Value, cursor: Option<&str>) -> Request {
    with_query(
        Request::new(Method::Get, "/refunds").header("Accept", "application/json"),
        query,
        cursor,
    )
}

pub fn get_order_refunds(mp_order_number: &str) -> Request {
    json_request(Method::Get, below_order(mp_order_number, "/refunds"), None)
}

pub fn get_refund(mp_order_number: &str, feedamp_refund_id: &str) -> Request {
    json_request(
        Method::Get,
        sub_path(mp_order_number, "refunds", feedamp_refund_id),
        None,
    )
}

/// Marks a refund complete; the body is an empty object, as in the spec's sample.
pub fn complete_refund(mp_order_number: &str, feedamp_refund_id: &str) -> Request {
    json_request(
        Method::Put,
        sub_path(mp_order_number, "refunds", feedamp_refund_id).map(|p| p + "/complete"),
        Some("{}"),
    )
}

pub fn report_refund_errors(mp_order_number: &str, feedamp_refund_id: &str, body: &str) -> Request {
    json_request(
        Method::Post,
        sub_path(mp_order_number, "refunds", feedamp_refund_id).map(|p| p + "/errors"),
        Some(body),
    )
}

/// `GET /returns` with the filters of a `feedamp.returns_query` document.
pub fn get_returns(query: &Value, cursor: Option<&str>) -> Request {
    with_query(
        Request::new(Method::Get, "/returns").header("Accept", "application/json"),
        query,
        cursor,
    )
}

pub fn get_order_returns(mp_order_number: &str) -> Request {
    json_request(Method::Get, below_order(mp_order_number, "/returns"), None)
}

pub fn put_return(mp_order_number: &str, mp_return_number: &str, body: &str) -> Request {
    json_request(
        Method::Put,
        sub_path(mp_order_number, "returns", mp_return_number),
        Some(body),
    )
}

pub fn get_return(mp_order_number: &str, mp_return_number: &str) -> Request {
    json_request(
        Method::Get,
        sub_path(mp_order_number, "returns", mp_return_number),
        None,
    )
}

/// The refunded amounts of a return (status, rma, merchant_refund_lines, errors).
pub fn get_return_refunds(mp_order_number: &str, mp_return_number: &str) -> Request {
    json_request(
        Method::Get,
        sub_path(mp_order_number, "returns", mp_return_number).map(|p| p + "/refunds"),
        None,
    )
}

pub fn complete_return(mp_order_number: &str, mp_return_number: &str) -> Request {
    json_request(
        Method::Put,
        sub_path(mp_order_number, "returns", mp_return_number).map(|p| p + "/complete"),
        Some("{}"),
    )
}

pub fn report_return_errors(mp_order_number: &str, mp_return_number: &str, body: &str) -> Request {
    json_request(
        Method::Post,
        sub_path(mp_order_number, "returns", mp_return_number).map(|p| p + "/errors"),
        Some(body),
    )
}

/// `GET /orders` with the filters of a `feedamp.orders_query` document (lists joined by
/// commas) and, for the pages after the first, the cursor.
pub fn get_orders(query: &Value, cursor: Option<&str>) -> Request {
    with_query(
        json_request(Method::Get, Ok("/orders".into()), None),
        query,
        cursor,
    )
}

/// A query document's filters (lists joined by commas) and the cursor, on a list request.
fn with_query(mut req: Request, query: &Value, cursor: Option<&str>) -> Request {
    if let Some(m) = query.as_object() {
        for (k, v) in m {
            let text = match v {
                Value::Array(a) => a.iter().map(scalar).collect::<Vec<_>>().join(","),
                other => scalar(other),
            };
            if k != "cursor" && !text.is_empty() {
                req = req.query_param(k, text);
            }
        }
    }
    if let Some(c) = cursor.filter(|c| !c.is_empty()) {
        req = req.query_param("cursor", c);
    }
    req
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
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

pub fn parse(resp: &Response) -> Result<Value, ApiError> {
    json_body(resp)
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
    let params = super::parse_query(query.trim_start_matches('?'));
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn oauth_requests() {
        let u = authorize_url(
            "https://feedamp.example.com",
            "mp 1",
            "https://a.example/cb?x=1",
            "s1",
            None,
        );
        assert_eq!(u, "https://feedamp.example.com/authorize?response_type=code&client_id=mp%201&redirect_url=https%3A%2F%2Fa.example%2Fcb%3Fx%3D1&state=s1");
        let r = exchange_code("c&d", "id", "se=cret", None);
        assert_eq!(
            r.body.as_deref(),
            Some("grant_type=authorization_code&code=c%26d&client_id=id&client_secret=se%3Dcret")
        );
        assert_eq!(
            r.get_header("content-type"),
            Some("application/x-www-form-urlencoded")
        );
        assert!(
            !r.url("https://x").contains("secret"),
            "the secret stays in the body"
        );
    }

    #[test]
    fn orders_query_becomes_the_query_string() {
        let q = json!({"fulfillment_status": ["UNFULFILLED", "COMPLETE"], "has_errors": false, "page_size": 20, "cursor": "ignored"});
        assert_eq!(get_orders(&q, Some("abc")).target(), "/orders?fulfillment_status=UNFULFILLED%2CCOMPLETE&has_errors=false&page_size=20&cursor=abc");
        assert_eq!(put_order("A 1", "{}").path, "/orders/A%201");
    }

    #[test]
    fn updates_send_the_placed_order_with_the_new_state() {
        let placed = json!({"mp_order_number": "A", "marketplace_state": "PENDING", "fulfillments": [], "errors": [],
            "fulfillment_status": null, "imported_date": "x", "order_lines": [{"mp_line_number": "1"}]});
        assert_eq!(
            update_body(&placed, "AWAITING_SHIPMENT"),
            json!({"mp_order_number": "A", "marketplace_state": "AWAITING_SHIPMENT", "order_lines": [{"mp_line_number": "1"}]})
        );
        assert_eq!(
            put_order_for("{\"mp_order_number\": \"B-1\"}").path,
            "/orders/B-1"
        );
        assert_eq!(
            put_order_for("not json").refused.as_deref(),
            Some("the request's path needs an id, and it is empty")
        );
    }

    #[test]
    fn refunds_and_returns() {
        assert_eq!(
            get_refunds(&json!({"refund_status": ["CREATED", "PAUSED"]}), None).target(),
            "/refunds?refund_status=CREATED%2CPAUSED"
        );
        assert_eq!(complete_refund("A", "1").method, Method::Put);
        assert_eq!(put_return("A", "R 1", "{}").path, "/orders/A/returns/R%201");
        assert_eq!(
            get_return_refunds("A", "R1").path,
            "/orders/A/returns/R1/refunds"
        );
        assert_eq!(report_return_errors("A", "R1", "[]").method, Method::Post);
        assert_eq!(
            get_returns(&json!({"state": "AUTHORIZED"}), Some("c-1")).target(),
            "/returns?state=AUTHORIZED&cursor=c-1"
        );
    }

    /// Even with the rules skipped, an id that could change the path builds a request
    /// that is never sent, and says why.
    #[test]
    fn an_id_cannot_change_the_path() {
        let attack = complete_refund("A1/refunds/1005", "1001");
        assert_eq!(
            attack.refused.as_deref(),
            Some("the id \"A1/refunds/1005\" holds \"/\", a path separator, so it could change the request's path")
        );
        assert_eq!(crate::curl::to_curl(&attack, "https://f.example", true),
            "# not sent: the id \"A1/refunds/1005\" holds \"/\", a path separator, so it could change the request's path");
        for req in [
            put_order("..", "{}"),
            get_order("A1?x=1"),
            report_errors("A1#x", "[]"),
            get_refund("A1", "1001/complete"),
            put_return("A1", "R1\\..", "{}"),
            complete_return("A1", "."),
            get_fulfillments(""),
            sandbox::fulfil("A1/x", "shipments", "{}"),
            sandbox::seller_return_refund("A1", "R\n1", "{}"),
        ] {
            assert!(req.refused.is_some(), "{req:?}");
        }
        assert_eq!(put_return("A", "R 1", "{}").refused, None);
        assert!(crate::veeqo::get_order("1/../2").refused.is_some());
    }

    #[test]
    fn callbacks() {
        assert_eq!(
            callback_url("https://a.example", "/app/"),
            "https://a.example/app/feedamp-callback/"
        );
        assert_eq!(
            callback_url("https://a.example", "/app/index.html"),
            "https://a.example/app/feedamp-callback/"
        );
        assert_eq!(
            callback_url("http://127.0.0.1:8080", "/"),
            "http://127.0.0.1:8080/feedamp-callback/"
        );
        assert_eq!(
            read_callback("?code=abc&state=s1", Some("s1")),
            Ok("abc".into())
        );
        assert!(read_callback("code=abc&state=evil", Some("s1"))
            .unwrap_err()
            .contains("does not match"));
        assert!(read_callback("code=abc", Some("s1")).is_err());
        assert!(read_callback("code=abc&state=s1", None).is_err());
        assert!(read_callback("error=access_denied&state=s1", Some("s1"))
            .unwrap_err()
            .contains("access_denied"));
    }

    #[test]
    fn refresh_before_expiry() {
        let t = Tokens {
            access_token: "a".into(),
            token_type: "Bearer".into(),
            refresh_token: "r".into(),
            expires_in: 3600,
        };
        assert!(!needs_refresh(&t, 0, 3_000_000));
        assert!(needs_refresh(&t, 0, 3_300_000));
        assert!(needs_refresh(&t, 0, 4_000_000));
    }
}
