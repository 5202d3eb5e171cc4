//! Which kind a payload is, told from the payload alone: its wrapper key, its JSON:API
//! `type`, the fields it holds, an error report's codes. The answer says why, or that
//! several kinds fit and which, so that "check anything" never guesses silently.
//!
//! The field lists are the engine's own tables (`veeqo::shapes`, `feedamp::shapes`, each
//! kind's parameter list), so a field added to a kind is known here at once.

use orderlint_json::Value;
use serde::Serialize;

use crate::feedamp;
use crate::kind::{looks_like, Plainly};
use crate::text::type_name;
use crate::{Body, Kind};

/// What [`detect`] found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Detection {
    /// The kind, when exactly one fits.
    pub kind: Option<Kind>,
    /// What decided it, or why nothing could.
    pub why: String,
    /// Every kind that fits, best first: one when decided, several when ambiguous, none
    /// when nothing does.
    pub fits: Vec<Kind>,
}

impl Detection {
    fn one(kind: Kind, why: String) -> Self {
        Detection {
            kind: Some(kind),
            why,
            fits: vec![kind],
        }
    }

    fn none(why: String, fits: Vec<Kind>) -> Self {
        Detection {
            kind: None,
            why,
            fits,
        }
    }

    /// The sentence a user reads: "veeqo.order: it has the wrapper key "order"."
    pub fn message(&self) -> String {
        match self.kind {
            Some(k) => format!("{k}: {}", self.why),
            None => self.why.clone(),
        }
    }
}

/// The kinds whose payload is an object of named fields, with those fields. A Veeqo kind
/// is listed with its wrapped object's fields: a body sent without its wrapper is still
/// recognised (and then reported for the missing wrapper). A JSON:API document is told by
/// its type alone.
fn object_kinds() -> Vec<(Kind, Vec<&'static str>)> {
    Kind::ALL
        .iter()
        .filter_map(|&k| {
            let fields = match k.spec().body {
                Body::Wrapped { shape, .. } => shape.names(),
                Body::Bare(_) if k.spec().json_api.is_some() => return None,
                Body::Bare(shape) => shape.names(),
                Body::Form { fields, .. } => fields.to_vec(),
                Body::Url { params, .. } => params.to_vec(),
                Body::Query(params) => feedamp::query::names(params),
                // One error, sent without its array; the report's own rule says so.
                Body::Errors { per_line: true, .. } => ENTRY.to_vec(),
                Body::Errors { .. } => return None,
            };
            Some((k, fields))
        })
        .collect()
}

/// An error report's entry, with the fields only a per-line report has.
const ENTRY: &[&str] = &["code", "message", "mp_line_number", "debug"];

/// The error reports, with their codes and whether their entries name lines.
fn reports() -> Vec<(Kind, &'static [&'static str], bool)> {
    Kind::ALL
        .iter()
        .filter_map(|&k| match k.spec().body {
            Body::Errors { codes, per_line } => Some((k, codes, per_line)),
            _ => None,
        })
        .collect()
}

/// A JSON:API create that may as well be an update (`kind::create_or_update`): either fits.
fn create_or_update(v: &Value, kind: Kind) -> Option<Detection> {
    let (missing, rivals) = crate::kind::create_or_update(v, kind)?;
    let mut fits = vec![kind];
    fits.extend(&rivals);
    Some(Detection::none(
        format!(
            "It is a JSON:API document with no data.id, and without {}, which {kind} requires: an incomplete {kind}, or a {} whose id is only in the path; choose the kind.",
            list(&missing),
            names(&rivals)
        ),
        fits,
    ))
}

/// The JSON:API kinds, and every `data.type` they take (each once).
fn json_api_kinds() -> (Vec<Kind>, Vec<&'static str>) {
    let kinds: Vec<Kind> = Kind::ALL
        .iter()
        .copied()
        .filter(|k| k.spec().json_api.is_some())
        .collect();
    let mut types: Vec<&'static str> = Vec::new();
    for t in kinds
        .iter()
        .filter_map(|k| k.spec().json_api)
        .flat_map(|j| j.types)
    {
        if !types.contains(t) {
            types.push(t);
        }
    }
    (kinds, types)
}

/// Tells `v`'s kind. Never fails: an answer without a kind says why.
pub fn detect(v: &Value) -> Detection {
    match v {
        Value::Object(m) => object(v, m),
        Value::Array(items) => report(items),
        Value::String(s) => string(s),
        other => Detection::none(
            format!(
                "The payload is {}; every kind is an object, an array of errors, or a URL.",
                type_name(other)
            ),
            Vec::new(),
        ),
    }
}

fn object(v: &Value, m: &orderlint_json::Map) -> Detection {
    if let Some((kind, by)) = looks_like(v) {
        if let Some(d) = create_or_update(v, kind) {
            return d;
        }
        let why = match by {
            Plainly::Wrapper(key) => format!("it has the wrapper key \"{key}\"."),
            Plainly::JsonApi(t) => format!("it is a JSON:API document whose data.type is \"{t}\"."),
            Plainly::Field(_) => format!("it has {by}, which only this kind has."),
            Plainly::Enveloped(key, mark) => format!(
                "it has \"{mark}\" inside \"{key}\": a {kind} in an envelope, as Feedonomics' webhook sends one."
            ),
        };
        return Detection::one(kind, why);
    }
    let keys: Vec<&str> = m.keys().collect();
    if keys.is_empty() {
        return Detection::none(
            "The object is empty: it has no field that tells its kind.".into(),
            Vec::new(),
        );
    }
    if m.get("data").is_some() {
        let (kinds, types) = json_api_kinds();
        let why = match types.as_slice() {
            [t] => format!("its data.type is not \"{t}\", the one JSON:API kind"),
            _ => format!("its data.type is none of {}", list(&types)),
        };
        return Detection::none(
            format!("It has \"data\" like a JSON:API document, but {why}."),
            kinds,
        );
    }
    if m.get("code").is_some()
        && m.get("message").is_some()
        && keys.iter().all(|k| ENTRY.contains(k))
    {
        let mut d = report(std::slice::from_ref(v));
        d.why
            .push_str(" It is one error, not the array of errors the API takes.");
        return d;
    }
    let kinds = object_kinds();
    let fits: Vec<&(Kind, Vec<&str>)> = kinds
        .iter()
        .filter(|(_, names)| keys.iter().all(|k| names.contains(k)))
        .collect();
    match fits.as_slice() {
        [(kind, _)] => {
            let own = keys.iter().find(|k| {
                kinds
                    .iter()
                    .filter(|(other, _)| other != kind)
                    .all(|(_, names)| !names.contains(k))
            });
            let fields = match own {
                Some(k) => format!("it has \"{k}\", which only this kind has"),
                None => format!("its fields ({}) are all this kind's", list(&keys)),
            };
            Detection::one(*kind, with_wrapper(*kind, fields))
        }
        [] => mostly(&kinds, &keys),
        many => {
            let fits: Vec<Kind> = many.iter().map(|(k, _)| *k).collect();
            Detection::none(
                format!(
                    "Its fields ({}) fit {} alike: choose the kind.",
                    list(&keys),
                    names(&fits)
                ),
                fits,
            )
        }
    }
}

/// No kind has every field: the kind that has most of them, when that is most of them.
fn mostly(kinds: &[(Kind, Vec<&'static str>)], keys: &[&str]) -> Detection {
    let known = |names: &Vec<&str>| keys.iter().filter(|k| names.contains(k)).count();
    let best = kinds.iter().map(|(_, n)| known(n)).max().unwrap_or(0);
    let at_best: Vec<Kind> = kinds
        .iter()
        .filter(|(_, n)| known(n) == best)
        .map(|(k, _)| *k)
        .collect();
    if best * 2 > keys.len() && at_best.len() == 1 {
        let kind = at_best[0];
        let names = &kinds.iter().find(|(k, _)| *k == kind).unwrap().1;
        let strangers: Vec<&str> = keys
            .iter()
            .copied()
            .filter(|k| !names.contains(k))
            .collect();
        return Detection::one(
            kind,
            with_wrapper(
                kind,
                format!(
                    "{best} of its {} fields are this kind's; {} {} not",
                    keys.len(),
                    list(&strangers),
                    if strangers.len() == 1 { "is" } else { "are" }
                ),
            ),
        );
    }
    if best == 0 {
        return Detection::none(
            format!(
                "No kind has these fields ({}): check the payload, or choose the kind.",
                list(keys)
            ),
            Vec::new(),
        );
    }
    Detection::none(
        format!(
            "No kind has all these fields ({}); {} {} {best} of them: check the payload, or choose the kind.",
            list(keys),
            names(&at_best),
            if at_best.len() == 1 { "has" } else { "each have" }
        ),
        at_best,
    )
}

/// A Veeqo body told from its fields has lost its wrapper: the answer says so.
fn with_wrapper(kind: Kind, fields: String) -> String {
    match kind.wrapper() {
        Some(key) => {
            format!("{fields}; but it is not wrapped in {{\"{key}\": …}}, as the API needs.")
        }
        None => fields + ".",
    }
}

/// An array: one of the three error reports, told apart by their entries and codes.
fn report(items: &[Value]) -> Detection {
    let reports = reports();
    let all: Vec<Kind> = reports.iter().map(|(k, _, _)| *k).collect();
    if items.is_empty() {
        return Detection::none(
            format!(
                "An empty array fits {} alike: choose the kind.",
                names(&all)
            ),
            all,
        );
    }
    if !items.iter().all(|i| i.get("code").is_some()) {
        return Detection::none(
            "An array whose entries are not {\"code\": …, \"message\": …}: the only arrays are error reports.".into(),
            Vec::new(),
        );
    }
    let codes: Vec<&str> = items
        .iter()
        .filter_map(|i| i.get("code")?.as_str())
        .collect();
    let fits: Vec<Kind> = reports
        .iter()
        .filter(|(_, known, _)| codes.iter().all(|c| known.contains(c)))
        .map(|(k, _, _)| *k)
        .collect();
    // Codes tell first: a refund's report that names a line is still a refund's.
    let per_line = ["mp_line_number", "debug"]
        .into_iter()
        .find(|k| items.iter().any(|i| i.get(k).is_some()));
    let lined = reports
        .iter()
        .find(|(_, _, per_line)| *per_line)
        .map(|r| r.0);
    if let (Some(k), Some(lined)) = (per_line, lined) {
        if fits.is_empty() || fits.contains(&lined) {
            return Detection::one(
                lined,
                format!("its entries have \"{k}\", which only an order's error report has."),
            );
        }
    }
    match fits.as_slice() {
        [kind] => Detection::one(
            *kind,
            format!(
                "its codes ({}) are in this report's list and no other's.",
                list(&codes)
            ),
        ),
        [] => Detection::none(
            format!(
                "An error report whose codes ({}) are in no report's list: choose the kind.",
                list(&codes)
            ),
            all,
        ),
        _ => Detection::none(
            format!(
                "An error report whose codes ({}) fit {} alike: choose the kind.",
                list(&codes),
                names(&fits)
            ),
            fits,
        ),
    }
}

fn string(s: &str) -> Detection {
    let t = s.trim_start();
    let url = Kind::ALL
        .iter()
        .find(|k| matches!(k.spec().body, Body::Url { .. }));
    // A form is told by its marks written as `name=`.
    let form = Kind::ALL.iter().find_map(|k| {
        let spec = k.spec();
        let mark = spec.marks.first()?;
        (matches!(spec.body, Body::Form { .. }) && t.contains(&format!("{mark}=")))
            .then_some((*k, *mark))
    });
    if let (true, Some(&kind)) = (t.starts_with("https://") || t.starts_with("http://"), url) {
        Detection::one(
            kind,
            "it is a URL, and the authorize URL is the one kind written as a URL.".into(),
        )
    } else if let Some((kind, mark)) = form {
        Detection::one(kind, format!("it is a form-encoded body with {mark}."))
    } else {
        Detection::none(
            "A string that is neither a URL nor a form-encoded token request: every other kind is an object or an array.".into(),
            Vec::new(),
        )
    }
}

fn list(items: &[&str]) -> String {
    const SHOWN: usize = 4;
    let mut s = items
        .iter()
        .take(SHOWN)
        .map(|k| format!("\"{k}\""))
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > SHOWN {
        s.push_str(&format!(" and {} more", items.len() - SHOWN));
    }
    s
}

fn names(kinds: &[Kind]) -> String {
    match kinds {
        [a] => a.to_string(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => {
            let head: Vec<String> = rest.iter().map(Kind::to_string).collect();
            format!("{} and {last}", head.join(", "))
        }
        [] => String::new(),
    }
}
