//! Veeqo: the Amazon Buyer Protection workflow (custom-integration channel, product,
//! channel sellable, BSP order). One file per payload kind; `bsp` holds the guide's
//! eligibility rules, shared with the sandbox and the troubleshooter.

pub mod address;
pub mod bsp;
pub mod channel;
pub mod channel_sellable;
pub mod order;
pub mod product;
pub mod troubleshoot;

use serde_json::Value;

use super::fields::Obj;
use super::pointer::Ptr;
use super::text::type_name;
use super::Report;

/// Where the guide's rules come from, cited on the issues that enforce them.
pub const GUIDE: &str = "Amazon Buyer Protection for Veeqo API Orders";

/// The wrapped body `{"<key>": {...}}` Veeqo's v1 endpoints take. When the wrapper is
/// missing but the document looks like the inner object, says so and checks it anyway.
pub(crate) fn wrapped<'v>(
    r: &mut Report,
    v: &'v Value,
    key: &'static str,
    entity: &'static str,
    inner_fields: &[&str],
) -> Option<Obj<'v>> {
    let Value::Object(map) = v else {
        r.error(
            "",
            format!("{entity}.not_object"),
            format!(
                "The payload is {}; send an object like {{\"{key}\": {{...}}}}.",
                type_name(v)
            ),
        );
        return None;
    };
    if map.contains_key(key) {
        let outer = Obj::new(r, v, Ptr::root(), entity)?;
        outer.unknown_fields(r, &[key]);
        return outer.object(r, key, true, entity);
    }
    if map.keys().any(|k| inner_fields.contains(&k.as_str())) {
        r.error(
            "",
            format!("{entity}.not_wrapped"),
            format!("The fields must sit inside \"{key}\": send {{\"{key}\": {{...}}}}."),
        );
        return Obj::new(r, v, Ptr::root(), entity);
    }
    r.error(
        "",
        format!("{entity}.{key}.required"),
        format!("\"{key}\" is missing; the body must be {{\"{key}\": {{...}}}}."),
    );
    None
}

/// An id as text, whether the API gave it as a number or a string.
pub fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) => n.as_u64().map(|i| i.to_string()),
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    }
}
