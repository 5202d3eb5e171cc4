//! An answer's type as JSON Schema, and a request table read as an answer: the two views
//! of `answers.rs` that the OpenAPI document and the drift check share.

use serde_json::{json, Map, Value};

use super::answers::{Ans, F};
use crate::shape::{Need, Shape, Ty};

/// What a request table's field is worth in an answer: its JSON type, not its limits
/// (an API may widen an enum or a length; that is not drift).
pub(crate) fn loose(t: &Ty) -> Ans {
    match t {
        Ty::Str
        | Ty::Text
        | Ty::Segment { .. }
        | Ty::Len { .. }
        | Ty::Email
        | Ty::Currency
        | Ty::Country2
        | Ty::Country3
        | Ty::Utc
        | Ty::IsoDate
        | Ty::Enum(_) => Ans::Str,
        Ty::Int { .. } => Ans::Int,
        Ty::Num { .. } => Ans::Num,
        Ty::Money => Ans::Decimal,
        Ty::Bool => Ans::Bool,
        Ty::Id => Ans::Id,
        Ty::IdOrBlank | Ty::Date | Ty::Any => Ans::Any,
        Ty::Object(s) => Ans::Shape(s),
        Ty::Array { of, .. } => Ans::Shapes(of),
        Ty::OpenObject => Ans::Obj(&[]),
    }
}

/// A request table's fields as an answer's: required as the request requires them.
pub(crate) fn shape_fields(s: &'static Shape) -> impl Iterator<Item = F> {
    s.fields
        .iter()
        .filter(|f| f.prefix().is_none())
        .map(|f| F(f.name, loose(&f.ty), matches!(f.need, Need::Required)))
}

/// The answer type as a JSON Schema (2020-12, OpenAPI 3.1's dialect). Objects stay open
/// and an optional field may be null, as `answers.rs` says.
pub(crate) fn schema(a: &Ans) -> Value {
    match a {
        Ans::Str => json!({"type": "string"}),
        Ans::Int => json!({"type": "integer"}),
        Ans::Num => json!({"type": "number"}),
        Ans::Bool => json!({"type": "boolean"}),
        Ans::Any => json!({}),
        Ans::Decimal => json!({"type": ["string", "number"]}),
        Ans::Id => json!({"anyOf": [
            {"type": "integer", "minimum": 0},
            {"type": "string", "pattern": "^[0-9]+$"},
        ]}),
        Ans::Obj(fields) => object(fields.iter().copied()),
        Ans::Arr(of) => json!({"type": "array", "items": schema(of)}),
        Ans::Either(alts) => json!({"anyOf": alts.iter().map(schema).collect::<Vec<_>>()}),
        Ans::Shape(s) => {
            let mut o = object(shape_fields(s));
            o["title"] = json!(format!("{} (as answered)", s.entity.name));
            o
        }
        Ans::Shapes(s) => json!({"type": "array", "items": schema(&Ans::Shape(s))}),
        Ans::Bytes => json!({"type": "string"}),
    }
}

fn object(fields: impl Iterator<Item = F>) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for F(name, ty, must) in fields {
        let s = schema(&ty);
        let s = if must || matches!(ty, Ans::Any) {
            s
        } else {
            json!({"anyOf": [s, {"type": "null"}]})
        };
        if must {
            required.push(name);
        }
        properties.insert(name.to_string(), s);
    }
    let mut o = json!({"type": "object", "properties": properties});
    if !required.is_empty() {
        o["required"] = json!(required);
    }
    o
}
