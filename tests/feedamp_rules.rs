//! Every FeedAMP rule of the order lifecycle both ways.

mod common;

use common::{assert_has, errors, issues, with, without};
use orderlint::rules::{validate, Context, Kind, Severity};
use orderlint::samples::{self, fill};
use serde_json::{json, Value};
use std::collections::BTreeMap;

const ORDER: Kind = Kind::FeedampOrder;

fn order() -> Value {
    serde_json::from_str(samples::FEEDAMP_ORDER).unwrap()
}

fn placed(state: &str, fulfillments: Value) -> Context {
    let mut o = order();
    o["marketplace_state"] = json!(state);
    o["fulfillments"] = fulfillments;
    Context {
        feedamp_order: Some(o),
        path_mp_order_number: Some("111-99998888-55555".into()),
        ..Context::default()
    }
}

fn vars() -> BTreeMap<String, String> {
    [
        ("auth_code", "c0de"),
        ("client_id", "mp-123"),
        ("client_secret", "s3cret"),
        ("state", "k3Jd9sPq0wXz7LmN4bVc"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

fn filled(text: &str) -> Value {
    serde_json::from_str(&fill(text, &vars())).unwrap()
}

#[test]
fn the_spec_samples_pass() {
    let ctx = Context {
        path_mp_order_number: Some("111-99998888-55555".into()),
        ..Context::default()
    };
    assert_eq!(issues(ORDER, &order(), Some(&ctx)), vec![]);
    assert_eq!(
        issues(
            Kind::FeedampTokenRequest,
            &filled(samples::FEEDAMP_TOKEN_REQUEST),
            None
        ),
        vec![]
    );
    assert_eq!(
        issues(
            Kind::FeedampAuthorizeUrl,
            &filled(samples::FEEDAMP_AUTHORIZE_URL),
            None
        ),
        vec![]
    );
    assert_eq!(
        issues(
            Kind::FeedampOrdersQuery,
            &filled(samples::FEEDAMP_ORDERS_QUERY),
            None
        ),
        vec![]
    );
    assert_eq!(
        issues(
            Kind::FeedampOrderErrors,
            &filled(samples::FEEDAMP_ORDER_ERRORS),
            Some(&placed("AWAITING_SHIPMENT", json!([])))
        ),
        vec![]
    );
}

#[test]
fn required_fields() {
    let o = order();
    for f in [
        "mp_order_number",
        "sales_channel",
        "customer",
        "purchase_date",
        "currency",
        "shipping_address",
        "order_lines",
        "marketplace_state",
    ] {
        assert_has(
            ORDER,
            &without(&o, "", f),
            None,
            &format!("/{f}"),
            &format!("feedamp.order.{f}.required"),
            Severity::Error,
        );
    }
    for f in [
        "full_name",
        "address1",
        "city",
        "state",
        "postal_code",
        "country_code",
    ] {
        assert_has(
            ORDER,
            &without(&o, "/shipping_address", f),
            None,
            &format!("/shipping_address/{f}"),
            &format!("feedamp.order.shipping_address.{f}.required"),
            Severity::Error,
        );
    }
    for f in [
        "mp_line_number",
        "sku",
        "product_name",
        "quantity",
        "unit_price",
    ] {
        assert_has(
            ORDER,
            &without(&o, "/order_lines/0", f),
            None,
            &format!("/order_lines/0/{f}"),
            &format!("feedamp.order.order_line.{f}.required"),
            Severity::Error,
        );
    }
    // billing_address and location are optional.
    assert_eq!(
        errors(
            ORDER,
            &without(&without(&o, "", "billing_address"), "", "location"),
            None
        ),
        vec![]
    );
}

#[test]
fn enums() {
    let o = order();
    let cases = [
        ("/currency", json!("usd"), "feedamp.order.currency.invalid"),
        ("/currency", json!("ZWG"), "feedamp.order.currency.invalid"),
        (
            "/shipping_address/country_code",
            json!("US"),
            "feedamp.order.shipping_address.country_code.invalid",
        ),
        (
            "/marketplace_state",
            json!("Pending"),
            "feedamp.order.marketplace_state.invalid",
        ),
        (
            "/fulfillment_type",
            json!("SHIPMENT"),
            "feedamp.order.fulfillment_type.invalid",
        ),
        (
            "/order_lines/0/taxes/0/type",
            json!("SALE"),
            "feedamp.order.tax.type.invalid",
        ),
        (
            "/order_lines/0/discounts/0/type",
            json!("ORDER"),
            "feedamp.order.discount.type.invalid",
        ),
    ];
    for (at, bad, code) in cases {
        assert_has(ORDER, &with(&o, at, bad), None, at, code, Severity::Error);
    }
    // The messages carry the fix.
    let v = validate(
        ORDER,
        &with(&o, "/shipping_address/country_code", json!("US")),
        None,
    );
    assert!(
        v.issues[0].message.contains("\"USA\""),
        "{}",
        v.issues[0].message
    );
    let v = validate(
        ORDER,
        &with(&o, "/marketplace_state", json!("Pending")),
        None,
    );
    assert!(
        v.issues[0].message.contains("write \"PENDING\""),
        "{}",
        v.issues[0].message
    );
    let v = validate(
        ORDER,
        &with(&o, "/order_lines/0/taxes/0/type", json!("SALE")),
        None,
    );
    assert!(
        v.issues[0].message.contains("Did you mean \"SALES\""),
        "{}",
        v.issues[0].message
    );
}

#[test]
fn bounds() {
    let o = order();
    assert_has(
        ORDER,
        &with(&o, "/order_lines/0/quantity", json!(0)),
        None,
        "/order_lines/0/quantity",
        "feedamp.order.order_line.quantity.too_small",
        Severity::Error,
    );
    assert_has(
        ORDER,
        &with(&o, "/order_lines/0/quantity", json!(1.5)),
        None,
        "/order_lines/0/quantity",
        "feedamp.order.order_line.quantity.wrong_type",
        Severity::Error,
    );
    assert_has(
        ORDER,
        &with(&o, "/order_lines/0/unit_price", json!(-1)),
        None,
        "/order_lines/0/unit_price",
        "feedamp.order.order_line.unit_price.negative",
        Severity::Error,
    );
    assert_has(
        ORDER,
        &with(&o, "/order_lines/0/unit_price", json!("25.00")),
        None,
        "/order_lines/0/unit_price",
        "feedamp.order.order_line.unit_price.wrong_type",
        Severity::Error,
    );
    assert_has(
        ORDER,
        &with(&o, "/order_lines/0/shipping_price", json!(-0.01)),
        None,
        "/order_lines/0/shipping_price",
        "feedamp.order.order_line.shipping_price.negative",
        Severity::Error,
    );
    assert_has(
        ORDER,
        &with(&o, "/order_lines/0/taxes/0/amount", json!(-3)),
        None,
        "/order_lines/0/taxes/0/amount",
        "feedamp.order.tax.amount.negative",
        Severity::Error,
    );
    assert_has(
        ORDER,
        &with(&o, "/mp_order_number", json!("x".repeat(129))),
        None,
        "/mp_order_number",
        "feedamp.order.mp_order_number.too_long",
        Severity::Error,
    );
    assert_eq!(
        errors(
            ORDER,
            &with(&o, "/mp_order_number", json!("é".repeat(128))),
            None
        ),
        vec![],
        "characters, not bytes"
    );
    assert_has(
        ORDER,
        &with(&o, "/mp_order_number", json!("")),
        None,
        "/mp_order_number",
        "feedamp.order.mp_order_number.too_short",
        Severity::Error,
    );
    assert_has(
        ORDER,
        &with(&o, "/order_lines/0/mp_line_number", json!("y".repeat(129))),
        None,
        "/order_lines/0/mp_line_number",
        "feedamp.order.order_line.mp_line_number.too_long",
        Severity::Error,
    );
}

#[test]
fn dates_are_utc_and_windows_ordered() {
    let o = order();
    assert_has(
        ORDER,
        &with(&o, "/purchase_date", json!("2018-05-01T23:52:01")),
        None,
        "/purchase_date",
        "feedamp.order.purchase_date.not_utc",
        Severity::Error,
    );
    assert_has(
        ORDER,
        &with(&o, "/purchase_date", json!("2018-05-01T23:52:01-05:00")),
        None,
        "/purchase_date",
        "feedamp.order.purchase_date.not_utc",
        Severity::Error,
    );
    assert_eq!(
        errors(
            ORDER,
            &with(&o, "/purchase_date", json!("2018-05-01T23:52:01+00:00")),
            None
        ),
        vec![]
    );
    assert_has(
        ORDER,
        &with(&o, "/purchase_date", json!("May 1st")),
        None,
        "/purchase_date",
        "feedamp.order.purchase_date.invalid",
        Severity::Error,
    );
    assert_has(
        ORDER,
        &with(&o, "/earliest_ship_date", json!("2018-02-08T00:00:00Z")),
        None,
        "/earliest_ship_date",
        "feedamp.order.earliest_ship_date.after_latest",
        Severity::Warning,
    );
    assert_has(
        ORDER,
        &with(&o, "/earliest_delivery_date", json!("2018-02-11T00:00:00Z")),
        None,
        "/earliest_delivery_date",
        "feedamp.order.earliest_delivery_date.after_latest",
        Severity::Warning,
    );
}

#[test]
fn order_lines_non_empty_and_unique() {
    let o = order();
    assert_has(
        ORDER,
        &with(&o, "/order_lines", json!([])),
        None,
        "/order_lines",
        "feedamp.order.order_lines.empty",
        Severity::Error,
    );
    assert_has(
        ORDER,
        &with(&o, "/order_lines/1/mp_line_number", json!("1")),
        None,
        "/order_lines/1/mp_line_number",
        "feedamp.order.order_line.mp_line_number.duplicate",
        Severity::Error,
    );
    assert_has(
        ORDER,
        &with(&o, "/order_lines/0/discounts/0/name", json!("")),
        None,
        "/order_lines/0/discounts/0/name",
        "feedamp.order.discount.name.empty",
        Severity::Error,
    );
}

#[test]
fn the_path_and_the_body_agree() {
    let ctx = Context {
        path_mp_order_number: Some("OTHER-1".into()),
        ..Context::default()
    };
    assert_has(
        ORDER,
        &order(),
        Some(&ctx),
        "/mp_order_number",
        "feedamp.order.mp_order_number.path_mismatch",
        Severity::Error,
    );
}

#[test]
fn state_transitions() {
    let o = order();
    let shipped = with(&o, "/marketplace_state", json!("SHIPPED"));
    let cancelled = with(&o, "/marketplace_state", json!("CANCELLED"));
    let awaiting = with(&o, "/marketplace_state", json!("AWAITING_SHIPMENT"));
    // Without the placed order: a new order may not start SHIPPED or CANCELLED (warned).
    assert_has(
        ORDER,
        &shipped,
        None,
        "/marketplace_state",
        "context.feedamp_order_missing",
        Severity::Warning,
    );
    assert_has(
        ORDER,
        &cancelled,
        None,
        "/marketplace_state",
        "context.feedamp_order_missing",
        Severity::Warning,
    );
    assert_eq!(issues(ORDER, &awaiting, None), vec![]);
    // Known to be new: an error.
    let new = Context {
        new_order: true,
        ..Context::default()
    };
    assert_has(
        ORDER,
        &shipped,
        Some(&new),
        "/marketplace_state",
        "feedamp.order.marketplace_state.transition",
        Severity::Error,
    );
    assert_eq!(errors(ORDER, &awaiting, Some(&new)), vec![]);
    // With it: the machine.
    let t = "feedamp.order.marketplace_state.transition";
    assert_eq!(
        errors(ORDER, &awaiting, Some(&placed("PENDING", json!([])))),
        vec![]
    );
    assert_has(
        ORDER,
        &shipped,
        Some(&placed("PENDING", json!([]))),
        "/marketplace_state",
        t,
        Severity::Error,
    );
    assert_has(
        ORDER,
        &with(&o, "/marketplace_state", json!("PENDING")),
        Some(&placed("AWAITING_SHIPMENT", json!([]))),
        "/marketplace_state",
        t,
        Severity::Error,
    );
    assert_has(
        ORDER,
        &awaiting,
        Some(&placed("CANCELLED", json!([]))),
        "/marketplace_state",
        t,
        Severity::Error,
    );
    assert_eq!(
        errors(ORDER, &cancelled, Some(&placed("PENDING", json!([])))),
        vec![]
    );
    // SHIPPED while units are still pending is warned; fully fulfilled it is clean.
    let partly = json!([{"mp_line_number": "1", "shipments": [{"quantity": 2, "carrier": "UPS"}]}]);
    assert_has(
        ORDER,
        &shipped,
        Some(&placed("AWAITING_SHIPMENT", partly)),
        "/marketplace_state",
        "feedamp.order.marketplace_state.shipped_with_pending",
        Severity::Warning,
    );
    let all = json!([{"mp_line_number": "1", "shipments": [{"quantity": 2}]},
                     {"mp_line_number": "2", "cancellations": [{"quantity": 1, "reason": "OUT_OF_STOCK"}]}]);
    assert_eq!(
        issues(ORDER, &shipped, Some(&placed("AWAITING_SHIPMENT", all))),
        vec![]
    );
}

#[test]
fn updates_change_only_the_state() {
    let ctx = placed("PENDING", json!([]));
    let mut upd = with(&order(), "/marketplace_state", json!("AWAITING_SHIPMENT"));
    upd["gift_message"] = json!("Happy anniversary!");
    assert_has(
        ORDER,
        &upd,
        Some(&ctx),
        "/gift_message",
        "feedamp.order.not_updatable",
        Severity::Warning,
    );
}

#[test]
fn token_requests() {
    let k = Kind::FeedampTokenRequest;
    let t = filled(samples::FEEDAMP_TOKEN_REQUEST);
    assert_has(
        k,
        &without(&t, "", "code"),
        None,
        "/code",
        "feedamp.token_request.code.required",
        Severity::Error,
    );
    assert_has(
        k,
        &without(&t, "", "client_secret"),
        None,
        "/client_secret",
        "feedamp.token_request.client_secret.required",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&t, "/grant_type", json!("password")),
        None,
        "/grant_type",
        "feedamp.token_request.grant_type.invalid",
        Severity::Error,
    );
    let refresh = json!({"grant_type": "refresh_token", "refresh_token": "r", "client_id": "c", "client_secret": "s", "code": "old"});
    assert_has(
        k,
        &refresh,
        None,
        "/code",
        "feedamp.token_request.code.ignored",
        Severity::Warning,
    );
    assert_has(
        k,
        &without(&refresh, "", "refresh_token"),
        None,
        "/refresh_token",
        "feedamp.token_request.refresh_token.required",
        Severity::Error,
    );
    // The form-encoded body of the spec's curl examples is read too.
    let form = json!("grant_type=refresh_token&refresh_token=R&client_id=C&client_secret=S");
    assert_eq!(issues(k, &form, None), vec![]);
    assert_has(
        k,
        &json!("grant_type=authorization_code&client_id=C&client_secret=S"),
        None,
        "/code",
        "feedamp.token_request.code.required",
        Severity::Error,
    );
}

#[test]
fn authorize_urls() {
    let k = Kind::FeedampAuthorizeUrl;
    let url = |q: &str| json!(format!("https://feedamp.example.com/authorize?{q}"));
    let good = "response_type=code&client_id=mp&redirect_url=https%3A%2F%2Fa.example%2Fcb&state=k3Jd9sPq0wXz7LmN4bVc";
    assert_eq!(issues(k, &url(good), None), vec![]);
    assert_has(
        k,
        &url(&good.replace("redirect_url", "redirect_uri")),
        None,
        "/redirect_uri",
        "feedamp.authorize_url.redirect_uri.misspelled",
        Severity::Error,
    );
    assert_has(
        k,
        &url(&format!("{good}&client_secret=s")),
        None,
        "/client_secret",
        "feedamp.authorize_url.client_secret.exposed",
        Severity::Error,
    );
    assert_has(
        k,
        &url(&good.replace("response_type=code", "response_type=token")),
        None,
        "/response_type",
        "feedamp.authorize_url.response_type.invalid",
        Severity::Error,
    );
    assert_has(
        k,
        &url(&good.replace("k3Jd9sPq0wXz7LmN4bVc", "abc")),
        None,
        "/state",
        "feedamp.authorize_url.state.weak",
        Severity::Warning,
    );
    assert_has(
        k,
        &url(&good.replace("&state=k3Jd9sPq0wXz7LmN4bVc", "")),
        None,
        "/state",
        "feedamp.authorize_url.state.required",
        Severity::Error,
    );
    assert_has(
        k,
        &url(&good.replace("https%3A%2F%2Fa.example", "http%3A%2F%2Fa.example")),
        None,
        "/redirect_url",
        "feedamp.authorize_url.redirect_url.invalid",
        Severity::Error,
    );
    assert_has(
        k,
        &json!("feedamp.example.com/authorize"),
        None,
        "",
        "feedamp.authorize_url.invalid",
        Severity::Error,
    );
    // As an object of parameters.
    assert_has(
        k,
        &json!({"response_type": "code", "client_id": "c", "redirect_url": "https://a/cb"}),
        None,
        "/state",
        "feedamp.authorize_url.state.required",
        Severity::Error,
    );
}

#[test]
fn orders_queries() {
    let k = Kind::FeedampOrdersQuery;
    let q = filled(samples::FEEDAMP_ORDERS_QUERY);
    assert_has(
        k,
        &with(&q, "/page_size", json!(5)),
        None,
        "/page_size",
        "feedamp.orders_query.page_size.out_of_range",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&q, "/page_size", json!(51)),
        None,
        "/page_size",
        "feedamp.orders_query.page_size.out_of_range",
        Severity::Error,
    );
    assert_eq!(
        errors(k, &with(&q, "/page_size", json!("50")), None),
        vec![]
    );
    assert_has(
        k,
        &with(&q, "/fulfillment_status", json!("UNFULFILLED,SHIPPED")),
        None,
        "/fulfillment_status",
        "feedamp.orders_query.fulfillment_status.invalid",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&q, "/fulfillment_status", json!([])),
        None,
        "/fulfillment_status",
        "feedamp.orders_query.fulfillment_status.empty",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&q, "/seller_updated_after", json!("2020-01-01T00:00:00")),
        None,
        "/seller_updated_after",
        "feedamp.orders_query.seller_updated_after.new_york_time",
        Severity::Warning,
    );
    assert_has(
        k,
        &with(&q, "/seller_updated_after", json!("yesterday")),
        None,
        "/seller_updated_after",
        "feedamp.orders_query.seller_updated_after.invalid",
        Severity::Error,
    );
    let many: Vec<String> = (0..101).map(|i| format!("ORD-{i}")).collect();
    let mut m = q.clone();
    m["mp_order_numbers"] = json!(many);
    assert_has(
        k,
        &m,
        None,
        "/mp_order_numbers",
        "feedamp.orders_query.mp_order_numbers.too_many",
        Severity::Error,
    );
    m["mp_order_numbers"] = json!(many[..100].join(","));
    assert_eq!(errors(k, &m, None), vec![]);
    assert_has(
        k,
        &with(&q, "/has_errors", json!("yes")),
        None,
        "/has_errors",
        "feedamp.orders_query.has_errors.wrong_type",
        Severity::Error,
    );
    let mut typo = q.clone();
    typo["page"] = json!(2);
    let v = validate(k, &typo, None);
    assert!(
        v.issues
            .iter()
            .any(|i| i.code == "feedamp.orders_query.unknown_field"
                && i.message.contains("Did you mean \"page_size\"")),
        "{:?}",
        v.issues
    );
}

#[test]
fn order_error_reports() {
    let k = Kind::FeedampOrderErrors;
    let e = filled(samples::FEEDAMP_ORDER_ERRORS);
    assert_has(
        k,
        &with(&e, "/0/code", json!("BAD_TRACKING")),
        None,
        "/0/code",
        "feedamp.order_errors.error.code.invalid",
        Severity::Error,
    );
    assert_has(
        k,
        &without(&e, "/0", "message"),
        None,
        "/0/message",
        "feedamp.order_errors.error.message.required",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&e, "/0/mp_line_number", json!("z".repeat(129))),
        None,
        "/0/mp_line_number",
        "feedamp.order_errors.error.mp_line_number.too_long",
        Severity::Error,
    );
    assert_has(
        k,
        &json!([]),
        None,
        "",
        "feedamp.order_errors.empty",
        Severity::Error,
    );
    assert_has(
        k,
        &json!({"code": "X"}),
        None,
        "",
        "feedamp.order_errors.not_array",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&e, "/0/mp_line_number", json!("9")),
        Some(&placed("AWAITING_SHIPMENT", json!([]))),
        "/0/mp_line_number",
        "feedamp.order_errors.mp_line_number.unknown",
        Severity::Error,
    );
    assert_eq!(
        errors(k, &without(&e, "/0", "mp_line_number"), None),
        vec![],
        "an order-level error has no line"
    );
}

#[test]
fn refunds_queries() {
    let k = Kind::FeedampRefundsQuery;
    let q = json!({"mp_order_numbers": "A-1,A-2", "refund_status": ["CREATED", "PAUSED"],
                   "created_after": "2026-01-01T00:00:00Z", "created_before": "2026-02-01T00:00:00Z", "page_size": 10});
    assert_eq!(issues(k, &q, None), vec![]);
    assert_has(
        k,
        &with(&q, "/refund_status", json!("CREATED,DONE")),
        None,
        "/refund_status",
        "feedamp.refunds_query.refund_status.invalid",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&q, "/page_size", json!(60)),
        None,
        "/page_size",
        "feedamp.refunds_query.page_size.out_of_range",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&q, "/created_after", json!("2026-03-01T00:00:00Z")),
        None,
        "/created_after",
        "feedamp.refunds_query.created_after.after_before",
        Severity::Warning,
    );
    assert_has(
        k,
        &with(&q, "/created_before", json!("2026-02-01 00:00")),
        None,
        "/created_before",
        "feedamp.refunds_query.created_before.new_york_time",
        Severity::Warning,
    );
    let many: Vec<String> = (0..101).map(|i| i.to_string()).collect();
    assert_has(
        k,
        &with(&q, "/mp_order_numbers", json!(many)),
        None,
        "/mp_order_numbers",
        "feedamp.refunds_query.mp_order_numbers.too_many",
        Severity::Error,
    );
}

#[test]
fn returns_queries() {
    let k = Kind::FeedampReturnsQuery;
    let q = json!({"mp_order_numbers": ["A-1"], "mp_return_numbers": "R-1,R-2", "state": "AUTHORIZED", "has_errors": "true", "page_size": "20"});
    assert_eq!(issues(k, &q, None), vec![]);
    assert_has(
        k,
        &with(&q, "/state", json!("COMPLETE")),
        None,
        "/state",
        "feedamp.returns_query.state.invalid",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&q, "/mp_return_numbers", json!("")),
        None,
        "/mp_return_numbers",
        "feedamp.returns_query.mp_return_numbers.empty",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&q, "/has_errors", json!(1)),
        None,
        "/has_errors",
        "feedamp.returns_query.has_errors.wrong_type",
        Severity::Error,
    );
    let v = validate(k, &with(&q, "/state", json!("COMPLETE")), None);
    assert!(
        v.issues[0].message.contains("Did you mean \"COMPLETED\""),
        "{}",
        v.issues[0].message
    );
}

#[test]
fn refund_error_reports_and_the_fused_enum_item() {
    let k = Kind::FeedampRefundErrors;
    let ok = |code: &str| json!([{"code": code, "message": "the refund exceeds what was paid"}]);
    for code in [
        "EXCESS_ITEM_REFUND",
        "INVALID_ITEM_REFUND",
        "INVALID_INVALID_ITEM_TAX_REFUND",
        "MP_LINE_NUMBER_DOES_NOT_EXIST",
    ] {
        assert_eq!(issues(k, &ok(code), None), vec![], "{code}");
    }
    // The spec's enum fuses two codes into one string: refused, naming the two.
    let fused = ok("INVALID_ITEM_REFUND INVALID_INVALID_ITEM_TAX_REFUND");
    assert_has(
        k,
        &fused,
        None,
        "/0/code",
        "feedamp.refund_errors.error.code.invalid",
        Severity::Error,
    );
    assert!(validate(k, &fused, None).issues[0]
        .message
        .contains("fuses two codes"));
    assert_has(
        k,
        &ok("EXCESS_REFUND"),
        None,
        "/0/code",
        "feedamp.refund_errors.error.code.invalid",
        Severity::Error,
    );
    assert_has(
        k,
        &json!([{"code": "INVALID_QUANTITY"}]),
        None,
        "/0/message",
        "feedamp.refund_errors.error.message.required",
        Severity::Error,
    );
    // Line numbers are not part of a refund error.
    assert_has(
        k,
        &json!([{"code": "INVALID_QUANTITY", "message": "m", "mp_line_number": "1"}]),
        None,
        "/0/mp_line_number",
        "feedamp.refund_errors.error.unknown_field",
        Severity::Warning,
    );
}

#[test]
fn return_error_reports() {
    let k = Kind::FeedampReturnErrors;
    assert_eq!(
        issues(k, &json!([{"code": "EXCESS_REFUND", "message": "m"}]), None),
        vec![]
    );
    assert_has(
        k,
        &json!([{"code": "EXCESS_ITEM_REFUND", "message": "m"}]),
        None,
        "/0/code",
        "feedamp.return_errors.error.code.invalid",
        Severity::Error,
    );
    assert_has(
        k,
        &json!({}),
        None,
        "",
        "feedamp.return_errors.not_array",
        Severity::Error,
    );
}

fn ret() -> Value {
    serde_json::from_str(samples::FEEDAMP_RETURN).unwrap()
}

fn with_order(previous: Vec<Value>) -> Context {
    Context {
        feedamp_order: Some(order()),
        feedamp_returns: Some(previous),
        ..Context::default()
    }
}

#[test]
fn returns_fields() {
    let k = Kind::FeedampReturn;
    let r = ret();
    assert_eq!(issues(k, &r, Some(&with_order(vec![]))), vec![]);
    assert_has(
        k,
        &with(&r, "/return_type", json!("MAIL")),
        None,
        "/return_type",
        "feedamp.return.return_type.invalid",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&r, "/request_date", json!("2026-05-02T10:00:00Z")),
        None,
        "/request_date",
        "feedamp.return.request_date.invalid",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&r, "/return_lines/0/quantity", json!(0)),
        None,
        "/return_lines/0/quantity",
        "feedamp.return.return_line.quantity.too_small",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&r, "/return_lines/0/currency", json!("usd")),
        None,
        "/return_lines/0/currency",
        "feedamp.return.return_line.currency.invalid",
        Severity::Error,
    );
    for f in [
        "reason",
        "preauthorized",
        "requested_refund_principal",
        "mp_order_line_number",
        "sku",
        "currency",
    ] {
        assert_has(
            k,
            &without(&r, "/return_lines/0", f),
            None,
            &format!("/return_lines/0/{f}"),
            &format!("feedamp.return.return_line.{f}.required"),
            Severity::Error,
        );
    }
    let fedex = with(&r, "/return_lines/0/carrier", json!("Fedex"));
    assert_has(
        k,
        &fedex,
        None,
        "/return_lines/0/carrier",
        "feedamp.return.return_line.carrier.invalid",
        Severity::Error,
    );
    assert!(validate(k, &fedex, None).issues[0]
        .message
        .contains("write \"FedEx\""));
    assert_eq!(
        errors(
            k,
            &with(&r, "/return_lines/0/carrier", json!("Fedex Freight")),
            None
        ),
        vec![],
        "the spec's own spelling"
    );
    assert_has(
        k,
        &with(&r, "/shipping_address/country_code", json!("US")),
        None,
        "/shipping_address/country_code",
        "feedamp.return.shipping_address.country_code.invalid",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&r, "/return_lines", json!([])),
        None,
        "/return_lines",
        "feedamp.return.return_lines.empty",
        Severity::Error,
    );
}

#[test]
fn returns_against_the_order() {
    let k = Kind::FeedampReturn;
    let r = ret();
    let ctx = with_order(vec![]);
    assert_has(
        k,
        &with(&r, "/return_lines/0/mp_order_line_number", json!("9")),
        Some(&ctx),
        "/return_lines/0/mp_order_line_number",
        "feedamp.return.return_line.mp_order_line_number.unknown",
        Severity::Error,
    );
    // Line 1 had 2 units; one already returned leaves one.
    let earlier = json!({"return_lines": [{"mp_order_line_number": "1", "quantity": 1}]});
    assert_eq!(
        errors(k, &r, Some(&with_order(vec![earlier.clone()]))),
        vec![]
    );
    assert_has(
        k,
        &with(&r, "/return_lines/0/quantity", json!(2)),
        Some(&with_order(vec![earlier])),
        "/return_lines/0/quantity",
        "feedamp.return.return_line.quantity.exceeds_ordered",
        Severity::Error,
    );
    // Paid per unit: 25.00 less 5.00 of item discount over 2 units = 22.50; tax 3.50 / 2.
    assert_has(
        k,
        &with(&r, "/return_lines/0/requested_refund_principal", json!(23)),
        Some(&ctx),
        "/return_lines/0/requested_refund_principal",
        "feedamp.return.return_line.requested_refund_principal.exceeds_paid",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&r, "/return_lines/0/requested_refund_tax", json!(1.8)),
        Some(&ctx),
        "/return_lines/0/requested_refund_tax",
        "feedamp.return.return_line.requested_refund_tax.exceeds_paid",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&r, "/return_lines/0/currency", json!("EUR")),
        Some(&ctx),
        "/return_lines/0/currency",
        "feedamp.return.return_line.currency.differs",
        Severity::Error,
    );
    let path = Context {
        path_mp_order_number: Some("OTHER".into()),
        ..Context::default()
    };
    assert_has(
        k,
        &r,
        Some(&path),
        "/mp_order_number",
        "feedamp.return.mp_order_number.path_mismatch",
        Severity::Error,
    );
}
