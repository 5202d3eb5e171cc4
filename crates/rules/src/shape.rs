//! Declarative object shapes: which fields an object has, their types and the coercions
//! the API accepts, required-ness and documented alternatives, nesting. One walker
//! interprets every shape, so each kind's structure is written once, as data; the
//! cross-field rules (Buyer Protection, totals, account context) stay hand-written and
//! read values the walk has already vetted.
//!
//! Long: the type table and the one walker that interprets it are one `match` over `Ty`;
//! split, each half would need the other to be read.

use crate::codes::Check;

use std::sync::OnceLock;

use std::collections::HashMap;

use orderlint_json::Value;

use super::checks::{
    country_alpha2, country_alpha3, currency, email, enum_value, text_len, utc_datetime, Currencies,
};
use super::datetime::{parse_date, parse_datetime, Date, Zone};
use super::fields::Obj;
use super::pointer::Ptr;
use super::text::{num, quote, show};
use super::Report;

/// How one API (or one part of it) reads a payload: what no single field says.
pub struct Dialect {
    /// Where it is written down: the source of its objects' field checks in the registry.
    pub source: &'static str,
    /// Whether `null` means "not given" (Veeqo: Rails reads it so) or is a wrong value
    /// (FeedAMP: the spec prints "or null" for no field of the payloads checked here).
    pub null_is_absent: bool,
    /// Whether the API casts as Rails does (Veeqo): a quoted number or boolean, or a
    /// number for text, is then a warning, not an error. FeedAMP casts nothing.
    pub casts: bool,
    /// The currencies it takes.
    pub currencies: &'static Currencies,
}

/// An object issues are reported on: its code prefix (`veeqo.order.line_item`) and its
/// API's dialect.
#[derive(Clone, Copy)]
pub struct Entity {
    pub name: &'static str,
    pub dialect: &'static Dialect,
}

impl serde::Serialize for Entity {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name)
    }
}

impl std::fmt::Debug for Entity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// One JSON object's fields.
pub struct Shape {
    /// This object's code prefix and dialect.
    pub entity: Entity,
    pub fields: &'static [Field],
    /// Documented alternatives: one field of each group must be given
    /// (`customer_id` or `customer_attributes`).
    pub one_of: &'static [&'static [&'static str]],
    /// The field names compiled for lookup, built on first use: every key of every object
    /// walked is looked up here.
    pub index: Index,
}

/// The most fields a shape has (its slots are on the stack while it is checked).
const MAX_FIELDS: usize = 32;

/// A shape's field names in an open-addressed table, so telling a key known or unknown
/// costs one hash and about one comparison, not a scan of the fields.
pub struct Index(OnceLock<Table>);

struct Table {
    /// A field's position plus one; 0 is an empty slot.
    slots: Box<[u8]>,
    /// Whether some field is a key pattern (`prefix*`), which the table cannot hold.
    patterns: bool,
}

impl Default for Index {
    fn default() -> Index {
        Index::new()
    }
}

impl Index {
    pub const fn new() -> Index {
        Index(OnceLock::new())
    }

    fn table(&self, fields: &[Field]) -> &Table {
        self.0.get_or_init(|| {
            let size = (fields.len() * 2).next_power_of_two().max(8);
            let mut slots = vec![0u8; size].into_boxed_slice();
            for (i, f) in fields
                .iter()
                .enumerate()
                .filter(|(_, f)| f.prefix().is_none())
            {
                let mut at = hash(f.name) & (size - 1);
                while slots[at] != 0 {
                    at = (at + 1) & (size - 1);
                }
                slots[at] = u8::try_from(i + 1).expect("a shape has fewer than 255 fields");
            }
            Table {
                slots,
                patterns: fields.iter().any(|f| f.prefix().is_some()),
            }
        })
    }
}

/// A key's hash from its length and three of its bytes: enough to spread a shape's names.
#[inline]
fn hash(key: &str) -> usize {
    let b = key.as_bytes();
    let (n, at) = (b.len(), |i: usize| b.get(i).copied().unwrap_or(0) as usize);
    (n ^ at(0) << 3 ^ at(n.wrapping_sub(1)) << 7 ^ at(n / 2) << 11).wrapping_mul(0x9E37_79B1) >> 8
}

pub struct Field {
    pub name: &'static str,
    pub ty: Ty,
    pub need: Need,
}

#[derive(Clone, Copy)]
pub enum Need {
    /// The API refuses the payload without it.
    Required,
    Optional,
    /// Accepted without it, but something is lost: a warning that says what.
    Advised(&'static str),
}

/// What a field holds, with the coercions a Rails API applies.
pub enum Ty {
    /// Any string.
    Str,
    /// A string that is not blank.
    Text,
    /// `true` / `false`; `"true"` / `"false"` are cast (a warning).
    Bool,
    /// A whole number of at least `min`; a quoted one is cast (a warning).
    Int {
        min: i64,
    },
    /// An id that becomes a segment of the request's path: 1 to `max` characters, none
    /// of which could change the path (see `orderlint_text::segment`).
    Segment {
        max: usize,
    },
    /// A string of `min..=max` characters (characters, not bytes).
    Len {
        min: usize,
        max: usize,
    },
    /// A number of at least `min`; a quoted one is cast (a warning unless the docs type
    /// the field as a string, `quoted_ok`).
    Num {
        min: f64,
        quoted_ok: bool,
    },
    /// An amount: a decimal string such as `"25.00"` or a number, not negative.
    Money,
    /// A record id: a positive integer or a string of digits.
    Id,
    /// A record id, or `""` / `null` for "none" (nested attributes for a new record).
    IdOrBlank,
    /// A date as Rails reads it: ISO, a date-time, or day-first `dd/mm/yyyy`.
    Date,
    Email,
    /// A currency from the dialect's list.
    Currency,
    /// ISO 3166-1 alpha-2.
    Country2,
    /// ISO 3166-1 alpha-3.
    Country3,
    /// An RFC 3339 date-time in UTC.
    Utc,
    /// A calendar date, `YYYY-MM-DD`, nothing else.
    IsoDate,
    Enum(&'static [&'static str]),
    Object(&'static Shape),
    /// An array of objects of one shape, with at least `min` items, and with no two
    /// items sharing the value of `unique` when given.
    Array {
        of: &'static Shape,
        min: usize,
        unique: Option<Unique>,
    },
    /// Any object: extra data whose keys are the sender's (`order_additional_properties`).
    OpenObject,
    /// Anything: a documented field whose content orderlint does not check.
    Any,
}

/// A field whose value no two items of an array may share, and why.
#[derive(Clone, Copy)]
pub struct Unique {
    pub field: &'static str,
    /// The advice that ends the message: "each variant needs its own SKU".
    pub why: &'static str,
}

pub const fn req(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        need: Need::Required,
    }
}

pub const fn opt(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        need: Need::Optional,
    }
}

pub const fn advised(name: &'static str, ty: Ty, why: &'static str) -> Field {
    Field {
        name,
        ty,
        need: Need::Advised(why),
    }
}

impl Shape {
    /// The fields' names, for did-you-mean: a key pattern (`value_added_service__*`) is none.
    pub fn names(&self) -> Vec<&'static str> {
        self.fields
            .iter()
            .filter(|f| f.prefix().is_none())
            .map(|f| f.name)
            .collect()
    }

    /// The field `name` is: by its name, or by a documented key pattern (`prefix*`).
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.position(name).map(|i| &self.fields[i])
    }

    /// Where in `fields` the field `name` is ([`Shape::field`]).
    pub fn position(&self, name: &str) -> Option<usize> {
        let table = self.index.table(self.fields);
        let mask = table.slots.len() - 1;
        let mut at = hash(name) & mask;
        while let Some(i) = table.slots[at].checked_sub(1) {
            let i = usize::from(i);
            if orderlint_json::same(self.fields[i].name, name) {
                return Some(i);
            }
            at = (at + 1) & mask;
        }
        if !table.patterns {
            return None;
        }
        self.fields.iter().position(|f| {
            f.prefix()
                .is_some_and(|p| name.starts_with(p) && name.len() > p.len())
        })
    }
}

impl Field {
    /// A field written `prefix*` stands for every key that starts with `prefix`: the
    /// additional properties an API documents by pattern (Veeqo's booking takes
    /// `value_added_service__*` and `additional_input__*` keys). Its value is not checked.
    pub fn prefix(&self) -> Option<&'static str> {
        self.name.strip_suffix('*')
    }
}

/// Checks `v` against `shape` at `ptr`; the object, for the rules that follow.
pub fn walk<'v>(shape: &Shape, v: &'v Value<'v>, ptr: Ptr, r: &mut Report) -> Option<Obj<'v>> {
    let o = Obj::new(r, v, ptr, shape.entity)?;
    check(shape, &o, r);
    Some(o)
}

/// Checks the fields of an object already in hand.
///
/// Compiled: one pass over the object's members puts each in its field's slot (and finds
/// the unknown ones), then each field's checks read their slot, not the object.
pub fn check(shape: &Shape, o: &Obj, r: &mut Report) {
    let mut slots = [None; MAX_FIELDS];
    let mut unknown = false;
    for (k, v) in o.map.iter() {
        match shape.position(k) {
            Some(i) => slots[i] = Some(v),
            None => unknown = true,
        }
    }
    if unknown {
        o.unknown_fields_by(r, |k| shape.field(k).is_some(), || shape.names());
    }
    for (i, f) in shape.fields.iter().enumerate() {
        if f.prefix().is_some() {
            continue;
        }
        o.preset(f.name, slots[i]);
        if let Need::Advised(why) = f.need {
            if o.present(f.name).is_none() {
                r.field(
                    shape.entity,
                    f.name,
                    Check::Missing,
                    o.at(f.name).as_str(),
                    format!("{} is missing; {why}", f.name),
                );
            }
        }
        field(
            o,
            f,
            matches!(f.need, Need::Required),
            shape.entity.dialect.casts,
            r,
        );
    }
    o.preset_none();
    for group in shape.one_of {
        if group.iter().all(|n| o.present(n).is_none()) {
            let names: Vec<String> = group.iter().map(|n| format!("\"{n}\"")).collect();
            r.field(
                shape.entity,
                group[0],
                Check::Required,
                o.at(group[0]).as_str(),
                format!(
                    "{} has none of {}; send one of them.",
                    o.ptr,
                    names.join(" or ")
                ),
            );
        }
    }
}

fn field(o: &Obj, f: &Field, required: bool, casts: bool, r: &mut Report) {
    let name = f.name;
    match &f.ty {
        Ty::Str | Ty::Text if casts && scalar_for_string(o, r, name) => {}
        Ty::Str => {
            o.string(r, name, required);
        }
        Ty::Text => {
            o.text(r, name, required);
        }
        Ty::Bool if casts => {
            o.cast_boolean(r, name, required);
        }
        Ty::Bool => {
            o.boolean(r, name, required);
        }
        Ty::Int { min } => {
            let i = if casts {
                o.cast_integer(r, name, required)
            } else {
                o.integer(r, name, required)
            };
            if let Some(i) = i.filter(|i| i < min) {
                below(o, r, name, &i.to_string(), &min.to_string());
            }
        }
        Ty::Len { min, max } => {
            text_len(o, r, name, required, *min, *max);
        }
        Ty::Segment { max } => {
            let Some(s) = text_len(o, r, name, required, 1, *max) else {
                return;
            };
            if let Some(why) = orderlint_text::segment::problem(s) {
                o.report(r, name, Check::PathUnsafe, format!(
                        "{} is {}: it {why}. It becomes a segment of the request's path, where a proxy on the way could read it as a different path; use an id without it.",
                        name,
                        quote(s)
                    ));
            }
        }
        Ty::Num { min, quoted_ok } => {
            let x = if casts {
                o.cast_number(r, name, required, *quoted_ok)
            } else {
                o.number(r, name, required)
            };
            if let Some(x) = x.filter(|x| x < min) {
                let floor = if *min == 0.0 { "0".into() } else { num(*min) };
                below(o, r, name, &num(x), &floor);
            }
        }
        Ty::Money => {
            o.money(r, name, required);
        }
        Ty::Id => {
            o.id(r, name, required);
        }
        Ty::IdOrBlank => {
            if o.present(name).and_then(Value::as_str) != Some("") {
                o.id(r, name, required);
            }
        }
        Ty::Date => date(o, r, name, required),
        Ty::Email => email(o, r, name, required),
        Ty::Currency => {
            currency(o, r, name, required);
        }
        Ty::Country2 => {
            country_alpha2(o, r, name, required);
        }
        Ty::Country3 => {
            country_alpha3(o, r, name, required);
        }
        Ty::Utc => {
            utc_datetime(o, r, name, required);
        }
        Ty::IsoDate => iso_date(o, r, name, required),
        Ty::Enum(allowed) => {
            enum_value(o, r, name, required, allowed);
        }
        Ty::Object(shape) => {
            if let Some(child) = o.object(r, name, required, shape.entity) {
                check(shape, &child, r);
            }
        }
        Ty::Array { of, min, unique } => {
            let Some(items) = o.array(r, name, required) else {
                return;
            };
            if items.len() < *min {
                o.report(
                    r,
                    name,
                    Check::Empty,
                    format!("{name} is empty; send at least {}.", plural_items(*min)),
                );
            }
            let at = o.at(name);
            for (i, item) in items.iter().enumerate() {
                walk(of, item, at.idx(i), r);
            }
            if let Some(u) = unique {
                no_repeats(of, items, &at, u, r);
            }
        }
        Ty::OpenObject => {
            if let Some(v) = o.value(r, name, required).filter(|v| !v.is_object()) {
                o.wrong_type(r, name, v, "an object");
            }
        }
        Ty::Any => {
            o.value(r, name, required);
        }
    }
}

/// Reports each item whose `unique` value an earlier item already has. Only string
/// values count: the walk has reported anything else.
fn no_repeats(of: &Shape, items: &[Value], at: &Ptr, u: &Unique, r: &mut Report) {
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let Some(v) = item
            .get(u.field)
            .and_then(Value::as_str)
            .filter(|v| !v.trim().is_empty() && !super::text::has_placeholder(v))
        else {
            continue;
        };
        if let Some(first) = seen.insert(v, i) {
            let ptr = at.idx(i).key(u.field);
            r.field(
                of.entity,
                u.field,
                Check::Duplicate,
                ptr.as_str(),
                format!(
                    "{} {} is already used at {}; {}.",
                    u.field,
                    quote(v),
                    at.idx(first).key(u.field),
                    u.why
                ),
            );
        }
    }
}

fn plural_items(n: usize) -> String {
    if n == 1 {
        "one item".into()
    } else {
        format!("{n} items")
    }
}

/// A calendar date and nothing else, as the FeedAMP spec types return dates.
fn iso_date(o: &Obj, r: &mut Report, name: &str, required: bool) {
    let Some(d) = o.string(r, name, required) else {
        return;
    };
    if parse_date(d).is_none() {
        o.report(
            r,
            name,
            Check::Invalid,
            format!(
                "{name} is {}; the spec wants a date, YYYY-MM-DD (e.g. \"2026-05-02\").",
                quote(d)
            ),
        );
        // A UTC date-time names its day; in another zone the day is a guess.
        if let Some(dt) = parse_datetime(d).filter(|dt| dt.zone == Zone::Utc) {
            let day = dt.date.iso();
            r.fix(crate::fix::Fix::string(format!("Write \"{day}\""), &day));
        }
    }
}

/// A number or boolean where text is wanted: Rails stores it as text, so a warning
/// (a zip code sent as a number has lost its leading zeros). True when reported.
fn scalar_for_string(o: &Obj, r: &mut Report, name: &str) -> bool {
    let Some(v) = o.present(name).filter(|v| v.is_number() || v.is_boolean()) else {
        return false;
    };
    o.report(r, name, Check::NotString, format!(
            "{} is {v}, not a string; Veeqo stores it as the text \"{v}\", but send text in quotes: a number drops what text keeps, such as a zip code's leading zeros.",
            name
        ));
    true
}

/// A number under its lower bound: `negative` when the bound is 0, else `too_small`.
fn below(o: &Obj, r: &mut Report, name: &str, got: &str, min: &str) {
    let (check, why) = if min == "0" {
        (Check::Negative, "it cannot be negative".to_string())
    } else {
        (Check::TooSmall, format!("it must be at least {min}"))
    };
    o.report(r, name, check, format!("{} is {got}; {why}.", name));
}

/// How Rails reads a date string (`Date._parse`): ISO first, then day-first for
/// `dd/mm/yyyy`. A string it cannot read becomes no date at all rather than a refusal,
/// so every problem here is a warning.
fn date(o: &Obj, r: &mut Report, name: &str, required: bool) {
    if let Some(v) = o.present(name).filter(|v| !v.is_string()) {
        o.report(
            r,
            name,
            Check::NotADate,
            format!("{name} is {}, which Veeqo cannot read as a date, so none is stored; send YYYY-MM-DD such as \"2026-05-15\".", show(v)),
        );
        return;
    }
    let Some(s) = o.string(r, name, required) else {
        return;
    };
    let warn = |r: &mut Report, check: Check, msg: String| o.report(r, name, check, msg);
    if s.trim().is_empty() {
        return warn(
            r,
            Check::Blank,
            format!("{name} is empty, so Veeqo stores no date; leave it out or send one such as \"2026-05-15\"."),
        );
    }
    if parse_date(s).is_some() {
        return;
    }
    if let Some(dt) = parse_datetime(s) {
        if dt.zone == Zone::Missing {
            warn(
                r,
                Check::NoTimeZone,
                format!(
                    "{name} is {} with no time zone, so the server reads it in its own; add \"Z\" or an offset such as \"+00:00\".",
                    quote(s)
                ),
            );
        }
        return;
    }
    let Some((a, b, year)) = slash_date(s) else {
        return warn(
            r,
            Check::NotADate,
            format!(
                "{name} is {}, which Veeqo cannot read as a date, so none is stored; send YYYY-MM-DD such as \"2026-05-15\".",
                quote(s)
            ),
        );
    };
    let day_first = Date::new(year, b, a);
    let month_first = Date::new(year, a, b);
    match (day_first, month_first) {
        (Some(d), Some(m)) if d != m => warn(
            r,
            Check::Ambiguous,
            format!(
                "{name} is {}: Veeqo reads the day first ({}), a US reader the month first ({}); send {} or {} for the day you mean.",
                quote(s),
                d.long(),
                m.long(),
                quote(&d.iso()),
                quote(&m.iso())
            ),
        ),
        (Some(_), _) => {}
        (None, Some(m)) => warn(
            r,
            Check::MonthFirst,
            format!(
                "{name} is {}: Veeqo reads the day first and there is no month {b}, so no date is stored; send {}.",
                quote(s),
                quote(&m.iso())
            ),
        ),
        (None, None) => warn(
            r,
            Check::NotADate,
            format!(
                "{name} is {}, not a real date; send YYYY-MM-DD such as \"2026-05-15\".",
                quote(s)
            ),
        ),
    }
}

/// `a/b/yyyy` with one- or two-digit parts.
fn slash_date(s: &str) -> Option<(u32, u32, u32)> {
    let mut parts = s.trim().split('/');
    let mut part = |max: usize| {
        parts
            .next()
            .filter(|p| (1..=max).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u32>().ok())
    };
    let (a, b, year) = (part(2)?, part(2)?, part(4)?);
    (parts.next().is_none() && year >= 1000).then_some((a, b, year))
}

/// The value of a field for the rules after a walk: `None` when absent or not a string
/// (the walk has said so).
pub fn text_of<'v>(o: &Obj<'v>, name: &str) -> Option<&'v str> {
    o.present(name)
        .and_then(Value::as_str)
        .filter(|s| !super::text::has_placeholder(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slash_dates() {
        assert_eq!(slash_date("31/01/2018"), Some((31, 1, 2018)));
        assert_eq!(slash_date("2/3/2017"), Some((2, 3, 2017)));
        assert_eq!(slash_date("2/3/17"), None);
        assert_eq!(slash_date("2/3/2017/1"), None);
    }

    /// The compiled index finds what a scan of the fields finds, for every shape.
    #[test]
    fn the_index_agrees_with_a_scan() {
        let scan = |s: &Shape, name: &str| {
            s.fields.iter().position(|f| match f.prefix() {
                Some(p) => name.starts_with(p) && name.len() > p.len(),
                None => f.name == name,
            })
        };
        let all = crate::veeqo::shapes::ALL
            .iter()
            .chain(crate::veeqo::rate_shopping::shapes::ALL)
            .chain(crate::feedamp::shapes::ALL);
        for shape in all {
            for f in shape.fields {
                let base = f.prefix().map_or(f.name.to_string(), |p| format!("{p}x"));
                for name in [
                    base.clone(),
                    format!("{base}s"),
                    base[1..].to_string(),
                    base.to_uppercase(),
                ] {
                    let found = shape.field(&name).map(|g| g as *const Field);
                    let want = scan(shape, &name).map(|i| &shape.fields[i] as *const Field);
                    assert_eq!(found, want, "{name} in {}", shape.entity.name);
                }
            }
        }
    }
}
