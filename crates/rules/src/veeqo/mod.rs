//! Veeqo: the Amazon Buyer Protection workflow (custom-integration channel, product,
//! channel sellable, BSP order). One file per payload kind; `bsp` holds the guide's
//! eligibility rules, shared with the sandbox and the troubleshooter.

pub mod address;
pub mod bsp;
pub mod channel;
pub mod channel_sellable;
pub mod channel_sellable_update;
pub mod order;
pub mod product;
pub mod rate_shopping;
pub mod shapes;
pub mod troubleshoot;

use crate::codes::Check;
use orderlint_json::Value;

use super::fields::Obj;
use super::pointer::Ptr;
use super::shape;
use super::text::type_name;
use super::Report;

/// Where the guide's rules come from, cited on the issues that enforce them.
pub const GUIDE: &str = "Amazon Buyer Protection for Veeqo API Orders";

/// The wrapped body `{"<key>": {...}}` Veeqo's v1 endpoints take, checked against
/// `shape`, both from the kind's row. A bare body is a warning, not an error: Rails wraps
/// it itself (Veeqo's own channel sample is bare), but only for the model's own columns.
pub(crate) fn wrapped<'v>(r: &mut Report, v: &'v Value<'v>, kind: crate::Kind) -> Option<Obj<'v>> {
    // Only wrapped kinds call this: their rows say so.
    let crate::Body::Wrapped { key, shape } = kind.spec().body else {
        return None;
    };
    let entity = shape.entity;
    let Value::Object(map) = v else {
        r.object(
            entity,
            Check::NotObject,
            "",
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
        let inner = outer.object(r, key, true, entity)?;
        shape::check(shape, &inner, r);
        return Some(inner);
    }
    if map.keys().any(|k| shape.field(k).is_some()) {
        r.object(
            entity,
            Check::NotWrapped,
            "",
            format!("The fields are not inside \"{key}\": Veeqo wraps a bare body itself, but only the {key}'s own columns, so nested \"..._attributes\" may be dropped; send {{\"{key}\": {{...}}}} as the guide does."),
        );
        r.fix(crate::fix::Fix::wrap(key));
        return shape::walk(shape, v, Ptr::root(), r);
    }
    r.field(
        entity,
        key,
        Check::Required,
        "",
        format!("\"{key}\" is missing; the body must be {{\"{key}\": {{...}}}}."),
    );
    None
}

/// An id as a payload gives it, when it is one (digits, as a number or a string): the
/// account checks use it only then, the walk has reported anything else.
pub(crate) fn payload_id(v: &Value) -> Option<String> {
    id_text(v).filter(|s| s.bytes().all(|b| b.is_ascii_digit()) && s.bytes().any(|b| b != b'0'))
}

/// An id as text, whether the API gave it as a number or a string.
pub fn id_text(v: &Value) -> Option<String> {
    orderlint_text::id_from(v.as_u64(), v.as_str())
}
