//! The fast path: a parser for the JSON payloads are made of, straight into the arena.
//!
//! It reads what nearly every payload holds — objects, arrays, strings with the usual
//! escapes, integers, decimals without an exponent, `true`, `false`, `null` — and builds
//! exactly the `Value` serde_json's path builds for them (the same duplicate handling,
//! through the same [`Builder`], and numbers computed as serde_json computes them). For
//! anything else (an error, an exponent, a `\u` surrogate, a number past 64 bits, deep
//! nesting) it returns `None` and the caller parses the text with serde_json, so what is
//! JSON and what every error says stay serde_json's (`tests.rs` compares the two).

use super::de::Builder;
use super::{Number, Value};

/// Deeper documents are left to serde_json, whose recursion limit then answers.
const MAX_DEPTH: u32 = 100;

/// The most digits a number may have here: any 19 fit in a `u64`.
const MAX_DIGITS: usize = 19;

/// Powers of ten that are exact in an `f64`, as serde_json's table holds them.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Parses `text` if it is one JSON value of the common kind; `None` to leave it to
/// serde_json.
pub(crate) fn parse<'a>(text: &'a str, b: &mut Builder<'a>) -> Option<(Value<'a>, Facts)> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
        depth: 0,
        braces: false,
    };
    let v = p.value(b, 0)?;
    p.skip_ws();
    (p.at == p.bytes.len()).then(|| {
        let facts = Facts {
            depth: p.depth,
            duplicates: b.saw_duplicate,
            braces: p.braces,
        };
        (v, facts)
    })
}

/// What the parse saw of the whole document, so a later walk looking for these can be
/// skipped when there are none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Facts {
    /// The deepest value: the root is at 0, its members at 1.
    pub depth: u32,
    /// Some object had a key twice.
    pub duplicates: bool,
    /// Some string may hold `{{` (it has one, or a `\u` escape that might spell one).
    pub braces: bool,
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    /// The deepest value read so far.
    depth: u32,
    /// A string held `{{`, or a `\u` escape that might spell one.
    braces: bool,
}

impl<'a> Parser<'a> {
    #[inline]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    #[inline]
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    fn value(&mut self, b: &mut Builder<'a>, depth: u32) -> Option<Value<'a>> {
        self.depth = self.depth.max(depth);
        self.skip_ws();
        match self.peek()? {
            b'{' => self.object(b, depth + 1),
            b'[' => self.array(b, depth + 1),
            b'"' => self.string(b).map(Value::String),
            b't' => self.word(b"true", Value::Bool(true)),
            b'f' => self.word(b"false", Value::Bool(false)),
            b'n' => self.word(b"null", Value::Null),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn word(&mut self, word: &[u8], v: Value<'a>) -> Option<Value<'a>> {
        let end = self.at + word.len();
        (self.bytes.get(self.at..end)? == word).then(|| {
            self.at = end;
            v
        })
    }

    fn array(&mut self, b: &mut Builder<'a>, depth: u32) -> Option<Value<'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.at += 1;
        let start = b.items_len();
        self.skip_ws();
        if self.peek()? == b']' {
            self.at += 1;
            return Some(b.array(start));
        }
        loop {
            let v = self.value(b, depth)?;
            b.push_item(v);
            self.skip_ws();
            match self.peek()? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    return Some(b.array(start));
                }
                _ => return None,
            }
        }
    }

    fn object(&mut self, b: &mut Builder<'a>, depth: u32) -> Option<Value<'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.at += 1;
        let (start, dups) = b.object_start();
        let mut seen = 0;
        self.skip_ws();
        if self.peek()? == b'}' {
            self.at += 1;
            return Some(Value::Object(b.object(start, dups)));
        }
        loop {
            self.skip_ws();
            if self.peek()? != b'"' {
                return None;
            }
            let key = self.string(b)?;
            self.skip_ws();
            if self.peek()? != b':' {
                return None;
            }
            self.at += 1;
            let v = self.value(b, depth)?;
            b.push(start, dups, &mut seen, key, v);
            self.skip_ws();
            match self.peek()? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    return Some(Value::Object(b.object(start, dups)));
                }
                _ => return None,
            }
        }
    }

    /// A string from its opening quote: borrowed from the text unless it holds escapes.
    fn string(&mut self, b: &mut Builder<'a>) -> Option<&'a str> {
        self.at += 1;
        let start = self.at;
        loop {
            self.at = special(self.bytes, self.at)?;
            match self.bytes[self.at] {
                b'{' => self.brace(),
                b'"' => {
                    let s = self.text.get(start..self.at)?;
                    self.at += 1;
                    return Some(s);
                }
                _ => break,
            }
        }
        // Escapes: decoded into a buffer, then into the arena.
        let mut out = String::from(self.text.get(start..self.at)?);
        loop {
            match self.bytes[self.at] {
                b'"' => {
                    self.at += 1;
                    return Some(b.arena.alloc_str(&out));
                }
                b'{' => {
                    self.brace();
                    out.push('{');
                }
                b'\\' => {
                    let escape = *self.bytes.get(self.at + 1)?;
                    let c = match escape {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            // It may spell a brace: the scan then looks.
                            self.braces = true;
                            self.hex_escape()?
                        }
                        _ => return None,
                    };
                    out.push(c);
                    self.at += if escape == b'u' { 6 } else { 2 };
                }
                _ => return None,
            }
            let from = self.at;
            self.at = special(self.bytes, self.at)?;
            out.push_str(self.text.get(from..self.at)?);
        }
    }

    /// Past a `{` in a string, noting a `{{` (a template's placeholder may follow).
    fn brace(&mut self) {
        self.braces |= self.bytes.get(self.at + 1) == Some(&b'{');
        self.at += 1;
    }

    /// `\uXXXX` outside the surrogates (a pair is left to serde_json).
    fn hex_escape(&self) -> Option<char> {
        let hex = self.bytes.get(self.at + 2..self.at + 6)?;
        let mut n = 0u32;
        for &h in hex {
            n = n * 16 + char::from(h).to_digit(16)?;
        }
        char::from_u32(n)
    }

    fn number(&mut self) -> Option<Value<'a>> {
        let negative = self.peek()? == b'-';
        if negative {
            self.at += 1;
        }
        let first = self.at;
        let mut n: u64 = 0;
        while let Some(c @ b'0'..=b'9') = self.peek() {
            // Up to 19 digits cannot overflow, so no checked (in wasm, 128-bit) multiply:
            // a longer number is left to serde_json below, its wrapped value unused.
            n = n.wrapping_mul(10).wrapping_add(u64::from(c - b'0'));
            self.at += 1;
        }
        let digits = self.at - first;
        if digits > MAX_DIGITS {
            return None;
        }
        // No digits, or a leading zero before another digit: serde_json's errors.
        if digits == 0 || (digits > 1 && self.bytes[first] == b'0') {
            return None;
        }
        match self.peek() {
            Some(b'e' | b'E') => None,
            Some(b'.') => {
                self.at += 1;
                let from = self.at;
                while let Some(c @ b'0'..=b'9') = self.peek() {
                    n = n.wrapping_mul(10).wrapping_add(u64::from(c - b'0'));
                    self.at += 1;
                }
                let k = self.at - from;
                if digits + k > MAX_DIGITS {
                    return None;
                }
                if k == 0 || k >= POW10.len() || matches!(self.peek(), Some(b'e' | b'E')) {
                    return None;
                }
                // serde_json's `f64_from_parts`: the digits as one integer, over 10^k.
                let f = n as f64 / POW10[k];
                Number::from_f64(if negative { -f } else { f }).map(Value::Number)
            }
            _ if !negative => Some(Value::Number(n.into())),
            _ => {
                // As serde_json: past i64, and `-0`, are floats.
                let neg = (n as i64).wrapping_neg();
                if neg >= 0 {
                    Number::from_f64(-(n as f64)).map(Value::Number)
                } else {
                    Some(Value::Number(neg.into()))
                }
            }
        }
    }
}

/// The position of the first `"`, `\`, `{` or control character at or after `at`, eight
/// bytes at a time; `None` at the end of the text (an unclosed string).
#[inline]
fn special(bytes: &[u8], mut at: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let zero = |y: u64| y.wrapping_sub(ONES) & !y & HIGH;
        let hits = zero(x ^ (ONES * u64::from(b'"')))
            | zero(x ^ (ONES * u64::from(b'\\')))
            | zero(x ^ (ONES * u64::from(b'{')))
            | (x.wrapping_sub(ONES * 0x20) & !x & HIGH);
        if hits != 0 {
            return Some(at + (hits.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    while let Some(&c) = bytes.get(at) {
        if c == b'"' || c == b'\\' || c == b'{' || c < 0x20 {
            return Some(at);
        }
        at += 1;
    }
    None
}
