//! The rule engine never panics: random documents, deep nesting, huge strings, every kind.

use orderlint::rules::{
    json, parse, validate, validate_text, Arena, Context, Document, Kind, List, Number, Value,
};

/// A small deterministic PRNG (xorshift64*), so failures replay.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Keys the rules look for, so random documents reach deep into them.
const KEYS: &[&str] = &[
    "order",
    "channel",
    "product",
    "data",
    "attributes",
    "relationships",
    "channel_product",
    "line_items_attributes",
    "product_variants_attributes",
    "deliver_to_attributes",
    "customer_attributes",
    "billing_address_attributes",
    "payment_attributes",
    "number",
    "channel_id",
    "sellable_id",
    "remote_id",
    "quantity",
    "price_per_unit",
    "tax_rate",
    "short_name",
    "type_code",
    "currency_code",
    "country",
    "due_date",
    "type",
    "id",
    "email",
    "custom_integration_channel_specific_attributes",
    "integration_type",
    "sku_code",
    "order_lines",
    "marketplace_state",
    "mp_line_number",
    "mp_order_number",
    "taxes",
    "discounts",
    "shipping_address",
    "country_code",
    "grant_type",
    "page_size",
    "fulfillment_status",
    "purchase_date",
    "unit_price",
    "code",
    "message",
    "redirect_url",
    "return_lines",
    "mp_order_line_number",
    "requested_refund_principal",
    "carrier",
    "~/x",
];

fn random_value<'a>(rng: &mut Rng, a: Arena<'a>, depth: u32) -> Value<'a> {
    let pick = if depth > 6 {
        rng.below(6)
    } else {
        rng.below(9)
    };
    match pick {
        0 => Value::Null,
        1 => Value::Bool(rng.below(2) == 0),
        2 => Value::Number(((rng.next() as i64) >> rng.below(60)).into()),
        3 => Number::from_f64(f64::from_bits(rng.next() >> 2)).map_or(Value::Null, Value::Number),
        4 => a.str(
            [
                "",
                "{{x}}",
                "112-1234567-1234567",
                "AZX",
                "USD",
                "é",
                "2026-02-30",
                "-1",
            ][rng.below(8) as usize],
        ),
        5 => a.str(&rng.below(1_000_000).to_string()),
        6 | 7 => {
            // Keys may repeat: the object then has duplicates, as a parser finds them.
            let entries: Vec<_> = (0..rng.below(6))
                .map(|_| {
                    let k = KEYS[rng.below(KEYS.len() as u64) as usize];
                    (k, random_value(rng, a, depth + 1))
                })
                .collect();
            a.object(entries)
        }
        _ => {
            let items: Vec<_> = (0..rng.below(4))
                .map(|_| random_value(rng, a, depth + 1))
                .collect();
            a.array(items)
        }
    }
}

fn random_document(rng: &mut Rng, depth: u32) -> Document<'static> {
    Document::build(|a| random_value(rng, a, depth))
}

fn random_list(rng: &mut Rng) -> List {
    let n = rng.below(3);
    List::from(Document::build(|a| {
        let items: Vec<_> = (0..n).map(|_| random_value(rng, a, 3)).collect();
        a.array(items)
    }))
}

fn random_context(rng: &mut Rng) -> Context {
    Context {
        channels: Some(random_list(rng)),
        channel_sellables: Some(random_list(rng)),
        veeqo_order: Some(random_document(rng, 2)),
        feedamp_order: Some(random_document(rng, 2)),
        new_order: rng.below(2) == 0,
        feedamp_returns: Some(random_list(rng)),
        path_mp_order_number: Some(
            ["111-99998888-55555", "x", ""][rng.below(3) as usize].to_string(),
        ),
        path_id: Some(["5550001", "x/..", ""][rng.below(3) as usize].to_string()),
    }
}

#[test]
fn random_documents_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..8_000 {
        let doc = random_document(&mut rng, 0);
        let v = doc.value();
        let ctx = random_context(&mut rng);
        for kind in Kind::ALL {
            let out = validate(*kind, v, Some(&ctx));
            // Every pointer resolves into the document, or names a field that is missing.
            for issue in &out.issues {
                assert!(issue.pointer.is_empty() || issue.pointer.starts_with('/'));
            }
            validate(*kind, v, None);
        }
    }
}

#[test]
fn deep_nesting_gives_an_issue_not_a_crash() {
    // Built in memory, far deeper than any parser would allow.
    let doc = Document::build(|a| {
        let mut v = a.str("leaf");
        for _ in 0..50_000 {
            v = a.array([v]);
        }
        a.object([("order", v)])
    });
    let out = validate(Kind::VeeqoOrder, doc.value(), None);
    assert!(
        out.issues.iter().any(|i| i.code == "json.too_deep"),
        "{:?}",
        out.issues
    );
    assert!(!out.valid);
    // The arena frees it at once, with no recursion to unwind.
    drop(doc);

    // As text, the parser's own limit answers with a line and column.
    let text = "[".repeat(10_000) + &"]".repeat(10_000);
    let err = validate_text(Kind::VeeqoOrder, &text, None).unwrap_err();
    assert_eq!(err.line, 1);
    assert!(err.message.contains("recursion"), "{err}");
}

#[test]
fn huge_strings_and_arrays_are_handled() {
    let big = "ä".repeat(2_000_000);
    let v = json!({"order": {"number": big, "channel_id": big, "line_items_attributes":
        vec![serde_json::json!({"remote_id": "x", "quantity": -1}); 5_000]}});
    let out = validate(Kind::VeeqoOrder, v.value(), None);
    assert!(!out.valid);
    // Messages quote a cut value, not two megabytes.
    assert!(out.issues.iter().all(|i| i.message.len() < 1_000));
    // The report is capped, and says so.
    assert!(out.issues.len() <= orderlint::rules::MAX_ISSUES + 1);
    assert_eq!(out.issues.last().unwrap().code, "report.truncated");
}

#[test]
fn text_that_is_not_json_says_where() {
    let err = parse("{\n  \"order\": {\n    \"number\": 12,,\n  }\n}").unwrap_err();
    assert_eq!((err.line, err.column), (3, 18), "the second comma");
    assert!(parse("   ").unwrap_err().message.contains("empty"));
    for text in [
        "",
        "{",
        "[1,]",
        "\"unterminated",
        "nul",
        "{\"a\" 1}",
        "\u{feff}{}",
    ] {
        let _ = validate_text(Kind::VeeqoChannel, text, None);
    }
}
