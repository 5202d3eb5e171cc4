//! An API's answer read against its documented shape (`answers.rs`): what it lacks, or
//! holds in another type, as warnings. Fields it adds are fine: both vendors add fields.
//! A drifting API is seen here before it breaks an integration.

use serde_json::Value;

use super::answers::{self, Ans, F};
use super::types::shape_fields;
use crate::request::endpoints::by_path;
use crate::Api;

/// One way an answer differs from its documented shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drift {
    /// A JSON Pointer into the answer's body ("" for the whole body).
    pub pointer: String,
    pub message: String,
}

/// At most this many are listed; the last then says how many more there were.
pub const MAX_DRIFTS: usize = 20;

/// How the answer to `method path` (path below the API's base, or with a proxy's prefix;
/// a query string allowed) with `status` and body `body` differs from what the API
/// documents. Empty when it matches, when the endpoint is not one orderlint knows, or for
/// a redirect (the transport's business).
pub fn check(api: Api, method: &str, path: &str, status: u16, body: &str) -> Vec<Drift> {
    let path = path.split(['?', '#']).next().unwrap_or("");
    let Some(endpoint) = by_path(path)
        .into_iter()
        .map(|(e, _)| e)
        .find(|e| e.api == api && e.method.eq_ignore_ascii_case(method))
    else {
        return Vec::new();
    };
    if (300..400).contains(&status) || status < 200 {
        return Vec::new();
    }
    let json_api = endpoint.payload == crate::request::endpoints::Payload::JsonApi;
    let documented: Vec<(&str, &Ans)> = answers::of(api, endpoint.method, endpoint.path)
        .filter(|a| a.status == status)
        .map(|a| (a.media, &a.body))
        .chain(
            answers::errors(api, json_api)
                .filter(|e| e.statuses.contains(&status))
                .map(|e| (e.media, &e.body)),
        )
        .collect();
    let name = format!("{} {}", endpoint.method, endpoint.path);
    if documented.is_empty() {
        return vec![Drift {
            pointer: String::new(),
            message: format!("{} documents no {status} answer for {name}.", api.name()),
        }];
    }
    if documented.iter().all(|(_, a)| matches!(a, Ans::Bytes)) {
        return Vec::new();
    }
    let value: Value = match serde_json::from_str(body) {
        Ok(v) => v,
        Err(_) => {
            let media = documented[0].0;
            return vec![Drift {
                pointer: String::new(),
                message: format!(
                    "The answer is not JSON, where {} documents {media} for a {status} to {name}.",
                    api.name()
                ),
            }];
        }
    };
    // The documented form it is closest to: none, or the fewest differences.
    let mut best: Option<Sink> = None;
    for (_, a) in &documented {
        let mut found = Sink::default();
        walk(&value, a, &mut String::new(), &mut found);
        if best.as_ref().is_none_or(|b| found.total < b.total) {
            best = Some(found);
        }
    }
    let Sink { mut list, total } = best.unwrap_or_default();
    if total > list.len() {
        let more = total - (MAX_DRIFTS - 1);
        list.truncate(MAX_DRIFTS - 1);
        list.push(Drift {
            pointer: String::new(),
            message: format!("…and {more} more differences from the documented answer."),
        });
    }
    list
}

/// The first differences, and how many there were in all (an answer can be large: only
/// the first are kept, every one is counted).
#[derive(Default)]
struct Sink {
    list: Vec<Drift>,
    total: usize,
}

impl Sink {
    fn push(&mut self, pointer: &str, message: String) {
        self.total += 1;
        if self.list.len() < MAX_DRIFTS {
            self.list.push(Drift {
                pointer: pointer.to_string(),
                message,
            });
        }
    }
}

fn walk(v: &Value, a: &Ans, at: &mut String, out: &mut Sink) {
    match a {
        Ans::Any | Ans::Bytes => {}
        Ans::Obj(fields) => object(v, fields.iter().copied(), at, out),
        Ans::Shape(s) => object(v, shape_fields(s), at, out),
        Ans::Arr(of) => array(v, |item, at, out| walk(item, of, at, out), at, out),
        Ans::Shapes(s) => array(
            v,
            |item, at, out| object(item, shape_fields(s), at, out),
            at,
            out,
        ),
        Ans::Either(alts) => {
            // The form it is closest to speaks, unless one fits.
            let mut closest: Option<Sink> = None;
            for alt in alts.iter() {
                let mut tried = Sink::default();
                walk(v, alt, &mut at.clone(), &mut tried);
                if closest.as_ref().is_none_or(|c| tried.total < c.total) {
                    closest = Some(tried);
                }
            }
            if let Some(c) = closest {
                out.total += c.total;
                let room = MAX_DRIFTS.saturating_sub(out.list.len());
                out.list.extend(c.list.into_iter().take(room));
            }
        }
        leaf => {
            if !fits(v, leaf) {
                differs(v, expected(leaf), at, out);
            }
        }
    }
}

fn object(v: &Value, fields: impl Iterator<Item = F>, at: &mut String, out: &mut Sink) {
    let Some(map) = v.as_object() else {
        return differs(v, "an object", at, out);
    };
    for F(name, ty, must) in fields {
        match map.get(name) {
            None | Some(Value::Null) if must => out.push(
                at,
                format!(
                    "{name} is {}: the API documents it in every such answer.",
                    if map.contains_key(name) {
                        "null"
                    } else {
                        "missing"
                    }
                ),
            ),
            None | Some(Value::Null) => {}
            Some(inner) => {
                let len = at.len();
                at.push('/');
                at.push_str(&name.replace('~', "~0").replace('/', "~1"));
                walk(inner, &ty, at, out);
                at.truncate(len);
            }
        }
    }
}

fn array(
    v: &Value,
    each: impl Fn(&Value, &mut String, &mut Sink),
    at: &mut String,
    out: &mut Sink,
) {
    let Some(items) = v.as_array() else {
        return differs(v, "an array", at, out);
    };
    for (i, item) in items.iter().enumerate() {
        let len = at.len();
        at.push('/');
        at.push_str(&i.to_string());
        each(item, at, out);
        at.truncate(len);
    }
}

fn fits(v: &Value, a: &Ans) -> bool {
    match a {
        Ans::Str => v.is_string(),
        Ans::Int => v.is_i64() || v.is_u64(),
        Ans::Num => v.is_number(),
        Ans::Bool => v.is_boolean(),
        Ans::Decimal => {
            v.is_number()
                || v.as_str()
                    .is_some_and(|s| s.trim().parse::<f64>().is_ok_and(f64::is_finite))
        }
        Ans::Id => {
            v.is_u64()
                || v.as_str()
                    .is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        }
        _ => true,
    }
}

fn expected(a: &Ans) -> &'static str {
    match a {
        Ans::Str => "text",
        Ans::Int => "a whole number",
        Ans::Num => "a number",
        Ans::Bool => "true or false",
        Ans::Decimal => "a decimal, as a number or as text",
        Ans::Id => "a record id: a whole number, or its digits as text",
        _ => "another type",
    }
}

fn differs(v: &Value, want: &str, at: &str, out: &mut Sink) {
    out.push(
        at,
        format!("This is {}, where the API documents {want}.", found(v)),
    );
}

/// What a value is, shortly, with a glimpse of it.
fn found(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => {
            let short: String = s.chars().take(40).collect();
            let more = if short.len() < s.len() { "…" } else { "" };
            format!("the text {:?}", format!("{short}{more}"))
        }
        Value::Array(a) => format!("an array of {}", a.len()),
        Value::Object(_) => "an object".into(),
    }
}

#[cfg(test)]
mod tests;
