//! RFC 6901 JSON Pointers, built as rules descend.

use std::fmt;

/// A pointer as text. Rules build one for every object and item they descend into and
/// read it only when they report, so a short pointer (nearly all of them) is kept inline,
/// with no allocation; a longer one spills to the heap.
#[derive(Clone)]
pub struct Ptr(Repr);

/// Pointers up to this many bytes are held inline.
const INLINE: usize = 54;

#[derive(Clone)]
enum Repr {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(String),
}

impl Default for Ptr {
    fn default() -> Ptr {
        Ptr::root()
    }
}

impl PartialEq for Ptr {
    fn eq(&self, other: &Ptr) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Ptr {}

impl fmt::Debug for Ptr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Ptr").field(&self.as_str()).finish()
    }
}

impl Ptr {
    pub fn root() -> Self {
        Ptr(Repr::Inline {
            len: 0,
            bytes: [0; INLINE],
        })
    }

    /// This pointer followed by `/` and `segment`, already escaped.
    fn join(&self, segment: &[u8], escape: bool) -> Ptr {
        let base = self.as_str().as_bytes();
        let extra = if escape {
            segment.iter().filter(|b| matches!(b, b'~' | b'/')).count()
        } else {
            0
        };
        let len = base.len() + 1 + segment.len() + extra;
        let mut out = Builder::new(len);
        out.push(base);
        out.push(b"/");
        if extra == 0 {
            out.push(segment);
        } else {
            for &b in segment {
                match b {
                    b'~' => out.push(b"~0"),
                    b'/' => out.push(b"~1"),
                    _ => out.push(&[b]),
                }
            }
        }
        out.finish()
    }

    pub fn key(&self, key: &str) -> Ptr {
        self.join(key.as_bytes(), true)
    }

    pub fn idx(&self, i: usize) -> Ptr {
        // Built for every array item a rule walks: no format machinery.
        let mut digits = [0u8; 20];
        let mut n = i;
        let mut at = digits.len();
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.join(&digits[at..], false)
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Only whole UTF-8 strings and ASCII are ever copied in.
            Repr::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            Repr::Heap(s) => s,
        }
    }
}

/// Writes a pointer of a known length inline, or on the heap when it is long.
enum Builder {
    Inline(usize, [u8; INLINE]),
    Heap(Vec<u8>),
}

impl Builder {
    fn new(len: usize) -> Builder {
        if len <= INLINE {
            Builder::Inline(0, [0; INLINE])
        } else {
            Builder::Heap(Vec::with_capacity(len))
        }
    }

    fn push(&mut self, b: &[u8]) {
        match self {
            Builder::Inline(at, bytes) => {
                bytes[*at..*at + b.len()].copy_from_slice(b);
                *at += b.len();
            }
            Builder::Heap(v) => v.extend_from_slice(b),
        }
    }

    fn finish(self) -> Ptr {
        Ptr(match self {
            Builder::Inline(len, bytes) => Repr::Inline {
                len: len as u8,
                bytes,
            },
            // The parts were whole strings and ASCII, so this is UTF-8.
            Builder::Heap(v) => Repr::Heap(String::from_utf8(v).unwrap_or_default()),
        })
    }
}

impl fmt::Display for Ptr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.as_str() {
            "" => f.write_str("the document"),
            s => f.write_str(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_pointers_spill_to_the_heap_and_read_the_same() {
        let mut p = Ptr::root();
        let mut want = String::new();
        for i in 0..40 {
            p = p.key("é~/x").idx(i);
            want.push_str(&format!("/é~0~1x/{i}"));
            assert_eq!(p.as_str(), want);
        }
        assert_eq!(p.clone(), p);
    }

    #[test]
    fn escapes_per_rfc6901() {
        let p = Ptr::root().key("a/b").key("m~n").idx(3);
        assert_eq!(p.as_str(), "/a~1b/m~0n/3");
        assert_eq!(Ptr::root().to_string(), "the document");
    }
}
