//! The FeedAMP sandbox behaves like the API: OAuth with a seller's sign-in, session and
//! consent, single-use codes and expiring tokens, orders and the marketplace state machine,
//! fulfillment status, cursor pages.

mod common;

use orderlint::api::{encode, feedamp, parse_query, ApiError, Method, Request, Response};
use orderlint::samples;
use orderlint::sandbox::feedamp::{
    CLIENT_ID, CLIENT_SECRET, SELLER_PASSWORD, SELLER_USERNAME, SESSION_COOKIE,
};
use orderlint::sandbox::{Api, Sandbox};
use serde_json::{json, Value};

const BASE: &str = "https://feedamp.test";
/// What a browser sends as `Host` to BASE.
const HOST: &str = "feedamp.test";
const CALLBACK: &str = "https://app.example/feedamp-callback/";
/// A fixed wall clock: 2026-11-22T06:00:00Z.
const T0: u64 = 1_795_327_200_000;

struct Client {
    sb: Sandbox,
    now: u64,
    token: Option<String>,
}

impl Client {
    fn new() -> Self {
        Client {
            sb: Sandbox::new(),
            now: T0,
            token: None,
        }
    }
    fn raw(&mut self, req: Request) -> Response {
        self.now += 1000;
        let resp = self.sb.handle(Api::Feedamp, &req, self.now);
        common::documented(Api::Feedamp, &req, &resp);
        resp
    }
    fn send(&mut self, mut req: Request) -> Response {
        if let Some(t) = &self.token {
            feedamp::authorize(&mut req, t);
        }
        self.raw(req)
    }
    fn ok(&mut self, req: Request) -> Value {
        let r = self.send(req);
        feedamp::parse(&r).unwrap_or_else(|e| panic!("{e}: {}", r.body))
    }
    /// Authorize → sign in → consent → approve or deny → callback, as the seller's browser
    /// walks it on FeedAMP's own origin; returns the query the callback receives.
    fn approve(&mut self, state: &str, yes: bool) -> String {
        let url = feedamp::authorize_url(BASE, CLIENT_ID, CALLBACK, state, None);
        let page = self.raw(request_for(&url));
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(page.body.contains("id=\"sign-in\""), "{}", page.body);
        let id = page.header("x-sandbox-request").unwrap().to_string();
        let session = sign_in(self, &id);
        let csrf = consent_token(self, &id, &session);
        let approve = yes.to_string();
        let fields = [
            ("request", id.as_str()),
            ("csrf_token", &csrf),
            ("approve", &approve),
        ];
        let redirect = self.raw(form_post("/decision", &fields, Some(&session)));
        assert_eq!(redirect.status, 302, "{}", redirect.body);
        let loc = redirect.header("location").unwrap().to_string();
        assert!(loc.starts_with(CALLBACK), "{loc}");
        loc.split_once('?').unwrap().1.to_string()
    }
    fn connect(&mut self) -> feedamp::Tokens {
        let q = self.approve("st4te-0123456789abcdef", true);
        let code = feedamp::read_callback(&q, Some("st4te-0123456789abcdef")).unwrap();
        let t = feedamp::Tokens::parse(&self.raw(feedamp::exchange_code(
            &code,
            CLIENT_ID,
            CLIENT_SECRET,
            None,
        )))
        .unwrap();
        self.token = Some(t.access_token.clone());
        t
    }
    fn advance(&mut self, secs: u64) {
        let mut r = Request::new(Method::Post, "/_sandbox/clock");
        r.body = Some(json!({ "advance_s": secs }).to_string());
        assert_eq!(self.raw(r).status, 200);
    }
    fn seller(&mut self, n: &str, kind: &str, body: Value) -> Value {
        let mut r = Request::new(Method::Post, format!("/_sandbox/orders/{n}/{kind}"));
        r.body = Some(body.to_string());
        let resp = self.raw(r);
        assert_eq!(resp.status, 201, "{}", resp.body);
        serde_json::from_str(&resp.body).unwrap()
    }
}

/// A form the seller's browser posts on FeedAMP's own origin, with its session cookie.
fn form_post(path: &str, fields: &[(&str, &str)], session: Option<&str>) -> Request {
    let body: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect();
    let mut r = Request::new(Method::Post, path)
        .header("Host", HOST)
        .header("Origin", BASE)
        .header("Content-Type", "application/x-www-form-urlencoded");
    r.body = Some(body.join("&"));
    if let Some(s) = session {
        r.set_header("Cookie", format!("theme=dark; {SESSION_COOKIE}={s}"));
    }
    r
}

/// Signs the seller in for authorization request `id`: the session cookie's value.
fn sign_in(c: &mut Client, id: &str) -> String {
    let fields = [
        ("username", SELLER_USERNAME),
        ("password", SELLER_PASSWORD),
        ("request", id),
    ];
    let r = c.raw(form_post("/login", &fields, None));
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(
        r.header("location"),
        Some(format!("consent?request={id}").as_str())
    );
    let cookie = r.header("set-cookie").unwrap();
    let (pair, attrs) = cookie.split_once(';').unwrap();
    assert_eq!(attrs.trim(), "Path=/feedamp; HttpOnly; SameSite=Lax");
    pair.strip_prefix("feedamp_session=").unwrap().to_string()
}

/// Opens the consent page (where sign-in sent the seller): its CSRF token.
fn consent_token(c: &mut Client, id: &str, session: &str) -> String {
    let r = c.raw(get_with_cookie(&format!("/consent?request={id}"), session));
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("id=\"approve\""), "{}", r.body);
    hidden(&r.body, "csrf_token")
}

fn get_with_cookie(target: &str, session: &str) -> Request {
    let mut r = request_for(&format!("{BASE}{target}"));
    r.set_header("Host", HOST);
    r.set_header("Cookie", format!("{SESSION_COOKIE}={session}"));
    r
}

/// A hidden form field's value on a page.
fn hidden(html: &str, name: &str) -> String {
    let at = format!("name=\"{name}\" value=\"");
    let rest = &html[html
        .find(&at)
        .unwrap_or_else(|| panic!("no {name}: {html}"))
        + at.len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

fn request_for(url: &str) -> Request {
    let rest = url.strip_prefix(BASE).unwrap();
    let (path, q) = rest.split_once('?').unwrap_or((rest, ""));
    let mut r = Request::new(Method::Get, path);
    r.query = parse_query(q);
    r
}

fn order(n: &str, state: &str) -> String {
    let mut o: Value = serde_json::from_str(samples::FEEDAMP_ORDER).unwrap();
    o["mp_order_number"] = json!(n);
    o["marketplace_state"] = json!(state);
    o.to_string()
}

fn set_state(c: &mut Client, n: &str, state: &str) -> Response {
    c.send(feedamp::put_order(n, &order(n, state)))
}

#[test]
fn oauth_codes_are_single_use_and_state_is_returned() {
    let mut c = Client::new();
    let q = c.approve("s-abcdefghijklmnop", true);
    // A tampered state is refused before anything is exchanged.
    assert!(feedamp::read_callback(&q, Some("s-other")).is_err());
    let code = feedamp::read_callback(&q, Some("s-abcdefghijklmnop")).unwrap();
    let bad_secret = c.raw(feedamp::exchange_code(&code, CLIENT_ID, "wrong", None));
    assert_eq!(bad_secret.status, 401);
    let first = c.raw(feedamp::exchange_code(
        &code,
        CLIENT_ID,
        CLIENT_SECRET,
        None,
    ));
    let tokens = feedamp::Tokens::parse(&first).unwrap();
    assert_eq!(
        (tokens.expires_in, tokens.token_type.as_str()),
        (3600, "Bearer")
    );
    let again = c.raw(feedamp::exchange_code(
        &code,
        CLIENT_ID,
        CLIENT_SECRET,
        None,
    ));
    assert_eq!(again.status, 400);
    assert!(ApiError::from_response(&again)
        .to_string()
        .contains("authorization code already used"));
    // Denied: the callback says so.
    let q = c.approve("s-abcdefghijklmnop", false);
    assert!(feedamp::read_callback(&q, Some("s-abcdefghijklmnop"))
        .unwrap_err()
        .contains("access_denied"));
    // The usual OAuth spelling is refused with the spec's.
    let wrong = c.raw(request_for(&format!(
        "{BASE}/authorize?response_type=code&client_id={CLIENT_ID}&redirect_uri=x&state=s"
    )));
    assert_eq!(wrong.status, 400);
    assert!(wrong.body.contains("redirect_url"));
    // Strict like a real server: a redirect URL with a fragment is refused (RFC 6749
    // section 3.1.2), and the code is appended as a query, after any query already there.
    let fragment = c.raw(request_for(&feedamp::authorize_url(
        BASE,
        CLIENT_ID,
        "https://app.example/#/feedamp/callback",
        "s-abcdefghijklmnop",
        None,
    )));
    assert_eq!(fragment.status, 400);
    assert!(
        fragment.body.contains("must not include a fragment"),
        "{}",
        fragment.body
    );
    let url = feedamp::authorize_url(
        BASE,
        CLIENT_ID,
        "https://app.example/cb/?from=x",
        "s-q",
        None,
    );
    let page = c.raw(request_for(&url));
    let id = page.header("x-sandbox-request").unwrap().to_string();
    let back = c.raw(request_for(&format!(
        "{BASE}/decision?request={id}&approve=true"
    )));
    let loc = back.header("location").unwrap();
    assert!(
        loc.starts_with("https://app.example/cb/?from=x&code="),
        "{loc}"
    );
    assert!(loc.ends_with("&state=s-q"), "{loc}");
}

/// The authorize page is a real authorization server's: a sign-in form, a session cookie,
/// consent with a CSRF token bound to the session and the request, and no POST taken from
/// another origin.
#[test]
fn sign_in_then_consent_then_a_decision_only_the_session_can_make() {
    let mut c = Client::new();
    let authorize = |c: &mut Client, session: Option<&str>| {
        let url = feedamp::authorize_url(BASE, CLIENT_ID, CALLBACK, "st4te-0123456789abcdef", None);
        let mut req = request_for(&url);
        if let Some(s) = session {
            req.set_header("Cookie", format!("{SESSION_COOKIE}={s}"));
        }
        let page = c.raw(req);
        assert_eq!(page.status, 200, "{}", page.body);
        page
    };
    let page = authorize(&mut c, None);
    let id = page.header("x-sandbox-request").unwrap().to_string();
    for part in [
        "<form method=\"post\" action=\"login\">",
        "id=\"username\" name=\"username\"",
        "id=\"password\" name=\"password\" type=\"password\"",
        "id=\"sign-in\"",
        SELLER_USERNAME,
        SELLER_PASSWORD,
    ] {
        assert!(page.body.contains(part), "{part}: {}", page.body);
    }
    assert_eq!(hidden(&page.body, "request"), id);
    assert!(!page.body.contains("id=\"approve\"") && !page.body.contains("<script"));
    let csp = page.header("content-security-policy").unwrap();
    assert!(
        csp.starts_with("default-src 'none';") && !csp.contains("script-src"),
        "{csp}"
    );
    assert_eq!(page.header("x-frame-options"), Some("DENY"));
    assert_eq!(page.header("cache-control"), Some("no-store"));

    // A wrong password: the form again, with the message and the email kept; no cookie.
    let wrong = [
        ("username", SELLER_USERNAME),
        ("password", "nope"),
        ("request", &id),
    ];
    let r = c.raw(form_post("/login", &wrong, None));
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Wrong email or password."), "{}", r.body);
    assert!(
        r.body.contains(&format!("value=\"{SELLER_USERNAME}\"")),
        "{}",
        r.body
    );
    assert_eq!(
        (r.header("set-cookie"), r.header("x-sandbox-request")),
        (None, Some(id.as_str()))
    );
    let stranger = [
        ("username", "x@example.com"),
        ("password", SELLER_PASSWORD),
        ("request", &id),
    ];
    assert!(c
        .raw(form_post("/login", &stranger, None))
        .body
        .contains("Wrong email"));
    // The right ones, from another origin (a proxy in front, another site): refused.
    let right = [
        ("username", SELLER_USERNAME),
        ("password", SELLER_PASSWORD),
        ("request", &id),
    ];
    let mut cross = form_post("/login", &right, None);
    cross.set_header("Origin", "https://proxy.example");
    let r = c.raw(cross);
    assert_eq!(
        (r.status, r.header("set-cookie")),
        (403, None),
        "{}",
        r.body
    );
    assert!(r.body.contains("cross-origin POST refused"), "{}", r.body);
    let unknown = [
        ("username", SELLER_USERNAME),
        ("password", SELLER_PASSWORD),
        ("request", "req_forged"),
    ];
    assert_eq!(c.raw(form_post("/login", &unknown, None)).status, 400);

    let session = sign_in(&mut c, &id);
    let csrf = consent_token(&mut c, &id, &session);
    // Reloading consent keeps the token; without the cookie it is the sign-in page again.
    assert_eq!(consent_token(&mut c, &id, &session), csrf);
    let r = c.raw(request_for(&format!("{BASE}/consent?request={id}")));
    assert!(r.body.contains("id=\"sign-in\""), "{}", r.body);

    let decide = |c: &mut Client, session: Option<&str>, csrf: &str, request: &str| {
        let fields = [
            ("request", request),
            ("csrf_token", csrf),
            ("approve", "true"),
        ];
        c.raw(form_post("/decision", &fields, session))
    };
    // Refused: no cookie, no token, a forged one, and a cross-origin post of the real one.
    let no_cookie = decide(&mut c, None, &csrf, &id);
    assert_eq!(no_cookie.status, 403);
    assert!(
        no_cookie.body.contains("not signed in"),
        "{}",
        no_cookie.body
    );
    for forged in ["", "csrf_0000000000000000", &session] {
        let r = decide(&mut c, Some(&session), forged, &id);
        assert_eq!(r.status, 403, "{forged:?}: {}", r.body);
        assert!(r.body.contains("csrf_token"), "{}", r.body);
    }
    let fields = [
        ("request", id.as_str()),
        ("csrf_token", &csrf),
        ("approve", "true"),
    ];
    let mut cross = form_post("/decision", &fields, Some(&session));
    cross.set_header("Origin", "http://127.0.0.1:9000");
    assert_eq!(c.raw(cross).status, 403);
    // Another session (another sign-in, another browser) cannot use this one's token.
    let other = sign_in(&mut c, &id);
    assert_eq!(decide(&mut c, Some(&other), &csrf, &id).status, 403);
    // Opening consent there binds a new token to it, and voids the first.
    let other_csrf = consent_token(&mut c, &id, &other);
    assert_ne!(other_csrf, csrf);
    assert_eq!(decide(&mut c, Some(&session), &csrf, &id).status, 403);
    let csrf = consent_token(&mut c, &id, &session);

    // None of that answered the request: the session's own decision does, once.
    let r = decide(&mut c, Some(&session), &csrf, &id);
    assert_eq!(r.status, 302, "{}", r.body);
    let q = r
        .header("location")
        .unwrap()
        .split_once('?')
        .unwrap()
        .1
        .to_string();
    let code = feedamp::read_callback(&q, Some("st4te-0123456789abcdef")).unwrap();
    let replay = decide(&mut c, Some(&session), &csrf, &id);
    assert_eq!(replay.status, 400);
    assert!(replay.body.contains("already answered"), "{}", replay.body);
    let t = c.raw(feedamp::exchange_code(
        &code,
        CLIENT_ID,
        CLIENT_SECRET,
        None,
    ));
    assert!(feedamp::Tokens::parse(&t).is_ok(), "{}", t.body);

    // Signed in, the next authorization goes straight to consent, its token its own.
    let page = authorize(&mut c, Some(&session));
    let next = page.header("x-sandbox-request").unwrap().to_string();
    assert!(
        page.body
            .contains("<form method=\"post\" action=\"decision\">"),
        "{}",
        page.body
    );
    for part in [
        "id=\"approve\" type=\"submit\" name=\"approve\" value=\"true\"",
        "id=\"deny\" type=\"submit\" name=\"approve\" value=\"false\"",
    ] {
        assert!(page.body.contains(part), "{part}: {}", page.body);
    }
    assert!(!page.body.contains("id=\"sign-in\""));
    let next_csrf = hidden(&page.body, "csrf_token");
    assert_eq!(decide(&mut c, Some(&session), &csrf, &next).status, 403);
    let fields = [
        ("request", next.as_str()),
        ("csrf_token", &next_csrf),
        ("approve", "false"),
    ];
    let r = c.raw(form_post("/decision", &fields, Some(&session)));
    assert!(
        r.header("location")
            .unwrap()
            .contains("error=access_denied"),
        "{:?}",
        r.headers
    );

    // A session ends: twelve hours on, the cookie signs no one in.
    c.advance(12 * 3600);
    let page = authorize(&mut c, Some(&session));
    assert!(page.body.contains("id=\"sign-in\""), "{}", page.body);
}

/// The sandbox's own embedding control: the page's in-page Sandbox mode answers with
/// `GET /decision` through the worker, with no cookie, reading the request id off the
/// sign-in page's `X-Sandbox-Request`.
#[test]
fn the_in_page_mode_decides_without_signing_in() {
    let mut c = Client::new();
    let url = feedamp::authorize_url(BASE, CLIENT_ID, CALLBACK, "s-abcdefghijklmnop", None);
    let page = c.raw(request_for(&url));
    assert!(page.body.contains("id=\"sign-in\""), "{}", page.body);
    let id = page.header("x-sandbox-request").unwrap();
    let r = c.raw(feedamp::sandbox::decision(id, true));
    assert_eq!(r.status, 302, "{}", r.body);
    assert!(r
        .header("location")
        .unwrap()
        .starts_with(&format!("{CALLBACK}?code=")));
}

/// PKCE, when the authorization asks for it: the code is redeemed only with the verifier
/// whose S256 was sent; without a challenge the flow is the spec's as before.
#[test]
fn pkce_binds_the_code_to_its_verifier() {
    let mut c = Client::new();
    let verifier = orderlint::api::pkce::verifier(&[7; 32]);
    let challenge = orderlint::api::pkce::challenge(&verifier);
    let authorize = |c: &mut Client, state: &str| {
        let url = feedamp::authorize_url(BASE, CLIENT_ID, CALLBACK, state, Some(&challenge));
        let page = c.raw(request_for(&url));
        assert_eq!(page.status, 200, "{}", page.body);
        let id = page.header("x-sandbox-request").unwrap().to_string();
        let back = c.raw(request_for(&format!(
            "{BASE}/decision?request={id}&approve=true"
        )));
        let q = back
            .header("location")
            .unwrap()
            .split_once('?')
            .unwrap()
            .1
            .to_string();
        feedamp::read_callback(&q, Some(state)).unwrap()
    };
    // A stolen code without the verifier, or with another, is refused.
    let code = authorize(&mut c, "pkce-state-0123456789");
    let none = c.raw(feedamp::exchange_code(
        &code,
        CLIENT_ID,
        CLIENT_SECRET,
        None,
    ));
    assert_eq!(none.status, 400);
    assert!(
        none.body.contains("code_verifier is required"),
        "{}",
        none.body
    );
    let code = authorize(&mut c, "pkce-state-0123456789");
    let other = orderlint::api::pkce::verifier(&[8; 32]);
    let wrong = c.raw(feedamp::exchange_code(
        &code,
        CLIENT_ID,
        CLIENT_SECRET,
        Some(&other),
    ));
    assert!(
        wrong.body.contains("does not match the code_challenge"),
        "{}",
        wrong.body
    );
    // The tab that asked for it gets its tokens.
    let code = authorize(&mut c, "pkce-state-0123456789");
    let ok = c.raw(feedamp::exchange_code(
        &code,
        CLIENT_ID,
        CLIENT_SECRET,
        Some(&verifier),
    ));
    assert_eq!(ok.status, 200, "{}", ok.body);
    // Only S256.
    let plain = c.raw(request_for(&format!(
        "{BASE}/authorize?response_type=code&client_id={CLIENT_ID}&redirect_url=https%3A%2F%2Fapp.example%2Fcb&state=s&code_challenge=abc&code_challenge_method=plain"
    )));
    assert_eq!(plain.status, 400);
    assert!(plain.body.contains("must be S256"));
}

#[test]
fn tokens_expire_after_an_hour_and_refresh() {
    let mut c = Client::new();
    let t = c.connect();
    assert_eq!(c.send(feedamp::get_orders(&json!({}), None)).status, 200);
    c.advance(3600);
    let expired = c.send(feedamp::get_orders(&json!({}), None));
    assert_eq!(expired.status, 401);
    assert!(expired.body.contains("Token expired"));
    let fresh = feedamp::Tokens::parse(&c.raw(feedamp::refresh(
        &t.refresh_token,
        CLIENT_ID,
        CLIENT_SECRET,
    )))
    .unwrap();
    c.token = Some(fresh.access_token.clone());
    assert_eq!(c.send(feedamp::get_orders(&json!({}), None)).status, 200);
    // Refresh tokens rotate: the old one is spent.
    assert_eq!(
        c.raw(feedamp::refresh(&t.refresh_token, CLIENT_ID, CLIENT_SECRET))
            .status,
        400
    );
    c.token = None;
    assert_eq!(c.send(feedamp::get_orders(&json!({}), None)).status, 401);
}

#[test]
fn the_order_lifecycle() {
    let mut c = Client::new();
    c.connect();
    let n = "111-99998888-55555";
    // A new order cannot start SHIPPED.
    let r = set_state(&mut c, n, "SHIPPED");
    assert_eq!(r.status, 400);
    assert!(
        r.body.contains("feedamp.order.marketplace_state"),
        "{}",
        r.body
    );
    assert_eq!(set_state(&mut c, n, "PENDING").status, 201);
    let o = c.ok(feedamp::get_order(n));
    assert_eq!(o["fulfillment_status"], Value::Null);
    assert_eq!(o["imported_date"].as_str().unwrap().len(), 20);
    // PENDING cannot jump to SHIPPED.
    assert_eq!(set_state(&mut c, n, "SHIPPED").status, 400);
    assert_eq!(set_state(&mut c, n, "AWAITING_SHIPMENT").status, 200);
    assert_eq!(
        c.ok(feedamp::get_order(n))["fulfillment_status"],
        "UNFULFILLED"
    );

    // The seller ships line 1: partially fulfilled, and polling finds it.
    c.seller(n, "shipments", json!({"mp_line_number": "1", "quantity": 2, "carrier": "UPS", "tracking_number": "1Z999", "tracking_url": "https://ups.example/1Z999"}));
    let page = c.ok(feedamp::get_orders(
        &json!({"fulfillment_status": "PARTIALLY_FULFILLED"}),
        None,
    ));
    assert_eq!(page["orders"].as_array().unwrap().len(), 1);
    let f = c.ok(feedamp::get_fulfillments(n));
    assert_eq!(f["status"], "PARTIALLY_FULFILLED");
    assert_eq!(f["fulfillments"][0]["shipments"][0]["carrier"], "UPS");
    assert_eq!(f["fulfillments"][1]["quantity_pending"], 1);

    // The marketplace reports a bad tracking number; the order now has errors.
    let body = json!([{"mp_line_number": "1", "code": "INVALID_TRACKING_NUMBER", "message": "1Z999 is not a UPS tracking number"}]).to_string();
    assert_eq!(c.send(feedamp::report_errors(n, &body)).status, 200);
    let bad_line =
        json!([{"mp_line_number": "9", "code": "INVALID_CARRIER", "message": "x"}]).to_string();
    assert_eq!(c.send(feedamp::report_errors(n, &bad_line)).status, 400);
    let with_errors = c.ok(feedamp::get_orders(&json!({"has_errors": true}), None));
    assert_eq!(
        with_errors["orders"][0]["errors"][0]["code"],
        "INVALID_TRACKING_NUMBER"
    );

    // The seller ships the rest; the marketplace marks SHIPPED; polling shows COMPLETE.
    c.seller(
        n,
        "shipments",
        json!({"mp_line_number": "2", "quantity": 1, "carrier": "USPS", "tracking_number": "9400"}),
    );
    assert_eq!(set_state(&mut c, n, "SHIPPED").status, 200);
    let done = c.ok(feedamp::get_orders(
        &json!({"fulfillment_status": ["COMPLETE"]}),
        None,
    ));
    assert_eq!(done["orders"][0]["mp_order_number"], n);
    // SHIPPED is final.
    assert_eq!(set_state(&mut c, n, "CANCELLED").status, 400);
    assert_eq!(c.send(feedamp::get_order("nope")).status, 404);
}

#[test]
fn invalid_orders_get_400_with_pointers() {
    let mut c = Client::new();
    c.connect();
    let mut o: Value = serde_json::from_str(&order("A-1", "PENDING")).unwrap();
    o["currency"] = json!("usd");
    o["order_lines"][0]["quantity"] = json!(0);
    let r = c.send(feedamp::put_order("A-1", &o.to_string()));
    assert_eq!(r.status, 400);
    let v: Value = serde_json::from_str(&r.body).unwrap();
    let fields: Vec<&str> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert_eq!(fields, vec!["/currency", "/order_lines/0/quantity"]);
    // The path and the body must agree.
    assert_eq!(
        c.send(feedamp::put_order("A-2", &order("A-1", "PENDING")))
            .status,
        400
    );
}

#[test]
fn cursor_pagination_to_the_last_page() {
    let mut c = Client::new();
    c.connect();
    for i in 0..25 {
        assert_eq!(
            set_state(&mut c, &format!("ORD-{i:02}"), "AWAITING_SHIPMENT").status,
            201
        );
    }
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let page = c.ok(feedamp::get_orders(
            &json!({"page_size": 10}),
            cursor.as_deref(),
        ));
        pages += 1;
        seen.extend(
            page["orders"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["mp_order_number"].as_str().unwrap().to_string()),
        );
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => break,
        }
    }
    assert_eq!((pages, seen.len()), (3, 25));
    assert_eq!(seen.first().map(String::as_str), Some("ORD-00"));
    assert_eq!(
        c.send(feedamp::get_orders(&json!({"page_size": 5}), None))
            .status,
        400
    );
    assert_eq!(
        c.send(feedamp::get_orders(&json!({}), Some("garbage")))
            .status,
        400
    );
    let few = c.ok(feedamp::get_orders(
        &json!({"mp_order_numbers": "ORD-01,ORD-03"}),
        None,
    ));
    assert_eq!(few["orders"].as_array().unwrap().len(), 2);
}

#[test]
fn date_filters_read_new_york_time_without_an_offset() {
    let mut c = Client::new();
    c.connect();
    set_state(&mut c, "N-1", "PENDING"); // imported at about 2026-11-22T06:00:0xZ
    let count = |c: &mut Client, after: &str| {
        c.ok(feedamp::get_orders(&json!({"imported_after": after}), None))["orders"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(count(&mut c, "2026-11-22T05:59:00Z"), 1);
    assert_eq!(count(&mut c, "2026-11-22T06:10:00Z"), 0);
    // 01:00 in New York (EST) is 06:00Z: the order, imported a few seconds later, matches.
    assert_eq!(count(&mut c, "2026-11-22T01:00:00"), 1);
    assert_eq!(count(&mut c, "2026-11-22T01:10:00"), 0);
}

#[test]
fn refunds_over_refund_paused_then_a_correct_one_completed() {
    use orderlint::rules::feedamp::refund_check::propose_refund_errors;
    let mut c = Client::new();
    c.connect();
    let n = "R-ORDER-1";
    assert_eq!(set_state(&mut c, n, "AWAITING_SHIPMENT").status, 201);
    // The seller over-refunds line 1 (paid 22.50 a unit after discount).
    let over = json!({"merchant_refund_lines": [{"mp_line_number": "1", "quantity": 1, "item_refund": 40.0, "reason": "damaged"}]});
    let created = c.ok(feedamp::sandbox::seller_refund(n, &over.to_string()));
    let id = created["feedamp_refund_id"].to_string();
    assert_eq!(created["status"], "CREATED");
    let refund = c.ok(feedamp::get_refund(n, &id));
    let order = c.ok(feedamp::get_order(n));
    let proposed = propose_refund_errors(&refund, &order, &[]);
    assert_eq!(proposed[0]["code"], "EXCESS_ITEM_REFUND");
    let paused = c.ok(feedamp::report_refund_errors(
        n,
        &id,
        &Value::Array(proposed).to_string(),
    ));
    assert_eq!(paused["status"], "PAUSED");
    // The fused enum literal is refused; each half is accepted.
    let fused =
        json!([{"code": "INVALID_ITEM_REFUND INVALID_INVALID_ITEM_TAX_REFUND", "message": "m"}])
            .to_string();
    assert_eq!(
        c.send(feedamp::report_refund_errors(n, &id, &fused)).status,
        400
    );
    let half = json!([{"code": "INVALID_ITEM_REFUND", "message": "m"}]).to_string();
    assert_eq!(
        c.send(feedamp::report_refund_errors(n, &id, &half)).status,
        200
    );

    let fair = json!({"merchant_refund_lines": [{"mp_line_number": "1", "quantity": 1, "item_refund": 22.5, "reason": "damaged"}]});
    let fair_id = c.ok(feedamp::sandbox::seller_refund(n, &fair.to_string()))["feedamp_refund_id"]
        .to_string();
    let fair_refund = c.ok(feedamp::get_refund(n, &fair_id));
    assert!(propose_refund_errors(&fair_refund, &order, &[]).is_empty());
    assert_eq!(
        c.ok(feedamp::complete_refund(n, &fair_id))["status"],
        "COMPLETE"
    );

    let paused_list = c.ok(feedamp::get_refunds(
        &json!({"refund_status": "PAUSED"}),
        None,
    ));
    assert_eq!(paused_list["refunds"].as_array().unwrap().len(), 1);
    assert_eq!(
        c.ok(feedamp::get_order_refunds(n))["refunds"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(c.send(feedamp::get_refund(n, "999")).status, 404);
    assert_eq!(
        c.send(feedamp::get_refunds(
            &json!({"refund_status": "DONE"}),
            None
        ))
        .status,
        400
    );
}

#[test]
fn returns_authorized_refunded_completed() {
    let mut c = Client::new();
    c.connect();
    let n = "111-99998888-55555";
    assert_eq!(set_state(&mut c, n, "AWAITING_SHIPMENT").status, 201);
    let ret = samples::FEEDAMP_RETURN.to_string();
    let created = c.send(feedamp::put_return(n, "RET-1", &ret));
    assert_eq!(created.status, 201, "{}", created.body);
    let v: Value = serde_json::from_str(&created.body).unwrap();
    assert_eq!(
        (v["status"].as_str(), v["rma"].as_str()),
        (Some("AUTHORIZED"), Some("RMA-RET-1"))
    );
    // Asking back more units than were ordered less already returned: refused.
    let mut more: Value = serde_json::from_str(&ret).unwrap();
    more["return_lines"][0]["quantity"] = json!(2);
    let refused = c.send(feedamp::put_return(n, "RET-2", &more.to_string()));
    assert_eq!(refused.status, 400);
    assert!(refused.body.contains("exceeds_ordered"), "{}", refused.body);
    // The seller releases funds; the refunded amounts show; the return is completed.
    let funds = json!({"merchant_refund_lines": [{"mp_line_number": "1", "quantity": 1, "item_refund": 22.5, "item_tax_refund": 1.75}]});
    assert_eq!(
        c.ok(feedamp::sandbox::seller_return_refund(
            n,
            "RET-1",
            &funds.to_string()
        ))["status"],
        "REFUNDED"
    );
    let amounts = c.ok(feedamp::get_return_refunds(n, "RET-1"));
    assert_eq!(amounts["merchant_refund_lines"][0]["item_refund"], 22.5);
    assert_eq!(
        c.ok(feedamp::complete_return(n, "RET-1"))["status"],
        "COMPLETED"
    );
    let done = c.ok(feedamp::get_returns(&json!({"state": "COMPLETED"}), None));
    assert_eq!(done["returns"][0]["mp_return_number"], "RET-1");
    let errs = json!([{"code": "EXCESS_REFUND", "message": "m"}]).to_string();
    assert_eq!(
        c.send(feedamp::report_return_errors(n, "RET-1", &errs))
            .status,
        200
    );
    let with_errors = c.ok(feedamp::get_returns(&json!({"has_errors": true}), None));
    assert_eq!(with_errors["returns"].as_array().unwrap().len(), 1);
    assert_eq!(c.send(feedamp::get_return(n, "NOPE")).status, 404);
}

/// A control request to the sandbox itself (`/_sandbox/...`).
fn control(c: &mut Client, method: Method, path: &str, body: Value) -> Response {
    let req = Request::new(method, path).json_body(body.to_string());
    c.raw(req)
}

/// Schedules faults (`POST /_sandbox/faults`).
fn schedule(c: &mut Client, faults: Value) -> Response {
    control(c, Method::Post, "/_sandbox/faults", faults)
}

/// A refresh that meets a gateway's 503, or the token endpoint's own transient error, never
/// reached the grant: the single-use refresh token stays good for the next try.
#[test]
fn a_faulted_refresh_leaves_the_refresh_token_good() {
    let mut c = Client::new();
    let t = c.connect();
    c.advance(3600);
    let scheduled = schedule(
        &mut c,
        json!([
            {"method": "POST", "path": "/access_token", "status": 503, "retry_after_s": 5},
            {"path": "/access_token", "oauth_error": "temporarily_unavailable"},
        ]),
    );
    assert_eq!(scheduled.status, 201, "{}", scheduled.body);
    let refresh = || feedamp::refresh(&t.refresh_token, CLIENT_ID, CLIENT_SECRET);
    let r = c.raw(refresh());
    assert_eq!(
        (r.status, r.header("content-type"), r.header("retry-after")),
        (503, Some("text/html"), Some("5"))
    );
    let r = c.raw(refresh());
    assert_eq!(r.status, 503);
    let body: Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(body["error"], "temporarily_unavailable");
    assert!(feedamp::Tokens::parse(&r).is_err());

    let fresh = feedamp::Tokens::parse(&c.raw(refresh())).unwrap();
    c.token = Some(fresh.access_token.clone());
    assert_eq!(c.send(feedamp::get_orders(&json!({}), None)).status, 200);

    // What a server that detected reuse answers, in the OAuth shape; the token was not
    // spent by it either.
    schedule(
        &mut c,
        json!({"path": "/access_token", "oauth_error": "invalid_grant"}),
    );
    let again = || feedamp::refresh(&fresh.refresh_token, CLIENT_ID, CLIENT_SECRET);
    let r = c.raw(again());
    assert_eq!(r.status, 400);
    assert_eq!(
        serde_json::from_str::<Value>(&r.body).unwrap()["error"],
        "invalid_grant"
    );
    assert_eq!(c.raw(again()).status, 200);

    // Counted where it arrives: the faulted attempts never reached the token endpoint.
    let counts = control(&mut c, Method::Get, "/_sandbox/requests", Value::Null);
    assert_eq!(
        serde_json::from_str::<Value>(&counts.body).unwrap(),
        json!({"GET /authorize": 1, "POST /login": 1, "GET /consent": 1, "POST /decision": 1,
            "GET /orders": 1, "POST /access_token": 3})
    );
}

#[test]
fn feedamps_faults_speak_its_error_shape() {
    let mut c = Client::new();
    c.connect();
    schedule(
        &mut c,
        json!([
            {"method": "GET", "path": "/orders", "status": 429, "retry_after_s": 1},
            {"method": "GET", "path": "/orders", "status": 500},
            {"method": "GET", "path": "/orders", "redirect": "https://login.example/", "status": 302},
        ]),
    );
    let get = || feedamp::get_orders(&json!({}), None);
    let r = c.send(get());
    assert_eq!((r.status, r.header("retry-after")), (429, Some("1")));
    assert_eq!(r.body, json!({"error": "Too Many Requests"}).to_string());
    let r = c.send(get());
    assert_eq!(
        r.body,
        json!({"error": "Internal Server Error"}).to_string()
    );
    let r = c.send(get());
    assert_eq!(
        (r.status, r.header("location")),
        (302, Some("https://login.example/"))
    );
    assert_eq!(c.send(get()).status, 200);
    // A bad control body: 400 in FeedAMP's shape, naming the field.
    let r = schedule(&mut c, json!({"path": "/orders", "status": 418}));
    assert_eq!(r.status, 400);
    assert!(
        feedamp::parse(&r)
            .unwrap_err()
            .to_string()
            .contains("status: an error is one of 429, 500, 502, 503, 504"),
        "{}",
        r.body
    );
}

#[test]
fn a_kept_sandbox_keeps_its_orders_and_its_sellers_tokens() {
    let mut c = Client::new();
    let tokens = c.connect();
    assert_eq!(set_state(&mut c, "KEPT-1", "PENDING").status, 201);
    c.advance(120);
    let kept = c.sb.save();
    c.sb = Sandbox::restore(&kept).unwrap();
    // The token the page kept for its tab still opens the account it was issued by.
    let got = c.ok(feedamp::get_order("KEPT-1"));
    assert_eq!(got["mp_order_number"], "KEPT-1");
    // The moved clock and the single-use refresh token came along.
    let renewed = c.raw(feedamp::refresh(
        &tokens.refresh_token,
        CLIENT_ID,
        CLIENT_SECRET,
    ));
    assert_eq!(renewed.status, 200, "{}", renewed.body);
    let again = c.raw(feedamp::refresh(
        &tokens.refresh_token,
        CLIENT_ID,
        CLIENT_SECRET,
    ));
    assert_eq!(again.status, 400, "used once already: {}", again.body);
}

#[test]
fn a_method_a_path_does_not_take_gets_405_with_allow() {
    // RFC 9110 §15.5.6; Schemathesis's unsupported_method found 404s and no Allow.
    let mut c = Client::new();
    let r = c.raw(Request::new(Method::Put, "/access_token"));
    assert_eq!(
        (r.status, r.header("allow")),
        (405, Some("POST")),
        "{}",
        r.body
    );
    let mut sb = Sandbox::new();
    let mut req = Request::new(Method::Delete, "/veeqo/orders");
    req.headers.push(("x-api-key".into(), "k".into()));
    let r = sb.handle_prefixed(&req, T0);
    assert_eq!(
        (r.status, r.header("allow")),
        (405, Some("GET, POST")),
        "{}",
        r.body
    );
    let r = orderlint::sandbox::unknown_method("/feedamp/orders/A1");
    assert_eq!(
        (r.status, r.header("allow")),
        (405, Some("GET, PUT")),
        "{}",
        r.body
    );
}
