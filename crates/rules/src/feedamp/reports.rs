//! Error reports: `POST /orders/{n}/errors`, `.../refunds/{id}/errors`,
//! `.../returns/{n}/errors` — an array of `{code, message}`, codes from each endpoint's enum.

use crate::codes::{self, Check};
use orderlint_json::Value;

use super::shapes::entity;
use super::{ERRORS, MAX_ID_CHARS, SPEC};
use crate::checks::{enum_message, text_len};
use crate::fields::{Obj, OPTIONAL, REQUIRED};
use crate::pointer::Ptr;
use crate::shape::Entity;
use crate::text::{quote, type_name};
use crate::Report;

/// What one endpoint's report allows.
pub struct Spec {
    /// The report, e.g. `feedamp.order_errors`.
    pub entity: Entity,
    /// One entry of it, e.g. `feedamp.order_errors.error`.
    pub entry: Entity,
    pub codes: &'static [&'static str],
    /// When entries carry `mp_line_number` and `debug` (order errors do), the debug
    /// objects.
    pub debug: Option<Entity>,
    /// A literal the spec lists that is not a usable code, and what to send instead.
    pub misprint: Option<(&'static str, &'static str)>,
}

/// An object of an error report, e.g. `feedamp.order_errors.error`.
pub(crate) const fn object(name: &'static str) -> Entity {
    entity(name, &ERRORS)
}

impl Spec {
    /// The objects its field checks are reported on.
    pub(crate) fn entities(&self) -> impl Iterator<Item = Entity> {
        [self.entity, self.entry].into_iter().chain(self.debug)
    }
}

/// Checks a report against `spec`; `lines` are the order's line numbers, when known.
pub fn check(v: &Value, spec: &Spec, lines: Option<Vec<&str>>, r: &mut Report) {
    let e = spec.entity;
    let Value::Array(items) = v else {
        r.object(
            e,
            Check::NotArray,
            "",
            format!(
                "The body is {}; send an array of errors: [{{\"code\": ..., \"message\": ...}}].",
                type_name(v)
            ),
        );
        return;
    };
    if items.is_empty() {
        r.object(
            e,
            Check::Empty,
            "",
            "The array is empty; report at least one error.",
        );
    }
    let known: &[&str] = if spec.debug.is_some() {
        &["mp_line_number", "code", "message", "debug"]
    } else {
        &["code", "message"]
    };
    for (i, item) in items.iter().enumerate() {
        let Some(o) = Obj::new(r, item, Ptr::root().idx(i), spec.entry) else {
            continue;
        };
        o.unknown_fields(r, known);
        code(&o, spec, r);
        o.text(r, "message", REQUIRED);
        let Some(debug_entity) = spec.debug else {
            continue;
        };
        if let Some(debug) = o.array(r, "debug", OPTIONAL) {
            for (d, x) in debug.iter().enumerate() {
                Obj::new(r, x, o.at("debug").idx(d), debug_entity);
            }
        }
        let Some(n) = text_len(&o, r, "mp_line_number", OPTIONAL, 1, MAX_ID_CHARS) else {
            continue;
        };
        if let Some(lines) = &lines {
            if !lines.contains(&n) {
                r.report_cited(
                    &codes::FEEDAMP_ORDER_ERRORS_MP_LINE_NUMBER_UNKNOWN,
                    o.at("mp_line_number").as_str(),
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

fn code(o: &Obj, spec: &Spec, r: &mut Report) {
    let Some(c) = o.string(r, "code", REQUIRED) else {
        return;
    };
    if spec.codes.contains(&c) {
        return;
    }
    let message = match spec.misprint {
        Some((literal, instead)) if c == literal => format!(
            "{} fuses two codes into one string (a misprint in the spec's enum); send one of them: {instead}.",
            quote(c)
        ),
        _ => enum_message("code", c, spec.codes),
    };
    o.report(r, "code", Check::Invalid, message);
}
