//! The FeedAMP sandbox behaves like the API: OAuth with single-use codes and expiring
//! tokens, orders and the marketplace state machine, fulfillment status, cursor pages.

use orderlint::api::{feedamp, parse_query, ApiError, Method, Request, Response};
use orderlint::samples;
use orderlint::sandbox::feedamp::{CLIENT_ID, CLIENT_SECRET};
use orderlint::sandbox::{Api, Sandbox};
use serde_json::{json, Value};

const BASE: &str = "https://feedamp.test";
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
        self.sb.handle(Api::Feedamp, &req, self.now)
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
    /// Authorize → approve → callback, returning the query the callback receives.
    fn approve(&mut self, state: &str, yes: bool) -> String {
        let url = feedamp::authorize_url(BASE, CLIENT_ID, CALLBACK, state, None);
        let page = self.raw(request_for(&url));
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(page.body.contains("id=\"approve\""));
        let id = page.header("x-sandbox-request").unwrap().to_string();
        let decision = format!("{BASE}/decision?request={id}&approve={yes}");
        let redirect = self.raw(request_for(&decision));
        assert_eq!(redirect.status, 302);
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
        json!({"GET /authorize": 1, "GET /decision": 1, "GET /orders": 1, "POST /access_token": 3})
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
