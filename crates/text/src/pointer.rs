//! RFC 6901 JSON Pointers, built as rules descend.

use std::fmt;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ptr(String);

impl Ptr {
    pub fn root() -> Self {
        Ptr(String::new())
    }

    pub fn key(&self, key: &str) -> Ptr {
        let mut s = String::with_capacity(self.0.len() + key.len() + 1);
        s.push_str(&self.0);
        s.push('/');
        for ch in key.chars() {
            match ch {
                '~' => s.push_str("~0"),
                '/' => s.push_str("~1"),
                c => s.push(c),
            }
        }
        Ptr(s)
    }

    pub fn idx(&self, i: usize) -> Ptr {
        // Built for every array item a rule walks: no format machinery.
        let mut s = String::with_capacity(self.0.len() + 4);
        s.push_str(&self.0);
        s.push('/');
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
        digits[at..].iter().for_each(|&d| s.push(char::from(d)));
        Ptr(s)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Ptr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            f.write_str("the document")
        } else {
            f.write_str(&self.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_per_rfc6901() {
        let p = Ptr::root().key("a/b").key("m~n").idx(3);
        assert_eq!(p.as_str(), "/a~1b/m~0n/3");
        assert_eq!(Ptr::root().to_string(), "the document");
    }
}
