//! An object: one contiguous run of its entries in document order, and the keys it had
//! more than once. Both live in the document's arena.

use super::Value;

#[derive(Clone, Copy, Debug, Default)]
pub struct Map<'a> {
    entries: &'a [(&'a str, Value<'a>)],
    /// Keys written more than once, each once. Their entry keeps the first one's place and
    /// the last one's value, as `serde_json` does.
    duplicates: &'a [&'a str],
}

impl PartialEq for Map<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries && self.duplicates == other.duplicates
    }
}

/// Key comparison with the cheap tests first: most keys differ in length or at an end,
/// and a call to `memcmp` costs more than the bytes it compares.
#[inline]
pub fn same(a: &str, b: &str) -> bool {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    x.len() == y.len() && x.first() == y.first() && x.last() == y.last() && x == y
}

impl<'a> Map<'a> {
    pub(crate) fn new(entries: &'a [(&'a str, Value<'a>)], duplicates: &'a [&'a str]) -> Self {
        Map {
            entries,
            duplicates,
        }
    }

    pub fn get(&self, key: &str) -> Option<&'a Value<'a>> {
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

    /// The entries in document order.
    pub fn entries(&self) -> &'a [(&'a str, Value<'a>)] {
        self.entries
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
