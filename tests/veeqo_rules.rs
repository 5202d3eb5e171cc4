//! Every Veeqo rule both ways: a payload that passes, and one that fails with the
//! expected code at the expected pointer.

mod common;

use common::{assert_has, errors, issues, with, without};
use orderlint::rules::{validate, Context, Kind, Severity};
use orderlint::samples::{self, example_vars, fill};
use serde_json::{json, Value};

fn sample(kind_text: &str) -> Value {
    serde_json::from_str(&fill(kind_text, &example_vars())).unwrap()
}

fn context() -> Context {
    serde_json::from_value(json!({
        "channels": [
            {"id": 1234567, "type_code": "custom_integration", "currency_code": "USD",
             "custom_integration_channel_specific": {"integration_type": "amazon"}},
            {"id": 42, "type_code": "shopify", "currency_code": "USD"}
        ],
        "channel_sellables": [
            {"id": "5550001", "type": "channel_sellable",
             "attributes": {"remote_id": "B0EXAMPLE1"},
             "relationships": {"channel": {"data": {"id": "1234567", "type": "channel"}},
                               "sellable": {"data": {"id": "111222333", "type": "sellable"}}}}
        ]
    }))
    .unwrap()
}

// ---- the guide's samples -------------------------------------------------------------

#[test]
fn filled_samples_pass_with_no_issue_at_all() {
    let ctx = context();
    for (kind, text) in [
        (Kind::VeeqoChannel, samples::VEEQO_CHANNEL),
        (Kind::VeeqoProduct, samples::VEEQO_PRODUCT),
        (Kind::VeeqoOrder, samples::VEEQO_ORDER),
    ] {
        assert_eq!(issues(kind, &sample(text), Some(&ctx)), vec![], "{kind}");
    }
    // Before the link exists, both channel sellable variants pass; once it does, a
    // second link is flagged.
    let unlinked = Context {
        channel_sellables: Some(vec![]),
        ..ctx.clone()
    };
    for text in [
        samples::VEEQO_CHANNEL_SELLABLE_NEW,
        samples::VEEQO_CHANNEL_SELLABLE_LINK,
    ] {
        let cs = sample(text);
        assert_eq!(
            issues(Kind::VeeqoChannelSellable, &cs, Some(&unlinked)),
            vec![]
        );
        assert_has(
            Kind::VeeqoChannelSellable,
            &cs,
            Some(&ctx),
            "/data/attributes/sellable_id",
            "veeqo.channel_sellable.already_linked",
            Severity::Warning,
        );
    }
}

#[test]
fn unfilled_samples_flag_every_placeholder() {
    let order: Value = serde_json::from_str(samples::VEEQO_ORDER).unwrap();
    let found: Vec<String> = errors(Kind::VeeqoOrder, &order, None)
        .into_iter()
        .filter(|(_, c)| c == "template.placeholder")
        .map(|(p, _)| p)
        .collect();
    assert_eq!(
        found,
        vec![
            "/order/channel_id",
            "/order/number",
            "/order/line_items_attributes/0/sellable_id",
            "/order/line_items_attributes/0/remote_id",
            "/order/payment_attributes/reference_number",
        ]
    );
    // Placeholders are reported once, not again as a wrong id or order number.
    assert_eq!(errors(Kind::VeeqoOrder, &order, None).len(), 5);
}

// ---- channel ---------------------------------------------------------------------------

#[test]
fn channel_short_name_counts_characters_not_bytes() {
    let ch = sample(samples::VEEQO_CHANNEL);
    let k = Kind::VeeqoChannel;
    assert_has(
        k,
        &with(&ch, "/channel/short_name", json!("AZX")),
        None,
        "/channel/short_name",
        "veeqo.channel.short_name.too_long",
        Severity::Error,
    );
    assert_eq!(
        errors(k, &with(&ch, "/channel/short_name", json!("ÅÖ")), None),
        vec![]
    );
    assert_has(
        k,
        &with(&ch, "/channel/short_name", json!("")),
        None,
        "/channel/short_name",
        "veeqo.channel.short_name.empty",
        Severity::Error,
    );
}

#[test]
fn channel_type_integration_currency_and_name() {
    let ch = sample(samples::VEEQO_CHANNEL);
    let k = Kind::VeeqoChannel;
    assert_has(
        k,
        &with(&ch, "/channel/type_code", json!("amazon")),
        None,
        "/channel/type_code",
        "veeqo.channel.type_code.not_custom_integration",
        Severity::Error,
    );
    assert_has(
        k,
        &with(
            &ch,
            "/channel/custom_integration_channel_specific_attributes/integration_type",
            json!("Amazon"),
        ),
        None,
        "/channel/custom_integration_channel_specific_attributes/integration_type",
        "veeqo.channel.integration_type.not_amazon",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&ch, "/channel/currency_code", json!("usd")),
        None,
        "/channel/currency_code",
        "veeqo.channel.currency_code.invalid",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&ch, "/channel/name", json!(" ")),
        None,
        "/channel/name",
        "veeqo.channel.name.empty",
        Severity::Error,
    );
    assert_has(
        k,
        &without(
            &ch,
            "/channel",
            "custom_integration_channel_specific_attributes",
        ),
        None,
        "/channel/custom_integration_channel_specific_attributes",
        "veeqo.channel.custom_integration_channel_specific_attributes.required",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&ch, "/channel/veeqo_dictates_stock_level", json!("false")),
        None,
        "/channel/veeqo_dictates_stock_level",
        "veeqo.channel.veeqo_dictates_stock_level.wrong_type",
        Severity::Error,
    );
}

#[test]
fn channel_wrapper_response_spelling_and_unknown_fields() {
    let ch = sample(samples::VEEQO_CHANNEL);
    let k = Kind::VeeqoChannel;
    let inner = ch["channel"].clone();
    assert_has(
        k,
        &inner,
        None,
        "",
        "veeqo.channel.not_wrapped",
        Severity::Error,
    );
    // Checked anyway, at the pointers of the document as sent.
    assert_has(
        k,
        &with(&inner, "/short_name", json!("ABC")),
        None,
        "/short_name",
        "veeqo.channel.short_name.too_long",
        Severity::Error,
    );

    let mut resp = without(
        &ch,
        "/channel",
        "custom_integration_channel_specific_attributes",
    );
    resp["channel"]["custom_integration_channel_specific"] = json!({"integration_type": "amazon"});
    assert_has(
        k,
        &resp,
        None,
        "/channel/custom_integration_channel_specific",
        "veeqo.channel.custom_integration_channel_specific_attributes.misnamed",
        Severity::Error,
    );

    let mut typo = ch.clone();
    typo["channel"]["shortname"] = json!("AZ");
    let v = validate(k, &typo, None);
    let w = v
        .issues
        .iter()
        .find(|i| i.pointer == "/channel/shortname")
        .unwrap();
    assert_eq!(
        (w.code.as_str(), w.severity),
        ("veeqo.channel.unknown_field", Severity::Warning)
    );
    assert!(
        w.message.contains("Did you mean \"short_name\""),
        "{}",
        w.message
    );
    assert!(v.valid, "unknown fields are warnings");
}

// ---- product ---------------------------------------------------------------------------

#[test]
fn product_variants() {
    let p = sample(samples::VEEQO_PRODUCT);
    let k = Kind::VeeqoProduct;
    assert_has(
        k,
        &with(&p, "/product/product_variants_attributes", json!([])),
        None,
        "/product/product_variants_attributes",
        "veeqo.product.product_variants_attributes.empty",
        Severity::Error,
    );
    let v0 = p["product"]["product_variants_attributes"][0].clone();
    assert_has(
        k,
        &with(&p, "/product/product_variants_attributes", json!([v0, v0])),
        None,
        "/product/product_variants_attributes/1/sku_code",
        "veeqo.product.variant.sku_code.duplicate",
        Severity::Error,
    );
    assert_has(
        k,
        &with(
            &p,
            "/product/product_variants_attributes/0/tax_rate",
            json!(8),
        ),
        None,
        "/product/product_variants_attributes/0/tax_rate",
        "veeqo.product.variant.tax_rate.percent",
        Severity::Warning,
    );
    assert_has(
        k,
        &with(
            &p,
            "/product/product_variants_attributes/0/price",
            json!("-1.00"),
        ),
        None,
        "/product/product_variants_attributes/0/price",
        "veeqo.product.variant.price.negative",
        Severity::Error,
    );
    assert_has(
        k,
        &with(
            &p,
            "/product/product_variants_attributes/0/price",
            json!("$25"),
        ),
        None,
        "/product/product_variants_attributes/0/price",
        "veeqo.product.variant.price.wrong_type",
        Severity::Error,
    );
    assert_has(
        k,
        &without(&p, "/product/product_variants_attributes/0", "sku_code"),
        None,
        "/product/product_variants_attributes/0/sku_code",
        "veeqo.product.variant.sku_code.required",
        Severity::Error,
    );
    assert_has(
        k,
        &without(&p, "/product", "title"),
        None,
        "/product/title",
        "veeqo.product.title.required",
        Severity::Error,
    );
}

// ---- channel sellable -----------------------------------------------------------------

#[test]
fn channel_sellable_document_shape() {
    let cs = sample(samples::VEEQO_CHANNEL_SELLABLE_NEW);
    let k = Kind::VeeqoChannelSellable;
    assert_eq!(errors(k, &cs, None), vec![]);
    assert_has(
        k,
        &with(&cs, "/data/type", json!("channel_sellable")),
        None,
        "/data/type",
        "veeqo.channel_sellable.type.invalid",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&cs, "/data/attributes/channel_id", json!(1234567)),
        None,
        "/data/attributes/channel_id",
        "veeqo.channel_sellable.channel_id.not_string",
        Severity::Warning,
    );
    assert_has(
        k,
        &with(&cs, "/data/attributes/remote_id", json!("blue bottle")),
        None,
        "/data/attributes/remote_id",
        "veeqo.channel_sellable.remote_id.not_asin",
        Severity::Warning,
    );
    assert_has(
        k,
        &without(&cs, "/data/attributes", "remote_id"),
        None,
        "/data/attributes/remote_id",
        "veeqo.channel_sellable.remote_id.required",
        Severity::Error,
    );
    assert_has(
        k,
        &json!({"type": "channel_sellables"}),
        None,
        "/data",
        "veeqo.channel_sellable.data.required",
        Severity::Error,
    );
}

#[test]
fn channel_sellable_needs_exactly_one_channel_product_variant() {
    let new = sample(samples::VEEQO_CHANNEL_SELLABLE_NEW);
    let link = sample(samples::VEEQO_CHANNEL_SELLABLE_LINK);
    let k = Kind::VeeqoChannelSellable;
    assert_eq!(errors(k, &link, None), vec![]);
    let mut both = link.clone();
    both["data"]["attributes"]["channel_product_attributes"] = json!({"remote_title": "x"});
    assert_has(
        k,
        &both,
        None,
        "/data/attributes/channel_product_attributes",
        "veeqo.channel_sellable.both_channel_product_variants",
        Severity::Error,
    );
    assert_has(
        k,
        &without(&new, "/data/attributes", "channel_product_attributes"),
        None,
        "/data/attributes",
        "veeqo.channel_sellable.no_channel_product",
        Severity::Error,
    );
    assert_has(
        k,
        &with(
            &link,
            "/data/relationships/channel_product/data/type",
            json!("product"),
        ),
        None,
        "/data/relationships/channel_product/data/type",
        "veeqo.channel_sellable.channel_product.type.invalid",
        Severity::Error,
    );
}

#[test]
fn channel_sellable_against_the_account() {
    let cs = sample(samples::VEEQO_CHANNEL_SELLABLE_LINK);
    let k = Kind::VeeqoChannelSellable;
    let ctx = context();
    assert_has(
        k,
        &with(&cs, "/data/attributes/channel_id", json!("999")),
        Some(&ctx),
        "/data/attributes/channel_id",
        "veeqo.channel_sellable.channel_id.unknown",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&cs, "/data/attributes/channel_id", json!("42")),
        Some(&ctx),
        "/data/attributes/channel_id",
        "veeqo.channel_sellable.channel_id.not_bsp_channel",
        Severity::Error,
    );
    let fresh = with(&cs, "/data/attributes/sellable_id", json!("777"));
    assert_eq!(issues(k, &fresh, Some(&ctx)), vec![]);
}

// ---- order -----------------------------------------------------------------------------

#[test]
fn order_number_is_exactly_the_amazon_order_id() {
    let o = sample(samples::VEEQO_ORDER);
    let k = Kind::VeeqoOrder;
    let prefixed = with(&o, "/order/number", json!("AMZ-112-1234567-1234567"));
    assert_has(
        k,
        &prefixed,
        None,
        "/order/number",
        "veeqo.order.number.not_exact",
        Severity::Error,
    );
    let msg = validate(k, &prefixed, None).issues[0].message.clone();
    assert!(
        msg.contains("\"112-1234567-1234567\""),
        "the fix names the id: {msg}"
    );
    assert_has(
        k,
        &with(&o, "/order/number", json!("#1001")),
        None,
        "/order/number",
        "veeqo.order.number.not_amazon_order_id",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&o, "/order/number", json!(1121234567)),
        None,
        "/order/number",
        "veeqo.order.number.wrong_type",
        Severity::Error,
    );
    // The payment reference follows the number.
    let mut mismatch = o.clone();
    mismatch["order"]["payment_attributes"]["reference_number"] = json!("112-0000000-0000000");
    assert_has(
        k,
        &mismatch,
        None,
        "/order/payment_attributes/reference_number",
        "veeqo.order.payment.reference_number.mismatch",
        Severity::Warning,
    );
}

#[test]
fn order_line_items() {
    let o = sample(samples::VEEQO_ORDER);
    let k = Kind::VeeqoOrder;
    let li = "/order/line_items_attributes/0";
    assert_has(
        k,
        &without(&o, li, "remote_id"),
        None,
        &format!("{li}/remote_id"),
        "veeqo.order.line_item.remote_id.required",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&o, &format!("{li}/remote_id"), json!("B0EXAMPLE1")),
        None,
        &format!("{li}/remote_id"),
        "veeqo.order.line_item.remote_id.unusual",
        Severity::Warning,
    );
    assert_has(
        k,
        &with(&o, &format!("{li}/remote_id"), json!("1234567")),
        None,
        &format!("{li}/remote_id"),
        "veeqo.order.line_item.remote_id.unusual",
        Severity::Warning,
    );
    assert_has(
        k,
        &without(&o, li, "sellable_id"),
        None,
        &format!("{li}/sellable_id"),
        "veeqo.order.line_item.sellable_id.required",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&o, &format!("{li}/sellable_id"), json!("abc")),
        None,
        &format!("{li}/sellable_id"),
        "veeqo.order.line_item.sellable_id.not_an_id",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&o, &format!("{li}/quantity"), json!(0)),
        None,
        &format!("{li}/quantity"),
        "veeqo.order.line_item.quantity.too_small",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&o, &format!("{li}/quantity"), json!("1")),
        None,
        &format!("{li}/quantity"),
        "veeqo.order.line_item.quantity.wrong_type",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&o, &format!("{li}/quantity"), json!(1.5)),
        None,
        &format!("{li}/quantity"),
        "veeqo.order.line_item.quantity.wrong_type",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&o, &format!("{li}/tax_rate"), json!(8)),
        None,
        &format!("{li}/tax_rate"),
        "veeqo.order.line_item.tax_rate.percent",
        Severity::Warning,
    );
    assert_has(
        k,
        &with(&o, "/order/line_items_attributes", json!([])),
        None,
        "/order/line_items_attributes",
        "veeqo.order.line_items_attributes.empty",
        Severity::Error,
    );
    let line = o["order"]["line_items_attributes"][0].clone();
    assert_has(
        k,
        &with(&o, "/order/line_items_attributes", json!([line, line])),
        None,
        "/order/line_items_attributes/1/remote_id",
        "veeqo.order.line_item.remote_id.duplicate",
        Severity::Error,
    );
}

#[test]
fn order_dates_money_addresses() {
    let o = sample(samples::VEEQO_ORDER);
    let k = Kind::VeeqoOrder;
    assert_has(
        k,
        &with(&o, "/order/due_date", json!("2026-05-15T10:00:00")),
        None,
        "/order/due_date",
        "veeqo.order.due_date.no_time_zone",
        Severity::Warning,
    );
    assert_eq!(
        errors(
            k,
            &with(&o, "/order/due_date", json!("2026-05-15T10:00:00Z")),
            None
        ),
        vec![]
    );
    assert_has(
        k,
        &with(&o, "/order/due_date", json!("15/05/2026")),
        None,
        "/order/due_date",
        "veeqo.order.due_date.invalid",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&o, "/order/delivery_cost", json!("-5.99")),
        None,
        "/order/delivery_cost",
        "veeqo.order.delivery_cost.negative",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&o, "/order/deliver_to_attributes/country", json!("USA")),
        None,
        "/order/deliver_to_attributes/country",
        "veeqo.order.deliver_to.country.invalid",
        Severity::Error,
    );
    assert_has(
        k,
        &without(&o, "/order", "deliver_to_attributes"),
        None,
        "/order/deliver_to_attributes",
        "veeqo.order.deliver_to_attributes.required",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&o, "/order/customer_attributes/email", json!("john.smith")),
        None,
        "/order/customer_attributes/email",
        "veeqo.order.customer.email.invalid",
        Severity::Warning,
    );
    assert_has(
        k,
        &with(
            &o,
            "/order/customer_attributes/billing_address_attributes/zip",
            json!(""),
        ),
        None,
        "/order/customer_attributes/billing_address_attributes/zip",
        "veeqo.order.billing_address.zip.empty",
        Severity::Error,
    );
}

#[test]
fn order_against_the_account() {
    let o = sample(samples::VEEQO_ORDER);
    let k = Kind::VeeqoOrder;
    let ctx = context();
    assert_has(k, &o, None, "", "context.missing", Severity::Warning);
    assert_has(
        k,
        &with(&o, "/order/channel_id", json!("999")),
        Some(&ctx),
        "/order/channel_id",
        "veeqo.order.channel_id.unknown",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&o, "/order/channel_id", json!(42)),
        Some(&ctx),
        "/order/channel_id",
        "veeqo.order.channel_id.not_bsp_channel",
        Severity::Error,
    );
    assert_has(
        k,
        &with(
            &o,
            "/order/line_items_attributes/0/sellable_id",
            json!("555"),
        ),
        Some(&ctx),
        "/order/line_items_attributes/0/sellable_id",
        "veeqo.order.line_item.sellable_id.not_linked",
        Severity::Error,
    );
    assert_has(
        k,
        &with(&o, "/order/currency_code", json!("EUR")),
        Some(&ctx),
        "/order/currency_code",
        "veeqo.order.currency_code.differs_from_channel",
        Severity::Warning,
    );
    let partial = Context {
        channels: ctx.channels.clone(),
        channel_sellables: None,
        ..Context::default()
    };
    assert_has(
        k,
        &o,
        Some(&partial),
        "/order/line_items_attributes",
        "context.channel_sellables_missing",
        Severity::Warning,
    );
}

#[test]
fn every_problem_in_one_pass() {
    let o = json!({"order": {
        "channel_id": "x", "number": "AMZ-1",
        "line_items_attributes": [{"sellable_id": 1, "quantity": 0, "price_per_unit": "1.00"}],
        "deliver_to_attributes": {"address1": "1 St", "city": "X", "zip": "1", "country": "ZZ", "first_name": "A"}
    }});
    let codes: Vec<String> = errors(Kind::VeeqoOrder, &o, None)
        .into_iter()
        .map(|(_, c)| c)
        .collect();
    for expected in [
        "veeqo.order.channel_id.not_an_id",
        "veeqo.order.number.not_amazon_order_id",
        "veeqo.order.line_item.quantity.too_small",
        "veeqo.order.line_item.remote_id.required",
        "veeqo.order.deliver_to.country.invalid",
    ] {
        assert!(
            codes.iter().any(|c| c == expected),
            "{expected} missing from {codes:?}"
        );
    }
}
