//! The rule engine: JSON in, a flat list of issues out. No I/O, no panics.
//!
//! Input is a raw JSON value (`orderlint_json::Value`, borrowed from the text), not a typed struct, so that one pass reports every
//! problem (wrong types included) instead of stopping at the first deserialisation error.

pub mod checks;
pub mod codes;
mod context;
pub mod datetime;
mod detect;
pub mod feedamp;
pub mod fields;
pub mod fix;
pub mod iso;
mod iso_tables;
mod issue;
mod kind;
pub use orderlint_text::locate;
pub use orderlint_text::pointer;
pub mod openapi;
pub mod request;
mod scan;
pub mod schema;
pub mod shape;
pub mod spans;
pub mod text;
pub mod veeqo;

pub use context::{Context, List};
pub use detect::{detect, Detection};
pub use issue::{Issue, Outcome, Report, Severity, MAX_ISSUES};
pub use kind::{typescript_union, Api, Body, JsonApi, Kind, KindSpec, UnknownKind};

pub use orderlint_json::{json, Arena, Document, Map, Number, Value};

/// Validates one payload of `kind`. Cross-entity rules use `ctx` when given and say
/// they were skipped when not.
pub fn validate(kind: Kind, value: &Value, ctx: Option<&Context>) -> Outcome {
    checked(kind, value, ctx, false)
}

/// [`validate`] for a parsed document: what its parser saw can spare the engine the walk
/// that looks for placeholders, duplicate keys and deep nesting, when it saw none.
pub fn validate_document(kind: Kind, doc: &Document, ctx: Option<&Context>) -> Outcome {
    checked(kind, doc.value(), ctx, scan::clean_by(doc.facts()))
}

fn checked(kind: Kind, value: &Value, ctx: Option<&Context>, clean: bool) -> Outcome {
    let mut r = Report::new();
    if let Some((other, by)) =
        kind::looks_like(value).filter(|(k, _)| *k != kind && !kind.takes_json_api_type(value))
    {
        // The wrong step, not a broken payload: one clear error instead of every field of
        // the other kind reported as missing or unknown.
        r.report(
            &codes::JSON_OTHER_KIND,
            "",
            format!("This is a {other} payload (it has {by}), not a {kind}: check it is the one you meant, or check it as a {other}."),
        );
        return Outcome::from_issues(r.finish());
    }
    if clean {
        r.set_placeholders(false);
    }
    if clean || scan::scan(value, &mut r) {
        match kind::looks_like(value) {
            Some((_, kind::Plainly::Enveloped(key, _))) => enveloped(kind, value, key, ctx, &mut r),
            _ => (kind.spec().check)(value, ctx, &mut r),
        }
    }
    Outcome::from_issues(r.finish())
}

/// A body sent inside a wrapper it does not take (Feedonomics' webhook order): said once,
/// with the fix that takes it out, and the body inside checked where it stands.
fn enveloped(kind: Kind, value: &Value, key: &str, ctx: Option<&Context>, r: &mut Report) {
    r.report(
        &codes::JSON_ENVELOPED,
        "",
        format!("This {kind} is inside {{\"{key}\": …}}, as Feedonomics' webhook sends an order; the API takes the {kind} itself: send what is inside \"{key}\"."),
    );
    r.fix(fix::Fix::unwrap(key));
    let Some(inner) = value.get(key) else { return };
    let mut within = Report::new();
    within.set_placeholders(r.may_hold_placeholders());
    (kind.spec().check)(inner, ctx, &mut within);
    let base = pointer::Ptr::root().key(key);
    for mut issue in within.finish() {
        issue.pointer = format!("{}{}", base.as_str(), issue.pointer);
        r.push(issue);
    }
}

/// Text that is not JSON, with where the parser stopped.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not valid JSON at line {line}, column {column}: {message}")]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Parses text as JSON, keeping the line and column of the first syntax error.
pub fn parse(text: &str) -> Result<Document<'_>, ParseError> {
    // From the start only: the end of a payload not read yet is a cache miss.
    if text.trim_start().is_empty() {
        return Err(ParseError {
            line: 1,
            column: 1,
            message: "the text is empty; paste a JSON payload".into(),
        });
    }
    orderlint_json::from_str(text).map_err(|e| {
        let full = e.to_string();
        // serde_json appends " at line L column C"; keep only the cause.
        let message = match full.rfind(" at line ") {
            Some(i) => full[..i].to_string(),
            None => full,
        };
        ParseError {
            line: e.line().max(1),
            column: e.column().max(1),
            message,
        }
    })
}

/// The outcome for one payload given as text: text that is not JSON is an outcome too,
/// with one `json.syntax` error (its line counted from `first_line`), so a batch keeps one
/// result per payload.
pub fn outcome_for_text(
    kind: Kind,
    text: &str,
    ctx: Option<&Context>,
    first_line: usize,
) -> (Outcome, Option<ParseError>) {
    match parse(text) {
        Ok(doc) => (validate_document(kind, &doc, ctx), None),
        Err(e) => syntax_outcome(e, first_line),
    }
}

/// [`outcome_for_text`] for a payload of no given kind: told by [`detect`], then
/// checked as that kind; a pasted request (cURL or HTTP) is checked whole
/// ([`request::check`]). Text that is not JSON has no detection.
pub fn outcome_for_text_auto(
    text: &str,
    ctx: Option<&Context>,
    first_line: usize,
) -> (Outcome, Option<Detection>, Option<ParseError>) {
    if request::is_request(text) {
        return match request::check(text, ctx) {
            Ok(c) => {
                let d = Detection {
                    kind: c.kind,
                    why: match &c.endpoint {
                        Some(e) => format!("a {} request to {e}.", c.form),
                        None => format!("a {} request to {} {}.", c.form, c.method, c.url),
                    },
                    fits: c.kind.into_iter().collect(),
                };
                (c.outcome, Some(d), None)
            }
            Err(why) => {
                let mut r = Report::new();
                r.report(
                    &codes::REQUEST_UNREADABLE,
                    "",
                    format!("The request cannot be read: {why}."),
                );
                (Outcome::from_issues(r.finish()), None, None)
            }
        };
    }
    match parse(text) {
        Ok(doc) => {
            let (d, o) = validate_auto(doc.value(), ctx);
            (o, Some(d), None)
        }
        Err(e) => {
            let (o, e) = syntax_outcome(e, first_line);
            (o, None, e)
        }
    }
}

/// Validates a payload as the kind [`detect`] tells; one `json.kind_unknown` error, with
/// detect's reason, when it tells none.
pub fn validate_auto(v: &Value, ctx: Option<&Context>) -> (Detection, Outcome) {
    let d = detect(v);
    let o = match d.kind {
        Some(kind) => validate(kind, v, ctx),
        None => {
            let mut r = Report::new();
            r.report(&codes::JSON_KIND_UNKNOWN, "", d.why.clone());
            Outcome::from_issues(r.finish())
        }
    };
    (d, o)
}

fn syntax_outcome(mut e: ParseError, first_line: usize) -> (Outcome, Option<ParseError>) {
    e.line += first_line.saturating_sub(1);
    let issue = Issue {
        pointer: String::new(),
        code: "json.syntax".into(),
        severity: Severity::Error,
        message: format!(
            "Not valid JSON at line {}, column {}: {}.",
            e.line, e.column, e.message
        ),
        rule: None,
        fix: None,
    };
    (Outcome::from_issues(vec![issue]), Some(e))
}

/// Parses and validates text in one step.
pub fn validate_text(kind: Kind, text: &str, ctx: Option<&Context>) -> Result<Outcome, ParseError> {
    parse(text).map(|doc| validate_document(kind, &doc, ctx))
}
