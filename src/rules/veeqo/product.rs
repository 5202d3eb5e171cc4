//! `POST /products` ("Create a New Product"): makes the sellable a channel sellable links.

use std::collections::HashMap;

use serde_json::Value;

use super::wrapped;
use crate::rules::fields::{Obj, OPTIONAL, REQUIRED};
use crate::rules::text::{num, quote};
use crate::rules::Report;

const E: &str = "veeqo.product";

const FIELDS: &[&str] = &[
    "title",
    "description",
    "estimated_dispatch_days",
    "product_variants_attributes",
    "images_attributes",
    "brand",
    "origin_country",
    "hs_tariff_number",
    "notes",
];

const VARIANT_FIELDS: &[&str] = &[
    "title",
    "sku_code",
    "upc_code",
    "model_number",
    "price",
    "cost_price",
    "min_reorder_level",
    "quantity_to_reorder",
    "tax_rate",
    "weight_grams",
    "weight_unit",
];

pub fn check(v: &Value, r: &mut Report) {
    let Some(p) = wrapped(r, v, "product", E, FIELDS) else {
        return;
    };
    p.unknown_fields(r, FIELDS);
    p.text(r, "title", REQUIRED);
    p.string(r, "description", OPTIONAL);
    if let Some(days) = p.integer(r, "estimated_dispatch_days", OPTIONAL) {
        if days < 0 {
            r.error(
                p.at("estimated_dispatch_days").as_str(),
                "veeqo.product.estimated_dispatch_days.negative",
                "estimated_dispatch_days cannot be negative; use 0 for same-day dispatch.",
            );
        }
    }

    let Some(variants) = p.array(r, "product_variants_attributes", REQUIRED) else {
        return;
    };
    if variants.is_empty() {
        r.error(
            p.at("product_variants_attributes").as_str(),
            "veeqo.product.product_variants_attributes.empty",
            "product_variants_attributes is empty; add at least one variant with a sku_code: it becomes the sellable.",
        );
    }
    let mut skus: HashMap<&str, usize> = HashMap::new();
    for (i, item) in variants.iter().enumerate() {
        let ptr = p.at("product_variants_attributes").idx(i);
        let Some(var) = Obj::new(r, item, ptr, "veeqo.product.variant") else {
            continue;
        };
        var.unknown_fields(r, VARIANT_FIELDS);
        var.text(r, "title", OPTIONAL);
        if let Some(sku) = var.text(r, "sku_code", REQUIRED) {
            if let Some(first) = skus.insert(sku, i) {
                r.error(
                    var.at("sku_code").as_str(),
                    "veeqo.product.variant.sku_code.duplicate",
                    format!(
                        "sku_code {} is also used by variant {first}; each variant needs its own SKU.",
                        quote(sku)
                    ),
                );
            }
        }
        var.money(r, "price", OPTIONAL);
        var.money(r, "cost_price", OPTIONAL);
        for n in ["min_reorder_level", "quantity_to_reorder"] {
            if var.integer(r, n, OPTIONAL).is_some_and(|q| q < 0) {
                r.error(
                    var.at(n).as_str(),
                    format!("veeqo.product.variant.{n}.negative"),
                    format!("{n} cannot be negative."),
                );
            }
        }
        tax_rate(&var, r);
    }
}

/// A tax rate is a fraction (0.2 for 20 %); 8 almost always means 8 %.
pub(crate) fn tax_rate(o: &Obj, r: &mut Report) {
    let Some(rate) = o.number(r, "tax_rate", OPTIONAL) else {
        return;
    };
    if rate < 0.0 {
        r.error(
            o.at("tax_rate").as_str(),
            format!("{}.tax_rate.negative", o.entity),
            format!("tax_rate is {}; it cannot be negative.", num(rate)),
        );
    } else if rate > 1.0 {
        r.warn(
            o.at("tax_rate").as_str(),
            format!("{}.tax_rate.percent", o.entity),
            format!(
                "tax_rate is {r}: Veeqo reads it as a fraction, so this is {}%; for {r}% send {}.",
                num(rate * 100.0),
                num(rate / 100.0),
                r = num(rate),
            ),
        );
    }
}
