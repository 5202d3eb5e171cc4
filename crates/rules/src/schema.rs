//! A JSON Schema (2020-12) for each kind's structure, made from the tables the engine
//! walks (`veeqo::shapes`, `feedamp::shapes`, the ISO and spec code lists, the error
//! reports' code lists, each kind's field list): not a second transcription.
//!
//! What a schema holds is what the engine refuses on structure alone: a missing required
//! field, a wrong type (with the casts Veeqo applies: a quoted number is a warning, so
//! the schema takes it), a null where FeedAMP takes none, a value outside an enum or a
//! code list, an empty array, a bound. Cross-field rules (Buyer Protection, totals,
//! account context) and warnings are not structure: a payload the schema accepts can
//! still get errors from the engine, never the other way round.
//!
//! Invariant: a payload the engine finds valid, the schema accepts; a structural error
//! of the engine, the schema refuses (`tests/schema.rs` and `tests/cli/schema.test.mjs`,
//! over the samples and mutations of them).

use serde_json::{json, Map, Value};

use crate::feedamp;
use crate::feedamp::query::{self, Param, Params};
use crate::iso_tables;
use crate::shape::{Dialect, Need, Shape, Ty};
use crate::{Body, Kind};

const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The kind's schema, a whole document with its `$schema` and `$id`.
pub fn schema(kind: Kind) -> Value {
    let mut s = body(kind);
    let head = json!({
        "$schema": DIALECT,
        "$id": format!("urn:orderlint:schema:{kind}"),
        "title": kind.name(),
    });
    if let (Value::Object(h), Value::Object(b)) = (head, &mut s) {
        let mut doc = h;
        doc.append(b);
        return Value::Object(doc);
    }
    s
}

fn body(kind: Kind) -> Value {
    match kind.spec().body {
        Body::Wrapped { key, shape: inner } => wrapped(key, inner),
        Body::Bare(inner) => shape(inner),
        Body::Query(params) => query(params),
        Body::Errors { codes, per_line } => report(codes, per_line),
        Body::Form { .. } | Body::Url { .. } => hand_written(kind),
    }
}

/// The schema of a kind checked by hand (a form, a URL), written beside it here.
fn hand_written(kind: Kind) -> Value {
    match kind {
        Kind::FeedampTokenRequest => token_request(),
        Kind::FeedampAuthorizeUrl => authorize_url(),
        // A new form or URL kind writes its schema here; until then it takes any string.
        _ => json!({"type": "string"}),
    }
}

/// A Veeqo body inside its one wrapper key, or bare: Rails wraps a bare body itself (the
/// engine warns that nested attributes may then be dropped).
fn wrapped(key: &str, inner: &Shape) -> Value {
    json!({"anyOf": [
        {
            "type": "object",
            "required": [key],
            "properties": {key: shape(inner)},
        },
        shape(inner),
    ]})
}

/// The form's fields as an object, or the form-encoded body as a string (whose fields the
/// engine checks once decoded). Which credential is needed follows the grant.
pub(crate) fn token_request() -> Value {
    use feedamp::token_request::{FIELDS, GRANTS, GRANT_TYPES, REQUIRED_FIELDS};
    let grants: Vec<Value> = GRANTS
        .iter()
        .map(|(grant, needed, stray)| {
            json!({
                "if": {"required": ["grant_type"], "properties": {"grant_type": {"const": grant}}},
                "then": {
                    "required": [needed],
                    "properties": {*needed: text(), *stray: {"type": "string"}},
                },
            })
        })
        .collect();
    json!({"anyOf": [
        {
            "type": "object",
            "required": REQUIRED_FIELDS,
            "properties": named(FIELDS, |n| match n {
                "grant_type" => json!({"enum": GRANT_TYPES}),
                "code_verifier" => json!({}),
                "client_id" | "client_secret" => text(),
                _ => json!({"type": ["string", "null"]}),
            }),
            "allOf": grants,
        },
        {"type": "string", "pattern": "="},
    ]})
}

/// The authorize URL (its query the engine reads), or its parameters as an object.
pub(crate) fn authorize_url() -> Value {
    use feedamp::authorize_url::{PARAMS, REQUIRED_PARAMS};
    let mut params = named(PARAMS, |n| match n {
        "response_type" => json!({"const": "code"}),
        "code_challenge_method" => json!({"enum": ["S256"]}),
        _ => text(),
    });
    // A URL's query holds each required parameter, with a value.
    let in_url: Vec<Value> = std::iter::once(json!({"pattern": "^https?://"}))
        .chain(
            REQUIRED_PARAMS
                .iter()
                .map(|p| json!({"pattern": format!("[?&]{p}=[^&#]")})),
        )
        .collect();
    // Never in a URL: the browser, its history and logs would all see it.
    params.insert("client_secret".into(), json!(false));
    json!({"anyOf": [
        {"type": "string", "allOf": in_url},
        {
            "type": "object",
            "required": REQUIRED_PARAMS,
            "properties": params,
            "dependentRequired": {"code_challenge": ["code_challenge_method"]},
        },
    ]})
}

/// A list endpoint's query, from its parameter table.
fn query(params: Params) -> Value {
    let properties: Map<String, Value> = params
        .iter()
        .map(|(name, p)| (name.to_string(), param(*p)))
        .collect();
    json!({"type": "object", "properties": properties})
}

fn param(p: Param) -> Value {
    // A list, flag or page size given as null is read as not given.
    let absent = json!({"type": "null"});
    match p {
        Param::Ids => json!({"anyOf": [
            {"type": "string", "pattern": format!("^{ITEM}(,{ITEM})*$")},
            {
                "type": "array",
                "minItems": 1,
                "maxItems": query::MAX_LIST_ITEMS,
                "items": {"type": "string", "minLength": 1, "maxLength": feedamp::MAX_ID_CHARS},
            },
            absent,
        ]}),
        Param::EnumList(allowed) => {
            let one = format!("\\s*({})\\s*", allowed.join("|"));
            json!({"anyOf": [
                {"type": "string", "pattern": format!("^{one}(,{one})*$")},
                {"type": "array", "minItems": 1, "items": {"enum": allowed}},
                absent,
            ]})
        }
        Param::OneOf(allowed) => json!({"enum": allowed}),
        Param::Since => json!({"type": "string"}),
        Param::Flag => json!({"anyOf": [{"type": "boolean"}, {"enum": ["true", "false"]}, absent]}),
        Param::PageSize => {
            let (lo, hi) = query::PAGE_SIZE;
            json!({"anyOf": [
                {"type": "integer", "minimum": lo, "maximum": hi},
                // The text a query string carries; its range is the engine's to say.
                {"type": "string", "pattern": "^\\s*\\+?[0-9]+\\s*$"},
                absent,
            ]})
        }
        Param::Cursor => text(),
    }
}

/// One item of a comma-delimited list: something besides spaces.
const ITEM: &str = "[^,]*[^,\\s][^,]*";

/// An error report: `[{code, message}]`, codes from the endpoint's list.
fn report(codes: &[&str], per_line: bool) -> Value {
    let mut properties = json!({
        "code": {"enum": codes},
        "message": text(),
    });
    if per_line {
        properties["mp_line_number"] = json!({
            "type": "string", "minLength": 1, "maxLength": feedamp::MAX_ID_CHARS,
        });
        properties["debug"] = json!({"type": "array", "items": {"type": "object"}});
    }
    json!({
        "type": "array",
        "minItems": 1,
        "items": {"type": "object", "required": ["code", "message"], "properties": properties},
    })
}

fn named(names: &[&str], each: impl Fn(&str) -> Value) -> Map<String, Value> {
    names.iter().map(|n| (n.to_string(), each(n))).collect()
}

/// One object's fields. Veeqo reads null as "not given": its optional fields take null,
/// and a required one given null is missing. FeedAMP takes no null.
fn shape(s: &Shape) -> Value {
    let null_is_absent = s.entity.dialect.null_is_absent;
    let mut properties = Map::new();
    let mut patterns = Map::new();
    let mut required = Vec::new();
    for f in s.fields {
        if let Some(prefix) = f.prefix() {
            // A documented key pattern: any value (`Ty::Any`).
            patterns.insert(format!("^{prefix}."), ty(&f.ty, s.entity.dialect));
            continue;
        }
        let mut v = ty(&f.ty, s.entity.dialect);
        let is_required = matches!(f.need, Need::Required);
        if is_required {
            required.push(f.name);
        } else if null_is_absent {
            v = json!({"anyOf": [v, {"type": "null"}]});
        }
        properties.insert(f.name.to_string(), v);
    }
    let mut out = json!({
        "title": s.entity,
        "type": "object",
        "properties": properties,
    });
    if !patterns.is_empty() {
        out["patternProperties"] = Value::Object(patterns);
    }
    if !required.is_empty() {
        out["required"] = json!(required);
    }
    if !s.one_of.is_empty() {
        // One field of each group, given and not null.
        let groups: Vec<Value> = s
            .one_of
            .iter()
            .map(|g| {
                let each: Vec<Value> = g
                    .iter()
                    .map(
                        |n| json!({"required": [n], "properties": {*n: {"not": {"type": "null"}}}}),
                    )
                    .collect();
                json!({"anyOf": each})
            })
            .collect();
        out["allOf"] = json!(groups);
    }
    out
}

/// A string that is not blank.
fn text() -> Value {
    json!({"type": "string", "pattern": "\\S"})
}

/// A decimal as Veeqo reads a quoted number: `12`, `-1.5`, around spaces.
const DECIMAL: &str = "^\\s*-?[0-9]+(\\.[0-9]+)?\\s*$";

fn ty(t: &Ty, dialect: &Dialect) -> Value {
    let casts = dialect.casts;
    // Rails stores a number or boolean sent for text as its text: a warning.
    let scalar = json!({"type": ["number", "boolean"]});
    match t {
        Ty::Str if casts => json!({"type": ["string", "number", "boolean"]}),
        Ty::Str => json!({"type": "string"}),
        Ty::Text if casts => json!({"anyOf": [text(), scalar]}),
        Ty::Text => text(),
        Ty::Bool if casts => json!({"anyOf": [
            {"type": "boolean"},
            {"type": "string", "pattern": "^\\s*(true|false|1|0)\\s*$"},
        ]}),
        Ty::Bool => json!({"type": "boolean"}),
        Ty::Int { min } if casts => json!({"anyOf": [
            {"type": "integer", "minimum": min},
            {"type": "string", "pattern": "^\\s*-?[0-9]+(\\.0+)?\\s*$"},
        ]}),
        Ty::Int { min } => json!({"type": "integer", "minimum": min}),
        Ty::Num { min, .. } if casts => json!({"anyOf": [
            {"type": "number", "minimum": min},
            {"type": "string", "pattern": DECIMAL},
        ]}),
        Ty::Num { min, .. } => json!({"type": "number", "minimum": min}),
        Ty::Segment { max } => json!({"type": "string", "minLength": 1, "maxLength": max}),
        Ty::Len { min, max } => json!({"type": "string", "minLength": min, "maxLength": max}),
        Ty::Money => json!({"anyOf": [
            {"type": "number", "minimum": 0},
            {"type": "string", "pattern": "^[0-9]+(\\.[0-9]+)?$"},
        ]}),
        Ty::Id => id(),
        Ty::IdOrBlank => json!({"anyOf": [id(), {"const": ""}]}),
        // Rails reads many date forms, and one it cannot is stored as no date: a warning.
        Ty::Date => json!({}),
        Ty::Email | Ty::Country2 => json!({"type": "string"}),
        Ty::Currency => json!({"enum": dialect.currencies.list}),
        Ty::Country3 => {
            let codes: Vec<&str> = iso_tables::COUNTRIES_BY_ALPHA3
                .iter()
                .map(|(a3, _)| *a3)
                .collect();
            json!({"enum": codes})
        }
        Ty::Utc => json!({"type": "string", "format": "date-time"}),
        Ty::IsoDate => json!({"type": "string", "format": "date"}),
        Ty::Enum(allowed) => json!({"enum": allowed}),
        Ty::Object(inner) => shape(inner),
        Ty::Array { of, min, .. } => {
            let mut a = json!({"type": "array", "items": shape(of)});
            if *min > 0 {
                a["minItems"] = json!(min);
            }
            a
        }
        Ty::OpenObject => json!({"type": "object"}),
        Ty::Any => json!({}),
    }
}

/// A record id: a positive integer or a string of digits.
fn id() -> Value {
    json!({"anyOf": [
        {"type": "integer", "minimum": 1},
        {"type": "string", "pattern": "^[0-9]+$"},
    ]})
}
