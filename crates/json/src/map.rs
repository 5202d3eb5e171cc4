//! An object: its entries in document order, and the keys it had more than once.

use std::borrow::Cow;

use super::Value;

/// Above this many entries, duplicate keys are found by sorting rather than by a scan
/// per key, so a hostile object of 100 000 keys costs n log n, not n².
const SCAN_UP_TO: usize = 16;

#[derive(Clone, Debug, Default)]
pub struct Map<'a> {
    entries: Vec<(Cow<'a, str>, Value<'a>)>,
    /// Keys written more than once, each once. Their entry keeps the first one's place and
    /// the last one's value, as `serde_json` does.
    #[allow(clippy::box_collection)]
    // one word, not three, in every object: almost all have none
    duplicates: Option<Box<Vec<Cow<'a, str>>>>,
    /// A bit per key seen while parsing ([`bit`]): a key whose bit is clear is new, so
    /// most keys are never compared with the others.
    seen: u64,
}

impl PartialEq for Map<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries && self.duplicates() == other.duplicates()
    }
}

/// Key comparison with the cheap tests first: most keys differ in length or at an end,
/// and a call to `memcmp` costs more than the bytes it compares.
#[inline]
pub fn same(a: &str, b: &str) -> bool {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    x.len() == y.len() && x.first() == y.first() && x.last() == y.last() && x == y
}

/// One of 64 bits for a key, from its length and ends.
#[inline]
fn bit(key: &str) -> u64 {
    let b = key.as_bytes();
    let h = (b.len() as u32)
        .wrapping_mul(31)
        .wrapping_add(u32::from(b.first().copied().unwrap_or(0)).wrapping_mul(7))
        .wrapping_add(u32::from(b.last().copied().unwrap_or(0)));
    1 << (h % 64)
}

impl<'a> Map<'a> {
    pub fn new() -> Self {
        Map::default()
    }

    pub fn with_capacity(n: usize) -> Self {
        Map {
            entries: Vec::with_capacity(n),
            duplicates: None,
            seen: 0,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
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
    ) -> impl DoubleEndedIterator<Item = (&Cow<'a, str>, &Value<'a>)> + ExactSizeIterator {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &Cow<'a, str>> + ExactSizeIterator {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &Value<'a>> + ExactSizeIterator {
        self.entries.iter().map(|(_, v)| v)
    }

    /// The keys this object had more than once.
    pub fn duplicates(&self) -> &[Cow<'a, str>] {
        self.duplicates.as_deref().map_or(&[], Vec::as_slice)
    }

    fn duplicate(&mut self, key: Cow<'a, str>) {
        let dups = self.duplicates.get_or_insert_with(Box::default);
        if !dups.iter().any(|k| same(k, &key)) {
            dups.push(key);
        }
    }

    /// Adds an entry as a parser reads it: a key seen before keeps its place and takes
    /// the new value, and is recorded as a duplicate. Large objects are checked in
    /// [`Map::finish`].
    pub(crate) fn push(&mut self, key: Cow<'a, str>, value: Value<'a>) {
        if self.entries.len() < SCAN_UP_TO {
            let bit = bit(&key);
            if self.seen & bit != 0 {
                if let Some(slot) = self.entries.iter_mut().find(|(k, _)| same(k, &key)) {
                    slot.1 = value;
                    self.duplicate(key);
                    return;
                }
            }
            self.seen |= bit;
        }
        self.entries.push((key, value));
    }

    /// Finds the duplicates [`Map::push`] did not look for (past [`SCAN_UP_TO`]).
    pub(crate) fn finish(&mut self) {
        if self.entries.len() <= SCAN_UP_TO {
            return;
        }
        let mut order: Vec<usize> = (0..self.entries.len()).collect();
        // Stable: equal keys stay in document order.
        order.sort_by(|&a, &b| self.entries[a].0.cmp(&self.entries[b].0));
        let mut drop = vec![false; self.entries.len()];
        let mut found = false;
        for pair in order.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if self.entries[a].0 == self.entries[b].0 {
                found = true;
                drop[b] = true;
            }
        }
        if !found {
            return;
        }
        // For each group of equal keys: the first place, the last value.
        let mut i = 0;
        while i < order.len() {
            let mut j = i;
            while j + 1 < order.len() && self.entries[order[j + 1]].0 == self.entries[order[i]].0 {
                j += 1;
            }
            if j > i {
                let (first, last) = (order[i], order[j]);
                let value = std::mem::take(&mut self.entries[last].1);
                self.entries[first].1 = value;
                let key = self.entries[first].0.clone();
                self.duplicate(key);
            }
            i = j + 1;
        }
        let mut k = 0;
        self.entries.retain(|_| {
            k += 1;
            !drop[k - 1]
        });
    }
}

impl<'a> FromIterator<(Cow<'a, str>, Value<'a>)> for Map<'a> {
    fn from_iter<I: IntoIterator<Item = (Cow<'a, str>, Value<'a>)>>(iter: I) -> Self {
        let mut m = Map::new();
        for (k, v) in iter {
            m.push(k, v);
        }
        m.finish();
        m
    }
}

impl<'a> IntoIterator for Map<'a> {
    type Item = (Cow<'a, str>, Value<'a>);
    type IntoIter = std::vec::IntoIter<(Cow<'a, str>, Value<'a>)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<'a, 'm> IntoIterator for &'m Map<'a> {
    type Item = (&'m Cow<'a, str>, &'m Value<'a>);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'m, (Cow<'a, str>, Value<'a>)>,
        fn(&'m (Cow<'a, str>, Value<'a>)) -> (&'m Cow<'a, str>, &'m Value<'a>),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}
