//! A [`Value`] from serde_json's parser, laid out in an arena: the members of each array
//! and object are gathered on a scratch stack while they are read and copied into the
//! arena as one slice when the container closes, so nothing is allocated per container
//! outside the arena and nothing needs freeing one by one.

use std::fmt;

use bumpalo::Bump;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::map::{bit, key_hash};
use super::{Map, Number, Value};

/// Up to this many entries, a key is checked against the object's earlier keys as it is
/// read (most keys skip the scan through a 64-bit filter); a larger object is checked by
/// sorting, so a hostile object of 100 000 keys costs n log n, not n².
const SCAN_UP_TO: usize = 16;

/// The scratch stacks, shared by every container of one document.
pub(crate) struct Builder<'a> {
    pub arena: &'a Bump,
    items: Vec<Value<'a>>,
    entries: Vec<(&'a str, Value<'a>)>,
    duplicates: Vec<&'a str>,
    /// Some object of the document had a key twice.
    pub saw_duplicate: bool,
}

impl<'a> Builder<'a> {
    pub fn new(arena: &'a Bump) -> Self {
        Builder {
            arena,
            items: Vec::new(),
            entries: Vec::new(),
            duplicates: Vec::new(),
            saw_duplicate: false,
        }
    }

    pub fn items_len(&self) -> usize {
        self.items.len()
    }

    pub fn push_item(&mut self, v: Value<'a>) {
        self.items.push(v);
    }

    /// Copies the array read since `start` into the arena.
    pub fn array(&mut self, start: usize) -> Value<'a> {
        let items = self.arena.alloc_slice_copy(&self.items[start..]);
        self.items.truncate(start);
        Value::Array(items)
    }

    /// Where an object's entries and duplicates start on the scratch stacks.
    pub fn object_start(&self) -> (usize, usize) {
        (self.entries.len(), self.duplicates.len())
    }

    /// Copies the object read since `start` into the arena.
    pub fn object(&mut self, start: usize, dups: usize) -> &'a Map<'a> {
        if self.entries.len() - start > SCAN_UP_TO {
            self.sort_out_duplicates(start, dups);
        }
        let arena = self.arena;
        let map = Map::new(
            arena.alloc_slice_copy(&self.entries[start..]),
            arena.alloc_slice_copy(&self.duplicates[dups..]),
        );
        self.entries.truncate(start);
        self.duplicates.truncate(dups);
        arena.alloc(map)
    }

    fn duplicate(&mut self, dups: usize, key: &'a str) {
        self.saw_duplicate = true;
        if !self.duplicates[dups..].contains(&key) {
            self.duplicates.push(key);
        }
    }

    /// Adds an entry as the parser reads it: a key seen before keeps its place and takes
    /// the new value, and is recorded as a duplicate.
    pub fn push(
        &mut self,
        start: usize,
        dups: usize,
        seen: &mut u64,
        key: &'a str,
        value: Value<'a>,
    ) {
        if self.entries.len() - start < SCAN_UP_TO {
            let bit = bit(key);
            if *seen & bit != 0 {
                if let Some(slot) = self.entries[start..]
                    .iter_mut()
                    .find(|(k, _)| super::same(k, key))
                {
                    slot.1 = value;
                    self.duplicate(dups, key);
                    return;
                }
            }
            *seen |= bit;
        }
        self.entries.push((key, value));
    }

    /// Finds the duplicates [`Builder::push`] did not look for (past [`SCAN_UP_TO`]).
    fn sort_out_duplicates(&mut self, start: usize, dups: usize) {
        let entries = &self.entries[start..];
        // Most objects have no key twice: for one of a usual size, comparing the keys
        // whose hashes agree says so without sorting.
        if entries.len() <= 64 {
            let mut hashes = [0u32; 64];
            for (h, (k, _)) in hashes.iter_mut().zip(entries) {
                *h = key_hash(k);
            }
            let twice = (1..entries.len()).any(|i| {
                (0..i).any(|j| hashes[i] == hashes[j] && super::same(entries[i].0, entries[j].0))
            });
            if !twice {
                return;
            }
        }
        let mut order: Vec<usize> = (0..entries.len()).collect();
        // Stable: equal keys stay in document order.
        order.sort_by(|&a, &b| entries[a].0.cmp(entries[b].0));
        if !order.windows(2).any(|p| entries[p[0]].0 == entries[p[1]].0) {
            return;
        }
        let mut keep = vec![true; entries.len()];
        let mut moves = Vec::new();
        // For each group of equal keys: the first place, the last value.
        let mut i = 0;
        while i < order.len() {
            let mut j = i;
            while j + 1 < order.len() && entries[order[j + 1]].0 == entries[order[i]].0 {
                j += 1;
                keep[order[j]] = false;
            }
            if j > i {
                moves.push((order[i], order[j]));
            }
            i = j + 1;
        }
        for (first, last) in moves {
            let (key, value) = self.entries[start + last];
            self.entries[start + first].1 = value;
            self.duplicate(dups, key);
        }
        let mut k = 0;
        let tail: Vec<_> = self.entries.drain(start..).collect();
        self.entries.extend(tail.into_iter().filter(|_| {
            k += 1;
            keep[k - 1]
        }));
    }
}

/// Reads one value into the builder's arena.
pub(crate) struct Seed<'b, 'a>(pub &'b mut Builder<'a>);

impl<'de: 'a, 'a> DeserializeSeed<'de> for Seed<'_, 'a> {
    type Value = Value<'a>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value<'a>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de: 'a, 'a> Visitor<'de> for Seed<'_, 'a> {
    type Value = Value<'a>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value<'a>, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Value<'a>, E> {
        Ok(Value::Number(n.into()))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Value<'a>, E> {
        Ok(Value::Number(n.into()))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Value<'a>, E> {
        Ok(Number::from_f64(n).map_or(Value::Null, Value::Number))
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Value<'a>, E> {
        Ok(Value::String(s))
    }
    fn visit_str<E>(self, s: &str) -> Result<Value<'a>, E> {
        Ok(Value::String(self.0.arena.alloc_str(s)))
    }
    fn visit_unit<E>(self) -> Result<Value<'a>, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value<'a>, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'a>, A::Error> {
        let b = self.0;
        let start = b.items_len();
        while let Some(v) = seq.next_element_seed(Seed(&mut *b))? {
            b.push_item(v);
        }
        Ok(b.array(start))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value<'a>, A::Error> {
        let b = self.0;
        let (start, dups) = b.object_start();
        let mut seen = 0;
        while let Some(k) = access.next_key_seed(Key(b.arena))? {
            let v = access.next_value_seed(Seed(&mut *b))?;
            b.push(start, dups, &mut seen, k, v);
        }
        Ok(Value::Object(b.object(start, dups)))
    }
}

/// An object's key, borrowed when it holds no escape.
struct Key<'a>(&'a Bump);

impl<'de: 'a, 'a> DeserializeSeed<'de> for Key<'a> {
    type Value = &'a str;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<&'a str, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de: 'a, 'a> Visitor<'de> for Key<'a> {
    type Value = &'a str;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<&'a str, E> {
        Ok(s)
    }
    fn visit_str<E>(self, s: &str) -> Result<&'a str, E> {
        Ok(self.0.alloc_str(s))
    }
}
