//! The Veeqo sandbox's Rate Shopping API behaves as its reference documents: rates for the
//! order the guide's flow created, protected when the request keeps Buy Shipping
//! protection and not when it loses it, the refusals (`{"error_messages": [...]}`), the
//! booking of a quote, the shipment, its label and its documents. (Beside
//! `sandbox_veeqo.rs`, which holds the order flow and is already long.)

mod common;

use std::collections::BTreeMap;

use orderlint::api::veeqo::{self, shipping};
use orderlint::api::{Request, Response};
use orderlint::samples::{self, example_vars, fill};
use orderlint::sandbox::{Api, Sandbox};
use serde_json::{json, Value};

struct Client {
    sb: Sandbox,
    now: u64,
}

impl Client {
    fn send(&mut self, mut req: Request) -> Response {
        veeqo::authorize(&mut req, "test-key");
        self.now += 250;
        let resp = self.sb.handle(Api::Veeqo, &req, self.now);
        common::documented(Api::Veeqo, &req, &resp);
        resp
    }
    fn ok(&mut self, req: Request) -> Value {
        let resp = self.send(req);
        veeqo::parse(&resp).unwrap_or_else(|e| panic!("{e}: {}", resp.body))
    }
    fn errors(&mut self, req: Request, status: u16) -> Vec<String> {
        let resp = self.send(req);
        assert_eq!(resp.status, status, "{}", resp.body);
        let body: Value = serde_json::from_str(&resp.body).unwrap();
        body["error_messages"]
            .as_array()
            .unwrap_or_else(|| panic!("not the reference's error shape: {body}"))
            .iter()
            .map(|m| m.as_str().unwrap().to_string())
            .collect()
    }
}

/// One step's request, from its body.
type Step = fn(&str) -> Request;

/// The guide's flow up to the order, then the ids the order hands the rates request.
fn ordered() -> (Client, BTreeMap<String, String>) {
    let mut c = Client {
        sb: Sandbox::new(),
        now: 0,
    };
    let mut vars = example_vars();
    vars.insert("amazon_order_number".into(), "112-4737182-6879466".into());
    let steps: [(Step, &str); 4] = [
        (veeqo::create_channel, samples::VEEQO_CHANNEL),
        (veeqo::create_product, samples::VEEQO_PRODUCT),
        (
            veeqo::create_channel_sellable,
            samples::VEEQO_CHANNEL_SELLABLE_NEW,
        ),
        (veeqo::create_order, samples::VEEQO_ORDER),
    ];
    for (request, sample) in steps {
        let body = c.ok(request(&fill(sample, &vars)));
        for (k, v) in veeqo::ids_from_created(&body) {
            vars.insert(k.into(), v);
        }
    }
    let order = c.ok(veeqo::get_order(&vars["order_id"]));
    for (k, v) in shipping::ids_from_order(&order) {
        vars.insert(k.into(), v);
    }
    (c, vars)
}

#[test]
fn the_guides_shipment_is_protected_booked_and_labelled() {
    let (mut c, mut vars) = ordered();
    for sample in [
        samples::VEEQO_RATES_REQUEST,
        samples::VEEQO_RATES_REQUEST_INTERNATIONAL,
    ] {
        let rates = c.ok(veeqo::get_rates(&fill(sample, &vars)));
        assert_eq!(
            rates["sandbox_buy_shipping_protection"]["eligible"], true,
            "{rates}"
        );
        assert!(rates["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|q| q["protected"] == true));
        for (k, v) in shipping::ids_from_rates(&rates) {
            vars.insert(k.into(), v);
        }
        let booked = c.ok(veeqo::book_shipment(&fill(
            samples::VEEQO_SHIPMENT_BOOKING,
            &vars,
        )));
        let ids: BTreeMap<_, _> = shipping::ids_from_booking(&booked).into_iter().collect();
        assert_eq!(ids["remote_shipment_id"], vars["remote_shipment_id"]);
        // By remote shipment id or by tracking number.
        let shipment = c.ok(veeqo::get_shipment(&ids["tracking_number"]));
        assert_eq!(
            shipment["remote_shipment_id"].as_str(),
            Some(ids["remote_shipment_id"].as_str())
        );
        assert_eq!(shipment["protected"], true);
        let label = c.send(veeqo::get_label(&ids["remote_shipment_id"], "PDF"));
        assert_eq!(label.status, 200);
        assert_eq!(label.header("content-type"), Some("application/pdf"));
        assert!(label.body.starts_with("%PDF"));
        assert_eq!(
            shipment["label_url"].as_str(),
            Some(
                shipping::label_path(&ids["remote_shipment_id"], "pdf")
                    .unwrap()
                    .as_str()
            )
        );
        // Abroad, the commercial invoice is among the documents.
        let abroad = sample == samples::VEEQO_RATES_REQUEST_INTERNATIONAL;
        assert_eq!(shipment.get("documents").is_some(), abroad, "{shipment}");
        // A quote is booked once.
        let again = c.errors(
            veeqo::book_shipment(&fill(samples::VEEQO_SHIPMENT_BOOKING, &vars)),
            422,
        );
        assert!(again[0].contains("already booked"), "{again:?}");
    }
}

#[test]
fn what_loses_protection_is_answered_unprotected_with_the_reasons() {
    let (mut c, vars) = ordered();
    let mut body: Value = serde_json::from_str(&fill(samples::VEEQO_RATES_REQUEST, &vars)).unwrap();
    body["customer_reference"] = json!("AMZ-112-4737182-6879466");
    body["channel_items"][0]["remote_id"] = json!("99999999999999");
    let rates = c.ok(veeqo::get_rates(&body.to_string()));
    let verdict = &rates["sandbox_buy_shipping_protection"];
    assert_eq!(verdict["eligible"], false);
    let reasons = verdict["reasons"].to_string();
    assert!(reasons.contains("AMZ-112-4737182-6879466"), "{reasons}");
    assert!(rates["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .all(|q| q["protected"] == false && q["protections"] == json!([])));
    // The right number, an item that is not the order's: checked against the order.
    body["customer_reference"] = json!("112-4737182-6879466");
    let rates = c.ok(veeqo::get_rates(&body.to_string()));
    assert!(rates["sandbox_buy_shipping_protection"]["reasons"]
        .to_string()
        .contains("99999999999999"));
}

#[test]
fn refusals_have_the_references_error_shape() {
    let (mut c, vars) = ordered();
    let mut abroad: Value =
        serde_json::from_str(&fill(samples::VEEQO_RATES_REQUEST_INTERNATIONAL, &vars)).unwrap();
    abroad.as_object_mut().unwrap().remove("channel_items");
    let e = c.errors(veeqo::get_rates(&abroad.to_string()), 400);
    assert!(e[0].contains("channel_items is required"), "{e:?}");
    let mut two = abroad.clone();
    two["channel_items"] = json!([{"remote_id": "12345678901234", "quantity": 1}]);
    two["parcels"] = json!([{"weight": 0}, {"weight": 1}]);
    let e = c.errors(veeqo::get_rates(&two.to_string()), 400);
    assert_eq!(e.len(), 2, "{e:?}");
    let e = c.errors(veeqo::get_rates("{}"), 400);
    assert!(
        e.iter().any(|m| m.contains("\"to_address\" is missing")),
        "{e:?}"
    );
    let booking =
        json!({"shipments": [{"remote_shipment_id": "prb0", "rate_id": "amazon_shipping_v2-x"}]});
    c.errors(veeqo::book_shipment(&booking.to_string()), 404);
    c.errors(veeqo::book_shipment(r#"{"shipments": []}"#), 400);
    c.errors(veeqo::get_shipment("prb0"), 404);
    // A quote of another rates answer is not this shipment's.
    let rates = c.ok(veeqo::get_rates(&fill(samples::VEEQO_RATES_REQUEST, &vars)));
    let other = c.ok(veeqo::get_rates(&fill(samples::VEEQO_RATES_REQUEST, &vars)));
    let wrong = json!({"shipments": [{"remote_shipment_id": rates["remote_shipment_id"], "rate_id": other["quotes"][0]["name"]}]});
    c.errors(veeqo::book_shipment(&wrong.to_string()), 422);
    let token = json!({"request_token": "token-0", "shipments": [{"remote_shipment_id": rates["remote_shipment_id"], "rate_id": rates["quotes"][0]["name"]}]});
    c.errors(veeqo::book_shipment(&token.to_string()), 422);
    let good = json!({"label_format": "ZPL", "shipments": [{"remote_shipment_id": rates["remote_shipment_id"], "rate_id": rates["quotes"][0]["name"]}]});
    let booked = c.ok(veeqo::book_shipment(&good.to_string()));
    let id = booked["shipments"][0]["remote_shipment_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(booked["shipments"][0]["label_url"]
        .as_str()
        .unwrap()
        .ends_with("/label.zpl"));
    let resp = c.send(orderlint::api::Request::new(
        orderlint::api::Method::Get,
        format!("/shipping/api/v1/shipments/{id}/label.gif"),
    ));
    assert_eq!(resp.status, 400);
    assert_eq!(c.send(veeqo::get_label(&id, "zpl")).status, 200);
    let wrong_method = c.send(orderlint::api::Request::new(
        orderlint::api::Method::Get,
        "/shipping/api/v1/rates",
    ));
    assert_eq!(wrong_method.status, 405);
}
