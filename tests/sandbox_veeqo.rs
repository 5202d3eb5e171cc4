//! The Veeqo sandbox behaves like the API: status codes, error shapes, ids, rate limit,
//! and the Buyer Protection verdict on created orders.

use std::collections::BTreeMap;

mod common;

use orderlint::api::{veeqo, ApiError, Method, Request, Response};
use orderlint::rules::veeqo::troubleshoot::troubleshoot;
use orderlint::rules::{Document, List};
use orderlint::samples::{self, example_vars, fill};
use orderlint::sandbox::{Api, Sandbox};
use serde_json::{json, Value};

const KEY: &str = "test-key";

struct Client {
    sb: Sandbox,
    now: u64,
}

impl Client {
    fn new() -> Self {
        Client {
            sb: Sandbox::new(),
            now: 0,
        }
    }
    fn send(&mut self, mut req: Request) -> Response {
        veeqo::authorize(&mut req, KEY);
        self.now += 250; // under the 5-a-second leak rate
        let resp = self.sb.handle(Api::Veeqo, &req, self.now);
        common::documented(Api::Veeqo, &req, &resp);
        resp
    }
    fn ok(&mut self, req: Request) -> Value {
        let resp = self.send(req);
        veeqo::parse(&resp).unwrap_or_else(|e| panic!("{e}: {}", resp.body))
    }
}

/// Walks the guide: channel → product → channel sellable → order. Returns the ids.
fn walk(c: &mut Client, number: &str) -> BTreeMap<String, String> {
    let mut vars = example_vars();
    vars.insert("amazon_order_number".into(), number.into());
    let take = |vars: &mut BTreeMap<String, String>, body: &Value| {
        for (k, v) in veeqo::ids_from_created(body) {
            vars.insert(k.to_string(), v);
        }
    };
    let ch = c.ok(veeqo::create_channel(&fill(samples::VEEQO_CHANNEL, &vars)));
    take(&mut vars, &ch);
    let p = c.ok(veeqo::create_product(&fill(samples::VEEQO_PRODUCT, &vars)));
    take(&mut vars, &p);
    let cs = c.ok(veeqo::create_channel_sellable(&fill(
        samples::VEEQO_CHANNEL_SELLABLE_NEW,
        &vars,
    )));
    take(&mut vars, &cs);
    let o = c.ok(veeqo::create_order(&fill(samples::VEEQO_ORDER, &vars)));
    take(&mut vars, &o);
    vars
}

#[test]
fn the_guides_flow_gives_buyer_protection() {
    let mut c = Client::new();
    let vars = walk(&mut c, "112-1234567-1234567");
    let order = c.ok(veeqo::get_order(&vars["order_id"]));
    assert_eq!(
        order["sandbox_buyer_protection"]["eligible"],
        json!(true),
        "{order:#}"
    );
    assert_eq!(order["number"], "112-1234567-1234567");
    assert_eq!(order["channel"]["id"].to_string(), vars["channel_id"]);

    // The troubleshooter, fed from the API as the page does, agrees.
    let channels = c.ok(veeqo::list_channels(1, 100));
    let mut links = Vec::new();
    for pid in veeqo::product_ids_of_order(&order) {
        links.extend(veeqo::channel_sellables_of_product(
            &c.ok(veeqo::get_product(&pid)),
        ));
    }
    let channels = List::from(channels.as_array().unwrap().clone());
    let links = List::from(links);
    let order = Document::from_serde(&order);
    let checks = troubleshoot(order.value(), channels.items(), links.items());
    assert!(checks.iter().all(|ch| ch.pass), "{checks:#?}");
}

/// An order with every field the tables document is answered with each of them: the
/// sandbox stores what `veeqo::shapes` describes, not a list of its own.
#[test]
fn an_order_is_answered_with_every_documented_field() {
    use orderlint::rules::shape::{Shape, Ty};
    use orderlint::rules::veeqo::shapes::{LINE_ITEM, ORDER};
    let mut c = Client::new();
    let vars = walk(&mut c, "112-1111111-1111111");
    // A value of the field's own type, naming the field, where the handler reads none.
    let sent = |shape: &Shape, own: &[(&str, Value)]| -> serde_json::Map<String, Value> {
        let each = shape.fields.iter().map(|f| {
            let v = own
                .iter()
                .find(|(n, _)| *n == f.name)
                .map(|(_, v)| v.clone());
            let v = v.unwrap_or_else(|| match f.ty {
                Ty::Object(_) => json!({"sent": f.name}),
                Ty::Array { .. } => json!([{"sent": f.name}]),
                _ => json!(format!("sent {}", f.name)),
            });
            (f.name.to_string(), v)
        });
        each.collect()
    };
    let line = sent(
        &LINE_ITEM,
        &[
            ("sellable_id", json!(vars["sellable_id"])),
            ("quantity", json!(2)),
            // A decimal, as the answer documents it (`openapi::answers`).
            ("price_per_unit", json!("12.50")),
        ],
    );
    let order = sent(
        &ORDER,
        &[
            ("channel_id", json!(vars["channel_id"])),
            ("number", json!("112-1111111-1111112")),
            ("line_items_attributes", json!([line])),
        ],
    );
    let created = c.ok(veeqo::create_order(&json!({ "order": order }).to_string()));
    let got = c.ok(veeqo::get_order(&created["id"].to_string()));
    let id = |s: &str| json!(s.parse::<u64>().unwrap());
    // Veeqo answers a nested `x_attributes` as `x`.
    let answered = |name: &str| name.strip_suffix("_attributes").unwrap_or(name).to_string();
    for (name, v) in &order {
        let want = match name.as_str() {
            "channel_id" => got["channel"]["id"] == id(&vars["channel_id"]),
            "line_items_attributes" => got["line_items"].as_array().map(Vec::len) == Some(1),
            _ => got[answered(name)] == *v,
        };
        assert!(want, "order field {name} is not answered: {got:#}");
    }
    let got_line = &got["line_items"][0];
    for (name, v) in &line {
        let want = match name.as_str() {
            "sellable_id" => got_line["sellable"]["id"] == id(&vars["sellable_id"]),
            _ => got_line[answered(name)] == *v,
        };
        assert!(want, "line field {name} is not answered: {got_line:#}");
    }
}

#[test]
fn the_accounts_kept_and_restored_are_the_same_accounts() {
    // What the page keeps across a reload: the next page load starts from it.
    let mut c = Client::new();
    let vars = walk(&mut c, "112-7654321-7654321");
    let kept = c.sb.save();
    let mut again = Client {
        sb: Sandbox::restore(&kept).unwrap(),
        now: c.now,
    };
    let order = again.ok(veeqo::get_order(&vars["order_id"]));
    assert_eq!(order["number"], "112-7654321-7654321");
    assert_eq!(
        order["sandbox_buyer_protection"]["eligible"],
        json!(true),
        "the links it was checked with are there too"
    );
    // New ids go on from where they were, never reusing one.
    let next = again.ok(veeqo::create_channel(&fill(samples::VEEQO_CHANNEL, &vars)));
    let (old, new) = (
        vars["channel_id"].parse::<u64>().unwrap(),
        next["id"].as_u64().unwrap(),
    );
    assert!(new > old, "{new} after {old}");
    assert!(again.sb.save().len() > kept.len());
    // A state that is not one, or of another version, says why.
    assert!(Sandbox::restore("{")
        .unwrap_err()
        .contains("could not be read"));
    let other = kept.replacen("\"version\":1", "\"version\":99", 1);
    assert!(Sandbox::restore(&other)
        .unwrap_err()
        .contains("another version"));
}

#[test]
fn json_api_ids_are_strings() {
    let mut c = Client::new();
    let mut vars = example_vars();
    let ch = c.ok(veeqo::create_channel(samples::VEEQO_CHANNEL));
    vars.insert("channel_id".into(), ch["id"].to_string());
    let p = c.ok(veeqo::create_product(samples::VEEQO_PRODUCT));
    vars.insert("sellable_id".into(), p["sellables"][0]["id"].to_string());
    let cs = c.ok(veeqo::create_channel_sellable(&fill(
        samples::VEEQO_CHANNEL_SELLABLE_NEW,
        &vars,
    )));
    assert!(cs["data"]["id"].is_string());
    assert_eq!(cs["data"]["type"], "channel_sellable");
    for rel in ["channel", "channel_product", "sellable"] {
        assert!(
            cs["data"]["relationships"][rel]["data"]["id"].is_string(),
            "{rel}"
        );
    }
    // Linking an existing channel product: the second variant of step 2.
    let p2 = c.ok(veeqo::create_product(
        &samples::VEEQO_PRODUCT.replace("BLUE-WATER-BOTTLE-500ML", "RED-1"),
    ));
    vars.insert("sellable_id".into(), p2["sellables"][0]["id"].to_string());
    vars.insert(
        "channel_product_id".into(),
        cs["data"]["relationships"]["channel_product"]["data"]["id"]
            .as_str()
            .unwrap()
            .into(),
    );
    let linked = c.ok(veeqo::create_channel_sellable(&fill(
        samples::VEEQO_CHANNEL_SELLABLE_LINK,
        &vars,
    )));
    assert_eq!(
        linked["data"]["relationships"]["channel_product"],
        cs["data"]["relationships"]["channel_product"]
    );
}

#[test]
fn a_prefixed_order_number_is_accepted_but_not_protected() {
    let mut c = Client::new();
    let vars = walk(&mut c, "AMZ-112-1234567-1234567");
    let order = c.ok(veeqo::get_order(&vars["order_id"]));
    let bp = &order["sandbox_buyer_protection"];
    assert_eq!(bp["eligible"], json!(false));
    assert!(
        bp["reasons"][0]
            .as_str()
            .unwrap()
            .contains("not exactly an Amazon order id"),
        "{bp}"
    );
}

#[test]
fn status_codes_and_error_shapes() {
    let mut c = Client::new();
    // 401 without a key.
    let resp = c.sb.handle(Api::Veeqo, &veeqo::list_channels(1, 10), 0);
    assert_eq!(resp.status, 401);
    // 422 with field messages.
    let bad = samples::VEEQO_CHANNEL.replace("\"AZ\"", "\"AZX\"");
    let resp = c.send(veeqo::create_channel(&bad));
    assert_eq!(resp.status, 422);
    match veeqo::parse(&resp).unwrap_err() {
        ApiError::Http { messages, .. } => {
            assert_eq!(
                messages,
                vec!["Short name is too long (maximum is 2 characters)"]
            )
        }
        e => panic!("{e:?}"),
    }
    // 400 for text that is not JSON; 404 for unknown ids (the {"status","error"} shape).
    assert_eq!(c.send(veeqo::create_order("{")).status, 400);
    let resp = c.send(veeqo::get_order("999"));
    assert_eq!(resp.status, 404);
    assert_eq!(
        veeqo::parse(&resp).unwrap_err().to_string(),
        "HTTP 404 Not Found: Order 999 not found"
    );
    assert_eq!(c.send(veeqo::get_channel("abc")).status, 404);
    assert_eq!(
        c.send(Request::new(orderlint::api::Method::Delete, "/orders"))
            .status,
        405
    );
    // 415 without the JSON:API Accept header.
    let mut no_accept = veeqo::create_channel_sellable(samples::VEEQO_CHANNEL_SELLABLE_NEW);
    no_accept.set_header("Accept", "application/json");
    let resp = c.send(no_accept);
    assert_eq!(resp.status, 415);
    assert_eq!(ApiError::from_response(&resp).to_string(),
        "HTTP 415 Unsupported Media Type: Unsupported Media Type: Send Accept: application/vnd.api+json");
    // 422 for unknown references, with a JSON:API pointer.
    let resp = c.send(veeqo::create_channel_sellable(&fill(
        samples::VEEQO_CHANNEL_SELLABLE_NEW,
        &example_vars(),
    )));
    assert_eq!(resp.status, 422);
    assert!(ApiError::from_response(&resp)
        .to_string()
        .contains("(at /data/attributes/sellable_id)"));
    // An order on an unknown channel.
    let resp = c.send(veeqo::create_order(&fill(
        samples::VEEQO_ORDER,
        &example_vars(),
    )));
    assert_eq!(resp.status, 422);
}

#[test]
fn duplicate_order_numbers_are_refused() {
    let mut c = Client::new();
    let vars = walk(&mut c, "112-1234567-1234567");
    let again = c.send(veeqo::create_order(&fill(samples::VEEQO_ORDER, &vars)));
    assert_eq!(again.status, 422);
    assert!(again.body.contains("Number has already been taken"));
}

#[test]
fn leaky_bucket_rate_limit() {
    let mut sb = Sandbox::new();
    let mut req = veeqo::list_channels(1, 10);
    veeqo::authorize(&mut req, KEY);
    for i in 0..100 {
        assert_eq!(
            sb.handle(Api::Veeqo, &req, 10_000).status,
            200,
            "request {i}"
        );
    }
    let limited = sb.handle(Api::Veeqo, &req, 10_000);
    assert_eq!(limited.status, 429);
    assert_eq!(limited.header("retry-after"), Some("1"));
    // 5 a second leak out: after 400 ms two more fit, and the third does not.
    assert_eq!(sb.handle(Api::Veeqo, &req, 10_400).status, 200);
    assert_eq!(sb.handle(Api::Veeqo, &req, 10_400).status, 200);
    assert_eq!(sb.handle(Api::Veeqo, &req, 10_400).status, 429);
    // Another key has its own bucket.
    let mut other = req.clone();
    veeqo::authorize(&mut other, "other-key");
    assert_eq!(sb.handle(Api::Veeqo, &other, 10_400).status, 200);
}

#[test]
fn channels_are_paginated() {
    let mut c = Client::new();
    for i in 0..15 {
        let body = samples::VEEQO_CHANNEL.replace("Amazon Store US", &format!("Store {i}"));
        c.ok(veeqo::create_channel(&body));
    }
    let resp = c.send(veeqo::list_channels(2, 10));
    assert_eq!(resp.header("x-total-count"), Some("15"));
    assert_eq!(veeqo::parse(&resp).unwrap().as_array().unwrap().len(), 5);
}

/// `GET /orders`, so an order can be looked up by its number before it is created: Veeqo's
/// pages (12 by default, at most 100), oldest first, `since_id`, `status`, and `query`
/// searching numbers, customer emails and SKUs.
#[test]
fn orders_are_listed_searched_and_paged() {
    let mut c = Client::new();
    let first = "112-0000000-0000001";
    let mut vars = walk(&mut c, first);
    let create = |c: &mut Client, vars: &BTreeMap<String, String>, number: &str, email: &str| {
        let body = fill(samples::VEEQO_ORDER, vars)
            .replace(first, number)
            .replace("john.smith@example.com", email);
        c.ok(veeqo::create_order(&body))["id"].to_string()
    };
    for n in 2..=110 {
        create(
            &mut c,
            &vars,
            &format!("112-0000000-{n:07}"),
            "john.smith@example.com",
        );
    }
    let containing = create(&mut c, &vars, &format!("X-{first}-R"), "Jane@Example.org");
    let p = c.ok(veeqo::create_product(
        &samples::VEEQO_PRODUCT.replace("BLUE-WATER-BOTTLE-500ML", "RED-1"),
    ));
    vars.insert("sellable_id".into(), p["sellables"][0]["id"].to_string());
    let red = create(
        &mut c,
        &vars,
        "113-0000000-0000001",
        "john.smith@example.com",
    );

    let list = |c: &mut Client, q: &str| {
        let mut req = Request::new(Method::Get, "/orders");
        req.query = orderlint::api::parse_query(q);
        let resp = c.send(req);
        let items = veeqo::parse_list(&resp, "GET /orders").unwrap();
        let total = resp.header("x-total-count").unwrap().to_string();
        let pages = resp.header("x-total-pages-count").unwrap().to_string();
        (items, total, pages)
    };
    let numbers = |items: &[Value]| -> Vec<String> {
        items
            .iter()
            .map(|o| o["number"].as_str().unwrap().to_string())
            .collect()
    };

    // Twelve a page unless asked, oldest first; at most 100.
    let (items, total, pages) = list(&mut c, "");
    assert_eq!(
        (items.len(), total.as_str(), pages.as_str()),
        (12, "112", "10")
    );
    assert_eq!(items[0]["id"].to_string(), vars["order_id"]);
    let ids: Vec<u64> = items.iter().map(|o| o["id"].as_u64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
    let (items, _, pages) = list(&mut c, "page_size=1000");
    assert_eq!((items.len(), pages.as_str()), (100, "2"));
    let (items, _, _) = list(&mut c, "page=10&page_size=12");
    assert_eq!(numbers(&items).last().unwrap(), "113-0000000-0000001");
    assert_eq!(items.len(), 4);
    assert_eq!(list(&mut c, "page=0&page_size=5").0.len(), 5);
    assert_eq!(list(&mut c, "page=11").0, Vec::<Value>::new());

    // since_id: only what came after.
    let (items, total, _) = list(&mut c, &format!("since_id={containing}"));
    assert_eq!(
        (numbers(&items), total.as_str()),
        (vec!["113-0000000-0000001".to_string()], "1")
    );
    // status: equal, or nothing.
    assert_eq!(list(&mut c, "status=awaiting_fulfillment").1, "112");
    assert_eq!(list(&mut c, "status=shipped").0, Vec::<Value>::new());

    // query: the number exactly or within, the customer's email, a line's SKU; any case.
    let (items, _, _) = list(&mut c, &format!("query={first}"));
    assert_eq!(
        numbers(&items),
        vec![first.to_string(), format!("X-{first}-R")]
    );
    let (items, _, _) = list(&mut c, "query=x-112-0000000-0000001-r");
    assert_eq!(numbers(&items), vec![format!("X-{first}-R")]);
    let (items, _, _) = list(&mut c, "query=jane%40example.ORG");
    assert_eq!(items[0]["id"].to_string(), containing);
    assert_eq!(items.len(), 1);
    let (items, _, _) = list(&mut c, "query=red-1");
    assert_eq!((items.len(), items[0]["id"].to_string()), (1, red.clone()));
    assert_eq!(list(&mut c, "query=no-such-order").1, "0");
    let (items, _, _) = list(&mut c, &format!("query=112-0000000&since_id={containing}"));
    assert_eq!(items, Vec::<Value>::new());

    // What the page does before a POST: search by the number, take the exact match.
    let found = c.ok(veeqo::find_orders(first));
    let found = found.as_array().unwrap();
    assert_eq!(found.len(), 2);
    assert_eq!(
        veeqo::order_with_number(found, first).as_deref(),
        Some(vars["order_id"].as_str())
    );
    // A number many others contain: a full page of 100 of the 111, and no exact match.
    let found = c.ok(veeqo::find_orders("112-0000000"));
    assert_eq!(found.as_array().unwrap().len(), 100);
    assert_eq!(
        veeqo::order_with_number(found.as_array().unwrap(), "112-0000000"),
        None
    );
}

#[test]
fn prefixed_routing_for_the_http_server() {
    let mut sb = Sandbox::new();
    let mut req = veeqo::list_channels(1, 10);
    veeqo::authorize(&mut req, KEY);
    req.path = format!("/veeqo{}", req.path);
    assert_eq!(sb.handle_prefixed(&req, 0).status, 200);
    req.path = "/veeqox/channels".into();
    assert_eq!(sb.handle_prefixed(&req, 0).status, 404);
}

/// Veeqo's own request samples (VeeqoAPI/api-docs, kept as snapshot cases) are what the
/// real API accepts, so the sandbox accepts them too once the ids they name exist: a bare
/// channel body, quoted quantities, no order number, ids instead of nested customers.
#[test]
fn veeqos_own_request_samples_are_accepted() {
    let mut c = Client::new();
    let cases = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/");
    let read = |path: &str| std::fs::read_to_string(format!("{cases}{path}")).unwrap();

    let ch = c.ok(veeqo::create_channel(&read(
        "veeqo.channel/docs-create.json",
    )));
    assert_eq!(ch["type_code"], "direct");
    assert_eq!(ch["veeqo_dictates_stock_level"], false, "\"false\" is cast");
    let product = c.ok(veeqo::create_product(&read(
        "veeqo.product/docs-create.json",
    )));
    let sellables: Vec<String> = product["sellables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].to_string())
        .collect();
    assert_eq!(sellables.len(), 2);

    for name in [
        "create-full",
        "create-full-with-new-customer",
        "create-minimum",
        "create-minimum-with-new-customer",
    ] {
        let body = read(&format!("veeqo.order/docs-{name}.json"))
            .replace("45465", &ch["id"].to_string())
            .replace("13847534", &sellables[0])
            .replace("14358568", &sellables[1]);
        let order = c.ok(veeqo::create_order(&body));
        assert_eq!(
            order["line_items"][0]["quantity"], 1,
            "{name}: \"1\" is cast"
        );
        assert_eq!(
            order["sandbox_buyer_protection"]["eligible"], false,
            "{name}: a direct channel and no Amazon ids"
        );
    }
}

#[test]
fn a_bare_channel_body_loses_its_nested_attributes() {
    let mut c = Client::new();
    let mut bare: Value = serde_json::from_str(samples::VEEQO_CHANNEL).unwrap();
    bare = bare["channel"].take();
    let resp = c.send(veeqo::create_channel(&bare.to_string()));
    assert_eq!(
        resp.status, 422,
        "Rails wraps only the columns: {}",
        resp.body
    );
    assert!(
        resp.body.contains("integration type can't be blank"),
        "{}",
        resp.body
    );
}

/// The real API stores a left `{{placeholder}}` as text, so the sandbox accepts it too, and
/// says in what it created why that was accepted although the rules call it an error.
#[test]
fn a_left_placeholder_is_accepted_and_explained() {
    let mut c = Client::new();
    let vars = walk(&mut c, "112-0000000-0000001");
    let body =
        fill(samples::VEEQO_ORDER, &vars).replace("112-0000000-0000001", "{{amazon_order_number}}");
    let order = c.ok(veeqo::create_order(&body));
    let note = order["sandbox_note"].as_str().unwrap();
    assert!(
        note.starts_with(
            "Accepted as the real API would: it stores {{amazon_order_number}} as plain text."
        ),
        "{note}"
    );
    let clean = c.ok(veeqo::create_order(
        &fill(samples::VEEQO_ORDER, &vars).replace("112-0000000-0000001", "112-0000000-0000002"),
    ));
    assert!(clean.get("sandbox_note").is_none());
}

/// A control request to the sandbox itself (`/_sandbox/...`): no key, no rate limit.
fn control(c: &mut Client, method: Method, path: &str, body: Value) -> Response {
    let req = Request::new(method, path).json_body(body.to_string());
    c.sb.handle(Api::Veeqo, &req, c.now)
}

/// Schedules faults (`POST /_sandbox/faults`).
fn schedule(c: &mut Client, faults: Value) -> Response {
    control(c, Method::Post, "/_sandbox/faults", faults)
}

#[test]
fn scheduled_faults_answer_in_the_apis_place_then_the_api_does() {
    let mut c = Client::new();
    let scheduled = schedule(
        &mut c,
        json!({"method": "POST", "path": "/channels", "times": 2, "status": 503}),
    );
    assert_eq!(scheduled.status, 201, "{}", scheduled.body);
    // Twice the gateway's own page, as nginx sends it, and nothing created.
    for _ in 0..2 {
        let r = c.send(veeqo::create_channel(samples::VEEQO_CHANNEL));
        assert_eq!(
            (r.status, r.header("content-type")),
            (503, Some("text/html"))
        );
        assert!(r
            .body
            .contains("<h1>503 Service Temporarily Unavailable</h1>"));
    }
    assert_eq!(c.ok(veeqo::list_channels(1, 10)), json!([]));
    // Then the API itself, once.
    let ch = c.ok(veeqo::create_channel(samples::VEEQO_CHANNEL));
    assert!(ch["id"].is_u64(), "{ch}");
    assert_eq!(
        control(&mut c, Method::Get, "/_sandbox/faults", Value::Null).body,
        "[]"
    );

    // A redirect elsewhere, with its Location and no body; a 429 and a 500 in Veeqo's shapes.
    schedule(
        &mut c,
        json!([
            {"path": "/orders/*", "redirect": "https://elsewhere.example/orders"},
            {"method": "GET", "path": "/channels", "status": 429, "retry_after_s": 7},
            {"method": "GET", "path": "/channels", "status": 500},
        ]),
    );
    let r = c.send(veeqo::get_order("1"));
    assert_eq!(
        (r.status, r.header("location"), r.body.as_str()),
        (307, Some("https://elsewhere.example/orders"), "")
    );
    let r = c.send(veeqo::list_channels(1, 10));
    assert_eq!((r.status, r.header("retry-after")), (429, Some("7")));
    assert!(ApiError::from_response(&r)
        .to_string()
        .contains("Rate limit exceeded"));
    let r = c.send(veeqo::list_channels(1, 10));
    assert_eq!(
        veeqo::parse(&r).unwrap_err().to_string(),
        "HTTP 500 Internal Server Error: Internal Server Error"
    );
    assert_eq!(
        c.ok(veeqo::list_channels(1, 10)).as_array().unwrap().len(),
        1
    );

    // Only the requests that reached the API are counted, by method and path.
    let counts = control(&mut c, Method::Get, "/_sandbox/requests", Value::Null);
    assert_eq!(
        serde_json::from_str::<Value>(&counts.body).unwrap(),
        json!({"GET /channels": 2, "POST /channels": 1})
    );
    control(&mut c, Method::Delete, "/_sandbox/requests", Value::Null);
    let counts = control(&mut c, Method::Get, "/_sandbox/requests", Value::Null);
    assert_eq!(counts.body, "{}");
}

/// A gateway that times out after the API committed: the order exists, the client saw 504
/// (the case behind an "unknown" delivery). Sending it again is refused as a duplicate; a
/// look-up by its number finds it.
#[test]
fn a_fault_that_reaches_creates_the_order_and_still_fails() {
    let mut c = Client::new();
    let number = "112-0000000-0000009";
    let mut vars = walk(&mut c, "112-0000000-0000001");
    vars.insert("amazon_order_number".into(), number.into());
    control(&mut c, Method::Delete, "/_sandbox/requests", Value::Null);
    let scheduled = schedule(
        &mut c,
        json!({"method": "POST", "path": "/orders", "status": 504, "reach": true}),
    );
    assert_eq!(scheduled.status, 201, "{}", scheduled.body);
    let order = fill(samples::VEEQO_ORDER, &vars);
    let r = c.send(veeqo::create_order(&order));
    assert_eq!(
        (r.status, r.header("content-type")),
        (504, Some("text/html"))
    );
    assert!(
        r.body.contains("<h1>504 Gateway Time-out</h1>"),
        "{}",
        r.body
    );

    let found = c.ok(veeqo::find_orders(number));
    let id = veeqo::order_with_number(found.as_array().unwrap(), number);
    let id = id.expect("the order was created behind the 504");
    assert_eq!(c.ok(veeqo::get_order(&id))["number"], number);
    let again = c.send(veeqo::create_order(&order));
    assert_eq!(again.status, 422);
    assert!(again.body.contains("Number has already been taken"));

    let counts = control(&mut c, Method::Get, "/_sandbox/requests", Value::Null);
    assert_eq!(
        serde_json::from_str::<Value>(&counts.body).unwrap(),
        json!({"POST /orders": 2, "GET /orders": 1, format!("GET /orders/{id}"): 1})
    );
}

#[test]
fn a_bad_fault_gets_400_in_veeqos_shape_naming_the_field() {
    let mut c = Client::new();
    let r = schedule(
        &mut c,
        json!({"path": "/channels", "status": 503, "times": -1}),
    );
    assert_eq!(r.status, 400);
    assert_eq!(
        veeqo::parse(&r).unwrap_err().to_string(),
        "HTTP 400 Bad Request: times: must be an integer from 1 to 4294967295"
    );
    let r = schedule(
        &mut c,
        json!({"path": "/access_token", "oauth_error": "invalid_grant"}),
    );
    assert_eq!(r.status, 400);
    assert!(r.body.contains("oauth_error: only FeedAMP"), "{}", r.body);
}

/// Create Store Listing's ways (autolink by SKU or a new product, numbers for ids, the
/// singular type, its own example) and Update Store Listing (`channel_id` ignored), beside
/// the guide's, which `json_api_ids_are_strings` walks.
#[test]
fn store_listings_as_veeqos_current_pages_document_them() {
    let mut c = Client::new();
    let mut vars = example_vars();
    let ch = c.ok(veeqo::create_channel(samples::VEEQO_CHANNEL));
    let channel = ch["id"].as_u64().unwrap();
    vars.insert("channel_id".into(), channel.to_string());
    let p = c.ok(veeqo::create_product(samples::VEEQO_PRODUCT));
    let sellable = p["sellables"][0]["id"].as_u64().unwrap();
    vars.insert("sellable_id".into(), sellable.to_string());

    // Autolink: no sellable_id, singular type, a number for the channel: the sellable
    // whose SKU is remote_sku is linked, and a channel product made for it.
    let autolink = |sku: &str| {
        json!({"data": {"type": "channel_sellable", "attributes": {
            "channel_id": channel, "remote_id": "B0EXAMPLE1", "remote_sku": sku,
            "remote_title": "Blue Water Bottle 500ml", "autolink": true}}})
        .to_string()
    };
    let linked = c.ok(veeqo::create_channel_sellable(&autolink(
        "BLUE-WATER-BOTTLE-500ML",
    )));
    let rel = &linked["data"]["relationships"];
    assert_eq!(rel["sellable"]["data"]["id"], sellable.to_string());
    assert_eq!(rel["channel"]["data"]["id"], channel.to_string());
    assert!(rel["channel_product"]["data"]["id"].is_string());
    // The order over that sellable qualifies: the autolinked listing is a link.
    let o = c.ok(veeqo::create_order(&fill(samples::VEEQO_ORDER, &vars)));
    assert_eq!(
        o["sandbox_buyer_protection"]["eligible"],
        json!(true),
        "{o:#}"
    );
    // Again: that sellable is taken on this channel.
    let again = c.send(veeqo::create_channel_sellable(&autolink(
        "BLUE-WATER-BOTTLE-500ML",
    )));
    assert_eq!(again.status, 422, "{}", again.body);
    // An unknown SKU: a product and its variant are made, and linked.
    let made = c.ok(veeqo::create_channel_sellable(&autolink("GREEN-BOTTLE-1")));
    let new_sellable = made["data"]["relationships"]["sellable"]["data"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(new_sellable, sellable.to_string());
    // Without remote_sku, autolink has nothing to link by.
    let no_sku = json!({"data": {"type": "channel_sellable", "attributes": {
        "channel_id": channel, "remote_id": "B0EXAMPLE2", "autolink": true}}});
    let resp = c.send(veeqo::create_channel_sellable(&no_sku.to_string()));
    assert_eq!(resp.status, 422);
    assert!(ApiError::from_response(&resp)
        .to_string()
        .contains("(at /data/attributes/remote_sku)"));

    // Create Store Listing's own example: numbers, a new channel product, its fields kept.
    let cases = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/");
    let read = |path: &str| std::fs::read_to_string(format!("{cases}{path}")).unwrap();
    let p2 = c.ok(veeqo::create_product(
        &samples::VEEQO_PRODUCT.replace("BLUE-WATER-BOTTLE-500ML", "SKU123456"),
    ));
    let sellable2 = p2["sellables"][0]["id"].as_u64().unwrap();
    let example = read("veeqo.channel_sellable/docs-create-store-listing.json")
        .replace("12345,", &format!("{sellable2},"))
        .replace("54321", &channel.to_string());
    let listing = c.ok(veeqo::create_channel_sellable(&example));
    assert_eq!(listing["data"]["type"], "channel_sellable");
    let attrs = &listing["data"]["attributes"];
    assert_eq!(attrs["remote_barcode"], "1234567890123");
    assert_eq!(attrs["measurement_attributes"]["dimensions_unit"], "cm");
    let id = listing["data"]["id"].as_str().unwrap().to_string();

    // Update Store Listing's own example: 200, the new values; channel_id is ignored.
    let other = c.ok(veeqo::create_channel(
        &samples::VEEQO_CHANNEL.replace("Amazon Store US", "Amazon Store CA"),
    ));
    let mut update: Value = serde_json::from_str(&read(
        "veeqo.channel_sellable_update/docs-update-store-listing.json",
    ))
    .unwrap();
    update["data"]["id"] = json!(id);
    update["data"]["attributes"]["sellable_id"] = json!(sellable2);
    update["data"]["attributes"]["channel_id"] = other["id"].clone();
    let resp = c.send(veeqo::update_channel_sellable(&id, &update.to_string()));
    assert_eq!(resp.status, 200, "{}", resp.body);
    let updated: Value = serde_json::from_str(&resp.body).unwrap();
    assert_eq!(
        updated["data"]["attributes"]["remote_title"],
        "Updated Product"
    );
    assert_eq!(
        updated["data"]["relationships"]["channel"]["data"]["id"],
        channel.to_string(),
        "channel_id is ignored on update"
    );
    assert_ne!(
        updated["data"]["relationships"]["channel_product"],
        listing["data"]["relationships"]["channel_product"],
        "channel_product_attributes made a new channel product"
    );
    // data.id must be the path's listing (JSON:API's 409).
    update["data"]["id"] = json!("6789");
    let resp = c.send(veeqo::update_channel_sellable(&id, &update.to_string()));
    assert_eq!(resp.status, 409, "{}", resp.body);
    // No such listing: 404; a listing id that could change the path is never sent.
    assert_eq!(
        c.send(veeqo::update_channel_sellable("999", &update.to_string()))
            .status,
        404
    );
    assert!(veeqo::update_channel_sellable("1/../2", "{}")
        .refused
        .is_some());

    // Both Store Listing pages: only custom-integration channels take listings.
    let direct = c.ok(veeqo::create_channel(&read(
        "veeqo.channel/docs-create.json",
    )));
    let on_direct = autolink("BLUE-WATER-BOTTLE-500ML")
        .replace(&channel.to_string(), &direct["id"].to_string());
    let resp = c.send(veeqo::create_channel_sellable(&on_direct));
    assert_eq!(resp.status, 422);
    assert!(ApiError::from_response(&resp)
        .to_string()
        .contains("custom_integration"));
}
