//! `POST /products` ("Create a New Product"): makes the sellable a channel sellable links.
//! The structure is `shapes::PRODUCT`; here are the checks across variants.

use crate::codes::{self, Code};
use orderlint_json::Value;

use super::{shapes, wrapped};
use crate::fields::Obj;
use crate::text::num;
use crate::Report;

pub fn check(v: &Value, r: &mut Report) {
    let Some(p) = wrapped(r, v, crate::Kind::VeeqoProduct) else {
        return;
    };
    let at = p.at("product_variants_attributes");
    let Some(variants) = p
        .present("product_variants_attributes")
        .and_then(Value::as_array)
    else {
        return;
    };
    if variants.is_empty() {
        r.report(
            &codes::VEEQO_PRODUCT_PRODUCT_VARIANTS_ATTRIBUTES_EMPTY,
            at.as_str(),
            "product_variants_attributes is empty; add a variant with a sku_code: it becomes the sellable a channel sellable links.",
        );
    }
    for (i, item) in variants.iter().enumerate() {
        let Some(var) = Obj::peek(item, at.idx(i), shapes::VARIANT.entity) else {
            continue;
        };
        tax_rate(&var, &codes::VEEQO_PRODUCT_VARIANT_TAX_RATE_PERCENT, r);
    }
}

/// A tax rate is a fraction (0.2 for 20 %); 8 almost always means 8 %. Reads a number
/// or a quoted one; the walk has reported anything else.
pub(crate) fn tax_rate(o: &Obj, code: &'static Code, r: &mut Report) {
    let rate = match o.present("tax_rate") {
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) => crate::fields::decimal_value(s.trim()),
        _ => None,
    };
    let Some(rate) = rate.filter(|&x| x > 1.0) else {
        return;
    };
    r.report(
        code,
        o.at("tax_rate").as_str(),
        format!(
            "tax_rate is {r}: Veeqo reads it as a fraction, so this is {}%; for {r}% send {}.",
            num(rate * 100.0),
            num(rate / 100.0),
            r = num(rate),
        ),
    );
}
