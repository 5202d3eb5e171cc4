//! The kinds of payload the engine knows, by the names the CLI, the JS module and the UI
//! use. Each kind is one [`KindSpec`] row in `kind/table.rs`, which also declares the
//! enum: the dispatch, the schema, detection and the request checker read the row.

mod table;

use std::fmt;
use std::str::FromStr;

use orderlint_json::Value;

use crate::feedamp::query::Params;
use crate::shape::Shape;
use crate::{Context, Report};

pub use table::Kind;

/// The API a kind's payload is sent to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Api {
    Veeqo,
    Feedamp,
}

impl Api {
    pub fn name(self) -> &'static str {
        match self {
            Api::Veeqo => "Veeqo",
            Api::Feedamp => "FeedAMP",
        }
    }
}

/// `veeqo` or `feedamp`, as the CLI, the npm and Python packages take an API's name.
impl FromStr for Api {
    type Err = String;
    fn from_str(s: &str) -> Result<Api, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "veeqo" => Ok(Api::Veeqo),
            "feedamp" => Ok(Api::Feedamp),
            _ => Err(format!("unknown API {s:?}: it is \"veeqo\" or \"feedamp\"")),
        }
    }
}

/// What a kind's payload is, structurally: what the schema is made from and what detection
/// compares a payload's fields with.
#[derive(Clone, Copy)]
pub enum Body {
    /// A JSON object inside its one wrapper key, `{"order": {…}}` (Veeqo's v1 endpoints).
    Wrapped {
        key: &'static str,
        shape: &'static Shape,
    },
    /// A JSON object as it is.
    Bare(&'static Shape),
    /// A list endpoint's query parameters, as a JSON object.
    Query(Params),
    /// An error report: an array of `{code, message}`, codes from the endpoint's list;
    /// `per_line`: its entries may name a line (`mp_line_number`, `debug`).
    Errors {
        codes: &'static [&'static str],
        per_line: bool,
    },
    /// A form-encoded body (or its fields as JSON), checked by hand: its schema too, in
    /// `schema.rs` (not named here: the table is in every bundle that validates, a schema
    /// only in those that export one).
    Form { fields: &'static [&'static str] },
    /// A whole URL (or its query's parameters as JSON), checked by hand: its schema too.
    Url { params: &'static [&'static str] },
}

/// What tells a JSON:API kind: its `data.type` (Veeqo's pages spell one resource two ways,
/// each accepted) and whether its `data` has the resource's `id` (an update does, a
/// create does not: two kinds can share a type).
#[derive(Clone, Copy)]
pub struct JsonApi {
    pub types: &'static [&'static str],
    pub with_id: bool,
}

/// One kind, whole: everything the engine and its faces need to know of it.
pub struct KindSpec {
    pub name: &'static str,
    pub api: Api,
    pub body: Body,
    /// The kind's rules (its file's `check`), run after the document scan.
    pub check: fn(&Value, Option<&Context>, &mut Report),
    /// The endpoints that take it: method and path, `{id}` segments named.
    pub endpoints: &'static [(&'static str, &'static str)],
    /// Its sample payloads, as paths under `samples/` (the editors start from them; the
    /// schema test fills and mutates them).
    pub samples: &'static [&'static str],
    /// A JSON:API document's `data.type`s and whether its `data` carries the resource's
    /// id, for a kind that is one.
    pub json_api: Option<JsonApi>,
    /// Fields that, all present, make a payload plainly this kind (for a wrapped body, its
    /// wrapper key already does).
    pub marks: &'static [&'static str],
    /// Whether its cross-entity rules read the account's channels and channel sellables
    /// (the context Bulk loads for a file of them).
    pub reads_channels: bool,
}

impl Kind {
    pub fn spec(self) -> &'static KindSpec {
        &table::SPECS[self as usize]
    }

    pub fn name(self) -> &'static str {
        self.spec().name
    }

    pub fn names() -> Vec<&'static str> {
        Kind::ALL.iter().map(|k| k.name()).collect()
    }

    /// The row as JSON (`orderlint kinds --format json`): what tools outside Rust read of
    /// it, e.g. the schema test's samples.
    pub fn describe(self) -> serde_json::Value {
        let s = self.spec();
        let body = match s.body {
            Body::Wrapped { .. } => "wrapped",
            Body::Bare(_) if s.json_api.is_some() => "json_api",
            Body::Bare(_) => "object",
            Body::Query(_) => "query",
            Body::Errors { .. } => "error_report",
            Body::Form { .. } => "form",
            Body::Url { .. } => "url",
        };
        serde_json::json!({
            "name": s.name,
            "api": s.api.name(),
            "body": body,
            "wrapper": self.wrapper(),
            "endpoints": s.endpoints.iter().map(|(m, p)| format!("{m} {p}")).collect::<Vec<_>>(),
            "samples": s.samples,
        })
    }

    /// The wrapper key of a wrapped body.
    pub fn wrapper(self) -> Option<&'static str> {
        match self.spec().body {
            Body::Wrapped { key, .. } => Some(key),
            _ => None,
        }
    }
}

/// What makes a payload plainly one kind ([`looks_like`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plainly {
    /// Its wrapper key, and no other kind's.
    Wrapper(&'static str),
    /// A JSON:API document's `data.type`.
    JsonApi(&'static str),
    /// A field (the first of its marks) only that kind has.
    Field(&'static str),
    /// Its marks inside another kind's wrapper key (`wrapper`, `mark`): Feedonomics'
    /// webhook sends a FeedAMP order as `{"order": {…}}`, which is not a Veeqo order.
    Enveloped(&'static str, &'static str),
}

impl fmt::Display for Plainly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Plainly::Wrapper(k) | Plainly::Field(k) => write!(f, "\"{k}\""),
            Plainly::JsonApi(t) => write!(f, "data.type \"{t}\""),
            Plainly::Enveloped(key, mark) => write!(f, "\"{mark}\" inside \"{key}\""),
        }
    }
}

/// The kind a payload plainly is, and what shows it; `None` when nothing is that plain.
/// Used to say "this is a channel" rather than report a channel's fields one by one as an
/// order's. A wrapper key holding another kind's marks decides first (the fields inside
/// outweigh the wrapper), then wrapper keys, then JSON:API types, then marks (more first).
pub fn looks_like(v: &Value) -> Option<(Kind, Plainly)> {
    let m = v.as_object()?;
    let has = |k: &str| m.contains_key(k);
    let kinds = Kind::ALL.iter().copied();
    let wrapped = || kinds.clone().filter_map(|k| Some((k, k.wrapper()?)));
    if let Some(found) = wrapped().find_map(|(_, key)| {
        let inner = m.get(key)?.as_object()?;
        let k = marked(|f| inner.contains_key(f)).filter(|k| k.wrapper().is_none())?;
        Some((k, Plainly::Enveloped(key, k.spec().marks[0])))
    }) {
        return Some(found);
    }
    if let Some((k, key)) =
        wrapped().find(|(k, key)| has(key) && wrapped().all(|(other, o)| other == *k || !has(o)))
    {
        return Some((k, Plainly::Wrapper(key)));
    }
    if let Some((k, t)) = json_api_kind(v) {
        return Some((k, Plainly::JsonApi(t)));
    }
    marked(has).map(|k| (k, Plainly::Field(k.spec().marks[0])))
}

/// The kind whose marks an object has all of (more marks first).
fn marked(has: impl Fn(&str) -> bool) -> Option<Kind> {
    let mut marked: Vec<Kind> = Kind::ALL
        .iter()
        .copied()
        .filter(|k| !k.spec().marks.is_empty())
        .collect();
    marked.sort_by_key(|k| std::cmp::Reverse(k.spec().marks.len()));
    marked
        .into_iter()
        .find(|k| k.spec().marks.iter().all(|f| has(f)))
}

/// The JSON:API kind a document is by its `data.type`, and the type: of the kinds that take
/// the type, the one whose `with_id` matches whether `data` has an `id`, else the first.
pub fn json_api_kind(v: &Value) -> Option<(Kind, &'static str)> {
    let data = v.get("data")?;
    let ty = data.get("type")?.as_str()?;
    let with_id = data.get("id").is_some();
    let takes: Vec<(Kind, JsonApi, &'static str)> = Kind::ALL
        .iter()
        .filter_map(|&k| {
            let j = k.spec().json_api?;
            let t = j.types.iter().find(|t| **t == ty)?;
            Some((k, j, *t))
        })
        .collect();
    let (k, _, t) = takes
        .iter()
        .find(|(_, j, _)| j.with_id == with_id)
        .or(takes.first())?;
    Some((*k, t))
}

impl Kind {
    /// Whether this kind is a JSON:API document that takes `v`'s `data.type`: then `v` is
    /// never "plainly another kind" for it.
    pub fn takes_json_api_type(self, v: &Value) -> bool {
        let ty = v
            .get("data")
            .and_then(|d| d.get("type"))
            .and_then(|t| t.as_str());
        match (self.spec().json_api, ty) {
            (Some(j), Some(t)) => j.types.contains(&t),
            _ => false,
        }
    }
}

/// A JSON:API document without `data.id`, taken for `kind` (a create) by its type, that
/// lacks attributes `kind` requires, while another kind of that type (an update: every
/// attribute optional, the id perhaps only in the path) requires none: those attributes
/// and those kinds. `None` when the document is plainly `kind`.
pub fn create_or_update(v: &Value, kind: Kind) -> Option<(Vec<&'static str>, Vec<Kind>)> {
    let data = v.get("data")?;
    if data.get("id").is_some() || kind.spec().json_api.is_none() {
        return None;
    }
    let attrs = data.get("attributes");
    let missing: Vec<&'static str> = required_attributes(kind)
        .into_iter()
        .filter(|n| attrs.and_then(|a| a.get(n)).is_none())
        .collect();
    let rivals: Vec<Kind> = Kind::ALL
        .iter()
        .copied()
        .filter(|k| *k != kind && k.takes_json_api_type(v) && required_attributes(*k).is_empty())
        .collect();
    (!missing.is_empty() && !rivals.is_empty()).then_some((missing, rivals))
}

/// The attributes a JSON:API kind's table requires (`data.attributes`' required fields).
fn required_attributes(kind: Kind) -> Vec<&'static str> {
    use crate::shape::{Need, Ty};
    let object = |shape: &'static Shape, name: &str| match shape.field(name).map(|f| &f.ty) {
        Some(Ty::Object(inner)) => Some(*inner),
        _ => None,
    };
    let Body::Bare(doc) = kind.spec().body else {
        return Vec::new();
    };
    let Some(attrs) = object(doc, "data").and_then(|d| object(d, "attributes")) else {
        return Vec::new();
    };
    let required = attrs
        .fields
        .iter()
        .filter(|f| matches!(f.need, Need::Required));
    required.map(|f| f.name).collect()
}

/// The TypeScript union of the kinds' names, as `js/package/index.d.ts` declares it.
pub fn typescript_union() -> String {
    let mut s = String::from("export type Kind =\n");
    for k in Kind::ALL {
        s.push_str(&format!("  | '{}'\n", k.name()));
    }
    s.pop();
    s.push_str(";\n");
    s
}

/// By its name, as the CLI and the JS module print it.
impl serde::Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An unknown kind name, with the closest known one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown kind \"{0}\"; known kinds: {names}.{hint}", names = Kind::names().join(", "), hint = super::text::suggestion(&self.0, &Kind::names()))]
pub struct UnknownKind(pub String);

impl FromStr for Kind {
    type Err = UnknownKind;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Kind::ALL
            .iter()
            .copied()
            .find(|k| k.name() == s)
            .ok_or_else(|| UnknownKind(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for k in Kind::ALL {
            assert_eq!(k.name().parse::<Kind>(), Ok(*k));
        }
        let err = "veeqo.ordr".parse::<Kind>().unwrap_err().to_string();
        assert!(err.contains("Did you mean \"veeqo.order\""), "{err}");
    }

    #[test]
    fn each_row_is_its_own_kind() {
        for (i, k) in Kind::ALL.iter().enumerate() {
            assert_eq!(*k as usize, i, "{k}: the table's order is the enum's");
        }
        let mut names = Kind::names();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Kind::ALL.len(), "a name is written twice");
    }
}
