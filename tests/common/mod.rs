//! Helpers shared by the rule tests.
#![allow(dead_code)]

use orderlint::rules::{validate, Context, Kind, Severity};
use serde_json::Value;

/// (pointer, code, severity) of every issue.
pub fn issues(kind: Kind, v: &Value, ctx: Option<&Context>) -> Vec<(String, String, Severity)> {
    validate(kind, v, ctx)
        .issues
        .into_iter()
        .map(|i| (i.pointer, i.code, i.severity))
        .collect()
}

pub fn errors(kind: Kind, v: &Value, ctx: Option<&Context>) -> Vec<(String, String)> {
    issues(kind, v, ctx)
        .into_iter()
        .filter(|i| i.2 == Severity::Error)
        .map(|(p, c, _)| (p, c))
        .collect()
}

#[track_caller]
pub fn assert_has(
    kind: Kind,
    v: &Value,
    ctx: Option<&Context>,
    pointer: &str,
    code: &str,
    sev: Severity,
) {
    let all = issues(kind, v, ctx);
    assert!(
        all.iter()
            .any(|(p, c, s)| p == pointer && c == code && *s == sev),
        "expected {sev:?} {code} at {pointer}, got {all:#?}"
    );
}

/// Applies `edit` to a copy of `base` at the JSON Pointer `at`.
pub fn with(base: &Value, at: &str, new: Value) -> Value {
    let mut v = base.clone();
    *v.pointer_mut(at).unwrap_or_else(|| panic!("no {at}")) = new;
    v
}

pub fn without(base: &Value, parent: &str, key: &str) -> Value {
    let mut v = base.clone();
    v.pointer_mut(parent)
        .unwrap()
        .as_object_mut()
        .unwrap()
        .remove(key);
    v
}
