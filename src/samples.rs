//! The guides' sample payloads, as the editors start with them. Placeholders such as
//! `{{channel_id}}` are left in: the flow fills them with the ids earlier steps returned.

use std::collections::BTreeMap;

pub const VEEQO_CHANNEL: &str = include_str!("../samples/veeqo/channel.json");
pub const VEEQO_PRODUCT: &str = include_str!("../samples/veeqo/product.json");
pub const VEEQO_CHANNEL_SELLABLE_NEW: &str =
    include_str!("../samples/veeqo/channel_sellable_new.json");
pub const VEEQO_CHANNEL_SELLABLE_LINK: &str =
    include_str!("../samples/veeqo/channel_sellable_link.json");
/// "Create Store Listing"'s recommended link: by SKU, or a new product.
pub const VEEQO_CHANNEL_SELLABLE_AUTOLINK: &str =
    include_str!("../samples/veeqo/channel_sellable_autolink.json");
pub const VEEQO_CHANNEL_SELLABLE_UPDATE: &str =
    include_str!("../samples/veeqo/channel_sellable_update.json");
pub const VEEQO_ORDER: &str = include_str!("../samples/veeqo/order.json");
/// The Rate Shopping API (guide "Shipping Amazon orders with the Rate Shopping API"): the
/// rates request for the order's parcel, at home and abroad, then the booking of a quote.
pub const VEEQO_RATES_REQUEST: &str = include_str!("../samples/veeqo/rates_request.json");
pub const VEEQO_RATES_REQUEST_INTERNATIONAL: &str =
    include_str!("../samples/veeqo/rates_request_international.json");
pub const VEEQO_SHIPMENT_BOOKING: &str = include_str!("../samples/veeqo/shipment_booking.json");

pub const FEEDAMP_ORDER: &str = include_str!("../samples/feedamp/order.json");
pub const FEEDAMP_TOKEN_REQUEST: &str = include_str!("../samples/feedamp/token_request.json");
pub const FEEDAMP_AUTHORIZE_URL: &str = include_str!("../samples/feedamp/authorize_url.json");
pub const FEEDAMP_ORDERS_QUERY: &str = include_str!("../samples/feedamp/orders_query.json");
pub const FEEDAMP_ORDER_ERRORS: &str = include_str!("../samples/feedamp/order_errors.json");
pub const FEEDAMP_RETURN: &str = include_str!("../samples/feedamp/return.json");
pub const FEEDAMP_RETURN_ERRORS: &str = include_str!("../samples/feedamp/return_errors.json");

/// Replaces every `{{name}}` whose name is in `vars`; others are left for the rules to flag.
/// Values are inserted as JSON string content, so quotes and backslashes are escaped.
pub fn fill(template: &str, vars: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start + 2..].find("}}") else {
            break;
        };
        let name = &rest[start + 2..start + 2 + len];
        out.push_str(&rest[..start]);
        match vars.get(name.trim()) {
            Some(v) => {
                // A JSON string literal always has its two quotes; keep what is between.
                let quoted = serde_json::Value::String(v.clone()).to_string();
                out.push_str(&quoted[1..quoted.len() - 1]);
            }
            None => out.push_str(&rest[start..start + 4 + len]),
        }
        rest = &rest[start + 4 + len..];
    }
    out.push_str(rest);
    out
}

/// Values that make the Veeqo samples a complete, BSP-eligible walk, for tests and docs.
pub fn example_vars() -> BTreeMap<String, String> {
    [
        ("channel_id", "1234567"),
        ("sellable_id", "111222333"),
        ("ASIN", "B0EXAMPLE1"),
        ("channel_product_id", "987654321"),
        ("amazon_order_number", "112-1234567-1234567"),
        ("amazon_line_item_id", "12345678901234"),
        // From the rates answer, for the booking.
        ("remote_shipment_id", "prb8a99eb17"),
        (
            "rate_id",
            "amazon_shipping_v2-df3f52c6-643e-4959-b802-f60ca1df42bb",
        ),
        ("channel_sellable_id", "5550001"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_known_placeholders_and_keeps_the_rest() {
        let mut vars = BTreeMap::new();
        vars.insert("a".to_string(), "x\"y".to_string());
        assert_eq!(
            fill("{\"k\": \"{{a}}\", \"m\": \"{{b}}\"}", &vars),
            "{\"k\": \"x\\\"y\", \"m\": \"{{b}}\"}"
        );
        assert_eq!(fill("{{ a }} {{", &vars), "x\\\"y {{");
    }
}
