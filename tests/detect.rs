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
        let Ok(doc) = parse(&text) else { continue };
        let v = *doc.value();
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
    // The rows name their samples: a new kind's sample is checked here with no edit.
    for &kind in Kind::ALL {
        for file in kind.spec().samples {
            let path = format!("{}/samples/{file}", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(&path).expect(file);
            let d = detect(parse(&text).unwrap().value());
            assert_eq!(d.kind, Some(kind), "{file}: {}", d.why);
            assert_eq!(d.fits, vec![kind], "{file}");
        }
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
        let d = detect(parse(input).unwrap().value());
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
