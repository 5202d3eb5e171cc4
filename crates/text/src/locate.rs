//! Where a JSON Pointer points in the text: so the page can take the user from an issue to
//! the exact place in the payload. Works on any text, valid or not, without panicking.

/// Deeper than this the text is not walked (the parser refuses such text anyway).
const MAX_DEPTH: usize = 256;

/// The byte range of the value at `pointer`. When the pointer names a member that does not
/// exist (a missing field), the range of the deepest value that does exist.
pub fn locate(text: &str, pointer: &str) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let mut start = skip_ws(b, 0);
    if start >= b.len() {
        return None;
    }
    let segments: Vec<String> = if pointer.is_empty() {
        vec![]
    } else {
        pointer
            .strip_prefix('/')?
            .split('/')
            .map(|s| s.replace("~1", "/").replace("~0", "~"))
            .collect()
    };
    for seg in &segments {
        match child(text, start, seg) {
            Some((_, pos)) => start = pos,
            None => break,
        }
    }
    let end = skip_value(b, start, 0)?;
    Some((start, end))
}

/// The value at `pointer` when it is there (no parent stands in for it): its byte range,
/// and for an object's member the range of its key, quotes included. What a fix edits.
pub struct Exact {
    pub key: Option<(usize, usize)>,
    pub value: (usize, usize),
}

pub fn locate_exact(text: &str, pointer: &str) -> Option<Exact> {
    let b = text.as_bytes();
    let mut start = skip_ws(b, 0);
    let mut key = None;
    if !pointer.is_empty() {
        for seg in pointer.strip_prefix('/')?.split('/') {
            let seg = seg.replace("~1", "/").replace("~0", "~");
            let (k, pos) = child(text, start, &seg)?;
            key = k;
            start = pos;
        }
    }
    let end = skip_value(b, start, 0)?;
    Some(Exact {
        key,
        value: (start, end),
    })
}

/// The member `seg` of the container at `pos`: its key's range (for an object) and the
/// start of its value.
fn child(text: &str, pos: usize, seg: &str) -> Option<(Option<(usize, usize)>, usize)> {
    let b = text.as_bytes();
    match b.get(pos)? {
        b'{' => {
            let mut i = skip_ws(b, pos + 1);
            while b.get(i)? == &b'"' {
                let key_start = i;
                let key_end = skip_string(b, i)?;
                let key: Option<String> = serde_json::from_str(&text[i..key_end]).ok();
                i = skip_ws(b, key_end);
                if b.get(i)? != &b':' {
                    return None;
                }
                let value = skip_ws(b, i + 1);
                if key.as_deref() == Some(seg) {
                    return Some((Some((key_start, key_end)), value));
                }
                i = skip_ws(b, skip_value(b, value, 0)?);
                match b.get(i)? {
                    b',' => i = skip_ws(b, i + 1),
                    _ => return None,
                }
            }
            None
        }
        b'[' => {
            let index: usize = seg.parse().ok()?;
            let mut i = skip_ws(b, pos + 1);
            for _ in 0..index {
                i = skip_ws(b, skip_value(b, i, 0)?);
                if b.get(i)? != &b',' {
                    return None;
                }
                i = skip_ws(b, i + 1);
            }
            (b.get(i)? != &b']').then_some((None, i))
        }
        _ => None,
    }
}

/// The index of the first byte at or after `i` that is not JSON whitespace.
pub fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// The end of the string starting at `i` (just past its closing quote).
fn skip_string(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            b'"' => return Some(j + 1),
            _ => j += 1,
        }
    }
    None
}

/// The end of the value starting at `i` (text that is not JSON may still get an end:
/// the parser has the last word).
pub fn skip_value(b: &[u8], i: usize, depth: usize) -> Option<usize> {
    if depth > MAX_DEPTH {
        return None;
    }
    match b.get(i)? {
        b'"' => skip_string(b, i),
        open @ (b'{' | b'[') => {
            let close = if *open == b'{' { b'}' } else { b']' };
            let mut j = skip_ws(b, i + 1);
            loop {
                match b.get(j)? {
                    c if *c == close => return Some(j + 1),
                    b',' | b':' => j = skip_ws(b, j + 1),
                    _ => j = skip_ws(b, skip_value(b, j, depth + 1)?),
                }
            }
        }
        _ => {
            let mut j = i;
            while j < b.len() && !matches!(b[j], b',' | b'}' | b']') && !b[j].is_ascii_whitespace()
            {
                j += 1;
            }
            (j > i).then_some(j)
        }
    }
}

/// The string at `pointer`, read from the text without parsing the rest of it: what a
/// request path needs from a payload that is being typed (and may not be JSON yet).
pub fn string_at(text: &str, pointer: &str) -> Option<String> {
    let (start, end) = locate(text, pointer)?;
    let found = text.get(start..end)?;
    // `locate` falls back to the deepest value that exists: only a string is an answer.
    if !found.starts_with('"') {
        return None;
    }
    serde_json::from_str(found).ok()
}

/// The byte offset of a 1-based line and column (as the parser reports them), clamped to
/// the text.
pub fn line_col_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = &text[line_start.min(text.len())..];
    let col: usize = rest
        .chars()
        .take(column.saturating_sub(1))
        .take_while(|c| *c != '\n')
        .map(char::len_utf8)
        .sum();
    (line_start + col).min(text.len())
}

/// A byte offset as UTF-16 code units, the unit the browser's text selection counts in.
pub fn utf16_offset(text: &str, byte: usize) -> usize {
    let mut b = byte.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    text[..b].encode_utf16().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"{
  "order": {
    "number": "AMZ-1",
    "a/b": {"x~y": [1, {"q": true}]},
    "line_items_attributes": [
      {"remote_id": "x", "quantity": 0},
      {"remote_id": "é\"}", "quantity": 2}
    ]
  }
}"#;

    fn at(p: &str) -> &str {
        let (s, e) = locate(DOC, p).unwrap();
        &DOC[s..e]
    }

    #[test]
    fn finds_values() {
        assert_eq!(at("/order/number"), "\"AMZ-1\"");
        assert_eq!(at("/order/line_items_attributes/1/quantity"), "2");
        assert_eq!(at("/order/line_items_attributes/1/remote_id"), "\"é\\\"}\"");
        assert_eq!(at("/order/a~1b/x~0y/1/q"), "true");
        assert!(at("").starts_with('{') && at("").ends_with('}'));
    }

    #[test]
    fn missing_members_point_at_the_deepest_existing_value() {
        assert!(at("/order/customer_attributes").starts_with("{\n    \"number\""));
        assert_eq!(
            at("/order/line_items_attributes/0/sellable_id"),
            "{\"remote_id\": \"x\", \"quantity\": 0}"
        );
        assert!(at("/order/line_items_attributes/9").starts_with('['));
    }

    #[test]
    fn broken_text_never_panics() {
        for t in [
            "",
            "{",
            "{\"a\"",
            "{\"a\":",
            "[1,",
            "\"abc",
            "{\"a\" 1}",
            "[[[[",
            "é",
        ] {
            let _ = locate(t, "/a/0/b");
        }
        let deep = "[".repeat(10_000);
        assert_eq!(locate(&deep, "/0/0"), None);
    }

    #[test]
    fn strings_are_read_in_place() {
        assert_eq!(string_at(DOC, "/order/number").as_deref(), Some("AMZ-1"));
        assert_eq!(
            string_at(DOC, "/order/line_items_attributes/1/remote_id").as_deref(),
            Some("é\"}")
        );
        assert_eq!(string_at(DOC, "/order/missing"), None);
        assert_eq!(
            string_at(DOC, "/order/line_items_attributes/0/quantity"),
            None
        );
        assert_eq!(
            string_at(
                "{\"mp_order_number\": \"A-1\", \"broken\": ",
                "/mp_order_number"
            )
            .as_deref(),
            Some("A-1")
        );
    }

    #[test]
    fn line_and_column() {
        let t = "{\n  \"é\": ,\n}";
        assert_eq!(&t[line_col_offset(t, 2, 8)..], ",\n}");
        assert_eq!(line_col_offset(t, 99, 99), t.len());
        assert_eq!(line_col_offset("", 1, 1), 0);
    }

    #[test]
    fn utf16_offsets() {
        assert_eq!(utf16_offset("é𝄞x", 2), 1);
        assert_eq!(utf16_offset("é𝄞x", 6), 3);
        assert_eq!(utf16_offset("é𝄞x", 1), 0);
        assert_eq!(utf16_offset("ab", 99), 2);
    }
}
