//! An object: one contiguous run of its entries in document order, and the keys it had
//! more than once. Both live in the document's arena.

use super::Value;

#[derive(Clone, Copy, Debug, Default)]
pub struct Map<'a> {
    entries: &'a [(&'a str, Value<'a>)],
    /// Keys written more than once, each once. Their entry keeps the first one's place and
    /// the last one's value, as `serde_json` does.
    duplicates: &'a [&'a str],
    /// A bit per key ([`bit`]): a lookup whose bit is clear is a miss without a scan, and
    /// most lookups the rules make are for optional fields an object does not have.
    bloom: u64,
}

impl PartialEq for Map<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries && self.duplicates == other.duplicates
    }
}

/// Key comparison with the cheap tests first: most keys differ in length or at an end,
/// and a call to `memcmp` costs more than the bytes it compares, so keys are compared a
/// word at a time, the last word overlapping.
#[inline]
pub fn same(a: &str, b: &str) -> bool {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let n = x.len();
    if n != y.len() || x.first() != y.first() || x.last() != y.last() {
        return false;
    }
    match n {
        0..=3 => x == y,
        4..=7 => word::<4>(x, 0) == word::<4>(y, 0) && word::<4>(x, n - 4) == word::<4>(y, n - 4),
        _ => {
            let mut at = 0;
            while at + 8 < n {
                if word::<8>(x, at) != word::<8>(y, at) {
                    return false;
                }
                at += 8;
            }
            word::<8>(x, n - 8) == word::<8>(y, n - 8)
        }
    }
}

#[inline]
fn word<const N: usize>(b: &[u8], at: usize) -> [u8; N] {
    let mut w = [0; N];
    w.copy_from_slice(&b[at..at + N]);
    w
}

/// A key's hash from its length and ends: cheap, and enough to tell most keys apart.
#[inline]
pub(crate) fn key_hash(key: &str) -> u32 {
    let b = key.as_bytes();
    (b.len() as u32)
        .wrapping_mul(31)
        .wrapping_add(u32::from(b.first().copied().unwrap_or(0)).wrapping_mul(7))
        .wrapping_add(u32::from(b.last().copied().unwrap_or(0)))
}

/// One of 64 bits for a key.
#[inline]
pub(crate) fn bit(key: &str) -> u64 {
    1 << (key_hash(key) % 64)
}

impl<'a> Map<'a> {
    pub(crate) fn new(entries: &'a [(&'a str, Value<'a>)], duplicates: &'a [&'a str]) -> Self {
        Map {
            entries,
            duplicates,
            bloom: entries.iter().fold(0, |b, (k, _)| b | bit(k)),
        }
    }

    pub fn get(&self, key: &str) -> Option<&'a Value<'a>> {
        if self.bloom & bit(key) == 0 {
            return None;
        }
        self.entries
            .iter()
            .find(|(k, _)| same(k, key))
            .map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn iter(
        &self,
    ) -> impl DoubleEndedIterator<Item = (&'a str, &'a Value<'a>)> + ExactSizeIterator + 'a {
        self.entries.iter().map(|(k, v)| (*k, v))
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &'a str> + ExactSizeIterator + 'a {
        self.entries.iter().map(|(k, _)| *k)
    }

    pub fn values(
        &self,
    ) -> impl DoubleEndedIterator<Item = &'a Value<'a>> + ExactSizeIterator + 'a {
        self.entries.iter().map(|(_, v)| v)
    }

    /// The keys this object had more than once.
    pub fn duplicates(&self) -> &'a [&'a str] {
        self.duplicates
    }
}

impl<'a> IntoIterator for &Map<'a> {
    type Item = (&'a str, &'a Value<'a>);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (&'a str, Value<'a>)>,
        fn(&'a (&'a str, Value<'a>)) -> (&'a str, &'a Value<'a>),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (*k, v))
    }
}
