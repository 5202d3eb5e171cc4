//! `detect`: which kind a payload is, told from the payload alone. Every case file is
//! told as its own kind, or left undecided with its kind among those that fit; only a
//! payload its own kind refuses is ever taken for another. The sentences users read are
//! pinned.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::fmt::Write;

use common::case_files as cases;
use orderlint::rules::{detect, parse, validate, Kind};

#[test]
fn no_case_is_taken_for_another_kind() {
    let mut told = 0;
    for (kind, path) in cases() {
        let text = std::fs::read_to_string(&path).unwrap();
        let Ok(v) = parse(&text) else { continue };
        let d = detect(&v);
        match d.kind {
            Some(k) if k == kind => told += 1,
            // Only a payload its own kind refuses (a channel pasted as an order, a return's
            // code in a refund's report) may be told as another.
            Some(k) => {
                let o = validate(kind, &v, None);
                assert!(
                    !o.valid,
                    "{}: told as {k} ({}), but it is a valid {kind}",
                    path.display(),
                    d.why
                );
            }
            None => assert!(
                d.fits.is_empty() || d.fits.contains(&kind),
                "{}: fits {:?} leave out {kind}: {}",
                path.display(),
                d.fits,
                d.why
            ),
        }
    }
    assert!(told > 150, "most cases are told as their kind ({told})");
}

#[test]
fn every_sample_is_told_as_its_kind() {
    use orderlint::samples as s;
    let samples = [
        (Kind::VeeqoChannel, s::VEEQO_CHANNEL),
        (Kind::VeeqoProduct, s::VEEQO_PRODUCT),
        (Kind::VeeqoChannelSellable, s::VEEQO_CHANNEL_SELLABLE_NEW),
        (Kind::VeeqoChannelSellable, s::VEEQO_CHANNEL_SELLABLE_LINK),
        (
            Kind::VeeqoChannelSellable,
            include_str!("../samples/veeqo/channel_sellable_autolink.json"),
        ),
        (
            Kind::VeeqoChannelSellableUpdate,
            include_str!("../samples/veeqo/channel_sellable_update.json"),
        ),
        (Kind::VeeqoOrder, s::VEEQO_ORDER),
        (Kind::VeeqoRatesRequest, s::VEEQO_RATES_REQUEST),
        (
            Kind::VeeqoRatesRequest,
            s::VEEQO_RATES_REQUEST_INTERNATIONAL,
        ),
        (Kind::VeeqoShipmentBooking, s::VEEQO_SHIPMENT_BOOKING),
        (Kind::FeedampOrder, s::FEEDAMP_ORDER),
        (Kind::FeedampTokenRequest, s::FEEDAMP_TOKEN_REQUEST),
        (Kind::FeedampAuthorizeUrl, s::FEEDAMP_AUTHORIZE_URL),
        (Kind::FeedampOrdersQuery, s::FEEDAMP_ORDERS_QUERY),
        (Kind::FeedampOrderErrors, s::FEEDAMP_ORDER_ERRORS),
        (Kind::FeedampReturn, s::FEEDAMP_RETURN),
        (Kind::FeedampReturnErrors, s::FEEDAMP_RETURN_ERRORS),
    ];
    for (kind, text) in samples {
        let d = detect(&parse(text).unwrap());
        assert_eq!(d.kind, Some(kind), "{kind}: {}", d.why);
        assert_eq!(d.fits, vec![kind]);
    }
}

/// Veeqo's two pages spell the listing's type two ways; a document with the listing's id is
/// the update (Update Store Listing's example), one without it the create — unless it lacks
/// what a create requires, when it may be an update whose id is only in the path: either fits.
#[test]
fn both_spellings_of_a_listing_are_told_and_the_update_by_its_id() {
    let attrs = r#"{"channel_id": "1", "remote_id": "B0EXAMPLE1", "remote_sku": "S"}"#;
    for ty in ["channel_sellables", "channel_sellable"] {
        let create = format!(r#"{{"data": {{"type": "{ty}", "attributes": {attrs}}}}}"#);
        let update = format!(r#"{{"data": {{"id": "6789", "type": "{ty}", "attributes": {{}}}}}}"#);
        let partial =
            format!(r#"{{"data": {{"type": "{ty}", "attributes": {{"remote_sku": "S"}}}}}}"#);
        let told = |t: &str| detect(&parse(t).unwrap());
        assert_eq!(told(&create).kind, Some(Kind::VeeqoChannelSellable), "{ty}");
        assert_eq!(
            told(&update).kind,
            Some(Kind::VeeqoChannelSellableUpdate),
            "{ty}"
        );
        let either = told(&partial);
        assert_eq!(either.kind, None, "{ty}");
        assert_eq!(
            either.fits,
            vec![Kind::VeeqoChannelSellable, Kind::VeeqoChannelSellableUpdate]
        );
        // Checked as the other of the two, neither is "plainly another kind".
        let as_update = validate(
            Kind::VeeqoChannelSellableUpdate,
            &parse(&create).unwrap(),
            None,
        );
        assert!(as_update.issues.iter().all(|i| i.code != "json.other_kind"));
        let as_create = validate(Kind::VeeqoChannelSellable, &parse(&update).unwrap(), None);
        assert!(as_create.issues.iter().all(|i| i.code != "json.other_kind"));
    }
}

#[test]
fn messages() {
    let inputs = [
        r#"{"order": {"channel_id": 1}}"#,
        r#"{"order": {"mp_order_number": "A-1", "order_lines": []}}"#,
        r#"{"data": {"type": "channel_sellables", "attributes": {}}}"#,
        r#"{"data": {"type": "orders"}}"#,
        r#"{"channel_id": 1, "line_items_attributes": [], "deliver_to_id": 2}"#,
        r#"{"name": "Shop", "type_code": "custom_integration"}"#,
        r#"{"fulfillment_status": "UNFULFILLED", "page_size": 20}"#,
        r#"{"page_size": 20}"#,
        r#"{"refund_status": "CREATED", "created_afterr": "2026-01-01"}"#,
        r#"{"colour": "blue", "size": 3}"#,
        r#"{}"#,
        r#"[{"code": "EXCESS_REFUND", "message": "m"}]"#,
        r#"[{"mp_line_number": "1", "code": "X", "message": "m"}]"#,
        r#"[{"code": "NOT_A_CODE", "message": "m"}]"#,
        r#"[]"#,
        r#"[1, 2]"#,
        r#""https://feedamp.example.com/authorize?response_type=code""#,
        r#""grant_type=refresh_token&refresh_token=r""#,
        r#""hello""#,
        "42",
        "null",
    ];
    let mut out = String::new();
    for input in inputs {
        let d = detect(&parse(input).unwrap());
        let fits: Vec<&str> = d.fits.iter().map(|k| k.name()).collect();
        let _ = writeln!(
            out,
            "{input}\n  {}\n  fits: {}\n",
            d.message(),
            fits.join(", ")
        );
    }
    insta::assert_snapshot!(out);
}
