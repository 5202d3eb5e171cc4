//! A JSON number as serde_json reads it (an unsigned, a negative or a float integer),
//! but `Copy`, so a document is plain data in its arena and never needs dropping.

use std::fmt;

#[derive(Clone, Copy, PartialEq)]
pub struct Number(N);

#[derive(Clone, Copy, PartialEq)]
enum N {
    PosInt(u64),
    /// Always less than zero.
    NegInt(i64),
    /// Always finite.
    Float(f64),
}

impl Number {
    /// A finite float; `None` for NaN and the infinities, which JSON cannot write.
    pub fn from_f64(f: f64) -> Option<Number> {
        f.is_finite().then_some(Number(N::Float(f)))
    }
    pub fn is_u64(&self) -> bool {
        matches!(self.0, N::PosInt(_))
    }
    pub fn is_i64(&self) -> bool {
        match self.0 {
            N::PosInt(n) => n <= i64::MAX as u64,
            N::NegInt(_) => true,
            N::Float(_) => false,
        }
    }
    pub fn is_f64(&self) -> bool {
        matches!(self.0, N::Float(_))
    }
    pub fn as_u64(&self) -> Option<u64> {
        match self.0 {
            N::PosInt(n) => Some(n),
            _ => None,
        }
    }
    pub fn as_i64(&self) -> Option<i64> {
        match self.0 {
            N::PosInt(n) => i64::try_from(n).ok(),
            N::NegInt(n) => Some(n),
            N::Float(_) => None,
        }
    }
    pub fn as_f64(&self) -> Option<f64> {
        Some(match self.0 {
            N::PosInt(n) => n as f64,
            N::NegInt(n) => n as f64,
            N::Float(f) => f,
        })
    }
    /// The same number as serde_json holds it (for printing and for owned values).
    pub fn to_serde(self) -> serde_json::Number {
        match self.0 {
            N::PosInt(n) => n.into(),
            N::NegInt(n) => n.into(),
            N::Float(f) => serde_json::Number::from_f64(f).unwrap_or_else(|| 0.into()),
        }
    }
}

impl From<u64> for Number {
    fn from(n: u64) -> Number {
        Number(N::PosInt(n))
    }
}

impl From<i64> for Number {
    fn from(n: i64) -> Number {
        if n < 0 {
            Number(N::NegInt(n))
        } else {
            Number(N::PosInt(n as u64))
        }
    }
}

impl From<&serde_json::Number> for Number {
    fn from(n: &serde_json::Number) -> Number {
        if let Some(u) = n.as_u64() {
            u.into()
        } else if let Some(i) = n.as_i64() {
            i.into()
        } else {
            Number(N::Float(n.as_f64().unwrap_or(0.0)))
        }
    }
}

/// As serde_json prints it (ryu for floats).
impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.to_serde(), f)
    }
}

impl fmt::Debug for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_serde(), f)
    }
}

impl serde::Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            N::PosInt(n) => s.serialize_u64(n),
            N::NegInt(n) => s.serialize_i64(n),
            N::Float(f) => s.serialize_f64(f),
        }
    }
}
