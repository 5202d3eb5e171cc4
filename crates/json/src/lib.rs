//! A JSON document laid out flat: every array and every object is one contiguous run of
//! its members in an arena, strings and keys point into the input unless they hold
//! escapes, and a key written twice in one object is kept as a finding rather than
//! silently dropped. A value is plain `Copy` data: reading it allocates nothing, and the
//! whole document is freed (or its arena reused for the next payload) at once.
//!
//! It reads like `serde_json::Value` (`get`, `as_str`, `as_array`, …) so the rules read
//! the same either way, and it is parsed by serde_json's own parser, so what is JSON and
//! what every syntax error says are exactly serde_json's.
//!
//! Invariant: parsing allocates no string that the text holds unescaped, and nothing per
//! array or object outside the arena (the tests count both).

mod de;
mod doc;
mod fast;
mod map;
mod number;
mod ser;

pub use doc::{Arena, Document};
pub use fast::Facts;
pub use map::{same, Map};
pub use number::Number;

#[doc(hidden)]
pub use serde_json as __serde_json;

/// `serde_json::json!`, made an owned [`Document`]: for values written in code and tests.
#[macro_export]
macro_rules! json {
    ($($t:tt)+) => {
        $crate::Document::from_serde(&$crate::__serde_json::json!($($t)+))
    };
}

/// A JSON value in a [`Document`]: arrays and objects are slices of the document's arena.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub enum Value<'a> {
    #[default]
    Null,
    Bool(bool),
    Number(Number),
    String(&'a str),
    Array(&'a [Value<'a>]),
    Object(&'a Map<'a>),
}

static NULL: Value<'static> = Value::Null;

/// Parses `text` as one JSON document: serde_json's grammar, its recursion limit and its
/// error messages.
pub fn from_str(text: &str) -> Result<Document<'_>, serde_json::Error> {
    Document::parse(text)
}

impl<'a> Value<'a> {
    /// An owned `serde_json::Value` with the same content (the last of duplicate keys).
    pub fn to_serde(&self) -> serde_json::Value {
        match self {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => serde_json::Value::Number(n.to_serde()),
            Value::String(s) => serde_json::Value::String(s.to_string()),
            Value::Array(a) => serde_json::Value::Array(a.iter().map(Value::to_serde).collect()),
            Value::Object(m) => serde_json::Value::Object(
                m.iter()
                    .map(|(k, v)| (k.to_string(), v.to_serde()))
                    .collect(),
            ),
        }
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&'a Value<'a>> {
        self.as_object()?.get(key)
    }

    /// The element `i` of an array.
    pub fn get_index(&self, i: usize) -> Option<&'a Value<'a>> {
        self.as_array()?.get(i)
    }

    /// The value at a JSON Pointer (RFC 6901).
    pub fn pointer(&self, pointer: &str) -> Option<&Value<'a>> {
        if pointer.is_empty() {
            return Some(self);
        }
        let rest = pointer.strip_prefix('/')?;
        rest.split('/').try_fold(self, |v, token| {
            let token = token.replace("~1", "/").replace("~0", "~");
            match v {
                Value::Object(m) => m.get(&token),
                Value::Array(a) => token.parse::<usize>().ok().and_then(|i| a.get(i)),
                _ => None,
            }
        })
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
    pub fn is_boolean(&self) -> bool {
        matches!(self, Value::Bool(_))
    }
    pub fn is_number(&self) -> bool {
        matches!(self, Value::Number(_))
    }
    pub fn is_string(&self) -> bool {
        matches!(self, Value::String(_))
    }
    pub fn is_array(&self) -> bool {
        matches!(self, Value::Array(_))
    }
    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }
    pub fn is_i64(&self) -> bool {
        matches!(self, Value::Number(n) if n.is_i64())
    }
    pub fn is_u64(&self) -> bool {
        matches!(self, Value::Number(n) if n.is_u64())
    }
    pub fn is_f64(&self) -> bool {
        matches!(self, Value::Number(n) if n.is_f64())
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&'a str> {
        match self {
            Value::String(s) => Some(*s),
            _ => None,
        }
    }
    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }
    pub fn as_i64(&self) -> Option<i64> {
        self.as_number()?.as_i64()
    }
    pub fn as_u64(&self) -> Option<u64> {
        self.as_number()?.as_u64()
    }
    pub fn as_f64(&self) -> Option<f64> {
        self.as_number()?.as_f64()
    }
    pub fn as_array(&self) -> Option<&'a [Value<'a>]> {
        match self {
            Value::Array(a) => Some(*a),
            _ => None,
        }
    }
    pub fn as_object(&self) -> Option<&'a Map<'a>> {
        match self {
            Value::Object(m) => Some(*m),
            _ => None,
        }
    }
}

impl<'a> std::ops::Index<&str> for Value<'a> {
    type Output = Value<'a>;
    /// `Null` when there is no such member, as `serde_json::Value` does.
    fn index(&self, key: &str) -> &Value<'a> {
        self.get(key).unwrap_or(&NULL)
    }
}

impl<'a> std::ops::Index<usize> for Value<'a> {
    type Output = Value<'a>;
    fn index(&self, i: usize) -> &Value<'a> {
        self.get_index(i).unwrap_or(&NULL)
    }
}

/// Compact JSON, as `serde_json::Value` prints itself.
impl std::fmt::Display for Value<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = serde_json::to_string(self).map_err(|_| std::fmt::Error)?;
        f.write_str(&text)
    }
}

impl PartialEq<str> for Value<'_> {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == Some(other)
    }
}

impl PartialEq<&str> for Value<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == Some(*other)
    }
}

#[cfg(test)]
mod tests;
