//! RFC 6901 JSON Pointers, built as rules descend.

use std::fmt;

/// A pointer as text. Rules build one for every object and item they descend into and
/// read it only when they report, so a short pointer (nearly all of them) is kept inline,
/// with no allocation; a longer one spills to the heap.
#[derive(Clone)]
pub struct Ptr(Repr);

/// Pointers up to this many bytes are held inline.
const INLINE: usize = 38;

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

    /// This pointer followed by `/` and `segment`, escaped when `escape` says it may need it.
    fn join(&self, segment: &[u8], escape: bool) -> Ptr {
        if let Repr::Inline { len, bytes } = &self.0 {
            let start = usize::from(*len);
            let end = start + 1 + segment.len();
            if end <= INLINE && !(escape && segment.iter().any(|&b| b == b'~' || b == b'/')) {
                // The whole buffer copied as one fixed-size value, then the segment added
                // in place: no variable-length copy of the base (a call, in wasm).
                let mut bytes = *bytes;
                bytes[start] = b'/';
                bytes[start + 1..end].copy_from_slice(segment);
                return Ptr(Repr::Inline {
                    len: end as u8,
                    bytes,
                });
            }
        }
        let len = self.as_str().len() + 1 + segment.len();
        let mut s = String::with_capacity(len + 8);
        s.push_str(self.as_str());
        s.push('/');
        // The segment is a whole `str` (a key) or ASCII digits.
        for ch in String::from_utf8_lossy(segment).chars() {
            match ch {
                '~' if escape => s.push_str("~0"),
                '/' if escape => s.push_str("~1"),
                c => s.push(c),
            }
        }
        if s.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            return Ptr(Repr::Inline {
                len: s.len() as u8,
                bytes,
            });
        }
        Ptr(Repr::Heap(s))
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
            Repr::Inline { len, bytes } => {
                let bytes = &bytes[..usize::from(*len)];
                // SAFETY: `join` copies in only a pointer's text, `/`, and a whole `str`
                // or ASCII digits; escaped pointers are copied from a `String`. Each
                // copy ends on a character boundary, so the bytes are UTF-8.
                unsafe { std::str::from_utf8_unchecked(bytes) }
            }
            Repr::Heap(s) => s,
        }
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
