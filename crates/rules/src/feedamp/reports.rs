//! Error reports: `POST /orders/{n}/errors`, `.../refunds/{id}/errors`,
//! `.../returns/{n}/errors` — an array of `{code, message}`, codes from each endpoint's enum.

use crate::codes;
use orderlint_json::Value;

use super::{MAX_ID_CHARS, SPEC};
use crate::checks::{enum_message, text_len};
use crate::fields::{Obj, OPTIONAL, REQUIRED};
use crate::pointer::Ptr;
use crate::text::{quote, type_name};
use crate::{Report, Severity};

/// What one endpoint's report allows.
pub struct Shape<'a> {
    pub entity: &'static str,
    /// Code prefix for issues about one entry, e.g. `feedamp.order_errors.error`.
    pub entry: &'static str,
    pub codes: &'a [&'a str],
    /// Whether entries carry `mp_line_number` and `debug` (order errors do).
    pub per_line: bool,
    /// The order's line numbers, when the order is known.
    pub lines: Option<Vec<&'a str>>,
    /// A literal the spec lists that is not a usable code, and what to send instead.
    pub misprint: Option<(&'a str, &'a str)>,
}

pub fn check(v: &Value, shape: &Shape, r: &mut Report) {
    let e = shape.entity;
    let Value::Array(items) = v else {
        r.error(
            "",
            codes::object(e, "not_array"),
            format!(
                "The body is {}; send an array of errors: [{{\"code\": ..., \"message\": ...}}].",
                type_name(v)
            ),
        );
        return;
    };
    if items.is_empty() {
        r.error(
            "",
            codes::object(e, "empty"),
            "The array is empty; report at least one error.",
        );
    }
    let known: &[&str] = if shape.per_line {
        &["mp_line_number", "code", "message", "debug"]
    } else {
        &["code", "message"]
    };
    for (i, item) in items.iter().enumerate() {
        let Some(o) = Obj::new(r, item, Ptr::root().idx(i), shape.entry) else {
            continue;
        };
        o.unknown_fields(r, known);
        code(&o, shape, r);
        o.text(r, "message", REQUIRED);
        if !shape.per_line {
            continue;
        }
        if let Some(debug) = o.array(r, "debug", OPTIONAL) {
            for (d, x) in debug.iter().enumerate() {
                Obj::new(r, x, o.at("debug").idx(d), "feedamp.order_errors.debug");
            }
        }
        let Some(n) = text_len(&o, r, "mp_line_number", OPTIONAL, 1, MAX_ID_CHARS) else {
            continue;
        };
        if let Some(lines) = &shape.lines {
            if !lines.contains(&n) {
                r.cite(
                    Severity::Error,
                    o.at("mp_line_number").as_str(),
                    codes::field(e, "mp_line_number", "unknown"),
                    format!(
                        "The order has no line {}; its lines are {}.",
                        quote(n),
                        lines.join(", ")
                    ),
                    SPEC,
                );
            }
        }
    }
}

fn code(o: &Obj, shape: &Shape, r: &mut Report) {
    let Some(c) = o.string(r, "code", REQUIRED) else {
        return;
    };
    if shape.codes.contains(&c) {
        return;
    }
    let message = match shape.misprint {
        Some((literal, instead)) if c == literal => format!(
            "{} fuses two codes into one string (a misprint in the spec's enum); send one of them: {instead}.",
            quote(c)
        ),
        _ => enum_message("code", c, shape.codes),
    };
    r.error(
        o.at("code").as_str(),
        codes::field(o.entity, "code", "invalid"),
        message,
    );
}
