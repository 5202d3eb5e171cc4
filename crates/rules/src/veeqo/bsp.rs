//! The guide's Buyer Protection rules as plain predicates, used by the order rules, the
//! sandbox (to say whether a created order qualifies) and the troubleshooter.

use orderlint_json::Value;

use super::id_text;

/// `NNN-NNNNNNN-NNNNNNN`: the Amazon order id, exactly.
pub fn is_amazon_order_id(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 19
        && b[3] == b'-'
        && b[11] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 3 || i == 11 || c.is_ascii_digit())
}

/// An Amazon order id inside a longer string (prefix or suffix added), if any.
pub fn embedded_amazon_order_id(s: &str) -> Option<&str> {
    if !s.is_ascii() || s.len() < 19 {
        return None;
    }
    (0..=s.len() - 19)
        .map(|i| &s[i..i + 19])
        .find(|w| is_amazon_order_id(w))
}

/// 14 digits: the shape of every Amazon order item id in public examples.
pub fn is_amazon_line_item_id(s: &str) -> bool {
    s.len() == 14 && s.bytes().all(|b| b.is_ascii_digit())
}

/// `B0` and eight more capitals or digits: an ASIN, easily pasted where a line item id belongs.
pub fn looks_like_asin(s: &str) -> bool {
    s.len() == 10
        && s.starts_with("B0")
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// The integration type of a channel, whether given as sent (`..._attributes`) or as
/// returned (`custom_integration_channel_specific`).
fn integration_type<'a>(channel: &'a Value<'a>) -> Option<&'a str> {
    [
        "custom_integration_channel_specific",
        "custom_integration_channel_specific_attributes",
    ]
    .iter()
    .find_map(|k| channel.get(k)?.get("integration_type")?.as_str())
}

/// Why a channel cannot carry BSP orders, or `None` when it can.
pub fn channel_problem(channel: &Value) -> Option<String> {
    let type_code = channel.get("type_code").and_then(Value::as_str);
    if type_code != Some("custom_integration") {
        return Some(format!(
            "its type_code is {}, not \"custom_integration\"",
            type_code.map_or("missing".to_string(), |t| format!("\"{t}\""))
        ));
    }
    match integration_type(channel) {
        Some("amazon") => None,
        Some(other) => Some(format!(
            "its integration_type is \"{other}\", not \"amazon\""
        )),
        None => Some("it has no integration_type (it must be \"amazon\")".into()),
    }
}

pub fn channel_id(channel: &Value) -> Option<String> {
    channel.get("id").and_then(id_text)
}

/// A JSON:API relationship id (`relationships.<name>.data.id`).
fn relationship_id(cs: &Value, name: &str) -> Option<String> {
    cs.get("relationships")?
        .get(name)?
        .get("data")?
        .get("id")
        .and_then(id_text)
}

/// A field of a channel sellable given flat, under `attributes`, or as a relationship.
fn cs_field(cs: &Value, field: &str, relationship: &str) -> Option<String> {
    cs.get(field)
        .and_then(id_text)
        .or_else(|| cs.get("attributes")?.get(field).and_then(id_text))
        .or_else(|| relationship_id(cs, relationship))
}

pub fn cs_sellable_id(cs: &Value) -> Option<String> {
    cs_field(cs, "sellable_id", "sellable")
}

pub fn cs_channel_id(cs: &Value) -> Option<String> {
    cs_field(cs, "channel_id", "channel")
}

/// The channel sellable that links `sellable_id` to `channel_id`, if any.
pub fn find_link<'a>(
    channel_sellables: &'a [Value<'a>],
    sellable_id: &str,
    channel_id: &str,
) -> Option<&'a Value<'a>> {
    channel_sellables.iter().find(|cs| {
        cs_sellable_id(cs).as_deref() == Some(sellable_id)
            && cs_channel_id(cs).as_deref() == Some(channel_id)
    })
}

pub fn is_linked(channel_sellables: &[Value], sellable_id: &str, channel_id: &str) -> bool {
    find_link(channel_sellables, sellable_id, channel_id).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use orderlint_json::json;

    #[test]
    fn order_ids() {
        assert!(is_amazon_order_id("112-1234567-1234567"));
        assert!(!is_amazon_order_id("AMZ-112-1234567-1234567"));
        assert!(!is_amazon_order_id("112-123456-12345678"));
        assert_eq!(
            embedded_amazon_order_id("AMZ-112-1234567-1234567"),
            Some("112-1234567-1234567")
        );
        assert_eq!(embedded_amazon_order_id("é-112-1234567"), None);
    }

    #[test]
    fn channels_and_links() {
        let ok = json!({"id": 7, "type_code": "custom_integration",
                        "custom_integration_channel_specific": {"integration_type": "amazon"}});
        let ok = *ok.value();
        assert_eq!(channel_problem(&ok), None);
        let shopify = json!({"id": 8, "type_code": "shopify"});
        let shopify = *shopify.value();
        assert!(channel_problem(&shopify).unwrap().contains("shopify"));
        let links = json!([
            {"sellable_id": "5", "channel_id": 7},
            {"attributes": {"remote_id": "B0X"},
                   "relationships": {"sellable": {"data": {"id": "6"}}, "channel": {"data": {"id": "7"}}}},
        ]);
        let links = *links.value();
        let links = links.as_array().unwrap();
        assert!(is_linked(links, "5", "7"));
        assert!(is_linked(links, "6", "7"));
        assert!(!is_linked(links, "6", "8"));
    }
}
