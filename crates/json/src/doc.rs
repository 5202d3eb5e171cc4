//! A parsed document: its root value and the arena that holds its arrays, objects and
//! unescaped strings. A document parsed from borrowed text keeps borrowing it; one built
//! from owned data (a context, an API's answer, `json!`) owns everything it points to.

use std::cell::RefCell;
use std::fmt;
use std::marker::PhantomData;

use bumpalo::Bump;

use super::de::{Builder, Seed};
use super::fast::Facts;
use super::{Map, Value};

/// An arena larger than this after a parse is freed rather than kept for the next one,
/// so one huge payload does not hold its memory for the rest of a batch.
const KEEP_ARENA_UP_TO: usize = 4 << 20;
/// How many idle arenas a thread keeps (a rule may parse a payload inside another's).
const POOL: usize = 4;

thread_local! {
    static ARENAS: RefCell<Vec<Bump>> = const { RefCell::new(Vec::new()) };
}

fn arena() -> Bump {
    ARENAS.with(|p| p.borrow_mut().pop()).unwrap_or_default()
}

/// A JSON document. Read it through [`Document::value`].
///
/// A value cannot outlive its document (the arena goes with it):
///
/// ```compile_fail
/// let v = {
///     let doc = orderlint_json::from_str("[1]").unwrap();
///     *doc.value()
/// };
/// ```
///
/// nor a document the text it borrows:
///
/// ```compile_fail
/// let doc = {
///     let text = String::from("[1]");
///     orderlint_json::from_str(&text).unwrap()
/// };
/// ```
///
/// while an owned one stands alone:
///
/// ```
/// let doc = {
///     let text = String::from(r#"{"a": "b"}"#);
///     orderlint_json::Document::parse_owned(text).unwrap()
/// };
/// assert_eq!(doc.value()["a"], "b");
/// ```
pub struct Document<'t> {
    /// Points into `arena`, `owned` and the text `'t`: never handed out as `'static`,
    /// only for as long as the document is borrowed (see [`Document::value`]).
    root: Value<'static>,
    arena: Bump,
    /// What the fast path saw while parsing (none when serde_json parsed it, or the
    /// document was built).
    facts: Option<Facts>,
    /// The text an owned document was parsed from.
    _owned: Option<Box<str>>,
    text: PhantomData<&'t str>,
}

// SAFETY: the arena is the only part that is not `Sync`, and nothing reaches it through a
// shared borrow: it is written while the document is built and reset when it is
// dropped, both with the document owned. Readers see only plain `Value`s.
unsafe impl Sync for Document<'_> {}

impl<'t> Document<'t> {
    /// Parses `text`: serde_json's grammar, its recursion limit and its error messages.
    pub fn parse(text: &'t str) -> Result<Document<'t>, serde_json::Error> {
        let arena = arena();
        let (root, facts) = match parse_in(text, &arena) {
            Ok(parsed) => parsed,
            Err(e) => {
                give_back(arena);
                return Err(e);
            }
        };
        // SAFETY: `root` borrows `text` (which outlives the document, `'t`) and the
        // arena's chunks (which stay put when the `Bump` moves, and live as long as the
        // document); it is only ever read back with the document's borrow.
        let root = unsafe { erase(root) };
        Ok(Document {
            root,
            arena,
            facts,
            _owned: None,
            text: PhantomData,
        })
    }

    /// The root value, for as long as the document is borrowed.
    pub fn value(&self) -> &Value<'_> {
        &self.root
    }

    /// What the parser saw of the whole document, when the fast path parsed it.
    pub fn facts(&self) -> Option<Facts> {
        self.facts
    }

    /// The same document, owning everything it points to.
    pub fn to_owned_document(&self) -> Document<'static> {
        owned_with(|arena| copy_in(&self.root, arena))
    }
}

impl Document<'static> {
    /// Parses text it then owns.
    pub fn parse_owned(text: String) -> Result<Document<'static>, serde_json::Error> {
        let owned: Box<str> = text.into_boxed_str();
        let arena = arena();
        // SAFETY: the box's bytes stay put when the box moves into the document, and
        // live as long as it.
        let text: &'static str = unsafe { &*(owned.as_ref() as *const str) };
        let (root, facts) = parse_in(text, &arena)?;
        let root = unsafe { erase(root) };
        Ok(Document {
            root,
            arena,
            facts,
            _owned: Some(owned),
            text: PhantomData,
        })
    }

    /// A document built in code: `build` makes its values in the arena it is given.
    pub fn build(build: impl for<'a> FnOnce(Arena<'a>) -> Value<'a>) -> Document<'static> {
        owned_with(|arena| build(Arena(arena)))
    }

    /// A document holding a copy of a `serde_json::Value`.
    pub fn from_serde(v: &serde_json::Value) -> Document<'static> {
        owned_with(|arena| from_serde_in(v, arena))
    }
}

/// Makes values inside a document being built ([`Document::build`]).
#[derive(Clone, Copy)]
pub struct Arena<'a>(&'a Bump);

impl<'a> Arena<'a> {
    pub fn str(self, s: &str) -> Value<'a> {
        Value::String(self.0.alloc_str(s))
    }
    pub fn array(self, items: impl IntoIterator<Item = Value<'a>>) -> Value<'a> {
        let items: Vec<_> = items.into_iter().collect();
        Value::Array(self.0.alloc_slice_copy(&items))
    }
    /// An object as a parser would read these entries: a key given twice keeps its first
    /// place and its last value, and is listed among the duplicates.
    pub fn object<'k>(self, entries: impl IntoIterator<Item = (&'k str, Value<'a>)>) -> Value<'a> {
        let mut b = Builder::new(self.0);
        let mut seen = 0;
        for (k, v) in entries {
            b.push(0, 0, &mut seen, self.0.alloc_str(k), v);
        }
        Value::Object(b.object(0, 0))
    }
}

fn owned_with(build: impl for<'a> FnOnce(&'a Bump) -> Value<'a>) -> Document<'static> {
    let arena = arena();
    // SAFETY: as in `Document::parse`; the value points only into the arena.
    let root = unsafe { erase(build(&arena)) };
    Document {
        root,
        arena,
        facts: None,
        _owned: None,
        text: PhantomData,
    }
}

/// Widens a value's lifetime so it can be kept beside what it borrows.
///
/// # Safety
/// The value must only be read back through a borrow of what keeps it alive.
unsafe fn erase(v: Value<'_>) -> Value<'static> {
    std::mem::transmute::<Value<'_>, Value<'static>>(v)
}

/// Parses `text` into `arena`.
/// Parses `text` into `arena`: by the fast path when it can (with what it saw), else by
/// serde_json.
pub(crate) fn parse_in<'a>(
    text: &'a str,
    arena: &'a Bump,
) -> Result<(Value<'a>, Option<Facts>), serde_json::Error> {
    let mut builder = Builder::new(arena);
    if let Some((v, facts)) = super::fast::parse(text, &mut builder) {
        return Ok((v, Some(facts)));
    }
    serde_parse_in(text, Builder::new(arena)).map(|v| (v, None))
}

/// Parses `text` with serde_json's parser, building the same values as the fast path.
pub(crate) fn serde_parse_in<'a>(
    text: &'a str,
    mut builder: Builder<'a>,
) -> Result<Value<'a>, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let v = serde::de::DeserializeSeed::deserialize(Seed(&mut builder), &mut de)?;
    de.end()?;
    Ok(v)
}

fn from_serde_in<'a>(v: &serde_json::Value, arena: &'a Bump) -> Value<'a> {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => Value::Number(n.into()),
        serde_json::Value::String(s) => Value::String(arena.alloc_str(s)),
        serde_json::Value::Array(a) => {
            Value::Array(arena.alloc_slice_fill_iter(a.iter().map(|v| from_serde_in(v, arena))))
        }
        serde_json::Value::Object(m) => {
            let entries = arena.alloc_slice_fill_iter(
                m.iter()
                    .map(|(k, v)| (&*arena.alloc_str(k), from_serde_in(v, arena))),
            );
            Value::Object(arena.alloc(Map::new(entries, &[])))
        }
    }
}

fn copy_in<'a>(v: &Value<'_>, arena: &'a Bump) -> Value<'a> {
    match *v {
        Value::Null => Value::Null,
        Value::Bool(b) => Value::Bool(b),
        Value::Number(n) => Value::Number(n),
        Value::String(s) => Value::String(arena.alloc_str(s)),
        Value::Array(a) => {
            Value::Array(arena.alloc_slice_fill_iter(a.iter().map(|v| copy_in(v, arena))))
        }
        Value::Object(m) => {
            let entries = arena.alloc_slice_fill_iter(
                m.iter()
                    .map(|(k, v)| (&*arena.alloc_str(k), copy_in(v, arena))),
            );
            let dups =
                arena.alloc_slice_fill_iter(m.duplicates().iter().map(|k| &*arena.alloc_str(k)));
            Value::Object(arena.alloc(Map::new(entries, dups)))
        }
    }
}

impl Drop for Document<'_> {
    fn drop(&mut self) {
        self.root = Value::Null;
        give_back(std::mem::take(&mut self.arena));
    }
}

/// Keeps an arena for the thread's next document, unless it grew large.
fn give_back(mut arena: Bump) {
    if arena.allocated_bytes() > KEEP_ARENA_UP_TO {
        return;
    }
    arena.reset();
    // `try_with`: a document dropped while the thread ends just frees its arena.
    let _ = ARENAS.try_with(|p| {
        let mut pool = p.borrow_mut();
        if pool.len() < POOL {
            pool.push(arena);
        }
    });
}

impl Clone for Document<'_> {
    fn clone(&self) -> Self {
        // A copy owns its data, so it may claim any lifetime the original had.
        self.to_owned_document()
    }
}

impl fmt::Debug for Document<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.root, f)
    }
}

impl PartialEq for Document<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.value() == other.value()
    }
}

impl From<serde_json::Value> for Document<'static> {
    fn from(v: serde_json::Value) -> Document<'static> {
        Document::from_serde(&v)
    }
}

impl From<&serde_json::Value> for Document<'static> {
    fn from(v: &serde_json::Value) -> Document<'static> {
        Document::from_serde(v)
    }
}
