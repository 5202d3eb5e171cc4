//! Typed access to the fields of one JSON object, reporting as it reads.
//!
//! Every accessor reports a missing required field or a wrong type at the field's own
//! pointer and returns `None`, so a rule can go on to the next field: one pass finds
//! every problem. Strings holding a `{{placeholder}}` return `None` silently; the
//! placeholder scan has already reported them.
//!
//! Long: one accessor per JSON type a rule reads (text, numbers, booleans, lists, objects),
//! each with the casts the API applies; they share one reporting path, so they stay together.

use std::cell::Cell;

use crate::codes::Check;
use crate::fix::Fix;
use crate::shape::Entity;
use orderlint_json::{Map, Value};

use super::pointer::Ptr;
use super::text::{has_placeholder, quote, show, suggestion, type_name};
use super::Report;

pub const REQUIRED: bool = true;
pub const OPTIONAL: bool = false;

pub struct Obj<'v> {
    pub map: &'v Map<'v>,
    pub ptr: Ptr,
    /// The object issues about its fields are reported on, e.g. `veeqo.order.line_item`.
    pub entity: Entity,
    /// A field already looked up by a compiled shape ([`Obj::preset`]): its name (the
    /// shape's own `&'static str`) and its member, if any.
    preset: Cell<Option<(&'static str, Option<&'v Value<'v>>)>>,
}

impl<'v> Obj<'v> {
    /// Reports `<entity>.not_object` unless `v` is an object.
    pub fn new(r: &mut Report, v: &'v Value<'v>, ptr: Ptr, entity: Entity) -> Option<Self> {
        if r.is_full() {
            r.stop();
            return None;
        }
        match v {
            Value::Object(map) => Some(Obj {
                map,
                ptr,
                entity,
                preset: Cell::new(None),
            }),
            Value::String(s) if r.may_hold_placeholders() && has_placeholder(s) => None,
            other => {
                r.object(
                    entity,
                    Check::NotObject,
                    ptr.as_str(),
                    format!("{ptr} is {}; it must be a JSON object.", type_name(other)),
                );
                None
            }
        }
    }

    pub fn at(&self, name: &str) -> Ptr {
        self.ptr.key(name)
    }

    /// The field's value; `null` counts as absent.
    pub fn present(&self, name: &str) -> Option<&'v Value<'v>> {
        self.lookup(name).filter(|v| !v.is_null())
    }

    /// Tells the reads of field `name` that follow what its member is (`None`: absent), so
    /// they do not look it up; a compiled shape has found every member in one pass.
    pub fn preset(&self, name: &'static str, member: Option<&'v Value<'v>>) {
        self.preset.set(Some((name, member)));
    }

    pub fn preset_none(&self) {
        self.preset.set(None);
    }

    /// The member `name`: the one a compiled shape preset, or the object's.
    fn lookup(&self, name: &str) -> Option<&'v Value<'v>> {
        if let Some((known, member)) = self.preset.get() {
            // The same static name, not just an equal one.
            if std::ptr::eq(known, name) {
                return member;
            }
        }
        self.map.get(name)
    }

    /// Reports the field check `check` on field `name`, at the field.
    pub fn report(&self, r: &mut Report, name: &str, check: Check, message: impl Into<String>) {
        r.field(self.entity, name, check, self.at(name).as_str(), message);
    }

    /// The field when present, reporting `<entity>.<name>.required` when it must be.
    fn get(&self, r: &mut Report, name: &str, required: bool) -> Option<&'v Value<'v>> {
        // One lookup: whether the key is there at all decides the message.
        let there = self.lookup(name);
        let v = there.filter(|v| !v.is_null());
        if v.is_none() && !self.entity.dialect.null_is_absent && there.is_some() {
            let fix = if required {
                "give it a value"
            } else {
                "give it a value or leave the field out"
            };
            self.report(
                r,
                name,
                Check::Null,
                format!("{name} is null; FeedAMP takes no null here: {fix}."),
            );
            return None;
        }
        if v.is_none() && required {
            let how = if there.is_some() {
                "is null"
            } else {
                "is missing"
            };
            self.report(
                r,
                name,
                Check::Required,
                format!("\"{name}\" {how} in {}; it is required.", self.ptr),
            );
        }
        v
    }

    /// The field when present, reporting `<entity>.<name>.required` when it must be.
    pub fn value(&self, r: &mut Report, name: &str, required: bool) -> Option<&'v Value<'v>> {
        self.get(r, name, required)
    }

    /// The object without a report: for rules reading what a walk has vetted.
    pub fn peek(v: &'v Value<'v>, ptr: Ptr, entity: Entity) -> Option<Self> {
        v.as_object().map(|map| Obj {
            map,
            ptr,
            entity,
            preset: Cell::new(None),
        })
    }

    pub fn wrong_type(&self, r: &mut Report, name: &str, v: &Value, expected: &str) {
        self.report(
            r,
            name,
            Check::WrongType,
            format!(
                "{} is {} ({}); send {expected}.",
                name,
                show(v),
                type_name(v)
            ),
        );
    }

    pub fn string(&self, r: &mut Report, name: &str, required: bool) -> Option<&'v str> {
        match self.get(r, name, required)? {
            Value::String(s) if r.may_hold_placeholders() && has_placeholder(s) => None,
            Value::String(s) => Some(s),
            other => {
                self.wrong_type(r, name, other, "a string");
                None
            }
        }
    }

    /// A string that is not blank.
    pub fn text(&self, r: &mut Report, name: &str, required: bool) -> Option<&'v str> {
        let s = self.string(r, name, required)?;
        if s.trim().is_empty() {
            self.report(
                r,
                name,
                Check::Empty,
                format!("{} is blank; give it a value.", name),
            );
            return None;
        }
        Some(s)
    }

    pub fn boolean(&self, r: &mut Report, name: &str, required: bool) -> Option<bool> {
        match self.get(r, name, required)? {
            Value::Bool(b) => Some(*b),
            other => {
                let fix = match other.as_str() {
                    Some("true") | Some("false") => "true or false without quotes",
                    _ => "true or false",
                };
                self.wrong_type(r, name, other, fix);
                if let Some(b @ ("true" | "false")) = other.as_str() {
                    unquote(r, b);
                }
                None
            }
        }
    }

    /// A JSON number (not a string).
    pub fn number(&self, r: &mut Report, name: &str, required: bool) -> Option<f64> {
        match self.get(r, name, required)? {
            Value::Number(n) => n.as_f64(),
            Value::String(s) if r.may_hold_placeholders() && has_placeholder(s) => None,
            other => {
                self.wrong_type(r, name, other, "a number");
                if let Some(n) = other.as_str().and_then(|s| json_number(s.trim())) {
                    unquote(r, n);
                }
                None
            }
        }
    }

    /// A whole number, as a JSON number.
    pub fn integer(&self, r: &mut Report, name: &str, required: bool) -> Option<i64> {
        let v = self.get(r, name, required)?;
        match v {
            Value::Number(n) => match n.as_i64() {
                Some(i) => Some(i),
                None => {
                    self.wrong_type(r, name, v, "a whole number");
                    None
                }
            },
            Value::String(s) if r.may_hold_placeholders() && has_placeholder(s) => None,
            Value::String(s) if s.trim().parse::<i64>().is_ok() => {
                self.wrong_type(
                    r,
                    name,
                    v,
                    &format!("the number {} without quotes", s.trim()),
                );
                if let Ok(i) = s.trim().parse::<i64>() {
                    unquote(r, &i.to_string());
                }
                None
            }
            other => {
                self.wrong_type(r, name, other, "a whole number");
                None
            }
        }
    }

    /// Warns that Rails will cast a quoted value; the fix is the same value unquoted.
    fn quoted(&self, r: &mut Report, name: &str, check: Check, s: &str, bare: &str) {
        self.report(
            r,
            name,
            check,
            format!(
                "{} is {}, in quotes; Veeqo reads it as {bare}, but send {bare} without quotes.",
                name,
                quote(s)
            ),
        );
        unquote(r, bare);
    }

    /// A whole number for a Rails API: a number, or a quoted one (a warning: Veeqo
    /// casts it, as its own samples rely on).
    pub fn cast_integer(&self, r: &mut Report, name: &str, required: bool) -> Option<i64> {
        let v = self.get(r, name, required)?;
        let whole = |x: f64| (x.fract() == 0.0 && x.abs() < 9.0e15).then_some(x as i64);
        match v {
            Value::Number(n) => match n.as_i64().or_else(|| n.as_f64().and_then(whole)) {
                Some(i) => Some(i),
                None => {
                    self.wrong_type(r, name, v, "a whole number");
                    None
                }
            },
            Value::String(s) if r.may_hold_placeholders() && has_placeholder(s) => None,
            Value::String(s) => match decimal_value(s.trim()).and_then(whole) {
                Some(i) => {
                    self.quoted(r, name, Check::NumericString, s, &i.to_string());
                    Some(i)
                }
                None => {
                    self.wrong_type(r, name, v, "a whole number");
                    None
                }
            },
            other => {
                self.wrong_type(r, name, other, "a whole number");
                None
            }
        }
    }

    /// A number for a Rails API: a number, or a quoted one (a warning). With `quoted_ok`
    /// the docs type the field as a string of digits, so a quoted number is no mistake.
    pub fn cast_number(
        &self,
        r: &mut Report,
        name: &str,
        required: bool,
        quoted_ok: bool,
    ) -> Option<f64> {
        let v = self.get(r, name, required)?;
        match v {
            Value::Number(n) => n.as_f64(),
            Value::String(s) if r.may_hold_placeholders() && has_placeholder(s) => None,
            Value::String(s) => match decimal_value(s.trim()) {
                Some(x) => {
                    if !quoted_ok {
                        self.quoted(r, name, Check::NumericString, s, s.trim());
                    }
                    Some(x)
                }
                None => {
                    self.wrong_type(r, name, v, "a number");
                    None
                }
            },
            other => {
                self.wrong_type(r, name, other, "a number");
                None
            }
        }
    }

    /// A boolean for a Rails API: `"true"` / `"false"` (and `"1"` / `"0"`) are cast, so
    /// they are a warning; anything else is an error.
    pub fn cast_boolean(&self, r: &mut Report, name: &str, required: bool) -> Option<bool> {
        let v = self.get(r, name, required)?;
        let cast = match v {
            Value::Bool(b) => return Some(*b),
            Value::String(s) => match s.trim() {
                "true" | "1" => Some(true),
                "false" | "0" => Some(false),
                _ => None,
            },
            _ => None,
        };
        match (cast, v) {
            (Some(b), Value::String(s)) => {
                self.quoted(r, name, Check::BooleanString, s, &b.to_string());
                Some(b)
            }
            _ => {
                self.wrong_type(r, name, v, "true or false");
                None
            }
        }
    }

    /// An amount of money: a decimal string such as "25.00" or a number, never negative.
    pub fn money(&self, r: &mut Report, name: &str, required: bool) -> Option<f64> {
        let v = self.get(r, name, required)?;
        let amount = match v {
            Value::Number(n) => n.as_f64(),
            Value::String(s) if r.may_hold_placeholders() && has_placeholder(s) => return None,
            Value::String(s) => decimal_value(s),
            _ => None,
        };
        let Some(amount) = amount else {
            match v {
                // Text, but not an amount: say what an amount looks like, in either form.
                Value::String(_) => self.report(r, name, Check::WrongType, format!(
                        "{name} is {}, not an amount; send digits with a dot, such as \"25.00\" or 25.00.",
                        show(v)
                    )),
                _ => self.wrong_type(r, name, v, "an amount such as \"25.00\""),
            }
            return None;
        };
        if amount < 0.0 {
            self.report(
                r,
                name,
                Check::Negative,
                format!("{} is {}; amounts cannot be negative.", name, show(v)),
            );
            return None;
        }
        Some(amount)
    }

    /// A record id: a positive integer, or a string of digits (Veeqo accepts both).
    pub fn id(&self, r: &mut Report, name: &str, required: bool) -> Option<String> {
        let v = self.get(r, name, required)?;
        let id = match v {
            Value::Number(n) => n.as_u64().filter(|&i| i > 0).map(|i| i.to_string()),
            Value::String(s) if r.may_hold_placeholders() && has_placeholder(s) => return None,
            Value::String(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => {
                Some(s.to_string())
            }
            _ => None,
        };
        if id.is_none() {
            self.report(
                r,
                name,
                Check::NotAnId,
                format!(
                    "{} is {}; it must be the numeric id the API returned, such as \"1234567\".",
                    name,
                    show(v)
                ),
            );
            // Spaces around the digits: a paste's, certainly not the id's.
            if let Some(t) = v.as_str().map(str::trim).filter(|t| {
                !t.is_empty()
                    && t.bytes().all(|b| b.is_ascii_digit())
                    && t.bytes().any(|b| b != b'0')
            }) {
                r.fix(Fix::string(format!("Write \"{t}\""), t));
            }
        }
        id
    }

    pub fn object(
        &self,
        r: &mut Report,
        name: &str,
        required: bool,
        entity: Entity,
    ) -> Option<Obj<'v>> {
        let v = self.get(r, name, required)?;
        match v {
            Value::Object(_) => Obj::new(r, v, self.at(name), entity),
            other => {
                self.wrong_type(r, name, other, "an object");
                None
            }
        }
    }

    pub fn array(&self, r: &mut Report, name: &str, required: bool) -> Option<&'v [Value<'v>]> {
        match self.get(r, name, required)? {
            Value::Array(a) => Some(a),
            other => {
                self.wrong_type(r, name, other, "an array");
                None
            }
        }
    }

    /// Warns about every field not in `known`, suggesting the closest known name.
    pub fn unknown_fields(&self, r: &mut Report, known: &[&str]) {
        self.unknown_fields_by(
            r,
            |k| known.iter().any(|n| orderlint_json::same(n, k)),
            || known.to_vec(),
        );
    }

    /// Reports each key `is_known` refuses; `names` (for did-you-mean) is made only then.
    pub fn unknown_fields_by<'n>(
        &self,
        r: &mut Report,
        is_known: impl Fn(&str) -> bool,
        names: impl Fn() -> Vec<&'n str>,
    ) {
        for key in self.map.keys() {
            if is_known(key) {
                continue;
            }
            let names = names();
            r.object(
                self.entity,
                Check::UnknownField,
                self.at(key).as_str(),
                format!(
                    "\"{}\" is not a field the API documents here; check its spelling.{}",
                    super::text::quote(key).trim_matches('"'),
                    suggestion(key, &names)
                ),
            );
            // Renamed only into a field the object does not have yet; certain when the
            // names differ by case, separators or one letter, else a suggestion.
            if let Some((right, distance)) = super::text::closest(key, &names) {
                if !self.map.contains_key(right) {
                    r.fix(Fix::key(right, distance <= 1));
                }
            }
        }
    }
}

/// Gives the issue just reported the fix that writes `bare` in place of its quoted form.
fn unquote(r: &mut Report, bare: &str) {
    r.fix(Fix::value(format!("Write {bare} without quotes"), bare));
}

/// `s` when it is already a JSON number's text (`12`, `-1.5`, not `007` or `1.`).
fn json_number(s: &str) -> Option<&str> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let int = digits.split('.').next().unwrap_or("");
    (is_decimal(s) && (int == "0" || !int.starts_with('0'))).then_some(s)
}

/// The value of a decimal string, or `None` when it is not one. Hand-rolled: precise
/// enough for sign and bound checks, and it keeps float parsing out of the bundle.
pub fn decimal_value(s: &str) -> Option<f64> {
    if !is_decimal(s) {
        return None;
    }
    let (neg, body) = match s.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, s),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let mut v = int
        .bytes()
        .fold(0.0, |acc, d| acc * 10.0 + f64::from(d - b'0'));
    let mut scale = 0.1;
    for d in frac.bytes() {
        v += f64::from(d - b'0') * scale;
        scale /= 10.0;
    }
    Some(if neg { -v } else { v })
}

/// `123`, `25.00`, `-1.5`: what Veeqo accepts as a decimal string.
pub fn is_decimal(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = s.split_once('.').unwrap_or((s, "0"));
    !int.is_empty()
        && !frac.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use orderlint_json::json;

    fn run(v: orderlint_json::Document, f: impl Fn(&Obj, &mut Report)) -> Vec<crate::Issue> {
        let mut r = Report::new();
        if let Some(o) = Obj::new(
            &mut r,
            v.value(),
            Ptr::root(),
            crate::veeqo::shapes::ORDER.entity,
        ) {
            f(&o, &mut r);
        }
        r.finish()
    }

    #[test]
    fn reports_each_problem_at_its_field() {
        let issues = run(
            json!({"a": 1, "b": null, "q": "2", "m": "-1", "id": "12x", "s": "  "}),
            |o, r| {
                o.string(r, "a", REQUIRED);
                o.string(r, "b", REQUIRED);
                o.integer(r, "q", REQUIRED);
                o.money(r, "m", REQUIRED);
                o.id(r, "id", REQUIRED);
                o.text(r, "s", REQUIRED);
                o.string(r, "absent", OPTIONAL);
            },
        );
        let got: Vec<(&str, &str)> = issues
            .iter()
            .map(|i| (i.pointer.as_str(), i.code.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("/a", "veeqo.order.a.wrong_type"),
                ("/b", "veeqo.order.b.required"),
                ("/q", "veeqo.order.q.wrong_type"),
                ("/m", "veeqo.order.m.negative"),
                ("/id", "veeqo.order.id.not_an_id"),
                ("/s", "veeqo.order.s.empty"),
            ]
        );
    }

    #[test]
    fn placeholders_are_left_to_the_scan() {
        let issues = run(json!({"id": "{{channel_id}}"}), |o, r| {
            assert_eq!(o.id(r, "id", REQUIRED), None);
        });
        assert!(issues.is_empty());
    }

    #[test]
    fn decimal_values() {
        assert_eq!(decimal_value("25.50"), Some(25.5));
        assert_eq!(decimal_value("-1.25"), Some(-1.25));
        assert_eq!(decimal_value("0"), Some(0.0));
        assert_eq!(decimal_value("1e3"), None);
    }

    #[test]
    fn decimals() {
        assert!(is_decimal("25.00") && is_decimal("0") && is_decimal("-1.5"));
        assert!(!is_decimal("25.") && !is_decimal("$5") && !is_decimal("1e3") && !is_decimal(""));
    }
}
